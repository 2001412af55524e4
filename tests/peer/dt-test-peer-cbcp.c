/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's CBCP server: Microsoft's Callback Control Protocol (PPP protocol 0xC029),
 * the answerer's side of [MS-CBCP] section 3.2, which grew out of
 * draft-ietf-pppext-callback-cp.  After authentication, when LCP agreed on the Callback
 * option with operation 6, the server sends a Callback-Request listing the types it offers
 * (2.2.4.1), retransmitted with a new Identifier every restart time, ten times at most (as
 * Windows does).  The caller's Callback-Response must carry the Request's Identifier and one
 * offered option, well formed (2.2.4.2); anything else brings the Request again (3.2.5.3).
 * A good one is acknowledged with the same option (2.2.4.3); "no callback" goes on to IPCP,
 * and a callback ends the call (the client's LCP Terminate, its "+++" and ATH, or, after
 * callback_drop_ms, the server's own Terminate) and starts the ring-back.
 *
 * A user-specified number that breaks the scenario's rule is where the specification says
 * nothing; the peer does what a RAS server does with a number it will not dial: no
 * Callback-Ack, but an LCP Terminate-Request whose data reads "Invalid callback number"
 * (after bad_number_retries fresh Requests, 0 by default).  The engine maps that to 704. */

#include "dt-test-peer-private.h"

#include <string.h>

#define CBCP_REQUEST  1
#define CBCP_RESPONSE 2
#define CBCP_ACK      3
#define MAX_REQUESTS  10
#define ADDRESS_PSTN  1

static gboolean on_cbcp_timer (gpointer user_data);

static void
send_request (DtTestPeer *peer)
{
  g_autoptr (GByteArray) options = g_byte_array_new ();
  guint8 delay = peer->sc.callback_delay;

  if (peer->sc.callback_offer & DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK))
    g_byte_array_append (options, (const guint8[]) { 1, 2 }, 2);
  if (peer->sc.callback_offer & DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER))
    g_byte_array_append (options, (const guint8[]) { 2, 5, delay, ADDRESS_PSTN, 0 }, 5);
  if (peer->sc.callback_offer & DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_ADMIN_NUMBER))
    g_byte_array_append (options, (const guint8[]) { 3, 3, delay }, 3);

  /* 2.2.4.1: 1 first, a new Identifier for every Request. */
  peer->cbcp_id++;
  peer->cbcp_sends++;
  peer_send_packet (peer, DT_TEST_PEER_CBCP, CBCP_REQUEST, peer->cbcp_id, options->data,
                    options->len);
  g_clear_handle_id (&peer->cbcp_timer, g_source_remove);
  peer->cbcp_timer = g_timeout_add (peer->sc.restart_ms, on_cbcp_timer, peer);
}

static gboolean
on_cbcp_timer (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->cbcp_timer = 0;
  if (peer->cbcp_sends >= MAX_REQUESTS)
    lcp_terminate (peer, "No answer to the Callback-Request");
  else
    send_request (peer);
  return G_SOURCE_REMOVE;
}

static gboolean
on_drop (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->drop_id = 0;
  peer_event (peer, "the client keeps the line after the Callback-Ack: the server hangs up");
  lcp_terminate (peer, "Calling you back");
  return G_SOURCE_REMOVE;
}

void
cbcp_start (DtTestPeer *peer)
{
  peer_set_phase (peer, DT_TEST_PEER_PHASE_CALLBACK);
  peer->cbcp = CBCP_WAIT_RESPONSE;
  peer->cbcp_id = 0;
  peer->cbcp_sends = 0;
  peer->bad_numbers = 0;
  send_request (peer);
}

void
cbcp_stop (DtTestPeer *peer)
{
  g_clear_handle_id (&peer->cbcp_timer, g_source_remove);
  g_clear_handle_id (&peer->drop_id, g_source_remove);
  g_clear_pointer (&peer->cbcp_ack, g_bytes_unref);
  peer->cbcp = CBCP_NONE;
}

static void
bad_response (DtTestPeer *peer, const char *why)
{
  peer_violation (peer, "CBCP Callback-Response: %s", why);
  send_request (peer);
}

static gboolean
number_is_good (DtTestPeer *peer, const char *number, gsize len)
{
  return g_utf8_validate (number, (gssize) len, NULL)
         && g_regex_match (peer->number_rule, number, 0, NULL);
}

/* A user-specified number: the caller's address, checked against the scenario's rule. */
static gboolean
take_number (DtTestPeer *peer, const guint8 *o)
{
  const char *number = (const char *) o + 4;
  gsize len = o[1] - 5u;

  if (o[3] != ADDRESS_PSTN)
    {
      bad_response (peer, "the Address Type is not 1 (PSTN/ISDN)");
      return FALSE;
    }
  if (o[o[1] - 1] != 0 || memchr (number, 0, len) != NULL)
    {
      bad_response (peer, "the address is not one NUL-terminated string");
      return FALSE;
    }
  peer_set_string (&peer->out.callback_number, number);
  if (number_is_good (peer, number, len))
    return TRUE;

  peer->out.callback_rejected = TRUE;
  peer_event (peer, "CBCP: the server will not call “%s” back", number);
  if (peer->bad_numbers++ < peer->sc.bad_number_retries)
    send_request (peer);
  else
    {
      g_clear_handle_id (&peer->cbcp_timer, g_source_remove);
      lcp_terminate (peer, "Invalid callback number");
    }
  return FALSE;
}

static void
acknowledge (DtTestPeer *peer, guint8 id, const guint8 *o)
{
  g_clear_handle_id (&peer->cbcp_timer, g_source_remove);
  peer->cbcp = CBCP_DONE;
  peer->out.callback_acked = TRUE;
  peer->out.callback_type = o[0];
  peer->out.callback_delay = o[1] >= 3 ? o[2] : 0;
  if (o[0] == DT_TEST_PEER_CBCP_ADMIN_NUMBER)
    peer_set_string (&peer->out.callback_number, peer->sc.admin_number);

  /* 2.2.4.3: the Response's Identifier and its option, as it came. */
  peer_send_packet (peer, DT_TEST_PEER_CBCP, CBCP_ACK, id, o, o[1]);
  g_clear_pointer (&peer->cbcp_ack, g_bytes_unref);
  peer->cbcp_ack = g_bytes_new (o, o[1]);

  if (o[0] == DT_TEST_PEER_CBCP_NO_CALLBACK)
    {
      network_start (peer);
      return;
    }
  peer->call_back_due = TRUE;
  peer->drop_id = g_timeout_add (peer->sc.callback_drop_ms, on_drop, peer);
}

static void
handle_response (DtTestPeer *peer, guint8 id, const guint8 *data, gsize len)
{
  const guint8 *o = data;

  if (id != peer->cbcp_id)
    {
      /* 3.2.5.3 step 2: dropped silently. */
      peer_violation (peer, "CBCP Callback-Response id %u, the Request's is %u", id,
                      peer->cbcp_id);
      return;
    }
  if (len < 2 || o[1] < 2 || o[1] > len)
    {
      bad_response (peer, "no well-formed option");
      return;
    }
  if (o[1] != len)
    {
      bad_response (peer, "more than the one chosen option");
      return;
    }
  if (o[0] > 31 || !(peer->sc.callback_offer & DT_TEST_PEER_OFFER (o[0])))
    {
      g_autofree char *why = g_strdup_printf ("type %u was not offered", o[0]);

      bad_response (peer, why);
      return;
    }
  switch (o[0])
    {
    case DT_TEST_PEER_CBCP_NO_CALLBACK:
      /* 2.2.4.2: no delay and no address.  pppd's client sends a zero delay anyway. */
      if (o[1] == 3)
        peer_violation (peer, "CBCP no-callback option with a Callback Delay");
      else if (o[1] != 2)
        {
          bad_response (peer, "a no-callback option of a strange length");
          return;
        }
      break;
    case DT_TEST_PEER_CBCP_USER_NUMBER:
      if (o[1] < 5)
        {
          bad_response (peer, "a user-number option without an address");
          return;
        }
      if (!take_number (peer, o))
        return;
      break;
    case DT_TEST_PEER_CBCP_ADMIN_NUMBER:
    default:
      if (o[1] != 3)
        {
          bad_response (peer, "an administrator-number option is type, length, delay");
          return;
        }
      break;
    }
  acknowledge (peer, id, o);
}

void
cbcp_input (DtTestPeer *peer, const guint8 *packet, gsize len)
{
  gsize length;

  if (len < 4 || (length = (gsize) packet[2] << 8 | packet[3]) < 4 || length > len)
    {
      peer_violation (peer, "CBCP packet whose Length lies");
      return;
    }
  if (packet[0] != CBCP_RESPONSE)
    {
      peer_violation (peer, "CBCP code %u from the client", packet[0]);
      return;
    }
  if (peer->cbcp == CBCP_DONE && peer->cbcp_ack != NULL && packet[1] == peer->cbcp_id)
    {
      /* The Ack went missing: the same Ack again. */
      peer_send_packet (peer, DT_TEST_PEER_CBCP, CBCP_ACK, packet[1],
                        g_bytes_get_data (peer->cbcp_ack, NULL),
                        g_bytes_get_size (peer->cbcp_ack));
      return;
    }
  if (peer->cbcp != CBCP_WAIT_RESPONSE)
    return;
  handle_response (peer, packet[1], packet + 4, length - 4);
}
