/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RetryAuthentication dialog.  The progress dialog opens it with the dial session (as it
 * opens every paused state's dialog) and closes it when the state moves on.  Retry goes
 * through the session, which keeps the new credentials for redials and saves the password
 * once the retry reaches Connected, if asked.  Closing it any other way hangs up. */

#include "config.h"

#include "dt-retry-auth-dialog.h"

struct _DtRetryAuthDialog
{
  DtPauseDialog parent_instance;

  GtkButton *cancel_button;
  GtkButton *retry_button;
  GtkLabel *heading_label;
  GtkLabel *message_label;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow *domain_row;
  GtkSwitch *save_switch;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (DtRetryAuthDialog, dt_retry_auth_dialog, DT_TYPE_PAUSE_DIALOG)

static void
on_retry_clicked (DtRetryAuthDialog *self)
{
  g_autoptr (DtRetryAuthDialog) keep = g_object_ref (self);
  DtPauseDialog *pause = DT_PAUSE_DIALOG (self);
  g_autoptr (DtCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  credentials = dt_credentials_new (gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->domain_row)));
  dt_pause_dialog_set_answered (pause, TRUE);
  /* The engine moves on at once (AuthRetry), and the progress dialog closes this one. */
  if (!dt_dial_session_retry_authentication (dt_pause_dialog_get_session (pause), credentials,
                                             gtk_switch_get_active (self->save_switch), &error))
    {
      dt_pause_dialog_set_answered (pause, FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dt_retry_auth_dialog_constructed (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);
  DtDialSession *session = dt_pause_dialog_get_session (DT_PAUSE_DIALOG (self));
  const DtCredentials *last = dt_dial_session_get_credentials (session);
  DtEntry *entry = dt_dial_session_get_entry (session);

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->constructed (object);

  dt_pause_dialog_show_server_message (DT_PAUSE_DIALOG (self), self->message_label);

  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         last != NULL && last->user != NULL ? last->user : dt_entry_get_user (entry));
  gtk_editable_set_text (GTK_EDITABLE (self->domain_row),
                         last != NULL && last->domain != NULL ? last->domain
                                                               : dt_entry_get_domain (entry));
  gtk_switch_set_active (self->save_switch, dt_dial_session_get_save_password (session));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
dt_retry_auth_dialog_dispose (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_RETRY_AUTH_DIALOG);

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->dispose (object);
}

static void
dt_retry_auth_dialog_class_init (DtRetryAuthDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_retry_auth_dialog_constructed;
  object_class->dispose = dt_retry_auth_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-retry-auth-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, save_switch);
  gtk_widget_class_bind_template_child (widget_class, DtRetryAuthDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
dt_retry_auth_dialog_init (DtRetryAuthDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
