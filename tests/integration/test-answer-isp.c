/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Incoming calls from a real caller: pppd 2.4.9 in the test ISP's guest dials out through
 * chat (ATDT…), the guest's modem rings Dialtone's line (RING, the caller ID), and a DtAnswer
 * answers with ATA (tests/isp/README.md, "A caller").  PAP, CHAP-MD5 and MS-CHAPv2 callers
 * reach Connected (pppd checks our S= for MS-CHAPv2), get the pool's address; a wrong password
 * is refused with 691 and the caller's next call, with the right one, gets in; a disabled
 * account is refused; pppd's `callback` option is called back at its number and
 * authenticates again.  The accounts' passwords are in a real gnome-keyring, and none of them,
 * nor the wrong one a caller tries, is ever in what the answering side logs with the PPP trace
 * on and G_MESSAGES_DEBUG=all, though the packets that carried them are. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-test-answer.h"
#include "dt-test-keyring.h"

static DtTestKeyring *keyring;

typedef DtTestAnswer Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  dt_test_answer_set_up (f);
}

/* The passwords of tests/isp/README.md's accounts and the wrong one test_wrong_password
 * tries: never in a log line of the answering side, in any test. */
static const char * const passwords[] = { "wonderland", "dialtone-secret", "looking-glass" };

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_answer_tear_down (f);
  for (guint i = 0; i < G_N_ELEMENTS (passwords); i++)
    g_assert_null (strstr (dt_test_answer_logged (), passwords[i]));
}

static void
call_in (Fixture    *f,
         const char *profile)
{
  dt_test_answer_call_in (f, profile, DT_NETWORK_NONE);
}

#define wait_for dt_test_answer_wait_for
#define detail_of(f, state) dt_test_answer_detail ((f), (state), FALSE)
#define last_detail_of(f, state) dt_test_answer_detail ((f), (state), TRUE)

static void
check_method (Fixture    *f,
              const char *auth,
              const char *protocol,
              const char *trace_of)
{
  g_autofree char *profile = g_strdup_printf ("user=alice auth=%s cid=5550123", auth);
  g_autofree char *local = g_strdup_printf ("line%u pppd: local  IP address %s",
                                            f->line, f->caller_address);
  g_autofree char *trace = g_strdup_printf ("rcvd [%s", trace_of);

  call_in (f, profile);
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 90));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "alice");
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_AUTHENTICATING_CALLER), ==, protocol);
  /* The caller ID comes between the first and the second RING, as in North America. */
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_RINGING), ==, "ring 1 of 2");
  g_assert_cmpstr (last_detail_of (f, DT_CONN_STATE_RINGING), ==, "ring 2 of 2, from 5550123");
  g_assert_cmpstr (dt_answer_get_remote_address (f->answer), ==, f->caller_address);
  /* The trace has the caller's login (its password hidden; fixture_tear_down looks for it). */
  g_assert_nonnull (strstr (dt_test_answer_logged (), trace));
  /* The caller agrees: its address is the pool's, ours is its peer. */
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, local, 20000));
  if (g_str_equal (auth, "mschapv2"))
    {
      g_autofree char *ok = g_strdup_printf ("line%u pppd: CHAP authentication succeeded",
                                             f->line);

      g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, ok, 5000));
    }
}

static void
test_pap (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "pap", "PAP", "PAP AuthReq");
}

static void
test_chap (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "chap", "CHAP-MD5", "CHAP Response");
}

static void
test_mschapv2 (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "mschapv2", "MS-CHAPv2", "CHAP Response");
}

/* A wrong password: 691 for the caller; its second call, with the right one, gets in. */
static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_autofree char *failed = NULL;

  if (f->isp == NULL)
    return;
  call_in (f, "user=alice auth=mschapv2 password=looking-glass,-");
  g_assert_true (wait_for (f, DT_CONN_STATE_DISCONNECTED, 1, 90));
  g_assert_cmpuint (f->refused->len, ==, 1);
  g_assert_cmpstr (f->refused->pdata[0], ==, "alice 691");
  failed = g_strdup_printf ("line%u pppd: MS-CHAP authentication failed: Access denied",
                            f->line);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, failed, 5000));
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 120));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "alice");
}

/* A disabled account never gets in: 647. */
static void
test_disabled (Fixture *f, gconstpointer data)
{
  if (f->isp == NULL)
    return;
  call_in (f, "user=mallory auth=chap password=wonderland");
  g_assert_true (wait_for (f, DT_CONN_STATE_DISCONNECTED, 1, 90));
  g_assert_cmpuint (f->refused->len, ==, 1);
  g_assert_cmpstr (f->refused->pdata[0], ==, "mallory 647");
  g_assert_cmpuint (dt_answer_get_error_code (f->answer), ==, DT_RAS_ERROR_ACCT_DISABLED);
  g_assert_null (detail_of (f, DT_CONN_STATE_CONNECTED));
}

/* pppd's `callback`: CBCP gives its number, the first call ends, Dialtone calls it back there
 * and it authenticates again. */
static void
test_callback (Fixture *f, gconstpointer data)
{
  g_autofree char *called = NULL;

  if (f->isp == NULL)
    return;
  call_in (f, "user=dialtone auth=mschapv2 callback=5550177");
  g_assert_true (wait_for (f, DT_CONN_STATE_CALLING_BACK, 1, 90));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CALLING_BACK), ==, "5550177");
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 120));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "dialtone");
  called = g_strdup_printf ("line%u caller: called back at 5550177", f->line);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, called, 5000));
  /* Two authentications: the first call and the call back. */
  g_assert_true (wait_for (f, DT_CONN_STATE_AUTHENTICATED, 2, 1));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  /* After the keyring started, which need not debug too. */
  dt_test_answer_record_logs ();

  g_test_add ("/answer-isp/pap", Fixture, NULL, fixture_set_up, test_pap, fixture_tear_down);
  g_test_add ("/answer-isp/chap", Fixture, NULL, fixture_set_up, test_chap, fixture_tear_down);
  g_test_add ("/answer-isp/mschapv2", Fixture, NULL, fixture_set_up, test_mschapv2,
              fixture_tear_down);
  g_test_add ("/answer-isp/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password,
              fixture_tear_down);
  g_test_add ("/answer-isp/disabled", Fixture, NULL, fixture_set_up, test_disabled,
              fixture_tear_down);
  g_test_add ("/answer-isp/callback", Fixture, NULL, fixture_set_up, test_callback,
              fixture_tear_down);

  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
