/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kppp's modem groups ([Modem0]…, or the older [Modem]) mapped onto an account's entry. */
#pragma once

#include "dt-import-proposal.h"

G_BEGIN_DECLS

void dt_import_kppp_map_modem (DtImportProposal      *proposal,
                               const DtImportSection *modem);

G_END_DECLS
