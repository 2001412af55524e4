/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real ModemManager (Debian 12's 1.20) for C tests, as /work/shared/notes measured it: a
 * private system bus, a stand-in for polkit (dt-test-polkit), and ModemManager in udev-less
 * mode inside a private mount namespace that gives it a sysfs entry for each announced pty
 * and one more rules file (ID_MM_CANDIDATE, ID_MM_PHYSDEV_UID=test-modem-0).  The test then
 * announces its pty with a kernel event, and ModemManager opens and probes it.
 *
 * Needs root (the mount namespace).  There is no skip: a harness that cannot start fails the
 * test, with the reason.  Everything goes away with the test program, even when it crashes. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The device uid the rules give every pty. */
#define DT_TEST_MM_UID "test-modem-0"

typedef struct _DtTestMm DtTestMm;

/* Starts the bus, the polkit stand-in and ModemManager, and exports the bus as
 * DBUS_SYSTEM_BUS_ADDRESS.  Call it in main(), before any thread exists. */
DtTestMm   *dt_test_mm_start          (GError      **error);
void        dt_test_mm_free           (DtTestMm     *self);

const char *dt_test_mm_get_bus_address (DtTestMm    *self);
char       *dt_test_mm_read_log       (DtTestMm     *self);

/* Announces /dev/pts/N to ModemManager (action=add), once per port. */
gboolean    dt_test_mm_announce       (DtTestMm     *self,
                                       const char   *device,
                                       GError      **error);
/* The object path of ModemManager's modem with device uid @uid, or NULL; @ports gets its
 * port names, each between spaces (" pts/3 pts/5 "). */
char       *dt_test_mm_find_modem     (DtTestMm     *self,
                                       const char   *uid,
                                       char        **ports);
/* Waits (the default main context running) until that modem is there, or gone. */
gboolean    dt_test_mm_wait_modem     (DtTestMm     *self,
                                       const char   *uid,
                                       gboolean      present,
                                       guint         timeout_ms);
/* The stand-in refuses every authorization from now on (or approves again). */
void        dt_test_mm_set_refuse     (DtTestMm     *self,
                                       gboolean      refuse);
/* SIGSTOP and SIGCONT: a ModemManager that stops answering. */
void        dt_test_mm_pause          (DtTestMm     *self,
                                       gboolean      paused);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestMm, dt_test_mm_free)

G_END_DECLS
