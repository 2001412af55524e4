/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The MS-CHAPv2 and CHAP-MD5 computations against vectors from outside this code: RFC 2759
 * section 9.2's worked example, value by value; MD5, MD4 and DES answers computed with
 * Python's hashlib and OpenSSL; and the Change-Password blocks decrypted here with nettle
 * directly, with a DES key expansion of the test's own, to get the new password and the old
 * hash back. */

#include "config.h"

#include <string.h>
#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>

#include "dt-mschap.h"

static void
hex_to_bytes (const char *hex,
              guint8     *out,
              gsize       len)
{
  g_assert_cmpuint (strlen (hex), ==, 2 * len);
  for (gsize i = 0; i < len; i++)
    out[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
}

#define assert_bytes(got, hex) G_STMT_START {                                   \
    guint8 expected_[sizeof (got)];                                             \
    hex_to_bytes ((hex), expected_, sizeof expected_);                          \
    g_assert_cmpmem ((got), sizeof (got), expected_, sizeof expected_);         \
  } G_STMT_END

/* RFC 2759 section 9.2, typed from the RFC */
static const char rfc_user[] = "User";
static const char rfc_password[] = "clientPass";
#define RFC_AUTH_CHALLENGE "5B5D7C7D7B3F2F3E3C2C602132262628"
#define RFC_PEER_CHALLENGE "21402324255E262A28295F2B3A337C7E"
#define RFC_CHALLENGE "D02E4386BCE91226"
#define RFC_PASSWORD_HASH "44EBBA8D5312B8D611474411F56989AE"
#define RFC_NT_RESPONSE "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"
#define RFC_PASSWORD_HASH_HASH "41C00C584BD2D91C4017A2A12FA59F3F"
#define RFC_AUTH_RESPONSE "S=407A5589115FD0D6209F510FE9C04566932CDA56"

typedef struct {
  guint8 auth_challenge[16];
  guint8 peer_challenge[16];
  guint8 nt_response[24];
} RfcExample;

static void
rfc_example (RfcExample *ex)
{
  hex_to_bytes (RFC_AUTH_CHALLENGE, ex->auth_challenge, 16);
  hex_to_bytes (RFC_PEER_CHALLENGE, ex->peer_challenge, 16);
  hex_to_bytes (RFC_NT_RESPONSE, ex->nt_response, 24);
}

static void
test_rfc2759_intermediate_values (void)
{
  RfcExample ex;
  guint8 hash[16];
  guint8 hash_hash[16];
  guint8 challenge[8];
  guint8 response[24];
  char auth_response[43];

  rfc_example (&ex);

  g_assert_true (dt_mschap_nt_password_hash (rfc_password, hash));
  assert_bytes (hash, RFC_PASSWORD_HASH);

  dt_mschap_hash_nt_password_hash (hash, hash_hash);
  assert_bytes (hash_hash, RFC_PASSWORD_HASH_HASH);

  dt_mschap_challenge_hash (ex.peer_challenge, ex.auth_challenge, rfc_user, challenge);
  assert_bytes (challenge, RFC_CHALLENGE);

  dt_mschap_challenge_response (challenge, hash, response);
  assert_bytes (response, RFC_NT_RESPONSE);

  g_assert_true (dt_mschap_generate_nt_response (ex.auth_challenge, ex.peer_challenge, rfc_user,
                                                 rfc_password, response));
  assert_bytes (response, RFC_NT_RESPONSE);

  g_assert_true (dt_mschap_generate_authenticator_response (rfc_password, ex.nt_response,
                                                            ex.peer_challenge, ex.auth_challenge,
                                                            rfc_user, auth_response));
  g_assert_cmpstr (auth_response, ==, RFC_AUTH_RESPONSE);
}

static void
test_rfc2759_check_authenticator_response (void)
{
  RfcExample ex;
  const char *good = RFC_AUTH_RESPONSE " M=Access granted";
  g_autofree char *lower = g_ascii_strdown (RFC_AUTH_RESPONSE, -1);
  char wrong[] = RFC_AUTH_RESPONSE;

  rfc_example (&ex);
  lower[0] = 'S';

  g_assert_true (dt_mschap_check_authenticator_response (rfc_password, ex.nt_response,
                                                         ex.peer_challenge, ex.auth_challenge,
                                                         rfc_user, good, strlen (good)));
  g_assert_true (dt_mschap_check_authenticator_response (rfc_password, ex.nt_response,
                                                         ex.peer_challenge, ex.auth_challenge,
                                                         rfc_user, lower, strlen (lower)));

  /* one digit off, the wrong password, a truncated or a missing S= */
  wrong[41] = wrong[41] == '6' ? '7' : '6';
  g_assert_false (dt_mschap_check_authenticator_response (rfc_password, ex.nt_response,
                                                          ex.peer_challenge, ex.auth_challenge,
                                                          rfc_user, wrong, strlen (wrong)));
  g_assert_false (dt_mschap_check_authenticator_response ("serverPass", ex.nt_response,
                                                          ex.peer_challenge, ex.auth_challenge,
                                                          rfc_user, good, strlen (good)));
  g_assert_false (dt_mschap_check_authenticator_response (rfc_password, ex.nt_response,
                                                          ex.peer_challenge, ex.auth_challenge,
                                                          rfc_user, good, 41));
  g_assert_false (dt_mschap_check_authenticator_response (rfc_password, ex.nt_response,
                                                          ex.peer_challenge, ex.auth_challenge,
                                                          rfc_user, "M=hello", 7));
}

/* RFC 2759 section 4: only the user name enters the hash, not "DOMAIN\". */
static void
test_domain_is_not_hashed (void)
{
  RfcExample ex;
  guint8 response[24];
  char auth_response[43];

  rfc_example (&ex);
  g_assert_cmpstr (dt_mschap_strip_domain ("CORP\\User"), ==, "User");
  g_assert_cmpstr (dt_mschap_strip_domain ("User"), ==, "User");

  g_assert_true (dt_mschap_generate_nt_response (ex.auth_challenge, ex.peer_challenge,
                                                 "CORP\\User", rfc_password, response));
  assert_bytes (response, RFC_NT_RESPONSE);
  g_assert_true (dt_mschap_generate_authenticator_response (rfc_password, ex.nt_response,
                                                            ex.peer_challenge, ex.auth_challenge,
                                                            "CORP\\User", auth_response));
  g_assert_cmpstr (auth_response, ==, RFC_AUTH_RESPONSE);
}

/* The password is hashed as UTF-16LE, surrogate pairs included.  The answer was computed with
 * Python's 'pä😀'.encode('utf-16-le') piped to `openssl dgst -md4 -provider legacy`. */
static void
test_nt_password_hash_unicode (void)
{
  guint8 hash[16];

  g_assert_true (dt_mschap_nt_password_hash ("p\xc3\xa4\xf0\x9f\x98\x80", hash));
  assert_bytes (hash, "832ec202c5badcd52a644d8a1a9c5182");
  g_assert_cmpint (dt_mschap_password_length ("p\xc3\xa4\xf0\x9f\x98\x80"), ==, 4);

  g_assert_false (dt_mschap_nt_password_hash ("bad\xff", hash));
  g_assert_cmpint (dt_mschap_password_length ("bad\xff"), ==, -1);
}

/* DES answers from `openssl enc -des-ecb -nopad -provider legacy`.  The all-zero key is weak;
 * MS-CHAP still has to use it, when a hash ends in two zero octets. */
static void
test_des_encrypt (void)
{
  static const guint8 zero_key[7] = { 0 };
  static const guint8 zero[8] = { 0 };
  guint8 challenge[8];
  guint8 cypher[8];

  dt_mschap_des_encrypt (zero, zero_key, cypher);
  assert_bytes (cypher, "8CA64DE9C1B123A7");

  hex_to_bytes (RFC_CHALLENGE, challenge, 8);
  dt_mschap_des_encrypt (challenge, zero_key, cypher);
  assert_bytes (cypher, "651B607991F4DB3F");
}

/* RFC 1994 section 4.1: MD5 (Identifier || secret || Challenge).  The answers come from
 * Python's hashlib.md5 over the same octets. */
static void
test_chap_md5_response (void)
{
  guint8 challenge[21];
  guint8 response[16];

  for (gsize i = 0; i < 16; i++)
    challenge[i] = i;
  dt_chap_md5_response (0x2a, "s3cr3t", challenge, 16, response);
  assert_bytes (response, "c26509fed6bab294085336fe900671f5");

  hex_to_bytes ("0123456789abcdeffedcba98765432100011223344", challenge, 21);
  dt_chap_md5_response (0x07, "p\xc3\xa4ssw\xc3\xb6rd", challenge, 21, response);
  assert_bytes (response, "07d09dba60d8143cc485ba7a9df772aa");
}

/* The test's own 7-to-8-octet key expansion (RFC 2759 section 8.6), bit by bit. */
static void
expand_des_key (const guint8 key7[7],
                guint8       key8[8])
{
  for (int i = 0; i < 8; i++)
    {
      guint8 k = 0;

      for (int b = 0; b < 7; b++)
        {
          int bit = i * 7 + b;

          if (key7[bit / 8] & (0x80 >> (bit % 8)))
            k |= 0x80 >> b;
        }
      key8[i] = k;
    }
}

static void
des_decrypt_7 (const guint8 cypher[8],
               const guint8 key7[7],
               guint8       clear[8])
{
  struct des_ctx ctx;
  guint8 key8[8];

  expand_des_key (key7, key8);
  des_set_key (&ctx, key8);
  des_decrypt (&ctx, 8, clear, cypher);
}

/* The NT hash computed here with nettle's MD4 over hand-made UTF-16LE (ASCII passwords). */
static void
ascii_nt_hash (const char *password,
               guint8      hash[16])
{
  struct md4_ctx ctx;

  md4_init (&ctx);
  for (const char *p = password; *p != '\0'; p++)
    {
      guint8 unit[2] = { (guint8) *p, 0 };

      md4_update (&ctx, 2, unit);
    }
  md4_digest (&ctx, 16, hash);
}

static void
test_change_password_blocks (void)
{
  const char *old_password = "clientPass";
  const char *new_password = "N3wPassw0rd";
  guint8 block[DT_MSCHAP_PW_BLOCK_LEN];
  guint8 clear[DT_MSCHAP_PW_BLOCK_LEN];
  guint8 block2[DT_MSCHAP_PW_BLOCK_LEN];
  guint8 encrypted_hash[16];
  guint8 old_hash[16];
  guint8 new_hash[16];
  guint8 recovered[16];
  struct arcfour_ctx rc4;
  gsize pw_len;
  guint32 length_field;

  ascii_nt_hash (old_password, old_hash);
  ascii_nt_hash (new_password, new_hash);

  /* EncryptedPwBlock: RC4 with the old hash gives back the new password at the end of the
   * 512 octets, and its length in octets after them. */
  g_assert_true (dt_mschap_new_password_encrypted_with_old_nt_password_hash (new_password,
                                                                            old_password,
                                                                            block));
  arcfour_set_key (&rc4, 16, old_hash);
  arcfour_crypt (&rc4, sizeof clear, clear, block);
  length_field = clear[512] | clear[513] << 8 | clear[514] << 16 | (guint32) clear[515] << 24;
  pw_len = strlen (new_password) * 2;
  g_assert_cmpuint (length_field, ==, pw_len);
  for (gsize i = 0; i < strlen (new_password); i++)
    {
      g_assert_cmpuint (clear[512 - pw_len + 2 * i], ==, (guint8) new_password[i]);
      g_assert_cmpuint (clear[512 - pw_len + 2 * i + 1], ==, 0);
    }

  /* The padding is random: two blocks differ before the password. */
  g_assert_true (dt_mschap_new_password_encrypted_with_old_nt_password_hash (new_password,
                                                                            old_password,
                                                                            block2));
  g_assert_true (memcmp (block, block2, 512 - pw_len) != 0);

  /* EncryptedHash: DES-decrypting with the new hash's 7-octet halves gives the old hash. */
  g_assert_true (dt_mschap_old_nt_password_hash_encrypted_with_new_nt_password_hash (
                   new_password, old_password, encrypted_hash));
  des_decrypt_7 (encrypted_hash, new_hash, recovered);
  des_decrypt_7 (encrypted_hash + 8, new_hash + 7, recovered + 8);
  g_assert_cmpmem (recovered, 16, old_hash, 16);
}

static void
test_change_password_limits (void)
{
  guint8 block[DT_MSCHAP_PW_BLOCK_LEN];
  g_autofree char *longest = g_strnfill (DT_MSCHAP_MAX_PASSWORD, 'x');
  g_autofree char *too_long = g_strnfill (DT_MSCHAP_MAX_PASSWORD + 1, 'x');
  struct arcfour_ctx rc4;
  guint8 old_hash[16];
  guint8 clear[DT_MSCHAP_PW_BLOCK_LEN];

  g_assert_true (dt_mschap_new_password_encrypted_with_old_nt_password_hash (longest, "old",
                                                                            block));
  ascii_nt_hash ("old", old_hash);
  arcfour_set_key (&rc4, 16, old_hash);
  arcfour_crypt (&rc4, sizeof clear, clear, block);
  g_assert_cmpuint (clear[0], ==, 'x');
  g_assert_cmpuint (clear[512] | clear[513] << 8, ==, 512);

  g_assert_false (dt_mschap_new_password_encrypted_with_old_nt_password_hash (too_long, "old",
                                                                             block));
  g_assert_false (dt_mschap_new_password_encrypted_with_old_nt_password_hash ("new", "\xff",
                                                                             block));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mschap/rfc2759/intermediate-values", test_rfc2759_intermediate_values);
  g_test_add_func ("/mschap/rfc2759/check-authenticator-response",
                   test_rfc2759_check_authenticator_response);
  g_test_add_func ("/mschap/domain-is-not-hashed", test_domain_is_not_hashed);
  g_test_add_func ("/mschap/nt-password-hash/unicode", test_nt_password_hash_unicode);
  g_test_add_func ("/mschap/des-encrypt", test_des_encrypt);
  g_test_add_func ("/chap/md5-response", test_chap_md5_response);
  g_test_add_func ("/mschap/change-password/blocks", test_change_password_blocks);
  g_test_add_func ("/mschap/change-password/limits", test_change_password_limits);

  return g_test_run ();
}
