/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a DtEntry is read from and written to its group of phonebook.ini; for DtPhonebook. */
#pragma once

#include "dt-entry.h"

G_BEGIN_DECLS

void      dt_entry_save_to_key_file   (DtEntry    *self,
                                       GKeyFile   *key_file,
                                       const char *group);
void      dt_entry_load_from_key_file (DtEntry    *self,
                                       GKeyFile   *key_file,
                                       const char *group);

G_END_DECLS
