/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading and checking phonebook.ini.  The file is read with a cap (a 100 MB file is refused
 * after one fstat, not read), must be UTF-8 text, must have no more than
 * DT_PHONEBOOK_MAX_ENTRIES entries (counted before parsing), and must parse as a GKeyFile.  GKeyFile's
 * errors carry no line number, so the first bad line is found by parsing ever longer
 * prefixes of the file (a bisection: about twenty parses of a file under 4 MiB).  A bad file
 * is renamed to phonebook.ini.bad-<timestamp>, next to it, and never overwritten. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt-phonebook.h"
#include "dt-phonebook-file.h"

#define KEY_FILE_FLAGS (G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS)
#define READ_CHUNK 65536
#define MAX_MESSAGE_CHARS 160

typedef enum {
  IO_OPEN,
  IO_READ,
  IO_RENAME,
} IoStep;

static gboolean
set_io_error (GError     **error,
              int          errsv,
              IoStep       step,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  GIOErrorEnum code = g_io_error_from_errno (errsv);
  const char *reason = g_strerror (errsv);

  /* Translators: in these three, the first %s is a file name, the second the system's
   * reason, such as "Permission denied". */
  if (step == IO_OPEN)
    g_set_error (error, G_IO_ERROR, code, _("Could not open %s: %s"), display, reason);
  else if (step == IO_READ)
    g_set_error (error, G_IO_ERROR, code, _("Could not read %s: %s"), display, reason);
  else
    g_set_error (error, G_IO_ERROR, code, _("Could not rename %s: %s"), display, reason);
  return FALSE;
}

static gboolean
read_capped (int          fd,
             GByteArray  *buffer,
             const char  *path,
             GError     **error)
{
  guint8 chunk[READ_CHUNK];

  for (;;)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_io_error (error, errno, IO_READ, path);
      if (n == 0)
        return TRUE;
      if (buffer->len + (gsize) n > DT_PHONEBOOK_MAX_FILE_SIZE)
        {
          g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_TOO_LARGE,
                       _("the file is larger than %s"), "4 MiB");
          return FALSE;
        }
      g_byte_array_append (buffer, chunk, n);
    }
}

/**
 * dt_phonebook_file_read:
 *
 * Reads the whole file, refusing one that is not a regular file or is over
 * DT_PHONEBOOK_MAX_FILE_SIZE.  A missing file gives G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the contents
 */
GBytes *
dt_phonebook_file_read (const char  *path,
                        GError     **error)
{
  g_autoptr (GByteArray) buffer = NULL;
  struct stat st;
  gboolean ok;
  int fd;

  /* O_NONBLOCK: a FIFO in the phonebook's place must not hang the app. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_io_error (error, errno, IO_OPEN, path);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      set_io_error (error, errno, IO_READ, path);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file"), display);
      close (fd);
      return NULL;
    }
  if (st.st_size > DT_PHONEBOOK_MAX_FILE_SIZE)
    {
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_TOO_LARGE,
                   _("the file is larger than %s"), "4 MiB");
      close (fd);
      return NULL;
    }

  buffer = g_byte_array_sized_new (st.st_size);
  ok = read_capped (fd, buffer, path, error);
  close (fd);
  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static guint
count_lines (const char *start,
             const char *end)
{
  guint line = 1;

  for (const char *p = start; p < end; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* The [Entry …] group lines, counted before parsing: GKeyFile skips blanks before the "[". */
static guint
count_entry_groups (const char *data,
                    gsize       length)
{
  const char *p = data, *end = data + length;
  guint n = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      while (p < eol && (*p == ' ' || *p == '\t'))
        p++;
      if ((gsize) (eol - p) >= strlen ("[Entry ") && memcmp (p, "[Entry ", strlen ("[Entry ")) == 0)
        n++;
      p = eol + 1;
    }
  return n;
}

static gboolean
prefix_parses (const char *data,
               gsize       length)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();

  return g_key_file_load_from_data (key_file, data, length, KEY_FILE_FLAGS, NULL);
}

/* The number of the first line that GKeyFile rejects, given that the whole file fails. */
static guint
find_bad_line (const char *data,
               gsize       length)
{
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint good = 0, bad;

  /* ends[k] is the length of the file's first k + 1 lines. */
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\n')
      {
        gsize end = i + 1;

        g_array_append_val (ends, end);
      }
  if (length > 0 && data[length - 1] != '\n')
    g_array_append_val (ends, length);

  /* The first 0 lines parse; all of them do not.  Failing is monotonic in the prefix. */
  bad = ends->len;
  while (bad - good > 1)
    {
      guint mid = good + (bad - good) / 2;

      if (prefix_parses (data, g_array_index (ends, gsize, mid - 1)))
        good = mid;
      else
        bad = mid;
    }
  return MAX (bad, 1);
}

static char *
shorten (const char *message)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (message, -1) <= MAX_MESSAGE_CHARS)
    return g_strdup (message);
  head = g_utf8_substring (message, 0, MAX_MESSAGE_CHARS);
  return g_strconcat (head, "…", NULL);
}

static gboolean
check_version (GKeyFile  *key_file,
               GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  int version;

  /* A hand-written file with entries and no [Phonebook] group is read as version 1. */
  if (!g_key_file_has_group (key_file, "Phonebook"))
    return TRUE;
  version = g_key_file_get_integer (key_file, "Phonebook", "Version", &local_error);
  if (local_error != NULL || version < 1)
    {
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_CORRUPT,
                   _("the [Phonebook] group has no valid Version"));
      return FALSE;
    }
  return TRUE;
}

/**
 * dt_phonebook_file_parse:
 * @bytes: the file's contents
 * @line: (out): the first bad line, or 0 when the fault is not on one line
 * @error: a DT_PHONEBOOK_ERROR_CORRUPT error whose message does not repeat the line, or
 *   DT_PHONEBOOK_ERROR_TOO_LARGE for too many entries
 *
 * Returns: (transfer full) (nullable): the parsed file, with comments kept
 */
GKeyFile *
dt_phonebook_file_parse (GBytes  *bytes,
                         guint   *line,
                         GError **error)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) groups = NULL;
  const char *data, *end;
  gsize length;

  *line = 0;
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    data = "";

  if (!g_utf8_validate_len (data, length, &end))
    {
      *line = count_lines (data, end);
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_CORRUPT,
                   _("the file is not text"));
      return NULL;
    }

  if (count_entry_groups (data, length) > DT_PHONEBOOK_MAX_ENTRIES)
    {
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_TOO_LARGE,
                   _("the file has more than %u entries"), DT_PHONEBOOK_MAX_ENTRIES);
      return NULL;
    }

  if (!g_key_file_load_from_data (key_file, data, length, KEY_FILE_FLAGS, &local_error))
    {
      g_autofree char *message = shorten (local_error->message);

      *line = find_bad_line (data, length);
      g_set_error_literal (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_CORRUPT, message);
      return NULL;
    }

  groups = g_key_file_get_groups (key_file, NULL);
  if (groups[0] == NULL)
    {
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_CORRUPT,
                   _("the file is empty"));
      return NULL;
    }
  if (!check_version (key_file, error))
    return NULL;

  return g_steal_pointer (&key_file);
}

/**
 * dt_phonebook_file_move_aside:
 *
 * Renames @path to "@path.bad-YYYYMMDD-HHMMSS", adding "-N" when that name is taken, so
 * that no earlier bad file is overwritten either.
 *
 * Returns: (transfer full): the new name
 */
char *
dt_phonebook_file_move_aside (const char  *path,
                              GError     **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *aside = NULL;

      if (i == 0)
        aside = g_strdup_printf ("%s.bad-%s", path, stamp);
      else
        aside = g_strdup_printf ("%s.bad-%s-%u", path, stamp, i);
      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, aside) != 0)
        {
          set_io_error (error, errno, IO_RENAME, path);
          return NULL;
        }
      return g_steal_pointer (&aside);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Too many damaged phonebooks"));
  return NULL;
}

/* GLib's message names the temp file; say what the user can act on instead. */
void
dt_phonebook_file_explain_write_error (GError     *error,
                                       const char *dir)
{
  g_autofree char *display = g_filename_display_name (dir);
  char *message = NULL;

  if (error->domain != G_FILE_ERROR)
    return;
  if (error->code == G_FILE_ERROR_ACCES || error->code == G_FILE_ERROR_PERM)
    message = g_strdup_printf (_("no permission to write in %s"), display);
  else if (error->code == G_FILE_ERROR_ROFS)
    message = g_strdup_printf (_("%s is on a read-only disk"), display);
  else if (error->code == G_FILE_ERROR_NOSPC)
    message = g_strdup (_("the disk is full"));
  if (message != NULL)
    {
      g_free (error->message);
      error->message = message;
    }
}

/* Copies @group's keys, unknown ones included, from @from into @to. */
void
dt_phonebook_file_copy_group (GKeyFile   *from,
                              GKeyFile   *to,
                              const char *group)
{
  g_auto (GStrv) keys = g_key_file_get_keys (from, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (from, group, keys[i], NULL);

      g_key_file_set_value (to, group, keys[i], value);
    }
}
