/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Van Jacobson header compression (RFC 1144) on its own: TCP conversations built byte for
 * byte go through one side's compressor and the other side's decompressor and must come out
 * exactly as they went in, in the sizes §3.2 promises (a bulk transfer's header in 3 bytes);
 * what the RFC cannot compress goes whole or as plain IP; more conversations than slots;
 * the error recovery of §4 (toss until a packet names its slot); and hostile input: unknown
 * slots, every truncation, bad checksums, random bytes, never a crash or a read outside the
 * buffers (the ASan build runs this too). */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-vj.h"
#include "dt-test-inet.h"

#define TH_FIN  0x01
#define TH_SYN  0x02
#define TH_PUSH 0x08
#define TH_ACK  0x10
#define TH_URG  0x20

typedef struct {
  guint32 src, dst;
  guint16 sport, dport;
  guint32 seq, ack;
  guint16 win, id, urp;
  guint8  flags, tos, proto;
  guint16 frag;
  const guint8 *opts;      /* TCP options, a multiple of 4 bytes */
  gsize   opts_len;
  gsize   payload;
  guint8  fill;
} Tcp;

/* A real IPv4/TCP datagram: both checksums right, as a host would send it. */
static GByteArray *
build (const Tcp *t)
{
  gsize thl = 20 + t->opts_len, len = 20 + thl + t->payload;
  GByteArray *a = g_byte_array_sized_new (len);
  guint8 *ip, *th, pseudo[12];
  guint32 sum = 0;

  g_byte_array_set_size (a, len);
  ip = a->data;
  memset (ip, 0, len);
  ip[0] = 0x45;
  ip[1] = t->tos;
  dt_ppp_put16 (ip + 2, len);
  dt_ppp_put16 (ip + 4, t->id);
  dt_ppp_put16 (ip + 6, t->frag);
  ip[8] = 64;
  ip[9] = t->proto ? t->proto : 6;
  dt_ppp_put32 (ip + 12, t->src);
  dt_ppp_put32 (ip + 16, t->dst);
  dt_ppp_put16 (ip + 10, dt_test_inet_checksum (ip, 20, 0));
  th = ip + 20;
  dt_ppp_put16 (th, t->sport);
  dt_ppp_put16 (th + 2, t->dport);
  dt_ppp_put32 (th + 4, t->seq);
  dt_ppp_put32 (th + 8, t->ack);
  th[12] = (thl / 4) << 4;
  th[13] = t->flags;
  dt_ppp_put16 (th + 14, t->win);
  dt_ppp_put16 (th + 18, t->urp);
  if (t->opts_len > 0)
    memcpy (th + 20, t->opts, t->opts_len);
  for (gsize i = 0; i < t->payload; i++)
    th[thl + i] = t->fill + i * 7;
  memcpy (pseudo, ip + 12, 8);
  pseudo[8] = 0;
  pseudo[9] = 6;
  dt_ppp_put16 (pseudo + 10, thl + t->payload);
  for (gsize i = 0; i < sizeof pseudo; i += 2)
    sum += (pseudo[i] << 8) | pseudo[i + 1];
  dt_ppp_put16 (th + 16, dt_test_inet_checksum (th, thl + t->payload, sum));
  return a;
}

typedef struct {
  DtPppVj *tx;     /* our compressor */
  DtPppVj *rx;     /* the peer's decompressor */
} Link;

static void
link_init (Link     *l,
           guint     max_slot,
           gboolean  comp_slot)
{
  l->tx = dt_ppp_vj_new ();
  l->rx = dt_ppp_vj_new ();
  dt_ppp_vj_set_tx (l->tx, max_slot, comp_slot);
  dt_ppp_vj_set_rx (l->rx, max_slot);
}

static void
link_clear (Link *l)
{
  dt_ppp_vj_free (l->tx);
  dt_ppp_vj_free (l->rx);
}

/* Sends @t across: returns the protocol it went as, with its size on the link in *@sent;
 * what comes out must be the datagram exactly. */
static guint16
cross (Link      *l,
       const Tcp *t,
       gsize     *sent)
{
  g_autoptr (GByteArray) pkt = build (t);
  g_autofree guint8 *wire = g_malloc (pkt->len);
  g_autofree guint8 *out = g_malloc (pkt->len + DT_PPP_VJ_MAX_GROWTH);
  gsize wire_len = 0, out_len;
  guint16 protocol = dt_ppp_vj_compress (l->tx, pkt->data, pkt->len, wire, &wire_len);

  if (protocol == DT_PPP_PROTO_IP)
    {
      *sent = pkt->len;
      return protocol;
    }
  g_assert_cmpuint (wire_len, <=, pkt->len);
  out_len = dt_ppp_vj_uncompress (l->rx, protocol, wire, wire_len, out,
                                  pkt->len + DT_PPP_VJ_MAX_GROWTH);
  g_assert_cmpmem (out, out_len, pkt->data, pkt->len);
  *sent = wire_len;
  return protocol;
}

static const Tcp download = {
  .src = 0x0a400001, .dst = 0x0a40000b, .sport = 80, .dport = 40000, .seq = 1000,
  .ack = 500, .win = 65535, .id = 7, .flags = TH_ACK, .payload = 1460, .fill = 3,
};

static void
test_bulk_transfer (void)
{
  Link l;
  Tcp t = download;
  gsize sent;

  link_init (&l, 15, TRUE);
  /* The first sets up the slot, whole (and names it); then 3 bytes a header (§3.2: change
   * mask, TCP checksum; SPECIAL_D says the sequence moved by the last length). */
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  g_assert_cmpuint (sent, ==, 40 + 1460);
  for (int i = 0; i < 50; i++)
    {
      t.seq += t.payload;
      t.id++;
      g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
      g_assert_cmpuint (sent, ==, 3 + 1460);
    }
  /* A shorter last segment still decodes: its length comes from the frame. */
  t.seq += t.payload;
  t.id++;
  t.payload = 17;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_compressed, ==, 51);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_errors, ==, 0);
  link_clear (&l);
}

static void
test_changing_fields (void)
{
  Link l;
  Tcp t = download;
  gsize sent;

  link_init (&l, 15, TRUE);
  t.payload = 0;   /* the upload's ACKs */
  cross (&l, &t, &sent);
  for (int i = 0; i < 20; i++)
    {
      t.ack += 1460 * (i % 3 + 1);
      t.win -= 300 * (i % 2);        /* window shrinks: a negative 16-bit delta */
      t.id += i % 4 == 0 ? 1 : 300;   /* NEW_I, with a 3-byte encoding */
      g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
    }
  /* Data after a bare ACK (the interactive case of §3.2.3 with nothing else changed). */
  t.payload = 5;
  t.id++;
  t.flags |= TH_PUSH;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  /* Echoed typing: sequence and ack both move by the last length (SPECIAL_I). */
  t.seq += 5;
  t.ack += 5;
  t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  g_assert_cmpuint (sent, ==, 3 + 5);
  /* Urgent data: URG and the pointer come across, then go away again. */
  t.seq += 5;
  t.id++;
  t.flags |= TH_URG;
  t.urp = 3;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  t.seq += 5;
  t.id++;
  t.flags &= ~(TH_URG | TH_PUSH);
  g_assert_cmphex (cross (&l, &t, &sent), !=, DT_PPP_PROTO_IP);
  /* A big step in the sequence (over 255: 3 bytes), then one over 65535 (whole). */
  t.seq += 5 + 4000;
  t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  t.seq += 70000;
  t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_errors, ==, 0);
  link_clear (&l);
}

static void
test_not_compressed (void)
{
  static const guint8 ts1[12] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
  static const guint8 ts2[12] = { 1, 1, 8, 10, 0, 0, 0, 2, 0, 0, 0, 2 };
  Link l;
  Tcp t = download;
  gsize sent;

  link_init (&l, 15, TRUE);
  /* No ACK alone: SYN, FIN.  Not TCP.  A fragment. */
  t.flags = TH_SYN;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_IP);
  t.flags = TH_ACK | TH_FIN;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_IP);
  t.flags = TH_ACK;
  t.proto = 17;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_IP);
  t.proto = 0;
  t.frag = 0x2000;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_IP);
  t.frag = 0x4000;   /* Don't Fragment is fine */
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);

  /* A retransmission (nothing changed) goes whole, in case the peer missed the first. */
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  /* Options that change each segment (timestamps): whole every time (§3.2.2). */
  t.opts = ts1;
  t.opts_len = sizeof ts1;
  t.seq += t.payload;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  t.opts = ts2;
  t.seq += t.payload;
  t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  /* The same options again: compressed. */
  t.seq += t.payload;
  t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  /* ECN's CE in the TOS byte, or ECE among the flags: the slot cannot say it. */
  t.seq += t.payload;
  t.id++;
  t.tos = 3;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  t.seq += t.payload;
  t.id++;
  t.flags |= 0x40;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  link_clear (&l);
}

static void
test_more_conversations_than_slots (void)
{
  Link l;
  Tcp t[20];
  gsize sent;

  link_init (&l, 15, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      t[i] = download;
      t[i].dport = 40000 + i;
      t[i].payload = 100 + i;
    }
  for (int round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (t); i++)
      {
        guint k = (i * 7 + round) % G_N_ELEMENTS (t);

        cross (&l, &t[k], &sent);
        t[k].seq += t[k].payload;
        t[k].id++;
      }
  /* Two conversations in turn stay in their slots and compress, slot numbers included. */
  for (int i = 0; i < 10; i++)
    {
      guint16 protocol = cross (&l, &t[i % 2], &sent);

      g_assert_cmphex (protocol, !=, DT_PPP_PROTO_IP);
      if (i >= 2)
        g_assert_cmphex (protocol, ==, DT_PPP_PROTO_VJC);
      t[i % 2].seq += t[i % 2].payload;
      t[i % 2].id++;
    }
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.tx)->out_misses, >, 0);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_errors, ==, 0);
  link_clear (&l);
}

static void
test_slot_numbers_always_sent (void)
{
  Link l;
  Tcp t = download;
  gsize sent;

  link_init (&l, 0, FALSE);   /* one slot, and the peer wants every slot number */
  cross (&l, &t, &sent);
  for (int i = 0; i < 5; i++)
    {
      t.seq += t.payload;
      t.id++;
      g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
      g_assert_cmpuint (sent, ==, 4 + t.payload);
    }
  link_clear (&l);
}

/* §4: after an error, compressed packets that do not name their slot are tossed, until one
 * does (or one comes whole). */
static void
test_error_recovery (void)
{
  Link l;
  Tcp t = download;
  g_autoptr (GByteArray) pkt = NULL;
  guint8 wire[1600], out[1600 + DT_PPP_VJ_MAX_GROWTH];
  gsize wire_len, sent;

  link_init (&l, 15, TRUE);
  cross (&l, &t, &sent);
  t.seq += t.payload, t.id++;
  cross (&l, &t, &sent);

  /* A frame lost on the line (a bad FCS): the next implicit one is tossed. */
  dt_ppp_vj_receive_error (l.rx);
  t.seq += t.payload, t.id++;
  pkt = build (&t);
  g_assert_cmphex (dt_ppp_vj_compress (l.tx, pkt->data, pkt->len, wire, &wire_len), ==,
                   DT_PPP_PROTO_VJC);
  g_assert_false (wire[0] & 0x40);
  g_assert_cmpuint (dt_ppp_vj_uncompress (l.rx, DT_PPP_PROTO_VJC, wire, wire_len, out,
                                          sizeof out), ==, 0);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_tossed, ==, 1);
  /* TCP retransmits: unchanged, so whole; the decompressor is back. */
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJU);
  t.seq += t.payload, t.id++;
  g_assert_cmphex (cross (&l, &t, &sent), ==, DT_PPP_PROTO_VJC);
  g_assert_cmpuint (dt_ppp_vj_get_stats (l.rx)->in_errors, ==, 0);
  link_clear (&l);
}

static void
test_hostile_input (void)
{
  g_autoptr (DtPppVj) rx = dt_ppp_vj_new ();
  Link l;
  Tcp t = download;
  g_autoptr (GByteArray) pkt = build (&t);
  guint8 wire[1600], out[1600 + DT_PPP_VJ_MAX_GROWTH];
  gsize wire_len, sent;
  const DtPppVjStats *st = dt_ppp_vj_get_stats (rx);
  guint64 errors;

  dt_ppp_vj_set_rx (rx, 15);
  /* A compressed header for a slot past the table, or one never set up. */
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJC,
                                          (const guint8[]) { 0x4f, 16, 0, 0 }, 4, out,
                                          sizeof out), ==, 0);
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJC,
                                          (const guint8[]) { 0x4f, 3, 0, 0 }, 4, out,
                                          sizeof out), ==, 0);
  g_assert_cmpuint (st->in_errors, ==, 2);
  /* Whole headers: too short, slot past the table, IP checksum wrong, TCP offset too big. */
  memcpy (wire, pkt->data, pkt->len);
  wire[9] = 2;
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJU, wire, 39, out, sizeof out),
                    ==, 0);
  wire[9] = 16;
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJU, wire, pkt->len, out,
                                          sizeof out), ==, 0);
  wire[9] = 2;
  wire[8] ^= 1;
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJU, wire, pkt->len, out,
                                          sizeof out), ==, 0);
  wire[8] ^= 1;
  wire[32] = 0xf0;
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJU, wire, 60, out, sizeof out),
                    ==, 0);
  /* An output buffer too small for what the slot would rebuild. */
  wire[32] = 0x50;
  g_assert_cmpuint (dt_ppp_vj_uncompress (rx, DT_PPP_PROTO_VJU, wire, pkt->len, out, 100),
                    ==, 0);
  errors = st->in_errors;
  g_assert_cmpuint (errors, ==, 7);

  /* Every truncation of a real compressed packet (urgent, ack, sequence and IP id deltas,
   * the long forms): dropped or rebuilt within bounds, never a read past its end. */
  link_init (&l, 15, TRUE);
  cross (&l, &t, &sent);
  t.seq += 70, t.ack += 300, t.id += 900, t.flags |= TH_URG, t.urp = 9;
  g_clear_pointer (&pkt, g_byte_array_unref);
  pkt = build (&t);
  g_assert_cmphex (dt_ppp_vj_compress (l.tx, pkt->data, pkt->len, wire, &wire_len), ==,
                   DT_PPP_PROTO_VJC);
  for (gsize n = 0; n < 16; n++)
    {
      g_autofree guint8 *cut = g_memdup2 (wire, n);
      gsize got = dt_ppp_vj_uncompress (l.rx, DT_PPP_PROTO_VJC, cut, n, out, sizeof out);

      g_assert_cmpuint (got, <=, n + DT_PPP_VJ_MAX_GROWTH);
    }
  link_clear (&l);

  /* Random bytes of either kind. */
  for (int i = 0; i < 20000; i++)
    {
      gsize n = g_test_rand_int_range (0, 200);

      for (gsize k = 0; k < n; k++)
        wire[k] = g_test_rand_int_range (0, 256);
      if (i % 3 == 0 && n > 12)
        wire[0] = 0x45;
      g_assert_cmpuint (dt_ppp_vj_uncompress (rx, i % 2 ? DT_PPP_PROTO_VJC : DT_PPP_PROTO_VJU,
                                              wire, n, out, n + DT_PPP_VJ_MAX_GROWTH), <=,
                        n + DT_PPP_VJ_MAX_GROWTH);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/vj/bulk-transfer", test_bulk_transfer);
  g_test_add_func ("/ppp/vj/changing-fields", test_changing_fields);
  g_test_add_func ("/ppp/vj/not-compressed", test_not_compressed);
  g_test_add_func ("/ppp/vj/more-conversations-than-slots", test_more_conversations_than_slots);
  g_test_add_func ("/ppp/vj/slot-numbers-always-sent", test_slot_numbers_always_sent);
  g_test_add_func ("/ppp/vj/error-recovery", test_error_recovery);
  g_test_add_func ("/ppp/vj/hostile-input", test_hostile_input);
  return g_test_run ();
}
