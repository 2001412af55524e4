/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CBCP, the caller's side ([MS-CBCP] 2.2 and 3.1): the codec against packets written out
 * octet by octet from the specification (the Callback-Request a Windows server sends, the
 * Response and Ack for each callback type), the trace text, and DtPppCbcp's state machine
 * fed those packets: answers, retransmitted Requests, a server that asks again after our
 * number, Acks that do not match, malformed packets and a server that goes silent. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dt-ppp-cbcp.h"

/* Callback-Request id 1 offering all three types, the user-specified number with delay 0 and
 * an empty address of type 1, the administrator's with delay 5 (2.2.4.1, 2.2.3). */
static const guint8 request_all[] = {
  0x01, 0x01, 0x00, 0x0e,
  0x01, 0x02,
  0x02, 0x05, 0x00, 0x01, 0x00,
  0x03, 0x03, 0x05,
};

/* Callback-Request id 1 offering the user-specified number only. */
static const guint8 request_user[] = {
  0x01, 0x01, 0x00, 0x09,
  0x02, 0x05, 0x00, 0x01, 0x00,
};

/* Our Response to request_user with "5550123": the Request's Identifier, the offered delay,
 * Address Type 1 and the NUL-terminated number (2.2.4.2). */
static const guint8 response_5550123[] = {
  0x02, 0x01, 0x00, 0x10,
  0x02, 0x0c, 0x00, 0x01, '5', '5', '5', '0', '1', '2', '3', 0x00,
};

typedef struct {
  DtPppCbcp cbcp;
  GPtrArray *sent;        /* GBytes * */
  guint requested;
  guint acked;
  guint failed;
  /* Answer at once from "requested", as a fixed-number entry does. */
  DtPppCallbackType auto_type;
  const char *auto_number;
} Client;

static void
on_requested (DtPppCbcp *cbcp,
              gpointer   data)
{
  Client *c = data;

  c->requested++;
  if (c->auto_type != 0)
    g_assert_true (dt_ppp_cbcp_respond (cbcp, c->auto_type, c->auto_number, NULL));
}

static void
on_acked (DtPppCbcp *cbcp,
          gpointer   data)
{
  ((Client *) data)->acked++;
}

static void
on_failed (DtPppCbcp *cbcp,
           gpointer   data)
{
  ((Client *) data)->failed++;
}

static void
on_send (DtPppCbcp    *cbcp,
         const guint8 *packet,
         gsize         len,
         gpointer      data)
{
  Client *c = data;

  g_assert_cmpuint (len, >=, 4);
  g_assert_cmpuint (dt_ppp_get16 (packet + 2), ==, len);
  g_ptr_array_add (c->sent, g_bytes_new (packet, len));
}

static const DtPppCbcpOwner owner = {
  .requested = on_requested,
  .acked = on_acked,
  .failed = on_failed,
  .send = on_send,
};

static void
client_init (Client *c,
             guint   wait_ms)
{
  memset (c, 0, sizeof *c);
  c->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  dt_ppp_cbcp_init (&c->cbcp, &owner, c);
  dt_ppp_cbcp_start (&c->cbcp, wait_ms);
}

static void
client_clear (Client *c)
{
  dt_ppp_cbcp_clear (&c->cbcp);
  g_ptr_array_unref (c->sent);
}

static void
feed (Client       *c,
      const guint8 *packet,
      gsize         len)
{
  /* Exactly @len octets on the heap, so that ASan sees any overread. */
  g_autofree guint8 *copy = g_memdup2 (packet, len);

  dt_ppp_cbcp_input (&c->cbcp, copy, len);
}

static void
assert_sent (Client       *c,
             guint         index,
             const guint8 *bytes,
             gsize         len)
{
  gsize got;
  const guint8 *p;

  g_assert_cmpuint (c->sent->len, >, index);
  p = g_bytes_get_data (g_ptr_array_index (c->sent, index), &got);
  g_assert_cmpmem (p, got, bytes, len);
}

/* @response with its Code made an Ack: what a server that agrees sends back (2.2.4.3). */
static GBytes *
ack_of (const guint8 *response,
        gsize         len)
{
  guint8 *ack = g_memdup2 (response, len);

  ack[0] = DT_PPP_CBCP_ACK;
  return g_bytes_new_take (ack, len);
}

static void
feed_bytes (Client *c,
            GBytes *bytes)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);

  feed (c, p, len);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Codec */

static void
test_parse_request (void)
{
  DtPppCbcpOffer offer;

  g_assert_true (dt_ppp_cbcp_parse_request (request_all + 4, sizeof request_all - 4, &offer));
  g_assert_cmpuint (offer.offered, ==,
                    DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE) |
                    DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER) |
                    DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN));
  g_assert_cmpuint (offer.delay[DT_PPP_CALLBACK_USER], ==, 0);
  g_assert_cmpuint (offer.delay[DT_PPP_CALLBACK_ADMIN], ==, 5);

  /* pppd's server puts a delay in "no callback" too; a type 4 list is skipped. */
  {
    static const guint8 lenient[] = { 0x01, 0x03, 0x00, 0x04, 0x06, 0x00, 0x01, 'x', 0x00,
                                      0x03, 0x03, 0x0a };

    g_assert_true (dt_ppp_cbcp_parse_request (lenient, sizeof lenient, &offer));
    g_assert_cmpuint (offer.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE) |
                                         DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN));
    g_assert_cmpuint (offer.delay[DT_PPP_CALLBACK_ADMIN], ==, 10);
  }
}

static void
test_parse_malformed_request (void)
{
  static const struct {
    const char *why;
    guint8 bytes[8];
    gsize len;
  } bad[] = {
    { "no option at all", { 0 }, 0 },
    { "a lone octet", { 0x01 }, 1 },
    { "a length past the end", { 0x02, 0x09, 0x00, 0x01, 0x00 }, 5 },
    { "a length of 1", { 0x01, 0x01, 0x01, 0x02 }, 4 },
    { "a length of 0", { 0x00, 0x00 }, 2 },
    { "a user option without its delay", { 0x02, 0x02 }, 2 },
    { "an administrator option without its delay", { 0x03, 0x02 }, 2 },
    { "a trailing octet", { 0x01, 0x02, 0x03 }, 3 },
    { "only types we do not know", { 0x04, 0x03, 0x00, 0x09, 0x02 }, 5 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (bad[i].bytes, bad[i].len);
      DtPppCbcpOffer offer = { .offered = 0xdead };

      g_test_message ("%s", bad[i].why);
      g_assert_false (dt_ppp_cbcp_parse_request (copy, bad[i].len, &offer));
      g_assert_cmpuint (offer.offered, ==, 0xdead);
    }
}

static void
test_append_option (void)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree char *longest = g_strnfill (DT_PPP_CBCP_MAX_NUMBER, '7');
  g_autofree char *too_long = g_strnfill (DT_PPP_CBCP_MAX_NUMBER + 1, '7');
  static const guint8 none[] = { 0x01, 0x02 };
  static const guint8 user[] = { 0x02, 0x0c, 0x05, 0x01, '5', '5', '5', '0', '1', '2', '3', 0 };
  static const guint8 admin[] = { 0x03, 0x03, 0x00 };
  const char *bad_numbers[] = { NULL, "", "555\n0123", "5550\xc3\xa9", "\x7f" };

  g_assert_true (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_NONE, 9, NULL));
  g_assert_cmpmem (out->data, out->len, none, sizeof none);
  g_byte_array_set_size (out, 0);
  g_assert_true (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_USER, 5, "5550123"));
  g_assert_cmpmem (out->data, out->len, user, sizeof user);
  g_byte_array_set_size (out, 0);
  g_assert_true (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_ADMIN, 0, "ignored"));
  g_assert_cmpmem (out->data, out->len, admin, sizeof admin);

  /* The one-octet Length bounds the number: 4 + 250 + NUL = 255. */
  g_byte_array_set_size (out, 0);
  g_assert_true (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_USER, 0, longest));
  g_assert_cmpuint (out->len, ==, 255);
  g_assert_cmpuint (out->data[1], ==, 255);
  g_assert_cmpuint (out->data[254], ==, 0);

  g_byte_array_set_size (out, 0);
  g_assert_false (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_USER, 0, too_long));
  for (gsize i = 0; i < G_N_ELEMENTS (bad_numbers); i++)
    g_assert_false (dt_ppp_cbcp_append_option (out, DT_PPP_CALLBACK_USER, 0, bad_numbers[i]));
  g_assert_false (dt_ppp_cbcp_append_option (out, 4, 0, NULL));
  g_assert_cmpuint (out->len, ==, 0);
}

static void
assert_describes (const guint8 *packet,
                  gsize         len,
                  const char   *expected)
{
  g_autofree guint8 *copy = g_memdup2 (packet, len);
  g_autofree char *text = dt_ppp_cbcp_describe_packet (copy, len);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_describe (void)
{
  static const guint8 bad_length[] = { 0x03, 0x07, 0x00, 0x20, 0x01, 0x02 };
  static const guint8 odd[] = { 0x09, 0x02, 0x00, 0x06, 0xab, 0xcd };
  static const guint8 evil_number[] = {
    0x02, 0x02, 0x00, 0x0b, 0x02, 0x07, 0x00, 0x01, '5', '\n', 0x00 };
  static const guint8 cut_option[] = { 0x01, 0x03, 0x00, 0x07, 0x02, 0x09, 0x00 };

  assert_describes (request_all, sizeof request_all,
                    "[CBCP Request id=0x1 < NoCallback> < UserDefined delay = 0>"
                    " < AdminDefined delay = 5>]");
  assert_describes (response_5550123, sizeof response_5550123,
                    "[CBCP Response id=0x1 < UserDefined delay = 0 number = 5550123>]");
  assert_describes (bad_length, sizeof bad_length, "[CBCP Ack id=0x7 <bad length 32 in 6 bytes>]");
  assert_describes (request_all, 3, "[CBCP <truncated, 3 bytes>]");
  assert_describes (odd, sizeof odd, "[CBCP code=0x9 id=0x2 ab cd]");
  assert_describes (evil_number, sizeof evil_number,
                    "[CBCP Response id=0x2 < UserDefined delay = 0 number = 5\\x0a>]");
  assert_describes (cut_option, sizeof cut_option, "[CBCP Request id=0x3 02 09 00]");
}

/* The state machine */

static void
test_user_number (void)
{
  Client c;
  g_autoptr (GBytes) ack = ack_of (response_5550123, sizeof response_5550123);
  g_autoptr (GError) error = NULL;

  client_init (&c, 10000);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_REQUEST);
  feed (&c, request_user, sizeof request_user);
  g_assert_cmpuint (c.requested, ==, 1);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_ANSWER);
  g_assert_cmpuint (c.sent->len, ==, 0);

  /* Only what was offered. */
  g_assert_false (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_ADMIN, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (c.sent->len, ==, 0);

  g_assert_true (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "5550123", &error));
  g_assert_no_error (error);
  assert_sent (&c, 0, response_5550123, sizeof response_5550123);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_ACK);

  /* Not twice. */
  g_assert_false (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "5550123", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);

  feed_bytes (&c, ack);
  g_assert_cmpuint (c.acked, ==, 1);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_DONE);
  g_assert_cmpint (c.cbcp.type, ==, DT_PPP_CALLBACK_USER);
  g_assert_cmpstr (c.cbcp.number, ==, "5550123");
  g_assert_cmpuint (c.cbcp.timer, ==, 0);

  /* A repeated Ack changes nothing. */
  feed_bytes (&c, ack);
  g_assert_cmpuint (c.acked, ==, 1);
  g_assert_cmpuint (c.failed, ==, 0);
  client_clear (&c);
}

static void
test_admin_and_none (void)
{
  static const guint8 admin_response[] = { 0x02, 0x01, 0x00, 0x07, 0x03, 0x03, 0x05 };
  static const guint8 admin_ack[] = { 0x03, 0x01, 0x00, 0x07, 0x03, 0x03, 0x05 };
  static const guint8 none_response[] = { 0x02, 0x01, 0x00, 0x06, 0x01, 0x02 };
  static const guint8 none_ack[] = { 0x03, 0x01, 0x00, 0x06, 0x01, 0x02 };
  Client c;

  /* The administrator's number, answered from the signal itself: the offered delay. */
  client_init (&c, 10000);
  c.auto_type = DT_PPP_CALLBACK_ADMIN;
  feed (&c, request_all, sizeof request_all);
  assert_sent (&c, 0, admin_response, sizeof admin_response);
  feed (&c, admin_ack, sizeof admin_ack);
  g_assert_cmpuint (c.acked, ==, 1);
  g_assert_cmpuint (c.cbcp.delay, ==, 5);
  g_assert_null (c.cbcp.number);
  client_clear (&c);

  /* No callback: neither delay nor address. */
  client_init (&c, 10000);
  c.auto_type = DT_PPP_CALLBACK_NONE;
  feed (&c, request_all, sizeof request_all);
  assert_sent (&c, 0, none_response, sizeof none_response);
  feed (&c, none_ack, sizeof none_ack);
  g_assert_cmpuint (c.acked, ==, 1);
  g_assert_cmpint (c.cbcp.type, ==, DT_PPP_CALLBACK_NONE);
  client_clear (&c);
}

static void
test_retransmitted_requests (void)
{
  guint8 request2[sizeof request_user], request3[sizeof request_user];
  guint8 response3[sizeof response_5550123];
  g_autoptr (GBytes) ack3 = NULL;
  Client c;

  memcpy (request2, request_user, sizeof request2);
  request2[1] = 2;
  memcpy (request3, request_user, sizeof request3);
  request3[1] = 3;
  memcpy (response3, response_5550123, sizeof response3);
  response3[1] = 3;
  ack3 = ack_of (response3, sizeof response3);

  /* Requests while the user decides: asked once, and the answer carries the latest id. */
  client_init (&c, 10000);
  feed (&c, request_user, sizeof request_user);
  feed (&c, request2, sizeof request2);
  feed (&c, request3, sizeof request3);
  g_assert_cmpuint (c.requested, ==, 1);
  g_assert_true (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "5550123", NULL));
  assert_sent (&c, 0, response3, sizeof response3);

  /* The Request we answered, again: our Response was lost; the same one goes again. */
  feed (&c, request3, sizeof request3);
  g_assert_cmpuint (c.sent->len, ==, 2);
  assert_sent (&c, 1, response3, sizeof response3);
  g_assert_cmpuint (c.requested, ==, 1);

  /* An Ack of the old Identifier, or of another number, is not ours. */
  {
    g_autoptr (GBytes) old = ack_of (response_5550123, sizeof response_5550123);
    guint8 other[sizeof response3];

    memcpy (other, response3, sizeof other);
    other[0] = DT_PPP_CBCP_ACK;
    other[10] = '9';
    feed_bytes (&c, old);
    feed (&c, other, sizeof other);
    g_assert_cmpuint (c.acked, ==, 0);
    g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_ACK);
    g_assert_cmpuint (c.cbcp.stats.ignored, ==, 2);
  }
  feed_bytes (&c, ack3);
  g_assert_cmpuint (c.acked, ==, 1);
  client_clear (&c);
}

static void
test_asked_again_after_number (void)
{
  Client c;
  guint8 request[sizeof request_user];
  guint8 response[sizeof response_5550123];

  client_init (&c, 10000);
  c.auto_type = DT_PPP_CALLBACK_USER;
  c.auto_number = "5550123";
  feed (&c, request_user, sizeof request_user);
  g_assert_cmpuint (c.sent->len, ==, 1);

  /* A fresh Request after our number: answered again with the new Identifier, twice... */
  memcpy (request, request_user, sizeof request);
  memcpy (response, response_5550123, sizeof response);
  for (guint8 id = 2; id <= 3; id++)
    {
      request[1] = response[1] = id;
      feed (&c, request, sizeof request);
      g_assert_cmpuint (c.sent->len, ==, id);
      assert_sent (&c, id - 1, response, sizeof response);
    }
  g_assert_cmpuint (c.failed, ==, 0);

  /* ... and the third time it is a refusal of the number. */
  request[1] = 4;
  feed (&c, request, sizeof request);
  g_assert_cmpuint (c.sent->len, ==, 3);
  g_assert_cmpuint (c.failed, ==, 1);
  g_assert_cmpint (c.cbcp.failure, ==, DT_PPP_CBCP_FAILURE_REFUSED);
  g_assert_cmpuint (c.requested, ==, 1);
  client_clear (&c);
}

static void
test_offer_changes (void)
{
  static const guint8 admin_only[] = { 0x01, 0x02, 0x00, 0x07, 0x03, 0x03, 0x00 };
  Client c;

  /* The server no longer offers what we picked: the owner picks again. */
  client_init (&c, 10000);
  feed (&c, request_user, sizeof request_user);
  g_assert_true (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "5550123", NULL));
  feed (&c, admin_only, sizeof admin_only);
  g_assert_cmpuint (c.requested, ==, 2);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_ANSWER);
  g_assert_cmpuint (c.cbcp.offer.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN));
  client_clear (&c);
}

static void
test_malformed_packets (void)
{
  static const guint8 short_header[] = { 0x01, 0x01, 0x00 };
  static const guint8 lying_length[] = { 0x01, 0x01, 0x00, 0x40, 0x01, 0x02 };
  static const guint8 tiny_length[] = { 0x01, 0x01, 0x00, 0x02, 0x01, 0x02 };
  static const guint8 bad_options[] = { 0x01, 0x01, 0x00, 0x07, 0x02, 0x08, 0x00 };
  static const guint8 response[] = { 0x02, 0x01, 0x00, 0x06, 0x01, 0x02 };
  static const guint8 unknown_code[] = { 0x07, 0x01, 0x00, 0x04 };
  /* A padded Request: octets past the Length are not options (RFC 1661 5). */
  static const guint8 padded[] = { 0x01, 0x05, 0x00, 0x06, 0x01, 0x02, 0xff, 0xff, 0xff };
  Client c;

  client_init (&c, 10000);
  feed (&c, short_header, sizeof short_header);
  feed (&c, lying_length, sizeof lying_length);
  feed (&c, tiny_length, sizeof tiny_length);
  feed (&c, bad_options, sizeof bad_options);
  g_assert_cmpuint (c.cbcp.stats.malformed, ==, 4);
  feed (&c, response, sizeof response);
  feed (&c, unknown_code, sizeof unknown_code);
  g_assert_cmpuint (c.cbcp.stats.ignored, ==, 2);
  g_assert_cmpuint (c.requested, ==, 0);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_REQUEST);

  feed (&c, padded, sizeof padded);
  g_assert_cmpuint (c.requested, ==, 1);
  g_assert_cmpuint (c.cbcp.id, ==, 5);
  g_assert_cmpuint (c.cbcp.offer.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE));
  client_clear (&c);
}

static void
test_silent_server (void)
{
  Client c;

  /* No Request at all. */
  client_init (&c, 50);
  run_for (200);
  g_assert_cmpuint (c.failed, ==, 1);
  g_assert_cmpint (c.cbcp.failure, ==, DT_PPP_CBCP_FAILURE_NO_REQUEST);
  g_assert_cmpuint (c.cbcp.timer, ==, 0);
  client_clear (&c);

  /* A Request, our Response, and no Ack. */
  client_init (&c, 50);
  c.auto_type = DT_PPP_CALLBACK_USER;
  c.auto_number = "5550123";
  feed (&c, request_user, sizeof request_user);
  run_for (200);
  g_assert_cmpuint (c.failed, ==, 1);
  g_assert_cmpint (c.cbcp.failure, ==, DT_PPP_CBCP_FAILURE_NO_ACK);
  client_clear (&c);

  /* No bound while the user decides: the server's own retransmissions bound that. */
  client_init (&c, 50);
  feed (&c, request_user, sizeof request_user);
  run_for (200);
  g_assert_cmpuint (c.failed, ==, 0);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_WAIT_ANSWER);

  /* Stopped (LCP went down): no timer left behind. */
  g_assert_true (dt_ppp_cbcp_respond (&c.cbcp, DT_PPP_CALLBACK_USER, "5550123", NULL));
  g_assert_cmpuint (c.cbcp.timer, !=, 0);
  dt_ppp_cbcp_stop (&c.cbcp);
  g_assert_cmpuint (c.cbcp.timer, ==, 0);
  g_assert_cmpint (c.cbcp.state, ==, DT_PPP_CBCP_STATE_INITIAL);
  run_for (100);
  g_assert_cmpuint (c.failed, ==, 0);
  client_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp/cbcp/parse-request", test_parse_request);
  g_test_add_func ("/ppp/cbcp/parse-malformed-request", test_parse_malformed_request);
  g_test_add_func ("/ppp/cbcp/append-option", test_append_option);
  g_test_add_func ("/ppp/cbcp/describe", test_describe);
  g_test_add_func ("/ppp/cbcp/user-number", test_user_number);
  g_test_add_func ("/ppp/cbcp/admin-and-none", test_admin_and_none);
  g_test_add_func ("/ppp/cbcp/retransmitted-requests", test_retransmitted_requests);
  g_test_add_func ("/ppp/cbcp/asked-again-after-number", test_asked_again_after_number);
  g_test_add_func ("/ppp/cbcp/offer-changes", test_offer_changes);
  g_test_add_func ("/ppp/cbcp/malformed-packets", test_malformed_packets);
  g_test_add_func ("/ppp/cbcp/silent-server", test_silent_server);

  return g_test_run ();
}
