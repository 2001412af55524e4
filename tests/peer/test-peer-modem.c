/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's modem, driven over its pty as the engine drives a modem: the command set
 * with echo, verbose, numeric and quiet results, S-registers, a dial and its abort, the
 * "+++" escape only between guard times, ATO and ATH, the interactive login (which must
 * never echo or record the password), and bytes of every kind without a crash. */

#include <string.h>

#include "dt-test-peer.h"
#include "test-peer-link.h"

#define WAIT 3000

static DtTestPeer *
new_peer (DtTestPeerScenario *sc)
{
  DtTestPeerScenario defaults;

  if (sc == NULL)
    {
      dt_test_peer_scenario_init (&defaults);
      sc = &defaults;
    }
  sc->connect_delay_ms = 50;
  sc->seed = 1662;
  return dt_test_peer_new (sc);
}

static void
test_commands (void)
{
  g_autoptr (DtTestPeer) peer = new_peer (NULL);
  g_autoptr (TestLink) link = test_link_open (dt_test_peer_get_device (peer));
  g_autofree char *rest = NULL;

  test_link_send (link, "AT\r");
  test_link_expect (link, "AT\r\r\nOK\r\n", WAIT);
  test_link_send (link, "at e0\r");
  test_link_expect (link, "at e0\r\r\nOK\r\n", WAIT);
  test_link_send (link, "AT\r");
  test_link_expect (link, "\r\nOK\r\n", WAIT);

  test_link_send (link, "ATV0\r");
  test_link_expect (link, "0\r", WAIT);
  test_link_send (link, "ATJ\r");
  test_link_expect (link, "4\r", WAIT);
  test_link_send (link, "ATV1\r");
  test_link_expect (link, "\r\nOK\r\n", WAIT);

  test_link_send (link, "ATS12?\r");
  test_link_expect (link, "\r\n050\r\n\r\nOK\r\n", WAIT);
  test_link_send (link, "ATS12=5 S12?\r");
  test_link_expect (link, "\r\n005\r\n\r\nOK\r\n", WAIT);
  test_link_send (link, "AT&F &C1 &D2 \\N3 %C0 +MS=V34;X4 M1 L0 B0\r");
  test_link_expect (link, "\r\nOK\r\n", WAIT);
  /* &F is the factory profile: echo is back on, S12 back to 50. */
  test_link_send (link, "ATS12? E0\r");
  test_link_expect (link, "ATS12? E0\r\r\n050\r\n\r\nOK\r\n", WAIT);

  test_link_send (link, "ATI\r");
  test_link_expect (link, "\r\nDialtone test peer\r\n\r\nOK\r\n", WAIT);
  test_link_send (link, "A/");
  test_link_expect (link, "\r\nDialtone test peer\r\n\r\nOK\r\n", WAIT);

  /* Q1: no result codes at all; a line without AT: no answer either. */
  test_link_send (link, "ATQ1\r");
  test_link_send (link, "hello\r");
  test_link_send (link, "ATQ0\r");
  test_link_expect (link, "\r\nOK\r\n", WAIT);

  test_link_send (link, "ATS300=1\r");
  test_link_expect (link, "\r\nERROR\r\n", WAIT);
  {
    g_autofree char *line = g_strdup_printf ("AT%0300d\r", 0);

    test_link_send (link, line);
    test_link_expect (link, "\r\nERROR\r\n", WAIT);
  }
  /* ATO with no call: there is no carrier to go back to. */
  test_link_send (link, "ATO\r");
  test_link_expect (link, "\r\nNO CARRIER\r\n", WAIT);
  test_link_send (link, "ATE1\r");
  test_link_expect (link, "\r\nOK\r\n", WAIT);

  test_run_for (50);
  rest = test_link_take_text (link);
  g_assert_cmpstr (rest, ==, "");
  g_assert_false (dt_test_peer_is_online (peer));
  g_assert_cmpuint (dt_test_peer_get_outcome (peer)->calls, ==, 0);
}

static void
test_dial_escape_hang_up (void)
{
  g_autoptr (DtTestPeer) peer = new_peer (NULL);
  g_autoptr (TestLink) link = test_link_open (dt_test_peer_get_device (peer));
  g_autoptr (GBytes) request = NULL;
  g_autofree char *after = NULL;
  const guint8 *p;
  gsize len;

  test_link_send (link, "ATE0 S12=5\r");
  test_link_expect (link, "ATE0 S12=5\r\r\nOK\r\n", WAIT);
  test_link_send (link, "ATDT 555 0100\r");
  test_link_expect (link, "\r\nCONNECT 33600\r\n", WAIT);
  g_assert_true (dt_test_peer_is_online (peer));
  g_assert_cmpstr (dt_test_peer_get_outcome (peer)->dialed_number, ==, "555 0100");
  g_assert_cmpuint (dt_test_peer_get_outcome (peer)->calls, ==, 1);

  /* The server starts LCP: MRU 1500, ACCM 0, MS-CHAPv2, a magic number. */
  request = test_link_wait_packet (link, 0xc021, 1, WAIT);
  g_assert_nonnull (request);
  p = g_bytes_get_data (request, &len);
  g_assert_cmpuint (len, ==, 4 + 4 + 6 + 5 + 6);
  g_assert_cmpmem (p + 4, 15, ((const guint8[]) { 0x01, 0x04, 0x05, 0xdc,
                                                  0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
                                                  0x03, 0x05, 0xc2, 0x23, 0x81 }), 15);
  g_assert_cmpuint (p[19], ==, 0x05);
  g_assert_cmpuint (p[20], ==, 0x06);

  /* "+++" right after other data is data, not an escape. */
  test_link_send (link, "x+++");
  test_run_for (300);
  g_assert_true (dt_test_peer_is_online (peer));
  g_assert_false (dt_test_peer_wait_for (peer, DT_TEST_PEER_EVENT, "escaped", 1, 1));

  /* After a guard time of silence it is, once the second guard time has passed. */
  test_run_for (150);
  test_link_discard_text (link);
  test_link_send (link, "+++");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT));
  g_assert_true (dt_test_peer_is_online (peer));

  test_link_send (link, "ATO\r");
  g_assert_true (test_link_wait_text (link, "\r\nCONNECT 33600\r\n", WAIT));
  test_run_for (150);
  test_link_send (link, "+++");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT));
  test_link_send (link, "ATH0\r");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (peer));
  g_assert_true (dt_test_peer_wait_for (peer, DT_TEST_PEER_EVENT,
                                        "call ended: the client hung up (ATH)", 1, 1));
  g_assert_cmpint (dt_test_peer_get_phase (peer), ==, DT_TEST_PEER_PHASE_IDLE);

  /* Back in command mode for good: no more frames. */
  test_run_for (100);
  test_link_discard_text (link);
  test_run_for (3200);
  after = test_link_take_text (link);
  g_assert_cmpstr (after, ==, "");
}

static void
test_dial_abort (void)
{
  DtTestPeerScenario sc;
  g_autoptr (DtTestPeer) peer = NULL;
  g_autoptr (TestLink) link = NULL;

  dt_test_peer_scenario_init (&sc);
  peer = new_peer (&sc);
  link = test_link_open (dt_test_peer_get_device (peer));

  /* A character while the call is set up aborts it (the 50 ms of new_peer () are plenty:
   * the abort is written before the main loop runs again). */
  test_link_send (link, "ATE0\r");
  test_link_expect (link, "ATE0\r\r\nOK\r\n", WAIT);
  test_link_send (link, "ATD5550100\r\r");
  test_link_expect (link, "\r\nNO CARRIER\r\n", WAIT);
  test_run_for (150);
  g_assert_false (dt_test_peer_is_online (peer));

  /* ATA with nobody calling: no carrier. */
  test_link_send (link, "ATA\r");
  test_link_expect (link, "\r\nNO CARRIER\r\n", WAIT);
  g_assert_cmpuint (dt_test_peer_get_outcome (peer)->calls, ==, 0);
}

static void
test_login (void)
{
  DtTestPeerScenario sc;
  g_autoptr (DtTestPeer) peer = NULL;
  g_autoptr (TestLink) link = NULL;
  g_autoptr (GBytes) request = NULL;
  GPtrArray *transcript;
  g_autofree char *seen = NULL;

  dt_test_peer_scenario_init (&sc);
  sc.login_prompt = TRUE;
  sc.user = "jdoe";
  sc.password = "s3cr3t";
  peer = new_peer (&sc);
  link = test_link_open (dt_test_peer_get_device (peer));

  test_link_send (link, "ATE0D5550150\r");
  test_link_expect (link, "ATE0D5550150\r\r\nCONNECT 33600\r\n", WAIT);
  test_link_expect (link, "\r\nDialtone test peer\r\n\r\nUsername: ", WAIT);
  g_assert_cmpint (dt_test_peer_get_phase (peer), ==, DT_TEST_PEER_PHASE_LOGIN);
  test_link_send (link, "jdoe\r");
  test_link_expect (link, "jdoe\r\nPassword: ", WAIT);
  test_link_send (link, "wrong\r");
  test_link_expect (link, "\r\nLogin incorrect\r\n\r\nUsername: ", WAIT);
  test_link_send (link, "jdoX\bx\r");
  test_link_expect (link, "jdoX\b \bx\r\nPassword: ", WAIT);
  test_link_send (link, "s3cr3t\r");
  test_link_expect (link, "\r\nLogin incorrect\r\n\r\nUsername: ", WAIT);
  test_link_send (link, "jdoe\r");
  test_link_expect (link, "jdoe\r\nPassword: ", WAIT);
  test_link_send (link, "s3cr3t\r");
  test_link_expect (link, "\r\nWelcome. Starting PPP.\r\n", WAIT);

  request = test_link_wait_packet (link, 0xc021, 1, WAIT);
  g_assert_nonnull (request);
  g_assert_cmpstr (dt_test_peer_get_outcome (peer)->login_user, ==, "jdoe");
  g_assert_cmpint (dt_test_peer_get_phase (peer), ==, DT_TEST_PEER_PHASE_ESTABLISH);

  /* Neither password was echoed or written down. */
  seen = test_link_take_text (link);
  g_assert_null (strstr (seen, "s3cr3t"));
  transcript = dt_test_peer_get_transcript (peer);
  for (guint i = 0; i < transcript->len; i++)
    {
      const DtTestPeerRecord *record = g_ptr_array_index (transcript, i);

      g_assert_null (strstr (record->text, "s3cr3t"));
      g_assert_null (strstr (record->text, "wrong"));
    }
}

static void
test_login_three_failures (void)
{
  DtTestPeerScenario sc;
  g_autoptr (DtTestPeer) peer = NULL;
  g_autoptr (TestLink) link = NULL;

  dt_test_peer_scenario_init (&sc);
  sc.login_prompt = TRUE;
  peer = new_peer (&sc);
  link = test_link_open (dt_test_peer_get_device (peer));

  test_link_send (link, "ATD1\r");
  g_assert_true (test_link_wait_text (link, "Username: ", WAIT));
  for (guint i = 0; i < 3; i++)
    test_link_send (link, "user\rbad\r");
  g_assert_true (test_link_wait_text (link, "\r\nNO CARRIER\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (peer));
}

static void
test_garbage (void)
{
  g_autoptr (DtTestPeer) peer = new_peer (NULL);
  g_autoptr (TestLink) link = test_link_open (dt_test_peer_get_device (peer));
  g_autoptr (GRand) rand = g_rand_new_with_seed (1661);
  static const guint16 protocols[] = { 0xc021, 0xc223, 0xc029, 0x8021, 0x0021, 0x8057 };
  guint8 noise[512];

  /* Command mode: noise, then a clean command still works. */
  for (guint round = 0; round < 20; round++)
    {
      for (guint i = 0; i < sizeof noise; i++)
        noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
      test_link_send_packet (link, 0xc021, noise, sizeof noise); /* framed noise, too */
      test_run_for (1);
    }
  test_run_for (50);
  test_link_discard_text (link);
  /* The noise may have held "ATQ1" or "ATV0": ATZ first. */
  test_link_send (link, "\rATZ\r");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT));

  /* Online: frames of every protocol with random contents, lengths that lie, and flags in
   * the middle of nowhere. */
  test_link_send (link, "ATS12=5D1\r");
  g_assert_true (test_link_wait_text (link, "CONNECT", WAIT));
  for (guint round = 0; round < 3000; round++)
    {
      gsize len = (gsize) g_rand_int_range (rand, 0, 64);
      guint16 protocol = protocols[g_rand_int_range (rand, 0, G_N_ELEMENTS (protocols))];

      for (gsize i = 0; i < len; i++)
        noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
      if (len >= 4 && g_rand_boolean (rand))
        {
          noise[0] = (guint8) g_rand_int_range (rand, 1, 12);
          noise[2] = 0;
          noise[3] = (guint8) g_rand_int_range (rand, 0, (gint) len + 4);
        }
      test_link_send_packet (link, protocol, noise, len);
      if (round % 100 == 0)
        test_run_for (1);
    }
  test_run_for (200);
  g_assert_cmpuint (dt_test_peer_get_outcome (peer)->violations->len, >, 0);

  /* The modem still obeys the escape and ATH, whatever state the garbage left PPP in. */
  test_run_for (150);
  test_link_send (link, "+++");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT) || !dt_test_peer_is_online (peer));
  test_link_send (link, "ATH\r");
  g_assert_true (test_link_wait_text (link, "\r\nOK\r\n", WAIT));
  g_assert_false (dt_test_peer_is_online (peer));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer/modem/commands", test_commands);
  g_test_add_func ("/peer/modem/dial-escape-hang-up", test_dial_escape_hang_up);
  g_test_add_func ("/peer/modem/dial-abort", test_dial_abort);
  g_test_add_func ("/peer/modem/login", test_login);
  g_test_add_func ("/peer/modem/login-three-failures", test_login_three_failures);
  g_test_add_func ("/peer/modem/garbage", test_garbage);
  return g_test_run ();
}
