/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A scripted PPP peer for the DtPpp tests: it owns a DtPpp, reads every frame the session
 * writes to its "line" with its own RFC 1662 decoder, and sends frames the test builds byte
 * for byte.  It also records what a caller of DtPpp sees: phases, signals, trace lines and
 * the final code. */
#pragma once

#include "dt-ppp.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"

G_BEGIN_DECLS

typedef struct {
  guint16 protocol;
  GBytes *info;
} DtPppPeerFrame;

typedef struct {
  DtPpp            *ppp;
  DtPppHdlcEncoder  enc;
  DtPppHdlcDecoder *dec;
  GQueue            frames;         /* DtPppPeerFrame *, from the session, oldest first */
  GByteArray       *wire;           /* every byte the session wrote to the line */
  GPtrArray        *trace;          /* char * */
  GArray           *phases;         /* DtPppPhase */
  GPtrArray        *auth_results;   /* char *: "ok" or "fail <code> <retry>" */
  char             *authenticating;
  gboolean          network_up;
  char             *local, *remote, *dns1, *dns2;
  GPtrArray        *ipv4_in;        /* GBytes * */
  gboolean          finished;
  guint             finished_code;
  char             *finished_reason;
  guint8            next_id;
} DtPppPeer;

DtPppPeer      *dt_ppp_peer_new            (const DtPppConfig  *config);
void            dt_ppp_peer_free           (DtPppPeer          *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppPeer, dt_ppp_peer_free)

void            dt_ppp_peer_frame_free     (DtPppPeerFrame     *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppPeerFrame, dt_ppp_peer_frame_free)

/* Sends a frame of @protocol holding @info, as a peer using the default map. */
void            dt_ppp_peer_send_frame     (DtPppPeer          *peer,
                                            guint16             protocol,
                                            const guint8       *info,
                                            gsize               len);
/* Sends a control packet: code, id, length, then @data. */
void            dt_ppp_peer_send           (DtPppPeer          *peer,
                                            guint16             protocol,
                                            guint8              code,
                                            guint8              id,
                                            const guint8       *data,
                                            gsize               len);
/* The oldest frame from the session of @protocol with @code (0: any code), taken out of the
 * queue (others stay), running the main loop up to @timeout_ms for it.  NULL if none came. */
DtPppPeerFrame *dt_ppp_peer_expect         (DtPppPeer          *peer,
                                            guint16             protocol,
                                            guint8              code,
                                            guint               timeout_ms);
/* Runs the main loop until "finished" (or @timeout_ms). */
gboolean        dt_ppp_peer_wait_finished  (DtPppPeer          *peer,
                                            guint               timeout_ms);
/* Runs the main loop for @ms, answering nothing. */
void            dt_ppp_peer_idle           (DtPppPeer          *peer,
                                            guint               ms);

/* The packet fields of a control frame. */
guint8          dt_ppp_peer_frame_code     (DtPppPeerFrame     *frame);
guint8          dt_ppp_peer_frame_id       (DtPppPeerFrame     *frame);
const guint8   *dt_ppp_peer_frame_data     (DtPppPeerFrame     *frame,
                                            gsize              *len);

/* LCP as a well-behaved peer: Ack the session's first ConfReq, send @opts as ours and
 * expect an Ack.  Returns with LCP open on both sides. */
void            dt_ppp_peer_open_lcp       (DtPppPeer          *peer,
                                            const guint8       *opts,
                                            gsize               len);
/* IPCP, likewise: Nak the session's request with @addr and the DNS servers, Ack the next,
 * and have our own address @peer_addr acknowledged. */
void            dt_ppp_peer_open_ipcp      (DtPppPeer          *peer,
                                            guint32             addr,
                                            guint32             dns1,
                                            guint32             dns2,
                                            guint32             peer_addr);

gboolean        dt_ppp_peer_trace_contains (DtPppPeer          *peer,
                                            const char         *needle);

G_END_DECLS
