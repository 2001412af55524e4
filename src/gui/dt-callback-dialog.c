/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CallbackSetByCaller dialog.  The dial session opens it with the entry and its
 * connection, and closes it when the state moves on.  The number suggested is the one the
 * engine gave with the pause (the entry's last callback number), else the entry's own; Call
 * Me Back stays off until the number is one a modem dials, with the reason under the row.
 * The session hands the number to the engine, which hangs up and waits for the call; the
 * progress dialog shows those states.  When the server also lets the call go on without
 * callback (dt_connection_get_callback_optional()), Connect Without Callback shows, and
 * answers with no number.  Closing the dialog any other way hangs up. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-callback-dialog.h"
#include "dt-text-row.h"

struct _DtCallbackDialog
{
  DtPauseDialog parent_instance;

  GtkButton *cancel_button;
  GtkButton *call_button;
  GtkButton *decline_button;
  GtkLabel *heading_label;
  GtkLabel *explanation_label;
  DtTextRow *number_row;
  GtkLabel *reason_label;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (DtCallbackDialog, dt_callback_dialog, DT_TYPE_PAUSE_DIALOG)

enum {
  SIGNAL_CALL_BACK,
  SIGNAL_DECLINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The number as typed, without the spaces around it. */
static char *
dup_number (DtCallbackDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
}

static const char *
what_is_wrong (const char *number)
{
  if (number[0] == '\0')
    return _("Enter the number the server should call.");
  if (!dt_entry_number_is_dialable (number))
    return _("Use digits, spaces and the characters * # , + - ( ) W P T !");
  return NULL;
}

static void
on_number_changed (DtCallbackDialog *self)
{
  g_autofree char *number = dup_number (self);
  const char *reason = what_is_wrong (number);

  gtk_widget_set_sensitive (GTK_WIDGET (self->call_button), reason == NULL);
  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  if (reason != NULL && number[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->number_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->number_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_call_clicked (DtCallbackDialog *self)
{
  g_autofree char *number = dup_number (self);

  /* Enter in the row activates the default widget even while it is insensitive. */
  if (what_is_wrong (number) != NULL)
    return;
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_CALL_BACK], number);
}

static void
on_decline_clicked (DtCallbackDialog *self)
{
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_DECLINE]);
}

static gboolean
is_dialable (const char *number)
{
  return number != NULL && number[0] != '\0' && dt_entry_number_is_dialable (number);
}

/* The engine's suggestion (the pause's detail: the entry's last callback number), else the
 * entry's own. */
static char *
dup_suggested_number (DtCallbackDialog *self)
{
  DtConnection *connection = dt_pause_dialog_get_connection (DT_PAUSE_DIALOG (self));
  DtEntry *entry = dt_pause_dialog_get_entry (DT_PAUSE_DIALOG (self));

  if (connection != NULL)
    {
      g_autofree char *detail = NULL;

      g_object_get (connection, "state-detail", &detail, NULL);
      if (is_dialable (detail))
        return g_steal_pointer (&detail);
    }
  return g_strdup (dt_entry_get_callback_number (entry));
}

static void
dt_callback_dialog_constructed (GObject *object)
{
  DtCallbackDialog *self = DT_CALLBACK_DIALOG (object);
  DtConnection *connection;
  g_autofree char *number = NULL;

  G_OBJECT_CLASS (dt_callback_dialog_parent_class)->constructed (object);

  connection = dt_pause_dialog_get_connection (DT_PAUSE_DIALOG (self));
  number = dup_suggested_number (self);

  gtk_widget_set_visible (GTK_WIDGET (self->decline_button),
                          connection != NULL && dt_connection_get_callback_optional (connection));
  /* The engine's pause message says what the heading and the row say already. */
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), number != NULL ? number : "");
  on_number_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->number_row));
}

static void
dt_callback_dialog_dispose (GObject *object)
{
  DtCallbackDialog *self = DT_CALLBACK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_CALLBACK_DIALOG);

  G_OBJECT_CLASS (dt_callback_dialog_parent_class)->dispose (object);
}

static void
dt_callback_dialog_class_init (DtCallbackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_callback_dialog_constructed;
  object_class->dispose = dt_callback_dialog_dispose;

  /* Call this number back. */
  signals[SIGNAL_CALL_BACK] =
    g_signal_new ("call-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Go on without a callback (shown only when the server offers that). */
  signals[SIGNAL_DECLINE] =
    g_signal_new ("decline", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-callback-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, call_button);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, decline_button);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, DtCallbackDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_call_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_decline_clicked);
}

static void
dt_callback_dialog_init (DtCallbackDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_pause_dialog_set_error_label (DT_PAUSE_DIALOG (self), self->error_label);
  dt_accessible_name_from_labels (GTK_WIDGET (self));
}
