/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp end to end without a modem: two sessions wired back to back, and a scripted peer
 * that answers byte for byte as RFC 1661, 1332, 1334 and 1877 say (and, where the test says
 * so, as a broken or hostile peer would).  Each test checks what a caller notices: the
 * phases, the addresses, the bytes on the line, the trace, and the final RAS code. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-ppp-peer.h"

/* What pppd in the test ISP puts in its LCP ConfReq: asyncmap 0, magic, pcomp, accomp. */
static const guint8 isp_lcp[] = {
  2, 6, 0, 0, 0, 0,  5, 6, 0x5e, 0xa1, 0x3b, 0x07,  7, 2,  8, 2,
};

static DtPppConfig
quiet_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "alice";
  c.password = "s3cr3t-Pa55";
  c.echo_interval_ms = 0;
  return c;
}

/* Back to back */

typedef struct {
  DtPpp      *ppp;
  GByteArray *line;       /* bytes on their way to the other side */
  GArray     *phases;
  guint       finished_code;
  gboolean    finished;
  GPtrArray  *ipv4_in;
} Side;

static void
side_output (const guint8 *bytes,
             gsize         len,
             gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

static void
side_phase (DtPpp      *ppp,
            DtPppPhase  phase,
            Side       *side)
{
  g_array_append_val (side->phases, phase);
}

static void
side_finished (DtPpp      *ppp,
               guint       code,
               const char *reason,
               Side       *side)
{
  side->finished = TRUE;
  side->finished_code = code;
}

static void
side_ipv4 (DtPpp   *ppp,
           GBytes  *datagram,
           Side    *side)
{
  g_ptr_array_add (side->ipv4_in, g_bytes_ref (datagram));
}

static void
side_init (Side       *side,
           const char *address)
{
  DtPppConfig c = quiet_config ();

  c.static_address = address;
  c.restart_ms = 50;
  side->ppp = dt_ppp_new (&c);
  side->line = g_byte_array_new ();
  side->phases = g_array_new (FALSE, FALSE, sizeof (DtPppPhase));
  side->ipv4_in = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  dt_ppp_set_output_func (side->ppp, side_output, side->line, NULL);
  g_signal_connect (side->ppp, "phase-changed", G_CALLBACK (side_phase), side);
  g_signal_connect (side->ppp, "finished", G_CALLBACK (side_finished), side);
  g_signal_connect (side->ppp, "ipv4-packet", G_CALLBACK (side_ipv4), side);
}

static void
side_clear (Side *side)
{
  g_assert_finalize_object (side->ppp);
  g_byte_array_unref (side->line);
  g_array_unref (side->phases);
  g_ptr_array_unref (side->ipv4_in);
}

/* Carries bytes both ways, a few at a time, until the line is quiet. */
static void
pump (Side *a,
      Side *b)
{
  for (int rounds = 0; rounds < 10000 && (a->line->len > 0 || b->line->len > 0); rounds++)
    {
      Side *from = a->line->len > 0 ? a : b;
      Side *to = from == a ? b : a;
      gsize n = MIN (from->line->len, 7);
      g_autofree guint8 *chunk = g_memdup2 (from->line->data, n);

      g_byte_array_remove_range (from->line, 0, n);
      dt_ppp_input (to->ppp, chunk, n);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_back_to_back (void)
{
  Side a = { 0 }, b = { 0 };
  const DtPppPhase want[] = {
    DT_PPP_PHASE_ESTABLISH, DT_PPP_PHASE_NETWORK, DT_PPP_PHASE_RUNNING,
  };
  const guint8 datagram[] = { 0x45, 0x00, 0x00, 0x14, 0x7e, 0x7d, 0x00, 0x11, 0x13 };
  DtPppStats stats;

  side_init (&a, "10.0.0.1");
  side_init (&b, "10.0.0.2");
  dt_ppp_start (a.ppp);
  dt_ppp_start (b.ppp);
  pump (&a, &b);

  g_assert_cmpint (dt_ppp_get_phase (a.ppp), ==, DT_PPP_PHASE_RUNNING);
  g_assert_cmpint (dt_ppp_get_phase (b.ppp), ==, DT_PPP_PHASE_RUNNING);
  g_assert_cmpmem (a.phases->data, a.phases->len * sizeof (DtPppPhase), want, sizeof want);
  g_assert_cmpstr (dt_ppp_get_local_address (a.ppp), ==, "10.0.0.1");
  g_assert_cmpstr (dt_ppp_get_remote_address (a.ppp), ==, "10.0.0.2");
  g_assert_cmpstr (dt_ppp_get_local_address (b.ppp), ==, "10.0.0.2");
  g_assert_cmpstr (dt_ppp_get_remote_address (b.ppp), ==, "10.0.0.1");
  g_assert_cmphex (dt_ppp_get_local_ipv4 (a.ppp), ==, 0x0a000001);
  /* Neither side serves DNS: each Rejected the other's request for it. */
  g_assert_null (dt_ppp_get_dns1 (a.ppp));
  g_assert_null (dt_ppp_get_auth_protocol (a.ppp));
  g_assert_cmpuint (dt_ppp_get_mru (a.ppp), ==, 1500);
  g_assert_cmpuint (dt_ppp_get_mtu (a.ppp), ==, 1500);

  /* A datagram full of characters that need escaping crosses intact. */
  g_assert_true (dt_ppp_send_ipv4 (a.ppp, datagram, sizeof datagram));
  pump (&a, &b);
  g_assert_cmpuint (b.ipv4_in->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (b.ipv4_in->pdata[0], NULL),
                   g_bytes_get_size (b.ipv4_in->pdata[0]), datagram, sizeof datagram);

  dt_ppp_get_stats (a.ppp, &stats);
  g_assert_cmpuint (stats.frames_out, >=, 5);
  g_assert_cmpuint (stats.frames_in, >=, 4);
  g_assert_cmpuint (stats.bytes_out, >, stats.frames_out * 6);
  g_assert_cmpuint (stats.fcs_errors, ==, 0);

  /* A hangs up: it finishes with 0, B sees the peer terminate (719). */
  dt_ppp_close (a.ppp, "User request");
  pump (&a, &b);
  g_assert_true (a.finished);
  g_assert_cmpuint (a.finished_code, ==, 0);
  g_assert_cmpint (dt_ppp_get_phase (a.ppp), ==, DT_PPP_PHASE_DEAD);
  /* B waits a restart period in Stopping before it finishes (zrc, RFC 1661 §4.4). */
  while (!b.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (b.finished_code, ==, DT_RAS_ERROR_PPP_REMOTE_TERMINATED);
  g_assert_false (dt_ppp_send_ipv4 (a.ppp, datagram, sizeof datagram));

  side_clear (&a);
  side_clear (&b);
}

/* PAP to Connected against a scripted server */

static void
test_pap_to_network (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (PppPeer) peer = NULL;
  g_autoptr (PeerFrame) auth_req = NULL;
  g_autoptr (PeerFrame) ipcp_req = NULL;
  const guint8 lcp_pap[] = { 3, 4, 0xc0, 0x23,  5, 6, 0x11, 0x22, 0x33, 0x44 };
  const guint8 pap_ack[] = { 0 };
  const DtPppPhase want[] = {
    DT_PPP_PHASE_ESTABLISH, DT_PPP_PHASE_AUTHENTICATE, DT_PPP_PHASE_NETWORK,
    DT_PPP_PHASE_RUNNING,
  };
  const guint8 *data;
  gsize len;

  peer = ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  ppp_peer_open_lcp (peer, lcp_pap, sizeof lcp_pap);
  g_assert_cmpstr (peer->authenticating, ==, "PAP");
  g_assert_cmpstr (dt_ppp_get_auth_protocol (peer->ppp), ==, "PAP");

  /* RFC 1334: Authenticate-Request with the peer id and the password. */
  auth_req = ppp_peer_expect (peer, DT_PPP_PROTO_PAP, 1, 1000);
  g_assert_nonnull (auth_req);
  data = peer_frame_data (auth_req, &len);
  g_assert_cmpuint (len, ==, 1 + 5 + 1 + 11);
  g_assert_cmpmem (data + 1, 5, "alice", 5);
  g_assert_cmpmem (data + 7, 11, "s3cr3t-Pa55", 11);
  /* No IPCP before authentication is over. */
  g_assert_null (ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 0));
  ppp_peer_send (peer, DT_PPP_PROTO_PAP, 2, peer_frame_id (auth_req), pap_ack, 1);
  g_assert_cmpuint (peer->auth_results->len, ==, 1);
  g_assert_cmpstr (peer->auth_results->pdata[0], ==, "ok");

  ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_true (peer->network_up);
  g_assert_cmpstr (peer->local, ==, "10.64.0.11");
  g_assert_cmpstr (peer->remote, ==, "10.64.0.1");
  g_assert_cmpstr (peer->dns1, ==, "10.0.0.1");
  g_assert_cmpstr (peer->dns2, ==, "10.0.0.2");
  g_assert_cmpmem (peer->phases->data, peer->phases->len * sizeof (DtPppPhase), want,
                   sizeof want);

  /* The trace reads like pppd's, and the password is never in it. */
  g_assert_true (ppp_peer_trace_contains (peer, "sent [LCP ConfReq id=0x1 <mru 1500> "
                                                "<asyncmap 0x0> <magic 0x"));
  g_assert_true (ppp_peer_trace_contains (peer, "rcvd [LCP ConfReq id=0x40 <auth pap> "
                                                "<magic 0x11223344>]"));
  g_assert_true (ppp_peer_trace_contains (peer, "rcvd [IPCP ConfNak id=0x1 <addr 10.64.0.11> "
                                                "<ms-dns1 10.0.0.1> <ms-dns2 10.0.0.2>]"));
  g_assert_true (ppp_peer_trace_contains (peer, "sent [PAP AuthReq"));
  g_assert_false (ppp_peer_trace_contains (peer, "s3cr3t"));

  dt_ppp_close (peer->ppp, "User request");
  {
    g_autoptr (PeerFrame) term = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);

    g_assert_nonnull (term);
    ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, peer_frame_id (term), NULL, 0);
  }
  g_assert_true (ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, 0);
  g_assert_cmpstr (peer->finished_reason, ==, "User request");
}

/* Authentication policy */

static void
nak_auth_and_expect (PppPeer      *peer,
                     guint8        id,
                     const guint8 *server_auth,
                     gsize         server_len,
                     const guint8 *want_nak,
                     gsize         want_len)
{
  g_autoptr (PeerFrame) reply = NULL;
  const guint8 *data;
  gsize len;

  ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, server_auth, server_len);
  reply = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
  g_assert_nonnull (reply);
  while (reply != NULL && peer_frame_code (reply) == DT_PPP_CONF_REQ)
    {
      peer_frame_free (reply);
      reply = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
    }
  g_assert_nonnull (reply);
  g_assert_cmpuint (peer_frame_code (reply), ==, want_nak ? DT_PPP_CONF_NAK : DT_PPP_CONF_ACK);
  g_assert_cmpuint (peer_frame_id (reply), ==, id);
  data = peer_frame_data (reply, &len);
  if (want_nak != NULL)
    g_assert_cmpmem (data, len, want_nak, want_len);
}

static void
test_auth_policy_naks_best_allowed (void)
{
  const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 md5[] = { 3, 5, 0xc2, 0x23, 5 };
  const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };
  const guint8 mschapv1[] = { 3, 5, 0xc2, 0x23, 0x80 };

  /* Everything allowed, but encryption required: PAP is refused, MS-CHAPv2 proposed. */
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (PppPeer) peer = NULL;

    c.require_encryption = TRUE;
    peer = ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
    nak_auth_and_expect (peer, 2, mschapv2, sizeof mschapv2, NULL, 0);
    dt_ppp_close (peer->ppp, NULL);
  }
  /* CHAP-MD5 and PAP allowed: MS-CHAP (v1) is refused for CHAP-MD5, then PAP. */
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (PppPeer) peer = NULL;

    c.auth_methods = DT_AUTH_CHAP | DT_AUTH_PAP;
    peer = ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    nak_auth_and_expect (peer, 1, mschapv1, sizeof mschapv1, md5, sizeof md5);
    nak_auth_and_expect (peer, 2, mschapv2, sizeof mschapv2, pap, sizeof pap);
    nak_auth_and_expect (peer, 3, pap, sizeof pap, NULL, 0);
    dt_ppp_close (peer->ppp, NULL);
  }
}

static void
test_auth_refused_ends_with_720 (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (PppPeer) peer = NULL;
  g_autoptr (PeerFrame) rej = NULL;
  g_autoptr (PeerFrame) term = NULL;
  const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };
  const guint8 *data;
  gsize len;

  /* Only MS-CHAPv2 allowed; the server insists on PAP. */
  c.auth_methods = DT_AUTH_MSCHAPV2;
  peer = ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
  ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 2, pap, sizeof pap);
  rej = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ, 100);
  g_assert_nonnull (rej);
  data = peer_frame_data (rej, &len);
  g_assert_cmpmem (data, len, pap, sizeof pap);
  term = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);
  g_assert_nonnull (term);
  ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, peer_frame_id (term), NULL, 0);

  g_assert_true (ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_nonnull (strstr (peer->finished_reason, "requires PAP"));
}

static void
test_server_drops_auth_then_hangs_up (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (PppPeer) peer = NULL;
  const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };
  g_autoptr (PeerFrame) ack = NULL;

  /* pppd's way: it takes our Nak as "cannot", asks for no authentication, opens LCP and
   * then terminates because we would not authenticate.  The user must read why. */
  c.auth_methods = DT_AUTH_MSCHAPV2;
  c.restart_ms = 50;
  peer = ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  {
    g_autoptr (PeerFrame) req = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
    const guint8 *data;
    gsize len;

    data = peer_frame_data (req, &len);
    ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, peer_frame_id (req), data, len);
  }
  nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
  ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 2, isp_lcp, sizeof isp_lcp);
  ack = ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 100);
  g_assert_nonnull (ack);
  ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 3,
                 (const guint8 *) "peer refused to authenticate", 28);
  g_assert_true (ppp_peer_wait_finished (peer, 5000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_nonnull (strstr (peer->finished_reason, "requires PAP"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/session/back-to-back", test_back_to_back);
  g_test_add_func ("/ppp/session/pap-to-network", test_pap_to_network);
  g_test_add_func ("/ppp/session/auth-policy-naks-best", test_auth_policy_naks_best_allowed);
  g_test_add_func ("/ppp/session/auth-refused", test_auth_refused_ends_with_720);
  g_test_add_func ("/ppp/session/auth-dropped-then-hangup", test_server_drops_auth_then_hangs_up);

  return g_test_run ();
}
