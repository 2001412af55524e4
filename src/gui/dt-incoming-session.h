/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingSession: Incoming Connections in the application: the settings (loaded once),
 * the ports that answer (DtIncomingServer), a notification when a caller connects or fails
 * to log in (their user name, never a password), the application kept alive while it
 * listens, and the one Incoming Connections window. */
#pragma once

#include <adwaita.h>

#include "dt-incoming-server.h"

G_BEGIN_DECLS

#define DT_TYPE_INCOMING_SESSION (dt_incoming_session_get_type ())
G_DECLARE_FINAL_TYPE (DtIncomingSession, dt_incoming_session, DT, INCOMING_SESSION, GObject)

/* @path: the settings file, NULL for the user's. */
DtIncomingSession *dt_incoming_session_new         (GtkApplication    *application,
                                                    const char        *path);
DtIncomingServer  *dt_incoming_session_get_server  (DtIncomingSession *self);
void               dt_incoming_session_show_window (DtIncomingSession *self);

G_END_DECLS
