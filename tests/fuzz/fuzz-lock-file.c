/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the UUCP lock-file reader: whatever another user left under the lock's
 * name in /run/lock.  The parser on the raw bytes, and the reader on the same bytes written
 * to a file, which must read no more than DT_LOCK_FILE_MAX_READ of it and agree. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>

#include "dt-lock-file.h"

static char *path;

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* Exactly @size bytes on the heap, so that ASan sees any overread. */
  g_autofree char *copy = g_memdup2 (data, size);
  pid_t parsed = dt_lock_file_parse_owner (copy, size);
  pid_t read_back;
  int fd;

  g_assert (parsed >= 0);
  /* Only the first bytes count: a huge file says the same as its beginning. */
  g_assert (parsed == dt_lock_file_parse_owner (copy, MIN (size, DT_LOCK_FILE_MAX_READ)));

  if (path == NULL)
    path = g_strdup_printf ("%s/dialtone-fuzz-lock-%d", g_get_tmp_dir (), (int) getpid ());
  /* Written plainly: g_file_set_contents() would fsync on every run. */
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert (fd >= 0);
  g_assert (write (fd, copy, size) == (gssize) size);
  close (fd);
  read_back = dt_lock_file_read_owner (path);
  g_assert (read_back == parsed);
  g_unlink (path);
  g_assert (dt_lock_file_read_owner (path) == -1);
  return 0;
}
