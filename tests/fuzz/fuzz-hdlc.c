/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the RFC 1662 decoder: any bytes, cut into chunks of any size, under
 * any receive map.  Every frame handed on must fit the limit and survive a round trip:
 * encoded again under a random map and compression, it must decode to the same protocol and
 * information field.
 *
 * Input: 4 bytes of receive ACCM, 1 byte of chunk size, then the line's bytes. */

#include "config.h"

#include <string.h>

#include "dt-ppp-hdlc.h"

#define MAX_FRAME 256

typedef struct {
  guint16 protocol;
  GBytes *info;
  guint   n;
} Seen;

static void
on_again (guint16       protocol,
          const guint8 *info,
          gsize         len,
          gpointer      user_data)
{
  Seen *seen = user_data;

  g_assert (protocol == seen->protocol);
  g_assert (len == g_bytes_get_size (seen->info));
  g_assert (len == 0 || memcmp (info, g_bytes_get_data (seen->info, NULL), len) == 0);
  seen->n++;
}

static void
on_frame (guint16       protocol,
          const guint8 *info,
          gsize         len,
          gpointer      user_data)
{
  guint32 accm = GPOINTER_TO_UINT (user_data);
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  g_autoptr (GBytes) copy = g_bytes_new (info, len);
  DtPppHdlcDecoder *again;
  DtPppHdlcEncoder enc;
  Seen seen = { protocol, copy, 0 };

  g_assert (len + 3 <= MAX_FRAME);
  /* A protocol field is odd in its low byte and even in its high byte (RFC 1661 §2). */
  g_assert ((protocol & 1) && !(protocol & 0x100));

  dt_ppp_hdlc_encoder_init (&enc);
  dt_ppp_hdlc_encoder_set_accm (&enc, accm);
  dt_ppp_hdlc_encoder_set_compression (&enc, accm & 1, accm & 2);
  dt_ppp_hdlc_encode (&enc, wire, protocol, info, len);

  again = dt_ppp_hdlc_decoder_new (MAX_FRAME + 4, on_again, &seen);
  dt_ppp_hdlc_decoder_set_accm (again, accm);
  dt_ppp_hdlc_decoder_feed (again, wire->data, wire->len);
  g_assert (seen.n == 1);
  g_assert (dt_ppp_hdlc_decoder_get_stats (again)->fcs_errors == 0);
  dt_ppp_hdlc_decoder_free (again);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  DtPppHdlcDecoder *dec;
  guint32 accm;
  gsize chunk;

  if (size < 5)
    return 0;
  accm = (guint32) data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3];
  chunk = data[4] ? data[4] : size;
  data += 5;
  size -= 5;

  dec = dt_ppp_hdlc_decoder_new (MAX_FRAME, on_frame, GUINT_TO_POINTER (accm));
  dt_ppp_hdlc_decoder_set_accm (dec, accm);
  for (gsize pos = 0; pos < size; pos += chunk)
    dt_ppp_hdlc_decoder_feed (dec, data + pos, MIN (chunk, size - pos));
  dt_ppp_hdlc_decoder_free (dec);
  return 0;
}
