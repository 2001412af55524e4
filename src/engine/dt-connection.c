/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnection: the sequence of a call's stages and the one path out of a pause.  The stages
 * (dt-stages.h) do the work and report back through DtStageHost, which this file implements:
 * the connection publishes the states and facts they report, picks the stage that follows
 * each result, and tears the call down on an error.  What the connection publishes (its
 * properties, signals and log) is in dt-connection-status.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-connection-private.h"
#include "dt-stages.h"

/* The stage table of a dial: which stage publishes each RASCONNSTATE.  A state that no stage
 * enters is only named, so that the numbers stay those of RASCONNSTATE (DESIGN.md); the
 * answering side has its own table (dt-answer.c).  Authenticated has two: the PPP stage once
 * the server accepts, or the callback stage when the server then agrees on no callback.
 * ReAuthenticate has two: the PPP stage after the server's call back, and the established
 * stage when the server challenges again while connected (Connected follows again).
 * A multilink entry's sub-entries run the port, login and PPP stages on calls of their own
 * (dt-connection-multilink.c); their states carry their index.  Projected then comes from
 * the bundle stage, as do SubEntryConnected and SubEntryDisconnected (Connected follows them
 * again once connected).
 * The paused states are resumed by their stage, through resume() below. */
static const DtStageTableRow stage_table[] = {
  { DT_CONN_STATE_OPEN_PORT,              DT_STAGE_PORT },
  { DT_CONN_STATE_PORT_OPENED,            DT_STAGE_PORT },
  { DT_CONN_STATE_CONNECT_DEVICE,         DT_STAGE_PORT },
  { DT_CONN_STATE_DEVICE_CONNECTED,       DT_STAGE_PORT },
  { DT_CONN_STATE_ALL_DEVICES_CONNECTED,  DT_STAGE_PPP },
  { DT_CONN_STATE_AUTHENTICATE,           DT_STAGE_PPP },
  { DT_CONN_STATE_AUTH_NOTIFY,            DT_STAGE_PPP },
  { DT_CONN_STATE_AUTH_RETRY,             DT_STAGE_PPP },
  { DT_CONN_STATE_AUTH_CALLBACK,          DT_STAGE_CALLBACK },
  { DT_CONN_STATE_AUTH_CHANGE_PASSWORD,   DT_STAGE_PPP },
  { DT_CONN_STATE_AUTH_PROJECT,           DT_STAGE_NONE },
  { DT_CONN_STATE_AUTH_LINK_SPEED,        DT_STAGE_NONE },
  { DT_CONN_STATE_AUTH_ACK,               DT_STAGE_NONE },
  { DT_CONN_STATE_RE_AUTHENTICATE,        DT_STAGE_PPP },          /* after a call back */
  { DT_CONN_STATE_RE_AUTHENTICATE,        DT_STAGE_ESTABLISHED },  /* while connected */
  { DT_CONN_STATE_AUTHENTICATED,          DT_STAGE_PPP },
  { DT_CONN_STATE_AUTHENTICATED,          DT_STAGE_CALLBACK },
  { DT_CONN_STATE_PREPARE_FOR_CALLBACK,   DT_STAGE_CALLBACK },
  { DT_CONN_STATE_WAIT_FOR_MODEM_RESET,   DT_STAGE_CALLBACK },
  { DT_CONN_STATE_WAIT_FOR_CALLBACK,      DT_STAGE_CALLBACK },
  { DT_CONN_STATE_PROJECTED,              DT_STAGE_PPP },
  { DT_CONN_STATE_PROJECTED,              DT_STAGE_BUNDLE },
  { DT_CONN_STATE_START_AUTHENTICATION,   DT_STAGE_NONE },
  { DT_CONN_STATE_CALLBACK_COMPLETE,      DT_STAGE_CALLBACK },
  { DT_CONN_STATE_LOGON_NETWORK,          DT_STAGE_LOGIN },
  { DT_CONN_STATE_SUB_ENTRY_CONNECTED,    DT_STAGE_BUNDLE },
  { DT_CONN_STATE_SUB_ENTRY_DISCONNECTED, DT_STAGE_BUNDLE },
  { DT_CONN_STATE_APPLY_SETTINGS,         DT_STAGE_NETWORK },
  { DT_CONN_STATE_INTERACTIVE,            DT_STAGE_LOGIN },
  { DT_CONN_STATE_RETRY_AUTHENTICATION,   DT_STAGE_PPP },
  { DT_CONN_STATE_CALLBACK_SET_BY_CALLER, DT_STAGE_CALLBACK },
  { DT_CONN_STATE_PASSWORD_EXPIRED,       DT_STAGE_PPP },
  { DT_CONN_STATE_INVOKE_EAP_UI,          DT_STAGE_PPP },
  { DT_CONN_STATE_CONNECTED,              DT_STAGE_ESTABLISHED },
  { DT_CONN_STATE_DISCONNECTED,           DT_STAGE_TEARDOWN },  /* once it is done */
};

/* The stage that paused in @state. */
static DtStageKind
stage_of_pause (DtConnState state)
{
  g_assert (dt_conn_state_is_paused (state));
  return dt_stage_table_first (stage_table, G_N_ELEMENTS (stage_table), state);
}

DT_DEFINE_STAGE_HOST (DtConnection, dt_connection)

G_DEFINE_FINAL_TYPE_WITH_CODE (DtConnection, dt_connection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DT_TYPE_STAGE_HOST,
                                                      dt_connection_stage_host_init))

/* The sequence --------------------------------------------------------------------------- */

static void
on_caller_cancelled_idle_done (gpointer data)
{
  g_object_unref (data);
}

static gboolean
on_caller_cancelled_idle (gpointer data)
{
  dt_connection_hang_up (DT_CONNECTION (data));
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     DtConnection *self)
{
  /* Not from inside g_cancellable_cancel(): the hang-up touches the modem and PPP. */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_caller_cancelled_idle, g_object_ref (self),
                   on_caller_cancelled_idle_done);
}

static void
start_dial (DtConnection *self)
{
  GCancellable *caller = g_task_get_cancellable (self->dial_task);
  DtEntry *entry = dt_call_get_entry (self->host.call);

  _dt_connection_begin_status (self);
  _dt_call_host_reset (&self->host);
  self->user_hung_up = FALSE;

  if (caller != NULL)
    {
      self->caller_cancellable = g_object_ref (caller);
      self->caller_cancel_id = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled),
                                                      self, NULL);
    }

  _dt_connection_log (self, "dialing entry “%s” on %s", dt_entry_get_name (entry),
                      dt_entry_get_device (entry));
  if (dt_entry_get_n_sub_entries (entry) > 1)
    {
      _dt_connection_log (self, "multilink: %u sub-entries, dialed %s",
                          dt_entry_get_n_sub_entries (entry),
                          dt_entry_get_multilink_dial (entry) == DT_MULTILINK_DIAL_ALL
                          ? "together" : "as the load needs them");
      _dt_connection_multilink_start (self);
      return;
    }
  dt_stages_start (self->host.stages, dt_port_stage_new (DT_STAGE_HOST (self), self->host.call));
}

/* Ends the dial or the connection with @code: every stage still on its way stops, and the
 * teardown stage takes the layers down.  The first reason stands; a user's hang-up during
 * the teardown is dt_connection_hang_up's to handle. */
static void
teardown (DtConnection *self,
          guint         code,
          const char   *message)
{
  _dt_call_host_teardown (&self->host, code, message);
}

static void
dt_connection_host_hanging_up (gpointer owner)
{
  DtConnection *self = owner;

  _dt_connection_log (self, "hanging up: %u %s", self->host.code,
                      self->host.message ? self->host.message : "");
}

/* A multilink entry's lines go down beside the bundle's device and session. */
static void
dt_connection_host_stopped (gpointer owner)
{
  DtConnection *self = owner;

  self->teardown_stage_done = FALSE;
  if (_dt_connection_is_multilink (self))
    _dt_connection_multilink_hang_up (self, self->host.message);
}

static void
finish_teardown (DtConnection *self)
{
  guint code = self->host.code;
  const char *text = dt_ras_error_get_message (code);
  g_autofree char *message = NULL;
  g_autoptr (GTask) task = NULL;
  gboolean redial;

  if (self->host.message != NULL && text != NULL)
    message = g_strdup_printf ("%s (%s)", text, self->host.message);
  else
    message = g_strdup (self->host.message ? self->host.message : text);

  redial = _dt_call_host_finish_teardown (&self->host);
  _dt_connection_multilink_clear (self);

  /* A dial again (after AuthRetry) only when the user has not hung up meanwhile, with the
   * same entry and the credentials now held. */
  if (redial && !self->user_hung_up)
    {
      _dt_connection_log (self, "dialing again with the new credentials");
      _dt_call_host_redial (&self->host);
      return;
    }

  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
      self->caller_cancel_id = 0;
      g_clear_object (&self->caller_cancellable);
    }

  /* The task is taken first, so that a Disconnected handler may dial again at once. */
  task = g_steal_pointer (&self->dial_task);
  _dt_connection_set_error (self, code, message);
  _dt_connection_set_state (self, DT_CONN_STATE_DISCONNECTED, message);
  if (task != NULL)
    g_task_return_new_error (task, DT_RAS_ERROR, code, "%s", message);
}

/* Disconnected comes from the main loop once the layers are down, after whatever the stopped
 * stages still had coming: a cancelled GTask (an interrupted dial, say) completes from an idle
 * of its own, which runs first.  Nothing of the dial is pending at Disconnected. */
static gboolean
on_teardown_done (gpointer user_data)
{
  DtConnection *self = user_data;

  self->teardown_done_id = 0;
  finish_teardown (self);
  return G_SOURCE_REMOVE;
}

static void
teardown_done (DtConnection *self)
{
  if (self->teardown_done_id == 0)
    self->teardown_done_id = g_idle_add (on_teardown_done, self);
}

/* A multilink call is down once its own teardown stage and every sub-entry's are. */
void
_dt_connection_multilink_teardown_step (DtConnection *self)
{
  if (self->host.hanging_up && self->teardown_stage_done &&
      _dt_connection_multilink_all_down (self))
    teardown_done (self);
}

static void
connected (DtConnection *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->dial_task);

  dt_stages_start (self->host.stages,
                   dt_established_stage_new (DT_STAGE_HOST (self), self->host.call));
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

/* What follows each result.  Every result ends its stage but the PPP and bundle stages':
 * their sessions go on under what comes next. */
static void
dt_connection_host_done (gpointer       owner,
                         DtStage       *stage,
                         DtStageResult  result)
{
  DtConnection *self = owner;
  DtStageHost *host = DT_STAGE_HOST (self);
  DtCall *call = self->host.call;
  DtStageKind kind = dt_stage_get_kind (stage);

  if (kind != DT_STAGE_PPP && kind != DT_STAGE_BUNDLE)
    dt_stages_stop (self->host.stages, kind);

  switch (result)
    {
    case DT_STAGE_RESULT_ONLINE:
      dt_stages_start (self->host.stages, dt_login_stage_new (host, call));
      break;
    case DT_STAGE_RESULT_LOGGED_IN:
      dt_stages_start (self->host.stages, dt_ppp_stage_new (host, call, FALSE));
      break;
    case DT_STAGE_RESULT_CALLBACK:
      dt_stages_start (self->host.stages,
                       dt_callback_stage_new (host, call, self->callback_timeout));
      break;
    case DT_STAGE_RESULT_NO_CALLBACK:
      break;
    case DT_STAGE_RESULT_CALLED_BACK:
      dt_stages_start (self->host.stages, dt_ppp_stage_new (host, call, TRUE));
      break;
    case DT_STAGE_RESULT_PROJECTED:
      dt_stages_start (self->host.stages,
                       dt_network_stage_new (host, call, self->network_mode,
                                             (const char * const *) self->status.dns_servers,
                                             self->apply_settings_timeout));
      break;
    case DT_STAGE_RESULT_NETWORK_UP:
      connected (self);
      break;
    case DT_STAGE_RESULT_HUNG_UP:
      self->teardown_stage_done = TRUE;
      if (_dt_connection_is_multilink (self))
        _dt_connection_multilink_teardown_step (self);
      else
        teardown_done (self);
      break;
    case DT_STAGE_RESULT_MORE_LINKS:
      _dt_connection_multilink_more (self);
      break;
    case DT_STAGE_RESULT_FEWER_LINKS:
      _dt_connection_multilink_fewer (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* A state of the connection, or of a multilink sub-entry from the bundle stage: it joined or
 * left. */
static gboolean
dt_connection_host_publish (gpointer     owner,
                            DtConnState  state,
                            const char  *detail,
                            guint        sub_entry)
{
  _dt_connection_publish (owner, state, detail, sub_entry);
  return TRUE;
}

/* The counters of a multilink call's lines are its sub-entries'. */
static void
dt_connection_host_learn (gpointer      owner,
                          DtCallFact    fact,
                          const GValue *value)
{
  DtConnection *self = owner;
  g_auto (GValue) sum = G_VALUE_INIT;
  DtCallCounters counters;

  if (fact != DT_CALL_FACT_COUNTERS || !_dt_connection_is_multilink (self))
    {
      _dt_connection_learn (self, fact, value);
      return;
    }
  counters = *(DtCallCounters *) g_value_get_pointer (value);
  _dt_connection_multilink_counters (self, &counters);
  g_value_init (&sum, G_TYPE_POINTER);
  g_value_set_pointer (&sum, &counters);
  _dt_connection_learn (self, fact, &sum);
}

static void
dt_connection_host_log (gpointer    owner,
                        const char *line)
{
  _dt_connection_log (owner, "%s", line);
}

/* A layer ended by itself, no stage took it, and the call waits in no pause: it ends. */
static void
dt_connection_host_event (gpointer     owner,
                          DtCallEvent  event,
                          DtConnState  state,
                          guint        code,
                          const char  *message)
{
  DtConnection *self = owner;

  switch (event)
    {
    case DT_CALL_EVENT_CARRIER_LOST:
      /* The carrier is gone, connected or not: 619.  The modem itself gone (unplugged) is
       * 628 once connected, as the network device going is; while dialing, 619. */
      if (code == DT_RAS_ERROR_DISCONNECTION && state == DT_CONN_STATE_CONNECTED)
        teardown (self, DT_RAS_ERROR_DISCONNECTION, _("The modem was disconnected"));
      else if (code == DT_RAS_ERROR_DISCONNECTION)
        teardown (self, DT_RAS_ERROR_PORT_DISCONNECTED, _("The modem was disconnected"));
      else
        teardown (self, DT_RAS_ERROR_PORT_DISCONNECTED, _("The modem lost the carrier"));
      break;
    case DT_CALL_EVENT_PPP_FINISHED:
      teardown (self, code ? code : DT_RAS_ERROR_PPP_REMOTE_TERMINATED, message);
      break;
    case DT_CALL_EVENT_LINK_LOST:
      teardown (self, DT_RAS_ERROR_DISCONNECTION, message);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
dt_connection_host_counters (gpointer              owner,
                             const DtCallCounters *counters)
{
  DtConnection *self = owner;
  DtCallCounters sum = *counters;

  if (_dt_connection_is_multilink (self))
    _dt_connection_multilink_counters (self, &sum);
  _dt_connection_set_counters (self, &sum);
}

static const DtCallHostOps host_ops = {
  .publish = dt_connection_host_publish,
  .learn = dt_connection_host_learn,
  .done = dt_connection_host_done,
  .log = dt_connection_host_log,
  .event = dt_connection_host_event,
  .counters = dt_connection_host_counters,
  .hanging_up = dt_connection_host_hanging_up,
  .stopped = dt_connection_host_stopped,
};


/* The raw line in the Interactive state, for the terminal window. */
static void
on_call_line_input (DtCall       *call,
                    GBytes       *bytes,
                    DtConnection *self)
{
  if (dt_call_get_line (call) == DT_CALL_LINE_TERMINAL)
    _dt_connection_emit_terminal_output (self, bytes);
}

/* The object ------------------------------------------------------------------------------ */

static void
dt_connection_dispose (GObject *object)
{
  DtConnection *self = DT_CONNECTION (object);

  g_clear_handle_id (&self->teardown_done_id, g_source_remove);
  dt_stages_drop_all (self->host.stages);
  if (self->sub_entries != NULL)
    _dt_connection_multilink_clear (self);
  _dt_call_host_dispose (&self->host);
  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
      g_clear_object (&self->caller_cancellable);
    }
  g_clear_object (&self->dial_task);

  G_OBJECT_CLASS (dt_connection_parent_class)->dispose (object);
}

static void
dt_connection_finalize (GObject *object)
{
  DtConnection *self = DT_CONNECTION (object);

  _dt_connection_finalize_status (self);
  _dt_call_host_finalize (&self->host);
  g_ptr_array_unref (self->sub_entries);

  G_OBJECT_CLASS (dt_connection_parent_class)->finalize (object);
}

static void
dt_connection_class_init (DtConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_connection_dispose;
  object_class->finalize = dt_connection_finalize;
  _dt_connection_class_init_status (object_class);
}

static void
dt_connection_init (DtConnection *self)
{
  self->status.state = DT_CONN_STATE_DISCONNECTED;
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->sub_entries = g_ptr_array_new_with_free_func (g_object_unref);
  _dt_call_host_init (&self->host, self, &host_ops, stage_table, G_N_ELEMENTS (stage_table),
                      &self->status.state);
  g_signal_connect_object (self->host.call, "line-input", G_CALLBACK (on_call_line_input), self,
                           0);
}

DtConnection *
dt_connection_new (void)
{
  return g_object_new (DT_TYPE_CONNECTION, NULL);
}

void
dt_connection_set_trace (DtConnection *self,
                         gboolean      trace)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  self->trace = !!trace;
  dt_call_set_trace (self->host.call, trace);
}

void
dt_connection_set_callback_timeout (DtConnection *self,
                                    guint         timeout_ms)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  self->callback_timeout = timeout_ms;
}

void
dt_connection_set_apply_settings_timeout (DtConnection *self,
                                          guint         timeout_ms)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  self->apply_settings_timeout = timeout_ms;
}

/* The code of the reason the server gave by pausing in @state, or @otherwise. */
static guint
server_reason (DtConnState state,
               guint       otherwise)
{
  switch ((guint) state)
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      return DT_RAS_ERROR_AUTHENTICATION_FAILURE;
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      return DT_RAS_ERROR_PASSWD_EXPIRED;
    default:
      return otherwise;
    }
}

/* Why a pause that only the user can answer ends the dial when the front end cannot ask. */
static const char *
decline_message (DtConnState state)
{
  switch ((guint) state)
    {
    case DT_CONN_STATE_CALLBACK_SET_BY_CALLER:
      return _("The server asks for a number to call you back at: dial from a terminal or "
               "from Dialtone’s window, or give this entry a fixed callback number");
    case DT_CONN_STATE_INTERACTIVE:
      return _("The server expects a login typed at a terminal: dial from Dialtone’s "
               "window, or give this entry a login script");
    case DT_CONN_STATE_INVOKE_EAP_UI:
      return _("The server’s EAP authentication asks for an answer only you can give (a "
               "user name, a password or a token code): dial from a terminal or from "
               "Dialtone’s window");
    default:
      return NULL;
    }
}

/* The public entry points ---------------------------------------------------------------- */

void
dt_connection_dial_async (DtConnection        *self,
                          DtEntry             *entry,
                          const DtCredentials *credentials,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_CONNECTION (self));
  g_return_if_fail (DT_IS_ENTRY (entry));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_connection_dial_async);

  if (self->dial_task != NULL || !dt_conn_state_is_terminal (self->status.state) ||
      self->status.state == DT_CONN_STATE_CONNECTED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("This connection is already dialing or connected"));
      return;
    }

  dt_call_begin (self->host.call, entry,
                 credentials ? dt_credentials_copy (credentials)
                             : dt_credentials_new (dt_entry_get_user (entry), NULL,
                                                   dt_entry_get_domain (entry)));
  _dt_connection_notify_entry (self);
  self->dial_task = g_steal_pointer (&task);
  self->start_us = g_get_monotonic_time ();
  g_ptr_array_set_size (self->log, 0);

  start_dial (self);
}

gboolean
dt_connection_dial_finish (DtConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dt_connection_hang_up (DtConnection *self)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  if (self->status.state == DT_CONN_STATE_DISCONNECTED || self->user_hung_up)
    return;
  self->user_hung_up = TRUE;

  /* A teardown runs already: a failure's, or the one before a dial again (AuthRetry, a
   * server that ended the session on a retry).  It goes on to its end, but the user's
   * hang-up wins: nothing is dialed after it, and Disconnected says the user hung up. */
  if (self->host.hanging_up)
    {
      _dt_connection_log (self, "hung up by the user during the teardown: no dial after it");
      self->host.redial = FALSE;
      if (self->host.code != DT_RAS_ERROR_USER_DISCONNECTION)
        {
          self->host.code = DT_RAS_ERROR_USER_DISCONNECTION;
          g_clear_pointer (&self->host.message, g_free);
          if (self->host.stages[DT_STAGE_TEARDOWN] != NULL)
            dt_teardown_stage_set_reason (DT_TEARDOWN_STAGE (self->host.stages[DT_STAGE_TEARDOWN]),
                                          NULL);
        }
      return;
    }

  /* Hanging up where the server stopped the dial for the user's answer ends with the
   * reason the server gave, as RasHangUp does after a RetryAuthentication pause. */
  teardown (self, server_reason (self->status.state, DT_RAS_ERROR_USER_DISCONNECTION), NULL);
}

/* Paused states ---------------------------------------------------------------------------- */

static gboolean
check_paused_in (DtConnection  *self,
                 DtConnState    state,
                 GError       **error)
{
  /* A hang-up already ends the pause: an answer that comes after it changes nothing. */
  if (self->host.hanging_up && self->status.state == state)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The connection is being hung up"));
      return FALSE;
    }
  if (self->status.state == state)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The connection is not waiting for that: it is in state %s"),
               dt_conn_state_get_name (self->status.state));
  return FALSE;
}

/* The one way out of a pause: RetryAuthentication, PasswordExpired, CallbackSetByCaller,
 * Interactive and InvokeEapUI all end here, and the answer goes to the stage that paused. */
static gboolean
resume (DtConnection         *self,
        const DtPauseAnswer  *answer,
        GError              **error)
{
  DtStage *stage;

  if (!check_paused_in (self, answer->pause, error))
    return FALSE;
  if (_dt_connection_is_multilink (self))
    return _dt_connection_multilink_resume (self, answer, error);
  stage = self->host.stages[stage_of_pause (answer->pause)];
  g_return_val_if_fail (stage != NULL && dt_stage_is_running (stage), FALSE);
  return dt_stage_resume (stage, answer, error);
}

gboolean
dt_connection_retry_authentication (DtConnection  *self,
                                    const char    *user,
                                    const char    *password,
                                    const char    *domain,
                                    GError       **error)
{
  DtPauseAnswer answer = {
    .pause = DT_CONN_STATE_RETRY_AUTHENTICATION,
    .user = user,
    .password = password,
    .domain = domain,
  };

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  return resume (self, &answer, error);
}

gboolean
dt_connection_change_password (DtConnection  *self,
                               const char    *old_password,
                               const char    *new_password,
                               GError       **error)
{
  DtPauseAnswer answer = {
    .pause = DT_CONN_STATE_PASSWORD_EXPIRED,
    .old_password = old_password,
    .new_password = new_password,
  };

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (old_password != NULL && new_password != NULL, FALSE);

  return resume (self, &answer, error);
}

gboolean
dt_connection_set_callback_number (DtConnection  *self,
                                   const char    *number,
                                   GError       **error)
{
  DtPauseAnswer answer = { .pause = DT_CONN_STATE_CALLBACK_SET_BY_CALLER, .number = number };

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  return resume (self, &answer, error);
}

gboolean
dt_connection_answer_eap (DtConnection  *self,
                          const char    *response,
                          GError       **error)
{
  DtPauseAnswer answer = { .pause = DT_CONN_STATE_INVOKE_EAP_UI, .response = response };

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  return resume (self, &answer, error);
}

gboolean
dt_connection_continue_interactive (DtConnection  *self,
                                    GError       **error)
{
  DtPauseAnswer answer = { .pause = DT_CONN_STATE_INTERACTIVE };

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  return resume (self, &answer, error);
}

/* The front end cannot answer the pause (no terminal, a script): the dial ends with the code
 * the pause stands for, as RasDial's caller that cannot show a dialog does. */
gboolean
dt_connection_decline_pause (DtConnection  *self,
                             GError       **error)
{
  DtConnState state;

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  state = self->status.state;
  if (!dt_conn_state_is_paused (state))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The connection is not waiting for an answer: it is in state %s"),
                   dt_conn_state_get_name (state));
      return FALSE;
    }

  _dt_connection_log (self, "the application cannot answer %s", dt_conn_state_get_name (state));
  teardown (self, server_reason (state, DT_RAS_ERROR_INTERACTIVE_MODE), decline_message (state));
  return TRUE;
}

void
dt_connection_send_terminal_input (DtConnection *self,
                                   const char   *text,
                                   gssize        length)
{
  g_return_if_fail (DT_IS_CONNECTION (self));
  g_return_if_fail (text != NULL);

  if (self->status.state != DT_CONN_STATE_INTERACTIVE)
    return;
  dt_call_write_line (self->host.call, text, length < 0 ? strlen (text) : (gsize) length);
}
