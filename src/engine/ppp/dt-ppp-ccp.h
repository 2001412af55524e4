/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CCP, the Compression Control Protocol (RFC 1962), with Deflate (RFC 1979) as its only
 * method, on the shared automaton.  Each side's Configure-Request names what it can
 * decompress: ours asks for Deflate with a 32 KiB window under both of its numbers (26, and
 * 24, the draft's, which pppd still offers); the peer's tells our compressor which window to
 * use (9..15; 8, which zlib cannot produce, is Nak'd to 9).  Everything else (BSD-Compress,
 * Predictor, Stac LZS, MPPE and MPPC, …) is Configure-Rejected.
 *
 * The data path compresses through dt_ppp_ccp_compress() once CCP is Opened, and
 * decompresses through dt_ppp_ccp_decompress() from the moment the peer acknowledges our
 * request: a Linux peer starts compressing as it sends that Configure-Ack (its kernel watches
 * its own CCP packets go by), which can be before CCP is Opened on our side, when its own
 * request is still to be acknowledged.  A decompression error sends Reset-Request and drops
 * compressed packets until the peer's Reset-Ack (sent again every third of a restart
 * period, a second by default, while it does not come); a peer that never acknowledges gets
 * CCP closed, and the link goes on uncompressed.  Nothing here ever ends the link: CCP
 * failing only means no compression. */
#pragma once

#include <glib.h>

#include "dt-ppp-deflate.h"
#include "dt-ppp-fsm.h"

G_BEGIN_DECLS

enum {
  DT_PPP_CCP_RESET_REQ = 14,
  DT_PPP_CCP_RESET_ACK = 15,
};

typedef struct _DtPppCcp DtPppCcp;

typedef struct {
  /* Compression started or stopped (either direction): the description changed. */
  void (*changed) (DtPppCcp *ccp, gpointer data);
  /* Compression is about to stop: its statistics, for the last time. */
  void (*stopping) (DtPppCcp *ccp, const DtPppDeflateStats *stats, gpointer data);
} DtPppCcpOwner;

typedef struct {
  gboolean deflate;          /* method 26 */
  gboolean deflate_draft;    /* method 24 */
  guint8   window;           /* log2 of the history size, for whichever is used */
  guint8   method;           /* the first of the two in the request: the one used */
} DtPppCcpOptions;

typedef struct {
  guint64 resets_sent;       /* Reset-Requests for our decompressor */
  guint64 resets_received;   /* Reset-Requests from the peer */
  guint64 stray_resets;      /* Reset-Acks that answered no request of ours */
} DtPppCcpStats;

struct _DtPppCcp {
  DtPppFsm             fsm;
  const DtPppCcpOwner *owner;
  gpointer             owner_data;

  gboolean             enabled;
  gsize                mru;
  DtPppCcpOptions      want;
  DtPppCcpOptions      go;       /* what we ask the peer to compress with */
  DtPppCcpOptions      his;      /* what the peer asked us to compress with */

  DtPppDeflate        *rx;       /* from the peer's Configure-Ack of our request */
  DtPppDeflate        *tx;       /* while Opened, when the peer asked for a method */
  guint8               reset_id;
  guint                reset_timer;
  guint                resets_unanswered;
  DtPppCcpStats        stats;
};

void      dt_ppp_ccp_init        (DtPppCcp            *ccp,
                                  const DtPppCcpOwner *owner,
                                  gpointer             owner_data);
void      dt_ppp_ccp_clear       (DtPppCcp            *ccp);
/* @enabled FALSE: CCP never opens (the owner Protocol-Rejects it).  @mru bounds what a
 * packet may decompress to. */
void      dt_ppp_ccp_configure   (DtPppCcp            *ccp,
                                  gboolean             enabled,
                                  gsize                mru);
void      dt_ppp_ccp_input       (DtPppCcp            *ccp,
                                  const guint8        *packet,
                                  gsize                len);

/* The data path.  dt_ppp_ccp_compress(): TRUE when @out (sequence number and compressed
 * data) is to be sent as protocol 0x00fd instead of the packet. */
gboolean  dt_ppp_ccp_compress    (DtPppCcp            *ccp,
                                  guint16              protocol,
                                  const guint8        *info,
                                  gsize                len,
                                  GByteArray          *out);
/* A received 0x00fd packet: TRUE with the packet inside; FALSE when it is dropped (not
 * negotiated, or out of sync: a Reset-Request is on its way). */
gboolean  dt_ppp_ccp_decompress  (DtPppCcp            *ccp,
                                  const guint8        *in,
                                  gsize                len,
                                  guint16             *protocol,
                                  const guint8       **data,
                                  gsize               *data_len);
/* A network-layer packet received as it was, for the decompressor's history. */
void      dt_ppp_ccp_received_uncompressed (DtPppCcp  *ccp,
                                  guint16              protocol,
                                  const guint8        *info,
                                  gsize                len);

/* "Deflate 15", "Deflate 15/12" (receiving/sending windows when they differ), or NULL when
 * nothing is compressed either way. */
char     *dt_ppp_ccp_describe    (DtPppCcp            *ccp);
/* The compression statistics of both directions so far (zero while nothing is
 * compressed). */
void      dt_ppp_ccp_get_deflate_stats (DtPppCcp             *ccp,
                                  DtPppDeflateStats   *stats);

G_END_DECLS
