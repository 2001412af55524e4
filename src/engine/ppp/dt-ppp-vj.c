/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 1144 TCP/IP header compression: see dt-ppp-vj.h.  The algorithm is Appendix A's
 * (sl_compress_tcp and sl_uncompress_tcp), with slot indices instead of pointers and every
 * read bounded.  Where this differs from the RFC's code it only ever sends a header whole
 * that the RFC would compress: TCP flags other than PSH and URG (ECN's CWR and ECE), the
 * reserved bits, or an URG flag that went away, must match the slot, because the
 * decompressor takes them from there. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-vj.h"

/* The change mask (§3.2). */
#define NEW_C 0x40
#define NEW_I 0x20
#define NEW_S 0x08
#define NEW_A 0x04
#define NEW_W 0x02
#define NEW_U 0x01
#define TCP_PUSH_BIT 0x10
#define SPECIAL_I (NEW_S | NEW_W | NEW_U)           /* echoed interactive traffic */
#define SPECIAL_D (NEW_S | NEW_A | NEW_W | NEW_U)   /* unidirectional data */
#define SPECIALS_MASK (NEW_S | NEW_A | NEW_W | NEW_U)

/* TCP flags */
#define TH_FIN  0x01
#define TH_SYN  0x02
#define TH_RST  0x04
#define TH_PUSH 0x08
#define TH_ACK  0x10
#define TH_URG  0x20

#define N_SLOTS 256

typedef struct {
  guint8   hdr[DT_PPP_VJ_MAX_HEADER];
  guint16  hlen;
  guint8   next;      /* sending: the next slot in the circular LRU list */
  gboolean valid;
} Slot;

struct _DtPppVj {
  Slot         tx[N_SLOTS];
  guint        n_tx;
  guint8       last_cs;      /* the least recently used slot; its next is the most recent */
  guint        last_xmit;    /* slot of the last packet sent, N_SLOTS for none */
  gboolean     compress_slot_id;

  Slot         rx[N_SLOTS];
  guint        n_rx;
  guint        last_recv;
  gboolean     toss;

  DtPppVjStats stats;
};

/* Field helpers over a header in a slot or a packet: IP at 0, TCP at @ip_hlen. */
#define IP_HLEN(p)     (((p)[0] & 0x0f) * 4u)
#define TCP_HLEN(t)    (((t)[12] >> 4) * 4u)
#define TCP_FLAGS(t)   ((t)[13])

DtPppVj *
dt_ppp_vj_new (void)
{
  DtPppVj *vj = g_new0 (DtPppVj, 1);

  dt_ppp_vj_set_tx (vj, 15, TRUE);
  dt_ppp_vj_set_rx (vj, 15);
  return vj;
}

void
dt_ppp_vj_free (DtPppVj *vj)
{
  g_free (vj);
}

void
dt_ppp_vj_set_tx (DtPppVj  *vj,
                  guint     max_slot_id,
                  gboolean  compress_slot_id)
{
  g_return_if_fail (vj != NULL);
  g_return_if_fail (max_slot_id < N_SLOTS);

  memset (vj->tx, 0, sizeof vj->tx);
  vj->n_tx = max_slot_id + 1;
  /* A circle 0 → n-1 → n-2 → … → 1 → 0, slot 0 the oldest, as in sl_compress_init. */
  for (guint i = 1; i < vj->n_tx; i++)
    vj->tx[i].next = i - 1;
  vj->tx[0].next = vj->n_tx - 1;
  vj->last_cs = 0;
  vj->last_xmit = N_SLOTS;
  vj->compress_slot_id = compress_slot_id;
}

void
dt_ppp_vj_set_rx (DtPppVj *vj,
                  guint    max_slot_id)
{
  g_return_if_fail (vj != NULL);
  g_return_if_fail (max_slot_id < N_SLOTS);

  memset (vj->rx, 0, sizeof vj->rx);
  vj->n_rx = max_slot_id + 1;
  vj->last_recv = N_SLOTS;
  vj->toss = TRUE;
}

const DtPppVjStats *
dt_ppp_vj_get_stats (DtPppVj *vj)
{
  g_return_val_if_fail (vj != NULL, NULL);
  return &vj->stats;
}

/* Compression */

static gboolean
same_conversation (const guint8 *ip,
                   const Slot   *slot)
{
  /* Addresses, then the TCP ports (the first word of the TCP header). */
  return slot->valid && memcmp (ip + 12, slot->hdr + 12, 8) == 0 &&
         memcmp (ip + IP_HLEN (ip), slot->hdr + IP_HLEN (slot->hdr), 4) == 0;
}

/* The slot for @ip's conversation, made the most recent; or, when none has it, the oldest
 * slot, made the most recent, with *@found FALSE. */
static guint
find_slot (DtPppVj      *vj,
           const guint8 *ip,
           gboolean     *found)
{
  guint last = vj->last_cs;
  guint cs = vj->tx[last].next;
  guint lcs;

  *found = TRUE;
  if (same_conversation (ip, &vj->tx[cs]))
    return cs;
  do
    {
      lcs = cs;
      cs = vj->tx[cs].next;
      vj->stats.out_searches++;
      if (same_conversation (ip, &vj->tx[cs]))
        {
          /* Move it to the front of the list. */
          if (cs == last)
            vj->last_cs = lcs;
          else
            {
              vj->tx[lcs].next = vj->tx[cs].next;
              vj->tx[cs].next = vj->tx[last].next;
              vj->tx[last].next = cs;
            }
          return cs;
        }
    }
  while (cs != last);
  /* The oldest slot points to the newest: moving last_cs back one makes it the newest. */
  vj->stats.out_misses++;
  vj->last_cs = lcs;
  *found = FALSE;
  return cs;
}

/* Only the fields RFC 1144 expects to change changed (§3.2.2, and see the top of the
 * file). */
static gboolean
compressible_change (const guint8 *ip,
                     const guint8 *th,
                     const guint8 *old)
{
  guint ihl = IP_HLEN (ip);
  const guint8 *oth = old + ihl;
  guint8 keep = (guint8) ~(TH_PUSH | TH_URG);

  if (memcmp (ip, old, 2) != 0 || memcmp (ip + 6, old + 6, 4) != 0 || IP_HLEN (old) != ihl)
    return FALSE;
  if (th[12] != oth[12] || (TCP_FLAGS (th) & keep) != (TCP_FLAGS (oth) & keep))
    return FALSE;
  if (!(TCP_FLAGS (th) & TH_URG) && (TCP_FLAGS (oth) & TH_URG))
    return FALSE;
  return memcmp (ip + 20, old + 20, ihl - 20) == 0 &&
         memcmp (th + 20, oth + 20, TCP_HLEN (th) - 20) == 0;
}

static guint8 *
encode (guint8  *p,
        guint32  n,
        gboolean zero_is_long)
{
  if (n >= 256 || (zero_is_long && n == 0))
    {
      *p++ = 0;
      *p++ = n >> 8;
      *p++ = n & 0xff;
    }
  else
    *p++ = n;
  return p;
}

/* The deltas of a packet of the conversation in @slot (§3.2.3): the change mask, and the
 * encoded fields in @deltas; FALSE when it must go whole. */
static gboolean
compute_changes (const guint8 *ip,
                 const guint8 *th,
                 const Slot   *slot,
                 guint         hlen,
                 guint8       *mask,
                 guint8       *deltas,
                 gsize        *n_deltas)
{
  const guint8 *old = slot->hdr;
  const guint8 *oth = old + IP_HLEN (old);
  guint16 old_len = dt_ppp_get16 (old + 2);
  guint8 *p = deltas;
  guint changes = 0;
  guint32 delta_s, delta_a;
  guint16 delta_w, delta_i;

  if (TCP_FLAGS (th) & TH_URG)
    {
      p = encode (p, dt_ppp_get16 (th + 18), TRUE);
      changes |= NEW_U;
    }
  else if (dt_ppp_get16 (th + 18) != dt_ppp_get16 (oth + 18))
    return FALSE;
  delta_w = dt_ppp_get16 (th + 14) - dt_ppp_get16 (oth + 14);
  if (delta_w != 0)
    {
      p = encode (p, delta_w, FALSE);
      changes |= NEW_W;
    }
  delta_a = dt_ppp_get32 (th + 8) - dt_ppp_get32 (oth + 8);
  if (delta_a > 0xffff)
    return FALSE;
  if (delta_a != 0)
    {
      p = encode (p, delta_a, FALSE);
      changes |= NEW_A;
    }
  delta_s = dt_ppp_get32 (th + 4) - dt_ppp_get32 (oth + 4);
  if (delta_s > 0xffff)
    return FALSE;
  if (delta_s != 0)
    {
      p = encode (p, delta_s, FALSE);
      changes |= NEW_S;
    }

  switch (changes)
    {
    case 0:
      /* Data after a bare ACK goes compressed; anything else unchanged is a retransmission
       * or a window probe, sent whole in case the peer missed the compressed one. */
      if (dt_ppp_get16 (ip + 2) != old_len && old_len == hlen)
        break;
      return FALSE;
    case SPECIAL_I:
    case SPECIAL_D:
      return FALSE;
    case NEW_S | NEW_A:
      if (delta_s == delta_a && delta_s == (guint32) (old_len - hlen))
        {
          changes = SPECIAL_I;
          p = deltas;
        }
      break;
    case NEW_S:
      if (delta_s == (guint32) (old_len - hlen))
        {
          changes = SPECIAL_D;
          p = deltas;
        }
      break;
    default:
      break;
    }

  delta_i = dt_ppp_get16 (ip + 4) - dt_ppp_get16 (old + 4);
  if (delta_i != 1)
    {
      p = encode (p, delta_i, TRUE);
      changes |= NEW_I;
    }
  if (TCP_FLAGS (th) & TH_PUSH)
    changes |= TCP_PUSH_BIT;
  *mask = changes;
  *n_deltas = p - deltas;
  return TRUE;
}

/* A TCP packet the RFC can compress at all: an unfragmented IPv4 datagram whose length
 * field is its length, with ACK alone of SYN, FIN, RST and ACK; returns its header length,
 * or 0. */
static guint
tcp_header_length (const guint8 *ip,
                   gsize         len)
{
  guint ihl, hlen;

  if (len < 40 || (ip[0] >> 4) != 4 || IP_HLEN (ip) < 20 || ip[9] != 6 ||
      (dt_ppp_get16 (ip + 6) & 0x3fff) != 0 || dt_ppp_get16 (ip + 2) != len)
    return 0;
  ihl = IP_HLEN (ip);
  if (ihl + 20 > len)
    return 0;
  hlen = ihl + TCP_HLEN (ip + ihl);
  if (TCP_HLEN (ip + ihl) < 20 || hlen > len)
    return 0;
  if ((TCP_FLAGS (ip + ihl) & (TH_SYN | TH_FIN | TH_RST | TH_ACK)) != TH_ACK)
    return 0;
  return hlen;
}

guint16
dt_ppp_vj_compress (DtPppVj      *vj,
                    const guint8 *packet,
                    gsize         len,
                    guint8       *out,
                    gsize        *out_len)
{
  guint hlen;
  const guint8 *th;
  guint8 deltas[16], mask = 0;
  gsize n_deltas = 0;
  gboolean found = FALSE;
  guint cs;
  guint8 *p = out;

  g_return_val_if_fail (vj != NULL && out != NULL && out_len != NULL, 0);
  g_return_val_if_fail (packet != NULL || len == 0, 0);

  hlen = len > 0 ? tcp_header_length (packet, len) : 0;
  if (hlen == 0)
    {
      vj->stats.out_ip++;
      return DT_PPP_PROTO_IP;
    }
  th = packet + IP_HLEN (packet);
  cs = find_slot (vj, packet, &found);
  if (!found || !compressible_change (packet, th, vj->tx[cs].hdr) ||
      !compute_changes (packet, th, &vj->tx[cs], hlen, &mask, deltas, &n_deltas))
    {
      /* Whole, with the slot number where the IP protocol was (§3.2.4). */
      memcpy (vj->tx[cs].hdr, packet, hlen);
      vj->tx[cs].hlen = hlen;
      vj->tx[cs].valid = TRUE;
      memcpy (out, packet, len);
      out[9] = cs;
      *out_len = len;
      vj->last_xmit = cs;
      vj->stats.out_uncompressed++;
      return DT_PPP_PROTO_VJU;
    }

  memcpy (vj->tx[cs].hdr, packet, hlen);
  if (!vj->compress_slot_id || vj->last_xmit != cs)
    {
      *p++ = mask | NEW_C;
      *p++ = cs;
      vj->last_xmit = cs;
    }
  else
    *p++ = mask;
  *p++ = th[16];   /* the TCP checksum, as it was */
  *p++ = th[17];
  memcpy (p, deltas, n_deltas);
  p += n_deltas;
  memcpy (p, packet + hlen, len - hlen);
  *out_len = (p - out) + (len - hlen);
  vj->stats.out_compressed++;
  return DT_PPP_PROTO_VJC;
}

/* Decompression */

static guint16
ip_checksum (const guint8 *p,
             gsize         len)
{
  guint32 sum = 0;

  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (p[i] << 8) | p[i + 1];
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

static gsize
fail (DtPppVj *vj)
{
  vj->stats.in_errors++;
  vj->toss = TRUE;
  return 0;
}

void
dt_ppp_vj_receive_error (DtPppVj *vj)
{
  g_return_if_fail (vj != NULL);
  vj->toss = TRUE;
}

/* A field of 1 or 3 bytes (§3.2.3); FALSE when the packet ends first. */
static gboolean
decode (const guint8 **p,
        const guint8  *end,
        guint32       *value)
{
  if (*p >= end)
    return FALSE;
  if (**p != 0)
    {
      *value = *(*p)++;
      return TRUE;
    }
  if (end - *p < 3)
    return FALSE;
  *value = ((*p)[1] << 8) | (*p)[2];
  *p += 3;
  return TRUE;
}

static gsize
uncompress_whole (DtPppVj      *vj,
                  const guint8 *in,
                  gsize         len,
                  guint8       *out,
                  gsize         out_size)
{
  guint ihl, hlen;
  Slot *slot;

  if (len < 40 || (in[0] >> 4) != 4 || IP_HLEN (in) < 20 || IP_HLEN (in) + 20 > len ||
      len > out_size)
    return fail (vj);
  ihl = IP_HLEN (in);
  hlen = ihl + TCP_HLEN (in + ihl);
  if (TCP_HLEN (in + ihl) < 20 || hlen > len || in[9] >= vj->n_rx)
    return fail (vj);
  memcpy (out, in, len);
  out[9] = 6;   /* TCP, where the slot number was */
  /* With the protocol back in place, the header's checksum holds again (as Linux checks). */
  if (ip_checksum (out, ihl) != 0)
    return fail (vj);
  slot = &vj->rx[in[9]];
  vj->last_recv = in[9];
  vj->toss = FALSE;
  memcpy (slot->hdr, out, hlen);
  slot->hlen = hlen;
  slot->valid = TRUE;
  vj->stats.in_uncompressed++;
  return len;
}

/* Applies the deltas of @changes to the header in @slot; FALSE when they run short. */
static gboolean
apply_changes (Slot          *slot,
               guint8         changes,
               const guint8 **p,
               const guint8  *end)
{
  guint8 *ip = slot->hdr;
  guint8 *th = ip + IP_HLEN (ip);
  guint32 v, payload = dt_ppp_get16 (ip + 2) - slot->hlen;

  switch (changes & SPECIALS_MASK)
    {
    case SPECIAL_I:
      dt_ppp_put32 (th + 8, dt_ppp_get32 (th + 8) + payload);
      dt_ppp_put32 (th + 4, dt_ppp_get32 (th + 4) + payload);
      break;
    case SPECIAL_D:
      dt_ppp_put32 (th + 4, dt_ppp_get32 (th + 4) + payload);
      break;
    default:
      if (changes & NEW_U)
        {
          if (!decode (p, end, &v))
            return FALSE;
          th[13] |= TH_URG;
          dt_ppp_put16 (th + 18, v);
        }
      else
        th[13] &= ~TH_URG;
      if ((changes & NEW_W) && !decode (p, end, &v))
        return FALSE;
      if (changes & NEW_W)
        dt_ppp_put16 (th + 14, dt_ppp_get16 (th + 14) + v);
      if ((changes & NEW_A) && !decode (p, end, &v))
        return FALSE;
      if (changes & NEW_A)
        dt_ppp_put32 (th + 8, dt_ppp_get32 (th + 8) + v);
      if ((changes & NEW_S) && !decode (p, end, &v))
        return FALSE;
      if (changes & NEW_S)
        dt_ppp_put32 (th + 4, dt_ppp_get32 (th + 4) + v);
      break;
    }
  if (changes & NEW_I)
    {
      if (!decode (p, end, &v))
        return FALSE;
      dt_ppp_put16 (ip + 4, dt_ppp_get16 (ip + 4) + v);
    }
  else
    dt_ppp_put16 (ip + 4, dt_ppp_get16 (ip + 4) + 1);
  return TRUE;
}

static gsize
uncompress_header (DtPppVj      *vj,
                   const guint8 *in,
                   gsize         len,
                   guint8       *out,
                   gsize         out_size)
{
  const guint8 *p, *end;
  guint8 changes;
  gsize payload, total;
  Slot work;
  guint8 *th;

  if (len < 3)
    return fail (vj);
  p = in;
  end = in + len;
  changes = *p++;
  if (changes & NEW_C)
    {
      if (*p >= vj->n_rx)
        return fail (vj);
      vj->toss = FALSE;
      vj->last_recv = *p++;
    }
  else if (vj->toss)
    {
      vj->stats.in_tossed++;
      return 0;
    }
  if (!vj->rx[vj->last_recv].valid || end - p < 2)
    return fail (vj);

  /* On a copy: a packet that turns out short leaves the slot as it was. */
  work = vj->rx[vj->last_recv];
  th = work.hdr + IP_HLEN (work.hdr);
  th[16] = p[0];
  th[17] = p[1];
  p += 2;
  if (changes & TCP_PUSH_BIT)
    th[13] |= TH_PUSH;
  else
    th[13] &= ~TH_PUSH;
  if (!apply_changes (&work, changes, &p, end))
    return fail (vj);

  payload = end - p;
  total = work.hlen + payload;
  if (total > 0xffff || total > out_size)
    return fail (vj);
  dt_ppp_put16 (work.hdr + 2, total);
  dt_ppp_put16 (work.hdr + 10, 0);
  dt_ppp_put16 (work.hdr + 10, ip_checksum (work.hdr, IP_HLEN (work.hdr)));
  vj->rx[vj->last_recv] = work;
  memcpy (out, work.hdr, work.hlen);
  memcpy (out + work.hlen, p, payload);
  vj->stats.in_compressed++;
  return total;
}

gsize
dt_ppp_vj_uncompress (DtPppVj      *vj,
                      guint16       protocol,
                      const guint8 *in,
                      gsize         len,
                      guint8       *out,
                      gsize         out_size)
{
  g_return_val_if_fail (vj != NULL && out != NULL, 0);
  g_return_val_if_fail (in != NULL || len == 0, 0);

  if (protocol == DT_PPP_PROTO_VJU)
    return uncompress_whole (vj, in, len, out, out_size);
  if (protocol == DT_PPP_PROTO_VJC)
    return uncompress_header (vj, in, len, out, out_size);
  return fail (vj);
}
