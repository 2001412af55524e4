/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtWindow: the main window, the phonebook as a list, each row following its entry's
 * connection in the dialer.  Window actions:
 *   win.edit-entry(s uuid), win.duplicate-entry(s uuid), win.delete-entry(s uuid),
 *   win.undo-delete(s uuid), and for the keyboard win.edit-selected (Ctrl+E, and Return on
 *   the list), win.duplicate-selected (Ctrl+D), win.delete-selected (Delete), win.import
 *   (the import dialog), and win.toast(s message) for windows that report through it (the
 *   entry editor). */
#pragma once

#include <adwaita.h>

#include "dt-dialer.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_WINDOW (dt_window_get_type ())

G_DECLARE_FINAL_TYPE (DtWindow, dt_window, DT, WINDOW, AdwApplicationWindow)

DtWindow *dt_window_new             (GtkApplication *application,
                                     DtPhonebook    *phonebook,
                                     DtDialer       *dialer,
                                     GSettings      *settings);
void      dt_window_new_entry       (DtWindow      *self);
void      dt_window_add_toast       (DtWindow      *self,
                                     AdwToast      *toast);
void      dt_window_show_load_error (DtWindow      *self,
                                     const GError  *error);

G_END_DECLS
