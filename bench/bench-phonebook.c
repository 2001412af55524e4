/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a big phonebook.ini takes to load, and the memory it takes: files of 1,000,
 * 10,000 and 100,000 short entries (names in shuffled order, so the sort does real work),
 * then the most entries like a user's that the caps allow.  For each: the file's size,
 * dt_phonebook_load(), an external edit renaming one entry seen through the file monitor
 * (its 100 ms settling delay included), dropping the phonebook, and the process's peak RSS;
 * for a file over a cap, the time refusing it takes.  Each size runs in a fresh
 * process of its own, so the peaks do not add up.  Prints figures; asserts nothing.
 * Usage: bench-phonebook [N entries, or "cap"…] */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dt-phonebook.h"

/* A file of @n entries, in shuffled name order.  @full: like a user's, with a UUID, a name,
 * a number and a user name (about 90 bytes each); otherwise a short id and a name, so that
 * 100,000 entries fit under the cap. */
static GString *
make_file (guint    n,
           gboolean full)
{
  GString *text = g_string_new ("[Phonebook]\nVersion=1\n");
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = n; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < n; i++)
    if (full)
      g_string_append_printf (text,
                              "\n[Entry 00000000-0000-4000-8000-%012u]\n"
                              "Name=ISP %06u\nNumber=555-%04u\nUser=user%u\n",
                              i, order[i], order[i] % 10000, i);
    else
      g_string_append_printf (text, "[Entry %u]\nName=ISP %06u\n", i, order[i]);
  g_rand_free (rand);
  return text;
}

/* The most entries like a user's that a phonebook takes: the count cap, or fewer when
 * their file would be over the size cap. */
static guint
entries_under_cap (void)
{
  g_autoptr (GString) one = make_file (1, TRUE);
  g_autoptr (GString) none = make_file (0, TRUE);
  gsize per_entry = one->len - none->len;

  /* + 5: the user names' digits grow with the entry's index. */
  return MIN (DT_PHONEBOOK_MAX_ENTRIES,
              (DT_PHONEBOOK_MAX_FILE_SIZE - none->len) / (per_entry + 5));
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
name_is (DtEntry    *entry,
         const char *name)
{
  return g_str_equal (dt_entry_get_name (entry), name);
}

static void
on_file_moved_aside (DtPhonebook *book,
                     const char  *moved_to,
                     guint        line,
                     const char  *message,
                     char       **reason)
{
  *reason = g_strdup (message);
  if (moved_to != NULL)
    g_unlink (moved_to);
}

static void
run_one (const char *arg)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialtone-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GString) text = NULL;
  g_autofree char *refused = NULL;
  gboolean full = g_str_equal (arg, "cap");
  guint n = full ? entries_under_cap () : strtoul (arg, NULL, 10);
  DtPhonebook *book;
  DtEntry *first;
  double load_ms, reload_ms, free_ms;
  struct rusage usage;
  char *digits;
  gint64 start;

  g_assert_no_error (error);
  path = g_build_filename (dir, "phonebook.ini", NULL);
  text = make_file (n, full);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  book = dt_phonebook_new (path);
  g_signal_connect (book, "file-moved-aside", G_CALLBACK (on_file_moved_aside), &refused);
  start = g_get_monotonic_time ();
  if (!dt_phonebook_load (book, &error))
    g_error ("load: %s", error->message);
  load_ms = ms_since (start);
  if (refused != NULL)
    {
      getrusage (RUSAGE_SELF, &usage);
      printf ("%7u entries  %8.1f KiB  refused in %6.1f ms (%s)  peak RSS %7.1f MiB\n",
              n, text->len / 1024.0, load_ms, refused, usage.ru_maxrss / 1024.0);
      g_object_unref (book);
      g_rmdir (dir);
      return;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (book)), ==, n);

  /* Another program changes the first entry's name: the whole file is read again. */
  first = dt_phonebook_lookup (book, full ? "00000000-0000-4000-8000-000000000000" : "0");
  digits = strstr (text->str, "Name=ISP ") + strlen ("Name=ISP ");
  memcpy (digits, "XXXXXX", 6);
  start = g_get_monotonic_time ();
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  while (!name_is (first, "ISP XXXXXX"))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
      if (ms_since (start) > 600000)
        g_error ("the edit was not seen within 10 minutes");
    }
  reload_ms = ms_since (start);

  start = g_get_monotonic_time ();
  g_object_unref (book);
  free_ms = ms_since (start);

  getrusage (RUSAGE_SELF, &usage);
  printf ("%7u entries  %8.1f KiB  load %8.1f ms  external edit seen %8.1f ms  "
          "freed %7.1f ms  peak RSS %7.1f MiB\n",
          n, text->len / 1024.0, load_ms, reload_ms, free_ms, usage.ru_maxrss / 1024.0);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *sizes[] = { "1000", "10000", "100000", "cap", NULL };
  const char *const *wanted = argc > 1 ? (const char *const *) argv + 1 : sizes;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);

  setlocale (LC_ALL, "");
  if (argc == 3 && g_str_equal (argv[1], "--one"))
    {
      run_one (argv[2]);
      return 0;
    }

  printf ("phonebook.ini load (\"cap\": the most entries like a user's that it takes; "
          "caps: %d entries, %d MiB):\n",
          DT_PHONEBOOK_MAX_ENTRIES, DT_PHONEBOOK_MAX_FILE_SIZE / 1024 / 1024);
  fflush (stdout);
  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const char *child[] = { self_exe, "--one", wanted[i], NULL };
      g_autoptr (GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error))
        g_error ("%s", error->message);
      if (!g_spawn_check_wait_status (status, &error))
        g_printerr ("%s entries: %s\n", wanted[i], error->message);
    }
  return 0;
}
