/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLogView: a connection's log ("More Info", "Details") in a scrolled, selectable,
 * read-only text view that follows the log as new lines arrive. */
#pragma once

#include <gtk/gtk.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_LOG_VIEW (dt_log_view_get_type ())

G_DECLARE_FINAL_TYPE (DtLogView, dt_log_view, DT, LOG_VIEW, GtkWidget)

GtkWidget    *dt_log_view_new            (void);
DtConnection *dt_log_view_get_connection (DtLogView    *self);
void          dt_log_view_set_connection (DtLogView    *self,
                                          DtConnection *connection);
char         *dt_log_view_dup_text       (DtLogView    *self);

G_END_DECLS
