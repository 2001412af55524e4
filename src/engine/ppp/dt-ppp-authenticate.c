/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's authentication phase as the caller (RFC 1661 §3.5): the client (dt-ppp-auth.c) for
 * the protocol LCP agreed, its outcome, a re-authentication the server asks for while the
 * link runs, and the public calls that answer a failure or a question (a retry, a new
 * password, an EAP answer).  The answering side is dt-ppp-server.c's; the signals both
 * emit (authenticating, auth-result) are this file's. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"
#include "dt-ppp-private.h"

enum {
  AUTHENTICATING,
  AUTH_RESULT,
  REAUTHENTICATING,
  REAUTHENTICATED,
  EAP_PROMPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The session's credentials (copies) in place of the ones before, wiped; NULLs to free them. */
void
_dt_ppp_set_credentials (DtPpp      *self,
                         const char *user,
                         const char *password,
                         const char *domain)
{
  _dt_ppp_auth_secret_free ((char *) self->config.password);
  g_free ((char *) self->config.user);
  g_free ((char *) self->config.domain);
  self->config.user = g_strdup (user);
  self->config.password = g_strdup (password);
  self->config.domain = g_strdup (domain);
}

void
_dt_ppp_auth_send (guint16       protocol,
                   const guint8 *pkt,
                   gsize         len,
                   gpointer      user_data)
{
  _dt_ppp_send_frame (user_data, protocol, pkt, len);
}

void
_dt_ppp_emit_authenticating (DtPpp      *self,
                             const char *protocol)
{
  g_signal_emit (self, signals[AUTHENTICATING], 0, protocol);
}

void
_dt_ppp_emit_auth_result (DtPpp      *self,
                          gboolean    success,
                          guint       code,
                          const char *message,
                          gboolean    retry_allowed)
{
  g_signal_emit (self, signals[AUTH_RESULT], 0, success, code, message, retry_allowed);
}

/* The outcome of a re-authentication while the link runs: traffic never stopped for it, and a
 * failure ends the link, whatever the server says about retrying (pppd ends it too). */
static void
reauthenticated (DtPpp      *self,
                 gboolean    success,
                 guint       ras_code,
                 const char *message)
{
  if (!success)
    _dt_ppp_fail (self, ras_code != 0 ? ras_code : DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                  message, "Authentication failed");
  g_signal_emit (self, signals[REAUTHENTICATED], 0, success, ras_code, message);
}

static void
on_auth_reauthenticating (DtPppAuthClient *client,
                          gpointer         user_data)
{
  DtPpp *self = user_data;

  if (!self->over)
    g_signal_emit (self, signals[REAUTHENTICATING], 0,
                   dt_ppp_auth_protocol_get_name (self->auth_proto));
}

static void
on_auth_eap_prompt (DtPppAuthClient *client,
                    guint            prompt,
                    const char      *text,
                    gpointer         user_data)
{
  DtPpp *self = user_data;

  if (self->over)
    return;
  if (!self->auth_done)
    {
      g_signal_emit (self, signals[EAP_PROMPT], 0, prompt, text);
      return;
    }
  /* A running link does not stop for a question: the re-authentication fails. */
  reauthenticated (self, FALSE, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                   "The server asked again for an answer only you can give");
}

static void
on_auth_finished (DtPppAuthClient *client,
                  gboolean         success,
                  guint            ras_code,
                  const char      *message,
                  gboolean         retry_allowed,
                  gpointer         user_data)
{
  DtPpp *self = user_data;

  if (self->over)
    return;
  if (self->auth_done)
    {
      reauthenticated (self, success, ras_code, message);
      return;
    }
  g_signal_emit (self, signals[AUTH_RESULT], 0, success, ras_code, message, retry_allowed);
  if (success)
    {
      /* A successful retry takes back the failure it follows. */
      if (self->error_code == DT_RAS_ERROR_AUTHENTICATION_FAILURE)
        {
          self->error_code = 0;
          g_clear_pointer (&self->error_message, g_free);
        }
      self->auth_done = TRUE;
      self->authenticated_once = TRUE;
      if (self->phase == DT_PPP_PHASE_AUTHENTICATE)
        _dt_ppp_after_auth (self);
      return;
    }
  _dt_ppp_set_failure (self, ras_code != 0 ? ras_code : DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                       message);
  /* The caller may answer with dt_ppp_retry_auth(), or after an expired password (648) with
   * dt_ppp_change_password(); MS-CHAPv2 servers keep the link up for that. */
  if (retry_allowed || ras_code == DT_RAS_ERROR_PASSWD_EXPIRED)
    return;
  _dt_ppp_terminate (self, "Authentication failed");
}

void
_dt_ppp_start_authentication (DtPpp             *self,
                              DtPppAuthProtocol  proto)
{
  _dt_ppp_set_phase (self, DT_PPP_PHASE_AUTHENTICATE);
  g_clear_object (&self->auth);
  self->auth = dt_ppp_auth_client_new (proto, self->config.user, self->config.password,
                                       self->config.domain);
  dt_ppp_auth_client_set_send_func (self->auth, _dt_ppp_auth_send, self);
  dt_ppp_auth_client_set_require_encryption (self->auth, self->config.require_encryption);
  g_signal_connect_object (self->auth, "finished", G_CALLBACK (on_auth_finished), self, 0);
  g_signal_connect_object (self->auth, "reauthenticating",
                           G_CALLBACK (on_auth_reauthenticating), self, 0);
  g_signal_connect_object (self->auth, "eap-prompt", G_CALLBACK (on_auth_eap_prompt), self, 0);
  g_signal_emit (self, signals[AUTHENTICATING], 0, dt_ppp_auth_protocol_get_name (proto));
  /* A handler may have closed the session (a hang-up as the state changed). */
  if (self->phase == DT_PPP_PHASE_AUTHENTICATE && self->auth != NULL)
    dt_ppp_auth_client_start (self->auth);
}

void
_dt_ppp_authenticate_class_init (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  signals[AUTHENTICATING] =
    g_signal_new ("authenticating", type, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[AUTH_RESULT] =
    g_signal_new ("auth-result", type, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_BOOLEAN, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[REAUTHENTICATING] =
    g_signal_new ("reauthenticating", type, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REAUTHENTICATED] =
    g_signal_new ("reauthenticated", type, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_BOOLEAN, G_TYPE_UINT, G_TYPE_STRING);
  signals[EAP_PROMPT] =
    g_signal_new ("eap-prompt", type, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

/* Public */

/* The authentication client, referenced, and @hold on the session: our own handler may drop
 * either while the client runs. */
static DtPppAuthClient *
hold_auth_client (DtPpp   *self,
                  DtPpp  **hold,
                  GError **error)
{
  if (self->over || self->auth == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The session is not authenticating");
      return NULL;
    }
  *hold = g_object_ref (self);
  return g_object_ref (self->auth);
}

/* After an "auth-result" failure with retry_allowed: answers again with new credentials.
 * Fails with G_IO_ERROR_NOT_SUPPORTED when the server does not allow it any more. */
gboolean
dt_ppp_retry_auth (DtPpp       *self,
                   const char  *user,
                   const char  *password,
                   const char  *domain,
                   GError     **error)
{
  g_autoptr (DtPpp) hold = NULL;
  g_autoptr (DtPppAuthClient) client = NULL;

  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  client = hold_auth_client (self, &hold, error);
  if (client == NULL || !dt_ppp_auth_client_retry (client, user, password, domain, error))
    return FALSE;
  _dt_ppp_set_credentials (self, user, password, domain);
  return TRUE;
}

/* After "eap-prompt": the user's answer. */
gboolean
dt_ppp_eap_answer (DtPpp       *self,
                   const char  *text,
                   GError     **error)
{
  g_autoptr (DtPpp) hold = NULL;
  g_autoptr (DtPppAuthClient) client = NULL;

  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  client = hold_auth_client (self, &hold, error);
  return client != NULL && dt_ppp_auth_client_eap_answer (client, text, error);
}

/* After an "auth-result" failure with code 648 (MS-CHAPv2): the new password. */
gboolean
dt_ppp_change_password (DtPpp       *self,
                        const char  *old_password,
                        const char  *new_password,
                        GError     **error)
{
  g_autoptr (DtPpp) hold = NULL;
  g_autoptr (DtPppAuthClient) client = NULL;

  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  client = hold_auth_client (self, &hold, error);
  return client != NULL &&
         dt_ppp_auth_client_change_password (client, old_password, new_password, error);
}
