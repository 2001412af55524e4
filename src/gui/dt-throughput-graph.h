/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtThroughputGraph: the bytes received and sent in each of the last 60 seconds, as bars,
 * drawn with GtkSnapshot.  It samples the connection's "bytes-in" and "bytes-out" as the
 * engine notifies them. */
#pragma once

#include <gtk/gtk.h>

#include "dt-connection.h"

G_BEGIN_DECLS

#define DT_TYPE_THROUGHPUT_GRAPH (dt_throughput_graph_get_type ())

G_DECLARE_FINAL_TYPE (DtThroughputGraph, dt_throughput_graph, DT, THROUGHPUT_GRAPH, GtkWidget)

GtkWidget    *dt_throughput_graph_new            (void);
DtConnection *dt_throughput_graph_get_connection (DtThroughputGraph *self);
void          dt_throughput_graph_set_connection (DtThroughputGraph *self,
                                                  DtConnection      *connection);

G_END_DECLS
