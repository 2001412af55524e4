/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login-script language, as text: an entry keeps its login script (the text itself), the
 * editor checks it line by line, and the engine's DtLoginScript runs what this parses.  One
 * command a line, as in kppp, wvdial and chat:
 *
 *   # a comment
 *   timeout 20              seconds that each following expect may wait (default 30)
 *   abort "Login incorrect" end the dial (691) if the server ever says this
 *   expect "login:"         wait for the text
 *   send "$USER"            send the text and a carriage return ("\c" at the end: no CR)
 *   pause 1                 wait that many seconds
 *
 * Strings are double-quoted with the escapes \r \n \t \\ \" \c, or a single bare word.
 * $USER, $PASSWORD and $DOMAIN are the dial's credentials ($$ is a dollar sign). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DT_SCRIPT_EXPECT,
  DT_SCRIPT_SEND,
  DT_SCRIPT_TIMEOUT,
  DT_SCRIPT_ABORT,
  DT_SCRIPT_PAUSE,
} DtScriptCommandKind;

typedef struct {
  DtScriptCommandKind kind;
  char *text;        /* unescaped, with the variables still in it */
  char *source;      /* the line as written, for a log */
  guint number;      /* seconds, for timeout and pause */
  gboolean no_cr;    /* a send that ended with \c */
  guint line;        /* 1 for the first line */
} DtScriptCommand;

typedef struct {
  guint line;
  char *message;     /* what is wrong, without the line number */
} DtScriptProblem;

typedef enum {
  DT_SCRIPT_PARSE_DEFAULT = 0,
  /* $PASSWORD is refused: the entry requires an encrypted password, and a login script
   * would send it in clear. */
  DT_SCRIPT_PARSE_NO_PASSWORD = 1 << 0,
} DtScriptParseFlags;

/* The longest script accepted, in bytes. */
#define DT_SCRIPT_MAX_LENGTH (64 * 1024)

/* The commands of @text (a GPtrArray of DtScriptCommand, freed with it), or NULL when any
 * line is wrong.  @problems, if not NULL, gets every wrong line's DtScriptProblem, in order
 * (an empty array when there is none). */
GPtrArray *dt_script_parse          (const char          *text,
                                     DtScriptParseFlags   flags,
                                     GPtrArray          **problems);
/* "Line 3: unknown command “sned”: use expect, send, timeout, abort or pause" */
char      *dt_script_problem_format (const DtScriptProblem *problem);

G_END_DECLS
