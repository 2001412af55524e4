/* SPDX-License-Identifier: GPL-3.0-or-later */
/* No keyring: first no session bus at all, then a private bus where no Secret Service runs.
 * DtSecrets fails with DT_SECRETS_ERROR_NO_KEYRING and a sentence for the user, and the
 * entry itself still saves: only the password is not remembered.  (A separate program from
 * test-secrets, because libsecret and GDBus keep their connection for the process.) */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "dt-phonebook.h"
#include "dt-secrets.h"
#include "dt-test-keyring.h"

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
assert_no_keyring (DtEntry *entry)
{
  g_autoptr (GAsyncResult) stored = NULL;
  g_autoptr (GAsyncResult) looked_up = NULL;
  g_autoptr (GError) error = NULL;
  char *password;

  dt_secrets_store_async (entry, "s3cret", NULL, on_done, &stored);
  g_assert_false (dt_secrets_store_finish (wait_for (&stored), &error));
  g_assert_error (error, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING);
  g_assert_cmpstr (error->message, ==,
                   "No keyring is available, so Dialtone cannot remember passwords");
  g_clear_error (&error);

  dt_secrets_lookup_async (entry, NULL, on_done, &looked_up);
  password = dt_secrets_lookup_finish (wait_for (&looked_up), &error);
  g_assert_null (password);
  g_assert_error (error, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING);
}

static void
assert_entry_still_saves (DtEntry    *entry,
                          const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtPhonebook) book = dt_phonebook_new (path);
  g_autoptr (DtPhonebook) again = dt_phonebook_new (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (dt_phonebook_load (book, &error));
  g_assert_true (dt_phonebook_commit (book, entry, &error));
  g_assert_no_error (error);
  g_assert_true (dt_phonebook_load (again, &error));
  g_assert_nonnull (dt_phonebook_lookup (again, dt_entry_get_uuid (entry)));
  g_unlink (path);
}

static void
test_no_session_bus (void)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autofree char *dir = g_dir_make_tmp ("dialtone-nobus-XXXXXX", NULL);
  g_autofree char *nowhere = g_strdup_printf ("unix:path=%s/no-bus-here", dir);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", nowhere, TRUE);
  /* Without a display, GDBus must not try to autolaunch a bus either. */
  g_unsetenv ("DISPLAY");

  dt_entry_set_name (entry, "Work");
  dt_entry_set_number (entry, "555-0100");
  dt_entry_set_user (entry, "alice");
  assert_no_keyring (entry);
  assert_entry_still_saves (entry, dir);
  g_rmdir (dir);
}

static void
test_bus_without_keyring (void)
{
  DtTestKeyring *bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  g_autoptr (DtEntry) entry = dt_entry_new ();

  dt_entry_set_name (entry, "Home");
  dt_entry_set_number (entry, "555-0200");
  dt_entry_set_user (entry, "alice");
  assert_no_keyring (entry);
  assert_entry_still_saves (entry, dt_test_keyring_get_dir (bus));
  dt_test_keyring_stop (bus);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  /* In this order: the first must run before anything connects to a bus. */
  g_test_add_func ("/secrets/no-keyring/no-session-bus", test_no_session_bus);
  g_test_add_func ("/secrets/no-keyring/bus-without-keyring", test_bus_without_keyring);

  return g_test_run ();
}
