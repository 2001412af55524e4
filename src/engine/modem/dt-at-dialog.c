/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAtDialog: the Hayes command dialog as a small state machine on the GLib main loop.
 *
 * Bytes are cut into lines: CR or LF ends one, and a line longer than
 * DT_AT_RESULT_MAX_LINE is cut short and counted as noise, so nothing grows without bound.
 * Each line is checked against the command just sent: its echo (E1) is skipped, result
 * codes (verbose or numeric) move the dialog on, and anything else is kept, briefly, as the
 * noise an error message shows.  A command that gets no answer is sent once more; then the
 * modem is "not responding" (692), or "answered with noise" (651) if it said anything.
 *
 * A run stops consuming bytes at the end of its CONNECT line: what follows in the same
 * read is the peer's first data, and dt_at_dialog_feed() leaves it to the owner. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-at-dialog.h"
#include "dt-at-result.h"
#include "dt-error.h"
#include "dt-modem-config.h"

#define MAX_NOISE 160     /* characters of noise kept for an error message */

typedef enum {
  STEP_NONE,
  STEP_COMMAND,          /* waiting for OK */
  STEP_WAIT_RING,        /* answering: waiting for RING */
  STEP_CONNECT,          /* waiting for the answer to ATD or ATA */
  STEP_GUARD_BEFORE,     /* hanging up: silence before "+++" */
  STEP_GUARD_AFTER,      /* hanging up: silence after "+++" */
  STEP_HANG_UP,          /* hanging up: waiting for OK to ATH0, or for an aborted call's end */
} Step;

typedef struct {
  char *line;
  guint speed;
} Connection;

struct _DtAtDialog
{
  GObject parent_instance;

  DtSerialPort *port;
  guint command_timeout;
  guint guard_time;

  /* The line being assembled. */
  char line[DT_AT_RESULT_MAX_LINE];
  gsize line_length;
  gboolean line_overflow;

  /* The operation in progress. */
  GTask *task;
  Step step;
  GStrv commands;              /* the run's script; the last one is ATD… or ATA */
  guint index;
  const char *command;         /* the command awaiting its answer */
  guint tries;
  guint ring_timeout;
  guint connect_timeout;
  guint timeout_id;
  GSource *cancel_source;
  GString *noise;
  guint carrier_speed;
  gboolean connected;          /* a run ended in CONNECT: the data path owns the bytes */
  /* Answering: the RINGs to wait for, those heard so far, when the last came, and the
   * caller's number from the modem's caller ID ("NMBR = …"). */
  guint rings_wanted;
  guint rings;
  gint64 last_ring_us;
  char caller[32];
  guint generation;            /* counts finished operations */
};

G_DEFINE_FINAL_TYPE (DtAtDialog, dt_at_dialog, G_TYPE_OBJECT)

/* A pause this long between RINGs means the caller gave up: the count starts again. */
#define RING_GAP_US (10 * G_USEC_PER_SEC)

enum {
  SIGNAL_CONNECTING,
  SIGNAL_TRACE,
  SIGNAL_RING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
connection_free (gpointer data)
{
  Connection *connection = data;

  g_free (connection->line);
  g_free (connection);
}

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

static void
set_step_timeout (DtAtDialog  *self,
                  guint        ms,
                  GSourceFunc  func)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (ms, func, self);
}

static void
send_command (DtAtDialog *self,
              const char *command)
{
  g_autofree char *line = g_strconcat (command, "\r", NULL);

  g_signal_emit (self, signals[SIGNAL_TRACE], 0, TRUE, command);
  dt_serial_port_write (self->port, line, strlen (line));
}

/* Ends the operation in progress with @error (taken) or @connection (taken). */
static void
finish (DtAtDialog *self,
        GError     *error,
        Connection *connection)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  g_clear_pointer (&self->commands, g_strfreev);
  self->command = NULL;
  self->step = STEP_NONE;
  g_string_truncate (self->noise, 0);
  self->generation++;

  if (task == NULL)
    {
      g_clear_error (&error);
      g_clear_pointer (&connection, connection_free);
    }
  else if (error != NULL)
    g_task_return_error (task, error);
  else if (connection != NULL)
    g_task_return_pointer (task, connection, connection_free);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fail (DtAtDialog *self,
      guint       code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (DtAtDialog *self,
      guint       code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("%s: %s (error %u)", dt_serial_port_get_path (self->port), message, code);
  finish (self, g_error_new_literal (DT_RAS_ERROR, code, message), NULL);
}

static void
remember_noise (DtAtDialog *self,
                const char *line,
                gsize       length)
{
  if (self->noise->len >= MAX_NOISE)
    return;
  if (self->noise->len > 0)
    g_string_append_c (self->noise, ' ');
  append_printable (self->noise, line, MIN (length, MAX_NOISE));
  if (self->noise->len > MAX_NOISE)
    {
      g_string_truncate (self->noise, MAX_NOISE);
      g_string_append (self->noise, "…");
    }
}

/* A modem that babbles without ever ending a line still has its words shown. */
static void
remember_partial_line (DtAtDialog *self)
{
  if (self->line_length > 0)
    remember_noise (self, self->line, self->line_length);
  self->line_length = 0;
  self->line_overflow = FALSE;
}

/* ---- runs: setup commands, then ATD or ATA --------------------------------------------- */

static void send_next_command (DtAtDialog *self);

static gboolean
on_command_timeout (gpointer user_data)
{
  DtAtDialog *self = DT_AT_DIALOG (user_data);

  self->timeout_id = 0;
  remember_partial_line (self);
  if (self->noise->len == 0 && ++self->tries < DT_MODEM_COMMAND_TRIES)
    {
      g_debug ("No answer to %s, trying again", self->command);
      send_command (self, self->command);
      set_step_timeout (self, self->command_timeout, on_command_timeout);
    }
  else if (self->noise->len > 0)
    fail (self, DT_RAS_ERROR_FROM_DEVICE,
          _("The modem answered “%s” with “%s”, which is not a result code."),
          self->command, self->noise->str);
  else
    fail (self, DT_RAS_ERROR_PORT_OR_DEVICE,
          _("The modem is not responding: no answer to “%s”."), self->command);
  return G_SOURCE_REMOVE;
}

static gboolean
on_connect_timeout (gpointer user_data)
{
  DtAtDialog *self = DT_AT_DIALOG (user_data);
  guint ms = self->step == STEP_WAIT_RING ? self->ring_timeout : self->connect_timeout;
  guint seconds = (ms + 999) / 1000;

  self->timeout_id = 0;
  remember_partial_line (self);
  /* Any character aborts a call in progress; the modem then answers NO CARRIER, which the
   * next dialog skips as a leftover. */
  if (self->step == STEP_CONNECT)
    dt_serial_port_write (self->port, "\r", 1);

  if (self->noise->len > 0)
    fail (self, DT_RAS_ERROR_FROM_DEVICE,
          _("The modem answered “%s” with “%s”, which is not a result code."),
          self->command, self->noise->str);
  else if (self->step == STEP_WAIT_RING)
    fail (self, DT_RAS_ERROR_REQUEST_TIMEOUT,
          ngettext ("The call back did not come within %u second.",
                    "The call back did not come within %u seconds.", seconds), seconds);
  else
    fail (self, DT_RAS_ERROR_NO_ANSWER,
          ngettext ("There was no answer within %u second.",
                    "There was no answer within %u seconds.", seconds), seconds);
  return G_SOURCE_REMOVE;
}

static void
send_next_command (DtAtDialog *self)
{
  gboolean last = self->commands[self->index + 1] == NULL;

  self->command = self->commands[self->index];
  self->tries = 0;
  g_string_truncate (self->noise, 0);

  if (!last)
    {
      self->step = STEP_COMMAND;
      send_command (self, self->command);
      set_step_timeout (self, self->command_timeout, on_command_timeout);
    }
  else if (self->ring_timeout > 0 && self->step != STEP_WAIT_RING)
    {
      /* Answering: ATA waits for the phone to ring. */
      self->step = STEP_WAIT_RING;
      set_step_timeout (self, self->ring_timeout, on_connect_timeout);
    }
  else
    {
      self->step = STEP_CONNECT;
      self->carrier_speed = 0;
      send_command (self, self->command);
      g_signal_emit (self, signals[SIGNAL_CONNECTING], 0, self->command);
      set_step_timeout (self, self->connect_timeout, on_connect_timeout);
    }
}

static void
connected (DtAtDialog *self,
           const char *line,
           guint       speed)
{
  Connection *connection = g_new0 (Connection, 1);

  connection->line = g_strdup (line);
  /* CARRIER is the line rate; CONNECT may be the DTE rate (with ATW1 or \V1). */
  connection->speed = self->carrier_speed != 0 ? self->carrier_speed : speed;
  self->connected = TRUE;
  finish (self, NULL, connection);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  DtAtDialog *self = DT_AT_DIALOG (user_data);

  if (self->step == STEP_CONNECT)
    dt_serial_port_write (self->port, "\r", 1);
  finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The operation was cancelled.")), NULL);
  return G_SOURCE_REMOVE;
}

static void
start (DtAtDialog   *self,
       GTask        *task,
       GCancellable *cancellable)
{
  g_assert (self->task == NULL);

  self->task = g_object_ref (task);
  self->connected = FALSE;
  self->line_length = 0;
  self->line_overflow = FALSE;
  g_string_truncate (self->noise, 0);
  /* Cancellation is handled from the main loop, never inside g_cancellable_cancel(). */
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
}

/**
 * dt_at_dialog_run_async:
 * @commands: the setup commands, each of which must answer OK, and last ATD… or ATA
 * @ring_timeout: ms to wait for RING before the last command (answering), or 0
 * @connect_timeout: ms to wait for the answer to the last command
 *
 * Fails with the RAS code of the modem's answer (see dt_at_result_to_ras_error()), with
 * 692 when the modem says nothing at all, with 651 when it says something that is not a
 * result code, with 678 when the call is not answered in time and 638 when no RING comes.
 */
void
dt_at_dialog_run_async (DtAtDialog          *self,
                        const char * const  *commands,
                        guint                ring_timeout,
                        guint                connect_timeout,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_AT_DIALOG (self));
  g_return_if_fail (commands != NULL && commands[0] != NULL);
  g_return_if_fail (connect_timeout > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_at_dialog_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The modem is busy with another operation."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  start (self, task, cancellable);
  self->commands = g_strdupv ((char **) commands);
  self->index = 0;
  self->ring_timeout = ring_timeout;
  self->connect_timeout = connect_timeout;
  self->rings = 0;
  self->caller[0] = '\0';
  self->step = STEP_NONE;
  /* Stale bytes (the late answer to an earlier dial) must not answer the first command. */
  dt_serial_port_discard_input (self->port);
  send_next_command (self);
}

/* Answering: how many RINGs to wait for before ATA (1 unless set). */
void
dt_at_dialog_set_rings (DtAtDialog *self,
                        guint       rings)
{
  g_return_if_fail (DT_IS_AT_DIALOG (self));
  self->rings_wanted = rings;
}

/**
 * dt_at_dialog_run_finish:
 * @connect_line: (out) (optional): the CONNECT line, as printable text
 * @speed: (out) (optional): the CARRIER rate, else the CONNECT rate, else 0
 */
gboolean
dt_at_dialog_run_finish (DtAtDialog    *self,
                         GAsyncResult  *result,
                         char         **connect_line,
                         guint         *speed,
                         GError       **error)
{
  Connection *connection;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  connection = g_task_propagate_pointer (G_TASK (result), error);
  if (connection == NULL)
    return FALSE;
  if (connect_line != NULL)
    *connect_line = g_steal_pointer (&connection->line);
  if (speed != NULL)
    *speed = connection->speed;
  connection_free (connection);
  return TRUE;
}

/**
 * dt_at_dialog_abort:
 * @error: (transfer full): what the operation in progress ends with
 *
 * Ends a run or a hang-up now.  A call being placed is aborted with a CR.  Returns TRUE
 * when that happened, that is when the modem may still be off-hook.
 */
gboolean
dt_at_dialog_abort (DtAtDialog *self,
                    GError     *error)
{
  gboolean calling;

  g_return_val_if_fail (DT_IS_AT_DIALOG (self), FALSE);

  calling = self->step == STEP_CONNECT;
  if (calling)
    dt_serial_port_write (self->port, "\r", 1);
  finish (self, error, NULL);
  return calling;
}

gboolean
dt_at_dialog_is_busy (DtAtDialog *self)
{
  g_return_val_if_fail (DT_IS_AT_DIALOG (self), FALSE);

  return self->task != NULL;
}

/* ---- in-band hang-up ------------------------------------------------------------------- */

static gboolean
on_hang_up_timeout (gpointer user_data)
{
  DtAtDialog *self = DT_AT_DIALOG (user_data);

  self->timeout_id = 0;
  fail (self, DT_RAS_ERROR_PORT_OR_DEVICE,
        _("The modem did not confirm the hang-up; the port was closed anyway."));
  return G_SOURCE_REMOVE;
}

static gboolean
on_guard_elapsed (gpointer user_data)
{
  DtAtDialog *self = DT_AT_DIALOG (user_data);

  self->timeout_id = 0;
  if (self->step == STEP_GUARD_BEFORE)
    {
      g_signal_emit (self, signals[SIGNAL_TRACE], 0, TRUE, "+++");
      dt_serial_port_write (self->port, "+++", 3);
      self->step = STEP_GUARD_AFTER;
      set_step_timeout (self, self->guard_time, on_guard_elapsed);
    }
  else
    {
      self->command = "ATH0";
      self->step = STEP_HANG_UP;
      self->line_length = 0;
      self->line_overflow = FALSE;
      send_command (self, self->command);
      set_step_timeout (self, self->command_timeout, on_hang_up_timeout);
    }
  return G_SOURCE_REMOVE;
}

/**
 * dt_at_dialog_hang_up_async:
 * @escape: TRUE for an online modem: a guard time of silence, "+++", a guard time, ATH0
 *   and its OK; FALSE after dt_at_dialog_abort() stopped a call: wait for its NO CARRIER
 *
 * Fails with 692 when the modem does not confirm within the command timeout.  Completes
 * within two guard times plus the command timeout.
 */
void
dt_at_dialog_hang_up_async (DtAtDialog          *self,
                            gboolean             escape,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_AT_DIALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_at_dialog_hang_up_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The modem is busy with another operation."));
      return;
    }

  start (self, task, NULL);
  if (escape)
    {
      self->step = STEP_GUARD_BEFORE;
      set_step_timeout (self, self->guard_time, on_guard_elapsed);
    }
  else
    {
      self->step = STEP_HANG_UP;
      set_step_timeout (self, self->command_timeout, on_hang_up_timeout);
    }
}

gboolean
dt_at_dialog_hang_up_finish (DtAtDialog    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- lines ----------------------------------------------------------------------------- */

/* An echo of the command just sent, which the modem repeats while E1 is on. */
static gboolean
is_echo (DtAtDialog *self,
         const char *line,
         gsize       length)
{
  gsize n;

  if (self->command == NULL)
    return FALSE;
  while (length > 0 && line[0] == ' ')
    line++, length--;
  while (length > 0 && line[length - 1] == ' ')
    length--;
  n = strlen (self->command);
  return length == n && g_ascii_strncasecmp (line, self->command, n) == 0;
}

/* Caller ID, as the modem reports it between the first and the second RING: "NMBR = 5550123"
 * (also "NMBR=…").  Only a number's own characters are kept. */
static void
caller_id (DtAtDialog *self,
           const char *data,
           gsize       length)
{
  gsize n = 0;
  gsize i;

  if (length < 5 || g_ascii_strncasecmp (data, "NMBR", 4) != 0)
    return;
  for (i = 4; i < length && (data[i] == ' ' || data[i] == '='); i++)
    ;
  for (; i < length && n < sizeof self->caller - 1; i++)
    if (g_ascii_isdigit (data[i]) || strchr ("+*#-", data[i]) != NULL)
      self->caller[n++] = data[i];
  self->caller[n] = '\0';
}

static void
ring (DtAtDialog *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->rings > 0 && now - self->last_ring_us > RING_GAP_US)
    {
      self->rings = 0;
      self->caller[0] = '\0';
    }
  self->last_ring_us = now;
  self->rings++;
  g_signal_emit (self, signals[SIGNAL_RING], 0, self->rings,
                 self->caller[0] != '\0' ? self->caller : NULL);
  /* A handler may have ended the run. */
  if (self->step == STEP_WAIT_RING && self->rings >= MAX (self->rings_wanted, 1))
    send_next_command (self);
}

static void
handle_line (DtAtDialog *self,
             const char *data,
             gsize       length)
{
  g_autoptr (GString) line = g_string_new (NULL);
  DtAtResultKind kind;
  guint speed = 0;
  guint code;

  append_printable (line, data, length);
  g_signal_emit (self, signals[SIGNAL_TRACE], 0, FALSE, line->str);
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
       * call); only OK and ERROR answer this one. */
      if (kind == DT_AT_RESULT_OK)
        {
          self->index++;
          send_next_command (self);
        }
      else if (kind == DT_AT_RESULT_ERROR)
        fail (self, DT_RAS_ERROR_FROM_DEVICE, _("The modem answered “%s” to “%s”."),
              line->str, self->command);
      break;

    case STEP_WAIT_RING:
      if (kind == DT_AT_RESULT_RING)
        ring (self);
      else if (kind == DT_AT_RESULT_UNKNOWN)
        caller_id (self, data, length);
      break;

    case STEP_CONNECT:
      if (kind == DT_AT_RESULT_CONNECT)
        connected (self, line->str, speed);
      else if (kind == DT_AT_RESULT_INFO && speed != 0)
        self->carrier_speed = speed;
      else if (code != 0)
        fail (self, code, _("The modem answered “%s” to “%s”."), line->str, self->command);
      break;

    case STEP_HANG_UP:
      if (kind == DT_AT_RESULT_OK || kind == DT_AT_RESULT_NO_CARRIER)
        finish (self, NULL, NULL);
      else if (dt_at_result_is_final (kind))
        fail (self, DT_RAS_ERROR_FROM_DEVICE, _("The modem answered “%s” to ATH0."), line->str);
      break;

    case STEP_NONE:
    case STEP_GUARD_BEFORE:
    case STEP_GUARD_AFTER:
    default:
      break;
    }
}

/**
 * dt_at_dialog_feed:
 *
 * Takes bytes from the port while the modem is in command mode.  Returns how many it
 * consumed: all of them, unless a CONNECT line ended a run; the rest is the peer's data.
 */
gsize
dt_at_dialog_feed (DtAtDialog   *self,
                   const guint8 *data,
                   gsize         length)
{
  g_autoptr (DtAtDialog) hold = g_object_ref (self);
  guint generation = self->generation;

  for (gsize i = 0; i < length; i++)
    {
      char c = (char) data[i];

      if (self->connected)
        return i;
      if (c != '\r' && c != '\n')
        {
          if (self->line_length < sizeof self->line)
            self->line[self->line_length++] = c;
          else
            self->line_overflow = TRUE;
          continue;
        }
      if (self->line_length > 0)
        {
          gsize n = self->line_length;

          self->line_length = 0;
          handle_line (self, self->line, n);
          self->line_overflow = FALSE;
          /* The rest of this read belongs to the operation that just ended (a leftover
           * after BUSY, say), not to one its callback may have started. */
          if (self->generation != generation && !self->connected)
            return length;
        }
    }
  return length;
}

/* ---- GObject --------------------------------------------------------------------------- */

DtAtDialog *
dt_at_dialog_new (DtSerialPort *port,
                  guint         command_timeout,
                  guint         guard_time)
{
  DtAtDialog *self;

  g_return_val_if_fail (DT_IS_SERIAL_PORT (port), NULL);
  g_return_val_if_fail (command_timeout > 0 && guard_time > 0, NULL);

  self = g_object_new (DT_TYPE_AT_DIALOG, NULL);
  self->port = g_object_ref (port);
  self->command_timeout = command_timeout;
  self->guard_time = guard_time;
  return self;
}

static void
dt_at_dialog_dispose (GObject *object)
{
  DtAtDialog *self = DT_AT_DIALOG (object);

  finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                     _("The modem was closed.")), NULL);
  g_clear_object (&self->port);

  G_OBJECT_CLASS (dt_at_dialog_parent_class)->dispose (object);
}

static void
dt_at_dialog_finalize (GObject *object)
{
  DtAtDialog *self = DT_AT_DIALOG (object);

  g_string_free (self->noise, TRUE);

  G_OBJECT_CLASS (dt_at_dialog_parent_class)->finalize (object);
}

static void
dt_at_dialog_class_init (DtAtDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_at_dialog_dispose;
  object_class->finalize = dt_at_dialog_finalize;

  signals[SIGNAL_CONNECTING] =
    g_signal_new ("connecting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_RING] =
    g_signal_new ("ring", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_TRACE] =
    g_signal_new ("trace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
dt_at_dialog_init (DtAtDialog *self)
{
  self->noise = g_string_new (NULL);
}
