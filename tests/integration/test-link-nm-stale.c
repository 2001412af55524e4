/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A Dialtone that dies with a link up (SIGKILL, as in a crash), in a private NetworkManager
 * sandbox: its profile is volatile, so taking it down from outside deletes it; and when
 * Dialtone starts again (a DtDialer), or dt_link_cleanup_stale_async() runs, the profile and
 * the device of the dead process go, while those of a Dialtone that still runs stay up.
 *
 * Each "Dialtone" is this program run again with --hold-link NAME: it brings a link up,
 * prints the device's name, and waits to be killed. */
#include "config.h"

#include <NetworkManager.h>
#include <net/if.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "dt-dialer.h"
#include "dt-link.h"
#include "dt-test-link.h"
#include "dt-test-nm.h"

static DtTestNm *sandbox;
static GError *sandbox_error;

static DtLink *
new_link (const char *name)
{
  DtLinkConfig config = {
    .name = name,
    .local_address = "10.64.0.11",
    .peer_address = "10.64.0.1",
    .default_gateway = TRUE,
    .mode = DT_LINK_MODE_NM,
  };

  return dt_link_new (&config);
}

/* The child: a link up until SIGKILL. */
static int
hold_link (const char *name)
{
  g_autoptr (DtLink) link = new_link (name);
  g_autoptr (GError) error = NULL;

  if (!dt_test_link_up (link, &error))
    {
      g_printerr ("hold-link %s: %s\n", name, error->message);
      return 1;
    }
  printf ("%s\n", dt_link_get_interface (link));
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

typedef struct {
  GSubprocess *process;
  char        *interface;
} Holder;

static void
holder_start (Holder     *holder,
              const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;

  holder->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                      "/proc/self/exe", "--hold-link", name, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder->process));
  holder->interface = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (holder->interface);
  g_assert_cmpuint (if_nametoindex (holder->interface), !=, 0);
}

/* The way a crash ends it: no hang-up, no teardown. */
static void
holder_kill (Holder *holder)
{
  g_autoptr (GError) error = NULL;

  g_subprocess_send_signal (holder->process, SIGKILL);
  g_subprocess_wait (holder->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (holder->process));
}

static void
holder_clear (Holder *holder)
{
  if (holder->process != NULL && g_subprocess_get_identifier (holder->process) != NULL)
    holder_kill (holder);
  g_clear_object (&holder->process);
  g_clear_pointer (&holder->interface, g_free);
}

/* "NAME:DEVICE" lines of the Dialtone profiles NetworkManager has, active or not. */
static char *
dialtone_profiles (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = dt_test_nm_run (&error, "nmcli", "-t", "-f", "NAME,DEVICE",
                                         "connection", "show", NULL);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) found = g_string_new (NULL);

  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Dialtone"))
      g_string_append_printf (found, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* Waits up to @seconds for the profile list to be @expected. */
static void
wait_profiles (const char *expected,
               guint       seconds)
{
  g_autofree char *profiles = NULL;

  for (guint i = 0; i < seconds * 10; i++)
    {
      g_clear_pointer (&profiles, g_free);
      profiles = dialtone_profiles ();
      if (g_str_equal (profiles, expected))
        return;
      dt_test_run_for (100);
    }
  g_assert_cmpstr (profiles, ==, expected);
}

/* NetworkManager deletes a device it created a little after the profile. */
static void
wait_device_gone (const char *interface)
{
  for (guint i = 0; i < 50 && if_nametoindex (interface) != 0; i++)
    dt_test_run_for (100);
  g_assert_cmpuint (if_nametoindex (interface), ==, 0);
}

/* The profile's flags, as soon as libnm has seen them; 0 while it has not. */
static NMSettingsConnectionFlags
profile_flags (NMClient   *client,
               const char *id)
{
  const GPtrArray *connections = nm_client_get_connections (client);

  for (guint i = 0; i < connections->len; i++)
    if (g_strcmp0 (nm_connection_get_id (connections->pdata[i]), id) == 0)
      return nm_remote_connection_get_flags (connections->pdata[i]);
  return 0;
}

/* The profile of a killed Dialtone stays active, default route and all; being volatile, it is
 * deleted as soon as someone takes it down. */
static void
test_volatile (void)
{
  g_autoptr (NMClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *routes = NULL;
  g_autofree char *down = NULL;
  Holder killed = { 0 };

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  client = nm_client_new (NULL, &error);
  g_assert_no_error (error);
  holder_start (&killed, "Killed");
  for (guint i = 0; i < 50; i++)
    {
      if (profile_flags (client, "Dialtone: Killed") & NM_SETTINGS_CONNECTION_FLAG_VOLATILE)
        break;
      dt_test_run_for (100);
    }
  g_assert_true (profile_flags (client, "Dialtone: Killed")
                 & NM_SETTINGS_CONNECTION_FLAG_VOLATILE);

  holder_kill (&killed);
  /* What a crash leaves: nobody took the link down. */
  routes = dt_test_nm_run (&error, "ip", "-4", "route", "show", "default", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (routes, killed.interface));
  wait_profiles ("Dialtone\\: Killed:dt-ppp0\n", 1);

  down = dt_test_nm_run (&error, "nmcli", "connection", "down", "id", "Dialtone: Killed", NULL);
  g_assert_no_error (error);
  wait_profiles ("", 5);
  wait_device_gone (killed.interface);
  holder_clear (&killed);
}

static void
on_cleaned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gssize *deleted = user_data;
  g_autoptr (GError) error = NULL;

  *deleted = dt_link_cleanup_stale_finish (result, &error);
  g_assert_no_error (error);
}

static gssize
cleanup_stale (void)
{
  gssize deleted = -2;

  dt_link_cleanup_stale_async (NULL, on_cleaned, &deleted);
  while (deleted == -2)
    g_main_context_iteration (NULL, TRUE);
  return deleted;
}

/* Two Dialtones with a link up each; one is killed.  Starting Dialtone again takes down the
 * dead one's profile and device, and never the live one's. */
static void
test_cleanup (void)
{
  g_autoptr (DtDialer) dialer = NULL;
  g_autofree char *active = NULL;
  Holder killed = { 0 }, running = { 0 };

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  holder_start (&killed, "Killed");
  holder_start (&running, "Running");
  g_assert_cmpstr (killed.interface, !=, running.interface);
  holder_kill (&killed);
  wait_profiles ("Dialtone\\: Killed:dt-ppp0\nDialtone\\: Running:dt-ppp1\n", 1);

  /* What the application creates when it starts. */
  dialer = dt_dialer_new ();
  wait_profiles ("Dialtone\\: Running:dt-ppp1\n", 5);
  wait_device_gone (killed.interface);

  /* The live one is untouched: still active, its device still there, and a second sweep
   * finds nothing to do. */
  g_assert_cmpint (cleanup_stale (), ==, 0);
  active = dt_test_nm_run (NULL, "nmcli", "-t", "-f", "NAME,STATE", "connection", "show",
                           "--active", NULL);
  g_assert_nonnull (strstr (active, "Dialtone\\: Running:activated\n"));
  g_assert_cmpuint (if_nametoindex (running.interface), !=, 0);

  /* Until it dies too. */
  holder_kill (&running);
  g_assert_cmpint (cleanup_stale (), ==, 1);
  wait_profiles ("", 5);
  wait_device_gone (running.interface);

  g_clear_object (&dialer);
  holder_clear (&killed);
  holder_clear (&running);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--hold-link"))
    return hold_link (argv[2]);

  g_test_init (&argc, &argv, NULL);
  /* Private: the test sweeps every stale profile of its user, and counts them. */
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &sandbox_error);

  g_test_add_func ("/link/nm-stale/volatile", test_volatile);
  g_test_add_func ("/link/nm-stale/cleanup", test_cleanup);
  status = g_test_run ();

  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
