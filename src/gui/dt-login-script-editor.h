/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLoginScriptEditor: a preferences group that edits an entry's login script, the text
 * itself, several lines long, in a monospace text view.  Every wrong line is underlined and
 * listed below the text with its number and what is wrong ("Line 3: unknown command"), as
 * the entry's validator would say.  Its "text" property binds to the entry's "login-script";
 * "password-allowed" (FALSE when the entry requires encryption) makes $PASSWORD an error. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DT_TYPE_LOGIN_SCRIPT_EDITOR (dt_login_script_editor_get_type ())

G_DECLARE_FINAL_TYPE (DtLoginScriptEditor, dt_login_script_editor, DT, LOGIN_SCRIPT_EDITOR,
                      AdwPreferencesGroup)

GtkWidget  *dt_login_script_editor_new            (void);
const char *dt_login_script_editor_get_text       (DtLoginScriptEditor *self);
void        dt_login_script_editor_set_text       (DtLoginScriptEditor *self,
                                                   const char          *text);
/* What is wrong, one "Line N: …" a line, or "" when nothing is. */
const char *dt_login_script_editor_get_problems   (DtLoginScriptEditor *self);
GtkTextView *dt_login_script_editor_get_view      (DtLoginScriptEditor *self);

G_END_DECLS
