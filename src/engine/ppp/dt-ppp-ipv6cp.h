/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPv6CP, the IPv6 Control Protocol (RFC 5072), as the calling side runs it: one option, the
 * Interface-Identifier that forms each end's link-local address (fe80::/64 plus it).  We ask
 * for a random identifier of our own and take the one the peer Naks back; the peer's is
 * acknowledged unless it is zero or equal to ours, which gets a Nak with a new one to use
 * (§4.1).  IPv6-Compression-Protocol and anything else is rejected.  It sits on the shared
 * automaton and reports to DtPpp through DtPppIpv6cpOwner.  Identifiers are in network
 * order as 64-bit host integers (fe80::1:2:3:4 is 0x0001000200030004). */
#pragma once

#include <glib.h>

#include "dt-ppp-fsm.h"

G_BEGIN_DECLS

typedef struct _DtPppIpv6cp DtPppIpv6cp;

typedef struct {
  void (*up)       (DtPppIpv6cp *ipv6cp, gpointer data);
  void (*down)     (DtPppIpv6cp *ipv6cp, gpointer data);
  void (*finished) (DtPppIpv6cp *ipv6cp, gpointer data);
} DtPppIpv6cpOwner;

struct _DtPppIpv6cp {
  DtPppFsm                fsm;
  const DtPppIpv6cpOwner *owner;
  gpointer                owner_data;

  guint64                 want_iid;      /* ours, chosen at random when configured */
  guint64                 iid;           /* as the peer last corrected it */
  gboolean                neg_iid;       /* we still ask for it (the peer did not reject it) */
  guint64                 his_iid;       /* the peer's, once acknowledged; 0: none */
};

void   dt_ppp_ipv6cp_init      (DtPppIpv6cp            *ipv6cp,
                                const DtPppIpv6cpOwner *owner,
                                gpointer                owner_data);
void   dt_ppp_ipv6cp_clear     (DtPppIpv6cp            *ipv6cp);
/* A new random identifier of our own (never zero). */
void   dt_ppp_ipv6cp_configure (DtPppIpv6cp            *ipv6cp);
void   dt_ppp_ipv6cp_input     (DtPppIpv6cp            *ipv6cp,
                                const guint8           *packet,
                                gsize                   len);

/* "fe80::1:2:3:4": the link-local address of an identifier. */
char  *dt_ppp_ipv6_link_local  (guint64                 iid);

G_END_DECLS
