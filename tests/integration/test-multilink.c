/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Multilink (RFC 1990) against the real ISP: an entry with two sub-entries on two of the
 * ISP's lines, each dialing a number where pppd runs with `multilink`.  Asserted: each
 * sub-entry's states (carried by state-changed with its index) and the bundle's, pppd's log
 * (one link creates the bundle, the other is attached to it), a download through a real
 * NetworkManager device that both lines carry, a line that drops (5550122, 30 s after its
 * authentication) leaving the call up on the other with SubEntryDisconnected, and the
 * "dial as needed" mode: the second line dialed under load, hung up when idle.  Compression
 * (VJ and Deflate) runs on the bundle, with pppd's. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dt-connection.h"
#include "dt-sub-entry.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"
#include "dt-test-nm.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

static DtTestNm *nm;

typedef struct {
  guint state;
  guint sub_entry;
  char *detail;
} Step;

typedef struct {
  DtTestIsp *isp;
  char *lines[2];
  goffset log_offset;
  DtConnection *connection;
  DtEntry *entry;
  GArray *steps;               /* Step */
  DtTestResources before;
} Fixture;

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  Step step = { state, sub_entry, g_strdup (detail) };

  g_array_append_val (f->steps, step);
}

static void
step_clear (gpointer data)
{
  g_free (((Step *) data)->detail);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;
  const char *numbers[] = { "5550120", NULL };
  const char *devices[] = { NULL, NULL };

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->lines[0] = dt_test_isp_acquire_line (f->isp);
  f->lines[1] = dt_test_isp_acquire_line (f->isp);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  f->steps = g_array_new (FALSE, FALSE, sizeof (Step));
  g_array_set_clear_func (f->steps, step_clear);
  dt_test_dial_note_resources (&f->before);

  f->entry = dt_entry_new ();
  dt_entry_set_name (f->entry, "Multilink ISP");
  dt_entry_set_device (f->entry, f->lines[0]);
  dt_entry_set_number (f->entry, "5550120");
  dt_entry_set_user (f->entry, ISP_USER);
  dt_entry_set_dial_timeout (f->entry, 15);
  dt_entry_set_lcp_echo_interval (f->entry, 2);
  dt_entry_set_lcp_echo_failures (f->entry, 3);
  dt_entry_set_default_gateway (f->entry, FALSE);
  devices[0] = f->lines[1];
  dt_entry_set_sub_entries (f->entry, devices, numbers);

  f->connection = dt_connection_new ();
  dt_connection_set_network_mode (f->connection, DT_NETWORK_NONE);
  dt_connection_set_trace (f->connection, TRUE);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_auto (GStrv) log = dt_connection_dup_log (f->connection);
      g_autofree char *joined = g_strjoinv ("\n", log);
      g_autofree char *isp0 = dt_test_isp_read_log_since (f->isp, f->lines[0], f->log_offset);
      g_autofree char *isp1 = dt_test_isp_read_log_since (f->isp, f->lines[1], f->log_offset);

      g_test_message ("connection log:\n%s", joined);
      g_test_message ("ISP log, sub-entry 1:\n%s", isp0);
      g_test_message ("ISP log, sub-entry 2:\n%s", isp1);
    }
  if (dt_connection_get_state (f->connection) != DT_CONN_STATE_DISCONNECTED)
    dt_test_dial_hang_up (f->connection);
  g_signal_handlers_disconnect_by_data (f->connection, f);
  g_assert_finalize_object (f->connection);
  g_assert_finalize_object (f->entry);
  g_array_unref (f->steps);
  for (guint i = 0; i < 2; i++)
    {
      dt_test_isp_release_line (f->isp, f->lines[i]);
      g_free (f->lines[i]);
    }
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->isp == NULL) return; } G_STMT_END

static void
dial (Fixture *f)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (dt_test_dial_sync (f->connection, f->entry, credentials, &error));
  g_assert_no_error (error);
}

/* The states of @sub_entry (0: the connection's own), as "0 1 2 …". */
static char *
states_of (Fixture *f,
           guint    sub_entry)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < f->steps->len; i++)
    {
      Step *step = &g_array_index (f->steps, Step, i);

      if (step->sub_entry == sub_entry)
        g_string_append_printf (s, "%s%u", s->len ? " " : "", step->state);
    }
  return g_string_free (s, FALSE);
}

static gboolean
on_timeout (gpointer user_data)
{
  Fixture *f = user_data;
  g_autofree char *one = states_of (f, 1), *two = states_of (f, 2), *whole = states_of (f, 0);
  g_auto (GStrv) log = dt_connection_dup_log (f->connection);
  g_autofree char *joined = g_strjoinv ("\n", log);

  g_error ("the state did not come: sub-entry 1 %s, sub-entry 2 %s, the bundle %s; log:\n%s",
           one, two, whole, joined);
  return G_SOURCE_REMOVE;
}

/* Runs the loop until @sub_entry published @state (or fails after @seconds). */
static void
wait_for (Fixture *f,
          guint    state,
          guint    sub_entry,
          guint    seconds)
{
  guint timeout = g_timeout_add_seconds (seconds, on_timeout, f);

  for (;;)
    {
      for (guint i = 0; i < f->steps->len; i++)
        {
          Step *step = &g_array_index (f->steps, Step, i);

          if (step->state == state && step->sub_entry == sub_entry)
            {
              g_source_remove (timeout);
              return;
            }
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
count_text (const char *text,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* What both lines logged, once @needle shows (the guest's console may lag), or after 10 s. */
static char *
both_logs (Fixture    *f,
           const char *needle)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *isp0 = dt_test_isp_read_log_since (f->isp, f->lines[0], f->log_offset);
      g_autofree char *isp1 = dt_test_isp_read_log_since (f->isp, f->lines[1], f->log_offset);
      char *both = g_strconcat (isp0, isp1, NULL);

      if (strstr (both, needle) != NULL || g_get_monotonic_time () > end)
        return both;
      g_free (both);
      g_usleep (100 * 1000);
    }
}

/* Both sub-entries dial, authenticate, and join one bundle: pppd's log says so. */
static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *one = NULL, *two = NULL, *whole = NULL, *both = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GPtrArray) subs = NULL;

  SKIP_IF_NO_ISP (f);
  dial (f);
  /* The second link may still be on its way when the bundle is Connected. */
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 1, 30);
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 2, 30);

  one = states_of (f, 1);
  two = states_of (f, 2);
  whole = states_of (f, 0);
  g_test_message ("sub-entry 1: %s; sub-entry 2: %s; the bundle: %s", one, two, whole);
  g_assert_cmpstr (one, ==, "0 1 2 3 4 5 6 14 22");
  g_assert_cmpstr (two, ==, "0 1 2 3 4 5 6 14 22");
  /* Projected, Connected; and Connected again when a link joined after it. */
  g_assert_true (g_str_has_prefix (whole, "18 8192"));

  status = dt_connection_get_status (f->connection);
  g_assert_cmpuint (status->state, ==, DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (status->link_speed, ==, 2 * 33600);
  g_assert_cmpstr (status->remote_address, ==, "10.64.0.1");
  subs = dt_connection_get_sub_entries (f->connection);
  g_assert_cmpuint (subs->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      DtSubEntryStatus *s = subs->pdata[i];

      g_assert_cmpuint (s->index, ==, i + 1);
      g_assert_true (s->linked);
      g_assert_cmpstr (s->device, ==, f->lines[i]);
      g_assert_cmpuint (s->link_speed, ==, 33600);
      g_assert_cmpuint (s->frames_in, >, 0);
    }

  /* pppd: one bundle, which the other link joined. */
  both = both_logs (f, "Link attached to");
  g_assert_cmpuint (count_text (both, "New bundle"), ==, 1);
  g_assert_cmpuint (count_text (both, "Link attached to"), ==, 1);

  dt_test_dial_hang_up (f->connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 631);
  /* (NetworkManager's D-Bus worker opens descriptors of its own meanwhile: not counted.) */
  dt_test_dial_assert_no_locks_or_sources (&f->before, f->lines[0]);
  dt_test_dial_assert_no_locks_or_sources (&f->before, f->lines[1]);
}

/* Runs @argv (curl, ping) while the engine moves packets; its standard output. */
static char *
run (const char * const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = dt_test_nm_runv (argv, &error);

  g_assert_no_error (error);
  return out;
}

static void
line_bytes (Fixture *f,
            guint64  in[2])
{
  g_autoptr (GPtrArray) subs = dt_connection_get_sub_entries (f->connection);

  for (guint i = 0; i < 2; i++)
    in[i] = ((DtSubEntryStatus *) subs->pdata[i])->bytes_in;
}

/* Compression is the bundle's (RFC 1990 §5.1.1, RFC 1962): VJ in its IPCP and Deflate in its
 * CCP, both with pppd's bundle; shown once CCP is up, after Connected. */
static DtConnStatus *
wait_for_compression (Fixture *f)
{
  DtConnStatus *status = dt_connection_get_status (f->connection);

  for (int i = 0; i < 200 && g_strcmp0 (status->compression, "Deflate 15, VJ") != 0; i++)
    {
      g_usleep (50 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      dt_conn_status_free (status);
      status = dt_connection_get_status (f->connection);
    }
  g_assert_cmpstr (status->compression, ==, "Deflate 15, VJ");
  return status;
}

/* Downloads through the bundle's device: random data (which Deflate cannot shrink) that both
 * lines carry, each a fair share; then data Deflate shrinks, byte for byte through the
 * bundle's compression.  (The speed is printed, not asserted: bench/ is for speed.) */
static void
test_download (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GBytes) got = NULL, want = NULL;
  g_autoptr (GByteArray) pattern = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  guint64 before[2], after[2], total;
  gint64 start;
  double seconds;

  SKIP_IF_NO_ISP (f);
  if (nm == NULL)
    {
      g_test_skip ("no NetworkManager sandbox here (needs root)");
      return;
    }
  dt_connection_set_network_mode (f->connection, DT_NETWORK_AUTO);
  dial (f);
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 1, 30);
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 2, 30);
  status = wait_for_compression (f);
  g_assert_nonnull (status->interface);

  line_bytes (f, before);
  start = g_get_monotonic_time ();
  got = dt_test_nm_download (status->interface, "http://10.64.0.1/random.bin", "0-65535",
                              &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  line_bytes (f, after);
  want = dt_test_isp_random_bin (65536);
  g_assert_true (g_bytes_equal (got, want));
  total = (after[0] - before[0]) + (after[1] - before[1]);
  g_test_message ("64 KiB in %.1f s: %.0f B/s through two lines of 4200 B/s; line 1 carried "
                  "%" G_GUINT64_FORMAT " bytes, line 2 %" G_GUINT64_FORMAT,
                  seconds, 65536 / seconds, after[0] - before[0], after[1] - before[1]);
  /* Both lines carried it: each at least a third of what crossed them. */
  g_assert_cmpuint (total, >=, 65536);
  g_assert_cmpuint (3 * (after[0] - before[0]), >=, total);
  g_assert_cmpuint (3 * (after[1] - before[1]), >=, total);

  /* A pattern (i mod 251): Deflate on the bundle takes it in a fraction of its size. */
  g_clear_pointer (&got, g_bytes_unref);
  line_bytes (f, before);
  got = dt_test_nm_download (status->interface, "http://10.64.0.1/big.bin", "0-131071",
                              &error);
  g_assert_no_error (error);
  line_bytes (f, after);
  for (guint i = 0; i < 131072; i++)
    g_byte_array_append (pattern, (const guint8[]) { i % 251 }, 1);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), pattern->data,
                   pattern->len);
  total = (after[0] - before[0]) + (after[1] - before[1]);
  g_test_message ("128 KiB of a pattern: %" G_GUINT64_FORMAT " bytes on the lines", total);
  g_assert_cmpuint (total, <, 131072 / 4);
  g_clear_pointer (&status, dt_conn_status_free);
  status = dt_connection_get_status (f->connection);
  g_assert_cmpuint (status->ip_dropped_in + status->ip_dropped_out + status->ip_errors, ==, 0);
}

/* The second line drops (5550122, 30 s after its authentication): SubEntryDisconnected, and
 * the call stays up on the first. */
static void
test_line_drops (Fixture       *f,
                 gconstpointer  data)
{
  const char *numbers[] = { "5550122", NULL };
  const char *devices[] = { f->lines[1], NULL };
  g_autofree char *two = NULL, *whole = NULL, *isp = NULL;
  g_autoptr (DtConnStatus) status = NULL;
  g_autoptr (GPtrArray) subs = NULL;

  SKIP_IF_NO_ISP (f);
  dt_entry_set_sub_entries (f->entry, devices, numbers);
  /* pppd ends a bundle with the link that created it (its "master"): this test is about
   * another line leaving.  5550122 rings for 6 s, so that the other line is the first to
   * join; should it still be first, the test dials again (three times at most). */
  for (guint attempt = 1;; attempt++)
    {
      g_autofree char *both = NULL, *second = NULL;

      dial (f);
      wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 1, 30);
      wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 2, 30);
      both = both_logs (f, "Link attached to");
      second = dt_test_isp_read_log_since (f->isp, f->lines[1], f->log_offset);
      if (strstr (second, "New bundle") == NULL)
        break;
      g_test_message ("attempt %u: the line that drops created pppd's bundle", attempt);
      g_assert_cmpuint (attempt, <, 3);
      dt_test_dial_hang_up (f->connection);
      g_array_set_size (f->steps, 0);
      f->log_offset = dt_test_isp_get_log_offset (f->isp);
    }
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_DISCONNECTED, 2, 90);

  two = states_of (f, 2);
  whole = states_of (f, 0);
  g_test_message ("sub-entry 2: %s; the bundle: %s", two, whole);
  g_assert_cmpstr (two, ==, "0 1 2 3 4 5 6 14 22 23");
  g_assert_true (g_str_has_suffix (whole, "8192"));
  /* Still up, on one line, for a while more. */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
  }
  status = dt_connection_get_status (f->connection);
  g_assert_cmpuint (status->state, ==, DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (status->link_speed, ==, 33600);
  subs = dt_connection_get_sub_entries (f->connection);
  g_assert_true (((DtSubEntryStatus *) subs->pdata[0])->linked);
  g_assert_false (((DtSubEntryStatus *) subs->pdata[1])->linked);
  isp = dt_test_isp_read_log_since (f->isp, f->lines[1], f->log_offset);
  g_assert_nonnull (strstr (isp, "the line drops"));
  dt_test_dial_hang_up (f->connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 631);
}

/* Dial as needed: one line at first; a download of data no compressor shrinks keeps it busy,
 * so the second is dialed and joins; idle again, it is hung up. */
static void
test_as_needed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *out = NULL, *one = NULL, *two = NULL, *none = NULL;

  SKIP_IF_NO_ISP (f);
  if (nm == NULL)
    {
      g_test_skip ("no NetworkManager sandbox here (needs root)");
      return;
    }
  dt_entry_set_multilink_dial (f->entry, DT_MULTILINK_DIAL_AS_NEEDED);
  dt_entry_set_dial_extra (f->entry, 40, 2);
  dt_entry_set_hang_up_extra (f->entry, 5, 4);
  dt_connection_set_network_mode (f->connection, DT_NETWORK_AUTO);
  dial (f);
  status = dt_connection_get_status (f->connection);
  g_assert_cmpuint (status->link_speed, ==, 33600);
  none = states_of (f, 2);
  g_assert_cmpstr (none, ==, "");

  /* Random data: the load is the line's, which Deflate would spare a compressible download
   * (big.bin's pattern crosses in a twentieth of its size). */
  out = run ((const char * const []) { "curl", "-s", "--max-time", "120", "--interface",
                                       status->interface, "-r", "0-131071", "-o", "/dev/null",
                                       "-w", "%{size_download}",
                                       "http://10.64.0.1/random.bin", NULL });
  g_assert_cmpstr (out, ==, "131072");
  wait_for (f, DT_CONN_STATE_SUB_ENTRY_CONNECTED, 2, 60);
  /* The download over, the second line goes once idle.  (A download that stalls for the
   * hang-up time on a loaded machine has it hung up and dialed again meanwhile: each time
   * the same states.) */
  {
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (!g_str_has_suffix ((two = states_of (f, 2)), " 22 23"))
      {
        g_clear_pointer (&two, g_free);
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10 * 1000);
      }
  }
  one = states_of (f, 1);
  g_test_message ("sub-entry 1: %s; sub-entry 2: %s", one, two);
  g_assert_cmpstr (one, ==, "0 1 2 3 4 5 6 14 22");
  g_assert_true (g_regex_match_simple ("^0 1 2 3 4 5 6 14 22 23( 0 1 2 3 4 5 6 14 22 23)*$",
                                       two, 0, 0));
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==, DT_CONN_STATE_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The sandbox first: it enters a network namespace, before any thread runs. */
  nm = dt_test_nm_start (DT_TEST_NM_FLAGS_NONE, &error);
  if (nm == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_error ("NetworkManager sandbox: %s", error->message);
  /* The descriptors GLib opens once per process (the default main context's wakeup, and
   * GTask's worker context) exist before any test counts. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/multilink/bundle", test_bundle);
  ADD ("/multilink/download", test_download);
  ADD ("/multilink/line-drops", test_line_drops);
  ADD ("/multilink/as-needed", test_as_needed);
  return g_test_run ();
}
