/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paused states' dialogs, answered through their widgets as a user would, under Xvfb,
 * with the real DtApplication (--no-network), a real gnome-keyring-daemon on a private bus
 * and a phonebook in a temp dir:
 *   - PasswordExpired against the scripted MS-CHAPv2 peer (tests/peer), which decrypts the
 *     Change-Password packet: the dialog's checks, the password the peer recovered, the
 *     state sequence, the keyring holding the new password only once Connected; a wrong
 *     old password (709) and Cancel (648);
 *   - the terminal window against the test ISP's login number 5550150 (pppd behind a
 *     Unix-style login): read "login:", type the user, read "Password:", type the password
 *     or use Send Password, Continue to Connected; Cancel (631);
 *   - CallbackSetByCaller against the scripted CBCP peer that rings back: the suggested
 *     number, the dialable check, the callback states in the progress dialog, the number the
 *     peer recorded; Connect Without Callback, shown only when the server offers no
 *     callback too, straight on to Connected with the peer's Callback-Response of type 1;
 *     Cancel (631);
 *   - InvokeEapUI against the test ISP's EAP number 5550117 with an entry without a user
 *     name: the dialog asks for it, and the dial goes on in the same session; Cancel (631).
 * Each group of paths can run in its own process. */

#include "config.h"

#include <string.h>

#include "dt-application.h"
#include "dt-callback-dialog.h"
#include "dt-change-password-dialog.h"
#include "dt-connect-dialog.h"
#include "dt-eap-dialog.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-progress-dialog.h"
#include "dt-terminal-buffer.h"
#include "dt-terminal-window.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-peer.h"
#include "dt-window.h"

#define USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"
#define OLD_PASSWORD "Old-Passw0rd"
#define NEW_PASSWORD "Nëw-Passw0rd!"

static DtApplication *app;
static DtWindow *window;           /* the main window, from on_ready() on */
static DtTestKeyring *keyring;

/* Checks -------------------------------------------------------------------------------- */

static void
assert_states (const char *expected)
{
  g_autofree char *states = dt_test_states_string ();
  g_autofree char *labels = dt_test_labels_string ();

  g_test_message ("progress dialog said:\n%s", labels);
  g_assert_cmpstr (states, ==, expected);
}

static void
assert_paused_dialog (gpointer dialog,
                      guint    state,
                      const char *name)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  g_assert_true (DT_IS_PROGRESS_DIALOG (parent));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, name)), ==, state);
}

/* Closes the error dialog the dial ended with, after checking its text. */
static void
close_error_dialog (const char *error_prefix)
{
  DtErrorDialog *error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  const char *text = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error));

  g_test_message ("error dialog: %s", text);
  g_assert_true (g_str_has_prefix (text, error_prefix));
  dt_test_click_response (error, "close");
  dt_test_wait_toplevel_gone (DT_TYPE_ERROR_DIALOG);
  dt_test_assert_finalized (error);
}

/* The scripted peer ------------------------------------------------------------------------ */

static DtTestPeer *
start_peer (const DtTestPeerScenario *scenario)
{
  return dt_test_peer_new (scenario);
}

static void
init_scenario (DtTestPeerScenario *scenario)
{
  dt_test_peer_scenario_init (scenario);
  scenario->user = USER;
  scenario->password = OLD_PASSWORD;
  scenario->s12 = 5;
  scenario->restart_ms = 1000;
  scenario->connect_delay_ms = 20;
}

static void
tell_transcript (DtTestPeer *peer)
{
  if (g_test_failed ())
    {
      g_autofree char *transcript = dt_test_peer_format_transcript (peer);

      g_test_message ("peer transcript:\n%s", transcript);
    }
}

/* Connect on the entry @name, dialing @peer with the keyring's password, up to the pause
 * @state and its modal dialog of @dialog_type, which it returns. */
static gpointer
dial_to_pause (DtTestPeer *peer,
               const char *name,
               GType       dialog_type,
               guint       state)
{
  DtEntry *entry = dt_test_entry_named (app, name);
  gpointer dialog;

  dt_entry_set_device (entry, dt_test_peer_get_device (peer));
  dt_test_store_password (entry, OLD_PASSWORD);
  dt_test_reset_records ();
  dt_test_click (dt_test_entry_row (window, name), DT_TYPE_ENTRY_ROW, "connect_button");
  dialog = dt_test_wait_for_toplevel (dialog_type);
  assert_paused_dialog (dialog, state, name);
  return dialog;
}

/* PasswordExpired ------------------------------------------------------------------------- */

/* The entry keeps its password: Connect dials at once with the keyring's, and the server
 * answers E=648. */
static DtChangePasswordDialog *
dial_expired (DtTestPeer *peer)
{
  return dial_to_pause (peer, "Expired ISP", DT_TYPE_CHANGE_PASSWORD_DIALOG,
                        DT_CONN_STATE_PASSWORD_EXPIRED);
}

static gboolean
old_password_filled (gconstpointer dialog)
{
  GtkWidget *row = dt_test_child ((gpointer) dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG,
                                  "old_password_row");

  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row)), OLD_PASSWORD);
}

/* The reason under the rows, or NULL when it is hidden. */
static const char *
reason_of (DtChangePasswordDialog *dialog)
{
  GtkWidget *label = dt_test_child (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "reason_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
ok_sensitive (DtChangePasswordDialog *dialog)
{
  return gtk_widget_get_sensitive (dt_test_child (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG,
                                                  "ok_button"));
}

static gboolean
keyring_has (gconstpointer password)
{
  g_autofree char *saved = dt_test_keyring_password (dt_test_entry_named (app, "Expired ISP"));

  return g_strcmp0 (saved, password) == 0;
}

static void
test_change_password (void)
{
  g_autoptr (DtTestPeer) peer = NULL;
  DtTestPeerScenario scenario;
  DtChangePasswordDialog *dialog;
  const DtTestPeerOutcome *out;
  g_autofree char *saved = NULL;
  GtkWidget *confirm;

  init_scenario (&scenario);
  scenario.password_expired = TRUE;
  peer = start_peer (&scenario);
  dialog = dial_expired (peer);

  g_test_message ("%s", dt_test_label_text (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG,
                                            "message_label"));
  g_assert_true (g_str_has_prefix (dt_test_label_text (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG,
                                                       "message_label"), "The server said: "));
  /* The old password comes from the keyring. */
  dt_test_wait_until (old_password_filled, dialog);

  /* Change waits for the new password typed twice alike, and says what is missing. */
  g_assert_false (ok_sensitive (dialog));
  g_assert_cmpstr (reason_of (dialog), ==, "Type a new password.");
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "new_password_row", NEW_PASSWORD);
  g_assert_false (ok_sensitive (dialog));
  g_assert_cmpstr (reason_of (dialog), ==, "Type the new password again to confirm it.");
  confirm = dt_test_child (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "confirm_row");
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "confirm_row", "Nëw-Passw0rd");
  g_assert_false (ok_sensitive (dialog));
  g_assert_cmpstr (reason_of (dialog), ==, "The new passwords do not match.");
  g_assert_true (gtk_widget_has_css_class (confirm, "error"));
  /* Enter in a row does nothing while they differ. */
  gtk_widget_activate_default (confirm);
  dt_test_spin (200);
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, "Expired ISP")), ==,
                    DT_CONN_STATE_PASSWORD_EXPIRED);
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "confirm_row", NEW_PASSWORD);
  g_assert_true (ok_sensitive (dialog));
  g_assert_null (reason_of (dialog));
  g_assert_false (gtk_widget_has_css_class (confirm, "error"));

  /* Nothing reaches the keyring before the server took it. */
  g_assert_true (keyring_has (OLD_PASSWORD));
  dt_test_click (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "ok_button");
  dt_test_assert_finalized (dialog);

  dt_test_wait_for_state (app, "Expired ISP", DT_CONN_STATE_CONNECTED);
  tell_transcript (peer);
  /* Authenticate, E=648, PasswordExpired, AuthChangePassword, the server's Success,
   * Authenticated, then IPCP. */
  assert_states ("0 1 2 3 4 5 6 4099 9 6 14 18 8192");
  g_assert_true (dt_test_label_shown ("The password has expired"));
  g_assert_true (dt_test_label_shown ("Changing the password…"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);

  /* The peer decrypted the Change-Password packet: the very password typed. */
  out = dt_test_peer_get_outcome (peer);
  g_assert_cmpstr (out->new_password, ==, NEW_PASSWORD);
  g_assert_true (out->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (peer), ==, NEW_PASSWORD);
  g_assert_cmpuint (out->violations->len, ==, 0);

  /* Connected: the keyring has the new password. */
  dt_test_wait_until (keyring_has, NEW_PASSWORD);
  dt_test_hang_up_all (app);
}

/* A wrong old password: the server refuses the change (709); the keyring keeps the old. */
static void
test_wrong_old_password (void)
{
  g_autoptr (DtTestPeer) peer = NULL;
  DtTestPeerScenario scenario;
  DtChangePasswordDialog *dialog;

  init_scenario (&scenario);
  scenario.password_expired = TRUE;
  peer = start_peer (&scenario);
  dialog = dial_expired (peer);
  dt_test_wait_until (old_password_filled, dialog);

  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "old_password_row", "not-the-old-one");
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "new_password_row", "Whatever-1");
  dt_test_type_into (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "confirm_row", "Whatever-1");
  dt_test_click (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "ok_button");
  dt_test_assert_finalized (dialog);

  dt_test_wait_for_state (app, "Expired ISP", DT_CONN_STATE_DISCONNECTED);
  tell_transcript (peer);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Expired ISP")), ==,
                    709);
  close_error_dialog ("Error 709: ");
  g_assert_false (dt_test_peer_get_outcome (peer)->password_changed);
  g_assert_true (keyring_has (OLD_PASSWORD));
}

static void
test_cancel_change_password (void)
{
  g_autoptr (DtTestPeer) peer = NULL;
  DtTestPeerScenario scenario;
  DtChangePasswordDialog *dialog;
  g_autofree char *states = NULL;

  init_scenario (&scenario);
  scenario.password_expired = TRUE;
  peer = start_peer (&scenario);
  dialog = dial_expired (peer);
  dt_test_click (dialog, DT_TYPE_CHANGE_PASSWORD_DIALOG, "cancel_button");
  dt_test_assert_finalized (dialog);

  dt_test_wait_for_state (app, "Expired ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Expired ISP")), ==,
                    648);
  states = dt_test_states_string ();
  g_assert_true (g_str_has_suffix (states, " 4099 8193"));
  close_error_dialog ("Error 648: ");
  g_assert_null (dt_test_peer_get_outcome (peer)->new_password);
  g_assert_true (keyring_has (OLD_PASSWORD));
}

/* CallbackSetByCaller ----------------------------------------------------------------------- */

/* The peer offers to call back a number of the caller's (and, with @no_callback, to go on
 * without callback), and rings back once it has a number. */
static DtTestPeer *
start_callback_peer (gboolean no_callback)
{
  DtTestPeerScenario scenario;

  init_scenario (&scenario);
  scenario.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  if (no_callback)
    scenario.callback_offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK);
  /* Long enough for the engine's "+++" hang-up, reopening and ATZ. */
  scenario.ring_delay_ms = 500;
  scenario.ring_interval_ms = 400;
  scenario.ring_count = 15;
  return start_peer (&scenario);
}

static DtCallbackDialog *
dial_callback (DtTestPeer *peer)
{
  return dial_to_pause (peer, "Callback ISP", DT_TYPE_CALLBACK_DIALOG,
                        DT_CONN_STATE_CALLBACK_SET_BY_CALLER);
}

static const char *
callback_reason (DtCallbackDialog *dialog)
{
  GtkWidget *label = dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG, "reason_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static gboolean
call_sensitive (DtCallbackDialog *dialog)
{
  return gtk_widget_get_sensitive (dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG, "call_button"));
}

static void
test_callback (void)
{
  g_autoptr (DtTestPeer) peer = start_callback_peer (FALSE);
  DtCallbackDialog *dialog = dial_callback (peer);
  GtkWidget *row = dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG, "number_row");
  const DtTestPeerOutcome *out;

  /* The last number used is suggested, and can be used as it is.  This server only calls
   * back: nothing offers to go on without. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "5550100");
  g_assert_true (call_sensitive (dialog));
  g_assert_null (callback_reason (dialog));
  g_assert_false (gtk_widget_get_visible (dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG,
                                                         "decline_button")));

  /* A number a modem cannot dial, or none, is refused with the reason. */
  dt_test_type_into (dialog, DT_TYPE_CALLBACK_DIALOG, "number_row", "555-CALL-ME");
  g_assert_false (call_sensitive (dialog));
  g_assert_cmpstr (callback_reason (dialog), ==,
                   "Use digits, spaces and the characters * # , + - ( ) W P T !");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_widget_activate_default (row);
  dt_test_spin (200);
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, "Callback ISP")), ==,
                    DT_CONN_STATE_CALLBACK_SET_BY_CALLER);
  dt_test_type_into (dialog, DT_TYPE_CALLBACK_DIALOG, "number_row", "  ");
  g_assert_false (call_sensitive (dialog));
  g_assert_cmpstr (callback_reason (dialog), ==, "Enter the number the server should call.");
  dt_test_type_into (dialog, DT_TYPE_CALLBACK_DIALOG, "number_row", "555-0177");
  g_assert_true (call_sensitive (dialog));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  dt_test_click (dialog, DT_TYPE_CALLBACK_DIALOG, "call_button");
  dt_test_assert_finalized (dialog);
  dt_test_wait_for_state (app, "Callback ISP", DT_CONN_STATE_CONNECTED);
  tell_transcript (peer);
  /* The pause, AuthCallback with the number, the line reset, the call back, authentication
   * again, IPCP; the progress dialog said each step. */
  assert_states ("0 1 2 3 4 5 6 8 4098 8 15 16 17 20 13 6 14 18 8192");
  g_assert_true (dt_test_label_shown ("Waiting for a callback number…"));
  g_assert_true (dt_test_label_shown ("Preparing for the callback…"));
  g_assert_true (dt_test_label_shown ("Waiting for the modem to reset…"));
  g_assert_true (dt_test_label_shown ("Waiting for the server to call back at 555-0177…"));
  g_assert_true (dt_test_label_shown ("The server called back"));
  g_assert_true (dt_test_label_shown ("Verifying user name and password again…"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);

  /* The peer called back the number typed, and it is the suggestion next time. */
  out = dt_test_peer_get_outcome (peer);
  g_assert_true (out->callback_acked);
  g_assert_cmpstr (out->callback_number, ==, "555-0177");
  g_assert_cmpuint (out->rings_sent, >=, 1);
  g_assert_true (out->callback_answered);
  g_assert_cmpuint (out->violations->len, ==, 0);
  g_assert_cmpstr (dt_entry_get_callback_number (dt_test_entry_named (app, "Callback ISP")), ==,
                   "555-0177");
  dt_test_hang_up_all (app);
}

static void
test_decline_callback (void)
{
  g_autoptr (DtTestPeer) peer = start_callback_peer (TRUE);
  DtCallbackDialog *dialog = dial_callback (peer);
  DtEntry *entry = dt_test_entry_named (app, "Callback ISP");
  g_autofree char *last_number = g_strdup (dt_entry_get_callback_number (entry));
  GtkWidget *decline = dt_test_child (dialog, DT_TYPE_CALLBACK_DIALOG, "decline_button");
  const DtTestPeerOutcome *out;
  const DtTestPeerRecord *response;
  const guint8 *bytes;
  gsize size;

  /* The server lets the call go on without callback: the dialog offers that too, whatever
   * the number row holds. */
  g_assert_true (gtk_widget_get_visible (decline));
  g_assert_true (gtk_widget_is_sensitive (decline));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (decline)), ==, "Connect _Without Callback");
  dt_test_type_into (dialog, DT_TYPE_CALLBACK_DIALOG, "number_row", "");
  g_assert_false (call_sensitive (dialog));
  g_assert_true (gtk_widget_is_sensitive (decline));

  dt_test_click (dialog, DT_TYPE_CALLBACK_DIALOG, "decline_button");
  dt_test_assert_finalized (dialog);
  dt_test_wait_for_state (app, "Callback ISP", DT_CONN_STATE_CONNECTED);
  tell_transcript (peer);
  /* The pause, AuthCallback, then on in the same call: no line reset, no call back. */
  assert_states ("0 1 2 3 4 5 6 8 4098 8 14 18 8192");
  g_assert_true (dt_test_label_shown ("Waiting for a callback number…"));
  g_assert_true (dt_test_label_shown ("User name and password accepted"));
  g_assert_false (dt_test_label_shown ("Preparing for the callback…"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);

  /* The peer received "no callback": a Callback-Response of type 1, length 2. */
  response = dt_test_peer_find (peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2, 0);
  g_assert_nonnull (response);
  bytes = g_bytes_get_data (response->packet, &size);
  g_assert_cmpuint (size, ==, 6);
  g_assert_cmpuint (bytes[4], ==, 1);
  g_assert_cmpuint (bytes[5], ==, 2);
  out = dt_test_peer_get_outcome (peer);
  g_assert_true (out->callback_acked);
  g_assert_cmpuint (out->callback_type, ==, 1);
  g_assert_cmpuint (out->calls, ==, 1);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  g_assert_true (out->ipcp_opened);
  g_assert_cmpuint (out->violations->len, ==, 0);
  /* The last number stays the suggestion for next time. */
  g_assert_cmpstr (dt_entry_get_callback_number (entry), ==, last_number);
  dt_test_hang_up_all (app);
}

static void
test_cancel_callback (void)
{
  g_autoptr (DtTestPeer) peer = start_callback_peer (FALSE);
  DtCallbackDialog *dialog = dial_callback (peer);
  g_autofree char *states = NULL;

  dt_test_click (dialog, DT_TYPE_CALLBACK_DIALOG, "cancel_button");
  dt_test_assert_finalized (dialog);
  dt_test_wait_for_state (app, "Callback ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Callback ISP")), ==,
                    631);
  states = dt_test_states_string ();
  g_assert_true (g_str_has_suffix (states, " 4098 8193"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_spin (300);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_false (dt_test_peer_get_outcome (peer)->callback_acked);
  g_assert_cmpuint (dt_test_peer_get_outcome (peer)->rings_sent, ==, 0);
}

/* The terminal window ------------------------------------------------------------------------ */

static DtTestIsp *isp;
static char *line;

static gboolean
skip_without_isp (void)
{
  g_autofree char *reason = NULL;

  if (line != NULL)
    return FALSE;
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return TRUE;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  dt_entry_set_device (dt_test_entry_named (app, "Login ISP"), line);
  dt_entry_set_device (dt_test_entry_named (app, "EAP ISP"), line);
  return FALSE;
}

static char *
terminal_text (DtTerminalWindow *terminal)
{
  GtkTextView *view = GTK_TEXT_VIEW (dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW,
                                                    "text_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

typedef struct {
  DtTerminalWindow *terminal;
  const char *text;
} Screen;

static gboolean
screen_shows (const Screen *screen)
{
  g_autofree char *text = terminal_text (screen->terminal);

  return strstr (text, screen->text) != NULL;
}

static void
wait_for_screen (DtTerminalWindow *terminal,
                 const char       *text)
{
  Screen screen = { terminal, text };

  dt_test_wait_until (screen_shows, &screen);
}

/* Neither the window nor the connection log ("More Info") shows the password. */
static void
assert_password_hidden (DtTerminalWindow *terminal)
{
  g_autofree char *screen = terminal_text (terminal);
  g_auto (GStrv) log = dt_connection_dup_log (dt_test_connection_of (app, "Login ISP"));
  g_autofree char *joined = g_strjoinv ("\n", log);

  g_assert_null (strstr (screen, ISP_PASSWORD));
  g_assert_null (strstr (joined, ISP_PASSWORD));
}

/* Types a line in the window's entry and presses Enter: Return's key binding in the entry's
 * GtkText emits its "activate". */
static void
type_line (DtTerminalWindow *terminal,
           const char       *text)
{
  GtkWidget *input = dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW, "input_entry");

  gtk_editable_set_text (GTK_EDITABLE (input), text);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (input)), "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "");
}

/* Connect ▸ the Connect dialog with the password ▸ Dial: the ISP's banner and prompt. */
static DtTerminalWindow *
dial_login (void)
{
  DtConnectDialog *connect;
  DtTerminalWindow *terminal;
  GtkWidget *view, *input, *focus;

  dt_test_reset_records ();
  dt_test_click (dt_test_entry_row (window, "Login ISP"), DT_TYPE_ENTRY_ROW, "connect_button");
  connect = dt_test_wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);

  terminal = dt_test_wait_for_toplevel (DT_TYPE_TERMINAL_WINDOW);
  assert_paused_dialog (terminal, DT_CONN_STATE_INTERACTIVE, "Login ISP");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (terminal)), ==, "Terminal: Login ISP");
  /* A read-only monospace view; the keyboard starts in the line to send. */
  view = dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW, "text_view");
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (view)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  input = dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW, "input_entry");
  focus = gtk_root_get_focus (GTK_ROOT (terminal));
  g_assert_true (focus == input || gtk_widget_is_ancestor (focus, input));

  wait_for_screen (terminal, "Dialtone Test ISP");
  wait_for_screen (terminal, "login: ");
  return terminal;
}

static void
test_terminal_login (void)
{
  DtTerminalWindow *terminal;
  g_autofree char *screen = NULL;

  if (skip_without_isp ())
    return;
  terminal = dial_login ();
  type_line (terminal, USER);
  wait_for_screen (terminal, "Password:");
  /* The server echoed the user name into the view. */
  wait_for_screen (terminal, "login: " USER);
  type_line (terminal, ISP_PASSWORD);
  wait_for_screen (terminal, "Starting PPP");
  screen = terminal_text (terminal);
  g_test_message ("terminal:\n%s", screen);
  assert_password_hidden (terminal);

  dt_test_click (terminal, DT_TYPE_TERMINAL_WINDOW, "continue_button");
  dt_test_assert_finalized (terminal);
  dt_test_wait_for_state (app, "Login ISP", DT_CONN_STATE_CONNECTED);
  assert_states ("0 1 2 3 4096 4 18 8192");
  g_assert_true (dt_test_label_shown ("Waiting for you to log in at the terminal…"));
  g_assert_true (dt_test_label_shown ("Establishing the PPP link…"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_hang_up_all (app);
}

static GtkAdjustment *
vadjustment_of (DtTerminalWindow *terminal)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (dt_test_child (terminal,
                                                                        DT_TYPE_TERMINAL_WINDOW,
                                                                        "text_view")));
}

static gboolean
at_bottom (gconstpointer terminal)
{
  GtkAdjustment *adjustment = vadjustment_of ((gpointer) terminal);

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1;
}

/* The line as the engine hands it over: "terminal-output" with raw bytes. */
static void
server_says (DtTerminalWindow *terminal,
             const char       *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  g_signal_emit_by_name (dt_test_connection_of (app, "Login ISP"), "terminal-output", bytes);
}

/* A long listing scrolls the view to its end, as a terminal does; once the user scrolls up
 * to read, more text leaves the view where it is. */
static void
assert_view_follows (DtTerminalWindow *terminal)
{
  g_autoptr (GString) listing = g_string_new (NULL);
  GtkAdjustment *adjustment = vadjustment_of (terminal);

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (listing, "motd line %u\r\n", i);
  server_says (terminal, listing->str);
  dt_test_wait_until (at_bottom, terminal);

  gtk_adjustment_set_value (adjustment, 0);
  server_says (terminal, "one more line\r\n");
  dt_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* Send Password types the dial's password without showing it; Cancel then hangs up. */
static void
test_terminal_send_password_and_cancel (void)
{
  DtTerminalWindow *terminal;

  if (skip_without_isp ())
    return;
  terminal = dial_login ();
  type_line (terminal, USER);
  wait_for_screen (terminal, "Password:");
  g_assert_true (gtk_widget_get_sensitive (dt_test_child (terminal, DT_TYPE_TERMINAL_WINDOW,
                                                          "password_button")));
  dt_test_click (terminal, DT_TYPE_TERMINAL_WINDOW, "password_button");
  /* The ISP took it: it starts PPP. */
  wait_for_screen (terminal, "Starting PPP");
  assert_password_hidden (terminal);

  assert_view_follows (terminal);

  dt_test_click (terminal, DT_TYPE_TERMINAL_WINDOW, "cancel_button");
  dt_test_assert_finalized (terminal);
  dt_test_wait_for_state (app, "Login ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Login ISP")), ==,
                    631);
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  /* The user's own hang-up: no error dialog, no notification. */
  dt_test_spin (300);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_false (dt_test_notified ("Could not connect"));
}

/* InvokeEapUI ------------------------------------------------------------------------------ */

/* The EAP entry has no user name: pppd's EAP Identity request (5550117) opens the dialog,
 * which asks for it in plain sight. */
static DtEapDialog *
dial_eap (void)
{
  DtEntry *entry = dt_test_entry_named (app, "EAP ISP");
  DtEapDialog *dialog;

  dt_test_store_password (entry, ISP_PASSWORD);
  dt_test_reset_records ();
  dt_test_click (dt_test_entry_row (window, "EAP ISP"), DT_TYPE_ENTRY_ROW, "connect_button");
  dialog = dt_test_wait_for_toplevel (DT_TYPE_EAP_DIALOG);
  assert_paused_dialog (dialog, DT_CONN_STATE_INVOKE_EAP_UI, "EAP ISP");
  g_assert_cmpstr (dt_test_label_text (dialog, DT_TYPE_EAP_DIALOG, "heading_label"), ==,
                   "The server asks for your user name.");
  g_assert_true (gtk_widget_get_visible (dt_test_child (dialog, DT_TYPE_EAP_DIALOG,
                                                        "text_row")));
  g_assert_false (gtk_widget_get_visible (dt_test_child (dialog, DT_TYPE_EAP_DIALOG,
                                                         "secret_row")));
  return dialog;
}

static void
test_eap_identity (void)
{
  DtEapDialog *dialog;

  if (skip_without_isp ())
    return;
  dialog = dial_eap ();
  dt_test_type_into (dialog, DT_TYPE_EAP_DIALOG, "text_row", USER);
  dt_test_click (dialog, DT_TYPE_EAP_DIALOG, "continue_button");
  dt_test_assert_finalized (dialog);
  dt_test_wait_for_state (app, "EAP ISP", DT_CONN_STATE_CONNECTED);
  assert_states ("0 1 2 3 4 5 4100 5 6 14 18 8192");
  g_assert_true (dt_test_label_shown ("Waiting for EAP credentials…"));
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_hang_up_all (app);
}

/* Cancel hangs up: the user's own (631), with no error dialog. */
static void
test_eap_cancel (void)
{
  DtEapDialog *dialog;

  if (skip_without_isp ())
    return;
  dialog = dial_eap ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  dt_test_assert_finalized (dialog);
  dt_test_wait_for_state (app, "EAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "EAP ISP")), ==,
                    631);
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_spin (300);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
}

/* The app ------------------------------------------------------------------------------------- */

static DtEntry *
add_entry (const char *name,
           const char *number)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, "/dev/null");
  dt_entry_set_number (entry, number);
  dt_entry_set_user (entry, USER);
  dt_entry_set_dial_timeout (entry, 15);
  dt_entry_set_redial_attempts (entry, 0);
  dt_phonebook_add (dt_application_get_phonebook (app), entry);
  return dt_test_entry_named (app, name);
}

static void
add_entries (void)
{
  DtEntry *entry;

  entry = add_entry ("Expired ISP", "5550123");
  dt_entry_set_auth_methods (entry, DT_AUTH_MSCHAPV2);
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);

  entry = add_entry ("Callback ISP", "5550100");
  dt_entry_set_auth_methods (entry, DT_AUTH_MSCHAPV2);
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);
  dt_entry_set_callback_mode (entry, DT_CALLBACK_ASK);
  dt_entry_set_callback_number (entry, "5550100");

  entry = add_entry ("Login ISP", "5550150");
  dt_entry_set_show_terminal (entry, TRUE);

  entry = add_entry ("EAP ISP", "5550117");
  dt_entry_set_user (entry, NULL);
  dt_entry_set_auth_methods (entry, DT_AUTH_EAP);
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);
}

/* The app is up, its main window shown: before the tests. */
static void
on_ready (void)
{
  window = DT_WINDOW (dt_application_get_main_window (app));
  add_entries ();
  dt_test_record (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = NULL;
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  dt_test_gui_init (&argc, &argv);
  dt_test_serve_notifications ();

  g_test_add_func ("/paused/password/change", test_change_password);
  g_test_add_func ("/paused/password/wrong-old-password", test_wrong_old_password);
  g_test_add_func ("/paused/password/cancel", test_cancel_change_password);
  g_test_add_func ("/paused/callback/number", test_callback);
  g_test_add_func ("/paused/callback/decline", test_decline_callback);
  g_test_add_func ("/paused/callback/cancel", test_cancel_callback);
  g_test_add_func ("/paused/terminal/login", test_terminal_login);
  g_test_add_func ("/paused/terminal/send-password-and-cancel",
                   test_terminal_send_password_and_cancel);
  g_test_add_func ("/paused/eap/identity", test_eap_identity);
  g_test_add_func ("/paused/eap/cancel", test_eap_cancel);

  app = dt_application_new ();
  status = dt_test_run_in_app (app, on_ready, NULL);

  if (line != NULL)
    {
      dt_test_isp_release_line (isp, line);
      g_free (line);
    }
  dt_test_keyring_stop (keyring);
  return status;
}
