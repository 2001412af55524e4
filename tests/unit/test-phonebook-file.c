/* SPDX-License-Identifier: GPL-3.0-or-later */
/* phonebook.ini under bad conditions: a corrupt, empty, binary or 100 MB file, or one with
 * more entries than a phonebook takes, is moved aside byte for byte and reported with its
 * line; as many entries as it takes load whole, in order, as one change to the list; a save
 * killed with SIGKILL leaves the old file or the new one, never a mix; a read-only folder
 * refuses the save and leaves the entry as it was; edits made by another program are picked
 * up, and our own writes are not mistaken for them. */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dt-phonebook.h"
#include "dt-test-readonly.h"

#define WAIT_LIMIT_S 20

typedef struct {
  char *dir;
  char *path;
  DtPhonebook *book;
  /* What file-moved-aside reported. */
  guint n_moved;
  char *moved_to;
  guint line;
  char *message;
} Fixture;

static void
on_file_moved_aside (DtPhonebook *book,
                     const char  *moved_to,
                     guint        line,
                     const char  *message,
                     Fixture     *fx)
{
  fx->n_moved++;
  g_free (fx->moved_to);
  fx->moved_to = g_strdup (moved_to);
  fx->line = line;
  g_free (fx->message);
  fx->message = g_strdup (message);
  g_test_message ("moved aside to %s, line %u: %s", moved_to, line, message);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("dialtone-phonebook-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "phonebook.ini", NULL);
  fx->book = dt_phonebook_new (fx->path);
  g_signal_connect (fx->book, "file-moved-aside", G_CALLBACK (on_file_moved_aside), fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fx->book);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fx->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
  g_free (fx->moved_to);
  g_free (fx->message);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

typedef gboolean (*Condition) (Fixture *fx);

/* Runs the main loop until @condition holds; a hang fails the test instead of blocking. */
static void
wait_until (Fixture   *fx,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (!condition (fx))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Lets pending sources run for @ms. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static const char good_file[] =
  "[Phonebook]\n"
  "Version=1\n"
  "\n"
  "[Entry 6f2c1d9e-0b7a-4c1e-9a53-2f1f8d0c7a11]\n"
  "Name=Work\n"
  "Number=555-0100\n"
  "\n"
  "[Entry 0d9b8f5e-3c2a-4e7b-8b61-9a0f2e4d6c22]\n"
  "Name=Home\n"
  "Number=555-0200\n";

static void
assert_moved_intact (Fixture    *fx,
                     GBytes     *original)
{
  g_autoptr (GBytes) kept = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = g_strconcat (fx->path, ".bad-", NULL);

  g_assert_cmpuint (fx->n_moved, ==, 1);
  g_assert_nonnull (fx->moved_to);
  g_assert_true (g_str_has_prefix (fx->moved_to, prefix));
  base = g_path_get_basename (fx->moved_to);
  /* phonebook.ini.bad-YYYYMMDD-HHMMSS */
  g_assert_cmpuint (strlen (base), ==, strlen ("phonebook.ini.bad-") + 15);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  kept = read_bytes (fx->moved_to);
  g_assert_true (g_bytes_equal (kept, original));
}

static void
test_corrupt_line (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *text = g_strconcat (good_file, "this line is not a key\nName=x\n", NULL);
  g_autoptr (GBytes) original = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;

  write_bytes (fx->path, text, -1);
  /* Usable: the file is kept aside and the phonebook starts empty. */
  g_assert_true (dt_phonebook_load (fx->book, &error));
  g_assert_no_error (error);
  assert_moved_intact (fx, original);
  g_assert_cmpuint (fx->line, ==, 11);
  g_assert_nonnull (strstr (fx->message, "this line is not a key"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, 0);

  /* Nothing is written in the bad file's place until there is something to write. */
  spin (700);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_first_line (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr (GBytes) original = g_bytes_new_static ("Name=Work\n[Phonebook]\n", 22);

  write_bytes (fx->path, g_bytes_get_data (original, NULL), 22);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  assert_moved_intact (fx, original);
  g_assert_cmpuint (fx->line, ==, 1);
}

static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr (GBytes) original = g_bytes_new_static ("", 0);

  write_bytes (fx->path, "", 0);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  assert_moved_intact (fx, original);
  g_assert_cmpuint (fx->line, ==, 0);
  g_assert_cmpstr (fx->message, ==, "the file is empty");
}

static void
test_bad_version (Fixture       *fx,
                  gconstpointer  data)
{
  const char *text = "[Phonebook]\nVersion=one\n";
  g_autoptr (GBytes) original = g_bytes_new_static (text, strlen (text));

  write_bytes (fx->path, text, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  assert_moved_intact (fx, original);
  g_assert_cmpstr (fx->message, ==, "the [Phonebook] group has no valid Version");
}

static void
test_binary (Fixture       *fx,
             gconstpointer  data)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr (GBytes) original = NULL;
  const char *head = "[Phonebook]\nVersion=1\n\n";

  g_byte_array_append (bytes, (const guint8 *) head, strlen (head));
  for (guint i = 0; i < 4096; i++)
    {
      guint8 b = g_test_rand_int_range (0, 256);

      g_byte_array_append (bytes, &b, 1);
    }
  /* Make sure line 4 is not text, whatever the random bytes are. */
  bytes->data[strlen (head)] = 0xff;
  original = g_byte_array_free_to_bytes (bytes);

  write_bytes (fx->path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  assert_moved_intact (fx, original);
  g_assert_cmpuint (fx->line, ==, 4);
  g_assert_cmpstr (fx->message, ==, "the file is not text");
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
test_huge (Fixture       *fx,
           gconstpointer  data)
{
  const goffset size = 100 * 1024 * 1024;
  glong rss_before;
  struct stat st;
  FILE *file;

  /* A valid beginning, then 100 MB of (sparse) zeros. */
  file = fopen (fx->path, "w");
  g_assert_nonnull (file);
  fputs (good_file, file);
  g_assert_cmpint (ftruncate (fileno (file), size), ==, 0);
  fclose (file);

  rss_before = peak_rss_kib ();
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  /* Refused without being read into memory. */
  g_assert_cmpint (peak_rss_kib () - rss_before, <, 50 * 1024);

  g_assert_cmpuint (fx->n_moved, ==, 1);
  g_assert_cmpuint (fx->line, ==, 0);
  g_assert_cmpstr (fx->message, ==, "the file is larger than 4 MiB");
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (fx->moved_to, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, size);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, 0);
}

static void
test_second_bad_file_keeps_first (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr (DtPhonebook) second = dt_phonebook_new (fx->path);
  g_autofree char *first_moved = NULL;
  g_autoptr (GBytes) kept = NULL;

  write_bytes (fx->path, "first garbage\n", -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  first_moved = g_strdup (fx->moved_to);

  /* Within the same second: the second bad file gets its own name. */
  g_signal_connect (second, "file-moved-aside", G_CALLBACK (on_file_moved_aside), fx);
  write_bytes (fx->path, "second garbage\n", -1);
  g_assert_true (dt_phonebook_load (second, NULL));
  g_assert_cmpuint (fx->n_moved, ==, 2);
  g_assert_cmpstr (fx->moved_to, !=, first_moved);

  kept = read_bytes (first_moved);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "first garbage\n", 14);
}

static gboolean
moved_once (Fixture *fx)
{
  return fx->n_moved == 1;
}

static gboolean
path_exists (Fixture *fx)
{
  return g_file_test (fx->path, G_FILE_TEST_EXISTS);
}

static void
test_reload_corrupt_keeps_entries (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr (DtPhonebook) check = NULL;
  g_autoptr (GBytes) garbage = g_bytes_new_static ("[Phonebook\n", 11);

  write_bytes (fx->path, good_file, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, 2);

  /* Another program breaks the file while the app runs. */
  write_bytes (fx->path, "[Phonebook\n", 11);
  wait_until (fx, moved_once);
  g_assert_cmpuint (fx->line, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, 2);
  {
    g_autoptr (GBytes) kept = read_bytes (fx->moved_to);

    g_assert_true (g_bytes_equal (kept, garbage));
  }

  /* No entry is lost: they are written back under the usual name. */
  wait_until (fx, path_exists);
  spin (200);
  check = dt_phonebook_new (fx->path);
  g_assert_true (dt_phonebook_load (check, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 2);
  g_assert_nonnull (dt_phonebook_lookup_by_name (check, "Work"));
  g_assert_nonnull (dt_phonebook_lookup_by_name (check, "Home"));
}

static void
test_unreadable (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* Something that is not a file where the phonebook should be. */
  g_assert_cmpint (g_mkdir (fx->path, 0700), ==, 0);
  g_assert_false (dt_phonebook_load (fx->book, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpuint (fx->n_moved, ==, 0);
  g_clear_error (&error);

  g_assert_false (dt_phonebook_save (fx->book, &error));
  g_assert_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_UNREADABLE);
  g_assert_true (g_file_test (fx->path, G_FILE_TEST_IS_DIR));
  g_rmdir (fx->path);
}

static void
test_read_only_dir (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtEntry) edited = NULL;
  g_autoptr (DtEntry) added = dt_entry_new ();
  DtEntry *work;

  write_bytes (fx->path, good_file, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  before = read_bytes (fx->path);
  work = dt_phonebook_lookup_by_name (fx->book, "Work");
  edited = dt_entry_copy (work);
  dt_entry_set_number (edited, "555-0199");
  dt_entry_set_name (added, "Office");
  dt_entry_set_number (added, "555-0300");

  dt_test_readonly_begin (fx->dir);
  g_assert_false (dt_phonebook_commit (fx->book, edited, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_true (g_str_has_prefix (error->message, "no permission to write in "));
  g_assert_nonnull (strstr (error->message, fx->dir));
  g_clear_error (&error);
  g_assert_false (dt_phonebook_commit (fx->book, added, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  dt_test_readonly_end (fx->dir);

  /* The list shows what the file has: the old number, no new entry. */
  g_assert_cmpstr (dt_entry_get_number (work), ==, "555-0100");
  g_assert_null (dt_phonebook_lookup_by_name (fx->book, "Office"));
  after = read_bytes (fx->path);
  g_assert_true (g_bytes_equal (before, after));

  /* The same edit, tried again once the folder is writable, goes through. */
  g_clear_error (&error);
  g_assert_true (dt_phonebook_commit (fx->book, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dt_entry_get_number (work), ==, "555-0199");
  g_assert_true (dt_phonebook_commit (fx->book, added, &error));
  g_assert_nonnull (dt_phonebook_lookup_by_name (fx->book, "Office"));
}

static void
on_save_failed (DtPhonebook *book,
                GError      *error,
                GError     **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_debounced_save (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) failure = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autofree char *text = NULL;
  DtEntry *home;

  write_bytes (fx->path, good_file, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  g_signal_connect (fx->book, "save-failed", G_CALLBACK (on_save_failed), &failure);
  home = dt_phonebook_lookup_by_name (fx->book, "Home");

  /* A change in a read-only folder: reported through save-failed, kept in memory. */
  dt_test_readonly_begin (fx->dir);
  dt_entry_set_redial_attempts (home, 9);
  spin (800);
  dt_test_readonly_end (fx->dir);
  g_assert_error (failure, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_cmpuint (dt_entry_get_redial_attempts (home), ==, 9);

  /* The next change saves both. */
  dt_entry_set_dial_timeout (home, 45);
  before = read_bytes (fx->path);
  g_assert_null (strstr (g_bytes_get_data (before, NULL), "DialTimeout=45"));
  spin (800);
  g_file_get_contents (fx->path, &text, NULL, NULL);
  g_assert_nonnull (strstr (text, "DialTimeout=45\n"));
  g_assert_nonnull (strstr (text, "RedialAttempts=9\n"));
}

static gboolean
has_three_entries (Fixture *fx)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fx->book)) == 3;
}

static void
test_external_edit (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *edited = NULL;
  DtEntry *work;

  write_bytes (fx->path, good_file, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  work = dt_phonebook_lookup_by_name (fx->book, "Work");

  /* dialtone-cli or a text editor changes a number and adds an entry. */
  edited = g_strconcat (good_file,
                        "\n[Entry 3a1e7c44-5d6b-4f80-9c2d-1b0e9f8a7d33]\n"
                        "Name=Backup\nNumber=555-0300\n", NULL);
  memcpy (strstr (edited, "555-0100"), "555-0111", 8);
  write_bytes (fx->path, edited, -1);

  wait_until (fx, has_three_entries);
  g_assert_nonnull (dt_phonebook_lookup_by_name (fx->book, "Backup"));
  /* The same object, updated in place: the list keeps its row. */
  g_assert_true (dt_phonebook_lookup_by_name (fx->book, "Work") == work);
  g_assert_cmpstr (dt_entry_get_number (work), ==, "555-0111");
  g_assert_cmpuint (fx->n_moved, ==, 0);
}

static void
test_own_write_not_reloaded (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  DtEntry *work;

  write_bytes (fx->path, good_file, -1);
  g_assert_true (dt_phonebook_load (fx->book, NULL));
  work = dt_phonebook_lookup_by_name (fx->book, "Work");

  dt_entry_set_number (work, "555-0122");
  g_assert_true (dt_phonebook_save (fx->book, &error));
  /* Changed again before the monitor reports the write above: had that write been taken
   * for an external edit, this newer number would be reverted. */
  dt_entry_set_number (work, "555-0133");
  spin (400);
  g_assert_cmpstr (dt_entry_get_number (work), ==, "555-0133");
  g_assert_true (dt_phonebook_flush (fx->book, &error));
  spin (400);
  g_assert_cmpstr (dt_entry_get_number (work), ==, "555-0133");
}

/* A file of @n entries "ISP 00000" …, written in shuffled order, with a number and a user
 * name each. */
static GString *
many_entries (guint n)
{
  GString *text = g_string_new ("[Phonebook]\nVersion=1\n");
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_test_rand_int_range (0, i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "\n[Entry id-%u]\nName=ISP %05u\nNumber=555-%04u\n"
                            "User=user%u\n", order[i], order[i], order[i] % 10000, order[i]);
  return text;
}

typedef struct {
  guint n_signals;
  guint position, removed, added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static gboolean
isp_00000_renamed (Fixture *fx)
{
  DtEntry *entry = dt_phonebook_lookup (fx->book, "id-0");

  return entry != NULL && g_str_equal (dt_entry_get_name (entry), "ZZZ");
}

/* As many entries as a phonebook takes load whole, in order, and the list hears of them
 * once (a row at a time was minutes of work for a file of 80,000); an external edit that
 * renames one, drops one and adds one is again one change, and the other entries stay
 * the same objects. */
static void
test_many_entries (Fixture       *fx,
                   gconstpointer  data)
{
  const guint n = DT_PHONEBOOK_MAX_ENTRIES;
  g_autoptr (GString) text = many_entries (n);
  Changes changes = { 0 };
  g_autoptr (DtEntry) kept = NULL;
  DtEntry *sample;
  char *at;

  write_bytes (fx->path, text->str, text->len);
  g_signal_connect (fx->book, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (dt_phonebook_load (fx->book, NULL));

  g_assert_cmpuint (fx->n_moved, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, n);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (fx->book), i);
      g_autofree char *name = g_strdup_printf ("ISP %05u", i);

      g_assert_cmpstr (dt_entry_get_name (entry), ==, name);
    }
  sample = dt_phonebook_lookup (fx->book, "id-4321");
  g_assert_nonnull (sample);
  g_assert_cmpstr (dt_entry_get_name (sample), ==, "ISP 04321");
  g_assert_cmpstr (dt_entry_get_number (sample), ==, "555-4321");
  g_assert_cmpstr (dt_entry_get_user (sample), ==, "user4321");
  g_assert_true (dt_phonebook_lookup_by_name (fx->book, "isp 04321") == sample);
  kept = g_object_ref (sample);

  /* Another program renames the first entry to sort last, drops "ISP 00001" and adds one. */
  at = strstr (text->str, "Name=ISP 00000\n");
  g_string_erase (text, at - text->str, strlen ("Name=ISP 00000"));
  g_string_insert (text, at - text->str, "Name=ZZZ");
  at = strstr (text->str, "[Entry id-1]\n");
  memcpy (at, "[Gone  id-1]", strlen ("[Gone  id-1]"));
  g_string_append (text, "\n[Entry id-new]\nName=ISP 00001a\n");
  changes.n_signals = 0;
  write_bytes (fx->path, text->str, text->len);
  wait_until (fx, isp_00000_renamed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, n);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, n);
  g_assert_cmpuint (changes.added, ==, n);
  g_assert_true (dt_phonebook_lookup (fx->book, "id-4321") == kept);
  g_assert_null (dt_phonebook_lookup (fx->book, "id-1"));
  {
    g_autoptr (DtEntry) first = g_list_model_get_item (G_LIST_MODEL (fx->book), 0);
    g_autoptr (DtEntry) last = g_list_model_get_item (G_LIST_MODEL (fx->book), n - 1);

    g_assert_cmpstr (dt_entry_get_name (first), ==, "ISP 00001a");
    g_assert_cmpstr (dt_entry_get_name (last), ==, "ZZZ");
  }
  g_assert_cmpuint (fx->n_moved, ==, 0);
}

/* One entry more than a phonebook takes: the file is moved aside byte for byte and the
 * reason reported, as for a file over the size cap. */
static void
test_too_many_entries (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr (GString) text = many_entries (DT_PHONEBOOK_MAX_ENTRIES + 1);
  g_autoptr (GBytes) kept = NULL;
  g_autofree char *expected = g_strdup_printf ("the file has more than %u entries",
                                               DT_PHONEBOOK_MAX_ENTRIES);

  write_bytes (fx->path, text->str, text->len);
  g_assert_true (dt_phonebook_load (fx->book, NULL));

  g_assert_cmpuint (fx->n_moved, ==, 1);
  g_assert_cmpuint (fx->line, ==, 0);
  g_assert_cmpstr (fx->message, ==, expected);
  g_assert_false (g_file_test (fx->path, G_FILE_TEST_EXISTS));
  kept = read_bytes (fx->moved_to);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), text->str, text->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx->book)), ==, 0);
}

/* The kill -9 test: a child process saves two versions of a 300-entry phonebook in turn. */
#define N_BULK 300

static void
fill_bulk (DtPhonebook *book)
{
  for (guint i = 0; i < N_BULK; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *name = g_strdup_printf ("ISP %03u", i);
      g_autoptr (DtEntry) entry = dt_entry_new_with_uuid (uuid);

      dt_entry_set_name (entry, name);
      dt_entry_set_number (entry, "555-0100");
      dt_phonebook_add (book, entry);
    }
}

static void
set_bulk_numbers (DtPhonebook *book,
                  const char  *number)
{
  for (guint i = 0; i < N_BULK; i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (book), i);

      dt_entry_set_number (entry, number);
    }
}

static G_GNUC_NORETURN void
save_loop (const char *path)
{
  g_autoptr (DtPhonebook) book = dt_phonebook_new (path);

  g_assert_true (dt_phonebook_load (book, NULL));
  for (guint generation = 1; ; generation++)
    {
      set_bulk_numbers (book, generation % 2 ? "555-0199" : "555-0100");
      g_assert_true (dt_phonebook_save (book, NULL));
    }
}

static void
test_kill_during_save (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *path_b = g_strconcat (fx->path, ".b", NULL);
  g_autoptr (GBytes) version_a = NULL;
  g_autoptr (GBytes) version_b = NULL;
  guint n_interrupted = 0;

  /* The two versions the child alternates between, made the way the child makes them. */
  fill_bulk (fx->book);
  g_assert_true (dt_phonebook_save (fx->book, NULL));
  version_a = read_bytes (fx->path);
  {
    g_autoptr (DtPhonebook) b = dt_phonebook_new (path_b);

    write_bytes (path_b, g_bytes_get_data (version_a, NULL), g_bytes_get_size (version_a));
    g_assert_true (dt_phonebook_load (b, NULL));
    set_bulk_numbers (b, "555-0199");
    g_assert_true (dt_phonebook_save (b, NULL));
    version_b = read_bytes (path_b);
  }
  g_unlink (path_b);
  g_assert_false (g_bytes_equal (version_a, version_b));

  for (guint round = 0; round < 12; round++)
    {
      const char *argv[] = { self_exe, "--save-loop", fx->path, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) now = NULL;
      g_autoptr (GDir) dir = NULL;
      const char *name;
      gint64 deadline;
      GPid pid;
      int status;

      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                     &pid, &error);
      g_assert_no_error (error);

      /* Wait for the child to be saving, then kill it at a random moment. */
      deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;
      for (;;)
        {
          g_autoptr (GBytes) seen = read_bytes (fx->path);

          if (g_bytes_equal (seen, version_b))
            break;
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (500);
        }
      g_usleep (g_test_rand_int_range (0, 30000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* The file is whole: one version or the other, byte for byte. */
      now = read_bytes (fx->path);
      g_assert_true (g_bytes_equal (now, version_a) || g_bytes_equal (now, version_b));

      /* A temp file left behind shows the kill hit a write. */
      dir = g_dir_open (fx->dir, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (name, "phonebook.ini.") && !g_str_has_prefix (name, "phonebook.ini.bad"))
          {
            g_autofree char *tmp = g_build_filename (fx->dir, name, NULL);

            n_interrupted++;
            g_unlink (tmp);
          }
    }
  g_test_message ("%u of 12 kills interrupted a write in progress", n_interrupted);

  /* The phonebook still loads, with every entry. */
  {
    g_autoptr (DtPhonebook) check = dt_phonebook_new (fx->path);

    g_assert_true (dt_phonebook_load (check, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, N_BULK);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--save-loop"))
    save_loop (argv[2]);

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)
  ADD ("/phonebook/file/corrupt-line", test_corrupt_line);
  ADD ("/phonebook/file/corrupt-first-line", test_corrupt_first_line);
  ADD ("/phonebook/file/empty", test_empty);
  ADD ("/phonebook/file/bad-version", test_bad_version);
  ADD ("/phonebook/file/binary", test_binary);
  ADD ("/phonebook/file/huge", test_huge);
  ADD ("/phonebook/file/many-entries", test_many_entries);
  ADD ("/phonebook/file/too-many-entries", test_too_many_entries);
  ADD ("/phonebook/file/second-bad-file-keeps-first", test_second_bad_file_keeps_first);
  ADD ("/phonebook/file/reload-corrupt-keeps-entries", test_reload_corrupt_keeps_entries);
  ADD ("/phonebook/file/unreadable", test_unreadable);
  ADD ("/phonebook/file/read-only-dir", test_read_only_dir);
  ADD ("/phonebook/file/debounced-save", test_debounced_save);
  ADD ("/phonebook/file/external-edit", test_external_edit);
  ADD ("/phonebook/file/own-write-not-reloaded", test_own_write_not_reloaded);
  ADD ("/phonebook/file/kill-during-save", test_kill_during_save);
#undef ADD

  return g_test_run ();
}
