/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast RFC 1662 framing runs: encode and decode of 1500-byte IP datagrams, under the
 * default map (every control character escaped, as before LCP) and under ACCM 0 (what pppd
 * and Windows agree to), next to memcpy() over the same bytes in the same run.  A 33.6k
 * modem moves about 4 KB/s; the figures say how far from mattering framing is.  Prints
 * figures; asserts nothing.  Usage: bench-framing [SECONDS per figure, default 1] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"

#define PACKET 1500
#define N_PACKETS 64

static guint64 frames_seen;

static void
on_frame (guint16       protocol,
          const guint8 *info,
          gsize         len,
          gpointer      user_data)
{
  frames_seen++;
}

/* MB/s of payload for @fn run over and over for @seconds. */
typedef void (*Work) (gpointer data);

static double
measure (Work     fn,
         gpointer data,
         gsize    bytes_per_call,
         double   seconds)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) (seconds * G_USEC_PER_SEC);
  guint64 calls = 0;
  gint64 now;

  do
    {
      fn (data);
      calls++;
      now = g_get_monotonic_time ();
    }
  while (now < end);
  return (double) calls * bytes_per_call / ((now - start) / 1e6) / 1e6;
}

typedef struct {
  guint8           *packets;     /* N_PACKETS × PACKET */
  guint8           *copy;
  DtPppHdlcEncoder  enc;
  DtPppHdlcDecoder *dec;
  GByteArray       *wire;
} Bench;

static void
work_memcpy (gpointer data)
{
  Bench *b = data;

  for (int i = 0; i < N_PACKETS; i++)
    memcpy (b->copy + i * PACKET, b->packets + i * PACKET, PACKET);
  /* Keep the compiler from proving the copies useless. */
  __asm__ volatile ("" : : "r" (b->copy) : "memory");
}

static void
work_encode (gpointer data)
{
  Bench *b = data;

  g_byte_array_set_size (b->wire, 0);
  for (int i = 0; i < N_PACKETS; i++)
    dt_ppp_hdlc_encode (&b->enc, b->wire, DT_PPP_PROTO_IP, b->packets + i * PACKET, PACKET);
}

static void
work_decode (gpointer data)
{
  Bench *b = data;

  dt_ppp_hdlc_decoder_feed (b->dec, b->wire->data, b->wire->len);
}

static void
work_both (gpointer data)
{
  work_encode (data);
  work_decode (data);
}

int
main (int argc, char **argv)
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 1.0;
  gsize bytes = (gsize) N_PACKETS * PACKET;
  Bench b = { 0 };
  GRand *rand = g_rand_new_with_seed (1662);
  const guint32 maps[] = { DT_PPP_ACCM_DEFAULT, 0 };

  if (seconds <= 0)
    seconds = 1.0;

  /* Random bytes: 1 in 8 is a control character, as in compressed or binary data. */
  b.packets = g_malloc (bytes);
  b.copy = g_malloc (bytes);
  for (gsize i = 0; i < bytes; i++)
    b.packets[i] = g_rand_int_range (rand, 0, 256);
  b.wire = g_byte_array_sized_new (2 * bytes + 1024);
  b.dec = dt_ppp_hdlc_decoder_new (PACKET + 16, on_frame, NULL);

  printf ("PPP async HDLC framing, %d-byte IP datagrams of random bytes, %.1f s per figure\n",
          PACKET, seconds);
  printf ("  memcpy                          %9.1f MB/s\n",
          measure (work_memcpy, &b, bytes, seconds));

  for (gsize m = 0; m < G_N_ELEMENTS (maps); m++)
    {
      double enc, dec, both;
      gsize wire_len;

      dt_ppp_hdlc_encoder_init (&b.enc);
      dt_ppp_hdlc_encoder_set_accm (&b.enc, maps[m]);
      dt_ppp_hdlc_encoder_set_compression (&b.enc, maps[m] == 0, maps[m] == 0);
      dt_ppp_hdlc_decoder_set_accm (b.dec, maps[m]);

      work_encode (&b);
      wire_len = b.wire->len;
      frames_seen = 0;
      work_decode (&b);
      if (frames_seen != N_PACKETS)
        {
          fprintf (stderr, "decoded %" G_GUINT64_FORMAT " frames, not %d\n", frames_seen,
                   N_PACKETS);
          return 1;
        }

      enc = measure (work_encode, &b, bytes, seconds);
      dec = measure (work_decode, &b, bytes, seconds);
      both = measure (work_both, &b, bytes, seconds);
      printf ("ACCM 0x%08x (%.1f%% on the wire over payload)\n", maps[m],
              100.0 * ((double) wire_len - bytes) / bytes);
      printf ("  encode                          %9.1f MB/s\n", enc);
      printf ("  decode                          %9.1f MB/s\n", dec);
      printf ("  encode + decode                 %9.1f MB/s\n", both);
    }

  dt_ppp_hdlc_decoder_free (b.dec);
  g_byte_array_unref (b.wire);
  g_free (b.packets);
  g_free (b.copy);
  g_rand_free (rand);
  return 0;
}
