/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem: a modem on a serial port, from open to hang-up, on the GLib main loop.
 *
 * One operation runs at a time (open, dial, answer or hang-up), as a GTask.  The AT dialog
 * itself is DtAtDialog's; DtModem owns the port and its lock, routes the port's bytes (to
 * the dialog in command mode, to the caller online), and hangs up (dt-modem-hang-up.c).
 *
 * After CONNECT the modem is online: CLOCAL is cleared so that a carrier drop hangs the tty
 * up, and bytes are held until the caller calls dt_modem_start_data(), so that the peer's
 * first PPP frames (which often come in the same read as the CONNECT line) are not lost. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-modem-private.h"

#define MAX_HELD     (64 * 1024) /* online bytes held until dt_modem_start_data() */

G_DEFINE_FINAL_TYPE (DtModem, dt_modem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_SPEED,
  PROP_CONNECT_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RING,
  SIGNAL_DIALING,
  SIGNAL_DATA_RECEIVED,
  SIGNAL_CARRIER_LOST,
  SIGNAL_TRACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the port -------------------------------------------------------------------------- */

/* Closes the port, its lock and the dialog.  Disposing the dialog fails its operation, whose
 * callback may come back here: everything is taken off self first. */
void
_dt_modem_close_port (DtModem *self)
{
  g_autoptr (DtAtDialog) dialog = g_steal_pointer (&self->dialog);
  g_autoptr (DtSerialPort) port = g_steal_pointer (&self->port);

  g_clear_handle_id (&self->dtr_timeout_id, g_source_remove);
  g_clear_handle_id (&self->hang_up_limit_id, g_source_remove);
  self->state = DT_MODEM_STATE_CLOSED;
  self->line_dead = FALSE;
  self->peer_gone = FALSE;
  self->delivering = FALSE;
  g_byte_array_set_size (self->held, 0);
  if (dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (dialog, self);
      g_object_run_dispose (G_OBJECT (dialog));
    }
  if (port != NULL)
    {
      g_signal_handlers_disconnect_by_data (port, self);
      dt_serial_port_close (port);
    }
}

static void
deliver_data (DtModem      *self,
              const guint8 *data,
              gsize         length)
{
  /* The LF of the CONNECT line's CR LF, when it comes in the next read. */
  if (self->skip_lf && length > 0)
    {
      self->skip_lf = FALSE;
      if (data[0] == '\n')
        data++, length--;
    }
  if (length == 0)
    return;

  if (self->delivering)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (data, length);

      g_signal_emit (self, signals[SIGNAL_DATA_RECEIVED], 0, bytes);
    }
  else if (self->held->len + length <= MAX_HELD)
    g_byte_array_append (self->held, data, (guint) length);
  else
    g_debug ("%s: %zu bytes dropped before the data path started", self->device, length);
}

/* The modem said NO CARRIER online: the call is over and the modem is back in command mode,
 * on a port without a DCD line to say so.  Nothing more goes to the caller. */
static void
on_in_band_no_carrier (DtModem *self)
{
  g_debug ("%s: NO CARRIER while online", self->device);
  self->state = DT_MODEM_STATE_COMMAND;
  self->delivering = FALSE;
  g_byte_array_set_size (self->held, 0);
  g_signal_emit (self, signals[SIGNAL_CARRIER_LOST], 0);
}

static void
on_port_data_received (DtSerialPort *port,
                       GBytes       *bytes,
                       gpointer      user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (DtModem) hold = g_object_ref (self);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (self->state != DT_MODEM_STATE_ONLINE)
    {
      gsize consumed = dt_at_dialog_feed (self->dialog, data, length);

      /* Only a CONNECT leaves bytes over, and they are the peer's: the dialog's callback
       * may have closed the port, though. */
      if (consumed == length || self->port != port)
        return;
      data += consumed;
      length -= consumed;
    }
  deliver_data (self, data, length);
  if (self->state == DT_MODEM_STATE_ONLINE && self->device_type == DT_DEVICE_TYPE_MODEM &&
      dt_no_carrier_scan (&self->no_carrier, data, length))
    on_in_band_no_carrier (self);
}

static void
on_port_carrier_lost (DtSerialPort *port,
                      gpointer      user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (DtModem) hold = g_object_ref (self);

  self->line_dead = TRUE;
  /* A dial learns it from its error (619: the port went, as a pulled-out USB modem's does),
   * a hang-up is simply done; otherwise the owner learns it here. */
  if (dt_at_dialog_is_busy (self->dialog))
    dt_at_dialog_abort (self->dialog,
                        g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED,
                                     _("The modem on %s was disconnected."), self->device));
  else if (self->hang_up_task != NULL)
    _dt_modem_finish_hang_up (self, NULL);
  else
    g_signal_emit (self, signals[SIGNAL_CARRIER_LOST], 0);
}

static void
on_dialog_connecting (DtAtDialog *dialog,
                      const char *command,
                      gpointer    user_data)
{
  DtModem *self = DT_MODEM (user_data);

  if (self->number != NULL)
    g_signal_emit (self, signals[SIGNAL_DIALING], 0, self->number);
}

static void
on_dialog_ring (DtAtDialog *dialog,
                guint       count,
                const char *caller,
                gpointer    user_data)
{
  g_signal_emit (DT_MODEM (user_data), signals[SIGNAL_RING], 0, count, caller);
}

static void
on_dialog_trace (DtAtDialog *dialog,
                 gboolean    sent,
                 const char *line,
                 gpointer    user_data)
{
  g_signal_emit (DT_MODEM (user_data), signals[SIGNAL_TRACE], 0, sent, line);
}

/**
 * dt_modem_open_async:
 *
 * Opens and locks the port.  Fails with 633 (the port is in use, missing, or cannot be set
 * up), with the reason in the message.
 */
void
dt_modem_open_async (DtModem             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (DtSerialPort) port = NULL;
  GError *error = NULL;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_open_async);

  if (self->state != DT_MODEM_STATE_CLOSED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("The modem is already open."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Opening is non-blocking (O_NONBLOCK) and the lock is a local file: no wait here. */
  port = dt_serial_port_new (self->device, self->lock_dir);
  if (!dt_serial_port_open (port, self->port_speed, self->flow_control, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  self->port = g_steal_pointer (&port);
  g_signal_connect (self->port, "data-received", G_CALLBACK (on_port_data_received), self);
  g_signal_connect (self->port, "carrier-lost", G_CALLBACK (on_port_carrier_lost), self);
  self->dialog = dt_at_dialog_new (self->port, self->command_timeout, self->guard_time);
  g_signal_connect (self->dialog, "connecting", G_CALLBACK (on_dialog_connecting), self);
  g_signal_connect (self->dialog, "trace", G_CALLBACK (on_dialog_trace), self);
  g_signal_connect (self->dialog, "ring", G_CALLBACK (on_dialog_ring), self);
  self->state = DT_MODEM_STATE_COMMAND;
  g_task_return_boolean (task, TRUE);
}

gboolean
dt_modem_open_finish (DtModem       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- dial and answer ------------------------------------------------------------------- */

static void
go_online (DtModem    *self,
           char       *connect_line,
           guint       speed)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->dial_task);
  g_autoptr (GError) error = NULL;

  g_free (self->connect_line);
  self->connect_line = connect_line;
  /* Without a rate from the modem, the port speed is what it connected at, as Windows
   * reports it too. */
  self->speed = speed != 0 ? speed : dt_serial_port_get_speed (self->port);
  self->state = DT_MODEM_STATE_ONLINE;
  /* A null-modem cable often has no DCD: only a modem's carrier is watched. */
  if (self->device_type == DT_DEVICE_TYPE_MODEM
      && !dt_serial_port_set_local (self->port, FALSE, &error))
    g_debug ("%s: cannot clear CLOCAL: %s", self->device, error->message);
  g_debug ("%s: online at %u bps (%s)", self->device, self->speed,
           connect_line != NULL ? connect_line : "direct");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_LINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
  g_task_return_boolean (task, TRUE);
}

static void
on_dialog_run_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (DtModem) self = user_data;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  char *connect_line = NULL;
  guint speed = 0;

  g_clear_pointer (&self->number, g_free);
  if (dt_at_dialog_run_finish (DT_AT_DIALOG (source), result, &connect_line, &speed, &error))
    {
      if (self->state == DT_MODEM_STATE_DIALING)
        {
          go_online (self, connect_line, speed);
          return;
        }
      /* CONNECT came, but a hang-up got in before this callback. */
      g_free (connect_line);
      g_set_error_literal (&error, DT_RAS_ERROR, DT_RAS_ERROR_USER_DISCONNECTION,
                           _("The dial was ended by a hang-up."));
    }
  /* A hang-up that interrupted the dial owns the modem now. */
  if (self->state == DT_MODEM_STATE_DIALING)
    self->state = DT_MODEM_STATE_COMMAND;
  task = g_steal_pointer (&self->dial_task);
  if (task != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
start_dial_task (DtModem  *self,
                 GTask    *task)
{
  if (self->state != DT_MODEM_STATE_COMMAND)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                             _("The modem is not open, or is busy."));
  else if (self->line_dead)
    g_task_return_new_error (task, DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED,
                             _("The modem on %s was disconnected."), self->device);
  else if (!g_task_return_error_if_cancelled (task))
    {
      if (self->connect_line != NULL)
        {
          g_clear_pointer (&self->connect_line, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_LINE]);
        }
      if (self->speed != 0)
        {
          self->speed = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
        }
      self->dial_task = g_object_ref (task);
      self->state = DT_MODEM_STATE_DIALING;
      self->skip_lf = self->device_type == DT_DEVICE_TYPE_MODEM;
      dt_no_carrier_scanner_init (&self->no_carrier);
      return TRUE;
    }
  return FALSE;
}

/* Runs the setup commands, then the commands after @cancellable up to a NULL. */
static void G_GNUC_NULL_TERMINATED
run_dialog (DtModem      *self,
            guint         ring_timeout,
            GCancellable *cancellable,
            ...)
{
  g_autoptr (GPtrArray) commands = g_ptr_array_new ();
  const char *command;
  va_list args;

  for (guint i = 0; self->setup[i] != NULL; i++)
    g_ptr_array_add (commands, self->setup[i]);
  va_start (args, cancellable);
  while ((command = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (commands, (gpointer) command);
  va_end (args);
  g_ptr_array_add (commands, NULL);
  dt_at_dialog_run_async (self->dialog, (const char * const *) commands->pdata, ring_timeout,
                          self->dial_timeout, cancellable, on_dialog_run_done,
                          g_object_ref (self));
}

/**
 * dt_modem_dial_async:
 * @number: the number as the user knows it, e.g. "555-0100"
 *
 * Runs the AT dialog on an open modem: each setup command must answer OK, then ATD.  The
 * failures are RAS errors: 651 (ERROR, or noise instead of a result code, shown in the
 * message), 692 (no answer at all), 676 (BUSY, DELAYED), 677 (VOICE), 678 (NO ANSWER, or
 * nothing within the dial timeout), 679 (NO CARRIER), 680 (NO DIALTONE), 630 (the port
 * went away).  After a failure the modem is back in command mode and can dial again.  A
 * direct device succeeds at once.
 */
void
dt_modem_dial_async (DtModem             *self,
                     const char          *number,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *command = NULL;
  GError *error = NULL;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (number != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_dial_async);
  if (self->device_type == DT_DEVICE_TYPE_MODEM)
    {
      command = dt_modem_build_dial_command (self->dial_mode, self->dial_prefix, number, &error);
      if (command == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (!start_dial_task (self, task))
    return;

  if (self->device_type == DT_DEVICE_TYPE_DIRECT)
    go_online (self, NULL, 0);
  else
    {
      self->number = g_strdup (number);
      run_dialog (self, 0, cancellable, command, NULL);
    }
}

gboolean
dt_modem_dial_finish (DtModem       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * dt_modem_answer_async:
 * @ring_timeout: ms to wait for RING after the setup commands
 *
 * For a call back: runs the setup commands, waits for RING, answers with ATA and waits for
 * CONNECT as a dial does.  No RING in time is 638.
 */
void
dt_modem_answer_async (DtModem             *self,
                       guint                ring_timeout,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (ring_timeout > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_answer_async);
  if (!start_dial_task (self, task))
    return;
  if (self->device_type == DT_DEVICE_TYPE_DIRECT)
    go_online (self, NULL, 0);
  else
    run_dialog (self, ring_timeout, cancellable, "ATA", NULL);
}

/**
 * dt_modem_listen_async:
 * @rings: the RINGs to let pass before answering (1 or more)
 *
 * For incoming calls: runs the setup commands and ATS0=0 (so that the modem never answers
 * by itself), then waits for @rings RINGs in a row (::ring reports each, with the caller ID
 * when the modem gives one), answers with ATA and waits for CONNECT as a dial does.  It
 * waits for the phone to ring as long as it takes; cancel it to stop listening.  A direct
 * device is online at once.  Complete with dt_modem_answer_finish().
 */
void
dt_modem_listen_async (DtModem             *self,
                       guint                rings,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_answer_async);
  if (!start_dial_task (self, task))
    return;
  if (self->device_type == DT_DEVICE_TYPE_DIRECT)
    {
      go_online (self, NULL, 0);
      return;
    }
  dt_at_dialog_set_rings (self->dialog, MAX (rings, 1));
  run_dialog (self, G_MAXUINT, cancellable, "ATS0=0", "ATA", NULL);
}

gboolean
dt_modem_answer_finish (DtModem       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- online ---------------------------------------------------------------------------- */

/**
 * dt_modem_start_data:
 *
 * Starts ::data-received, once the caller is ready for it: the bytes that came after
 * CONNECT (up to 64 KiB) are emitted at once, then every read as it comes.
 */
void
dt_modem_start_data (DtModem *self)
{
  g_autoptr (GBytes) held = NULL;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (self->state == DT_MODEM_STATE_ONLINE);

  if (self->delivering)
    return;
  self->delivering = TRUE;
  if (self->held->len == 0)
    return;
  held = g_bytes_new (self->held->data, self->held->len);
  g_byte_array_set_size (self->held, 0);
  g_signal_emit (self, signals[SIGNAL_DATA_RECEIVED], 0, held);
}

/**
 * dt_modem_set_read_delimiter:
 * @byte: the byte that ends each unit of the caller's data (PPP's flag), or -1
 *
 * Online: delivers the line's bytes when such a byte (or a newline) has come, rather than
 * every few bytes as the line brings them, so that a frame wakes the caller once instead of
 * dozens of times (see dt_serial_port_set_delimiter()).  A hang-up turns it off.
 */
void
dt_modem_set_read_delimiter (DtModem *self,
                             int      byte)
{
  g_return_if_fail (DT_IS_MODEM (self));

  if (self->port != NULL && (self->state == DT_MODEM_STATE_ONLINE || byte < 0))
    dt_serial_port_set_delimiter (self->port, byte);
}

/* Queues bytes for the line, online only.  FALSE when they cannot be queued. */
gboolean
dt_modem_write (DtModem    *self,
                const void *data,
                gsize       length)
{
  g_return_val_if_fail (DT_IS_MODEM (self), FALSE);

  if (self->state != DT_MODEM_STATE_ONLINE)
    return FALSE;
  return dt_serial_port_write (self->port, data, length);
}

/**
 * dt_modem_new:
 *
 * A modem for @config's device, not yet open.  See dt_modem_config_build_setup() for what
 * it sends before dialing.
 */
DtModem *
dt_modem_new (const DtModemConfig *config)
{
  DtModem *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->device != NULL, NULL);

  self = g_object_new (DT_TYPE_MODEM, NULL);
  self->device = g_strdup (config->device);
  self->lock_dir = g_strdup (config->lock_dir);
  self->device_type = config->device_type;
  self->port_speed = config->speed;
  self->flow_control = config->flow_control;
  self->setup = dt_modem_config_build_setup (config);
  self->dial_mode = config->dial_mode;
  self->dial_prefix = g_strdup (config->dial_prefix);
  self->command_timeout = config->command_timeout ? config->command_timeout
                                                  : DT_MODEM_DEFAULT_COMMAND_TIMEOUT;
  self->dial_timeout = config->dial_timeout ? config->dial_timeout
                                            : DT_MODEM_DEFAULT_DIAL_TIMEOUT;
  self->guard_time = config->guard_time ? config->guard_time : DT_MODEM_DEFAULT_GUARD_TIME;
  return self;
}

/* A modem as @entry describes it (dt_modem_config_init_from_entry()). */
DtModem *
dt_modem_new_for_entry (DtEntry *entry)
{
  DtModemConfig config;

  dt_modem_config_init_from_entry (&config, entry);
  return dt_modem_new (&config);
}

const char *
dt_modem_get_device (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), NULL);

  return self->device;
}

DtModemState
dt_modem_get_state (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), DT_MODEM_STATE_CLOSED);

  return self->state;
}

/* The open port, or NULL. */
DtSerialPort *
dt_modem_get_port (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), NULL);

  return self->port;
}

/* The speed of the last connection in bps: the CARRIER rate, else the CONNECT rate, else
 * the port speed.  0 before the first CONNECT. */
guint
dt_modem_get_speed (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), 0);

  return self->speed;
}

/* The CONNECT line of the last connection, as the modem sent it; NULL for a direct device. */
const char *
dt_modem_get_connect_line (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), NULL);

  return self->connect_line;
}

static void
dt_modem_dispose (GObject *object)
{
  DtModem *self = DT_MODEM (object);

  /* Closing the dialog fails a dial in progress with G_IO_ERROR_CLOSED; a hang-up in
   * progress is done once the port is closed. */
  _dt_modem_finish_hang_up (self, NULL);
  g_clear_pointer (&self->number, g_free);

  G_OBJECT_CLASS (dt_modem_parent_class)->dispose (object);
}

static void
dt_modem_finalize (GObject *object)
{
  DtModem *self = DT_MODEM (object);

  g_free (self->device);
  g_free (self->lock_dir);
  g_free (self->dial_prefix);
  g_free (self->connect_line);
  g_strfreev (self->setup);
  g_byte_array_unref (self->held);

  G_OBJECT_CLASS (dt_modem_parent_class)->finalize (object);
}

static void
dt_modem_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DtModem *self = DT_MODEM (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_SPEED:
      g_value_set_uint (value, self->speed);
      break;
    case PROP_CONNECT_LINE:
      g_value_set_string (value, self->connect_line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_modem_class_init (DtModemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_modem_dispose;
  object_class->finalize = dt_modem_finalize;
  object_class->get_property = dt_modem_get_property;

  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_uint ("speed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_LINE] =
    g_param_spec_string ("connect-line", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RING] =
    g_signal_new ("ring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_DIALING] =
    g_signal_new ("dialing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DATA_RECEIVED] =
    g_signal_new ("data-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[SIGNAL_CARRIER_LOST] =
    g_signal_new ("carrier-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TRACE] =
    g_signal_new ("trace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
dt_modem_init (DtModem *self)
{
  self->held = g_byte_array_new ();
}

gsize
dt_modem_get_queued (DtModem *self)
{
  g_return_val_if_fail (DT_IS_MODEM (self), 0);

  return self->port != NULL ? dt_serial_port_get_queued (self->port) : 0;
}
