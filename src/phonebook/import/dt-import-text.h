/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The text of a file to import, as numbered lines of UTF-8: a UTF-8 or UTF-16 byte-order
 * mark is honoured, CRLF and CR are line ends, and 8-bit text that is not UTF-8 is read as
 * the Windows ANSI code page (Windows-1252).  What cannot be text is refused before any
 * reader sees it: a file over DT_IMPORT_MAX_FILE_SIZE, a binary file, UTF-16 without a
 * byte-order mark. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every file these tools write is a few kilobytes; a phonebook of hundreds of entries is
 * well under a megabyte. */
#define DT_IMPORT_MAX_FILE_SIZE (4 * 1024 * 1024)

#define DT_IMPORT_ERROR (dt_import_error_quark ())

typedef enum {
  DT_IMPORT_ERROR_TOO_LARGE,       /* over DT_IMPORT_MAX_FILE_SIZE */
  DT_IMPORT_ERROR_BINARY,          /* not text at all */
  DT_IMPORT_ERROR_ENCODING,        /* UTF-16 without a byte-order mark, broken UTF-16 */
  DT_IMPORT_ERROR_UNKNOWN_FORMAT,  /* text, but none of the formats */
  DT_IMPORT_ERROR_NOTHING,         /* the format, but no entry in it */
  DT_IMPORT_ERROR_FAILED,          /* applying the import failed; nothing changed */
} DtImportError;

typedef enum {
  DT_IMPORT_ENCODING_UTF8,
  DT_IMPORT_ENCODING_UTF8_BOM,
  DT_IMPORT_ENCODING_UTF16_BOM,
  DT_IMPORT_ENCODING_ANSI,         /* Windows-1252 */
} DtImportEncoding;

typedef struct {
  guint number;                    /* from 1 */
  char *text;                      /* UTF-8, without its line end */
} DtImportLine;

typedef struct {
  DtImportEncoding encoding;
  GArray *lines;                   /* DtImportLine */
  gboolean unterminated;           /* the last line has no line end */
} DtImportText;

GQuark        dt_import_error_quark (void);

DtImportText *dt_import_text_decode (const guint8  *data,
                                     gsize          length,
                                     GError       **error);
void          dt_import_text_free   (DtImportText  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtImportText, dt_import_text_free)

G_END_DECLS
