/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for data-plane tests that dial from an unprivileged g_test_trap_subprocess()
 * child on a line the parent holds. */
#pragma once

#include "dt-connection.h"
#include "dt-test-nm.h"

G_BEGIN_DECLS

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
void          dt_test_dial_child_hang_up (DtConnection    *connection);

G_END_DECLS
