/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A serial line with faults on it, between the engine and a modem line of the test ISP: the
 * engine opens dt_test_line_proxy_get_device() (a pty) as its modem, and the proxy relays the
 * bytes both ways on the default main context.  On the way it can
 *   - flip bits while a call is up (from CONNECT until NO CARRIER or the escape), as noise on
 *     the phone line would, each direction at its own rate;
 *   - garble what the modem says in command mode (garbage for its answers, or half lines);
 *   - lose its modem line (an ISP that died) and take another (the ISP back after a reboot).
 * While it has no modem line, it answers as a local modem whose calls nobody picks up: OK to
 * any command, NO CARRIER to a dial. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtTestLineProxy DtTestLineProxy;

typedef enum {
  DT_TEST_GARBLE_NONE,
  DT_TEST_GARBLE_GARBAGE,      /* every answer replaced by as many random bytes, no line end */
  DT_TEST_GARBLE_HALF_LINES,   /* every answer cut in half, its line end dropped */
} DtTestGarble;

/* @upstream: the modem line's pty, or NULL for none yet. */
DtTestLineProxy *dt_test_line_proxy_new          (const char      *upstream);
void             dt_test_line_proxy_free         (DtTestLineProxy *self);
const char      *dt_test_line_proxy_get_device   (DtTestLineProxy *self);

/* Bit error rates (0 to 1) while a call is up; @seed makes a run repeatable. */
void             dt_test_line_proxy_set_noise    (DtTestLineProxy *self,
                                                  double           to_engine,
                                                  double           to_isp,
                                                  guint32          seed);
guint64          dt_test_line_proxy_get_flips    (DtTestLineProxy *self,
                                                  gboolean         to_engine);
void             dt_test_line_proxy_set_garble   (DtTestLineProxy *self,
                                                  DtTestGarble     garble);
/* Another modem line, or NULL.  The engine hears NO CARRIER first when a call was up. */
void             dt_test_line_proxy_set_upstream (DtTestLineProxy *self,
                                                  const char      *upstream);
/* Whether the modem line went away (its pty closed: the ISP died). */
gboolean         dt_test_line_proxy_lost_upstream (DtTestLineProxy *self);
gboolean         dt_test_line_proxy_is_online    (DtTestLineProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestLineProxy, dt_test_line_proxy_free)

G_END_DECLS
