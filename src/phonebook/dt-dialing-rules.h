/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing rules, as Windows' "Use dialing rules" applies them: an entry's number is local to
 * its area code and country code, and what is dialed depends on where the caller is.  From
 * the same area only the number; from another area the long-distance prefix and the area
 * code first; from another country the international prefix, the country code and the area
 * code.  The caller's location comes from GSettings (README: "Dialing rules"); the prefixes
 * default to the usual ones of the caller's country. */
#pragma once

#include "dt-entry.h"

G_BEGIN_DECLS

typedef struct {
  guint country_code;           /* 0: unknown, taken as the entry's own country */
  char *area_code;              /* "": unknown, so every area code is dialed */
  char *long_distance_prefix;   /* "": the country's usual one ("1", "0", "8") */
  char *international_prefix;   /* "": the country's usual one ("011", "00", "810") */
} DtDialingLocation;

DtDialingLocation *dt_dialing_location_new       (guint                     country_code,
                                                  const char               *area_code,
                                                  const char               *long_distance_prefix,
                                                  const char               *international_prefix);
DtDialingLocation *dt_dialing_location_load      (void);
void               dt_dialing_location_free      (DtDialingLocation        *location);

char              *dt_entry_build_dial_string    (DtEntry                  *self,
                                                  const char               *number,
                                                  const DtDialingLocation  *location);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDialingLocation, dt_dialing_location_free)

G_END_DECLS
