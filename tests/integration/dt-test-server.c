/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The answering side of a call on a local line: see dt-test-server.h. */

#include "config.h"

#include "dt-dialin-secrets.h"
#include "dt-test-server.h"

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  dt_dialin_secrets_store_finish (result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

void
dt_test_server_store_password (const char *user,
                               const char *password)
{
  gboolean stored = FALSE;

  dt_dialin_secrets_store_async (user, password, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_state (DtAnswer     *answer,
          guint         state,
          const char   *detail,
          DtTestServer *server)
{
  gint64 now = g_get_monotonic_time ();

  g_test_message ("server: state %u %s", state, detail ? detail : "");
  g_array_append_val (server->states, state);
  g_array_append_val (server->times, now);
}

static void
on_log (DtAnswer     *answer,
        const char   *line,
        DtTestServer *server)
{
  g_test_message ("server: %s", line);
}

static void
on_refused (DtAnswer     *answer,
            const char   *user,
            guint         code,
            DtTestServer *server)
{
  g_free (server->refused_user);
  server->refused_user = g_strdup (user);
  server->refused_code = code;
}

void
dt_test_server_init (DtTestServer *server,
                     const char   *prefix,
                     guint         methods)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr (DtDialinUser) alice = NULL;
  g_autoptr (DtDialinUser) carol = NULL;

  server->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  path = g_build_filename (server->dir, "incoming.ini", NULL);
  server->incoming = dt_incoming_new (path);
  dt_incoming_set_auth_methods (server->incoming, methods);
  dt_incoming_set_rings (server->incoming, 1);
  alice = dt_incoming_add_user (server->incoming, "alice", NULL);
  carol = dt_incoming_add_user (server->incoming, "carol", NULL);
  dt_dialin_user_set_callback (carol, DT_DIALIN_CALLBACK_CALLER);
  dt_test_server_store_password ("alice", "wonderland");
  dt_test_server_store_password ("carol", "looking-glass");
}

void
dt_test_server_start (DtTestServer *server,
                      const char   *device,
                      DtDeviceType  type)
{
  server->states = g_array_new (FALSE, FALSE, sizeof (guint));
  server->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  server->answer = dt_answer_new (server->incoming, device, type);
  dt_answer_set_network_mode (server->answer, DT_NETWORK_NONE);
  dt_answer_set_trace (server->answer, TRUE);
  g_signal_connect (server->answer, "state-changed", G_CALLBACK (on_state), server);
  g_signal_connect (server->answer, "log", G_CALLBACK (on_log), server);
  g_signal_connect (server->answer, "caller-refused", G_CALLBACK (on_refused), server);
  dt_answer_start (server->answer);
  while (dt_answer_get_state (server->answer) != DT_CONN_STATE_LISTENING)
    g_main_context_iteration (NULL, TRUE);
}

void
dt_test_server_clear (DtTestServer *server)
{
  g_signal_connect_swapped (server->answer, "stopped", G_CALLBACK (g_nullify_pointer),
                            &server->answer);
  dt_answer_stop (server->answer);
  while (server->answer != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_array_unref (server->states);
  g_array_unref (server->times);
  g_free (server->refused_user);
  g_object_unref (server->incoming);
  g_free (server->dir);
}

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
dt_test_server_wait_for_state (DtTestServer *server,
                               guint         state)
{
  gboolean late = FALSE;
  guint deadline = g_timeout_add_seconds (30, on_deadline, &late);

  while (dt_answer_get_state (server->answer) != state && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!late)
    g_source_remove (deadline);
  g_assert_cmpuint (dt_answer_get_state (server->answer), ==, state);
}

gboolean
dt_test_server_has_state (DtTestServer *server,
                          guint         state)
{
  for (guint i = 0; i < server->states->len; i++)
    if (g_array_index (server->states, guint, i) == state)
      return TRUE;
  return FALSE;
}
