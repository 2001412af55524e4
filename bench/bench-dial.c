/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a dial takes against the test ISP (pppd in the QEMU guest): from CONNECT (the
 * modem's DeviceConnected) to Connected, which is PPP's share (LCP, authentication, IPCP),
 * and from OpenPort to Connected.  Prints figures; asserts nothing.
 * Usage: bench-dial [dials per number, default 5] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dt-connection.h"
#include "dt-test-isp.h"

typedef struct {
  gint64 open_port;
  gint64 device_connected;
  gint64 connected;
  gboolean done;
} Timing;

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Timing       *t)
{
  gint64 now = g_get_monotonic_time ();

  if (state == DT_CONN_STATE_OPEN_PORT)
    t->open_port = now;
  else if (state == DT_CONN_STATE_DEVICE_CONNECTED)
    t->device_connected = now;
  else if (state == DT_CONN_STATE_CONNECTED)
    t->connected = now;
  if (dt_conn_state_is_terminal (state))
    t->done = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  printf ("%-34s min %7.1f ms   median %7.1f ms   max %7.1f ms   (n=%u)\n", what,
          g_array_index (ms, double, 0), g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, ms->len - 1), ms->len);
}

static void
bench_number (DtTestIsp  *isp,
              const char *line,
              const char *number,
              const char *label,
              guint       n)
{
  g_autoptr (GArray) ppp = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) whole = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtConnection) connection = dt_connection_new ();
      g_autoptr (DtEntry) entry = dt_entry_new ();
      g_autoptr (DtCredentials) credentials =
        dt_credentials_new ("dialtone", "dialtone-secret", NULL);
      Timing t = { 0 };
      double a, b;

      dt_entry_set_name (entry, "Bench");
      dt_entry_set_device (entry, line);
      dt_entry_set_number (entry, number);
      /* 5550110's pppd takes PAP only, as its entry says (otherwise the first call asks for
       * more and the second takes PAP). */
      if (g_str_equal (number, "5550110"))
        dt_entry_set_auth_methods (entry, DT_AUTH_PAP);
      dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
      g_signal_connect (connection, "state-changed", G_CALLBACK (on_state_changed), &t);
      dt_connection_dial_async (connection, entry, credentials, NULL, NULL, NULL);
      while (!t.done)
        g_main_context_iteration (NULL, TRUE);
      if (t.connected == 0)
        {
          fprintf (stderr, "bench-dial: %s did not connect: %s\n", number,
                   dt_connection_get_error_message (connection));
          exit (1);
        }
      a = (t.connected - t.device_connected) / 1000.0;
      b = (t.connected - t.open_port) / 1000.0;
      g_array_append_val (ppp, a);
      g_array_append_val (whole, b);

      t.done = FALSE;
      dt_connection_hang_up (connection);
      while (!t.done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handlers_disconnect_by_data (connection, &t);
    }
  printf ("%s\n", label);
  report ("  CONNECT to Connected (PPP)", ppp);
  report ("  OpenPort to Connected", whole);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5;
  g_autofree char *reason = NULL;
  g_autofree char *line = NULL;
  DtTestIsp *isp;

  if (n == 0)
    n = 1;
  if (!dt_test_isp_available (&reason))
    {
      fprintf (stderr, "bench-dial: %s\n", reason);
      return 77;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  printf ("bench-dial: test ISP booted in %" G_GINT64_FORMAT " ms (%s); %u dials per number\n",
          dt_test_isp_get_boot_ms (isp), dt_test_isp_get_accel (isp), n);
  bench_number (isp, line, "5550113", "no authentication (5550113)", n);
  bench_number (isp, line, "5550110", "PAP (5550110)", n);
  bench_number (isp, line, "5550112", "MS-CHAPv2 (5550112)", n);
  dt_test_isp_release_line (isp, line);
  return 0;
}
