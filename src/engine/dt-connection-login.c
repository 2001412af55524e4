/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What happens on the line between CONNECT and PPP: nothing for most servers; the entry's
 * login script for servers that want a text login first; or, when the entry asks for a
 * terminal window, the Interactive pause (4096), in which the user reads the raw line and
 * types the login, then continues to PPP. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-connection-private.h"
#include "dt-login-script.h"

static void
on_script_log (DtLoginScript *script,
               const char    *line,
               DtConnection  *self)
{
  /* The command as written: $PASSWORD, never its value. */
  dt_connection_log (self, "login script: %s", line);
}

static void
on_script_send (const char *bytes,
                gsize       length,
                gpointer    user_data)
{
  DtConnection *self = user_data;

  if (self->modem != NULL)
    dt_modem_write (self->modem, bytes, length);
}

static void
on_script_finished (DtLoginScript *script,
                    const GError  *error,
                    DtConnection  *self)
{
  g_autoptr (DtLoginScript) done = g_steal_pointer (&self->script);

  if (error != NULL)
    {
      dt_connection_log (self, "login script: %s", error->message);
      dt_connection_teardown (self, error->domain == DT_RAS_ERROR ? (guint) error->code
                                                                   : DT_RAS_ERROR_DISCONNECTION,
                              error->message);
      return;
    }
  dt_connection_log (self, "login script: done");
  self->data_sink = DT_DATA_SINK_PPP;
  dt_connection_start_ppp (self);
}

static void
run_login_script (DtConnection *self)
{
  g_autoptr (GError) error = NULL;
  DtLoginScript *script;

  /* An entry that requires encryption never sends its password in clear. */
  script = dt_login_script_new_full (dt_entry_get_login_script (self->entry),
                                     dt_entry_get_require_encryption (self->entry)
                                     ? DT_SCRIPT_PARSE_NO_PASSWORD : DT_SCRIPT_PARSE_DEFAULT,
                                     &error);
  if (script == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The login script cannot run: %s"),
                                                  error->message);
      dt_connection_teardown (self, DT_RAS_ERROR_INTERACTIVE_MODE, message);
      return;
    }
  self->script = script;
  dt_login_script_set_credentials (script, self->credentials->user, self->credentials->password,
                                   self->credentials->domain);
  dt_login_script_set_send_func (script, on_script_send, self);
  g_signal_connect_object (script, "log", G_CALLBACK (on_script_log), self, 0);
  g_signal_connect_object (script, "finished", G_CALLBACK (on_script_finished), self, 0);

  if (!dt_connection_advance (self, DT_CONN_STATE_LOGON_NETWORK, NULL))
    return;
  self->data_sink = DT_DATA_SINK_SCRIPT;
  dt_connection_start_line_data (self);
  if (self->script != NULL)
    dt_login_script_start (self->script);
}

/* After CONNECT: the terminal window, the login script, or straight to PPP. */
void
dt_connection_after_connect (DtConnection *self)
{
  const char *script = dt_entry_get_login_script (self->entry);

  if (dt_entry_get_show_terminal (self->entry))
    {
      self->data_sink = DT_DATA_SINK_TERMINAL;
      dt_connection_set_string (self, &self->pause_message,
                                _("Log in at the terminal, then continue"), PROP_PAUSE_MESSAGE);
      dt_connection_set_state (self, DT_CONN_STATE_INTERACTIVE, NULL);
      if (self->status.state == DT_CONN_STATE_INTERACTIVE)
        dt_connection_start_line_data (self);
      return;
    }
  if (script != NULL && !dt_login_script_is_empty (script))
    {
      run_login_script (self);
      return;
    }
  self->data_sink = DT_DATA_SINK_PPP;
  dt_connection_start_ppp (self);
}

/* Where the line's bytes go before PPP. */
void
dt_connection_login_input (DtConnection *self,
                           GBytes       *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  switch (self->data_sink)
    {
    case DT_DATA_SINK_TERMINAL:
      dt_connection_emit_terminal_output (self, bytes);
      break;
    case DT_DATA_SINK_SCRIPT:
      if (self->script != NULL)
        dt_login_script_input (self->script, data, length);
      break;
    case DT_DATA_SINK_PPP:
    default:
      break;
    }
}

gboolean
dt_connection_resume_interactive (DtConnection  *self,
                                  GError       **error)
{
  self->data_sink = DT_DATA_SINK_PPP;
  dt_connection_start_ppp (self);
  return TRUE;
}

void
dt_connection_stop_login (DtConnection *self)
{
  if (self->script != NULL)
    dt_login_script_stop (self->script);
  g_clear_object (&self->script);
}
