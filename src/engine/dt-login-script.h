/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLoginScript: an entry's login script, run on the line after CONNECT and before PPP, for
 * servers that want a text login first.  The language is the expect/send of kppp, wvdial
 * and chat, one command per line:
 *
 *   # a comment
 *   timeout 20              seconds that each following expect may wait (default 30)
 *   abort "Login incorrect" end the dial (691) if the server ever says this
 *   expect "login:"         wait for the text
 *   send "$USER"            send the text and a carriage return ("\c" at the end: no CR)
 *   expect "Password:"
 *   send "$PASSWORD"
 *   pause 1                 wait that many seconds
 *
 * Strings are double-quoted with the escapes \r \n \t \\ \" \c, or a single bare word.
 * $USER, $PASSWORD and $DOMAIN are the dial's credentials ($$ is a dollar sign).  The
 * password is sent, never logged: the "log" signal shows commands as written. */
#pragma once

#include <gio/gio.h>

#include "dt-script-syntax.h"

G_BEGIN_DECLS

#define DT_TYPE_LOGIN_SCRIPT (dt_login_script_get_type ())
G_DECLARE_FINAL_TYPE (DtLoginScript, dt_login_script, DT, LOGIN_SCRIPT, GObject)

typedef void (*DtLoginScriptSendFunc) (const char *bytes,
                                       gsize       length,
                                       gpointer    user_data);

/* Parses @text; on a syntax error, fails with G_IO_ERROR_INVALID_DATA and a message that
 * names the line ("Line 3: unknown command “sned”"). */
DtLoginScript *dt_login_script_new            (const char             *text,
                                               GError                **error);
/* The same, with DT_SCRIPT_PARSE_NO_PASSWORD for an entry that requires encryption. */
DtLoginScript *dt_login_script_new_full       (const char             *text,
                                               DtScriptParseFlags      flags,
                                               GError                **error);
/* For the editor: the same check, without keeping the script. */
gboolean       dt_login_script_validate       (const char             *text,
                                               GError                **error);
/* Whether @text has any command at all (blank lines and comments do not count). */
gboolean       dt_login_script_is_empty       (const char             *text);

void           dt_login_script_set_credentials (DtLoginScript         *self,
                                               const char             *user,
                                               const char             *password,
                                               const char             *domain);
void           dt_login_script_set_send_func  (DtLoginScript          *self,
                                               DtLoginScriptSendFunc   func,
                                               gpointer                user_data);

/* Signals:
 *   finished (const GError *error): NULL when the last command is done; otherwise a
 *     DT_RAS_ERROR: 638 an expect timed out, 691 an abort string arrived.
 *   log (const char *line): each command as it runs, as written in the script. */
void           dt_login_script_start          (DtLoginScript          *self);
void           dt_login_script_input          (DtLoginScript          *self,
                                               const guint8           *bytes,
                                               gsize                   length);
void           dt_login_script_stop           (DtLoginScript          *self);

G_END_DECLS
