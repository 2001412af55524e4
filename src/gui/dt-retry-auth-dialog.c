/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RetryAuthentication dialog.  The progress dialog opens it with the dial session (as it
 * opens every paused state's dialog) and closes it when the state moves on.  Retry goes
 * through the session, which keeps the new credentials for redials and saves the password
 * once the retry reaches Connected, if asked.  Closing it any other way hangs up. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-retry-auth-dialog.h"

struct _DtRetryAuthDialog
{
  AdwWindow parent_instance;

  GtkButton *cancel_button;
  GtkButton *retry_button;
  GtkLabel *heading_label;
  GtkLabel *message_label;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow *domain_row;
  GtkSwitch *save_switch;
  GtkLabel *error_label;

  DtDialSession *session;
  gboolean answered;
};

G_DEFINE_FINAL_TYPE (DtRetryAuthDialog, dt_retry_auth_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_retry_clicked (DtRetryAuthDialog *self)
{
  g_autoptr (DtRetryAuthDialog) keep = g_object_ref (self);
  g_autoptr (DtCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  credentials = dt_credentials_new (gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->domain_row)));
  self->answered = TRUE;
  /* The engine moves on at once (AuthRetry), and the progress dialog closes this one. */
  if (!dt_dial_session_retry_authentication (self->session, credentials,
                                             gtk_switch_get_active (self->save_switch), &error))
    {
      self->answered = FALSE;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
dt_retry_auth_dialog_close_request (GtkWindow *window)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (window);

  if (!self->answered)
    {
      self->answered = TRUE;
      dt_dial_session_hang_up (self->session);
    }
  return FALSE;
}

static void
dt_retry_auth_dialog_constructed (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);
  DtConnection *connection = dt_dial_session_get_connection (self->session);
  const DtCredentials *last = dt_dial_session_get_credentials (self->session);
  DtEntry *entry = dt_dial_session_get_entry (self->session);
  const char *message = connection != NULL ? dt_connection_get_pause_message (connection) : NULL;

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->constructed (object);

  if (message != NULL && message[0] != '\0')
    {
      /* Translators: what the server said when it refused the password. */
      g_autofree char *text = g_strdup_printf (_("The server said: %s"), message);

      gtk_label_set_label (self->message_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && message[0] != '\0');

  gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                         last != NULL && last->user != NULL ? last->user : dt_entry_get_user (entry));
  gtk_editable_set_text (GTK_EDITABLE (self->domain_row),
                         last != NULL && last->domain != NULL ? last->domain
                                                               : dt_entry_get_domain (entry));
  gtk_switch_set_active (self->save_switch, dt_dial_session_get_save_password (self->session));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
dt_retry_auth_dialog_dispose (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_RETRY_AUTH_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->dispose (object);
}

static void
dt_retry_auth_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_retry_auth_dialog_class_init (DtRetryAuthDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_retry_auth_dialog_constructed;
  object_class->dispose = dt_retry_auth_dialog_dispose;
  object_class->set_property = dt_retry_auth_dialog_set_property;
  window_class->close_request = dt_retry_auth_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DT_TYPE_DIAL_SESSION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_retry_auth_dialog_init (DtRetryAuthDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
