/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPppAuthClient: the object DtPpp drives during the AUTHENTICATE phase.  This file holds
 * its lifecycle, timers and public entry points, and reads the PAP/CHAP header before it
 * hands a packet to dt-pap.c or dt-chap.c.  See dt-ppp-auth.h for the contract. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"

#define DEFAULT_TIMEOUT 30

enum {
  PROP_0,
  PROP_PROTOCOL,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  FINISHED,
  REAUTHENTICATING,
  EAP_PROMPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DtPppAuthClient, dt_ppp_auth_client, G_TYPE_OBJECT)

void
_dt_ppp_auth_secret_free_len (gpointer secret,
                              gsize    len)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, len);
  g_free (secret);
}

void
_dt_ppp_auth_secret_free (char *secret)
{
  if (secret != NULL)
    _dt_ppp_auth_secret_free_len (secret, strlen (secret));
}

/* From the kernel's CSPRNG.  getrandom() only waits before the pool is first seeded, early in
 * boot, never on a desktop that is dialing. */
gboolean
_dt_ppp_auth_random_bytes (guint8 *buf,
                           gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = getrandom (buf + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_warning ("getrandom: %s", g_strerror (errno));
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

static char *
wire_name (const char *user,
           const char *domain)
{
  if (domain == NULL || domain[0] == '\0')
    return g_strdup (user);
  return g_strconcat (domain, "\\", user, NULL);
}

void
_dt_ppp_auth_client_set_credentials (DtPppAuthClient *self,
                                     const char      *user,
                                     const char      *password,
                                     const char      *domain)
{
  /* copied before the old values go: the caller may pass our own strings back */
  char *new_user = g_strdup (user != NULL ? user : "");
  char *new_password = g_strdup (password != NULL ? password : "");
  char *new_domain = g_strdup (domain != NULL ? domain : "");

  g_free (self->user);
  g_free (self->domain);
  g_free (self->name);
  _dt_ppp_auth_secret_free (self->password);
  self->user = new_user;
  self->password = new_password;
  self->domain = new_domain;
  self->name = wire_name (self->user, self->domain);
}

/* Whether the protocol can carry these credentials at all; the server judges the rest. */
static gboolean
check_credentials (DtPppAuthProtocol   protocol,
                   const char         *user,
                   const char         *password,
                   const char         *domain,
                   GError            **error)
{
  g_autofree char *name = wire_name (user != NULL ? user : "", domain);

  if (strlen (name) > DT_PPP_AUTH_MAX_NAME)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The user name is longer than %d bytes."), DT_PPP_AUTH_MAX_NAME);
      return FALSE;
    }
  if (protocol == DT_PPP_AUTH_PAP && password != NULL &&
      strlen (password) > DT_PPP_AUTH_MAX_NAME)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The password is longer than %d bytes."), DT_PPP_AUTH_MAX_NAME);
      return FALSE;
    }
  if (protocol == DT_PPP_AUTH_MSCHAPV2)
    {
      glong len = dt_mschap_password_length (password != NULL ? password : "");

      if (len < 0 || len > DT_MSCHAP_MAX_PASSWORD)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("MS-CHAPv2 passwords are at most %d characters long."),
                       DT_MSCHAP_MAX_PASSWORD);
          return FALSE;
        }
    }
  return TRUE;
}

static void
clear_sources (DtPppAuthClient *self)
{
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_handle_id (&self->retransmit_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

/* Forgets the Response awaiting an answer: its packet holds an NT-Response or a hash. */
void
_dt_ppp_auth_client_clear_response (DtPppAuthClient *self)
{
  _dt_ppp_auth_secret_free_len (g_steal_pointer (&self->response), self->response_len);
  self->response_len = 0;
  self->response_outstanding = FALSE;
}

void
_dt_ppp_auth_client_finish (DtPppAuthClient *self,
                            gboolean         success,
                            guint            ras_code,
                            const char      *message,
                            gboolean         retry_allowed)
{
  clear_sources (self);
  _dt_ppp_auth_client_clear_response (self);
  self->changing_password = FALSE;
  _dt_ppp_auth_secret_free (g_steal_pointer (&self->new_password));
  self->state = success ? DT_PPP_AUTH_STATE_AUTHENTICATED : DT_PPP_AUTH_STATE_FAILED;

  /* a handler may drop the last reference but its own */
  g_object_ref (self);
  g_signal_emit (self, signals[FINISHED], 0, success, success ? 0 : ras_code,
                 message, retry_allowed);
  g_object_unref (self);
}

void
_dt_ppp_auth_client_send_packet (DtPppAuthClient *self,
                                 guint8           code,
                                 guint8           id,
                                 const guint8    *data,
                                 gsize            len)
{
  guint8 *pkt;
  gsize pkt_len = 4 + len;

  g_assert (pkt_len <= G_MAXUINT16);

  pkt = g_malloc (pkt_len);
  pkt[0] = code;
  pkt[1] = id;
  pkt[2] = pkt_len >> 8;
  pkt[3] = pkt_len & 0xff;
  if (len > 0)
    memcpy (pkt + 4, data, len);

  self->send (dt_ppp_auth_client_get_ppp_protocol (self), pkt, pkt_len, self->send_data);
  _dt_ppp_auth_secret_free_len (pkt, pkt_len);
}

static void
time_out (DtPppAuthClient *self)
{
  _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_PPP_TIMEOUT,
                              _("The server did not answer the authentication request in time."),
                              FALSE);
}

static gboolean
on_deadline (gpointer user_data)
{
  DtPppAuthClient *self = user_data;

  self->deadline_id = 0;
  time_out (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retransmit (gpointer user_data)
{
  DtPppAuthClient *self = user_data;

  if (self->n_transmissions >= self->pap_max_transmissions)
    {
      self->retransmit_id = 0;
      time_out (self);
      return G_SOURCE_REMOVE;
    }
  _dt_pap_send_request (self);
  return G_SOURCE_CONTINUE;
}

/* An attempt begins: start(), retry(), change_password() or a Challenge after a success. */
static void
begin_attempt (DtPppAuthClient *self)
{
  clear_sources (self);
  self->state = DT_PPP_AUTH_STATE_WAITING;
  self->can_retry = FALSE;
  self->password_expired = FALSE;
  /* not g_timeout_add_seconds(), whose first tick may come up to a second early */
  self->deadline_id = g_timeout_add (self->timeout * 1000, on_deadline, self);
  g_source_set_name_by_id (self->deadline_id, "[dialtone] auth deadline");
}

void
_dt_ppp_auth_client_rearm_deadline (DtPppAuthClient *self)
{
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  self->deadline_id = g_timeout_add (self->timeout * 1000, on_deadline, self);
  g_source_set_name_by_id (self->deadline_id, "[dialtone] auth deadline");
}

void
_dt_ppp_auth_client_emit_eap_prompt (DtPppAuthClient *self,
                                    DtPppEapPrompt   prompt,
                                    const char      *text)
{
  /* The callers (input(), eap_answer()) hold a reference across the emission. */
  g_signal_emit (self, signals[EAP_PROMPT], 0, (guint) prompt, text);
}

gboolean
_dt_ppp_auth_client_begin_reauthentication (DtPppAuthClient *self)
{
  /* From input(), which holds a reference across the emission. */
  begin_attempt (self);
  g_signal_emit (self, signals[REAUTHENTICATING], 0);
  return self->state == DT_PPP_AUTH_STATE_WAITING && self->send != NULL;
}

static gboolean
on_idle_failure (gpointer user_data)
{
  DtPppAuthClient *self = user_data;
  g_autofree char *message = g_steal_pointer (&self->idle_message);

  self->idle_id = 0;
  _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE, message, FALSE);
  return G_SOURCE_REMOVE;
}

static void
dt_ppp_auth_client_dispose (GObject *object)
{
  DtPppAuthClient *self = DT_PPP_AUTH_CLIENT (object);

  clear_sources (self);
  self->send = NULL;
  self->send_data = NULL;

  G_OBJECT_CLASS (dt_ppp_auth_client_parent_class)->dispose (object);
}

static void
dt_ppp_auth_client_finalize (GObject *object)
{
  DtPppAuthClient *self = DT_PPP_AUTH_CLIENT (object);

  _dt_ppp_auth_client_clear_response (self);
  g_free (self->user);
  g_free (self->domain);
  g_free (self->name);
  g_free (self->idle_message);
  _dt_eap_clear (self);
  _dt_ppp_auth_secret_free (self->password);
  _dt_ppp_auth_secret_free (self->new_password);
  explicit_bzero (self->nt_response, sizeof self->nt_response);

  G_OBJECT_CLASS (dt_ppp_auth_client_parent_class)->finalize (object);
}

static void
dt_ppp_auth_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DtPppAuthClient *self = DT_PPP_AUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_ppp_auth_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtPppAuthClient *self = DT_PPP_AUTH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      self->protocol = g_value_get_enum (value);
      break;
    case PROP_TIMEOUT:
      dt_ppp_auth_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_ppp_auth_client_class_init (DtPppAuthClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_ppp_auth_client_dispose;
  object_class->finalize = dt_ppp_auth_client_finalize;
  object_class->get_property = dt_ppp_auth_client_get_property;
  object_class->set_property = dt_ppp_auth_client_set_property;

  properties[PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL,
                       DT_TYPE_PPP_AUTH_PROTOCOL, DT_PPP_AUTH_PAP,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtPppAuthClient::finished:
   * @success: whether the server accepted us (and, for MS-CHAPv2, proved itself)
   * @ras_code: 0 on success, otherwise the RAS error code
   * @message: text for the user, never NULL, never a secret
   * @retry_allowed: whether dt_ppp_auth_client_retry() can answer in this session
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_BOOLEAN, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * DtPppAuthClient::reauthenticating:
   *
   * The server challenges again after a success (RFC 1994 section 4); "finished" follows.
   */
  signals[REAUTHENTICATING] =
    g_signal_new ("reauthenticating", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * DtPppAuthClient::eap-prompt:
   * @prompt: a DtPppEapPrompt
   * @text: (nullable): the server's words with the question, sanitized
   *
   * EAP needs the user: answer with dt_ppp_auth_client_eap_answer().
   */
  signals[EAP_PROMPT] =
    g_signal_new ("eap-prompt", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
dt_ppp_auth_client_init (DtPppAuthClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->pap_interval_ms = DT_PAP_RETRANSMIT_MS;
  self->pap_max_transmissions = DT_PAP_MAX_TRANSMISSIONS;
}

void
_dt_ppp_auth_client_set_pap_timing (DtPppAuthClient *self,
                                    guint            interval_ms,
                                    guint            max_transmissions)
{
  g_return_if_fail (interval_ms > 0 && max_transmissions > 0);

  self->pap_interval_ms = interval_ms;
  self->pap_max_transmissions = max_transmissions;
}

DtPppAuthClient *
dt_ppp_auth_client_new (DtPppAuthProtocol  proto,
                        const char        *user,
                        const char        *password,
                        const char        *domain)
{
  DtPppAuthClient *self;

  g_return_val_if_fail (proto == DT_PPP_AUTH_PAP || proto == DT_PPP_AUTH_CHAP_MD5 ||
                        proto == DT_PPP_AUTH_MSCHAPV2 || proto == DT_PPP_AUTH_EAP, NULL);

  self = g_object_new (DT_TYPE_PPP_AUTH_CLIENT, "protocol", proto, NULL);
  _dt_ppp_auth_client_set_credentials (self, user, password, domain);
  return self;
}

void
dt_ppp_auth_client_set_send_func (DtPppAuthClient   *self,
                                  DtPppAuthSendFunc  send,
                                  gpointer           data)
{
  g_return_if_fail (DT_IS_PPP_AUTH_CLIENT (self));

  self->send = send;
  self->send_data = data;
}

void
dt_ppp_auth_client_set_timeout (DtPppAuthClient *self,
                                guint            seconds)
{
  g_return_if_fail (DT_IS_PPP_AUTH_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
dt_ppp_auth_client_get_timeout (DtPppAuthClient *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), 0);

  return self->timeout;
}

void
dt_ppp_auth_client_start (DtPppAuthClient *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DT_IS_PPP_AUTH_CLIENT (self));
  g_return_if_fail (self->send != NULL);
  g_return_if_fail (self->state == DT_PPP_AUTH_STATE_INITIAL);

  begin_attempt (self);

  if (!check_credentials (self->protocol, self->user, self->password, self->domain, &error))
    {
      /* Reported from an idle, so that the caller is not re-entered from start(). */
      clear_sources (self);
      self->idle_message = g_strdup (error->message);
      self->idle_id = g_idle_add (on_idle_failure, self);
      g_source_set_name_by_id (self->idle_id, "[dialtone] auth failure");
      return;
    }

  if (self->protocol == DT_PPP_AUTH_PAP)
    {
      self->n_transmissions = 0;
      _dt_pap_send_request (self);
      self->retransmit_id = g_timeout_add (self->pap_interval_ms, on_retransmit, self);
      g_source_set_name_by_id (self->retransmit_id, "[dialtone] PAP retransmit");
    }
}

void
dt_ppp_auth_client_input (DtPppAuthClient *self,
                          const guint8    *pkt,
                          gsize            len)
{
  g_autoptr (DtPppAuthClient) hold = NULL;
  gsize pkt_len;

  g_return_if_fail (DT_IS_PPP_AUTH_CLIENT (self));
  g_return_if_fail (pkt != NULL || len == 0);

  if (len < 4)
    {
      g_debug ("%s: dropping a packet of %" G_GSIZE_FORMAT " bytes",
               dt_ppp_auth_client_get_protocol_name (self), len);
      return;
    }
  /* Octets past Length are padding (RFC 1661 section 5). */
  pkt_len = (pkt[2] << 8) | pkt[3];
  if (pkt_len < 4 || pkt_len > len)
    {
      g_debug ("%s: dropping a packet whose length field says %" G_GSIZE_FORMAT
               " in %" G_GSIZE_FORMAT " bytes",
               dt_ppp_auth_client_get_protocol_name (self), pkt_len, len);
      return;
    }
  if (self->state == DT_PPP_AUTH_STATE_INITIAL)
    {
      g_debug ("%s: dropping a packet that came before start()",
               dt_ppp_auth_client_get_protocol_name (self));
      return;
    }

  hold = g_object_ref (self);
  if (self->protocol == DT_PPP_AUTH_PAP)
    _dt_pap_input (self, pkt[0], pkt[1], pkt + 4, pkt_len - 4);
  else if (self->protocol == DT_PPP_AUTH_EAP)
    _dt_eap_input (self, pkt[0], pkt[1], pkt + 4, pkt_len - 4);
  else
    _dt_chap_input (self, pkt[0], pkt[1], pkt + 4, pkt_len - 4);
}

gboolean
dt_ppp_auth_client_retry (DtPppAuthClient  *self,
                          const char       *user,
                          const char       *password,
                          const char       *domain,
                          GError          **error)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != DT_PPP_AUTH_STATE_FAILED || !self->can_retry)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The server does not allow another try on this connection."));
      return FALSE;
    }
  if (!check_credentials (self->protocol, user, password, domain, error))
    return FALSE;

  _dt_ppp_auth_client_set_credentials (self, user, password, domain);
  begin_attempt (self);
  if (!_dt_chap_send_response (self, self->retry_id, self->retry_challenge,
                               self->retry_challenge_len))
    {
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                  _("The authentication response could not be computed."),
                                  FALSE);
    }
  return TRUE;
}

gboolean
dt_ppp_auth_client_eap_answer (DtPppAuthClient  *self,
                               const char       *text,
                               GError          **error)
{
  g_autoptr (DtPppAuthClient) hold = NULL;

  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->protocol != DT_PPP_AUTH_EAP)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The server is not waiting for an answer."));
      return FALSE;
    }
  hold = g_object_ref (self);
  return _dt_eap_answer (self, text, error);
}

void
dt_ppp_auth_client_set_require_encryption (DtPppAuthClient *self,
                                           gboolean         require)
{
  g_return_if_fail (DT_IS_PPP_AUTH_CLIENT (self));

  self->require_encryption = !!require;
}

gboolean
dt_ppp_auth_client_change_password (DtPppAuthClient  *self,
                                    const char       *old_password,
                                    const char       *new_password,
                                    GError          **error)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);
  g_return_val_if_fail (new_password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->protocol != DT_PPP_AUTH_MSCHAPV2 || self->state != DT_PPP_AUTH_STATE_FAILED ||
      !self->password_expired)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The server did not ask for a new password."));
      return FALSE;
    }
  if (!check_credentials (self->protocol, self->user, old_password, self->domain, error) ||
      !check_credentials (self->protocol, self->user, new_password, self->domain, error))
    return FALSE;

  begin_attempt (self);
  if (!_dt_chap_send_change_password (self, old_password, new_password))
    {
      _dt_ppp_auth_client_finish (self, FALSE, DT_RAS_ERROR_CHANGING_PASSWORD,
                                  _("The password change could not be computed."), FALSE);
    }
  return TRUE;
}

DtPppAuthProtocol
dt_ppp_auth_client_get_protocol (DtPppAuthClient *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), DT_PPP_AUTH_NONE);

  return self->protocol;
}

const char *
dt_ppp_auth_client_get_protocol_name (DtPppAuthClient *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), NULL);

  return dt_ppp_auth_protocol_get_name (self->protocol);
}

const char *
dt_ppp_auth_protocol_get_name (DtPppAuthProtocol proto)
{
  switch (proto)
    {
    case DT_PPP_AUTH_PAP:
      return "PAP";
    case DT_PPP_AUTH_CHAP_MD5:
      return "CHAP-MD5";
    case DT_PPP_AUTH_MSCHAPV2:
      return "MS-CHAPv2";
    case DT_PPP_AUTH_EAP:
      return "EAP";
    case DT_PPP_AUTH_NONE:
    default:
      return NULL;
    }
}

guint16
dt_ppp_auth_client_get_ppp_protocol (DtPppAuthClient *self)
{
  g_return_val_if_fail (DT_IS_PPP_AUTH_CLIENT (self), 0);

  switch (self->protocol)
    {
    case DT_PPP_AUTH_PAP:
      return DT_PPP_PROTOCOL_PAP;
    case DT_PPP_AUTH_EAP:
      return DT_PPP_PROTOCOL_EAP;
    default:
      return DT_PPP_PROTOCOL_CHAP;
    }
}
