/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PasswordExpired dialog.  The dial session opens it with the entry, as it opens every
 * paused state's dialog, and closes it when the state moves on.  The old
 * password comes from the keyring when the entry keeps it there; Change stays off until the
 * new password is typed twice alike, and a line under the rows says what is missing.  The
 * session sends the change and keeps the new password for redials and for the keyring.
 * Closing the dialog any other way hangs up (the dial ends with 648). */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-change-password-dialog.h"
#include "dt-secrets.h"
#include "dt-text-row.h"

struct _DtChangePasswordDialog
{
  DtPauseDialog parent_instance;

  GtkButton *cancel_button;
  GtkButton *ok_button;
  GtkLabel *heading_label;
  GtkLabel *message_label;
  DtTextRow *old_password_row;
  DtTextRow *new_password_row;
  DtTextRow *confirm_row;
  GtkLabel *reason_label;
  GtkLabel *error_label;

  GCancellable *cancellable;
  gboolean old_password_edited;
};

G_DEFINE_FINAL_TYPE (DtChangePasswordDialog, dt_change_password_dialog, DT_TYPE_PAUSE_DIALOG)

enum {
  SIGNAL_CHANGE_PASSWORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (DtTextRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* What stands between the user and Change, or NULL. */
static const char *
missing (DtChangePasswordDialog *self)
{
  const char *new_password = text_of (self->new_password_row);
  const char *confirmation = text_of (self->confirm_row);

  if (new_password[0] == '\0')
    return _("Type a new password.");
  if (confirmation[0] == '\0')
    return _("Type the new password again to confirm it.");
  if (!g_str_equal (new_password, confirmation))
    return _("The new passwords do not match.");
  return NULL;
}

static void
update_ok (DtChangePasswordDialog *self)
{
  const char *reason = missing (self);
  gboolean mismatch = reason != NULL && text_of (self->confirm_row)[0] != '\0' &&
                      text_of (self->new_password_row)[0] != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), reason == NULL);
  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  if (mismatch)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ok_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  reason != NULL ? reason
                                                 : _("Change the password and go on dialing"),
                                  -1);
}

static void
on_password_changed (DtChangePasswordDialog *self,
                     GtkEditable            *editable)
{
  if (editable == GTK_EDITABLE (self->old_password_row))
    self->old_password_edited = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_ok (self);
}

static void
on_ok_clicked (DtChangePasswordDialog *self)
{
  /* Enter in a row activates the default widget even while it is insensitive. */
  if (missing (self) != NULL)
    return;
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_CHANGE_PASSWORD],
                          text_of (self->old_password_row), text_of (self->new_password_row));
}

static void
on_old_password_looked_up (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (DtChangePasswordDialog) self = user_data;
  gboolean cancelled;
  char *password = dt_secrets_lookup_finish_quietly (result, &cancelled);

  if (cancelled)
    return;
  /* What the user typed meanwhile wins. */
  if (password != NULL && !self->old_password_edited)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->old_password_row), password);
      self->old_password_edited = FALSE;
    }
  if (text_of (self->old_password_row)[0] == '\0' &&
      gtk_widget_has_focus (GTK_WIDGET (self->new_password_row)) &&
      text_of (self->new_password_row)[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->old_password_row));
  dt_secrets_password_free (password);
}

static gboolean
dt_change_password_dialog_close_request (GtkWindow *window)
{
  DtChangePasswordDialog *self = DT_CHANGE_PASSWORD_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dt_change_password_dialog_parent_class)->close_request (window);
}

static void
dt_change_password_dialog_constructed (GObject *object)
{
  DtChangePasswordDialog *self = DT_CHANGE_PASSWORD_DIALOG (object);
  DtEntry *entry;
  gboolean remembered;

  G_OBJECT_CLASS (dt_change_password_dialog_parent_class)->constructed (object);

  entry = dt_pause_dialog_get_entry (DT_PAUSE_DIALOG (self));
  remembered = dt_entry_get_remember_password (entry);

  dt_pause_dialog_show_server_message (DT_PAUSE_DIALOG (self), self->message_label);
  update_ok (self);

  if (remembered)
    dt_secrets_lookup_async (entry, self->cancellable, on_old_password_looked_up,
                             g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (remembered ? self->new_password_row
                                                : self->old_password_row));
}

static void
dt_change_password_dialog_dispose (GObject *object)
{
  DtChangePasswordDialog *self = DT_CHANGE_PASSWORD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_CHANGE_PASSWORD_DIALOG);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dt_change_password_dialog_parent_class)->dispose (object);
}

static void
dt_change_password_dialog_class_init (DtChangePasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_change_password_dialog_constructed;
  object_class->dispose = dt_change_password_dialog_dispose;
  window_class->close_request = dt_change_password_dialog_close_request;

  /* The old password, then the new one. */
  signals[SIGNAL_CHANGE_PASSWORD] =
    g_signal_new ("change-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-change-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, old_password_row);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, DtChangePasswordDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked);
}

static void
dt_change_password_dialog_init (DtChangePasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_pause_dialog_set_error_label (DT_PAUSE_DIALOG (self), self->error_label);
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
