/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What test-dial and test-dial-errors share: the real app run with --no-network against the
 * test ISP, a real gnome-keyring-daemon on a private bus, a phonebook of ISP entries on the
 * line this process acquired (and one on a line proxy, for an ISP a test reboots), the
 * notification server played by the test, and the steps a user takes to dial. */
#pragma once

#include "dt-connect-dialog.h"
#include "dt-test-gui.h"
#include "dt-test-isp.h"
#include "dt-test-line-proxy.h"
#include "dt-window.h"

G_BEGIN_DECLS

#define ISP_PASSWORD "dialtone-secret"

/* The state the tests share, set up by dt_test_dial_run(). */
extern DtApplication *app;
extern DtWindow *window;           /* the main window (a test may close it and open another) */
extern DtTestIsp *isp;
extern char *line;                 /* this process's line of the ISP */
extern guint line_number;
extern DtTestLineProxy *reboot_line; /* the serial line to an ISP the test reboots */

/* main(): the keyring, the ISP line, the phonebook and the notification server; then
 * @add_tests, and the tests inside the app's main loop.  Returns the app's status. */
int              dt_test_dial_run            (int                *argc,
                                              char             ***argv,
                                              void              (*add_tests) (void));

/* Clicks the row's Connect button; returns the Connect dialog. */
DtConnectDialog *dt_test_dial_open_connect   (const char         *name);
/* …then types @password and clicks Dial, and waits until the dialog is freed. */
void             dt_test_dial_with_password  (const char         *name,
                                              const char         *password);
/* A DtTestCondition: the row of the entry named @name (a const char *) shows no state and
 * offers Connect. */
gboolean         dt_test_dial_row_is_idle    (gconstpointer       name);

/* How many times @needle is in this line's ISP log since @offset. */
guint            dt_test_dial_count_in_log   (goffset             offset,
                                              const char         *needle);
typedef struct {
  goffset offset;
  const char *needle;
  guint n;
} DtTestLogWant;
/* A DtTestCondition: the log has @needle (a DtTestLogWant) at least n times. */
gboolean         dt_test_dial_log_has        (gconstpointer       want);

/* The progress dialog's label at every change since the last reset, against @expected
 * (NULL-terminated). */
void             dt_test_dial_assert_labels  (const char * const *expected);

G_END_DECLS
