/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The UUCP lock file reader: see dt-lock-file.h. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt-lock-file.h"

pid_t
dt_lock_file_parse_owner (const char *contents,
                          gsize       length)
{
  char text[DT_LOCK_FILE_MAX_READ + 1];
  gint64 pid;
  char *start, *end;

  g_return_val_if_fail (contents != NULL || length == 0, 0);

  length = MIN (length, DT_LOCK_FILE_MAX_READ);
  /* Old UUCP's binary lock is the PID as 4 bytes, in this machine's order.  No PID reaches
   * 2^24 (Linux's pid_max is at most 2^22), so its most significant byte is 0, which no text
   * lock holds: a first byte that happens to be a digit ("2," for PID 11314) is still
   * binary. */
  if (length == sizeof (gint32) && memchr (contents, '\0', length) != NULL)
    {
      gint32 binary;

      memcpy (&binary, contents, sizeof binary);
      return binary > 0 ? binary : 0;
    }

  memcpy (text, contents, length);
  text[length] = '\0';
  start = g_strchug (text);
  if (!g_ascii_isdigit (*start))
    return 0;
  pid = g_ascii_strtoll (start, &end, 10);
  if (end == start || pid <= 0 || pid > G_MAXINT32)
    return 0;
  return (pid_t) pid;
}

pid_t
dt_lock_file_read_owner (const char *path)
{
  char contents[DT_LOCK_FILE_MAX_READ];
  struct stat st;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, 0);

  /* O_NONBLOCK: opening a FIFO for reading would wait for a writer for ever. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return errno == ENOENT ? -1 : 0;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return 0;
    }
  do
    n = read (fd, contents, sizeof contents);
  while (n < 0 && errno == EINTR);
  close (fd);
  return n > 0 ? dt_lock_file_parse_owner (contents, n) : 0;
}
