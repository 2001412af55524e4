/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding serial ports without touching them.  The kernel creates /dev/ttyS0…ttyS31 whether
 * or not a UART exists; a port with no hardware reports type 0 (PORT_UNKNOWN), which sysfs
 * shows as /sys/class/tty/ttySN/type (the value TIOCGSERIAL returns).  Reading sysfs does not
 * open the device, so no DTR is raised on a modem that is in use; TIOCGSERIAL on a
 * non-blocking open is the fallback when sysfs lacks the attribute. */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/serial.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "dt-serial-ports.h"

static gboolean
name_has_prefix_and_number (const char *name,
                            const char *prefix)
{
  const char *p;

  if (!g_str_has_prefix (name, prefix))
    return FALSE;
  p = name + strlen (prefix);
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
uart_type_from_ioctl (const char *device,
                      int        *type)
{
  struct serial_struct info;
  int fd;
  gboolean ok;

  fd = g_open (device, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, TIOCGSERIAL, &info) == 0;
  if (ok)
    *type = info.type;
  close (fd);
  return ok;
}

static gboolean
is_real_uart (const char *dev_dir,
              const char *sys_tty_dir,
              const char *name)
{
  g_autofree char *type_path = g_build_filename (sys_tty_dir, name, "type", NULL);
  g_autofree char *device = g_build_filename (dev_dir, name, NULL);
  g_autofree char *text = NULL;
  gint64 type;

  if (g_file_get_contents (type_path, &text, NULL, NULL) &&
      g_ascii_string_to_signed (g_strstrip (text), 10, 0, G_MAXINT, &type, NULL))
    return type != 0;

  {
    int ioctl_type;

    return uart_type_from_ioctl (device, &ioctl_type) && ioctl_type != 0;
  }
}

static void
add_dir (GPtrArray  *ports,
         const char *dir_path,
         const char *sys_tty_dir,
         gboolean    everything)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gboolean wanted;

      if (name[0] == '.')
        wanted = FALSE;
      else if (everything)
        wanted = TRUE;
      else if (name_has_prefix_and_number (name, "ttyUSB") ||
               name_has_prefix_and_number (name, "ttyACM"))
        wanted = TRUE;
      else if (name_has_prefix_and_number (name, "ttyS"))
        wanted = is_real_uart (dir_path, sys_tty_dir, name);
      else
        wanted = FALSE;

      if (wanted)
        g_ptr_array_add (ports, g_build_filename (dir_path, name, NULL));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (*(const char **) a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (*(const char **) b, -1);

  return strcmp (ka, kb);
}

/**
 * dt_serial_ports_list_in:
 * @dev_dir: where device nodes are, normally "/dev"
 * @sys_tty_dir: the sysfs tty class, normally "/sys/class/tty"
 *
 * Returns: (transfer full): the ports' paths, in natural order (ttyS2 before ttyS10)
 */
char **
dt_serial_ports_list_in (const char *dev_dir,
                         const char *sys_tty_dir)
{
  g_autoptr (GPtrArray) ports = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) stable = g_ptr_array_new ();
  g_autofree char *by_id = NULL;

  g_return_val_if_fail (dev_dir != NULL && sys_tty_dir != NULL, NULL);

  add_dir (ports, dev_dir, sys_tty_dir, FALSE);
  g_ptr_array_sort (ports, compare_paths);

  /* The stable names after the kernel's, each group in order. */
  by_id = g_build_filename (dev_dir, "serial", "by-id", NULL);
  g_ptr_array_set_free_func (stable, g_free);
  add_dir (stable, by_id, sys_tty_dir, TRUE);
  g_ptr_array_sort (stable, compare_paths);
  for (guint i = 0; i < stable->len; i++)
    g_ptr_array_add (ports, g_steal_pointer (&g_ptr_array_index (stable, i)));

  g_ptr_array_add (ports, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ports), FALSE);
}

char **
dt_serial_ports_list (void)
{
  return dt_serial_ports_list_in ("/dev", "/sys/class/tty");
}
