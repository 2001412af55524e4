/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shared INI tokenizer (see dt-import-ini.h). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-ini.h"

static void
clear_key (gpointer data)
{
  DtImportKey *key = data;

  g_free (key->key);
  g_free (key->value);
}

static void
section_free (gpointer data)
{
  DtImportSection *section = data;

  g_free (section->name);
  g_array_unref (section->keys);
  g_free (section);
}

static DtImportSection *
section_new (const char *name,
             guint       line)
{
  DtImportSection *section = g_new0 (DtImportSection, 1);

  section->name = g_strdup (name);
  section->line = line;
  section->keys = g_array_new (FALSE, FALSE, sizeof (DtImportKey));
  g_array_set_clear_func (section->keys, clear_key);
  return section;
}

void
dt_import_ini_free (DtImportIni *ini)
{
  if (ini == NULL)
    return;
  g_ptr_array_unref (ini->sections);
  g_ptr_array_unref (ini->problems);
  g_free (ini);
}

static void
problem (DtImportIni *ini,
         guint        line,
         const char  *message)
{
  g_ptr_array_add (ini->problems, dt_import_note_new (line, NULL, NULL, message));
}

/* "[name]": a section.  "[name" at the end of a half-written file: a broken one. */
static DtImportSection *
parse_header (DtImportIni *ini,
              char        *text,
              guint        line)
{
  gsize length = strlen (text);
  DtImportSection *section;

  if (text[length - 1] != ']')
    {
      problem (ini, line, _("a section name without its closing “]”: the lines up to the next "
                            "section are not read"));
      section = section_new (g_strstrip (text + 1), line);
      section->broken = TRUE;
      return section;
    }
  text[length - 1] = '\0';
  return section_new (g_strstrip (text + 1), line);
}

/**
 * dt_import_ini_parse:
 * @text: the decoded file
 * @comment_chars: the characters that start a comment line ("#", "#;")
 *
 * Returns: (transfer full): the file's sections and the lines that could not be read
 */
DtImportIni *
dt_import_ini_parse (const DtImportText *text,
                     const char         *comment_chars)
{
  DtImportIni *ini = g_new0 (DtImportIni, 1);
  DtImportSection *current = NULL;

  ini->sections = g_ptr_array_new_with_free_func (section_free);
  ini->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_import_note_free);

  for (guint i = 0; i < text->lines->len; i++)
    {
      const DtImportLine *line = &g_array_index (text->lines, DtImportLine, i);
      g_autofree char *stripped = g_strstrip (g_strdup (line->text));
      char *equals;
      DtImportKey key;

      if (stripped[0] == '\0' || strchr (comment_chars, stripped[0]) != NULL)
        continue;
      if (stripped[0] == '[')
        {
          current = parse_header (ini, stripped, line->number);
          g_ptr_array_add (ini->sections, current);
          continue;
        }
      equals = strchr (stripped, '=');
      if (equals == NULL || equals == stripped)
        {
          problem (ini, line->number, equals == NULL
                   ? _("neither a [section] nor “key = value”: not read")
                   : _("a value without a key: not read"));
          continue;
        }
      if (current == NULL)
        {
          current = section_new (NULL, line->number);
          g_ptr_array_add (ini->sections, current);
        }
      *equals = '\0';
      key.key = g_strdup (g_strchomp (stripped));
      key.value = g_strdup (g_strstrip (equals + 1));
      key.line = line->number;
      g_array_append_val (current->keys, key);
    }
  return ini;
}

/**
 * dt_import_ini_drop_cut_line:
 * @ini: the parsed @text
 * @text: the decoded file
 *
 * For a file that a program writes whole, a line end after every line (KConfig's kppprc,
 * Windows' rasphone.pbk): a last line without one is where the file was cut off while it
 * was written ("Phonenumber=5" of "Phonenumber=5550100").  Its key is not used, and a note
 * says why.  A file people edit by hand (wvdial's) may well end without one: not for those.
 */
void
dt_import_ini_drop_cut_line (DtImportIni        *ini,
                             const DtImportText *text)
{
  guint last;

  if (!text->unterminated || text->lines->len == 0 || ini->sections->len == 0)
    return;
  last = g_array_index (text->lines, DtImportLine, text->lines->len - 1).number;
  for (guint i = 0; i < ini->sections->len; i++)
    {
      DtImportSection *section = g_ptr_array_index (ini->sections, i);

      for (guint k = 0; k < section->keys->len; k++)
        if (g_array_index (section->keys, DtImportKey, k).line == last)
          {
            g_array_remove_index (section->keys, k);
            problem (ini, last, _("the file ends in the middle of this line, as if it was cut "
                                  "off while it was written: not read"));
            return;
          }
    }
}

gboolean
dt_import_ini_has_section (const DtImportIni *ini,
                           gboolean         (*match) (const char *name))
{
  for (guint i = 0; i < ini->sections->len; i++)
    {
      const DtImportSection *section = g_ptr_array_index (ini->sections, i);

      if (section->name != NULL && match (section->name))
        return TRUE;
    }
  return FALSE;
}

/* The last @key of @section (a later line wins, as in every one of these tools). */
const DtImportKey *
dt_import_section_lookup (const DtImportSection *section,
                          const char            *key,
                          gboolean               ignore_case)
{
  for (guint i = section->keys->len; i > 0; i--)
    {
      const DtImportKey *k = &g_array_index (section->keys, DtImportKey, i - 1);

      if (ignore_case ? g_ascii_strcasecmp (k->key, key) == 0 : g_str_equal (k->key, key))
        return k;
    }
  return NULL;
}
