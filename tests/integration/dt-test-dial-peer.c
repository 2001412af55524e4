/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the tests that dial the scripted peer with a DtConnection (see dt-test-dial-peer.h). */

#include "config.h"

#include "dt-test-dial-peer.h"

void
dt_test_dial_peer_scenario_init (DtTestPeerScenario *scenario,
                                 const char         *password)
{
  dt_test_peer_scenario_init (scenario);
  scenario->user = "alice";
  scenario->password = password;
  /* The peer's fast settings: 100 ms guard time, 1 s restart timer, a quick CONNECT. */
  scenario->s12 = 5;
  scenario->restart_ms = 1000;
  scenario->connect_delay_ms = 20;
}

void
dt_test_dial_peer_tell (DtConnection *connection,
                        DtTestPeer   *peer)
{
  g_auto (GStrv) log = dt_connection_dup_log (connection);
  g_autofree char *joined = g_strjoinv ("\n", log);
  g_autofree char *transcript = dt_test_peer_format_transcript (peer);

  g_test_message ("connection log:\n%s\npeer transcript:\n%s", joined, transcript);
}

void
dt_test_dial_peer_assert_no_violations (DtTestPeer *peer)
{
  GPtrArray *violations = dt_test_peer_get_outcome (peer)->violations;

  for (guint i = 0; i < violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);
}

void
dt_test_dial_peer_assert_nothing_left (const DtTestResources *before,
                                       DtTestPeer           **peer)
{
  g_autofree char *device = g_strdup (dt_test_peer_get_device (*peer));

  g_clear_pointer (peer, dt_test_peer_free);
  dt_test_dial_assert_nothing_left (before, device);
}

void
dt_test_dial_peer_tear_down (DtConnection  *connection,
                             DtEntry       *entry,
                             DtTestPeer   **peer,
                             gpointer       handler_data)
{
  if (g_test_failed () && *peer != NULL)
    dt_test_dial_peer_tell (connection, *peer);
  if (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    dt_test_dial_hang_up (connection);
  g_signal_handlers_disconnect_by_data (connection, handler_data);
  g_assert_finalize_object (connection);
  g_assert_finalize_object (entry);
  g_clear_pointer (peer, dt_test_peer_free);
}

DtEntry *
dt_test_dial_peer_entry_new (const char *name,
                             const char *number)
{
  DtEntry *entry = dt_entry_new ();

  dt_entry_set_name (entry, name);
  dt_entry_set_number (entry, number);
  dt_entry_set_user (entry, "alice");
  dt_entry_set_auth_methods (entry, DT_AUTH_MSCHAPV2);
  return entry;
}

gboolean
dt_test_dial_peer_dial (const DtTestPeerScenario *scenario,
                        DtTestPeer              **peer,
                        DtConnection             *connection,
                        DtEntry                  *entry,
                        const char               *password,
                        GError                  **error)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", password, NULL);

  *peer = dt_test_peer_new (scenario);
  dt_entry_set_device (entry, dt_test_peer_get_device (*peer));
  return dt_test_dial_sync (connection, entry, credentials, error);
}
