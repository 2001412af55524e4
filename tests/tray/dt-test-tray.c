/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixture and the application that test-tray and test-tray-dial share (see
 * dt-test-tray.h). */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dt-test-keyring.h"
#include "dt-test-tray.h"

static DtTestKeyring *bus;
static GApplication *app;
static GPtrArray *activations;   /* "dial 'uuid'", "show-window"… in order */
static DtDialer *current_dialer;

void
dt_test_tray_on_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *printed = parameter != NULL ? g_variant_print (parameter, FALSE) : NULL;

  g_ptr_array_add (activations, printed != NULL ? g_strdup_printf ("%s %s", name, printed)
                                                : g_strdup (name));
  if (g_str_equal (name, "hang-up"))
    dt_dialer_hang_up_all (current_dialer);
}

void
dt_test_tray_set_hang_up_enabled (gboolean enabled)
{
  GAction *hang_up = g_action_map_lookup_action (G_ACTION_MAP (app), "hang-up");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (hang_up), enabled);
}

static void
on_dialer_busy (DtDialer *dialer)
{
  dt_test_tray_set_hang_up_enabled (dt_dialer_get_busy (dialer));
}

static const GActionEntry app_actions[] = {
  { "dial", dt_test_tray_on_action, "s" },
  { "hang-up", dt_test_tray_on_action, "s" },
  { "show-status", dt_test_tray_on_action, "s" },
  { "show-window", dt_test_tray_on_action },
  { "quit", dt_test_tray_on_action },
};

GApplication *
dt_test_tray_get_app (void)
{
  return app;
}

void
dt_test_tray_init (int    *argc,
                   char ***argv)
{
  g_autoptr (GError) error = NULL;

  /* A private session bus for the item, the watcher and the host, before any thread. */
  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DIALTONE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  activations = g_ptr_array_new_with_free_func (g_free);
  app = g_application_new ("io.github.dialtone.TrayTest", G_APPLICATION_NON_UNIQUE);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
}

int
dt_test_tray_run (void)
{
  int status = g_test_run ();

  g_assert_finalize_object (app);
  g_ptr_array_unref (activations);
  dt_test_keyring_stop (bus);
  return status;
}

DtEntry *
dt_test_tray_add_entry (DtPhonebook *phonebook,
                        const char  *name,
                        const char  *device)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_device (entry, device);
  dt_entry_set_number (entry, "5550113");
  dt_entry_set_user (entry, ISP_USER);
  dt_entry_set_dial_timeout (entry, 15);
  dt_phonebook_add (phonebook, entry);
  return entry;
}

gboolean
dt_test_tray_is_registered (gpointer data)
{
  return dt_tray_get_registered (DT_TRAY (data));
}

void
dt_test_tray_set_up (DtTestTrayFixture *f,
                     gconstpointer      data)
{
  gboolean with_watcher = GPOINTER_TO_INT (data) != 0;
  g_autofree char *dir = g_dir_make_tmp ("dialtone-tray-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);

  g_ptr_array_set_size (activations, 0);
  f->host = dt_test_host_new ();
  if (with_watcher)
    f->watcher = dt_test_watcher_start ();
  f->dialer = current_dialer = dt_dialer_new ();
  dt_dialer_set_network_mode (f->dialer, DT_NETWORK_NONE);
  dt_test_tray_set_hang_up_enabled (FALSE);
  g_signal_connect (f->dialer, "notify::busy", G_CALLBACK (on_dialer_busy), NULL);
  f->phonebook = dt_phonebook_new (path);
  dt_test_tray_add_entry (f->phonebook, "Work", "/dev/ttyS0");
  f->isp_entry = g_object_ref (dt_test_tray_add_entry (f->phonebook, "Test ISP", "/dev/ttyS0"));
  dt_test_tray_add_entry (f->phonebook, "Backup ISP", "/dev/ttyS1");

  f->tray = dt_tray_new (app, f->dialer, G_LIST_MODEL (f->phonebook));
  f->item = dt_tray_get_bus_name (f->tray);
  if (with_watcher)
    dt_test_sni_wait_until (dt_test_tray_is_registered, f->tray, DT_TEST_SNI_LIMIT_S);
}

void
dt_test_tray_tear_down (DtTestTrayFixture *f,
                        gconstpointer      data)
{
  g_autofree char *item = g_strdup (f->item);
  g_autofree char *path = g_strdup (dt_phonebook_get_path (f->phonebook));
  g_autofree char *dir = g_path_get_dirname (path);

  if (f->line != NULL)
    {
      if (g_test_failed ())
        {
          g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->line, f->log_offset);

          g_test_message ("ISP log:\n%s", log);
        }
      dt_test_isp_release_line (f->isp, f->line);
      g_free (f->line);
    }
  g_assert_finalize_object (f->tray);
  /* Disposed, the item is gone from the bus, and the watcher knows. */
  if (item != NULL)
    g_assert_false (dt_test_host_name_has_owner (f->host, item));
  if (f->watcher != NULL)
    {
      dt_test_host_wait_registered (f->host, item, FALSE);
      dt_test_watcher_stop (f->watcher);
    }
  dt_test_host_free (f->host);
  g_object_unref (f->isp_entry);
  current_dialer = NULL;
  g_assert_finalize_object (f->dialer);
  dt_phonebook_flush (f->phonebook, NULL);
  g_assert_finalize_object (f->phonebook);
  g_unlink (path);
  g_rmdir (dir);
}

void
dt_test_tray_assert_look (DtTestTrayFixture *f,
                          const char        *status,
                          const char        *icon,
                          const char        *title,
                          const char        *text_part)
{
  g_autofree char *got_status = dt_test_host_get_string (f->host, f->item, "Status");
  g_autofree char *got_icon = dt_test_host_get_string (f->host, f->item, "IconName");
  g_autoptr (GVariant) tooltip = dt_test_host_get (f->host, f->item, "/StatusNotifierItem",
                                                   "org.kde.StatusNotifierItem", "ToolTip");
  const char *tip_icon, *tip_title, *tip_text;

  g_assert_cmpstr (got_status, ==, status);
  g_assert_cmpstr (got_icon, ==, icon);
  g_variant_get (tooltip, "(&s@a(iiay)&s&s)", &tip_icon, NULL, &tip_title, &tip_text);
  g_assert_cmpstr (tip_icon, ==, icon);
  g_assert_cmpstr (tip_title, ==, title);
  if (strstr (tip_text, text_part) == NULL)
    g_error ("the tooltip “%s” does not say “%s”", tip_text, text_part);
}

void
dt_test_tray_assert_joined (GPtrArray  *list,
                            const char *separator,
                            const char *expected)
{
  g_autofree char *joined = NULL;

  g_ptr_array_add (list, NULL);
  joined = g_strjoinv (separator, (char **) list->pdata);
  g_ptr_array_set_size (list, list->len - 1);
  g_assert_cmpstr (joined, ==, expected);
}

void
dt_test_tray_assert_activations (const char *expected)
{
  dt_test_tray_assert_joined (activations, ", ", expected);
}

void
dt_test_tray_forget_activations (void)
{
  g_ptr_array_set_size (activations, 0);
}

static gboolean
n_activations_is (gpointer data)
{
  return activations->len == GPOINTER_TO_UINT (data);
}

void
dt_test_tray_wait_activations (guint n)
{
  dt_test_sni_wait_until (n_activations_is, GUINT_TO_POINTER (n), DT_TEST_SNI_LIMIT_S);
}

void
dt_test_tray_click (DtTestTrayFixture *f,
                    int                id,
                    guint              n_expected)
{
  dt_test_host_click (f->host, f->item, id);
  /* The server runs the click from an idle after answering: let it, and a bit more for a
   * second activation that must not come. */
  dt_test_tray_wait_activations (n_expected);
  dt_test_sni_spin (100);
  g_assert_cmpuint (activations->len, ==, n_expected);
}
