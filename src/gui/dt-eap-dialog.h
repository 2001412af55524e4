/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEapDialog: the dialog of the InvokeEapUI pause (4100), modal over the progress dialog.
 * The server's EAP authentication asks for what only the user can give: the user name, the
 * password, or a response such as a security token's code.  It shows the server's words and
 * one field (hidden as typed but for the user name); Continue answers the server in the same
 * session, and Cancel hangs up. */
#pragma once

#include "dt-pause-dialog.h"

G_BEGIN_DECLS

#define DT_TYPE_EAP_DIALOG (dt_eap_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtEapDialog, dt_eap_dialog, DT, EAP_DIALOG, DtPauseDialog)

G_END_DECLS
