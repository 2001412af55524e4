/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAnswer: the sequence of an answering port's stages (see dt-answer.h), the DtStageHost of
 * the answering side.  The stage table says which stage publishes each state; the host picks
 * the stage that follows each result, tears the call down on an error, and after the
 * teardown publishes Disconnected and listens again.  What it publishes (properties) is in
 * dt-answer-status.c. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-answer-private.h"
#include "dt-stages.h"

static const DtStageTableRow stage_table[] = {
  { DT_CONN_STATE_LISTENING,             DT_STAGE_LISTEN },
  { DT_CONN_STATE_RINGING,               DT_STAGE_LISTEN },
  { DT_CONN_STATE_ANSWERING,             DT_STAGE_LISTEN },
  { DT_CONN_STATE_AUTHENTICATING_CALLER, DT_STAGE_CALLER },
  { DT_CONN_STATE_AUTHENTICATED,         DT_STAGE_CALLER },
  { DT_CONN_STATE_PROJECTED,             DT_STAGE_CALLER },
  { DT_CONN_STATE_CALLING_BACK,          DT_STAGE_CALL_BACK },
  { DT_CONN_STATE_APPLY_SETTINGS,        DT_STAGE_NETWORK },
  { DT_CONN_STATE_CONNECTED,             DT_STAGE_ESTABLISHED },
  { DT_CONN_STATE_DISCONNECTED,          DT_STAGE_TEARDOWN },  /* once it is done */
};

/* After a failed login the port waits this long before it answers again, doubling each time,
 * up to MAX_BACKOFF_MS; after any other call, RELISTEN_MS. */
#define FIRST_BACKOFF_MS 2000
#define MAX_BACKOFF_MS   60000
#define RELISTEN_MS      500

DT_DEFINE_STAGE_HOST (DtAnswer, dt_answer)

G_DEFINE_FINAL_TYPE_WITH_CODE (DtAnswer, dt_answer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DT_TYPE_STAGE_HOST,
                                                      dt_answer_stage_host_init))

/* Stages ------------------------------------------------------------------------------- */

/* The call's entry: the port and its modem, as a dial would use them. */
static DtEntry *
port_entry (DtAnswer *self)
{
  DtEntry *entry = dt_entry_new ();
  g_autofree char *name = g_strdup_printf (_("Incoming call on %s"), self->device);

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, self->device);
  dt_entry_set_device_type (entry, self->device_type);
  dt_entry_set_idle_disconnect (entry, dt_incoming_get_idle_disconnect (self->incoming));
  dt_entry_set_default_gateway (entry, FALSE);
  return entry;
}

static void
listen (DtAnswer *self)
{
  g_autoptr (DtEntry) entry = port_entry (self);
  guint rings = self->rings ? self->rings : dt_incoming_get_rings (self->incoming);

  g_clear_handle_id (&self->relisten_id, g_source_remove);
  _dt_answer_begin_call (self);
  _dt_call_host_reset (&self->host);
  self->answered = FALSE;
  dt_call_begin (self->host.call, entry, NULL);
  dt_stages_start (self->host.stages,
                   dt_listen_stage_new (DT_STAGE_HOST (self), self->host.call, rings));
}

static gboolean
on_relisten (gpointer data)
{
  DtAnswer *self = data;

  self->relisten_id = 0;
  if (self->running)
    listen (self);
  return G_SOURCE_REMOVE;
}

/* The pool address for this call: the first one no other port's caller has.  NULL when all
 * are taken. */
static char *
pick_address (DtAnswer *self)
{
  g_auto (GStrv) pool = dt_incoming_expand_pool (self->incoming);

  for (guint i = 0; pool[i] != NULL; i++)
    if (!_dt_answer_address_in_use (self, pool[i]))
      return g_strdup (pool[i]);
  return NULL;
}

static void
start_caller (DtAnswer *self,
              gboolean  called_back)
{
  const char * const *dns = dt_incoming_get_dns_servers (self->incoming);
  g_autofree char *peer = NULL;
  DtCallerPolicy policy = {
    .auth_methods = dt_incoming_get_auth_methods (self->incoming),
    .server_address = dt_incoming_get_server_address (self->incoming),
    .accept_peer_address = dt_incoming_get_accept_caller_address (self->incoming),
    .dns1 = dns[0],
    .dns2 = dns[0] != NULL ? dns[1] : NULL,
    .auth_timeout_ms = self->auth_timeout,
    .callback_allowed = self->device_type == DT_DEVICE_TYPE_MODEM,
    .callback_delay = 5,
  };

  /* After a call back, the same call: the address it had is free for it again. */
  _dt_answer_set_reserved_address (self, NULL);
  peer = pick_address (self);
  policy.peer_address = peer;
  if (peer == NULL)
    {
      _dt_answer_log (self, "every address of the pool is in use");
      _dt_answer_teardown (self, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                           _("Every address of the pool is in use"));
      return;
    }
  _dt_answer_set_reserved_address (self, peer);
  dt_stages_start (self->host.stages,
                   dt_caller_stage_new (DT_STAGE_HOST (self), self->host.call, self->incoming,
                                        &policy, called_back));
}

static gboolean
on_max_call_time (gpointer data)
{
  DtAnswer *self = data;

  self->max_time_id = 0;
  _dt_answer_log (self, "the call reached its maximum time: hanging up");
  _dt_answer_teardown (self, DT_RAS_ERROR_USER_DISCONNECTION,
                       _("The call reached its maximum time"));
  return G_SOURCE_REMOVE;
}

static DtNetworkMode
network_mode (DtAnswer *self)
{
  if (self->network_mode == DT_NETWORK_NONE)
    return DT_NETWORK_NONE;
  return dt_incoming_get_reach (self->incoming) == DT_INCOMING_REACH_NETWORK
         ? DT_NETWORK_SHARED : DT_NETWORK_AUTO;
}

static void
connected (DtAnswer *self)
{
  guint max = dt_incoming_get_max_call_time (self->incoming);

  self->consecutive_failures = 0;
  /* The settings as they are now: the established stage reads the idle time from the entry. */
  dt_entry_set_idle_disconnect (dt_call_get_entry (self->host.call),
                                dt_incoming_get_idle_disconnect (self->incoming));
  dt_stages_start (self->host.stages,
                   dt_established_stage_new (DT_STAGE_HOST (self), self->host.call));
  /* Not g_timeout_add_seconds(), whose first tick may come up to a second early. */
  if (max > 0 && self->max_time_id == 0)
    self->max_time_id = g_timeout_add ((guint) MIN ((guint64) max * 1000, G_MAXUINT),
                                       on_max_call_time, self);
}

/* Ends the call with @code: every stage on its way stops, and the teardown takes the layers
 * down.  The first reason stands. */
void
_dt_answer_teardown (DtAnswer   *self,
                     guint       code,
                     const char *message)
{
  _dt_call_host_teardown (&self->host, code, message);
}

static void
dt_answer_host_hanging_up (gpointer owner)
{
  DtAnswer *self = owner;

  g_clear_handle_id (&self->max_time_id, g_source_remove);
  _dt_answer_log (self, "hanging up: %u %s", self->host.code,
                  self->host.message ? self->host.message : "");
}

static gboolean
is_login_failure (guint code)
{
  return code == DT_RAS_ERROR_AUTHENTICATION_FAILURE || code == DT_RAS_ERROR_ACCT_DISABLED ||
         code == DT_RAS_ERROR_NO_DIALIN_PERMISSION;
}

/* The port cannot be used at all: listening again would only fail again. */
static gboolean
is_port_failure (guint code)
{
  return code == DT_RAS_ERROR_PORT_OR_DEVICE || code == DT_RAS_ERROR_PORT_ALREADY_OPEN ||
         code == DT_RAS_ERROR_HARDWARE_FAILURE || code == DT_RAS_ERROR_FROM_DEVICE;
}

/* The login this call failed, if it did: the code that ended it, or the refusal before it
 * when the caller hung up (or went quiet) after one, so that hanging up at once after a wrong
 * password does not escape the back-off. */
static guint
login_failure (DtAnswer *self,
               guint     code)
{
  if (self->status_authenticated || !self->answered)
    return 0;
  if (is_login_failure (code) || code == DT_RAS_ERROR_PPP_TIMEOUT)
    return code;
  return self->login_refused;
}

static void
finish_teardown (DtAnswer *self)
{
  guint code = self->host.code;
  g_autofree char *message = g_strdup (self->host.message != NULL
                                       ? self->host.message
                                       : dt_ras_error_get_message (code));
  guint refusal = login_failure (self, code);
  gboolean answered = self->answered;
  guint delay = RELISTEN_MS;

  _dt_call_host_finish_teardown (&self->host);
  _dt_answer_set_reserved_address (self, NULL);
  _dt_answer_set_error (self, code, message);
  /* A Disconnected handler may stop the port (dialtone-cli's --calls): what follows sees it. */
  self->finishing = TRUE;
  _dt_answer_set_state (self, DT_CONN_STATE_DISCONNECTED, message);
  self->finishing = FALSE;

  if (refusal != 0)
    {
      g_signal_emit_by_name (self, "caller-refused", self->user, refusal);
      delay = MIN (FIRST_BACKOFF_MS << MIN (self->consecutive_failures, 5), MAX_BACKOFF_MS);
      self->consecutive_failures++;
      _dt_answer_log (self, "a failed login: answering again in %u s", delay / 1000);
    }
  if (!self->running || (!answered && is_port_failure (code)))
    {
      gboolean was_running = self->running;

      self->running = FALSE;
      g_object_notify (G_OBJECT (self), "running");
      if (was_running || self->stopping)
        g_signal_emit_by_name (self, "stopped");
      self->stopping = FALSE;
      return;
    }
  self->relisten_id = g_timeout_add (delay, on_relisten, self);
}

/* DtStageHost ---------------------------------------------------------------------------- */

static void
dt_answer_host_done (gpointer       owner,
                     DtStage       *stage,
                     DtStageResult  result)
{
  DtAnswer *self = owner;
  DtStageHost *host = DT_STAGE_HOST (self);
  DtStageKind kind = dt_stage_get_kind (stage);
  g_autofree char *number = NULL;

  /* The caller stage's session goes on under what follows it, but for a call back. */
  if (kind != DT_STAGE_CALLER || result == DT_STAGE_RESULT_CALL_BACK)
    dt_stage_stop (stage);

  switch (result)
    {
    case DT_STAGE_RESULT_ANSWERED:
      self->answered = TRUE;
      start_caller (self, FALSE);
      break;
    case DT_STAGE_RESULT_CALL_BACK:
      number = g_strdup (dt_caller_stage_get_callback_number (DT_CALLER_STAGE (stage)));
      dt_stages_start (self->host.stages,
                       dt_call_back_stage_new (host, self->host.call, number, 5));
      break;
    case DT_STAGE_RESULT_CALLED_BACK_CALLER:
      start_caller (self, TRUE);
      break;
    case DT_STAGE_RESULT_PROJECTED:
      dt_stages_start (self->host.stages,
                       dt_network_stage_new (host, self->host.call, network_mode (self), NULL, 0));
      break;
    case DT_STAGE_RESULT_NETWORK_UP:
      connected (self);
      break;
    case DT_STAGE_RESULT_HUNG_UP:
      finish_teardown (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
dt_answer_host_publish (gpointer     owner,
                        DtConnState  state,
                        const char  *detail,
                        guint        sub_entry)
{
  DtAnswer *self = owner;

  if (state == DT_CONN_STATE_AUTHENTICATED)
    self->status_authenticated = TRUE;
  /* Connected as the caller's account. */
  if (state == DT_CONN_STATE_CONNECTED)
    {
      detail = self->user;
      _dt_answer_set_state (self, state, detail);
      if (!self->host.hanging_up && self->status.state == state)
        g_signal_emit_by_name (self, "caller-connected", self->user);
    }
  else
    _dt_answer_set_state (self, state, detail);
  return TRUE;
}

static void
dt_answer_host_log (gpointer    owner,
                    const char *line)
{
  _dt_answer_log (owner, "%s", line);
}

/* A layer ended by itself, and no stage took it. */
static void
dt_answer_host_event (gpointer     owner,
                      DtCallEvent  event,
                      DtConnState  state,
                      guint        code,
                      const char  *message)
{
  _dt_answer_teardown (owner, dt_stages_event_error (event, state, code),
                       event == DT_CALL_EVENT_CARRIER_LOST ? _("The caller hung up") : message);
}

static void
dt_answer_host_counters (gpointer              owner,
                         const DtCallCounters *counters)
{
  _dt_answer_set_counters (owner, counters);
}

static const DtCallHostOps host_ops = {
  .publish = dt_answer_host_publish,
  .learn = _dt_answer_learn,
  .done = dt_answer_host_done,
  .log = dt_answer_host_log,
  .event = dt_answer_host_event,
  .counters = dt_answer_host_counters,
  .hanging_up = dt_answer_host_hanging_up,
};


/* The object ------------------------------------------------------------------------------ */

static void
dt_answer_dispose (GObject *object)
{
  DtAnswer *self = DT_ANSWER (object);

  self->running = FALSE;
  g_clear_handle_id (&self->relisten_id, g_source_remove);
  g_clear_handle_id (&self->max_time_id, g_source_remove);
  _dt_call_host_dispose (&self->host);
  _dt_answer_set_reserved_address (self, NULL);
  g_clear_object (&self->incoming);

  G_OBJECT_CLASS (dt_answer_parent_class)->dispose (object);
}

static void
dt_answer_finalize (GObject *object)
{
  DtAnswer *self = DT_ANSWER (object);

  _dt_answer_finalize_status (self);
  g_free (self->device);
  _dt_call_host_finalize (&self->host);

  G_OBJECT_CLASS (dt_answer_parent_class)->finalize (object);
}

static void
dt_answer_class_init (DtAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_answer_dispose;
  object_class->finalize = dt_answer_finalize;
  _dt_answer_class_init_status (object_class);
}

static void
dt_answer_init (DtAnswer *self)
{
  self->status.state = DT_CONN_STATE_DISCONNECTED;
  self->auth_timeout = 60000;
  self->network_mode = DT_NETWORK_AUTO;
  _dt_call_host_init (&self->host, self, &host_ops, stage_table, G_N_ELEMENTS (stage_table),
                      &self->status.state);
}

DtAnswer *
dt_answer_new (DtIncoming   *incoming,
               const char   *device,
               DtDeviceType  type)
{
  DtAnswer *self;

  g_return_val_if_fail (DT_IS_INCOMING (incoming), NULL);
  g_return_val_if_fail (device != NULL, NULL);

  self = g_object_new (DT_TYPE_ANSWER, NULL);
  self->incoming = g_object_ref (incoming);
  self->device = g_strdup (device);
  self->device_type = type;
  self->status.device = g_strdup (device);
  return self;
}

void
dt_answer_set_rings (DtAnswer *self,
                     guint     rings)
{
  g_return_if_fail (DT_IS_ANSWER (self));
  self->rings = rings;
}

void
dt_answer_set_network_mode (DtAnswer      *self,
                            DtNetworkMode  mode)
{
  g_return_if_fail (DT_IS_ANSWER (self));
  self->network_mode = mode;
}

void
dt_answer_set_trace (DtAnswer *self,
                     gboolean  trace)
{
  g_return_if_fail (DT_IS_ANSWER (self));
  dt_call_set_trace (self->host.call, trace);
}

void
dt_answer_set_auth_timeout (DtAnswer *self,
                            guint     ms)
{
  g_return_if_fail (DT_IS_ANSWER (self));
  self->auth_timeout = ms > 0 ? ms : 60000;
}

void
dt_answer_start (DtAnswer *self)
{
  g_return_if_fail (DT_IS_ANSWER (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->consecutive_failures = 0;
  g_object_notify (G_OBJECT (self), "running");
  if (!self->host.hanging_up)
    listen (self);
}

void
dt_answer_stop (DtAnswer *self)
{
  g_return_if_fail (DT_IS_ANSWER (self));

  if (!self->running)
    return;
  self->running = FALSE;
  self->stopping = TRUE;
  g_object_notify (G_OBJECT (self), "running");
  /* The call is over already: its teardown, which is telling, says "stopped" next. */
  if (self->finishing)
    return;
  if (self->relisten_id != 0)
    {
      /* Between two calls: nothing to hang up. */
      g_clear_handle_id (&self->relisten_id, g_source_remove);
      self->stopping = FALSE;
      g_signal_emit_by_name (self, "stopped");
      return;
    }
  if (self->host.hanging_up)
    return;
  _dt_answer_teardown (self, DT_RAS_ERROR_USER_DISCONNECTION, NULL);
}

void
dt_answer_disconnect (DtAnswer *self)
{
  g_return_if_fail (DT_IS_ANSWER (self));

  if (self->host.hanging_up || self->relisten_id != 0 ||
      self->status.state == DT_CONN_STATE_LISTENING ||
      self->status.state == DT_CONN_STATE_DISCONNECTED)
    return;
  _dt_answer_teardown (self, DT_RAS_ERROR_USER_DISCONNECTION,
                       _("The caller was disconnected from this computer"));
}
