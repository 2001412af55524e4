/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test ISP modem's side of the serial line: what the host sends.  Online, its bytes go
 * to the call (pppd or the login prompt) unless they are the "+++" escape between two guard
 * times (S12); in command mode they are AT command lines (echo, S3 and S5, A/), which this
 * interprets: the basic commands, S-registers, & settings, the identification commands
 * and +FCLASS.  Not compiled on its own: modem.c includes it, last before the main loop. */

/* ---- online data and the "+++" escape ------------------------------------------------- */

static bool
far_end_dead (Modem *m)
{
  return m->call != NULL && m->call->kind == CALL_DIES &&
         now_ms () - m->connected_at >= DIES_AFTER_MS;
}

static void
online_data (Modem *m, const unsigned char *data, size_t len)
{
  if (far_end_dead (m))
    return;
  if (m->pppd > 0 && m->pty_master >= 0)
    {
      if (write (m->pty_master, data, len) < 0)
        return; /* a full pty drops bytes, as a line would */
      m->call_tx += len;
    }
  else if (m->call != NULL && m->call->kind == CALL_LOGIN)
    for (size_t i = 0; i < len; i++)
      {
        if (m->state != ST_ONLINE || m->pppd > 0)
          {
            online_data (m, data + i, len - i);
            return;
          }
        login_input (m, data[i]);
      }
  /* CALL_SILENT: nothing ever answers. */
}

static int
guard_ms (Modem *m)
{
  return m->s[12] * 20;
}

static void
flush_pluses (Modem *m)
{
  unsigned char plus[3] = { m->s[2], m->s[2], m->s[2] };
  int n = m->plus_count;

  m->plus_count = 0;
  if (n > 0)
    online_data (m, plus, n);
}

static void
online_input (Modem *m, const unsigned char *data, size_t len)
{
  int64_t t = now_ms ();
  size_t start = 0;

  for (size_t i = 0; i < len; i++)
    {
      bool is_plus = data[i] == m->s[2] && m->s[2] < 128;
      bool plus_ok = is_plus && m->plus_count < 3
                     && (m->plus_count == 0 ? t - m->last_rx >= guard_ms (m)
                                            : t - m->plus_time < guard_ms (m));
      if (plus_ok)
        {
          if (i > start)
            online_data (m, data + start, i - start);
          start = i + 1;
          m->plus_count++;
          m->plus_time = t;
        }
      else if (m->plus_count > 0)
        {
          if (i > start)
            online_data (m, data + start, i - start);
          start = i;
          flush_pluses (m);
        }
      m->last_rx = t;
    }
  if (len > start)
    online_data (m, data + start, len - start);
}

/* ---- AT commands ---------------------------------------------------------------------- */

static int
parse_number (const char **p)
{
  int v = 0;

  while (isdigit ((unsigned char) **p))
    {
      if (v < 1000)
        v = v * 10 + (**p - '0');
      (*p)++;
    }
  return v;
}

static int
register_cmd (Modem *m, const char **p)
{
  int reg = parse_number (p);

  if (reg >= 100)
    return RC_ERROR;
  if (**p == '?')
    {
      char buf[8];
      (*p)++;
      snprintf (buf, sizeof buf, "%03d", m->s[reg]);
      info (m, buf);
      return RC_OK;
    }
  if (**p != '=')
    return RC_ERROR;
  (*p)++;
  if (!isdigit ((unsigned char) **p))
    return RC_ERROR;
  int v = parse_number (p);
  if (v > 255)
    return RC_ERROR;
  m->s[reg] = v;
  return RC_OK;
}

/* The V.250 identification commands and +FCLASS, as the U.S. Robotics modem answers them;
 * any other extended command is an ERROR, as there.  Consumes the command up to ';'. */
static int
extended_cmd (Modem *m, const char **pp)
{
  char name[32];
  size_t len = 0;
  const char *p = *pp;

  while (*p != '\0' && *p != ';' && len < sizeof name - 1)
    name[len++] = toupper ((unsigned char) *p++);
  name[len] = '\0';
  while (*p != '\0' && *p != ';')
    p++;
  if (*p == ';')
    p++;
  *pp = p;

  if (usr_identification (m, name))
    ;
  else if (strcmp (name, "FCLASS=?") == 0)
    info (m, "0,1,2.0");
  else if (strcmp (name, "FCLASS?") == 0)
    info (m, m->fclass);
  else if (strcmp (name, "FCLASS=0") == 0 || strcmp (name, "FCLASS=1") == 0 ||
           strcmp (name, "FCLASS=2.0") == 0)
    snprintf (m->fclass, sizeof m->fclass, "%s", name + strlen ("FCLASS="));
  else
    return RC_ERROR;
  return RC_OK;
}

/* Runs one AT command line (the text after "AT"), and reports its final result. */
static void
execute (Modem *m, const char *p)
{
  int r = RC_OK;

  while (*p != '\0' && r == RC_OK)
    {
      char c = toupper ((unsigned char) *p++);
      int n;

      switch (c)
        {
        case ' ':
          break;
        case 'D':
          r = dial (m, p);
          p += strlen (p);
          break;
        case 'E':
        case 'V':
        case 'Q':
        case 'X':
        case 'L':
        case 'M':
        case 'H':
        case 'Z':
        case 'O':
        case 'B':
        case 'N':
        case 'W':
        case 'I':
        case 'P':
        case 'T':
        case 'A':
          n = parse_number (&p);
          if (c == 'E' && n <= 1)
            m->echo = n;
          else if (c == 'V' && n <= 1)
            m->verbose = n;
          else if (c == 'Q' && n <= 1)
            m->quiet = n;
          else if (c == 'X' && n <= 4)
            m->x_level = n;
          else if (c == 'L' && n <= 3)
            m->l_level = n;
          else if (c == 'M' && n <= 3)
            m->m_level = n;
          else if (c == 'H' && n <= 1)
            {
              if (m->state == ST_ONLINE)
                end_call (m, false);
            }
          else if (c == 'Z' && n <= 1)
            {
              if (m->state == ST_ONLINE)
                end_call (m, false);
              reset_settings (m);
            }
          else if (c == 'O' && n <= 1)
            {
              if (m->state != ST_ONLINE)
                {
                  result (m, RC_NO_CARRIER, NULL);
                  return;
                }
              m->online_cmd = false;
              m->last_rx = now_ms ();
              result (m, RC_CONNECT, m->call->connect);
              return;
            }
          else if (c == 'I' && n <= 9)
            usr_info (m, n);
          else if (c == 'B' && n <= 1)
            m->b_level = n;
          else if (c == 'P' || c == 'T')
            m->pulse = c == 'P';
          else if (c == 'A' && m->state != ST_ONLINE && caller.phase == CP_RINGING)
            {
              connect_caller (m);
              r = RC_NONE;
            }
          else if (c == 'A' && m->state != ST_ONLINE)
            r = RC_NO_CARRIER; /* answering: nobody is calling */
          else if (!(c == 'N' || c == 'W'))
            r = RC_ERROR;
          break;
        case 'S':
          r = register_cmd (m, &p);
          break;
        case '+':
          r = extended_cmd (m, &p);
          break;
        case '&':
          c = toupper ((unsigned char) *p);
          if (c == '\0')
            {
              result (m, RC_ERROR, NULL);
              return;
            }
          p++;
          n = parse_number (&p);
          /* &F0–&F2 are USR's factory templates; this modem has the one. */
          if (c == 'F' && n <= 2)
            reset_settings (m);
          else if (c == 'W' || c == 'Z')
            ;
          else
            r = usr_ampersand (m, c, n);
          break;
        default:
          r = RC_ERROR;
          break;
        }
    }
  if (r != RC_NONE)
    result (m, r, NULL);
}

static void
command_line (Modem *m)
{
  const char *p;

  m->cmd[m->cmd_len] = '\0';
  m->cmd_len = 0;
  if (m->cmd_overflow)
    {
      m->cmd_overflow = false;
      result (m, RC_ERROR, NULL);
      return;
    }
  /* Anything before "AT" is line noise, and a line without "AT" gets no answer. */
  for (p = m->cmd; p[0] != '\0' && p[1] != '\0'; p++)
    if (toupper ((unsigned char) p[0]) == 'A' && toupper ((unsigned char) p[1]) == 'T')
      break;
  if (p[0] == '\0' || p[1] == '\0')
    return;
  logf_line (m, "<- %s", p);
  if (strncasecmp (p + 2, "#CALLER ", 8) == 0)
    {
      result (m, arm_caller (m, p + 10), NULL);
      return;
    }
  snprintf (m->last_cmd, sizeof m->last_cmd, "%s", p + 2);
  execute (m, p + 2);
}

static void
command_input (Modem *m, unsigned char c)
{
  if (m->echo)
    put (m, &c, 1);
  if (c == m->s[3])
    {
      command_line (m);
      return;
    }
  if (c == m->s[5] || c == 127)
    {
      if (m->cmd_len > 0)
        m->cmd_len--;
      return;
    }
  if (c == '/' && m->cmd_len > 0 && toupper ((unsigned char) m->cmd[m->cmd_len - 1]) == 'A')
    {
      /* A/ repeats the last command line at once. */
      m->cmd_len = 0;
      logf_line (m, "<- A/ (AT%s)", m->last_cmd);
      execute (m, m->last_cmd);
      return;
    }
  if (c == '\n' || c == '\0')
    return;
  if (m->cmd_len < sizeof m->cmd - 1)
    m->cmd[m->cmd_len++] = c;
  else
    m->cmd_overflow = true;
}

static void
serial_input (Modem *m, const unsigned char *data, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      if (m->state == ST_DIALING)
        {
          /* Any key aborts a dial, as on a real modem. */
          m->state = ST_COMMAND;
          m->call = NULL;
          m->deadline = 0;
          result (m, RC_NO_CARRIER, NULL);
          continue;
        }
      if (m->state == ST_ONLINE && !m->online_cmd)
        {
          online_input (m, data + i, len - i);
          return;
        }
      command_input (m, data[i]);
    }
}
