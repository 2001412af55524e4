/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's two multilink roles (RFC 1990).  A member link (config.link_only) runs LCP, with
 * MRRU, SSN and the Endpoint Discriminator, and authentication on its line; where a single
 * link would start its network protocols it says "link-up" instead, and from then on hands
 * every frame of the bundle (the multilink protocol, and network protocols sent outside it)
 * to its owner through "bundle-frame".  The bundle itself is a DtPpp without a line
 * (dt_ppp_new_bundle()): its network phase (IPCP, IPv6CP) as usual, its frames out through
 * the frame function and in through dt_ppp_bundle_input(); a protocol it does not speak is
 * reported ("unknown-protocol") for a member's LCP to reject, LCP being per link. */

#include "config.h"

#include <string.h>

#include "dt-ppp-private.h"

enum {
  LINK_UP,
  BUNDLE_FRAME,
  UNKNOWN_PROTOCOL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_dt_ppp_bundle_class_init (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  signals[LINK_UP] =
    g_signal_new ("link-up", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BUNDLE_FRAME] =
    g_signal_new ("bundle-frame", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  2, G_TYPE_UINT, G_TYPE_BYTES);
  signals[UNKNOWN_PROTOCOL] =
    g_signal_new ("unknown-protocol", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BYTES);
}

void
_dt_ppp_bundle_configure (DtPpp *self)
{
  const DtPppConfig *c = &self->config;

  dt_ppp_lcp_set_multilink (&self->lcp, c->mrru, c->short_seq, c->endpoint, c->endpoint_len);
  /* Copied into LCP's options: the caller's bytes need not outlive dt_ppp_new(). */
  self->config.endpoint = NULL;
}

/* A member link authenticated: it carries the bundle from now on. */
void
_dt_ppp_member_up (DtPpp *self)
{
  _dt_ppp_set_phase (self, DT_PPP_PHASE_NETWORK);
  /* A phase-changed handler may have closed the session. */
  if (self->over || self->closing || self->phase != DT_PPP_PHASE_NETWORK)
    return;
  self->member_up = TRUE;
  g_signal_emit (self, signals[LINK_UP], 0);
}

/* A frame on a member link: TRUE when it is the bundle's (handed over, or dropped before the
 * link is up), FALSE for the link's own protocols. */
gboolean
_dt_ppp_member_input (DtPpp        *self,
                     guint16       protocol,
                     const guint8 *info,
                     gsize         len)
{
  g_autoptr (GBytes) frame = NULL;

  if (protocol >= 0xc000 || protocol == DT_PPP_PROTO_CBCP)
    return FALSE;
  if (!self->member_up)
    {
      self->stats.dropped++;
      return TRUE;
    }
  frame = g_bytes_new (info, len);
  g_signal_emit (self, signals[BUNDLE_FRAME], 0, (guint) protocol, frame);
  return TRUE;
}

/* The bundle: a protocol nobody here speaks, for a member's LCP to reject. */
void
_dt_ppp_bundle_reject (DtPpp        *self,
                      guint16       protocol,
                      const guint8 *info,
                      gsize         len)
{
  g_autoptr (GBytes) frame = g_bytes_new (info, len);

  g_signal_emit (self, signals[UNKNOWN_PROTOCOL], 0, (guint) protocol, frame);
}

DtPpp *
dt_ppp_new_bundle (const DtPppConfig *config,
                   DtPppFrameFunc     func,
                   gpointer           user_data)
{
  DtPppConfig c = *config;
  DtPpp *self;

  g_return_val_if_fail (func != NULL, NULL);

  c.link_only = FALSE;
  c.mrru = 0;
  self = dt_ppp_new (&c);
  self->bundle = TRUE;
  self->frame_func = func;
  self->frame_data = user_data;
  return self;
}

void
dt_ppp_bundle_start (DtPpp *self,
                     guint  peer_mrru)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));
  g_return_if_fail (self->bundle && !self->started);

  hold = g_object_ref (self);
  self->started = TRUE;
  self->auth_done = TRUE;
  /* What the bundle may send: the peer's MRRU, or the lone link's MRU. */
  self->lcp.fsm.peer_mru = MAX (peer_mrru, DT_PPP_MIN_MRU);
  _dt_ppp_enter_network_phase (self);
}

void
dt_ppp_bundle_input (DtPpp        *self,
                     guint16       protocol,
                     const guint8 *info,
                     gsize         len)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));
  g_return_if_fail (self->bundle);
  g_return_if_fail (info != NULL || len == 0);

  hold = g_object_ref (self);
  /* A bundle's counters are its frames', without framing (its links count theirs). */
  self->stats.bytes_in += len;
  self->stats.frames_in++;
  _dt_ppp_frame_in (self, protocol, info, len);
}

gboolean
dt_ppp_send_link_frame (DtPpp        *self,
                        guint16       protocol,
                        const guint8 *info,
                        gsize         len)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (info != NULL || len == 0, FALSE);

  if (self->over || !self->member_up || len > self->lcp.fsm.peer_mru)
    {
      self->stats.dropped++;
      return FALSE;
    }
  _dt_ppp_send_frame (self, protocol, info, len);
  return TRUE;
}

void
dt_ppp_send_protocol_reject (DtPpp        *self,
                             guint16       protocol,
                             const guint8 *info,
                             gsize         len)
{
  g_return_if_fail (DT_IS_PPP (self));

  dt_ppp_lcp_send_protocol_reject (&self->lcp, protocol, info, len);
}

gboolean
dt_ppp_get_multilink (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return dt_ppp_lcp_multilink (&self->lcp);
}

gboolean
dt_ppp_get_send_short_seq (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return dt_ppp_lcp_multilink (&self->lcp) && self->lcp.his.ssn;
}

gboolean
dt_ppp_get_receive_short_seq (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return dt_ppp_lcp_multilink (&self->lcp) && self->lcp.go.ssn;
}

guint
dt_ppp_get_peer_mrru (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return dt_ppp_lcp_multilink (&self->lcp) ? self->lcp.his.mrru : 0;
}

gboolean
dt_ppp_get_peer_endpoint (DtPpp   *self,
                          guint   *klass,
                          GBytes **address)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);

  if (!self->lcp.his.neg_endpoint)
    return FALSE;
  *klass = self->lcp.his.endpoint_class;
  *address = g_bytes_new (self->lcp.his.endpoint, self->lcp.his.endpoint_len);
  return TRUE;
}
