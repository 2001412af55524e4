/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the data-plane tests (test-dataplane, test-dataplane-nm): a NetworkManager sandbox of
 * their own, and a dial of the real ISP (5550110, PAP) that goes online through it: a device
 * with the address pppd assigned, not the default gateway, LCP echoes every 5 s. */
#pragma once

#include <sys/types.h>

#include "dt-test-dial.h"

G_BEGIN_DECLS

#define DT_TEST_DATAPLANE_USER "dialtone"
#define DT_TEST_DATAPLANE_PASSWORD "dialtone-secret"

typedef struct {
  DtTestDialCall call;       /* with NetworkManager (DT_NETWORK_AUTO), the entry's own dial
                              * timeout */
  gboolean dial_ok;
  GError *dial_error;
  pid_t stopped_nm;          /* NetworkManager, stopped by the test (SIGSTOP) */
} DtTestDataplane;

/* In main(), after g_test_init(): starts a private sandbox (tests restart NetworkManager and
 * stop it), or in a g_test_trap_subprocess() child joins the parent's.  NULL where sandboxes
 * cannot run (not root): the tests skip. */
DtTestNm *dt_test_dataplane_start_nm    (void);
/* The fixture's set-up and tear-down; set-up skips the test without the sandbox or the ISP,
 * and leaves call.isp NULL then. */
void      dt_test_dataplane_set_up      (DtTestDataplane *f,
                                         gconstpointer    data);
void      dt_test_dataplane_tear_down   (DtTestDataplane *f,
                                         gconstpointer    data);
/* Dials the entry with the ISP's password; the outcome in dial_ok and dial_error. */
void      dt_test_dataplane_dial        (DtTestDataplane *f);
/* Runs a command in the sandbox (dt_test_nm_runv()), asserts that it succeeded, and returns
 * its standard output. */
char     *dt_test_dataplane_run         (const char      *argv0,
                                         ...) G_GNUC_NULL_TERMINATED;

#define DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS(f) \
  G_STMT_START { if ((f)->call.isp == NULL) return; } G_STMT_END

/* A test case on the shared fixture: set up with a dial call, torn down after it. */
#define DT_TEST_DATAPLANE_ADD(path, func) \
  g_test_add (path, DtTestDataplane, NULL, dt_test_dataplane_set_up, func, \
              dt_test_dataplane_tear_down)

G_END_DECLS
