/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login-script language (see dt-login-script.h): a parser that reports the line at
 * fault, and a runner driven by the bytes the line delivers and by GLib timeouts, which
 * never writes a password into its log. */

#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-error.h"
#include "dt-login-script.h"

#define DEFAULT_TIMEOUT_S 30
/* What the server said since the last match: enough for any prompt, bounded for a line
 * that never stops talking. */
#define MAX_BUFFER 8192

typedef enum {
  CMD_EXPECT,
  CMD_SEND,
  CMD_TIMEOUT,
  CMD_ABORT,
  CMD_PAUSE,
} CommandKind;

typedef struct {
  CommandKind kind;
  char *text;        /* as unescaped, with variables still in it */
  char *source;      /* the line as written, for the log */
  guint number;      /* timeout and pause */
  gboolean no_cr;    /* send ended with \c */
} Command;

struct _DtLoginScript {
  GObject parent_instance;

  GPtrArray *commands;
  guint pc;
  gboolean running;

  char *user;
  char *password;
  char *domain;
  DtLoginScriptSendFunc send;
  gpointer send_data;

  GString *buffer;
  GPtrArray *aborts;      /* borrowed from commands */
  guint timeout_s;
  guint timer;
};

G_DEFINE_FINAL_TYPE (DtLoginScript, dt_login_script, G_TYPE_OBJECT)

enum {
  SIGNAL_FINISHED,
  SIGNAL_LOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
command_free (gpointer data)
{
  Command *c = data;

  g_free (c->text);
  g_free (c->source);
  g_free (c);
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

/* Parsing ------------------------------------------------------------------------------ */

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
              *why = g_strdup_printf (_("unknown escape “\\%c”"), *p ? *p : ' ');
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
check_variables (const char  *text,
                 char       **why)
{
  for (const char *p = strchr (text, '$'); p != NULL; p = strchr (p + 1, '$'))
    {
      if (p[1] == '$')
        {
          p++;
          continue;
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

static Command *
parse_line (const char  *line,
            char       **why)
{
  static const struct { const char *name; CommandKind kind; } names[] = {
    { "expect", CMD_EXPECT }, { "send", CMD_SEND }, { "timeout", CMD_TIMEOUT },
    { "abort", CMD_ABORT }, { "pause", CMD_PAUSE },
  };
  g_autofree char *word = NULL;
  g_autofree char *text = NULL;
  const char *p = line, *end;
  gboolean no_cr, found = FALSE;
  Command *c;
  CommandKind kind = CMD_EXPECT;

  while (*p != '\0' && !g_ascii_isspace (*p))
    p++;
  word = g_ascii_strdown (line, p - line);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (word, names[i].name))
      {
        kind = names[i].kind;
        found = TRUE;
      }
  if (!found)
    {
      *why = g_strdup_printf (_("unknown command “%s”: use expect, send, timeout, abort or pause"),
                              word);
      return NULL;
    }
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

  c = g_new0 (Command, 1);
  c->kind = kind;
  c->source = g_strstrip (g_strndup (line, end - line));
  c->no_cr = no_cr;
  if (kind == CMD_TIMEOUT || kind == CMD_PAUSE)
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (text, 10, 1, 3600, &n, NULL))
        {
          *why = g_strdup_printf (_("“%s” needs a number of seconds from 1 to 3600"), word);
          command_free (c);
          return NULL;
        }
      c->number = n;
    }
  else if (*text == '\0' && kind != CMD_SEND)
    {
      *why = g_strdup_printf (_("“%s” needs a text that is not empty"), word);
      command_free (c);
      return NULL;
    }
  else if (!check_variables (text, why))
    {
      command_free (c);
      return NULL;
    }
  c->text = g_steal_pointer (&text);
  return c;
}

static GPtrArray *
parse (const char  *text,
       GError     **error)
{
  g_autoptr (GPtrArray) commands = g_ptr_array_new_with_free_func (command_free);
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *why = NULL;
      char *line = g_strstrip (lines[i]);
      Command *c;

      if (*line == '\0' || *line == '#')
        continue;
      c = parse_line (line, &why);
      if (c == NULL)
        {
          /* TRANSLATORS: "Line 3: unknown command …" in a login script */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Line %u: %s"), i + 1, why);
          return NULL;
        }
      g_ptr_array_add (commands, c);
    }
  return g_steal_pointer (&commands);
}

gboolean
dt_login_script_validate (const char  *text,
                          GError     **error)
{
  g_autoptr (GPtrArray) commands = parse (text, error);

  return commands != NULL;
}

gboolean
dt_login_script_is_empty (const char *text)
{
  g_autoptr (GPtrArray) commands = parse (text, NULL);

  /* A script that does not parse is not empty: running it reports the error. */
  return commands != NULL && commands->len == 0;
}

/* Running ------------------------------------------------------------------------------ */

static void step (DtLoginScript *self);

static void
finish (DtLoginScript *self,
        GError        *error)
{
  g_autoptr (GError) owned = error;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (!self->running)
    return;
  self->running = FALSE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, owned);
}

/* The value of the variable at @p (just after a '$'), and how many characters its name
 * takes; NULL for "$$" (a dollar sign, @name_len 1) and for text that names none. */
static const char *
variable_at (DtLoginScript *self,
             const char    *p,
             gsize         *name_len)
{
  static const char * const names[] = { "PASSWORD", "USER", "DOMAIN" };
  const char *values[] = { self->password, self->user, self->domain };

  *name_len = *p == '$' ? 1 : 0;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (p, names[i]))
      {
        *name_len = strlen (names[i]);
        return values[i] != NULL ? values[i] : "";
      }
  return NULL;
}

/* @text with its variables replaced, in a buffer allocated once at its final size: growing
 * one would leave copies of the password in memory that was freed.  The caller wipes it. */
static char *
expand (DtLoginScript *self,
        const char    *text)
{
  gsize size = 1, name_len, pos = 0;
  const char *value;
  char *out;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '$')
        size++;
      else
        {
          value = variable_at (self, p + 1, &name_len);
          size += value != NULL ? strlen (value) : name_len;
          p += name_len;
        }
    }
  out = g_malloc (size);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '$')
        out[pos++] = *p;
      else
        {
          value = variable_at (self, p + 1, &name_len);
          if (value == NULL)
            value = name_len == 1 ? "$" : "";
          memcpy (out + pos, value, strlen (value));
          pos += strlen (value);
          p += name_len;
        }
    }
  out[pos] = '\0';
  g_assert (pos + 1 == size);
  return out;
}

static gboolean
on_expect_timeout (gpointer user_data)
{
  g_autoptr (DtLoginScript) self = g_object_ref (user_data);
  Command *c = g_ptr_array_index (self->commands, self->pc);

  self->timer = 0;
  finish (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_REQUEST_TIMEOUT,
                             _("The login script waited %u s for “%s” in vain"),
                             self->timeout_s, c->text));
  return G_SOURCE_REMOVE;
}

static gboolean
on_pause_done (gpointer user_data)
{
  /* A "finished" handler may drop the owner's reference: keep ours until the end. */
  g_autoptr (DtLoginScript) self = g_object_ref (user_data);

  self->timer = 0;
  self->pc++;
  step (self);
  return G_SOURCE_REMOVE;
}

/* Whether an abort string is in what the server said; ends the script if so. */
static gboolean
check_aborts (DtLoginScript *self)
{
  for (guint i = 0; i < self->aborts->len; i++)
    {
      Command *a = g_ptr_array_index (self->aborts, i);

      if (memmem (self->buffer->str, self->buffer->len, a->text, strlen (a->text)) != NULL)
        {
          finish (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_AUTHENTICATION_FAILURE,
                                     _("The server said “%s”, and the login script stopped"),
                                     a->text));
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether the current expect is satisfied; drops what the server said up to the match. */
static gboolean
check_expect (DtLoginScript *self)
{
  Command *c = g_ptr_array_index (self->commands, self->pc);
  /* memmem, not g_strstr_len: a NUL of line noise must not hide the prompt after it. */
  const char *match = memmem (self->buffer->str, self->buffer->len, c->text, strlen (c->text));

  if (match == NULL)
    return FALSE;
  g_string_erase (self->buffer, 0, (match - self->buffer->str) + strlen (c->text));
  return TRUE;
}

static void
step (DtLoginScript *self)
{
  while (self->running && self->pc < self->commands->len)
    {
      Command *c = g_ptr_array_index (self->commands, self->pc);

      g_signal_emit (self, signals[SIGNAL_LOG], 0, c->source);
      switch (c->kind)
        {
        case CMD_TIMEOUT:
          self->timeout_s = c->number;
          break;
        case CMD_ABORT:
          g_ptr_array_add (self->aborts, c);
          if (check_aborts (self))
            return;
          break;
        case CMD_PAUSE:
          self->timer = g_timeout_add (c->number * 1000, on_pause_done, self);
          return;
        case CMD_SEND:
          {
            g_autofree char *bytes = expand (self, c->text);
            gsize length = strlen (bytes);

            if (self->send != NULL)
              {
                self->send (bytes, length, self->send_data);
                if (!c->no_cr)
                  self->send ("\r", 1, self->send_data);
              }
            explicit_bzero (bytes, length);
          }
          break;
        case CMD_EXPECT:
          if (!check_expect (self))
            {
              self->timer = g_timeout_add (self->timeout_s * 1000, on_expect_timeout, self);
              return;
            }
          break;
        }
      self->pc++;
    }
  if (self->running)
    finish (self, NULL);
}

void
dt_login_script_input (DtLoginScript *script,
                       const guint8  *bytes,
                       gsize          length)
{
  g_autoptr (DtLoginScript) self = NULL;
  Command *c;

  g_return_if_fail (DT_IS_LOGIN_SCRIPT (script));

  if (!script->running)
    return;
  self = g_object_ref (script);
  g_string_append_len (self->buffer, (const char *) bytes, length);
  if (self->buffer->len > MAX_BUFFER)
    g_string_erase (self->buffer, 0, self->buffer->len - MAX_BUFFER / 2);
  if (check_aborts (self))
    return;
  c = g_ptr_array_index (self->commands, self->pc);
  if (self->timer != 0 && c->kind == CMD_EXPECT && check_expect (self))
    {
      g_clear_handle_id (&self->timer, g_source_remove);
      self->pc++;
      step (self);
    }
}

void
dt_login_script_start (DtLoginScript *script)
{
  g_autoptr (DtLoginScript) self = NULL;

  g_return_if_fail (DT_IS_LOGIN_SCRIPT (script));
  g_return_if_fail (!script->running);

  self = g_object_ref (script);
  self->running = TRUE;
  self->pc = 0;
  self->timeout_s = DEFAULT_TIMEOUT_S;
  g_string_truncate (self->buffer, 0);
  g_ptr_array_set_size (self->aborts, 0);
  step (self);
}

void
dt_login_script_stop (DtLoginScript *self)
{
  g_return_if_fail (DT_IS_LOGIN_SCRIPT (self));

  g_clear_handle_id (&self->timer, g_source_remove);
  self->running = FALSE;
}

void
dt_login_script_set_credentials (DtLoginScript *self,
                                 const char    *user,
                                 const char    *password,
                                 const char    *domain)
{
  g_return_if_fail (DT_IS_LOGIN_SCRIPT (self));

  g_free (self->user);
  self->user = g_strdup (user);
  wipe (&self->password);
  self->password = g_strdup (password);
  g_free (self->domain);
  self->domain = g_strdup (domain);
}

void
dt_login_script_set_send_func (DtLoginScript         *self,
                               DtLoginScriptSendFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (DT_IS_LOGIN_SCRIPT (self));

  self->send = func;
  self->send_data = user_data;
}

DtLoginScript *
dt_login_script_new (const char  *text,
                     GError     **error)
{
  GPtrArray *commands = parse (text, error);
  DtLoginScript *self;

  if (commands == NULL)
    return NULL;
  self = g_object_new (DT_TYPE_LOGIN_SCRIPT, NULL);
  self->commands = commands;
  return self;
}

static void
dt_login_script_dispose (GObject *object)
{
  DtLoginScript *self = DT_LOGIN_SCRIPT (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  self->running = FALSE;

  G_OBJECT_CLASS (dt_login_script_parent_class)->dispose (object);
}

static void
dt_login_script_finalize (GObject *object)
{
  DtLoginScript *self = DT_LOGIN_SCRIPT (object);

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_ptr_array_unref (self->aborts);
  g_string_free (self->buffer, TRUE);
  g_free (self->user);
  wipe (&self->password);
  g_free (self->domain);

  G_OBJECT_CLASS (dt_login_script_parent_class)->finalize (object);
}

static void
dt_login_script_class_init (DtLoginScriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_login_script_dispose;
  object_class->finalize = dt_login_script_finalize;

  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_LOG] =
    g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dt_login_script_init (DtLoginScript *self)
{
  self->buffer = g_string_new (NULL);
  self->aborts = g_ptr_array_new ();
}
