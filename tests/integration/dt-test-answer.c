/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for DtAnswer against the test ISP's caller: see dt-test-answer.h. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-test-answer.h"
#include "dt-test-server.h"

/* What G_MESSAGES_DEBUG=all would show, and the answers' log lines */
static GString *logged;

static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        if (fields[i].length < 0)
          g_string_append (logged, fields[i].value);
        else
          g_string_append_len (logged, fields[i].value, fields[i].length);
        g_string_append_c (logged, '\n');
      }
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, data);
}

void
dt_test_answer_record_logs (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (record_log, NULL, NULL);
}

const char *
dt_test_answer_logged (void)
{
  g_assert_nonnull (logged);
  return logged->str;
}

static void
on_state (DtAnswer     *answer,
          guint         state,
          const char   *detail,
          DtTestAnswer *t)
{
  g_array_append_val (t->states, state);
  g_ptr_array_add (t->details, g_strdup (detail ? detail : ""));
}

static void
on_log (DtAnswer     *answer,
        const char   *line,
        DtTestAnswer *t)
{
  g_test_message ("answer: %s", line);
  if (logged != NULL)
    g_string_append_printf (logged, "%s\n", line);
}

static void
on_refused (DtAnswer     *answer,
            const char   *user,
            guint         code,
            DtTestAnswer *t)
{
  g_ptr_array_add (t->refused, g_strdup_printf ("%s %u", user ? user : "?", code));
}

gboolean
dt_test_answer_set_up (DtTestAnswer *t)
{
  g_autofree char *reason = NULL;
  g_autofree char *ini = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtDialinUser) alice = NULL;
  g_autoptr (DtDialinUser) dialtone = NULL;
  g_autoptr (DtDialinUser) mallory = NULL;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return FALSE;
    }
  t->isp = dt_test_isp_get ();
  t->path = dt_test_isp_acquire_line (t->isp);
  t->line = dt_test_isp_get_line_number (t->isp, t->path);
  g_test_message ("line%u: %s", t->line, t->path);

  /* The accounts the guest's pppd calls as (its secrets: tests/isp/README.md). */
  t->dir = g_dir_make_tmp ("dialtone-answer-isp-XXXXXX", &error);
  g_assert_no_error (error);
  ini = g_build_filename (t->dir, "incoming.ini", NULL);
  t->incoming = dt_incoming_new (ini);
  dt_incoming_set_auth_methods (t->incoming, DT_AUTH_ALL);
  dt_incoming_set_rings (t->incoming, 2);
  t->server_address = g_strdup_printf ("10.77.%u.1", t->line);
  t->caller_address = g_strdup_printf ("10.77.%u.2", t->line);
  g_assert_true (dt_incoming_set_server_address (t->incoming, t->server_address, &error));
  g_assert_true (dt_incoming_set_addresses (t->incoming,
                                            (const char *[]) { t->caller_address, NULL },
                                            &error));
  g_assert_true (dt_incoming_set_dns_servers (t->incoming,
                                              (const char *[]) { t->server_address, NULL },
                                              &error));
  alice = dt_incoming_add_user (t->incoming, "alice", NULL);
  dialtone = dt_incoming_add_user (t->incoming, "dialtone", NULL);
  dt_dialin_user_set_callback (dialtone, DT_DIALIN_CALLBACK_CALLER);
  mallory = dt_incoming_add_user (t->incoming, "mallory", NULL);
  dt_dialin_user_set_enabled (mallory, FALSE);
  dt_test_server_store_password ("alice", "wonderland");
  dt_test_server_store_password ("dialtone", "dialtone-secret");
  dt_test_server_store_password ("mallory", "wonderland");

  t->states = g_array_new (FALSE, FALSE, sizeof (guint));
  t->details = g_ptr_array_new_with_free_func (g_free);
  t->refused = g_ptr_array_new_with_free_func (g_free);
  return TRUE;
}

void
dt_test_answer_tear_down (DtTestAnswer *t)
{
  if (t->isp == NULL)
    return;
  if (t->answer != NULL)
    {
      g_signal_connect_swapped (t->answer, "stopped", G_CALLBACK (g_nullify_pointer),
                                &t->answer);
      dt_answer_stop (t->answer);
      while (t->answer != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&t->incoming);
  dt_test_isp_release_line (t->isp, t->path);
  g_free (t->path);
  g_free (t->server_address);
  g_free (t->caller_address);
  g_free (t->dir);
  g_array_unref (t->states);
  g_ptr_array_unref (t->details);
  g_ptr_array_unref (t->refused);
}

void
dt_test_answer_call_in (DtTestAnswer  *t,
                        const char    *profile,
                        DtNetworkMode  mode)
{
  int fd = dt_test_isp_open_line (t->path);
  g_autofree char *command = g_strdup_printf ("AT#CALLER %s\r", profile);
  g_autoptr (GString) got = g_string_new (NULL);

  t->log_offset = dt_test_isp_get_log_offset (t->isp);
  dt_test_isp_send (fd, command);
  g_assert_true (dt_test_isp_expect (fd, "OK", 5000, got));
  close (fd);

  t->answer = dt_answer_new (t->incoming, t->path, DT_DEVICE_TYPE_MODEM);
  dt_answer_set_network_mode (t->answer, mode);
  dt_answer_set_trace (t->answer, TRUE);
  g_signal_connect (t->answer, "state-changed", G_CALLBACK (on_state), t);
  g_signal_connect (t->answer, "log", G_CALLBACK (on_log), t);
  g_signal_connect (t->answer, "caller-refused", G_CALLBACK (on_refused), t);
  dt_answer_start (t->answer);
}

gboolean
dt_test_answer_wait_for (DtTestAnswer *t,
                         guint         state,
                         guint         count,
                         guint         seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      guint seen = 0;

      for (guint i = 0; i < t->states->len; i++)
        seen += g_array_index (t->states, guint, i) == state;
      if (seen >= count)
        return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

const char *
dt_test_answer_detail (DtTestAnswer *t,
                       guint         state,
                       gboolean      last)
{
  const char *found = NULL;

  for (guint i = 0; i < t->states->len; i++)
    if (g_array_index (t->states, guint, i) == state)
      {
        found = t->details->pdata[i];
        if (!last)
          break;
      }
  return found;
}

gboolean
dt_test_answer_guest_said (DtTestAnswer *t,
                           const char   *text,
                           guint         timeout_ms)
{
  g_autofree char *needle = g_strdup_printf ("line%u %s", t->line, text);
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  /* The main loop runs meanwhile: the call goes on while the guest works. */
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *log = dt_test_isp_read_log_since (t->isp, t->path, t->log_offset);

      if (log != NULL && strstr (log, needle) != NULL)
        return TRUE;
      for (int i = 0; i < 50; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
    }
  /* What the guest did say, for the failure's log. */
  {
    g_autofree char *log = dt_test_isp_read_log_since (t->isp, t->path, t->log_offset);
    g_autofree char *prefix = g_strdup_printf ("line%u ", t->line);
    g_auto (GStrv) lines = g_strsplit (log != NULL ? log : "", "\n", -1);

    g_test_message ("the guest did not say \"%s\"; its line %u said:", text, t->line);
    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], prefix) != NULL && strstr (lines[i], "pppd: sent [") == NULL &&
          strstr (lines[i], "pppd: rcvd [") == NULL)
        g_test_message ("  %s", lines[i]);
  }
  return FALSE;
}
