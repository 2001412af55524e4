/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which Dialtone process a NetworkManager profile belongs to, and the profiles whose process
 * is gone.  DtLinkNm marks each profile it adds with its process (pid, start time, pid
 * namespace) in the profile's user data; a profile whose process died without taking it down
 * (a crash, SIGKILL) is stale.  Internal to src/engine/link; the public call is
 * dt_link_cleanup_stale_async() in dt-link.h. */
#pragma once

#include <NetworkManager.h>

G_BEGIN_DECLS

/* Records this process as the owner of the profile that @s_user belongs to. */
gboolean dt_link_stale_mark_owner     (NMSettingUser  *s_user,
                                       GError        **error);

/* Deletes this user's Dialtone profiles whose process is gone; @callback (may be NULL) runs
 * once every deletion has been answered, with the number deleted as the task's value. */
void     dt_link_stale_delete_async   (NMClient            *client,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gssize   dt_link_stale_delete_finish  (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
