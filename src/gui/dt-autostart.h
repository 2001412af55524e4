/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAutostart: applies the start-at-login setting.  On the host it writes (or removes)
 * $XDG_CONFIG_HOME/autostart/<app id>.desktop, a copy of the installed autostart file that
 * runs `dialtone --background`.  In a Flatpak sandbox it asks the XDG Background portal
 * (RequestBackground with autostart), which writes that file from outside the sandbox; the
 * portal is of no use on the host, where it would write a `flatpak run` command line.
 *
 * The setting is applied when it changes, and once at start when it is on (so that a file
 * removed by hand, or a portal permission reset, comes back).  When it cannot be applied (the
 * folder cannot be written, the template is missing, the portal refused), the setting goes
 * back to off and ::applied says why.
 * Signals:
 *   "applied" (gboolean start_at_login, GError *error): the setting was applied, or error
 *     (nullable) says why not; start_at_login is what is in effect now. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DT_TYPE_AUTOSTART (dt_autostart_get_type ())

G_DECLARE_FINAL_TYPE (DtAutostart, dt_autostart, DT, AUTOSTART, GObject)

DtAutostart *dt_autostart_new               (GSettings  *settings,
                                             const char *template_path,
                                             gboolean    use_portal);
gboolean     dt_autostart_in_sandbox        (void);
char        *dt_autostart_get_template_path (void);
char        *dt_autostart_get_file_path     (void);

G_END_DECLS
