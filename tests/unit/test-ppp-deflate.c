/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PPP Deflate (RFC 1979) on its own: one side's compressor feeding the other side's
 * decompressor must give every packet back exactly, text much smaller, random data sent as
 * it was yet still in both histories; the packets end where the Linux kernel's do (no
 * 0x00 0x00 0xff 0xff), and packets that keep them decode too; a lost packet, a damaged one or
 * one that inflates past the MRU is an error until both sides reset, never a crash; only
 * network protocols enter the history. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "dt-ppp-deflate.h"

#define MRU 1500

typedef struct {
  DtPppDeflate *tx;   /* our compressor */
  DtPppDeflate *rx;   /* the peer's decompressor */
  GByteArray   *out;
} Link;

static void
link_init (Link  *l,
           guint  window)
{
  l->tx = dt_ppp_deflate_new (window, 0, MRU);
  l->rx = dt_ppp_deflate_new (0, 15, MRU);
  l->out = g_byte_array_new ();
  g_assert_nonnull (l->tx);
  g_assert_nonnull (l->rx);
}

static void
link_clear (Link *l)
{
  dt_ppp_deflate_free (l->tx);
  dt_ppp_deflate_free (l->rx);
  g_byte_array_unref (l->out);
}

/* Sends one packet across; TRUE when it went compressed.  Either way the peer must have it
 * exactly. */
static gboolean
cross (Link         *l,
       guint16       protocol,
       const guint8 *data,
       gsize         len)
{
  guint16 got_protocol;
  const guint8 *got;
  gsize got_len;

  if (!dt_ppp_deflate_compress (l->tx, protocol, data, len, l->out))
    {
      dt_ppp_deflate_add_uncompressed (l->rx, protocol, data, len);
      return FALSE;
    }
  g_assert_cmpuint (l->out->len, <, len + 1);
  g_assert_cmpint (dt_ppp_deflate_decompress (l->rx, l->out->data, l->out->len, &got_protocol,
                                              &got, &got_len), ==, DT_PPP_DEFLATE_OK);
  g_assert_cmphex (got_protocol, ==, protocol);
  g_assert_cmpmem (got, got_len, data, len);
  return TRUE;
}

/* Lines of prose that repeat their words but not themselves, as a web page does. */
static GByteArray *
text (guint seed,
      gsize len)
{
  static const char *words[] = {
    "the", "modem", "dials", "and", "answers", "with", "a", "carrier", "before", "PPP",
    "negotiates", "options", "address", "compression", "window", "server", "link", "of",
  };
  GByteArray *a = g_byte_array_new ();
  GRand *rand = g_rand_new_with_seed (seed);

  while (a->len < len)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      g_byte_array_append (a, (const guint8 *) w, strlen (w));
      g_byte_array_append (a, (const guint8 *) (g_rand_int_range (rand, 0, 9) ? " " : ".\n"),
                           g_rand_int_range (rand, 0, 9) ? 1 : 2);
    }
  g_byte_array_set_size (a, len);
  g_rand_free (rand);
  return a;
}

static GByteArray *
noise (guint seed,
       gsize len)
{
  GByteArray *a = g_byte_array_sized_new (len);
  GRand *rand = g_rand_new_with_seed (seed);

  g_byte_array_set_size (a, len);
  for (gsize i = 0; i < len; i++)
    a->data[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  return a;
}

static void
test_text_and_noise (void)
{
  Link l;
  const DtPppDeflateStats *st;
  guint compressed = 0;

  link_init (&l, 15);
  for (guint i = 0; i < 60; i++)
    {
      /* Random data between the text: sent as it was, yet the histories stay equal (the
       * text after it decodes). */
      g_autoptr (GByteArray) p = i % 5 == 4 ? noise (i, 1400) : text (i, 1000 + i * 7);

      compressed += cross (&l, 0x0021, p->data, p->len);
    }
  st = dt_ppp_deflate_get_stats (l.tx);
  g_assert_cmpuint (compressed, ==, 48);
  g_assert_cmpuint (st->out_incompressible, ==, 12);
  /* Text at least halves. */
  g_assert_cmpuint (st->out_bytes_after * 2, <, st->out_bytes_before);
  g_assert_cmpuint (dt_ppp_deflate_get_stats (l.rx)->in_uncompressed, ==, 12);
  g_assert_cmpuint (dt_ppp_deflate_get_stats (l.rx)->in_errors, ==, 0);
  link_clear (&l);
}

static void
test_wire_format (void)
{
  Link l;
  g_autoptr (GByteArray) p = text (1, 800);
  g_autoptr (GByteArray) with_trailer = NULL;
  guint16 protocol;
  const guint8 *got;
  gsize got_len;

  link_init (&l, 12);
  for (guint16 seq = 0; seq < 3; seq++)
    {
      g_assert_true (dt_ppp_deflate_compress (l.tx, 0x0021, p->data, p->len, l.out));
      /* The sequence number first; the end as the kernel's Z_PACKET_FLUSH leaves it. */
      g_assert_cmpuint ((l.out->data[0] << 8) | l.out->data[1], ==, seq);
      g_assert_false (l.out->data[l.out->len - 1] == 0xff);
      if (seq < 2)
        g_assert_cmpint (dt_ppp_deflate_decompress (l.rx, l.out->data, l.out->len, &protocol,
                                                    &got, &got_len), ==, DT_PPP_DEFLATE_OK);
    }
  /* A sender that leaves the sync flush's empty stored block whole is understood too. */
  with_trailer = g_byte_array_new ();
  g_byte_array_append (with_trailer, l.out->data, l.out->len);
  g_byte_array_append (with_trailer, (const guint8[]) { 0, 0, 0xff, 0xff }, 4);
  g_assert_cmpint (dt_ppp_deflate_decompress (l.rx, with_trailer->data, with_trailer->len,
                                              &protocol, &got, &got_len), ==,
                   DT_PPP_DEFLATE_OK);
  g_assert_cmpmem (got, got_len, p->data, p->len);
  g_assert_cmphex (protocol, ==, 0x0021);
  link_clear (&l);
}

static void
test_protocols (void)
{
  Link l;
  g_autoptr (GByteArray) p = text (2, 600);

  link_init (&l, 15);
  /* Control protocols never enter the history, and take no sequence number. */
  g_assert_false (dt_ppp_deflate_compress (l.tx, 0x8021, p->data, p->len, l.out));
  g_assert_false (dt_ppp_deflate_compress (l.tx, 0xc021, p->data, p->len, l.out));
  g_assert_false (dt_ppp_deflate_compress (l.tx, 0x00fd, p->data, p->len, l.out));
  dt_ppp_deflate_add_uncompressed (l.rx, 0x8021, p->data, p->len);
  /* One-byte and two-byte protocol fields (VJ, IPv6, and a 0x02xx one). */
  g_assert_true (cross (&l, 0x002d, p->data, p->len));
  g_assert_true (cross (&l, 0x0057, p->data, p->len));
  g_assert_true (cross (&l, 0x0281, p->data, p->len));
  link_clear (&l);
}

/* A lost packet shows as a sequence gap: everything compressed is dropped until both sides
 * reset (the peer's Reset-Ack), then it goes on. */
static void
test_lost_packet_and_reset (void)
{
  Link l;
  g_autoptr (GByteArray) p = text (3, 900);
  const DtPppDeflateStats *st;
  guint16 protocol;
  const guint8 *got;
  gsize got_len;

  link_init (&l, 15);
  g_assert_true (cross (&l, 0x0021, p->data, p->len));
  g_assert_true (dt_ppp_deflate_compress (l.tx, 0x0021, p->data, p->len, l.out));   /* lost */
  g_assert_true (dt_ppp_deflate_compress (l.tx, 0x0021, p->data, p->len, l.out));
  g_assert_cmpint (dt_ppp_deflate_decompress (l.rx, l.out->data, l.out->len, &protocol, &got,
                                              &got_len), ==, DT_PPP_DEFLATE_ERROR);
  g_assert_true (dt_ppp_deflate_rx_failed (l.rx));
  g_assert_true (dt_ppp_deflate_compress (l.tx, 0x0021, p->data, p->len, l.out));
  g_assert_cmpint (dt_ppp_deflate_decompress (l.rx, l.out->data, l.out->len, &protocol, &got,
                                              &got_len), ==, DT_PPP_DEFLATE_ERROR);
  st = dt_ppp_deflate_get_stats (l.rx);
  g_assert_cmpuint (st->in_errors, ==, 1);
  g_assert_cmpuint (st->in_dropped, ==, 1);

  dt_ppp_deflate_reset_tx (l.tx);
  dt_ppp_deflate_reset_rx (l.rx);
  g_assert_false (dt_ppp_deflate_rx_failed (l.rx));
  g_assert_true (cross (&l, 0x0021, p->data, p->len));
  g_assert_cmpuint (l.out->data[0] | l.out->data[1], ==, 0);
  g_assert_true (cross (&l, 0x0021, p->data, p->len));
  link_clear (&l);
}

static void
test_damaged_packets (void)
{
  g_autoptr (GByteArray) p = text (4, 1200);
  guint16 protocol;
  const guint8 *got;
  gsize got_len;

  for (gsize cut = 1; cut < 40; cut += 3)
    {
      Link l;

      link_init (&l, 15);
      g_assert_true (dt_ppp_deflate_compress (l.tx, 0x0021, p->data, p->len, l.out));
      /* Cut short: it ends inside a block (or is too short to hold anything). */
      g_assert_cmpint (dt_ppp_deflate_decompress (l.rx, l.out->data, MIN (cut, l.out->len - 1),
                                                  &protocol, &got, &got_len), ==,
                       DT_PPP_DEFLATE_ERROR);
      link_clear (&l);
    }
  for (int i = 0; i < 2000; i++)
    {
      g_autoptr (DtPppDeflate) rx = dt_ppp_deflate_new (0, 15, MRU);
      g_autoptr (GByteArray) junk = noise (i, g_test_rand_int_range (0, 300));
      DtPppDeflateResult r;

      if (junk->len >= 2)
        junk->data[0] = junk->data[1] = 0;   /* the right sequence number */
      r = dt_ppp_deflate_decompress (rx, junk->data, junk->len, &protocol, &got, &got_len);
      if (r == DT_PPP_DEFLATE_OK)
        g_assert_cmpuint (got_len, <=, MRU + 2);
    }
}

/* Deflate turns 64 KiB of zeros into a few hundred bytes: decompressing must stop at the
 * MRU, not grow a buffer. */
static void
test_bomb (void)
{
  g_autoptr (DtPppDeflate) rx = dt_ppp_deflate_new (0, 15, MRU);
  g_autofree guint8 *zeros = g_malloc0 (65536);
  guint8 packet[2048] = { 0, 0 };
  z_stream z = { 0 };
  guint16 protocol;
  const guint8 *got;
  gsize got_len, n;

  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zeros[0] = 0x21;
  z.next_in = zeros;
  z.avail_in = 65536;
  z.next_out = packet + 2;
  z.avail_out = sizeof packet - 2;
  g_assert_cmpint (deflate (&z, Z_SYNC_FLUSH), ==, Z_OK);
  n = sizeof packet - z.avail_out - 4;
  deflateEnd (&z);
  g_assert_cmpuint (n, <, 400);
  g_assert_cmpint (dt_ppp_deflate_decompress (rx, packet, n, &protocol, &got, &got_len), ==,
                   DT_PPP_DEFLATE_ERROR);
  g_assert_cmpuint (dt_ppp_deflate_get_stats (rx)->in_errors, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/deflate/text-and-noise", test_text_and_noise);
  g_test_add_func ("/ppp/deflate/wire-format", test_wire_format);
  g_test_add_func ("/ppp/deflate/protocols", test_protocols);
  g_test_add_func ("/ppp/deflate/lost-packet-and-reset", test_lost_packet_and_reset);
  g_test_add_func ("/ppp/deflate/damaged-packets", test_damaged_packets);
  g_test_add_func ("/ppp/deflate/bomb", test_bomb);
  return g_test_run ();
}
