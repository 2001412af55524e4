/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPv6CP (RFC 5072) in a DtPpp session against the scripted peer, byte for byte: the
 * Interface-Identifier both ways (a zero one, or one equal to ours, gets a Nak with another;
 * the peer's suggestion for ours is taken), IPv6 datagrams both ways once it is up, the
 * network coming up only once IPv6CP settled (or a restart period after IPCP), a peer without
 * IPv6 (Protocol-Reject: IPv4 goes on), a session without IPv6 (we Protocol-Reject), and
 * hostile options. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-ppp-peer.h"

/* pppd's LCP ConfReq without authentication: asyncmap 0, magic, pcomp, accomp. */
static const guint8 isp_lcp[] = {
  2, 6, 0, 0, 0, 0,  5, 6, 0x5e, 0xa1, 0x3b, 0x07,  7, 2,  8, 2,
};

static DtPppConfig
ipv6_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.echo_interval_ms = 0;
  c.restart_ms = 200;
  c.want_ipv6 = TRUE;
  /* A server without VJ or CCP: compression has its own tests (test-ppp-ccp). */
  c.compression = 0;
  return c;
}

static DtPppPeer *
peer_in_network_phase (DtPppConfig *c)
{
  DtPppPeer *peer = dt_ppp_peer_new (c);

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, isp_lcp, sizeof isp_lcp);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  return peer;
}

static guint64
get64 (const guint8 *p)
{
  return ((guint64) dt_ppp_get32 (p) << 32) | dt_ppp_get32 (p + 4);
}

/* The identifier of a Configure packet holding only the Interface-Identifier option. */
static guint64
iid_of (DtPppPeerFrame *frame)
{
  gsize len;
  const guint8 *data = dt_ppp_peer_frame_data (frame, &len);

  g_assert_cmpuint (len, ==, 10);
  g_assert_cmpuint (data[0], ==, 1);
  g_assert_cmpuint (data[1], ==, 10);
  return get64 (data + 2);
}

static void
send_iid (DtPppPeer *peer,
          guint8   code,
          guint8   id,
          guint64  iid)
{
  guint8 opt[10] = { 1, 10 };

  dt_ppp_put32 (opt + 2, iid >> 32);
  dt_ppp_put32 (opt + 6, iid & 0xffffffff);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPV6CP, code, id, opt, sizeof opt);
}

/* Our ConfReq with @iid: the session's answer, which must be @code. */
static guint64
peer_requests (DtPppPeer *peer,
               guint8   id,
               guint64  iid,
               guint8   code)
{
  g_autoptr (DtPppPeerFrame) reply = NULL;

  send_iid (peer, DT_PPP_CONF_REQ, id, iid);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, code, 500);
  g_assert_nonnull (reply);
  g_assert_cmpuint (dt_ppp_peer_frame_id (reply), ==, id);
  return iid_of (reply);
}

static void
on_ipv6 (DtPpp     *ppp,
         GBytes    *datagram,
         GPtrArray *received)
{
  g_ptr_array_add (received, g_bytes_ref (datagram));
}

static const guint64 peer_iid = G_GUINT64_CONSTANT (0x0001000200030004);
static const guint64 suggested = G_GUINT64_CONSTANT (0x00aa00bb00cc00dd);

static void
test_negotiate (void)
{
  DtPppConfig c = ipv6_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  g_autoptr (DtPppPeerFrame) req = NULL;
  g_autoptr (DtPppPeerFrame) req2 = NULL;
  g_autoptr (GPtrArray) received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (DtPppPeerFrame) out = NULL;
  guint8 datagram[48] = { 0x60, 0, 0, 0, 0, 8, 58, 64 };
  guint64 ours, hint;

  g_signal_connect (peer->ppp, "ipv6-packet", G_CALLBACK (on_ipv6), received);

  /* A random identifier of ours, never zero, not globally unique (the "u" bit clear). */
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (req);
  ours = iid_of (req);
  g_assert_cmpuint (ours, !=, 0);
  g_assert_cmpuint (ours & G_GUINT64_CONSTANT (0x0200000000000000), ==, 0);

  /* §4.1: a zero identifier, or one equal to ours, gets a Nak with another to use. */
  hint = peer_requests (peer, 0x20, 0, DT_PPP_CONF_NAK);
  g_assert_cmpuint (hint, !=, 0);
  g_assert_cmpuint (hint, !=, ours);
  hint = peer_requests (peer, 0x21, ours, DT_PPP_CONF_NAK);
  g_assert_cmpuint (hint, !=, 0);
  g_assert_cmpuint (hint, !=, ours);
  g_assert_cmpuint (peer_requests (peer, 0x22, peer_iid, DT_PPP_CONF_ACK), ==, peer_iid);

  /* We take the peer's suggestion for ours. */
  send_iid (peer, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (req), suggested);
  req2 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (req2);
  g_assert_cmpuint (iid_of (req2), ==, suggested);
  g_assert_false (peer->network_up);
  send_iid (peer, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req2), suggested);

  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_true (peer->network_up);
  g_assert_cmpstr (dt_ppp_get_local_ipv6 (peer->ppp), ==, "fe80::aa:bb:cc:dd");
  g_assert_cmpstr (dt_ppp_get_remote_ipv6 (peer->ppp), ==, "fe80::1:2:3:4");
  g_assert_cmpuint (dt_ppp_get_local_iid (peer->ppp), ==, suggested);
  g_assert_true (dt_ppp_peer_trace_contains (peer, "rcvd [IPV6CP ConfNak id=0x1 "
                                                "<addr fe80::aa:bb:cc:dd>]"));

  /* Datagrams both ways: protocol 0x0057. */
  dt_ppp_peer_send_frame (peer, DT_PPP_PROTO_IPV6, datagram, sizeof datagram);
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (received->pdata[0], NULL),
                   g_bytes_get_size (received->pdata[0]), datagram, sizeof datagram);
  g_assert_true (dt_ppp_send_ipv6 (peer->ppp, datagram, sizeof datagram));
  out = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6, 0, 500);
  g_assert_nonnull (out);
  g_assert_cmpmem (g_bytes_get_data (out->info, NULL), g_bytes_get_size (out->info), datagram,
                   sizeof datagram);
  /* Not IPv6, or shorter than its header: not sent. */
  g_assert_false (dt_ppp_send_ipv6 (peer->ppp, (const guint8 *) "\x45\0\0\x14", 4));
  datagram[0] = 0x45;
  g_assert_false (dt_ppp_send_ipv6 (peer->ppp, datagram, sizeof datagram));
}

/* IPCP up first: the network waits for IPv6CP; a silent IPv6CP holds it one restart period. */
static void
test_network_waits_for_ipv6cp (void)
{
  DtPppConfig c = ipv6_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 500);
  gint64 start;

  g_assert_nonnull (req);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_false (peer->network_up);
  send_iid (peer, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), iid_of (req));
  g_assert_false (peer->network_up);
  peer_requests (peer, 0x30, peer_iid, DT_PPP_CONF_ACK);
  g_assert_true (peer->network_up);
  g_assert_nonnull (dt_ppp_get_local_ipv6 (peer->ppp));

  /* A peer that never answers IPv6CP. */
  {
    g_autoptr (DtPppPeer) silent = peer_in_network_phase (&c);

    dt_ppp_peer_open_ipcp (silent, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
    g_assert_false (silent->network_up);
    start = g_get_monotonic_time ();
    while (!silent->network_up && g_get_monotonic_time () - start < G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (silent->network_up);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
    g_assert_null (dt_ppp_get_local_ipv6 (silent->ppp));
  }
}

/* A peer without IPv6 Protocol-Rejects IPv6CP: IPv4 alone, and the link lives on. */
static void
test_peer_rejects_ipv6cp (void)
{
  DtPppConfig c = ipv6_config ();
  g_autoptr (DtPppPeer) peer = peer_in_network_phase (&c);
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 500);
  g_autoptr (GByteArray) rej = g_byte_array_new ();

  g_assert_nonnull (req);
  dt_ppp_append16 (rej, DT_PPP_PROTO_IPV6CP);
  g_byte_array_append (rej, g_bytes_get_data (req->info, NULL), g_bytes_get_size (req->info));
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ, 9, rej->data, rej->len);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_true (peer->network_up);
  g_assert_null (dt_ppp_get_local_ipv6 (peer->ppp));
  dt_ppp_peer_idle (peer, 500);
  g_assert_false (peer->finished);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_RUNNING);
}

/* A session without IPv6 Protocol-Rejects the peer's IPv6CP and IPv6. */
static void
test_not_wanted (void)
{
  DtPppConfig c = ipv6_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) rej = NULL;
  gsize len;
  const guint8 *data;

  c.want_ipv6 = FALSE;
  peer = peer_in_network_phase (&c);
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, 0, 100));
  send_iid (peer, DT_PPP_CONF_REQ, 0x40, peer_iid);
  rej = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_PROT_REJ, 500);
  g_assert_nonnull (rej);
  data = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpuint (dt_ppp_get16 (data), ==, DT_PPP_PROTO_IPV6CP);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_true (peer->network_up);
}

/* Options that lie, options we do not speak, and a peer that insists on a zero identifier
 * until Max-Failure: each is refused, and IPv6CP never ends the link. */
static void
test_hostile (void)
{
  static const guint8 short_iid[] = { 1, 6, 0, 0, 0, 1 };
  static const guint8 compression[] = { 2, 4, 0x00, 0x4f };
  DtPppConfig c = ipv6_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) reply = NULL;
  gsize len;
  const guint8 *data;
  guint naks = 0;

  c.max_failure = 3;
  peer = peer_in_network_phase (&c);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 0x50, short_iid, sizeof short_iid);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REJ, 500);
  g_assert_nonnull (reply);
  data = dt_ppp_peer_frame_data (reply, &len);
  g_assert_cmpmem (data, len, short_iid, sizeof short_iid);
  g_clear_pointer (&reply, dt_ppp_peer_frame_free);

  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REQ, 0x51, compression,
                 sizeof compression);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_REJ, 500);
  g_assert_nonnull (reply);
  g_clear_pointer (&reply, dt_ppp_peer_frame_free);

  /* A length that runs past the packet: dropped, unanswered. */
  dt_ppp_peer_send_frame (peer, DT_PPP_PROTO_IPV6CP, (const guint8 *) "\x01\x52\x00\x40\x01\x0a", 6);
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, DT_PPP_CONF_NAK, 100));

  for (guint8 id = 0x60; id < 0x70; id++)
    {
      send_iid (peer, DT_PPP_CONF_REQ, id, 0);
      /* The answer, past the session's own requests (it resends them meanwhile). */
      do
        {
          g_clear_pointer (&reply, dt_ppp_peer_frame_free);
          reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPV6CP, 0, 500);
          g_assert_nonnull (reply);
        }
      while (dt_ppp_peer_frame_code (reply) == DT_PPP_CONF_REQ);
      if (dt_ppp_peer_frame_code (reply) == DT_PPP_CONF_REJ)
        break;
      g_assert_cmpuint (dt_ppp_peer_frame_code (reply), ==, DT_PPP_CONF_NAK);
      naks++;
      g_clear_pointer (&reply, dt_ppp_peer_frame_free);
    }
  g_assert_nonnull (reply);
  g_assert_cmpuint (dt_ppp_peer_frame_code (reply), ==, DT_PPP_CONF_REJ);
  g_assert_cmpuint (naks, <=, 3);
  dt_ppp_peer_open_ipcp (peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  g_assert_false (peer->finished);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/ipv6cp/negotiate", test_negotiate);
  g_test_add_func ("/ppp/ipv6cp/network-waits", test_network_waits_for_ipv6cp);
  g_test_add_func ("/ppp/ipv6cp/peer-rejects", test_peer_rejects_ipv6cp);
  g_test_add_func ("/ppp/ipv6cp/not-wanted", test_not_wanted);
  g_test_add_func ("/ppp/ipv6cp/hostile", test_hostile);
  return g_test_run ();
}
