/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CCP with Deflate: see dt-ppp-ccp.h.  Option format from RFC 1979 §3: type 26 (or 24),
 * length 4, then the window as (log2 - 8) in the high nibble with the method (8, deflate) in
 * the low one, then the check method (0, the sequence number). */

#include "config.h"

#include <string.h>

#include "dt-ppp-ccp.h"
#include "dt-ppp-defs.h"

enum {
  CI_DEFLATE_DRAFT = 24,
  CI_DEFLATE = 26,
};

#define DEFLATE_METHOD      8
#define DEFLATE_CHK_SEQ     0
#define WANT_WINDOW         15
#define MIN_TX_WINDOW       9     /* zlib's raw deflate has no 256-byte window */
/* Reset-Requests go again every third of a restart period (1 s by default, as pppd's
 * RACKTIMEOUT), and CCP gives up after this many unanswered. */
#define MAX_RESETS          5

static void
append_deflate (GByteArray *out,
                guint8      type,
                guint       window)
{
  guint8 opt[4] = { type, 4, ((window - 8) << 4) | DEFLATE_METHOD, DEFLATE_CHK_SEQ };

  g_byte_array_append (out, opt, sizeof opt);
}

static void
notify_changed (DtPppCcp *ccp)
{
  if (ccp->owner != NULL && ccp->owner->changed != NULL)
    ccp->owner->changed (ccp, ccp->owner_data);
}

/* Automaton callbacks: options */

static void
ccp_reset_ci (DtPppFsm *fsm)
{
  DtPppCcp *ccp = fsm->protocol_data;

  ccp->go = ccp->want;
}

static void
ccp_add_ci (DtPppFsm   *fsm,
            GByteArray *out)
{
  DtPppCcp *ccp = fsm->protocol_data;

  if (ccp->go.deflate)
    append_deflate (out, CI_DEFLATE, ccp->go.window);
  if (ccp->go.deflate_draft)
    append_deflate (out, CI_DEFLATE_DRAFT, ccp->go.window);
}

static gboolean *
deflate_flag (gpointer try,
              guint8   type)
{
  DtPppCcpOptions *o = try;

  return type == CI_DEFLATE ? &o->deflate : type == CI_DEFLATE_DRAFT ? &o->deflate_draft : NULL;
}

static gboolean
ccp_take_nak (gpointer      data,
              gpointer      try_data,
              guint8        type,
              const guint8 *opt,
              gsize         olen)
{
  DtPppCcpOptions *try = try_data;

  /* Another method or check we cannot decompress: stop asking for this one.  A smaller
   * window we can (our inflater keeps 32 KiB whatever the peer uses). */
  if (olen != 4 || (opt[2] & 0x0f) != DEFLATE_METHOD || opt[3] != DEFLATE_CHK_SEQ)
    *deflate_flag (try, type) = FALSE;
  else if ((opt[2] >> 4) + 8u < try->window)
    try->window = (opt[2] >> 4) + 8;
  return TRUE;
}

static gboolean
ccp_nak_ci (DtPppFsm     *fsm,
            const guint8 *opts,
            gsize         len,
            gboolean      rej)
{
  DtPppCcp *ccp = fsm->protocol_data;

  return dt_ppp_opts_take_nak (opts, len, rej, &ccp->go, sizeof ccp->go, deflate_flag,
                               ccp_take_nak, ccp);
}

/* One option of the peer's request: Ack (and note it in @his), Nak (with our counter-offer
 * in @nak) or Reject. */
static guint8
judge_option (gpointer      data,
              guint8        type,
              const guint8 *opt,
              gsize         olen,
              gboolean      reject_if_disagree,
              GByteArray   *nak)
{
  DtPppCcpOptions *his = data;
  guint window;

  if ((type != CI_DEFLATE && type != CI_DEFLATE_DRAFT) || olen != 4)
    return DT_PPP_CONF_REJ;   /* MPPE/MPPC, BSD-Compress, Predictor, LZS, …: not spoken */
  window = (opt[2] >> 4) + 8;
  if ((opt[2] & 0x0f) != DEFLATE_METHOD || opt[3] != DEFLATE_CHK_SEQ ||
      window < MIN_TX_WINDOW || window > 15)
    {
      if (reject_if_disagree)
        return DT_PPP_CONF_REJ;
      append_deflate (nak, type, CLAMP (window, MIN_TX_WINDOW, 15));
      return DT_PPP_CONF_NAK;
    }
  *deflate_flag (his, type) = TRUE;
  if (his->method == 0)
    {
      his->method = type;
      his->window = window;
    }
  return DT_PPP_CONF_ACK;
}

static guint8
ccp_req_ci (DtPppFsm     *fsm,
            const guint8 *opts,
            gsize         len,
            gboolean      reject_if_disagree,
            GByteArray   *reply)
{
  DtPppCcp *ccp = fsm->protocol_data;

  memset (&ccp->his, 0, sizeof ccp->his);
  return dt_ppp_opts_judge_request (opts, len, reject_if_disagree, judge_option, &ccp->his,
                                    reply);
}

/* Automaton callbacks: layer actions */

static void
merge_stats (DtPppDeflateStats       *into,
             const DtPppDeflateStats *from)
{
  into->out_packets += from->out_packets;
  into->out_incompressible += from->out_incompressible;
  into->out_bytes_before += from->out_bytes_before;
  into->out_bytes_after += from->out_bytes_after;
  into->in_packets += from->in_packets;
  into->in_bytes_before += from->in_bytes_before;
  into->in_bytes_after += from->in_bytes_after;
  into->in_uncompressed += from->in_uncompressed;
  into->in_errors += from->in_errors;
  into->in_dropped += from->in_dropped;
}

static void
stop_compression (DtPppCcp *ccp)
{
  DtPppDeflateStats stats;

  g_clear_handle_id (&ccp->reset_timer, g_source_remove);
  ccp->resets_unanswered = 0;
  if (ccp->rx == NULL && ccp->tx == NULL)
    return;
  dt_ppp_ccp_get_deflate_stats (ccp, &stats);
  if (ccp->owner != NULL && ccp->owner->stopping != NULL)
    ccp->owner->stopping (ccp, &stats, ccp->owner_data);
  g_clear_pointer (&ccp->rx, dt_ppp_deflate_free);
  g_clear_pointer (&ccp->tx, dt_ppp_deflate_free);
  notify_changed (ccp);
}

/* The peer acknowledged our request: what we asked for is what it sends from now on, from a
 * new history.  (zlib failing to set up a window leaves us without one: its compressed
 * packets are then dropped, and CCP closes below, at Opened.) */
static gboolean
ccp_ack_ci (DtPppFsm     *fsm,
            const guint8 *opts,
            gsize         len)
{
  DtPppCcp *ccp = fsm->protocol_data;

  if (!dt_ppp_fsm_ack_repeats_request (fsm, opts, len))
    return FALSE;
  g_clear_handle_id (&ccp->reset_timer, g_source_remove);
  g_clear_pointer (&ccp->rx, dt_ppp_deflate_free);
  if (ccp->go.deflate || ccp->go.deflate_draft)
    ccp->rx = dt_ppp_deflate_new (0, ccp->go.window, ccp->mru);
  return TRUE;
}

static void
ccp_up (DtPppFsm *fsm)
{
  DtPppCcp *ccp = fsm->protocol_data;
  gboolean want_rx = ccp->go.deflate || ccp->go.deflate_draft;

  g_clear_pointer (&ccp->tx, dt_ppp_deflate_free);
  if (ccp->his.method != 0)
    ccp->tx = dt_ppp_deflate_new (ccp->his.window, 0, ccp->mru);
  if ((ccp->his.method != 0 && ccp->tx == NULL) || (want_rx && ccp->rx == NULL))
    {
      /* zlib could not allocate its windows: no compression, said plainly. */
      dt_ppp_fsm_close (fsm, DT_PPP_FSM_REASON_PROTOCOL, "Compression unavailable");
      return;
    }
  if (ccp->rx != NULL || ccp->tx != NULL)
    notify_changed (ccp);
}

static void
ccp_down (DtPppFsm *fsm)
{
  stop_compression (fsm->protocol_data);
}

static void
ccp_finished (DtPppFsm *fsm)
{
  stop_compression (fsm->protocol_data);
}

/* Reset-Request and Reset-Ack (RFC 1962 §2.3 and §2.4): only in Opened, else discarded. */
static gboolean
ccp_extcode (DtPppFsm     *fsm,
             guint8        code,
             guint8        id,
             const guint8 *data,
             gsize         len)
{
  DtPppCcp *ccp = fsm->protocol_data;

  if (code != DT_PPP_CCP_RESET_REQ && code != DT_PPP_CCP_RESET_ACK)
    return FALSE;
  if (code == DT_PPP_CCP_RESET_REQ)
    {
      if (fsm->state != DT_PPP_FSM_OPENED || ccp->tx == NULL)
        return TRUE;
      /* The peer's decompressor lost sync: empty our history, then say so.  Every packet
       * after the Ack comes from the new history. */
      ccp->stats.resets_received++;
      dt_ppp_deflate_reset_tx (ccp->tx);
      dt_ppp_fsm_send_packet (fsm, DT_PPP_CCP_RESET_ACK, id, NULL, 0);
      return TRUE;
    }
  if (ccp->rx == NULL || !dt_ppp_deflate_rx_failed (ccp->rx) || id != ccp->reset_id)
    {
      ccp->stats.stray_resets++;
      return TRUE;
    }
  dt_ppp_deflate_reset_rx (ccp->rx);
  g_clear_handle_id (&ccp->reset_timer, g_source_remove);
  ccp->resets_unanswered = 0;
  return TRUE;
}

static const DtPppFsmCallbacks ccp_callbacks = {
  .name = "CCP",
  .protocol = DT_PPP_PROTO_CCP,
  .reset_ci = ccp_reset_ci,
  .add_ci = ccp_add_ci,
  .ack_ci = ccp_ack_ci,
  .nak_ci = ccp_nak_ci,
  .req_ci = ccp_req_ci,
  .up = ccp_up,
  .down = ccp_down,
  .finished = ccp_finished,
  .extcode = ccp_extcode,
};

/* Resets */

static void
send_reset_request (DtPppCcp *ccp)
{
  ccp->stats.resets_sent++;
  ccp->resets_unanswered++;
  dt_ppp_fsm_send_packet (&ccp->fsm, DT_PPP_CCP_RESET_REQ, ccp->reset_id, NULL, 0);
}

static gboolean
on_reset_timer (gpointer user_data)
{
  DtPppCcp *ccp = user_data;

  if (ccp->rx == NULL || !dt_ppp_deflate_rx_failed (ccp->rx))
    {
      ccp->reset_timer = 0;
      return G_SOURCE_REMOVE;
    }
  if (ccp->resets_unanswered >= MAX_RESETS)
    {
      /* A peer that never acknowledges will never send us a usable packet again: go on
       * without compression rather than drop every one. */
      ccp->reset_timer = 0;
      dt_ppp_fsm_close (&ccp->fsm, DT_PPP_FSM_REASON_PROTOCOL, "Lost compression sync");
      return G_SOURCE_REMOVE;
    }
  send_reset_request (ccp);
  return G_SOURCE_CONTINUE;
}

/* Public */

void
dt_ppp_ccp_init (DtPppCcp            *ccp,
                 const DtPppCcpOwner *owner,
                 gpointer             owner_data)
{
  g_return_if_fail (ccp != NULL);

  memset (ccp, 0, sizeof *ccp);
  dt_ppp_fsm_init (&ccp->fsm, &ccp_callbacks, ccp);
  ccp->fsm.resend_on_first_request = TRUE;
  ccp->owner = owner;
  ccp->owner_data = owner_data;
  dt_ppp_ccp_configure (ccp, FALSE, DT_PPP_DEFAULT_MRU);
}

void
dt_ppp_ccp_clear (DtPppCcp *ccp)
{
  g_return_if_fail (ccp != NULL);

  g_clear_handle_id (&ccp->reset_timer, g_source_remove);
  g_clear_pointer (&ccp->rx, dt_ppp_deflate_free);
  g_clear_pointer (&ccp->tx, dt_ppp_deflate_free);
  dt_ppp_fsm_clear (&ccp->fsm);
}

void
dt_ppp_ccp_configure (DtPppCcp *ccp,
                      gboolean  enabled,
                      gsize     mru)
{
  g_return_if_fail (ccp != NULL);

  ccp->enabled = enabled;
  ccp->mru = MAX (mru, DT_PPP_DEFAULT_MRU);
  memset (&ccp->want, 0, sizeof ccp->want);
  ccp->want.deflate = TRUE;
  ccp->want.deflate_draft = TRUE;
  ccp->want.window = WANT_WINDOW;
  ccp->go = ccp->want;
}

void
dt_ppp_ccp_input (DtPppCcp     *ccp,
                  const guint8 *packet,
                  gsize         len)
{
  g_return_if_fail (ccp != NULL);

  dt_ppp_fsm_input (&ccp->fsm, packet, len);
}

gboolean
dt_ppp_ccp_compress (DtPppCcp     *ccp,
                     guint16       protocol,
                     const guint8 *info,
                     gsize         len,
                     GByteArray   *out)
{
  g_return_val_if_fail (ccp != NULL, FALSE);

  return ccp->tx != NULL && ccp->fsm.state == DT_PPP_FSM_OPENED &&
         dt_ppp_deflate_compress (ccp->tx, protocol, info, len, out);
}

gboolean
dt_ppp_ccp_decompress (DtPppCcp      *ccp,
                       const guint8  *in,
                       gsize          len,
                       guint16       *protocol,
                       const guint8 **data,
                       gsize         *data_len)
{
  g_return_val_if_fail (ccp != NULL, FALSE);

  if (ccp->rx == NULL)
    return FALSE;
  if (dt_ppp_deflate_decompress (ccp->rx, in, len, protocol, data, data_len) ==
      DT_PPP_DEFLATE_OK)
    return TRUE;
  /* Out of sync: one Reset-Request now, then one a second while the Ack does not come. */
  if (ccp->reset_timer == 0)
    {
      ccp->reset_id = ++ccp->fsm.id;
      ccp->resets_unanswered = 0;
      send_reset_request (ccp);
      ccp->reset_timer = g_timeout_add (MAX (ccp->fsm.restart_ms / 3, 1), on_reset_timer, ccp);
    }
  return FALSE;
}

void
dt_ppp_ccp_received_uncompressed (DtPppCcp     *ccp,
                                  guint16       protocol,
                                  const guint8 *info,
                                  gsize         len)
{
  g_return_if_fail (ccp != NULL);

  if (ccp->rx != NULL)
    dt_ppp_deflate_add_uncompressed (ccp->rx, protocol, info, len);
}

char *
dt_ppp_ccp_describe (DtPppCcp *ccp)
{
  g_autofree char *rx_text = NULL, *tx_text = NULL;
  guint rx, tx;

  g_return_val_if_fail (ccp != NULL, NULL);

  if (ccp->fsm.state != DT_PPP_FSM_OPENED || (ccp->rx == NULL && ccp->tx == NULL))
    return NULL;
  rx = ccp->rx != NULL ? dt_ppp_deflate_get_rx_window (ccp->rx) : 0;
  tx = ccp->tx != NULL ? dt_ppp_deflate_get_tx_window (ccp->tx) : 0;
  if (rx == tx)
    return g_strdup_printf ("Deflate %u", rx);
  /* Receiving, then sending; a dash for a direction that is not compressed. */
  rx_text = rx != 0 ? g_strdup_printf ("%u", rx) : g_strdup ("–");
  tx_text = tx != 0 ? g_strdup_printf ("%u", tx) : g_strdup ("–");
  return g_strdup_printf ("Deflate %s/%s", rx_text, tx_text);
}

void
dt_ppp_ccp_get_deflate_stats (DtPppCcp          *ccp,
                              DtPppDeflateStats *stats)
{
  g_return_if_fail (ccp != NULL && stats != NULL);

  memset (stats, 0, sizeof *stats);
  if (ccp->rx != NULL)
    merge_stats (stats, dt_ppp_deflate_get_stats (ccp->rx));
  if (ccp->tx != NULL)
    merge_stats (stats, dt_ppp_deflate_get_stats (ccp->tx));
}
