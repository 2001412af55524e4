/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The scripted PPP peer of test-isp: it acknowledges what pppd asks for (rejecting VJ
 * compression), asks for nothing in LCP, takes the address and DNS servers that IPCP's
 * Configure-Nak offers, Protocol-Rejects CCP, IPv6CP and anything else, answers LCP echoes
 * and sends ICMP echoes in IPv4 packets it builds itself. */

#include "test-isp-peer.h"

#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "dt-test-hdlc.h"
#include "dt-test-inet.h"

#define PROTO_IP 0x0021
#define PROTO_IPCP 0x8021
#define PROTO_LCP 0xc021

enum { CONF_REQ = 1, CONF_ACK, CONF_NAK, CONF_REJ, TERM_REQ, TERM_ACK, CODE_REJ, PROTO_REJ,
       ECHO_REQ, ECHO_REP };

struct _TestPeer
{
  int fd;
  DtTestHdlc *hdlc;
  guint8 next_id;
  gboolean lcp_sent, lcp_acked_by_us, lcp_acked_by_them;
  gboolean ipcp_sent, ipcp_acked_by_us, ipcp_acked_by_them;
  guint8 ipcp_id;
  guint32 address, dns[2];
  guint16 ping_seq;
  gboolean ping_answered, term_acked;
};

TestPeer *
test_peer_new (int fd)
{
  TestPeer *self = g_new0 (TestPeer, 1);

  self->fd = fd;
  self->hdlc = dt_test_hdlc_new ();
  self->next_id = 0x40;
  return self;
}

void
test_peer_free (TestPeer *self)
{
  dt_test_hdlc_free (self->hdlc);
  g_free (self);
}

static void
send_frame (TestPeer *self, guint16 protocol, const guint8 *info, gsize len)
{
  g_autoptr (GBytes) frame = dt_test_hdlc_encode (protocol, info, len, 0xffffffff);
  gsize size;
  const guint8 *data = g_bytes_get_data (frame, &size);

  while (size > 0)
    {
      ssize_t n = write (self->fd, data, size);
      if (n < 0)
        {
          struct pollfd pfd = { self->fd, POLLOUT, 0 };
          poll (&pfd, 1, 100);
          continue;
        }
      data += n;
      size -= n;
    }
}

static void
send_control (TestPeer *self, guint16 protocol, guint8 code, guint8 id, const guint8 *data,
              gsize len)
{
  g_autofree guint8 *info = g_malloc (len + 4);

  info[0] = code;
  info[1] = id;
  info[2] = (len + 4) >> 8;
  info[3] = (len + 4) & 0xff;
  if (len > 0)
    memcpy (info + 4, data, len);
  send_frame (self, protocol, info, len + 4);
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static guint32
get32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

static void
send_ipcp_request (TestPeer *self)
{
  guint8 opts[18] = { 3, 6, 0, 0, 0, 0, 129, 6, 0, 0, 0, 0, 131, 6, 0, 0, 0, 0 };

  put32 (opts + 2, self->address);
  put32 (opts + 8, self->dns[0]);
  put32 (opts + 14, self->dns[1]);
  self->ipcp_id = self->next_id++;
  send_control (self, PROTO_IPCP, CONF_REQ, self->ipcp_id, opts, sizeof opts);
  self->ipcp_sent = TRUE;
}

static void
handle_lcp (TestPeer *self, const guint8 *info, gsize len)
{
  const guint8 *data = info + 4;
  gsize dlen = len - 4;

  switch (info[0])
    {
    case CONF_REQ:
      send_control (self, PROTO_LCP, CONF_ACK, info[1], data, dlen);
      self->lcp_acked_by_us = TRUE;
      if (!self->lcp_sent)
        {
          send_control (self, PROTO_LCP, CONF_REQ, self->next_id++, NULL, 0);
          self->lcp_sent = TRUE;
        }
      break;
    case CONF_ACK:
      self->lcp_acked_by_them = TRUE;
      break;
    case CONF_NAK:
    case CONF_REJ:
      g_error ("pppd refused an empty LCP Configure-Request");
      break;
    case TERM_REQ:
      send_control (self, PROTO_LCP, TERM_ACK, info[1], NULL, 0);
      break;
    case TERM_ACK:
      self->term_acked = TRUE;
      break;
    case ECHO_REQ:
      if (dlen >= 4)
        {
          g_autofree guint8 *reply = g_memdup2 (data, dlen);
          put32 (reply, 0); /* we negotiated no magic number */
          send_control (self, PROTO_LCP, ECHO_REP, info[1], reply, dlen);
        }
      break;
    default:
      break;
    }
}

static void
handle_ipcp (TestPeer *self, const guint8 *info, gsize len)
{
  const guint8 *data = info + 4;
  gsize dlen = len - 4;

  switch (info[0])
    {
    case CONF_REQ:
      {
        g_autoptr (GByteArray) rejected = g_byte_array_new ();
        for (gsize at = 0; at + 2 <= dlen && data[at + 1] >= 2; at += data[at + 1])
          if (data[at] != 3) /* VJ compression and the rest: not here */
            g_byte_array_append (rejected, data + at, MIN (data[at + 1], dlen - at));
        if (rejected->len > 0)
          send_control (self, PROTO_IPCP, CONF_REJ, info[1], rejected->data, rejected->len);
        else
          {
            send_control (self, PROTO_IPCP, CONF_ACK, info[1], data, dlen);
            self->ipcp_acked_by_us = TRUE;
          }
      }
      break;
    case CONF_NAK:
      if (info[1] != self->ipcp_id)
        break;
      for (gsize at = 0; at + 6 <= dlen && data[at + 1] == 6; at += 6)
        {
          if (data[at] == 3)
            self->address = get32 (data + at + 2);
          else if (data[at] == 129)
            self->dns[0] = get32 (data + at + 2);
          else if (data[at] == 131)
            self->dns[1] = get32 (data + at + 2);
        }
      send_ipcp_request (self);
      break;
    case CONF_ACK:
      if (info[1] == self->ipcp_id)
        self->ipcp_acked_by_them = TRUE;
      break;
    case CONF_REJ:
      g_error ("pppd rejected an IPCP option we need");
      break;
    case TERM_REQ:
      send_control (self, PROTO_IPCP, TERM_ACK, info[1], NULL, 0);
      break;
    default:
      break;
    }
}

static const char ping_payload[] = "dialtone test ISP ping";

static void
handle_ip (TestPeer *self, const guint8 *p, gsize len)
{
  gsize ihl;

  if (len < 20 || (p[0] >> 4) != 4)
    return;
  ihl = (p[0] & 15) * 4;
  if (p[9] != 1 || len < ihl + 8 + sizeof ping_payload)
    return;
  g_assert_cmpuint (dt_test_inet_checksum (p, ihl, 0), ==, 0);
  g_assert_cmpuint (get32 (p + 16), ==, self->address);
  p += ihl;
  if (p[0] == 0 /* echo reply */ && ((p[6] << 8) | p[7]) == self->ping_seq
      && memcmp (p + 8, ping_payload, sizeof ping_payload) == 0)
    self->ping_answered = TRUE;
}

static void
handle (TestPeer *self, guint16 protocol, const guint8 *info, gsize len)
{
  gboolean lcp_open = self->lcp_acked_by_us && self->lcp_acked_by_them;

  if ((protocol == PROTO_LCP || protocol == PROTO_IPCP)
      && (len < 4 || (gsize) ((info[2] << 8) | info[3]) > len))
    g_error ("a malformed control packet from pppd");
  if (protocol == PROTO_LCP)
    handle_lcp (self, info, ((info[2] << 8) | info[3]));
  else if (protocol == PROTO_IPCP && lcp_open)
    handle_ipcp (self, info, ((info[2] << 8) | info[3]));
  else if (protocol == PROTO_IP)
    handle_ip (self, info, len);
  else if (lcp_open)
    {
      /* CCP, IPv6CP and the rest: RFC 1661 5.7 Protocol-Reject. */
      g_autofree guint8 *rej = g_malloc (len + 2);
      rej[0] = protocol >> 8;
      rej[1] = protocol & 0xff;
      memcpy (rej + 2, info, len);
      send_control (self, PROTO_LCP, PROTO_REJ, self->next_id++, rej, len + 2);
    }
  if (self->lcp_acked_by_us && self->lcp_acked_by_them && !self->ipcp_sent)
    send_ipcp_request (self);
}

/* Reads for up to timeout_ms and handles every frame that arrives. */
static void
pump (TestPeer *self, guint timeout_ms)
{
  struct pollfd pfd = { self->fd, POLLIN, 0 };
  DtTestHdlcFrame *frame;
  guint8 buf[2048];
  ssize_t n;

  if (poll (&pfd, 1, timeout_ms) > 0 && (n = read (self->fd, buf, sizeof buf)) > 0)
    dt_test_hdlc_feed (self->hdlc, buf, n);
  while ((frame = dt_test_hdlc_pop (self->hdlc)) != NULL)
    {
      guint16 protocol;
      const guint8 *info;
      gsize len;

      g_assert_true (frame->fcs_ok);
      if (dt_test_ppp_parse (frame, &protocol, &info, &len))
        handle (self, protocol, info, len);
      dt_test_hdlc_frame_free (frame);
    }
}

void
test_peer_negotiate (TestPeer *self, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!(self->ipcp_acked_by_us && self->ipcp_acked_by_them))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      pump (self, 100);
    }
}

guint32
test_peer_get_address (TestPeer *self)
{
  return self->address;
}

guint32
test_peer_get_dns (TestPeer *self, guint i)
{
  g_return_val_if_fail (i < 2, 0);
  return self->dns[i];
}

static void
send_ping (TestPeer *self, guint32 dst)
{
  guint8 packet[20 + 8 + sizeof ping_payload] = { 0x45, 0 };
  guint8 *icmp = packet + 20;
  guint16 sum;

  self->ping_seq++;
  packet[2] = sizeof packet >> 8;
  packet[3] = sizeof packet & 0xff;
  packet[4] = 0x12; /* identification */
  packet[8] = 64;   /* TTL */
  packet[9] = 1;    /* ICMP */
  put32 (packet + 12, self->address);
  put32 (packet + 16, dst);
  sum = dt_test_inet_checksum (packet, 20, 0);
  packet[10] = sum >> 8;
  packet[11] = sum & 0xff;
  icmp[0] = 8; /* echo request */
  icmp[4] = 0x44;
  icmp[5] = 0x54;
  icmp[6] = self->ping_seq >> 8;
  icmp[7] = self->ping_seq & 0xff;
  memcpy (icmp + 8, ping_payload, sizeof ping_payload);
  sum = dt_test_inet_checksum (icmp, 8 + sizeof ping_payload, 0);
  icmp[2] = sum >> 8;
  icmp[3] = sum & 0xff;
  send_frame (self, PROTO_IP, packet, sizeof packet);
}

gboolean
test_peer_ping (TestPeer *self, guint32 dst, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gint64 next = 0;

  /* pppd lets IP through only once it has configured ppp0, a moment after IPCP opens:
   * ask again every second, as ping does. */
  while (!self->ping_answered && g_get_monotonic_time () < end)
    {
      if (g_get_monotonic_time () >= next)
        {
          send_ping (self, dst);
          next = g_get_monotonic_time () + G_USEC_PER_SEC;
        }
      pump (self, 100);
    }
  return self->ping_answered;
}

void
test_peer_terminate (TestPeer *self, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  send_control (self, PROTO_LCP, TERM_REQ, self->next_id++, (const guint8 *) "bye", 3);
  while (!self->term_acked)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      pump (self, 100);
    }
}
