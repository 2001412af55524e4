/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPauseDialog: what the windows of the paused states share (DtTerminalWindow,
 * DtRetryAuthDialog, DtCallbackDialog, DtChangePasswordDialog).  The progress dialog opens
 * one, modal over itself, with the dial session; the subclass answers the engine through
 * the session.  Closing it without an answer (Escape, Cancel, the window's close button)
 * hangs up. */
#pragma once

#include <adwaita.h>

#include "dt-dial-session.h"

G_BEGIN_DECLS

#define DT_TYPE_PAUSE_DIALOG (dt_pause_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (DtPauseDialog, dt_pause_dialog, DT, PAUSE_DIALOG, AdwWindow)

struct _DtPauseDialogClass
{
  AdwWindowClass parent_class;
};

DtDialSession *dt_pause_dialog_get_session         (DtPauseDialog *self);
void           dt_pause_dialog_set_answered        (DtPauseDialog *self,
                                                    gboolean       answered);
void           dt_pause_dialog_show_server_message (DtPauseDialog *self,
                                                    GtkLabel      *label);

G_END_DECLS
