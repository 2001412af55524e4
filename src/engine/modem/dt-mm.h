/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What ModemManager knows, read over D-Bus without waking it: its modem objects, each with
 * its device uid (what InhibitDevice takes), plugin, manufacturer, model and ports, and the
 * modem that owns a given serial port.  A ModemManager that is not running is an empty list,
 * answered by the bus at once; one that does not answer gives up after a bounded time. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DT_MM_SERVICE "org.freedesktop.ModemManager1"
#define DT_MM_PATH "/org/freedesktop/ModemManager1"

typedef struct {
  char *path;            /* /org/freedesktop/ModemManager1/Modem/N */
  char *device;          /* the device uid: the Device property */
  char *plugin;
  char *manufacturer;    /* NULL when ModemManager has none */
  char *model;
  char *primary_port;
  GStrv ports;           /* port names as ModemManager gives them: "ttyUSB0", "pts/3" */
  int state;             /* MMModemState: -1 failed, 0 unknown, … */
} DtMmModem;

void        dt_mm_modem_free            (DtMmModem      *modem);
char       *dt_mm_modem_describe        (const DtMmModem *modem);

char       *dt_mm_port_name             (const char     *device_path);
char       *dt_mm_physdev_path          (const char     *sysfs_path);
char       *dt_mm_device_uid            (const char     *device_path);
DtMmModem  *dt_mm_find_port             (GPtrArray      *modems,
                                         const char     *device_path);
GPtrArray  *dt_mm_parse_managed_objects (GVariant       *objects);

void        dt_mm_list_modems_async     (GDBusConnection     *bus,
                                         int                  timeout_ms,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray  *dt_mm_list_modems_finish    (GDBusConnection     *bus,
                                         GAsyncResult        *result,
                                         gboolean            *running,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtMmModem, dt_mm_modem_free)

G_END_DECLS
