/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the tests that dial with a DtConnection (see dt-test-dial.h); and for data-plane tests
 * whose dial runs in a g_test_trap_subprocess() child that gives up its privileges: the
 * parent holds an ISP line and hands it over, the child dials it. */

#include "config.h"

#include <sys/stat.h>

#include "dt-test-dial.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  gboolean done;
  gboolean ok;
  GError **error;
} SyncDial;

static void
on_sync_dial_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SyncDial *dial = user_data;

  dial->ok = dt_connection_dial_finish (DT_CONNECTION (object), result, dial->error);
  dial->done = TRUE;
}

gboolean
dt_test_dial_sync (DtConnection   *connection,
                   DtEntry        *entry,
                   DtCredentials  *credentials,
                   GError        **error)
{
  SyncDial dial = { FALSE, FALSE, error };

  dt_connection_dial_async (connection, entry, credentials, NULL, on_sync_dial_done, &dial);
  while (!dial.done)
    g_main_context_iteration (NULL, TRUE);
  return dial.ok;
}

void
dt_test_dial_hang_up (DtConnection *connection)
{
  dt_connection_hang_up (connection);
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
}

char *
dt_test_dial_format_states (GArray *states)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (s, "%s%u", i ? " " : "", g_array_index (states, guint, i));
  return g_string_free (s, FALSE);
}

static int
count_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The id the next GSource will get: sources are numbered in order, so every source created
 * later has an id at or above this one. */
static guint
next_source_id (void)
{
  GSource *probe = g_idle_source_new ();
  guint id = g_source_attach (probe, NULL);

  g_source_destroy (probe);
  g_source_unref (probe);
  return id;
}

void
dt_test_dial_note_resources (DtTestResources *before)
{
  before->n_fds = count_fds ();
  before->first_source_id = next_source_id ();
}

static void
assert_no_sources (const DtTestResources *before)
{
  guint last = next_source_id ();

  for (guint id = before->first_source_id; id < last; id++)
    {
      GSource *source = g_main_context_find_source_by_id (NULL, id);

      if (source != NULL)
        g_error ("GSource %u (%s) is still attached after the connection ended", id,
                 g_source_get_name (source));
    }
}

static void
assert_no_lock (const char *device)
{
  g_autofree char *base = g_path_get_basename (device);
  g_autofree char *lock1 = g_strdup_printf ("/run/lock/LCK..pts_%s", base);
  g_autofree char *lock2 = g_strdup_printf ("/var/lock/LCK..pts_%s", base);

  g_assert_false (g_file_test (lock1, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock2, G_FILE_TEST_EXISTS));
}

void
dt_test_dial_assert_no_locks_or_sources (const DtTestResources *before,
                                         const char            *device)
{
  assert_no_lock (device);
  assert_no_sources (before);
}

/* No lock file for @device, no file descriptor, no GSource. */
void
dt_test_dial_assert_nothing_left (const DtTestResources *before,
                                  const char            *device)
{
  assert_no_lock (device);
  if (count_fds () != before->n_fds)
    {
      g_autofree char *listing = NULL;

      g_spawn_command_line_sync ("sh -c 'ls -l /proc/$PPID/fd'", &listing, NULL, NULL, NULL);
      g_test_message ("file descriptors now:\n%s", listing);
    }
  g_assert_cmpint (count_fds (), ==, before->n_fds);
  assert_no_sources (before);
}

void
dt_test_dial_run_child (DtTestNm   *nm,
                        const char *path)
{
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  g_autofree char *reason = NULL;

  if (nm == NULL)
    {
      g_test_skip ("no NetworkManager sandbox here (needs root)");
      return;
    }
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  /* The child runs as "nobody": it may open this line, as a user of the dialout group can
   * open a real modem. */
  g_assert_cmpint (chmod (line, 0666), ==, 0);
  g_setenv ("DIALTONE_TEST_ISP", dt_test_isp_get_state_dir (isp), TRUE);
  g_setenv ("DIALTONE_TEST_LINE", line, TRUE);
  g_test_trap_subprocess (path, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  dt_test_isp_release_line (isp, line);
  g_test_trap_assert_passed ();
}

/* In the child: dials the parent's line and returns once the dial is over. */
DtConnection *
dt_test_dial_child (DtTestChildDial *d)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  DtConnection *connection = dt_connection_new ();

  dt_entry_set_name (entry, "Unprivileged");
  dt_entry_set_device (entry, g_getenv ("DIALTONE_TEST_LINE"));
  dt_entry_set_number (entry, "5550110");
  dt_entry_set_auth_methods (entry, DT_AUTH_PAP);   /* what 5550110's pppd takes */
  dt_entry_set_default_gateway (entry, FALSE);
  d->ok = dt_test_dial_sync (connection, entry, credentials, &d->error);
  d->done = TRUE;
  return connection;
}


static void
on_call_state_changed (DtConnection   *connection,
                       guint           state,
                       const char     *detail,
                       guint           sub_entry,
                       DtTestDialCall *call)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (call->states, state);
  g_array_append_val (call->times, now);
  g_ptr_array_add (call->details, g_strdup (detail));
}

gboolean
dt_test_dial_call_set_up (DtTestDialCall *call)
{
  g_autofree char *reason = NULL;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return FALSE;
    }
  call->isp = dt_test_isp_get ();
  call->line = dt_test_isp_acquire_line (call->isp);
  call->line_number = dt_test_isp_get_line_number (call->isp, call->line);
  call->log_offset = dt_test_isp_get_log_offset (call->isp);
  call->states = g_array_new (FALSE, FALSE, sizeof (guint));
  call->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  call->details = g_ptr_array_new_with_free_func (g_free);
  dt_test_dial_note_resources (&call->before);

  call->entry = dt_entry_new ();
  dt_entry_set_name (call->entry, "Test ISP");
  dt_entry_set_device (call->entry, call->line);
  dt_entry_set_user (call->entry, ISP_USER);
  dt_entry_set_dial_timeout (call->entry, 15);

  call->connection = dt_connection_new ();
  dt_connection_set_network_mode (call->connection, DT_NETWORK_NONE);
  dt_connection_set_trace (call->connection, TRUE);
  g_signal_connect (call->connection, "state-changed", G_CALLBACK (on_call_state_changed),
                    call);
  return TRUE;
}

gboolean
dt_test_dial_call_isp_said (DtTestDialCall *call,
                            const char     *text)
{
  return dt_test_isp_wait_log (call->isp, call->line, call->log_offset, text, 5000);
}

void
dt_test_dial_call_tear_down (DtTestDialCall *call)
{
  if (call->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_auto (GStrv) log = dt_connection_dup_log (call->connection);
      g_autofree char *joined = g_strjoinv ("\n", log);
      g_autofree char *isp_log = dt_test_isp_read_log_since (call->isp, call->line,
                                                             call->log_offset);

      g_test_message ("connection log:\n%s", joined);
      g_test_message ("ISP log for line%u:\n%s", call->line_number, isp_log);
    }
  if (dt_connection_get_state (call->connection) != DT_CONN_STATE_DISCONNECTED)
    dt_test_dial_hang_up (call->connection);
  g_signal_handlers_disconnect_by_data (call->connection, call);
  g_assert_finalize_object (call->connection);
  g_assert_finalize_object (call->entry);
  if (call->check_nothing_left)
    dt_test_dial_assert_nothing_left (&call->before, call->line);
  g_array_unref (call->states);
  g_array_unref (call->times);
  g_ptr_array_unref (call->details);
  dt_test_isp_release_line (call->isp, call->line);
  g_free (call->line);
}
