/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import from the outside: bad input (a 50 MB file, /dev/zero, a binary, UTF-16 without a
 * byte-order mark, a half-written file, a section of unknown keys, a folder) gives a clear
 * error or note with its line; applying is all or nothing and renames clashes ("Office
 * (2)"); with no keyring the passwords are nowhere, not in phonebook.ini; export to wvdial
 * and Windows reads back the same.  No session bus here: the keyring's own test is in the
 * integration suite (test-import-keyring). */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dt-export.h"
#include "dt-import-apply.h"
#include "dt-import-test.h"

static DtImportResult *
read_text (const char      *text,
           const char      *name,
           DtImportFormat   format,
           GError         **error)
{
  return dt_import_read_data ((const guint8 *) text, strlen (text), name, format, error);
}

/* Bad input ----------------------------------------------------------------------------- */

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wvdial.conf", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = NULL;
  g_autofree guint8 *big = g_malloc0 (DT_IMPORT_MAX_FILE_SIZE + 1);
  FILE *file = fopen (path, "w");

  /* 50 MB, sparse: refused from its size, without reading it. */
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 50 * 1000 * 1000), ==, 0);
  fclose (file);
  result = dt_import_read_file (path, DT_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "The file is 50.0\u00a0MB: no dial-up configuration is larger than 4 MB");
  g_clear_error (&error);

  /* A device that never ends is read no further than the limit. */
  result = dt_import_read_file ("/dev/zero", DT_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  memset (big, 'a', DT_IMPORT_MAX_FILE_SIZE + 1);
  result = dt_import_read_data (big, DT_IMPORT_MAX_FILE_SIZE + 1, NULL, DT_IMPORT_FORMAT_WVDIAL,
                                &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_TOO_LARGE);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_binary (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    dt_import_read_data (png, sizeof png, "picture.png", DT_IMPORT_FORMAT_AUTO, &error);

  g_assert_null (result);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_BINARY);
  g_assert_cmpstr (error->message, ==, "Line 2: byte 0x1a cannot be in a text file: this is "
                                       "not a configuration file");
}

static void
test_utf16_without_bom (void)
{
  const char *text = "[Dialer Defaults]\nPhone = 555-0100\n";
  g_autoptr (GError) error = NULL;
  gsize length;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &length, NULL);
  g_autoptr (DtImportResult) result =
    dt_import_read_data ((const guint8 *) utf16, length, "wvdial.conf", DT_IMPORT_FORMAT_AUTO,
                         &error);

  g_assert_null (result);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "UTF-16 text without a byte-order mark"));
}

static void
test_unknown_format (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    read_text ("Dear ISP,\nplease send me a new password.\n", "letter.txt",
               DT_IMPORT_FORMAT_AUTO, &error);

  g_assert_null (result);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  /* Told it is wvdial's: the reason is the missing dialer, with the first bad line. */
  result = read_text ("Dear ISP,\n", "letter.txt", DT_IMPORT_FORMAT_WVDIAL, &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING);
  g_assert_cmpstr (error->message, ==, "No dialer in this wvdial configuration: it has no "
                                       "[Dialer …] section (line 1: neither a [section] nor "
                                       "“key = value”: not read)");
  g_clear_error (&error);

  result = read_text ("", "empty", DT_IMPORT_FORMAT_AUTO, &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  result = read_text ("[General]\nNumberOfAccounts=0\n", "kppprc", DT_IMPORT_FORMAT_AUTO, &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING);
}

/* An empty file (a `touch`ed ~/.wvdialrc, /dev/null, a file of blank lines), read as a
 * user reads it: from disk, where GLib hands over no bytes at all.  "The file is empty",
 * not a crash. */
static void
test_empty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-import-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, ".wvdialrc", NULL);
  g_autofree char *blank = g_build_filename (dir, "rasphone.pbk", NULL);
  const char *paths[] = { empty, "/dev/null", blank };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (blank, "\xef\xbb\xbf \r\n\t\r\n", -1, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DtImportResult) result = dt_import_read_file (paths[i], DT_IMPORT_FORMAT_AUTO,
                                                               NULL, &error);

      g_assert_null (result);
      g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT);
      g_assert_cmpstr (error->message, ==, "The file is empty");
      g_clear_error (&error);
      /* Told the format, the same. */
      result = dt_import_read_file (paths[i], DT_IMPORT_FORMAT_WVDIAL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT);
    }
  g_unlink (empty);
  g_unlink (blank);
  g_rmdir (dir);
}

/* A file cut off while it was written: the dialer before the cut is read, the broken
 * header and what follows it are not, and the notes say where. */
static void
test_half_written (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    read_text ("[Dialer isp]\nPhone = 555-0100\nUserna\n[Dialer off\nPhone = 555-0199\n",
               "wvdial.conf", DT_IMPORT_FORMAT_AUTO, &error);
  GPtrArray *notes;
  DtImportProposal *p;

  g_assert_no_error (error);
  notes = dt_import_result_get_notes (result);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (dt_import_test_reason (notes, 3, NULL), ==,
                   "neither a [section] nor “key = value”: not read");
  g_assert_cmpstr (dt_import_test_reason (notes, 4, NULL), ==,
                   "a section name without its closing “]”: the lines up to the next section "
                   "are not read");
  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (result)), ==, 1);
  p = dt_import_test_proposal (result, "isp");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "555-0100");
}

/* A kppprc or rasphone.pbk cut off in the middle of its last value (their programs end
 * every line): the cut value is not taken for the whole one, and a note says where.  A
 * wvdial.conf, edited by hand, may end without a line end: its last line counts. */
static void
test_cut_value (void)
{
  const char *kppp = "[General]\nNumberOfAccounts=2\n\n[Account0]\nName=ISP\n"
                     "Phonenumber=5550100\n\n[Account1]\nName=Office\nPhonenumber=55";
  const char *pbk = "[Office]\r\nType=1\r\n\r\nMEDIA=serial\r\nPort=COM1\r\n\r\n"
                    "DEVICE=modem\r\nPhoneNumber=555";
  const char *cut = "the file ends in the middle of this line, as if it was cut off while it "
                    "was written: not read";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = read_text (kppp, "kppprc", DT_IMPORT_FORMAT_AUTO, &error);
  g_autofree char *problem = NULL;
  DtImportProposal *p;

  g_assert_no_error (error);
  g_assert_cmpstr (dt_import_test_reason (dt_import_result_get_notes (result), 10, NULL), ==,
                   cut);
  p = dt_import_test_proposal (result, "ISP");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "5550100");
  p = dt_import_test_proposal (result, "Office");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "");
  problem = dt_import_proposal_check (p);
  g_assert_cmpstr (problem, ==, "Enter the number to dial");
  g_clear_object (&result);
  g_clear_pointer (&problem, g_free);

  result = read_text (pbk, "rasphone.pbk", DT_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dt_import_test_reason (dt_import_result_get_notes (result), 8, NULL), ==, cut);
  p = dt_import_test_proposal (result, "Office");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "");
  g_clear_object (&result);

  /* The same file ended properly: nothing is cut. */
  {
    g_autofree char *whole = g_strconcat (pbk, "0100\r\n", NULL);

    result = read_text (whole, "rasphone.pbk", DT_IMPORT_FORMAT_AUTO, &error);
    g_assert_no_error (error);
    p = dt_import_test_proposal (result, "Office");
    g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "5550100");
    g_assert_cmpuint (((DtImportNote *) dt_import_result_get_notes (result)->pdata[0])->line,
                      ==, 0);
    g_assert_cmpuint (dt_import_result_get_notes (result)->len, ==, 1);
    g_clear_object (&result);
  }

  result = read_text ("[Dialer isp]\nPhone = 5550100", "wvdial.conf", DT_IMPORT_FORMAT_AUTO,
                      &error);
  g_assert_no_error (error);
  p = dt_import_test_proposal (result, "isp");
  g_assert_cmpstr (dt_entry_get_number (dt_import_proposal_get_entry (p)), ==, "5550100");
  g_assert_cmpuint (dt_import_result_get_notes (result)->len, ==, 0);
}

/* Keys before any group (the fuzzer's first find): a note, no crash. */
static void
test_keys_before_any_group (void)
{
  const char *formats[] = { "kppprc", "wvdial.conf", "x.pbk" };
  const char *texts[] = {
    "Name=stray\n[Account0]\nName=x\nPhonenumber=1\n",
    "Phone = 1\n[Dialer x]\nPhone = 2\n",
    "Type=1\r\n[x]\r\nMEDIA=serial\r\nDEVICE=modem\r\nPhoneNumber=3\r\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (DtImportResult) result = read_text (texts[i], formats[i], DT_IMPORT_FORMAT_AUTO,
                                                     &error);
      GPtrArray *notes;
      const DtImportNote *first = NULL;

      g_assert_no_error (error);
      notes = dt_import_result_get_notes (result);
      for (guint n = 0; n < notes->len && first == NULL; n++)
        if (((DtImportNote *) notes->pdata[n])->line == 1)
          first = notes->pdata[n];
      g_assert_nonnull (first);
      g_assert_nonnull (strstr (first->message, "before any ["));
      g_assert_cmpuint (dt_import_result_count_importable (result), ==, 1);
    }
}

static void
test_only_unknown_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result =
    read_text ("[Dialer odd]\nFrobnicate = 1\nQuux = 2\n", "wvdial.conf", DT_IMPORT_FORMAT_AUTO,
               &error);
  DtImportProposal *p;
  g_autofree char *unmapped = NULL;
  g_autofree char *problem = NULL;

  g_assert_no_error (error);
  p = dt_import_test_proposal (result, "odd");
  unmapped = dt_import_test_notes (dt_import_proposal_get_unmapped (p));
  g_assert_cmpstr (unmapped, ==, "2 Frobnicate, 3 Quux");
  g_assert_cmpstr (dt_import_test_reason (dt_import_proposal_get_unmapped (p), 2, "Frobnicate"),
                   ==, "not imported: wvdial does not know this key either");
  problem = dt_import_proposal_check (p);
  g_assert_cmpstr (problem, ==, "Enter the number to dial");
}

static void
test_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialtone-import-XXXXXX", NULL);
  g_autoptr (DtImportResult) result = dt_import_read_file (dir, DT_IMPORT_FORMAT_AUTO, NULL,
                                                           &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_rmdir (dir);
}

/* Applying ------------------------------------------------------------------------------ */

typedef struct {
  char *dir;
  char *path;
  DtPhonebook *phonebook;
} Book;

static void
book_open (Book *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtEntry) isp = dt_entry_new ();

  b->dir = g_dir_make_tmp ("dialtone-import-XXXXXX", NULL);
  b->path = g_build_filename (b->dir, "phonebook.ini", NULL);
  b->phonebook = dt_phonebook_new (b->path);
  g_assert_true (dt_phonebook_load (b->phonebook, &error));
  /* An entry that clashes with the file's first dialer. */
  dt_entry_set_name (isp, "isp");
  dt_entry_set_number (isp, "555-0999");
  g_assert_true (dt_phonebook_commit (b->phonebook, isp, &error));
  g_assert_no_error (error);
}

static void
book_close (Book *b)
{
  g_clear_object (&b->phonebook);
  g_unlink (b->path);
  g_rmdir (b->dir);
  g_free (b->path);
  g_free (b->dir);
}

static void
on_applied (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static DtImportSummary *
apply (DtImportResult  *result,
       DtPhonebook     *phonebook,
       GError         **error)
{
  g_autoptr (GAsyncResult) done = NULL;

  dt_import_apply_async (result, phonebook, NULL, on_applied, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  return dt_import_apply_finish (done, error);
}

static char *
joined (GPtrArray *list)
{
  return g_strjoinv ("|", (char **) list->pdata);
}

static void
test_apply_without_keyring (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("wvdial-hand.conf",
                                                           DT_IMPORT_FORMAT_AUTO);
  g_autoptr (DtImportSummary) summary = NULL;
  g_autoptr (DtPhonebook) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *names = NULL, *renamed = NULL, *failed = NULL, *text = NULL;
  g_autofree char *contents = NULL, *expected = NULL;
  g_autofree char *path = dt_import_test_path ("wvdial-hand.conf");
  Book b = { 0 };
  DtEntry *shell;

  book_open (&b);
  summary = apply (result, b.phonebook, &error);
  g_assert_no_error (error);
  names = joined (summary->names);
  renamed = joined (summary->renamed);
  failed = joined (summary->no_password);
  g_assert_cmpstr (names, ==, "isp (2)|isp-night|shell");
  g_assert_cmpstr (renamed, ==, "isp|isp (2)");
  g_assert_cmpuint (summary->passwords->len, ==, 0);
  g_assert_cmpstr (failed, ==, "isp (2)|isp-night|shell");
  g_assert_cmpstr (summary->keyring_error, ==,
                   "No keyring is available, so Dialtone cannot remember passwords");
  text = dt_import_summary_format (summary);
  expected = g_strdup_printf (
                   "Imported 3 entries from %s: “isp (2)”, “isp-night”, “shell”.\n"
                   "The phonebook already had “isp”: the new entry is called “isp (2)”.\n"
                   "The passwords of “isp (2)”, “isp-night”, “shell” could not go to the keyring "
                   "(No keyring is available, so Dialtone cannot remember passwords): type them "
                   "when you connect. They were not written anywhere else.\n", path);
  g_assert_cmpstr (text, ==, expected);

  /* In one save: another phonebook reads the four entries from the file, and the file
   * never saw the password. */
  g_assert_true (g_file_get_contents (b.path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "wonderland"));
  again = dt_phonebook_new (b.path);
  g_assert_true (dt_phonebook_load (again, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 4);
  g_assert_cmpstr (dt_entry_get_number (dt_phonebook_lookup_by_name (again, "isp")), ==,
                   "555-0999");
  g_assert_cmpstr (dt_entry_get_number (dt_phonebook_lookup_by_name (again, "isp (2)")), ==,
                   "555-0100");
  shell = dt_phonebook_lookup_by_name (again, "shell");
  g_assert_cmpstr (dt_entry_get_login_script (shell), ==,
                   "expect \"login:\"\nsend \"$USER\"\nexpect \"Password:\"\nsend \"$PASSWORD\"\n");
  g_assert_false (dt_entry_get_remember_password (shell));
  g_assert_true (dt_entry_get_prompt_credentials (shell));
  g_clear_object (&again);
  book_close (&b);
}

/* One proposal that cannot be saved (the variant has no number) stops the whole import:
 * the phonebook and its file stay as they were. */
static void
test_apply_all_or_nothing (void)
{
  g_autoptr (DtImportResult) result = dt_import_test_read ("wvdial-hand.conf",
                                                           DT_IMPORT_FORMAT_AUTO);
  g_autoptr (DtImportSummary) summary = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  Book b = { 0 };

  book_open (&b);
  g_assert_true (g_file_get_contents (b.path, &before, NULL, NULL));
  dt_import_proposal_set_selected (dt_import_test_proposal (result, "wvdial pulse"), TRUE);
  summary = apply (result, b.phonebook, &error);
  g_assert_null (summary);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "“wvdial pulse” (line 39): Enter the number to dial");
  g_assert_true (g_file_get_contents (b.path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b.phonebook)), ==, 1);
  g_clear_error (&error);

  /* Nothing chosen: nothing to do, and said so. */
  for (guint i = 0; i < g_list_model_get_n_items (dt_import_result_get_proposals (result)); i++)
    {
      g_autoptr (DtImportProposal) p =
        g_list_model_get_item (dt_import_result_get_proposals (result), i);

      dt_import_proposal_set_selected (p, FALSE);
    }
  summary = apply (result, b.phonebook, &error);
  g_assert_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING);
  book_close (&b);
}

static void
test_names (void)
{
  const char *text = "[Account0]\nName=Office\nPhonenumber=1\n[Account1]\nName=Office\n"
                     "Phonenumber=2\n[Account2]\nName=office\nPhonenumber=3\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = read_text (text, "kppprc", DT_IMPORT_FORMAT_AUTO, &error);
  g_autoptr (DtEntry) office = dt_entry_new ();
  Book b = { 0 };
  DtPhonebook *phonebook;
  GListModel *proposals = dt_import_result_get_proposals (result);
  const char *expected[] = { "Office (2)", "Office (3)", "office (4)" };

  g_assert_no_error (error);
  book_open (&b);
  phonebook = b.phonebook;
  dt_entry_set_name (office, "Office");
  dt_entry_set_number (office, "4");
  g_assert_true (dt_phonebook_commit (phonebook, office, &error));
  dt_import_result_assign_names (result, phonebook);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);

      g_assert_cmpstr (dt_import_proposal_get_import_name (p), ==, expected[i]);
    }
  /* Unchecking one gives the name back to the next. */
  {
    g_autoptr (DtImportProposal) first = g_list_model_get_item (proposals, 0);
    g_autoptr (DtImportProposal) second = g_list_model_get_item (proposals, 1);

    dt_import_proposal_set_selected (first, FALSE);
    dt_import_result_assign_names (result, phonebook);
    g_assert_cmpstr (dt_import_proposal_get_import_name (second), ==, "Office (2)");
  }
  book_close (&b);
}

/* Export -------------------------------------------------------------------------------- */

static DtEntry *
sample_entry (void)
{
  DtEntry *e = dt_entry_new ();
  const char *alternates[] = { "555-0101", "555-0102", NULL };
  const char *dns[] = { "192.0.2.53", NULL };

  dt_entry_set_name (e, "Office");
  dt_entry_set_device (e, "/dev/ttyUSB0");
  dt_entry_set_speed (e, 57600);
  dt_entry_set_number (e, "555-0100");
  dt_entry_set_alternates (e, alternates);
  dt_entry_set_dial_prefix (e, "9,");
  dt_entry_set_dial_mode (e, DT_DIAL_MODE_PULSE);
  dt_entry_set_user (e, "bob");
  dt_entry_set_redial_attempts (e, 4);
  dt_entry_set_redial_interval (e, 20);
  dt_entry_set_idle_disconnect (e, 300);
  dt_entry_set_dial_timeout (e, 45);
  dt_entry_set_ip_mode (e, DT_IP_MODE_STATIC);
  dt_entry_set_static_address (e, "192.0.2.20");
  dt_entry_set_dns_mode (e, DT_DNS_MODE_MANUAL);
  dt_entry_set_dns_servers (e, dns);
  dt_entry_set_login_script (e, "expect \"Username:\"\nsend \"$USER\"\nexpect \"Password:\"\n"
                                "send \"$PASSWORD\"\n");
  return e;
}

static DtImportProposal *
export_and_read (DtEntry        *entry,
                 DtImportFormat  format,
                 char          **text,
                 GPtrArray      *notes)
{
  g_autoptr (GBytes) bytes = dt_export_entry (entry, format, notes);
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  DtImportProposal *p;

  *text = g_strndup ((const char *) data, length);
  result = dt_import_read_data (data, length, NULL, DT_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_import_result_get_format (result), ==, format);
  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (result)), ==, 1);
  p = g_list_model_get_item (dt_import_result_get_proposals (result), 0);
  g_assert_cmpint (dt_import_proposal_get_kind (p), ==, DT_IMPORT_KIND_ENTRY);
  return p;
}

static void
test_export_wvdial (void)
{
  g_autoptr (DtEntry) entry = sample_entry ();
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL, *problem = NULL;
  g_autoptr (DtImportProposal) p = export_and_read (entry, DT_IMPORT_FORMAT_WVDIAL, &text, notes);
  DtEntry *e = dt_import_proposal_get_entry (p);
  g_autofree char *alternates = dt_import_test_strv (dt_entry_get_alternates (e));

  /* Never a password: a line for the user to fill in, which wvdial reads as a comment. */
  g_assert_nonnull (strstr (text, "\nAsk Password = 1\n"));
  g_assert_null (dt_import_proposal_get_password (p));
  g_assert_nonnull (strstr (text, "[Dialer Office]\n"));
  problem = dt_import_proposal_check (p);
  g_assert_null (problem);
  g_assert_cmpstr (dt_entry_get_name (e), ==, "Office");
  g_assert_cmpstr (dt_entry_get_device (e), ==, "/dev/ttyUSB0");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 57600);
  g_assert_cmpstr (dt_entry_get_number (e), ==, "555-0100");
  g_assert_cmpstr (alternates, ==, "555-0101|555-0102");
  g_assert_cmpstr (dt_entry_get_dial_prefix (e), ==, "9,");
  g_assert_cmpint (dt_entry_get_dial_mode (e), ==, DT_DIAL_MODE_PULSE);
  g_assert_cmpstr (dt_entry_get_user (e), ==, "bob");
  g_assert_cmpuint (dt_entry_get_redial_attempts (e), ==, 4);
  g_assert_cmpuint (dt_entry_get_idle_disconnect (e), ==, 300);
  g_assert_cmpuint (dt_entry_get_dial_timeout (e), ==, 45);
  g_assert_cmpstr (dt_entry_get_static_address (e), ==, "192.0.2.20");
  g_assert_cmpstr (dt_entry_get_login_script (e), ==, dt_entry_get_login_script (entry));
  g_assert_true (dt_entry_get_prompt_credentials (e));
  /* What wvdial cannot say is said. */
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (notes->pdata[0], ==, "wvdial cannot set the entry's own DNS servers: put them "
                                        "in /etc/resolv.conf.");
}

static void
test_export_pbk (void)
{
  g_autoptr (DtEntry) entry = sample_entry ();
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autoptr (DtImportProposal) p = NULL;
  g_autofree char *alternates = NULL, *dns = NULL;
  DtEntry *e;

  dt_entry_set_area_code (entry, "425");
  dt_entry_set_country_code (entry, 1);
  dt_entry_set_use_dialing_rules (entry, TRUE);
  dt_entry_set_show_terminal (entry, TRUE);
  p = export_and_read (entry, DT_IMPORT_FORMAT_PBK, &text, notes);
  e = dt_import_proposal_get_entry (p);
  alternates = dt_import_test_strv (dt_entry_get_alternates (e));
  dns = dt_import_test_strv (dt_entry_get_dns_servers (e));

  /* As Windows XP writes it: CRLF, UTF-8 said so. */
  g_assert_true (g_str_has_prefix (text, "[Office]\r\nEncoding=1\r\nType=1\r\n"));
  g_assert_null (strstr (text, "\n\n"));
  g_assert_cmpstr (dt_entry_get_name (e), ==, "Office");
  /* Windows has no dial prefix of an entry: it goes before each number. */
  g_assert_cmpstr (dt_entry_get_number (e), ==, "9,555-0100");
  g_assert_cmpstr (alternates, ==, "9,555-0101|9,555-0102");
  g_assert_cmpstr (dt_entry_get_area_code (e), ==, "425");
  g_assert_cmpuint (dt_entry_get_country_code (e), ==, 1);
  g_assert_true (dt_entry_get_use_dialing_rules (e));
  g_assert_cmpstr (dt_entry_get_user (e), ==, "bob");
  g_assert_cmpuint (dt_entry_get_speed (e), ==, 57600);
  g_assert_cmpuint (dt_entry_get_redial_attempts (e), ==, 4);
  g_assert_cmpuint (dt_entry_get_redial_interval (e), ==, 20);
  g_assert_cmpuint (dt_entry_get_idle_disconnect (e), ==, 300);
  g_assert_cmpstr (dt_entry_get_static_address (e), ==, "192.0.2.20");
  g_assert_cmpstr (dns, ==, "192.0.2.53");
  g_assert_true (dt_entry_get_show_terminal (e));
  g_assert_cmpuint (dt_entry_get_auth_methods (e), ==, DT_AUTH_ALL);
  /* The port, and the login script, are Windows' own business. */
  g_assert_true (dt_import_proposal_needs_device (p));
  g_assert_cmpuint (notes->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-nobus-XXXXXX", NULL);
  g_autofree char *nowhere = g_strdup_printf ("unix:path=%s/no-bus-here", dir);

  setlocale (LC_ALL, "C.UTF-8");
  /* No keyring: passwords have nowhere to go. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", nowhere, TRUE);
  g_unsetenv ("DISPLAY");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/bad/too-large", test_too_large);
  g_test_add_func ("/import/bad/binary", test_binary);
  g_test_add_func ("/import/bad/utf16-without-bom", test_utf16_without_bom);
  g_test_add_func ("/import/bad/unknown-format", test_unknown_format);
  g_test_add_func ("/import/bad/empty", test_empty);
  g_test_add_func ("/import/bad/half-written", test_half_written);
  g_test_add_func ("/import/bad/cut-value", test_cut_value);
  g_test_add_func ("/import/bad/keys-before-any-group", test_keys_before_any_group);
  g_test_add_func ("/import/bad/only-unknown-keys", test_only_unknown_keys);
  g_test_add_func ("/import/bad/folder", test_folder);
  g_test_add_func ("/import/apply/without-keyring", test_apply_without_keyring);
  g_test_add_func ("/import/apply/all-or-nothing", test_apply_all_or_nothing);
  g_test_add_func ("/import/apply/names", test_names);
  g_test_add_func ("/import/export/wvdial", test_export_wvdial);
  g_test_add_func ("/import/export/pbk", test_export_pbk);
  return g_test_run ();
}
