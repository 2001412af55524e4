/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncoming: the settings of Incoming Connections, what Windows keeps under "Incoming
 * Connections": whether Dialtone answers, which modems and how many rings, the addresses
 * callers get (our own, and a pool of one address per line), the DNS servers they are
 * offered, whether they reach this computer only or the network it is on, the limits of a
 * call, the authentication allowed, and the accounts that may dial in (DtDialinUser, a
 * GListModel).  Kept in $XDG_CONFIG_HOME/dialtone/incoming.ini; the accounts' passwords are
 * in the keyring (dt-dialin-secrets.h). */
#pragma once

#include <gio/gio.h>

#include "dt-dialin-user.h"

G_BEGIN_DECLS

typedef enum {
  DT_INCOMING_REACH_COMPUTER,   /* callers reach this computer only */
  DT_INCOMING_REACH_NETWORK,    /* and the network it is on (NetworkManager's shared mode) */
} DtIncomingReach;

/* The longest pool: addresses past it are ignored. */
#define DT_INCOMING_MAX_POOL 256

#define DT_TYPE_INCOMING (dt_incoming_get_type ())
G_DECLARE_FINAL_TYPE (DtIncoming, dt_incoming, DT, INCOMING, GObject)

/* Properties (read-write, notify): "enabled", "rings", "server-address",
 * "accept-caller-address", "reach" (guint), "auth-methods" (DtAuthMethods bits as a guint),
 * "idle-disconnect", "max-call-time" (s, 0: none), "devices", "direct-devices", "addresses",
 * "dns-servers" (GStrv). */

/* @path: NULL for $XDG_CONFIG_HOME/dialtone/incoming.ini. */
DtIncoming   *dt_incoming_new                  (const char          *path);
/* Reads the file; a missing one leaves the defaults. */
gboolean      dt_incoming_load                 (DtIncoming          *self,
                                                GError             **error);
gboolean      dt_incoming_save                 (DtIncoming          *self,
                                                GError             **error);
const char   *dt_incoming_get_path             (DtIncoming          *self);

gboolean      dt_incoming_get_enabled          (DtIncoming          *self);
void          dt_incoming_set_enabled          (DtIncoming          *self,
                                                gboolean             enabled);
guint         dt_incoming_get_rings            (DtIncoming          *self);
void          dt_incoming_set_rings            (DtIncoming          *self,
                                                guint                rings);
const char * const *dt_incoming_get_devices    (DtIncoming          *self);
void          dt_incoming_set_devices          (DtIncoming          *self,
                                                const char * const  *devices);
const char * const *dt_incoming_get_direct_devices (DtIncoming      *self);
void          dt_incoming_set_direct_devices   (DtIncoming          *self,
                                                const char * const  *devices);
const char   *dt_incoming_get_server_address   (DtIncoming          *self);
gboolean      dt_incoming_set_server_address   (DtIncoming          *self,
                                                const char          *address,
                                                GError             **error);
/* One address, or a range "first-last", per element. */
const char * const *dt_incoming_get_addresses  (DtIncoming          *self);
gboolean      dt_incoming_set_addresses        (DtIncoming          *self,
                                                const char * const  *addresses,
                                                GError             **error);
/* The pool, every range spelled out, in order, at most DT_INCOMING_MAX_POOL. */
GStrv         dt_incoming_expand_pool          (DtIncoming          *self);
const char * const *dt_incoming_get_dns_servers (DtIncoming         *self);
gboolean      dt_incoming_set_dns_servers      (DtIncoming          *self,
                                                const char * const  *servers,
                                                GError             **error);
gboolean      dt_incoming_get_accept_caller_address (DtIncoming     *self);
void          dt_incoming_set_accept_caller_address (DtIncoming     *self,
                                                     gboolean        accept);
DtIncomingReach dt_incoming_get_reach          (DtIncoming          *self);
void          dt_incoming_set_reach            (DtIncoming          *self,
                                                DtIncomingReach      reach);
guint         dt_incoming_get_auth_methods     (DtIncoming          *self);
void          dt_incoming_set_auth_methods     (DtIncoming          *self,
                                                guint                methods);
guint         dt_incoming_get_idle_disconnect  (DtIncoming          *self);
void          dt_incoming_set_idle_disconnect  (DtIncoming          *self,
                                                guint                seconds);
guint         dt_incoming_get_max_call_time    (DtIncoming          *self);
void          dt_incoming_set_max_call_time    (DtIncoming          *self,
                                                guint                seconds);

/* The accounts, sorted by name. */
GListModel   *dt_incoming_get_users            (DtIncoming          *self);
/* By name, ignoring case, as Windows does. */
DtDialinUser *dt_incoming_find_user            (DtIncoming          *self,
                                                const char          *name);
DtDialinUser *dt_incoming_add_user             (DtIncoming          *self,
                                                const char          *name,
                                                GError             **error);
gboolean      dt_incoming_remove_user          (DtIncoming          *self,
                                                const char          *name);

/* A dotted IPv4 address a host may have, as a number in host order, or 0. */
guint32       dt_incoming_parse_address        (const char          *text);

G_END_DECLS
