/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp's server part (see "The server" in dt-ppp.h): the session of an incoming call, as its
 * authenticator.  LCP asks the caller to authenticate (dt-ppp-lcp.c), the authenticator
 * (dt-ppp-auth-server.c) checks it with the password the owner looks up, CBCP
 * (dt-ppp-cbcp-server.c) offers what the caller's account allows when it asked for a callback,
 * and IPCP gives it its address (dt-ppp-ipcp-server.c).  The framing, the automaton, the
 * phases and the end of the session are dt-ppp.c's, as for a dial.
 *
 * The RAS codes this part decides: 691, 647 and 649 from the authenticator (the owner's
 * refusal), 718 when the caller does not authenticate in time or never answers CBCP, 704
 * when the number it gives to be called back at is not one to dial. */

#include "config.h"

#include <arpa/inet.h>

#include "dt-error.h"
#include "dt-ppp-private.h"

enum {
  LOOKUP_CALLER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint32
parse_ipv4 (const char *text)
{
  struct in_addr addr = { 0 };

  if (text == NULL || inet_pton (AF_INET, text, &addr) != 1)
    return 0;
  return ntohl (addr.s_addr);
}

/* The authenticator ----------------------------------------------------------------------- */

static void
on_auth_lookup (DtPppAuthServer *server,
                const char      *user,
                DtPpp           *self)
{
  g_signal_emit (self, signals[LOOKUP_CALLER], 0, user);
}

static void
on_auth_finished (DtPppAuthServer *server,
                  gboolean         success,
                  guint            code,
                  const char      *user,
                  gboolean         final,
                  DtPpp           *self)
{
  if (self->over)
    return;
  if (success)
    {
      g_free (self->peer_name);
      self->peer_name = g_strdup (user);
      self->auth_done = TRUE;
      self->authenticated_once = TRUE;
      /* A successful retry takes back the failure it follows. */
      if (self->error_code == DT_RAS_ERROR_AUTHENTICATION_FAILURE)
        {
          self->error_code = 0;
          g_clear_pointer (&self->error_message, g_free);
        }
    }
  else
    {
      /* A caller that gives up after a refusal (pppd ends the link at once) was refused. */
      _dt_ppp_set_failure (self, code, code == DT_RAS_ERROR_PPP_TIMEOUT
                                       ? "The caller did not authenticate in time"
                                       : "The caller was not authenticated");
    }
  self->callback_offer = 0;
  self->callback_delay = 0;
  _dt_ppp_emit_auth_result (self, success, code, user, !final);
  if (self->over || self->closing)
    return;
  if (success)
    {
      if (self->phase == DT_PPP_PHASE_AUTHENTICATE)
        _dt_ppp_after_auth (self);
      return;
    }
  if (final)
    _dt_ppp_terminate (self, "Authentication failed");
}

void
_dt_ppp_server_lcp_up (DtPpp *self)
{
  DtPppAuthProtocol proto = self->lcp.go.auth;

  _dt_ppp_set_phase (self, DT_PPP_PHASE_AUTHENTICATE);
  g_clear_object (&self->auth_server);
  self->auth_server = dt_ppp_auth_server_new (proto, self->config.server_name);
  dt_ppp_auth_server_set_limits (self->auth_server, self->config.auth_timeout_ms,
                                 self->config.auth_attempts);
  dt_ppp_auth_server_set_send_func (self->auth_server, _dt_ppp_auth_send, self);
  g_signal_connect_object (self->auth_server, "lookup", G_CALLBACK (on_auth_lookup), self, 0);
  g_signal_connect_object (self->auth_server, "finished", G_CALLBACK (on_auth_finished), self,
                           0);
  _dt_ppp_emit_authenticating (self, dt_ppp_auth_protocol_get_name (proto));
  /* A handler may have closed the session. */
  if (self->phase == DT_PPP_PHASE_AUTHENTICATE && self->auth_server != NULL)
    dt_ppp_auth_server_start (self->auth_server);
}

gboolean
_dt_ppp_server_auth_input (DtPpp        *self,
                           guint16       protocol,
                           const guint8 *info,
                           gsize         len)
{
  g_autoptr (DtPppAuthServer) server = NULL;

  if (self->auth_server == NULL ||
      dt_ppp_auth_server_get_ppp_protocol (self->auth_server) != protocol)
    return FALSE;
  /* Our handlers may drop the server while it is in input(). */
  server = g_object_ref (self->auth_server);
  dt_ppp_auth_server_input (server, info, len);
  return TRUE;
}

void
dt_ppp_answer_caller (DtPpp      *self,
                      const char *password,
                      guint       refusal)
{
  g_autoptr (DtPppAuthServer) server = NULL;
  g_autoptr (DtPpp) hold = NULL;

  g_return_if_fail (DT_IS_PPP (self));

  if (self->over || self->auth_server == NULL)
    return;
  hold = g_object_ref (self);
  server = g_object_ref (self->auth_server);
  dt_ppp_auth_server_answer (server, password, refusal);
}

const char *
dt_ppp_get_peer_name (DtPpp *self)
{
  g_return_val_if_fail (DT_IS_PPP (self), NULL);
  return self->peer_name;
}

/* CBCP ------------------------------------------------------------------------------------- */

void
dt_ppp_offer_callback (DtPpp *self,
                       guint  offered,
                       guint  delay)
{
  g_return_if_fail (DT_IS_PPP (self));

  self->callback_offer = offered & (DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE) |
                                    DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER) |
                                    DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN));
  self->callback_delay = MIN (delay, 255);
}

static void
on_cbcp_agreed (DtPppCbcpServer *cbcp,
                gpointer         data)
{
  DtPpp *self = data;
  const DtPppCbcpChoice *choice = &cbcp->choice;

  self->callback_agreed = choice->type != DT_PPP_CALLBACK_NONE;
  g_signal_emit_by_name (self, "callback-agreed", (guint) choice->type,
                         choice->type == DT_PPP_CALLBACK_USER ? choice->number : NULL,
                         (guint) cbcp->delay);
  if (self->over || self->closing || self->phase != DT_PPP_PHASE_CALLBACK)
    return;
  if (choice->type == DT_PPP_CALLBACK_NONE)
    {
      _dt_ppp_enter_network_phase (self);
      return;
    }
  self->closing = TRUE;
  _dt_ppp_set_phase (self, DT_PPP_PHASE_TERMINATE);
  dt_ppp_fsm_close (&self->lcp.fsm, DT_PPP_FSM_REASON_ADMIN, "Calling you back");
}

static void
on_cbcp_failed (DtPppCbcpServer *cbcp,
                gpointer         data)
{
  DtPpp *self = data;

  _dt_ppp_set_failure (self, DT_RAS_ERROR_PPP_TIMEOUT,
                       "The caller did not answer the callback request");
  if (!self->over && !self->closing)
    _dt_ppp_terminate (self, "Callback negotiation failed");
}

/* RAS's answer to a number it will not dial: no Ack, and LCP's Terminate-Request says why,
 * which a caller such as Dialtone reports as 704. */
static void
on_cbcp_refused (DtPppCbcpServer *cbcp,
                 gpointer         data)
{
  DtPpp *self = data;
  g_autofree char *message = g_strdup_printf ("The caller's callback number “%s” is not a "
                                              "number to dial", cbcp->choice.number);

  _dt_ppp_set_failure (self, DT_RAS_ERROR_BAD_CALLBACK_NUMBER, message);
  if (!self->over && !self->closing)
    _dt_ppp_terminate (self, "Invalid callback number");
}

static void
on_cbcp_send (DtPppCbcpServer *cbcp,
              const guint8    *packet,
              gsize            len,
              gpointer         data)
{
  _dt_ppp_send_frame (data, DT_PPP_PROTO_CBCP, packet, len);
}

static const DtPppCbcpServerOwner cbcp_owner = {
  .agreed = on_cbcp_agreed,
  .failed = on_cbcp_failed,
  .refused = on_cbcp_refused,
  .send = on_cbcp_send,
};

/* The caller asked for a callback in LCP: CBCP runs even when its account has none, since
 * such a caller waits for the Request before it starts IPCP ([MS-CBCP] 1.3). */
void
_dt_ppp_server_after_auth (DtPpp *self)
{
  guint offer = self->callback_offer != 0 ? self->callback_offer
                                          : DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE);

  if (!self->callback_negotiated)
    {
      _dt_ppp_enter_network_phase (self);
      return;
    }
  _dt_ppp_set_phase (self, DT_PPP_PHASE_CALLBACK);
  if (!self->over && !self->closing && self->phase == DT_PPP_PHASE_CALLBACK)
    dt_ppp_cbcp_server_start (&self->cbcp_server, offer, self->callback_delay,
                              self->config.restart_ms, self->config.max_configure);
}

void
_dt_ppp_server_cbcp_input (DtPpp        *self,
                           const guint8 *info,
                           gsize         len)
{
  dt_ppp_cbcp_server_input (&self->cbcp_server, info, len);
}

/* The session ---------------------------------------------------------------------------- */

void
_dt_ppp_server_configure (DtPpp *self)
{
  DtPppConfig *c = &self->config;

  self->serving = c->serve_auth_methods != 0;
  dt_ppp_cbcp_server_init (&self->cbcp_server, &cbcp_owner, self);
  if (!self->serving)
    {
      c->server_name = c->peer_address = c->serve_dns1 = c->serve_dns2 = NULL;
      return;
    }
  dt_ppp_lcp_set_authenticator (&self->lcp, c->serve_auth_methods, c->serve_callback);
  dt_ppp_ipcp_set_server (&self->ipcp, self->static_ip, parse_ipv4 (c->peer_address),
                          c->accept_peer_address, parse_ipv4 (c->serve_dns1),
                          parse_ipv4 (c->serve_dns2));
  /* Strings the caller of dt_ppp_new() owns: only the name is kept. */
  c->server_name = g_strdup (c->server_name);
  c->peer_address = NULL;
  c->serve_dns1 = NULL;
  c->serve_dns2 = NULL;
}

void
_dt_ppp_server_clear (DtPpp *self)
{
  if (self->auth_server != NULL)
    g_signal_handlers_disconnect_by_data (self->auth_server, self);
  g_clear_object (&self->auth_server);
  dt_ppp_cbcp_server_clear (&self->cbcp_server);
}

void
_dt_ppp_server_class_init (GObjectClass *object_class)
{
  signals[LOOKUP_CALLER] =
    g_signal_new ("lookup-caller", G_TYPE_FROM_CLASS (object_class), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}
