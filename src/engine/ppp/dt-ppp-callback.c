/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's callback part (see dt-ppp.h): LCP asks for the Callback option, and when the server
 * agrees, the CALLBACK phase runs CBCP (dt-ppp-cbcp.c) between authentication and IPCP.
 * NCP packets that come meanwhile are dropped ([MS-CBCP] 1.3: dt-ppp.c lets IPCP in only
 * from the NETWORK phase on).  Once a callback is acknowledged the session closes itself, as
 * pppd does ("Call me back"), and no failure counts any more: the server hangs up next.
 *
 * The RAS codes this part decides:
 *   704  the server terminated the link after our Callback-Response with a number and
 *        before an Ack, or kept sending fresh Callback-Requests after it: a RAS server's way
 *        of refusing a number ([MS-CBCP] leaves it open);
 *   718  the server agreed on callback in LCP and then sent no Callback-Request, or did not
 *        acknowledge our answer, within callback_timeout_ms. */

#include "config.h"

#include <gio/gio.h>

#include "dt-error.h"
#include "dt-ppp-private.h"

enum {
  CALLBACK_REQUESTED,
  CALLBACK_AGREED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_cbcp_requested (DtPppCbcp *cbcp,
                   gpointer   data)
{
  DtPpp *self = data;

  g_signal_emit (self, signals[CALLBACK_REQUESTED], 0, cbcp->offer.offered);
}

static void
on_cbcp_acked (DtPppCbcp *cbcp,
               gpointer   data)
{
  DtPpp *self = data;

  self->callback_agreed = cbcp->type != DT_PPP_CALLBACK_NONE;
  g_signal_emit (self, signals[CALLBACK_AGREED], 0, (guint) cbcp->type, cbcp->number,
                 (guint) cbcp->delay);
  /* A handler may have closed the session already. */
  if (self->over || self->closing || self->phase != DT_PPP_PHASE_CALLBACK)
    return;
  if (cbcp->type == DT_PPP_CALLBACK_NONE)
    {
      _dt_ppp_enter_network_phase (self);
      return;
    }
  self->closing = TRUE;
  _dt_ppp_set_phase (self, DT_PPP_PHASE_TERMINATE);
  dt_ppp_fsm_close (&self->lcp.fsm, DT_PPP_FSM_REASON_ADMIN, "Call me back");
}

static void
on_cbcp_failed (DtPppCbcp *cbcp,
                gpointer   data)
{
  DtPpp *self = data;
  g_autofree char *message = NULL;
  guint code = DT_RAS_ERROR_PPP_TIMEOUT;

  switch (cbcp->failure)
    {
    case DT_PPP_CBCP_FAILURE_NO_REQUEST:
      message = g_strdup ("The server agreed to call back but sent no Callback-Request");
      break;
    case DT_PPP_CBCP_FAILURE_REFUSED:
      if (cbcp->type == DT_PPP_CALLBACK_USER)
        {
          code = DT_RAS_ERROR_BAD_CALLBACK_NUMBER;
          message = g_strdup_printf ("The server did not accept the callback number “%s”: it "
                                     "asked again", cbcp->number);
        }
      else
        message = g_strdup ("The server did not accept the callback answer: it asked again");
      break;
    case DT_PPP_CBCP_FAILURE_NO_ACK:
    case DT_PPP_CBCP_FAILURE_NONE:
    default:
      message = g_strdup ("The server did not acknowledge the callback answer");
      break;
    }
  _dt_ppp_set_failure (self, code, message);
  if (!self->over && !self->closing)
    _dt_ppp_terminate (self, "Callback negotiation failed");
}

static void
on_cbcp_send (DtPppCbcp    *cbcp,
              const guint8 *packet,
              gsize         len,
              gpointer      data)
{
  _dt_ppp_send_frame (data, DT_PPP_PROTO_CBCP, packet, len);
}

static const DtPppCbcpOwner cbcp_owner = {
  .requested = on_cbcp_requested,
  .acked = on_cbcp_acked,
  .failed = on_cbcp_failed,
  .send = on_cbcp_send,
};

void
_dt_ppp_callback_class_init (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  signals[CALLBACK_REQUESTED] =
    g_signal_new ("callback-requested", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[CALLBACK_AGREED] =
    g_signal_new ("callback-agreed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_UINT);
}

void
_dt_ppp_callback_init (DtPpp *self)
{
  dt_ppp_cbcp_init (&self->cbcp, &cbcp_owner, self);
}

void
_dt_ppp_callback_configure (DtPpp *self)
{
  DtPppConfig *c = &self->config;

  dt_ppp_lcp_set_callback (&self->lcp, c->want_callback);
  if (c->callback_timeout_ms == 0)
    c->callback_timeout_ms = c->restart_ms * c->max_configure;
}

void
_dt_ppp_callback_clear (DtPpp *self)
{
  dt_ppp_cbcp_clear (&self->cbcp);
}

void
_dt_ppp_after_auth (DtPpp *self)
{
  if (self->serving)
    {
      _dt_ppp_server_after_auth (self);
      return;
    }
  if (!self->callback_negotiated)
    {
      _dt_ppp_enter_network_phase (self);
      return;
    }
  _dt_ppp_set_phase (self, DT_PPP_PHASE_CALLBACK);
  /* A phase-changed handler may have closed the session. */
  if (!self->over && !self->closing && self->phase == DT_PPP_PHASE_CALLBACK)
    dt_ppp_cbcp_start (&self->cbcp, self->config.callback_timeout_ms);
}

void
_dt_ppp_callback_lcp_down (DtPpp    *self,
                           gboolean  peer_terminated)
{
  DtPppCbcp *cbcp = &self->cbcp;

  if (peer_terminated && cbcp->state == DT_PPP_CBCP_STATE_WAIT_ACK &&
      cbcp->type == DT_PPP_CALLBACK_USER)
    {
      const char *why = self->lcp.fsm.peer_term_reason;
      g_autofree char *message = NULL;

      if (why != NULL && why[0] != '\0')
        message = g_strdup_printf ("The server refused the callback number “%s” (\"%s\")",
                                   cbcp->number, why);
      else
        message = g_strdup_printf ("The server refused the callback number “%s”",
                                   cbcp->number);
      _dt_ppp_set_failure (self, DT_RAS_ERROR_BAD_CALLBACK_NUMBER, message);
    }
  dt_ppp_cbcp_stop (cbcp);
}

gboolean
_dt_ppp_callback_input (DtPpp        *self,
                        const guint8 *info,
                        gsize         len)
{
  if (!self->callback_negotiated)
    return FALSE;
  if (self->phase == DT_PPP_PHASE_CALLBACK && self->serving)
    _dt_ppp_server_cbcp_input (self, info, len);
  else if (self->phase == DT_PPP_PHASE_CALLBACK)
    dt_ppp_cbcp_input (&self->cbcp, info, len);
  else
    self->stats.dropped++;
  return TRUE;
}

gboolean
dt_ppp_callback_respond (DtPpp              *self,
                         DtPppCallbackType   type,
                         const char         *number,
                         GError            **error)
{
  g_autoptr (DtPpp) hold = NULL;

  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->over || self->closing || self->phase != DT_PPP_PHASE_CALLBACK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "The session is not negotiating a callback");
      return FALSE;
    }
  hold = g_object_ref (self);
  return dt_ppp_cbcp_respond (&self->cbcp, type, number, error);
}

gboolean
dt_ppp_get_callback_negotiated (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return self->callback_negotiated;
}

guint
dt_ppp_get_callback_offered (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), 0);
  return self->cbcp.offer.offered;
}

gboolean
dt_ppp_get_callback_agreed (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), FALSE);
  return self->callback_agreed;
}
