/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The private keyring: a dbus-daemon with a config of our own (no service directories, so
 * nothing is activated behind our back), then `gnome-keyring-daemon --unlock
 * --components=secrets --foreground` reading the login password on stdin, with its data and
 * runtime folders in a temp dir.  Ready when org.freedesktop.secrets has an owner. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "dt-test-keyring.h"

#define READY_LIMIT_S 20

struct _DtTestKeyring
{
  char *dir;
  GSubprocess *bus;
  GSubprocess *keyring;
};

static const char bus_config[] =
  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
  "<busconfig>\n"
  "  <type>session</type>\n"
  "  <listen>unix:path=%s/bus</listen>\n"
  "  <policy context=\"default\">\n"
  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
  "    <allow eavesdrop=\"true\"/>\n"
  "    <allow own=\"*\"/>\n"
  "  </policy>\n"
  "</busconfig>\n";

/* The daemons die with the test, even when it crashes, so that nothing holds the test's
 * output open or outlives it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
new_launcher (DtTestKeyring    *self,
              GSubprocessFlags  flags,
              const char       *log_name)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *log = g_build_filename (self->dir, log_name, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  return launcher;
}

static char *
make_subdir (const char *dir,
             const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
start_bus (DtTestKeyring *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config_path = g_build_filename (self->dir, "bus.conf", NULL);
  g_autofree char *config = g_markup_printf_escaped (bus_config, self->dir);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *address = NULL;

  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDOUT_PIPE, "dbus-daemon.log");
  self->bus = g_subprocess_launcher_spawn (launcher, &error,
                                           "dbus-daemon", "--config-file", config_path,
                                           "--nofork", "--print-address=1", NULL);
  g_assert_no_error (error);

  /* The bus prints its address once it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
}

static gboolean
secrets_has_owner (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static void
start_keyring (DtTestKeyring *self)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  GOutputStream *in;
  gint64 deadline;

  launcher = new_launcher (self, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                           "gnome-keyring-daemon.log");
  self->keyring = g_subprocess_launcher_spawn (launcher, &error,
                                               "gnome-keyring-daemon", "--unlock",
                                               "--components=secrets", "--foreground",
                                               NULL);
  g_assert_no_error (error);

  /* The login keyring's password, on stdin, as pam_gnome_keyring gives it. */
  in = g_subprocess_get_stdin_pipe (self->keyring);
  g_output_stream_write_all (in, "dialtone-test", 13, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + READY_LIMIT_S * G_USEC_PER_SEC;
  while (!secrets_has_owner (bus))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

DtTestKeyring *
dt_test_keyring_start (DtTestKeyringMode mode)
{
  DtTestKeyring *self = g_new0 (DtTestKeyring, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;

  self->dir = g_dir_make_tmp ("dialtone-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  runtime = make_subdir (self->dir, "runtime");
  data = make_subdir (self->dir, "data");
  config = make_subdir (self->dir, "config");

  /* The keyring files and control socket go to the temp dir, not the user's.  The
   * environment is set before any thread (GSubprocess starts one) exists. */
  address = g_strdup_printf ("unix:path=%s/bus", self->dir);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_unsetenv ("GNOME_KEYRING_CONTROL");

  start_bus (self);
  if (mode == DT_TEST_KEYRING_UNLOCKED)
    start_keyring (self);
  return self;
}

const char *
dt_test_keyring_get_dir (DtTestKeyring *self)
{
  return self->dir;
}

static void
stop_process (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
dt_test_keyring_stop (DtTestKeyring *self)
{
  stop_process (self->keyring);
  stop_process (self->bus);
  remove_tree (self->dir);
  g_free (self->dir);
  g_free (self);
}
