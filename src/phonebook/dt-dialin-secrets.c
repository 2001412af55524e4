/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dial-in passwords in the Secret Service: see dt-dialin-secrets.h.  Held in libsecret's
 * non-pageable memory and wiped when freed, as entry passwords are (dt-secrets.c). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dt-dialin-secrets.h"
#include "dt-secrets.h"

static const SecretSchema dialin_schema = {
  "io.github.dialtone.DialinPassword", SECRET_SCHEMA_NONE,
  {
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static void
return_error (GTask  *task,
              GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  g_debug ("dial-in secrets: %s", error->message);
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
           error->domain == G_SPAWN_ERROR)
    {
      g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING,
                               _("No keyring is available, so Dialtone cannot keep the "
                                 "passwords of the users who dial in"));
      g_error_free (error);
    }
  else
    {
      g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_FAILED,
                               _("The keyring did not accept the request: %s"),
                               error->message);
      g_error_free (error);
    }
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct {
  char *user;
  char *label;
  char *password;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->user);
  g_free (data->label);
  secret_password_free (data->password);
  g_free (data);
}

/* The old item goes first: replacing one in place is where gnome-keyring-daemon has been seen
 * to fall over, and dt-secrets.c does the same for entries. */
static void
on_old_cleared (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  secret_password_store (&dialin_schema, SECRET_COLLECTION_DEFAULT, data->label, data->password,
                         g_task_get_cancellable (task), on_stored, g_object_ref (task),
                         "user", data->user, NULL);
}

void
dt_dialin_secrets_store_async (const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (user != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_dialin_secrets_store_async);
  data = g_new0 (StoreData, 1);
  data->user = g_strdup (user);
  /* Translators: the label of the password in Passwords and Keys; %s is a user name. */
  data->label = g_strdup_printf (_("Dialtone: password of %s for dialing in"), user);
  /* In libsecret's non-pageable memory, wiped when freed. */
  data->password = secret_value_unref_to_password (secret_value_new (password, -1, "text/plain"),
                                                   NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  secret_password_clear (&dialin_schema, cancellable, on_old_cleared, g_steal_pointer (&task),
                         "user", user, NULL);
}

gboolean
dt_dialin_secrets_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
dt_dialin_secrets_lookup_async (const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_dialin_secrets_lookup_async);
  secret_password_lookup (&dialin_schema, cancellable, on_looked_up, g_steal_pointer (&task),
                          "user", user, NULL);
}

char *
dt_dialin_secrets_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dt_dialin_secrets_clear_async (const char          *user,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_dialin_secrets_clear_async);
  secret_password_clear (&dialin_schema, cancellable, on_cleared, g_steal_pointer (&task),
                         "user", user, NULL);
}

gboolean
dt_dialin_secrets_clear_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
