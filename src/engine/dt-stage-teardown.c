/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The teardown stage: the end of a call, whatever state it is in.  The network link goes first
 * (a bounded wait), then PPP (Terminate-Request and a bounded wait for the Ack), then the
 * modem (DTR, or "+++" and ATH0).  Every layer is bounded, so this always ends; the host then
 * publishes Disconnected, or dials again when a paused state's answer needs it. */

#include "config.h"

#include "dt-stages.h"

/* How long a hang-up may wait for PPP's Terminate-Ack before it hangs up the line anyway. */
#define PPP_CLOSE_TIMEOUT_MS 7000
/* How long it waits for the network link to go (NetworkManager deleting the profile) before
 * PPP and the modem hang up anyway: a stalled NetworkManager must not keep the line open,
 * and a working one answers in well under a second. */
#define LINK_DOWN_TIMEOUT_MS 3000

typedef enum {
  DT_TEARDOWN_LINK,
  DT_TEARDOWN_PPP,
  DT_TEARDOWN_MODEM,
  DT_TEARDOWN_DONE,
} DtTeardownPhase;

struct _DtTeardownStage
{
  DtStage parent_instance;

  DtTeardownPhase phase;     /* the next layer to take down */
  char *reason;              /* for the Terminate-Request; NULL: "User request" */
  guint ppp_close_timeout;
  guint link_down_timeout;   /* while it waits for the link to go */
};

G_DEFINE_FINAL_TYPE (DtTeardownStage, dt_teardown_stage, DT_TYPE_STAGE)

static void step (DtTeardownStage *self);

/* The link's answer may come long after the teardown went on without it, even after the
 * connection is gone: it holds the stage weakly, so that a stalled NetworkManager keeps only
 * the DtLink alive. */
static void
on_link_down (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (DtTeardownStage) self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  dt_link_down_finish (DT_LINK (object), result, NULL);
  if (self == NULL || self->link_down_timeout == 0 ||
      object != (GObject *) dt_call_get_link (dt_stage_get_call (DT_STAGE (self))))
    return;
  step (self);
}

static gboolean
on_link_down_timeout (gpointer user_data)
{
  DtTeardownStage *self = user_data;

  self->link_down_timeout = 0;
  dt_stage_log (DT_STAGE (self), "the network link is not down after %u s; hanging up the "
                                 "line regardless", LINK_DOWN_TIMEOUT_MS / 1000);
  step (self);
  return G_SOURCE_REMOVE;
}

static void
on_modem_hung_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtTeardownStage *self = DT_TEARDOWN_STAGE (hold);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_hang_up_finish (DT_MODEM (object), result, &error))
    dt_stage_log (DT_STAGE (self), "modem hang-up: %s", error->message);
  if (dt_stage_is_running (DT_STAGE (self)))
    step (self);
}

static gboolean
on_ppp_close_timeout (gpointer user_data)
{
  DtTeardownStage *self = user_data;

  self->ppp_close_timeout = 0;
  dt_stage_log (DT_STAGE (self), "no Terminate-Ack in time; hanging up the line regardless");
  step (self);
  return G_SOURCE_REMOVE;
}

static gboolean
take_link_down (DtTeardownStage *self,
                DtCall          *call)
{
  GWeakRef *weak;

  if (dt_call_get_link (call) == NULL)
    return FALSE;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->link_down_timeout = g_timeout_add (LINK_DOWN_TIMEOUT_MS, on_link_down_timeout, self);
  dt_link_down_async (dt_call_get_link (call), NULL, on_link_down, weak);
  return TRUE;
}

static gboolean
take_ppp_down (DtTeardownStage *self,
               DtCall          *call)
{
  if (dt_call_get_ppp (call) == NULL || dt_call_get_ppp_finished (call) ||
      dt_call_get_line_dead (call))
    return FALSE;
  self->ppp_close_timeout = g_timeout_add (PPP_CLOSE_TIMEOUT_MS, on_ppp_close_timeout, self);
  dt_ppp_close (dt_call_get_ppp (call), self->reason ? self->reason : "User request");
  return TRUE;
}

static gboolean
take_modem_down (DtTeardownStage *self,
                 DtCall          *call)
{
  DtModem *modem = dt_call_get_modem (call);

  if (modem == NULL || dt_call_get_line_dead (call) ||
      dt_modem_get_state (modem) == DT_MODEM_STATE_CLOSED)
    return FALSE;
  dt_modem_hang_up_async (modem, NULL, on_modem_hung_up, dt_stage_hold (DT_STAGE (self)));
  return TRUE;
}

/* Takes the next layer down; each one that is there comes back here when it is gone. */
static void
step (DtTeardownStage *self)
{
  DtStage *stage = DT_STAGE (self);
  DtCall *call = dt_stage_get_call (stage);

  g_clear_handle_id (&self->ppp_close_timeout, g_source_remove);
  g_clear_handle_id (&self->link_down_timeout, g_source_remove);

  switch (self->phase)
    {
    case DT_TEARDOWN_LINK:
      self->phase = DT_TEARDOWN_PPP;
      if (take_link_down (self, call))
        return;
      G_GNUC_FALLTHROUGH;

    case DT_TEARDOWN_PPP:
      self->phase = DT_TEARDOWN_MODEM;
      if (take_ppp_down (self, call))
        return;
      G_GNUC_FALLTHROUGH;

    case DT_TEARDOWN_MODEM:
      self->phase = DT_TEARDOWN_DONE;
      if (take_modem_down (self, call))
        return;
      G_GNUC_FALLTHROUGH;

    case DT_TEARDOWN_DONE:
    default:
      dt_stage_learn_counters (stage);
      dt_stage_done (stage, DT_STAGE_RESULT_HUNG_UP);
      break;
    }
}

static gboolean
dt_teardown_stage_handle_event (DtStage     *stage,
                                DtCallEvent  event,
                                DtConnState  state,
                                guint        code,
                                const char  *message)
{
  DtTeardownStage *self = DT_TEARDOWN_STAGE (stage);

  /* Only a teardown that is waiting for the Terminate-Ack moves on from here; the rest of
   * what ends now is what it is ending anyway. */
  if (event == DT_CALL_EVENT_PPP_FINISHED && self->ppp_close_timeout != 0)
    step (self);
  return TRUE;
}

static void
dt_teardown_stage_start (DtStage *stage)
{
  DtTeardownStage *self = DT_TEARDOWN_STAGE (stage);

  self->phase = DT_TEARDOWN_LINK;
  step (self);
}

static void
dt_teardown_stage_stop (DtStage *stage)
{
  DtTeardownStage *self = DT_TEARDOWN_STAGE (stage);

  g_clear_handle_id (&self->ppp_close_timeout, g_source_remove);
  g_clear_handle_id (&self->link_down_timeout, g_source_remove);
}

static void
dt_teardown_stage_finalize (GObject *object)
{
  DtTeardownStage *self = DT_TEARDOWN_STAGE (object);

  g_free (self->reason);

  G_OBJECT_CLASS (dt_teardown_stage_parent_class)->finalize (object);
}

static void
dt_teardown_stage_class_init (DtTeardownStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_teardown_stage_finalize;
  stage_class->kind = DT_STAGE_TEARDOWN;
  stage_class->start = dt_teardown_stage_start;
  stage_class->handle_event = dt_teardown_stage_handle_event;
  stage_class->stop = dt_teardown_stage_stop;
}

static void
dt_teardown_stage_init (DtTeardownStage *self)
{
}

DtStage *
dt_teardown_stage_new (DtStageHost *host,
                       DtCall      *call,
                       const char  *reason)
{
  DtTeardownStage *self = g_object_new (DT_TYPE_TEARDOWN_STAGE, "host", host, "call", call,
                                        NULL);

  self->reason = g_strdup (reason);
  return DT_STAGE (self);
}

void
dt_teardown_stage_set_reason (DtTeardownStage *self,
                              const char      *reason)
{
  g_return_if_fail (DT_IS_TEARDOWN_STAGE (self));

  g_free (self->reason);
  self->reason = g_strdup (reason);
}
