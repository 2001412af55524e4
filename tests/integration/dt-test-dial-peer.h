/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the tests that dial with a DtConnection against the scripted peer in
 * tests/peer (test-paused-*.c): the peer's fast settings, what to tell when a test failed,
 * and the checks every such dial ends with. */
#pragma once

#include "dt-test-dial.h"
#include "dt-test-peer.h"

G_BEGIN_DECLS

/* Initialises @scenario for user "alice" with @password and the peer's fast settings. */
void dt_test_dial_peer_scenario_init        (DtTestPeerScenario    *scenario,
                                             const char            *password);
/* An entry @name that dials @number as alice, with MS-CHAPv2. */
DtEntry *dt_test_dial_peer_entry_new        (const char            *name,
                                             const char            *number);
/* Starts *@peer with @scenario, points @entry at the peer's line, and dials it as alice with
 * @password (dt_test_dial_sync()). */
gboolean dt_test_dial_peer_dial             (const DtTestPeerScenario *scenario,
                                             DtTestPeer           **peer,
                                             DtConnection          *connection,
                                             DtEntry               *entry,
                                             const char            *password,
                                             GError               **error);
/* Tells (g_test_message()) @connection's log and @peer's transcript. */
void dt_test_dial_peer_tell                 (DtConnection          *connection,
                                             DtTestPeer            *peer);
/* Tells the peer's protocol violations, and asserts there are none. */
void dt_test_dial_peer_assert_no_violations (DtTestPeer            *peer);
/* Frees *@peer, so that only the engine's are left to find, then asserts that the dial left
 * no lock file for its device, no file descriptor and no GSource (see
 * dt_test_dial_assert_nothing_left()). */
void dt_test_dial_peer_assert_nothing_left  (const DtTestResources *before,
                                             DtTestPeer           **peer);
/* A test's end: tells the log and transcript if it failed, hangs up a dial still going,
 * disconnects @handler_data's signal handlers, asserts that @connection and @entry are
 * finalized, and frees *@peer. */
void dt_test_dial_peer_tear_down            (DtConnection          *connection,
                                             DtEntry               *entry,
                                             DtTestPeer           **peer,
                                             gpointer               handler_data);

G_END_DECLS
