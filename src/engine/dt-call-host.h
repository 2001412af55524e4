/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtCallHost: what the three hosts of a call's stages share.  DtConnection (a dial),
 * DtAnswer (an answering port) and DtSubEntry (one line of a multilink dial) each embed one
 * and are the DtStageHost that returns it.  It holds the call and its stages by kind, keeps
 * what the stages report on the way to its owner (a state of the owner's stage table and no
 * teardown running, a fact, a result, a log line), passes on DtCall's log, counters and
 * events (the running stages see an event first), and takes the call down: the first
 * reason stands, every stage on its way stops but the established one, and the teardown
 * stage takes the layers down.  What follows each result, and what the owner publishes, is
 * the owner's (DtCallHostOps). */
#pragma once

#include "dt-call.h"
#include "dt-stage.h"

G_BEGIN_DECLS

/* The owner's part; @owner is the object that embeds the DtCallHost. */
typedef struct {
  /* Enters @state (of the multilink sub-entry @sub_entry, 0 for the call itself): FALSE when
   * the call went elsewhere meanwhile.  Never while a teardown runs. */
  gboolean (*publish)    (gpointer        owner,
                          DtConnState     state,
                          const char     *detail,
                          guint           sub_entry);
  void     (*learn)      (gpointer        owner,
                          DtCallFact      fact,
                          const GValue   *value);
  void     (*done)       (gpointer        owner,
                          DtStage        *stage,
                          DtStageResult   result);
  /* A line of the call's log: a stage's, or the call's own. */
  void     (*log)        (gpointer        owner,
                          const char     *line);
  /* A layer ended by itself in @state, no stage took it, no teardown runs and the call
   * waits in no pause: the owner's rule (a teardown with its code). */
  void     (*event)      (gpointer        owner,
                          DtCallEvent     event,
                          DtConnState     state,
                          guint           code,
                          const char     *message);
  /* The call's counters changed.  NULL: the owner does not follow them. */
  void     (*counters)   (gpointer        owner,
                          const DtCallCounters *counters);
  /* A teardown begins, its reason kept: before the stages stop.  May be NULL. */
  void     (*hanging_up) (gpointer        owner);
  /* The stages stopped and the call is cancelled: before the teardown stage.  May be NULL. */
  void     (*stopped)    (gpointer        owner);
} DtCallHostOps;

struct _DtCallHost
{
  gpointer owner;                 /* not a reference: it embeds this */
  const DtCallHostOps *ops;
  const DtStageTableRow *table;   /* which stage publishes each state; NULL: any */
  gsize n_rows;
  const DtConnState *state;       /* the owner's state, as it last published it */

  DtCall *call;
  DtStage *stages[DT_N_STAGES];   /* by kind: the ones of this call, running or done */
  gboolean hanging_up;            /* a teardown runs */
  gboolean redial;                /* dial again once it is over (AuthRetry) */
  guint code;                     /* the RAS code the call ends with */
  char *message;                  /* and why, or NULL */
};

/* Defines type_name_stage_host_init() for TypeName's G_IMPLEMENT_INTERFACE (DT_TYPE_STAGE_HOST,
 * ...): its DtCallHost is its member "host". */
#define DT_DEFINE_STAGE_HOST(TypeName, type_name) \
  static DtCallHost * \
  type_name##_get_call_host (DtStageHost *host) \
  { \
    return &((TypeName *) host)->host; \
  } \
  static void \
  type_name##_stage_host_init (DtStageHostInterface *iface) \
  { \
    iface->get_call_host = type_name##_get_call_host; \
  }

/* For the owner's init: a new DtCall, whose signals reach @ops. */
void      _dt_call_host_init            (DtCallHost            *self,
                                         gpointer               owner,
                                         const DtCallHostOps   *ops,
                                         const DtStageTableRow *table,
                                         gsize                  n_rows,
                                         const DtConnState     *state);
/* For the owner's dispose and finalize. */
void      _dt_call_host_dispose         (DtCallHost            *self);
void      _dt_call_host_finalize        (DtCallHost            *self);

/* A new call: no teardown, no reason, no redial. */
void      _dt_call_host_reset           (DtCallHost            *self);
/* Ends the call with @code: see above.  Nothing when a teardown runs already. */
void      _dt_call_host_teardown        (DtCallHost            *self,
                                         guint                  code,
                                         const char            *message);
/* The teardown stage is done: the stages and the layers go.  TRUE when the call is to be
 * dialed again (a stage failed with a redial), which the flag then no longer says. */
gboolean  _dt_call_host_finish_teardown (DtCallHost            *self);
/* Dials again on the same call, from the port stage; the reason of the teardown goes. */
void      _dt_call_host_redial          (DtCallHost            *self);

/* DtStageHost: what dt-stage.c passes on from a running stage. */
gboolean  _dt_call_host_publish         (DtCallHost            *self,
                                         DtStage               *stage,
                                         DtConnState            state,
                                         const char            *detail,
                                         guint                  sub_entry);
void      _dt_call_host_learn           (DtCallHost            *self,
                                         DtCallFact             fact,
                                         const GValue          *value);
void      _dt_call_host_done            (DtCallHost            *self,
                                         DtStage               *stage,
                                         DtStageResult          result);
void      _dt_call_host_fail            (DtCallHost            *self,
                                         guint                  code,
                                         const char            *message,
                                         gboolean               redial);
void      _dt_call_host_log             (DtCallHost            *self,
                                         const char            *line);

G_END_DECLS
