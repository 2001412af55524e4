/* SPDX-License-Identifier: GPL-3.0-or-later */

/* DtTestPeer: a scripted dial-up server on the master side of a pty pair, for the tests of
 * the paused states (issue 7) that pppd cannot serve.  The code under test opens the slave
 * (dt_test_peer_get_device()) as its modem.  The peer plays both ends of the phone line:
 *
 *   - the local Hayes modem: command mode with echo, ATD → CONNECT, "+++" between guard
 *     times (S12), ATH, ATA, and the RING lines of a call back;
 *   - the remote access server: LCP (RFC 1661), MS-CHAPv2 (RFC 2759) with Change-Password,
 *     Microsoft's CBCP (MS-CBCP) and IPCP with DNS (RFC 1332, 1877).
 *
 * It runs in the test's own process on the default main context: every read is a GLib fd
 * source, every write non-blocking, every wait a GLib timeout.  It records every frame it
 * receives and sends, decoded, and the outcome of the call (the password the client chose,
 * the callback number, the RINGs sent, ...).  See tests/peer/README.md. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CBCP callback types (MS-CBCP 2.2.3), as bits in DtTestPeerScenario.callback_offer. */
typedef enum
{
  DT_TEST_PEER_CBCP_NO_CALLBACK = 1,
  DT_TEST_PEER_CBCP_USER_NUMBER = 2,  /* callback to a number the caller gives */
  DT_TEST_PEER_CBCP_ADMIN_NUMBER = 3, /* callback to a number the server knows */
} DtTestPeerCbcpType;

#define DT_TEST_PEER_OFFER(type) (1u << (type))

typedef struct
{
  /* The account (RFC 2759). */
  const char *user;                 /* "user" */
  const char *password;             /* "secret" */
  gboolean password_expired;        /* a right Response gets E=648, then Change-Password */
  gboolean refuse_password_change;  /* answer even a valid Change-Password with E=709 */
  guint max_auth_attempts;          /* Responses accepted per call; > 1 sends R=1 (retry) */
  const char *server_name;          /* the Challenge's Name: "dialtone-peer" */
  const guint8 *first_challenge;    /* 16 octets for the first Challenge of a call, or NULL */
  guint32 seed;                     /* challenges and magic numbers; 0: random */

  /* Callback (MS-CBCP).  0 = no callback: LCP's Callback option (13) is rejected. */
  guint callback_offer;             /* DT_TEST_PEER_OFFER () bits, in Callback-Request order */
  guint8 callback_delay;            /* Callback Delay offered (s); MS-CBCP says SHOULD be 0 */
  const char *admin_number;         /* recorded as the callback number for type 3 */
  const char *number_pattern;       /* GRegex a user number must match; NULL: dialable */
  guint bad_number_retries;         /* re-Requests after a bad number before Terminate */
  gint ring_delay_ms;               /* line drop → first RING; < 0: the Response's delay */
  guint ring_interval_ms;           /* 1000 */
  guint ring_count;                 /* RINGs before giving up; 0: never rings */
  guint callback_drop_ms;           /* Ack → the server hangs up if the client has not */

  /* Modem. */
  const char *connect_line;         /* "CONNECT 33600" */
  guint connect_delay_ms;           /* ATD or ATA → CONNECT: 300 */
  guint8 s12;                       /* guard time in 50ths of a second after ATZ: 50 */
  gboolean login_prompt;            /* "Username:" and "Password:" before PPP starts */

  /* PPP. */
  guint restart_ms;                 /* RFC 1661 restart timer: 3000 */
  guint auth_timeout_ms;            /* waiting for a retry or Change-Password: 60000 */
  const char *client_ip;            /* "10.77.0.2" */
  const char *server_ip;            /* "10.77.0.1"; NULL: IPCP without an address of its own */
  const char *dns1;                 /* "10.77.0.53" */
  const char *dns2;                 /* "10.77.0.54"; NULL rejects option 131 */
} DtTestPeerScenario;

void dt_test_peer_scenario_init (DtTestPeerScenario *scenario);

/* What happened, for the assertions.  Strings are NULL until known. */
typedef struct
{
  guint calls;                      /* CONNECTs, dialled or answered */
  char *dialed_number;              /* the last ATD's number, as sent */
  gboolean lcp_opened;              /* LCP reached Opened (in the last call) */
  gboolean callback_option_acked;   /* LCP Callback, operation 6, acknowledged */
  char *login_user;                 /* the interactive login's user name */
  char *user;                       /* the last Response's name, any "DOMAIN\" removed */
  char *domain;
  guint auth_successes;             /* Success packets sent */
  guint auth_failures;              /* Failure packets sent */
  guint last_error;                 /* E= of the last Failure: 691, 648 or 709 */
  char *new_password;               /* recovered from the last Change-Password */
  gboolean password_changed;        /* ... and accepted: the account has it now */
  guint8 callback_type;             /* from the Callback-Response: 1, 2 or 3 */
  guint8 callback_delay;            /* from the Callback-Response */
  char *callback_number;            /* the number the server would dial */
  gboolean callback_rejected;       /* a user number broke the rule */
  gboolean callback_acked;          /* Callback-Ack sent */
  guint rings_sent;
  gboolean callback_answered;       /* ATA while ringing */
  gboolean ipcp_opened;
  char *client_ip;                  /* the address IPCP gave the client */
  guint client_terminates;          /* LCP Terminate-Requests received */
  char *terminate_reason;           /* the text of the last Terminate-Request sent */
  GPtrArray *violations;            /* char *: where the client broke an RFC */
} DtTestPeerOutcome;

typedef enum
{
  DT_TEST_PEER_PHASE_IDLE,          /* no call: the modem in command mode */
  DT_TEST_PEER_PHASE_LOGIN,         /* the interactive login */
  DT_TEST_PEER_PHASE_ESTABLISH,     /* LCP */
  DT_TEST_PEER_PHASE_AUTHENTICATE,  /* MS-CHAPv2 */
  DT_TEST_PEER_PHASE_CALLBACK,      /* CBCP */
  DT_TEST_PEER_PHASE_NETWORK,       /* IPCP */
  DT_TEST_PEER_PHASE_TERMINATE,     /* LCP closing */
} DtTestPeerPhase;

typedef enum
{
  DT_TEST_PEER_RECEIVED,            /* a frame from the client */
  DT_TEST_PEER_SENT,                /* a frame to the client */
  DT_TEST_PEER_EVENT,               /* modem commands and results, and the peer's events */
} DtTestPeerDirection;

typedef struct
{
  gint64 time;                      /* µs since the peer was created */
  DtTestPeerDirection direction;
  guint16 protocol;                 /* 0 for events */
  guint8 code;                      /* for control protocols */
  guint8 id;
  GBytes *packet;                   /* the information field: code, id, length, data */
  char *text;                       /* decoded, one line */
} DtTestPeerRecord;

typedef struct _DtTestPeer DtTestPeer;

typedef void (*DtTestPeerRecordFunc) (DtTestPeer             *peer,
                                      const DtTestPeerRecord *record,
                                      gpointer                user_data);

#define DT_TEST_PEER_LCP  0xc021
#define DT_TEST_PEER_CHAP 0xc223
#define DT_TEST_PEER_CBCP 0xc029
#define DT_TEST_PEER_IPCP 0x8021

DtTestPeer               *dt_test_peer_new              (const DtTestPeerScenario *scenario);
void                      dt_test_peer_free             (DtTestPeer               *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestPeer, dt_test_peer_free)

const char               *dt_test_peer_get_device       (DtTestPeer               *peer);
DtTestPeerPhase           dt_test_peer_get_phase        (DtTestPeer               *peer);
gboolean                  dt_test_peer_is_online        (DtTestPeer               *peer);
const char               *dt_test_peer_get_password     (DtTestPeer               *peer);
const DtTestPeerOutcome  *dt_test_peer_get_outcome      (DtTestPeer               *peer);

/* The transcript: DtTestPeerRecord, oldest first. */
GPtrArray                *dt_test_peer_get_transcript   (DtTestPeer               *peer);
guint                     dt_test_peer_count            (DtTestPeer               *peer,
                                                         DtTestPeerDirection       direction,
                                                         guint16                   protocol,
                                                         guint8                    code);
/* The @nth (from 0) record that matches, or NULL. */
const DtTestPeerRecord   *dt_test_peer_find             (DtTestPeer               *peer,
                                                         DtTestPeerDirection       direction,
                                                         guint16                   protocol,
                                                         guint8                    code,
                                                         guint                     nth);
char                     *dt_test_peer_format_transcript (DtTestPeer              *peer);
void                      dt_test_peer_set_record_func  (DtTestPeer               *peer,
                                                         DtTestPeerRecordFunc      func,
                                                         gpointer                  user_data);

/* Iterates the default main context until the transcript holds @n records of
 * @direction whose text contains @text (records already there count), or @timeout_ms
 * passes.  FALSE on timeout. */
gboolean                  dt_test_peer_wait_for         (DtTestPeer               *peer,
                                                         DtTestPeerDirection       direction,
                                                         const char               *text,
                                                         guint                     n,
                                                         guint                     timeout_ms);

/* The server hangs up: the modem says NO CARRIER and goes back to command mode. */
void                      dt_test_peer_hang_up          (DtTestPeer               *peer);
/* A peer gone quiet: it reads and records, but answers nothing until set back. */
void                      dt_test_peer_set_silent       (DtTestPeer               *peer,
                                                         gboolean                  silent);

G_END_DECLS
