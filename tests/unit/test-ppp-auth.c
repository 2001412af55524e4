/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPppAuthClient against the packets a real server sends, built here byte by byte: PAP
 * (RFC 1334) with its retransmissions, CHAP-MD5 (RFC 1994) with re-authentication and retry,
 * the attempt deadline, malformed and lying packets, and a trace of whole dials that never
 * shows a secret.  MS-CHAPv2's flows are in test-mschapv2-client.c. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "dt-auth-test-peer.h"
#include "dt-error.h"
#include "dt-text.h"

/* ---------------------------------------------------------------------------------------- */
/* PAP */

static void
test_pap_ack (void)
{
  static const guint8 expected[] = {
    0x01, 0x01, 0x00, 0x0f, 0x04, 'u', 's', 'e', 'r', 0x05, 's', 'e', 'c', 'r', 't',
  };
  Fixture f;
  const guint8 *pkt;
  gsize len;

  fixture_init (&f, DT_PPP_AUTH_PAP, "user", "secrt", NULL);
  g_assert_cmpstr (dt_ppp_auth_client_get_protocol_name (f.client), ==, "PAP");
  g_assert_cmpuint (dt_ppp_auth_client_get_ppp_protocol (f.client), ==, 0xc023);

  dt_ppp_auth_client_start (f.client);
  g_assert_cmpuint (f.sent->len, ==, 1);
  g_assert_cmpuint (f.last_protocol, ==, 0xc023);
  pkt = last_sent (&f, &len);
  g_assert_cmpmem (pkt, len, expected, sizeof expected);

  feed (&f, 2, 0x01, "\x08Login ok", 9);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpuint (f.ras_code, ==, 0);
  g_assert_cmpstr (f.message, ==, "Login ok");

  /* a duplicate Ack changes nothing */
  feed (&f, 2, 0x01, "\x08Login ok", 9);
  g_assert_cmpuint (f.n_finished, ==, 1);
  fixture_clear (&f);
}

static void
test_pap_nak (void)
{
  g_autoptr (GError) error = NULL;
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_PAP, "user", "wrong", "CORP");
  dt_ppp_auth_client_start (f.client);
  /* the domain goes on the wire as DOMAIN\user */
  {
    gsize len;
    const guint8 *pkt = last_sent (&f, &len);

    g_assert_cmpuint (pkt[4], ==, 9);
    g_assert_cmpmem (pkt + 5, 9, "CORP\\user", 9);
  }

  /* a Nak with an id we never sent is not ours */
  feed (&f, 3, 0x77, "\x0dLogin failed.", 14);
  g_assert_cmpuint (f.n_finished, ==, 0);

  feed (&f, 3, 0x01, "\x0dLogin failed.", 14);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_cmpstr (f.message, ==, "Login failed.");
  g_assert_false (f.retry_allowed);

  g_assert_false (dt_ppp_auth_client_retry (f.client, "user", "right", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  fixture_clear (&f);
}

/* Ten transmissions, each with a new id and the same credentials, then 718.  An Ack to an
 * earlier transmission still counts. */
static void
test_pap_retransmit (void)
{
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_PAP, "user", "secrt", NULL);
  _dt_ppp_auth_client_set_pap_timing (f.client, 10, 10);
  dt_ppp_auth_client_start (f.client);
  run_until_finished (&f, 5000);

  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 718);
  g_assert_cmpuint (f.sent->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      gsize len;
      const guint8 *pkt = sent_packet (&f, i, &len);

      g_assert_cmpuint (pkt[0], ==, 1);
      g_assert_cmpuint (pkt[1], ==, i + 1);
      g_assert_cmpuint (len, ==, 15);
      g_assert_cmpmem (pkt + 4, 11, "\x04user\x05secrt", 11);
    }
  fixture_clear (&f);

  fixture_init (&f, DT_PPP_AUTH_PAP, "user", "secrt", NULL);
  _dt_ppp_auth_client_set_pap_timing (f.client, 10, 10);
  dt_ppp_auth_client_start (f.client);
  while (f.sent->len < 3)
    g_main_context_iteration (NULL, TRUE);
  feed (&f, 2, 0x01, "", 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, !=, "");
  fixture_clear (&f);
}

static void
test_pap_credentials_too_long (void)
{
  g_autofree char *long_user = g_strnfill (300, 'u');
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_PAP, long_user, "secrt", NULL);
  dt_ppp_auth_client_start (f.client);
  /* reported from an idle, not from inside start() */
  g_assert_cmpuint (f.n_finished, ==, 0);
  run_until_finished (&f, 1000);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_cmpuint (f.sent->len, ==, 0);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------------------------------- */
/* CHAP-MD5 */

static const guint8 md5_challenge[16] = {
  0x9a, 0x11, 0x02, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0,
};

/* Checks that the last packet sent is a CHAP-MD5 Response to (id, challenge) for
 * (name, secret). */
static void
assert_md5_response (Fixture      *f,
                     guint8        id,
                     const guint8 *challenge,
                     gsize         challenge_len,
                     const char   *name,
                     const char   *secret)
{
  guint8 expected[16];
  const guint8 *pkt;
  gsize len;

  pkt = last_sent (f, &len);
  g_assert_cmpuint (f->last_protocol, ==, 0xc223);
  g_assert_cmpuint (len, ==, 4 + 1 + 16 + strlen (name));
  g_assert_cmpuint (pkt[0], ==, 2);
  g_assert_cmpuint (pkt[1], ==, id);
  g_assert_cmpuint ((pkt[2] << 8) | pkt[3], ==, len);
  g_assert_cmpuint (pkt[4], ==, 16);
  dt_chap_md5_response (id, secret, challenge, challenge_len, expected);
  g_assert_cmpmem (pkt + 5, 16, expected, 16);
  g_assert_cmpmem (pkt + 21, len - 21, name, strlen (name));
}

static void
test_chap_md5_success_and_reauth (void)
{
  static const guint8 rechallenge[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_CHAP_MD5, "user", "s3cret", NULL);
  g_assert_cmpstr (dt_ppp_auth_client_get_protocol_name (f.client), ==, "CHAP-MD5");
  dt_ppp_auth_client_start (f.client);
  g_assert_cmpuint (f.sent->len, ==, 0);

  /* Success and Failure before any Response are not answers */
  feed_text (&f, 3, 0x17, "Access granted");
  feed_text (&f, 4, 0x17, "Access denied");
  g_assert_cmpuint (f.n_finished, ==, 0);

  feed_challenge (&f, 0x17, md5_challenge, 16, "isp");
  g_assert_cmpuint (f.sent->len, ==, 1);
  assert_md5_response (&f, 0x17, md5_challenge, 16, "user", "s3cret");

  /* an answer with another id is not ours */
  feed_text (&f, 3, 0x18, "Access granted");
  g_assert_cmpuint (f.n_finished, ==, 0);

  feed_text (&f, 3, 0x17, "Access granted");
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Access granted");

  g_assert_cmpuint (f.n_reauthenticating, ==, 0);

  /* RFC 1994 re-authentication: announced, answered, and its success reported */
  feed_challenge (&f, 0x42, rechallenge, sizeof rechallenge, "isp");
  g_assert_cmpuint (f.n_reauthenticating, ==, 1);
  g_assert_cmpuint (f.sent->len, ==, 2);
  assert_md5_response (&f, 0x42, rechallenge, sizeof rechallenge, "user", "s3cret");
  /* the server did not get it and asks again: the same Response, no new attempt */
  feed_challenge (&f, 0x42, rechallenge, sizeof rechallenge, "isp");
  g_assert_cmpuint (f.n_reauthenticating, ==, 1);
  g_assert_cmpuint (f.sent->len, ==, 3);
  feed_text (&f, 3, 0x42, "Access granted");
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_true (f.success);

  /* ...and its failure ends the session */
  feed_challenge (&f, 0x43, rechallenge, sizeof rechallenge, "isp");
  g_assert_cmpuint (f.n_reauthenticating, ==, 2);
  feed_text (&f, 4, 0x43, "Access denied");
  g_assert_cmpuint (f.n_finished, ==, 3);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_cmpstr (f.message, ==, "Access denied");
  fixture_clear (&f);
}

/* A Challenge repeated with the same id and value means our Response was lost: the same
 * Response goes again. */
static void
test_chap_md5_repeated_challenge (void)
{
  Fixture f;
  gsize len0, len1;
  const guint8 *first, *second;

  fixture_init (&f, DT_PPP_AUTH_CHAP_MD5, "user", "s3cret", NULL);
  dt_ppp_auth_client_start (f.client);
  feed_challenge (&f, 0x05, md5_challenge, 16, "isp");
  feed_challenge (&f, 0x05, md5_challenge, 16, "isp");
  g_assert_cmpuint (f.sent->len, ==, 2);
  first = sent_packet (&f, 0, &len0);
  second = sent_packet (&f, 1, &len1);
  g_assert_cmpmem (first, len0, second, len1);
  fixture_clear (&f);
}

static void
test_chap_md5_failure_then_new_challenge (void)
{
  static const guint8 challenge2[16] = { 0xfe, 0xed, 0xfa, 0xce };
  g_autoptr (GError) error = NULL;
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_CHAP_MD5, "user", "wrong", NULL);
  dt_ppp_auth_client_start (f.client);
  feed_challenge (&f, 0x01, md5_challenge, 16, "isp");
  feed_text (&f, 4, 0x01, "Access denied");
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_false (f.retry_allowed);

  g_assert_false (dt_ppp_auth_client_retry (f.client, "user", "right", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* The server challenges again: the failed credentials are not sent by themselves. */
  feed_challenge (&f, 0x02, challenge2, 16, "isp");
  g_assert_cmpuint (f.sent->len, ==, 1);

  g_assert_true (dt_ppp_auth_client_retry (f.client, "user", "right", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.sent->len, ==, 2);
  assert_md5_response (&f, 0x02, challenge2, 16, "user", "right");
  feed_text (&f, 3, 0x02, "Welcome");
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_true (f.success);
  fixture_clear (&f);
}

static void
test_chap_timeout (void)
{
  Fixture f;
  gint64 start;

  fixture_init (&f, DT_PPP_AUTH_CHAP_MD5, "user", "s3cret", NULL);
  dt_ppp_auth_client_set_timeout (f.client, 1);
  g_assert_cmpuint (dt_ppp_auth_client_get_timeout (f.client), ==, 1);
  start = g_get_monotonic_time ();
  dt_ppp_auth_client_start (f.client);
  run_until_finished (&f, 5000);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 718);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  fixture_clear (&f);
}

/* ---------------------------------------------------------------------------------------- */
/* Untrusted input */

static void
test_malformed_input (void)
{
  static const guint8 junk[][8] = {
    { 0x01 },                                       /* 1 byte */
    { 0x01, 0x01, 0x00 },                           /* 3 bytes */
    { 0x01, 0x01, 0x00, 0x02 },                     /* length below the header */
    { 0x01, 0x01, 0xff, 0xff, 0x10, 0x00 },         /* length past the data */
    { 0x01, 0x01, 0x00, 0x05, 0x10, 0x00, 0x00 },   /* Value-Size 16 in 1 octet */
    { 0x01, 0x01, 0x00, 0x05, 0x00 },               /* Value-Size 0 */
    { 0x01, 0x01, 0x00, 0x04 },                     /* no Value-Size */
    { 0x02, 0x80, 0x00, 0x04 },                     /* CHAP Response, PAP Ack to no request */
    { 0x07, 0x01, 0x00, 0x08, 1, 2, 3, 4 },         /* a Change-Password, from the server */
    { 0x09, 0x01, 0x00, 0x04 },                     /* unknown code */
  };
  static const gsize junk_len[] = { 1, 3, 4, 6, 7, 5, 4, 4, 8, 4 };
  static const guint8 challenge8[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  DtPppAuthProtocol protos[] = { DT_PPP_AUTH_PAP, DT_PPP_AUTH_CHAP_MD5, DT_PPP_AUTH_MSCHAPV2 };

  for (gsize p = 0; p < G_N_ELEMENTS (protos); p++)
    {
      Fixture f;
      guint n_sent;

      fixture_init (&f, protos[p], "user", "pass", NULL);
      dt_ppp_auth_client_input (f.client, junk[0], 1);  /* before start(): dropped */
      dt_ppp_auth_client_start (f.client);
      n_sent = f.sent->len;
      for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
        dt_ppp_auth_client_input (f.client, junk[i], junk_len[i]);
      dt_ppp_auth_client_input (f.client, NULL, 0);
      /* MS-CHAPv2 takes only 16-octet challenges */
      if (protos[p] == DT_PPP_AUTH_MSCHAPV2)
        feed_challenge (&f, 0x01, challenge8, 8, "isp");
      g_assert_cmpuint (f.sent->len, ==, n_sent);
      g_assert_cmpuint (f.n_finished, ==, 0);
      fixture_clear (&f);
    }
}

/* Octets past Length are padding; oversize names and messages are cut, not trusted. */
static void
test_padding_and_oversize (void)
{
  g_autofree guint8 *pkt = g_malloc0 (4 + 1 + 16 + 1000 + 50);
  g_autofree char *long_message = g_strnfill (4000, 'm');
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_CHAP_MD5, "user", "s3cret", NULL);
  dt_ppp_auth_client_start (f.client);
  pkt[0] = 1;
  pkt[1] = 0x09;
  pkt[2] = (4 + 1 + 16 + 1000) >> 8;
  pkt[3] = (4 + 1 + 16 + 1000) & 0xff;
  pkt[4] = 16;
  memcpy (pkt + 5, md5_challenge, 16);
  memset (pkt + 21, 'n', 1000);
  dt_ppp_auth_client_input (f.client, pkt, 4 + 1 + 16 + 1000 + 50);
  assert_md5_response (&f, 0x09, md5_challenge, 16, "user", "s3cret");

  feed_text (&f, 4, 0x09, long_message);
  g_assert_false (f.success);
  g_assert_cmpuint (strlen (f.message), <=, DT_PPP_AUTH_MAX_MESSAGE);
  fixture_clear (&f);
}

static void
test_sanitize_text (void)
{
  static const guint8 nasty[] = "ok\x01\n\xff\xe2\x80\xae" "evil" "\xc3\xa9";
  g_autofree char *clean = dt_text_sanitize ((const char *) nasty, sizeof nasty - 1, 100);
  g_autofree char *cut = dt_text_sanitize ("\xc3\xa9\xc3\xa9", 4, 3);

  g_assert_true (g_utf8_validate (clean, -1, NULL));
  g_assert_null (strchr (clean, '\n'));
  g_assert_null (strchr (clean, '\x01'));
  g_assert_null (strstr (clean, "\xe2\x80\xae"));   /* RIGHT-TO-LEFT OVERRIDE */
  g_assert_true (g_str_has_prefix (clean, "ok"));
  g_assert_true (g_str_has_suffix (clean, "evil\xc3\xa9"));
  g_assert_cmpstr (cut, ==, "\xc3\xa9");
}

static void
test_parse_failure_fields (void)
{
  DtMschapFailure failure;
  const char *text = "E=4294967295 R=1 C=00112233445566778899aabbccddeeff V=3 M=E=1 R=0 C=x";

  dt_mschap_parse_failure ((const guint8 *) text, strlen (text), &failure);
  g_assert_cmpuint (failure.error, ==, 4294967295u);
  g_assert_true (failure.retry);
  g_assert_true (failure.has_challenge);
  g_assert_cmpuint (failure.challenge[15], ==, 0xff);
  g_assert_cmpuint (failure.version, ==, 3);
  g_assert_cmpstr (failure.message, ==, "E=1 R=0 C=x");
  dt_mschap_failure_clear (&failure);

  text = "E=4294967296 R=2 V=99999999999";
  dt_mschap_parse_failure ((const guint8 *) text, strlen (text), &failure);
  g_assert_cmpuint (failure.error, ==, 0);
  g_assert_false (failure.retry);
  g_assert_cmpuint (failure.version, ==, 0);
  g_assert_null (failure.message);
  dt_mschap_failure_clear (&failure);

  /* not NUL-terminated: the parser stops at len */
  dt_mschap_parse_failure ((const guint8 *) "E=691 R=1", 7, &failure);
  g_assert_cmpuint (failure.error, ==, 691);
  g_assert_false (failure.retry);
  dt_mschap_failure_clear (&failure);
}

/* ---------------------------------------------------------------------------------------- */
/* The trace */

static void
assert_not_in (const char   *trace,
               const guint8 *secret,
               gsize         len)
{
  g_autoptr (GString) hex = g_string_new (NULL);
  g_autofree char *upper = NULL;
  g_autofree char *raw = g_strndup ((const char *) secret, len);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", secret[i]);
  upper = g_ascii_strup (hex->str, -1);

  if (len >= 4 && strlen (raw) == len)
    g_assert_null (strstr (trace, raw));
  /* any 4-octet run of it, in hex of either case */
  for (gsize i = 0; i + 8 <= hex->len; i += 2)
    {
      g_autofree char *piece = g_strndup (hex->str + i, 8);
      g_autofree char *piece_up = g_strndup (upper + i, 8);

      g_assert_null (strstr (trace, piece));
      g_assert_null (strstr (trace, piece_up));
    }
}

static char *
trace_all (Fixture *f,
           GString *server_side)
{
  GString *all = g_string_new (server_side->str);

  for (guint i = 0; i < f->sent->len; i++)
    {
      gsize len;
      const guint8 *pkt = sent_packet (f, i, &len);
      g_autofree char *line = dt_ppp_auth_describe_packet (f->last_protocol, pkt, len);

      g_assert_nonnull (line);
      g_string_append_printf (all, "sent %s\n", line);
    }
  return g_string_free (all, FALSE);
}

static void
describe_into (GString      *s,
               guint16       protocol,
               const guint8 *pkt,
               gsize         len)
{
  g_autofree char *line = dt_ppp_auth_describe_packet (protocol, pkt, len);

  g_string_append_printf (s, "rcvd %s\n", line);
}

static void
test_trace_formats (void)
{
  static const guint8 challenge[] = {
    0x01, 0x01, 0x00, 0x0b, 0x03, 0xa1, 0xb2, 0xc3, 'i', 's', 'p',
  };
  static const guint8 pap_req[] = {
    0x01, 0x02, 0x00, 0x0e, 0x04, 'u', 's', 'e', 'r', 0x04, 'p', 'a', 's', 's',
  };
  static const guint8 pap_ack[] = { 0x02, 0x02, 0x00, 0x07, 0x02, 'o', 'k' };
  static const guint8 failure[] = { 0x04, 0x05, 0x00, 0x0b, 'E', '=', '6', '9', '1', ' ', 'R' };
  static const guint8 success[] = {
    0x03, 0x05, 0x00, 0x33, 'S', '=', '4', '0', '7', 'A', '5', '5', '8', '9', '1', '1', '5', 'F',
    'D', '0', 'D', '6', '2', '0', '9', 'F', '5', '1', '0', 'F', 'E', '9', 'C', '0', '4', '5', '6',
    '6', '9', '3', '2', 'C', 'D', 'A', '5', '6', ' ', 'M', '=', 'h', 'i',
  };
  static const guint8 lying[] = { 0x02, 0x01, 0x00, 0x40, 0x10, 's', 'e', 'c' };
  g_autofree char *t1 = dt_ppp_auth_describe_packet (0xc223, challenge, sizeof challenge);
  g_autofree char *t2 = dt_ppp_auth_describe_packet (0xc023, pap_req, sizeof pap_req);
  g_autofree char *t3 = dt_ppp_auth_describe_packet (0xc023, pap_ack, sizeof pap_ack);
  g_autofree char *t4 = dt_ppp_auth_describe_packet (0xc223, failure, sizeof failure);
  g_autofree char *t5 = dt_ppp_auth_describe_packet (0xc223, success, sizeof success);
  g_autofree char *t6 = dt_ppp_auth_describe_packet (0xc223, lying, sizeof lying);
  g_autofree char *t7 = dt_ppp_auth_describe_packet (0xc223, lying, 2);
  g_autofree char *t8 = dt_ppp_auth_describe_packet (0xc021, challenge, sizeof challenge);

  g_assert_cmpstr (t1, ==, "[CHAP Challenge id=0x1 <a1b2c3>, name = \"isp\"]");
  g_assert_cmpstr (t2, ==, "[PAP AuthReq id=0x2 user=\"user\" password=<hidden>]");
  g_assert_cmpstr (t3, ==, "[PAP AuthAck id=0x2 \"ok\"]");
  g_assert_cmpstr (t4, ==, "[CHAP Failure id=0x5 \"E=691 R\"]");
  g_assert_cmpstr (t5, ==, "[CHAP Success id=0x5 \"S=<hidden> M=hi\"]");
  g_assert_cmpstr (t6, ==, "[CHAP Response id=0x1 <bad length 64 in 8 bytes>]");
  g_assert_cmpstr (t7, ==, "[CHAP <truncated, 2 bytes>]");
  g_assert_null (t8);
}

/* Whatever crossed the link in a whole MS-CHAPv2 dial with a password change, and in PAP and
 * CHAP-MD5 dials, the trace shows no password, response or encrypted block, in any form. */
static void
test_trace_redaction (void)
{
  const char *passwords[] = { "oldPass", "newPass1" };
  guint8 auth_challenge[16], change_challenge[16];
  g_autoptr (GString) rcvd = g_string_new (NULL);
  g_autofree char *success = NULL;
  g_autofree char *trace = NULL;
  MschapResponse r1, r2;
  Fixture f;

  mschap_start (&f, "oldPass", auth_challenge, &r1);
  {
    const char *fail = "E=648 R=0 C=FEDCBA9876543210FEDCBA9876543210 V=3 M=expired";
    g_autofree guint8 *pkt = g_malloc (4 + strlen (fail));

    pkt[0] = 4, pkt[1] = 0x21, pkt[2] = 0, pkt[3] = 4 + strlen (fail);
    memcpy (pkt + 4, fail, strlen (fail));
    describe_into (rcvd, 0xc223, pkt, 4 + strlen (fail));
    dt_ppp_auth_client_input (f.client, pkt, 4 + strlen (fail));
  }
  g_assert_true (dt_ppp_auth_client_change_password (f.client, "oldPass", "newPass1", NULL));
  hex_to_bytes ("FEDCBA9876543210FEDCBA9876543210", change_challenge, 16);
  read_change_password (&f, 0x22, change_challenge, "oldPass", "newPass1", &r2);
  success = success_message ("newPass1", &r2, change_challenge, "User", " M=ok");
  {
    gsize n = strlen (success);
    g_autofree guint8 *pkt = g_malloc (4 + n);

    pkt[0] = 3, pkt[1] = 0x22, pkt[2] = 0, pkt[3] = 4 + n;
    memcpy (pkt + 4, success, n);
    describe_into (rcvd, 0xc223, pkt, 4 + n);
    dt_ppp_auth_client_input (f.client, pkt, 4 + n);
  }
  g_assert_true (f.success);

  trace = trace_all (&f, rcvd);
  {
    g_auto (GStrv) lines = g_strsplit (trace, "\n", -1);

    for (char **l = lines; *l != NULL; l++)
      if (**l != '\0')
        g_test_message ("%s", *l);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (passwords[i], -1, NULL, NULL, NULL);
      guint8 hash[16];

      assert_not_in (trace, (const guint8 *) passwords[i], strlen (passwords[i]));
      assert_not_in (trace, (const guint8 *) utf16, strlen (passwords[i]) * 2);
      nt_hash_ascii (passwords[i], hash);
      assert_not_in (trace, hash, 16);
    }
  assert_not_in (trace, r1.nt_response, 24);
  assert_not_in (trace, r2.nt_response, 24);
  assert_not_in (trace, (const guint8 *) success + 2, 40);
  for (guint i = 0; i < f.sent->len; i++)
    {
      gsize len;
      const guint8 *pkt = sent_packet (&f, i, &len);

      assert_not_in (trace, pkt + 4, len - 4);  /* the whole body of every packet we sent */
    }
  g_assert_nonnull (strstr (trace, "[CHAP Response id=0x21 <hidden>, name = \"User\"]"));
  g_assert_nonnull (strstr (trace, "[CHAP ChangePassword id=0x22 <hidden>]"));
  g_assert_nonnull (strstr (trace, "\"S=<hidden> M=ok\""));
  fixture_clear (&f);

  /* PAP and CHAP-MD5 */
  for (int proto = DT_PPP_AUTH_PAP; proto <= DT_PPP_AUTH_CHAP_MD5; proto++)
    {
      g_autoptr (GString) none = g_string_new (NULL);
      g_autofree char *t = NULL;
      gsize len;
      const guint8 *pkt;

      fixture_init (&f, proto, "user", "Sw0rdfish!", NULL);
      dt_ppp_auth_client_start (f.client);
      if (proto == DT_PPP_AUTH_CHAP_MD5)
        feed_challenge (&f, 0x01, md5_challenge, 16, "isp");
      t = trace_all (&f, none);
      pkt = last_sent (&f, &len);
      assert_not_in (t, (const guint8 *) "Sw0rdfish!", 10);
      if (proto == DT_PPP_AUTH_CHAP_MD5)
        assert_not_in (t, pkt + 5, 16);
      fixture_clear (&f);
    }
}

/* Dropping the client with its timers armed removes them. */
static void
test_dispose_removes_sources (void)
{
  DtPppAuthProtocol protos[] = { DT_PPP_AUTH_PAP, DT_PPP_AUTH_CHAP_MD5 };

  for (gsize p = 0; p < G_N_ELEMENTS (protos); p++)
    {
      Fixture f;

      fixture_init (&f, protos[p], "user", "pass", NULL);
      _dt_ppp_auth_client_set_pap_timing (f.client, 5, 10);
      dt_ppp_auth_client_set_timeout (f.client, 1);
      dt_ppp_auth_client_start (f.client);
      fixture_clear (&f);
    }
  /* a source left behind would now fire on freed memory (ASan) */
  {
    gint64 end = g_get_monotonic_time () + 1200 * 1000;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE), g_usleep (5000);
  }
  g_assert_false (g_main_context_pending (NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp-auth/pap/ack", test_pap_ack);
  g_test_add_func ("/ppp-auth/pap/nak", test_pap_nak);
  g_test_add_func ("/ppp-auth/pap/retransmit", test_pap_retransmit);
  g_test_add_func ("/ppp-auth/pap/credentials-too-long", test_pap_credentials_too_long);
  g_test_add_func ("/ppp-auth/chap-md5/success-and-reauth", test_chap_md5_success_and_reauth);
  g_test_add_func ("/ppp-auth/chap-md5/repeated-challenge", test_chap_md5_repeated_challenge);
  g_test_add_func ("/ppp-auth/chap-md5/failure-then-new-challenge",
                   test_chap_md5_failure_then_new_challenge);
  g_test_add_func ("/ppp-auth/chap/timeout", test_chap_timeout);
  g_test_add_func ("/ppp-auth/malformed-input", test_malformed_input);
  g_test_add_func ("/ppp-auth/padding-and-oversize", test_padding_and_oversize);
  g_test_add_func ("/ppp-auth/sanitize-text", test_sanitize_text);
  g_test_add_func ("/ppp-auth/parse-failure-fields", test_parse_failure_fields);
  g_test_add_func ("/ppp-auth/trace/formats", test_trace_formats);
  g_test_add_func ("/ppp-auth/trace/redaction", test_trace_redaction);
  g_test_add_func ("/ppp-auth/dispose-removes-sources", test_dispose_removes_sources);

  return g_test_run ();
}
