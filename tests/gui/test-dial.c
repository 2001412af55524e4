/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing from the desktop against the real test ISP (pppd 2.4.9 behind an emulated modem in
 * a QEMU guest), under Xvfb, through the real widgets: the row's Connect button, the Connect
 * dialog's rows and Dial button, the progress dialog's label, the RetryAuthentication dialog,
 * "Save password", the status window's labels and Hang Up, and a multilink entry's lines in
 * both.  The app runs with --no-network (no TUN device: the data plane has its own tests), a
 * real gnome-keyring-daemon on a private bus, a phonebook in a temp dir whose entries use the
 * line this process acquired, and a notification server (org.freedesktop.Notifications)
 * played by the test on that bus, which records what the app announced (dt-test-gui-dial).
 * test-dial-errors dials the entries that fail, drop, or whose ISP reboots. */

#include "config.h"

#include <string.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-entry-editor.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-progress-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-status-window.h"
#include "dt-sub-entry.h"
#include "dt-test-gui-dial.h"
#include "dt-window.h"

static const char *
status_text (DtStatusWindow *status,
             const char     *name)
{
  return dt_test_label_text (status, DT_TYPE_STATUS_WINDOW, name);
}

/* CCP comes up just after Connected: Deflate and VJ, as pppd agrees by default. */
static gboolean
shows_compression (gconstpointer data)
{
  DtStatusWindow *status = (DtStatusWindow *) data;

  return g_str_has_prefix (status_text (status, "compression_label"), "Deflate 15, VJ");
}

/* The tests ------------------------------------------------------------------------------ */

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

/* A connected entry's row: "Status" heads its menu, and activating the row opens the status
 * window (the caller waits for it). */
static void
open_status_from_row (gpointer    main_window,
                      const char *name)
{
  GtkWidget *row = dt_test_entry_row (main_window, name);
  GtkWidget *menu_button = dt_test_find_widget (row, is_menu_button, NULL);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  GtkWidget *list_view = dt_test_find_widget (GTK_WIDGET (main_window), is_list_view, NULL);
  GListModel *items = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  g_autofree char *label = NULL;
  g_autofree char *action = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (label, ==, "_Status");
  g_assert_cmpstr (action, ==, "app.show-status");
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (items, i);

      if (g_strcmp0 (dt_entry_get_name (entry), name) == 0)
        {
          g_signal_emit_by_name (list_view, "activate", i);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_connect (void)
{
  g_autofree char *local = g_strdup_printf ("10.64.0.%u", 10 + line_number);
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtProgressDialog *progress;
  DtStatusWindow *status;
  GtkWidget *status_button;
  const char *expected[] = {
    "Opening port…", "Port opened", "Dialing 5550110…", "Connected to modem at 33600 bps",
    "Establishing the PPP link…", "Verifying user name and password…",
    NULL /* the server's answer */, "User name and password accepted",
    "Registering your computer on the network…", "Connected", NULL,
  };

  dt_test_reset_records ();
  connect = dt_test_dial_open_connect ("PAP ISP");
  g_assert_cmpstr (dt_test_editable_text (connect, DT_TYPE_CONNECT_DIALOG, "user_row"), ==,
                   "dialtone");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     ADW_COMBO_ROW (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                   "number_row")))),
                   ==, "5550110");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);

  progress = dt_test_wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (progress)), ==, "Connecting to PAP ISP");
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_CONNECTED);
  /* Closes itself on Connected. */
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_assert_finalized (progress);

  /* The label went through the engine's states in order. */
  {
    g_autofree char *said = dt_test_labels_string ();
    g_auto (GStrv) lines = g_strsplit (said, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) - 1);
    g_assert_true (g_str_has_prefix (lines[6], "The server answered"));
    expected[6] = lines[6];
    dt_test_dial_assert_labels (expected);
  }

  /* The row, the notification, then the toast's Status button opens the status window. */
  g_assert_true (g_str_has_prefix (dt_test_label_text (dt_test_entry_row (window, "PAP ISP"),
                                                       DT_TYPE_ENTRY_ROW, "state_label"),
                                   "Connected since "));
  dt_test_wait_until (dt_test_notified, "Connected to PAP ISP|33600 bps");
  status_button = dt_test_find_widget (GTK_WIDGET (window), dt_test_is_button_labelled, "_Status");
  g_assert_nonnull (status_button);
  gtk_widget_activate (status_button);
  status = dt_test_wait_for_toplevel (DT_TYPE_STATUS_WINDOW);
  g_assert_cmpstr (status_text (status, "local_address_label"), ==, local);
  g_assert_cmpstr (status_text (status, "remote_address_label"), ==, "10.64.0.1");
  g_assert_cmpstr (status_text (status, "dns_label"), ==, "10.64.0.53, 10.64.0.54");
  g_assert_cmpstr (status_text (status, "auth_label"), ==, "PAP");
  g_assert_cmpstr (status_text (status, "speed_label"), ==, "33600 bps");
  g_assert_true (g_str_has_prefix (status_text (status, "device_label"), line));
  g_assert_true (g_str_has_prefix (status_text (status, "duration_label"), "0:00:"));
  /* A healthy link: nothing dropped, no device errors. */
  g_assert_cmpstr (status_text (status, "drops_label"), ==, "0 / 0");
  /* The compression pppd agreed on, and what it saved once datagrams have moved. */
  dt_test_wait_until (shows_compression, status);
  g_assert_true (g_regex_match_simple ("^Deflate 15, VJ(, [0-9]+\\.[0-9]:1)?$",
                                       status_text (status, "compression_label"), 0, 0));
  /* pppd agrees on the address it gave. */
  {
    DtTestLogWant want = { offset, local, 1 };

    dt_test_wait_until (dt_test_dial_log_has, &want);
  }

  /* While connected, the row opens the status window too: its menu's first item, and
   * activating the row itself (Enter on it), instead of the editor. */
  gtk_window_destroy (GTK_WINDOW (status));
  dt_test_assert_finalized (status);
  open_status_from_row (window, "PAP ISP");
  status = dt_test_wait_for_toplevel (DT_TYPE_STATUS_WINDOW);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ENTRY_EDITOR));

  /* Hang Up in the status window: pppd gets the LCP Terminate-Request, the row goes idle. */
  dt_test_click (status, DT_TYPE_STATUS_WINDOW, "hang_up_button");
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "PAP ISP")), ==, 631);
  {
    DtTestLogWant want = {
      offset, "rcvd [LCP TermReq", 1
    };

    dt_test_wait_until (dt_test_dial_log_has, &want);
  }
  dt_test_wait_until (dt_test_dial_row_is_idle, "PAP ISP");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  gtk_window_destroy (GTK_WINDOW (status));
  dt_test_assert_finalized (status);
}

static gboolean
both_lines_linked (gconstpointer data)
{
  g_autoptr (GPtrArray) lines = dt_connection_get_sub_entries (dt_test_connection_of (app, data));

  return lines->len == 2 && ((DtSubEntryStatus *) lines->pdata[0])->linked &&
         ((DtSubEntryStatus *) lines->pdata[1])->linked;
}

/* A multilink entry (two of the ISP's lines, pppd with `multilink`): the progress dialog says
 * whose each step is ("Line 2: Dialing …") and which line joined; the status window lists
 * both lines, each with its port, speed and bytes; Hang Up ends both. */
static void
test_multilink (void)
{
  DtEntry *entry = dt_test_entry_named (app, "Multilink ISP");
  g_autofree char *second = dt_test_isp_acquire_line (isp);
  const char *devices[] = { second, NULL };
  DtStatusWindow *status;
  GtkWidget *lines_group;

  dt_entry_set_sub_entries (entry, devices, NULL);
  dt_test_reset_records ();
  dt_test_dial_with_password ("Multilink ISP", ISP_PASSWORD);
  dt_test_wait_for_state (app, "Multilink ISP", DT_CONN_STATE_CONNECTED);
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_wait_until (both_lines_linked, "Multilink ISP");
  {
    g_autofree char *said = dt_test_labels_string ();
    g_autofree char *states = dt_test_states_string ();
    g_auto (GStrv) log = dt_connection_dup_log (dt_test_connection_of (app, "Multilink ISP"));
    g_autofree char *joined = g_strjoinv ("\n", log);

    g_test_message ("progress dialog said:\n%s\nstates: %s\n%s", said, states, joined);
  }
  g_assert_true (dt_test_label_shown ("Line 1: Dialing 5550120…"));
  g_assert_true (dt_test_label_shown ("Line 2: Dialing 5550120…"));
  /* The first to join did before Connected; the dialog is gone by the time a late one does. */
  g_assert_true (dt_test_label_shown ("Line 1 joined the connection") ||
                 dt_test_label_shown ("Line 2 joined the connection"));
  g_assert_true (dt_test_label_shown ("Connected"));

  open_status_from_row (window, "Multilink ISP");
  status = dt_test_wait_for_toplevel (DT_TYPE_STATUS_WINDOW);
  lines_group = dt_test_child (status, DT_TYPE_STATUS_WINDOW, "lines_group");
  g_assert_true (gtk_widget_get_visible (lines_group));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *title = g_strdup_printf ("Line %u", i + 1);
      GtkWidget *row = dt_test_find_row (lines_group, title);

      g_assert_true (ADW_IS_ACTION_ROW (row));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       i == 0 ? line : second);
      g_assert_nonnull (dt_test_find_widget (row, dt_test_is_label_prefixed, "33600 bps, "));
    }
  /* Both lines together. */
  g_assert_cmpstr (status_text (status, "speed_label"), ==, "67200 bps");

  dt_test_click (status, DT_TYPE_STATUS_WINDOW, "hang_up_button");
  dt_test_wait_for_state (app, "Multilink ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Multilink ISP")),
                    ==, 631);
  dt_test_wait_until (dt_test_dial_row_is_idle, "Multilink ISP");
  gtk_window_destroy (GTK_WINDOW (status));
  dt_test_assert_finalized (status);
  dt_entry_set_sub_entries (entry, NULL, NULL);
  dt_test_isp_release_line (isp, second);
}

static gboolean
both_lines_refused (gconstpointer data)
{
  return dt_test_count_states (DT_CONN_STATE_RETRY_AUTHENTICATION) == 2;
}

/* A multilink entry with a wrong password: both lines are refused, one Retry Authentication
 * dialog asks, and stays (with what was typed) while the other line's steps come in; the
 * password typed there serves both lines. */
static void
test_multilink_retry (void)
{
  DtEntry *entry = dt_test_entry_named (app, "Multilink ISP");
  g_autofree char *second = dt_test_isp_acquire_line (isp);
  const char *devices[] = { second, NULL };
  DtRetryAuthDialog *retry;

  dt_entry_set_sub_entries (entry, devices, NULL);
  dt_test_reset_records ();
  dt_test_dial_with_password ("Multilink ISP", "not-the-password");

  retry = dt_test_wait_for_toplevel (DT_TYPE_RETRY_AUTH_DIALOG);
  dt_test_type_into (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row", ISP_PASSWORD);
  /* Both lines refused: the dialog asked once and is still the same one. */
  dt_test_wait_until (both_lines_refused, NULL);
  dt_test_spin (500);
  g_assert_true (dt_test_find_toplevel (DT_TYPE_RETRY_AUTH_DIALOG) == (gpointer) retry);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (retry)));
  g_assert_cmpstr (dt_test_editable_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row"), ==,
                   ISP_PASSWORD);
  dt_test_click (retry, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button");
  dt_test_assert_finalized (retry);

  dt_test_wait_for_state (app, "Multilink ISP", DT_CONN_STATE_CONNECTED);
  dt_test_wait_until (both_lines_linked, "Multilink ISP");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_RETRY_AUTH_DIALOG));
  dt_test_hang_up_all (app);
  dt_test_wait_until (dt_test_dial_row_is_idle, "Multilink ISP");
  dt_entry_set_sub_entries (entry, NULL, NULL);
  dt_test_isp_release_line (isp, second);
}

static gboolean
keyring_has_password (gconstpointer entry)
{
  g_autofree char *saved = dt_test_keyring_password ((DtEntry *) entry);

  return saved != NULL;
}

static void
test_retry_authentication (void)
{
  DtEntry *entry = dt_test_entry_named (app, "MS-CHAP ISP");
  DtConnectDialog *connect;
  DtRetryAuthDialog *retry;
  const char *message;
  g_autofree char *saved = NULL;

  dt_test_reset_records ();
  connect = dt_test_dial_open_connect ("MS-CHAP ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", "not-the-password");
  gtk_switch_set_active (GTK_SWITCH (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                    "save_switch")), TRUE);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);

  /* The server refuses: the dialog asks again, over the progress dialog. */
  retry = dt_test_wait_for_toplevel (DT_TYPE_RETRY_AUTH_DIALOG);
  g_assert_true (GTK_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (retry))));
  g_assert_true (DT_IS_PROGRESS_DIALOG (gtk_window_get_transient_for (GTK_WINDOW (retry))));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (retry)));
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, "MS-CHAP ISP")), ==,
                    DT_CONN_STATE_RETRY_AUTHENTICATION);
  message = dt_test_label_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "message_label");
  g_test_message ("server: %s", message);
  g_assert_true (g_str_has_prefix (message, "The server said: "));
  g_assert_cmpstr (dt_test_editable_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "user_row"), ==,
                   "dialtone");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dt_test_child (retry, DT_TYPE_RETRY_AUTH_DIALOG,
                                                                   "save_switch"))));
  /* Nothing was saved for a password the server refused. */
  g_assert_null (dt_test_keyring_password (entry));

  dt_test_type_into (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (retry, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button");
  dt_test_assert_finalized (retry);

  dt_test_wait_for_state (app, "MS-CHAP ISP", DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_RETRY_AUTHENTICATION), ==, 1);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_AUTH_RETRY), ==, 1);
  /* The retry reached Connected with "Save password": the keyring has the right one. */
  dt_test_wait_until (keyring_has_password, entry);
  saved = dt_test_keyring_password (entry);
  g_assert_cmpstr (saved, ==, ISP_PASSWORD);

  dt_test_hang_up_all (app);
  dt_test_wait_until (dt_test_dial_row_is_idle, "MS-CHAP ISP");

  /* Without "prompt for credentials", the saved password dials at once: no Connect dialog. */
  dt_test_reset_records ();
  dt_entry_set_prompt_credentials (entry, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string (dt_entry_get_uuid (entry)));
  dt_test_wait_for_state (app, "MS-CHAP ISP", DT_CONN_STATE_CONNECTED);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_CONNECT_DIALOG));
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_RETRY_AUTHENTICATION), ==, 0);
  dt_test_hang_up_all (app);
}

static gboolean
keyring_has_no_password (gconstpointer entry)
{
  g_autofree char *saved = dt_test_keyring_password ((DtEntry *) entry);

  return saved == NULL;
}

static gboolean
switch_is_on (DtConnectDialog *connect)
{
  return gtk_switch_get_active (GTK_SWITCH (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                           "save_switch")));
}

/* Dials the entry through the Connect dialog with "Save password" as @save, then hangs up. */
static void
dial_saving (const char *name,
             gboolean    save)
{
  DtConnectDialog *connect = dt_test_dial_open_connect (name);

  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  gtk_switch_set_active (GTK_SWITCH (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                    "save_switch")), save);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
  dt_test_wait_for_state (app, name, DT_CONN_STATE_CONNECTED);
  dt_test_hang_up_all (app);
  dt_test_wait_until (dt_test_dial_row_is_idle, name);
}

/* "Save password" on keeps the password in the keyring; turned off, the next dial forgets it,
 * and the Connect dialog after that neither offers it nor has the switch on. */
static void
test_save_password_off (void)
{
  DtEntry *entry = dt_test_entry_named (app, "PAP ISP");
  DtConnectDialog *connect;
  g_autofree char *saved = NULL;

  dial_saving ("PAP ISP", TRUE);
  dt_test_wait_until (keyring_has_password, entry);
  saved = dt_test_keyring_password (entry);
  g_assert_cmpstr (saved, ==, ISP_PASSWORD);
  g_assert_true (dt_entry_get_remember_password (entry));

  /* The next Connect offers it, with the switch on. */
  connect = dt_test_dial_open_connect ("PAP ISP");
  g_assert_true (switch_is_on (connect));
  g_assert_cmpstr (dt_test_editable_text (connect, DT_TYPE_CONNECT_DIALOG, "password_row"), ==,
                   ISP_PASSWORD);
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);

  dial_saving ("PAP ISP", FALSE);
  dt_test_wait_until (keyring_has_no_password, entry);
  g_assert_false (dt_entry_get_remember_password (entry));

  /* The keyring answers the dialog's lookup, if it makes one, within this spin. */
  connect = dt_test_dial_open_connect ("PAP ISP");
  dt_test_spin (500);
  g_assert_false (switch_is_on (connect));
  g_assert_cmpstr (dt_test_editable_text (connect, DT_TYPE_CONNECT_DIALOG, "password_row"), ==, "");
  g_assert_cmpstr (dt_test_editable_text (connect, DT_TYPE_CONNECT_DIALOG, "user_row"), ==,
                   "dialtone");
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);

  /* Even without "prompt for credentials", Connect now asks: nothing is saved to dial with. */
  dt_entry_set_prompt_credentials (entry, FALSE);
  connect = dt_test_dial_open_connect ("PAP ISP");
  g_assert_false (switch_is_on (connect));
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);
  dt_entry_set_prompt_credentials (entry, TRUE);
}

static void
add_tests (void)
{
  g_test_add_func ("/dial/connect/pap", test_connect);
  g_test_add_func ("/dial/connect/save-password-off", test_save_password_off);
  g_test_add_func ("/dial/connect/retry-authentication", test_retry_authentication);
  g_test_add_func ("/dial/connect/multilink", test_multilink);
  g_test_add_func ("/dial/connect/multilink-retry", test_multilink_retry);
}

int
main (int   argc,
      char *argv[])
{
  return dt_test_dial_run (&argc, &argv, add_tests);
}
