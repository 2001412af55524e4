/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connected means online: a dial to the real ISP (pppd in the QEMU guest) with a real
 * NetworkManager (its own network namespace, a private system bus) puts a TUN device on the
 * system with the address pppd assigned, and packets cross it both ways: ping answers, and a
 * page comes from the guest's web server.  Also: the counters, the profile NetworkManager
 * shows, compression, the entry's own routes on the device, an idle timeout, re-challenges,
 * IPv6, the teardown, an unprivileged user, and no NetworkManager at all.  NetworkManager
 * refusing is test-dataplane-refused; NetworkManager restarting or stalled, and the device
 * deleted from outside, test-dataplane-nm. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-test-dataplane.h"

typedef DtTestDataplane Fixture;

static DtTestNm *nm;

static gboolean
has_state (Fixture *f,
           guint    state)
{
  for (guint i = 0; i < f->call.states->len; i++)
    if (g_array_index (f->call.states, guint, i) == state)
      return TRUE;
  return FALSE;
}

/* The kernel's counters for @interface, from /proc/net/dev: unlike /sys/class/net, it shows
 * the network namespace of the process that reads it. */
typedef struct {
  guint64 rx_bytes;
  guint64 rx_packets;
  guint64 tx_bytes;
  guint64 tx_packets;
} KernelCounters;

static void
kernel_counters (const char     *interface,
                 KernelCounters *counters)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:", interface);

  g_assert_true (g_file_get_contents ("/proc/net/dev", &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = g_strchug (lines[i]);
      g_auto (GStrv) fields = NULL;
      g_autoptr (GPtrArray) values = g_ptr_array_new ();

      if (!g_str_has_prefix (l, prefix))
        continue;
      fields = g_strsplit_set (l + strlen (prefix), " ", -1);
      for (guint k = 0; fields[k] != NULL; k++)
        if (*fields[k] != '\0')
          g_ptr_array_add (values, fields[k]);
      g_assert_cmpuint (values->len, >=, 16);
      counters->rx_bytes = g_ascii_strtoull (g_ptr_array_index (values, 0), NULL, 10);
      counters->rx_packets = g_ascii_strtoull (g_ptr_array_index (values, 1), NULL, 10);
      counters->tx_bytes = g_ascii_strtoull (g_ptr_array_index (values, 8), NULL, 10);
      counters->tx_packets = g_ascii_strtoull (g_ptr_array_index (values, 9), NULL, 10);
      return;
    }
  g_error ("%s is not in /proc/net/dev", interface);
}

/* The network-control frames (IPCP, CCP, IPV6CP…) the connection log shows in one direction
 * ("sent" or "rcvd"): everything in the PPP trace but LCP and authentication. */
static guint
count_ncp_frames (DtConnection *connection,
                  const char   *direction)
{
  g_auto (GStrv) log = dt_connection_dup_log (connection);
  const char *not_ncp[] = { "LCP ", "PAP ", "CHAP ", "CBCP " };
  g_autofree char *prefix = g_strdup_printf ("%s [", direction);
  guint n = 0;

  for (guint i = 0; log[i] != NULL; i++)
    {
      const char *frame = strstr (log[i], prefix);
      gboolean ncp = frame != NULL;

      for (guint k = 0; ncp && k < G_N_ELEMENTS (not_ncp); k++)
        ncp = !g_str_has_prefix (frame + strlen (prefix), not_ncp[k]);
      if (ncp)
        g_test_message ("NCP frame: %s", frame);
      n += ncp;
    }
  return n;
}

/* What pppd counted, against the engine's final counters.
 *
 * pppd 2.4.9 prints "Sent N bytes, received M bytes." from its ppp unit's kernel counters
 * (SIOCGPPPSTATS), read when IPCP goes down, which is when our LCP Terminate-Request arrives:
 * the engine takes the device down before that, so no IP packet of ours comes later.  The
 * counts are payload bytes without the protocol field; LCP, PAP and CHAP go through the
 * channel and never count.
 *   - Received: exactly the engine's ip-bytes-out.  The guest kernel counts only network
 *     frames going up (our IPCP frames do not count: 823 and 759 IP bytes gave 823 and 759 with
 *     four IPCP frames of ours each time), and we use no compression that would change sizes.
 *   - Sent: the engine's ip-bytes-in plus pppd's own network-control frames, which pppd writes
 *     through the unit.  Bounded, not equal: the six in our trace (CCP, IPV6CP and IPCP) are
 *     99 bytes, yet pppd counts 156 more than our IP bytes on every run so far: 57 bytes of
 *     control frames that do not reach our trace (most likely CCP/IPV6CP requests repeated
 *     before our Protocol-Reject reached pppd, or frames that crossed our hang-up; not yet
 *     pinned down).  NCP_SLACK bounds that: it catches a lost response, not one lost ping.
 *   - The serial line carries each frame with at least 4 more bytes (a protocol byte, the FCS
 *     and a flag) plus the LCP and authentication frames: the engine's line counters exceed
 *     pppd's by at least 4 bytes per IP packet. */
#define NCP_SLACK 256

static void
check_counters_against_pppd (Fixture  *f,
                             gboolean  compressed)
{
  g_autoptr (DtConnStatus) status = dt_connection_get_status (f->call.connection);
  g_autofree char *isp_log = NULL;
  guint ncp_out = count_ncp_frames (f->call.connection, "sent");
  guint ncp_in = count_ncp_frames (f->call.connection, "rcvd");
  const char *sent;
  guint64 pppd_sent, pppd_received;

  g_assert_true (dt_test_dial_call_isp_said (&f->call, "Sent "));
  isp_log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  sent = strstr (isp_log, "Sent ");
  g_assert_cmpint (sscanf (sent, "Sent %" G_GUINT64_FORMAT " bytes, received %" G_GUINT64_FORMAT
                           " bytes.", &pppd_sent, &pppd_received), ==, 2);
  g_test_message ("pppd sent %" G_GUINT64_FORMAT ", received %" G_GUINT64_FORMAT
                  "; engine ip in/out %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  ", line in/out %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  ", NCP frames in/out %u/%u",
                  pppd_sent, pppd_received, status->ip_bytes_in, status->ip_bytes_out,
                  status->bytes_in, status->bytes_out, ncp_in, ncp_out);

  g_assert_cmpuint (pppd_sent, >=, status->ip_bytes_in);
  g_assert_cmpuint (pppd_sent, <=, status->ip_bytes_in + NCP_SLACK);
  /* With compression, our CCP frames go through pppd's unit too (its counts take our 12-byte
   * CCP Configure-Request, for one), and the line may carry less than the datagrams, which
   * pppd counts whole. */
  g_assert_cmpuint (pppd_received, >=, status->ip_bytes_out);
  g_assert_cmpuint (pppd_received, <=, status->ip_bytes_out + (compressed ? NCP_SLACK : 0));
  if (compressed)
    return;
  g_assert_cmpuint (status->bytes_out, >=, pppd_received + 4 * status->ip_packets_out);
  g_assert_cmpuint (status->bytes_in, >=, pppd_sent + 4 * status->ip_packets_in);
}

/* OpenPort … DeviceConnected, AllDevicesConnected, Authenticate, AuthNotify, Authenticated,
 * Projected, ApplySettings, Connected. */
#define PAP_DIAL_STATES "0 1 2 3 4 5 6 14 18 24 8192"

static void
test_online (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *ping = NULL, *page = NULL, *nm_show = NULL, *profiles = NULL;
  g_autofree char *expected_address = NULL, *links = NULL;
  g_autofree char *interface = NULL, *states = NULL;
  KernelCounters tun;
  gboolean compressed = GPOINTER_TO_INT (data);

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_compression (f->call.entry, compressed);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  g_assert_true (has_state (f, DT_CONN_STATE_APPLY_SETTINGS));
  /* The same states with compression and without: CCP comes up after Connected. */
  states = dt_test_dial_format_states (f->call.states);
  g_assert_cmpstr (states, ==, PAP_DIAL_STATES);
  status = dt_connection_get_status (f->call.connection);
  g_assert_nonnull (status->interface);
  g_assert_null (status->network_message);
  interface = g_strdup (status->interface);
  expected_address = g_strdup_printf ("10.64.0.%u", 10 + f->call.line_number);
  g_assert_cmpstr (status->local_address, ==, expected_address);

  /* NetworkManager shows the profile active on that device, with pppd's address and DNS. */
  nm_show = dt_test_dataplane_run ("nmcli", "-t", "-f", "GENERAL.STATE,IP4.ADDRESS,IP4.DNS",
                                   "device", "show", interface, NULL);
  g_test_message ("nmcli: %s", nm_show);
  g_assert_nonnull (strstr (nm_show, "GENERAL.STATE:100 (connected)"));
  g_assert_nonnull (strstr (nm_show, expected_address));
  g_assert_nonnull (strstr (nm_show, "IP4.DNS[1]:10.64.0.53"));
  g_assert_nonnull (strstr (nm_show, "IP4.DNS[2]:10.64.0.54"));

  /* Packets cross: ICMP to the ISP's own address, and a page from its web server. */
  ping = dt_test_dataplane_run ("ping", "-c", "3", "-W", "5", "-I", interface, "10.64.0.1", NULL);
  g_test_message ("ping: %s", ping);
  g_assert_nonnull (strstr (ping, "3 received"));
  page = dt_test_dataplane_run ("curl", "-s", "--max-time", "20", "--interface", interface,
                                "http://10.64.0.1/index.html", NULL);
  g_assert_nonnull (strstr (page, "You reached the web server at 10.64.0.1."));

  /* The counters: what the engine published equals what the kernel saw on the device,
   * bytes and packets.  The kernel's transmit is the engine's "out" (towards the ISP). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (1200 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&status, dt_conn_status_free);
  status = dt_connection_get_status (f->call.connection);
  kernel_counters (interface, &tun);
  g_test_message ("engine ip in/out %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  ", device rx/tx %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  ", line in/out %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                  status->ip_bytes_in, status->ip_bytes_out, tun.rx_bytes, tun.tx_bytes,
                  status->bytes_in, status->bytes_out);
  g_assert_cmpuint (status->ip_bytes_in, ==, tun.rx_bytes);
  g_assert_cmpuint (status->ip_bytes_out, ==, tun.tx_bytes);
  g_assert_cmpuint (status->ip_packets_in, ==, tun.rx_packets);
  g_assert_cmpuint (status->ip_packets_out, ==, tun.tx_packets);
  g_assert_cmpuint (status->ip_packets_in, >=, 3 + 3);   /* echo replies, TCP */
  g_assert_cmpuint (status->ip_dropped_in + status->ip_dropped_out + status->ip_errors, ==, 0);

  dt_test_dial_hang_up (f->call.connection);
  /* Gone: the profile and the device. */
  profiles = dt_test_dataplane_run ("nmcli", "-t", "-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone: Test ISP"));
  links = dt_test_dataplane_run ("ip", "-o", "link", "show", NULL);
  g_assert_null (strstr (links, interface));

  check_counters_against_pppd (f, compressed);
}

/* Posts @data to the guest's /cgi-bin/sha256; returns the hash it saw. */
static char *
upload (const char *interface,
        GBytes     *data)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "dialtone-dataplane-XXXXXX", NULL);
  g_autofree char *arg = NULL;
  char *out;
  int fd = g_mkstemp (path);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (data, NULL),
                                      g_bytes_get_size (data), NULL));
  arg = g_strconcat ("@", path, NULL);
  out = dt_test_dataplane_run ("curl", "-s", "--max-time", "120", "--interface", interface,
                               "--data-binary", arg, "-H", "Content-Type: application/octet-stream",
                               "http://10.64.0.1/cgi-bin/sha256", NULL);
  g_unlink (path);
  return out;
}

/* A sysctl of the sandbox's network namespace, where this test and curl run. */
static void
set_sysctl (const char *path,
            const char *value)
{
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (value, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* Datagrams in, as the engine counted them, against the line bytes that carried them. */
typedef struct {
  guint64 line_in, line_out, ip_in, ip_out;
} Carried;

static void
carried (Fixture *f,
         Carried *c)
{
  g_autoptr (DtConnStatus) status = dt_connection_get_status (f->call.connection);

  c->line_in = status->bytes_in;
  c->line_out = status->bytes_out;
  c->ip_in = status->ip_bytes_in;
  c->ip_out = status->ip_bytes_out;
}

/* The session's closing statistics in the connection log: VJ compressed headers came in
 * (the guest's slhc compressed them) and went out (our compressed headers decompressed, as
 * the bytes that arrived whole show), none bad. */
static void
check_vj_both_ways (Fixture *f)
{
  g_auto (GStrv) log = dt_connection_dup_log (f->call.connection);
  guint64 in = 0, whole_in = 0, bad = 0, out = 0;

  for (guint i = 0; log[i] != NULL; i++)
    {
      const char *vj = strstr (log[i], "VJ: received ");

      if (vj == NULL)
        continue;
      g_test_message ("%s", log[i]);
      g_assert_cmpint (sscanf (vj, "VJ: received %" G_GUINT64_FORMAT " compressed, %"
                               G_GUINT64_FORMAT " whole, %" G_GUINT64_FORMAT " bad, %*u tossed; "
                               "sent %" G_GUINT64_FORMAT, &in, &whole_in, &bad, &out), ==, 4);
    }
  g_assert_cmpuint (in, >, 20);
  g_assert_cmpuint (out, >, 15);
  g_assert_cmpuint (bad, ==, 0);
}

/* Compression with pppd (the guest kernel's slhc and ppp_deflate), byte for byte, both ways,
 * over TCP without timestamps (as Windows sends it) so that Van Jacobson compresses every
 * header: random data (Deflate cannot shrink it, so a line shorter than the datagrams is VJ's
 * doing), and data Deflate shrinks to almost nothing. */
static void
test_compressed_transfers (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GBytes) got = NULL, want = NULL, up = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *interface = NULL, *hash = NULL, *states = NULL, *expected = NULL;
  g_autofree char *timestamps = NULL, *want_hash = NULL, *up_hash = NULL;
  g_autoptr (GByteArray) pattern = g_byte_array_new ();
  Carried a, b;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  g_assert_true (g_file_get_contents ("/proc/sys/net/ipv4/tcp_timestamps", &timestamps, NULL,
                                      NULL));
  set_sysctl ("/proc/sys/net/ipv4/tcp_timestamps", "0");
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  states = dt_test_dial_format_states (f->call.states);
  g_assert_cmpstr (states, ==, PAP_DIAL_STATES);
  status = dt_connection_get_status (f->call.connection);
  interface = g_strdup (status->interface);
  expected = g_strdup_printf ("10.64.0.%u", 10 + f->call.line_number);
  g_assert_cmpstr (status->local_address, ==, expected);
  for (int i = 0; i < 100 && g_strcmp0 (status->compression, "Deflate 15, VJ") != 0; i++)
    {
      g_usleep (50 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_clear_pointer (&status, dt_conn_status_free);
      status = dt_connection_get_status (f->call.connection);
    }
  g_assert_cmpstr (status->compression, ==, "Deflate 15, VJ");

  /* Down: random bytes, then a pattern Deflate compresses. */
  carried (f, &a);
  got = dt_test_nm_download (interface, "http://10.64.0.1/random.bin", "0-32767", &error);
  g_assert_no_error (error);
  want = dt_test_isp_random_bin (32768);
  g_assert_true (g_bytes_equal (got, want));
  carried (f, &b);
  g_test_message ("random down: %" G_GUINT64_FORMAT " datagram bytes, %" G_GUINT64_FORMAT
                  " on the line", b.ip_in - a.ip_in, b.line_in - a.line_in);
  g_assert_cmpuint (b.line_in - a.line_in, <, b.ip_in - a.ip_in);
  g_clear_pointer (&got, g_bytes_unref);
  got = dt_test_nm_download (interface, "http://10.64.0.1/big.bin", "0-131071", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 131072; i++)
    g_byte_array_append (pattern, (const guint8[]) { i % 251 }, 1);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), pattern->data,
                   pattern->len);
  carried (f, &a);
  g_assert_cmpuint ((a.ip_in - b.ip_in) / 4, >, a.line_in - b.line_in);

  /* Up: random bytes (VJ), then text (Deflate). */
  g_clear_pointer (&want, g_bytes_unref);
  want = dt_test_isp_random_bin (24576);
  hash = upload (interface, want);
  want_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, want);
  g_assert_true (g_str_has_prefix (hash, want_hash));
  carried (f, &b);
  g_test_message ("random up: %" G_GUINT64_FORMAT " datagram bytes, %" G_GUINT64_FORMAT
                  " on the line", b.ip_out - a.ip_out, b.line_out - a.line_out);
  g_assert_cmpuint (b.line_out - a.line_out, <, b.ip_out - a.ip_out);
  g_clear_pointer (&hash, g_free);
  up = g_bytes_new (pattern->data, 65536);
  hash = upload (interface, up);
  up_hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, up);
  g_assert_true (g_str_has_prefix (hash, up_hash));
  carried (f, &a);
  g_assert_cmpuint ((a.ip_out - b.ip_out) / 4, >, a.line_out - b.line_out);

  g_clear_pointer (&status, dt_conn_status_free);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpfloat (status->compression_ratio, >, 1.0);
  g_assert_cmpuint (status->ip_dropped_in + status->ip_dropped_out + status->ip_errors, ==, 0);
  dt_test_dial_hang_up (f->call.connection);
  set_sysctl ("/proc/sys/net/ipv4/tcp_timestamps", timestamps);
  check_counters_against_pppd (f, TRUE);
  check_vj_both_ways (f);
}

/* An entry that is not the default gateway but routes one network through the link: the
 * device carries that network and nothing else, and the kernel sends its packets there. */
static void
test_entry_routes (Fixture       *f,
                   gconstpointer  data)
{
  const char *routes[] = { "10.99.0.0/16", NULL };
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *table = NULL, *lookup = NULL, *nm_show = NULL, *profiles = NULL;
  g_autofree char *via_device = NULL;
  g_auto (GStrv) log = NULL;
  g_autofree char *joined = NULL;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_routes (f->call.entry, routes);
  g_assert_false (dt_entry_get_default_gateway (f->call.entry));
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_assert_nonnull (status->interface);

  table = dt_test_dataplane_run ("ip", "-4", "route", "show", "dev", status->interface, NULL);
  g_test_message ("ip -4 route show dev %s:\n%s", status->interface, table);
  g_assert_nonnull (strstr (table, "10.99.0.0/16 "));
  g_assert_null (strstr (table, "default"));

  /* A host in that network goes out through the link. */
  lookup = dt_test_dataplane_run ("ip", "-4", "route", "get", "10.99.1.2", NULL);
  via_device = g_strdup_printf (" dev %s ", status->interface);
  g_test_message ("ip route get 10.99.1.2: %s", lookup);
  g_assert_nonnull (strstr (lookup, via_device));

  /* NetworkManager's profile says the same. */
  nm_show = dt_test_dataplane_run ("nmcli", "-t", "-f", "IP4.ROUTE", "device", "show",
                                   status->interface, NULL);
  g_test_message ("nmcli: %s", nm_show);
  g_assert_nonnull (strstr (nm_show, "dst = 10.99.0.0/16"));
  g_assert_null (strstr (nm_show, "dst = 0.0.0.0/0"));

  log = dt_connection_dup_log (f->call.connection);
  joined = g_strjoinv ("\n", log);
  g_assert_nonnull (strstr (joined, "route 10.99.0.0/16 through the link"));

  dt_test_dial_hang_up (f->call.connection);
  profiles = dt_test_dataplane_run ("nmcli", "-t", "-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone: Test ISP"));
}

/* Traffic keeps an entry with an idle timeout up; silence ends it. */
static void
test_idle_disconnect_counts_traffic (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *ping = NULL;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_idle_disconnect (f->call.entry, 3);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  /* Six seconds of pings, one a second: longer than the idle time, never idle that long. */
  ping = dt_test_dataplane_run ("ping", "-c", "6", "-i", "1", "-W", "5", "-I", status->interface,
                                "10.64.0.1", NULL);
  g_assert_nonnull (strstr (ping, "6 received"));
  g_assert_cmpuint (dt_connection_get_state (f->call.connection), ==, DT_CONN_STATE_CONNECTED);
  while (dt_connection_get_state (f->call.connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
}

/* pppd challenges again every five seconds (5550114, `chap-interval 5`): pings every
 * second all come back across the re-challenges, which show as ReAuthenticate → Connected. */
static void
test_rechallenge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *ping = NULL;
  guint reauth = 0;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_number (f->call.entry, "5550114");
  dt_entry_set_auth_methods (f->call.entry, DT_AUTH_CHAP);   /* what its pppd takes */
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  ping = dt_test_dataplane_run ("ping", "-c", "14", "-i", "1", "-W", "5", "-I", status->interface,
                                "10.64.0.1", NULL);
  g_test_message ("%s", ping);
  g_assert_nonnull (strstr (ping, "14 received"));
  for (guint i = 0; i < f->call.states->len; i++)
    if (g_array_index (f->call.states, guint, i) == DT_CONN_STATE_RE_AUTHENTICATE)
      {
        reauth++;
        g_assert_cmpuint (i + 1, <, f->call.states->len);
        g_assert_cmpuint (g_array_index (f->call.states, guint, i + 1), ==,
                          DT_CONN_STATE_CONNECTED);
      }
  g_assert_cmpuint (reauth, >=, 2);
  g_assert_cmpuint (dt_connection_get_state (f->call.connection), ==, DT_CONN_STATE_CONNECTED);
}

/* Runs the main loop (the engine moves packets meanwhile) for @ms. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* The IPv6 address after @label in pppd's log, written as inet_ntop() writes it (pppd keeps
 * the leading zeros of each group). */
static char *
logged_address (const char *log,
                const char *label)
{
  const char *at = strstr (log, label);
  g_autofree char *text = NULL;
  g_autoptr (GInetAddress) address = NULL;

  g_assert_nonnull (at);
  at += strlen (label);
  text = g_strndup (at, strcspn (at, " \n"));
  address = g_inet_address_new_from_string (text);
  g_assert_nonnull (address);
  return g_inet_address_to_string (address);
}

/* The kernel's IPv6 addresses of @interface, one "address/prefix" a line. */
static char *
ipv6_addresses (const char *interface)
{
  return dt_test_dataplane_run ("ip", "-6", "-o", "addr", "show", "dev", interface, NULL);
}

/* Pings @target until it answers, for at most @seconds; @interface (or NULL) is the device
 * for an IPv4 ping, NULL for IPv6.  pppd logs the link's addresses before it gives them to
 * the guest's kernel (and the guest's ipv6-up script adds the global one after that), which a
 * loaded machine (QEMU under TCG, several calls at once) may take seconds to finish: nothing
 * answers for an address the guest does not have yet. */
static void
wait_for_ping (const char *interface,
               const char *target,
               guint       seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  const char *argv6[] = { "ping", "-6", "-c", "1", "-W", "1", target, NULL };
  const char *argv4[] = { "ping", "-c", "1", "-W", "1", "-I", interface, target, NULL };

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = dt_test_nm_runv (interface != NULL ? argv4 : argv6, &error);

      if (out != NULL && strstr (out, " 1 received") != NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not answer within %u s: %s", target, seconds,
                 error != NULL ? error->message : out);
      spin (200);
    }
}

/* IPv6CP with pppd (+ipv6), and router advertisements from the guest (5550130): the device
 * has the link-local address of our Interface-Identifier, pppd's link-local one answers
 * ping6 across the link, and the advertised prefix gives a global address with the same
 * identifier (SLAAC through NetworkManager), which reaches the guest's own address on it. */
static void
test_ipv6 (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *isp_log = NULL, *pppd_local = NULL, *pppd_remote = NULL;
  g_autofree char *addresses = NULL, *ping = NULL, *target = NULL, *global = NULL;
  g_autofree char *guest = NULL;
  const char *iid;
  gint64 deadline;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_number (f->call.entry, "5550130");
  dt_entry_set_auth_methods (f->call.entry, DT_AUTH_CHAP);   /* what its pppd takes */
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_test_message ("IPv6 link-local: ours %s, the ISP's %s", status->local_ipv6_address,
                  status->remote_ipv6_address);
  g_assert_true (g_str_has_prefix (status->local_ipv6_address, "fe80::"));
  g_assert_true (g_str_has_prefix (status->remote_ipv6_address, "fe80::"));

  /* pppd agrees on both. */
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "remote LL address"));
  isp_log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  pppd_local = logged_address (isp_log, "local  LL address ");
  pppd_remote = logged_address (isp_log, "remote LL address ");
  g_assert_cmpstr (pppd_local, ==, status->remote_ipv6_address);
  g_assert_cmpstr (pppd_remote, ==, status->local_ipv6_address);

  /* The device has our link-local address, and pppd's answers through it. */
  addresses = ipv6_addresses (status->interface);
  g_test_message ("%s", addresses);
  g_assert_nonnull (strstr (addresses, status->local_ipv6_address));
  target = g_strdup_printf ("%s%%%s", status->remote_ipv6_address, status->interface);
  wait_for_ping (NULL, target, 20);
  ping = dt_test_dataplane_run ("ping", "-6", "-c", "3", "-W", "5", target, NULL);
  g_test_message ("%s", ping);
  g_assert_nonnull (strstr (ping, "3 received"));
  g_clear_pointer (&ping, g_free);

  /* The advertised prefix with our identifier: 2001:db8:64:<line>::<iid>. */
  iid = status->local_ipv6_address + strlen ("fe80::");
  global = g_strdup_printf ("2001:db8:64:%x:%s/64", f->call.line_number, iid);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (strstr (addresses, global) == NULL && g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&addresses, g_free);
      spin (500);
      addresses = ipv6_addresses (status->interface);
    }
  g_test_message ("%s", addresses);
  g_assert_nonnull (strstr (addresses, global));
  guest = g_strdup_printf ("2001:db8:64:%x::1", f->call.line_number);
  wait_for_ping (NULL, guest, 20);
  ping = dt_test_dataplane_run ("ping", "-6", "-c", "3", "-W", "5", guest, NULL);
  g_test_message ("%s", ping);
  g_assert_nonnull (strstr (ping, "3 received"));

  /* IPv4 still goes, and the counters saw both families. */
  g_clear_pointer (&ping, g_free);
  ping = dt_test_dataplane_run ("ping", "-c", "1", "-W", "5", "-I", status->interface, "10.64.0.1",
                                NULL);
  g_assert_nonnull (strstr (ping, "1 received"));
  g_clear_pointer (&status, dt_conn_status_free);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpuint (status->ip_packets_in, >=, 3 + 3 + 1);
  /* Compression was up meanwhile (CCP comes after Connected, seconds before the global
   * address): pppd's kernel compresses IPv6 too, and it came through Deflate both ways. */
  g_assert_cmpstr (status->compression, ==, "Deflate 15, VJ");
  /* Nothing of ours was refused; of the peer's, at most the first advertisement, which can
   * come while the device is still being set up. */
  g_assert_cmpuint (status->ip_dropped_out + status->ip_errors, ==, 0);
  g_assert_cmpuint (status->ip_dropped_in, <=, 1);
}

/* An entry that says IPv4 only: IPv6CP is refused (pppd says so), and the device has no
 * IPv6 address at all. */
static void
test_ipv4_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *addresses = NULL, *ping = NULL;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_entry_set_number (f->call.entry, "5550130");
  dt_entry_set_auth_methods (f->call.entry, DT_AUTH_CHAP);   /* what its pppd takes */
  dt_entry_set_ipv6 (f->call.entry, FALSE);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_assert_null (status->local_ipv6_address);
  g_assert_null (status->remote_ipv6_address);
  g_assert_true (dt_test_dial_call_isp_said (&f->call,
                                             "Protocol-Reject for 'IPv6 Control Protocol'"));
  addresses = ipv6_addresses (status->interface);
  g_assert_cmpstr (addresses, ==, "");
  /* The guest answers once its kernel has the link (see wait_for_ping()); then every time. */
  wait_for_ping (status->interface, "10.64.0.1", 20);
  ping = dt_test_dataplane_run ("ping", "-c", "1", "-W", "5", "-I", status->interface, "10.64.0.1",
                                NULL);
  g_assert_nonnull (strstr (ping, "1 received"));
}


/* A user who is not root, on a system where NetworkManager allows that user: the same dial
 * gets a device, and packets cross it. */
static void
test_unprivileged (void)
{
  DtTestChildDial d = { 0 };
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *ping = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      dt_test_dial_run_child (nm, "/dataplane/unprivileged");
      return;
    }
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
  g_assert_cmpuint (getuid (), ==, DT_TEST_NM_USER_UID);
  connection = dt_test_dial_child (&d);
  g_assert_no_error (d.error);
  g_assert_true (d.ok);
  status = dt_connection_get_status (connection);
  g_assert_nonnull (status->interface);
  g_assert_true (g_str_has_prefix (status->local_address, "10.64.0.1"));
  ping = dt_test_nm_run (&error, "ping", "-c", "2", "-W", "5", "-I", status->interface,
                         "10.64.0.1", NULL);
  g_assert_no_error (error);
  g_test_message ("%s", ping);
  g_assert_nonnull (strstr (ping, "2 received"));
  dt_test_dial_hang_up (connection);
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 631);
}

/* Neither NetworkManager nor the privilege to make a device: the dial still reaches
 * Connected, without a device, and says why. */
static void
test_no_network_manager_no_privilege (void)
{
  DtTestChildDial d = { 0 };
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_test_subprocess ())
    {
      dt_test_dial_run_child (nm, "/dataplane/no-nm-no-privilege");
      return;
    }
  g_assert_true (dt_test_nm_enter_empty_netns (&error));
  g_assert_no_error (error);
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
  connection = dt_test_dial_child (&d);
  g_assert_no_error (d.error);
  g_assert_true (d.ok);
  status = dt_connection_get_status (connection);
  g_assert_cmpuint (status->state, ==, DT_CONN_STATE_CONNECTED);
  g_assert_null (status->interface);
  g_assert_cmpstr (status->network_message, ==,
                   "No network device: NetworkManager is not available and Dialtone has no "
                   "permission to create one");
  g_assert_cmpstr (status->remote_address, ==, "10.64.0.1");
  dt_test_dial_hang_up (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nm = dt_test_dataplane_start_nm ();

  g_test_add ("/dataplane/online", Fixture, GINT_TO_POINTER (TRUE), dt_test_dataplane_set_up,
              test_online, dt_test_dataplane_tear_down);
  g_test_add ("/dataplane/online-uncompressed", Fixture, GINT_TO_POINTER (FALSE),
              dt_test_dataplane_set_up, test_online, dt_test_dataplane_tear_down);
  DT_TEST_DATAPLANE_ADD ("/dataplane/compressed-transfers", test_compressed_transfers);
  DT_TEST_DATAPLANE_ADD ("/dataplane/entry-routes", test_entry_routes);
  DT_TEST_DATAPLANE_ADD ("/dataplane/idle-disconnect", test_idle_disconnect_counts_traffic);
  DT_TEST_DATAPLANE_ADD ("/dataplane/rechallenge", test_rechallenge);
  DT_TEST_DATAPLANE_ADD ("/dataplane/ipv6", test_ipv6);
  DT_TEST_DATAPLANE_ADD ("/dataplane/ipv4-only", test_ipv4_only);
  g_test_add_func ("/dataplane/unprivileged", test_unprivileged);
  g_test_add_func ("/dataplane/no-nm-no-privilege", test_no_network_manager_no_privilege);

  return g_test_run ();
}
