/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reference client of bench-dial: see dt-bench-ref-client.h.  One poll() loop on the
 * line, one frame at a time, each answered the moment it arrives. */

#define _GNU_SOURCE   /* memmem */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <nettle/md5.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "dt-bench-ref-client.h"
#include "dt-test-hdlc.h"
#include "dt-test-isp.h"
#include "dt-test-peer-crypto.h"

#define LCP  0xc021
#define PAP  0xc023
#define CHAP 0xc223
#define IPCP 0x8021

typedef struct {
  int         fd;
  const char *user;
  const char *password;
  DtTestHdlc *hdlc;
  guint8      id;
  guint8      lcp_req[16];
  gsize       lcp_req_len;
  guint8      lcp_reqid;
  gboolean    lcp_acked, lcp_acking, peer_requests, resent;
  gint64      first_request_us;
  guint16     auth;            /* 0, PAP or CHAP */
  guint8      chap_alg;
  gboolean    auth_done;
  guint8      ipcp_req[18];
  guint8      ipcp_reqid;
  gboolean    ipcp_sent, ipcp_acked, ipcp_acking;
  GError     *error;
} Client;

static void
send_packet (Client       *c,
             guint16       protocol,
             guint8        code,
             guint8        id,
             const guint8 *data,
             gsize         len)
{
  g_autoptr (GByteArray) packet = g_byte_array_new ();
  g_autoptr (GBytes) frame = NULL;
  guint8 header[4] = { code, id, (4 + len) >> 8, (4 + len) & 0xff };
  const guint8 *p;
  gsize left;

  g_byte_array_append (packet, header, 4);
  g_byte_array_append (packet, data, len);
  frame = dt_test_hdlc_encode (protocol, packet->data, packet->len, 0xffffffff);
  p = g_bytes_get_data (frame, &left);
  while (left > 0)
    {
      ssize_t n = write (c->fd, p, left);

      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        {
          struct pollfd pfd = { c->fd, POLLOUT, 0 };

          poll (&pfd, 1, 100);
          continue;
        }
      if (n <= 0)
        return;
      p += n;
      left -= n;
    }
}

static void
send_lcp_request (Client *c)
{
  c->lcp_reqid = ++c->id;
  send_packet (c, LCP, 1, c->lcp_reqid, c->lcp_req, c->lcp_req_len);
}

static void
send_ipcp_request (Client *c)
{
  c->ipcp_reqid = ++c->id;
  c->ipcp_sent = TRUE;
  send_packet (c, IPCP, 1, c->ipcp_reqid, c->ipcp_req, sizeof c->ipcp_req);
}

static void
send_pap (Client *c)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();
  guint8 n;

  n = strlen (c->user);
  g_byte_array_append (body, &n, 1);
  g_byte_array_append (body, (const guint8 *) c->user, n);
  n = strlen (c->password);
  g_byte_array_append (body, &n, 1);
  g_byte_array_append (body, (const guint8 *) c->password, n);
  send_packet (c, PAP, 1, ++c->id, body->data, body->len);
}

static void
lcp_opened (Client *c)
{
  if (c->auth == PAP)
    send_pap (c);
  else if (c->auth == 0)
    {
      c->auth_done = TRUE;
      send_ipcp_request (c);
    }
}

static void
answer_chap (Client       *c,
             guint8        id,
             const guint8 *data,
             gsize         len)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();
  guint8 value[49] = { 0 };
  guint8 size;

  if (len < 1 || data[0] + 1u > len)
    return;
  if (c->chap_alg == 5)
    {
      struct md5_ctx md5;

      md5_init (&md5);
      md5_update (&md5, 1, &id);
      md5_update (&md5, strlen (c->password), (const guint8 *) c->password);
      md5_update (&md5, data[0], data + 1);
      md5_digest (&md5, 16, value);
      size = 16;
    }
  else
    {
      if (data[0] != 16)
        return;
      for (int i = 0; i < 16; i++)
        value[i] = g_random_int_range (0, 256);
      dt_test_mschapv2_generate_nt_response (data + 1, value, c->user, c->password,
                                             value + 24);
      size = 49;
    }
  g_byte_array_append (body, &size, 1);
  g_byte_array_append (body, value, size);
  g_byte_array_append (body, (const guint8 *) c->user, strlen (c->user));
  send_packet (c, CHAP, 2, id, body->data, body->len);
}

/* The server's LCP request: Ack it whole, noting how it wants us to authenticate. */
static void
lcp_request (Client       *c,
             guint8        id,
             const guint8 *opts,
             gsize         len)
{
  for (gsize i = 0; i + 2 <= len && opts[i + 1] >= 2 && i + opts[i + 1] <= len;
       i += opts[i + 1])
    if (opts[i] == 3 && opts[i + 1] >= 4)
      {
        c->auth = (opts[i + 2] << 8) | opts[i + 3];
        c->chap_alg = opts[i + 1] == 5 ? opts[i + 4] : 0;
      }
  if (c->first_request_us == 0)
    c->first_request_us = g_get_monotonic_time ();
  /* Its first request says it listens now: ours may have gone out before it did. */
  if (!c->peer_requests++ && !c->lcp_acked && !c->resent)
    {
      c->resent = TRUE;
      send_lcp_request (c);
    }
  send_packet (c, LCP, 2, id, opts, len);
  c->lcp_acking = TRUE;
  if (c->lcp_acked)
    lcp_opened (c);
}

static void
ipcp_request (Client       *c,
              guint8        id,
              const guint8 *opts,
              gsize         len)
{
  g_autoptr (GByteArray) rej = g_byte_array_new ();

  for (gsize i = 0; i + 2 <= len && opts[i + 1] >= 2 && i + opts[i + 1] <= len;
       i += opts[i + 1])
    if (opts[i] != 3)
      g_byte_array_append (rej, opts + i, opts[i + 1]);
  if (rej->len > 0)
    {
      send_packet (c, IPCP, 4, id, rej->data, rej->len);
      return;
    }
  send_packet (c, IPCP, 2, id, opts, len);
  c->ipcp_acking = TRUE;
}

/* A Nak of our IPCP request: take its values, option by option, and ask again. */
static void
ipcp_nak (Client       *c,
          const guint8 *opts,
          gsize         len)
{
  for (gsize i = 0; i + 6 <= len && opts[i + 1] == 6; i += 6)
    for (gsize j = 0; j < sizeof c->ipcp_req; j += 6)
      if (c->ipcp_req[j] == opts[i])
        memcpy (c->ipcp_req + j + 2, opts + i + 2, 4);
  send_ipcp_request (c);
}

static void
handle_frame (Client       *c,
              guint16       protocol,
              const guint8 *p,
              gsize         len)
{
  guint8 code, id;

  if (len < 4)
    return;
  code = p[0];
  id = p[1];
  len = MIN (len, (gsize) ((p[2] << 8) | p[3])) - 4;
  p += 4;
  if (protocol == LCP && code == 1)
    lcp_request (c, id, p, len);
  else if (protocol == LCP && code == 2 && id == c->lcp_reqid && !c->lcp_acked)
    {
      c->lcp_acked = TRUE;
      if (c->lcp_acking)
        lcp_opened (c);
    }
  else if (protocol == LCP && code == 9)
    send_packet (c, LCP, 10, id, (const guint8[]) { 0, 0, 0, 0 }, 4);
  else if (protocol == LCP && (code == 3 || code == 4 || code == 5))
    g_set_error (&c->error, G_IO_ERROR, G_IO_ERROR_FAILED, "LCP code %u from the server", code);
  else if (protocol == CHAP && code == 1)
    answer_chap (c, id, p, len);
  else if ((protocol == PAP && code == 2) || (protocol == CHAP && code == 3))
    {
      c->auth_done = TRUE;
      send_ipcp_request (c);
    }
  else if (protocol == PAP || protocol == CHAP)
    g_set_error (&c->error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "authentication failed");
  else if (protocol == IPCP && code == 1 && c->auth_done)
    ipcp_request (c, id, p, len);
  else if (protocol == IPCP && code == 2 && id == c->ipcp_reqid)
    c->ipcp_acked = TRUE;
  else if (protocol == IPCP && code == 3 && id == c->ipcp_reqid)
    ipcp_nak (c, p, len);
}

static void
feed (Client       *c,
      const guint8 *bytes,
      gsize         len)
{
  DtTestHdlcFrame *frame;

  dt_test_hdlc_feed (c->hdlc, bytes, len);
  while ((frame = dt_test_hdlc_pop (c->hdlc)) != NULL)
    {
      guint16 protocol;
      const guint8 *info;
      gsize info_len;

      if (frame->fcs_ok && dt_test_ppp_parse (frame, &protocol, &info, &info_len))
        handle_frame (c, protocol, info, info_len);
      dt_test_hdlc_frame_free (frame);
    }
}

static void
hang_up (Client *c)
{
  send_packet (c, LCP, 5, ++c->id, (const guint8 *) "bench", 5);
  dt_test_isp_expect (c->fd, "NO CARRIER", 10000, NULL);
}

double
dt_bench_ref_client_dial (int          fd,
                          const char  *number,
                          const char  *user,
                          const char  *password,
                          double      *from_server,
                          GError     **error)
{
  g_autoptr (GString) got = g_string_new (NULL);
  g_autofree char *command = g_strdup_printf ("ATDT%s\r", number);
  Client c = { .fd = fd, .user = user, .password = password };
  const char *connect;
  gint64 t0, end;
  guint32 magic = g_random_int ();

  c.lcp_req_len = 0;
  memcpy (c.lcp_req, (const guint8[]) { 2, 6, 0, 0, 0, 0, 5, 6 }, 8);
  for (int i = 0; i < 4; i++)
    c.lcp_req[8 + i] = magic >> (24 - 8 * i);
  c.lcp_req_len = 12;
  memcpy (c.ipcp_req, (const guint8[]) { 3, 6, 0, 0, 0, 0, 129, 6, 0, 0, 0, 0,
                                         131, 6, 0, 0, 0, 0 }, sizeof c.ipcp_req);

  dt_test_isp_send (fd, command);
  if (!dt_test_isp_expect (fd, "CONNECT 33600\r\n", 10000, got))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no CONNECT for %s", number);
      return -1;
    }
  t0 = g_get_monotonic_time ();
  c.hdlc = dt_test_hdlc_new ();
  send_lcp_request (&c);
  connect = memmem (got->str, got->len, "CONNECT 33600\r\n", 15) + 15;
  feed (&c, (const guint8 *) connect, got->len - (connect - got->str));

  end = t0 + 30 * G_USEC_PER_SEC;
  while (!(c.ipcp_acked && c.ipcp_acking) && c.error == NULL &&
         g_get_monotonic_time () < end)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      guint8 buf[4096];
      ssize_t n;

      if (poll (&pfd, 1, 100) <= 0)
        continue;
      n = read (fd, buf, sizeof buf);
      if (n > 0)
        feed (&c, buf, n);
    }
  if (c.ipcp_acked && c.ipcp_acking)
    *from_server = (g_get_monotonic_time () - c.first_request_us) / 1000.0;
  t0 = c.ipcp_acked && c.ipcp_acking ? g_get_monotonic_time () - t0 : -1;
  hang_up (&c);
  dt_test_hdlc_free (c.hdlc);
  if (c.error != NULL)
    {
      g_propagate_error (error, c.error);
      return -1;
    }
  if (t0 < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "IPCP did not open for %s",
                   number);
      return -1;
    }
  return t0 / 1000.0;
}
