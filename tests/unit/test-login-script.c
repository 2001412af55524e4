/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login-script language: what a user who writes a script would notice.  Mistakes are
 * reported with their line; the bytes sent are exactly what the script says, with the
 * credentials filled in; a prompt that never comes times out (638); an abort string ends the
 * login (691); and the password never appears in the log. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-login-script.h"

typedef struct {
  GString *sent;
  GString *log;
  gboolean finished;
  GError *error;
} Run;

static void
on_send (const char *bytes,
         gsize       length,
         gpointer    user_data)
{
  Run *r = user_data;

  g_string_append_len (r->sent, bytes, length);
}

static void
on_log (DtLoginScript *script,
        const char    *line,
        Run           *r)
{
  g_string_append_printf (r->log, "%s\n", line);
}

static void
on_finished (DtLoginScript *script,
             const GError  *error,
             Run           *r)
{
  r->finished = TRUE;
  r->error = error ? g_error_copy (error) : NULL;
}

static DtLoginScript *
start (const char *text,
       Run        *r)
{
  g_autoptr (GError) error = NULL;
  DtLoginScript *script = dt_login_script_new (text, &error);

  g_assert_no_error (error);
  r->sent = g_string_new (NULL);
  r->log = g_string_new (NULL);
  dt_login_script_set_credentials (script, "alice", "s3cr3t pw", "CORP");
  dt_login_script_set_send_func (script, on_send, r);
  g_signal_connect (script, "log", G_CALLBACK (on_log), r);
  g_signal_connect (script, "finished", G_CALLBACK (on_finished), r);
  dt_login_script_start (script);
  return script;
}

static void
feed (DtLoginScript *script,
      const char    *text)
{
  dt_login_script_input (script, (const guint8 *) text, strlen (text));
}

static void
run_clear (Run *r)
{
  g_string_free (r->sent, TRUE);
  g_string_free (r->log, TRUE);
  g_clear_error (&r->error);
}

static void
test_login (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script =
    start ("# an ISP's Unix login\n"
           "timeout 5\n"
           "abort \"Login incorrect\"\n"
           "expect login:\n"
           "send \"$USER\"\n"
           "expect \"Password:\"   # then the password\n"
           "send \"$PASSWORD\"\n"
           "send \"ppp\\c\"\n", &r);

  g_assert_false (r.finished);
  g_assert_cmpstr (r.sent->str, ==, "");
  /* The prompt may come in pieces, after noise. */
  feed (script, "\r\nWelcome to the ISP\r\nlog");
  g_assert_cmpstr (r.sent->str, ==, "");
  feed (script, "in: ");
  g_assert_cmpstr (r.sent->str, ==, "alice\r");
  feed (script, "Password:");
  g_assert_true (r.finished);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.sent->str, ==, "alice\rs3cr3t pw\rppp");
  /* The log shows the commands as written, never the password. */
  g_assert_nonnull (strstr (r.log->str, "send \"$PASSWORD\""));
  g_assert_null (strstr (r.log->str, "s3cr3t"));
  run_clear (&r);
}

static void
test_variables_and_escapes (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script =
    start ("send \"$DOMAIN\\\\$USER costs $$5\\t\\\"ok\\\"\\n\\c\"\n", &r);

  g_assert_true (r.finished);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.sent->str, ==, "CORP\\alice costs $5\t\"ok\"\n");
  run_clear (&r);
}

static gboolean
quit_loop (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_timeout (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script = start ("timeout 1\nexpect \"login:\"\nsend x\n", &r);
  gint64 started = g_get_monotonic_time ();

  feed (script, "Username: ");
  while (!r.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (r.error, DT_RAS_ERROR, DT_RAS_ERROR_REQUEST_TIMEOUT);
  g_assert_nonnull (strstr (r.error->message, "“login:”"));
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 1 * G_USEC_PER_SEC);
  g_assert_cmpstr (r.sent->str, ==, "");
  run_clear (&r);
}

static void
test_abort (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script =
    start ("abort \"Login incorrect\"\nexpect login:\nsend $USER\nexpect Password:\n"
           "send $PASSWORD\nexpect \"Starting PPP\"\n", &r);

  feed (script, "login: ");
  feed (script, "Password: ");
  g_assert_false (r.finished);
  feed (script, "\r\nLogin incorrect\r\nlogin: ");
  g_assert_true (r.finished);
  g_assert_error (r.error, DT_RAS_ERROR, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  run_clear (&r);
}

static void
test_pause (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script = start ("send a\npause 1\nsend b\n", &r);
  gboolean half = FALSE;

  g_assert_cmpstr (r.sent->str, ==, "a\r");
  g_timeout_add (500, quit_loop, &half);
  while (!half)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (r.sent->str, ==, "a\r");
  while (!r.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (r.sent->str, ==, "a\rb\r");
  run_clear (&r);
}

/* A line that talks for ever without the prompt: memory stays bounded, the timeout still
 * ends it. */
static void
test_endless_noise (void)
{
  Run r = { 0 };
  g_autoptr (DtLoginScript) script = start ("timeout 1\nexpect \"login:\"\n", &r);
  char noise[1024];

  memset (noise, 'x', sizeof noise - 1);
  noise[sizeof noise - 1] = '\0';
  for (int i = 0; i < 4096; i++)
    feed (script, noise);
  while (!r.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (r.error, DT_RAS_ERROR, DT_RAS_ERROR_REQUEST_TIMEOUT);
  run_clear (&r);
}

static void
test_syntax_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "expect ok\nsned \"x\"\n",
      "Line 2: unknown command “sned”: use expect, send, timeout, abort or pause" },
    { "\n\nexpect\n", "Line 3: “expect” needs a value" },
    { "send \"unfinished\n", "Line 1: the text has no closing quote" },
    { "timeout soon\n", "Line 1: “timeout” needs a number of seconds from 1 to 3600" },
    { "pause 0\n", "Line 1: “pause” needs a number of seconds from 1 to 3600" },
    { "send \"$PASSWROD\"\n", "Line 1: unknown variable in “$PASSWROD”: use $USER, $PASSWORD, $DOMAIN or $$" },
    { "expect \"\"\n", "Line 1: “expect” needs a text that is not empty" },
    { "send \"a\" \"b\"\n", "Line 1: unexpected “\"b\"” after the value" },
    { "send \"a\\qb\"\n", "Line 1: unknown escape “\\q”" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (dt_login_script_validate (cases[i].text, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_false (dt_login_script_is_empty (cases[i].text));
    }
  g_assert_true (dt_login_script_is_empty ("\n  # only a comment\n\n"));
  g_assert_true (dt_login_script_is_empty (NULL));
  g_assert_true (dt_login_script_validate ("EXPECT ogin: # case does not matter\n", NULL));
}

/* The editor shows every wrong line at once, each with its number. */
static void
test_every_wrong_line (void)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) commands =
    dt_script_parse ("expect login:\nsned x\n\ntimeout never\nsend \"$USER\"\n\x1b[2J\n",
                     DT_SCRIPT_PARSE_DEFAULT, &problems);
  g_autofree char *first = NULL;

  g_assert_null (commands);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpuint (((DtScriptProblem *) problems->pdata[0])->line, ==, 2);
  g_assert_cmpuint (((DtScriptProblem *) problems->pdata[1])->line, ==, 4);
  g_assert_cmpuint (((DtScriptProblem *) problems->pdata[2])->line, ==, 6);
  first = dt_script_problem_format (problems->pdata[0]);
  g_assert_cmpstr (first, ==, "Line 2: unknown command “sned”: use expect, send, timeout, "
                              "abort or pause");
  g_assert_nonnull (strstr (((DtScriptProblem *) problems->pdata[2])->message,
                            "control characters"));
}

/* An entry that requires an encrypted password never sends it in a login script. */
static void
test_no_password_when_encrypted (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtLoginScript) refused =
    dt_login_script_new_full ("expect login:\nsend $USER\nexpect word:\nsend \"$PASSWORD\"\n",
                              DT_SCRIPT_PARSE_NO_PASSWORD, &error);
  g_autoptr (DtLoginScript) allowed =
    dt_login_script_new_full ("expect login:\nsend $USER\nsend \"$$PASSWORD\"\n",
                              DT_SCRIPT_PARSE_NO_PASSWORD, NULL);

  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "Line 4: $PASSWORD would go to the server unencrypted, "
                                       "and this connection requires an encrypted password");
  /* "$$PASSWORD" is a dollar sign and the word PASSWORD, not the password. */
  g_assert_nonnull (allowed);
}

/* One NUL byte of line noise before the prompt must not blind the expect (nor an abort). */
static void
test_nul_in_noise (void)
{
  static const guint8 noise[] = { '\r', '\n', 0x00, 'l', 'o', 'g', 'i', 'n', ':', ' ' };
  static const guint8 refusal[] = { 0x00, 0xff, 'N', 'O', ' ', 'W', 'A', 'Y' };
  Run r = { 0 };
  Run a = { 0 };
  g_autoptr (DtLoginScript) script = start ("expect login:\nsend $USER\n", &r);
  g_autoptr (DtLoginScript) aborting = start ("abort \"NO WAY\"\nexpect login:\n", &a);

  dt_login_script_input (script, noise, sizeof noise);
  g_assert_true (r.finished);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.sent->str, ==, "alice\r");

  dt_login_script_input (aborting, refusal, sizeof refusal);
  g_assert_true (a.finished);
  g_assert_error (a.error, DT_RAS_ERROR, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  run_clear (&r);
  run_clear (&a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/login-script/login", test_login);
  g_test_add_func ("/login-script/variables-and-escapes", test_variables_and_escapes);
  g_test_add_func ("/login-script/timeout", test_timeout);
  g_test_add_func ("/login-script/abort", test_abort);
  g_test_add_func ("/login-script/pause", test_pause);
  g_test_add_func ("/login-script/endless-noise", test_endless_noise);
  g_test_add_func ("/login-script/nul-in-noise", test_nul_in_noise);
  g_test_add_func ("/login-script/every-wrong-line", test_every_wrong_line);
  g_test_add_func ("/login-script/no-password-when-encrypted", test_no_password_when_encrypted);
  g_test_add_func ("/login-script/syntax-errors", test_syntax_errors);
  return g_test_run ();
}
