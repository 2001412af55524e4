/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp against a server that is broken or out to harm the user, scripted byte for byte: text
 * that would rewrite the terminal, a link renegotiated for ever, addresses no host may have, a
 * server that wants the password in clear or will not prove who it is.  Each test asserts what
 * the user would see: the RAS code and its message, and what crossed the line. */

#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-ppp-peer.h"
#include "dt-ppp-private.h"

static const guint8 lcp_plain[] = { 5, 6, 0x5e, 0xa1, 0x3b, 0x07 };
static const guint8 lcp_pap[] = { 3, 4, 0xc0, 0x23,  5, 6, 0x5e, 0xa1, 0x3b, 0x07 };
static const guint8 pap[] = { 3, 4, 0xc0, 0x23 };
static const guint8 md5[] = { 3, 5, 0xc2, 0x23, 5 };
static const guint8 mschapv2[] = { 3, 5, 0xc2, 0x23, 0x81 };

#define PASSWORD "s3cr3t-Pa55"

static DtPppConfig
quiet_config (void)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "alice";
  c.password = PASSWORD;
  c.echo_interval_ms = 0;
  c.restart_ms = 50;
  /* A server without VJ or CCP: compression has its own tests (test-ppp-ccp). */
  c.compression = 0;
  return c;
}

/* Acks the session's first Configure-Request, so that only the server's side is open. */
static void
ack_our_request (DtPppPeer *peer)
{
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 1000);
  const guint8 *data;
  gsize len;

  g_assert_nonnull (req);
  data = dt_ppp_peer_frame_data (req, &len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data, len);
}

/* The server sends @opts as its request; returns the session's answer (not its own
 * requests, which may come in between). */
static DtPppPeerFrame *
server_request (DtPppPeer      *peer,
                guint8        id,
                const guint8 *opts,
                gsize         len)
{
  DtPppPeerFrame *reply;

  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, opts, len);
  for (;;)
    {
      reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, 0, 1000);
      g_assert_nonnull (reply);
      if (dt_ppp_peer_frame_code (reply) != DT_PPP_CONF_REQ)
        return reply;
      dt_ppp_peer_frame_free (reply);
    }
}

static void
assert_reply (DtPppPeerFrame    *reply,
              guint8        code,
              const guint8 *data,
              gsize         len)
{
  const guint8 *got;
  gsize got_len;

  g_assert_cmpuint (dt_ppp_peer_frame_code (reply), ==, code);
  got = dt_ppp_peer_frame_data (reply, &got_len);
  if (data != NULL)
    g_assert_cmpmem (got, got_len, data, len);
}

static void
finish_terminate (DtPppPeer *peer)
{
  g_autoptr (DtPppPeerFrame) term = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 2000);

  g_assert_nonnull (term);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_ACK, dt_ppp_peer_frame_id (term), NULL, 0);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 2000));
}

/* Peer text ---------------------------------------------------------------------------- */

static void
test_terminate_reason_sanitized (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  /* Clear the screen, move the cursor, ring, then U+202E (right-to-left override) so that
   * the rest reads backwards, a NUL, and more text after it. */
  const char reason[] = "\x1b[2J\x1b[H\aBye \xe2\x80\xae" "lanoitcnuf\x9b" "31m red\0hidden";

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_plain, sizeof lcp_plain);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 7, (const guint8 *) reason,
                 sizeof reason - 1);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 2000));

  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_REMOTE_TERMINATED);
  g_assert_null (strchr (peer->finished_reason, '\x1b'));
  g_assert_null (strchr (peer->finished_reason, '\a'));
  g_assert_null (strstr (peer->finished_reason, "\xe2\x80\xae"));
  g_assert_null (strstr (peer->finished_reason, "hidden"));
  g_assert_true (g_utf8_validate (peer->finished_reason, -1, NULL));
  for (const char *p = peer->finished_reason; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
  g_assert_nonnull (strstr (peer->finished_reason, "Bye"));
  g_assert_nonnull (strstr (peer->finished_reason, "lanoitcnuf"));
}

/* Renegotiation ------------------------------------------------------------------------ */

/* A server that sends a new LCP Configure-Request after each Opened: every time, the session
 * authenticates again and sends the password.  It gives up after a handful. */
static void
test_endless_renegotiation (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  const guint8 pap_ack[] = { 0 };
  guint opens = 0, pap_requests = 0;

  c.auth_methods = DT_PPP_AUTH_METHOD_PAP;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_pap, sizeof lcp_pap);
  for (guint8 id = 100; id < 100 + 50 && !peer->finished; id++)
    {
      g_autoptr (DtPppPeerFrame) req = NULL;
      g_autoptr (DtPppPeerFrame) reply = NULL;
      g_autoptr (DtPppPeerFrame) auth = dt_ppp_peer_expect (peer, DT_PPP_PROTO_PAP, 1, 200);

      if (auth == NULL)
        break;
      opens++;
      pap_requests++;
      dt_ppp_peer_send (peer, DT_PPP_PROTO_PAP, 2, dt_ppp_peer_frame_id (auth), pap_ack, 1);
      /* Renegotiate: the session goes down, asks again and judges ours. */
      dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, lcp_pap, sizeof lcp_pap);
      req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, 200);
      reply = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 200);
      g_assert_nonnull (req);
      g_assert_nonnull (reply);
      dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req),
                     g_bytes_get_data (req->info, NULL) + 4,
                     g_bytes_get_size (req->info) - 4);
    }
  g_assert_cmpuint (opens, ==, DT_PPP_MAX_LCP_OPENS);
  g_assert_cmpuint (pap_requests, ==, DT_PPP_MAX_LCP_OPENS);
  if (!peer->finished)
    finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_LCP_TERMINATED);
  g_assert_cmpstr (peer->finished_reason, ==, "The server renegotiated the link again and again");
}

/* Addresses ---------------------------------------------------------------------------- */

static DtPppPeer *
peer_in_network_phase (DtPppConfig *c)
{
  DtPppPeer *peer = dt_ppp_peer_new (c);

  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_plain, sizeof lcp_plain);
  g_assert_cmpint (dt_ppp_get_phase (peer->ppp), ==, DT_PPP_PHASE_NETWORK);
  return peer;
}

static void
check_address_refused (guint32     local,
                       guint32     remote,
                       const char *named)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autofree char *want = g_strdup_printf ("The server assigned an address no host may have (%s)",
                                           named);

  c.want_dns = FALSE;
  peer = peer_in_network_phase (&c);
  {
    g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 500);
    g_autoptr (DtPppPeerFrame) req2 = NULL;
    g_autoptr (DtPppPeerFrame) ack = NULL;
    guint8 opt[6] = { 3, 6 };

    dt_ppp_put32 (opt + 2, local);
    dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (req), opt, 6);
    req2 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 500);
    g_assert_nonnull (req2);
    dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req2), opt, 6);
    dt_ppp_put32 (opt + 2, remote);
    dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 9, opt, 6);
  }
  g_assert_false (peer->network_up);
  finish_terminate (peer);
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_cmpstr (peer->finished_reason, ==, want);
}

static void
test_bad_addresses (void)
{
  /* Ours: loopback, "this network", multicast, class E, broadcast. */
  check_address_refused (0x7f000001, 0x0a400001, "127.0.0.1");
  check_address_refused (0x00000005, 0x0a400001, "0.0.0.5");
  check_address_refused (0xe0000001, 0x0a400001, "224.0.0.1");
  check_address_refused (0xf0000001, 0x0a400001, "240.0.0.1");
  check_address_refused (0xffffffff, 0x0a400001, "255.255.255.255");
  /* The server's: loopback, and ours again (it would route our own address to the link). */
  check_address_refused (0x0a40000b, 0x7f000001, "127.0.0.1");
  check_address_refused (0x0a40000b, 0x0a40000b, "10.64.0.11");
}

/* Authentication ----------------------------------------------------------------------- */

/* A server that proposes PAP is asked for MS-CHAPv2, then CHAP-MD5; PAP only when it insists. */
static void
test_pap_only_when_insisted (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) r1 = NULL;
  g_autoptr (DtPppPeerFrame) r2 = NULL;
  g_autoptr (DtPppPeerFrame) r3 = NULL;

  dt_ppp_start (peer->ppp);
  ack_our_request (peer);
  r1 = server_request (peer, 1, pap, sizeof pap);
  assert_reply (r1, DT_PPP_CONF_NAK, mschapv2, sizeof mschapv2);
  r2 = server_request (peer, 2, pap, sizeof pap);
  assert_reply (r2, DT_PPP_CONF_NAK, md5, sizeof md5);
  r3 = server_request (peer, 3, pap, sizeof pap);
  assert_reply (r3, DT_PPP_CONF_ACK, pap, sizeof pap);
  g_assert_cmpstr (peer->authenticating, ==, "PAP");
  g_assert_false (dt_ppp_get_pap_insisted (peer->ppp));
  dt_ppp_close (peer->ppp, NULL);
}

/* Only what the entry allows is asked for; and a server known to insist gets PAP at once. */
static void
test_pap_policy_follows_entry (void)
{
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (DtPppPeer) peer = NULL;
    g_autoptr (DtPppPeerFrame) r1 = NULL;
    g_autoptr (DtPppPeerFrame) r2 = NULL;

    c.auth_methods = DT_PPP_AUTH_METHOD_PAP | DT_PPP_AUTH_METHOD_CHAP_MD5;
    peer = dt_ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    ack_our_request (peer);
    r1 = server_request (peer, 1, pap, sizeof pap);
    assert_reply (r1, DT_PPP_CONF_NAK, md5, sizeof md5);
    r2 = server_request (peer, 2, pap, sizeof pap);
    assert_reply (r2, DT_PPP_CONF_ACK, pap, sizeof pap);
    dt_ppp_close (peer->ppp, NULL);
  }
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (DtPppPeer) peer = NULL;
    g_autoptr (DtPppPeerFrame) r1 = NULL;

    c.accept_pap_at_once = TRUE;
    peer = dt_ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    ack_our_request (peer);
    r1 = server_request (peer, 1, pap, sizeof pap);
    assert_reply (r1, DT_PPP_CONF_ACK, pap, sizeof pap);
    dt_ppp_close (peer->ppp, NULL);
  }
}

/* pppd asked for more than its PAP stops asking for authentication, opens LCP and hangs up:
 * the session says the server insists on PAP, so that the next call can take it. */
static void
test_pap_dropped_by_server (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = dt_ppp_peer_new (&c);
  g_autoptr (DtPppPeerFrame) r1 = NULL;
  g_autoptr (DtPppPeerFrame) r2 = NULL;

  dt_ppp_start (peer->ppp);
  ack_our_request (peer);
  r1 = server_request (peer, 1, pap, sizeof pap);
  assert_reply (r1, DT_PPP_CONF_NAK, mschapv2, sizeof mschapv2);
  r2 = server_request (peer, 2, lcp_plain, sizeof lcp_plain);
  assert_reply (r2, DT_PPP_CONF_ACK, lcp_plain, sizeof lcp_plain);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_TERM_REQ, 3,
                 (const guint8 *) "peer refused to authenticate", 28);
  g_assert_true (dt_ppp_peer_wait_finished (peer, 2000));
  g_assert_true (dt_ppp_get_pap_insisted (peer->ppp));
  g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_cmpstr (peer->finished_reason, ==, "The server insists on PAP authentication, "
                                              "which sends the password unencrypted");
}

/* With require_server_auth, a server that authenticates nobody cannot prove who it is. */
static void
test_require_server_auth (void)
{
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (DtPppPeer) peer = NULL;

    c.require_server_auth = TRUE;
    peer = dt_ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    dt_ppp_peer_open_lcp (peer, lcp_plain, sizeof lcp_plain);
    g_assert_null (dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, 0, 0));
    finish_terminate (peer);
    g_assert_cmpuint (peer->finished_code, ==, DT_RAS_ERROR_SERVER_NOT_AUTHENTICATED);
  }
  /* Nor may it settle for CHAP-MD5, which proves nothing about the server. */
  {
    DtPppConfig c = quiet_config ();
    g_autoptr (DtPppPeer) peer = NULL;
    g_autoptr (DtPppPeerFrame) r1 = NULL;

    c.require_server_auth = TRUE;
    peer = dt_ppp_peer_new (&c);
    dt_ppp_start (peer->ppp);
    ack_our_request (peer);
    r1 = server_request (peer, 1, md5, sizeof md5);
    assert_reply (r1, DT_PPP_CONF_NAK, mschapv2, sizeof mschapv2);
    dt_ppp_close (peer->ppp, NULL);
  }
}

/* Secrets ------------------------------------------------------------------------------- */

/* The encoded Authenticate-Request goes to the line and is then wiped from the session's
 * output buffer: no copy of the password stays in memory after it was sent. */
static void
test_pap_request_wiped (void)
{
  DtPppConfig c = quiet_config ();
  g_autoptr (DtPppPeer) peer = NULL;
  g_autoptr (DtPppPeerFrame) auth = NULL;
  const guint8 *found, *start, *end;

  c.auth_methods = DT_PPP_AUTH_METHOD_PAP;
  peer = dt_ppp_peer_new (&c);
  dt_ppp_start (peer->ppp);
  dt_ppp_peer_open_lcp (peer, lcp_pap, sizeof lcp_pap);
  auth = dt_ppp_peer_expect (peer, DT_PPP_PROTO_PAP, 1, 500);
  g_assert_nonnull (auth);
  /* The line carried it (the password's characters need no escaping). */
  found = memmem (peer->wire->data, peer->wire->len, PASSWORD, strlen (PASSWORD));
  g_assert_nonnull (found);
  /* The frame around it, flag to flag: the output buffer held at least that much. */
  for (start = found; *start != 0x7e; start--)
    ;
  end = memchr (found, 0x7e, peer->wire->data + peer->wire->len - found);
  g_assert_nonnull (end);
  g_assert_null (memmem (peer->ppp->out->data, end - start + 1, PASSWORD, strlen (PASSWORD)));
  dt_ppp_close (peer->ppp, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/hostile/terminate-reason-sanitized", test_terminate_reason_sanitized);
  g_test_add_func ("/ppp/hostile/endless-renegotiation", test_endless_renegotiation);
  g_test_add_func ("/ppp/hostile/bad-addresses", test_bad_addresses);
  g_test_add_func ("/ppp/hostile/pap-only-when-insisted", test_pap_only_when_insisted);
  g_test_add_func ("/ppp/hostile/pap-policy-follows-entry", test_pap_policy_follows_entry);
  g_test_add_func ("/ppp/hostile/pap-dropped-by-server", test_pap_dropped_by_server);
  g_test_add_func ("/ppp/hostile/require-server-auth", test_require_server_auth);
  g_test_add_func ("/ppp/hostile/pap-request-wiped", test_pap_request_wiped);

  return g_test_run ();
}
