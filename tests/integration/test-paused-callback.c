/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Callback (issue 7) against the scripted peer in tests/peer, which plays a RAS server with
 * Microsoft's CBCP and a modem that rings back (pppd has no CBCP server): the whole state
 * sequence with its numbers for an entry that asks for the number (the CallbackSetByCaller
 * pause, a refused entry, then the number the peer records), for a fixed number and for the
 * server's own number; declining the callback in the pause when the server also offers "no
 * callback" (the Callback-Response the peer received, and a dial with no call back), and the
 * refusal to decline when it does not; a server without callback; and the failures, each
 * with its code: a number the server will not dial (704), no RING in time (638), and
 * hang-ups in the pause, at every step of the wait for the call and once called back, which
 * open the port only once and leave no lock, no descriptor and no GSource. */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial-peer.h"

typedef enum {
  ANSWER_NONE,
  ANSWER_NUMBER,     /* set the callback number in the pause */
  ANSWER_HANG_UP,    /* hang up in the pause */
  ANSWER_DECLINE,    /* give no number in the pause: no callback */
} Answer;

typedef struct {
  DtTestPeerScenario scenario;
  DtTestPeer *peer;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  GPtrArray *details;
  Answer answer;
  const char *number;            /* what the user types in the pause */
  guint hang_up_in;              /* a running state to hang up in, or 0 */
  char *pause_detail;
  char *pause_message;
  gboolean pause_optional;       /* dt_connection_get_callback_optional() in the pause */
  gboolean ok;
  GError *error;
  DtTestResources before;
} Fixture;

static gboolean
answer_pause (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr (GError) error = NULL;

  if (f->answer == ANSWER_HANG_UP)
    {
      dt_connection_hang_up (f->connection);
      return G_SOURCE_REMOVE;
    }
  if (f->answer == ANSWER_DECLINE)
    {
      g_assert_true (dt_connection_set_callback_number (f->connection, f->number, &error));
      g_assert_no_error (error);
      return G_SOURCE_REMOVE;
    }
  /* What the engine refuses first: no number from a server that only calls back, and
   * letters; the pause stays. */
  g_assert_false (dt_connection_set_callback_number (f->connection, "  ", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==,
                   "This server connects only by calling you back: enter a number.");
  g_clear_error (&error);
  g_assert_false (dt_connection_set_callback_number (f->connection, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==,
                    DT_CONN_STATE_CALLBACK_SET_BY_CALLER);
  g_assert_false (dt_connection_set_callback_number (f->connection, "555-CALL-ME", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==,
                    DT_CONN_STATE_CALLBACK_SET_BY_CALLER);

  g_assert_true (dt_connection_set_callback_number (f->connection, f->number, &error));
  g_assert_no_error (error);
  return G_SOURCE_REMOVE;
}

static gboolean
hang_up_now (gpointer user_data)
{
  Fixture *f = user_data;

  dt_connection_hang_up (f->connection);
  return G_SOURCE_REMOVE;
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  g_array_append_val (f->states, state);
  g_ptr_array_add (f->details, g_strdup (detail));
  if (state == DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    {
      g_free (f->pause_detail);
      f->pause_detail = g_strdup (detail);
      g_free (f->pause_message);
      f->pause_message = g_strdup (dt_connection_get_pause_message (connection));
      f->pause_optional = dt_connection_get_callback_optional (connection);
      /* The dialog answers later, from the main loop, as a user would. */
      if (f->answer != ANSWER_NONE)
        g_idle_add (answer_pause, f);
    }
  /* Once called back, this fast peer takes the dial to Connected before an idle could run:
   * hang up from the handler there, as the hang-up-in tests of test-dial do. */
  if (f->hang_up_in != 0 && state == f->hang_up_in &&
      (state == DT_CONN_STATE_CALLBACK_COMPLETE || state == DT_CONN_STATE_RE_AUTHENTICATE))
    dt_connection_hang_up (connection);
  else if (f->hang_up_in != 0 && state == f->hang_up_in)
    g_idle_add (hang_up_now, f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DtTestPeerScenario *sc = &f->scenario;

  dt_test_dial_note_resources (&f->before);
  dt_test_dial_peer_scenario_init (sc, "Passw0rd");
  /* The RINGs come long enough for the engine's "+++" hang-up (1.1 s guard times),
   * reopening and ATZ. */
  sc->callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  sc->admin_number = "5550199";
  sc->ring_delay_ms = 500;
  sc->ring_interval_ms = 400;
  sc->ring_count = 15;
  f->states = g_array_new (FALSE, FALSE, sizeof (guint));
  f->details = g_ptr_array_new_with_free_func (g_free);

  f->entry = dt_test_dial_peer_entry_new ("Call me back", "5550100");
  dt_entry_set_callback_mode (f->entry, DT_CALLBACK_ASK);
  f->connection = dt_connection_new ();
  dt_connection_set_network_mode (f->connection, DT_NETWORK_NONE);
  dt_connection_set_trace (f->connection, TRUE);
  dt_connection_set_callback_timeout (f->connection, 10000);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_dial_peer_tear_down (f->connection, f->entry, &f->peer, f);
  g_array_unref (f->states);
  g_ptr_array_unref (f->details);
  g_free (f->pause_detail);
  g_free (f->pause_message);
  g_clear_error (&f->error);
}

static void
dial (Fixture *f)
{
  f->ok = dt_test_dial_peer_dial (&f->scenario, &f->peer, f->connection, f->entry, "Passw0rd",
                                  &f->error);
}

/* The detail of the first @state, or NULL. */
static const char *
detail_of (Fixture *f,
           guint    state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, guint, i) == state)
      return g_ptr_array_index (f->details, i);
  return NULL;
}

/* The index of the first log line from @from on that holds @needle and, if given, @also;
 * -1 if none does. */
static int
log_find (Fixture    *f,
          int         from,
          const char *needle,
          const char *also)
{
  g_auto (GStrv) log = dt_connection_dup_log (f->connection);

  for (int i = MAX (from, 0); log[i] != NULL; i++)
    if (strstr (log[i], needle) != NULL && (also == NULL || strstr (log[i], also) != NULL))
      return i;
  return -1;
}

static gboolean
log_contains (Fixture    *f,
              const char *needle)
{
  return log_find (f, 0, needle, NULL) >= 0;
}

/* The dial is over: no lock file, no descriptor, no GSource of the engine's.  The peer goes
 * first, so that only the engine's are left to find. */
static void
assert_nothing_left (Fixture *f)
{
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==, DT_CONN_STATE_DISCONNECTED);
  dt_test_dial_peer_assert_nothing_left (&f->before, &f->peer);
}

/* The call back: the peer acknowledged, rang, was answered, and IPCP came up again. */
static void
assert_called_back (Fixture    *f,
                    const char *number)
{
  const DtTestPeerOutcome *out = dt_test_peer_get_outcome (f->peer);
  g_autoptr (DtConnStatus) status = dt_connection_get_status (f->connection);

  int complete;

  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_true (out->callback_acked);
  g_assert_cmpstr (out->callback_number, ==, number);
  g_assert_cmpuint (out->rings_sent, >=, 1);
  g_assert_true (out->callback_answered);
  g_assert_cmpuint (out->calls, ==, 2);
  g_assert_cmpuint (out->auth_successes, ==, 2);
  g_assert_true (out->ipcp_opened);
  dt_test_dial_peer_assert_no_violations (f->peer);
  g_assert_cmpstr (status->local_address, ==, "10.77.0.2");
  g_assert_cmpuint (status->link_speed, ==, 33600);
  g_assert_cmpstr (status->auth_protocol, ==, "MS-CHAPv2");
  /* The first call ends as pppd's client does: "Call me back". */
  g_assert_nonnull (dt_test_peer_find (f->peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_LCP, 5, 0));
  g_assert_true (log_contains (f, "sent [LCP TermReq id=0x"));
  g_assert_true (log_contains (f, "\"Call me back\"]"));
  /* Only the first call asks for callback; the call back's LCP does not. */
  complete = log_find (f, 0, "state 20 CallbackComplete", NULL);
  g_assert_cmpint (complete, >, 0);
  g_assert_cmpint (log_find (f, 0, "sent [LCP ConfReq", "<callback CBCP>"), >=, 0);
  g_assert_cmpint (log_find (f, 0, "sent [LCP ConfReq", "<callback CBCP>"), <, complete);
  g_assert_cmpint (log_find (f, complete, "sent [LCP ConfReq", "<callback CBCP>"), ==, -1);
  g_assert_cmpint (log_find (f, complete, "sent [LCP ConfReq", NULL), >, complete);
  g_assert_cmpint (log_find (f, complete, "state 13 ReAuthenticate", NULL), >, complete);
}

static void
test_ask (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *states = NULL;

  dt_entry_set_callback_number (f->entry, "5550100");
  f->answer = ANSWER_NUMBER;
  f->number = " 555-0123 ";
  dial (f);
  states = dt_test_dial_format_states (f->states);
  /* Authenticate, the server's Success, AuthCallback, the pause, AuthCallback again with the
   * number, the Ack, the line reset, the call back, authentication again, IPCP. */
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 4098 8 15 16 17 20 13 6 14 18 8192");
  assert_called_back (f, "555-0123");
  /* The server offered only a number of ours: there was no declining, and the refusals in
   * the pause sent nothing; the one Response is the number. */
  g_assert_false (f->pause_optional);
  g_assert_false (dt_connection_get_callback_optional (f->connection));
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2),
                    ==, 1);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->callback_type, ==, 2);

  /* The pause suggested the last number used; the one given is remembered for next time. */
  g_assert_cmpstr (f->pause_detail, ==, "5550100");
  g_assert_nonnull (strstr (f->pause_message, "5550100"));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_WAIT_FOR_CALLBACK), ==, "555-0123");
  g_assert_cmpstr (dt_entry_get_callback_number (f->entry), ==, "555-0123");
  g_assert_true (log_contains (f, "rcvd [CBCP Request id=0x1 < UserDefined delay = 0>]"));
  g_assert_true (log_contains (f, "sent [CBCP Response id=0x1 < UserDefined delay = 0 "
                                  "number = 555-0123>]"));
  g_assert_true (log_contains (f, "rcvd [CBCP Ack id=0x1 < UserDefined delay = 0 "
                                  "number = 555-0123>]"));
}

/* The bytes of the @nth CBCP packet of @code that crossed the line in @direction. */
static GBytes *
cbcp_packet (Fixture             *f,
             DtTestPeerDirection  direction,
             guint8               code,
             guint                nth)
{
  const DtTestPeerRecord *record = dt_test_peer_find (f->peer, direction, DT_TEST_PEER_CBCP,
                                                      code, nth);

  g_assert_nonnull (record);
  return g_bytes_ref (record->packet);
}

static void
test_decline (Fixture       *f,
              gconstpointer  data)
{
  const DtTestPeerOutcome *out;
  const DtTestPeerRecord *request;
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GBytes) ack = NULL;
  g_autofree char *states = NULL;
  g_autofree char *last_number = NULL;
  gsize n_requests;
  guint8 expected[6] = { 2, 0, 0, 6, 1, 2 };

  /* The server calls back a number of ours, or lets the call go on without callback; the
   * user gives no number (NULL, as a program would, or "", as the dialog does). */
  f->scenario.callback_offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK);
  if (GPOINTER_TO_UINT (data))
    dt_entry_set_callback_number (f->entry, "5550100");
  last_number = g_strdup (dt_entry_get_callback_number (f->entry));
  f->answer = ANSWER_DECLINE;
  f->number = GPOINTER_TO_UINT (data) ? "" : NULL;
  dial (f);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  states = dt_test_dial_format_states (f->states);
  /* The pause, AuthCallback again, then straight on: no PrepareForCallback (15),
   * WaitForModemReset (16), WaitForCallback (17) or second authentication. */
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 4098 8 14 18 8192");
  g_assert_true (f->pause_optional);
  g_assert_false (dt_connection_get_callback_optional (f->connection));

  /* The peer received one Callback-Response, type 1 with no delay or address, with the
   * Identifier of its last Request, and acknowledged it octet for octet. */
  n_requests = dt_test_peer_count (f->peer, DT_TEST_PEER_SENT, DT_TEST_PEER_CBCP, 1);
  g_assert_cmpuint (n_requests, >=, 1);
  request = dt_test_peer_find (f->peer, DT_TEST_PEER_SENT, DT_TEST_PEER_CBCP, 1, n_requests - 1);
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2),
                    ==, 1);
  response = cbcp_packet (f, DT_TEST_PEER_RECEIVED, 2, 0);
  expected[1] = request->id;
  g_assert_cmpmem (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                   expected, sizeof expected);
  ack = cbcp_packet (f, DT_TEST_PEER_SENT, 3, 0);
  expected[0] = 3;
  g_assert_cmpmem (g_bytes_get_data (ack, NULL), g_bytes_get_size (ack),
                   expected, sizeof expected);

  /* One call: no call back, no RING; IPCP on the first call. */
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_true (out->callback_acked);
  g_assert_cmpuint (out->callback_type, ==, 1);
  g_assert_null (out->callback_number);
  g_assert_cmpuint (out->calls, ==, 1);
  g_assert_cmpuint (out->auth_successes, ==, 1);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  g_assert_false (out->callback_answered);
  g_assert_true (out->ipcp_opened);
  dt_test_dial_peer_assert_no_violations (f->peer);
  g_assert_true (log_contains (f, "rcvd [CBCP Request id=0x1 < NoCallback> < UserDefined "
                                  "delay = 0>]"));
  g_assert_true (log_contains (f, "callback: declined; asking for no callback"));
  g_assert_true (log_contains (f, "sent [CBCP Response id="));
  g_assert_true (log_contains (f, " < NoCallback>]"));
  g_assert_false (log_contains (f, "\"Call me back\"]"));
  /* Nothing to remember for next time: the last number stays the suggestion. */
  g_assert_cmpstr (dt_entry_get_callback_number (f->entry), ==, last_number);
  g_assert_cmpstr (f->pause_detail, ==, GPOINTER_TO_UINT (data) ? "5550100" : NULL);
}

static void
test_fixed (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *states = NULL;

  dt_entry_set_callback_mode (f->entry, DT_CALLBACK_FIXED);
  dt_entry_set_callback_number (f->entry, "5550123");
  f->scenario.callback_offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK);
  dial (f);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 15 16 17 20 13 6 14 18 8192");
  assert_called_back (f, "5550123");
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->callback_type, ==, 2);
}

static void
test_admin_number (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *states = NULL;

  /* The server calls back the number its administrator set: nothing to ask. */
  f->scenario.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_ADMIN_NUMBER);
  f->answer = ANSWER_HANG_UP;
  dial (f);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 15 16 17 20 13 6 14 18 8192");
  assert_called_back (f, "5550199");
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->callback_type, ==, 3);
  g_assert_null (detail_of (f, DT_CONN_STATE_WAIT_FOR_CALLBACK));
}

static void
test_server_without_callback (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *states = NULL;
  const DtTestPeerOutcome *out;

  /* LCP's Callback option is rejected: an ordinary dial, and the log says why. */
  f->scenario.callback_offer = 0;
  f->answer = ANSWER_HANG_UP;
  dial (f);
  g_assert_no_error (f->error);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 14 18 8192");
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_false (out->callback_option_acked);
  g_assert_cmpuint (out->calls, ==, 1);
  g_assert_true (out->ipcp_opened);
  dt_test_dial_peer_assert_no_violations (f->peer);
  g_assert_true (log_contains (f, "rejected LCP's Callback option"));
}

static void
test_bad_number (Fixture       *f,
                 gconstpointer  data)
{
  const DtTestPeerOutcome *out;
  g_autofree char *states = NULL;

  /* The server calls back only numbers of its own exchange. */
  f->scenario.number_pattern = "^555[0-9]*$";
  f->scenario.bad_number_retries = GPOINTER_TO_UINT (data);
  dt_entry_set_callback_mode (f->entry, DT_CALLBACK_FIXED);
  dt_entry_set_callback_number (f->entry, "4440123");
  dial (f);
  g_assert_false (f->ok);
  g_assert_error (f->error, DT_RAS_ERROR, 704);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 704);
  g_assert_nonnull (strstr (dt_connection_get_error_message (f->connection), "4440123"));
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 8193");
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_true (out->callback_rejected);
  g_assert_false (out->callback_acked);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  dt_test_dial_peer_assert_no_violations (f->peer);
  assert_nothing_left (f);
}

static void
test_no_ring (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *states = NULL;

  /* The server acknowledges and never calls. */
  f->scenario.ring_count = 0;
  dt_connection_set_callback_timeout (f->connection, 1500);
  dt_entry_set_callback_mode (f->entry, DT_CALLBACK_FIXED);
  dt_entry_set_callback_number (f->entry, "5550123");
  dial (f);
  g_assert_false (f->ok);
  g_assert_error (f->error, DT_RAS_ERROR, 638);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 15 16 17 8193");
  g_assert_true (dt_test_peer_get_outcome (f->peer)->callback_acked);
  g_assert_nonnull (strstr (dt_connection_get_error_message (f->connection), "call back"));
  assert_nothing_left (f);
}

static void
test_hang_up_in_pause (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *states = NULL;

  f->answer = ANSWER_HANG_UP;
  dial (f);
  g_assert_error (f->error, DT_RAS_ERROR, 631);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 8 4098 8193");
  /* The hang-up told the server, and no call back was agreed. */
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->client_terminates, >=, 1);
  g_assert_false (dt_test_peer_get_outcome (f->peer)->callback_acked);
  assert_nothing_left (f);
}

static void
test_hang_up_waiting (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *states = NULL;
  guint n_open = 0;

  f->hang_up_in = GPOINTER_TO_UINT (data);
  /* Before the call back comes, no RING ever does; after it, the call back is answered. */
  if (f->hang_up_in != DT_CONN_STATE_CALLBACK_COMPLETE &&
      f->hang_up_in != DT_CONN_STATE_RE_AUTHENTICATE)
    f->scenario.ring_count = 0;
  dt_entry_set_callback_mode (f->entry, DT_CALLBACK_FIXED);
  dt_entry_set_callback_number (f->entry, "5550123");
  dial (f);
  g_assert_error (f->error, DT_RAS_ERROR, 631);
  states = dt_test_dial_format_states (f->states);
  g_assert_true (g_str_has_prefix (states, "0 1 2 3 4 5 6 8 15 "));
  g_assert_cmpuint (g_array_index (f->states, guint, f->states->len - 2), ==, f->hang_up_in);
  g_assert_cmpuint (g_array_index (f->states, guint, f->states->len - 1), ==,
                    DT_CONN_STATE_DISCONNECTED);
  /* The hang-up wins over the call back: the port is not opened again for it. */
  for (guint i = 0; i < f->states->len; i++)
    n_open += g_array_index (f->states, guint, i) == DT_CONN_STATE_OPEN_PORT;
  g_assert_cmpuint (n_open, ==, 1);
  assert_nothing_left (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The descriptors GLib opens once per process (the default main context's wakeup, and
   * GTask's worker context) exist before any test counts. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (data), fixture_set_up, func, fixture_tear_down)
  ADD ("/paused/callback/ask", 0, test_ask);
  ADD ("/paused/callback/decline", 0, test_decline);
  ADD ("/paused/callback/decline-suggested", 1, test_decline);
  ADD ("/paused/callback/fixed", 0, test_fixed);
  ADD ("/paused/callback/admin-number", 0, test_admin_number);
  ADD ("/paused/callback/server-without-callback", 0, test_server_without_callback);
  ADD ("/paused/callback/bad-number", 0, test_bad_number);
  ADD ("/paused/callback/bad-number-asked-again", 1, test_bad_number);
  ADD ("/paused/callback/no-ring", 0, test_no_ring);
  ADD ("/paused/callback/hang-up-in-pause", 0, test_hang_up_in_pause);
  ADD ("/paused/callback/hang-up-preparing", DT_CONN_STATE_PREPARE_FOR_CALLBACK,
       test_hang_up_waiting);
  ADD ("/paused/callback/hang-up-in-modem-reset", DT_CONN_STATE_WAIT_FOR_MODEM_RESET,
       test_hang_up_waiting);
  ADD ("/paused/callback/hang-up-waiting-for-call", DT_CONN_STATE_WAIT_FOR_CALLBACK,
       test_hang_up_waiting);
  ADD ("/paused/callback/hang-up-called-back", DT_CONN_STATE_CALLBACK_COMPLETE,
       test_hang_up_waiting);
  ADD ("/paused/callback/hang-up-reauthenticating", DT_CONN_STATE_RE_AUTHENTICATE,
       test_hang_up_waiting);
  return g_test_run ();
}
