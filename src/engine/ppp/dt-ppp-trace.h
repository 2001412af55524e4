/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pppd-style packet trace of LCP, IPCP and the other control protocols; PAP and CHAP are
 * described (with their secrets hidden) by dt-ppp-auth.h.  See dt-ppp-trace.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *dt_ppp_describe_packet (guint16       protocol,
                              const guint8 *pkt,
                              gsize         len);

G_END_DECLS
