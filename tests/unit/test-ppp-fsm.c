/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The RFC 1661 automaton against the RFC's own state transition table.  The table below is
 * §4.1 as printed; the test parses it, reaches every state by real events, applies every
 * event, and checks the new state and every action by what a peer would see (the packets
 * sent), what the layer above sees (tlu, tld, tls, tlf) and the restart counter (irc, zrc).
 * Then the parts the table leaves to the implementation: the restart timer on a real main
 * loop, Max-Configure, Max-Terminate, Max-Failure, and peers that lie or never stop. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-fsm.h"

static const char rfc1661_table_a[] =
  "      | State\n"
  "      |    0         1         2         3         4         5\n"
  "Events| Initial   Starting  Closed    Stopped   Closing   Stopping\n"
  "------+-----------------------------------------------------------\n"
  " Up   |    2     irc,scr/6     -         -         -         -\n"
  " Down |    -         -         0       tls/1       0         1\n"
  " Open |  tls/1       1     irc,scr/6     3r        5r        5r\n"
  " Close|    0       tlf/0       2         2         4         4\n"
  "      |\n"
  "  TO+ |    -         -         -         -       str/4     str/5\n"
  "  TO- |    -         -         -         -       tlf/2     tlf/3\n"
  "      |\n"
  " RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5\n"
  " RCR- |    -         -       sta/2 irc,scr,scn/6   4         5\n"
  " RCA  |    -         -       sta/2     sta/3       4         5\n"
  " RCN  |    -         -       sta/2     sta/3       4         5\n"
  "      |\n"
  " RTR  |    -         -       sta/2     sta/3     sta/4     sta/5\n"
  " RTA  |    -         -         2         3       tlf/2     tlf/3\n"
  "      |\n"
  " RUC  |    -         -       scj/2     scj/3     scj/4     scj/5\n"
  " RXJ+ |    -         -         2         3         4         5\n"
  " RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3\n"
  "      |\n"
  " RXR  |    -         -         2         3         4         5\n";

static const char rfc1661_table_b[] =
  "      | State\n"
  "      |    6         7         8           9\n"
  "Events| Req-Sent  Ack-Rcvd  Ack-Sent    Opened\n"
  "------+-----------------------------------------\n"
  " Up   |    -         -         -           -\n"
  " Down |    1         1         1         tld/1\n"
  " Open |    6         7         8           9r\n"
  " Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4\n"
  "      |\n"
  "  TO+ |  scr/6     scr/6     scr/8         -\n"
  "  TO- |  tlf/3p    tlf/3p    tlf/3p        -\n"
  "      |\n"
  " RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8\n"
  " RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6\n"
  " RCA  |  irc/7     scr/6x  irc,tlu/9   tld,scr/6x\n"
  " RCN  |irc,scr/6   scr/6x  irc,scr/8   tld,scr/6x\n"
  "      |\n"
  " RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5\n"
  " RTA  |    6         6         8       tld,scr/6\n"
  "      |\n"
  " RUC  |  scj/6     scj/7     scj/8       scj/9\n"
  " RXJ+ |    6         6         8           9\n"
  " RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5\n"
  "      |\n"
  " RXR  |    6         7         8         ser/9\n";

typedef struct {
  gboolean legal;
  guint    actions;
  int      next;
} Expected;

static Expected expected[DT_PPP_FSM_N_EVENTS][DT_PPP_FSM_N_STATES];

static const struct {
  const char *label;
  DtPppFsmEvent event;
} row_labels[] = {
  { "Up", DT_PPP_FSM_EV_UP }, { "Down", DT_PPP_FSM_EV_DOWN }, { "Open", DT_PPP_FSM_EV_OPEN },
  { "Close", DT_PPP_FSM_EV_CLOSE }, { "TO+", DT_PPP_FSM_EV_TO_PLUS },
  { "TO-", DT_PPP_FSM_EV_TO_MINUS }, { "RCR+", DT_PPP_FSM_EV_RCR_PLUS },
  { "RCR-", DT_PPP_FSM_EV_RCR_MINUS }, { "RCA", DT_PPP_FSM_EV_RCA },
  { "RCN", DT_PPP_FSM_EV_RCN }, { "RTR", DT_PPP_FSM_EV_RTR }, { "RTA", DT_PPP_FSM_EV_RTA },
  { "RUC", DT_PPP_FSM_EV_RUC }, { "RXJ+", DT_PPP_FSM_EV_RXJ_PLUS },
  { "RXJ-", DT_PPP_FSM_EV_RXJ_MINUS }, { "RXR", DT_PPP_FSM_EV_RXR },
};

static const struct {
  const char *name;
  guint action;
} action_names[] = {
  { "tlu", DT_PPP_FSM_TLU }, { "tld", DT_PPP_FSM_TLD }, { "tls", DT_PPP_FSM_TLS },
  { "tlf", DT_PPP_FSM_TLF }, { "irc", DT_PPP_FSM_IRC }, { "zrc", DT_PPP_FSM_ZRC },
  { "scr", DT_PPP_FSM_SCR }, { "sca", DT_PPP_FSM_SCA }, { "scn", DT_PPP_FSM_SCN },
  { "str", DT_PPP_FSM_STR }, { "sta", DT_PPP_FSM_STA }, { "scj", DT_PPP_FSM_SCJ },
  { "ser", DT_PPP_FSM_SER },
};

static void
parse_cell (const char *cell,
            Expected   *out)
{
  g_auto (GStrv) parts = NULL;
  const char *slash = strrchr (cell, '/');
  const char *state = slash != NULL ? slash + 1 : cell;

  if (strcmp (cell, "-") == 0)
    {
      out->legal = FALSE;
      return;
    }
  out->legal = TRUE;
  out->actions = 0;
  /* A footnote letter (p, r, x) after the state does not change the transition. */
  g_assert_true (g_ascii_isdigit (state[0]));
  out->next = state[0] - '0';
  if (slash == NULL)
    return;
  {
    g_autofree char *list = g_strndup (cell, slash - cell);

    parts = g_strsplit (list, ",", -1);
  }
  for (int i = 0; parts[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (gsize a = 0; a < G_N_ELEMENTS (action_names); a++)
        if (strcmp (parts[i], action_names[a].name) == 0)
          {
            out->actions |= action_names[a].action;
            found = TRUE;
          }
      g_assert_true (found);
    }
}

static void
parse_table (const char *text,
             int         first_state)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  int n_rows = 0;

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cells = NULL;
      g_autofree char *label = NULL;
      const char *bar = strchr (lines[i], '|');
      int col = 0;

      if (bar == NULL)
        continue;
      label = g_strstrip (g_strndup (lines[i], bar - lines[i]));
      for (gsize r = 0; r < G_N_ELEMENTS (row_labels); r++)
        {
          if (strcmp (label, row_labels[r].label) != 0)
            continue;
          cells = g_strsplit_set (bar + 1, " ", -1);
          for (int c = 0; cells[c] != NULL; c++)
            {
              if (cells[c][0] == '\0')
                continue;
              parse_cell (cells[c], &expected[row_labels[r].event][first_state + col]);
              col++;
            }
          g_assert_cmpint (first_state + col, ==, first_state == 0 ? 6 : 10);
          n_rows++;
        }
    }
  g_assert_cmpint (n_rows, ==, DT_PPP_FSM_N_EVENTS);
}

/* A protocol with one option, whose verdict on the peer's requests the test decides. */

typedef struct {
  DtPppFsm fsm;
  guint    seen;             /* actions observed */
  guint8   verdict;          /* what req_ci answers */
  gboolean reject_if_disagree;
  guint    n_conf_req;
  guint    n_term_req;
  guint    n_finished;
  GArray  *codes;            /* codes sent, in order */
  GByteArray *last_request;  /* options of our last Configure-Request */
  gsize    last_len;         /* length of the last packet sent */
} TestProto;

static const guint8 our_option[] = { 1, 4, 0x05, 0xdc };

static void
t_add_ci (DtPppFsm   *fsm,
          GByteArray *out)
{
  g_byte_array_append (out, our_option, sizeof our_option);
}

static gboolean
t_ack_ci (DtPppFsm     *fsm,
          const guint8 *opts,
          gsize         len)
{
  return len == sizeof our_option && memcmp (opts, our_option, len) == 0;
}

static gboolean
t_nak_ci (DtPppFsm     *fsm,
          const guint8 *opts,
          gsize         len,
          gboolean      rej)
{
  return TRUE;
}

static guint8
t_req_ci (DtPppFsm     *fsm,
          const guint8 *opts,
          gsize         len,
          gboolean      reject_if_disagree,
          GByteArray   *reply)
{
  TestProto *t = fsm->protocol_data;

  t->reject_if_disagree = reject_if_disagree;
  if (t->verdict == DT_PPP_CONF_NAK && reject_if_disagree)
    {
      g_byte_array_append (reply, opts, len);
      return DT_PPP_CONF_REJ;
    }
  if (t->verdict != DT_PPP_CONF_ACK)
    g_byte_array_append (reply, opts, len);
  return t->verdict;
}

static void
t_up (DtPppFsm *fsm)
{
  ((TestProto *) fsm->protocol_data)->seen |= DT_PPP_FSM_TLU;
}

static void
t_down (DtPppFsm *fsm)
{
  ((TestProto *) fsm->protocol_data)->seen |= DT_PPP_FSM_TLD;
}

static void
t_started (DtPppFsm *fsm)
{
  ((TestProto *) fsm->protocol_data)->seen |= DT_PPP_FSM_TLS;
}

static void
t_finished (DtPppFsm *fsm)
{
  TestProto *t = fsm->protocol_data;

  t->seen |= DT_PPP_FSM_TLF;
  t->n_finished++;
}

static guint32
t_magic (DtPppFsm *fsm)
{
  return 0x12345678;
}

static const DtPppFsmCallbacks test_callbacks = {
  .name = "TEST",
  .protocol = 0x8021,
  .lcp_codes = TRUE,
  .add_ci = t_add_ci,
  .ack_ci = t_ack_ci,
  .nak_ci = t_nak_ci,
  .req_ci = t_req_ci,
  .up = t_up,
  .down = t_down,
  .started = t_started,
  .finished = t_finished,
  .magic = t_magic,
};

static void
t_send (DtPppFsm     *fsm,
        const guint8 *packet,
        gsize         len,
        gpointer      user_data)
{
  TestProto *t = user_data;
  guint8 code = packet[0];

  g_assert_cmpuint (len, >=, 4);
  g_assert_cmpuint (dt_ppp_get16 (packet + 2), ==, len);
  g_array_append_val (t->codes, code);
  t->last_len = len;
  switch (code)
    {
    case DT_PPP_CONF_REQ:
      t->seen |= DT_PPP_FSM_SCR;
      t->n_conf_req++;
      g_byte_array_set_size (t->last_request, 0);
      g_byte_array_append (t->last_request, packet + 4, len - 4);
      break;
    case DT_PPP_CONF_ACK:
      t->seen |= DT_PPP_FSM_SCA;
      break;
    case DT_PPP_CONF_NAK:
    case DT_PPP_CONF_REJ:
      t->seen |= DT_PPP_FSM_SCN;
      break;
    case DT_PPP_TERM_REQ:
      t->seen |= DT_PPP_FSM_STR;
      t->n_term_req++;
      break;
    case DT_PPP_TERM_ACK:
      t->seen |= DT_PPP_FSM_STA;
      break;
    case DT_PPP_CODE_REJ:
      t->seen |= DT_PPP_FSM_SCJ;
      break;
    case DT_PPP_ECHO_REP:
      t->seen |= DT_PPP_FSM_SER;
      /* Our magic number replaces the peer's. */
      g_assert_cmphex (dt_ppp_get32 (packet + 4), ==, 0x12345678);
      break;
    default:
      g_assert_not_reached ();
    }
}

static TestProto *
test_proto_new (void)
{
  TestProto *t = g_new0 (TestProto, 1);

  dt_ppp_fsm_init (&t->fsm, &test_callbacks, t);
  dt_ppp_fsm_set_send_func (&t->fsm, t_send, t);
  /* Distinct counts, so that irc for requests and for terminates tell apart. */
  dt_ppp_fsm_set_limits (&t->fsm, 3000, 10, 3, 5);
  t->verdict = DT_PPP_CONF_ACK;
  t->codes = g_array_new (FALSE, FALSE, 1);
  t->last_request = g_byte_array_new ();
  return t;
}

static void
test_proto_free (TestProto *t)
{
  dt_ppp_fsm_clear (&t->fsm);
  g_array_unref (t->codes);
  g_byte_array_unref (t->last_request);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestProto, test_proto_free)

static void
peer_sends (TestProto    *t,
            guint8        code,
            guint8        id,
            const guint8 *data,
            gsize         len)
{
  g_autoptr (GByteArray) p = g_byte_array_new ();
  guint8 header[4] = { code, id };

  dt_ppp_put16 (header + 2, 4 + len);
  g_byte_array_append (p, header, 4);
  if (len > 0)
    g_byte_array_append (p, data, len);
  dt_ppp_fsm_input (&t->fsm, p->data, p->len);
}

static const guint8 peer_option[] = { 2, 6, 0, 0, 0, 0 };

static void
apply_event (TestProto     *t,
             DtPppFsmEvent  event)
{
  static const guint8 code_rej_permitted[] = { DT_PPP_ECHO_REQ, 7, 0, 8, 1, 2, 3, 4 };
  static const guint8 code_rej_fatal[] = { DT_PPP_CONF_REQ, 1, 0, 4 };
  static const guint8 echo[] = { 0xde, 0xad, 0xbe, 0xef, 'h', 'i' };

  switch (event)
    {
    case DT_PPP_FSM_EV_UP:
      dt_ppp_fsm_up (&t->fsm);
      break;
    case DT_PPP_FSM_EV_DOWN:
      dt_ppp_fsm_down (&t->fsm);
      break;
    case DT_PPP_FSM_EV_OPEN:
      dt_ppp_fsm_open (&t->fsm);
      break;
    case DT_PPP_FSM_EV_CLOSE:
      dt_ppp_fsm_close (&t->fsm, DT_PPP_FSM_REASON_ADMIN, "test");
      break;
    case DT_PPP_FSM_EV_TO_PLUS:
      t->fsm.restart_count = 5;
      dt_ppp_fsm_timeout (&t->fsm);
      break;
    case DT_PPP_FSM_EV_TO_MINUS:
      t->fsm.restart_count = 0;
      dt_ppp_fsm_timeout (&t->fsm);
      break;
    case DT_PPP_FSM_EV_RCR_PLUS:
    case DT_PPP_FSM_EV_RCR_MINUS:
      t->verdict = event == DT_PPP_FSM_EV_RCR_PLUS ? DT_PPP_CONF_ACK : DT_PPP_CONF_NAK;
      peer_sends (t, DT_PPP_CONF_REQ, 0x42, peer_option, sizeof peer_option);
      t->verdict = DT_PPP_CONF_ACK;
      break;
    case DT_PPP_FSM_EV_RCA:
      peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid, our_option, sizeof our_option);
      break;
    case DT_PPP_FSM_EV_RCN:
      peer_sends (t, DT_PPP_CONF_NAK, t->fsm.reqid, our_option, sizeof our_option);
      break;
    case DT_PPP_FSM_EV_RTR:
      peer_sends (t, DT_PPP_TERM_REQ, 0x55, (const guint8 *) "bye", 3);
      break;
    case DT_PPP_FSM_EV_RTA:
      peer_sends (t, DT_PPP_TERM_ACK, t->fsm.id, NULL, 0);
      break;
    case DT_PPP_FSM_EV_RUC:
      peer_sends (t, 0x42, 0x01, (const guint8 *) "??", 2);
      break;
    case DT_PPP_FSM_EV_RXJ_PLUS:
      peer_sends (t, DT_PPP_CODE_REJ, 0x02, code_rej_permitted, sizeof code_rej_permitted);
      break;
    case DT_PPP_FSM_EV_RXJ_MINUS:
      peer_sends (t, DT_PPP_CODE_REJ, 0x03, code_rej_fatal, sizeof code_rej_fatal);
      break;
    case DT_PPP_FSM_EV_RXR:
      peer_sends (t, DT_PPP_ECHO_REQ, 0x04, echo, sizeof echo);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Real events that lead from Initial to @state. */
static const DtPppFsmEvent paths[DT_PPP_FSM_N_STATES][5] = {
  [DT_PPP_FSM_INITIAL] = { DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_STARTING] = { DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_CLOSED] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_STOPPED] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_RXJ_MINUS,
                           DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_CLOSING] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_CLOSE,
                           DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_STOPPING] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_RCR_PLUS,
                            DT_PPP_FSM_EV_RCA, DT_PPP_FSM_EV_RTR },
  [DT_PPP_FSM_REQ_SENT] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_ACK_RCVD] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_RCA,
                            DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_ACK_SENT] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_RCR_PLUS,
                            DT_PPP_FSM_N_EVENTS },
  [DT_PPP_FSM_OPENED] = { DT_PPP_FSM_EV_UP, DT_PPP_FSM_EV_OPEN, DT_PPP_FSM_EV_RCR_PLUS,
                          DT_PPP_FSM_EV_RCA, DT_PPP_FSM_N_EVENTS },
};

static char *
actions_to_string (guint actions)
{
  GString *s = g_string_new (NULL);

  for (gsize a = 0; a < G_N_ELEMENTS (action_names); a++)
    if (actions & action_names[a].action)
      g_string_append_printf (s, "%s%s", s->len ? "," : "", action_names[a].name);
  return g_string_free (s, FALSE);
}

static void
test_table_cell (gconstpointer data)
{
  guint cell = GPOINTER_TO_UINT (data);
  DtPppFsmState state = cell / DT_PPP_FSM_N_EVENTS;
  DtPppFsmEvent event = cell % DT_PPP_FSM_N_EVENTS;
  const Expected *want = &expected[event][state];
  g_autoptr (TestProto) t = test_proto_new ();
  g_autofree char *want_actions = NULL;
  g_autofree char *got_actions = NULL;
  guint seen_observable;
  int count_before, count_want;
  guint64 illegal_before;

  for (int i = 0; i < 5 && paths[state][i] != DT_PPP_FSM_N_EVENTS; i++)
    {
      if (state == DT_PPP_FSM_INITIAL)
        break;
      apply_event (t, paths[state][i]);
    }
  g_assert_cmpstr (dt_ppp_fsm_state_name (t->fsm.state), ==, dt_ppp_fsm_state_name (state));

  t->seen = 0;
  g_array_set_size (t->codes, 0);
  /* Neither full nor zero, so that irc, zrc and each send show in the counter. */
  t->fsm.restart_count = 5;
  illegal_before = t->fsm.stats.illegal;
  apply_event (t, event);
  count_before = event == DT_PPP_FSM_EV_TO_MINUS ? 0 : 5;

  if (!want->legal)
    {
      /* '-': nothing happens, and the event is counted. */
      g_assert_cmpint (t->fsm.state, ==, state);
      g_assert_cmpuint (t->seen, ==, 0);
      g_assert_cmpuint (t->fsm.stats.illegal, ==, illegal_before + 1);
      return;
    }

  g_assert_cmpstr (dt_ppp_fsm_state_name (t->fsm.state), ==,
                   dt_ppp_fsm_state_name (want->next));

  seen_observable = want->actions & ~(DT_PPP_FSM_IRC | DT_PPP_FSM_ZRC);
  want_actions = actions_to_string (seen_observable);
  got_actions = actions_to_string (t->seen);
  g_assert_cmpstr (got_actions, ==, want_actions);

  if (want->actions & DT_PPP_FSM_IRC)
    count_want = (want->actions & DT_PPP_FSM_STR) ? 3 : 10;
  else if (want->actions & DT_PPP_FSM_ZRC)
    count_want = 0;
  else
    count_want = count_before;
  if (want->actions & (DT_PPP_FSM_SCR | DT_PPP_FSM_STR))
    count_want--;
  g_assert_cmpint (t->fsm.restart_count, ==, count_want);

  /* §4.2: the restart timer runs in Closing, Stopping and the negotiating states only. */
  g_assert_cmpint (dt_ppp_fsm_timer_pending (&t->fsm), ==,
                   t->fsm.state >= DT_PPP_FSM_CLOSING && t->fsm.state <= DT_PPP_FSM_ACK_SENT);
}

/* Beyond the table */

/* The resend at the peer's first request (see resend_unheard_request()): with no round trip
 * known, our request goes again, new identifier, before the Ack; with a round trip known and
 * our request younger than two of them, the requests merely crossed and only the Ack goes. */
static void
test_resend_at_first_request (void)
{
  for (int known = 0; known < 2; known++)
    {
      g_autoptr (TestProto) t = test_proto_new ();
      guint8 first;

      t->fsm.resend_on_first_request = TRUE;
      t->fsm.rtt_us = known ? 60 * G_USEC_PER_SEC : 0;
      t->verdict = DT_PPP_CONF_ACK;
      dt_ppp_fsm_up (&t->fsm);
      dt_ppp_fsm_open (&t->fsm);
      first = t->fsm.reqid;
      g_array_set_size (t->codes, 0);
      peer_sends (t, DT_PPP_CONF_REQ, 0x42, peer_option, sizeof peer_option);
      if (known)
        {
          g_assert_cmpuint (t->codes->len, ==, 1);
          g_assert_cmpuint (g_array_index (t->codes, guint8, 0), ==, DT_PPP_CONF_ACK);
          g_assert_cmpuint (t->fsm.reqid, ==, first);
        }
      else
        {
          g_assert_cmpuint (t->codes->len, ==, 2);
          g_assert_cmpuint (g_array_index (t->codes, guint8, 0), ==, DT_PPP_CONF_REQ);
          g_assert_cmpuint (g_array_index (t->codes, guint8, 1), ==, DT_PPP_CONF_ACK);
          g_assert_cmpuint (t->fsm.reqid, !=, first);
        }
      g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_ACK_SENT);
    }
}

static void
test_max_configure_on_real_timer (void)
{
  g_autoptr (TestProto) t = test_proto_new ();
  gboolean done = FALSE;
  gint64 start;

  /* Nobody answers: exactly Max-Configure requests, one restart period apart, then tlf and
   * Stopped, with a timeout as the reason. */
  dt_ppp_fsm_set_limits (&t->fsm, 20, 4, 2, 5);
  start = g_get_monotonic_time ();
  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      done = t->n_finished > 0;
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
    }
  g_assert_cmpuint (t->n_conf_req, ==, 4);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_STOPPED);
  g_assert_cmpint (t->fsm.reason, ==, DT_PPP_FSM_REASON_TIMEOUT);
  g_assert_false (dt_ppp_fsm_timer_pending (&t->fsm));
  /* At least three full restart periods passed between the first request and the end. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * 20 * 1000);
}

static void
test_max_terminate_on_real_timer (void)
{
  g_autoptr (TestProto) t = test_proto_new ();
  gboolean done = FALSE;

  dt_ppp_fsm_set_limits (&t->fsm, 20, 10, 2, 5);
  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  peer_sends (t, DT_PPP_CONF_REQ, 1, peer_option, sizeof peer_option);
  peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid, our_option, sizeof our_option);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_OPENED);

  /* Our Close goes unanswered: Max-Terminate requests, then Closed. */
  dt_ppp_fsm_close (&t->fsm, DT_PPP_FSM_REASON_ADMIN, "User request");
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
      done = t->n_finished > 0;
    }
  g_assert_cmpuint (t->n_term_req, ==, 2);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_CLOSED);
  g_assert_cmpint (t->fsm.reason, ==, DT_PPP_FSM_REASON_ADMIN);
}

static void
test_ack_must_answer_our_request (void)
{
  g_autoptr (TestProto) t = test_proto_new ();
  const guint8 other[] = { 1, 4, 0x05, 0xdd };

  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);

  /* A stale identifier, then options we never asked for: both dropped. */
  peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid + 1, our_option, sizeof our_option);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_REQ_SENT);
  g_assert_cmpuint (t->fsm.stats.bad_id, ==, 1);
  peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid, other, sizeof other);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_REQ_SENT);
  peer_sends (t, DT_PPP_CONF_NAK, t->fsm.reqid - 1, our_option, sizeof our_option);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_REQ_SENT);
  g_assert_cmpuint (t->n_conf_req, ==, 1);

  peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid, our_option, sizeof our_option);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_ACK_RCVD);
}

static void
test_lying_lengths (void)
{
  static const struct {
    const char *what;
    guint8 bytes[12];
    gsize len;
  } bad[] = {
    { "shorter than a header", { 1, 1, 0 }, 3 },
    { "length below 4", { 1, 1, 0, 3 }, 4 },
    { "length past the end", { 1, 1, 0, 12, 1, 4, 5, 0xdc }, 8 },
    { "option length 0", { 1, 1, 0, 8, 1, 0, 5, 0xdc }, 8 },
    { "option length 1", { 1, 1, 0, 8, 1, 1, 5, 0xdc }, 8 },
    { "option past the packet", { 1, 1, 0, 8, 1, 6, 5, 0xdc, 0, 0 }, 10 },
    { "lone option type", { 1, 1, 0, 5, 1 }, 5 },
    { "Ack option past packet", { 2, 1, 0, 8, 1, 9, 5, 0xdc }, 8 },
    { "Nak option length 0", { 3, 1, 0, 6, 1, 0 }, 6 },
    { "Reject truncated", { 4, 1, 0, 7, 1, 4, 5 }, 7 },
    { "Code-Reject empty", { 7, 1, 0, 4 }, 4 },
    { "Protocol-Reject short", { 8, 1, 0, 5, 0xc0 }, 5 },
    { "Echo without magic", { 9, 1, 0, 6, 1, 2 }, 6 },
  };
  g_autoptr (TestProto) t = test_proto_new ();

  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  peer_sends (t, DT_PPP_CONF_REQ, 1, peer_option, sizeof peer_option);
  peer_sends (t, DT_PPP_CONF_ACK, t->fsm.reqid, our_option, sizeof our_option);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_OPENED);
  g_array_set_size (t->codes, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint64 before = t->fsm.stats.malformed;
      /* Copy to a buffer of exactly the claimed size, so that ASan sees any overread. */
      g_autofree guint8 *exact = g_memdup2 (bad[i].bytes, bad[i].len);

      g_test_message ("%s", bad[i].what);
      dt_ppp_fsm_input (&t->fsm, exact, bad[i].len);
      g_assert_cmpuint (t->fsm.stats.malformed, ==, before + 1);
      g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_OPENED);
    }
  /* Nothing was answered: a malformed packet is dropped silently. */
  g_assert_cmpuint (t->codes->len, ==, 0);

  /* Padding after a correct length is ignored, not an error. */
  dt_ppp_fsm_input (&t->fsm, (const guint8 *) "\x09\x07\x00\x08\x01\x02\x03\x04\xff\xff", 10);
  g_assert_cmpuint (t->codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (t->codes, guint8, 0), ==, DT_PPP_ECHO_REP);
}

static void
test_max_failure_turns_naks_into_rejects (void)
{
  g_autoptr (TestProto) t = test_proto_new ();
  guint n_nak = 0, n_rej = 0;

  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  t->verdict = DT_PPP_CONF_NAK;
  for (int i = 0; i < 8; i++)
    peer_sends (t, DT_PPP_CONF_REQ, i, peer_option, sizeof peer_option);
  for (guint i = 0; i < t->codes->len; i++)
    {
      n_nak += g_array_index (t->codes, guint8, i) == DT_PPP_CONF_NAK;
      n_rej += g_array_index (t->codes, guint8, i) == DT_PPP_CONF_REJ;
    }
  /* Max-Failure (5) Naks, then Rejects. */
  g_assert_cmpuint (n_nak, ==, 5);
  g_assert_cmpuint (n_rej, ==, 3);
  g_assert_true (t->reject_if_disagree);
}

static void
test_request_flood_is_cut_off (void)
{
  g_autoptr (TestProto) t = test_proto_new ();

  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  t->verdict = DT_PPP_CONF_NAK;
  for (int i = 0; i < 10000; i++)
    peer_sends (t, DT_PPP_CONF_REQ, i, peer_option, sizeof peer_option);

  /* 2 × Max-Configure + Max-Failure answers, then a Terminate-Request and silence. */
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_CLOSING);
  g_assert_cmpint (t->fsm.reason, ==, DT_PPP_FSM_REASON_NOT_CONVERGED);
  g_assert_cmpuint (t->codes->len, ==, 1 + 25 + 1);
  g_assert_cmpuint (t->fsm.stats.requests_in, ==, 10000);

  /* The peer acknowledges the end; the layer finishes. */
  peer_sends (t, DT_PPP_TERM_ACK, t->fsm.id, NULL, 0);
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_CLOSED);
  g_assert_cmpuint (t->n_finished, ==, 1);
}

static void
test_endless_naks_are_cut_off (void)
{
  g_autoptr (TestProto) t = test_proto_new ();

  dt_ppp_fsm_up (&t->fsm);
  dt_ppp_fsm_open (&t->fsm);
  for (int i = 0; i < 1000 && t->fsm.state == DT_PPP_FSM_REQ_SENT; i++)
    peer_sends (t, DT_PPP_CONF_NAK, t->fsm.reqid, our_option, sizeof our_option);

  /* Max-Configure Naks answered with new requests; the next one closes. */
  g_assert_cmpint (t->fsm.state, ==, DT_PPP_FSM_CLOSING);
  g_assert_cmpint (t->fsm.reason, ==, DT_PPP_FSM_REASON_NOT_CONVERGED);
  g_assert_cmpuint (t->n_conf_req, ==, 1 + 10);
  g_assert_cmpuint (t->n_term_req, ==, 1);
}

static void
test_code_reject_quotes_packet_within_mru (void)
{
  g_autoptr (TestProto) t = test_proto_new ();
  g_autofree guint8 *big = g_malloc0 (3000);

  dt_ppp_fsm_up (&t->fsm);
  t->fsm.peer_mru = 100;
  big[0] = 0x77;
  big[1] = 1;
  dt_ppp_put16 (big + 2, 3000);
  dt_ppp_fsm_input (&t->fsm, big, 3000);
  g_assert_cmpuint (t->codes->len, ==, 1);
  g_assert_cmpuint (g_array_index (t->codes, guint8, 0), ==, DT_PPP_CODE_REJ);
  /* The rejected packet is quoted only as far as the peer's MRU allows. */
  g_assert_cmpuint (t->last_len, ==, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  parse_table (rfc1661_table_a, 0);
  parse_table (rfc1661_table_b, 6);

  for (guint s = 0; s < DT_PPP_FSM_N_STATES; s++)
    for (guint e = 0; e < DT_PPP_FSM_N_EVENTS; e++)
      {
        g_autofree char *path = g_strdup_printf ("/ppp/fsm/table/%s/%s",
                                                 dt_ppp_fsm_state_name (s),
                                                 dt_ppp_fsm_event_name (e));

        g_test_add_data_func (path, GUINT_TO_POINTER (s * DT_PPP_FSM_N_EVENTS + e),
                              test_table_cell);
      }

  g_test_add_func ("/ppp/fsm/max-configure", test_max_configure_on_real_timer);
  g_test_add_func ("/ppp/fsm/resend-at-first-request", test_resend_at_first_request);
  g_test_add_func ("/ppp/fsm/max-terminate", test_max_terminate_on_real_timer);
  g_test_add_func ("/ppp/fsm/ack-must-answer-request", test_ack_must_answer_our_request);
  g_test_add_func ("/ppp/fsm/lying-lengths", test_lying_lengths);
  g_test_add_func ("/ppp/fsm/max-failure", test_max_failure_turns_naks_into_rejects);
  g_test_add_func ("/ppp/fsm/request-flood", test_request_flood_is_cut_off);
  g_test_add_func ("/ppp/fsm/endless-naks", test_endless_naks_are_cut_off);
  g_test_add_func ("/ppp/fsm/code-reject-within-mru", test_code_reject_quotes_packet_within_mru);

  return g_test_run ();
}
