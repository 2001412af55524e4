/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSerialPort: the serial device under a UUCP lock, in raw 8N1, on the GLib main loop.
 *
 * The lock is an HDB-style UUCP lock file, the convention minicom, ModemManager's helpers,
 * cu and lockdev share: "LCK..<name>" holding the owner's PID as ten ASCII columns and a
 * newline.  <name> is the device's basename after symlinks are resolved (so that
 * /dev/serial/by-id/… and /dev/ttyUSB0 lock the same file), and "pts_N" for /dev/pts/N.
 * The lock lives in /run/lock, else /var/lock.  When neither is writable by the user (a
 * system that keeps them for the dialout group only), it falls back to
 * $XDG_RUNTIME_DIR/dialtone/lock: that only keeps two Dialtone dials of one user apart,
 * which is all such a user can do anyway, and TIOCEXCL still keeps other openers off the
 * device.  A lock whose owner is gone (kill (pid, 0) gives ESRCH) or that holds no PID is
 * stale and is taken over.
 *
 * The port opens in CLOCAL mode so that the AT dialog works without carrier; the modem
 * clears CLOCAL after CONNECT, so that a carrier drop hangs the tty up and reads fail, which
 * is reported as ::carrier-lost.  On a pty (the test ISP's line) the modem-control ioctls
 * fail with ENOTTY or EINVAL: dt_serial_port_set_dtr() and dt_serial_port_get_carrier() then
 * give G_IO_ERROR_NOT_SUPPORTED, and the caller falls back to in-band signalling. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-lock-file.h"
#include "dt-port-access.h"
#include "dt-serial-port.h"

#define READ_CHUNK 4096

struct _DtSerialPort
{
  GObject parent_instance;

  char *path;
  char *lock_dir;        /* as constructed; NULL = dt_serial_port_find_lock_dir () */
  char *lock_path;       /* the lock file we hold, or NULL */

  int fd;
  guint speed;
  struct termios saved;  /* the device's settings before we opened it */
  gboolean have_saved;
  gboolean dead;         /* ::carrier-lost has been emitted */
  gboolean gone;         /* ... for a read or write error: the device itself went away */

  guint read_id;
  guint write_id;
  GByteArray *queue;
  int delimiter;         /* the line discipline's end of "line" (VEOL), or -1: raw */
};

G_DEFINE_FINAL_TYPE (DtSerialPort, dt_serial_port, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOCK_DIR,
  PROP_IS_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DATA_RECEIVED,
  SIGNAL_CARRIER_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  guint bps;
  speed_t code;
} standard_speeds[] = {
  { 50, B50 }, { 75, B75 }, { 110, B110 }, { 134, B134 }, { 150, B150 }, { 200, B200 },
  { 300, B300 }, { 600, B600 }, { 1200, B1200 }, { 1800, B1800 }, { 2400, B2400 },
  { 4800, B4800 }, { 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 },
  { 57600, B57600 }, { 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 },
  { 500000, B500000 }, { 576000, B576000 }, { 921600, B921600 },
};

/* ---- UUCP lock files ------------------------------------------------------------------- */

/**
 * dt_serial_port_lock_name:
 * @path: a device path
 *
 * The UUCP lock file name for @path: "LCK..ttyS0", "LCK..pts_3".
 */
char *
dt_serial_port_lock_name (const char *path)
{
  g_autofree char *real = NULL;
  g_autofree char *base = NULL;
  char *resolved;

  g_return_val_if_fail (path != NULL, NULL);

  resolved = realpath (path, NULL);
  real = g_strdup (resolved != NULL ? resolved : path);
  free (resolved);

  if (g_str_has_prefix (real, "/dev/pts/"))
    return g_strdup_printf ("LCK..pts_%s", real + strlen ("/dev/pts/"));
  base = g_path_get_basename (real);
  return g_strdup_printf ("LCK..%s", base);
}

static gboolean
is_writable_dir (const char *dir)
{
  struct stat st;

  return g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode) && access (dir, W_OK | X_OK) == 0;
}

/**
 * dt_serial_port_find_lock_dir:
 *
 * The directory for lock files: /run/lock, else /var/lock, else the per-user fallback
 * $XDG_RUNTIME_DIR/dialtone/lock (created on demand).
 */
char *
dt_serial_port_find_lock_dir (void)
{
  static const char * const system_dirs[] = { "/run/lock", "/var/lock" };
  char *fallback;

  for (gsize i = 0; i < G_N_ELEMENTS (system_dirs); i++)
    if (is_writable_dir (system_dirs[i]))
      return g_strdup (system_dirs[i]);

  fallback = g_build_filename (g_get_user_runtime_dir (), "dialtone", "lock", NULL);
  if (g_mkdir_with_parents (fallback, 0700) != 0)
    g_debug ("Cannot create %s: %s", fallback, g_strerror (errno));
  return fallback;
}

/* The PID in a lock file (dt-lock-file.c): 0 when the file holds no PID or is not a regular
 * file, -1 when it is gone. */
static pid_t
read_lock_owner (const char *lock_path)
{
  return dt_lock_file_read_owner (lock_path);
}

static gboolean
process_is_alive (pid_t pid)
{
  return kill (pid, 0) == 0 || errno == EPERM;
}

static char *
write_temporary_lock (const char  *dir,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, name);
  g_autofree char *contents = g_strdup_printf ("%10d\n", (int) getpid ());
  gsize length = strlen (contents);
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                   _("Cannot create a lock file in %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  /* Other users' dialers must be able to read the PID to detect a stale lock. */
  if (fchmod (fd, 0644) != 0 || write (fd, contents, length) != (gssize) length)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                   _("Cannot write the lock file %s: %s"), tmp, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmp);
}

/* Creates the lock atomically: the complete file is written under a temporary name and then
 * hard-linked to its real name, so that nobody ever reads a half-written lock. */
static gboolean
acquire_lock (DtSerialPort  *self,
              GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = dt_serial_port_lock_name (self->path);
  g_autofree char *lock_path = NULL;
  g_autofree char *tmp = NULL;

  dir = self->lock_dir != NULL ? g_strdup (self->lock_dir) : dt_serial_port_find_lock_dir ();
  lock_path = g_build_filename (dir, name, NULL);
  tmp = write_temporary_lock (dir, name, error);
  if (tmp == NULL)
    return FALSE;

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      pid_t owner;

      if (link (tmp, lock_path) == 0)
        {
          g_unlink (tmp);
          self->lock_path = g_steal_pointer (&lock_path);
          return TRUE;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_unlink (tmp);
          g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                       _("Cannot create the lock file %s: %s"), lock_path,
                       g_strerror (saved_errno));
          return FALSE;
        }

      owner = read_lock_owner (lock_path);
      if (owner > 0 && process_is_alive (owner))
        {
          g_unlink (tmp);
          g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                       _("%s is in use by process %d (lock file %s)."), self->path,
                       (int) owner, lock_path);
          return FALSE;
        }
      if (owner >= 0)
        {
          g_debug ("Removing the stale lock %s of process %d", lock_path, (int) owner);
          if (g_unlink (lock_path) != 0 && errno != ENOENT)
            g_debug ("Cannot remove %s: %s", lock_path, g_strerror (errno));
        }
    }

  g_unlink (tmp);
  g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
               _("Cannot take the lock file %s."), lock_path);
  return FALSE;
}

static void
release_lock (DtSerialPort *self)
{
  if (self->lock_path == NULL)
    return;
  /* Never remove a lock that someone else took over after declaring ours stale. */
  if (read_lock_owner (self->lock_path) == getpid ())
    g_unlink (self->lock_path);
  else
    g_debug ("Lock %s no longer ours; leaving it", self->lock_path);
  g_clear_pointer (&self->lock_path, g_free);
}

/* ---- I/O ------------------------------------------------------------------------------- */

/* The queue may hold a password (PAP's request, a login script's answer): what leaves it is
 * wiped, and it never grows (it is allocated at its limit), so that no copy stays behind in
 * memory that was freed or moved. */
static void
queue_consume (DtSerialPort *self,
               gsize         n)
{
  gsize len = self->queue->len;

  g_byte_array_remove_range (self->queue, 0, (guint) n);
  explicit_bzero (self->queue->data + self->queue->len, len - self->queue->len);
}

static void
queue_clear (DtSerialPort *self)
{
  explicit_bzero (self->queue->data, self->queue->len);
  g_byte_array_set_size (self->queue, 0);
}

static void
mark_dead (DtSerialPort *self)
{
  if (self->dead)
    return;
  self->dead = TRUE;
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  queue_clear (self);
  g_debug ("%s: the line is gone", self->path);
  g_signal_emit (self, signals[SIGNAL_CARRIER_LOST], 0);
}

static gboolean
on_fd_readable (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  DtSerialPort *self = DT_SERIAL_PORT (user_data);
  guint8 buffer[READ_CHUNK];
  gsize got = 0;
  gssize n;

  /* With a delimiter each read() gives one "line": take every one that is there. */
  do
    {
      n = read (fd, buffer + got, sizeof buffer - got);
      if (n > 0)
        got += n;
    }
  while (n > 0 && self->delimiter >= 0 && got < sizeof buffer);
  if (got > 0)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (buffer, got);
      g_autoptr (DtSerialPort) hold = g_object_ref (self);

      g_signal_emit (self, signals[SIGNAL_DATA_RECEIVED], 0, bytes);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EINTR)
      && (condition & (G_IO_HUP | G_IO_ERR)) == 0)
    return G_SOURCE_CONTINUE;

  /* 0 is the end of file a hung-up tty reads: the carrier dropped, unless the device itself
   * is gone with it (a pty whose master closed: its node goes too).  EIO is what a USB
   * adapter reads once unplugged. */
  g_debug ("%s: read: %s", self->path, n == 0 ? "end of file" : g_strerror (errno));
  self->read_id = 0;
  self->gone = n < 0 || !g_file_test (self->path, G_FILE_TEST_EXISTS);
  mark_dead (self);
  return G_SOURCE_REMOVE;
}

static gboolean
flush_queue (DtSerialPort *self)
{
  while (self->queue->len > 0)
    {
      gssize n = write (self->fd, self->queue->data, self->queue->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        return TRUE;
      if (n < 0)
        {
          g_debug ("%s: write: %s", self->path, g_strerror (errno));
          return FALSE;
        }
      queue_consume (self, n);
    }
  return TRUE;
}

static gboolean
on_fd_writable (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  DtSerialPort *self = DT_SERIAL_PORT (user_data);

  if (!flush_queue (self) || (condition & G_IO_ERR) != 0)
    {
      self->write_id = 0;
      self->gone = TRUE;
      mark_dead (self);
      return G_SOURCE_REMOVE;
    }
  if (self->queue->len > 0)
    return G_SOURCE_CONTINUE;
  self->write_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * dt_serial_port_write:
 *
 * Queues @data and writes as much as the device takes now; the rest goes out as the device
 * drains, in order.  Returns FALSE (and queues nothing) when the port is closed, the line is
 * gone, or the queue would grow past %DT_SERIAL_PORT_MAX_QUEUE (flow control has stalled).
 */
gboolean
dt_serial_port_write (DtSerialPort *self,
                      const void   *data,
                      gsize         length)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (self->fd < 0 || self->dead)
    return FALSE;
  if (length > DT_SERIAL_PORT_MAX_QUEUE - self->queue->len)
    {
      g_debug ("%s: write queue full, %zu bytes refused", self->path, length);
      return FALSE;
    }

  g_byte_array_append (self->queue, data, (guint) length);
  /* Errors surface through the fd watch, so that ::carrier-lost is never emitted from
   * inside the caller's own write. */
  if (self->write_id == 0)
    {
      flush_queue (self);
      if (self->queue->len > 0)
        self->write_id = g_unix_fd_add (self->fd, G_IO_OUT | G_IO_ERR, on_fd_writable, self);
    }
  return TRUE;
}

/**
 * dt_serial_port_set_delimiter:
 * @byte: 0..255, or -1 for none
 *
 * Makes the main loop learn that the port is readable only once @byte has arrived (or a
 * newline, which the line discipline always counts), not for every few bytes the line
 * delivers: for a caller whose data comes in units that end with that byte, such as PPP's
 * frames and their flag.  No byte is changed or held back beyond that: the tty's canonical
 * mode does the waiting, with the delimiter as its end-of-line character and every editing
 * character disabled (_POSIX_VDISABLE; echo, signals and extensions off).  Its lines are at
 * most 4095 bytes, so only for units shorter than that.  -1 goes back to raw input, which
 * also hands over whatever waits.  A device that is not a tty ignores it.
 */
void
dt_serial_port_set_delimiter (DtSerialPort *self,
                              int           byte)
{
  struct termios t;

  g_return_if_fail (DT_IS_SERIAL_PORT (self));
  g_return_if_fail (byte >= -1 && byte <= 255);

  if (self->fd < 0 || byte == self->delimiter || tcgetattr (self->fd, &t) != 0)
    return;
  t.c_lflag &= ~(ECHO | ECHONL | ISIG | IEXTEN | ICANON);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  if (byte >= 0)
    {
      t.c_lflag |= ICANON;
      t.c_cc[VEOL] = byte;
      t.c_cc[VEOL2] = _POSIX_VDISABLE;
      t.c_cc[VEOF] = _POSIX_VDISABLE;
      t.c_cc[VERASE] = _POSIX_VDISABLE;
      t.c_cc[VKILL] = _POSIX_VDISABLE;
    }
  if (tcsetattr (self->fd, TCSANOW, &t) == 0)
    self->delimiter = byte;
  else
    g_debug ("%s: cannot set the delimiter: %s", self->path, g_strerror (errno));
}

/* Bytes waiting in the write queue (not counting the kernel's own buffer). */
gsize
dt_serial_port_get_queued (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), 0);

  return self->queue->len;
}

/* Drops everything not yet sent, ours and the kernel's: before a hang-up, so that guard
 * times are real silence and close() does not wait for a stalled line to drain. */
void
dt_serial_port_discard_output (DtSerialPort *self)
{
  g_return_if_fail (DT_IS_SERIAL_PORT (self));

  queue_clear (self);
  g_clear_handle_id (&self->write_id, g_source_remove);
  if (self->fd >= 0)
    tcflush (self->fd, TCOFLUSH);
}

void
dt_serial_port_discard_input (DtSerialPort *self)
{
  g_return_if_fail (DT_IS_SERIAL_PORT (self));

  if (self->fd >= 0)
    tcflush (self->fd, TCIFLUSH);
}

/* ---- termios and modem-control lines --------------------------------------------------- */

static gboolean
lookup_speed (guint    bps,
              speed_t *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (standard_speeds); i++)
    if (standard_speeds[i].bps == bps)
      {
        *code = standard_speeds[i].code;
        return TRUE;
      }
  return FALSE;
}

static gboolean
configure_termios (DtSerialPort   *self,
                   guint           speed,
                   DtFlowControl   flow_control,
                   GError        **error)
{
  struct termios t = self->saved;
  speed_t code;

  cfmakeraw (&t);
  t.c_cflag &= ~(CSIZE | PARENB | CSTOPB | CRTSCTS);
  /* CLOCAL for the AT dialog (no carrier yet); HUPCL so that closing drops DTR even if the
   * process dies. */
  t.c_cflag |= CS8 | CREAD | CLOCAL | HUPCL;
  t.c_iflag &= ~(IXON | IXOFF | IXANY);
  switch (flow_control)
    {
    case DT_FLOW_CONTROL_HARDWARE:
      t.c_cflag |= CRTSCTS;
      break;
    case DT_FLOW_CONTROL_SOFTWARE:
      t.c_iflag |= IXON | IXOFF;
      t.c_cc[VSTART] = 0x11;
      t.c_cc[VSTOP] = 0x13;
      break;
    case DT_FLOW_CONTROL_NONE:
    default:
      break;
    }
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;

  if (speed != 0)
    {
      if (!lookup_speed (speed, &code))
        {
          g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                       _("%s cannot be set to %u bps: that is not a standard serial speed."),
                       self->path, speed);
          return FALSE;
        }
      cfsetspeed (&t, code);
    }

  if (tcsetattr (self->fd, TCSANOW, &t) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                   _("Cannot configure %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  self->speed = speed;
  if (speed == 0)
    for (gsize i = 0; i < G_N_ELEMENTS (standard_speeds); i++)
      if (standard_speeds[i].code == cfgetospeed (&t))
        self->speed = standard_speeds[i].bps;
  return TRUE;
}

static gboolean
set_modem_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  /* A pty has no modem-control lines. */
  if (saved_errno == ENOTTY || saved_errno == EINVAL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "%s: this device has no modem-control lines", what);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

/**
 * dt_serial_port_set_local:
 * @local: TRUE to ignore the carrier (CLOCAL), FALSE to hang up when it drops
 */
gboolean
dt_serial_port_set_local (DtSerialPort  *self,
                          gboolean       local,
                          GError       **error)
{
  struct termios t;

  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (tcgetattr (self->fd, &t) != 0)
    return set_modem_error (error, errno, "tcgetattr");
  if (local)
    t.c_cflag |= CLOCAL;
  else
    t.c_cflag &= ~CLOCAL;
  if (tcsetattr (self->fd, TCSANOW, &t) != 0)
    return set_modem_error (error, errno, "tcsetattr");
  return TRUE;
}

/* Raises or drops DTR.  G_IO_ERROR_NOT_SUPPORTED on a device without modem-control lines. */
gboolean
dt_serial_port_set_dtr (DtSerialPort  *self,
                        gboolean       dtr,
                        GError       **error)
{
  int bits = TIOCM_DTR;

  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (ioctl (self->fd, dtr ? TIOCMBIS : TIOCMBIC, &bits) != 0)
    return set_modem_error (error, errno, dtr ? "TIOCMBIS" : "TIOCMBIC");
  return TRUE;
}

/* Reads DCD.  G_IO_ERROR_NOT_SUPPORTED on a device without modem-control lines. */
gboolean
dt_serial_port_get_carrier (DtSerialPort  *self,
                            gboolean      *carrier,
                            GError       **error)
{
  int bits = 0;

  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);
  g_return_val_if_fail (carrier != NULL, FALSE);
  g_return_val_if_fail (self->fd >= 0, FALSE);

  if (ioctl (self->fd, TIOCMGET, &bits) != 0)
    return set_modem_error (error, errno, "TIOCMGET");
  *carrier = (bits & TIOCM_CAR) != 0;
  return TRUE;
}

/* ---- open and close -------------------------------------------------------------------- */

/* Sets @error to the diagnosis when the device is missing, not a device, or not this user's
 * to open; FALSE when nothing is in the way. */
static gboolean
refuse_inaccessible (DtSerialPort  *self,
                     GError       **error)
{
  g_autoptr (DtPortAccess) access_info = dt_port_access_check (self->path);
  g_autofree char *reason = dt_port_access_describe (access_info);

  if (reason == NULL)
    return FALSE;
  g_set_error_literal (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN, reason);
  return TRUE;
}

static gboolean
open_device (DtSerialPort  *self,
             GError       **error)
{
  int saved_errno;

  self->fd = open (self->path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (self->fd < 0)
    {
      saved_errno = errno;
      if ((saved_errno == EACCES || saved_errno == EPERM || saved_errno == ENOENT ||
           saved_errno == ENXIO || saved_errno == ENODEV) && refuse_inaccessible (self, error))
        return FALSE;
      if (saved_errno == EBUSY)
        g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                     _("%s is in use by another program."), self->path);
      else
        g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                     _("Cannot open %s: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  if (tcgetattr (self->fd, &self->saved) != 0)
    {
      saved_errno = errno;
      g_set_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN,
                   _("%s is not a serial port: %s"), self->path, g_strerror (saved_errno));
      return FALSE;
    }
  self->have_saved = TRUE;
  /* Keep other openers off while we dial (root is exempt, by the kernel's rules). */
  if (ioctl (self->fd, TIOCEXCL) != 0)
    g_debug ("%s: TIOCEXCL: %s", self->path, g_strerror (errno));
  return TRUE;
}

/**
 * dt_serial_port_open:
 * @speed: bps, one of the standard rates up to 921600, or 0 to keep the device's speed
 *
 * Takes the UUCP lock, opens the device without blocking and sets it to raw 8N1 with CLOCAL.
 * Every failure is a %DT_RAS_ERROR_PORT_ALREADY_OPEN (633) with the reason in the message:
 * a lock held by a live process, a device that is missing, busy or not a tty, a port this
 * user may not open (with the group to join, see dt_port_access_describe()), a speed the
 * kernel has no constant for.
 */
gboolean
dt_serial_port_open (DtSerialPort   *self,
                     guint           speed,
                     DtFlowControl   flow_control,
                     GError        **error)
{
  int bits = TIOCM_DTR | TIOCM_RTS;

  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);
  g_return_val_if_fail (self->fd < 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before the lock: a folder, a FIFO or a port this user may not open says why at once. */
  if (refuse_inaccessible (self, error))
    return FALSE;
  if (!acquire_lock (self, error))
    return FALSE;
  if (!open_device (self, error) || !configure_termios (self, speed, flow_control, error))
    {
      dt_serial_port_close (self);
      return FALSE;
    }
  tcflush (self->fd, TCIOFLUSH);
  if (ioctl (self->fd, TIOCMBIS, &bits) != 0)
    g_debug ("%s: cannot raise DTR: %s", self->path, g_strerror (errno));

  self->dead = FALSE;
  self->delimiter = -1;
  self->gone = FALSE;
  self->read_id = g_unix_fd_add (self->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_fd_readable, self);
  g_debug ("%s: open at %u bps, lock %s", self->path, self->speed, self->lock_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
  return TRUE;
}

/**
 * dt_serial_port_close:
 *
 * Drops DTR, discards unsent output, gives the device back its earlier settings (but with
 * HUPCL, so that the last close hangs up), closes it and removes the lock.  Safe to call in
 * any state, and more than once.
 */
void
dt_serial_port_close (DtSerialPort *self)
{
  gboolean was_open;

  g_return_if_fail (DT_IS_SERIAL_PORT (self));

  was_open = self->read_id != 0 || self->fd >= 0;
  g_clear_handle_id (&self->read_id, g_source_remove);
  g_clear_handle_id (&self->write_id, g_source_remove);
  queue_clear (self);

  if (self->fd >= 0)
    {
      int bits = TIOCM_DTR;

      tcflush (self->fd, TCIOFLUSH);
      ioctl (self->fd, TIOCMBIC, &bits);
      if (self->have_saved)
        {
          struct termios restored = self->saved;

          restored.c_cflag |= HUPCL;
          tcsetattr (self->fd, TCSANOW, &restored);
        }
      ioctl (self->fd, TIOCNXCL);
      close (self->fd);
      self->fd = -1;
    }
  self->have_saved = FALSE;
  self->dead = FALSE;
  self->gone = FALSE;
  self->speed = 0;
  release_lock (self);

  if (was_open)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
}

/* ---- GObject --------------------------------------------------------------------------- */

DtSerialPort *
dt_serial_port_new (const char *path,
                    const char *lock_dir)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (DT_TYPE_SERIAL_PORT, "path", path, "lock-dir", lock_dir, NULL);
}

const char *
dt_serial_port_get_path (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), NULL);

  return self->path;
}

/* The lock file held while the port is open, or NULL. */
const char *
dt_serial_port_get_lock_path (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), NULL);

  return self->lock_path;
}

/* After ::carrier-lost: whether the device itself went away (a read or write failed, or its
 * node is gone: a USB modem pulled out, a pty whose other side closed) rather than the
 * carrier (end of file on a tty that DCD hung up). */
gboolean
dt_serial_port_is_gone (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);

  return self->gone;
}

gboolean
dt_serial_port_is_open (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), FALSE);

  return self->fd >= 0;
}

/* The speed the port runs at, in bps, or 0 when closed or not a standard rate. */
guint
dt_serial_port_get_speed (DtSerialPort *self)
{
  g_return_val_if_fail (DT_IS_SERIAL_PORT (self), 0);

  return self->speed;
}

static void
dt_serial_port_dispose (GObject *object)
{
  DtSerialPort *self = DT_SERIAL_PORT (object);

  dt_serial_port_close (self);

  G_OBJECT_CLASS (dt_serial_port_parent_class)->dispose (object);
}

static void
dt_serial_port_finalize (GObject *object)
{
  DtSerialPort *self = DT_SERIAL_PORT (object);

  g_free (self->path);
  g_free (self->lock_dir);
  queue_clear (self);
  g_byte_array_unref (self->queue);

  G_OBJECT_CLASS (dt_serial_port_parent_class)->finalize (object);
}

static void
dt_serial_port_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DtSerialPort *self = DT_SERIAL_PORT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_LOCK_DIR:
      g_value_set_string (value, self->lock_dir);
      break;
    case PROP_IS_OPEN:
      g_value_set_boolean (value, self->fd >= 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_serial_port_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DtSerialPort *self = DT_SERIAL_PORT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_LOCK_DIR:
      self->lock_dir = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_serial_port_class_init (DtSerialPortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_serial_port_dispose;
  object_class->finalize = dt_serial_port_finalize;
  object_class->get_property = dt_serial_port_get_property;
  object_class->set_property = dt_serial_port_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCK_DIR] =
    g_param_spec_string ("lock-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_OPEN] =
    g_param_spec_boolean ("is-open", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtSerialPort::data-received:
   * @bytes: what one read() returned
   */
  signals[SIGNAL_DATA_RECEIVED] =
    g_signal_new ("data-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  /**
   * DtSerialPort::carrier-lost:
   *
   * The line is gone: EIO or HUP on the fd, or end of file once CLOCAL is off and the
   * carrier dropped.  Emitted once; the port stays open (and locked) until closed.
   */
  signals[SIGNAL_CARRIER_LOST] =
    g_signal_new ("carrier-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dt_serial_port_init (DtSerialPort *self)
{
  self->fd = -1;
  self->delimiter = -1;
  self->queue = g_byte_array_sized_new (DT_SERIAL_PORT_MAX_QUEUE);
}
