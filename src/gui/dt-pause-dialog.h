/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPauseDialog: what the windows of the paused states share (DtTerminalWindow,
 * DtRetryAuthDialog, DtCallbackDialog, DtChangePasswordDialog).  The dial session opens one,
 * modal over the progress dialog, with the entry and its connection.  The subclass emits the
 * user's answer as a signal of its own and closes, unless the session refused the answer
 * meanwhile (dt_pause_dialog_refuse), in which case it says why and stays.  Closing it
 * without an answer (Escape, Cancel, the window's close button) emits "cancel". */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_PAUSE_DIALOG (dt_pause_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (DtPauseDialog, dt_pause_dialog, DT, PAUSE_DIALOG, AdwWindow)

struct _DtPauseDialogClass
{
  AdwWindowClass parent_class;
};

DtEntry      *dt_pause_dialog_get_entry           (DtPauseDialog *self);
DtConnection *dt_pause_dialog_get_connection      (DtPauseDialog *self);
void          dt_pause_dialog_set_error_label     (DtPauseDialog *self,
                                                   GtkLabel      *label);
void          dt_pause_dialog_refuse              (DtPauseDialog *self,
                                                   const GError  *error);

/* For subclasses. */
void          dt_pause_dialog_answer              (DtPauseDialog *self,
                                                   guint          signal_id,
                                                   ...);
void          dt_pause_dialog_show_server_message (DtPauseDialog *self,
                                                   GtkLabel      *label);

G_END_DECLS
