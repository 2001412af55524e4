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
#include "dt-script-syntax.h"
#include "dt-wipe.h"

#define DEFAULT_TIMEOUT_S 30
/* What the server said since the last match: enough for any prompt, bounded for a line
 * that never stops talking. */
#define MAX_BUFFER 8192

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

/* Parsing (dt-script-syntax.c) --------------------------------------------------------- */

static GPtrArray *
parse (const char          *text,
       DtScriptParseFlags   flags,
       GError             **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  GPtrArray *commands = dt_script_parse (text, flags, &problems);

  if (commands == NULL)
    {
      g_autofree char *message = dt_script_problem_format (problems->pdata[0]);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
    }
  return commands;
}

gboolean
dt_login_script_validate (const char  *text,
                          GError     **error)
{
  g_autoptr (GPtrArray) commands = parse (text, DT_SCRIPT_PARSE_DEFAULT, error);

  return commands != NULL;
}

gboolean
dt_login_script_is_empty (const char *text)
{
  g_autoptr (GPtrArray) commands = dt_script_parse (text, DT_SCRIPT_PARSE_DEFAULT, NULL);

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
  DtScriptCommand *c = g_ptr_array_index (self->commands, self->pc);

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
      DtScriptCommand *a = g_ptr_array_index (self->aborts, i);

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
  DtScriptCommand *c = g_ptr_array_index (self->commands, self->pc);
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
      DtScriptCommand *c = g_ptr_array_index (self->commands, self->pc);

      g_signal_emit (self, signals[SIGNAL_LOG], 0, c->source);
      switch (c->kind)
        {
        case DT_SCRIPT_TIMEOUT:
          self->timeout_s = c->number;
          break;
        case DT_SCRIPT_ABORT:
          g_ptr_array_add (self->aborts, c);
          if (check_aborts (self))
            return;
          break;
        case DT_SCRIPT_PAUSE:
          self->timer = g_timeout_add (c->number * 1000, on_pause_done, self);
          return;
        case DT_SCRIPT_SEND:
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
        case DT_SCRIPT_EXPECT:
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
  DtScriptCommand *c;

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
  if (self->timer != 0 && c->kind == DT_SCRIPT_EXPECT && check_expect (self))
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
  g_clear_pointer (&self->password, dt_wipe_free);
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
  return dt_login_script_new_full (text, DT_SCRIPT_PARSE_DEFAULT, error);
}

DtLoginScript *
dt_login_script_new_full (const char          *text,
                          DtScriptParseFlags   flags,
                          GError             **error)
{
  GPtrArray *commands = parse (text, flags, error);
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
  g_clear_pointer (&self->password, dt_wipe_free);
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
