/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtMmInhibitor.  The steps, each bounded by one deadline: a private connection to the system
 * bus (a shared one would keep an inhibition alive until the process exits, should the
 * un-inhibit get lost), GetManagedObjects to find the modem that owns the port and its
 * Device uid, else udev's ID_MM_PHYSDEV_UID (set by rules for devices that ModemManager
 * has not yet made a modem of), then InhibitDevice.
 *
 * On the deadline or a cancel, every D-Bus operation in flight is cancelled and the
 * connection closed: an InhibitDevice that ModemManager handles late then finds its caller
 * gone and undoes itself.  Releasing closes the connection too, after InhibitDevice(uid,
 * false) or its own bounded wait, so that no path leaves the modem inhibited. */

#define G_LOG_DOMAIN "dialtone-modem"

#include "config.h"

#include <gudev/gudev.h>
#include <glib/gi18n-lib.h>

#include "dt-mm.h"
#include "dt-mm-inhibitor.h"

/* How long hang-up waits for ModemManager to take the modem back before closing the bus
 * connection, which ends the inhibition anyway. */
#define RELEASE_TIMEOUT_MS 1000

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
  guint deadline_id;
  guint timeout_ms;
  gboolean timed_out;
  gboolean released;           /* release() came while the inhibit was in progress */
};

G_DEFINE_FINAL_TYPE (DtMmInhibitor, dt_mm_inhibitor, G_TYPE_OBJECT)

static void
close_bus (DtMmInhibitor *self)
{
  if (self->bus == NULL)
    return;
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

  g_clear_handle_id (&self->deadline_id, g_source_remove);
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

/* A failed step: a cancel of ours becomes the timeout or the caller's cancel. */
static void
fail (DtMmInhibitor *self,
      GError        *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->timed_out)
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("ModemManager did not answer within %u ms"), self->timeout_ms);
    }
  finish (self, error);
}

static gboolean
on_deadline (gpointer user_data)
{
  DtMmInhibitor *self = user_data;

  self->deadline_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->op);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable  *cancellable,
                     DtMmInhibitor *self)
{
  /* The D-Bus operations come back cancelled, always from the main loop. */
  g_cancellable_cancel (self->op);
}

static void
on_inhibited (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (DtMmInhibitor) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      fail (self, error);
      return;
    }
  finish (self, NULL);
}

/* The uid udev's rules give the device: ModemManager's own ID_MM_PHYSDEV_UID, which it uses
 * in place of the physical device's sysfs path. */
static char *
udev_physdev_uid (const char *device_path)
{
  static const char * const subsystems[] = { "tty", NULL };
  g_autoptr (GUdevClient) client = g_udev_client_new (subsystems);
  g_autoptr (GUdevDevice) device = g_udev_client_query_by_device_file (client, device_path);
  const char *uid;

  if (device == NULL)
    return NULL;
  uid = g_udev_device_get_property (device, "ID_MM_PHYSDEV_UID");
  return uid != NULL && uid[0] != '\0' ? g_strdup (uid) : NULL;
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
  self->uid = modem != NULL ? g_strdup (modem->device) : udev_physdev_uid (self->device_path);
  if (self->uid == NULL)
    {
      finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("ModemManager does not manage %s"), self->device_path));
      return;
    }
  g_dbus_connection_call (self->bus, DT_MM_SERVICE, DT_MM_PATH, DT_MM_SERVICE, "InhibitDevice",
                          g_variant_new ("(sb)", self->uid, TRUE), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, (int) self->timeout_ms, self->op,
                          on_inhibited, g_object_ref (self));
}

static void
on_bus_connected (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtMmInhibitor) self = user_data;
  GError *error = NULL;
  GDBusConnection *bus = g_dbus_connection_new_for_address_finish (result, &error);

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
  dt_mm_list_modems_async (bus, (int) self->timeout_ms, self->op, on_modems_listed,
                           g_object_ref (self));
}

/**
 * dt_mm_inhibitor_inhibit_async:
 * @timeout_ms: the most this may take, e.g. %DT_MM_INHIBITOR_TIMEOUT_MS
 *
 * Asks ModemManager to let go of the device.  Finishes with TRUE once it has; otherwise with
 * an error that says why not, for the log: G_IO_ERROR_NOT_FOUND (ModemManager is not running,
 * or does not know the port), G_IO_ERROR_TIMED_OUT, or ModemManager's own error.  None of
 * them should stop a dial.
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
  self->released = FALSE;
  self->op = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller = g_object_ref (cancellable);
      self->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                               self, NULL);
    }
  self->deadline_id = g_timeout_add (timeout_ms, on_deadline, self);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (address == NULL)
    {
      finish (self, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", error->message));
      return;
    }
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
 * closes.  An inhibit still in progress is cancelled.  Bounded; safe in any state.  With no
 * @callback and nothing inhibited, it is all done on return.
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
      g_cancellable_cancel (self->op);
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

  /* Every operation holds a reference: nothing is in flight here.  Closing the connection
   * gives the device back. */
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
}

static void
dt_mm_inhibitor_init (DtMmInhibitor *self)
{
}
