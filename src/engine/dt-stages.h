/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The stages of a dial, in the order a call goes through them (dt-stage.h says what a stage
 * is; the stage table at the top of dt-connection.c, which states each one publishes). */
#pragma once

#include "dt-incoming.h"
#include "dt-stage.h"
#include "dt-sub-entry.h"

G_BEGIN_DECLS

/* Opens and locks the port, runs the AT dialog, and tries the entry's alternate numbers. */
#define DT_TYPE_PORT_STAGE (dt_port_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtPortStage, dt_port_stage, DT, PORT_STAGE, DtStage)
DtStage *dt_port_stage_new        (DtStageHost *host,
                                   DtCall      *call);

/* After CONNECT: the terminal window (the Interactive pause), the login script, or
 * nothing. */
#define DT_TYPE_LOGIN_STAGE (dt_login_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtLoginStage, dt_login_stage, DT, LOGIN_STAGE, DtStage)
DtStage *dt_login_stage_new       (DtStageHost *host,
                                   DtCall      *call);

/* A PPP session: LCP, authentication with its three pauses (RetryAuthentication,
 * PasswordExpired, InvokeEapUI), IPCP.  @reauthenticate: the session that follows the server's call
 * back, which asks for no callback. */
#define DT_TYPE_PPP_STAGE (dt_ppp_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtPppStage, dt_ppp_stage, DT, PPP_STAGE, DtStage)
DtStage *dt_ppp_stage_new         (DtStageHost *host,
                                   DtCall      *call,
                                   gboolean     reauthenticate);

/* For the stages that run a PPP session (PPP, bundle): the session's configuration from the
 * call's entry and credentials (pointers into them), and the addresses and DNS servers
 * IPCP and IPv6CP agreed on, as facts. */
void     dt_stage_ppp_config      (DtCall      *call,
                                   DtPppConfig *config);
void     dt_stage_learn_network   (DtStage     *stage,
                                   DtPpp       *ppp,
                                   const char  *dns1,
                                   const char  *dns2);

/* A multilink entry's bundle (RFC 1990): a PPP session without a line of its own, whose
 * network protocols run over the member links of the sub-entries that joined it, with the
 * multilink protocol.  Projected once its IPCP is up, as a single link's; SubEntryConnected
 * and SubEntryDisconnected as links join and leave.  When the entry dials as needed, it
 * watches the load and asks for one more link (DT_STAGE_RESULT_MORE_LINKS) or one less. */
#define DT_TYPE_BUNDLE_STAGE (dt_bundle_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtBundleStage, dt_bundle_stage, DT, BUNDLE_STAGE, DtStage)
DtStage *dt_bundle_stage_new      (DtStageHost *host,
                                   DtCall      *call);
/* The sub-entry @sub's link joins; FALSE when it cannot (no multilink agreed on it, another
 * header format, a different server), and the caller hangs it up. */
gboolean dt_bundle_stage_add_link (DtBundleStage *self,
                                   DtSubEntry    *sub);
/* The sub-entry @sub's link left (its line is down); how many remain. */
guint    dt_bundle_stage_remove_link (DtBundleStage *self,
                                   DtSubEntry    *sub);
guint    dt_bundle_stage_get_n_links (DtBundleStage *self);

/* Microsoft's CBCP in the PPP session (with the CallbackSetByCaller pause), then the call
 * back: the modem reset, the wait for RING, the answer.  @timeout_ms: how long to wait for
 * the RING (plus the delay the server asked for); 0 for 60 s. */
#define DT_TYPE_CALLBACK_STAGE (dt_callback_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtCallbackStage, dt_callback_stage, DT, CALLBACK_STAGE, DtStage)
DtStage *dt_callback_stage_new    (DtStageHost *host,
                                   DtCall      *call,
                                   guint        timeout_ms);

/* The network device for the addresses IPCP agreed on, with @dns_servers (the entry's, or
 * the ones IPCP gave), within @timeout_ms (0: 45 s), or 720. */
#define DT_TYPE_NETWORK_STAGE (dt_network_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtNetworkStage, dt_network_stage, DT, NETWORK_STAGE, DtStage)
DtStage *dt_network_stage_new     (DtStageHost        *host,
                                   DtCall             *call,
                                   DtNetworkMode       mode,
                                   const char * const *dns_servers,
                                   guint               timeout_ms);

/* Connected: the counters while traffic flows, and the entry's idle disconnect.  (LCP's
 * echo keepalive is the PPP session's own; its failure ends the session.) */
#define DT_TYPE_ESTABLISHED_STAGE (dt_established_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtEstablishedStage, dt_established_stage, DT, ESTABLISHED_STAGE, DtStage)
DtStage *dt_established_stage_new (DtStageHost *host,
                                   DtCall      *call);

/* The end of a call from any state: the link goes (a bounded wait), then PPP
 * (Terminate-Request, a bounded wait for the Ack, with @reason), then the modem. */
#define DT_TYPE_TEARDOWN_STAGE (dt_teardown_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtTeardownStage, dt_teardown_stage, DT, TEARDOWN_STAGE, DtStage)
DtStage *dt_teardown_stage_new    (DtStageHost *host,
                                   DtCall      *call,
                                   const char  *reason);
/* The user hung up during the teardown: PPP's Terminate-Request says @reason now. */
void     dt_teardown_stage_set_reason (DtTeardownStage *self,
                                       const char      *reason);

/* The answering side (DtAnswer). */

/* Opens the port and waits for @rings RINGs, then answers; a direct cable waits for the
 * caller's first LCP frame. */
#define DT_TYPE_LISTEN_STAGE (dt_listen_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtListenStage, dt_listen_stage, DT, LISTEN_STAGE, DtStage)
DtStage *dt_listen_stage_new      (DtStageHost *host,
                                   DtCall      *call,
                                   guint        rings);

/* What an incoming call's PPP session gives and allows. */
typedef struct {
  guint        auth_methods;          /* DtPppAuthMethods the caller may use */
  const char  *server_address;        /* ours */
  const char  *peer_address;          /* the caller's, from the pool */
  gboolean     accept_peer_address;
  const char  *dns1;                  /* NULL: none offered */
  const char  *dns2;
  guint        auth_timeout_ms;       /* from the answer to Authenticated; 0: 60 s */
  gboolean     callback_allowed;      /* a modem (a cable calls no one back) */
  guint        callback_delay;        /* s */
} DtCallerPolicy;

/* PPP as the authenticator: the caller's account from @incoming, its password from the
 * keyring.  @called_back: the session after our call back, which offers no callback. */
#define DT_TYPE_CALLER_STAGE (dt_caller_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtCallerStage, dt_caller_stage, DT, CALLER_STAGE, DtStage)
DtStage    *dt_caller_stage_new   (DtStageHost          *host,
                                   DtCall               *call,
                                   DtIncoming           *incoming,
                                   const DtCallerPolicy *policy,
                                   gboolean              called_back);
/* After DT_STAGE_RESULT_CALL_BACK: the number to call. */
const char *dt_caller_stage_get_callback_number (DtCallerStage *self);

/* Hangs up, waits @delay_s, dials @number; the caller answers. */
#define DT_TYPE_CALL_BACK_STAGE (dt_call_back_stage_get_type ())
G_DECLARE_FINAL_TYPE (DtCallBackStage, dt_call_back_stage, DT, CALL_BACK_STAGE, DtStage)
DtStage *dt_call_back_stage_new   (DtStageHost *host,
                                   DtCall      *call,
                                   const char  *number,
                                   guint        delay_s);

G_END_DECLS
