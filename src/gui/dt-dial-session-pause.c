/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paused states' dialogs of a DtDialSession: pause_dialogs below gives the dialog of each
 * state and the signals of its answers.  The session takes each answer to the engine; when
 * the engine refuses it (the connection ended meanwhile, say), the dialog says why and stays
 * (dt_pause_dialog_refuse).  Closing a dialog without an answer hangs up. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dt-callback-dialog.h"
#include "dt-change-password-dialog.h"
#include "dt-dial-session-private.h"
#include "dt-eap-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-terminal-window.h"

/* The entry's connection, while it is not over. */
static DtConnection *
live_connection (DtDialSession  *self,
                 GError        **error)
{
  DtConnection *connection = dt_dialer_lookup (self->dialer, dt_entry_get_uuid (self->entry));

  if (connection == NULL || dt_connection_get_state (connection) == DT_CONN_STATE_DISCONNECTED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The connection has ended"));
      return NULL;
    }
  return connection;
}

/* The paused states' dialogs ----------------------------------------------------------- */

static void
on_pause_dialog_cancel (DtDialSession *self)
{
  _dt_dial_session_hang_up (self);
}

/* Answers RetryAuthentication: the new credentials are used for redials too, and saved once
 * the dial reaches Connected if @save_password (else a saved password is forgotten, as at
 * Dial). */
static void
on_retry (DtDialSession       *self,
          const DtCredentials *credentials,
          gboolean             save_password,
          DtPauseDialog       *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);

  if (connection != NULL)
    {
      g_clear_pointer (&self->credentials, dt_credentials_free);
      self->credentials = dt_credentials_copy (credentials);
      self->save_password = save_password;
      if (!save_password)
        _dt_dial_session_forget_password (self);
      /* The engine moves on at once (AuthRetry), which closes the dialog. */
      dt_connection_retry_authentication (connection, credentials->user, credentials->password,
                                          credentials->domain, &error);
    }
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

/* Answers PasswordExpired.  The new password replaces the dial's once the server accepted
 * it, and goes to the keyring on Connected when the entry remembers its password. */
static void
on_change_password (DtDialSession *self,
                    const char    *old_password,
                    const char    *new_password,
                    DtPauseDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);
  const DtCredentials *c = self->credentials;

  if (connection != NULL)
    {
      g_clear_pointer (&self->new_credentials, dt_credentials_free);
      /* Before the call: the engine reports AuthChangePassword from inside it. */
      self->new_credentials =
        dt_credentials_new (c != NULL ? c->user : dt_entry_get_user (self->entry), new_password,
                            c != NULL ? c->domain : dt_entry_get_domain (self->entry));
      if (!dt_connection_change_password (connection, old_password, new_password, &error))
        g_clear_pointer (&self->new_credentials, dt_credentials_free);
    }
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

/* Answers CallbackSetByCaller; the number becomes the entry's suggestion once the call back
 * reached Connected. */
static void
on_call_back (DtDialSession *self,
              const char    *number,
              DtPauseDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);

  if (connection != NULL)
    {
      g_free (self->callback_number);
      self->callback_number = g_strdup (number);
      if (!dt_connection_set_callback_number (connection, number, &error))
        g_clear_pointer (&self->callback_number, g_free);
    }
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

/* Answers CallbackSetByCaller with no number: the call goes on without callback, when the
 * server offers that.  The entry's last callback number stays its suggestion. */
static void
on_decline_callback (DtDialSession *self,
                     DtPauseDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);

  g_clear_pointer (&self->callback_number, g_free);
  if (connection != NULL)
    dt_connection_set_callback_number (connection, NULL, &error);
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

/* Continue in the terminal window: PPP starts on the line. */
static void
on_continue (DtDialSession *self,
             DtPauseDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);

  if (connection != NULL)
    dt_connection_continue_interactive (connection, &error);
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

/* Answers InvokeEapUI: the user name, the password or the token's response the server's EAP
 * method asked for. */
static void
on_answer_eap (DtDialSession *self,
               const char    *response,
               DtPauseDialog *dialog)
{
  g_autoptr (GError) error = NULL;
  DtConnection *connection = live_connection (self, &error);

  if (connection != NULL)
    dt_connection_answer_eap (connection, response, &error);
  if (error != NULL)
    dt_pause_dialog_refuse (dialog, error);
}

static gboolean
has_password (DtDialSession *self)
{
  return self->credentials != NULL && self->credentials->password != NULL &&
         self->credentials->password[0] != '\0';
}

/* Types the dial's password and a carriage return on the line, in the Interactive state:
 * the terminal window's "Send Password", which never shows it. */
static void
on_send_password (DtDialSession *self)
{
  DtConnection *connection = live_connection (self, NULL);
  g_autofree char *line = NULL;
  gsize length;

  if (connection == NULL || !has_password (self))
    return;
  line = g_strconcat (self->credentials->password, "\r", NULL);
  length = strlen (line);
  dt_connection_send_terminal_input (connection, line, length);
  explicit_bzero (line, length);
}

/* Each paused state's dialog, modal over the progress dialog, with the entry and its
 * connection. */
#define NEW_PAUSE_DIALOG(type, self, connection, ...) \
  g_object_new ((type), \
                "transient-for", (self)->progress_dialog, \
                "modal", TRUE, \
                "application", (self)->application, \
                "entry", (self)->entry, \
                "connection", (connection), \
                __VA_ARGS__)

static GtkWindow *
new_retry_auth_dialog (DtDialSession *self,
                       DtConnection  *connection)
{
  const DtCredentials *last = self->credentials;
  const char *user = last != NULL && last->user != NULL ? last->user
                                                        : dt_entry_get_user (self->entry);
  const char *domain = last != NULL && last->domain != NULL ? last->domain
                                                            : dt_entry_get_domain (self->entry);

  return NEW_PAUSE_DIALOG (DT_TYPE_RETRY_AUTH_DIALOG, self, connection,
                           "user", user,
                           "domain", domain,
                           "save-password", self->save_password,
                           NULL);
}

static GtkWindow *
new_terminal_window (DtDialSession *self,
                     DtConnection  *connection)
{
  return NEW_PAUSE_DIALOG (DT_TYPE_TERMINAL_WINDOW, self, connection,
                           "can-send-password", has_password (self),
                           NULL);
}

static GtkWindow *
new_callback_dialog (DtDialSession *self,
                     DtConnection  *connection)
{
  return NEW_PAUSE_DIALOG (DT_TYPE_CALLBACK_DIALOG, self, connection, NULL);
}

static GtkWindow *
new_change_password_dialog (DtDialSession *self,
                            DtConnection  *connection)
{
  return NEW_PAUSE_DIALOG (DT_TYPE_CHANGE_PASSWORD_DIALOG, self, connection, NULL);
}

static GtkWindow *
new_eap_dialog (DtDialSession *self,
                DtConnection  *connection)
{
  return NEW_PAUSE_DIALOG (DT_TYPE_EAP_DIALOG, self, connection, NULL);
}

/* The dialog of each paused state, and the signals of its answers. */
static const struct {
  DtConnState state;
  GtkWindow *(*create) (DtDialSession *self,
                        DtConnection  *connection);
  struct {
    const char *signal;
    GCallback handler;
  } answers[2];
} pause_dialogs[] = {
  { DT_CONN_STATE_INTERACTIVE, new_terminal_window,
    { { "continue", G_CALLBACK (on_continue) },
      { "send-password", G_CALLBACK (on_send_password) } } },
  { DT_CONN_STATE_RETRY_AUTHENTICATION, new_retry_auth_dialog,
    { { "retry", G_CALLBACK (on_retry) } } },
  { DT_CONN_STATE_CALLBACK_SET_BY_CALLER, new_callback_dialog,
    { { "call-back", G_CALLBACK (on_call_back) },
      { "decline", G_CALLBACK (on_decline_callback) } } },
  { DT_CONN_STATE_PASSWORD_EXPIRED, new_change_password_dialog,
    { { "change-password", G_CALLBACK (on_change_password) } } },
  { DT_CONN_STATE_INVOKE_EAP_UI, new_eap_dialog,
    { { "answer", G_CALLBACK (on_answer_eap) } } },
};

/* Nothing for a paused state without a dialog. */
void
_dt_dial_session_open_pause_dialog (DtDialSession *self,
                                    DtConnState    state,
                                    DtConnection  *connection)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pause_dialogs); i++)
    {
      GtkWindow *dialog;

      if (pause_dialogs[i].state != state)
        continue;
      dialog = pause_dialogs[i].create (self, connection);
      for (gsize a = 0; a < G_N_ELEMENTS (pause_dialogs[i].answers); a++)
        if (pause_dialogs[i].answers[a].signal != NULL)
          g_signal_connect_object (dialog, pause_dialogs[i].answers[a].signal,
                                   pause_dialogs[i].answers[a].handler, self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dialog, "cancel", G_CALLBACK (on_pause_dialog_cancel), self,
                               G_CONNECT_SWAPPED);
      g_set_weak_pointer (&self->pause_dialog, dialog);
      gtk_window_present (dialog);
      return;
    }
}
