/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login stage: what happens on the line between CONNECT and PPP.  Nothing for most
 * servers; the entry's login script (LogonNetwork) for servers that want a text login first;
 * or, when the entry asks for a terminal window, the Interactive pause (4096), in which the
 * user reads the raw line and types the login (DtConnection's "terminal-output" and
 * dt_connection_send_terminal_input()), then continues to PPP. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-login-script.h"
#include "dt-stages.h"

struct _DtLoginStage
{
  DtStage parent_instance;

  DtLoginScript *script;
  gulong input_handler;
};

G_DEFINE_FINAL_TYPE (DtLoginStage, dt_login_stage, DT_TYPE_STAGE)

static void
on_script_log (DtLoginScript *script,
               const char    *line,
               DtLoginStage  *self)
{
  /* The command as written: $PASSWORD, never its value. */
  dt_stage_log (DT_STAGE (self), "login script: %s", line);
}

static void
on_script_send (const char *bytes,
                gsize       length,
                gpointer    user_data)
{
  DtStage *stage = user_data;

  dt_call_write_line (dt_stage_get_call (stage), bytes, length);
}

static void
on_call_line_input (DtCall       *call,
                    GBytes       *bytes,
                    DtLoginStage *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (dt_call_get_line (call) == DT_CALL_LINE_SCRIPT && self->script != NULL)
    dt_login_script_input (self->script, data, length);
}

/* The line is PPP's from here. */
static void
logged_in (DtLoginStage *self)
{
  dt_call_set_line (dt_stage_get_call (DT_STAGE (self)), DT_CALL_LINE_PPP);
  dt_stage_done (DT_STAGE (self), DT_STAGE_RESULT_LOGGED_IN);
}

static void
on_script_finished (DtLoginScript *script,
                    const GError  *error,
                    DtLoginStage  *self)
{
  g_autoptr (DtLoginScript) done = g_steal_pointer (&self->script);

  if (error != NULL)
    {
      dt_stage_log (DT_STAGE (self), "login script: %s", error->message);
      dt_stage_fail_with (DT_STAGE (self), error, DT_RAS_ERROR_DISCONNECTION);
      return;
    }
  dt_stage_log (DT_STAGE (self), "login script: done");
  logged_in (self);
}

static void
run_login_script (DtLoginStage *self,
                  const char   *text)
{
  DtStage *stage = DT_STAGE (self);
  DtCall *call = dt_stage_get_call (stage);
  DtCredentials *credentials = dt_call_get_credentials (call);
  g_autoptr (GError) error = NULL;

  /* An entry that requires encryption never sends its password in clear. */
  self->script = dt_login_script_new_full (text,
                                           dt_entry_get_require_encryption (dt_call_get_entry (call))
                                           ? DT_SCRIPT_PARSE_NO_PASSWORD : DT_SCRIPT_PARSE_DEFAULT,
                                           &error);
  if (self->script == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The login script cannot run: %s"),
                                                  error->message);
      dt_stage_fail (stage, DT_RAS_ERROR_INTERACTIVE_MODE, message);
      return;
    }
  dt_login_script_set_credentials (self->script, credentials->user, credentials->password,
                                   credentials->domain);
  dt_login_script_set_send_func (self->script, on_script_send, self);
  g_signal_connect_object (self->script, "log", G_CALLBACK (on_script_log), self, 0);
  g_signal_connect_object (self->script, "finished", G_CALLBACK (on_script_finished), self, 0);

  if (!dt_stage_publish (stage, DT_CONN_STATE_LOGON_NETWORK, NULL))
    return;
  dt_call_set_line (call, DT_CALL_LINE_SCRIPT);
  dt_call_start_line (call);
  if (self->script != NULL)
    dt_login_script_start (self->script);
}

static void
dt_login_stage_start (DtStage *stage)
{
  DtLoginStage *self = DT_LOGIN_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  DtEntry *entry = dt_call_get_entry (call);
  const char *script = dt_entry_get_login_script (entry);

  self->input_handler = g_signal_connect_object (call, "line-input",
                                                 G_CALLBACK (on_call_line_input), self, 0);
  if (dt_entry_get_show_terminal (entry))
    {
      dt_call_set_line (call, DT_CALL_LINE_TERMINAL);
      if (dt_stage_pause (stage, DT_CONN_STATE_INTERACTIVE, NULL,
                          _("Log in at the terminal, then continue")))
        dt_call_start_line (call);
      return;
    }
  if (script != NULL && !dt_login_script_is_empty (script))
    {
      run_login_script (self, script);
      return;
    }
  logged_in (self);
}

/* Interactive: the user has logged in at the terminal. */
static gboolean
dt_login_stage_resume (DtStage              *stage,
                       const DtPauseAnswer  *answer,
                       GError              **error)
{
  g_assert (answer->pause == DT_CONN_STATE_INTERACTIVE);

  logged_in (DT_LOGIN_STAGE (stage));
  return TRUE;
}

static void
dt_login_stage_stop (DtStage *stage)
{
  DtLoginStage *self = DT_LOGIN_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);

  if (self->script != NULL)
    dt_login_script_stop (self->script);
  g_clear_object (&self->script);
  g_clear_signal_handler (&self->input_handler, call);
  /* Whatever comes on the line now is for PPP's Terminate-Ack, if for anyone. */
  dt_call_set_line (call, DT_CALL_LINE_PPP);
}

static void
dt_login_stage_class_init (DtLoginStageClass *klass)
{
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  stage_class->kind = DT_STAGE_LOGIN;
  stage_class->start = dt_login_stage_start;
  stage_class->resume = dt_login_stage_resume;
  stage_class->stop = dt_login_stage_stop;
}

static void
dt_login_stage_init (DtLoginStage *self)
{
}

DtStage *
dt_login_stage_new (DtStageHost *host,
                    DtCall      *call)
{
  return g_object_new (DT_TYPE_LOGIN_STAGE, "host", host, "call", call, NULL);
}
