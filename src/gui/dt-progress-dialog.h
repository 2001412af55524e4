/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtProgressDialog: "Connecting to <entry>", keyed by the connection's state: the engine's
 * message for the current state and a spinner, the states passed so far with their times in
 * an expander, and Cancel.  The dial session pushes each state; closing the dialog (Cancel,
 * Escape) says "Hanging up…" and emits "cancel", and the session closes it once the dial is
 * over. */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_PROGRESS_DIALOG (dt_progress_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtProgressDialog, dt_progress_dialog, DT, PROGRESS_DIALOG, AdwWindow)

GtkWidget *dt_progress_dialog_new             (GtkWindow        *parent,
                                               GtkApplication   *application,
                                               DtEntry          *entry);
void       dt_progress_dialog_push_state      (DtProgressDialog *self,
                                               guint             state,
                                               const char       *detail,
                                               guint             sub_entry);
gboolean   dt_progress_dialog_get_hanging_up  (DtProgressDialog *self);

G_END_DECLS
