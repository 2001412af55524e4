/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the tests that dial with a DtConnection: dialing and hanging up on the main
 * loop, the states as a string, and checking that a dial left nothing behind; and for
 * data-plane tests that dial from an unprivileged g_test_trap_subprocess() child on a line
 * the parent holds. */
#pragma once

#include "dt-connection.h"
#include "dt-test-isp.h"
#include "dt-test-nm.h"

G_BEGIN_DECLS

/* Dials @entry and runs the default main context until the dial is over (Connected or not);
 * returns what dt_connection_dial_finish() said. */
gboolean      dt_test_dial_sync          (DtConnection    *connection,
                                          DtEntry         *entry,
                                          DtCredentials   *credentials,
                                          GError         **error);
/* Hangs up and runs the default main context until Disconnected. */
void          dt_test_dial_hang_up       (DtConnection    *connection);
/* "0 1 2 … 8192": @states, an array of guint. */
char         *dt_test_dial_format_states (GArray          *states);

/* What a dial must not leave behind: the process's file descriptors, and GSources.  Call
 * dt_test_dial_note_resources() before the dial, dt_test_dial_assert_nothing_left() after
 * it with the device it used (its UUCP lock must be gone too). */
typedef struct {
  int n_fds;
  guint first_source_id;
} DtTestResources;

void          dt_test_dial_note_resources      (DtTestResources *before);
void          dt_test_dial_assert_nothing_left (const DtTestResources *before,
                                                const char      *device);
/* The same but the descriptors, for a process where another thread opens some meanwhile (a
 * NetworkManager sandbox's D-Bus worker). */
void          dt_test_dial_assert_no_locks_or_sources (const DtTestResources *before,
                                                const char      *device);

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
} DtTestChildDial;

/* In the parent: acquires an ISP line, lets anyone open it, runs the child test @path on
 * it and asserts that the child passed.  Skips without a sandbox or the ISP. */
void          dt_test_dial_run_child     (DtTestNm        *nm,
                                          const char      *path);
/* In the child: dials the parent's line (5550110, PAP) and returns when the dial is over. */
DtConnection *dt_test_dial_child         (DtTestChildDial *d);

/* What the tests that dial a line of the test ISP share: the line, an entry "Test ISP" on it
 * (user "dialtone", 15 s to dial; no number), a connection without a network that traces PPP,
 * and the states it published, when, and their details. */
typedef struct {
  DtTestIsp *isp;
  char *line;
  guint line_number;
  goffset log_offset;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  GArray *times;             /* g_get_monotonic_time() of each state */
  GPtrArray *details;
  DtTestResources before;    /* noted before the entry and connection were made */
  gboolean check_nothing_left; /* dt_test_dial_call_tear_down() asserts it */
} DtTestDialCall;

/* Sets @call up; FALSE, with the test skipped, without the ISP. */
gboolean      dt_test_dial_call_set_up    (DtTestDialCall  *call);
/* Whether the ISP's log for the call's line shows @text since the call's set-up, within 5 s
 * (the guest's console may lag). */
gboolean      dt_test_dial_call_isp_said  (DtTestDialCall  *call,
                                           const char      *text);
/* Prints the connection's and the ISP's logs if the test failed, hangs up if the call is not
 * over, checks that the connection and the entry are freed (and, with check_nothing_left,
 * dt_test_dial_assert_nothing_left()), and releases the line. */
void          dt_test_dial_call_tear_down (DtTestDialCall  *call);

G_END_DECLS
