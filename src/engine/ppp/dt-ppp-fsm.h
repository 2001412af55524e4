/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The option-negotiation automaton of RFC 1661 §4, shared by LCP and the NCPs.  It is the state
 * transition table of §4.1 as data, with the restart timer on the GLib main loop, the
 * Max-Configure, Max-Terminate and Max-Failure counters, identifier matching, and the packet
 * checks that make a hostile peer harmless: a packet whose lengths lie is dropped, a peer
 * that Naks forever or floods Configure-Requests is cut off with a reason.
 *
 * A protocol (LCP, IPCP, IPv6CP, CCP) embeds a DtPppFsm and supplies DtPppFsmCallbacks: how
 * to build, check and answer options, and what This-Layer-Up/Down/Started/Finished mean to
 * it; dt_ppp_opts_*() below make its req_ci and nak_ci out of what it decides for one option.
 * The automaton sends packets through a function its owner sets, and never does I/O itself.
 *
 * The struct is public to the PPP engine (and its tests): read its fields, do not write
 * them, except restart_count in tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DT_PPP_FSM_INITIAL,
  DT_PPP_FSM_STARTING,
  DT_PPP_FSM_CLOSED,
  DT_PPP_FSM_STOPPED,
  DT_PPP_FSM_CLOSING,
  DT_PPP_FSM_STOPPING,
  DT_PPP_FSM_REQ_SENT,
  DT_PPP_FSM_ACK_RCVD,
  DT_PPP_FSM_ACK_SENT,
  DT_PPP_FSM_OPENED,
  DT_PPP_FSM_N_STATES
} DtPppFsmState;

typedef enum {
  DT_PPP_FSM_EV_UP,
  DT_PPP_FSM_EV_DOWN,
  DT_PPP_FSM_EV_OPEN,
  DT_PPP_FSM_EV_CLOSE,
  DT_PPP_FSM_EV_TO_PLUS,
  DT_PPP_FSM_EV_TO_MINUS,
  DT_PPP_FSM_EV_RCR_PLUS,
  DT_PPP_FSM_EV_RCR_MINUS,
  DT_PPP_FSM_EV_RCA,
  DT_PPP_FSM_EV_RCN,
  DT_PPP_FSM_EV_RTR,
  DT_PPP_FSM_EV_RTA,
  DT_PPP_FSM_EV_RUC,
  DT_PPP_FSM_EV_RXJ_PLUS,
  DT_PPP_FSM_EV_RXJ_MINUS,
  DT_PPP_FSM_EV_RXR,
  DT_PPP_FSM_N_EVENTS
} DtPppFsmEvent;

typedef enum {
  DT_PPP_FSM_TLU = 1 << 0,   /* This-Layer-Up */
  DT_PPP_FSM_TLD = 1 << 1,   /* This-Layer-Down */
  DT_PPP_FSM_TLS = 1 << 2,   /* This-Layer-Started */
  DT_PPP_FSM_TLF = 1 << 3,   /* This-Layer-Finished */
  DT_PPP_FSM_IRC = 1 << 4,   /* Initialize-Restart-Count */
  DT_PPP_FSM_ZRC = 1 << 5,   /* Zero-Restart-Count */
  DT_PPP_FSM_SCR = 1 << 6,   /* Send-Configure-Request */
  DT_PPP_FSM_SCA = 1 << 7,   /* Send-Configure-Ack */
  DT_PPP_FSM_SCN = 1 << 8,   /* Send-Configure-Nak/Rej */
  DT_PPP_FSM_STR = 1 << 9,   /* Send-Terminate-Request */
  DT_PPP_FSM_STA = 1 << 10,  /* Send-Terminate-Ack */
  DT_PPP_FSM_SCJ = 1 << 11,  /* Send-Code-Reject */
  DT_PPP_FSM_SER = 1 << 12,  /* Send-Echo-Reply */
} DtPppFsmActions;

/* Why the layer finished or is closing, for the owner to turn into a RAS code. */
typedef enum {
  DT_PPP_FSM_REASON_NONE,
  DT_PPP_FSM_REASON_ADMIN,          /* our own Close */
  DT_PPP_FSM_REASON_TIMEOUT,        /* Max-Configure requests went unanswered */
  DT_PPP_FSM_REASON_PEER_TERMINATED,/* the peer sent Terminate-Request */
  DT_PPP_FSM_REASON_REJECTED,       /* a catastrophic Code-Reject or Protocol-Reject */
  DT_PPP_FSM_REASON_NOT_CONVERGED,  /* endless Naks, or a Configure-Request flood */
  DT_PPP_FSM_REASON_PROTOCOL,       /* the protocol gave up (loopback, refused auth, …) */
} DtPppFsmReason;

typedef struct _DtPppFsm DtPppFsm;

typedef struct {
  const char *name;        /* "LCP", "IPCP" */
  guint16     protocol;
  gboolean    lcp_codes;   /* Protocol-Reject, Echo and Discard (codes 8..11) are known */

  /* Forget what was negotiated: the options we want go back to the configured ones. */
  void     (*reset_ci) (DtPppFsm *fsm);
  /* Append our Configure-Request options. */
  void     (*add_ci)   (DtPppFsm *fsm, GByteArray *out);
  /* Is @opts exactly what we asked for?  FALSE drops the Ack. */
  gboolean (*ack_ci)   (DtPppFsm *fsm, const guint8 *opts, gsize len);
  /* Take the peer's suggestions (@rej: it rejected these) for the next request.  FALSE drops
   * a malformed packet. */
  gboolean (*nak_ci)   (DtPppFsm *fsm, const guint8 *opts, gsize len, gboolean rej);
  /* Judge the peer's request: fill @reply with the options to Nak or Reject, or with all of
   * them to Ack, and return DT_PPP_CONF_ACK, _NAK or _REJ; 0 drops a malformed request.
   * With @reject_if_disagree (Max-Failure reached), answer Reject instead of Nak. */
  guint8   (*req_ci)   (DtPppFsm *fsm, const guint8 *opts, gsize len,
                        gboolean reject_if_disagree, GByteArray *reply);

  void     (*up)       (DtPppFsm *fsm);   /* tlu */
  void     (*down)     (DtPppFsm *fsm);   /* tld */
  void     (*started)  (DtPppFsm *fsm);   /* tls */
  void     (*finished) (DtPppFsm *fsm);   /* tlf */

  /* LCP only.  A Protocol-Reject for @protocol: return TRUE when it is catastrophic (LCP
   * itself was rejected). */
  gboolean (*prot_rej) (DtPppFsm *fsm, guint16 protocol);
  /* LCP only.  An Echo-Reply or Discard-Request in Opened. */
  void     (*rxr)      (DtPppFsm *fsm, guint8 code, guint8 id, const guint8 *data, gsize len);
  /* LCP only.  The magic number for Echo-Replies. */
  guint32  (*magic)    (DtPppFsm *fsm);
  /* A permitted Code-Reject for an extension code (LCP: the peer cannot Echo). */
  void     (*code_rej) (DtPppFsm *fsm, guint8 code);
  /* A code beyond 1..7 (and LCP's 8..11) that the protocol may know (CCP: Reset-Request and
   * Reset-Ack): TRUE when it handled the packet, FALSE for a Code-Reject (RUC). */
  gboolean (*extcode)  (DtPppFsm *fsm, guint8 code, guint8 id, const guint8 *data, gsize len);
} DtPppFsmCallbacks;

typedef void (*DtPppFsmSendFunc) (DtPppFsm     *fsm,
                                  const guint8 *packet,
                                  gsize         len,
                                  gpointer      user_data);

typedef struct {
  guint64 malformed;       /* dropped: lengths that lie, short packets */
  guint64 bad_id;          /* Acks/Naks/Rejects that did not answer our last request */
  guint64 illegal;         /* events the table marks '-' */
  guint64 requests_in;     /* Configure-Requests received */
  guint64 naks_in;         /* Configure-Naks and -Rejects received */
} DtPppFsmStats;

struct _DtPppFsm {
  const DtPppFsmCallbacks *cb;
  gpointer                 protocol_data;
  DtPppFsmSendFunc         send;
  gpointer                 send_data;

  DtPppFsmState            state;
  guint8                   id;              /* last identifier we used */
  guint8                   reqid;           /* identifier of our last Configure-Request */
  int                      restart_count;
  guint                    restart_ms;
  guint                    max_configure;
  guint                    max_terminate;
  guint                    max_failure;
  guint                    max_requests;    /* Configure-Requests before we give up */
  guint                    max_naks;        /* Naks/Rejects received before we give up */
  gsize                    peer_mru;        /* bounds Code-Rejects and Echo-Replies */

  guint                    nak_loops;       /* Naks we sent in a row */
  guint                    requests_seen;   /* since the last Opened */
  guint                    naks_seen;       /* since the last Opened */
  guint                    timer_id;
  DtPppFsmReason           reason;
  char                    *term_reason;     /* sent in our Terminate-Request */
  char                    *peer_term_reason;/* printable text of the peer's */

  /* The packet being handled, for sca/scn/sta/scj/ser. */
  guint8                   rx_code;
  guint8                   rx_id;
  const guint8            *rx_packet;
  gsize                    rx_len;
  GByteArray              *reply;
  guint8                   reply_code;
  gboolean                 retransmit;
  /* The peer's first Configure-Request shows that it is listening now: when it arrives
   * before any reply to ours, our request goes again at once, ahead of our answer to the
   * peer's (see receive_configure_request() for why that is safe).  A server that starts PPP
   * only after CONNECT missed the request we sent at CONNECT.  Off by default (pure
   * RFC 1661, where only the restart timer retransmits). */
  gboolean                 resend_on_first_request;
  gboolean                 heard_reply;     /* a reply to one of our requests arrived */
  gint64                   request_sent_us; /* when our last Configure-Request went */
  gboolean                 rtt_ambiguous;   /* its identifier was sent more than once */
  gint64                   rtt_us;          /* the last round trip measured, 0: none yet */

  DtPppFsmStats            stats;
};

void        dt_ppp_fsm_init            (DtPppFsm                *fsm,
                                        const DtPppFsmCallbacks *cb,
                                        gpointer                 protocol_data);
void        dt_ppp_fsm_clear           (DtPppFsm                *fsm);
void        dt_ppp_fsm_set_send_func   (DtPppFsm                *fsm,
                                        DtPppFsmSendFunc         func,
                                        gpointer                 user_data);
void        dt_ppp_fsm_set_limits      (DtPppFsm                *fsm,
                                        guint                    restart_ms,
                                        guint                    max_configure,
                                        guint                    max_terminate,
                                        guint                    max_failure);

void        dt_ppp_fsm_up              (DtPppFsm                *fsm);
void        dt_ppp_fsm_down            (DtPppFsm                *fsm);
void        dt_ppp_fsm_open            (DtPppFsm                *fsm);
void        dt_ppp_fsm_close           (DtPppFsm                *fsm,
                                        DtPppFsmReason           reason,
                                        const char              *text);
void        dt_ppp_fsm_input           (DtPppFsm                *fsm,
                                        const guint8            *packet,
                                        gsize                    len);
void        dt_ppp_fsm_timeout         (DtPppFsm                *fsm);
/* The peer is known to be gone: in Closing or Stopping, stop waiting for its Terminate-Ack. */
void        dt_ppp_fsm_give_up         (DtPppFsm                *fsm);
void        dt_ppp_fsm_protocol_rejected (DtPppFsm              *fsm);
void        dt_ppp_fsm_send_packet     (DtPppFsm                *fsm,
                                        guint8                   code,
                                        guint8                   id,
                                        const guint8            *data,
                                        gsize                    len);

gboolean    dt_ppp_fsm_timer_pending   (DtPppFsm                *fsm);
/* An ack_ci for a protocol whose Ack must repeat its request exactly (RFC 1661 §5.2). */
gboolean    dt_ppp_fsm_ack_repeats_request (DtPppFsm            *fsm,
                                            const guint8        *opts,
                                            gsize                len);
const char *dt_ppp_fsm_state_name      (DtPppFsmState            state);
const char *dt_ppp_fsm_event_name      (DtPppFsmEvent            event);

/* Options: type, length (counting both), data.  The automaton drops a Configure packet
 * whose options do not tile it exactly, so the callbacks iterate over checked options. */
typedef struct {
  const guint8 *p;
  gsize         left;
  guint8        type;   /* the current option's, after dt_ppp_opt_iter_next() */
  const guint8 *opt;    /* whole, type and length included */
  gsize         len;
} DtPppOptIter;

void        dt_ppp_opt_iter_init       (DtPppOptIter            *iter,
                                        const guint8            *opts,
                                        gsize                    len);
gboolean    dt_ppp_opt_iter_next       (DtPppOptIter            *iter);

/* One option of the peer's Configure-Request: DT_PPP_CONF_ACK, _NAK with the counter-offer
 * appended to @nak, or _REJ.  @last_chance: Max-Failure is reached, a Nak goes as a Reject. */
typedef guint8   (*DtPppOptJudgeFunc) (gpointer      data,
                                       guint8        type,
                                       const guint8 *option,
                                       gsize         option_len,
                                       gboolean      last_chance,
                                       GByteArray   *nak);
/* Where the flag that says we ask for option @type is in @try (a copy of the options we
 * asked for), or NULL for an option we never ask for. */
typedef gboolean *(*DtPppOptFlagFunc) (gpointer      try,
                                       guint8        type);
/* A Nak's suggestion for an option we asked for, taken into @try; FALSE: malformed. */
typedef gboolean (*DtPppOptNakFunc)   (gpointer      data,
                                       gpointer      try,
                                       guint8        type,
                                       const guint8 *option,
                                       gsize         option_len);

/* Judges each option of a Configure-Request with @judge, appending the Naks to @naks and the
 * rejected options to @rejs, in the order received; a Nak with @last_chance is a Reject. */
void        dt_ppp_opts_judge          (const guint8            *opts,
                                        gsize                    len,
                                        gboolean                 last_chance,
                                        DtPppOptJudgeFunc        judge,
                                        gpointer                 data,
                                        GByteArray              *naks,
                                        GByteArray              *rejs);
/* RFC 1661 §5.1-5.4: Reject beats Nak beats Ack; fills @reply for a req_ci to return. */
guint8      dt_ppp_opts_reply          (GByteArray              *naks,
                                        GByteArray              *rejs,
                                        GByteArray              *reply);
/* A whole req_ci: dt_ppp_opts_judge(), then dt_ppp_opts_reply(). */
guint8      dt_ppp_opts_judge_request  (const guint8            *opts,
                                        gsize                    len,
                                        gboolean                 last_chance,
                                        DtPppOptJudgeFunc        judge,
                                        gpointer                 data,
                                        GByteArray              *reply);
/* A nak_ci over @go (@size bytes: the options we ask for): a Reject may list only options
 * whose flag is set, and clears them; a Nak's hints about options we do not ask for are
 * passed over, the rest go to @nak.  @go changes only when the whole packet is good. */
gboolean    dt_ppp_opts_take_nak       (const guint8            *opts,
                                        gsize                    len,
                                        gboolean                 rej,
                                        gpointer                 go,
                                        gsize                    size,
                                        DtPppOptFlagFunc         flag,
                                        DtPppOptNakFunc          nak,
                                        gpointer                 data);

G_END_DECLS
