/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The peer side of CHAP: CHAP-MD5 (RFC 1994) and MS-CHAPv2 (RFC 2759).  It answers each
 * Challenge, re-authentication included, checks that Success and Failure answer our latest
 * Response, verifies MS-CHAPv2's authenticator response, reads MS-CHAPv2's Failure fields
 * (E=, R=, C=), and builds the Change-Password packet. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"
#include "dt-text.h"

static void
remember_response (DtPppAuthClient *self,
                   guint8           id,
                   const guint8    *challenge,
                   gsize            challenge_len,
                   guint8          *packet_data,
                   gsize            packet_len)
{
  _dt_ppp_auth_client_clear_response (self);
  self->response_outstanding = TRUE;
  self->response_id = id;
  self->response = packet_data;
  self->response_len = packet_len;
  g_assert (challenge_len <= sizeof self->challenge);
  memcpy (self->challenge, challenge, challenge_len);
  self->challenge_len = challenge_len;
}

/* The Response's Value: MD5 (RFC 1994 section 4.1) or MS-CHAPv2's 49 octets (RFC 2759
 * section 4).  Returns its length, or 0 when it cannot be computed. */
static gsize
compute_value (DtPppAuthClient *self,
               guint8           id,
               const guint8    *challenge,
               gsize            challenge_len,
               guint8           value[DT_MSCHAP_RESPONSE_VALUE_LEN])
{
  if (self->protocol == DT_PPP_AUTH_CHAP_MD5)
    {
      dt_chap_md5_response (id, self->password, challenge, challenge_len, value);
      return DT_CHAP_MD5_RESPONSE_LEN;
    }

  g_assert (challenge_len == DT_MSCHAP_CHALLENGE_LEN);
  if (!_dt_ppp_auth_random_bytes (self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN))
    return 0;
  memcpy (self->auth_challenge, challenge, DT_MSCHAP_CHALLENGE_LEN);
  if (!dt_mschap_generate_nt_response (self->auth_challenge, self->peer_challenge, self->name,
                                       self->password, self->nt_response))
    return 0;

  memset (value, 0, DT_MSCHAP_RESPONSE_VALUE_LEN);
  memcpy (value, self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN);
  memcpy (value + 24, self->nt_response, DT_MSCHAP_NT_RESPONSE_LEN);
  /* value[48], the flags, stays 0 */
  return DT_MSCHAP_RESPONSE_VALUE_LEN;
}

gboolean
_dt_chap_send_response (DtPppAuthClient *self,
                        guint8           id,
                        const guint8    *challenge,
                        gsize            challenge_len)
{
  guint8 value[DT_MSCHAP_RESPONSE_VALUE_LEN];
  gsize value_len;
  gsize name_len = strlen (self->name);
  gsize len;
  guint8 *data;

  value_len = compute_value (self, id, challenge, challenge_len, value);
  if (value_len == 0)
    return FALSE;

  len = 1 + value_len + name_len;
  data = g_malloc (len);
  data[0] = value_len;
  memcpy (data + 1, value, value_len);
  memcpy (data + 1 + value_len, self->name, name_len);
  explicit_bzero (value, sizeof value);

  remember_response (self, id, challenge, challenge_len, data, len);
  _dt_ppp_auth_client_send_packet (self, DT_CHAP_RESPONSE, id, data, len);
  return TRUE;
}

/* RFC 2759 section 7.  The Identifier is the Failure's plus one; the NT-Response is computed
 * with the new password over the Failure's challenge. */
gboolean
_dt_chap_send_change_password (DtPppAuthClient *self,
                               const char      *old_password,
                               const char      *new_password)
{
  guint8 data[DT_MSCHAP_CHANGE_PASSWORD_LEN - 4] = { 0 };
  guint8 *pos = data;
  gboolean ok;

  ok = dt_mschap_new_password_encrypted_with_old_nt_password_hash (new_password, old_password,
                                                                   pos) &&
       dt_mschap_old_nt_password_hash_encrypted_with_new_nt_password_hash (new_password,
                                                                           old_password,
                                                                           pos + 516) &&
       _dt_ppp_auth_random_bytes (self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN);
  if (ok)
    {
      memcpy (self->auth_challenge, self->expired_challenge, DT_MSCHAP_CHALLENGE_LEN);
      ok = dt_mschap_generate_nt_response (self->auth_challenge, self->peer_challenge,
                                           self->name, new_password, self->nt_response);
    }
  if (!ok)
    {
      explicit_bzero (data, sizeof data);
      return FALSE;
    }

  pos += 516 + 16;
  memcpy (pos, self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN);
  pos += DT_MSCHAP_CHALLENGE_LEN + 8;
  memcpy (pos, self->nt_response, DT_MSCHAP_NT_RESPONSE_LEN);
  /* the two octets of flags stay 0 */

  _dt_ppp_auth_client_clear_response (self);
  self->response_outstanding = TRUE;
  self->response_id = self->expired_id;
  self->challenge_len = 0;
  self->changing_password = TRUE;
  _dt_ppp_auth_secret_free (self->new_password);
  self->new_password = g_strdup (new_password);

  _dt_ppp_auth_client_send_packet (self, DT_CHAP_CHANGE_PASSWORD, self->expired_id,
                                   data, sizeof data);
  explicit_bzero (data, sizeof data);
  return TRUE;
}

static void
handle_challenge (DtPppAuthClient *self,
                  guint8           id,
                  const guint8    *data,
                  gsize            len)
{
  gsize value_len;

  if (len < 1 || data[0] == 0 || (gsize) data[0] + 1 > len)
    {
      g_debug ("CHAP: dropping a malformed Challenge");
      return;
    }
  value_len = data[0];
  if (self->protocol == DT_PPP_AUTH_MSCHAPV2 && value_len != DT_MSCHAP_CHALLENGE_LEN)
    {
      g_debug ("MS-CHAPv2: dropping a Challenge of %" G_GSIZE_FORMAT " octets", value_len);
      return;
    }

  /* The server did not get our Response and asks again: answer with the same one, so that
   * whichever copy it reads matches the authenticator response we check. */
  if (self->response_outstanding && self->response != NULL && id == self->response_id &&
      value_len == self->challenge_len && memcmp (data + 1, self->challenge, value_len) == 0)
    {
      _dt_ppp_auth_client_send_packet (self, DT_CHAP_RESPONSE, id, self->response,
                                       self->response_len);
      return;
    }

  if (self->state == DT_PPP_AUTH_STATE_FAILED)
    {
      /* Never answer with the credentials that just failed: keep it for retry(). */
      self->can_retry = TRUE;
      self->retry_id = id;
      memcpy (self->retry_challenge, data + 1, value_len);
      self->retry_challenge_len = value_len;
      return;
    }

  /* RFC 1994 section 4: the server may challenge again at any time once we passed. */
  if (self->state == DT_PPP_AUTH_STATE_AUTHENTICATED &&
      !_dt_ppp_auth_client_begin_reauthentication (self))
    return;
  self->changing_password = FALSE;
  if (!_dt_chap_send_response (self, id, data + 1, value_len))
    _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                _("The authentication response could not be computed."), FALSE);
}

/* Whether this Success or Failure answers the Response (or Change-Password) we sent last:
 * RFC 1994 section 4.2 has it copy the Identifier. */
static gboolean
answers_our_response (DtPppAuthClient *self,
                      guint8           id)
{
  if (!self->response_outstanding)
    {
      g_debug ("CHAP: ignoring an answer to no Response of ours");
      return FALSE;
    }
  if (id != self->response_id)
    {
      g_debug ("CHAP: ignoring an answer to id 0x%x; our Response was 0x%x",
               id, self->response_id);
      return FALSE;
    }
  return TRUE;
}

static void
succeed (DtPppAuthClient *self,
         const char      *message)
{
  if (self->state == DT_PPP_AUTH_STATE_AUTHENTICATED)
    {
      g_debug ("%s: re-authenticated", dt_ppp_auth_client_get_protocol_name (self));
      _dt_ppp_auth_client_clear_response (self);
      return;
    }
  _dt_ppp_auth_client_finish (self, TRUE, 0, message != NULL ? message : _("Authenticated."),
                              FALSE);
}

static void
handle_mschap_success (DtPppAuthClient *self,
                       const guint8    *data,
                       gsize            len)
{
  const char *password = self->changing_password ? self->new_password : self->password;
  g_autofree char *message = NULL;
  guint8 auth_response[20];

  if (!dt_mschap_parse_success (data, len, auth_response, &message) ||
      !dt_mschap_check_authenticator_response (password, self->nt_response,
                                               self->peer_challenge, self->auth_challenge,
                                               self->name, (const char *) data, len))
    {
      /* RFC 2759 section 5: the peer MUST end the session. */
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_SERVER_NOT_AUTHENTICATED,
                                  dt_ras_error_get_message (DT_RAS_ERROR_SERVER_NOT_AUTHENTICATED),
                                  FALSE);
      return;
    }

  if (self->changing_password)
    {
      _dt_ppp_auth_secret_free (self->password);
      self->password = g_steal_pointer (&self->new_password);
    }
  succeed (self, message);
}

/* RFC 2759 section 6: the codes that have a RAS meaning of their own; the rest are 691. */
static guint
ras_code_for (guint error)
{
  switch (error)
    {
    case DT_RAS_ERROR_RESTRICTED_LOGON_HOURS:
    case DT_RAS_ERROR_ACCT_DISABLED:
    case DT_RAS_ERROR_PASSWD_EXPIRED:
    case DT_RAS_ERROR_NO_DIALIN_PERMISSION:
    case DT_RAS_ERROR_AUTHENTICATION_FAILURE:
    case DT_RAS_ERROR_CHANGING_PASSWORD:
      return error;
    default:
      return DT_RAS_ERROR_AUTHENTICATION_FAILURE;
    }
}

static void
handle_mschap_failure (DtPppAuthClient *self,
                       guint8           id,
                       const guint8    *data,
                       gsize            len)
{
  DtMschapFailure failure;
  gboolean retry_allowed;
  guint ras_code;

  dt_mschap_parse_failure (data, len, &failure);

  if (self->changing_password)
    ras_code = DT_RAS_ERROR_CHANGING_PASSWORD;
  else
    ras_code = ras_code_for (failure.error);

  /* The next Response answers C= with the Failure's Identifier plus one (RFC 2759 section 6;
   * section 7 for Change-Password). */
  retry_allowed = failure.retry && failure.has_challenge && !self->changing_password;
  self->can_retry = retry_allowed;
  self->password_expired = ras_code == DT_RAS_ERROR_PASSWD_EXPIRED;
  if (retry_allowed)
    {
      self->retry_id = id + 1;
      memcpy (self->retry_challenge, failure.challenge, DT_MSCHAP_CHALLENGE_LEN);
      self->retry_challenge_len = DT_MSCHAP_CHALLENGE_LEN;
    }
  if (self->password_expired)
    {
      self->expired_id = id + 1;
      memcpy (self->expired_challenge,
              failure.has_challenge ? failure.challenge : self->auth_challenge,
              DT_MSCHAP_CHALLENGE_LEN);
    }

  /* Set before "finished", whose handler may call retry() or change_password() at once. */
  _dt_ppp_auth_client_finish (self, FALSE, ras_code,
                              failure.message != NULL ? failure.message
                                                      : dt_ras_error_get_message (ras_code),
                              retry_allowed);
  dt_mschap_failure_clear (&failure);
}

void
_dt_chap_input (DtPppAuthClient *self,
                guint8           code,
                guint8           id,
                const guint8    *data,
                gsize            len)
{
  g_autofree char *message = NULL;

  switch (code)
    {
    case DT_CHAP_CHALLENGE:
      handle_challenge (self, id, data, len);
      break;

    case DT_CHAP_SUCCESS:
      if (!answers_our_response (self, id))
        return;
      if (self->protocol == DT_PPP_AUTH_MSCHAPV2)
        {
          handle_mschap_success (self, data, len);
          return;
        }
      if (len > 0)
        message = dt_text_sanitize ((const char *) data, len, DT_PPP_AUTH_MAX_MESSAGE);
      succeed (self, message);
      break;

    case DT_CHAP_FAILURE:
      if (!answers_our_response (self, id))
        return;
      if (self->protocol == DT_PPP_AUTH_MSCHAPV2)
        {
          handle_mschap_failure (self, id, data, len);
          return;
        }
      if (len > 0)
        message = dt_text_sanitize ((const char *) data, len, DT_PPP_AUTH_MAX_MESSAGE);
      if (message == NULL)
        message = g_strdup (dt_ras_error_get_message (DT_RAS_ERROR_AUTHENTICATION_FAILURE));
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE, message,
                                  FALSE);
      break;

    default:
      g_debug ("CHAP: ignoring code %u: we authenticate only ourselves", code);
      break;
    }
}
