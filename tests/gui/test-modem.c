/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The user's own modem in the GUI: the Query Modem dialog against the ISP's modem (which
 * answers as a U.S. Robotics 56K Faxmodem) shows the summary and every answer, and Cancel
 * stops a query of a silent port at once; the error dialog of a port the user may not open
 * shows the command, selectable, and Copy puts it on the clipboard.  With
 * DIALTONE_SCREENSHOT_DIR set, it also saves query-modem.png there (tests/gui/screenshot.sh). */

#include "config.h"

#include <locale.h>
#include <pty.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dt-error-dialog.h"
#include "dt-resources.h"
#include "dt-modem-query-dialog.h"
#include "dt-port-menu.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"

static gboolean
query_done (gconstpointer data)
{
  return dt_modem_query_dialog_is_done (DT_MODEM_QUERY_DIALOG ((gpointer) data));
}

static char *
answers_text (DtModemQueryDialog *dialog)
{
  GtkTextView *view = GTK_TEXT_VIEW (dt_test_child (dialog, DT_TYPE_MODEM_QUERY_DIALOG,
                                                    "answers_view"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("DIALTONE_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (dir == NULL)
    return;
  dt_test_spin (500);
  path = g_build_filename (dir, name, NULL);
  /* Without a window manager the dialog sits at the screen's corner, at its default size. */
  command = g_strdup_printf ("import -window root -crop 680x600+0+0 +repage '%s'", path);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static void
test_query (void)
{
  g_autofree char *reason = NULL;
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  DtModemQueryDialog *dialog;

  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  dialog = dt_modem_query_dialog_new (NULL, line, 115200);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  dt_test_wait_until (query_done, dialog);

  g_assert_cmpstr (dt_test_label_text (dialog, DT_TYPE_MODEM_QUERY_DIALOG, "summary_label"), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");
  text = answers_text (dialog);
  g_assert_nonnull (strstr (text, "ATI3         U.S. Robotics 56K FAX EXT V4.12.1\n"));
  g_assert_nonnull (strstr (text, "AT+FCLASS=?  0,1,2.0\n"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dt_test_child (dialog,
                                                                    DT_TYPE_MODEM_QUERY_DIALOG,
                                                                    "close_button"))),
                   ==, "_Close");
  screenshot ("query-modem.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
  dt_test_isp_release_line (isp, line);
}

/* A port where nothing answers: Cancel ends the query at once and lets the port go. */
static void
test_cancel (void)
{
  int master, slave;
  char name[64];
  DtModemQueryDialog *dialog;
  g_autofree char *lock = NULL;

  g_assert_cmpint (openpty (&master, &slave, name, NULL, NULL), ==, 0);
  dialog = dt_modem_query_dialog_new (NULL, name, 115200);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  dt_test_spin (200);
  g_assert_false (dt_modem_query_dialog_is_done (dialog));
  dt_test_click (dialog, DT_TYPE_MODEM_QUERY_DIALOG, "close_button");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
  dt_test_spin (100);
  lock = g_strdup_printf ("/run/lock/LCK..pts_%s", name + strlen ("/dev/pts/"));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  close (master);
  close (slave);
}

static void
test_permission_command (void)
{
  g_autoptr (DtConnection) connection = dt_connection_new ();
  DtPortAccess need = { DT_PORT_ACCESS_NEED_GROUP, "/dev/ttyACM0", "dialout", "root", "alice", 0 };
  DtPortAccess relogin = { DT_PORT_ACCESS_RELOGIN, "/dev/ttyACM0", "dialout", "root", "alice",
                           0 };
  GtkWidget *dialog = dt_error_dialog_new (NULL, connection, FALSE, 0, 1, 1);
  GtkWidget *command_box = dt_test_child (dialog, DT_TYPE_ERROR_DIALOG, "command_box");
  GtkWidget *command_label = dt_test_child (dialog, DT_TYPE_ERROR_DIALOG, "command_label");
  g_autofree char *copied = NULL;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (command_box));
  dt_error_dialog_show_port_access (DT_ERROR_DIALOG (dialog), &need);
  g_assert_true (gtk_widget_get_visible (command_box));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (command_label)), ==,
                   "sudo usermod -aG dialout alice");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (command_label)));
  /* The Copy button, beside the command. */
  g_signal_emit_by_name (gtk_widget_get_last_child (command_box), "clicked");
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (dialog));
    GValue value = G_VALUE_INIT;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    copied = g_value_dup_string (&value);
    g_value_unset (&value);
  }
  g_assert_cmpstr (copied, ==, "sudo usermod -aG dialout alice");
  /* Only a new login helps: no command to show. */
  dt_error_dialog_show_port_access (DT_ERROR_DIALOG (dialog), &relogin);
  g_assert_false (gtk_widget_get_visible (command_box));
  gtk_window_destroy (GTK_WINDOW (dialog));
  dt_test_assert_finalized (dialog);
}

static char *
menu_label (GMenuModel *menu,
            int         index)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &label));
  return label;
}

static char *
menu_target (GMenuModel *menu,
             int         index)
{
  char *target = NULL;

  if (!g_menu_model_get_item_attribute (menu, index, G_MENU_ATTRIBUTE_TARGET, "s", &target))
    return NULL;
  return target;
}

/* The port menu of the editor and the Connect dialog follows the port list: each port's
 * label says why this user cannot open it, picking one keeps its by-id name, a port whose
 * state changes is replaced where it is (an open menu follows), and one plugged in or pulled
 * out appears or goes. */
static void
test_port_menu (void)
{
  g_autoptr (DtPortList) ports = dt_port_list_new_empty ();
  g_autoptr (GMenu) menu = dt_port_menu_new (ports, "test.pick");
  GMenuModel *model = G_MENU_MODEL (menu);
  g_autofree char *dir = g_dir_make_tmp ("dialtone-port-menu-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (dir, "ttyUSB0", NULL);
  const char *links[] = { "/dev/serial/by-id/usb-USRobotics_USB_Modem-if00", NULL };
  DtPortDevice usb = { "ttyUSB0", gone, "/sys/devices/usb1/1-1/ttyUSB0/tty/ttyUSB0", links,
                       "U.S. Robotics USR5637", FALSE };
  DtPortDevice acm = { "ttyACM0", dir, "/sys/devices/usb1/1-2/tty/ttyACM0", NULL, NULL,
                       FALSE };
  g_autofree char *empty = menu_label (model, 0);
  g_autofree char *label = NULL;
  g_autofree char *target = NULL;
  g_autofree char *label2 = NULL;
  g_autofree char *relabel = NULL;
  g_autofree char *none = NULL;
  g_autofree char *usb_missing = g_strdup_printf ("%s · U.S. Robotics USR5637 · ⚠ Not present",
                                                  gone);
  g_autofree char *usb_folder = g_strdup_printf ("%s · U.S. Robotics USR5637 · ⚠ Not a serial "
                                                 "port", gone);
  g_autofree char *acm_folder = g_strdup_printf ("%s · ⚠ Not a serial port", dir);

  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (empty, ==, "No serial ports found");
  g_assert_null (menu_target (model, 0));

  dt_port_list_handle_event (ports, "add", &usb);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  label = menu_label (model, 0);
  target = menu_target (model, 0);
  g_assert_cmpstr (label, ==, usb_missing);
  g_assert_cmpstr (target, ==, links[0]);

  /* Plugged in: a second port, in order. */
  dt_port_list_handle_event (ports, "add", &acm);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);
  label2 = menu_label (model, 0);
  g_assert_cmpstr (label2, ==, acm_folder);

  /* The first port's state changes (a folder appears where it was missing). */
  g_assert_cmpint (g_mkdir (gone, 0700), ==, 0);
  dt_port_list_refresh (ports);
  relabel = menu_label (model, 1);
  g_assert_cmpstr (relabel, ==, usb_folder);
  g_rmdir (gone);

  /* Pulled out, both. */
  dt_port_list_handle_event (ports, "remove", &usb);
  dt_port_list_handle_event (ports, "remove", &acm);
  none = menu_label (model, 0);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (none, ==, "No serial ports found");
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  dt_register_resource ();
  g_test_add_func ("/modem/query-dialog", test_query);
  g_test_add_func ("/modem/query-cancel", test_cancel);
  g_test_add_func ("/modem/permission-command", test_permission_command);
  g_test_add_func ("/modem/port-menu", test_port_menu);
  return g_test_run ();
}
