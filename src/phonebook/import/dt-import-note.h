/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportNote: one thing an importer says about a line of the file it read: a key it
 * mapped and what it became, a key it did not map and why, or a line it could not read.
 * The value of a password key is never kept in a note. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct {
  guint line;             /* from 1; 0: the file as a whole */
  char *key;              /* NULL: the line itself, not a key */
  char *value;            /* as written; NULL for passwords and for lines */
  char *message;          /* what the key became, or why it was not imported */
  gboolean lost;          /* a setting that had an effect and is not carried over (as
                           * opposed to one Dialtone does not need) */
} DtImportNote;

#define DT_TYPE_IMPORT_NOTE (dt_import_note_get_type ())

GType         dt_import_note_get_type (void) G_GNUC_CONST;
DtImportNote *dt_import_note_new      (guint               line,
                                       const char         *key,
                                       const char         *value,
                                       const char         *message);
DtImportNote *dt_import_note_new_lost (guint               line,
                                       const char         *key,
                                       const char         *value,
                                       const char         *message);
DtImportNote *dt_import_note_copy     (const DtImportNote *note);
void          dt_import_note_free     (DtImportNote       *note);
char         *dt_import_note_format   (const DtImportNote *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtImportNote, dt_import_note_free)

G_END_DECLS
