/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dt_connection_decline_pause(), what a front end that cannot ask anyone (dialtone-cli with
 * no terminal, a script) calls in a paused state, against the scripted peer in tests/peer:
 * each pause ends the dial with the code of what the server needed, never 631 as if the user
 * had hung up: 691 at RetryAuthentication, 648 at PasswordExpired, and ERROR_INTERACTIVE_MODE
 * (703) at CallbackSetByCaller, even when the server would also go on without callback, and
 * at Interactive, with a message that says what was asked for.  The server hears the
 * Terminate, and nothing is left behind.  Outside a pause it is refused. */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial-peer.h"

typedef struct {
  DtConnState pause;
  guint code;
  const char *states;
  const char *message;        /* part of the error message */
} Case;

typedef struct {
  DtTestPeerScenario scenario;
  DtTestPeer *peer;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  const char *password;       /* what the dial gives */
  gboolean declined;
  gboolean ok;
  GError *error;
  DtTestResources before;
} Fixture;

static gboolean
decline (gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr (GError) error = NULL;

  f->declined = dt_connection_decline_pause (f->connection, &error);
  g_assert_no_error (error);
  return G_SOURCE_REMOVE;
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  g_array_append_val (f->states, state);
  /* The front end answers from the main loop, after every handler of this emission. */
  if (dt_conn_state_is_paused (state))
    g_idle_add (decline, f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  DtTestPeerScenario *sc = &f->scenario;

  dt_test_dial_note_resources (&f->before);
  dt_test_dial_peer_scenario_init (sc, "Passw0rd");
  f->password = "Passw0rd";
  f->states = g_array_new (FALSE, FALSE, sizeof (guint));

  f->entry = dt_test_dial_peer_entry_new ("Unattended", "5550100");
  f->connection = dt_connection_new ();
  dt_connection_set_network_mode (f->connection, DT_NETWORK_NONE);
  dt_connection_set_trace (f->connection, TRUE);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_dial_peer_tear_down (f->connection, f->entry, &f->peer, f);
  g_array_unref (f->states);
  g_clear_error (&f->error);
}

static void
dial (Fixture *f)
{
  f->ok = dt_test_dial_peer_dial (&f->scenario, &f->peer, f->connection, f->entry, f->password,
                                  &f->error);
}

static void
test_decline (Fixture       *f,
              gconstpointer  data)
{
  const Case *c = data;
  const DtTestPeerOutcome *out;
  g_autofree char *states = NULL;
  const char *message;

  switch ((guint) c->pause)
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      /* R=1: the server would take another password in the same session. */
      f->scenario.max_auth_attempts = 3;
      f->password = "not-the-password";
      break;
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      f->scenario.password_expired = TRUE;
      break;
    case DT_CONN_STATE_CALLBACK_SET_BY_CALLER:
      /* Declining the callback is possible here, and still not the engine's to choose: the
       * entry asked for callback, which may be what pays for the call. */
      f->scenario.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK) |
                                   DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
      dt_entry_set_callback_mode (f->entry, DT_CALLBACK_ASK);
      break;
    case DT_CONN_STATE_INTERACTIVE:
      f->scenario.login_prompt = TRUE;
      dt_entry_set_show_terminal (f->entry, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }
  dial (f);

  g_assert_true (f->declined);
  g_assert_false (f->ok);
  g_assert_error (f->error, DT_RAS_ERROR, (gint) c->code);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, c->code);
  states = dt_test_dial_format_states (f->states);
  g_assert_cmpstr (states, ==, c->states);
  message = dt_connection_get_error_message (f->connection);
  g_test_message ("%u: %s", c->code, message);
  g_assert_nonnull (strstr (message, dt_ras_error_get_message (c->code)));
  if (c->message != NULL)
    g_assert_nonnull (strstr (message, c->message));

  out = dt_test_peer_get_outcome (f->peer);
  g_assert_false (out->ipcp_opened);
  g_assert_false (out->callback_acked);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  g_assert_cmpuint (dt_test_peer_count (f->peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2),
                    ==, 0);
  /* Once PPP was up, the server heard why. */
  if (c->pause != DT_CONN_STATE_INTERACTIVE)
    g_assert_cmpuint (out->client_terminates, >=, 1);
  dt_test_dial_peer_assert_no_violations (f->peer);

  dt_test_dial_peer_assert_nothing_left (&f->before, &f->peer);
}

/* Not in a pause: nothing to decline, and the connection is left alone. */
static void
test_not_paused (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (dt_connection_decline_pause (f->connection, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  dial (f);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_false (dt_connection_decline_pause (f->connection, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==, DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 0);
}

static const Case retry_authentication = {
  DT_CONN_STATE_RETRY_AUTHENTICATION, 691, "0 1 2 3 4 5 6 4097 8193", NULL,
};
static const Case password_expired = {
  DT_CONN_STATE_PASSWORD_EXPIRED, 648, "0 1 2 3 4 5 6 4099 8193", NULL,
};
static const Case callback = {
  DT_CONN_STATE_CALLBACK_SET_BY_CALLER, 703, "0 1 2 3 4 5 6 8 4098 8193",
  "The server asks for a number to call you back at: dial from a terminal or from Dialtone’s "
  "window, or give this entry a fixed callback number",
};
static const Case interactive = {
  DT_CONN_STATE_INTERACTIVE, 703, "0 1 2 3 4096 8193",
  "The server expects a login typed at a terminal: dial from Dialtone’s window, or give this "
  "entry a login script",
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The descriptors GLib opens once per process exist before any test counts. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/paused/decline/retry-authentication", &retry_authentication, test_decline);
  ADD ("/paused/decline/password-expired", &password_expired, test_decline);
  ADD ("/paused/decline/callback", &callback, test_decline);
  ADD ("/paused/decline/interactive", &interactive, test_decline);
  ADD ("/paused/decline/not-paused", NULL, test_not_paused);
  return g_test_run ();
}
