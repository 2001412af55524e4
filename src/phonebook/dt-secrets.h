/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSecrets: entry passwords in the user's keyring (libsecret), never in phonebook.ini.
 * An item has the schema io.github.dialtone.Password and the attributes "uuid" (the entry)
 * and "user".  Every call is asynchronous.  When no keyring is running, the calls fail with
 * DT_SECRETS_ERROR_NO_KEYRING and a sentence the UI shows as it is. */
#pragma once

#include <gio/gio.h>

#include "dt-entry.h"

G_BEGIN_DECLS

#define DT_SECRETS_ERROR (dt_secrets_error_quark ())

typedef enum {
  DT_SECRETS_ERROR_NO_KEYRING,   /* no Secret Service on the session bus, or no session bus */
  DT_SECRETS_ERROR_FAILED,       /* the keyring answered with an error (locked, dismissed) */
} DtSecretsError;

GQuark              dt_secrets_error_quark   (void);

void                dt_secrets_store_async   (DtEntry              *entry,
                                              const char           *password,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean            dt_secrets_store_finish  (GAsyncResult         *result,
                                              GError              **error);

void                dt_secrets_lookup_async  (DtEntry              *entry,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char               *dt_secrets_lookup_finish (GAsyncResult         *result,
                                              GError              **error);
/* For a form that fills in the saved password: the password, or NULL when none is saved, the
 * keyring failed (a debug message says why) or the lookup was cancelled, which @cancelled
 * tells: then whoever asked may be gone. */
char               *dt_secrets_lookup_finish_quietly (GAsyncResult *result,
                                                      gboolean     *cancelled);

void                dt_secrets_clear_async   (const char           *uuid,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean            dt_secrets_clear_finish  (GAsyncResult         *result,
                                              GError              **error);

void                dt_secrets_password_free (char                 *password);

G_END_DECLS
