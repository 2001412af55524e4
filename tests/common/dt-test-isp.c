/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test programs' side of the test ISP: finds the suite's shared guest from
 * $DIALTONE_TEST_ISP (a state directory written by tests/isp/dialtone-isp) or boots a
 * private one, hands out modem lines under flock, brings each handed-out line back to
 * command mode, and reads the guest's console log, where the modems and pppd write. */

#define _GNU_SOURCE /* memmem */
#include "config.h"

#include "dt-test-isp.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

struct _DtTestIsp
{
  char *state_dir;
  gboolean private;
  GKeyFile *ini;
  GPtrArray *lines; /* pty paths, [0] is line 1 */
  char *log_path;
  char *accel, *image_status, *auth;
  gint64 boot_ms;
  GHashTable *locks; /* path -> lock fd */
};

static DtTestIsp *the_isp;

static const char *
launcher (void)
{
  return SOURCE_ROOT "/tests/isp/dialtone-isp";
}

gboolean
dt_test_isp_available (char **reason)
{
  g_autofree char *qemu = g_find_program_in_path ("qemu-system-x86_64");

  if (qemu == NULL)
    {
      if (reason)
        *reason = g_strdup ("qemu-system-x86_64 is missing (Debian package qemu-system-x86)");
      return FALSE;
    }
  return TRUE;
}

static void
rm_rf (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
stop_private (void)
{
  const char *argv[] = { launcher (), "stop", "--state", NULL, NULL };

  if (the_isp == NULL || !the_isp->private)
    return;
  argv[3] = the_isp->state_dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                NULL, NULL);
  /* A test that crashes never gets here, and its state directory (with the guest's
   * console.log) stays behind for a post-mortem. */
  rm_rf (the_isp->state_dir);
}

static gboolean
load_state (DtTestIsp *self, GError **error)
{
  g_autofree char *path = g_build_filename (self->state_dir, "isp.ini", NULL);
  gsize n;

  self->ini = g_key_file_new ();
  if (!g_key_file_load_from_file (self->ini, path, G_KEY_FILE_NONE, error))
    return FALSE;
  self->log_path = g_key_file_get_string (self->ini, "isp", "log", error);
  if (self->log_path == NULL)
    return FALSE;
  self->accel = g_key_file_get_string (self->ini, "isp", "accel", NULL);
  self->image_status = g_key_file_get_string (self->ini, "isp", "image-status", NULL);
  self->auth = g_key_file_get_string (self->ini, "isp", "auth", NULL);
  self->boot_ms = g_key_file_get_int64 (self->ini, "isp", "boot-ms", NULL);
  n = g_key_file_get_integer (self->ini, "isp", "lines", error);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 1; i <= n; i++)
    {
      g_autofree char *key = g_strdup_printf ("line%" G_GSIZE_FORMAT, i);
      char *line = g_key_file_get_string (self->ini, "lines", key, error);
      if (line == NULL)
        return FALSE;
      g_ptr_array_add (self->lines, line);
    }
  return n > 0;
}

static void boot_private (DtTestIsp *self);

static void
stop_guest (DtTestIsp *self)
{
  const char *argv[] = { launcher (), "stop", "--state", self->state_dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                NULL, NULL);
}

DtTestIsp *
dt_test_isp_start_private (void)
{
  g_autoptr (GError) error = NULL;
  DtTestIsp *self = g_new0 (DtTestIsp, 1);

  self->locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  boot_private (self);
  if (!load_state (self, &error))
    g_error ("no test ISP state in %s: %s", self->state_dir,
             error ? error->message : "no lines");
  return self;
}

void
dt_test_isp_kill (DtTestIsp *self)
{
  gint64 pid;

  g_return_if_fail (self != NULL && self->private);
  pid = g_key_file_get_int64 (self->ini, "isp", "qemu-pid", NULL);
  g_assert_cmpint (pid, >, 1);
  g_assert_no_errno (kill ((pid_t) pid, SIGKILL));
}

void
dt_test_isp_free (DtTestIsp *self)
{
  GHashTableIter iter;
  gpointer fd;

  if (self == NULL)
    return;
  g_return_if_fail (self != the_isp);
  g_hash_table_iter_init (&iter, self->locks);
  while (g_hash_table_iter_next (&iter, NULL, &fd))
    close (GPOINTER_TO_INT (fd));
  if (self->private)
    {
      stop_guest (self);
      rm_rf (self->state_dir);
    }
  g_hash_table_unref (self->locks);
  g_clear_pointer (&self->ini, g_key_file_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_free (self->state_dir);
  g_free (self->log_path);
  g_free (self->accel);
  g_free (self->image_status);
  g_free (self->auth);
  g_free (self);
}

static void
boot_private (DtTestIsp *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  /* Under `dialtone-isp run` the guest image cached by that run's build directory, so that
   * a test of another build (ASan) downloads nothing. */
  const char *build = g_getenv ("DIALTONE_BUILD_DIR");
  const char *argv[] = { launcher (), "--build-dir", build && *build ? build : BUILD_ROOT,
                         "start", "--state", NULL,
                         "--watch-pid", pid, NULL };

  self->state_dir = g_dir_make_tmp ("dialtone-isp-XXXXXX", &error);
  g_assert_no_error (error);
  argv[5] = self->state_dir;
  self->private = TRUE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("the test ISP did not start: %s\n%s", error->message, err ? err : "");
  g_test_message ("test ISP: %s", g_strstrip (err));
  if (the_isp == self)
    atexit (stop_private);
}

DtTestIsp *
dt_test_isp_get (void)
{
  g_autoptr (GError) error = NULL;
  const char *shared = g_getenv ("DIALTONE_TEST_ISP");

  if (the_isp != NULL)
    return the_isp;
  the_isp = g_new0 (DtTestIsp, 1);
  the_isp->locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (shared != NULL && *shared != '\0')
    the_isp->state_dir = g_strdup (shared);
  else
    boot_private (the_isp);
  if (!load_state (the_isp, &error))
    g_error ("no test ISP state in %s: %s", the_isp->state_dir,
             error ? error->message : "no lines");
  return the_isp;
}

const char *
dt_test_isp_get_state_dir (DtTestIsp *self)
{
  return self->state_dir;
}

guint
dt_test_isp_get_n_lines (DtTestIsp *self)
{
  return self->lines->len;
}

const char *
dt_test_isp_get_line_path (DtTestIsp *self, guint line)
{
  g_return_val_if_fail (line >= 1 && line <= self->lines->len, NULL);
  return g_ptr_array_index (self->lines, line - 1);
}

guint
dt_test_isp_get_line_number (DtTestIsp *self, const char *line)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (g_str_equal (line, g_ptr_array_index (self->lines, i)))
      return i + 1;
  if (g_str_has_prefix (line, "line"))
    {
      guint64 n = g_ascii_strtoull (line + 4, NULL, 10);
      if (n >= 1 && n <= self->lines->len)
        return n;
    }
  return 0;
}

gint64
dt_test_isp_get_boot_ms (DtTestIsp *self)
{
  return self->boot_ms;
}

const char *
dt_test_isp_get_accel (DtTestIsp *self)
{
  return self->accel;
}

const char *
dt_test_isp_get_image_status (DtTestIsp *self)
{
  return self->image_status;
}

const char *
dt_test_isp_get_auth (DtTestIsp *self)
{
  return self->auth;
}

/* ---- talking to a line ---------------------------------------------------------------- */

int
dt_test_isp_open_line (const char *path)
{
  struct termios t;
  int fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return -1;
  if (tcgetattr (fd, &t) == 0)
    {
      cfmakeraw (&t);
      t.c_cflag |= CLOCAL | CREAD;
      tcsetattr (fd, TCSANOW, &t);
    }
  tcflush (fd, TCIOFLUSH);
  return fd;
}

void
dt_test_isp_send (int fd, const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      ssize_t n = write (fd, text, len);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          struct pollfd pfd = { fd, POLLOUT, 0 };
          poll (&pfd, 1, 100);
          continue;
        }
      g_assert_cmpint (n, >, 0);
      text += n;
      len -= n;
    }
}

gboolean
dt_test_isp_expect (int fd, const char *needle, guint timeout_ms, GString *got)
{
  g_autoptr (GString) seen = g_string_new (NULL);
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      gint64 left = (end - g_get_monotonic_time ()) / 1000;
      struct pollfd pfd = { fd, POLLIN, 0 };
      char buf[1024];
      ssize_t n;

      if (left < 0)
        return FALSE;
      if (poll (&pfd, 1, left) <= 0)
        continue;
      n = read (fd, buf, sizeof buf);
      if (n <= 0)
        {
          g_usleep (20000); /* EIO while QEMU has not seen the open yet */
          continue;
        }
      g_string_append_len (seen, buf, n);
      if (got != NULL)
        g_string_append_len (got, buf, n);
      /* Binary PPP frames may carry NULs: search the bytes, not a C string. */
      if (memmem (seen->str, seen->len, needle, strlen (needle)) != NULL)
        return TRUE;
    }
}

static void
drain (int fd)
{
  char buf[1024];

  g_usleep (50000);
  while (read (fd, buf, sizeof buf) > 0)
    ;
}

/* Back to command mode, whatever the last holder of the line left behind: a call up, a
 * login prompt, a dial in progress, echo off, numeric or quiet results. */
static gboolean
reset_line (const char *path)
{
  int fd = dt_test_isp_open_line (path);
  gboolean ok = FALSE;

  if (fd < 0)
    return FALSE;
  /* QEMU notices a newly opened pty within a second: until then input waits. */
  for (int i = 0; i < 5 && !ok; i++)
    {
      dt_test_isp_send (fd, "ATQ0V1\r");
      ok = dt_test_isp_expect (fd, "\r\nOK\r\n", 600, NULL);
    }
  if (!ok)
    {
      g_usleep (1200000); /* the escape's guard time, S12 = 1 s */
      dt_test_isp_send (fd, "+++");
      ok = dt_test_isp_expect (fd, "\r\nOK\r\n", 3000, NULL);
      g_usleep (100000);
      dt_test_isp_send (fd, "ATQ0V1H\r");
      ok = dt_test_isp_expect (fd, "\r\nOK\r\n", 2000, NULL);
    }
  dt_test_isp_send (fd, "ATZ\r");
  ok = dt_test_isp_expect (fd, "\r\nOK\r\n", 2000, NULL);
  drain (fd);
  close (fd);
  return ok;
}

char *
dt_test_isp_acquire_line (DtTestIsp *self)
{
  gint64 end = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      for (guint i = 0; i < self->lines->len; i++)
        {
          const char *path = g_ptr_array_index (self->lines, i);
          g_autofree char *lock_path = NULL;
          int fd;

          if (g_hash_table_contains (self->locks, path))
            continue;
          lock_path = g_strdup_printf ("%s/line%u.lock", self->state_dir, i + 1);
          fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
          g_assert_cmpint (fd, >=, 0);
          if (flock (fd, LOCK_EX | LOCK_NB) < 0)
            {
              close (fd);
              continue;
            }
          if (!reset_line (path))
            g_error ("the modem on %s (line%u) does not answer", path, i + 1);
          g_hash_table_insert (self->locks, g_strdup (path), GINT_TO_POINTER (fd));
          return g_strdup (path);
        }
      g_usleep (100000);
    }
  g_error ("no test ISP line became free in 10 minutes");
  return NULL;
}

void
dt_test_isp_release_line (DtTestIsp *self, const char *path)
{
  gpointer key;
  gpointer fd;

  /* Stealing skips the table's key destructor: the key is ours to free. */
  if (g_hash_table_steal_extended (self->locks, path, &key, &fd))
    {
      g_free (key);
      close (GPOINTER_TO_INT (fd));
    }
}

/* ---- the log -------------------------------------------------------------------------- */

goffset
dt_test_isp_get_log_offset (DtTestIsp *self)
{
  struct stat st;

  return stat (self->log_path, &st) == 0 ? st.st_size : 0;
}

char *
dt_test_isp_read_log_since (DtTestIsp *self, const char *line, goffset offset)
{
  guint n = line ? dt_test_isp_get_line_number (self, line) : 0;
  g_autofree char *prefix = line ? g_strdup_printf ("line%u ", n) : g_strdup ("");
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  gsize len = 0;

  g_return_val_if_fail (line == NULL || n > 0, g_string_free (out, FALSE));
  if (!g_file_get_contents (self->log_path, &contents, &len, NULL) || (gsize) offset > len)
    return g_string_free (out, FALSE);
  lines = g_strsplit (contents + offset, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *l = g_strdelimit (lines[i], "\r", ' ');
      if (g_str_has_prefix (l, prefix))
        {
          g_string_append (out, g_strchomp (l));
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

char *
dt_test_isp_read_log (DtTestIsp *self, const char *line)
{
  return dt_test_isp_read_log_since (self, line, 0);
}

gboolean
dt_test_isp_wait_log (DtTestIsp *self,
                      const char *line,
                      goffset offset,
                      const char *needle,
                      guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  do
    {
      g_autofree char *log = dt_test_isp_read_log_since (self, line, offset);
      if (strstr (log, needle) != NULL)
        return TRUE;
      g_usleep (50000);
    }
  while (g_get_monotonic_time () < end);
  return FALSE;
}

void
dt_test_isp_child_dies_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

GBytes *
dt_test_isp_random_bin (gsize len)
{
  GByteArray *a = g_byte_array_sized_new (len);

  for (guint i = 0; a->len < len; i++)
    {
      g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *text = g_strdup_printf ("dialtone %u", i);
      guint8 digest[32];
      gsize n = sizeof digest;

      g_checksum_update (sum, (const guchar *) text, -1);
      g_checksum_get_digest (sum, digest, &n);
      g_byte_array_append (a, digest, MIN (n, len - a->len));
    }
  return g_byte_array_free_to_bytes (a);
}
