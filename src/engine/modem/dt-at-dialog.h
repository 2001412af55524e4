/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAtDialog: the command-mode conversation with a Hayes modem on an open DtSerialPort.  It
 * sends a script of commands, each of which must answer OK, then ATD or ATA, and waits for
 * CONNECT; or it hangs up in band with "+++" and ATH0.  Its owner (DtModem) feeds it the
 * port's bytes while the modem is in command mode and takes the data path back after
 * CONNECT.  Every wait is a GLib timeout. */
#pragma once

#include <gio/gio.h>

#include "dt-serial-port.h"

G_BEGIN_DECLS

#define DT_TYPE_AT_DIALOG (dt_at_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtAtDialog, dt_at_dialog, DT, AT_DIALOG, GObject)

/* Signals:
 *   "connecting" (const char *command): the last command of a run (ATD…, ATA) was sent
 *   "trace" (gboolean sent, const char *line): every command and every line received
 *   "ring" (guint count, const char *caller): answering, a RING: the how-manieth in a row, and
 *     the caller's number when the modem's caller ID gave one (or NULL) */

DtAtDialog *dt_at_dialog_new            (DtSerialPort         *port,
                                         guint                 command_timeout,
                                         guint                 guard_time);

gsize       dt_at_dialog_feed           (DtAtDialog           *self,
                                         const guint8         *data,
                                         gsize                 length);
gboolean    dt_at_dialog_is_busy        (DtAtDialog           *self);

void        dt_at_dialog_run_async      (DtAtDialog           *self,
                                         const char * const   *commands,
                                         guint                 ring_timeout,
                                         guint                 connect_timeout,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void        dt_at_dialog_set_rings      (DtAtDialog           *self,
                                         guint                 rings);
gboolean    dt_at_dialog_run_finish     (DtAtDialog           *self,
                                         GAsyncResult         *result,
                                         char                **connect_line,
                                         guint                *speed,
                                         GError              **error);
gboolean    dt_at_dialog_abort          (DtAtDialog           *self,
                                         GError               *error);

void        dt_at_dialog_hang_up_async  (DtAtDialog           *self,
                                         gboolean              escape,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean    dt_at_dialog_hang_up_finish (DtAtDialog           *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
