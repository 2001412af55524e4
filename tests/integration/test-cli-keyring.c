/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli and the keyring (a real gnome-keyring-daemon on a private bus): `entry set
 * --password-stdin` puts the password there, and `entry remove` takes it out again with the
 * entry, as the window's Delete does, leaving other entries' passwords alone.  A keyring
 * that cannot be reached does not stop the removal: the entry goes, and a message says that
 * its password may be left behind.  Asking for help opens no phonebook. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dt-phonebook.h"
#include "dt-secrets.h"
#include "dt-test-cli.h"
#include "dt-test-keyring.h"

/* What one run of dialtone-cli gave. */
typedef DtTestCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, dt_test_cli_run_clear)

static DtTestKeyring *keyring;

/* dialtone-cli entry --phonebook @phonebook @args… with @input on stdin; @bus replaces the
 * session bus (NULL: the keyring's). */
static Run
run_entry (const char         *phonebook,
           const char * const *args,
           const char         *input,
           const char         *bus)
{
  g_autoptr (GSubprocessLauncher) launcher = dt_test_cli_launcher_new ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) DIALTONE_CLI_PATH);
  g_ptr_array_add (argv, "entry");
  g_ptr_array_add (argv, "--phonebook");
  g_ptr_array_add (argv, (char *) phonebook);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  return dt_test_cli_run (launcher, (const char * const *) argv->pdata, input);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The keyring's password for the entry that had @uuid, looked up by its attributes as
 * Dialtone stores them. */
static char *
keyring_password (const char *uuid)
{
  g_autoptr (DtEntry) entry = dt_entry_new_with_uuid (uuid);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *password;

  dt_secrets_lookup_async (entry, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  password = dt_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);
  return password;
}

static char *
uuid_of (const char *phonebook_path,
         const char *name)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (phonebook_path);
  g_autoptr (GError) error = NULL;
  DtEntry *entry;

  g_assert_true (dt_phonebook_load (phonebook, &error));
  entry = dt_phonebook_lookup_by_name (phonebook, name);
  return entry != NULL ? g_strdup (dt_entry_get_uuid (entry)) : NULL;
}

static char *
new_phonebook_path (const char *name)
{
  g_autofree char *dir = g_build_filename (dt_test_keyring_get_dir (keyring), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, "phonebook.ini", NULL);
}

static void
test_remove_takes_the_password (void)
{
  g_autofree char *path = new_phonebook_path ("remove");
  g_autofree char *office = NULL, *home = NULL, *home_now = NULL;
  g_autofree char *office_password = NULL, *home_password = NULL, *left = NULL;

  {
    g_auto (Run) a = run_entry (path, (const char *[]) { "set", "Office", "--number",
                                                         "555-0100", "--password-stdin", NULL },
                                "office-secret\n", NULL);
    g_auto (Run) b = run_entry (path, (const char *[]) { "set", "Home", "--number", "555-0200",
                                                         "--password-stdin", NULL },
                                "home-secret\n", NULL);

    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
  }
  office = uuid_of (path, "Office");
  home = uuid_of (path, "Home");
  office_password = keyring_password (office);
  g_assert_cmpstr (office_password, ==, "office-secret");

  {
    g_auto (Run) r = run_entry (path, (const char *[]) { "remove", "Office", NULL }, NULL, NULL);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
  }
  g_assert_null (uuid_of (path, "Office"));
  left = keyring_password (office);
  g_assert_null (left);
  /* The other entry and its password stay. */
  home_now = uuid_of (path, "Home");
  g_assert_cmpstr (home_now, ==, home);
  home_password = keyring_password (home);
  g_assert_cmpstr (home_password, ==, "home-secret");
}

/* No keyring on the bus: the entry goes all the same, and the password left behind is
 * mentioned, since the entry said it remembered one. */
static void
test_remove_without_keyring (void)
{
  g_autofree char *path = new_phonebook_path ("no-keyring");
  g_autofree char *nowhere = g_strdup_printf ("unix:path=%s/no-bus-here",
                                              dt_test_keyring_get_dir (keyring));
  g_autofree char *uuid = NULL, *still = NULL;

  {
    g_auto (Run) r = run_entry (path, (const char *[]) { "set", "Lab", "--number", "1",
                                                         "--password-stdin", NULL },
                                "lab-secret\n", NULL);

    g_assert_cmpint (r.status, ==, 0);
  }
  uuid = uuid_of (path, "Lab");
  {
    g_auto (Run) r = run_entry (path, (const char *[]) { "remove", "Lab", NULL }, NULL,
                                nowhere);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "“Lab” is removed, but its password may still be in the "
                                     "keyring: "));
  }
  g_assert_null (uuid_of (path, "Lab"));
  /* As said: the keyring could not be reached, so the password is still there. */
  still = keyring_password (uuid);
  g_assert_cmpstr (still, ==, "lab-secret");
}

/* --help after any subcommand prints its usage and touches nothing, not even a phonebook
 * that does not parse (which opening would move aside). */
static void
test_help_opens_nothing (void)
{
  g_autofree char *path = new_phonebook_path ("help");
  g_autofree char *dir = g_path_get_dirname (path);
  const char *subcommands[] = { "list", "show", "set", "remove", "import", "export" };
  const char *broken = "[Entry half\nName=";
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, broken, -1, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("dialtone-cli entry %s ", subcommands[i]);
      g_auto (Run) r = run_entry (path, (const char *[]) { subcommands[i], "--help", NULL },
                                  NULL, NULL);

      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_str_has_prefix (r.out, "Usage:\n"));
      g_assert_nonnull (strstr (r.out, usage));
      g_assert_cmpstr (r.err, ==, "");
    }
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, broken);
  {
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/keyring/remove", test_remove_takes_the_password);
  g_test_add_func ("/cli/keyring/remove-without-keyring", test_remove_without_keyring);
  g_test_add_func ("/cli/help-opens-nothing", test_help_opens_nothing);
  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
