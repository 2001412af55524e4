/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One entry's dials as the desktop shows them.  The session follows the dialer's states for
 * its entry and moves between its windows: Connect dialog → progress dialog (with the paused
 * states' dialogs over it, from dt-dial-session-pause.c) → closed on Connected, or the error
 * dialog on failure.  A dial
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
 * The dialogs only say what the user chose, through their signals; the session, which owns
 * the call, acts on it: Dial, Cancel, Redial, and the answers of the paused states' dialogs,
 * which it opens over the progress dialog and closes on the next state.
 * A new password chosen at PasswordExpired replaces the dial's own once the server accepted
 * it (Authenticated), and reaches the keyring, when the entry remembers its password, once
 * the dial is Connected.  A callback number becomes the entry's suggestion for the next
 * time once the call back reached Connected. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-connect-dialog.h"
#include "dt-dial-session-private.h"
#include "dt-error-dialog.h"
#include "dt-secrets.h"
#include "dt-window.h"

G_DEFINE_FINAL_TYPE (DtDialSession, dt_dial_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REDIAL_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start (DtDialSession *self);

/* The main window, if one is open: the dialogs' parent, and where toasts go.  (The session
 * needs the window; the window never needs the session.) */
static GtkWindow *
get_parent (DtDialSession *self)
{
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (DT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
present_dialog (DtDialSession *self)
{
  GtkWindow *shown = self->pause_dialog != NULL ? self->pause_dialog
                     : self->progress_dialog != NULL ? GTK_WINDOW (self->progress_dialog)
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

/* Says @error in a toast in the main window: FALSE when no window is open. */
static gboolean
toast_error (DtDialSession *self,
             const GError  *error)
{
  GtkWindow *window = get_parent (self);

  if (window == NULL)
    return FALSE;
  dt_window_add_toast (DT_WINDOW (window), adw_toast_new (error->message));
  return TRUE;
}

static void
on_password_stored (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_secrets_store_finish (result, &error))
    toast_error (self, error);
}

static void
on_password_cleared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_secrets_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_error (self, error);
}

/* The user dialed with "Save password" off: the keyring forgets the entry's password, and
 * the next Connect neither offers it nor dials with it. */
void
_dt_dial_session_forget_password (DtDialSession *self)
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

void
_dt_dial_session_hang_up (DtDialSession *self)
{
  dt_dialer_hang_up (self->dialer, dt_entry_get_uuid (self->entry));
}

/* The error dialog --------------------------------------------------------------------- */

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
  gtk_window_set_application (GTK_WINDOW (dialog), self->application);
  g_set_weak_pointer (&self->error_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_dialog_response), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_error_dialog_destroy), self,
                           G_CONNECT_SWAPPED);
  set_redial_pending (self, countdown > 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The dial's states ---------------------------------------------------------------------- */

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

/* The progress dialog shows each state; a paused one opens its dialog over it, and any
 * later state closes that (a hang-up from the tray, say).  A multilink entry's lines dial
 * side by side: while one line's question is open, another line's steps (or the same
 * question from it, which the one answer serves) leave it, and what was typed in it, alone. */
static void
show_state (DtDialSession *self,
            DtConnection  *connection,
            guint          state,
            const char    *detail,
            guint          sub_entry)
{
  if (self->progress_dialog == NULL)
    return;
  dt_progress_dialog_push_state (self->progress_dialog, state, detail, sub_entry);
  if (sub_entry > 0 && self->pause_dialog != NULL && sub_entry != self->pause_sub_entry)
    return;
  close_window (&self->pause_dialog);
  self->pause_sub_entry = sub_entry;
  if (dt_conn_state_is_paused (state) &&
      !dt_progress_dialog_get_hanging_up (self->progress_dialog))
    _dt_dial_session_open_pause_dialog (self, state, connection);
}

static void
on_connection_state_changed (DtDialSession *self,
                             DtConnection  *connection,
                             guint          state,
                             const char    *detail,
                             guint          sub_entry,
                             DtDialer      *dialer)
{
  DtEntry *entry = dt_connection_get_entry (connection);
  gboolean was_connected;
  guint code;

  if (!self->dialing || entry == NULL ||
      g_strcmp0 (dt_entry_get_uuid (entry), dt_entry_get_uuid (self->entry)) != 0)
    return;

  show_state (self, connection, state, detail, sub_entry);

  if (state == DT_CONN_STATE_AUTHENTICATED || state == DT_CONN_STATE_CONNECTED)
    take_new_password (self);
  /* Connected again after a re-authentication: nothing new to say. */
  if (state == DT_CONN_STATE_CONNECTED && self->was_connected)
    return;
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
  close_window (&self->pause_dialog);
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

/* Cancel in the progress dialog: the dialer hangs up, from any state, paused ones
 * included; the dialog says so until Disconnected. */
static void
on_progress_dialog_cancel (DtDialSession *self)
{
  close_window (&self->pause_dialog);
  if (self->dialing)
    _dt_dial_session_hang_up (self);
  else
    close_window ((GtkWindow **) &self->progress_dialog);
}

static void
start (DtDialSession *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *progress;

  close_window (&self->error_dialog);
  close_window (&self->pause_dialog);
  close_window ((GtkWindow **) &self->progress_dialog);
  forget_answers (self);

  /* The progress dialog first: the engine reports OpenPort before dt_dialer_dial returns. */
  progress = dt_progress_dialog_new (get_parent (self), self->application, self->entry);
  g_set_weak_pointer (&self->progress_dialog, DT_PROGRESS_DIALOG (progress));
  g_signal_connect_object (progress, "cancel", G_CALLBACK (on_progress_dialog_cancel), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (progress));

  self->dialing = TRUE;
  self->was_connected = FALSE;
  if (dt_dialer_dial (self->dialer, self->dial_entry, self->credentials, &error) == NULL)
    {
      self->dialing = FALSE;
      close_window ((GtkWindow **) &self->progress_dialog);
      if (!toast_error (self, error))
        g_warning ("%s", error->message);
    }
}

/* Dial in the Connect dialog: @number_index 0 for the entry's number, n for its n-th
 * alternate, dialed first; with @save_password the password goes to the keyring once the dial
 * reaches Connected, and without it a saved password is forgotten now. */
static void
dial (DtDialSession       *self,
      const DtCredentials *credentials,
      guint                number_index,
      gboolean             save_password)
{
  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = dt_credentials_copy (credentials);
  self->save_password = save_password;
  if (!save_password)
    _dt_dial_session_forget_password (self);
  g_clear_object (&self->dial_entry);
  self->dial_entry = make_dial_entry (self->entry, number_index, self->device);
  self->attempt = 0;
  start (self);
}

static void
on_connect_dialog_dial (DtDialSession       *self,
                        const DtCredentials *credentials,
                        guint                number_index,
                        gboolean             save_password,
                        const char          *device)
{
  if (device != NULL)
    {
      g_free (self->device);
      self->device = g_strdup (device);
    }
  dial (self, credentials, number_index, save_password);
}

/* A second Connect in the same run offers what was typed the first time, unless the user
 * asked for it not to be kept. */
static void
show_connect_dialog (DtDialSession *self)
{
  const DtCredentials *last = self->credentials;
  const char *offered = last != NULL && self->save_password ? last->password : NULL;
  GtkWidget *dialog = dt_connect_dialog_new (get_parent (self), self->application,
                                             self->phonebook, self->entry, offered,
                                             self->device);

  g_signal_connect_object (dialog, "dial", G_CALLBACK (on_connect_dialog_dial), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->connect_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved_password_looked_up (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (DtDialSession) self = user_data;
  g_autoptr (DtCredentials) credentials = NULL;
  gboolean cancelled;
  char *password = dt_secrets_lookup_finish_quietly (result, &cancelled);

  if (cancelled)
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
  dial (self, credentials, 0, TRUE);
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
  close_window (&self->pause_dialog);
  close_window ((GtkWindow **) &self->progress_dialog);
  close_window (&self->error_dialog);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dialer);
  g_clear_object (&self->phonebook);
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

/**
 * dt_dial_session_new:
 * @application: the application, which owns the session and its windows
 * @dialer: the dialer every dial goes through
 * @phonebook: the entry's phonebook, where the Connect dialog's Properties saves
 * @entry: the entry this session dials
 */
DtDialSession *
dt_dial_session_new (GtkApplication *application,
                     DtDialer       *dialer,
                     DtPhonebook    *phonebook,
                     DtEntry        *entry)
{
  DtDialSession *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_DIALER (dialer), NULL);
  g_return_val_if_fail (DT_IS_PHONEBOOK (phonebook), NULL);
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);

  self = g_object_new (DT_TYPE_DIAL_SESSION, NULL);
  self->application = application;
  self->dialer = g_object_ref (dialer);
  self->phonebook = g_object_ref (phonebook);
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

gboolean
dt_dial_session_get_redial_pending (DtDialSession *self)
{
  g_return_val_if_fail (DT_IS_DIAL_SESSION (self), FALSE);
  return self->redial_pending;
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

/* Stops a redial that is counting down (Hang Up from the tray, Quit). */
void
dt_dial_session_cancel_redial (DtDialSession *self)
{
  g_return_if_fail (DT_IS_DIAL_SESSION (self));

  close_window (&self->error_dialog);
}
