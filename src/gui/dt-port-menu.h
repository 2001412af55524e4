/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The serial ports of a DtPortList as a menu section, kept in step with the list: the same
 * items in the entry editor's Device menu and the Connect dialog's Modem menu. */
#pragma once

#include <gio/gio.h>

#include "dt-port-list.h"

G_BEGIN_DECLS

GMenu *dt_port_menu_new (DtPortList *ports,
                         const char *action);

G_END_DECLS
