/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PPP Deflate (RFC 1979) through zlib: one compressor for what we send and one decompressor
 * for what we receive, each with its own history window and 16-bit sequence number.
 *
 * A packet is compressed whole, its protocol field first (one byte when the protocol fits in
 * one, two otherwise, whatever LCP agreed), as raw deflate data ended with Z_SYNC_FLUSH, so
 * that the receiver can inflate each packet as it comes; the 0x00 0x00 0xff 0xff of the
 * empty stored block the flush ends with is not sent (the receiver puts it back).  Only
 * protocols 0x0001..0x3fff (network layer data) are compressed, and a packet that would grow
 * goes as it is: it is still in the compressor's history, so the receiver must add it to its
 * own (dt_ppp_deflate_add_uncompressed), as the Linux kernel does.  Control protocols never
 * enter the history.  A reset (CCP Reset-Request and Reset-Ack) empties a history and starts
 * its sequence again at 0.
 *
 * Memory is bounded: the windows are at most 32 KiB, and the decompressor never writes more
 * than its MRU (a packet that inflates past it is an error, not a bigger buffer). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_PPP_PROTO_COMP 0x00fd    /* a compressed datagram (RFC 1962 §2) */

typedef enum {
  DT_PPP_DEFLATE_OK,            /* a packet came out */
  DT_PPP_DEFLATE_ERROR,         /* out of sync: send Reset-Request and drop until Reset-Ack */
} DtPppDeflateResult;

typedef struct {
  guint64 out_packets;          /* sent compressed */
  guint64 out_incompressible;   /* sent as they were, since compressing made them bigger */
  guint64 out_bytes_before;     /* protocol field and data of the packets compressed */
  guint64 out_bytes_after;      /* sequence number and compressed data sent for them */
  guint64 in_packets;
  guint64 in_bytes_before;      /* what was received compressed */
  guint64 in_bytes_after;       /* what it inflated to */
  guint64 in_uncompressed;      /* packets received as they were, added to the history */
  guint64 in_errors;            /* wrong sequence number, corrupt data, past the MRU */
  guint64 in_dropped;           /* compressed packets dropped while waiting for Reset-Ack */
} DtPppDeflateStats;

typedef struct _DtPppDeflate DtPppDeflate;

/* @tx_window, @rx_window: the base-2 logarithm of each history's size (9..15 to send, 8..15
 * to receive), or 0 for no compression that way.  @mru: the largest packet (protocol field
 * included) a decompressed datagram may be.  NULL when zlib cannot set up a window. */
DtPppDeflate *dt_ppp_deflate_new       (guint              tx_window,
                                        guint              rx_window,
                                        gsize              mru);
void          dt_ppp_deflate_free      (DtPppDeflate      *deflate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppDeflate, dt_ppp_deflate_free)

guint         dt_ppp_deflate_get_tx_window (DtPppDeflate *deflate);
guint         dt_ppp_deflate_get_rx_window (DtPppDeflate *deflate);

/* The peer asked for a reset (it lost sync): empty our history, sequence 0. */
void          dt_ppp_deflate_reset_tx  (DtPppDeflate      *deflate);
/* The peer acknowledged our Reset-Request: its history is empty, so is ours now. */
void          dt_ppp_deflate_reset_rx  (DtPppDeflate      *deflate);

/* Compresses a packet of @protocol (0x0001..0x3fff) for sending.  TRUE: send @out (sequence
 * number and data) as protocol 0x00fd.  FALSE: send the packet as it is (it was added to the
 * history anyway).  Protocols outside that range return FALSE and change nothing. */
gboolean      dt_ppp_deflate_compress  (DtPppDeflate      *deflate,
                                        guint16            protocol,
                                        const guint8      *info,
                                        gsize              len,
                                        GByteArray        *out);
/* Inflates a received protocol 0x00fd packet.  On DT_PPP_DEFLATE_OK, *@protocol and
 * *@data, *@data_len give the packet inside (valid until the next call).  After an error,
 * compressed packets are dropped (and DT_PPP_DEFLATE_ERROR returned again) until
 * dt_ppp_deflate_reset_rx(). */
DtPppDeflateResult dt_ppp_deflate_decompress (DtPppDeflate  *deflate,
                                        const guint8      *in,
                                        gsize              len,
                                        guint16           *protocol,
                                        const guint8     **data,
                                        gsize             *data_len);
/* A packet of @protocol received as it was while decompression runs: into the history when
 * it is of a protocol the sender compresses (0x0001..0x3fff). */
void          dt_ppp_deflate_add_uncompressed (DtPppDeflate *deflate,
                                        guint16            protocol,
                                        const guint8      *info,
                                        gsize              len);
/* TRUE while decompression is out of sync (waiting for Reset-Ack). */
gboolean      dt_ppp_deflate_rx_failed (DtPppDeflate      *deflate);

const DtPppDeflateStats *dt_ppp_deflate_get_stats (DtPppDeflate *deflate);

G_END_DECLS
