/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the phonebook in a GtkListView (or a status page when it is empty), a
 * warning bar when the phonebook file had to be moved aside, and toasts.  Deleting an
 * entry removes it and its keyring password at once, and keeps both in memory until the
 * Undo toast goes away: the password in libsecret's non-pageable memory, wiped when freed. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-entry-editor.h"
#include "dt-entry-row.h"
#include "dt-import-dialog.h"
#include "dt-secrets.h"
#include "dt-window.h"

struct _DtWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkInfoBar *problem_bar;
  GtkLabel *problem_label;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkButton *empty_new_button;
  GtkListView *list_view;
  GtkSingleSelection *selection;

  DtPhonebook *phonebook;
  GHashTable *pending_deletes;   /* uuid → PendingDelete, while the Undo toast shows */
  gboolean close_confirmed;
};

G_DEFINE_FINAL_TYPE (DtWindow, dt_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct {
  DtEntry *entry;
  AdwToast *toast;
  char *password;                /* from the keyring, for Undo; wiped when freed */
  gboolean undone;
  gboolean expired;
} PendingDelete;

static void
pending_delete_clear (PendingDelete *pending)
{
  g_clear_object (&pending->entry);
  g_clear_object (&pending->toast);
  g_clear_pointer (&pending->password, dt_secrets_password_free);
}

static void
pending_delete_release (PendingDelete *pending)
{
  g_rc_box_release_full (pending, (GDestroyNotify) pending_delete_clear);
}

static void
update_empty_state (DtWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->phonebook)) == 0;
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-selected", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-selected", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected", selected);
}

static void
show_problem (DtWindow   *self,
              const char *text)
{
  gtk_label_set_label (self->problem_label, text);
  gtk_info_bar_set_revealed (self->problem_bar, TRUE);
}

static void
on_problem_bar_response (DtWindow *self,
                         int       response)
{
  gtk_info_bar_set_revealed (self->problem_bar, FALSE);
}

static void
on_phonebook_file_moved_aside (DtWindow    *self,
                               const char  *moved_to,
                               guint        line,
                               const char  *message,
                               DtPhonebook *phonebook)
{
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;

  if (line > 0)
    /* Translators: the phonebook's line that could not be read, and why. */
    reason = g_strdup_printf (_("line %u: %s"), line, message);
  else
    reason = g_strdup (message);

  if (moved_to != NULL)
    {
      g_autofree char *name = g_path_get_basename (moved_to);

      text = g_strdup_printf (_("The phonebook could not be read (%s). It was kept as %s."),
                              reason, name);
    }
  else
    text = g_strdup_printf (_("The phonebook could not be read (%s). It was left in place "
                              "and will not be changed."), reason);
  show_problem (self, text);
}

static void
on_phonebook_save_failed (DtWindow    *self,
                          GError      *error,
                          DtPhonebook *phonebook)
{
  g_autofree char *title = g_strdup_printf (_("Changes could not be saved: %s"),
                                            error->message);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
dt_window_show_load_error (DtWindow     *self,
                           const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  text = g_strdup_printf (_("The phonebook could not be read: %s. It was left as it is, and "
                            "changes will not be saved."), error->message);
  show_problem (self, text);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DtWindow                 *self)
{
  gtk_list_item_set_child (item, dt_entry_row_new ());
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DtWindow                 *self)
{
  dt_entry_row_set_entry (DT_ENTRY_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   DtWindow                 *self)
{
  dt_entry_row_set_entry (DT_ENTRY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate (DtWindow *self,
                       guint     position)
{
  g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->phonebook), position);
  GApplication *app = g_application_get_default ();
  DtConnection *connection = NULL;

  if (entry == NULL)
    return;
  /* A connected entry opens its status window, as in Windows' phonebook; any other, the
   * editor. */
  if (DT_IS_APPLICATION (app))
    connection = dt_dialer_lookup (dt_application_get_dialer (DT_APPLICATION (app)),
                                   dt_entry_get_uuid (entry));
  if (connection != NULL && dt_connection_get_state (connection) == DT_CONN_STATE_CONNECTED)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-status", "s",
                                dt_entry_get_uuid (entry));
  else
    dt_window_edit_entry (self, entry);
}

static DtEntry *
lookup_parameter (DtWindow *self,
                  GVariant *parameter)
{
  return dt_phonebook_lookup (self->phonebook, g_variant_get_string (parameter, NULL));
}

static void
edit_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  DtEntry *entry = lookup_parameter (self, parameter);

  if (entry != NULL)
    dt_window_edit_entry (self, entry);
}

static void
select_entry (DtWindow *self,
              DtEntry  *entry)
{
  guint position;

  if (!dt_phonebook_find (self->phonebook, entry, &position))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
duplicate_entry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  DtEntry *entry = lookup_parameter (self, parameter);
  g_autoptr (DtEntry) copy = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (entry == NULL)
    return;

  copy = dt_entry_duplicate (entry);
  /* Translators: the name of a duplicated entry, such as "Work (copy)". */
  base = g_strdup_printf (_("%s (copy)"), dt_entry_get_name (entry));
  name = dt_phonebook_make_unique_name (self->phonebook, base);
  dt_entry_set_name (copy, name);
  dt_phonebook_add (self->phonebook, copy);
  select_entry (self, copy);
}

static void
on_deleted_secret_cleared (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!dt_secrets_clear_finish (result, &error))
    g_debug ("The deleted entry's password stays in the keyring: %s", error->message);
}

static void
on_deleted_password_looked_up (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  PendingDelete *pending = user_data;
  g_autoptr (GError) error = NULL;
  char *password;

  password = dt_secrets_lookup_finish (result, &error);
  if (error != NULL)
    g_debug ("No password to keep for Undo: %s", error->message);

  if (pending->undone)
    {
      /* Undone already: the password never left the keyring. */
      dt_secrets_password_free (password);
    }
  else
    {
      if (!pending->expired)
        pending->password = g_steal_pointer (&password);
      dt_secrets_password_free (password);
      if (error == NULL)
        dt_secrets_clear_async (dt_entry_get_uuid (pending->entry), NULL,
                                on_deleted_secret_cleared, NULL);
    }
  pending_delete_release (pending);
}

static void
on_delete_toast_dismissed (AdwToast *toast,
                           DtWindow *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (toast), "dt-uuid");
  PendingDelete *pending = g_hash_table_lookup (self->pending_deletes, uuid);

  /* Only this toast's deletion: the same entry may have been deleted again since. */
  if (pending != NULL && pending->toast == toast)
    {
      pending->expired = TRUE;
      g_hash_table_remove (self->pending_deletes, uuid);
    }
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  DtEntry *entry = lookup_parameter (self, parameter);
  g_autofree char *title = NULL;
  PendingDelete *pending;
  const char *uuid;
  AdwToast *toast;

  if (entry == NULL)
    return;

  uuid = dt_entry_get_uuid (entry);
  /* Translators: a toast after deleting an entry, with an Undo button. */
  title = g_strdup_printf (_("“%s” deleted"), dt_entry_get_name (entry));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uuid));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "dt-uuid", g_strdup (uuid), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);

  pending = g_rc_box_new0 (PendingDelete);
  pending->entry = g_object_ref (entry);
  pending->toast = g_object_ref (toast);
  g_hash_table_replace (self->pending_deletes, g_strdup (uuid), pending);

  dt_secrets_lookup_async (entry, NULL, on_deleted_password_looked_up,
                           g_rc_box_acquire (pending));
  dt_phonebook_remove (self->phonebook, pending->entry);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_restored_password_stored (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (DtWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_secrets_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dt_window_add_toast (self, adw_toast_new (error->message));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  PendingDelete *pending = g_hash_table_lookup (self->pending_deletes, uuid);

  if (pending == NULL)
    return;

  pending->undone = TRUE;
  if (dt_phonebook_lookup (self->phonebook, uuid) == NULL)
    dt_phonebook_add (self->phonebook, pending->entry);
  if (pending->password != NULL)
    dt_secrets_store_async (pending->entry, pending->password, NULL,
                            on_restored_password_stored, g_object_ref (self));
  select_entry (self, pending->entry);

  /* Dismissing the toast drops the pending deletion, password included. */
  adw_toast_dismiss (pending->toast);
  g_hash_table_remove (self->pending_deletes, uuid);
}

static void
activate_for_selected (DtWindow   *self,
                       const char *action_name)
{
  DtEntry *entry = gtk_single_selection_get_selected_item (self->selection);

  if (entry != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action_name, "s", dt_entry_get_uuid (entry));
}

static void
selected_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  if (g_str_equal (action_name, "win.edit-selected"))
    activate_for_selected (self, "win.edit-entry");
  else if (g_str_equal (action_name, "win.duplicate-selected"))
    activate_for_selected (self, "win.duplicate-entry");
  else
    activate_for_selected (self, "win.delete-entry");
}

/* win.import: the import dialog, modal over this window. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DtWindow *self = DT_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (dt_import_dialog_new (GTK_WINDOW (self), self->phonebook,
                                                        "/etc")));
}

static void
on_close_question_response (DtWindow   *self,
                            const char *response)
{
  DtApplication *app = DT_APPLICATION (g_application_get_default ());

  if (g_str_equal (response, "cancel"))
    return;
  if (g_str_equal (response, "hang-up"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "hang-up", g_variant_new_string (""));
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window while a connection is live asks whether to hang up or to keep the
 * connection in the background (the app stays, held by the live connection). */
static gboolean
dt_window_close_request (GtkWindow *window)
{
  DtWindow *self = DT_WINDOW (window);
  DtApplication *app = DT_APPLICATION (g_application_get_default ());
  GtkWidget *dialog;

  if (self->close_confirmed || !dt_dialer_get_busy (dt_application_get_dialer (app)))
    return GTK_WINDOW_CLASS (dt_window_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Hang Up?"),
                                   _("A connection is still up. Dialtone can keep it in the "
                                     "background until you hang up."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Connected"),
                                    "hang-up", _("_Hang Up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "hang-up",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_question_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
dt_window_constructed (GObject *object)
{
  DtWindow *self = DT_WINDOW (object);
  /* Not gtk_window_get_application(): "application" is set after constructed(). */
  DtApplication *app = DT_APPLICATION (g_application_get_default ());
  GSettings *settings = dt_application_get_settings (app);

  G_OBJECT_CLASS (dt_window_parent_class)->constructed (object);

  self->phonebook = g_object_ref (dt_application_get_phonebook (app));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->phonebook));
  g_signal_connect_object (self->phonebook, "notify::n-items",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phonebook, "file-moved-aside",
                           G_CALLBACK (on_phonebook_file_moved_aside), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phonebook, "save-failed",
                           G_CALLBACK (on_phonebook_save_failed), self, G_CONNECT_SWAPPED);
  update_empty_state (self);

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
dt_window_dispose (GObject *object)
{
  DtWindow *self = DT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_WINDOW);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_object (&self->phonebook);

  G_OBJECT_CLASS (dt_window_parent_class)->dispose (object);
}

static void
dt_window_class_init (DtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_window_constructed;
  object_class->dispose = dt_window_dispose;
  window_class->close_request = dt_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);

  gtk_widget_class_install_action (widget_class, "win.edit-entry", "s", edit_entry_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-entry", "s",
                                   duplicate_entry_action);
  gtk_widget_class_install_action (widget_class, "win.delete-entry", "s", delete_entry_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.edit-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-selected", NULL,
                                   selected_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);

  g_type_ensure (DT_TYPE_ENTRY_ROW);
}

static void
dt_window_init (DtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending_deletes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) pending_delete_release);
}

DtWindow *
dt_window_new (DtApplication *application)
{
  return g_object_new (DT_TYPE_WINDOW, "application", application, NULL);
}

void
dt_window_new_entry (DtWindow *self)
{
  g_return_if_fail (DT_IS_WINDOW (self));

  dt_window_edit_entry (self, NULL);
}

/**
 * dt_window_edit_entry:
 * @entry: (nullable): the entry to edit, or NULL for a new one
 *
 * Opens the entry editor, modal over this window.
 */
void
dt_window_edit_entry (DtWindow *self,
                      DtEntry  *entry)
{
  GtkWindow *editor;

  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (entry == NULL || DT_IS_ENTRY (entry));

  editor = GTK_WINDOW (dt_entry_editor_new (GTK_WINDOW (self), self->phonebook, entry));
  gtk_window_present (editor);
}

void
dt_window_add_toast (DtWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
