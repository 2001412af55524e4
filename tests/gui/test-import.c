/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing through the real widgets, then dialing the import against the test ISP: Import…
 * from the main window's action offers ~/.wvdialrc (written as a user would, for this
 * process's ISP line), the preview shows each dialer with its check box, the variant off,
 * the looping one insensitive with its reason, the clash renamed "Test ISP (2)" and the keys
 * not imported with their lines; Import saves in one go and says where the password went;
 * the entry dials at once with the keyring's password (pppd sees PAP succeed).  Then a
 * binary ~/.wvdialrc: a toast with the reason, and the phonebook unchanged.  Then a dialer
 * without a modem: Connect asks for one, and dials through it. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-entry-row.h"
#include "dt-import-dialog.h"
#include "dt-import-row.h"
#include "dt-port-list.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

#define ISP_PASSWORD "dialtone-secret"

static DtApplication *app;
static DtWindow *window;           /* the main window, from on_ready() on */
static DtTestKeyring *keyring;
static DtTestIsp *isp;
static char *line;
static char *wvdialrc;
static char *config_dir;

static void
write_wvdialrc (void)
{
  g_autofree char *text =
    g_strdup_printf ("[Dialer Defaults]\n"
                     "Modem = %s\n"
                     "Baud = 115200\n"
                     "Init1 = ATZ\n"
                     "Init2 = ATQ0 V1 E1 S0=0 &C1 &D2\n"
                     "New PPPD = yes\n"
                     "Stupid Mode = 1\n"
                     "\n"
                     "[Dialer Test ISP]\n"
                     "Phone = 5550110\n"
                     "Username = dialtone\n"
                     "Password = " ISP_PASSWORD "\n"
                     "\n"
                     "[Dialer pulse]\n"
                     "Dial Command = ATDP\n"
                     "\n"
                     "[Dialer broken]\n"
                     "Inherits = Dialer broken\n"
                     "Phone = 5550199\n", line);

  g_assert_true (g_file_set_contents (wvdialrc, text, -1, NULL));
}

/* A phonebook that already has "Test ISP", so that the import is renamed. */
static void
write_phonebook (void)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  const char *ini = "[Phonebook]\nVersion=1\n\n"
                    "[Entry 00000000-0000-4000-8000-000000000001]\nName=Test ISP\n"
                    "Number=5550199\nUser=someone\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, ini, -1, NULL));
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
stack_shows (gconstpointer data)
{
  const struct { DtImportDialog *dialog; const char *page; } *want = data;
  GtkStack *stack = GTK_STACK (dt_test_child (want->dialog, DT_TYPE_IMPORT_DIALOG, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), want->page) == 0;
}

static void
wait_for_page (DtImportDialog *dialog,
               const char     *page)
{
  struct { DtImportDialog *dialog; const char *page; } want = { dialog, page };

  dt_test_wait_until (stack_shows, &want);
}

static GtkCheckButton *
check_of (GtkWidget *row)
{
  return GTK_CHECK_BUTTON (dt_test_child (row, DT_TYPE_IMPORT_ROW, "select_check"));
}

static const char *
subtitle_of (GtkWidget *row)
{
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
}

static DtImportDialog *
open_dialog (void)
{
  DtImportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_IMPORT_DIALOG);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  /* The usual places: ~/.wvdialrc is offered, as a wvdial configuration. */
  adw_action_row_activate (ADW_ACTION_ROW (dt_test_find_row (dialog, wvdialrc)));
  return dialog;
}

static void
assert_preview (DtImportDialog *dialog)
{
  g_autofree char *expected = NULL;
  GtkWidget *isp_row = dt_test_find_row (dialog, "Test ISP (2)");
  GtkWidget *pulse_row = dt_test_find_row (dialog, "wvdial pulse");
  GtkWidget *broken_row = dt_test_find_row (dialog, "broken");
  GtkWidget *import = dt_test_child (dialog, DT_TYPE_IMPORT_DIALOG, "import_button");
  GtkWidget *unmapped;

  /* The clash: renamed, and said so. */
  expected = g_strdup_printf ("The phonebook already has “Test ISP” · 5550110 · dialtone · %s",
                              line);
  g_assert_cmpstr (subtitle_of (isp_row), ==, expected);
  g_assert_true (gtk_check_button_get_active (check_of (isp_row)));
  g_assert_true (gtk_widget_get_visible (dt_test_child (isp_row, DT_TYPE_IMPORT_ROW,
                                                        "password_row")));
  /* A key not imported, with its line and why (expanded, a user reads it). */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (isp_row), TRUE);
  unmapped = dt_test_find_row (isp_row, "New PPPD = yes");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (unmapped)), ==,
                   "Line 6: not needed: Dialtone runs PPP itself, without pppd");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     dt_test_child (isp_row, DT_TYPE_IMPORT_ROW, "mapped_row"))),
                   ==, "8 settings imported, 1 not");

  g_assert_false (gtk_check_button_get_active (check_of (pulse_row)));
  g_assert_true (g_str_has_prefix (subtitle_of (pulse_row), "A variant of [Dialer Defaults]: "));
  g_assert_false (gtk_check_button_get_active (check_of (broken_row)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (check_of (broken_row))));
  g_assert_cmpstr (subtitle_of (broken_row), ==,
                   "Cannot be imported: its Inherits go round in a loop at line 18: "
                   "[Dialer broken] → [Dialer broken]");

  /* Nothing chosen, nothing to import. */
  g_assert_true (gtk_widget_get_sensitive (import));
  gtk_check_button_set_active (check_of (isp_row), FALSE);
  g_assert_false (gtk_widget_get_sensitive (import));
  gtk_check_button_set_active (check_of (isp_row), TRUE);
  g_assert_true (gtk_widget_get_sensitive (import));
}

static void
test_import_and_dial (void)
{
  g_autofree char *summary = NULL;
  g_autofree char *password = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *phonebook_path = NULL;
  DtImportDialog *dialog = open_dialog ();
  GtkWidget *done;
  DtEntry *entry;
  goffset offset;

  wait_for_page (dialog, "preview");
  assert_preview (dialog);
  dt_test_click (dialog, DT_TYPE_IMPORT_DIALOG, "import_button");
  wait_for_page (dialog, "done");
  done = dt_test_child (dialog, DT_TYPE_IMPORT_DIALOG, "done_page");
  summary = g_strdup (adw_status_page_get_description (ADW_STATUS_PAGE (done)));
  g_test_message ("summary: %s", summary);
  g_assert_nonnull (strstr (summary, "Imported 1 entry from ~/.wvdialrc: “Test ISP (2)”."));
  g_assert_nonnull (strstr (summary, "The password of “Test ISP (2)” is in your keyring now, "
                                     "not in phonebook.ini. Dialtone never changes ~/.wvdialrc: "
                                     "remove the password from it yourself."));
  dt_test_click (dialog, DT_TYPE_IMPORT_DIALOG, "close_button");
  dt_test_assert_finalized (dialog);

  /* The entry as the file said, its password in the keyring and nowhere in the file. */
  entry = dt_test_entry_named (app, "Test ISP (2)");
  g_assert_cmpstr (dt_entry_get_number (entry), ==, "5550110");
  g_assert_cmpstr (dt_entry_get_device (entry), ==, line);
  g_assert_cmpstr (dt_entry_get_user (entry), ==, "dialtone");
  password = dt_test_keyring_password (entry);
  g_assert_cmpstr (password, ==, ISP_PASSWORD);
  dt_phonebook_flush (dt_application_get_phonebook (app), NULL);
  phonebook_path = g_build_filename (config_dir, "dialtone", "phonebook.ini", NULL);
  g_assert_true (g_file_get_contents (phonebook_path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, ISP_PASSWORD));
  g_assert_nonnull (dt_test_entry_named (app, "Test ISP"));

  /* It dials at once, as wvdial did: no Connect dialog, the keyring's password. */
  offset = dt_test_isp_get_log_offset (isp);
  dt_test_click (dt_test_entry_row (window, "Test ISP (2)"), DT_TYPE_ENTRY_ROW, "connect_button");
  dt_test_wait_for_state (app, "Test ISP (2)", DT_CONN_STATE_CONNECTED);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_CONNECT_DIALOG));
  g_assert_true (dt_test_isp_wait_log (isp, line, offset,
                                       "PAP peer authentication succeeded for dialtone", 5000));
  dt_test_hang_up_all (app);
}

static gboolean
password_filled (gconstpointer dialog)
{
  GtkWidget *row = dt_test_child ((gpointer) dialog, DT_TYPE_CONNECT_DIALOG, "password_row");

  return gtk_editable_get_text (GTK_EDITABLE (row))[0] != '\0';
}

/* The Modem row's menu offers the ports the entry editor offers (DtPortList), each by the
 * name an entry keeps, or says there are none. */
static void
assert_modem_menu_is_port_list (DtConnectDialog *connect)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                          "modem_menu_button"));
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  guint n_ports = g_list_model_get_n_items (G_LIST_MODEL (ports));

  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, MAX (n_ports, 1));
  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      g_autofree char *target = NULL;
      g_autofree char *label = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, (int) i, G_MENU_ATTRIBUTE_TARGET,
                                                      "s", &target));
      g_assert_true (g_menu_model_get_item_attribute (menu, (int) i, G_MENU_ATTRIBUTE_LABEL,
                                                      "s", &label));
      g_assert_cmpstr (target, ==, dt_port_info_get_preferred_path (port));
      g_assert_true (g_str_has_prefix (label, dt_port_info_get_path (port)));
    }
}

/* The import preview's device choices: "Ask when dialing", then the ports as the editor
 * labels them. */
static void
assert_device_choices_are_port_list (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  guint n_ports = g_list_model_get_n_items (G_LIST_MODEL (ports));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_ports + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==,
                   "Ask when dialing");
  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      g_autofree char *label = dt_port_info_get_label (port);

      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), ==, label);
    }
}

/* A path this user cannot dial through is marked, with the reason, before Dial. */
static void
assert_modem_marked (DtConnectDialog *connect)
{
  GtkWidget *modem_row = dt_test_child (connect, DT_TYPE_CONNECT_DIALOG, "modem_row");
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (dt_test_child (connect,
                                                                     DT_TYPE_CONNECT_DIALOG,
                                                                     "modem_group"));
  g_autofree char *dir = g_dir_make_tmp ("dialtone-modem-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *gone = g_build_filename (dir, "ttyUSB9", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (modem_row), fifo);
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "Not a serial port");
  g_assert_true (gtk_widget_has_css_class (modem_row, "error"));
  g_unlink (fifo);
  gtk_editable_set_text (GTK_EDITABLE (modem_row), gone);
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "Not present");
  g_assert_true (gtk_widget_has_css_class (modem_row, "error"));
  g_rmdir (dir);
}

/* A dialer that names no modem, imported with "Ask when dialing": Connect asks for the modem
 * (even though the password is saved and wvdial never asked), Dial waits for one, and the
 * call goes through the modem typed, while the entry keeps asking. */
static void
test_import_ask_for_modem (void)
{
  const char *rc = "[Dialer Defaults]\nBaud = 115200\nInit1 = ATZ\nStupid Mode = 1\n\n"
                   "[Dialer Anywhere]\nPhone = 5550110\nUsername = dialtone\n"
                   "Password = " ISP_PASSWORD "\n";
  DtImportDialog *dialog;
  DtConnectDialog *connect;
  GtkWidget *row, *device_row, *modem_row, *dial;
  goffset offset;

  g_assert_true (g_file_set_contents (wvdialrc, rc, -1, NULL));
  dialog = open_dialog ();
  wait_for_page (dialog, "preview");
  row = dt_test_find_row (dialog, "Anywhere");
  device_row = dt_test_child (row, DT_TYPE_IMPORT_ROW, "device_row");
  g_assert_true (gtk_widget_get_visible (device_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (device_row)), ==, 0);
  assert_device_choices_are_port_list (ADW_COMBO_ROW (device_row));
  dt_test_click (dialog, DT_TYPE_IMPORT_DIALOG, "import_button");
  wait_for_page (dialog, "done");
  dt_test_click (dialog, DT_TYPE_IMPORT_DIALOG, "close_button");
  dt_test_assert_finalized (dialog);
  g_assert_cmpstr (dt_entry_get_device (dt_test_entry_named (app, "Anywhere")), ==, "");

  dt_test_click (dt_test_entry_row (window, "Anywhere"), DT_TYPE_ENTRY_ROW, "connect_button");
  connect = dt_test_wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  modem_row = dt_test_child (connect, DT_TYPE_CONNECT_DIALOG, "modem_row");
  dial = dt_test_child (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  g_assert_true (gtk_widget_get_visible (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                        "modem_group")));
  assert_modem_menu_is_port_list (connect);
  gtk_editable_set_text (GTK_EDITABLE (modem_row), "");
  g_assert_false (gtk_widget_get_sensitive (dial));
  gtk_editable_set_text (GTK_EDITABLE (modem_row), "COM3");
  g_assert_false (gtk_widget_get_sensitive (dial));
  assert_modem_marked (connect);
  gtk_editable_set_text (GTK_EDITABLE (modem_row), line);
  g_assert_true (gtk_widget_get_sensitive (dial));
  g_assert_false (gtk_widget_has_css_class (modem_row, "error"));
  g_assert_cmpstr (adw_preferences_group_get_description (
                     ADW_PREFERENCES_GROUP (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                           "modem_group"))), ==,
                   "This entry names no modem: choose the one to dial through. To keep it, "
                   "choose it in Properties.");
  dt_test_wait_until (password_filled, connect);

  offset = dt_test_isp_get_log_offset (isp);
  gtk_widget_activate (dial);
  dt_test_wait_for_state (app, "Anywhere", DT_CONN_STATE_CONNECTED);
  g_assert_true (dt_test_isp_wait_log (isp, line, offset,
                                       "PAP peer authentication succeeded for dialtone", 5000));
  g_assert_cmpstr (dt_entry_get_device (dt_connection_get_entry (
                     dt_test_connection_of (app, "Anywhere"))), ==, line);
  /* The phonebook's entry still asks. */
  g_assert_cmpstr (dt_entry_get_device (dt_test_entry_named (app, "Anywhere")), ==, "");
  dt_test_hang_up_all (app);
  g_object_unref (connect);
  write_wvdialrc ();
}

/* A file that is no configuration: the reason in a toast, back to the choice, and the
 * phonebook as it was. */
static void
test_import_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  guint before = g_list_model_get_n_items (G_LIST_MODEL (dt_application_get_phonebook (app)));
  DtImportDialog *dialog;

  g_assert_true (g_file_set_contents (wvdialrc, png, sizeof png - 1, NULL));
  dialog = open_dialog ();
  wait_for_page (dialog, "choose");
  g_assert_nonnull (dt_test_find_widget (GTK_WIDGET (dialog), is_label_with,
                                         "Line 2: byte 0x1a cannot be in a text file: this is "
                                         "not a configuration file"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dt_application_get_phonebook (app))),
                    ==, before);
  dt_test_click (dialog, DT_TYPE_IMPORT_DIALOG, "cancel_button");
  dt_test_assert_finalized (dialog);
  write_wvdialrc ();
}

/* The app is up, its main window shown: before the tests. */
static void
on_ready (void)
{
  window = DT_WINDOW (dt_application_get_main_window (app));
  dt_test_record (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *reason = NULL;
  g_autofree char *home = NULL;
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  home = g_build_filename (dt_test_keyring_get_dir (keyring), "home", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  /* Before anything asks GLib where home is: ~/.wvdialrc is this test's. */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  wvdialrc = g_build_filename (home, ".wvdialrc", NULL);

  dt_test_gui_init (&argc, &argv);

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      dt_test_keyring_stop (keyring);
      return g_test_run ();
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  write_wvdialrc ();
  write_phonebook ();
  dt_test_serve_notifications ();

  g_test_add_func ("/import/gui/preview-and-dial", test_import_and_dial);
  g_test_add_func ("/import/gui/binary", test_import_binary);
  g_test_add_func ("/import/gui/ask-for-modem", test_import_ask_for_modem);

  app = dt_application_new ();
  status = dt_test_run_in_app (app, on_ready, NULL);

  dt_test_isp_release_line (isp, line);
  g_free (line);
  g_free (wvdialrc);
  g_free (config_dir);
  dt_test_keyring_stop (keyring);
  return status;
}
