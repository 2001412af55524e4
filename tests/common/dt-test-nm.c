/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real NetworkManager for C tests: starts tests/common/nm-sandbox, or joins the one that
 * the environment names, and moves the test into its network namespace.  See dt-test-nm.h. */
#define _GNU_SOURCE
#include "config.h"

#include "dt-test-nm.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define SANDBOX_EXIT_SKIP 77

struct _DtTestNm
{
  char     *dir;
  char     *netns;
  char     *bus_address;
  gboolean  owned;
};

static const char *
sandbox_program (void)
{
  const char *path = g_getenv ("DIALTONE_NM_SANDBOX");

  return path != NULL ? path : DT_TEST_NM_SANDBOX;
}

/* setns() moves only the calling thread, so it must run while there is no other. */
static gboolean
check_single_threaded (GError **error)
{
  g_autoptr (GDir) tasks = g_dir_open ("/proc/self/task", 0, error);
  guint n = 0;

  if (tasks == NULL)
    return FALSE;
  while (g_dir_read_name (tasks) != NULL)
    n++;
  if (n != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%u threads already run: enter the sandbox in main(), before any thread",
                   n);
      return FALSE;
    }
  return TRUE;
}

static gboolean
enter (DtTestNm  *self,
       GError   **error)
{
  g_autofree char *path = g_build_filename ("/run/netns", self->netns, NULL);
  int fd;

  if (!check_single_threaded (error))
    return FALSE;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || setns (fd, CLONE_NEWNET) < 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot enter network namespace %s: %s", self->netns,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  /* Children, g_test_trap_subprocess() ones included, find the same sandbox. */
  g_setenv ("DIALTONE_TEST_NM_DIR", self->dir, TRUE);
  g_setenv ("DIALTONE_TEST_NETNS", self->netns, TRUE);
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", self->bus_address, TRUE);
  return TRUE;
}

static gboolean
parse_assignments (DtTestNm    *self,
                   const char  *output,
                   GError     **error)
{
  g_auto (GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *name = NULL;
      char *value;

      if (eq == NULL)
        continue;
      name = g_strndup (lines[i], eq - lines[i]);
      value = g_shell_unquote (eq + 1, error);
      if (value == NULL)
        return FALSE;
      if (g_str_equal (name, "DIALTONE_TEST_NM_DIR"))
        self->dir = value;
      else if (g_str_equal (name, "DIALTONE_TEST_NETNS"))
        self->netns = value;
      else if (g_str_equal (name, "DBUS_SYSTEM_BUS_ADDRESS"))
        self->bus_address = value;
      else
        g_free (value);
    }
  if (self->dir == NULL || self->netns == NULL || self->bus_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "nm-sandbox printed no sandbox: %s", output);
      return FALSE;
    }
  return TRUE;
}

/* Runs before any thread exists, so g_spawn_sync() rather than GSubprocess. */
static gboolean
start_sandbox (DtTestNm       *self,
               DtTestNmFlags   flags,
               GError        **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  int status;

  g_ptr_array_add (argv, g_strdup (sandbox_program ()));
  g_ptr_array_add (argv, g_strdup ("start"));
  g_ptr_array_add (argv, g_strdup ("--uid"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", DT_TEST_NM_USER_UID));
  /* If this program crashes, the sandbox still goes away. */
  g_ptr_array_add (argv, g_strdup ("--watch-pid"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) getpid ()));
  if (flags & DT_TEST_NM_FLAGS_REFUSE_USERS)
    g_ptr_array_add (argv, g_strdup ("--refuse-users"));
  if (builddir != NULL)
    {
      g_autofree char *program = g_path_get_basename (g_get_prgname ());
      g_autofree char *name = g_strdup_printf ("%s-nm.log", program);
      char *log = g_build_filename (builddir, name, NULL);

      g_unlink (log);
      g_ptr_array_add (argv, g_strdup ("--log"));
      g_ptr_array_add (argv, log);
    }
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (WIFEXITED (status) && WEXITSTATUS (status) == SANDBOX_EXIT_SKIP)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", g_strstrip (err));
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nm-sandbox start failed: %s",
                   g_strstrip (err));
      return FALSE;
    }
  if (!parse_assignments (self, out, error))
    return FALSE;
  self->owned = TRUE;
  return TRUE;
}

DtTestNm *
dt_test_nm_start (DtTestNmFlags   flags,
                  GError        **error)
{
  g_autoptr (DtTestNm) self = g_new0 (DtTestNm, 1);
  const char *dir = g_getenv ("DIALTONE_TEST_NM_DIR");
  const char *netns = g_getenv ("DIALTONE_TEST_NETNS");
  const char *bus = g_getenv ("DBUS_SYSTEM_BUS_ADDRESS");
  gboolean shared_ok = (flags & (DT_TEST_NM_FLAGS_PRIVATE | DT_TEST_NM_FLAGS_REFUSE_USERS)) == 0;

  if (geteuid () != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A NetworkManager sandbox needs root (network namespaces)");
      return NULL;
    }
  if (dir != NULL && netns != NULL && bus != NULL && (shared_ok || g_test_subprocess ()))
    {
      self->dir = g_strdup (dir);
      self->netns = g_strdup (netns);
      self->bus_address = g_strdup (bus);
    }
  else if (!start_sandbox (self, flags, error))
    return NULL;

  if (!enter (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
dt_test_nm_free (DtTestNm *self)
{
  if (self == NULL)
    return;
  if (self->owned)
    {
      const char *argv[] = { sandbox_program (), "stop", "--dir", self->dir, NULL };
      g_autoptr (GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        g_printerr ("nm-sandbox stop: %s\n", error->message);
    }
  g_free (self->dir);
  g_free (self->netns);
  g_free (self->bus_address);
  g_free (self);
}

const char *
dt_test_nm_get_dir (DtTestNm *self)
{
  return self->dir;
}

const char *
dt_test_nm_get_netns (DtTestNm *self)
{
  return self->netns;
}

const char *
dt_test_nm_get_bus_address (DtTestNm *self)
{
  return self->bus_address;
}

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} RunData;

static void
on_communicate_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  RunData *data = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &data->out, &data->err,
                                        &data->error);
  data->done = TRUE;
}

char *
dt_test_nm_runv (const char * const  *argv,
                 GError             **error)
{
  g_autoptr (GSubprocess) process = NULL;
  RunData data = { 0 };

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                     | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL)
    return NULL;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicate_done, &data);
  while (!data.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (process, NULL, NULL);

  if (data.error == NULL && !g_subprocess_get_successful (process))
    g_set_error (&data.error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0],
                 data.err != NULL ? g_strstrip (data.err) : "");
  g_free (data.err);
  if (data.error != NULL)
    {
      g_propagate_error (error, data.error);
      g_free (data.out);
      return NULL;
    }
  return data.out;
}

char *
dt_test_nm_run (GError     **error,
                const char  *argv0,
                ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) argv0);
  va_start (args, argv0);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return dt_test_nm_runv ((const char * const *) argv->pdata, error);
}

static gboolean
control (DtTestNm    *self,
         GError     **error,
         const char  *command,
         const char  *arg1,
         const char  *arg2,
         const char  *arg3,
         const char  *arg4)
{
  const char *argv[] = { sandbox_program (), command, "--dir", self->dir,
                         arg1, arg2, arg3, arg4, NULL };
  g_autofree char *out = dt_test_nm_runv (argv, error);

  return out != NULL;
}

gboolean
dt_test_nm_restart (DtTestNm  *self,
                    double     down_seconds,
                    gboolean   crash,
                    GError   **error)
{
  char down[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (down, sizeof down, down_seconds);
  return control (self, error, "restart-nm", "--down", down,
                  "--signal", crash ? "KILL" : "TERM");
}

gboolean
dt_test_nm_stop_daemon (DtTestNm  *self,
                        GError   **error)
{
  return control (self, error, "stop-nm", NULL, NULL, NULL, NULL);
}

gboolean
dt_test_nm_start_daemon (DtTestNm  *self,
                         GError   **error)
{
  return control (self, error, "start-nm", NULL, NULL, NULL, NULL);
}

gboolean
dt_test_nm_enter_empty_netns (GError **error)
{
  struct ifreq ifr = { .ifr_name = "lo" };
  int fd;

  if (geteuid () != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A network namespace needs root");
      return FALSE;
    }
  if (!check_single_threaded (error))
    return FALSE;
  if (unshare (CLONE_NEWNET) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "unshare(CLONE_NEWNET): %s", g_strerror (saved_errno));
      return FALSE;
    }
  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && ioctl (fd, SIOCGIFFLAGS, &ifr) == 0)
    {
      ifr.ifr_flags |= IFF_UP;
      ioctl (fd, SIOCSIFFLAGS, &ifr);
    }
  if (fd >= 0)
    close (fd);
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/dialtone-test/no-bus", TRUE);
  g_unsetenv ("DIALTONE_TEST_NM_DIR");
  g_unsetenv ("DIALTONE_TEST_NETNS");
  return TRUE;
}

gboolean
dt_test_nm_skip_unless (gboolean      ready,
                        const GError *error)
{
  if (ready)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_test_skip (error->message);
  else
    g_assert_no_error (error);
  return TRUE;
}

void
dt_test_nm_drop_privileges (uid_t uid)
{
  g_assert_no_errno (setgroups (0, NULL));
  g_assert_no_errno (setresgid (uid, uid, uid));
  g_assert_no_errno (setresuid (uid, uid, uid));
  g_assert_cmpint (geteuid (), ==, uid);
}

GBytes *
dt_test_nm_download (const char  *interface,
                     const char  *url,
                     const char  *range,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "dialtone-download-XXXXXX", NULL);
  g_autofree char *out = NULL;
  char *contents = NULL;
  gsize len;
  int fd = g_mkstemp (path);
  const char *argv[] = { "curl", "-s", "--max-time", "120", "--interface", interface, "-r",
                         range, "-o", path, url, NULL };

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path,
                   g_strerror (errno));
      return NULL;
    }
  close (fd);
  out = dt_test_nm_runv (argv, error);
  if (out == NULL || !g_file_get_contents (path, &contents, &len, error))
    {
      g_unlink (path);
      return NULL;
    }
  g_unlink (path);
  return g_bytes_new_take (contents, len);
}
