/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An entry's modem settings as Hayes commands: the setup commands a dial sends before ATD
 * (init strings, speaker, extra commands), and the dial command itself, with the number's
 * formatting removed and anything a modem cannot dial refused. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-modem-config.h"

/* Characters a Hayes dial string may hold besides digits: * # A-D, pauses and waits (, W @
 * !), a mid-string mode switch (T P), and + for international numbers. */
static const char dial_characters[] = "0123456789*#ABCDabcd,WwPpTt@!$+";
/* Formatting a user may type, which the modem must not see. */
static const char format_characters[] = " -()./";

/**
 * dt_modem_build_dial_command:
 *
 * "ATDT" or "ATDP", the prefix, and the number without its formatting: "555-0100" with
 * prefix "9," is "ATDT9,5550100".  A character a modem cannot dial (";" would leave it in
 * command mode, "\r" would end the command) is %G_IO_ERROR_INVALID_ARGUMENT.
 */
char *
dt_modem_build_dial_command (DtDialMode   mode,
                             const char  *prefix,
                             const char  *number,
                             GError     **error)
{
  g_autoptr (GString) command = g_string_new (mode == DT_DIAL_MODE_PULSE ? "ATDP" : "ATDT");
  const char *parts[] = { prefix != NULL ? prefix : "", number };
  gsize digits = 0;

  g_return_val_if_fail (number != NULL, NULL);

  for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const char *s = parts[p]; *s != '\0'; s++)
      {
        if (strchr (format_characters, *s) != NULL)
          continue;
        if (strchr (dial_characters, *s) == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("“%s%s” cannot be dialed: a modem does not know the character "
                           "“%c”."), parts[0], number, g_ascii_isprint (*s) ? *s : '?');
            return NULL;
          }
        g_string_append_c (command, *s);
        digits += p == 1;
      }
  if (digits == 0 || command->len > 80)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a phone number a modem can dial."), number);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&command), FALSE);
}

static void
add_command (GPtrArray  *commands,
             const char *text)
{
  g_autofree char *command = g_strstrip (g_strdup (text));

  if (command[0] == '\0')
    return;
  if (g_ascii_strncasecmp (command, "AT", 2) != 0)
    {
      char *with_at = g_strconcat ("AT", command, NULL);

      g_free (command);
      command = with_at;
    }
  g_ptr_array_add (commands, g_steal_pointer (&command));
}

void
dt_modem_config_init_from_entry (DtModemConfig *config,
                                 DtEntry       *entry)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (DT_IS_ENTRY (entry));

  *config = (DtModemConfig) {
    .device = dt_entry_get_device (entry),
    .device_type = dt_entry_get_device_type (entry),
    .speed = dt_entry_get_speed (entry),
    .flow_control = dt_entry_get_flow_control (entry),
    .init_strings = dt_entry_get_init_strings (entry),
    .extra_commands = dt_entry_get_extra_commands (entry),
    .speaker = dt_entry_get_speaker (entry),
    .dial_mode = dt_entry_get_dial_mode (entry),
    .dial_prefix = dt_entry_get_dial_prefix (entry),
    .dial_timeout = dt_entry_get_dial_timeout (entry) * 1000,
  };
}

/**
 * dt_modem_config_build_setup:
 *
 * The commands sent before ATD or ATA, each with "AT" in front if the user left it out.
 * Without init strings: "ATZ", then "ATQ0 V1 E1 S0=0 &C1 &D2" (result codes on, verbose,
 * echo on, no auto-answer, DCD follows the carrier, dropping DTR hangs up).  Then the
 * speaker (ATMn), then the extra commands, one per line.
 */
GStrv
dt_modem_config_build_setup (const DtModemConfig *config)
{
  static const char * const default_init[] = { "ATZ", "ATQ0 V1 E1 S0=0 &C1 &D2", NULL };
  g_autoptr (GPtrArray) commands = g_ptr_array_new_with_free_func (g_free);
  const char * const *init;
  g_autofree char *speaker = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  init = config->init_strings != NULL && config->init_strings[0] != NULL
         ? config->init_strings : default_init;
  for (gsize i = 0; init[i] != NULL; i++)
    add_command (commands, init[i]);
  speaker = g_strdup_printf ("ATM%u", config->speaker <= DT_SPEAKER_ALWAYS
                                      ? (guint) config->speaker : 1u);
  add_command (commands, speaker);
  if (config->extra_commands != NULL)
    {
      g_auto (GStrv) lines = g_strsplit_set (config->extra_commands, "\r\n", -1);

      for (gsize i = 0; lines[i] != NULL; i++)
        add_command (commands, lines[i]);
    }
  g_ptr_array_add (commands, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&commands), FALSE);
}
