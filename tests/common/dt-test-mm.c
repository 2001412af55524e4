/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ModemManager sandbox of dt-test-mm.h.  Each child gets PR_SET_PDEATHSIG, so that a
 * crashed test leaves no ModemManager, bus or stand-in behind; ModemManager's mounts live in
 * its own mount namespace and vanish with it.  Its debug log is kept in the sandbox folder
 * and printed when a test fails. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-test-mm.h"

#define READY_TIMEOUT_S 30
#define MM_RULES_DIR "/lib/udev/rules.d"

struct _DtTestMm {
  char *dir;
  char *bus_address;
  char *refuse_file;
  GPid bus_pid;
  GPid polkit_pid;
  GPid mm_pid;
  guint n_devices;
};

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>system</type>\n"
  "  <auth>EXTERNAL</auth>\n"
  "  <listen>unix:path=%s/bus</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow user=\"*\"/>\n"
  "    <allow own=\"*\"/>\n"
  "    <allow send_type=\"method_call\"/>\n"
  "    <allow send_type=\"signal\"/>\n"
  "    <allow send_requested_reply=\"true\" send_type=\"method_return\"/>\n"
  "    <allow send_requested_reply=\"true\" send_type=\"error\"/>\n"
  "    <allow receive_type=\"method_call\"/>\n"
  "    <allow receive_type=\"method_return\"/>\n"
  "    <allow receive_type=\"error\"/>\n"
  "    <allow receive_type=\"signal\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

/* Read by ModemManager itself in udev-less mode (it reads 77- to 80-mm-*.rules): the stock
 * candidate rule does not mark a pty, and the uid is what InhibitDevice takes. */
static const char test_rules[] =
  "ACTION!=\"add|change|move|bind\", GOTO=\"mm_test_end\"\n"
  "KERNEL==\"pts/*\", ENV{ID_MM_DEVICE_PROCESS}=\"1\"\n"
  "KERNEL==\"pts/*\", ENV{ID_MM_CANDIDATE}=\"1\"\n"
  "KERNEL==\"pts/*\", ENV{ID_MM_PHYSDEV_UID}=\"" DT_TEST_MM_UID "\"\n"
  "LABEL=\"mm_test_end\"\n";

static const char mm_script[] =
  "mount --bind \"$1/sys\" /sys/class/tty && mount --bind \"$1/rules\" " MM_RULES_DIR " && "
  "exec ModemManager --test-no-udev --filter-policy=ALLOWLIST-ONLY --debug";

static void
child_setup (gpointer user_data)
{
  int log_fd = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (log_fd > 0)
    {
      dup2 (log_fd, STDOUT_FILENO);
      dup2 (log_fd, STDERR_FILENO);
    }
}

/* Spawns @argv and returns the first line it prints (its readiness), or NULL on a timeout. */
static char *
spawn_and_read_line (const char * const  *argv,
                     GPid                *pid,
                     GError             **error)
{
  int out_fd = -1;
  g_autoptr (GString) line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_S * G_USEC_PER_SEC;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                                 NULL, pid, NULL, &out_fd, NULL, error))
    return NULL;
  while (g_get_monotonic_time () < deadline)
    {
      char c;
      ssize_t n = read (out_fd, &c, 1);

      if (n == 1 && c == '\n')
        break;
      if (n == 1)
        g_string_append_c (line, c);
      else if (n == 0 || (n < 0 && errno != EINTR))
        break;
    }
  close (out_fd);
  if (line->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed nothing", argv[0]);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
copy_rules (const char  *to,
            GError     **error)
{
  g_autoptr (GDir) dir = g_dir_open (MM_RULES_DIR, 0, error);
  g_autofree char *ours = g_build_filename (to, "80-mm-zz-dialtone-test.rules", NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *from = NULL;
      g_autofree char *copy = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".rules") || strstr (name, "-mm-") == NULL)
        continue;
      from = g_build_filename (MM_RULES_DIR, name, NULL);
      copy = g_build_filename (to, name, NULL);
      if (!g_file_get_contents (from, &contents, &length, error) ||
          !g_file_set_contents (copy, contents, (gssize) length, error))
        return FALSE;
    }
  return g_file_set_contents (ours, test_rules, -1, error);
}

static gboolean
mm_is_on_bus (void)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  gboolean has = FALSE;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.ModemManager1"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

static gboolean
start_mm (DtTestMm  *self,
          GError   **error)
{
  g_autofree char *log_path = g_build_filename (self->dir, "mm.log", NULL);
  const char *argv[] = { "unshare", "-m", "--propagation", "private", "sh", "-c", mm_script,
                         "sh", self->dir, NULL };
  int log_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_S * G_USEC_PER_SEC;
  g_autofree char *program = g_find_program_in_path ("ModemManager");
  gboolean spawned;

  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "ModemManager is not installed (Debian package modemmanager)");
      return FALSE;
    }
  /* dup2 in the child clears O_CLOEXEC on the copies. */
  spawned = g_spawn_async (NULL, (char **) argv, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, child_setup,
                           GINT_TO_POINTER (log_fd), &self->mm_pid, error);
  close (log_fd);
  if (!spawned)
    return FALSE;
  while (!mm_is_on_bus ())
    {
      int status;

      if (waitpid (self->mm_pid, &status, WNOHANG) == self->mm_pid)
        {
          g_autofree char *log = NULL;

          self->mm_pid = 0;
          g_file_get_contents (log_path, &log, NULL, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "ModemManager exited at start (status %d): %s", status, log);
          return FALSE;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "ModemManager did not come on the bus in %d s", READY_TIMEOUT_S);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
  return TRUE;
}

DtTestMm *
dt_test_mm_start (GError **error)
{
  g_autoptr (DtTestMm) self = g_new0 (DtTestMm, 1);
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *sys = NULL;
  g_autofree char *address = NULL;
  g_autofree char *ready = NULL;

  if (geteuid () != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "the ModemManager sandbox needs root (a private mount namespace)");
      return NULL;
    }
  self->dir = g_dir_make_tmp ("dialtone-mm-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;
  g_chmod (self->dir, 0755);
  config = g_strdup_printf (bus_config, self->dir);
  config_path = g_build_filename (self->dir, "bus.conf", NULL);
  rules = g_build_filename (self->dir, "rules", NULL);
  sys = g_build_filename (self->dir, "sys", "pts", NULL);
  self->refuse_file = g_build_filename (self->dir, "refuse", NULL);
  if (!g_file_set_contents (config_path, config, -1, error) ||
      g_mkdir_with_parents (rules, 0755) != 0 || g_mkdir_with_parents (sys, 0755) != 0 ||
      !copy_rules (rules, error))
    return NULL;

  {
    g_autofree char *config_arg = g_strdup_printf ("--config-file=%s", config_path);
    const char *argv[] = { "dbus-daemon", "--nofork", "--nopidfile", "--print-address=1",
                           config_arg, NULL };

    address = spawn_and_read_line (argv, &self->bus_pid, error);
    if (address == NULL)
      return NULL;
  }
  self->bus_address = g_strdup (address);
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);

  {
    const char *argv[] = { DT_TEST_POLKIT, self->refuse_file, NULL };

    ready = spawn_and_read_line (argv, &self->polkit_pid, error);
    if (ready == NULL)
      return NULL;
  }
  if (!start_mm (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
end_child (GPid *pid)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int status;

  if (*pid <= 0)
    return;
  kill (*pid, SIGCONT);
  kill (*pid, SIGTERM);
  while (waitpid (*pid, &status, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          kill (*pid, SIGKILL);
          waitpid (*pid, &status, 0);
          break;
        }
      g_usleep (20 * 1000);
    }
  *pid = 0;
}

void
dt_test_mm_free (DtTestMm *self)
{
  if (self == NULL)
    return;
  end_child (&self->mm_pid);
  end_child (&self->polkit_pid);
  end_child (&self->bus_pid);
  if (self->dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", self->dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  g_free (self->dir);
  g_free (self->bus_address);
  g_free (self->refuse_file);
  g_free (self);
}

const char *
dt_test_mm_get_bus_address (DtTestMm *self)
{
  return self->bus_address;
}

char *
dt_test_mm_read_log (DtTestMm *self)
{
  g_autofree char *path = g_build_filename (self->dir, "mm.log", NULL);
  char *log = NULL;

  g_file_get_contents (path, &log, NULL, NULL);
  return log != NULL ? log : g_strdup ("");
}

gboolean
dt_test_mm_announce (DtTestMm    *self,
                     const char  *device,
                     GError     **error)
{
  const char *name = device + strlen ("/dev/");
  g_autofree char *sysfs = g_strdup_printf ("%s/sys/devices/fakemodem%u/tty/%s", self->dir,
                                            self->n_devices, name);
  g_autofree char *target = g_strdup_printf ("../devices/fakemodem%u/tty/%s", self->n_devices,
                                             name);
  g_autofree char *link = g_strdup_printf ("%s/sys/%s", self->dir, name);
  g_autofree char *event = g_strdup_printf ("--report-kernel-event=action=add,name=%s,"
                                            "subsystem=tty", name);
  const char *argv[] = { "mmcli", event, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_return_val_if_fail (g_str_has_prefix (device, "/dev/pts/"), FALSE);

  self->n_devices++;
  if (g_mkdir_with_parents (sysfs, 0755) != 0 || symlink (target, link) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", link,
                   g_strerror (errno));
      return FALSE;
    }
  /* Its "successfully reported" must not reach the test's TAP output. */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "mmcli: %s: ", err);
      return FALSE;
    }
  return TRUE;
}

char *
dt_test_mm_find_modem (DtTestMm    *self,
                       const char  *uid,
                       char       **ports)
{
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) objects = NULL;
  GVariantIter iter;
  const char *path;
  GVariant *interfaces;

  if (ports != NULL)
    *ports = NULL;
  if (bus == NULL)
    return NULL;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.ModemManager1",
                                       "/org/freedesktop/ModemManager1",
                                       "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
                                       NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr (GVariant) owned = interfaces;
      g_autoptr (GVariant) modem = g_variant_lookup_value (interfaces,
                                                           "org.freedesktop.ModemManager1.Modem",
                                                           G_VARIANT_TYPE_VARDICT);
      const char *device = NULL;

      if (modem == NULL || !g_variant_lookup (modem, "Device", "&s", &device) ||
          g_strcmp0 (device, uid) != 0)
        continue;
      if (ports != NULL)
        {
          g_autoptr (GVariant) list = g_variant_lookup_value (modem, "Ports",
                                                              G_VARIANT_TYPE ("a(su)"));
          g_autoptr (GString) names = g_string_new (" ");
          GVariantIter ports_iter;
          const char *name;

          if (list != NULL)
            {
              g_variant_iter_init (&ports_iter, list);
              while (g_variant_iter_next (&ports_iter, "(&su)", &name, NULL))
                g_string_append_printf (names, "%s ", name);
            }
          *ports = g_string_free (g_steal_pointer (&names), FALSE);
        }
      return g_strdup (path);
    }
  return NULL;
}

static gboolean
on_poll (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
dt_test_mm_wait_modem (DtTestMm   *self,
                       const char *uid,
                       gboolean    present,
                       guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      g_autofree char *path = dt_test_mm_find_modem (self, uid, NULL);
      gboolean tick = FALSE;

      if ((path != NULL) == present)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_timeout_add (100, on_poll, &tick);
      while (!tick)
        g_main_context_iteration (NULL, TRUE);
    }
}

void
dt_test_mm_set_refuse (DtTestMm *self,
                       gboolean  refuse)
{
  if (refuse)
    g_file_set_contents (self->refuse_file, "", 0, NULL);
  else
    g_unlink (self->refuse_file);
}

void
dt_test_mm_pause (DtTestMm *self,
                  gboolean  paused)
{
  if (self->mm_pid > 0)
    kill (self->mm_pid, paused ? SIGSTOP : SIGCONT);
}
