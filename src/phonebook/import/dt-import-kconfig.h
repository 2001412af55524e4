/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading KConfig files (KDE's INI, kppprc): KConfig's escapes (\s, \t, \n, \r, \\, \xNN),
 * lists split at a separator unless it is escaped, and keys looked up as KConfig does
 * ("Name[de]" is a translation, not "Name"; "Key[$i]" is the key, locked). */
#pragma once

#include "dt-import-ini.h"

G_BEGIN_DECLS

char              *dt_import_kconfig_unescape    (const char            *text);
GStrv              dt_import_kconfig_split_list  (const char            *text,
                                                  char                   separator);
gboolean           dt_import_kconfig_key_matches (const DtImportKey     *key,
                                                  const char            *name);
const DtImportKey *dt_import_kconfig_lookup      (const DtImportSection *section,
                                                  const char            *name);
DtImportKey        dt_import_kconfig_plain_key   (const DtImportKey     *key);

G_END_DECLS
