/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dial engine against the real ISP: pppd 2.4.9 behind an emulated Hayes modem in a QEMU
 * guest (tests/isp).  Each test dials one of the ISP's numbers with a DtConnection and
 * asserts what a user of the dialer would see: the sequence of RAS states, the error code,
 * the link speed, the addresses pppd assigned, and what pppd itself logged.  These run with
 * --no-network (no TUN device): the data plane has its own tests. */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "dt-connection.h"
#include "dt-dialer.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestDialCall call;
  GMainLoop *loop;
  gboolean dial_done;
  gboolean dial_ok;
  GError *dial_error;
  /* Hang up as soon as this state is reached (G_MAXUINT: never), or hang_up_delay_ms
   * after it. */
  guint hang_up_at;
  guint hang_up_delay_ms;
  guint hang_up_timer;
  guint calls_allowed;   /* calls a hang-up may end in (OpenPort states): 1 unless said */
  /* Answer RetryAuthentication with this password (NULL: hang up). */
  const char *retry_password;
  gboolean all_methods;  /* keep every method allowed, even for 5550110 */
} Fixture;

static gboolean
on_hang_up_timer (gpointer user_data)
{
  Fixture *f = user_data;

  f->hang_up_timer = 0;
  dt_connection_hang_up (f->call.connection);
  return G_SOURCE_REMOVE;
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  if (state == f->hang_up_at && f->hang_up_delay_ms > 0)
    {
      if (f->hang_up_timer == 0)
        f->hang_up_timer = g_timeout_add (f->hang_up_delay_ms, on_hang_up_timer, f);
    }
  else if (state == f->hang_up_at)
    dt_connection_hang_up (connection);
  else if (state == DT_CONN_STATE_RETRY_AUTHENTICATION)
    {
      g_autoptr (GError) error = NULL;

      if (f->retry_password == NULL)
        {
          dt_connection_hang_up (connection);
          /* An answer after the hang-up comes too late: no retry, no second call. */
          g_assert_false (dt_connection_retry_authentication (connection, ISP_USER,
                                                              ISP_PASSWORD, NULL, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
        }
      else
        {
          g_assert_true (dt_connection_retry_authentication (connection, ISP_USER,
                                                             f->retry_password, NULL, &error));
          g_assert_no_error (error);
        }
    }
  if (state == DT_CONN_STATE_DISCONNECTED)
    g_main_loop_quit (f->loop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!dt_test_dial_call_set_up (&f->call))
    return;
  f->loop = g_main_loop_new (NULL, FALSE);
  f->hang_up_at = G_MAXUINT;
  f->calls_allowed = 1;
  dt_entry_set_lcp_echo_interval (f->call.entry, 2);
  dt_entry_set_lcp_echo_failures (f->call.entry, 3);
  g_signal_connect (f->call.connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->call.isp == NULL)
    return;
  g_signal_handlers_disconnect_by_data (f->call.connection, f);
  dt_test_dial_call_tear_down (&f->call);
  g_clear_error (&f->dial_error);
  g_main_loop_unref (f->loop);
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->call.isp == NULL) return; } G_STMT_END

static void
on_dial_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  f->dial_done = TRUE;
  f->dial_ok = dt_connection_dial_finish (DT_CONNECTION (object), result, &f->dial_error);
  g_main_loop_quit (f->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the dial did not finish in time");
  return G_SOURCE_REMOVE;
}

static const char * const pap_numbers[] = { "5550110", "5550181", "5550182", NULL };

/* Dials f->call.entry's number and runs the loop until the dial completes (Connected or not). */
static void
dial (Fixture    *f,
      const char *number,
      const char *password)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, password, NULL);
  guint timeout = g_timeout_add_seconds (90, on_timeout, NULL);

  dt_entry_set_number (f->call.entry, number);
  /* These numbers' pppd takes PAP and nothing else: their entry allows PAP only, as a user of
   * such an ISP sets it (otherwise the first call is spent asking for more: pap-insisted). */
  if (g_strv_contains (pap_numbers, number) && !f->all_methods)
    dt_entry_set_auth_methods (f->call.entry, DT_AUTH_PAP);
  dt_connection_dial_async (f->call.connection, f->call.entry, credentials, NULL, on_dial_done, f);
  while (!f->dial_done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
assert_states (Fixture     *f,
               const guint *expected,
               gsize        n_expected)
{
  g_autofree char *got = dt_test_dial_format_states (f->call.states);
  g_autoptr (GString) want = g_string_new (NULL);

  for (gsize i = 0; i < n_expected; i++)
    g_string_append_printf (want, "%s%u", i ? " " : "", expected[i]);
  g_assert_cmpstr (got, ==, want->str);
}

/* Nothing of the dial is left: no lock file for the line, no file descriptor, no GSource. */
static void
assert_nothing_left (Fixture *f)
{
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

static guint
count_state (Fixture *f,
             guint    state)
{
  guint n = 0;

  for (guint i = 0; i < f->call.states->len; i++)
    n += g_array_index (f->call.states, guint, i) == state;
  return n;
}

static const guint connected_sequence[] = {
  DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
  DT_CONN_STATE_DEVICE_CONNECTED, DT_CONN_STATE_ALL_DEVICES_CONNECTED,
  DT_CONN_STATE_AUTHENTICATE, DT_CONN_STATE_AUTH_NOTIFY, DT_CONN_STATE_AUTHENTICATED,
  DT_CONN_STATE_PROJECTED, DT_CONN_STATE_CONNECTED,
};

typedef struct {
  const char *number;
  const char *protocol;
} AuthCase;

static const AuthCase pap = { "5550110", "PAP" };
static const AuthCase chap = { "5550111", "CHAP-MD5" };
static const AuthCase mschapv2 = { "5550112", "MS-CHAPv2" };

static void
test_connects (Fixture       *f,
               gconstpointer  data)
{
  const AuthCase *c = data;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *expected_local = NULL;
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  dial (f, c->number, ISP_PASSWORD);
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);
  assert_states (f, connected_sequence, G_N_ELEMENTS (connected_sequence));
  /* The progress text follows the state. */
  g_assert_cmpstr (dt_connection_get_state_message (f->call.connection), ==, "Connected");
  /* The detail of ConnectDevice is the number as dialed; of DeviceConnected, the speed. */
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 2), ==, c->number);
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 3), ==, "33600");

  status = dt_connection_get_status (f->call.connection);
  expected_local = g_strdup_printf ("10.64.0.%u", 10 + f->call.line_number);
  g_assert_cmpuint (status->state, ==, DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (status->link_speed, ==, 33600);
  g_assert_cmpstr (status->auth_protocol, ==, c->protocol);
  g_assert_cmpstr (status->local_address, ==, expected_local);
  g_assert_cmpstr (status->remote_address, ==, "10.64.0.1");
  g_assert_nonnull (status->dns_servers);
  g_assert_cmpstr (status->dns_servers[0], ==, "10.64.0.53");
  g_assert_cmpstr (status->dns_servers[1], ==, "10.64.0.54");
  g_assert_nonnull (status->connected_since);
  g_assert_cmpuint (status->frames_in, >, 0);
  g_assert_cmpuint (status->frames_out, >, 0);

  /* pppd agrees: it authenticated the peer and gave it that address. */
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "remote IP address"));
  log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  g_assert_nonnull (strstr (log, expected_local));

  dt_test_dial_hang_up (f->call.connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  /* The hang-up was an LCP Terminate-Request that pppd received. */
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "rcvd [LCP TermReq"));
  assert_nothing_left (f);
}

/* An entry that allows every method dials pppd that takes only PAP: it asks for MS-CHAPv2
 * instead (a rogue server would not get the password in clear just by asking), pppd drops
 * authentication and hangs up, and the dial calls again taking PAP at once: two calls, one
 * Connected, PAP. */
static void
test_pap_insisted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *log = NULL;
  const char *first_nak, *second_call;

  SKIP_IF_NO_ISP (f);
  f->all_methods = TRUE;
  dial (f, "5550110", ISP_PASSWORD);
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_OPEN_PORT), ==, 2);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_AUTHENTICATE), ==, 1);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->auth_protocol, ==, "PAP");

  /* pppd's side: our Nak toward MS-CHAPv2 in the first call, PAP in the second. */
  log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  first_nak = strstr (log, "rcvd [LCP ConfNak id=0x1 <auth chap MS-v2>]");
  g_assert_nonnull (first_nak);
  second_call = strstr (first_nak, "rcvd [PAP AuthReq");
  g_assert_nonnull (second_call);
  g_assert_nonnull (strstr (first_nak, "peer refused to authenticate"));
  dt_test_dial_hang_up (f->call.connection);
  assert_nothing_left (f);
}

static void
test_retry_authentication (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  gboolean paused = FALSE, retried = FALSE;

  SKIP_IF_NO_ISP (f);
  f->retry_password = ISP_PASSWORD;
  dial (f, "5550112", "not-the-password");
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);

  for (guint i = 0; i < f->call.states->len; i++)
    {
      guint s = g_array_index (f->call.states, guint, i);

      if (s == DT_CONN_STATE_RETRY_AUTHENTICATION)
        {
          paused = TRUE;
          /* The pause comes right after the server's answer. */
          g_assert_cmpuint (g_array_index (f->call.states, guint, i - 1), ==,
                            DT_CONN_STATE_AUTH_NOTIFY);
          g_assert_cmpuint (g_array_index (f->call.states, guint, i + 1), ==,
                            DT_CONN_STATE_AUTH_RETRY);
        }
      if (s == DT_CONN_STATE_AUTH_RETRY)
        retried = TRUE;
    }
  g_assert_true (paused);
  g_assert_true (retried);
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 1), ==,
                    DT_CONN_STATE_CONNECTED);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->remote_address, ==, "10.64.0.1");
  dt_test_dial_hang_up (f->call.connection);
  assert_nothing_left (f);
}

static void
test_retry_hang_up_gives_691 (Fixture       *f,
                              gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  f->retry_password = NULL;
  dial (f, "5550110", "not-the-password");
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 691);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 691);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_OPEN_PORT), ==, 1);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_AUTH_RETRY), ==, 0);
  assert_nothing_left (f);
}

typedef struct {
  const char *number;
  guint code;
} FailCase;

static const FailCase busy = { "5550199", 676 };
static const FailCase no_carrier = { "5550198", 679 };
static const FailCase no_dialtone = { "5550197", 680 };
static const FailCase modem_error = { "5550195", 651 };

static void
test_number_fails (Fixture       *f,
                   gconstpointer  data)
{
  const FailCase *c = data;
  static const guint sequence[] = {
    DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
    DT_CONN_STATE_DISCONNECTED,
  };

  SKIP_IF_NO_ISP (f);
  dial (f, c->number, ISP_PASSWORD);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, (int) c->code);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, c->code);
  assert_states (f, sequence, G_N_ELEMENTS (sequence));
  assert_nothing_left (f);
}

static void
on_log_hang_up_when_failing (DtConnection *connection,
                             const char   *line,
                             gpointer      user_data)
{
  if (strstr (line, user_data) != NULL)
    dt_connection_hang_up (connection);
}

/* The user hangs up while a failed dial is being torn down (Cancel in the progress dialog
 * just as the line turned out busy): the hang-up wins, so Disconnected says 631, and the
 * desktop does not count down to a redial the user just refused. */
static void
test_hang_up_while_failing (Fixture       *f,
                            gconstpointer  data)
{
  static const guint sequence[] = {
    DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
    DT_CONN_STATE_DISCONNECTED,
  };

  SKIP_IF_NO_ISP (f);
  g_signal_connect (f->call.connection, "log", G_CALLBACK (on_log_hang_up_when_failing),
                    (gpointer) "hanging up: 676");
  dial (f, busy.number, ISP_PASSWORD);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 631);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  assert_states (f, sequence, G_N_ELEMENTS (sequence));
  assert_nothing_left (f);
}

static void
test_alternates (Fixture       *f,
                 gconstpointer  data)
{
  const char *alternates[] = { "5550198", "5550100", NULL };
  g_autoptr (GString) dialed = g_string_new (NULL);

  SKIP_IF_NO_ISP (f);
  dt_entry_set_alternates (f->call.entry, alternates);
  dt_entry_set_try_alternates (f->call.entry, TRUE);
  dial (f, "5550199", ISP_PASSWORD);
  g_assert_no_error (f->dial_error);

  for (guint i = 0; i < f->call.states->len; i++)
    if (g_array_index (f->call.states, guint, i) == DT_CONN_STATE_CONNECT_DEVICE)
      g_string_append_printf (dialed, "%s ", (char *) g_ptr_array_index (f->call.details, i));
  /* Busy, then no carrier, then the one that answers. */
  g_assert_cmpstr (dialed->str, ==, "5550199 5550198 5550100 ");
  dt_test_dial_hang_up (f->call.connection);
  assert_nothing_left (f);
}

/* What a hang-up must end in, whatever the dial was doing: Disconnected with 631, one call
 * only (a hang-up during the teardown before a dial again stops that dial), and no lock, fd
 * or timer left. */
static void
assert_hung_up (Fixture *f)
{
  g_autofree char *states = dt_test_dial_format_states (f->call.states);

  g_test_message ("states: %s", states);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 631);
  g_assert_cmpuint (dt_connection_get_state (f->call.connection), ==, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 1), ==,
                    DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_OPEN_PORT), >=, 1);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_OPEN_PORT), <=, f->calls_allowed);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_CONNECTED), ==, 0);
  g_assert_cmpuint (f->hang_up_timer, ==, 0);
  assert_nothing_left (f);
}

/* Hang up the moment each running state is reached: the dial always ends in Disconnected
 * with 631, and leaves no lock, fd or timer behind.  AuthRetry comes after a wrong password
 * answered in RetryAuthentication with the right one: PAP's server ends the session, so
 * the engine is about to hang up and dial again when the user's hang-up comes. */
static void
test_hang_up_in_state (Fixture       *f,
                       gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  f->hang_up_at = GPOINTER_TO_UINT (data);
  if (f->hang_up_at == DT_CONN_STATE_AUTH_RETRY)
    {
      f->retry_password = ISP_PASSWORD;
      dial (f, "5550110", "not-the-password");
    }
  else
    dial (f, "5550110", ISP_PASSWORD);
  assert_hung_up (f);
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 2), ==,
                    f->hang_up_at);
}

/* The user answers RetryAuthentication with the right password, then hangs up: from inside
 * the AuthRetry handler, or 300 ms later, while the engine hangs up the first call to dial
 * again (PAP) or retries in the same session (MS-CHAPv2).  The hang-up wins: no second
 * call, Disconnected with 631.  pppd ends the MS-CHAPv2 session right after its R=1 all the
 * same and hangs up: the engine dials again at once, its teardown quick on a dead line, so
 * that 300 ms later the hang-up ends that second call, before it authenticates. */
static void
test_hang_up_after_retry (Fixture       *f,
                          gconstpointer  data)
{
  const AuthCase *c = data;

  SKIP_IF_NO_ISP (f);
  f->hang_up_at = DT_CONN_STATE_AUTH_RETRY;
  f->hang_up_delay_ms = strstr (g_test_get_path (), "300ms") != NULL ? 300 : 0;
  f->retry_password = ISP_PASSWORD;
  if (f->hang_up_delay_ms > 0 && strstr (g_test_get_path (), "mschapv2") != NULL)
    f->calls_allowed = 2;
  dial (f, c->number, "not-the-password");
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_AUTHENTICATE), ==, 1);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_RETRY_AUTHENTICATION), ==, 1);
  g_assert_cmpuint (count_state (f, DT_CONN_STATE_AUTH_RETRY), ==, 1);
  assert_hung_up (f);
}

static void
test_silent_peer (Fixture       *f,
                  gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  /* 5550180 answers CONNECT, then nothing ever speaks PPP. */
  dial (f, "5550180", ISP_PASSWORD);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 718);
  assert_nothing_left (f);
}

#define ISP_LOGIN_SCRIPT \
  "timeout 10\n" \
  "abort \"Login incorrect\"\n" \
  "expect \"login:\"\n" \
  "send \"$USER\"\n" \
  "expect \"Password:\"\n" \
  "send \"$PASSWORD\"\n" \
  "expect \"Starting PPP\"\n"

/* The ISP's 5550150 asks for a Unix-style login before PPP: the entry's login script
 * answers it, with no window, and the dial goes on to Connected. */
static void
test_login_script (Fixture       *f,
                   gconstpointer  data)
{
  static const guint sequence[] = {
    DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
    DT_CONN_STATE_DEVICE_CONNECTED, DT_CONN_STATE_LOGON_NETWORK,
    DT_CONN_STATE_ALL_DEVICES_CONNECTED, DT_CONN_STATE_PROJECTED, DT_CONN_STATE_CONNECTED,
  };
  g_auto (GStrv) log = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *isp_log = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_login_script (f->call.entry, ISP_LOGIN_SCRIPT);
  dial (f, "5550150", ISP_PASSWORD);
  g_assert_no_error (f->dial_error);
  assert_states (f, sequence, G_N_ELEMENTS (sequence));
  /* The ISP saw the login; the log shows the script, never the password. */
  isp_log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  g_assert_nonnull (strstr (isp_log, "dialtone"));
  log = dt_connection_dup_log (f->call.connection);
  joined = g_strjoinv ("\n", log);
  g_assert_nonnull (strstr (joined, "login script: send \"$PASSWORD\""));
  g_assert_null (strstr (joined, ISP_PASSWORD));
  dt_test_dial_hang_up (f->call.connection);
  assert_nothing_left (f);
}

static void
test_login_script_wrong_password (Fixture       *f,
                                  gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  dt_entry_set_login_script (f->call.entry, ISP_LOGIN_SCRIPT);
  dial (f, "5550150", "not-the-password");
  g_assert_error (f->dial_error, DT_RAS_ERROR, 691);
  g_assert_nonnull (strstr (f->dial_error->message, "Login incorrect"));
  assert_nothing_left (f);
}

static void
test_login_script_times_out (Fixture       *f,
                             gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  dt_entry_set_login_script (f->call.entry, "timeout 2\nexpect \"Username:\"\nsend $USER\n");
  dial (f, "5550150", ISP_PASSWORD);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 638);
  g_assert_nonnull (strstr (f->dial_error->message, "“Username:”"));
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 2), ==,
                    DT_CONN_STATE_LOGON_NETWORK);
  assert_nothing_left (f);
}

typedef struct {
  GString *screen;
  gboolean sent_user;
  gboolean sent_password;
} Terminal;

/* What a user does in the terminal window: read the prompt, type the answer. */
static void
on_terminal_output (DtConnection *connection,
                    GBytes       *bytes,
                    Terminal     *t)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_string_append_len (t->screen, data, length);
  if (!t->sent_user && strstr (t->screen->str, "login:") != NULL)
    {
      t->sent_user = TRUE;
      dt_connection_send_terminal_input (connection, ISP_USER "\r", -1);
    }
  else if (t->sent_user && !t->sent_password && strstr (t->screen->str, "Password:") != NULL)
    {
      t->sent_password = TRUE;
      dt_connection_send_terminal_input (connection, ISP_PASSWORD "\r", -1);
    }
}

/* "Show a terminal window after dialing": the engine pauses at Interactive with the raw
 * line, the user logs in by hand, and Continue starts PPP in the same call. */
static void
test_interactive (Fixture       *f,
                  gconstpointer  data)
{
  static const guint sequence[] = {
    DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
    DT_CONN_STATE_DEVICE_CONNECTED, DT_CONN_STATE_INTERACTIVE,
    DT_CONN_STATE_ALL_DEVICES_CONNECTED, DT_CONN_STATE_PROJECTED, DT_CONN_STATE_CONNECTED,
  };
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  g_autoptr (GError) error = NULL;
  Terminal t = { g_string_new (NULL), FALSE, FALSE };

  SKIP_IF_NO_ISP (f);
  dt_entry_set_show_terminal (f->call.entry, TRUE);
  dt_entry_set_number (f->call.entry, "5550150");
  g_signal_connect (f->call.connection, "terminal-output", G_CALLBACK (on_terminal_output), &t);
  dt_connection_dial_async (f->call.connection, f->call.entry, credentials, NULL, on_dial_done, f);
  while (!t.sent_password)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_state (f->call.connection), ==, DT_CONN_STATE_INTERACTIVE);
  g_assert_nonnull (strstr (t.screen->str, "Dialtone Test ISP"));
  /* Continuing in any other state is refused. */
  g_assert_false (dt_connection_retry_authentication (f->call.connection, "x", "y", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_true (dt_connection_continue_interactive (f->call.connection, NULL));
  while (!f->dial_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (f->dial_error);
  assert_states (f, sequence, G_N_ELEMENTS (sequence));
  g_string_free (t.screen, TRUE);
  dt_test_dial_hang_up (f->call.connection);
  assert_nothing_left (f);
}

static gint64
time_of (Fixture *f,
         guint    state)
{
  for (guint i = 0; i < f->call.states->len; i++)
    if (g_array_index (f->call.states, guint, i) == state)
      return g_array_index (f->call.times, gint64, i);
  g_assert_not_reached ();
}

/* The ISP's far end goes dead 8 s after CONNECT.  The LCP echo keepalive (every 2 s, 3 may
 * go unanswered) notices, and the connection ends by itself with 619 within the echo
 * timeout plus the hang-up of a dead line, instead of hanging. */
static void
test_isp_dies (Fixture       *f,
               gconstpointer  data)
{
  gint64 died, bound;

  SKIP_IF_NO_ISP (f);
  dial (f, "5550181", ISP_PASSWORD);
  g_assert_no_error (f->dial_error);
  while (dt_connection_get_state (f->call.connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 619);

  /* The echo timeout is interval × (failures + 1) = 8 s: the first unanswered echo goes out
   * up to one interval after the death, and the link is given up one interval after the
   * third.  Then no wait for a Terminate-Ack, and the modem's hang-up of a dead line: two
   * guard times (1.1 s each) around "+++" and one second for ATH0's OK, on these ptys where
   * DTR cannot drop.  2 s more for the guest, whose clock decides when it dies and which
   * runs late under TCG.  (Waiting for the Ack and ATH0's full timeout took 15 s.) */
  died = time_of (f, DT_CONN_STATE_DEVICE_CONNECTED) + 8 * G_USEC_PER_SEC;
  bound = (2 * (3 + 1) + 2 * 1.1 + 1 + 2) * G_USEC_PER_SEC;
  g_test_message ("Disconnected %.1f s after the ISP died (bound %.1f s)",
                  (time_of (f, DT_CONN_STATE_DISCONNECTED) - died) / 1e6, bound / 1e6);
  g_assert_cmpint (time_of (f, DT_CONN_STATE_DISCONNECTED) - died, <, bound);
  assert_nothing_left (f);
}

static void
on_dialer_items_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GString    *changes)
{
  g_string_append_printf (changes, "%u-%u+%u ", position, removed, added);
}

static void
on_dialer_state_changed (DtDialer     *dialer,
                         DtConnection *connection,
                         guint         state,
                         const char   *detail,
                         guint         sub_entry,
                         GArray       *states)
{
  g_array_append_val (states, state);
}

/* The application's registry: the relayed states, the busy flag and the live list follow a
 * dial from start to hang-up, and the ended connection keeps its error for the window. */
/* Idle disconnect: with no packet through the link for the entry's idle time, the engine
 * hangs up by itself, as the user asked: 631, with the reason. */
static void
test_idle_disconnect (Fixture       *f,
                      gconstpointer  data)
{
  gint64 connected_at;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_idle_disconnect (f->call.entry, 2);
  dial (f, "5550113", ISP_PASSWORD);
  g_assert_no_error (f->dial_error);
  connected_at = g_get_monotonic_time ();
  while (dt_connection_get_state (f->call.connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  g_assert_nonnull (strstr (dt_connection_get_error_message (f->call.connection),
                            "after 2 seconds without traffic"));
  g_assert_cmpint (g_get_monotonic_time () - connected_at, >=, 2 * G_USEC_PER_SEC);
  assert_nothing_left (f);
}

static void
test_dialer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (DtDialer) dialer = dt_dialer_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  g_autoptr (GArray) relayed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  DtConnection *connection, *again;

  SKIP_IF_NO_ISP (f);
  dt_dialer_set_network_mode (dialer, DT_NETWORK_NONE);
  g_signal_connect (dialer, "items-changed", G_CALLBACK (on_dialer_items_changed), changes);
  g_signal_connect (dialer, "connection-state-changed", G_CALLBACK (on_dialer_state_changed),
                    relayed);
  dt_entry_set_number (f->call.entry, "5550113");
  connection = dt_dialer_dial (dialer, f->call.entry, credentials, &error);
  g_assert_no_error (error);
  g_assert_true (dt_dialer_get_busy (dialer));
  g_assert_true (dt_dialer_get_active (dialer) == connection);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dialer)), ==, 1);

  /* A second dial of the same entry is refused while the first is live. */
  again = dt_dialer_dial (dialer, f->call.entry, credentials, &error);
  g_assert_null (again);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);

  while (dt_connection_get_state (connection) != DT_CONN_STATE_CONNECTED)
    g_main_context_iteration (NULL, TRUE);
  dt_dialer_hang_up (dialer, dt_entry_get_uuid (f->call.entry));
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (dt_dialer_get_busy (dialer));
  g_assert_null (dt_dialer_get_active (dialer));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dialer)), ==, 0);
  g_assert_cmpstr (changes->str, ==, "0-0+1 0-1+0 ");
  g_assert_cmpuint (relayed->len, >=, 6);
  g_assert_cmpuint (g_array_index (relayed, guint, 0), ==, DT_CONN_STATE_OPEN_PORT);
  g_assert_cmpuint (g_array_index (relayed, guint, relayed->len - 1), ==,
                    DT_CONN_STATE_DISCONNECTED);
  g_assert_true (dt_dialer_lookup (dialer, dt_entry_get_uuid (f->call.entry)) == connection);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 631);
}

int
main (int   argc,
      char *argv[])
{
  static const guint hang_up_states[] = {
    DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
    DT_CONN_STATE_DEVICE_CONNECTED, DT_CONN_STATE_ALL_DEVICES_CONNECTED,
    DT_CONN_STATE_AUTHENTICATE, DT_CONN_STATE_AUTH_NOTIFY, DT_CONN_STATE_AUTH_RETRY,
    DT_CONN_STATE_AUTHENTICATED, DT_CONN_STATE_PROJECTED,
  };

  g_test_init (&argc, &argv, NULL);
  /* The descriptors GLib opens once per process (the default main context's wakeup, and
   * GTask's worker context, eventfds) exist before the tests count theirs. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/dial/auth/pap", &pap, test_connects);
  ADD ("/dial/auth/chap", &chap, test_connects);
  ADD ("/dial/auth/pap-insisted", NULL, test_pap_insisted);
  ADD ("/dial/auth/mschapv2", &mschapv2, test_connects);
  ADD ("/dial/auth/retry-authentication", NULL, test_retry_authentication);
  ADD ("/dial/auth/retry-hang-up-691", NULL, test_retry_hang_up_gives_691);
  ADD ("/dial/auth/retry-then-hang-up-pap", &pap, test_hang_up_after_retry);
  ADD ("/dial/auth/retry-then-hang-up-pap-300ms", &pap, test_hang_up_after_retry);
  ADD ("/dial/auth/retry-then-hang-up-mschapv2", &mschapv2, test_hang_up_after_retry);
  ADD ("/dial/auth/retry-then-hang-up-mschapv2-300ms", &mschapv2, test_hang_up_after_retry);
  ADD ("/dial/number/busy", &busy, test_number_fails);
  ADD ("/dial/number/no-carrier", &no_carrier, test_number_fails);
  ADD ("/dial/number/no-dialtone", &no_dialtone, test_number_fails);
  ADD ("/dial/number/modem-error", &modem_error, test_number_fails);
  ADD ("/dial/number/alternates", NULL, test_alternates);
  ADD ("/dial/number/hang-up-while-failing", NULL, test_hang_up_while_failing);
  ADD ("/dial/peer/silent", NULL, test_silent_peer);
  ADD ("/dial/peer/isp-dies", NULL, test_isp_dies);
  ADD ("/dial/peer/idle-disconnect", NULL, test_idle_disconnect);
  ADD ("/dial/dialer", NULL, test_dialer);
  ADD ("/dial/login/script", NULL, test_login_script);
  ADD ("/dial/login/script-wrong-password", NULL, test_login_script_wrong_password);
  ADD ("/dial/login/script-times-out", NULL, test_login_script_times_out);
  ADD ("/dial/login/interactive", NULL, test_interactive);
  for (gsize i = 0; i < G_N_ELEMENTS (hang_up_states); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dial/hang-up-in/%s",
                                               dt_conn_state_get_nick (hang_up_states[i]));
      ADD (path, GUINT_TO_POINTER (hang_up_states[i]), test_hang_up_in_state);
    }
  return g_test_run ();
}
