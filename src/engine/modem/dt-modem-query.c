/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemQuery.  One command at a time: send it, collect lines until OK or ERROR (a final
 * result, verbose or numeric) or the command's timeout, then the next.  The echo of the
 * command is dropped; bytes that are not printable ASCII are shown as "?", and an answer is
 * capped, so that a modem answering garbage, or a flood, still ends in a clean result.  Two
 * silent commands in a row mean nothing is listening: the query stops there rather than
 * wait out every command.
 *
 * Before the port opens, ModemManager is asked to let go of the device for the query, as for
 * a call (DtMmInhibitor): its probe of a modem just plugged in would otherwise interleave
 * its commands and ours.  A probe is waited for as long as a call waits for it: a query that
 * went ahead after a shorter wait read ModemManager's answers as the modem's (a loaded machine
 * probes for more than 3 s), and a wrong summary is worse than a slow one.
 *
 * The summary takes the name from AT+GMM (with AT+GMI's maker when GMM lacks it), else from
 * ATI3 without its firmware version, and what the modem does from AT+FCLASS=?: class 0 is
 * data, 1, 1.0, 2, 2.0 and 2.1 are fax, 8 is voice. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-mm-inhibitor.h"
#include "dt-modem-query.h"
#include "dt-serial-port.h"

#define MAX_ANSWER 4096

static const char * const commands[] = {
  "ATI", "ATI3", "ATI4", "AT+GMI", "AT+GMM", "AT+GMR", "AT+FCLASS=?", NULL
};

struct _DtModemQuery
{
  GObject parent_instance;

  char *device;
  char *lock_dir;
  guint speed;
  guint command_ms;
  guint total_ms;

  DtSerialPort *port;
  DtMmInhibitor *inhibitor;  /* ModemManager lets go for the query */
  GTask *task;
  GPtrArray *answers;
  char *summary;
  guint index;               /* the command in flight */
  guint silent_in_a_row;
  gboolean heard;            /* any byte for the command in flight */
  gboolean echoes;           /* the modem echoes our commands (E1) */
  gboolean echoed;           /* the command in flight's echo has come */
  GString *line;             /* the line being received */
  GString *text;             /* the answer so far */
  guint command_timeout;
  guint total_timeout;
  gulong cancel_id;
};

G_DEFINE_FINAL_TYPE (DtModemQuery, dt_modem_query, G_TYPE_OBJECT)

const char * const *
dt_modem_query_commands (void)
{
  return commands;
}

void
dt_modem_query_answer_free (DtModemQueryAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->command);
  g_free (answer->text);
  g_free (answer);
}

/* ---- the summary ----------------------------------------------------------------------- */

static const DtModemQueryAnswer *
find_answer (GPtrArray  *answers,
             const char *command)
{
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const DtModemQueryAnswer *a = g_ptr_array_index (answers, i);

      if (g_str_equal (a->command, command) && a->status == DT_MODEM_QUERY_OK &&
          a->text != NULL && a->text[0] != '\0')
        return a;
    }
  return NULL;
}

/* The first line, without a "+GMM: " style prefix. */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');
  g_autofree char *line = g_strndup (text, end != NULL ? (gsize) (end - text) : strlen (text));

  if (line[0] == '+' && strchr (line, ':') != NULL)
    return g_strdup (g_strstrip (strchr (line, ':') + 1));
  return g_strdup (g_strstrip (line));
}

/* "U.S. Robotics 56K FAX EXT V4.12.1" without the version. */
static char *
strip_version (const char *name)
{
  const char *space = strrchr (name, ' ');

  if (space != NULL && (space[1] == 'V' || space[1] == 'v') && g_ascii_isdigit (space[2]))
    return g_strndup (name, space - name);
  return g_strdup (name);
}

static char *
modem_name (GPtrArray *answers)
{
  const DtModemQueryAnswer *gmi = find_answer (answers, "AT+GMI");
  const DtModemQueryAnswer *gmm = find_answer (answers, "AT+GMM");
  const DtModemQueryAnswer *ati3 = find_answer (answers, "ATI3");
  g_autofree char *maker = gmi != NULL ? first_line (gmi->text) : NULL;

  if (gmm != NULL)
    {
      g_autofree char *model = first_line (gmm->text);

      if (maker == NULL || g_str_has_prefix (model, maker))
        return g_steal_pointer (&model);
      return g_strdup_printf ("%s %s", maker, model);
    }
  if (ati3 != NULL)
    {
      g_autofree char *line = first_line (ati3->text);

      return strip_version (line);
    }
  return g_steal_pointer (&maker);
}

static gboolean
class_listed (char      **classes,
              const char *wanted)
{
  for (guint i = 0; classes[i] != NULL; i++)
    if (g_str_equal (g_strstrip (classes[i]), wanted))
      return TRUE;
  return FALSE;
}

/* Data, fax, voice: bit 0, 1, 2.  -1 when the modem did not say. */
static int
modem_classes (GPtrArray *answers)
{
  const DtModemQueryAnswer *fclass = find_answer (answers, "AT+FCLASS=?");
  g_autofree char *line = NULL;
  g_auto (GStrv) classes = NULL;
  int mask = 0;

  if (fclass == NULL)
    return -1;
  line = first_line (fclass->text);
  g_strdelimit (line, "()", ' ');
  classes = g_strsplit (line, ",", -1);
  if (class_listed (classes, "0"))
    mask |= 1;
  if (class_listed (classes, "1") || class_listed (classes, "1.0") ||
      class_listed (classes, "2") || class_listed (classes, "2.0") ||
      class_listed (classes, "2.1") || class_listed (classes, "0-2"))
    mask |= 2;
  if (class_listed (classes, "8"))
    mask |= 4;
  return mask;
}

/**
 * dt_modem_query_summarize:
 * @answers: (element-type DtModemQueryAnswer): the answers, in any order
 *
 * Returns: one line: "U.S. Robotics 56K FAX EXT, data and fax", "A modem that does not say
 * which it is", "Something answers, but not as a modem does" (no OK or ERROR ever came), or
 * "No modem answered"
 */
char *
dt_modem_query_summarize (GPtrArray *answers)
{
  g_autofree char *name = modem_name (answers);
  gboolean results = FALSE;
  gboolean bytes = FALSE;

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      const DtModemQueryAnswer *a = g_ptr_array_index (answers, i);

      results |= a->status != DT_MODEM_QUERY_NO_ANSWER;
      bytes |= a->text != NULL && a->text[0] != '\0';
    }
  if (!results && bytes)
    return g_strdup (_("Something answers, but not as a modem does"));
  if (!results)
    return g_strdup (_("No modem answered"));
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (_("A modem that does not say which it is"));
    }

  switch (modem_classes (answers))
    {
    /* Translators: %s is a modem's name; then what it can do. */
    case 1: return g_strdup_printf (_("%s, data only"), name);
    case 2: return g_strdup_printf (_("%s, fax only"), name);
    case 3: return g_strdup_printf (_("%s, data and fax"), name);
    case 5: return g_strdup_printf (_("%s, data and voice"), name);
    case 7: return g_strdup_printf (_("%s, data, fax and voice"), name);
    default: return g_steal_pointer (&name);
    }
}

/* ---- the conversation ------------------------------------------------------------------ */

static void send_next (DtModemQuery *self);

static void
stop (DtModemQuery *self)
{
  g_clear_handle_id (&self->command_timeout, g_source_remove);
  g_clear_handle_id (&self->total_timeout, g_source_remove);
  if (self->port != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->port, self);
      dt_serial_port_close (self->port);
      g_clear_object (&self->port);
    }
  /* The port is closed: ModemManager may have the device back (bounded, and nothing is
   * left pending when nothing was inhibited).  Taken off first: an inhibit still in
   * progress may report back from inside the release, and must not open the port. */
  if (self->inhibitor != NULL)
    {
      g_autoptr (DtMmInhibitor) inhibitor = g_steal_pointer (&self->inhibitor);

      dt_mm_inhibitor_release_async (inhibitor, NULL, NULL);
    }
  if (self->task != NULL && self->cancel_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancel_id);
  self->cancel_id = 0;
}

static void
finish (DtModemQuery *self,
        GError       *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  self->task = task;
  stop (self);
  self->task = NULL;
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_free (self->summary);
  self->summary = dt_modem_query_summarize (self->answers);
  g_task_return_boolean (task, TRUE);
}

static void
record (DtModemQuery       *self,
        DtModemQueryStatus  status)
{
  DtModemQueryAnswer *answer = g_new0 (DtModemQueryAnswer, 1);

  g_clear_handle_id (&self->command_timeout, g_source_remove);
  answer->command = g_strdup (commands[self->index]);
  answer->status = status;
  /* A partial line that never ended is part of the answer too. */
  if (self->line->len > 0)
    g_string_append_printf (self->text, "%s%s", self->text->len > 0 ? "\n" : "", self->line->str);
  answer->text = g_strdup (self->text->str);
  g_ptr_array_add (self->answers, answer);
  g_string_truncate (self->line, 0);
  g_string_truncate (self->text, 0);

  self->silent_in_a_row = self->heard ? 0 : self->silent_in_a_row + 1;
  self->index++;
  if (self->silent_in_a_row >= 2 || commands[self->index] == NULL)
    finish (self, NULL);
  else
    send_next (self);
}

static gboolean
is_final (const char *line,
          DtModemQueryStatus *status)
{
  if (g_str_equal (line, "OK") || g_str_equal (line, "0"))
    *status = DT_MODEM_QUERY_OK;
  else if (g_str_equal (line, "ERROR") || g_str_equal (line, "4") ||
           g_str_has_prefix (line, "+CME ERROR"))
    *status = DT_MODEM_QUERY_ERROR;
  else
    return FALSE;
  return TRUE;
}

static void
end_of_line (DtModemQuery *self)
{
  /* The left margin stays: ATI4's settings are laid out in columns. */
  g_autofree char *line = g_strdup (g_strchomp (self->line->str));
  g_autofree char *bare = g_strstrip (g_strdup (line));
  DtModemQueryStatus status;

  g_string_truncate (self->line, 0);
  if (bare[0] == '\0')
    return;
  if (g_ascii_strcasecmp (bare, commands[self->index]) == 0)
    {
      self->echoes = self->echoed = TRUE;
      return;
    }
  /* The echo of a command before: the modem echoes, and what follows up to its final result
   * is that command's late answer, even when it is the first echo heard. */
  for (guint i = 0; i < self->index; i++)
    if (g_ascii_strcasecmp (bare, commands[i]) == 0)
      {
        self->echoes = TRUE;
        self->echoed = FALSE;
        g_string_truncate (self->text, 0);
        return;
      }
  /* A modem that echoes answers after the echo: what comes before it is the late answer to
   * the command before, which timed out (a slow or busy modem), not this one's. */
  if (self->echoes && !self->echoed)
    return;
  if (is_final (bare, &status))
    {
      record (self, status);
      return;
    }
  if (self->text->len + strlen (line) < MAX_ANSWER)
    g_string_append_printf (self->text, "%s%s", self->text->len > 0 ? "\n" : "", line);
}

static void
on_data_received (DtSerialPort *port,
                  GBytes       *bytes,
                  DtModemQuery *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  guint index = self->index;

  for (gsize i = 0; i < length && self->task != NULL && self->index == index; i++)
    {
      guint8 c = data[i];

      self->heard = TRUE;
      if (c == '\r' || c == '\n')
        end_of_line (self);
      else if (self->line->len < MAX_ANSWER)
        g_string_append_c (self->line, c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
}

static void
on_carrier_lost (DtSerialPort *port,
                 DtModemQuery *self)
{
  finish (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED,
                             _("%s went away during the query."), self->device));
}

static gboolean
on_command_timeout (gpointer user_data)
{
  DtModemQuery *self = user_data;

  self->command_timeout = 0;
  record (self, DT_MODEM_QUERY_NO_ANSWER);
  return G_SOURCE_REMOVE;
}

static gboolean
on_total_timeout (gpointer user_data)
{
  DtModemQuery *self = user_data;

  self->total_timeout = 0;
  /* What has come so far stands; the rest goes unanswered. */
  while (self->task != NULL)
    record (self, DT_MODEM_QUERY_NO_ANSWER);
  return G_SOURCE_REMOVE;
}

static void
send_next (DtModemQuery *self)
{
  g_autofree char *line = g_strdup_printf ("%s\r", commands[self->index]);

  self->heard = FALSE;
  self->echoed = FALSE;
  if (!dt_serial_port_write (self->port, line, strlen (line)))
    {
      finish (self, g_error_new (DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED,
                                 _("%s went away during the query."), self->device));
      return;
    }
  /* The first command gets three times as long: a modem just opened may still be waking. */
  self->command_timeout = g_timeout_add (self->index == 0 ? 3 * self->command_ms
                                                          : self->command_ms,
                                         on_command_timeout, self);
}

static gboolean
on_cancelled_idle (gpointer user_data)
{
  DtModemQuery *self = user_data;

  if (self->task != NULL)
    finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                       _("The query was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled_handler (GCancellable *cancellable,
                      gpointer      user_data)
{
  /* Not from inside g_cancellable_cancel(): finishing disconnects this handler. */
  g_idle_add_full (G_PRIORITY_HIGH, on_cancelled_idle, g_object_ref (user_data), g_object_unref);
}

static void
open_port (DtModemQuery *self)
{
  GError *error = NULL;

  self->port = dt_serial_port_new (self->device, self->lock_dir);
  if (!dt_serial_port_open (self->port, self->speed, DT_FLOW_CONTROL_NONE, &error))
    {
      finish (self, error);
      return;
    }
  g_signal_connect (self->port, "data-received", G_CALLBACK (on_data_received), self);
  g_signal_connect (self->port, "carrier-lost", G_CALLBACK (on_carrier_lost), self);
  self->total_timeout = g_timeout_add (self->total_ms, on_total_timeout, self);
  send_next (self);
}

static void
on_mm_inhibited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtModemQuery) self = user_data;
  g_autoptr (GError) error = NULL;

  if (dt_mm_inhibitor_inhibit_finish (DT_MM_INHIBITOR (object), result, &error))
    g_debug ("ModemManager let go of %s for the query", self->device);
  else
    g_debug ("ModemManager: %s; querying regardless", error->message);
  /* Finished meanwhile (cancelled), or a later query's inhibitor. */
  if (self->task == NULL || self->inhibitor != DT_MM_INHIBITOR (object))
    return;
  open_port (self);
}

/**
 * dt_modem_query_run_async:
 *
 * Asks ModemManager to let go of the device, opens the port (taking its lock) and asks the
 * modem.  Fails with 633 when the port cannot be opened (the reason in the message), 619
 * when it goes away meanwhile, or G_IO_ERROR_CANCELLED.  Otherwise succeeds, whatever the
 * modem said, even nothing.
 */
void
dt_modem_query_run_async (DtModemQuery        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (DT_IS_MODEM_QUERY (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, dt_modem_query_run_async);
  g_ptr_array_set_size (self->answers, 0);
  g_clear_pointer (&self->summary, g_free);
  self->index = 0;
  self->silent_in_a_row = 0;
  if (cancellable != NULL)
    self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled_handler),
                                             self, NULL);
  if (self->task == NULL)
    return;
  self->inhibitor = dt_mm_inhibitor_new (self->device);
  dt_mm_inhibitor_inhibit_async (self->inhibitor, DT_MM_INHIBITOR_TIMEOUT_MS, NULL,
                                 on_mm_inhibited, g_object_ref (self));
}

gboolean
dt_modem_query_run_finish (DtModemQuery  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject --------------------------------------------------------------------------- */

/**
 * dt_modem_query_new:
 * @lock_dir: (nullable): where the UUCP lock goes; NULL for the system's
 * @speed: the port's speed in bps; 0 keeps the device's
 */
DtModemQuery *
dt_modem_query_new (const char *device,
                    const char *lock_dir,
                    guint       speed)
{
  DtModemQuery *self;

  g_return_val_if_fail (device != NULL, NULL);

  self = g_object_new (DT_TYPE_MODEM_QUERY, NULL);
  self->device = g_strdup (device);
  self->lock_dir = g_strdup (lock_dir);
  self->speed = speed;
  return self;
}

void
dt_modem_query_set_timeouts (DtModemQuery *self,
                             guint         command_ms,
                             guint         total_ms)
{
  g_return_if_fail (DT_IS_MODEM_QUERY (self));

  self->command_ms = command_ms;
  self->total_ms = total_ms;
}

const char *
dt_modem_query_get_device (DtModemQuery *self)
{
  g_return_val_if_fail (DT_IS_MODEM_QUERY (self), NULL);

  return self->device;
}

/**
 * dt_modem_query_get_answers:
 *
 * Returns: (transfer none) (element-type DtModemQueryAnswer): one per command asked, in order
 */
GPtrArray *
dt_modem_query_get_answers (DtModemQuery *self)
{
  g_return_val_if_fail (DT_IS_MODEM_QUERY (self), NULL);

  return self->answers;
}

/* The one-line summary, once the query has succeeded. */
const char *
dt_modem_query_get_summary (DtModemQuery *self)
{
  g_return_val_if_fail (DT_IS_MODEM_QUERY (self), NULL);

  return self->summary;
}

static void
dt_modem_query_dispose (GObject *object)
{
  DtModemQuery *self = DT_MODEM_QUERY (object);

  stop (self);

  G_OBJECT_CLASS (dt_modem_query_parent_class)->dispose (object);
}

static void
dt_modem_query_finalize (GObject *object)
{
  DtModemQuery *self = DT_MODEM_QUERY (object);

  g_free (self->device);
  g_free (self->lock_dir);
  g_free (self->summary);
  g_ptr_array_unref (self->answers);
  g_string_free (self->line, TRUE);
  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (dt_modem_query_parent_class)->finalize (object);
}

static void
dt_modem_query_class_init (DtModemQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_modem_query_dispose;
  object_class->finalize = dt_modem_query_finalize;
}

static void
dt_modem_query_init (DtModemQuery *self)
{
  self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_modem_query_answer_free);
  self->line = g_string_new (NULL);
  self->text = g_string_new (NULL);
  self->command_ms = DT_MODEM_QUERY_COMMAND_TIMEOUT_MS;
  self->total_ms = DT_MODEM_QUERY_TIMEOUT_MS;
}
