/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemPeer: the scripted modem on a pty master.  See dt-modem-peer.h.
 *
 * It behaves as the Hayes manual says a modem does, because the code under test must work
 * with real modems: it only takes lines that start with "AT", it ends a command at CR, it
 * aborts a dial in progress on any received character (answering NO CARRIER), and in data
 * mode it honours "+++" only between two guard times (one second, as S12 = 50, unless a
 * test shortens it), answering OK when the second guard time has passed. */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#include "dt-modem-peer.h"


typedef struct {
  char *prefix;
  char *reply;        /* NULL: stay silent (a dial then rings on until aborted) */
  gboolean connects;
} Script;

struct _DtModemPeer
{
  int master;
  int slave;
  char *device;

  gboolean echo;
  gboolean numeric;
  gboolean silent;
  gint64 guard_us;
  GPtrArray *scripts;

  GString *command;
  gboolean online;
  gboolean dialing;
  GPtrArray *commands;
  GByteArray *received;
  GByteArray *data;
  GArray *chunks;

  guint watch_id;
  gint64 last_time;
  guint plus_count;
  gboolean escape_armed;
  guint escape_id;
};

static void
script_free (gpointer data)
{
  Script *script = data;

  g_free (script->prefix);
  g_free (script->reply);
  g_free (script);
}

static void
chunk_clear (gpointer data)
{
  DtModemPeerChunk *chunk = data;

  g_bytes_unref (chunk->bytes);
}

static void
write_all (DtModemPeer *peer,
           const char  *data,
           gsize        length)
{
  while (length > 0 && peer->master >= 0)
    {
      gssize n = write (peer->master, data, length);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          struct pollfd pfd = { peer->master, POLLOUT, 0 };

          poll (&pfd, 1, 100);
          continue;
        }
      g_assert_cmpint (n, >, 0);
      data += n;
      length -= (gsize) n;
    }
}

static void
send_result (DtModemPeer *peer,
             const char  *verbose,
             int          numeric)
{
  g_autofree char *text = peer->numeric ? g_strdup_printf ("%d\r", numeric)
                                        : g_strdup_printf ("\r\n%s\r\n", verbose);

  write_all (peer, text, strlen (text));
}

static void
handle_command (DtModemPeer *peer,
                const char  *command)
{
  g_ptr_array_add (peer->commands, g_strdup (command));
  if (peer->silent || g_ascii_strncasecmp (command, "AT", 2) != 0)
    return;

  for (guint i = 0; i < peer->scripts->len; i++)
    {
      Script *script = g_ptr_array_index (peer->scripts, i);

      if (g_ascii_strncasecmp (command, script->prefix, strlen (script->prefix)) != 0)
        continue;
      if (script->reply == NULL)
        {
          peer->dialing = g_ascii_strncasecmp (command, "ATD", 3) == 0
                          || g_ascii_strncasecmp (command, "ATA", 3) == 0;
          return;
        }
      write_all (peer, script->reply, strlen (script->reply));
      if (script->connects)
        {
          peer->online = TRUE;
          peer->plus_count = 0;
          peer->last_time = g_get_monotonic_time ();
        }
      return;
    }

  if (g_ascii_strncasecmp (command, "ATD", 3) == 0 || g_ascii_strncasecmp (command, "ATA", 3) == 0)
    {
      send_result (peer, "CONNECT 33600", 1);
      peer->online = TRUE;
      peer->plus_count = 0;
      peer->last_time = g_get_monotonic_time ();
      return;
    }
  send_result (peer, "OK", 0);
}

static void
command_byte (DtModemPeer *peer,
              char         c)
{
  if (peer->dialing)
    {
      /* Any character aborts a dial, and is lost. */
      peer->dialing = FALSE;
      send_result (peer, "NO CARRIER", 3);
      return;
    }
  if (peer->echo)
    write_all (peer, &c, 1);
  if (c == '\r')
    {
      if (peer->command->len > 0)
        handle_command (peer, peer->command->str);
      g_string_truncate (peer->command, 0);
    }
  else if (c != '\n')
    g_string_append_c (peer->command, c);
}

static gboolean
on_escape_guard (gpointer user_data)
{
  DtModemPeer *peer = user_data;

  peer->escape_id = 0;
  peer->online = FALSE;
  peer->plus_count = 0;
  g_string_truncate (peer->command, 0);
  send_result (peer, "OK", 0);
  return G_SOURCE_REMOVE;
}

static void
data_byte (DtModemPeer *peer,
           char         c,
           gint64       silence)
{
  /* A byte inside the second guard time makes "+++" plain data. */
  g_clear_handle_id (&peer->escape_id, g_source_remove);

  if (c == '+')
    {
      if (peer->plus_count == 0)
        peer->escape_armed = silence >= peer->guard_us;
      peer->plus_count++;
      if (peer->plus_count == 3 && peer->escape_armed)
        peer->escape_id = g_timeout_add ((guint) (peer->guard_us / 1000), on_escape_guard, peer);
    }
  else
    peer->plus_count = 0;
  g_byte_array_append (peer->data, (const guint8 *) &c, 1);
}

static gboolean
on_master_readable (int          fd,
                    GIOCondition condition,
                    gpointer     user_data)
{
  DtModemPeer *peer = user_data;
  char buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);
  gint64 now = g_get_monotonic_time ();
  DtModemPeerChunk chunk;

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      peer->watch_id = 0;
      return G_SOURCE_REMOVE;
    }

  chunk.time = now;
  chunk.bytes = g_bytes_new (buffer, (gsize) n);
  g_array_append_val (peer->chunks, chunk);
  g_byte_array_append (peer->received, (const guint8 *) buffer, (guint) n);

  for (gssize i = 0; i < n; i++)
    {
      if (peer->online)
        data_byte (peer, buffer[i], i == 0 ? now - peer->last_time : 0);
      else
        command_byte (peer, buffer[i]);
    }
  peer->last_time = now;
  return G_SOURCE_CONTINUE;
}

DtModemPeer *
dt_modem_peer_new (void)
{
  DtModemPeer *peer = g_new0 (DtModemPeer, 1);
  char name[256];
  struct termios t;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (openpty (&peer->master, &peer->slave, name, NULL, NULL), ==, 0);
  peer->device = g_strdup (name);
  /* The peer keeps its own slave fd: the tty then outlives the opens and closes of the code
   * under test, as a real serial port does, and the master never sees a hang-up. */
  g_assert_cmpint (tcgetattr (peer->slave, &t), ==, 0);
  cfmakeraw (&t);
  g_assert_cmpint (tcsetattr (peer->slave, TCSANOW, &t), ==, 0);
  g_assert_true (g_unix_set_fd_nonblocking (peer->master, TRUE, &error));
  g_assert_no_error (error);

  peer->echo = TRUE;
  peer->guard_us = G_USEC_PER_SEC;
  peer->scripts = g_ptr_array_new_with_free_func (script_free);
  peer->command = g_string_new (NULL);
  peer->commands = g_ptr_array_new_with_free_func (g_free);
  peer->received = g_byte_array_new ();
  peer->data = g_byte_array_new ();
  peer->chunks = g_array_new (FALSE, FALSE, sizeof (DtModemPeerChunk));
  g_array_set_clear_func (peer->chunks, chunk_clear);
  peer->watch_id = g_unix_fd_add (peer->master, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                  on_master_readable, peer);
  return peer;
}

void
dt_modem_peer_free (DtModemPeer *peer)
{
  g_clear_handle_id (&peer->watch_id, g_source_remove);
  g_clear_handle_id (&peer->escape_id, g_source_remove);
  if (peer->master >= 0)
    close (peer->master);
  close (peer->slave);
  g_free (peer->device);
  g_ptr_array_unref (peer->scripts);
  g_string_free (peer->command, TRUE);
  g_ptr_array_unref (peer->commands);
  g_byte_array_unref (peer->received);
  g_byte_array_unref (peer->data);
  g_array_unref (peer->chunks);
  g_free (peer);
}

const char *
dt_modem_peer_get_device (DtModemPeer *peer)
{
  return peer->device;
}

/* The peer's own slave fd, to look at the termios the code under test set. */
int
dt_modem_peer_get_slave_fd (DtModemPeer *peer)
{
  return peer->slave;
}

void
dt_modem_peer_set_echo (DtModemPeer *peer,
                        gboolean     echo)
{
  peer->echo = echo;
}

void
dt_modem_peer_set_numeric (DtModemPeer *peer,
                           gboolean     numeric)
{
  peer->numeric = numeric;
}

/* A dead modem: it takes commands and answers nothing. */
void
dt_modem_peer_set_silent (DtModemPeer *peer,
                          gboolean     silent)
{
  peer->silent = silent;
}

/* S12: the silence "+++" needs on both sides, one second by default. */
void
dt_modem_peer_set_guard_time (DtModemPeer *peer,
                              guint        ms)
{
  peer->guard_us = (gint64) ms * 1000;
}

/* Commands starting with @command_prefix (case-insensitive) get @reply, byte for byte; the
 * first matching script wins.  @connects puts the peer online after the reply. */
void
dt_modem_peer_script (DtModemPeer *peer,
                      const char  *command_prefix,
                      const char  *reply,
                      gboolean     connects)
{
  Script *script = g_new0 (Script, 1);

  script->prefix = g_strdup (command_prefix);
  script->reply = g_strdup (reply);
  script->connects = connects;
  g_ptr_array_add (peer->scripts, script);
}

/* Writes raw bytes to the line: unsolicited results, PPP frames, noise. */
void
dt_modem_peer_send (DtModemPeer *peer,
                    const char  *data,
                    gssize       length)
{
  write_all (peer, data, length < 0 ? strlen (data) : (gsize) length);
}

/* Closes the master: the slave side then reads EIO and polls HUP, as on a dropped line. */
void
dt_modem_peer_hang_up (DtModemPeer *peer)
{
  g_clear_handle_id (&peer->watch_id, g_source_remove);
  if (peer->master >= 0)
    close (peer->master);
  peer->master = -1;
  peer->online = FALSE;
}

gboolean
dt_modem_peer_is_online (DtModemPeer *peer)
{
  return peer->online;
}

/* Every command line received (without its CR), in order. */
GPtrArray *
dt_modem_peer_get_commands (DtModemPeer *peer)
{
  return peer->commands;
}

/* Every byte received, in command and in data mode. */
GByteArray *
dt_modem_peer_get_received (DtModemPeer *peer)
{
  return peer->received;
}

/* The bytes received while online. */
GByteArray *
dt_modem_peer_get_data (DtModemPeer *peer)
{
  return peer->data;
}

/* Every read, with the time it arrived. */
GArray *
dt_modem_peer_get_chunks (DtModemPeer *peer)
{
  return peer->chunks;
}
