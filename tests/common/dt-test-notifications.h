/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The desktop's notification server, played by a test on its session bus. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plays org.freedesktop.Notifications on the session bus (it must be free); each Notify is
 * recorded as "summary|body".  Once a process. */
void     dt_test_serve_notifications  (void);
/* Whether a notification recorded since the last dt_test_forget_notifications() starts with
 * @prefix. */
gboolean dt_test_notified             (const char *prefix);
void     dt_test_forget_notifications (void);

G_END_DECLS
