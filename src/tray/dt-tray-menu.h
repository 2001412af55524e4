/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtTrayMenu: the tray item's menu, served as com.canonical.dbusmenu by libdbusmenu-glib.
 *   Connect ▸ (one item per phonebook entry) · Hang Up · Status… · Open Dialtone · Quit
 * Each item activates the application's own GAction (app.dial with the entry's uuid,
 * app.hang-up "", app.show-status "", app.show-window, app.quit), and the items follow the
 * dialer: Hang Up while app.hang-up is enabled (a connection is live, or a redial counts
 * down), and "Hang Up All" while more than one is live; Connect not while a dial is in
 * progress; Status… only while connected. */
#pragma once

#include <gio/gio.h>

#include "dt-dialer.h"

G_BEGIN_DECLS

#define DT_TYPE_TRAY_MENU (dt_tray_menu_get_type ())
G_DECLARE_FINAL_TYPE (DtTrayMenu, dt_tray_menu, DT, TRAY_MENU, GObject)

/* Signals:
 *   opened (): a host is about to show the menu (AboutToShow or the "opened" event of the
 *     root): the user is looking at the tray. */

DtTrayMenu *dt_tray_menu_new      (GApplication *application,
                                   DtDialer     *dialer,
                                   GListModel   *entries);

/* Serves the menu at @object_path on the session bus, until unexported. */
void        dt_tray_menu_export   (DtTrayMenu   *self,
                                   const char   *object_path);
void        dt_tray_menu_unexport (DtTrayMenu   *self);

G_END_DECLS
