/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Access to the test ISP (tests/isp: pppd 2.4.9 behind an emulated Hayes modem in a QEMU
 * guest) for test programs.  A suite run under `tests/isp/dialtone-isp run -- …` shares one
 * guest through $DIALTONE_TEST_ISP; a test run on its own boots a private guest, stopped at
 * exit, and by the launcher's watchdog if the test aborts.  Lines are handed out with a
 * per-line lock, so test processes running in parallel never share a modem line. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtTestIsp DtTestIsp;

/* FALSE (with a reason) when this machine cannot run the ISP at all: no QEMU.  Tests skip
 * then.  Any other failure to boot is a test failure. */
gboolean dt_test_isp_available (char **reason);

/* The suite's shared ISP, or a private one for this process.  Aborts the test if the ISP
 * does not come up.  Owned by the library; valid until exit. */
DtTestIsp *dt_test_isp_get (void);

/* A guest of the test's own, whatever $DIALTONE_TEST_ISP says, for a test that kills it; its
 * launcher's watchdog stops it if the test dies.  dt_test_isp_free() stops it. */
DtTestIsp *dt_test_isp_start_private (void);
/* SIGKILL to a private guest's QEMU: its modems and pppd vanish, and so do the lines' ptys,
 * as a power cut would take them. */
void dt_test_isp_kill (DtTestIsp *self);
void dt_test_isp_free (DtTestIsp *self);

const char *dt_test_isp_get_state_dir (DtTestIsp *self);
guint dt_test_isp_get_n_lines (DtTestIsp *self);
const char *dt_test_isp_get_line_path (DtTestIsp *self, guint line);
/* 1..n for a line's pty path or its name ("line2"); 0 if neither. */
guint dt_test_isp_get_line_number (DtTestIsp *self, const char *line);
gint64 dt_test_isp_get_boot_ms (DtTestIsp *self);
const char *dt_test_isp_get_accel (DtTestIsp *self);
/* "built" or "reused": what the boot did with the cached guest image. */
const char *dt_test_isp_get_image_status (DtTestIsp *self);
const char *dt_test_isp_get_auth (DtTestIsp *self);

/* A line no other test process holds, in command mode with factory settings (its modem
 * answered ATZ with OK).  Blocks while every line is taken.  Free with g_free. */
char *dt_test_isp_acquire_line (DtTestIsp *self);
void dt_test_isp_release_line (DtTestIsp *self, const char *path);
/* A GSpawnChildSetupFunc for a program that dials a line: it gets SIGTERM (and hangs up)
 * when the test that started it dies, so that a failed test does not leave it holding the
 * line's port lock for the tests after it. */
void dt_test_isp_child_dies_with_parent (gpointer user_data);

/* The log lines that name this line (a path or "lineN"): the modem's events and pppd's
 * debug trace ("lineN pppd: rcvd [LCP TermReq id=0x2 …]"), since the guest booted, or
 * since `offset` (a value of dt_test_isp_get_log_offset taken earlier).  With line NULL,
 * the whole guest console. */
char *dt_test_isp_read_log (DtTestIsp *self, const char *line);
goffset dt_test_isp_get_log_offset (DtTestIsp *self);
char *dt_test_isp_read_log_since (DtTestIsp *self, const char *line, goffset offset);
/* The first @len bytes of the guest's /random.bin (its web server's incompressible file):
 * SHA-256 in counter mode, as tests/isp/build-image makes them. */
GBytes *dt_test_isp_random_bin (gsize len);
/* Waits up to timeout_ms for `needle` in this line's log after `offset`. */
gboolean dt_test_isp_wait_log (DtTestIsp *self,
                               const char *line,
                               goffset offset,
                               const char *needle,
                               guint timeout_ms);

/* Small helpers for talking to a line directly: a raw, non-blocking fd; writing a string;
 * reading until `needle` shows up (TRUE) or the timeout passes (FALSE).  Everything read is
 * appended to `got` when it is not NULL. */
int dt_test_isp_open_line (const char *path);
void dt_test_isp_send (int fd, const char *text);
gboolean dt_test_isp_expect (int fd, const char *needle, guint timeout_ms, GString *got);

G_END_DECLS
