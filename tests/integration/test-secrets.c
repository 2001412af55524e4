/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry passwords in a real gnome-keyring-daemon (on a private bus, see dt-test-keyring.c):
 * stored, looked up and deleted through DtSecrets, and checked from outside with
 * secret-tool, as another program (Passwords and Keys) would see them.  The password never
 * reaches phonebook.ini.  Items that an earlier Dialtone stored (put there here with
 * secret-tool, attribute by attribute) are still found, entry and dial-in passwords alike. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "dt-dialin-secrets.h"
#include "dt-phonebook.h"
#include "dt-secrets.h"
#include "dt-test-keyring.h"

static DtTestKeyring *keyring;

typedef struct {
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static void
store (DtEntry    *entry,
       const char *password)
{
  g_autoptr (GError) error = NULL;
  Wait wait = { NULL };

  dt_secrets_store_async (entry, password, NULL, on_done, &wait);
  g_assert_true (dt_secrets_store_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static char *
lookup (DtEntry *entry)
{
  g_autoptr (GError) error = NULL;
  Wait wait = { NULL };
  char *password;

  dt_secrets_lookup_async (entry, NULL, on_done, &wait);
  password = dt_secrets_lookup_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return password;
}

static void
clear (DtEntry *entry)
{
  g_autoptr (GError) error = NULL;
  Wait wait = { NULL };

  dt_secrets_clear_async (dt_entry_get_uuid (entry), NULL, on_done, &wait);
  g_assert_true (dt_secrets_clear_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

/* What secret-tool finds for one attribute. */
static char *
secret_tool_search_attribute (const char *name,
                              const char *value)
{
  const char *argv[] = { "secret-tool", "search", "--all", "--unlock", name, value, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL, *err = NULL;
  char *both;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  both = g_strconcat (out, err, NULL);
  g_free (out);
  g_free (err);
  return both;
}

/* What another Secret Service client sees: `secret-tool search --all uuid <uuid>`. */
static char *
secret_tool_search (DtEntry *entry)
{
  return secret_tool_search_attribute ("uuid", dt_entry_get_uuid (entry));
}

/* Stores @password as another Secret Service client would, with @attributes ("name", "value",
 * …, NULL), the password on secret-tool's standard input. */
static void
secret_tool_store (const char *password,
                   ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) tool = NULL;
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "secret-tool");
  g_ptr_array_add (argv, (char *) "store");
  g_ptr_array_add (argv, (char *) "--label=Stored before");
  va_start (args, password);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  tool = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE,
                            &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (tool, password, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (tool));
}

static DtEntry *
make_entry (const char *name,
            const char *user)
{
  DtEntry *entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_user (entry, user);
  dt_entry_set_number (entry, "555-0100");
  return entry;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (DtEntry) entry = make_entry ("Work", "alice");
  g_autofree char *seen = NULL;
  g_autofree char *after = NULL;
  char *password;

  password = lookup (entry);
  g_assert_null (password);

  store (entry, "s3cret: ünï ✓");
  password = lookup (entry);
  g_assert_cmpstr (password, ==, "s3cret: ünï ✓");
  dt_secrets_password_free (password);

  seen = secret_tool_search (entry);
  g_test_message ("%s", seen);
  g_assert_nonnull (strstr (seen, "label = Dialtone password for Work"));
  g_assert_nonnull (strstr (seen, "secret = s3cret: ünï ✓"));
  g_assert_nonnull (strstr (seen, "attribute.user = alice"));
  g_assert_nonnull (strstr (seen, "schema = io.github.dialtone.Password"));

  /* Another user of the same entry has no password. */
  dt_entry_set_user (entry, "bob");
  g_assert_null (lookup (entry));
  dt_entry_set_user (entry, "alice");

  clear (entry);
  g_assert_null (lookup (entry));
  after = secret_tool_search (entry);
  g_assert_null (strstr (after, "Dialtone password"));

  /* Clearing what is not there is not an error. */
  clear (entry);
}

static void
test_new_user_replaces_old_password (void)
{
  g_autoptr (DtEntry) entry = make_entry ("Home", "alice");
  g_autofree char *seen = NULL;
  char *password;

  store (entry, "first");
  dt_entry_set_user (entry, "alicia");
  store (entry, "second");

  password = lookup (entry);
  g_assert_cmpstr (password, ==, "second");
  dt_secrets_password_free (password);

  /* One item for the entry, not one per user name it ever had. */
  seen = secret_tool_search (entry);
  g_assert_null (strstr (seen, "attribute.user = alice\n"));
  g_assert_nonnull (strstr (seen, "attribute.user = alicia"));
  clear (entry);
}

static void
test_clear_touches_only_its_entry (void)
{
  g_autoptr (DtEntry) work = make_entry ("Work", "alice");
  g_autoptr (DtEntry) home = make_entry ("Home", "alice");
  char *password;

  store (work, "work-pw");
  store (home, "home-pw");
  clear (work);

  g_assert_null (lookup (work));
  password = lookup (home);
  g_assert_cmpstr (password, ==, "home-pw");
  dt_secrets_password_free (password);
  clear (home);
}

static void
test_password_not_in_phonebook (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dt_test_keyring_get_dir (keyring), "phonebook.ini",
                                            NULL);
  g_autoptr (DtPhonebook) book = dt_phonebook_new (path);
  g_autoptr (DtEntry) entry = make_entry ("Office", "carol");
  g_autofree char *text = NULL;
  char *password;

  g_assert_true (dt_phonebook_load (book, &error));
  g_assert_true (dt_phonebook_commit (book, entry, &error));
  g_assert_no_error (error);
  store (entry, "Tr0ub4dor&3");

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "User=carol\n"));
  g_assert_null (strstr (text, "Tr0ub4dor"));

  password = lookup (dt_phonebook_lookup (book, dt_entry_get_uuid (entry)));
  g_assert_cmpstr (password, ==, "Tr0ub4dor&3");
  dt_secrets_password_free (password);
  clear (entry);
  g_unlink (path);
}

/* An entry password stored before (by an earlier Dialtone) is found, and replaced. */
static void
test_entry_password_stored_before (void)
{
  g_autoptr (DtEntry) entry = make_entry ("Old", "alice");
  g_autofree char *seen = NULL;
  char *password;

  secret_tool_store ("from before", "xdg:schema", "io.github.dialtone.Password",
                     "uuid", dt_entry_get_uuid (entry), "user", "alice", NULL);
  password = lookup (entry);
  g_assert_cmpstr (password, ==, "from before");
  dt_secrets_password_free (password);

  store (entry, "from now");
  seen = secret_tool_search (entry);
  g_assert_null (strstr (seen, "from before"));
  g_assert_nonnull (strstr (seen, "secret = from now"));
  clear (entry);
}

static char *
dialin_lookup (const char *user)
{
  g_autoptr (GError) error = NULL;
  Wait wait = { NULL };
  char *password;

  dt_dialin_secrets_lookup_async (user, NULL, on_done, &wait);
  password = dt_dialin_secrets_lookup_finish (wait_for (&wait), &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return password;
}

/* A dial-in password stored before is found; storing again replaces it, with the attributes
 * and label it always had; clearing removes it. */
static void
test_dialin_password_stored_before (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *after = NULL;
  Wait wait = { NULL };
  char *password;

  secret_tool_store ("from before", "xdg:schema", "io.github.dialtone.DialinPassword",
                     "user", "carol", NULL);
  password = dialin_lookup ("carol");
  g_assert_cmpstr (password, ==, "from before");
  dt_secrets_password_free (password);
  g_assert_null (dialin_lookup ("dave"));

  dt_dialin_secrets_store_async ("carol", "looking-glass", NULL, on_done, &wait);
  g_assert_true (dt_dialin_secrets_store_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  password = dialin_lookup ("carol");
  g_assert_cmpstr (password, ==, "looking-glass");
  dt_secrets_password_free (password);
  seen = secret_tool_search_attribute ("user", "carol");
  g_test_message ("%s", seen);
  g_assert_null (strstr (seen, "from before"));
  g_assert_nonnull (strstr (seen, "label = Dialtone: password of carol for dialing in"));
  g_assert_nonnull (strstr (seen, "schema = io.github.dialtone.DialinPassword"));

  dt_dialin_secrets_clear_async ("carol", NULL, on_done, &wait);
  g_assert_true (dt_dialin_secrets_clear_finish (wait_for (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_null (dialin_lookup ("carol"));
  after = secret_tool_search_attribute ("user", "carol");
  g_assert_null (strstr (after, "Dialtone"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);

  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/new-user-replaces-old-password", test_new_user_replaces_old_password);
  g_test_add_func ("/secrets/clear-touches-only-its-entry", test_clear_touches_only_its_entry);
  g_test_add_func ("/secrets/password-not-in-phonebook", test_password_not_in_phonebook);
  g_test_add_func ("/secrets/entry-password-stored-before", test_entry_password_stored_before);
  g_test_add_func ("/secrets/dialin-password-stored-before",
                   test_dialin_password_stored_before);

  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
