/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportNote (see dt-import-note.h): a boxed type so that lists of notes travel in
 * GValues and properties. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-import-note.h"

G_DEFINE_BOXED_TYPE (DtImportNote, dt_import_note, dt_import_note_copy, dt_import_note_free)

DtImportNote *
dt_import_note_new (guint       line,
                    const char *key,
                    const char *value,
                    const char *message)
{
  DtImportNote *note = g_new0 (DtImportNote, 1);

  note->line = line;
  note->key = g_strdup (key);
  note->value = g_strdup (value);
  note->message = g_strdup (message);
  return note;
}

DtImportNote *
dt_import_note_new_lost (guint       line,
                         const char *key,
                         const char *value,
                         const char *message)
{
  DtImportNote *note = dt_import_note_new (line, key, value, message);

  note->lost = TRUE;
  return note;
}

DtImportNote *
dt_import_note_copy (const DtImportNote *note)
{
  DtImportNote *copy;

  g_return_val_if_fail (note != NULL, NULL);

  copy = dt_import_note_new (note->line, note->key, note->value, note->message);
  copy->lost = note->lost;
  return copy;
}

void
dt_import_note_free (DtImportNote *note)
{
  if (note == NULL)
    return;
  g_free (note->key);
  g_free (note->value);
  g_free (note->message);
  g_free (note);
}

/**
 * dt_import_note_format:
 *
 * Returns: (transfer full): the note as one line for people: "line 12: PPPD Path: not needed,
 *   Dialtone runs PPP itself"
 */
char *
dt_import_note_format (const DtImportNote *note)
{
  g_return_val_if_fail (note != NULL, NULL);

  if (note->line == 0)
    return g_strdup (note->message);
  if (note->key == NULL)
    /* Translators: a line of the imported file, and what about it. */
    return g_strdup_printf (_("line %u: %s"), note->line, note->message);
  /* Translators: a line of the imported file, its key, and what became of it. */
  return g_strdup_printf (_("line %u: %s: %s"), note->line, note->key, note->message);
}
