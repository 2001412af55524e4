/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtApplication: the single-instance Dialtone app (io.github.dialtone.Dialtone).  It owns the
 * phonebook and the settings, and the app-wide actions:
 *   app.new-entry, app.dial(s uuid) (disabled until the engine is wired), app.quit,
 *   app.about. */
#pragma once

#include <adwaita.h>

#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_APPLICATION (dt_application_get_type ())

G_DECLARE_FINAL_TYPE (DtApplication, dt_application, DT, APPLICATION, AdwApplication)

DtApplication *dt_application_new             (void);
DtPhonebook   *dt_application_get_phonebook   (DtApplication *self);
GSettings     *dt_application_get_settings    (DtApplication *self);

void           dt_application_bind_textdomain (void);

G_END_DECLS
