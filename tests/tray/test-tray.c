/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray item without GTK, as a panel sees it: a real status-notifier-watcher on a private
 * session bus, and a host on a connection of its own that reads the watcher, the item and
 * its menu over D-Bus.  The item registers, registers again when the watcher restarts,
 * survives having no watcher, leaves the bus when hidden; its menu lists the phonebook and
 * activates the application's actions; and during real dials against the test ISP (pppd in
 * QEMU, through DtDialer with no network device) Status, IconName and ToolTip follow the
 * states, with no more New* signals than the states warrant.  The application here is a
 * plain GApplication whose actions record what the tray asked for (app.hang-up also hangs
 * up, and is enabled while the dialer is busy, as DtApplication's is); test-tray-app runs the
 * real DtApplication.  With LANGUAGE=es, /tray/spanish reads
 * the menu and the tooltip in Spanish. */

#define _GNU_SOURCE /* posix_openpt */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt-phonebook.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-sni.h"
#include "dt-tray.h"
#include "dt-tray-look.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

static GApplication *app;
static GPtrArray *activations;   /* "dial 'uuid'", "show-window"… in order */
static DtDialer *current_dialer;

typedef struct {
  DtTestWatcher *watcher;
  DtTestHost *host;
  DtDialer *dialer;
  DtPhonebook *phonebook;
  DtEntry *isp_entry;
  DtTray *tray;
  const char *item;
  DtTestIsp *isp;
  char *line;
  goffset log_offset;
} Fixture;

static void
on_action (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *printed = parameter != NULL ? g_variant_print (parameter, FALSE) : NULL;

  g_ptr_array_add (activations, printed != NULL ? g_strdup_printf ("%s %s", name, printed)
                                                : g_strdup (name));
  if (g_str_equal (name, "hang-up"))
    dt_dialer_hang_up_all (current_dialer);
}

static void
set_hang_up_enabled (gboolean enabled)
{
  GAction *hang_up = g_action_map_lookup_action (G_ACTION_MAP (app), "hang-up");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (hang_up), enabled);
}

static void
on_dialer_busy (DtDialer *dialer)
{
  set_hang_up_enabled (dt_dialer_get_busy (dialer));
}

static const GActionEntry app_actions[] = {
  { "dial", on_action, "s" },
  { "hang-up", on_action, "s" },
  { "show-status", on_action, "s" },
  { "show-window", on_action },
  { "quit", on_action },
};

static DtEntry *
add_entry (DtPhonebook *phonebook,
           const char  *name,
           const char  *device)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, device);
  dt_entry_set_number (entry, "5550113");
  dt_entry_set_user (entry, ISP_USER);
  dt_entry_set_dial_timeout (entry, 15);
  dt_phonebook_add (phonebook, entry);
  return entry;
}

static gboolean
is_registered (gpointer data)
{
  return dt_tray_get_registered (DT_TRAY (data));
}

static gboolean
is_not_registered (gpointer data)
{
  return !dt_tray_get_registered (DT_TRAY (data));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean with_watcher = GPOINTER_TO_INT (data) != 0;
  g_autofree char *dir = g_dir_make_tmp ("dialtone-tray-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);

  g_ptr_array_set_size (activations, 0);
  f->host = dt_test_host_new ();
  if (with_watcher)
    f->watcher = dt_test_watcher_start ();
  f->dialer = current_dialer = dt_dialer_new ();
  dt_dialer_set_network_mode (f->dialer, DT_NETWORK_NONE);
  set_hang_up_enabled (FALSE);
  g_signal_connect (f->dialer, "notify::busy", G_CALLBACK (on_dialer_busy), NULL);
  f->phonebook = dt_phonebook_new (path);
  add_entry (f->phonebook, "Work", "/dev/ttyS0");
  f->isp_entry = g_object_ref (add_entry (f->phonebook, "Test ISP", "/dev/ttyS0"));
  add_entry (f->phonebook, "Backup ISP", "/dev/ttyS1");

  f->tray = dt_tray_new (app, f->dialer, G_LIST_MODEL (f->phonebook));
  f->item = dt_tray_get_bus_name (f->tray);
  if (with_watcher)
    dt_test_sni_wait_until (is_registered, f->tray, DT_TEST_SNI_LIMIT_S);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *item = g_strdup (f->item);
  g_autofree char *path = g_strdup (dt_phonebook_get_path (f->phonebook));
  g_autofree char *dir = g_path_get_dirname (path);

  if (f->line != NULL)
    {
      if (g_test_failed ())
        {
          g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->line, f->log_offset);

          g_test_message ("ISP log:\n%s", log);
        }
      dt_test_isp_release_line (f->isp, f->line);
      g_free (f->line);
    }
  g_assert_finalize_object (f->tray);
  /* Disposed, the item is gone from the bus, and the watcher knows. */
  if (item != NULL)
    g_assert_false (dt_test_host_name_has_owner (f->host, item));
  if (f->watcher != NULL)
    {
      dt_test_host_wait_registered (f->host, item, FALSE);
      dt_test_watcher_stop (f->watcher);
    }
  dt_test_host_free (f->host);
  g_object_unref (f->isp_entry);
  current_dialer = NULL;
  g_assert_finalize_object (f->dialer);
  dt_phonebook_flush (f->phonebook, NULL);
  g_assert_finalize_object (f->phonebook);
  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_item_pattern (const char *item)
{
  g_autofree char *prefix = g_strdup_printf ("org.kde.StatusNotifierItem-%d-", (int) getpid ());

  g_assert_nonnull (item);
  g_assert_true (g_str_has_prefix (item, prefix));
}

static void
assert_look (Fixture    *f,
             const char *status,
             const char *icon,
             const char *title,
             const char *text_part)
{
  g_autofree char *got_status = dt_test_host_get_string (f->host, f->item, "Status");
  g_autofree char *got_icon = dt_test_host_get_string (f->host, f->item, "IconName");
  g_autoptr (GVariant) tooltip = dt_test_host_get (f->host, f->item, "/StatusNotifierItem",
                                                   "org.kde.StatusNotifierItem", "ToolTip");
  const char *tip_icon, *tip_title, *tip_text;

  g_assert_cmpstr (got_status, ==, status);
  g_assert_cmpstr (got_icon, ==, icon);
  g_variant_get (tooltip, "(&s@a(iiay)&s&s)", &tip_icon, NULL, &tip_title, &tip_text);
  g_assert_cmpstr (tip_icon, ==, icon);
  g_assert_cmpstr (tip_title, ==, title);
  if (strstr (tip_text, text_part) == NULL)
    g_error ("the tooltip “%s” does not say “%s”", tip_text, text_part);
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
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");

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
  dt_test_sni_wait_until (is_registered, f->tray, DT_TEST_SNI_LIMIT_S);

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
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");

  /* A panel starts later: the item registers then. */
  f->watcher = dt_test_watcher_start ();
  dt_test_host_wait_registered (f->host, f->item, TRUE);
  dt_test_sni_wait_until (is_registered, f->tray, DT_TEST_SNI_LIMIT_S);
}

static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *item = g_strdup (f->item);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *unique = g_dbus_connection_get_unique_name (g_application_get_dbus_connection (app));

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
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
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
  home = g_object_ref (add_entry (f->phonebook, "Home_Office", "/dev/ttyS2"));
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

static gboolean
n_activations_is (gpointer data)
{
  return activations->len == GPOINTER_TO_UINT (data);
}

static void
assert_activations (const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (activations, NULL);
  joined = g_strjoinv (", ", (char **) activations->pdata);
  g_ptr_array_set_size (activations, activations->len - 1);
  g_assert_cmpstr (joined, ==, expected);
}

static void
click (Fixture  *f,
       int       id,
       guint     n_expected)
{
  dt_test_host_click (f->host, f->item, id);
  /* The server runs the click from an idle after answering: let it, and a bit more for a
   * second activation that must not come. */
  dt_test_sni_wait_until (n_activations_is, GUINT_TO_POINTER (n_expected), DT_TEST_SNI_LIMIT_S);
  dt_test_sni_spin (100);
  g_assert_cmpuint (activations->len, ==, n_expected);
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

  click (f, dt_test_menu_find (layout, connect, "Test ISP"), 1);
  click (f, dt_test_menu_find (layout, 0, "_Open Dialtone"), 2);
  click (f, dt_test_menu_find (layout, 0, "_Quit"), 3);
  /* Disabled with nothing to hang up or show: a click on them does nothing. */
  dt_test_host_click (f->host, f->item, dt_test_menu_find (layout, 0, "_Hang Up"));
  dt_test_host_click (f->host, f->item, dt_test_menu_find (layout, 0, "_Status…"));
  dt_test_sni_spin (200);
  expected = g_strdup_printf ("dial '%s', show-window, quit", dt_entry_get_uuid (f->isp_entry));
  assert_activations (expected);

  /* A left click on the icon shows the window… */
  g_ptr_array_set_size (activations, 0);
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "Activate", g_variant_new ("(ii)", 0, 0),
                             "()", &error);
  g_assert_no_error (error);
  dt_test_sni_wait_until (n_activations_is, GUINT_TO_POINTER (1), DT_TEST_SNI_LIMIT_S);
  assert_activations ("show-window");

  /* …or lets the application show or hide it, when it can. */
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (toggle));
  g_signal_connect (toggle, "activate", G_CALLBACK (on_action), NULL);
  g_clear_pointer (&reply, g_variant_unref);
  reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                             "org.kde.StatusNotifierItem", "Activate", g_variant_new ("(ii)", 0, 0),
                             "()", &error);
  g_assert_no_error (error);
  g_action_map_remove_action (G_ACTION_MAP (app), "toggle-window");
  assert_activations ("show-window, toggle-window");

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
  assert_activations ("show-window, toggle-window");
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

  set_hang_up_enabled (TRUE);
  dt_test_sni_wait_until (hang_up_enabled_is, &wait, DT_TEST_SNI_LIMIT_S);
  g_clear_pointer (&layout, g_variant_unref);
  layout = dt_test_host_get_layout (f->host, f->item);
  click (f, dt_test_menu_find (layout, 0, "_Hang Up"), 1);
  assert_activations ("hang-up ''");

  set_hang_up_enabled (FALSE);
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
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Hang Up All")));
  click (f, dt_test_menu_find (layout, 0, "_Hang Up All"), 1);
  assert_activations ("hang-up ''");
  dt_test_sni_wait_until (dialer_idle, f->dialer, DT_TEST_SNI_LIMIT_S);

  wait.label = "_Hang Up";
  dt_test_sni_wait_until (hang_up_label_is, &wait, DT_TEST_SNI_LIMIT_S);
  close (fd1);
  close (fd2);
}

/* Dials against the ISP ------------------------------------------------------------------- */

static gboolean
set_up_isp (Fixture *f)
{
  g_autofree char *reason = NULL;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return FALSE;
    }
  f->isp = dt_test_isp_get ();
  f->line = dt_test_isp_acquire_line (f->isp);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  dt_entry_set_device (f->isp_entry, f->line);
  return TRUE;
}

static DtConnection *
dial (Fixture    *f,
      const char *number,
      const char *password)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, password, NULL);
  g_autoptr (GError) error = NULL;
  DtConnection *connection;

  dt_entry_set_number (f->isp_entry, number);
  /* 5550110's pppd takes PAP only, as its entry says. */
  if (g_str_equal (number, "5550110"))
    dt_entry_set_auth_methods (f->isp_entry, DT_AUTH_PAP);
  connection = dt_dialer_dial (f->dialer, f->isp_entry, credentials, &error);
  g_assert_no_error (error);
  return connection;
}

typedef struct {
  DtConnection *connection;
  guint state;
} StateWait;

static gboolean
state_reached (gpointer data)
{
  StateWait *wait = data;
  guint state = dt_connection_get_state (wait->connection);

  if (wait->state == DT_CONN_STATE_CONNECT_DEVICE)
    return state >= DT_CONN_STATE_CONNECT_DEVICE;
  return state == wait->state;
}

static void
wait_state (DtConnection *connection,
            guint         state)
{
  StateWait wait = { connection, state };

  dt_test_sni_wait_until (state_reached, &wait, 90);
}

static void
assert_strings (GPtrArray  *list,
                const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (list, NULL);
  joined = g_strjoinv (" ", (char **) list->pdata);
  g_ptr_array_set_size (list, list->len - 1);
  g_assert_cmpstr (joined, ==, expected);
}

static gboolean
contains (GPtrArray  *list,
          const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), text))
      return TRUE;
  return FALSE;
}

static void
on_dialer_state (DtDialer     *dialer,
                 DtConnection *connection,
                 guint         state,
                 const char   *detail,
                 guint         sub_entry,
                 guint        *n_states)
{
  (*n_states)++;
}

static void
test_dial_connected (Fixture       *f,
                     gconstpointer  data)
{
  DtTestItemLog *log;
  g_autoptr (GVariant) layout = NULL;
  g_autofree char *described = NULL;
  DtConnection *connection;
  int connect, entry, hang_up, status;
  guint n_states = 0;

  if (!set_up_isp (f))
    return;
  log = dt_test_host_follow (f->host, f->item);
  g_signal_connect (f->dialer, "connection-state-changed", G_CALLBACK (on_dialer_state),
                    &n_states);

  connection = dial (f, "5550113", ISP_PASSWORD);

  /* While it dials, the menu says so: no second dial, but a way to hang up. */
  wait_state (connection, DT_CONN_STATE_CONNECT_DEVICE);
  layout = dt_test_host_get_layout (f->host, f->item);
  g_assert_cmpuint (dt_connection_get_state (connection), <, DT_CONN_STATE_CONNECTED);
  connect = dt_test_menu_find (layout, 0, "_Connect");
  hang_up = dt_test_menu_find (layout, 0, "_Hang Up");
  status = dt_test_menu_find (layout, 0, "_Status…");
  g_assert_false (dt_test_menu_is_enabled (layout, connect));
  g_assert_true (dt_test_menu_is_enabled (layout, hang_up));
  g_assert_false (dt_test_menu_is_enabled (layout, status));

  wait_state (connection, DT_CONN_STATE_CONNECTED);
  dt_test_host_settle (f->host);
  assert_look (f, "Active", "dialtone-connected-symbolic", "Test ISP", "Connected");
  assert_look (f, "Active", "dialtone-connected-symbolic", "Test ISP",
               "For under a minute at 33600 bps");
  described = dt_test_item_log_describe (log);
  g_test_message ("%s", described);
  assert_strings (log->statuses, "Active");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-connected-symbolic");
  g_assert_cmpuint (log->n_new_status, ==, 1);
  g_assert_cmpuint (log->n_new_icon, ==, 2);
  g_assert_true (contains (log->tooltips, "Test ISP|Dialing 5550113…"));
  /* One NewToolTip per state at most, and none for the state that changed nothing. */
  g_assert_cmpuint (log->n_new_tooltip, >=, 4);
  g_assert_cmpuint (log->n_new_tooltip, <=, n_states);
  g_assert_cmpuint (log->n_new_title, ==, 0);

  /* Connected: another entry may dial, this one not; Status… is on. */
  g_clear_pointer (&layout, g_variant_unref);
  layout = dt_test_host_get_layout (f->host, f->item);
  entry = dt_test_menu_find (layout, connect, "Test ISP");
  g_assert_true (dt_test_menu_is_enabled (layout, connect));
  g_assert_false (dt_test_menu_is_enabled (layout, entry));
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, connect, "Work")));
  g_assert_true (dt_test_menu_is_enabled (layout, hang_up));
  g_assert_true (dt_test_menu_is_enabled (layout, status));

  /* A connection that just stays up costs the panel nothing: no signal at all. */
  dt_test_host_reset_log (f->host);
  dt_test_sni_spin (3000);
  dt_test_host_settle (f->host);
  g_assert_cmpuint (log->n_new_status + log->n_new_icon + log->n_new_tooltip, ==, 0);

  /* Hang Up in the menu: the application's app.hang-up, then LCP says goodbye to pppd. */
  dt_test_host_click (f->host, f->item, hang_up);
  wait_state (connection, DT_CONN_STATE_DISCONNECTED);
  assert_activations ("hang-up ''");
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 631);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "rcvd [LCP TermReq",
                                       5000));
  dt_test_host_settle (f->host);
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
  assert_strings (log->statuses, "Passive");
  assert_strings (log->icons, "dialtone-disconnected-symbolic");
  g_assert_cmpuint (log->n_new_tooltip, ==, 1);
  g_signal_handlers_disconnect_by_func (f->dialer, on_dialer_state, &n_states);
}

/* The tooltip's duration turns a minute after Connected: one NewToolTip then, and nothing
 * else in that minute. */
static void
test_dial_minute (Fixture       *f,
                  gconstpointer  data)
{
  DtTestItemLog *log;
  DtConnection *connection;
  g_autofree char *described = NULL;

  if (!set_up_isp (f))
    return;
  log = dt_test_host_follow (f->host, f->item);
  connection = dial (f, "5550113", ISP_PASSWORD);
  wait_state (connection, DT_CONN_STATE_CONNECTED);
  dt_test_host_reset_log (f->host);

  dt_test_sni_spin (63 * 1000);
  dt_test_host_settle (f->host);
  described = dt_test_item_log_describe (log);
  g_test_message ("%s", described);
  g_assert_cmpuint (log->n_new_tooltip, ==, 1);
  g_assert_cmpuint (log->n_new_status + log->n_new_icon, ==, 0);
  assert_strings (log->tooltips, "Test ISP|Connected\nFor 1 minute at 33600 bps");
  g_assert_cmpuint (dt_connection_get_state (connection), ==, DT_CONN_STATE_CONNECTED);

  dt_dialer_hang_up_all (f->dialer);
  wait_state (connection, DT_CONN_STATE_DISCONNECTED);
}

static void
look (Fixture    *f,
      const char *how)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  if (g_str_equal (how, "menu"))
    reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem/Menu",
                               "com.canonical.dbusmenu", "AboutToShow",
                               g_variant_new ("(i)", 0), "(b)", &error);
  else
    reply = dt_test_host_call (f->host, f->item, "/StatusNotifierItem",
                               "org.kde.StatusNotifierItem", "Activate",
                               g_variant_new ("(ii)", 0, 0), "()", &error);
  g_assert_no_error (error);
}

static void
dial_busy (Fixture *f)
{
  DtConnection *connection = dial (f, "5550199", ISP_PASSWORD);

  wait_state (connection, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 676);
  dt_test_host_settle (f->host);
}

static void
test_dial_busy (Fixture       *f,
                gconstpointer  data)
{
  DtTestItemLog *log;
  DtConnection *connection;

  if (!set_up_isp (f))
    return;
  log = dt_test_host_follow (f->host, f->item);

  /* The error stays on show, however long it takes the user to look… */
  dial_busy (f);
  assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP",
               "Error 676: The line is busy.");
  dt_test_sni_spin (500);
  assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP", "Error 676");
  assert_strings (log->statuses, "Active NeedsAttention");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-error-symbolic");

  /* …and goes when the menu opens, */
  look (f, "menu");
  dt_test_host_settle (f->host);
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
  assert_strings (log->statuses, "Active NeedsAttention Passive");

  /* or when the icon is clicked (which shows the window), */
  dial_busy (f);
  look (f, "activate");
  dt_test_host_settle (f->host);
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
  assert_activations ("show-window");

  /* or with the next dial, which shows its own progress straight away. */
  dial_busy (f);
  dt_test_host_reset_log (f->host);
  connection = dial (f, "5550113", ISP_PASSWORD);
  wait_state (connection, DT_CONN_STATE_CONNECTED);
  dt_test_host_settle (f->host);
  assert_strings (log->statuses, "Active");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-connected-symbolic");
  dt_dialer_hang_up_all (f->dialer);
  wait_state (connection, DT_CONN_STATE_DISCONNECTED);
  dt_test_host_settle (f->host);
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
}

static void
test_dial_paused (Fixture       *f,
                  gconstpointer  data)
{
  DtTestItemLog *log;
  g_autoptr (GVariant) layout = NULL;
  DtConnection *connection;

  if (!set_up_isp (f))
    return;
  log = dt_test_host_follow (f->host, f->item);

  /* A wrong password: the engine waits for the user, and the tray asks for attention. */
  connection = dial (f, "5550110", "not-the-password");
  wait_state (connection, DT_CONN_STATE_RETRY_AUTHENTICATION);
  dt_test_host_settle (f->host);
  assert_look (f, "NeedsAttention", "dialtone-attention-symbolic", "Test ISP",
               "The user name or password was not accepted");
  layout = dt_test_host_get_layout (f->host, f->item);
  g_assert_false (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Connect")));
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, "_Hang Up")));

  /* The user gives up from the menu: the dial ends with the server's refusal, which the
   * item shows until the user looks (the error dialog says the same). */
  dt_test_host_click (f->host, f->item, dt_test_menu_find (layout, 0, "_Hang Up"));
  wait_state (connection, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 691);
  dt_test_host_settle (f->host);
  assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP", "Error 691");
  look (f, "menu");
  dt_test_host_settle (f->host);
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Not connected");
  assert_strings (log->statuses, "Active NeedsAttention Passive");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-attention-symbolic "
                              "dialtone-error-symbolic dialtone-disconnected-symbolic");
}

/* Run with LANGUAGE=es: the menu and the tooltip in Spanish, with their access keys. */
static void
test_spanish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (f->host, f->item);

  assert_labels (layout, 0, "_Conectar | C_olgar | _Estado… | — | _Abrir Dialtone | _Salir");
  assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone", "Sin conexión");
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
  g_autoptr (GError) error = NULL;
  DtTestKeyring *bus;
  int status;

  /* A private session bus for the item, the watcher and the host, before any thread. */
  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIALTONE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  activations = g_ptr_array_new_with_free_func (g_free);
  app = g_application_new ("io.github.dialtone.TrayTest", G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

#define ADD(path, with_watcher, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (with_watcher), fixture_set_up, func, \
              fixture_tear_down)

  g_test_add_func ("/tray/duration", test_duration);
  ADD ("/tray/registers", TRUE, test_registers);
  ADD ("/tray/watcher-restarts", TRUE, test_watcher_restarts);
  ADD ("/tray/no-watcher", FALSE, test_no_watcher);
  ADD ("/tray/hidden", TRUE, test_hidden);
  ADD ("/tray/menu/layout", TRUE, test_menu_layout);
  ADD ("/tray/menu/activates", TRUE, test_menu_activates);
  ADD ("/tray/menu/hang-up-follows-action", TRUE, test_menu_hang_up_follows_action);
  ADD ("/tray/menu/hang-up-all", TRUE, test_menu_hang_up_all);
  ADD ("/tray/dial/connected", TRUE, test_dial_connected);
  ADD ("/tray/dial/busy", TRUE, test_dial_busy);
  ADD ("/tray/dial/paused", TRUE, test_dial_paused);
  ADD ("/tray/dial/minute", TRUE, test_dial_minute);
  ADD ("/tray/spanish", TRUE, test_spanish);
  status = g_test_run ();

  g_assert_finalize_object (app);
  g_ptr_array_unref (activations);
  dt_test_keyring_stop (bus);
  return status;
}
