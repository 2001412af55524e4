/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp: see dt-ppp.h.  This file wires the parts together: frames in and out through the
 * HDLC codec, each protocol to its handler (with Protocol-Reject for the ones we do not
 * speak, and silence for the ones that arrive in the wrong phase), and the phases of
 * RFC 1661 §3 driven by LCP, the authentication client and IPCP.  Authenticating (as the
 * caller) is in dt-ppp-authenticate.c, the network phase (IPCP, CCP and the datagrams) in
 * dt-ppp-network.c.  Which RAS code ends the session is decided in dt-ppp-reasons.c; the
 * first failure wins.  Callback (LCP's Callback option and CBCP) is in dt-ppp-callback.c. */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include <gio/gio.h>

#include "dt-error.h"
#include "dt-ppp.h"
#include "dt-ppp-private.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-reasons.h"
#include "dt-ppp-trace.h"


G_DEFINE_FINAL_TYPE (DtPpp, dt_ppp, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_COMPRESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PHASE_CHANGED,
  NETWORK_UP,
  IPV4_PACKET,
  IPV6_PACKET,
  FINISHED,
  TRACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Headroom over the MRU for the decoder: address, control, protocol, FCS, and slack for
 * peers that count differently. */
#define FRAME_HEADROOM 16

void
dt_ppp_config_init (DtPppConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->auth_methods = DT_PPP_AUTH_METHODS_ALL;
  config->mru = DT_PPP_DEFAULT_MRU;
  config->want_dns = TRUE;
  config->echo_interval_ms = 30000;
  config->echo_failures = 4;
  config->restart_ms = 3000;
  config->max_configure = 10;
  config->max_terminate = 2;
  config->max_failure = 5;
  config->compression = DT_PPP_COMPRESSION_ALL;
}

/* Phases, tracing and the end */

void
_dt_ppp_set_phase (DtPpp      *self,
                   DtPppPhase  phase)
{
  if (self->phase == phase)
    return;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  g_signal_emit (self, signals[PHASE_CHANGED], 0, phase);
}

void
_dt_ppp_set_compression (DtPpp      *self,
                        const char *text)
{
  if (g_strcmp0 (self->compression, text) == 0)
    return;
  g_free (self->compression);
  self->compression = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPRESSION]);
}

/* A datagram received: ipv4-packet, or ipv6-packet when @ipv6. */
void
_dt_ppp_emit_datagram (DtPpp        *self,
                       gboolean      ipv6,
                       const guint8 *datagram,
                       gsize         len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (datagram, len);

  g_signal_emit (self, signals[ipv6 ? IPV6_PACKET : IPV4_PACKET], 0, bytes);
}

/* A line of its own in the trace (statistics at the end of a layer). */
void
_dt_ppp_trace_line (DtPpp      *self,
                   const char *format,
                   ...)
{
  g_autofree char *line = NULL;
  va_list args;

  if (!g_signal_has_handler_pending (self, signals[TRACE], 0, FALSE))
    return;
  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_signal_emit (self, signals[TRACE], 0, line);
}

static void
trace_packet (DtPpp        *self,
              const char   *direction,
              guint16       protocol,
              const guint8 *pkt,
              gsize         len)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  if (!g_signal_has_handler_pending (self, signals[TRACE], 0, FALSE))
    return;
  text = dt_ppp_describe_packet (protocol, pkt, len);
  if (text == NULL)
    return;
  line = g_strconcat (direction, " ", text, NULL);
  g_signal_emit (self, signals[TRACE], 0, line);
}

/* Datagrams (IP, IPv6, VJ, compressed packets, and multilink fragments, which carry them:
 * every protocol below 0x4000) are not traced, as pppd does not. */
static gboolean
is_data (guint16 protocol)
{
  return protocol < 0x4000;
}

/* The first cause of failure wins: what follows it (the Terminate exchange, the peer's own
 * Terminate-Request) is a consequence. */
void
_dt_ppp_set_failure (DtPpp      *self,
                     guint       code,
                     const char *message)
{
  /* After the server agreed to call back, the link going down is what was meant to happen. */
  if (self->error_code != 0 || self->callback_agreed)
    return;
  self->error_code = code;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
}

/* A protocol ends the link: LCP's Terminate-Request says @why. */
void
_dt_ppp_terminate (DtPpp      *self,
                   const char *why)
{
  _dt_ppp_set_phase (self, DT_PPP_PHASE_TERMINATE);
  dt_ppp_fsm_close (&self->lcp.fsm, DT_PPP_FSM_REASON_PROTOCOL, why);
}

/* A failure (the RAS @code and @message, unless one came first) that ends the link. */
void
_dt_ppp_fail (DtPpp      *self,
              guint       code,
              const char *message,
              const char *why)
{
  _dt_ppp_set_failure (self, code, message);
  _dt_ppp_terminate (self, why);
}

static gboolean
emit_finished (gpointer user_data)
{
  DtPpp *self = user_data;

  self->finished_idle = 0;
  g_signal_emit (self, signals[FINISHED], 0, self->error_code,
                 self->error_message != NULL ? self->error_message : "");
  return G_SOURCE_REMOVE;
}

static void
finish (DtPpp *self)
{
  if (self->over)
    return;
  self->over = TRUE;
  g_clear_handle_id (&self->network_wait, g_source_remove);
  g_clear_object (&self->auth);
  _dt_ppp_server_clear (self);
  _dt_ppp_set_phase (self, DT_PPP_PHASE_DEAD);
  self->finished_idle = g_idle_add (emit_finished, self);
}

/* Turns why LCP finished into a RAS code, unless something already explained it. */
static void
explain_lcp_end (DtPpp *self)
{
  g_autofree char *message = NULL;
  guint code;

  if (self->error_code != 0)
    return;
  /* LCP went down before it finished, taking auth_done with it: a session that was
   * authenticated once ended for another reason than a refused protocol. */
  code = dt_ppp_reason_lcp_end (&self->lcp, self->auth_done || self->authenticated_once,
                                self->lcp_opens > 0, &message);
  if (code != 0)
    _dt_ppp_set_failure (self, code, message);
  else if (self->error_message == NULL)
    self->error_message = g_steal_pointer (&message);
}

/* Frames out */

void
_dt_ppp_send_frame (DtPpp        *self,
                    guint16       protocol,
                    const guint8 *info,
                    gsize         len)
{
  if (self->over)
    return;
  if (!is_data (protocol))
    trace_packet (self, "sent", protocol, info, len);
  if (self->frame_func != NULL)
    {
      self->stats.frames_out++;
      self->stats.bytes_out += len;
      self->frame_func (protocol, info, len, self->frame_data);
      return;
    }
  g_byte_array_set_size (self->out, 0);
  dt_ppp_hdlc_encode (&self->encoder, self->out, protocol, info, len);
  self->stats.frames_out++;
  self->stats.bytes_out += self->out->len;
  if (self->output != NULL)
    self->output (self->out->data, self->out->len, self->output_data);
  /* A PAP request carries the password, a Change-Password packet the new one. */
  if (protocol == DT_PPP_PROTO_PAP || protocol == DT_PPP_PROTO_CHAP)
    explicit_bzero (self->out->data, self->out->len);
}

static void
on_fsm_send (DtPppFsm     *fsm,
             const guint8 *packet,
             gsize         len,
             gpointer      user_data)
{
  _dt_ppp_send_frame (user_data, fsm->cb->protocol, packet, len);
}

/* @fsm (LCP or a network protocol's) sends through this session. */
void
_dt_ppp_fsm_attach (DtPpp    *self,
                    DtPppFsm *fsm)
{
  dt_ppp_fsm_set_send_func (fsm, on_fsm_send, self);
}

/* @fsm's timer and counters, as the session's configuration says. */
void
_dt_ppp_fsm_configure (DtPpp    *self,
                       DtPppFsm *fsm)
{
  const DtPppConfig *c = &self->config;

  dt_ppp_fsm_set_limits (fsm, c->restart_ms, c->max_configure, c->max_terminate,
                         c->max_failure);
}

/* The network phase (the rest is in dt-ppp-network.c) */

void
_dt_ppp_emit_network_up (DtPpp *self)
{
  g_signal_emit (self, signals[NETWORK_UP], 0, self->local, self->remote, self->dns1,
                 self->dns2);
}

/* LCP */

static void
apply_link_options (DtPpp *self)
{
  const DtPppLcpOptions *his = &self->lcp.his;
  const DtPppLcpOptions *go = &self->lcp.go;

  /* What the peer asked of our sending, plus our own map (XON/XOFF on this line). */
  dt_ppp_hdlc_encoder_set_accm (&self->encoder,
                                (his->neg_accm ? his->accm : DT_PPP_ACCM_DEFAULT) |
                                self->config.accm);
  dt_ppp_hdlc_encoder_set_compression (&self->encoder, his->acfc, his->pfc);
  dt_ppp_hdlc_decoder_set_accm (self->decoder, go->neg_accm ? go->accm : DT_PPP_ACCM_DEFAULT);
}

static void
reset_link_options (DtPpp *self)
{
  dt_ppp_hdlc_encoder_init (&self->encoder);
  dt_ppp_hdlc_encoder_set_accm (&self->encoder, DT_PPP_ACCM_DEFAULT | self->config.accm);
  dt_ppp_hdlc_decoder_set_accm (self->decoder, DT_PPP_ACCM_DEFAULT);
}

/* FALSE (and the link closing) when this Opened may not go on: a server that keeps
 * renegotiating, or one that will not authenticate us when it must prove itself. */
static gboolean
lcp_up_allowed (DtPpp    *self,
                DtPppLcp *lcp)
{
  guint code = 0;
  const char *message = NULL;

  if (++self->lcp_opens > DT_PPP_MAX_LCP_OPENS)
    {
      code = DT_RAS_ERROR_PPP_LCP_TERMINATED;
      message = "The server renegotiated the link again and again";
    }
  else if (self->config.require_server_auth && lcp->his.auth != DT_PPP_AUTH_MSCHAPV2)
    {
      code = DT_RAS_ERROR_SERVER_NOT_AUTHENTICATED;
      message = "The server did not ask for MS-CHAPv2, so it could not prove who it is";
    }
  if (code == 0)
    return TRUE;
  _dt_ppp_fail (self, code, message, message);
  return FALSE;
}

static void
on_lcp_up (DtPppLcp *lcp,
           gpointer  data)
{
  DtPpp *self = data;

  if (!lcp_up_allowed (self, lcp))
    return;
  apply_link_options (self);
  self->auth_proto = self->serving ? lcp->go.auth : lcp->his.auth;
  self->callback_negotiated = self->serving ? lcp->his.neg_callback : lcp->go.neg_callback;
  if (self->serving)
    _dt_ppp_server_lcp_up (self);
  else if (lcp->his.auth != DT_PPP_AUTH_NONE)
    _dt_ppp_start_authentication (self, lcp->his.auth);
  else
    {
      self->auth_done = TRUE;
      _dt_ppp_after_auth (self);
    }
}

static void
on_lcp_down (DtPppLcp *lcp,
             gpointer  data)
{
  DtPpp *self = data;
  DtPppFsm *fsm = &lcp->fsm;
  gboolean peer_terminated = fsm->rx_packet != NULL && fsm->rx_code == DT_PPP_TERM_REQ;
  gboolean terminating;

  /* Going down for good (our Close, a failure, the peer's Terminate-Request or a fatal
   * reject), or renegotiating (the peer sent a new Configure-Request)? */
  terminating = self->closing || self->phase == DT_PPP_PHASE_TERMINATE || peer_terminated ||
                (fsm->rx_packet != NULL &&
                 (fsm->rx_code == DT_PPP_CODE_REJ || fsm->rx_code == DT_PPP_PROT_REJ));
  _dt_ppp_callback_lcp_down (self, peer_terminated);

  g_clear_object (&self->auth);
  _dt_ppp_server_clear (self);
  self->auth_done = FALSE;
  /* IPCP, CCP and IPv6CP stay open, waiting for LCP to come back up (RFC 1661 §3.2, as
   * pppd does). */
  _dt_ppp_network_lcp_down (self);
  _dt_ppp_ipv6_lcp_down (self);
  reset_link_options (self);
  _dt_ppp_set_phase (self, terminating ? DT_PPP_PHASE_TERMINATE : DT_PPP_PHASE_ESTABLISH);
}

static void
on_lcp_finished (DtPppLcp *lcp,
                 gpointer  data)
{
  DtPpp *self = data;

  explain_lcp_end (self);
  finish (self);
}

static void
on_lcp_protocol_rejected (DtPppLcp *lcp,
                          guint16   protocol,
                          gpointer  data)
{
  DtPpp *self = data;

  _dt_ppp_network_protocol_rejected (self, protocol);
  _dt_ppp_ipv6_protocol_rejected (self, protocol);
}

static void
on_lcp_failed (DtPppLcp *lcp,
               gpointer  data)
{
  DtPpp *self = data;
  g_autofree char *message = NULL;
  guint code;

  code = dt_ppp_reason_lcp_failure (lcp, &message);
  _dt_ppp_set_failure (self, code, message);
  _dt_ppp_set_phase (self, DT_PPP_PHASE_TERMINATE);
}

static const DtPppLcpOwner lcp_owner = {
  .up = on_lcp_up,
  .down = on_lcp_down,
  .finished = on_lcp_finished,
  .protocol_rejected = on_lcp_protocol_rejected,
  .failed = on_lcp_failed,
};

/* Frames in */

/* §5.7, from this link's LCP; a bundle has none of its own (a member's rejects it). */
void
_dt_ppp_reject_protocol (DtPpp        *self,
                        guint16       protocol,
                        const guint8 *info,
                        gsize         len)
{
  self->stats.dropped++;
  /* An incoming caller gets no answer at all before it has authenticated (§3.5). */
  if (self->serving && !self->auth_done)
    return;
  if (self->bundle)
    _dt_ppp_bundle_reject (self, protocol, info, len);
  else
    dt_ppp_lcp_send_protocol_reject (&self->lcp, protocol, info, len);
}

static void
dispatch_frame (DtPpp        *self,
                guint16       protocol,
                const guint8 *info,
                gsize         len)
{
  gboolean lcp_open = self->bundle || self->lcp.fsm.state == DT_PPP_FSM_OPENED;

  if (protocol == DT_PPP_PROTO_LCP && !self->bundle)
    {
      dt_ppp_lcp_input (&self->lcp, info, len);
      return;
    }
  /* Before LCP opens, anything else is silently discarded (RFC 1661 §3.4). */
  if (!lcp_open)
    {
      self->stats.dropped++;
      return;
    }
  /* A member of a bundle: the bundle's frames are the bundle's business. */
  if (self->config.link_only && _dt_ppp_member_input (self, protocol, info, len))
    return;
  switch (protocol)
    {
    case DT_PPP_PROTO_PAP:
    case DT_PPP_PROTO_CHAP:
    case DT_PPP_PROTO_EAP:
      if (self->serving)
        {
          if (!_dt_ppp_server_auth_input (self, protocol, info, len))
            self->stats.dropped++;
        }
      else if (self->auth != NULL && dt_ppp_auth_client_get_ppp_protocol (self->auth) == protocol)
        {
          /* Our handler may drop the client while it is still in input(). */
          g_autoptr (DtPppAuthClient) client = g_object_ref (self->auth);

          dt_ppp_auth_client_input (client, info, len);
        }
      else
        self->stats.dropped++;
      return;
    case DT_PPP_PROTO_CBCP:
      if (_dt_ppp_callback_input (self, info, len))
        return;
      /* Not agreed on in this session: a protocol we do not speak. */
      _dt_ppp_reject_protocol (self, protocol, info, len);
      return;
    case DT_PPP_PROTO_IPCP:
    case DT_PPP_PROTO_CCP:
      /* CCP with compression off: a protocol we do not speak. */
      if (protocol == DT_PPP_PROTO_CCP &&
          !(self->config.compression & DT_PPP_COMPRESSION_DEFLATE))
        {
          _dt_ppp_reject_protocol (self, protocol, info, len);
          return;
        }
      /* Only once authentication is over (§3.5), and never in the callback phase. */
      if (self->phase >= DT_PPP_PHASE_NETWORK && self->phase != DT_PPP_PHASE_TERMINATE)
        _dt_ppp_network_control_input (self, protocol, info, len);
      else
        self->stats.dropped++;
      return;
    case DT_PPP_PROTO_IPV6CP:
      /* Spoken only when wanted, and like IPCP only in the network phase. */
      if (self->config.want_ipv6 && (self->phase < DT_PPP_PHASE_NETWORK ||
                                     self->phase == DT_PPP_PHASE_TERMINATE))
        self->stats.dropped++;
      else if (!_dt_ppp_ipv6_input (self, protocol, info, len))
        _dt_ppp_reject_protocol (self, protocol, info, len);
      return;
    default:
      /* IP, VJ and compressed datagrams; IPX, LCP on a bundle, anything else: we do not
       * speak it (§5.7). */
      if (protocol < 0x4000 && _dt_ppp_network_input (self, protocol, info, len))
        return;
      _dt_ppp_reject_protocol (self, protocol, info, len);
      return;
    }
}

static void
on_frame (guint16       protocol,
          const guint8 *info,
          gsize         len,
          gpointer      user_data)
{
  _dt_ppp_frame_in (user_data, protocol, info, len);
}

void
_dt_ppp_frame_in (DtPpp        *self,
                 guint16       protocol,
                 const guint8 *info,
                 gsize         len)
{
  if (self->over)
    {
      self->stats.dropped++;
      return;
    }
  if (!is_data (protocol))
    trace_packet (self, "rcvd", protocol, info, len);
  dt_ppp_lcp_heard (&self->lcp);
  dispatch_frame (self, protocol, info, len);
}

/* GObject */

static void
dt_ppp_dispose (GObject *object)
{
  DtPpp *self = DT_PPP (object);

  g_clear_handle_id (&self->finished_idle, g_source_remove);
  g_clear_handle_id (&self->network_wait, g_source_remove);
  g_clear_object (&self->auth);
  _dt_ppp_server_clear (self);
  dt_ppp_lcp_clear (&self->lcp);
  _dt_ppp_network_clear (self);
  _dt_ppp_ipv6_clear (self);
  _dt_ppp_callback_clear (self);
  if (self->output_destroy != NULL)
    self->output_destroy (self->output_data);
  self->output = NULL;
  self->output_destroy = NULL;
  self->output_data = NULL;

  G_OBJECT_CLASS (dt_ppp_parent_class)->dispose (object);
}

static void
dt_ppp_finalize (GObject *object)
{
  DtPpp *self = DT_PPP (object);

  _dt_ppp_set_credentials (self, NULL, NULL, NULL);
  g_free ((char *) self->config.static_address);
  g_free ((char *) self->config.server_name);
  g_free (self->peer_name);
  g_clear_pointer (&self->decoder, dt_ppp_hdlc_decoder_free);
  g_clear_pointer (&self->out, g_byte_array_unref);
  g_free (self->error_message);
  g_free (self->local);
  g_free (self->remote);
  g_free (self->dns1);
  g_free (self->dns2);
  g_free (self->compression);

  G_OBJECT_CLASS (dt_ppp_parent_class)->finalize (object);
}

static void
dt_ppp_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  DtPpp *self = DT_PPP (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_COMPRESSION:
      g_value_set_string (value, self->compression);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_ppp_class_init (DtPppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_ppp_dispose;
  object_class->finalize = dt_ppp_finalize;
  object_class->get_property = dt_ppp_get_property;

  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, DT_TYPE_PPP_PHASE, DT_PPP_PHASE_DEAD,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPRESSION] =
    g_param_spec_string ("compression", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PHASE_CHANGED] =
    g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, DT_TYPE_PPP_PHASE);
  _dt_ppp_authenticate_class_init (object_class);
  signals[NETWORK_UP] =
    g_signal_new ("network-up", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[IPV4_PACKET] =
    g_signal_new ("ipv4-packet", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[IPV6_PACKET] =
    g_signal_new ("ipv6-packet", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[TRACE] =
    g_signal_new ("trace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _dt_ppp_callback_class_init (object_class);
  _dt_ppp_bundle_class_init (object_class);
  _dt_ppp_server_class_init (object_class);
}

static void
dt_ppp_init (DtPpp *self)
{
  self->out = g_byte_array_sized_new (2 * (DT_PPP_DEFAULT_MRU + FRAME_HEADROOM));
  dt_ppp_lcp_init (&self->lcp, &lcp_owner, self);
  _dt_ppp_network_init (self);
  _dt_ppp_fsm_attach (self, &self->lcp.fsm);
  _dt_ppp_ipv6_init (self);
  _dt_ppp_callback_init (self);
}

/* Public */

/* A session with @config, copied.  A @config->static_address that is not a dotted IPv4
 * address is a programming error. */
DtPpp *
dt_ppp_new (const DtPppConfig *config)
{
  DtPpp *self;
  struct in_addr addr = { 0 };
  DtPppConfig *c;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->static_address == NULL ||
                        inet_pton (AF_INET, config->static_address, &addr) == 1, NULL);

  self = g_object_new (DT_TYPE_PPP, NULL);
  c = &self->config;
  *c = *config;
  c->user = g_strdup (config->user != NULL ? config->user : "");
  c->password = g_strdup (config->password != NULL ? config->password : "");
  c->domain = g_strdup (config->domain);
  c->static_address = g_strdup (config->static_address);
  c->mru = c->mru != 0 ? CLAMP (c->mru, DT_PPP_MIN_MRU, DT_PPP_MAX_MRU) : DT_PPP_DEFAULT_MRU;
  c->restart_ms = MAX (c->restart_ms, 1);
  c->max_configure = MAX (c->max_configure, 1);
  c->max_terminate = MAX (c->max_terminate, 1);
  self->static_ip = ntohl (addr.s_addr);

  /* Whatever we ask for, the peer may send 1500 until LCP agrees (RFC 1661 §6.1). */
  self->decoder = dt_ppp_hdlc_decoder_new (MAX (c->mru, DT_PPP_DEFAULT_MRU) + FRAME_HEADROOM,
                                           on_frame, self);
  reset_link_options (self);

  if (c->require_server_auth)
    c->auth_methods = DT_PPP_AUTH_METHOD_MSCHAPV2;
  dt_ppp_lcp_configure (&self->lcp, c->mru, c->accm, c->auth_methods, c->require_encryption,
                        c->echo_interval_ms, c->echo_failures);
  self->lcp.accept_pap_at_once = c->accept_pap_at_once;
  _dt_ppp_fsm_configure (self, &self->lcp.fsm);
  _dt_ppp_network_configure (self);
  _dt_ppp_ipv6_configure (self);
  _dt_ppp_callback_configure (self);
  _dt_ppp_bundle_configure (self);
  _dt_ppp_server_configure (self);
  return self;
}

/* Where encoded frames go: each call is one whole frame, flags included, to write to the
 * line in order.  @destroy frees @user_data on dispose or when replaced. */
void
dt_ppp_set_output_func (DtPpp           *self,
                        DtPppOutputFunc  func,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  g_return_if_fail (DT_IS_PPP (self));

  if (self->output_destroy != NULL)
    self->output_destroy (self->output_data);
  self->output = func;
  self->output_data = user_data;
  self->output_destroy = destroy;
}

/* The line is up (the modem said CONNECT): LCP's Up and Open. */
void
dt_ppp_start (DtPpp *self)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));
  g_return_if_fail (!self->started);

  hold = g_object_ref (self);
  self->started = TRUE;
  _dt_ppp_set_phase (self, DT_PPP_PHASE_ESTABLISH);
  dt_ppp_fsm_open (&self->lcp.fsm);
  dt_ppp_fsm_up (&self->lcp.fsm);
}

/* Bytes read from the line, in chunks of any size. */
void
dt_ppp_input (DtPpp        *self,
              const guint8 *bytes,
              gsize         len)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));
  g_return_if_fail (bytes != NULL || len == 0);

  hold = g_object_ref (self);
  self->stats.bytes_in += len;
  dt_ppp_hdlc_decoder_feed (self->decoder, bytes, len);
}

/* Ends the session: LCP Terminate-Request with @reason, a wait for the Ack bounded by the
 * restart timer × Max-Terminate, then "finished" (0, unless a failure came first). */
void
dt_ppp_close (DtPpp      *self,
              const char *reason)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));

  if (self->over || self->closing)
    return;
  hold = g_object_ref (self);
  self->closing = TRUE;
  if (!self->started || self->lcp.fsm.state < DT_PPP_FSM_CLOSING)
    {
      /* Nothing to terminate. */
      if (self->error_message == NULL)
        self->error_message = g_strdup (reason != NULL ? reason : "");
      finish (self);
      return;
    }
  _dt_ppp_set_phase (self, DT_PPP_PHASE_TERMINATE);
  dt_ppp_fsm_close (&self->lcp.fsm, DT_PPP_FSM_REASON_ADMIN,
                    reason != NULL ? reason : "User request");
}

/* The line is gone (carrier lost, port closed): LCP's Down, and "finished" now. */
void
dt_ppp_lower_down (DtPpp *self)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));

  if (self->over)
    return;
  hold = g_object_ref (self);
  /* A server that said goodbye hangs up right after our Terminate-Ack, before our own
   * restart period ends: its Terminate-Request is the reason, not the lost carrier. */
  if (self->lcp.fsm.reason == DT_PPP_FSM_REASON_PEER_TERMINATED)
    explain_lcp_end (self);
  if (!self->closing)
    _dt_ppp_set_failure (self, DT_RAS_ERROR_PORT_DISCONNECTED, "The line went down");
  else if (self->error_message == NULL)
    self->error_message = g_strdup (self->lcp.fsm.term_reason);
  dt_ppp_fsm_down (&self->lcp.fsm);
  dt_ppp_fsm_close (&self->lcp.fsm, DT_PPP_FSM_REASON_ADMIN, NULL);
  finish (self);
}

DtPppPhase
dt_ppp_get_phase (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), DT_PPP_PHASE_DEAD);
  return self->phase;
}

const char *
dt_ppp_get_compression (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->compression;
}

guint
dt_ppp_get_mru (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->lcp.go.neg_mru ? self->lcp.go.mru : DT_PPP_DEFAULT_MRU;
}

guint
dt_ppp_get_mtu (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->lcp.fsm.peer_mru;
}

const char *
dt_ppp_get_auth_protocol (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return dt_ppp_auth_protocol_get_name (self->auth_proto);
}

void
dt_ppp_get_stats (DtPpp      *self,
                  DtPppStats *stats)
{
  const DtPppHdlcStats *hs;

  g_return_if_fail (DT_IS_PPP (self));
  g_return_if_fail (stats != NULL);

  hs = dt_ppp_hdlc_decoder_get_stats (self->decoder);
  *stats = self->stats;
  if (!self->bundle)
    stats->frames_in = hs->frames;
  stats->fcs_errors = hs->fcs_errors;
  stats->dropped += hs->runts + hs->oversize + hs->aborts + hs->bad_header +
                    self->lcp.fsm.stats.malformed + self->ipcp.fsm.stats.malformed +
                    self->ccp.fsm.stats.malformed +
                    self->cbcp.stats.malformed + self->cbcp_server.stats.malformed;
}

gboolean
dt_ppp_get_pap_insisted (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  /* pppd drops authentication and then hangs up; Dialtone's own answering side ends LCP
   * right after the Nak, before it opens (a caller that will not authenticate as it
   * allows).  A server that ends LCP after it opened did take the stronger method. */
  return self->lcp.pap_dropped ||
         (self->lcp.pap_nakked && self->lcp_opens == 0 &&
          self->lcp.fsm.reason == DT_PPP_FSM_REASON_PEER_TERMINATED);
}

gboolean
dt_ppp_get_peer_gone (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return self->lcp.failure == DT_PPP_LCP_FAILURE_ECHO_TIMEOUT;
}

guint
dt_ppp_get_error_code (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->error_code;
}

const char *
dt_ppp_get_error_message (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->error_message;
}
