/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem: the Hayes AT dialog as a small state machine on the GLib main loop.
 *
 * One operation runs at a time (open, dial, answer or hang-up), as a GTask.  Bytes from the
 * port are cut into lines (CR or LF ends one; a line longer than DT_AT_RESULT_MAX_LINE is
 * cut short and counted as noise, so nothing grows without bound) and each line is checked
 * against the command that was just sent: its echo is skipped, result codes move the dialog
 * on, and everything else is kept, briefly, as the "noise" that an error message shows.
 * Every wait is a GLib timeout, so a silent or babbling modem ends in 692 or 651 and never
 * in a hang.
 *
 * After CONNECT the modem is online: CLOCAL is cleared so a carrier drop hangs the tty up,
 * and bytes are held until the caller calls dt_modem_start_data(), so that the peer's first
 * PPP frames (which often come in the same read as the CONNECT line) are not lost. */

#define G_LOG_DOMAIN "dialtone-modem"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-at-result.h"
#include "dt-error.h"
#include "dt-modem.h"

#define GUARD_TIME        1100   /* ms of silence around "+++"; S12 is 1 s by default */
#define DTR_DROP_TIME      500   /* ms */
#define MAX_HELD     (64 * 1024) /* online bytes held until dt_modem_start_data() */
#define MAX_NOISE          160   /* characters of noise kept for an error message */

typedef enum {
  STEP_NONE,
  STEP_COMMAND,          /* waiting for OK */
  STEP_WAIT_RING,        /* answering: waiting for RING */
  STEP_CONNECT,          /* waiting for the answer to ATD or ATA */
  STEP_DTR_LOW,          /* hanging up: DTR dropped, waiting for the modem to notice */
  STEP_GUARD_BEFORE,     /* hanging up: silence before "+++" */
  STEP_GUARD_AFTER,      /* hanging up: silence after "+++" */
  STEP_HANG_UP,          /* hanging up: waiting for OK to ATH0 */
} Step;

struct _DtModem
{
  GObject parent_instance;

  /* Configuration, from DtModemConfig. */
  char *device;
  char *lock_dir;
  DtDeviceType device_type;
  guint port_speed;
  DtFlowControl flow_control;
  GPtrArray *setup;            /* init strings, speaker, extra commands */
  DtDialMode dial_mode;
  char *dial_prefix;
  guint command_timeout;
  guint dial_timeout;

  DtSerialPort *port;
  DtModemState state;
  gboolean line_dead;

  /* The line being assembled. */
  char line[DT_AT_RESULT_MAX_LINE];
  gsize line_length;
  gboolean line_overflow;

  /* The operation in progress. */
  GTask *task;
  Step step;
  GPtrArray *script;           /* the commands still to send; the last one is ATD or ATA */
  guint script_index;
  const char *command;         /* the command awaiting its answer (in script) */
  guint tries;
  guint timeout_id;
  GSource *cancel_source;
  GString *noise;
  guint carrier_speed;
  guint ring_timeout;
  char *number;                /* the number as the user knows it, for ::dialing */

  /* The outcome of the last dial. */
  guint speed;
  char *connect_line;

  /* Online. */
  gboolean delivering;
  gboolean skip_lf;
  GByteArray *held;
};

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
  SIGNAL_DIALING,
  SIGNAL_DATA_RECEIVED,
  SIGNAL_CARRIER_LOST,
  SIGNAL_TRACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void send_next_command (DtModem *self);
static void remember_noise (DtModem *self, const char *line, gsize length);

/* ---- helpers --------------------------------------------------------------------------- */

/* Printable ASCII as it is, everything else as \xNN: modem noise shown to a user. */
static void
append_printable (GString    *string,
                  const char *data,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (string, (char) c);
      else
        g_string_append_printf (string, "\\x%02x", c);
    }
}

static char *
printable (const char *data,
           gsize       length)
{
  GString *string = g_string_new (NULL);

  append_printable (string, data, length);
  return g_string_free (string, FALSE);
}

static void
set_step_timeout (DtModem *self,
                  guint    ms,
                  GSourceFunc func)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (ms, func, self);
}

static void
send_line (DtModem    *self,
           const char *command)
{
  g_autofree char *line = g_strconcat (command, "\r", NULL);

  g_signal_emit (self, signals[SIGNAL_TRACE], 0, TRUE, command);
  dt_serial_port_write (self->port, line, strlen (line));
}

/* Ends the operation in progress.  Takes @error. */
static void
finish_task (DtModem *self,
             GError  *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  g_clear_pointer (&self->script, g_ptr_array_unref);
  g_clear_pointer (&self->number, g_free);
  self->command = NULL;
  self->step = STEP_NONE;
  g_string_truncate (self->noise, 0);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
close_port (DtModem *self)
{
  if (self->port != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->port, self);
      dt_serial_port_close (self->port);
      g_clear_object (&self->port);
    }
  self->state = DT_MODEM_STATE_CLOSED;
  self->line_dead = FALSE;
  self->delivering = FALSE;
  self->line_length = 0;
  self->line_overflow = FALSE;
  g_byte_array_set_size (self->held, 0);
}

/* ---- the AT dialog --------------------------------------------------------------------- */

static void
fail_dialog (DtModem    *self,
             guint       code,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

/* Ends a dial or an answer with a RAS error; the port stays open, in command mode. */
static void
fail_dialog (DtModem    *self,
             guint       code,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("%s: %s (error %u)", self->device, message, code);
  if (self->state == DT_MODEM_STATE_DIALING)
    self->state = DT_MODEM_STATE_COMMAND;
  finish_task (self, g_error_new_literal (DT_RAS_ERROR, code, message));
}

static void
go_online (DtModem    *self,
           const char *line,
           guint       connect_speed)
{
  g_autoptr (GError) error = NULL;

  g_free (self->connect_line);
  self->connect_line = g_strdup (line);
  /* CARRIER is the line rate; CONNECT may be the DTE rate (with ATW1 or \V1).  Without
   * either, the port speed is what the modem connected at, as Windows reports it too. */
  if (self->carrier_speed != 0)
    self->speed = self->carrier_speed;
  else if (connect_speed != 0)
    self->speed = connect_speed;
  else
    self->speed = dt_serial_port_get_speed (self->port);
  self->carrier_speed = 0;

  self->state = DT_MODEM_STATE_ONLINE;
  g_byte_array_set_size (self->held, 0);
  if (self->device_type == DT_DEVICE_TYPE_MODEM
      && !dt_serial_port_set_local (self->port, FALSE, &error))
    g_debug ("%s: cannot clear CLOCAL: %s", self->device, error->message);
  g_debug ("%s: online at %u bps (%s)", self->device, self->speed, line ? line : "direct");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_LINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
  finish_task (self, NULL);
}

/* A modem that babbles without ever ending a line still has its words shown. */
static void
remember_partial_line (DtModem *self)
{
  if (self->line_length > 0)
    remember_noise (self, self->line, self->line_length);
  self->line_length = 0;
  self->line_overflow = FALSE;
}

static gboolean
on_command_timeout (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);

  self->timeout_id = 0;
  remember_partial_line (self);
  if (self->noise->len == 0 && ++self->tries < DT_MODEM_COMMAND_TRIES)
    {
      g_debug ("%s: no answer to %s, trying again", self->device, self->command);
      send_line (self, self->command);
      set_step_timeout (self, self->command_timeout, on_command_timeout);
      return G_SOURCE_REMOVE;
    }

  if (self->noise->len > 0)
    fail_dialog (self, DT_RAS_ERROR_FROM_DEVICE,
                 _("The modem answered “%s” with “%s”, which is not a result code."),
                 self->command, self->noise->str);
  else
    fail_dialog (self, DT_RAS_ERROR_PORT_OR_DEVICE,
                 _("The modem is not responding: no answer to “%s”."), self->command);
  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_timeout (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);
  guint seconds = (self->dial_timeout + 999) / 1000;

  self->timeout_id = 0;
  remember_partial_line (self);
  /* Any character aborts a dial in progress; the modem then answers NO CARRIER, which
   * the next dialog skips as a leftover. */
  dt_serial_port_write (self->port, "\r", 1);
  if (self->noise->len > 0)
    fail_dialog (self, DT_RAS_ERROR_FROM_DEVICE,
                 _("The modem answered “%s” with “%s”, which is not a result code."),
                 self->command, self->noise->str);
  else if (self->step == STEP_WAIT_RING)
    fail_dialog (self, DT_RAS_ERROR_REQUEST_TIMEOUT,
                 ngettext ("The call back did not come within %u second.",
                           "The call back did not come within %u seconds.", seconds),
                 seconds);
  else
    fail_dialog (self, DT_RAS_ERROR_NO_ANSWER,
                 ngettext ("There was no answer within %u second.",
                           "There was no answer within %u seconds.", seconds),
                 seconds);
  return G_SOURCE_REMOVE;
}

static void
send_next_command (DtModem *self)
{
  gboolean last = self->script_index + 1 == self->script->len;

  self->command = g_ptr_array_index (self->script, self->script_index);
  self->tries = 0;
  g_string_truncate (self->noise, 0);

  if (!last)
    {
      self->step = STEP_COMMAND;
      send_line (self, self->command);
      set_step_timeout (self, self->command_timeout, on_command_timeout);
    }
  else if (self->number == NULL && self->step != STEP_WAIT_RING)
    {
      /* Answering: the last command (ATA) waits for the phone to ring. */
      self->step = STEP_WAIT_RING;
      set_step_timeout (self, self->ring_timeout, on_connect_timeout);
    }
  else
    {
      self->step = STEP_CONNECT;
      self->carrier_speed = 0;
      send_line (self, self->command);
      if (self->number != NULL)
        g_signal_emit (self, signals[SIGNAL_DIALING], 0, self->number);
      set_step_timeout (self, self->dial_timeout, on_connect_timeout);
    }
}

static void
remember_noise (DtModem    *self,
                const char *line,
                gsize       length)
{
  if (self->noise->len >= MAX_NOISE)
    return;
  if (self->noise->len > 0)
    g_string_append (self->noise, " ");
  append_printable (self->noise, line, MIN (length, MAX_NOISE));
  if (self->noise->len > MAX_NOISE)
    {
      g_string_truncate (self->noise, MAX_NOISE);
      g_string_append (self->noise, "…");
    }
}

/* An echo of the command just sent, which the modem repeats while E1 is on. */
static gboolean
is_echo (DtModem    *self,
         const char *line,
         gsize       length)
{
  gsize n;

  if (self->command == NULL)
    return FALSE;
  while (length > 0 && (line[0] == ' ' || line[0] == '\0'))
    line++, length--;
  while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\0'))
    length--;
  n = strlen (self->command);
  return length == n && g_ascii_strncasecmp (line, self->command, n) == 0;
}

static void
handle_hang_up_line (DtModem        *self,
                     DtAtResultKind  kind,
                     const char     *line)
{
  if (kind == DT_AT_RESULT_OK || kind == DT_AT_RESULT_NO_CARRIER)
    {
      close_port (self);
      finish_task (self, NULL);
    }
  else if (dt_at_result_is_final (kind))
    {
      close_port (self);
      finish_task (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_FROM_DEVICE,
                                      _("The modem answered “%s” to ATH0."), line));
    }
}

static void
handle_line (DtModem    *self,
             const char *data,
             gsize       length)
{
  g_autofree char *line = printable (data, length);
  DtAtResultKind kind;
  guint speed = 0;
  guint code;

  g_signal_emit (self, signals[SIGNAL_TRACE], 0, FALSE, line);
  if (self->step == STEP_NONE || is_echo (self, data, length))
    return;

  kind = self->line_overflow ? DT_AT_RESULT_UNKNOWN : dt_at_result_parse (data, length, &speed);
  code = dt_at_result_to_ras_error (kind);
  if (kind == DT_AT_RESULT_UNKNOWN && self->step != STEP_HANG_UP)
    remember_noise (self, data, length);

  switch (self->step)
    {
    case STEP_COMMAND:
      /* Other result codes are leftovers of an earlier command (a retried one, an aborted
       * dial); only OK and ERROR answer this one. */
      if (kind == DT_AT_RESULT_OK)
        {
          self->script_index++;
          send_next_command (self);
        }
      else if (kind == DT_AT_RESULT_ERROR)
        fail_dialog (self, DT_RAS_ERROR_FROM_DEVICE,
                     _("The modem answered “%s” to “%s”."), line, self->command);
      break;

    case STEP_WAIT_RING:
      if (kind == DT_AT_RESULT_RING)
        send_next_command (self);
      break;

    case STEP_CONNECT:
      if (kind == DT_AT_RESULT_CONNECT)
        go_online (self, line, speed);
      else if (kind == DT_AT_RESULT_INFO && speed != 0)
        self->carrier_speed = speed;
      else if (code != 0)
        fail_dialog (self, code, _("The modem answered “%s” to “%s”."), line, self->command);
      break;

    case STEP_HANG_UP:
      handle_hang_up_line (self, kind, line);
      break;

    case STEP_NONE:
    case STEP_DTR_LOW:
    case STEP_GUARD_BEFORE:
    case STEP_GUARD_AFTER:
    default:
      break;
    }
}

/* Consumes bytes up to and including one line end; handles the line if it ends. */
static gsize
feed_line (DtModem      *self,
           const guint8 *data,
           gsize         length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = (char) data[i];

      if (c == '\r' || c == '\n')
        {
          gboolean had_line = self->line_length > 0;

          if (had_line)
            handle_line (self, self->line, self->line_length);
          self->line_length = 0;
          self->line_overflow = FALSE;
          if (had_line && self->state == DT_MODEM_STATE_ONLINE)
            self->skip_lf = c == '\r';
          return i + 1;
        }
      if (self->line_length < sizeof self->line)
        self->line[self->line_length++] = c;
      else
        self->line_overflow = TRUE;
    }
  return length;
}

static void
deliver_data (DtModem      *self,
              const guint8 *data,
              gsize         length)
{
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

static void
on_port_data_received (DtSerialPort *port,
                       GBytes       *bytes,
                       gpointer      user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (DtModem) hold = g_object_ref (self);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  gsize i = 0;

  /* A handler may hang up or end the operation at any line: check the port every time. */
  while (i < length && self->port == port)
    {
      if (self->state == DT_MODEM_STATE_ONLINE)
        {
          deliver_data (self, data + i, length - i);
          return;
        }
      i += feed_line (self, data + i, length - i);
    }
}

static void
on_port_carrier_lost (DtSerialPort *port,
                      gpointer      user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (DtModem) hold = g_object_ref (self);

  self->line_dead = TRUE;
  if (self->state == DT_MODEM_STATE_HANGING_UP)
    {
      /* The line went down while we hung up: that is the hang-up done. */
      close_port (self);
      finish_task (self, NULL);
      return;
    }
  /* A running dial learns it from its error; otherwise the owner learns it here. */
  if (self->task != NULL)
    fail_dialog (self, DT_RAS_ERROR_HARDWARE_FAILURE,
                 _("The modem on %s was disconnected."), self->device);
  else
    g_signal_emit (self, signals[SIGNAL_CARRIER_LOST], 0);
}

/* ---- open, dial, answer ---------------------------------------------------------------- */

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  DtModem *self = DT_MODEM (user_data);

  if (self->step == STEP_CONNECT)
    dt_serial_port_write (self->port, "\r", 1);
  if (self->state == DT_MODEM_STATE_DIALING)
    self->state = DT_MODEM_STATE_COMMAND;
  finish_task (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("The operation was cancelled.")));
  return G_SOURCE_REMOVE;
}

/* Cancellation is handled from the main loop, never inside g_cancellable_cancel(). */
static void
watch_cancellable (DtModem      *self,
                   GCancellable *cancellable)
{
  if (cancellable == NULL)
    return;
  self->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
  g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
}

static gboolean
check_idle (DtModem  *self,
            GTask    *task)
{
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The modem is busy with another operation."));
      return FALSE;
    }
  if (self->state != DT_MODEM_STATE_COMMAND)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _("The modem is not open, or is already online."));
      return FALSE;
    }
  if (self->line_dead)
    {
      g_task_return_new_error (task, DT_RAS_ERROR, DT_RAS_ERROR_HARDWARE_FAILURE,
                               _("The modem on %s was disconnected."), self->device);
      return FALSE;
    }
  return TRUE;
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

  if (self->state != DT_MODEM_STATE_CLOSED || self->task != NULL)
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

static void
start_dialog (DtModem      *self,
              GTask        *task,
              const char   *final_command,
              GCancellable *cancellable)
{
  self->script = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->setup->len; i++)
    g_ptr_array_add (self->script, g_strdup (g_ptr_array_index (self->setup, i)));
  g_ptr_array_add (self->script, g_strdup (final_command));
  self->script_index = 0;
  self->step = STEP_NONE;
  self->state = DT_MODEM_STATE_DIALING;
  self->task = g_object_ref (task);
  self->line_length = 0;
  self->line_overflow = FALSE;
  g_clear_pointer (&self->connect_line, g_free);
  self->speed = 0;
  self->carrier_speed = 0;
  self->skip_lf = FALSE;

  /* Stale bytes (a late answer to the last dial) must not answer the first command. */
  dt_serial_port_discard_input (self->port);
  watch_cancellable (self, cancellable);
  send_next_command (self);
}

/**
 * dt_modem_dial_async:
 * @number: the number as the user knows it, e.g. "555-0100"
 *
 * Runs the AT dialog on an open modem: each setup command must answer OK, then ATD.  The
 * failures are RAS errors: 651 (ERROR, or noise instead of a result code, shown in the
 * message), 692 (no answer at all), 676 (BUSY, DELAYED), 677 (VOICE), 678 (NO ANSWER, or
 * nothing within the dial timeout), 679 (NO CARRIER), 680 (NO DIALTONE).  After a failure the
 * modem is back in command mode and can dial again.  A direct device succeeds at once.
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
  if (!check_idle (self, task) || g_task_return_error_if_cancelled (task))
    return;

  if (self->device_type == DT_DEVICE_TYPE_DIRECT)
    {
      self->task = g_object_ref (task);
      go_online (self, NULL, 0);
      return;
    }

  command = dt_modem_build_dial_command (self->dial_mode, self->dial_prefix, number, &error);
  if (command == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->number = g_strdup (number);
  start_dialog (self, task, command, cancellable);
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
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_answer_async);
  if (!check_idle (self, task) || g_task_return_error_if_cancelled (task))
    return;
  if (self->device_type == DT_DEVICE_TYPE_DIRECT)
    {
      self->task = g_object_ref (task);
      go_online (self, NULL, 0);
      return;
    }
  /* The wait for RING has its own bound; ATA then gets the dial timeout. */
  self->ring_timeout = ring_timeout;
  start_dialog (self, task, "ATA", cancellable);
}

gboolean
dt_modem_answer_finish (DtModem       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- hang-up --------------------------------------------------------------------------- */

static void
finish_hang_up (DtModem *self,
                GError  *error)
{
  close_port (self);
  finish_task (self, error);
}

static gboolean
on_hang_up_timeout (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);

  self->timeout_id = 0;
  if (self->command == NULL)
    {
      /* An aborted dial: closing drops DTR, which is all that is left to try. */
      finish_hang_up (self, NULL);
      return G_SOURCE_REMOVE;
    }
  finish_hang_up (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_PORT_OR_DEVICE,
                                     _("The modem did not confirm the hang-up; the port "
                                       "was closed anyway.")));
  return G_SOURCE_REMOVE;
}

static gboolean
on_guard_elapsed (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);

  self->timeout_id = 0;
  if (self->step == STEP_GUARD_BEFORE)
    {
      g_signal_emit (self, signals[SIGNAL_TRACE], 0, TRUE, "+++");
      dt_serial_port_write (self->port, "+++", 3);
      self->step = STEP_GUARD_AFTER;
      set_step_timeout (self, GUARD_TIME, on_guard_elapsed);
    }
  else
    {
      self->command = "ATH0";
      self->step = STEP_HANG_UP;
      send_line (self, self->command);
      set_step_timeout (self, self->command_timeout, on_hang_up_timeout);
    }
  return G_SOURCE_REMOVE;
}

/* The in-band hang-up: guard time, "+++", guard time, ATH0. */
static void
start_escape (DtModem *self)
{
  self->line_length = 0;
  self->line_overflow = FALSE;
  self->step = STEP_GUARD_BEFORE;
  set_step_timeout (self, GUARD_TIME, on_guard_elapsed);
}

static gboolean
on_dtr_low_elapsed (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (GError) error = NULL;
  gboolean carrier = FALSE;

  self->timeout_id = 0;
  if (dt_serial_port_get_carrier (self->port, &carrier, &error) && carrier)
    {
      /* The modem ignores DTR (AT&D0). */
      g_debug ("%s: carrier still up after dropping DTR", self->device);
      start_escape (self);
    }
  else
    finish_hang_up (self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * dt_modem_hang_up_async:
 * @cancellable: cancelling only makes the result %G_IO_ERROR_CANCELLED: the hang-up itself
 *   always runs to the end
 *
 * Ends whatever the modem is doing and closes the port and its lock.  A dial or answer in
 * progress fails with 631; its ATD is aborted with a CR and the modem's NO CARRIER awaited.
 * Online, DTR is dropped for half a second; where that is not possible (a pty) or the
 * carrier stays up, the modem gets "+++" between two guard times, then ATH0.  Completes
 * within 2 × 1.1 s plus the command timeout.  An error (the modem never confirmed ATH0)
 * still leaves the port closed.
 */
void
dt_modem_hang_up_async (DtModem             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) interrupted = NULL;
  g_autoptr (GError) error = NULL;
  gboolean online;
  gboolean dialing;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_hang_up_async);

  if (self->state == DT_MODEM_STATE_HANGING_UP)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The modem is already hanging up."));
      return;
    }
  if (self->state == DT_MODEM_STATE_CLOSED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  online = self->state == DT_MODEM_STATE_ONLINE;
  dialing = self->step == STEP_CONNECT;
  /* The hang-up owns the modem before the interrupted dial's callback runs, so that the
   * callback sees a modem that is hanging up. */
  interrupted = g_steal_pointer (&self->task);
  finish_task (self, NULL);
  self->state = DT_MODEM_STATE_HANGING_UP;
  self->delivering = FALSE;
  g_byte_array_set_size (self->held, 0);
  self->task = g_object_ref (task);
  if (interrupted != NULL)
    g_task_return_new_error (interrupted, DT_RAS_ERROR, DT_RAS_ERROR_USER_DISCONNECTION,
                             _("The dial was ended by a hang-up."));
  if (self->task != task)
    return;

  if (self->line_dead || (!online && !dialing))
    finish_hang_up (self, NULL);
  else if (dialing)
    {
      /* Any character aborts the dial; a modem that then says nothing is closed anyway. */
      self->step = STEP_HANG_UP;
      self->line_length = 0;
      dt_serial_port_write (self->port, "\r", 1);
      set_step_timeout (self, self->command_timeout, on_hang_up_timeout);
    }
  else
    {
      dt_serial_port_discard_output (self->port);
      if (dt_serial_port_set_dtr (self->port, FALSE, &error))
        {
          self->step = STEP_DTR_LOW;
          set_step_timeout (self, DTR_DROP_TIME, on_dtr_low_elapsed);
          return;
        }
      g_debug ("%s: %s; hanging up in band", self->device, error->message);
      start_escape (self);
    }
}

gboolean
dt_modem_hang_up_finish (DtModem       *self,
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

/* ---- configuration --------------------------------------------------------------------- */

/* Characters a Hayes dial string may hold besides digits: * # A-D, pauses and waits (, W @
 * !), a mid-string mode switch (T P), and + for international numbers. */
static const char dial_characters[] = "0123456789*#ABCDabcd,WwPpTt@!$+";
/* Formatting a user may type, which the modem must not see. */
static const char format_characters[] = " -()./";

/**
 * dt_modem_build_dial_command:
 *
 * "ATDT" or "ATDP", the prefix, and the number without its formatting: "555-0100" with
 * prefix "9," is "ATDT9,5550100".  A character a modem cannot dial (";" would leave it in
 * command mode, "\r" would end the command) is %G_IO_ERROR_INVALID_ARGUMENT.
 */
char *
dt_modem_build_dial_command (DtDialMode   mode,
                             const char  *prefix,
                             const char  *number,
                             GError     **error)
{
  g_autoptr (GString) command = g_string_new (mode == DT_DIAL_MODE_PULSE ? "ATDP" : "ATDT");
  const char *parts[] = { prefix != NULL ? prefix : "", number };
  gsize digits = 0;

  g_return_val_if_fail (number != NULL, NULL);

  for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const char *s = parts[p]; *s != '\0'; s++)
      {
        if (strchr (format_characters, *s) != NULL)
          continue;
        if (strchr (dial_characters, *s) == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("“%s%s” cannot be dialed: a modem does not know the character "
                           "“%c”."), parts[0], number, g_ascii_isprint (*s) ? *s : '?');
            return NULL;
          }
        g_string_append_c (command, *s);
        digits += p == 1;
      }
  if (digits == 0 || command->len > 80)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a phone number a modem can dial."), number);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&command), FALSE);
}

static void
add_command (GPtrArray  *commands,
             const char *text)
{
  g_autofree char *command = g_strstrip (g_strdup (text));

  if (command[0] == '\0')
    return;
  if (g_ascii_strncasecmp (command, "AT", 2) != 0)
    {
      char *with_at = g_strconcat ("AT", command, NULL);

      g_free (command);
      command = with_at;
    }
  g_ptr_array_add (commands, g_steal_pointer (&command));
}

/**
 * dt_modem_new:
 *
 * A modem for @config's device, not yet open.  Without init strings it sends "ATZ" and then
 * "ATQ0 V1 E1 S0=0 &C1 &D2": result codes on, verbose, echo on, no auto-answer, DCD follows
 * the carrier, and dropping DTR hangs up.  The speaker command (ATMn) and the extra commands
 * follow.
 */
DtModem *
dt_modem_new (const DtModemConfig *config)
{
  static const char * const default_init[] = { "ATZ", "ATQ0 V1 E1 S0=0 &C1 &D2", NULL };
  const char * const *init;
  g_autofree char *speaker = NULL;
  DtModem *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->device != NULL, NULL);

  self = g_object_new (DT_TYPE_MODEM, NULL);
  self->device = g_strdup (config->device);
  self->lock_dir = g_strdup (config->lock_dir);
  self->device_type = config->device_type;
  self->port_speed = config->speed;
  self->flow_control = config->flow_control;
  self->dial_mode = config->dial_mode;
  self->dial_prefix = g_strdup (config->dial_prefix);
  self->command_timeout = config->command_timeout ? config->command_timeout
                                                  : DT_MODEM_DEFAULT_COMMAND_TIMEOUT;
  self->dial_timeout = config->dial_timeout ? config->dial_timeout
                                            : DT_MODEM_DEFAULT_DIAL_TIMEOUT;

  init = config->init_strings != NULL && config->init_strings[0] != NULL
         ? config->init_strings : default_init;
  for (gsize i = 0; init[i] != NULL; i++)
    add_command (self->setup, init[i]);
  speaker = g_strdup_printf ("ATM%u", config->speaker <= DT_SPEAKER_ALWAYS
                                      ? (guint) config->speaker : 1u);
  add_command (self->setup, speaker);
  if (config->extra_commands != NULL)
    {
      g_auto (GStrv) lines = g_strsplit_set (config->extra_commands, "\r\n", -1);

      for (gsize i = 0; lines[i] != NULL; i++)
        add_command (self->setup, lines[i]);
    }
  return self;
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

  finish_task (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                          "The modem was disposed."));
  close_port (self);

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
  g_ptr_array_unref (self->setup);
  g_byte_array_unref (self->held);
  g_string_free (self->noise, TRUE);

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
  self->setup = g_ptr_array_new_with_free_func (g_free);
  self->held = g_byte_array_new ();
  self->noise = g_string_new (NULL);
}
