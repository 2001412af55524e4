/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemQueryDialog: "Query Modem" from the entry editor.  Asks the modem on a port what it
 * is (DtModemQuery) and shows the one-line summary and every answer; Cancel stops the query
 * at once, and the port is left closed and unlocked. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DT_TYPE_MODEM_QUERY_DIALOG (dt_modem_query_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtModemQueryDialog, dt_modem_query_dialog, DT, MODEM_QUERY_DIALOG,
                      AdwWindow)

DtModemQueryDialog *dt_modem_query_dialog_new     (GtkWindow   *parent,
                                                   const char  *device,
                                                   guint        speed);
gboolean            dt_modem_query_dialog_is_done (DtModemQueryDialog *self);

G_END_DECLS
