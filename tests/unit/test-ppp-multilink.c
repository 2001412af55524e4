/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's multilink roles (RFC 1990) against the scripted peer, byte for byte: a member link
 * asks for MRRU, 12-bit sequence numbers and the Endpoint Discriminator it is given, judges
 * the peer's (an MRRU of 0 gets a Nak with 1500, one of 65535 an Ack, a malformed
 * discriminator a Reject), says "link-up" once authenticated instead of starting IPCP, and
 * hands the bundle's frames over; a peer that rejects MRRU leaves the link without
 * multilink; a session that wants no multilink rejects the options; a bundle, without a
 * line, runs IPCP through its frame function; and two bundles back to back compress (VJ and
 * Deflate are the bundle's). */

#include "config.h"

#include <string.h>

#include "dt-ppp-peer.h"
#include "dt-test-inet.h"

static const guint8 endpoint[] = { 0xde, 0xad, 0xbe, 0xef };

static DtPppConfig
member_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.echo_interval_ms = 0;
  c.restart_ms = 200;
  c.link_only = TRUE;
  c.mrru = 1500;
  c.short_seq = TRUE;
  c.endpoint = endpoint;
  c.endpoint_len = sizeof endpoint;
  return c;
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

/* The peer's ConfReq @opts; the session's answer, which must be @code, its options out. */
static DtPppPeerFrame *
peer_requests (DtPppPeer      *peer,
               guint8        id,
               const guint8 *opts,
               gsize         len,
               guint8        code)
{
  DtPppPeerFrame *reply;

  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, opts, len);
  reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, code, 500);
  g_assert_nonnull (reply);
  g_assert_cmpuint (dt_ppp_peer_frame_id (reply), ==, id);
  return reply;
}

static void
on_link_up (DtPpp    *ppp,
            gboolean *up)
{
  *up = TRUE;
}

static void
on_bundle_frame (DtPpp     *ppp,
                 guint      protocol,
                 GBytes    *info,
                 GPtrArray *frames)
{
  g_ptr_array_add (frames, g_strdup_printf ("0x%04x %" G_GSIZE_FORMAT, protocol,
                                            g_bytes_get_size (info)));
}

static void
test_member_link (void)
{
  static const guint8 mrru_zero[] = { 17, 4, 0, 0 };
  static const guint8 bad_endpoint[] = { 19, 6, 2, 1, 2, 3 };   /* class 2 needs 4 bytes */
  static const guint8 good[] = {
    5, 6, 0x12, 0x34, 0x56, 0x78,  17, 4, 0xff, 0xff,  18, 2,  19, 7, 1, 1, 2, 3, 4,
  };
  DtPppConfig c = member_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) req = NULL;
  g_autoptr (DtPppPeerFrame) nak = NULL;
  g_autoptr (DtPppPeerFrame) rej = NULL;
  g_autoptr (DtPppPeerFrame) ack = NULL;
  g_autoptr (DtPppPeerFrame) again = NULL;
  g_autoptr (DtPppPeerFrame) sent = NULL;
  g_autoptr (GPtrArray) frames = g_ptr_array_new_with_free_func (g_free);
  const guint8 *opts, *o;
  gsize len;
  gboolean up = FALSE;
  guint klass;
  g_autoptr (GBytes) address = NULL;

  g_signal_connect (peer->ppp, "link-up", G_CALLBACK (on_link_up), &up);
  g_signal_connect (peer->ppp, "bundle-frame", G_CALLBACK (on_bundle_frame), frames);
  dt_ppp_start (peer->ppp);

  /* Ours: MRRU 1500, SSN, and the discriminator we were given, class 1. */
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (req);
  opts = dt_ppp_peer_frame_data (req, &len);
  o = find_option (opts, len, 17);
  g_assert_nonnull (o);
  g_assert_cmpuint (dt_ppp_get16 (o + 2), ==, 1500);
  g_assert_nonnull (find_option (opts, len, 18));
  o = find_option (opts, len, 19);
  g_assert_nonnull (o);
  g_assert_cmpmem (o, o[1], ((const guint8[]) { 19, 7, 1, 0xde, 0xad, 0xbe, 0xef }), 7);
  g_assert_true (dt_ppp_peer_trace_contains (peer, "<mrru 1500> <ssnhf> <endpoint [local:deadbeef]>"));

  /* The peer's MRRU of 0: a Nak with 1500.  A discriminator that lies: a Reject. */
  nak = peer_requests (peer, 0x10, mrru_zero, sizeof mrru_zero, DT_PPP_CONF_NAK);
  opts = dt_ppp_peer_frame_data (nak, &len);
  g_assert_cmpmem (opts, len, ((const guint8[]) { 17, 4, 0x05, 0xdc }), 4);
  rej = peer_requests (peer, 0x11, bad_endpoint, sizeof bad_endpoint, DT_PPP_CONF_REJ);
  opts = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpmem (opts, len, bad_endpoint, sizeof bad_endpoint);

  /* An MRRU of 65535, SSN, a good discriminator: acknowledged. */
  ack = peer_requests (peer, 0x12, good, sizeof good, DT_PPP_CONF_ACK);
  /* The peer's first request, before any answer to ours, sent ours again at once with a new
   * identifier (dt-ppp-fsm.c): that is the one to acknowledge. */
  again = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (again);
  g_assert_cmpuint (dt_ppp_peer_frame_id (again), !=, dt_ppp_peer_frame_id (req));
  opts = dt_ppp_peer_frame_data (again, &len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (again), opts,
                    len);
  g_assert_true (dt_ppp_get_multilink (peer->ppp));
  g_assert_true (dt_ppp_get_send_short_seq (peer->ppp));
  g_assert_true (dt_ppp_get_receive_short_seq (peer->ppp));
  g_assert_cmpuint (dt_ppp_get_peer_mrru (peer->ppp), ==, 65535);
  g_assert_true (dt_ppp_get_peer_endpoint (peer->ppp, &klass, &address));
  g_assert_cmpuint (klass, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (address, NULL), g_bytes_get_size (address), "\1\2\3\4", 4);

  /* No authentication asked: the link is up for the bundle, and starts no IPCP itself. */
  g_assert_true (up);
  g_assert_false (peer->network_up);
  g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 300));

  /* The bundle's frames go to the owner: multilink fragments, and IPCP sent outside them. */
  dt_ppp_peer_send_frame (peer, DT_PPP_PROTO_MP, (const guint8 *) "\xc0\x01\x00\x21\x45", 5);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 1, NULL, 0);
  g_assert_cmpuint (frames->len, ==, 2);
  g_assert_cmpstr (frames->pdata[0], ==, "0x003d 5");
  g_assert_cmpstr (frames->pdata[1], ==, "0x8021 4");
  g_assert_true (dt_ppp_send_link_frame (peer->ppp, DT_PPP_PROTO_MP,
                                         (const guint8 *) "\xc0\x01\x00\x21\x45", 5));
  sent = dt_ppp_peer_expect (peer, DT_PPP_PROTO_MP, 0, 300);
  g_assert_nonnull (sent);
}

/* A server without multilink rejects MRRU: the link has none. */
static void
test_peer_rejects_multilink (void)
{
  static const guint8 plain[] = { 5, 6, 0x12, 0x34, 0x56, 0x78 };
  DtPppConfig c = member_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) req = NULL;
  g_autoptr (DtPppPeerFrame) req2 = NULL;
  g_autoptr (DtPppPeerFrame) ack = NULL;
  g_autoptr (GByteArray) rej = g_byte_array_new ();
  const guint8 *opts, *o;
  gsize len;

  dt_ppp_start (peer->ppp);
  req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  opts = dt_ppp_peer_frame_data (req, &len);
  for (guint8 type = 17; type <= 19; type++)
    if ((o = find_option (opts, len, type)) != NULL)
      g_byte_array_append (rej, o, o[1]);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REJ, dt_ppp_peer_frame_id (req), rej->data,
                 rej->len);
  req2 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 500);
  g_assert_nonnull (req2);
  opts = dt_ppp_peer_frame_data (req2, &len);
  g_assert_null (find_option (opts, len, 17));
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req2), opts, len);
  ack = peer_requests (peer, 0x20, plain, sizeof plain, DT_PPP_CONF_ACK);
  g_assert_false (dt_ppp_get_multilink (peer->ppp));
  g_assert_cmpuint (dt_ppp_get_peer_mrru (peer->ppp), ==, 0);
}

/* A session that wants no multilink rejects the peer's options. */
static void
test_not_wanted (void)
{
  static const guint8 multilink[] = { 17, 4, 5, 0xdc,  18, 2,  19, 3, 0 };
  DtPppConfig c;
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) rej = NULL;
  const guint8 *opts;
  gsize len;

  dt_ppp_config_init (&c);
  c.echo_interval_ms = 0;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  rej = peer_requests (peer, 0x30, multilink, sizeof multilink, DT_PPP_CONF_REJ);
  opts = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpmem (opts, len, multilink, sizeof multilink);
}

static void
on_frame_out (guint16       protocol,
              const guint8 *info,
              gsize         len,
              gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("0x%04x code %u", protocol, len > 0 ? info[0] : 0));
}

static void
on_network_up (DtPpp      *ppp,
               const char *local,
               const char *remote,
               const char *dns1,
               const char *dns2,
               char      **out)
{
  *out = g_strdup (local);
}

/* A bundle: IPCP through the frame function, the peer's answers in through
 * dt_ppp_bundle_input(), no LCP of its own. */
static void
test_bundle_session (void)
{
  static const guint8 nak[] = { 3, 6, 10, 64, 0, 11 };
  static const guint8 peer_req[] = { 3, 6, 10, 64, 0, 1 };
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (DtPpp) bundle = NULL;
  g_autofree char *local = NULL;
  DtPppConfig c;
  guint8 packet[4 + sizeof nak];

  dt_ppp_config_init (&c);
  c.want_dns = FALSE;
  /* A scripted IPCP without VJ, and no CCP (both on a bundle: /ppp/multilink/compression). */
  c.compression = 0;
  bundle = dt_ppp_new_bundle (&c, on_frame_out, out);
  g_signal_connect (bundle, "network-up", G_CALLBACK (on_network_up), &local);
  dt_ppp_bundle_start (bundle, 1500);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (out->pdata[0], ==, "0x8021 code 1");
  g_assert_cmpint (dt_ppp_get_phase (bundle), ==, DT_PPP_PHASE_NETWORK);

  /* Nak with our address, then the peer's own request: acknowledged. */
  packet[0] = DT_PPP_CONF_NAK;
  packet[1] = 1;
  dt_ppp_put16 (packet + 2, sizeof packet);
  memcpy (packet + 4, nak, sizeof nak);
  dt_ppp_bundle_input (bundle, DT_PPP_PROTO_IPCP, packet, sizeof packet);
  g_assert_cmpstr (out->pdata[out->len - 1], ==, "0x8021 code 1");
  packet[0] = DT_PPP_CONF_ACK;
  packet[1] = 2;
  dt_ppp_bundle_input (bundle, DT_PPP_PROTO_IPCP, packet, sizeof packet);
  packet[0] = DT_PPP_CONF_REQ;
  packet[1] = 7;
  memcpy (packet + 4, peer_req, sizeof peer_req);
  dt_ppp_bundle_input (bundle, DT_PPP_PROTO_IPCP, packet, sizeof packet);
  g_assert_cmpstr (out->pdata[out->len - 1], ==, "0x8021 code 2");
  g_assert_cmpstr (local, ==, "10.64.0.11");
  g_assert_cmpint (dt_ppp_get_phase (bundle), ==, DT_PPP_PHASE_RUNNING);
  g_assert_true (dt_ppp_send_ipv4 (bundle, (const guint8 *) "\x45\0\0\x14", 4));
  g_assert_cmpstr (out->pdata[out->len - 1], ==, "0x0021 code 69");
}

/* Two bundles back to back, each one's frames the other's input (in turn, from queues, as
 * member links would carry them). */
typedef struct {
  DtPpp *ppp[2];
  GQueue to[2];                /* GBytes: protocol (2 bytes) and information field */
  GPtrArray *received[2];      /* GBytes: the datagrams each delivered */
  guint compressed[2];         /* 0x00fd frames each sent */
} Pair;

static void
on_pair_frame_0 (guint16 protocol, const guint8 *info, gsize len, gpointer data);
static void
on_pair_frame_1 (guint16 protocol, const guint8 *info, gsize len, gpointer data);

static void
pair_queue (Pair         *pair,
            guint         from,
            guint16       protocol,
            const guint8 *info,
            gsize         len)
{
  g_autoptr (GByteArray) a = g_byte_array_sized_new (len + 2);
  guint8 head[2] = { protocol >> 8, protocol & 0xff };

  g_byte_array_append (a, head, 2);
  g_byte_array_append (a, info, len);
  g_queue_push_tail (&pair->to[1 - from], g_byte_array_free_to_bytes (g_steal_pointer (&a)));
  if (protocol == 0x00fd)
    pair->compressed[from]++;
}

static void
on_pair_frame_0 (guint16 protocol, const guint8 *info, gsize len, gpointer data)
{
  pair_queue (data, 0, protocol, info, len);
}

static void
on_pair_frame_1 (guint16 protocol, const guint8 *info, gsize len, gpointer data)
{
  pair_queue (data, 1, protocol, info, len);
}

static void
on_pair_ipv4 (DtPpp     *ppp,
              GBytes    *datagram,
              GPtrArray *received)
{
  g_ptr_array_add (received, g_bytes_ref (datagram));
}

/* Delivers what is queued, both ways, until nothing is (timers run meanwhile). */
static void
pair_pump (Pair *pair)
{
  for (guint idle = 0; idle < 50;)
    {
      gboolean moved = FALSE;

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr (GBytes) frame = g_queue_pop_head (&pair->to[i]);
          gsize len;
          const guint8 *p;

          if (frame == NULL)
            continue;
          p = g_bytes_get_data (frame, &len);
          dt_ppp_bundle_input (pair->ppp[i], dt_ppp_get16 (p), p + 2, len - 2);
          moved = TRUE;
        }
      g_main_context_iteration (NULL, FALSE);
      if (moved)
        idle = 0;
      else
        idle++, g_usleep (1000);
    }
}

/* A TCP segment of one conversation: @seq, and a payload of text Deflate shrinks. */
static GBytes *
tcp_segment (guint32 seq,
             guint16 ip_id)
{
  guint8 p[40 + 200] = { 0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 6, 0, 0,
                         10, 0, 0, 1,  10, 0, 0, 2 };

  dt_ppp_put16 (p + 2, sizeof p);
  dt_ppp_put16 (p + 4, ip_id);
  dt_ppp_put16 (p + 10, dt_test_inet_checksum (p, 20, 0));
  dt_ppp_put16 (p + 20, 40000);
  dt_ppp_put16 (p + 22, 80);
  dt_ppp_put32 (p + 24, seq);
  dt_ppp_put32 (p + 28, 1000);
  p[32] = 5 << 4;
  p[33] = 0x10;                /* ACK */
  dt_ppp_put16 (p + 34, 8192);
  dt_ppp_put16 (p + 36, 0x1234);   /* carried as it is */
  for (guint i = 40; i < sizeof p; i++)
    p[i] = "dialtone multilink compression "[i % 31];
  return g_bytes_new (p, sizeof p);
}

/* Compression is the bundle's (RFC 1990 §5.1.1, RFC 1962 §1): two bundles agree on VJ in
 * IPCP and Deflate in CCP with each other, and TCP datagrams cross compressed, byte for
 * byte. */
static void
test_bundle_compression (void)
{
  Pair pair = { 0 };
  const char *address[2] = { "10.0.0.1", "10.0.0.2" };

  for (guint i = 0; i < 2; i++)
    {
      DtPppConfig c;

      dt_ppp_config_init (&c);
      c.want_dns = FALSE;
      c.static_address = address[i];
      pair.ppp[i] = dt_ppp_new_bundle (&c, i == 0 ? on_pair_frame_0 : on_pair_frame_1, &pair);
      pair.received[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_signal_connect (pair.ppp[i], "ipv4-packet", G_CALLBACK (on_pair_ipv4), pair.received[i]);
    }
  dt_ppp_bundle_start (pair.ppp[0], 1500);
  dt_ppp_bundle_start (pair.ppp[1], 1500);
  pair_pump (&pair);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (dt_ppp_get_phase (pair.ppp[i]), ==, DT_PPP_PHASE_RUNNING);
      g_assert_cmpstr (dt_ppp_get_compression (pair.ppp[i]), ==, "Deflate 15, VJ");
    }

  for (guint n = 0; n < 8; n++)
    {
      g_autoptr (GBytes) segment = tcp_segment (1 + n * 200, 100 + n);
      gsize len;
      const guint8 *p = g_bytes_get_data (segment, &len);
      guint from = n % 2;

      g_assert_true (dt_ppp_send_ipv4 (pair.ppp[from], p, len));
      pair_pump (&pair);
      g_assert_cmpuint (pair.received[1 - from]->len, ==, n / 2 + 1);
      g_assert_true (g_bytes_equal (pair.received[1 - from]->pdata[n / 2], segment));
    }
  /* Every datagram went compressed, and took less of the link than it was. */
  g_assert_cmpuint (pair.compressed[0], ==, 4);
  g_assert_cmpuint (pair.compressed[1], ==, 4);
  g_assert_cmpfloat (dt_ppp_get_compression_ratio (pair.ppp[0]), >, 1.5);

  for (guint i = 0; i < 2; i++)
    {
      g_queue_clear_full (&pair.to[i], (GDestroyNotify) g_bytes_unref);
      g_ptr_array_unref (pair.received[i]);
      g_object_unref (pair.ppp[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/multilink/member-link", test_member_link);
  g_test_add_func ("/ppp/multilink/peer-rejects", test_peer_rejects_multilink);
  g_test_add_func ("/ppp/multilink/not-wanted", test_not_wanted);
  g_test_add_func ("/ppp/multilink/bundle-session", test_bundle_session);
  g_test_add_func ("/ppp/multilink/compression", test_bundle_compression);
  return g_test_run ();
}
