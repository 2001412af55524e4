/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A dial to the real ISP online through a real NetworkManager (see test-dataplane) when
 * things around the link go wrong: the device deleted from outside, NetworkManager
 * restarting, and NetworkManager stalled during a hang-up or while the device is set up. */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "dt-test-dataplane.h"

typedef DtTestDataplane Fixture;

static DtTestNm *nm;

/* The ISP's device gets deleted from outside while connected: the connection notices and
 * ends with 628. */
static void
test_device_deleted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *out = NULL;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  out = dt_test_dataplane_run ("ip", "link", "delete", status->interface, NULL);
  while (dt_connection_get_state (f->call.connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 628);
  /* The peer was told: pppd received our Terminate-Request. */
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "rcvd [LCP TermReq"));
}

/* NetworkManager restarts while the link is up: the device and its address come back, and
 * packets cross again, without a new dial. */
static void
test_nm_restarts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *ping = NULL;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  g_assert_true (dt_test_nm_restart (nm, 0.5, FALSE, &error));
  g_assert_no_error (error);
  /* Let the link find NetworkManager again. */
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *show = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      status = dt_connection_get_status (f->call.connection);
      if (status->interface != NULL)
        {
          g_autofree char *argv_if = g_strdup (status->interface);

          show = dt_test_nm_run (NULL, "nmcli", "-t", "-f", "GENERAL.STATE", "device", "show",
                                 argv_if, NULL);
          if (show != NULL && strstr (show, "100 (connected)") != NULL)
            break;
        }
      g_clear_pointer (&status, dt_conn_status_free);
      g_usleep (200 * 1000);
    }
  g_assert_nonnull (status);
  g_assert_cmpuint (dt_connection_get_state (f->call.connection), ==, DT_CONN_STATE_CONNECTED);
  ping = dt_test_dataplane_run ("ping", "-c", "2", "-W", "5", "-I", status->interface, "10.64.0.1",
                                NULL);
  g_assert_nonnull (strstr (ping, "2 received"));
}

/* The sandbox's NetworkManager process, from the state the sandbox keeps. */
static pid_t
nm_pid (void)
{
  g_autofree char *path = g_build_filename (dt_test_nm_get_dir (nm), "state.json", NULL);
  g_autofree char *state = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("\"nm\": *([0-9]+)", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *pid = NULL;

  g_assert_true (g_file_get_contents (path, &state, NULL, NULL));
  g_assert_true (g_regex_match (regex, state, 0, &match));
  pid = g_match_info_fetch (match, 1);
  return (pid_t) g_ascii_strtoll (pid, NULL, 10);
}

static gboolean
on_wake_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* NetworkManager stops answering (SIGSTOP) while the link is up, and the user hangs up: the
 * phone line is hung up all the same (pppd gets our Terminate-Request, Disconnected with
 * 631) while NetworkManager is still stopped, instead of after libnm's D-Bus timeout
 * (25 s).  Once it answers again, the profile goes. */
static void
test_nm_stalls (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  gboolean late = FALSE;
  guint wake_up;
  pid_t pid;
  gint64 start;
  double elapsed;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_test_dataplane_dial (f);
  g_assert_no_error (f->dial_error);
  status = dt_connection_get_status (f->call.connection);
  g_assert_nonnull (status->interface);

  pid = nm_pid ();
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);
  start = g_get_monotonic_time ();
  /* Less than libnm's timeout, more than the link's 3 s, the Terminate-Ack and "+++"/ATH0. */
  wake_up = g_timeout_add_seconds (20, on_wake_up, &late);
  dt_connection_hang_up (f->call.connection);
  while (dt_connection_get_state (f->call.connection) != DT_CONN_STATE_DISCONNECTED && !late)
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpint (kill (pid, SIGCONT), ==, 0);
  if (!late)
    g_source_remove (wake_up);

  g_test_message ("Disconnected %.1f s after the hang-up, NetworkManager stopped", elapsed);
  g_assert_false (late);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "rcvd [LCP TermReq"));

  /* NetworkManager gets the deletion once it runs again. */
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *profiles = dt_test_dataplane_run ("nmcli", "-t", "-f", "NAME", "connection",
                                                         "show", NULL);

      if (strstr (profiles, "Dialtone: ") == NULL)
        return;
      g_usleep (200 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_error ("the link's profile is still in NetworkManager 10 s after it answers again");
}

static void
stop_nm_in_apply_settings (DtConnection *connection,
                           guint         state,
                           const char   *detail,
                           guint         sub_entry,
                           Fixture      *f)
{
  if (state != DT_CONN_STATE_APPLY_SETTINGS || f->stopped_nm != 0)
    return;
  f->stopped_nm = nm_pid ();
  g_assert_cmpint (kill (f->stopped_nm, SIGSTOP), ==, 0);
}

/* NetworkManager stops answering as the device is being set up: ApplySettings gives up after
 * its bound (45 s; 3 s here) with 720, instead of waiting for ever, and the call is hung up
 * (pppd hears our Terminate-Request).  Once NetworkManager runs again and handles the request
 * that waited for it, no profile and no device are left. */
static void
test_apply_settings_bounded (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *states = NULL;
  gint64 start;
  double elapsed;

  DT_TEST_DATAPLANE_SKIP_IF_NO_PEERS (f);
  dt_connection_set_apply_settings_timeout (f->call.connection, 3000);
  g_signal_connect (f->call.connection, "state-changed", G_CALLBACK (stop_nm_in_apply_settings), f);
  start = g_get_monotonic_time ();
  dt_test_dataplane_dial (f);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  if (f->stopped_nm != 0)
    g_assert_cmpint (kill (f->stopped_nm, SIGCONT), ==, 0);

  states = dt_test_dial_format_states (f->call.states);
  g_test_message ("states: %s; Disconnected %.1f s after the dial began", states, elapsed);
  g_assert_cmpint (f->stopped_nm, >, 0);
  g_assert_false (f->dial_ok);
  g_assert_error (f->dial_error, DT_RAS_ERROR, 720);
  g_assert_nonnull (strstr (f->dial_error->message, "not ready in time"));
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 2), ==,
                    DT_CONN_STATE_APPLY_SETTINGS);
  g_assert_cmpuint (g_array_index (f->call.states, guint, f->call.states->len - 1), ==,
                    DT_CONN_STATE_DISCONNECTED);
  /* The dial (about 3 s), the bound, the link's own 3 s without NetworkManager, the hang-up. */
  g_assert_cmpfloat (elapsed, <, 20);
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "rcvd [LCP TermReq"));

  for (int i = 0; i < 75; i++)
    {
      g_autofree char *profiles = dt_test_dataplane_run ("nmcli", "-t", "-f", "NAME", "connection",
                                                         "show", NULL);
      g_autofree char *tuns = dt_test_dataplane_run ("ip", "-o", "link", "show", "type", "tun",
                                                     NULL);

      if (strstr (profiles, "Dialtone: ") == NULL && *tuns == '\0')
        return;
      g_usleep (200 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_error ("a profile or a TUN device is still there 15 s after NetworkManager runs again");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nm = dt_test_dataplane_start_nm ();

  DT_TEST_DATAPLANE_ADD ("/dataplane/device-deleted", test_device_deleted);
  DT_TEST_DATAPLANE_ADD ("/dataplane/nm-restarts", test_nm_restarts);
  DT_TEST_DATAPLANE_ADD ("/dataplane/nm-stalls", test_nm_stalls);
  DT_TEST_DATAPLANE_ADD ("/dataplane/apply-settings-bounded", test_apply_settings_bounded);

  return g_test_run ();
}
