/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtStage, the base of the stages of a call, and DtStageHost, the interface they report
 * through (see dt-stage.h).  What a stage reports after its host stopped it is dropped here,
 * so that a late callback cannot move a call that has gone on without it. */

#include "config.h"

#include "dt-call-host.h"
#include "dt-error.h"
#include "dt-stage.h"

typedef struct
{
  DtStageHost *host;   /* not a reference: the host owns the stage (but see dt_stage_hold) */
  DtCall *call;
  gboolean started;
  gboolean stopped;
} DtStagePrivate;

G_DEFINE_INTERFACE (DtStageHost, dt_stage_host, G_TYPE_OBJECT)

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DtStage, dt_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_CALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_stage_host_default_init (DtStageHostInterface *iface)
{
}

static void
dt_stage_dispose (GObject *object)
{
  DtStage *self = DT_STAGE (object);
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  dt_stage_stop (self);
  g_clear_object (&priv->call);

  G_OBJECT_CLASS (dt_stage_parent_class)->dispose (object);
}

static void
dt_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DtStage *self = DT_STAGE (object);
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_HOST:
      priv->host = g_value_get_object (value);
      break;
    case PROP_CALL:
      priv->call = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_stage_class_init (DtStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_stage_dispose;
  object_class->set_property = dt_stage_set_property;

  klass->kind = DT_STAGE_NONE;

  properties[PROP_HOST] =
    g_param_spec_object ("host", NULL, NULL, DT_TYPE_STAGE_HOST,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL] =
    g_param_spec_object ("call", NULL, NULL, DT_TYPE_CALL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_stage_init (DtStage *self)
{
}

/* For the host -------------------------------------------------------------------------- */

void
dt_stage_start (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  g_return_if_fail (DT_IS_STAGE (self));
  g_return_if_fail (!priv->started);

  priv->started = TRUE;
  g_object_ref (self);
  DT_STAGE_GET_CLASS (self)->start (self);
  g_object_unref (self);
}

gboolean
dt_stage_resume (DtStage              *self,
                 const DtPauseAnswer  *answer,
                 GError              **error)
{
  DtStageClass *klass;

  g_return_val_if_fail (DT_IS_STAGE (self), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  klass = DT_STAGE_GET_CLASS (self);
  g_return_val_if_fail (klass->resume != NULL, FALSE);
  return klass->resume (self, answer, error);
}

gboolean
dt_stage_handle_event (DtStage     *self,
                       DtCallEvent  event,
                       DtConnState  state,
                       guint        code,
                       const char  *message)
{
  DtStageClass *klass;
  g_autoptr (DtStage) hold = NULL;

  g_return_val_if_fail (DT_IS_STAGE (self), FALSE);

  klass = DT_STAGE_GET_CLASS (self);
  if (!dt_stage_is_running (self) || klass->handle_event == NULL)
    return FALSE;
  /* What the stage does may end the call, and the host drop the stage. */
  hold = g_object_ref (self);
  return klass->handle_event (self, event, state, code, message);
}

void
dt_stage_stop (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);
  DtStageClass *klass;

  g_return_if_fail (DT_IS_STAGE (self));

  if (priv->stopped)
    return;
  priv->stopped = TRUE;
  klass = DT_STAGE_GET_CLASS (self);
  if (priv->started && klass->stop != NULL)
    klass->stop (self);
}

DtStageKind
dt_stage_get_kind (DtStage *self)
{
  g_return_val_if_fail (DT_IS_STAGE (self), DT_STAGE_NONE);
  return DT_STAGE_GET_CLASS (self)->kind;
}

gboolean
dt_stage_is_running (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  g_return_val_if_fail (DT_IS_STAGE (self), FALSE);
  return priv->started && !priv->stopped;
}

/* For a host's stages -------------------------------------------------------------------- */

/* Stops the stage of @kind, if any, and keeps it (its facts stay for the host to read). */
void
dt_stages_stop (DtStage     **stages,
                DtStageKind   kind)
{
  if (stages[kind] != NULL)
    dt_stage_stop (stages[kind]);
}

/* Stops the stage of @kind, if any, and lets it go. */
void
dt_stages_drop (DtStage     **stages,
                DtStageKind   kind)
{
  g_autoptr (DtStage) stage = g_steal_pointer (&stages[kind]);

  if (stage != NULL)
    dt_stage_stop (stage);
}

/* Every stage, the later in the call first. */
void
dt_stages_drop_all (DtStage **stages)
{
  for (int kind = DT_N_STAGES - 1; kind >= 0; kind--)
    dt_stages_drop (stages, kind);
}

/* Takes @stage and starts it, in place of one of its kind that ran before. */
void
dt_stages_start (DtStage **stages,
                 DtStage  *stage)
{
  DtStageKind kind = dt_stage_get_kind (stage);

  dt_stages_drop (stages, kind);
  stages[kind] = stage;
  dt_stage_start (stage);
}

/* Offers DtCall's @event to the running stages, the later in the call first: TRUE when one
 * took it; FALSE leaves it to the host's own rule. */
gboolean
dt_stages_handle_event (DtStage     **stages,
                        DtCallEvent   event,
                        DtConnState   state,
                        guint         code,
                        const char   *message)
{
  for (int kind = DT_N_STAGES - 1; kind >= 0; kind--)
    if (stages[kind] != NULL &&
        dt_stage_handle_event (stages[kind], event, state, code, message))
      return TRUE;
  return FALSE;
}

guint
dt_stages_event_error (DtCallEvent event,
                       DtConnState state,
                       guint       code)
{
  switch (event)
    {
    case DT_CALL_EVENT_CARRIER_LOST:
      return state == DT_CONN_STATE_CONNECTED ? DT_RAS_ERROR_DISCONNECTION
                                              : DT_RAS_ERROR_PORT_DISCONNECTED;
    case DT_CALL_EVENT_PPP_FINISHED:
      return code ? code : DT_RAS_ERROR_PPP_REMOTE_TERMINATED;
    case DT_CALL_EVENT_LINK_LOST:
      return DT_RAS_ERROR_DISCONNECTION;
    default:
      g_return_val_if_reached (DT_RAS_ERROR_DISCONNECTION);
    }
}

gboolean
dt_stage_table_has (const DtStageTableRow *table,
                    gsize                  n_rows,
                    DtStageKind            stage,
                    DtConnState            state)
{
  for (gsize i = 0; i < n_rows; i++)
    if (table[i].state == state && table[i].stage == stage)
      return TRUE;
  return FALSE;
}

/* The stage of @state's first row: the one that pauses in it, for a paused state. */
DtStageKind
dt_stage_table_first (const DtStageTableRow *table,
                      gsize                  n_rows,
                      DtConnState            state)
{
  for (gsize i = 0; i < n_rows; i++)
    if (table[i].state == state)
      return table[i].stage;
  return DT_STAGE_NONE;
}

/* For the stages ------------------------------------------------------------------------- */

DtCall *
dt_stage_get_call (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  g_return_val_if_fail (DT_IS_STAGE (self), NULL);
  return priv->call;
}

static DtCallHost *
host_of (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  return DT_STAGE_HOST_GET_IFACE (priv->host)->get_call_host (priv->host);
}

gboolean
dt_stage_publish (DtStage     *self,
                  DtConnState  state,
                  const char  *detail)
{
  g_autoptr (DtStage) hold = NULL;

  g_return_val_if_fail (DT_IS_STAGE (self), FALSE);

  if (!dt_stage_is_running (self))
    return FALSE;
  /* A state-changed handler may end the call, and the host drop the stage. */
  hold = g_object_ref (self);
  return _dt_call_host_publish (host_of (self), self, state, detail, 0);
}

gboolean
dt_stage_publish_for (DtStage     *self,
                      DtConnState  state,
                      const char  *detail,
                      guint        sub_entry)
{
  g_autoptr (DtStage) hold = NULL;

  g_return_val_if_fail (DT_IS_STAGE (self), FALSE);

  if (!dt_stage_is_running (self))
    return FALSE;
  hold = g_object_ref (self);
  return _dt_call_host_publish (host_of (self), self, state, detail, sub_entry);
}

gboolean
dt_stage_pause (DtStage     *self,
                DtConnState  state,
                const char  *detail,
                const char  *message)
{
  g_return_val_if_fail (dt_conn_state_is_paused (state), FALSE);

  dt_stage_learn_string (self, DT_CALL_FACT_PAUSE_MESSAGE, message);
  return dt_stage_publish (self, state, detail);
}

void
dt_stage_learn (DtStage      *self,
                DtCallFact    fact,
                const GValue *value)
{
  g_return_if_fail (DT_IS_STAGE (self));

  if (dt_stage_is_running (self))
    _dt_call_host_learn (host_of (self), fact, value);
}

void
dt_stage_learn_string (DtStage    *self,
                       DtCallFact  fact,
                       const char *value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_STRING);
  g_value_set_string (&gvalue, value);
  dt_stage_learn (self, fact, &gvalue);
}

void
dt_stage_learn_uint (DtStage    *self,
                     DtCallFact  fact,
                     guint       value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_UINT);
  g_value_set_uint (&gvalue, value);
  dt_stage_learn (self, fact, &gvalue);
}

void
dt_stage_learn_boolean (DtStage    *self,
                        DtCallFact  fact,
                        gboolean    value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, G_TYPE_BOOLEAN);
  g_value_set_boolean (&gvalue, value);
  dt_stage_learn (self, fact, &gvalue);
}

void
dt_stage_learn_counters (DtStage *self)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;
  DtCallCounters counters;

  if (!dt_call_get_counters (dt_stage_get_call (self), &counters))
    return;
  g_value_init (&gvalue, G_TYPE_POINTER);
  g_value_set_pointer (&gvalue, &counters);
  dt_stage_learn (self, DT_CALL_FACT_COUNTERS, &gvalue);
}

void
dt_stage_done (DtStage       *self,
               DtStageResult  result)
{
  g_autoptr (DtStage) hold = NULL;

  g_return_if_fail (DT_IS_STAGE (self));

  if (!dt_stage_is_running (self))
    return;
  hold = g_object_ref (self);
  _dt_call_host_done (host_of (self), self, result);
}

static void
fail (DtStage    *self,
      guint       code,
      const char *message,
      gboolean    redial)
{
  g_autoptr (DtStage) hold = NULL;

  g_return_if_fail (DT_IS_STAGE (self));

  if (!dt_stage_is_running (self))
    return;
  hold = g_object_ref (self);
  _dt_call_host_fail (host_of (self), code, message, redial);
}

void
dt_stage_fail (DtStage    *self,
               guint       code,
               const char *message)
{
  fail (self, code, message, FALSE);
}

void
dt_stage_fail_with (DtStage      *self,
                    const GError *error,
                    guint         fallback)
{
  fail (self, error->domain == DT_RAS_ERROR ? (guint) error->code : fallback, error->message,
        FALSE);
}

void
dt_stage_fail_and_redial (DtStage    *self,
                          guint       code,
                          const char *message)
{
  fail (self, code, message, TRUE);
}

void
dt_stage_log (DtStage    *self,
              const char *format,
              ...)
{
  g_autofree char *line = NULL;
  va_list args;

  g_return_if_fail (DT_IS_STAGE (self));

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  _dt_call_host_log (host_of (self), line);
}

DtStageHold *
dt_stage_hold (DtStage *self)
{
  DtStagePrivate *priv = dt_stage_get_instance_private (self);

  g_return_val_if_fail (DT_IS_STAGE (self), NULL);

  g_object_ref (priv->host);
  return g_object_ref (self);
}

void
dt_stage_release (DtStageHold *hold)
{
  DtStage *self = hold;
  DtStagePrivate *priv = dt_stage_get_instance_private (self);
  DtStageHost *host = priv->host;

  g_object_unref (self);
  g_object_unref (host);
}
