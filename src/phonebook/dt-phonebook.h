/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPhonebook: the saved entries, as a GListModel of DtEntry sorted by name, stored in
 * $XDG_CONFIG_HOME/dialtone/phonebook.ini.  Changes are saved on their own shortly after
 * they happen; edits made elsewhere (a text editor, dialtone-cli) are picked up while the
 * app runs.  A file that cannot be parsed is kept aside, never overwritten. */
#pragma once

#include <gio/gio.h>

#include "dt-entry.h"

G_BEGIN_DECLS

#define DT_PHONEBOOK_ERROR (dt_phonebook_error_quark ())

typedef enum {
  DT_PHONEBOOK_ERROR_CORRUPT,        /* the file does not parse; it was moved aside */
  DT_PHONEBOOK_ERROR_TOO_LARGE,      /* over DT_PHONEBOOK_MAX_FILE_SIZE or _MAX_ENTRIES */
  DT_PHONEBOOK_ERROR_UNREADABLE,     /* the file exists but cannot be read: never overwritten */
  DT_PHONEBOOK_ERROR_INVALID_ENTRY,  /* dt_phonebook_commit() of an entry that fails validation */
} DtPhonebookError;

/* No phonebook comes near this; a bigger file is not one, and is not read into memory. */
#define DT_PHONEBOOK_MAX_FILE_SIZE (4 * 1024 * 1024)
/* Nor this: under the size cap, short entries could number 300,000, and each costs time to
 * load and about 2 KiB of memory (bench/bench-phonebook).  A file with more is moved aside
 * whole, as one over the size cap is, and reported. */
#define DT_PHONEBOOK_MAX_ENTRIES 10000

#define DT_TYPE_PHONEBOOK (dt_phonebook_get_type ())

G_DECLARE_FINAL_TYPE (DtPhonebook, dt_phonebook, DT, PHONEBOOK, GObject)

/* Properties: "path" (construct-only), "n-items".
 * Signals:
 *   "file-moved-aside" (const char *moved_to, guint line, const char *message): the file did
 *     not parse (line is 0 when no line is at fault) and was renamed to moved_to, or left in
 *     place when moved_to is NULL.  The entries in memory are kept and saved again.
 *   "save-failed" (GError *error): a save that happened on its own failed; the changes stay
 *     in memory and are saved with the next change.
 */

GQuark       dt_phonebook_error_quark      (void);
char        *dt_phonebook_get_default_path (void);

DtPhonebook *dt_phonebook_new              (const char   *path);
const char  *dt_phonebook_get_path         (DtPhonebook  *self);

gboolean     dt_phonebook_load             (DtPhonebook  *self,
                                            GError      **error);
gboolean     dt_phonebook_save             (DtPhonebook  *self,
                                            GError      **error);
gboolean     dt_phonebook_flush            (DtPhonebook  *self,
                                            GError      **error);

gboolean     dt_phonebook_commit           (DtPhonebook  *self,
                                            DtEntry      *edited,
                                            GError      **error);
gboolean     dt_phonebook_commit_all       (DtPhonebook  *self,
                                            GPtrArray    *entries,
                                            GError      **error);
void         dt_phonebook_add              (DtPhonebook  *self,
                                            DtEntry      *entry);
void         dt_phonebook_remove           (DtPhonebook  *self,
                                            DtEntry      *entry);

DtEntry     *dt_phonebook_lookup           (DtPhonebook  *self,
                                            const char   *uuid);
DtEntry     *dt_phonebook_lookup_by_name   (DtPhonebook  *self,
                                            const char   *name);
gboolean     dt_phonebook_find             (DtPhonebook  *self,
                                            DtEntry      *entry,
                                            guint        *position);

gboolean     dt_phonebook_validate_name    (DtPhonebook  *self,
                                            const char   *name,
                                            const char   *uuid,
                                            char        **reason);
char        *dt_phonebook_make_unique_name (DtPhonebook  *self,
                                            const char   *name);

G_END_DECLS
