/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Incoming Connections page in the real app under Xvfb: the port answering on a
 * null-modem cable (two pty pairs this test joins) says it waits for a call; a caller (a
 * DtConnection in this process) dials in as alice and the page shows who is connected, at what
 * speed, with the bytes, while a notification names alice; Disconnect hangs the caller up and
 * the port waits again.  The cable's row moves the answering port to another cable.  The
 * Modem row puts a line of the test ISP to answer, and pppd in the ISP's guest dials in
 * through it (RING, ATA, CONNECT 33600).  A caller with a wrong password is named in a
 * notification.  A user added through the dialog reaches the list
 * and the keyring, and switching answering off empties "Now".  With DIALTONE_SCREENSHOT_DIR
 * set, the page with pppd's call connected is captured there as incoming.png
 * (tests/gui/screenshot.sh). */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk/x11/gdkx.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dt-application.h"
#include "dt-dialin-secrets.h"
#include "dt-dialin-user-dialog.h"
#include "dt-incoming-window.h"
#include "dt-test-cable.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

static DtApplication *app;
static DtWindow *window;           /* the main window, from on_ready() on */
static DtTestKeyring *keyring;
static char *config_dir;

static DtTestCable *cable;

/* Helpers ------------------------------------------------------------------------------------ */

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  dt_dialin_secrets_store_finish (result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

typedef struct {
  gboolean done;
  char *password;
} Lookup;

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *l = user_data;

  l->password = dt_dialin_secrets_lookup_finish (result, NULL);
  l->done = TRUE;
}

static gboolean
lookup_done (const Lookup *l)
{
  return l->done;
}

static char *
keyring_password (const char *user)
{
  Lookup l = { 0 };

  dt_dialin_secrets_lookup_async (user, NULL, on_looked_up, &l);
  dt_test_wait_until (lookup_done, &l);
  return l.password;
}

static AdwActionRow *
row_at (DtIncomingWindow *page,
        const char       *list,
        int               index)
{
  GtkListBox *box = GTK_LIST_BOX (dt_test_child (page, DT_TYPE_INCOMING_WINDOW, list));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, index);

  return row != NULL && ADW_IS_ACTION_ROW (row) ? ADW_ACTION_ROW (row) : NULL;
}

typedef struct {
  DtIncomingWindow *page;
  const char *prefix;
} RowTitle;

static gboolean
first_call_row_starts_with (const RowTitle *want)
{
  AdwActionRow *row = row_at (want->page, "calls_list", 0);

  return row != NULL &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                           want->prefix);
}

/* The row of "Now" whose title starts with @prefix, or NULL. */
static AdwActionRow *
call_row_starting_with (const RowTitle *want)
{
  AdwActionRow *row;

  for (int i = 0; (row = row_at (want->page, "calls_list", i)) != NULL; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          want->prefix))
      return row;
  return NULL;
}

static gboolean
has_call_row_starting_with (const RowTitle *want)
{
  return call_row_starting_with (want) != NULL;
}

static gboolean
calls_list_is_empty (DtIncomingWindow *page)
{
  return row_at (page, "calls_list", 0) == NULL;
}

static gboolean
is_disconnect_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Disconnect") == 0;
}

static void
capture (GtkWindow  *toplevel,
         const char *name)
{
  const char *dir = g_getenv ("DIALTONE_SCREENSHOT_DIR");
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (toplevel));
  g_autofree char *xid = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (dir == NULL)
    return;
  xid = g_strdup_printf ("0x%lx", (gulong) gdk_x11_surface_get_xid (surface));
  path = g_build_filename (dir, name, NULL);
  dt_test_spin (800);
  {
    const char *argv[] = { "import", "-window", xid, path, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, &error) || !g_spawn_check_wait_status (status, &error))
      g_error ("import %s: %s", name, error->message);
  }
  g_test_message ("captured %s", path);
}

/* The caller ------------------------------------------------------------------------------ */

typedef struct {
  DtConnection *connection;
  gboolean done;
  gboolean ok;
} Caller;

static void
on_dialed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Caller *c = user_data;

  c->ok = dt_connection_dial_finish (DT_CONNECTION (object), result, NULL);
  c->done = TRUE;
}

static gboolean
caller_done (const Caller *c)
{
  return c->done;
}

static gboolean
caller_asks_again (const Caller *c)
{
  return dt_connection_get_state (c->connection) == DT_CONN_STATE_RETRY_AUTHENTICATION;
}

static gboolean
caller_disconnected (const Caller *c)
{
  return dt_connection_get_state (c->connection) == DT_CONN_STATE_DISCONNECTED;
}

static void
dial_in (Caller *c)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", "wonderland", NULL);

  dt_entry_set_name (entry, "Across the room");
  dt_entry_set_device (entry, dt_test_cable_get_end (cable, 0));
  dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  dt_entry_set_user (entry, "alice");
  c->connection = dt_connection_new ();
  dt_connection_set_network_mode (c->connection, DT_NETWORK_NONE);
  dt_connection_dial_async (c->connection, entry, credentials, NULL, on_dialed, c);
  dt_test_wait_until (caller_done, c);
  g_assert_true (c->ok);
}

/* The tests -------------------------------------------------------------------------------- */

static DtIncomingWindow *
open_page (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "incoming", NULL);
  return dt_test_wait_for_toplevel (DT_TYPE_INCOMING_WINDOW);
}

static void
test_caller (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  g_autofree char *waiting = g_strdup_printf ("Waiting for a call on %s", dt_test_cable_get_end (cable, 1));
  RowTitle want_waiting = { page, waiting };
  RowTitle want_connected = { page, "alice is connected" };
  Caller c = { 0 };
  AdwActionRow *row;
  GtkWidget *disconnect;

  dt_test_wait_until (first_call_row_starts_with, &want_waiting);
  dial_in (&c);
  dt_test_wait_until (first_call_row_starts_with, &want_connected);
  row = row_at (page, "calls_list", 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), " bps · "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "10.77.0.2"));
  /* The notification travels through the session bus: it may come after the row. */
  dt_test_wait_until (dt_test_notified, "alice dialed in|");

  disconnect = dt_test_find_widget (GTK_WIDGET (row), is_disconnect_button, NULL);
  g_assert_nonnull (disconnect);
  gtk_widget_activate (disconnect);
  dt_test_wait_until (caller_disconnected, &c);
  dt_test_wait_until (first_call_row_starts_with, &want_waiting);
  g_clear_object (&c.connection);

  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

static void
apply_row (DtIncomingWindow *page,
           const char       *name,
           const char       *text)
{
  GtkWidget *row = dt_test_child (page, DT_TYPE_INCOMING_WINDOW, name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

typedef struct {
  DtIncomingWindow *page;
  const char *device;
} Port;

/* "Now" lists exactly one port, waiting for a call on @device. */
static gboolean
only_port_waits_on (const Port *want)
{
  g_autofree char *waiting = g_strdup_printf ("Waiting for a call on %s", want->device);
  AdwActionRow *row = row_at (want->page, "calls_list", 0);
  return row != NULL && row_at (want->page, "calls_list", 1) == NULL &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), waiting);
}

static char *
saved_settings (void)
{
  g_autofree char *path = g_build_filename (config_dir, "dialtone", "incoming.ini", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static gboolean
settings_say (const char *needle)
{
  g_autofree char *text = saved_settings ();

  return strstr (text, needle) != NULL;
}

/* The null-modem cable's row: the page shows the settings' cable, and another one typed there
 * answers instead (and is saved). */
static void
test_cable_row (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  g_autoptr (DtTestCable) other = dt_test_cable_new ();
  GtkWidget *row = dt_test_child (page, DT_TYPE_INCOMING_WINDOW, "direct_row");
  Port want_other = { page, dt_test_cable_get_end (other, 1) };
  Port want_back = { page, dt_test_cable_get_end (cable, 1) };
  g_autofree char *saved = g_strdup_printf ("direct-devices=%s;", want_other.device);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   dt_test_cable_get_end (cable, 1));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dt_test_child (page,
                                                                       DT_TYPE_INCOMING_WINDOW,
                                                                       "device_row"))), ==, "");
  apply_row (page, "direct_row", want_other.device);
  dt_test_wait_until (only_port_waits_on, &want_other);
  dt_test_wait_until (settings_say, saved);

  apply_row (page, "direct_row", want_back.device);
  dt_test_wait_until (only_port_waits_on, &want_back);
  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

/* The Modem row: a line of the test ISP answers, and pppd in the guest dials in through it as
 * alice: the page shows the modem's speed, and a notification names alice.  Then the row is
 * emptied and the modem stops answering. */
static void
test_modem_caller (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  g_autofree char *reason = NULL;
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  g_autoptr (GString) got = g_string_new (NULL);
  RowTitle want_connected = { page, "alice is connected" };
  AdwActionRow *row = NULL;
  Port want_cable = { page, dt_test_cable_get_end (cable, 1) };
  g_autofree char *notice = NULL;
  int fd;

  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  fd = dt_test_isp_open_line (line);
  dt_test_isp_send (fd, "AT#CALLER user=alice cid=5550123 wait=2000\r");
  g_assert_true (dt_test_isp_expect (fd, "OK", 5000, got));
  close (fd);

  apply_row (page, "device_row", line);
  dt_test_wait_until (has_call_row_starting_with, &want_connected);
  row = call_row_starting_with (&want_connected);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), " · 33600 bps · "));
  notice = g_strdup_printf ("alice dialed in|On %s at 33600 bps, address 10.77.0.2", line);
  dt_test_wait_until (dt_test_notified, notice);
  capture (GTK_WINDOW (page), "incoming.png");

  apply_row (page, "device_row", "");
  dt_test_wait_until (only_port_waits_on, &want_cable);
  dt_test_isp_release_line (isp, line);
  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

/* A wrong password: a notification names the user the caller tried, and the error, and
 * nothing else. */
static void
test_refused (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", "looking-glass", NULL);
  Caller c = { 0 };

  dt_entry_set_name (entry, "Across the room");
  dt_entry_set_device (entry, dt_test_cable_get_end (cable, 0));
  dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  dt_entry_set_user (entry, "alice");
  /* CHAP-MD5: one attempt in the call, no R=1. */
  dt_entry_set_auth_methods (entry, DT_AUTH_CHAP);
  c.connection = dt_connection_new ();
  dt_connection_set_network_mode (c.connection, DT_NETWORK_NONE);
  dt_connection_dial_async (c.connection, entry, credentials, NULL, on_dialed, &c);
  /* The caller's engine pauses to ask for another password, as Windows does after 691; this
   * caller has no one to ask. */
  dt_test_wait_until (caller_asks_again, &c);
  g_assert_true (dt_connection_decline_pause (c.connection, NULL));
  dt_test_wait_until (caller_done, &c);
  g_assert_false (c.ok);
  g_assert_cmpuint (dt_connection_get_error_code (c.connection), ==,
                    DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  dt_test_wait_until (dt_test_notified, "A caller could not log in as alice|Error 691: ");
  g_clear_object (&c.connection);
}

static gboolean
has_user_row (DtIncomingWindow *page)
{
  AdwActionRow *row = row_at (page, "users_list", 1);

  return row != NULL &&
         g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "bob");
}

static gboolean
is_add_user_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "A_dd User…") == 0;
}

static void
test_add_user (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  g_autoptr (DtDialinUserDialog) dialog = NULL;
  AdwActionRow *alice = row_at (page, "users_list", 0);
  g_autofree char *password = NULL;
  GtkWidget *add;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (alice)), ==, "alice");
  g_assert_cmpstr (adw_action_row_get_subtitle (alice), ==, "May dial in · no callback");

  add = dt_test_find_widget (GTK_WIDGET (page), is_add_user_button, NULL);
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_DIALIN_USER_DIALOG);
  dt_test_type_into (dialog, DT_TYPE_DIALIN_USER_DIALOG, "name_row", "bob");
  dt_test_type_into (dialog, DT_TYPE_DIALIN_USER_DIALOG, "password_row", "builder");
  dt_test_type_into (dialog, DT_TYPE_DIALIN_USER_DIALOG, "confirm_row", "builder");
  dt_test_click (dialog, DT_TYPE_DIALIN_USER_DIALOG, "save_button");
  dt_test_wait_until (has_user_row, page);
  dt_test_wait_toplevel_gone (DT_TYPE_DIALIN_USER_DIALOG);
  dt_test_assert_finalized (g_steal_pointer (&dialog));
  password = keyring_password ("bob");
  g_assert_cmpstr (password, ==, "builder");

  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

typedef struct {
  DtIncomingWindow *page;
  const char *subtitle;
} UserRow;

static gboolean
bob_subtitle_is (const UserRow *want)
{
  AdwActionRow *row = row_at (want->page, "users_list", 1);

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (row), want->subtitle) == 0;
}

static gboolean
bob_is_gone (DtIncomingWindow *page)
{
  return row_at (page, "users_list", 1) == NULL;
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  const char *accessible = NULL;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  accessible = gtk_widget_get_tooltip_text (widget);
  return g_strcmp0 (accessible, label) == 0;
}

/* Edit bob: always called back at a number; then remove him, password and all. */
static void
test_edit_and_remove_user (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  g_autoptr (DtDialinUserDialog) dialog = NULL;
  AdwActionRow *bob = row_at (page, "users_list", 1);
  UserRow want = { page, "May dial in · always called back" };
  GtkWidget *button;
  AdwMessageDialog *confirm;
  g_autofree char *password = NULL;

  g_assert_nonnull (bob);
  button = dt_test_find_widget (GTK_WIDGET (bob), is_labelled, "Edit bob");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_DIALIN_USER_DIALOG);
  adw_combo_row_set_selected (ADW_COMBO_ROW (dt_test_child (dialog, DT_TYPE_DIALIN_USER_DIALOG,
                                                            "callback_row")),
                              DT_DIALIN_CALLBACK_PRESET);
  /* A preset callback without its number is refused, and says so. */
  dt_test_click (dialog, DT_TYPE_DIALIN_USER_DIALOG, "save_button");
  dt_test_wait_until (gtk_widget_get_visible,
                      dt_test_child (dialog, DT_TYPE_DIALIN_USER_DIALOG, "error_label"));
  g_assert_cmpstr (dt_test_label_text (dialog, DT_TYPE_DIALIN_USER_DIALOG, "error_label"), ==,
                   "Enter the number to call back.");
  dt_test_type_into (dialog, DT_TYPE_DIALIN_USER_DIALOG, "number_row", "555-0177");
  dt_test_click (dialog, DT_TYPE_DIALIN_USER_DIALOG, "save_button");
  dt_test_wait_toplevel_gone (DT_TYPE_DIALIN_USER_DIALOG);
  dt_test_assert_finalized (g_steal_pointer (&dialog));
  dt_test_wait_until (bob_subtitle_is, &want);

  button = dt_test_find_widget (GTK_WIDGET (row_at (page, "users_list", 1)), is_labelled,
                                "Remove bob");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  confirm = dt_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "remove");
  g_object_unref (confirm);
  dt_test_wait_until (bob_is_gone, page);
  password = keyring_password ("bob");
  g_assert_null (password);

  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

static void
test_switch_off (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();
  GtkSwitch *enabled = GTK_SWITCH (dt_test_child (page, DT_TYPE_INCOMING_WINDOW,
                                                  "enabled_switch"));

  g_assert_true (gtk_switch_get_active (enabled));
  gtk_switch_set_active (enabled, FALSE);
  dt_test_wait_until (calls_list_is_empty, page);
  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

/* Whichever tests ran, the ports stop, so that the application (held while they listen)
 * can end. */
static void
answer_no_more (void)
{
  g_autoptr (DtIncomingWindow) page = open_page ();

  gtk_switch_set_active (GTK_SWITCH (dt_test_child (page, DT_TYPE_INCOMING_WINDOW,
                                                    "enabled_switch")), FALSE);
  dt_test_wait_until (calls_list_is_empty, page);
  gtk_window_destroy (GTK_WINDOW (page));
  dt_test_assert_finalized (g_steal_pointer (&page));
}

/* The app is up, its main window shown: before the tests. */
static void
on_ready (void)
{
  window = DT_WINDOW (dt_application_get_main_window (app));
}

static void
on_done (void)
{
  answer_no_more ();
}

static void
write_settings (void)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "incoming.ini", NULL);
  g_autofree char *text = g_strdup_printf ("[incoming]\n"
                                           "enabled=true\n"
                                           "direct-devices=%s;\n"
                                           "auth=chap;mschapv2;\n"
                                           "\n"
                                           "[user alice]\n"
                                           "enabled=true\n"
                                           "callback=none\n", dt_test_cable_get_end (cable, 1));
  gboolean stored = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  dt_dialin_secrets_store_async ("alice", "wonderland", NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  dt_test_gui_init (&argc, &argv);

  cable = dt_test_cable_new ();
  write_settings ();
  dt_test_serve_notifications ();

  g_test_add_func ("/incoming/gui/caller", test_caller);
  g_test_add_func ("/incoming/gui/cable-row", test_cable_row);
  g_test_add_func ("/incoming/gui/modem-caller", test_modem_caller);
  g_test_add_func ("/incoming/gui/refused", test_refused);
  g_test_add_func ("/incoming/gui/add-user", test_add_user);
  g_test_add_func ("/incoming/gui/edit-and-remove-user", test_edit_and_remove_user);
  g_test_add_func ("/incoming/gui/switch-off", test_switch_off);

  app = dt_application_new ();
  status = dt_test_run_in_app (app, on_ready, on_done);

  g_free (config_dir);
  dt_test_cable_free (cable);
  dt_test_keyring_stop (keyring);
  return status;
}
