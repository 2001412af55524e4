/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The authenticator: see dt-ppp-auth-server.h.  The computations are the client's
 * (dt-mschap.c, on nettle); what is new here is the other half of each exchange: the
 * Challenge, the check, and the answer a caller such as pppd verifies.  Each attempt goes
 * INITIAL/CHALLENGED → LOOKUP (the owner looks the password up) → DONE (answered), or back
 * to CHALLENGED after a MS-CHAPv2 failure with attempts left.  A retransmitted Response or
 * Request that arrives after the answer gets the same answer again, a bounded number of
 * times (RFC 1994 §4.2, RFC 1334 §2.2.1). */

#include "config.h"

#include <string.h>

#include <nettle/memops.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"
#include "dt-ppp-auth-server.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-lcp.h"

#define CHALLENGE_RETRANSMIT_MS 3000
#define MAX_CHALLENGES          10
#define MAX_RESENDS             8
#define DEFAULT_TIMEOUT_MS      30000
#define DEFAULT_ATTEMPTS        3
#define MAX_ANSWER              160   /* octets of the last Success/Failure/Ack/Nak message */

typedef enum {
  STATE_INITIAL,       /* PAP: waiting for the Authenticate-Request */
  STATE_CHALLENGED,    /* CHAP: the Challenge is out, waiting for the Response */
  STATE_LOOKUP,        /* the owner looks the user's password up */
  STATE_DONE,          /* answered for good, or stopped */
} State;

struct _DtPppAuthServer
{
  GObject parent_instance;

  DtPppAuthProtocol protocol;
  char *name;
  DtPppAuthSendFunc send;
  gpointer send_data;
  guint timeout_ms;
  guint max_attempts;

  State state;
  guint attempts;
  gboolean authenticated;
  guint deadline_id;
  guint retransmit_id;
  guint n_challenges;

  /* The exchange in progress: the Challenge (CHAP) or Request (PAP) identifier, what the
   * caller sent, fixed-size whatever it claims. */
  guint8 id;
  guint8 challenge[DT_MSCHAP_CHALLENGE_LEN];
  char wire_name[DT_PPP_AUTH_MAX_NAME + 1];
  char user[DT_PPP_AUTH_MAX_NAME + 1];
  guint8 value[DT_PPP_AUTH_MAX_NAME + 1];     /* CHAP Response value, or PAP password */
  gsize value_len;

  /* The last answer, for retransmissions. */
  gboolean has_answer;
  guint8 answer_code;
  guint8 answer_id;
  guint8 answer[MAX_ANSWER];
  gsize answer_len;
  guint resends;
};

G_DEFINE_FINAL_TYPE (DtPppAuthServer, dt_ppp_auth_server, G_TYPE_OBJECT)

enum {
  SIGNAL_LOOKUP,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_attempt (DtPppAuthServer *self)
{
  explicit_bzero (self->value, sizeof self->value);
  self->value_len = 0;
}

static void
stop_timers (DtPppAuthServer *self)
{
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_handle_id (&self->retransmit_id, g_source_remove);
}

static void
send_packet (DtPppAuthServer *self,
             guint8           code,
             guint8           id,
             const guint8    *data,
             gsize            len)
{
  guint8 pkt[4 + MAX_ANSWER + DT_PPP_AUTH_MAX_NAME + 1];
  gsize pkt_len = 4 + len;

  g_assert (len <= sizeof pkt - 4);
  pkt[0] = code;
  pkt[1] = id;
  dt_ppp_put16 (pkt + 2, pkt_len);
  memcpy (pkt + 4, data, len);
  if (self->send != NULL)
    self->send (dt_ppp_auth_server_get_ppp_protocol (self), pkt, pkt_len, self->send_data);
}

/* Sends an answer and keeps it for the caller's retransmissions.  PAP answers carry a
 * Msg-Length octet before the text. */
static void
send_answer (DtPppAuthServer *self,
             guint8           code,
             guint8           id,
             const char      *text)
{
  gsize n = MIN (strlen (text), MAX_ANSWER - 1);

  self->answer_len = 0;
  if (self->protocol == DT_PPP_AUTH_PAP)
    self->answer[self->answer_len++] = n;
  memcpy (self->answer + self->answer_len, text, n);
  self->answer_len += n;
  self->answer_code = code;
  self->answer_id = id;
  self->has_answer = TRUE;
  self->resends = 0;
  send_packet (self, code, id, self->answer, self->answer_len);
}

static void
finish (DtPppAuthServer *self,
        gboolean         success,
        guint            code,
        gboolean         final)
{
  g_autoptr (DtPppAuthServer) hold = NULL;

  hold = g_object_ref (self);
  wipe_attempt (self);
  if (final)
    {
      stop_timers (self);
      self->state = STATE_DONE;
    }
  self->authenticated = success;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, success, success ? 0 : code,
                 self->user[0] != '\0' ? self->user : NULL, final);
}

static gboolean
on_deadline (gpointer user_data)
{
  DtPppAuthServer *self = user_data;

  self->deadline_id = 0;
  if (self->state == STATE_DONE)
    return G_SOURCE_REMOVE;
  g_debug ("%s: the caller did not authenticate in time",
           dt_ppp_auth_protocol_get_name (self->protocol));
  finish (self, FALSE, DT_RAS_ERROR_PPP_TIMEOUT, TRUE);
  return G_SOURCE_REMOVE;
}

/* CHAP ----------------------------------------------------------------------------------- */

static void
send_challenge (DtPppAuthServer *self)
{
  guint8 data[1 + DT_MSCHAP_CHALLENGE_LEN + DT_PPP_AUTH_MAX_NAME];
  gsize name_len = MIN (strlen (self->name), DT_PPP_AUTH_MAX_NAME);

  data[0] = DT_MSCHAP_CHALLENGE_LEN;
  memcpy (data + 1, self->challenge, DT_MSCHAP_CHALLENGE_LEN);
  memcpy (data + 1 + DT_MSCHAP_CHALLENGE_LEN, self->name, name_len);
  self->n_challenges++;
  send_packet (self, DT_CHAP_CHALLENGE, self->id, data, 1 + DT_MSCHAP_CHALLENGE_LEN + name_len);
}

static gboolean
on_retransmit (gpointer user_data)
{
  DtPppAuthServer *self = user_data;

  if (self->state != STATE_CHALLENGED || self->n_challenges >= MAX_CHALLENGES)
    {
      self->retransmit_id = 0;
      return G_SOURCE_REMOVE;
    }
  send_challenge (self);
  return G_SOURCE_CONTINUE;
}

/* A new Challenge (a fresh value and identifier), and the wait for its Response. */
static gboolean
challenge (DtPppAuthServer *self,
           guint8           id)
{
  if (!_dt_ppp_auth_random_bytes (self->challenge, sizeof self->challenge))
    return FALSE;
  self->id = id;
  self->state = STATE_CHALLENGED;
  self->n_challenges = 0;
  send_challenge (self);
  g_clear_handle_id (&self->retransmit_id, g_source_remove);
  self->retransmit_id = g_timeout_add (CHALLENGE_RETRANSMIT_MS, on_retransmit, self);
  return TRUE;
}

static void
hex (const guint8 *bytes,
     gsize         len,
     char         *out)
{
  static const char digits[] = "0123456789ABCDEF";

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  out[2 * len] = '\0';
}

static gboolean
check_chap (DtPppAuthServer *self,
            const char      *password)
{
  guint8 expected[DT_MSCHAP_NT_RESPONSE_LEN];
  gboolean ok;

  if (self->protocol == DT_PPP_AUTH_CHAP_MD5)
    {
      dt_chap_md5_response (self->id, password, self->challenge, sizeof self->challenge,
                            expected);
      ok = self->value_len == DT_CHAP_MD5_RESPONSE_LEN &&
           memeql_sec (expected, self->value, DT_CHAP_MD5_RESPONSE_LEN);
    }
  else
    {
      /* Value: Peer-Challenge (16), Reserved (8), NT-Response (24), Flags (1). */
      ok = dt_mschap_generate_nt_response (self->challenge, self->value, self->wire_name,
                                           password, expected) &&
           memeql_sec (expected, self->value + 24, DT_MSCHAP_NT_RESPONSE_LEN);
    }
  explicit_bzero (expected, sizeof expected);
  return ok;
}

static void
chap_succeed (DtPppAuthServer *self,
              const char      *password)
{
  char text[DT_MSCHAP_AUTH_RESPONSE_LEN + 1 + 32];

  if (self->protocol == DT_PPP_AUTH_CHAP_MD5)
    send_answer (self, DT_CHAP_SUCCESS, self->id, "Access granted");
  else
    {
      char s[DT_MSCHAP_AUTH_RESPONSE_LEN + 1];

      if (!dt_mschap_generate_authenticator_response (password, self->value + 24, self->value,
                                                      self->challenge, self->wire_name, s))
        {
          finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE, TRUE);
          return;
        }
      g_snprintf (text, sizeof text, "%s M=Access granted", s);
      send_answer (self, DT_CHAP_SUCCESS, self->id, text);
    }
  finish (self, TRUE, 0, TRUE);
}

static void
chap_fail (DtPppAuthServer *self,
           guint            code)
{
  guint8 id = self->id;
  gboolean again;
  char text[128];
  char c[2 * DT_MSCHAP_CHALLENGE_LEN + 1];

  if (self->protocol == DT_PPP_AUTH_CHAP_MD5)
    {
      send_answer (self, DT_CHAP_FAILURE, id, "Access denied");
      finish (self, FALSE, code, TRUE);
      return;
    }

  /* RFC 2759 §6: a retry answers the new challenge C= with the Failure's identifier + 1.
   * Only a wrong password may be tried again: a disabled account stays disabled. */
  again = code == DT_RAS_ERROR_AUTHENTICATION_FAILURE && self->attempts < self->max_attempts &&
          _dt_ppp_auth_random_bytes (self->challenge, sizeof self->challenge);
  if (again)
    {
      hex (self->challenge, sizeof self->challenge, c);
      g_snprintf (text, sizeof text, "E=%u R=1 C=%s V=3 M=Access denied", code, c);
    }
  else
    g_snprintf (text, sizeof text, "E=%u R=0 V=3 M=Access denied", code);
  send_answer (self, DT_CHAP_FAILURE, id, text);
  if (!again)
    {
      finish (self, FALSE, code, TRUE);
      return;
    }
  self->id = id + 1;
  self->state = STATE_CHALLENGED;
  finish (self, FALSE, code, FALSE);
}

static void
lookup (DtPppAuthServer *self)
{
  g_autoptr (DtPppAuthServer) hold = NULL;

  hold = g_object_ref (self);
  self->attempts++;
  self->state = STATE_LOOKUP;
  g_clear_handle_id (&self->retransmit_id, g_source_remove);
  g_signal_emit (self, signals[SIGNAL_LOOKUP], 0, self->user);
}

/* A name that can be looked up: valid UTF-8 without control characters.  @name is not
 * NUL-terminated. */
static gboolean
take_name (DtPppAuthServer *self,
           const guint8    *name,
           gsize            len)
{
  if (len == 0 || len > DT_PPP_AUTH_MAX_NAME || !g_utf8_validate ((const char *) name, len, NULL))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (name[i] < 0x20 || name[i] == 0x7f)
      return FALSE;
  memcpy (self->wire_name, name, len);
  self->wire_name[len] = '\0';
  g_strlcpy (self->user, dt_mschap_strip_domain (self->wire_name), sizeof self->user);
  return self->user[0] != '\0';
}

/* Sends the last answer again to a retransmission of what it answered. */
static gboolean
repeat_answer (DtPppAuthServer *self,
               guint8           id)
{
  if (!self->has_answer || id != self->answer_id || self->resends >= MAX_RESENDS)
    return FALSE;
  self->resends++;
  send_packet (self, self->answer_code, self->answer_id, self->answer, self->answer_len);
  return TRUE;
}

static void
chap_response (DtPppAuthServer *self,
               guint8           id,
               const guint8    *data,
               gsize            len)
{
  gsize want = self->protocol == DT_PPP_AUTH_CHAP_MD5 ? DT_CHAP_MD5_RESPONSE_LEN
                                                     : DT_MSCHAP_RESPONSE_VALUE_LEN;

  if (self->state != STATE_CHALLENGED || id != self->id)
    {
      if (self->state != STATE_LOOKUP)
        repeat_answer (self, id);
      return;
    }
  if (len < 1 || data[0] != want || len < 1 + want ||
      !take_name (self, data + 1 + want, len - 1 - want))
    {
      g_debug ("CHAP: dropping a malformed Response");
      return;
    }
  memcpy (self->value, data + 1, want);
  self->value_len = want;
  lookup (self);
}

/* PAP ------------------------------------------------------------------------------------ */

static void
pap_request (DtPppAuthServer *self,
             guint8           id,
             const guint8    *data,
             gsize            len)
{
  gsize name_len;
  gsize pass_len;

  if (self->state != STATE_INITIAL)
    {
      if (self->state != STATE_LOOKUP)
        repeat_answer (self, id);
      return;
    }
  if (len < 1)
    return;
  name_len = data[0];
  if (len < 1 + name_len + 1)
    return;
  pass_len = data[1 + name_len];
  if (len < 2 + name_len + pass_len || !take_name (self, data + 1, name_len))
    {
      g_debug ("PAP: dropping a malformed Authenticate-Request");
      return;
    }
  self->id = id;
  memcpy (self->value, data + 2 + name_len, pass_len);
  self->value_len = pass_len;
  lookup (self);
}

static gboolean
check_pap (DtPppAuthServer *self,
           const char      *password)
{
  gsize n = strlen (password);

  return n == self->value_len && memeql_sec (password, self->value, n);
}

/* Public --------------------------------------------------------------------------------- */

void
dt_ppp_auth_server_answer (DtPppAuthServer *self,
                           const char      *password,
                           guint            refusal)
{
  gboolean ok;

  g_return_if_fail (DT_IS_PPP_AUTH_SERVER (self));

  if (self->state != STATE_LOOKUP)
    return;
  if (refusal == 0)
    refusal = DT_RAS_ERROR_AUTHENTICATION_FAILURE;
  if (self->protocol == DT_PPP_AUTH_PAP)
    {
      ok = password != NULL && check_pap (self, password);
      send_answer (self, ok ? DT_PAP_AUTH_ACK : DT_PAP_AUTH_NAK, self->id,
                   ok ? "Login ok" : "Login incorrect");
      finish (self, ok, ok ? 0 : refusal, TRUE);
      return;
    }
  ok = password != NULL && check_chap (self, password);
  if (ok)
    chap_succeed (self, password);
  else
    chap_fail (self, password == NULL ? refusal : DT_RAS_ERROR_AUTHENTICATION_FAILURE);
}

void
dt_ppp_auth_server_input (DtPppAuthServer *self,
                          const guint8    *pkt,
                          gsize            len)
{
  gsize pkt_len;

  g_return_if_fail (DT_IS_PPP_AUTH_SERVER (self));
  g_return_if_fail (pkt != NULL || len == 0);

  if (len < 4)
    return;
  pkt_len = dt_ppp_get16 (pkt + 2);
  if (pkt_len < 4 || pkt_len > len)
    return;
  /* Octets past the Length are padding (RFC 1661 §5). */
  if (self->protocol == DT_PPP_AUTH_PAP && pkt[0] == DT_PAP_AUTH_REQUEST)
    pap_request (self, pkt[1], pkt + 4, pkt_len - 4);
  else if (self->protocol != DT_PPP_AUTH_PAP && pkt[0] == DT_CHAP_RESPONSE)
    chap_response (self, pkt[1], pkt + 4, pkt_len - 4);
  else
    g_debug ("%s: ignoring code %u from the caller",
             dt_ppp_auth_protocol_get_name (self->protocol), pkt[0]);
}

void
dt_ppp_auth_server_start (DtPppAuthServer *self)
{
  guint8 id = 0;

  g_return_if_fail (DT_IS_PPP_AUTH_SERVER (self));
  g_return_if_fail (self->deadline_id == 0 && self->state == STATE_INITIAL);

  self->deadline_id = g_timeout_add (self->timeout_ms, on_deadline, self);
  g_source_set_name_by_id (self->deadline_id, "[dialtone] caller auth deadline");
  if (self->protocol == DT_PPP_AUTH_PAP)
    return;
  _dt_ppp_auth_random_bytes (&id, 1);
  if (!challenge (self, id))
    finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE, TRUE);
}

void
dt_ppp_auth_server_set_send_func (DtPppAuthServer   *self,
                                  DtPppAuthSendFunc  send,
                                  gpointer           data)
{
  g_return_if_fail (DT_IS_PPP_AUTH_SERVER (self));

  self->send = send;
  self->send_data = data;
}

void
dt_ppp_auth_server_set_limits (DtPppAuthServer *self,
                               guint            timeout_ms,
                               guint            max_attempts)
{
  g_return_if_fail (DT_IS_PPP_AUTH_SERVER (self));

  self->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
  self->max_attempts = max_attempts > 0 ? max_attempts : DEFAULT_ATTEMPTS;
}

guint16
dt_ppp_auth_server_get_ppp_protocol (DtPppAuthServer *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_SERVER (self), 0);
  return self->protocol == DT_PPP_AUTH_PAP ? DT_PPP_PROTOCOL_PAP : DT_PPP_PROTOCOL_CHAP;
}

DtPppAuthProtocol
dt_ppp_auth_server_get_protocol (DtPppAuthServer *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_SERVER (self), DT_PPP_AUTH_NONE);
  return self->protocol;
}

const char *
dt_ppp_auth_server_get_user (DtPppAuthServer *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_SERVER (self), NULL);
  return self->user[0] != '\0' ? self->user : NULL;
}

gboolean
dt_ppp_auth_server_get_authenticated (DtPppAuthServer *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_SERVER (self), FALSE);
  return self->authenticated;
}

static void
dt_ppp_auth_server_dispose (GObject *object)
{
  DtPppAuthServer *self = DT_PPP_AUTH_SERVER (object);

  stop_timers (self);
  self->state = STATE_DONE;
  wipe_attempt (self);

  G_OBJECT_CLASS (dt_ppp_auth_server_parent_class)->dispose (object);
}

static void
dt_ppp_auth_server_finalize (GObject *object)
{
  DtPppAuthServer *self = DT_PPP_AUTH_SERVER (object);

  g_free (self->name);

  G_OBJECT_CLASS (dt_ppp_auth_server_parent_class)->finalize (object);
}

static void
dt_ppp_auth_server_class_init (DtPppAuthServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_ppp_auth_server_dispose;
  object_class->finalize = dt_ppp_auth_server_finalize;

  signals[SIGNAL_LOOKUP] =
    g_signal_new ("lookup", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_BOOLEAN, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
dt_ppp_auth_server_init (DtPppAuthServer *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  self->max_attempts = DEFAULT_ATTEMPTS;
}

DtPppAuthServer *
dt_ppp_auth_server_new (DtPppAuthProtocol  proto,
                        const char        *name)
{
  DtPppAuthServer *self;

  g_return_val_if_fail (proto == DT_PPP_AUTH_PAP || proto == DT_PPP_AUTH_CHAP_MD5 ||
                        proto == DT_PPP_AUTH_MSCHAPV2, NULL);

  self = g_object_new (DT_TYPE_PPP_AUTH_SERVER, NULL);
  self->protocol = proto;
  self->name = g_strdup (name != NULL && name[0] != '\0' ? name : "dialtone");
  return self;
}
