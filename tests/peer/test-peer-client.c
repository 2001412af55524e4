/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The peer tests' own MS-CHAPv2 client crypto.  See test-peer-client.h.  ASCII only, which
 * is all the tests need: the UTF-16LE of an ASCII string is each octet followed by a zero. */

#include "test-peer-client.h"

#include <string.h>

#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>

static void
nt_hash (const char *password, guint8 hash[16])
{
  gsize n = strlen (password);
  g_autofree guint8 *unicode = g_malloc0 (n * 2 + 1);
  struct md4_ctx md4;

  for (gsize i = 0; i < n; i++)
    unicode[2 * i] = (guint8) password[i];
  md4_init (&md4);
  md4_update (&md4, n * 2, unicode);
  md4_digest (&md4, 16, hash);
}

/* RFC 2759 8.6: the 56 key bits, most significant first, seven to each octet, then odd
 * parity in the low bit. */
static void
des_encrypt_7 (const guint8 *key7, const guint8 clear[8], guint8 out[8])
{
  guint8 key[8] = { 0 };
  struct des_ctx des;

  for (guint bit = 0; bit < 56; bit++)
    if (key7[bit / 8] & (0x80 >> (bit % 8)))
      key[bit / 7] |= 0x80 >> (bit % 7);
  des_fix_parity (8, key, key);
  des_set_key (&des, key);
  des_encrypt (&des, 8, out, clear);
}

static void
challenge_hash (const guint8 auth[16], const guint8 peer[16], const char *user, guint8 out[8])
{
  struct sha1_ctx sha;
  guint8 digest[20];

  sha1_init (&sha);
  sha1_update (&sha, 16, peer);
  sha1_update (&sha, 16, auth);
  sha1_update (&sha, strlen (user), (const guint8 *) user);
  sha1_digest (&sha, 20, digest);
  memcpy (out, digest, 8);
}

void
test_client_nt_response (const guint8  auth_challenge[16],
                         const guint8  peer_challenge[16],
                         const char   *user,
                         const char   *password,
                         guint8        response[24])
{
  guint8 challenge[8];
  guint8 padded[21] = { 0 };

  challenge_hash (auth_challenge, peer_challenge, user, challenge);
  nt_hash (password, padded);
  for (guint i = 0; i < 3; i++)
    des_encrypt_7 (padded + 7 * i, challenge, response + 8 * i);
}

char *
test_client_authenticator_response (const guint8  auth_challenge[16],
                                    const guint8  peer_challenge[16],
                                    const guint8  nt_response[24],
                                    const char   *user,
                                    const char   *password)
{
  /* RFC 2759 8.7, Magic1 and Magic2 as the RFC lists their octets. */
  static const guint8 magic1[39] = {
    0x4D, 0x61, 0x67, 0x69, 0x63, 0x20, 0x73, 0x65, 0x72, 0x76, 0x65, 0x72, 0x20, 0x74,
    0x6F, 0x20, 0x63, 0x6C, 0x69, 0x65, 0x6E, 0x74, 0x20, 0x73, 0x69, 0x67, 0x6E, 0x69,
    0x6E, 0x67, 0x20, 0x63, 0x6F, 0x6E, 0x73, 0x74, 0x61, 0x6E, 0x74 };
  static const guint8 magic2[41] = {
    0x50, 0x61, 0x64, 0x20, 0x74, 0x6F, 0x20, 0x6D, 0x61, 0x6B, 0x65, 0x20, 0x69, 0x74,
    0x20, 0x64, 0x6F, 0x20, 0x6D, 0x6F, 0x72, 0x65, 0x20, 0x74, 0x68, 0x61, 0x6E, 0x20,
    0x6F, 0x6E, 0x65, 0x20, 0x69, 0x74, 0x65, 0x72, 0x61, 0x74, 0x69, 0x6F, 0x6E };
  guint8 hash[16], hash_hash[16], digest[20], challenge[8];
  struct md4_ctx md4;
  struct sha1_ctx sha;
  GString *out = g_string_new ("S=");

  nt_hash (password, hash);
  md4_init (&md4);
  md4_update (&md4, 16, hash);
  md4_digest (&md4, 16, hash_hash);

  sha1_init (&sha);
  sha1_update (&sha, 16, hash_hash);
  sha1_update (&sha, 24, nt_response);
  sha1_update (&sha, sizeof magic1, magic1);
  sha1_digest (&sha, 20, digest);
  challenge_hash (auth_challenge, peer_challenge, user, challenge);
  sha1_init (&sha);
  sha1_update (&sha, 20, digest);
  sha1_update (&sha, 8, challenge);
  sha1_update (&sha, sizeof magic2, magic2);
  sha1_digest (&sha, 20, digest);

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (out, "%02X", digest[i]);
  return g_string_free (out, FALSE);
}

void
test_client_encrypt_pw_block (const char   *new_password,
                              const char   *old_password,
                              guint32       filler,
                              guint8        block[516])
{
  guint8 clear[516];
  guint8 old_hash[16];
  gsize size = strlen (new_password) * 2;
  g_autoptr (GRand) rand = g_rand_new_with_seed (filler);
  struct arcfour_ctx rc4;

  g_assert (size <= 512);
  /* 8.10 EncryptPwBlockWithPasswordHash: random octets, the password at the end of the
   * 512-octet field, its size in octets in the last four (a little-endian "unsigned long"). */
  for (guint i = 0; i < 512; i++)
    clear[i] = (guint8) g_rand_int_range (rand, 0, 256);
  for (gsize i = 0; i < size / 2; i++)
    {
      clear[512 - size + 2 * i] = (guint8) new_password[i];
      clear[512 - size + 2 * i + 1] = 0;
    }
  clear[512] = size & 0xff;
  clear[513] = (size >> 8) & 0xff;
  clear[514] = 0;
  clear[515] = 0;

  nt_hash (old_password, old_hash);
  arcfour_set_key (&rc4, 16, old_hash);
  arcfour_crypt (&rc4, 516, block, clear);
}

void
test_client_encrypt_old_hash (const char *new_password, const char *old_password, guint8 out[16])
{
  guint8 old_hash[16], new_hash[16];

  nt_hash (old_password, old_hash);
  nt_hash (new_password, new_hash);
  des_encrypt_7 (new_hash, old_hash, out);
  des_encrypt_7 (new_hash + 7, old_hash + 8, out + 8);
}

GBytes *
test_client_change_password (guint8        id,
                             const guint8  auth_challenge[16],
                             const guint8  peer_challenge[16],
                             const char   *user,
                             const char   *old_password,
                             const char   *new_password)
{
  guint8 *packet = g_malloc0 (586);

  packet[0] = 7;
  packet[1] = id;
  packet[2] = 586 >> 8;
  packet[3] = 586 & 0xff;
  test_client_encrypt_pw_block (new_password, old_password, id, packet + 4);
  test_client_encrypt_old_hash (new_password, old_password, packet + 520);
  memcpy (packet + 536, peer_challenge, 16);
  /* 552..559: Reserved, zero */
  test_client_nt_response (auth_challenge, peer_challenge, user, new_password, packet + 560);
  /* 584..585: Flags, zero */
  return g_bytes_new_take (packet, 586);
}
