/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How often Dialtone's process wakes up when nothing happens: with no connection, and with a
 * connection up (to the test ISP, without a network device, so that it needs no root) but
 * idle, where the only traffic is LCP's keepalive (the entry's echo interval, and pppd's own
 * Echo-Requests every 10 s).  Prints main-loop wake-ups and context switches per second, and
 * the CPU time; asserts nothing.
 * Usage: bench-idle [seconds of each measurement, default 30] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dt-bench-wakeups.h"
#include "dt-connection.h"
#include "dt-test-isp.h"

static void
measure (const char *what,
         double      seconds)
{
  double cpu0 = dt_bench_cpu_seconds (), switches, wakeups;

  wakeups = dt_bench_wakeups_measure_idle (seconds, &switches);
  printf ("%-44s %6.2f wake-ups/s (main loop), %6.2f /s (context switches), CPU %.2f %%\n",
          what, wakeups, switches, 100 * (dt_bench_cpu_seconds () - cpu0) / seconds);
  fflush (stdout);
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  gboolean     *done)
{
  if (dt_conn_state_is_terminal (state))
    *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 30;
  g_autoptr (DtConnection) connection = dt_connection_new ();
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("dialtone", "dialtone-secret",
                                                              NULL);
  g_autofree char *reason = NULL, *line = NULL, *label = NULL;
  gboolean done = FALSE;
  DtTestIsp *isp;

  if (seconds <= 0)
    seconds = 30;
  dt_bench_wakeups_install ();
  if (!dt_test_isp_available (&reason))
    {
      fprintf (stderr, "bench-idle: %s\n", reason);
      return 77;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  printf ("bench-idle: ISP %s, %.0f s each\n", dt_test_isp_get_accel (isp), seconds);
  measure ("disconnected", seconds);

  dt_entry_set_name (entry, "Bench");
  dt_entry_set_device (entry, line);
  dt_entry_set_number (entry, "5550113");
  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  g_signal_connect (connection, "state-changed", G_CALLBACK (on_state_changed), &done);
  dt_connection_dial_async (connection, entry, credentials, NULL, NULL, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (dt_connection_get_state (connection) != DT_CONN_STATE_CONNECTED)
    {
      fprintf (stderr, "bench-idle: the dial failed: %s\n",
               dt_connection_get_error_message (connection));
      return 1;
    }
  label = g_strdup_printf ("connected, idle (LCP echo every %u s)",
                           dt_entry_get_lcp_echo_interval (entry));
  measure (label, seconds);
  dt_connection_hold_counters (connection);
  measure ("connected, idle, a status window shown", seconds);
  dt_connection_release_counters (connection);

  done = FALSE;
  dt_connection_hang_up (connection);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  dt_test_isp_release_line (isp, line);
  return 0;
}
