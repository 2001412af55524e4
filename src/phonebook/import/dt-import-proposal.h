/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportProposal: one entry an importer proposes from a section of the file it read: the
 * DtEntry it would add, where in the file it came from, every key it mapped and what that
 * became, every key it did not map and why, and the password it found (which goes to the
 * keyring, never into phonebook.ini).  A section that cannot become an entry (a VPN entry
 * of a Windows phonebook, a dialer whose Inherits loop) is still proposed, as skipped, so
 * that the preview and the CLI can say why.  The preview checks and renames proposals and
 * chooses their device before they are applied. */
#pragma once

#include "dt-entry.h"
#include "dt-import-note.h"
#include "dt-import-ini.h"

G_BEGIN_DECLS

typedef enum {
  DT_IMPORT_KIND_ENTRY,      /* a connection of its own */
  DT_IMPORT_KIND_MODIFIER,   /* a wvdial dialer that only changes the defaults: off at first */
  DT_IMPORT_KIND_SKIPPED,    /* cannot be imported: see the skip reason */
} DtImportKind;

#define DT_TYPE_IMPORT_PROPOSAL (dt_import_proposal_get_type ())

G_DECLARE_FINAL_TYPE (DtImportProposal, dt_import_proposal, DT, IMPORT_PROPOSAL, GObject)

/* Properties: "entry" (DtEntry, construct-only), "selected" (whether to import it),
 * "import-name" (the name it gets, unique in the phonebook: set by
 * dt_import_result_assign_names()). */

DtImportProposal *dt_import_proposal_new            (const char        *source,
                                                     guint              line);

DtEntry          *dt_import_proposal_get_entry      (DtImportProposal  *self);
const char       *dt_import_proposal_get_source     (DtImportProposal  *self);
guint             dt_import_proposal_get_line       (DtImportProposal  *self);
DtImportKind      dt_import_proposal_get_kind       (DtImportProposal  *self);
void              dt_import_proposal_set_kind       (DtImportProposal  *self,
                                                     DtImportKind       kind);
const char       *dt_import_proposal_get_skip_reason (DtImportProposal *self);
void              dt_import_proposal_skip           (DtImportProposal  *self,
                                                     const char        *reason);
gboolean          dt_import_proposal_get_selected   (DtImportProposal  *self);
void              dt_import_proposal_set_selected   (DtImportProposal  *self,
                                                     gboolean           selected);
const char       *dt_import_proposal_get_import_name (DtImportProposal *self);
void              dt_import_proposal_set_import_name (DtImportProposal *self,
                                                     const char        *name);
const char       *dt_import_proposal_get_device_hint (DtImportProposal *self);
void              dt_import_proposal_set_device_hint (DtImportProposal *self,
                                                     const char        *hint);
gboolean          dt_import_proposal_needs_device   (DtImportProposal  *self);
char             *dt_import_proposal_check          (DtImportProposal  *self);

/* Notes, in the order of the file's lines. */
GPtrArray        *dt_import_proposal_get_mapped     (DtImportProposal  *self);
GPtrArray        *dt_import_proposal_get_unmapped   (DtImportProposal  *self);
guint             dt_import_proposal_count_lost     (DtImportProposal  *self);
void              dt_import_proposal_sort_notes     (DtImportProposal  *self);

/* The password found in the file (NULL when none), wiped when the proposal goes. */
const char       *dt_import_proposal_get_password   (DtImportProposal  *self);
void              dt_import_proposal_take_password  (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *password);

/* For the readers: notes, and settings that are checked as they are set. */
void              dt_import_proposal_mapped         (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *what);
void              dt_import_proposal_unmapped       (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *why);
void              dt_import_proposal_lost           (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *why);
gboolean          dt_import_proposal_set            (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *property,
                                                     const char        *what,
                                                     ...);
gboolean          dt_import_proposal_set_uint_text  (DtImportProposal  *self,
                                                     const DtImportKey *key,
                                                     const char        *property,
                                                     const char        *what);
gboolean          dt_import_proposal_set_boolean_text (DtImportProposal *self,
                                                     const DtImportKey *key,
                                                     const char        *property,
                                                     const char        *what,
                                                     gboolean           invert);
gboolean          dt_import_proposal_set_static_address (DtImportProposal  *self,
                                                         const DtImportKey *key);

gboolean          dt_import_parse_boolean           (const char        *text,
                                                     gboolean          *value);
gboolean          dt_import_parse_uint              (const char        *text,
                                                     guint             *value);

G_END_DECLS
