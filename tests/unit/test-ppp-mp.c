/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The multilink protocol (RFC 1990) of DtPppMp, byte for byte: the long and short headers,
 * a large packet split across two links and put back together, fragments that arrive out of
 * order across the links, the loss detection of §4.1 (a hole below M, a packet without its
 * first or last fragment), the loss timer for a silent link, sequence numbers that wrap,
 * duplicates, the inner protocol field compressed, a reassembled packet over the MRRU, a flood
 * of fragments that never complete (memory stays bounded), a link without multilink only
 * alone, and a new link used for sending only once the peer has sent on it. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-mp.h"

typedef struct {
  guint16 protocol;
  GBytes *info;
} Packet;

typedef struct {
  gpointer link;
  guint16 protocol;
  GBytes *frame;
} Sent;

typedef struct {
  GArray *delivered;   /* Packet */
  GArray *sent;        /* Sent */
  gsize backlog[2];
} Peer;

static int link_a, link_b;
#define A ((gpointer) &link_a)
#define B ((gpointer) &link_b)

static void
on_deliver (DtPppMp      *mp,
            guint16       protocol,
            const guint8 *info,
            gsize         len,
            gpointer      data)
{
  Peer *peer = data;
  Packet packet = { protocol, g_bytes_new (info, len) };

  g_array_append_val (peer->delivered, packet);
}

static void
on_send (DtPppMp      *mp,
         gpointer      link,
         guint16       protocol,
         const guint8 *info,
         gsize         len,
         gpointer      data)
{
  Peer *peer = data;
  Sent sent = { link, protocol, g_bytes_new (info, len) };

  g_array_append_val (peer->sent, sent);
}

static gsize
on_backlog (DtPppMp  *mp,
            gpointer  link,
            gpointer  data)
{
  Peer *peer = data;

  return peer->backlog[link == A ? 0 : 1];
}

static const DtPppMpOwner owner = { on_deliver, on_send, on_backlog };

static void
packet_clear (gpointer data)
{
  g_bytes_unref (((Packet *) data)->info);
}

static void
sent_clear (gpointer data)
{
  g_bytes_unref (((Sent *) data)->frame);
}

static void
peer_init (Peer *peer)
{
  memset (peer, 0, sizeof *peer);
  peer->delivered = g_array_new (FALSE, FALSE, sizeof (Packet));
  g_array_set_clear_func (peer->delivered, packet_clear);
  peer->sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_array_set_clear_func (peer->sent, sent_clear);
}

static void
peer_clear (Peer *peer)
{
  g_array_unref (peer->delivered);
  g_array_unref (peer->sent);
}

/* Two links of 1500, long or short headers both ways. */
static DtPppMp *
bundle (Peer     *peer,
        gboolean  short_seq)
{
  DtPppMp *mp = dt_ppp_mp_new (&owner, peer, 1500);

  g_assert_true (dt_ppp_mp_add_link (mp, A, TRUE, short_seq, short_seq, 1500));
  g_assert_true (dt_ppp_mp_add_link (mp, B, TRUE, short_seq, short_seq, 1500));
  dt_ppp_mp_set_peer_mrru (mp, 1500);
  return mp;
}

/* A fragment as the peer sends it: long (B E 000000, 24 bits) or short (B E 00, 12 bits). */
static void
fragment (DtPppMp      *mp,
          gpointer      link,
          gboolean      short_seq,
          guint32       seq,
          gboolean      first,
          gboolean      last,
          const guint8 *data,
          gsize         len)
{
  g_autofree guint8 *frame = g_malloc (4 + len);
  guint8 flags = (first ? 0x80 : 0) | (last ? 0x40 : 0);
  gsize header = short_seq ? 2 : 4;

  if (short_seq)
    {
      frame[0] = flags | ((seq >> 8) & 0x0f);
      frame[1] = seq & 0xff;
    }
  else
    {
      frame[0] = flags;
      frame[1] = seq >> 16;
      frame[2] = seq >> 8;
      frame[3] = seq;
    }
  memcpy (frame + header, data, len);
  dt_ppp_mp_input (mp, link, frame, header + len);
}

/* An IP packet of @len bytes: the protocol field, then bytes counting from @base. */
static GBytes *
ip_packet (gsize len,
           guint base)
{
  guint8 *p = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    p[i] = base + i;
  return g_bytes_new_take (p, len);
}

static void
assert_delivered (Peer   *peer,
                  guint   index,
                  GBytes *info)
{
  Packet *packet;

  g_assert_cmpuint (peer->delivered->len, >, index);
  packet = &g_array_index (peer->delivered, Packet, index);
  g_assert_cmpuint (packet->protocol, ==, DT_PPP_PROTO_IP);
  g_assert_true (g_bytes_equal (packet->info, info));
}

/* Our sender splits a large packet across both links; the fragments, fed back in any order,
 * make the packet again. */
static void
test_split_and_reassemble (void)
{
  Peer tx, rx;
  g_autoptr (DtPppMp) sender = NULL, receiver = NULL;
  g_autoptr (GBytes) packet = ip_packet (1200, 7);
  Sent *first, *second;
  const guint8 *f0, *f1;
  gsize l0, l1;

  peer_init (&tx);
  peer_init (&rx);
  sender = bundle (&tx, FALSE);
  receiver = bundle (&rx, FALSE);
  g_assert_true (dt_ppp_mp_send (sender, DT_PPP_PROTO_IP, g_bytes_get_data (packet, NULL), 1200));
  g_assert_cmpuint (tx.sent->len, ==, 2);
  first = &g_array_index (tx.sent, Sent, 0);
  second = &g_array_index (tx.sent, Sent, 1);
  g_assert_true (first->link != second->link);
  g_assert_cmpuint (first->protocol, ==, DT_PPP_PROTO_MP);
  f0 = g_bytes_get_data (first->frame, &l0);
  f1 = g_bytes_get_data (second->frame, &l1);
  /* B, then E; consecutive numbers; the protocol field leads the first; halves. */
  g_assert_cmpuint (f0[0], ==, 0x80);
  g_assert_cmpuint (f1[0], ==, 0x40);
  g_assert_cmpuint (f0[3] + 1, ==, f1[3]);
  g_assert_cmpuint (dt_ppp_get16 (f0 + 4), ==, DT_PPP_PROTO_IP);
  g_assert_cmpuint (l0 + l1, ==, 2 * 4 + 2 + 1200);
  g_assert_cmpuint (MAX (l0, l1) - MIN (l0, l1), <=, 1);

  /* The second link's fragment first. */
  dt_ppp_mp_input (receiver, second->link, f1, l1);
  g_assert_cmpuint (rx.delivered->len, ==, 0);
  dt_ppp_mp_input (receiver, first->link, f0, l0);
  assert_delivered (&rx, 0, packet);

  /* A small packet goes whole, on the link with the least waiting. */
  tx.backlog[0] = 5000;
  g_assert_true (dt_ppp_mp_send (sender, DT_PPP_PROTO_IP, (const guint8 *) "\x45\0\0\x14", 4));
  g_assert_cmpuint (tx.sent->len, ==, 3);
  first = &g_array_index (tx.sent, Sent, 2);
  g_assert_true (first->link == B);
  f0 = g_bytes_get_data (first->frame, &l0);
  g_assert_cmpuint (f0[0], ==, 0xc0);
  peer_clear (&tx);
  peer_clear (&rx);
}

/* §4.1: M is the least number the links last brought; a hole below it is for good. */
static void
test_loss_below_m (void)
{
  Peer rx;
  g_autoptr (DtPppMp) mp = NULL;
  g_autoptr (GBytes) whole = ip_packet (300, 1);
  const guint8 *p = g_bytes_get_data (whole, NULL);
  guint8 packet[302];
  DtPppMpStats stats;

  peer_init (&rx);
  mp = bundle (&rx, FALSE);
  dt_ppp_put16 (packet, DT_PPP_PROTO_IP);
  memcpy (packet + 2, p, 300);

  /* Packet one: 10, 11 (lost), 12.  Packet two: 13 (B E). */
  fragment (mp, A, FALSE, 10, TRUE, FALSE, packet, 100);
  fragment (mp, A, FALSE, 12, FALSE, TRUE, packet + 200, 102);
  g_assert_cmpuint (rx.delivered->len, ==, 0);
  /* Link B has not spoken: M is unknown, nothing is given up yet. */
  fragment (mp, A, FALSE, 13, TRUE, TRUE, packet, 302);
  g_assert_cmpuint (rx.delivered->len, ==, 0);
  /* B brings 14: M = 13 > 11, so 11 is lost, packet one with it; packet two goes. */
  fragment (mp, B, FALSE, 14, TRUE, TRUE, packet, 302);
  g_assert_cmpuint (rx.delivered->len, ==, 2);
  assert_delivered (&rx, 0, whole);
  assert_delivered (&rx, 1, whole);
  dt_ppp_mp_get_stats (mp, &stats);
  g_assert_cmpuint (stats.lost, ==, 3);   /* 10, the hole 11, 12 */
  g_assert_cmpuint (stats.packets_in, ==, 2);
  g_assert_cmpuint (dt_ppp_mp_get_held (mp, NULL), ==, 0);

  /* Late: 11 arrives after all. */
  fragment (mp, B, FALSE, 11, FALSE, FALSE, packet + 100, 100);
  g_assert_cmpuint (rx.delivered->len, ==, 2);
  dt_ppp_mp_get_stats (mp, &stats);
  g_assert_cmpuint (stats.dropped, >=, 1);
  peer_clear (&rx);
}

/* A packet without its B (the start lost before we looked), one without its E (the next
 * packet's B comes first), duplicates, and a compressed protocol field. */
static void
test_broken_packets (void)
{
  Peer rx;
  g_autoptr (DtPppMp) mp = NULL;
  static const guint8 pfc[] = { 0x21, 0x45, 0, 0, 0x14 };

  peer_init (&rx);
  mp = bundle (&rx, TRUE);
  fragment (mp, A, TRUE, 5, FALSE, TRUE, pfc, sizeof pfc);          /* no B */
  fragment (mp, B, TRUE, 6, TRUE, FALSE, pfc, sizeof pfc);          /* no E: */
  fragment (mp, A, TRUE, 7, TRUE, TRUE, pfc, sizeof pfc);           /* the next B */
  fragment (mp, A, TRUE, 7, TRUE, TRUE, pfc, sizeof pfc);           /* a duplicate */
  g_assert_cmpuint (rx.delivered->len, ==, 1);
  g_assert_cmpuint (g_array_index (rx.delivered, Packet, 0).protocol, ==, DT_PPP_PROTO_IP);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (rx.delivered, Packet, 0).info), ==, 4);
  peer_clear (&rx);
}

/* Sequence numbers wrap: 12 bits (0xffe, 0xfff, 0) and 24 bits. */
static void
test_wrap (void)
{
  g_autoptr (GBytes) whole = ip_packet (30, 3);
  guint8 packet[32];

  dt_ppp_put16 (packet, DT_PPP_PROTO_IP);
  memcpy (packet + 2, g_bytes_get_data (whole, NULL), 30);
  for (int short_seq = 0; short_seq <= 1; short_seq++)
    {
      Peer rx;
      g_autoptr (DtPppMp) mp = NULL;
      guint32 top = short_seq ? 0xfff : 0xffffff;

      peer_init (&rx);
      mp = bundle (&rx, short_seq);
      fragment (mp, B, short_seq, 0, FALSE, TRUE, packet + 20, 12);
      fragment (mp, A, short_seq, top - 1, TRUE, FALSE, packet, 10);
      fragment (mp, A, short_seq, top, FALSE, FALSE, packet + 10, 10);
      g_assert_cmpuint (rx.delivered->len, ==, 1);
      assert_delivered (&rx, 0, whole);
      peer_clear (&rx);
    }
}

/* A link falls silent with a hole before it: the loss timer gives the hole up. */
static void
test_loss_timer (void)
{
  Peer rx;
  g_autoptr (DtPppMp) mp = NULL;
  g_autoptr (GBytes) whole = ip_packet (40, 9);
  guint8 packet[42];
  gint64 start = g_get_monotonic_time ();

  peer_init (&rx);
  mp = bundle (&rx, FALSE);
  dt_ppp_put16 (packet, DT_PPP_PROTO_IP);
  memcpy (packet + 2, g_bytes_get_data (whole, NULL), 40);
  fragment (mp, B, FALSE, 1, TRUE, TRUE, packet, 42);
  fragment (mp, A, FALSE, 3, TRUE, TRUE, packet, 42);   /* 2 went on B, which is silent */
  g_assert_cmpuint (rx.delivered->len, ==, 1);
  while (rx.delivered->len < 2 && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rx.delivered->len, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (DT_PPP_MP_LOSS_MS - 100) * 1000);
  peer_clear (&rx);
}

/* Fragments that never complete, a flood of them: memory stays bounded; a packet over the
 * MRRU is dropped; lying headers are dropped. */
static void
test_bounds (void)
{
  Peer rx;
  g_autoptr (DtPppMp) mp = NULL;
  guint8 chunk[400] = { 0x00, 0x21 };
  DtPppMpStats stats;
  gsize bytes;

  peer_init (&rx);
  mp = bundle (&rx, FALSE);
  /* Every other number, never an E: holes M never passes (link B is silent). */
  for (guint32 seq = 0; seq < 20000; seq += 2)
    {
      fragment (mp, A, FALSE, seq, TRUE, FALSE, chunk, sizeof chunk);
      g_assert_cmpuint (dt_ppp_mp_get_held (mp, &bytes), <=, DT_PPP_MP_MAX_FRAGMENTS);
      g_assert_cmpuint (bytes, <=, 4 * 1500);
    }
  g_assert_cmpuint (rx.delivered->len, ==, 0);

  /* A packet of four 400-byte fragments: 1600 bytes, over our MRRU of 1500. */
  dt_ppp_mp_expire (mp);
  while (dt_ppp_mp_get_held (mp, NULL) > 0)
    dt_ppp_mp_expire (mp);
  for (guint32 i = 0; i < 4; i++)
    fragment (mp, B, FALSE, 30000 + i, i == 0, i == 3, chunk, sizeof chunk);
  fragment (mp, A, FALSE, 30004, TRUE, TRUE, chunk, 10);
  g_assert_cmpuint (rx.delivered->len, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (rx.delivered, Packet, 0).info), ==, 8);

  /* Headers cut short, from a link that is not a member. */
  dt_ppp_mp_input (mp, A, chunk, 3);
  dt_ppp_mp_input (mp, A, chunk, 4);
  dt_ppp_mp_input (mp, &stats, chunk, 100);
  dt_ppp_mp_get_stats (mp, &stats);
  g_assert_cmpuint (stats.dropped, >=, 4);
  peer_clear (&rx);
}

/* A link without multilink carries the bundle alone, without headers; no other link may
 * join it, and a multilink bundle takes no link without it. */
static void
test_without_multilink (void)
{
  Peer peer;
  g_autoptr (DtPppMp) mp = NULL;
  g_autoptr (DtPppMp) ml = NULL;
  const guint8 *frame;
  gsize len;

  peer_init (&peer);
  mp = dt_ppp_mp_new (&owner, &peer, 1500);
  g_assert_true (dt_ppp_mp_add_link (mp, A, FALSE, FALSE, FALSE, 1500));
  g_assert_false (dt_ppp_mp_add_link (mp, B, TRUE, FALSE, FALSE, 1500));
  g_assert_true (dt_ppp_mp_send (mp, DT_PPP_PROTO_IP, (const guint8 *) "\x45\0\0\x14", 4));
  g_assert_cmpuint (g_array_index (peer.sent, Sent, 0).protocol, ==, DT_PPP_PROTO_IP);
  frame = g_bytes_get_data (g_array_index (peer.sent, Sent, 0).frame, &len);
  g_assert_cmpmem (frame, len, "\x45\0\0\x14", 4);

  ml = dt_ppp_mp_new (&owner, &peer, 1500);
  g_assert_true (dt_ppp_mp_add_link (ml, A, TRUE, FALSE, FALSE, 1500));
  g_assert_false (dt_ppp_mp_add_link (ml, B, FALSE, FALSE, FALSE, 1500));
  /* Nor one whose header format differs. */
  g_assert_false (dt_ppp_mp_add_link (ml, B, TRUE, TRUE, FALSE, 1500));
  peer_clear (&peer);
}

/* A link that just joined is used for sending once the peer has sent on it. */
static void
test_new_link_waits (void)
{
  Peer peer;
  g_autoptr (DtPppMp) mp = NULL;
  guint8 packet[2 + 1000] = { 0x00, 0x21 };

  peer_init (&peer);
  mp = bundle (&peer, FALSE);
  fragment (mp, A, FALSE, 1, TRUE, TRUE, packet, 30);
  g_assert_true (dt_ppp_mp_send (mp, DT_PPP_PROTO_IP, packet + 2, 1000));
  g_assert_cmpuint (peer.sent->len, ==, 1);
  g_assert_true (g_array_index (peer.sent, Sent, 0).link == A);
  fragment (mp, B, FALSE, 2, TRUE, TRUE, packet, 30);
  g_assert_true (dt_ppp_mp_send (mp, DT_PPP_PROTO_IP, packet + 2, 1000));
  g_assert_cmpuint (peer.sent->len, ==, 3);
  g_assert_true (g_array_index (peer.sent, Sent, 1).link !=
                 g_array_index (peer.sent, Sent, 2).link);
  peer_clear (&peer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/mp/split-and-reassemble", test_split_and_reassemble);
  g_test_add_func ("/ppp/mp/loss-below-m", test_loss_below_m);
  g_test_add_func ("/ppp/mp/broken-packets", test_broken_packets);
  g_test_add_func ("/ppp/mp/wrap", test_wrap);
  g_test_add_func ("/ppp/mp/loss-timer", test_loss_timer);
  g_test_add_func ("/ppp/mp/bounds", test_bounds);
  g_test_add_func ("/ppp/mp/without-multilink", test_without_multilink);
  g_test_add_func ("/ppp/mp/new-link-waits", test_new_link_waits);
  return g_test_run ();
}
