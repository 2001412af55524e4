/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The peer tests' client end of the pty.  See test-peer-link.h. */

#define _GNU_SOURCE

#include "test-peer-link.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#include "dt-test-hdlc.h"

typedef struct
{
  guint16 protocol;
  GBytes *packet;
  gboolean taken;
} Frame;

struct _TestLink
{
  int fd;
  guint watch;
  GString *text;
  gsize text_seen;
  DtTestHdlc *hdlc;
  GPtrArray *frames;
};

static void
frame_free (gpointer data)
{
  Frame *frame = data;

  g_bytes_unref (frame->packet);
  g_free (frame);
}

static gboolean
on_readable (int fd, GIOCondition condition, gpointer user_data)
{
  TestLink *link = user_data;
  guint8 buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);
  DtTestHdlcFrame *raw;

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  g_assert_cmpint (n, >, 0);
  g_string_append_len (link->text, (const char *) buffer, n);
  dt_test_hdlc_feed (link->hdlc, buffer, (gsize) n);
  while ((raw = dt_test_hdlc_pop (link->hdlc)) != NULL)
    {
      g_autoptr (DtTestHdlcFrame) hdlc_frame = raw;
      const guint8 *info;
      gsize len;
      Frame *frame;

      guint16 protocol;

      /* Echoed noise with a result code in the middle is no frame: skip it. */
      if (!hdlc_frame->fcs_ok || !dt_test_ppp_parse (hdlc_frame, &protocol, &info, &len))
        continue;
      frame = g_new0 (Frame, 1);
      frame->protocol = protocol;
      frame->packet = g_bytes_new (info, len);
      g_ptr_array_add (link->frames, frame);
    }
  return G_SOURCE_CONTINUE;
}

TestLink *
test_link_open (const char *device)
{
  TestLink *link = g_new0 (TestLink, 1);
  struct termios t;

  link->fd = open (device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (link->fd, >=, 0);
  g_assert_cmpint (tcgetattr (link->fd, &t), ==, 0);
  cfmakeraw (&t);
  g_assert_cmpint (tcsetattr (link->fd, TCSANOW, &t), ==, 0);
  link->text = g_string_new (NULL);
  link->hdlc = dt_test_hdlc_new ();
  link->frames = g_ptr_array_new_with_free_func (frame_free);
  link->watch = g_unix_fd_add (link->fd, G_IO_IN, on_readable, link);
  return link;
}

void
test_link_free (TestLink *link)
{
  if (link == NULL)
    return;
  g_source_remove (link->watch);
  close (link->fd);
  g_string_free (link->text, TRUE);
  dt_test_hdlc_free (link->hdlc);
  g_ptr_array_unref (link->frames);
  g_free (link);
}

static void
write_all (TestLink *link, const void *data, gsize len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (link->fd, p, len);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          test_run_for (5);
          continue;
        }
      g_assert_cmpint (n, >, 0);
      p += n;
      len -= (gsize) n;
    }
}

void
test_link_send (TestLink *link, const char *text)
{
  write_all (link, text, strlen (text));
}

void
test_link_send_packet (TestLink *link, guint16 protocol, const guint8 *packet, gsize len)
{
  g_autoptr (GBytes) frame = dt_test_hdlc_encode (protocol, packet, len, 0xffffffff);

  write_all (link, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
test_link_wait_text (TestLink *link, const char *text, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  gsize len = strlen (text);

  for (;;)
    {
      const char *hit = memmem (link->text->str + link->text_seen,
                                link->text->len - link->text_seen, text, len);

      if (hit != NULL)
        {
          link->text_seen = (gsize) (hit - link->text->str) + len;
          g_source_remove (id);
          return TRUE;
        }
      if (timed_out)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
}

void
test_link_expect (TestLink *link, const char *text, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  gsize len = strlen (text);
  g_autofree char *got = NULL;

  while (link->text->len - link->text_seen < len && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  got = g_strndup (link->text->str + link->text_seen,
                   MIN (len, link->text->len - link->text_seen));
  link->text_seen += strlen (got);
  g_assert_cmpstr (got, ==, text);
}

char *
test_link_take_text (TestLink *link)
{
  char *rest = g_strndup (link->text->str + link->text_seen, link->text->len - link->text_seen);

  link->text_seen = link->text->len;
  return rest;
}

void
test_link_discard_text (TestLink *link)
{
  link->text_seen = link->text->len;
}

static Frame *
find_frame (TestLink *link, guint16 protocol, guint8 code)
{
  for (guint i = 0; i < link->frames->len; i++)
    {
      Frame *frame = g_ptr_array_index (link->frames, i);
      gsize len;
      const guint8 *p = g_bytes_get_data (frame->packet, &len);

      if (!frame->taken && frame->protocol == protocol && len >= 1 && p[0] == code)
        return frame;
    }
  return NULL;
}

GBytes *
test_link_wait_packet (TestLink *link, guint16 protocol, guint8 code, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  Frame *frame;

  while ((frame = find_frame (link, protocol, code)) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (frame == NULL)
    return NULL;
  frame->taken = TRUE;
  return g_bytes_ref (frame->packet);
}

GBytes *
test_packet (guint8 code, guint8 id, const guint8 *data, gsize len)
{
  guint8 *packet = g_malloc (len + 4);

  packet[0] = code;
  packet[1] = id;
  packet[2] = (len + 4) >> 8;
  packet[3] = (len + 4) & 0xff;
  if (len > 0)
    memcpy (packet + 4, data, len);
  return g_bytes_new_take (packet, len + 4);
}

/* ---- PPP client steps ---- */

void
test_ppp_lcp_up (TestLink *link, gboolean callback)
{
  static const guint8 ours[] = {
    0x01, 0x01, 0x00, 0x17,
    0x02, 0x06, 0x00, 0x00, 0x00, 0x00,
    0x05, 0x06, 0x11, 0x33, 0x51, 0x5b,
    0x07, 0x02,
    0x08, 0x02,
    0x0d, 0x03, 0x06,
  };
  guint8 request[sizeof ours];
  g_autoptr (GBytes) theirs = test_link_wait_packet (link, 0xc021, 1, 5000);
  g_autoptr (GBytes) ack = NULL;
  g_autofree guint8 *their_ack = NULL;
  const guint8 *p;
  gsize len, ours_len = callback ? sizeof ours : sizeof ours - 3;

  g_assert_nonnull (theirs);
  p = g_bytes_get_data (theirs, &len);
  their_ack = g_memdup2 (p, len);
  their_ack[0] = 2;
  test_link_send_packet (link, 0xc021, their_ack, len);

  memcpy (request, ours, ours_len);
  request[3] = (guint8) ours_len;
  test_link_send_packet (link, 0xc021, request, ours_len);
  ack = test_link_wait_packet (link, 0xc021, 2, 5000);
  g_assert_nonnull (ack);
  request[0] = 2;
  p = g_bytes_get_data (ack, &len);
  g_assert_cmpmem (p, len, request, ours_len);
}

guint8
test_ppp_challenge (TestLink *link, guint8 value[16])
{
  g_autoptr (GBytes) challenge = test_link_wait_packet (link, 0xc223, 1, 5000);
  const guint8 *p;
  gsize len;

  g_assert_nonnull (challenge);
  p = g_bytes_get_data (challenge, &len);
  g_assert_cmpuint (len, ==, 4 + 1 + 16 + strlen ("dialtone-peer"));
  g_assert_cmpuint (p[4], ==, 16);
  memcpy (value, p + 5, 16);
  g_assert_cmpmem (p + 21, len - 21, "dialtone-peer", strlen ("dialtone-peer"));
  return p[1];
}

void
test_ppp_send_response (TestLink     *link,
                        guint8        id,
                        const guint8  peer_challenge[16],
                        const guint8  nt_response[24],
                        const char   *name)
{
  guint8 value[1 + 49 + 64] = { 49 };
  gsize name_len = strlen (name);
  g_autoptr (GBytes) packet = NULL;

  g_assert_cmpuint (name_len, <=, 64);
  memcpy (value + 1, peer_challenge, 16);
  /* 8 reserved zeros, then the NT-Response, then flags 0 */
  memcpy (value + 25, nt_response, 24);
  memcpy (value + 50, name, name_len);
  packet = test_packet (2, id, value, 50 + name_len);
  test_link_send_packet (link, 0xc223, g_bytes_get_data (packet, NULL),
                         g_bytes_get_size (packet));
}

char *
test_ppp_chap_message (TestLink *link, guint8 code, guint8 id)
{
  g_autoptr (GBytes) packet = test_link_wait_packet (link, 0xc223, code, 5000);
  const guint8 *p;
  gsize len;

  g_assert_nonnull (packet);
  p = g_bytes_get_data (packet, &len);
  g_assert_cmpuint (p[1], ==, id);
  g_assert_cmpuint ((gsize) (p[2] << 8 | p[3]), ==, len);
  return g_strndup ((const char *) p + 4, len - 4);
}

void
test_ppp_ipcp_up (TestLink *link)
{
  static const guint8 server[] = { 0x01, 0x00, 0x00, 0x0a, 0x03, 0x06, 10, 77, 0, 1 };
  static const guint8 ask[] = {
    0x01, 0x01, 0x00, 0x16,
    0x03, 0x06, 0, 0, 0, 0,
    0x81, 0x06, 0, 0, 0, 0,
    0x83, 0x06, 0, 0, 0, 0,
  };
  static const guint8 nak[] = {
    0x03, 0x01, 0x00, 0x16,
    0x03, 0x06, 10, 77, 0, 2,
    0x81, 0x06, 10, 77, 0, 53,
    0x83, 0x06, 10, 77, 0, 54,
  };
  g_autoptr (GBytes) theirs = test_link_wait_packet (link, 0x8021, 1, 5000);
  g_autoptr (GBytes) got_nak = NULL;
  g_autoptr (GBytes) got_ack = NULL;
  guint8 again[sizeof nak];
  guint8 buffer[sizeof server];
  const guint8 *p;
  gsize len;

  g_assert_nonnull (theirs);
  p = g_bytes_get_data (theirs, &len);
  g_assert_cmpuint (len, ==, sizeof server);
  g_assert_cmpmem (p + 2, len - 2, server + 2, sizeof server - 2);
  memcpy (buffer, p, len);
  buffer[0] = 2;
  test_link_send_packet (link, 0x8021, buffer, len);

  test_link_send_packet (link, 0x8021, ask, sizeof ask);
  got_nak = test_link_wait_packet (link, 0x8021, 3, 5000);
  g_assert_nonnull (got_nak);
  p = g_bytes_get_data (got_nak, &len);
  g_assert_cmpmem (p, len, nak, sizeof nak);

  memcpy (again, nak, sizeof nak);
  again[0] = 1;
  again[1] = 2;
  test_link_send_packet (link, 0x8021, again, sizeof again);
  got_ack = test_link_wait_packet (link, 0x8021, 2, 5000);
  g_assert_nonnull (got_ack);
  again[0] = 2;
  p = g_bytes_get_data (got_ack, &len);
  g_assert_cmpmem (p, len, again, sizeof again);
}

const guint8 rfc_auth_challenge[16] = {
  0x5B, 0x5D, 0x7C, 0x7D, 0x7B, 0x3F, 0x2F, 0x3E,
  0x3C, 0x2C, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28 };
const guint8 rfc_peer_challenge[16] = {
  0x21, 0x40, 0x23, 0x24, 0x25, 0x5E, 0x26, 0x2A,
  0x28, 0x29, 0x5F, 0x2B, 0x3A, 0x33, 0x7C, 0x7E };
const guint8 rfc_nt_response[24] = {
  0x82, 0x30, 0x9E, 0xCD, 0x8D, 0x70, 0x8B, 0x5E, 0xA0, 0x8F, 0xAA, 0x39,
  0x81, 0xCD, 0x83, 0x54, 0x42, 0x33, 0x11, 0x4A, 0x3D, 0x85, 0xD6, 0xDF };

void
test_call_init (TestCall *call,
                guint32   seed)
{
  dt_test_peer_scenario_init (&call->sc);
  call->sc.user = "User";
  call->sc.password = "clientPass";
  call->sc.first_challenge = rfc_auth_challenge;
  call->sc.connect_delay_ms = 20;
  call->sc.restart_ms = 1000;
  call->sc.seed = seed;
}

void
test_call_dial (TestCall *call,
                gboolean  callback)
{
  call->peer = dt_test_peer_new (&call->sc);
  call->link = test_link_open (dt_test_peer_get_device (call->peer));
  test_link_send (call->link, "ATE0S12=5D5550123\r");
  g_assert_true (test_link_wait_text (call->link, "\r\nCONNECT 33600\r\n", 5000));
  test_ppp_lcp_up (call->link, callback);
}

void
test_call_assert_no_violations (TestCall *call)
{
  GPtrArray *violations = dt_test_peer_get_outcome (call->peer)->violations;

  for (guint i = 0; i < violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (violations, i));
  g_assert_cmpuint (violations->len, ==, 0);
}

void
test_call_clear (TestCall *call)
{
  if (g_test_failed () && call->peer != NULL)
    {
      g_autofree char *transcript = dt_test_peer_format_transcript (call->peer);

      g_test_message ("%s", transcript);
    }
  g_clear_pointer (&call->link, test_link_free);
  g_clear_pointer (&call->peer, dt_test_peer_free);
}
