/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPCP, the IP Control Protocol (RFC 1332), with the DNS server options of RFC 1877, as the
 * calling side runs it: ask for 0.0.0.0 (or the entry's static address) and take the address
 * the server Naks back, ask for the primary and secondary DNS servers the same way, accept
 * the server's own address, negotiate Van Jacobson TCP/IP header compression (RFC 1144) both
 * ways when the entry allows compression, and Reject anything else.  It sits
 * on the shared automaton and reports to DtPpp through DtPppIpcpOwner.  Addresses are in host
 * byte order (10.64.0.11 is 0x0a40000b). */
#pragma once

#include <glib.h>

#include "dt-ppp-fsm.h"

G_BEGIN_DECLS

typedef struct _DtPppIpcp DtPppIpcp;

typedef struct {
  void (*up)       (DtPppIpcp *ipcp, gpointer data);
  void (*down)     (DtPppIpcp *ipcp, gpointer data);
  void (*finished) (DtPppIpcp *ipcp, gpointer data);
} DtPppIpcpOwner;

typedef struct {
  guint32  addr;
  guint32  dns1;
  guint32  dns2;
  gboolean neg_addr;
  gboolean neg_dns1;
  gboolean neg_dns2;
  gboolean neg_vj;          /* IP-Compression-Protocol 0x002d (RFC 1332 §3.2) */
  guint8   vj_max_slot;     /* the highest slot number the receiver keeps */
  gboolean vj_comp_slot;    /* the receiver lets the sender leave repeated slot numbers out */
} DtPppIpcpOptions;

/* The slots we keep for the peer's headers: 16, as pppd (MAX_STATES). */
#define DT_PPP_IPCP_VJ_MAX_SLOT 15

struct _DtPppIpcp {
  DtPppFsm              fsm;
  const DtPppIpcpOwner *owner;
  gpointer              owner_data;

  DtPppIpcpOptions      want;
  DtPppIpcpOptions      go;          /* as the server last corrected it */
  guint32               his_addr;    /* the server's own address, or 0 if it sent none */
  gboolean              allow_vj;    /* Ack the server's VJ request (we compress to it) */
  gboolean              his_vj;      /* it asked for VJ and we acknowledged */
  guint8                his_vj_max_slot;
  gboolean              his_vj_comp_slot;
  gboolean              static_refused; /* the server Nak'd our static address */
  gboolean              no_address;  /* IPCP opened without a usable local address */
  char                 *bad_address; /* the address that made it unusable, or NULL */

  /* As the server (incoming calls, dt_ppp_ipcp_set_server()): the address the caller gets,
   * whether it may keep one of its own, and the DNS servers it may ask for (0: none). */
  gboolean              serving;
  guint32               peer_addr;
  gboolean              accept_peer_addr;
  guint32               serve_dns[2];
};

void  dt_ppp_ipcp_init      (DtPppIpcp            *ipcp,
                             const DtPppIpcpOwner *owner,
                             gpointer              owner_data);
void  dt_ppp_ipcp_clear     (DtPppIpcp            *ipcp);
/* @static_addr 0 lets the server assign the address.  @vj: Van Jacobson compression both
 * ways (else the server's request for it is Rejected and ours is not made). */
void  dt_ppp_ipcp_configure (DtPppIpcp            *ipcp,
                             guint32               static_addr,
                             gboolean              want_dns,
                             gboolean              vj);
/* Makes IPCP the server's: we ask for @our_addr, give the caller @peer_addr (Nak'ing 0.0.0.0
 * or an address of its own unless @accept_peer_addr), answer its DNS requests (RFC 1877)
 * with @dns1 and @dns2 (0: Reject), and Reject the rest.  dt-ppp-ipcp-server.c. */
void  dt_ppp_ipcp_set_server (DtPppIpcp           *ipcp,
                              guint32              our_addr,
                              guint32              peer_addr,
                              gboolean             accept_peer_addr,
                              guint32              dns1,
                              guint32              dns2);
/* An address option (IP-Address, DNS) of @type appended to @out; the server's and ours. */
void   _dt_ppp_ipcp_append_addr (GByteArray        *out,
                                 guint8             type,
                                 guint32            addr);
/* The server's judgement of a caller's Configure-Request (DtPppFsmCallbacks' req_ci). */
guint8 dt_ppp_ipcp_server_req_ci (DtPppIpcp         *ipcp,
                                  const guint8      *opts,
                                  gsize              len,
                                  gboolean           reject_if_disagree,
                                  GByteArray        *reply);
void  dt_ppp_ipcp_input     (DtPppIpcp            *ipcp,
                             const guint8         *packet,
                             gsize                 len);

/* "10.64.0.11" */
char *dt_ppp_ipv4_to_string (guint32 addr);
/* Whether no host may have @addr, as pppd's bad_ip_adrs() says: 0/8, 127/8, 224/3
 * (multicast, reserved and broadcast). */
gboolean dt_ppp_ipv4_is_bad (guint32 addr);

G_END_DECLS
