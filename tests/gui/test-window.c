/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app as a user drives it, under Xvfb: the real DtApplication and its window, a real
 * gnome-keyring-daemon on a private bus, a phonebook in a temp dir.  The tests run in order
 * and share the app: create an entry through the editor's own rows (with a typo the editor
 * refuses), see it in the list, edit it, give it a route on the Network page (a bad one
 * first, which keeps Save off), fail to save into a read-only folder, delete it and
 * undo the delete (the keyring password comes back too), duplicate it, and see a phonebook
 * broken behind the app's back reported in the window.  Run with LANGUAGE=es, /gui/spanish
 * checks the Spanish labels. */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-application.h"
#include "dt-entry-editor.h"
#include "dt-entry-row.h"
#include "dt-secrets.h"
#include "dt-string-list-group.h"
#include "dt-test-gui.h"
#include "dt-test-keyring.h"
#include "dt-test-readonly.h"
#include "dt-window.h"

static DtTestKeyring *keyring;
static DtApplication *app;
static DtWindow *window;
static char *config_dir;

static gboolean
label_has_prefix (GtkWidget     *widget,
                  gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static gboolean
is_warning_icon (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The editor the user sees, if one is open. */
static DtEntryEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (DT_IS_ENTRY_EDITOR (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return DT_ENTRY_EDITOR (toplevel);
    }
  return NULL;
}

static gboolean
editor_is_open (gconstpointer data)
{
  return find_editor () != NULL;
}

static gboolean
editor_is_closed (gconstpointer data)
{
  return find_editor () == NULL;
}

static DtEntryEditor *
wait_for_editor (void)
{
  dt_test_wait_until (editor_is_open, NULL);
  return find_editor ();
}

static void
type_into (DtEntryEditor *editor,
           const char    *row_name,
           const char    *text)
{
  dt_test_type_into (editor, DT_TYPE_ENTRY_EDITOR, row_name, text);
}

static GtkWidget *
save_button (DtEntryEditor *editor)
{
  return dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "save_button");
}

/* The labels of the list's row for @name, as "name|number|device|last connected". */
static char *
row_text (const char *name)
{
  GtkWidget *list = dt_test_child (window, DT_TYPE_WINDOW, "list_view");

  for (GtkWidget *item = gtk_widget_get_first_child (list); item;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      const char *label;

      if (row == NULL || !DT_IS_ENTRY_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      label = dt_test_label_text (row, DT_TYPE_ENTRY_ROW, "name_label");
      if (g_strcmp0 (label, name) != 0)
        continue;
      return g_strjoin ("|", label,
                        dt_test_label_text (row, DT_TYPE_ENTRY_ROW, "number_label"),
                        dt_test_label_text (row, DT_TYPE_ENTRY_ROW, "device_label"),
                        dt_test_label_text (row, DT_TYPE_ENTRY_ROW, "last_connected_label"),
                        NULL);
    }
  return NULL;
}

static gboolean
row_shows (gconstpointer expected)
{
  g_auto (GStrv) parts = g_strsplit (expected, "|", 2);
  g_autofree char *text = row_text (parts[0]);

  return g_strcmp0 (text, expected) == 0;
}

static gboolean
row_absent (gconstpointer name)
{
  g_autofree char *text = row_text (name);

  return text == NULL;
}

static const char *
visible_page (void)
{
  GtkWidget *stack = dt_test_child (window, DT_TYPE_WINDOW, "stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The keyring as another client sees it. */
typedef struct {
  gboolean done;
  char *password;
} Lookup;

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr (GError) error = NULL;

  lookup->password = dt_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gconstpointer data)
{
  return ((const Lookup *) data)->done;
}

static char *
keyring_password (DtEntry *entry)
{
  Lookup lookup = { FALSE, NULL };
  char *copy;

  dt_secrets_lookup_async (entry, NULL, on_looked_up, &lookup);
  dt_test_wait_until (lookup_done, &lookup);
  copy = g_strdup (lookup.password);
  dt_secrets_password_free (lookup.password);
  return copy;
}

static DtEntry *
work_entry (void)
{
  DtEntry *entry = dt_phonebook_lookup_by_name (dt_application_get_phonebook (app), "Work");

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
keyring_has (gconstpointer expected)
{
  g_autofree char *password = keyring_password (work_entry ());

  return g_strcmp0 (password, expected) == 0;
}

static gboolean
keyring_lacks (gconstpointer entry)
{
  g_autofree char *password = keyring_password ((DtEntry *) entry);

  return password == NULL;
}

static gboolean
is_realized (gconstpointer widget)
{
  return gtk_widget_get_realized (GTK_WIDGET (widget));
}

/* Clicks a page in the editor's view switcher. */
static void
show_page (DtEntryEditor *editor,
           const char    *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "view_stack"));

  adw_view_stack_set_visible_child_name (stack, name);
  dt_test_wait_until (is_realized, adw_view_stack_get_visible_child (stack));
}

static gboolean
group_has_row (gconstpointer group)
{
  return dt_string_list_group_get_row (DT_STRING_LIST_GROUP ((gpointer) group), 0) != NULL;
}

static gboolean
group_has_two_rows (gconstpointer group)
{
  return dt_string_list_group_get_row (DT_STRING_LIST_GROUP ((gpointer) group), 1) != NULL;
}

static gboolean
alternates_are (gconstpointer expected)
{
  DtEntry *entry = dt_entry_editor_get_entry (find_editor ());
  g_autofree char *joined = g_strjoinv (" ", (char **) dt_entry_get_alternates (entry));

  return g_str_equal (joined, expected);
}

static void
test_empty (void)
{
  GtkWidget *page = dt_test_child (window, DT_TYPE_WINDOW, "empty_page");

  g_assert_cmpstr (visible_page (), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Dial-Up Entries");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dt_test_child (window, DT_TYPE_WINDOW,
                                                             "empty_new_button"))),
                   ==, "_New Entry");
}

static void
test_create (void)
{
  DtEntryEditor *editor;
  GtkWidget *number_row, *add, *alternate, *error_icon;
  DtStringListGroup *alternates;

  /* The status page's New Entry button opens the editor. */
  gtk_widget_activate (dt_test_child (window, DT_TYPE_WINDOW, "empty_new_button"));
  editor = wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Entry");
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));

  type_into (editor, "name_row", "Work");
  type_into (editor, "device_row", "/dev/ttyUSB0");

  /* The Numbers page.  A number with letters: the row turns red with the reason, and Save
   * stays off. */
  show_page (editor, "numbers");
  type_into (editor, "number_row", "555-CALL");
  number_row = dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "number_row");
  g_assert_true (gtk_widget_has_css_class (number_row, "error"));
  error_icon = dt_test_find_widget (number_row, is_warning_icon, NULL);
  g_assert_nonnull (error_icon);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (error_icon), ==,
                   "Use digits, spaces and the characters * # , + - ( ) W P T !");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save_button (editor)), ==,
                   "Use digits, spaces and the characters * # , + - ( ) W P T !");
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));

  type_into (editor, "number_row", "555-0100");
  g_assert_false (gtk_widget_has_css_class (number_row, "error"));
  g_assert_null (dt_test_find_widget (number_row, is_warning_icon, NULL));

  /* An alternate number, through the group's Add button and the row it adds. */
  alternates = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                    "alternates_group"));
  add = dt_test_find_widget (GTK_WIDGET (alternates), is_button_with_tooltip,
                             "Add Alternate Number");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  dt_test_wait_until (group_has_row, alternates);
  alternate = dt_string_list_group_get_row (alternates, 0);
  gtk_editable_set_text (GTK_EDITABLE (alternate), "555-0101");

  /* A second one, moved above the first, then the first removed: the list is ordered. */
  gtk_widget_activate (add);
  dt_test_wait_until (group_has_two_rows, alternates);
  gtk_editable_set_text (GTK_EDITABLE (dt_string_list_group_get_row (alternates, 1)), "555-0102");
  gtk_widget_activate (dt_test_find_widget (dt_string_list_group_get_row (alternates, 1),
                                    is_button_with_tooltip, "Move Up"));
  dt_test_wait_until (alternates_are, "555-0102 555-0101");
  gtk_widget_activate (dt_test_find_widget (dt_string_list_group_get_row (alternates, 1),
                                    is_button_with_tooltip, "Remove"));
  dt_test_wait_until (alternates_are, "555-0102");

  show_page (editor, "credentials");
  type_into (editor, "user_row", "alice");
  type_into (editor, "password_row", "s3cret");

  g_assert_true (gtk_widget_get_sensitive (save_button (editor)));
  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);

  dt_test_wait_until (row_shows, "Work|555-0100|/dev/ttyUSB0|Never");
  g_assert_cmpstr (visible_page (), ==, "list");
  {
    const char * const *saved = dt_entry_get_alternates (work_entry ());

    g_assert_cmpstr (saved[0], ==, "555-0102");
    g_assert_null (saved[1]);
  }
  /* The password went to the keyring, not to the file. */
  dt_test_wait_until (keyring_has, "s3cret");
}

static gboolean
password_row_shows (gconstpointer data)
{
  DtEntryEditor *editor = find_editor ();

  return editor != NULL &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (dt_test_child (editor,
                                                                        DT_TYPE_ENTRY_EDITOR,
                                                                        "password_row"))),
                    data) == 0;
}

static void
open_editor_on_selection (void)
{
  GtkWidget *list = dt_test_child (window, DT_TYPE_WINDOW, "list_view");

  /* Return on a row of the list. */
  g_signal_emit_by_name (list, "activate", 0);
}

static void
test_edit_and_cancel (void)
{
  DtEntryEditor *editor;

  open_editor_on_selection ();
  editor = wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                               "name_row"))), ==, "Work");
  /* The saved password is shown (as dots) once the keyring answers. */
  dt_test_wait_until (password_row_shows, "s3cret");

  /* Cancel discards. */
  type_into (editor, "number_row", "555-0000");
  gtk_widget_activate (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "cancel_button"));
  dt_test_wait_until (editor_is_closed, NULL);
  g_assert_true (row_shows ("Work|555-0100|/dev/ttyUSB0|Never"));

  /* Save applies. */
  open_editor_on_selection ();
  editor = wait_for_editor ();
  type_into (editor, "number_row", "555-0199");
  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);
  dt_test_wait_until (row_shows, "Work|555-0199|/dev/ttyUSB0|Never");
}

static gboolean
routes_are (gconstpointer expected)
{
  DtEntry *entry = dt_entry_editor_get_entry (find_editor ());
  g_autofree char *joined = g_strjoinv (" ", (char **) dt_entry_get_routes (entry));

  return g_str_equal (joined, expected);
}

static gboolean
file_has (gconstpointer text)
{
  g_autofree char *path = g_build_filename (config_dir, "dialtone", "phonebook.ini", NULL);
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* The reason a route row shows on its warning icon, or NULL when it has none. */
static const char *
row_reason (GtkWidget *row)
{
  GtkWidget *icon = dt_test_find_widget (row, is_warning_icon, NULL);

  return icon != NULL ? gtk_widget_get_tooltip_text (icon) : NULL;
}

static void
test_routes (void)
{
  DtEntryEditor *editor;
  DtStringListGroup *routes;
  GtkWidget *add, *route, *network_page;
  AdwViewStack *stack;

  open_editor_on_selection ();
  editor = wait_for_editor ();
  show_page (editor, "network");
  stack = ADW_VIEW_STACK (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "view_stack"));
  network_page = adw_view_stack_get_child_by_name (stack, "network");
  gtk_switch_set_active (GTK_SWITCH (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                            "default_gateway_switch")), FALSE);

  routes = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "routes_group"));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (routes)), ==, "Routes");
  add = dt_test_find_widget (GTK_WIDGET (routes), is_button_with_tooltip, "Add Route");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  dt_test_wait_until (group_has_row, routes);
  route = dt_string_list_group_get_row (routes, 0);

  /* Not an address: the row and the group say why, the page is marked, Save stays off. */
  gtk_editable_set_text (GTK_EDITABLE (route), "300.1.2.3/8");
  g_assert_true (gtk_widget_has_css_class (route, "error"));
  g_assert_cmpstr (row_reason (route), ==,
                   "Enter an IPv4 network and its prefix length, such as 10.99.0.0/16");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (routes)), ==,
                   "Route 1: Enter an IPv4 network and its prefix length, such as 10.99.0.0/16");
  g_assert_true (adw_view_stack_page_get_needs_attention (adw_view_stack_get_page (stack,
                                                                                   network_page)));
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save_button (editor)), ==,
                   "Route 1: Enter an IPv4 network and its prefix length, such as 10.99.0.0/16");

  /* No prefix length: the reason says what to add. */
  gtk_editable_set_text (GTK_EDITABLE (route), "10.99.0.0");
  g_assert_cmpstr (row_reason (route), ==,
                   "Add the prefix length, such as 10.99.0.0/16, or /32 for one host");
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));

  gtk_editable_set_text (GTK_EDITABLE (route), "10.99.0.0/16");
  g_assert_false (gtk_widget_has_css_class (route, "error"));
  g_assert_null (row_reason (route));
  g_assert_true (gtk_widget_get_sensitive (save_button (editor)));
  g_assert_false (adw_view_stack_page_get_needs_attention (adw_view_stack_get_page (stack,
                                                                                    network_page)));

  /* The same route twice: each row is fine on its own, the list is not. */
  gtk_widget_activate (add);
  dt_test_wait_until (group_has_two_rows, routes);
  gtk_editable_set_text (GTK_EDITABLE (dt_string_list_group_get_row (routes, 1)), "10.99.0.0/16");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (routes)), ==,
                   "Route 2: This route is already in the list");
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));
  gtk_widget_activate (dt_test_find_widget (dt_string_list_group_get_row (routes, 1),
                                    is_button_with_tooltip, "Remove"));
  dt_test_wait_until (routes_are, "10.99.0.0/16");
  g_assert_true (gtk_widget_get_sensitive (save_button (editor)));
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (routes)), ==,
                   "Networks reached through this connection when it is not the default "
                   "gateway, such as 10.99.0.0/16");

  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);
  {
    const char *expected[] = { "10.99.0.0/16", NULL };

    g_assert_cmpstrv (dt_entry_get_routes (work_entry ()), expected);
    g_assert_false (dt_entry_get_default_gateway (work_entry ()));
  }
  dt_test_wait_until (file_has, "\nRoutes=10.99.0.0/16;\n");
  g_assert_true (file_has ("\nDefaultGateway=false\n"));

  /* Opened again, the editor shows the saved route. */
  open_editor_on_selection ();
  editor = wait_for_editor ();
  routes = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "routes_group"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dt_string_list_group_get_row (routes, 0))),
                   ==, "10.99.0.0/16");
  g_assert_null (dt_string_list_group_get_row (routes, 1));
  gtk_widget_activate (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "cancel_button"));
  dt_test_wait_until (editor_is_closed, NULL);
}

static gboolean
sub_entries_are (gconstpointer expected)
{
  DtEntry *entry = dt_entry_editor_get_entry (find_editor ());
  g_autofree char *joined = g_strjoinv (" ", (char **) dt_entry_get_sub_entry_devices (entry));

  return g_str_equal (joined, expected);
}

/* Multilink on the General page: another modem's port (not the entry's own), how the others
 * are dialed; saved as the entry's sub-entries, a number of its own going with its port. */
static void
test_multilink (void)
{
  const char *devices[] = { "/dev/ttyUSB1", "/dev/ttyUSB2", NULL };
  const char *numbers[] = { "", "555-0143", NULL };
  DtEntryEditor *editor;
  DtStringListGroup *group;
  GtkWidget *add, *port;
  AdwViewStack *stack;

  open_editor_on_selection ();
  editor = wait_for_editor ();
  show_page (editor, "general");
  stack = ADW_VIEW_STACK (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "view_stack"));
  group = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "sub_entries_group"));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Multilink");
  add = dt_test_find_widget (GTK_WIDGET (group), is_button_with_tooltip, "Add Modem");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  dt_test_wait_until (group_has_row, group);
  port = dt_string_list_group_get_row (group, 0);

  /* The entry's own port: the group says why, the page is marked, Save stays off. */
  gtk_editable_set_text (GTK_EDITABLE (port), "/dev/ttyUSB0");
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "Sub-entry 2: each sub-entry needs a port of its own");
  g_assert_true (adw_view_stack_page_get_needs_attention (
                   adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack,
                                                                                     "general"))));
  g_assert_false (gtk_widget_get_sensitive (save_button (editor)));

  gtk_editable_set_text (GTK_EDITABLE (port), "/dev/ttyUSB1");
  dt_test_wait_until (sub_entries_are, "/dev/ttyUSB1");
  g_assert_true (gtk_widget_get_sensitive (save_button (editor)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                    "multilink_dial_row")), 1);
  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);
  g_assert_cmpuint (dt_entry_get_n_sub_entries (work_entry ()), ==, 2);
  g_assert_cmpint (dt_entry_get_multilink_dial (work_entry ()), ==, DT_MULTILINK_DIAL_AS_NEEDED);
  dt_test_wait_until (file_has, "\nSubEntryDevices=/dev/ttyUSB1;\n");
  g_assert_true (file_has ("\nMultilinkDial=as-needed\n"));

  /* A second modem with its own number (dialtone-cli's): taken out, its number goes too. */
  dt_entry_set_sub_entries (work_entry (), devices, numbers);
  open_editor_on_selection ();
  editor = wait_for_editor ();
  group = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "sub_entries_group"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dt_string_list_group_get_row (group, 1))),
                   ==, "/dev/ttyUSB2");
  gtk_widget_activate (dt_test_find_widget (dt_string_list_group_get_row (group, 1),
                                    is_button_with_tooltip, "Remove"));
  dt_test_wait_until (sub_entries_are, "/dev/ttyUSB1");
  g_assert_true (gtk_widget_get_sensitive (save_button (editor)));
  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);
  dt_test_wait_until (file_has, "\nSubEntryNumbers=;\n");
}

static void
test_read_only_folder (void)
{
  g_autofree char *folder = g_build_filename (config_dir, "dialtone", NULL);
  DtEntryEditor *editor;
  GtkWidget *toast;

  open_editor_on_selection ();
  editor = wait_for_editor ();
  type_into (editor, "number_row", "555-0142");

  dt_test_readonly_begin (folder);
  /* "clicked" at once: activating a button clicks it only after GTK's 250 ms press
   * animation, which left 50 ms to a busy machine before the folder is writable again. */
  g_signal_emit_by_name (save_button (editor), "clicked");
  dt_test_spin (300);
  dt_test_readonly_end (folder);

  /* The dialog stays, with the edit and the reason; the list is unchanged. */
  g_assert_true (find_editor () == editor);
  toast = dt_test_find_widget (GTK_WIDGET (editor), label_has_prefix, "Could not save: ");
  g_assert_nonnull (toast);
  g_test_message ("%s", gtk_label_get_label (GTK_LABEL (toast)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)), "no permission to write in "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                               "number_row"))), ==, "555-0142");
  g_assert_true (row_shows ("Work|555-0199|/dev/ttyUSB0|Never"));

  /* Writable again: the same Save goes through. */
  gtk_widget_activate (save_button (editor));
  dt_test_wait_until (editor_is_closed, NULL);
  dt_test_wait_until (row_shows, "Work|555-0142|/dev/ttyUSB0|Never");
}

static gboolean
page_is (gconstpointer name)
{
  return g_strcmp0 (visible_page (), name) == 0;
}

static gboolean
undo_button_shown (gconstpointer data)
{
  return dt_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Undo") != NULL;
}

static void
test_delete_and_undo (void)
{
  g_autoptr (DtEntry) entry = g_object_ref (work_entry ());
  GtkWidget *toast_title, *undo;

  /* The Delete key. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  dt_test_wait_until (page_is, "empty");
  g_assert_true (row_absent ("Work"));
  dt_test_wait_until (undo_button_shown, NULL);
  toast_title = dt_test_find_widget (GTK_WIDGET (window), label_has_prefix, "“Work” deleted");
  g_assert_nonnull (toast_title);

  /* The password left the keyring with the entry. */
  dt_test_wait_until (keyring_lacks, entry);

  undo = dt_test_find_widget (GTK_WIDGET (window), is_button_labelled, "_Undo");
  gtk_widget_activate (undo);
  dt_test_wait_until (row_shows, "Work|555-0142|/dev/ttyUSB0|Never");
  g_assert_cmpstr (visible_page (), ==, "list");
  dt_test_wait_until (keyring_has, "s3cret");
}

static void
test_duplicate (void)
{
  DtPhonebook *book = dt_application_get_phonebook (app);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-selected", NULL);
  dt_test_wait_until (row_shows, "Work (copy)|555-0142|/dev/ttyUSB0|Never");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, 2);
}

static gboolean
problem_shown (gconstpointer data)
{
  GtkWidget *bar = dt_test_child (window, DT_TYPE_WINDOW, "problem_bar");

  return gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

static void
test_broken_file_reported (void)
{
  g_autofree char *path = g_build_filename (config_dir, "dialtone", "phonebook.ini", NULL);
  const char *text;

  /* Let the duplicate's save happen, then break the file behind the app's back. */
  dt_test_spin (800);
  g_assert_true (g_file_set_contents (path, "[Phonebook]\nVersion=1\nnot a key file line\n",
                                      -1, NULL));
  dt_test_wait_until (problem_shown, NULL);

  text = gtk_label_get_label (GTK_LABEL (dt_test_child (window, DT_TYPE_WINDOW, "problem_label")));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "The phonebook could not be read (line 3: "));
  g_assert_nonnull (strstr (text, "). It was kept as phonebook.ini.bad-"));
  /* The entries are still listed, and go back to disk. */
  g_assert_true (row_shows ("Work|555-0142|/dev/ttyUSB0|Never"));
  g_assert_true (row_shows ("Work (copy)|555-0142|/dev/ttyUSB0|Never"));
}

static void
test_shortcuts_and_about (void)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.delete-selected");
  GtkWidget *about = NULL;
  GListModel *toplevels;

  g_assert_cmpstr (accels[0], ==, "Delete");

  /* Ctrl+? shows the keyboard shortcuts, in a window that goes when closed. */
  {
    g_auto (GStrv) help = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");
    GtkShortcutsWindow *shortcuts;

    g_assert_cmpstr (help[0], ==, "<Control>question");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
    shortcuts = dt_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
    gtk_window_close (GTK_WINDOW (shortcuts));
    dt_test_assert_finalized (shortcuts);
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dt_test_spin (200);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Dialtone");
  gtk_window_destroy (GTK_WINDOW (about));

  /* Nothing is dialing: Connect is on, Hang Up off. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "dial"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "hang-up"));
}

static void
test_spanish (void)
{
  DtEntryEditor *editor;
  const char *language = g_getenv ("LANGUAGE");

  if (language == NULL || !g_str_has_prefix (language, "es"))
    {
      g_test_skip ("run with LANGUAGE=es (the gui suite does, as window-spanish)");
      return;
    }

  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (dt_test_child (window,
                                                                              DT_TYPE_WINDOW,
                                                                              "empty_page"))),
                   ==, "No hay entradas de acceso telefónico");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dt_test_child (window, DT_TYPE_WINDOW,
                                                             "empty_new_button"))),
                   ==, "E_ntrada nueva");

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-entry", NULL);
  editor = wait_for_editor ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Entrada nueva");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (save_button (editor))), ==, "_Guardar");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "number_row"))),
                   ==, "Número de teléfono");
  /* A validation reason from the phonebook library, in Spanish too. */
  type_into (editor, "name_row", "Trabajo");
  type_into (editor, "number_row", "555-LLAMA");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save_button (editor)), ==,
                   "Use cifras, espacios y los caracteres * # , + - ( ) W P T !");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                     dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "routes_group"))),
                   ==, "Rutas");
  gtk_widget_activate (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "cancel_button"));
  dt_test_wait_until (editor_is_closed, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  /* Before any thread: the environment for the keyring, the phonebook and gettext. */
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  dt_test_gui_init (&argc, &argv);

  app = dt_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = g_object_ref (DT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);

  g_test_add_func ("/gui/empty", test_empty);
  g_test_add_func ("/gui/spanish", test_spanish);
  g_test_add_func ("/gui/create", test_create);
  g_test_add_func ("/gui/edit-and-cancel", test_edit_and_cancel);
  g_test_add_func ("/gui/routes", test_routes);
  g_test_add_func ("/gui/multilink", test_multilink);
  g_test_add_func ("/gui/read-only-folder", test_read_only_folder);
  g_test_add_func ("/gui/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/gui/duplicate", test_duplicate);
  g_test_add_func ("/gui/broken-file-reported", test_broken_file_reported);
  g_test_add_func ("/gui/shortcuts-and-about", test_shortcuts_and_about);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_spin (100);
  g_assert_finalize_object (window);
  g_clear_object (&app);
  dt_test_keyring_stop (keyring);
  g_free (config_dir);
  return status;
}
