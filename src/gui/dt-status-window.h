/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtStatusWindow: one connection while it is up, as RAS's status dialog shows it: duration,
 * speed, bytes and frames sent and received, FCS errors, the addresses, DNS servers, the
 * authentication protocol and the device, a live throughput graph, Hang Up and Details. */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_STATUS_WINDOW (dt_status_window_get_type ())

G_DECLARE_FINAL_TYPE (DtStatusWindow, dt_status_window, DT, STATUS_WINDOW, AdwWindow)

GtkWidget    *dt_status_window_new            (GtkApplication *application,
                                               DtConnection   *connection);
DtConnection *dt_status_window_get_connection (DtStatusWindow *self);

G_END_DECLS
