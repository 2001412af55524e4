/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LCP through a DtPpp session and a scripted peer: how the session takes Naks and Rejects of
 * its options and applies the peer's, Protocol-Reject for protocols it does not speak, the
 * keepalive, loopback, and every way a broken or hostile peer could make it hang, loop or
 * crash: silence, endless Naks, Configure-Request floods, lengths that lie, oversize frames.
 * Each ends with the RAS code a user would read. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-ppp-peer.h"
#include "dt-ppp-private.h"

static const guint8 isp_lcp[] = {
  2, 6, 0, 0, 0, 0,  5, 6, 0x5e, 0xa1, 0x3b, 0x07,  7, 2,  8, 2,
};

static DtPppConfig
quiet_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "alice";
  c.password = "s3cr3t";
  c.echo_interval_ms = 0;
  /* A server without VJ or CCP: compression has its own tests (test-ppp-ccp). */
  c.compression = 0;
  return c;
}

/* The option of @type in @opts, or NULL. */
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

static guint
count_frames (DtPppPeer *peer,
              guint16    protocol,
              guint8     code)
{
  guint n = 0;

  for (GList *l = peer->frames.head; l != NULL; l = l->next)
    {
      DtPppPeerFrame *f = l->data;

      if (f->protocol == protocol && dt_ppp_peer_frame_code (f) == code)
        n++;
    }
  return n;
}

static void
test_naks_and_rejects_of_our_options (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  const guint8 rej[] = { 2, 6, 0, 0, 0, 0,  7, 2 };
  const guint8 nak_mru[] = { 1, 4, 0x05, 0x78 };
  const guint8 nak_magic[] = { 5, 6, 0xde, 0xad, 0xbe, 0xef };
  const guint8 *d, *magic3, *magic4;
  gsize len, len3;

  dt_ppp_start (peer->ppp);
  r1 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  d = dt_ppp_peer_frame_data (r1, &len);
  g_assert_nonnull (find_option (d, len, 2));
  g_assert_nonnull (find_option (d, len, 7));

  /* Rejected options are not asked for again. */
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ, dt_ppp_peer_frame_id (r1), rej,
                    sizeof rej);
  r2 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  g_assert_nonnull (r2);
  g_assert_cmpuint (dt_ppp_peer_frame_id (r2), !=, dt_ppp_peer_frame_id (r1));
  d = dt_ppp_peer_frame_data (r2, &len);
  g_assert_null (find_option (d, len, 2));
  g_assert_null (find_option (d, len, 7));
  g_assert_nonnull (find_option (d, len, 8));

  /* A Nak'd MRU is taken when we can receive it. */
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (r2), nak_mru,
                    sizeof nak_mru);
  r3 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  d = dt_ppp_peer_frame_data (r3, &len3);
  g_assert_cmpmem (find_option (d, len3, 1), 4, nak_mru, 4);
  magic3 = find_option (d, len3, 5);
  g_assert_nonnull (magic3);

  /* A Nak'd magic number means choosing a new one (RFC 1661 §6.4). */
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (r3), nak_magic,
                    sizeof nak_magic);
  r4 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  d = dt_ppp_peer_frame_data (r4, &len);
  magic4 = find_option (d, len, 5);
  g_assert_nonnull (magic4);
  g_assert_cmpuint (dt_ppp_get32 (magic4 + 2), !=, dt_ppp_get32 (magic3 + 2));

  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (r4), d, len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 7, isp_lcp, sizeof isp_lcp);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  g_assert_cmpuint (dt_ppp_get_mru (peer->ppp), ==, 1400);
}

static gboolean
wire_contains (GByteArray   *wire,
               gsize         from,
               const guint8 *needle,
               gsize         len)
{
  for (gsize i = from; i + len <= wire->len; i++)
    if (memcmp (wire->data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static void
test_peer_options_change_the_wire (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  const guint8 opts[] = { 1, 4, 0x03, 0xe8,  2, 6, 0x00, 0x0a, 0x00, 0x00,
                          5, 6, 1, 2, 3, 4,  7, 2,  8, 2 };
  /* IPCP ConfReq, id 1: no address/control (ACFC), raw 0x00 and 0x03 (map 0x000a0000). */
  const guint8 ipcp_on_wire[] = { 0x7e, 0x80, 0x21, 0x01, 0x01, 0x00, 0x16, 0x03, 0x06,
                                  0x00, 0x00, 0x00, 0x00 };
  const guint8 ip_on_wire[] = { 0x7e, 0x21, 0x45, 0x7d, 0x31, 0x7d, 0x33, 0x12 };
  const guint8 ip[] = { 0x45, 0x11, 0x13, 0x12 };
  gsize mark;

  dt_ppp_start (peer->ppp);
  mark = peer->wire->len;
  dt_ppp_peer_open_lcp (peer, opts, sizeof opts);
  g_assert_true (wire_contains (peer->wire, mark, ipcp_on_wire, sizeof ipcp_on_wire));
  g_assert_cmpuint (dt_ppp_get_mtu (peer->ppp), ==, 1000);

  /* Once IPCP is up, IP goes with a one-byte protocol (PFC), XON/XOFF escaped. */
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  mark = peer->wire->len;
  g_assert_true (dt_ppp_send_ipv4 (peer->ppp, ip, sizeof ip));
  g_assert_true (wire_contains (peer->wire, mark, ip_on_wire, sizeof ip_on_wire));
}

static void
test_protocol_reject (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  const guint8 ipv6cp[] = { 1, 1, 0, 14, 1, 10, 0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55 };
  const guint8 ccp[] = { 1, 1, 0, 8, 0x1a, 4, 0x78, 0x00 };
  const guint8 ipx[] = { 0xff, 0xff, 0x00, 0x1e };
  const struct {
    guint16 protocol;
    const guint8 *info;
    gsize len;
  } unknown[] = {
    { 0x8057, ipv6cp, sizeof ipv6cp },
    { 0x80fd, ccp, sizeof ccp },
    { 0x002b, ipx, sizeof ipx },
  };
  guint8 prev_id = 0;

  dt_ppp_start (peer->ppp);

  /* Before LCP is open, anything else is discarded in silence (RFC 1661 §3.4). */
  dt_ppp_peer_send_frame (peer, 0x80fd, ccp, sizeof ccp);
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ), ==, 0);

  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr (DtPppPeerFrame) rej = NULL;
      const guint8 *d;
      gsize len;

      dt_ppp_peer_send_frame (peer, unknown[i].protocol, unknown[i].info, unknown[i].len);
      rej = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ, 100);
      g_assert_nonnull (rej);
      g_assert_cmpuint (dt_ppp_peer_frame_id (rej), !=, prev_id);
      prev_id = dt_ppp_peer_frame_id (rej);
      /* The rejected protocol, then its information field as received (§5.7). */
      d = dt_ppp_peer_frame_data (rej, &len);
      g_assert_cmpuint (len, ==, 2 + unknown[i].len);
      g_assert_cmphex (dt_ppp_get16 (d), ==, unknown[i].protocol);
      g_assert_cmpmem (d + 2, len - 2, unknown[i].info, unknown[i].len);
    }
  g_assert_true (dt_ppp_peer_trace_contains (peer, "sent [LCP ProtRej id="));
  g_assert_true (dt_ppp_peer_trace_contains (peer, "proto=0x8057]"));
  g_assert_true (dt_ppp_peer_trace_contains (peer, "proto=0x80fd]"));
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
}

/* A server that starts PPP only after CONNECT never saw the request sent at CONNECT.  Its
 * own first Configure-Request makes the session send that request again at once, with a new
 * identifier and ahead of the Configure-Ack (so that the server cannot be Opened when it
 * arrives); the server's answer to the first one, if it did get it, is then discarded. */
static void
test_first_request_from_peer_resends_ours (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) lost = NULL, again = NULL, ack = NULL;
  const guint8 *opts;
  gsize len;

  dt_ppp_start (peer->ppp);
  lost = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 1, isp_lcp, sizeof isp_lcp);
  /* The next two LCP frames, in the order they went out: our request again, then the Ack. */
  again = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
  g_assert_cmpuint (dt_ppp_peer_frame_code (again), ==, DT_PPP_CONF_REQ);
  g_assert_cmpuint (dt_ppp_peer_frame_id (again), !=, dt_ppp_peer_frame_id (lost));
  g_assert_cmpuint (dt_ppp_peer_frame_code (ack), ==, DT_PPP_CONF_ACK);
  g_assert_cmpuint (dt_ppp_peer_frame_id (ack), ==, 1);

  /* A server that did receive the first request Acks both: the stale Ack changes nothing,
   * the one for the latest request opens LCP. */
  opts = dt_ppp_peer_frame_data (lost, &len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (lost), opts, len);
  g_assert_cmpint (peer->ppp->lcp.fsm.state, ==, DT_PPP_FSM_ACK_SENT);
  g_assert_cmpuint (peer->ppp->lcp.fsm.stats.bad_id, ==, 1);
  opts = dt_ppp_peer_frame_data (again, &len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (again), opts, len);
  g_assert_cmpint (peer->ppp->lcp.fsm.state, ==, DT_PPP_FSM_OPENED);

  /* Only the first request of a negotiation does this: none of it again. */
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ), ==, 0);
}

/* A server that answered our request before sending its own heard us: no second request,
 * whatever comes next. */
static void
test_heard_peer_gets_no_resend (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) req = NULL, ack = NULL;
  const guint8 *opts;
  gsize len;

  dt_ppp_start (peer->ppp);
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  opts = dt_ppp_peer_frame_data (req, &len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), opts, len);
  g_assert_cmpint (peer->ppp->lcp.fsm.state, ==, DT_PPP_FSM_ACK_RCVD);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 1, isp_lcp, sizeof isp_lcp);
  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);
  g_assert_cmpuint (dt_ppp_peer_frame_code (ack), ==, DT_PPP_CONF_ACK);
  g_assert_cmpint (peer->ppp->lcp.fsm.state, ==, DT_PPP_FSM_OPENED);
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ), ==, 0);
}

static void
test_silent_peer_times_out (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;

  c.restart_ms = 20;
  c.max_configure = 3;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 5000));
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ), ==, 3);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_DEAD);
}

static void
test_close_waits_for_ack_bounded (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  gint64 start;

  c.restart_ms = 30;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  g_queue_clear_full (&peer->frames, (GDestroyNotify) dt_ppp_peer_frame_free);

  /* The peer never acknowledges: Max-Terminate requests, then finished. */
  start = g_get_monotonic_time ();
  dt_ppp_close (peer->ppp, "User request");
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_TERMINATE);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 5000));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * 30 * 1000);
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ), ==, 2);
  g_assert_cmpuint (peer->finished_code, ==, 0);
}

static void
test_endless_naks (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  const guint8 nak[] = { 1, 4, 0x05, 0x78 };
  g_autoptr (DtPppPeerFrame) term = NULL;
  guint n_req = 0;

  dt_ppp_start (peer->ppp);
  for (;;)
    {
      g_autoptr (DtPppPeerFrame) f = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 100);

      g_assert_nonnull (f);
      if (dt_ppp_peer_frame_code (f) == DT_PPP_TERM_REQ)
        {
          term = g_steal_pointer (&f);
          break;
        }
      g_assert_cmpuint (dt_ppp_peer_frame_code (f), ==, DT_PPP_CONF_REQ);
      g_assert_cmpuint (++n_req, <=, 20);
      dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (f), nak,
                        sizeof nak);
    }
  /* Max-Configure Naks answered, then the session gives up. */
  g_assert_cmpuint (n_req, ==, 11);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_LCP_TERMINATED);
}

static void
test_request_flood (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  const guint8 tiny_mru[] = { 1, 4, 0x00, 0x10 };
  guint naks = 0, rejs = 0;
  g_autoptr (DtPppPeerFrame) term = NULL;

  dt_ppp_start (peer->ppp);
  /* An MRU of 16 is always Nak'd; the peer never listens. */
  for (int i = 0; i < 5000; i++)
    dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, i & 0xff, tiny_mru,
                      sizeof tiny_mru);
  naks = count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_NAK);
  rejs = count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ);
  /* Max-Failure Naks, then Rejects, then nothing but the end. */
  g_assert_cmpuint (naks, ==, 5);
  g_assert_cmpuint (naks + rejs, ==, 25);
  term = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 100);
  g_assert_nonnull (term);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_LCP_TERMINATED);
}

static void
test_lying_lengths_and_truncated_frames (void)
{
  static const struct {
    const char *what;
    guint8 bytes[10];
    gsize len;
  } bad[] = {
    { "option length 0", { 1, 7, 0, 8, 1, 0, 5, 0xdc }, 8 },
    { "option overruns packet", { 1, 8, 0, 8, 1, 6, 5, 0xdc }, 8 },
    { "length beyond frame", { 9, 9, 0, 64, 0, 0, 0, 0 }, 8 },
    { "length below header", { 9, 10, 0, 2, 0, 0, 0, 0 }, 8 },
    { "truncated header", { 9 }, 1 },
    { "echo without magic", { 9, 11, 0, 6, 1, 2 }, 6 },
    { "protocol-reject without protocol", { 8, 12, 0, 5, 0x80 }, 5 },
    { "code-reject without code", { 7, 13, 0, 4 }, 4 },
    { "empty", { 0 }, 0 },
  };
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) reply = NULL;
  const guint8 echo[] = { 0x5e, 0xa1, 0x3b, 0x07, 'p', 'i', 'n', 'g' };
  const guint8 *d;
  gsize len;
  DtPppStats before, after;

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  g_queue_clear_full (&peer->frames, (GDestroyNotify) dt_ppp_peer_frame_free);
  dt_ppp_get_stats (peer->ppp, &before);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i].what);
      dt_ppp_peer_send_frame (peer, DT_PPP_PROTO_LCP, bad[i].bytes, bad[i].len);
    }
  /* Damaged frames: a cut-off one, a bad FCS, a lone protocol byte. */
  dt_ppp_input (peer->ppp, (const guint8 *) "\x7e\xff\x7d\x23\xc0\x21\x7d\x21", 8);
  dt_ppp_input (peer->ppp, (const guint8 *) "\x7e\xff\x7d\x23\xc0\x21\x01\x02\x7e", 9);
  dt_ppp_input (peer->ppp, (const guint8 *) "\x21\x7e", 2);

  /* Nothing was answered, nothing changed. */
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 0));
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  dt_ppp_get_stats (peer->ppp, &after);
  g_assert_cmpuint (after.dropped - before.dropped, >=, G_N_ELEMENTS (bad) + 1);
  g_assert_cmpuint (after.fcs_errors - before.fcs_errors, >=, 1);

  /* The link still works: an Echo-Request gets its Reply, with the session's magic. */
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ, 0x77, echo, sizeof echo);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REP, 100);
  g_assert_nonnull (reply);
  g_assert_cmpuint (dt_ppp_peer_frame_id (reply), ==, 0x77);
  d = dt_ppp_peer_frame_data (reply, &len);
  g_assert_cmpuint (len, ==, sizeof echo);
  g_assert_cmpuint (dt_ppp_get32 (d), !=, 0x5ea13b07);
  g_assert_cmpmem (d + 4, 4, "ping", 4);

  /* An unknown code gets a Code-Reject quoting it. */
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, 0x42, 0x78, (const guint8 *) "xyz", 3);
  dt_ppp_peer_frame_free (reply);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CODE_REJ, 100);
  g_assert_nonnull (reply);
  d = dt_ppp_peer_frame_data (reply, &len);
  g_assert_cmpmem (d, len, ((const guint8[]) { 0x42, 0x78, 0, 7, 'x', 'y', 'z' }), 7);
}

static void
test_oversize_frame_dropped (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autofree guint8 *big = g_malloc0 (4000);
  g_autoptr (DtPppPeerFrame) reply = NULL;
  const guint8 echo[] = { 0x5e, 0xa1, 0x3b, 0x07 };
  DtPppStats stats;

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  dt_ppp_peer_send_frame (peer, 0x8057, big, 4000);
  dt_ppp_get_stats (peer->ppp, &stats);
  g_assert_cmpuint (stats.dropped, >=, 1);
  /* Not Protocol-Rejected: it never became a frame. */
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ, 0));
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ, 1, echo, sizeof echo);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REP, 100);
  g_assert_nonnull (reply);
}

/* While the peer's frames keep coming it is alive: no Echo-Request goes out, and the timer
 * that would send one does not fire; silence brings one after an interval. */
static void
test_echo_sleeps_while_heard (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) req = NULL;
  const guint8 datagram[20] = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 64, 0, 1,
                                10, 64, 0, 11 };
  gint64 end, quiet;

  c.echo_interval_ms = 1000;
  c.echo_failures = 3;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      dt_ppp_peer_send_frame (peer, DT_PPP_PROTO_IP, datagram, sizeof datagram);
      dt_ppp_peer_idle (peer, 50);
    }
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ), ==, 0);
  g_assert_cmpuint (peer->ppp->lcp.echoes_sent, ==, 0);

  quiet = g_get_monotonic_time ();
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ, 3000);
  g_assert_nonnull (req);
  g_assert_cmpint (g_get_monotonic_time () - quiet, >=, 900 * 1000);
}

static void
test_echo_keepalive (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) our_req = NULL;
  guint32 magic;
  const guint8 *d;
  gsize len;
  guint n_echo;

  c.echo_interval_ms = 30;
  c.echo_failures = 3;
  /* Longer than the wait below: the end must not wait for a Terminate-Ack. */
  c.restart_ms = 10000;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  our_req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 100);
  d = dt_ppp_peer_frame_data (our_req, &len);
  magic = dt_ppp_get32 (find_option (d, len, 5) + 2);
  g_queue_push_head (&peer->frames, g_steal_pointer (&our_req));
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);

  /* An answered keepalive keeps the link up. */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ,
                                                           1000);
      const guint8 reply[] = { 0x5e, 0xa1, 0x3b, 0x07 };

      g_assert_nonnull (req);
      d = dt_ppp_peer_frame_data (req, &len);
      g_assert_cmpuint (len, ==, 4);
      g_assert_cmphex (dt_ppp_get32 (d), ==, magic);
      dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REP, dt_ppp_peer_frame_id (req), reply,
                        sizeof reply);
    }
  g_assert_false (peer->finished);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_RUNNING);

  /* Then the peer goes silent: Echo-Failures requests, one Terminate-Request, and 619 at
   * once, without waiting a restart period for an Ack that a dead peer will not send. */
  g_queue_clear_full (&peer->frames, (GDestroyNotify) dt_ppp_peer_frame_free);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 5000));
  n_echo = count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_ECHO_REQ);
  g_assert_cmpuint (n_echo, ==, 3);
  g_assert_cmpuint (count_frames (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ), ==, 1);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PORT_DISCONNECTED);
  g_assert_nonnull (strstr (peer->finished_reason, "not responding"));
}

/* The session's output comes straight back to it, as on a looped-back line or a modem that
 * echoes: it must notice its own magic number and give up. */
static void
loop_output (const guint8 *bytes,
             gsize         len,
             gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

static void
on_loop_finished (DtPpp      *ppp,
                  guint       code,
                  const char *reason,
                  gpointer    user_data)
{
  *(guint *) user_data = code;
}

static void
test_looped_back_line (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (GByteArray) line = g_byte_array_new ();
  DtPpp *ppp;
  guint code = G_MAXUINT;

  c.restart_ms = 20;
  ppp = dt_ppp_new (&c);
  dt_ppp_set_output_func (ppp, loop_output, line, NULL);
  g_signal_connect (ppp, "finished", G_CALLBACK (on_loop_finished), &code);
  dt_ppp_start (ppp);
  for (int i = 0; i < 100000 && code == G_MAXUINT; i++)
    {
      g_autoptr (GByteArray) chunk = g_byte_array_new ();

      g_byte_array_append (chunk, line->data, line->len);
      g_byte_array_set_size (line, 0);
      dt_ppp_input (ppp, chunk->data, chunk->len);
      g_main_context_iteration (NULL, chunk->len == 0);
    }
  g_assert_cmpuint (code, ==, DT_RAS_ERROR_PPP_LCP_TERMINATED);
  g_assert_cmpstr (dt_ppp_get_error_message (ppp), ==, "The line appears to be looped back");
  g_assert_finalize_object (ppp);
}

static void
test_lower_down (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  g_queue_clear_full (&peer->frames, (GDestroyNotify) dt_ppp_peer_frame_free);
  dt_ppp_lower_down (peer->ppp);
  /* Nothing more goes out on a line that is gone, and "finished" comes from an idle. */
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 0));
  g_assert_false (peer->finished);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PORT_DISCONNECTED);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_DEAD);
}

static void
test_peer_terminates_then_hangs_up (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) ack = NULL;

  /* pppd's way of ending a call: Terminate-Request, our Ack, and the carrier drops while
   * we still wait out the restart period.  The user reads 719, not a line failure. */
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 0x21,
                    (const guint8 *) "User request", 12);
  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, 100);
  g_assert_nonnull (ack);
  g_assert_cmpuint (dt_ppp_peer_frame_id (ack), ==, 0x21);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_TERMINATE);
  dt_ppp_lower_down (peer->ppp);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 1000));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_REMOTE_TERMINATED);
  g_assert_cmpstr (peer->finished_reason, ==,
                   "The peer terminated the link (\"User request\")");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/lcp/naks-and-rejects", test_naks_and_rejects_of_our_options);
  g_test_add_func ("/ppp/lcp/peer-options-on-wire", test_peer_options_change_the_wire);
  g_test_add_func ("/ppp/lcp/protocol-reject", test_protocol_reject);
  g_test_add_func ("/ppp/lcp/first-request-resends-ours",
                   test_first_request_from_peer_resends_ours);
  g_test_add_func ("/ppp/lcp/heard-peer-gets-no-resend", test_heard_peer_gets_no_resend);
  g_test_add_func ("/ppp/lcp/silent-peer", test_silent_peer_times_out);
  g_test_add_func ("/ppp/lcp/close-bounded", test_close_waits_for_ack_bounded);
  g_test_add_func ("/ppp/lcp/endless-naks", test_endless_naks);
  g_test_add_func ("/ppp/lcp/request-flood", test_request_flood);
  g_test_add_func ("/ppp/lcp/lying-lengths", test_lying_lengths_and_truncated_frames);
  g_test_add_func ("/ppp/lcp/oversize-frame", test_oversize_frame_dropped);
  g_test_add_func ("/ppp/lcp/echo-keepalive", test_echo_keepalive);
  g_test_add_func ("/ppp/lcp/echo-sleeps-while-heard", test_echo_sleeps_while_heard);
  g_test_add_func ("/ppp/lcp/looped-back", test_looped_back_line);
  g_test_add_func ("/ppp/lcp/lower-down", test_lower_down);
  g_test_add_func ("/ppp/lcp/peer-terminates-then-hangs-up", test_peer_terminates_then_hangs_up);

  return g_test_run ();
}
