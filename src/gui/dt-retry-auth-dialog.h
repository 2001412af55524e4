/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtRetryAuthDialog: the dialog of the RetryAuthentication pause (4097), modal over the
 * progress dialog: the server's message, then user name, password and domain, with
 * "Save password", filled in from the construct properties "user", "domain" and
 * "save-password".  Retry emits "retry" (DtCredentials, save password); Cancel emits "cancel"
 * (the session hangs up, and the dial ends with 691). */
#pragma once

#include "dt-pause-dialog.h"

G_BEGIN_DECLS

#define DT_TYPE_RETRY_AUTH_DIALOG (dt_retry_auth_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DtRetryAuthDialog, dt_retry_auth_dialog, DT, RETRY_AUTH_DIALOG, DtPauseDialog)

G_END_DECLS
