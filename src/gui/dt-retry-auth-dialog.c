/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RetryAuthentication dialog.  The dial session opens it (as it opens every paused
 * state's dialog) with the credentials of the dial so far, takes the "retry" answer to the
 * engine, keeps the new credentials for redials and saves the password once the retry
 * reaches Connected, if asked.  Closing it any other way hangs up. */

#include "config.h"

#include "dt-accessible.h"
#include "dt-retry-auth-dialog.h"
#include "dt-text-row.h"

struct _DtRetryAuthDialog
{
  DtPauseDialog parent_instance;

  GtkButton *cancel_button;
  GtkButton *retry_button;
  GtkLabel *heading_label;
  GtkLabel *message_label;
  DtTextRow *user_row;
  DtTextRow *password_row;
  DtTextRow *domain_row;
  GtkSwitch *save_switch;
  GtkLabel *error_label;

  char *user;
  char *domain;
  gboolean save_password;
};

G_DEFINE_FINAL_TYPE (DtRetryAuthDialog, dt_retry_auth_dialog, DT_TYPE_PAUSE_DIALOG)

enum {
  PROP_0,
  PROP_USER,
  PROP_DOMAIN,
  PROP_SAVE_PASSWORD,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_retry_clicked (DtRetryAuthDialog *self)
{
  g_autoptr (DtCredentials) credentials = NULL;

  credentials = dt_credentials_new (gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->domain_row)));
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_RETRY], credentials,
                          gtk_switch_get_active (self->save_switch));
}

static void
dt_retry_auth_dialog_constructed (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->constructed (object);

  dt_pause_dialog_show_server_message (DT_PAUSE_DIALOG (self), self->message_label);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), self->user != NULL ? self->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->domain_row), self->domain != NULL ? self->domain : "");
  gtk_switch_set_active (self->save_switch, self->save_password);
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
dt_retry_auth_dialog_finalize (GObject *object)
{
  DtRetryAuthDialog *self = DT_RETRY_AUTH_DIALOG (object);

  g_free (self->user);
  g_free (self->domain);

  G_OBJECT_CLASS (dt_retry_auth_dialog_parent_class)->finalize (object);
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
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;

    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;

    case PROP_SAVE_PASSWORD:
      self->save_password = g_value_get_boolean (value);
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

  object_class->constructed = dt_retry_auth_dialog_constructed;
  object_class->dispose = dt_retry_auth_dialog_dispose;
  object_class->finalize = dt_retry_auth_dialog_finalize;
  object_class->set_property = dt_retry_auth_dialog_set_property;

  /* The credentials the dialog starts with: the last dial's, else the entry's. */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_PASSWORD] =
    g_param_spec_boolean ("save-password", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Retry with these credentials; save the password once the dial is Connected. */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DT_TYPE_CREDENTIALS | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BOOLEAN);

  g_type_ensure (DT_TYPE_TEXT_ROW);
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
  dt_pause_dialog_set_error_label (DT_PAUSE_DIALOG (self), self->error_label);
  dt_accessible_name_from_labels (GTK_WIDGET (self));
}
