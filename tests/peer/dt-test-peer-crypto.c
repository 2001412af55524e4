/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's MS-CHAPv2 crypto (RFC 2759 section 8), from the RFC's pseudocode and
 * nettle.  See dt-test-peer-crypto.h.  Nothing here is shared with src/engine. */

#include "dt-test-peer-crypto.h"

#include <string.h>

#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>

/* RFC 2759 8.7: the two constants of GenerateAuthenticatorResponse, as ASCII text (the RFC
 * lists their octets; these are the same 39 and 41 octets, without a terminating NUL). */
static const char magic1[] = "Magic server to client signing constant";
static const char magic2[] = "Pad to make it do more than one iteration";

char *
dt_test_mschapv2_hex (const guint8 *data, gsize len)
{
  static const char digits[] = "0123456789ABCDEF";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0x0f];
    }
  out[len * 2] = '\0';
  return out;
}

gboolean
dt_test_mschapv2_nt_password_hash (const char *password, guint8 hash[DT_TEST_MSCHAPV2_HASH_LEN])
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n_units = 0;
  guint8 le[DT_TEST_MSCHAPV2_MAX_PASSWORD * 2];
  struct md4_ctx ctx;

  utf16 = g_utf8_to_utf16 (password, -1, NULL, &n_units, NULL);
  if (utf16 == NULL || n_units > DT_TEST_MSCHAPV2_MAX_PASSWORD)
    return FALSE;
  for (glong i = 0; i < n_units; i++)
    {
      le[2 * i] = utf16[i] & 0xff;
      le[2 * i + 1] = utf16[i] >> 8;
    }
  md4_init (&ctx);
  md4_update (&ctx, (size_t) n_units * 2, le);
  md4_digest (&ctx, MD4_DIGEST_SIZE, hash);
  return TRUE;
}

void
dt_test_mschapv2_hash_nt_password_hash (const guint8 hash[DT_TEST_MSCHAPV2_HASH_LEN],
                                        guint8       hash_hash[DT_TEST_MSCHAPV2_HASH_LEN])
{
  struct md4_ctx ctx;

  md4_init (&ctx);
  md4_update (&ctx, DT_TEST_MSCHAPV2_HASH_LEN, hash);
  md4_digest (&ctx, MD4_DIGEST_SIZE, hash_hash);
}

void
dt_test_mschapv2_challenge_hash (const guint8  peer_challenge[16],
                                 const guint8  auth_challenge[16],
                                 const char   *user_name,
                                 guint8        challenge[8])
{
  struct sha1_ctx ctx;
  guint8 digest[SHA1_DIGEST_SIZE];

  sha1_init (&ctx);
  sha1_update (&ctx, 16, peer_challenge);
  sha1_update (&ctx, 16, auth_challenge);
  sha1_update (&ctx, strlen (user_name), (const guint8 *) user_name);
  sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);
  memcpy (challenge, digest, 8);
}

/* DesEncrypt's key (8.6): seven octets spread over eight, one parity bit (left clear:
 * nettle ignores parity) at the bottom of each. */
static void
des_key_from_7 (const guint8 in[7], guint8 key[8])
{
  key[0] = in[0] & 0xfe;
  key[1] = ((in[0] << 7) | (in[1] >> 1)) & 0xfe;
  key[2] = ((in[1] << 6) | (in[2] >> 2)) & 0xfe;
  key[3] = ((in[2] << 5) | (in[3] >> 3)) & 0xfe;
  key[4] = ((in[3] << 4) | (in[4] >> 4)) & 0xfe;
  key[5] = ((in[4] << 3) | (in[5] >> 5)) & 0xfe;
  key[6] = ((in[5] << 2) | (in[6] >> 6)) & 0xfe;
  key[7] = (in[6] << 1) & 0xfe;
}

static void
des_with_7 (const guint8 clear[8], const guint8 key7[7], guint8 out[8], gboolean decrypt)
{
  struct des_ctx ctx;
  guint8 key[8];

  des_key_from_7 (key7, key);
  /* A weak key only makes des_set_key return 0; the context is still set up, and MS-CHAP
   * has to work with whatever key the password hash gives. */
  (void) des_set_key (&ctx, key);
  if (decrypt)
    des_decrypt (&ctx, 8, out, clear);
  else
    des_encrypt (&ctx, 8, out, clear);
}

void
dt_test_mschapv2_challenge_response (const guint8 challenge[8],
                                     const guint8 password_hash[16],
                                     guint8       response[24])
{
  guint8 z[21] = { 0 };

  memcpy (z, password_hash, 16);
  des_with_7 (challenge, z, response, FALSE);
  des_with_7 (challenge, z + 7, response + 8, FALSE);
  des_with_7 (challenge, z + 14, response + 16, FALSE);
}

gboolean
dt_test_mschapv2_generate_nt_response (const guint8  auth_challenge[16],
                                       const guint8  peer_challenge[16],
                                       const char   *user_name,
                                       const char   *password,
                                       guint8        response[24])
{
  guint8 challenge[8];
  guint8 hash[DT_TEST_MSCHAPV2_HASH_LEN];

  if (!dt_test_mschapv2_nt_password_hash (password, hash))
    return FALSE;
  dt_test_mschapv2_challenge_hash (peer_challenge, auth_challenge, user_name, challenge);
  dt_test_mschapv2_challenge_response (challenge, hash, response);
  return TRUE;
}

char *
dt_test_mschapv2_authenticator_response (const guint8  password_hash[16],
                                         const guint8  nt_response[24],
                                         const guint8  peer_challenge[16],
                                         const guint8  auth_challenge[16],
                                         const char   *user_name)
{
  guint8 hash_hash[DT_TEST_MSCHAPV2_HASH_LEN];
  guint8 digest[SHA1_DIGEST_SIZE];
  guint8 challenge[8];
  struct sha1_ctx ctx;
  g_autofree char *hex = NULL;

  dt_test_mschapv2_hash_nt_password_hash (password_hash, hash_hash);

  sha1_init (&ctx);
  sha1_update (&ctx, sizeof hash_hash, hash_hash);
  sha1_update (&ctx, 24, nt_response);
  sha1_update (&ctx, sizeof magic1 - 1, (const guint8 *) magic1);
  sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);

  dt_test_mschapv2_challenge_hash (peer_challenge, auth_challenge, user_name, challenge);

  sha1_init (&ctx);
  sha1_update (&ctx, SHA1_DIGEST_SIZE, digest);
  sha1_update (&ctx, sizeof challenge, challenge);
  sha1_update (&ctx, sizeof magic2 - 1, (const guint8 *) magic2);
  sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);

  hex = dt_test_mschapv2_hex (digest, SHA1_DIGEST_SIZE);
  return g_strconcat ("S=", hex, NULL);
}

char *
dt_test_mschapv2_decrypt_pw_block (const guint8 block[DT_TEST_MSCHAPV2_PW_BLOCK_LEN],
                                   const guint8 old_hash[DT_TEST_MSCHAPV2_HASH_LEN])
{
  guint8 clear[DT_TEST_MSCHAPV2_PW_BLOCK_LEN];
  gunichar2 units[DT_TEST_MSCHAPV2_MAX_PASSWORD];
  struct arcfour_ctx ctx;
  guint32 length;
  gsize offset;
  glong written = 0;
  char *password;

  arcfour_set_key (&ctx, DT_TEST_MSCHAPV2_HASH_LEN, old_hash);
  arcfour_crypt (&ctx, sizeof clear, clear, block);

  length = (guint32) clear[512] | (guint32) clear[513] << 8 | (guint32) clear[514] << 16
           | (guint32) clear[515] << 24;
  if (length > 512 || length % 2 != 0)
    return NULL;
  offset = 512 - length;
  for (gsize i = 0; i < length / 2; i++)
    units[i] = clear[offset + 2 * i] | clear[offset + 2 * i + 1] << 8;
  password = g_utf16_to_utf8 (units, (glong) length / 2, NULL, &written, NULL);
  memset (clear, 0, sizeof clear);
  memset (units, 0, sizeof units);
  /* An embedded NUL cannot be part of a password someone typed. */
  if (password != NULL && strlen (password) != (gsize) written)
    g_clear_pointer (&password, g_free);
  return password;
}

gboolean
dt_test_mschapv2_check_encrypted_hash (const guint8 encrypted_hash[16],
                                       const guint8 new_hash[DT_TEST_MSCHAPV2_HASH_LEN],
                                       const guint8 old_hash[DT_TEST_MSCHAPV2_HASH_LEN])
{
  guint8 clear[16];

  /* NtPasswordHashEncryptedWithBlock (8.13): DesEncrypt (hash[0..7], block[0..6]) and
   * DesEncrypt (hash[8..15], block[7..13]); so decrypt with the same two keys. */
  des_with_7 (encrypted_hash, new_hash, clear, TRUE);
  des_with_7 (encrypted_hash + 8, new_hash + 7, clear + 8, TRUE);
  return memcmp (clear, old_hash, 16) == 0;
}
