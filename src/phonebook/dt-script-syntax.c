/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login-script parser: see dt-script-syntax.h.  Every line is checked, so that the editor
 * can show what is wrong with each one. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-script-syntax.h"

static void
command_free (gpointer data)
{
  DtScriptCommand *c = data;

  g_free (c->text);
  g_free (c->source);
  g_free (c);
}

static void
problem_free (gpointer data)
{
  DtScriptProblem *p = data;

  g_free (p->message);
  g_free (p);
}

/* Reads one argument at @p: a double-quoted string with escapes, or a bare word. */
static gboolean
parse_argument (const char  *p,
                char       **text,
                gboolean    *no_cr,
                const char **end,
                char       **why)
{
  g_autoptr (GString) out = g_string_new (NULL);

  *no_cr = FALSE;
  if (*p != '"')
    {
      const char *start = p;

      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      g_string_append_len (out, start, p - start);
    }
  else
    {
      for (p++; *p != '"'; p++)
        {
          if (*p == '\0')
            {
              *why = g_strdup (_("the text has no closing quote"));
              return FALSE;
            }
          if (*p != '\\')
            {
              g_string_append_c (out, *p);
              continue;
            }
          switch (*++p)
            {
            case 'r': g_string_append_c (out, '\r'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case '\\': g_string_append_c (out, '\\'); break;
            case '"': g_string_append_c (out, '"'); break;
            case 'c':
              if (p[1] != '"')
                {
                  *why = g_strdup (_("\\c may only end a text"));
                  return FALSE;
                }
              *no_cr = TRUE;
              break;
            default:
              *why = g_strdup_printf (_("unknown escape “\\%c”"),
                                      g_ascii_isprint (*p) ? *p : ' ');
              return FALSE;
            }
        }
      p++;
    }
  *end = p;
  *text = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static gboolean
check_variables (const char          *text,
                 DtScriptParseFlags   flags,
                 char               **why)
{
  for (const char *p = strchr (text, '$'); p != NULL; p = strchr (p + 1, '$'))
    {
      if (p[1] == '$')
        {
          p++;
          continue;
        }
      if (g_str_has_prefix (p + 1, "PASSWORD") && (flags & DT_SCRIPT_PARSE_NO_PASSWORD))
        {
          *why = g_strdup (_("$PASSWORD would go to the server unencrypted, and this "
                             "connection requires an encrypted password"));
          return FALSE;
        }
      if (g_str_has_prefix (p + 1, "USER") || g_str_has_prefix (p + 1, "PASSWORD") ||
          g_str_has_prefix (p + 1, "DOMAIN"))
        continue;
      *why = g_strdup_printf (_("unknown variable in “%s”: use $USER, $PASSWORD, $DOMAIN or $$"),
                              text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_control_characters (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t')
      return TRUE;
  return FALSE;
}

/* The command word and its kind; FALSE (with @why) for an unknown one. */
static gboolean
parse_command_word (const char           *line,
                    const char          **after,
                    char                **word,
                    DtScriptCommandKind  *kind,
                    char                **why)
{
  static const struct { const char *name; DtScriptCommandKind kind; } names[] = {
    { "expect", DT_SCRIPT_EXPECT }, { "send", DT_SCRIPT_SEND },
    { "timeout", DT_SCRIPT_TIMEOUT }, { "abort", DT_SCRIPT_ABORT },
    { "pause", DT_SCRIPT_PAUSE },
  };
  const char *p = line;

  while (*p != '\0' && !g_ascii_isspace (*p))
    p++;
  *after = p;
  *word = g_ascii_strdown (line, p - line);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (*word, names[i].name))
      {
        *kind = names[i].kind;
        return TRUE;
      }
  *why = g_strdup_printf (_("unknown command “%s”: use expect, send, timeout, abort or pause"),
                          *word);
  return FALSE;
}

static DtScriptCommand *
parse_line (const char          *line,
            DtScriptParseFlags   flags,
            char               **why)
{
  g_autofree char *word = NULL;
  g_autofree char *text = NULL;
  const char *p, *end;
  gboolean no_cr;
  DtScriptCommandKind kind;
  DtScriptCommand *c;

  if (has_control_characters (line))
    {
      *why = g_strdup (_("control characters cannot be typed in a script: write \\r, \\n or "
                         "\\t in a quoted text"));
      return NULL;
    }
  if (!parse_command_word (line, &p, &word, &kind, why))
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    {
      *why = g_strdup_printf (_("“%s” needs a value"), word);
      return NULL;
    }
  if (!parse_argument (p, &text, &no_cr, &end, why))
    return NULL;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' && *end != '#')
    {
      *why = g_strdup_printf (_("unexpected “%s” after the value"), end);
      return NULL;
    }

  if (kind == DT_SCRIPT_TIMEOUT || kind == DT_SCRIPT_PAUSE)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (text, 10, 1, 3600, &n, NULL))
        {
          *why = g_strdup_printf (_("“%s” needs a number of seconds from 1 to 3600"), word);
          return NULL;
        }
      c = g_new0 (DtScriptCommand, 1);
      c->number = n;
    }
  else if (*text == '\0' && kind != DT_SCRIPT_SEND)
    {
      *why = g_strdup_printf (_("“%s” needs a text that is not empty"), word);
      return NULL;
    }
  else if (!check_variables (text, flags, why))
    return NULL;
  else
    c = g_new0 (DtScriptCommand, 1);
  c->kind = kind;
  c->source = g_strstrip (g_strndup (line, end - line));
  c->no_cr = no_cr;
  c->text = g_steal_pointer (&text);
  return c;
}

GPtrArray *
dt_script_parse (const char          *text,
                 DtScriptParseFlags   flags,
                 GPtrArray          **problems)
{
  g_autoptr (GPtrArray) commands = g_ptr_array_new_with_free_func (command_free);
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (problem_free);
  g_auto (GStrv) lines = NULL;

  if (text != NULL && strlen (text) > DT_SCRIPT_MAX_LENGTH)
    {
      DtScriptProblem *p = g_new0 (DtScriptProblem, 1);

      p->line = 1;
      p->message = g_strdup_printf (_("the script is longer than %u KiB"),
                                    DT_SCRIPT_MAX_LENGTH / 1024);
      g_ptr_array_add (found, p);
    }
  else
    lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *why = NULL;
      char *line = g_strstrip (lines[i]);
      DtScriptCommand *c;

      if (*line == '\0' || *line == '#')
        continue;
      c = parse_line (line, flags, &why);
      if (c == NULL)
        {
          DtScriptProblem *p = g_new0 (DtScriptProblem, 1);

          p->line = i + 1;
          p->message = g_steal_pointer (&why);
          g_ptr_array_add (found, p);
          continue;
        }
      c->line = i + 1;
      g_ptr_array_add (commands, c);
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);
  return found->len == 0 ? g_steal_pointer (&commands) : NULL;
}

char *
dt_script_problem_format (const DtScriptProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  /* TRANSLATORS: "Line 3: unknown command …" in a login script */
  return g_strdup_printf (_("Line %u: %s"), problem->line, problem->message);
}
