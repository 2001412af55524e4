/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The established stage: Connected, until the teardown is done.  While someone watches the
 * counters (a status window is shown), it shows them about once a second while traffic flows,
 * and not at all while the link is idle (a timer armed by traffic lapses on its own); with
 * nobody watching, traffic runs no timer at all and the counters are read when asked for.
 * It runs the entry's idle disconnect: one timeout at a time,
 * re-armed for the time left when datagrams moved meanwhile, so that nothing runs per packet
 * beyond noting the time.  LCP's echo keepalive is the PPP session's own (DtPpp): a peer that
 * stops answering ends the session, which ends the call.
 *
 * A server that authenticates us again while connected (CHAP's periodic Challenge) shows as
 * ReAuthenticate, then Connected again once it accepts; traffic flows throughout.  When it
 * refuses, the call ends with its code (691, or what MS-CHAPv2's Failure said). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-stages.h"

struct _DtEstablishedStage
{
  DtStage parent_instance;

  guint stats_source;
  guint idle_source;
  gint64 since_us;           /* Connected */
  gulong traffic_handler;
  DtPpp *ppp;                /* whose re-authentications this stage shows */
};

G_DEFINE_FINAL_TYPE (DtEstablishedStage, dt_established_stage, DT_TYPE_STAGE)

static gboolean on_idle_timeout (gpointer user_data);

static void
arm_idle (DtEstablishedStage *self,
          gint64              delay_us)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add (MAX (delay_us / 1000, 1), on_idle_timeout, self);
}

static gboolean
on_idle_timeout (gpointer user_data)
{
  DtEstablishedStage *self = user_data;
  DtStage *stage = DT_STAGE (self);
  DtCall *call = dt_stage_get_call (stage);
  guint idle = dt_entry_get_idle_disconnect (dt_call_get_entry (call));
  gint64 last = MAX (self->since_us, dt_call_get_last_packet (call));
  gint64 quiet = g_get_monotonic_time () - last;
  g_autofree char *message = NULL;

  self->idle_source = 0;
  if (quiet < (gint64) idle * G_USEC_PER_SEC)
    {
      arm_idle (self, (gint64) idle * G_USEC_PER_SEC - quiet);
      return G_SOURCE_REMOVE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Hung up after %u second without traffic, as the entry asks",
                                          "Hung up after %u seconds without traffic, as the entry asks",
                                          idle), idle);
  dt_stage_log (stage, "%s", message);
  /* The entry asked for it, as a user would: no redial, no error. */
  dt_stage_fail (stage, DT_RAS_ERROR_USER_DISCONNECTION, message);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stats_timeout (gpointer user_data)
{
  DtEstablishedStage *self = user_data;

  self->stats_source = 0;
  dt_stage_learn_counters (DT_STAGE (self));
  return G_SOURCE_REMOVE;
}

static void
on_call_traffic (DtCall             *call,
                 DtEstablishedStage *self)
{
  if (self->stats_source == 0 && dt_call_get_counters_watched (call))
    self->stats_source = g_timeout_add (1000, on_stats_timeout, self);
}

static void
on_ppp_reauthenticating (DtPpp              *ppp,
                         const char         *protocol,
                         DtEstablishedStage *self)
{
  dt_stage_log (DT_STAGE (self), "the server authenticates us again (%s)", protocol);
  dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_RE_AUTHENTICATE, protocol);
}

static void
on_ppp_reauthenticated (DtPpp              *ppp,
                        gboolean            success,
                        guint               code,
                        const char         *message,
                        DtEstablishedStage *self)
{
  if (success)
    dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_CONNECTED, dt_ppp_get_local_address (ppp));
  else
    dt_stage_fail (DT_STAGE (self), code, message);
}

static void
dt_established_stage_start (DtStage *stage)
{
  DtEstablishedStage *self = DT_ESTABLISHED_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  guint idle = dt_entry_get_idle_disconnect (dt_call_get_entry (call));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_auto (GValue) since = G_VALUE_INIT;

  g_value_init (&since, G_TYPE_DATE_TIME);
  g_value_set_boxed (&since, now);
  dt_stage_learn (stage, DT_CALL_FACT_CONNECTED_SINCE, &since);
  dt_stage_learn_counters (stage);
  self->since_us = g_get_monotonic_time ();
  if (idle > 0)
    arm_idle (self, (gint64) idle * G_USEC_PER_SEC);
  dt_stage_publish (stage, DT_CONN_STATE_CONNECTED,
                    dt_ppp_get_local_address (dt_call_get_ppp (call)));
  /* Also while a teardown from Connected runs: the counters go on until the line is down. */
  self->traffic_handler = g_signal_connect_object (call, "traffic", G_CALLBACK (on_call_traffic),
                                                   self, 0);
  self->ppp = g_object_ref (dt_call_get_ppp (call));
  g_signal_connect_object (self->ppp, "reauthenticating", G_CALLBACK (on_ppp_reauthenticating),
                           self, 0);
  g_signal_connect_object (self->ppp, "reauthenticated", G_CALLBACK (on_ppp_reauthenticated),
                           self, 0);
}

static void
dt_established_stage_stop (DtStage *stage)
{
  DtEstablishedStage *self = DT_ESTABLISHED_STAGE (stage);

  g_clear_handle_id (&self->stats_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_signal_handler (&self->traffic_handler, dt_stage_get_call (stage));
  if (self->ppp != NULL)
    g_signal_handlers_disconnect_by_data (self->ppp, self);
  g_clear_object (&self->ppp);
}

static void
dt_established_stage_class_init (DtEstablishedStageClass *klass)
{
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  stage_class->kind = DT_STAGE_ESTABLISHED;
  stage_class->start = dt_established_stage_start;
  stage_class->stop = dt_established_stage_stop;
}

static void
dt_established_stage_init (DtEstablishedStage *self)
{
}

DtStage *
dt_established_stage_new (DtStageHost *host,
                          DtCall      *call)
{
  return g_object_new (DT_TYPE_ESTABLISHED_STAGE, "host", host, "call", call, NULL);
}
