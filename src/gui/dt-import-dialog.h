/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportDialog: "Import…" from the main menu.  It offers the files wvdial and kppp keep in
 * the usual places, and a file chooser for any other (a Windows phonebook, a copy); shows
 * the preview of what the file holds, a row per entry (DtImportRow); and imports the chosen
 * ones in one save, then says what happened to the passwords. */
#pragma once

#include <adwaita.h>

#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_IMPORT_DIALOG (dt_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtImportDialog, dt_import_dialog, DT, IMPORT_DIALOG, AdwWindow)

/* @sysconfdir: where /etc/wvdial.conf is looked for. */
GtkWidget *dt_import_dialog_new (GtkWindow   *parent,
                                 DtPhonebook *phonebook,
                                 const char  *sysconfdir);

G_END_DECLS
