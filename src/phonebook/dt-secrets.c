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

#include "dt-keyring-private.h"
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

static const DtKeyringKind kind = {
  &password_schema, "secrets",
  N_("No keyring is available, so Dialtone cannot remember passwords"),
};

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
  g_autofree char *label = NULL;

  g_return_if_fail (DT_IS_ENTRY (entry));
  g_return_if_fail (password != NULL);

  /* Translators: the label of the password in Passwords and Keys; %s is the entry's name. */
  label = g_strdup_printf (_("Dialtone password for %s"), dt_entry_get_name (entry));

  _dt_keyring_store (&kind, dt_secrets_store_async,
                     secret_attributes_build (&password_schema,
                                              "uuid", dt_entry_get_uuid (entry),
                                              NULL),
                     secret_attributes_build (&password_schema,
                                              "uuid", dt_entry_get_uuid (entry),
                                              "user", dt_entry_get_user (entry),
                                              NULL),
                     label, password, cancellable, callback, user_data);
}

gboolean
dt_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dt_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
  g_return_if_fail (DT_IS_ENTRY (entry));

  _dt_keyring_lookup (&kind, dt_secrets_lookup_async,
                      secret_attributes_build (&password_schema,
                                               "uuid", dt_entry_get_uuid (entry),
                                               "user", dt_entry_get_user (entry),
                                               NULL),
                      cancellable, callback, user_data);
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

char *
dt_secrets_lookup_finish_quietly (GAsyncResult *result,
                                  gboolean     *cancelled)
{
  g_autoptr (GError) error = NULL;
  char *password = dt_secrets_lookup_finish (result, &error);

  *cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error != NULL && !*cancelled)
    g_debug ("No saved password: %s", error->message);
  return password;
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
  g_return_if_fail (uuid != NULL);

  _dt_keyring_clear (&kind, dt_secrets_clear_async,
                     secret_attributes_build (&password_schema, "uuid", uuid, NULL),
                     cancellable, callback, user_data);
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
