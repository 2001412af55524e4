/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PPP Deflate through zlib: see dt-ppp-deflate.h.
 *
 * On the wire this matches the Linux kernel's ppp_deflate (what pppd uses): its compressor
 * ends each packet with a Z_PACKET_FLUSH, which is zlib's Z_SYNC_FLUSH without the stored
 * block's LEN and NLEN (0x00 0x00 0xff 0xff); its decompressor requires a packet to end
 * exactly there.  We strip those four bytes from what zlib's sync flush gives, and put them
 * back before inflating (unless the sender left them in: a Z_PACKET_FLUSH packet cannot end
 * in 0xff, since its last byte ends with the stored block's zero type bits and padding).
 * After inflating, zlib must stand at a block boundary (data_type's 128), or the packet was
 * damaged.  Packets sent as they were go into the receiving history with
 * inflateSetDictionary(), which for a raw stream appends to the window at any time: the
 * kernel's inflateIncomp with standard zlib. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "dt-ppp-deflate.h"

#define DEFLATE_MIN_WINDOW   9    /* zlib's raw deflate cannot do 8 */
#define INFLATE_WINDOW      15    /* inflates anything a smaller window produced */

static const guint8 sync_trailer[4] = { 0x00, 0x00, 0xff, 0xff };

struct _DtPppDeflate {
  z_stream          tx;
  z_stream          rx;
  gboolean          tx_on;
  gboolean          rx_on;
  guint             tx_window;
  guint             rx_window;
  guint16           tx_seq;
  guint16           rx_seq;
  gboolean          rx_failed;
  gsize             limit;        /* largest inflated packet, protocol field included */
  guint8           *rx_buf;       /* limit + 1 bytes: one more shows an overflow */
  DtPppDeflateStats stats;
};

DtPppDeflate *
dt_ppp_deflate_new (guint tx_window,
                    guint rx_window,
                    gsize mru)
{
  g_autoptr (DtPppDeflate) d = g_new0 (DtPppDeflate, 1);

  g_return_val_if_fail (tx_window == 0 || (tx_window >= DEFLATE_MIN_WINDOW &&
                                           tx_window <= 15), NULL);
  g_return_val_if_fail (rx_window == 0 || (rx_window >= 8 && rx_window <= 15), NULL);
  g_return_val_if_fail (mru > 0, NULL);

  d->limit = mru + 2;
  if (tx_window != 0)
    {
      if (deflateInit2 (&d->tx, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -(int) tx_window, 8,
                        Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
      d->tx_on = TRUE;
      d->tx_window = tx_window;
    }
  if (rx_window != 0)
    {
      if (inflateInit2 (&d->rx, -INFLATE_WINDOW) != Z_OK)
        return NULL;
      d->rx_on = TRUE;
      d->rx_window = rx_window;
      d->rx_buf = g_malloc (d->limit + 1);
    }
  return g_steal_pointer (&d);
}

void
dt_ppp_deflate_free (DtPppDeflate *d)
{
  if (d == NULL)
    return;
  if (d->tx_on)
    deflateEnd (&d->tx);
  if (d->rx_on)
    inflateEnd (&d->rx);
  g_free (d->rx_buf);
  g_free (d);
}

guint
dt_ppp_deflate_get_tx_window (DtPppDeflate *d)
{
  g_return_val_if_fail (d != NULL, 0);
  return d->tx_window;
}

guint
dt_ppp_deflate_get_rx_window (DtPppDeflate *d)
{
  g_return_val_if_fail (d != NULL, 0);
  return d->rx_window;
}

const DtPppDeflateStats *
dt_ppp_deflate_get_stats (DtPppDeflate *d)
{
  g_return_val_if_fail (d != NULL, NULL);
  return &d->stats;
}

gboolean
dt_ppp_deflate_rx_failed (DtPppDeflate *d)
{
  g_return_val_if_fail (d != NULL, FALSE);
  return d->rx_failed;
}

void
dt_ppp_deflate_reset_tx (DtPppDeflate *d)
{
  g_return_if_fail (d != NULL);

  if (d->tx_on)
    deflateReset (&d->tx);
  d->tx_seq = 0;
}

void
dt_ppp_deflate_reset_rx (DtPppDeflate *d)
{
  g_return_if_fail (d != NULL);

  if (d->rx_on)
    inflateReset (&d->rx);
  d->rx_seq = 0;
  d->rx_failed = FALSE;
}

/* The protocol field as it enters the history: one byte when its high byte is 0. */
static gsize
protocol_field (guint16 protocol,
                guint8  field[2])
{
  field[0] = protocol >> 8;
  field[1] = protocol & 0xff;
  return protocol > 0xff ? 2 : 1;
}

static gboolean
compressible_protocol (guint16 protocol)
{
  return protocol >= 0x0001 && protocol <= 0x3fff && protocol != DT_PPP_PROTO_COMP &&
         protocol != 0x00fb;   /* nor individual-link compressed datagrams */
}

/* Runs deflate over @in with @flush, appending to @out. */
static gboolean
deflate_into (z_stream     *z,
              const guint8 *in,
              gsize         len,
              int           flush,
              GByteArray   *out)
{
  z->next_in = (Bytef *) in;
  z->avail_in = len;
  do
    {
      gsize old = out->len;
      gsize room = len + 64;
      int r;

      g_byte_array_set_size (out, old + room);
      z->next_out = out->data + old;
      z->avail_out = room;
      r = deflate (z, flush);
      g_byte_array_set_size (out, old + room - z->avail_out);
      if (r != Z_OK && r != Z_BUF_ERROR)
        return FALSE;
    }
  while (z->avail_out == 0 || z->avail_in > 0);
  return TRUE;
}

gboolean
dt_ppp_deflate_compress (DtPppDeflate *d,
                         guint16       protocol,
                         const guint8 *info,
                         gsize         len,
                         GByteArray   *out)
{
  guint8 field[2];
  gsize n = protocol_field (protocol, field);
  gsize clen;

  g_return_val_if_fail (d != NULL && out != NULL, FALSE);
  g_return_val_if_fail (info != NULL || len == 0, FALSE);

  if (!d->tx_on || !compressible_protocol (protocol))
    return FALSE;
  g_byte_array_set_size (out, 2);
  out->data[0] = d->tx_seq >> 8;
  out->data[1] = d->tx_seq & 0xff;
  d->tx_seq++;
  if (!deflate_into (&d->tx, field + 2 - n, n, Z_NO_FLUSH, out) ||
      !deflate_into (&d->tx, info, len, Z_SYNC_FLUSH, out) ||
      out->len < 2 + sizeof sync_trailer ||
      memcmp (out->data + out->len - 4, sync_trailer, 4) != 0)
    {
      /* zlib cannot fail on valid input; if it ever does, the peer's history no longer
       * matches ours: start both again, as a Reset-Request would. */
      dt_ppp_deflate_reset_tx (d);
      return FALSE;
    }
  g_byte_array_set_size (out, out->len - 4);
  clen = out->len;
  d->stats.out_bytes_before += n + len;
  if (clen >= n + len)
    {
      /* Bigger than the packet (random or already compressed data): it goes as it is, and
       * the receiver puts it in its history as we did. */
      d->stats.out_incompressible++;
      d->stats.out_bytes_after += n + len;
      return FALSE;
    }
  d->stats.out_packets++;
  d->stats.out_bytes_after += clen;
  return TRUE;
}

static DtPppDeflateResult
rx_error (DtPppDeflate *d)
{
  d->stats.in_errors++;
  d->rx_failed = TRUE;
  return DT_PPP_DEFLATE_ERROR;
}

/* Inflates @len bytes into the buffer after what it holds; FALSE on corrupt data or output
 * past the limit. */
static gboolean
inflate_more (DtPppDeflate *d,
              const guint8 *in,
              gsize         len)
{
  z_stream *z = &d->rx;
  int r;

  z->next_in = (Bytef *) in;
  z->avail_in = len;
  while (z->avail_in > 0)
    {
      r = inflate (z, Z_SYNC_FLUSH);
      if (r != Z_OK && r != Z_BUF_ERROR)
        return FALSE;   /* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_END (a final block), … */
      if (z->avail_out == 0)
        return FALSE;   /* past the MRU: the packet is not one the peer may send */
      if (r == Z_BUF_ERROR)
        break;
    }
  return z->avail_in == 0;
}

DtPppDeflateResult
dt_ppp_deflate_decompress (DtPppDeflate  *d,
                           const guint8  *in,
                           gsize          len,
                           guint16       *protocol,
                           const guint8 **data,
                           gsize         *data_len)
{
  z_stream *z = &d->rx;
  gsize out_len;
  guint8 *p;

  g_return_val_if_fail (d != NULL && protocol != NULL && data != NULL && data_len != NULL,
                        DT_PPP_DEFLATE_ERROR);
  g_return_val_if_fail (in != NULL || len == 0, DT_PPP_DEFLATE_ERROR);

  if (!d->rx_on || d->rx_failed)
    {
      d->stats.in_dropped++;
      return DT_PPP_DEFLATE_ERROR;
    }
  if (len < 3 || ((in[0] << 8) | in[1]) != d->rx_seq)
    return rx_error (d);
  d->rx_seq++;

  z->next_out = d->rx_buf;
  z->avail_out = d->limit + 1;
  if (!inflate_more (d, in + 2, len - 2))
    return rx_error (d);
  if (len < 6 || memcmp (in + len - 4, sync_trailer, 4) != 0)
    if (!inflate_more (d, sync_trailer, sizeof sync_trailer))
      return rx_error (d);
  /* At a block boundary (inflate's TYPE mode), or the packet ended inside a block. */
  if (!(z->data_type & 128) || (z->data_type & 64))
    return rx_error (d);

  out_len = d->limit + 1 - z->avail_out;
  p = d->rx_buf;
  if (out_len >= 1 && (p[0] & 1))
    *protocol = p[0], p += 1, out_len -= 1;
  else if (out_len >= 2 && (p[1] & 1))
    *protocol = (p[0] << 8) | p[1], p += 2, out_len -= 2;
  else
    return rx_error (d);
  *data = p;
  *data_len = out_len;
  d->stats.in_packets++;
  d->stats.in_bytes_before += len;
  d->stats.in_bytes_after += (p - d->rx_buf) + out_len;
  return DT_PPP_DEFLATE_OK;
}

void
dt_ppp_deflate_add_uncompressed (DtPppDeflate *d,
                                 guint16       protocol,
                                 const guint8 *info,
                                 gsize         len)
{
  guint8 field[2];
  gsize n = protocol_field (protocol, field);

  g_return_if_fail (d != NULL);
  g_return_if_fail (info != NULL || len == 0);

  if (!d->rx_on || d->rx_failed || !compressible_protocol (protocol))
    return;
  d->rx_seq++;
  inflateSetDictionary (&d->rx, field + 2 - n, n);
  if (len > 0)
    inflateSetDictionary (&d->rx, info, len);
  d->stats.in_uncompressed++;
  d->stats.in_bytes_before += n + len;
  d->stats.in_bytes_after += n + len;
}
