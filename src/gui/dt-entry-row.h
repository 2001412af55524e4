/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEntryRow: one entry in the main window's list: name, number, device, when it last
 * connected, the state of its connection in the dialer given at construction, a Connect
 * button and a menu (Edit, Duplicate, Delete). */
#pragma once

#include <gtk/gtk.h>

#include "dt-dialer.h"

G_BEGIN_DECLS

#define DT_TYPE_ENTRY_ROW (dt_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (DtEntryRow, dt_entry_row, DT, ENTRY_ROW, GtkWidget)

GtkWidget *dt_entry_row_new        (DtDialer   *dialer);
DtEntry   *dt_entry_row_get_entry  (DtEntryRow *self);
void       dt_entry_row_set_entry  (DtEntryRow *self,
                                    DtEntry    *entry);

G_END_DECLS
