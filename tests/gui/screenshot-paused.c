/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the real app into each paused state and captures its dialog with ImageMagick's
 * `import -window <XID>`: change-password.png and callback.png against the scripted peer
 * (tests/peer, in this process), terminal.png against the test ISP's login number, in the
 * folder given on the command line.  tests/gui/screenshot.sh runs it under Xvfb, inside
 * dbus-run-session and `dialtone-isp run`, after screenshot-dial. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-application.h"
#include "dt-callback-dialog.h"
#include "dt-change-password-dialog.h"
#include "dt-connect-dialog.h"
#include "dt-terminal-window.h"
#include "dt-test-gui.h"
#include "dt-test-screenshot.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-peer.h"

static DtApplication *app;
static const char *out_dir;

static DtEntry *
add_entry (const char *name,
           const char *device,
           const char *number)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, device);
  dt_entry_set_number (entry, number);
  dt_entry_set_user (entry, "alice");
  dt_entry_set_auth_methods (entry, DT_AUTH_MSCHAPV2);
  dt_entry_set_redial_attempts (entry, 0);
  dt_phonebook_add (dt_application_get_phonebook (app), entry);
  return dt_phonebook_lookup_by_name (dt_application_get_phonebook (app), name);
}

static void
dial_saved (DtEntry *entry)
{
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);
  dt_test_store_password (entry, "Winter-2024");
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string (dt_entry_get_uuid (entry)));
}

static DtTestPeer *
start_peer (gboolean expired,
            guint    callback_offer)
{
  DtTestPeerScenario scenario;

  dt_test_peer_scenario_init (&scenario);
  scenario.user = "alice";
  scenario.password = "Winter-2024";
  scenario.password_expired = expired;
  scenario.callback_offer = callback_offer;
  scenario.s12 = 5;
  scenario.restart_ms = 1000;
  scenario.connect_delay_ms = 20;
  return dt_test_peer_new (&scenario);
}

static void
shoot_change_password (void)
{
  g_autoptr (DtTestPeer) peer = start_peer (TRUE, 0);
  DtEntry *entry = add_entry ("Head Office", dt_test_peer_get_device (peer), "555-0140");
  DtChangePasswordDialog *dialog;

  dial_saved (entry);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_CHANGE_PASSWORD_DIALOG);
  dt_test_spin (500);
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "new_password_row", "Spring-2025");
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "confirm_row", "Spring-202");
  dt_test_screenshot (dialog, out_dir, "change-password.png");
  g_object_unref (dialog);
  dt_test_hang_up_all (app);
}

static void
shoot_callback (void)
{
  /* The server would also go on without a callback: the dialog offers that too. */
  guint offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER) |
                DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK);
  g_autoptr (DtTestPeer) peer = start_peer (FALSE, offer);
  DtEntry *entry = add_entry ("Branch Office", dt_test_peer_get_device (peer), "555-0150");
  DtCallbackDialog *dialog;

  dt_entry_set_callback_mode (entry, DT_CALLBACK_ASK);
  dt_entry_set_callback_number (entry, "555-0142");
  dial_saved (entry);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_CALLBACK_DIALOG);
  dt_test_spin (300);
  g_assert_true (gtk_widget_get_visible (dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG,
                                                        "decline_button")));
  dt_test_screenshot (dialog, out_dir, "callback.png");
  g_object_unref (dialog);
  dt_test_hang_up_all (app);
}

static char *
terminal_text (DtTerminalWindow *terminal)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW, "text_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static gboolean
asks_password (gconstpointer terminal)
{
  g_autofree char *text = terminal_text ((gpointer) terminal);

  return strstr (text, "Password:") != NULL;
}

static gboolean
asks_login (gconstpointer terminal)
{
  g_autofree char *text = terminal_text ((gpointer) terminal);

  return strstr (text, "login: ") != NULL;
}

static void
shoot_terminal (const char *line)
{
  DtEntry *entry = add_entry ("Campus BBS", line, "555-0150");
  DtConnectDialog *connect;
  DtTerminalWindow *terminal;
  GtkWidget *input;

  dt_entry_set_user (entry, "dialtone");
  dt_entry_set_show_terminal (entry, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string (dt_entry_get_uuid (entry)));
  connect = dt_test_wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", "dialtone-secret");
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  g_object_unref (connect);

  terminal = dt_test_wait_for_toplevel (DT_TYPE_TERMINAL_WINDOW);
  dt_test_wait_until (asks_login, terminal);
  input = dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW, "input_entry");
  gtk_editable_set_text (GTK_EDITABLE (input), "dialtone");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (input)), "activate");
  dt_test_wait_until (asks_password, terminal);
  dt_test_screenshot (terminal, out_dir, "terminal.png");
  g_object_unref (terminal);
  dt_test_hang_up_all (app);
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  DtTestIsp *isp;
  g_autofree char *line = NULL;

  if (ran)
    return;
  ran = TRUE;
  g_application_hold (application);
  dt_test_spin (500);

  shoot_change_password ();
  shoot_callback ();
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  shoot_terminal (line);
  dt_test_isp_release_line (isp, line);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  DtTestKeyring *keyring;
  g_autofree char *config = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  int status;

  if (argc != 2)
    g_error ("usage: %s OUTPUT_DIR", argv[0]);
  out_dir = argv[1];

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  dt_application_bind_textdomain ();

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_clear_object (&app);
  dt_test_keyring_stop (keyring);
  return status;
}
