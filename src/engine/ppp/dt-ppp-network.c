/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's network phase: IPCP (with Van Jacobson header compression), CCP (with Deflate), and
 * the datagrams themselves.  A datagram goes out as IP, or with its TCP/IP header compressed
 * (RFC 1144), and then, when CCP runs, Deflate-compressed (RFC 1979) unless that would make
 * it bigger; a frame comes in the other way round: inflated first, then its header rebuilt.
 * Every drop is counted; none of them, and no failure of CCP, ends the link.  IPCP failing
 * does: it is the only network protocol.  When network-up goes (with IPv6CP, see
 * dt-ppp-ipv6.c) is decided here too, and the IPv4 addresses IPCP agreed are read here. */

#include "config.h"

#include <string.h>

#include "dt-ppp-private.h"
#include "dt-ppp-reasons.h"

/* Room for a datagram whose header VJ rebuilds: the MRU and the largest header. */
#define SCRATCH_SIZE (DT_PPP_MAX_MRU + DT_PPP_VJ_MAX_GROWTH)

/* "Deflate 15, VJ", "VJ", … or NULL: what compresses this link now. */
static void
update_compression (DtPpp *self)
{
  g_autofree char *deflate = dt_ppp_ccp_describe (&self->ccp);
  g_autoptr (GString) text = g_string_new (deflate);

  if (self->vj_rx || self->vj_tx)
    g_string_append_printf (text, "%sVJ", text->len > 0 ? ", " : "");
  _dt_ppp_set_compression (self, text->len > 0 ? text->str : NULL);
}

/* IPCP */

/* network-up, once IPCP is up and IPv6CP has settled, or a restart period after IPCP (see
 * dt-ppp-ipv6.c). */

static void
announce_network (DtPpp *self)
{
  g_clear_handle_id (&self->network_wait, g_source_remove);
  self->network_announced = TRUE;
  _dt_ppp_emit_network_up (self);
}

static gboolean
on_network_wait (gpointer data)
{
  DtPpp *self = data;

  self->network_wait = 0;
  if (!self->over && self->phase == DT_PPP_PHASE_RUNNING)
    announce_network (self);
  return G_SOURCE_REMOVE;
}

void
_dt_ppp_network_settled (DtPpp *self)
{
  if (self->over || self->network_announced || self->ipcp.fsm.state != DT_PPP_FSM_OPENED ||
      self->phase != DT_PPP_PHASE_RUNNING)
    return;
  if (_dt_ppp_ipv6_settled (self))
    announce_network (self);
  else if (self->network_wait == 0)
    self->network_wait = g_timeout_add (self->config.restart_ms, on_network_wait, self);
}

/* The connection waits for IPCP, not for CCP: every byte of CCP on the line before IPCP is
 * up delays Connected (a 33.6k line carries 4 bytes a millisecond), while no datagram can
 * use compression before that anyway.  So CCP starts once IPCP is up, and the peer's CCP
 * packets that come before (pppd opens both at once) wait for it, a few at most.  Both know
 * the link's round trip from LCP, so that a request crossing theirs is not taken for one
 * they lost. */
#define MAX_HELD_CCP 4

void
_dt_ppp_enter_network_phase (DtPpp *self)
{
  /* A member of a bundle: the bundle's network phase is not this link's (CCP and VJ too
   * are the bundle's, RFC 1990 §5.1.1 and RFC 1962 §1). */
  if (self->config.link_only)
    {
      _dt_ppp_member_up (self);
      return;
    }
  _dt_ppp_set_phase (self, DT_PPP_PHASE_NETWORK);
  self->ipcp.fsm.rtt_us = self->ccp.fsm.rtt_us = self->lcp.fsm.rtt_us;
  self->ipv6cp.fsm.rtt_us = self->lcp.fsm.rtt_us;
  dt_ppp_fsm_open (&self->ipcp.fsm);
  dt_ppp_fsm_up (&self->ipcp.fsm);
  /* A handler may have ended the session meanwhile. */
  if (!self->over && self->phase == DT_PPP_PHASE_NETWORK)
    _dt_ppp_ipv6_start (self);
}

static void
start_ccp (DtPpp *self)
{
  if (!(self->config.compression & DT_PPP_COMPRESSION_DEFLATE) ||
      self->ccp.fsm.state > DT_PPP_FSM_STARTING)
    return;
  dt_ppp_fsm_open (&self->ccp.fsm);
  dt_ppp_fsm_up (&self->ccp.fsm);
  while (!self->over && self->ccp_held.length > 0)
    {
      g_autoptr (GBytes) packet = g_queue_pop_head (&self->ccp_held);
      gsize len;
      const guint8 *data = g_bytes_get_data (packet, &len);

      dt_ppp_fsm_input (&self->ccp.fsm, data, len);
    }
}

/* VJ both ways, as IPCP agreed: we decompress what the peer Acked in our request, and
 * compress as its request said. */
static void
start_vj (DtPpp     *self,
          DtPppIpcp *ipcp)
{
  self->vj_rx = ipcp->go.neg_vj;
  self->vj_tx = ipcp->his_vj;
  if (!self->vj_rx && !self->vj_tx)
    return;
  if (self->vj == NULL)
    self->vj = dt_ppp_vj_new ();
  if (self->vj_rx)
    dt_ppp_vj_set_rx (self->vj, ipcp->go.vj_max_slot);
  if (self->vj_tx)
    dt_ppp_vj_set_tx (self->vj, ipcp->his_vj_max_slot, ipcp->his_vj_comp_slot);
}

static void
on_ipcp_up (DtPppIpcp *ipcp,
            gpointer   data)
{
  DtPpp *self = data;

  g_free (self->local);
  g_free (self->remote);
  g_free (self->dns1);
  g_free (self->dns2);
  self->local = dt_ppp_ipv4_to_string (ipcp->go.addr);
  self->remote = ipcp->his_addr ? dt_ppp_ipv4_to_string (ipcp->his_addr) : NULL;
  self->dns1 = ipcp->go.neg_dns1 && ipcp->go.dns1 ? dt_ppp_ipv4_to_string (ipcp->go.dns1) : NULL;
  self->dns2 = ipcp->go.neg_dns2 && ipcp->go.dns2 ? dt_ppp_ipv4_to_string (ipcp->go.dns2) : NULL;
  start_vj (self, ipcp);
  update_compression (self);
  _dt_ppp_set_phase (self, DT_PPP_PHASE_RUNNING);
  _dt_ppp_network_settled (self);
  /* A handler may have ended the session meanwhile. */
  if (!self->over && self->phase == DT_PPP_PHASE_RUNNING)
    start_ccp (self);
}

/* What VJ did, as the session's trace ends it (as pppd prints its counts at the end). */
static void
trace_vj (DtPpp *self)
{
  const DtPppVjStats *s;

  if (self->vj == NULL || !(self->vj_rx || self->vj_tx))
    return;
  s = dt_ppp_vj_get_stats (self->vj);
  _dt_ppp_trace_line (self, "VJ: received %" G_GUINT64_FORMAT " compressed, %" G_GUINT64_FORMAT
                     " whole, %" G_GUINT64_FORMAT " bad, %" G_GUINT64_FORMAT " tossed; sent %"
                     G_GUINT64_FORMAT " compressed, %" G_GUINT64_FORMAT " whole, %"
                     G_GUINT64_FORMAT " as IP", s->in_compressed, s->in_uncompressed,
                     s->in_errors, s->in_tossed, s->out_compressed, s->out_uncompressed,
                     s->out_ip);
}

static void
on_ipcp_down (DtPppIpcp *ipcp,
              gpointer   data)
{
  DtPpp *self = data;

  self->network_announced = FALSE;
  g_clear_handle_id (&self->network_wait, g_source_remove);
  trace_vj (self);
  self->vj_rx = self->vj_tx = FALSE;
  update_compression (self);
  if (self->phase == DT_PPP_PHASE_RUNNING)
    _dt_ppp_set_phase (self, DT_PPP_PHASE_NETWORK);
}

/* IPCP is the only network protocol: when it finishes, so does the link (pppd does the
 * same: "No network protocols running"). */
static void
on_ipcp_finished (DtPppIpcp *ipcp,
                  gpointer   data)
{
  DtPpp *self = data;
  g_autofree char *message = NULL;
  guint code;

  if (self->lcp.fsm.state != DT_PPP_FSM_OPENED || self->closing)
    return;
  code = dt_ppp_reason_ipcp_end (ipcp, &message);
  _dt_ppp_fail (self, code, message, "No network protocols running");
}

static const DtPppIpcpOwner ipcp_owner = {
  .up = on_ipcp_up,
  .down = on_ipcp_down,
  .finished = on_ipcp_finished,
};

static void
on_ccp_changed (DtPppCcp *ccp,
                gpointer  data)
{
  update_compression (data);
}

static void
on_ccp_stopping (DtPppCcp                *ccp,
                 const DtPppDeflateStats *s,
                 gpointer                 data)
{
  _dt_ppp_trace_line (data, "Deflate: received %" G_GUINT64_FORMAT " packets compressed (%"
                     G_GUINT64_FORMAT " bytes to %" G_GUINT64_FORMAT "), %" G_GUINT64_FORMAT
                     " as they were, %" G_GUINT64_FORMAT " errors, %" G_GUINT64_FORMAT
                     " dropped; sent %" G_GUINT64_FORMAT " compressed (%" G_GUINT64_FORMAT
                     " bytes to %" G_GUINT64_FORMAT "), %" G_GUINT64_FORMAT " as they were; %"
                     G_GUINT64_FORMAT " resets asked, %" G_GUINT64_FORMAT " given",
                     s->in_packets, s->in_bytes_before, s->in_bytes_after, s->in_uncompressed,
                     s->in_errors, s->in_dropped, s->out_packets, s->out_bytes_before,
                     s->out_bytes_after, s->out_incompressible, ccp->stats.resets_sent,
                     ccp->stats.resets_received);
}

static const DtPppCcpOwner ccp_owner = {
  .changed = on_ccp_changed,
  .stopping = on_ccp_stopping,
};

/* Setup */

void
_dt_ppp_network_init (DtPpp *self)
{
  dt_ppp_ipcp_init (&self->ipcp, &ipcp_owner, self);
  dt_ppp_ccp_init (&self->ccp, &ccp_owner, self);
  _dt_ppp_fsm_attach (self, &self->ipcp.fsm);
  _dt_ppp_fsm_attach (self, &self->ccp.fsm);
  self->scratch = g_malloc (SCRATCH_SIZE);
  self->compressed = g_byte_array_new ();
}

void
_dt_ppp_network_configure (DtPpp *self)
{
  DtPppConfig *c = &self->config;

  /* Answering a call, IPCP is the server's (dt-ppp-ipcp-server.c), which Rejects VJ; CCP
   * is left out with it: compression is the caller's side of issue 14 only. */
  if (c->serve_auth_methods != 0)
    c->compression = 0;
  dt_ppp_ipcp_configure (&self->ipcp, self->static_ip, c->want_dns,
                         (c->compression & DT_PPP_COMPRESSION_VJ) != 0);
  dt_ppp_ccp_configure (&self->ccp, (c->compression & DT_PPP_COMPRESSION_DEFLATE) != 0, c->mru);
  _dt_ppp_fsm_configure (self, &self->ipcp.fsm);
  _dt_ppp_fsm_configure (self, &self->ccp.fsm);
}

void
_dt_ppp_network_clear (DtPpp *self)
{
  dt_ppp_ipcp_clear (&self->ipcp);
  dt_ppp_ccp_clear (&self->ccp);
  g_clear_pointer (&self->vj, dt_ppp_vj_free);
  g_clear_pointer (&self->scratch, g_free);
  g_clear_pointer (&self->compressed, g_byte_array_unref);
  g_queue_clear_full (&self->ccp_held, (GDestroyNotify) g_bytes_unref);
}

/* LCP went down: the network protocols wait for it to come back (RFC 1661 §3.2). */
void
_dt_ppp_network_lcp_down (DtPpp *self)
{
  g_queue_clear_full (&self->ccp_held, (GDestroyNotify) g_bytes_unref);
  if (self->ipcp.fsm.state >= DT_PPP_FSM_CLOSED)
    dt_ppp_fsm_down (&self->ipcp.fsm);
  if (self->ccp.fsm.state >= DT_PPP_FSM_CLOSED)
    dt_ppp_fsm_down (&self->ccp.fsm);
}

void
_dt_ppp_network_protocol_rejected (DtPpp   *self,
                                  guint16  protocol)
{
  if (protocol == DT_PPP_PROTO_IPCP || protocol == DT_PPP_PROTO_IP)
    dt_ppp_fsm_protocol_rejected (&self->ipcp.fsm);
  else if (protocol == DT_PPP_PROTO_CCP || protocol == DT_PPP_PROTO_COMP)
    dt_ppp_fsm_protocol_rejected (&self->ccp.fsm);
}

/* Datagrams out */

/* A datagram (IP, VJ or IPv6) to the peer, Deflate-compressed when CCP runs: a Linux peer
 * compresses every protocol below 0x4000 and keeps every one it receives uncompressed in its
 * history, so IPv6 takes the same path as IPv4.  @len is the datagram's own length. */
void
_dt_ppp_send_datagram (DtPpp        *self,
                      guint16       protocol,
                      const guint8 *info,
                      gsize         info_len,
                      gsize         len)
{
  if (dt_ppp_ccp_compress (&self->ccp, protocol, info, info_len, self->compressed))
    {
      protocol = DT_PPP_PROTO_COMP;
      info = self->compressed->data;
      info_len = self->compressed->len;
    }
  self->stats.ip_bytes_out += len;
  self->stats.ip_link_bytes_out += info_len;
  _dt_ppp_send_frame (self, protocol, info, info_len);
}

gboolean
dt_ppp_send_ipv4 (DtPpp        *self,
                  const guint8 *packet,
                  gsize         len)
{
  guint16 protocol = DT_PPP_PROTO_IP;
  const guint8 *info = packet;
  gsize info_len = len;

  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (packet != NULL || len == 0, FALSE);

  if (self->over || self->ipcp.fsm.state != DT_PPP_FSM_OPENED ||
      len > self->lcp.fsm.peer_mru || len == 0)
    {
      self->stats.dropped++;
      return FALSE;
    }
  if (self->vj_tx)
    {
      protocol = dt_ppp_vj_compress (self->vj, packet, len, self->scratch, &info_len);
      if (protocol != DT_PPP_PROTO_IP)
        info = self->scratch;
      else
        info_len = len;
    }
  _dt_ppp_send_datagram (self, protocol, info, info_len, len);
  return TRUE;
}

/* Datagrams in */

static void
deliver (DtPpp        *self,
         const guint8 *datagram,
         gsize         len,
         gsize         link_len)
{
  self->stats.ip_bytes_in += len;
  self->stats.ip_link_bytes_in += link_len;
  _dt_ppp_emit_datagram (self, FALSE, datagram, len);
}

/* A frame damaged on the line may have been a VJ packet: the decompressor must not trust
 * the next implicit slot (RFC 1144 §4.1, a CRC error counted as an error). */
static void
note_line_errors (DtPpp *self)
{
  const DtPppHdlcStats *hs = dt_ppp_hdlc_decoder_get_stats (self->decoder);
  guint64 errors = hs->fcs_errors + hs->aborts + hs->oversize + hs->runts + hs->bad_header;

  if (errors != self->line_errors_seen && self->vj != NULL)
    dt_ppp_vj_receive_error (self->vj);
  self->line_errors_seen = errors;
}

/* A datagram of @protocol (IP, VJ compressed or uncompressed); @link_len is what it took on
 * the link. */
static gboolean
datagram_input (DtPpp        *self,
                guint16       protocol,
                const guint8 *info,
                gsize         len,
                gsize         link_len)
{
  gsize n;

  if (protocol == DT_PPP_PROTO_IP)
    {
      deliver (self, info, len, link_len);
      return TRUE;
    }
  if ((protocol != DT_PPP_PROTO_VJC && protocol != DT_PPP_PROTO_VJU) || !self->vj_rx)
    return FALSE;
  n = dt_ppp_vj_uncompress (self->vj, protocol, info, len, self->scratch, SCRATCH_SIZE);
  if (n == 0)
    self->stats.dropped++;
  else
    deliver (self, self->scratch, n, link_len);
  return TRUE;
}

/* An IPv6 datagram, compressed or not: FALSE when this session does not speak IPv6. */
static gboolean
ipv6_input (DtPpp        *self,
            const guint8 *info,
            gsize         len,
            gsize         link_len)
{
  guint64 dropped = self->stats.dropped;

  if (!self->config.want_ipv6)
    return FALSE;
  /* Like IPv6CP, only in the network phase. */
  if (self->phase < DT_PPP_PHASE_NETWORK || self->phase == DT_PPP_PHASE_TERMINATE)
    {
      self->stats.dropped++;
      return TRUE;
    }
  _dt_ppp_ipv6_input (self, DT_PPP_PROTO_IPV6, info, len);
  if (self->stats.dropped == dropped)
    {
      self->stats.ip_bytes_in += len;
      self->stats.ip_link_bytes_in += link_len;
    }
  return TRUE;
}

/* A network-layer frame (IP, IPv6, VJ, compressed) once LCP is open.  FALSE when this session
 * does not speak its protocol: the caller Protocol-Rejects it. */
gboolean
_dt_ppp_network_input (DtPpp        *self,
                      guint16       protocol,
                      const guint8 *info,
                      gsize         len)
{
  gsize link_len = len;
  gboolean ipcp_open = self->ipcp.fsm.state == DT_PPP_FSM_OPENED;
  gboolean inner = FALSE;

  note_line_errors (self);
  if (protocol == DT_PPP_PROTO_COMP)
    {
      if (!(self->config.compression & DT_PPP_COMPRESSION_DEFLATE))
        return FALSE;
      inner = TRUE;
      if (!dt_ppp_ccp_decompress (&self->ccp, info, len, &protocol, &info, &len))
        {
          /* Before CCP is up, or out of sync (a Reset-Request is on its way). */
          self->stats.dropped++;
          return TRUE;
        }
    }
  else
    dt_ppp_ccp_received_uncompressed (&self->ccp, protocol, info, len);

  if (protocol == DT_PPP_PROTO_IP || protocol == DT_PPP_PROTO_VJC ||
      protocol == DT_PPP_PROTO_VJU)
    {
      if (!ipcp_open || !datagram_input (self, protocol, info, len, link_len))
        self->stats.dropped++;
      return TRUE;
    }
  if (protocol == DT_PPP_PROTO_IPV6 && ipv6_input (self, info, len, link_len))
    return TRUE;
  if (inner)
    {
      /* Something else inside a compressed packet: reject what was inside (as pppd
       * would see it), and a compressed packet inside one for what it is. */
      _dt_ppp_reject_protocol (self, protocol, info, len);
      return TRUE;
    }
  return FALSE;
}

/* The IPCP and CCP packets, in the network phase. */
void
_dt_ppp_network_control_input (DtPpp        *self,
                              guint16       protocol,
                              const guint8 *info,
                              gsize         len)
{
  DtPppFsm *fsm = protocol == DT_PPP_PROTO_CCP ? &self->ccp.fsm : &self->ipcp.fsm;

  if (fsm == &self->ccp.fsm && fsm->state <= DT_PPP_FSM_STARTING)
    {
      /* CCP waits for IPCP (see _dt_ppp_enter_network_phase()).  A retransmission of a
       * packet held already is not held twice (pppd repeats its request every few seconds
       * while a bundle's IPCP waits for pppd to take the multilink protocol): answered
       * twice, it would only be Rejected twice. */
      for (GList *l = self->ccp_held.head; l != NULL; l = l->next)
        if (g_bytes_get_size (l->data) == len &&
            memcmp (g_bytes_get_data (l->data, NULL), info, len) == 0)
          {
            self->stats.dropped++;
            return;
          }
      if (self->ccp_held.length < MAX_HELD_CCP)
        g_queue_push_tail (&self->ccp_held, g_bytes_new (info, len));
      else
        self->stats.dropped++;
      return;
    }
  dt_ppp_fsm_input (fsm, info, len);
}

/* Public: compression */

double
dt_ppp_get_compression_ratio (DtPpp *self)
{
  guint64 before, after;

  g_return_val_if_fail (DT_IS_PPP (self), 0);

  before = self->stats.ip_bytes_in + self->stats.ip_bytes_out;
  after = self->stats.ip_link_bytes_in + self->stats.ip_link_bytes_out;
  return after > 0 ? (double) before / after : 0;
}

/* Public: addresses */

const char *
dt_ppp_get_local_address (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->local;
}

const char *
dt_ppp_get_remote_address (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->remote;
}

const char *
dt_ppp_get_dns1 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->dns1;
}

const char *
dt_ppp_get_dns2 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->dns2;
}

guint32
dt_ppp_get_local_ipv4 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->local != NULL ? self->ipcp.go.addr : 0;
}

guint32
dt_ppp_get_remote_ipv4 (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->local != NULL ? self->ipcp.his_addr : 0;
}
