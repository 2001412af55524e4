/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LCP, the Link Control Protocol (RFC 1661 §5 and §6), as the calling side of a dial-up link
 * runs it: the options (MRU, ACCM, Magic-Number with loopback detection, PFC, ACFC, and the
 * Auth-Protocol the server asks us to use, under the entry's policy, and the Callback option
 * of RFC 1570 with Microsoft's CBCP operation when callback is wanted), Echo-Request keepalive,
 * Echo-Reply, Protocol-Reject both ways, and Terminate.  It sits on the shared automaton in
 * dt-ppp-fsm.h and reports to its owner, DtPpp, through DtPppLcpOwner.  No I/O: packets go
 * out through the automaton's send function. */
#pragma once

#include <glib.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-auth.h"
#include "dt-ppp-fsm.h"

G_BEGIN_DECLS

typedef struct _DtPppLcp DtPppLcp;

/* Why LCP gave up on its own, beyond what the automaton knows. */
typedef enum {
  DT_PPP_LCP_FAILURE_NONE,
  DT_PPP_LCP_FAILURE_LOOPBACK,        /* our own Magic-Number kept coming back */
  DT_PPP_LCP_FAILURE_AUTH_REFUSED,    /* the server wants only protocols we may not use */
  DT_PPP_LCP_FAILURE_ECHO_TIMEOUT,    /* the peer stopped answering Echo-Requests */
  DT_PPP_LCP_FAILURE_NO_AUTH,         /* as the authenticator: the caller refused every
                                         protocol we may ask it to authenticate with */
} DtPppLcpFailure;

typedef struct {
  void (*up)                (DtPppLcp *lcp, gpointer data);
  void (*down)              (DtPppLcp *lcp, gpointer data);
  void (*finished)          (DtPppLcp *lcp, gpointer data);
  /* The peer refused @protocol (never LCP itself: that finishes the link). */
  void (*protocol_rejected) (DtPppLcp *lcp, guint16 protocol, gpointer data);
  /* LCP gave up (loopback, refused auth, dead peer) and is closing: lcp->failure says why. */
  void (*failed)            (DtPppLcp *lcp, gpointer data);
} DtPppLcpOwner;

typedef struct {
  guint16  mru;
  guint32  accm;
  guint32  magic;
  gboolean neg_mru;
  gboolean neg_accm;
  gboolean neg_magic;
  gboolean pfc;
  gboolean acfc;
  gboolean neg_callback;    /* Callback (13), operation 6 (CBCP): what we ask for, or (as the
                               authenticator) what the caller asked for and we accepted */
  DtPppAuthProtocol auth;   /* the peer's: how it wants us to authenticate; ours (as the
                               authenticator): how we ask the caller to */
  /* Multilink (RFC 1990 §5.1): what each side can reassemble, whether it wants 12-bit
   * sequence numbers, and who it is. */
  gboolean neg_mrru;
  guint16  mrru;
  gboolean ssn;
  gboolean neg_endpoint;
  guint8   endpoint_class;
  guint8   endpoint_len;
  guint8   endpoint[20];
} DtPppLcpOptions;

struct _DtPppLcp {
  DtPppFsm             fsm;
  const DtPppLcpOwner *owner;
  gpointer             owner_data;

  /* Policy */
  DtPppAuthMethods        auth_methods;
  gboolean             require_encryption;
  guint                echo_interval_ms;   /* 0: no keepalive */
  guint                echo_failures;

  DtPppLcpOptions      want;     /* what we ask for, from the configuration */
  DtPppLcpOptions      go;       /* what we ask for now, after the peer's Naks and Rejects */
  DtPppLcpOptions      his;      /* what we acknowledged of the peer's */

  /* As the authenticator (incoming calls): the methods the caller may use, 0 when we are the
   * calling side, and whether a caller may ask to be called back (CBCP). */
  DtPppAuthMethods     serve_methods;
  gboolean             serve_callback;
  DtPppAuthMethods     auth_asked;     /* methods we asked the caller for this negotiation */

  gboolean             accept_pap_at_once; /* take PAP when first proposed; otherwise ask
                                              for MS-CHAPv2, then CHAP-MD5, first */
  DtPppAuthMethods        auth_offered;   /* methods we proposed in Naks this negotiation */
  gboolean             last_chance;    /* judging with Max-Failure reached: no more Naks */
  gboolean             pap_nakked;     /* we asked for better than the server's PAP */
  gboolean             pap_dropped;    /* the server answered that by dropping authentication
                                          (pppd's way of insisting on PAP) */
  char                 auth_refused[32]; /* what the server asked for that we refused, or "" */
  guint                loops;          /* requests that carried our own magic */
  DtPppLcpFailure      failure;
  char                *failure_text;
  DtPppLcpFailure      pending;        /* a failure seen while judging a request */

  GSource             *echo_timer;     /* ready when an Echo-Request is due */
  gint64               heard_us;       /* the last frame from the peer */
  guint8               echo_id;
  guint                echo_unanswered;
  gboolean             echo_refused;   /* the peer Code-Rejected Echo-Request */
  guint64              echoes_sent;
  guint64              echoes_answered;
};

void  dt_ppp_lcp_init           (DtPppLcp            *lcp,
                                 const DtPppLcpOwner *owner,
                                 gpointer             owner_data);
void  dt_ppp_lcp_clear          (DtPppLcp            *lcp);
/* @mru 0 means 1500; @accm is the receive map we ask for (0 unless XON/XOFF is in use). */
void  dt_ppp_lcp_configure      (DtPppLcp            *lcp,
                                 guint                mru,
                                 guint32              accm,
                                 DtPppAuthMethods        auth_methods,
                                 gboolean             require_encryption,
                                 guint                echo_interval_ms,
                                 guint                echo_failures);
void  dt_ppp_lcp_input          (DtPppLcp            *lcp,
                                 const guint8        *packet,
                                 gsize                len);
void  dt_ppp_lcp_send_protocol_reject (DtPppLcp      *lcp,
                                 guint16              protocol,
                                 const guint8        *info,
                                 gsize                len);
/* Whether our Configure-Requests ask for Callback with operation 6 (Microsoft's CBCP).  A
 * server that rejects it, or Naks another operation, is not asked again; lcp->go.neg_callback
 * then tells, once LCP is up, whether the server agreed. */
void  dt_ppp_lcp_set_callback   (DtPppLcp            *lcp,
                                 gboolean             want);
/* A good frame came from the peer, whatever its protocol: it is alive, and no Echo-Request
 * is due until an interval after it (pppd's lcp-echo-adaptive).  Cheap enough per frame. */
void  dt_ppp_lcp_heard          (DtPppLcp            *lcp);

/* Multilink (RFC 1990): our requests ask for MRRU @mrru (0: no multilink; the peer's
 * MRRU, SSN and Endpoint Discriminator are then rejected), 12-bit sequence numbers when
 * @short_seq, and the Endpoint Discriminator of class 1 (locally assigned) @endpoint
 * (@endpoint_len bytes, at most 20; 0: none).  The same on every link of a bundle. */
void  dt_ppp_lcp_set_multilink  (DtPppLcp            *lcp,
                                 guint                mrru,
                                 gboolean             short_seq,
                                 const guint8        *endpoint,
                                 gsize                endpoint_len);
/* Once LCP is up: both sides agreed on MRRU, so the link may carry the multilink protocol. */
gboolean dt_ppp_lcp_multilink   (const DtPppLcp      *lcp);

/* Makes LCP the authenticator's: our Configure-Requests ask the caller to authenticate with
 * the best of @methods (MS-CHAPv2, CHAP-MD5, PAP), the next one when it Naks, and give up
 * (DT_PPP_LCP_FAILURE_NO_AUTH) when none is left; a caller's own Auth-Protocol is rejected;
 * its Callback option with operation 6 is accepted when @callback. */
void  dt_ppp_lcp_set_authenticator (DtPppLcp            *lcp,
                                    DtPppAuthMethods     methods,
                                    gboolean             callback);

G_END_DECLS
