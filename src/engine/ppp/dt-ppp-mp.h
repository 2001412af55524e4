/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The multilink protocol (RFC 1990) of a bundle: the member links, each a PPP link that
 * agreed on multilink in LCP; sending the bundle's packets as fragments with the multilink
 * header (protocol 0x003d), a large packet split across the links; and receiving them, with
 * the reassembly and loss detection of §4.1.  It does no I/O and knows nothing of LCP: its
 * owner (the engine's bundle) hands it each link's multilink frames and sends what it asks
 * for on the link it names.  A bundle of one link that did not agree on multilink is carried
 * too, without headers, so that the owner need not tell the cases apart.
 *
 * Memory is bounded: at most DT_PPP_MP_MAX_FRAGMENTS fragments and four times the MRRU in
 * bytes wait for reassembly; beyond that, or when a hole outlives the loss timer (a link that
 * fell silent), the oldest incomplete packet is given up.  A reassembled packet larger than
 * our MRRU is dropped. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The bound on fragments held while waiting for the ones before them. */
#define DT_PPP_MP_MAX_FRAGMENTS 256
/* How long a hole in the sequence may hold back what follows it, in ms. */
#define DT_PPP_MP_LOSS_MS 1000

typedef struct _DtPppMp DtPppMp;

typedef struct {
  /* A packet of the bundle: its protocol and information field. */
  void (*deliver) (DtPppMp      *mp,
                   guint16       protocol,
                   const guint8 *info,
                   gsize         len,
                   gpointer      data);
  /* Sends @info as one frame of @protocol (0x003d, or the packet's own without multilink) on
   * the member @link. */
  void (*send)    (DtPppMp      *mp,
                   gpointer      link,
                   guint16       protocol,
                   const guint8 *info,
                   gsize         len,
                   gpointer      data);
  /* Optional: bytes waiting to go out on @link, to send whole packets on the idlest link. */
  gsize (*backlog) (DtPppMp     *mp,
                    gpointer     link,
                    gpointer     data);
} DtPppMpOwner;

typedef struct {
  guint64 fragments_in;
  guint64 fragments_out;
  guint64 packets_in;       /* reassembled and delivered */
  guint64 packets_out;
  guint64 lost;             /* fragments given up: holes, packets without a beginning or end */
  guint64 dropped;          /* malformed, duplicate, too late, too big, or over the bounds */
} DtPppMpStats;

/* @mrru: what we told the peer we reassemble (our LCP MRRU). */
DtPppMp   *dt_ppp_mp_new           (const DtPppMpOwner *owner,
                                    gpointer            data,
                                    guint               mrru);
void       dt_ppp_mp_free          (DtPppMp            *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppMp, dt_ppp_mp_free)

/* A member joins: @multilink says whether it agreed on the multilink protocol (a link that
 * did not can only be alone); @send_short whether the peer asked for 12-bit sequence numbers
 * (what we send), @receive_short whether it acknowledged our asking for them (what it
 * sends); @peer_mru the largest frame the peer takes on it.  The first member sets the
 * formats.  FALSE when it cannot join: a second link without multilink, a first one without
 * it when others are there, or one whose header formats differ. */
gboolean   dt_ppp_mp_add_link      (DtPppMp            *self,
                                    gpointer            link,
                                    gboolean            multilink,
                                    gboolean            send_short,
                                    gboolean            receive_short,
                                    guint               peer_mru);
/* A member leaves: what it was the last to send no longer holds the others back. */
void       dt_ppp_mp_remove_link   (DtPppMp            *self,
                                    gpointer            link);
guint      dt_ppp_mp_get_n_links   (DtPppMp            *self);
/* The largest packet the bundle can send (the peer's MRRU, or the lone link's MRU). */
void       dt_ppp_mp_set_peer_mrru (DtPppMp            *self,
                                    guint               mrru);

/* A frame of the multilink protocol received on @link (its information field). */
void       dt_ppp_mp_input         (DtPppMp            *self,
                                    gpointer            link,
                                    const guint8       *frame,
                                    gsize               len);
/* A packet of the bundle, to send: fragments on the members. */
gboolean   dt_ppp_mp_send          (DtPppMp            *self,
                                    guint16             protocol,
                                    const guint8       *info,
                                    gsize               len);
/* Gives up the holes now, as the loss timer would (for tests). */
void       dt_ppp_mp_expire        (DtPppMp            *self);

void       dt_ppp_mp_get_stats     (DtPppMp            *self,
                                    DtPppMpStats       *stats);
/* Fragments and bytes waiting for reassembly now. */
guint      dt_ppp_mp_get_held      (DtPppMp            *self,
                                    gsize              *bytes);

/* The trace text of a multilink frame's header: "[MP B E seq=0x12 len=100]". */
char      *dt_ppp_mp_describe      (const guint8       *frame,
                                    gsize               len,
                                    gboolean            short_seq);

G_END_DECLS
