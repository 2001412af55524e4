/* SPDX-License-Identifier: GPL-3.0-or-later */
/* See dt-auth-test-peer.h. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>

#include "dt-auth-test-peer.h"

static void
on_send (guint16       ppp_protocol,
         const guint8 *pkt,
         gsize         len,
         gpointer      data)
{
  Fixture *f = data;

  f->last_protocol = ppp_protocol;
  g_ptr_array_add (f->sent, g_bytes_new (pkt, len));
}

static void
on_reauthenticating (Fixture *f)
{
  /* Announced before the Response goes, and only after a success. */
  g_assert_true (f->success);
  f->n_reauthenticating++;
}

static void
on_eap_prompt (DtPppAuthClient *client,
               guint            prompt,
               const char      *text,
               Fixture         *f)
{
  f->n_prompts++;
  f->prompt = prompt;
  g_free (f->prompt_text);
  f->prompt_text = g_strdup (text);
}

static void
on_finished (DtPppAuthClient *client,
             gboolean         success,
             guint            ras_code,
             const char      *message,
             gboolean         retry_allowed,
             Fixture         *f)
{
  f->n_finished++;
  f->success = success;
  f->ras_code = ras_code;
  g_free (f->message);
  f->message = g_strdup (message);
  f->retry_allowed = retry_allowed;
  g_assert_nonnull (message);

  if (f->retry_password != NULL)
    f->retry_result = dt_ppp_auth_client_retry (client, "User", f->retry_password, NULL, NULL);
}

void
fixture_init (Fixture           *f,
              DtPppAuthProtocol  proto,
              const char        *user,
              const char        *password,
              const char        *domain)
{
  memset (f, 0, sizeof *f);
  f->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  f->client = dt_ppp_auth_client_new (proto, user, password, domain);
  dt_ppp_auth_client_set_send_func (f->client, on_send, f);
  g_signal_connect (f->client, "finished", G_CALLBACK (on_finished), f);
  g_signal_connect_swapped (f->client, "reauthenticating", G_CALLBACK (on_reauthenticating), f);
  g_signal_connect (f->client, "eap-prompt", G_CALLBACK (on_eap_prompt), f);
}

void
fixture_clear (Fixture *f)
{
  g_assert_finalize_object (f->client);
  g_ptr_array_unref (f->sent);
  g_free (f->message);
  g_free (f->prompt_text);
}

const guint8 *
sent_packet (Fixture *f,
             guint    index,
             gsize   *len)
{
  g_assert_cmpuint (index, <, f->sent->len);
  return g_bytes_get_data (f->sent->pdata[index], len);
}

const guint8 *
last_sent (Fixture *f,
           gsize   *len)
{
  g_assert_cmpuint (f->sent->len, >, 0);
  return sent_packet (f, f->sent->len - 1, len);
}

/* Feeds one packet: code, id, a correct length, the data. */
void
feed (Fixture      *f,
      guint8        code,
      guint8        id,
      const void   *data,
      gsize         len)
{
  g_autofree guint8 *pkt = g_malloc (4 + len);

  pkt[0] = code;
  pkt[1] = id;
  pkt[2] = (4 + len) >> 8;
  pkt[3] = (4 + len) & 0xff;
  if (len > 0)
    memcpy (pkt + 4, data, len);
  dt_ppp_auth_client_input (f->client, pkt, 4 + len);
}

void
feed_text (Fixture    *f,
           guint8      code,
           guint8      id,
           const char *text)
{
  feed (f, code, id, text, strlen (text));
}

/* A CHAP Challenge: Value-Size, Value, Name. */
void
feed_challenge (Fixture      *f,
                guint8        id,
                const guint8 *value,
                gsize         value_len,
                const char   *name)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 size = value_len;

  g_byte_array_append (data, &size, 1);
  g_byte_array_append (data, value, value_len);
  g_byte_array_append (data, (const guint8 *) name, strlen (name));
  feed (f, 1, id, data->data, data->len);
}

void
run_until_finished (Fixture *f,
                    guint    max_ms)
{
  gint64 end = g_get_monotonic_time () + max_ms * 1000;

  while (f->n_finished == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

void
hex_to_bytes (const char *hex,
              guint8     *out,
              gsize       len)
{
  g_assert_cmpuint (strlen (hex), ==, 2 * len);
  for (gsize i = 0; i < len; i++)
    out[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
}

/* Reads the last packet the client sent as a MS-CHAPv2 Response (RFC 2759 section 4) and
 * checks every field; the NT-Response must be the one for @password over @auth_challenge. */
void
read_mschap_response (Fixture        *f,
                      guint8          id,
                      const guint8    auth_challenge[16],
                      const char     *name,
                      const char     *password,
                      MschapResponse *r)
{
  static const guint8 zeros[8] = { 0 };
  guint8 expected[24];
  const guint8 *pkt;
  gsize len;

  pkt = last_sent (f, &len);
  g_assert_cmpuint (len, ==, 4 + 1 + 49 + strlen (name));
  g_assert_cmpuint (pkt[0], ==, 2);
  g_assert_cmpuint (pkt[1], ==, id);
  g_assert_cmpuint ((pkt[2] << 8) | pkt[3], ==, len);
  g_assert_cmpuint (pkt[4], ==, 49);
  memcpy (r->peer_challenge, pkt + 5, 16);
  g_assert_cmpmem (pkt + 21, 8, zeros, 8);
  memcpy (r->nt_response, pkt + 29, 24);
  g_assert_cmpuint (pkt[53], ==, 0);
  g_assert_cmpmem (pkt + 54, len - 54, name, strlen (name));

  g_assert_true (dt_mschap_generate_nt_response (auth_challenge, r->peer_challenge, name,
                                                 password, expected));
  g_assert_cmpmem (r->nt_response, 24, expected, 24);
}

char *
success_message (const char           *password,
                 const MschapResponse *r,
                 const guint8          auth_challenge[16],
                 const char           *name,
                 const char           *tail)
{
  char s[43];

  g_assert_true (dt_mschap_generate_authenticator_response (password, r->nt_response,
                                                            r->peer_challenge, auth_challenge,
                                                            name, s));
  return g_strconcat (s, tail, NULL);
}

/* Starts a MS-CHAPv2 client and answers the server's first Challenge (id 0x21). */
void
mschap_start (Fixture        *f,
              const char     *password,
              guint8          auth_challenge[16],
              MschapResponse *r)
{
  fixture_init (f, DT_PPP_AUTH_MSCHAPV2, "User", password, NULL);
  hex_to_bytes (TEST_AUTH_CHALLENGE_HEX, auth_challenge, 16);
  dt_ppp_auth_client_start (f->client);
  feed_challenge (f, 0x21, auth_challenge, 16, "isp");
  g_assert_cmpuint (f->sent->len, ==, 1);
  read_mschap_response (f, 0x21, auth_challenge, "User", password, r);
}

void
nt_hash_ascii (const char *password,
               guint8      hash[16])
{
  struct md4_ctx ctx;

  md4_init (&ctx);
  for (const char *p = password; *p != '\0'; p++)
    md4_update (&ctx, 2, (const guint8[]) { (guint8) *p, 0 });
  md4_digest (&ctx, 16, hash);
}

static void
des_decrypt_7 (const guint8 cypher[8],
               const guint8 key7[7],
               guint8       clear[8])
{
  struct des_ctx ctx;
  guint8 key8[8];

  for (int i = 0; i < 8; i++)
    {
      key8[i] = 0;
      for (int b = 0; b < 7; b++)
        if (key7[(i * 7 + b) / 8] & (0x80 >> ((i * 7 + b) % 8)))
          key8[i] |= 0x80 >> b;
    }
  des_set_key (&ctx, key8);
  des_decrypt (&ctx, 8, clear, cypher);
}

/* Checks the Change-Password packet (RFC 2759 section 7) the way a server would: the new
 * password out of the RC4 block, the old hash out of the DES block, the NT-Response. */
void
read_change_password (Fixture        *f,
                      guint8          id,
                      const guint8    challenge[16],
                      const char     *old_password,
                      const char     *new_password,
                      MschapResponse *r)
{
  static const guint8 zeros[8] = { 0 };
  guint8 old_hash[16], new_hash[16], recovered[16], clear[516], expected[24];
  struct arcfour_ctx rc4;
  const guint8 *pkt;
  gsize len, pw_len = strlen (new_password) * 2;

  pkt = last_sent (f, &len);
  g_assert_cmpuint (len, ==, 586);
  g_assert_cmpuint (pkt[0], ==, 7);
  g_assert_cmpuint (pkt[1], ==, id);
  g_assert_cmpuint ((pkt[2] << 8) | pkt[3], ==, 586);

  nt_hash_ascii (old_password, old_hash);
  nt_hash_ascii (new_password, new_hash);

  arcfour_set_key (&rc4, 16, old_hash);
  arcfour_crypt (&rc4, 516, clear, pkt + 4);
  g_assert_cmpuint (clear[512] | clear[513] << 8 | clear[514] << 16 | clear[515] << 24, ==,
                    pw_len);
  for (gsize i = 0; i < strlen (new_password); i++)
    {
      g_assert_cmpuint (clear[512 - pw_len + 2 * i], ==, (guint8) new_password[i]);
      g_assert_cmpuint (clear[512 - pw_len + 2 * i + 1], ==, 0);
    }

  des_decrypt_7 (pkt + 520, new_hash, recovered);
  des_decrypt_7 (pkt + 528, new_hash + 7, recovered + 8);
  g_assert_cmpmem (recovered, 16, old_hash, 16);

  memcpy (r->peer_challenge, pkt + 536, 16);
  g_assert_cmpmem (pkt + 552, 8, zeros, 8);
  memcpy (r->nt_response, pkt + 560, 24);
  g_assert_cmpuint (pkt[584], ==, 0);
  g_assert_cmpuint (pkt[585], ==, 0);
  g_assert_true (dt_mschap_generate_nt_response (challenge, r->peer_challenge, "User",
                                                 new_password, expected));
  g_assert_cmpmem (r->nt_response, 24, expected, 24);
}
