/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer against a hostile client: random packets aimed at each parser in the phase
 * where it listens (a Change-Password after E=648, a Response after the Challenge, a
 * Callback-Response after the Callback-Request, IPCP Configure-Requests in the network
 * phase), with the Identifier the peer waits for, so that they get past the first check.
 * The peer must answer each as the RFC says or record a violation, and never crash: run
 * under ASan (see README.md), this is the peer's fuzzing. */

#include <string.h>

#include "dt-test-peer.h"
#include "test-peer-link.h"

#define WAIT 5000
#define ROUNDS 60


typedef struct
{
  DtTestPeer *peer;
  TestLink *link;
} Call;

static void
call_start (Call *call, gboolean expired, gboolean callback, guint32 seed)
{
  DtTestPeerScenario sc;

  dt_test_peer_scenario_init (&sc);
  sc.user = "User";
  sc.password = "clientPass";
  sc.first_challenge = rfc_auth_challenge;
  sc.password_expired = expired;
  sc.callback_offer = callback ? DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK)
                                 | DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER)
                                 | DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_ADMIN_NUMBER)
                               : 0;
  sc.connect_delay_ms = 1;
  sc.restart_ms = 200;
  sc.seed = seed;
  call->peer = dt_test_peer_new (&sc);
  call->link = test_link_open (dt_test_peer_get_device (call->peer));
  test_link_send (call->link, "ATE0D1\r");
  g_assert_true (test_link_wait_text (call->link, "CONNECT", WAIT));
  test_ppp_lcp_up (call->link, callback);
}

static guint8
call_respond (Call *call)
{
  guint8 challenge[16];
  guint8 id = test_ppp_challenge (call->link, challenge);

  test_ppp_send_response (call->link, id, rfc_peer_challenge, rfc_nt_response, "User");
  return id;
}

static void
call_end (Call *call)
{
  /* Still alive: the server hangs up (if the line is still up) and the modem obeys. */
  dt_test_peer_hang_up (call->peer);
  test_link_discard_text (call->link);
  test_link_send (call->link, "ATH\r");
  g_assert_true (test_link_wait_text (call->link, "\r\nOK\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (call->peer));
  g_clear_pointer (&call->link, test_link_free);
  g_clear_pointer (&call->peer, dt_test_peer_free);
}

static GBytes *
random_packet (GRand *rand, guint8 code, guint8 id, gsize max)
{
  gsize len = (gsize) g_rand_int_range (rand, 0, (gint) max + 1);
  g_autofree guint8 *data = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  return test_packet (code, id, data, len);
}

static void
send_bytes (Call *call, guint16 protocol, GBytes *packet, GRand *rand)
{
  gsize len = g_bytes_get_size (packet);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (packet, NULL), len);

  /* Now and then a Length that lies, or octets beyond it. */
  if (g_rand_int_range (rand, 0, 8) == 0)
    copy[3] ^= (guint8) g_rand_int_range (rand, 1, 256);
  test_link_send_packet (call->link, protocol, copy, len);
}

/* How many rounds reached the parser under test: the fuzzing must not all bounce off. */
static guint reached;

static void
count_if (Call *call, DtTestPeerDirection direction, const char *text)
{
  if (dt_test_peer_wait_for (call->peer, direction, text, 1, 1))
    reached++;
}

static void
test_change_password (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < ROUNDS; round++)
    {
      Call call = { 0 };
      g_autoptr (GBytes) packet = NULL;
      g_autoptr (GBytes) failure = NULL;
      guint8 id;

      call_start (&call, TRUE, FALSE, round + 1);
      id = call_respond (&call);
      failure = test_link_wait_packet (call.link, 0xc223, 4, WAIT);
      g_assert_nonnull (failure);
      /* Mostly the right size, so that the decryption and the checks run on noise. */
      packet = random_packet (rand, 7, id + 1, round % 2 ? 582 : 700);
      if (round % 2)
        {
          gsize len;
          g_autofree guint8 *full = g_malloc0 (586);
          const guint8 *p = g_bytes_get_data (packet, &len);

          memcpy (full, p, len);
          full[2] = 586 >> 8;
          full[3] = 586 & 0xff;
          g_bytes_unref (packet);
          packet = g_bytes_new (full, 586);
        }
      send_bytes (&call, 0xc223, packet, rand);
      test_run_for (20);
      g_assert_false (dt_test_peer_get_outcome (call.peer)->password_changed);
      count_if (&call, DT_TEST_PEER_EVENT, "change-password refused: the password block");
      call_end (&call);
    }
  g_assert_cmpuint (reached, >=, ROUNDS / 4);
  reached = 0;
}

static void
test_response (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (8);

  for (guint round = 0; round < ROUNDS; round++)
    {
      Call call = { 0 };
      guint8 challenge[16];
      guint8 id;

      call_start (&call, FALSE, FALSE, round + 1);
      id = test_ppp_challenge (call.link, challenge);
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr (GBytes) packet = random_packet (rand, (guint8) g_rand_int_range (rand, 0, 9),
                                                     id, 80);

          send_bytes (&call, 0xc223, packet, rand);
        }
      test_run_for (20);
      g_assert_cmpuint (dt_test_peer_get_outcome (call.peer)->auth_successes, ==, 0);
      count_if (&call, DT_TEST_PEER_SENT, "CHAP Failure");
      call_end (&call);
    }
  g_assert_cmpuint (reached, >=, ROUNDS / 4);
  reached = 0;
}

static void
test_callback_response (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  static const guint8 types[] = { 1, 2, 3, 4, 0, 255 };

  for (guint round = 0; round < ROUNDS; round++)
    {
      Call call = { 0 };
      g_autoptr (GBytes) request = NULL;
      guint8 id;

      call_start (&call, FALSE, TRUE, round + 1);
      call_respond (&call);
      request = test_link_wait_packet (call.link, 0xc029, 1, WAIT);
      g_assert_nonnull (request);
      id = ((const guint8 *) g_bytes_get_data (request, NULL))[1];
      for (guint i = 0; i < 5; i++)
        {
          g_autoptr (GBytes) packet = random_packet (rand, 2, id, 24);
          gsize len = g_bytes_get_size (packet);
          g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (packet, NULL), len);

          /* An option that looks like one, with its length sometimes right. */
          if (len >= 6)
            {
              data[4] = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
              if (g_rand_boolean (rand))
                data[5] = (guint8) (len - 4);
            }
          test_link_send_packet (call.link, 0xc029, data, len);
          test_run_for (5);
          /* The next Request, if the Response was refused, has the next Identifier. */
          id++;
        }
      test_run_for (20);
      count_if (&call, DT_TEST_PEER_EVENT, "violation: CBCP Callback-Response: ");
      call_end (&call);
    }
  g_assert_cmpuint (reached, >=, ROUNDS / 4);
  reached = 0;
}

static void
test_ipcp (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (10);
  Call call = { 0 };
  g_autofree char *success = NULL;
  guint8 id;

  call_start (&call, FALSE, FALSE, 1);
  id = call_respond (&call);
  success = test_ppp_chap_message (call.link, 3, id);
  /* Terminate-Requests would end the phase under test: everything else goes. */
  for (guint i = 0; i < 2000; i++)
    {
      static const guint8 ipcp_codes[] = { 1, 1, 1, 1, 2, 3, 4, 6, 7, 8, 12 };
      static const guint8 lcp_codes[] = { 7, 8, 9, 10, 11, 12, 13, 14, 200 };
      gboolean ipcp = g_rand_int_range (rand, 0, 4) != 0;
      guint8 code = ipcp ? ipcp_codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (ipcp_codes))]
                         : lcp_codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (lcp_codes))];
      g_autoptr (GBytes) packet = random_packet (rand, code, (guint8) i, 40);

      send_bytes (&call, ipcp ? 0x8021 : 0xc021, packet, rand);
      if (i % 50 == 0)
        test_run_for (2);
    }
  test_run_for (50);
  g_assert_cmpuint (dt_test_peer_count (call.peer, DT_TEST_PEER_SENT, 0x8021, 3)
                    + dt_test_peer_count (call.peer, DT_TEST_PEER_SENT, 0x8021, 4), >, 10);
  call_end (&call);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer/robust/change-password", test_change_password);
  g_test_add_func ("/peer/robust/response", test_response);
  g_test_add_func ("/peer/robust/callback-response", test_callback_response);
  g_test_add_func ("/peer/robust/ipcp-and-lcp", test_ipcp);
  return g_test_run ();
}
