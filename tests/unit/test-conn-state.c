/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The state and error tables: the RASCONNSTATE numbers that users and the CLI's output rely
 * on, the paused and terminal classes, and the "Error NNN: …" text. */

#include "config.h"

#include <locale.h>

#include "dt-conn-state.h"
#include "dt-error.h"

static void
test_numbers_match_rasconnstate (void)
{
  /* Spot checks against the RASCONNSTATE values a Windows user would look up. */
  g_assert_cmpint (DT_CONN_STATE_OPEN_PORT, ==, 0);
  g_assert_cmpint (DT_CONN_STATE_AUTH_RETRY, ==, 7);
  g_assert_cmpint (DT_CONN_STATE_AUTHENTICATED, ==, 14);
  g_assert_cmpint (DT_CONN_STATE_PROJECTED, ==, 18);
  g_assert_cmpint (DT_CONN_STATE_APPLY_SETTINGS, ==, 24);
  g_assert_cmpint (DT_CONN_STATE_RETRY_AUTHENTICATION, ==, 4097);
  g_assert_cmpint (DT_CONN_STATE_PASSWORD_EXPIRED, ==, 4099);
  g_assert_cmpint (DT_CONN_STATE_CONNECTED, ==, 8192);
  g_assert_cmpint (DT_CONN_STATE_DISCONNECTED, ==, 8193);
  g_assert_cmpint (DT_CONN_STATE_LISTENING, ==, 256);
  g_assert_cmpint (DT_CONN_STATE_CALLING_BACK, ==, 260);
}

static void
test_classes (void)
{
  int n_valid = 0;

  for (int v = 0; v < 0x2010; v++)
    {
      if (!dt_conn_state_is_valid (v))
        continue;
      n_valid++;
      g_assert_cmpint (dt_conn_state_is_paused (v), ==, v >= 4096 && v <= 4100);
      g_assert_cmpint (dt_conn_state_is_terminal (v), ==, v == 8192 || v == 8193);
    }
  /* 25 running, 5 paused, 2 terminal; and the answering side's 5 (0x100 and up). */
  g_assert_cmpint (n_valid, ==, 37);
  g_assert_false (dt_conn_state_is_valid (25));
  g_assert_true (dt_conn_state_is_valid (0x100));
  g_assert_false (dt_conn_state_is_valid (0x105));
  g_assert_false (dt_conn_state_is_valid (4101));
}

static void
test_nicks_round_trip (void)
{
  for (int v = 0; v < 0x2010; v++)
    {
      DtConnState back;

      if (!dt_conn_state_is_valid (v))
        continue;
      g_assert_true (dt_conn_state_from_nick (dt_conn_state_get_nick (v), &back));
      g_assert_cmpint (back, ==, v);
    }
  g_assert_cmpstr (dt_conn_state_get_name (DT_CONN_STATE_RETRY_AUTHENTICATION), ==,
                   "RetryAuthentication");
  g_assert_false (dt_conn_state_from_nick ("no-such-state", NULL));
}

static void
test_messages (void)
{
  g_autofree char *dialing = dt_conn_state_describe (DT_CONN_STATE_CONNECT_DEVICE, "555-0100");
  g_autofree char *speed = dt_conn_state_describe (DT_CONN_STATE_DEVICE_CONNECTED, "33600");
  g_autofree char *auth = dt_conn_state_describe (DT_CONN_STATE_AUTHENTICATE, NULL);
  g_autofree char *proj = dt_conn_state_describe (DT_CONN_STATE_PROJECTED, "ignored");

  g_assert_cmpstr (dialing, ==, "Dialing 555-0100…");
  g_assert_cmpstr (speed, ==, "Connected to modem at 33600 bps");
  g_assert_cmpstr (auth, ==, "Verifying user name and password…");
  g_assert_cmpstr (proj, ==, "Registering your computer on the network…");
}

static void
test_errors (void)
{
  gsize n = 0;
  const guint *codes = dt_ras_error_list (&n);
  g_autofree char *e691 = dt_ras_error_format (691);
  g_autofree char *unknown = dt_ras_error_format (12345);

  g_assert_cmpuint (n, >=, 27);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_nonnull (dt_ras_error_get_message (codes[i]));
      if (i > 0)
        g_assert_cmpuint (codes[i - 1], <, codes[i]);
    }
  g_assert_cmpstr (e691, ==,
                   "Error 691: Access was denied because the user name or password is not valid.");
  g_assert_cmpstr (unknown, ==, "Error 12345");
  g_assert_null (dt_ras_error_get_message (600));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conn-state/numbers", test_numbers_match_rasconnstate);
  g_test_add_func ("/conn-state/classes", test_classes);
  g_test_add_func ("/conn-state/nicks", test_nicks_round_trip);
  g_test_add_func ("/conn-state/messages", test_messages);
  g_test_add_func ("/errors/table", test_errors);

  return g_test_run ();
}
