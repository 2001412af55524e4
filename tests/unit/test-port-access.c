/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Port permissions, diagnosed: the decision from the mode bits and the two lists of groups
 * (the session's and the group database's), the words and the command a user gets for each
 * case, and DtSerialPort refusing a folder, a FIFO, a regular file and a vanished device with
 * 633 and that reason, before it takes a lock.  (The real refusal of a root:dialout 0660 port
 * to another uid is in tests/integration/test-cli-permission.c.) */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-port-access.h"
#include "dt-serial-port.h"

#define DIALOUT 20
#define USERS 100

static struct stat
device_stat (uid_t  owner,
             gid_t  group,
             mode_t mode)
{
  struct stat st = { 0 };

  st.st_mode = S_IFCHR | mode;
  st.st_uid = owner;
  st.st_gid = group;
  return st;
}

static void
test_evaluate (void)
{
  struct stat dialout = device_stat (0, DIALOUT, 0660);
  struct stat root_only = device_stat (0, 0, 0600);
  struct stat world = device_stat (0, DIALOUT, 0666);
  struct stat mine = device_stat (1000, 5, 0620);
  struct stat group_ro = device_stat (0, DIALOUT, 0640);
  struct stat fifo = dialout;
  const gid_t plain[] = { USERS, 1000 };
  const gid_t member[] = { USERS, DIALOUT, 1000 };

  fifo.st_mode = S_IFIFO | 0666;

  /* Not in dialout anywhere: join it. */
  g_assert_cmpint (dt_port_access_evaluate (&dialout, 1000, plain, 2, plain, 2), ==,
                   DT_PORT_ACCESS_NEED_GROUP);
  /* In /etc/group, not in this session: log in again. */
  g_assert_cmpint (dt_port_access_evaluate (&dialout, 1000, plain, 2, member, 3), ==,
                   DT_PORT_ACCESS_RELOGIN);
  /* In both. */
  g_assert_cmpint (dt_port_access_evaluate (&dialout, 1000, member, 3, member, 3), ==,
                   DT_PORT_ACCESS_OK);
  /* Root, others with rw, the owner with rw. */
  g_assert_cmpint (dt_port_access_evaluate (&root_only, 0, NULL, 0, NULL, 0), ==,
                   DT_PORT_ACCESS_OK);
  g_assert_cmpint (dt_port_access_evaluate (&world, 1000, plain, 2, plain, 2), ==,
                   DT_PORT_ACCESS_OK);
  g_assert_cmpint (dt_port_access_evaluate (&mine, 1000, plain, 2, plain, 2), ==,
                   DT_PORT_ACCESS_OK);
  /* No group may write: joining one would not help. */
  g_assert_cmpint (dt_port_access_evaluate (&root_only, 1000, member, 3, member, 3), ==,
                   DT_PORT_ACCESS_DENIED);
  g_assert_cmpint (dt_port_access_evaluate (&group_ro, 1000, plain, 2, member, 3), ==,
                   DT_PORT_ACCESS_DENIED);
  g_assert_cmpint (dt_port_access_evaluate (&fifo, 0, NULL, 0, NULL, 0), ==,
                   DT_PORT_ACCESS_NOT_DEVICE);
}

static void
test_words (void)
{
  DtPortAccess need = { DT_PORT_ACCESS_NEED_GROUP, "/dev/ttyACM0", "dialout", "root", "alice", 0 };
  DtPortAccess relogin = { DT_PORT_ACCESS_RELOGIN, "/dev/ttyACM0", "dialout", "root", "alice",
                           0 };
  DtPortAccess denied = { DT_PORT_ACCESS_DENIED, "/dev/ttyS0", "root", "root", "alice", 0 };
  g_autofree char *need_text = dt_port_access_describe (&need);
  g_autofree char *need_command = dt_port_access_command (&need);
  g_autofree char *need_short = dt_port_access_short (&need);
  g_autofree char *relogin_text = dt_port_access_describe (&relogin);
  g_autofree char *relogin_command = dt_port_access_command (&relogin);
  g_autofree char *denied_text = dt_port_access_describe (&denied);

  g_assert_cmpstr (need_command, ==, "sudo usermod -aG dialout alice");
  g_assert_nonnull (strstr (need_text, "/dev/ttyACM0"));
  g_assert_nonnull (strstr (need_text, "“dialout”"));
  g_assert_nonnull (strstr (need_text, "sudo usermod -aG dialout alice"));
  g_assert_nonnull (strstr (need_text, "log out"));
  g_assert_null (strchr (need_text, '\n'));
  g_assert_nonnull (strstr (need_short, "dialout"));

  g_assert_null (relogin_command);
  g_assert_nonnull (strstr (relogin_text, "“dialout”"));
  g_assert_nonnull (strstr (relogin_text, "Log out and log in again"));
  g_assert_null (strstr (relogin_text, "usermod"));

  g_assert_nonnull (strstr (denied_text, "only root may open it"));
}

/* Each path that is not a device gets its kind named, and the port refuses it with 633
 * before it takes a lock. */
static void
assert_refused (const char *path,
                const char *words)
{
  g_autofree char *lock_dir = g_dir_make_tmp ("dialtone-lock-XXXXXX", NULL);
  g_autoptr (DtSerialPort) port = dt_serial_port_new (path, lock_dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;

  g_assert_false (dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_test_message ("%s: %s", path, error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_false (dt_serial_port_is_open (port));
  dir = g_dir_open (lock_dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  g_rmdir (lock_dir);
}

static void
test_not_devices (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-port-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *sock = g_build_filename (dir, "sock", NULL);
  g_autofree char *gone = g_build_filename (dir, "ttyUSB9", NULL);
  g_autoptr (DtPortAccess) ok = dt_port_access_check ("/dev/null");
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (file, "AT\r", -1, NULL));
  g_strlcpy (addr.sun_path, sock, sizeof addr.sun_path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);

  assert_refused (dir, "is a folder, not a serial port");
  assert_refused (fifo, "is a named pipe (FIFO), not a serial port");
  assert_refused (file, "is an ordinary file, not a serial port");
  assert_refused (sock, "is a socket, not a serial port");
  assert_refused (gone, "does not exist");
  /* A character device that is no tty gets past the diagnosis, and open says so. */
  g_assert_cmpint (ok->status, ==, DT_PORT_ACCESS_OK);
  assert_refused ("/dev/null", "is not a serial port");

  close (fd);
  g_unlink (sock);
  g_unlink (fifo);
  g_unlink (file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/modem/port-access/evaluate", test_evaluate);
  g_test_add_func ("/modem/port-access/words", test_words);
  g_test_add_func ("/modem/port-access/not-devices", test_not_devices);
  return g_test_run ();
}
