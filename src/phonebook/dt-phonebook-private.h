/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What DtPhonebook's own files (dt-phonebook*.c) share: writing entries that are not in the
 * phonebook yet, and taking them in once the file has them.  Not for anything else. */
#pragma once

#include "dt-phonebook.h"

G_BEGIN_DECLS

gboolean _dt_phonebook_write_pending   (DtPhonebook  *self,
                                        DtEntry     **pending,
                                        guint         n_pending,
                                        GError      **error);
void     _dt_phonebook_apply_committed (DtPhonebook  *self,
                                        DtEntry      *edited);

G_END_DECLS
