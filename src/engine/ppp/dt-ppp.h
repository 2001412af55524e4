/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp: one PPP session over an asynchronous serial line, from LCP to IPCP, as the calling
 * side runs it.  It does no I/O: the owner (DtConnection) feeds it the bytes read from the
 * line with dt_ppp_input() and writes what the output function hands it.  Its only sources
 * are GLib timeouts (the restart timers, the echo keepalive, the authentication timeout).
 *
 * A session:
 *
 *   DtPppConfig config;
 *   dt_ppp_config_init (&config);
 *   config.user = "alice";  config.password = secret;
 *   config.auth_methods = DT_PPP_AUTH_METHOD_CHAP_MD5 | DT_PPP_AUTH_METHOD_MSCHAPV2;
 *   ppp = dt_ppp_new (&config);                 (strings are copied; the password is
 *                                                wiped from memory on finalize)
 *   dt_ppp_set_output_func (ppp, write_to_line, port, NULL);
 *   g_signal_connect (ppp, "network-up", …);  g_signal_connect (ppp, "finished", …);
 *   dt_ppp_start (ppp);                         Lower-Up and Open: LCP starts
 *   … dt_ppp_input (ppp, bytes, n) for every read …
 *   dt_ppp_close (ppp, "User request");         Terminate-Request, then "finished"
 *
 * Compression (config.compression, both kinds by default): Van Jacobson TCP/IP header compression
 * negotiated in IPCP both ways (RFC 1144, 1332) and Deflate in CCP (RFC 1962, 1979); the
 * "compression" property says what runs, dt_ppp_get_compression_ratio() how well.
 *
 * Phases (the "phase" property and "phase-changed"): DEAD, ESTABLISH (LCP), AUTHENTICATE
 * (when the server asked for PAP, CHAP-MD5, MS-CHAPv2 or EAP), CALLBACK (CBCP, when LCP agreed on
 * the Callback option), NETWORK (IPCP), RUNNING (IPCP is up), TERMINATE; then DEAD again,
 * and "finished".
 *
 * Callback (config.want_callback): LCP asks for the Callback option with operation 6
 * (RFC 1570, [MS-CBCP] 2.2.1).  A server that rejects it gets a session without callback.
 * One that agrees sends a CBCP Callback-Request after authentication: "callback-requested"
 * says what it offers, and the owner answers with dt_ppp_callback_respond(), from the
 * handler or later (after asking the user).  Once the server acknowledges a callback
 * ("callback-agreed"), the session closes itself ("Call me back"), the server hangs up and
 * calls back: "finished" then carries 0, dt_ppp_get_callback_agreed() is TRUE, and the call
 * back is a new session (without want_callback).  "No callback" goes on to IPCP.
 *
 * The server (config.serve_auth_methods, for incoming calls): LCP asks the caller to
 * authenticate (MS-CHAPv2, then CHAP-MD5, then PAP, as allowed) and refuses to authenticate
 * itself; "lookup-caller" asks the owner for the password of the name the caller gave, which
 * it answers with dt_ppp_answer_caller(); "auth-result" then says how the caller did (its
 * message is the caller's name), and a failure that leaves no attempt closes the link.  When
 * the caller asked for a callback in LCP, CBCP offers what the owner set with
 * dt_ppp_offer_callback() from its "auth-result" handler ("no callback" otherwise), and
 * "callback-agreed" says what the caller chose; for a call back the session closes itself
 * ("Calling you back").  IPCP gives the caller config.peer_address.  Until the caller is
 * authenticated, nothing but LCP and the authentication protocol is taken: other frames are
 * dropped without an answer.
 *
 * Signals:
 *   phase-changed (DtPppPhase phase)
 *   authenticating (const char *protocol): "PAP", "CHAP-MD5" or "MS-CHAPv2"
 *   auth-result (gboolean success, guint ras_code, const char *message,
 *                gboolean retry_allowed): each outcome; after a failure with retry_allowed
 *     the session waits for dt_ppp_retry_auth() (or a close, which then finishes with the
 *     failure's code, e.g. 691).  A failure without retry closes the link by itself.
 *   reauthenticating (const char *protocol): after a success, the server authenticates us
 *     again (CHAP's periodic Challenge, RFC 1994 section 4); the link and its traffic go on
 *   reauthenticated (gboolean success, guint ras_code, const char *message): its outcome; a
 *     failure ends the link (Terminate-Request), and "finished" then carries @ras_code
 *   eap-prompt (DtPppEapPrompt prompt, const char *text): EAP needs the user's answer (an
 *     identity, a password, a token code; @text is the server's words or NULL): answer with
 *     dt_ppp_eap_answer().  During a re-authentication nobody is asked: it fails.
 *   network-up (const char *local, const char *remote, const char *dns1,
 *               const char *dns2): IPCP opened (and IPv6CP settled, see below); remote is NULL when the server sent no
 *     address of its own, and a DNS server it gave none for is NULL
 *   ipv4-packet (GBytes *datagram): an IPv4 datagram received (protocol 0x0021)
 *   ipv6-packet (GBytes *datagram): an IPv6 datagram received (protocol 0x0057), with
 *     config.want_ipv6 once IPv6CP is up
 *
 * IPv6 (config.want_ipv6): IPv6CP runs beside IPCP; network-up waits until it opened or gave
 * up (a restart period after IPCP at most), and dt_ppp_get_local_ipv6() then says whether it
 * opened.  IPv6CP failing does not end the link.
 *   callback-requested (guint offered): a CBCP Callback-Request, offering the
 *     DT_PPP_CALLBACK_OFFER() bits of DtPppCallbackType; answer with dt_ppp_callback_respond()
 *   callback-agreed (guint type, const char *number, guint delay): the server acknowledged
 *     our answer; number is NULL but for DT_PPP_CALLBACK_USER, delay is in seconds
 *   finished (guint ras_code, const char *reason): the session is over, once, always from
 *     an idle callback, so a handler may drop the last reference.  No other handler may.
 *     Codes: 0 after dt_ppp_close() with nothing wrong; 718 the peer never answered (LCP
 *     or IPCP); 719 the peer terminated the link; 734 LCP failed (the peer rejected LCP,
 *     negotiation did not converge, or the line is looped back); 720 no network protocol
 *     could be agreed: IPCP failed or was rejected, or the server insisted on an
 *     authentication protocol the entry does not allow (the reason names it); 691, 646,
 *     647, 648, 649, 709 from authentication; 619 the peer stopped answering LCP
 *     Echo-Requests, or dt_ppp_lower_down() (the caller may know better, e.g. 628); 704 the
 *     server refused our callback number (it terminated the link, or kept sending
 *     Callback-Requests, after our Callback-Response with the number); 718 also a server that
 *     agreed on callback and then never sent a Callback-Request or never acknowledged our
 *     answer; 734 also a peer that reopens LCP more than DT_PPP_MAX_LCP_OPENS times;
 *     778 the server did not prove that it knows the password (MS-CHAPv2's S= wrong or
 *     missing), or, with require_server_auth, did not authenticate us at all; 720 also an
 *     address no host may have (0/8, 127/8, 224/3, or the same at both ends).  After a
 *     callback was agreed the code is 0, however the line goes down.
 *   link-up (): a member link (config.link_only) authenticated: it carries the bundle now
 *   bundle-frame (guint protocol, GBytes *info): a member link's frame for the bundle (the
 *     multilink protocol 0x003d, or a network protocol sent outside it)
 *   unknown-protocol (guint protocol, GBytes *info): a bundle received a protocol it does
 *     not speak; a member link's LCP rejects it (dt_ppp_send_protocol_reject())
 *   trace (const char *line): a pppd-style packet trace line, e.g.
 *     "sent [LCP ConfReq id=0x1 <mru 1500> <asyncmap 0x0> <magic 0x1234abcd>]"; PAP and
 *     CHAP bodies never show a password or a response.  Built only when a handler is
 *     connected. */
#pragma once

#include <glib-object.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-enums.h"   /* DT_TYPE_PPP_PHASE, from glib-mkenums */

G_BEGIN_DECLS

/* A session whose LCP opens more often than this (a server that renegotiates after every
 * Opened, asking for the password each time) ends with 734. */
#define DT_PPP_MAX_LCP_OPENS 5

typedef enum {
  DT_PPP_PHASE_DEAD,
  DT_PPP_PHASE_ESTABLISH,
  DT_PPP_PHASE_AUTHENTICATE,
  DT_PPP_PHASE_CALLBACK,
  DT_PPP_PHASE_NETWORK,
  DT_PPP_PHASE_RUNNING,
  DT_PPP_PHASE_TERMINATE,
} DtPppPhase;

typedef enum {
  DT_PPP_COMPRESSION_VJ = 1 << 0,        /* RFC 1144 TCP/IP headers, negotiated in IPCP */
  DT_PPP_COMPRESSION_DEFLATE = 1 << 1,   /* RFC 1979 Deflate, negotiated in CCP */
} DtPppCompression;

#define DT_PPP_COMPRESSION_ALL (DT_PPP_COMPRESSION_VJ | DT_PPP_COMPRESSION_DEFLATE)

typedef struct {
  guint             auth_methods;        /* DtPppAuthMethods (DtAuthMethods' bits): what the
                                            server may ask us to use */
  gboolean          require_encryption;  /* never PAP */
  gboolean          require_server_auth; /* MS-CHAPv2 only, and the server must prove that it
                                            knows the password (its S=): never no
                                            authentication, never PAP or CHAP-MD5 */
  gboolean          accept_pap_at_once;  /* take PAP when the server first proposes it;
                                            otherwise MS-CHAPv2 and CHAP-MD5 (if allowed) are
                                            asked for first, and PAP taken only when the
                                            server insists */
  const char       *user;
  const char       *password;
  const char       *domain;              /* NULL or "" for none */
  guint             mru;                 /* 0: 1500 */
  guint32           accm;                /* receive map to ask for: 0, or 0x000a0000 for
                                            XON/XOFF (also escaped when sending) */
  const char       *static_address;      /* NULL: the server assigns the address */
  gboolean          want_dns;            /* ask IPCP for DNS servers (RFC 1877) */
  guint             echo_interval_ms;    /* LCP Echo-Request period; 0: no keepalive */
  guint             echo_failures;       /* unanswered Echo-Requests before the line is dead */
  guint             restart_ms;          /* the restart timer, 3000 by default */
  guint             max_configure;       /* 10 */
  guint             max_terminate;       /* 2 */
  guint             max_failure;         /* 5 */
  gboolean          want_callback;       /* ask for Callback (LCP option 13, CBCP) */
  guint             callback_timeout_ms; /* the longest wait for the server's CBCP packets;
                                            0: restart_ms × max_configure */
  guint             compression;         /* DtPppCompression: Van Jacobson headers (IPCP)
                                            and Deflate (CCP); what is left out is refused,
                                            as for a server that misbehaves with it */
  gboolean          want_ipv6;           /* IPv6CP beside IPCP (RFC 5072); else rejected */
  /* Multilink (RFC 1990): a member link of a bundle (see "link-up"), asking for this MRRU
   * (0: no multilink), 12-bit sequence numbers, and the Endpoint Discriminator (class 1,
   * locally assigned: the same bytes on every link of the bundle). */
  gboolean          link_only;
  guint             mrru;
  gboolean          short_seq;
  const guint8     *endpoint;            /* not copied: must outlive dt_ppp_new() only */
  gsize             endpoint_len;        /* at most 20 */

  /* The authenticator's side, for an incoming call: a session with serve_auth_methods set
   * is the server (see "The server" above); static_address is then our own address. */
  guint             serve_auth_methods;  /* DtPppAuthMethods the caller may use */
  const char       *server_name;         /* ours in CHAP Challenges; NULL: "dialtone" */
  const char       *peer_address;        /* the caller's, from the pool */
  gboolean          accept_peer_address; /* a caller may keep an address of its own */
  const char       *serve_dns1;          /* RFC 1877 answers; NULL: Reject the request */
  const char       *serve_dns2;
  gboolean          serve_callback;      /* accept a caller's Callback option (CBCP) */
  guint             auth_timeout_ms;     /* the caller's whole authentication; 0: 30 s */
  guint             auth_attempts;       /* MS-CHAPv2 tries a caller gets; 0: 3 */
} DtPppConfig;

/* Defaults: every method allowed, MRU 1500, ACCM 0, DNS wanted, echo every 30 s with 4
 * failures allowed, compression on, and the RFC 1661 timer and counters. */
void dt_ppp_config_init (DtPppConfig *config);

typedef struct {
  guint64 bytes_in;     /* raw bytes from the line */
  guint64 bytes_out;    /* raw bytes to the line */
  guint64 frames_in;    /* good frames */
  guint64 frames_out;
  guint64 fcs_errors;
  guint64 dropped;      /* frames damaged otherwise, or discarded: wrong phase, malformed,
                           Protocol-Rejected, undecompressable */
  guint64 ip_bytes_in;  /* IPv4 and IPv6 datagrams received, as delivered */
  guint64 ip_bytes_out; /* IPv4 and IPv6 datagrams sent, before compression */
  guint64 ip_link_bytes_in;  /* the information fields that carried them, compressed */
  guint64 ip_link_bytes_out;
} DtPppStats;

typedef void (*DtPppOutputFunc) (const guint8 *bytes,
                                 gsize         len,
                                 gpointer      user_data);

/* A bundle's frames: the protocol and information field, no framing. */
typedef void (*DtPppFrameFunc)  (guint16       protocol,
                                 const guint8 *info,
                                 gsize         len,
                                 gpointer      user_data);

#define DT_TYPE_PPP (dt_ppp_get_type ())
G_DECLARE_FINAL_TYPE (DtPpp, dt_ppp, DT, PPP, GObject)

DtPpp       *dt_ppp_new               (const DtPppConfig *config);
void         dt_ppp_set_output_func   (DtPpp             *self,
                                       DtPppOutputFunc    func,
                                       gpointer           user_data,
                                       GDestroyNotify     destroy);

void         dt_ppp_start             (DtPpp             *self);
void         dt_ppp_input             (DtPpp             *self,
                                       const guint8      *bytes,
                                       gsize              len);
void         dt_ppp_close             (DtPpp             *self,
                                       const char        *reason);
void         dt_ppp_lower_down        (DtPpp             *self);

gboolean     dt_ppp_retry_auth        (DtPpp             *self,
                                       const char        *user,
                                       const char        *password,
                                       const char        *domain,
                                       GError           **error);
/* The user's answer to "eap-prompt" (see dt_ppp_auth_client_eap_answer()). */
gboolean     dt_ppp_eap_answer        (DtPpp             *self,
                                       const char        *text,
                                       GError           **error);
gboolean     dt_ppp_change_password   (DtPpp             *self,
                                       const char        *old_password,
                                       const char        *new_password,
                                       GError           **error);

/* Answers the server's Callback-Request with @type (one it offered) and, for
 * DT_PPP_CALLBACK_USER, @number (printable ASCII, at most 250 characters).  Fails with
 * G_IO_ERROR_INVALID_ARGUMENT for a type not offered or a number that cannot be sent, and
 * G_IO_ERROR_NOT_INITIALIZED when no Callback-Request is waiting for an answer. */
gboolean     dt_ppp_callback_respond  (DtPpp             *self,
                                       DtPppCallbackType  type,
                                       const char        *number,
                                       GError           **error);
/* Once LCP is up: whether the server agreed on the Callback option. */
gboolean     dt_ppp_get_callback_negotiated (DtPpp       *self);
/* The types the last Callback-Request offered (DT_PPP_CALLBACK_OFFER() bits), or 0. */
guint        dt_ppp_get_callback_offered (DtPpp          *self);
/* The server acknowledged a callback (to our number or to its own): the end of this session
 * is the one the callback needs, not a failure. */
gboolean     dt_ppp_get_callback_agreed (DtPpp           *self);

/* The server: the answer to "lookup-caller", the password of the name it carried, or NULL
 * with the RAS @refusal (691 unknown or wrong, 647 disabled, 649 no dial-in permission). */
void         dt_ppp_answer_caller     (DtPpp             *self,
                                       const char        *password,
                                       guint              refusal);
/* The server, from "auth-result" on success: the callback types CBCP offers the caller
 * (DT_PPP_CALLBACK_OFFER() bits; 0 for "no callback" only), with @delay seconds. */
void         dt_ppp_offer_callback    (DtPpp             *self,
                                       guint              offered,
                                       guint              delay);
/* The server: the name the caller authenticated with (without a domain), or NULL. */
const char  *dt_ppp_get_peer_name     (DtPpp             *self);

/* FALSE (and dropped) unless IPCP is up and the datagram fits the peer's MRU. */
gboolean     dt_ppp_send_ipv4         (DtPpp             *self,
                                       const guint8      *packet,
                                       gsize              len);
/* Likewise for IPv6 and IPv6CP. */
gboolean     dt_ppp_send_ipv6         (DtPpp             *self,
                                       const guint8      *packet,
                                       gsize              len);
/* Once IPv6CP is up: the link-local addresses ("fe80::…"), and the Interface-Identifiers
 * they are made of (the remote one 0 when the peer sent none); NULL and 0 before. */
const char  *dt_ppp_get_local_ipv6    (DtPpp             *self);
const char  *dt_ppp_get_remote_ipv6   (DtPpp             *self);
guint64      dt_ppp_get_local_iid     (DtPpp             *self);
guint64      dt_ppp_get_remote_iid    (DtPpp             *self);

/* Multilink (RFC 1990).  A bundle: a session without a line, its frames out through @func
 * and in through dt_ppp_bundle_input(); dt_ppp_bundle_start() begins its network phase with
 * the largest packet the peer reassembles.  A member link (config.link_only) says "link-up"
 * once authenticated and hands over the bundle's frames ("bundle-frame"); the bundle's
 * multilink frames go out on it through dt_ppp_send_link_frame(). */
DtPpp       *dt_ppp_new_bundle        (const DtPppConfig *config,
                                       DtPppFrameFunc     func,
                                       gpointer           user_data);
void         dt_ppp_bundle_start      (DtPpp             *self,
                                       guint              peer_mrru);
void         dt_ppp_bundle_input      (DtPpp             *self,
                                       guint16            protocol,
                                       const guint8      *info,
                                       gsize              len);
/* FALSE (and dropped) before "link-up", or beyond the peer's MRU. */
gboolean     dt_ppp_send_link_frame   (DtPpp             *self,
                                       guint16            protocol,
                                       const guint8      *info,
                                       gsize              len);
/* LCP Protocol-Reject of a bundle's frame, on this link. */
void         dt_ppp_send_protocol_reject (DtPpp          *self,
                                       guint16            protocol,
                                       const guint8      *info,
                                       gsize              len);
/* Once LCP is up: both sides agreed on multilink; the header format each way; the MRRU the
 * peer reassembles (0 without multilink); its Endpoint Discriminator (FALSE: none). */
gboolean     dt_ppp_get_multilink     (DtPpp             *self);
gboolean     dt_ppp_get_send_short_seq (DtPpp            *self);
gboolean     dt_ppp_get_receive_short_seq (DtPpp         *self);
guint        dt_ppp_get_peer_mrru     (DtPpp             *self);
gboolean     dt_ppp_get_peer_endpoint (DtPpp             *self,
                                       guint             *klass,
                                       GBytes           **address);

DtPppPhase   dt_ppp_get_phase         (DtPpp             *self);
/* What compresses the link now: "Deflate 15", "Deflate 15, VJ", "VJ", or NULL for nothing
 * (the "compression" property, with notify). */
const char  *dt_ppp_get_compression  (DtPpp             *self);
/* IPv4 bytes moved (both ways) per byte of link they took, compressed, framing left out;
 * 0 before any. */
double       dt_ppp_get_compression_ratio (DtPpp         *self);
/* What the peer may send us, and what we may send it, once LCP is up. */
guint        dt_ppp_get_mru           (DtPpp             *self);
guint        dt_ppp_get_mtu           (DtPpp             *self);
const char  *dt_ppp_get_auth_protocol (DtPpp             *self);
/* Once IPCP is up; NULL before.  The guint32 forms are in host byte order, 0 when unknown. */
const char  *dt_ppp_get_local_address (DtPpp             *self);
const char  *dt_ppp_get_remote_address (DtPpp            *self);
const char  *dt_ppp_get_dns1          (DtPpp             *self);
const char  *dt_ppp_get_dns2          (DtPpp             *self);
guint32      dt_ppp_get_local_ipv4    (DtPpp             *self);
guint32      dt_ppp_get_remote_ipv4   (DtPpp             *self);
void         dt_ppp_get_stats         (DtPpp             *self,
                                       DtPppStats        *stats);
/* The session's failure so far (0: none), known before "finished" is emitted (DtCall asks on
 * a lost carrier whether the server's goodbye came first); after it, the reason. */
guint        dt_ppp_get_error_code    (DtPpp             *self);
const char  *dt_ppp_get_error_message (DtPpp             *self);
/* TRUE when the server answered our request for a stronger method than its PAP by dropping
 * authentication altogether (pppd does: it hangs up once LCP opens) or by ending LCP before
 * any authentication (Dialtone's own answering side does): it will take nothing but PAP.  A
 * new call with accept_pap_at_once can then succeed. */
gboolean     dt_ppp_get_pap_insisted  (DtPpp             *self);
/* TRUE once the peer stopped answering LCP's Echo-Requests: the line is as good as dead. */
gboolean     dt_ppp_get_peer_gone     (DtPpp             *self);

G_END_DECLS
