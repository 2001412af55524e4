/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dt_phonebook_commit_all(): several new entries in one save, all or none (an import).
 * Every entry is checked first, each name against the phonebook and against the others,
 * and the phonebook changes only once the file has them all. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-phonebook-private.h"

static gboolean
check_all (DtPhonebook  *self,
           GPtrArray    *entries,
           GError      **error)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self)) + entries->len > DT_PHONEBOOK_MAX_ENTRIES)
    {
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_TOO_LARGE,
                   _("A phonebook holds at most %u entries"), DT_PHONEBOOK_MAX_ENTRIES);
      return FALSE;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      DtEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *reason = NULL;
      g_autofree char *folded = g_utf8_casefold (dt_entry_get_name (entry), -1);

      if (dt_entry_find_invalid_property (entry, &reason) == NULL &&
          dt_phonebook_validate_name (self, dt_entry_get_name (entry), dt_entry_get_uuid (entry),
                                      &reason) &&
          dt_phonebook_lookup (self, dt_entry_get_uuid (entry)) == NULL &&
          g_hash_table_add (names, g_steal_pointer (&folded)))
        continue;
      if (reason == NULL)
        reason = g_strdup_printf (_("Another entry is already called “%s”"),
                                  dt_entry_get_name (entry));
      /* Translators: an entry's name, and why it cannot be saved. */
      g_set_error (error, DT_PHONEBOOK_ERROR, DT_PHONEBOOK_ERROR_INVALID_ENTRY,
                   _("“%s”: %s"), dt_entry_get_name (entry), reason);
      return FALSE;
    }
  return TRUE;
}

/**
 * dt_phonebook_commit_all:
 * @self: a phonebook
 * @entries: (element-type DtEntry): new entries, none of them in the phonebook
 * @error: DT_PHONEBOOK_ERROR_INVALID_ENTRY (with the entry's name), _TOO_LARGE, or the
 *   write's error
 *
 * Adds @entries in one write of the file.  When any of them is invalid, or the write fails,
 * nothing changes.
 *
 * Returns: whether every entry was saved and added
 */
gboolean
dt_phonebook_commit_all (DtPhonebook  *self,
                         GPtrArray    *entries,
                         GError      **error)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_all (self, entries, error))
    return FALSE;
  if (!_dt_phonebook_write_pending (self, (DtEntry **) entries->pdata, entries->len, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    _dt_phonebook_apply_committed (self, g_ptr_array_index (entries, i));
  return TRUE;
}
