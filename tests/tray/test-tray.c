/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray item without GTK, as a panel sees it: a real status-notifier-watcher on a private
 * session bus, and a host on a connection of its own that reads the watcher, the item and
 * its menu over D-Bus.  The item registers, registers again when the watcher restarts,
 * survives having no watcher, leaves the bus when hidden; and its menu lists the phonebook,
 * follows what can be done, and activates the application's actions.  The application here
 * is a plain GApplication whose actions record what the tray asked for (dt-test-tray);
 * test-tray-dial follows the item through real dials against the test ISP, and
 * test-tray-app runs the real DtApplication.  With LANGUAGE=es, /tray/spanish reads the menu
 * and the tooltip in Spanish. */

#define _GNU_SOURCE /* posix_openpt */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "dt-test-tray.h"
#include "dt-tray-look.h"

typedef DtTestTrayFixture Fixture;

static gboolean
is_not_registered (gpointer data)
{
  return !dt_tray_get_registered (DT_TRAY (data));
}

static void
assert_item_pattern (const char *item)
{
  g_autofree char *prefix = g_strdup_printf ("org.kde.StatusNotifierItem-%d-", (int) getpid ());

  g_assert_nonnull (item);
  g_assert_true (g_str_has_prefix (item, prefix));
}

/* Registration ----------------------------------------------------------------------------- */

static void
test_registers (Fixture       *f,
                gconstpointer  data)
{
  g_auto (GStrv) items = dt_test_host_registered_items (f->host);
  g_autoptr (GVariant) menu = NULL;
  g_autoptr (GVariant) is_menu = NULL;
  g_autofree char *category = dt_test_host_get_string (f->host, f->item, "Category");
  g_autofree char *id = dt_test_host_get_string (f->host, f->item, "Id");
  g_autofree char *title = dt_test_host_get_string (f->host, f->item, "Title");
  g_autofree char *theme = dt_test_host_get_string (f->host, f->item, "IconThemePath");
  g_autofree char *icon_file = NULL;

  assert_item_pattern (f->item);
  g_assert_true (g_strv_contains ((const char * const *) items, f->item));
  g_assert_cmpuint (g_strv_length (items), ==, 1);

  g_assert_cmpstr (category, ==, "Communications");
  g_assert_cmpstr (id, ==, "io.github.dialtone.Dialtone");
  g_assert_cmpstr (title, ==, "Dialtone");
  menu = dt_test_host_get (f->host, f->item, "/StatusNotifierItem", "org.kde.StatusNotifierItem",
                           "Menu");
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, "/StatusNotifierItem/Menu");
  is_menu = dt_test_host_get (f->host, f->item, "/StatusNotifierItem",
                              "org.kde.StatusNotifierItem", "ItemIsMenu");
  g_assert_false (g_variant_get_boolean (is_menu));
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");

  /* Run from the build tree, the host finds the icon through IconThemePath. */
  icon_file = g_build_filename (theme, "hicolor", "scalable", "status",
                                "dialtone-disconnected-symbolic.svg", NULL);
  g_assert_true (g_file_test (icon_file, G_FILE_TEST_IS_REGULAR));
}

static void
test_watcher_restarts (Fixture       *f,
                       gconstpointer  data)
{
  dt_test_watcher_stop (f->watcher);
  f->watcher = NULL;
  dt_test_sni_wait_until (is_not_registered, f->tray, DT_TEST_SNI_LIMIT_S);
  /* The item stays on the bus for the next watcher. */
  g_assert_true (dt_test_host_name_has_owner (f->host, f->item));

  f->watcher = dt_test_watcher_start ();
  dt_test_host_wait_registered (f->host, f->item, TRUE);
  dt_test_sni_wait_until (dt_test_tray_is_registered, f->tray, DT_TEST_SNI_LIMIT_S);

  /* And once more: a watcher that comes back twice gets the item twice. */
  dt_test_watcher_stop (f->watcher);
  f->watcher = dt_test_watcher_start ();
  dt_test_host_wait_registered (f->host, f->item, TRUE);
}

static gboolean
item_on_bus (gpointer data)
{
  Fixture *f = data;

  return dt_test_host_name_has_owner (f->host, f->item);
}

static void
test_no_watcher (Fixture       *f,
                 gconstpointer  data)
{
  /* Nobody to register with: the item is on the bus all the same and answers. */
  dt_test_sni_wait_until (item_on_bus, f, DT_TEST_SNI_LIMIT_S);
  dt_test_sni_spin (200);
  g_assert_false (dt_tray_get_registered (f->tray));
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");

  /* A panel starts later: the item registers then. */
  f->watcher = dt_test_watcher_start ();
  dt_test_host_wait_registered (f->host, f->item, TRUE);
  dt_test_sni_wait_until (dt_test_tray_is_registered, f->tray, DT_TEST_SNI_LIMIT_S);
}

static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *item = g_strdup (f->item);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GDBusConnection *own = g_application_get_dbus_connection (dt_test_tray_get_app ());
  const char *unique = g_dbus_connection_get_unique_name (own);

  dt_tray_set_visible (f->tray, FALSE);
  g_assert_null (dt_tray_get_bus_name (f->tray));
  g_assert_false (dt_tray_get_registered (f->tray));
  dt_test_host_wait_registered (f->host, item, FALSE);
  g_assert_false (dt_test_host_name_has_owner (f->host, item));
  /* Not exported either: this process's connection has no such object any more. */
  reply = dt_test_host_call (f->host, unique, "/StatusNotifierItem",
                             "org.freedesktop.DBus.Properties", "Get",
                             g_variant_new ("(ss)", "org.kde.StatusNotifierItem", "Status"),
                             "(v)", &error);
  g_assert_null (reply);
  g_assert_true (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                 g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT));
  g_clear_error (&error);
  /* Nor is the menu (its server lets go of the object once GIO is done with it). */
  dt_test_sni_spin (100);
  reply = dt_test_host_call (f->host, unique, "/StatusNotifierItem/Menu",
                             "com.canonical.dbusmenu", "GetLayout",
                             g_variant_new ("(ii^as)", 0, -1, (const char *[]) { NULL }),
                             "(u(ia{sv}av))", &error);
  g_assert_null (reply);
  g_assert_nonnull (error);

  dt_tray_set_visible (f->tray, TRUE);
  g_assert_cmpstr (dt_tray_get_bus_name (f->tray), ==, item);
  dt_test_host_wait_registered (f->host, item, TRUE);
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
}

/* The menu ------------------------------------------------------------------------------- */

static void
assert_labels (GVariant    *layout,
               int          parent,
               const char  *expected)
{
  g_auto (GStrv) labels = dt_test_menu_labels (layout, parent);
  g_autofree char *joined = g_strjoinv (" | ", labels);

  g_assert_cmpstr (joined, ==, expected);
}

static gboolean
menu_updated (gpointer data)
{
  return ((DtTestItemLog *) data)->n_menu_updates > 0;
}

/* Waits for the menu's LayoutUpdated or ItemsPropertiesUpdated, and returns the new layout
 * and the Connect item. */
static GVariant *
next_layout (Fixture       *f,
             DtTestItemLog *log,
             int           *connect)
{
  GVariant *layout;

  dt_test_sni_wait_until (menu_updated, log, DT_TEST_SNI_LIMIT_S);
  dt_test_host_reset_log (f->host);
  layout = dt_test_host_get_layout (f->host, f->item);
  *connect = dt_test_menu_find (layout, 0, "_Connect");
  return layout;
}

static void
test_menu_layout (Fixture       *f,
                  gconstpointer  data)
{
  DtTestItemLog *log = dt_test_host_follow (f->host, f->item);
  g_autoptr (GVariant) layout = dt_test_host_get_layout (f->host, f->item);
  g_autoptr (DtEntry) home = NULL;
  int connect = dt_test_menu_find (layout, 0, "_Connect");

  assert_labels (layout, 0, "_Connect | _Hang Up | _Status… | — | _Open Dialtone | _Quit");
  g_assert_cmpint (connect, >, 0);
  assert_labels (layout, connect, "Backup ISP | Test ISP | Work");
  /* Nothing dials: Connect and its entries are on, Hang Up and Status… are off. */
  g_assert_true (dt_test_menu_is_enabled (layout, connect));
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, connect, "Work")));
  g_assert_false (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Hang Up")));
  g_assert_false (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Status…")));
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Quit")));

  /* A new entry shows up in its sorted place; its "_" is not an access key. */
  home = g_object_ref (dt_test_tray_add_entry (f->phonebook, "Home_Office", "/dev/ttyS2"));
  g_clear_pointer (&layout, g_variant_unref);
  layout = next_layout (f, log, &connect);
  assert_labels (layout, connect, "Backup ISP | Home__Office | Test ISP | Work");

  /* Renamed in place, and renamed to another place. */
  dt_entry_set_name (f->isp_entry, "Test ISP 2");
  g_clear_pointer (&layout, g_variant_unref);
  layout = next_layout (f, log, &connect);
  assert_labels (layout, connect, "Backup ISP | Home__Office | Test ISP 2 | Work");
  dt_entry_set_name (home, "Zeta");
  g_clear_pointer (&layout, g_variant_unref);
  layout = next_layout (f, log, &connect);
  assert_labels (layout, connect, "Backup ISP | Test ISP 2 | Work | Zeta");

  /* An empty phonebook: a disabled placeholder, and Connect off. */
  while (g_list_model_get_n_items (G_LIST_MODEL (f->phonebook)) > 0)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (f->phonebook), 0);

      dt_phonebook_remove (f->phonebook, entry);
    }
  g_clear_pointer (&layout, g_variant_unref);
  layout = next_layout (f, log, &connect);
  assert_labels (layout, connect, "No Entries");
  g_assert_false (dt_test_menu_is_enabled (layout, connect));
  g_assert_false (dt_test_menu_is_enabled (layout,
                                           dt_test_menu_find (layout, connect, "No Entries")));
}

static void
test_menu_activates (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (f->host, f->item);
  g_autoptr (GSimpleAction) toggle = g_simple_action_new ("toggle-window", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  int connect = dt_test_menu_find (layout, 0, "_Connect");
  g_autofree char *expected = NULL;

  dt_test_tray_click (f, dt_test_menu_find (layout, connect, "Test ISP"), 1);
  dt_test_tray_click (f, dt_test_menu_find (layout, 0, "_Open Dialtone"), 2);
  dt_test_tray_click (f, dt_test_menu_find (layout, 0, "_Quit"), 3);
  /* Disabled with nothing to hang up or show: a click on them does nothing. */
  dt_test_host_click (f->host, f->item, dt_test_menu_find (layout, 0, "_Hang Up"));
  dt_test_host_click (f->host, f->item, dt_test_menu_find (layout, 0, "_Status…"));
  dt_test_sni_spin (200);
  expected = g_strdup_printf ("dial '%s', show-window, quit", dt_entry_get_uuid (f->isp_entry));
  dt_test_tray_assert_activations (expected);

  /* A left click on the icon shows the window… */
  dt_test_tray_forget_activations ();
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "Activate", g_variant_new ("(ii)", 0, 0),
                             "()", &error);
  g_assert_no_error (error);
  dt_test_tray_wait_activations (1);
  dt_test_tray_assert_activations ("show-window");

  /* …or lets the application show or hide it, when it can. */
  g_action_map_add_action (G_ACTION_MAP (dt_test_tray_get_app ()), G_ACTION (toggle));
  g_signal_connect (toggle, "activate", G_CALLBACK (dt_test_tray_on_action), NULL);
  g_clear_pointer (&reply, g_variant_unref);
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "Activate", g_variant_new ("(ii)", 0, 0),
                             "()", &error);
  g_assert_no_error (error);
  g_action_map_remove_action (G_ACTION_MAP (dt_test_tray_get_app ()), "toggle-window");
  dt_test_tray_assert_activations ("show-window, toggle-window");

  /* The other methods exist and do nothing. */
  g_clear_pointer (&reply, g_variant_unref);
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "Scroll",
                             g_variant_new ("(is)", 120, "vertical"), "()", &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "SecondaryActivate",
                             g_variant_new ("(ii)", 0, 0), "()", &error);
  g_assert_no_error (error);
  dt_test_tray_assert_activations ("show-window, toggle-window");
}

typedef struct {
  Fixture *f;
  gboolean enabled;
} HangUpWait;

static gboolean
hang_up_enabled_is (gpointer data)
{
  HangUpWait *wait = data;
  g_autoptr (GVariant) layout = dt_test_host_get_layout (wait->f->host, wait->f->item);

  return dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Hang Up")) ==
         wait->enabled;
}

/* Hang Up follows app.hang-up, not only the dialer: DtApplication enables it while a redial
 * counts down with nothing live, and the click then reaches the action, which stops it. */
static void
test_menu_hang_up_follows_action (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (f->host, f->item);
  HangUpWait wait = { f, TRUE };

  g_assert_false (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Hang Up")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->dialer)), ==, 0);

  dt_test_tray_set_hang_up_enabled (TRUE);
  dt_test_sni_wait_until (hang_up_enabled_is, &wait, DT_TEST_SNI_LIMIT_S);
  g_clear_pointer (&layout, g_variant_unref);
  layout = dt_test_host_get_layout (f->host, f->item);
  dt_test_tray_click (f, dt_test_menu_find (layout, 0, "_Hang Up"), 1);
  dt_test_tray_assert_activations ("hang-up ''");

  dt_test_tray_set_hang_up_enabled (FALSE);
  wait.enabled = FALSE;
  dt_test_sni_wait_until (hang_up_enabled_is, &wait, DT_TEST_SNI_LIMIT_S);
}

/* A modem that never answers: the master side of a pty, which nobody reads.  The dial waits
 * for its OK, live all the while. */
static int
open_silent_modem (char **device)
{
  int fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (grantpt (fd), ==, 0);
  g_assert_cmpint (unlockpt (fd), ==, 0);
  *device = g_strdup (ptsname (fd));
  return fd;
}

typedef struct {
  Fixture *f;
  const char *label;
} LabelWait;

static gboolean
hang_up_label_is (gpointer data)
{
  LabelWait *wait = data;
  g_autoptr (GVariant) layout = dt_test_host_get_layout (wait->f->host, wait->f->item);

  return dt_test_menu_find (layout, 0, wait->label) > 0;
}

static gboolean
dialer_idle (gpointer data)
{
  return !dt_dialer_get_busy (data);
}

/* Hang Up ends every connection, so with two live the menu says "Hang Up All"; with one,
 * "Hang Up". */
static void
test_menu_hang_up_all (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  DtEntry *work = dt_phonebook_lookup_by_name (f->phonebook, "Work");
  DtEntry *backup = dt_phonebook_lookup_by_name (f->phonebook, "Backup ISP");
  g_autofree char *device1 = NULL;
  g_autofree char *device2 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) layout = NULL;
  LabelWait wait = { f, "_Hang Up" };
  int hang_up_all;
  int fd1 = open_silent_modem (&device1);
  int fd2 = open_silent_modem (&device2);

  dt_entry_set_device (work, device1);
  dt_entry_set_device (backup, device2);
  dt_dialer_dial (f->dialer, work, credentials, &error);
  g_assert_no_error (error);
  layout = dt_test_host_get_layout (f->host, f->item);
  g_assert_cmpint (dt_test_menu_find (layout, 0, "_Hang Up"), >, 0);
  dt_dialer_dial (f->dialer, backup, credentials, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->dialer)), ==, 2);

  wait.label = "_Hang Up All";
  dt_test_sni_wait_until (hang_up_label_is, &wait, DT_TEST_SNI_LIMIT_S);
  g_clear_pointer (&layout, g_variant_unref);
  layout = dt_test_host_get_layout (f->host, f->item);
  hang_up_all = dt_test_menu_find (layout, 0, "_Hang Up All");
  g_assert_true (dt_test_menu_is_enabled (layout, hang_up_all));
  dt_test_tray_click (f, hang_up_all, 1);
  dt_test_tray_assert_activations ("hang-up ''");
  dt_test_sni_wait_until (dialer_idle, f->dialer, DT_TEST_SNI_LIMIT_S);

  wait.label = "_Hang Up";
  dt_test_sni_wait_until (hang_up_label_is, &wait, DT_TEST_SNI_LIMIT_S);
  close (fd1);
  close (fd2);
}


/* Run with LANGUAGE=es: the menu and the tooltip in Spanish, with their access keys. */
static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (f->host, f->item);

  assert_labels (layout, 0, "_Conectar | C_olgar | _Estado… | — | _Abrir Dialtone | _Salir");
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Sin conexión");
}

/* The tooltip's duration has minute resolution: that is why it changes once a minute. */
static void
test_duration (void)
{
  static const struct {
    GTimeSpan span;
    const char *text;
  } cases[] = {
    { -5 * G_TIME_SPAN_SECOND, "under a minute" },
    { 59 * G_TIME_SPAN_SECOND, "under a minute" },
    { G_TIME_SPAN_MINUTE, "1 minute" },
    { 59 * G_TIME_SPAN_MINUTE + 59 * G_TIME_SPAN_SECOND, "59 minutes" },
    { G_TIME_SPAN_HOUR, "1 h 00 min" },
    { 26 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE, "26 h 05 min" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dt_tray_format_duration (cases[i].span);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  dt_test_tray_init (&argc, &argv);
  g_test_add_func ("/tray/duration", test_duration);
  DT_TEST_TRAY_ADD ("/tray/registers", TRUE, test_registers);
  DT_TEST_TRAY_ADD ("/tray/watcher-restarts", TRUE, test_watcher_restarts);
  DT_TEST_TRAY_ADD ("/tray/no-watcher", FALSE, test_no_watcher);
  DT_TEST_TRAY_ADD ("/tray/hidden", TRUE, test_hidden);
  DT_TEST_TRAY_ADD ("/tray/menu/layout", TRUE, test_menu_layout);
  DT_TEST_TRAY_ADD ("/tray/menu/activates", TRUE, test_menu_activates);
  DT_TEST_TRAY_ADD ("/tray/menu/hang-up-follows-action", TRUE, test_menu_hang_up_follows_action);
  DT_TEST_TRAY_ADD ("/tray/menu/hang-up-all", TRUE, test_menu_hang_up_all);
  DT_TEST_TRAY_ADD ("/tray/spanish", TRUE, test_spanish);
  return dt_test_tray_run ();
}
