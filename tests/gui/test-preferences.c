/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences, through the real widgets of the running app: the main menu and Ctrl+comma
 * open it; the Start at login switch writes the autostart file (run from the build tree, it
 * runs the built dialtone, and the row says so) and removes it; a folder that cannot be made
 * turns the switch back off with the reason in a toast; the tray icon turned off greys Start
 * at login out; the location rows write the dialing-rules settings, and refuse what is not
 * digits. */

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dt-application.h"
#include "dt-autostart.h"
#include "dt-preferences-window.h"
#include "dt-test-gui.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

static DtApplication *app;
static GSettings *settings;

static gboolean
switch_is (gconstpointer data)
{
  const struct { GtkSwitch *sw; gboolean on; } *want = data;

  return gtk_switch_get_active (want->sw) == want->on;
}

static void
wait_switch (GtkSwitch *sw,
             gboolean   on)
{
  struct { GtkSwitch *sw; gboolean on; } want = { sw, on };

  dt_test_wait_until (switch_is, &want);
}

static gboolean
exists (gconstpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_gone (gconstpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)),
                                                    text);
}

static gboolean
shows_label (gconstpointer text)
{
  GtkWidget *window = dt_test_find_toplevel (DT_TYPE_PREFERENCES_WINDOW);

  return window != NULL && dt_test_find_widget (window, is_label_starting, text) != NULL;
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
}

/* Opens Preferences as the main menu does. */
static DtPreferencesWindow *
open_preferences (void)
{
  DtPreferencesWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  window = dt_test_wait_for_toplevel (DT_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (window)));
  return window;
}

static void
close_preferences (DtPreferencesWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  dt_test_assert_finalized (window);
}

static void
test_opened_from_menu_and_keyboard (void)
{
  g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 "app.preferences");
  GtkWidget *window = GTK_WIDGET (dt_application_get_main_window (app));
  GtkMenuButton *button = GTK_MENU_BUTTON (dt_test_find_widget (window, is_menu_button, NULL));
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  gboolean in_menu = FALSE;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
            in_menu |= g_str_equal (action, "app.preferences");
        }
    }
  g_assert_true (in_menu);
}

static void
test_start_at_login (void)
{
  g_autofree char *file = dt_autostart_get_file_path ();
#if DT_UNINSTALLED_PATHS
  g_autofree char *dialtone = g_build_filename (BUILD_ROOT, "src", "dialtone", NULL);
#else
  g_autofree char *dialtone = g_strdup ("dialtone");   /* a distribution's build */
#endif
  g_autoptr (GDesktopAppInfo) info = NULL;
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autofree char *try_exec = NULL;
  DtPreferencesWindow *window = open_preferences ();
  GtkWidget *row = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "login_row");
  GtkSwitch *sw = GTK_SWITCH (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW,
                                             "login_switch"));

  g_assert_false (gtk_switch_get_active (sw));
  g_assert_true (gtk_widget_is_sensitive (row));
#if DT_UNINSTALLED_PATHS
  /* From the build tree: which program it starts, said in the row. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), dialtone));
#endif

  /* The row clicked, as a user does. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  dt_test_wait_until (exists, file);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (g_key_file_load_from_file (key_file, file, 0, NULL));
  try_exec = g_key_file_get_string (key_file, "Desktop Entry", "TryExec", NULL);
  g_assert_cmpstr (try_exec, ==, dialtone);
  info = g_desktop_app_info_new_from_filename (file);
  g_assert_nonnull (info);
  g_assert_true (g_str_has_suffix (g_app_info_get_commandline (G_APP_INFO (info)),
                                   " --background"));
  g_assert_false (shows_label ("Dialtone cannot start at login"));

  adw_action_row_activate (ADW_ACTION_ROW (row));
  dt_test_wait_until (is_gone, file);
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  close_preferences (window);
}

/* ~/.config/autostart cannot be a folder (a file has its name): the switch goes back off,
 * and a toast says why. */
static void
test_start_at_login_refused (void)
{
  g_autofree char *file = dt_autostart_get_file_path ();
  g_autofree char *dir = g_path_get_dirname (file);
  DtPreferencesWindow *window;
  GtkSwitch *sw;

  g_rmdir (dir);
  g_assert_true (g_file_set_contents (dir, "not a folder\n", -1, NULL));
  window = open_preferences ();
  sw = GTK_SWITCH (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "login_switch"));
  adw_action_row_activate (ADW_ACTION_ROW (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW,
                                                          "login_row")));
  dt_test_wait_until (shows_label, "Dialtone cannot start at login: Could not create ");
  wait_switch (sw, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (shows_label (dir) || shows_label ("Dialtone cannot start at login: Could not "
                                                   "create "));
  close_preferences (window);
  g_unlink (dir);
}

static void
test_tray_off_greys_start_at_login (void)
{
  DtPreferencesWindow *window = open_preferences ();
  GtkWidget *login = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "login_row");
  GtkWidget *tray = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "tray_row");
  GtkSwitch *sw = GTK_SWITCH (dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW,
                                             "tray_switch"));

  g_assert_true (g_settings_get_boolean (settings, "show-tray-icon"));
  /* The switch flips at the end of its animation. */
  adw_action_row_activate (ADW_ACTION_ROW (tray));
  wait_switch (sw, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-tray-icon"));
  g_assert_false (gtk_widget_is_sensitive (login));
  adw_action_row_activate (ADW_ACTION_ROW (tray));
  wait_switch (sw, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "show-tray-icon"));
  g_assert_true (gtk_widget_is_sensitive (login));
  close_preferences (window);
}

static void
test_location (void)
{
  DtPreferencesWindow *window = open_preferences ();
  GtkWidget *country = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "country_row");
  GtkWidget *area = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "area_row");
  GtkWidget *international = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW,
                                            "international_row");
  g_autofree char *area_code = NULL, *prefix = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (country)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (country), "44");
  gtk_editable_set_text (GTK_EDITABLE (area), "20");
  gtk_editable_set_text (GTK_EDITABLE (international), "00");
  g_assert_cmpuint (g_settings_get_uint (settings, "location-country-code"), ==, 44);
  area_code = g_settings_get_string (settings, "location-area-code");
  g_assert_cmpstr (area_code, ==, "20");
  prefix = g_settings_get_string (settings, "international-prefix");
  g_assert_cmpstr (prefix, ==, "00");
  g_assert_false (gtk_widget_has_css_class (country, "error"));

  /* Not a country code: marked, and the setting keeps the last good one. */
  gtk_editable_set_text (GTK_EDITABLE (country), "4a");
  g_assert_true (gtk_widget_has_css_class (country, "error"));
  g_assert_cmpuint (g_settings_get_uint (settings, "location-country-code"), ==, 44);
  gtk_editable_set_text (GTK_EDITABLE (country), "4444");
  g_assert_true (gtk_widget_has_css_class (country, "error"));
  g_assert_cmpuint (g_settings_get_uint (settings, "location-country-code"), ==, 44);
  gtk_editable_set_text (GTK_EDITABLE (country), "");
  g_assert_false (gtk_widget_has_css_class (country, "error"));
  g_assert_cmpuint (g_settings_get_uint (settings, "location-country-code"), ==, 0);
  close_preferences (window);

  /* Opened again: what was saved. */
  window = open_preferences ();
  area = dt_test_child (window, DT_TYPE_PREFERENCES_WINDOW, "area_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (area)), ==, "20");
  close_preferences (window);
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  GtkWindow *window;

  if (ran)
    return;
  ran = TRUE;
  window = GTK_WINDOW (dt_application_get_main_window (app));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  g_application_hold (application);
  if (g_test_run () != 0)
    g_error ("a test failed");
  g_application_release (application);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  DtTestKeyring *bus;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  int status;

  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  dt_test_gui_init (&argc, &argv);

  g_test_add_func ("/preferences/opened-from-menu-and-keyboard",
                   test_opened_from_menu_and_keyboard);
  g_test_add_func ("/preferences/start-at-login", test_start_at_login);
  g_test_add_func ("/preferences/start-at-login-refused", test_start_at_login_refused);
  g_test_add_func ("/preferences/tray-off", test_tray_off_greys_start_at_login);
  g_test_add_func ("/preferences/location", test_location);

  settings = g_settings_new (APP_ID);
  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_assert_finalize_object (app);
  g_object_unref (settings);
  dt_test_keyring_stop (bus);
  return status;
}
