/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The phonebook file on disk: reading it with a size cap, parsing it with the line number
 * of the first bad line, moving a bad file aside, and wording write errors.  Used by dt-phonebook.c only. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes   *dt_phonebook_file_read       (const char  *path,
                                        GError     **error);
GKeyFile *dt_phonebook_file_parse      (GBytes      *bytes,
                                        guint       *line,
                                        GError     **error);
char     *dt_phonebook_file_move_aside (const char  *path,
                                        GError     **error);
void      dt_phonebook_file_explain_write_error (GError     *error,
                                                 const char *dir);
void      dt_phonebook_file_copy_group (GKeyFile    *from,
                                        GKeyFile    *to,
                                        const char  *group);

G_END_DECLS
