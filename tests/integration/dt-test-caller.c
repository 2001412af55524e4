/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scripted dial-in caller: see dt-test-caller.h. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dt-test-caller.h"
#include "dt-test-hdlc.h"

struct _DtTestCaller
{
  int fd;
  guint watch;
  DtTestHdlc *deframer;
  GByteArray *raw;           /* every byte received */
  GArray *frames;            /* DtTestCallerFrame */
};

static void
clear_frame (gpointer data)
{
  DtTestCallerFrame *frame = data;

  g_bytes_unref (frame->info);
}

static gboolean
on_readable (int           fd,
             GIOCondition  condition,
             gpointer      data)
{
  DtTestCaller *self = data;
  guint8 buf[4096];
  ssize_t n = read (fd, buf, sizeof buf);
  DtTestHdlcFrame *frame;

  if (n <= 0)
    {
      if (n < 0 && errno == EAGAIN)
        return G_SOURCE_CONTINUE;
      g_test_message ("caller: the line is gone (%s)", n < 0 ? g_strerror (errno) : "EOF");
      self->watch = 0;
      return G_SOURCE_REMOVE;
    }
  g_byte_array_append (self->raw, buf, n);
  dt_test_hdlc_feed (self->deframer, buf, n);
  while ((frame = dt_test_hdlc_pop (self->deframer)) != NULL)
    {
      g_autoptr (DtTestHdlcFrame) owned = frame;
      DtTestCallerFrame record = { 0 };
      const guint8 *info;
      gsize len;

      if (!frame->fcs_ok || !dt_test_ppp_parse (frame, &record.protocol, &info, &len))
        {
          g_test_message ("caller: a bad frame");
          continue;
        }
      record.info = g_bytes_new (info, len);
      g_test_message ("caller: rcvd %04x code %d id %d len %zu", record.protocol,
                      len > 0 ? info[0] : -1, len > 1 ? info[1] : -1, len);
      g_array_append_val (self->frames, record);
    }
  return G_SOURCE_CONTINUE;
}

DtTestCaller *
dt_test_caller_new (const char *device)
{
  DtTestCaller *self = g_new0 (DtTestCaller, 1);
  struct termios raw;

  self->fd = open (device, O_RDWR | O_NOCTTY | O_NONBLOCK);
  g_assert_cmpint (self->fd, >=, 0);
  /* A line, not a terminal: no echo, no line editing. */
  g_assert_cmpint (tcgetattr (self->fd, &raw), ==, 0);
  cfmakeraw (&raw);
  g_assert_cmpint (tcsetattr (self->fd, TCSANOW, &raw), ==, 0);
  self->deframer = dt_test_hdlc_new ();
  self->raw = g_byte_array_new ();
  self->frames = g_array_new (FALSE, TRUE, sizeof (DtTestCallerFrame));
  g_array_set_clear_func (self->frames, clear_frame);
  self->watch = g_unix_fd_add (self->fd, G_IO_IN, on_readable, self);
  return self;
}

void
dt_test_caller_hang_up (DtTestCaller *self)
{
  g_clear_handle_id (&self->watch, g_source_remove);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

void
dt_test_caller_free (DtTestCaller *self)
{
  dt_test_caller_hang_up (self);
  dt_test_hdlc_free (self->deframer);
  g_byte_array_unref (self->raw);
  g_array_unref (self->frames);
  g_free (self);
}

static void
write_all (DtTestCaller *self,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (self->fd, data, len);

      if (n < 0 && errno == EAGAIN)
        {
          dt_test_caller_spin (self, 5);
          continue;
        }
      g_assert_cmpint (n, >, 0);
      data += n;
      len -= n;
    }
}

void
dt_test_caller_write (DtTestCaller *self,
                      const char   *text)
{
  write_all (self, (const guint8 *) text, strlen (text));
}

void
dt_test_caller_spin (DtTestCaller *self,
                     guint         ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

gboolean
dt_test_caller_wait_text (DtTestCaller *self,
                          const char   *text,
                          guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  gsize n = strlen (text);

  for (;;)
    {
      for (gsize i = 0; i + n <= self->raw->len; i++)
        if (memcmp (self->raw->data + i, text, n) == 0)
          return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      dt_test_caller_spin (self, 2);
    }
}

void
dt_test_caller_send (DtTestCaller *self,
                     guint16       protocol,
                     const guint8 *packet,
                     gsize         len)
{
  g_autoptr (GBytes) wire = dt_test_hdlc_encode (protocol, packet, len, 0xffffffff);
  gsize size;
  const guint8 *data = g_bytes_get_data (wire, &size);

  write_all (self, data, size);
}

void
dt_test_caller_send_packet (DtTestCaller *self,
                            guint16       protocol,
                            guint8        code,
                            guint8        id,
                            const guint8 *data,
                            gsize         len)
{
  g_autoptr (GByteArray) packet = g_byte_array_new ();
  guint8 header[4] = { code, id, (4 + len) >> 8, (4 + len) & 0xff };

  g_byte_array_append (packet, header, sizeof header);
  if (len > 0)
    g_byte_array_append (packet, data, len);
  dt_test_caller_send (self, protocol, packet->data, packet->len);
}

GBytes *
dt_test_caller_expect (DtTestCaller *self,
                       guint16       protocol,
                       int           code,
                       guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      for (guint i = 0; i < self->frames->len; i++)
        {
          DtTestCallerFrame *f = &g_array_index (self->frames, DtTestCallerFrame, i);
          gsize len;
          const guint8 *info = g_bytes_get_data (f->info, &len);

          if (f->taken || f->protocol != protocol || (code >= 0 && (len < 1 || info[0] != code)))
            continue;
          f->taken = TRUE;
          return g_bytes_ref (f->info);
        }
      if (g_get_monotonic_time () > end)
        return NULL;
      dt_test_caller_spin (self, 2);
    }
}

GArray *
dt_test_caller_get_frames (DtTestCaller *self)
{
  return self->frames;
}
