/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPreferencesWindow: the application's preferences (app.preferences, Ctrl+comma), each a
 * switch bound to its GSettings key: the tray icon (show-tray-icon), starting at login
 * (start-at-login) and the desktop notifications (show-notifications). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DT_TYPE_PREFERENCES_WINDOW (dt_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, DT, PREFERENCES_WINDOW,
                      AdwWindow)

GtkWidget *dt_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
