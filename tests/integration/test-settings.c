/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every setting of an entry, from the phonebook to the line: a dial to the test ISP with the
 * setting changed, and what the ISP's modem or pppd logged shows it arrived (the modem logs
 * each command it receives, "<- ATDT9,5550100"; pppd logs each packet, "rcvd [IPCP ConfReq
 * id=0x1 <addr 10.64.0.11>]").  Static address, manual DNS, require encryption, software
 * flow control, dial prefix, pulse dialling, speaker, init strings, extra commands, and a
 * direct cable (no AT command at all: the line is already connected). */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-connection.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestDialCall call;
  gboolean dial_ok;
  GError *dial_error;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!dt_test_dial_call_set_up (&f->call))
    return;
  f->call.check_nothing_left = TRUE;
  dt_entry_set_name (f->call.entry, "Settings ISP");
  dt_entry_set_number (f->call.entry, "5550113");   /* pppd without authentication */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_dial_call_tear_down (&f->call);
  g_clear_error (&f->dial_error);
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->call.isp == NULL) return; } G_STMT_END

static void
dial (Fixture *f)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);

  f->dial_ok = dt_test_dial_sync (f->call.connection, f->call.entry, credentials, &f->dial_error);
}

/* What the line's modem and pppd logged since the test began. */
static char *
isp_log (Fixture *f)
{
  return dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
}

static void
assert_logged (Fixture    *f,
               const char *needle)
{
  g_autofree char *log = NULL;

  g_assert_true (dt_test_dial_call_isp_said (&f->call, needle));
  log = isp_log (f);
  g_assert_nonnull (strstr (log, needle));
}

static void
connect_and_hang_up (Fixture *f)
{
  dial (f);
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);
  dt_test_dial_hang_up (f->call.connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
}

/* The modem's commands --------------------------------------------------------------------- */

static void
test_dial_prefix_and_pulse (Fixture       *f,
                            gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  dt_entry_set_dial_prefix (f->call.entry, "9,");
  dt_entry_set_dial_mode (f->call.entry, DT_DIAL_MODE_PULSE);
  dt_entry_set_number (f->call.entry, "555-0113");
  connect_and_hang_up (f);
  assert_logged (f, "modem: <- ATDP9,5550113");
}

static void
test_speaker_init_and_extra (Fixture       *f,
                             gconstpointer  data)
{
  const char *init[] = { "AT&F", "ATS7=45 L1", NULL };
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_init_strings (f->call.entry, init);
  dt_entry_set_speaker (f->call.entry, DT_SPEAKER_OFF);
  dt_entry_set_extra_commands (f->call.entry, "ATS11=50");
  connect_and_hang_up (f);
  /* In this order: the init strings, the speaker, the extra commands, the dial. */
  assert_logged (f, "modem: <- ATDT5550113");
  log = isp_log (f);
  {
    const char *a = strstr (log, "modem: <- AT&F");
    const char *b = a ? strstr (a, "modem: <- ATS7=45 L1") : NULL;
    const char *c = b ? strstr (b, "modem: <- ATM0") : NULL;
    const char *d = c ? strstr (c, "modem: <- ATS11=50") : NULL;
    const char *e = d ? strstr (d, "modem: <- ATDT5550113") : NULL;

    g_assert_nonnull (e);
  }
  /* The default init strings were replaced, not added to. */
  g_assert_null (strstr (log, "modem: <- ATZ"));
}

/* PPP -------------------------------------------------------------------------------------- */

static void
test_static_address (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *address = g_strdup_printf ("10.64.0.%u", 10 + f->call.line_number);
  g_autofree char *asked = g_strdup_printf ("rcvd [IPCP ConfReq id=0x1 <compress VJ 0f 01> <addr %s>", address);
  g_autoptr (DtConnStatus) status = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_ip_mode (f->call.entry, DT_IP_MODE_STATIC);
  dt_entry_set_static_address (f->call.entry, address);
  dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->local_address, ==, address);
  assert_logged (f, asked);
  dt_test_dial_hang_up (f->call.connection);
}

static void
test_manual_dns (Fixture       *f,
                 gconstpointer  data)
{
  const char *servers[] = { "192.0.2.53", "198.51.100.53", NULL };
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_dns_mode (f->call.entry, DT_DNS_MODE_MANUAL);
  dt_entry_set_dns_servers (f->call.entry, servers);
  dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->dns_servers[0], ==, "192.0.2.53");
  g_assert_cmpstr (status->dns_servers[1], ==, "198.51.100.53");
  g_assert_null (status->dns_servers[2]);
  /* The server was not asked for any: just the address (after Van Jacobson compression). */
  assert_logged (f, "rcvd [IPCP ConfReq id=0x1 <compress VJ 0f 01> <addr 0.0.0.0>]");
  log = isp_log (f);
  g_assert_null (strstr (log, "<addr 0.0.0.0> <ms-dns1"));
  dt_test_dial_hang_up (f->call.connection);
}

static void
test_software_flow_control (Fixture       *f,
                            gconstpointer  data)
{
  SKIP_IF_NO_ISP (f);
  dt_entry_set_flow_control (f->call.entry, DT_FLOW_CONTROL_SOFTWARE);
  connect_and_hang_up (f);
  /* XON and XOFF must reach us escaped: our LCP asks for them in the map.  (Whichever
   * request pppd heard first: the dial sends one at CONNECT, maybe before pppd runs.) */
  assert_logged (f, " <mru 1500> <asyncmap 0xa0000> <magic ");
}

/* A server that takes only PAP, and an entry that requires an encrypted password: no PAP
 * request ever leaves, and the dial ends with 720, which says why. */
static void
test_require_encryption (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_number (f->call.entry, "5550110");
  dt_entry_set_require_encryption (f->call.entry, TRUE);
  dial (f);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_nonnull (strstr (dt_connection_get_error_message (f->call.connection), "PAP"));
  assert_logged (f, "rcvd [LCP ConfNak id=0x1 <auth chap MS-v2>]");
  log = isp_log (f);
  g_assert_null (strstr (log, "rcvd [PAP AuthReq"));
}

/* A direct cable: the other end is already talking PPP (here, a line the test dialled
 * itself), and the engine sends no AT command, only PPP. */
static void
test_direct_cable (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *log = NULL;
  const char *after;
  int fd;

  SKIP_IF_NO_ISP (f);
  fd = dt_test_isp_open_line (f->call.line);
  g_assert_cmpint (fd, >=, 0);
  dt_test_isp_send (fd, "ATDT5550113\r");
  g_assert_true (dt_test_isp_expect (fd, "CONNECT", 10000, NULL));
  close (fd);
  f->call.log_offset = dt_test_isp_get_log_offset (f->call.isp);
  dt_entry_set_device_type (f->call.entry, DT_DEVICE_TYPE_DIRECT);
  dial (f);
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);
  assert_logged (f, "rcvd [LCP ConfReq id=0x");
  log = isp_log (f);
  after = log;
  g_assert_null (strstr (after, "modem: <- AT"));
  dt_test_dial_hang_up (f->call.connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GLib's worker context and the default one each make an eventfd once per process: before
   * the tests count their file descriptors. */
  g_type_ensure (G_TYPE_TASK);
  g_main_context_default ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/settings/dial-prefix-and-pulse", test_dial_prefix_and_pulse);
  ADD ("/settings/speaker-init-and-extra", test_speaker_init_and_extra);
  ADD ("/settings/static-address", test_static_address);
  ADD ("/settings/manual-dns", test_manual_dns);
  ADD ("/settings/software-flow-control", test_software_flow_control);
  ADD ("/settings/require-encryption", test_require_encryption);
  ADD ("/settings/direct-cable", test_direct_cable);
#undef ADD

  return g_test_run ();
}
