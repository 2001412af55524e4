/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtMmInhibitor: asks ModemManager to let go of a modem for the length of a call, with
 * InhibitDevice(uid, true) over a system-bus connection of its own that stays open until the
 * call ends (ModemManager ends an inhibition when its caller leaves the bus), then
 * InhibitDevice(uid, false).  It never holds up a dial for nothing: without ModemManager, or
 * when ModemManager does not know the device, it finishes at once; a ModemManager that does
 * not answer is given up after the timeout.  A ModemManager that is still probing the device
 * (just plugged in, or probing it again after the last call) refuses to let go until it has
 * made a modem of it: the inhibitor waits for that, emitting "probing", for at most
 * DT_MM_INHIBITOR_PROBE_TIMEOUT_MS, rather than dial into its AT commands. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a dial waits for ModemManager's answer at most. */
#define DT_MM_INHIBITOR_TIMEOUT_MS 1500
/* How long a dial waits, at most, for a ModemManager that is probing the device to finish
 * (ModemManager 1.20 takes 1–5 s for a modem that answers AT). */
#define DT_MM_INHIBITOR_PROBE_TIMEOUT_MS 15000

#define DT_TYPE_MM_INHIBITOR (dt_mm_inhibitor_get_type ())

G_DECLARE_FINAL_TYPE (DtMmInhibitor, dt_mm_inhibitor, DT, MM_INHIBITOR, GObject)

DtMmInhibitor *dt_mm_inhibitor_new             (const char          *device_path);
void           dt_mm_inhibitor_set_probe_timeout (DtMmInhibitor     *self,
                                                guint                probe_timeout_ms);

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
