/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing rules (see dt-dialing-rules.h).  The prefix table holds the few countries whose
 * trunk or international prefix is not "0" and "00"; a caller elsewhere sets the prefix in
 * GSettings.  The location is read from the app's schema when it is installed, so that the
 * CLI and tests without it dial with the defaults. */

#include "config.h"

#include "dt-dialing-rules.h"

#define SCHEMA_ID "io.github.dialtone.Dialtone"

static const struct {
  guint country_code;
  const char *long_distance;
  const char *international;
} usual_prefixes[] = {
  { 1, "1", "011" },            /* the North American Numbering Plan */
  { 7, "8", "810" },
  { 61, "0", "0011" },
  { 81, "0", "010" },
};

static const char *
usual_prefix (guint    country_code,
              gboolean international)
{
  for (gsize i = 0; i < G_N_ELEMENTS (usual_prefixes); i++)
    if (usual_prefixes[i].country_code == country_code)
      return international ? usual_prefixes[i].international : usual_prefixes[i].long_distance;
  if (country_code == 0)
    return "";
  return international ? "00" : "0";
}

DtDialingLocation *
dt_dialing_location_new (guint       country_code,
                         const char *area_code,
                         const char *long_distance_prefix,
                         const char *international_prefix)
{
  DtDialingLocation *location = g_new0 (DtDialingLocation, 1);

  location->country_code = country_code;
  location->area_code = g_strdup (area_code ? area_code : "");
  location->long_distance_prefix = g_strdup (long_distance_prefix ? long_distance_prefix : "");
  location->international_prefix = g_strdup (international_prefix ? international_prefix : "");
  return location;
}

/**
 * dt_dialing_location_load:
 *
 * Returns: (transfer full): the caller's location from GSettings, or an unknown location
 *   when the schema is not installed
 */
DtDialingLocation *
dt_dialing_location_load (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *area = NULL, *ld = NULL, *intl = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "location-country-code"))
    return dt_dialing_location_new (0, NULL, NULL, NULL);

  settings = g_settings_new (SCHEMA_ID);
  area = g_settings_get_string (settings, "location-area-code");
  ld = g_settings_get_string (settings, "long-distance-prefix");
  intl = g_settings_get_string (settings, "international-prefix");
  return dt_dialing_location_new (g_settings_get_uint (settings, "location-country-code"),
                                  area, ld, intl);
}

void
dt_dialing_location_free (DtDialingLocation *location)
{
  if (location == NULL)
    return;
  g_free (location->area_code);
  g_free (location->long_distance_prefix);
  g_free (location->international_prefix);
  g_free (location);
}

/**
 * dt_entry_build_dial_string:
 * @self: an entry
 * @number: its number or one of its alternates
 * @location: (nullable): where the caller is; NULL for an unknown location
 *
 * Returns: (transfer full): what the modem dials for @number (before the dial prefix):
 *   @number itself unless the entry uses dialing rules
 */
char *
dt_entry_build_dial_string (DtEntry                 *self,
                            const char              *number,
                            const DtDialingLocation *location)
{
  const char *area, *here_area;
  guint country, here_country;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (!dt_entry_get_use_dialing_rules (self))
    return g_strdup (number);

  area = dt_entry_get_area_code (self);
  country = dt_entry_get_country_code (self);
  here_country = location != NULL ? location->country_code : 0;
  here_area = location != NULL ? location->area_code : "";
  if (here_country == 0)
    here_country = country;

  if (country != 0 && country != here_country)
    {
      const char *prefix = location != NULL && location->international_prefix[0] != '\0'
                           ? location->international_prefix
                           : usual_prefix (here_country, TRUE);

      return g_strdup_printf ("%s%u%s%s", prefix, country, area, number);
    }
  if (area[0] != '\0' && g_strcmp0 (area, here_area) != 0)
    {
      const char *prefix = location != NULL && location->long_distance_prefix[0] != '\0'
                           ? location->long_distance_prefix
                           : usual_prefix (here_country, FALSE);

      return g_strconcat (prefix, area, number, NULL);
    }
  return g_strdup (number);
}
