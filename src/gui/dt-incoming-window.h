/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingWindow: the Incoming Connections page (see dt-incoming-window.c). */
#pragma once

#include <adwaita.h>

#include "dt-incoming-server.h"

G_BEGIN_DECLS

#define DT_TYPE_INCOMING_WINDOW (dt_incoming_window_get_type ())
G_DECLARE_FINAL_TYPE (DtIncomingWindow, dt_incoming_window, DT, INCOMING_WINDOW, AdwWindow)

DtIncomingWindow *dt_incoming_window_new (GtkApplication   *application,
                                          DtIncomingServer *server);

G_END_DECLS
