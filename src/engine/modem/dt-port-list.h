/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPortList: the serial ports an entry can use, as a GListModel of DtPortInfo that follows
 * udev (GUdevClient on the tty subsystem): a USB modem plugged in appears, one pulled out
 * goes.  Each port carries its /dev/serial/by-id name, why this user cannot open it, and
 * what ModemManager knows of it; a change to any of these is an items-changed of that port,
 * so that a menu built from the list can follow it.  Every place that offers ports uses it:
 * the editor, the Connect dialog's Modem row, the import preview, and dialtone-cli.   udev's events reach the list as DtPortDevice descriptions,
 * which tests can feed in directly (a real GUdevClient cannot make devices). */
#pragma once

#include <gio/gio.h>

#include "dt-port-info.h"

G_BEGIN_DECLS

/* A tty device, as udev describes it. */
typedef struct {
  const char *name;           /* the kernel's name: ttyUSB0 */
  const char *device_file;    /* /dev/ttyUSB0 */
  const char *sysfs_path;     /* /sys/devices/…/ttyUSB0 */
  const char * const *links;  /* udev's symlinks, /dev/serial/by-id/… among them */
  const char *description;    /* vendor and model, when udev knows them */
  gboolean has_uart;          /* for ttyS*: a UART behind it (sysfs "type" is not 0) */
} DtPortDevice;

#define DT_TYPE_PORT_LIST (dt_port_list_get_type ())

G_DECLARE_FINAL_TYPE (DtPortList, dt_port_list, DT, PORT_LIST, GObject)

DtPortList *dt_port_list_new             (void);
DtPortList *dt_port_list_new_snapshot    (void);
DtPortList *dt_port_list_new_empty       (void);

void        dt_port_list_handle_event    (DtPortList         *self,
                                          const char         *action,
                                          const DtPortDevice *device);
DtPortInfo *dt_port_list_lookup          (DtPortList         *self,
                                          const char         *path);
char       *dt_port_list_preferred_path  (DtPortList         *self,
                                          const char         *path);
void        dt_port_list_refresh         (DtPortList         *self);

G_END_DECLS
