/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ModemManager's modem objects, from one GetManagedObjects call.  The call carries
 * NO_AUTO_START, so that asking never starts ModemManager where it is installed but stopped,
 * and a bus without it answers ServiceUnknown at once: "not running", an empty list.
 *
 * ModemManager names ports relative to /dev ("ttyUSB0", and "pts/3" for a pty), after the
 * kernel's name, so a /dev/serial/by-id link is resolved before it is compared.
 *
 * A device's uid, for InhibitDevice, is the one ModemManager gives it before it has made a
 * modem of it (while it probes, it has no modem object to read it from): udev's
 * ID_MM_PHYSDEV_UID, set by rules on the port or on its physical device, else the physical
 * device's sysfs path, else the port's own.  The physical device is found as ModemManager's
 * find_physical_gudevdevice() finds it: the usb_device above a USB port, the card above a
 * PCMCIA one, else the first platform, pci, pnp or sdio device above it (eight levels at
 * most), and an rfcomm port is its own. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gudev/gudev.h>
#include <glib/gi18n-lib.h>

#include "dt-mm.h"

#define MM_MODEM_INTERFACE "org.freedesktop.ModemManager1.Modem"

void
dt_mm_modem_free (DtMmModem *modem)
{
  if (modem == NULL)
    return;
  g_free (modem->path);
  g_free (modem->device);
  g_free (modem->plugin);
  g_free (modem->manufacturer);
  g_free (modem->model);
  g_free (modem->primary_port);
  g_strfreev (modem->ports);
  g_free (modem);
}

/**
 * dt_mm_modem_describe:
 *
 * Returns: a line for the port list: "ModemManager: modem 0 (generic plugin), U.S. Robotics
 * 56K FAX EXT", or without the maker and model when ModemManager has none
 */
char *
dt_mm_modem_describe (const DtMmModem *modem)
{
  const char *slash = strrchr (modem->path, '/');
  const char *index = slash != NULL ? slash + 1 : modem->path;
  g_autoptr (GString) what = g_string_new (NULL);

  if (modem->manufacturer != NULL)
    g_string_append (what, modem->manufacturer);
  if (modem->model != NULL)
    g_string_append_printf (what, "%s%s", what->len > 0 ? " " : "", modem->model);
  if (what->len > 0)
    /* Translators: ModemManager's modem number, its plugin, then the maker and model. */
    return g_strdup_printf (_("ModemManager: modem %s (%s plugin), %s"), index,
                            modem->plugin != NULL ? modem->plugin : "?", what->str);
  /* Translators: ModemManager's modem number and plugin. */
  return g_strdup_printf (_("ModemManager: modem %s (%s plugin)"), index,
                          modem->plugin != NULL ? modem->plugin : "?");
}

/**
 * dt_mm_port_name:
 * @device_path: /dev/ttyUSB0, /dev/serial/by-id/…, /dev/pts/3
 *
 * Returns: the name ModemManager gives the port: "ttyUSB0", "pts/3"
 */
char *
dt_mm_port_name (const char *device_path)
{
  char *resolved = realpath (device_path, NULL);
  g_autofree char *real = g_strdup (resolved != NULL ? resolved : device_path);

  free (resolved);
  if (g_str_has_prefix (real, "/dev/"))
    return g_strdup (real + strlen ("/dev/"));
  return g_path_get_basename (real);
}

/* The subsystem a sysfs device belongs to (the name its "subsystem" link points at), or
 * NULL. */
static char *
sysfs_subsystem (const char *dir)
{
  g_autofree char *link = g_build_filename (dir, "subsystem", NULL);
  g_autofree char *target = g_file_read_link (link, NULL);

  return target != NULL ? g_path_get_basename (target) : NULL;
}

/* DEVTYPE from a sysfs device's uevent file: "usb_device", "usb_interface"…, or NULL. */
static char *
sysfs_devtype (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "uevent", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "DEVTYPE="))
      return g_strdup (lines[i] + strlen ("DEVTYPE="));
  return NULL;
}

/**
 * dt_mm_physdev_path:
 * @sysfs_path: a tty's sysfs path, such as /sys/devices/…/1-2:1.0/ttyUSB0/tty/ttyUSB0
 *
 * Returns: (nullable): the sysfs path of the physical device ModemManager groups the port
 *   under (for a USB modem, the USB device: /sys/devices/…/usb1/1-2), or %NULL when it
 *   finds none (a virtual tty)
 */
char *
dt_mm_physdev_path (const char *sysfs_path)
{
  g_autofree char *iter = g_strdup (sysfs_path);
  g_autofree char *name = g_path_get_basename (sysfs_path);
  gboolean is_usb = FALSE, is_pcmcia = FALSE;

  g_return_val_if_fail (sysfs_path != NULL, NULL);

  if (g_str_has_prefix (name, "rfcomm"))
    return g_strdup (sysfs_path);
  for (guint i = 0; i < 8 && strlen (iter) > 1; i++)
    {
      g_autofree char *subsystem = sysfs_subsystem (iter);
      g_autofree char *parent = g_path_get_dirname (iter);

      if (subsystem != NULL && (is_usb || g_str_has_prefix (subsystem, "usb")))
        {
          g_autofree char *devtype = sysfs_devtype (iter);

          is_usb = TRUE;
          if (g_strcmp0 (devtype, "usb_device") == 0)
            return g_steal_pointer (&iter);
        }
      else if (subsystem != NULL && (is_pcmcia || g_str_equal (subsystem, "pcmcia")))
        {
          g_autofree char *parent_subsystem = sysfs_subsystem (parent);

          /* The card, not the controller it sits on. */
          is_pcmcia = TRUE;
          if (parent_subsystem != NULL && !g_str_equal (parent_subsystem, "pcmcia"))
            return g_steal_pointer (&iter);
        }
      else if (subsystem != NULL &&
               (g_str_equal (subsystem, "platform") || g_str_equal (subsystem, "pci") ||
                g_str_equal (subsystem, "pnp") || g_str_equal (subsystem, "sdio")))
        return g_steal_pointer (&iter);
      g_free (iter);
      iter = g_steal_pointer (&parent);
    }
  return NULL;
}

static char *
udev_property_uid (GUdevDevice *device)
{
  const char *uid = g_udev_device_get_property (device, "ID_MM_PHYSDEV_UID");

  return uid != NULL && uid[0] != '\0' ? g_strdup (uid) : NULL;
}

/**
 * dt_mm_device_uid:
 * @device_path: /dev/ttyUSB0, /dev/serial/by-id/…
 *
 * Returns: (nullable): the uid ModemManager gives the device the port belongs to, as udev
 *   describes it; %NULL when udev does not know the port (a pty)
 */
char *
dt_mm_device_uid (const char *device_path)
{
  /* No subsystems: GUdev listens for no events. */
  g_autoptr (GUdevClient) client = g_udev_client_new (NULL);
  g_autoptr (GUdevDevice) port = g_udev_client_query_by_device_file (client, device_path);
  g_autoptr (GUdevDevice) physdev = NULL;
  g_autofree char *physdev_path = NULL;
  char *uid;

  if (port == NULL || g_udev_device_get_sysfs_path (port) == NULL)
    return NULL;
  if ((uid = udev_property_uid (port)) != NULL)
    return uid;
  physdev_path = dt_mm_physdev_path (g_udev_device_get_sysfs_path (port));
  if (physdev_path == NULL)
    return g_strdup (g_udev_device_get_sysfs_path (port));
  physdev = g_udev_client_query_by_sysfs_path (client, physdev_path);
  if (physdev != NULL && (uid = udev_property_uid (physdev)) != NULL)
    return uid;
  return g_steal_pointer (&physdev_path);
}

/**
 * dt_mm_find_port:
 *
 * Returns: (transfer none) (nullable): the modem of @modems that has @device_path among its
 * ports
 */
DtMmModem *
dt_mm_find_port (GPtrArray  *modems,
                 const char *device_path)
{
  g_autofree char *name = dt_mm_port_name (device_path);

  for (guint i = 0; modems != NULL && i < modems->len; i++)
    {
      DtMmModem *modem = g_ptr_array_index (modems, i);

      if (g_strcmp0 (modem->primary_port, name) == 0 ||
          (modem->ports != NULL && g_strv_contains ((const char * const *) modem->ports, name)))
        return modem;
    }
  return NULL;
}

static char *
dup_nonempty (GVariantDict *props,
              const char   *key)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (props, key, "&s", &value) || value[0] == '\0')
    return NULL;
  return g_strdup (value);
}

static DtMmModem *
parse_modem (const char *path,
             GVariant   *props)
{
  g_auto (GVariantDict) dict;
  g_autoptr (GVariant) ports = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  DtMmModem *modem = g_new0 (DtMmModem, 1);

  g_variant_dict_init (&dict, props);
  modem->path = g_strdup (path);
  modem->device = dup_nonempty (&dict, "Device");
  modem->plugin = dup_nonempty (&dict, "Plugin");
  modem->manufacturer = dup_nonempty (&dict, "Manufacturer");
  modem->model = dup_nonempty (&dict, "Model");
  modem->primary_port = dup_nonempty (&dict, "PrimaryPort");
  if (!g_variant_dict_lookup (&dict, "State", "i", &modem->state))
    modem->state = 0;
  ports = g_variant_dict_lookup_value (&dict, "Ports", G_VARIANT_TYPE ("a(su)"));
  if (ports != NULL)
    {
      GVariantIter iter;
      const char *name;

      g_variant_iter_init (&iter, ports);
      while (g_variant_iter_next (&iter, "(&su)", &name, NULL))
        g_strv_builder_add (names, name);
    }
  modem->ports = g_strv_builder_end (names);
  return modem;
}

/**
 * dt_mm_parse_managed_objects:
 * @objects: GetManagedObjects' answer, of type (a{oa{sa{sv}}})
 *
 * Returns: (transfer full): the modems, in object path order
 */
GPtrArray *
dt_mm_parse_managed_objects (GVariant *objects)
{
  GPtrArray *modems = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_mm_modem_free);
  g_autoptr (GVariant) dict = g_variant_get_child_value (objects, 0);
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) props = g_variant_lookup_value (interfaces, MM_MODEM_INTERFACE,
                                                           G_VARIANT_TYPE_VARDICT);

      if (props != NULL)
        g_ptr_array_add (modems, parse_modem (path, props));
      g_variant_unref (interfaces);
    }
  return modems;
}

static void
on_managed_objects (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *remote = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    {
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      g_task_return_pointer (task, dt_mm_parse_managed_objects (reply),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  remote = g_dbus_error_get_remote_error (error);
  if (g_strcmp0 (remote, "org.freedesktop.DBus.Error.ServiceUnknown") == 0 ||
      g_strcmp0 (remote, "org.freedesktop.DBus.Error.NameHasNoOwner") == 0)
    {
      /* Not running: nothing to know, and nothing went wrong. */
      g_task_return_pointer (task, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * dt_mm_list_modems_async:
 * @timeout_ms: how long ModemManager may take to answer
 *
 * Lists ModemManager's modems without starting it.
 */
void
dt_mm_list_modems_async (GDBusConnection     *bus,
                         int                  timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (bus, cancellable, callback, user_data);

  g_task_set_source_tag (task, dt_mm_list_modems_async);
  g_dbus_connection_call (bus, DT_MM_SERVICE, DT_MM_PATH, "org.freedesktop.DBus.ObjectManager",
                          "GetManagedObjects", NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, timeout_ms, cancellable,
                          on_managed_objects, task);
}

/**
 * dt_mm_list_modems_finish:
 * @running: (out) (optional): whether ModemManager is running (it answered, or failed to)
 *
 * Returns: (transfer full): the modems, empty when ModemManager is not running; %NULL with
 * @error when it did not answer in time or answered with an error
 */
GPtrArray *
dt_mm_list_modems_finish (GDBusConnection  *bus,
                          GAsyncResult     *result,
                          gboolean         *running,
                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, bus), NULL);

  if (running != NULL)
    *running = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}
