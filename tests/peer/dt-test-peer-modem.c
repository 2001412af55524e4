/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's Hayes modem, as the client's serial port sees it.  Command mode: "AT"
 * lines ended by CR (S3), echoed under E1, answered verbose (V1), numeric (V0) or not at all
 * (Q1); basic commands with their numbers, S-registers, &-, \- and %-commands and "+" extended
 * commands are taken, and a letter it does not know is an ERROR, as on a real modem.  ATD and
 * ATA connect after a delay (a character in between aborts the call with NO CARRIER); online,
 * "+++" (S2) counts only between two guard times of silence (S12, in 50ths of a second), and
 * leaves the call up in command mode, where ATO goes back and ATH hangs up.  When the server
 * has agreed to call back, the end of the call starts the ring-back: RING lines at an interval
 * until ATA (or S0's auto-answer) or until it gives up.  The optional interactive login plays a
 * terminal server's "Username:" and "Password:" before PPP. */

#include "dt-test-peer-private.h"

#include <string.h>

#define MAX_COMMAND     256
#define LOGIN_TRIES     3
#define RESULT_OK         0
#define RESULT_CONNECT    1
#define RESULT_RING       2
#define RESULT_NO_CARRIER 3
#define RESULT_ERROR      4

void
modem_reset (DtTestPeer *peer)
{
  memset (peer->s, 0, sizeof peer->s);
  peer->s[2] = '+';
  peer->s[3] = '\r';
  peer->s[4] = '\n';
  peer->s[5] = '\b';
  peer->s[7] = 50;
  peer->s[12] = peer->sc.s12;
  peer->echo = TRUE;
  peer->verbose = TRUE;
  peer->quiet = FALSE;
}

void
modem_clear (DtTestPeer *peer)
{
  g_clear_handle_id (&peer->connect_id, g_source_remove);
  g_clear_handle_id (&peer->escape_id, g_source_remove);
  g_clear_handle_id (&peer->ring_id, g_source_remove);
  g_clear_handle_id (&peer->drop_id, g_source_remove);
}

void
modem_result (DtTestPeer *peer, const char *verbose, int numeric)
{
  g_autofree char *text = NULL;

  peer_event (peer, "modem: %s", verbose);
  if (peer->quiet)
    return;
  if (peer->verbose)
    text = g_strdup_printf ("\r\n%s\r\n", verbose);
  else
    text = g_strdup_printf ("%d\r", numeric);
  peer_write (peer, text, strlen (text));
}

static void
write_text (DtTestPeer *peer, const char *text)
{
  peer_write (peer, text, strlen (text));
}

/* ---- the call back ---- */

static void start_call (DtTestPeer *peer, gboolean answering);

static gboolean
on_ring (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  if (peer->rings_this_time >= peer->sc.ring_count)
    {
      peer->ring_id = 0;
      peer->ringing = FALSE;
      peer_event (peer, "the call back gives up after %u RINGs", peer->rings_this_time);
      return G_SOURCE_REMOVE;
    }
  peer->ringing = TRUE;
  peer->rings_this_time++;
  peer->out.rings_sent++;
  modem_result (peer, "RING", RESULT_RING);
  if (peer->s[0] > 0 && peer->rings_this_time >= peer->s[0])
    {
      /* S0 > 0: the modem answers by itself. */
      peer->ring_id = 0;
      peer_event (peer, "modem: auto-answer (S0=%u)", peer->s[0]);
      start_call (peer, TRUE);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_ring_delay (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->ring_id = g_timeout_add (peer->sc.ring_interval_ms, on_ring, peer);
  on_ring (peer);
  return G_SOURCE_REMOVE;
}

static void
start_ring_back (DtTestPeer *peer)
{
  guint delay = peer->sc.ring_delay_ms >= 0 ? (guint) peer->sc.ring_delay_ms
                                            : peer->out.callback_delay * 1000u;

  peer->rings_this_time = 0;
  if (peer->sc.ring_count == 0)
    {
      peer_event (peer, "the server never calls back (ring_count 0)");
      return;
    }
  peer_event (peer, "the server calls back in %u ms", delay);
  peer->ring_id = g_timeout_add (delay, on_ring_delay, peer);
}

static void
stop_ringing (DtTestPeer *peer)
{
  g_clear_handle_id (&peer->ring_id, g_source_remove);
  peer->ringing = FALSE;
}

/* The call is over, whoever ended it. */
static void
end_call (DtTestPeer *peer, const char *why)
{
  peer_event (peer, "call ended: %s", why);
  peer_ppp_stop (peer);
  g_clear_handle_id (&peer->connect_id, g_source_remove);
  g_clear_handle_id (&peer->escape_id, g_source_remove);
  g_clear_handle_id (&peer->drop_id, g_source_remove);
  peer->modem = MODEM_COMMAND;
  peer->login = LOGIN_NONE;
  peer->plus_count = 0;
  g_string_truncate (peer->command, 0);
  if (peer->call_back_due)
    {
      peer->call_back_due = FALSE;
      start_ring_back (peer);
    }
}

void
modem_drop_carrier (DtTestPeer *peer, const char *why)
{
  end_call (peer, why);
  modem_result (peer, "NO CARRIER", RESULT_NO_CARRIER);
}

/* ---- going online ---- */

static void
start_login (DtTestPeer *peer)
{
  peer->login = LOGIN_USER;
  peer->login_failures = 0;
  g_string_truncate (peer->login_line, 0);
  peer_set_phase (peer, DT_TEST_PEER_PHASE_LOGIN);
  write_text (peer, "\r\nDialtone test peer\r\n\r\nUsername: ");
  peer_event (peer, "login: Username:");
}

static gboolean
on_connect (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->connect_id = 0;
  if (peer->answering && !peer->ringing)
    {
      /* ATA on a silent line: no caller, no carrier. */
      peer->modem = MODEM_COMMAND;
      modem_result (peer, "NO CARRIER", RESULT_NO_CARRIER);
      return G_SOURCE_REMOVE;
    }
  stop_ringing (peer);
  peer->callback_leg = peer->answering;
  if (peer->answering)
    peer->out.callback_answered = TRUE;
  peer->modem = MODEM_ONLINE;
  peer->out.calls++;
  peer->plus_count = 0;
  peer->last_rx = g_get_monotonic_time ();
  modem_result (peer, peer->sc.connect_line, RESULT_CONNECT);
  if (peer->sc.login_prompt && !peer->callback_leg)
    start_login (peer);
  else
    peer_ppp_start (peer);
  return G_SOURCE_REMOVE;
}

static void
start_call (DtTestPeer *peer, gboolean answering)
{
  peer->answering = answering;
  peer->modem = MODEM_CONNECTING;
  peer->connect_id = g_timeout_add (peer->sc.connect_delay_ms, on_connect, peer);
}

/* ---- command mode ---- */

static guint
read_number (const char **p)
{
  guint n = 0;

  while (g_ascii_isdigit (**p))
    {
      n = MIN (n * 10 + (guint) (**p - '0'), 100000u);
      (*p)++;
    }
  return n;
}

static gboolean
command_dial (DtTestPeer *peer, const char *rest)
{
  g_autofree char *number = g_strstrip (g_strdup (rest));
  const char *digits = number;

  if (peer->modem == MODEM_ONLINE_COMMAND)
    return FALSE;
  if (*digits == 'T' || *digits == 't' || *digits == 'P' || *digits == 'p')
    digits++;
  while (*digits == ' ')
    digits++;
  peer_set_string (&peer->out.dialed_number, digits);
  stop_ringing (peer);
  peer->call_back_due = FALSE;
  if (number[0] != '\0' && number[strlen (number) - 1] == ';')
    {
      modem_result (peer, "OK", RESULT_OK); /* a voice dial: back to command mode */
      return TRUE;
    }
  peer_event (peer, "modem: dialling %s", digits);
  start_call (peer, FALSE);
  return TRUE;
}

static void
command_hang_up (DtTestPeer *peer)
{
  if (peer->modem == MODEM_ONLINE_COMMAND)
    end_call (peer, "the client hung up (ATH)");
}

typedef enum
{
  STEP_NEXT,   /* go on with the line */
  STEP_DONE,   /* the command answered, or started a call: the line ends here */
  STEP_ERROR,
} Step;

/* D, A and O end the line: what follows a dial string is part of it. */
static Step
call_command (DtTestPeer *peer, char c, const char **p)
{
  switch (c)
    {
    case 'D':
      return command_dial (peer, *p) ? STEP_DONE : STEP_ERROR;
    case 'A':
      if (peer->modem == MODEM_ONLINE_COMMAND)
        return STEP_ERROR;
      g_clear_handle_id (&peer->ring_id, g_source_remove);
      start_call (peer, TRUE);
      return STEP_DONE;
    case 'O':
    default:
      read_number (p);
      if (peer->modem != MODEM_ONLINE_COMMAND)
        modem_result (peer, "NO CARRIER", RESULT_NO_CARRIER);
      else
        {
          peer->modem = MODEM_ONLINE;
          peer->last_rx = g_get_monotonic_time ();
          modem_result (peer, peer->sc.connect_line, RESULT_CONNECT);
        }
      return STEP_DONE;
    }
}

/* Sn=v sets a register, Sn? shows it. */
static Step
s_register (DtTestPeer *peer, const char **p)
{
  guint n = read_number (p);
  guint value;

  if (n > 255 || (**p != '=' && **p != '?'))
    return STEP_ERROR;
  if (*(*p)++ == '?')
    {
      g_autofree char *text = g_strdup_printf ("\r\n%03u\r\n", peer->s[n]);

      write_text (peer, text);
      return STEP_NEXT;
    }
  value = read_number (p);
  peer->s[n] = (guint8) MIN (value, 255u);
  return STEP_NEXT;
}

static Step
setting (DtTestPeer *peer, char c, const char **p)
{
  switch (c)
    {
    case ' ':
      return STEP_NEXT;
    case 'H':
      if (read_number (p) == 0)
        command_hang_up (peer);
      return STEP_NEXT;
    case 'Z':
      read_number (p);
      command_hang_up (peer);
      modem_reset (peer);
      return STEP_NEXT;
    case 'E':
      peer->echo = read_number (p) != 0;
      return STEP_NEXT;
    case 'V':
      peer->verbose = read_number (p) != 0;
      return STEP_NEXT;
    case 'Q':
      peer->quiet = read_number (p) != 0;
      return STEP_NEXT;
    case 'I':
      read_number (p);
      write_text (peer, peer->verbose ? "\r\nDialtone test peer\r\n" : "Dialtone test peer\r\n");
      return STEP_NEXT;
    case '&':
    case '\\':
    case '%':
      if (!g_ascii_isalpha (**p))
        return STEP_ERROR;
      if (c == '&' && g_ascii_toupper (**p) == 'F')
        modem_reset (peer);
      (*p)++;
      read_number (p);
      return STEP_NEXT;
    case '+':
      /* An extended (V.250) command: taken as it is, up to the next ';'. */
      while (**p != '\0' && *(*p)++ != ';')
        ;
      return STEP_NEXT;
    case 'B': case 'C': case 'L': case 'M': case 'N': case 'P': case 'T': case 'W':
    case 'X': case 'Y':
      read_number (p);
      return STEP_NEXT;
    default:
      return STEP_ERROR;
    }
}

/* Runs one AT command line: OK at the end, unless a command answered or failed first. */
static void
execute (DtTestPeer *peer, const char *line)
{
  const char *p = line + 2;

  peer_event (peer, "modem: command %s", line);
  while (*p != '\0')
    {
      char c = g_ascii_toupper (*p++);
      Step step = c == 'D' || c == 'A' || c == 'O' ? call_command (peer, c, &p)
                  : c == 'S' ? s_register (peer, &p)
                  : setting (peer, c, &p);

      if (step == STEP_ERROR)
        modem_result (peer, "ERROR", RESULT_ERROR);
      if (step != STEP_NEXT)
        return;
    }
  modem_result (peer, "OK", RESULT_OK);
}

static void
run_line (DtTestPeer *peer, const char *line)
{
  const char *at;

  /* Whatever comes before "AT" (the "+++" of a client that escapes a call already gone,
   * noise) is not part of the command. */
  for (at = line; *at != '\0'; at++)
    if (g_ascii_toupper (at[0]) == 'A' && g_ascii_toupper (at[1]) == 'T')
      break;
  if (*at == '\0')
    {
      if (*line != '\0')
        peer_event (peer, "modem: ignored a line without AT");
      return;
    }
  peer_set_string (&peer->last_command, at);
  execute (peer, at);
}

static void
command_byte (DtTestPeer *peer, guint8 c)
{
  if (peer->echo)
    peer_write (peer, &c, 1);
  if (c == peer->s[3])
    {
      g_autofree char *line = g_strdup (peer->command->str);

      g_string_truncate (peer->command, 0);
      if (line[0] != '\0' && strlen (line) >= MAX_COMMAND)
        modem_result (peer, "ERROR", RESULT_ERROR);
      else
        run_line (peer, line);
    }
  else if (c == peer->s[5] || c == 0x7f)
    {
      if (peer->command->len > 0)
        g_string_truncate (peer->command, peer->command->len - 1);
    }
  else if (c == '/' && g_ascii_strcasecmp (peer->command->str, "A") == 0)
    {
      /* "A/" repeats the last command at once, without CR. */
      g_string_truncate (peer->command, 0);
      if (peer->last_command != NULL)
        {
          g_autofree char *again = g_strdup (peer->last_command);

          execute (peer, again);
        }
    }
  else if (c >= 0x20 && c < 0x7f && peer->command->len < MAX_COMMAND)
    g_string_append_c (peer->command, (char) c);
}

/* ---- online ---- */

static gboolean
on_escape_guard (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->escape_id = 0;
  peer->plus_count = 0;
  peer->modem = MODEM_ONLINE_COMMAND;
  g_string_truncate (peer->command, 0);
  peer_event (peer, "modem: escaped to command mode, the call still up");
  modem_result (peer, "OK", RESULT_OK);
  return G_SOURCE_REMOVE;
}

static void
watch_escape (DtTestPeer *peer, guint8 c, gint64 silence)
{
  gint64 guard = (gint64) peer->s[12] * 20000;

  /* Any byte inside the second guard time makes "+++" plain data. */
  g_clear_handle_id (&peer->escape_id, g_source_remove);
  if (c != peer->s[2] || peer->s[12] == 0)
    {
      peer->plus_count = 0;
      return;
    }
  if (peer->plus_count == 0 || silence >= guard)
    {
      peer->plus_count = 0;
      peer->escape_armed = silence >= guard;
    }
  if (++peer->plus_count == 3 && peer->escape_armed)
    peer->escape_id = g_timeout_add ((guint) (guard / 1000), on_escape_guard, peer);
}

static void
login_submit (DtTestPeer *peer)
{
  g_autofree char *line = g_strdup (peer->login_line->str);

  g_string_truncate (peer->login_line, 0);
  if (peer->login == LOGIN_USER)
    {
      peer_set_string (&peer->login_user, line);
      peer->login = LOGIN_PASSWORD;
      write_text (peer, "\r\nPassword: ");
      peer_event (peer, "login: user “%s”, Password:", line);
      return;
    }
  if (g_strcmp0 (peer->login_user, peer->sc.user) == 0 && strcmp (line, peer->password) == 0)
    {
      peer_set_string (&peer->out.login_user, peer->login_user);
      write_text (peer, "\r\nWelcome. Starting PPP.\r\n");
      peer_event (peer, "login: accepted");
      peer->login = LOGIN_NONE;
      peer_ppp_start (peer);
      return;
    }
  memset (line, 0, strlen (line));
  peer_event (peer, "login: refused");
  write_text (peer, "\r\nLogin incorrect\r\n");
  if (++peer->login_failures >= LOGIN_TRIES)
    {
      modem_drop_carrier (peer, "three failed logins");
      return;
    }
  peer->login = LOGIN_USER;
  write_text (peer, "\r\nUsername: ");
}

static void
login_byte (DtTestPeer *peer, guint8 c)
{
  if (c == '\r')
    login_submit (peer);
  else if (c == '\b' || c == 0x7f)
    {
      if (peer->login_line->len > 0)
        {
          g_string_truncate (peer->login_line, peer->login_line->len - 1);
          if (peer->login == LOGIN_USER)
            write_text (peer, "\b \b");
        }
    }
  else if (c >= 0x20 && c < 0x7f && peer->login_line->len < 64)
    {
      g_string_append_c (peer->login_line, (char) c);
      if (peer->login == LOGIN_USER)
        peer_write (peer, &c, 1);
    }
}

static void
online_input (DtTestPeer *peer, const guint8 *data, gsize len, gint64 silence)
{
  for (gsize i = 0; i < len; i++)
    watch_escape (peer, data[i], i == 0 ? silence : 0);
  if (peer->login == LOGIN_NONE)
    {
      peer_ppp_input (peer, data, len);
      return;
    }
  for (gsize i = 0; i < len && peer->login != LOGIN_NONE && peer->modem == MODEM_ONLINE; i++)
    login_byte (peer, data[i]);
}

void
modem_input (DtTestPeer *peer, const guint8 *data, gsize len, gint64 now)
{
  gint64 silence = now - peer->last_rx;

  peer->last_rx = now;
  for (gsize i = 0; i < len; i++)
    {
      switch (peer->modem)
        {
        case MODEM_ONLINE:
          online_input (peer, data + i, len - i, i == 0 ? silence : 0);
          return;
        case MODEM_CONNECTING:
          /* Any character aborts a call being set up, and is lost. */
          g_clear_handle_id (&peer->connect_id, g_source_remove);
          stop_ringing (peer);
          peer->modem = MODEM_COMMAND;
          peer_event (peer, "modem: the call was aborted by a keypress");
          modem_result (peer, "NO CARRIER", RESULT_NO_CARRIER);
          break;
        case MODEM_COMMAND:
        case MODEM_ONLINE_COMMAND:
        default:
          command_byte (peer, data[i]);
          break;
        }
    }
}
