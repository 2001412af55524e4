/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the tray item shows for the dialer's connections right now: the Status, the icon
 * and the tooltip.  Computed afresh on each state change, so that DtTray can compare it
 * with what it showed before and emit NewStatus, NewIcon and NewToolTip only for what
 * changed. */
#pragma once

#include <gio/gio.h>

#include "dt-dialer.h"
#include "dt-incoming-server.h"

G_BEGIN_DECLS

typedef struct {
  const char *status;          /* "Passive", "Active" or "NeedsAttention" (static) */
  const char *icon_name;       /* one of the dialtone-*-symbolic icons (static) */
  char       *title;           /* the tooltip's title: the entry, or "Dialtone" */
  char       *text;            /* the tooltip's text (the SNI markup subset, escaped) */
  GDateTime  *connected_since; /* when the connection shown is Connected: the text's
                                * duration changes a minute after this, and every minute */
} DtTrayLook;

/* @failed: the connection that ended with an error the user has not looked at yet, or
 * NULL.  @details: DtConnection → the detail of its last state-changed (the number dialed,
 * the speed, the server's words).  @now: for the duration. */
DtTrayLook *dt_tray_look_new        (DtDialer     *dialer,
                                     DtConnection *failed,
                                     GHashTable   *details,
                                     GDateTime    *now);
void        dt_tray_look_free       (DtTrayLook   *look);
/* Incoming Connections: a caller connected, or ports waiting for calls, shown as the item's
 * own look when no dial is under way, else as a line of the tooltip. */
void        dt_tray_look_add_incoming (DtTrayLook       *look,
                                       DtIncomingServer *server,
                                       GDateTime        *now);

/* "under a minute", "5 minutes", "2 h 05 min": the minute resolution of the tooltip. */
char       *dt_tray_format_duration (GTimeSpan     duration);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTrayLook, dt_tray_look_free)

G_END_DECLS
