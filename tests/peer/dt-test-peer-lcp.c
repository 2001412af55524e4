/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's LCP (RFC 1661 section 6, RFC 1570's Callback option with MS-CBCP's
 * operation 6) and IPCP (RFC 1332, with RFC 1877's DNS addresses), as a dial-up server
 * negotiates them: it asks for MRU 1500, ACCM 0, MS-CHAPv2 (CHAP algorithm 0x81) and a magic
 * number; it acknowledges a sane client request, Naks a missing address with the one it
 * assigns, and rejects what it does not do (being authenticated itself, compression,
 * callback when the scenario has none). */

#include "dt-test-peer-private.h"

#include <string.h>

#define LCP_MRU      1
#define LCP_ACCM     2
#define LCP_AUTH     3
#define LCP_MAGIC    5
#define LCP_PFC      7
#define LCP_ACFC     8
#define LCP_CALLBACK 13
#define CBCP_OPERATION 6

#define IPCP_ADDRESS 3
#define IPCP_DNS1    129
#define IPCP_DNS2    131

#define MAX_AUTH_NAKS 3

typedef struct
{
  GByteArray *nak;
  GByteArray *rej;
} Reply;

static void
put_option (GByteArray *to, guint8 type, const guint8 *value, gsize len)
{
  guint8 head[2] = { type, (guint8) (len + 2) };

  g_byte_array_append (to, head, 2);
  if (len > 0)
    g_byte_array_append (to, value, (guint) len);
}

static void
put_u32 (GByteArray *to, guint8 type, guint32 value)
{
  guint8 v[4] = { value >> 24, value >> 16, value >> 8, value };

  put_option (to, type, v, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Walks a Configure-Request's options, handing each well-formed one to @check.  A malformed
 * option (RFC 1661 6: Length below 2 or past the packet) and everything after it are
 * rejected as they came, which is what pppd does too. */
static guint8
check_options (DtTestPeer   *peer,
               const char   *name,
               const guint8 *options,
               gsize         len,
               gboolean      no_more_naks,
               GByteArray   *reply,
               void        (*check) (DtTestPeer *, const guint8 *, Reply *))
{
  g_autoptr (GByteArray) nak = g_byte_array_new ();
  g_autoptr (GByteArray) rej = g_byte_array_new ();
  Reply r = { nak, rej };
  gsize at = 0;

  while (at < len)
    {
      if (len - at < 2 || options[at + 1] < 2 || options[at + 1] > len - at)
        {
          peer_violation (peer, "%s option %u at offset %" G_GSIZE_FORMAT " has a bad length",
                          name, options[at], at);
          g_byte_array_append (rej, options + at, (guint) (len - at));
          break;
        }
      check (peer, options + at, &r);
      at += options[at + 1];
    }

  /* Max-Failure: Naks that never converge become Rejects (RFC 1661 4.6). */
  if (no_more_naks && nak->len > 0)
    {
      g_byte_array_append (rej, nak->data, nak->len);
      g_byte_array_set_size (nak, 0);
    }
  if (rej->len > 0)
    {
      g_byte_array_append (reply, rej->data, rej->len);
      return CP_CONFREJ;
    }
  if (nak->len > 0)
    {
      g_byte_array_append (reply, nak->data, nak->len);
      return CP_CONFNAK;
    }
  g_byte_array_append (reply, options, (guint) len);
  return CP_CONFACK;
}

/* ---- LCP ---- */

static void
lcp_add_options (DtTestPeer *peer, GByteArray *options)
{
  static const guint8 mru[2] = { 1500 >> 8, 1500 & 0xff };
  static const guint8 mschapv2[3] = { 0xc2, 0x23, 0x81 };

  if (peer->offer_mru)
    put_option (options, LCP_MRU, mru, 2);
  if (peer->offer_accm)
    put_u32 (options, LCP_ACCM, 0);
  put_option (options, LCP_AUTH, mschapv2, 3);
  if (peer->offer_magic)
    put_u32 (options, LCP_MAGIC, peer->our_magic);
}

static void
lcp_check_one (DtTestPeer *peer, const guint8 *o, Reply *r)
{
  gboolean callback_allowed = peer->sc.callback_offer != 0 && !peer->callback_leg;

  switch (o[0])
    {
    case LCP_MRU:
      if (o[1] != 4)
        g_byte_array_append (r->rej, o, o[1]);
      else if ((o[2] << 8 | o[3]) < 128)
        put_option (r->nak, LCP_MRU, (const guint8[]) { 1500 >> 8, 1500 & 0xff }, 2);
      break;
    case LCP_ACCM:
      if (o[1] != 6)
        g_byte_array_append (r->rej, o, o[1]);
      else
        peer->asked_accm = get_u32 (o + 2);
      break;
    case LCP_MAGIC:
      if (o[1] != 6)
        g_byte_array_append (r->rej, o, o[1]);
      else if (get_u32 (o + 2) == 0 || get_u32 (o + 2) == peer->our_magic)
        put_u32 (r->nak, LCP_MAGIC, g_rand_int (peer->rand) | 1);
      else
        peer->asked_magic = get_u32 (o + 2);
      break;
    case LCP_PFC:
    case LCP_ACFC:
      if (o[1] != 2)
        g_byte_array_append (r->rej, o, o[1]);
      break;
    case LCP_CALLBACK:
      if (!callback_allowed || o[1] < 3)
        g_byte_array_append (r->rej, o, o[1]);
      else if (o[2] != CBCP_OPERATION)
        put_option (r->nak, LCP_CALLBACK, (const guint8[]) { CBCP_OPERATION }, 1);
      else
        peer->asked_callback = TRUE;
      break;
    case LCP_AUTH: /* the server does not authenticate itself to its client */
    default:
      g_byte_array_append (r->rej, o, o[1]);
      break;
    }
}

static guint8
lcp_check_request (DtTestPeer   *peer,
                   const guint8 *options,
                   gsize         len,
                   gboolean      no_more_naks,
                   GByteArray   *reply)
{
  guint8 code;

  /* What the request asks takes effect only when all of it is acknowledged. */
  peer->asked_accm = 0xffffffff;
  peer->asked_magic = 0;
  peer->asked_callback = FALSE;
  code = check_options (peer, "LCP", options, len, no_more_naks, reply, lcp_check_one);
  if (code == CP_CONFACK)
    {
      peer->their_accm = peer->asked_accm;
      peer->their_magic = peer->asked_magic;
      peer->callback_option = peer->asked_callback;
      peer->out.callback_option_acked = peer->asked_callback;
    }
  return code;
}

static gboolean
lcp_got_nak (DtTestPeer *peer, const guint8 *options, gsize len)
{
  for (gsize at = 0; at + 2 <= len && options[at + 1] >= 2 && at + options[at + 1] <= len;
       at += options[at + 1])
    {
      switch (options[at])
        {
        case LCP_MAGIC:
          peer->our_magic = g_rand_int (peer->rand) | 1;
          break;
        case LCP_AUTH:
          /* Only MS-CHAPv2 is on offer; a client that wants something else gets asked
           * again, then the server gives up. */
          if (++peer->auth_naks >= MAX_AUTH_NAKS)
            {
              lcp_terminate (peer, "MS-CHAPv2 is required");
              return FALSE;
            }
          break;
        case LCP_MRU:
          peer->offer_mru = FALSE;
          break;
        case LCP_ACCM:
          peer->offer_accm = FALSE;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
lcp_got_reject (DtTestPeer *peer, const guint8 *options, gsize len)
{
  for (gsize at = 0; at + 2 <= len && options[at + 1] >= 2 && at + options[at + 1] <= len;
       at += options[at + 1])
    {
      switch (options[at])
        {
        case LCP_AUTH:
          lcp_terminate (peer, "Authentication is required");
          return FALSE;
        case LCP_MRU:
          peer->offer_mru = FALSE;
          break;
        case LCP_ACCM:
          peer->offer_accm = FALSE;
          break;
        case LCP_MAGIC:
          peer->offer_magic = FALSE;
          break;
        default:
          peer_violation (peer, "LCP Configure-Reject of option %u, which the server never "
                          "asked for", options[at]);
          break;
        }
    }
  return TRUE;
}

static gboolean
lcp_other_code (DtTestPeer *peer, guint8 code, guint8 id, const guint8 *data, gsize len)
{
  switch (code)
    {
    case CP_ECHOREQ:
      if (peer->lcp.state != CP_OPENED)
        return TRUE; /* RFC 1661 5.8: silently discarded outside Opened */
      if (len < 4)
        {
          peer_violation (peer, "LCP Echo-Request without a Magic-Number");
          return TRUE;
        }
      if (peer->their_magic != 0 && get_u32 (data) != peer->their_magic)
        peer_violation (peer, "LCP Echo-Request with magic %08x, not the negotiated %08x",
                        get_u32 (data), peer->their_magic);
      {
        g_autoptr (GByteArray) reply = g_byte_array_new ();
        guint8 magic[4] = { peer->our_magic >> 24, peer->our_magic >> 16, peer->our_magic >> 8,
                            peer->our_magic };

        g_byte_array_append (reply, peer->offer_magic ? magic : (guint8[4]) { 0 }, 4);
        g_byte_array_append (reply, data + 4, (guint) (len - 4));
        cp_send (&peer->lcp, CP_ECHOREP, id, reply->data, reply->len);
      }
      return TRUE;
    case CP_PROTREJ:
      if (len >= 2)
        {
          guint16 protocol = data[0] << 8 | data[1];

          peer_event (peer, "the client rejects protocol 0x%04x", protocol);
          if (protocol == DT_TEST_PEER_CHAP)
            lcp_terminate (peer, "Authentication is required");
          else if (protocol == DT_TEST_PEER_CBCP && peer->phase == DT_TEST_PEER_PHASE_CALLBACK)
            lcp_terminate (peer, "Callback is required");
        }
      return TRUE;
    case CP_ECHOREP:
    case CP_DISCREQ:
    case 12: /* Identification (RFC 1570) */
    case 13: /* Time-Remaining (RFC 1570) */
      return TRUE;
    default:
      return FALSE;
    }
}

static void
lcp_up (DtTestPeer *peer)
{
  peer->out.lcp_opened = TRUE;
  peer->send_accm = peer->their_accm;
  chap_start (peer);
}

static void
lcp_down (DtTestPeer *peer)
{
  chap_stop (peer);
  cbcp_stop (peer);
  cp_reset (&peer->ipcp);
  peer->send_accm = 0xffffffff;
  if (peer->phase == DT_TEST_PEER_PHASE_IDLE)
    return;
  /* Terminate packets: Link Termination; a new Configure-Request: Link Establishment. */
  peer_set_phase (peer, peer->lcp.state == CP_CLOSING || peer->lcp.state == CP_STOPPING
                        ? DT_TEST_PEER_PHASE_TERMINATE : DT_TEST_PEER_PHASE_ESTABLISH);
}

static void
lcp_finished (DtTestPeer *peer)
{
  /* The link is down for good: a server hangs up its modem, and the client's modem sees
   * the carrier go. */
  if (peer->modem == MODEM_ONLINE || peer->modem == MODEM_ONLINE_COMMAND)
    modem_drop_carrier (peer, "the server hung up after LCP");
}

const CpClass lcp_class = {
  DT_TEST_PEER_LCP, "LCP",
  lcp_add_options, lcp_check_request, lcp_got_nak, lcp_got_reject, lcp_other_code,
  lcp_up, lcp_down, lcp_finished,
};

void
lcp_terminate (DtTestPeer *peer, const char *reason)
{
  peer_set_string (&peer->out.terminate_reason, reason);
  peer_set_phase (peer, DT_TEST_PEER_PHASE_TERMINATE);
  cp_close (&peer->lcp, reason);
}

/* ---- IPCP ---- */

static void
ipcp_add_options (DtTestPeer *peer, GByteArray *options)
{
  if (peer->offer_ip)
    put_u32 (options, IPCP_ADDRESS, peer->server_addr);
}

static void
ipcp_check_address (DtTestPeer *peer, const guint8 *o, Reply *r, guint32 want)
{
  if (o[1] != 6 || want == 0)
    g_byte_array_append (r->rej, o, o[1]);
  else if (get_u32 (o + 2) != want)
    put_u32 (r->nak, o[0], want);
  else if (o[0] == IPCP_ADDRESS)
    peer->asked_addr = want;
}

static void
ipcp_check_one (DtTestPeer *peer, const guint8 *o, Reply *r)
{
  switch (o[0])
    {
    case IPCP_ADDRESS:
      ipcp_check_address (peer, o, r, peer->client_addr);
      break;
    case IPCP_DNS1:
      ipcp_check_address (peer, o, r, peer->dns1_addr);
      break;
    case IPCP_DNS2:
      ipcp_check_address (peer, o, r, peer->dns2_addr);
      break;
    default: /* IP-Addresses (1), compression (2), NBNS (130, 132), anything else */
      g_byte_array_append (r->rej, o, o[1]);
      break;
    }
}

static guint8
ipcp_check_request (DtTestPeer   *peer,
                    const guint8 *options,
                    gsize         len,
                    gboolean      no_more_naks,
                    GByteArray   *reply)
{
  guint8 code;

  peer->asked_addr = 0;
  code = check_options (peer, "IPCP", options, len, no_more_naks, reply, ipcp_check_one);
  if (code == CP_CONFACK && peer->asked_addr != 0)
    {
      guint32 a = peer->asked_addr;

      g_free (peer->out.client_ip);
      peer->out.client_ip = g_strdup_printf ("%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
                                             (a >> 8) & 0xff, a & 0xff);
    }
  return code;
}

static gboolean
ipcp_got_nak (DtTestPeer *peer, const guint8 *options, gsize len)
{
  /* The server's own address is not the client's to choose; ask again. */
  peer_event (peer, "IPCP: the client Naks the server's address; asking again");
  return TRUE;
}

static gboolean
ipcp_got_reject (DtTestPeer *peer, const guint8 *options, gsize len)
{
  peer->offer_ip = FALSE;
  return TRUE;
}

static void
ipcp_up (DtTestPeer *peer)
{
  peer->out.ipcp_opened = TRUE;
}

static void
ipcp_down (DtTestPeer *peer)
{
}

static void
ipcp_finished (DtTestPeer *peer)
{
  if (peer->lcp.state == CP_OPENED)
    lcp_terminate (peer, "IPCP did not converge");
}

const CpClass ipcp_class = {
  DT_TEST_PEER_IPCP, "IPCP",
  ipcp_add_options, ipcp_check_request, ipcp_got_nak, ipcp_got_reject, NULL,
  ipcp_up, ipcp_down, ipcp_finished,
};

void
network_start (DtTestPeer *peer)
{
  peer_set_phase (peer, DT_TEST_PEER_PHASE_NETWORK);
  peer->offer_ip = peer->server_addr != 0;
  cp_open (&peer->ipcp);
}
