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
  if (length == sizeof (gint32) && !g_ascii_isspace (contents[0]) &&
      !g_ascii_isdigit (contents[0]))
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
