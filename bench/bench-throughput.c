/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The data plane at the limits of the line: a dial to the test ISP (pppd in the QEMU guest)
 * with a real NetworkManager in its own namespace, then HTTP downloads from the guest's web
 * server through the TUN device, at CONNECT 33600 (4,200 bytes a second: the test ISP's modem
 * paces its line like a V.42 modem).  Prints, for each download, the payload rate as a share
 * of the line's byte rate, Dialtone's CPU time per second of line, and its wake-ups per
 * second; and the wake-ups of the process disconnected and connected-idle.  The downloads:
 *   - /random.bin, incompressible, with Linux's TCP timestamps (as a desktop sends them),
 *     which change every segment and so defeat Van Jacobson compression (RFC 1144 §3.2.2);
 *   - /random.bin again with TCP timestamps off in the namespace (as Windows does by default);
 *   - /text.html, 320 KB of prose, which Deflate compresses.
 * Needs root (namespaces).  Asserts nothing.
 * Usage: bench-throughput [--no-compression] [bytes of random data, default 262144] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt-bench-wakeups.h"
#include "dt-connection.h"
#include "dt-test-isp.h"
#include "dt-test-nm.h"

#define TIMESTAMPS "/proc/sys/net/ipv4/tcp_timestamps"

static double line_rate;

static void
on_dial_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!dt_connection_dial_finish (DT_CONNECTION (object), result, error) && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "dial failed");
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "connected");
}

/* A sysctl of this network namespace (the sandbox's, where curl runs). */
static void
set_timestamps (const char *value)
{
  FILE *f = fopen (TIMESTAMPS, "w");

  if (f == NULL || fputs (value, f) < 0 || fclose (f) != 0)
    fprintf (stderr, "bench-throughput: cannot write %s\n", TIMESTAMPS);
}

/* One download of @url (a @range, or all of it) through @interface; prints its figures. */
static void
download (DtConnection *connection,
          const char   *what,
          const char   *url,
          const char   *range,
          gboolean      compressible)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnStatus) before = dt_connection_get_status (connection);
  g_autoptr (DtConnStatus) after = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  guint64 w0 = dt_bench_wakeups_main_loop (), s0 = dt_bench_wakeups_context_switches ();
  double cpu0 = dt_bench_cpu_seconds (), cpu1, seconds, bytes, rate;
  gint64 t0 = g_get_monotonic_time ();

  for (const char *const *a = (const char *const[]) { "curl", "-s", "-o", "/dev/null", "-w",
                                                       "%{size_download}", "--max-time", "900",
                                                       "--interface", NULL };
       *a != NULL; a++)
    g_ptr_array_add (args, (gpointer) *a);
  g_ptr_array_add (args, before->interface);
  if (range != NULL)
    {
      g_ptr_array_add (args, "-r");
      g_ptr_array_add (args, (gpointer) range);
    }
  g_ptr_array_add (args, (gpointer) url);
  g_ptr_array_add (args, NULL);
  out = dt_test_nm_runv ((const char *const *) args->pdata, &error);
  seconds = (g_get_monotonic_time () - t0) / 1e6;
  cpu1 = dt_bench_cpu_seconds ();
  if (out == NULL)
    {
      fprintf (stderr, "bench-throughput: curl: %s\n", error->message);
      exit (1);
    }
  after = dt_connection_get_status (connection);
  bytes = g_ascii_strtod (out, NULL);
  rate = bytes / seconds;
  printf ("%s: %.0f bytes in %.1f s\n", what, bytes, seconds);
  if (compressible)
    printf ("  payload rate             %7.0f B/s, %.2f x the line's %.0f B/s\n", rate,
            rate / line_rate, line_rate);
  else
    printf ("  payload rate             %7.0f B/s, %.1f %% of the line's %.0f B/s\n", rate,
            100 * rate / line_rate, line_rate);
  printf ("  line bytes received      %7" G_GUINT64_FORMAT " (%.1f %% of the payload)\n",
          after->bytes_in - before->bytes_in,
          100.0 * (after->bytes_in - before->bytes_in) / bytes);
  printf ("  Dialtone CPU             %7.3f s, %.2f %% of one core per second of line\n",
          cpu1 - cpu0, 100 * (cpu1 - cpu0) / seconds);
  printf ("  wake-ups                 %7.1f /s (main loop), %.1f /s (context switches)\n",
          (dt_bench_wakeups_main_loop () - w0) / seconds,
          (dt_bench_wakeups_context_switches () - s0) / seconds);
  fflush (stdout);
}

static DtConnection *
dial (DtTestIsp  *isp,
      const char *line,
      gboolean    compression)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("dialtone", "dialtone-secret",
                                                              NULL);
  DtConnection *connection = dt_connection_new ();
  GError *dial_error = NULL;

  dt_entry_set_name (entry, "Bench");
  dt_entry_set_device (entry, line);
  dt_entry_set_number (entry, "5550113");
  dt_entry_set_default_gateway (entry, FALSE);
  dt_entry_set_compression (entry, compression);
  dt_connection_dial_async (connection, entry, credentials, NULL, on_dial_done, &dial_error);
  while (dial_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_error_matches (dial_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      fprintf (stderr, "bench-throughput: %s\n", dial_error->message);
      exit (1);
    }
  g_clear_error (&dial_error);
  return connection;
}

int
main (int   argc,
      char *argv[])
{
  gboolean compression = !(argc > 1 && g_str_equal (argv[1], "--no-compression"));
  guint64 size = argc > 1 + !compression ? g_ascii_strtoull (argv[1 + !compression], NULL, 10)
                                         : 262144;
  g_autoptr (DtTestNm) nm = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *reason = NULL, *line = NULL, *range = NULL, *timestamps = NULL;
  DtTestIsp *isp;
  double idle, switches;

  dt_bench_wakeups_install ();
  nm = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &error);
  if (nm == NULL)
    {
      fprintf (stderr, "bench-throughput: %s\n", error->message);
      return 77;
    }
  if (!dt_test_isp_available (&reason))
    {
      fprintf (stderr, "bench-throughput: %s\n", reason);
      return 77;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  g_file_get_contents (TIMESTAMPS, &timestamps, NULL, NULL);

  idle = dt_bench_wakeups_measure_idle (5, &switches);
  printf ("bench-throughput: ISP %s, compression %s\n", dt_test_isp_get_accel (isp),
          compression ? "on" : "off");
  printf ("disconnected: %.1f wake-ups/s (main loop), %.1f /s (context switches)\n", idle,
          switches);

  connection = dial (isp, line, compression);
  status = dt_connection_get_status (connection);
  line_rate = status->link_speed / 8.0;
  idle = dt_bench_wakeups_measure_idle (30, &switches);
  printf ("connected, idle (LCP echo every %u s each way): %.2f wake-ups/s (main loop), "
          "%.2f /s (context switches)\n", 10u, idle, switches);
  fflush (stdout);

  range = g_strdup_printf ("0-%" G_GUINT64_FORMAT, size - 1);
  download (connection, "random data, TCP timestamps on", "http://10.64.0.1/random.bin", range,
            FALSE);
  set_timestamps ("0\n");
  download (connection, "random data, TCP timestamps off", "http://10.64.0.1/random.bin", range,
            FALSE);
  set_timestamps (timestamps != NULL ? timestamps : "1\n");
  download (connection, "text (/text.html)", "http://10.64.0.1/text.html", NULL, TRUE);

  dt_connection_hang_up (connection);
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  dt_test_isp_release_line (isp, line);
  return 0;
}
