/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test ISP modem's dial-in mode (AT#CALLER; tests/isp/README.md, "A caller"): a pppd in
 * the guest dials out through chat on a pty pair whose other end is this modem, playing the
 * caller's modem, and the host's line rings.  Not compiled on its own: modem.c includes it,
 * after what it uses (the Modem, result(), the pty and pppd helpers). */

/* ---- a caller (dial-in mode, AT#CALLER) ----------------------------------------------- */

static void __attribute__ ((format (printf, 2, 3)))
caller_log (Modem *m, const char *fmt, ...)
{
  char buf[600];
  int n = snprintf (buf, sizeof buf, "line%d caller: ", m->line);
  va_list ap;

  va_start (ap, fmt);
  n += vsnprintf (buf + n, sizeof buf - n - 1, fmt, ap);
  va_end (ap);
  if (n > (int) sizeof buf - 2)
    n = sizeof buf - 2;
  buf[n++] = '\n';
  if (write (2, buf, n) < 0)
    return;
}

/* To the caller's chat, on its pty: what its own modem says. */
static void
caller_put (Modem *m, const char *text)
{
  if (m->pty_master >= 0 && write (m->pty_master, text, strlen (text)) < 0)
    return;
}

/* A pppd that dials out (or, @answering, waits for our RING to call it back), as caller.user
 * with this attempt's password. */
static void
start_caller_pppd (Modem *m, bool answering)
{
  static char slave_name[64];
  char *argv[64];
  int argc = 0;
  const char *password = caller.passwords[caller.attempt < caller.n_passwords ? caller.attempt
                                                                              : 0];
  const char *fixed[] = {
    "/usr/sbin/pppd", slave_name, "nodetach", "local", "nocrtscts", "debug", "noauth",
    "noipdefault", "usepeerdns", "defaultroute", "lcp-echo-interval", "0", NULL,
  };

  if (!open_pty (m, slave_name, sizeof slave_name))
    return;
  for (int i = 0; fixed[i] != NULL; i++)
    add_arg (argv, &argc, 64, fixed[i]);
  add_arg (argv, &argc, 64, "user");
  add_arg (argv, &argc, 64, caller.user);
  if (caller.n_passwords > 0 && strcmp (password, "-") != 0)
    {
      add_arg (argv, &argc, 64, "password");
      add_arg (argv, &argc, 64, password);
    }
  if (strcmp (caller.auth, "pap") == 0 || strcmp (caller.auth, "chap") == 0)
    add_arg (argv, &argc, 64, "refuse-mschap-v2");
  if (strcmp (caller.auth, "pap") == 0 || strcmp (caller.auth, "mschapv2") == 0)
    add_arg (argv, &argc, 64, "refuse-chap");
  if (strcmp (caller.auth, "chap") == 0 || strcmp (caller.auth, "mschapv2") == 0)
    add_arg (argv, &argc, 64, "refuse-pap");
  if (caller.auth[0] != '\0')
    {
      add_arg (argv, &argc, 64, "refuse-mschap");
      add_arg (argv, &argc, 64, "refuse-eap");
    }
  if (!answering && caller.callback[0] != '\0')
    {
      add_arg (argv, &argc, 64, "callback");
      add_arg (argv, &argc, 64, caller.callback);
    }
  add_arg (argv, &argc, 64, "connect");
  add_arg (argv, &argc, 64, answering
           ? "/usr/sbin/chat -t 90 RING ATA CONNECT ''"
           : "/usr/sbin/chat -t 45 ABORT BUSY ABORT 'NO CARRIER' ABORT 'NO ANSWER' '' AT OK "
             "ATDT5551234 CONNECT ''");
  argv[argc] = NULL;
  caller_log (m, "starting pppd on %s as %s (%s, attempt %d%s%s)%s", slave_name, caller.user,
              caller.auth[0] ? caller.auth : "any authentication", caller.attempt + 1,
              caller.n_passwords > 0 && strcmp (password, "-") != 0 ? ", a password of its own"
                                                                     : "",
              caller.callback[0] && !answering ? ", callback" : "",
              answering ? ": waiting to be called back" : "");
  caller.phase = answering ? CP_WAIT_CALLBACK : CP_DIALING;
  caller.line_len = 0;
  fork_pppd (m, argv, NULL);
  caller.pid = m->pppd;
  caller.callback_agreed = false;
}

/* The two modems are connected: CONNECT on both sides, then bytes flow. */
static void
connect_caller (Modem *m)
{
  caller_log (m, "connected");
  m->state = ST_ONLINE;
  m->deadline = 0;
  m->online_cmd = false;
  m->plus_count = 0;
  m->last_rx = now_ms ();
  m->call = &caller_call;
  result (m, RC_CONNECT, caller_call.connect);
  caller_put (m, "\r\nCONNECT 33600\r\n");
  m->connected_at = now_ms ();
  m->bytes_per_s = atoi (caller_call.connect) / 8.0;
  m->up_tokens = m->down_tokens = 0;
  m->pace_last = m->connected_at;
  caller.phase = CP_ONLINE;
}

/* A command line from the caller's chat. */
static void
caller_command (Modem *m, const char *line)
{
  while (*line != '\0' && toupper ((unsigned char) *line) != 'A')
    line++;
  if (strncasecmp (line, "ATD", 3) == 0 && caller.phase == CP_DIALING)
    {
      caller_log (m, "dialling %s: ringing the line", line + 3);
      caller.phase = CP_RINGING;
      caller.rings = 0;
      caller.ring_at = now_ms ();
    }
  else if (strncasecmp (line, "ATA", 3) == 0 && caller.phase == CP_RING_CALLER)
    connect_caller (m);
  else if (strncasecmp (line, "AT", 2) == 0)
    caller_put (m, "\r\nOK\r\n");
}

static void
caller_input (Modem *m, const unsigned char *data, size_t len)
{
  for (size_t i = 0; i < len; i++)
    {
      if (data[i] == '\r' || data[i] == '\n')
        {
          caller.line[caller.line_len] = '\0';
          if (caller.line_len > 0)
            caller_command (m, caller.line);
          caller.line_len = 0;
        }
      else if (caller.line_len < sizeof caller.line - 1)
        caller.line[caller.line_len++] = data[i];
    }
}

/* The host dials while the caller waits for its callback: its modem rings. */
static bool
caller_called_back (Modem *m, const char *digits)
{
  if (caller.phase != CP_WAIT_CALLBACK)
    return false;
  caller_log (m, "called back at %s: ringing the caller", digits);
  caller.phase = CP_RING_CALLER;
  caller.rings = 0;
  caller.ring_at = now_ms () + 300;
  m->state = ST_DIALING;
  m->call = &unknown_number;
  m->deadline = now_ms () + 60000;
  return true;
}

static void
caller_pings (Modem *m, const char *peer)
{
  char targets[200];
  char warm_up[200] = "";
  char cmd[800];
  const char *ifname = caller.ifname[0] != '\0' ? caller.ifname : "ppp0";

  if (caller.pings[0] == '\0')
    return;
  snprintf (targets, sizeof targets, "%s", caller.pings);
  for (char *p = targets; *p != '\0'; p++)
    if (*p == ',')
      *p = ' ';
  if (strncmp (targets, "peer", 4) == 0)
    {
      char rest[200];
      snprintf (rest, sizeof rest, "%s%s", peer, targets + 4);
      snprintf (targets, sizeof targets, "%s", rest);
      /* pppd says "remote IP address" when IPCP is up, which is before the answering side
       * has its network device: wait (30 s at most) for the first answer, so that the three
       * pings counted are the link's, not its setting up. */
      snprintf (warm_up, sizeof warm_up,
                "i=0; while [ $i -lt 30 ] && ! ping -I %s -c 1 -W 1 %s >/dev/null 2>&1; "
                "do i=$((i+1)); done; ", ifname, peer);
    }
  /* Bound to this call's interface: another line's caller may hold the guest's default route,
   * and an address beyond our side is reached through this link or not at all. */
  snprintf (cmd, sizeof cmd,
            "%sfor a in %s; do ping -I %s -c 3 -W 5 $a 2>&1 | sed 's/^/line%d caller: ping: /'; "
            "done", warm_up, targets, ifname, m->line);
  caller_log (m, "pinging %s", targets);
  if (fork () == 0)
    {
      dup2 (2, 1);
      setsid ();
      signal (SIGCHLD, SIG_DFL);
      execl ("/bin/sh", "sh", "-c", cmd, (char *) NULL);
      _exit (127);
    }
}

/* A line of the caller's pppd log. */
static void
caller_saw (Modem *m, const char *line)
{
  const char *remote = strstr (line, "remote IP address ");
  const char *ifname = strstr (line, "Using interface ");

  if (caller.phase == CP_NONE)
    return;
  if (ifname != NULL)
    sscanf (ifname + strlen ("Using interface "), "%15s", caller.ifname);
  if (strstr (line, "Call me back, please") != NULL)
    caller.callback_agreed = true;
  if (remote != NULL && caller.phase == CP_ONLINE)
    caller_pings (m, remote + strlen ("remote IP address "));
}

static void
caller_pppd_exited (Modem *m, int status)
{
  int code = WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  caller.pid = 0;
  if (m->pty_master >= 0 && m->state != ST_ONLINE)
    end_call (m, false);
  caller_log (m, "pppd exited (%d)", code);
  if (caller.callback_agreed && caller.callback[0] != '\0')
    {
      caller.callback_agreed = false;
      start_caller_pppd (m, true);
      return;
    }
  if ((code == 19 || code == 11) && caller.attempt + 1 < caller.n_passwords)
    {
      caller.attempt++;
      caller_log (m, "authentication failed: dialling again with another password");
      caller.phase = CP_WAITING;
      caller.start_at = now_ms () + 2000;
      return;
    }
  caller.phase = CP_NONE;
}

/* AT#CALLER key=value…: arms a caller (see README.md). */
static int
arm_caller (Modem *m, const char *p)
{
  char copy[256];
  int wait = 3000;

  memset (&caller, 0, sizeof caller);
  snprintf (copy, sizeof copy, "%s", p);
  for (char *tok = strtok (copy, " "); tok != NULL; tok = strtok (NULL, " "))
    {
      char *value = strchr (tok, '=');

      if (value == NULL)
        return RC_ERROR;
      *value++ = '\0';
      if (strcmp (tok, "user") == 0)
        snprintf (caller.user, sizeof caller.user, "%s", value);
      else if (strcmp (tok, "password") == 0)
        for (char *pw = strtok_r (value, ",", &value);
             pw != NULL && caller.n_passwords < MAX_ATTEMPTS; pw = strtok_r (NULL, ",", &value))
          snprintf (caller.passwords[caller.n_passwords++], sizeof caller.passwords[0], "%s", pw);
      else if (strcmp (tok, "auth") == 0)
        snprintf (caller.auth, sizeof caller.auth, "%s", value);
      else if (strcmp (tok, "callback") == 0)
        snprintf (caller.callback, sizeof caller.callback, "%s", value);
      else if (strcmp (tok, "cid") == 0)
        snprintf (caller.cid, sizeof caller.cid, "%s", value);
      else if (strcmp (tok, "ping") == 0)
        snprintf (caller.pings, sizeof caller.pings, "%s", value);
      else if (strcmp (tok, "wait") == 0)
        wait = atoi (value);
      else
        return RC_ERROR;
    }
  if (caller.user[0] == '\0' || m->state != ST_COMMAND)
    return RC_ERROR;
  caller.phase = CP_WAITING;
  caller.start_at = now_ms () + wait;
  caller_log (m, "armed: %s dials in %d ms (%s%s%s)", caller.user, wait,
              caller.auth[0] ? caller.auth : "any authentication",
              caller.callback[0] ? ", asks for a callback" : "",
              caller.n_passwords > 1 ? ", retries with another password" : "");
  return RC_OK;
}

static void
caller_timeout (Modem *m, int64_t t)
{
  if (caller.phase == CP_WAITING && t >= caller.start_at && m->state == ST_COMMAND)
    start_caller_pppd (m, false);
  else if (caller.phase == CP_RINGING && t >= caller.ring_at)
    {
      if (caller.rings >= CALLER_MAX_RINGS)
        {
          caller_log (m, "nobody answered");
          caller_put (m, "\r\nNO ANSWER\r\n");
          caller.phase = CP_DIALING;
          return;
        }
      caller.rings++;
      result (m, RC_RING, NULL);
      if (caller.rings == 1 && caller.cid[0] != '\0')
        {
          char nmbr[64];
          snprintf (nmbr, sizeof nmbr, "NMBR = %s", caller.cid);
          info (m, nmbr);
        }
      caller.ring_at = t + CALLER_RING_MS;
    }
  else if (caller.phase == CP_RING_CALLER && t >= caller.ring_at)
    {
      caller_put (m, "\r\nRING\r\n");
      caller.ring_at = t + CALLER_RING_MS;
    }
}

static int64_t
caller_next (void)
{
  if (caller.phase == CP_WAITING)
    return caller.start_at;
  if (caller.phase == CP_RINGING || caller.phase == CP_RING_CALLER)
    return caller.ring_at;
  return -1;
}
