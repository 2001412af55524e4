/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtErrorDialog: a dial that failed ("Error 676: The line is busy.") or a link that dropped,
 * as an AdwMessageDialog: the engine's detail in the body, the connection log under More
 * Info, and the responses "redial" (at once, or by itself when the countdown on its button
 * reaches zero) and "close" (Close, or Cancel while counting down; also Escape).  For a port
 * the user may not open (633), the command that fixes it, selectable, with a Copy button. */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"
#include "dt-port-access.h"

G_BEGIN_DECLS

#define DT_TYPE_ERROR_DIALOG (dt_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtErrorDialog, dt_error_dialog, DT, ERROR_DIALOG, AdwMessageDialog)

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
