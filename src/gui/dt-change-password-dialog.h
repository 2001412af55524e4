/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtChangePasswordDialog: the dialog of the PasswordExpired pause (4099), modal over the
 * progress dialog: the server's message, the old password (from the keyring when the entry
 * keeps it), the new one and its confirmation.  Change emits "change-password" with the old
 * and the new password; Cancel emits "cancel" (the session hangs up, and the dial ends with
 * 648). */
#pragma once

#include "dt-pause-dialog.h"

G_BEGIN_DECLS

#define DT_TYPE_CHANGE_PASSWORD_DIALOG (dt_change_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtChangePasswordDialog, dt_change_password_dialog, DT,
                      CHANGE_PASSWORD_DIALOG, DtPauseDialog)

G_END_DECLS
