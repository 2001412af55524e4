/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem: a Hayes modem on a DtSerialPort, driven asynchronously.  It opens and locks the
 * port, runs the AT dialog (init strings, extra commands, ATD), turns the modem's answer into
 * a connection speed or a RAS error, and then hands the caller the raw data path for PPP or
 * for a terminal window.  It hangs up by dropping DTR, or with "+++" and ATH0 where DTR
 * cannot be dropped (a pty).  A "direct" device (a null-modem cable) skips the AT dialog. */
#pragma once

#include <gio/gio.h>

#include "dt-modem-config.h"
#include "dt-serial-port.h"

G_BEGIN_DECLS

typedef enum {
  DT_MODEM_STATE_CLOSED,
  DT_MODEM_STATE_COMMAND,       /* port open, the modem in command mode, nothing running */
  DT_MODEM_STATE_DIALING,       /* the AT dialog of a dial or an answer is running */
  DT_MODEM_STATE_ONLINE,        /* after CONNECT: bytes pass straight through */
  DT_MODEM_STATE_HANGING_UP,
} DtModemState;

#define DT_TYPE_MODEM (dt_modem_get_type ())

G_DECLARE_FINAL_TYPE (DtModem, dt_modem, DT, MODEM, GObject)

/* Properties (read-only, with notify): "device", "speed", "connect-line".
 * Signals:
 *   "dialing" (const char *number): ATD was sent for @number, as the user knows it
 *   "data-received" (GBytes *bytes): online, after dt_modem_start_data()
 *   "carrier-lost" (void): the line dropped (EIO, HUP, or DCD once online)
 *   "trace" (gboolean sent, const char *line): the AT dialog, for a debug log
 *   "ring" (guint count, const char *caller): listening, each RING, with the caller ID */

DtModem        *dt_modem_new                 (const DtModemConfig  *config);
DtModem        *dt_modem_new_for_entry       (DtEntry              *entry);

const char     *dt_modem_get_device          (DtModem              *self);
DtModemState    dt_modem_get_state           (DtModem              *self);
DtSerialPort   *dt_modem_get_port            (DtModem              *self);
guint           dt_modem_get_speed           (DtModem              *self);
const char     *dt_modem_get_connect_line    (DtModem              *self);

void            dt_modem_open_async          (DtModem              *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        dt_modem_open_finish         (DtModem              *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void            dt_modem_dial_async          (DtModem              *self,
                                              const char           *number,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        dt_modem_dial_finish         (DtModem              *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void            dt_modem_answer_async        (DtModem              *self,
                                              guint                 ring_timeout,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        dt_modem_answer_finish       (DtModem              *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void            dt_modem_listen_async        (DtModem              *self,
                                              guint                 rings,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);

void            dt_modem_hang_up_async       (DtModem              *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        dt_modem_hang_up_finish      (DtModem              *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void            dt_modem_set_peer_gone       (DtModem              *self);

void            dt_modem_start_data          (DtModem              *self);
void            dt_modem_set_read_delimiter  (DtModem              *self,
                                              int                   byte);
gboolean        dt_modem_write               (DtModem              *self,
                                              const void           *data,
                                              gsize                 length);
/* Bytes written and not yet taken by the port. */
gsize           dt_modem_get_queued          (DtModem              *self);

G_END_DECLS
