/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's MS-CHAPv2 authenticator (RFC 2759, on RFC 1994's CHAP).  It sends a
 * Challenge (16 octets and its Name), checks the Response's NT-Response against the account
 * and answers Success "S=<authenticator response> M=..." or Failure "E=... R=... C=... V=3
 * M=...".  An expired account gets E=648 with a new challenge, and then a Change-Password
 * packet (code 7, section 7: 586 octets) is taken apart as section 8 builds it: the new
 * password out of the RC4 block keyed with the old hash, the old hash out of the DES blocks
 * keyed with the new one, and the NT-Response recomputed with the new password and the
 * E=648 challenge.  Success changes the account's password; any failed check is E=709. */

#include "dt-test-peer-private.h"

#include <string.h>

#include "dt-test-peer-crypto.h"

#define CHAP_CHALLENGE 1
#define CHAP_RESPONSE  2
#define CHAP_SUCCESS   3
#define CHAP_FAILURE   4
#define CHAP_CHANGE_PASSWORD 7

#define RESPONSE_VALUE_SIZE  49   /* peer challenge 16, reserved 8, NT-Response 24, flags 1 */
#define CHANGE_PASSWORD_DATA 582  /* 516 + 16 + 16 + 8 + 24 + 2 */
#define MAX_CHALLENGES       10

#define ERROR_PASSWD_EXPIRED         648
#define ERROR_AUTHENTICATION_FAILURE 691
#define ERROR_CHANGING_PASSWORD      709

static gboolean on_auth_timer (gpointer user_data);

static void
arm_timer (DtTestPeer *peer, guint ms)
{
  g_clear_handle_id (&peer->auth_timer, g_source_remove);
  peer->auth_timer = g_timeout_add (ms, on_auth_timer, peer);
}

static void
send_challenge (DtTestPeer *peer)
{
  gsize name_len = strlen (peer->sc.server_name);
  g_autofree guint8 *data = g_malloc (1 + 16 + name_len);

  /* RFC 1994 4.1: a new Identifier for every Challenge sent, retransmissions included. */
  peer->chap_id++;
  data[0] = 16;
  memcpy (data + 1, peer->challenge, 16);
  memcpy (data + 17, peer->sc.server_name, name_len);
  peer_send_packet (peer, DT_TEST_PEER_CHAP, CHAP_CHALLENGE, peer->chap_id, data, 17 + name_len);
  peer->challenges_sent++;
  arm_timer (peer, peer->sc.restart_ms);
}

static void
reply (DtTestPeer *peer, guint8 code, guint8 id, const char *message)
{
  gsize len = strlen (message);
  g_autofree guint8 *packet = g_malloc (4 + len);

  packet[0] = code;
  packet[1] = id;
  packet[2] = (4 + len) >> 8;
  packet[3] = (4 + len) & 0xff;
  memcpy (packet + 4, message, len);
  g_clear_pointer (&peer->chap_reply, g_bytes_unref);
  peer->chap_reply = g_bytes_new (packet, 4 + len);
  peer_send_ppp (peer, DT_TEST_PEER_CHAP, packet, 4 + len);
}

/* A Failure with a fresh challenge in C=, which the client uses for a retry (R=1) or for
 * Change-Password (E=648); the next packet of the client carries @id + 1. */
static void
failure (DtTestPeer *peer, guint8 id, guint error, gboolean retry, const char *message)
{
  g_autofree char *hex = NULL;
  g_autofree char *text = NULL;

  peer_random (peer, peer->challenge, 16);
  hex = dt_test_mschapv2_hex (peer->challenge, 16);
  text = g_strdup_printf ("E=%u R=%d C=%s V=3 M=%s", error, retry ? 1 : 0, hex, message);
  reply (peer, CHAP_FAILURE, id, text);
  peer->chap_id = id + 1;
  peer->out.auth_failures++;
  peer->out.last_error = error;
}

static void
authenticated (DtTestPeer *peer)
{
  peer->auth = AUTH_DONE;
  g_clear_handle_id (&peer->auth_timer, g_source_remove);
  peer->out.auth_successes++;
  /* MS-CBCP: the callback phase comes between authentication and the NCPs, when LCP
   * agreed on it; the call back itself authenticates again, without it. */
  if (peer->callback_option && !peer->callback_leg)
    cbcp_start (peer);
  else
    network_start (peer);
}

static void
success (DtTestPeer   *peer,
         guint8        id,
         const guint8  hash[16],
         const guint8  nt_response[24],
         const guint8  peer_challenge[16],
         const char   *message)
{
  g_autofree char *auth = dt_test_mschapv2_authenticator_response (hash, nt_response,
                                                                   peer_challenge,
                                                                   peer->challenge,
                                                                   peer->auth_user);
  g_autofree char *text = g_strdup_printf ("%s M=%s", auth, message);

  reply (peer, CHAP_SUCCESS, id, text);
  authenticated (peer);
}

static void
give_up (DtTestPeer *peer, const char *reason)
{
  peer->auth = AUTH_FAILED;
  g_clear_handle_id (&peer->auth_timer, g_source_remove);
  lcp_terminate (peer, reason);
}

static gboolean
on_auth_timer (gpointer user_data)
{
  DtTestPeer *peer = user_data;

  peer->auth_timer = 0;
  if (peer->auth == AUTH_WAIT_RESPONSE && peer->challenges_sent < MAX_CHALLENGES)
    send_challenge (peer);
  else if (peer->auth == AUTH_WAIT_RESPONSE)
    give_up (peer, "No response to the Challenge");
  else if (peer->auth == AUTH_WAIT_CHANGE)
    give_up (peer, "No password change in time");
  else if (peer->auth == AUTH_WAIT_RETRY)
    give_up (peer, "No retry in time");
  return G_SOURCE_REMOVE;
}

void
chap_start (DtTestPeer *peer)
{
  peer_set_phase (peer, DT_TEST_PEER_PHASE_AUTHENTICATE);
  peer->auth = AUTH_WAIT_RESPONSE;
  peer->auth_attempts = 0;
  peer->challenges_sent = 0;
  if (peer->sc.first_challenge != NULL)
    memcpy (peer->challenge, peer->sc.first_challenge, 16);
  else
    peer_random (peer, peer->challenge, 16);
  send_challenge (peer);
}

void
chap_stop (DtTestPeer *peer)
{
  g_clear_handle_id (&peer->auth_timer, g_source_remove);
  g_clear_pointer (&peer->chap_reply, g_bytes_unref);
  peer->auth = AUTH_NONE;
}

static gboolean
all_zero (const guint8 *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* The name as the client sent it: "DOMAIN\user" or "user".  ChallengeHash takes the user
 * name without the domain (RFC 2759 8.2). */
static void
take_name (DtTestPeer *peer, const guint8 *name, gsize len)
{
  g_autofree char *full = g_strndup ((const char *) name, len);
  const char *slash = strrchr (full, '\\');

  g_free (peer->out.domain);
  peer->out.domain = slash != NULL ? g_strndup (full, (gsize) (slash - full)) : NULL;
  peer_set_string (&peer->auth_user, slash != NULL ? slash + 1 : full);
  peer_set_string (&peer->out.user, peer->auth_user);
}

static void
handle_response (DtTestPeer *peer, guint8 id, const guint8 *data, gsize len)
{
  const guint8 *peer_challenge, *nt_response;
  guint8 expected[24], hash[16];
  gboolean right;

  if (len < 1 + RESPONSE_VALUE_SIZE || data[0] != RESPONSE_VALUE_SIZE)
    {
      peer_violation (peer, "CHAP Response with a Value-Size of %u (MS-CHAPv2 says 49)",
                      len > 0 ? data[0] : 0);
      failure (peer, id, ERROR_AUTHENTICATION_FAILURE, FALSE, "Malformed response");
      give_up (peer, "Authentication failed");
      return;
    }
  peer_challenge = data + 1;
  nt_response = data + 25;
  if (!all_zero (data + 17, 8))
    peer_violation (peer, "CHAP Response: the 8 reserved octets are not zero");
  if (data[49] != 0)
    peer_violation (peer, "CHAP Response: Flags is %u, not zero", data[49]);
  take_name (peer, data + 50, len - 50);

  right = g_ascii_strcasecmp (peer->auth_user, peer->sc.user) == 0
          && dt_test_mschapv2_generate_nt_response (peer->challenge, peer_challenge,
                                                    peer->auth_user, peer->password, expected)
          && memcmp (expected, nt_response, 24) == 0;
  peer->auth_attempts++;
  if (right && peer->expired)
    {
      failure (peer, id, ERROR_PASSWD_EXPIRED, FALSE, "Password expired");
      peer->auth = AUTH_WAIT_CHANGE;
      arm_timer (peer, peer->sc.auth_timeout_ms);
    }
  else if (right)
    {
      dt_test_mschapv2_nt_password_hash (peer->password, hash);
      success (peer, id, hash, nt_response, peer_challenge, "Welcome to the Dialtone test peer");
    }
  else if (peer->auth_attempts < peer->sc.max_auth_attempts)
    {
      failure (peer, id, ERROR_AUTHENTICATION_FAILURE, TRUE, "Access denied, try again");
      peer->auth = AUTH_WAIT_RETRY;
      arm_timer (peer, peer->sc.auth_timeout_ms);
    }
  else
    {
      failure (peer, id, ERROR_AUTHENTICATION_FAILURE, FALSE, "Access denied");
      give_up (peer, "Authentication failed");
    }
}

static void
change_failed (DtTestPeer *peer, guint8 id, const char *why)
{
  peer_event (peer, "change-password refused: %s", why);
  failure (peer, id, ERROR_CHANGING_PASSWORD, FALSE, "Password change failed");
  give_up (peer, "Password change failed");
}

static void
handle_change_password (DtTestPeer *peer, guint8 id, const guint8 *data, gsize len)
{
  const guint8 *encrypted_password = data;
  const guint8 *encrypted_hash = data + 516;
  const guint8 *peer_challenge = data + 532;
  const guint8 *nt_response = data + 556;
  guint8 old_hash[16], new_hash[16], expected[24];
  g_autofree char *new_password = NULL;

  if (len != CHANGE_PASSWORD_DATA)
    {
      peer_violation (peer, "CHAP Change-Password of %" G_GSIZE_FORMAT " octets (RFC 2759 7 "
                      "says 586)", len + 4);
      change_failed (peer, id, "malformed packet");
      return;
    }
  if (!all_zero (data + 548, 8))
    peer_violation (peer, "CHAP Change-Password: the 8 reserved octets are not zero");
  if (!all_zero (data + 580, 2))
    peer_violation (peer, "CHAP Change-Password: Flags is not zero");

  dt_test_mschapv2_nt_password_hash (peer->password, old_hash);
  new_password = dt_test_mschapv2_decrypt_pw_block (encrypted_password, old_hash);
  if (new_password == NULL)
    {
      change_failed (peer, id, "the password block does not decrypt with the old hash");
      return;
    }
  peer_set_string (&peer->out.new_password, new_password);
  dt_test_mschapv2_nt_password_hash (new_password, new_hash);
  if (!dt_test_mschapv2_check_encrypted_hash (encrypted_hash, new_hash, old_hash))
    {
      change_failed (peer, id, "the encrypted hash is not the old hash");
      return;
    }
  if (!dt_test_mschapv2_generate_nt_response (peer->challenge, peer_challenge, peer->auth_user,
                                              new_password, expected)
      || memcmp (expected, nt_response, 24) != 0)
    {
      change_failed (peer, id, "the NT-Response is not the new password's");
      return;
    }
  if (peer->sc.refuse_password_change)
    {
      change_failed (peer, id, "the scenario refuses every change");
      return;
    }

  memset (peer->password, 0, strlen (peer->password));
  peer_set_string (&peer->password, new_password);
  peer->expired = FALSE;
  peer->out.password_changed = TRUE;
  peer_event (peer, "change-password accepted");
  success (peer, id, new_hash, nt_response, peer_challenge, "Password changed");
}

void
chap_input (DtTestPeer *peer, const guint8 *packet, gsize len)
{
  guint8 code, id;
  gsize length;

  if (len < 4 || (length = (gsize) packet[2] << 8 | packet[3]) < 4 || length > len)
    {
      peer_violation (peer, "CHAP packet whose Length lies");
      return;
    }
  code = packet[0];
  id = packet[1];
  if (code != CHAP_RESPONSE && code != CHAP_CHANGE_PASSWORD)
    {
      peer_violation (peer, "CHAP code %u from the client", code);
      return;
    }
  if (peer->auth == AUTH_DONE || peer->auth == AUTH_FAILED)
    {
      /* RFC 1994 4.1: a repeated Response (its answer was lost) gets the same answer. */
      if (peer->chap_reply != NULL && id == ((const guint8 *) g_bytes_get_data (peer->chap_reply,
                                                                                NULL))[1])
        peer_send_ppp (peer, DT_TEST_PEER_CHAP, g_bytes_get_data (peer->chap_reply, NULL),
                       g_bytes_get_size (peer->chap_reply));
      return;
    }
  if ((code == CHAP_CHANGE_PASSWORD) != (peer->auth == AUTH_WAIT_CHANGE)
      || peer->auth == AUTH_NONE)
    {
      peer_violation (peer, "CHAP %s where the server waits for a %s",
                      code == CHAP_RESPONSE ? "Response" : "Change-Password",
                      peer->auth == AUTH_WAIT_CHANGE ? "Change-Password" : "Response");
      return;
    }
  if (id != peer->chap_id && peer->auth == AUTH_WAIT_RESPONSE && peer->challenges_sent > 1)
    {
      peer_event (peer, "CHAP Response id %u answers an earlier Challenge: ignored", id);
      return;
    }
  if (id != peer->chap_id)
    {
      /* RFC 1994: a Response must carry its Challenge's Identifier; RFC 2759 7 and the
       * retry after R=1: the Failure's plus one. */
      peer_violation (peer, "CHAP %s id %u, expected %u",
                      code == CHAP_RESPONSE ? "Response" : "Change-Password", id, peer->chap_id);
      return;
    }
  if (code == CHAP_RESPONSE)
    handle_response (peer, id, packet + 4, length - 4);
  else
    handle_change_password (peer, id, packet + 4, length - 4);
}
