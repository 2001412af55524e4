/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-ppp.c (the session: framing, LCP, the phases) shares with dt-ppp-authenticate.c
 * (authenticating as the caller), dt-ppp-network.c (the network phase: IPCP, CCP, VJ and the
 * datagrams), dt-ppp-callback.c (its callback part: LCP's Callback option and CBCP),
 * dt-ppp-ipv6.c (IPv6CP and IPv6), dt-ppp-bundle.c (multilink) and dt-ppp-server.c (the
 * answering side). */
#pragma once

#include "dt-ppp.h"
#include "dt-ppp-auth.h"
#include "dt-ppp-auth-server.h"
#include "dt-ppp-cbcp.h"
#include "dt-ppp-cbcp-server.h"
#include "dt-ppp-ccp.h"
#include "dt-ppp-hdlc.h"
#include "dt-ppp-ipcp.h"
#include "dt-ppp-ipv6cp.h"
#include "dt-ppp-lcp.h"
#include "dt-ppp-vj.h"

G_BEGIN_DECLS

struct _DtPpp
{
  GObject           parent_instance;

  DtPppConfig       config;          /* strings owned */
  guint32           static_ip;

  DtPppHdlcEncoder  encoder;
  DtPppHdlcDecoder *decoder;
  GByteArray       *out;
  DtPppOutputFunc   output;
  gpointer          output_data;
  GDestroyNotify    output_destroy;

  DtPppLcp          lcp;
  DtPppIpcp         ipcp;
  DtPppIpv6cp       ipv6cp;
  gboolean          network_announced; /* network-up went, for this IPCP session */
  guint             network_wait;      /* IPCP is up; IPv6CP has a restart period more */
  DtPppCcp          ccp;
  DtPppVj          *vj;              /* once IPCP agreed on VJ either way */
  gboolean          vj_rx;
  gboolean          vj_tx;
  guint8           *scratch;         /* a datagram VJ compresses or rebuilds */
  GByteArray       *compressed;      /* a datagram Deflate compressed */
  GQueue            ccp_held;        /* the peer's CCP packets, until IPCP is up */
  guint64           line_errors_seen;
  char             *compression;
  DtPppAuthClient  *auth;
  DtPppAuthProtocol auth_proto;      /* what LCP agreed, kept after the end */
  gboolean          auth_done;
  guint             lcp_opens;       /* times LCP reached Opened in this session */
  gboolean          authenticated_once; /* auth_done goes with LCP; this stays */

  DtPppCbcp         cbcp;
  gboolean          callback_negotiated; /* LCP agreed on Callback (CBCP) */
  gboolean          callback_agreed;     /* the server acknowledged a callback */

  gboolean          bundle;          /* a bundle: no line, frames through frame_func */
  gboolean          member_up;       /* a member link (config.link_only) carrying the bundle */
  DtPppFrameFunc    frame_func;
  gpointer          frame_data;

  DtPppPhase        phase;
  gboolean          started;
  gboolean          closing;         /* dt_ppp_close() was called, or a callback's close */
  gboolean          over;            /* finished, or about to be: nothing more happens */
  guint             finished_idle;
  guint             error_code;
  char             *error_message;

  char             *local;
  char             *remote;
  char             *dns1;
  char             *dns2;
  char             *local6;          /* link-local addresses, once IPv6CP is up */
  char             *remote6;

  DtPppStats        stats;

  /* The server's side (dt-ppp-server.c). */
  gboolean          serving;
  DtPppAuthServer  *auth_server;
  DtPppCbcpServer   cbcp_server;
  char             *peer_name;
  guint             callback_offer;
  guint8            callback_delay;
};

/* dt-ppp.c */
void     _dt_ppp_set_phase             (DtPpp        *self,
                                        DtPppPhase    phase);
/* The first cause of failure wins; none counts once a callback was agreed. */
void     _dt_ppp_set_failure           (DtPpp        *self,
                                        guint         code,
                                        const char   *message);
/* LCP closes for a protocol's reason: the Terminate-Request says @why. */
void     _dt_ppp_terminate             (DtPpp        *self,
                                        const char   *why);
/* _dt_ppp_set_failure(), then _dt_ppp_terminate(). */
void     _dt_ppp_fail                  (DtPpp        *self,
                                        guint         code,
                                        const char   *message,
                                        const char   *why);
/* @fsm sends its packets through the session; its limits are the session's configuration. */
void     _dt_ppp_fsm_attach            (DtPpp        *self,
                                        DtPppFsm     *fsm);
void     _dt_ppp_fsm_configure         (DtPpp        *self,
                                        DtPppFsm     *fsm);
void     _dt_ppp_send_frame            (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
void     _dt_ppp_set_compression        (DtPpp        *self,
                                        const char   *text);
void     _dt_ppp_trace_line             (DtPpp        *self,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (2, 3);
/* A datagram received: ipv4-packet, or ipv6-packet when @ipv6. */
void     _dt_ppp_emit_datagram          (DtPpp        *self,
                                        gboolean      ipv6,
                                        const guint8 *datagram,
                                        gsize         len);
void     _dt_ppp_emit_network_up        (DtPpp        *self);
/* A frame received (from the line's decoder, or a bundle's): traced, then dispatched. */
void     _dt_ppp_frame_in               (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
/* §5.7, counted as a drop: from this link's LCP, or a member's for a bundle. */
void     _dt_ppp_reject_protocol        (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);

/* dt-ppp-network.c */
void     _dt_ppp_network_init           (DtPpp        *self);
void     _dt_ppp_network_configure      (DtPpp        *self);
void     _dt_ppp_network_clear          (DtPpp        *self);
void     _dt_ppp_enter_network_phase    (DtPpp        *self);
/* IPCP or IPv6CP reached where it stays: network-up, once IPCP is up and IPv6CP settled. */
void     _dt_ppp_network_settled        (DtPpp        *self);
void     _dt_ppp_network_lcp_down       (DtPpp        *self);
void     _dt_ppp_network_protocol_rejected (DtPpp     *self,
                                        guint16       protocol);
gboolean _dt_ppp_network_input          (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
void     _dt_ppp_network_control_input  (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
/* A datagram out, through CCP when it runs; @len is the datagram's before VJ. */
void     _dt_ppp_send_datagram          (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         info_len,
                                        gsize         len);

/* dt-ppp-bundle.c */
void     _dt_ppp_bundle_class_init      (GObjectClass *object_class);
void     _dt_ppp_bundle_configure       (DtPpp        *self);
void     _dt_ppp_member_up              (DtPpp        *self);
gboolean _dt_ppp_member_input           (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
void     _dt_ppp_bundle_reject          (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);

/* dt-ppp-ipv6.c */
void     _dt_ppp_ipv6_init              (DtPpp        *self);
void     _dt_ppp_ipv6_configure         (DtPpp        *self);
void     _dt_ppp_ipv6_clear             (DtPpp        *self);
void     _dt_ppp_ipv6_start             (DtPpp        *self);
void     _dt_ppp_ipv6_lcp_down          (DtPpp        *self);
void     _dt_ppp_ipv6_protocol_rejected (DtPpp        *self,
                                        guint16       protocol);
gboolean _dt_ppp_ipv6_settled           (DtPpp        *self);
gboolean _dt_ppp_ipv6_input             (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);

/* dt-ppp-server.c */
void     _dt_ppp_server_class_init     (GObjectClass *object_class);
void     _dt_ppp_server_configure      (DtPpp        *self);
void     _dt_ppp_server_clear          (DtPpp        *self);
/* LCP is up: the caller authenticates next. */
void     _dt_ppp_server_lcp_up         (DtPpp        *self);
/* A PAP or CHAP frame; FALSE when it is not the protocol being used. */
gboolean _dt_ppp_server_auth_input     (DtPpp        *self,
                                        guint16       protocol,
                                        const guint8 *info,
                                        gsize         len);
void     _dt_ppp_server_after_auth     (DtPpp        *self);
void     _dt_ppp_server_cbcp_input     (DtPpp        *self,
                                        const guint8 *info,
                                        gsize         len);

/* dt-ppp-authenticate.c */
void     _dt_ppp_authenticate_class_init (GObjectClass *object_class);
/* LCP is up and the server asked us to authenticate with @proto. */
void     _dt_ppp_start_authentication  (DtPpp        *self,
                                        DtPppAuthProtocol proto);
/* Copies in place of the session's user, password (the old one wiped) and domain. */
void     _dt_ppp_set_credentials       (DtPpp        *self,
                                        const char   *user,
                                        const char   *password,
                                        const char   *domain);
/* The send function of an authentication client or server: the frame goes out. */
void     _dt_ppp_auth_send             (guint16       protocol,
                                        const guint8 *pkt,
                                        gsize         len,
                                        gpointer      user_data);
void     _dt_ppp_emit_authenticating   (DtPpp        *self,
                                        const char   *protocol);
void     _dt_ppp_emit_auth_result      (DtPpp        *self,
                                        gboolean      success,
                                        guint         code,
                                        const char   *message,
                                        gboolean      retry_allowed);

/* dt-ppp-callback.c */
void     _dt_ppp_callback_class_init   (GObjectClass *object_class);
void     _dt_ppp_callback_init         (DtPpp        *self);
void     _dt_ppp_callback_configure    (DtPpp        *self);
void     _dt_ppp_callback_clear        (DtPpp        *self);
/* Authentication is over (or there was none): CBCP when LCP agreed on it, else IPCP. */
void     _dt_ppp_after_auth            (DtPpp        *self);
void     _dt_ppp_callback_lcp_down     (DtPpp        *self,
                                        gboolean      peer_terminated);
/* A CBCP packet; FALSE when this session did not agree on CBCP (the caller rejects the
 * protocol). */
gboolean _dt_ppp_callback_input        (DtPpp        *self,
                                        const guint8 *info,
                                        gsize         len);

G_END_DECLS
