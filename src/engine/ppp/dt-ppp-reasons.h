/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why a PPP link ended, as the RAS code and sentence a user reads: the one place where LCP's
 * and IPCP's reasons (dt-ppp-fsm.h's DtPppFsmReason, LCP's own failures) become numbers.
 * See dt-ppp-reasons.c for each choice. */
#pragma once

#include <glib.h>

#include "dt-ppp-ipcp.h"
#include "dt-ppp-lcp.h"

G_BEGIN_DECLS

/* LCP finished (or closed) with nothing else to blame.  0 for our own Close.  @opened: LCP
 * reached Opened at least once in this session. */
guint dt_ppp_reason_lcp_end     (const DtPppLcp  *lcp,
                                 gboolean         authenticated,
                                 gboolean         opened,
                                 char           **message);
/* LCP gave up by itself: loopback, refused authentication, a dead peer. */
guint dt_ppp_reason_lcp_failure (const DtPppLcp  *lcp,
                                 char           **message);
/* IPCP finished while LCP was up: no network protocol is left. */
guint dt_ppp_reason_ipcp_end    (const DtPppIpcp *ipcp,
                                 char           **message);

G_END_DECLS
