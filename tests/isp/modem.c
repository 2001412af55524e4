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

/* The rest of the modem, each part after the ones it uses. */
#include "modem-pppd.c"     /* pppd on a pty pair, its log, the end of a call */
#include "modem-outcomes.c" /* the outcomes table, dialling and answering, the login prompt */
#include "modem-caller.c"   /* dial-in mode (AT#CALLER) */
#include "modem-at.c"       /* the host's side: AT commands, online data and "+++" */

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
