/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The listen stage of an incoming call: open the port, set the modem to answer, let the
 * phone ring as many times as the settings say (reading the caller ID when the modem gives
 * one), answer with ATA and take CONNECT.  Listening → Ringing (→ Ringing…) → Answering.
 * A direct cable has nothing to ring: it is online at once, and the call begins with the
 * caller's first LCP frame, Listening → Answering.  What the caller sends before that is
 * looked at through a decoder of bounded size, and its last few kilobytes are kept, so that
 * the session reads that first frame (dt_call_hold_early_input()) rather than wait for the
 * caller to send it again.  A Windows caller on a cable ("Communications cable between two
 * computers") first sends "CLIENT" and starts PPP only once it reads "CLIENTSERVER", as a
 * Windows server answers. */

#include "config.h"

#include <string.h>

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
  GByteArray *early;           /* the last bytes the caller sent, EARLY_MAX to 2 × that */
  guint client_match;          /* how much of "CLIENT" the last bytes were */
  guint client_replies;
};

/* The longest frame the probe takes, every octet escaped, and its flags. */
#define EARLY_MAX (2 * (DT_PPP_DEFAULT_MRU + 16) + 2)
#define CLIENT_HELLO "CLIENT"
#define SERVER_HELLO "CLIENTSERVER"
/* A Windows caller says CLIENT about once a second until it is answered. */
#define MAX_SERVER_HELLOS 30

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

/* Windows' hello on a cable: answered with the server's, a bounded number of times. */
static void
look_for_client (DtListenStage *self,
                 guint8         byte)
{
  DtCall *call = dt_stage_get_call (DT_STAGE (self));

  if (byte == CLIENT_HELLO[self->client_match])
    self->client_match++;
  else
    self->client_match = byte == CLIENT_HELLO[0] ? 1 : 0;
  if (self->client_match < strlen (CLIENT_HELLO))
    return;
  self->client_match = 0;
  if (self->client_replies >= MAX_SERVER_HELLOS)
    return;
  self->client_replies++;
  if (self->client_replies == 1)
    dt_stage_log (DT_STAGE (self), "the caller said " CLIENT_HELLO ": answering "
                  SERVER_HELLO);
  dt_call_write_line (call, SERVER_HELLO, strlen (SERVER_HELLO));
}

static void
on_line_input (DtCall        *call,
               GBytes        *bytes,
               DtListenStage *self)
{
  DtStage *stage = DT_STAGE (self);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize i;

  if (self->heard_lcp || !dt_stage_is_running (stage))
    return;
  /* An octet at a time, so that what follows the first LCP frame is known. */
  for (i = 0; i < length && !self->heard_lcp; i++)
    {
      look_for_client (self, data[i]);
      g_byte_array_append (self->early, data + i, 1);
      if (self->early->len >= 2 * EARLY_MAX)
        g_byte_array_remove_range (self->early, 0, self->early->len - EARLY_MAX);
      dt_ppp_hdlc_decoder_feed (self->probe, data + i, 1);
    }
  if (!self->heard_lcp)
    return;
  /* The frame and whatever came after it in the same read, for the session to read first. */
  {
    gsize keep = MIN (self->early->len, EARLY_MAX);

    dt_call_hold_early_input (call, self->early->data + self->early->len - keep, keep);
    dt_call_hold_early_input (call, data + i, length - i);
  }
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

static void
dt_listen_stage_start (DtStage *stage)
{
  DtCall *call = dt_stage_get_call (stage);

  dt_call_set_modem (call, dt_modem_new_for_entry (dt_call_get_entry (call)));
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
  g_clear_pointer (&self->early, g_byte_array_unref);

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
  self->early = g_byte_array_sized_new (2 * EARLY_MAX);
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
