/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Main-loop helpers for tests of asynchronous engine code: see dt-test-loop.c. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *dt_test_list_fds      (void);
int   dt_test_count_sources (gboolean      *has_timeout);
void  dt_test_wait          (GAsyncResult **result);
void  dt_test_sleep         (guint          ms);
void  dt_test_on_async_done (GObject       *source,
                             GAsyncResult  *result,
                             gpointer       user_data);

G_END_DECLS
