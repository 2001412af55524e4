/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The EAP peer (RFC 3748) against packets a server sends, written here byte by byte: Identity
 * and MD5-Challenge as pppd sends them, EAP-MSCHAPv2 (draft-kamath-pppext-eap-mschapv2) with
 * the server's proof checked, GTC and the user's answer, Notification, the Nak and the
 * Expanded Nak (what we speak, token cards left out when the entry requires encryption),
 * repeated Requests, re-authentication, and hostile input: lying lengths, Success or Failure
 * that answer nothing, an endless Identity loop, a Success without the MS-CHAPv2 proof. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "dt-auth-test-peer.h"
#include "dt-error.h"

enum { REQUEST = 1, RESPONSE = 2, SUCCESS = 3, FAILURE = 4 };
enum { IDENTITY = 1, NOTIFICATION = 2, NAK = 3, MD5 = 4, OTP = 5, GTC = 6, TLS = 13,
       MSCHAPV2 = 26, EXPANDED = 254 };

/* A Request of @type with @data. */
static void
feed_request (Fixture      *f,
              guint8        id,
              guint8        type,
              const void   *data,
              gsize         len)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, &type, 1);
  g_byte_array_append (body, data, len);
  feed (f, REQUEST, id, body->data, body->len);
}

/* The last packet sent: a Response with @id and @type; its Type-Data in @data. */
static const guint8 *
last_response (Fixture *f,
               guint8   id,
               guint8   type,
               gsize   *data_len)
{
  gsize len;
  const guint8 *pkt = last_sent (f, &len);

  g_assert_cmpuint (f->last_protocol, ==, 0xc227);
  g_assert_cmpuint (len, >=, 5);
  g_assert_cmpuint (pkt[0], ==, RESPONSE);
  g_assert_cmpuint (pkt[1], ==, id);
  g_assert_cmpuint ((pkt[2] << 8) | pkt[3], ==, len);
  g_assert_cmpuint (pkt[4], ==, type);
  *data_len = len - 5;
  return pkt + 5;
}

static void
start (Fixture    *f,
       const char *user,
       const char *password)
{
  fixture_init (f, DT_PPP_AUTH_EAP, user, password, NULL);
  g_assert_cmpstr (dt_ppp_auth_client_get_protocol_name (f->client), ==, "EAP");
  g_assert_cmpuint (dt_ppp_auth_client_get_ppp_protocol (f->client), ==, 0xc227);
  dt_ppp_auth_client_start (f->client);
  g_assert_cmpuint (f->sent->len, ==, 0);
}

static void
answer_identity (Fixture *f,
                 guint8   id)
{
  const guint8 *data;
  gsize len;

  feed_request (f, id, IDENTITY, "Name", 4);
  data = last_response (f, id, IDENTITY, &len);
  g_assert_cmpmem (data, len, "user", 4);
}

static void
assert_md5_answer (Fixture      *f,
                   guint8        id,
                   const guint8 *challenge,
                   gsize         challenge_len,
                   const char   *password)
{
  guint8 expected[16];
  const guint8 *data;
  gsize len;

  data = last_response (f, id, MD5, &len);
  g_assert_cmpuint (len, ==, 1 + 16 + 4);
  g_assert_cmpuint (data[0], ==, 16);
  dt_chap_md5_response (id, password, challenge, challenge_len, expected);
  g_assert_cmpmem (data + 1, 16, expected, 16);
  g_assert_cmpmem (data + 17, 4, "user", 4);
}

static const guint8 challenge[] = { 0x69, 0x90, 0x39, 0x65, 0x68, 0x4b, 0x07, 0xd9, 0xd0, 0x2c,
                                    0xf4, 0x26, 0xf3, 0x77, 0x43, 0xe8, 0xff, 0xbc, 0xb8, 0xcf };

static void
feed_md5 (Fixture *f,
          guint8   id)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 size = sizeof challenge;

  g_byte_array_append (data, &size, 1);
  g_byte_array_append (data, challenge, sizeof challenge);
  g_byte_array_append (data, (const guint8 *) "dialtone-isp", 12);
  feed_request (f, id, MD5, data->data, data->len);
}

/* pppd's exchange: Identity, MD5-Challenge, Success with the next Identifier. */
static void
test_md5 (void)
{
  Fixture f;
  gsize len0, len1;
  const guint8 *first, *again;

  start (&f, "user", "s3cret");
  answer_identity (&f, 0x20);
  feed_md5 (&f, 0x21);
  assert_md5_answer (&f, 0x21, challenge, sizeof challenge, "s3cret");

  /* Our Response was lost: the same Request gets the same Response, byte for byte. */
  first = last_sent (&f, &len0);
  feed_md5 (&f, 0x21);
  g_assert_cmpuint (f.sent->len, ==, 3);
  again = last_sent (&f, &len1);
  g_assert_cmpmem (first, len0, again, len1);

  /* Success or Failure with an Identifier that answers nothing of ours is dropped. */
  feed (&f, SUCCESS, 0x40, NULL, 0);
  feed (&f, FAILURE, 0x20, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 0);
  feed (&f, SUCCESS, 0x22, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpuint (f.n_prompts, ==, 0);

  /* Authenticated again (pppd's eap-interval): announced and answered. */
  answer_identity (&f, 0x30);
  g_assert_cmpuint (f.n_reauthenticating, ==, 1);
  feed_md5 (&f, 0x31);
  assert_md5_answer (&f, 0x31, challenge, sizeof challenge, "s3cret");
  feed (&f, SUCCESS, 0x31, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_true (f.success);
  fixture_clear (&f);
}

/* A Notification is acknowledged, and its words explain the Failure that follows. */
static void
test_notification_and_failure (void)
{
  Fixture f;
  gsize len;

  start (&f, "user", "wrong");
  answer_identity (&f, 1);
  feed_request (&f, 2, NOTIFICATION, "Account\x1b[31m locked", 19);
  last_response (&f, 2, NOTIFICATION, &len);
  g_assert_cmpuint (len, ==, 0);
  feed_md5 (&f, 3);
  feed (&f, FAILURE, 3, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_false (f.retry_allowed);
  /* The escape character is gone from what the user reads. */
  g_assert_cmpstr (f.message, ==, "Account [31m locked");
  fixture_clear (&f);
}

/* A method we do not speak gets a Nak with ours, best first; token cards, whose answers
 * cross the line as typed, only when the entry allows that. */
static void
test_nak (void)
{
  static const guint8 all[] = { MSCHAPV2, MD5, GTC, OTP };
  static const guint8 encrypted[] = { MSCHAPV2, MD5 };
  Fixture f;
  const guint8 *data;
  gsize len;

  start (&f, "user", "s3cret");
  answer_identity (&f, 1);
  feed_request (&f, 2, TLS, "\x20", 1);
  data = last_response (&f, 2, NAK, &len);
  g_assert_cmpmem (data, len, all, sizeof all);
  fixture_clear (&f);

  start (&f, "user", "s3cret");
  dt_ppp_auth_client_set_require_encryption (f.client, TRUE);
  answer_identity (&f, 1);
  feed_request (&f, 2, GTC, "Token: ", 7);
  data = last_response (&f, 2, NAK, &len);
  g_assert_cmpmem (data, len, encrypted, sizeof encrypted);
  g_assert_cmpuint (f.n_prompts, ==, 0);
  fixture_clear (&f);
}

/* An Expanded Type (§5.7) gets an Expanded Nak (§5.3.2): vendor 0, type 3, then each
 * method as an expanded type. */
static void
test_expanded_nak (void)
{
  static const guint8 request[] = { 0x00, 0x00, 0x9f, 0x00, 0x00, 0x00, 0x01, 0x42 };
  Fixture f;
  const guint8 *data;
  gsize len;

  start (&f, "user", "s3cret");
  dt_ppp_auth_client_set_require_encryption (f.client, TRUE);
  answer_identity (&f, 1);
  feed_request (&f, 2, EXPANDED, request, sizeof request);
  data = last_response (&f, 2, EXPANDED, &len);
  g_assert_cmpuint (len, ==, 7 + 8 * 2);
  g_assert_cmpmem (data, 7, ((const guint8[]) { 0, 0, 0, 0, 0, 0, NAK }), 7);
  g_assert_cmpmem (data + 7, 8, ((const guint8[]) { EXPANDED, 0, 0, 0, 0, 0, 0, MSCHAPV2 }), 8);
  g_assert_cmpmem (data + 15, 8, ((const guint8[]) { EXPANDED, 0, 0, 0, 0, 0, 0, MD5 }), 8);
  fixture_clear (&f);
}

/* EAP-MSCHAPv2: the Challenge answered as MS-CHAPv2 answers it; the Success checked. */
static void
mschapv2_challenge (Fixture        *f,
                    const char     *password,
                    guint8          auth_challenge[16],
                    MschapResponse *r)
{
  g_autoptr (GByteArray) ms = g_byte_array_new ();
  const guint8 *data;
  gsize len;
  guint8 head[5] = { 1, 0x42, 0, 0, 16 };
  guint16 ms_len = 5 + 16 + 3;

  hex_to_bytes (TEST_AUTH_CHALLENGE_HEX, auth_challenge, 16);
  head[2] = ms_len >> 8;
  head[3] = ms_len & 0xff;
  g_byte_array_append (ms, head, 5);
  g_byte_array_append (ms, auth_challenge, 16);
  g_byte_array_append (ms, (const guint8 *) "isp", 3);
  feed_request (f, 5, MSCHAPV2, ms->data, ms->len);

  data = last_response (f, 5, MSCHAPV2, &len);
  g_assert_cmpuint (len, ==, 4 + 1 + 49 + 4);
  g_assert_cmpuint (data[0], ==, 2);                    /* Response */
  g_assert_cmpuint (data[1], ==, 0x42);                 /* MS-CHAPv2-ID */
  g_assert_cmpuint ((data[2] << 8) | data[3], ==, len); /* MS-Length */
  g_assert_cmpuint (data[4], ==, 49);
  memcpy (r->peer_challenge, data + 5, 16);
  memcpy (r->nt_response, data + 29, 24);
  g_assert_cmpmem (data + 54, 4, "user", 4);
  {
    guint8 expected[24];

    g_assert_true (dt_mschap_generate_nt_response (auth_challenge, r->peer_challenge, "user",
                                                   password, expected));
    g_assert_cmpmem (r->nt_response, 24, expected, 24);
  }
}

static void
feed_mschapv2_text (Fixture    *f,
                    guint8      id,
                    guint8      opcode,
                    const char *text)
{
  gsize n = strlen (text);
  g_autofree guint8 *ms = g_malloc (4 + n);

  ms[0] = opcode;
  ms[1] = 0x42;
  ms[2] = (4 + n) >> 8;
  ms[3] = (4 + n) & 0xff;
  memcpy (ms + 4, text, n);
  feed_request (f, id, MSCHAPV2, ms, 4 + n);
}

static void
test_mschapv2 (void)
{
  guint8 auth_challenge[16];
  g_autofree char *success = NULL;
  MschapResponse r;
  Fixture f;
  const guint8 *data;
  gsize len;

  /* An EAP Success before the server proved it knows the password is refused. */
  start (&f, "user", "clientPass");
  answer_identity (&f, 4);
  mschapv2_challenge (&f, "clientPass", auth_challenge, &r);
  feed (&f, SUCCESS, 5, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  fixture_clear (&f);

  start (&f, "user", "clientPass");
  answer_identity (&f, 4);
  mschapv2_challenge (&f, "clientPass", auth_challenge, &r);
  success = success_message ("clientPass", &r, auth_challenge, "user", " M=Welcome");
  feed_mschapv2_text (&f, 6, 3, success);
  data = last_response (&f, 6, MSCHAPV2, &len);
  g_assert_cmpmem (data, len, "\x03", 1);
  g_assert_cmpuint (f.n_finished, ==, 0);
  feed (&f, SUCCESS, 6, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Welcome");
  fixture_clear (&f);
}

/* A server that cannot prove itself, and one that refuses us with E=. */
static void
test_mschapv2_failures (void)
{
  guint8 auth_challenge[16];
  MschapResponse r;
  Fixture f;
  const guint8 *data;
  gsize len;

  start (&f, "user", "clientPass");
  answer_identity (&f, 4);
  mschapv2_challenge (&f, "clientPass", auth_challenge, &r);
  feed_mschapv2_text (&f, 6, 3, "S=0000000000000000000000000000000000000000 M=Welcome");
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 691);
  g_assert_nonnull (strstr (f.message, "prove"));
  fixture_clear (&f);

  start (&f, "user", "oldPass");
  answer_identity (&f, 4);
  mschapv2_challenge (&f, "oldPass", auth_challenge, &r);
  feed_mschapv2_text (&f, 6, 4, "E=648 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=Expired");
  data = last_response (&f, 6, MSCHAPV2, &len);
  g_assert_cmpmem (data, len, "\x04", 1);
  feed (&f, FAILURE, 6, NULL, 0);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_cmpuint (f.ras_code, ==, 648);
  g_assert_cmpstr (f.message, ==, "Expired");
  fixture_clear (&f);
}

/* A token card: the prompt goes to the user; the answer goes as typed, once. */
static void
test_gtc (void)
{
  g_autoptr (GError) error = NULL;
  Fixture f;
  const guint8 *data;
  gsize len;

  start (&f, "user", "s3cret");
  answer_identity (&f, 1);
  feed_request (&f, 2, GTC, "Token code: ", 12);
  g_assert_cmpuint (f.sent->len, ==, 1);
  g_assert_cmpuint (f.n_prompts, ==, 1);
  g_assert_cmpuint (f.prompt, ==, DT_PPP_EAP_PROMPT_TOKEN);
  g_assert_cmpstr (f.prompt_text, ==, "Token code:");
  /* The server repeats itself while the user types: nothing is sent, nobody asked again. */
  feed_request (&f, 3, GTC, "Token code: ", 12);
  g_assert_cmpuint (f.sent->len, ==, 1);
  g_assert_cmpuint (f.n_prompts, ==, 1);
  /* No empty answer. */
  g_assert_false (dt_ppp_auth_client_eap_answer (f.client, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (dt_ppp_auth_client_eap_answer (f.client, "914 271", &error));
  g_assert_no_error (error);
  data = last_response (&f, 3, GTC, &len);
  g_assert_cmpmem (data, len, "914 271", 7);
  /* Nothing more to answer. */
  g_assert_false (dt_ppp_auth_client_eap_answer (f.client, "again", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  feed (&f, SUCCESS, 3, NULL, 0);
  g_assert_true (f.success);
  fixture_clear (&f);
}

/* No user name, no password: the user gives both, and the conversation goes on. */
static void
test_identity_and_password_from_the_user (void)
{
  Fixture f;
  const guint8 *data;
  gsize len;

  start (&f, "", "");
  feed_request (&f, 7, IDENTITY, "Who are you?", 12);
  g_assert_cmpuint (f.sent->len, ==, 0);
  g_assert_cmpuint (f.prompt, ==, DT_PPP_EAP_PROMPT_IDENTITY);
  g_assert_cmpstr (f.prompt_text, ==, "Who are you?");
  g_assert_true (dt_ppp_auth_client_eap_answer (f.client, "user", NULL));
  data = last_response (&f, 7, IDENTITY, &len);
  g_assert_cmpmem (data, len, "user", 4);

  feed_md5 (&f, 8);
  g_assert_cmpuint (f.n_prompts, ==, 2);
  g_assert_cmpuint (f.prompt, ==, DT_PPP_EAP_PROMPT_PASSWORD);
  g_assert_null (f.prompt_text);
  g_assert_true (dt_ppp_auth_client_eap_answer (f.client, "s3cret", NULL));
  assert_md5_answer (&f, 8, challenge, sizeof challenge, "s3cret");
  feed (&f, SUCCESS, 9, NULL, 0);
  g_assert_true (f.success);
  fixture_clear (&f);
}

/* Packets that lie about their lengths, and a server that never stops asking who we are. */
static void
test_hostile (void)
{
  static const guint8 lying[] = { REQUEST, 9, 0x00, 0x40, IDENTITY };
  static const guint8 md5_too_long[] = { 200, 1, 2, 3 };
  static const guint8 ms_too_long[] = { 1, 0x42, 0x01, 0x00, 16 };
  Fixture f;

  start (&f, "user", "s3cret");
  dt_ppp_auth_client_input (f.client, lying, sizeof lying);
  feed (&f, REQUEST, 9, NULL, 0);
  feed_request (&f, 10, MD5, md5_too_long, sizeof md5_too_long);
  feed_request (&f, 11, MSCHAPV2, ms_too_long, sizeof ms_too_long);
  feed_request (&f, 12, NAK, "\x04", 1);
  g_assert_cmpuint (f.sent->len, ==, 0);
  g_assert_cmpuint (f.n_finished, ==, 0);

  for (guint id = 20; f.n_finished == 0 && id < 40; id++)
    feed_request (&f, id, IDENTITY, NULL, 0);
  g_assert_cmpuint (f.sent->len, ==, 8);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 718);
  fixture_clear (&f);
}

/* The trace shows the exchange and hides every answer that proves something. */
static void
test_trace (void)
{
  static const guint8 md5_response[] = {
    RESPONSE, 0x21, 0x00, 0x1a, MD5, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    'u', 's', 'e', 'r',
  };
  static const guint8 gtc_response[] = { RESPONSE, 3, 0x00, 0x0c, GTC, '9', '1', '4', '2', '7',
                                         '1', '0' };
  static const guint8 identity[] = { RESPONSE, 0x20, 0x00, 0x0d, IDENTITY, 'd', 'i', 'a', 'l',
                                     't', 'o', 'n', 'e' };
  g_autofree char *a = dt_ppp_auth_describe_packet (0xc227, md5_response, sizeof md5_response);
  g_autofree char *b = dt_ppp_auth_describe_packet (0xc227, gtc_response, sizeof gtc_response);
  g_autofree char *c = dt_ppp_auth_describe_packet (0xc227, identity, sizeof identity);

  g_assert_cmpstr (a, ==, "[EAP Response id=0x21 MD5-Challenge <hidden>, name = \"user\"]");
  g_assert_cmpstr (b, ==, "[EAP Response id=0x3 GTC <hidden>]");
  g_assert_cmpstr (c, ==, "[EAP Response id=0x20 Identity \"dialtone\"]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eap/md5", test_md5);
  g_test_add_func ("/eap/notification-and-failure", test_notification_and_failure);
  g_test_add_func ("/eap/nak", test_nak);
  g_test_add_func ("/eap/expanded-nak", test_expanded_nak);
  g_test_add_func ("/eap/mschapv2", test_mschapv2);
  g_test_add_func ("/eap/mschapv2-failures", test_mschapv2_failures);
  g_test_add_func ("/eap/gtc", test_gtc);
  g_test_add_func ("/eap/identity-and-password-from-the-user",
                   test_identity_and_password_from_the_user);
  g_test_add_func ("/eap/hostile", test_hostile);
  g_test_add_func ("/eap/trace", test_trace);
  return g_test_run ();
}
