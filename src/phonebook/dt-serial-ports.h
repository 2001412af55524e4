/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The serial ports an entry can dial through: the 8250 ports (/dev/ttyS*) that have a UART
 * behind them, USB modems and adapters (/dev/ttyUSB*, /dev/ttyACM*), and their stable names
 * under /dev/serial/by-id. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char **dt_serial_ports_list    (void);
char **dt_serial_ports_list_in (const char *dev_dir,
                                const char *sys_tty_dir);

G_END_DECLS
