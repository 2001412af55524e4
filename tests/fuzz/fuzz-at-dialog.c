/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the AT dialog: what a modem (or a noisy line, or something that only
 * claims to be a modem) says while DtAtDialog dials, answers and hangs up, cut into reads of
 * any size; and the split DtModem relies on after CONNECT: dt_at_dialog_feed() consumes the
 * CONNECT line and nothing after it, which is the peer's first PPP data.
 *
 * The dialog writes its commands to a port that is not open (they go nowhere); no timer
 * fires, so every outcome comes from the bytes.
 *
 * Input: records of [operation][length][length bytes]:
 *   0-3 bytes from the modem     4 dial (ATZ, ATE1V1, ATDT)    5 answer (ATA after RING)
 *   6 hang up in band            7 abort */

#include "config.h"

#include <string.h>

#include "dt-at-dialog.h"
#include "fuzz-sources.h"

typedef struct {
  gboolean done;
  gboolean connected;
} Run;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *line = NULL;
  g_autoptr (GError) error = NULL;
  guint speed = 0;

  run->done = TRUE;
  run->connected = dt_at_dialog_run_finish (DT_AT_DIALOG (object), result, &line, &speed,
                                            &error);
  if (run->connected)
    {
      /* The CONNECT line as shown to the user: printable ASCII only. */
      g_assert (line != NULL);
      for (const char *p = line; *p != '\0'; p++)
        g_assert (*p >= 0x20 && *p < 0x7f);
    }
  else
    {
      g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert ((guchar) *p >= 0x20);
    }
  g_free (run);
}

static void
on_hang_up_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  dt_at_dialog_hang_up_finish (DT_AT_DIALOG (object), result, NULL);
}

static void
on_trace (DtAtDialog *dialog,
          gboolean    sent,
          const char *line,
          gpointer    user_data)
{
  g_assert (g_utf8_validate (line, -1, NULL));
}

static void
feed (DtAtDialog   *dialog,
      const guint8 *data,
      gsize         len)
{
  gsize consumed = dt_at_dialog_feed (dialog, data, len);

  g_assert (consumed <= len);
  /* Stopping early happens only right after the line that said CONNECT. */
  if (consumed < len && consumed > 0)
    g_assert (data[consumed - 1] == '\r' || data[consumed - 1] == '\n');
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char * const dial[] = { "ATZ", "ATE1V1X4", "ATDT5550100", NULL };
  static const char * const answer[] = { "ATZ", "ATA", NULL };
  g_autoptr (DtSerialPort) port = dt_serial_port_new ("/dev/null", "/nonexistent");
  g_autoptr (DtAtDialog) dialog = dt_at_dialog_new (port, 1000, 1000);
  gsize pos = 0;
  guint first_source;

  /* GTask's class creates GLib's worker context (and a source) once per process. */
  g_type_ensure (G_TYPE_TASK);
  first_source = fuzz_next_source_id ();

  g_signal_connect (dialog, "trace", G_CALLBACK (on_trace), NULL);
  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      /* Exactly @len bytes on the heap, so that ASan sees any overread. */
      g_autofree guint8 *copy = g_memdup2 (data + pos + 2, len);

      pos += 2 + len;
      switch (op % 8)
        {
        case 4:
        case 5:
          if (!dt_at_dialog_is_busy (dialog))
            dt_at_dialog_run_async (dialog, op % 8 == 4 ? dial : answer, 1000, 1000, NULL,
                                    on_run_done, g_new0 (Run, 1));
          break;
        case 6:
          if (!dt_at_dialog_is_busy (dialog))
            dt_at_dialog_hang_up_async (dialog, len > 0 && copy[0] & 1, NULL, on_hang_up_done,
                                        NULL);
          break;
        case 7:
          dt_at_dialog_abort (dialog, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                           "fuzz"));
          break;
        default:
          feed (dialog, copy, len);
          break;
        }
      /* Completions come from idles: run them as the main loop would. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  /* As DtModem drops it: a pending operation holds a reference until it ends. */
  g_object_run_dispose (G_OBJECT (dialog));
  g_clear_object (&dialog);
  g_clear_object (&port);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  fuzz_assert_no_source_left (first_source);
  return 0;
}
