/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the Hayes result-code parser (dt-at-result.c), which sees every line
 * a modem, or whatever sits on the line instead of one, sends.  The input is parsed whole
 * and line by line, as DtAtDialog cuts it; the parser must never read out of bounds, and
 * its answers must hang together. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dt-at-result.h"

static void
check_line (const char *line,
            size_t      length)
{
  guint speed = 0;
  DtAtResultKind kind = dt_at_result_parse (line, length, &speed);
  guint code = dt_at_result_to_ras_error (kind);

  g_assert_cmpint (kind, >=, DT_AT_RESULT_UNKNOWN);
  g_assert_cmpint (kind, <=, DT_AT_RESULT_FAX);
  g_assert_cmpstr (dt_at_result_kind_to_string (kind), !=, "invalid");
  /* Only CONNECT and CARRIER (an INFO line) carry a rate. */
  if (speed != 0)
    g_assert_true (kind == DT_AT_RESULT_CONNECT || kind == DT_AT_RESULT_INFO);
  /* Failures are final, and only failures have a RAS code. */
  if (code != 0)
    g_assert_true (dt_at_result_is_final (kind) && kind > DT_AT_RESULT_CONNECT);
  else
    g_assert_true (kind <= DT_AT_RESULT_CONNECT);
  /* The same bytes give the same answer without an out pointer. */
  g_assert_cmpint (dt_at_result_parse (line, length, NULL), ==, kind);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  size_t start = 0;

  check_line (text, size);
  for (size_t i = 0; i <= size; i++)
    if (i == size || text[i] == '\r' || text[i] == '\n')
      {
        check_line (text + start, i - start);
        start = i + 1;
      }
  return 0;
}
