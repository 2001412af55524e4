/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialtone calling Dialtone: a DtConnection dials a DtAnswer over a null-modem cable made of
 * two pty pairs whose masters this test joins, with the dial-in accounts' passwords in a real
 * gnome-keyring.  Every authentication method reaches Connected on both sides with the pool's
 * address, a wrong MS-CHAPv2 password is retried in the same call (E=691 R=1), a disabled
 * account is refused with 647, and after each call the answering side listens again.  Then
 * through two modems and a telephone exchange (dt-test-exchange.c): the caller's entry asks
 * for a callback at its number, the answering side agrees in CBCP, hangs up, dials that
 * number, and both sides authenticate again to Connected. */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <termios.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt-answer.h"
#include "dt-connection.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"
#include "dt-test-cable.h"
#include "dt-test-exchange.h"
#include "dt-test-keyring.h"
#include "dt-test-server.h"

static DtTestKeyring *keyring;

/* The answering side: alice and carol (dt-test-server.h), and bob, whose account is
 * disabled. */

static void
server_init_type (DtTestServer *server,
                  const char   *device,
                  guint         methods,
                  DtDeviceType  type)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtDialinUser) bob = NULL;

  dt_test_server_init (server, "dialtone-answer", methods);
  bob = dt_incoming_add_user (server->incoming, "bob", NULL);
  dt_dialin_user_set_enabled (bob, FALSE);
  g_assert_true (dt_incoming_save (server->incoming, &error));
  g_assert_no_error (error);
  dt_test_server_start (server, device, type);
}

static void
server_init (DtTestServer *server,
             const char   *device,
             guint         methods)
{
  server_init_type (server, device, methods, DT_DEVICE_TYPE_DIRECT);
}

/* The calling side */

static DtEntry *
cable_entry (const char *device,
             guint       methods)
{
  DtEntry *entry = dt_entry_new ();

  dt_entry_set_name (entry, "Dialtone across the room");
  dt_entry_set_device (entry, device);
  dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  dt_entry_set_auth_methods (entry, methods);
  dt_entry_set_user (entry, "alice");
  return entry;
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
  const char *retry_password;
} Dial;

static void
on_dialed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Dial *dial = user_data;

  dial->ok = dt_connection_dial_finish (DT_CONNECTION (object), result, &dial->error);
  dial->done = TRUE;
}

static void
on_client_state (DtConnection *connection,
                 guint         state,
                 const char   *detail,
                 guint         sub_entry,
                 Dial         *dial)
{
  if (state == DT_CONN_STATE_RETRY_AUTHENTICATION && dial->retry_password != NULL)
    g_assert_true (dt_connection_retry_authentication (connection, NULL, dial->retry_password,
                                                       NULL, NULL));
}

static DtConnection *
dial (DtEntry    *entry,
      const char *user,
      const char *password,
      Dial       *d)
{
  DtConnection *connection = dt_connection_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new (user, password, NULL);

  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  g_signal_connect (connection, "state-changed", G_CALLBACK (on_client_state), d);
  dt_connection_dial_async (connection, entry, credentials, NULL, on_dialed, d);
  while (!d->done)
    g_main_context_iteration (NULL, TRUE);
  return connection;
}

static void
hang_up (DtConnection *connection)
{
  dt_connection_hang_up (connection);
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
}

static void
check_method (guint       methods,
              const char *protocol)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  Dial d = { 0 };
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (DtConnStatus) status = NULL;

  server_init (&server, dt_test_cable_get_end (cable, 1), methods);
  entry = cable_entry (dt_test_cable_get_end (cable, 0), DT_AUTH_ALL);
  connection = dial (entry, "alice", "wonderland", &d);
  g_assert_no_error (d.error);
  g_assert_true (d.ok);

  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  g_assert_cmpstr (dt_answer_get_state_detail (server.answer), ==, "alice");
  g_assert_cmpstr (dt_answer_get_user (server.answer), ==, "alice");
  g_assert_cmpstr (dt_answer_get_remote_address (server.answer), ==, "10.77.0.2");
  g_assert_true (dt_test_server_has_state (&server, DT_CONN_STATE_AUTHENTICATING_CALLER));
  g_assert_true (dt_test_server_has_state (&server, DT_CONN_STATE_AUTHENTICATED));
  status = dt_connection_get_status (connection);
  g_assert_cmpstr (status->auth_protocol, ==, protocol);
  g_assert_cmpstr (status->local_address, ==, "10.77.0.2");
  g_assert_cmpstr (status->remote_address, ==, "10.77.0.1");

  /* The caller hangs up: the answering side sees it and listens again. */
  hang_up (connection);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_LISTENING);
  g_assert_true (dt_test_server_has_state (&server, DT_CONN_STATE_DISCONNECTED));

  dt_test_server_clear (&server);
}

static void
test_pap (void)
{
  check_method (DT_AUTH_PAP, "PAP");
}

static void
test_chap_md5 (void)
{
  check_method (DT_AUTH_CHAP, "CHAP-MD5");
}

static void
test_mschapv2 (void)
{
  check_method (DT_AUTH_MSCHAPV2, "MS-CHAPv2");
}

/* A wrong MS-CHAPv2 password: the caller pauses in RetryAuthentication and retries in the same
 * call, which the server allows (E=691 R=1). */
static void
test_retry (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  Dial d = { .retry_password = "wonderland" };
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtConnection) connection = NULL;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_AUTH_MSCHAPV2);
  entry = cable_entry (dt_test_cable_get_end (cable, 0), DT_AUTH_MSCHAPV2);
  connection = dial (entry, "alice", "looking-glass", &d);
  g_assert_no_error (d.error);
  g_assert_true (d.ok);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  g_assert_cmpstr (dt_answer_get_user (server.answer), ==, "alice");
  hang_up (connection);
  dt_test_server_clear (&server);
}

/* A disabled account: 647 on the calling side, "caller-refused" on the answering side. */
static void
test_disabled (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  Dial d = { 0 };
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtConnection) connection = NULL;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_AUTH_MSCHAPV2);
  entry = cable_entry (dt_test_cable_get_end (cable, 0), DT_AUTH_MSCHAPV2);
  connection = dial (entry, "bob", "wonderland", &d);
  g_assert_false (d.ok);
  g_assert_error (d.error, DT_RAS_ERROR, DT_RAS_ERROR_ACCT_DISABLED);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_answer_get_error_code (server.answer), ==, DT_RAS_ERROR_ACCT_DISABLED);
  g_assert_cmpstr (server.refused_user, ==, "bob");
  g_assert_cmpuint (server.refused_code, ==, DT_RAS_ERROR_ACCT_DISABLED);
  g_assert_false (dt_test_server_has_state (&server, DT_CONN_STATE_CONNECTED));
  g_clear_error (&d.error);
  dt_test_server_clear (&server);
}

/* The longest call: the answering side hangs up by itself, and listens again. */
static void
test_max_call_time (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  Dial d = { 0 };
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtConnection) connection = NULL;
  gint64 connected_at;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_AUTH_MSCHAPV2);
  dt_incoming_set_max_call_time (server.incoming, 3);
  entry = cable_entry (dt_test_cable_get_end (cable, 0), DT_AUTH_MSCHAPV2);
  connection = dial (entry, "alice", "wonderland", &d);
  g_assert_true (d.ok);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  connected_at = g_array_index (server.times, gint64, server.times->len - 1);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_DISCONNECTED);
  /* The hang-up began at the limit, not before (the teardown takes its time after it). */
  g_assert_cmpint (g_array_index (server.times, gint64, server.times->len - 1) - connected_at,
                   >=, 3000 * 1000);
  g_assert_cmpstr (dt_answer_get_error_message (server.answer), ==,
                   "The call reached its maximum time");
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==,
                    DT_RAS_ERROR_PPP_REMOTE_TERMINATED);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_LISTENING);
  dt_test_server_clear (&server);
}

/* A caller without traffic is hung up after the idle time. */
static void
test_idle (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  Dial d = { 0 };
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtConnection) connection = NULL;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_AUTH_CHAP);
  dt_incoming_set_idle_disconnect (server.incoming, 2);
  entry = cable_entry (dt_test_cable_get_end (cable, 0), DT_AUTH_CHAP);
  connection = dial (entry, "alice", "wonderland", &d);
  g_assert_true (d.ok);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_DISCONNECTED);
  g_assert_nonnull (strstr (dt_answer_get_error_message (server.answer), "without traffic"));
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  dt_test_server_clear (&server);
}

/* A caller that speaks LCP but never logs in: hung up at the deadline (718), reported as a
 * refused caller, and the port waits before it answers again. */
static void
test_never_logs_in (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  g_autoptr (GByteArray) frame = g_byte_array_new ();
  DtPppHdlcEncoder encoder;
  const guint8 request[] = { 1, 1, 0, 4 };
  int fd;
  gint64 disconnected_at;
  guint n_states;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_AUTH_MSCHAPV2);
  dt_answer_set_auth_timeout (server.answer, 2000);
  /* The caller's side of the cable, raw: a Configure-Request every half second, no more. */
  fd = open (dt_test_cable_get_end (cable, 0), O_RDWR | O_NOCTTY | O_NONBLOCK);
  g_assert_cmpint (fd, >=, 0);
  {
    struct termios raw;

    /* Not a terminal's echo: the server must not hear itself. */
    g_assert_cmpint (tcgetattr (fd, &raw), ==, 0);
    cfmakeraw (&raw);
    g_assert_cmpint (tcsetattr (fd, TCSANOW, &raw), ==, 0);
  }
  dt_ppp_hdlc_encoder_init (&encoder);
  dt_ppp_hdlc_encode (&encoder, frame, DT_PPP_PROTO_LCP, request, sizeof request);
  while (dt_answer_get_state (server.answer) != DT_CONN_STATE_DISCONNECTED)
    {
      g_assert_cmpint (write (fd, frame->data, frame->len), ==, (gssize) frame->len);
      for (int i = 0; i < 50; i++)
        {
          guint8 sink[512];

          while (read (fd, sink, sizeof sink) > 0)
            ;
          g_main_context_iteration (NULL, FALSE);
          g_usleep (10000);
        }
    }
  disconnected_at = g_array_index (server.times, gint64, server.times->len - 1);
  close (fd);
  g_assert_cmpuint (dt_answer_get_error_code (server.answer), ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_cmpuint (server.refused_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_false (dt_test_server_has_state (&server, DT_CONN_STATE_AUTHENTICATED));
  /* The next Listening only after the back-off (2 s for a first failure). */
  n_states = server.states->len;
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_LISTENING);
  g_assert_cmpuint (server.states->len, >, n_states);
  g_assert_cmpint (g_array_index (server.times, gint64, server.times->len - 1) - disconnected_at,
                   >=, 1900 * 1000);
  dt_test_server_clear (&server);
}

/* Callback, through two modems: the caller's entry gives its number, the answering side calls
 * it back there, and both authenticate again. */
static void
test_callback (void)
{
  DtTestExchange *exchange = dt_test_exchange_new ();
  DtTestServer server = { 0 };
  Dial d = { 0 };
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtConnection) connection = NULL;
  guint authenticated = 0;

  server_init_type (&server, dt_test_exchange_get_line (exchange, 1), DT_AUTH_MSCHAPV2,
                    DT_DEVICE_TYPE_MODEM);
  dt_entry_set_name (entry, "Dialtone down the line");
  dt_entry_set_device (entry, dt_test_exchange_get_line (exchange, 0));
  dt_entry_set_number (entry, "555-0100");
  dt_entry_set_user (entry, "carol");
  dt_entry_set_callback_mode (entry, DT_CALLBACK_FIXED);
  dt_entry_set_callback_number (entry, "555-0177");
  connection = dial (entry, "carol", "looking-glass", &d);
  g_assert_no_error (d.error);
  g_assert_true (d.ok);

  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  g_assert_true (dt_test_server_has_state (&server, DT_CONN_STATE_CALLING_BACK));
  for (guint i = 0; i < server.states->len; i++)
    authenticated += g_array_index (server.states, guint, i) == DT_CONN_STATE_AUTHENTICATED;
  g_assert_cmpuint (authenticated, ==, 2);
  g_assert_cmpstr (dt_answer_get_user (server.answer), ==, "carol");
  /* The caller dialed the answering side; the answering side dialed the caller's number. */
  g_assert_cmpstr (dt_test_exchange_get_dialed (exchange, 0), ==, "5550100");
  g_assert_cmpstr (dt_test_exchange_get_dialed (exchange, 1), ==, "5550177");
  /* The call back is the same call: the caller keeps the pool's first address. */
  g_assert_cmpstr (dt_answer_get_remote_address (server.answer), ==, "10.77.0.2");

  hang_up (connection);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_LISTENING);
  dt_test_server_clear (&server);
  dt_test_exchange_free (exchange);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);

  g_test_add_func ("/answer-dialtone/pap", test_pap);
  g_test_add_func ("/answer-dialtone/chap-md5", test_chap_md5);
  g_test_add_func ("/answer-dialtone/mschapv2", test_mschapv2);
  g_test_add_func ("/answer-dialtone/retry", test_retry);
  g_test_add_func ("/answer-dialtone/disabled", test_disabled);
  g_test_add_func ("/answer-dialtone/callback", test_callback);
  g_test_add_func ("/answer-dialtone/max-call-time", test_max_call_time);
  g_test_add_func ("/answer-dialtone/idle", test_idle);
  g_test_add_func ("/answer-dialtone/never-logs-in", test_never_logs_in);

  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
