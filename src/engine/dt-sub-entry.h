/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSubEntry: one sub-entry of a multilink entry (RAS's), while it is dialed: its own DtCall
 * (the modem on its port, a PPP session that is a member link of the bundle) and the stages
 * that run on it, port, login, PPP and teardown, for which it is the host.  It reports to
 * its owner, the DtConnection: the states it reaches (with its index), its link joining the
 * bundle once authenticated ("linked") and leaving it as soon as it goes down
 * ("unlinked"), and its line down ("down", once its teardown is over).  Hanging up one sub-entry leaves the others alone. */
#pragma once

#include "dt-call.h"
#include "dt-stage.h"

G_BEGIN_DECLS

#define DT_TYPE_SUB_ENTRY (dt_sub_entry_get_type ())
G_DECLARE_FINAL_TYPE (DtSubEntry, dt_sub_entry, DT, SUB_ENTRY, GObject)

typedef struct {
  /* A state of this sub-entry: FALSE when the call went elsewhere (stop there). */
  gboolean (*publish) (DtSubEntry    *sub,
                       DtConnState    state,
                       const char    *detail,
                       gpointer       data);
  void     (*learn)   (DtSubEntry    *sub,
                       DtCallFact     fact,
                       const GValue  *value,
                       gpointer       data);
  void     (*log)     (DtSubEntry    *sub,
                       const char    *line,
                       gpointer       data);
  /* Its link authenticated with multilink agreed (or not: the owner decides). */
  void     (*linked)  (DtSubEntry    *sub,
                       gpointer       data);
  /* Its link no longer carries the bundle: it is going down. */
  void     (*unlinked) (DtSubEntry   *sub,
                       gpointer       data);
  /* Its line is down, for @code (0 when asked to hang up); it may be dialed again. */
  void     (*down)    (DtSubEntry    *sub,
                       guint          code,
                       const char    *message,
                       gpointer       data);
} DtSubEntryOwner;

/* The per-link figures the status window and dialtone-cli show. */
typedef struct {
  guint        index;
  DtConnState  state;          /* the last it reached; Disconnected when not dialed */
  gboolean     linked;         /* its link is in the bundle */
  char        *device;
  char        *number;
  guint        link_speed;     /* bps from CONNECT, or 0 */
  guint64      bytes_in;       /* its serial line */
  guint64      bytes_out;
  guint64      frames_in;
  guint64      frames_out;
} DtSubEntryStatus;

void          dt_sub_entry_status_free (DtSubEntryStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSubEntryStatus, dt_sub_entry_status_free)

/* Sub-entry @index (1 and on) of @entry, dialed with @credentials (copied), its PPP session a
 * member link that says @endpoint. */
DtSubEntry   *dt_sub_entry_new         (const DtSubEntryOwner *owner,
                                        gpointer               data,
                                        DtEntry               *entry,
                                        guint                  index,
                                        const DtCredentials   *credentials,
                                        GBytes                *endpoint,
                                        gboolean               trace);
guint         dt_sub_entry_get_index   (DtSubEntry            *self);
/* Dialing, connecting or linked: not down. */
gboolean      dt_sub_entry_is_up       (DtSubEntry            *self);
gboolean      dt_sub_entry_is_linked   (DtSubEntry            *self);
/* Once linked: its member link. */
DtPpp        *dt_sub_entry_get_ppp     (DtSubEntry            *self);
/* Bytes waiting on its port (for the bundle's choice of link). */
gsize         dt_sub_entry_get_backlog (DtSubEntry            *self);
DtSubEntryStatus *dt_sub_entry_get_status (DtSubEntry         *self);

void          dt_sub_entry_dial        (DtSubEntry            *self);
/* Takes the link down (LCP Terminate-Request with @reason, then the modem); "down" follows
 * with 0.  Nothing when it is down already or going. */
void          dt_sub_entry_hang_up     (DtSubEntry            *self,
                                        const char            *reason);
/* The answer to a pause this sub-entry's stage published. */
gboolean      dt_sub_entry_resume      (DtSubEntry            *self,
                                        const DtPauseAnswer   *answer,
                                        GError               **error);
/* Whether a stage of this sub-entry published @state last and waits in it. */
gboolean      dt_sub_entry_is_paused_in (DtSubEntry           *self,
                                        DtConnState            state);

G_END_DECLS
