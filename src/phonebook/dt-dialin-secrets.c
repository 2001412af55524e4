/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dial-in passwords in the Secret Service: see dt-dialin-secrets.h.  Held in libsecret's
 * non-pageable memory and wiped when freed, as entry passwords are; the keyring calls are
 * dt-keyring.c's, which dt-secrets.c makes too. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dt-dialin-secrets.h"
#include "dt-keyring-private.h"
#include "dt-secrets.h"

static const SecretSchema dialin_schema = {
  "io.github.dialtone.DialinPassword", SECRET_SCHEMA_NONE,
  {
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static const DtKeyringKind kind = {
  &dialin_schema, "dial-in secrets",
  N_("No keyring is available, so Dialtone cannot keep the passwords of the users who dial "
     "in"),
};

static GHashTable *
attributes_of (const char *user)
{
  return secret_attributes_build (&dialin_schema, "user", user, NULL);
}

void
dt_dialin_secrets_store_async (const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (user != NULL && password != NULL);

  /* Translators: the label of the password in Passwords and Keys; %s is a user name. */
  label = g_strdup_printf (_("Dialtone: password of %s for dialing in"), user);
  _dt_keyring_store (&kind, dt_dialin_secrets_store_async, attributes_of (user),
                     attributes_of (user), label, password, cancellable, callback, user_data);
}

gboolean
dt_dialin_secrets_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dt_dialin_secrets_lookup_async (const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (user != NULL);

  _dt_keyring_lookup (&kind, dt_dialin_secrets_lookup_async, attributes_of (user), cancellable,
                      callback, user_data);
}

char *
dt_dialin_secrets_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dt_dialin_secrets_clear_async (const char          *user,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (user != NULL);

  _dt_keyring_clear (&kind, dt_dialin_secrets_clear_async, attributes_of (user), cancellable,
                     callback, user_data);
}

gboolean
dt_dialin_secrets_clear_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
