/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The INI-style structure all three formats share: [sections] of "key = value" lines, with
 * comments.  Nothing format-specific happens here: keys keep their case and the order they
 * came in (a Windows phonebook repeats PhoneNumber), values are trimmed but not unescaped.
 * A line that is none of these is reported with its number; a section header that lost its
 * "]" makes its keys unusable, so that a half-written file does not put its keys in the
 * previous section. */
#pragma once

#include "dt-import-note.h"
#include "dt-import-text.h"

G_BEGIN_DECLS

typedef struct {
  char *key;
  char *value;
  guint line;
} DtImportKey;

typedef struct {
  char *name;             /* NULL: the keys before the first section */
  guint line;
  gboolean broken;        /* its header was not closed: do not use its keys */
  GArray *keys;           /* DtImportKey, in file order */
} DtImportSection;

typedef struct {
  GPtrArray *sections;    /* DtImportSection */
  GPtrArray *problems;    /* DtImportNote: lines that could not be read */
} DtImportIni;

DtImportIni        *dt_import_ini_parse         (const DtImportText *text,
                                                 const char         *comment_chars);
void                dt_import_ini_free          (DtImportIni        *ini);
void                dt_import_ini_drop_cut_line (DtImportIni        *ini,
                                                 const DtImportText *text);
gboolean            dt_import_ini_has_section   (const DtImportIni  *ini,
                                                 gboolean          (*match) (const char *name));
const DtImportKey  *dt_import_section_lookup    (const DtImportSection *section,
                                                 const char         *key,
                                                 gboolean            ignore_case);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtImportIni, dt_import_ini_free)

G_END_DECLS
