/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-answer.c (the sequence of an answering port's stages) shares with
 * dt-answer-status.c (what it publishes: properties, signals, the log). */
#pragma once

#include "dt-answer.h"
#include "dt-call-host.h"

G_BEGIN_DECLS

struct _DtAnswer
{
  GObject parent_instance;

  DtIncoming *incoming;
  char *device;
  DtDeviceType device_type;
  guint rings;                   /* 0: the settings' */
  DtNetworkMode network_mode;
  guint auth_timeout;            /* ms */

  DtCallHost host;               /* the call, its stages, its teardown */
  gboolean running;
  gboolean stopping;             /* dt_answer_stop(): "stopped" after the teardown */
  gboolean finishing;            /* a teardown is publishing Disconnected */
  gboolean answered;             /* this call got past the listen stage */
  guint relisten_id;
  guint max_time_id;
  guint consecutive_failures;    /* failed logins in a row: the wait before answering again */
  guint login_refused;           /* this call: the code of a login the caller failed, or 0 */
  char *reserved_address;        /* this call's pool address */

  /* What the properties read. */
  DtConnStatus status;
  gboolean status_authenticated;
  char *state_detail;
  char *state_message;
  char *user;
  char *caller_id;
  char *callback_number;
};

/* dt-answer.c */
void      _dt_answer_teardown            (DtAnswer            *self,
                                          guint                code,
                                          const char          *message);

/* dt-answer-status.c */
void      _dt_answer_class_init_status   (GObjectClass        *object_class);
void      _dt_answer_finalize_status     (DtAnswer            *self);
/* A new call: no user, no addresses, no counters. */
void      _dt_answer_begin_call          (DtAnswer            *self);
void      _dt_answer_set_state           (DtAnswer            *self,
                                          DtConnState          state,
                                          const char          *detail);
void      _dt_answer_set_error           (DtAnswer            *self,
                                          guint                code,
                                          const char          *message);
void      _dt_answer_learn               (gpointer             owner,
                                          DtCallFact           fact,
                                          const GValue        *value);
void      _dt_answer_set_counters        (DtAnswer            *self,
                                          const DtCallCounters *counters);
void      _dt_answer_log                 (DtAnswer            *self,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (2, 3);
/* The pool addresses the callers of every port in this process have. */
gboolean  _dt_answer_address_in_use     (DtAnswer            *self,
                                          const char          *address);
void      _dt_answer_set_reserved_address (DtAnswer           *self,
                                           const char         *address);

G_END_DECLS
