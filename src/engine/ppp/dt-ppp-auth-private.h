/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-ppp-auth.c, dt-pap.c and dt-chap.c share: the client's instance struct and the
 * helpers that send packets, end an attempt and handle secrets.  Not installed, not for
 * DtPpp. */
#pragma once

#include "dt-mschap.h"
#include "dt-ppp-auth.h"

G_BEGIN_DECLS

/* The longest server message we keep, in bytes */
#define DT_PPP_AUTH_MAX_MESSAGE 512
/* The longest name or PAP password a packet's 1-octet length can carry */
#define DT_PPP_AUTH_MAX_NAME    255
/* pppd's pap-restart and pap-max-authreq */
#define DT_PAP_RETRANSMIT_MS      3000
#define DT_PAP_MAX_TRANSMISSIONS  10

#define DT_PAP_AUTH_REQUEST 1
#define DT_PAP_AUTH_ACK     2
#define DT_PAP_AUTH_NAK     3

#define DT_CHAP_CHALLENGE       1
#define DT_CHAP_RESPONSE        2
#define DT_CHAP_SUCCESS         3
#define DT_CHAP_FAILURE         4
#define DT_CHAP_CHANGE_PASSWORD 7

/* Value-Size of a MS-CHAPv2 Response: peer challenge, 8 reserved, NT-Response, flags */
#define DT_MSCHAP_RESPONSE_VALUE_LEN 49
/* Length of a Change-Password packet, header included (RFC 2759 section 7) */
#define DT_MSCHAP_CHANGE_PASSWORD_LEN 586

typedef enum {
  DT_PPP_AUTH_STATE_INITIAL,
  DT_PPP_AUTH_STATE_WAITING,        /* an attempt is running: the deadline is armed */
  DT_PPP_AUTH_STATE_FAILED,         /* "finished" said failure; retry may follow */
  DT_PPP_AUTH_STATE_AUTHENTICATED,  /* "finished" said success; re-authentication may follow */
} DtPppAuthState;

struct _DtPppAuthClient
{
  GObject parent_instance;

  DtPppAuthProtocol protocol;
  char *user;
  char *password;
  char *domain;
  char *name;                       /* on the wire: "DOMAIN\user" or "user" */

  DtPppAuthSendFunc send;
  gpointer send_data;

  DtPppAuthState state;
  guint timeout;                    /* seconds per attempt */
  guint deadline_id;
  guint retransmit_id;
  guint idle_id;
  char *idle_message;               /* the failure idle_id reports */

  /* PAP */
  guint8 pap_id;                    /* of the last Authenticate-Request */
  guint n_transmissions;
  guint pap_interval_ms;
  guint pap_max_transmissions;

  /* CHAP: the Response (or Change-Password) awaiting Success or Failure */
  gboolean response_outstanding;
  guint8 response_id;
  guint8 *response;                 /* resent when the same Challenge comes again */
  gsize response_len;
  guint8 challenge[255];            /* the Challenge it answered */
  gsize challenge_len;
  gboolean changing_password;
  char *new_password;               /* until the Change-Password succeeds */

  /* MS-CHAPv2: what the authenticator response is checked against */
  guint8 auth_challenge[DT_MSCHAP_CHALLENGE_LEN];
  guint8 peer_challenge[DT_MSCHAP_CHALLENGE_LEN];
  guint8 nt_response[DT_MSCHAP_NT_RESPONSE_LEN];

  /* After a failure: the Challenge that retry() answers (a Failure's C= with R=1, or a new
   * Challenge packet) and the one Change-Password uses after E=648 */
  gboolean can_retry;
  guint8 retry_id;
  guint8 retry_challenge[255];
  gsize retry_challenge_len;
  gboolean password_expired;
  guint8 expired_id;
  guint8 expired_challenge[DT_MSCHAP_CHALLENGE_LEN];

  /* EAP (dt-eap.c) */
  gboolean require_encryption;      /* no OTP or GTC */
  gboolean eap_answered;            /* a Response went: eap_response is it */
  guint8 eap_response_id;
  guint8 *eap_response;             /* Type and Type-Data, resent on a repeated Request */
  gsize eap_response_len;
  guint eap_method;                 /* the authentication Type we answered, or 0 */
  gboolean eap_server_proved;       /* EAP-MSCHAPv2: its authenticator response checked */
  guint eap_failure_code;           /* EAP-MSCHAPv2 Failure's E= */
  guint eap_identity_requests;      /* this attempt's */
  char *eap_message;                /* EAP-MSCHAPv2's M=, for the outcome */
  char *eap_notification;           /* the last Notification's text */
  DtPppEapPrompt eap_prompt;        /* the question waiting for the user, or NONE */
  guint8 eap_pending_id;            /* of the Request it answers */
  guint8 eap_pending_type;
  guint8 eap_pending[255];          /* the MD5 challenge waiting for the password */
  gsize eap_pending_len;
};

void     _dt_ppp_auth_client_send_packet (DtPppAuthClient *self,
                                          guint8           code,
                                          guint8           id,
                                          const guint8    *data,
                                          gsize            len);
/* A Challenge after a success: a new attempt begins, and "reauthenticating" says so.  FALSE
 * when a handler ended the attempt meanwhile. */
gboolean _dt_ppp_auth_client_begin_reauthentication (DtPppAuthClient *self);
/* The attempt's deadline again, after a wait for the user. */
void     _dt_ppp_auth_client_rearm_deadline (DtPppAuthClient *self);
void     _dt_ppp_auth_client_emit_eap_prompt (DtPppAuthClient *self,
                                              DtPppEapPrompt   prompt,
                                              const char      *text);
void     _dt_ppp_auth_client_finish     (DtPppAuthClient *self,
                                         gboolean         success,
                                         guint            ras_code,
                                         const char      *message,
                                         gboolean         retry_allowed);
/* For tests, which cannot wait 30 seconds for ten retransmissions */
void     _dt_ppp_auth_client_set_pap_timing (DtPppAuthClient *self,
                                             guint            interval_ms,
                                             guint            max_transmissions);
void     _dt_ppp_auth_client_clear_response (DtPppAuthClient *self);
void     _dt_ppp_auth_client_set_credentials (DtPppAuthClient *self,
                                              const char      *user,
                                              const char      *password,
                                              const char      *domain);

/* dt-pap.c */
void     _dt_pap_send_request           (DtPppAuthClient *self);
void     _dt_pap_input                  (DtPppAuthClient *self,
                                         guint8           code,
                                         guint8           id,
                                         const guint8    *data,
                                         gsize            len);

/* dt-chap.c */
void     _dt_chap_input                 (DtPppAuthClient *self,
                                         guint8           code,
                                         guint8           id,
                                         const guint8    *data,
                                         gsize            len);
gboolean _dt_chap_send_response         (DtPppAuthClient *self,
                                         guint8           id,
                                         const guint8    *challenge,
                                         gsize            challenge_len);
gboolean _dt_chap_send_change_password  (DtPppAuthClient *self,
                                         const char      *old_password,
                                         const char      *new_password);

/* dt-eap.c */
void     _dt_eap_input                   (DtPppAuthClient *self,
                                         guint8           code,
                                         guint8           id,
                                         const guint8    *data,
                                         gsize            len);
gboolean _dt_eap_answer                  (DtPppAuthClient *self,
                                         const char      *text,
                                         GError         **error);
void     _dt_eap_clear                   (DtPppAuthClient *self);

/* Secrets and randomness */
void     _dt_ppp_auth_secret_free       (char            *secret);
void     _dt_ppp_auth_secret_free_len   (gpointer         secret,
                                         gsize            len);
gboolean _dt_ppp_auth_random_bytes      (guint8          *buf,
                                         gsize            len);

G_END_DECLS
