/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's MS-CHAPv2 computations against RFC 2759 section 9.2's worked example (the
 * values typed from the RFC's text), and its Change-Password decryption against the tests'
 * separate client encoder (test-peer-client.c): what the client encrypts, the peer must read
 * back, and a wrong old password must not get through. */

#include <string.h>

#include "dt-test-peer-crypto.h"
#include "test-peer-client.h"

/* RFC 2759, 9.2 "Hash Example": user name "User", password "clientPass". */
static const char rfc_user[] = "User";
static const char rfc_password[] = "clientPass";
static const guint8 rfc_auth_challenge[16] = {
  0x5B, 0x5D, 0x7C, 0x7D, 0x7B, 0x3F, 0x2F, 0x3E,
  0x3C, 0x2C, 0x60, 0x21, 0x32, 0x26, 0x26, 0x28 };
static const guint8 rfc_peer_challenge[16] = {
  0x21, 0x40, 0x23, 0x24, 0x25, 0x5E, 0x26, 0x2A,
  0x28, 0x29, 0x5F, 0x2B, 0x3A, 0x33, 0x7C, 0x7E };
static const guint8 rfc_challenge[8] = { 0xD0, 0x2E, 0x43, 0x86, 0xBC, 0xE9, 0x12, 0x26 };
static const guint8 rfc_password_hash[16] = {
  0x44, 0xEB, 0xBA, 0x8D, 0x53, 0x12, 0xB8, 0xD6,
  0x11, 0x47, 0x44, 0x11, 0xF5, 0x69, 0x89, 0xAE };
static const guint8 rfc_nt_response[24] = {
  0x82, 0x30, 0x9E, 0xCD, 0x8D, 0x70, 0x8B, 0x5E, 0xA0, 0x8F, 0xAA, 0x39,
  0x81, 0xCD, 0x83, 0x54, 0x42, 0x33, 0x11, 0x4A, 0x3D, 0x85, 0xD6, 0xDF };
static const guint8 rfc_password_hash_hash[16] = {
  0x41, 0xC0, 0x0C, 0x58, 0x4B, 0xD2, 0xD9, 0x1C,
  0x40, 0x17, 0xA2, 0xA1, 0x2F, 0xA5, 0x9F, 0x3F };
static const char rfc_authenticator_response[] = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

static void
test_rfc2759_hash_example (void)
{
  guint8 hash[16], hash_hash[16], challenge[8], response[24];
  g_autofree char *auth = NULL;

  g_assert_true (dt_test_mschapv2_nt_password_hash (rfc_password, hash));
  g_assert_cmpmem (hash, 16, rfc_password_hash, 16);

  dt_test_mschapv2_hash_nt_password_hash (hash, hash_hash);
  g_assert_cmpmem (hash_hash, 16, rfc_password_hash_hash, 16);

  dt_test_mschapv2_challenge_hash (rfc_peer_challenge, rfc_auth_challenge, rfc_user, challenge);
  g_assert_cmpmem (challenge, 8, rfc_challenge, 8);

  dt_test_mschapv2_challenge_response (rfc_challenge, rfc_password_hash, response);
  g_assert_cmpmem (response, 24, rfc_nt_response, 24);

  memset (response, 0, sizeof response);
  g_assert_true (dt_test_mschapv2_generate_nt_response (rfc_auth_challenge, rfc_peer_challenge,
                                                        rfc_user, rfc_password, response));
  g_assert_cmpmem (response, 24, rfc_nt_response, 24);

  auth = dt_test_mschapv2_authenticator_response (rfc_password_hash, rfc_nt_response,
                                                  rfc_peer_challenge, rfc_auth_challenge,
                                                  rfc_user);
  g_assert_cmpstr (auth, ==, rfc_authenticator_response);
}

/* The tests' client encoder must meet the same RFC values, or a round trip between it and
 * the peer would prove nothing. */
static void
test_client_matches_rfc (void)
{
  guint8 response[24];
  g_autofree char *auth = NULL;

  test_client_nt_response (rfc_auth_challenge, rfc_peer_challenge, rfc_user, rfc_password,
                           response);
  g_assert_cmpmem (response, 24, rfc_nt_response, 24);
  auth = test_client_authenticator_response (rfc_auth_challenge, rfc_peer_challenge,
                                             rfc_nt_response, rfc_user, rfc_password);
  g_assert_cmpstr (auth, ==, rfc_authenticator_response);
}

static void
test_hex (void)
{
  static const guint8 data[] = { 0x00, 0x0a, 0xff, 0x5b };
  g_autofree char *hex = dt_test_mschapv2_hex (data, sizeof data);

  g_assert_cmpstr (hex, ==, "000AFF5B");
}

static void
assert_round_trip (const char *old_password, const char *new_password)
{
  guint8 block[516], encrypted_hash[16];
  guint8 old_hash[16], new_hash[16];
  g_autofree char *recovered = NULL;

  test_client_encrypt_pw_block (new_password, old_password, 42, block);
  test_client_encrypt_old_hash (new_password, old_password, encrypted_hash);

  g_assert_true (dt_test_mschapv2_nt_password_hash (old_password, old_hash));
  recovered = dt_test_mschapv2_decrypt_pw_block (block, old_hash);
  g_assert_cmpstr (recovered, ==, new_password);

  g_assert_true (dt_test_mschapv2_nt_password_hash (recovered, new_hash));
  g_assert_true (dt_test_mschapv2_check_encrypted_hash (encrypted_hash, new_hash, old_hash));
}

static void
test_change_password_round_trip (void)
{
  g_autofree char *longest = g_strnfill (256, 'x');

  assert_round_trip ("clientPass", "n3w-Passw0rd!");
  assert_round_trip ("clientPass", "a");
  assert_round_trip ("", "first password");
  assert_round_trip ("clientPass", longest);
}

static void
test_change_password_wrong_old (void)
{
  guint8 block[516], encrypted_hash[16];
  guint8 real_old_hash[16], typed_old_hash[16], new_hash[16];
  g_autofree char *recovered = NULL;

  /* The user typed the wrong old password: the client keys everything with its hash. */
  test_client_encrypt_pw_block ("n3w-Passw0rd!", "wrongPass", 7, block);
  test_client_encrypt_old_hash ("n3w-Passw0rd!", "wrongPass", encrypted_hash);
  g_assert_true (dt_test_mschapv2_nt_password_hash ("clientPass", real_old_hash));
  g_assert_true (dt_test_mschapv2_nt_password_hash ("wrongPass", typed_old_hash));

  /* RC4 with the real old hash yields noise: almost always an impossible length. */
  recovered = dt_test_mschapv2_decrypt_pw_block (block, real_old_hash);
  g_assert_true (recovered == NULL || strcmp (recovered, "n3w-Passw0rd!") != 0);

  /* Even knowing the new password, the encrypted hash does not match the real old one. */
  g_assert_true (dt_test_mschapv2_nt_password_hash ("n3w-Passw0rd!", new_hash));
  g_assert_false (dt_test_mschapv2_check_encrypted_hash (encrypted_hash, new_hash,
                                                         real_old_hash));
  g_assert_true (dt_test_mschapv2_check_encrypted_hash (encrypted_hash, new_hash,
                                                        typed_old_hash));
}

static void
test_pw_block_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2759);
  guint8 block[516], hash[16] = { 0 };

  /* Whatever comes in, the peer gets NULL or a well-formed string; it never reads past. */
  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *password = NULL;

      for (guint i = 0; i < sizeof block; i++)
        block[i] = (guint8) g_rand_int_range (rand, 0, 256);
      hash[round % 16] ^= (guint8) round;
      password = dt_test_mschapv2_decrypt_pw_block (block, hash);
      if (password != NULL)
        g_assert_true (g_utf8_validate (password, -1, NULL));
    }
}

static void
test_password_limits (void)
{
  g_autofree char *longest = g_strnfill (256, 'p');
  g_autofree char *too_long = g_strnfill (257, 'p');
  guint8 hash[16];

  g_assert_true (dt_test_mschapv2_nt_password_hash (longest, hash));
  g_assert_false (dt_test_mschapv2_nt_password_hash (too_long, hash));
  g_assert_false (dt_test_mschapv2_nt_password_hash ("\xff\xfe", hash));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/peer/crypto/rfc2759-hash-example", test_rfc2759_hash_example);
  g_test_add_func ("/peer/crypto/client-matches-rfc", test_client_matches_rfc);
  g_test_add_func ("/peer/crypto/hex", test_hex);
  g_test_add_func ("/peer/crypto/change-password/round-trip", test_change_password_round_trip);
  g_test_add_func ("/peer/crypto/change-password/wrong-old", test_change_password_wrong_old);
  g_test_add_func ("/peer/crypto/change-password/garbage", test_pw_block_garbage);
  g_test_add_func ("/peer/crypto/password-limits", test_password_limits);
  return g_test_run ();
}
