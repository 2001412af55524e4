/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What Dialtone reads of ModemManager without ModemManager: the uid ModemManager gives a
 * device it is still probing (the physical device as its find_physical_gudevdevice() finds
 * it, on sysfs trees laid out as the kernel lays out a USB modem, a CDC-ACM one, a PCI card,
 * a PCMCIA card, an 8250 port under pnp and under platform, Bluetooth's rfcomm and a virtual
 * tty, and on this machine's own serial ports), and its modem objects as GetManagedObjects
 * gives them (a POTS modem as 1.20 lists it: failed, with its uid and ports, no model). */

#include "config.h"

#include <glib/gstdio.h>
#include <pty.h>
#include <string.h>
#include <unistd.h>

#include "dt-mm.h"
#include "dt-port-list.h"

typedef struct {
  char *root;
} Sysfs;

/* A device directory under the fake sysfs, of @subsystem (NULL: none), with @devtype in its
 * uevent when not NULL. */
static void
add_device (Sysfs      *sysfs,
            const char *path,
            const char *subsystem,
            const char *devtype)
{
  g_autofree char *dir = g_build_filename (sysfs->root, path, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (subsystem != NULL)
    {
      g_autofree char *bus = g_build_filename (sysfs->root, "bus", subsystem, NULL);
      g_autofree char *link = g_build_filename (dir, "subsystem", NULL);

      g_assert_cmpint (g_mkdir_with_parents (bus, 0755), ==, 0);
      g_assert_cmpint (symlink (bus, link), ==, 0);
    }
  if (devtype != NULL)
    {
      g_autofree char *uevent = g_build_filename (dir, "uevent", NULL);
      g_autofree char *text = g_strdup_printf ("MAJOR=189\nDEVTYPE=%s\nDRIVER=usb\n", devtype);

      g_assert_true (g_file_set_contents (uevent, text, -1, NULL));
    }
}

/* The physical device of the tty at @path, relative to the fake root ("" for none). */
static char *
physdev_of (Sysfs      *sysfs,
            const char *path)
{
  g_autofree char *tty = g_build_filename (sysfs->root, path, NULL);
  g_autofree char *physdev = dt_mm_physdev_path (tty);

  if (physdev == NULL)
    return g_strdup ("");
  g_assert_true (g_str_has_prefix (physdev, sysfs->root));
  return g_strdup (physdev + strlen (sysfs->root) + 1);
}

static void
test_physdev_layouts (void)
{
  Sysfs sysfs = { g_dir_make_tmp ("dialtone-sysfs-XXXXXX", NULL) };
  const char *usb = "devices/pci0000:00/0000:00:14.0/usb1/1-2";
  g_autofree char *got = NULL;
  g_autofree char *command = NULL;

  /* A USB serial adapter: tty → usb-serial port → interface → the USB device. */
  add_device (&sysfs, "devices/pci0000:00", NULL, NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0", "pci", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1", "usb", "usb_device");
  add_device (&sysfs, usb, "usb", "usb_device");
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0", "usb",
              "usb_interface");
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0",
              "usb-serial", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0",
              "tty", NULL);
  got = physdev_of (&sysfs,
                    "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0");
  g_assert_cmpstr (got, ==, usb);
  g_free (got);

  /* A CDC-ACM modem (the USR5637): tty → interface → the USB device. */
  add_device (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0", "tty",
              NULL);
  got = physdev_of (&sysfs, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0");
  g_assert_cmpstr (got, ==, usb);
  g_free (got);

  /* A PCI modem card's 8250 port: the first pci device above it, through serial-base. */
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0", "pci", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0", "pci", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0/0000:05:00.0:0",
              "serial-base", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0/0000:05:00.0:0/"
              "0000:05:00.0:0.0", "serial-base", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0/0000:05:00.0:0/"
              "0000:05:00.0:0.0/tty/ttyS4", "tty", NULL);
  got = physdev_of (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0/0000:05:00.0:0/"
                    "0000:05:00.0:0.0/tty/ttyS4");
  g_assert_cmpstr (got, ==, "devices/pci0000:00/0000:00:1e.0/0000:05:00.0");
  g_free (got);

  /* The motherboard's COM1, under pnp; and one under platform. */
  add_device (&sysfs, "devices/pnp0", NULL, NULL);
  add_device (&sysfs, "devices/pnp0/00:04", "pnp", NULL);
  add_device (&sysfs, "devices/pnp0/00:04/00:04:0", "serial-base", NULL);
  add_device (&sysfs, "devices/pnp0/00:04/00:04:0/00:04:0.0", "serial-base", NULL);
  add_device (&sysfs, "devices/pnp0/00:04/00:04:0/00:04:0.0/tty/ttyS0", "tty", NULL);
  got = physdev_of (&sysfs, "devices/pnp0/00:04/00:04:0/00:04:0.0/tty/ttyS0");
  g_assert_cmpstr (got, ==, "devices/pnp0/00:04");
  g_free (got);
  add_device (&sysfs, "devices/platform/serial8250", "platform", NULL);
  add_device (&sysfs, "devices/platform/serial8250/tty/ttyS1", "tty", NULL);
  got = physdev_of (&sysfs, "devices/platform/serial8250/tty/ttyS1");
  g_assert_cmpstr (got, ==, "devices/platform/serial8250");
  g_free (got);

  /* A PCMCIA modem card: the card, not the bridge it sits on. */
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:06:00.0", "pci", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:06:00.0/0.0", "pcmcia", NULL);
  add_device (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:06:00.0/0.0/tty/ttyS2", "tty",
              NULL);
  got = physdev_of (&sysfs, "devices/pci0000:00/0000:00:1e.0/0000:06:00.0/0.0/tty/ttyS2");
  g_assert_cmpstr (got, ==, "devices/pci0000:00/0000:00:1e.0/0000:06:00.0/0.0");
  g_free (got);

  /* Bluetooth DUN is its own device; a virtual tty has none (ModemManager then takes the
   * port's own path). */
  add_device (&sysfs, "devices/virtual/tty/rfcomm0", "tty", NULL);
  got = physdev_of (&sysfs, "devices/virtual/tty/rfcomm0");
  g_assert_cmpstr (got, ==, "devices/virtual/tty/rfcomm0");
  g_free (got);
  add_device (&sysfs, "devices/virtual/tty/ttyprintk", "tty", NULL);
  got = physdev_of (&sysfs, "devices/virtual/tty/ttyprintk");
  g_assert_cmpstr (got, ==, "");

  command = g_strdup_printf ("rm -rf '%s'", sysfs.root);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  g_free (sysfs.root);
}

/* This machine's own serial ports, as udev has them: the uid is the sysfs path of a device
 * above the port, of a subsystem ModemManager groups ports by, or the port's own path. */
static void
test_device_uid_here (void)
{
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  int master, slave;
  char pty[64];
  g_autofree char *pty_uid = NULL;

  g_assert_cmpint (openpty (&master, &slave, pty, NULL, NULL), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (ports)); i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      const char *sysfs_path = dt_port_info_get_sysfs_path (port);
      g_autofree char *uid = dt_mm_device_uid (dt_port_info_get_path (port));
      g_autofree char *link = NULL;
      g_autofree char *subsystem = NULL;

      g_test_message ("%s: ModemManager's uid %s", dt_port_info_get_path (port), uid);
      g_assert_nonnull (uid);
      g_assert_true (g_str_has_prefix (sysfs_path, uid));
      if (g_str_equal (uid, sysfs_path))
        continue;
      g_assert_cmpint (sysfs_path[strlen (uid)], ==, '/');
      link = g_build_filename (uid, "subsystem", NULL);
      subsystem = g_file_read_link (link, NULL);
      g_assert_nonnull (subsystem);
      g_assert_true (g_str_has_suffix (subsystem, "/usb") ||
                     g_str_has_suffix (subsystem, "/pci") ||
                     g_str_has_suffix (subsystem, "/pnp") ||
                     g_str_has_suffix (subsystem, "/platform") ||
                     g_str_has_suffix (subsystem, "/pcmcia") ||
                     g_str_has_suffix (subsystem, "/sdio"));
    }
  /* udev knows no pty. */
  pty_uid = dt_mm_device_uid (pty);
  g_assert_null (pty_uid);
  close (master);
  close (slave);
}

/* GetManagedObjects as ModemManager 1.20 answers it for the test ISP's modem (the POTS modem
 * it cannot use: failed, unknown capabilities), with a bearer-less second object. */
static void
test_managed_objects (void)
{
  g_autoptr (GVariant) objects = g_variant_ref_sink (g_variant_new_parsed (
    "({objectpath '/org/freedesktop/ModemManager1/Modem/3': "
    "   {'org.freedesktop.ModemManager1.Modem': "
    "     {'Device': <'test-modem-0'>, 'Plugin': <'generic'>, 'Manufacturer': <''>, "
    "      'Model': <''>, 'PrimaryPort': <'pts/5'>, 'State': <int32 -1>, "
    "      'Ports': <[('pts/5', uint32 3), ('pts/8', uint32 3)]>}, "
    "    'org.freedesktop.DBus.Properties': @a{sv} {}}, "
    "  objectpath '/org/freedesktop/ModemManager1/SIM/0': "
    "   {'org.freedesktop.ModemManager1.Sim': {'Active': <true>}}},)"));
  g_autoptr (GPtrArray) modems = dt_mm_parse_managed_objects (objects);
  DtMmModem *modem;
  g_autofree char *described = NULL;

  g_assert_cmpuint (modems->len, ==, 1);
  modem = g_ptr_array_index (modems, 0);
  g_assert_cmpstr (modem->device, ==, "test-modem-0");
  g_assert_null (modem->manufacturer);
  g_assert_cmpint (modem->state, ==, -1);
  g_assert_true (dt_mm_find_port (modems, "/dev/pts/8") == modem);
  g_assert_null (dt_mm_find_port (modems, "/dev/pts/9"));
  described = dt_mm_modem_describe (modem);
  g_assert_cmpstr (described, ==, "ModemManager: modem 3 (generic plugin)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem/mm/physdev-layouts", test_physdev_layouts);
  g_test_add_func ("/modem/mm/device-uid-here", test_device_uid_here);
  g_test_add_func ("/modem/mm/managed-objects", test_managed_objects);
  return g_test_run ();
}
