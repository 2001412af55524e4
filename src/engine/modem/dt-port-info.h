/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPortInfo: one serial port in the port list: its kernel path, its stable
 * /dev/serial/by-id name when it has one, what udev says it is, why this user cannot open
 * it (if so), and what ModemManager knows of it. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DT_TYPE_PORT_INFO (dt_port_info_get_type ())

G_DECLARE_FINAL_TYPE (DtPortInfo, dt_port_info, DT, PORT_INFO, GObject)

/* Properties (read-only, notify on change): "path", "by-id", "description", "problem",
 * "modem-manager". */

DtPortInfo *dt_port_info_new                (const char *path,
                                             const char *sysfs_path);

const char *dt_port_info_get_path           (DtPortInfo *self);
const char *dt_port_info_get_sysfs_path     (DtPortInfo *self);
const char *dt_port_info_get_by_id          (DtPortInfo *self);
const char *dt_port_info_get_description    (DtPortInfo *self);
const char *dt_port_info_get_problem        (DtPortInfo *self);
const char *dt_port_info_get_modem_manager  (DtPortInfo *self);
const char *dt_port_info_get_preferred_path (DtPortInfo *self);
char       *dt_port_info_get_label          (DtPortInfo *self);

void        dt_port_info_set_by_id          (DtPortInfo *self,
                                             const char *by_id);
void        dt_port_info_set_description    (DtPortInfo *self,
                                             const char *description);
void        dt_port_info_set_problem        (DtPortInfo *self,
                                             const char *problem);
void        dt_port_info_set_modem_manager  (DtPortInfo *self,
                                             const char *text);

G_END_DECLS
