/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The port list at the model level: udev's add, change and remove events (as DtPortDevice,
 * since a real GUdevClient cannot make devices here) become items, in natural order, with
 * their by-id names, which an entry then keeps; consoles, virtual terminals and UART-less
 * ttyS are left out; a port this user cannot use says why.  And the real udev-backed list
 * lists no virtual terminal or console. */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-port-list.h"

typedef struct {
  guint added;
  guint removed;
  guint replaced;             /* items-changed (position, 1, 1): a port's details changed */
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  if (removed == 1 && added == 1)
    {
      changes->replaced++;
      return;
    }
  changes->added += added;
  changes->removed += removed;
}

static char *
paths (GListModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (DtPortInfo) info = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i ? " " : "", dt_port_info_get_path (info));
    }
  return g_string_free (out, FALSE);
}

static void
test_events (void)
{
  g_autoptr (DtPortList) list = dt_port_list_new_empty ();
  GListModel *model = G_LIST_MODEL (list);
  const char *usb_links[] = { "/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0",
                              "/dev/serial/by-id/usb-USRobotics_USB_Modem_0001-if00", NULL };
  DtPortDevice usb = { "ttyACM0", "/dev/ttyACM0", "/sys/devices/usb1/1-2/tty/ttyACM0", NULL,
                       "U.S. Robotics USR5637", FALSE };
  DtPortDevice s10 = { "ttyS10", "/dev/ttyS10", "/sys/devices/serial/tty/ttyS10", NULL, NULL,
                       TRUE };
  DtPortDevice s2 = { "ttyS2", "/dev/ttyS2", "/sys/devices/serial/tty/ttyS2", NULL, NULL, TRUE };
  DtPortDevice no_uart = { "ttyS5", "/dev/ttyS5", "/sys/devices/serial/tty/ttyS5", NULL, NULL,
                           FALSE };
  DtPortDevice console = { "tty1", "/dev/tty1", "/sys/devices/virtual/tty/tty1", NULL, NULL,
                           FALSE };
  DtPortDevice ptmx = { "ptmx", "/dev/ptmx", "/sys/devices/virtual/tty/ptmx", NULL, NULL, FALSE };
  DtPortDevice printk = { "ttyprintk", "/dev/ttyprintk", "/sys/devices/virtual/tty/ttyprintk",
                          NULL, NULL, FALSE };
  DtPortDevice odd = { "ttySx", "/dev/ttySx", "/sys/devices/virtual/tty/ttySx", NULL, NULL,
                       TRUE };
  Changes changes = { 0, 0, 0 };
  g_autofree char *order = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_kernel = NULL;
  DtPortInfo *info;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  dt_port_list_handle_event (list, "add", &s10);
  dt_port_list_handle_event (list, "add", &no_uart);
  dt_port_list_handle_event (list, "add", &console);
  dt_port_list_handle_event (list, "add", &ptmx);
  dt_port_list_handle_event (list, "add", &printk);
  dt_port_list_handle_event (list, "add", &odd);
  dt_port_list_handle_event (list, "add", &usb);
  dt_port_list_handle_event (list, "add", &s2);
  order = paths (model);
  g_assert_cmpstr (order, ==, "/dev/ttyACM0 /dev/ttyS2 /dev/ttyS10");
  g_assert_cmpuint (changes.added, ==, 3);

  /* udev adds the by-id link with a "change" (or it was there at "add"): the item follows,
   * is reported replaced (a menu of the list shows its new name), and an entry that picks
   * either name keeps the by-id one. */
  info = dt_port_list_lookup (list, "/dev/ttyACM0");
  g_assert_null (dt_port_info_get_by_id (info));
  usb.links = usb_links;
  dt_port_list_handle_event (list, "change", &usb);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (changes.replaced, >=, 1);
  g_assert_cmpstr (dt_port_info_get_by_id (info), ==,
                   "/dev/serial/by-id/usb-USRobotics_USB_Modem_0001-if00");
  g_assert_cmpstr (dt_port_info_get_description (info), ==, "U.S. Robotics USR5637");
  g_assert_true (dt_port_list_lookup (list, usb_links[1]) == info);
  kept = dt_port_list_preferred_path (list, "/dev/ttyACM0");
  g_assert_cmpstr (kept, ==, usb_links[1]);
  kept_kernel = dt_port_list_preferred_path (list, "/dev/ttyS2");
  g_assert_cmpstr (kept_kernel, ==, "/dev/ttyS2");

  /* Pulled out: gone from the list; a second remove changes nothing. */
  dt_port_list_handle_event (list, "remove", &usb);
  dt_port_list_handle_event (list, "remove", &usb);
  after = paths (model);
  g_assert_cmpstr (after, ==, "/dev/ttyS2 /dev/ttyS10");
  g_assert_cmpuint (changes.removed, ==, 1);
}

static void
test_problems (void)
{
  g_autoptr (DtPortList) list = dt_port_list_new_empty ();
  g_autofree char *dir = g_dir_make_tmp ("dialtone-ports-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (dir, "ttyUSB3", NULL);
  DtPortDevice folder = { "ttyUSB2", dir, "/sys/x/ttyUSB2", NULL, NULL, FALSE };
  DtPortDevice missing = { "ttyUSB3", gone, "/sys/x/ttyUSB3", NULL, NULL, FALSE };
  g_autofree char *label = NULL;

  dt_port_list_handle_event (list, "add", &folder);
  dt_port_list_handle_event (list, "add", &missing);
  g_assert_cmpstr (dt_port_info_get_problem (dt_port_list_lookup (list, dir)), ==,
                   "Not a serial port");
  g_assert_cmpstr (dt_port_info_get_problem (dt_port_list_lookup (list, gone)), ==,
                   "Not present");
  label = dt_port_info_get_label (dt_port_list_lookup (list, gone));
  g_assert_true (g_str_has_suffix (label, "⚠ Not present"));

  /* Something appears at the missing path: a refresh says what it is now, and the port is
   * reported replaced. */
  {
    Changes changes = { 0, 0, 0 };

    g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
    g_assert_cmpint (g_mkdir (gone, 0700), ==, 0);
    dt_port_list_refresh (list);
    g_assert_cmpstr (dt_port_info_get_problem (dt_port_list_lookup (list, gone)), ==,
                     "Not a serial port");
    g_assert_cmpuint (changes.replaced, ==, 1);
    g_assert_cmpuint (changes.added + changes.removed, ==, 0);
    g_rmdir (gone);
  }
  g_rmdir (dir);
}

static void
test_real_udev (void)
{
  g_autoptr (DtPortList) list = dt_port_list_new ();
  g_autoptr (DtPortList) snapshot = dt_port_list_new_snapshot ();
  GListModel *model = G_LIST_MODEL (list);
  g_autofree char *listed = paths (model);
  g_autofree char *listed_once = paths (G_LIST_MODEL (snapshot));

  g_test_message ("ports here: %s", listed);
  /* dialtone-cli's list, read once, is the editor's. */
  g_assert_cmpstr (listed_once, ==, listed);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (DtPortInfo) info = g_list_model_get_item (model, i);
      g_autofree char *name = g_path_get_basename (dt_port_info_get_path (info));

      g_assert_false (g_regex_match_simple ("^tty[0-9]+$", name, 0, 0));
      g_assert_cmpstr (name, !=, "console");
      g_assert_cmpstr (name, !=, "ptmx");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem/port-list/events", test_events);
  g_test_add_func ("/modem/port-list/problems", test_problems);
  g_test_add_func ("/modem/port-list/real-udev", test_real_udev);
  return g_test_run ();
}
