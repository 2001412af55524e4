/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportRow: one proposed entry in the import preview.  The check box chooses it; the
 * title is the name it will get ("Office (2)" when the phonebook has one); expanded, it
 * asks for what the file lacks (a device, a number) and lists every key that was not
 * imported, with its line and why. */
#pragma once

#include <adwaita.h>

#include "dt-import-proposal.h"

G_BEGIN_DECLS

#define DT_TYPE_IMPORT_ROW (dt_import_row_get_type ())

G_DECLARE_FINAL_TYPE (DtImportRow, dt_import_row, DT, IMPORT_ROW, AdwExpanderRow)

GtkWidget        *dt_import_row_new          (DtImportProposal   *proposal,
                                              const char * const *devices);
DtImportProposal *dt_import_row_get_proposal (DtImportRow        *self);

G_END_DECLS
