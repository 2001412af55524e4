/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The MS-CHAPv2 computations of the test peer's authenticator side, written from RFC 2759
 * section 8 with nettle's MD4, SHA-1, DES and ARC4, apart from the engine's own code
 * (src/engine/ppp) so that a test never checks the engine's crypto with the engine's crypto.
 * Besides the functions a peer needs for a Response (NtPasswordHash, ChallengeHash,
 * ChallengeResponse, GenerateNTResponse, GenerateAuthenticatorResponse), it has the
 * authenticator's half of Change-Password (section 8.9 to 8.13, read backwards): recovering
 * the new password from the 516-octet block and checking the encrypted old hash. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_TEST_MSCHAPV2_HASH_LEN        16
#define DT_TEST_MSCHAPV2_CHALLENGE_LEN   16
#define DT_TEST_MSCHAPV2_NT_RESPONSE_LEN 24
#define DT_TEST_MSCHAPV2_PW_BLOCK_LEN    516 /* 256 UTF-16 units and a 4-octet length */
#define DT_TEST_MSCHAPV2_MAX_PASSWORD    256 /* characters (UTF-16 units) */

/* NtPasswordHash (8.3): MD4 of the UTF-16LE password.  FALSE when @password is not valid
 * UTF-8 or longer than 256 UTF-16 units. */
gboolean dt_test_mschapv2_nt_password_hash      (const char   *password,
                                                 guint8        hash[DT_TEST_MSCHAPV2_HASH_LEN]);
/* HashNtPasswordHash (8.4): MD4 of the hash. */
void     dt_test_mschapv2_hash_nt_password_hash (const guint8  hash[16],
                                                 guint8        hash_hash[16]);
/* ChallengeHash (8.2).  @user_name is the name without any "DOMAIN\" in front. */
void     dt_test_mschapv2_challenge_hash        (const guint8  peer_challenge[16],
                                                 const guint8  auth_challenge[16],
                                                 const char   *user_name,
                                                 guint8        challenge[8]);
/* ChallengeResponse (8.5), with DesEncrypt (8.6) and its 7-to-8-octet key expansion. */
void     dt_test_mschapv2_challenge_response    (const guint8  challenge[8],
                                                 const guint8  password_hash[16],
                                                 guint8        response[24]);
/* GenerateNTResponse (8.1).  FALSE for a password NtPasswordHash refuses. */
gboolean dt_test_mschapv2_generate_nt_response  (const guint8  auth_challenge[16],
                                                 const guint8  peer_challenge[16],
                                                 const char   *user_name,
                                                 const char   *password,
                                                 guint8        response[24]);
/* GenerateAuthenticatorResponse (8.7) from the password hash: "S=" and 40 upper-case hex
 * digits, as the Success packet carries it. */
char    *dt_test_mschapv2_authenticator_response (const guint8  password_hash[16],
                                                  const guint8  nt_response[24],
                                                  const guint8  peer_challenge[16],
                                                  const guint8  auth_challenge[16],
                                                  const char   *user_name);

/* The authenticator's reading of NewPasswordEncryptedWithOldNtPasswordHash (8.9, 8.10): RC4
 * keyed with @old_hash over the 516-octet block, then the password's length in octets from
 * the last four (little-endian, as the PWBLOCK structure lies in memory) and the password
 * from the end of the first 512.  Returns the new password in UTF-8, or NULL when the length
 * is impossible (what a wrong old password gives) or the UTF-16 is invalid. */
char    *dt_test_mschapv2_decrypt_pw_block      (const guint8  block[DT_TEST_MSCHAPV2_PW_BLOCK_LEN],
                                                 const guint8  old_hash[DT_TEST_MSCHAPV2_HASH_LEN]);
/* The check of OldNtPasswordHashEncryptedWithNewNtPasswordHash (8.12, 8.13): the two DES
 * blocks decrypted with keys from @new_hash must give @old_hash back. */
gboolean dt_test_mschapv2_check_encrypted_hash  (const guint8  encrypted_hash[16],
                                                 const guint8  new_hash[DT_TEST_MSCHAPV2_HASH_LEN],
                                                 const guint8  old_hash[DT_TEST_MSCHAPV2_HASH_LEN]);

/* Upper-case hex without separators, as MS-CHAP's C= and S= fields write octets. */
char    *dt_test_mschapv2_hex                   (const guint8 *data,
                                                 gsize         len);

G_END_DECLS
