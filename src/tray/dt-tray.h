/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtTray: Dialtone's icon in the panel, as a StatusNotifierItem on the session bus (GDBus,
 * no GTK: GTK 4 has no tray API).  It shows whether the user is offline, dialing, waiting
 * for an answer or online, and serves a menu (DtTrayMenu) to dial an entry, hang up, see the
 * status, open the window or quit.  Every click ends in one of the application's GActions
 * (app.dial, app.hang-up, app.show-status, app.show-window or app.toggle-window, app.quit),
 * the same ones the window and the keyboard shortcuts use.
 *
 * The item registers with org.kde.StatusNotifierWatcher, and again whenever a watcher
 * appears; with no watcher nothing shows and nothing breaks.  It emits NewStatus, NewIcon
 * and NewToolTip only when what it shows changed: on connection state changes, and once a
 * minute while connected (the tooltip's duration has minute resolution). */
#pragma once

#include <gio/gio.h>

#include "dt-dialer.h"
#include "dt-incoming-server.h"

G_BEGIN_DECLS

/* Where the item and its menu are exported on the session bus. */
#define DT_TRAY_OBJECT_PATH "/StatusNotifierItem"
#define DT_TRAY_MENU_OBJECT_PATH "/StatusNotifierItem/Menu"

#define DT_TYPE_TRAY (dt_tray_get_type ())
G_DECLARE_FINAL_TYPE (DtTray, dt_tray, DT, TRAY, GObject)

/* Properties:
 *   "application" (GApplication, construct-only, not owned: the application owns the tray),
 *   "dialer" (DtDialer, construct-only), "entries" (GListModel of DtEntry, construct-only),
 *   "visible" (gboolean: exported and registered, or gone from the bus; bind it to the
 *     show-tray-icon setting),
 *   "icon-theme-path" (string: where a host finds the status icons; by default the source
 *     tree's data/icons when running from the build tree, else "" for the installed theme),
 *   "registered" (gboolean, read-only: a watcher accepted the item, so a panel can show it).
 */

DtTray      *dt_tray_new                 (GApplication *application,
                                          DtDialer     *dialer,
                                          GListModel   *entries);
/* Incoming Connections' ports: their state shows too (listening, a caller connected). */
void         dt_tray_set_incoming        (DtTray           *self,
                                          DtIncomingServer *server);

gboolean     dt_tray_get_visible         (DtTray       *self);
void         dt_tray_set_visible         (DtTray       *self,
                                          gboolean      visible);
const char  *dt_tray_get_icon_theme_path (DtTray       *self);
void         dt_tray_set_icon_theme_path (DtTray       *self,
                                          const char   *path);
gboolean     dt_tray_get_registered      (DtTray       *self);
/* The well-known name the item owns while visible (org.kde.StatusNotifierItem-PID-N), or
 * NULL while hidden. */
const char  *dt_tray_get_bus_name        (DtTray       *self);

G_END_DECLS
