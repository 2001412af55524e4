/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray item during real dials against the test ISP (pppd in QEMU, through DtDialer with
 * no network device), as a panel sees it over D-Bus (a real status-notifier-watcher and a
 * host on a private session bus, dt-test-tray): Status, IconName and ToolTip follow the
 * states, with no more New* signals than the states warrant; the menu follows what can be
 * done; an error or a refused password asks for attention until the user looks. */

#include "config.h"

#include <string.h>

#include "dt-test-tray.h"

typedef DtTestTrayFixture Fixture;

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
  dt_test_tray_assert_joined (list, " ", expected);
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
  dt_test_tray_assert_look (f, "Active", "dialtone-connected-symbolic", "Test ISP", "Connected");
  dt_test_tray_assert_look (f, "Active", "dialtone-connected-symbolic", "Test ISP",
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
  dt_test_tray_assert_activations ("hang-up ''");
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 631);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "rcvd [LCP TermReq",
                                       5000));
  dt_test_host_settle (f->host);
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
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
  dt_test_tray_assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP",
                            "Error 676: The line is busy.");
  dt_test_sni_spin (500);
  dt_test_tray_assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP",
                            "Error 676");
  assert_strings (log->statuses, "Active NeedsAttention");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-error-symbolic");

  /* …and goes when the menu opens, */
  look (f, "menu");
  dt_test_host_settle (f->host);
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
  assert_strings (log->statuses, "Active NeedsAttention Passive");

  /* or when the icon is clicked (which shows the window), */
  dial_busy (f);
  look (f, "activate");
  dt_test_host_settle (f->host);
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
  dt_test_tray_assert_activations ("show-window");

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
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
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
  dt_test_tray_assert_look (f, "NeedsAttention", "dialtone-attention-symbolic", "Test ISP",
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
  dt_test_tray_assert_look (f, "NeedsAttention", "dialtone-error-symbolic", "Test ISP",
                            "Error 691");
  look (f, "menu");
  dt_test_host_settle (f->host);
  dt_test_tray_assert_look (f, "Passive", "dialtone-disconnected-symbolic", "Dialtone",
                            "Not connected");
  assert_strings (log->statuses, "Active NeedsAttention Passive");
  assert_strings (log->icons, "dialtone-dialing-symbolic dialtone-attention-symbolic "
                              "dialtone-error-symbolic dialtone-disconnected-symbolic");
}

int
main (int   argc,
      char *argv[])
{
  dt_test_tray_init (&argc, &argv);
  DT_TEST_TRAY_ADD ("/tray/dial/connected", TRUE, test_dial_connected);
  DT_TEST_TRAY_ADD ("/tray/dial/busy", TRUE, test_dial_busy);
  DT_TEST_TRAY_ADD ("/tray/dial/paused", TRUE, test_dial_paused);
  DT_TEST_TRAY_ADD ("/tray/dial/minute", TRUE, test_dial_minute);
  return dt_test_tray_run ();
}
