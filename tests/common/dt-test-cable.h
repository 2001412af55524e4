/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A null-modem cable for tests: two pty pairs whose masters this process joins on the main
 * loop, so that what one slave's opener writes, the other's reads.  A master whose slave
 * nobody holds is left alone a while (it reports a hang-up at every poll), so that idle
 * sources still run. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtTestCable DtTestCable;

DtTestCable *dt_test_cable_new      (void);
void         dt_test_cable_free     (DtTestCable *self);
/* The device path of end 0 or 1. */
const char  *dt_test_cable_get_end  (DtTestCable *self,
                                     guint        end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestCable, dt_test_cable_free)

G_END_DECLS
