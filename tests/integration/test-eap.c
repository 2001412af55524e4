/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EAP (RFC 3748) against the real ISP: pppd 2.4.9 with `require-eap` (5550117) asks for the
 * identity, then an MD5-Challenge answered with the chap-secrets password.  Asserted: the
 * state sequence a user sees, the error codes, and what pppd logged.  A wrong password is
 * 691 and RetryAuthentication, and the new one is used on the dial again.  An entry without a
 * user name, or a dial without a password, pauses in InvokeEapUI (4100) for the answer, and
 * the call goes on in the same session; a front end that cannot ask ends it with 703.  With
 * `eap-interval 5` (5550118) pppd authenticates again while connected: ReAuthenticate, then
 * Connected.  (What pppd does not offer, EAP-MSCHAPv2, token cards, Nak and hostile packets,
 * is in the unit tests: test-eap-client.) */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestDialCall call;
  /* Answers, from the state-changed handler: NULL hangs up (or declines, below). */
  const char *eap_answer;
  gboolean decline;
  const char *retry_password;
} Fixture;

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  g_autoptr (GError) error = NULL;

  if (state == DT_CONN_STATE_INVOKE_EAP_UI)
    {
      if (f->decline)
        g_assert_true (dt_connection_decline_pause (connection, &error));
      else if (f->eap_answer == NULL)
        dt_connection_hang_up (connection);
      else
        {
          /* An empty identity cannot be sent: the pause goes on. */
          if (g_strcmp0 (detail, "identity") == 0)
            {
              g_assert_false (dt_connection_answer_eap (connection, "", &error));
              g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
              g_clear_error (&error);
              g_assert_cmpuint (dt_connection_get_state (connection), ==,
                                DT_CONN_STATE_INVOKE_EAP_UI);
            }
          g_assert_true (dt_connection_answer_eap (connection, f->eap_answer, &error));
        }
      g_assert_no_error (error);
    }
  else if (state == DT_CONN_STATE_RETRY_AUTHENTICATION)
    {
      if (f->retry_password == NULL)
        dt_connection_hang_up (connection);
      else
        g_assert_true (dt_connection_retry_authentication (connection, NULL, f->retry_password,
                                                           NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!dt_test_dial_call_set_up (&f->call))
    return;
  dt_entry_set_number (f->call.entry, "5550117");
  g_signal_connect (f->call.connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->call.isp != NULL)
    g_signal_handlers_disconnect_by_data (f->call.connection, f);
  dt_test_dial_call_tear_down (&f->call);
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->call.isp == NULL) return; } G_STMT_END

/* Dials with @user and @password; the dial's outcome, its error in @error. */
static gboolean
dial (Fixture    *f,
      const char *user,
      const char *password,
      GError    **error)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (user, password, NULL);

  return dt_test_dial_sync (f->call.connection, f->call.entry, credentials, error);
}

static void
assert_states (Fixture    *f,
               const char *expected)
{
  g_autofree char *got = dt_test_dial_format_states (f->call.states);

  g_assert_cmpstr (got, ==, expected);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("%s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static guint
count_state (Fixture *f,
             guint    state)
{
  guint n = 0;

  for (guint i = 0; i < f->call.states->len; i++)
    n += g_array_index (f->call.states, guint, i) == state;
  return n;
}

/* 0 OpenPort … 5 Authenticate (EAP) 6 AuthNotify 14 Authenticated 18 Projected 8192. */
#define CONNECTED_STATES "0 1 2 3 4 5 6 14 18 8192"

static void
test_md5 (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  g_assert_true (dial (f, ISP_USER, ISP_PASSWORD, &error));
  g_assert_no_error (error);
  assert_states (f, CONNECTED_STATES);
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 5), ==, "EAP");
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->auth_protocol, ==, "EAP");
  g_assert_cmpstr (status->remote_address, ==, "10.64.0.1");

  /* pppd asked who we are, challenged with MD5, and let us in. */
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "remote IP address"));
  log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
  g_assert_nonnull (strstr (log, "<auth eap>"));
  g_assert_nonnull (strstr (log, "rcvd [EAP Response id="));
  g_assert_nonnull (strstr (log, "Identity <Name \"dialtone\">"));
  g_assert_nonnull (strstr (log, "sent [EAP Request id="));
  g_assert_nonnull (strstr (log, "MD5-Challenge"));
  g_assert_nonnull (strstr (log, "sent [EAP Success"));
  dt_test_dial_hang_up (f->call.connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

/* The wrong password: pppd's EAP Failure is 691 and RetryAuthentication; hanging up there
 * ends the call with 691. */
static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  g_assert_false (dial (f, ISP_USER, "not-the-secret", &error));
  g_assert_error (error, DT_RAS_ERROR, 691);
  assert_states (f, "0 1 2 3 4 5 6 4097 8193");
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 691);
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "sent [EAP Failure"));
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

/* Another password at RetryAuthentication: EAP has no second try in the session, so the
 * call is dialed again with it (AuthRetry → OpenPort …) and connects. */
static void
test_wrong_secret_retried (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  f->retry_password = ISP_PASSWORD;
  g_assert_true (dial (f, ISP_USER, "not-the-secret", &error));
  g_assert_no_error (error);
  assert_states (f, "0 1 2 3 4 5 6 4097 7 0 1 2 3 4 5 6 14 18 8192");
}

/* No user name: InvokeEapUI asks for the identity, and the session goes on with it. */
static void
test_identity_prompt (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnStatus) status = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_user (f->call.entry, NULL);
  f->eap_answer = ISP_USER;
  g_assert_true (dial (f, NULL, ISP_PASSWORD, &error));
  g_assert_no_error (error);
  assert_states (f, "0 1 2 3 4 5 4100 5 6 14 18 8192");
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 6), ==, "identity");
  status = dt_connection_get_status (f->call.connection);
  g_assert_cmpstr (status->auth_protocol, ==, "EAP");
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "Identity <Name \"dialtone\">"));
}

/* No password: InvokeEapUI asks for it when the MD5-Challenge comes. */
static void
test_password_prompt (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  f->eap_answer = ISP_PASSWORD;
  g_assert_true (dial (f, ISP_USER, NULL, &error));
  g_assert_no_error (error);
  assert_states (f, "0 1 2 3 4 5 4100 5 6 14 18 8192");
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 6), ==, "password");
}

/* Nobody to ask (a script): 703, which says what the server wanted. */
static void
test_prompt_declined (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_user (f->call.entry, NULL);
  f->decline = TRUE;
  g_assert_false (dial (f, NULL, ISP_PASSWORD, &error));
  g_assert_error (error, DT_RAS_ERROR, 703);
  assert_states (f, "0 1 2 3 4 5 4100 8193");
  g_assert_nonnull (strstr (dt_connection_get_error_message (f->call.connection), "EAP"));
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

/* `eap-interval 5`: pppd authenticates again, and the call shows it and stays up. */
static void
test_reauthenticate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint timeout;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_number (f->call.entry, "5550118");
  g_assert_true (dial (f, ISP_USER, ISP_PASSWORD, &error));
  g_assert_no_error (error);
  timeout = g_timeout_add_seconds (40, on_timeout, "no second re-authentication");
  while (count_state (f, DT_CONN_STATE_CONNECTED) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  assert_states (f, CONNECTED_STATES " 13 8192 13 8192");
  g_assert_cmpstr (g_ptr_array_index (f->call.details, 10), ==, "EAP");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The descriptors GLib opens once per process (the default main context's wakeup, and
   * GTask's worker context) exist before any test counts. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/eap/md5", test_md5);
  ADD ("/eap/wrong-secret", test_wrong_secret);
  ADD ("/eap/wrong-secret-retried", test_wrong_secret_retried);
  ADD ("/eap/identity-prompt", test_identity_prompt);
  ADD ("/eap/password-prompt", test_password_prompt);
  ADD ("/eap/prompt-declined", test_prompt_declined);
  ADD ("/eap/reauthenticate", test_reauthenticate);
  return g_test_run ();
}
