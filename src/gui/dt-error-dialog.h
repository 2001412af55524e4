/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtErrorDialog: a dial that failed ("Error 676: The line is busy.") or a link that dropped,
 * with the engine's detail, Redial (at once, or by itself when the countdown reaches zero),
 * Close (Cancel while counting down) and More Info (the connection log).  For a port the user
 * may not open (633), the command that fixes it, selectable, with a Copy button.  It emits
 * "response" with "redial" or "close". */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"
#include "dt-port-access.h"

G_BEGIN_DECLS

#define DT_TYPE_ERROR_DIALOG (dt_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtErrorDialog, dt_error_dialog, DT, ERROR_DIALOG, AdwWindow)

GtkWidget *dt_error_dialog_new           (GtkWindow     *parent,
                                          DtConnection  *connection,
                                          gboolean       link_dropped,
                                          guint          countdown,
                                          guint          attempt,
                                          guint          attempts);
guint      dt_error_dialog_get_countdown (DtErrorDialog *self);
void       dt_error_dialog_show_port_access (DtErrorDialog      *self,
                                             const DtPortAccess *access_info);

G_END_DECLS
