/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray of the real DtApplication, under Xvfb: a real status-notifier-watcher and
 * gnome-keyring-daemon on a private bus, and a host on its own connection that finds the
 * item through the watcher and drives it as a panel would.  The item registers when the app
 * starts, leaves and comes back with the show-tray-icon setting, hides the focused window
 * on Activate and shows it on the next (app.toggle-window), and its menu goes through the
 * app's own actions: clicking an entry dials it against the test ISP (the saved password,
 * no prompt), Status… opens the status window, Hang Up ends the call with 631 after an LCP
 * Terminate-Request that pppd logs, Hang Up stops a redial that counts down after a busy
 * line (nothing is live then), and Quit closes the windows, after which the app is
 * freed.  The app also sends notifications: the test plays the notification server on the
 * bus, as a desktop would. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "dt-application.h"
#include "dt-error-dialog.h"
#include "dt-secrets.h"
#include "dt-status-window.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-notifications.h"
#include "dt-test-sni.h"
#include "dt-window.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

static DtApplication *app;
static DtTestHost *host;
static DtTestWatcher *watcher;
static char *item;
static int test_status;

/* Helpers ------------------------------------------------------------------------------- */

static GtkWindow *
main_window (void)
{
  return dt_application_get_main_window (app);
}

static gboolean
window_is_mapped (gpointer data)
{
  GtkWindow *window = main_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static char *
find_item (void)
{
  g_auto (GStrv) items = dt_test_host_registered_items (host);
  g_autofree char *prefix = g_strdup_printf ("org.kde.StatusNotifierItem-%d-", (int) getpid ());

  for (guint i = 0; items[i] != NULL; i++)
    if (g_str_has_prefix (items[i], prefix))
      return g_strdup (items[i]);
  return NULL;
}

static gboolean
item_registered (gpointer data)
{
  g_autofree char *found = find_item ();

  return found != NULL;
}

static void
add_entry (const char *name,
           const char *device,
           const char *number)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, device);
  dt_entry_set_number (entry, number);
  dt_entry_set_user (entry, ISP_USER);
  dt_entry_set_dial_timeout (entry, 15);
  dt_phonebook_add (dt_application_get_phonebook (app), entry);
}

static int
menu_item (const char *parent_label,
           const char *label)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (host, item);
  int parent = parent_label != NULL ? dt_test_menu_find (layout, 0, parent_label) : 0;

  g_assert_cmpint (parent, >=, 0);
  return dt_test_menu_find (layout, parent, label);
}

static gboolean
menu_item_enabled (const char *label)
{
  g_autoptr (GVariant) layout = dt_test_host_get_layout (host, item);

  return dt_test_menu_is_enabled (layout, dt_test_menu_find (layout, 0, label));
}

static char *
item_string (const char *property)
{
  return dt_test_host_get_string (host, item, property);
}

static char *
tooltip (void)
{
  g_autoptr (GVariant) value = dt_test_host_get (host, item, "/StatusNotifierItem",
                                                 "org.kde.StatusNotifierItem", "ToolTip");
  const char *title, *text;

  g_variant_get (value, "(&s@a(iiay)&s&s)", NULL, NULL, &title, &text);
  return g_strdup_printf ("%s|%s", title, text);
}

/* Tests ----------------------------------------------------------------------------------- */

static void
test_registers (void)
{
  g_autofree char *status = NULL;
  g_autoptr (GVariant) layout = NULL;
  int connect;

  /* The app registered its item when it started. */
  dt_test_sni_wait_until (item_registered, NULL, DT_TEST_SNI_LIMIT_S);
  item = find_item ();
  status = item_string ("Status");
  g_assert_cmpstr (status, ==, "Passive");

  /* Its menu lists the app's phonebook. */
  layout = dt_test_host_get_layout (host, item);
  connect = dt_test_menu_find (layout, 0, "_Connect");
  g_assert_cmpint (dt_test_menu_find (layout, connect, "Backup ISP"), >, 0);
  g_assert_cmpint (dt_test_menu_find (layout, connect, "Test ISP"), >, 0);
}

static void
test_setting (void)
{
  GSettings *settings = dt_application_get_settings (app);

  g_settings_set_boolean (settings, "show-tray-icon", FALSE);
  dt_test_host_wait_registered (host, item, FALSE);
  g_assert_false (dt_test_host_name_has_owner (host, item));

  g_settings_set_boolean (settings, "show-tray-icon", TRUE);
  dt_test_host_wait_registered (host, item, TRUE);
  g_assert_true (dt_test_host_name_has_owner (host, item));
}

static gboolean
window_is_hidden (gpointer data)
{
  return !window_is_mapped (data);
}

static gboolean
window_is_active (gpointer data)
{
  return window_is_mapped (data) && gtk_window_is_active (main_window ());
}

static void
activate_item (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply = dt_test_host_call (host, item, "/StatusNotifierItem", "org.kde.StatusNotifierItem",
                             "Activate", g_variant_new ("(ii)", 0, 0), "()", &error);
  g_assert_no_error (error);
}

static void
test_activate (void)
{
  /* A click on the icon (app.toggle-window) puts away the window the user is looking at… */
  dt_test_sni_wait_until (window_is_active, NULL, DT_TEST_SNI_LIMIT_S);
  activate_item ();
  dt_test_sni_wait_until (window_is_hidden, NULL, DT_TEST_SNI_LIMIT_S);
  g_assert_nonnull (main_window ());

  /* …and brings it back, hidden as if closed to the tray, on the next click. */
  activate_item ();
  dt_test_sni_wait_until (window_is_mapped, NULL, DT_TEST_SNI_LIMIT_S);

  /* Open Dialtone in the menu only shows it. */
  gtk_widget_set_visible (GTK_WIDGET (main_window ()), FALSE);
  dt_test_host_click (host, item, menu_item (NULL, "_Open Dialtone"));
  dt_test_sni_wait_until (window_is_mapped, NULL, DT_TEST_SNI_LIMIT_S);
}

typedef struct {
  gboolean done;
  GError *error;
} Stored;

static void
on_password_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Stored *stored = user_data;

  dt_secrets_store_finish (result, &stored->error);
  stored->done = TRUE;
}

static gboolean
is_stored (gpointer data)
{
  return ((Stored *) data)->done;
}

static gboolean
connection_in_state (gpointer data)
{
  const guint *state = data;
  DtConnection *connection = dt_dialer_get_active (dt_application_get_dialer (app));

  return connection != NULL && dt_connection_get_state (connection) == *state;
}

static gboolean
status_window_open (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  for (GList *l = windows; l != NULL; l = l->next)
    if (DT_IS_STATUS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      return TRUE;
  return FALSE;
}

static gboolean
ended (gpointer data)
{
  return dt_connection_get_state (data) == DT_CONN_STATE_DISCONNECTED;
}

static void
test_dial_and_hang_up (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *line = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *tip = NULL;
  g_autofree char *described = NULL;
  g_autoptr (DtEntry) entry = NULL;
  DtTestIsp *isp;
  DtTestItemLog *log;
  DtConnection *connection;
  Stored stored = { 0 };
  goffset offset;
  guint connected = DT_CONN_STATE_CONNECTED;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  offset = dt_test_isp_get_log_offset (isp);

  /* An entry that dials at once: its password is in the keyring and it does not prompt. */
  entry = g_object_ref (dt_phonebook_lookup_by_name (dt_application_get_phonebook (app),
                                                     "Test ISP"));
  dt_entry_set_device (entry, line);
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);
  dt_secrets_store_async (entry, ISP_PASSWORD, NULL, on_password_stored, &stored);
  dt_test_sni_wait_until (is_stored, &stored, DT_TEST_SNI_LIMIT_S);
  g_assert_no_error (stored.error);

  log = dt_test_host_follow (host, item);

  /* Connect ▸ Test ISP: the app's app.dial, through to the ISP. */
  dt_test_host_click (host, item, menu_item ("_Connect", "Test ISP"));
  dt_test_sni_wait_until (connection_in_state, &connected, 90);
  connection = dt_dialer_get_active (dt_application_get_dialer (app));
  dt_test_host_settle (host);
  icon = item_string ("IconName");
  tip = tooltip ();
  g_assert_cmpstr (icon, ==, "dialtone-connected-symbolic");
  g_assert_cmpstr (tip, ==, "Test ISP|Connected\nFor under a minute at 33600 bps");
  g_assert_true (menu_item_enabled ("_Hang Up"));
  g_assert_true (menu_item_enabled ("_Status…"));

  /* Status…: the app's status window. */
  dt_test_host_click (host, item, menu_item (NULL, "_Status…"));
  dt_test_sni_wait_until (status_window_open, NULL, DT_TEST_SNI_LIMIT_S);

  /* Hang Up: app.hang-up, an LCP Terminate-Request to pppd, and 631. */
  dt_test_host_click (host, item, menu_item (NULL, "_Hang Up"));
  dt_test_sni_wait_until (ended, connection, 30);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 631);
  g_assert_true (dt_test_isp_wait_log (isp, line, offset, "rcvd [LCP TermReq", 5000));

  dt_test_host_settle (host);
  described = dt_test_item_log_describe (log);
  g_test_message ("%s", described);
  g_clear_pointer (&icon, g_free);
  icon = item_string ("IconName");
  g_assert_cmpstr (icon, ==, "dialtone-disconnected-symbolic");
  g_assert_false (menu_item_enabled ("_Hang Up"));
  /* As many signals as the states warrant: Active then Passive; three icons. */
  g_assert_cmpuint (log->n_new_status, ==, 2);
  g_assert_cmpuint (log->n_new_icon, ==, 3);
  g_assert_cmpuint (log->statuses->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (log->statuses, 0), ==, "Active");
  g_assert_cmpstr (g_ptr_array_index (log->statuses, 1), ==, "Passive");
  dt_test_isp_release_line (isp, line);
}

static DtErrorDialog *
error_dialog (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DT_IS_ERROR_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
counting_down (gpointer data)
{
  DtErrorDialog *dialog = error_dialog ();

  return dialog != NULL && dt_error_dialog_get_countdown (dialog) > 0;
}

static gboolean
no_error_dialog (gpointer data)
{
  return error_dialog () == NULL;
}

static gboolean
hang_up_enabled (gpointer data)
{
  return menu_item_enabled ("_Hang Up");
}

static guint
count_in_log (DtTestIsp  *isp,
              const char *line,
              goffset     offset,
              const char *needle)
{
  g_autofree char *log = dt_test_isp_read_log_since (isp, line, offset);
  guint n = 0;

  for (const char *p = strstr (log, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* 5550199 is busy: the error dialog counts down to a redial while nothing is live.  The
 * tray's Hang Up is on then, and stops the redial: the dialog goes and no second call is
 * made. */
static void
test_redial_hang_up (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *line = NULL;
  g_autoptr (DtEntry) entry = NULL;
  DtDialer *dialer = dt_application_get_dialer (app);
  DtTestIsp *isp;
  Stored stored = { 0 };
  goffset offset;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  offset = dt_test_isp_get_log_offset (isp);

  add_entry ("Busy ISP", line, "5550199");
  entry = g_object_ref (dt_phonebook_lookup_by_name (dt_application_get_phonebook (app),
                                                     "Busy ISP"));
  dt_entry_set_redial_attempts (entry, 2);
  dt_entry_set_redial_interval (entry, 4);
  dt_entry_set_remember_password (entry, TRUE);
  dt_entry_set_prompt_credentials (entry, FALSE);
  dt_secrets_store_async (entry, ISP_PASSWORD, NULL, on_password_stored, &stored);
  dt_test_sni_wait_until (is_stored, &stored, DT_TEST_SNI_LIMIT_S);
  g_assert_no_error (stored.error);
  g_assert_false (menu_item_enabled ("_Hang Up"));

  dt_test_host_click (host, item, menu_item ("_Connect", "Busy ISP"));
  dt_test_sni_wait_until (counting_down, NULL, 90);
  g_assert_false (dt_dialer_get_busy (dialer));
  dt_test_sni_wait_until (hang_up_enabled, NULL, DT_TEST_SNI_LIMIT_S);

  dt_test_host_click (host, item, menu_item (NULL, "_Hang Up"));
  dt_test_sni_wait_until (no_error_dialog, NULL, DT_TEST_SNI_LIMIT_S);
  /* Past the interval: no redial came. */
  dt_test_sni_spin (6000);
  g_assert_false (dt_dialer_get_busy (dialer));
  g_assert_null (error_dialog ());
  g_assert_cmpuint (count_in_log (isp, line, offset, "modem: dialling 5550199"), ==, 1);
  g_assert_false (menu_item_enabled ("_Hang Up"));

  dt_phonebook_remove (dt_application_get_phonebook (app), entry);
  dt_test_isp_release_line (isp, line);
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

static void
test_quit (void)
{
  dt_test_host_click (host, item, menu_item (NULL, "_Quit"));
  dt_test_sni_wait_until (no_windows, NULL, DT_TEST_SNI_LIMIT_S);
}

/* The tests run inside the app's own main loop, once its window is up; g_application_run()
 * then ends with the app's shutdown, after which nothing may hold the app. */
static void
on_activate (GApplication *application)
{
  static gboolean ran;

  if (ran)
    return;
  ran = TRUE;
  dt_test_sni_wait_until (window_is_mapped, NULL, DT_TEST_SNI_LIMIT_S);
  add_entry ("Backup ISP", "/dev/ttyS1", "5550100");
  add_entry ("Test ISP", "/dev/ttyS0", "5550113");

  g_application_hold (application);
  test_status = g_test_run ();
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  DtTestKeyring *keyring;

  /* Before any thread: a private bus with a keyring, and the phonebook in its temp dir. */
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  dt_application_bind_textdomain ();

  watcher = dt_test_watcher_start ();
  host = dt_test_host_new ();
  dt_test_serve_notifications ();

  g_test_add_func ("/tray-app/registers", test_registers);
  g_test_add_func ("/tray-app/setting", test_setting);
  g_test_add_func ("/tray-app/activate", test_activate);
  g_test_add_func ("/tray-app/dial-and-hang-up", test_dial_and_hang_up);
  g_test_add_func ("/tray-app/redial-hang-up", test_redial_hang_up);
  g_test_add_func ("/tray-app/quit", test_quit);

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv),
                   ==, 0);
  /* Quit closed every window and the dial is over: the app is freed, and its item is gone
   * from the bus. */
  g_assert_finalize_object (app);
  app = NULL;
  dt_test_host_settle (host);
  g_assert_false (dt_test_host_name_has_owner (host, item));

  g_free (item);
  dt_test_host_free (host);
  dt_test_watcher_stop (watcher);
  dt_test_keyring_stop (keyring);
  return test_status;
}
