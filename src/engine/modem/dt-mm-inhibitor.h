/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtMmInhibitor: asks ModemManager to let go of a modem for the length of a call, with
 * InhibitDevice(uid, true) over a system-bus connection of its own that stays open until the
 * call ends (ModemManager ends an inhibition when its caller leaves the bus), then
 * InhibitDevice(uid, false).  It never holds up a dial: without ModemManager, or when
 * ModemManager does not know the port, it finishes at once; a ModemManager that does not
 * answer is given up after the timeout. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a dial waits for ModemManager at most. */
#define DT_MM_INHIBITOR_TIMEOUT_MS 1500

#define DT_TYPE_MM_INHIBITOR (dt_mm_inhibitor_get_type ())

G_DECLARE_FINAL_TYPE (DtMmInhibitor, dt_mm_inhibitor, DT, MM_INHIBITOR, GObject)

DtMmInhibitor *dt_mm_inhibitor_new             (const char          *device_path);

const char    *dt_mm_inhibitor_get_device_path (DtMmInhibitor       *self);
const char    *dt_mm_inhibitor_get_uid         (DtMmInhibitor       *self);
gboolean       dt_mm_inhibitor_is_inhibited    (DtMmInhibitor       *self);

void           dt_mm_inhibitor_inhibit_async   (DtMmInhibitor       *self,
                                                guint                timeout_ms,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       dt_mm_inhibitor_inhibit_finish  (DtMmInhibitor       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

void           dt_mm_inhibitor_release_async   (DtMmInhibitor       *self,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean       dt_mm_inhibitor_release_finish  (DtMmInhibitor       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
