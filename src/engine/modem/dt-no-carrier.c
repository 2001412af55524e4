/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The in-band NO CARRIER scanner: see dt-no-carrier.h.  A byte at a time, across reads:
 * states count what matched of "<flag or start> CR/LF... NO CARRIER CR/LF". */

#include "config.h"

#include "dt-no-carrier.h"

#define TEXT "NO CARRIER"
#define TEXT_LEN (sizeof TEXT - 1)

enum {
  IDLE,           /* inside a frame, or after anything else */
  AFTER_FLAG,     /* a flag or the start of the data */
  AFTER_CRLF,     /* then one or more CR or LF */
  MATCHING,       /* then TEXT[0 .. state - MATCHING) */
  DONE = MATCHING + TEXT_LEN + 1,
};

void
dt_no_carrier_scanner_init (DtNoCarrierScanner *scanner)
{
  g_return_if_fail (scanner != NULL);
  scanner->state = AFTER_FLAG;
}

static guint
step (guint  state,
      guint8 c)
{
  gboolean eol = c == '\r' || c == '\n';

  if (c == 0x7e)
    return AFTER_FLAG;
  if (state == AFTER_FLAG || state == AFTER_CRLF)
    return eol ? AFTER_CRLF : state == AFTER_CRLF && c == TEXT[0] ? MATCHING + 1 : IDLE;
  if (state >= MATCHING && state < MATCHING + TEXT_LEN)
    return c == TEXT[state - MATCHING] ? state + 1 : IDLE;
  if (state == MATCHING + TEXT_LEN)
    return eol ? DONE : IDLE;
  return IDLE;
}

gboolean
dt_no_carrier_scan (DtNoCarrierScanner *scanner,
                    const guint8       *data,
                    gsize               length)
{
  g_return_val_if_fail (scanner != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length && scanner->state != DONE; i++)
    scanner->state = step (scanner->state, data[i]);
  return scanner->state == DONE;
}
