/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingServer: Incoming Connections for the desktop session: while the settings say so,
 * a DtAnswer answers on each of their modems and cables (one caller per modem), started and
 * stopped as the settings change.  The GUI's page, the tray and the notifications follow it:
 * the answering ports as a GListModel of DtAnswer, how many listen and how many callers are
 * connected, and who connected or was refused. */
#pragma once

#include <gio/gio.h>

#include "dt-answer.h"
#include "dt-incoming.h"

G_BEGIN_DECLS

#define DT_TYPE_INCOMING_SERVER (dt_incoming_server_get_type ())
G_DECLARE_FINAL_TYPE (DtIncomingServer, dt_incoming_server, DT, INCOMING_SERVER, GObject)

/* Properties (read-only, notify): "listening" (guint: ports waiting for a call or in one),
 * "callers" (guint: callers connected).
 *
 * Signals:
 *   caller-connected (DtAnswer *answer, const char *user)
 *   caller-refused (DtAnswer *answer, const char *user, guint code)
 *   changed (): a port changed state (for the tray's tooltip) */

DtIncomingServer *dt_incoming_server_new          (DtIncoming       *incoming);
DtIncoming       *dt_incoming_server_get_incoming (DtIncomingServer *self);
/* The answering ports, a GListModel of DtAnswer. */
GListModel       *dt_incoming_server_get_answers  (DtIncomingServer *self);
void              dt_incoming_server_set_network_mode (DtIncomingServer *self,
                                                       DtNetworkMode     mode);
guint             dt_incoming_server_get_listening (DtIncomingServer *self);
guint             dt_incoming_server_get_callers  (DtIncomingServer *self);
/* Stops every port (hanging up its caller) for good, whatever the settings say: the
 * application quits. */
void              dt_incoming_server_shutdown     (DtIncomingServer *self);
/* The port with a caller connected first, or NULL. */
DtAnswer         *dt_incoming_server_get_caller   (DtIncomingServer *self);

G_END_DECLS
