/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's IPv6 (RFC 5072): IPv6CP beside IPCP in the network phase when the session wants
 * IPv6, and the IPv6 datagrams (protocol 0x0057) once it is up.  Without it, IPv6CP and IPv6
 * are Protocol-Rejected like any protocol we do not speak.  IPv6CP failing never ends the
 * link: IPv4 goes on alone.  The network comes up (network-up) once IPCP is up and IPv6CP has
 * settled, opened or given up, or a restart period after IPCP at the latest, so that the
 * device gets both families at once. */

#include "config.h"

#include "dt-ppp-private.h"

static void
on_ipv6cp_up (DtPppIpv6cp *ipv6cp,
              gpointer     data)
{
  DtPpp *self = data;

  g_free (self->local6);
  g_free (self->remote6);
  self->local6 = dt_ppp_ipv6_link_local (ipv6cp->iid);
  self->remote6 = ipv6cp->his_iid != 0 ? dt_ppp_ipv6_link_local (ipv6cp->his_iid) : NULL;
  _dt_ppp_network_settled (self);
}

static void
on_ipv6cp_down (DtPppIpv6cp *ipv6cp,
                gpointer     data)
{
  DtPpp *self = data;

  g_clear_pointer (&self->local6, g_free);
  g_clear_pointer (&self->remote6, g_free);
}

/* IPv6 is optional: the link goes on with IPv4 alone. */
static void
on_ipv6cp_finished (DtPppIpv6cp *ipv6cp,
                    gpointer     data)
{
  _dt_ppp_network_settled (data);
}

static const DtPppIpv6cpOwner ipv6cp_owner = {
  .up = on_ipv6cp_up,
  .down = on_ipv6cp_down,
  .finished = on_ipv6cp_finished,
};

void
_dt_ppp_ipv6_init (DtPpp *self)
{
  dt_ppp_ipv6cp_init (&self->ipv6cp, &ipv6cp_owner, self);
  _dt_ppp_fsm_attach (self, &self->ipv6cp.fsm);
}

void
_dt_ppp_ipv6_configure (DtPpp *self)
{
  _dt_ppp_fsm_configure (self, &self->ipv6cp.fsm);
}

void
_dt_ppp_ipv6_clear (DtPpp *self)
{
  dt_ppp_ipv6cp_clear (&self->ipv6cp);
  g_clear_pointer (&self->local6, g_free);
  g_clear_pointer (&self->remote6, g_free);
}

/* The network phase begins. */
void
_dt_ppp_ipv6_start (DtPpp *self)
{
  if (!self->config.want_ipv6)
    return;
  dt_ppp_fsm_open (&self->ipv6cp.fsm);
  dt_ppp_fsm_up (&self->ipv6cp.fsm);
}

void
_dt_ppp_ipv6_lcp_down (DtPpp *self)
{
  if (self->ipv6cp.fsm.state >= DT_PPP_FSM_CLOSED)
    dt_ppp_fsm_down (&self->ipv6cp.fsm);
}

void
_dt_ppp_ipv6_protocol_rejected (DtPpp   *self,
                               guint16  protocol)
{
  if (protocol == DT_PPP_PROTO_IPV6CP || protocol == DT_PPP_PROTO_IPV6)
    dt_ppp_fsm_protocol_rejected (&self->ipv6cp.fsm);
}

/* Whether IPv6CP is done negotiating: up, or not coming up. */
gboolean
_dt_ppp_ipv6_settled (DtPpp *self)
{
  DtPppFsmState state = self->ipv6cp.fsm.state;

  return !self->config.want_ipv6 || state == DT_PPP_FSM_OPENED || state <= DT_PPP_FSM_STOPPED;
}

/* An IPv6CP or IPv6 frame in the network phase; FALSE when this session does not speak IPv6
 * (the caller rejects the protocol). */
gboolean
_dt_ppp_ipv6_input (DtPpp        *self,
                   guint16       protocol,
                   const guint8 *info,
                   gsize         len)
{
  if (!self->config.want_ipv6)
    return FALSE;
  if (protocol == DT_PPP_PROTO_IPV6CP)
    {
      dt_ppp_ipv6cp_input (&self->ipv6cp, info, len);
      return TRUE;
    }
  if (self->ipv6cp.fsm.state != DT_PPP_FSM_OPENED || len < 40 || info[0] >> 4 != 6)
    {
      self->stats.dropped++;
      return TRUE;
    }
  _dt_ppp_emit_datagram (self, TRUE, info, len);
  return TRUE;
}

gboolean
dt_ppp_send_ipv6 (DtPpp        *self,
                  const guint8 *packet,
                  gsize         len)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (packet != NULL || len == 0, FALSE);

  if (self->over || self->ipv6cp.fsm.state != DT_PPP_FSM_OPENED ||
      len > self->lcp.fsm.peer_mru || len < 40 || packet[0] >> 4 != 6)
    {
      self->stats.dropped++;
      return FALSE;
    }
  _dt_ppp_send_datagram (self, DT_PPP_PROTO_IPV6, packet, len, len);
  return TRUE;
}

const char *
dt_ppp_get_local_ipv6 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->local6;
}

const char *
dt_ppp_get_remote_ipv6 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->remote6;
}

guint64
dt_ppp_get_local_iid (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->local6 != NULL ? self->ipv6cp.iid : 0;
}

guint64
dt_ppp_get_remote_iid (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->local6 != NULL ? self->ipv6cp.his_iid : 0;
}
