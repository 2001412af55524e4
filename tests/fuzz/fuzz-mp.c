/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the multilink reassembler and fragmenter (dt-ppp-mp.c): frames of the
 * multilink protocol from two member links in any order, with holes, duplicates, wraps and
 * lies, interleaved with the loss timer's expiry, a link leaving, and packets to send.
 * Checked: memory stays within the bounds (fragments held, bytes held), a delivered packet
 * never exceeds our MRRU, a fragment sent never exceeds its link's MRU, and nothing is lost
 * from what is delivered (every packet is a whole one: its protocol is odd in its low
 * byte).
 *
 * Input: one selector byte (bit 0: 12-bit sequence numbers; bits 1-3: our MRRU, 128 and up;
 * bits 4-6: link B's MRU), then records of [operation][length][length bytes]: 0 and 1 a
 * frame on link A or B, 2 the loss timer, 3 a packet to send (of the bytes, the first two
 * its protocol), 4 link B leaves, 5 it joins again. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-mp.h"

static int link_a, link_b;

typedef struct {
  guint mrru;
  guint mru_b;
} Limits;

static void
on_deliver (DtPppMp      *mp,
            guint16       protocol,
            const guint8 *info,
            gsize         len,
            gpointer      data)
{
  Limits *limits = data;

  g_assert (len <= limits->mrru);
  g_assert ((protocol & 1) == 1);
}

static void
on_send (DtPppMp      *mp,
         gpointer      link,
         guint16       protocol,
         const guint8 *info,
         gsize         len,
         gpointer      data)
{
  Limits *limits = data;

  g_assert (len <= (link == &link_b ? limits->mru_b : 1500));
}

static const DtPppMpOwner owner = { on_deliver, on_send, NULL };

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (DtPppMp) mp = NULL;
  Limits limits;
  gboolean short_seq;
  gsize pos = 1;

  if (size < 1)
    return 0;
  short_seq = data[0] & 1;
  limits.mrru = 128 + ((data[0] >> 1) & 7) * 256;
  limits.mru_b = 128 + ((data[0] >> 4) & 7) * 200;
  mp = dt_ppp_mp_new (&owner, &limits, limits.mrru);
  g_assert (dt_ppp_mp_add_link (mp, &link_a, TRUE, short_seq, short_seq, 1500));
  g_assert (dt_ppp_mp_add_link (mp, &link_b, TRUE, short_seq, short_seq, limits.mru_b));
  dt_ppp_mp_set_peer_mrru (mp, 1500);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos] % 6;
      gsize len = MIN ((gsize) data[pos + 1], size - pos - 2);
      const guint8 *bytes = data + pos + 2;
      gsize held_bytes;

      pos += 2 + len;
      switch (op)
        {
        case 0:
        case 1:
          dt_ppp_mp_input (mp, op == 0 ? &link_a : &link_b, bytes, len);
          break;
        case 2:
          dt_ppp_mp_expire (mp);
          break;
        case 3:
          if (len >= 2)
            dt_ppp_mp_send (mp, dt_ppp_get16 (bytes) | 1, bytes + 2, len - 2);
          break;
        case 4:
          dt_ppp_mp_remove_link (mp, &link_b);
          break;
        default:
          if (dt_ppp_mp_get_n_links (mp) < 2)
            dt_ppp_mp_add_link (mp, &link_b, TRUE, short_seq, short_seq, limits.mru_b);
          break;
        }
      g_assert (dt_ppp_mp_get_held (mp, &held_bytes) <= DT_PPP_MP_MAX_FRAGMENTS);
      g_assert (held_bytes <= 4 * (gsize) limits.mrru);
    }
  return 0;
}
