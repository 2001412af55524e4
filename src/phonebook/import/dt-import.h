/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing a dial-up configuration from another tool: wvdial.conf, kppprc or a Windows
 * phonebook (rasphone.pbk).  Reading a file gives a DtImportResult (proposed entries with
 * what was and was not mapped, nothing saved); dt_import_apply_async() then adds the chosen
 * ones to the phonebook in one save and their passwords to the keyring; dt_export_entry()
 * writes an entry back in wvdial's or Windows' format.  No GTK here: the GUI and
 * dialtone-cli both drive this. */
#pragma once

#include "dt-import-result.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

DtImportResult *dt_import_read_data         (const guint8        *data,
                                             gsize                length,
                                             const char          *name,
                                             DtImportFormat       format,
                                             GError             **error);
DtImportResult *dt_import_read_file         (const char          *path,
                                             DtImportFormat       format,
                                             GCancellable        *cancellable,
                                             GError             **error);
void            dt_import_read_file_async   (const char          *path,
                                             DtImportFormat       format,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
DtImportResult *dt_import_read_file_finish  (GAsyncResult        *result,
                                             GError             **error);

DtImportFormat  dt_import_detect_format     (const DtImportText  *text,
                                             const char          *name);

/* A file found where the tools keep their configuration. */
typedef struct {
  char *path;
  DtImportFormat format;
} DtImportCandidate;

GPtrArray      *dt_import_find_candidates   (const char          *sysconfdir);
void            dt_import_candidate_free    (DtImportCandidate   *candidate);

G_END_DECLS
