/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small GDBus helpers shared by the engine's libraries and the UI (GIO only, not public
 * API). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Ends the signal subscription *@id on @bus, if there is one, and sets *@id to 0. */
static inline void
dt_dbus_clear_subscription (GDBusConnection *bus,
                            guint           *id)
{
  if (bus != NULL && *id != 0)
    g_dbus_connection_signal_unsubscribe (bus, *id);
  *id = 0;
}

G_END_DECLS
