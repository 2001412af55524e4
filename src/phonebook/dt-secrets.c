/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry passwords in the Secret Service.  A password is held in libsecret's non-pageable
 * memory (a SecretValue, or the string secret_password_lookup returns) and wiped when freed
 * with dt_secrets_password_free().  Storing first clears the entry's items for any user, so
 * renaming the user does not leave the old password behind.  Errors that mean "there is no
 * keyring" (no session bus, no org.freedesktop.secrets) become DT_SECRETS_ERROR_NO_KEYRING:
 * the entry still saves, and the UI says the password will not be remembered.  Passwords
 * never reach a log message. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dt-secrets.h"

G_DEFINE_QUARK (dt-secrets-error-quark, dt_secrets_error)

static const SecretSchema password_schema = {
  "io.github.dialtone.Password", SECRET_SCHEMA_NONE,
  {
    { "uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
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

  g_debug ("secrets: %s", error->message);
  /* A missing bus or service arrives as a D-Bus, I/O or spawn (autolaunch) error. */
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_SPAWN_ERROR)
    g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING,
                             _("No keyring is available, so Dialtone cannot remember "
                               "passwords"));
  else
    g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_FAILED,
                             _("The keyring did not accept the request: %s"), error->message);
  g_error_free (error);
}

typedef struct {
  char *uuid;
  char *user;
  char *label;
  SecretValue *value;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->uuid);
  g_free (data->user);
  g_free (data->label);
  secret_value_unref (data->value);
  g_free (data);
}

static void
on_password_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_service_store_finish (NULL, result, &error))
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_old_passwords_cleared (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GHashTable) attributes = NULL;
  StoreData *data = g_task_get_task_data (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  attributes = secret_attributes_build (&password_schema,
                                        "uuid", data->uuid,
                                        "user", data->user,
                                        NULL);
  secret_service_store (NULL, &password_schema, attributes, SECRET_COLLECTION_DEFAULT,
                        data->label, data->value, g_task_get_cancellable (task),
                        on_password_stored, g_object_ref (task));
}

/**
 * dt_secrets_store_async:
 * @entry: the entry whose UUID and user the password belongs to
 * @password: the password, copied at once into non-pageable memory
 *
 * Stores @password in the default keyring, labelled "Dialtone password for <entry>",
 * replacing any password stored for @entry before.
 */
void
dt_secrets_store_async (DtEntry             *entry,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (DT_IS_ENTRY (entry));
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_secrets_store_async);

  data = g_new0 (StoreData, 1);
  data->uuid = g_strdup (dt_entry_get_uuid (entry));
  data->user = g_strdup (dt_entry_get_user (entry));
  /* Translators: the label of the password in Passwords and Keys; %s is the entry's name. */
  data->label = g_strdup_printf (_("Dialtone password for %s"), dt_entry_get_name (entry));
  data->value = secret_value_new (password, -1, "text/plain");
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  secret_password_clear (&password_schema, cancellable, on_old_passwords_cleared,
                         g_steal_pointer (&task),
                         "uuid", data->uuid,
                         NULL);
}

gboolean
dt_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dt_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_password_looked_up (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * dt_secrets_lookup_async:
 *
 * Looks up the password stored for @entry's UUID and current user.
 */
void
dt_secrets_lookup_async (DtEntry             *entry,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_ENTRY (entry));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_secrets_lookup_async);

  secret_password_lookup (&password_schema, cancellable, on_password_looked_up,
                          g_steal_pointer (&task),
                          "uuid", dt_entry_get_uuid (entry),
                          "user", dt_entry_get_user (entry),
                          NULL);
}

/**
 * dt_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password in non-pageable memory, to be freed
 *   with dt_secrets_password_free(); NULL without an error when none is stored
 */
char *
dt_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dt_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_passwords_cleared (GObject      *object,
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

/**
 * dt_secrets_clear_async:
 * @uuid: an entry's UUID
 *
 * Deletes every password stored for the entry, whatever the user.  Succeeds when there was
 * none.
 */
void
dt_secrets_clear_async (const char          *uuid,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (uuid != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_secrets_clear_async);

  secret_password_clear (&password_schema, cancellable, on_passwords_cleared,
                         g_steal_pointer (&task),
                         "uuid", uuid,
                         NULL);
}

gboolean
dt_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dt_secrets_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Wipes and frees a password from dt_secrets_lookup_finish(). */
void
dt_secrets_password_free (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}
