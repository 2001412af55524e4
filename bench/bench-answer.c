/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Incoming calls, timed: pppd in the test ISP's guest dials Dialtone (AT#CALLER, see
 * tests/isp/README.md) and a DtAnswer answers without a network device; prints the time from
 * Answering (ATA) to Connected for each authentication method, the median of N calls.
 * Asserts nothing.  Usage: bench-answer [calls per method]; runs its own keyring, and its own
 * ISP unless $DIALTONE_TEST_ISP names one. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "dt-answer.h"
#include "dt-dialin-secrets.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"

typedef struct {
  gint64 answering_us;
  gint64 connected_us;
} Times;

static void
on_state (DtAnswer   *answer,
          guint       state,
          const char *detail,
          Times      *t)
{
  if (state == DT_CONN_STATE_ANSWERING && t->answering_us == 0)
    t->answering_us = g_get_monotonic_time ();
  else if (state == DT_CONN_STATE_CONNECTED && t->connected_us == 0)
    t->connected_us = g_get_monotonic_time ();
}

static void
on_stopped (DtAnswer *answer,
            gboolean *stopped)
{
  *stopped = TRUE;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  dt_dialin_secrets_store_finish (result, NULL);
  *(gboolean *) user_data = TRUE;
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* One call as @auth; ms from ATA to Connected, or -1. */
static gint64
one_call (DtTestIsp  *isp,
          const char *line,
          DtIncoming *incoming,
          const char *auth)
{
  g_autofree char *command = g_strdup_printf ("AT#CALLER user=alice auth=%s wait=1500\r", auth);
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (DtAnswer) answer = dt_answer_new (incoming, line, DT_DEVICE_TYPE_MODEM);
  int fd = dt_test_isp_open_line (line);
  gint64 end = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  gboolean stopped = FALSE;
  Times t = { 0 };

  dt_test_isp_send (fd, command);
  if (!dt_test_isp_expect (fd, "OK", 5000, got))
    g_error ("the guest did not arm a caller: %s", got->str);
  close (fd);
  dt_answer_set_network_mode (answer, DT_NETWORK_NONE);
  dt_answer_set_rings (answer, 1);
  g_signal_connect (answer, "state-changed", G_CALLBACK (on_state), &t);
  g_signal_connect (answer, "stopped", G_CALLBACK (on_stopped), &stopped);
  dt_answer_start (answer);
  while (t.connected_us == 0 && !stopped && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  dt_answer_stop (answer);
  while (!stopped)
    g_main_context_iteration (NULL, TRUE);
  return t.connected_us != 0 ? (t.connected_us - t.answering_us) / 1000 : -1;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 5;
  const char *auths[] = { "pap", "chap", "mschapv2" };
  DtTestKeyring *keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  g_autofree char *dir = g_dir_make_tmp ("dialtone-bench-XXXXXX", NULL);
  g_autofree char *ini = g_build_filename (dir, "incoming.ini", NULL);
  g_autoptr (DtIncoming) incoming = dt_incoming_new (ini);
  g_autoptr (DtDialinUser) alice = dt_incoming_add_user (incoming, "alice", NULL);
  g_autofree char *reason = NULL;
  g_autofree char *line = NULL;
  DtTestIsp *isp;
  gboolean stored = FALSE;

  if (n == 0 || !dt_test_isp_available (&reason))
    {
      fprintf (stderr, "bench-answer: %s\n", n == 0 ? "usage: bench-answer [calls]" : reason);
      return 1;
    }
  dt_incoming_set_auth_methods (incoming, DT_AUTH_ALL);
  dt_dialin_secrets_store_async ("alice", "wonderland", NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  printf ("pppd in the guest (%s) calling DtAnswer on %s, %u calls per method\n",
          dt_test_isp_get_accel (isp), line, n);
  for (gsize a = 0; a < G_N_ELEMENTS (auths); a++)
    {
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < n; i++)
        {
          gint64 ms = one_call (isp, line, incoming, auths[a]);

          if (ms >= 0)
            g_array_append_val (times, ms);
        }
      g_array_sort (times, compare);
      if (times->len == 0)
        printf ("%-9s no call connected\n", auths[a]);
      else
        printf ("%-9s ATA to Connected: median %" G_GINT64_FORMAT " ms, min %" G_GINT64_FORMAT
                " ms, max %" G_GINT64_FORMAT " ms (%u of %u connected)\n", auths[a],
                g_array_index (times, gint64, times->len / 2), g_array_index (times, gint64, 0),
                g_array_index (times, gint64, times->len - 1), times->len, n);
    }
  dt_test_isp_release_line (isp, line);
  dt_test_keyring_stop (keyring);
  return 0;
}
