/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone --background` with a phonebook that does not parse, in process under Xvfb: the
 * phonebook is loaded at once, for the tray's menu, and the broken file is moved aside, but
 * no window opens; the next activation (what a second `dialtone` or the app grid does) opens
 * the window, which then says what happened to the file, as it does when it loads the
 * phonebook itself.  app.quit then ends the app, which the background start held. */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-application.h"
#include "dt-test-gui.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

static DtApplication *app;
static char *config_dir;
static int test_status = 1;

static guint
count_moved_aside (void)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "phonebook.ini.bad-"))
      n++;
  return n;
}

static void
test_no_window (void)
{
  dt_test_spin (300);
  g_assert_null (dt_application_get_main_window (app));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  /* Loaded already, for the tray: the broken file went aside, and the list is empty. */
  g_assert_cmpuint (count_moved_aside (), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dt_application_get_phonebook (app))),
                    ==, 0);
}

static gboolean
problem_shown (gconstpointer data)
{
  GObject *bar = gtk_widget_get_template_child (GTK_WIDGET (data), DT_TYPE_WINDOW,
                                                 "problem_bar");

  return gtk_info_bar_get_revealed (GTK_INFO_BAR (bar));
}

static void
test_window_reports (void)
{
  GtkWindow *window;
  const char *text;

  g_application_activate (G_APPLICATION (app));
  window = dt_application_get_main_window (app);
  g_assert_nonnull (window);
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  dt_test_wait_until (problem_shown, window);
  text = gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                        DT_TYPE_WINDOW,
                                                                        "problem_label")));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "The phonebook could not be read (line 3: "));
  g_assert_nonnull (strstr (text, "). It was kept as phonebook.ini.bad-"));
  /* Reported once: the file was not read (nor moved) again. */
  g_assert_cmpuint (count_moved_aside (), ==, 1);
}

static void
on_activate (GApplication *application)
{
  static gboolean first = TRUE;

  if (!first)
    return;
  first = FALSE;
  test_status = g_test_run ();
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
}

int
main (int   argc,
      char *argv[])
{
  char *app_argv[] = { "dialtone", "--background", "--no-network", NULL };
  g_autofree char *book_dir = NULL;
  g_autofree char *book = NULL;
  DtTestKeyring *bus;

  /* Before any thread: a private bus, and a phonebook that does not parse. */
  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  config_dir = g_build_filename (dt_test_keyring_get_dir (bus), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  book_dir = g_build_filename (config_dir, "dialtone", NULL);
  book = g_build_filename (book_dir, "phonebook.ini", NULL);
  g_assert_cmpint (g_mkdir_with_parents (book_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (book, "[Phonebook]\nVersion=1\nnot a key file line\n",
                                      -1, NULL));

  dt_test_gui_init (&argc, &argv);
  g_test_add_func ("/background-load/no-window", test_no_window);
  g_test_add_func ("/background-load/window-reports", test_window_reports);

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv),
                   ==, 0);
  /* Quit released the background start's hold: the app ended, and is freed. */
  g_assert_finalize_object (app);

  dt_test_keyring_stop (bus);
  g_free (config_dir);
  return test_status;
}
