/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text about an entry for people: when it last connected ("Never", "5 minutes ago",
 * "Yesterday", "12 March 2024") and its device ("Ask when dialing").  Shared by the main
 * window's list and dialtone-cli, so both say the same thing. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-entry.h"

/**
 * dt_entry_format_last_connected:
 * @self: an entry
 * @now: (nullable): the time to count from, or NULL for the current time
 *
 * Returns: (transfer full): when @self last connected, relative to @now
 */
char *
dt_entry_format_last_connected (DtEntry   *self,
                                GDateTime *now)
{
  g_autoptr (GDateTime) local_now = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) today = NULL;
  GDateTime *last;
  GTimeSpan ago;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);

  last = dt_entry_get_last_connected (self);
  if (last == NULL)
    /* Translators: when an entry last connected. */
    return g_strdup (_("Never"));

  local_now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  when = g_date_time_to_local (last);
  ago = g_date_time_difference (local_now, when);

  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      int minutes = ago / G_TIME_SPAN_MINUTE;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                           minutes), minutes);
    }

  today = g_date_time_new_local (g_date_time_get_year (local_now),
                                 g_date_time_get_month (local_now),
                                 g_date_time_get_day_of_month (local_now), 0, 0, 0);
  if (g_date_time_compare (when, today) >= 0)
    {
      int hours = ago / G_TIME_SPAN_HOUR;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                           hours), hours);
    }
  if (g_date_time_difference (today, when) <= G_TIME_SPAN_DAY)
    return g_strdup (_("Yesterday"));

  /* Translators: a date in the past, see the GDateTime format documentation. */
  return g_date_time_format (when, _("%-d %B %Y"));
}

/**
 * dt_entry_format_device:
 *
 * Returns: the device path, or "Ask when dialing" for an entry without one
 */
const char *
dt_entry_format_device (DtEntry *self)
{
  const char *device;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);

  device = dt_entry_get_device (self);
  return device[0] != '\0' ? device : _("Ask when dialing");
}
