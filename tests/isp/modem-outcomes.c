/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test ISP modem's calls: the outcomes table (what each number does when dialled, as
 * tests/isp/README.md documents it), dialling (ATD picks the outcome by the last seven
 * digits), answering once the outcome's delay is up, and the login prompt of 5550150.  Not
 * compiled on its own: modem.c includes it, after modem-pppd.c. */

/* Documented in tests/isp/README.md: keep the two in step. */
static const Outcome outcomes[] = {
  { "5550100", CALL_PPP, RC_CONNECT, "33600", NULL, 300 },
  { "5550101", CALL_PPP, RC_CONNECT, "33600/ARQ/V34/LAPM/V42BIS", NULL, 300 },
  { "5550110", CALL_PPP, RC_CONNECT, "33600", "pap", 300 },
  { "5550111", CALL_PPP, RC_CONNECT, "33600", "chap", 300 },
  { "5550112", CALL_PPP, RC_CONNECT, "33600", "mschapv2", 300 },
  { "5550113", CALL_PPP, RC_CONNECT, "33600", "none", 300 },
  { "5550114", CALL_PPP, RC_CONNECT, "33600", "chap", 300, "chap-interval 5" },
  { "5550115", CALL_PPP, RC_CONNECT, "33600", "mschapv2", 300, "chap-interval 5" },
  { "5550116", CALL_PPP, RC_CONNECT, "33600", "chap", 300, "chap-interval 5", F_REVOKE },
  { "5550117", CALL_PPP, RC_CONNECT, "33600", "eap", 300 },
  { "5550118", CALL_PPP, RC_CONNECT, "33600", "eap", 300, "eap-interval 5" },
  { "5550120", CALL_PPP, RC_CONNECT, "33600", "chap", 300, "multilink" },
  { "5550121", CALL_PPP, RC_CONNECT, "33600", "chap", 300, "multilink mpshortseq" },
  { "5550122", CALL_PPP, RC_CONNECT, "33600", "chap", 6000, "multilink", F_DROP },
  { "5550130", CALL_PPP, RC_CONNECT, "33600", "chap", 300, NULL, F_RA },
  { "5550150", CALL_LOGIN, RC_CONNECT, "33600", "none", 300 },
  { "5550180", CALL_SILENT, RC_CONNECT, "33600", NULL, 300 },
  { "5550181", CALL_DIES, RC_CONNECT, "33600", "pap", 300 },
  { "5550182", CALL_DROPS, RC_CONNECT, "33600", "pap", 300 },
  { "5550195", CALL_FAIL, RC_ERROR, NULL, NULL, 0 },
  { "5550196", CALL_FAIL, RC_NO_ANSWER, NULL, NULL, 3000 },
  { "5550197", CALL_FAIL, RC_NO_DIALTONE, NULL, NULL, 300 },
  { "5550198", CALL_FAIL, RC_NO_CARRIER, NULL, NULL, 300 },
  { "5550199", CALL_FAIL, RC_BUSY, NULL, NULL, 300 },
};
static const Outcome unknown_number = { "", CALL_FAIL, RC_NO_CARRIER, NULL, NULL, 1000 };

/* ---- the login prompt (5550150) ------------------------------------------------------- */

static bool
account_ok (const char *user, const char *password)
{
  FILE *f = fopen ("/etc/ppp/pap-secrets", "r");
  char line[256];
  bool ok = false;

  if (f == NULL)
    return false;
  while (!ok && fgets (line, sizeof line, f) != NULL)
    {
      char fields[3][80];
      int n = 0;
      char *p = line;

      while (n < 3)
        {
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == '\0' || *p == '\n' || *p == '#')
            break;
          char quote = (*p == '"') ? *p++ : 0;
          size_t len = 0;
          while (*p != '\0' && *p != '\n' && (quote ? *p != quote : !isspace ((unsigned char) *p)))
            if (len < sizeof fields[n] - 1)
              fields[n][len++] = *p++;
            else
              p++;
          if (quote && *p == quote)
            p++;
          fields[n++][len] = '\0';
        }
      ok = n == 3 && strcmp (fields[0], user) == 0 && strcmp (fields[2], password) == 0;
    }
  fclose (f);
  return ok;
}

static void
login_prompt (Modem *m)
{
  m->login_password = false;
  m->in_len = 0;
  puts_line (m, "\r\nlogin: ");
}

static void
login_input (Modem *m, unsigned char c)
{
  char *buf = m->login_password ? m->password : m->user;

  if (c == '\n' || c == '\0')
    return;
  if (c == 8 || c == 127)
    {
      if (m->in_len > 0)
        {
          m->in_len--;
          if (!m->login_password)
            puts_line (m, "\b \b");
        }
      return;
    }
  if (c != '\r')
    {
      if (m->in_len < sizeof m->user - 1)
        buf[m->in_len++] = c;
      if (!m->login_password)
        put (m, &c, 1);
      return;
    }
  buf[m->in_len] = '\0';
  if (!m->login_password)
    {
      if (m->in_len == 0)
        {
          login_prompt (m);
          return;
        }
      m->login_password = true;
      m->in_len = 0;
      puts_line (m, "\r\nPassword: ");
      return;
    }
  if (account_ok (m->user, m->password))
    {
      char msg[160];
      logf_line (m, "login accepted for %s", m->user);
      snprintf (msg, sizeof msg, "\r\nWelcome, %s.  Starting PPP.\r\n", m->user);
      puts_line (m, msg);
      m->call = &outcomes[0];
      start_pppd (m, "none");
      return;
    }
  logf_line (m, "login incorrect for %s", m->user);
  puts_line (m, "\r\nLogin incorrect\r\n");
  if (++m->login_tries >= 3)
    {
      end_call (m, true);
      return;
    }
  login_prompt (m);
}

/* ---- dialling and answering ---------------------------------------------------------- */

static int
dial (Modem *m, const char *p)
{
  char digits[64];
  size_t n = 0;
  const char *last7;

  if (m->state == ST_ONLINE)
    return RC_ERROR;
  /* ATI4 shows the dial string as given, without its blanks. */
  n = 0;
  for (const char *q = p; *q != '\0' && *q != ';' && n < sizeof m->last_dialed - 1; q++)
    if (*q != ' ')
      m->last_dialed[n++] = toupper ((unsigned char) *q);
  m->last_dialed[n] = '\0';
  n = 0;
  for (; *p != '\0' && *p != ';'; p++)
    {
      if (toupper ((unsigned char) *p) == 'P' || toupper ((unsigned char) *p) == 'T')
        m->pulse = toupper ((unsigned char) *p) == 'P';
      if ((isdigit ((unsigned char) *p) || *p == '*' || *p == '#') && n < sizeof digits - 1)
        digits[n++] = *p;
    }
  /* Letters (T, P, W, @, !, R), ',' and '-', ' ', '(', ')', '.' are dial modifiers or
   * punctuation, as on a real modem: only the digits choose the outcome. */
  digits[n] = '\0';
  if (*p == ';')
    return RC_OK;
  last7 = n >= 7 ? digits + n - 7 : digits;
  m->call = &unknown_number;
  for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
    if (strcmp (outcomes[i].number, last7) == 0)
      m->call = &outcomes[i];
  logf_line (m, "dialling %s", digits);
  if (caller_called_back (m, digits))
    return RC_NONE;
  if (m->call->delay_ms == 0)
    {
      int r = m->call->result;
      m->call = NULL;
      return r;
    }
  m->state = ST_DIALING;
  m->deadline = now_ms () + m->call->delay_ms;
  if (m->call->result == RC_NO_ANSWER && m->s[7] * 1000 < m->call->delay_ms)
    m->deadline = now_ms () + m->s[7] * 1000;
  return RC_NONE;
}

static void
answer_call (Modem *m)
{
  const Outcome *o = m->call;

  m->state = ST_COMMAND;
  m->deadline = 0;
  if (o->kind == CALL_FAIL)
    {
      m->call = NULL;
      result (m, o->result, NULL);
      return;
    }
  m->state = ST_ONLINE;
  m->online_cmd = false;
  m->plus_count = 0;
  m->last_rx = now_ms ();
  m->login_tries = 0;
  result (m, RC_CONNECT, o->connect);
  m->connected_at = now_ms ();
  m->call_tx = m->call_rx = 0;
  m->bytes_per_s = atoi (o->connect) / 8.0;
  m->up_tokens = m->down_tokens = 0;
  m->pace_last = m->connected_at;
  if (o->kind == CALL_PPP || o->kind == CALL_DIES || o->kind == CALL_DROPS)
    start_pppd (m, o->auth);
  else if (o->kind == CALL_LOGIN)
    {
      puts_line (m, "\r\n\r\nDialtone Test ISP\r\n");
      login_prompt (m);
    }
}
