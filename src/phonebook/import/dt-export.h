/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The way back: an entry written as a wvdial dialer or as a Windows phonebook entry, for
 * someone who needs the old tool or a Windows PC.  Never with its password.  What the
 * other format cannot say is returned as notes, one sentence each. */
#pragma once

#include "dt-entry.h"
#include "dt-import-result.h"

G_BEGIN_DECLS

GBytes *dt_export_entry (DtEntry         *entry,
                         DtImportFormat   format,
                         GPtrArray       *notes);

G_END_DECLS
