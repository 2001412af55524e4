/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing with a real keyring (gnome-keyring-daemon on a private bus): the passwords a
 * wvdial.conf and a kppprc hold go to the keyring under each new entry, never into
 * phonebook.ini, and the summary says which; when the phonebook cannot be written (a
 * read-only folder), the passwords already stored are taken out again and nothing changes. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dt-import.h"
#include "dt-import-apply.h"
#include "dt-secrets.h"
#include "dt-test-keyring.h"
#include "dt-test-readonly.h"

static DtTestKeyring *keyring;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static char *
keyring_password (DtEntry *entry)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_secrets_lookup_async (entry, NULL, on_done, &result);
  return dt_secrets_lookup_finish (wait_for (&result), NULL);
}

static DtImportResult *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "import", name, NULL);
  g_autoptr (GError) error = NULL;
  DtImportResult *result = dt_import_read_file (path, DT_IMPORT_FORMAT_AUTO, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static DtImportSummary *
apply (DtImportResult  *result,
       DtPhonebook     *phonebook,
       GError         **error)
{
  g_autoptr (GAsyncResult) done = NULL;

  dt_import_apply_async (result, phonebook, NULL, on_done, &done);
  return dt_import_apply_finish (wait_for (&done), error);
}

static void
test_passwords_to_keyring (void)
{
  g_autofree char *dir = g_build_filename (dt_test_keyring_get_dir (keyring), "stored", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (path);
  g_autoptr (DtImportResult) wvdial = read_fixture ("wvdial-hand.conf");
  g_autoptr (DtImportResult) kppp = read_fixture ("kppprc");
  g_autoptr (DtImportSummary) first = NULL, second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL, *isp = NULL, *shell = NULL, *example = NULL, *office = NULL;
  g_autofree char *text = NULL;

  g_assert_true (dt_phonebook_load (phonebook, &error));
  first = apply (wvdial, phonebook, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->passwords->len, ==, 3);
  g_assert_cmpuint (first->no_password->len, ==, 0);
  second = apply (kppp, phonebook, &error);
  g_assert_no_error (error);
  /* Only "Example ISP" stored its password in kppp. */
  g_assert_cmpuint (second->passwords->len, ==, 1);
  g_assert_cmpstr (second->passwords->pdata[0], ==, "Example ISP");
  text = dt_import_summary_format (second);
  g_assert_nonnull (strstr (text, "The password of “Example ISP” is in your keyring now, not in "
                                  "phonebook.ini. Dialtone never changes "));

  isp = keyring_password (dt_phonebook_lookup_by_name (phonebook, "isp"));
  shell = keyring_password (dt_phonebook_lookup_by_name (phonebook, "shell"));
  example = keyring_password (dt_phonebook_lookup_by_name (phonebook, "Example ISP"));
  office = keyring_password (dt_phonebook_lookup_by_name (phonebook, "Office"));
  g_assert_cmpstr (isp, ==, "wonderland");
  g_assert_cmpstr (shell, ==, "wonderland");
  g_assert_cmpstr (example, ==, "p4ss\\word");
  g_assert_null (office);
  g_assert_true (dt_entry_get_remember_password (dt_phonebook_lookup_by_name (phonebook, "isp")));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "wonderland"));
  g_assert_null (strstr (contents, "p4ss"));
}

/* The write fails: the stored passwords go again, and the phonebook is as it was. */
static void
test_failed_write_takes_passwords_back (void)
{
  g_autofree char *dir = g_build_filename (dt_test_keyring_get_dir (keyring), "readonly", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtPhonebook) phonebook = NULL;
  g_autoptr (DtImportResult) result = read_fixture ("wvdial-hand.conf");
  g_autoptr (DtImportSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *proposals = dt_import_result_get_proposals (result);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "[Phonebook]\nVersion=1\n", -1, NULL));
  phonebook = dt_phonebook_new (path);
  g_assert_true (dt_phonebook_load (phonebook, &error));
  dt_test_readonly_begin (dir);
  summary = apply (result, phonebook, &error);
  dt_test_readonly_end (dir);
  g_assert_null (summary);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (phonebook)), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);
      g_autofree char *password = keyring_password (dt_import_proposal_get_entry (p));

      g_assert_null (password);
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
  g_test_add_func ("/import/keyring/passwords", test_passwords_to_keyring);
  g_test_add_func ("/import/keyring/failed-write", test_failed_write_takes_passwords_back);
  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
