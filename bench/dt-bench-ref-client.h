/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reference client of bench-dial: the least a PPP client can do to get from CONNECT to an
 * IPCP address against pppd, written apart from the engine (the tests' own framing, nettle,
 * the test peer's MS-CHAPv2 code).  It sends its LCP request at CONNECT and again when the
 * server's first request shows that the server listens, Acks whatever the server asks,
 * authenticates the moment LCP is open (PAP, CHAP-MD5, MS-CHAPv2), asks for its IPCP address
 * the moment authentication succeeds, Rejects VJ, and ignores everything else.  No timers, no
 * state machine beyond that: it is the floor a real client is measured against. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dials @number on the already open, idle modem line @fd as @user/@password and runs PPP up
 * to IPCP.  Returns the milliseconds from the modem's CONNECT to the last IPCP Ack (and in
 * *@from_server, from the server's first LCP Configure-Request), or a negative value (and
 * @error set) on failure.  Then ends the call with an LCP Terminate-Request and waits for
 * the modem's NO CARRIER. */
double dt_bench_ref_client_dial (int          fd,
                                 const char  *number,
                                 const char  *user,
                                 const char  *password,
                                 double      *from_server,
                                 GError     **error);

G_END_DECLS
