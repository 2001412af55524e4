/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtMmInhibitor.  The steps: a private connection to the system bus (a shared one would keep
 * an inhibition alive until the process exits, should the un-inhibit get lost),
 * GetManagedObjects to find the modem that owns the port and its Device uid, then
 * InhibitDevice.  Each step waits for ModemManager's answer for at most the timeout.
 *
 * Without a modem object for the port (ModemManager is probing it: just plugged in, or
 * handed back by the last call and being probed again), the uid is the one ModemManager
 * gives the device (dt_mm_device_uid(): udev's ID_MM_PHYSDEV_UID, else the physical
 * device's sysfs path), or, for a port udev does not know, the uid a modem object gave for
 * it earlier in this process.  ModemManager 1.20 refuses to inhibit a device it is still
 * probing (WrongState, "Modem not exported in the bus"), and one that is already inhibited
 * (InProgress: the last call's release not yet handled): both are tried again, when
 * ModemManager adds an object and every RETRY_MS, until the probe bound.  NotFound means
 * ModemManager does not track the device at all: nothing to wait for.
 *
 * On a deadline or a cancel, every D-Bus operation in flight is cancelled and the connection
 * closed: an InhibitDevice that ModemManager handles late then finds its caller gone and
 * undoes itself.  Releasing closes the connection too, after InhibitDevice(uid, false) or its
 * own bounded wait, so that no path leaves the modem inhibited. */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "dt-dbus.h"
#include "dt-mm.h"
#include "dt-mm-inhibitor.h"

/* How long hang-up waits for ModemManager to take the modem back before closing the bus
 * connection, which ends the inhibition anyway. */
#define RELEASE_TIMEOUT_MS 1000
/* How often a probing ModemManager is asked again, besides when it adds a modem. */
#define RETRY_MS 500

#define MM_ERROR_PREFIX "org.freedesktop.ModemManager1.Error.Core."

struct _DtMmInhibitor
{
  GObject parent_instance;

  char *device_path;
  char *uid;
  GDBusConnection *bus;        /* ours; open while inhibited */
  gboolean inhibited;

  GTask *task;                 /* the inhibit in progress */
  GCancellable *op;            /* its D-Bus operations */
  GCancellable *caller;
  gulong caller_id;
  guint answer_id;             /* ModemManager's answer to the call in flight is due */
  guint timeout_ms;
  gboolean timed_out;
  gboolean released;           /* release() came while the inhibit was in progress */

  guint probe_timeout_ms;
  guint probe_id;              /* the probe bound, once ModemManager said it probes */
  guint retry_id;
  guint added_id;              /* InterfacesAdded subscription, while waiting */
  gboolean calling;            /* an InhibitDevice is in flight */
  gboolean probe_timed_out;
};

G_DEFINE_FINAL_TYPE (DtMmInhibitor, dt_mm_inhibitor, G_TYPE_OBJECT)

enum {
  SIGNAL_PROBING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- uids ModemManager gave, for ports udev does not know ------------------------------ */

G_LOCK_DEFINE_STATIC (remembered);
static GHashTable *remembered;     /* realpath of the port → uid */

static char *
port_key (const char *device_path)
{
  char *resolved = realpath (device_path, NULL);
  char *key = g_strdup (resolved != NULL ? resolved : device_path);

  free (resolved);
  return key;
}

static void
remember_uid (const char *device_path,
              const char *uid)
{
  G_LOCK (remembered);
  if (remembered == NULL)
    remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (remembered, port_key (device_path), g_strdup (uid));
  G_UNLOCK (remembered);
}

static char *
remembered_uid (const char *device_path)
{
  g_autofree char *key = port_key (device_path);
  char *uid;

  G_LOCK (remembered);
  uid = remembered != NULL ? g_strdup (g_hash_table_lookup (remembered, key)) : NULL;
  G_UNLOCK (remembered);
  return uid;
}

/* ---- the inhibit ----------------------------------------------------------------------- */

static void
close_bus (DtMmInhibitor *self)
{
  if (self->bus == NULL)
    return;
  dt_dbus_clear_subscription (self->bus, &self->added_id);
  g_dbus_connection_close (self->bus, NULL, NULL, NULL);
  g_clear_object (&self->bus);
  self->inhibited = FALSE;
}

/* Ends the inhibit in progress: with success when @error is NULL. */
static void
finish (DtMmInhibitor *self,
        GError        *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->answer_id, g_source_remove);
  g_clear_handle_id (&self->probe_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  dt_dbus_clear_subscription (self->bus, &self->added_id);
  if (self->caller != NULL)
    g_cancellable_disconnect (self->caller, self->caller_id);
  self->caller_id = 0;
  g_clear_object (&self->caller);
  g_clear_object (&self->op);

  if (error == NULL && self->released)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "released");
  if (error != NULL)
    {
      close_bus (self);
      g_debug ("ModemManager keeps %s: %s", self->device_path, error->message);
      g_task_return_error (task, error);
      return;
    }
  self->inhibited = TRUE;
  g_debug ("ModemManager let go of %s (device %s)", self->device_path, self->uid);
  g_task_return_boolean (task, TRUE);
}

/* A failed step: a cancel of ours becomes the timeout, the probe bound or the caller's
 * cancel. */
static void
fail (DtMmInhibitor *self,
      GError        *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->probe_timed_out)
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("ModemManager was still probing %s after %.1f s"),
                           self->device_path, self->probe_timeout_ms / 1000.0);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->timed_out)
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("ModemManager did not answer within %u ms"), self->timeout_ms);
    }
  finish (self, error);
}

static gboolean
on_answer_deadline (gpointer user_data)
{
  DtMmInhibitor *self = user_data;

  self->answer_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->op);
  return G_SOURCE_REMOVE;
}

/* ModemManager's answer to the call about to be made is due within the timeout. */
static void
await_answer (DtMmInhibitor *self)
{
  g_clear_handle_id (&self->answer_id, g_source_remove);
  self->answer_id = g_timeout_add (self->timeout_ms, on_answer_deadline, self);
}

static gboolean
on_cancelled_idle (gpointer user_data)
{
  DtMmInhibitor *self = user_data;

  if (self->task != NULL && !self->calling)
    fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled"));
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable  *cancellable,
                     DtMmInhibitor *self)
{
  /* The D-Bus operations come back cancelled, always from the main loop.  Between two tries
   * nothing is in flight: end from the main loop too (not here, where finishing would
   * disconnect this very handler). */
  g_cancellable_cancel (self->op);
  if (!self->calling)
    g_idle_add_full (G_PRIORITY_HIGH, on_cancelled_idle, g_object_ref (self), g_object_unref);
}

static void try_inhibit (DtMmInhibitor *self);

static gboolean
on_probe_deadline (gpointer user_data)
{
  DtMmInhibitor *self = user_data;

  self->probe_id = 0;
  self->probe_timed_out = TRUE;
  if (self->calling)
    g_cancellable_cancel (self->op);
  else
    fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "probe bound"));
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry (gpointer user_data)
{
  DtMmInhibitor *self = user_data;

  self->retry_id = 0;
  try_inhibit (self);
  return G_SOURCE_REMOVE;
}

static void
on_interfaces_added (GDBusConnection *connection,
                     const char      *sender,
                     const char      *path,
                     const char      *interface,
                     const char      *signal,
                     GVariant        *parameters,
                     gpointer         user_data)
{
  DtMmInhibitor *self = user_data;

  /* A modem, perhaps ours: ask now rather than at the next retry. */
  if (self->task != NULL && !self->calling)
    {
      g_clear_handle_id (&self->retry_id, g_source_remove);
      try_inhibit (self);
    }
}

/* ModemManager has the device but will not let go yet: it is probing it.  Wait for it,
 * bounded, and say so once. */
static void
wait_for_probe (DtMmInhibitor *self,
                const char    *why)
{
  if (self->probe_id == 0 && !self->probe_timed_out)
    {
      g_debug ("ModemManager is busy with %s (%s): waiting", self->device_path, why);
      self->probe_id = g_timeout_add (self->probe_timeout_ms, on_probe_deadline, self);
      self->added_id =
        g_dbus_connection_signal_subscribe (self->bus, DT_MM_SERVICE,
                                            "org.freedesktop.DBus.ObjectManager",
                                            "InterfacesAdded", DT_MM_PATH, NULL,
                                            G_DBUS_SIGNAL_FLAGS_NONE, on_interfaces_added,
                                            self, NULL);
      g_signal_emit (self, signals[SIGNAL_PROBING], 0);
    }
  self->retry_id = g_timeout_add (RETRY_MS, on_retry, self);
}

static void
on_inhibited (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (DtMmInhibitor) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autofree char *remote = NULL;
  GError *error = NULL;

  self->calling = FALSE;
  g_clear_handle_id (&self->answer_id, g_source_remove);
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    {
      finish (self, NULL);
      return;
    }
  remote = g_dbus_error_get_remote_error (error);
  g_dbus_error_strip_remote_error (error);
  if ((g_strcmp0 (remote, MM_ERROR_PREFIX "WrongState") == 0 ||
       g_strcmp0 (remote, MM_ERROR_PREFIX "InProgress") == 0) && !self->released)
    {
      wait_for_probe (self, error->message);
      g_error_free (error);
      return;
    }
  if (g_strcmp0 (remote, MM_ERROR_PREFIX "NotFound") == 0)
    {
      /* Not a device ModemManager tracks (or no longer: a probe that found no modem). */
      error->domain = G_IO_ERROR;
      error->code = G_IO_ERROR_NOT_FOUND;
    }
  fail (self, error);
}

static void
try_inhibit (DtMmInhibitor *self)
{
  self->calling = TRUE;
  await_answer (self);
  g_dbus_connection_call (self->bus, DT_MM_SERVICE, DT_MM_PATH, DT_MM_SERVICE, "InhibitDevice",
                          g_variant_new ("(sb)", self->uid, TRUE), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, (int) self->timeout_ms, self->op,
                          on_inhibited, g_object_ref (self));
}

static void
on_modems_listed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtMmInhibitor) self = user_data;
  g_autoptr (GPtrArray) modems = NULL;
  GError *error = NULL;
  gboolean running = FALSE;
  DtMmModem *modem;

  g_clear_handle_id (&self->answer_id, g_source_remove);
  modems = dt_mm_list_modems_finish (G_DBUS_CONNECTION (object), result, &running, &error);
  if (modems == NULL)
    {
      fail (self, error);
      return;
    }
  if (!running)
    {
      finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                         _("ModemManager is not running")));
      return;
    }
  modem = dt_mm_find_port (modems, self->device_path);
  g_free (self->uid);
  self->uid = NULL;
  if (modem != NULL && modem->device != NULL)
    {
      self->uid = g_strdup (modem->device);
      remember_uid (self->device_path, self->uid);
    }
  else if ((self->uid = dt_mm_device_uid (self->device_path)) == NULL)
    self->uid = remembered_uid (self->device_path);
  if (self->uid == NULL)
    {
      finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("ModemManager does not manage %s"), self->device_path));
      return;
    }
  try_inhibit (self);
}

static void
on_bus_connected (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtMmInhibitor) self = user_data;
  GError *error = NULL;
  GDBusConnection *bus = g_dbus_connection_new_for_address_finish (result, &error);

  g_clear_handle_id (&self->answer_id, g_source_remove);
  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* No system bus at all (a container): no ModemManager either. */
          g_prefix_error (&error, "%s", _("No system bus: "));
          error->domain = G_IO_ERROR;
          error->code = G_IO_ERROR_NOT_FOUND;
        }
      fail (self, error);
      return;
    }
  self->bus = bus;
  g_dbus_connection_set_exit_on_close (bus, FALSE);
  await_answer (self);
  dt_mm_list_modems_async (bus, (int) self->timeout_ms, self->op, on_modems_listed,
                           g_object_ref (self));
}

/**
 * dt_mm_inhibitor_inhibit_async:
 * @timeout_ms: the most each answer of ModemManager may take, e.g.
 *   %DT_MM_INHIBITOR_TIMEOUT_MS
 *
 * Asks ModemManager to let go of the device.  Finishes with TRUE once it has; otherwise with
 * an error that says why not, for the log: G_IO_ERROR_NOT_FOUND (ModemManager is not running,
 * or does not know the device), G_IO_ERROR_TIMED_OUT (it did not answer, or was still
 * probing the device at the probe bound), or ModemManager's own error.  None of them should
 * stop a dial.  "probing" is emitted when it starts to wait for a probe.
 */
void
dt_mm_inhibitor_inhibit_async (DtMmInhibitor       *self,
                               guint                timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;

  g_return_if_fail (DT_IS_MM_INHIBITOR (self));
  g_return_if_fail (self->task == NULL && !self->inhibited);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dt_mm_inhibitor_inhibit_async);
  self->timeout_ms = timeout_ms;
  self->timed_out = FALSE;
  self->probe_timed_out = FALSE;
  self->released = FALSE;
  self->op = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller = g_object_ref (cancellable);
      self->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                               self, NULL);
    }

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (address == NULL)
    {
      finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", error->message));
      return;
    }
  await_answer (self);
  g_dbus_connection_new_for_address (address,
                                     G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                     G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                     NULL, self->op, on_bus_connected, g_object_ref (self));
}

gboolean
dt_mm_inhibitor_inhibit_finish (DtMmInhibitor  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_uninhibited (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DtMmInhibitor *self = g_task_get_source_object (task);
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  /* Closing the connection ends the inhibition in any case. */
  close_bus (self);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_error (task, error);
      return;
    }
  g_debug ("ModemManager has %s back (device %s)", self->device_path, self->uid);
  g_task_return_boolean (task, TRUE);
}

/**
 * dt_mm_inhibitor_release_async:
 *
 * Gives the device back to ModemManager: InhibitDevice(uid, false), then the connection
 * closes.  An inhibit still in progress (waiting for a probe too) is cancelled.  Bounded;
 * safe in any state.  With no @callback and nothing inhibited, it is all done on return.
 */
void
dt_mm_inhibitor_release_async (DtMmInhibitor       *self,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_MM_INHIBITOR (self));

  if (self->task != NULL)
    {
      self->released = TRUE;
      if (self->calling)
        g_cancellable_cancel (self->op);
      else
        /* Between two tries: nothing in flight to come back cancelled. */
        fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "released"));
    }
  else if (!self->inhibited || self->bus == NULL)
    close_bus (self);
  if (!self->inhibited || self->bus == NULL)
    {
      /* Nothing to wait for; without a callback, nothing is left pending either. */
      if (callback == NULL)
        return;
      task = g_task_new (self, NULL, callback, user_data);
      g_task_set_source_tag (task, dt_mm_inhibitor_release_async);
      g_task_return_boolean (task, TRUE);
      return;
    }
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, dt_mm_inhibitor_release_async);
  self->inhibited = FALSE;
  g_dbus_connection_call (self->bus, DT_MM_SERVICE, DT_MM_PATH, DT_MM_SERVICE, "InhibitDevice",
                          g_variant_new ("(sb)", self->uid, FALSE), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, RELEASE_TIMEOUT_MS, NULL,
                          on_uninhibited, g_steal_pointer (&task));
}

gboolean
dt_mm_inhibitor_release_finish (DtMmInhibitor  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

DtMmInhibitor *
dt_mm_inhibitor_new (const char *device_path)
{
  DtMmInhibitor *self;

  g_return_val_if_fail (device_path != NULL, NULL);

  self = g_object_new (DT_TYPE_MM_INHIBITOR, NULL);
  self->device_path = g_strdup (device_path);
  return self;
}

/* How long to wait for a probing ModemManager, for the next inhibit. */
void
dt_mm_inhibitor_set_probe_timeout (DtMmInhibitor *self,
                                   guint          probe_timeout_ms)
{
  g_return_if_fail (DT_IS_MM_INHIBITOR (self));

  self->probe_timeout_ms = probe_timeout_ms;
}

const char *
dt_mm_inhibitor_get_device_path (DtMmInhibitor *self)
{
  g_return_val_if_fail (DT_IS_MM_INHIBITOR (self), NULL);

  return self->device_path;
}

/* The device uid ModemManager was asked about, or NULL. */
const char *
dt_mm_inhibitor_get_uid (DtMmInhibitor *self)
{
  g_return_val_if_fail (DT_IS_MM_INHIBITOR (self), NULL);

  return self->uid;
}

gboolean
dt_mm_inhibitor_is_inhibited (DtMmInhibitor *self)
{
  g_return_val_if_fail (DT_IS_MM_INHIBITOR (self), FALSE);

  return self->inhibited;
}

static void
dt_mm_inhibitor_dispose (GObject *object)
{
  DtMmInhibitor *self = DT_MM_INHIBITOR (object);

  /* Every operation holds a reference, and a wait between tries ends with the task: nothing
   * is in flight here.  Closing the connection gives the device back. */
  close_bus (self);

  G_OBJECT_CLASS (dt_mm_inhibitor_parent_class)->dispose (object);
}

static void
dt_mm_inhibitor_finalize (GObject *object)
{
  DtMmInhibitor *self = DT_MM_INHIBITOR (object);

  g_free (self->device_path);
  g_free (self->uid);

  G_OBJECT_CLASS (dt_mm_inhibitor_parent_class)->finalize (object);
}

static void
dt_mm_inhibitor_class_init (DtMmInhibitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_mm_inhibitor_dispose;
  object_class->finalize = dt_mm_inhibitor_finalize;

  /**
   * DtMmInhibitor::probing:
   *
   * ModemManager is probing the device and will not let go before it has finished: the
   * inhibit waits for it (at most the probe timeout).
   */
  signals[SIGNAL_PROBING] = g_signal_new ("probing", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
dt_mm_inhibitor_init (DtMmInhibitor *self)
{
  self->probe_timeout_ms = DT_MM_INHIBITOR_PROBE_TIMEOUT_MS;
}
