/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 1662 framing: the FCS-16 against the RFC's check property and a bitwise reference,
 * frames captured from real peers, round trips through random ACCMs, chunkings and
 * compression settings, and a decoder that must resynchronise after noise, count what it
 * drops, and never hand on a damaged frame. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"

typedef struct {
  guint16 protocol;
  GBytes *info;
} Frame;

static void
frame_clear (gpointer p)
{
  Frame *f = p;

  g_bytes_unref (f->info);
}

static void
collect_frame (guint16       protocol,
               const guint8 *info,
               gsize         len,
               gpointer      user_data)
{
  GArray *frames = user_data;
  Frame f = { protocol, g_bytes_new (info, len) };

  g_array_append_val (frames, f);
}

static GArray *
frame_array_new (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (Frame));

  g_array_set_clear_func (a, frame_clear);
  return a;
}

static GByteArray *
hex (const char *s)
{
  GByteArray *a = g_byte_array_new ();

  while (*s)
    {
      guint8 b;

      if (*s == ' ')
        {
          s++;
          continue;
        }
      g_assert_true (g_ascii_isxdigit (s[0]) && g_ascii_isxdigit (s[1]));
      b = g_ascii_xdigit_value (s[0]) << 4 | g_ascii_xdigit_value (s[1]);
      g_byte_array_append (a, &b, 1);
      s += 2;
    }
  return a;
}

/* The bit-at-a-time FCS of RFC 1662 §C.1, to check the table against. */
static guint16
fcs16_bitwise (guint16       fcs,
               const guint8 *data,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      fcs ^= data[i];
      for (int b = 0; b < 8; b++)
        fcs = (fcs & 1) ? (fcs >> 1) ^ 0x8408 : fcs >> 1;
    }
  return fcs;
}

static void
test_fcs_check_value (void)
{
  const char *check = "123456789";
  guint8 buf[300];

  /* The CRC-16/X.25 check value: the complemented FCS of "123456789". */
  g_assert_cmphex (dt_ppp_fcs16 (DT_PPP_FCS_INIT, (const guint8 *) check, 9) ^ 0xffff, ==,
                   0x906e);

  for (int round = 0; round < 200; round++)
    {
      gsize len = g_test_rand_int_range (0, 298);
      guint16 fcs;

      for (gsize i = 0; i < len; i++)
        buf[i] = g_test_rand_int_range (0, 256);
      fcs = dt_ppp_fcs16 (DT_PPP_FCS_INIT, buf, len);
      g_assert_cmphex (fcs, ==, fcs16_bitwise (DT_PPP_FCS_INIT, buf, len));

      /* RFC 1662 §C.2: the complemented FCS, least significant octet first, makes the
       * receiver's FCS over the whole frame come out as the good value. */
      fcs ^= 0xffff;
      buf[len] = fcs & 0xff;
      buf[len + 1] = fcs >> 8;
      g_assert_cmphex (dt_ppp_fcs16 (DT_PPP_FCS_INIT, buf, len + 2), ==, DT_PPP_FCS_GOOD);
    }
}

/* Frames as real peers put them on the wire, before any LCP option took effect. */
static const struct {
  const char *info;
  const char *wire;
} known_frames[] = {
  /* LCP ConfReq <mru 1500> <asyncmap 0x0> <pcomp> <accomp> <auth pap> */
  { "01 01 00 16 01 04 05 DC 02 06 00 00 00 00 07 02 08 02 03 04 C0 23",
    "7E FF 7D 23 C0 21 7D 21 7D 21 7D 20 7D 36 7D 21 7D 24 7D 25 DC 7D 22 7D 26 7D 20 7D 20"
    " 7D 20 7D 20 7D 27 7D 22 7D 28 7D 22 7D 23 7D 24 C0 23 26 B4 7E" },
  /* LCP ConfReq <asyncmap 0x0> <auth chap MD5> <magic 0x06b901af> <pcomp> <accomp> */
  { "01 01 00 19 02 06 00 00 00 00 03 05 c2 23 05 05 06 b9 01 af 08 07 02 08 02",
    "7e ff 7d 23 c0 21 7d 21 7d 21 7d 20 7d 39 7d 22 7d 26 7d 20 7d 20 7d 20 7d 20 7d 23 7d 25"
    " c2 23 7d 25 7d 25 7d 26 b9 7d 21 af 7d 28 7d 27 7d 22 7d 28 7d 22 59 a7 7e" },
};

static void
test_known_frames (void)
{
  for (gsize k = 0; k < G_N_ELEMENTS (known_frames); k++)
    {
      g_autoptr (GByteArray) info = hex (known_frames[k].info);
      g_autoptr (GByteArray) wire = hex (known_frames[k].wire);
      g_autoptr (GByteArray) out = g_byte_array_new ();
      g_autoptr (GArray) frames = frame_array_new ();
      g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1600, collect_frame, frames);
      DtPppHdlcEncoder enc;
      Frame *f;

      /* Even with everything negotiated, LCP ConfReqs keep the default map and A/C. */
      dt_ppp_hdlc_encoder_init (&enc);
      dt_ppp_hdlc_encoder_set_accm (&enc, 0);
      dt_ppp_hdlc_encoder_set_compression (&enc, TRUE, TRUE);
      dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_LCP, info->data, info->len);
      g_assert_cmpmem (out->data, out->len, wire->data, wire->len);

      dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);
      g_assert_cmpuint (frames->len, ==, 1);
      f = &g_array_index (frames, Frame, 0);
      g_assert_cmphex (f->protocol, ==, DT_PPP_PROTO_LCP);
      g_assert_cmpmem (g_bytes_get_data (f->info, NULL), g_bytes_get_size (f->info),
                       info->data, info->len);
    }
}

static void
test_escapes_every_byte (void)
{
  guint8 all[256];
  DtPppHdlcEncoder enc;

  for (int i = 0; i < 256; i++)
    all[i] = i;

  dt_ppp_hdlc_encoder_init (&enc);
  for (int pass = 0; pass < 3; pass++)
    {
      guint32 accm = pass == 0 ? DT_PPP_ACCM_DEFAULT : pass == 1 ? 0 : 0x000a0000;
      g_autoptr (GByteArray) out = g_byte_array_new ();
      gsize pos;

      dt_ppp_hdlc_encoder_set_accm (&enc, accm);
      dt_ppp_hdlc_encoder_set_compression (&enc, TRUE, TRUE);
      dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_IP, all, sizeof all);

      /* Flag, protocol 0x21 alone (ACFC and PFC), then the 256 values in order. */
      g_assert_cmphex (out->data[0], ==, DT_PPP_FLAG);
      g_assert_cmphex (out->data[1], ==, 0x21);
      g_assert_cmphex (out->data[out->len - 1], ==, DT_PPP_FLAG);
      pos = 2;
      for (int c = 0; c < 256; c++)
        {
          gboolean must_escape = c == 0x7d || c == 0x7e || (c < 0x20 && ((accm >> c) & 1));

          if (must_escape)
            {
              g_assert_cmphex (out->data[pos], ==, DT_PPP_ESCAPE);
              g_assert_cmphex (out->data[pos + 1], ==, c ^ 0x20);
              pos += 2;
            }
          else
            {
              g_assert_cmphex (out->data[pos], ==, c);
              pos += 1;
            }
        }
      /* Two FCS bytes, each maybe escaped, and the closing flag. */
      g_assert_cmpuint (out->len - pos, >=, 3);
      g_assert_cmpuint (out->len - pos, <=, 5);
    }
}

static void
test_compression (void)
{
  const guint8 echo[] = { DT_PPP_ECHO_REQ, 1, 0, 8, 0x01, 0x02, 0x03, 0x04 };
  const guint8 ipcp[] = { DT_PPP_CONF_REQ, 1, 0, 4 };
  const guint8 ip[] = { 0x45, 0x00 };
  g_autoptr (GByteArray) out = g_byte_array_new ();
  DtPppHdlcEncoder enc;

  dt_ppp_hdlc_encoder_init (&enc);

  /* Nothing negotiated: full address, control and protocol, control characters escaped. */
  dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_IP, ip, sizeof ip);
  g_assert_cmpmem (out->data, 7, ((guint8[]) { 0x7e, 0xff, 0x7d, 0x23, 0x7d, 0x20, 0x21 }), 7);

  dt_ppp_hdlc_encoder_set_accm (&enc, 0);
  dt_ppp_hdlc_encoder_set_compression (&enc, TRUE, TRUE);

  g_byte_array_set_size (out, 0);
  dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_IP, ip, sizeof ip);
  g_assert_cmpmem (out->data, 4, ((guint8[]) { 0x7e, 0x21, 0x45, 0x00 }), 4);

  /* A two-byte protocol cannot be compressed; address and control still go. */
  g_byte_array_set_size (out, 0);
  dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_IPCP, ipcp, sizeof ipcp);
  g_assert_cmpmem (out->data, 4, ((guint8[]) { 0x7e, 0x80, 0x21, 0x01 }), 4);

  /* LCP keeps address and control, and an Echo-Request (code 9) uses the negotiated map. */
  g_byte_array_set_size (out, 0);
  dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_LCP, echo, sizeof echo);
  g_assert_cmpmem (out->data, 10,
                   ((guint8[]) { 0x7e, 0xff, 0x03, 0xc0, 0x21, 0x09, 0x01, 0x00, 0x08, 0x01 }),
                   10);

  /* ACFC alone. */
  dt_ppp_hdlc_encoder_set_compression (&enc, TRUE, FALSE);
  g_byte_array_set_size (out, 0);
  dt_ppp_hdlc_encode (&enc, out, DT_PPP_PROTO_IP, ip, sizeof ip);
  g_assert_cmpmem (out->data, 4, ((guint8[]) { 0x7e, 0x00, 0x21, 0x45 }), 4);
}

static void
insert_bytes (GByteArray   *a,
              guint         at,
              const guint8 *bytes,
              guint         n)
{
  guint old = a->len;

  g_byte_array_set_size (a, old + n);
  memmove (a->data + at + n, a->data + at, old - at);
  memcpy (a->data + at, bytes, n);
}

/* Adds, at random places between the flags, control characters in @accm sent unescaped, as
 * a line or modem may insert them.  The receiver must drop them. */
static void
add_line_junk (GByteArray *wire,
               guint32     accm)
{
  guint8 junk[32];
  guint n_junk = 0;

  for (guint c = 0; c < 32; c++)
    if ((accm >> c) & 1)
      junk[n_junk++] = c;
  if (n_junk == 0 || wire->len < 3)
    return;
  for (int i = 0; i < 4; i++)
    {
      guint at = g_test_rand_int_range (1, wire->len - 1);
      guint8 c = junk[g_test_rand_int_range (0, n_junk)];

      /* Even between an escape and the byte it escapes: removal comes first. */
      insert_bytes (wire, at, &c, 1);
    }
}

static void
feed_in_chunks (DtPppHdlcDecoder *dec,
                const guint8     *data,
                gsize             len)
{
  gsize pos = 0;

  while (pos < len)
    {
      gsize n = g_test_rand_int_range (1, 40);

      n = MIN (n, len - pos);

      dt_ppp_hdlc_decoder_feed (dec, data + pos, n);
      pos += n;
    }
}

static void
test_round_trip_random (void)
{
  static const guint16 protocols[] = {
    DT_PPP_PROTO_IP, DT_PPP_PROTO_IPCP, DT_PPP_PROTO_LCP, DT_PPP_PROTO_PAP, DT_PPP_PROTO_CHAP,
    DT_PPP_PROTO_CCP, 0x0023, 0x00fd,
  };
  guint8 seen[256] = { 0 };

  for (int round = 0; round < 300; round++)
    {
      g_autoptr (GByteArray) wire = g_byte_array_new ();
      g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr (GArray) got = frame_array_new ();
      g_autoptr (GArray) sent_protocols = g_array_new (FALSE, FALSE, sizeof (guint16));
      g_autoptr (DtPppHdlcDecoder) dec = NULL;
      DtPppHdlcEncoder enc;
      guint32 accm = g_test_rand_int ();
      int n_frames = g_test_rand_int_range (1, 5);

      if (round % 3 == 0)
        accm = 0;
      dt_ppp_hdlc_encoder_init (&enc);
      dt_ppp_hdlc_encoder_set_accm (&enc, accm);
      dt_ppp_hdlc_encoder_set_compression (&enc, g_test_rand_bit (), g_test_rand_bit ());
      dec = dt_ppp_hdlc_decoder_new (1500 + DT_PPP_HDLC_OVERHEAD, collect_frame, got);
      dt_ppp_hdlc_decoder_set_accm (dec, accm);

      for (int i = 0; i < n_frames; i++)
        {
          guint16 protocol = protocols[g_test_rand_int_range (0, G_N_ELEMENTS (protocols))];
          gsize len = g_test_rand_int_range (0, 1500);
          guint8 *info = g_malloc (len);
          g_autoptr (GByteArray) one = g_byte_array_new ();

          for (gsize j = 0; j < len; j++)
            info[j] = g_test_rand_int_range (0, 256);
          /* LCP codes 1..7 travel under the default map: make some. */
          if (protocol == DT_PPP_PROTO_LCP && len > 0)
            info[0] = g_test_rand_int_range (1, 12);
          dt_ppp_hdlc_encode (&enc, one, protocol, info, len);

          /* Nothing the receiver treats specially may appear unescaped inside the frame. */
          for (guint j = 1; j + 1 < one->len; j++)
            {
              guint8 c = one->data[j];

              g_assert_cmphex (c, !=, DT_PPP_FLAG);
              if (c < 0x20)
                g_assert_false ((accm >> c) & 1);
            }
          add_line_junk (one, accm);
          g_byte_array_append (wire, one->data, one->len);

          for (gsize j = 0; j < len; j++)
            seen[info[j]] = 1;
          g_ptr_array_add (sent, g_bytes_new_take (info, len));
          g_array_append_val (sent_protocols, protocol);
        }

      if (round % 2)
        feed_in_chunks (dec, wire->data, wire->len);
      else
        for (guint j = 0; j < wire->len; j++)
          dt_ppp_hdlc_decoder_feed (dec, wire->data + j, 1);

      g_assert_cmpuint (got->len, ==, sent->len);
      for (guint i = 0; i < got->len; i++)
        {
          Frame *f = &g_array_index (got, Frame, i);

          g_assert_cmphex (f->protocol, ==, g_array_index (sent_protocols, guint16, i));
          g_assert_true (g_bytes_equal (f->info, sent->pdata[i]));
        }
      g_assert_cmpuint (dt_ppp_hdlc_decoder_get_stats (dec)->fcs_errors, ==, 0);
    }

  /* Every byte value went through the encoder and back. */
  for (int c = 0; c < 256; c++)
    g_assert_true (seen[c]);
}

static void
encode_ip (GByteArray   *wire,
           const guint8 *info,
           gsize         len)
{
  DtPppHdlcEncoder enc;

  dt_ppp_hdlc_encoder_init (&enc);
  dt_ppp_hdlc_encode (&enc, wire, DT_PPP_PROTO_IP, info, len);
}

static void
test_resync_after_noise (void)
{
  const guint8 payload[] = "hello, world";
  const char *noise = "\r\nCONNECT 33600/ARQ/V34/LAPM/V42BIS\r\n";
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  g_autoptr (GArray) got = frame_array_new ();
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1506, collect_frame, got);
  const DtPppHdlcStats *stats = dt_ppp_hdlc_decoder_get_stats (dec);
  gsize damaged_at;

  /* Modem chatter before the first flag. */
  g_byte_array_append (wire, (const guint8 *) noise, strlen (noise));
  encode_ip (wire, payload, sizeof payload);

  /* A frame hit by line noise: one bit flipped in the middle. */
  damaged_at = wire->len + 6;
  encode_ip (wire, payload, sizeof payload);
  wire->data[damaged_at] ^= 0x04;

  /* Noise between flags: a "frame" of garbage whose FCS cannot check. */
  g_byte_array_append (wire, (const guint8 *) "\x7egarbage-garbage\x7e", 18);
  encode_ip (wire, payload, sizeof payload);

  feed_in_chunks (dec, wire->data, wire->len);

  g_assert_cmpuint (got->len, ==, 2);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpmem (g_bytes_get_data (g_array_index (got, Frame, i).info, NULL),
                     g_bytes_get_size (g_array_index (got, Frame, i).info),
                     payload, sizeof payload);
  g_assert_cmpuint (stats->frames, ==, 2);
  g_assert_cmpuint (stats->fcs_errors, ==, 2);
  g_assert_cmpuint (stats->noise_bytes, ==, strlen (noise));
}

static void
test_runt_abort_bad_header (void)
{
  const guint8 ok[] = { 0x45, 0x00, 0x00, 0x14 };
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  g_autoptr (GArray) got = frame_array_new ();
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1506, collect_frame, got);
  const DtPppHdlcStats *stats = dt_ppp_hdlc_decoder_get_stats (dec);
  DtPppHdlcEncoder enc;

  /* A runt, then an aborted frame, then a good one. */
  g_byte_array_append (wire, (const guint8 *) "\x7e\x21\x01\x7e", 4);
  g_byte_array_append (wire, (const guint8 *) "\xff\x03\x00\x21\x45\x7d\x7e", 7);
  encode_ip (wire, ok, sizeof ok);

  /* A good FCS around a protocol field that RFC 1661 forbids: 0x0020 is even. */
  dt_ppp_hdlc_encoder_init (&enc);
  dt_ppp_hdlc_encode (&enc, wire, 0x0020, ok, sizeof ok);

  dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);

  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmphex (g_array_index (got, Frame, 0).protocol, ==, DT_PPP_PROTO_IP);
  g_assert_cmpuint (stats->runts, ==, 1);
  g_assert_cmpuint (stats->aborts, ==, 1);
  g_assert_cmpuint (stats->bad_header, ==, 1);
  g_assert_cmpuint (stats->fcs_errors, ==, 0);
}

static void
test_oversize_and_endless (void)
{
  g_autofree guint8 *big = g_malloc (200);
  g_autofree guint8 *endless = g_malloc (1 << 20);
  const guint8 small[] = { 1, 2, 3 };
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  g_autoptr (GArray) got = frame_array_new ();
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (64, collect_frame, got);
  const DtPppHdlcStats *stats = dt_ppp_hdlc_decoder_get_stats (dec);

  memset (big, 0x41, 200);
  encode_ip (wire, big, 200);
  encode_ip (wire, small, sizeof small);
  /* 58 bytes of information plus 6 of framing is exactly the limit. */
  encode_ip (wire, big, 58);
  encode_ip (wire, big, 59);
  dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);

  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (got, Frame, 0).info), ==, 3);
  g_assert_cmpuint (g_bytes_get_size (g_array_index (got, Frame, 1).info), ==, 58);
  g_assert_cmpuint (stats->oversize, ==, 2);

  /* A frame that never ends: a megabyte with no flag is one oversize frame, and the next
   * frame after it still arrives. */
  memset (endless, 0x55, 1 << 20);
  dt_ppp_hdlc_decoder_feed (dec, (const guint8 *) "\x7e", 1);
  for (int i = 0; i < 4; i++)
    dt_ppp_hdlc_decoder_feed (dec, endless, 1 << 20);
  g_byte_array_set_size (wire, 0);
  encode_ip (wire, small, sizeof small);
  dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);
  g_assert_cmpuint (stats->oversize, ==, 3);
  g_assert_cmpuint (got->len, ==, 3);
}

static void
test_receive_accm_only_drops_unescaped (void)
{
  const guint8 info[] = { 0x11, 0x13, 0x00, 0x1f };
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  g_autoptr (GArray) got = frame_array_new ();
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1506, collect_frame, got);
  DtPppHdlcEncoder enc;

  /* The peer escapes XON and XOFF (our map 0x000a0000); the data holds both.  A line that
   * inserts raw XON/XOFF must not corrupt the frame, and the escaped ones must survive. */
  dt_ppp_hdlc_encoder_init (&enc);
  dt_ppp_hdlc_encoder_set_accm (&enc, 0x000a0000);
  dt_ppp_hdlc_encode (&enc, wire, DT_PPP_PROTO_IP, info, sizeof info);
  insert_bytes (wire, 3, (const guint8 *) "\x11\x13", 2);
  dt_ppp_hdlc_decoder_set_accm (dec, 0x000a0000);
  dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);

  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (g_array_index (got, Frame, 0).info, NULL), sizeof info,
                   info, sizeof info);

  /* With a zero map, the same raw XON is data, so the FCS no longer checks. */
  dt_ppp_hdlc_decoder_set_accm (dec, 0);
  dt_ppp_hdlc_decoder_feed (dec, wire->data, wire->len);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpuint (dt_ppp_hdlc_decoder_get_stats (dec)->fcs_errors, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/hdlc/fcs-check-value", test_fcs_check_value);
  g_test_add_func ("/ppp/hdlc/known-frames", test_known_frames);
  g_test_add_func ("/ppp/hdlc/escapes-every-byte", test_escapes_every_byte);
  g_test_add_func ("/ppp/hdlc/compression", test_compression);
  g_test_add_func ("/ppp/hdlc/round-trip-random", test_round_trip_random);
  g_test_add_func ("/ppp/hdlc/resync-after-noise", test_resync_after_noise);
  g_test_add_func ("/ppp/hdlc/runt-abort-bad-header", test_runt_abort_bad_header);
  g_test_add_func ("/ppp/hdlc/oversize-and-endless", test_oversize_and_endless);
  g_test_add_func ("/ppp/hdlc/receive-accm", test_receive_accm_only_drops_unescaped);

  return g_test_run ();
}
