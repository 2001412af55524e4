/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A DtAnswer against a caller that sends its requests as Windows Dial-Up Networking does
 * (dt-test-caller.c plays it byte for byte, with the tests' own framing and RFC 2759 crypto):
 *
 *   - through two modems (dt-test-exchange.c): LCP with the asyncmap, magic, PFC, ACFC,
 *     Callback (CBCP) and the Multilink options Windows asks for, LCP Identification,
 *     MS-CHAPv2 with a "DOMAIN\user" name (the caller checks our S=), CBCP "no callback",
 *     CCP (MPPC/MPPE), and IPCP with VJ, the address, DNS and WINS all at 0.0.0.0;
 *   - on a null-modem cable: Windows' "CLIENT" hello, which gets "CLIENTSERVER", then a
 *     first Configure-Request sent once only (the answering side must answer that one, not
 *     wait for another), and PAP;
 *   - before it has logged in, the caller sends IPCP, IP, CCP, CBCP and IPv6CP: nothing but
 *     LCP comes back, and the IPCP sent then is never answered;
 *   - a wrong password, then the caller hangs up at once: still a failed login, which the
 *     next answer waits for (the back-off);
 *   - a number to be called back at that would make the modem do more than dial ("…;H"):
 *     no CBCP Ack, LCP "Invalid callback number", 704, and no call back. */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include "dt-answer.h"
#include "dt-test-caller.h"
#include "dt-test-cable.h"
#include "dt-test-exchange.h"
#include "dt-test-keyring.h"
#include "dt-test-peer-crypto.h"
#include "dt-test-server.h"

#define LCP  0xc021
#define PAP  0xc023
#define CHAP 0xc223
#define CBCP 0xc029
#define IPCP 0x8021
#define CCP  0x80fd

static DtTestKeyring *keyring;

/* The answering side ------------------------------------------------------------------------ */

/* alice and carol (dt-test-server.h), and one DNS server, so that the caller's second DNS
 * and WINS are refused. */
static void
server_init (DtTestServer *server,
             const char   *device,
             DtDeviceType  type,
             guint         methods)
{
  g_autoptr (GError) error = NULL;
  const char *dns[] = { "10.77.0.53", NULL };

  dt_test_server_init (server, "dialtone-answer-windows", methods);
  g_assert_true (dt_incoming_set_dns_servers (server->incoming, dns, &error));
  dt_test_server_start (server, device, type);
}

/* The caller's script --------------------------------------------------------------------- */

static const guint8 *
packet_data (GBytes *packet,
             gsize  *len)
{
  g_assert_nonnull (packet);
  return g_bytes_get_data (packet, len);
}

/* Whether a Configure-* packet lists an option of @type. */
static gboolean
lists_option (GBytes *packet,
              guint8  type)
{
  gsize len;
  const guint8 *p = packet_data (packet, &len);

  for (gsize i = 4; i + 2 <= len && p[i + 1] >= 2; i += p[i + 1])
    if (p[i] == type)
      return TRUE;
  return FALSE;
}

/* The server's own Configure-Request, acknowledged as it is. */
static GBytes *
ack_server_request (DtTestCaller *c,
                    guint16       protocol)
{
  g_autoptr (GBytes) request = dt_test_caller_expect (c, protocol, 1, 5000);
  gsize len;
  const guint8 *p = packet_data (request, &len);

  dt_test_caller_send_packet (c, protocol, 2, p[1], p + 4, len - 4);
  return g_steal_pointer (&request);
}

/* LCP as Windows opens it: its first Configure-Request (sent once) asks for what Windows
 * asks, with Multilink; the server's Reject must answer that very request.  Then the same
 * without what was rejected.  Returns the server's request, which names the authentication. */
static GBytes *
open_lcp (DtTestCaller *c,
          gboolean      callback_acked)
{
  static const guint8 options[] = {
    0x02, 6, 0, 0, 0, 0,                   /* asyncmap 0 */
    0x05, 6, 0x5b, 0x1f, 0x5c, 0x56,       /* magic */
    0x07, 2,                               /* PFC */
    0x08, 2,                               /* ACFC */
    0x0d, 3, 6,                            /* Callback: CBCP */
    0x11, 4, 0x06, 0x4e,                   /* MRRU 1614 */
    0x13, 23, 1, 0x8c, 0x3e, 0x31, 0x71, 0x7a, 0x1c, 0x4f, 0x2d, 0x9b, 0x52, 0x10, 0x77,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,         /* Endpoint Discriminator */
  };
  g_autoptr (GBytes) reject = NULL;
  g_autoptr (GBytes) ack = NULL;
  g_autoptr (GByteArray) again = g_byte_array_new ();
  GBytes *server_request;
  gsize len;

  dt_test_caller_send_packet (c, LCP, 1, 1, options, sizeof options);
  /* Windows would send it again 3 s later: the answer must come before. */
  reject = dt_test_caller_expect (c, LCP, 4, 2500);
  g_assert_nonnull (reject);
  g_assert_cmpuint (packet_data (reject, &len)[1], ==, 1);
  g_assert_true (lists_option (reject, 0x11));
  g_assert_true (lists_option (reject, 0x13));
  g_assert_cmpint (lists_option (reject, 0x0d), !=, callback_acked);
  g_assert_false (lists_option (reject, 0x02) || lists_option (reject, 0x05) ||
                  lists_option (reject, 0x07) || lists_option (reject, 0x08));

  g_byte_array_append (again, options, 16);
  if (callback_acked)
    g_byte_array_append (again, options + 16, 3);
  dt_test_caller_send_packet (c, LCP, 1, 2, again->data, again->len);
  ack = dt_test_caller_expect (c, LCP, 2, 5000);
  g_assert_nonnull (ack);
  g_assert_cmpuint (packet_data (ack, &len)[1], ==, 2);
  server_request = ack_server_request (c, LCP);

  /* Windows names itself once LCP is open: an LCP code the server does not know. */
  {
    static const guint8 ident[] = { 0x5b, 0x1f, 0x5c, 0x56, 'M', 'S', 'R', 'A', 'S', 'V', '5',
                                    '.', '1', '0' };
    g_autoptr (GBytes) reject_code = NULL;

    dt_test_caller_send_packet (c, LCP, 12, 3, ident, sizeof ident);
    reject_code = dt_test_caller_expect (c, LCP, 7, 5000);
    g_assert_nonnull (reject_code);
    g_assert_cmpuint (packet_data (reject_code, &len)[4], ==, 12);
  }
  return server_request;
}

/* MS-CHAPv2 as Windows answers the Challenge: @name may carry a "DOMAIN\"; the hash uses the
 * user name alone (RFC 2759 §4).  Returns the Success or Failure. */
static GBytes *
mschapv2_login (DtTestCaller *c,
                const char   *name,
                const char   *user,
                const char   *password,
                char        **s_expected)
{
  static const guint8 peer_challenge[16] = { 0x21, 0x40, 0x23, 0x24, 0x25, 0x5e, 0x26, 0x2a,
                                             0x28, 0x29, 0x5f, 0x2b, 0x3a, 0x33, 0x7c, 0x7e };
  g_autoptr (GBytes) challenge = dt_test_caller_expect (c, CHAP, 1, 5000);
  g_autoptr (GByteArray) response = g_byte_array_new ();
  guint8 nt_response[24];
  guint8 hash[16];
  guint8 zero[8] = { 0 };
  guint8 size = 49, flags = 0;
  gsize len;
  const guint8 *p = packet_data (challenge, &len);
  GBytes *answer;

  g_assert_cmpuint (len, >=, 4 + 1 + 16);
  g_assert_cmpuint (p[4], ==, 16);
  g_assert_true (dt_test_mschapv2_generate_nt_response (p + 5, peer_challenge, user, password,
                                                        nt_response));
  g_assert_true (dt_test_mschapv2_nt_password_hash (password, hash));
  *s_expected = dt_test_mschapv2_authenticator_response (hash, nt_response, peer_challenge,
                                                         p + 5, user);
  g_byte_array_append (response, &size, 1);
  g_byte_array_append (response, peer_challenge, 16);
  g_byte_array_append (response, zero, 8);
  g_byte_array_append (response, nt_response, 24);
  g_byte_array_append (response, &flags, 1);
  g_byte_array_append (response, (const guint8 *) name, strlen (name));
  dt_test_caller_send_packet (c, CHAP, 2, p[1], response->data, response->len);

  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       g_get_monotonic_time () < end;)
    {
      answer = dt_test_caller_expect (c, CHAP, 3, 10);
      if (answer == NULL)
        answer = dt_test_caller_expect (c, CHAP, 4, 10);
      if (answer != NULL)
        {
          g_assert_cmpuint (packet_data (answer, &len)[1], ==, p[1]);
          return answer;
        }
    }
  g_assert_not_reached ();
}

static char *
message_of (GBytes *packet)
{
  gsize len;
  const guint8 *p = packet_data (packet, &len);

  return g_strndup ((const char *) p + 4, len - 4);
}

/* IPCP as Windows 98 asks: VJ compression, address, primary DNS, primary WINS, secondary DNS,
 * secondary WINS, all 0.0.0.0; then what the server says.  Returns the address it got. */
static char *
windows_ipcp (DtTestCaller *c)
{
  static const guint8 first[] = {
    0x02, 6, 0x00, 0x2d, 0x0f, 0x01,       /* VJ, 15 slots, slot-id compression */
    0x03, 6, 0, 0, 0, 0,
    0x81, 6, 0, 0, 0, 0,
    0x82, 6, 0, 0, 0, 0,
    0x83, 6, 0, 0, 0, 0,
    0x84, 6, 0, 0, 0, 0,
  };
  static const guint8 second[] = { 0x03, 6, 0, 0, 0, 0, 0x81, 6, 0, 0, 0, 0 };
  g_autoptr (GBytes) reject = NULL;
  g_autoptr (GBytes) nak = NULL;
  g_autoptr (GBytes) ack = NULL;
  g_autoptr (GBytes) server_request = NULL;
  gsize len;
  const guint8 *p;

  dt_test_caller_send_packet (c, IPCP, 1, 1, first, sizeof first);
  reject = dt_test_caller_expect (c, IPCP, 4, 5000);
  g_assert_nonnull (reject);
  g_assert_true (lists_option (reject, 0x02) && lists_option (reject, 0x82) &&
                 lists_option (reject, 0x83) && lists_option (reject, 0x84));
  g_assert_false (lists_option (reject, 0x03) || lists_option (reject, 0x81));

  dt_test_caller_send_packet (c, IPCP, 1, 2, second, sizeof second);
  nak = dt_test_caller_expect (c, IPCP, 3, 5000);
  g_assert_nonnull (nak);
  p = packet_data (nak, &len);
  g_assert_cmpuint (len, ==, 4 + 12);
  g_assert_cmpuint (p[4], ==, 0x03);
  g_assert_cmpuint (p[10], ==, 0x81);
  g_assert_cmpmem (p + 12, 4, ((const guint8[]) { 10, 77, 0, 53 }), 4);
  dt_test_caller_send_packet (c, IPCP, 1, 3, p + 4, len - 4);
  ack = dt_test_caller_expect (c, IPCP, 2, 5000);
  g_assert_nonnull (ack);
  g_assert_cmpuint (packet_data (ack, &len)[1], ==, 3);
  server_request = ack_server_request (c, IPCP);
  return g_strdup_printf ("%u.%u.%u.%u", p[6], p[7], p[8], p[9]);
}

static void
dial (DtTestCaller *c)
{
  /* Once the answering modem is set up (its ATZ would hang the call up). */
  dt_test_caller_spin (c, 1000);
  dt_test_caller_write (c, "ATDT5550100\r");
  g_assert_true (dt_test_caller_wait_text (c, "CONNECT", 10000));
}

/* Frames the server sent, from @from, that are not LCP or @auth. */
static guint
count_others (DtTestCaller *c,
              guint         from,
              guint16       auth)
{
  GArray *frames = dt_test_caller_get_frames (c);
  guint n = 0;

  for (guint i = from; i < frames->len; i++)
    {
      guint16 p = g_array_index (frames, DtTestCallerFrame, i).protocol;

      n += p != LCP && p != auth;
    }
  return n;
}

/* The tests ---------------------------------------------------------------------------------- */

/* Through two modems, as Windows: MS-CHAPv2 with a domain in the name, our S= checked, CBCP
 * "no callback", CCP refused, IPCP narrowed down to the address and one DNS server. */
static void
test_mschapv2 (void)
{
  DtTestExchange *exchange = dt_test_exchange_new ();
  DtTestServer server = { 0 };
  g_autoptr (DtTestCaller) c = NULL;
  g_autoptr (GBytes) lcp_request = NULL;
  g_autoptr (GBytes) success = NULL;
  g_autoptr (GBytes) cbcp_request = NULL;
  g_autoptr (GBytes) cbcp_ack = NULL;
  g_autoptr (GBytes) prot_rej = NULL;
  g_autoptr (GBytes) term_ack = NULL;
  g_autofree char *s = NULL;
  g_autofree char *text = NULL;
  g_autofree char *address = NULL;
  static const guint8 no_callback[] = { 0x01, 0x02 };
  static const guint8 mppe[] = { 0x12, 6, 0x01, 0x00, 0x00, 0x60 };
  gsize len;
  const guint8 *p;

  server_init (&server, dt_test_exchange_get_line (exchange, 1), DT_DEVICE_TYPE_MODEM,
               DT_AUTH_ALL);
  c = dt_test_caller_new (dt_test_exchange_get_line (exchange, 0));
  dial (c);
  lcp_request = open_lcp (c, TRUE);
  /* MS-CHAPv2 is asked for first. */
  p = packet_data (lcp_request, &len);
  g_assert_nonnull (memmem (p + 4, len - 4, "\x03\x05\xc2\x23\x81", 5));

  success = mschapv2_login (c, "WORKGROUP\\alice", "alice", "wonderland", &s);
  g_assert_cmpuint (packet_data (success, &len)[0], ==, 3);
  text = message_of (success);
  g_test_message ("Success: %s", text);
  g_assert_true (g_str_has_prefix (text, s));
  g_assert_cmpuint (text[strlen (s)], ==, ' ');

  /* Windows asked for a callback in LCP, so it waits for CBCP; alice has none. */
  cbcp_request = dt_test_caller_expect (c, CBCP, 1, 5000);
  g_assert_nonnull (cbcp_request);
  p = packet_data (cbcp_request, &len);
  g_assert_cmpmem (p + 4, len - 4, no_callback, sizeof no_callback);
  dt_test_caller_send_packet (c, CBCP, 2, p[1], no_callback, sizeof no_callback);
  cbcp_ack = dt_test_caller_expect (c, CBCP, 3, 5000);
  g_assert_nonnull (cbcp_ack);

  dt_test_caller_send_packet (c, CCP, 1, 1, mppe, sizeof mppe);
  prot_rej = dt_test_caller_expect (c, LCP, 8, 5000);
  g_assert_nonnull (prot_rej);
  g_assert_cmpmem (packet_data (prot_rej, &len) + 4, 2, ((const guint8[]) { 0x80, 0xfd }), 2);

  address = windows_ipcp (c);
  g_assert_cmpstr (address, ==, "10.77.0.2");
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  g_assert_cmpstr (dt_answer_get_user (server.answer), ==, "alice");
  g_assert_cmpstr (dt_answer_get_remote_address (server.answer), ==, "10.77.0.2");
  {
    g_autoptr (DtConnStatus) status = dt_answer_get_status (server.answer);

    g_assert_cmpstr (status->auth_protocol, ==, "MS-CHAPv2");
    g_assert_cmpuint (status->link_speed, ==, 33600);
  }

  dt_test_caller_send_packet (c, LCP, 5, 9, (const guint8 *) "User request", 12);
  term_ack = dt_test_caller_expect (c, LCP, 6, 5000);
  g_assert_nonnull (term_ack);
  /* The answering side hangs up its modem, and listens again. */
  g_assert_true (dt_test_caller_wait_text (c, "NO CARRIER", 10000));
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_LISTENING);
  g_assert_true (dt_test_server_has_state (&server, DT_CONN_STATE_DISCONNECTED));

  g_clear_pointer (&c, dt_test_caller_free);
  dt_test_server_clear (&server);
  dt_test_exchange_free (exchange);
}

/* On a null-modem cable: Windows' hello, one first Configure-Request only, then PAP; and
 * before logging in, everything but LCP gets no answer. */
static void
test_cable_pap (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  DtTestServer server = { 0 };
  g_autoptr (DtTestCaller) c = NULL;
  g_autoptr (GBytes) lcp_request = NULL;
  g_autoptr (GBytes) pap_ack = NULL;
  g_autofree char *address = NULL;
  static const guint8 early_ipcp[] = { 0x03, 6, 10, 77, 0, 99 };
  static const guint8 ping[] = { 0x45, 0, 0, 28, 0, 1, 0, 0, 64, 1, 0, 0, 10, 77, 0, 99, 10, 77,
                                 0, 1, 8, 0, 0xf7, 0xfe, 0, 1, 0, 0 };
  static const guint8 mppe[] = { 0x12, 6, 0x01, 0x00, 0x00, 0x60 };
  static const guint8 cbcp[] = { 0x01, 0x02 };
  static const guint8 ipv6cp[] = { 0x01, 10, 0, 0, 0, 0, 0, 0, 0, 1 };
  static const guint8 pap[] = { 5, 'a', 'l', 'i', 'c', 'e', 10, 'w', 'o', 'n', 'd', 'e', 'r',
                                'l', 'a', 'n', 'd' };
  GArray *frames;
  guint before;
  gsize len;
  const guint8 *p;

  server_init (&server, dt_test_cable_get_end (cable, 1), DT_DEVICE_TYPE_DIRECT,
               DT_AUTH_PAP);
  c = dt_test_caller_new (dt_test_cable_get_end (cable, 0));
  dt_test_caller_write (c, "CLIENT");
  g_assert_true (dt_test_caller_wait_text (c, "CLIENTSERVER", 5000));
  lcp_request = open_lcp (c, FALSE);
  p = packet_data (lcp_request, &len);
  g_assert_nonnull (memmem (p + 4, len - 4, "\x03\x04\xc0\x23", 4));
  g_assert_cmpuint (dt_answer_get_state (server.answer), ==,
                    DT_CONN_STATE_AUTHENTICATING_CALLER);

  /* An eager (or hostile) caller: the network before the login. */
  frames = dt_test_caller_get_frames (c);
  before = frames->len;
  dt_test_caller_send_packet (c, IPCP, 1, 0x42, early_ipcp, sizeof early_ipcp);
  dt_test_caller_send (c, 0x0021, ping, sizeof ping);
  dt_test_caller_send_packet (c, CCP, 1, 1, mppe, sizeof mppe);
  dt_test_caller_send_packet (c, CBCP, 2, 1, cbcp, sizeof cbcp);
  dt_test_caller_send_packet (c, 0x8057, 1, 1, ipv6cp, sizeof ipv6cp);
  dt_test_caller_spin (c, 700);
  g_assert_cmpuint (count_others (c, before, PAP), ==, 0);
  g_assert_cmpuint (frames->len, ==, before);
  g_assert_cmpuint (dt_answer_get_state (server.answer), ==,
                    DT_CONN_STATE_AUTHENTICATING_CALLER);

  dt_test_caller_send_packet (c, PAP, 1, 7, pap, sizeof pap);
  pap_ack = dt_test_caller_expect (c, PAP, 2, 5000);
  g_assert_nonnull (pap_ack);
  g_assert_cmpuint (packet_data (pap_ack, &len)[1], ==, 7);

  address = windows_ipcp (c);
  g_assert_cmpstr (address, ==, "10.77.0.2");
  /* The IPCP request sent before the login was never answered. */
  frames = dt_test_caller_get_frames (c);
  for (guint i = 0; i < frames->len; i++)
    {
      DtTestCallerFrame *f = &g_array_index (frames, DtTestCallerFrame, i);

      if (f->protocol == IPCP)
        g_assert_cmpuint (((const guint8 *) g_bytes_get_data (f->info, NULL))[1], !=, 0x42);
    }
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_CONNECTED);
  g_assert_cmpstr (dt_answer_get_user (server.answer), ==, "alice");

  g_clear_pointer (&c, dt_test_caller_free);
  dt_test_server_clear (&server);
}

/* A wrong password, and the line drops at once instead of a second try: it was a failed
 * login all the same, which the line waits for (2 s) before it answers again. */
static void
test_hang_up_after_failure (void)
{
  DtTestExchange *exchange = dt_test_exchange_new ();
  DtTestServer server = { 0 };
  g_autoptr (DtTestCaller) c = NULL;
  g_autoptr (GBytes) lcp_request = NULL;
  g_autoptr (GBytes) failure = NULL;
  g_autofree char *s = NULL;
  g_autofree char *text = NULL;
  guint n_states;
  gsize len;

  server_init (&server, dt_test_exchange_get_line (exchange, 1), DT_DEVICE_TYPE_MODEM,
               DT_AUTH_MSCHAPV2);
  c = dt_test_caller_new (dt_test_exchange_get_line (exchange, 0));
  dial (c);
  lcp_request = open_lcp (c, TRUE);
  failure = mschapv2_login (c, "alice", "alice", "looking-glass", &s);
  g_assert_cmpuint (packet_data (failure, &len)[0], ==, 4);
  text = message_of (failure);
  g_assert_true (g_str_has_prefix (text, "E=691 R=1 C="));
  /* The carrier drops on the answering side's line (its pty reads EIO). */
  dt_test_exchange_cut (exchange, 1);

  dt_test_server_wait_for_state (&server, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpstr (server.refused_user, ==, "alice");
  g_assert_cmpuint (server.refused_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  /* Nothing more for most of the back-off (without it, the port would open again after
   * half a second); then stop, before it tries the line that is gone. */
  n_states = server.states->len;
  dt_test_caller_spin (c, 1500);
  g_assert_cmpuint (server.states->len, ==, n_states);

  g_clear_pointer (&c, dt_test_caller_free);
  dt_test_server_clear (&server);
  dt_test_exchange_free (exchange);
}

/* carol may give her own number; one that goes on past the number (";H0") is not dialed. */
static void
test_bad_callback_number (void)
{
  DtTestExchange *exchange = dt_test_exchange_new ();
  DtTestServer server = { 0 };
  g_autoptr (DtTestCaller) c = NULL;
  g_autoptr (GBytes) lcp_request = NULL;
  g_autoptr (GBytes) success = NULL;
  g_autoptr (GBytes) cbcp_request = NULL;
  g_autoptr (GBytes) terminate = NULL;
  g_autoptr (GBytes) cbcp_ack = NULL;
  g_autofree char *s = NULL;
  g_autofree char *reason = NULL;
  static const char number[] = "5550177;H0";
  g_autoptr (GByteArray) option = g_byte_array_new ();
  guint8 head[4] = { 0x02, 4 + sizeof number, 0, 0x01 };
  gsize len;
  const guint8 *p;

  server_init (&server, dt_test_exchange_get_line (exchange, 1), DT_DEVICE_TYPE_MODEM,
               DT_AUTH_MSCHAPV2);
  c = dt_test_caller_new (dt_test_exchange_get_line (exchange, 0));
  dial (c);
  lcp_request = open_lcp (c, TRUE);
  success = mschapv2_login (c, "carol", "carol", "looking-glass", &s);
  g_assert_cmpuint (packet_data (success, &len)[0], ==, 3);
  cbcp_request = dt_test_caller_expect (c, CBCP, 1, 5000);
  g_assert_nonnull (cbcp_request);
  p = packet_data (cbcp_request, &len);
  g_byte_array_append (option, head, sizeof head);
  g_byte_array_append (option, (const guint8 *) number, sizeof number);
  dt_test_caller_send_packet (c, CBCP, 2, p[1], option->data, option->len);

  terminate = dt_test_caller_expect (c, LCP, 5, 5000);
  g_assert_nonnull (terminate);
  reason = message_of (terminate);
  g_assert_cmpstr (reason, ==, "Invalid callback number");
  p = packet_data (terminate, &len);
  dt_test_caller_send_packet (c, LCP, 6, p[1], NULL, 0);
  dt_test_server_wait_for_state (&server, DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_answer_get_error_code (server.answer), ==,
                    DT_RAS_ERROR_BAD_CALLBACK_NUMBER);
  cbcp_ack = dt_test_caller_expect (c, CBCP, 3, 10);
  g_assert_null (cbcp_ack);
  g_assert_false (dt_test_server_has_state (&server, DT_CONN_STATE_CALLING_BACK));
  g_assert_cmpstr (dt_test_exchange_get_dialed (exchange, 1), ==, "");

  g_clear_pointer (&c, dt_test_caller_free);
  dt_test_server_clear (&server);
  dt_test_exchange_free (exchange);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);

  g_test_add_func ("/answer-windows/mschapv2", test_mschapv2);
  g_test_add_func ("/answer-windows/cable-pap", test_cable_pap);
  g_test_add_func ("/answer-windows/hang-up-after-failure", test_hang_up_after_failure);
  g_test_add_func ("/answer-windows/bad-callback-number", test_bad_callback_number);

  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
