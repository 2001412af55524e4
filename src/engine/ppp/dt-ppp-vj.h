/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Van Jacobson TCP/IP header compression (RFC 1144), both directions of one link.  The
 * compressor keeps a slot table of the TCP conversations it sends (least recently used slot
 * reused first) and turns a 40-byte TCP/IP header that changed only as expected into 3 to 16
 * bytes; the decompressor keeps the peer's table and rebuilds the whole header.  After any
 * error (a damaged frame, an unknown slot, a truncated header) the decompressor tosses
 * compressed packets until one names its slot explicitly (§4).  No I/O, no allocation per
 * packet; every length is checked before a byte is read, since the input comes from the line.
 *
 * PPP protocol numbers (RFC 1332): an IP packet the compressor left alone goes as 0x0021, a
 * header sent whole with the slot number in the IP protocol field as 0x002f (VJ
 * uncompressed), a compressed one as 0x002d (VJ compressed). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_PPP_PROTO_VJC 0x002d   /* compressed TCP/IP header */
#define DT_PPP_PROTO_VJU 0x002f   /* uncompressed, slot number in the protocol field */

/* The largest TCP/IP header a slot holds: 60 bytes of IP, 60 of TCP. */
#define DT_PPP_VJ_MAX_HEADER 120
/* The most a decompressed datagram can outgrow its compressed form. */
#define DT_PPP_VJ_MAX_GROWTH DT_PPP_VJ_MAX_HEADER

typedef struct {
  guint64 out_ip;             /* sent as plain IP: not TCP, fragments, SYN/FIN/RST */
  guint64 out_uncompressed;   /* sent whole, to set up or refresh a slot */
  guint64 out_compressed;
  guint64 out_searches;       /* slot lookups beyond the most recent one */
  guint64 out_misses;         /* new conversations: a slot reused */
  guint64 in_uncompressed;
  guint64 in_compressed;
  guint64 in_errors;          /* unknown slot, truncated or impossible header */
  guint64 in_tossed;          /* compressed packets dropped while waiting for a slot number */
} DtPppVjStats;

typedef struct _DtPppVj DtPppVj;

DtPppVj  *dt_ppp_vj_new            (void);
void      dt_ppp_vj_free           (DtPppVj            *vj);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppVj, dt_ppp_vj_free)

/* What the peer said it can receive in IPCP: its highest slot number (0..255), and whether
 * it lets us leave the slot number out when it repeats.  Clears the sending table. */
void      dt_ppp_vj_set_tx         (DtPppVj            *vj,
                                    guint               max_slot_id,
                                    gboolean            compress_slot_id);
/* What we told the peer: our highest slot number.  Clears the receiving table and expects
 * an explicit slot number first. */
void      dt_ppp_vj_set_rx         (DtPppVj            *vj,
                                    guint               max_slot_id);

/* Compresses the IPv4 datagram @packet (@len bytes) for sending.  Returns the protocol to
 * send it as; for DT_PPP_PROTO_VJC and _VJU the bytes to send are written to @out, which
 * must hold @len bytes, and their number to @out_len.  For DT_PPP_PROTO_IP (0x0021) nothing is
 * written: send @packet as it is. */
guint16   dt_ppp_vj_compress       (DtPppVj            *vj,
                                    const guint8       *packet,
                                    gsize               len,
                                    guint8             *out,
                                    gsize              *out_len);

/* Rebuilds the IPv4 datagram of a received frame of @protocol (DT_PPP_PROTO_VJC or _VJU)
 * into @out (@out_size bytes: @len + DT_PPP_VJ_MAX_GROWTH is always enough).  Returns its
 * length, or 0 when the frame was dropped (counted in the stats). */
gsize     dt_ppp_vj_uncompress     (DtPppVj            *vj,
                                    guint16             protocol,
                                    const guint8       *in,
                                    gsize               len,
                                    guint8             *out,
                                    gsize               out_size);
/* A frame was lost or damaged on the line: toss compressed packets until the next one that
 * names its slot (RFC 1144 §4.1). */
void      dt_ppp_vj_receive_error  (DtPppVj            *vj);

const DtPppVjStats *dt_ppp_vj_get_stats (DtPppVj       *vj);

G_END_DECLS
