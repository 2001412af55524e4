/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KConfig's escapes and lists (see dt-import-kconfig.h). */

#include "config.h"

#include <string.h>

#include "dt-import-kconfig.h"

/* KConfig's escapes.  An unknown escape keeps its character, as KConfig does. */
char *
dt_import_kconfig_unescape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 's': g_string_append_c (out, ' '); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'x':
          if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
            {
              g_string_append_c (out, g_ascii_xdigit_value (p[1]) * 16 +
                                      g_ascii_xdigit_value (p[2]));
              p += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default: g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* A KConfig list: items split at @separator, "\" escaping it; each item unescaped. */
GStrv
dt_import_kconfig_split_list (const char *text,
            char        separator)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GString) item = g_string_new (NULL);

  if (text[0] == '\0')
    return g_strv_builder_end (builder);
  for (const char *p = text; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          if (p[1] != separator)
            g_string_append_c (item, '\\');
          g_string_append_c (item, *++p);
          continue;
        }
      if (*p == separator || *p == '\0')
        {
          g_autofree char *plain = dt_import_kconfig_unescape (item->str);

          g_strv_builder_add (builder, plain);
          g_string_truncate (item, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (item, *p);
    }
  return g_strv_builder_end (builder);
}

/* The key as KConfig would read it: "Name[de]" (a translation) is not "Name"; "Key[$i]"
 * (locked by the administrator) is. */
gboolean
dt_import_kconfig_key_matches (const DtImportKey *key,
             const char        *name)
{
  gsize n = strlen (name);

  if (strncmp (key->key, name, n) != 0)
    return FALSE;
  return key->key[n] == '\0' || g_str_has_prefix (key->key + n, "[$");
}

const DtImportKey *
dt_import_kconfig_lookup (const DtImportSection *section,
        const char            *name)
{
  if (section == NULL)
    return NULL;
  for (guint i = section->keys->len; i > 0; i--)
    {
      const DtImportKey *key = &g_array_index (section->keys, DtImportKey, i - 1);

      if (dt_import_kconfig_key_matches (key, name))
        return key;
    }
  return NULL;
}

DtImportKey
dt_import_kconfig_plain_key (const DtImportKey *key)
{
  DtImportKey plain = { key->key, dt_import_kconfig_unescape (key->value), key->line };

  return plain;
}
