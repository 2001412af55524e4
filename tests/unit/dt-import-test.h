/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the import tests share: reading a file of tests/unit/import, finding a proposal by
 * name, and a list of notes as one string ("4 Modem Type, !22 Carrier Check": the line,
 * "!" for a setting that is lost, the key), so that a test states every note at once. */
#pragma once

#include "dt-import.h"

G_BEGIN_DECLS

char             *dt_import_test_path     (const char     *name);
DtImportResult   *dt_import_test_read     (const char     *name,
                                           DtImportFormat  format);
DtImportProposal *dt_import_test_proposal (DtImportResult *result,
                                           const char     *name);
char             *dt_import_test_notes    (GPtrArray      *notes);
const char       *dt_import_test_reason   (GPtrArray      *notes,
                                           guint           line,
                                           const char     *key);
char             *dt_import_test_strv     (const char * const *list);

G_END_DECLS
