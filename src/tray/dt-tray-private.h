/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tray item and its menu. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Activates app.@name on @application (which may be gone: then nothing happens).  A
 * missing action is a bug in the application and gets a warning; a disabled one (the
 * state changed under the click) is skipped quietly. */
void _dt_tray_activate_action (GApplication *application,
                               const char   *name,
                               GVariant     *parameter);

G_END_DECLS
