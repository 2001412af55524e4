/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPreferencesWindow: the app's settings that are not an entry's (app.preferences,
 * Ctrl+comma): the tray icon, Start at login (applied by the app's DtAutostart, whose
 * refusals show here as a toast, the switch back off), the desktop notifications, and the
 * caller's location for dialing rules.  Run from the build tree, Start at login says which
 * program it starts. */
#pragma once

#include <adwaita.h>

#include "dt-autostart.h"

G_BEGIN_DECLS

#define DT_TYPE_PREFERENCES_WINDOW (dt_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, DT, PREFERENCES_WINDOW,
                      AdwWindow)

GtkWidget *dt_preferences_window_new (GtkWindow   *parent,
                                      GSettings   *settings,
                                      DtAutostart *autostart);

G_END_DECLS
