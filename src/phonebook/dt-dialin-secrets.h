/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passwords of the accounts that may dial in, in the user's keyring (libsecret), like
 * entry passwords: never in incoming.ini, a log or the command line.  PAP, CHAP and MS-CHAPv2
 * all need the cleartext secret on the server, so the keyring keeps it.  An item has the
 * schema io.github.dialtone.DialinPassword and the attribute "user".  Errors are
 * DT_SECRETS_ERROR's (dt-secrets.h). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      dt_dialin_secrets_store_async   (const char           *user,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  dt_dialin_secrets_store_finish  (GAsyncResult         *result,
                                           GError              **error);
/* Completes with the password (free with dt_secrets_password_free()), or NULL and no error
 * when the keyring holds none for @user. */
void      dt_dialin_secrets_lookup_async  (const char           *user,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char     *dt_dialin_secrets_lookup_finish (GAsyncResult         *result,
                                           GError              **error);
void      dt_dialin_secrets_clear_async   (const char           *user,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean  dt_dialin_secrets_clear_finish  (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
