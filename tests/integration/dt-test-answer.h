/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the tests in which the test ISP's guest calls a DtAnswer (tests/isp/README.md,
 * "A caller"): dial-in accounts in incoming.ini and the keyring, the guest's caller armed on
 * a line with AT#CALLER, and a record of the answering side's states, details and refusals. */
#pragma once

#include "dt-answer.h"
#include "dt-test-isp.h"

G_BEGIN_DECLS

typedef struct {
  DtTestIsp *isp;
  char *path;
  guint line;
  char *server_address;      /* 10.77.LINE.1: each line its own network in the guest */
  char *caller_address;      /* 10.77.LINE.2, the pool's one address */
  char *dir;
  DtIncoming *incoming;
  DtAnswer *answer;
  goffset log_offset;
  GArray *states;
  GPtrArray *details;
  GPtrArray *refused;        /* "user code" */
} DtTestAnswer;

/* A line of the ISP and incoming.ini with the accounts alice (wonderland), dialtone
 * (dialtone-secret; called back at a number it gives) and mallory (disabled), their passwords
 * in the keyring.  The addresses are the line's own (10.77.LINE.0/24): callers on two lines at
 * once must not share a route in the guest.  FALSE, with the test skipped, without the ISP. */
gboolean     dt_test_answer_set_up    (DtTestAnswer *t);
void         dt_test_answer_tear_down (DtTestAnswer *t);
/* Arms the guest's caller with @profile on the line, then answers with a DtAnswer. */
void         dt_test_answer_call_in   (DtTestAnswer *t,
                                       const char   *profile,
                                       DtNetworkMode mode);
/* Runs the main loop until the answering side reached @state @count times, or @seconds. */
gboolean     dt_test_answer_wait_for  (DtTestAnswer *t,
                                       guint         state,
                                       guint         count,
                                       guint         seconds);
/* The detail of the first (or last) time the answering side reached @state, or NULL. */
const char  *dt_test_answer_detail    (DtTestAnswer *t,
                                       guint         state,
                                       gboolean      last);
/* Whether the guest's log, since the call began, has the line "lineN @text". */
gboolean     dt_test_answer_guest_said (DtTestAnswer *t,
                                        const char   *text,
                                        guint         timeout_ms);

/* Call once in main(), before the tests run: G_MESSAGES_DEBUG=all, and from then on every GLib
 * message (the debug ones recorded, not printed) and every answer's log line (with the PPP
 * trace) kept for dt_test_answer_logged(). */
void         dt_test_answer_record_logs (void);
/* All that was logged since dt_test_answer_record_logs(), one message a line. */
const char  *dt_test_answer_logged      (void);

G_END_DECLS
