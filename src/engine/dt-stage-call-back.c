/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The call-back stage of an incoming call (the server's side of Microsoft's callback): the
 * caller agreed in CBCP to be called back and the first session is over.  The modem hangs up,
 * the stage waits the delay agreed on, opens the port again, dials the number (the caller's
 * own, or the one its account presets) and takes CONNECT; the caller stage then runs a new
 * session, in which the caller authenticates again.  CallingBack, until the caller answers.
 * A number that is busy or does not answer ends the call with the modem's code. */

#include "config.h"

#include "dt-stages.h"

struct _DtCallBackStage
{
  DtStage parent_instance;

  char *number;
  guint delay_s;
  guint delay_id;
};

G_DEFINE_FINAL_TYPE (DtCallBackStage, dt_call_back_stage, DT_TYPE_STAGE)

static gboolean
still_ours (DtCallBackStage *self,
            GObject         *modem)
{
  DtStage *stage = DT_STAGE (self);

  return dt_stage_is_running (stage) &&
         modem == (GObject *) dt_call_get_modem (dt_stage_get_call (stage));
}

static void
on_dialed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallBackStage *self = DT_CALL_BACK_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  DtModem *modem = DT_MODEM (object);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_dial_finish (modem, result, &error))
    {
      if (still_ours (self, object))
        dt_stage_fail_with (stage, error, DT_RAS_ERROR_DEVICE_ERROR);
      return;
    }
  if (!still_ours (self, object))
    return;
  dt_stage_learn_uint (stage, DT_CALL_FACT_LINK_SPEED, dt_modem_get_speed (modem));
  dt_stage_learn_string (stage, DT_CALL_FACT_CONNECT_STRING, dt_modem_get_connect_line (modem));
  dt_stage_log (stage, "callback: %s answered", self->number);
  dt_stage_done (stage, DT_STAGE_RESULT_CALLED_BACK_CALLER);
}

static void
on_reopened (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallBackStage *self = DT_CALL_BACK_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_open_finish (DT_MODEM (object), result, &error))
    {
      if (still_ours (self, object))
        dt_stage_fail_with (stage, error, DT_RAS_ERROR_PORT_OR_DEVICE);
      return;
    }
  if (!still_ours (self, object))
    return;
  dt_call_set_line_dead (dt_stage_get_call (stage), FALSE);
  dt_modem_dial_async (DT_MODEM (object), self->number, NULL, on_dialed, dt_stage_hold (stage));
}

static gboolean
on_delay (gpointer user_data)
{
  DtCallBackStage *self = user_data;
  DtStage *stage = DT_STAGE (self);

  self->delay_id = 0;
  dt_modem_open_async (dt_call_get_modem (dt_stage_get_call (stage)), NULL, on_reopened,
                       dt_stage_hold (stage));
  return G_SOURCE_REMOVE;
}

static void
on_hung_up (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallBackStage *self = DT_CALL_BACK_STAGE (hold);
  g_autoptr (GError) error = NULL;

  /* The port is closed whatever the modem said; dialing again is the test. */
  if (!dt_modem_hang_up_finish (DT_MODEM (object), result, &error))
    dt_stage_log (DT_STAGE (self), "hang-up before the callback: %s", error->message);
  if (!still_ours (self, object))
    return;
  self->delay_id = g_timeout_add_seconds (self->delay_s, on_delay, self);
}

static void
dt_call_back_stage_start (DtStage *stage)
{
  DtCallBackStage *self = DT_CALL_BACK_STAGE (stage);
  DtModem *modem = dt_call_get_modem (dt_stage_get_call (stage));

  if (!dt_stage_publish (stage, DT_CONN_STATE_CALLING_BACK, self->number))
    return;
  dt_modem_hang_up_async (modem, NULL, on_hung_up, dt_stage_hold (stage));
}

/* The first call's line going down, or its session ending, is what this stage is for. */
static gboolean
dt_call_back_stage_handle_event (DtStage     *stage,
                                 DtCallEvent  event,
                                 DtConnState  state,
                                 guint        code,
                                 const char  *message)
{
  return event == DT_CALL_EVENT_CARRIER_LOST || event == DT_CALL_EVENT_PPP_FINISHED;
}

static void
dt_call_back_stage_stop (DtStage *stage)
{
  DtCallBackStage *self = DT_CALL_BACK_STAGE (stage);

  g_clear_handle_id (&self->delay_id, g_source_remove);
}

static void
dt_call_back_stage_finalize (GObject *object)
{
  DtCallBackStage *self = DT_CALL_BACK_STAGE (object);

  g_free (self->number);

  G_OBJECT_CLASS (dt_call_back_stage_parent_class)->finalize (object);
}

static void
dt_call_back_stage_class_init (DtCallBackStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_call_back_stage_finalize;
  stage_class->kind = DT_STAGE_CALL_BACK;
  stage_class->start = dt_call_back_stage_start;
  stage_class->handle_event = dt_call_back_stage_handle_event;
  stage_class->stop = dt_call_back_stage_stop;
}

static void
dt_call_back_stage_init (DtCallBackStage *self)
{
}

DtStage *
dt_call_back_stage_new (DtStageHost *host,
                        DtCall      *call,
                        const char  *number,
                        guint        delay_s)
{
  DtCallBackStage *self = g_object_new (DT_TYPE_CALL_BACK_STAGE, "host", host, "call", call,
                                        NULL);

  self->number = g_strdup (number);
  self->delay_s = MIN (delay_s, 255);
  return DT_STAGE (self);
}
