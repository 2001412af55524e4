/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decoding a file to import (see dt-import-text.h).  The checks run on the raw bytes first,
 * so that a binary or UTF-16 file is named for what it is, with the line where it shows,
 * rather than read as garbage. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-text.h"

G_DEFINE_QUARK (dt-import-error-quark, dt_import_error)

static void
clear_line (gpointer data)
{
  DtImportLine *line = data;

  g_free (line->text);
}

void
dt_import_text_free (DtImportText *text)
{
  if (text == NULL)
    return;
  g_array_unref (text->lines);
  g_free (text);
}

/* The line (from 1) that byte @offset of @data is on. */
static guint
line_of_offset (const guint8 *data,
                gsize         offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Text that NUL bytes pad every other byte of is UTF-16 that lost its byte-order mark. */
static gboolean
looks_like_utf16 (const guint8 *data,
                  gsize         length)
{
  gsize n = MIN (length, 512) & ~(gsize) 1;
  guint even = 0, odd = 0;

  if (n < 4)
    return FALSE;
  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  return (even == 0 && odd * 4 >= n / 2 * 3) || (odd == 0 && even * 4 >= n / 2 * 3);
}

/* A NUL or another control character that no text file holds (tab, the line ends, form feed
 * and the DOS end-of-file mark are fine). */
static gboolean
find_binary_byte (const guint8 *data,
                  gsize         length,
                  gsize        *offset)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' &&
        data[i] != '\f' && !(data[i] == 0x1a && i == length - 1))
      {
        *offset = i;
        return TRUE;
      }
  return FALSE;
}

static char *
decode_utf16 (const guint8  *data,
              gsize          length,
              gboolean       big_endian,
              gsize         *utf8_length,
              GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  gsize read = 0;
  char *utf8;

  if (length % 2 != 0)
    {
      g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_ENCODING,
                   _("The file is UTF-16 with an odd number of bytes: it was cut off"));
      return NULL;
    }
  utf8 = g_convert ((const char *) data, length, "UTF-8", big_endian ? "UTF-16BE" : "UTF-16LE",
                    &read, utf8_length, &local_error);
  if (utf8 == NULL)
    g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_ENCODING,
                 _("The file is UTF-16, but not valid UTF-16 after byte %lu"),
                 (gulong) (read + 2));
  return utf8;
}

/* Windows-1252, except that its five unassigned bytes read as ISO-8859-1 (never fails). */
static char *
decode_ansi (const guint8 *data,
             gsize         length)
{
  char *utf8 = g_convert ((const char *) data, length, "UTF-8", "WINDOWS-1252", NULL, NULL,
                          NULL);

  if (utf8 == NULL)
    utf8 = g_convert ((const char *) data, length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return utf8;
}

static GArray *
split_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (DtImportLine));
  const char *p = text;
  guint number = 1;

  g_array_set_clear_func (lines, clear_line);
  while (*p != '\0')
    {
      gsize n = strcspn (p, "\r\n");
      DtImportLine line = { number++, g_strndup (p, n) };

      g_array_append_val (lines, line);
      p += n;
      if (p[0] == '\r' && p[1] == '\n')
        p += 2;
      else if (*p != '\0')
        p++;
    }
  return lines;
}

static gboolean
check_size (gsize    length,
            GError **error)
{
  g_autofree char *size = NULL;

  if (length <= DT_IMPORT_MAX_FILE_SIZE)
    return TRUE;
  size = g_format_size (length);
  g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_TOO_LARGE,
               _("The file is %s: no dial-up configuration is larger than 4 MB"), size);
  return FALSE;
}

static gboolean
check_raw (const guint8  *data,
           gsize          length,
           GError       **error)
{
  gsize offset;

  if (looks_like_utf16 (data, length))
    {
      g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_ENCODING,
                   _("The file looks like UTF-16 text without a byte-order mark. Save it as "
                     "UTF-8, or as UTF-16 with a byte-order mark (“Unicode” in Notepad)"));
      return FALSE;
    }
  if (find_binary_byte (data, length, &offset))
    {
      g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_BINARY,
                   _("Line %u: byte 0x%02x cannot be in a text file: this is not a "
                     "configuration file"), line_of_offset (data, offset), data[offset]);
      return FALSE;
    }
  return TRUE;
}

/**
 * dt_import_text_decode:
 * @data: the file's bytes
 * @length: their number
 * @error: a DT_IMPORT_ERROR
 *
 * Returns: (transfer full) (nullable): the file's lines, or NULL when it cannot be text
 */
DtImportText *
dt_import_text_decode (const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  g_autofree char *utf8 = NULL;
  DtImportEncoding encoding;
  DtImportText *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_size (length, error))
    return NULL;
  if (length >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)))
    {
      gsize utf8_length = 0;

      utf8 = decode_utf16 (data + 2, length - 2, data[0] == 0xfe, &utf8_length, error);
      /* The same checks on the text the UTF-16 held. */
      if (utf8 == NULL || !check_raw ((const guint8 *) utf8, utf8_length, error))
        return NULL;
      encoding = DT_IMPORT_ENCODING_UTF16_BOM;
    }
  else
    {
      gboolean bom = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0;
      const guint8 *body = bom ? data + 3 : data;
      gsize body_length = bom ? length - 3 : length;

      if (!check_raw (body, body_length, error))
        return NULL;
      if (body_length == 0)
        {
          /* An empty file's bytes may be no pointer at all (GBytes of nothing). */
          utf8 = g_strdup ("");
          encoding = bom ? DT_IMPORT_ENCODING_UTF8_BOM : DT_IMPORT_ENCODING_UTF8;
        }
      else if (g_utf8_validate_len ((const char *) body, body_length, NULL))
        {
          utf8 = g_strndup ((const char *) body, body_length);
          encoding = bom ? DT_IMPORT_ENCODING_UTF8_BOM : DT_IMPORT_ENCODING_UTF8;
        }
      else
        {
          utf8 = decode_ansi (body, body_length);
          encoding = DT_IMPORT_ENCODING_ANSI;
        }
    }

  text = g_new0 (DtImportText, 1);
  text->encoding = encoding;
  text->lines = split_lines (utf8);
  text->unterminated = utf8[0] != '\0' && strchr ("\r\n", utf8[strlen (utf8) - 1]) == NULL;
  return text;
}
