/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The peer side of EAP over PPP (RFC 3748): Identity, Notification, MD5-Challenge (§5.4),
 * One-Time Password and Generic Token Card (§5.5, §5.6: the user's answer, sent as typed),
 * EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2, on the MS-CHAPv2 code of dt-mschap.c,
 * with the server's proof checked before its Success counts), and a Nak listing what we speak
 * for any other method, an Expanded Nak for an Expanded Type (§5.3).  A repeated Request
 * (the same Identifier) gets the same Response again (§4.1).
 *
 * When the answer is the user's (an Identity with no user name, an MD5-Challenge with no
 * password, any OTP or GTC prompt), the client says so with "eap-prompt" and waits for
 * _dt_eap_answer(): the server repeats its Request meanwhile, and the answer goes with the
 * last one.  Bad input is dropped: lengths that lie, values that do not fit, Success or
 * Failure that answer nothing of ours; and a server that keeps asking for the identity is
 * given up on. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"
#include "dt-ppp-defs.h"
#include "dt-text.h"

enum {
  EAP_REQUEST = 1,
  EAP_RESPONSE = 2,
  EAP_SUCCESS = 3,
  EAP_FAILURE = 4,
};

enum {
  EAP_TYPE_IDENTITY = 1,
  EAP_TYPE_NOTIFICATION = 2,
  EAP_TYPE_NAK = 3,
  EAP_TYPE_MD5 = 4,
  EAP_TYPE_OTP = 5,
  EAP_TYPE_GTC = 6,
  EAP_TYPE_MSCHAPV2 = 26,
  EAP_TYPE_EXPANDED = 254,
};

/* EAP-MSCHAPv2 OpCodes */
enum {
  MS_CHALLENGE = 1,
  MS_RESPONSE = 2,
  MS_SUCCESS = 3,
  MS_FAILURE = 4,
};

/* Identity Requests (with new Identifiers) one attempt answers before it gives up. */
#define MAX_IDENTITY_REQUESTS 8

/* The methods we can answer, best first, as a Nak proposes them. */
static gsize
desired_types (DtPppAuthClient *self,
               guint8           types[4])
{
  gsize n = 0;

  types[n++] = EAP_TYPE_MSCHAPV2;
  types[n++] = EAP_TYPE_MD5;
  /* Token cards send what the user types as it is. */
  if (!self->require_encryption)
    {
      types[n++] = EAP_TYPE_GTC;
      types[n++] = EAP_TYPE_OTP;
    }
  return n;
}

/* Sends a Response of @type with @data, and keeps it for a repeated Request. */
static void
send_response (DtPppAuthClient *self,
               guint8           id,
               guint8           type,
               const guint8    *data,
               gsize            len)
{
  gsize body_len = 1 + len;
  guint8 *body = g_malloc (body_len);

  body[0] = type;
  if (len > 0)
    memcpy (body + 1, data, len);
  _dt_ppp_auth_secret_free_len (g_steal_pointer (&self->eap_response), self->eap_response_len);
  self->eap_response = body;
  self->eap_response_len = body_len;
  self->eap_response_id = id;
  self->eap_answered = TRUE;
  _dt_ppp_auth_client_send_packet (self, EAP_RESPONSE, id, body, body_len);
}

static void
send_nak (DtPppAuthClient *self,
          guint8           id,
          gboolean         expanded)
{
  guint8 types[4];
  gsize n = desired_types (self, types);

  if (!expanded)
    {
      send_response (self, id, EAP_TYPE_NAK, types, n);
      return;
    }
  /* §5.3.2: an Expanded Nak (vendor 0, type 3), each method as an expanded type too. */
  {
    guint8 data[7 + 8 * G_N_ELEMENTS (types)] = { 0, 0, 0, 0, 0, 0, EAP_TYPE_NAK };
    gsize len = 7;

    for (gsize i = 0; i < n; i++, len += 8)
      {
        memset (data + len, 0, 8);
        data[len] = EAP_TYPE_EXPANDED;
        data[len + 7] = types[i];
      }
    send_response (self, id, EAP_TYPE_EXPANDED, data, len);
  }
}

/* Asks the user; the Request waits in eap_pending until _dt_eap_answer(). */
static void
ask_user (DtPppAuthClient *self,
          DtPppEapPrompt   prompt,
          guint8           id,
          guint8           type,
          const guint8    *data,
          gsize            len,
          const char      *text)
{
  /* The server repeating itself, or asking the same again, is not a new question; asking
   * something else is, even while the first waits. */
  gboolean asked = self->eap_prompt == prompt;

  self->eap_prompt = prompt;
  self->eap_pending_id = id;
  self->eap_pending_type = type;
  g_assert (len <= sizeof self->eap_pending);
  /* A Request with no type data gives no pointer to copy from. */
  if (len > 0)
    memcpy (self->eap_pending, data, len);
  self->eap_pending_len = len;
  /* The user may take longer than an attempt: the server's own timer decides meanwhile. */
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (!asked)
    _dt_ppp_auth_client_emit_eap_prompt (self, prompt, text);
}

static char *
prompt_text (const guint8 *data,
             gsize         len)
{
  return len > 0 ? dt_text_sanitize ((const char *) data, len, DT_PPP_AUTH_MAX_MESSAGE) : NULL;
}

static void
answer_identity (DtPppAuthClient *self,
                 guint8           id)
{
  send_response (self, id, EAP_TYPE_IDENTITY, (const guint8 *) self->name, strlen (self->name));
}

static void
handle_identity (DtPppAuthClient *self,
                 guint8           id,
                 const guint8    *data,
                 gsize            len)
{
  g_autofree char *text = NULL;

  if (++self->eap_identity_requests > MAX_IDENTITY_REQUESTS)
    {
      g_autofree char *message =
        g_strdup_printf (_("The server asked who you are %u times and never went on to "
                           "authenticate the connection."), MAX_IDENTITY_REQUESTS);

      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_PPP_TIMEOUT, message, FALSE);
      return;
    }
  if (self->user[0] != '\0')
    {
      answer_identity (self, id);
      return;
    }
  /* §5.1: the Request may carry a displayable message. */
  text = prompt_text (data, len);
  ask_user (self, DT_PPP_EAP_PROMPT_IDENTITY, id, EAP_TYPE_IDENTITY, NULL, 0, text);
}

static void
answer_md5 (DtPppAuthClient *self,
            guint8           id,
            const guint8    *challenge,
            gsize            challenge_len)
{
  gsize name_len = strlen (self->name);
  g_autofree guint8 *data = g_malloc (1 + DT_CHAP_MD5_RESPONSE_LEN + name_len);

  data[0] = DT_CHAP_MD5_RESPONSE_LEN;
  dt_chap_md5_response (id, self->password, challenge, challenge_len, data + 1);
  memcpy (data + 1 + DT_CHAP_MD5_RESPONSE_LEN, self->name, name_len);
  self->eap_method = EAP_TYPE_MD5;
  send_response (self, id, EAP_TYPE_MD5, data, 1 + DT_CHAP_MD5_RESPONSE_LEN + name_len);
  explicit_bzero (data, 1 + DT_CHAP_MD5_RESPONSE_LEN);
}

/* §5.4: Value-Size, Value, Name. */
static void
handle_md5 (DtPppAuthClient *self,
            guint8           id,
            const guint8    *data,
            gsize            len)
{
  if (len < 1 || data[0] == 0 || (gsize) data[0] + 1 > len)
    {
      g_debug ("EAP: dropping a malformed MD5-Challenge");
      return;
    }
  if (self->password[0] == '\0')
    {
      ask_user (self, DT_PPP_EAP_PROMPT_PASSWORD, id, EAP_TYPE_MD5, data + 1, data[0], NULL);
      return;
    }
  answer_md5 (self, id, data + 1, data[0]);
}

/* EAP-MSCHAPv2: the Challenge, answered as MS-CHAPv2 answers it (RFC 2759 section 4). */
static void
handle_mschap_challenge (DtPppAuthClient *self,
                         guint8           id,
                         const guint8    *ms,
                         gsize            len)
{
  gsize name_len = strlen (self->name);
  gsize out_len = 4 + 1 + DT_MSCHAP_RESPONSE_VALUE_LEN + name_len;
  g_autofree guint8 *out = NULL;
  guint8 *value;

  /* OpCode, MS-CHAPv2-ID, MS-Length, Value-Size, the 16-octet challenge */
  if (len < 5 + DT_MSCHAP_CHALLENGE_LEN || ms[4] != DT_MSCHAP_CHALLENGE_LEN)
    {
      g_debug ("EAP-MSCHAPv2: dropping a malformed Challenge");
      return;
    }
  if (out_len > G_MAXUINT16 - 16)
    return;
  out = g_malloc0 (out_len);
  value = out + 5;
  if (!_dt_ppp_auth_random_bytes (self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN))
    return;
  memcpy (self->auth_challenge, ms + 5, DT_MSCHAP_CHALLENGE_LEN);
  if (!dt_mschap_generate_nt_response (self->auth_challenge, self->peer_challenge, self->name,
                                       self->password, self->nt_response))
    {
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                 _("The authentication response could not be computed."), FALSE);
      return;
    }
  out[0] = MS_RESPONSE;
  out[1] = ms[1];
  dt_ppp_put16 (out + 2, out_len);
  out[4] = DT_MSCHAP_RESPONSE_VALUE_LEN;
  memcpy (value, self->peer_challenge, DT_MSCHAP_CHALLENGE_LEN);
  memcpy (value + 24, self->nt_response, DT_MSCHAP_NT_RESPONSE_LEN);
  memcpy (value + DT_MSCHAP_RESPONSE_VALUE_LEN, self->name, name_len);
  self->eap_method = EAP_TYPE_MSCHAPV2;
  self->eap_server_proved = FALSE;
  send_response (self, id, EAP_TYPE_MSCHAPV2, out, out_len);
  explicit_bzero (out, out_len);
}

static void
handle_mschap_success (DtPppAuthClient *self,
                       guint8           id,
                       const guint8    *text,
                       gsize            len)
{
  guint8 opcode = MS_SUCCESS;
  guint8 auth_response[20];
  g_autofree char *message = NULL;

  if (self->eap_method != EAP_TYPE_MSCHAPV2 ||
      !dt_mschap_parse_success (text, len, auth_response, &message) ||
      !dt_mschap_check_authenticator_response (self->password, self->nt_response,
                                               self->peer_challenge, self->auth_challenge,
                                               self->name, (const char *) text, len))
    {
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                 _("The server failed to authenticate itself: it could not "
                                   "prove that it knows your password."), FALSE);
      return;
    }
  self->eap_server_proved = TRUE;
  g_free (self->eap_message);
  self->eap_message = g_steal_pointer (&message);
  send_response (self, id, EAP_TYPE_MSCHAPV2, &opcode, 1);
}

static void
handle_mschap_failure (DtPppAuthClient *self,
                       guint8           id,
                       const guint8    *text,
                       gsize            len)
{
  guint8 opcode = MS_FAILURE;
  DtMschapFailure failure;

  if (self->eap_method != EAP_TYPE_MSCHAPV2)
    return;
  dt_mschap_parse_failure (text, len, &failure);
  self->eap_failure_code = failure.error;
  g_free (self->eap_message);
  self->eap_message = g_steal_pointer (&failure.message);
  dt_mschap_failure_clear (&failure);
  /* EAP has no retry in the session: the EAP Failure that follows ends it. */
  send_response (self, id, EAP_TYPE_MSCHAPV2, &opcode, 1);
}

/* OpCode, MS-CHAPv2-ID, MS-Length, data; MS-Length may not run past the packet. */
static void
handle_mschapv2 (DtPppAuthClient *self,
                 guint8           id,
                 const guint8    *data,
                 gsize            len)
{
  gsize ms_len;

  if (len < 4 || (ms_len = dt_ppp_get16 (data + 2)) < 4 || ms_len > len)
    {
      g_debug ("EAP-MSCHAPv2: dropping a packet whose MS-Length lies");
      return;
    }
  switch (data[0])
    {
    case MS_CHALLENGE:
      handle_mschap_challenge (self, id, data, ms_len);
      break;
    case MS_SUCCESS:
      handle_mschap_success (self, id, data + 4, ms_len - 4);
      break;
    case MS_FAILURE:
      handle_mschap_failure (self, id, data + 4, ms_len - 4);
      break;
    default:
      g_debug ("EAP-MSCHAPv2: ignoring OpCode %u", data[0]);
      break;
    }
}

static void
handle_notification (DtPppAuthClient *self,
                     guint8           id,
                     const guint8    *data,
                     gsize            len)
{
  g_autofree char *text = prompt_text (data, len);

  if (text != NULL)
    {
      g_free (self->eap_notification);
      self->eap_notification = g_steal_pointer (&text);
    }
  /* §5.2: acknowledged with an empty Notification. */
  send_response (self, id, EAP_TYPE_NOTIFICATION, NULL, 0);
}

static void
handle_request (DtPppAuthClient *self,
                guint8           id,
                const guint8    *data,
                gsize            len)
{
  guint8 type;

  if (len < 1)
    {
      g_debug ("EAP: dropping a Request without a Type");
      return;
    }
  type = data[0];
  /* §4.1: the same Identifier again means our Response was lost; a question still with the
   * user is only remembered under its new Identifier. */
  if (self->eap_prompt != DT_PPP_EAP_PROMPT_NONE && type == self->eap_pending_type)
    {
      self->eap_pending_id = id;
      return;
    }
  if (self->eap_answered && id == self->eap_response_id && self->eap_response != NULL)
    {
      _dt_ppp_auth_client_send_packet (self, EAP_RESPONSE, id, self->eap_response,
                                      self->eap_response_len);
      return;
    }
  /* A new Request after a success: the server authenticates us again. */
  if (self->state == DT_PPP_AUTH_STATE_AUTHENTICATED &&
      !_dt_ppp_auth_client_begin_reauthentication (self))
    return;
  if (self->state != DT_PPP_AUTH_STATE_WAITING)
    return;

  switch (type)
    {
    case EAP_TYPE_IDENTITY:
      handle_identity (self, id, data + 1, len - 1);
      break;
    case EAP_TYPE_NOTIFICATION:
      handle_notification (self, id, data + 1, len - 1);
      break;
    case EAP_TYPE_MD5:
      handle_md5 (self, id, data + 1, len - 1);
      break;
    case EAP_TYPE_MSCHAPV2:
      handle_mschapv2 (self, id, data + 1, len - 1);
      break;
    case EAP_TYPE_OTP:
    case EAP_TYPE_GTC:
      if (self->require_encryption)
        send_nak (self, id, FALSE);
      else
        {
          g_autofree char *text = prompt_text (data + 1, len - 1);

          ask_user (self, DT_PPP_EAP_PROMPT_TOKEN, id, type, NULL, 0, text);
        }
      break;
    case EAP_TYPE_NAK:
      g_debug ("EAP: ignoring a Request of type Nak");
      break;
    case EAP_TYPE_EXPANDED:
      send_nak (self, id, TRUE);
      break;
    default:
      send_nak (self, id, FALSE);
      break;
    }
}

/* §4.2: Success or Failure answers our last Response, with its Identifier; pppd uses the
 * next one (as wpa_supplicant's "success workaround" also accepts). */
static gboolean
answers_us (DtPppAuthClient *self,
            guint8           id)
{
  if (self->state != DT_PPP_AUTH_STATE_WAITING || !self->eap_answered)
    {
      g_debug ("EAP: ignoring a Success or Failure to nothing of ours");
      return FALSE;
    }
  if (id != self->eap_response_id && id != (guint8) (self->eap_response_id + 1))
    {
      g_debug ("EAP: ignoring a Success or Failure with id 0x%x; our Response was 0x%x", id,
               self->eap_response_id);
      return FALSE;
    }
  return TRUE;
}

static void
handle_success (DtPppAuthClient *self)
{
  g_autofree char *message = NULL;

  /* EAP-MSCHAPv2 is mutual: a Success before the server proved itself is a lie. */
  if (self->eap_method == EAP_TYPE_MSCHAPV2 && !self->eap_server_proved)
    {
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                 _("The server failed to authenticate itself: it could not "
                                   "prove that it knows your password."), FALSE);
      return;
    }
  message = g_strdup (self->eap_message != NULL ? self->eap_message
                      : self->eap_notification != NULL ? self->eap_notification
                      : _("Authenticated."));
  _dt_eap_clear (self);
  _dt_ppp_auth_client_finish (self, TRUE, 0, message, FALSE);
}

static void
handle_failure (DtPppAuthClient *self)
{
  guint code = DT_RAS_ERROR_AUTHENTICATION_FAILURE;
  g_autofree char *message = NULL;

  /* What EAP-MSCHAPv2's Failure said, or the last Notification, or ours. */
  if (self->eap_failure_code == DT_RAS_ERROR_RESTRICTED_LOGON_HOURS ||
      self->eap_failure_code == DT_RAS_ERROR_ACCT_DISABLED ||
      self->eap_failure_code == DT_RAS_ERROR_PASSWD_EXPIRED ||
      self->eap_failure_code == DT_RAS_ERROR_NO_DIALIN_PERMISSION)
    code = self->eap_failure_code;
  message = g_strdup (self->eap_message != NULL ? self->eap_message
                      : self->eap_notification != NULL ? self->eap_notification
                      : dt_ras_error_get_message (code));
  _dt_eap_clear (self);
  _dt_ppp_auth_client_finish (self, FALSE, code, message, FALSE);
}

void
_dt_eap_input (DtPppAuthClient *self,
              guint8           code,
              guint8           id,
              const guint8    *data,
              gsize            len)
{
  switch (code)
    {
    case EAP_REQUEST:
      handle_request (self, id, data, len);
      break;
    case EAP_SUCCESS:
      if (answers_us (self, id))
        handle_success (self);
      break;
    case EAP_FAILURE:
      if (answers_us (self, id))
        handle_failure (self);
      break;
    default:
      g_debug ("EAP: ignoring code %u: we authenticate only ourselves", code);
      break;
    }
}

gboolean
_dt_eap_answer (DtPppAuthClient  *self,
               const char       *text,
               GError          **error)
{
  DtPppEapPrompt prompt = self->eap_prompt;

  if (prompt == DT_PPP_EAP_PROMPT_NONE || self->state != DT_PPP_AUTH_STATE_WAITING)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The server is not waiting for an answer."));
      return FALSE;
    }
  if (strlen (text) > DT_PPP_AUTH_MAX_NAME || (prompt != DT_PPP_EAP_PROMPT_PASSWORD &&
                                               strlen (text) == 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The answer must be 1 to %d bytes long."), DT_PPP_AUTH_MAX_NAME);
      return FALSE;
    }

  self->eap_prompt = DT_PPP_EAP_PROMPT_NONE;
  _dt_ppp_auth_client_rearm_deadline (self);
  switch (prompt)
    {
    case DT_PPP_EAP_PROMPT_IDENTITY:
      _dt_ppp_auth_client_set_credentials (self, text, self->password, self->domain);
      answer_identity (self, self->eap_pending_id);
      break;
    case DT_PPP_EAP_PROMPT_PASSWORD:
      _dt_ppp_auth_client_set_credentials (self, self->user, text, self->domain);
      answer_md5 (self, self->eap_pending_id, self->eap_pending, self->eap_pending_len);
      break;
    case DT_PPP_EAP_PROMPT_TOKEN:
      self->eap_method = self->eap_pending_type;
      send_response (self, self->eap_pending_id, self->eap_pending_type, (const guint8 *) text,
                     strlen (text));
      break;
    case DT_PPP_EAP_PROMPT_NONE:
    default:
      g_assert_not_reached ();
    }
  explicit_bzero (self->eap_pending, sizeof self->eap_pending);
  return TRUE;
}

/* Forgets the conversation: a new attempt (or a re-authentication) starts from nothing. */
void
_dt_eap_clear (DtPppAuthClient *self)
{
  _dt_ppp_auth_secret_free_len (g_steal_pointer (&self->eap_response), self->eap_response_len);
  self->eap_response_len = 0;
  self->eap_answered = FALSE;
  self->eap_method = 0;
  self->eap_server_proved = FALSE;
  self->eap_failure_code = 0;
  self->eap_identity_requests = 0;
  self->eap_prompt = DT_PPP_EAP_PROMPT_NONE;
  explicit_bzero (self->eap_pending, sizeof self->eap_pending);
  g_clear_pointer (&self->eap_message, g_free);
  g_clear_pointer (&self->eap_notification, g_free);
}
