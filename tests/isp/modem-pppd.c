/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The test ISP modem's pppd: a call's pppd runs on a pty pair whose master this modem relays
 * to the line.  Starting it with the boot's and the number's options (and, for F_REVOKE, a
 * chap-secrets of its own in a private mount), reading its log (which tells when the peer
 * authenticated, and when IPv6CP is up for F_RA's router advertisements), dropping carrier
 * at the end of a call and reaping what exits.  Not compiled on its own: modem.c includes
 * it, after the Modem, result() and the output helpers. */

static void
add_arg (char **argv, int *argc, int max, const char *arg)
{
  if (*argc < max - 1)
    argv[(*argc)++] = (char *) arg;
}

/* F_RA: one router advertisement of 2001:db8:64:<line>::/64 to all nodes on the call's ppp
 * device, as radvd would send it.  The kernel fills in the ICMPv6 checksum and the
 * link-local source. */
static void
send_ra (Modem *m)
{
  unsigned char ra[16 + 32] = {
    134, 0, 0, 0,           /* type, code, checksum */
    64, 0, 0x07, 0x08,      /* hop limit, flags, router lifetime 1800 s */
    0, 0, 0, 0, 0, 0, 0, 0, /* reachable time, retransmission timer */
    3, 4, 64, 0xc0,         /* prefix information: length 32, /64, on-link, autonomous */
    0, 1, 0x51, 0x80,       /* valid lifetime 86400 s */
    0, 0, 0x38, 0x40,       /* preferred lifetime 14400 s */
    0, 0, 0, 0,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64, 0, 0,
  };
  struct sockaddr_in6 to = { .sin6_family = AF_INET6 };
  int hops = 255;
  unsigned index = if_nametoindex (m->ppp_ifname);
  int fd = socket (AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);

  ra[38] = m->line >> 8;
  ra[39] = m->line & 0xff;
  inet_pton (AF_INET6, "ff02::1", &to.sin6_addr);
  to.sin6_scope_id = index;
  if (fd < 0 || index == 0
      || setsockopt (fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof hops) < 0
      || setsockopt (fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof index) < 0
      || sendto (fd, ra, sizeof ra, 0, (struct sockaddr *) &to, sizeof to) < 0)
    logf_line (m, "router advertisement on %s failed: %s", m->ppp_ifname, strerror (errno));
  if (fd >= 0)
    close (fd);
}

static void
start_advertising (Modem *m)
{
  char command[160];

  if (m->ppp_ifname[0] == '\0')
    return;
  snprintf (command, sizeof command, "ip -6 addr add 2001:db8:64:%x::1/64 dev %s",
            m->line, m->ppp_ifname);
  if (system (command) != 0)
    logf_line (m, "%s failed", command);
  logf_line (m, "router advertisements of 2001:db8:64:%x::/64 on %s", m->line, m->ppp_ifname);
  send_ra (m);
  m->next_ra = now_ms () + RA_INTERVAL_MS;
}

/* F_REVOKE: the call's own chap-secrets, first a copy of the ISP's. */
static bool
copy_secrets (Modem *m)
{
  char buf[4096];
  int in = open ("/etc/ppp/chap-secrets", O_RDONLY | O_CLOEXEC);
  int out;
  ssize_t n;

  snprintf (m->secrets, sizeof m->secrets, "/tmp/chap-secrets-line%d", m->line);
  out = open (m->secrets, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (in < 0 || out < 0)
    return false;
  while ((n = read (in, buf, sizeof buf)) > 0)
    if (write (out, buf, n) != n)
      break;
  close (in);
  close (out);
  return true;
}

/* Empties the file in place: the mount in pppd's namespace shows the same inode. */
static void
revoke_secrets (Modem *m)
{
  static const char text[] = "# every secret revoked for this call\n";
  int fd = open (m->secrets, O_WRONLY | O_TRUNC | O_CLOEXEC);

  if (fd >= 0 && write (fd, text, sizeof text - 1) == (ssize_t) sizeof text - 1)
    logf_line (m, "chap-secrets revoked: the next re-challenge fails");
  if (fd >= 0)
    close (fd);
}

/* The pty pair a pppd runs on; FALSE when there is none to be had. */
static bool
open_pty (Modem *m, char *slave_name, size_t size)
{
  m->pty_master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (m->pty_master < 0 || grantpt (m->pty_master) < 0 || unlockpt (m->pty_master) < 0
      || ptsname_r (m->pty_master, slave_name, size) != 0)
    {
      logf_line (m, "cannot make a pty: %s", strerror (errno));
      return false;
    }
  /* Held open for the whole call, so that the master never sees a hang-up before pppd has
   * opened its end; closing the master is what tells pppd that carrier is gone. */
  m->pty_slave = open (slave_name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  {
    struct termios t;
    if (tcgetattr (m->pty_slave, &t) == 0)
      {
        cfmakeraw (&t);
        tcsetattr (m->pty_slave, TCSANOW, &t);
      }
  }
  fcntl (m->pty_master, F_SETFL, O_NONBLOCK);
  return true;
}

/* Runs pppd with @argv (NULL-terminated), its output into the log pipe; with @secrets (a
 * file), in a mount namespace of its own where that file is /etc/ppp/chap-secrets. */
static void
fork_pppd (Modem *m, char **argv, const char *secrets)
{
  int pipefd[2];

  if (pipe2 (pipefd, O_CLOEXEC) < 0)
    return;
  m->pppd = fork ();
  if (m->pppd == 0)
    {
      int devnull = open ("/dev/null", O_RDWR);
      dup2 (devnull, 0);
      dup2 (pipefd[1], 1);
      dup2 (pipefd[1], 2);
      setsid ();
      signal (SIGCHLD, SIG_DFL);
      signal (SIGPIPE, SIG_DFL);
      if (secrets != NULL && (unshare (CLONE_NEWNS) < 0 ||
                              mount (secrets, "/etc/ppp/chap-secrets", NULL, MS_BIND, NULL) < 0))
        _exit (126);
      execv (argv[0], argv);
      _exit (127);
    }
  close (pipefd[1]);
  m->log_pipe = pipefd[0];
  m->log_len = 0;
}

static void
start_pppd (Modem *m, const char *auth)
{
  static char addr[64];
  static char unit[16];
  char slave_name[64];
  char *argv[128];
  int argc = 0;
  char *opts_copy = NULL;
  char *call_opts = NULL;
  bool revoke;

  if (!open_pty (m, slave_name, sizeof slave_name))
    return;
  if (auth == NULL)
    auth = boot_auth;
  snprintf (addr, sizeof addr, "10.64.0.1:10.64.0.%d", 10 + m->line);
  snprintf (unit, sizeof unit, "%d", m->line - 1);

  add_arg (argv, &argc, 128, "/usr/sbin/pppd");
  add_arg (argv, &argc, 128, slave_name);
  const char *fixed[] = {
    "nodetach", "local", "nocrtscts", "debug", "name", "dialtone-isp", "unit", unit,
    addr, "netmask", "255.255.255.255", "ms-dns", "10.64.0.53", "ms-dns", "10.64.0.54",
    "lcp-echo-interval", "10", "lcp-echo-failure", "3", "+ipv6", NULL,
  };
  for (int i = 0; fixed[i] != NULL; i++)
    add_arg (argv, &argc, 128, fixed[i]);
  if (strcmp (auth, "pap") == 0)
    {
      add_arg (argv, &argc, 128, "auth");
      add_arg (argv, &argc, 128, "require-pap");
    }
  else if (strcmp (auth, "chap") == 0)
    {
      add_arg (argv, &argc, 128, "auth");
      add_arg (argv, &argc, 128, "require-chap");
    }
  else if (strcmp (auth, "mschapv2") == 0)
    {
      add_arg (argv, &argc, 128, "auth");
      add_arg (argv, &argc, 128, "require-mschap-v2");
    }
  else if (strcmp (auth, "eap") == 0)
    {
      add_arg (argv, &argc, 128, "auth");
      add_arg (argv, &argc, 128, "require-eap");
    }
  else
    add_arg (argv, &argc, 128, "noauth");
  if (extra_opts != NULL)
    {
      opts_copy = strdup (extra_opts);
      for (char *tok = strtok (opts_copy, " \t\n"); tok != NULL; tok = strtok (NULL, " \t\n"))
        add_arg (argv, &argc, 128, tok);
    }
  if (m->call != NULL && m->call->opts != NULL)
    {
      call_opts = strdup (m->call->opts);
      for (char *tok = strtok (call_opts, " "); tok != NULL; tok = strtok (NULL, " "))
        add_arg (argv, &argc, 128, tok);
    }
  m->authenticated_at = 0;
  m->next_ra = 0;
  m->ppp_ifname[0] = '\0';
  revoke = m->call != NULL && (m->call->flags & F_REVOKE) && copy_secrets (m);
  argv[argc] = NULL;

  {
    char joined[1024] = "";
    for (int i = 2; i < argc; i++)
      {
        strncat (joined, argv[i], sizeof joined - strlen (joined) - 2);
        strncat (joined, " ", sizeof joined - strlen (joined) - 1);
      }
    logf_line (m, "starting pppd on %s (auth %s): %s", slave_name, auth, joined);
  }

  fork_pppd (m, argv, revoke ? m->secrets : NULL);
  free (opts_copy);
  free (call_opts);
}

static void
flush_pppd_log (Modem *m, bool all)
{
  char *start = m->logbuf;
  char *nl;

  while ((nl = memchr (start, '\n', m->log_len - (start - m->logbuf))) != NULL)
    {
      *nl = '\0';
      if (strncmp (start, "Using interface ", 16) == 0)
        snprintf (m->ppp_ifname, sizeof m->ppp_ifname, "%s", start + 16);
      if (strncmp (start, "remote LL address ", 18) == 0 && m->call != NULL &&
          (m->call->flags & F_RA))
        start_advertising (m);
      if (m->authenticated_at == 0 && (strstr (start, "sent [CHAP Success") != NULL ||
                                       strstr (start, "sent [EAP Success") != NULL ||
                                       strstr (start, "sent [PAP AuthAck") != NULL))
        {
          m->authenticated_at = now_ms ();
          if (m->call != NULL && (m->call->flags & F_REVOKE))
            revoke_secrets (m);
        }
      char out[1200];
      int n = snprintf (out, sizeof out, "line%d pppd: %s\n", m->line, start);
      caller_saw (m, start);
      if (write (2, out, n > (int) sizeof out - 1 ? (int) sizeof out - 1 : n) < 0)
        break;
      start = nl + 1;
    }
  m->log_len -= start - m->logbuf;
  memmove (m->logbuf, start, m->log_len);
  if (m->log_len == sizeof m->logbuf || (all && m->log_len > 0))
    {
      m->logbuf[m->log_len == sizeof m->logbuf ? m->log_len - 1 : m->log_len] = '\n';
      if (m->log_len < sizeof m->logbuf)
        m->log_len++;
      flush_pppd_log (m, false);
      m->log_len = 0;
    }
}

static void
read_pppd_log (Modem *m)
{
  ssize_t n = read (m->log_pipe, m->logbuf + m->log_len, sizeof m->logbuf - m->log_len);

  if (n <= 0)
    {
      flush_pppd_log (m, true);
      close (m->log_pipe);
      m->log_pipe = -1;
      return;
    }
  m->log_len += n;
  flush_pppd_log (m, false);
}

/* Drops carrier: pppd sees its tty hang up.  It gets SIGTERM too, and SIGKILL if it is still
 * there a few seconds later (see reap_children). */
static void
end_call (Modem *m, bool report)
{
  usr_call_ended (m, report ? "Loss of carrier" : "Escape code");
  if (m->pty_master >= 0)
    close (m->pty_master);
  if (m->pty_slave >= 0)
    close (m->pty_slave);
  m->pty_master = m->pty_slave = -1;
  if (m->pppd > 0)
    {
      kill (m->pppd, SIGTERM);
      for (size_t i = 0; i < sizeof zombies / sizeof zombies[0]; i++)
        if (zombies[i].pid == 0)
          {
            zombies[i].pid = m->pppd;
            zombies[i].kill_at = now_ms () + 2000;
            break;
          }
      m->pppd = 0;
    }
  m->state = ST_COMMAND;
  m->online_cmd = false;
  m->call = NULL;
  m->plus_count = 0;
  if (report)
    result (m, RC_NO_CARRIER, NULL);
}

static void
reap_children (Modem *m)
{
  int status;
  pid_t pid;

  while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
    {
      for (size_t i = 0; i < sizeof zombies / sizeof zombies[0]; i++)
        if (zombies[i].pid == pid)
          zombies[i].pid = 0;
      if (pid == caller.pid && pid != m->pppd)
        caller_pppd_exited (m, status);
      if (pid == m->pppd)
        {
          logf_line (m, "pppd exited (%s %d)", WIFEXITED (status) ? "status" : "signal",
                     WIFEXITED (status) ? WEXITSTATUS (status) : WTERMSIG (status));
          m->pppd = 0;
          if (m->log_pipe >= 0)
            read_pppd_log (m);
          if (m->state == ST_ONLINE)
            end_call (m, true);
          if (pid == caller.pid)
            caller_pppd_exited (m, status);
        }
    }
}
