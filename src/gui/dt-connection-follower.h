/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnectionFollower: how a widget that shows one DtConnection follows it, in one place.
 * It is a part of the widget's instance struct, not an object: the connection (a strong
 * reference), a GSignalGroup for the connection's signals and a GBindingGroup for its
 * properties.  When the widget is given another connection, both groups move to it at once;
 * the widget's handlers and bindings stay as they were connected. */
#pragma once

#include <glib-object.h>

#include "dt-connection.h"

G_BEGIN_DECLS

typedef struct
{
  DtConnection *connection;     /* (nullable) */
  GSignalGroup *signals;
  GBindingGroup *bindings;
} DtConnectionFollower;

void     dt_connection_follower_init    (DtConnectionFollower *follower,
                                         gpointer              owner,
                                         GCallback             on_bind,
                                         GCallback             on_unbind);
void     dt_connection_follower_connect (DtConnectionFollower *follower,
                                         GCallback             handler,
                                         gpointer              owner,
                                         const char           *first_signal,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean dt_connection_follower_set     (DtConnectionFollower *follower,
                                         DtConnection         *connection);
void     dt_connection_follower_clear   (DtConnectionFollower *follower);

G_END_DECLS
