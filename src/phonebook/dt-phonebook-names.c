/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry names in a phonebook: found without regard to case or surrounding spaces (as a
 * user types them in dialtone-cli), unique per phonebook, and made unique for a duplicate
 * ("Work (2)").  Uses only the phonebook's public list model. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-phonebook.h"

static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

/**
 * dt_phonebook_lookup_by_name:
 *
 * Names compare without case and surrounding spaces, as a user types them in dialtone-cli.
 *
 * Returns: (transfer none) (nullable): the entry called @name
 */
DtEntry *
dt_phonebook_lookup_by_name (DtPhonebook *self,
                             const char  *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (DT_IS_PHONEBOOK (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = name_key (name);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self)); i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (self), i);
      g_autofree char *other = name_key (dt_entry_get_name (entry));

      /* The phonebook holds its own reference: returning it unowned is safe. */
      if (g_str_equal (key, other))
        return entry;
    }
  return NULL;
}

/**
 * dt_phonebook_validate_name:
 * @self: a phonebook
 * @name: a name an entry would get
 * @uuid: (nullable): the UUID of the entry being named, which may keep its own name
 * @reason: (out) (optional): why the name cannot be used
 *
 * Returns: whether no other entry has @name (without regard to case)
 */
gboolean
dt_phonebook_validate_name (DtPhonebook  *self,
                            const char   *name,
                            const char   *uuid,
                            char        **reason)
{
  DtEntry *other;

  g_return_val_if_fail (DT_IS_PHONEBOOK (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  other = dt_phonebook_lookup_by_name (self, name);
  if (other == NULL || g_strcmp0 (dt_entry_get_uuid (other), uuid) == 0)
    return TRUE;
  if (reason != NULL)
    *reason = g_strdup_printf (_("Another entry is already called “%s”"),
                               dt_entry_get_name (other));
  return FALSE;
}

/* @name if it is free, otherwise "@name (2)", "@name (3)", … */
char *
dt_phonebook_make_unique_name (DtPhonebook *self,
                               const char  *name)
{
  g_return_val_if_fail (DT_IS_PHONEBOOK (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (dt_phonebook_lookup_by_name (self, name) == NULL)
    return g_strdup (name);
  for (guint n = 2; ; n++)
    {
      /* Translators: a name made unique, such as "Work (2)". */
      g_autofree char *candidate = g_strdup_printf (_("%s (%u)"), name, n);

      if (dt_phonebook_lookup_by_name (self, candidate) == NULL)
        return g_steal_pointer (&candidate);
    }
}
