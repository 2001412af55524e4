/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The peer tests' client end of the line: the pty's slave, opened as the engine opens its
 * modem, with what arrives kept both as text (modem results) and as HDLC frames (PPP), and
 * helpers that run the main loop until an expected answer comes.  The packets the tests
 * send are written out byte by byte in the tests themselves. */

#pragma once

#include <glib.h>

#include "dt-test-peer.h"

G_BEGIN_DECLS

typedef struct _TestLink TestLink;

TestLink *test_link_open          (const char    *device);
void      test_link_free          (TestLink      *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestLink, test_link_free)

void      test_link_send          (TestLink      *link,
                                   const char    *text);
void      test_link_send_packet   (TestLink      *link,
                                   guint16        protocol,
                                   const guint8  *packet,
                                   gsize          len);
/* Runs the main loop until @text arrives after what earlier waits consumed; consumes it. */
gboolean  test_link_wait_text     (TestLink      *link,
                                   const char    *text,
                                   guint          timeout_ms);
/* Asserts that the next bytes to arrive (within @timeout_ms) are exactly @text. */
void      test_link_expect        (TestLink      *link,
                                   const char    *text,
                                   guint          timeout_ms);
/* Everything received as text since the last wait, for assertions on what did not come. */
char     *test_link_take_text     (TestLink      *link);
void      test_link_discard_text  (TestLink      *link);
/* The first packet of @protocol and @code not taken yet (the whole information field:
 * code, id, length, data), or NULL after @timeout_ms. */
GBytes   *test_link_wait_packet   (TestLink      *link,
                                   guint16        protocol,
                                   guint8         code,
                                   guint          timeout_ms);
void      test_run_for            (guint          ms);

/* A packet of a control protocol, with its Length filled in. */
GBytes   *test_packet             (guint8         code,
                                   guint8         id,
                                   const guint8  *data,
                                   gsize          len);

G_END_DECLS

G_BEGIN_DECLS

/* Steps of a PPP client, for the tests that need LCP up before the part they test.  Each
 * asserts every byte it gets back. */

/* LCP: acknowledges the server's request, sends ACCM 0, magic 0x1133515B, PFC, ACFC and,
 * with @callback, the Callback option with operation 6 (MS-CBCP 4.1's example), and expects
 * it acknowledged byte for byte. */
void      test_ppp_lcp_up         (TestLink      *link,
                                   gboolean       callback);
/* Waits for the Challenge; returns its id and copies its 16-octet value. */
guint8    test_ppp_challenge      (TestLink      *link,
                                   guint8         value[16]);
void      test_ppp_send_response  (TestLink      *link,
                                   guint8         id,
                                   const guint8   peer_challenge[16],
                                   const guint8   nt_response[24],
                                   const char    *name);
/* The text of the next CHAP packet of @code (Success or Failure), asserting its id. */
char     *test_ppp_chap_message   (TestLink      *link,
                                   guint8         code,
                                   guint8         id);
/* IPCP: acknowledges the server's 10.77.0.1, asks for 0.0.0.0 and both DNS servers, expects
 * the Nak with 10.77.0.2, 10.77.0.53 and 10.77.0.54, asks again and expects the Ack. */
void      test_ppp_ipcp_up        (TestLink      *link);

/* RFC 2759, 9.2 "Hash Example": user "User", password "clientPass". */
extern const guint8 rfc_auth_challenge[16];
extern const guint8 rfc_peer_challenge[16];
extern const guint8 rfc_nt_response[24];

/* A call to the peer: its scenario, the peer, the client's end of the line. */
typedef struct
{
  DtTestPeerScenario sc;
  DtTestPeer *peer;
  TestLink *link;
} TestCall;

/* The RFC 2759 example's user, password and first challenge, a peer that answers in 20 ms and
 * restarts its timers after a second, and @seed; the rest of the scenario as it starts. */
void      test_call_init          (TestCall      *call,
                                   guint32        seed);
/* Starts the peer, dials it ("ATE0S12=5D5550123") and brings LCP up (test_ppp_lcp_up()). */
void      test_call_dial          (TestCall      *call,
                                   gboolean       callback);
/* Tells the peer's protocol violations, and asserts there are none. */
void      test_call_assert_no_violations (TestCall *call);
/* Prints the peer's transcript if the test failed; frees the line and the peer. */
void      test_call_clear         (TestCall      *call);

G_END_DECLS
