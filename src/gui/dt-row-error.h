/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Showing a validation error on an AdwEntryRow, AdwActionRow (and AdwComboRow) or
 * AdwPreferencesGroup. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void dt_row_error_prepare (GtkWidget  *widget);
void dt_row_error_show    (GtkWidget  *widget,
                           const char *reason);

G_END_DECLS
