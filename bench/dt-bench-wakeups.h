/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How often a benchmark's process wakes up, two ways: the main loop's own wake-ups (each
 * poll() that slept and came back: what a timer or a ready fd costs, not the polls that
 * return at once), counted by wrapping the default main context's poll function; and the kernel's count of the times any thread of
 * the process was switched back in (voluntary and involuntary context switches, summed over
 * /proc/self/task), which also sees wake-ups that poll() swallowed without returning. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wraps the default main context's poll function; call once, before the loop runs. */
void    dt_bench_wakeups_install          (void);
/* Main-loop wake-ups so far: poll() calls that slept (timed out, or waited over 0.1 ms). */
guint64 dt_bench_wakeups_main_loop        (void);
/* Context switches of every thread of this process so far. */
guint64 dt_bench_wakeups_context_switches (void);
/* CPU time (user and system) of this process so far, in seconds. */
double  dt_bench_cpu_seconds              (void);

/* Runs the default main context for @seconds and returns the main-loop wake-ups per second
 * in that time (and the context switches per second in *@switches, if not NULL). */
double  dt_bench_wakeups_measure_idle     (double   seconds,
                                           double  *switches);

G_END_DECLS
