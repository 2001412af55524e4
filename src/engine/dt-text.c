/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Peer text made safe to show: see dt-text.h. */

#include "config.h"

#include <string.h>

#include "dt-text.h"

static gboolean
is_unsafe (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:              /* C0, DEL and C1: ESC starts terminal sequences */
    case G_UNICODE_FORMAT:               /* U+202E and the other bidi controls */
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
dt_text_sanitize (const char *text,
                  gssize      len,
                  gsize       max_len)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) out = NULL;

  if (text == NULL)
    return NULL;
  if (len < 0)
    len = strlen (text);
  else
    len = strnlen (text, len);
  valid = g_utf8_make_valid (text, len);
  out = g_string_sized_new (MIN ((gsize) len, max_len) + 1);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize char_len = g_utf8_next_char (p) - p;

      if (is_unsafe (c))
        {
          c = ' ';
          char_len = 1;
        }
      if (out->len + char_len > max_len)
        break;
      g_string_append_unichar (out, c);
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
