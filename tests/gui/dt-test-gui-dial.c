/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app, the ISP line and the phonebook that test-dial and test-dial-errors share, and the
 * steps a user takes to dial (see dt-test-gui-dial.h). */

#include "config.h"

#include <string.h>

#include "dt-entry-row.h"
#include "dt-test-gui-dial.h"
#include "dt-test-keyring.h"

DtApplication *app;
DtWindow *window;
DtTestIsp *isp;
char *line;
guint line_number;
DtTestLineProxy *reboot_line;

DtConnectDialog *
dt_test_dial_open_connect (const char *name)
{
  g_autofree char *title = g_strdup_printf ("Connect to %s", name);
  DtConnectDialog *dialog;

  dt_test_click (dt_test_entry_row (window, name), DT_TYPE_ENTRY_ROW, "connect_button");
  dialog = dt_test_wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  return dialog;
}

void
dt_test_dial_with_password (const char *name,
                            const char *password)
{
  DtConnectDialog *connect = dt_test_dial_open_connect (name);

  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", password);
  dt_test_click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  dt_test_assert_finalized (connect);
}

gboolean
dt_test_dial_row_is_idle (gconstpointer name)
{
  GtkWidget *row = dt_test_entry_row (window, name);

  return !gtk_widget_get_visible (dt_test_child (row, DT_TYPE_ENTRY_ROW, "state_label")) &&
         g_strcmp0 (dt_test_button_label (row, DT_TYPE_ENTRY_ROW, "connect_button"),
                    "C_onnect") == 0;
}

guint
dt_test_dial_count_in_log (goffset     offset,
                           const char *needle)
{
  g_autofree char *log = dt_test_isp_read_log_since (isp, line, offset);
  guint n = 0;

  for (const char *p = strstr (log, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

gboolean
dt_test_dial_log_has (gconstpointer data)
{
  const DtTestLogWant *want = data;

  return dt_test_dial_count_in_log (want->offset, want->needle) >= want->n;
}

void
dt_test_dial_assert_labels (const char * const *expected)
{
  g_autofree char *got = dt_test_labels_string ();
  g_autofree char *want = g_strjoinv ("\n", (char **) expected);

  g_test_message ("progress dialog said:\n%s", got);
  g_assert_cmpstr (got, ==, want);
}

/* Setting up --------------------------------------------------------------------------- */

static void
write_phonebook (const char *config_dir)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (GString) ini = g_string_new ("[Phonebook]\nVersion=1\n");
  static const struct {
    const char *name;
    const char *number;
    guint redial_attempts;
    gboolean redial_on_link_drop;
  } entries[] = {
    { "PAP ISP", "5550110", 0, FALSE },
    { "MS-CHAP ISP", "5550112", 0, FALSE },
    { "Busy ISP", "5550199", 2, FALSE },
    { "No Answer ISP", "5550196", 0, FALSE },
    { "Drop ISP", "5550181", 0, TRUE },
    { "Multilink ISP", "5550120", 0, FALSE },
  };

  /* On a line of its own: an ISP the test kills and boots again. */
  g_string_append_printf (ini, "\n[Entry 00000000-0000-4000-8000-000000000009]\nName=Reboot ISP\n"
                          "Device=%s\nNumber=5550110\nUser=dialtone\nRememberPassword=false\n"
                          "AuthMethods=pap;\nDialTimeout=15\nLcpEchoInterval=1\n"
                          "LcpEchoFailures=2\nRedialAttempts=30\nRedialInterval=1\n"
                          "RedialOnLinkDrop=true\n", dt_test_line_proxy_get_device (reboot_line));
  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (ini,
                            "\n[Entry 00000000-0000-4000-8000-00000000000%zu]\nName=%s\n"
                            "Device=%s\nNumber=%s\nUser=dialtone\nRememberPassword=false\n"
                            "DialTimeout=15\nLcpEchoInterval=1\nLcpEchoFailures=2\n"
                            "RedialAttempts=%u\nRedialInterval=1\nRedialOnLinkDrop=%s\n"
                            "%s",
                            i, entries[i].name, line, entries[i].number,
                            entries[i].redial_attempts,
                            entries[i].redial_on_link_drop ? "true" : "false",
                            /* These numbers' pppd takes PAP only, as the entry says. */
                            g_str_equal (entries[i].number, "5550110") ||
                            g_str_equal (entries[i].number, "5550181")
                            ? "AuthMethods=pap;\n" : "");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, ini->str, -1, NULL));
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  DtNetworkMode mode;

  /* Once: a later activation (app.show-window) only presents the window. */
  if (ran)
    return;
  ran = TRUE;
  /* --no-network reached the dialer. */
  g_object_get (dt_application_get_dialer (app), "network-mode", &mode, NULL);
  g_assert_cmpint (mode, ==, DT_NETWORK_NONE);
  window = g_object_ref (DT_WINDOW (dt_application_get_main_window (app)));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  dt_test_record (app);
  /* The tests run inside the app's own main loop, as a user's clicks would. */
  g_application_hold (application);
  if (g_test_run () != 0)
    g_error ("a test failed");
  g_application_release (application);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
dt_test_dial_run (int    *argc,
                  char ***argv,
                  void  (*add_tests) (void))
{
  g_autofree char *config_dir = NULL;
  g_autofree char *reason = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  DtTestKeyring *keyring;
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  dt_test_gui_init (argc, argv);

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      dt_test_keyring_stop (keyring);
      return g_test_run ();
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  line_number = dt_test_isp_get_line_number (isp, line);
  reboot_line = dt_test_line_proxy_new (NULL);
  write_phonebook (config_dir);
  dt_test_serve_notifications ();
  add_tests ();

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_assert_finalize_object (app);

  dt_test_isp_release_line (isp, line);
  g_free (line);
  g_clear_pointer (&reboot_line, dt_test_line_proxy_free);
  dt_test_keyring_stop (keyring);
  return status;
}
