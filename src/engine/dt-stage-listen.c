/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The listen stage of an incoming call: open the port, set the modem to answer, let the
 * phone ring as many times as the settings say (reading the caller ID when the modem gives
 * one), answer with ATA and take CONNECT.  Listening → Ringing (→ Ringing…) → Answering.
 * A direct cable has nothing to ring: it is online at once, and the call begins with the
 * caller's first LCP frame, Listening → Answering.  What the caller sent before that is
 * only looked at, through a decoder of bounded size; its LCP retransmits the frame. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-hdlc.h"
#include "dt-stages.h"

struct _DtListenStage
{
  DtStage parent_instance;

  guint rings;
  DtPppHdlcDecoder *probe;     /* direct cable: looks for the caller's first LCP frame */
  gboolean heard_lcp;
};

G_DEFINE_FINAL_TYPE (DtListenStage, dt_listen_stage, DT_TYPE_STAGE)

static DtEntry *
entry_of (DtListenStage *self)
{
  return dt_call_get_entry (dt_stage_get_call (DT_STAGE (self)));
}

static void
on_modem_ring (DtModem       *modem,
               guint          count,
               const char    *caller,
               DtListenStage *self)
{
  DtStage *stage = DT_STAGE (self);
  g_autofree char *detail = NULL;

  if (caller != NULL)
    {
      dt_stage_learn_string (stage, DT_CALL_FACT_CALLER_ID, caller);
      /* Translators: the detail of "The phone is ringing (%s)": ring 1 of 2, from 5550123. */
      detail = g_strdup_printf (_("ring %u of %u, from %s"), count, self->rings, caller);
    }
  else
    detail = g_strdup_printf (_("ring %u of %u"), count, self->rings);
  if (!dt_stage_publish (stage, DT_CONN_STATE_RINGING, detail))
    return;
  if (count >= self->rings)
    dt_stage_publish (stage, DT_CONN_STATE_ANSWERING, caller);
}

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtStage *stage = DT_STAGE (hold);
  DtModem *modem = DT_MODEM (object);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_answer_finish (modem, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dt_stage_fail_with (stage, error, DT_RAS_ERROR_DEVICE_ERROR);
      return;
    }
  if (!dt_stage_is_running (stage))
    return;
  dt_stage_learn_uint (stage, DT_CALL_FACT_LINK_SPEED, dt_modem_get_speed (modem));
  dt_stage_learn_string (stage, DT_CALL_FACT_CONNECT_STRING, dt_modem_get_connect_line (modem));
  if (dt_entry_get_device_type (entry_of (DT_LISTEN_STAGE (stage))) == DT_DEVICE_TYPE_DIRECT)
    {
      /* Wait for the caller's PPP: nothing goes to a session before it speaks. */
      DtCall *call = dt_stage_get_call (stage);

      dt_call_set_line (call, DT_CALL_LINE_SCRIPT);
      dt_call_start_line (call);
      return;
    }
  dt_stage_done (stage, DT_STAGE_RESULT_ANSWERED);
}

static void
on_probe_frame (guint16       protocol,
                const guint8 *info,
                gsize         len,
                gpointer      user_data)
{
  DtListenStage *self = user_data;

  if (protocol == DT_PPP_PROTO_LCP)
    self->heard_lcp = TRUE;
}

static void
on_line_input (DtCall        *call,
               GBytes        *bytes,
               DtListenStage *self)
{
  DtStage *stage = DT_STAGE (self);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (self->heard_lcp || !dt_stage_is_running (stage))
    return;
  dt_ppp_hdlc_decoder_feed (self->probe, data, length);
  if (!self->heard_lcp)
    return;
  dt_call_set_line (call, DT_CALL_LINE_PPP);
  if (dt_stage_publish (stage, DT_CONN_STATE_ANSWERING, NULL))
    dt_stage_done (stage, DT_STAGE_RESULT_ANSWERED);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtListenStage *self = DT_LISTEN_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  DtCall *call = dt_stage_get_call (stage);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_open_finish (DT_MODEM (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dt_stage_fail_with (stage, error, DT_RAS_ERROR_PORT_OR_DEVICE);
      return;
    }
  if (!dt_stage_publish (stage, DT_CONN_STATE_LISTENING, dt_entry_get_device (entry_of (self))))
    return;
  g_signal_connect_object (object, "ring", G_CALLBACK (on_modem_ring), self, 0);
  g_signal_connect_object (call, "line-input", G_CALLBACK (on_line_input), self, 0);
  dt_modem_listen_async (DT_MODEM (object), self->rings, dt_call_get_cancellable (call),
                         on_answered, dt_stage_hold (stage));
}

static DtModem *
create_modem (DtEntry *e)
{
  DtModemConfig config = {
    .device = dt_entry_get_device (e),
    .device_type = dt_entry_get_device_type (e),
    .speed = dt_entry_get_speed (e),
    .flow_control = dt_entry_get_flow_control (e),
    .init_strings = dt_entry_get_init_strings (e),
    .extra_commands = dt_entry_get_extra_commands (e),
    .speaker = dt_entry_get_speaker (e),
    .dial_mode = dt_entry_get_dial_mode (e),
    .dial_timeout = dt_entry_get_dial_timeout (e) * 1000,
  };

  return dt_modem_new (&config);
}

static void
dt_listen_stage_start (DtStage *stage)
{
  DtCall *call = dt_stage_get_call (stage);

  dt_call_set_modem (call, create_modem (dt_call_get_entry (call)));
  dt_modem_open_async (dt_call_get_modem (call), dt_call_get_cancellable (call), on_opened,
                       dt_stage_hold (stage));
}

static void
dt_listen_stage_stop (DtStage *stage)
{
  DtListenStage *self = DT_LISTEN_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);

  g_signal_handlers_disconnect_by_data (call, self);
  if (dt_call_get_modem (call) != NULL)
    g_signal_handlers_disconnect_by_data (dt_call_get_modem (call), self);
}

static void
dt_listen_stage_finalize (GObject *object)
{
  DtListenStage *self = DT_LISTEN_STAGE (object);

  g_clear_pointer (&self->probe, dt_ppp_hdlc_decoder_free);

  G_OBJECT_CLASS (dt_listen_stage_parent_class)->finalize (object);
}

static void
dt_listen_stage_class_init (DtListenStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_listen_stage_finalize;
  stage_class->kind = DT_STAGE_LISTEN;
  stage_class->start = dt_listen_stage_start;
  stage_class->stop = dt_listen_stage_stop;
}

static void
dt_listen_stage_init (DtListenStage *self)
{
  /* The largest frame a caller may send before LCP agrees on anything, and no more. */
  self->probe = dt_ppp_hdlc_decoder_new (DT_PPP_DEFAULT_MRU + 16, on_probe_frame, self);
}

DtStage *
dt_listen_stage_new (DtStageHost *host,
                     DtCall      *call,
                     guint        rings)
{
  DtListenStage *self = g_object_new (DT_TYPE_LISTEN_STAGE, "host", host, "call", call, NULL);

  self->rings = MAX (rings, 1);
  return DT_STAGE (self);
}
