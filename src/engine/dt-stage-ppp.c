/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PPP stage: one PPP session over the line, from LCP to IPCP.  AllDevicesConnected →
 * Authenticate (ReAuthenticate after the server's call back) → AuthNotify → Authenticated →
 * Projected, with the two pauses of authentication:
 *
 *   RetryAuthentication (4097): the server refused the password.  The answer retries in the
 *     same session when the server allows it (MS-CHAPv2's R=1), otherwise the call is torn
 *     down and dialed again with the new credentials (AuthRetry → … → OpenPort).
 *   PasswordExpired (4099): MS-CHAPv2's Change-Password, in the same session
 *     (AuthChangePassword → AuthNotify → Authenticated).
 *   InvokeEapUI (4100): EAP needs the user: the identity (an entry without a user name), the
 *     password (none saved), or a token card's or one-time password's answer.  The detail
 *     says which ("identity", "password", "token"), the pause message is the server's words.
 *     The answer goes to the server in the same session (Authenticate again); an identity or
 *     a password answered is the dial's from then on, for a redial after AuthRetry.
 *
 * When the server agreed on a callback, the stage reports it after AuthNotify and the callback
 * stage takes the session's CBCP phase; the session goes on here afterwards (IPCP) when the
 * server calls no one back.  The session lasts until the teardown.
 *
 * On a multilink sub-entry's call the session is a member link (MRRU and the bundle's
 * Endpoint Discriminator in LCP, no callback): once authenticated, the stage reports it
 * (DT_STAGE_RESULT_LINKED) and the bundle stage takes the link's traffic. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-ppp-hdlc.h"
#include "dt-stages.h"

struct _DtPppStage
{
  DtStage parent_instance;

  gboolean reauthenticate;   /* the session after the server's call back */
  gboolean want_callback;    /* this session asks for a callback (LCP option 13) */
  gboolean retry_in_session; /* the server lets a refused password be retried as it is */
  DtPppEapPrompt eap_prompt; /* what InvokeEapUI asked */
  DtPpp *ppp;                /* the session this stage follows */
  gboolean projected;        /* IPCP came up once: its addresses */
  char *local;
  char *remote;
};

G_DEFINE_FINAL_TYPE (DtPppStage, dt_ppp_stage, DT_TYPE_STAGE)

static DtCall *
call_of (DtPppStage *self)
{
  return dt_stage_get_call (DT_STAGE (self));
}

static void
on_ppp_authenticating (DtPpp      *ppp,
                       const char *protocol,
                       DtPppStage *self)
{
  dt_stage_learn_string (DT_STAGE (self), DT_CALL_FACT_AUTH_PROTOCOL, protocol);
  dt_stage_publish (DT_STAGE (self), self->reauthenticate ? DT_CONN_STATE_RE_AUTHENTICATE
                                                          : DT_CONN_STATE_AUTHENTICATE,
                    protocol);
}

/* Authentication succeeded: TRUE when CBCP comes next (AuthCallback, not Authenticated). */
static gboolean
callback_pending (DtPppStage *self)
{
  if (!self->want_callback)
    return FALSE;
  if (dt_ppp_get_callback_negotiated (dt_call_get_ppp (call_of (self))))
    return TRUE;
  dt_stage_log (DT_STAGE (self), "callback: the server rejected LCP's Callback option; "
                                 "connecting without callback");
  return FALSE;
}

static void
on_ppp_auth_result (DtPpp      *ppp,
                    gboolean    success,
                    guint       code,
                    const char *message,
                    gboolean    retry_allowed,
                    DtPppStage *self)
{
  DtStage *stage = DT_STAGE (self);

  if (!dt_stage_publish (stage, DT_CONN_STATE_AUTH_NOTIFY, message))
    return;
  if (success)
    {
      if (callback_pending (self))
        dt_stage_done (stage, DT_STAGE_RESULT_CALLBACK);
      else
        dt_stage_publish (stage, DT_CONN_STATE_AUTHENTICATED, NULL);
      return;
    }

  self->retry_in_session = retry_allowed;
  switch (code)
    {
    case DT_RAS_ERROR_AUTHENTICATION_FAILURE:
      dt_stage_pause (stage, DT_CONN_STATE_RETRY_AUTHENTICATION, message, message);
      break;
    case DT_RAS_ERROR_PASSWD_EXPIRED:
      dt_stage_pause (stage, DT_CONN_STATE_PASSWORD_EXPIRED, message, message);
      break;
    default:
      dt_stage_fail (stage, code, message);
      break;
    }
}

static const char *
eap_prompt_nick (DtPppEapPrompt prompt)
{
  switch (prompt)
    {
    case DT_PPP_EAP_PROMPT_IDENTITY:
      return "identity";
    case DT_PPP_EAP_PROMPT_PASSWORD:
      return "password";
    case DT_PPP_EAP_PROMPT_TOKEN:
    case DT_PPP_EAP_PROMPT_NONE:
    default:
      return "token";
    }
}

static void
on_ppp_eap_prompt (DtPpp      *ppp,
                   guint       prompt,
                   const char *text,
                   DtPppStage *self)
{
  self->eap_prompt = prompt;
  dt_stage_log (DT_STAGE (self), "EAP: the server asks for the user's %s",
                eap_prompt_nick (prompt));
  dt_stage_pause (DT_STAGE (self), DT_CONN_STATE_INVOKE_EAP_UI, eap_prompt_nick (prompt), text);
}

void
dt_stage_learn_network (DtStage    *stage,
                        DtPpp      *ppp,
                        const char *dns1,
                        const char *dns2)
{
  DtEntry *entry = dt_call_get_entry (dt_stage_get_call (stage));
  const char *local = dt_ppp_get_local_address (ppp);
  const char *remote = dt_ppp_get_remote_address (ppp);
  g_auto (GValue) dns = G_VALUE_INIT;

  dt_stage_learn_string (stage, DT_CALL_FACT_LOCAL_ADDRESS, local);
  dt_stage_learn_string (stage, DT_CALL_FACT_REMOTE_ADDRESS, remote);
  dt_stage_learn_string (stage, DT_CALL_FACT_LOCAL_IPV6_ADDRESS, dt_ppp_get_local_ipv6 (ppp));
  dt_stage_learn_string (stage, DT_CALL_FACT_REMOTE_IPV6_ADDRESS, dt_ppp_get_remote_ipv6 (ppp));
  g_value_init (&dns, G_TYPE_STRV);
  if (dt_entry_get_dns_mode (entry) == DT_DNS_MODE_MANUAL)
    {
      g_value_set_boxed (&dns, dt_entry_get_dns_servers (entry));
    }
  else
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      if (dns1 != NULL)
        g_strv_builder_add (builder, dns1);
      if (dns2 != NULL)
        g_strv_builder_add (builder, dns2);
      g_value_take_boxed (&dns, g_strv_builder_end (builder));
    }
  dt_stage_learn (stage, DT_CALL_FACT_DNS_SERVERS, &dns);
}

static void
on_ppp_network_up (DtPpp      *ppp,
                   const char *local,
                   const char *remote,
                   const char *dns1,
                   const char *dns2,
                   DtPppStage *self)
{
  DtStage *stage = DT_STAGE (self);

  /* IPCP opened again (the server asked again, say because our Ack was lost on a noisy
   * line): the network device stays as it is when nothing changed.  A second device would
   * leave the first, with its routes, to nobody. */
  if (self->projected)
    {
      if (g_strcmp0 (local, self->local) == 0 && g_strcmp0 (remote, self->remote) == 0)
        dt_stage_log (stage, "IPCP renegotiated with the same addresses");
      else
        dt_stage_fail (stage, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                       _("The server changed the addresses of the connection"));
      return;
    }
  self->projected = TRUE;
  self->local = g_strdup (local);
  self->remote = g_strdup (remote);
  dt_stage_learn_network (stage, ppp, dns1, dns2);
  if (dt_stage_publish (stage, DT_CONN_STATE_PROJECTED, local))
    dt_stage_done (stage, DT_STAGE_RESULT_PROJECTED);
}

/* A multilink sub-entry's link authenticated: it joins the bundle. */
static void
on_ppp_link_up (DtPpp      *ppp,
                DtPppStage *self)
{
  dt_stage_done (DT_STAGE (self), DT_STAGE_RESULT_LINKED);
}

static gboolean
callback_wanted (DtEntry *entry)
{
  return dt_entry_get_callback_mode (entry) != DT_CALLBACK_NONE &&
         dt_entry_get_device_type (entry) == DT_DEVICE_TYPE_MODEM;
}

void
dt_stage_ppp_config (DtCall      *call,
                     DtPppConfig *config)
{
  DtEntry *e = dt_call_get_entry (call);
  DtCredentials *credentials = dt_call_get_credentials (call);

  dt_ppp_config_init (config);
  config->auth_methods = dt_entry_get_auth_methods (e);
  config->require_encryption = dt_entry_get_require_encryption (e);
  config->require_server_auth = dt_entry_get_require_server_auth (e);
  config->accept_pap_at_once = dt_call_get_pap_insisted (call);
  config->user = credentials->user;
  config->password = credentials->password;
  config->domain = credentials->domain;
  if (dt_entry_get_ip_mode (e) == DT_IP_MODE_STATIC)
    config->static_address = dt_entry_get_static_address (e);
  config->want_dns = dt_entry_get_dns_mode (e) == DT_DNS_MODE_SERVER;
  config->echo_interval_ms = dt_entry_get_lcp_echo_interval (e) * 1000;
  config->echo_failures = dt_entry_get_lcp_echo_failures (e);
  if (dt_entry_get_flow_control (e) == DT_FLOW_CONTROL_SOFTWARE)
    config->accm = 0x000a0000;   /* XON and XOFF must arrive escaped */
  config->want_ipv6 = dt_entry_get_ipv6 (e);
  config->compression = dt_entry_get_compression (e) ? DT_PPP_COMPRESSION_ALL : 0;
}

static DtPpp *
create_ppp (DtPppStage *self)
{
  DtCall *call = call_of (self);
  DtEntry *e = dt_call_get_entry (call);
  DtPppConfig config;

  dt_stage_ppp_config (call, &config);
  /* The session that follows the call back authenticates again and never asks for a callback
   * itself. */
  self->want_callback = !self->reauthenticate && callback_wanted (e) &&
                        dt_call_get_multilink (call) == NULL;
  config.want_callback = self->want_callback;
  /* A multilink sub-entry: LCP and authentication here; the bundle carries the rest. */
  if (dt_call_get_multilink (call) != NULL)
    {
      config.link_only = TRUE;
      config.mrru = DT_PPP_DEFAULT_MRU;
      config.endpoint = g_bytes_get_data (dt_call_get_multilink (call), &config.endpoint_len);
    }
  return dt_ppp_new (&config);
}

static void
dt_ppp_stage_start (DtStage *stage)
{
  DtPppStage *self = DT_PPP_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  DtPpp *ppp;

  /* A call back goes from CallbackComplete straight to ReAuthenticate. */
  if (!self->reauthenticate && !dt_stage_publish (stage, DT_CONN_STATE_ALL_DEVICES_CONNECTED,
                                                  NULL))
    return;
  dt_call_set_ppp (call, create_ppp (self));
  ppp = self->ppp = g_object_ref (dt_call_get_ppp (call));
  g_signal_connect_object (ppp, "authenticating", G_CALLBACK (on_ppp_authenticating), self, 0);
  g_signal_connect_object (ppp, "auth-result", G_CALLBACK (on_ppp_auth_result), self, 0);
  g_signal_connect_object (ppp, "network-up", G_CALLBACK (on_ppp_network_up), self, 0);
  g_signal_connect_object (ppp, "eap-prompt", G_CALLBACK (on_ppp_eap_prompt), self, 0);
  g_signal_connect_object (ppp, "link-up", G_CALLBACK (on_ppp_link_up), self, 0);
  dt_call_start_line (call);
  /* PPP's bytes come in frames that end with a flag: one wake-up a frame.  (A frame of our
   * MRU, 1500, is at most 3014 bytes on the line, every byte escaped: within the 4095 the
   * tty's line discipline holds.) */
  dt_modem_set_read_delimiter (dt_call_get_modem (call), DT_PPP_FLAG);
  dt_ppp_start (ppp);
}

/* RetryAuthentication: in the same session when the server allows it, otherwise by hanging up
 * and dialing again. */
static gboolean
retry_authentication (DtPppStage          *self,
                      const DtPauseAnswer *answer)
{
  DtCall *call = call_of (self);
  DtCredentials *old = dt_call_get_credentials (call);
  DtCredentials *c;
  DtPpp *ppp = dt_call_get_ppp (call);

  dt_call_set_credentials (call, dt_credentials_new (answer->user ? answer->user : old->user,
                                                     answer->password,
                                                     answer->domain ? answer->domain
                                                                    : old->domain));
  c = dt_call_get_credentials (call);

  /* A state-changed handler may have hung up already: that hang-up wins. */
  if (!dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTH_RETRY, NULL))
    return TRUE;
  if (ppp != NULL && !dt_call_get_ppp_finished (call) && self->retry_in_session &&
      dt_ppp_retry_auth (ppp, c->user, c->password, c->domain, NULL))
    return TRUE;

  dt_stage_fail_and_redial (DT_STAGE (self), DT_RAS_ERROR_AUTHENTICATION_FAILURE, NULL);
  return TRUE;
}

/* PasswordExpired: MS-CHAPv2's Change-Password in the same session. */
static gboolean
change_password (DtPppStage           *self,
                 const DtPauseAnswer  *answer,
                 GError              **error)
{
  DtCall *call = call_of (self);
  DtCredentials *credentials = dt_call_get_credentials (call);
  DtPpp *ppp = dt_call_get_ppp (call);

  if (ppp == NULL || dt_call_get_ppp_finished (call))
    {
      g_set_error_literal (error, DT_RAS_ERROR, DT_RAS_ERROR_CHANGING_PASSWORD,
                           _("The server ended the session before the password could be changed"));
      return FALSE;
    }
  if (!dt_ppp_change_password (ppp, answer->old_password, answer->new_password, error))
    return FALSE;
  /* The old password is wiped before it is freed, as dt_credentials_free() does. */
  if (credentials->password != NULL)
    explicit_bzero (credentials->password, strlen (credentials->password));
  g_free (credentials->password);
  credentials->password = g_strdup (answer->new_password);
  dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTH_CHANGE_PASSWORD, NULL);
  return TRUE;
}

/* InvokeEapUI: the answer goes to the server; an identity or a password is the dial's. */
static gboolean
answer_eap (DtPppStage           *self,
            const DtPauseAnswer  *answer,
            GError              **error)
{
  DtCall *call = call_of (self);
  DtCredentials *c = dt_call_get_credentials (call);
  DtPpp *ppp = dt_call_get_ppp (call);
  const char *text = answer->response != NULL ? answer->response : "";

  if (ppp == NULL || dt_call_get_ppp_finished (call))
    {
      g_set_error_literal (error, DT_RAS_ERROR, DT_RAS_ERROR_PPP_REMOTE_TERMINATED,
                           _("The server ended the session before the answer could be sent"));
      return FALSE;
    }
  if (!dt_ppp_eap_answer (ppp, text, error))
    return FALSE;
  if (self->eap_prompt == DT_PPP_EAP_PROMPT_IDENTITY)
    dt_call_set_credentials (call, dt_credentials_new (text, c->password, c->domain));
  else if (self->eap_prompt == DT_PPP_EAP_PROMPT_PASSWORD)
    dt_call_set_credentials (call, dt_credentials_new (c->user, text, c->domain));
  dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTHENTICATE,
                    dt_ppp_get_auth_protocol (ppp));
  return TRUE;
}

static gboolean
dt_ppp_stage_resume (DtStage              *stage,
                     const DtPauseAnswer  *answer,
                     GError              **error)
{
  DtPppStage *self = DT_PPP_STAGE (stage);

  switch ((guint) answer->pause)
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      return retry_authentication (self, answer);
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      return change_password (self, answer, error);
    case DT_CONN_STATE_INVOKE_EAP_UI:
      return answer_eap (self, answer, error);
    default:
      g_assert_not_reached ();
    }
}

/* Asked for better than PAP, the server dropped authentication and hung up (pppd does): it
 * insists on PAP, which the entry allows.  The next call of this dial takes PAP at once. */
static gboolean
pap_insisted (DtPppStage *self)
{
  DtCall *call = call_of (self);
  DtEntry *entry = dt_call_get_entry (call);

  return self->ppp != NULL && dt_ppp_get_pap_insisted (self->ppp) &&
         !dt_call_get_pap_insisted (call) && (dt_entry_get_auth_methods (entry) & DT_AUTH_PAP) &&
         !dt_entry_get_require_encryption (entry) && !dt_entry_get_require_server_auth (entry);
}

static gboolean
dt_ppp_stage_handle_event (DtStage     *stage,
                           DtCallEvent  event,
                           DtConnState  state,
                           guint        code,
                           const char  *message)
{
  /* A server may offer a retry (MS-CHAPv2's R=1, as pppd does) and then end the session all
   * the same: the retry goes on by dialing again with the new credentials. */
  if (event == DT_CALL_EVENT_PPP_FINISHED && state == DT_CONN_STATE_AUTH_RETRY)
    {
      dt_stage_fail_and_redial (stage, code, message);
      return TRUE;
    }
  if (event == DT_CALL_EVENT_PPP_FINISHED && pap_insisted (DT_PPP_STAGE (stage)))
    {
      dt_stage_log (stage, "the server insists on PAP: dialing again to allow it");
      dt_call_set_pap_insisted (dt_stage_get_call (stage));
      dt_stage_fail_and_redial (stage, code, message);
      return TRUE;
    }
  return FALSE;
}

static void
dt_ppp_stage_stop (DtStage *stage)
{
  DtPppStage *self = DT_PPP_STAGE (stage);

  /* The session itself stays, for the teardown's Terminate-Request. */
  if (self->ppp != NULL)
    g_signal_handlers_disconnect_by_data (self->ppp, self);
  g_clear_object (&self->ppp);
}

static void
dt_ppp_stage_finalize (GObject *object)
{
  DtPppStage *self = DT_PPP_STAGE (object);

  g_free (self->local);
  g_free (self->remote);

  G_OBJECT_CLASS (dt_ppp_stage_parent_class)->finalize (object);
}

static void
dt_ppp_stage_class_init (DtPppStageClass *klass)
{
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = dt_ppp_stage_finalize;
  stage_class->kind = DT_STAGE_PPP;
  stage_class->start = dt_ppp_stage_start;
  stage_class->resume = dt_ppp_stage_resume;
  stage_class->handle_event = dt_ppp_stage_handle_event;
  stage_class->stop = dt_ppp_stage_stop;
}

static void
dt_ppp_stage_init (DtPppStage *self)
{
}

DtStage *
dt_ppp_stage_new (DtStageHost *host,
                  DtCall      *call,
                  gboolean     reauthenticate)
{
  DtPppStage *self = g_object_new (DT_TYPE_PPP_STAGE, "host", host, "call", call, NULL);

  self->reauthenticate = reauthenticate;
  return DT_STAGE (self);
}
