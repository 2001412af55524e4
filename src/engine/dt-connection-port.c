/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The port stage of a DtConnection, before the modem opens and after it closes: ModemManager
 * is asked to let go of the device for the whole call (DtMmInhibitor, bounded, never
 * holding the dial up), and udev is watched so that the port's removal ends the call at
 * once, as a read error would, with 619 (628 once connected). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-connection-private.h"

static void
on_udev_uevent (GUdevClient  *client,
                const char   *action,
                GUdevDevice  *device,
                DtConnection *self)
{
  const char *file = g_udev_device_get_device_file (device);
  char *resolved;
  gboolean ours;

  if (g_strcmp0 (action, "remove") != 0 || file == NULL || self->modem == NULL)
    return;
  resolved = realpath (dt_entry_get_device (self->entry), NULL);
  ours = g_strcmp0 (file, resolved != NULL ? resolved : dt_entry_get_device (self->entry)) == 0;
  free (resolved);
  if (!ours)
    return;
  dt_connection_log (self, "udev: %s was removed", file);
  dt_connection_port_lost (self);
}

static void
watch_udev (DtConnection *self)
{
  static const char * const subsystems[] = { "tty", NULL };

  if (self->udev != NULL)
    return;
  self->udev = g_udev_client_new (subsystems);
  g_signal_connect_object (self->udev, "uevent", G_CALLBACK (on_udev_uevent), self, 0);
}

static void
on_mm_inhibited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;
  DtMmInhibitor *inhibitor = DT_MM_INHIBITOR (object);

  if (dt_mm_inhibitor_inhibit_finish (inhibitor, result, &error))
    dt_connection_log (self, "ModemManager let go of %s (device %s) for this call",
                       dt_mm_inhibitor_get_device_path (inhibitor),
                       dt_mm_inhibitor_get_uid (inhibitor));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    dt_connection_log (self, "ModemManager: %s; dialing regardless", error->message);
  if (self->hanging_up || inhibitor != self->mm_inhibitor)
    return;
  dt_connection_open_modem (self);
}

/* Opens the port: ModemManager first, then the modem (dt-connection-dial.c). */
void
dt_connection_open_port (DtConnection *self)
{
  watch_udev (self);
  if (self->mm_inhibitor != NULL)
    {
      /* Held from an earlier dial of this call (a redial with new credentials). */
      dt_connection_open_modem (self);
      return;
    }
  self->mm_inhibitor = dt_mm_inhibitor_new (dt_entry_get_device (self->entry));
  dt_mm_inhibitor_inhibit_async (self->mm_inhibitor, DT_MM_INHIBITOR_TIMEOUT_MS,
                                 self->cancellable, on_mm_inhibited, g_object_ref (self));
}

static void
on_mm_released (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!dt_mm_inhibitor_release_finish (DT_MM_INHIBITOR (object), result, &error))
    g_debug ("ModemManager: %s", error->message);
}

/* After the modem has closed: ModemManager may have the device back. */
void
dt_connection_release_port (DtConnection *self)
{
  g_clear_object (&self->udev);
  if (self->mm_inhibitor == NULL)
    return;
  /* The release holds the inhibitor until ModemManager answers or its bound passes; when
   * nothing was inhibited it is over at once, and leaves nothing pending. */
  if (dt_mm_inhibitor_is_inhibited (self->mm_inhibitor))
    dt_mm_inhibitor_release_async (self->mm_inhibitor, on_mm_released, NULL);
  else
    dt_mm_inhibitor_release_async (self->mm_inhibitor, NULL, NULL);
  g_clear_object (&self->mm_inhibitor);
}
