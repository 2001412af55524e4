/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applying an import: the selected proposals become entries of the phonebook in one save,
 * named as dt_import_result_assign_names() says, and the passwords they carry go to the
 * keyring (DtSecrets), never to phonebook.ini.  All or nothing: a proposal that cannot be
 * saved, or a failed write, changes nothing (passwords already stored are taken back out).
 * A keyring that is missing or refuses does not stop the import: the entry then asks for its
 * password, and the summary says so. */
#pragma once

#include "dt-import-result.h"

G_BEGIN_DECLS

typedef struct {
  char *source;                /* the file, as the summary names it */
  DtImportFormat format;
  /* NULL-terminated arrays of strings. */
  GPtrArray *names;            /* the entries added, as named */
  GPtrArray *renamed;          /* pairs: the name in the file, the name given */
  GPtrArray *passwords;        /* entries whose password is in the keyring now */
  GPtrArray *no_password;      /* entries whose password could not be stored */
  char *keyring_error;         /* why, when some could not */
} DtImportSummary;

void             dt_import_apply_async    (DtImportResult       *result,
                                           DtPhonebook          *phonebook,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
DtImportSummary *dt_import_apply_finish   (GAsyncResult         *result,
                                           GError              **error);

void             dt_import_summary_free   (DtImportSummary      *summary);
char            *dt_import_summary_format (const DtImportSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtImportSummary, dt_import_summary_free)

G_END_DECLS
