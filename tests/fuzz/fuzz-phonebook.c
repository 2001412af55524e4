/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the phonebook file: ~/.config/dialtone/phonebook.ini as anything (a
 * hand edit, another program, a half-written or hostile file) may leave it.  The parser the
 * phonebook reads it with, every group read into an entry the way the phonebook does (a
 * value it cannot read gives the default), every property validated as the editor would, and
 * a round trip: an entry saved and read back is the same entry. */

#include "config.h"

#include <string.h>

#include "dt-entry.h"
#include "dt-entry-keyfile.h"
#include "dt-phonebook-file.h"

static void
assert_same (DtEntry *a,
             DtEntry *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) va = G_VALUE_INIT;
      g_auto (GValue) vb = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE) || g_str_equal (pspecs[i]->name, "uuid"))
        continue;
      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);
      if (G_VALUE_HOLDS (&va, G_TYPE_STRV))
        {
          const char * const *sa = g_value_get_boxed (&va);
          const char * const *sb = g_value_get_boxed (&vb);

          g_assert (g_strv_equal (sa ? sa : (const char * const[]) { NULL },
                                  sb ? sb : (const char * const[]) { NULL }));
        }
      else if (pspecs[i]->value_type != G_TYPE_DATE_TIME)
        g_assert (g_param_values_cmp (pspecs[i], &va, &vb) == 0);
    }
}

static void
check_entry (GKeyFile   *key_file,
             const char *group)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtEntry) again = dt_entry_new ();
  g_autoptr (GKeyFile) saved = g_key_file_new ();
  g_autoptr (GKeyFile) reread = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree char *data = NULL;
  gsize length;
  guint n, line = 0;

  dt_entry_load_from_key_file (entry, key_file, group);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (entry), &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = NULL;

      if (!dt_entry_validate_property (entry, pspecs[i]->name, &reason))
        g_assert (reason != NULL && g_utf8_validate (reason, -1, NULL));
    }
  (void) dt_entry_is_valid (entry);

  dt_entry_save_to_key_file (entry, saved, "Entry x");
  data = g_key_file_to_data (saved, &length, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  reread = dt_phonebook_file_parse (bytes, &line, NULL);
  g_assert (reread != NULL);
  dt_entry_load_from_key_file (again, reread, "Entry x");
  assert_same (entry, again);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GKeyFile) key_file = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) groups = NULL;
  guint line = 0;

  key_file = dt_phonebook_file_parse (bytes, &line, &error);
  if (key_file == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL && i < 16; i++)
    check_entry (key_file, groups[i]);
  return 0;
}
