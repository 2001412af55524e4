/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialtone as a screen reader finds it: the real app (src/dialtone) in a process of its own,
 * with accessibility on, under Xvfb, on a real accessibility bus (at-spi2-core's bus
 * launcher and registry) and a private session bus with a real gnome-keyring-daemon; its
 * AT-SPI tree read with libatspi, keys typed through the registry.
 *   /a11y/tree: every window a user meets, checked by dt_test_atspi_check: the main window,
 *     the preferences, the editor (every page, a new entry and one with alternates and
 *     routes), the Connect dialog, the progress dialog (against the ISP's silent number),
 *     the error dialog (a busy line, with a redial countdown and the log), the paused
 *     states' dialogs (retry authentication and the terminal against the ISP, a password
 *     change and a callback against the scripted peer of tests/peer, running in this
 *     process), and the status window of a real connection;
 *   /a11y/keyboard: the keyboard alone: connect, hang up, edit, cancel, new entry, quit,
 *     with where the focus is after each step.
 * Each path runs in its own process (meson runs them one after the other: keys go to
 * whichever window has the X focus). */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "dt-test-atspi.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-peer.h"

#define USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"
#define PEER_PASSWORD "Old-Passw0rd"

static DtTestKeyring *keyring;
static DtTestIsp *isp;
static char *line;
static char *config_dir;
static GSubprocess *app;
static gboolean app_done;
static DtTestPeer *expired_peer;
static DtTestPeer *callback_peer;

/* The phonebook ---------------------------------------------------------------------------- */

static void
append_entry (GString    *ini,
              guint       n,
              const char *name,
              const char *device,
              const char *number,
              const char *more)
{
  g_string_append_printf (ini, "\n[Entry 00000000-0000-4000-8000-0000000000%02u]\nName=%s\n"
                          "Device=%s\nNumber=%s\nUser=" USER "\nRememberPassword=false\n"
                          "DialTimeout=15\nRedialAttempts=0\n%s",
                          n, name, device, number, more);
}

/* Every entry the tree test dials, and one with alternates and routes that sorts first, for
 * the editor; the keyboard test's phonebook has PAP ISP alone. */
static void
write_phonebook (gboolean all)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (GString) ini = g_string_new ("[Phonebook]\nVersion=1\n");

  append_entry (ini, 1, "PAP ISP", line, "5550110", "");
  if (all)
    append_entry (ini, 8, "Acme Office", line, "5550100",
                  "Alternates=5550101;\nRoutes=10.99.0.0/16;\nDefaultGateway=false\n");
  if (!all)
    goto write;
  append_entry (ini, 2, "Silent ISP", line, "5550180", "");
  append_entry (ini, 3, "Busy ISP", line, "5550199", "RedialAttempts=1\nRedialInterval=90\n");
  append_entry (ini, 4, "MS-CHAP ISP", line, "5550112", "");
  append_entry (ini, 5, "Login ISP", line, "5550150", "ShowTerminal=true\n");
  if (expired_peer != NULL)
    append_entry (ini, 6, "Expired ISP", dt_test_peer_get_device (expired_peer), "5550123",
                  "AuthMethods=mschapv2;\n");
  if (callback_peer != NULL)
    append_entry (ini, 7, "Callback ISP", dt_test_peer_get_device (callback_peer), "5550100",
                  "AuthMethods=mschapv2;\nCallbackMode=ask\nCallbackNumber=5550100\n");
write:
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, ini->str, -1, NULL));
}

static void
start_peers (void)
{
  DtTestPeerScenario scenario;

  dt_test_peer_scenario_init (&scenario);
  scenario.user = USER;
  scenario.password = PEER_PASSWORD;
  scenario.password_expired = TRUE;
  scenario.connect_delay_ms = 20;
  expired_peer = dt_test_peer_new (&scenario);

  dt_test_peer_scenario_init (&scenario);
  scenario.user = USER;
  scenario.password = PEER_PASSWORD;
  scenario.connect_delay_ms = 20;
  scenario.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  callback_peer = dt_test_peer_new (&scenario);
}

static gboolean
app_exited (gconstpointer data)
{
  return app_done;
}

static void
on_app_waited (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);

  g_subprocess_wait_finish (process, result, NULL);
  app_done = TRUE;
  if (g_subprocess_get_if_signaled (process))
    g_test_message ("the app died of signal %d", g_subprocess_get_term_sig (process));
}

static void
start_app (gboolean all)
{
  const char *argv[] = { DT_DIALTONE_BINARY, "--no-network", NULL };

  write_phonebook (all);
  app_done = FALSE;
  app = dt_test_atspi_spawn_app (argv, config_dir);
  g_subprocess_wait_async (app, NULL, on_app_waited, NULL);
}

/* Quits the app, unless it quit already. */
static void
stop_app (void)
{
  if (!app_done)
    g_subprocess_send_signal (app, SIGTERM);
  dt_test_wait_until (app_exited, NULL);
  g_clear_object (&app);
  dt_test_atspi_assert_app_log (config_dir);
}

/* Steps ------------------------------------------------------------------------------------- */

static AtspiAccessible *
main_window (void)
{
  return dt_test_atspi_wait_window ("Dialtone");
}

/* Clicks the Connect button of an entry's row, and fills in the Connect dialog. */
static void
dial (const char *name,
      const char *password)
{
  g_autoptr (AtspiAccessible) window = main_window ();
  g_autofree char *button_name = g_strdup_printf ("Connect to %s", name);
  g_autofree char *title = g_strdup_printf ("Connect to %s", name);
  g_autoptr (AtspiAccessible) button = dt_test_atspi_wait_for (window, ATSPI_ROLE_PUSH_BUTTON,
                                                                button_name);
  g_autoptr (AtspiAccessible) dialog = NULL;
  g_autoptr (AtspiAccessible) field = NULL;
  g_autoptr (AtspiAccessible) dial_button = NULL;

  dt_test_atspi_click (button);
  dialog = dt_test_atspi_wait_window (title);
  field = dt_test_atspi_wait_for (dialog, ATSPI_ROLE_PASSWORD_TEXT, "Password");
  dt_test_atspi_set_text (field, password);
  dial_button = dt_test_atspi_wait_for (dialog, ATSPI_ROLE_PUSH_BUTTON, "Dial");
  dt_test_atspi_click (dial_button);
  dt_test_atspi_wait_gone (title);
}

/* Clicks the button named @name in the window named @window. */
static void
click (const char *window_name,
       const char *name)
{
  g_autoptr (AtspiAccessible) window = dt_test_atspi_wait_window (window_name);
  g_autoptr (AtspiAccessible) button = dt_test_atspi_wait_for (window, ATSPI_ROLE_PUSH_BUTTON,
                                                                name);

  dt_test_atspi_click (button);
}

/* Cancel in a dialog; it goes, and so does the progress dialog under it. */
static void
cancel_dial (const char *window_name,
             const char *entry)
{
  g_autofree char *progress = g_strdup_printf ("Connecting to %s", entry);

  click (window_name, "Cancel");
  dt_test_atspi_wait_gone (window_name);
  dt_test_atspi_wait_gone (progress);
}

/* /a11y/tree ---------------------------------------------------------------------------------- */

static void
check_phonebook (void)
{
  g_autoptr (AtspiAccessible) window = main_window ();
  g_autoptr (AtspiAccessible) item = dt_test_atspi_wait_for (window, ATSPI_ROLE_LIST_ITEM,
                                                              "PAP ISP");
  g_autofree char *name = dt_test_atspi_name (item);

  /* The list's item says the entry and its state. */
  g_test_message ("row: %s", name);
  g_assert_true (g_str_has_prefix (name, "PAP ISP, Disconnected, 5550110, "));
  dt_test_atspi_assert_clean ("Dialtone");
}

static void
check_preferences (void)
{
  dt_test_atspi_ctrl_key ("comma");
  dt_test_atspi_assert_clean ("Preferences");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("Preferences");
}

/* Import… in the main menu (F10): the import dialog, as it opens. */
static void
check_import (void)
{
  g_autoptr (AtspiAccessible) item = NULL;

  dt_test_atspi_key ("F10");
  item = dt_test_atspi_wait_for (main_window (), ATSPI_ROLE_INVALID, "Import…");
  dt_test_atspi_click (item);
  dt_test_atspi_assert_clean ("Import Connections");
  click ("Import Connections", "Cancel");
  dt_test_atspi_wait_gone ("Import Connections");
}

/* Incoming Connections in the main menu, and its New User dialog. */
static void
check_incoming (void)
{
  g_autoptr (AtspiAccessible) item = NULL;

  dt_test_atspi_key ("F10");
  item = dt_test_atspi_wait_for (main_window (), ATSPI_ROLE_INVALID, "Incoming Connections");
  dt_test_atspi_click (item);
  dt_test_atspi_assert_clean ("Incoming Connections");
  click ("Incoming Connections", "Add User…");
  dt_test_atspi_assert_clean ("New User");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("New User");
  click ("Incoming Connections", "Close");
  dt_test_atspi_wait_gone ("Incoming Connections");
}

/* The editor open as @title, every page: libadwaita's view stack shows a screen reader the
 * pages it does not show on screen too, so one walk covers them all (a control of each page
 * is there to prove it). */
static void
check_editor_pages (const char *title)
{
  static const char * const controls[] = {
    "Name", "Phone number", "User name", "PAP", "Wait for an answer", "Redial attempts",
    "Use the remote network as the default gateway",
  };
  g_autoptr (AtspiAccessible) editor = dt_test_atspi_wait_window (title);

  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autoptr (AtspiAccessible) control = dt_test_atspi_find (editor, ATSPI_ROLE_INVALID,
                                                                controls[i]);

      g_assert_nonnull (control);
    }
  dt_test_atspi_assert_clean (title);
}

static void
check_editor (void)
{
  dt_test_atspi_ctrl_key ("n");
  check_editor_pages ("New Entry");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("New Entry");

  /* Acme Office, the first entry, selected, has alternates and routes: rows with Move and
   * Remove buttons. */
  dt_test_atspi_ctrl_key ("e");
  check_editor_pages ("Edit Entry");
  {
    g_autoptr (AtspiAccessible) editor = dt_test_atspi_wait_window ("Edit Entry");
    g_autoptr (AtspiAccessible) remove = dt_test_atspi_find (editor, ATSPI_ROLE_PUSH_BUTTON,
                                                             "Remove Route 1");

    g_assert_nonnull (remove);
  }
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("Edit Entry");
}

static void
check_connect_and_progress (void)
{
  g_autoptr (AtspiAccessible) button = NULL;
  g_autoptr (AtspiAccessible) progress = NULL;
  g_autoptr (AtspiAccessible) details = NULL;

  button = dt_test_atspi_wait_for (main_window (), ATSPI_ROLE_PUSH_BUTTON,
                                   "Connect to Silent ISP");
  dt_test_atspi_click (button);
  dt_test_atspi_assert_clean ("Connect to Silent ISP");
  click ("Connect to Silent ISP", "Cancel");
  dt_test_atspi_wait_gone ("Connect to Silent ISP");

  /* The ISP's 5550180 answers, then says nothing: the dial stays at the PPP link. */
  dial ("Silent ISP", ISP_PASSWORD);
  progress = dt_test_atspi_wait_window ("Connecting to Silent ISP");
  dt_test_atspi_wait_for (progress, ATSPI_ROLE_STATUS_BAR, "Establishing the PPP link");
  dt_test_atspi_assert_clean ("Connecting to Silent ISP");
  details = dt_test_atspi_wait_for (progress, ATSPI_ROLE_PUSH_BUTTON, "Details");
  dt_test_atspi_click (details);
  dt_test_spin (300);
  dt_test_atspi_assert_clean ("Connecting to Silent ISP");
  click ("Connecting to Silent ISP", "Cancel");
  dt_test_atspi_wait_gone ("Connecting to Silent ISP");
}

static void
check_error (void)
{
  g_autoptr (AtspiAccessible) dialog = NULL;
  g_autoptr (AtspiAccessible) more = NULL;

  dial ("Busy ISP", ISP_PASSWORD);
  dialog = dt_test_atspi_wait_window ("Error Connecting to Busy ISP");
  /* The countdown, said once on the button that has the focus, with the error. */
  {
    g_autoptr (AtspiAccessible) redial = dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON,
                                                                    "Redial in ");
    g_autofree char *description = atspi_accessible_get_description (redial, NULL);

    g_assert_true (g_str_has_prefix (description, "Error 676: The line is busy."));
  }
  dt_test_atspi_assert_clean ("Error Connecting to Busy ISP");
  more = dt_test_atspi_wait_for (dialog, ATSPI_ROLE_PUSH_BUTTON, "More Info");
  dt_test_atspi_click (more);
  dt_test_spin (300);
  dt_test_atspi_assert_clean ("Error Connecting to Busy ISP");
  click ("Error Connecting to Busy ISP", "Cancel");
  dt_test_atspi_wait_gone ("Error Connecting to Busy ISP");
}

static void
check_paused (void)
{
  dial ("MS-CHAP ISP", "not-the-password");
  dt_test_atspi_assert_clean ("Retry Authentication");
  cancel_dial ("Retry Authentication", "MS-CHAP ISP");
  /* The server's refusal ends the dial: error 691. */
  click ("Error Connecting to MS-CHAP ISP", "Close");
  dt_test_atspi_wait_gone ("Error Connecting to MS-CHAP ISP");

  dial ("Login ISP", ISP_PASSWORD);
  dt_test_atspi_assert_clean ("Terminal: Login ISP");
  cancel_dial ("Terminal: Login ISP", "Login ISP");

  dial ("Expired ISP", PEER_PASSWORD);
  dt_test_atspi_assert_clean ("Change Password");
  cancel_dial ("Change Password", "Expired ISP");
  click ("Error Connecting to Expired ISP", "Close");
  dt_test_atspi_wait_gone ("Error Connecting to Expired ISP");

  dial ("Callback ISP", PEER_PASSWORD);
  dt_test_atspi_assert_clean ("Callback");
  cancel_dial ("Callback", "Callback ISP");
}

static void
check_status (void)
{
  dial ("PAP ISP", ISP_PASSWORD);
  /* The toast's Status button. */
  click ("Dialtone", "Status");
  dt_test_atspi_assert_clean ("PAP ISP");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("PAP ISP");
  click ("Dialtone", "Hang up PAP ISP");
  dt_test_atspi_wait_for (main_window (), ATSPI_ROLE_PUSH_BUTTON, "Connect to PAP ISP");
}

static void
test_tree (void)
{
  start_peers ();
  start_app (TRUE);
  check_phonebook ();
  check_preferences ();
  check_import ();
  check_incoming ();
  check_editor ();
  check_connect_and_progress ();
  check_error ();
  check_paused ();
  check_status ();
  stop_app ();
}

/* /a11y/keyboard ----------------------------------------------------------------------------- */

static void
assert_focus_described (const char *prefix)
{
  g_autoptr (AtspiAccessible) focus = dt_test_atspi_focus ();
  g_autofree char *description = focus != NULL ? atspi_accessible_get_description (focus, NULL)
                                               : NULL;

  g_test_message ("focus described as: %s", description);
  g_assert_true (description != NULL && g_str_has_prefix (description, prefix));
}

static void
test_keyboard (void)
{
  g_autoptr (AtspiAccessible) focus = NULL;

  start_app (FALSE);
  /* The window opens with the focus on its first control; Tab reaches the row's button. */
  main_window ();
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "New Entry");
  dt_test_atspi_key ("Tab");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "Main Menu");
  dt_test_atspi_key ("Tab");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "Connect to PAP ISP");

  /* Connect: the dialog asks for the password, where the focus waits. */
  dt_test_atspi_key ("space");
  dt_test_atspi_wait_window ("Connect to PAP ISP");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PASSWORD_TEXT, "Password");
  dt_test_atspi_type (ISP_PASSWORD);
  dt_test_atspi_key ("Return");
  /* The progress dialog, with the focus on Cancel; then Connected: back on the row's
   * button, which now hangs up and says the state. */
  dt_test_atspi_wait_gone ("Connect to PAP ISP");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "Hang up PAP ISP");
  assert_focus_described ("Connected since ");

  /* Hang up: the focus stays on the button, which connects again. */
  dt_test_atspi_key ("space");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "Connect to PAP ISP");

  /* Edit, then Cancel: the editor opens on the name; Escape brings the focus back. */
  dt_test_atspi_ctrl_key ("e");
  dt_test_atspi_wait_window ("Edit Entry");
  dt_test_atspi_wait_focus (ATSPI_ROLE_TEXT, "Name");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("Edit Entry");
  dt_test_atspi_wait_focus (ATSPI_ROLE_PUSH_BUTTON, "Connect to PAP ISP");

  /* A new entry: the editor opens on the name too. */
  dt_test_atspi_ctrl_key ("n");
  dt_test_atspi_wait_window ("New Entry");
  dt_test_atspi_wait_focus (ATSPI_ROLE_TEXT, "Name");
  dt_test_atspi_key ("Escape");
  dt_test_atspi_wait_gone ("New Entry");

  /* Quit: the app goes, having hung up nothing (nothing is live). */
  dt_test_atspi_ctrl_key ("q");
  dt_test_wait_until (app_exited, NULL);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  stop_app ();
}

/* The app ------------------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *reason = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);

  g_test_add_func ("/a11y/tree", test_tree);
  g_test_add_func ("/a11y/keyboard", test_keyboard);
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      dt_test_keyring_stop (keyring);
      return g_test_run ();
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  dt_test_serve_notifications ();
  dt_test_atspi_start (dt_test_keyring_get_dir (keyring));
  status = g_test_run ();

  g_clear_pointer (&expired_peer, dt_test_peer_free);
  g_clear_pointer (&callback_peer, dt_test_peer_free);
  dt_test_atspi_stop ();
  dt_test_isp_release_line (isp, line);
  g_free (line);
  dt_test_keyring_stop (keyring);
  return status;
}
