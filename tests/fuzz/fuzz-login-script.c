/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the login-script language: the parser on any text (as the editor
 * validates it, line by line), and a parsed script run against what a server sends, cut into
 * reads of any size, with its expects, aborts and variables.
 *
 * Input: the script text up to the first NUL byte, then records of [length][length bytes],
 * each one read from the line.  The password holds a newline, which no line of a script can,
 * so that it can be looked for in the log. */

#include "config.h"

#include <string.h>

#include "dt-login-script.h"
#include "fuzz-sources.h"

#define PASSWORD "pa\nss"

typedef struct {
  GString *sent;
  gboolean finished;
} Run;

static void
on_send (const char *bytes,
         gsize       length,
         gpointer    user_data)
{
  Run *run = user_data;

  g_assert (!run->finished);
  g_string_append_len (run->sent, bytes, length);
}

static void
on_log (DtLoginScript *script,
        const char    *line,
        gpointer       user_data)
{
  /* The log shows commands as written: never the password. */
  g_assert (strstr (line, PASSWORD) == NULL);
  g_assert (strchr (line, '\n') == NULL);
}

static void
on_finished (DtLoginScript *script,
             const GError  *error,
             Run           *run)
{
  g_assert (!run->finished);
  run->finished = TRUE;
  g_assert (error == NULL || (error->message != NULL &&
                              strstr (error->message, PASSWORD) == NULL));
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *nul = memchr (data, 0, size);
  gsize text_len = nul != NULL ? (gsize) (nul - data) : size;
  g_autofree char *text = g_strndup ((const char *) data, text_len);
  g_autoptr (GError) error = NULL;
  g_autoptr (DtLoginScript) script = NULL;
  Run run = { g_string_new (NULL), FALSE };
  gsize pos = text_len + 1;
  guint first_source = fuzz_next_source_id ();
  gboolean valid = dt_login_script_validate (text, &error);

  /* The validator, the emptiness check and the parser agree. */
  g_assert (valid == (error == NULL));
  g_clear_error (&error);
  script = dt_login_script_new (text, &error);
  g_assert ((script != NULL) == valid);
  if (!valid)
    {
      g_assert (g_str_has_prefix (error->message, "Line "));
      g_string_free (run.sent, TRUE);
      return 0;
    }
  if (dt_login_script_is_empty (text))
    g_assert (strspn (text, " \t\n\v\f\r") == text_len || strchr (text, '#') != NULL);

  dt_login_script_set_credentials (script, "user", PASSWORD, "DOMAIN");
  dt_login_script_set_send_func (script, on_send, &run);
  g_signal_connect (script, "log", G_CALLBACK (on_log), NULL);
  g_signal_connect (script, "finished", G_CALLBACK (on_finished), &run);
  dt_login_script_start (script);

  while (pos < size && !run.finished)
    {
      gsize len = MIN (data[pos], size - pos - 1);
      g_autofree guint8 *copy = g_memdup2 (data + pos + 1, len);

      pos += 1 + len;
      dt_login_script_input (script, copy, len);
    }
  dt_login_script_stop (script);
  g_clear_object (&script);
  g_string_free (run.sent, TRUE);
  fuzz_assert_no_source_left (first_source);
  return 0;
}
