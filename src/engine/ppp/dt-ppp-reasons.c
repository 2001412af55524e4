/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RAS codes for the ends of a PPP link: see dt-ppp-reasons.h.  The choices, where Windows
 * leaves room:
 *   718  the peer never answered: LCP or IPCP Configure-Requests ran out (Max-Configure).
 *   719  the peer sent Terminate-Request.
 *   734  LCP itself failed: rejected by the peer, negotiation that never converged (endless
 *        Naks, a Configure-Request flood), or a looped-back line.
 *   720  no network protocol: IPCP failed, was rejected, or gave no address; and also a
 *        server that insists on an authentication protocol the entry does not allow (the
 *        message names it), since retrying the password cannot help and 720's text sends
 *        the user to the connection's settings.
 *   619  the peer stopped answering LCP Echo-Requests: the line is as good as gone. */

#include "config.h"

#include "dt-error.h"
#include "dt-ppp-reasons.h"

static char *
refused_auth_message (const DtPppLcp *lcp)
{
  return g_strdup_printf ("The server requires %s authentication, which this connection "
                          "does not allow", lcp->auth_refused);
}

guint
dt_ppp_reason_lcp_end (const DtPppLcp  *lcp,
                       gboolean         authenticated,
                       gboolean         opened,
                       char           **message)
{
  const DtPppFsm *fsm = &lcp->fsm;

  switch (fsm->reason)
    {
    case DT_PPP_FSM_REASON_ADMIN:
      *message = g_strdup (fsm->term_reason != NULL ? fsm->term_reason : "");
      return 0;
    case DT_PPP_FSM_REASON_TIMEOUT:
      *message = g_strdup ("The peer did not answer LCP requests");
      return DT_RAS_ERROR_PPP_TIMEOUT;
    case DT_PPP_FSM_REASON_PEER_TERMINATED:
      /* A server that wanted an authentication protocol we refused may open LCP without
       * one and then hang up (pppd does): the refusal is the real reason. */
      if (lcp->auth_refused[0] != '\0' && !authenticated)
        {
          *message = refused_auth_message (lcp);
          return DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED;
        }
      /* Asked for better than PAP, pppd drops authentication and then hangs up; a server
       * with nothing better (Dialtone's own answering side) ends LCP before it opens. */
      if ((lcp->pap_dropped || (lcp->pap_nakked && !opened)) && !authenticated)
        {
          *message = g_strdup ("The server insists on PAP authentication, which sends the "
                               "password unencrypted");
          return DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED;
        }
      if (fsm->peer_term_reason != NULL)
        *message = g_strdup_printf ("The peer terminated the link (\"%s\")",
                                    fsm->peer_term_reason);
      else
        *message = g_strdup ("The peer terminated the link");
      return DT_RAS_ERROR_PPP_REMOTE_TERMINATED;
    case DT_PPP_FSM_REASON_REJECTED:
      *message = g_strdup ("The peer rejected LCP");
      return DT_RAS_ERROR_PPP_LCP_TERMINATED;
    case DT_PPP_FSM_REASON_NOT_CONVERGED:
      *message = g_strdup ("LCP negotiation did not converge");
      return DT_RAS_ERROR_PPP_LCP_TERMINATED;
    case DT_PPP_FSM_REASON_PROTOCOL:
    case DT_PPP_FSM_REASON_NONE:
    default:
      *message = g_strdup ("LCP terminated");
      return DT_RAS_ERROR_PPP_LCP_TERMINATED;
    }
}

guint
dt_ppp_reason_lcp_failure (const DtPppLcp  *lcp,
                           char           **message)
{
  switch (lcp->failure)
    {
    case DT_PPP_LCP_FAILURE_AUTH_REFUSED:
      *message = refused_auth_message (lcp);
      return DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED;
    case DT_PPP_LCP_FAILURE_NO_AUTH:
      /* A caller that will not authenticate gets in no more than a wrong password does. */
      *message = g_strdup (lcp->failure_text);
      return DT_RAS_ERROR_AUTHENTICATION_FAILURE;
    case DT_PPP_LCP_FAILURE_ECHO_TIMEOUT:
      *message = g_strdup_printf ("The peer is not responding (%s)", lcp->failure_text);
      return DT_RAS_ERROR_PORT_DISCONNECTED;
    case DT_PPP_LCP_FAILURE_LOOPBACK:
    case DT_PPP_LCP_FAILURE_NONE:
    default:
      *message = g_strdup (lcp->failure_text != NULL ? lcp->failure_text : "LCP failed");
      return DT_RAS_ERROR_PPP_LCP_TERMINATED;
    }
}

guint
dt_ppp_reason_ipcp_end (const DtPppIpcp  *ipcp,
                        char            **message)
{
  if (ipcp->fsm.reason == DT_PPP_FSM_REASON_TIMEOUT)
    {
      *message = g_strdup ("The peer did not answer IPCP requests");
      return DT_RAS_ERROR_PPP_TIMEOUT;
    }
  if (ipcp->bad_address != NULL)
    *message = g_strdup_printf ("The server assigned an address no host may have (%s)",
                                ipcp->bad_address);
  else if (ipcp->static_refused)
    *message = g_strdup ("The server refused this connection's static IP address");
  else if (ipcp->no_address)
    *message = g_strdup ("The server assigned no IP address");
  else if (ipcp->fsm.reason == DT_PPP_FSM_REASON_REJECTED)
    *message = g_strdup ("The server does not speak IPCP");
  else
    *message = g_strdup ("IPCP negotiation failed");
  return DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED;
}
