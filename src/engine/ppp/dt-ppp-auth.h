/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client side of PPP authentication: PAP (RFC 1334), CHAP-MD5 (RFC 1994), MS-CHAPv2
 * (RFC 2759), with MS-CHAPv2's retry and Change-Password, and EAP (RFC 3748: MD5-Challenge,
 * EAP-MSCHAPv2, One-Time Password and Generic Token Card, a Nak for the rest).  It does no I/O of its own: DtPpp
 * feeds it the payload of each PAP or CHAP frame with dt_ppp_auth_client_input() and gets the
 * packets to send through the send function.  Its only sources are GLib timeouts.
 *
 * Lifecycle, as DtPpp drives it in the AUTHENTICATE phase:
 *
 *   client = dt_ppp_auth_client_new (DT_PPP_AUTH_MSCHAPV2, user, password, domain);
 *   dt_ppp_auth_client_set_send_func (client, send_frame, ppp);
 *   g_signal_connect_object (client, "finished", G_CALLBACK (on_auth_finished), ppp, 0);
 *   dt_ppp_auth_client_start (client);
 *   ... dt_ppp_auth_client_input (client, payload, len) for each 0xC023 or 0xC223 frame ...
 *
 * "finished" (gboolean success, guint ras_code, const char *message, gboolean retry_allowed)
 * is emitted once per attempt, synchronously from input(), from a timeout, or from an idle
 * after start() when the credentials cannot be sent at all:
 *   - success: ras_code is 0.  Afterwards the client keeps answering the Challenges of CHAP
 *     re-authentication (RFC 1994 section 4): each new Challenge after a success is a new
 *     attempt, announced by "reauthenticating" before the Response goes, and ended by
 *     "finished" like the first (the caller tells them apart: it saw the first success).
 *   - failure: ras_code is 691 (bad credentials, or a server that could not prove it knows
 *     the password), 646, 647, 648 (password expired), 649, 709 (the password change failed)
 *     or 718 (the server did not answer in time).  message is the server's text when it sent
 *     one, otherwise ours; it is never NULL and never holds a secret.  retry_allowed says that
 *     dt_ppp_auth_client_retry() can answer in the same session (MS-CHAPv2 with R=1).
 *   - after 648, dt_ppp_auth_client_change_password() sends RFC 2759's Change-Password
 *     packet; its outcome is a new "finished": success, or 709.
 *
 * "reauthenticating" (no arguments): the server challenges again after a success.
 *
 * "eap-prompt" (DtPppEapPrompt prompt, const char *text): EAP needs the user's answer (an
 * identity when the user name is empty, a password when it is empty, an OTP or GTC
 * response always); @text is what the server said with the question, or NULL.  The attempt
 * waits, without its deadline, for dt_ppp_auth_client_eap_answer().
 *
 * Names on the wire: "DOMAIN\user" when a domain is given, "user" otherwise, for all three
 * protocols, as Windows sends them.  MS-CHAPv2 hashes the user name without the domain
 * (RFC 2759 section 4), as pppd does.
 *
 * Dispose removes every source; the credentials are wiped from memory when they are replaced
 * and on finalize. */
#pragma once

#include <glib-object.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-enums.h"   /* DT_TYPE_PPP_AUTH_PROTOCOL, from glib-mkenums */

G_BEGIN_DECLS

#define DT_PPP_PROTOCOL_PAP  0xC023
#define DT_PPP_PROTOCOL_CHAP 0xC223
#define DT_PPP_PROTOCOL_EAP  0xC227

typedef enum {
  DT_PPP_AUTH_NONE,
  DT_PPP_AUTH_PAP,
  DT_PPP_AUTH_CHAP_MD5,
  DT_PPP_AUTH_MSCHAPV2,
  DT_PPP_AUTH_EAP,
} DtPppAuthProtocol;

/* "PAP", "CHAP-MD5", "MS-CHAPv2" (as DtConnection shows them), or NULL for none. */
const char *dt_ppp_auth_protocol_get_name (DtPppAuthProtocol proto);

/* Sends one PAP or CHAP packet (code, identifier, length, data) as the payload of a frame of
 * @ppp_protocol.  The bytes are only valid during the call. */
typedef void (*DtPppAuthSendFunc) (guint16       ppp_protocol,
                                   const guint8 *pkt,
                                   gsize         len,
                                   gpointer      data);

#define DT_TYPE_PPP_AUTH_CLIENT (dt_ppp_auth_client_get_type ())
G_DECLARE_FINAL_TYPE (DtPppAuthClient, dt_ppp_auth_client, DT, PPP_AUTH_CLIENT, GObject)

/* @proto is not DT_PPP_AUTH_NONE.  @domain may be NULL or empty. */
DtPppAuthClient *dt_ppp_auth_client_new              (DtPppAuthProtocol  proto,
                                                      const char        *user,
                                                      const char        *password,
                                                      const char        *domain);
void             dt_ppp_auth_client_set_send_func    (DtPppAuthClient   *self,
                                                      DtPppAuthSendFunc  send,
                                                      gpointer           data);

/* How long one attempt may wait for the server, from start(), retry() or change_password()
 * to the outcome: 30 seconds unless set.  Also the "timeout" property. */
void             dt_ppp_auth_client_set_timeout      (DtPppAuthClient   *self,
                                                      guint              seconds);
guint            dt_ppp_auth_client_get_timeout      (DtPppAuthClient   *self);

/* PAP: sends Authenticate-Request, and again every 3 seconds, at most 10 times.
 * CHAP: waits for the server's Challenge.  Call once, when LCP reaches the AUTHENTICATE
 * phase. */
void             dt_ppp_auth_client_start            (DtPppAuthClient   *self);

/* The payload of a frame whose protocol is dt_ppp_auth_client_get_ppp_protocol(): code,
 * identifier, length, data.  Anything malformed is dropped (logged with g_debug). */
void             dt_ppp_auth_client_input            (DtPppAuthClient   *self,
                                                      const guint8      *pkt,
                                                      gsize              len);

/* EAP: the user's answer to "eap-prompt".  G_IO_ERROR_NOT_INITIALIZED when nothing is
 * asked, G_IO_ERROR_INVALID_ARGUMENT for an answer that cannot be sent (empty, or longer than
 * 255 bytes; only a password may be empty). */
gboolean         dt_ppp_auth_client_eap_answer       (DtPppAuthClient   *self,
                                                      const char        *text,
                                                      GError           **error);
/* EAP: no token card or OTP (their answers cross the line as typed): Nak them. */
void             dt_ppp_auth_client_set_require_encryption (DtPppAuthClient *self,
                                                           gboolean          require);

/* After a failure, answers again in the same session with new credentials: MS-CHAPv2 when the
 * Failure said R=1 (with its C= challenge), or any CHAP when the server has sent a new
 * Challenge since.  Otherwise fails with G_IO_ERROR_NOT_SUPPORTED, and the engine redials.
 * G_IO_ERROR_INVALID_ARGUMENT for credentials the protocol cannot carry. */
gboolean         dt_ppp_auth_client_retry            (DtPppAuthClient   *self,
                                                      const char        *user,
                                                      const char        *password,
                                                      const char        *domain,
                                                      GError           **error);

/* After a MS-CHAPv2 failure with E=648: sends the Change-Password packet (RFC 2759
 * section 7), built with the Failure's C= challenge, or the last Challenge without one.
 * G_IO_ERROR_NOT_SUPPORTED in any other situation, G_IO_ERROR_INVALID_ARGUMENT for a password
 * longer than 256 UTF-16 units or not UTF-8.  On success the new password replaces the old
 * one for re-authentication. */
gboolean         dt_ppp_auth_client_change_password  (DtPppAuthClient   *self,
                                                      const char        *old_password,
                                                      const char        *new_password,
                                                      GError           **error);

DtPppAuthProtocol dt_ppp_auth_client_get_protocol    (DtPppAuthClient   *self);
/* "PAP", "CHAP-MD5", "MS-CHAPv2" or "EAP" */
const char      *dt_ppp_auth_client_get_protocol_name (DtPppAuthClient  *self);
/* DT_PPP_PROTOCOL_PAP, _CHAP or _EAP: the frames input() expects */
guint16          dt_ppp_auth_client_get_ppp_protocol (DtPppAuthClient   *self);

/* A pppd-style trace of one PAP, CHAP or EAP packet, in either direction, e.g.
 * [CHAP Challenge id=0x1 <a1b2…>, name = "isp"].  Passwords, CHAP and NT responses,
 * authenticator responses, encrypted blocks and token answers appear as <hidden>.  NULL
 * when @ppp_protocol is none of the three. */
char            *dt_ppp_auth_describe_packet         (guint16            ppp_protocol,
                                                      const guint8      *pkt,
                                                      gsize              len);

G_END_DECLS
