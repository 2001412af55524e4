/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RFC 1661 option-negotiation automaton: see dt-ppp-fsm.h.  The heart of this file is
 * the table below, laid out as §4.1 prints it; dispatch() does what a cell says and nothing
 * else.  The rest turns received packets into events (checking lengths and identifiers
 * first) and carries out the send actions. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-fsm.h"
#include "dt-text.h"

#define ILLEGAL 0xff

typedef struct {
  guint16 actions;
  guint8  next;
} Cell;

#define TLU DT_PPP_FSM_TLU
#define TLD DT_PPP_FSM_TLD
#define TLS DT_PPP_FSM_TLS
#define TLF DT_PPP_FSM_TLF
#define IRC DT_PPP_FSM_IRC
#define ZRC DT_PPP_FSM_ZRC
#define SCR DT_PPP_FSM_SCR
#define SCA DT_PPP_FSM_SCA
#define SCN DT_PPP_FSM_SCN
#define STR DT_PPP_FSM_STR
#define STA DT_PPP_FSM_STA
#define SCJ DT_PPP_FSM_SCJ
#define SER DT_PPP_FSM_SER

#define __ { 0, ILLEGAL }
#define GO(state) { 0, state }
#define DO(actions, state) { actions, state }

/* RFC 1661 §4.1.  Columns: Initial, Starting, Closed, Stopped, Closing, Stopping, Req-Sent,
 * Ack-Rcvd, Ack-Sent, Opened.  The footnotes (3p passive, 3r/5r/9r restart, 6x crossed
 * connection) are the plain transitions: we implement neither option. */
static const Cell table[DT_PPP_FSM_N_EVENTS][DT_PPP_FSM_N_STATES] = {
  [DT_PPP_FSM_EV_UP] = {
    GO (2), DO (IRC | SCR, 6), __, __, __, __, __, __, __, __ },
  [DT_PPP_FSM_EV_DOWN] = {
    __, __, GO (0), DO (TLS, 1), GO (0), GO (1), GO (1), GO (1), GO (1), DO (TLD, 1) },
  [DT_PPP_FSM_EV_OPEN] = {
    DO (TLS, 1), GO (1), DO (IRC | SCR, 6), GO (3), GO (5), GO (5), GO (6), GO (7), GO (8),
    GO (9) },
  [DT_PPP_FSM_EV_CLOSE] = {
    GO (0), DO (TLF, 0), GO (2), GO (2), GO (4), GO (4), DO (IRC | STR, 4), DO (IRC | STR, 4),
    DO (IRC | STR, 4), DO (TLD | IRC | STR, 4) },
  [DT_PPP_FSM_EV_TO_PLUS] = {
    __, __, __, __, DO (STR, 4), DO (STR, 5), DO (SCR, 6), DO (SCR, 6), DO (SCR, 8), __ },
  [DT_PPP_FSM_EV_TO_MINUS] = {
    __, __, __, __, DO (TLF, 2), DO (TLF, 3), DO (TLF, 3), DO (TLF, 3), DO (TLF, 3), __ },
  [DT_PPP_FSM_EV_RCR_PLUS] = {
    __, __, DO (STA, 2), DO (IRC | SCR | SCA, 8), GO (4), GO (5), DO (SCA, 8), DO (SCA | TLU, 9),
    DO (SCA, 8), DO (TLD | SCR | SCA, 8) },
  [DT_PPP_FSM_EV_RCR_MINUS] = {
    __, __, DO (STA, 2), DO (IRC | SCR | SCN, 6), GO (4), GO (5), DO (SCN, 6), DO (SCN, 7),
    DO (SCN, 6), DO (TLD | SCR | SCN, 6) },
  [DT_PPP_FSM_EV_RCA] = {
    __, __, DO (STA, 2), DO (STA, 3), GO (4), GO (5), DO (IRC, 7), DO (SCR, 6),
    DO (IRC | TLU, 9), DO (TLD | SCR, 6) },
  [DT_PPP_FSM_EV_RCN] = {
    __, __, DO (STA, 2), DO (STA, 3), GO (4), GO (5), DO (IRC | SCR, 6), DO (SCR, 6),
    DO (IRC | SCR, 8), DO (TLD | SCR, 6) },
  [DT_PPP_FSM_EV_RTR] = {
    __, __, DO (STA, 2), DO (STA, 3), DO (STA, 4), DO (STA, 5), DO (STA, 6), DO (STA, 6),
    DO (STA, 6), DO (TLD | ZRC | STA, 5) },
  [DT_PPP_FSM_EV_RTA] = {
    __, __, GO (2), GO (3), DO (TLF, 2), DO (TLF, 3), GO (6), GO (6), GO (8), DO (TLD | SCR, 6) },
  [DT_PPP_FSM_EV_RUC] = {
    __, __, DO (SCJ, 2), DO (SCJ, 3), DO (SCJ, 4), DO (SCJ, 5), DO (SCJ, 6), DO (SCJ, 7),
    DO (SCJ, 8), DO (SCJ, 9) },
  [DT_PPP_FSM_EV_RXJ_PLUS] = {
    __, __, GO (2), GO (3), GO (4), GO (5), GO (6), GO (6), GO (8), GO (9) },
  [DT_PPP_FSM_EV_RXJ_MINUS] = {
    __, __, DO (TLF, 2), DO (TLF, 3), DO (TLF, 2), DO (TLF, 3), DO (TLF, 3), DO (TLF, 3),
    DO (TLF, 3), DO (TLD | IRC | STR, 5) },
  [DT_PPP_FSM_EV_RXR] = {
    __, __, GO (2), GO (3), GO (4), GO (5), GO (6), GO (7), GO (8), DO (SER, 9) },
};

static const char *state_names[] = {
  "Initial", "Starting", "Closed", "Stopped", "Closing", "Stopping", "Req-Sent", "Ack-Rcvd",
  "Ack-Sent", "Opened",
};

static const char *event_names[] = {
  "Up", "Down", "Open", "Close", "TO+", "TO-", "RCR+", "RCR-", "RCA", "RCN", "RTR", "RTA",
  "RUC", "RXJ+", "RXJ-", "RXR",
};

const char *
dt_ppp_fsm_state_name (DtPppFsmState state)
{
  g_return_val_if_fail (state < DT_PPP_FSM_N_STATES, "?");
  return state_names[state];
}

const char *
dt_ppp_fsm_event_name (DtPppFsmEvent event)
{
  g_return_val_if_fail (event < DT_PPP_FSM_N_EVENTS, "?");
  return event_names[event];
}

/* Options */

static gboolean
options_well_formed (const guint8 *opts,
                     gsize         len)
{
  while (len > 0)
    {
      if (len < 2 || opts[1] < 2 || opts[1] > len)
        return FALSE;
      len -= opts[1];
      opts += opts[1];
    }
  return TRUE;
}

void
dt_ppp_opt_iter_init (DtPppOptIter *iter,
                      const guint8 *opts,
                      gsize         len)
{
  iter->p = opts;
  iter->left = len;
}

/* The next option, whole (type and length included), in @iter's type, opt and len.  Stops,
 * rather than reading past the end, at an option that does not fit, though the automaton has
 * already dropped packets with one. */
gboolean
dt_ppp_opt_iter_next (DtPppOptIter *iter)
{
  if (iter->left < 2 || iter->p[1] < 2 || iter->p[1] > iter->left)
    return FALSE;
  iter->type = iter->p[0];
  iter->opt = iter->p;
  iter->len = iter->p[1];
  iter->p += iter->p[1];
  iter->left -= iter->len;
  return TRUE;
}

void
dt_ppp_opts_judge (const guint8      *opts,
                   gsize              len,
                   gboolean           last_chance,
                   DtPppOptJudgeFunc  judge,
                   gpointer           data,
                   GByteArray        *naks,
                   GByteArray        *rejs)
{
  g_autoptr (GByteArray) one = g_byte_array_new ();
  DtPppOptIter it;

  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it))
    {
      guint8 verdict;

      g_byte_array_set_size (one, 0);
      verdict = judge (data, it.type, it.opt, it.len, last_chance, one);
      if (verdict == DT_PPP_CONF_NAK && !last_chance)
        g_byte_array_append (naks, one->data, one->len);
      else if (verdict != DT_PPP_CONF_ACK)
        g_byte_array_append (rejs, it.opt, it.len);
    }
}

guint8
dt_ppp_opts_reply (GByteArray *naks,
                   GByteArray *rejs,
                   GByteArray *reply)
{
  if (rejs->len > 0)
    {
      g_byte_array_append (reply, rejs->data, rejs->len);
      return DT_PPP_CONF_REJ;
    }
  if (naks->len > 0)
    {
      g_byte_array_append (reply, naks->data, naks->len);
      return DT_PPP_CONF_NAK;
    }
  return DT_PPP_CONF_ACK;
}

guint8
dt_ppp_opts_judge_request (const guint8      *opts,
                           gsize              len,
                           gboolean           last_chance,
                           DtPppOptJudgeFunc  judge,
                           gpointer           data,
                           GByteArray        *reply)
{
  g_autoptr (GByteArray) naks = g_byte_array_new ();
  g_autoptr (GByteArray) rejs = g_byte_array_new ();

  dt_ppp_opts_judge (opts, len, last_chance, judge, data, naks, rejs);
  return dt_ppp_opts_reply (naks, rejs, reply);
}

gboolean
dt_ppp_opts_take_nak (const guint8     *opts,
                      gsize             len,
                      gboolean          rej,
                      gpointer          go,
                      gsize             size,
                      DtPppOptFlagFunc  flag,
                      DtPppOptNakFunc   nak,
                      gpointer          data)
{
  g_autofree gpointer try = g_memdup2 (go, size);
  DtPppOptIter it;

  dt_ppp_opt_iter_init (&it, opts, len);
  while (dt_ppp_opt_iter_next (&it))
    {
      gboolean *neg = flag (try, it.type);

      /* A Reject may only list what we asked for; a Nak may hint at more, not ours to take
       * (pppd with ipcp-no-address suggests an address after rejecting ours, and asking
       * again would go round for ever). */
      if (neg == NULL || !*neg)
        {
          if (rej)
            return FALSE;
          continue;
        }
      if (rej)
        *neg = FALSE;
      else if (!nak (data, try, it.type, it.opt, it.len))
        return FALSE;
    }
  memcpy (go, try, size);
  return TRUE;
}

/* Setup */

void
dt_ppp_fsm_init (DtPppFsm                *fsm,
                 const DtPppFsmCallbacks *cb,
                 gpointer                 protocol_data)
{
  g_return_if_fail (fsm != NULL);
  g_return_if_fail (cb != NULL);

  memset (fsm, 0, sizeof *fsm);
  fsm->cb = cb;
  fsm->protocol_data = protocol_data;
  fsm->state = DT_PPP_FSM_INITIAL;
  fsm->reply = g_byte_array_new ();
  fsm->peer_mru = DT_PPP_DEFAULT_MRU;
  dt_ppp_fsm_set_limits (fsm, 3000, 10, 2, 5);
}

/* Stops the timer and frees what the automaton holds.  It does not run any action. */
void
dt_ppp_fsm_clear (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  g_clear_handle_id (&fsm->timer_id, g_source_remove);
  g_clear_pointer (&fsm->reply, g_byte_array_unref);
  g_clear_pointer (&fsm->term_reason, g_free);
  g_clear_pointer (&fsm->peer_term_reason, g_free);
}

void
dt_ppp_fsm_set_send_func (DtPppFsm         *fsm,
                          DtPppFsmSendFunc  func,
                          gpointer          user_data)
{
  g_return_if_fail (fsm != NULL);

  fsm->send = func;
  fsm->send_data = user_data;
}

/* The restart timer and the counters of RFC 1661 §4.6.  A peer may send Max-Configure
 * times as many requests as we do before we stop listening, plus Max-Failure for the
 * ones we Nak; and Nak us Max-Configure times. */
void
dt_ppp_fsm_set_limits (DtPppFsm *fsm,
                       guint     restart_ms,
                       guint     max_configure,
                       guint     max_terminate,
                       guint     max_failure)
{
  g_return_if_fail (fsm != NULL);
  g_return_if_fail (restart_ms > 0 && max_configure > 0 && max_terminate > 0);

  fsm->restart_ms = restart_ms;
  fsm->max_configure = max_configure;
  fsm->max_terminate = max_terminate;
  fsm->max_failure = max_failure;
  fsm->max_requests = 2 * max_configure + max_failure;
  fsm->max_naks = max_configure;
}

/* Sending */

void
dt_ppp_fsm_send_packet (DtPppFsm     *fsm,
                        guint8        code,
                        guint8        id,
                        const guint8 *data,
                        gsize         len)
{
  g_autoptr (GByteArray) packet = g_byte_array_sized_new (DT_PPP_HEADER_LEN + len);
  guint8 header[DT_PPP_HEADER_LEN] = { code, id };

  g_return_if_fail (fsm != NULL);

  /* Nothing we send is longer than the peer can take: Code-Rejects and Echo-Replies quote
   * received packets, and are cut to fit. */
  len = MIN (len, MAX (fsm->peer_mru, DT_PPP_HEADER_LEN) - DT_PPP_HEADER_LEN);
  dt_ppp_put16 (header + 2, DT_PPP_HEADER_LEN + len);
  g_byte_array_append (packet, header, sizeof header);
  if (len > 0)
    g_byte_array_append (packet, data, len);
  if (fsm->send != NULL)
    fsm->send (fsm, packet->data, packet->len, fsm->send_data);
}

static gboolean
is_negotiating (DtPppFsmState state)
{
  return state == DT_PPP_FSM_REQ_SENT || state == DT_PPP_FSM_ACK_RCVD ||
         state == DT_PPP_FSM_ACK_SENT;
}

static gboolean
timer_runs_in (DtPppFsmState state)
{
  return state >= DT_PPP_FSM_CLOSING && state <= DT_PPP_FSM_ACK_SENT;
}

static void
send_configure_request (DtPppFsm *fsm)
{
  g_autoptr (GByteArray) opts = g_byte_array_new ();

  /* A retransmission keeps its identifier; a new request, or one after a reply, does not
   * (RFC 1661 §5.1).  Starting afresh, the options go back to what we want. */
  if (!fsm->retransmit)
    {
      if (!is_negotiating (fsm->state) && fsm->cb->reset_ci != NULL)
        fsm->cb->reset_ci (fsm);
      fsm->reqid = ++fsm->id;
    }
  if (fsm->cb->add_ci != NULL)
    fsm->cb->add_ci (fsm, opts);
  /* Karn: a reply to an identifier sent more than once says nothing of the round trip. */
  fsm->rtt_ambiguous = fsm->retransmit;
  fsm->request_sent_us = g_get_monotonic_time ();
  dt_ppp_fsm_send_packet (fsm, DT_PPP_CONF_REQ, fsm->reqid, opts->data, opts->len);
  fsm->restart_count--;
}

static void
send_terminate_request (DtPppFsm *fsm)
{
  const char *text = fsm->term_reason != NULL ? fsm->term_reason : "";

  dt_ppp_fsm_send_packet (fsm, DT_PPP_TERM_REQ, ++fsm->id, (const guint8 *) text,
                          strlen (text));
  fsm->restart_count--;
}

static void
send_echo_reply (DtPppFsm *fsm)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  const guint8 *body = fsm->rx_packet + DT_PPP_HEADER_LEN;
  gsize body_len = fsm->rx_len - DT_PPP_HEADER_LEN;

  if (fsm->rx_code != DT_PPP_ECHO_REQ)
    {
      /* Echo-Reply and Discard-Request: nothing to send, but LCP keeps count. */
      if (fsm->cb->rxr != NULL)
        fsm->cb->rxr (fsm, fsm->rx_code, fsm->rx_id, body, body_len);
      return;
    }
  dt_ppp_append32 (data, fsm->cb->magic != NULL ? fsm->cb->magic (fsm) : 0);
  g_byte_array_append (data, body + 4, body_len - 4);
  dt_ppp_fsm_send_packet (fsm, DT_PPP_ECHO_REP, fsm->rx_id, data->data, data->len);
}

static void
on_timer (gpointer user_data)
{
  DtPppFsm *fsm = user_data;

  fsm->timer_id = 0;
  dt_ppp_fsm_timeout (fsm);
}

static void
restart_timer (DtPppFsm *fsm)
{
  g_clear_handle_id (&fsm->timer_id, g_source_remove);
  fsm->timer_id = g_timeout_add_once (fsm->restart_ms, on_timer, fsm);
}

/* One event: exactly what its cell in the table says.  tld runs first, while the layer is
 * still in its old state; the sends follow in the table's order; then the new state; then
 * tlu, tls or tlf, which may start new events of their own on a consistent automaton. */
static void
dispatch (DtPppFsm      *fsm,
          DtPppFsmEvent  event)
{
  const Cell *cell = &table[event][fsm->state];
  guint actions = cell->actions;

  if (cell->next == ILLEGAL)
    {
      fsm->stats.illegal++;
      g_debug ("%s: illegal event %s in state %s", fsm->cb->name, event_names[event],
               state_names[fsm->state]);
      return;
    }

  g_debug ("%s: %s in %s -> %s", fsm->cb->name, event_names[event], state_names[fsm->state],
           state_names[cell->next]);

  if ((actions & TLD) && fsm->cb->down != NULL)
    fsm->cb->down (fsm);
  if (actions & IRC)
    fsm->restart_count = (actions & STR) ? fsm->max_terminate : fsm->max_configure;
  if (actions & ZRC)
    fsm->restart_count = 0;
  if (actions & SCR)
    send_configure_request (fsm);
  if (actions & SCA)
    dt_ppp_fsm_send_packet (fsm, DT_PPP_CONF_ACK, fsm->rx_id,
                            fsm->rx_packet + DT_PPP_HEADER_LEN,
                            fsm->rx_len - DT_PPP_HEADER_LEN);
  if (actions & SCN)
    dt_ppp_fsm_send_packet (fsm, fsm->reply_code, fsm->rx_id, fsm->reply->data,
                            fsm->reply->len);
  if (actions & STR)
    send_terminate_request (fsm);
  if (actions & STA)
    dt_ppp_fsm_send_packet (fsm, DT_PPP_TERM_ACK,
                            fsm->rx_packet != NULL ? fsm->rx_id : ++fsm->id, NULL, 0);
  if (actions & SCJ)
    dt_ppp_fsm_send_packet (fsm, DT_PPP_CODE_REJ, ++fsm->id, fsm->rx_packet, fsm->rx_len);
  if (actions & SER)
    send_echo_reply (fsm);

  fsm->state = cell->next;

  /* The timer runs in Closing, Stopping and the three negotiating states, restarted by each
   * request sent and by zrc (which must still wait a period, §4.4). */
  if (actions & (SCR | STR | ZRC))
    restart_timer (fsm);
  else if (!timer_runs_in (fsm->state))
    g_clear_handle_id (&fsm->timer_id, g_source_remove);

  if (fsm->state == DT_PPP_FSM_OPENED && (actions & TLU))
    {
      fsm->requests_seen = 0;
      fsm->naks_seen = 0;
      fsm->heard_reply = FALSE;
      fsm->nak_loops = 0;
      fsm->reason = DT_PPP_FSM_REASON_NONE;
    }

  if ((actions & TLU) && fsm->cb->up != NULL)
    fsm->cb->up (fsm);
  if ((actions & TLS) && fsm->cb->started != NULL)
    fsm->cb->started (fsm);
  if ((actions & TLF) && fsm->cb->finished != NULL)
    fsm->cb->finished (fsm);
}

/* Administrative and lower-layer events */

static void
note_reason (DtPppFsm       *fsm,
             DtPppFsmReason  reason)
{
  if (fsm->reason == DT_PPP_FSM_REASON_NONE)
    fsm->reason = reason;
}

static void
local_event (DtPppFsm      *fsm,
             DtPppFsmEvent  event)
{
  fsm->rx_packet = NULL;
  fsm->rx_len = 0;
  fsm->retransmit = event == DT_PPP_FSM_EV_TO_PLUS;
  dispatch (fsm, event);
  fsm->retransmit = FALSE;
}

void
dt_ppp_fsm_up (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  fsm->requests_seen = fsm->naks_seen = fsm->nak_loops = 0;
  fsm->heard_reply = FALSE;
  local_event (fsm, DT_PPP_FSM_EV_UP);
}

void
dt_ppp_fsm_down (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  local_event (fsm, DT_PPP_FSM_EV_DOWN);
}

void
dt_ppp_fsm_open (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  fsm->reason = DT_PPP_FSM_REASON_NONE;
  g_clear_pointer (&fsm->term_reason, g_free);
  g_clear_pointer (&fsm->peer_term_reason, g_free);
  local_event (fsm, DT_PPP_FSM_EV_OPEN);
}

/* Close, saying why: @text goes in the Terminate-Request for the peer's log. */
void
dt_ppp_fsm_close (DtPppFsm       *fsm,
                  DtPppFsmReason  reason,
                  const char     *text)
{
  g_return_if_fail (fsm != NULL);

  note_reason (fsm, reason);
  if (text != NULL && fsm->term_reason == NULL)
    fsm->term_reason = g_strdup (text);
  local_event (fsm, DT_PPP_FSM_EV_CLOSE);
}

/* The restart timer expired (the GLib timeout calls this; tests may too). */
void
dt_ppp_fsm_timeout (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  g_clear_handle_id (&fsm->timer_id, g_source_remove);
  if (fsm->restart_count > 0)
    {
      local_event (fsm, DT_PPP_FSM_EV_TO_PLUS);
      return;
    }
  if (is_negotiating (fsm->state))
    note_reason (fsm, DT_PPP_FSM_REASON_TIMEOUT);
  local_event (fsm, DT_PPP_FSM_EV_TO_MINUS);
}

/* What the restart timer does once the counter has run out (TO-), at once: for a peer that
 * is known to be gone, whose Terminate-Ack will never come.  Only in Closing and Stopping,
 * where TO- is This-Layer-Finished. */
void
dt_ppp_fsm_give_up (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  if (fsm->state != DT_PPP_FSM_CLOSING && fsm->state != DT_PPP_FSM_STOPPING)
    return;
  g_clear_handle_id (&fsm->timer_id, g_source_remove);
  fsm->restart_count = 0;
  local_event (fsm, DT_PPP_FSM_EV_TO_MINUS);
}

/* The peer sent LCP Protocol-Reject for this protocol: RXJ-, it cannot go on. */
void
dt_ppp_fsm_protocol_rejected (DtPppFsm *fsm)
{
  g_return_if_fail (fsm != NULL);

  note_reason (fsm, DT_PPP_FSM_REASON_REJECTED);
  local_event (fsm, DT_PPP_FSM_EV_RXJ_MINUS);
}

gboolean
dt_ppp_fsm_timer_pending (DtPppFsm *fsm)
{
  g_return_val_if_fail (fsm != NULL, FALSE);

  return fsm->timer_id != 0;
}

/* The request held what add_ci writes: write it again and compare. */
gboolean
dt_ppp_fsm_ack_repeats_request (DtPppFsm     *fsm,
                                const guint8 *opts,
                                gsize         len)
{
  g_autoptr (GByteArray) sent = g_byte_array_new ();

  g_return_val_if_fail (fsm != NULL && fsm->cb->add_ci != NULL, FALSE);

  fsm->cb->add_ci (fsm, sent);
  return sent->len == len && memcmp (sent->data, opts, len) == 0;
}

/* Received packets */

static gboolean
answers_our_request (DtPppFsm *fsm)
{
  if (fsm->rx_id == fsm->reqid)
    return TRUE;
  fsm->stats.bad_id++;
  g_debug ("%s: reply id 0x%x does not match request id 0x%x", fsm->cb->name, fsm->rx_id,
           fsm->reqid);
  return FALSE;
}

/* The dial's first exchange, at the protocol's floor.  Our first Configure-Request goes out
 * the moment the layer is up; a server that starts its PPP only after the modem's CONNECT
 * (pppd does, and flushes its line as it starts) never sees it, and RFC 1661 alone would
 * wait a whole restart period before sending it again.  The peer's own first request is
 * the news that it listens now: if it arrives while we are still in Req-Sent without a
 * reply to anything we sent, and our request has been out longer than two round trips (or
 * we know no round trip yet, as at the start of LCP), ours goes again at once, before our
 * answer to the peer's.  No timer, no guess at a delay.  The round trip (the last reply to
 * a request sent once; IPCP and CCP start from LCP's) keeps the ordinary crossing of two
 * requests, as when both sides open IPCP at the end of authentication, from costing the
 * line a duplicate: a reply may still be on its way, behind whatever the peer sent first
 * (hence two).
 *
 * Why this never restarts a negotiation the peer has already finished, from §4.1's table:
 * a peer in Opened that receives a Configure-Request goes down (tld) and starts over, so a
 * retransmission must never reach a peer in Opened.  A peer reaches Opened only through
 * RCA in Ack-Sent or RCR+ in Ack-Rcvd, and both need a Configure-Ack from us (its own
 * request acknowledged).  In Req-Sent, at the peer's first request of this negotiation, we
 * have acknowledged nothing of it yet, and the retransmission leaves before our answer on
 * the same ordered line: the peer receives it in Req-Sent or Ack-Sent, where RCR+ is only
 * sca (and in Stopped, where it opens the exchange, which is the point).
 *
 * The retransmission takes a new identifier (§5.1 allows it: an Identifier MAY, not MUST,
 * stay the same on retransmission).  A peer that did receive the first request answers
 * both; the answer to the first then no longer matches our last request and is discarded
 * (§5.2), so that a second Configure-Ack can never reach us in Opened, where the table
 * would restart (tld, scr).  Once per negotiation: a second request of the peer's finds us
 * in Ack-Sent or with its reply heard, and the restart timer covers a retransmission that
 * is itself lost. */
static void
resend_unheard_request (DtPppFsm *fsm)
{
  if (!fsm->resend_on_first_request || fsm->state != DT_PPP_FSM_REQ_SENT ||
      fsm->requests_seen != 1 || fsm->heard_reply)
    return;
  if (fsm->rtt_us > 0 && g_get_monotonic_time () - fsm->request_sent_us <= 2 * fsm->rtt_us)
    return;
  send_configure_request (fsm);
  restart_timer (fsm);
}

static void
receive_configure_request (DtPppFsm     *fsm,
                           const guint8 *opts,
                           gsize         len)
{
  gboolean reject_if_disagree;

  fsm->stats.requests_in++;
  if (fsm->state == DT_PPP_FSM_CLOSED || fsm->state == DT_PPP_FSM_CLOSING ||
      fsm->state == DT_PPP_FSM_STOPPING)
    {
      dispatch (fsm, DT_PPP_FSM_EV_RCR_PLUS);   /* same cell for RCR+ and RCR- here */
      return;
    }

  /* A peer that never agrees gets cut off, not answered forever. */
  if (fsm->state != DT_PPP_FSM_OPENED && ++fsm->requests_seen > fsm->max_requests)
    {
      dt_ppp_fsm_close (fsm, DT_PPP_FSM_REASON_NOT_CONVERGED,
                        "Too many Configure-Requests");
      return;
    }

  resend_unheard_request (fsm);
  reject_if_disagree = fsm->nak_loops >= fsm->max_failure;
  g_byte_array_set_size (fsm->reply, 0);
  fsm->reply_code = fsm->cb->req_ci (fsm, opts, len, reject_if_disagree, fsm->reply);
  switch (fsm->reply_code)
    {
    case DT_PPP_CONF_ACK:
      fsm->nak_loops = 0;
      dispatch (fsm, DT_PPP_FSM_EV_RCR_PLUS);
      break;
    case DT_PPP_CONF_NAK:
      fsm->nak_loops++;
      dispatch (fsm, DT_PPP_FSM_EV_RCR_MINUS);
      break;
    case DT_PPP_CONF_REJ:
      dispatch (fsm, DT_PPP_FSM_EV_RCR_MINUS);
      break;
    default:
      fsm->stats.malformed++;
      return;
    }

}

static void
receive_configure_reply (DtPppFsm     *fsm,
                         guint8        code,
                         const guint8 *opts,
                         gsize         len)
{
  /* Closed, Stopped, Closing, Stopping: no request outstanding; the table says what to do
   * whatever the packet holds. */
  if (fsm->state < DT_PPP_FSM_REQ_SENT)
    {
      dispatch (fsm, code == DT_PPP_CONF_ACK ? DT_PPP_FSM_EV_RCA : DT_PPP_FSM_EV_RCN);
      return;
    }
  if (!answers_our_request (fsm))
    return;
  fsm->heard_reply = TRUE;
  if (!fsm->rtt_ambiguous)
    fsm->rtt_us = MAX (g_get_monotonic_time () - fsm->request_sent_us, 1);

  if (code == DT_PPP_CONF_ACK)
    {
      if (fsm->cb->ack_ci != NULL && !fsm->cb->ack_ci (fsm, opts, len))
        {
          fsm->stats.malformed++;
          g_debug ("%s: Configure-Ack does not match our request", fsm->cb->name);
          return;
        }
      dispatch (fsm, DT_PPP_FSM_EV_RCA);
      return;
    }

  fsm->stats.naks_in++;
  if (fsm->cb->nak_ci != NULL && !fsm->cb->nak_ci (fsm, opts, len, code == DT_PPP_CONF_REJ))
    {
      fsm->stats.malformed++;
      return;
    }
  if (fsm->state != DT_PPP_FSM_OPENED && ++fsm->naks_seen > fsm->max_naks)
    {
      dt_ppp_fsm_close (fsm, DT_PPP_FSM_REASON_NOT_CONVERGED,
                        "Configuration did not converge");
      return;
    }
  dispatch (fsm, DT_PPP_FSM_EV_RCN);
}

static void
receive_terminate_request (DtPppFsm     *fsm,
                           const guint8 *data,
                           gsize         len)
{
  if (fsm->state != DT_PPP_FSM_CLOSED && fsm->state != DT_PPP_FSM_STOPPED &&
      fsm->state != DT_PPP_FSM_CLOSING && fsm->state != DT_PPP_FSM_STOPPING)
    note_reason (fsm, DT_PPP_FSM_REASON_PEER_TERMINATED);
  if (len > 0 && fsm->peer_term_reason == NULL)
    fsm->peer_term_reason = dt_text_sanitize ((const char *) data, len, 128);
  dispatch (fsm, DT_PPP_FSM_EV_RTR);
}

/* RXJ+ or RXJ- (RFC 1661 §4.1): a catastrophic reject ends the automaton. */
static void
receive_reject (DtPppFsm *fsm,
                gboolean  catastrophic)
{
  if (catastrophic)
    note_reason (fsm, DT_PPP_FSM_REASON_REJECTED);
  dispatch (fsm, catastrophic ? DT_PPP_FSM_EV_RXJ_MINUS : DT_PPP_FSM_EV_RXJ_PLUS);
}

/* @data is a Code-Reject's rejected packet, at least one byte. */
static void
receive_code_reject (DtPppFsm     *fsm,
                     const guint8 *data)
{
  guint8 code = data[0];
  /* Without the codes of the automaton itself, the peer cannot negotiate with us. */
  gboolean catastrophic = code >= DT_PPP_CONF_REQ && code <= DT_PPP_CODE_REJ;

  if (!catastrophic && fsm->cb->code_rej != NULL)
    fsm->cb->code_rej (fsm, code);
  receive_reject (fsm, catastrophic);
}

/* @data is a Protocol-Reject's rejected protocol and packet, at least two bytes. */
static void
receive_protocol_reject (DtPppFsm     *fsm,
                         const guint8 *data)
{
  receive_reject (fsm, fsm->cb->prot_rej != NULL && fsm->cb->prot_rej (fsm, dt_ppp_get16 (data)));
}

/* The length below which a packet of @code is malformed: a Code-Reject's rejected code, a
 * Protocol-Reject's protocol, the magic number of an Echo or Discard (RFC 1661 §5.8). */
static gsize
min_length (DtPppFsm *fsm,
            guint8    code)
{
  if (code == DT_PPP_CODE_REJ)
    return 1;
  if (!fsm->cb->lcp_codes)
    return 0;
  if (code == DT_PPP_PROT_REJ)
    return 2;
  if (code == DT_PPP_ECHO_REQ || code == DT_PPP_ECHO_REP || code == DT_PPP_DISC_REQ)
    return 4;
  return 0;
}

static void
handle_packet (DtPppFsm     *fsm,
               guint8        code,
               const guint8 *data,
               gsize         len)
{
  if (len < min_length (fsm, code))
    {
      fsm->stats.malformed++;
      return;
    }
  switch (code)
    {
    case DT_PPP_CONF_REQ:
    case DT_PPP_CONF_ACK:
    case DT_PPP_CONF_NAK:
    case DT_PPP_CONF_REJ:
      if (!options_well_formed (data, len))
        {
          fsm->stats.malformed++;
          g_debug ("%s: options overrun their packet; dropped", fsm->cb->name);
          return;
        }
      if (code == DT_PPP_CONF_REQ)
        receive_configure_request (fsm, data, len);
      else
        receive_configure_reply (fsm, code, data, len);
      return;
    case DT_PPP_TERM_REQ:
      receive_terminate_request (fsm, data, len);
      return;
    case DT_PPP_TERM_ACK:
      dispatch (fsm, DT_PPP_FSM_EV_RTA);
      return;
    case DT_PPP_CODE_REJ:
      receive_code_reject (fsm, data);
      return;
    default:
      break;
    }

  if (fsm->cb->lcp_codes)
    switch (code)
      {
      case DT_PPP_PROT_REJ:
        receive_protocol_reject (fsm, data);
        return;
      case DT_PPP_ECHO_REQ:
      case DT_PPP_ECHO_REP:
      case DT_PPP_DISC_REQ:
        dispatch (fsm, DT_PPP_FSM_EV_RXR);
        return;
      default:
        break;
      }

  if (fsm->cb->extcode != NULL && fsm->cb->extcode (fsm, code, fsm->rx_id, data, len))
    return;
  dispatch (fsm, DT_PPP_FSM_EV_RUC);
}

/* One control-protocol packet: the information field of a frame of this protocol.  Bytes
 * past the packet's own length are padding (RFC 1661 §5). */
void
dt_ppp_fsm_input (DtPppFsm     *fsm,
                  const guint8 *packet,
                  gsize         len)
{
  gsize plen;

  g_return_if_fail (fsm != NULL);
  g_return_if_fail (packet != NULL || len == 0);

  if (len < DT_PPP_HEADER_LEN)
    {
      fsm->stats.malformed++;
      return;
    }
  plen = dt_ppp_get16 (packet + 2);
  if (plen < DT_PPP_HEADER_LEN || plen > len)
    {
      fsm->stats.malformed++;
      g_debug ("%s: packet length %zu does not fit the %zu received", fsm->cb->name, plen,
               len);
      return;
    }
  if (fsm->state == DT_PPP_FSM_INITIAL || fsm->state == DT_PPP_FSM_STARTING)
    {
      /* The lower layer is not up: nothing can arrive (§4.2). */
      fsm->stats.illegal++;
      return;
    }

  fsm->rx_code = packet[0];
  fsm->rx_id = packet[1];
  fsm->rx_packet = packet;
  fsm->rx_len = plen;
  fsm->retransmit = FALSE;
  handle_packet (fsm, packet[0], packet + DT_PPP_HEADER_LEN, plen - DT_PPP_HEADER_LEN);
  fsm->rx_packet = NULL;
  fsm->rx_len = 0;
}
