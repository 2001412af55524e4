/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The authenticator side of PPP authentication, for incoming calls: PAP (RFC 1334), CHAP-MD5
 * (RFC 1994) and MS-CHAPv2 (RFC 2759).  It generates the Challenge, checks the caller's
 * Response against the password its owner looks up, and answers with Success (for MS-CHAPv2
 * with the "S=" authenticator response that the caller verifies) or Failure (for MS-CHAPv2
 * "E=691 R=1 C=… V=3" while attempts are left).  Like the client side (dt-ppp-auth.h) it does
 * no I/O: DtPpp feeds it the PAP or CHAP payloads and sends what it hands back.
 *
 *   server = dt_ppp_auth_server_new (DT_PPP_AUTH_MSCHAPV2, "dialtone");
 *   dt_ppp_auth_server_set_send_func (server, send_frame, ppp);
 *   g_signal_connect (server, "lookup", …);   g_signal_connect (server, "finished", …);
 *   dt_ppp_auth_server_start (server);
 *   … dt_ppp_auth_server_input (server, payload, len) for each 0xC023 or 0xC223 frame …
 *
 * Signals:
 *   lookup (const char *user): the caller gave this name (without a "DOMAIN\" prefix); answer
 *     with dt_ppp_auth_server_answer(), now or later.  One lookup at a time: what the caller
 *     sends meanwhile (its retransmissions) is dropped.
 *   finished (gboolean success, guint ras_code, const char *user, gboolean final): one
 *     attempt's outcome.  ras_code is 0 on success, else 691 (unknown user or wrong password),
 *     647 (the account is disabled), 649 (no dial-in permission) or 718 (the caller never
 *     answered in time).  final: no further attempt in this session (always, but after a
 *     MS-CHAPv2 failure with attempts left).
 *
 * Nothing the caller sends makes it allocate more than one packet's worth: the names and
 * responses it keeps are fixed-size, and every wait is bounded by the timeout. */
#pragma once

#include <glib-object.h>

#include "dt-ppp-auth.h"

G_BEGIN_DECLS

#define DT_TYPE_PPP_AUTH_SERVER (dt_ppp_auth_server_get_type ())
G_DECLARE_FINAL_TYPE (DtPppAuthServer, dt_ppp_auth_server, DT, PPP_AUTH_SERVER, GObject)

/* @name: ours, in CHAP Challenges; NULL for "dialtone". */
DtPppAuthServer *dt_ppp_auth_server_new           (DtPppAuthProtocol  proto,
                                                   const char        *name);
void             dt_ppp_auth_server_set_send_func (DtPppAuthServer   *self,
                                                   DtPppAuthSendFunc  send,
                                                   gpointer           data);
/* @timeout_ms: the whole authentication, from start() (30 s unless set); @max_attempts:
 * MS-CHAPv2 Responses the caller may try (3 unless set; PAP and CHAP-MD5 get one). */
void             dt_ppp_auth_server_set_limits    (DtPppAuthServer   *self,
                                                   guint              timeout_ms,
                                                   guint              max_attempts);
/* CHAP: sends the Challenge (again every 3 s until a Response comes).  PAP: waits for the
 * Authenticate-Request. */
void             dt_ppp_auth_server_start         (DtPppAuthServer   *self);
void             dt_ppp_auth_server_input         (DtPppAuthServer   *self,
                                                   const guint8      *pkt,
                                                   gsize              len);
/* The answer to "lookup": the user's password, or NULL when the user may not dial in, with
 * @refusal the RAS code to give (691, 647 or 649; 0 means 691). */
void             dt_ppp_auth_server_answer        (DtPppAuthServer   *self,
                                                   const char        *password,
                                                   guint              refusal);

guint16          dt_ppp_auth_server_get_ppp_protocol (DtPppAuthServer *self);
DtPppAuthProtocol dt_ppp_auth_server_get_protocol (DtPppAuthServer   *self);
/* The name the caller last gave (without its domain), or NULL. */
const char      *dt_ppp_auth_server_get_user      (DtPppAuthServer   *self);
gboolean         dt_ppp_auth_server_get_authenticated (DtPppAuthServer *self);

G_END_DECLS
