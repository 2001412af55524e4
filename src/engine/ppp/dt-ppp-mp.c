/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The multilink protocol: see dt-ppp-mp.h.  The header (RFC 1990 §3): the long format is
 * B E 0 0 0 0 0 0 and a 24-bit sequence number, the short one B E 0 0 and 12 bits.  The first
 * fragment of a packet begins with the packet's protocol field, which may be compressed to
 * one octet (Linux sends it so); we send it whole.
 *
 * Reassembly (§4.1): fragments wait in sequence order.  M, the smallest of the sequence
 * numbers each link last brought, says which holes are for good: a link delivers in order,
 * so a number below M that has not come never will.  A hole below M, a packet whose first
 * fragment is lost (no B), or one that runs into the next one's B, is given up, fragment by
 * fragment, up to the next B. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-mp.h"

#define FLAG_B 0x80
#define FLAG_E 0x40

/* Below this, a packet goes whole on one link: splitting would cost more headers than time. */
#define MIN_FRAGMENT 256

typedef struct {
  gpointer link;
  gboolean multilink;
  guint    peer_mru;
  gboolean has_seq;        /* it brought a fragment since it joined */
  guint32  last_seq;
} Member;

typedef struct {
  guint32  seq;
  guint8   flags;
  GBytes  *data;
} Fragment;

struct _DtPppMp
{
  const DtPppMpOwner *owner;
  gpointer            data;
  guint               mrru;
  guint               peer_mrru;

  GArray             *members;       /* Member */
  gboolean            formats_set;
  gboolean            send_short;
  gboolean            receive_short;
  guint32             send_seq;
  guint               next_link;     /* round robin, for equal backlogs */

  GQueue              held;          /* Fragment *, in sequence order */
  gsize               held_bytes;
  gboolean            has_expected;
  guint32             expected;      /* the next sequence number to deliver */
  guint               loss_timer;
  GByteArray         *packet;        /* scratch for reassembly and for sending */

  DtPppMpStats        stats;
};

static void fragment_free (Fragment *fragment);

/* Sequence numbers ---------------------------------------------------------------------- */

static guint32
seq_mask (gboolean short_seq)
{
  return short_seq ? 0xfff : 0xffffff;
}

/* Whether @a comes before @b in the receive space, modulo its wrap. */
static gboolean
before (DtPppMp *self,
        guint32  a,
        guint32  b)
{
  guint32 mask = seq_mask (self->receive_short);
  guint32 d = (b - a) & mask;

  return d != 0 && d <= (mask >> 1);
}

/* M of §4.1: the least of the last numbers the links brought; FALSE while a link has brought
 * none (it could still bring anything). */
static gboolean
least_last (DtPppMp *self,
            guint32 *m)
{
  gboolean have = FALSE;

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = &g_array_index (self->members, Member, i);

      if (!member->has_seq)
        return FALSE;
      if (!have || before (self, member->last_seq, *m))
        *m = member->last_seq;
      have = TRUE;
    }
  return have;
}

/* The object ----------------------------------------------------------------------------- */

DtPppMp *
dt_ppp_mp_new (const DtPppMpOwner *owner,
               gpointer            data,
               guint               mrru)
{
  DtPppMp *self = g_new0 (DtPppMp, 1);

  g_return_val_if_fail (owner != NULL && owner->deliver != NULL && owner->send != NULL, NULL);

  self->owner = owner;
  self->data = data;
  self->mrru = CLAMP (mrru, DT_PPP_MIN_MRU, DT_PPP_MAX_MRU);
  self->peer_mrru = DT_PPP_DEFAULT_MRU;
  self->members = g_array_new (FALSE, TRUE, sizeof (Member));
  g_queue_init (&self->held);
  self->packet = g_byte_array_new ();
  return self;
}

static void
drop_held (DtPppMp *self)
{
  Fragment *fragment;

  while ((fragment = g_queue_pop_head (&self->held)) != NULL)
    fragment_free (fragment);
  self->held_bytes = 0;
}

void
dt_ppp_mp_free (DtPppMp *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->loss_timer, g_source_remove);
  drop_held (self);
  g_array_unref (self->members);
  g_byte_array_unref (self->packet);
  g_free (self);
}

static void
fragment_free (Fragment *fragment)
{
  g_bytes_unref (fragment->data);
  g_free (fragment);
}

static Member *
find_member (DtPppMp  *self,
             gpointer  link,
             guint    *index)
{
  for (guint i = 0; i < self->members->len; i++)
    if (g_array_index (self->members, Member, i).link == link)
      {
        if (index != NULL)
          *index = i;
        return &g_array_index (self->members, Member, i);
      }
  return NULL;
}

gboolean
dt_ppp_mp_add_link (DtPppMp  *self,
                    gpointer  link,
                    gboolean  multilink,
                    gboolean  send_short,
                    gboolean  receive_short,
                    guint     peer_mru)
{
  Member member = {
    .link = link,
    .multilink = multilink,
    .peer_mru = MAX (peer_mru, DT_PPP_MIN_MRU),
  };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (find_member (self, link, NULL) == NULL, FALSE);

  /* A link without the multilink protocol can only be alone (§5.1.1). */
  if (self->members->len > 0 &&
      (!multilink || !g_array_index (self->members, Member, 0).multilink))
    return FALSE;
  if (!self->formats_set)
    {
      self->formats_set = TRUE;
      self->send_short = send_short;
      self->receive_short = receive_short;
    }
  else if (self->send_short != !!send_short || self->receive_short != !!receive_short)
    return FALSE;
  g_array_append_val (self->members, member);
  return TRUE;
}

static void reassemble (DtPppMp *self);

void
dt_ppp_mp_remove_link (DtPppMp  *self,
                       gpointer  link)
{
  guint index;

  g_return_if_fail (self != NULL);

  if (find_member (self, link, &index) == NULL)
    return;
  g_array_remove_index (self->members, index);
  /* M may move: the link that held it back is gone. */
  reassemble (self);
}

guint
dt_ppp_mp_get_n_links (DtPppMp *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->members->len;
}

void
dt_ppp_mp_set_peer_mrru (DtPppMp *self,
                         guint    mrru)
{
  g_return_if_fail (self != NULL);
  self->peer_mrru = MAX (mrru, DT_PPP_MIN_MRU);
}

/* Receiving ------------------------------------------------------------------------------ */

/* Gives up the head fragment: a lost packet's. */
static void
give_up_head (DtPppMp *self)
{
  Fragment *head = g_queue_pop_head (&self->held);

  self->held_bytes -= g_bytes_get_size (head->data);
  self->stats.lost++;
  self->has_expected = TRUE;
  self->expected = (head->seq + 1) & seq_mask (self->receive_short);
  fragment_free (head);
}

/* The packet of fragments @first (B) to @last (E), contiguous at the head: delivered. */
static void
deliver (DtPppMp *self,
         guint    count)
{
  guint16 protocol;
  const guint8 *p;
  gsize len;

  g_byte_array_set_size (self->packet, 0);
  for (guint i = 0; i < count; i++)
    {
      Fragment *fragment = g_queue_pop_head (&self->held);

      g_byte_array_append (self->packet, g_bytes_get_data (fragment->data, NULL),
                           g_bytes_get_size (fragment->data));
      self->held_bytes -= g_bytes_get_size (fragment->data);
      self->expected = (fragment->seq + 1) & seq_mask (self->receive_short);
      fragment_free (fragment);
    }
  p = self->packet->data;
  len = self->packet->len;
  /* The protocol field, compressed to one octet when its low bit is set (RFC 1661 §6.5). */
  if (len >= 1 && (p[0] & 1))
    {
      protocol = p[0];
      p++;
      len--;
    }
  else if (len >= 2 && (p[1] & 1))
    {
      protocol = dt_ppp_get16 (p);
      p += 2;
      len -= 2;
    }
  else
    {
      self->stats.dropped++;
      return;
    }
  if (len > self->mrru)
    {
      self->stats.dropped++;
      return;
    }
  self->stats.packets_in++;
  self->owner->deliver (self, protocol, p, len, self->data);
}

/* One step of §4.1 at the head; FALSE when it must wait for more. */
static gboolean
reassemble_step (DtPppMp *self,
                 gboolean expire)
{
  Fragment *head = g_queue_peek_head (&self->held);
  guint32 mask = seq_mask (self->receive_short);
  guint32 m = 0;
  gboolean have_m = least_last (self, &m);
  guint32 seq;
  guint count = 0;

  /* At the start: the first number is the head's once no link can still bring an earlier
   * one (every link is at it or past it), or the loss timer says so. */
  if (!self->has_expected)
    {
      if (!expire && !(have_m && (m == head->seq || before (self, head->seq, m))))
        return FALSE;
      self->has_expected = TRUE;
      self->expected = head->seq;
    }
  /* A hole at the head, for good once every link is past it. */
  if (head->seq != self->expected)
    {
      if (!expire && !(have_m && before (self, self->expected, m)))
        return FALSE;
      self->stats.lost += (head->seq - self->expected) & mask;
      self->expected = head->seq;
    }
  /* The middle of a packet whose beginning is lost. */
  if (!(head->flags & FLAG_B))
    {
      give_up_head (self);
      return TRUE;
    }
  /* The packet's fragments, contiguous from its B to its E. */
  seq = head->seq;
  for (GList *l = self->held.head; l != NULL; l = l->next, seq = (seq + 1) & mask)
    {
      Fragment *fragment = l->data;

      if (fragment->seq != seq)
        {
          /* A hole inside the packet: lost once every link is past it. */
          if (expire || (have_m && before (self, seq, m)))
            {
              give_up_head (self);
              return TRUE;
            }
          return FALSE;
        }
      count++;
      if (count > 1 && (fragment->flags & FLAG_B))
        {
          /* The next packet began before this one ended: this one lost its end. */
          give_up_head (self);
          return TRUE;
        }
      if (fragment->flags & FLAG_E)
        {
          deliver (self, count);
          return TRUE;
        }
    }
  /* All there so far, but no E yet. */
  if (expire)
    {
      give_up_head (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_loss_timer (gpointer user_data)
{
  DtPppMp *self = user_data;

  self->loss_timer = 0;
  dt_ppp_mp_expire (self);
  return G_SOURCE_REMOVE;
}

static void
reassemble (DtPppMp *self)
{
  while (!g_queue_is_empty (&self->held) && reassemble_step (self, FALSE))
    ;
  /* Over the bounds: the oldest incomplete packet goes. */
  while (self->held.length > DT_PPP_MP_MAX_FRAGMENTS || self->held_bytes > 4 * (gsize) self->mrru)
    {
      self->stats.dropped++;
      give_up_head (self);
      while (!g_queue_is_empty (&self->held) && reassemble_step (self, FALSE))
        ;
    }
  if (g_queue_is_empty (&self->held))
    g_clear_handle_id (&self->loss_timer, g_source_remove);
  else if (self->loss_timer == 0)
    self->loss_timer = g_timeout_add (DT_PPP_MP_LOSS_MS, on_loss_timer, self);
}

void
dt_ppp_mp_expire (DtPppMp *self)
{
  g_return_if_fail (self != NULL);

  /* What waits now gives way; what follows it may then go as usual. */
  if (!g_queue_is_empty (&self->held))
    reassemble_step (self, TRUE);
  reassemble (self);
}

/* Where @seq goes in the held queue; FALSE for a duplicate. */
static gboolean
insert_fragment (DtPppMp  *self,
                 Fragment *fragment)
{
  GList *l;

  for (l = self->held.tail; l != NULL; l = l->prev)
    {
      Fragment *other = l->data;

      if (other->seq == fragment->seq)
        return FALSE;
      if (before (self, other->seq, fragment->seq))
        break;
    }
  if (l == NULL)
    g_queue_push_head (&self->held, fragment);
  else
    g_queue_insert_after (&self->held, l, fragment);
  self->held_bytes += g_bytes_get_size (fragment->data);
  return TRUE;
}

void
dt_ppp_mp_input (DtPppMp      *self,
                 gpointer      link,
                 const guint8 *frame,
                 gsize         len)
{
  Member *member;
  gsize header = 0;
  guint32 seq;
  Fragment *fragment;

  g_return_if_fail (self != NULL);
  g_return_if_fail (frame != NULL || len == 0);

  member = find_member (self, link, NULL);
  if (member != NULL && member->multilink)
    header = self->receive_short ? 2 : 4;
  /* No member, no multilink on it, a header cut short, or no data after it. */
  if (header == 0 || len <= header)
    {
      self->stats.dropped++;
      return;
    }
  self->stats.fragments_in++;
  if (self->receive_short)
    seq = ((frame[0] & 0x0f) << 8) | frame[1];
  else
    seq = ((guint32) frame[1] << 16) | (frame[2] << 8) | frame[3];
  member->has_seq = TRUE;
  member->last_seq = seq;

  /* Too late: what was delivered or given up already. */
  if (self->has_expected && before (self, seq, self->expected))
    {
      self->stats.dropped++;
      reassemble (self);
      return;
    }
  fragment = g_new0 (Fragment, 1);
  fragment->seq = seq;
  fragment->flags = frame[0] & (FLAG_B | FLAG_E);
  fragment->data = g_bytes_new (frame + header, len - header);
  if (!insert_fragment (self, fragment))
    {
      self->stats.dropped++;
      fragment_free (fragment);
    }
  reassemble (self);
}

/* Sending -------------------------------------------------------------------------------- */

static void
send_fragment (DtPppMp      *self,
               Member       *member,
               guint8        flags,
               const guint8 *data,
               gsize         len)
{
  guint8 frame[DT_PPP_MAX_MRU + 4];
  gsize header = self->send_short ? 2 : 4;
  guint32 seq = self->send_seq;

  self->send_seq = (seq + 1) & seq_mask (self->send_short);
  if (self->send_short)
    {
      frame[0] = flags | ((seq >> 8) & 0x0f);
      frame[1] = seq & 0xff;
    }
  else
    {
      frame[0] = flags;
      frame[1] = seq >> 16;
      frame[2] = (seq >> 8) & 0xff;
      frame[3] = seq & 0xff;
    }
  memcpy (frame + header, data, len);
  self->stats.fragments_out++;
  self->owner->send (self, member->link, DT_PPP_PROTO_MP, frame, header + len, self->data);
}

/* A link the peer has put in the bundle: it sent a fragment on it.  Until then a link that
 * just joined may still be the peer's own (pppd attaches it a moment after its
 * authentication, and rejects the multilink protocol meanwhile); while no link has, all
 * are tried. */
static gboolean
usable (DtPppMp *self,
        Member  *member)
{
  if (member->has_seq)
    return TRUE;
  for (guint i = 0; i < self->members->len; i++)
    if (g_array_index (self->members, Member, i).has_seq)
      return FALSE;
  return TRUE;
}

/* The usable members, in the round robin's order from its turn on, the one with the least
 * waiting to go out first. */
static guint
usable_members (DtPppMp *self,
                Member **out)
{
  guint n = self->members->len;
  guint count = 0, best = 0;
  gsize best_backlog = G_MAXSIZE;

  for (guint k = 0; k < n; k++)
    {
      Member *member = &g_array_index (self->members, Member, (self->next_link + k) % n);
      gsize backlog;

      if (!usable (self, member))
        continue;
      backlog = self->owner->backlog != NULL
        ? self->owner->backlog (self, member->link, self->data) : 0;
      if (backlog < best_backlog)
        {
          best = count;
          best_backlog = backlog;
        }
      out[count++] = member;
    }
  /* The idlest first. */
  if (best > 0)
    {
      Member *first = out[best];

      memmove (out + 1, out, best * sizeof *out);
      out[0] = first;
    }
  self->next_link++;
  return count;
}

gboolean
dt_ppp_mp_send (DtPppMp      *self,
                guint16       protocol,
                const guint8 *info,
                gsize         len)
{
  gsize header = 0, total, offset = 0, pieces;
  g_autofree Member **usable_list = NULL;
  guint n;
  Member *lone;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (info != NULL || len == 0, FALSE);

  n = self->members->len;
  if (n == 0)
    return FALSE;
  lone = &g_array_index (self->members, Member, 0);
  if (!lone->multilink)
    {
      if (len > lone->peer_mru)
        return FALSE;
      self->stats.packets_out++;
      self->owner->send (self, lone->link, protocol, info, len, self->data);
      return TRUE;
    }
  if (len > self->peer_mrru)
    return FALSE;

  g_byte_array_set_size (self->packet, 0);
  dt_ppp_append16 (self->packet, protocol);
  g_byte_array_append (self->packet, info, len);
  total = self->packet->len;
  header = self->send_short ? 2 : 4;

  /* Whole on the idlest link when small; otherwise in about equal parts across the links,
   * each within its link's MRU. */
  usable_list = g_new (Member *, n);
  n = usable_members (self, usable_list);
  pieces = total < 2 * MIN_FRAGMENT ? 1 : MIN (n, total / MIN_FRAGMENT);
  for (gsize i = 0; offset < total; i++)
    {
      Member *member = usable_list[i % n];
      gsize left = total - offset;
      gsize size = i + 1 < pieces ? (left + (pieces - i - 1)) / (pieces - i) : left;
      guint8 flags = 0;

      size = MIN (size, member->peer_mru - header);
      if (offset == 0)
        flags |= FLAG_B;
      if (offset + size == total)
        flags |= FLAG_E;
      send_fragment (self, member, flags, self->packet->data + offset, size);
      offset += size;
    }
  self->stats.packets_out++;
  return TRUE;
}

/* Reports --------------------------------------------------------------------------------- */

void
dt_ppp_mp_get_stats (DtPppMp      *self,
                     DtPppMpStats *stats)
{
  g_return_if_fail (self != NULL && stats != NULL);
  *stats = self->stats;
}

guint
dt_ppp_mp_get_held (DtPppMp *self,
                    gsize   *bytes)
{
  g_return_val_if_fail (self != NULL, 0);
  if (bytes != NULL)
    *bytes = self->held_bytes;
  return self->held.length;
}

char *
dt_ppp_mp_describe (const guint8 *frame,
                    gsize         len,
                    gboolean      short_seq)
{
  gsize header = short_seq ? 2 : 4;
  guint32 seq;

  if (len < header)
    return g_strdup_printf ("[MP <truncated, %" G_GSIZE_FORMAT " bytes>]", len);
  seq = short_seq ? ((frame[0] & 0x0f) << 8) | frame[1]
                  : ((guint32) frame[1] << 16) | (frame[2] << 8) | frame[3];
  return g_strdup_printf ("[MP%s%s seq=0x%x len=%" G_GSIZE_FORMAT "]",
                          frame[0] & FLAG_B ? " B" : "", frame[0] & FLAG_E ? " E" : "", seq,
                          len - header);
}
