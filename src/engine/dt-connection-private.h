/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-connection.c (the sequence of the stages) shares with dt-connection-status.c (what
 * the connection publishes: properties, signals, the log). */
#pragma once

#include "dt-call-host.h"
#include "dt-connection.h"
#include "dt-sub-entry.h"

G_BEGIN_DECLS

struct _DtConnection
{
  GObject parent_instance;

  DtCallHost host;               /* the call, its stages, its teardown */
  DtNetworkMode network_mode;
  guint callback_timeout;        /* ms to wait for the call back's RING; 0: the default */
  guint apply_settings_timeout;  /* ms ApplySettings may take; 0: the default */

  /* What get_status() returns; the properties read from here. */
  DtConnStatus status;
  char *pause_message;
  char *state_detail;            /* of the last state-changed */
  char *state_message;           /* dt_conn_state_describe() of it, in the user's language */
  gboolean callback_optional;    /* in CallbackSetByCaller: the server also offers none */
  guint counter_holds;           /* dt_connection_hold_counters() */

  GTask *dial_task;              /* until Connected or the end */
  GCancellable *caller_cancellable;
  gulong caller_cancel_id;

  gboolean trace;

  /* A multilink entry's (dt-connection-multilink.c): its sub-entries while dialed, the
   * Endpoint Discriminator of this dial, the first sub-entry's failure (the call's end when
   * none joins), the sub-entry waiting in a pause. */
  GPtrArray *sub_entries;        /* DtSubEntry; empty for an entry with one device */
  GBytes *endpoint;
  guint first_sub_error;
  char *first_sub_message;
  guint paused_sub_entry;
  gboolean teardown_stage_done;

  gboolean user_hung_up;         /* dt_connection_hang_up() since the dial started: it wins */
  guint teardown_done_id;        /* the layers are down: Disconnected from this idle */

  GPtrArray *log;
  gint64 start_us;
};

/* dt-connection.c, for dt-connection-multilink.c */
void  _dt_connection_multilink_teardown_step (DtConnection   *self);

/* dt-connection-multilink.c */
gboolean _dt_connection_is_multilink     (DtConnection       *self);
void  _dt_connection_multilink_start     (DtConnection       *self);
void  _dt_connection_multilink_more      (DtConnection       *self);
void  _dt_connection_multilink_fewer     (DtConnection       *self);
void  _dt_connection_multilink_hang_up   (DtConnection       *self,
                                          const char         *reason);
gboolean _dt_connection_multilink_all_down (DtConnection     *self);
gboolean _dt_connection_multilink_resume (DtConnection       *self,
                                          const DtPauseAnswer *answer,
                                          GError            **error);
void  _dt_connection_multilink_counters  (DtConnection       *self,
                                          DtCallCounters     *counters);
void  _dt_connection_multilink_clear     (DtConnection       *self);

/* dt-connection-status.c */
void  _dt_connection_class_init_status   (GObjectClass       *object_class);
void  _dt_connection_finalize_status     (DtConnection       *self);
/* A new dial: no error, no addresses, no counters; the entry and its port. */
void  _dt_connection_begin_status        (DtConnection       *self);
void  _dt_connection_notify_entry        (DtConnection       *self);
void  _dt_connection_set_state           (DtConnection       *self,
                                          DtConnState         state,
                                          const char         *detail);
/* A state of sub-entry @sub_entry (1 and on), or of the connection (0). */
void  _dt_connection_publish             (DtConnection       *self,
                                          DtConnState         state,
                                          const char         *detail,
                                          guint               sub_entry);
void  _dt_connection_set_error           (DtConnection       *self,
                                          guint               code,
                                          const char         *message);
/* DtStageHost's learn: a fact a stage reports, as a property. */
void  _dt_connection_learn               (gpointer            owner,
                                          DtCallFact          fact,
                                          const GValue       *value);
void  _dt_connection_set_counters        (DtConnection       *self,
                                          const DtCallCounters *counters);
void  _dt_connection_log                 (DtConnection       *self,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (2, 3);
void  _dt_connection_emit_terminal_output (DtConnection      *self,
                                           GBytes            *bytes);

G_END_DECLS
