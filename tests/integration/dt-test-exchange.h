/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A telephone exchange between two Hayes modems, for Dialtone calling Dialtone: two pty
 * pairs, each slave a modem line that Dialtone opens.  A side in command mode answers every
 * AT command with OK; ATD rings the other side (RING every second), whose ATA connects both
 * (CONNECT 33600); online, bytes cross; "+++" returns to command mode, and ATH (or closing the
 * port) hangs up, the other side hearing NO CARRIER.  Everything runs on the main loop. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtTestExchange DtTestExchange;

DtTestExchange *dt_test_exchange_new       (void);
void            dt_test_exchange_free      (DtTestExchange *self);
/* The device path of side 0 or 1. */
const char     *dt_test_exchange_get_line  (DtTestExchange *self,
                                            guint           side);
/* Cuts side @side's line: its pty's master closes, so that whoever holds the line reads
 * EIO, as a tty reads when the modem drops its carrier.  The side is dead from then on. */
void            dt_test_exchange_cut       (DtTestExchange *self,
                                            guint           side);
/* The numbers dialed from side @side so far, ", "-separated. */
const char     *dt_test_exchange_get_dialed (DtTestExchange *self,
                                             guint           side);

G_END_DECLS
