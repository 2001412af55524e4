/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp against the real pppd 2.4.9 of the test ISP (tests/isp, QEMU), over a modem line
 * dialled by hand: PAP, CHAP-MD5, MS-CHAPv2 and no authentication each reach IPCP with the
 * addresses and DNS servers pppd assigns, with Deflate (CCP) and Van Jacobson compression
 * (IPCP) agreed both ways, as pppd's own log says; with compression off, or with only one
 * kind, the same addresses, and the other refused (CCP Protocol-Rejected, VJ
 * Configure-Rejected); IPv6CP gets a Protocol-Reject; an ICMP echo to the server comes back
 * through our framing and compression; a hang-up shows in pppd's log as our
 * Terminate-Request; a wrong password ends with 691; a silent line with 718. */

#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "dt-error.h"
#include "dt-ppp.h"
#include "dt-test-isp.h"
#include "dt-test-inet.h"

typedef struct {
  DtTestIsp  *isp;
  char       *path;
  guint       line;
  int         fd;
  goffset     log_offset;
  guint       watch;
  DtPpp      *ppp;
  GPtrArray  *trace;
  char       *authenticating;
  char       *auth_result;
  gboolean    network_up;
  char       *local, *remote, *dns1, *dns2;
  GPtrArray  *ipv4_in;
  gboolean    finished;
  guint       finished_code;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;

  f->fd = -1;
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->path = dt_test_isp_acquire_line (f->isp);
  f->line = dt_test_isp_get_line_number (f->isp, f->path);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  f->fd = dt_test_isp_open_line (f->path);
  g_assert_cmpint (f->fd, >=, 0);
  f->trace = g_ptr_array_new_with_free_func (g_free);
  f->ipv4_in = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_test_message ("line%u: %s", f->line, f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);

      g_test_message ("the ISP's log for line%u:\n%s", f->line, log);
    }
  g_clear_handle_id (&f->watch, g_source_remove);
  if (f->ppp != NULL)
    g_assert_finalize_object (f->ppp);
  if (f->fd >= 0)
    close (f->fd);
  dt_test_isp_release_line (f->isp, f->path);
  g_free (f->path);
  g_ptr_array_unref (f->trace);
  g_ptr_array_unref (f->ipv4_in);
  g_free (f->authenticating);
  g_free (f->auth_result);
  g_free (f->local);
  g_free (f->remote);
  g_free (f->dns1);
  g_free (f->dns2);
}

/* The line: frames out with write(), bytes in from a GLib fd watch. */

static void
on_output (const guint8 *bytes,
           gsize         len,
           gpointer      user_data)
{
  Fixture *f = user_data;

  while (len > 0)
    {
      ssize_t n = write (f->fd, bytes, len);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          g_usleep (1000);   /* a pty drains fast; a real port would queue */
          continue;
        }
      g_assert_cmpint (n, >, 0);
      bytes += n;
      len -= n;
    }
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  Fixture *f = user_data;
  guint8 buf[4096];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n > 0)
    dt_ppp_input (f->ppp, buf, n);
  return G_SOURCE_CONTINUE;
}

static void
on_trace (DtPpp      *ppp,
          const char *line,
          Fixture    *f)
{
  g_ptr_array_add (f->trace, g_strdup (line));
  g_test_message ("%s", line);
}

static void
on_authenticating (DtPpp      *ppp,
                   const char *protocol,
                   Fixture    *f)
{
  f->authenticating = g_strdup (protocol);
}

static void
on_auth_result (DtPpp      *ppp,
                gboolean    success,
                guint       code,
                const char *message,
                gboolean    retry,
                Fixture    *f)
{
  g_free (f->auth_result);
  f->auth_result = success ? g_strdup ("ok") : g_strdup_printf ("%u", code);
}

static void
on_network_up (DtPpp      *ppp,
               const char *local,
               const char *remote,
               const char *dns1,
               const char *dns2,
               Fixture    *f)
{
  f->network_up = TRUE;
  f->local = g_strdup (local);
  f->remote = g_strdup (remote);
  f->dns1 = g_strdup (dns1);
  f->dns2 = g_strdup (dns2);
}

static void
on_ipv4 (DtPpp   *ppp,
         GBytes  *datagram,
         Fixture *f)
{
  g_ptr_array_add (f->ipv4_in, g_bytes_ref (datagram));
}

static void
on_finished (DtPpp      *ppp,
             guint       code,
             const char *reason,
             Fixture    *f)
{
  f->finished = TRUE;
  f->finished_code = code;
  g_test_message ("finished %u: %s", code, reason);
}

/* Dials @number and starts PPP on the line, feeding it what came after CONNECT. */
static void
dial (Fixture           *f,
      const char        *number,
      const DtPppConfig *config)
{
  g_autoptr (GString) got = g_string_new (NULL);
  g_autofree char *command = g_strdup_printf ("ATDT%s\r", number);
  const char *connect, *rest;

  dt_test_isp_send (f->fd, command);
  g_assert_true (dt_test_isp_expect (f->fd, "CONNECT 33600\r\n", 10000, got));
  connect = memmem (got->str, got->len, "CONNECT 33600\r\n", 15);
  rest = connect + 15;

  f->ppp = dt_ppp_new (config);
  dt_ppp_set_output_func (f->ppp, on_output, f, NULL);
  g_signal_connect (f->ppp, "trace", G_CALLBACK (on_trace), f);
  g_signal_connect (f->ppp, "authenticating", G_CALLBACK (on_authenticating), f);
  g_signal_connect (f->ppp, "auth-result", G_CALLBACK (on_auth_result), f);
  g_signal_connect (f->ppp, "network-up", G_CALLBACK (on_network_up), f);
  g_signal_connect (f->ppp, "ipv4-packet", G_CALLBACK (on_ipv4), f);
  g_signal_connect (f->ppp, "finished", G_CALLBACK (on_finished), f);
  f->watch = g_unix_fd_add (f->fd, G_IO_IN, on_readable, f);
  dt_ppp_start (f->ppp);
  dt_ppp_input (f->ppp, (const guint8 *) rest, got->len - (rest - got->str));
}

static gboolean
run_until (gboolean *flag,
           gboolean *or_flag,
           guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && !*or_flag && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return *flag;
}

static gboolean
trace_has (Fixture    *f,
           const char *needle)
{
  for (guint i = 0; i < f->trace->len; i++)
    if (strstr (f->trace->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

static DtPppConfig
isp_config (const char *password)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "dialtone";
  c.password = password;
  return c;
}

/* An ICMP echo request from us to the server, answered by the guest's kernel. */
static void
ping_server (Fixture *f)
{
  guint8 packet[20 + 8 + 16];
  guint32 src = dt_ppp_get_local_ipv4 (f->ppp);
  guint32 dst = dt_ppp_get_remote_ipv4 (f->ppp);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint16 sum;

  memset (packet, 0, sizeof packet);
  packet[0] = 0x45;
  packet[2] = 0;
  packet[3] = sizeof packet;
  packet[8] = 64;
  packet[9] = 1;
  for (int i = 0; i < 4; i++)
    {
      packet[12 + i] = src >> (24 - 8 * i);
      packet[16 + i] = dst >> (24 - 8 * i);
    }
  sum = dt_test_inet_checksum (packet, 20, 0);
  packet[10] = sum >> 8;
  packet[11] = sum & 0xff;
  packet[20] = 8;                       /* echo request */
  packet[24] = 0x7e;                    /* identifier and sequence full of flag bytes */
  packet[25] = 0x7d;
  packet[27] = 1;
  memcpy (packet + 28, "dialtone\x11\x13\x7e\x7d\x00\x01\x02\x03", 16);
  sum = dt_test_inet_checksum (packet + 20, sizeof packet - 20, 0);
  packet[22] = sum >> 8;
  packet[23] = sum & 0xff;

  /* pppd brings ppp0 up just after IPCP opens: a first echo may find it still down, so
   * send again every half second, as ping does. */
  while (f->ipv4_in->len == 0 && g_get_monotonic_time () < end)
    {
      gint64 next = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

      g_assert_true (dt_ppp_send_ipv4 (f->ppp, packet, sizeof packet));
      while (f->ipv4_in->len == 0 && g_get_monotonic_time () < next)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (5000);
        }
    }
  g_assert_cmpuint (f->ipv4_in->len, >=, 1);
  {
    gsize len;
    const guint8 *reply = g_bytes_get_data (f->ipv4_in->pdata[0], &len);

    g_assert_cmpuint (len, ==, sizeof packet);
    g_assert_cmpuint (reply[9], ==, 1);
    g_assert_cmpuint (reply[20], ==, 0);  /* echo reply */
    g_assert_cmpmem (reply + 12, 4, packet + 16, 4);
    g_assert_cmpmem (reply + 24, 20, packet + 24, 20);
  }
}

static void
hang_up (Fixture *f)
{
  gboolean never = FALSE;

  dt_ppp_close (f->ppp, "User request");
  g_assert_true (run_until (&f->finished, &never, 20000));
  g_assert_cmpuint (f->finished_code, ==, 0);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset,
                                       "rcvd [LCP TermReq", 10000));
}

static void
wait_for_trace (Fixture    *f,
                const char *a,
                const char *b)
{
  for (int i = 0; i < 200 && !(trace_has (f, a) && trace_has (f, b)); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
}

/* A dial to @number with @compression (DtPppCompression bits): the state and addresses any
 * dial reaches, and the compression pppd itself reports. */
static void
connect_with (Fixture    *f,
              const char *number,
              const char *protocol,
              guint       compression)
{
  DtPppConfig c = isp_config ("dialtone-secret");
  g_autofree char *local = NULL, *log = NULL;
  gboolean vj = compression & DT_PPP_COMPRESSION_VJ;
  gboolean deflate = compression & DT_PPP_COMPRESSION_DEFLATE;

  c.compression = compression;
  /* 5550110's pppd takes PAP only: asked for more, it would drop authentication and hang
   * up (test-dial's pap-insisted), so its session allows PAP alone. */
  if (g_str_equal (protocol, "PAP"))
    c.auth_methods = DT_PPP_AUTH_METHOD_PAP;
  dial (f, number, &c);
  g_assert_true (run_until (&f->network_up, &f->finished, 60000));

  if (protocol[0] != '\0')
    {
      g_assert_cmpstr (f->authenticating, ==, protocol);
      g_assert_cmpstr (f->auth_result, ==, "ok");
      g_assert_cmpstr (dt_ppp_get_auth_protocol (f->ppp), ==, protocol);
    }
  else
    g_assert_null (f->authenticating);

  local = g_strdup_printf ("10.64.0.%u", 10 + f->line);
  g_assert_cmpstr (f->local, ==, local);
  g_assert_cmpstr (f->remote, ==, "10.64.0.1");
  g_assert_cmpstr (f->dns1, ==, "10.64.0.53");
  g_assert_cmpstr (f->dns2, ==, "10.64.0.54");
  g_assert_cmpint (dt_ppp_get_phase (f->ppp), ==, DT_PPP_PHASE_RUNNING);

  /* pppd offers IPv6CP: a Protocol-Reject (it may arrive just after IPCP). */
  wait_for_trace (f, "proto=0x8057", deflate ? "rcvd [CCP ConfAck" : "proto=0x80fd");
  /* CCP starts once IPCP is up: both of its Configure-Acks, on the main loop. */
  if (deflate)
    wait_for_trace (f, "rcvd [CCP ConfAck", "sent [CCP ConfAck");
  g_assert_true (trace_has (f, "sent [LCP ProtRej") && trace_has (f, "proto=0x8057"));
  if (deflate)
    {
      /* pppd says it in its own words once CCP is up in both directions. */
      g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset,
                                           "Deflate (15) compression enabled", 10000));
      g_assert_cmpstr (dt_ppp_get_compression (f->ppp), ==, vj ? "Deflate 15, VJ" :
                                                                  "Deflate 15");
    }
  else
    g_assert_true (trace_has (f, "proto=0x80fd"));   /* CCP Protocol-Rejected */
  /* pppd logs the addresses once IPCP is up, after both Configure-Acks. */
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, "remote IP address",
                                       10000));
  log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);
  /* VJ acknowledged both ways, in pppd's log: its request and ours. */
  g_assert_cmpint (strstr (log, "sent [IPCP ConfAck") != NULL &&
                   strstr (strstr (log, "sent [IPCP ConfAck"), "<compress VJ 0f 01>") != NULL,
                   ==, vj);
  g_assert_cmpint (strstr (log, "rcvd [IPCP ConfAck") != NULL &&
                   strstr (strstr (log, "rcvd [IPCP ConfAck"), "<compress VJ 0f 01>") != NULL,
                   ==, vj);
  if (!vj)
    g_assert_true (trace_has (f, "sent [IPCP ConfRej id=0x1 <compress VJ 0f 01>]"));
  if (!deflate)
    g_assert_null (strstr (log, "compression enabled"));
  if (compression == 0)
    g_assert_null (dt_ppp_get_compression (f->ppp));
  /* No secret in the trace. */
  g_assert_false (trace_has (f, "dialtone-secret"));

  ping_server (f);
  hang_up (f);
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  const char *const *want = data;   /* number, protocol name or "" */

  if (f->isp == NULL)
    return;
  connect_with (f, want[0], want[1], DT_PPP_COMPRESSION_ALL);
}

static void
test_compression (Fixture       *f,
                  gconstpointer  data)
{
  if (f->isp == NULL)
    return;
  connect_with (f, "5550111", "CHAP-MD5", GPOINTER_TO_UINT (data));
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  DtPppConfig c = isp_config ("not-the-password");
  gboolean never = FALSE;

  if (f->isp == NULL)
    return;
  dial (f, "5550112", &c);
  g_assert_true (run_until (&f->finished, &never, 60000));
  g_assert_cmpstr (f->authenticating, ==, "MS-CHAPv2");
  g_assert_cmpstr (f->auth_result, ==, "691");
  g_assert_cmpuint (f->finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  g_assert_false (f->network_up);
}

static void
test_silent_line (Fixture       *f,
                  gconstpointer  data)
{
  DtPppConfig c = isp_config ("dialtone-secret");
  gboolean never = FALSE;
  gint64 start;

  if (f->isp == NULL)
    return;
  c.restart_ms = 300;
  c.max_configure = 4;
  start = g_get_monotonic_time ();
  dial (f, "5550180", &c);
  g_assert_true (run_until (&f->finished, &never, 20000));
  g_assert_cmpuint (f->finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  /* Four requests, one restart period apart, then the fourth period. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * 300 * 1000);
  /* Leave the modem in command mode for the next test. */
  dt_test_isp_send (f->fd, "+++");
}

static const char *const pap[] = { "5550110", "PAP" };
static const char *const chap[] = { "5550111", "CHAP-MD5" };
static const char *const mschapv2[] = { "5550112", "MS-CHAPv2" };
static const char *const none[] = { "5550113", "" };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/ppp/isp/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("pap", pap, test_connect);
  ADD ("chap-md5", chap, test_connect);
  ADD ("mschapv2", mschapv2, test_connect);
  ADD ("no-auth", none, test_connect);
  ADD ("compression-off", GUINT_TO_POINTER (0), test_compression);
  ADD ("vj-only", GUINT_TO_POINTER (DT_PPP_COMPRESSION_VJ), test_compression);
  ADD ("deflate-only", GUINT_TO_POINTER (DT_PPP_COMPRESSION_DEFLATE), test_compression);
  ADD ("wrong-password", NULL, test_wrong_password);
  ADD ("silent-line", NULL, test_silent_line);
#undef ADD

  return g_test_run ();
}
