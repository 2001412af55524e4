/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The modem's "NO CARRIER" in the data stream after CONNECT.  A modem whose carrier drops
 * goes back to command mode and says so in words; on a serial port without a DCD line (a
 * pty, a three-wire cable, a modem set to AT&C0) that is the only sign.  It counts only right
 * after a PPP flag (0x7e) or at the start of the data, on a line of its own: inside a frame
 * the text is payload (an IP packet may well hold it), and a frame cannot begin with it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint state;
} DtNoCarrierScanner;

void     dt_no_carrier_scanner_init (DtNoCarrierScanner *scanner);
/* TRUE once @data completes "NO CARRIER" on a line of its own after a flag. */
gboolean dt_no_carrier_scan         (DtNoCarrierScanner *scanner,
                                     const guint8       *data,
                                     gsize               length);

G_END_DECLS
