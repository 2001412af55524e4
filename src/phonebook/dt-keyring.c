/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Secret Service calls of dt-secrets.c and dt-dialin-secrets.c: see dt-keyring-private.h.
 * Errors that mean "there is no keyring" (no session bus, no org.freedesktop.secrets) become
 * DT_SECRETS_ERROR_NO_KEYRING; passwords never reach a log message. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-keyring-private.h"
#include "dt-secrets.h"

typedef struct {
  const DtKeyringKind *kind;
  GHashTable *attributes;
  char *label;
  SecretValue *value;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->attributes, g_hash_table_unref);
  g_free (request->label);
  g_clear_pointer (&request->value, secret_value_unref);
  g_free (request);
}

/* The task of one call, holding its Request. */
static GTask *
task_new (const DtKeyringKind *kind,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  request->kind = kind;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  return task;
}

static void
return_error (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("%s: %s", request->kind->log_prefix, error->message);
  /* A missing bus or service arrives as a D-Bus, I/O or spawn (autolaunch) error. */
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_SPAWN_ERROR)
    g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING, "%s",
                             _(request->kind->no_keyring));
  else
    g_task_return_new_error (task, DT_SECRETS_ERROR, DT_SECRETS_ERROR_FAILED,
                             _("The keyring did not accept the request: %s"), error->message);
  g_error_free (error);
}

/* A call that returns TRUE: @error, or TRUE when it is NULL.  Takes @error. */
static void
return_boolean (GTask  *task,
                GError *error)
{
  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_service_store_finish (NULL, result, &error);
  return_boolean (task, error);
}

/* The old item goes first: replacing one in place is where gnome-keyring-daemon has been seen
 * to fall over, and a renamed user must not leave the old password behind. */
static void
on_old_cleared (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  secret_service_store (NULL, request->kind->schema, request->attributes,
                        SECRET_COLLECTION_DEFAULT, request->label, request->value,
                        g_task_get_cancellable (task), on_stored, g_object_ref (task));
}

void
_dt_keyring_store (const DtKeyringKind *kind,
                   gpointer             source_tag,
                   GHashTable          *old_attributes,
                   GHashTable          *attributes,
                   const char          *label,
                   const char          *password,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = task_new (kind, source_tag, cancellable, callback, user_data);
  Request *request = g_task_get_task_data (task);

  request->attributes = attributes;
  request->label = g_strdup (label);
  /* In libsecret's non-pageable memory, wiped when freed. */
  request->value = secret_value_new (password, -1, "text/plain");
  secret_password_clearv (kind->schema, old_attributes, g_task_get_cancellable (task),
                          on_old_cleared, task);
  g_hash_table_unref (old_attributes);
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
_dt_keyring_lookup (const DtKeyringKind *kind,
                    gpointer             source_tag,
                    GHashTable          *attributes,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = task_new (kind, source_tag, cancellable, callback, user_data);

  secret_password_lookupv (kind->schema, attributes, g_task_get_cancellable (task),
                           on_looked_up, task);
  g_hash_table_unref (attributes);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  return_boolean (task, error);
}

void
_dt_keyring_clear (const DtKeyringKind *kind,
                   gpointer             source_tag,
                   GHashTable          *attributes,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = task_new (kind, source_tag, cancellable, callback, user_data);

  secret_password_clearv (kind->schema, attributes, g_task_get_cancellable (task), on_cleared,
                          task);
  g_hash_table_unref (attributes);
}
