/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialinUserDialog: see dt-dialin-user-dialog.h.  Save checks every field first and says
 * what is wrong; the password goes to the keyring, and only once it is there does the account
 * reach incoming.ini, so that no account exists without its password. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dt-accessible.h"
#include "dt-dialin-secrets.h"
#include "dt-dialin-user-dialog.h"
#include "dt-text-row.h"

struct _DtDialinUserDialog
{
  AdwWindow parent_instance;

  GtkButton *save_button;
  DtTextRow *name_row;
  DtTextRow *password_row;
  DtTextRow *confirm_row;
  GtkSwitch *enabled_switch;
  AdwComboRow *callback_row;
  DtTextRow *number_row;
  GtkLabel *error_label;

  DtIncoming *incoming;
  DtDialinUser *user;          /* NULL: a new account */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DtDialinUserDialog, dt_dialin_user_dialog, ADW_TYPE_WINDOW)

static void
show_error (DtDialinUserDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The account as the fields say, once the password is stored (or kept). */
static void
apply (DtDialinUserDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtDialinUser) user = NULL;
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->number_row));

  if (self->user != NULL)
    user = g_object_ref (self->user);
  else
    user = dt_incoming_add_user (self->incoming,
                                 gtk_editable_get_text (GTK_EDITABLE (self->name_row)), &error);
  if (user == NULL)
    {
      show_error (self, error->message);
      return;
    }
  dt_dialin_user_set_enabled (user, gtk_switch_get_active (self->enabled_switch));
  dt_dialin_user_set_callback (user, adw_combo_row_get_selected (self->callback_row));
  dt_dialin_user_set_callback_number (user, number);
  if (!dt_incoming_save (self->incoming, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (DtDialinUserDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_dialin_secrets_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, error->message);
          gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
        }
      return;
    }
  apply (self);
}

/* NULL when the fields make an account, else why not. */
static char *
check (DtDialinUserDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  guint callback = adw_combo_row_get_selected (self->callback_row);
  g_autoptr (DtDialinUser) other = NULL;
  char *reason = NULL;

  if (self->user == NULL)
    {
      if (!dt_dialin_user_name_is_valid (name, &reason))
        return reason;
      other = dt_incoming_find_user (self->incoming, name);
      if (other != NULL)
        return g_strdup_printf (_("There is already a user “%s”."), name);
      if (password[0] == '\0')
        return g_strdup (_("Enter a password."));
    }
  if (strcmp (password, confirm) != 0)
    return g_strdup (_("The passwords do not match."));
  if (number[0] != '\0' && !dt_dialin_callback_number_is_valid (number))
    return g_strdup_printf (_("“%s” is not a phone number."), number);
  if (callback == DT_DIALIN_CALLBACK_PRESET && number[0] == '\0')
    return g_strdup (_("Enter the number to call back."));
  return NULL;
}

static void
on_save_clicked (DtDialinUserDialog *self)
{
  g_autofree char *problem = check (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *name = self->user != NULL ? dt_dialin_user_get_name (self->user)
                                        : gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  show_error (self, problem);
  if (problem != NULL)
    return;
  if (password[0] == '\0')
    {
      apply (self);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  dt_dialin_secrets_store_async (name, password, self->cancellable, on_stored,
                                 g_object_ref (self));
}

static void
dt_dialin_user_dialog_dispose (GObject *object)
{
  DtDialinUserDialog *self = DT_DIALIN_USER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_DIALIN_USER_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->incoming);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (dt_dialin_user_dialog_parent_class)->dispose (object);
}

static void
dt_dialin_user_dialog_class_init (DtDialinUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_dialin_user_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dialtone/Dialtone/dt-dialin-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, callback_row);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, DtDialinUserDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_dialin_user_dialog_init (DtDialinUserDialog *self)
{
  g_type_ensure (DT_TYPE_TEXT_ROW);
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_follow_combo_rows (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

DtDialinUserDialog *
dt_dialin_user_dialog_new (GtkWindow    *parent,
                           DtIncoming   *incoming,
                           DtDialinUser *user)
{
  DtDialinUserDialog *self;

  g_return_val_if_fail (DT_IS_INCOMING (incoming), NULL);

  self = g_object_new (DT_TYPE_DIALIN_USER_DIALOG, "transient-for", parent, NULL);
  self->incoming = g_object_ref (incoming);
  if (user == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New User"));
      return self;
    }
  self->user = g_object_ref (user);
  gtk_window_set_title (GTK_WINDOW (self), dt_dialin_user_get_name (user));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), dt_dialin_user_get_name (user));
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _("New Password (empty: keep it)"));
  gtk_switch_set_active (self->enabled_switch, dt_dialin_user_get_enabled (user));
  adw_combo_row_set_selected (self->callback_row, dt_dialin_user_get_callback (user));
  if (dt_dialin_user_get_callback_number (user) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->number_row),
                           dt_dialin_user_get_callback_number (user));
  return self;
}
