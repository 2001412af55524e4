/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink while NetworkManager restarts under it (a private sandbox): after a clean restart or
 * a crash the profile is active again and packets still cross; when NetworkManager does not
 * come back, the link is lost with a clear message within a bound, and its profile is
 * deleted once NetworkManager returns. */
#include "config.h"

#include <net/if.h>
#include <string.h>

#include "dt-error.h"
#include "dt-link.h"
#include "dt-test-link.h"
#include "dt-test-nm.h"

#define LOCAL "10.64.0.11"
#define PEER  "10.64.0.1"

static DtTestNm *sandbox;
static GError *sandbox_error;

static DtLink *
new_link (void)
{
  DtLinkConfig config = {
    .name = "Restart",
    .local_address = LOCAL,
    .peer_address = PEER,
    .mode = DT_LINK_MODE_NM,
  };

  return dt_link_new (&config);
}

static char *
dialtone_profiles (void)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) found = g_string_new (NULL);
  g_autofree char *out = NULL;

  out = dt_test_nm_run (&error, "nmcli", "-t", "-f", "NAME,DEVICE", "connection", "show", NULL);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Dialtone"))
      g_string_append_printf (found, "%s\n", lines[i]);
  return g_strdup (found->str);
}

typedef struct {
  gboolean  waiting;
  gboolean  recovered;
  GError   *lost;
} Watch;

static void
on_message (DtLink     *link,
            GParamSpec *pspec,
            Watch      *watch)
{
  if (dt_link_get_message (link) != NULL)
    watch->waiting = TRUE;
  else if (watch->waiting)
    watch->recovered = TRUE;
}

static void
check_restart (gboolean crash)
{
  g_autoptr (DtLink) link = new_link ();
  g_autoptr (GError) error = NULL;
  g_autofree char *profiles = NULL;
  g_autofree char *expected = NULL;
  DtTestPeer peer;
  Watch watch = { 0 };
  gint64 start;

  dt_test_peer_attach (&peer, link, PEER);
  g_signal_connect (link, "notify::message", G_CALLBACK (on_message), &watch);
  g_signal_connect (link, "lost", G_CALLBACK (dt_test_on_link_lost), &watch.lost);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_true (dt_test_ping (PEER));

  start = g_get_monotonic_time ();
  dt_test_nm_restart (sandbox, 0.5, crash, &error);
  g_assert_no_error (error);
  dt_test_wait_for (&watch.recovered, 15, "the link to recover");
  g_test_message ("Recovered %.1f ms after the restart began",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (watch.lost);

  /* One profile, active on the same device, and packets cross it. */
  profiles = dialtone_profiles ();
  expected = g_strdup_printf ("Dialtone\\: Restart:%s\n", dt_link_get_interface (link));
  g_assert_cmpstr (profiles, ==, expected);
  g_assert_true (dt_test_ping (PEER));
  g_assert_cmpuint (peer.requests, ==, 2);

  dt_test_link_down (link);
  g_assert_cmpuint (if_nametoindex (dt_link_get_interface (link)), ==, 0);
  g_clear_pointer (&profiles, g_free);
  profiles = dialtone_profiles ();
  g_assert_cmpstr (profiles, ==, "");
  dt_test_peer_clear (&peer);
}

static void
test_restart (void)
{
  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  check_restart (FALSE);
}

static void
test_crash (void)
{
  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  check_restart (TRUE);
}

static gboolean
no_profiles_left (void)
{
  g_autofree char *profiles = dialtone_profiles ();

  return profiles[0] == '\0';
}

static void
test_gone_for_good (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  Watch watch = { 0 };
  gint64 start;
  double seconds;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  link = new_link ();
  g_signal_connect (link, "lost", G_CALLBACK (dt_test_on_link_lost), &watch.lost);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  dt_test_nm_stop_daemon (sandbox, &error);
  g_assert_no_error (error);
  while (watch.lost == NULL)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("Lost %.1f s after NetworkManager stopped", seconds);
  g_assert_error (watch.lost, DT_RAS_ERROR, DT_RAS_ERROR_DISCONNECTION);
  g_assert_cmpstr (watch.lost->message, ==,
                   "NetworkManager stopped and did not come back within 10 s");
  g_assert_cmpstr (dt_link_get_message (link), ==, watch.lost->message);

  /* The profile goes once NetworkManager is back. */
  dt_test_nm_start_daemon (sandbox, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 50 && !no_profiles_left (); i++)
    dt_test_run_for (100);
  g_assert_true (no_profiles_left ());
  dt_test_link_down (link);
  g_clear_error (&watch.lost);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &sandbox_error);

  g_test_add_func ("/link/nm/restart", test_restart);
  g_test_add_func ("/link/nm/crash", test_crash);
  g_test_add_func ("/link/nm/gone-for-good", test_gone_for_good);
  status = g_test_run ();

  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
