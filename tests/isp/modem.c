/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test ISP's Hayes modem.  One instance runs in the QEMU guest for each modem line
 * (a guest serial port that the host sees as a pty).  It answers AT commands the way a real
 * V.34 modem does, and the dialled number chooses what the "call" does: connect and run a
 * real pppd server on a pty pair that this program relays to the line, show a login prompt
 * first, go silent, or fail with BUSY, NO CARRIER, NO DIALTONE, NO ANSWER or ERROR.  While a
 * call is up it watches for the "+++" escape with guard times, and it reports NO CARRIER
 * when pppd ends the call.  Every event and every line pppd logs goes to stderr (the guest
 * console, a file on the host) prefixed with "lineN ", so that tests can read them.
 *
 * Built on the host with `gcc -static`; it needs nothing but the C library.
 *
 * Dial-in mode (AT#CALLER, see "A caller" in README.md): the line rings for the host instead.
 * The command arms a caller: a real pppd in the guest that dials out through chat (ATDT…) on
 * a pty pair whose other end is this program, playing the caller's modem; the host's line
 * then rings (RING, with the caller ID), and the host's ATA connects the two.  pppd's
 * `callback` ends with exit status 14: a second pppd then waits for RING with chat, and the
 * host's ATD rings it.  Its log lines are "lineN pppd: …", and "lineN caller: …" for the
 * caller's own events and pings.
 *
 * Usage: dt-modem TTY LINE-NUMBER
 * Kernel command line: dialtone.auth=pap|chap|mschapv2|none, dialtone.pppd=HEX (extra pppd
 * options, hex-encoded so that any spaces and quotes survive the command line). */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { RC_OK = 0, RC_CONNECT = 1, RC_RING = 2, RC_NO_CARRIER = 3, RC_ERROR = 4, RC_NO_DIALTONE = 6,
       RC_BUSY = 7, RC_NO_ANSWER = 8, RC_NONE = -1 };

static const char *const result_text[] = {
  [RC_OK] = "OK", [RC_CONNECT] = "CONNECT", [RC_RING] = "RING", [RC_NO_CARRIER] = "NO CARRIER",
  [RC_ERROR] = "ERROR", [5] = "CONNECT 1200", [RC_NO_DIALTONE] = "NO DIALTONE", [RC_BUSY] = "BUSY",
  [RC_NO_ANSWER] = "NO ANSWER",
};

/* CALL_DIES: PPP as usual, then the far end goes dead (DIES_AFTER_MS after CONNECT): nothing
 * more crosses the line in either direction, as when an ISP's equipment loses power. */
/* CALL_DROPS: PPP as usual, then the modem loses carrier (DROPS_AFTER_MS after CONNECT): NO
 * CARRIER to the caller, and pppd sees its line hang up. */
typedef enum { CALL_PPP, CALL_LOGIN, CALL_SILENT, CALL_FAIL, CALL_DIES, CALL_DROPS } CallKind;

#define DIES_AFTER_MS 8000
#define DROPS_AFTER_MS 8000

/* Outcome flags.  F_REVOKE: pppd reads its chap-secrets from a copy of its own (a private
 * mount over /etc/ppp/chap-secrets), which loses every secret once pppd's log shows it sent
 * the peer a Success, so that its next CHAP re-challenge is refused.  F_DROP: the line drops
 * (pppd sees "Modem hangup", the caller NO CARRIER) DROP_AFTER_MS after that success. */
enum { F_REVOKE = 1 << 0, F_DROP = 1 << 1, F_RA = 1 << 2 };

/* F_RA: once IPv6CP is up (pppd's "remote LL address"), the guest takes 2001:db8:64:N::1/64
 * on the call's ppp device (N: the line) and sends a router advertisement of that prefix
 * (autonomous, on-link) every RA_INTERVAL_MS, so that the caller can form a global address
 * with its own Interface-Identifier (RFC 4862, RFC 5072 §5). */
#define RA_INTERVAL_MS 2000

#define DROP_AFTER_MS 30000

typedef struct
{
  const char *number;
  CallKind kind;
  int result;          /* CALL_FAIL only */
  const char *connect; /* text after "CONNECT " */
  const char *auth;    /* NULL: the boot default */
  int delay_ms;
  const char *opts;    /* pppd options of this number's own, after the boot's */
  int flags;
} Outcome;

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

typedef enum { ST_COMMAND, ST_DIALING, ST_ONLINE } State;

typedef struct
{
  int line;
  int fd;
  State state;
  bool online_cmd; /* escaped to command mode with a call up */
  const Outcome *call;
  int64_t deadline; /* dial result, in monotonic ms; 0: none */

  bool echo, verbose, quiet, pulse;
  int x_level, l_level, m_level, b_level;
  int s[100];
  int amp[26];     /* the & settings ATI4 shows, by letter; -1 for the others */
  char fclass[32]; /* +FCLASS: 0 data, 1 or 2.0 fax */
  char last_dialed[64];

  /* For ATI6: the call up now, and the last one. */
  uint64_t call_tx, call_rx;
  struct
  {
    char connect[48];
    int64_t online_ms;
    uint64_t tx, rx;
    const char *reason;
  } last;

  char cmd[256];
  size_t cmd_len;
  bool cmd_overflow;
  char last_cmd[256];

  /* The call: pppd on a pty pair, its log pipe, and the "+++" detector. */
  int pty_master, pty_slave, log_pipe;
  pid_t pppd;
  char logbuf[1024];
  size_t log_len;
  int64_t last_rx, plus_time;
  int64_t connected_at;
  int64_t authenticated_at;  /* pppd said the peer authenticated; 0: not yet */
  char secrets[64];          /* F_REVOKE: this call's chap-secrets */
  char ppp_ifname[32];       /* pppd's "Using interface" */
  int64_t next_ra;           /* F_RA: when the next advertisement goes; 0: none */

  /* The line between the two modems runs at the CONNECT speed, 8 bits a byte (V.42 strips
   * the start and stop bits), whatever the serial port's speed: bytes wait in each
   * direction until the line has carried the ones before them.  0: not paced. */
  double bytes_per_s;
  double up_tokens, down_tokens;   /* bytes each direction may carry now */
  int64_t pace_last;
  int plus_count;

  /* CALL_LOGIN */
  bool login_password;
  char user[64], password[64];
  size_t in_len;
  int login_tries;
} Modem;

/* A caller armed with AT#CALLER: who dials in, how, and what it does once connected. */
#define MAX_ATTEMPTS 4
typedef enum { CP_NONE, CP_WAITING, CP_DIALING, CP_RINGING, CP_ONLINE, CP_WAIT_CALLBACK,
               CP_RING_CALLER } CallerPhase;
typedef struct
{
  CallerPhase phase;
  char user[64];
  char passwords[MAX_ATTEMPTS][64];   /* one per attempt; "-": the secrets file's */
  int n_passwords, attempt;
  char auth[16];                      /* pap, chap, mschapv2, or "" for any */
  char callback[64];                  /* pppd's `callback` number, or "" */
  char cid[32];                       /* sent as "NMBR = …" after the first RING */
  char pings[128];                    /* "peer" or addresses, comma-separated */
  char ifname[16];                    /* its pppd's interface ("Using interface ppp3") */
  int64_t start_at, ring_at;
  int rings;
  pid_t pid;
  bool callback_agreed;               /* its log said "Call me back, please" */
  char line[128];
  size_t line_len;
} Caller;

static Caller caller;
static const Outcome caller_call = { "", CALL_PPP, RC_CONNECT, "33600", NULL, 0 };
#define CALLER_RING_MS 1500
#define CALLER_MAX_RINGS 15

static const char *boot_auth = "chap";
static char *extra_opts = NULL;
static int sigchld_pipe[2] = { -1, -1 };
typedef struct
{
  pid_t pid;
  int64_t kill_at;
} Zombie;
static Zombie zombies[8]; /* pppd processes told to go, SIGKILLed if they linger */

static int64_t
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void __attribute__ ((format (printf, 2, 3)))
logf_line (Modem *m, const char *fmt, ...)
{
  char buf[1200];
  int n = snprintf (buf, sizeof buf, "line%d modem: ", m->line);
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

static void
put (Modem *m, const void *data, size_t len)
{
  const char *p = data;

  while (len > 0)
    {
      ssize_t w = write (m->fd, p, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        {
          if (errno == EAGAIN)
            {
              struct pollfd pfd = { m->fd, POLLOUT, 0 };
              poll (&pfd, 1, 100);
              continue;
            }
          return;
        }
      p += w;
      len -= w;
    }
}

static void
puts_line (Modem *m, const char *s)
{
  put (m, s, strlen (s));
}

/* An information text (S-register value, ATI): framed like a verbose result. */
static void
info (Modem *m, const char *text)
{
  char buf[4096];

  if (m->verbose)
    snprintf (buf, sizeof buf, "%c%c%s%c%c", m->s[3], m->s[4], text, m->s[3], m->s[4]);
  else
    snprintf (buf, sizeof buf, "%s%c%c", text, m->s[3], m->s[4]);
  puts_line (m, buf);
}

/* ---- identity: a U.S. Robotics 56K Faxmodem (5686), firmware 4.12.1 ------------------ */

#include "modem-usr.c"

/* A final result code, as X, V and Q say; `connect` is the text after "CONNECT ". */
static void
result (Modem *m, int code, const char *connect)
{
  char buf[300];
  const char *text = result_text[code];

  /* Hayes X levels: X0/X1 report NO CARRIER for busy and no dial tone, X2 adds NO DIALTONE,
   * X3 adds BUSY, X4 both.  X0 reports a bare CONNECT. */
  if (code == RC_NO_DIALTONE && m->x_level != 2 && m->x_level < 4)
    code = RC_NO_CARRIER;
  if (code == RC_BUSY && m->x_level < 3)
    code = RC_NO_CARRIER;
  text = result_text[code];
  if (code == RC_CONNECT && connect != NULL && m->x_level > 0)
    {
      snprintf (buf, sizeof buf, "CONNECT %s", connect);
      text = buf;
    }
  logf_line (m, "-> %s", text);
  if (m->quiet)
    return;
  if (m->verbose)
    {
      char out[320];
      snprintf (out, sizeof out, "%c%c%s%c%c", m->s[3], m->s[4], text, m->s[3], m->s[4]);
      puts_line (m, out);
    }
  else
    {
      char out[16];
      snprintf (out, sizeof out, "%d%c", code, m->s[3]);
      puts_line (m, out);
    }
}

static void
reset_settings (Modem *m)
{
  m->echo = true;
  m->verbose = true;
  m->quiet = false;
  m->x_level = 4;
  m->l_level = 2;
  m->m_level = 1;
  strcpy (m->fclass, "0");
  usr_factory (m);
}

/* The caller of dial-in mode (below). */
static void caller_saw (Modem *m, const char *line);
static void caller_pppd_exited (Modem *m, int status);
static bool caller_called_back (Modem *m, const char *digits);

/* ---- pppd ----------------------------------------------------------------------------- */

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

#include "modem-caller.c"

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

/* ---- main loop ------------------------------------------------------------------------ */

static void
on_sigchld (int sig)
{
  int saved = errno;

  if (write (sigchld_pipe[1], "c", 1) < 0)
    errno = saved;
  errno = saved;
}

static void
read_cmdline (void)
{
  static char buf[4096];
  FILE *f = fopen ("/proc/cmdline", "r");
  size_t n;

  if (f == NULL)
    return;
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  for (char *tok = strtok (buf, " \n"); tok != NULL; tok = strtok (NULL, " \n"))
    {
      if (strncmp (tok, "dialtone.auth=", 14) == 0)
        boot_auth = tok + 14;
      else if (strncmp (tok, "dialtone.pppd=", 14) == 0)
        {
          const char *hex = tok + 14;
          size_t len = strlen (hex) / 2;
          extra_opts = calloc (len + 1, 1);
          for (size_t i = 0; i < len; i++)
            {
              unsigned v = 0;
              sscanf (hex + 2 * i, "%2x", &v);
              extra_opts[i] = v ? (char) v : ' ';
            }
        }
    }
}

static int
open_serial (const char *path)
{
  struct termios t;
  int fd = open (path, O_RDWR | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return -1;
  if (tcgetattr (fd, &t) == 0)
    {
      cfmakeraw (&t);
      cfsetispeed (&t, B115200);
      cfsetospeed (&t, B115200);
      t.c_cflag |= CLOCAL | CREAD;
      t.c_cflag &= ~CRTSCTS;
      t.c_cc[VMIN] = 1;
      t.c_cc[VTIME] = 0;
      tcsetattr (fd, TCSANOW, &t);
    }
  tcflush (fd, TCIOFLUSH);
  return fd;
}

static bool
drop_pending (Modem *m)
{
  return m->state == ST_ONLINE && m->call != NULL && (m->call->flags & F_DROP) &&
         m->authenticated_at > 0;
}

static int
next_timeout (Modem *m, int64_t t)
{
  int64_t next = -1;

  if (m->state == ST_DIALING)
    next = m->deadline;
  if (m->state == ST_ONLINE && !m->online_cmd && m->plus_count > 0)
    next = m->plus_time + guard_ms (m);
  if (drop_pending (m) && (next < 0 || m->authenticated_at + DROP_AFTER_MS < next))
    next = m->authenticated_at + DROP_AFTER_MS;
  if (m->next_ra > 0 && m->state == ST_ONLINE && (next < 0 || m->next_ra < next))
    next = m->next_ra;
  if (m->state == ST_ONLINE && m->call != NULL && m->call->kind == CALL_DROPS
      && (next < 0 || m->connected_at + DROPS_AFTER_MS < next))
    next = m->connected_at + DROPS_AFTER_MS;
  for (size_t i = 0; i < sizeof zombies / sizeof zombies[0]; i++)
    if (zombies[i].pid > 0 && (next < 0 || zombies[i].kill_at < next))
      next = zombies[i].kill_at;
  if (caller_next () >= 0 && (next < 0 || caller_next () < next))
    next = caller_next ();
  if (next < 0)
    return -1;
  return next <= t ? 0 : (int) (next - t);
}

static void
on_timeout (Modem *m, int64_t t)
{
  caller_timeout (m, t);
  if (drop_pending (m) && t >= m->authenticated_at + DROP_AFTER_MS)
    {
      logf_line (m, "the line drops");
      end_call (m, true);
    }
  if (m->next_ra > 0 && m->state == ST_ONLINE && t >= m->next_ra)
    {
      send_ra (m);
      m->next_ra = t + RA_INTERVAL_MS;
    }
  if (m->state != ST_ONLINE)
    m->next_ra = 0;
  if (m->state == ST_DIALING && t >= m->deadline)
    answer_call (m);
  else if (m->state == ST_ONLINE && m->call != NULL && m->call->kind == CALL_DROPS
           && t - m->connected_at >= DROPS_AFTER_MS)
    {
      logf_line (m, "carrier lost");
      end_call (m, true);
    }
  else if (m->state == ST_ONLINE && !m->online_cmd && m->plus_count > 0
           && t - m->plus_time >= guard_ms (m))
    {
      if (m->plus_count == 3)
        {
          m->plus_count = 0;
          m->online_cmd = true;
          logf_line (m, "escape sequence: online command mode");
          result (m, RC_OK, NULL);
        }
      else
        flush_pluses (m);
    }
  for (size_t i = 0; i < sizeof zombies / sizeof zombies[0]; i++)
    if (zombies[i].pid > 0 && t >= zombies[i].kill_at)
      {
        kill (zombies[i].pid, SIGKILL);
        zombies[i].kill_at = t + 60000;
      }
}

/* Pacing: a burst of at most 50 ms of line time, so that latency stays modem-like. */
#define PACE_BURST_MS 50

static bool
paced (Modem *m)
{
  return m->state == ST_ONLINE && !m->online_cmd && m->bytes_per_s > 0;
}

static void
pace_refill (Modem *m, int64_t t)
{
  double cap = m->bytes_per_s * PACE_BURST_MS / 1000.0 + 1;
  double add = (t - m->pace_last) * m->bytes_per_s / 1000.0;

  m->pace_last = t;
  m->up_tokens = m->up_tokens + add > cap ? cap : m->up_tokens + add;
  m->down_tokens = m->down_tokens + add > cap ? cap : m->down_tokens + add;
}

/* Bytes move in chunks of up to 32, as a UART's FIFO hands them over, rather than one
 * wake-up per byte. */
#define PACE_CHUNK 32

/* How many bytes one direction may carry now, out of @want. */
static size_t
pace_allowance (Modem *m, double tokens, size_t want)
{
  if (!paced (m))
    return want;
  return tokens < PACE_CHUNK ? 0 : (size_t) tokens < want ? (size_t) tokens : want;
}

/* Milliseconds until a direction that is out of tokens may carry a chunk again; -1: none
 * is waiting. */
static int
pace_timeout (Modem *m)
{
  if (!paced (m) || (m->up_tokens >= PACE_CHUNK && m->down_tokens >= PACE_CHUNK))
    return -1;
  return (int) (1000.0 * PACE_CHUNK / m->bytes_per_s) + 1;
}

static void
relay_pppd (Modem *m)
{
  unsigned char buf[4096];
  size_t room = pace_allowance (m, m->down_tokens, sizeof buf);
  ssize_t n = room > 0 ? read (m->pty_master, buf, room) : 0;

  if (n > 0 && paced (m))
    m->down_tokens -= n;
  if (n > 0 && caller.phase != CP_NONE && caller.phase != CP_ONLINE)
    caller_input (m, buf, n);
  else if (n > 0 && !m->online_cmd && !far_end_dead (m))
    {
      put (m, buf, n);
      m->call_rx += (uint64_t) n;
    }
}

int
main (int argc, char **argv)
{
  Modem modem = { .pty_master = -1, .pty_slave = -1, .log_pipe = -1 };
  Modem *m = &modem;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s TTY LINE\n", argv[0]);
      return 2;
    }
  m->line = atoi (argv[2]);
  read_cmdline ();
  reset_settings (m);
  m->fd = open_serial (argv[1]);
  if (m->fd < 0)
    {
      logf_line (m, "cannot open %s: %s", argv[1], strerror (errno));
      return 1;
    }
  if (pipe2 (sigchld_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
    return 1;
  signal (SIGCHLD, on_sigchld);
  signal (SIGPIPE, SIG_IGN);
  logf_line (m, "ready on %s (auth %s, extra pppd options: %s)", argv[1], boot_auth,
             extra_opts ? extra_opts : "none");

  for (;;)
    {
      int64_t t = now_ms ();
      int timeout, pace;

      pace_refill (m, t);
      struct pollfd fds[4] = {
        { pace_allowance (m, m->up_tokens, 1) ? m->fd : -1, POLLIN, 0 },
        { sigchld_pipe[0], POLLIN, 0 },
        { m->online_cmd || !pace_allowance (m, m->down_tokens, 1) ? -1 : m->pty_master,
          POLLIN, 0 },
        { m->log_pipe, POLLIN, 0 },
      };
      timeout = next_timeout (m, t);
      pace = pace_timeout (m);
      if (pace >= 0 && (timeout < 0 || pace < timeout))
        timeout = pace;
      int r = poll (fds, 4, timeout);

      if (r < 0 && errno != EINTR)
        return 1;
      t = now_ms ();
      if (fds[0].revents & POLLIN)
        {
          unsigned char buf[4096];
          ssize_t n = read (m->fd, buf, pace_allowance (m, m->up_tokens, sizeof buf));
          if (n > 0 && paced (m))
            m->up_tokens -= n;
          if (n > 0)
            serial_input (m, buf, n);
        }
      if (fds[2].revents & POLLIN && m->pty_master >= 0)
        relay_pppd (m);
      if (fds[3].revents & (POLLIN | POLLHUP) && m->log_pipe >= 0)
        read_pppd_log (m);
      if (fds[1].revents & POLLIN)
        {
          char drain[64];
          while (read (sigchld_pipe[0], drain, sizeof drain) > 0)
            ;
          reap_children (m);
        }
      on_timeout (m, now_ms ());
    }
}
