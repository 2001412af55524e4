/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEntryEditor: the modal window that edits an entry (or creates one) on a copy, with
 * pages General, Numbers, Credentials, Security, Modem, Options and Network.  Save writes
 * the phonebook before changing the entry in the list; Cancel discards the copy. */
#pragma once

#include <adwaita.h>

#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_ENTRY_EDITOR (dt_entry_editor_get_type ())

G_DECLARE_FINAL_TYPE (DtEntryEditor, dt_entry_editor, DT, ENTRY_EDITOR, AdwWindow)

GtkWidget *dt_entry_editor_new       (GtkWindow     *parent,
                                      DtPhonebook   *phonebook,
                                      DtEntry       *entry);
DtEntry   *dt_entry_editor_get_entry (DtEntryEditor *self);

G_END_DECLS
