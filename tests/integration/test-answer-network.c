/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An incoming caller on the network: pppd in the test ISP's guest dials Dialtone (as in
 * test-answer-isp.c), and the call's device comes from a real NetworkManager in its sandbox
 * (tests/common/nm-sandbox), our address on our side and the caller's as the peer.  The guest
 * pings our side through it.  Beyond the sandbox stands "the network this computer is on": a
 * veth to a namespace of its own with 192.168.77.2, which knows no route to the callers.  With
 * "this computer only" the caller's ping there goes unanswered; with "the network"
 * (NetworkManager's shared mode: forwarding and masquerading) it is answered. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "dt-test-answer.h"
#include "dt-test-keyring.h"
#include "dt-test-nm.h"

#define BEYOND "192.168.77.2"

static DtTestKeyring *keyring;
static DtTestNm *sandbox;
static GError *sandbox_error;
static GPid lan_pid;

static void
run (const char *command)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = dt_test_nm_run (&error, "sh", "-c", command, NULL);

  g_assert_no_error (error);
}

/* The network beyond: a namespace held by a sleeping process, joined by a veth. */
static void
make_lan (void)
{
  const char *argv[] = { "unshare", "-n", "sleep", "600", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *commands = NULL;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL,
                                &lan_pid, &error));
  g_assert_no_error (error);
  g_usleep (300000);
  commands = g_strdup_printf ("ip link add dtlan0 type veth peer name dtlan1 && "
                              "ip link set dtlan1 netns %d && "
                              "ip addr add 192.168.77.1/24 dev dtlan0 && ip link set dtlan0 up && "
                              "nsenter -t %d -n sh -c 'ip link set lo up && "
                              "ip addr add " BEYOND "/24 dev dtlan1 && ip link set dtlan1 up'",
                              (int) lan_pid, (int) lan_pid);
  run (commands);
}

static gboolean
ready (DtTestAnswer *t)
{
  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return FALSE;
  return dt_test_answer_set_up (t);
}

/* The caller pings our side, then the network beyond; @reach: what it may reach. */
static void
check_reach (DtIncomingReach reach)
{
  DtTestAnswer t = { 0 };
  g_autofree char *interface = NULL;
  g_autofree char *addresses = NULL;
  g_autofree char *inet = NULL;
  g_autofree char *pinging = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GError) error = NULL;
  const char *beyond = reach == DT_INCOMING_REACH_NETWORK
                       ? "caller: ping: 3 packets transmitted, 3 packets received"
                       : "caller: ping: 3 packets transmitted, 0 packets received";

  if (!ready (&t))
    return;
  dt_incoming_set_reach (t.incoming, reach);
  dt_test_answer_call_in (&t, "user=alice auth=mschapv2 ping=peer," BEYOND, DT_NETWORK_AUTO);
  g_assert_true (dt_test_answer_wait_for (&t, DT_CONN_STATE_CONNECTED, 1, 120));
  g_assert_true (dt_test_answer_wait_for (&t, DT_CONN_STATE_APPLY_SETTINGS, 1, 1));

  /* Our device: our address, the caller's as its peer. */
  status = dt_answer_get_status (t.answer);
  g_assert_nonnull (status->interface);
  addresses = dt_test_nm_run (&error, "ip", "-4", "-o", "addr", "show", "dev",
                              status->interface, NULL);
  g_assert_no_error (error);
  inet = g_strdup_printf ("inet %s/", t.server_address);
  g_assert_nonnull (strstr (addresses, inet));

  /* The guest pings our address first, then the network beyond. */
  pinging = g_strdup_printf ("caller: pinging %s " BEYOND, t.server_address);
  g_assert_true (dt_test_answer_guest_said (&t, pinging, 30000));
  g_assert_true (dt_test_answer_guest_said (&t, "caller: ping: 3 packets transmitted, "
                                            "3 packets received", 60000));
  g_assert_true (dt_test_answer_guest_said (&t, beyond, 60000));
  dt_test_answer_tear_down (&t);
}

static void
test_this_computer (void)
{
  check_reach (DT_INCOMING_REACH_COMPUTER);
}

static void
test_the_network (void)
{
  check_reach (DT_INCOMING_REACH_NETWORK);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The sandbox first: the keyring's bus and the guest's lines are reached by path. */
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &sandbox_error);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  if (sandbox != NULL)
    make_lan ();

  g_test_add_func ("/answer-network/this-computer", test_this_computer);
  g_test_add_func ("/answer-network/the-network", test_the_network);
  status = g_test_run ();

  if (lan_pid != 0)
    {
      kill (lan_pid, SIGTERM);
      waitpid (lan_pid, NULL, 0);
    }
  dt_test_keyring_stop (keyring);
  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
