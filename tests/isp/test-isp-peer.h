/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A scripted PPP peer for the test ISP's own tests: just enough of RFC 1661 (LCP), RFC 1332
 * and RFC 1877 (IPCP with DNS) to bring a link up without authentication, ping across it and
 * close it, over the tests' own framing (tests/common/dt-test-hdlc). */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TestPeer TestPeer;

TestPeer *test_peer_new (int fd);
void test_peer_free (TestPeer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPeer, test_peer_free)

/* LCP then IPCP, until both are open; asserts on failure. */
void test_peer_negotiate (TestPeer *self, guint timeout_ms);
guint32 test_peer_get_address (TestPeer *self);
guint32 test_peer_get_dns (TestPeer *self, guint i);
/* An ICMP echo to dst (host order); TRUE if the matching reply came back. */
gboolean test_peer_ping (TestPeer *self, guint32 dst, guint timeout_ms);
/* LCP Terminate-Request, and waits for the Terminate-Ack. */
void test_peer_terminate (TestPeer *self, guint timeout_ms);

G_END_DECLS
