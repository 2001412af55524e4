/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtTerminalWindow: the window of the Interactive pause (4096), modal over the progress
 * dialog: what the server sends before PPP, shown as a terminal would, and a line to type
 * into it (Enter sends it with a carriage return), and Send Password, which emits
 * "send-password" (sensitive when "can-send-password").  Continue emits "continue"; Cancel
 * emits "cancel". */
#pragma once

#include "dt-pause-dialog.h"

G_BEGIN_DECLS

#define DT_TYPE_TERMINAL_WINDOW (dt_terminal_window_get_type ())

G_DECLARE_FINAL_TYPE (DtTerminalWindow, dt_terminal_window, DT, TERMINAL_WINDOW, DtPauseDialog)

G_END_DECLS
