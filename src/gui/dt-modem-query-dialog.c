/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Query Modem dialog starts its query as it opens, and cancels it when closed early. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-modem-query.h"
#include "dt-accessible.h"
#include "dt-modem-query-dialog.h"

struct _DtModemQueryDialog
{
  AdwWindow parent_instance;

  GtkButton *close_button;
  GtkSpinner *spinner;
  GtkLabel *summary_label;
  GtkLabel *device_label;
  GtkTextView *answers_view;

  DtModemQuery *query;
  GCancellable *cancellable;
  gboolean done;
};

G_DEFINE_FINAL_TYPE (DtModemQueryDialog, dt_modem_query_dialog, ADW_TYPE_WINDOW)

static void
show_answers (DtModemQueryDialog *self)
{
  GPtrArray *answers = dt_modem_query_get_answers (self->query);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < answers->len; i++)
    {
      const DtModemQueryAnswer *a = g_ptr_array_index (answers, i);
      g_auto (GStrv) lines = g_strsplit (a->text, "\n", -1);

      if (a->status == DT_MODEM_QUERY_ERROR && a->text[0] == '\0')
        g_string_append_printf (text, "%-12s ERROR\n", a->command);
      else if (a->status == DT_MODEM_QUERY_NO_ANSWER && a->text[0] == '\0')
        g_string_append_printf (text, "%-12s %s\n", a->command, _("(no answer)"));
      else
        for (guint l = 0; lines[l] != NULL; l++)
          g_string_append_printf (text, "%-12s %s\n", l == 0 ? a->command : "", lines[l]);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answers_view), text->str, -1);
}

static void
on_query_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (DtModemQueryDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_modem_query_run_finish (DT_MODEM_QUERY (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->done = TRUE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_button_set_label (self->close_button, _("_Close"));
  dt_accessible_name_from_labels (GTK_WIDGET (self->close_button));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_button), "suggested-action");
  if (error != NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      return;
    }
  gtk_label_set_label (self->summary_label, dt_modem_query_get_summary (self->query));
  show_answers (self);
}

static void
on_close_clicked (DtModemQueryDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether the query has finished (for tests). */
gboolean
dt_modem_query_dialog_is_done (DtModemQueryDialog *self)
{
  g_return_val_if_fail (DT_IS_MODEM_QUERY_DIALOG (self), FALSE);

  return self->done;
}

/**
 * dt_modem_query_dialog_new:
 * @speed: the entry's port speed, or 0 for 115200
 *
 * Opens the dialog, transient for @parent, and starts asking the modem on @device.
 */
DtModemQueryDialog *
dt_modem_query_dialog_new (GtkWindow  *parent,
                           const char *device,
                           guint       speed)
{
  DtModemQueryDialog *self = g_object_new (DT_TYPE_MODEM_QUERY_DIALOG,
                                           "transient-for", parent, NULL);
  g_autofree char *asking = g_strdup_printf (_("Asking the modem on %s…"), device);

  gtk_label_set_label (self->summary_label, asking);
  gtk_label_set_label (self->device_label, device);
  self->query = dt_modem_query_new (device, NULL, speed != 0 ? speed : 115200);
  dt_modem_query_run_async (self->query, self->cancellable, on_query_done, g_object_ref (self));
  return self;
}

static void
dt_modem_query_dialog_dispose (GObject *object)
{
  DtModemQueryDialog *self = DT_MODEM_QUERY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_MODEM_QUERY_DIALOG);

  G_OBJECT_CLASS (dt_modem_query_dialog_parent_class)->dispose (object);
}

static void
dt_modem_query_dialog_finalize (GObject *object)
{
  DtModemQueryDialog *self = DT_MODEM_QUERY_DIALOG (object);

  g_clear_object (&self->query);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dt_modem_query_dialog_parent_class)->finalize (object);
}

static gboolean
dt_modem_query_dialog_close_request (GtkWindow *window)
{
  /* The query stops now, and lets go of the port; its callback then finds it cancelled. */
  g_cancellable_cancel (DT_MODEM_QUERY_DIALOG (window)->cancellable);
  return FALSE;
}

static void
dt_modem_query_dialog_class_init (DtModemQueryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dt_modem_query_dialog_dispose;
  object_class->finalize = dt_modem_query_dialog_finalize;
  window_class->close_request = dt_modem_query_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/"
                                               "dt-modem-query-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtModemQueryDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, DtModemQueryDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DtModemQueryDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtModemQueryDialog, device_label);
  gtk_widget_class_bind_template_child (widget_class, DtModemQueryDialog, answers_view);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_modem_query_dialog_init (DtModemQueryDialog *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
