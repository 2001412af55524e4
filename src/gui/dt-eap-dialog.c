/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The InvokeEapUI dialog: see dt-eap-dialog.h.  What it asks follows the pause's detail
 * ("identity", "password" or "token"); Continue emits "answer" with what was typed, which the
 * dial session takes to the engine. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-eap-dialog.h"

struct _DtEapDialog
{
  DtPauseDialog parent_instance;

  GtkButton *continue_button;
  GtkLabel *heading_label;
  GtkLabel *message_label;
  AdwEntryRow *text_row;
  AdwPasswordEntryRow *secret_row;
  GtkLabel *error_label;

  gboolean secret;
};

G_DEFINE_FINAL_TYPE (DtEapDialog, dt_eap_dialog, DT_TYPE_PAUSE_DIALOG)

enum {
  SIGNAL_ANSWER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_continue_clicked (DtEapDialog *self)
{
  GtkEditable *field = self->secret ? GTK_EDITABLE (self->secret_row)
                                    : GTK_EDITABLE (self->text_row);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_ANSWER],
                          gtk_editable_get_text (field));
}

/* What the server asks, as the engine said it with the pause. */
static char *
dup_prompt (DtEapDialog *self)
{
  DtConnection *connection = dt_pause_dialog_get_connection (DT_PAUSE_DIALOG (self));
  char *detail = NULL;

  if (connection != NULL)
    g_object_get (connection, "state-detail", &detail, NULL);
  return detail;
}

static void
dt_eap_dialog_constructed (GObject *object)
{
  DtEapDialog *self = DT_EAP_DIALOG (object);
  g_autofree char *kind = NULL;
  GtkWidget *field;

  G_OBJECT_CLASS (dt_eap_dialog_parent_class)->constructed (object);

  kind = dup_prompt (self);
  dt_pause_dialog_show_server_message (DT_PAUSE_DIALOG (self), self->message_label);
  self->secret = g_strcmp0 (kind, "identity") != 0;
  if (g_strcmp0 (kind, "identity") == 0)
    {
      gtk_label_set_label (self->heading_label, _("The server asks for your user name."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text_row), _("_User name"));
    }
  else if (g_strcmp0 (kind, "password") == 0)
    {
      gtk_label_set_label (self->heading_label, _("The server asks for your password."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _("_Password"));
    }
  else
    {
      gtk_label_set_label (self->heading_label,
                           _("The server asks for a response, such as the code your security "
                             "token shows."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->secret_row), _("_Response"));
    }
  field = self->secret ? GTK_WIDGET (self->secret_row) : GTK_WIDGET (self->text_row);
  gtk_widget_set_visible (GTK_WIDGET (self->text_row), !self->secret);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), self->secret);
  gtk_widget_grab_focus (field);
}

static void
dt_eap_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DT_TYPE_EAP_DIALOG);

  G_OBJECT_CLASS (dt_eap_dialog_parent_class)->dispose (object);
}

static void
dt_eap_dialog_class_init (DtEapDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_eap_dialog_constructed;
  object_class->dispose = dt_eap_dialog_dispose;

  /* The user's answer: the user name, the password or the token's response. */
  signals[SIGNAL_ANSWER] =
    g_signal_new ("answer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-eap-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, text_row);
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, DtEapDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
}

static void
dt_eap_dialog_init (DtEapDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_pause_dialog_set_error_label (DT_PAUSE_DIALOG (self), self->error_label);
}
