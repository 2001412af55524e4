/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why this user may not open a serial port, in words a desktop user can act on: the device's
 * group and whether the user is in it, or was added to it but has not logged in again since,
 * or that the path is not a device at all.  Used before a port is opened, when open() fails
 * with EACCES or EPERM, and to mark the ports in the editor's port list. */
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DT_PORT_ACCESS_OK,
  DT_PORT_ACCESS_MISSING,        /* nothing at that path (a device that was unplugged) */
  DT_PORT_ACCESS_NOT_DEVICE,     /* a directory, a FIFO, a regular file, a socket */
  DT_PORT_ACCESS_NEED_GROUP,     /* the device's group may use it; the user is not in it */
  DT_PORT_ACCESS_RELOGIN,        /* added to that group, but this session predates it */
  DT_PORT_ACCESS_DENIED,         /* no group grants it: only its owner (root) may */
} DtPortAccessStatus;

typedef struct {
  DtPortAccessStatus status;
  char *path;
  char *group;                   /* the device's group, for NEED_GROUP and RELOGIN */
  char *owner;                   /* the device's owner, for DENIED */
  char *user;                    /* this user's login name */
  mode_t type;                   /* S_IFMT bits, for NOT_DEVICE */
} DtPortAccess;

/* The decision alone, from a stat() and the two lists of groups: the process's own
 * (getgroups) and the group database's (getgrouplist).  Gives the gid that would grant
 * access in *group_gid. */
DtPortAccessStatus dt_port_access_evaluate (const struct stat *st,
                                            uid_t              uid,
                                            const gid_t       *process_groups,
                                            gsize              n_process_groups,
                                            const gid_t       *database_groups,
                                            gsize              n_database_groups);

DtPortAccess *dt_port_access_check       (const char         *path);
void          dt_port_access_free        (DtPortAccess       *access);
char         *dt_port_access_describe    (const DtPortAccess *access);
char         *dt_port_access_short       (const DtPortAccess *access);
char         *dt_port_access_command     (const DtPortAccess *access);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPortAccess, dt_port_access_free)

G_END_DECLS
