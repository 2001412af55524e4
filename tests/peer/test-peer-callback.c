/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's CBCP server and ring-back, driven over its pty by a client written out
 * byte by byte here: LCP with the Callback option, MS-CHAPv2, a Callback-Request of the
 * offered types, the client's Callback-Response and the server's Ack (MS-CBCP 2.2.4), the
 * line dropped, RING, ATA, and LCP, authentication and IPCP again on the call back.  Also
 * the refused number, malformed Responses, the server hanging up itself, a server that never
 * calls back, and S0's auto-answer. */

#include <string.h>

#include "dt-test-peer.h"
#include "test-peer-link.h"

#define WAIT 5000
#define CBCP 0xc029
#define LCP  0xc021


/* Callback-Response id 1: callback to a user-specified number, delay 5 s, PSTN, "5550123". */
static const guint8 response_5550123[] = {
  0x02, 0x01, 0x00, 0x10,
  0x02, 0x0c, 0x05, 0x01, '5', '5', '5', '0', '1', '2', '3', 0x00 };

typedef TestCall Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  test_call_init (f, 1570);
  f->sc.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  f->sc.ring_delay_ms = 300;
  f->sc.ring_interval_ms = 200;
  f->sc.admin_number = "5550199";
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  test_call_clear (f);
}

static void
authenticate (Fixture *f)
{
  g_autofree char *success = NULL;
  guint8 challenge[16];
  guint8 id = test_ppp_challenge (f->link, challenge);

  test_ppp_send_response (f->link, id, rfc_peer_challenge, rfc_nt_response, "User");
  success = test_ppp_chap_message (f->link, 3, id);
  g_assert_true (g_str_has_prefix (success, "S=407A5589115FD0D6209F510FE9C04566932CDA56 M="));
}

/* Dial, LCP with the Callback option, MS-CHAPv2: up to the Callback-Request. */
static void
start (Fixture *f)
{
  test_call_dial (f, TRUE);
  g_assert_true (dt_test_peer_get_outcome (f->peer)->callback_option_acked);
  authenticate (f);
  g_assert_cmpint (dt_test_peer_get_phase (f->peer), ==, DT_TEST_PEER_PHASE_CALLBACK);
}

static void
expect_packet (Fixture *f, guint16 protocol, const guint8 *bytes, gsize len)
{
  g_autoptr (GBytes) packet = test_link_wait_packet (f->link, protocol, bytes[0], WAIT);
  const guint8 *p;
  gsize got;

  g_assert_nonnull (packet);
  p = g_bytes_get_data (packet, &got);
  g_assert_cmpmem (p, got, bytes, len);
}

static void
send_packet (Fixture *f, guint16 protocol, const guint8 *bytes, gsize len)
{
  test_link_send_packet (f->link, protocol, bytes, len);
}

/* What the engine does to hang up a pty modem: a guard time, "+++", a guard time, ATH0. */
static void
escape_and_hang_up (Fixture *f)
{
  test_run_for (150);
  test_link_send (f->link, "+++");
  g_assert_true (test_link_wait_text (f->link, "\r\nOK\r\n", WAIT));
  test_link_send (f->link, "ATH0\r");
  g_assert_true (test_link_wait_text (f->link, "\r\nOK\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (f->peer));
}

static void
test_user_number (Fixture *f, gconstpointer data)
{
  static const guint8 request[] = { 0x01, 0x01, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00 };
  static const guint8 ipcp[] = { 0x01, 0x01, 0x00, 0x0a, 0x03, 0x06, 0, 0, 0, 0 };
  static const guint8 bye[] = {
    0x05, 0x02, 0x00, 0x10, 'C', 'a', 'l', 'l', ' ', 'm', 'e', ' ', 'b', 'a', 'c', 'k' };
  static const guint8 bye_ack[] = { 0x06, 0x02, 0x00, 0x04 };
  static const guint8 with_callback[] = {
    0x01, 0x01, 0x00, 0x0d, 0x05, 0x06, 0x11, 0x33, 0x51, 0x5b, 0x0d, 0x03, 0x06 };
  static const guint8 callback_rejected[] = { 0x04, 0x01, 0x00, 0x07, 0x0d, 0x03, 0x06 };
  static const guint8 without[] = { 0x01, 0x02, 0x00, 0x0a, 0x05, 0x06, 0x11, 0x33, 0x51, 0x5b };
  guint8 ack[sizeof response_5550123], without_ack[sizeof without];
  g_autoptr (GBytes) server_request = NULL;
  g_autofree guint8 *server_ack = NULL;
  const DtTestPeerOutcome *out;
  gsize len;

  f->sc.ring_count = 5;
  start (f);
  expect_packet (f, CBCP, request, sizeof request);

  send_packet (f, CBCP, response_5550123, sizeof response_5550123);
  memcpy (ack, response_5550123, sizeof ack);
  ack[0] = 0x03;
  expect_packet (f, CBCP, ack, sizeof ack);
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_true (out->callback_acked);
  g_assert_cmpuint (out->callback_type, ==, 2);
  g_assert_cmpuint (out->callback_delay, ==, 5);
  g_assert_cmpstr (out->callback_number, ==, "5550123");
  g_assert_false (out->callback_rejected);

  /* The callback phase discards NCP packets (MS-CBCP 1.3). */
  send_packet (f, 0x8021, ipcp, sizeof ipcp);
  g_assert_null (test_link_wait_packet (f->link, 0x8021, 3, 300));
  g_assert_null (test_link_wait_packet (f->link, 0x8021, 1, 1));

  /* The client closes LCP and hangs up; the server calls back. */
  send_packet (f, LCP, bye, sizeof bye);
  expect_packet (f, LCP, bye_ack, sizeof bye_ack);
  escape_and_hang_up (f);
  test_link_send (f->link, "ATZ\r");
  g_assert_true (test_link_wait_text (f->link, "\r\nOK\r\n", WAIT));
  g_assert_true (test_link_wait_text (f->link, "\r\nRING\r\n", WAIT));
  g_assert_true (test_link_wait_text (f->link, "\r\nRING\r\n", WAIT));
  test_link_send (f->link, "ATA\r");
  g_assert_true (test_link_wait_text (f->link, "\r\nCONNECT 33600\r\n", WAIT));
  g_assert_cmpuint (out->rings_sent, >=, 2);
  g_assert_true (out->callback_answered);
  g_assert_cmpuint (out->calls, ==, 2);

  /* The call back: LCP again, where the Callback option is refused... */
  server_request = test_link_wait_packet (f->link, LCP, 1, WAIT);
  g_assert_nonnull (server_request);
  server_ack = g_bytes_unref_to_data (g_steal_pointer (&server_request), &len);
  server_ack[0] = 2;
  send_packet (f, LCP, server_ack, len);
  send_packet (f, LCP, with_callback, sizeof with_callback);
  expect_packet (f, LCP, callback_rejected, sizeof callback_rejected);
  send_packet (f, LCP, without, sizeof without);
  memcpy (without_ack, without, sizeof without);
  without_ack[0] = 2;
  expect_packet (f, LCP, without_ack, sizeof without_ack);

  /* ... authentication again, and no CBCP: straight to IPCP. */
  authenticate (f);
  test_ppp_ipcp_up (f->link);
  g_assert_true (out->ipcp_opened);
  g_assert_cmpuint (out->auth_successes, ==, 2);
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_SENT, CBCP, 1), ==, 1);
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_SENT,
                                        "CBCP Callback-Ack id=1 <user-number delay=5 "
                                        "address-type=1 address=\"5550123\\x00\">", 1, 1));
  test_call_assert_no_violations (f);
}

static void
test_bad_number (Fixture *f, gconstpointer data)
{
  static const guint8 letters[] = {
    0x02, 0x01, 0x00, 0x14,
    0x02, 0x10, 0x00, 0x01, '5', '5', '5', '-', 'C', 'A', 'L', 'L', '-', 'M', 'E', 0x00 };
  static const char reason[] = "Invalid callback number";
  g_autoptr (GBytes) terminate = NULL;
  g_autofree char *after = NULL;
  const guint8 *p;
  gsize len;

  start (f);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, letters, sizeof letters);

  /* No Callback-Ack: an LCP Terminate-Request that says why. */
  terminate = test_link_wait_packet (f->link, LCP, 5, WAIT);
  g_assert_nonnull (terminate);
  p = g_bytes_get_data (terminate, &len);
  g_assert_cmpmem (p + 4, len - 4, reason, strlen (reason));
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_SENT, CBCP, 3), ==, 0);
  g_assert_true (dt_test_peer_get_outcome (f->peer)->callback_rejected);
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->callback_number, ==, "555-CALL-ME");

  send_packet (f, LCP, (const guint8[]) { 0x06, p[1], 0x00, 0x04 }, 4);
  g_assert_true (test_link_wait_text (f->link, "\r\nNO CARRIER\r\n", WAIT));
  /* And nobody calls back. */
  test_run_for (f->sc.ring_delay_ms + 2 * f->sc.ring_interval_ms + 100);
  after = test_link_take_text (f->link);
  g_assert_null (strstr (after, "RING"));
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->rings_sent, ==, 0);
  test_call_assert_no_violations (f);
}

static void
test_bad_number_retry (Fixture *f, gconstpointer data)
{
  static const guint8 empty[] = { 0x02, 0x01, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00 };
  static const guint8 again[] = { 0x01, 0x02, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00 };
  guint8 good[sizeof response_5550123];

  f->sc.bad_number_retries = 1;
  start (f);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  /* An empty number is no number: the Request again, with the next Identifier. */
  send_packet (f, CBCP, empty, sizeof empty);
  expect_packet (f, CBCP, again, sizeof again);
  g_assert_true (dt_test_peer_get_outcome (f->peer)->callback_rejected);
  memcpy (good, response_5550123, sizeof good);
  good[1] = 2;
  send_packet (f, CBCP, good, sizeof good);
  good[0] = 3;
  expect_packet (f, CBCP, good, sizeof good);
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->callback_number, ==, "5550123");
}

static void
test_malformed_responses (Fixture *f, gconstpointer data)
{
  static const guint8 wrong_id[] = { 0x02, 0x07, 0x00, 0x07, 0x03, 0x03, 0x00 };
  static const guint8 not_offered[] = { 0x02, 0x01, 0x00, 0x07, 0x03, 0x03, 0x00 };
  static const guint8 no_nul[] = { 0x02, 0x02, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, '5' };
  static const guint8 two_options[] = {
    0x02, 0x03, 0x00, 0x0a, 0x01, 0x02, 0x02, 0x04, 0x00, 0x01 };
  static const guint8 lying[] = { 0x02, 0x04, 0x00, 0x0a, 0x02, 0x30, 0x00, 0x01 };
  static const guint8 request_5[] = { 0x01, 0x05, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00 };
  guint8 good[sizeof response_5550123];

  start (f);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, wrong_id, sizeof wrong_id);           /* dropped */
  send_packet (f, CBCP, not_offered, sizeof not_offered);     /* Request id 2 */
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, no_nul, sizeof no_nul);               /* Request id 3 */
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, two_options, sizeof two_options);     /* Request id 4 */
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, lying, 8);                            /* discarded: Length lies */
  /* Silence: the Request again after the restart time, id 5. */
  expect_packet (f, CBCP, request_5, sizeof request_5);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->violations->len, ==, 5);

  memcpy (good, response_5550123, sizeof good);
  good[1] = 5;
  send_packet (f, CBCP, good, sizeof good);
  good[0] = 3;
  expect_packet (f, CBCP, good, sizeof good);
  /* A repeated Response (the Ack was lost) gets the same Ack again. */
  good[0] = 2;
  send_packet (f, CBCP, good, sizeof good);
  good[0] = 3;
  expect_packet (f, CBCP, good, sizeof good);
}

static void
test_admin_number_server_hangs_up (Fixture *f, gconstpointer data)
{
  static const guint8 request[] = { 0x01, 0x01, 0x00, 0x09, 0x01, 0x02, 0x03, 0x03, 0x00 };
  static const guint8 admin[] = { 0x02, 0x01, 0x00, 0x07, 0x03, 0x03, 0x05 };
  static const guint8 admin_ack[] = { 0x03, 0x01, 0x00, 0x07, 0x03, 0x03, 0x05 };
  static const char reason[] = "Calling you back";
  g_autoptr (GBytes) terminate = NULL;
  const guint8 *p;
  gsize len;

  f->sc.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK)
                         | DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_ADMIN_NUMBER);
  f->sc.callback_drop_ms = 300;
  f->sc.ring_count = 2;
  start (f);
  expect_packet (f, CBCP, request, sizeof request);
  send_packet (f, CBCP, admin, sizeof admin);
  expect_packet (f, CBCP, admin_ack, sizeof admin_ack);
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->callback_number, ==, "5550199");

  /* The client keeps the line: the server closes LCP and hangs up. */
  terminate = test_link_wait_packet (f->link, LCP, 5, WAIT);
  g_assert_nonnull (terminate);
  p = g_bytes_get_data (terminate, &len);
  g_assert_cmpmem (p + 4, len - 4, reason, strlen (reason));
  send_packet (f, LCP, (const guint8[]) { 0x06, p[1], 0x00, 0x04 }, 4);
  g_assert_true (test_link_wait_text (f->link, "\r\nNO CARRIER\r\n", WAIT));

  /* Two RINGs nobody answers, then the server gives up. */
  g_assert_true (test_link_wait_text (f->link, "\r\nRING\r\n", WAIT));
  g_assert_true (test_link_wait_text (f->link, "\r\nRING\r\n", WAIT));
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_EVENT,
                                        "the call back gives up after 2 RINGs", 1, WAIT));
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->rings_sent, ==, 2);
  test_link_send (f->link, "ATA\r");
  g_assert_true (test_link_wait_text (f->link, "\r\nNO CARRIER\r\n", WAIT));
  test_call_assert_no_violations (f);
}

static void
test_no_callback_chosen (Fixture *f, gconstpointer data)
{
  static const guint8 request[] = {
    0x01, 0x01, 0x00, 0x0b, 0x01, 0x02, 0x02, 0x05, 0x00, 0x01, 0x00 };
  static const guint8 none[] = { 0x02, 0x01, 0x00, 0x06, 0x01, 0x02 };
  static const guint8 none_ack[] = { 0x03, 0x01, 0x00, 0x06, 0x01, 0x02 };

  f->sc.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK)
                         | DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  start (f);
  expect_packet (f, CBCP, request, sizeof request);
  send_packet (f, CBCP, none, sizeof none);
  expect_packet (f, CBCP, none_ack, sizeof none_ack);
  test_ppp_ipcp_up (f->link);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->callback_type, ==, 1);
  g_assert_true (dt_test_peer_is_online (f->peer));
  test_call_assert_no_violations (f);
}

static void
test_never_rings (Fixture *f, gconstpointer data)
{
  g_autofree char *after = NULL;

  f->sc.ring_count = 0;
  start (f);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, response_5550123, sizeof response_5550123);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 3, WAIT));
  escape_and_hang_up (f);
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_EVENT,
                                        "the server never calls back", 1, WAIT));
  test_run_for (f->sc.ring_delay_ms + 3 * f->sc.ring_interval_ms);
  after = test_link_take_text (f->link);
  g_assert_null (strstr (after, "RING"));
}

static void
test_auto_answer (Fixture *f, gconstpointer data)
{
  f->sc.ring_count = 5;
  start (f);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 1, WAIT));
  send_packet (f, CBCP, response_5550123, sizeof response_5550123);
  g_assert_nonnull (test_link_wait_packet (f->link, CBCP, 3, WAIT));
  escape_and_hang_up (f);
  test_link_send (f->link, "ATS0=2\r");
  g_assert_true (test_link_wait_text (f->link, "\r\nOK\r\n", WAIT));
  g_assert_true (test_link_wait_text (f->link, "\r\nRING\r\n\r\nRING\r\n\r\nCONNECT 33600\r\n",
                                      WAIT));
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->rings_sent, ==, 2);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->calls, ==, 2);
}

static void
test_option_rejected_without_callback (Fixture *f, gconstpointer data)
{
  static const guint8 with_callback[] = {
    0x01, 0x01, 0x00, 0x0d, 0x05, 0x06, 0x11, 0x33, 0x51, 0x5b, 0x0d, 0x03, 0x06 };
  static const guint8 rejected[] = { 0x04, 0x01, 0x00, 0x07, 0x0d, 0x03, 0x06 };

  f->sc.callback_offer = 0;
  f->peer = dt_test_peer_new (&f->sc);
  f->link = test_link_open (dt_test_peer_get_device (f->peer));
  test_link_send (f->link, "ATD1\r");
  g_assert_true (test_link_wait_text (f->link, "CONNECT", WAIT));
  send_packet (f, LCP, with_callback, sizeof with_callback);
  expect_packet (f, LCP, rejected, sizeof rejected);
  g_assert_false (dt_test_peer_get_outcome (f->peer)->callback_option_acked);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/peer/callback/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("user-number", test_user_number);
  ADD ("bad-number", test_bad_number);
  ADD ("bad-number-retry", test_bad_number_retry);
  ADD ("malformed-responses", test_malformed_responses);
  ADD ("admin-number-server-hangs-up", test_admin_number_server_hangs_up);
  ADD ("no-callback-chosen", test_no_callback_chosen);
  ADD ("never-rings", test_never_rings);
  ADD ("auto-answer", test_auto_answer);
  ADD ("option-rejected-without-callback", test_option_rejected_without_callback);
#undef ADD
  return g_test_run ();
}
