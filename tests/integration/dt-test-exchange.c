/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange: see dt-test-exchange.h. */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt-test-exchange.h"

typedef enum { IDLE, DIALING, RINGING, ONLINE } Phase;

typedef struct {
  int master;
  char *slave;
  guint watch;
  Phase phase;
  gboolean escaped;          /* online, but in command mode after "+++" */
  char line[128];
  gsize line_len;
  GString *dialed;
} Side;

struct _DtTestExchange
{
  Side side[2];
  guint ring_id;
  guint rewatch_id;
};

static void
say (Side       *side,
     const char *text)
{
  g_autofree char *framed = g_strdup_printf ("\r\n%s\r\n", text);

  if (write (side->master, framed, strlen (framed)) < 0)
    g_test_message ("exchange: %s lost", text);
}

static void
hang_up (DtTestExchange *self,
         guint           i,
         gboolean        tell_other)
{
  Side *other = &self->side[1 - i];

  if (self->side[i].phase == IDLE)
    return;
  g_test_message ("exchange: side %u hangs up", i);
  g_clear_handle_id (&self->ring_id, g_source_remove);
  if (tell_other && other->phase != IDLE)
    say (other, "NO CARRIER");
  self->side[i].phase = other->phase = IDLE;
  self->side[i].escaped = other->escaped = FALSE;
}

static gboolean
on_ring (gpointer data)
{
  DtTestExchange *self = data;

  for (guint i = 0; i < 2; i++)
    if (self->side[i].phase == RINGING)
      say (&self->side[i], "RING");
  return G_SOURCE_CONTINUE;
}

static void
command (DtTestExchange *self,
         guint           i,
         const char     *line)
{
  Side *side = &self->side[i];
  Side *other = &self->side[1 - i];

  while (*line != '\0' && g_ascii_toupper (*line) != 'A')
    line++;
  if (g_ascii_strncasecmp (line, "AT", 2) != 0)
    return;
  g_test_message ("exchange: side %u <- %s", i, line);
  if (g_ascii_strncasecmp (line, "ATD", 3) == 0 && side->phase == IDLE)
    {
      g_string_append_printf (side->dialed, "%s%s", side->dialed->len ? ", " : "", line + 4);
      if (other->phase != IDLE)
        {
          say (side, "BUSY");
          return;
        }
      side->phase = DIALING;
      other->phase = RINGING;
      on_ring (self);
      self->ring_id = g_timeout_add (1000, on_ring, self);
    }
  else if (g_ascii_strncasecmp (line, "ATA", 3) == 0 && side->phase == RINGING)
    {
      g_clear_handle_id (&self->ring_id, g_source_remove);
      side->phase = other->phase = ONLINE;
      say (side, "CONNECT 33600");
      say (other, "CONNECT 33600");
    }
  else if (g_ascii_strncasecmp (line, "ATA", 3) == 0)
    say (side, "NO CARRIER");
  else if (g_ascii_strncasecmp (line, "ATH", 3) == 0 || g_ascii_strncasecmp (line, "ATZ", 3) == 0)
    {
      hang_up (self, i, TRUE);
      say (side, "OK");
    }
  else if (g_ascii_strncasecmp (line, "ATO", 3) == 0 && side->escaped)
    {
      side->escaped = FALSE;
      say (side, "CONNECT 33600");
    }
  else
    say (side, "OK");
}

static void
input (DtTestExchange *self,
       guint           i,
       const guint8   *data,
       gsize           len)
{
  Side *side = &self->side[i];

  if (side->phase == ONLINE && !side->escaped)
    {
      if (len == 3 && memcmp (data, "+++", 3) == 0)
        {
          side->escaped = TRUE;
          say (side, "OK");
          return;
        }
      if (write (self->side[1 - i].master, data, len) < 0)
        g_test_message ("exchange: %zu bytes lost", len);
      return;
    }
  for (gsize k = 0; k < len; k++)
    {
      if (data[k] == '\r' || data[k] == '\n')
        {
          side->line[side->line_len] = '\0';
          if (side->line_len > 0)
            command (self, i, side->line);
          side->line_len = 0;
        }
      else if (side->line_len < sizeof side->line - 1)
        side->line[side->line_len++] = data[k];
    }
}

static gboolean on_readable (int fd, GIOCondition condition, gpointer data);

static gboolean
on_rewatch (gpointer data)
{
  DtTestExchange *self = data;

  self->rewatch_id = 0;
  for (guint i = 0; i < 2; i++)
    if (self->side[i].watch == 0 && self->side[i].master >= 0)
      self->side[i].watch = g_unix_fd_add (self->side[i].master, G_IO_IN, on_readable, self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_readable (int           fd,
             GIOCondition  condition,
             gpointer      data)
{
  DtTestExchange *self = data;
  guint i = fd == self->side[0].master ? 0 : 1;
  guint8 buf[4096];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n > 0)
    {
      input (self, i, buf, n);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && errno == EAGAIN)
    return G_SOURCE_CONTINUE;
  /* Nobody holds the slave: the port was closed, which drops DTR and hangs up. */
  hang_up (self, i, TRUE);
  self->side[i].line_len = 0;
  self->side[i].watch = 0;
  if (self->rewatch_id == 0)
    self->rewatch_id = g_timeout_add (20, on_rewatch, self);
  return G_SOURCE_REMOVE;
}

DtTestExchange *
dt_test_exchange_new (void)
{
  DtTestExchange *self = g_new0 (DtTestExchange, 1);

  for (guint i = 0; i < 2; i++)
    {
      Side *side = &self->side[i];

      side->master = posix_openpt (O_RDWR | O_NOCTTY | O_NONBLOCK);
      g_assert_cmpint (side->master, >=, 0);
      g_assert_cmpint (grantpt (side->master), ==, 0);
      g_assert_cmpint (unlockpt (side->master), ==, 0);
      side->slave = g_strdup (ptsname (side->master));
      side->dialed = g_string_new (NULL);
      side->watch = g_unix_fd_add (side->master, G_IO_IN, on_readable, self);
    }
  return self;
}

void
dt_test_exchange_free (DtTestExchange *self)
{
  g_clear_handle_id (&self->ring_id, g_source_remove);
  g_clear_handle_id (&self->rewatch_id, g_source_remove);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_handle_id (&self->side[i].watch, g_source_remove);
      if (self->side[i].master >= 0)
        close (self->side[i].master);
      g_free (self->side[i].slave);
      g_string_free (self->side[i].dialed, TRUE);
    }
  g_free (self);
}

void
dt_test_exchange_cut (DtTestExchange *self,
                      guint           side)
{
  hang_up (self, side, TRUE);
  g_clear_handle_id (&self->side[side].watch, g_source_remove);
  close (self->side[side].master);
  self->side[side].master = -1;
}

const char *
dt_test_exchange_get_line (DtTestExchange *self,
                           guint           side)
{
  return self->side[side].slave;
}

const char *
dt_test_exchange_get_dialed (DtTestExchange *self,
                             guint           side)
{
  return self->side[side].dialed->str;
}
