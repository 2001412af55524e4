/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLogWindow: the status window's Details: the connection's log, live. */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_LOG_WINDOW (dt_log_window_get_type ())

G_DECLARE_FINAL_TYPE (DtLogWindow, dt_log_window, DT, LOG_WINDOW, AdwWindow)

GtkWidget *dt_log_window_new (GtkWindow    *parent,
                              DtConnection *connection);

G_END_DECLS
