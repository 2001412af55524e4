/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LCP's echo keepalive (see dt_ppp_lcp_configure()): Echo-Requests after an interval of
 * silence from the peer, never while its frames come, and the link given up after the
 * configured number of them unanswered. */

#include "config.h"

#include "dt-ppp-defs.h"
#include "dt-ppp-lcp.h"
#include "dt-ppp-lcp-private.h"

static void
send_echo_request (DtPppLcp *lcp)
{
  guint8 magic[4];

  dt_ppp_put32 (magic, lcp->go.neg_magic ? lcp->go.magic : 0);
  dt_ppp_fsm_send_packet (&lcp->fsm, DT_PPP_ECHO_REQ, ++lcp->echo_id, magic, sizeof magic);
  lcp->echo_unanswered++;
  lcp->echoes_sent++;
}

/* The keepalive sleeps while the link carries traffic: any frame from the peer proves it
 * alive (as pppd's lcp-echo-adaptive), so an Echo-Request goes only after a whole interval
 * of silence, and the timer does not fire at all while frames keep coming, an idle
 * server's own Echo-Requests included.  A dead peer is still given up after interval ×
 * (failures + 1) of silence. */
static gboolean
on_echo_timer (gpointer user_data)
{
  DtPppLcp *lcp = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 interval = (gint64) lcp->echo_interval_ms * 1000;

  if (now - lcp->heard_us < interval)
    {
      lcp->echo_unanswered = 0;
      g_source_set_ready_time (lcp->echo_timer, lcp->heard_us + interval);
      return G_SOURCE_CONTINUE;
    }
  if (lcp->echo_unanswered >= lcp->echo_failures)
    {
      g_autofree char *text = g_strdup_printf ("No response to %u echo-requests",
                                               lcp->echo_unanswered);

      _dt_ppp_lcp_stop_echo (lcp);
      _dt_ppp_lcp_fail (lcp, DT_PPP_LCP_FAILURE_ECHO_TIMEOUT, text);
      /* The one Terminate-Request just sent is a courtesy: a peer that answers no echo will
       * not answer it either, so the link ends now, not after Max-Terminate restart periods
       * spent waiting for an Ack. */
      dt_ppp_fsm_give_up (&lcp->fsm);
      return G_SOURCE_REMOVE;
    }
  send_echo_request (lcp);
  g_source_set_ready_time (lcp->echo_timer, now + interval);
  return G_SOURCE_CONTINUE;
}

static gboolean
dispatch_echo_timer (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs echo_timer_funcs = { .dispatch = dispatch_echo_timer };

void
_dt_ppp_lcp_stop_echo (DtPppLcp *lcp)
{
  if (lcp->echo_timer == NULL)
    return;
  g_source_destroy (lcp->echo_timer);
  g_clear_pointer (&lcp->echo_timer, g_source_unref);
}

void
_dt_ppp_lcp_start_echo (DtPppLcp *lcp)
{
  _dt_ppp_lcp_stop_echo (lcp);
  if (lcp->echo_interval_ms == 0 || lcp->echo_failures == 0 || lcp->echo_refused)
    return;
  lcp->heard_us = g_get_monotonic_time ();
  lcp->echo_timer = g_source_new (&echo_timer_funcs, sizeof (GSource));
  g_source_set_callback (lcp->echo_timer, on_echo_timer, lcp, NULL);
  g_source_set_static_name (lcp->echo_timer, "[dialtone] LCP echo");
  g_source_set_ready_time (lcp->echo_timer,
                           lcp->heard_us + (gint64) lcp->echo_interval_ms * 1000);
  g_source_attach (lcp->echo_timer, NULL);
}

void
dt_ppp_lcp_heard (DtPppLcp *lcp)
{
  gint64 interval;

  g_return_if_fail (lcp != NULL);

  lcp->heard_us = g_get_monotonic_time ();
  if (lcp->echo_timer == NULL)
    return;
  /* Moving the timer costs a wake-up of the loop's own (an eventfd): at most once a second,
   * and the timer itself looks at heard_us when it fires early. */
  interval = (gint64) lcp->echo_interval_ms * 1000;
  if (lcp->heard_us + interval - g_source_get_ready_time (lcp->echo_timer) > G_USEC_PER_SEC)
    g_source_set_ready_time (lcp->echo_timer, lcp->heard_us + interval);
}
