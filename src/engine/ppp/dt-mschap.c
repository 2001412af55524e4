/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CHAP-MD5 and MS-CHAPv2 computations, after RFC 1994 section 4.1 and RFC 2759 section 8,
 * on nettle's primitives, and the parsers of MS-CHAPv2's Success and Failure messages
 * (RFC 2759 sections 5 and 6).  Every buffer that held a password, a password hash or a key
 * schedule is wiped with explicit_bzero() before it is freed or goes out of scope. */

#include "config.h"

#include <string.h>
#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/memops.h>
#include <nettle/sha1.h>

#include "dt-mschap.h"
#include "dt-ppp-auth-private.h"
#include "dt-text.h"

/* RFC 2759 section 8.7 */
static const char magic1[] = "Magic server to client signing constant";
static const char magic2[] = "Pad to make it do more than one iteration";

void
dt_chap_md5_response (guint8        id,
                      const char   *secret,
                      const guint8 *challenge,
                      gsize         challenge_len,
                      guint8        response[DT_CHAP_MD5_RESPONSE_LEN])
{
  struct md5_ctx ctx;

  md5_init (&ctx);
  md5_update (&ctx, 1, &id);
  md5_update (&ctx, strlen (secret), (const guint8 *) secret);
  md5_update (&ctx, challenge_len, challenge);
  md5_digest (&ctx, DT_CHAP_MD5_RESPONSE_LEN, response);
  explicit_bzero (&ctx, sizeof ctx);
}

/* The UTF-16LE octets of @password, or NULL when it is not valid UTF-8.  Wipe and free the
 * result with _dt_ppp_auth_secret_free_len(). */
static guint8 *
password_to_unicode (const char *password,
                     gsize      *len)
{
  gunichar2 *utf16;
  glong n_units = 0;
  guint8 *octets;

  utf16 = g_utf8_to_utf16 (password, -1, NULL, &n_units, NULL);
  if (utf16 == NULL)
    return NULL;

  /* one extra octet, so that an empty password still gets a buffer of its own */
  octets = g_malloc (n_units * 2 + 1);
  for (glong i = 0; i < n_units; i++)
    {
      octets[2 * i] = utf16[i] & 0xff;
      octets[2 * i + 1] = utf16[i] >> 8;
    }
  explicit_bzero (utf16, n_units * sizeof (gunichar2));
  g_free (utf16);

  *len = n_units * 2;
  return octets;
}

glong
dt_mschap_password_length (const char *password)
{
  glong n_units = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (password, -1, NULL, &n_units, NULL);

  if (utf16 == NULL)
    return -1;
  explicit_bzero (utf16, n_units * sizeof (gunichar2));
  return n_units;
}

static void
md4_octets (const guint8 *data,
            gsize         len,
            guint8        hash[DT_MSCHAP_HASH_LEN])
{
  struct md4_ctx ctx;

  md4_init (&ctx);
  md4_update (&ctx, len, data);
  md4_digest (&ctx, DT_MSCHAP_HASH_LEN, hash);
  explicit_bzero (&ctx, sizeof ctx);
}

/* Section 8.3 */
gboolean
dt_mschap_nt_password_hash (const char *password,
                            guint8      hash[DT_MSCHAP_HASH_LEN])
{
  gsize len = 0;
  guint8 *unicode = password_to_unicode (password, &len);

  if (unicode == NULL)
    return FALSE;
  md4_octets (unicode, len, hash);
  _dt_ppp_auth_secret_free_len (unicode, len);
  return TRUE;
}

/* Section 8.4 */
void
dt_mschap_hash_nt_password_hash (const guint8 hash[DT_MSCHAP_HASH_LEN],
                                 guint8       hash_hash[DT_MSCHAP_HASH_LEN])
{
  md4_octets (hash, DT_MSCHAP_HASH_LEN, hash_hash);
}

const char *
dt_mschap_strip_domain (const char *name)
{
  const char *backslash = strrchr (name, '\\');

  return backslash != NULL ? backslash + 1 : name;
}

/* Section 8.2.  @user_name is hashed without its domain, if it has one. */
void
dt_mschap_challenge_hash (const guint8  peer_challenge[DT_MSCHAP_CHALLENGE_LEN],
                          const guint8  auth_challenge[DT_MSCHAP_CHALLENGE_LEN],
                          const char   *user_name,
                          guint8        challenge[8])
{
  const char *user = dt_mschap_strip_domain (user_name);
  guint8 digest[SHA1_DIGEST_SIZE];
  struct sha1_ctx ctx;

  sha1_init (&ctx);
  sha1_update (&ctx, DT_MSCHAP_CHALLENGE_LEN, peer_challenge);
  sha1_update (&ctx, DT_MSCHAP_CHALLENGE_LEN, auth_challenge);
  sha1_update (&ctx, strlen (user), (const guint8 *) user);
  sha1_digest (&ctx, sizeof digest, digest);
  memcpy (challenge, digest, 8);
}

/* Section 8.6: the 56 bits of @key spread over 8 octets, each with odd parity in its low bit. */
static void
des_key_from_7 (const guint8 key[7],
                guint8       des_key[DES_KEY_SIZE])
{
  des_key[0] = key[0];
  des_key[1] = (key[0] << 7) | (key[1] >> 1);
  des_key[2] = (key[1] << 6) | (key[2] >> 2);
  des_key[3] = (key[2] << 5) | (key[3] >> 3);
  des_key[4] = (key[3] << 4) | (key[4] >> 4);
  des_key[5] = (key[4] << 3) | (key[5] >> 5);
  des_key[6] = (key[5] << 2) | (key[6] >> 6);
  des_key[7] = key[6] << 1;
  des_fix_parity (DES_KEY_SIZE, des_key, des_key);
}

void
dt_mschap_des_encrypt (const guint8 clear[8],
                       const guint8 key[7],
                       guint8       cypher[8])
{
  guint8 des_key[DES_KEY_SIZE];
  struct des_ctx ctx;

  des_key_from_7 (key, des_key);
  /* des_set_key() reports weak keys but schedules them all the same; MS-CHAP has to use
   * whatever key the password hash gives. */
  des_set_key (&ctx, des_key);
  des_encrypt (&ctx, DES_BLOCK_SIZE, cypher, clear);
  explicit_bzero (&ctx, sizeof ctx);
  explicit_bzero (des_key, sizeof des_key);
}

/* Section 8.5 */
void
dt_mschap_challenge_response (const guint8 challenge[8],
                              const guint8 password_hash[DT_MSCHAP_HASH_LEN],
                              guint8       response[DT_MSCHAP_NT_RESPONSE_LEN])
{
  guint8 z_password_hash[21] = { 0 };

  memcpy (z_password_hash, password_hash, DT_MSCHAP_HASH_LEN);
  dt_mschap_des_encrypt (challenge, z_password_hash, response);
  dt_mschap_des_encrypt (challenge, z_password_hash + 7, response + 8);
  dt_mschap_des_encrypt (challenge, z_password_hash + 14, response + 16);
  explicit_bzero (z_password_hash, sizeof z_password_hash);
}

/* Section 8.1 */
gboolean
dt_mschap_generate_nt_response (const guint8  auth_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                const guint8  peer_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                const char   *user_name,
                                const char   *password,
                                guint8        response[DT_MSCHAP_NT_RESPONSE_LEN])
{
  guint8 challenge[8];
  guint8 password_hash[DT_MSCHAP_HASH_LEN];

  if (!dt_mschap_nt_password_hash (password, password_hash))
    return FALSE;
  dt_mschap_challenge_hash (peer_challenge, auth_challenge, user_name, challenge);
  dt_mschap_challenge_response (challenge, password_hash, response);
  explicit_bzero (password_hash, sizeof password_hash);
  return TRUE;
}

/* The 20-octet digest of section 8.7, before it is written as "S=<hex>". */
static gboolean
authenticator_digest (const char   *password,
                      const guint8  nt_response[DT_MSCHAP_NT_RESPONSE_LEN],
                      const guint8  peer_challenge[DT_MSCHAP_CHALLENGE_LEN],
                      const guint8  auth_challenge[DT_MSCHAP_CHALLENGE_LEN],
                      const char   *user_name,
                      guint8        digest[SHA1_DIGEST_SIZE])
{
  guint8 password_hash[DT_MSCHAP_HASH_LEN];
  guint8 password_hash_hash[DT_MSCHAP_HASH_LEN];
  guint8 challenge[8];
  struct sha1_ctx ctx;

  if (!dt_mschap_nt_password_hash (password, password_hash))
    return FALSE;
  dt_mschap_hash_nt_password_hash (password_hash, password_hash_hash);
  explicit_bzero (password_hash, sizeof password_hash);

  sha1_init (&ctx);
  sha1_update (&ctx, DT_MSCHAP_HASH_LEN, password_hash_hash);
  sha1_update (&ctx, DT_MSCHAP_NT_RESPONSE_LEN, nt_response);
  sha1_update (&ctx, sizeof magic1 - 1, (const guint8 *) magic1);
  sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);
  explicit_bzero (password_hash_hash, sizeof password_hash_hash);

  dt_mschap_challenge_hash (peer_challenge, auth_challenge, user_name, challenge);

  sha1_init (&ctx);
  sha1_update (&ctx, SHA1_DIGEST_SIZE, digest);
  sha1_update (&ctx, sizeof challenge, challenge);
  sha1_update (&ctx, sizeof magic2 - 1, (const guint8 *) magic2);
  sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);
  explicit_bzero (&ctx, sizeof ctx);
  return TRUE;
}

/* Section 8.7: "S=" and 40 upper-case hexadecimal digits, NUL-terminated. */
gboolean
dt_mschap_generate_authenticator_response (const char   *password,
                                           const guint8  nt_response[DT_MSCHAP_NT_RESPONSE_LEN],
                                           const guint8  peer_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                           const guint8  auth_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                           const char   *user_name,
                                           char          response[DT_MSCHAP_AUTH_RESPONSE_LEN + 1])
{
  static const char hex[] = "0123456789ABCDEF";
  guint8 digest[SHA1_DIGEST_SIZE];

  if (!authenticator_digest (password, nt_response, peer_challenge, auth_challenge, user_name,
                             digest))
    return FALSE;

  response[0] = 'S';
  response[1] = '=';
  for (gsize i = 0; i < SHA1_DIGEST_SIZE; i++)
    {
      response[2 + 2 * i] = hex[digest[i] >> 4];
      response[3 + 2 * i] = hex[digest[i] & 0xf];
    }
  response[DT_MSCHAP_AUTH_RESPONSE_LEN] = '\0';
  return TRUE;
}

/* Section 8.8, comparing the digests in constant time.  @received is the start of a Success
 * message; hexadecimal digits of either case are accepted. */
gboolean
dt_mschap_check_authenticator_response (const char   *password,
                                        const guint8  nt_response[DT_MSCHAP_NT_RESPONSE_LEN],
                                        const guint8  peer_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                        const guint8  auth_challenge[DT_MSCHAP_CHALLENGE_LEN],
                                        const char   *user_name,
                                        const char   *received,
                                        gsize         received_len)
{
  guint8 expected[SHA1_DIGEST_SIZE];
  guint8 got[SHA1_DIGEST_SIZE];
  gboolean ok;

  if (!dt_mschap_parse_success ((const guint8 *) received, received_len, got, NULL))
    return FALSE;
  if (!authenticator_digest (password, nt_response, peer_challenge, auth_challenge, user_name,
                             expected))
    return FALSE;
  ok = memeql_sec (expected, got, SHA1_DIGEST_SIZE);
  explicit_bzero (expected, sizeof expected);
  return ok;
}

/* Section 8.10: the password at the end of 512 random octets, its length in octets as a
 * little-endian 32-bit number, all of it RC4-encrypted with @password_hash. */
static gboolean
encrypt_pw_block_with_password_hash (const char   *password,
                                     const guint8  password_hash[DT_MSCHAP_HASH_LEN],
                                     guint8        pw_block[DT_MSCHAP_PW_BLOCK_LEN])
{
  guint8 clear[DT_MSCHAP_PW_BLOCK_LEN];
  struct arcfour_ctx ctx;
  gsize pw_size = 0;
  guint8 *unicode;
  gsize offset;

  unicode = password_to_unicode (password, &pw_size);
  if (unicode == NULL)
    return FALSE;
  if (pw_size > DT_MSCHAP_MAX_PASSWORD * 2)
    {
      _dt_ppp_auth_secret_free_len (unicode, pw_size);
      return FALSE;
    }

  offset = DT_MSCHAP_MAX_PASSWORD * 2 - pw_size;
  if (!_dt_ppp_auth_random_bytes (clear, offset))
    {
      _dt_ppp_auth_secret_free_len (unicode, pw_size);
      return FALSE;
    }
  memcpy (clear + offset, unicode, pw_size);
  _dt_ppp_auth_secret_free_len (unicode, pw_size);
  clear[512] = pw_size & 0xff;
  clear[513] = (pw_size >> 8) & 0xff;
  clear[514] = 0;
  clear[515] = 0;

  arcfour_set_key (&ctx, DT_MSCHAP_HASH_LEN, password_hash);
  arcfour_crypt (&ctx, DT_MSCHAP_PW_BLOCK_LEN, pw_block, clear);
  explicit_bzero (&ctx, sizeof ctx);
  explicit_bzero (clear, sizeof clear);
  return TRUE;
}

/* Section 8.9.  FALSE when a password is not UTF-8, the new one is longer than 256 UTF-16
 * units, or the system has no randomness to give. */
gboolean
dt_mschap_new_password_encrypted_with_old_nt_password_hash (const char *new_password,
                                                            const char *old_password,
                                                            guint8      out[DT_MSCHAP_PW_BLOCK_LEN])
{
  guint8 password_hash[DT_MSCHAP_HASH_LEN];
  gboolean ok;

  if (!dt_mschap_nt_password_hash (old_password, password_hash))
    return FALSE;
  ok = encrypt_pw_block_with_password_hash (new_password, password_hash, out);
  explicit_bzero (password_hash, sizeof password_hash);
  return ok;
}

/* Sections 8.12 and 8.13: each half of the old hash DES-encrypted with 7 octets of the new. */
gboolean
dt_mschap_old_nt_password_hash_encrypted_with_new_nt_password_hash (const char *new_password,
                                                                    const char *old_password,
                                                                    guint8      out[16])
{
  guint8 old_hash[DT_MSCHAP_HASH_LEN];
  guint8 new_hash[DT_MSCHAP_HASH_LEN];
  gboolean ok = FALSE;

  if (dt_mschap_nt_password_hash (old_password, old_hash) &&
      dt_mschap_nt_password_hash (new_password, new_hash))
    {
      dt_mschap_des_encrypt (old_hash, new_hash, out);
      dt_mschap_des_encrypt (old_hash + 8, new_hash + 7, out + 8);
      ok = TRUE;
    }
  explicit_bzero (old_hash, sizeof old_hash);
  explicit_bzero (new_hash, sizeof new_hash);
  return ok;
}

static gboolean
parse_hex (const guint8 *text,
           gsize         n_digits,
           guint8       *out)
{
  for (gsize i = 0; i < n_digits; i += 2)
    {
      int high = g_ascii_xdigit_value (text[i]);
      int low = g_ascii_xdigit_value (text[i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      out[i / 2] = (high << 4) | low;
    }
  return TRUE;
}

/* A decimal field of at most 10 digits, as E= and V= are. */
static gboolean
parse_decimal (const guint8 *text,
               gsize         len,
               guint        *value)
{
  guint64 v = 0;

  if (len == 0 || len > 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (text[i] - '0');
    }
  if (v > G_MAXUINT)
    return FALSE;
  *value = v;
  return TRUE;
}

static void
parse_failure_field (const guint8    *field,
                     gsize            len,
                     DtMschapFailure *failure)
{
  const guint8 *value = field + 2;
  gsize value_len = len - 2;

  switch (field[0])
    {
    case 'E':
      if (!parse_decimal (value, value_len, &failure->error))
        failure->error = 0;
      break;
    case 'R':
      failure->retry = value_len == 1 && value[0] == '1';
      break;
    case 'C':
      failure->has_challenge = value_len == 2 * DT_MSCHAP_CHALLENGE_LEN &&
                               parse_hex (value, value_len, failure->challenge);
      break;
    case 'V':
      if (!parse_decimal (value, value_len, &failure->version))
        failure->version = 0;
      break;
    default:
      break;
    }
}

void
dt_mschap_parse_failure (const guint8    *text,
                         gsize            len,
                         DtMschapFailure *failure)
{
  gsize pos = 0;

  memset (failure, 0, sizeof *failure);

  while (pos < len)
    {
      gsize end;

      while (pos < len && text[pos] == ' ')
        pos++;
      if (pos + 2 <= len && text[pos] == 'M' && text[pos + 1] == '=')
        {
          failure->message = dt_text_sanitize ((const char *) text + pos + 2, len - pos - 2,
                                               DT_PPP_AUTH_MAX_MESSAGE);
          break;
        }
      for (end = pos; end < len && text[end] != ' '; end++)
        ;
      if (end - pos >= 2 && text[pos + 1] == '=')
        parse_failure_field (text + pos, end - pos, failure);
      pos = end;
    }
}

void
dt_mschap_failure_clear (DtMschapFailure *failure)
{
  g_clear_pointer (&failure->message, g_free);
}

gboolean
dt_mschap_parse_success (const guint8  *text,
                         gsize          len,
                         guint8         auth_response[20],
                         char         **message)
{
  gsize pos = DT_MSCHAP_AUTH_RESPONSE_LEN;

  if (message != NULL)
    *message = NULL;
  if (len < DT_MSCHAP_AUTH_RESPONSE_LEN || text[0] != 'S' || text[1] != '=')
    return FALSE;
  if (!parse_hex (text + 2, DT_MSCHAP_AUTH_RESPONSE_LEN - 2, auth_response))
    return FALSE;

  /* RFC 2759 puts " M=" after the 42 octets; some servers leave out the space. */
  while (pos < len && text[pos] == ' ')
    pos++;
  if (message != NULL && pos + 2 <= len && text[pos] == 'M' && text[pos + 1] == '=')
    *message = dt_text_sanitize ((const char *) text + pos + 2, len - pos - 2,
                                 DT_PPP_AUTH_MAX_MESSAGE);
  return TRUE;
}
