/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compression through a DtPpp session and a scripted peer that builds every packet itself:
 * CCP's negotiation (Deflate 26 and 24 asked for; BSD-Compress, MPPE and LZS rejected; a
 * window of 8 Nak'd to 9), VJ in IPCP both ways, datagrams compressed by the peer's own zlib
 * and VJ headers written by hand coming out whole, ours arriving so that the peer's inflater
 * reads them, incompressible packets sent as they are with the histories still in step, a
 * lost packet recovered by Reset-Request and Reset-Ack, the peer's Reset-Request answered,
 * and the hostile cases (a peer that never acknowledges a reset, a Configure-Request flood):
 * compression stops, the link does not. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "dt-ppp-peer.h"
#include "dt-ppp-private.h"
#include "dt-test-inet.h"

static const guint8 isp_lcp[] = {
  2, 6, 0, 0, 0, 0,  5, 6, 0x5e, 0xa1, 0x3b, 0x07,  7, 2,  8, 2,
};
static const guint8 deflate_both[] = { 26, 4, 0x78, 0,  24, 4, 0x78, 0 };
static const guint8 vj_option[] = { 2, 6, 0x00, 0x2d, 15, 1 };

/* The peer's side of Deflate, straight from zlib: the kernel's packet format. */
typedef struct {
  z_stream tx, rx;
  guint16  tx_seq;
} PeerZ;

static void
peer_z_init (PeerZ *z)
{
  memset (z, 0, sizeof *z);
  g_assert_cmpint (deflateInit2 (&z->tx, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  g_assert_cmpint (inflateInit2 (&z->rx, -15), ==, Z_OK);
}

static void
peer_z_clear (PeerZ *z)
{
  deflateEnd (&z->tx);
  inflateEnd (&z->rx);
}

/* Sequence number, then the protocol byte and @data deflated with a sync flush, without
 * the flush's last four bytes. */
static GByteArray *
peer_compress (PeerZ        *z,
               guint8        protocol,
               const guint8 *data,
               gsize         len)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree guint8 *in = g_malloc (len + 1);

  g_byte_array_set_size (out, 2 + len + 64);
  dt_ppp_put16 (out->data, z->tx_seq++);
  in[0] = protocol;
  memcpy (in + 1, data, len);
  z->tx.next_in = in;
  z->tx.avail_in = len + 1;
  z->tx.next_out = out->data + 2;
  z->tx.avail_out = out->len - 2;
  g_assert_cmpint (deflate (&z->tx, Z_SYNC_FLUSH), ==, Z_OK);
  g_assert_cmpuint (z->tx.avail_in, ==, 0);
  g_byte_array_set_size (out, out->len - z->tx.avail_out - 4);
  return out;
}

/* One of the session's compressed packets: the inner protocol byte and data. */
static GByteArray *
peer_inflate (PeerZ        *z,
              const guint8 *info,
              gsize         len,
              guint16       expect_seq)
{
  static const guint8 trailer[] = { 0, 0, 0xff, 0xff };
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpuint (len, >=, 3);
  g_assert_cmpuint (dt_ppp_get16 (info), ==, expect_seq);
  g_byte_array_set_size (out, 4096);
  z->rx.next_out = out->data;
  z->rx.avail_out = out->len;
  z->rx.next_in = (guint8 *) info + 2;
  z->rx.avail_in = len - 2;
  g_assert_cmpint (inflate (&z->rx, Z_SYNC_FLUSH), ==, Z_OK);
  z->rx.next_in = (guint8 *) trailer;
  z->rx.avail_in = 4;
  g_assert_cmpint (inflate (&z->rx, Z_SYNC_FLUSH), ==, Z_OK);
  g_byte_array_set_size (out, out->len - z->rx.avail_out);
  return out;
}

/* A TCP segment from 10.64.0.1:80 to 10.64.0.11, with @payload bytes of text (or noise). */
static GByteArray *
tcp_segment (guint32  seq,
             guint16  id,
             gsize    payload,
             gboolean noise)
{
  static const char text[] = "The modem dials; the server answers; PPP negotiates. ";
  GByteArray *a = g_byte_array_new ();
  guint8 *p;
  guint32 sum = 6 + 20 + payload;

  g_byte_array_set_size (a, 40 + payload);
  p = a->data;
  memset (p, 0, 40);
  p[0] = 0x45;
  dt_ppp_put16 (p + 2, 40 + payload);
  dt_ppp_put16 (p + 4, id);
  p[8] = 64;
  p[9] = 6;
  dt_ppp_put32 (p + 12, 0x0a400001);
  dt_ppp_put32 (p + 16, 0x0a40000b);
  dt_ppp_put16 (p + 10, dt_test_inet_checksum (p, 20, 0));
  dt_ppp_put16 (p + 20, 80);
  dt_ppp_put16 (p + 22, 40000);
  dt_ppp_put32 (p + 24, seq);
  dt_ppp_put32 (p + 28, 1);
  p[32] = 0x50;
  p[33] = 0x10;
  dt_ppp_put16 (p + 34, 8192);
  for (gsize i = 0; i < payload; i++)
    p[40 + i] = noise ? g_test_rand_int_range (0, 256) : text[(seq + i) % (sizeof text - 1)];
  for (int i = 12; i < 20; i += 2)
    sum += (p[i] << 8) | p[i + 1];
  dt_ppp_put16 (p + 36, dt_test_inet_checksum (p + 20, 20 + payload, sum));
  return a;
}

typedef struct {
  DtPppPeer *peer;
  PeerZ    z;
  guint8   ccp_id;
} Link;

static DtPppConfig
link_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.echo_interval_ms = 0;
  c.restart_ms = 150;
  return c;
}

/* LCP open, and the session's IPCP and CCP requests taken (and checked). */
static void
link_start (Link              *l,
            const DtPppConfig *c)
{
  memset (l, 0, sizeof *l);
  l->peer = dt_ppp_peer_new (c);
  peer_z_init (&l->z);
  dt_ppp_start (l->peer->ppp);
  dt_ppp_peer_open_lcp (l->peer, isp_lcp, sizeof isp_lcp);
}

/* IPCP with VJ both ways (our address Nak'd in, as a server does).  The peer answers each
 * request of the session before sending its own, so that no request of the session's is
 * taken for lost. */
static void
link_open_ipcp (Link *l)
{
  g_autoptr (DtPppPeerFrame) ipcp_req = dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_IPCP,
                                                    DT_PPP_CONF_REQ, 1000);
  g_autoptr (DtPppPeerFrame) ipcp_req2 = NULL, ack = NULL;
  const guint8 nak[] = { 3, 6, 10, 64, 0, 11,  129, 6, 10, 0, 0, 1,  131, 6, 10, 0, 0, 2 };
  const guint8 ours[] = { 2, 6, 0x00, 0x2d, 15, 1,  3, 6, 10, 64, 0, 1 };
  const guint8 *data;
  gsize len;

  g_assert_nonnull (ipcp_req);
  data = dt_ppp_peer_frame_data (ipcp_req, &len);
  g_assert_cmpmem (data, sizeof vj_option, vj_option, sizeof vj_option);
  /* CCP waits for IPCP: not a byte of it yet. */
  g_assert_null (dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_CCP, 0, 0));
  dt_ppp_peer_send (l->peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (ipcp_req), nak,
                 sizeof nak);
  ipcp_req2 = dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 1000);
  g_assert_nonnull (ipcp_req2);
  data = dt_ppp_peer_frame_data (ipcp_req2, &len);
  dt_ppp_peer_send (l->peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (ipcp_req2), data,
                 len);
  dt_ppp_peer_send (l->peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 0x31, ours, sizeof ours);
  ack = dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, 1000);
  g_assert_nonnull (ack);
  g_assert_cmpint (dt_ppp_get_phase (l->peer->ppp), ==, DT_PPP_PHASE_RUNNING);
}

/* IPCP, then CCP with Deflate 15 both ways. */
static void
link_open (Link *l)
{
  g_autoptr (DtPppPeerFrame) ccp_req = NULL, ccp_ack = NULL;
  const guint8 *data;
  gsize len;

  link_open_ipcp (l);
  ccp_req = dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 1000);
  g_assert_nonnull (ccp_req);
  data = dt_ppp_peer_frame_data (ccp_req, &len);
  g_assert_cmpmem (data, len, deflate_both, sizeof deflate_both);
  dt_ppp_peer_send (l->peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (ccp_req), data,
                 len);
  dt_ppp_peer_send (l->peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, ++l->ccp_id, deflate_both,
                 sizeof deflate_both);
  ccp_ack = dt_ppp_peer_expect (l->peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, 1000);
  g_assert_nonnull (ccp_ack);
  g_assert_cmpstr (dt_ppp_get_compression (l->peer->ppp), ==, "Deflate 15, VJ");
}

static void
link_clear (Link *l)
{
  peer_z_clear (&l->z);
  g_clear_pointer (&l->peer, dt_ppp_peer_free);
}

static void
test_negotiation (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (DtPppPeerFrame) req = NULL, rej = NULL, ack = NULL, nak = NULL;
  const guint8 offer[] = { 26, 4, 0x78, 0,  24, 4, 0x78, 0,  21, 3, 0x2f,
                           18, 6, 0x01, 0x00, 0x00, 0x40,  17, 5, 0, 1, 4 };
  const guint8 refused[] = { 21, 3, 0x2f,  18, 6, 0x01, 0x00, 0x00, 0x40,  17, 5, 0, 1, 4 };
  const guint8 small[] = { 26, 4, 0x48, 0 };
  const guint8 tiny[] = { 26, 4, 0x08, 0 };
  const guint8 nine[] = { 26, 4, 0x18, 0 };
  const guint8 *data;
  gsize len;

  link_start (&l, &c);
  link_open_ipcp (&l);
  req = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 1000);
  g_assert_nonnull (req);
  data = dt_ppp_peer_frame_data (req, &len);
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data, len);
  g_assert_cmpint (l.peer->ppp->ccp.fsm.state, ==, DT_PPP_FSM_ACK_RCVD);

  /* BSD-Compress, MPPE/MPPC and LZS: rejected, and only they. */
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 1, offer, sizeof offer);
  rej = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REJ, 100);
  g_assert_nonnull (rej);
  data = dt_ppp_peer_frame_data (rej, &len);
  g_assert_cmpmem (data, len, refused, sizeof refused);
  /* A window of 256 bytes, which zlib cannot compress for: Nak'd to 512. */
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 2, tiny, sizeof tiny);
  nak = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_NAK, 100);
  g_assert_nonnull (nak);
  data = dt_ppp_peer_frame_data (nak, &len);
  g_assert_cmpmem (data, len, nine, sizeof nine);
  /* 4 KiB: acknowledged, and our compressor uses it. */
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 3, small, sizeof small);
  ack = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, 100);
  g_assert_nonnull (ack);
  g_assert_cmpint (l.peer->ppp->ccp.fsm.state, ==, DT_PPP_FSM_OPENED);
  g_assert_cmpstr (dt_ppp_get_compression (l.peer->ppp), ==, "Deflate 15/12, VJ");
  g_assert_true (dt_ppp_peer_trace_contains (l.peer, "sent [CCP ConfReq id=0x1 <deflate 15> "
                                                  "<deflate(old#) 15>]"));
  g_assert_true (dt_ppp_peer_trace_contains (l.peer, "sent [CCP ConfRej id=0x1 <bsd v1 15> "
                                                  "<mppe 0x1000040>"));
  link_clear (&l);
}

static void
test_compressed_datagrams (void)
{
  DtPppConfig c = link_config ();
  Link l;
  const guint8 *got;
  gsize got_len;

  link_start (&l, &c);
  link_open (&l);

  /* The peer's Deflate: IP, then a VJ header written by hand inside it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GByteArray) seg = tcp_segment (1000 + 300 * i, 7 + i, 300, FALSE);
      g_autoptr (GByteArray) comp = peer_compress (&l.z, 0x21, seg->data, seg->len);

      g_assert_cmpuint (comp->len, <, seg->len);
      dt_ppp_peer_send_frame (l.peer, 0x00fd, comp->data, comp->len);
      g_assert_cmpuint (l.peer->ipv4_in->len, ==, i + 1);
      got = g_bytes_get_data (l.peer->ipv4_in->pdata[i], &got_len);
      g_assert_cmpmem (got, got_len, seg->data, seg->len);
    }
  {
    g_autoptr (GByteArray) first = tcp_segment (5000, 20, 200, FALSE);
    g_autoptr (GByteArray) second = tcp_segment (5200, 21, 200, FALSE);
    g_autoptr (GByteArray) vju = g_byte_array_new ();
    g_autoptr (GByteArray) vjc = g_byte_array_new ();
    g_autoptr (GByteArray) comp = NULL;

    /* Whole, with slot 4 where the protocol was; then SPECIAL_D (0x0f: the sequence moved
     * by the last length, the ID by one) with the new TCP checksum, for slot 4 implied. */
    g_byte_array_append (vju, first->data, first->len);
    vju->data[9] = 4;
    g_byte_array_append (vjc, (const guint8[]) { 0x0f, second->data[36], second->data[37] }, 3);
    g_byte_array_append (vjc, second->data + 40, 200);
    comp = peer_compress (&l.z, 0x2f, vju->data, vju->len);
    dt_ppp_peer_send_frame (l.peer, 0x00fd, comp->data, comp->len);
    g_clear_pointer (&comp, g_byte_array_unref);
    comp = peer_compress (&l.z, 0x2d, vjc->data, vjc->len);
    dt_ppp_peer_send_frame (l.peer, 0x00fd, comp->data, comp->len);
    g_assert_cmpuint (l.peer->ipv4_in->len, ==, 5);
    got = g_bytes_get_data (l.peer->ipv4_in->pdata[3], &got_len);
    g_assert_cmpmem (got, got_len, first->data, first->len);
    got = g_bytes_get_data (l.peer->ipv4_in->pdata[4], &got_len);
    g_assert_cmpmem (got, got_len, second->data, second->len);
  }

  /* Ours: VJ inside Deflate; random data goes as it is (VJ-compressed), yet the next packet,
   * compressed against a history that holds it, inflates on the peer's side. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GByteArray) seg = tcp_segment (9000 + 500 * i, 40 + i, 500, i == 2);
      g_autoptr (DtPppPeerFrame) frame = NULL;
      g_autoptr (GByteArray) inner = NULL;
      gsize len;
      const guint8 *info;

      g_assert_true (dt_ppp_send_ipv4 (l.peer->ppp, seg->data, seg->len));
      frame = dt_ppp_peer_expect (l.peer, i == 2 ? 0x002d : 0x00fd, 0, 100);
      g_assert_nonnull (frame);
      info = g_bytes_get_data (frame->info, &len);
      if (i == 2)
        {
          /* Sent as it was: into the peer's history, as the kernel's z_incomp does. */
          inflateSetDictionary (&l.z.rx, (const guint8[]) { 0x2d }, 1);
          inflateSetDictionary (&l.z.rx, info, len);
          g_assert_cmpuint (len, ==, 3 + 500);
          continue;
        }
      inner = peer_inflate (&l.z, info, len, i);
      g_assert_cmpuint (inner->data[0], ==, i == 0 ? 0x2f : 0x2d);
      if (i == 0)
        {
          g_assert_cmpuint (inner->len, ==, 1 + seg->len);
          g_assert_cmpmem (inner->data + 10 + 1, inner->len - 11, seg->data + 10,
                           seg->len - 10);
        }
      else
        g_assert_cmpmem (inner->data + inner->len - 500, 500, seg->data + 40, 500);
    }
  link_clear (&l);
}

/* A Linux peer starts compressing the moment it sends its Configure-Ack of our request,
 * which can come before CCP is Opened on our side (its own request not yet acknowledged):
 * that first compressed packet must come out, not be dropped. */
static void
test_compressed_before_opened (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (DtPppPeerFrame) req = NULL, ack = NULL;
  g_autoptr (GByteArray) seg = tcp_segment (1, 1, 300, FALSE);
  g_autoptr (GByteArray) comp = NULL;
  const guint8 *data;
  gsize len;

  c.compression = DT_PPP_COMPRESSION_DEFLATE;
  link_start (&l, &c);
  dt_ppp_peer_open_ipcp (l.peer, 0x0a40000b, 0x0a000001, 0x0a000002, 0x0a400001);
  req = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 1000);
  data = dt_ppp_peer_frame_data (req, &len);
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data, len);
  g_assert_cmpint (l.peer->ppp->ccp.fsm.state, ==, DT_PPP_FSM_ACK_RCVD);
  comp = peer_compress (&l.z, 0x21, seg->data, seg->len);
  dt_ppp_peer_send_frame (l.peer, 0x00fd, comp->data, comp->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 1);
  /* Not shown as compression until Opened, and ours starts only then. */
  g_assert_null (dt_ppp_get_compression (l.peer->ppp));
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 1, deflate_both, sizeof deflate_both);
  ack = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_ACK, 100);
  g_assert_nonnull (ack);
  g_assert_cmpstr (dt_ppp_get_compression (l.peer->ppp), ==, "Deflate 15");
  link_clear (&l);
}

/* RFC 1144 §4 through the session: a frame damaged on the line (its FCS wrong) may have
 * been a VJ packet, so the next compressed header that does not name its slot is tossed;
 * one that names it is taken again. */
static void
test_vj_after_line_error (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (GByteArray) first = tcp_segment (100, 1, 50, FALSE);
  g_autoptr (GByteArray) second = tcp_segment (150, 2, 50, FALSE);
  g_autoptr (GByteArray) third = tcp_segment (200, 3, 50, FALSE);
  g_autoptr (GByteArray) vju = g_byte_array_new ();
  g_autoptr (GByteArray) vjc = g_byte_array_new ();
  g_autoptr (GByteArray) damaged = g_byte_array_new ();
  const guint8 *got;
  gsize got_len;

  c.compression = DT_PPP_COMPRESSION_VJ;
  link_start (&l, &c);
  {
    g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ,
                                                 1000);
    g_autoptr (DtPppPeerFrame) req2 = NULL, ack = NULL;
    const guint8 nak[] = { 3, 6, 10, 64, 0, 11 };
    const guint8 ours[] = { 2, 6, 0x00, 0x2d, 15, 1,  3, 6, 10, 64, 0, 1 };
    const guint8 *d;
    gsize len;

    dt_ppp_peer_send (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (req), nak,
                   sizeof nak);
    req2 = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 1000);
    d = dt_ppp_peer_frame_data (req2, &len);
    dt_ppp_peer_send (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req2), d, len);
    dt_ppp_peer_send (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 0x31, ours, sizeof ours);
    ack = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, 1000);
    g_assert_nonnull (ack);
  }
  g_assert_cmpstr (dt_ppp_get_compression (l.peer->ppp), ==, "VJ");

  g_byte_array_append (vju, first->data, first->len);
  vju->data[9] = 2;
  dt_ppp_peer_send_frame (l.peer, 0x002f, vju->data, vju->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 1);
  /* A frame whose last FCS byte the line changed. */
  dt_ppp_hdlc_encode (&l.peer->enc, damaged, 0x002d, (const guint8[]) { 0x0f, 1, 2 }, 3);
  damaged->data[damaged->len - 2] ^= 0x01;
  dt_ppp_input (l.peer->ppp, damaged->data, damaged->len);
  /* SPECIAL_D for slot 2, implied: tossed. */
  g_byte_array_append (vjc, (const guint8[]) { 0x0f, second->data[36], second->data[37] }, 3);
  g_byte_array_append (vjc, second->data + 40, 50);
  dt_ppp_peer_send_frame (l.peer, 0x002d, vjc->data, vjc->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 1);
  /* Named (C, with the sequence and the IP ID moved): taken, rebuilt from the slot as it was
   * before the lost one. */
  g_byte_array_set_size (vjc, 0);
  g_byte_array_append (vjc, (const guint8[]) { 0x68, 2, third->data[36], third->data[37], 100,
                                               2 }, 6);
  g_byte_array_append (vjc, third->data + 40, 50);
  dt_ppp_peer_send_frame (l.peer, 0x002d, vjc->data, vjc->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 2);
  got = g_bytes_get_data (l.peer->ipv4_in->pdata[1], &got_len);
  g_assert_cmpmem (got, got_len, third->data, third->len);
  link_clear (&l);
}

/* A packet lost on the line: the next one's sequence number is wrong, the session asks for
 * a reset and drops what comes compressed until the Reset-Ack; the peer's own Reset-Request
 * empties the session's history, and its next packet starts at 0. */
static void
test_resets (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (GByteArray) seg = tcp_segment (1, 1, 400, FALSE);
  g_autoptr (GByteArray) lost = NULL, late = NULL, fresh = NULL;
  g_autoptr (DtPppPeerFrame) reset = NULL, reset_ack = NULL, frame = NULL;
  g_autoptr (GByteArray) inner = NULL;
  const guint8 *info;
  gsize len;

  link_start (&l, &c);
  link_open (&l);
  lost = peer_compress (&l.z, 0x21, seg->data, seg->len);
  late = peer_compress (&l.z, 0x21, seg->data, seg->len);
  dt_ppp_peer_send_frame (l.peer, 0x00fd, late->data, late->len);
  reset = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_REQ, 100);
  g_assert_nonnull (reset);
  dt_ppp_peer_send_frame (l.peer, 0x00fd, late->data, late->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 0);
  g_assert_true (dt_ppp_peer_trace_contains (l.peer, "sent [CCP ResetReq"));

  /* Our Reset-Ack, with its identifier, and our compressor starts again. */
  deflateReset (&l.z.tx);
  l.z.tx_seq = 0;
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_ACK, dt_ppp_peer_frame_id (reset), NULL, 0);
  fresh = peer_compress (&l.z, 0x21, seg->data, seg->len);
  dt_ppp_peer_send_frame (l.peer, 0x00fd, fresh->data, fresh->len);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 1);
  g_assert_cmpuint (l.peer->ppp->ccp.stats.resets_sent, ==, 1);

  /* Our Reset-Request: the session's answer carries our identifier; its history is new. */
  g_assert_true (dt_ppp_send_ipv4 (l.peer->ppp, seg->data, seg->len));
  frame = dt_ppp_peer_expect (l.peer, 0x00fd, 0, 100);
  g_clear_pointer (&frame, dt_ppp_peer_frame_free);
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_REQ, 0x77, NULL, 0);
  reset_ack = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_ACK, 100);
  g_assert_nonnull (reset_ack);
  g_assert_cmpuint (dt_ppp_peer_frame_id (reset_ack), ==, 0x77);
  inflateReset (&l.z.rx);
  g_assert_true (dt_ppp_send_ipv4 (l.peer->ppp, seg->data, seg->len));
  frame = dt_ppp_peer_expect (l.peer, 0x00fd, 0, 100);
  info = g_bytes_get_data (frame->info, &len);
  inner = peer_inflate (&l.z, info, len, 0);
  g_assert_cmpuint (inner->data[0], ==, 0x2f);
  link_clear (&l);
}

/* A peer that never acknowledges our Reset-Requests: a few more, then CCP closes and the
 * link goes on without compression. */
static void
test_reset_never_acknowledged (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (GByteArray) seg = tcp_segment (1, 1, 400, FALSE);
  g_autoptr (GByteArray) lost = NULL, late = NULL;
  g_autoptr (DtPppPeerFrame) term = NULL, plain = NULL;

  link_start (&l, &c);
  link_open (&l);
  lost = peer_compress (&l.z, 0x21, seg->data, seg->len);
  late = peer_compress (&l.z, 0x21, seg->data, seg->len);
  dt_ppp_peer_send_frame (l.peer, 0x00fd, late->data, late->len);
  term = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_TERM_REQ, 3000);
  g_assert_nonnull (term);
  g_assert_cmpuint (l.peer->ppp->ccp.stats.resets_sent, ==, 5);
  g_assert_true (dt_ppp_peer_trace_contains (l.peer, "\"Lost compression sync\""));
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  g_assert_cmpint (dt_ppp_get_phase (l.peer->ppp), ==, DT_PPP_PHASE_RUNNING);
  g_assert_cmpstr (dt_ppp_get_compression (l.peer->ppp), ==, "VJ");
  g_assert_true (dt_ppp_send_ipv4 (l.peer->ppp, seg->data, seg->len));
  plain = dt_ppp_peer_expect (l.peer, 0x002f, 0, 100);
  g_assert_nonnull (plain);
  link_clear (&l);
}

static guint
count_naks (DtPppPeer *peer)
{
  DtPppPeerFrame *f;
  guint n = 0;

  while ((f = dt_ppp_peer_expect (peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_NAK, 0)) != NULL)
    {
      n++;
      dt_ppp_peer_frame_free (f);
    }
  return n;
}

/* CCP Configure-Requests without end: before IPCP is up only a few are kept for CCP, a
 * retransmission once; after, CCP gives up; the link stays. */
static void
test_request_flood (void)
{
  DtPppConfig c = link_config ();
  Link l;
  const guint8 tiny[] = { 26, 4, 0x08, 0 };
  guint naks;

  link_start (&l, &c);
  /* The same request again (pppd's retransmission): held once. */
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 0x70, tiny, sizeof tiny);
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, 0x70, tiny, sizeof tiny);
  g_assert_cmpuint (l.peer->ppp->ccp_held.length, ==, 1);
  for (guint i = 0; i < 50; i++)
    dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, i, tiny, sizeof tiny);
  g_assert_cmpuint (l.peer->ppp->ccp_held.length, ==, 4);
  link_open_ipcp (&l);
  g_assert_cmpuint (count_naks (l.peer), ==, 4);
  for (guint i = 0; i < 200; i++)
    dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CONF_REQ, i, tiny, sizeof tiny);
  naks = count_naks (l.peer);
  g_assert_cmpuint (naks, <, 30);
  g_assert_cmpint (l.peer->ppp->ccp.fsm.reason, ==, DT_PPP_FSM_REASON_NOT_CONVERGED);
  g_assert_cmpint (dt_ppp_get_phase (l.peer->ppp), ==, DT_PPP_PHASE_RUNNING);
  g_assert_cmpint (l.peer->ppp->lcp.fsm.state, ==, DT_PPP_FSM_OPENED);
  link_clear (&l);
}

/* Reset codes outside Opened are discarded; codes CCP does not know are Code-Rejected. */
static void
test_codes (void)
{
  DtPppConfig c = link_config ();
  Link l;
  g_autoptr (DtPppPeerFrame) rej = NULL;

  link_start (&l, &c);
  link_open_ipcp (&l);
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_REQ, 5, NULL, 0);
  g_assert_null (dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CCP_RESET_ACK, 0));
  dt_ppp_peer_send (l.peer, DT_PPP_PROTO_CCP, 0x20, 6, NULL, 0);
  rej = dt_ppp_peer_expect (l.peer, DT_PPP_PROTO_CCP, DT_PPP_CODE_REJ, 100);
  g_assert_nonnull (rej);
  /* Compressed data before CCP is up: dropped, and nothing comes out. */
  dt_ppp_peer_send_frame (l.peer, 0x00fd, (const guint8[]) { 0, 0, 1, 2, 3 }, 5);
  g_assert_cmpuint (l.peer->ipv4_in->len, ==, 0);
  link_clear (&l);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/ccp/negotiation", test_negotiation);
  g_test_add_func ("/ppp/ccp/compressed-datagrams", test_compressed_datagrams);
  g_test_add_func ("/ppp/ccp/resets", test_resets);
  g_test_add_func ("/ppp/ccp/compressed-before-opened", test_compressed_before_opened);
  g_test_add_func ("/ppp/ccp/vj-after-line-error", test_vj_after_line_error);
  g_test_add_func ("/ppp/ccp/reset-never-acknowledged", test_reset_never_acknowledged);
  g_test_add_func ("/ppp/ccp/request-flood", test_request_flood);
  g_test_add_func ("/ppp/ccp/codes", test_codes);
  return g_test_run ();
}
