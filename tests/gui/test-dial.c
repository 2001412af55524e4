/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing from the desktop against the real test ISP (pppd 2.4.9 behind an emulated modem in
 * a QEMU guest), under Xvfb, through the real widgets: the row's Connect button, the Connect
 * dialog's rows and Dial button, the progress dialog's label and Cancel, the
 * RetryAuthentication dialog, the error dialog's Redial and its countdown on the button, the
 * status window's labels and Hang Up, and a multilink entry's lines in both.  The app runs with --no-network (no TUN device: the data
 * plane has its own tests), a real gnome-keyring-daemon on a private bus, a phonebook in a
 * temp dir whose entries use the line this process acquired, and a notification server
 * (org.freedesktop.Notifications) played by the test on that bus, which records what the
 * app announced.  Each test path can run in its own process (meson runs them in parallel,
 * one ISP line each). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-log-view.h"
#include "dt-progress-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-secrets.h"
#include "dt-entry-editor.h"
#include "dt-status-window.h"
#include "dt-sub-entry.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-line-proxy.h"
#include "dt-window.h"

#define ISP_PASSWORD "dialtone-secret"

static DtApplication *app;
static DtWindow *window;
static DtTestKeyring *keyring;
static DtTestIsp *isp;
static char *line;
static guint line_number;
static DtTestLineProxy *reboot_line;   /* the serial line to an ISP the test reboots */

static const char *
editable_text (gpointer    widget,
               GType       type,
               const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (dt_test_child (widget, type, name)));
}

static const char *
button_label (gpointer    widget,
              GType       type,
              const char *name)
{
  return gtk_button_get_label (GTK_BUTTON (dt_test_child (widget, type, name)));
}

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

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static guint
count_in_isp_log (goffset     offset,
                  const char *needle)
{
  g_autofree char *log = dt_test_isp_read_log_since (isp, line, offset);
  guint n = 0;

  for (const char *p = strstr (log, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
isp_log_has (gconstpointer data)
{
  const struct { goffset offset; const char *needle; guint n; } *want = data;

  return count_in_isp_log (want->offset, want->needle) >= want->n;
}

/* Steps a user takes ----------------------------------------------------------------- */

/* Clicks the row's Connect button and fills in the Connect dialog. */
static DtConnectDialog *
open_connect_dialog (const char *name)
{
  g_autofree char *title = g_strdup_printf ("Connect to %s", name);
  DtConnectDialog *dialog;

  dt_test_click (dt_test_entry_row (window, name), DT_TYPE_ENTRY_ROW, "connect_button");
  dialog = dt_test_wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  return dialog;
}

static gboolean
row_is_idle (gconstpointer name)
{
  GtkWidget *row = dt_test_entry_row (window, name);

  return !gtk_widget_get_visible (dt_test_child (row, DT_TYPE_ENTRY_ROW, "state_label")) &&
         g_strcmp0 (button_label (row, DT_TYPE_ENTRY_ROW, "connect_button"), "C_onnect") == 0;
}

/* The progress dialog's label at every change since the last reset, against @expected
 * (NULL-terminated). */
static void
assert_labels (const char * const *expected)
{
  g_autofree char *got = dt_test_labels_string ();
  g_autofree char *want = g_strjoinv ("\n", (char **) expected);

  g_test_message ("progress dialog said:\n%s", got);
  g_assert_cmpstr (got, ==, want);
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
  connect = open_connect_dialog ("PAP ISP");
  g_assert_cmpstr (editable_text (connect, DT_TYPE_CONNECT_DIALOG, "user_row"), ==, "dialtone");
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
    assert_labels (expected);
  }

  /* The row, the notification, then the toast's Status button opens the status window. */
  g_assert_true (g_str_has_prefix (dt_test_label_text (dt_test_entry_row (window, "PAP ISP"),
                                                       DT_TYPE_ENTRY_ROW, "state_label"),
                                   "Connected since "));
  dt_test_wait_until (dt_test_notified, "Connected to PAP ISP|33600 bps");
  status_button = dt_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Status");
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
    struct { goffset offset; const char *needle; guint n; } want = { offset, local, 1 };

    dt_test_wait_until (isp_log_has, &want);
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
    struct { goffset offset; const char *needle; guint n; } want = {
      offset, "rcvd [LCP TermReq", 1
    };

    dt_test_wait_until (isp_log_has, &want);
  }
  dt_test_wait_until (row_is_idle, "PAP ISP");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  gtk_window_destroy (GTK_WINDOW (status));
  dt_test_assert_finalized (status);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_label_prefixed (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
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
  DtConnectDialog *connect;
  DtStatusWindow *status;
  GtkWidget *lines_group;

  dt_entry_set_sub_entries (entry, devices, NULL);
  dt_test_reset_records ();
  connect = open_connect_dialog ("Multilink ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
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
      GtkWidget *row = dt_test_find_widget (lines_group, is_row_titled, title);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       i == 0 ? line : second);
      g_assert_nonnull (dt_test_find_widget (row, is_label_prefixed, "33600 bps, "));
    }
  /* Both lines together. */
  g_assert_cmpstr (status_text (status, "speed_label"), ==, "67200 bps");

  dt_test_click (status, DT_TYPE_STATUS_WINDOW, "hang_up_button");
  dt_test_wait_for_state (app, "Multilink ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Multilink ISP")),
                    ==, 631);
  dt_test_wait_until (row_is_idle, "Multilink ISP");
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
  DtConnectDialog *connect;
  DtRetryAuthDialog *retry;

  dt_entry_set_sub_entries (entry, devices, NULL);
  dt_test_reset_records ();
  connect = open_connect_dialog ("Multilink ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", "not-the-password");
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);

  retry = dt_test_wait_for_toplevel (DT_TYPE_RETRY_AUTH_DIALOG);
  dt_test_type_into (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row", ISP_PASSWORD);
  /* Both lines refused: the dialog asked once and is still the same one. */
  dt_test_wait_until (both_lines_refused, NULL);
  dt_test_spin (500);
  g_assert_true (dt_test_find_toplevel (DT_TYPE_RETRY_AUTH_DIALOG) == (gpointer) retry);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (retry)));
  g_assert_cmpstr (editable_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row"), ==,
                   ISP_PASSWORD);
  dt_test_click (retry, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button");
  dt_test_assert_finalized (retry);

  dt_test_wait_for_state (app, "Multilink ISP", DT_CONN_STATE_CONNECTED);
  dt_test_wait_until (both_lines_linked, "Multilink ISP");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_RETRY_AUTH_DIALOG));
  dt_test_hang_up_all (app);
  dt_test_wait_until (row_is_idle, "Multilink ISP");
  dt_entry_set_sub_entries (entry, NULL, NULL);
  dt_test_isp_release_line (isp, second);
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
  connect = open_connect_dialog ("MS-CHAP ISP");
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
  g_assert_cmpstr (editable_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "user_row"), ==, "dialtone");
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
  do
    {
      g_free (saved);
      dt_test_spin (50);
      saved = dt_test_keyring_password (entry);
    }
  while (saved == NULL);
  g_assert_cmpstr (saved, ==, ISP_PASSWORD);

  dt_test_hang_up_all (app);
  dt_test_wait_until (row_is_idle, "MS-CHAP ISP");

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
  DtConnectDialog *connect = open_connect_dialog (name);

  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  gtk_switch_set_active (GTK_SWITCH (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                    "save_switch")), save);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
  dt_test_wait_for_state (app, name, DT_CONN_STATE_CONNECTED);
  dt_test_hang_up_all (app);
  dt_test_wait_until (row_is_idle, name);
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
  do
    {
      g_free (saved);
      dt_test_spin (50);
      saved = dt_test_keyring_password (entry);
    }
  while (saved == NULL);
  g_assert_cmpstr (saved, ==, ISP_PASSWORD);
  g_assert_true (dt_entry_get_remember_password (entry));

  /* The next Connect offers it, with the switch on. */
  connect = open_connect_dialog ("PAP ISP");
  g_assert_true (switch_is_on (connect));
  g_assert_cmpstr (editable_text (connect, DT_TYPE_CONNECT_DIALOG, "password_row"), ==,
                   ISP_PASSWORD);
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);

  dial_saving ("PAP ISP", FALSE);
  dt_test_wait_until (keyring_has_no_password, entry);
  g_assert_false (dt_entry_get_remember_password (entry));

  /* The keyring answers the dialog's lookup, if it makes one, within this spin. */
  connect = open_connect_dialog ("PAP ISP");
  dt_test_spin (500);
  g_assert_false (switch_is_on (connect));
  g_assert_cmpstr (editable_text (connect, DT_TYPE_CONNECT_DIALOG, "password_row"), ==, "");
  g_assert_cmpstr (editable_text (connect, DT_TYPE_CONNECT_DIALOG, "user_row"), ==, "dialtone");
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);

  /* Even without "prompt for credentials", Connect now asks: nothing is saved to dial with. */
  dt_entry_set_prompt_credentials (entry, FALSE);
  connect = open_connect_dialog ("PAP ISP");
  g_assert_false (switch_is_on (connect));
  gtk_window_destroy (GTK_WINDOW (connect));
  dt_test_assert_finalized (connect);
  dt_entry_set_prompt_credentials (entry, TRUE);
}

static gboolean
countdown_running (gconstpointer dialog)
{
  return dt_error_dialog_get_countdown (DT_ERROR_DIALOG ((gpointer) dialog)) > 0;
}

static const char *
error_text (DtErrorDialog *dialog)
{
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
}

static const char *
response_label (DtErrorDialog *dialog,
                const char    *response)
{
  return adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), response);
}

/* "Next: attempt 2 of 3" under the message, or NULL when it is hidden. */
static const char *
attempt_text (DtErrorDialog *dialog)
{
  GtkWidget *label = dt_test_child (dialog, DT_TYPE_ERROR_DIALOG, "attempt_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
test_busy_redial (void)
{
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtErrorDialog *error;
  struct { goffset offset; const char *needle; guint n; } dialled = {
    offset, "modem: dialling 5550199", 2
  };

  /* The entry allows 2 redials, 1 second apart. */
  dt_test_reset_records ();
  connect = open_connect_dialog ("Busy ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);

  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Error Connecting to Busy ISP");
  g_test_message ("%s", error_text (error));
  g_assert_true (g_str_has_prefix (error_text (error), "Error 676: The line is busy."));
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_cmpstr (attempt_text (error), ==, "Next: attempt 2 of 3");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_PROGRESS_DIALOG));
  dt_test_wait_until (dt_test_notified,
                      "Could not connect to Busy ISP|Error 676: The line is busy.");
  g_assert_cmpstr (dt_test_label_text (dt_test_entry_row (window, "Busy ISP"), DT_TYPE_ENTRY_ROW,
                                       "state_label"),
                   ==, "Error 676: The line is busy.");

  /* More Info shows the log of the dial, BUSY included. */
  gtk_widget_activate (dt_test_child (error, DT_TYPE_ERROR_DIALOG, "more_info_expander"));
  dt_test_wait_until ((DtTestCondition) gtk_expander_get_expanded,
                      dt_test_child (error, DT_TYPE_ERROR_DIALOG, "more_info_expander"));
  {
    GtkWidget *log_view = dt_test_child (error, DT_TYPE_ERROR_DIALOG, "log_view");
    g_autofree char *log = dt_log_view_dup_text (DT_LOG_VIEW (log_view));

    g_assert_nonnull (strstr (log, "BUSY"));
  }

  /* Redial by hand: a second dial, the states from OpenPort again, a second ATDT. */
  dt_test_click_response (error, "redial");
  dt_test_assert_finalized (error);
  dt_test_wait_until (isp_log_has, &dialled);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_cmpstr (attempt_text (error), ==, "Next: attempt 3 of 3");

  /* The countdown redials by itself; then the attempts are used up: no countdown. */
  dt_test_wait_toplevel_gone (DT_TYPE_ERROR_DIALOG);
  dt_test_assert_finalized (error);
  dialled.n = 3;
  dt_test_wait_until (isp_log_has, &dialled);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 3);
  dt_test_spin (1500);
  g_assert_false (countdown_running (error));
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial");
  g_assert_null (attempt_text (error));
  g_assert_cmpuint (count_in_isp_log (offset, "modem: dialling 5550199"), ==, 3);
  g_assert_cmpstr (response_label (error, "close"), ==, "_Close");
  dt_test_click_response (error, "close");
  dt_test_wait_toplevel_gone (DT_TYPE_ERROR_DIALOG);
  dt_test_assert_finalized (error);
}

static void
test_cancel (void)
{
  g_autofree char *base = g_path_get_basename (line);
  g_autofree char *lock = g_strdup_printf ("/run/lock/LCK..pts_%s", base);
  DtConnectDialog *connect;
  DtProgressDialog *progress;
  GtkWidget *icon;
  const char *expected[] = {
    "Opening port…", "Port opened", "Dialing 5550196…", "Hanging up…", NULL,
  };

  /* 5550196 answers NO ANSWER after 3 s: Cancel comes while the modem dials. */
  dt_test_reset_records ();
  connect = open_connect_dialog ("No Answer ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
  progress = dt_test_wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  dt_test_wait_until (dt_test_progress_label_is, "Dialing 5550196…");
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (button_label (dt_test_entry_row (window, "No Answer ISP"), DT_TYPE_ENTRY_ROW,
                                 "connect_button"),
                   ==, "_Hang Up");

  dt_test_click (progress, DT_TYPE_PROGRESS_DIALOG, "cancel_button");
  dt_test_wait_for_state (app, "No Answer ISP", DT_CONN_STATE_DISCONNECTED);
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_assert_finalized (progress);
  assert_labels (expected);

  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "No Answer ISP")), ==,
                    631);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  dt_test_wait_until (row_is_idle, "No Answer ISP");
  icon = dt_test_child (dt_test_entry_row (window, "No Answer ISP"), DT_TYPE_ENTRY_ROW,
                        "status_icon");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialtone-disconnected-symbolic");
  /* The user's own hang-up is no error: no dialog, no notification. */
  dt_test_spin (300);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_false (dt_test_notified ("Could not connect"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "dial"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "hang-up"));
}

/* 5550181's far end goes dead 8 s after CONNECT: the engine notices through LCP echoes.  A
 * Connected link that drops redials by itself after the entry's interval, with a countdown
 * in the error dialog; Hang Up stops the redial. */
static void
test_link_drop (void)
{
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtErrorDialog *error;
  struct { goffset offset; const char *needle; guint n; } dialled = {
    offset, "modem: dialling 5550181", 2
  };

  dt_test_reset_records ();
  connect = open_connect_dialog ("Drop ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
  dt_test_wait_for_state (app, "Drop ISP", DT_CONN_STATE_CONNECTED);

  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Drop ISP Was Disconnected");
  g_test_message ("%s", error_text (error));
  g_assert_true (g_str_has_prefix (error_text (error), "Error 6"));
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Drop ISP")), !=,
                    631);
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_null (attempt_text (error));
  g_assert_cmpstr (response_label (error, "close"), ==, "_Cancel");
  dt_test_wait_until (dt_test_notified, "Drop ISP was disconnected|Error 6");

  /* It redials by itself: the modem dials the number a second time. */
  dt_test_wait_until (isp_log_has, &dialled);
  dt_test_assert_finalized (error);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);

  dt_test_hang_up_all (app);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Drop ISP")), ==,
                    631);
  dt_test_spin (1500);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_cmpuint (count_in_isp_log (offset, "modem: dialling 5550181"), ==, 2);
}

/* The ISP's guest is killed while connected (its modem lines go with it; the user's own
 * modem, the proxy here, says NO CARRIER), and boots again a few seconds later.  The entry
 * redials on link failure: the dials while the ISP is down get NO CARRIER from the modem and
 * count down again, and the first one after the reboot connects. */
static void
test_isp_reboot (void)
{
  DtTestIsp *first = dt_test_isp_start_private ();
  g_autofree char *first_line = dt_test_isp_acquire_line (first);
  DtTestIsp *second = NULL;
  g_autofree char *second_line = NULL;
  DtConnectDialog *connect;
  DtErrorDialog *error;
  guint opens;

  dt_test_line_proxy_set_upstream (reboot_line, first_line);
  dt_test_reset_records ();
  connect = open_connect_dialog ("Reboot ISP");
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
  dt_test_wait_for_state (app, "Reboot ISP", DT_CONN_STATE_CONNECTED);
  opens = dt_test_count_states (DT_CONN_STATE_OPEN_PORT);

  /* Power cut at the ISP. */
  dt_test_isp_kill (first);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Reboot ISP Was Disconnected");
  g_assert_true (g_str_has_prefix (error_text (error), "Error 619"));
  g_object_unref (error);
  g_assert_true (dt_test_line_proxy_lost_upstream (reboot_line));

  /* It boots again; the redials meanwhile found no carrier. */
  second = dt_test_isp_start_private ();
  second_line = dt_test_isp_acquire_line (second);
  dt_test_line_proxy_set_upstream (reboot_line, second_line);
  dt_test_wait_for_state (app, "Reboot ISP", DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), >, opens);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_CONNECTED), >=, 2);
  g_assert_true (dt_test_isp_wait_log (second, second_line, 0, "rcvd [PAP AuthReq", 5000));

  dt_test_hang_up_all (app);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Reboot ISP")), ==,
                    631);
  dt_test_line_proxy_set_upstream (reboot_line, NULL);
  dt_test_isp_free (first);
  dt_test_isp_release_line (second, second_line);
  dt_test_isp_free (second);
}

static gboolean
is_message_dialog (GtkWidget     *widget,
                   gconstpointer  data)
{
  return ADW_IS_MESSAGE_DIALOG (widget);
}

/* Closing the main window while connected asks; "Keep Connected" leaves the connection up
 * with no window (the app is held), and app.show-window brings a new window that shows it. */
static void
test_close_while_connected (void)
{
  AdwMessageDialog *question;
  g_autofree char *since = NULL;
  DtWindow *old = window;

  dt_test_reset_records ();
  {
    DtConnectDialog *connect = open_connect_dialog ("PAP ISP");

    dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
    dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
    dt_test_assert_finalized (connect);
  }
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_CONNECTED);

  gtk_window_close (GTK_WINDOW (window));
  question = dt_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Hang Up?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_widget_activate (dt_test_find_widget (GTK_WIDGET (question), is_button_labelled,
                                            "_Keep Connected"));
  dt_test_assert_finalized (question);
  dt_test_wait_toplevel_gone (DT_TYPE_WINDOW);
  g_assert_null (dt_test_find_widget (GTK_WIDGET (old), is_message_dialog, NULL));
  dt_test_assert_finalized (old);

  /* Still connected, in the background. */
  dt_test_spin (500);
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, "PAP ISP")), ==,
                    DT_CONN_STATE_CONNECTED);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = dt_test_wait_for_toplevel (DT_TYPE_WINDOW);
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  since = g_strdup (dt_test_label_text (dt_test_entry_row (window, "PAP ISP"), DT_TYPE_ENTRY_ROW,
                                        "state_label"));
  g_assert_true (g_str_has_prefix (since, "Connected since "));

  /* Closing again and choosing Hang Up hangs up. */
  gtk_window_close (GTK_WINDOW (window));
  question = dt_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_widget_activate (dt_test_find_widget (GTK_WIDGET (question), is_button_labelled, "_Hang Up"));
  dt_test_assert_finalized (question);
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "PAP ISP")), ==, 631);
  dt_test_wait_toplevel_gone (DT_TYPE_WINDOW);
  dt_test_assert_finalized (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = dt_test_wait_for_toplevel (DT_TYPE_WINDOW);
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
}

static void
write_phonebook (const char *config_dir)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (GString) ini = g_string_new ("[Phonebook]\nVersion=1\n");
  static const struct {
    const char *name;
    const char *number;
    guint redial_attempts;
    gboolean redial_on_link_drop;
  } entries[] = {
    { "PAP ISP", "5550110", 0, FALSE },
    { "MS-CHAP ISP", "5550112", 0, FALSE },
    { "Busy ISP", "5550199", 2, FALSE },
    { "No Answer ISP", "5550196", 0, FALSE },
    { "Drop ISP", "5550181", 0, TRUE },
    { "Multilink ISP", "5550120", 0, FALSE },
  };

  /* On a line of its own: an ISP the test kills and boots again. */
  g_string_append_printf (ini, "\n[Entry 00000000-0000-4000-8000-000000000009]\nName=Reboot ISP\n"
                          "Device=%s\nNumber=5550110\nUser=dialtone\nRememberPassword=false\n"
                          "AuthMethods=pap;\nDialTimeout=15\nLcpEchoInterval=1\n"
                          "LcpEchoFailures=2\nRedialAttempts=30\nRedialInterval=1\n"
                          "RedialOnLinkDrop=true\n", dt_test_line_proxy_get_device (reboot_line));
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (ini,
                            "\n[Entry 00000000-0000-4000-8000-00000000000%zu]\nName=%s\n"
                            "Device=%s\nNumber=%s\nUser=dialtone\nRememberPassword=false\n"
                            "DialTimeout=15\nLcpEchoInterval=1\nLcpEchoFailures=2\n"
                            "RedialAttempts=%u\nRedialInterval=1\nRedialOnLinkDrop=%s\n"
                            "%s",
                            i, entries[i].name, line, entries[i].number,
                            entries[i].redial_attempts,
                            entries[i].redial_on_link_drop ? "true" : "false",
                            /* These numbers' pppd takes PAP only, as the entry says. */
                            g_str_equal (entries[i].number, "5550110") ||
                            g_str_equal (entries[i].number, "5550181")
                            ? "AuthMethods=pap;\n" : "");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, ini->str, -1, NULL));
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  DtNetworkMode mode;

  /* Once: a later activation (app.show-window) only presents the window. */
  if (ran)
    return;
  ran = TRUE;
  /* --no-network reached the dialer. */
  g_object_get (dt_application_get_dialer (app), "network-mode", &mode, NULL);
  g_assert_cmpint (mode, ==, DT_NETWORK_NONE);
  window = g_object_ref (DT_WINDOW (dt_application_get_main_window (app)));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  dt_test_record (app);
  /* The tests run inside the app's own main loop, as a user's clicks would. */
  g_application_hold (application);
  if (g_test_run () != 0)
    g_error ("a test failed");
  g_application_release (application);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = NULL;
  g_autofree char *reason = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  dt_application_bind_textdomain ();

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      dt_test_keyring_stop (keyring);
      return g_test_run ();
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  line_number = dt_test_isp_get_line_number (isp, line);
  reboot_line = dt_test_line_proxy_new (NULL);
  write_phonebook (config_dir);
  dt_test_serve_notifications ();

  g_test_add_func ("/dial/connect/pap", test_connect);
  g_test_add_func ("/dial/connect/save-password-off", test_save_password_off);
  g_test_add_func ("/dial/connect/retry-authentication", test_retry_authentication);
  g_test_add_func ("/dial/connect/multilink", test_multilink);
  g_test_add_func ("/dial/connect/multilink-retry", test_multilink_retry);
  g_test_add_func ("/dial/errors/busy-redial", test_busy_redial);
  g_test_add_func ("/dial/errors/cancel", test_cancel);
  /* The dropped link last: 5550181 leaves the line dead for a while. */
  g_test_add_func ("/dial/drop/close-while-connected", test_close_while_connected);
  g_test_add_func ("/dial/drop/redial", test_link_drop);
  g_test_add_func ("/dial/drop/isp-reboot", test_isp_reboot);

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_assert_finalize_object (app);

  dt_test_isp_release_line (isp, line);
  g_free (line);
  g_clear_pointer (&reboot_line, dt_test_line_proxy_free);
  dt_test_keyring_stop (keyring);
  return status;
}
