/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One entry's dials as the desktop shows them.  The session follows the dialer's states for
 * its entry and moves between its windows: Connect dialog → progress dialog (which opens the
 * paused states' dialogs) → closed on Connected, or the error dialog on failure.  A dial
 * that reaches Connected has a toast in the main window with a Status button and the
 * notification the application sends; no window opens by itself, as on Windows, where only
 * the tray balloon says so.
 *
 * The credentials of the dial are kept (in memory only; the password is wiped when freed) so
 * that a redial, by countdown or by hand, dials the same way.  The keyring is written only
 * once a dial with "Save password" reached Connected: a mistyped password is never saved.
 * "Save password" is the entry's "Remember password": dialing with it off forgets the saved
 * password at once, and the entry no longer remembers one, as Windows' "Save this user name
 * and password" does.
 *
 * The paused states' dialogs answer the engine through the session.  A new password chosen
 * at PasswordExpired replaces the dial's own once the server accepted it (Authenticated), and
 * reaches the keyring, when the entry remembers its password, once the dial is Connected.  A
 * callback number becomes the entry's suggestion for the next time once the call back
 * reached Connected. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dt-connect-dialog.h"
#include "dt-dial-session.h"
#include "dt-error-dialog.h"
#include "dt-progress-dialog.h"
#include "dt-secrets.h"
#include "dt-window.h"

struct _DtDialSession
{
  GObject parent_instance;

  DtApplication *application;   /* not owned: it owns the sessions */
  DtDialer *dialer;
  DtEntry *entry;               /* the phonebook's entry */
  DtEntry *dial_entry;          /* what is dialed: the entry, or a copy with the chosen number first */
  DtCredentials *credentials;
  DtCredentials *new_credentials; /* with the new password, until the server takes it */
  char *callback_number;        /* given at CallbackSetByCaller, kept on Connected */
  char *device;                 /* the modem chosen at Connect, for an entry that names none */
  GCancellable *cancellable;
  gboolean save_password;
  gboolean dialing;             /* a dial started here is running: its states are shown */
  gboolean was_connected;
  gboolean redial_pending;      /* the error dialog counts down to a redial */
  guint attempt;                /* redials since the user's own Connect */

  GtkWindow *connect_dialog;    /* weak pointers */
  DtProgressDialog *progress_dialog;
  GtkWindow *error_dialog;
};

G_DEFINE_FINAL_TYPE (DtDialSession, dt_dial_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REDIAL_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start (DtDialSession *self);

static GtkWindow *
get_parent (DtDialSession *self)
{
  return dt_application_get_main_window (self->application);
}

static gboolean
present_dialog (DtDialSession *self)
{
  GtkWindow *shown = self->progress_dialog != NULL ? GTK_WINDOW (self->progress_dialog)
                     : self->error_dialog != NULL ? self->error_dialog
                     : self->connect_dialog;

  if (shown == NULL)
    return FALSE;
  gtk_window_present (shown);
  return TRUE;
}

static void
close_window (GtkWindow **window)
{
  GtkWindow *w = *window;

  if (w == NULL)
    return;
  g_clear_weak_pointer (window);
  gtk_window_destroy (w);
}

static void
on_password_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (GError) error = NULL;
  GtkWindow *window;

  if (dt_secrets_store_finish (result, &error))
    return;
  window = get_parent (self);
  if (window != NULL)
    dt_window_add_toast (DT_WINDOW (window), adw_toast_new (error->message));
}

static void
on_password_cleared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (GError) error = NULL;
  GtkWindow *window;

  if (dt_secrets_clear_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  window = get_parent (self);
  if (window != NULL)
    dt_window_add_toast (DT_WINDOW (window), adw_toast_new (error->message));
}

/* The user dialed with "Save password" off: the keyring forgets the entry's password, and
 * the next Connect neither offers it nor dials with it. */
static void
forget_password (DtDialSession *self)
{
  if (!dt_entry_get_remember_password (self->entry))
    return;
  dt_entry_set_remember_password (self->entry, FALSE);
  dt_secrets_clear_async (dt_entry_get_uuid (self->entry), self->cancellable,
                          on_password_cleared, g_object_ref (self));
}

/* The dial worked: remember who dialed, and the password when asked to. */
static void
remember_success (DtDialSession *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  DtCredentials *c = self->credentials;

  dt_entry_set_last_connected (self->entry, now);
  if (c == NULL)
    return;
  if (c->user != NULL)
    dt_entry_set_user (self->entry, c->user);
  if (c->domain != NULL)
    dt_entry_set_domain (self->entry, c->domain);
  if (self->save_password && c->password != NULL && c->password[0] != '\0')
    {
      dt_entry_set_remember_password (self->entry, TRUE);
      dt_secrets_store_async (self->entry, c->password, self->cancellable, on_password_stored,
                              g_object_ref (self));
    }
}

static void
toast_connected (DtDialSession *self)
{
  GtkWindow *window = get_parent (self);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (window == NULL)
    return;
  /* Translators: a toast in the main window; %s is the entry's name. */
  title = g_strdup_printf (_("Connected to %s"), dt_entry_get_name (self->entry));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Status"));
  adw_toast_set_action_name (toast, "app.show-status");
  adw_toast_set_action_target_value (toast, g_variant_new_string (dt_entry_get_uuid (self->entry)));
  dt_window_add_toast (DT_WINDOW (window), toast);
}

static void
set_redial_pending (DtDialSession *self,
                    gboolean       pending)
{
  if (self->redial_pending == pending)
    return;
  self->redial_pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIAL_PENDING]);
}

/* However the error dialog goes (a response, Escape, close_window), its countdown goes too. */
static void
on_error_dialog_destroy (DtDialSession *self,
                         GtkWindow     *dialog)
{
  if (self->error_dialog == NULL || self->error_dialog == dialog)
    set_redial_pending (self, FALSE);
}

static void
on_error_dialog_response (DtDialSession *self,
                          const char    *response,
                          GtkWindow     *dialog)
{
  if (dialog == self->error_dialog)
    close_window (&self->error_dialog);
  if (g_str_equal (response, "redial"))
    {
      self->attempt++;
      start (self);
    }
}

static void
show_error (DtDialSession *self,
            DtConnection  *connection,
            gboolean       link_dropped)
{
  guint attempts = dt_entry_get_redial_attempts (self->entry);
  guint countdown = 0;
  GtkWidget *dialog;

  if (link_dropped || self->attempt < attempts)
    countdown = dt_entry_get_redial_interval (self->entry);
  close_window (&self->error_dialog);
  dialog = dt_error_dialog_new (get_parent (self), connection, link_dropped, countdown,
                                link_dropped ? 0 : self->attempt + 1, link_dropped ? 0 : attempts + 1);
  g_set_weak_pointer (&self->error_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_dialog_response), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_error_dialog_destroy), self,
                           G_CONNECT_SWAPPED);
  set_redial_pending (self, countdown > 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The server accepted the new password: redials use it, and the keyring gets it on
 * Connected if the entry keeps its password there. */
static void
take_new_password (DtDialSession *self)
{
  if (self->new_credentials == NULL)
    return;
  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = g_steal_pointer (&self->new_credentials);
  if (dt_entry_get_remember_password (self->entry))
    self->save_password = TRUE;
}

static void
forget_answers (DtDialSession *self)
{
  g_clear_pointer (&self->new_credentials, dt_credentials_free);
  g_clear_pointer (&self->callback_number, g_free);
}

static void
on_connection_state_changed (DtDialSession *self,
                             DtConnection  *connection,
                             guint          state,
                             const char    *detail,
                             DtDialer      *dialer)
{
  DtEntry *entry = dt_connection_get_entry (connection);
  gboolean was_connected;
  guint code;

  if (!self->dialing || entry == NULL ||
      g_strcmp0 (dt_entry_get_uuid (entry), dt_entry_get_uuid (self->entry)) != 0)
    return;

  if (self->progress_dialog != NULL)
    dt_progress_dialog_push_state (self->progress_dialog, state, detail);

  if (state == DT_CONN_STATE_AUTHENTICATED || state == DT_CONN_STATE_CONNECTED)
    take_new_password (self);
  if (state == DT_CONN_STATE_CONNECTED)
    {
      self->was_connected = TRUE;
      self->attempt = 0;
      close_window ((GtkWindow **) &self->progress_dialog);
      if (self->callback_number != NULL)
        dt_entry_set_callback_number (self->entry, self->callback_number);
      forget_answers (self);
      remember_success (self);
      toast_connected (self);
      return;
    }
  if (state != DT_CONN_STATE_DISCONNECTED)
    return;

  self->dialing = FALSE;
  forget_answers (self);
  was_connected = self->was_connected;
  self->was_connected = FALSE;
  close_window ((GtkWindow **) &self->progress_dialog);
  code = dt_connection_get_error_code (connection);
  if (code == DT_RAS_ERROR_USER_DISCONNECTION)
    return;
  /* A link that dropped says so in a notification; it redials only when the entry asks. */
  if (was_connected && !dt_entry_get_redial_on_link_drop (self->entry))
    return;
  show_error (self, connection, was_connected);
}

/* The entry to dial: the phonebook's own, or a copy that dials @number_index first and then
 * the others in their order, and through @device when the entry names no modem ("Ask when
 * dialing": the phonebook's entry keeps asking). */
static DtEntry *
make_dial_entry (DtEntry    *entry,
                 guint       number_index,
                 const char *device)
{
  const char * const *alternates = dt_entry_get_alternates (entry);
  gboolean reorder = number_index > 0 && number_index <= g_strv_length ((char **) alternates);
  gboolean ask = dt_entry_get_device (entry)[0] == '\0' && device != NULL && device[0] != '\0';
  g_autoptr (GStrvBuilder) others = NULL;
  g_auto (GStrv) reordered = NULL;
  DtEntry *copy;

  if (!reorder && !ask)
    return g_object_ref (entry);

  copy = dt_entry_copy (entry);
  if (ask)
    dt_entry_set_device (copy, device);
  if (!reorder)
    return copy;

  others = g_strv_builder_new ();
  g_strv_builder_add (others, dt_entry_get_number (entry));
  for (guint i = 0; alternates[i] != NULL; i++)
    if (i + 1 != number_index)
      g_strv_builder_add (others, alternates[i]);
  reordered = g_strv_builder_end (others);

  dt_entry_set_number (copy, alternates[number_index - 1]);
  dt_entry_set_alternates (copy, (const char * const *) reordered);
  return copy;
}

static void
start (DtDialSession *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *progress;

  close_window (&self->error_dialog);
  close_window ((GtkWindow **) &self->progress_dialog);
  forget_answers (self);

  /* The progress dialog first: the engine reports OpenPort before dt_dialer_dial returns. */
  progress = dt_progress_dialog_new (get_parent (self), self);
  g_set_weak_pointer (&self->progress_dialog, DT_PROGRESS_DIALOG (progress));
  gtk_window_present (GTK_WINDOW (progress));

  self->dialing = TRUE;
  self->was_connected = FALSE;
  if (dt_dialer_dial (self->dialer, self->dial_entry, self->credentials, &error) == NULL)
    {
      GtkWindow *window = get_parent (self);

      self->dialing = FALSE;
      close_window ((GtkWindow **) &self->progress_dialog);
      if (window != NULL)
        dt_window_add_toast (DT_WINDOW (window), adw_toast_new (error->message));
      else
        g_warning ("%s", error->message);
    }
}

static void
show_connect_dialog (DtDialSession *self)
{
  GtkWidget *dialog = dt_connect_dialog_new (get_parent (self), self);

  g_set_weak_pointer (&self->connect_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved_password_looked_up (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtCredentials) credentials = NULL;
  char *password;

  password = dt_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password == NULL)
    {
      /* Nothing saved after all (or no keyring): ask. */
      show_connect_dialog (self);
      return;
    }
  credentials = dt_credentials_new (dt_entry_get_user (self->entry), password,
                                    dt_entry_get_domain (self->entry));
  dt_secrets_password_free (password);
  /* The saved password stays saved. */
  dt_dial_session_dial (self, credentials, 0, TRUE);
}

static void
dt_dial_session_dispose (GObject *object)
{
  DtDialSession *self = DT_DIAL_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  /* No notify from a session that is going: the application may be dropping it from its
   * table just now. */
  if (self->error_dialog != NULL)
    g_signal_handlers_disconnect_by_data (self->error_dialog, self);
  close_window (&self->connect_dialog);
  close_window ((GtkWindow **) &self->progress_dialog);
  close_window (&self->error_dialog);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dialer);
  g_clear_object (&self->entry);
  g_clear_object (&self->dial_entry);
  g_clear_pointer (&self->credentials, dt_credentials_free);
  g_clear_pointer (&self->device, g_free);
  forget_answers (self);

  G_OBJECT_CLASS (dt_dial_session_parent_class)->dispose (object);
}

static void
dt_dial_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DtDialSession *self = DT_DIAL_SESSION (object);

  switch (prop_id)
    {
    case PROP_REDIAL_PENDING:
      g_value_set_boolean (value, self->redial_pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_dial_session_class_init (DtDialSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_dial_session_dispose;
  object_class->get_property = dt_dial_session_get_property;

  /* The error dialog counts down to a redial: app.hang-up (the tray's Hang Up) can stop it,
   * though no connection is live meanwhile. */
  properties[PROP_REDIAL_PENDING] =
    g_param_spec_boolean ("redial-pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_dial_session_init (DtDialSession *self)
{
  self->cancellable = g_cancellable_new ();
}

DtDialSession *
dt_dial_session_new (DtApplication *application,
                     DtEntry       *entry)
{
  DtDialSession *self;

  g_return_val_if_fail (DT_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);

  self = g_object_new (DT_TYPE_DIAL_SESSION, NULL);
  self->application = application;
  self->dialer = g_object_ref (dt_application_get_dialer (application));
  self->entry = g_object_ref (entry);
  self->dial_entry = g_object_ref (entry);
  g_signal_connect_object (self->dialer, "connection-state-changed",
                           G_CALLBACK (on_connection_state_changed), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * dt_dial_session_get_entry:
 *
 * Returns: (transfer none): the phonebook's entry
 */
DtEntry *
dt_dial_session_get_entry (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), NULL);
  return self->entry;
}

DtApplication *
dt_dial_session_get_application (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), NULL);
  return self->application;
}

/**
 * dt_dial_session_get_connection:
 *
 * Returns: (transfer none) (nullable): the entry's connection, once it was dialed
 */
DtConnection *
dt_dial_session_get_connection (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), NULL);
  return dt_dialer_lookup (self->dialer, dt_entry_get_uuid (self->entry));
}

/**
 * dt_dial_session_get_credentials:
 *
 * Returns: (transfer none) (nullable): the credentials of the last dial
 */
const DtCredentials *
dt_dial_session_get_credentials (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), NULL);
  return self->credentials;
}

gboolean
dt_dial_session_get_redial_pending (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  return self->redial_pending;
}

gboolean
dt_dial_session_get_save_password (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  return self->save_password;
}

/**
 * dt_dial_session_connect:
 *
 * What Connect does: brings up the dialog already showing for this entry, or dials at once
 * when the entry has a saved password and does not prompt, or shows the Connect dialog.
 */
void
dt_dial_session_connect (DtDialSession *self)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));

  if (present_dialog (self))
    return;
  /* An entry without a modem always asks: the Connect dialog has the modem to choose. */
  if (!dt_entry_get_prompt_credentials (self->entry) &&
      dt_entry_get_remember_password (self->entry) &&
      dt_entry_get_device (self->entry)[0] != '\0')
    dt_secrets_lookup_async (self->entry, self->cancellable, on_saved_password_looked_up,
                             g_object_ref (self));
  else
    show_connect_dialog (self);
}

/**
 * dt_dial_session_dial:
 * @credentials: what to authenticate with
 * @number_index: 0 for the entry's number, n for its n-th alternate: dialed first
 * @save_password: store the password in the keyring once the dial reaches Connected; when
 *   FALSE, a saved password is forgotten now
 */
void
dt_dial_session_dial (DtDialSession       *self,
                      const DtCredentials *credentials,
                      guint                number_index,
                      gboolean             save_password)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));
  g_return_if_fail (credentials != NULL);

  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = dt_credentials_copy (credentials);
  self->save_password = save_password;
  if (!save_password)
    forget_password (self);
  g_clear_object (&self->dial_entry);
  self->dial_entry = make_dial_entry (self->entry, number_index, self->device);
  self->attempt = 0;
  start (self);
}

/**
 * dt_dial_session_retry_authentication:
 *
 * Answers RetryAuthentication with new credentials; they are used for redials too, and
 * saved once the dial reaches Connected if @save_password (else a saved password is
 * forgotten, as at Dial).
 */
/* The entry's connection, while it is not over. */
static DtConnection *
live_connection (DtDialSession  *self,
                 GError        **error)
{
  DtConnection *connection = dt_dial_session_get_connection (self);

  if (connection == NULL || dt_connection_get_state (connection) == DT_CONN_STATE_DISCONNECTED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The connection has ended"));
      return NULL;
    }
  return connection;
}

gboolean
dt_dial_session_retry_authentication (DtDialSession        *self,
                                      const DtCredentials  *credentials,
                                      gboolean              save_password,
                                      GError              **error)
{
  DtConnection *connection;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  g_return_val_if_fail (credentials != NULL, FALSE);

  connection = live_connection (self, error);
  if (connection == NULL)
    return FALSE;
  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = dt_credentials_copy (credentials);
  self->save_password = save_password;
  if (!save_password)
    forget_password (self);
  return dt_connection_retry_authentication (connection, credentials->user,
                                             credentials->password, credentials->domain,
                                             error);
}

/**
 * dt_dial_session_change_password:
 *
 * Answers PasswordExpired.  The new password replaces the dial's once the server accepted
 * it, and goes to the keyring on Connected when the entry remembers its password.
 */
gboolean
dt_dial_session_change_password (DtDialSession  *self,
                                 const char     *old_password,
                                 const char     *new_password,
                                 GError        **error)
{
  DtConnection *connection;
  const DtCredentials *c;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  g_return_val_if_fail (old_password != NULL && new_password != NULL, FALSE);

  connection = live_connection (self, error);
  if (connection == NULL)
    return FALSE;
  c = self->credentials;
  g_clear_pointer (&self->new_credentials, dt_credentials_free);
  /* Before the call: the engine reports AuthChangePassword from inside it. */
  self->new_credentials =
    dt_credentials_new (c != NULL ? c->user : dt_entry_get_user (self->entry), new_password,
                        c != NULL ? c->domain : dt_entry_get_domain (self->entry));
  if (!dt_connection_change_password (connection, old_password, new_password, error))
    {
      g_clear_pointer (&self->new_credentials, dt_credentials_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * dt_dial_session_set_callback_number:
 *
 * Answers CallbackSetByCaller; the number becomes the entry's suggestion once the call back
 * reached Connected.
 */
gboolean
dt_dial_session_set_callback_number (DtDialSession  *self,
                                     const char     *number,
                                     GError        **error)
{
  DtConnection *connection;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  connection = live_connection (self, error);
  if (connection == NULL)
    return FALSE;
  g_free (self->callback_number);
  self->callback_number = g_strdup (number);
  if (!dt_connection_set_callback_number (connection, number, error))
    {
      g_clear_pointer (&self->callback_number, g_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * dt_dial_session_decline_callback:
 *
 * Answers CallbackSetByCaller with no number: the call goes on without callback, when the
 * server offers that.  The entry's last callback number stays its suggestion.
 */
gboolean
dt_dial_session_decline_callback (DtDialSession  *self,
                                  GError        **error)
{
  DtConnection *connection;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);

  connection = live_connection (self, error);
  if (connection == NULL)
    return FALSE;
  g_clear_pointer (&self->callback_number, g_free);
  return dt_connection_set_callback_number (connection, NULL, error);
}

/* Continue in the terminal window: PPP starts on the line. */
gboolean
dt_dial_session_continue_interactive (DtDialSession  *self,
                                      GError        **error)
{
  DtConnection *connection;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);

  connection = live_connection (self, error);
  return connection != NULL && dt_connection_continue_interactive (connection, error);
}

/**
 * dt_dial_session_send_password:
 *
 * Types the dial's password and a carriage return on the line, in the Interactive state:
 * the terminal window's "Send Password", which never shows it.
 *
 * Returns: FALSE when the dial has no password to send
 */
gboolean
dt_dial_session_send_password (DtDialSession *self)
{
  DtConnection *connection;
  g_autofree char *line = NULL;
  gsize length;

  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);

  connection = live_connection (self, NULL);
  if (connection == NULL || !dt_dial_session_has_password (self))
    return FALSE;
  line = g_strconcat (self->credentials->password, "\r", NULL);
  length = strlen (line);
  dt_connection_send_terminal_input (connection, line, length);
  explicit_bzero (line, length);
  return TRUE;
}

gboolean
dt_dial_session_has_password (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);

  return self->credentials != NULL && self->credentials->password != NULL &&
         self->credentials->password[0] != '\0';
}

/* Cancel in the progress dialog or a paused state's dialog: the dialer hangs up, from any
 * state, paused ones included. */
void
dt_dial_session_hang_up (DtDialSession *self)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));

  dt_dialer_hang_up (self->dialer, dt_entry_get_uuid (self->entry));
}

/* Stops a redial that is counting down (Hang Up from the tray, Quit). */
void
dt_dial_session_cancel_redial (DtDialSession *self)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));

  close_window (&self->error_dialog);
}

/**
 * dt_dial_session_set_device:
 * @device: (nullable): the modem to dial through while the entry names none
 *
 * What the Connect dialog's Modem row chose; the entry itself is not changed.
 */
void
dt_dial_session_set_device (DtDialSession *self,
                            const char    *device)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));

  g_free (self->device);
  self->device = g_strdup (device);
}

/**
 * dt_dial_session_get_device:
 *
 * Returns: (nullable): the modem chosen last at Connect for an entry that names none
 */
const char *
dt_dial_session_get_device (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), NULL);

  return self->device;
}
