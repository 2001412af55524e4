/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtProgressDialog: "Connecting to <entry>", keyed by the connection's state: the engine's
 * message for the current state and a spinner, the states passed so far with their times in
 * an expander, and Cancel, which hangs up from any state.  In a paused state it opens that
 * state's dialog, modal over itself (see pause_dialogs in the .c file). */
#pragma once

#include <adwaita.h>

#include "dt-dial-session.h"

G_BEGIN_DECLS

#define DT_TYPE_PROGRESS_DIALOG (dt_progress_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtProgressDialog, dt_progress_dialog, DT, PROGRESS_DIALOG, AdwWindow)

GtkWidget *dt_progress_dialog_new        (GtkWindow        *parent,
                                          DtDialSession    *session);
void       dt_progress_dialog_push_state (DtProgressDialog *self,
                                          guint             state,
                                          const char       *detail,
                                          guint             sub_entry);

G_END_DECLS
