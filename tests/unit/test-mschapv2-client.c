/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPppAuthClient speaking MS-CHAPv2 (RFC 2759) to a server played here byte by byte: the
 * Response's fields, DOMAIN\\user, the authenticator response checked and a wrong, missing,
 * short or non-hexadecimal one refused, every Failure code, retry with R=1 and C= (also from
 * inside the "finished" handler), and Change-Password decrypted as a server would, with its
 * success, its failure (709) and bad input. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "dt-auth-test-peer.h"
#include "dt-error.h"

static void
test_mschap_success (void)
{
  guint8 auth_challenge[16];
  g_autofree char *success = NULL;
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "clientPass", auth_challenge, &r);
  g_assert_cmpstr (dt_ppp_auth_client_get_protocol_name (f.client), ==, "MS-CHAPv2");
  {
    DtPppAuthProtocol proto = DT_PPP_AUTH_NONE;

    g_object_get (f.client, "protocol", &proto, NULL);
    g_assert_cmpint (proto, ==, DT_PPP_AUTH_MSCHAPV2);
    g_assert_cmpint (dt_ppp_auth_client_get_protocol (f.client), ==, DT_PPP_AUTH_MSCHAPV2);
  }

  success = success_message ("clientPass", &r, auth_challenge, "User", " M=Access granted");
  feed_text (&f, 3, 0x21, success);
  g_assert_cmpuint (f.n_finished, ==, 1);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Access granted");
  fixture_clear (&f);
}

static void
test_mschap_domain (void)
{
  guint8 auth_challenge[16];
  g_autofree char *success = NULL;
  MschapResponse r;
  Fixture f;

  fixture_init (&f, DT_PPP_AUTH_MSCHAPV2, "User", "clientPass", "CORP");
  hex_to_bytes (TEST_AUTH_CHALLENGE_HEX, auth_challenge, 16);
  dt_ppp_auth_client_start (f.client);
  feed_challenge (&f, 0x01, auth_challenge, 16, "");
  /* the Name says CORP\User; the hashes use User alone */
  read_mschap_response (&f, 0x01, auth_challenge, "CORP\\User", "clientPass", &r);
  {
    guint8 plain[24];

    g_assert_true (dt_mschap_generate_nt_response (auth_challenge, r.peer_challenge, "User",
                                                   "clientPass", plain));
    g_assert_cmpmem (r.nt_response, 24, plain, 24);
  }
  success = success_message ("clientPass", &r, auth_challenge, "User", "");
  feed_text (&f, 3, 0x01, success);
  g_assert_true (f.success);
  fixture_clear (&f);
}

/* A server that cannot prove it knows the password is refused, whatever it says, with an
 * error of its own (778), not 691: that would invite the user to type the password again to
 * an impostor. */
static void
test_mschap_bad_authenticator (void)
{
  const char *const bad[] = {
    NULL,                                                       /* built below: one digit off */
    "M=Access granted",                                         /* no S= */
    "",                                                         /* nothing */
    "S=407A5589115FD0D6209F510FE9C04566932CDA5",                /* 39 digits */
    "S=407A5589115FD0D6209F510FE9C04566932CDAZZ M=hi",          /* not hex */
    "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=the RFC's S=, for another exchange",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint8 auth_challenge[16];
      g_autofree char *text = NULL;
      MschapResponse r;
      Fixture f;

      mschap_start (&f, "clientPass", auth_challenge, &r);
      if (bad[i] == NULL)
        {
          text = success_message ("clientPass", &r, auth_challenge, "User", " M=hi");
          text[10] = text[10] == '0' ? '1' : '0';
        }
      else
        text = g_strdup (bad[i]);

      feed_text (&f, 3, 0x21, text);
      g_assert_cmpuint (f.n_finished, ==, 1);
      g_assert_false (f.success);
      g_assert_cmpuint (f.ras_code, ==, 778);
      g_assert_cmpstr (f.message, ==, "The server could not prove it knows your password; "
                                      "it may not be your provider.");
      g_assert_false (f.retry_allowed);
      fixture_clear (&f);
    }
}

static void
test_mschap_failure_codes (void)
{
  static const struct {
    const char *text;
    guint ras_code;
    const char *message;      /* NULL: the RAS table's */
    gboolean retry_allowed;
  } cases[] = {
    { "E=646 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=Not at this hour",
      646, "Not at this hour", FALSE },
    { "E=647 R=0 V=3 M=Account disabled", 647, "Account disabled", FALSE },
    { "E=648 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=Password expired",
      648, "Password expired", FALSE },
    { "E=649 R=0 V=3", 649, NULL, FALSE },
    { "E=691 R=1 C=00112233445566778899AABBCCDDEEFF V=3 M=Authentication failure",
      691, "Authentication failure", TRUE },
    { "E=691 R=0 C=00112233445566778899AABBCCDDEEFF V=3 M=Authentication failure",
      691, "Authentication failure", FALSE },
    { "E=709 R=0 V=3 M=x", 709, "x", FALSE },
    { "E=999 R=0 V=3 M=Something new", 691, "Something new", FALSE },
    { "M=no fields at all", 691, "no fields at all", FALSE },
    { "", 691, NULL, FALSE },
    /* order changed, R=1 without a usable C=, garbage */
    { "V=3 C=00112233445566778899AABBCCDDEEFF R=1 E=691 M=reordered", 691, "reordered", TRUE },
    { "E=691 R=1 C=0011 V=3 M=short C", 691, "short C", FALSE },
    { "E=691 R=1 V=3 M=no C", 691, "no C", FALSE },
    { "E=69x1 R=1 C=00112233445566778899AABBCCDDEEFG V=3", 691, NULL, FALSE },
    { "\x01\xff garbage E= R= C= M=", 691, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].text, NULL);
      guint8 auth_challenge[16];
      MschapResponse r;
      Fixture f;

      g_test_message ("failure: %s", escaped);
      mschap_start (&f, "clientPass", auth_challenge, &r);
      feed_text (&f, 4, 0x21, cases[i].text);
      g_assert_cmpuint (f.n_finished, ==, 1);
      g_assert_false (f.success);
      g_assert_cmpuint (f.ras_code, ==, cases[i].ras_code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (f.message, ==, cases[i].message);
      else
        g_assert_cmpstr (f.message, ==, dt_ras_error_get_message (cases[i].ras_code));
      g_assert_cmpint (f.retry_allowed, ==, cases[i].retry_allowed);
      fixture_clear (&f);
    }
}

/* RFC 2759 section 9.1.2: after E=691 R=1, the next Response answers C= with the Failure's
 * identifier plus one, with the new password. */
static void
test_mschap_retry_with_c (void)
{
  guint8 auth_challenge[16];
  guint8 next_challenge[16];
  g_autofree char *success = NULL;
  g_autoptr (GError) error = NULL;
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "wrongPass", auth_challenge, &r);
  feed_text (&f, 4, 0x21, "E=691 R=1 C=0123456789ABCDEF0123456789ABCDEF V=3 M=Try again");
  g_assert_true (f.retry_allowed);
  g_assert_cmpuint (f.sent->len, ==, 1);

  g_assert_true (dt_ppp_auth_client_retry (f.client, "User", "clientPass", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.sent->len, ==, 2);
  hex_to_bytes ("0123456789ABCDEF0123456789ABCDEF", next_challenge, 16);
  read_mschap_response (&f, 0x22, next_challenge, "User", "clientPass", &r);

  success = success_message ("clientPass", &r, next_challenge, "User", " M=Welcome");
  feed_text (&f, 3, 0x22, success);
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Welcome");
  fixture_clear (&f);
}

/* The engine may answer from inside its "finished" handler. */
static void
test_mschap_retry_from_handler (void)
{
  guint8 auth_challenge[16];
  guint8 next_challenge[16];
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "wrongPass", auth_challenge, &r);
  f.retry_password = "clientPass";
  feed_text (&f, 4, 0x21, "E=691 R=1 C=0123456789ABCDEF0123456789ABCDEF V=3 M=Try again");
  f.retry_password = NULL;
  g_assert_true (f.retry_result);
  hex_to_bytes ("0123456789ABCDEF0123456789ABCDEF", next_challenge, 16);
  read_mschap_response (&f, 0x22, next_challenge, "User", "clientPass", &r);
  fixture_clear (&f);
}

static void
test_mschap_no_retry (void)
{
  guint8 auth_challenge[16];
  g_autoptr (GError) error = NULL;
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "wrongPass", auth_challenge, &r);
  feed_text (&f, 4, 0x21, "E=691 R=0 C=0123456789ABCDEF0123456789ABCDEF V=3 M=No");
  g_assert_false (f.retry_allowed);
  g_assert_false (dt_ppp_auth_client_retry (f.client, "User", "clientPass", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (dt_ppp_auth_client_change_password (f.client, "a", "b", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (f.sent->len, ==, 1);
  fixture_clear (&f);
}

static void
test_mschap_change_password (void)
{
  guint8 auth_challenge[16], change_challenge[16], rechallenge[16] = { 0x42 };
  g_autofree char *success = NULL;
  g_autofree char *resuccess = NULL;
  g_autoptr (GError) error = NULL;
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "oldPass", auth_challenge, &r);
  feed_text (&f, 4, 0x21,
             "E=648 R=0 C=FEDCBA9876543210FEDCBA9876543210 V=3 M=Password expired");
  g_assert_cmpuint (f.ras_code, ==, 648);
  g_assert_cmpstr (f.message, ==, "Password expired");

  g_assert_true (dt_ppp_auth_client_change_password (f.client, "oldPass", "newPass1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f.sent->len, ==, 2);
  hex_to_bytes ("FEDCBA9876543210FEDCBA9876543210", change_challenge, 16);
  read_change_password (&f, 0x22, change_challenge, "oldPass", "newPass1", &r);

  success = success_message ("newPass1", &r, change_challenge, "User", " M=Password changed");
  feed_text (&f, 3, 0x22, success);
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_true (f.success);
  g_assert_cmpstr (f.message, ==, "Password changed");

  /* re-authentication uses the new password */
  feed_challenge (&f, 0x30, rechallenge, 16, "isp");
  read_mschap_response (&f, 0x30, rechallenge, "User", "newPass1", &r);
  resuccess = success_message ("newPass1", &r, rechallenge, "User", "");
  feed_text (&f, 3, 0x30, resuccess);
  g_assert_cmpuint (f.n_reauthenticating, ==, 1);
  g_assert_cmpuint (f.n_finished, ==, 3);
  g_assert_true (f.success);
  fixture_clear (&f);
}

/* Without C=, Change-Password uses the last Challenge; a Failure to it is 709. */
static void
test_mschap_change_password_fails (void)
{
  guint8 auth_challenge[16];
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "oldPass", auth_challenge, &r);
  feed_text (&f, 4, 0x21, "E=648 R=0 V=3");
  g_assert_cmpuint (f.ras_code, ==, 648);
  g_assert_cmpstr (f.message, ==, dt_ras_error_get_message (648));
  g_assert_true (dt_ppp_auth_client_change_password (f.client, "oldPass", "newPass1", NULL));
  read_change_password (&f, 0x22, auth_challenge, "oldPass", "newPass1", &r);

  feed_text (&f, 4, 0x22, "E=691 R=0 V=3 M=Wrong old password");
  g_assert_cmpuint (f.n_finished, ==, 2);
  g_assert_false (f.success);
  g_assert_cmpuint (f.ras_code, ==, 709);
  g_assert_cmpstr (f.message, ==, "Wrong old password");
  g_assert_false (f.retry_allowed);
  fixture_clear (&f);
}

static void
test_mschap_change_password_bad_input (void)
{
  guint8 auth_challenge[16];
  g_autofree char *too_long = g_strnfill (257, 'p');
  g_autoptr (GError) error = NULL;
  MschapResponse r;
  Fixture f;

  mschap_start (&f, "oldPass", auth_challenge, &r);
  feed_text (&f, 4, 0x21, "E=648 R=0 V=3");
  g_assert_false (dt_ppp_auth_client_change_password (f.client, "oldPass", too_long, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (dt_ppp_auth_client_change_password (f.client, "oldPass", "bad\xff", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (f.sent->len, ==, 1);
  fixture_clear (&f);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mschapv2-client/success", test_mschap_success);
  g_test_add_func ("/mschapv2-client/domain", test_mschap_domain);
  g_test_add_func ("/mschapv2-client/bad-authenticator", test_mschap_bad_authenticator);
  g_test_add_func ("/mschapv2-client/failure-codes", test_mschap_failure_codes);
  g_test_add_func ("/mschapv2-client/retry-with-c", test_mschap_retry_with_c);
  g_test_add_func ("/mschapv2-client/retry-from-handler", test_mschap_retry_from_handler);
  g_test_add_func ("/mschapv2-client/no-retry", test_mschap_no_retry);
  g_test_add_func ("/mschapv2-client/change-password", test_mschap_change_password);
  g_test_add_func ("/mschapv2-client/change-password-fails", test_mschap_change_password_fails);
  g_test_add_func ("/mschapv2-client/change-password-bad-input",
                   test_mschap_change_password_bad_input);

  return g_test_run ();
}
