/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What each of Dialtone's widgets tells a screen reader, through GTK's own accessibility test
 * API (GTK_A11Y=test): roles, names (the accessible label, or the relation that names a
 * widget after its visible label, mnemonic left out), descriptions, relations and states.
 * One test per widget; tests/gui/test-a11y.c checks the same windows as AT-SPI shows them. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-application.h"
#include "dt-autostart.h"
#include "dt-connect-dialog.h"
#include "dt-entry-editor.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-preferences-window.h"
#include "dt-progress-dialog.h"
#include "dt-resources.h"
#include "dt-retry-auth-dialog.h"
#include "dt-row-error.h"
#include "dt-string-list-group.h"
#include "dt-test-gui.h"
#include "dt-text-row.h"
#include "dt-window.h"

static DtEntry *
new_entry (void)
{
  DtEntry *entry = dt_entry_new ();
  const char *alternates[] = { "555-0101", NULL };

  dt_entry_set_name (entry, "Work");
  dt_entry_set_number (entry, "555-0100");
  dt_entry_set_alternates (entry, alternates);
  dt_entry_set_device (entry, "/dev/ttyUSB0");
  dt_entry_set_user (entry, "alice");
  return entry;
}

/* A button named after what its label shows: no accessible label of its own (GTK 4.8 sets
 * the mnemonic text there), labelled by its child label. */
static void
assert_named_by_label (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (button),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
}

/* An action row's switch or spin button: named by the row's title, not by a label of its
 * own as well (which read the title twice). */
static void
assert_named_by_row (GtkWidget *widget)
{
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY));
}

/* A DtTextRow: its entry labelled by the row's title, shown without a mnemonic. */
static void
assert_text_row_named (GtkWidget *row)
{
  GtkWidget *entry = dt_text_row_get_entry (DT_TEXT_ROW (row));
  GtkWidget *title = gtk_widget_get_prev_sibling (entry);

  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL);
  g_assert_null (strchr (gtk_label_get_text (GTK_LABEL (title)), '_'));
}

static void
test_entry_row (void)
{
  g_autoptr (DtEntry) entry = new_entry ();
  GtkWidget *row = g_object_ref_sink (dt_entry_row_new (NULL));
  GtkWidget *button, *icon, *menu;

  dt_entry_row_set_entry (DT_ENTRY_ROW (row), entry);
  /* The row says the entry and the state of its connection; "Disconnected" in words. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Work, Disconnected, 555-0100, /dev/ttyUSB0, "
                                       "last connected: Never");
  /* "Connect to Work", not "C_onnect Connect". */
  button = dt_test_child (row, DT_TYPE_ENTRY_ROW, "connect_button");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Connect to Work");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  menu = dt_test_child (row, DT_TYPE_ENTRY_ROW, "menu_button");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for Work");
  /* The icon only repeats the state, which the row says in words. */
  icon = dt_test_child (row, DT_TYPE_ENTRY_ROW, "status_icon");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_ROLE_PRESENTATION);

  /* Renamed: the row says so. */
  dt_entry_set_name (entry, "Office");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Connect to Office");
  dt_entry_row_set_entry (DT_ENTRY_ROW (row), NULL);
  g_assert_finalize_object (row);
}

static void
test_text_row (void)
{
  GtkWidget *row = g_object_ref_sink (g_object_new (DT_TYPE_TEXT_ROW,
                                                    "title", "_User name",
                                                    "use-underline", TRUE,
                                                    NULL));
  GtkWidget *entry = dt_text_row_get_entry (DT_TEXT_ROW (row));
  GtkWidget *title = gtk_widget_get_prev_sibling (entry);

  /* The entry has the focus and the name: the title's text, mnemonic left out. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "User name");
  g_assert_false (gtk_widget_get_focusable (row));
  g_assert_null (dt_text_row_get_reveal_button (DT_TEXT_ROW (row)));

  /* The reason a value is refused: on the entry, which a screen reader is on. */
  dt_row_error_prepare (row);
  dt_row_error_show (row, "Enter a user name");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Enter a user name");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  dt_row_error_show (row, NULL);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (entry),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_finalize_object (row);
}

static void
count_apply (guint *applied)
{
  (*applied)++;
}

/* show-apply-button, as AdwEntryRow's: a named Apply button once the user types. */
static void
test_text_row_apply (void)
{
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = g_object_new (DT_TYPE_TEXT_ROW, "title", "_Modem", "use-underline", TRUE,
                                 "show-apply-button", TRUE, NULL);
  GtkWidget *entry = dt_text_row_get_entry (DT_TEXT_ROW (row));
  GtkWidget *apply = gtk_widget_get_first_child (gtk_widget_get_next_sibling (
                                                   gtk_widget_get_parent (entry)));
  guint applied = 0;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (count_apply), &applied);
  /* Set by the program, before the entry has the focus: nothing to apply. */
  gtk_editable_set_text (GTK_EDITABLE (row), "/dev/ttyS0");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (apply));
  g_assert_true (GTK_IS_BUTTON (apply));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (apply), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Apply");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (apply),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       gtk_widget_get_prev_sibling (entry), NULL);
  /* Typed (changed with the focus in the entry): Apply shows, and Enter applies. */
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "/dev/ttyS1");
  g_assert_true (gtk_widget_get_visible (apply));
  /* Enter: the entry's text emits "activate". */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  g_assert_cmpuint (applied, ==, 1);
  g_assert_false (gtk_widget_get_visible (apply));
  gtk_editable_set_text (GTK_EDITABLE (row), "/dev/ttyS2");
  gtk_widget_activate (apply);
  dt_test_spin (300);
  g_assert_cmpuint (applied, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_assert_finalized (window);
}

static void
test_password_row (void)
{
  GtkWidget *row = g_object_ref_sink (g_object_new (DT_TYPE_TEXT_ROW,
                                                    "title", "Password",
                                                    "password", TRUE,
                                                    NULL));
  GtkWidget *reveal = dt_text_row_get_reveal_button (DT_TEXT_ROW (row));
  GtkWidget *entry = dt_text_row_get_entry (DT_TEXT_ROW (row));
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  /* A named toggle, which says whether the password shows. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Show Password");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_STATE_PRESSED,
                                    FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), "s3cret");
  g_assert_false (gtk_text_get_visibility (GTK_TEXT (text)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (reveal), TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_STATE_PRESSED, TRUE);
  g_assert_true (gtk_text_get_visibility (GTK_TEXT (text)));
  g_assert_finalize_object (row);
}

static void
test_connect_dialog (void)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (NULL);
  g_autoptr (DtEntry) entry = new_entry ();
  GtkWidget *dialog = dt_connect_dialog_new (NULL, NULL, phonebook, entry, NULL, NULL);

  g_object_ref (dialog);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_named_by_label (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG, "dial_button"));
  assert_named_by_label (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG, "cancel_button"));
  assert_named_by_label (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG, "properties_button"));
  assert_named_by_row (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG, "save_switch"));
  /* The number to dial first: the combo row says its value. */
  gtk_test_accessible_assert_property (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG,
                                                      "number_row"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "555-0100");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG,
                                                            "number_row")), 1);
  gtk_test_accessible_assert_property (dt_test_child (dialog, DT_TYPE_CONNECT_DIALOG,
                                                      "number_row"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "555-0101");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
}

static void
test_editor (void)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (NULL);
  g_autoptr (DtEntry) entry = new_entry ();
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *editor = g_object_ref (dt_entry_editor_new (GTK_WINDOW (parent), phonebook, entry));
  static const char * const by_row[] = {
    "try_alternates_switch", "remember_switch", "prompt_switch", "pap_check",
    "require_encryption_switch", "dial_timeout_spin", "redial_attempts_spin",
    "redial_on_link_drop_switch", "show_terminal_switch", "default_gateway_switch",
  };
  DtStringListGroup *alternates;
  GtkWidget *row;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_named_by_label (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, "save_button"));
  for (gsize i = 0; i < G_N_ELEMENTS (by_row); i++)
    assert_named_by_row (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR, by_row[i]));
  gtk_test_accessible_assert_property (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                      "speed_row"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "115200 bps");
  gtk_test_accessible_assert_property (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                      "device_menu_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Serial Ports Found");

  /* A list's icon buttons say which row they act on. */
  alternates = DT_STRING_LIST_GROUP (dt_test_child (editor, DT_TYPE_ENTRY_EDITOR,
                                                    "alternates_group"));
  row = dt_string_list_group_get_row (alternates, 0);
  {
    GtkWidget *buttons[3];
    guint n = 0;
    GtkWidget *entry_widget = dt_text_row_get_entry (DT_TEXT_ROW (row));

    for (GtkWidget *w = gtk_widget_get_next_sibling (gtk_widget_get_parent (entry_widget));
         w != NULL; w = gtk_widget_get_next_sibling (w))
      for (GtkWidget *b = gtk_widget_get_first_child (w); b != NULL && n < 3;
           b = gtk_widget_get_next_sibling (b))
        if (GTK_IS_BUTTON (b))
          buttons[n++] = b;
    g_assert_cmpuint (n, ==, 3);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (buttons[0]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Move Alternate number 1 Up");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (buttons[1]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Move Alternate number 1 Down");
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (buttons[2]),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Remove Alternate number 1");
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  dt_test_assert_finalized (editor);
  gtk_window_destroy (GTK_WINDOW (parent));
}

static void
test_progress_dialog (void)
{
  g_autoptr (DtEntry) entry = new_entry ();
  GtkWidget *dialog = g_object_ref (dt_progress_dialog_new (NULL, NULL, entry));
  GtkWidget *status = dt_test_child (dialog, DT_TYPE_PROGRESS_DIALOG, "status_label");
  GtkWidget *details = dt_test_child (dialog, DT_TYPE_PROGRESS_DIALOG, "details_expander");
  GtkWidget *list = dt_test_child (dialog, DT_TYPE_PROGRESS_DIALOG, "states_list");
  GtkWidget *first;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  /* The state, as a status line that the dialog is described by. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_ROLE_STATUS);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (dialog),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, status, NULL);
  /* "Details", not "GtkExpander". */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (details),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_expander_get_label_widget (GTK_EXPANDER (details)),
                                       NULL);
  assert_named_by_label (dt_test_child (dialog, DT_TYPE_PROGRESS_DIALOG, "cancel_button"));
  dt_progress_dialog_push_state (DT_PROGRESS_DIALOG (dialog), DT_CONN_STATE_OPEN_PORT, NULL, 0);
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (first), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "0.0 s, Opening port…");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
}

static void
test_pause_dialog (void)
{
  g_autoptr (DtEntry) entry = new_entry ();
  GtkWidget *dialog = g_object_ref (g_object_new (DT_TYPE_RETRY_AUTH_DIALOG,
                                                  "entry", entry, NULL));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  /* What the server did, said with the dialog. */
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (dialog),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       dt_test_child (dialog, DT_TYPE_RETRY_AUTH_DIALOG,
                                                      "heading_label"), NULL);
  assert_named_by_label (dt_test_child (dialog, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button"));
  assert_named_by_row (dt_test_child (dialog, DT_TYPE_RETRY_AUTH_DIALOG, "save_switch"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
label_ticked (gconstpointer button)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON ((gpointer) button)),
                    "_Redial in 30 seconds") != 0;
}

static void
test_error_dialog (void)
{
  g_autoptr (DtConnection) connection = dt_connection_new ();
  GtkWidget *dialog = g_object_ref (dt_error_dialog_new (NULL, connection, FALSE, 30, 1, 3));
  GtkWidget *redial = dt_test_find_widget (dialog, is_button_labelled, "_Redial in 30 seconds");
  GtkWidget *more = dt_test_child (dialog, DT_TYPE_ERROR_DIALOG, "more_info_expander");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_DIALOG);
  /* The countdown in the Redial button's name, said once: the name stays as it ticks. */
  g_assert_nonnull (redial);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (redial), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Redial in 30 seconds");
  /* The focus starts there: it says why the dial failed too. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (redial),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (dialog),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  dt_test_wait_until (label_ticked, redial);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (redial)), ==, "_Redial in 29 seconds");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (redial), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Redial in 30 seconds");
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (more),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       gtk_expander_get_label_widget (GTK_EXPANDER (more)), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
}

static void
test_preferences (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  /* Never applied: start-at-login is left alone here (test-preferences has it). */
  g_autoptr (DtAutostart) autostart = dt_autostart_new (settings, "/nonexistent", FALSE);
  GtkWidget *window = g_object_ref (dt_preferences_window_new (NULL, settings, autostart));
  static const struct {
    const char *name;
    const char *key;
  } switches[] = {
    { "tray_switch", "show-tray-icon" },
    { "notifications_switch", "show-notifications" },
  };
  static const char * const rows[] = {
    "country_row", "area_row", "long_distance_row", "international_row",
  };

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_named_by_row (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "login_switch"));
  /* Each text row's entry is named by the row's title, without its mnemonic. */
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    assert_text_row_named (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, rows[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      GtkWidget *widget = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, switches[i].name);
      gboolean before = g_settings_get_boolean (settings, switches[i].key);

      assert_named_by_row (widget);
      /* Each switch is its key. */
      g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (widget)), ==, before);
      gtk_switch_set_active (GTK_SWITCH (widget), !before);
      g_assert_cmpint (g_settings_get_boolean (settings, switches[i].key), ==, !before);
      g_settings_set_boolean (settings, switches[i].key, before);
      g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (widget)), ==, before);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_assert_finalized (window);
}

static void
test_window (void)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (NULL);
  g_autoptr (DtDialer) dialer = dt_dialer_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "bad file");
  GtkWidget *window = g_object_ref (g_object_new (DT_TYPE_WINDOW,
                                                  "phonebook", phonebook,
                                                  "dialer", dialer,
                                                  "settings", settings,
                                                  NULL));
  GtkWidget *bar = dt_test_child (window, DT_TYPE_WINDOW, "problem_bar");
  GtkWidget *label = dt_test_child (window, DT_TYPE_WINDOW, "problem_label");

  /* No problem: no empty alert for a screen reader to find. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_false (gtk_widget_get_visible (bar));
  /* A problem: an alert named by what it says, with a named close button. */
  dt_window_show_load_error (DT_WINDOW (window), error);
  g_assert_true (gtk_widget_get_visible (bar));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                       label, NULL);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "bad file"));
  gtk_test_accessible_assert_property (dt_test_child (window, DT_TYPE_WINDOW,
                                                      "problem_close_button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Hide Warning");
  g_signal_emit_by_name (dt_test_child (window, DT_TYPE_WINDOW, "problem_close_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (bar));
  /* The empty list's button: "New Entry", not "_New Entry New Entry". */
  assert_named_by_label (dt_test_child (window, DT_TYPE_WINDOW, "empty_new_button"));
  gtk_window_destroy (GTK_WINDOW (window));
  dt_test_assert_finalized (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  dt_application_bind_textdomain ();
  dt_register_resource ();

  g_test_add_func ("/accessible/entry-row", test_entry_row);
  g_test_add_func ("/accessible/text-row", test_text_row);
  g_test_add_func ("/accessible/text-row-apply", test_text_row_apply);
  g_test_add_func ("/accessible/password-row", test_password_row);
  g_test_add_func ("/accessible/connect-dialog", test_connect_dialog);
  g_test_add_func ("/accessible/editor", test_editor);
  g_test_add_func ("/accessible/progress-dialog", test_progress_dialog);
  g_test_add_func ("/accessible/pause-dialog", test_pause_dialog);
  g_test_add_func ("/accessible/error-dialog", test_error_dialog);
  g_test_add_func ("/accessible/preferences", test_preferences);
  g_test_add_func ("/accessible/window", test_window);
  return g_test_run ();
}
