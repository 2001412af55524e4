/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The client half the peer's own tests play: a second, deliberately separate MS-CHAPv2
 * implementation of the peer's side of RFC 2759 (GenerateNTResponse and the Change-Password
 * encryptions of section 8.9 to 8.13), written the other way round from the peer's
 * (encrypting where the peer decrypts, the DES key built bit by bit with parity set), so that
 * a round trip through both checks each against the RFC rather than against itself. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GenerateNTResponse for an ASCII user name and password. */
void test_client_nt_response        (const guint8  auth_challenge[16],
                                     const guint8  peer_challenge[16],
                                     const char   *user,
                                     const char   *password,
                                     guint8        response[24]);
/* "S=" and 40 hex digits: what a Success must carry for this exchange. */
char *test_client_authenticator_response (const guint8  auth_challenge[16],
                                          const guint8  peer_challenge[16],
                                          const guint8  nt_response[24],
                                          const char   *user,
                                          const char   *password);

/* NewPasswordEncryptedWithOldNtPasswordHash: 516 octets; @filler seeds the random fill. */
void test_client_encrypt_pw_block   (const char   *new_password,
                                     const char   *old_password,
                                     guint32       filler,
                                     guint8        block[516]);
/* OldNtPasswordHashEncryptedWithNewNtPasswordHash: 16 octets. */
void test_client_encrypt_old_hash   (const char   *new_password,
                                     const char   *old_password,
                                     guint8        out[16]);

/* A whole CHAP Change-Password packet (code 7, 586 octets) as RFC 2759 section 7 lays it out:
 * Encrypted-Password, Encrypted-Hash, Peer-Challenge, 8 reserved zeros, NT-Response (computed
 * with the new password and the challenge of the E=648 Failure), 2 octets of zero flags. */
GBytes *test_client_change_password (guint8        id,
                                     const guint8  auth_challenge[16],
                                     const guint8  peer_challenge[16],
                                     const char   *user,
                                     const char   *old_password,
                                     const char   *new_password);

G_END_DECLS
