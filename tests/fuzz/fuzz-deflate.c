/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the Deflate receiver (RFC 1979 through zlib): compressed packets from
 * a hostile peer (any sequence number, any bytes, bombs), packets it sends as they were,
 * resets at any moment; never more out than the MRU.  And the compressor: whatever it sends
 * must come out of a second, paired decompressor exactly as it went in, compressed or not.
 *
 * Input: one byte of configuration (the compressor's window, 9..15), then records of
 * [operation][length (2 bytes)][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-deflate.h"

#define MRU 1500

static void
round_trip (DtPppDeflate *tx,
            DtPppDeflate *rx,
            GByteArray   *out,
            guint16       protocol,
            const guint8 *data,
            gsize         len)
{
  guint16 got_protocol;
  const guint8 *got;
  gsize got_len;

  if (!dt_ppp_deflate_compress (tx, protocol, data, len, out))
    {
      dt_ppp_deflate_add_uncompressed (rx, protocol, data, len);
      return;
    }
  g_assert (out->len < len + 2);
  g_assert (dt_ppp_deflate_decompress (rx, out->data, out->len, &got_protocol, &got,
                                       &got_len) == DT_PPP_DEFLATE_OK);
  g_assert (got_protocol == protocol);
  g_assert (got_len == len && memcmp (got, data, len) == 0);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (DtPppDeflate) peer = NULL, tx = NULL, rx = NULL;
  g_autoptr (GByteArray) out = g_byte_array_new ();
  gsize pos = 1;

  if (size < 1)
    return 0;
  peer = dt_ppp_deflate_new (0, 8 + data[0] % 8, MRU);
  tx = dt_ppp_deflate_new (9 + data[0] % 7, 0, MRU);
  rx = dt_ppp_deflate_new (0, 15, 0xffff);

  while (pos + 3 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (dt_ppp_get16 (data + pos + 1), size - pos - 3);
      g_autofree guint8 *record = g_memdup2 (data + pos + 3, len);

      pos += 3 + len;
      switch (op % 4)
        {
        case 0:
          {
            guint16 protocol;
            const guint8 *got;
            gsize got_len;

            if (dt_ppp_deflate_decompress (peer, record, len, &protocol, &got, &got_len) ==
                DT_PPP_DEFLATE_OK)
              g_assert (got_len + (protocol > 0xff ? 2 : 1) <= MRU + 2);
            break;
          }
        case 1:
          dt_ppp_deflate_add_uncompressed (peer, 0x0021, record, len);
          break;
        case 2:
          dt_ppp_deflate_reset_rx (peer);
          break;
        default:
          /* At most an MRU's worth, as the session sends. */
          round_trip (tx, rx, out, 0x0021 + 2 * (op >> 2), record, MIN (len, MRU));
          break;
        }
    }
  return 0;
}
