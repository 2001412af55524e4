/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing rules: what the modem dials for an entry's number from a caller's location, the
 * way Windows' "Use dialing rules" dials it, and the location read from GSettings. */

#include "config.h"

#include "dt-dialing-rules.h"

static const struct {
  gboolean rules;
  guint country;
  const char *area;
  guint here_country;
  const char *here_area;
  const char *ld, *intl;
  const char *expected;
} cases[] = {
  /* Rules off: the number as it is, whatever the codes. */
  { FALSE, 1, "425", 44, "20", "", "", "5550100" },
  /* The same area: the number alone. */
  { TRUE, 1, "425", 1, "425", "", "", "5550100" },
  /* Another area in North America: 1 and the area code. */
  { TRUE, 1, "425", 1, "206", "", "", "14255550100" },
  /* An unknown location: the entry's own country, every area code dialed. */
  { TRUE, 1, "425", 0, "", "", "", "14255550100" },
  { TRUE, 49, "30", 0, "", "", "", "0305550100" },
  /* Abroad: the caller's international prefix, the country and area codes. */
  { TRUE, 1, "425", 44, "20", "", "", "0014255550100" },
  { TRUE, 44, "20", 1, "425", "", "", "011442055501000" },
  { TRUE, 49, "30", 7, "495", "", "", "81049305550100" },
  /* Prefixes the user set win over the usual ones. */
  { TRUE, 1, "425", 1, "206", "9,1", "", "9,14255550100" },
  { TRUE, 1, "425", 44, "20", "", "0011", "001114255550100" },
  /* No area code: within the country only the number. */
  { TRUE, 33, "", 33, "1", "", "", "5550100" },
  { TRUE, 0, "", 0, "", "", "", "5550100" },
};

static void
test_build (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (DtEntry) entry = dt_entry_new ();
      g_autoptr (DtDialingLocation) here =
        dt_dialing_location_new (cases[i].here_country, cases[i].here_area, cases[i].ld,
                                 cases[i].intl);
      g_autofree char *dialed = NULL;
      const char *number = i == 6 ? "55501000" : "5550100";

      dt_entry_set_use_dialing_rules (entry, cases[i].rules);
      dt_entry_set_country_code (entry, cases[i].country);
      dt_entry_set_area_code (entry, cases[i].area);
      dialed = dt_entry_build_dial_string (entry, number, here);
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (dialed, ==, cases[i].expected);
    }
}

/* The location comes from the app's settings; the memory backend of the test environment. */
static void
test_location_from_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.dialtone.Dialtone");
  g_autoptr (DtDialingLocation) unknown = dt_dialing_location_load ();
  g_autoptr (DtDialingLocation) here = NULL;
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autofree char *dialed = NULL;

  g_assert_cmpuint (unknown->country_code, ==, 0);
  g_assert_cmpstr (unknown->area_code, ==, "");

  g_settings_set_uint (settings, "location-country-code", 1);
  g_settings_set_string (settings, "location-area-code", "425");
  g_settings_set_string (settings, "long-distance-prefix", "9,1");
  here = dt_dialing_location_load ();
  g_assert_cmpuint (here->country_code, ==, 1);
  g_assert_cmpstr (here->area_code, ==, "425");

  dt_entry_set_use_dialing_rules (entry, TRUE);
  dt_entry_set_country_code (entry, 1);
  dt_entry_set_area_code (entry, "206");
  dialed = dt_entry_build_dial_string (entry, "5550100", here);
  g_assert_cmpstr (dialed, ==, "9,12065550100");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dialing-rules/build", test_build);
  g_test_add_func ("/dialing-rules/location-from-settings", test_location_from_settings);
  return g_test_run ();
}
