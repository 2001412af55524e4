/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's insides, shared by its files: dt-test-peer.c (the pty, the transcript, the
 * PPP dispatch), -modem.c (the Hayes modem and the ring-back), -cp.c (the RFC 1661 option
 * automaton), -lcp.c (LCP and IPCP options), -chap.c (MS-CHAPv2 and Change-Password), -cbcp.c
 * (the CBCP server) and -decode.c (the transcript's text). */

#pragma once

#include "dt-test-hdlc.h"
#include "dt-test-peer.h"

G_BEGIN_DECLS

/* ---- the RFC 1661 option-negotiation automaton (dt-test-peer-cp.c) ---- */

typedef enum
{
  CP_STOPPED,   /* RFC 1661's Initial/Starting/Closed/Stopped: nothing running */
  CP_REQ_SENT,
  CP_ACK_RCVD,
  CP_ACK_SENT,
  CP_OPENED,
  CP_CLOSING,   /* we sent Terminate-Request */
  CP_STOPPING,  /* we sent Terminate-Ack */
} CpState;

typedef struct _Cp Cp;

typedef struct
{
  guint16 protocol;
  const char *name;
  /* Our Configure-Request's options. */
  void     (*add_options)   (DtTestPeer *peer, GByteArray *options);
  /* The client's Configure-Request: returns CONFACK, CONFNAK or CONFREJ, and the options of
   * the reply in @reply (for an Ack, the request's own options). */
  guint8   (*check_request) (DtTestPeer *peer, const guint8 *options, gsize len,
                             gboolean no_more_naks, GByteArray *reply);
  /* Both return FALSE when the class gave up on the negotiation (and closed it). */
  gboolean (*got_nak)       (DtTestPeer *peer, const guint8 *options, gsize len);
  gboolean (*got_reject)    (DtTestPeer *peer, const guint8 *options, gsize len);
  /* Codes beyond 1..7 (LCP's Echo, Discard...); FALSE for a Code-Reject. */
  gboolean (*other_code)    (DtTestPeer *peer, guint8 code, guint8 id, const guint8 *data,
                             gsize len);
  void     (*up)            (DtTestPeer *peer);  /* This-Layer-Up */
  void     (*down)          (DtTestPeer *peer);  /* This-Layer-Down */
  void     (*finished)      (DtTestPeer *peer);  /* This-Layer-Finished */
} CpClass;

struct _Cp
{
  const CpClass *klass;
  DtTestPeer *peer;
  CpState state;
  guint8 next_id;
  guint8 request_id;     /* our outstanding Configure-Request's or Terminate-Request's */
  guint restart_count;
  guint naks_sent;       /* Max-Failure */
  guint timer_id;
  char *terminate_reason;
};

#define CP_CONFREQ 1
#define CP_CONFACK 2
#define CP_CONFNAK 3
#define CP_CONFREJ 4
#define CP_TERMREQ 5
#define CP_TERMACK 6
#define CP_CODEREJ 7
#define CP_PROTREJ 8
#define CP_ECHOREQ 9
#define CP_ECHOREP 10
#define CP_DISCREQ 11

void cp_init     (Cp *cp, const CpClass *klass, DtTestPeer *peer);
void cp_reset    (Cp *cp);               /* the line went away: stop, no packets */
void cp_open     (Cp *cp);               /* lower layer up: send a Configure-Request */
void cp_close    (Cp *cp, const char *reason);
void cp_input    (Cp *cp, const guint8 *packet, gsize len);
void cp_send     (Cp *cp, guint8 code, guint8 id, const guint8 *data, gsize len);

/* ---- the peer ---- */

typedef enum
{
  MODEM_COMMAND,
  MODEM_CONNECTING,      /* after ATD or ATA, before CONNECT */
  MODEM_ONLINE,
  MODEM_ONLINE_COMMAND,  /* escaped with "+++": the call is still up */
} ModemState;

typedef enum
{
  AUTH_NONE,
  AUTH_WAIT_RESPONSE,    /* Challenge sent */
  AUTH_WAIT_RETRY,       /* Failure R=1 sent: a new Response, with the id after the Failure's */
  AUTH_WAIT_CHANGE,      /* Failure E=648 sent: Change-Password */
  AUTH_DONE,             /* Success sent */
  AUTH_FAILED,
} AuthState;

typedef enum
{
  CBCP_NONE,
  CBCP_WAIT_RESPONSE,
  CBCP_DONE,
} CbcpState;

typedef enum
{
  LOGIN_NONE,
  LOGIN_USER,
  LOGIN_PASSWORD,
} LoginState;

struct _DtTestPeer
{
  DtTestPeerScenario sc;   /* its strings point into @strings */
  GStringChunk *strings;
  guint8 first_challenge[16];
  char *password;          /* the account's, changed by Change-Password */
  GRand *rand;
  GRegex *number_rule;

  int master;
  int slave;
  char *device;
  guint read_id;
  guint write_id;
  GByteArray *outq;
  gint64 start_time;
  gboolean silent;

  /* the modem */
  ModemState modem;
  gboolean echo, verbose, quiet;
  guint8 s[256];
  GString *command;
  char *last_command;
  guint connect_id;
  gboolean answering;
  gint64 last_rx;
  guint plus_count;
  gboolean escape_armed;
  guint escape_id;
  gboolean callback_leg;   /* this call is the ring-back */
  gboolean call_back_due;  /* the line drop starts the ring-back */
  guint ring_id;
  guint rings_this_time;
  gboolean ringing;
  guint drop_id;
  LoginState login;
  GString *login_line;
  char *login_user;
  guint login_failures;

  /* PPP */
  DtTestPeerPhase phase;
  DtTestHdlc *hdlc;
  gsize unframed;          /* bytes since the last flag, against an endless frame */
  guint32 send_accm;
  Cp lcp;
  Cp ipcp;
  guint32 our_magic;
  guint32 their_magic;
  guint32 their_accm;
  gboolean offer_mru, offer_accm, offer_magic, offer_ip;
  guint auth_naks;
  guint32 asked_accm, asked_magic, asked_addr;  /* from the request being checked */
  gboolean asked_callback;
  gboolean callback_option;
  guint32 client_addr, server_addr, dns1_addr, dns2_addr;
  guint32 offered_client_addr;
  gboolean client_acked_addr;

  /* MS-CHAPv2 */
  AuthState auth;
  guint8 chap_id;
  guint8 challenge[16];
  guint auth_attempts;
  guint challenges_sent;
  guint auth_timer;
  char *auth_user;         /* the Response's name without the domain: ChallengeHash's input */
  gboolean expired;        /* the account's password must change */
  GBytes *chap_reply;      /* the last Success or Failure, for a repeated Response */

  /* CBCP */
  CbcpState cbcp;
  guint8 cbcp_id;
  guint cbcp_sends;
  guint cbcp_timer;
  guint bad_numbers;
  GBytes *cbcp_ack;

  DtTestPeerOutcome out;
  GPtrArray *transcript;
  DtTestPeerRecordFunc record_func;
  gpointer record_data;
};

/* dt-test-peer.c */
void  peer_write           (DtTestPeer *peer, const void *data, gsize len);
void  peer_record          (DtTestPeer *peer, DtTestPeerDirection direction, guint16 protocol,
                            const guint8 *packet, gsize len, const char *text);
void  peer_event           (DtTestPeer *peer, const char *format, ...) G_GNUC_PRINTF (2, 3);
void  peer_violation       (DtTestPeer *peer, const char *format, ...) G_GNUC_PRINTF (2, 3);
void  peer_send_ppp        (DtTestPeer *peer, guint16 protocol, const guint8 *packet, gsize len);
void  peer_send_packet     (DtTestPeer *peer, guint16 protocol, guint8 code, guint8 id,
                            const guint8 *data, gsize len);
void  peer_set_phase       (DtTestPeer *peer, DtTestPeerPhase phase);
void  peer_ppp_start       (DtTestPeer *peer);
void  peer_ppp_stop        (DtTestPeer *peer);
void  peer_ppp_input       (DtTestPeer *peer, const guint8 *data, gsize len);
void  peer_set_string      (char **field, const char *value);
void  peer_random          (DtTestPeer *peer, guint8 *buffer, gsize len);

/* dt-test-peer-modem.c */
void  modem_reset          (DtTestPeer *peer);
void  modem_input          (DtTestPeer *peer, const guint8 *data, gsize len, gint64 now);
void  modem_result         (DtTestPeer *peer, const char *verbose, int numeric);
void  modem_drop_carrier   (DtTestPeer *peer, const char *why);
void  modem_clear          (DtTestPeer *peer);

/* dt-test-peer-lcp.c */
extern const CpClass lcp_class;
extern const CpClass ipcp_class;
void  lcp_terminate        (DtTestPeer *peer, const char *reason);
void  network_start        (DtTestPeer *peer);

/* dt-test-peer-chap.c */
void  chap_start           (DtTestPeer *peer);
void  chap_stop            (DtTestPeer *peer);
void  chap_input           (DtTestPeer *peer, const guint8 *packet, gsize len);

/* dt-test-peer-cbcp.c */
void  cbcp_start           (DtTestPeer *peer);
void  cbcp_stop            (DtTestPeer *peer);
void  cbcp_input           (DtTestPeer *peer, const guint8 *packet, gsize len);

/* dt-test-peer-decode.c */
char *decode_packet        (guint16 protocol, const guint8 *packet, gsize len);

G_END_DECLS
