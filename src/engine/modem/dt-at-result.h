/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Hayes result-code parser: one line from a modem (verbose "NO CARRIER", numeric "3", a
 * CONNECT line with its speed and protocol suffixes, or anything else a modem or a noisy line
 * can produce) becomes a kind and a speed, and a failing kind becomes its RAS error code.  It
 * has no state and allocates nothing, so that the dialog in dt-modem.c and the fuzzer share
 * exactly the same code. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DT_AT_RESULT_UNKNOWN,       /* not a result code: an echoed command, noise, garbage */
  DT_AT_RESULT_INFO,          /* an intermediate report: CARRIER, PROTOCOL:, DIALING, +MRR: … */
  DT_AT_RESULT_RING,          /* unsolicited: an incoming call */
  DT_AT_RESULT_OK,
  DT_AT_RESULT_CONNECT,
  DT_AT_RESULT_NO_CARRIER,
  DT_AT_RESULT_ERROR,
  DT_AT_RESULT_NO_DIALTONE,   /* also NO DIAL TONE, NO LINE, LINE IN USE */
  DT_AT_RESULT_BUSY,
  DT_AT_RESULT_NO_ANSWER,
  DT_AT_RESULT_DELAYED,       /* the modem refuses to redial yet (national blacklisting rules) */
  DT_AT_RESULT_BLACKLISTED,   /* the modem refuses to dial this number until it is reset */
  DT_AT_RESULT_VOICE,
  DT_AT_RESULT_FAX,
} DtAtResultKind;

/* Longest line the parser looks at; longer lines are garbage by definition. */
#define DT_AT_RESULT_MAX_LINE 256

DtAtResultKind  dt_at_result_parse          (const char     *line,
                                             gsize           length,
                                             guint          *speed);
gboolean        dt_at_result_is_final       (DtAtResultKind  kind);
guint           dt_at_result_to_ras_error   (DtAtResultKind  kind);
const char     *dt_at_result_kind_to_string (DtAtResultKind  kind);

G_END_DECLS
