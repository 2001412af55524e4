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

typedef struct {
  DtPppIpcp *ipcp;
  gboolean   saw_addr;
} ServerJudging;

static guint8
judge_option (gpointer      data,
              guint8        type,
              const guint8 *opt,
              gsize         olen,
              gboolean      last_chance,
              GByteArray   *nak)
{
  ServerJudging *j = data;
  DtPppIpcp *ipcp = j->ipcp;
  guint32 value;
  guint32 ours;

  if ((type != CI_ADDR && type != CI_DNS1 && type != CI_DNS2) || olen != 6)
    return DT_PPP_CONF_REJ;
  value = dt_ppp_get32 (opt + 2);
  if (type == CI_ADDR)
    {
      j->saw_addr = TRUE;
      if (acceptable_peer (ipcp, value))
        {
          ipcp->his_addr = value;
          return DT_PPP_CONF_ACK;
        }
      if (last_chance || ipcp->peer_addr == 0)
        return DT_PPP_CONF_REJ;
      _dt_ppp_ipcp_append_addr (nak, CI_ADDR, ipcp->peer_addr);
      return DT_PPP_CONF_NAK;
    }
  ours = ipcp->serve_dns[type == CI_DNS1 ? 0 : 1];
  if (ours == 0 || (value != ours && last_chance))
    return DT_PPP_CONF_REJ;
  if (value == ours)
    return DT_PPP_CONF_ACK;
  _dt_ppp_ipcp_append_addr (nak, type, ours);
  return DT_PPP_CONF_NAK;
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
  ServerJudging j = { ipcp, FALSE };

  ipcp->his_addr = 0;
  dt_ppp_opts_judge (opts, len, reject_if_disagree, judge_option, &j, naks, rejs);
  if (!j.saw_addr && !reject_if_disagree && ipcp->peer_addr != 0)
    _dt_ppp_ipcp_append_addr (naks, CI_ADDR, ipcp->peer_addr);
  return dt_ppp_opts_reply (naks, rejs, reply);
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
