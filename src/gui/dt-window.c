/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: the phonebook in a GtkListView (or a status page when it is empty), a
 * warning bar when the phonebook file had to be moved aside, and toasts.  Deleting an
 * entry removes it and its keyring password at once, and keeps both in memory until the
 * Undo toast goes away: the password in libsecret's non-pageable memory, wiped when freed. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
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
  GtkButton *problem_close_button;
  GtkStack *stack;
  AdwStatusPage *empty_page;
  GtkButton *empty_new_button;
  GtkListView *list_view;
  GtkSingleSelection *selection;

  DtPhonebook *phonebook;
  DtDialer *dialer;
  GSettings *settings;
  GHashTable *pending_deletes;   /* uuid → PendingDelete, while the Undo toast shows */
  gboolean close_confirmed;
};

G_DEFINE_FINAL_TYPE (DtWindow, dt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PHONEBOOK,
  PROP_DIALER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void edit_entry (DtWindow *self,
                        DtEntry  *entry);

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

/* Shows @text in the warning bar, or hides the bar when @text is NULL.  GtkInfoBar is
 * deprecated from GTK 4.10 (libadwaita 1.3's AdwBanner replaces it): this function and
 * problem_bar in the .ui file are the one place to change.  The bar is hidden outright when
 * there is no problem, so that a screen reader finds no empty alert; shown, it is an alert
 * named by its text, which a screen reader announces as it appears. */
static void
show_problem (DtWindow   *self,
              const char *text)
{
  if (text != NULL)
    gtk_label_set_label (self->problem_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_bar), text != NULL);
  gtk_info_bar_set_revealed (self->problem_bar, text != NULL);
}

static void
on_problem_close_clicked (DtWindow *self)
{
  show_problem (self, NULL);
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
  dt_accessible_add_toast (self->toast_overlay, toast);
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
  gtk_list_item_set_child (item, dt_entry_row_new (self->dialer));
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DtWindow                 *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *item_widget = gtk_widget_get_parent (row);

  dt_entry_row_set_entry (DT_ENTRY_ROW (row), gtk_list_item_get_item (item));
  /* The list's item, which the keyboard selects, says what the row says: the entry and the
   * state of its connection.  GTK 4.8 names it from nothing of its own. */
  if (item_widget != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (item_widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
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
  DtConnection *connection;

  if (entry == NULL)
    return;
  /* A connected entry opens its status window, as in Windows' phonebook; any other, the
   * editor. */
  connection = dt_dialer_lookup (self->dialer, dt_entry_get_uuid (entry));
  if (connection != NULL && dt_connection_get_state (connection) == DT_CONN_STATE_CONNECTED)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-status", "s",
                                dt_entry_get_uuid (entry));
  else
    edit_entry (self, entry);
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
    edit_entry (self, entry);
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
  dt_accessible_add_toast (self->toast_overlay, toast);
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
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dt_window_add_toast (DT_WINDOW (widget), adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
on_close_question_response (DtWindow   *self,
                            const char *response)
{
  if (g_str_equal (response, "cancel"))
    return;
  if (g_str_equal (response, "hang-up"))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.hang-up", "s", "");
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window while a connection is live asks whether to hang up or to keep the
 * connection in the background (the app stays, held by the live connection). */
static gboolean
dt_window_close_request (GtkWindow *window)
{
  DtWindow *self = DT_WINDOW (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !dt_dialer_get_busy (self->dialer))
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
  dt_accessible_name_from_labels (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_question_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The keyboard shortcuts window, built when asked for and gone when closed.  Not the help
 * overlay GtkApplication builds with each window: that one waits hidden and unrealized among
 * the toplevels, and GTK 4.8 answers a screen reader that asks for a toplevel past the last
 * visible one with the last toplevel of all; unrealized, it has no object path, and the app
 * crashes. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/dialtone/Dialtone/dt-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_set_hide_on_close (shortcuts, FALSE);
  gtk_window_present (shortcuts);
}

static void
dt_window_constructed (GObject *object)
{
  DtWindow *self = DT_WINDOW (object);

  G_OBJECT_CLASS (dt_window_parent_class)->constructed (object);

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

  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
dt_window_dispose (GObject *object)
{
  DtWindow *self = DT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_WINDOW);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_object (&self->phonebook);
  g_clear_object (&self->dialer);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_window_parent_class)->dispose (object);
}

static void
dt_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DtWindow *self = DT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PHONEBOOK:
      self->phonebook = g_value_dup_object (value);
      break;

    case PROP_DIALER:
      self->dialer = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_window_class_init (DtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_window_constructed;
  object_class->dispose = dt_window_dispose;
  object_class->set_property = dt_window_set_property;
  window_class->close_request = dt_window_close_request;

  properties[PROP_PHONEBOOK] =
    g_param_spec_object ("phonebook", NULL, NULL, DT_TYPE_PHONEBOOK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The rows follow their entries' connections in it; closing asks while it is busy. */
  properties[PROP_DIALER] =
    g_param_spec_object ("dialer", NULL, NULL, DT_TYPE_DIALER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The application's, for the window's size. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, problem_close_button);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, DtWindow, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_close_clicked);
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
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);

  g_type_ensure (DT_TYPE_ENTRY_ROW);
}

static void
dt_window_init (DtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));

  self->pending_deletes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) pending_delete_release);
}

DtWindow *
dt_window_new (GtkApplication *application,
               DtPhonebook    *phonebook,
               DtDialer       *dialer,
               GSettings      *settings)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_PHONEBOOK (phonebook), NULL);
  g_return_val_if_fail (DT_IS_DIALER (dialer), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DT_TYPE_WINDOW,
                       "application", application,
                       "phonebook", phonebook,
                       "dialer", dialer,
                       "settings", settings,
                       NULL);
}

void
dt_window_new_entry (DtWindow *self)
{
  g_return_if_fail (DT_IS_WINDOW (self));

  edit_entry (self, NULL);
}

/* Opens the entry editor (for a new entry when @entry is NULL), modal over this window. */
static void
edit_entry (DtWindow *self,
            DtEntry  *entry)
{
  GtkWindow *editor;

  g_assert (entry == NULL || DT_IS_ENTRY (entry));

  editor = GTK_WINDOW (dt_entry_editor_new (GTK_WINDOW (self), self->phonebook, entry));
  gtk_window_present (editor);
}

void
dt_window_add_toast (DtWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  dt_accessible_add_toast (self->toast_overlay, toast);
}
