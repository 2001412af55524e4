/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Port permissions, diagnosed.  Debian, Ubuntu and Fedora make serial ports root:dialout
 * 0660, so the usual answer is "join the dialout group".  Two lists of groups tell the cases
 * apart: the process's own (fixed at login) and the group database's (/etc/group through
 * NSS, which usermod changes at once).  A group in the database but not in the process means
 * the user was added and has not logged in again: no command helps, a new login does.
 *
 * access() decides first, so that an ACL (logind's uaccess) or root counts as access; the
 * mode bits are read only to explain a refusal. */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dt-port-access.h"

#define MAX_GROUPS 1024

static gboolean
has_gid (const gid_t *groups,
         gsize        n,
         gid_t        gid)
{
  for (gsize i = 0; i < n; i++)
    if (groups[i] == gid)
      return TRUE;
  return FALSE;
}

/**
 * dt_port_access_evaluate:
 *
 * What the mode bits of a character device allow @uid, given its groups now and in the
 * database.  Root, the owner with rw, a member of the group with rw, or anyone when others
 * have rw: %DT_PORT_ACCESS_OK.
 */
DtPortAccessStatus
dt_port_access_evaluate (const struct stat *st,
                         uid_t              uid,
                         const gid_t       *process_groups,
                         gsize              n_process_groups,
                         const gid_t       *database_groups,
                         gsize              n_database_groups)
{
  gboolean group_rw = (st->st_mode & (S_IRGRP | S_IWGRP)) == (S_IRGRP | S_IWGRP);

  g_return_val_if_fail (st != NULL, DT_PORT_ACCESS_DENIED);

  if (!S_ISCHR (st->st_mode))
    return DT_PORT_ACCESS_NOT_DEVICE;
  if (uid == 0)
    return DT_PORT_ACCESS_OK;
  if (st->st_uid == uid && (st->st_mode & (S_IRUSR | S_IWUSR)) == (S_IRUSR | S_IWUSR))
    return DT_PORT_ACCESS_OK;
  if ((st->st_mode & (S_IROTH | S_IWOTH)) == (S_IROTH | S_IWOTH))
    return DT_PORT_ACCESS_OK;
  if (!group_rw)
    return DT_PORT_ACCESS_DENIED;
  if (has_gid (process_groups, n_process_groups, st->st_gid))
    return DT_PORT_ACCESS_OK;
  if (has_gid (database_groups, n_database_groups, st->st_gid))
    return DT_PORT_ACCESS_RELOGIN;
  return DT_PORT_ACCESS_NEED_GROUP;
}

static char *
group_name (gid_t gid)
{
  struct group *gr = getgrgid (gid);

  return gr != NULL ? g_strdup (gr->gr_name) : g_strdup_printf ("%u", (guint) gid);
}

static char *
user_name (uid_t uid)
{
  struct passwd *pw = getpwuid (uid);

  return pw != NULL ? g_strdup (pw->pw_name) : g_strdup_printf ("%u", (guint) uid);
}

static DtPortAccessStatus
evaluate_for_this_process (const struct stat *st,
                           const char        *user)
{
  gid_t process_groups[MAX_GROUPS + 1];
  gid_t database_groups[MAX_GROUPS];
  int n_process;
  int n_database = MAX_GROUPS;
  struct passwd *pw = getpwnam (user);

  n_process = getgroups (MAX_GROUPS, process_groups);
  if (n_process < 0)
    n_process = 0;
  process_groups[n_process++] = getegid ();
  if (pw == NULL || getgrouplist (user, pw->pw_gid, database_groups, &n_database) < 0)
    n_database = 0;
  return dt_port_access_evaluate (st, geteuid (), process_groups, (gsize) n_process,
                                  database_groups, (gsize) n_database);
}

/**
 * dt_port_access_check:
 * @path: a device path; symlinks (/dev/serial/by-id/…) are followed
 *
 * Returns: (transfer full): what stands between this process and the device, if anything
 */
DtPortAccess *
dt_port_access_check (const char *path)
{
  DtPortAccess *access_info = g_new0 (DtPortAccess, 1);
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  access_info->path = g_strdup (path);
  access_info->user = user_name (geteuid ());
  if (g_stat (path, &st) != 0)
    {
      access_info->status = errno == EACCES ? DT_PORT_ACCESS_DENIED : DT_PORT_ACCESS_MISSING;
      return access_info;
    }
  access_info->type = st.st_mode & S_IFMT;
  access_info->group = group_name (st.st_gid);
  access_info->owner = user_name (st.st_uid);
  if (!S_ISCHR (st.st_mode))
    access_info->status = DT_PORT_ACCESS_NOT_DEVICE;
  else if (access (path, R_OK | W_OK) == 0)
    access_info->status = DT_PORT_ACCESS_OK;
  else
    {
      access_info->status = evaluate_for_this_process (&st, access_info->user);
      /* The bits say yes, the kernel says no (an ACL, a read-only mount): no group helps. */
      if (access_info->status == DT_PORT_ACCESS_OK)
        access_info->status = DT_PORT_ACCESS_DENIED;
    }
  return access_info;
}

void
dt_port_access_free (DtPortAccess *access_info)
{
  if (access_info == NULL)
    return;
  g_free (access_info->path);
  g_free (access_info->group);
  g_free (access_info->owner);
  g_free (access_info->user);
  g_free (access_info);
}

static const char *
type_name (mode_t type)
{
  switch (type)
    {
    case S_IFDIR: return _("a folder");
    case S_IFIFO: return _("a named pipe (FIFO)");
    case S_IFSOCK: return _("a socket");
    case S_IFBLK: return _("a block device (a disk)");
    default: return _("an ordinary file");
    }
}

/**
 * dt_port_access_command:
 *
 * Returns: (nullable): the command that gives this user the device, or %NULL when none does
 * (no group grants it, or only a new login is missing)
 */
char *
dt_port_access_command (const DtPortAccess *access_info)
{
  g_return_val_if_fail (access_info != NULL, NULL);

  if (access_info->status != DT_PORT_ACCESS_NEED_GROUP)
    return NULL;
  return g_strdup_printf ("sudo usermod -aG %s %s", access_info->group, access_info->user);
}

/**
 * dt_port_access_describe:
 *
 * Returns: (nullable): why the port cannot be used and what to do, in full sentences on one
 * line (the CLI's last line carries it), or %NULL when it can be used
 */
char *
dt_port_access_describe (const DtPortAccess *access_info)
{
  g_autofree char *command = NULL;

  g_return_val_if_fail (access_info != NULL, NULL);

  switch (access_info->status)
    {
    case DT_PORT_ACCESS_MISSING:
      return g_strdup_printf (_("%s does not exist. Check that the modem is plugged in and "
                                "switched on, or pick another port."), access_info->path);
    case DT_PORT_ACCESS_NOT_DEVICE:
      return g_strdup_printf (_("%s is %s, not a serial port. Pick the modem's port, such as "
                                "/dev/ttyUSB0 or /dev/ttyACM0."), access_info->path,
                              type_name (access_info->type));
    case DT_PORT_ACCESS_NEED_GROUP:
      command = dt_port_access_command (access_info);
      /* Translators: %1$s is the port, %2$s its group (usually dialout), %3$s a command. */
      return g_strdup_printf (_("You may not use %1$s: only members of the “%2$s” group may. "
                                "To join it, run “%3$s”, then log out and log in again."),
                              access_info->path, access_info->group, command);
    case DT_PORT_ACCESS_RELOGIN:
      return g_strdup_printf (_("You may not use %1$s yet: you were added to the “%2$s” group "
                                "after this session started. Log out and log in again (or "
                                "restart the computer), then dial again."),
                              access_info->path, access_info->group);
    case DT_PORT_ACCESS_DENIED:
      return g_strdup_printf (_("You may not use %1$s: only %2$s may open it, and no group "
                                "gives access to it. Ask the computer's administrator."),
                              access_info->path,
                              access_info->owner != NULL ? access_info->owner : "root");
    case DT_PORT_ACCESS_OK:
    default:
      return NULL;
    }
}

/**
 * dt_port_access_short:
 *
 * Returns: (nullable): the reason in a few words, for a list of ports
 */
char *
dt_port_access_short (const DtPortAccess *access_info)
{
  g_return_val_if_fail (access_info != NULL, NULL);

  switch (access_info->status)
    {
    case DT_PORT_ACCESS_MISSING:
      return g_strdup (_("Not present"));
    case DT_PORT_ACCESS_NOT_DEVICE:
      return g_strdup (_("Not a serial port"));
    case DT_PORT_ACCESS_NEED_GROUP:
      return g_strdup_printf (_("You cannot open it: join the “%s” group"), access_info->group);
    case DT_PORT_ACCESS_RELOGIN:
      return g_strdup_printf (_("You cannot open it until you log in again (new “%s” group)"),
                              access_info->group);
    case DT_PORT_ACCESS_DENIED:
      return g_strdup (_("You cannot open it: only the administrator can"));
    case DT_PORT_ACCESS_OK:
    default:
      return NULL;
    }
}
