/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialer: the user's connections, one per phonebook entry, as RasEnumConnections sees
 * them.  The application owns one; its GActions (app.dial, app.hang-up…), the window, the
 * status window and the tray all go through it, so they always agree on what is dialing or
 * connected.  It is a GListModel of the DtConnections that are not Disconnected. */
#pragma once

#include <gio/gio.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_DIALER (dt_dialer_get_type ())
G_DECLARE_FINAL_TYPE (DtDialer, dt_dialer, DT, DIALER, GObject)

/* Properties: "active" (DtConnection: the connection that changed state last among those
 * not Disconnected, or NULL), "busy" (gboolean: some connection is not Disconnected),
 * "network-mode" (DtNetworkMode for new dials).
 *
 * Signals:
 *   connection-state-changed (DtConnection *connection, guint state, const char *detail,
 *     guint sub_entry): every state-changed of every connection, in order.
 *   dial-finished (DtConnection *connection, const GError *error): a dial reached Connected
 *     (error NULL) or ended before it. */

DtDialer     *dt_dialer_new              (void);

void          dt_dialer_set_network_mode (DtDialer            *self,
                                          DtNetworkMode        mode);

/* Starts dialing @entry and returns its connection (owned by the dialer).  Fails with
 * G_IO_ERROR_BUSY when that entry is already dialing or connected. */
DtConnection *dt_dialer_dial             (DtDialer            *self,
                                          DtEntry             *entry,
                                          const DtCredentials *credentials,
                                          GError             **error);

/* The connection of the entry with @uuid: the live one, or the last one (Disconnected, with
 * its error), or NULL when it was never dialed. */
DtConnection *dt_dialer_lookup           (DtDialer            *self,
                                          const char          *uuid);
DtConnection *dt_dialer_get_active       (DtDialer            *self);
gboolean      dt_dialer_get_busy         (DtDialer            *self);

/* Hangs up the entry's connection, if it has one that is not Disconnected. */
void          dt_dialer_hang_up          (DtDialer            *self,
                                          const char          *uuid);
void          dt_dialer_hang_up_all      (DtDialer            *self);

G_END_DECLS
