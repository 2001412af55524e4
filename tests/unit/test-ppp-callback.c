/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Callback through a DtPpp session and a scripted server: LCP's Callback option (RFC 1570
 * 2.3, operation 6 for CBCP) asked for only when wanted and dropped when rejected, the
 * CALLBACK phase between authentication and IPCP with NCP packets held off, the
 * Callback-Request/Response/Ack exchange through "callback-requested",
 * dt_ppp_callback_respond() and "callback-agreed", the session's own "Call me back" close
 * ending with 0, and the failures: a refused number (704), a server gone silent (718), CBCP
 * from a server that never agreed to it. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dt-error.h"
#include "dt-ppp-cbcp.h"
#include "dt-ppp-peer.h"

/* The server's LCP request: no authentication, so that CBCP follows LCP at once. */
static const guint8 server_lcp[] = { 5, 6, 0x5e, 0xa1, 0x3b, 0x07 };

static const guint8 callback_option[] = { 13, 3, 6 };

/* Callback-Request id 1: the user-specified number, delay 0, empty address of type 1. */
static const guint8 request_user[] = { 2, 5, 0, 1, 0 };
/* Callback-Request id 1: no callback, or the administrator's number with delay 7. */
static const guint8 request_none_admin[] = { 1, 2, 3, 3, 7 };
/* Our answer to request_user with "5550123". */
static const guint8 option_5550123[] = {
  2, 12, 0, 1, '5', '5', '5', '0', '1', '2', '3', 0 };

typedef struct {
  DtPppPeer *peer;
  guint requests;
  guint offered;
  guint agreed;
  guint agreed_type;
  char *agreed_number;
  guint agreed_delay;
  /* Answer from the signal, as a fixed number does. */
  DtPppCallbackType answer_type;
  const char *answer_number;
} Test;

static void
on_callback_requested (DtPpp *ppp,
                       guint  offered,
                       Test  *t)
{
  g_autoptr (GError) error = NULL;

  t->requests++;
  t->offered = offered;
  g_assert_cmpint (dt_ppp_get_phase (ppp), ==, DT_PPP_PHASE_CALLBACK);
  g_assert_cmpuint (dt_ppp_get_callback_offered (ppp), ==, offered);
  if (t->answer_type != 0)
    {
      g_assert_true (dt_ppp_callback_respond (ppp, t->answer_type, t->answer_number, &error));
      g_assert_no_error (error);
    }
}

static void
on_callback_agreed (DtPpp      *ppp,
                    guint       type,
                    const char *number,
                    guint       delay,
                    Test       *t)
{
  t->agreed++;
  t->agreed_type = type;
  g_free (t->agreed_number);
  t->agreed_number = g_strdup (number);
  t->agreed_delay = delay;
}

static void
test_init (Test     *t,
           gboolean  want_callback)
{
  DtPppConfig c;

  memset (t, 0, sizeof *t);
  dt_ppp_config_init (&c);
  c.echo_interval_ms = 0;
  c.compression = 0;
  c.want_callback = want_callback;
  c.restart_ms = 50;
  c.callback_timeout_ms = 200;
  t->peer = dt_ppp_peer_new (&c);
  g_signal_connect (t->peer->ppp, "callback-requested", G_CALLBACK (on_callback_requested), t);
  g_signal_connect (t->peer->ppp, "callback-agreed", G_CALLBACK (on_callback_agreed), t);
  dt_ppp_start (t->peer->ppp);
}

static void
test_clear (Test *t)
{
  g_clear_pointer (&t->peer, dt_ppp_peer_free);
  g_free (t->agreed_number);
}

static const guint8 *
find_option (const guint8 *opts,
             gsize         len,
             guint8        type)
{
  for (gsize i = 0; i + 2 <= len && opts[i + 1] >= 2 && i + opts[i + 1] <= len;
       i += opts[i + 1])
    if (opts[i] == type)
      return opts + i;
  return NULL;
}

/* LCP up with the session's request acknowledged as it is, holding the Callback option. */
static void
open_lcp_with_callback (Test *t)
{
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (t->peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ,
                                                       500);
  g_autoptr (DtPppPeerFrame) ack = NULL;
  const guint8 *data;
  gsize len;

  g_assert_nonnull (req);
  data = dt_ppp_peer_frame_data (req, &len);
  g_assert_cmpmem (find_option (data, len, 13), 3, callback_option, 3);
  dt_ppp_peer_send (t->peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data,
                    len);
  dt_ppp_peer_send (t->peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 0x40, server_lcp,
                    sizeof server_lcp);
  ack = dt_ppp_peer_expect (t->peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 500);
  g_assert_nonnull (ack);
  g_assert_true (dt_ppp_get_callback_negotiated (t->peer->ppp));
  g_assert_cmpint (dt_ppp_get_phase (t->peer->ppp), ==, DT_PPP_PHASE_CALLBACK);
}

static void
test_not_wanted (void)
{
  Test t;
  g_autoptr (DtPppPeerFrame) req = NULL;
  const guint8 *data;
  gsize len;

  /* Without callback the option is never asked for, and CBCP is a protocol we do not speak. */
  test_init (&t, FALSE);
  req = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  data = dt_ppp_peer_frame_data (req, &len);
  g_assert_null (find_option (data, len, 13));
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data,
                    len);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 0x40, server_lcp, sizeof server_lcp);
  g_assert_cmpint (dt_ppp_get_phase (t.peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  g_assert_false (dt_ppp_get_callback_negotiated (t.peer->ppp));

  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_user,
                    sizeof request_user);
  {
    g_autoptr (DtPppPeerFrame) rej = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ,
                                                         100);

    g_assert_nonnull (rej);
    data = dt_ppp_peer_frame_data (rej, &len);
    g_assert_cmpuint (dt_ppp_get16 (data), ==, DT_PPP_PROTO_CBCP);
  }
  g_assert_cmpuint (t.requests, ==, 0);
  test_clear (&t);
}

static void
test_rejected (void)
{
  static const guint8 reject[] = { 13, 3, 6 };
  Test t;
  g_autoptr (DtPppPeerFrame) r1 = NULL, r2 = NULL, ack = NULL;
  const guint8 *data;
  gsize len;

  /* A server without callback rejects the option: the session goes on without it. */
  test_init (&t, TRUE);
  r1 = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ, dt_ppp_peer_frame_id (r1), reject,
                    sizeof reject);
  r2 = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (r2);
  data = dt_ppp_peer_frame_data (r2, &len);
  g_assert_null (find_option (data, len, 13));
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (r2), data,
                    len);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 0x40, server_lcp, sizeof server_lcp);
  ack = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 500);
  g_assert_nonnull (ack);
  g_assert_false (dt_ppp_get_callback_negotiated (t.peer->ppp));
  g_assert_cmpint (dt_ppp_get_phase (t.peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  dt_ppp_peer_open_ipcp (t.peer, 0x0a40000b, 0, 0, 0x0a400001);
  g_assert_true (t.peer->network_up);
  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "rcvd [LCP ConfRej id=0x1 <callback CBCP>]"));
  test_clear (&t);
}

static void
test_user_number (void)
{
  static const guint8 ipcp_req[] = { 3, 6, 10, 64, 0, 1 };
  Test t;
  g_autoptr (DtPppPeerFrame) response = NULL, term = NULL;
  const guint8 *data;
  gsize len;
  const DtPppPhase want[] = {
    DT_PPP_PHASE_ESTABLISH, DT_PPP_PHASE_CALLBACK, DT_PPP_PHASE_TERMINATE, DT_PPP_PHASE_DEAD,
  };

  test_init (&t, TRUE);
  open_lcp_with_callback (&t);

  /* NCP packets wait for the callback phase to end ([MS-CBCP] 1.3); we send none either. */
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 1, ipcp_req, sizeof ipcp_req);
  g_assert_null (dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_IPCP, 0, 100));

  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_user,
                    sizeof request_user);
  g_assert_cmpuint (t.requests, ==, 1);
  g_assert_cmpuint (t.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER));
  /* The user takes a while: the session waits without a bound of its own. */
  dt_ppp_peer_idle (t.peer, 300);
  g_assert_false (t.peer->finished);
  g_assert_true (dt_ppp_callback_respond (t.peer->ppp, DT_PPP_CALLBACK_USER, "5550123", NULL));
  response = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_RESPONSE, 100);
  g_assert_nonnull (response);
  g_assert_cmpuint (dt_ppp_peer_frame_id (response), ==, 1);
  data = dt_ppp_peer_frame_data (response, &len);
  g_assert_cmpmem (data, len, option_5550123, sizeof option_5550123);

  /* The Ack: the session says "Call me back" and ends without a failure. */
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_ACK, 1, option_5550123,
                    sizeof option_5550123);
  g_assert_cmpuint (t.agreed, ==, 1);
  g_assert_cmpuint (t.agreed_type, ==, DT_PPP_CALLBACK_USER);
  g_assert_cmpstr (t.agreed_number, ==, "5550123");
  g_assert_true (dt_ppp_get_callback_agreed (t.peer->ppp));
  term = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);
  g_assert_nonnull (term);
  data = dt_ppp_peer_frame_data (term, &len);
  g_assert_cmpmem (data, len, "Call me back", 12);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL,
                    0);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 1000));
  g_assert_cmpuint (t.peer->finished_code, ==, 0);
  g_assert_null (dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_IPCP, 0, 0));
  g_assert_cmpmem (t.peer->phases->data, t.peer->phases->len * sizeof (DtPppPhase), want,
                   sizeof want);

  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "sent [LCP ConfReq id=0x1 <mru 1500> "
                                                     "<asyncmap 0x0> <magic 0x"));
  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "<pcomp> <accomp> <callback CBCP>]"));
  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "rcvd [CBCP Request id=0x1 < UserDefined "
                                                     "delay = 0>]"));
  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "sent [CBCP Response id=0x1 < UserDefined "
                                                     "delay = 0 number = 5550123>]"));
  g_assert_true (dt_ppp_peer_trace_contains (t.peer, "rcvd [CBCP Ack id=0x1 < UserDefined "
                                                     "delay = 0 number = 5550123>]"));
  test_clear (&t);
}

static void
test_line_drops_after_ack (void)
{
  Test t;

  /* The server hangs up before our Terminate-Request is acknowledged: still no failure. */
  test_init (&t, TRUE);
  t.answer_type = DT_PPP_CALLBACK_ADMIN;
  open_lcp_with_callback (&t);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_none_admin,
                    sizeof request_none_admin);
  {
    static const guint8 admin[] = { 3, 3, 7 };
    g_autoptr (DtPppPeerFrame) response = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_CBCP,
                                                         DT_PPP_CBCP_RESPONSE, 100);
    const guint8 *data;
    gsize len;

    data = dt_ppp_peer_frame_data (response, &len);
    g_assert_cmpmem (data, len, admin, sizeof admin);
    dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_ACK, 1, admin, sizeof admin);
  }
  g_assert_cmpuint (t.agreed_type, ==, DT_PPP_CALLBACK_ADMIN);
  g_assert_null (t.agreed_number);
  g_assert_cmpuint (t.agreed_delay, ==, 7);
  dt_ppp_lower_down (t.peer->ppp);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 1000));
  g_assert_cmpuint (t.peer->finished_code, ==, 0);
  test_clear (&t);
}

static void
test_no_callback (void)
{
  static const guint8 none[] = { 1, 2 };
  Test t;

  /* "No callback" goes on to IPCP in the same session. */
  test_init (&t, TRUE);
  t.answer_type = DT_PPP_CALLBACK_NONE;
  open_lcp_with_callback (&t);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_none_admin,
                    sizeof request_none_admin);
  g_assert_null (dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_IPCP, 0, 0));
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_ACK, 1, none, sizeof none);
  g_assert_cmpuint (t.agreed_type, ==, DT_PPP_CALLBACK_NONE);
  g_assert_false (dt_ppp_get_callback_agreed (t.peer->ppp));
  dt_ppp_peer_open_ipcp (t.peer, 0x0a40000b, 0, 0, 0x0a400001);
  g_assert_true (t.peer->network_up);
  test_clear (&t);
}

static void
test_refused_number (void)
{
  static const char reason[] = "Invalid callback number";
  Test t;
  g_autoptr (DtPppPeerFrame) response = NULL, ack = NULL;

  /* No Ack but a Terminate-Request: the server will not dial the number. */
  test_init (&t, TRUE);
  t.answer_type = DT_PPP_CALLBACK_USER;
  t.answer_number = "555-CALL-ME";
  open_lcp_with_callback (&t);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_user,
                    sizeof request_user);
  response = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_RESPONSE, 100);
  g_assert_nonnull (response);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 9, (const guint8 *) reason,
                    strlen (reason));
  ack = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, 100);
  g_assert_nonnull (ack);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 2000));
  g_assert_cmpuint (t.peer->finished_code, ==, DT_RAS_ERROR_BAD_CALLBACK_NUMBER);
  g_assert_nonnull (strstr (t.peer->finished_reason, "555-CALL-ME"));
  g_assert_nonnull (strstr (t.peer->finished_reason, reason));
  g_assert_cmpuint (t.agreed, ==, 0);
  test_clear (&t);

  /* Or Callback-Requests again and again after our number. */
  test_init (&t, TRUE);
  t.answer_type = DT_PPP_CALLBACK_USER;
  t.answer_number = "555-CALL-ME";
  open_lcp_with_callback (&t);
  for (guint8 id = 1; id <= 4; id++)
    dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, id, request_user,
                      sizeof request_user);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 2000));
  g_assert_cmpuint (t.peer->finished_code, ==, DT_RAS_ERROR_BAD_CALLBACK_NUMBER);
  g_assert_cmpuint (t.requests, ==, 1);
  test_clear (&t);
}

static void
test_silent_server (void)
{
  Test t;

  /* LCP agreed on callback, then nothing: 718 within the callback timeout. */
  test_init (&t, TRUE);
  open_lcp_with_callback (&t);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 2000));
  g_assert_cmpuint (t.peer->finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_nonnull (strstr (t.peer->finished_reason, "no Callback-Request"));
  test_clear (&t);

  /* A Request, our answer, and no Ack. */
  test_init (&t, TRUE);
  t.answer_type = DT_PPP_CALLBACK_ADMIN;
  open_lcp_with_callback (&t);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_none_admin,
                    sizeof request_none_admin);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 2000));
  g_assert_cmpuint (t.peer->finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_nonnull (strstr (t.peer->finished_reason, "did not acknowledge"));
  test_clear (&t);
}

static void
test_respond_refused (void)
{
  Test t;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtPppPeerFrame) term = NULL;

  /* Before any Request, and with what the server did not offer. */
  test_init (&t, TRUE);
  g_assert_false (dt_ppp_callback_respond (t.peer->ppp, DT_PPP_CALLBACK_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  open_lcp_with_callback (&t);
  dt_ppp_peer_send (t.peer, DT_PPP_PROTO_CBCP, DT_PPP_CBCP_REQUEST, 1, request_user,
                    sizeof request_user);
  g_assert_false (dt_ppp_callback_respond (t.peer->ppp, DT_PPP_CALLBACK_ADMIN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (dt_ppp_callback_respond (t.peer->ppp, DT_PPP_CALLBACK_USER, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_CBCP, 0, 0));

  /* Closing while the user decides ends the session as any close does. */
  dt_ppp_close (t.peer->ppp, "User request");
  term = dt_ppp_peer_expect (t.peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);
  g_assert_nonnull (term);
  g_assert_true (dt_ppp_peer_wait_finished (t.peer, 2000));
  g_assert_cmpuint (t.peer->finished_code, ==, 0);
  g_assert_false (dt_ppp_get_callback_agreed (t.peer->ppp));
  test_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/callback/not-wanted", test_not_wanted);
  g_test_add_func ("/ppp/callback/rejected", test_rejected);
  g_test_add_func ("/ppp/callback/user-number", test_user_number);
  g_test_add_func ("/ppp/callback/line-drops-after-ack", test_line_drops_after_ack);
  g_test_add_func ("/ppp/callback/no-callback", test_no_callback);
  g_test_add_func ("/ppp/callback/refused-number", test_refused_number);
  g_test_add_func ("/ppp/callback/silent-server", test_silent_server);
  g_test_add_func ("/ppp/callback/respond-refused", test_respond_refused);

  return g_test_run ();
}
