/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PasswordExpired (4099) against the scripted MS-CHAPv2 peer in tests/peer (pppd has no
 * Change-Password): the engine pauses, dt_connection_change_password() sends RFC 2759's
 * Change-Password packet, and the peer's own decryption recovers the very password the user
 * typed.  A wrong old password gives 709; hanging up in the pause gives 648. */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial-peer.h"

typedef struct {
  DtTestPeer *peer;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  const char *old_password;   /* what the user types in the dialog; NULL: hang up */
  const char *new_password;
  gboolean ok;
  GError *error;
} Fixture;

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  g_array_append_val (f->states, state);
}

static gboolean
answer_pause (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr (GError) error = NULL;

  if (f->old_password == NULL)
    dt_connection_hang_up (f->connection);
  else
    {
      g_assert_true (dt_connection_change_password (f->connection, f->old_password,
                                                    f->new_password, &error));
      g_assert_no_error (error);
    }
  return G_SOURCE_REMOVE;
}

static void
on_state_answer (DtConnection *connection,
                 guint         state,
                 const char   *detail,
                 guint         sub_entry,
                 Fixture      *f)
{
  /* The dialog answers later, from the main loop, as a user would. */
  if (state == DT_CONN_STATE_PASSWORD_EXPIRED)
    g_idle_add (answer_pause, f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DtTestPeerScenario scenario;

  dt_test_dial_peer_scenario_init (&scenario, "Old-Passw0rd");
  scenario.password_expired = TRUE;
  f->peer = dt_test_peer_new (&scenario);
  f->states = g_array_new (FALSE, FALSE, sizeof (guint));

  f->entry = dt_test_dial_peer_entry_new ("Expired", "5550123");
  dt_entry_set_device (f->entry, dt_test_peer_get_device (f->peer));
  f->connection = dt_connection_new ();
  dt_connection_set_network_mode (f->connection, DT_NETWORK_NONE);
  dt_connection_set_trace (f->connection, TRUE);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_answer), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_dial_peer_tear_down (f->connection, f->entry, &f->peer, f);
  g_array_unref (f->states);
  g_clear_error (&f->error);
}

static void
dial (Fixture *f)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", "Old-Passw0rd", NULL);

  f->ok = dt_test_dial_sync (f->connection, f->entry, credentials, &f->error);
}

static void
test_change_password (Fixture       *f,
                      gconstpointer  data)
{
  const DtTestPeerOutcome *out;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *states = NULL;
  g_auto (GStrv) log = NULL;
  g_autofree char *joined = NULL;

  f->old_password = "Old-Passw0rd";
  f->new_password = "Nëw-Passw0rd!";
  dial (f);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  states = dt_test_dial_format_states (f->states);
  /* Authenticate, the server's E=648, PasswordExpired, AuthChangePassword, the server's
   * Success, Authenticated, then IPCP. */
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 4099 9 6 14 18 8192");

  out = dt_test_peer_get_outcome (f->peer);
  g_assert_cmpstr (out->new_password, ==, "Nëw-Passw0rd!");
  g_assert_true (out->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (f->peer), ==, "Nëw-Passw0rd!");
  g_assert_true (out->ipcp_opened);
  g_assert_cmpuint (out->violations->len, ==, 0);
  status = dt_connection_get_status (f->connection);
  g_assert_cmpstr (status->local_address, ==, "10.77.0.2");
  g_assert_cmpstr (status->auth_protocol, ==, "MS-CHAPv2");

  /* Neither password reaches the log. */
  log = dt_connection_dup_log (f->connection);
  joined = g_strjoinv ("\n", log);
  g_assert_null (strstr (joined, "Old-Passw0rd"));
  g_assert_null (strstr (joined, "Passw0rd!"));
}

static void
test_wrong_old_password (Fixture       *f,
                         gconstpointer  data)
{
  const DtTestPeerOutcome *out;

  f->old_password = "not-the-old-one";
  f->new_password = "Whatever-1";
  dial (f);
  g_assert_false (f->ok);
  g_assert_error (f->error, DT_RAS_ERROR, 709);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 709);
  out = dt_test_peer_get_outcome (f->peer);
  g_assert_false (out->password_changed);
  g_assert_cmpstr (dt_test_peer_get_password (f->peer), ==, "Old-Passw0rd");
}

static void
test_hang_up_in_pause (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *states = NULL;

  f->old_password = NULL;
  dial (f);
  g_assert_error (f->error, DT_RAS_ERROR, 648);
  states = dt_test_dial_format_states (f->states);
  g_assert_true (g_str_has_suffix (states, " 4099 8193"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/paused/password/change", test_change_password);
  ADD ("/paused/password/wrong-old-password", test_wrong_old_password);
  ADD ("/paused/password/hang-up", test_hang_up_in_pause);
  return g_test_run ();
}
