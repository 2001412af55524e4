/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The computations of CHAP-MD5 (RFC 1994) and MS-CHAPv2 (RFC 2759), and the parsers of
 * MS-CHAPv2's Success and Failure messages.  The function names follow RFC 2759's
 * pseudocode, so that each can be checked against its section.  Every primitive (MD4, MD5,
 * SHA-1, DES, ARC4) comes from nettle.  Passwords are UTF-8 strings; RFC 2759 hashes their
 * UTF-16LE form.  Intermediate secrets are wiped before these functions return. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_MSCHAP_HASH_LEN          16
#define DT_MSCHAP_CHALLENGE_LEN     16
#define DT_MSCHAP_NT_RESPONSE_LEN   24
/* "S=" and 40 hexadecimal digits, without a terminating NUL */
#define DT_MSCHAP_AUTH_RESPONSE_LEN 42
/* 256 UTF-16 units of password and a 4-octet length */
#define DT_MSCHAP_PW_BLOCK_LEN      516
/* RFC 2759's longest password, in UTF-16 units */
#define DT_MSCHAP_MAX_PASSWORD      256

#define DT_CHAP_MD5_RESPONSE_LEN    16

/* RFC 1994 section 4.1: MD5 (Identifier || secret || Challenge) */
void     dt_chap_md5_response   (guint8        id,
                                 const char   *secret,
                                 const guint8 *challenge,
                                 gsize         challenge_len,
                                 guint8        response[DT_CHAP_MD5_RESPONSE_LEN]);

/* RFC 2759 section 8, with array sizes in octets.  The functions that take a password
 * return FALSE when it is not UTF-8. */
gboolean dt_mschap_nt_password_hash      (const char   *password,
                                          guint8        hash[16]);
void     dt_mschap_hash_nt_password_hash (const guint8  hash[16],
                                          guint8        hash_hash[16]);
void     dt_mschap_challenge_hash        (const guint8  peer_challenge[16],
                                          const guint8  auth_challenge[16],
                                          const char   *user_name,
                                          guint8        challenge[8]);
void     dt_mschap_challenge_response    (const guint8  challenge[8],
                                          const guint8  password_hash[16],
                                          guint8        response[24]);
gboolean dt_mschap_generate_nt_response  (const guint8  auth_challenge[16],
                                          const guint8  peer_challenge[16],
                                          const char   *user_name,
                                          const char   *password,
                                          guint8        response[24]);

/* "S=" and 40 upper-case hexadecimal digits, NUL-terminated */
gboolean dt_mschap_generate_authenticator_response (const char   *password,
                                                    const guint8  nt_response[24],
                                                    const guint8  peer_challenge[16],
                                                    const guint8  auth_challenge[16],
                                                    const char   *user_name,
                                                    char          response[43]);
/* @received is a Success message; hexadecimal digits of either case are accepted */
gboolean dt_mschap_check_authenticator_response    (const char   *password,
                                                    const guint8  nt_response[24],
                                                    const guint8  peer_challenge[16],
                                                    const guint8  auth_challenge[16],
                                                    const char   *user_name,
                                                    const char   *received,
                                                    gsize         received_len);

/* Change-Password (RFC 2759 sections 8.9 to 8.13).  FALSE also when the new password is
 * longer than DT_MSCHAP_MAX_PASSWORD UTF-16 units, or randomness is unavailable. */
gboolean dt_mschap_new_password_encrypted_with_old_nt_password_hash
                                         (const char   *new_password,
                                          const char   *old_password,
                                          guint8        encrypted_pw_block[DT_MSCHAP_PW_BLOCK_LEN]);
gboolean dt_mschap_old_nt_password_hash_encrypted_with_new_nt_password_hash
                                         (const char   *new_password,
                                          const char   *old_password,
                                          guint8        encrypted_hash[16]);

/* DES in ECB mode with a 56-bit key given as 7 octets (RFC 2759 section 8.6) */
void     dt_mschap_des_encrypt           (const guint8  clear[8],
                                          const guint8  key[7],
                                          guint8        cypher[8]);

/* The name that enters ChallengeHash: @name without a "DOMAIN\" prefix (RFC 2759 section 4). */
const char *dt_mschap_strip_domain     (const char *name);

/* How long @password is in UTF-16 units, or -1 when it is not valid UTF-8. */
glong       dt_mschap_password_length (const char *password);

/* A Failure packet's message, "E=eeeeeeeeee R=r C=cccccccccccccccccccccccccccccccc V=vvvvvvvvvv
 * M=<msg>" (RFC 2759 section 6).  Fields may be missing or out of order; M= runs to the end of
 * the text.  A field that does not parse counts as missing. */
typedef struct {
  guint     error;             /* E=, or 0 when missing */
  gboolean  retry;             /* R=1 */
  gboolean  has_challenge;     /* C= was 32 hexadecimal digits */
  guint8    challenge[DT_MSCHAP_CHALLENGE_LEN];
  guint     version;           /* V=, or 0 when missing */
  char     *message;           /* M=, as printable UTF-8, or NULL when missing */
} DtMschapFailure;

void     dt_mschap_parse_failure  (const guint8    *text,
                                   gsize            len,
                                   DtMschapFailure *failure);
void     dt_mschap_failure_clear  (DtMschapFailure *failure);

/* A Success packet's message, "S=<40 hex digits> M=<msg>" (RFC 2759 section 5).  Returns FALSE
 * when it does not start with an authenticator response; @message gets M= or NULL. */
gboolean dt_mschap_parse_success  (const guint8    *text,
                                   gsize            len,
                                   guint8           auth_response[20],
                                   char           **message);

G_END_DECLS
