/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The connection follower: see dt-connection-follower.h.  The log view, the throughput
 * graph, the status window and the entry row each follow a connection this way. */

#include "config.h"

#include "dt-connection-follower.h"

/**
 * dt_connection_follower_init:
 * @owner: the widget, which the handlers get first (G_CONNECT_SWAPPED)
 * @on_bind: (nullable): called as on_bind (owner, connection) when a connection is followed
 * @on_unbind: (nullable): called as on_unbind (owner) when it no longer is
 *
 * Follows no connection yet.
 */
void
dt_connection_follower_init (DtConnectionFollower *follower,
                             gpointer              owner,
                             GCallback             on_bind,
                             GCallback             on_unbind)
{
  g_return_if_fail (follower != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));

  follower->connection = NULL;
  follower->signals = g_signal_group_new (DT_TYPE_CONNECTION);
  follower->bindings = g_binding_group_new ();
  if (on_bind != NULL)
    g_signal_connect_object (follower->signals, "bind", on_bind, owner, G_CONNECT_SWAPPED);
  if (on_unbind != NULL)
    g_signal_connect_object (follower->signals, "unbind", on_unbind, owner, G_CONNECT_SWAPPED);
}

/**
 * dt_connection_follower_connect:
 * @handler: called with @owner first, for each of the signals
 * @first_signal: the first of the connection's signals ("log", "notify::state"…)
 * @...: more signals, then %NULL
 *
 * Connects @handler to the signals of whichever connection is followed.  Call it before the
 * first dt_connection_follower_set(): a GSignalGroup takes no handlers once it had a target.
 */
void
dt_connection_follower_connect (DtConnectionFollower *follower,
                                GCallback             handler,
                                gpointer              owner,
                                const char           *first_signal,
                                ...)
{
  va_list args;

  g_return_if_fail (follower != NULL && follower->signals != NULL);

  va_start (args, first_signal);
  for (const char *signal = first_signal; signal != NULL; signal = va_arg (args, const char *))
    g_signal_group_connect_object (follower->signals, signal, handler, owner, G_CONNECT_SWAPPED);
  va_end (args);
}

/**
 * dt_connection_follower_set:
 * @connection: (nullable): the connection to follow
 *
 * Returns: whether it is another connection than before (the owner's property changed)
 */
gboolean
dt_connection_follower_set (DtConnectionFollower *follower,
                            DtConnection         *connection)
{
  g_return_val_if_fail (follower != NULL && follower->signals != NULL, FALSE);
  g_return_val_if_fail (connection == NULL || DT_IS_CONNECTION (connection), FALSE);

  if (!g_set_object (&follower->connection, connection))
    return FALSE;
  g_binding_group_set_source (follower->bindings, connection);
  g_signal_group_set_target (follower->signals, connection);
  return TRUE;
}

/* For the owner's dispose: its handlers and bindings go, then the connection. */
void
dt_connection_follower_clear (DtConnectionFollower *follower)
{
  g_return_if_fail (follower != NULL);

  g_clear_object (&follower->bindings);
  g_clear_object (&follower->signals);
  g_clear_object (&follower->connection);
}
