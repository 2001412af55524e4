/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem against a scripted Hayes modem on a pty pair: the exact bytes of the init and
 * dial commands, echo on and off, verbose and numeric results, every failure with its RAS
 * code and a re-dial on the same port after it, a dead or babbling modem ending in 692 or
 * 651 within its bound, the data path after CONNECT (with the bytes that came in the same
 * read), hang-up by "+++" and ATH0 with real guard times, and no fd, lock or GSource left. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-modem-peer.h"
#include "dt-test-loop.h"
#include "dt-modem.h"

#define COMMAND_TIMEOUT 250
#define DIAL_TIMEOUT    1500
/* Short guard times (as with ATS12=5) keep the many hang-ups quick; the escape test uses
 * the real one-second guard time on both sides. */
#define PEER_GUARD_TIME  100
#define GUARD_TIME       150

typedef struct {
  DtModemPeer *peer;
  char *lock_dir;
  char *fds_before;
  int sources_before;
  DtModemConfig config;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean has_timeout;

  f->sources_before = dt_test_count_sources (&has_timeout);
  g_assert_false (has_timeout);
  f->fds_before = dt_test_list_fds ();

  f->peer = dt_modem_peer_new ();
  f->lock_dir = g_dir_make_tmp ("dialtone-lock-XXXXXX", NULL);
  f->config.device = dt_modem_peer_get_device (f->peer);
  f->config.lock_dir = f->lock_dir;
  f->config.speed = 115200;
  f->config.flow_control = DT_FLOW_CONTROL_HARDWARE;
  f->config.command_timeout = COMMAND_TIMEOUT;
  f->config.dial_timeout = DIAL_TIMEOUT;
  f->config.guard_time = GUARD_TIME;
  dt_modem_peer_set_guard_time (f->peer, PEER_GUARD_TIME);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fds_after = NULL;
  GDir *dir = g_dir_open (f->lock_dir, 0, NULL);
  gboolean has_timeout;

  g_assert_null (g_dir_read_name (dir));
  g_dir_close (dir);
  g_clear_pointer (&f->peer, dt_modem_peer_free);
  fds_after = dt_test_list_fds ();
  g_assert_cmpstr (fds_after, ==, f->fds_before);
  g_assert_cmpint (dt_test_count_sources (&has_timeout), ==, f->sources_before);
  g_assert_false (has_timeout);

  g_rmdir (f->lock_dir);
  g_free (f->lock_dir);
  g_free (f->fds_before);
}

static DtModem *
open_modem (Fixture *f)
{
  g_autoptr (DtModem) modem = dt_modem_new (&f->config);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_open_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_open_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_COMMAND);
  return g_steal_pointer (&modem);
}

static gboolean
dial (DtModem     *modem,
      const char  *number,
      GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_modem_dial_async (modem, number, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  return dt_modem_dial_finish (modem, result, error);
}

static void
hang_up (DtModem *modem)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_hang_up_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_hang_up_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_CLOSED);
}

static void
assert_received (Fixture    *f,
                 const char *expected)
{
  GByteArray *received = dt_modem_peer_get_received (f->peer);

  g_assert_cmpmem (received->data, received->len, expected, strlen (expected));
}

static void
on_dialing (DtModem    *modem,
            const char *number,
            gpointer    user_data)
{
  char **slot = user_data;

  g_assert_null (*slot);
  *slot = g_strdup (number);
}

static void
on_trace (DtModem    *modem,
          gboolean    sent,
          const char *line,
          gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s", sent ? ">" : "<", line));
}

/* The defaults: ATZ, a setup line, the speaker, then ATDT with the number's formatting
 * removed, each ended by CR alone. */
static void
test_default_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *dialing = NULL;
  g_autoptr (GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_signal_connect (modem, "dialing", G_CALLBACK (on_dialing), &dialing);
  g_signal_connect (modem, "trace", G_CALLBACK (on_trace), trace);
  g_assert_true (dial (modem, "555-0100", &error));
  g_assert_no_error (error);

  /* The debug log shows the conversation, echo included, as chat(8) would. */
  g_ptr_array_add (trace, NULL);
  joined = g_strjoinv ("|", (char **) trace->pdata);
  g_assert_cmpstr (joined, ==, "> ATZ|< ATZ|< OK|> ATQ0 V1 E1 S0=0 &C1 &D2|"
                   "< ATQ0 V1 E1 S0=0 &C1 &D2|< OK|> ATM0|< ATM0|< OK|> ATDT5550100|"
                   "< ATDT5550100|< CONNECT 33600");

  assert_received (f, "ATZ\rATQ0 V1 E1 S0=0 &C1 &D2\rATM0\rATDT5550100\r");
  g_assert_cmpstr (dialing, ==, "555-0100");
  g_assert_cmpstr (dt_modem_get_connect_line (modem), ==, "CONNECT 33600");
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_ONLINE);
  g_assert_true (dt_modem_peer_is_online (f->peer));
  g_assert_true (g_file_test (dt_serial_port_get_lock_path (dt_modem_get_port (modem)),
                              G_FILE_TEST_EXISTS));
  hang_up (modem);
}

/* The entry's own init strings, speaker, extra commands (with and without "AT"), an
 * outside-line prefix and pulse dialing. */
static void
test_entry_dialog (Fixture       *f,
                   gconstpointer  data)
{
  const char * const init[] = { "AT&F", "  ATX3 ", "", NULL };
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;

  f->config.init_strings = init;
  f->config.extra_commands = "+MS=V34\nATS7=45\r\n";
  f->config.speaker = DT_SPEAKER_ALWAYS;
  f->config.dial_prefix = "9,";
  f->config.dial_mode = DT_DIAL_MODE_PULSE;
  modem = open_modem (f);
  g_assert_true (dial (modem, "(555) 010-0", &error));
  g_assert_no_error (error);
  assert_received (f, "AT&F\rATX3\rATM2\rAT+MS=V34\rATS7=45\rATDP9,5550100\r");
  hang_up (modem);
}

static void
test_echo_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "ATD", "\r\nCONNECT 28800/REL\r\n", TRUE);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 28800);
  g_assert_cmpstr (dt_modem_get_connect_line (modem), ==, "CONNECT 28800/REL");
  hang_up (modem);
}

/* ATV0: "0\r" for OK, "12\r" for CONNECT 9600, "7\r" for BUSY, with echo on. */
static void
test_numeric (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_numeric (f->peer, TRUE);
  dt_modem_peer_script (f->peer, "ATDT5550199", "7\r", FALSE);
  dt_modem_peer_script (f->peer, "ATD", "12\r", TRUE);
  g_assert_false (dial (modem, "5550199", &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_LINE_BUSY);
  g_clear_error (&error);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 9600);
  hang_up (modem);
}

/* Every failure on one open port, each followed by a re-dial: the modem is back in command
 * mode after each, as alternate numbers and redialing need. */
static void
test_failures_and_redial (Fixture       *f,
                          gconstpointer  data)
{
  static const struct {
    const char *number;
    const char *reply;
    guint code;
  } cases[] = {
    { "5550199", "\r\nBUSY\r\n", DT_RAS_ERROR_LINE_BUSY },
    { "5550198", "\r\nNO CARRIER\r\n", DT_RAS_ERROR_NO_CARRIER },
    { "5550197", "\r\nNO DIALTONE\r\n", DT_RAS_ERROR_NO_DIALTONE },
    { "5550194", "\r\nNO DIAL TONE\r\n", DT_RAS_ERROR_NO_DIALTONE },
    { "5550196", "\r\nNO ANSWER\r\n", DT_RAS_ERROR_NO_ANSWER },
    { "5550195", "\r\nERROR\r\n", DT_RAS_ERROR_FROM_DEVICE },
    { "5550193", "\r\nVOICE\r\n", DT_RAS_ERROR_VOICE_ANSWER },
    { "5550192", "\r\nDELAYED\r\n", DT_RAS_ERROR_LINE_BUSY },
    { "5550191", "\r\nBLACKLISTED\r\n", DT_RAS_ERROR_FROM_DEVICE },
  };
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prefix = g_strconcat ("ATDT", cases[i].number, NULL);

      dt_modem_peer_script (f->peer, prefix, cases[i].reply, FALSE);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (cases[i].reply));

      g_assert_false (dial (modem, cases[i].number, &error));
      g_assert_error (error, DT_RAS_ERROR, (int) cases[i].code);
      /* The user reads the modem's own words. */
      g_assert_nonnull (strstr (error->message, word));
      g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_COMMAND);
      g_assert_null (dt_modem_get_connect_line (modem));
      g_clear_error (&error);
    }

  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  /* Each dial ran the whole dialog again. */
  g_assert_cmpuint (dt_modem_peer_get_commands (f->peer)->len, ==, 4 * (G_N_ELEMENTS (cases) + 1));
  hang_up (modem);
}

typedef struct {
  DtModem *modem;
  GError *first_error;
  GAsyncResult *second;
} Alternate;

static void
on_busy_dial_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Alternate *alternate = user_data;

  g_assert_false (dt_modem_dial_finish (DT_MODEM (source), result, &alternate->first_error));
  /* The engine tries the next number from inside this callback. */
  dt_modem_dial_async (alternate->modem, "5550101", NULL, dt_test_on_async_done,
                       &alternate->second);
}

/* BUSY and a stray result after it come in one read; the alternate number, dialled from the
 * failed dial's callback, is not confused by them. */
static void
test_alternate_from_callback (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  Alternate alternate = { modem, NULL, NULL };

  dt_modem_peer_script (f->peer, "ATDT5550199", "\r\nBUSY\r\n\r\nERROR\r\n", FALSE);
  dt_modem_dial_async (modem, "5550199", NULL, on_busy_dial_done, &alternate);
  dt_test_wait (&alternate.second);
  g_assert_error (alternate.first_error, DT_RAS_ERROR, DT_RAS_ERROR_LINE_BUSY);
  g_clear_error (&alternate.first_error);
  g_assert_true (dt_modem_dial_finish (modem, alternate.second, &error));
  g_assert_no_error (error);
  g_clear_object (&alternate.second);
  assert_received (f, "ATZ\rATQ0 V1 E1 S0=0 &C1 &D2\rATM0\rATDT5550199\r"
                   "ATZ\rATQ0 V1 E1 S0=0 &C1 &D2\rATM0\rATDT5550101\r");
  hang_up (modem);
}

/* The line rate comes from CARRIER when the modem reports the DTE rate in CONNECT; a bare
 * CONNECT gives the port speed. */
static void
test_connect_forms (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *reply;
    const char *line;
    guint speed;
  } cases[] = {
    { "\r\nCONNECT 33600/ARQ/V34/LAPM/V42BIS\r\n", "CONNECT 33600/ARQ/V34/LAPM/V42BIS", 33600 },
    { "\r\nCARRIER 33600\r\n\r\nPROTOCOL: LAP-M\r\n\r\nCOMPRESSION: V.42BIS\r\n"
      "\r\nCONNECT 115200\r\n", "CONNECT 115200", 33600 },
    { "\r\nCONNECT 115200/V42\r\n", "CONNECT 115200/V42", 115200 },
    { "\r\nCONNECT\r\n", "CONNECT", 115200 },
    { "\r\nRINGING\r\n\r\nCONNECT 26400\r\n", "CONNECT 26400", 26400 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (DtModem) modem = open_modem (f);
      g_autoptr (GError) error = NULL;

      dt_modem_peer_script (f->peer, "ATD", cases[i].reply, TRUE);
      g_assert_true (dial (modem, "5550100", &error));
      g_assert_no_error (error);
      g_assert_cmpstr (dt_modem_get_connect_line (modem), ==, cases[i].line);
      g_assert_cmpuint (dt_modem_get_speed (modem), ==, cases[i].speed);
      /* Dropped while online (the quick way out: a pty hang-up takes two guard times),
       * and a fresh peer for the next case. */
      g_assert_finalize_object (g_steal_pointer (&modem));
      dt_modem_peer_free (f->peer);
      f->peer = dt_modem_peer_new ();
      f->config.device = dt_modem_peer_get_device (f->peer);
    }
}

/* Blank lines, LF-only and CR-only endings, an unsolicited RING and a noise line before the
 * OK: none of it disturbs the dialog. */
static void
test_noise_tolerated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "ATZ", "\r\n\r\n\n\nRING\r\n#noise#\r\nOK\n", FALSE);
  dt_modem_peer_script (f->peer, "ATQ0", "OK\r", FALSE);
  dt_modem_peer_script (f->peer, "ATM", "\n\r\n\rOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "ATD", "\r\n+MCR: V34\r\n+MRR: 33600\r\nCONNECT 33600\r\n", TRUE);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  hang_up (modem);
}

/* A dead modem: each command is tried twice, then 692, within the bound; the port stays
 * open in command mode. */
static void
test_silent_modem (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;

  dt_modem_peer_set_silent (f->peer, TRUE);
  g_assert_false (dial (modem, "5550100", &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_OR_DEVICE);
  g_assert_nonnull (strstr (error->message, "ATZ"));
  assert_received (f, "ATZ\rATZ\r");
  g_assert_cmpint (elapsed_ms, >=, DT_MODEM_COMMAND_TRIES * COMMAND_TIMEOUT - 10);
  g_assert_cmpint (elapsed_ms, <, DT_MODEM_COMMAND_TRIES * COMMAND_TIMEOUT + 2000);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_COMMAND);
  hang_up (modem);
}

/* Garbage instead of a result code: 651, with the garbage (escaped) in the message. */
static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;

  dt_modem_peer_script (f->peer, "ATZ", "\r\n#$%@ garbage\x01\xff\r\n", FALSE);
  g_assert_false (dial (modem, "5550100", &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_FROM_DEVICE);
  g_assert_nonnull (strstr (error->message, "#$%@ garbage\\x01\\xff"));
  g_assert_nonnull (strstr (error->message, "ATZ"));
  hang_up (modem);
}

/* A modem that babbles without ever ending a line: the line is capped, the message too,
 * and the dial still ends. */
static void
test_endless_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  g_autofree char *babble = g_strnfill (3000, 'x');

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "ATZ", babble, FALSE);
  g_assert_false (dial (modem, "5550100", &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_FROM_DEVICE);
  g_assert_nonnull (strstr (error->message, "xxxxxxxx"));
  g_assert_cmpuint (strlen (error->message), <, 400);
  hang_up (modem);
}

static void
test_error_to_init (Fixture       *f,
                    gconstpointer  data)
{
  const char * const init[] = { "ATZ", "AT&BOGUS", NULL };
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;

  f->config.init_strings = init;
  modem = open_modem (f);
  dt_modem_peer_script (f->peer, "AT&BOGUS", "\r\nERROR\r\n", FALSE);
  g_assert_false (dial (modem, "5550100", &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_FROM_DEVICE);
  g_assert_nonnull (strstr (error->message, "AT&BOGUS"));
  /* The dialog stopped there: no dial was attempted. */
  assert_received (f, "ATZ\rAT&BOGUS\r");
  hang_up (modem);
}

/* No result within the dial timeout: the dial is aborted (any character does that) and the
 * call counts as not answered; the modem's late NO CARRIER does not spoil the re-dial. */
static void
test_dial_timeout (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed_ms;

  dt_modem_peer_script (f->peer, "ATDT5550190", NULL, FALSE);
  g_assert_false (dial (modem, "5550190", &error));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_NO_ANSWER);
  g_assert_cmpint (elapsed_ms, >=, DIAL_TIMEOUT - 10);
  g_assert_cmpint (elapsed_ms, <, DIAL_TIMEOUT + 2000);
  g_clear_error (&error);

  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  hang_up (modem);
}

static void
on_data_received (DtModem  *modem,
                  GBytes   *bytes,
                  gpointer  user_data)
{
  GByteArray *received = user_data;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_byte_array_append (received, data, (guint) length);
}

/* The peer's first PPP frame comes in the same write as CONNECT: it is held until the
 * caller starts the data path, then comes first, whole, and without the CONNECT line's LF. */
static void
test_data_path (Fixture       *f,
                gconstpointer  data)
{
  static const char frame[] = "~\xff\x7d\x23\xc0\x21\x7d\x21\x7d\x21\x7d\x20\x7d\x24~";
  static const char more[] = "~\xff\x03\xc0\x21\x02~";
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GByteArray) received = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *reply = g_strconcat ("\r\nCONNECT 33600\r\n", frame, NULL);

  dt_modem_peer_script (f->peer, "ATD", reply, TRUE);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  dt_test_sleep (50);

  g_signal_connect (modem, "data-received", G_CALLBACK (on_data_received), received);
  g_assert_cmpuint (received->len, ==, 0);
  dt_modem_start_data (modem);
  g_assert_cmpmem (received->data, received->len, frame, sizeof frame - 1);

  dt_modem_peer_send (f->peer, more, sizeof more - 1);
  while (received->len < sizeof frame - 1 + sizeof more - 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (received->data + sizeof frame - 1, received->len - (sizeof frame - 1),
                   more, sizeof more - 1);

  g_assert_true (dt_modem_write (modem, frame, sizeof frame - 1));
  while (dt_modem_peer_get_data (f->peer)->len < sizeof frame - 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (dt_modem_peer_get_data (f->peer)->data, dt_modem_peer_get_data (f->peer)->len,
                   frame, sizeof frame - 1);
  hang_up (modem);
}

static gint64
chunk_time (Fixture    *f,
            const char *text,
            gint64     *previous)
{
  GArray *chunks = dt_modem_peer_get_chunks (f->peer);

  for (guint i = 0; i < chunks->len; i++)
    {
      DtModemPeerChunk *chunk = &g_array_index (chunks, DtModemPeerChunk, i);
      gsize length;
      const char *data = g_bytes_get_data (chunk->bytes, &length);

      if (length == strlen (text) && memcmp (data, text, length) == 0)
        {
          g_assert_cmpuint (i, >, 0);
          *previous = g_array_index (chunks, DtModemPeerChunk, i - 1).time;
          return chunk->time;
        }
    }
  g_assert_not_reached ();
}

/* On a pty DTR cannot drop, so the modem hangs up in band: a second of silence, "+++", a
 * second of silence, ATH0.  The peer honours the escape only with both guard times, so the
 * hang-up succeeds only if they were kept. */
static void
test_hang_up_escape (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *lock_path = NULL;
  gint64 plus_time, ath_time, before;

  f->config.guard_time = 0;
  dt_modem_peer_set_guard_time (f->peer, 1000);
  modem = open_modem (f);

  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  dt_modem_start_data (modem);
  g_assert_true (dt_modem_write (modem, "~data~", 6));
  lock_path = g_strdup (dt_serial_port_get_lock_path (dt_modem_get_port (modem)));
  hang_up (modem);

  plus_time = chunk_time (f, "+++", &before);
  g_assert_cmpint (plus_time - before, >=, G_USEC_PER_SEC);
  ath_time = chunk_time (f, "ATH0\r", &before);
  g_assert_cmpint (before, ==, plus_time);
  g_assert_cmpint (ath_time - plus_time, >=, G_USEC_PER_SEC);
  g_assert_false (dt_modem_peer_is_online (f->peer));
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  g_assert_null (dt_modem_get_port (modem));

  /* The same line dials again, with the same modem object. */
  dt_modem_open_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_open_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_true (dt_modem_peer_is_online (f->peer));
  hang_up (modem);
}

/* A modem that never confirms the hang-up: the port is closed anyway, within the bound, and
 * the caller is told. */
static void
test_hang_up_unconfirmed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  gint64 start;

  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  dt_modem_peer_set_silent (f->peer, TRUE);
  start = g_get_monotonic_time ();
  dt_modem_hang_up_async (modem, NULL, dt_test_on_async_done, &result);
  /* What the peer still sends during the guard times is ignored. */
  dt_test_sleep (100);
  dt_modem_peer_send (f->peer, "~peer~", -1);
  dt_test_wait (&result);
  g_assert_false (dt_modem_hang_up_finish (modem, result, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_OR_DEVICE);
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   (2 * GUARD_TIME + COMMAND_TIMEOUT + 1000) * 1000);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_CLOSED);
}

/* The far end is gone (PPP's echoes failed) and the modem does not answer either: the
 * hang-up still tries "+++" and ATH0, then closes the port after two guard times and a
 * second, not after the (here much longer) command timeout; a dead line is no error. */
static void
test_hang_up_peer_gone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *lock_path = NULL;
  gint64 start, before;

  f->config.command_timeout = 20000;
  modem = open_modem (f);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  dt_modem_start_data (modem);
  lock_path = g_strdup (dt_serial_port_get_lock_path (dt_modem_get_port (modem)));
  dt_modem_peer_set_silent (f->peer, TRUE);
  dt_modem_set_peer_gone (modem);
  start = g_get_monotonic_time ();
  dt_modem_hang_up_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_hang_up_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10000 * 1000);
  g_assert_cmpint (chunk_time (f, "ATH0\r", &before), >, start);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_CLOSED);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
}

/* Starts dialing @number on a line whose modem never answers that ATD, and returns once the
 * modem has received it (after ATZ, the init string and ATM0). */
static void
start_unanswered_dial (Fixture       *f,
                       DtModem       *modem,
                       const char    *number,
                       GCancellable  *cancellable,
                       GAsyncResult **result)
{
  g_autofree char *atd = g_strconcat ("ATDT", number, NULL);

  dt_modem_peer_script (f->peer, atd, NULL, FALSE);
  dt_modem_dial_async (modem, number, cancellable, dt_test_on_async_done, result);
  while (dt_modem_peer_get_commands (f->peer)->len < 4)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits for the dial to end, and asserts that it failed with @domain and @code. */
static void
assert_dial_fails (DtModem       *modem,
                   GAsyncResult **result,
                   GQuark         domain,
                   int            code)
{
  g_autoptr (GError) error = NULL;

  dt_test_wait (result);
  g_assert_false (dt_modem_dial_finish (modem, *result, &error));
  g_assert_error (error, domain, code);
}

/* Hanging up while ATD is in progress: the dial ends with 631, the modem gets a CR to abort
 * the call, and the hang-up completes once it answers NO CARRIER. */
static void
test_hang_up_while_dialing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GAsyncResult) dial_result = NULL;
  g_autoptr (GAsyncResult) hang_up_result = NULL;
  g_autoptr (GError) error = NULL;

  start_unanswered_dial (f, modem, "5550100", NULL, &dial_result);
  dt_modem_hang_up_async (modem, NULL, dt_test_on_async_done, &hang_up_result);
  assert_dial_fails (modem, &dial_result, DT_RAS_ERROR, DT_RAS_ERROR_USER_DISCONNECTION);
  dt_test_wait (&hang_up_result);
  g_assert_true (dt_modem_hang_up_finish (modem, hang_up_result, &error));
  g_assert_no_error (error);
  assert_received (f, "ATZ\rATQ0 V1 E1 S0=0 &C1 &D2\rATM0\rATDT5550100\r\r");
}

static void
test_cancel_dial (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  start_unanswered_dial (f, modem, "5550190", cancellable, &result);
  g_cancellable_cancel (cancellable);
  assert_dial_fails (modem, &result, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_COMMAND);

  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  hang_up (modem);
}

static void
on_carrier_lost (DtModem  *modem,
                 gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* The line drops while online: ::carrier-lost once, and the hang-up that follows is quick. */
static void
test_carrier_lost_online (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GError) error = NULL;
  guint lost = 0;
  gint64 start;

  g_signal_connect (modem, "carrier-lost", G_CALLBACK (on_carrier_lost), &lost);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  dt_modem_start_data (modem);
  dt_modem_peer_hang_up (f->peer);
  while (lost == 0)
    g_main_context_iteration (NULL, TRUE);
  dt_test_sleep (50);
  g_assert_cmpuint (lost, ==, 1);

  start = g_get_monotonic_time ();
  hang_up (modem);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_carrier_lost_while_dialing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GAsyncResult) result = NULL;

  start_unanswered_dial (f, modem, "5550100", NULL, &result);
  dt_modem_peer_hang_up (f->peer);
  assert_dial_fails (modem, &result, DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED);
  hang_up (modem);
}

/* A null-modem cable: no AT dialog at all, online at once at the port speed. */
static void
test_direct (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) received = g_byte_array_new ();

  f->config.device_type = DT_DEVICE_TYPE_DIRECT;
  f->config.speed = 57600;
  modem = open_modem (f);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_ONLINE);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 57600);
  g_assert_null (dt_modem_get_connect_line (modem));
  dt_test_sleep (50);
  g_assert_cmpuint (dt_modem_peer_get_received (f->peer)->len, ==, 0);

  g_signal_connect (modem, "data-received", G_CALLBACK (on_data_received), received);
  dt_modem_start_data (modem);
  dt_modem_peer_send (f->peer, "login: ", -1);
  while (received->len < 7)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (received->data, received->len, "login: ", 7);
  hang_up (modem);
}

static gboolean
send_ring (gpointer user_data)
{
  dt_modem_peer_send (user_data, "\r\nRING\r\n", -1);
  return G_SOURCE_REMOVE;
}

/* A call back: the setup commands, then RING, then ATA and CONNECT. */
static void
test_answer (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_answer_async (modem, 3000, NULL, dt_test_on_async_done, &result);
  g_timeout_add (300, send_ring, f->peer);
  dt_test_wait (&result);
  g_assert_true (dt_modem_answer_finish (modem, result, &error));
  g_assert_no_error (error);
  assert_received (f, "ATZ\rATQ0 V1 E1 S0=0 &C1 &D2\rATM0\rATA\r");
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  hang_up (modem);
}

static void
test_answer_no_ring (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_answer_async (modem, 300, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_false (dt_modem_answer_finish (modem, result, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_REQUEST_TIMEOUT);
  hang_up (modem);
}

static void
test_port_in_use (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (DtModem) first = open_modem (f);
  g_autoptr (DtModem) second = dt_modem_new (&f->config);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_open_async (second, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_false (dt_modem_open_finish (second, result, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_ALREADY_OPEN);
  g_assert_cmpint (dt_modem_get_state (second), ==, DT_MODEM_STATE_CLOSED);
  hang_up (first);
}

/* Dropped in the middle of a dial (the owner went away): nothing is left behind. */
static void
test_dispose_while_dialing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (DtModem) modem = open_modem (f);
  g_autoptr (GAsyncResult) result = NULL;

  start_unanswered_dial (f, modem, "5550100", NULL, &result);
  g_object_run_dispose (G_OBJECT (modem));
  assert_dial_fails (modem, &result, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_object (&result);
  g_assert_finalize_object (g_steal_pointer (&modem));
}

static void
test_dial_command (void)
{
  static const struct {
    DtDialMode mode;
    const char *prefix;
    const char *number;
    const char *command;
  } cases[] = {
    { DT_DIAL_MODE_TONE, NULL, "5550100", "ATDT5550100" },
    { DT_DIAL_MODE_TONE, NULL, "555-0100", "ATDT5550100" },
    { DT_DIAL_MODE_PULSE, NULL, "555-0100", "ATDP5550100" },
    { DT_DIAL_MODE_TONE, "9,", "555-0100", "ATDT9,5550100" },
    { DT_DIAL_MODE_TONE, "*70,", "+1 (555) 010-0100", "ATDT*70,+15550100100" },
    { DT_DIAL_MODE_TONE, NULL, "555.0100 W 123#", "ATDT5550100W123#" },
  };
  static const char * const invalid[] = { "", "---", "555;0100", "555\r0100", "ATZ", "5550100x" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *command = dt_modem_build_dial_command (cases[i].mode, cases[i].prefix,
                                                              cases[i].number, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (command, ==, cases[i].command);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *command = dt_modem_build_dial_command (DT_DIAL_MODE_TONE, NULL,
                                                              invalid[i], &error);

      g_assert_null (command);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GTask's class creates GLib's worker context and its eventfd, once per process: that is
   * not a test's leak. */
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, func) \
  g_test_add ("/modem/dial/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/modem/dial/dial-command", test_dial_command);
  ADD ("default-dialog", test_default_dialog);
  ADD ("entry-dialog", test_entry_dialog);
  ADD ("echo-off", test_echo_off);
  ADD ("numeric", test_numeric);
  ADD ("failures-and-redial", test_failures_and_redial);
  ADD ("alternate-from-callback", test_alternate_from_callback);
  ADD ("connect-forms", test_connect_forms);
  ADD ("noise-tolerated", test_noise_tolerated);
  ADD ("silent-modem", test_silent_modem);
  ADD ("garbage", test_garbage);
  ADD ("endless-line", test_endless_line);
  ADD ("error-to-init", test_error_to_init);
  ADD ("dial-timeout", test_dial_timeout);
  ADD ("data-path", test_data_path);
  ADD ("hang-up-escape", test_hang_up_escape);
  ADD ("hang-up-unconfirmed", test_hang_up_unconfirmed);
  ADD ("hang-up-peer-gone", test_hang_up_peer_gone);
  ADD ("hang-up-while-dialing", test_hang_up_while_dialing);
  ADD ("cancel-dial", test_cancel_dial);
  ADD ("carrier-lost-online", test_carrier_lost_online);
  ADD ("carrier-lost-while-dialing", test_carrier_lost_while_dialing);
  ADD ("direct", test_direct);
  ADD ("answer", test_answer);
  ADD ("answer-no-ring", test_answer_no_ring);
  ADD ("port-in-use", test_port_in_use);
  ADD ("dispose-while-dialing", test_dispose_while_dialing);

#undef ADD

  return g_test_run ();
}
