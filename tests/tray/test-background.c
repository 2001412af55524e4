/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start at login, end to end, with the real dialtone program under Xvfb: the start-at-login
 * setting turned on writes $XDG_CONFIG_HOME/autostart/io.github.dialtone.Dialtone.desktop
 * (DtAutostart on the host; run from the build tree, the file runs the built dialtone by
 * its path, with the build's schemas), and that file, launched as a session launches it at
 * login, starts Dialtone in the background: its tray item registers with a real
 * status-notifier-watcher and shows Offline (the disconnected icon, "Not connected") with
 * the phonebook's entries in its Connect menu, and no window of that process is mapped on
 * the X server (with the tray icon turned off, it ends at once instead: there would be nothing
 * to see).  A second `dialtone --background` changes nothing; opening Dialtone from the
 * app grid (its D-Bus activatable desktop file) and a second plain `dialtone` bring up the
 * running instance's window, in that same process.  The tray's Quit ends it, with status 0.
 * Turning the setting off removes the file.  Everything runs on a private session bus. */

#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <gio/gdesktopappinfo.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "dt-autostart.h"
#include "dt-phonebook.h"
#include "dt-test-keyring.h"
#include "dt-test-sni.h"

#define APP_PATH "/io/github/dialtone/Dialtone"

static char *dialtone;          /* the built program */
static char *app_desktop_file;  /* the build's applications desktop file */

typedef struct {
  GPid pid;
  gboolean exited;
  int status;
} Child;

static void
on_child_exit (GPid     pid,
               int      status,
               gpointer user_data)
{
  Child *child = user_data;

  child->exited = TRUE;
  child->status = status;
  g_spawn_close_pid (pid);
}

static void
on_launched (GDesktopAppInfo *info,
             GPid             pid,
             gpointer         user_data)
{
  Child *child = user_data;

  child->pid = pid;
  g_child_watch_add (pid, on_child_exit, child);
}

static gboolean
child_exited (gpointer data)
{
  return ((Child *) data)->exited;
}

/* The X server's view ------------------------------------------------------------------- */

static gulong
window_pid (Display *display,
            Window   window)
{
  Atom net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gulong pid = 0;

  if (XGetWindowProperty (display, window, net_wm_pid, 0, 1, False, XA_CARDINAL, &type,
                          &format, &n, &after, &data) == Success && data != NULL && n == 1)
    pid = *(unsigned long *) data;
  if (data != NULL)
    XFree (data);
  return pid;
}

/* How many top-level windows of @pid are mapped and viewable: other tests may have windows
 * of their own on the same server. */
static guint
count_viewable_windows (GPid pid)
{
  Display *display = XOpenDisplay (NULL);
  Window root, parent, *children = NULL;
  unsigned int n = 0;
  guint viewable = 0;

  g_assert_nonnull (display);
  g_assert_true (XQueryTree (display, DefaultRootWindow (display), &root, &parent, &children,
                             &n));
  for (unsigned int i = 0; i < n; i++)
    {
      XWindowAttributes attributes;

      if (window_pid (display, children[i]) != (gulong) pid)
        continue;
      if (XGetWindowAttributes (display, children[i], &attributes) &&
          attributes.map_state == IsViewable)
        viewable++;
    }
  if (children != NULL)
    XFree (children);
  XCloseDisplay (display);
  return viewable;
}

static gboolean
has_viewable_window (gpointer data)
{
  return count_viewable_windows (GPOINTER_TO_INT (data)) > 0;
}

/* The tray, as a panel sees it ------------------------------------------------------------ */

static gboolean
app_on_bus (gpointer data)
{
  return dt_test_host_name_has_owner (data, "io.github.dialtone.Dialtone");
}

static char *
wait_for_item (DtTestHost *host)
{
  g_auto (GStrv) items = NULL;
  gint64 deadline = g_get_monotonic_time () + DT_TEST_SNI_LIMIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      items = dt_test_host_registered_items (host);
      if (items != NULL && items[0] != NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_clear_pointer (&items, g_strfreev);
      dt_test_sni_spin (50);
    }
  g_assert_cmpuint (g_strv_length (items), ==, 1);
  /* "service" or "service/path": the bus name is what the host talks to. */
  return g_strndup (items[0], strcspn (items[0], "/"));
}

static void
assert_offline (DtTestHost *host,
                const char *item)
{
  g_autofree char *status = dt_test_host_get_string (host, item, "Status");
  g_autofree char *icon = dt_test_host_get_string (host, item, "IconName");
  g_autoptr (GVariant) tooltip = dt_test_host_get (host, item, "/StatusNotifierItem",
                                                   "org.kde.StatusNotifierItem", "ToolTip");
  g_autoptr (GVariant) layout = dt_test_host_get_layout (host, item);
  const char *title, *text;
  int connect;

  g_assert_cmpstr (status, ==, "Passive");
  g_assert_cmpstr (icon, ==, "dialtone-disconnected-symbolic");
  g_variant_get (tooltip, "(&s@a(iiay)&s&s)", NULL, NULL, &title, &text);
  g_assert_cmpstr (title, ==, "Dialtone");
  g_assert_cmpstr (text, ==, "Not connected");

  /* The menu dials any entry of the phonebook, loaded without a window. */
  connect = dt_test_menu_find (layout, 0, "_Connect");
  g_assert_cmpint (connect, >, 0);
  g_assert_cmpint (dt_test_menu_find (layout, connect, "Home ISP"), >, 0);
  g_assert_cmpint (dt_test_menu_find (layout, connect, "Office Line"), >, 0);
  g_assert_true (dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, connect,
                                                                     "Home ISP")));
}

/* The steps ------------------------------------------------------------------------------- */

static void
write_phonebook (void)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (NULL);
  g_autoptr (GError) error = NULL;
  const char *names[] = { "Home ISP", "Office Line" };

  g_assert_true (dt_phonebook_load (phonebook, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (DtEntry) entry = dt_entry_new ();

      dt_entry_set_name (entry, names[i]);
      dt_entry_set_device (entry, "/dev/ttyS0");
      dt_entry_set_number (entry, "555-0100");
      dt_phonebook_add (phonebook, entry);
    }
  g_assert_true (dt_phonebook_save (phonebook, &error));
  g_assert_no_error (error);
}

static void
on_applied (DtAutostart  *autostart,
            gboolean      start_at_login,
            const GError *error,
            gpointer      user_data)
{
  g_assert_no_error (error);
  *(int *) user_data = start_at_login;
}

static gboolean
applied (gpointer data)
{
  return *(int *) data != -1;
}

/* Turns start-at-login on or off as the Preferences switch does, and waits until applied. */
static void
set_start_at_login (GSettings   *settings,
                    DtAutostart *autostart,
                    gboolean     on)
{
  int result = -1;
  gulong handler = g_signal_connect (autostart, "applied", G_CALLBACK (on_applied), &result);

  g_settings_set_boolean (settings, "start-at-login", on);
  dt_test_sni_wait_until (applied, &result, DT_TEST_SNI_LIMIT_S);
  g_assert_cmpint (result, ==, on);
  g_signal_handler_disconnect (autostart, handler);
}

/* A dialtone left behind by a failed test ends with it. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Launches @desktop_file as a session or an app grid does: GDesktopAppInfo, which runs its
 * Exec, or calls org.freedesktop.Application.Activate for a D-Bus activatable one. */
static void
launch (const char *desktop_file,
        Child      *child)
{
  g_autoptr (GDesktopAppInfo) info = g_desktop_app_info_new_from_filename (desktop_file);
  g_autoptr (GAppLaunchContext) context = g_app_launch_context_new ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (info);
  g_assert_true (g_desktop_app_info_launch_uris_as_manager (info, NULL, context,
                                                            G_SPAWN_SEARCH_PATH |
                                                            G_SPAWN_DO_NOT_REAP_CHILD,
                                                            die_with_test, NULL,
                                                            child ? on_launched : NULL, child,
                                                            &error));
  g_assert_no_error (error);
}

/* Runs `dialtone [OPTION]` as from a terminal; it must end within the limit (a second
 * instance hands over and ends at once). */
static int
run_dialtone (const char *option)
{
  const char *argv[] = { dialtone, option, NULL };
  g_autoptr (GError) error = NULL;
  Child child = { 0 };

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                die_with_test, NULL, &child.pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (child.pid, on_child_exit, &child);
  dt_test_sni_wait_until (child_exited, &child, DT_TEST_SNI_LIMIT_S);
  return child.status;
}

static void
test_start_at_login (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  /* As the app makes it: run from the build tree, the file runs the built dialtone. */
  g_autoptr (DtAutostart) autostart = dt_autostart_new_default (settings);
  g_autofree char *file = dt_autostart_get_file_path ();
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autofree char *try_exec = NULL;
  g_autofree char *item = NULL;
  DtTestWatcher *watcher = dt_test_watcher_start ();
  DtTestHost *host = dt_test_host_new ();
  Child child = { 0 };
  int layout_item;
  g_autoptr (GVariant) layout = NULL;

  write_phonebook ();

  /* With the tray icon turned off, the background has nothing to show: it ends at once. */
  g_settings_set_boolean (settings, "show-tray-icon", FALSE);
  g_settings_sync ();
  g_assert_cmpint (run_dialtone ("--background"), ==, 0);
  g_assert_false (dt_test_host_name_has_owner (host, "io.github.dialtone.Dialtone"));
  g_settings_set_boolean (settings, "show-tray-icon", TRUE);
  g_settings_sync ();

  /* The switch on: the session's autostart folder gets the file. */
  set_start_at_login (settings, autostart, TRUE);
  g_assert_true (g_key_file_load_from_file (key_file, file, 0, NULL));
  try_exec = g_key_file_get_string (key_file, "Desktop Entry", "TryExec", NULL);
#if DT_UNINSTALLED_PATHS
  g_assert_cmpstr (try_exec, ==, dialtone);
#else
  g_assert_cmpstr (try_exec, ==, "dialtone");
#endif

  /* Login: the session launches it. */
  launch (file, &child);
  g_assert_cmpint (child.pid, >, 0);
  dt_test_sni_wait_until (app_on_bus, host, DT_TEST_SNI_LIMIT_S);
  item = wait_for_item (host);
  assert_offline (host, item);
  /* No window, not even a late one. */
  dt_test_sni_spin (500);
  g_assert_cmpuint (count_viewable_windows (child.pid), ==, 0);

  /* Launched again in the background: nothing changes, and nothing is left running. */
  g_assert_cmpint (run_dialtone ("--background"), ==, 0);
  dt_test_sni_spin (300);
  g_assert_cmpuint (count_viewable_windows (child.pid), ==, 0);
  g_assert_false (child.exited);

  /* The app grid: the running instance shows its window. */
  launch (app_desktop_file, NULL);
  dt_test_sni_wait_until (has_viewable_window, GINT_TO_POINTER (child.pid),
                          DT_TEST_SNI_LIMIT_S);
  g_assert_cmpuint (count_viewable_windows (child.pid), ==, 1);
  /* And `dialtone` from a terminal hands over to it too, and ends. */
  g_assert_cmpint (run_dialtone (NULL), ==, 0);
  g_assert_cmpuint (count_viewable_windows (child.pid), ==, 1);
  g_assert_false (child.exited);

  /* Quit from the tray's menu ends it. */
  layout = dt_test_host_get_layout (host, item);
  layout_item = dt_test_menu_find (layout, 0, "_Quit");
  g_assert_cmpint (layout_item, >, 0);
  dt_test_host_click (host, item, layout_item);
  dt_test_sni_wait_until (child_exited, &child, DT_TEST_SNI_LIMIT_S);
  g_assert_true (g_spawn_check_wait_status (child.status, NULL));
  g_assert_false (dt_test_host_name_has_owner (host, "io.github.dialtone.Dialtone"));

  /* The switch off: the file is gone. */
  set_start_at_login (settings, autostart, FALSE);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  dt_test_host_free (host);
  dt_test_watcher_stop (watcher);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *bindir = NULL;
  g_autofree char *path = NULL;
  DtTestKeyring *bus;
  int status;

  /* Before any thread: a private session bus, and temporary XDG folders. */
  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 3);
  dialtone = g_canonicalize_filename (argv[1], NULL);
  app_desktop_file = g_canonicalize_filename (argv[2], NULL);

  /* `dialtone` on the app grid is the one just built (the autostart file names it by its
   * path), drawn on X, with settings it shares with the test, as a desktop's dconf would (a
   * keyfile in XDG_CONFIG_HOME). */
  bindir = g_path_get_dirname (dialtone);
  path = g_strconcat (bindir, ":", g_getenv ("PATH"), NULL);
  g_setenv ("PATH", path, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_assert_nonnull (g_getenv ("DISPLAY"));

  g_test_add_func ("/background/start-at-login", test_start_at_login);
  status = g_test_run ();

  g_free (dialtone);
  g_free (app_desktop_file);
  dt_test_keyring_stop (bus);
  return status;
}
