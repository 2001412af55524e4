/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The result-code table: what real modems print after ATD and AT commands, verbose and
 * numeric, with the CONNECT speeds in their many shapes, and the noise a line can carry,
 * each with the outcome and RAS code a user would see. */

#include "config.h"

#include <string.h>

#include "dt-at-result.h"
#include "dt-error.h"

typedef struct {
  const char *line;
  DtAtResultKind kind;
  guint speed;
  guint ras;
} Case;

static const Case cases[] = {
  /* Verbose final results. */
  { "OK", DT_AT_RESULT_OK, 0, 0 },
  { "ok", DT_AT_RESULT_OK, 0, 0 },
  { "\r\nOK\r\n", DT_AT_RESULT_OK, 0, 0 },
  { "  OK  ", DT_AT_RESULT_OK, 0, 0 },
  { "ERROR", DT_AT_RESULT_ERROR, 0, 651 },
  { "+CME ERROR: 3", DT_AT_RESULT_ERROR, 0, 651 },
  { "COMMAND NOT SUPPORTED", DT_AT_RESULT_ERROR, 0, 651 },
  { "BUSY", DT_AT_RESULT_BUSY, 0, 676 },
  { "NO ANSWER", DT_AT_RESULT_NO_ANSWER, 0, 678 },
  { "NO CARRIER", DT_AT_RESULT_NO_CARRIER, 0, 679 },
  { "NO DIALTONE", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "NO DIAL TONE", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "No Dialtone", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "NO LINE", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "LINE IN USE", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "DELAYED", DT_AT_RESULT_DELAYED, 0, 676 },
  { "DELAYED 30", DT_AT_RESULT_DELAYED, 0, 676 },
  { "BLACKLISTED", DT_AT_RESULT_BLACKLISTED, 0, 651 },
  { "VOICE", DT_AT_RESULT_VOICE, 0, 677 },
  { "FAX", DT_AT_RESULT_FAX, 0, 651 },
  { "RING", DT_AT_RESULT_RING, 0, 0 },

  /* CONNECT in every common shape. */
  { "CONNECT", DT_AT_RESULT_CONNECT, 0, 0 },
  { "CONNECT 33600", DT_AT_RESULT_CONNECT, 33600, 0 },
  { "CONNECT 33600/ARQ/V34/LAPM/V42BIS", DT_AT_RESULT_CONNECT, 33600, 0 },
  { "CONNECT 115200/V42", DT_AT_RESULT_CONNECT, 115200, 0 },
  { "CONNECT 28800/REL", DT_AT_RESULT_CONNECT, 28800, 0 },
  { "CONNECT 9600/ARQ", DT_AT_RESULT_CONNECT, 9600, 0 },
  { "CONNECT 2400/NONE", DT_AT_RESULT_CONNECT, 2400, 0 },
  { "CONNECT 19200/ARQ/V32B/LAPM/V42B", DT_AT_RESULT_CONNECT, 19200, 0 },
  { "CONNECT 53333/ARQ/V90/LAPM/V42BIS", DT_AT_RESULT_CONNECT, 53333, 0 },
  { "CONNECT 49333 V42bis", DT_AT_RESULT_CONNECT, 49333, 0 },
  { "CONNECT 14400 /V.42", DT_AT_RESULT_CONNECT, 14400, 0 },
  { "CONNECT 31200 EC", DT_AT_RESULT_CONNECT, 31200, 0 },
  { "CONNECT 1200/75", DT_AT_RESULT_CONNECT, 1200, 0 },
  { "CONNECT 75TX/1200RX", DT_AT_RESULT_CONNECT, 1200, 0 },
  { "CONNECT 64K", DT_AT_RESULT_CONNECT, 64000, 0 },
  { "CONNECT\t57600", DT_AT_RESULT_CONNECT, 57600, 0 },
  { "connect 33600", DT_AT_RESULT_CONNECT, 33600, 0 },
  { "\n\r\nCONNECT 33600\r", DT_AT_RESULT_CONNECT, 33600, 0 },
  { "CONNECT 99999999999999", DT_AT_RESULT_CONNECT, 0, 0 },

  /* Intermediate reports: CARRIER carries the line rate. */
  { "CARRIER 33600", DT_AT_RESULT_INFO, 33600, 0 },
  { "CARRIER 26400/V34", DT_AT_RESULT_INFO, 26400, 0 },
  { "PROTOCOL: LAP-M", DT_AT_RESULT_INFO, 0, 0 },
  { "PROTOCOL: NONE", DT_AT_RESULT_INFO, 0, 0 },
  { "COMPRESSION: V.42BIS", DT_AT_RESULT_INFO, 0, 0 },
  { "+MCR: V34", DT_AT_RESULT_INFO, 0, 0 },
  { "+MRR: 33600,33600", DT_AT_RESULT_INFO, 0, 0 },
  { "+ER: LAPM", DT_AT_RESULT_INFO, 0, 0 },
  { "+DR: V42B", DT_AT_RESULT_INFO, 0, 0 },
  { "RINGING", DT_AT_RESULT_INFO, 0, 0 },
  { "DIALING", DT_AT_RESULT_INFO, 0, 0 },

  /* Numeric (ATV0). */
  { "0", DT_AT_RESULT_OK, 0, 0 },
  { "1", DT_AT_RESULT_CONNECT, 0, 0 },
  { "2", DT_AT_RESULT_RING, 0, 0 },
  { "3", DT_AT_RESULT_NO_CARRIER, 0, 679 },
  { "4", DT_AT_RESULT_ERROR, 0, 651 },
  { "5", DT_AT_RESULT_CONNECT, 1200, 0 },
  { "6", DT_AT_RESULT_NO_DIALTONE, 0, 680 },
  { "7", DT_AT_RESULT_BUSY, 0, 676 },
  { "8", DT_AT_RESULT_NO_ANSWER, 0, 678 },
  { "10", DT_AT_RESULT_CONNECT, 2400, 0 },
  { "11", DT_AT_RESULT_CONNECT, 4800, 0 },
  { "12", DT_AT_RESULT_CONNECT, 9600, 0 },
  { "13", DT_AT_RESULT_CONNECT, 7200, 0 },
  { "14", DT_AT_RESULT_CONNECT, 12000, 0 },
  { "15", DT_AT_RESULT_CONNECT, 14400, 0 },
  { "16", DT_AT_RESULT_CONNECT, 19200, 0 },
  { "17", DT_AT_RESULT_CONNECT, 38400, 0 },
  { "18", DT_AT_RESULT_CONNECT, 57600, 0 },
  { "19", DT_AT_RESULT_CONNECT, 115200, 0 },
  { "24", DT_AT_RESULT_DELAYED, 0, 676 },
  { "32", DT_AT_RESULT_BLACKLISTED, 0, 651 },
  { "64", DT_AT_RESULT_CONNECT, 28800, 0 },
  { "79", DT_AT_RESULT_INFO, 33600, 0 },
  { "84", DT_AT_RESULT_CONNECT, 33600, 0 },
  { "0\r", DT_AT_RESULT_OK, 0, 0 },

  /* Echo, noise, garbage: not result codes. */
  { "", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "\r\n", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "ATZ", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "ATDT5550100", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "OKAY", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "OK OK", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "CONNECTED", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "BUSYNESS", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "NO", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "~\xff}#\xc0!}!", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "9999", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "999", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "login:", DT_AT_RESULT_UNKNOWN, 0, 0 },
  { "\x1b[2J", DT_AT_RESULT_UNKNOWN, 0, 0 },
};

static void
test_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *shown = g_strescape (c->line, NULL);
      guint speed = 12345;
      DtAtResultKind kind;

      /* Escaped: a raw byte such as \xff in a TAP comment is not UTF-8, and meson warns. */
      g_test_message ("“%s”", shown);
      kind = dt_at_result_parse (c->line, strlen (c->line), &speed);
      g_assert_cmpstr (dt_at_result_kind_to_string (kind), ==,
                       dt_at_result_kind_to_string (c->kind));
      g_assert_cmpuint (speed, ==, c->speed);
      g_assert_cmpuint (dt_at_result_to_ras_error (kind), ==, c->ras);
      if (c->ras != 0)
        g_assert_nonnull (dt_ras_error_get_message (c->ras));
    }
}

static void
test_final_results (void)
{
  g_assert_false (dt_at_result_is_final (DT_AT_RESULT_UNKNOWN));
  g_assert_false (dt_at_result_is_final (DT_AT_RESULT_INFO));
  g_assert_false (dt_at_result_is_final (DT_AT_RESULT_RING));
  g_assert_true (dt_at_result_is_final (DT_AT_RESULT_OK));
  g_assert_true (dt_at_result_is_final (DT_AT_RESULT_CONNECT));
  g_assert_true (dt_at_result_is_final (DT_AT_RESULT_BUSY));
  g_assert_true (dt_at_result_is_final (DT_AT_RESULT_FAX));
}

/* The parser takes a length: no terminating nul is needed, embedded nuls are noise, and a
 * line longer than the cap is never a result whatever it starts with. */
static void
test_lengths (void)
{
  static const char buffer[] = "BUSYOK";
  g_autofree char *long_line = NULL;
  guint speed;

  g_assert_cmpint (dt_at_result_parse (buffer, 4, NULL), ==, DT_AT_RESULT_BUSY);
  g_assert_cmpint (dt_at_result_parse (buffer + 4, 2, NULL), ==, DT_AT_RESULT_OK);
  g_assert_cmpint (dt_at_result_parse ("O\0K", 3, NULL), ==, DT_AT_RESULT_UNKNOWN);
  g_assert_cmpint (dt_at_result_parse ("OK\0", 3, NULL), ==, DT_AT_RESULT_OK);
  g_assert_cmpint (dt_at_result_parse (NULL, 0, NULL), ==, DT_AT_RESULT_UNKNOWN);

  long_line = g_strnfill (DT_AT_RESULT_MAX_LINE + 1, ' ');
  memcpy (long_line, "CONNECT 33600", 13);
  memset (long_line + 13, 'x', DT_AT_RESULT_MAX_LINE + 1 - 13);
  g_assert_cmpint (dt_at_result_parse (long_line, DT_AT_RESULT_MAX_LINE + 1, &speed), ==,
                   DT_AT_RESULT_UNKNOWN);
  g_assert_cmpuint (speed, ==, 0);
  g_assert_cmpint (dt_at_result_parse (long_line, DT_AT_RESULT_MAX_LINE, &speed), ==,
                   DT_AT_RESULT_CONNECT);
  g_assert_cmpuint (speed, ==, 33600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/modem/result/table", test_table);
  g_test_add_func ("/modem/result/final", test_final_results);
  g_test_add_func ("/modem/result/lengths", test_lengths);

  return g_test_run ();
}
