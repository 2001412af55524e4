/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An entry's multilink settings, as a RAS phonebook entry has them: sub-entries (sub-entry 1
 * is the entry's own device and number; the others, each with its own port and number,
 * bundled with it by Multilink PPP, RFC 1990), whether they are dialed together or as the
 * load needs (DialMode), and the load that dials one more or hangs one up (DialExtraPercent,
 * DialExtraSampleSeconds, HangUpExtraPercent, HangUpExtraSampleSeconds).  Accessors and the
 * checks the editor and the phonebook run. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-entry-private.h"

/* RAS allows more; beyond a few analog lines, the serial ports run out first. */
#define MAX_SUB_ENTRIES 8
#define MAX_LOAD_SECONDS 3600

guint
dt_entry_get_n_sub_entries (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 1);
  return 1 + g_strv_length (self->sub_entry_devices);
}

gboolean
dt_entry_get_sub_entry (DtEntry     *self,
                        guint        index,
                        const char **device,
                        const char **number)
{
  const char *own;

  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  g_return_val_if_fail (index >= 1, FALSE);

  if (index == 1)
    {
      *device = self->device;
      *number = self->number;
      return TRUE;
    }
  if (index - 2 >= g_strv_length (self->sub_entry_devices))
    return FALSE;
  *device = self->sub_entry_devices[index - 2];
  own = index - 2 < g_strv_length (self->sub_entry_numbers)
    ? self->sub_entry_numbers[index - 2] : "";
  *number = own[0] != '\0' ? own : self->number;
  return TRUE;
}

const char * const *
dt_entry_get_sub_entry_devices (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->sub_entry_devices;
}

const char * const *
dt_entry_get_sub_entry_numbers (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->sub_entry_numbers;
}

void
dt_entry_set_sub_entries (DtEntry            *self,
                          const char * const *devices,
                          const char * const *numbers)
{
  g_return_if_fail (DT_IS_ENTRY (self));

  _dt_entry_set_strv_field (self, PROP_SUB_ENTRY_DEVICES, devices);
  _dt_entry_set_strv_field (self, PROP_SUB_ENTRY_NUMBERS, numbers);
}

/* Drops the numbers of sub-entries that have no port any more (the editor lists the ports
 * only; a modem taken out from the end takes its number along). */
void
dt_entry_trim_sub_entry_numbers (DtEntry *self)
{
  guint n;
  g_auto (GStrv) numbers = NULL;

  g_return_if_fail (DT_IS_ENTRY (self));

  n = g_strv_length (self->sub_entry_devices);
  if (g_strv_length (self->sub_entry_numbers) <= n)
    return;
  numbers = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    numbers[i] = g_strdup (self->sub_entry_numbers[i]);
  _dt_entry_set_strv_field (self, PROP_SUB_ENTRY_NUMBERS, (const char * const *) numbers);
}

DtMultilinkDial
dt_entry_get_multilink_dial (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_MULTILINK_DIAL_ALL);
  return self->multilink_dial;
}

void
dt_entry_set_multilink_dial (DtEntry         *self,
                             DtMultilinkDial  mode)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_MULTILINK_DIAL, mode);
}

guint
dt_entry_get_dial_extra_percent (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->dial_extra_percent;
}

guint
dt_entry_get_dial_extra_seconds (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->dial_extra_seconds;
}

guint
dt_entry_get_hang_up_extra_percent (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->hang_up_extra_percent;
}

guint
dt_entry_get_hang_up_extra_seconds (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->hang_up_extra_seconds;
}

void
dt_entry_set_dial_extra (DtEntry *self,
                         guint    percent,
                         guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_DIAL_EXTRA_PERCENT, percent);
  _dt_entry_set_uint_field (self, PROP_DIAL_EXTRA_SECONDS, seconds);
}

void
dt_entry_set_hang_up_extra (DtEntry *self,
                            guint    percent,
                            guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_HANG_UP_EXTRA_PERCENT, percent);
  _dt_entry_set_uint_field (self, PROP_HANG_UP_EXTRA_SECONDS, seconds);
}

static gboolean
fail (char       **reason,
      const char  *text)
{
  if (reason != NULL)
    *reason = g_strdup (text);
  return FALSE;
}

/* Each sub-entry has a port of its own (not the entry's, not another's) and a number or the
 * entry's; no more numbers than ports. */
gboolean
_dt_entry_check_sub_entries (DtEntry  *self,
                            char    **reason)
{
  char **devices = self->sub_entry_devices;
  char **numbers = self->sub_entry_numbers;
  guint n = g_strv_length (devices);

  if (n + 1 > MAX_SUB_ENTRIES)
    return fail (reason, _("An entry can have at most 8 sub-entries"));
  if (g_strv_length (numbers) > n)
    return fail (reason, _("Each sub-entry's number needs a port"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *why = NULL;
      const char *number = i < g_strv_length (numbers) ? numbers[i] : "";

      if (!_dt_entry_check_device_path (devices[i], &why) ||
          !_dt_entry_check_dial_string (number, FALSE, &why))
        {
          if (reason != NULL)
            /* Translators: %u is a sub-entry's position, 2 for the first after the entry's own. */
            *reason = g_strdup_printf (_("Sub-entry %u: %s"), i + 2, why);
          return FALSE;
        }
      if (g_strcmp0 (devices[i], self->device) == 0 ||
          g_strv_contains ((const char * const *) devices + i + 1, devices[i]))
        {
          if (reason != NULL)
            *reason = g_strdup_printf (_("Sub-entry %u: each sub-entry needs a port of its own"),
                                       i + 2);
          return FALSE;
        }
    }
  return TRUE;
}

/* Percentages of the bundle's capacity, sample times in seconds; hanging up only below the
 * load that dials, or the entry would dial and hang up in turn. */
gboolean
_dt_entry_check_multilink_load (DtEntry  *self,
                               char    **reason)
{
  if (self->dial_extra_percent < 1 || self->dial_extra_percent > 100 ||
      self->hang_up_extra_percent > 100)
    return fail (reason, _("Give a percentage of the capacity, from 1 to 100"));
  if (self->hang_up_extra_percent >= self->dial_extra_percent)
    return fail (reason, _("Hang up below the load that dials one more"));
  if (self->dial_extra_seconds < 1 || self->dial_extra_seconds > MAX_LOAD_SECONDS ||
      self->hang_up_extra_seconds < 1 || self->hang_up_extra_seconds > MAX_LOAD_SECONDS)
    return fail (reason, _("Measure the load over 1 second to an hour"));
  return TRUE;
}
