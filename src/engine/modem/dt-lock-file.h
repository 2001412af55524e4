/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a UUCP lock file's owner, which anyone who can write the lock directory (/run/lock
 * is world-writable) controls: it may be a FIFO, a symlink, a directory, a huge file or
 * garbage.  The reader never blocks, never follows a link, reads at most
 * DT_LOCK_FILE_MAX_READ bytes, and takes only a regular file. */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

#define DT_LOCK_FILE_MAX_READ 32

/* The PID in the first @length bytes of a lock file: HDB ASCII (spaces, digits, an optional
 * newline), or the 4-byte binary PID of old UUCP.  0 when they hold no PID. */
pid_t dt_lock_file_parse_owner (const char *contents,
                                gsize       length);

/* The owner of the lock file at @path: -1 when it does not exist, 0 when it holds no PID or
 * is not a regular file (a FIFO, a link, a directory), else the PID. */
pid_t dt_lock_file_read_owner  (const char *path);

G_END_DECLS
