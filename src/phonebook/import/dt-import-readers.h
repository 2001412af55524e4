/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The three readers.  Each turns a decoded file into a DtImportResult: every section it
 * found becomes a proposal (or a note about the file), every key a mapped or unmapped note
 * with its line.  They never fail: what they cannot read is in the notes. */
#pragma once

#include "dt-import-result.h"

G_BEGIN_DECLS

/* A file of more sections is no configuration anyone dials from. */
#define DT_IMPORT_MAX_PROPOSALS 1000

DtImportResult *dt_import_wvdial_read (const DtImportText *text);
DtImportResult *dt_import_kppp_read   (const DtImportText *text);
DtImportResult *dt_import_pbk_read    (const DtImportText *text);

/* Shared by the readers: an AT dial command ("ATDT", "ATX3DP") into the entry's dial mode
 * and extra commands. */
void            dt_import_map_dial_command (DtImportProposal  *proposal,
                                            const DtImportKey *key);
/* Adds AT commands (without "AT") to the entry's one line of extra commands. */
void            dt_import_add_extra_commands (DtImportProposal  *proposal,
                                              const DtImportKey *key,
                                              const char        *commands);
/* Text for a login script's quoted argument. */
char           *dt_import_script_quote     (const char        *text);

G_END_DECLS
