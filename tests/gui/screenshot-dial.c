/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the real app through a dial against the test ISP and captures each dialog with
 * ImageMagick's `import -window <XID>`: connect.png, progress.png, retry.png, status.png
 * and error.png in the folder given on the command line.  tests/gui/screenshot.sh runs it
 * under Xvfb, inside dbus-run-session and `dialtone-isp run`.  The dial gets a real network
 * device from a NetworkManager in a sandbox (tests/common/nm-sandbox, which needs root), so
 * that the status window shows the device, the addresses and the DNS servers as a user
 * sees them; without one it dials with --no-network and says so. */

#include "config.h"

#include <locale.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-error-dialog.h"
#include "dt-progress-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-status-window.h"
#include "dt-test-gui.h"
#include "dt-test-screenshot.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-test-nm.h"

static DtApplication *app;
static const char *out_dir;

static gboolean
is_mapped (gconstpointer type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, GPOINTER_TO_SIZE (type)) &&
          gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return TRUE;
    }
  return FALSE;
}

/* The window on screen: mapped, not only visible. */
static gpointer
wait_for_toplevel (GType type)
{
  dt_test_wait_until (is_mapped, GSIZE_TO_POINTER (type));
  return dt_test_find_toplevel (type);
}

static gboolean
is_scrolled_window (GtkWidget *widget)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget))
{
  if (match (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The whole window, not only what fits a usual screen: the window grows to its natural
 * height (the Xvfb screen is tall enough), so the picture ends with the Network group. */
static void
show_everything (GtkWindow *window)
{
  GtkWidget *scrolled = find_widget (GTK_WIDGET (window), is_scrolled_window);

  g_assert (scrolled != NULL);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 4000);
  gtk_window_set_default_size (window, 460, -1);
}

static void
dial (const char *name,
      const char *password)
{
  DtEntry *entry = dt_phonebook_lookup_by_name (dt_application_get_phonebook (app), name);
  DtConnectDialog *connect;

  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string (dt_entry_get_uuid (entry)));
  connect = wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  dt_test_type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", password);
  gtk_switch_set_active (GTK_SWITCH (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG,
                                                    "save_switch")), TRUE);
  if (g_str_equal (name, "Dialtone Test ISP"))
    dt_test_screenshot (connect, out_dir, "connect.png");
  gtk_widget_activate (dt_test_child (connect, DT_TYPE_CONNECT_DIALOG, "dial_button"));
}

static void
wait_for_state (const char  *name,
                DtConnState  state)
{
  dt_test_wait_for_state (app, name, state);
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  DtProgressDialog *progress;
  DtRetryAuthDialog *retry;
  DtStatusWindow *status;
  DtErrorDialog *error;

  if (ran)
    return;
  ran = TRUE;
  g_application_hold (application);
  dt_test_spin (500);

  /* Progress: a number that rings for 3 s before NO ANSWER, with the steps shown. */
  dial ("Office", "secret");
  progress = wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  gtk_expander_set_expanded (GTK_EXPANDER (dt_test_child (progress, DT_TYPE_PROGRESS_DIALOG,
                                                  "details_expander")), TRUE);
  wait_for_state ("Office", DT_CONN_STATE_CONNECT_DEVICE);
  dt_test_screenshot (progress, out_dir, "progress.png");
  gtk_window_close (GTK_WINDOW (progress));
  wait_for_state ("Office", DT_CONN_STATE_DISCONNECTED);

  /* Connect and RetryAuthentication: a mistyped password, then the right one. */
  dial ("Dialtone Test ISP", "dialtone-secert");
  retry = wait_for_toplevel (DT_TYPE_RETRY_AUTH_DIALOG);
  dt_test_type_into (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row", "dialtone-secret");
  dt_test_screenshot (retry, out_dir, "retry.png");
  gtk_widget_activate (dt_test_child (retry, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button"));
  wait_for_state ("Dialtone Test ISP", DT_CONN_STATE_CONNECTED);

  /* Status, after a few seconds of LCP echoes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-status", g_variant_new_string (""));
  status = wait_for_toplevel (DT_TYPE_STATUS_WINDOW);
  show_everything (GTK_WINDOW (status));
  dt_test_spin (7000);
  dt_test_screenshot (status, out_dir, "status.png");
  g_action_group_activate_action (G_ACTION_GROUP (app), "hang-up", g_variant_new_string (""));
  wait_for_state ("Dialtone Test ISP", DT_CONN_STATE_DISCONNECTED);
  gtk_window_destroy (GTK_WINDOW (status));

  /* Error: a busy line, with the redial countdown and the log. */
  dial ("Busy Line", "secret");
  error = wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  gtk_expander_set_expanded (GTK_EXPANDER (dt_test_child (error, DT_TYPE_ERROR_DIALOG,
                                                        "more_info_expander")), TRUE);
  dt_test_screenshot (error, out_dir, "error.png");
  gtk_window_close (GTK_WINDOW (error));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  DtTestKeyring *keyring;
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  g_autofree char *config = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *path = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  g_autoptr (GError) error = NULL;
  DtTestNm *nm;
  int status;

  if (argc != 2)
    g_error ("usage: %s OUTPUT_DIR", argv[0]);
  out_dir = argv[1];

  /* First, before any thread: the sandbox enters its network namespace. */
  nm = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &error);
  if (nm != NULL)
    app_argv[1] = NULL;
  else
    g_printerr ("screenshot-dial: no NetworkManager sandbox (%s): status.png shows no network "
                "device\n", error->message);

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "");
  dt_application_bind_textdomain ();

  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  dir = g_build_filename (config, "dialtone", NULL);
  path = g_build_filename (dir, "phonebook.ini", NULL);
  ini = g_strdup_printf ("[Phonebook]\nVersion=1\n\n"
                         "[Entry 6f2c1d9e-0b7a-4c1e-9a53-2f1f8d0c7a11]\nName=Dialtone Test ISP\n"
                         "Device=%s\nNumber=555-0112\nAlternates=555-0110;555-0100;\n"
                         "User=dialtone\nRememberPassword=false\nLcpEchoInterval=1\n\n"
                         "[Entry 0d9b8f5e-3c2a-4e7b-8b61-9a0f2e4d6c22]\nName=Office\n"
                         "Device=%s\nNumber=555-0196\nUser=alice\n\n"
                         "[Entry 3a1e7c44-5d6b-4f80-9c2d-1b0e9f8a7d33]\nName=Busy Line\n"
                         "Device=%s\nNumber=555-0199\nUser=alice\nRedialAttempts=3\n"
                         "RedialInterval=30\n",
                         line, line, line);
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, ini, -1, NULL);

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), g_strv_length (app_argv), app_argv);
  g_clear_object (&app);
  dt_test_isp_release_line (isp, line);
  dt_test_keyring_stop (keyring);
  g_clear_pointer (&nm, dt_test_nm_free);
  return status;
}
