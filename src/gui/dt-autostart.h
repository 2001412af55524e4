/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAutostart: applies the start-at-login setting.  On the host it writes (or removes)
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop, a copy of the installed autostart file that
 * runs `dialtone --background`.  In a Flatpak sandbox it asks the XDG Background portal
 * (RequestBackground with autostart), which writes that file from outside the sandbox; the
 * portal is of no use on the host, where it would write a `flatpak run` command line.
 *
 * Run from the build tree (the program under the build folder, as build-aux/run runs it),
 * the template is the build's own, and the file written runs the built dialtone with the
 * build's schemas and translations, so that Start at login works there too; its path is in
 * the file's Exec and TryExec, which the session skips once the build folder is gone.
 *
 * The setting is applied when it changes, and once at start when it is on and the file is
 * missing or starts a program that is gone (so that a file removed by hand, or a portal
 * permission reset, comes back; a file that is there, perhaps disabled in the desktop's
 * startup settings or written by another Dialtone, stays as it is).  When it cannot be applied (the folder cannot be written, the
 * template is missing, the portal refused), the setting goes back to off and ::applied says
 * why.
 * Signals:
 *   "applied" (gboolean start_at_login, GError *error): the setting was applied, or error
 *     (nullable) says why not; start_at_login is what is in effect now. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DT_TYPE_AUTOSTART (dt_autostart_get_type ())

G_DECLARE_FINAL_TYPE (DtAutostart, dt_autostart, DT, AUTOSTART, GObject)

DtAutostart *dt_autostart_new               (GSettings          *settings,
                                             const char         *template_path,
                                             gboolean            use_portal);
DtAutostart *dt_autostart_new_with_command  (GSettings          *settings,
                                             const char         *template_path,
                                             const char * const *command);
DtAutostart *dt_autostart_new_default       (GSettings          *settings);
const char * const *dt_autostart_get_command (DtAutostart       *self);
const char  *dt_autostart_get_program       (DtAutostart        *self);
gboolean     dt_autostart_in_sandbox        (void);
gboolean     dt_autostart_in_build_tree     (void);
char       **dt_autostart_get_build_command (void);
char        *dt_autostart_get_template_path (void);
char        *dt_autostart_get_file_path     (void);

G_END_DECLS
