/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnectDialog: "Connect <entry>", as the RAS phonebook asks before dialing: user name,
 * password (from the keyring, or the one the dial session offers), domain, "Save password",
 * the number to dial first among the entry's number and alternates, and the modem when the
 * entry names none.  Dial emits "dial" with what the user chose and closes; Properties opens
 * the entry editor over it. */
#pragma once

#include <adwaita.h>

#include "dt-connection.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_CONNECT_DIALOG (dt_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtConnectDialog, dt_connect_dialog, DT, CONNECT_DIALOG, AdwWindow)

GtkWidget *dt_connect_dialog_new (GtkWindow      *parent,
                                  GtkApplication *application,
                                  DtPhonebook    *phonebook,
                                  DtEntry        *entry,
                                  const char     *offered_password,
                                  const char     *device);

G_END_DECLS
