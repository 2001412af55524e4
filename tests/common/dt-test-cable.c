/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The null-modem cable: see dt-test-cable.h. */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "dt-test-cable.h"

struct _DtTestCable
{
  int master[2];
  char *slave[2];
  guint watch[2];
  guint rewatch;
};

static gboolean on_master_readable (int fd, GIOCondition condition, gpointer data);

static gboolean
on_rewatch (gpointer data)
{
  DtTestCable *self = data;

  for (int i = 0; i < 2; i++)
    if (self->watch[i] == 0)
      self->watch[i] = g_unix_fd_add (self->master[i], G_IO_IN, on_master_readable, self);
  self->rewatch = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
on_master_readable (int           fd,
                    GIOCondition  condition,
                    gpointer      data)
{
  DtTestCable *self = data;
  int i = fd == self->master[0] ? 0 : 1;
  guint8 buf[4096];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n > 0)
    {
      if (write (self->master[1 - i], buf, n) < 0)
        g_test_message ("cable: %zd bytes lost", n);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0 && errno == EAGAIN)
    return G_SOURCE_CONTINUE;
  self->watch[i] = 0;
  if (self->rewatch == 0)
    self->rewatch = g_timeout_add (20, on_rewatch, self);
  return G_SOURCE_REMOVE;
}

/* A cable has no terminal at its ends: a slave in the line discipline's cooked mode would
 * echo what arrives while nobody holds it, and the far end would hear itself (a looped-back
 * line).  The settings stay with the pty while its master is open. */
static void
make_raw (const char *slave)
{
  struct termios raw;
  int fd = open (slave, O_RDWR | O_NOCTTY | O_NONBLOCK);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (tcgetattr (fd, &raw), ==, 0);
  cfmakeraw (&raw);
  g_assert_cmpint (tcsetattr (fd, TCSANOW, &raw), ==, 0);
  close (fd);
}

DtTestCable *
dt_test_cable_new (void)
{
  DtTestCable *self = g_new0 (DtTestCable, 1);

  for (int i = 0; i < 2; i++)
    {
      self->master[i] = posix_openpt (O_RDWR | O_NOCTTY | O_NONBLOCK);
      g_assert_cmpint (self->master[i], >=, 0);
      g_assert_cmpint (grantpt (self->master[i]), ==, 0);
      g_assert_cmpint (unlockpt (self->master[i]), ==, 0);
      self->slave[i] = g_strdup (ptsname (self->master[i]));
      make_raw (self->slave[i]);
      self->watch[i] = g_unix_fd_add (self->master[i], G_IO_IN, on_master_readable, self);
    }
  return self;
}

void
dt_test_cable_free (DtTestCable *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->rewatch, g_source_remove);
  for (int i = 0; i < 2; i++)
    {
      g_clear_handle_id (&self->watch[i], g_source_remove);
      close (self->master[i]);
      g_free (self->slave[i]);
    }
  g_free (self);
}

const char *
dt_test_cable_get_end (DtTestCable *self,
                       guint        end)
{
  g_return_val_if_fail (end < 2, NULL);
  return self->slave[end];
}
