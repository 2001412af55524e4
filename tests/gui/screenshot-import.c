/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the real app's Import… dialog and captures it with ImageMagick's
 * `import -window <XID>`: import.png (a hand-edited ~/.wvdialrc in the preview, its first
 * dialer expanded to show the settings not imported) and import-windows.png (a Windows
 * phonebook whose entry names COM3: the device chooser), in the folder given on the command
 * line.  tests/gui/screenshot.sh runs it under Xvfb inside dbus-run-session.  Nothing is
 * dialed. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dt-application.h"
#include "dt-import-dialog.h"
#include "dt-import-row.h"
#include "dt-test-gui.h"
#include "dt-test-screenshot.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

static DtApplication *app;
static const char *out_dir;
static char *home;

static const char wvdialrc[] =
  "# wvdialconf's output, edited by hand since.\n"
  "[Dialer Defaults]\n"
  "Modem = /dev/ttyUSB0\n"
  "Baud = 115200\n"
  "Init1 = ATZ\n"
  "Init2 = ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0\n"
  "Stupid Mode = 1\n"
  "New PPPD = yes\n"
  "Carrier Check = no\n"
  "\n"
  "[Dialer Home ISP]\n"
  "Phone = 555-0200\n"
  "Phone1 = 555-0201\n"
  "Username = alice\n"
  "Password = wonderland\n"
  "Idle Seconds = 600\n"
  "\n"
  "[Dialer work]\n"
  "Inherits = Dialer Home ISP\n"
  "Phone = 9,555-0100\n"
  "Username = alice@work.example\n"
  "\n"
  "[Dialer pulse]\n"
  "Dial Command = ATDP\n";

static const char pbk[] =
  "[Office Dial-Up]\r\nEncoding=1\r\nType=1\r\nRedialAttempts=5\r\nRedialSeconds=30\r\n"
  "IpPrioritizeRemote=0\r\nPreviewUserPw=1\r\n\r\nMEDIA=serial\r\nPort=COM3\r\n"
  "Device=U.S. Robotics 56K Voice EXT PnP\r\nConnectBPS=115200\r\n\r\nDEVICE=modem\r\n"
  "PhoneNumber=5550100\r\nAreaCode=425\r\nCountryCode=1\r\nUseDialingRules=1\r\n"
  "PhoneNumber=5550101\r\nTryNextAlternateOnFail=1\r\n\r\n";

static gboolean
shows_preview (gconstpointer dialog)
{
  GtkStack *stack = GTK_STACK (dt_test_child ((gpointer) dialog, DT_TYPE_IMPORT_DIALOG,
                                              "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "preview") == 0;
}

/* Opens Import…, picks @path among the files offered, and waits for its preview. */
static DtImportDialog *
open_preview (const char *path)
{
  GtkWidget *window = GTK_WIDGET (dt_application_get_main_window (app));
  DtImportDialog *dialog;

  gtk_widget_activate_action (window, "win.import", NULL);
  dialog = dt_test_wait_for_toplevel (DT_TYPE_IMPORT_DIALOG);
  adw_action_row_activate (ADW_ACTION_ROW (dt_test_find_row (dialog, path)));
  dt_test_wait_until (shows_preview, dialog);
  /* The stack's crossfade, under a loaded X server. */
  dt_test_spin (2000);
  return dialog;
}

static void
shoot (void)
{
  g_autofree char *rc = g_build_filename (home, ".wvdialrc", NULL);
  g_autofree char *kde = g_build_filename (home, ".kde", "share", "config", NULL);
  g_autofree char *kppprc = g_build_filename (kde, "kppprc", NULL);
  DtImportDialog *dialog;

  dialog = open_preview (rc);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (dt_test_find_row (dialog, "Home ISP")), TRUE);
  dt_test_screenshot (dialog, out_dir, "import.png");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* The Windows phonebook, offered where kppp's file would be: the chooser is a portal or
   * a GTK dialog, which a screenshot need not go through. */
  g_assert_cmpint (g_mkdir_with_parents (kde, 0700), ==, 0);
  g_assert_true (g_file_set_contents (kppprc, pbk, -1, NULL));
  dialog = open_preview (kppprc);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (dt_test_find_row (dialog, "Office Dial-Up")),
                                 TRUE);
  dt_test_screenshot (dialog, out_dir, "import-windows.png");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_unlink (kppprc);
}

static gboolean
is_mapped (gconstpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;

  if (ran)
    return;
  ran = TRUE;
  g_application_hold (application);
  dt_test_wait_until (is_mapped, dt_application_get_main_window (app));
  shoot ();
  g_application_release (application);
  g_application_quit (application);
}

int
main (int   argc,
      char *argv[])
{
  DtTestKeyring *keyring;
  g_autofree char *rc = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  int status;

  if (argc != 2)
    g_error ("usage: screenshot-import OUTPUT-FOLDER");
  out_dir = argv[1];
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  home = g_build_filename (dt_test_keyring_get_dir (keyring), "home", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dt_test_keyring_get_dir (keyring), TRUE);
  rc = g_build_filename (home, ".wvdialrc", NULL);
  g_assert_true (g_file_set_contents (rc, wvdialrc, -1, NULL));

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  dt_application_bind_textdomain ();
  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_object_unref (app);
  dt_test_keyring_stop (keyring);
  return status;
}
