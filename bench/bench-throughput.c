/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bulk throughput through the whole data plane: a dial to the test ISP (pppd in the QEMU
 * guest) with a real NetworkManager in its own namespace, then an HTTP download of the
 * guest's /big.bin through the TUN device.  Prints the payload rate as a fraction of the
 * line's byte rate (the CONNECT speed, 33600 bit/s, at 8 bits a byte: the test ISP's modem
 * paces its line like a V.42 modem) and the CPU time the dialing process spent per second
 * of transfer.  Needs root (namespaces).
 * Usage: bench-throughput [bytes, default 262144] */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "dt-connection.h"
#include "dt-test-isp.h"
#include "dt-test-nm.h"

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

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

int
main (int   argc,
      char *argv[])
{
  guint64 size = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 262144;
  g_autoptr (DtTestNm) nm = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtCredentials) credentials = NULL;
  g_autoptr (DtConnStatus) before = NULL, after = NULL;
  g_autofree char *reason = NULL, *line = NULL, *range = NULL, *out = NULL;
  DtTestIsp *isp;
  GError *dial_error = NULL;
  gint64 t0, t1;
  double cpu0, cpu1, seconds, rate, line_rate;

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

  entry = dt_entry_new ();
  dt_entry_set_name (entry, "Bench");
  dt_entry_set_device (entry, line);
  dt_entry_set_number (entry, "5550113");
  dt_entry_set_default_gateway (entry, FALSE);
  credentials = dt_credentials_new ("dialtone", "dialtone-secret", NULL);
  connection = dt_connection_new ();
  dt_connection_dial_async (connection, entry, credentials, NULL, on_dial_done, &dial_error);
  while (dial_error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_error_matches (dial_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      fprintf (stderr, "bench-throughput: %s\n", dial_error->message);
      return 1;
    }
  g_clear_error (&dial_error);

  before = dt_connection_get_status (connection);
  range = g_strdup_printf ("0-%" G_GUINT64_FORMAT, size - 1);
  cpu0 = cpu_seconds ();
  t0 = g_get_monotonic_time ();
  out = dt_test_nm_run (&error, "curl", "-s", "-o", "/dev/null", "-w", "%{size_download}",
                        "--max-time", "600", "--interface", before->interface, "-r", range,
                        "http://10.64.0.1/big.bin", NULL);
  t1 = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();
  if (out == NULL)
    {
      fprintf (stderr, "bench-throughput: curl: %s\n", error->message);
      return 1;
    }
  /* Let the counters publish. */
  for (int i = 0; i < 15; i++)
    {
      g_usleep (100 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  after = dt_connection_get_status (connection);

  seconds = (t1 - t0) / 1e6;
  line_rate = before->link_speed / 8.0;
  rate = g_ascii_strtod (out, NULL) / seconds;
  printf ("bench-throughput: %s bytes of HTTP payload in %.2f s through %s (ISP: %s)\n", out,
          seconds, before->interface, dt_test_isp_get_accel (isp));
  printf ("  payload rate            %8.0f B/s\n", rate);
  printf ("  line byte rate          %8.0f B/s (CONNECT %u)\n", line_rate, before->link_speed);
  printf ("  payload / line rate     %8.1f %%\n", 100.0 * rate / line_rate);
  printf ("  serial bytes in         %8" G_GUINT64_FORMAT " (%.1f%% framing and TCP/IP overhead)\n",
          after->bytes_in - before->bytes_in,
          100.0 * ((double) (after->bytes_in - before->bytes_in) / g_ascii_strtod (out, NULL) - 1));
  printf ("  dialtone CPU            %8.3f s for %.2f s of transfer (%.2f%% of one core)\n",
          cpu1 - cpu0, seconds, 100.0 * (cpu1 - cpu0) / seconds);

  dt_connection_hang_up (connection);
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  dt_test_isp_release_line (isp, line);
  return 0;
}
