/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtCallHost: the call and the stages a host runs on it, see dt-call-host.h. */

#include "config.h"

#include "dt-call-host.h"
#include "dt-stages.h"

static DtCallHost *
call_host_of (gpointer owner)
{
  return DT_STAGE_HOST_GET_IFACE (owner)->get_call_host (DT_STAGE_HOST (owner));
}

static void
on_call_log (DtCall     *call,
             const char *line,
             gpointer    owner)
{
  _dt_call_host_log (call_host_of (owner), line);
}

static void
on_call_counters_changed (DtCall   *call,
                          gpointer  owner)
{
  DtCallHost *self = call_host_of (owner);
  DtCallCounters counters;

  if (dt_call_get_counters (call, &counters))
    self->ops->counters (owner, &counters);
}

/* A layer ended by itself: the running stages first (the later in the call first), then the
 * owner's rule, unless the call is going down already or waits in a pause (the answer finds
 * out). */
static void
on_call_event (DtCall     *call,
               int         event,
               guint       code,
               const char *message,
               gpointer    owner)
{
  DtCallHost *self = call_host_of (owner);
  DtConnState state = *self->state;

  if (dt_stages_handle_event (self->stages, event, state, code, message))
    return;
  if (self->hanging_up || dt_conn_state_is_paused (state))
    return;
  self->ops->event (owner, event, state, code, message);
}

void
_dt_call_host_init (DtCallHost            *self,
                    gpointer               owner,
                    const DtCallHostOps   *ops,
                    const DtStageTableRow *table,
                    gsize                  n_rows,
                    const DtConnState     *state)
{
  g_assert (DT_IS_STAGE_HOST (owner));

  self->owner = owner;
  self->ops = ops;
  self->table = table;
  self->n_rows = n_rows;
  self->state = state;
  self->call = dt_call_new ();
  g_signal_connect_object (self->call, "log", G_CALLBACK (on_call_log), owner, 0);
  if (ops->counters != NULL)
    g_signal_connect_object (self->call, "counters-changed",
                             G_CALLBACK (on_call_counters_changed), owner, 0);
  g_signal_connect_object (self->call, "event", G_CALLBACK (on_call_event), owner, 0);
}

void
_dt_call_host_dispose (DtCallHost *self)
{
  dt_stages_drop_all (self->stages);
  /* The layers go with the host, saying nothing more to it. */
  dt_call_release (&self->call, self->owner);
}

void
_dt_call_host_finalize (DtCallHost *self)
{
  g_free (self->message);
}

void
_dt_call_host_reset (DtCallHost *self)
{
  self->hanging_up = FALSE;
  self->redial = FALSE;
  self->code = 0;
  g_clear_pointer (&self->message, g_free);
}

void
_dt_call_host_teardown (DtCallHost *self,
                        guint       code,
                        const char *message)
{
  if (self->hanging_up)
    return;

  self->hanging_up = TRUE;
  self->code = code;
  g_free (self->message);
  self->message = g_strdup (message);
  /* After the flags: a "log" handler that hangs up finds the teardown running. */
  if (self->ops->hanging_up != NULL)
    self->ops->hanging_up (self->owner);

  /* Whatever was in flight (open, dial, login script, link activation) stops now; the
   * established stage goes on showing the counters until the line is down. */
  for (int kind = 0; kind < DT_N_STAGES; kind++)
    if (kind != DT_STAGE_ESTABLISHED)
      dt_stages_stop (self->stages, kind);
  dt_call_cancel (self->call);
  if (self->ops->stopped != NULL)
    self->ops->stopped (self->owner);
  dt_stages_start (self->stages, dt_teardown_stage_new (DT_STAGE_HOST (self->owner), self->call,
                                                        self->message));
}

gboolean
_dt_call_host_finish_teardown (DtCallHost *self)
{
  gboolean redial = self->redial;

  dt_stages_drop_all (self->stages);
  dt_call_clear_layers (self->call);
  self->hanging_up = FALSE;
  self->redial = FALSE;
  return redial;
}

void
_dt_call_host_redial (DtCallHost *self)
{
  self->code = 0;
  g_clear_pointer (&self->message, g_free);
  dt_stages_start (self->stages, dt_port_stage_new (DT_STAGE_HOST (self->owner), self->call));
}

/* DtStageHost ------------------------------------------------------------------------------ */

/* Moves to @state and tells the stage whether to go on: a state-changed handler may have
 * hung up (or answered a pause) by the time the emission returns.  A stage that outlives
 * the start of a teardown (the established one) is no longer news. */
gboolean
_dt_call_host_publish (DtCallHost  *self,
                       DtStage     *stage,
                       DtConnState  state,
                       const char  *detail,
                       guint        sub_entry)
{
  g_assert (self->table == NULL ||
            dt_stage_table_has (self->table, self->n_rows, dt_stage_get_kind (stage), state));

  if (self->hanging_up)
    return FALSE;
  if (!self->ops->publish (self->owner, state, detail, sub_entry))
    return FALSE;
  /* A sub-entry's state leaves the call's own where it was. */
  return !self->hanging_up && (sub_entry > 0 || *self->state == state);
}

void
_dt_call_host_learn (DtCallHost   *self,
                     DtCallFact    fact,
                     const GValue *value)
{
  self->ops->learn (self->owner, fact, value);
}

void
_dt_call_host_done (DtCallHost    *self,
                    DtStage       *stage,
                    DtStageResult  result)
{
  self->ops->done (self->owner, stage, result);
}

/* The call cannot go on: down it goes, dialed again after when @redial. */
void
_dt_call_host_fail (DtCallHost *self,
                    guint       code,
                    const char *message,
                    gboolean    redial)
{
  if (self->hanging_up)
    return;
  self->redial = redial;
  _dt_call_host_teardown (self, code, message);
}

void
_dt_call_host_log (DtCallHost *self,
                   const char *line)
{
  self->ops->log (self->owner, line);
}
