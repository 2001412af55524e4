/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Wake-up counting for the benchmarks: see dt-bench-wakeups.h. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "dt-bench-wakeups.h"

static GPollFunc real_poll;
static guint64 wakeups;

/* A poll() that slept: it timed out, or took long enough that it waited for something.  One
 * that returns at once is not a wake-up: GLib signals its own eventfd around each dispatch
 * (twice, in 2.74), so every wake-up is followed by such polls. */
#define SLEPT_US 100

static gint
counting_poll (GPollFD *fds,
               guint    n_fds,
               gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint r = real_poll (fds, n_fds, timeout);

  if (timeout != 0 && (r == 0 || g_get_monotonic_time () - start > SLEPT_US))
    wakeups++;
  return r;
}

void
dt_bench_wakeups_install (void)
{
  GMainContext *context = g_main_context_default ();

  if (real_poll != NULL)
    return;
  real_poll = g_main_context_get_poll_func (context);
  g_main_context_set_poll_func (context, counting_poll);
}

guint64
dt_bench_wakeups_main_loop (void)
{
  return wakeups;
}

static guint64
switches_of (const char *status_path)
{
  g_autofree char *text = NULL;
  guint64 total = 0;
  const char *keys[] = { "voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:" };

  if (!g_file_get_contents (status_path, &text, NULL, NULL))
    return 0;
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *p = strstr (text, keys[k]);

      if (p != NULL)
        total += g_ascii_strtoull (p + strlen (keys[k]), NULL, 10);
    }
  return total;
}

guint64
dt_bench_wakeups_context_switches (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint64 total = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "status", NULL);

      total += switches_of (path);
    }
  return total;
}

double
dt_bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
on_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

double
dt_bench_wakeups_measure_idle (double  seconds,
                               double *switches)
{
  gboolean done = FALSE;
  guint64 w0, s0;
  gint64 t0;
  double elapsed;

  w0 = wakeups;
  s0 = dt_bench_wakeups_context_switches ();
  t0 = g_get_monotonic_time ();
  g_timeout_add ((guint) (seconds * 1000), on_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - t0) / 1e6;
  /* The benchmark's own timer woke the loop once: not the engine's. */
  if (switches != NULL)
    *switches = (dt_bench_wakeups_context_switches () - s0 - 1) / elapsed;
  return (wakeups - w0 - 1) / elapsed;
}
