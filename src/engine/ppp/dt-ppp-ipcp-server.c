/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPCP as the server of an incoming call (RFC 1332, RFC 1877): the caller's Configure-Request
 * judged against what the server gives.  The automaton and our own Configure-Requests (our
 * address) are dt-ppp-ipcp.c's.
 *
 *   IP-Address 0.0.0.0, or one the caller may not have: Nak with the address from the pool.
 *   IP-Address of its own, when the configuration allows it: Ack.
 *   No IP-Address at all: Nak with the pool's address appended (RFC 1661 §5.3), so that the
 *     caller asks for it.
 *   Primary/Secondary DNS (129, 131): Ack our server, Nak another value with ours, Reject when
 *     we have none to give.
 *   NBNS, Van Jacobson compression, the old IP-Addresses, anything else: Reject.
 *
 * The reply is built in fixed room: a Reject or Nak never holds more than the request, plus
 * the one option a Nak may add. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-ipcp.h"

enum {
  CI_ADDR = 3,
  CI_DNS1 = 129,
  CI_DNS2 = 131,
};

static void
append_addr (GByteArray *out,
             guint8      type,
             guint32     addr)
{
  guint8 opt[6] = { type, 6 };

  dt_ppp_put32 (opt + 2, addr);
  g_byte_array_append (out, opt, sizeof opt);
}

/* A unicast address a host may have: not 0/8, loopback, multicast or above. */
static gboolean
is_host_address (guint32 addr)
{
  guint8 first = addr >> 24;

  return first != 0 && first != 127 && first < 224;
}

static gboolean
acceptable_peer (DtPppIpcp *ipcp,
                 guint32    addr)
{
  if (addr == 0)
    return FALSE;
  if (addr == ipcp->peer_addr)
    return TRUE;
  return ipcp->accept_peer_addr && is_host_address (addr) && addr != ipcp->want.addr;
}

guint8
dt_ppp_ipcp_server_req_ci (DtPppIpcp    *ipcp,
                           const guint8 *opts,
                           gsize         len,
                           gboolean      reject_if_disagree,
                           GByteArray   *reply)
{
  g_autoptr (GByteArray) naks = g_byte_array_sized_new (len + 6);
  g_autoptr (GByteArray) rejs = g_byte_array_sized_new (len);
  gboolean saw_addr = FALSE;
  DtPppOptIter it;
  guint8 type;
  const guint8 *opt;
  gsize olen;

  ipcp->his_addr = 0;
  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it, &type, &opt, &olen))
    {
      guint32 value;
      guint32 ours;

      if ((type != CI_ADDR && type != CI_DNS1 && type != CI_DNS2) || olen != 6)
        {
          g_byte_array_append (rejs, opt, olen);
          continue;
        }
      value = dt_ppp_get32 (opt + 2);
      if (type == CI_ADDR)
        {
          saw_addr = TRUE;
          if (acceptable_peer (ipcp, value))
            ipcp->his_addr = value;
          else if (reject_if_disagree || ipcp->peer_addr == 0)
            g_byte_array_append (rejs, opt, olen);
          else
            append_addr (naks, CI_ADDR, ipcp->peer_addr);
          continue;
        }
      ours = ipcp->serve_dns[type == CI_DNS1 ? 0 : 1];
      if (ours == 0 || (value != ours && reject_if_disagree))
        g_byte_array_append (rejs, opt, olen);
      else if (value != ours)
        append_addr (naks, type, ours);
    }

  if (!saw_addr && !reject_if_disagree && ipcp->peer_addr != 0)
    append_addr (naks, CI_ADDR, ipcp->peer_addr);

  if (rejs->len > 0)
    {
      g_byte_array_append (reply, rejs->data, rejs->len);
      return DT_PPP_CONF_REJ;
    }
  if (naks->len > 0)
    {
      g_byte_array_append (reply, naks->data, naks->len);
      return DT_PPP_CONF_NAK;
    }
  return DT_PPP_CONF_ACK;
}

void
dt_ppp_ipcp_set_server (DtPppIpcp *ipcp,
                        guint32    our_addr,
                        guint32    peer_addr,
                        gboolean   accept_peer_addr,
                        guint32    dns1,
                        guint32    dns2)
{
  g_return_if_fail (ipcp != NULL);

  dt_ppp_ipcp_configure (ipcp, our_addr, FALSE, FALSE);
  ipcp->serving = TRUE;
  ipcp->peer_addr = peer_addr;
  ipcp->accept_peer_addr = !!accept_peer_addr;
  ipcp->serve_dns[0] = dns1;
  ipcp->serve_dns[1] = dns2;
  /* The caller's side retransmits early (see dt-ppp-fsm.c); we need not, as LCP does not. */
  ipcp->fsm.resend_on_first_request = FALSE;
}
