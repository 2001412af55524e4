/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSerialPort: a serial device opened without blocking, under a UUCP lock file, in raw 8N1
 * at a given speed and flow control, read and written through GLib fd sources.  It owns the
 * modem-control lines (DTR, DCD) and reports a dead line (EIO, HUP, end of file) once, as
 * ::carrier-lost.  Whatever state it is disposed in, it leaves no fd, no lock file and no
 * GSource behind. */
#pragma once

#include <gio/gio.h>

#include "dt-entry.h"

G_BEGIN_DECLS

/* Bytes the write queue holds at most; beyond that dt_serial_port_write() refuses. */
#define DT_SERIAL_PORT_MAX_QUEUE (64 * 1024)

#define DT_TYPE_SERIAL_PORT (dt_serial_port_get_type ())

G_DECLARE_FINAL_TYPE (DtSerialPort, dt_serial_port, DT, SERIAL_PORT, GObject)

/* Properties: "path" (construct-only), "lock-dir" (construct-only, NULL = the system's),
 * "is-open".
 * Signals: "data-received" (GBytes *bytes), "carrier-lost" (void). */

DtSerialPort *dt_serial_port_new               (const char     *path,
                                                const char     *lock_dir);

const char   *dt_serial_port_get_path          (DtSerialPort   *self);
const char   *dt_serial_port_get_lock_path     (DtSerialPort   *self);
gboolean      dt_serial_port_is_open           (DtSerialPort   *self);
gboolean      dt_serial_port_is_gone           (DtSerialPort   *self);
guint         dt_serial_port_get_speed         (DtSerialPort   *self);

gboolean      dt_serial_port_open              (DtSerialPort   *self,
                                                guint           speed,
                                                DtFlowControl   flow_control,
                                                GError        **error);
void          dt_serial_port_close             (DtSerialPort   *self);

gboolean      dt_serial_port_write             (DtSerialPort   *self,
                                                const void     *data,
                                                gsize           length);
gsize         dt_serial_port_get_queued        (DtSerialPort   *self);
void          dt_serial_port_set_delimiter     (DtSerialPort   *self,
                                                int             byte);
void          dt_serial_port_discard_output    (DtSerialPort   *self);
void          dt_serial_port_discard_input     (DtSerialPort   *self);

gboolean      dt_serial_port_set_local         (DtSerialPort   *self,
                                                gboolean        local,
                                                GError        **error);
gboolean      dt_serial_port_set_dtr           (DtSerialPort   *self,
                                                gboolean        dtr,
                                                GError        **error);
gboolean      dt_serial_port_get_carrier       (DtSerialPort   *self,
                                                gboolean       *carrier,
                                                GError        **error);

char         *dt_serial_port_lock_name         (const char     *path);
char         *dt_serial_port_find_lock_dir     (void);

G_END_DECLS
