/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtTextRow: a preferences row to type text into, as AdwEntryRow looks (the title above the
 * text), built on a GtkEntry, or for a password ("password" at construction) on a
 * GtkPasswordEntry with a Show Password toggle.  It is a GtkEditable that delegates to that
 * entry, and takes suffix widgets (dt_text_row_add_suffix, or <child type="suffix"> in a
 * .ui file).  Properties: "password", "activates-default", "input-purpose",
 * "show-apply-button" (an Apply button once the user has typed; it, or Enter, emits
 * "apply"). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DT_TYPE_TEXT_ROW (dt_text_row_get_type ())

G_DECLARE_FINAL_TYPE (DtTextRow, dt_text_row, DT, TEXT_ROW, AdwPreferencesRow)

GtkWidget *dt_text_row_new                (void);
GtkWidget *dt_text_row_get_entry          (DtTextRow *self);
GtkWidget *dt_text_row_get_reveal_button  (DtTextRow *self);
void       dt_text_row_add_suffix         (DtTextRow *self,
                                           GtkWidget *widget);

G_END_DECLS
