/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the readers share: reading an AT dial command, and quoting text for a login
 * script in the language DtLoginScript parses (dt-login-script.h). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-readers.h"

/* Adds @commands (without "AT") to the entry's extra command line: the entry sends one line
 * of extra commands, so they are run together as a modem takes them ("ATX3L2"). */
void
dt_import_add_extra_commands (DtImportProposal  *proposal,
                              const DtImportKey *key,
                              const char        *commands)
{
  DtEntry *entry = dt_import_proposal_get_entry (proposal);
  const char *old = dt_entry_get_extra_commands (entry);
  g_autofree char *line = old[0] != '\0' ? g_strconcat (old, commands, NULL)
                                         : g_strconcat ("AT", commands, NULL);
  g_autofree char *what = g_strdup_printf (_("the extra modem command %s"), line);

  dt_import_proposal_set (proposal, key, "extra-commands", what, line);
}

/**
 * dt_import_map_dial_command:
 *
 * "ATDT" is tone and "ATDP" pulse; whatever comes before the D ("ATX3DT") is kept as an
 * extra modem command.  "ATD" dials as the modem is set, which is tone on every modem sold
 * since the 1990s.
 */
void
dt_import_map_dial_command (DtImportProposal  *proposal,
                            const DtImportKey *key)
{
  g_autofree char *upper = g_ascii_strup (key->value, -1);
  g_autoptr (GString) compact = g_string_new (NULL);
  const char *rest, *d;
  DtDialMode mode;

  for (const char *p = upper; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (compact, *p);
  if (!g_str_has_prefix (compact->str, "AT") || (d = strrchr (compact->str + 2, 'D')) == NULL ||
      (d[1] != '\0' && d[1] != 'T' && d[1] != 'P') || (d[1] != '\0' && d[2] != '\0'))
    {
      dt_import_proposal_lost (proposal, key, _("not imported: not a dial command such as ATDT "
                                                "or ATDP"));
      return;
    }
  mode = d[1] == 'P' ? DT_DIAL_MODE_PULSE : DT_DIAL_MODE_TONE;
  dt_import_proposal_set (proposal, key, "dial-mode",
                          mode == DT_DIAL_MODE_PULSE ? _("pulse dialing") : _("tone dialing"),
                          mode);
  rest = compact->str + 2;
  if (d > rest)
    {
      g_autofree char *commands = g_strndup (rest, d - rest);

      dt_import_add_extra_commands (proposal, key, commands);
    }
}

/* "text" with the escapes of the login-script language; $ is written $$. */
char *
dt_import_script_quote (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '$':
        g_string_append (out, "$$");
        break;
      default:
        g_string_append_c (out, *p);
      }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}
