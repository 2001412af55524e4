/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-ppp-lcp.c shares with dt-ppp-lcp-echo.c (the echo keepalive). */
#pragma once

#include "dt-ppp-lcp.h"

G_BEGIN_DECLS

/* Gives up with @failure: Terminate-Request with @text, then the automaton's course. */
void  _dt_ppp_lcp_fail        (DtPppLcp        *lcp,
                               DtPppLcpFailure  failure,
                               const char      *text);
/* LCP is up: the keepalive starts, when configured and not refused. */
void  _dt_ppp_lcp_start_echo  (DtPppLcp        *lcp);
void  _dt_ppp_lcp_stop_echo   (DtPppLcp        *lcp);

G_END_DECLS
