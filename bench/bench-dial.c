/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a dial takes against the test ISP (pppd in the QEMU guest): from CONNECT (the
 * modem's DeviceConnected) to Connected, which is PPP's share (LCP, authentication, IPCP),
 * next to the same span for a minimal reference client (dt-bench-ref-client.c) dialing the
 * same line in the same run, dial for dial in turn, as a ratio; and from OpenPort to
 * Connected.  Prints figures; asserts nothing.
 * Usage: bench-dial [dials per number, default 5]
 * BENCH_DIAL_TRACE=1 prints Dialtone's trace to stderr, in ms from CONNECT. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "dt-bench-ref-client.h"
#include "dt-connection.h"
#include "dt-test-isp.h"

typedef struct {
  gint64 open_port;
  gint64 device_connected;
  gint64 first_request;     /* the server's first LCP Configure-Request, from the trace */
  gint64 connected;
  gboolean done;
} Timing;

static void
on_log (DtConnection *connection,
        const char   *line,
        Timing       *t)
{
  gint64 now = g_get_monotonic_time ();

  if (t->first_request == 0 && strstr (line, "rcvd [LCP ConfReq") != NULL)
    t->first_request = now;
  if (g_getenv ("BENCH_DIAL_TRACE") != NULL)
    fprintf (stderr, "%8.1f %s\n",
             t->device_connected ? (now - t->device_connected) / 1000.0 : 0.0, line);
}

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

/* Prints the figures and returns the median. */
static double
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  printf ("%-36s min %7.1f ms   median %7.1f ms   max %7.1f ms   (n=%u)\n", what,
          g_array_index (ms, double, 0), g_array_index (ms, double, ms->len / 2),
          g_array_index (ms, double, ms->len - 1), ms->len);
  return g_array_index (ms, double, ms->len / 2);
}

static double
reference_dial (const char *line,
                const char *number,
                double     *from_server)
{
  g_autoptr (GError) error = NULL;
  int fd = dt_test_isp_open_line (line);
  double ms;

  if (fd < 0)
    {
      fprintf (stderr, "bench-dial: cannot open %s\n", line);
      exit (1);
    }
  ms = dt_bench_ref_client_dial (fd, number, "dialtone", "dialtone-secret", from_server,
                                 &error);
  close (fd);
  if (ms < 0)
    {
      fprintf (stderr, "bench-dial: the reference client failed: %s\n", error->message);
      exit (1);
    }
  return ms;
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
  g_autoptr (GArray) ref = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ppp_ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ppp_ref = g_array_new (FALSE, FALSE, sizeof (double));
  double ours, theirs, pair;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtConnection) connection = dt_connection_new ();
      g_autoptr (DtEntry) entry = dt_entry_new ();
      g_autoptr (DtCredentials) credentials =
        dt_credentials_new ("dialtone", "dialtone-secret", NULL);
      Timing t = { 0 };
      double a, b, r = 0, s, q = 0;

      /* Every other time the reference dials first: neither client always follows the
       * other's hang-up (pppd's exit in the guest). */
      if (i % 2 == 1)
        r = reference_dial (line, number, &q);

      dt_entry_set_name (entry, "Bench");
      dt_entry_set_device (entry, line);
      dt_entry_set_number (entry, number);
      /* 5550110's pppd takes PAP only, as its entry says (otherwise the first call asks for
       * more and the second takes PAP). */
      if (g_str_equal (number, "5550110"))
        dt_entry_set_auth_methods (entry, DT_AUTH_PAP);
      dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
      g_signal_connect (connection, "state-changed", G_CALLBACK (on_state_changed), &t);
      g_signal_connect (connection, "log", G_CALLBACK (on_log), &t);
      dt_connection_set_trace (connection, TRUE);
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
      s = (t.connected - t.first_request) / 1000.0;
      g_array_append_val (ppp, a);
      g_array_append_val (whole, b);
      g_array_append_val (ppp_ours, s);

      t.done = FALSE;
      dt_connection_hang_up (connection);
      while (!t.done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handlers_disconnect_by_data (connection, &t);

      if (i % 2 == 0)
        r = reference_dial (line, number, &q);
      g_array_append_val (ref, r);
      g_array_append_val (ppp_ref, q);
      pair = a / r;
      g_array_append_val (pairs, pair);
    }
  printf ("%s\n", label);
  ours = report ("  Dialtone: CONNECT to Connected", ppp);
  theirs = report ("  reference client: CONNECT to IPCP", ref);
  g_array_sort (pairs, compare_doubles);
  /* Each dial next to the reference's right after it: a machine that slows down between
   * dials (QEMU under load) weighs less on that median than on the medians apart. */
  printf ("  ratio Dialtone / reference          %.2f of the medians, %.2f dial for dial "
          "(median) (goal <= 1.0)\n", ours / theirs,
          g_array_index (pairs, double, pairs->len / 2));
  /* From the server's first request on, pppd's own start (a few hundred ms of a TCG guest,
   * as random for either client) is out of the figures: what is left is the protocol. */
  ours = report ("  Dialtone: server's first request to Connected", ppp_ours);
  theirs = report ("  reference: server's first request to IPCP", ppp_ref);
  printf ("  ratio Dialtone / reference          %.2f of the medians\n", ours / theirs);
  report ("  Dialtone: OpenPort to Connected", whole);
  fflush (stdout);
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
  bench_number (isp, line, "5550111", "CHAP-MD5 (5550111)", n);
  bench_number (isp, line, "5550112", "MS-CHAPv2 (5550112)", n);
  dt_test_isp_release_line (isp, line);
  return 0;
}
