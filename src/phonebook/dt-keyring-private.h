/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-secrets.c (entry passwords) and dt-dialin-secrets.c (dial-in passwords) share: the
 * Secret Service calls, each run as a GTask with no source object and the @source_tag of the
 * caller's public function, with the errors turned into DT_SECRETS_ERROR.  Each keeps its own schema, attributes and labels, so that the items
 * stored before are found as they were.  Private to the phonebook library. */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* One kind of item in the keyring. */
typedef struct {
  const SecretSchema *schema;
  const char *log_prefix;   /* of the debug message an error leaves, "secrets" */
  const char *no_keyring;   /* N_(): the error message when there is no keyring at all */
} DtKeyringKind;

/* Deletes the items matching @old_attributes (none there is fine), then stores @password
 * (copied at once into non-pageable memory) with @attributes and @label.  The task returns
 * TRUE, or the error.  Takes both attribute tables. */
void _dt_keyring_store  (const DtKeyringKind *kind,
                         gpointer             source_tag,
                         GHashTable          *old_attributes,
                         GHashTable          *attributes,
                         const char          *label,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data);
/* Looks the password up by @attributes: the task returns it in non-pageable memory (free it
 * with secret_password_free()), NULL when none is stored, or the error.  Takes @attributes. */
void _dt_keyring_lookup (const DtKeyringKind *kind,
                         gpointer             source_tag,
                         GHashTable          *attributes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data);
/* Deletes every item matching @attributes: the task returns TRUE (also when there was none),
 * or the error.  Takes @attributes. */
void _dt_keyring_clear  (const DtKeyringKind *kind,
                         gpointer             source_tag,
                         GHashTable          *attributes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data);

G_END_DECLS
