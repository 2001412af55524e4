/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtCallbackDialog: the dialog of the CallbackSetByCaller pause (4098), modal over the
 * progress dialog: "The server can call you back" and the number to call, suggested from
 * the last one used and checked to be dialable.  Call Me Back emits "call-back" with the
 * number; when the server also offers no callback, Connect Without Callback emits
 * "decline"; Cancel emits "cancel". */
#pragma once

#include "dt-pause-dialog.h"

G_BEGIN_DECLS

#define DT_TYPE_CALLBACK_DIALOG (dt_callback_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtCallbackDialog, dt_callback_dialog, DT, CALLBACK_DIALOG, DtPauseDialog)

G_END_DECLS
