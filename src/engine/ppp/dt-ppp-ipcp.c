/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPCP: see dt-ppp-ipcp.h.  Option numbers from RFC 1332 §3 and RFC 1877 §1. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-ipcp.h"
#include "dt-ppp-vj.h"

enum {
  CI_ADDRS = 1,         /* IP-Addresses, deprecated (RFC 1172) */
  CI_COMPRESS = 2,      /* IP-Compression-Protocol: Van Jacobson */
  CI_ADDR = 3,
  CI_DNS1 = 129,
  CI_NBNS1 = 130,
  CI_DNS2 = 131,
  CI_NBNS2 = 132,
};

char *
dt_ppp_ipv4_to_string (guint32 addr)
{
  return g_strdup_printf ("%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff,
                          addr & 0xff);
}

gboolean
dt_ppp_ipv4_is_bad (guint32 addr)
{
  guint8 first = addr >> 24;

  return first == 0 || first == 127 || first >= 224;
}

/* An address IPCP agreed on that cannot be used: a route to it would go through the link
 * (a server could take over a LAN host's address, or loopback), or nothing could. */
static const guint32 *
find_bad_address (DtPppIpcp *ipcp)
{
  if (dt_ppp_ipv4_is_bad (ipcp->go.addr))
    return &ipcp->go.addr;
  if (ipcp->his_addr != 0 && (dt_ppp_ipv4_is_bad (ipcp->his_addr) ||
                              ipcp->his_addr == ipcp->go.addr))
    return &ipcp->his_addr;
  return NULL;
}

void
_dt_ppp_ipcp_append_addr (GByteArray *out,
                          guint8      type,
                          guint32     addr)
{
  guint8 opt[6] = { type, 6 };

  dt_ppp_put32 (opt + 2, addr);
  g_byte_array_append (out, opt, sizeof opt);
}

static void
ipcp_reset_ci (DtPppFsm *fsm)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  ipcp->go = ipcp->want;
}

static void
ipcp_add_ci (DtPppFsm   *fsm,
             GByteArray *out)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  if (ipcp->go.neg_vj)
    {
      guint8 opt[6] = { CI_COMPRESS, 6, 0x00, 0x2d, ipcp->go.vj_max_slot,
                        ipcp->go.vj_comp_slot };

      g_byte_array_append (out, opt, sizeof opt);
    }
  if (ipcp->go.neg_addr)
    _dt_ppp_ipcp_append_addr (out, CI_ADDR, ipcp->go.addr);
  if (ipcp->go.neg_dns1)
    _dt_ppp_ipcp_append_addr (out, CI_DNS1, ipcp->go.dns1);
  if (ipcp->go.neg_dns2)
    _dt_ppp_ipcp_append_addr (out, CI_DNS2, ipcp->go.dns2);
}

/* The server suggests other VJ parameters: fewer slots, or slot numbers always sent, we
 * take (each is less than we offered); another protocol (the old 0x0037 form, or something
 * else) we do not speak, so we stop asking. */
static void
nak_vj (DtPppIpcpOptions *try,
        const guint8     *opt,
        gsize             olen)
{
  if (olen != 6 || dt_ppp_get16 (opt + 2) != DT_PPP_PROTO_VJC)
    {
      try->neg_vj = FALSE;
      return;
    }
  try->neg_vj = TRUE;
  try->vj_max_slot = MIN (opt[4], try->vj_max_slot);
  try->vj_comp_slot = try->vj_comp_slot && opt[5] == 1;
}

static gboolean *
ipcp_flag (gpointer try,
           guint8   type)
{
  DtPppIpcpOptions *o = try;

  return type == CI_COMPRESS ? &o->neg_vj :
         type == CI_ADDR ? &o->neg_addr :
         type == CI_DNS1 ? &o->neg_dns1 :
         type == CI_DNS2 ? &o->neg_dns2 : NULL;
}

static gboolean
ipcp_take_nak (gpointer      data,
               gpointer      try_data,
               guint8        type,
               const guint8 *opt,
               gsize         olen)
{
  DtPppIpcp *ipcp = data;
  DtPppIpcpOptions *try = try_data;
  guint32 value;

  if (type == CI_COMPRESS)
    {
      nak_vj (try, opt, olen);
      return TRUE;
    }
  if (olen != 6)
    return FALSE;
  value = dt_ppp_get32 (opt + 2);
  /* RFC 1877: the server Naks our 0.0.0.0 with the servers to use. */
  if (type == CI_DNS1)
    try->dns1 = value;
  else if (type == CI_DNS2)
    try->dns2 = value;
  else if (ipcp->want.addr == 0)
    try->addr = value;
  else if (value != ipcp->want.addr)
    ipcp->static_refused = TRUE;   /* keep asking: the entry says this address */
  return TRUE;
}

static gboolean
ipcp_nak_ci (DtPppFsm     *fsm,
             const guint8 *opts,
             gsize         len,
             gboolean      rej)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  return dt_ppp_opts_take_nak (opts, len, rej, &ipcp->go, sizeof ipcp->go, ipcp_flag,
                               ipcp_take_nak, ipcp);
}

static guint8
judge_option (gpointer      data,
              guint8        type,
              const guint8 *opt,
              gsize         olen,
              gboolean      last_chance,
              GByteArray   *nak)
{
  DtPppIpcp *ipcp = data;
  guint32 addr;

  if (type == CI_COMPRESS && ipcp->allow_vj && olen == 6 &&
      dt_ppp_get16 (opt + 2) == DT_PPP_PROTO_VJC)
    {
      /* Any slot count (RFC 1332 allows 0..255) and either slot-number policy suit our
       * compressor; a Comp-Slot-Id other than 1 keeps every slot number in. */
      ipcp->his_vj = TRUE;
      ipcp->his_vj_max_slot = opt[4];
      ipcp->his_vj_comp_slot = opt[5] == 1;
      return DT_PPP_CONF_ACK;
    }
  if (type != CI_ADDR || olen != 6)
    {
      /* VJ when compression is off (or its old 4-byte form), the old IP-Addresses, a server
       * asking us for DNS or NBNS addresses, or something new: we speak none of them. */
      return DT_PPP_CONF_REJ;
    }
  /* The server's own address.  0.0.0.0 asks us to assign one, which a caller cannot. */
  addr = dt_ppp_get32 (opt + 2);
  if (addr == 0)
    return DT_PPP_CONF_REJ;
  ipcp->his_addr = addr;
  return DT_PPP_CONF_ACK;
}

static guint8
ipcp_req_ci (DtPppFsm     *fsm,
             const guint8 *opts,
             gsize         len,
             gboolean      reject_if_disagree,
             GByteArray   *reply)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  if (ipcp->serving)
    return dt_ppp_ipcp_server_req_ci (ipcp, opts, len, reject_if_disagree, reply);
  ipcp->his_addr = 0;
  ipcp->his_vj = FALSE;
  return dt_ppp_opts_judge_request (opts, len, reject_if_disagree, judge_option, ipcp, reply);
}

static void
ipcp_up (DtPppFsm *fsm)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  const guint32 *bad;

  /* Without an address of our own there is no network to bring up.  A server that rejects
   * the IP-Address option leaves a static one as it is (RFC 1332 §3.3). */
  if ((!ipcp->go.neg_addr && ipcp->want.addr == 0) || ipcp->go.addr == 0)
    {
      ipcp->no_address = TRUE;
      dt_ppp_fsm_close (fsm, DT_PPP_FSM_REASON_PROTOCOL, "Could not determine local IP address");
      return;
    }
  bad = find_bad_address (ipcp);
  if (bad != NULL)
    {
      ipcp->no_address = TRUE;
      g_free (ipcp->bad_address);
      ipcp->bad_address = dt_ppp_ipv4_to_string (*bad);
      dt_ppp_fsm_close (fsm, DT_PPP_FSM_REASON_PROTOCOL, "Refused IP address");
      return;
    }
  if (ipcp->owner->up != NULL)
    ipcp->owner->up (ipcp, ipcp->owner_data);
}

static void
ipcp_down (DtPppFsm *fsm)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  if (ipcp->no_address)
    return;   /* the owner never saw it up */
  if (ipcp->owner->down != NULL)
    ipcp->owner->down (ipcp, ipcp->owner_data);
}

static void
ipcp_finished (DtPppFsm *fsm)
{
  DtPppIpcp *ipcp = fsm->protocol_data;

  if (ipcp->owner->finished != NULL)
    ipcp->owner->finished (ipcp, ipcp->owner_data);
}

static const DtPppFsmCallbacks ipcp_callbacks = {
  .name = "IPCP",
  .protocol = DT_PPP_PROTO_IPCP,
  .reset_ci = ipcp_reset_ci,
  .add_ci = ipcp_add_ci,
  .ack_ci = dt_ppp_fsm_ack_repeats_request,
  .nak_ci = ipcp_nak_ci,
  .req_ci = ipcp_req_ci,
  .up = ipcp_up,
  .down = ipcp_down,
  .finished = ipcp_finished,
};

void
dt_ppp_ipcp_init (DtPppIpcp            *ipcp,
                  const DtPppIpcpOwner *owner,
                  gpointer              owner_data)
{
  g_return_if_fail (ipcp != NULL);
  g_return_if_fail (owner != NULL);

  memset (ipcp, 0, sizeof *ipcp);
  dt_ppp_fsm_init (&ipcp->fsm, &ipcp_callbacks, ipcp);
  ipcp->fsm.resend_on_first_request = TRUE;
  ipcp->owner = owner;
  ipcp->owner_data = owner_data;
  dt_ppp_ipcp_configure (ipcp, 0, TRUE, FALSE);
}

void
dt_ppp_ipcp_clear (DtPppIpcp *ipcp)
{
  g_return_if_fail (ipcp != NULL);

  dt_ppp_fsm_clear (&ipcp->fsm);
  g_clear_pointer (&ipcp->bad_address, g_free);
}

void
dt_ppp_ipcp_configure (DtPppIpcp *ipcp,
                       guint32    static_addr,
                       gboolean   want_dns,
                       gboolean   vj)
{
  g_return_if_fail (ipcp != NULL);

  memset (&ipcp->want, 0, sizeof ipcp->want);
  ipcp->want.neg_vj = vj;
  ipcp->want.vj_max_slot = DT_PPP_IPCP_VJ_MAX_SLOT;
  ipcp->want.vj_comp_slot = TRUE;
  ipcp->allow_vj = vj;
  ipcp->want.addr = static_addr;
  ipcp->want.neg_addr = TRUE;
  ipcp->want.neg_dns1 = want_dns;
  ipcp->want.neg_dns2 = want_dns;
  ipcp->go = ipcp->want;
}

void
dt_ppp_ipcp_input (DtPppIpcp    *ipcp,
                   const guint8 *packet,
                   gsize         len)
{
  g_return_if_fail (ipcp != NULL);

  dt_ppp_fsm_input (&ipcp->fsm, packet, len);
}
