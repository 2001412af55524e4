/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The faulty line: see dt-test-line-proxy.h.  The proxy keeps its own fd on the pty's slave
 * side open, so that its master never sees a hang-up while the engine closes and reopens the
 * port between calls. */

#define _GNU_SOURCE /* memmem, ptsname_r */
#include "config.h"

#include "dt-test-line-proxy.h"
#include "dt-test-isp.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

typedef struct {
  double rate;
  guint64 bits_to_next;    /* bits that pass before the next flip */
  guint64 flips;
} Noise;

struct _DtTestLineProxy
{
  int master;
  int slave_keep;
  char *device;
  int upstream;
  guint master_watch;
  guint upstream_watch;
  gboolean lost_upstream;

  gboolean online;         /* a call is up: from CONNECT to NO CARRIER or the escape */
  GString *down_text;      /* the modem's recent text, for CONNECT and NO CARRIER */
  GString *up_text;        /* the engine's recent text, for "+++" and dial commands */
  GRand *rand;
  Noise to_engine, to_isp;
  DtTestGarble garble;
};

static void
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0 && fd >= 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          struct pollfd pfd = { fd, POLLOUT, 0 };

          poll (&pfd, 1, 100);
          continue;
        }
      if (n <= 0)
        return;   /* the other side is gone: the bytes are lost, as on a dead line */
      data += n;
      len -= n;
    }
}

static void
noise_reseed (DtTestLineProxy *self,
              Noise           *noise)
{
  double u = g_rand_double (self->rand);

  /* Geometric: the number of good bits before the next bad one. */
  noise->bits_to_next = noise->rate <= 0 ? G_MAXUINT64
                        : noise->rate >= 1 ? 0
                        : (guint64) floor (log1p (-u) / log1p (-noise->rate));
}

static void
apply_noise (DtTestLineProxy *self,
             Noise           *noise,
             guint8          *data,
             gsize            len)
{
  guint64 bit = 0, total = (guint64) len * 8;

  if (noise->rate <= 0 || !self->online)
    return;
  for (;;)
    {
      if (noise->bits_to_next >= total - bit)
        {
          noise->bits_to_next -= total - bit;
          return;
        }
      bit += noise->bits_to_next;
      data[bit / 8] ^= 1u << (bit % 8);
      noise->flips++;
      bit++;
      noise_reseed (self, noise);
    }
}

/* Keeps the last few hundred bytes of a direction's text, for the patterns below. */
static void
remember (GString      *text,
          const guint8 *data,
          gsize         len)
{
  g_string_append_len (text, (const char *) data, len);
  if (text->len > 512)
    g_string_erase (text, 0, text->len - 256);
}

static gboolean
saw (GString    *text,
     const char *needle)
{
  return memmem (text->str, text->len, needle, strlen (needle)) != NULL;
}

static void
garble (DtTestLineProxy *self,
        guint8          *data,
        gsize           *len)
{
  gsize n = *len;

  if (self->online || self->garble == DT_TEST_GARBLE_NONE)
    return;
  if (self->garble == DT_TEST_GARBLE_GARBAGE)
    {
      for (gsize i = 0; i < n; i++)
        {
          /* Anything but a line end, so that no answer is ever complete. */
          do
            data[i] = g_rand_int_range (self->rand, 0, 256);
          while (data[i] == '\r' || data[i] == '\n');
        }
      return;
    }
  /* Half lines: the first half of what came, without its line ends. */
  {
    gsize keep = (n + 1) / 2, j = 0;

    for (gsize i = 0; i < keep; i++)
      if (data[i] != '\r' && data[i] != '\n')
        data[j++] = data[i];
    *len = j;
  }
}

static void
to_engine (DtTestLineProxy *self,
           guint8          *data,
           gsize            len)
{
  remember (self->down_text, data, len);
  if (!self->online && saw (self->down_text, "CONNECT"))
    {
      /* The bytes that follow CONNECT are the far end's. */
      self->online = TRUE;
      g_string_truncate (self->down_text, 0);
    }
  else if (self->online && saw (self->down_text, "NO CARRIER"))
    {
      self->online = FALSE;
      g_string_truncate (self->down_text, 0);
    }
  garble (self, data, &len);
  apply_noise (self, &self->to_engine, data, len);
  write_all (self->master, data, len);
}

/* With no modem line: a local modem whose calls nobody answers. */
static void
answer_locally (DtTestLineProxy *self)
{
  char *end;

  while ((end = memchr (self->up_text->str, '\r', self->up_text->len)) != NULL)
    {
      g_autofree char *line = g_strndup (self->up_text->str, end - self->up_text->str);
      const char *answer = g_ascii_strncasecmp (g_strstrip (line), "ATD", 3) == 0
                           ? "\r\nNO CARRIER\r\n" : "\r\nOK\r\n";

      g_string_erase (self->up_text, 0, end - self->up_text->str + 1);
      if (g_ascii_strncasecmp (line, "AT", 2) == 0)
        write_all (self->master, (const guint8 *) answer, strlen (answer));
    }
}

static void close_upstream (DtTestLineProxy *self);

static gboolean
on_master_readable (int          fd,
                    GIOCondition condition,
                    gpointer     user_data)
{
  DtTestLineProxy *self = user_data;
  guint8 data[4096];
  ssize_t n = read (fd, data, sizeof data);

  if (n <= 0)
    return G_SOURCE_CONTINUE;
  if (self->upstream < 0)
    {
      g_string_append_len (self->up_text, (const char *) data, n);
      answer_locally (self);
      return G_SOURCE_CONTINUE;
    }
  remember (self->up_text, data, n);
  /* The escape is for the local modem: it never crosses the phone line. */
  if (self->online && saw (self->up_text, "+++"))
    {
      self->online = FALSE;
      g_string_truncate (self->up_text, 0);
    }
  apply_noise (self, &self->to_isp, data, n);
  write_all (self->upstream, data, n);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_upstream_readable (int          fd,
                      GIOCondition condition,
                      gpointer     user_data)
{
  DtTestLineProxy *self = user_data;
  guint8 data[4096];
  ssize_t n = read (fd, data, sizeof data);

  if (n > 0)
    {
      to_engine (self, data, n);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EINTR) && !(condition & (G_IO_HUP | G_IO_ERR)))
    return G_SOURCE_CONTINUE;
  /* The ISP is gone (its pty closed): the local modem loses carrier. */
  self->upstream_watch = 0;
  self->lost_upstream = TRUE;
  close_upstream (self);
  return G_SOURCE_REMOVE;
}

static void
close_upstream (DtTestLineProxy *self)
{
  static const guint8 no_carrier[] = "\r\nNO CARRIER\r\n";

  g_clear_handle_id (&self->upstream_watch, g_source_remove);
  if (self->upstream >= 0)
    close (self->upstream);
  self->upstream = -1;
  if (self->online)
    {
      self->online = FALSE;
      write_all (self->master, no_carrier, sizeof no_carrier - 1);
    }
  g_string_truncate (self->up_text, 0);
}

void
dt_test_line_proxy_set_upstream (DtTestLineProxy *self,
                                 const char      *upstream)
{
  close_upstream (self);
  self->lost_upstream = FALSE;
  if (upstream == NULL)
    return;
  self->upstream = dt_test_isp_open_line (upstream);
  g_assert_cmpint (self->upstream, >=, 0);
  self->upstream_watch = g_unix_fd_add (self->upstream, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                        on_upstream_readable, self);
}

DtTestLineProxy *
dt_test_line_proxy_new (const char *upstream)
{
  DtTestLineProxy *self = g_new0 (DtTestLineProxy, 1);
  char name[64];
  struct termios t;

  self->master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (self->master, >=, 0);
  g_assert_no_errno (grantpt (self->master));
  g_assert_no_errno (unlockpt (self->master));
  g_assert_cmpint (ptsname_r (self->master, name, sizeof name), ==, 0);
  self->device = g_strdup (name);
  self->slave_keep = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (self->slave_keep, >=, 0);
  if (tcgetattr (self->slave_keep, &t) == 0)
    {
      cfmakeraw (&t);
      tcsetattr (self->slave_keep, TCSANOW, &t);
    }
  g_unix_set_fd_nonblocking (self->master, TRUE, NULL);
  self->upstream = -1;
  self->down_text = g_string_new (NULL);
  self->up_text = g_string_new (NULL);
  self->rand = g_rand_new_with_seed (1);
  self->master_watch = g_unix_fd_add (self->master, G_IO_IN, on_master_readable, self);
  dt_test_line_proxy_set_upstream (self, upstream);
  return self;
}

void
dt_test_line_proxy_free (DtTestLineProxy *self)
{
  if (self == NULL)
    return;
  self->online = FALSE;
  close_upstream (self);
  g_clear_handle_id (&self->master_watch, g_source_remove);
  close (self->slave_keep);
  close (self->master);
  g_string_free (self->down_text, TRUE);
  g_string_free (self->up_text, TRUE);
  g_rand_free (self->rand);
  g_free (self->device);
  g_free (self);
}

const char *
dt_test_line_proxy_get_device (DtTestLineProxy *self)
{
  return self->device;
}

void
dt_test_line_proxy_set_noise (DtTestLineProxy *self,
                              double           to_engine_rate,
                              double           to_isp_rate,
                              guint32          seed)
{
  g_rand_set_seed (self->rand, seed);
  self->to_engine.rate = to_engine_rate;
  self->to_isp.rate = to_isp_rate;
  noise_reseed (self, &self->to_engine);
  noise_reseed (self, &self->to_isp);
}

guint64
dt_test_line_proxy_get_flips (DtTestLineProxy *self,
                              gboolean         towards_engine)
{
  return towards_engine ? self->to_engine.flips : self->to_isp.flips;
}

void
dt_test_line_proxy_set_garble (DtTestLineProxy *self,
                               DtTestGarble     mode)
{
  self->garble = mode;
}

gboolean
dt_test_line_proxy_lost_upstream (DtTestLineProxy *self)
{
  return self->lost_upstream;
}

gboolean
dt_test_line_proxy_is_online (DtTestLineProxy *self)
{
  return self->online;
}
