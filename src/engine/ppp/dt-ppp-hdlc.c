/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 1662 asynchronous HDLC-like framing: see dt-ppp-hdlc.h.  The FCS table is the one
 * RFC 1662 §C.2 generates for the polynomial x**0 + x**5 + x**12 + x**16, in the reflected
 * (LSB-first) form the line uses. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"

static const guint16 fcstab[256] = {
  0x0000, 0x1189, 0x2312, 0x329b, 0x4624, 0x57ad, 0x6536, 0x74bf,
  0x8c48, 0x9dc1, 0xaf5a, 0xbed3, 0xca6c, 0xdbe5, 0xe97e, 0xf8f7,
  0x1081, 0x0108, 0x3393, 0x221a, 0x56a5, 0x472c, 0x75b7, 0x643e,
  0x9cc9, 0x8d40, 0xbfdb, 0xae52, 0xdaed, 0xcb64, 0xf9ff, 0xe876,
  0x2102, 0x308b, 0x0210, 0x1399, 0x6726, 0x76af, 0x4434, 0x55bd,
  0xad4a, 0xbcc3, 0x8e58, 0x9fd1, 0xeb6e, 0xfae7, 0xc87c, 0xd9f5,
  0x3183, 0x200a, 0x1291, 0x0318, 0x77a7, 0x662e, 0x54b5, 0x453c,
  0xbdcb, 0xac42, 0x9ed9, 0x8f50, 0xfbef, 0xea66, 0xd8fd, 0xc974,
  0x4204, 0x538d, 0x6116, 0x709f, 0x0420, 0x15a9, 0x2732, 0x36bb,
  0xce4c, 0xdfc5, 0xed5e, 0xfcd7, 0x8868, 0x99e1, 0xab7a, 0xbaf3,
  0x5285, 0x430c, 0x7197, 0x601e, 0x14a1, 0x0528, 0x37b3, 0x263a,
  0xdecd, 0xcf44, 0xfddf, 0xec56, 0x98e9, 0x8960, 0xbbfb, 0xaa72,
  0x6306, 0x728f, 0x4014, 0x519d, 0x2522, 0x34ab, 0x0630, 0x17b9,
  0xef4e, 0xfec7, 0xcc5c, 0xddd5, 0xa96a, 0xb8e3, 0x8a78, 0x9bf1,
  0x7387, 0x620e, 0x5095, 0x411c, 0x35a3, 0x242a, 0x16b1, 0x0738,
  0xffcf, 0xee46, 0xdcdd, 0xcd54, 0xb9eb, 0xa862, 0x9af9, 0x8b70,
  0x8408, 0x9581, 0xa71a, 0xb693, 0xc22c, 0xd3a5, 0xe13e, 0xf0b7,
  0x0840, 0x19c9, 0x2b52, 0x3adb, 0x4e64, 0x5fed, 0x6d76, 0x7cff,
  0x9489, 0x8500, 0xb79b, 0xa612, 0xd2ad, 0xc324, 0xf1bf, 0xe036,
  0x18c1, 0x0948, 0x3bd3, 0x2a5a, 0x5ee5, 0x4f6c, 0x7df7, 0x6c7e,
  0xa50a, 0xb483, 0x8618, 0x9791, 0xe32e, 0xf2a7, 0xc03c, 0xd1b5,
  0x2942, 0x38cb, 0x0a50, 0x1bd9, 0x6f66, 0x7eef, 0x4c74, 0x5dfd,
  0xb58b, 0xa402, 0x9699, 0x8710, 0xf3af, 0xe226, 0xd0bd, 0xc134,
  0x39c3, 0x284a, 0x1ad1, 0x0b58, 0x7fe7, 0x6e6e, 0x5cf5, 0x4d7c,
  0xc60c, 0xd785, 0xe51e, 0xf497, 0x8028, 0x91a1, 0xa33a, 0xb2b3,
  0x4a44, 0x5bcd, 0x6956, 0x78df, 0x0c60, 0x1de9, 0x2f72, 0x3efb,
  0xd68d, 0xc704, 0xf59f, 0xe416, 0x90a9, 0x8120, 0xb3bb, 0xa232,
  0x5ac5, 0x4b4c, 0x79d7, 0x685e, 0x1ce1, 0x0d68, 0x3ff3, 0x2e7a,
  0xe70e, 0xf687, 0xc41c, 0xd595, 0xa12a, 0xb0a3, 0x8238, 0x93b1,
  0x6b46, 0x7acf, 0x4854, 0x59dd, 0x2d62, 0x3ceb, 0x0e70, 0x1ff9,
  0xf78f, 0xe606, 0xd49d, 0xc514, 0xb1ab, 0xa022, 0x92b9, 0x8330,
  0x7bc7, 0x6a4e, 0x58d5, 0x495c, 0x3de3, 0x2c6a, 0x1ef1, 0x0f78,
};

/* Continues the FCS-16 @fcs over @data.  Start with DT_PPP_FCS_INIT; a frame followed by its
 * own FCS gives DT_PPP_FCS_GOOD. */
guint16
dt_ppp_fcs16 (guint16       fcs,
              const guint8 *data,
              gsize         len)
{
  for (gsize i = 0; i < len; i++)
    fcs = (fcs >> 8) ^ fcstab[(fcs ^ data[i]) & 0xff];
  return fcs;
}

static void
fill_escape_map (guint8  *map,
                 guint32  accm)
{
  memset (map, 0, 256);
  for (guint c = 0; c < 0x20; c++)
    map[c] = (accm >> c) & 1;
  map[DT_PPP_FLAG] = 1;
  map[DT_PPP_ESCAPE] = 1;
}

/* Sets up @enc as before LCP: every control character escaped, nothing compressed. */
void
dt_ppp_hdlc_encoder_init (DtPppHdlcEncoder *enc)
{
  g_return_if_fail (enc != NULL);

  fill_escape_map (enc->escape_lcp, DT_PPP_ACCM_DEFAULT);
  dt_ppp_hdlc_encoder_set_accm (enc, DT_PPP_ACCM_DEFAULT);
  dt_ppp_hdlc_encoder_set_compression (enc, FALSE, FALSE);
}

/* The peer's receive ACCM, as it asked for it in LCP. 0x7d and 0x7e are escaped whatever
 * the map says. */
void
dt_ppp_hdlc_encoder_set_accm (DtPppHdlcEncoder *enc,
                              guint32           accm)
{
  g_return_if_fail (enc != NULL);

  enc->accm = accm;
  fill_escape_map (enc->escape, accm);
}

void
dt_ppp_hdlc_encoder_set_compression (DtPppHdlcEncoder *enc,
                                     gboolean          acfc,
                                     gboolean          pfc)
{
  g_return_if_fail (enc != NULL);

  enc->acfc = !!acfc;
  enc->pfc = !!pfc;
}

static inline guint8 *
put_escaped (guint8       *p,
             const guint8 *map,
             guint8        c)
{
  if (G_UNLIKELY (map[c]))
    {
      *p++ = DT_PPP_ESCAPE;
      *p++ = c ^ DT_PPP_TRANS;
    }
  else
    *p++ = c;
  return p;
}

/* Appends one complete frame, between flags, to @out.  LCP frames never lose their address
 * and control fields (RFC 1661 §6.6), and LCP codes 1..7 always go out with the default map,
 * so that a peer can read them whatever was negotiated before (RFC 1662 §7.1). */
void
dt_ppp_hdlc_encode (const DtPppHdlcEncoder *enc,
                    GByteArray             *out,
                    guint16                 protocol,
                    const guint8           *info,
                    gsize                   len)
{
  gboolean is_lcp = protocol == DT_PPP_PROTO_LCP;
  const guint8 *map = enc->escape;
  guint8 header[4];
  gsize n_header = 0;
  guint16 fcs;
  guint8 *start, *p;
  gsize old_len;

  g_return_if_fail (enc != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail (info != NULL || len == 0);

  if (is_lcp && len > 0 && info[0] >= DT_PPP_CONF_REQ && info[0] <= DT_PPP_CODE_REJ)
    map = enc->escape_lcp;

  if (!enc->acfc || is_lcp)
    {
      header[n_header++] = DT_PPP_ALLSTATIONS;
      header[n_header++] = DT_PPP_UI;
    }
  if (!enc->pfc || protocol > 0xff)
    header[n_header++] = protocol >> 8;
  header[n_header++] = protocol & 0xff;

  fcs = dt_ppp_fcs16 (DT_PPP_FCS_INIT, header, n_header);
  fcs = dt_ppp_fcs16 (fcs, info, len) ^ 0xffff;

  /* Worst case: every byte escaped, plus two flags. */
  old_len = out->len;
  g_byte_array_set_size (out, old_len + 2 * (n_header + len + 2) + 2);
  start = p = out->data + old_len;

  *p++ = DT_PPP_FLAG;
  for (gsize i = 0; i < n_header; i++)
    p = put_escaped (p, map, header[i]);
  for (gsize i = 0; i < len; i++)
    p = put_escaped (p, map, info[i]);
  p = put_escaped (p, map, fcs & 0xff);
  p = put_escaped (p, map, fcs >> 8);
  *p++ = DT_PPP_FLAG;

  g_byte_array_set_size (out, old_len + (p - start));
}

/* Decoder */

typedef enum {
  HUNT,       /* discarding until a flag */
  IN_FRAME,
} DecoderState;

struct _DtPppHdlcDecoder {
  DecoderState       state;
  gboolean           escaped;
  guint32            accm;
  guint16            fcs;
  gsize              len;
  gsize              max_frame;
  guint8            *buf;
  DtPppHdlcFrameFunc func;
  gpointer           user_data;
  DtPppHdlcStats     stats;
};

/* @max_frame bounds a frame after unescaping, address, control, protocol and FCS included:
 * a longer one is counted and dropped.  The receive map starts as the default one. */
DtPppHdlcDecoder *
dt_ppp_hdlc_decoder_new (gsize              max_frame,
                         DtPppHdlcFrameFunc func,
                         gpointer           user_data)
{
  DtPppHdlcDecoder *dec;

  g_return_val_if_fail (max_frame >= DT_PPP_HDLC_OVERHEAD, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  dec = g_new0 (DtPppHdlcDecoder, 1);
  dec->max_frame = max_frame;
  dec->buf = g_malloc (max_frame);
  dec->func = func;
  dec->user_data = user_data;
  dec->accm = DT_PPP_ACCM_DEFAULT;
  dt_ppp_hdlc_decoder_reset (dec);
  return dec;
}

void
dt_ppp_hdlc_decoder_free (DtPppHdlcDecoder *dec)
{
  if (dec == NULL)
    return;
  g_free (dec->buf);
  g_free (dec);
}

/* Our own receive map, as the peer acknowledged it.  A control character in the map that
 * arrives unescaped was inserted by the line or a modem, and is removed (RFC 1662 §7.1). */
void
dt_ppp_hdlc_decoder_set_accm (DtPppHdlcDecoder *dec,
                              guint32           accm)
{
  g_return_if_fail (dec != NULL);

  dec->accm = accm;
}

/* An empty frame, in @state. */
static void
restart (DtPppHdlcDecoder *dec,
         DecoderState      state)
{
  dec->state = state;
  dec->escaped = FALSE;
  dec->len = 0;
  dec->fcs = DT_PPP_FCS_INIT;
}

/* Forgets any partial frame and hunts for the next flag, as after the line comes up. */
void
dt_ppp_hdlc_decoder_reset (DtPppHdlcDecoder *dec)
{
  g_return_if_fail (dec != NULL);

  restart (dec, HUNT);
}

static void
start_frame (DtPppHdlcDecoder *dec)
{
  restart (dec, IN_FRAME);
}

/* A closing flag: check the frame and hand it on. */
static void
end_frame (DtPppHdlcDecoder *dec)
{
  const guint8 *p = dec->buf;
  gsize len = dec->len;
  guint16 protocol;

  if (dec->escaped)
    {
      dec->stats.aborts++;
      return;
    }
  if (len == 0)
    return;   /* back-to-back flags: an empty frame is only fill */
  if (len < 3)
    {
      /* At least one protocol byte and the FCS. */
      dec->stats.runts++;
      return;
    }
  if (dec->fcs != DT_PPP_FCS_GOOD)
    {
      dec->stats.fcs_errors++;
      return;
    }
  len -= 2;

  /* The address and control fields may be compressed away whether or not we agreed to it:
   * a protocol field never starts with 0xff (RFC 1661 §6.6 lets us be liberal). */
  if (len >= 2 && p[0] == DT_PPP_ALLSTATIONS)
    {
      if (p[1] != DT_PPP_UI)
        {
          dec->stats.bad_header++;
          return;
        }
      p += 2;
      len -= 2;
    }
  if (len >= 1 && (p[0] & 1))
    {
      protocol = p[0];
      p += 1;
      len -= 1;
    }
  else if (len >= 2 && (p[1] & 1))
    {
      protocol = dt_ppp_get16 (p);
      p += 2;
      len -= 2;
    }
  else
    {
      /* Empty, or the low byte of the protocol is even: not a valid protocol field. */
      dec->stats.bad_header++;
      return;
    }

  dec->stats.frames++;
  dec->func (protocol, p, len, dec->user_data);
}

/* Inside a frame, from @bytes[@i]: up to the closing flag (returns the index after it) or
 * the end of the input.  The state lives in locals here: this is the loop every received
 * byte goes through. */
static gsize
feed_frame (DtPppHdlcDecoder *dec,
            const guint8     *bytes,
            gsize             i,
            gsize             len)
{
  guint8 *buf = dec->buf;
  gsize n = dec->len;
  gsize max = dec->max_frame;
  guint16 fcs = dec->fcs;
  gboolean escaped = dec->escaped;
  guint32 accm = dec->accm;

  for (; i < len; i++)
    {
      guint8 c = bytes[i];

      if (G_UNLIKELY (c < 0x20 || c == DT_PPP_FLAG || c == DT_PPP_ESCAPE))
        {
          if (c == DT_PPP_FLAG)
            {
              dec->len = n;
              dec->fcs = fcs;
              dec->escaped = escaped;
              end_frame (dec);
              start_frame (dec);
              return i + 1;
            }
          /* Removed before unescaping: it never belonged to the frame. */
          if (c < 0x20 && ((accm >> c) & 1))
            continue;
          if (c == DT_PPP_ESCAPE)
            {
              escaped = TRUE;
              continue;
            }
        }
      if (escaped)
        {
          c ^= DT_PPP_TRANS;
          escaped = FALSE;
        }
      if (G_UNLIKELY (n == max))
        {
          dec->stats.oversize++;
          dec->state = HUNT;
          dec->len = 0;
          return i + 1;
        }
      buf[n++] = c;
      fcs = (fcs >> 8) ^ fcstab[(fcs ^ c) & 0xff];
    }

  dec->len = n;
  dec->fcs = fcs;
  dec->escaped = escaped;
  return len;
}

/* Feeds @len bytes read from the line.  Complete frames reach the callback before this
 * returns; a partial one waits for the next call. */
void
dt_ppp_hdlc_decoder_feed (DtPppHdlcDecoder *dec,
                          const guint8     *bytes,
                          gsize             len)
{
  gsize i = 0;

  g_return_if_fail (dec != NULL);
  g_return_if_fail (bytes != NULL || len == 0);

  while (i < len)
    {
      if (dec->state == HUNT)
        {
          const guint8 *flag = memchr (bytes + i, DT_PPP_FLAG, len - i);

          if (flag == NULL)
            {
              dec->stats.noise_bytes += len - i;
              return;
            }
          dec->stats.noise_bytes += flag - (bytes + i);
          i = flag - bytes + 1;
          start_frame (dec);
          continue;
        }
      i = feed_frame (dec, bytes, i, len);
    }
}

const DtPppHdlcStats *
dt_ppp_hdlc_decoder_get_stats (DtPppHdlcDecoder *dec)
{
  g_return_val_if_fail (dec != NULL, NULL);

  return &dec->stats;
}
