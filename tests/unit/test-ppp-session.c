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
  /* A server without VJ or CCP: compression has its own tests (test-ppp-ccp). */
  c.compression = 0;
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
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) auth_req = NULL;
  g_autoptr (DtPppPeerFrame) ipcp_req = NULL;
  const guint8 lcp_pap[] = { 3, 4, 0xc0, 0x23,  5, 6, 0x11, 0x22, 0x33, 0x44 };
  const guint8 pap_ack[] = { 0 };
  const DtPppPhase want[] = {
    DT_PPP_PHASE_ESTABLISH, DT_PPP_PHASE_AUTHENTICATE, DT_PPP_PHASE_NETWORK,
    DT_PPP_PHASE_RUNNING,
  };
  const guint8 *data;
  gsize len;

  /* PAP the only method allowed: taken at once (see test-ppp-hostile for the others). */
  c.auth_methods = DT_PPP_AUTH_METHOD_PAP;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_pap, sizeof lcp_pap);
  g_assert_cmpstr (peer->authenticating, ==, "PAP");
  g_assert_cmpstr (dt_ppp_get_auth_protocol (peer->ppp), ==, "PAP");

  /* RFC 1334: Authenticate-Request with the peer id and the password. */
  auth_req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_PAP, 1, 1000);
  g_assert_nonnull (auth_req);
  data = dt_ppp_peer_frame_data (auth_req, &len);
  g_assert_cmpuint (len, ==, 1 + 5 + 1 + 11);
  g_assert_cmpmem (data + 1, 5, "alice", 5);
  g_assert_cmpmem (data + 7, 11, "s3cr3t-Pa55", 11);
  /* No IPCP before authentication is over. */
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 0));
  dt_ppp_peer_send (peer, DT_PPP_PROTO_PAP, 2, dt_ppp_peer_frame_id (auth_req), pap_ack, 1);
  g_assert_cmpuint (peer->auth_results->len, ==, 1);
  g_assert_cmpstr (peer->auth_results->pdata[0], ==, "ok");

  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_true (peer->network_up);
  g_assert_cmpstr (peer->local, ==, "10.64.0.11");
  g_assert_cmpstr (peer->remote, ==, "10.64.0.1");
  g_assert_cmpstr (peer->dns1, ==, "10.0.0.1");
  g_assert_cmpstr (peer->dns2, ==, "10.0.0.2");
  g_assert_cmpmem (peer->phases->data, peer->phases->len * sizeof (DtPppPhase), want,
                   sizeof want);

  /* The trace reads like pppd's, and the password is never in it. */
  g_assert_true (dt_ppp_peer_trace_contains (peer, "sent [LCP ConfReq id=0x1 <mru 1500> "
                                                   "<asyncmap 0x0> <magic 0x"));
  g_assert_true (dt_ppp_peer_trace_contains (peer, "rcvd [LCP ConfReq id=0x40 <auth pap> "
                                                   "<magic 0x11223344>]"));
  g_assert_true (dt_ppp_peer_trace_contains (peer, "rcvd [IPCP ConfNak id=0x1 <addr 10.64.0.11> "
                                                   "<ms-dns1 10.0.0.1> <ms-dns2 10.0.0.2>]"));
  g_assert_true (dt_ppp_peer_trace_contains (peer, "sent [PAP AuthReq"));
  g_assert_false (dt_ppp_peer_trace_contains (peer, "s3cr3t"));

  dt_ppp_close (peer->ppp, "User request");
  {
    g_autoptr (DtPppPeerFrame) term = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ,
                                                          100);

    g_assert_nonnull (term);
    dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL,
                      0);
  }
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, 0);
  g_assert_cmpstr (peer->finished_reason, ==, "User request");
}

/* Authentication policy */

static void
nak_auth_and_expect (DtPppPeer    *peer,
                     guint8        id,
                     const guint8 *server_auth,
                     gsize         server_len,
                     const guint8 *want_nak,
                     gsize         want_len)
{
  g_autoptr (DtPppPeerFrame) reply = NULL;
  const guint8 *data;
  gsize len;

  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, server_auth, server_len);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
  g_assert_nonnull (reply);
  while (reply != NULL && dt_ppp_peer_frame_code (reply) == DT_PPP_CONF_REQ)
    {
      dt_ppp_peer_frame_free (reply);
      reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
    }
  g_assert_nonnull (reply);
  g_assert_cmpuint (dt_ppp_peer_frame_code (reply), ==,
                    want_nak ? DT_PPP_CONF_NAK : DT_PPP_CONF_ACK);
  g_assert_cmpuint (dt_ppp_peer_frame_id (reply), ==, id);
  data = dt_ppp_peer_frame_data (reply, &len);
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
    g_autoptr (DtPppPeer) peer = NULL;

    c.require_encryption = TRUE;
    peer = dt_ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
    nak_auth_and_expect (peer, 2, mschapv2, sizeof mschapv2, NULL, 0);
    dt_ppp_close (peer->ppp, NULL);
  }
  /* CHAP-MD5 and PAP allowed: MS-CHAP (v1) is refused for CHAP-MD5, then PAP. */
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (DtPppPeer) peer = NULL;

    c.auth_methods = DT_PPP_AUTH_METHOD_CHAP_MD5 | DT_PPP_AUTH_METHOD_PAP;
    peer = dt_ppp_peer_new (&c);
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
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) rej = NULL;
  g_autoptr (DtPppPeerFrame) term = NULL;
  const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };
  const guint8 *data;
  gsize len;

  /* Only MS-CHAPv2 allowed; the server insists on PAP. */
  c.auth_methods = DT_PPP_AUTH_METHOD_MSCHAPV2;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 2, pap, sizeof pap);
  rej = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ, 100);
  g_assert_nonnull (rej);
  data = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpmem (data, len, pap, sizeof pap);
  term = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);
  g_assert_nonnull (term);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);

  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_nonnull (strstr (peer->finished_reason, "requires PAP"));
}

static void
test_server_drops_auth_then_hangs_up (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };
  g_autoptr (DtPppPeerFrame) ack = NULL;

  /* pppd's way: it takes our Nak as "cannot", asks for no authentication, opens LCP and
   * then terminates because we would not authenticate.  The user must read why. */
  c.auth_methods = DT_PPP_AUTH_METHOD_MSCHAPV2;
  c.restart_ms = 50;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  {
    g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ,
                                                         100);
    const guint8 *data;
    gsize len;

    data = dt_ppp_peer_frame_data (req, &len);
    dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data,
                      len);
  }
  nak_auth_and_expect (peer, 1, pap, sizeof pap, mschapv2, sizeof mschapv2);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 2, isp_lcp, sizeof isp_lcp);
  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 100);
  g_assert_nonnull (ack);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 3,
                    (const guint8 *) "peer refused to authenticate", 28);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 5000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_nonnull (strstr (peer->finished_reason, "requires PAP"));
}


/* IPCP and authentication failures */

static DtPppPeer *
peer_in_network_phase (DtPppConfig *c)
{
  DtPppPeer *peer = dt_ppp_peer_new (c);

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  return peer;
}

static void
finish_terminate (DtPppPeer *peer)
{
  g_autoptr (DtPppPeerFrame) term = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ,
                                                        2000);

  g_assert_nonnull (term);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
}

static void
test_ipcp_protocol_rejected (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ,
                                                       100);
  g_autoptr (GByteArray) rej = g_byte_array_new ();
  const guint8 *d;
  gsize len;

  /* A server with no IP (pppd with noip): LCP Protocol-Reject of IPCP. */
  d = dt_ppp_peer_frame_data (req, &len);
  dt_ppp_append16 (rej, DT_PPP_PROTO_IPCP);
  g_byte_array_append (rej, g_bytes_get_data (req->info, NULL), g_bytes_get_size (req->info));
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ, 9, rej->data, rej->len);
  (void) d;
  finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_cmpstr (peer->finished_reason, ==, "The server does not speak IPCP");
}

static void
test_ipcp_silent_is_718 (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;

  c.restart_ms = 20;
  c.max_configure = 3;
  peer = peer_in_network_phase (&c);
  finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_nonnull (strstr (peer->finished_reason, "IPCP"));
}

static void
test_ipcp_endless_nak_is_720 (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  const guint8 nak[] = { 3, 6, 0, 0, 0, 0 };   /* "use 0.0.0.0", forever */
  g_autoptr (DtPppPeerFrame) term = NULL;
  guint n = 0;

  for (;;)
    {
      g_autoptr (DtPppPeerFrame) f = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 100);

      g_assert_nonnull (f);
      if (dt_ppp_peer_frame_code (f) == DT_PPP_TERM_REQ)
        {
          term = g_steal_pointer (&f);
          break;
        }
      g_assert_cmpuint (dt_ppp_peer_frame_code (f), ==, DT_PPP_CONF_REQ);
      g_assert_cmpuint (++n, <=, 20);
      dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (f), nak,
                        sizeof nak);
    }
  /* Max-Configure Naks answered; the next one ends IPCP, and with it the link. */
  g_assert_cmpuint (n, ==, 11);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
}

static void
test_ipcp_rejects_vj_and_dns_requests (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  g_autoptr (DtPppPeerFrame) rej = NULL;
  const guint8 req[] = { 2, 6, 0x00, 0x2d, 0x0f, 0x01,  3, 6, 10, 64, 0, 1,
                         129, 6, 0, 0, 0, 0 };
  const guint8 want[] = { 2, 6, 0x00, 0x2d, 0x0f, 0x01,  129, 6, 0, 0, 0, 0 };
  const guint8 *d;
  gsize len;

  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 5, req, sizeof req);
  rej = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REJ, 100);
  g_assert_nonnull (rej);
  d = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpmem (d, len, want, sizeof want);
  g_assert_true (dt_ppp_peer_trace_contains (peer, "sent [IPCP ConfRej id=0x5 <compress VJ 0f 01> "
                                                   "<ms-dns1 0.0.0.0>]"));
}

static void
test_static_address (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) req = NULL;
  const guint8 *d;
  gsize len;

  c.static_address = "192.168.7.9";
  c.want_dns = FALSE;
  peer = peer_in_network_phase (&c);
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 100);
  d = dt_ppp_peer_frame_data (req, &len);
  g_assert_cmpmem (d, len, ((const guint8[]) { 3, 6, 192, 168, 7, 9 }), 6);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), d, len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 3,
                    (const guint8[]) { 3, 6, 192, 168, 7, 1 }, 6);
  g_assert_true (peer->network_up);
  g_assert_cmpstr (peer->local, ==, "192.168.7.9");
  g_assert_cmpstr (peer->remote, ==, "192.168.7.1");
  g_assert_null (peer->dns1);
}

static void
test_pap_refused_is_691 (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) auth_req = NULL;
  const guint8 lcp_pap[] = { 3, 4, 0xc0, 0x23 };
  const guint8 nak[] = { 14, 'B', 'a', 'd', ' ', 'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '.', '.' };

  c.accept_pap_at_once = TRUE;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_pap, sizeof lcp_pap);
  auth_req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_PAP, 1, 100);
  g_assert_nonnull (auth_req);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_PAP, 3, dt_ppp_peer_frame_id (auth_req), nak, sizeof nak);
  g_assert_cmpuint (peer->auth_results->len, ==, 1);
  g_assert_cmpstr (peer->auth_results->pdata[0], ==, "fail 691 0");
  /* PAP has no retry in the session: the client ends the link itself. */
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_TERMINATE);
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 0));
  finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
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
  g_test_add_func ("/ppp/session/ipcp-protocol-rejected", test_ipcp_protocol_rejected);
  g_test_add_func ("/ppp/session/ipcp-silent", test_ipcp_silent_is_718);
  g_test_add_func ("/ppp/session/ipcp-endless-nak", test_ipcp_endless_nak_is_720);
  g_test_add_func ("/ppp/session/ipcp-rejects-vj", test_ipcp_rejects_vj_and_dns_requests);
  g_test_add_func ("/ppp/session/static-address", test_static_address);
  g_test_add_func ("/ppp/session/pap-refused", test_pap_refused_is_691);

  return g_test_run ();
}
