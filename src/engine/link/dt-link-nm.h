/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLinkNm: the NetworkManager side of DtLink.  It keeps one in-memory "tun" profile owned by
 * the user active for the link: it adds and activates the profile, watches it, activates it
 * again after NetworkManager restarts, and removes it.  The TUN device itself is DtLink's
 * business.  Internal to src/engine/link. */
#pragma once

#include <gio/gio.h>

#include "dt-link.h"

G_BEGIN_DECLS

#define DT_TYPE_LINK_NM (dt_link_nm_get_type ())
G_DECLARE_FINAL_TYPE (DtLinkNm, dt_link_nm, DT, LINK_NM, GObject)

/* Signals:
 *   recovering (): NetworkManager went away; the profile is activated again when it returns.
 *   recovered (): activated again after a restart.
 *   failed (const GError *error): the profile is no longer active and will not be again. */

/* Connects to NetworkManager on the system bus.  Completes with NULL and no error when
 * NetworkManager does not run, and with an error when the bus is out of reach. */
void       dt_link_nm_new_async        (GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
DtLinkNm  *dt_link_nm_new_finish       (GAsyncResult        *result,
                                        GError             **error);

/* Whether NetworkManager knows a device or a profile by that interface name. */
gboolean   dt_link_nm_interface_in_use (DtLinkNm            *self,
                                        const char          *ifname);

/* Adds the profile for @config on @ifname and activates it.  Completes once NetworkManager
 * has the device activated, or with a DT_LINK_ERROR. */
void       dt_link_nm_activate_async   (DtLinkNm            *self,
                                        const DtLinkConfig  *config,
                                        const char          *ifname,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   dt_link_nm_activate_finish  (DtLinkNm            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* Deletes the profile, which deactivates it and makes NetworkManager delete the device. */
void       dt_link_nm_remove_async     (DtLinkNm            *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   dt_link_nm_remove_finish    (DtLinkNm            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* TRUE between "recovering" and "recovered" (or "failed"). */
gboolean   dt_link_nm_is_recovering    (DtLinkNm            *self);

G_END_DECLS
