/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IPv6CP: see dt-ppp-ipv6cp.h.  Option numbers from RFC 5072 §4. */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-ipv6cp.h"

enum {
  CI_IFACEID = 1,
  CI_COMPRESS = 2,   /* IPv6-Compression-Protocol */
};

#define IFACEID_LEN 10

static guint64
get64 (const guint8 *p)
{
  return ((guint64) dt_ppp_get32 (p) << 32) | dt_ppp_get32 (p + 4);
}

static void
append_iid (GByteArray *out,
            guint64     iid)
{
  guint8 opt[IFACEID_LEN] = { CI_IFACEID, IFACEID_LEN };

  dt_ppp_put32 (opt + 2, iid >> 32);
  dt_ppp_put32 (opt + 6, iid & 0xffffffff);
  g_byte_array_append (out, opt, sizeof opt);
}

/* A random identifier, never zero nor @avoid, with the "u" bit clear (RFC 4291 appendix A:
 * not globally unique). */
static guint64
random_iid (guint64 avoid1,
            guint64 avoid2)
{
  guint64 iid;

  do
    iid = (((guint64) g_random_int () << 32) | g_random_int ()) &
          ~G_GUINT64_CONSTANT (0x0200000000000000);
  while (iid == 0 || iid == avoid1 || iid == avoid2);
  return iid;
}

char *
dt_ppp_ipv6_link_local (guint64 iid)
{
  struct in6_addr addr = { .s6_addr = { 0xfe, 0x80 } };
  char text[INET6_ADDRSTRLEN];

  for (int i = 0; i < 8; i++)
    addr.s6_addr[8 + i] = iid >> (56 - 8 * i);
  inet_ntop (AF_INET6, &addr, text, sizeof text);
  return g_strdup (text);
}

static void
ipv6cp_reset_ci (DtPppFsm *fsm)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  ipv6cp->iid = ipv6cp->want_iid;
  ipv6cp->neg_iid = TRUE;
}

static void
ipv6cp_add_ci (DtPppFsm   *fsm,
               GByteArray *out)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  if (ipv6cp->neg_iid)
    append_iid (out, ipv6cp->iid);
}

static gboolean
ipv6cp_nak_ci (DtPppFsm     *fsm,
               const guint8 *opts,
               gsize         len,
               gboolean      rej)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;
  DtPppOptIter it;
  gboolean neg = ipv6cp->neg_iid;
  guint64 iid = ipv6cp->iid;

  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it))
    {
      if (it.type != CI_IFACEID)
        {
          if (rej)
            return FALSE;   /* a Reject may only list what we asked for */
          continue;         /* a hint about something we did not ask for */
        }
      if (rej)
        {
          if (!neg)
            return FALSE;
          neg = FALSE;
          continue;
        }
      if (it.len != IFACEID_LEN)
        return FALSE;
      /* §4.1: the peer's suggestion, unless it is zero or the peer's own (a peer that
       * cannot tell us apart); then another of our own. */
      iid = get64 (it.opt + 2);
      if (iid == 0 || iid == ipv6cp->his_iid)
        iid = random_iid (ipv6cp->iid, ipv6cp->his_iid);
      neg = TRUE;
    }
  ipv6cp->neg_iid = neg;
  ipv6cp->iid = iid;
  return TRUE;
}

static guint8
ipv6cp_judge (gpointer      data,
              guint8        type,
              const guint8 *opt,
              gsize         olen,
              gboolean      last_chance,
              GByteArray   *nak)
{
  DtPppIpv6cp *ipv6cp = data;
  guint64 his;

  if (type != CI_IFACEID || olen != IFACEID_LEN)
    return DT_PPP_CONF_REJ;
  his = get64 (opt + 2);
  if (his != 0 && his != ipv6cp->iid)
    {
      ipv6cp->his_iid = his;
      return DT_PPP_CONF_ACK;
    }
  /* Zero, or ours: the peer gets another to use (§4.1), until Max-Failure says to reject
   * the option instead. */
  if (last_chance)
    return DT_PPP_CONF_REJ;
  append_iid (nak, random_iid (ipv6cp->iid, his));
  return DT_PPP_CONF_NAK;
}

static guint8
ipv6cp_req_ci (DtPppFsm     *fsm,
               const guint8 *opts,
               gsize         len,
               gboolean      reject_if_disagree,
               GByteArray   *reply)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  ipv6cp->his_iid = 0;
  return dt_ppp_opts_judge_request (opts, len, reject_if_disagree, ipv6cp_judge, ipv6cp,
                                    reply);
}

static void
ipv6cp_up (DtPppFsm *fsm)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  /* A peer that rejected the option still needs us to have an address: ours stands. */
  if (!ipv6cp->neg_iid)
    ipv6cp->iid = ipv6cp->want_iid;
  if (ipv6cp->owner->up != NULL)
    ipv6cp->owner->up (ipv6cp, ipv6cp->owner_data);
}

static void
ipv6cp_down (DtPppFsm *fsm)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  if (ipv6cp->owner->down != NULL)
    ipv6cp->owner->down (ipv6cp, ipv6cp->owner_data);
}

static void
ipv6cp_finished (DtPppFsm *fsm)
{
  DtPppIpv6cp *ipv6cp = fsm->protocol_data;

  if (ipv6cp->owner->finished != NULL)
    ipv6cp->owner->finished (ipv6cp, ipv6cp->owner_data);
}

static const DtPppFsmCallbacks ipv6cp_callbacks = {
  .name = "IPV6CP",
  .protocol = DT_PPP_PROTO_IPV6CP,
  .reset_ci = ipv6cp_reset_ci,
  .add_ci = ipv6cp_add_ci,
  .ack_ci = dt_ppp_fsm_ack_repeats_request,
  .nak_ci = ipv6cp_nak_ci,
  .req_ci = ipv6cp_req_ci,
  .up = ipv6cp_up,
  .down = ipv6cp_down,
  .finished = ipv6cp_finished,
};

void
dt_ppp_ipv6cp_init (DtPppIpv6cp            *ipv6cp,
                    const DtPppIpv6cpOwner *owner,
                    gpointer                owner_data)
{
  g_return_if_fail (ipv6cp != NULL);
  g_return_if_fail (owner != NULL);

  memset (ipv6cp, 0, sizeof *ipv6cp);
  dt_ppp_fsm_init (&ipv6cp->fsm, &ipv6cp_callbacks, ipv6cp);
  ipv6cp->owner = owner;
  ipv6cp->owner_data = owner_data;
  dt_ppp_ipv6cp_configure (ipv6cp);
}

void
dt_ppp_ipv6cp_clear (DtPppIpv6cp *ipv6cp)
{
  g_return_if_fail (ipv6cp != NULL);

  dt_ppp_fsm_clear (&ipv6cp->fsm);
}

void
dt_ppp_ipv6cp_configure (DtPppIpv6cp *ipv6cp)
{
  g_return_if_fail (ipv6cp != NULL);

  ipv6cp->want_iid = random_iid (0, 0);
  ipv6cp->iid = ipv6cp->want_iid;
  ipv6cp->neg_iid = TRUE;
}

void
dt_ppp_ipv6cp_input (DtPppIpv6cp  *ipv6cp,
                     const guint8 *packet,
                     gsize         len)
{
  g_return_if_fail (ipv6cp != NULL);

  dt_ppp_fsm_input (&ipv6cp->fsm, packet, len);
}
