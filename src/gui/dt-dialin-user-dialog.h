/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialinUserDialog: adds or edits one account that may dial in: its name (when new), its
 * password (twice; left empty when editing, the one in the keyring stays), whether it may
 * dial in, and its callback. */
#pragma once

#include <adwaita.h>

#include "dt-incoming.h"

G_BEGIN_DECLS

#define DT_TYPE_DIALIN_USER_DIALOG (dt_dialin_user_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DtDialinUserDialog, dt_dialin_user_dialog, DT, DIALIN_USER_DIALOG,
                      AdwWindow)

/* @user: the account to edit, or NULL for a new one. */
DtDialinUserDialog *dt_dialin_user_dialog_new (GtkWindow    *parent,
                                               DtIncoming   *incoming,
                                               DtDialinUser *user);

G_END_DECLS
