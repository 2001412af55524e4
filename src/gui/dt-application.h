/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtApplication: the single-instance Dialtone app (io.github.dialtone.Dialtone).  It owns the
 * phonebook, the settings and the one DtDialer through which every dial and hang-up goes, so
 * the window, the status windows and the tray always agree.  App-wide actions:
 *   app.new-entry, app.about, app.preferences (Ctrl+comma),
 *   app.dial(s uuid): the Connect dialog for that entry, or a dial at once when the entry
 *     has a saved password and does not prompt; for a connected entry, its status window;
 *     disabled while a dial is in progress,
 *   app.hang-up(s uuid): that entry's connection, "" for every live one; enabled while busy,
 *   app.show-status(s uuid): the status window of that entry's connection, "" for the
 *     active one,
 *   app.show-window: the main window, created if needed,
 *   app.toggle-window: hides the main window when it is shown and focused, else presents it
 *     (created if needed): what a click on the tray icon does,
 *   app.quit (Ctrl+Q, also in the main menu): hangs up whatever is live, closes every window
 *     and quits once it is down.
 * Command line: --no-network dials without a network device (DT_NETWORK_NONE);
 *   --background starts with the tray icon and no window, and stays until app.quit (when
 *   Dialtone already runs, or show-tray-icon is off, it does nothing). */
#pragma once

#include <adwaita.h>

#include "dt-autostart.h"
#include "dt-dialer.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_APPLICATION (dt_application_get_type ())

G_DECLARE_FINAL_TYPE (DtApplication, dt_application, DT, APPLICATION, AdwApplication)

DtApplication *dt_application_new               (void);
DtPhonebook   *dt_application_get_phonebook     (DtApplication *self);
DtDialer      *dt_application_get_dialer        (DtApplication *self);
GSettings     *dt_application_get_settings      (DtApplication *self);
GtkWindow     *dt_application_get_main_window   (DtApplication *self);
DtAutostart   *dt_application_get_autostart     (DtApplication *self);

void           dt_application_bind_textdomain   (void);

G_END_DECLS
