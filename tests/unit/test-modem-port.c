/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSerialPort on a real pty: the UUCP lock file (its name, its HDB content, its removal,
 * stale locks taken over, live ones refused with 633), the termios a modem needs, bytes both
 * ways with the write queue under back-pressure, a dropped line, and nothing left behind (fd,
 * lock file, GSource) whatever state the port is dropped in. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-lock-file.h"
#include "dt-modem-peer.h"
#include "dt-test-loop.h"
#include "dt-serial-port.h"

typedef struct {
  DtModemPeer *peer;
  char *lock_dir;
  char *lock_path;
  char *fds_before;
  int sources_before;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = NULL;
  gboolean has_timeout;

  /* The baseline is taken before the peer exists, and checked after it is gone, so that a
   * test may hang the peer up. */
  f->sources_before = dt_test_count_sources (&has_timeout);
  g_assert_false (has_timeout);
  f->fds_before = dt_test_list_fds ();

  f->peer = dt_modem_peer_new ();
  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_set_silent (f->peer, TRUE);
  f->lock_dir = g_dir_make_tmp ("dialtone-lock-XXXXXX", NULL);
  g_assert_nonnull (f->lock_dir);
  name = dt_serial_port_lock_name (dt_modem_peer_get_device (f->peer));
  f->lock_path = g_build_filename (f->lock_dir, name, NULL);
}

static void
assert_lock_dir_empty (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (d);
  g_assert_cmpstr (g_dir_read_name (d), ==, NULL);
}

/* What a user would find after the port is gone: no fd, no lock file, nothing polled. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fds_after = NULL;
  gboolean has_timeout;

  g_clear_pointer (&f->peer, dt_modem_peer_free);
  fds_after = dt_test_list_fds ();
  g_assert_cmpstr (fds_after, ==, f->fds_before);
  g_assert_cmpint (dt_test_count_sources (&has_timeout), ==, f->sources_before);
  g_assert_false (has_timeout);
  assert_lock_dir_empty (f->lock_dir);

  g_rmdir (f->lock_dir);
  g_free (f->lock_dir);
  g_free (f->lock_path);
  g_free (f->fds_before);
}

static DtSerialPort *
open_port (Fixture *f)
{
  g_autoptr (DtSerialPort) port = dt_serial_port_new (dt_modem_peer_get_device (f->peer),
                                                      f->lock_dir);
  g_autoptr (GError) error = NULL;

  dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_HARDWARE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&port);
}

static void
write_lock (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static char *
read_lock (const char *path)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return g_steal_pointer (&contents);
}

/* A PID that belonged to a process that is gone. */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  g_assert_true (kill (pid, 0) != 0 && errno == ESRCH);
  return pid;
}

static void
test_lock_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-link-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "modem", NULL);
  g_autoptr (DtModemPeer) peer = dt_modem_peer_new ();
  g_autofree char *expected = NULL;
  g_autofree char *name = NULL;
  const char *device = dt_modem_peer_get_device (peer);

  name = dt_serial_port_lock_name ("/dev/ttyS0");
  g_assert_cmpstr (name, ==, "LCK..ttyS0");
  g_clear_pointer (&name, g_free);
  name = dt_serial_port_lock_name ("/dev/pts/12345");
  g_assert_cmpstr (name, ==, "LCK..pts_12345");
  g_clear_pointer (&name, g_free);

  /* A symlink (as in /dev/serial/by-id) locks the device it points to. */
  g_assert_cmpint (symlink (device, link), ==, 0);
  expected = g_strdup_printf ("LCK..pts_%s", device + strlen ("/dev/pts/"));
  name = dt_serial_port_lock_name (link);
  g_assert_cmpstr (name, ==, expected);
  g_unlink (link);
  g_rmdir (dir);
}

static void
test_lock_file (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autofree char *contents = read_lock (f->lock_path);
  g_autofree char *expected = g_strdup_printf ("%10d\n", (int) getpid ());
  g_autoptr (GDir) dir = NULL;
  struct stat st;

  g_assert_cmpstr (dt_serial_port_get_lock_path (port), ==, f->lock_path);
  /* HDB format: ten columns of ASCII PID, a newline, and readable by everyone. */
  g_assert_cmpuint (strlen (contents), ==, 11);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpint (g_stat (f->lock_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* The temporary file the lock was linked from is gone. */
  dir = g_dir_open (f->lock_dir, 0, NULL);
  g_assert_nonnull (g_dir_read_name (dir));
  g_assert_null (g_dir_read_name (dir));

  dt_serial_port_close (port);
  g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
  g_assert_false (dt_serial_port_is_open (port));
  /* Closing twice is harmless. */
  dt_serial_port_close (port);
}

/* Who owns a lock, from its bytes: the text forms, and old UUCP's 4-byte binary PID, even
 * when its first byte happens to be a digit (CI's stale-locks once drew PID 11314, whose
 * bytes begin "2," and were read as PID 2, which is alive). */
static void
test_lock_owner (void)
{
  gint32 pids[] = { 11314, 12345, 4194304 };
  char bytes[4];

  for (gsize i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      memcpy (bytes, &pids[i], sizeof bytes);
      if (memchr (bytes, '\0', sizeof bytes) != NULL)
        g_assert_cmpint (dt_lock_file_parse_owner (bytes, sizeof bytes), ==, pids[i]);
    }
  g_assert_cmpint (dt_lock_file_parse_owner ("     11314\n", 11), ==, 11314);
  g_assert_cmpint (dt_lock_file_parse_owner ("123\n", 4), ==, 123);
  g_assert_cmpint (dt_lock_file_parse_owner ("2,\0\0", 4), ==,
                   G_BYTE_ORDER == G_LITTLE_ENDIAN ? 0x2c32 : 0x322c0000);
}

static void
test_stale_locks (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("%10d\n", (int) getpid ());
  g_autofree char *stale = g_strdup_printf ("%10d\n", (int) dead_pid ());
  gint32 binary = dead_pid ();
  const struct {
    const char *contents;
    gssize length;
  } locks[] = {
    { stale, -1 },                          /* HDB, dead owner */
    { (const char *) &binary, 4 },          /* old binary UUCP, dead owner */
    { "", 0 },                              /* empty: no owner */
    { "garbage\n", -1 },                    /* no PID */
    { "         0\n", -1 },                 /* PID 0 is nobody */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (locks); i++)
    {
      g_autoptr (DtSerialPort) port = NULL;
      g_autofree char *contents = NULL;

      write_lock (f->lock_path, locks[i].contents, locks[i].length);
      port = open_port (f);
      contents = read_lock (f->lock_path);
      g_assert_cmpstr (contents, ==, expected);
    }
}

/* /run/lock is world-writable: whatever another user leaves under the lock's name is read
 * without blocking (a FIFO), without following a link, and at most a few bytes of it.  A
 * FIFO used to hang the main loop for ever; the test runs in a subprocess with a deadline. */
static void
test_hostile_locks (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("%10d\n", (int) getpid ());
  g_autofree char *target = g_build_filename (f->lock_dir, "..elsewhere", NULL);
  g_autofree char *huge = g_strnfill (1024 * 1024, '7');

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A FIFO, a symlink to a file that names a live process (PID 1), a file of a million
   * digits: none is a lock, each is taken over. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (DtSerialPort) port = NULL;
      g_autofree char *contents = NULL;

      if (i == 0)
        g_assert_cmpint (mkfifo (f->lock_path, 0644), ==, 0);
      else if (i == 1)
        {
          write_lock (target, "         1\n", -1);
          g_assert_cmpint (symlink (target, f->lock_path), ==, 0);
        }
      else
        write_lock (f->lock_path, huge, -1);
      port = open_port (f);
      contents = read_lock (f->lock_path);
      g_assert_cmpstr (contents, ==, expected);
    }
  g_unlink (target);

  /* A directory cannot be removed: a clear 633, at once. */
  {
    g_autoptr (DtSerialPort) port = dt_serial_port_new (dt_modem_peer_get_device (f->peer),
                                                        f->lock_dir);
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (g_mkdir (f->lock_path, 0755), ==, 0);
    g_assert_false (dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_NONE, &error));
    g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
    g_rmdir (f->lock_path);
  }
}

static void
test_live_lock (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = dt_serial_port_new (dt_modem_peer_get_device (f->peer),
                                                      f->lock_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  /* PID 1 is always alive. */
  write_lock (f->lock_path, "         1\n", -1);
  g_assert_false (dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_assert_nonnull (strstr (error->message, "process 1"));
  g_assert_false (dt_serial_port_is_open (port));
  g_assert_null (dt_serial_port_get_lock_path (port));

  /* The other process's lock is left as it was. */
  contents = read_lock (f->lock_path);
  g_assert_cmpstr (contents, ==, "         1\n");
  g_unlink (f->lock_path);
}

/* Two dialers in one process: the second is refused, and the first keeps its lock. */
static void
test_second_opener (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (DtSerialPort) first = open_port (f);
  g_autoptr (DtSerialPort) second = dt_serial_port_new (dt_modem_peer_get_device (f->peer),
                                                        f->lock_dir);
  g_autoptr (GError) error = NULL;

  g_assert_false (dt_serial_port_open (second, 115200, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_clear_object (&second);
  g_assert_true (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
  g_assert_true (dt_serial_port_is_open (first));
}

static void
test_missing_device (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = dt_serial_port_new ("/dev/dialtone-no-such-modem",
                                                      f->lock_dir);
  g_autoptr (GError) error = NULL;

  g_assert_false (dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_assert_nonnull (strstr (error->message, "/dev/dialtone-no-such-modem"));

  /* A file that is not a tty is refused too. */
  g_clear_error (&error);
  g_clear_object (&port);
  port = dt_serial_port_new ("/dev/null", f->lock_dir);
  g_assert_false (dt_serial_port_open (port, 115200, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
}

/* With no lock directory given, the lock goes to the system's (or the per-user fallback). */
static void
test_system_lock_dir (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = dt_serial_port_find_lock_dir ();
  g_autofree char *name = dt_serial_port_lock_name (dt_modem_peer_get_device (f->peer));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (DtSerialPort) port = dt_serial_port_new (dt_modem_peer_get_device (f->peer), NULL);
  g_autoptr (GError) error = NULL;

  if (access ("/run/lock", W_OK) == 0)
    g_assert_cmpstr (dir, ==, "/run/lock");
  g_assert_true (dt_serial_port_open (port, 0, DT_FLOW_CONTROL_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dt_serial_port_get_lock_path (port), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&port);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_termios (Fixture       *f,
              gconstpointer  data)
{
  int slave = dt_modem_peer_get_slave_fd (f->peer);
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autoptr (GError) error = NULL;
  struct termios t;

  /* The peer's own fd on the same tty sees what the port set: 115200 8N1, RTS/CTS, raw,
   * CLOCAL for the dialog, HUPCL so a close hangs up. */
  g_assert_cmpint (tcgetattr (slave, &t), ==, 0);
  g_assert_cmpuint (cfgetospeed (&t), ==, B115200);
  g_assert_cmpuint (cfgetispeed (&t), ==, B115200);
  g_assert_cmpuint (t.c_cflag & CSIZE, ==, CS8);
  g_assert_cmpuint (t.c_cflag & (PARENB | CSTOPB), ==, 0);
  g_assert_cmpuint (t.c_cflag & (CRTSCTS | CLOCAL | HUPCL | CREAD), ==,
                    CRTSCTS | CLOCAL | HUPCL | CREAD);
  g_assert_cmpuint (t.c_iflag & (IXON | IXOFF | ICRNL | INLCR), ==, 0);
  g_assert_cmpuint (t.c_lflag & (ICANON | ECHO | ISIG), ==, 0);
  g_assert_cmpuint (t.c_oflag & OPOST, ==, 0);
  g_assert_cmpuint (dt_serial_port_get_speed (port), ==, 115200);

  /* After CONNECT the carrier matters. */
  g_assert_true (dt_serial_port_set_local (port, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tcgetattr (slave, &t), ==, 0);
  g_assert_cmpuint (t.c_cflag & CLOCAL, ==, 0);
  dt_serial_port_close (port);

  g_assert_true (dt_serial_port_open (port, 921600, DT_FLOW_CONTROL_SOFTWARE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tcgetattr (slave, &t), ==, 0);
  g_assert_cmpuint (cfgetospeed (&t), ==, B921600);
  g_assert_cmpuint (t.c_cflag & CRTSCTS, ==, 0);
  g_assert_cmpuint (t.c_iflag & (IXON | IXOFF), ==, IXON | IXOFF);
  dt_serial_port_close (port);

  g_assert_true (dt_serial_port_open (port, 9600, DT_FLOW_CONTROL_NONE, &error));
  g_assert_cmpint (tcgetattr (slave, &t), ==, 0);
  g_assert_cmpuint (cfgetospeed (&t), ==, B9600);
  g_assert_cmpuint (t.c_cflag & CRTSCTS, ==, 0);
  g_assert_cmpuint (t.c_iflag & (IXON | IXOFF), ==, 0);
  dt_serial_port_close (port);

  /* A rate the kernel has no constant for is refused, and leaves no lock. */
  g_assert_false (dt_serial_port_open (port, 12345, DT_FLOW_CONTROL_NONE, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_assert_false (dt_serial_port_is_open (port));
}

/* A pty has no DTR or DCD: the port says so instead of pretending. */
static void
test_no_modem_lines_on_pty (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autoptr (GError) error = NULL;
  gboolean carrier = TRUE;

  g_assert_false (dt_serial_port_set_dtr (port, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (dt_serial_port_get_carrier (port, &carrier, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
on_data_received (DtSerialPort *port,
                  GBytes       *bytes,
                  gpointer      user_data)
{
  GByteArray *received = user_data;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_byte_array_append (received, data, (guint) length);
}

static void
test_bytes_both_ways (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autoptr (GByteArray) received = g_byte_array_new ();
  static const char binary[] = "~\xff\x03\xc0\x21\x00\x7d\x5e~";

  g_signal_connect (port, "data-received", G_CALLBACK (on_data_received), received);

  g_assert_true (dt_serial_port_write (port, binary, sizeof binary - 1));
  dt_modem_peer_send (f->peer, "\r\nCONNECT 33600\r\n\x00\xff", 19);
  while (received->len < 19 || dt_modem_peer_get_received (f->peer)->len < sizeof binary - 1)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpmem (received->data, received->len, "\r\nCONNECT 33600\r\n\x00\xff", 19);
  g_assert_cmpmem (dt_modem_peer_get_received (f->peer)->data,
                   dt_modem_peer_get_received (f->peer)->len, binary, sizeof binary - 1);
}

/* With a delimiter (PPP's flag), the port hands over bytes when the delimiter has come: a
 * frame in pieces is one delivery, every byte value passes unchanged (the editing characters
 * of the tty's canonical mode are all off), several frames come in one wake-up, and going
 * back to raw hands over what waits. */
static void
test_delimiter (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autoptr (GByteArray) received = g_byte_array_new ();
  g_autoptr (GByteArray) frame = g_byte_array_new ();
  gint64 end;

  g_signal_connect (port, "data-received", G_CALLBACK (on_data_received), received);
  dt_serial_port_set_delimiter (port, 0x7e);
  for (guint i = 0; i < 256; i++)
    if (i != 0x7e && i != '\n')
      g_byte_array_append (frame, (const guint8[]) { i }, 1);

  /* Half a frame: nothing, however long it waits. */
  dt_modem_peer_send (f->peer, (const char *) frame->data, 100);
  end = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (received->len, ==, 0);
  /* The rest and the flag: all of it at once, unchanged. */
  dt_modem_peer_send (f->peer, (const char *) frame->data + 100, frame->len - 100);
  dt_modem_peer_send (f->peer, "~", 1);
  while (received->len < frame->len + 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (received->data, frame->len, frame->data, frame->len);
  g_assert_cmpuint (received->data[frame->len], ==, 0x7e);

  /* Three frames waiting: one delivery. */
  g_byte_array_set_size (received, 0);
  dt_modem_peer_send (f->peer, "\x21\x45\x00~\x21\x46~\x21\x47~", 10);
  g_usleep (200 * 1000);
  g_assert_true (g_main_context_iteration (NULL, TRUE));
  g_assert_cmpmem (received->data, received->len, "\x21\x45\x00~\x21\x46~\x21\x47~", 10);

  /* A newline always ends a "line"; raw again, what waits comes at once. */
  g_byte_array_set_size (received, 0);
  dt_modem_peer_send (f->peer, "NO CARRIER\r\n", 12);
  dt_modem_peer_send (f->peer, "OK", 2);
  while (received->len < 12)
    g_main_context_iteration (NULL, TRUE);
  dt_serial_port_set_delimiter (port, -1);
  while (received->len < 14)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (received->data, received->len, "NO CARRIER\r\nOK", 14);
}

/* More than the pty takes at once: the rest waits in the queue and goes out in order as
 * the peer reads; past the cap, writes are refused rather than buffered without bound. */
static void
test_write_queue (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  g_autoptr (GByteArray) sent = g_byte_array_new ();
  guint8 block[1000];
  GByteArray *received;

  for (guint n = 0; n < 60; n++)
    {
      for (gsize i = 0; i < sizeof block; i++)
        block[i] = (guint8) (n * 7 + i);
      g_assert_true (dt_serial_port_write (port, block, sizeof block));
      g_byte_array_append (sent, block, sizeof block);
    }
  g_assert_cmpuint (dt_serial_port_get_queued (port), >, 0);
  g_assert_false (dt_serial_port_write (port, block, DT_SERIAL_PORT_MAX_QUEUE));

  received = dt_modem_peer_get_received (f->peer);
  while (received->len < sent->len)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (received->data, received->len, sent->data, sent->len);
  g_assert_cmpuint (dt_serial_port_get_queued (port), ==, 0);
}

static void
on_carrier_lost (DtSerialPort *port,
                 gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
test_carrier_lost (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  guint lost = 0;

  g_signal_connect (port, "carrier-lost", G_CALLBACK (on_carrier_lost), &lost);
  dt_modem_peer_hang_up (f->peer);
  while (lost == 0)
    g_main_context_iteration (NULL, TRUE);
  dt_test_sleep (50);

  g_assert_cmpuint (lost, ==, 1);
  g_assert_false (dt_serial_port_write (port, "x", 1));
  /* Still open and locked until closed. */
  g_assert_true (dt_serial_port_is_open (port));
  g_assert_true (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
}

/* Dropped with a queue waiting and both watches on: the tear-down finds nothing left. */
static void
test_dispose_while_busy (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (DtSerialPort) port = open_port (f);
  guint8 block[32 * 1024] = { 0 };

  g_assert_true (dt_serial_port_write (port, block, sizeof block));
  g_assert_true (dt_serial_port_write (port, block, sizeof block));
  g_assert_cmpuint (dt_serial_port_get_queued (port), >, 0);
  g_assert_finalize_object (g_steal_pointer (&port));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/modem/port/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/modem/port/lock-name", test_lock_name);
  g_test_add_func ("/modem/port/lock-owner", test_lock_owner);
  ADD ("lock-file", test_lock_file);
  ADD ("stale-locks", test_stale_locks);
  ADD ("hostile-locks", test_hostile_locks);
  ADD ("live-lock", test_live_lock);
  ADD ("second-opener", test_second_opener);
  ADD ("missing-device", test_missing_device);
  ADD ("system-lock-dir", test_system_lock_dir);
  ADD ("termios", test_termios);
  ADD ("no-modem-lines-on-pty", test_no_modem_lines_on_pty);
  ADD ("bytes-both-ways", test_bytes_both_ways);
  ADD ("write-queue", test_write_queue);
  ADD ("delimiter", test_delimiter);
  ADD ("carrier-lost", test_carrier_lost);
  ADD ("dispose-while-busy", test_dispose_while_busy);

#undef ADD

  return g_test_run ();
}
