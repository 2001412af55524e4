/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem against the test ISP's Hayes modem (tests/isp, in QEMU, on a pty line) with the
 * real pppd behind it: each documented number gives the speed or the RAS code a user would
 * see, failures re-dial on the same open port, the first bytes online are pppd's LCP
 * Configure-Request, the in-band hang-up (a pty has no DTR) is honoured by the ISP's modem,
 * the same line dials again, and no fd, lock file or GSource is left behind. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-modem.h"
#include "dt-test-isp.h"
#include "dt-test-loop.h"

typedef struct {
  DtTestIsp *isp;
  char *path;
  guint line;
  goffset log_offset;
  char *fds_before;
  int sources_before;
  char *lock_path;
  DtModemConfig config;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;
  g_autofree char *lock_dir = NULL;
  g_autofree char *lock_name = NULL;
  gboolean has_timeout;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->path = dt_test_isp_acquire_line (f->isp);
  f->line = dt_test_isp_get_line_number (f->isp, f->path);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  g_test_message ("line%u: %s", f->line, f->path);

  /* The real lock directory, as a user's dial would use. */
  lock_dir = dt_serial_port_find_lock_dir ();
  lock_name = dt_serial_port_lock_name (f->path);
  /* A lock left by an aborted earlier run is stale and gets taken over: the line is ours. */
  f->lock_path = g_build_filename (lock_dir, lock_name, NULL);

  f->sources_before = dt_test_count_sources (&has_timeout);
  g_assert_false (has_timeout);
  f->fds_before = dt_test_list_fds ();

  f->config.device = f->path;
  f->config.speed = 115200;
  f->config.flow_control = DT_FLOW_CONTROL_HARDWARE;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fds_after = NULL;
  gboolean has_timeout;

  if (f->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);

      g_test_message ("the ISP's log for line%u:\n%s", f->line, log);
    }
  else
    {
      fds_after = dt_test_list_fds ();
      g_assert_cmpstr (fds_after, ==, f->fds_before);
      g_assert_cmpint (dt_test_count_sources (&has_timeout), ==, f->sources_before);
      g_assert_false (has_timeout);
      g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
    }
  dt_test_isp_release_line (f->isp, f->path);
  g_free (f->path);
  g_free (f->lock_path);
  g_free (f->fds_before);
}

#define SKIP_IF_NO_ISP(f) \
  G_STMT_START { if ((f)->isp == NULL) return; } G_STMT_END

static DtModem *
open_modem (Fixture *f)
{
  g_autoptr (DtModem) modem = dt_modem_new (&f->config);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = g_strdup_printf ("%10d\n", (int) getpid ());

  dt_modem_open_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_open_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->lock_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  return g_steal_pointer (&modem);
}

static gboolean
dial (DtModem     *modem,
      const char  *number,
      GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_modem_dial_async (modem, number, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  return dt_modem_dial_finish (modem, result, error);
}

static void
hang_up (Fixture *f,
         DtModem *modem)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_hang_up_async (modem, NULL, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  g_assert_true (dt_modem_hang_up_finish (modem, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_CLOSED);
  g_assert_false (g_file_test (f->lock_path, G_FILE_TEST_EXISTS));
}

/* Waits for @needle in this line's ISP log, with the main loop running meanwhile. */
static void
assert_log_has (Fixture    *f,
                const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->path, f->log_offset);

      if (strstr (log, needle) != NULL)
        return;
      dt_test_sleep (100);
    }
  g_error ("“%s” is not in line%u's log", needle, f->line);
}

static void
on_data_received (DtModem  *modem,
                  GBytes   *bytes,
                  gpointer  user_data)
{
  GByteArray *received = user_data;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_byte_array_append (received, data, (guint) length);
}

static gboolean
contains (GByteArray *haystack,
          const char *needle,
          gsize       length)
{
  for (gsize i = 0; i + length <= haystack->len; i++)
    if (memcmp (haystack->data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* 5550100 connects at 33600; pppd's first LCP Configure-Request (flag, FF 03 escaped, C0 21,
 * code 1) is on the data path; "+++" and ATH0 end the call; the same line dials again. */
static void
test_connect_and_redial (Fixture       *f,
                         gconstpointer  data)
{
  static const char lcp_request[] = "~\xff\x7d\x23\xc0\x21\x7d\x21";
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GByteArray) received = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  gint64 deadline;

  SKIP_IF_NO_ISP (f);
  modem = open_modem (f);
  g_assert_true (dial (modem, "555-0100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  g_assert_cmpstr (dt_modem_get_connect_line (modem), ==, "CONNECT 33600");
  assert_log_has (f, "<- ATDT5550100");

  g_signal_connect (modem, "data-received", G_CALLBACK (on_data_received), received);
  dt_modem_start_data (modem);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!contains (received, lcp_request, sizeof lcp_request - 1)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (contains (received, lcp_request, sizeof lcp_request - 1));

  hang_up (f, modem);
  assert_log_has (f, "escape sequence: online command mode");
  assert_log_has (f, "<- ATH0");

  g_clear_object (&modem);
  modem = open_modem (f);
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  hang_up (f, modem);
}

static void
test_full_connect_string (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  modem = open_modem (f);
  g_assert_true (dial (modem, "5550101", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  g_assert_cmpstr (dt_modem_get_connect_line (modem), ==, "CONNECT 33600/ARQ/V34/LAPM/V42BIS");
  hang_up (f, modem);
}

/* Every failing number on one open port, as a redial or the alternate numbers would use it,
 * then a number that connects. */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  static const struct {
    const char *number;
    guint code;
  } cases[] = {
    { "5550199", DT_RAS_ERROR_LINE_BUSY },
    { "5550198", DT_RAS_ERROR_NO_CARRIER },
    { "5550197", DT_RAS_ERROR_NO_DIALTONE },
    { "5550196", DT_RAS_ERROR_NO_ANSWER },
    { "5550195", DT_RAS_ERROR_FROM_DEVICE },
  };
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  modem = open_modem (f);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].number);
      g_assert_false (dial (modem, cases[i].number, &error));
      g_assert_error (error, DT_RAS_ERROR, (int) cases[i].code);
      g_assert_cmpint (dt_modem_get_state (modem), ==, DT_MODEM_STATE_COMMAND);
      g_clear_error (&error);
    }
  g_assert_true (dial (modem, "5550100", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_get_speed (modem), ==, 33600);
  hang_up (f, modem);
}

/* Hanging up while the ISP's modem is still ringing the number (NO ANSWER comes after 3 s):
 * the dial ends with 631 and the port is closed at once. */
static void
test_hang_up_while_dialing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (DtModem) modem = NULL;
  g_autoptr (GAsyncResult) dial_result = NULL;
  g_autoptr (GError) error = NULL;

  SKIP_IF_NO_ISP (f);
  modem = open_modem (f);
  dt_modem_dial_async (modem, "5550196", NULL, dt_test_on_async_done, &dial_result);
  assert_log_has (f, "dialling 5550196");
  hang_up (f, modem);
  dt_test_wait (&dial_result);
  g_assert_false (dt_modem_dial_finish (modem, dial_result, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_USER_DISCONNECTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GTask's class creates GLib's worker context and its eventfd, once per process: that is
   * not a test's leak. */
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, func) \
  g_test_add ("/modem/isp/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("connect-and-redial", test_connect_and_redial);
  ADD ("full-connect-string", test_full_connect_string);
  ADD ("failures", test_failures);
  ADD ("hang-up-while-dialing", test_hang_up_while_dialing);

#undef ADD

  return g_test_run ();
}
