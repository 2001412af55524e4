/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CBCP, Microsoft's Callback Control Protocol (PPP protocol 0xC029, [MS-CBCP]), as the caller
 * runs it: after authentication, when LCP agreed on the Callback option with operation 6
 * (RFC 1570 2.3), the server sends a Callback-Request listing the callback types it offers;
 * the caller answers with a Callback-Response holding the one it picks (no callback, a number
 * of its own, or the number the server knows), and the server confirms it with a
 * Callback-Ack that repeats it.  Then the server hangs up and calls back, or, for "no
 * callback", the link goes on to the network phase.
 *
 * The codec (parse a Request, build a Response, describe any CBCP packet for the trace) is
 * pure and checks every length before reading.  DtPppCbcp is the caller's state machine of
 * [MS-CBCP] 3.1 on top of it, with one addition the specification leaves to implementations:
 * every wait for the server is bounded by a GLib timeout.  Like LCP, it does no I/O: packets
 * go out through its owner. */
#pragma once

#include <glib.h>

#include "dt-ppp-defs.h"

G_BEGIN_DECLS

enum {
  DT_PPP_CBCP_REQUEST = 1,
  DT_PPP_CBCP_RESPONSE = 2,
  DT_PPP_CBCP_ACK = 3,
};

/* The Address Type of a user-specified number: PSTN/ISDN, the only one MS-CBCP defines. */
#define DT_PPP_CBCP_ADDRESS_PSTN 1
/* The longest number a Callback Configuration option can carry: its Length is one octet
 * that also counts type, length, delay, address type and the terminating NUL. */
#define DT_PPP_CBCP_MAX_NUMBER 250
/* The longest number the server side dials for a caller: what fits after "ATDT" in the 40
 * characters V.250 promises a command line, with room to spare. */
#define DT_PPP_CBCP_MAX_DIAL 32

/* What a Callback-Request offers. */
typedef struct {
  guint  offered;            /* DT_PPP_CALLBACK_OFFER() bits of the types 1..3 offered */
  guint8 delay[4];           /* the Callback Delay (s) offered with each type, by type */
} DtPppCbcpOffer;

/* Parses the options of a Callback-Request (the data after the four-octet header).  FALSE
 * when they are malformed ([MS-CBCP] 3.1.5.3 drops such a Request): options that do not
 * tile @len exactly, a type 2 or 3 option without its delay octet, or not one option of the
 * types 1..3 (others, such as the draft's type 4 list, are skipped). */
gboolean dt_ppp_cbcp_parse_request (const guint8         *data,
                                    gsize                 len,
                                    DtPppCbcpOffer       *offer);

/* Appends the Callback Configuration option for @type ([MS-CBCP] 2.2.4.2): "01 02" for no
 * callback, "02 len delay 01 number NUL" for a user-specified number, "03 03 delay" for the
 * server's.  FALSE (nothing appended) when @number is missing, empty, too long or not
 * printable ASCII for type 2. */
gboolean dt_ppp_cbcp_append_option (GByteArray           *out,
                                    DtPppCallbackType     type,
                                    guint8                delay,
                                    const char           *number);

/* Whether a number a caller gave may follow ATD on the answering side's modem: up to
 * DT_PPP_CBCP_MAX_DIAL digits, with spaces, dashes, parentheses and commas (pauses) between
 * them and a "+" only first.  Nothing else: a caller must not be able to make the modem or
 * the exchange do more than dial a number: no ";" (back to command mode), "!" (flash), "@",
 * "W" or any other letter (dial modifiers, tone/pulse), and no "*" or "#", which exchanges
 * read as service codes (*72 forwards the line). */
gboolean dt_ppp_cbcp_number_is_dialable (const char *number);

/* The trace text of a CBCP packet, pppd's way:
 *   [CBCP Request id=0x1 < NoCallback> < UserDefined delay = 0>]
 *   [CBCP Response id=0x1 < UserDefined delay = 0 number = 5550123>] */
char    *dt_ppp_cbcp_describe_packet (const guint8       *pkt,
                                      gsize               len);

typedef enum {
  DT_PPP_CBCP_STATE_INITIAL,        /* not started, or stopped */
  DT_PPP_CBCP_STATE_WAIT_REQUEST,   /* started: waiting for the server's Callback-Request */
  DT_PPP_CBCP_STATE_WAIT_ANSWER,    /* a Request came: the owner picks (the user may be
                                       asked), with dt_ppp_cbcp_respond() */
  DT_PPP_CBCP_STATE_WAIT_ACK,       /* our Response is out: waiting for the Callback-Ack */
  DT_PPP_CBCP_STATE_DONE,           /* acknowledged */
  DT_PPP_CBCP_STATE_FAILED,
} DtPppCbcpState;

typedef enum {
  DT_PPP_CBCP_FAILURE_NONE,
  DT_PPP_CBCP_FAILURE_NO_REQUEST,   /* no Callback-Request came in time */
  DT_PPP_CBCP_FAILURE_NO_ACK,       /* our Response was never acknowledged in time */
  DT_PPP_CBCP_FAILURE_REFUSED,      /* the server kept asking again after our Response */
} DtPppCbcpFailure;

typedef struct _DtPppCbcp DtPppCbcp;

typedef struct {
  /* A Callback-Request came (cbcp->offer): answer with dt_ppp_cbcp_respond(), now or later. */
  void (*requested) (DtPppCbcp *cbcp, gpointer data);
  /* The server acknowledged our choice (cbcp->type, cbcp->delay, cbcp->number). */
  void (*acked)     (DtPppCbcp *cbcp, gpointer data);
  /* The exchange failed (cbcp->failure); the owner ends the link. */
  void (*failed)    (DtPppCbcp *cbcp, gpointer data);
  /* A whole CBCP packet (code, id, length, data) to send. */
  void (*send)      (DtPppCbcp *cbcp, const guint8 *packet, gsize len, gpointer data);
} DtPppCbcpOwner;

typedef struct {
  guint64 malformed;    /* dropped: lengths that lie, a Request of bad options */
  guint64 ignored;      /* well formed, but not for this state: a stray or mismatched Ack */
  guint64 requests;     /* Callback-Requests taken */
  guint64 responses;    /* Callback-Responses sent */
} DtPppCbcpStats;

struct _DtPppCbcp {
  const DtPppCbcpOwner *owner;
  gpointer              owner_data;

  DtPppCbcpState        state;
  DtPppCbcpFailure      failure;
  guint                 wait_ms;     /* the longest silence from the server we wait out */
  guint                 timer;

  guint8                id;          /* the Identifier of the last Request ([MS-CBCP]'s
                                        Expected Identifier) */
  DtPppCbcpOffer        offer;

  /* Our answer, once given. */
  DtPppCallbackType     type;
  guint8                delay;
  char                 *number;
  GByteArray           *option;      /* the option sent, which the Ack must repeat */
  guint8                response_id;
  guint                 rerequests;  /* fresh Requests after our Response */

  DtPppCbcpStats        stats;
};

void     dt_ppp_cbcp_init    (DtPppCbcp            *cbcp,
                              const DtPppCbcpOwner *owner,
                              gpointer              owner_data);
void     dt_ppp_cbcp_clear   (DtPppCbcp            *cbcp);
/* Authentication is over: waits up to @wait_ms for the first Request. */
void     dt_ppp_cbcp_start   (DtPppCbcp            *cbcp,
                              guint                 wait_ms);
/* LCP went down: timers off, back to INITIAL (DONE stays DONE). */
void     dt_ppp_cbcp_stop    (DtPppCbcp            *cbcp);
void     dt_ppp_cbcp_input   (DtPppCbcp            *cbcp,
                              const guint8         *packet,
                              gsize                 len);
/* Answers the pending Request with @type (which it must offer), and for
 * DT_PPP_CALLBACK_USER with @number; the delay is the one offered.  Fails with
 * G_IO_ERROR_INVALID_ARGUMENT for a type not offered or a number an option cannot carry,
 * and G_IO_ERROR_NOT_INITIALIZED when no Request is waiting for an answer. */
gboolean dt_ppp_cbcp_respond (DtPppCbcp            *cbcp,
                              DtPppCallbackType     type,
                              const char           *number,
                              GError              **error);

G_END_DECLS
