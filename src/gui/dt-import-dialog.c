/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportDialog (see dt-import-dialog.h).  Reading runs in a thread (the file may be on a
 * slow disk), applying on the main loop (the keyring is asynchronous); either can be
 * cancelled by closing the dialog, and a failed import leaves the preview as it was, with
 * the reason in a toast, and the phonebook unchanged. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-import.h"
#include "dt-import-apply.h"
#include "dt-accessible.h"
#include "dt-import-dialog.h"
#include "dt-import-row.h"

struct _DtImportDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkButton *cancel_button;
  GtkButton *import_button;
  GtkButton *close_button;
  GtkStack *stack;
  AdwPreferencesGroup *found_group;
  AdwActionRow *choose_row;
  GtkSpinner *spinner;
  AdwPreferencesPage *preview_page;
  AdwPreferencesGroup *entries_group;
  AdwPreferencesGroup *notes_group;
  AdwExpanderRow *notes_row;
  AdwStatusPage *done_page;

  DtPhonebook *phonebook;
  DtImportResult *result;
  GCancellable *cancellable;
  GtkNativeDialog *chooser;
  GPtrArray *rows;               /* DtImportRow, borrowed from the group */
};

G_DEFINE_FINAL_TYPE (DtImportDialog, dt_import_dialog, ADW_TYPE_WINDOW)

static void
toast (DtImportDialog *self,
       const char     *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
update_import_button (DtImportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            self->result != NULL &&
                            dt_import_result_count_selected (self->result) > 0);
}

/* A check box changed: the names may change with it ("Office (2)" only when both go). */
static void
on_proposal_selected (DtImportDialog *self)
{
  dt_import_result_assign_names (self->result, self->phonebook);
  update_import_button (self);
}

static void
clear_preview (DtImportDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->entries_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_object (&self->result);
}

static void
add_file_notes (DtImportDialog *self)
{
  GPtrArray *notes = dt_import_result_get_notes (self->result);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note",
                                                         "%u notes", notes->len), notes->len);

  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes->len > 0);
  adw_expander_row_set_subtitle (self->notes_row, count);
  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *text = dt_import_note_format (g_ptr_array_index (notes, i));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (self->notes_row, row);
    }
}

static void
show_preview (DtImportDialog *self)
{
  GListModel *proposals = dt_import_result_get_proposals (self->result);
  const char *format = dt_import_format_describe (dt_import_result_get_format (self->result));
  g_autofree char *title = g_strdup_printf ("%s: %s", format,
                                            dt_import_result_get_source (self->result));

  dt_import_result_assign_names (self->result, self->phonebook);
  adw_preferences_group_set_title (self->entries_group, title);
  adw_preferences_group_set_description (self->entries_group,
                                         _("Choose the entries to add to the phonebook"));
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);
      GtkWidget *row = dt_import_row_new (p, dt_import_result_get_devices (self->result));

      g_signal_connect_object (p, "notify::selected", G_CALLBACK (on_proposal_selected), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->entries_group, row);
      g_ptr_array_add (self->rows, row);
    }
  add_file_notes (self);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), TRUE);
  update_import_button (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (DtImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  DtImportResult *read = dt_import_read_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (read == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "choose");
      toast (self, error->message);
      return;
    }
  self->result = read;
  show_preview (self);
}

static void
load (DtImportDialog *self,
      const char     *path)
{
  clear_preview (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  dt_import_read_file_async (path, DT_IMPORT_FORMAT_AUTO, self->cancellable, on_read,
                             g_object_ref (self));
}

static void
on_candidate_activated (AdwActionRow   *row,
                        DtImportDialog *self)
{
  load (self, g_object_get_data (G_OBJECT (row), "dt-path"));
}

static void
on_chooser_response (DtImportDialog  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  g_clear_object (&self->chooser);
  if (path != NULL)
    load (self, path);
}

static void
on_choose_row_activated (DtImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) pbk = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_filter_set_name (pbk, _("Windows phonebooks"));
  gtk_file_filter_add_suffix (pbk, "pbk");
  chooser = gtk_file_chooser_native_new (_("Import a Dial-Up Configuration"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pbk);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
on_applied (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (DtImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportSummary) summary = dt_import_apply_finish (result, &error);
  g_autofree char *text = NULL, *escaped = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  if (summary == NULL)
    {
      /* Translators: the import failed; %s says why.  Nothing was added. */
      g_autofree char *message = g_strdup_printf (_("Nothing was imported: %s"), error->message);

      toast (self, message);
      update_import_button (self);
      return;
    }
  text = dt_import_summary_format (summary);
  escaped = g_markup_escape_text (g_strstrip (text), -1);
  adw_status_page_set_description (self->done_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
}

static void
on_import_clicked (DtImportDialog *self)
{
  if (self->result == NULL)
    return;
  /* One import at a time, and no changes to the preview while it runs. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  dt_import_apply_async (self->result, self->phonebook, self->cancellable, on_applied,
                         g_object_ref (self));
}

static void
on_cancel_clicked (DtImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_candidates (DtImportDialog *self,
                const char     *sysconfdir)
{
  g_autoptr (GPtrArray) candidates = dt_import_find_candidates (sysconfdir);

  gtk_widget_set_visible (GTK_WIDGET (self->found_group), candidates->len > 0);
  for (guint i = 0; i < candidates->len; i++)
    {
      DtImportCandidate *c = g_ptr_array_index (candidates, i);
      g_autofree char *display = g_filename_display_name (c->path);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dt_import_format_describe (c->format));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "dt-path", g_strdup (c->path), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_candidate_activated), self, 0);
      adw_preferences_group_add (self->found_group, row);
    }
}

static gboolean
dt_import_dialog_close_request (GtkWindow *window)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  return GTK_WINDOW_CLASS (dt_import_dialog_parent_class)->close_request (window);
}

static void
dt_import_dialog_dispose (GObject *object)
{
  DtImportDialog *self = DT_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->result);
  g_clear_object (&self->phonebook);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_import_dialog_parent_class)->dispose (object);
}

static void
dt_import_dialog_class_init (DtImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dt_import_dialog_dispose;
  window_class->close_request = dt_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, found_group);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, choose_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, preview_page);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, entries_group);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportDialog, done_page);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_row_activated);

  g_type_ensure (DT_TYPE_IMPORT_ROW);
}

static void
dt_import_dialog_init (DtImportDialog *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_hide_images (GTK_WIDGET (self));
  dt_accessible_name_scroll_panes (GTK_WIDGET (self->preview_page),
                                   gtk_window_get_title (GTK_WINDOW (self)));
  dt_accessible_name_scroll_panes (GTK_WIDGET (self->done_page),
                                   adw_status_page_get_title (self->done_page));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

GtkWidget *
dt_import_dialog_new (GtkWindow   *parent,
                      DtPhonebook *phonebook,
                      const char  *sysconfdir)
{
  DtImportDialog *self;

  g_return_val_if_fail (DT_IS_PHONEBOOK (phonebook), NULL);

  self = g_object_new (DT_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->phonebook = g_object_ref (phonebook);
  add_candidates (self, sysconfdir);
  return GTK_WIDGET (self);
}
