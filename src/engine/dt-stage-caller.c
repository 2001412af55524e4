/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caller stage of an incoming call: one PPP session as the authenticator (DtPpp's server
 * role), from LCP to IPCP.  AuthenticatingCaller → Authenticated → Projected; or, when the
 * caller's account has a callback and the caller agreed on it in CBCP, the end of this session
 * and the call-back stage.
 *
 * The caller's name is looked up in the dial-in accounts (DtIncoming): an unknown name gets
 * 691, a disabled account 647, and an enabled one its password from the keyring, which the
 * authenticator checks and forgets.  A caller gets a bounded time from the answer to being
 * authenticated, whatever it sends meanwhile; then it is hung up (718).  An account whose
 * callback is preset is only ever called back: a caller that did not ask for a callback in LCP
 * is refused (649). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-dialin-secrets.h"
#include "dt-secrets.h"
#include "dt-stages.h"

struct _DtCallerStage
{
  DtStage parent_instance;

  DtIncoming *incoming;
  DtCallerPolicy policy;       /* strings owned */
  gboolean called_back;        /* the session after our call back: no callback again */
  DtPpp *ppp;
  guint deadline_id;
  GCancellable *lookup;
  DtDialinUser *user;          /* the account the caller named */
  char *callback_number;       /* agreed on in CBCP */
};

G_DEFINE_FINAL_TYPE (DtCallerStage, dt_caller_stage, DT_TYPE_STAGE)

static gboolean
on_deadline (gpointer user_data)
{
  DtCallerStage *self = user_data;

  self->deadline_id = 0;
  dt_stage_log (DT_STAGE (self), "the caller did not authenticate within %u s: hanging up",
                self->policy.auth_timeout_ms / 1000);
  dt_stage_fail (DT_STAGE (self), DT_RAS_ERROR_PPP_TIMEOUT,
                 _("The caller did not log in in time"));
  return G_SOURCE_REMOVE;
}

static void
on_authenticating (DtPpp         *ppp,
                   const char    *protocol,
                   DtCallerStage *self)
{
  dt_stage_learn_string (DT_STAGE (self), DT_CALL_FACT_AUTH_PROTOCOL, protocol);
  dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTHENTICATING_CALLER, protocol);
}

static void
on_password (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallerStage *self = DT_CALLER_STAGE (hold);
  g_autoptr (GError) error = NULL;
  char *password = dt_dialin_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      !dt_stage_is_running (DT_STAGE (self)))
    {
      dt_secrets_password_free (password);
      return;
    }
  if (error != NULL)
    dt_stage_log (DT_STAGE (self), "the keyring: %s", error->message);
  else if (password == NULL)
    dt_stage_log (DT_STAGE (self), "no password in the keyring for “%s”",
                  dt_dialin_user_get_name (self->user));
  dt_ppp_answer_caller (self->ppp, password, 0);
  dt_secrets_password_free (password);
}

static void
on_lookup_caller (DtPpp         *ppp,
                  const char    *name,
                  DtCallerStage *self)
{
  DtStage *stage = DT_STAGE (self);

  g_clear_object (&self->user);
  self->user = dt_incoming_find_user (self->incoming, name);
  dt_stage_learn_string (stage, DT_CALL_FACT_PEER_USER,
                         self->user != NULL ? dt_dialin_user_get_name (self->user) : name);
  if (self->user == NULL)
    {
      dt_stage_log (stage, "no account “%s” may dial in", name);
      dt_ppp_answer_caller (ppp, NULL, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
      return;
    }
  if (!dt_dialin_user_get_enabled (self->user))
    {
      dt_stage_log (stage, "the account “%s” is disabled", name);
      dt_ppp_answer_caller (ppp, NULL, DT_RAS_ERROR_ACCT_DISABLED);
      return;
    }
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  self->lookup = g_cancellable_new ();
  dt_dialin_secrets_lookup_async (dt_dialin_user_get_name (self->user), self->lookup,
                                  on_password, dt_stage_hold (stage));
}

/* What CBCP offers the caller, as its account says.  FALSE: the account must be called back
 * and the caller cannot be. */
static gboolean
offer_callback (DtCallerStage *self)
{
  DtDialinCallback mode = dt_dialin_user_get_callback (self->user);
  const char *number = dt_dialin_user_get_callback_number (self->user);

  if (self->called_back || !self->policy.callback_allowed || mode == DT_DIALIN_CALLBACK_NONE)
    return TRUE;
  if (mode == DT_DIALIN_CALLBACK_CALLER)
    {
      dt_ppp_offer_callback (self->ppp, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER) |
                                        DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE),
                             self->policy.callback_delay);
      return TRUE;
    }
  if (number == NULL || !dt_ppp_get_callback_negotiated (self->ppp))
    return FALSE;
  dt_ppp_offer_callback (self->ppp, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN),
                         self->policy.callback_delay);
  return TRUE;
}

static void
on_auth_result (DtPpp         *ppp,
                gboolean       success,
                guint          code,
                const char    *name,
                gboolean       retry,
                DtCallerStage *self)
{
  DtStage *stage = DT_STAGE (self);

  if (!success)
    {
      dt_stage_log (stage, "the caller “%s” was refused (%u)%s", name ? name : "", code,
                    retry ? "; it may try again" : "");
      /* Whatever ends the call next (the caller hanging up, say), it was a failed login. */
      dt_stage_learn_uint (stage, DT_CALL_FACT_LOGIN_REFUSED, code);
      return;
    }
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  if (!offer_callback (self))
    {
      dt_stage_fail (stage, DT_RAS_ERROR_NO_DIALIN_PERMISSION,
                     _("This account is only ever called back, and the caller did not ask "
                       "for a callback"));
      return;
    }
  dt_stage_publish (stage, DT_CONN_STATE_AUTHENTICATED, dt_dialin_user_get_name (self->user));
}

static void
on_callback_agreed (DtPpp         *ppp,
                    guint          type,
                    const char    *number,
                    guint          delay,
                    DtCallerStage *self)
{
  const char *target = type == DT_PPP_CALLBACK_ADMIN
                       ? dt_dialin_user_get_callback_number (self->user) : number;

  if (type == DT_PPP_CALLBACK_NONE || target == NULL)
    return;
  if (!dt_dialin_callback_number_is_valid (target))
    {
      dt_stage_log (DT_STAGE (self), "callback: “%s” is not a number to dial", target);
      return;
    }
  dt_stage_log (DT_STAGE (self), "callback: the caller will be called back at %s", target);
  g_free (self->callback_number);
  self->callback_number = g_strdup (target);
  dt_stage_learn_string (DT_STAGE (self), DT_CALL_FACT_CALLBACK_NUMBER, target);
}

static void
on_network_up (DtPpp         *ppp,
               const char    *local,
               const char    *remote,
               const char    *dns1,
               const char    *dns2,
               DtCallerStage *self)
{
  DtStage *stage = DT_STAGE (self);

  if (remote == NULL)
    {
      dt_stage_fail (stage, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                     _("The caller did not agree on an address"));
      return;
    }
  dt_stage_learn_string (stage, DT_CALL_FACT_LOCAL_ADDRESS, local);
  dt_stage_learn_string (stage, DT_CALL_FACT_REMOTE_ADDRESS, remote);
  if (dt_stage_publish (stage, DT_CONN_STATE_PROJECTED, remote))
    dt_stage_done (stage, DT_STAGE_RESULT_PROJECTED);
}

static DtPpp *
create_ppp (DtCallerStage *self)
{
  DtEntry *entry = dt_call_get_entry (dt_stage_get_call (DT_STAGE (self)));
  DtPppConfig config;

  dt_ppp_config_init (&config);
  config.serve_auth_methods = self->policy.auth_methods;
  config.static_address = self->policy.server_address;
  config.peer_address = self->policy.peer_address;
  config.accept_peer_address = self->policy.accept_peer_address;
  config.serve_dns1 = self->policy.dns1;
  config.serve_dns2 = self->policy.dns2;
  config.serve_callback = self->policy.callback_allowed && !self->called_back;
  config.echo_interval_ms = dt_entry_get_lcp_echo_interval (entry) * 1000;
  config.echo_failures = dt_entry_get_lcp_echo_failures (entry);
  return dt_ppp_new (&config);
}

static void
dt_caller_stage_start (DtStage *stage)
{
  DtCallerStage *self = DT_CALLER_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  DtPpp *ppp;

  dt_call_set_ppp (call, create_ppp (self));
  ppp = self->ppp = g_object_ref (dt_call_get_ppp (call));
  g_signal_connect_object (ppp, "authenticating", G_CALLBACK (on_authenticating), self, 0);
  g_signal_connect_object (ppp, "lookup-caller", G_CALLBACK (on_lookup_caller), self, 0);
  g_signal_connect_object (ppp, "auth-result", G_CALLBACK (on_auth_result), self, 0);
  g_signal_connect_object (ppp, "callback-agreed", G_CALLBACK (on_callback_agreed), self, 0);
  g_signal_connect_object (ppp, "network-up", G_CALLBACK (on_network_up), self, 0);
  self->deadline_id = g_timeout_add (self->policy.auth_timeout_ms, on_deadline, self);
  dt_call_set_line (call, DT_CALL_LINE_PPP);
  dt_call_start_line (call);
  dt_ppp_start (ppp);
  /* A direct cable's caller spoke first: its Configure-Request is answered now. */
  dt_call_replay_early_input (call);
}

/* The session closes itself once the call back is agreed on: then the call-back stage. */
static gboolean
dt_caller_stage_handle_event (DtStage     *stage,
                              DtCallEvent  event,
                              DtConnState  state,
                              guint        code,
                              const char  *message)
{
  DtCallerStage *self = DT_CALLER_STAGE (stage);

  if (self->callback_number == NULL || !dt_ppp_get_callback_agreed (self->ppp))
    return FALSE;
  if (event != DT_CALL_EVENT_PPP_FINISHED && event != DT_CALL_EVENT_CARRIER_LOST)
    return FALSE;
  dt_stage_done (stage, DT_STAGE_RESULT_CALL_BACK);
  return TRUE;
}

static void
dt_caller_stage_stop (DtStage *stage)
{
  DtCallerStage *self = DT_CALLER_STAGE (stage);

  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_cancellable_cancel (self->lookup);
  if (self->ppp != NULL)
    g_signal_handlers_disconnect_by_data (self->ppp, self);
  g_clear_object (&self->ppp);
}

static void
dt_caller_stage_finalize (GObject *object)
{
  DtCallerStage *self = DT_CALLER_STAGE (object);

  g_clear_object (&self->incoming);
  g_clear_object (&self->lookup);
  g_clear_object (&self->user);
  g_free (self->callback_number);
  g_free ((char *) self->policy.server_address);
  g_free ((char *) self->policy.peer_address);
  g_free ((char *) self->policy.dns1);
  g_free ((char *) self->policy.dns2);

  G_OBJECT_CLASS (dt_caller_stage_parent_class)->finalize (object);
}

static void
dt_caller_stage_class_init (DtCallerStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_caller_stage_finalize;
  stage_class->kind = DT_STAGE_CALLER;
  stage_class->start = dt_caller_stage_start;
  stage_class->handle_event = dt_caller_stage_handle_event;
  stage_class->stop = dt_caller_stage_stop;
}

static void
dt_caller_stage_init (DtCallerStage *self)
{
}

DtStage *
dt_caller_stage_new (DtStageHost          *host,
                     DtCall               *call,
                     DtIncoming           *incoming,
                     const DtCallerPolicy *policy,
                     gboolean              called_back)
{
  DtCallerStage *self = g_object_new (DT_TYPE_CALLER_STAGE, "host", host, "call", call, NULL);

  self->incoming = g_object_ref (incoming);
  self->policy = *policy;
  self->policy.server_address = g_strdup (policy->server_address);
  self->policy.peer_address = g_strdup (policy->peer_address);
  self->policy.dns1 = g_strdup (policy->dns1);
  self->policy.dns2 = g_strdup (policy->dns2);
  if (self->policy.auth_timeout_ms == 0)
    self->policy.auth_timeout_ms = 60000;
  self->called_back = called_back;
  return DT_STAGE (self);
}

const char *
dt_caller_stage_get_callback_number (DtCallerStage *self)
{
  g_return_val_if_fail (DT_IS_CALLER_STAGE (self), NULL);
  return self->callback_number;
}
