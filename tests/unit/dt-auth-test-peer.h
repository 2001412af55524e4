/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server side of the authentication tests: a fixture that records what a
 * DtPppAuthClient sends and how it finishes, packet builders that write PAP and CHAP packets
 * byte by byte, and readers that check the client's MS-CHAPv2 Response and Change-Password
 * as a server would.  MS-CHAPv2 values come from the dt_mschap_* functions that test-mschap
 * checks against RFC 2759's worked example; Change-Password blocks are decrypted with nettle
 * directly. */
#pragma once

#include "dt-ppp-auth-private.h"

G_BEGIN_DECLS

/* RFC 2759 section 9.2's AuthenticatorChallenge */
#define TEST_AUTH_CHALLENGE_HEX "5B5D7C7D7B3F2F3E3C2C602132262628"

typedef struct {
  DtPppAuthClient *client;
  GPtrArray *sent;            /* GBytes: every packet the client sent */
  guint16 last_protocol;
  guint n_finished;
  guint n_reauthenticating;
  guint n_prompts;            /* EAP's "eap-prompt" */
  guint prompt;
  char *prompt_text;
  gboolean success;
  guint ras_code;
  char *message;
  gboolean retry_allowed;
  /* set by tests that answer from inside the "finished" handler */
  const char *retry_password;
  gboolean retry_result;
} Fixture;

typedef struct {
  guint8 peer_challenge[16];
  guint8 nt_response[24];
} MschapResponse;

void          fixture_init          (Fixture           *f,
                                     DtPppAuthProtocol  proto,
                                     const char        *user,
                                     const char        *password,
                                     const char        *domain);
void          fixture_clear         (Fixture           *f);
const guint8 *sent_packet           (Fixture           *f,
                                     guint              index,
                                     gsize             *len);
const guint8 *last_sent             (Fixture           *f,
                                     gsize             *len);
void          feed                  (Fixture           *f,
                                     guint8             code,
                                     guint8             id,
                                     const void        *data,
                                     gsize              len);
void          feed_text             (Fixture           *f,
                                     guint8             code,
                                     guint8             id,
                                     const char        *text);
void          feed_challenge        (Fixture           *f,
                                     guint8             id,
                                     const guint8      *value,
                                     gsize              value_len,
                                     const char        *name);
void          run_until_finished    (Fixture           *f,
                                     guint              max_ms);
void          hex_to_bytes          (const char        *hex,
                                     guint8            *out,
                                     gsize              len);
void          nt_hash_ascii         (const char        *password,
                                     guint8             hash[16]);

void          read_mschap_response  (Fixture           *f,
                                     guint8             id,
                                     const guint8       auth_challenge[16],
                                     const char        *name,
                                     const char        *password,
                                     MschapResponse    *r);
char         *success_message       (const char        *password,
                                     const MschapResponse *r,
                                     const guint8       auth_challenge[16],
                                     const char        *name,
                                     const char        *tail);
void          mschap_start          (Fixture           *f,
                                     const char        *password,
                                     guint8             auth_challenge[16],
                                     MschapResponse    *r);
void          read_change_password  (Fixture           *f,
                                     guint8             id,
                                     const guint8       challenge[16],
                                     const char        *old_password,
                                     const char        *new_password,
                                     MschapResponse    *r);

G_END_DECLS
