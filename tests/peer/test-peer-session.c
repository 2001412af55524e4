/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer as a server, driven over its pty by a client written out byte by byte here:
 * LCP, then MS-CHAPv2 with RFC 2759 9.2's values (so the Success must carry the RFC's
 * S=407A...), a refused password, a retry after R=1, an expired password changed with a
 * Change-Password packet built by the tests' own encoder (and refused when the old
 * password is wrong, or when the scenario says so), then IPCP, LCP echo, Protocol-Reject,
 * and the client's Terminate. */

#include <string.h>

#include "dt-test-peer.h"
#include "test-peer-client.h"
#include "test-peer-link.h"

#define WAIT 5000


typedef TestCall Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  test_call_init (f, 2759);
}

static void
start (Fixture *f)
{
  test_call_dial (f, FALSE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  test_call_clear (f);
}

/* E=... R=... C=<32 hex digits> V=3 M=...; returns C= as octets. */
static void
parse_failure (const char *message, guint error, gboolean retry, guint8 challenge[16])
{
  g_autofree char *pattern = g_strdup_printf ("^E=%u R=%d C=([0-9A-F]{32}) V=3 M=.+$", error,
                                              retry ? 1 : 0);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *hex = NULL;

  g_assert_true (g_regex_match (regex, message, 0, &match));
  hex = g_match_info_fetch (match, 1);
  for (guint i = 0; i < 16; i++)
    {
      char byte[3] = { hex[2 * i], hex[2 * i + 1], 0 };

      challenge[i] = (guint8) g_ascii_strtoull (byte, NULL, 16);
    }
}

static void
expect_terminate (Fixture *f, const char *reason)
{
  g_autoptr (GBytes) request = test_link_wait_packet (f->link, 0xc021, 5, WAIT);
  g_autofree guint8 *ack = NULL;
  const guint8 *p;
  gsize len;

  g_assert_nonnull (request);
  p = g_bytes_get_data (request, &len);
  g_assert_cmpmem (p + 4, len - 4, reason, strlen (reason));
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->terminate_reason, ==, reason);
  ack = g_memdup2 ((const guint8[]) { 6, p[1], 0, 4 }, 4);
  test_link_send_packet (f->link, 0xc021, ack, 4);
  g_assert_true (test_link_wait_text (f->link, "\r\nNO CARRIER\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (f->peer));
}

static void
test_mschapv2 (Fixture *f, gconstpointer data)
{
  static const guint8 echo[] = {
    0x09, 0x05, 0x00, 0x0c, 0x11, 0x33, 0x51, 0x5b, 'p', 'i', 'n', 'g' };
  static const guint8 ipv6cp[] = { 0x01, 0x01, 0x00, 0x0e, 0x01, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8 };
  static const guint8 bye[] = { 0x05, 0x09, 0x00, 0x07, 'b', 'y', 'e' };
  guint8 challenge[16];
  guint8 id;
  g_autofree char *message = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GBytes) reject = NULL;
  g_autoptr (GBytes) term_ack = NULL;
  const DtTestPeerOutcome *out;
  const guint8 *p;
  gsize len;

  start (f);
  id = test_ppp_challenge (f->link, challenge);
  g_assert_cmpmem (challenge, 16, rfc_auth_challenge, 16);
  g_assert_cmpint (dt_test_peer_get_phase (f->peer), ==, DT_TEST_PEER_PHASE_AUTHENTICATE);

  test_ppp_send_response (f->link, id, rfc_peer_challenge, rfc_nt_response, "User");
  message = test_ppp_chap_message (f->link, 3, id);
  g_assert_true (g_str_has_prefix (message, "S=407A5589115FD0D6209F510FE9C04566932CDA56 M="));

  test_ppp_ipcp_up (f->link);
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_true (out->lcp_opened);
  g_assert_false (out->callback_option_acked);
  g_assert_cmpstr (out->user, ==, "User");
  g_assert_null (out->domain);
  g_assert_cmpuint (out->auth_successes, ==, 1);
  g_assert_cmpuint (out->auth_failures, ==, 0);
  g_assert_true (out->ipcp_opened);
  g_assert_cmpstr (out->client_ip, ==, "10.77.0.2");
  g_assert_cmpint (dt_test_peer_get_phase (f->peer), ==, DT_TEST_PEER_PHASE_NETWORK);

  /* LCP Echo: the reply carries the server's magic and the data back. */
  test_link_send_packet (f->link, 0xc021, echo, sizeof echo);
  reply = test_link_wait_packet (f->link, 0xc021, 10, WAIT);
  g_assert_nonnull (reply);
  p = g_bytes_get_data (reply, &len);
  g_assert_cmpuint (len, ==, sizeof echo);
  g_assert_cmpuint (p[1], ==, 5);
  g_assert_cmpmem (p + 8, 4, "ping", 4);

  /* A protocol the server does not speak: Protocol-Reject with the packet in it. */
  test_link_send_packet (f->link, 0x8057, ipv6cp, sizeof ipv6cp);
  reject = test_link_wait_packet (f->link, 0xc021, 8, WAIT);
  g_assert_nonnull (reject);
  p = g_bytes_get_data (reject, &len);
  g_assert_cmpuint (len, ==, 4 + 2 + sizeof ipv6cp);
  g_assert_cmpuint (p[4], ==, 0x80);
  g_assert_cmpuint (p[5], ==, 0x57);
  g_assert_cmpmem (p + 6, len - 6, ipv6cp, sizeof ipv6cp);

  /* The client terminates: Terminate-Ack, then the server hangs up. */
  test_link_send_packet (f->link, 0xc021, bye, sizeof bye);
  term_ack = test_link_wait_packet (f->link, 0xc021, 6, WAIT);
  g_assert_nonnull (term_ack);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (term_ack, NULL))[1], ==, 9);
  g_assert_true (test_link_wait_text (f->link, "\r\nNO CARRIER\r\n", WAIT));
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->client_terminates, ==, 1);
  test_call_assert_no_violations (f);

  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_RECEIVED, 0xc223, 2), ==, 1);
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_SENT, 0xc223, 3), ==, 1);
  g_assert_nonnull (dt_test_peer_find (f->peer, DT_TEST_PEER_SENT, 0xc223, 1, 0));
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_SENT,
                                        "CHAP Challenge id=1 value=5B5D7C7D7B3F2F3E3C2C602132262628"
                                        " name=\"dialtone-peer\"", 1, 1));
}

static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  guint8 challenge[16], response[24], next[16];
  g_autofree char *message = NULL;
  guint8 id;

  start (f);
  id = test_ppp_challenge (f->link, challenge);
  test_client_nt_response (challenge, rfc_peer_challenge, "User", "notThePassword", response);
  test_ppp_send_response (f->link, id, rfc_peer_challenge, response, "User");
  message = test_ppp_chap_message (f->link, 4, id);
  parse_failure (message, 691, FALSE, next);
  expect_terminate (f, "Authentication failed");
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->last_error, ==, 691);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->auth_successes, ==, 0);
  test_call_assert_no_violations (f);
}

static void
test_retry (Fixture *f, gconstpointer data)
{
  guint8 challenge[16], response[24], next[16];
  g_autofree char *failure = NULL;
  g_autofree char *success = NULL;
  g_autofree char *expected = NULL;
  guint8 id;

  f->sc.max_auth_attempts = 2;
  start (f);
  id = test_ppp_challenge (f->link, challenge);
  test_client_nt_response (challenge, rfc_peer_challenge, "User", "typo", response);
  test_ppp_send_response (f->link, id, rfc_peer_challenge, response, "User");
  failure = test_ppp_chap_message (f->link, 4, id);
  parse_failure (failure, 691, TRUE, next);
  g_assert_true (memcmp (next, challenge, 16) != 0);

  /* The retry answers C=, with the Failure's Identifier plus one; the DOMAIN\ in front of
   * the name stays out of the hash. */
  test_client_nt_response (next, rfc_peer_challenge, "User", "clientPass", response);
  test_ppp_send_response (f->link, id + 1, rfc_peer_challenge, response, "OFFICE\\User");
  success = test_ppp_chap_message (f->link, 3, id + 1);
  expected = test_client_authenticator_response (next, rfc_peer_challenge, response, "User",
                                                 "clientPass");
  g_assert_true (g_str_has_prefix (success, expected));
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->domain, ==, "OFFICE");
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->user, ==, "User");
  test_ppp_ipcp_up (f->link);
  test_call_assert_no_violations (f);
}

static void
test_retry_wrong_id (Fixture *f, gconstpointer data)
{
  guint8 challenge[16], response[24], next[16];
  g_autofree char *failure = NULL;
  guint8 id;

  f->sc.max_auth_attempts = 2;
  start (f);
  id = test_ppp_challenge (f->link, challenge);
  test_client_nt_response (challenge, rfc_peer_challenge, "User", "typo", response);
  test_ppp_send_response (f->link, id, rfc_peer_challenge, response, "User");
  failure = test_ppp_chap_message (f->link, 4, id);
  parse_failure (failure, 691, TRUE, next);

  /* The same Identifier again is not a retry: no answer, and a violation on record. */
  test_client_nt_response (next, rfc_peer_challenge, "User", "clientPass", response);
  test_ppp_send_response (f->link, id, rfc_peer_challenge, response, "User");
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_EVENT, "violation: CHAP Response",
                                        1, WAIT));
  g_assert_null (test_link_wait_packet (f->link, 0xc223, 3, 300));
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->auth_successes, ==, 0);
}

/* E=648, then Change-Password from the tests' encoder; returns the E=648 C= challenge. */
static guint8
expire_and_change (Fixture *f, const char *old_password, const char *new_password,
                   guint8 next[16], GBytes **change)
{
  static const guint8 peer_challenge2[16] = "PeerChallenge#2";
  g_autofree char *failure = NULL;
  guint8 challenge[16];
  guint8 id;

  start (f);
  id = test_ppp_challenge (f->link, challenge);
  test_ppp_send_response (f->link, id, rfc_peer_challenge, rfc_nt_response, "User");
  failure = test_ppp_chap_message (f->link, 4, id);
  parse_failure (failure, 648, FALSE, next);
  g_assert_cmpstr (failure + strlen (failure) - strlen ("M=Password expired"), ==,
                   "M=Password expired");
  g_assert_cmpint (dt_test_peer_get_phase (f->peer), ==, DT_TEST_PEER_PHASE_AUTHENTICATE);

  *change = test_client_change_password (id + 1, next, peer_challenge2, "User", old_password,
                                         new_password);
  g_assert_cmpuint (g_bytes_get_size (*change), ==, 586);
  test_link_send_packet (f->link, 0xc223, g_bytes_get_data (*change, NULL), 586);
  return id + 1;
}

static void
test_change_password (Fixture *f, gconstpointer data)
{
  guint8 next[16];
  g_autoptr (GBytes) change = NULL;
  g_autofree char *success = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *want = NULL;
  const guint8 *packet;
  guint8 id;

  f->sc.password_expired = TRUE;
  id = expire_and_change (f, "clientPass", "n3w-Passw0rd!", next, &change);
  packet = g_bytes_get_data (change, NULL);
  success = test_ppp_chap_message (f->link, 3, id);
  expected = test_client_authenticator_response (next, packet + 536, packet + 560, "User",
                                                 "n3w-Passw0rd!");
  want = g_strconcat (expected, " M=Password changed", NULL);
  g_assert_cmpstr (success, ==, want);
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->new_password, ==, "n3w-Passw0rd!");
  g_assert_true (dt_test_peer_get_outcome (f->peer)->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (f->peer), ==, "n3w-Passw0rd!");
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->last_error, ==, 648);

  /* The Change-Password packet, as the transcript recorded it. */
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_RECEIVED,
                                        "CHAP Change-Password id=2 length=586", 1, 1));
  test_ppp_ipcp_up (f->link);
  test_call_assert_no_violations (f);
}

static void
test_change_password_wrong_old (Fixture *f, gconstpointer data)
{
  guint8 next[16];
  g_autoptr (GBytes) change = NULL;
  g_autofree char *failure = NULL;
  guint8 id, again[16];

  f->sc.password_expired = TRUE;
  id = expire_and_change (f, "notTheOldOne", "n3w-Passw0rd!", next, &change);
  failure = test_ppp_chap_message (f->link, 4, id);
  parse_failure (failure, 709, FALSE, again);
  expect_terminate (f, "Password change failed");
  g_assert_false (dt_test_peer_get_outcome (f->peer)->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (f->peer), ==, "clientPass");
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->last_error, ==, 709);
  test_call_assert_no_violations (f);
}

static void
test_change_password_refused (Fixture *f, gconstpointer data)
{
  guint8 next[16];
  g_autoptr (GBytes) change = NULL;
  g_autofree char *failure = NULL;
  guint8 id, again[16];

  f->sc.password_expired = TRUE;
  f->sc.refuse_password_change = TRUE;
  id = expire_and_change (f, "clientPass", "n3w-Passw0rd!", next, &change);
  failure = test_ppp_chap_message (f->link, 4, id);
  parse_failure (failure, 709, FALSE, again);
  /* The peer did read what the user typed, and kept the old password. */
  g_assert_cmpstr (dt_test_peer_get_outcome (f->peer)->new_password, ==, "n3w-Passw0rd!");
  g_assert_false (dt_test_peer_get_outcome (f->peer)->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (f->peer), ==, "clientPass");
  expect_terminate (f, "Password change failed");
}

static void
test_malformed_auth (Fixture *f, gconstpointer data)
{
  static const guint8 lying[] = { 0x02, 0x01, 0x00, 0x40, 16, 1, 2, 3 };
  static const guint8 md5_style[] = {
    0x02, 0x01, 0x00, 0x19, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 'U', 's',
    'e', 'r' };
  g_autofree char *failure = NULL;
  guint8 challenge[16], next[16];

  start (f);
  test_ppp_challenge (f->link, challenge);
  /* A Length beyond the packet: discarded. */
  test_link_send_packet (f->link, 0xc223, lying, sizeof lying);
  g_assert_true (dt_test_peer_wait_for (f->peer, DT_TEST_PEER_EVENT,
                                        "violation: CHAP packet whose Length lies", 1, WAIT));
  /* A CHAP-MD5-sized value: a failed authentication, not a crash. */
  test_link_send_packet (f->link, 0xc223, md5_style, sizeof md5_style);
  failure = test_ppp_chap_message (f->link, 4, 1);
  parse_failure (failure, 691, FALSE, next);
  g_assert_cmpuint (dt_test_peer_get_outcome (f->peer)->violations->len, ==, 2);
  expect_terminate (f, "Authentication failed");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/peer/session/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("mschapv2", test_mschapv2);
  ADD ("wrong-password", test_wrong_password);
  ADD ("retry", test_retry);
  ADD ("retry-wrong-id", test_retry_wrong_id);
  ADD ("change-password", test_change_password);
  ADD ("change-password/wrong-old", test_change_password_wrong_old);
  ADD ("change-password/refused", test_change_password_refused);
  ADD ("malformed-auth", test_malformed_auth);
#undef ADD
  return g_test_run ();
}
