/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone-cli __complete WHAT`: candidates for the shell completions in data/completions,
 * one per line.  Not a command for people (it is in no --help): it never prints an error,
 * always exits 0, and changes nothing.  In particular it reads the phonebook without
 * DtPhonebook, which moves a file that does not parse aside: pressing Tab must not do that.
 *   __complete entries [PHONEBOOK]: the entry names, sorted; none for a missing, unreadable
 *     or corrupt file, and none that a shell line could not hold (control characters).
 *   __complete devices: the serial ports the entry editor offers: each one's kernel path,
 *     then its /dev/serial/by-id name when it has one. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dt-cli.h"
#include "dt-entry-keyfile.h"
#include "dt-phonebook-file.h"
#include "dt-port-list.h"

#define ENTRY_GROUP_PREFIX "Entry "

static gboolean
printable (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return FALSE;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
print_entry_names (const char *path)
{
  g_autofree char *default_path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GKeyFile) key_file = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) groups = NULL;
  guint line = 0;

  if (path == NULL)
    path = default_path = dt_phonebook_get_default_path ();
  bytes = dt_phonebook_file_read (path, NULL);
  if (bytes != NULL)
    key_file = dt_phonebook_file_parse (bytes, &line, NULL);
  if (key_file == NULL)
    return;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr (DtEntry) entry = NULL;
      const char *name;

      if (!g_str_has_prefix (groups[i], ENTRY_GROUP_PREFIX))
        continue;
      entry = dt_entry_new ();
      dt_entry_load_from_key_file (entry, key_file, groups[i]);
      name = dt_entry_get_name (entry);
      if (printable (name))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    printf ("%s\n", (const char *) names->pdata[i]);
}

int
dt_cli_complete (int    argc,
                 char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "entries"))
    print_entry_names (argc >= 3 ? argv[2] : NULL);
  else if (argc >= 2 && g_str_equal (argv[1], "devices"))
    {
      g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (ports)); i++)
        {
          g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);

          printf ("%s\n", dt_port_info_get_path (port));
          if (dt_port_info_get_by_id (port) != NULL)
            printf ("%s\n", dt_port_info_get_by_id (port));
        }
    }
  return 0;
}
