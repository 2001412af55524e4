/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fault matrix: real dials to the test ISP, with a real NetworkManager (so that a TUN
 * device and a profile come and must go), while something goes wrong on the way:
 *   - line noise, 1 bit in 10⁴ and 1 in 10³, both directions, while the call is up;
 *   - the modem loses carrier mid-call (5550182);
 *   - the ISP's guest is killed mid-call (a private guest);
 *   - garbage and half lines from the modem during the AT dialog.
 * Each asserts the RAS code, the state sequence, and a clean teardown: no file descriptor,
 * UUCP lock, GSource, TUN device or NetworkManager profile left behind.  (NetworkManager
 * restarting under a live connection is in test-dataplane and test-link-nm-restart.) */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"
#include "dt-test-line-proxy.h"
#include "dt-test-nm.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

static DtTestNm *nm;
static GDBusConnection *system_bus;

typedef struct {
  DtTestIsp *isp;             /* the suite's, or a private one */
  DtTestIsp *private_isp;
  char *line;
  DtTestLineProxy *proxy;
  const char *device;         /* what the engine opens: the line, or the proxy's pty */
  goffset log_offset;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  GArray *times;
  gboolean dial_ok;
  GError *dial_error;
  DtTestResources before;
} Fixture;

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (f->states, state);
  g_array_append_val (f->times, now);
}

static gboolean
set_up_common (Fixture *f)
{
  g_autofree char *reason = NULL;

  if (nm == NULL)
    {
      g_test_skip ("no NetworkManager sandbox here (needs root)");
      return FALSE;
    }
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return FALSE;
    }
  g_type_ensure (G_TYPE_TASK);
  /* What lives as long as the process, once used: the system bus connection (libnm shares
   * it) and GLib's child watch.  Made now, so that the fd count before a dial holds them. */
  if (system_bus == NULL)
    {
      g_autofree char *out = dt_test_nm_run (NULL, "true", NULL);

      system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
    }
  f->states = g_array_new (FALSE, FALSE, sizeof (guint));
  f->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  return TRUE;
}

/* The entry and connection, once the device is known. */
static void
make_connection (Fixture    *f,
                 const char *number)
{
  dt_test_dial_note_resources (&f->before);
  f->entry = dt_entry_new ();
  dt_entry_set_name (f->entry, "Fault ISP");
  dt_entry_set_device (f->entry, f->device);
  dt_entry_set_number (f->entry, number);
  dt_entry_set_auth_methods (f->entry, DT_AUTH_PAP);   /* what these numbers' pppd takes */
  dt_entry_set_user (f->entry, ISP_USER);
  dt_entry_set_default_gateway (f->entry, FALSE);
  dt_entry_set_dial_timeout (f->entry, 15);
  dt_entry_set_lcp_echo_interval (f->entry, 2);
  dt_entry_set_lcp_echo_failures (f->entry, 4);
  f->connection = dt_connection_new ();
  dt_connection_set_trace (f->connection, TRUE);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!set_up_common (f))
    return;
  f->isp = dt_test_isp_get ();
  f->line = dt_test_isp_acquire_line (f->isp);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  f->proxy = dt_test_line_proxy_new (f->line);
  f->device = dt_test_line_proxy_get_device (f->proxy);
}

/* A guest of the test's own, which the test kills; no proxy: the engine opens its pty. */
static void
fixture_set_up_private (Fixture       *f,
                        gconstpointer  data)
{
  if (!set_up_common (f))
    return;
  f->private_isp = f->isp = dt_test_isp_start_private ();
  f->line = dt_test_isp_acquire_line (f->isp);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  f->device = f->line;
}

static void
tell (Fixture *f)
{
  g_auto (GStrv) log = dt_connection_dup_log (f->connection);
  g_autofree char *joined = g_strjoinv ("\n", log);
  g_autofree char *states = dt_test_dial_format_states (f->states);

  g_test_message ("states: %s\nconnection log:\n%s", states, joined);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->isp == NULL)
    return;
  if (f->connection != NULL)
    {
      if (g_test_failed ())
        tell (f);
      if (dt_connection_get_state (f->connection) != DT_CONN_STATE_DISCONNECTED)
        dt_test_dial_hang_up (f->connection);
      g_signal_handlers_disconnect_by_data (f->connection, f);
      g_assert_finalize_object (f->connection);
      g_assert_finalize_object (f->entry);
    }
  g_clear_error (&f->dial_error);
  g_array_unref (f->states);
  g_array_unref (f->times);
  g_clear_pointer (&f->proxy, dt_test_line_proxy_free);
  if (f->private_isp == NULL)
    dt_test_isp_release_line (f->isp, f->line);
  g_clear_pointer (&f->private_isp, dt_test_isp_free);
  g_free (f->line);
}

#define SKIP_IF_NO_PEERS(f) G_STMT_START { if ((f)->isp == NULL) return; } G_STMT_END

static void
dial (Fixture *f)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);

  f->dial_ok = dt_test_dial_sync (f->connection, f->entry, credentials, &f->dial_error);
}

static void
wait_disconnected (Fixture *f,
                   guint    seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (dt_connection_get_state (f->connection) != DT_CONN_STATE_DISCONNECTED &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dt_connection_get_state (f->connection), ==, DT_CONN_STATE_DISCONNECTED);
}

static char *
run (const char *argv0,
     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, argv0);
  for (const char *a = argv0; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  /* Failures are expected on a noisy line: only the output counts. */
  return dt_test_nm_runv ((const char * const *) argv->pdata, NULL);
}

static int
count_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;   /* the directory's own fd counted, as dt_test_dial_note_resources() does */
}

static gboolean
link_gone (void)
{
  g_autofree char *links = run ("ip", "-o", "link", "show", NULL);
  g_autofree char *profiles = run ("nmcli", "-t", "-f", "NAME", "connection", "show", NULL);

  return links != NULL && strstr (links, "dt-ppp") == NULL &&
         profiles != NULL && strstr (profiles, "Dialtone:") == NULL;
}

/* Runs the main loop until the engine's fds are back to their number before the dial and
 * the device and profile are gone, 10 s at most. */
static void
settle (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end &&
         (count_fds () != f->before.n_fds || !link_gone ()))
    {
      gint64 step = g_get_monotonic_time () + 100 * 1000;

      while (g_get_monotonic_time () < step)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* Nothing of the dial is left: no fd, UUCP lock or GSource of the engine's, no TUN device,
 * no NetworkManager profile. */
static void
assert_clean (Fixture *f)
{
  g_autofree char *links = NULL;
  g_autofree char *profiles = NULL;
  g_autofree char *states = dt_test_dial_format_states (f->states);

  /* The proxy (opened before the dial) stays: its fds are the test's, counted before.
   * Disconnected does not wait for NetworkManager to finish removing the device (a stalled
   * one would hold the phone line): the link's last steps may still run, for a bounded
   * time. */
  settle (f);
  g_test_message ("states: %s", states);
  g_signal_handlers_disconnect_by_data (f->connection, f);
  g_assert_finalize_object (g_steal_pointer (&f->connection));
  g_assert_finalize_object (g_steal_pointer (&f->entry));
  dt_test_dial_assert_nothing_left (&f->before, f->device);
  links = run ("ip", "-o", "link", "show", NULL);
  g_assert_nonnull (links);
  g_assert_null (strstr (links, "dt-ppp"));
  profiles = run ("nmcli", "-t", "-f", "NAME", "connection", "show", NULL);
  g_assert_nonnull (profiles);
  g_assert_null (strstr (profiles, "Dialtone:"));
}

static gboolean
has_state (Fixture *f,
           guint    state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, guint, i) == state)
      return TRUE;
  return FALSE;
}

static gint64
time_of (Fixture *f,
         guint    state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, guint, i) == state)
      return g_array_index (f->times, gint64, i);
  g_assert_not_reached ();
}

/* The codes a failure on a bad line may end with, each with its own message. */
static void
assert_clear_failure (Fixture *f)
{
  static const guint clear[] = { 619, 629, 718, 719, 720, 734 };
  guint code = dt_connection_get_error_code (f->connection);
  gboolean known = FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (clear); i++)
    known |= code == clear[i];
  g_test_message ("ended with %u: %s", code, dt_connection_get_error_message (f->connection));
  g_assert_true (known);
  g_assert_nonnull (dt_connection_get_error_message (f->connection));
}

/* Noise --------------------------------------------------------------------------------- */

static void
test_noise (Fixture       *f,
            gconstpointer  data)
{
  double rate = *(const double *) data;
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *page = NULL;
  g_autofree char *ping = NULL;

  SKIP_IF_NO_PEERS (f);
  make_connection (f, "5550110");
  dt_test_line_proxy_set_noise (f->proxy, rate, rate, 4242);
  dial (f);
  if (!f->dial_ok)
    {
      /* So bad a line may fail the dial itself: then with a clear code. */
      g_assert_true (dt_test_line_proxy_get_flips (f->proxy, TRUE) > 0);
      assert_clear_failure (f);
      assert_clean (f);
      return;
    }
  g_assert_true (has_state (f, DT_CONN_STATE_APPLY_SETTINGS));
  status = dt_connection_get_status (f->connection);
  g_assert_nonnull (status->interface);

  /* Traffic through the noise: pings, and a download while it lasts. */
  ping = run ("ping", "-c", "20", "-i", "0.3", "-W", "2", "-I", status->interface, "10.64.0.1",
              NULL);
  page = run ("curl", "-s", "-o", "/dev/null", "--max-time", "12", "--interface",
              status->interface, "http://10.64.0.1/big.bin", NULL);
  g_test_message ("ping: %s", ping != NULL ? ping : "(failed)");

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&status, dt_conn_status_free);
  status = dt_connection_get_status (f->connection);
  g_test_message ("flips to the engine %" G_GUINT64_FORMAT ", to the ISP %" G_GUINT64_FORMAT
                  "; FCS errors %" G_GUINT64_FORMAT ", frames in %" G_GUINT64_FORMAT,
                  dt_test_line_proxy_get_flips (f->proxy, TRUE),
                  dt_test_line_proxy_get_flips (f->proxy, FALSE), status->fcs_errors,
                  status->frames_in);
  g_assert_cmpuint (dt_test_line_proxy_get_flips (f->proxy, TRUE), >, 0);
  g_assert_cmpuint (dt_test_line_proxy_get_flips (f->proxy, FALSE), >, 0);
  /* The FCS counter rises: corrupted frames are counted and dropped, never taken. */
  g_assert_cmpuint (status->fcs_errors, >, 0);

  if (dt_connection_get_state (f->connection) == DT_CONN_STATE_CONNECTED)
    {
      /* The call stayed up: a quiet line for the hang-up. */
      dt_test_line_proxy_set_noise (f->proxy, 0, 0, 1);
      dt_test_dial_hang_up (f->connection);
      g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 631);
    }
  else
    {
      wait_disconnected (f, 30);
      assert_clear_failure (f);
    }
  assert_clean (f);
}

/* Carrier, and a dead ISP ----------------------------------------------------------------- */

/* 5550182: the modem loses carrier 8 s after CONNECT and says NO CARRIER (a pty has no DCD):
 * 619 at once, not after the LCP echoes fail. */
static void
test_carrier_drop (Fixture       *f,
                   gconstpointer  data)
{
  static const guint connected[] = { 0, 1, 2, 3, 4, 5, 6, 14, 18, 24, 8192 };
  g_autofree char *states = NULL;
  g_autofree char *want = NULL;

  SKIP_IF_NO_PEERS (f);
  make_connection (f, "5550182");
  dial (f);
  g_assert_no_error (f->dial_error);
  wait_disconnected (f, 30);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==,
                    DT_RAS_ERROR_PORT_DISCONNECTED);
  states = dt_test_dial_format_states (f->states);
  want = g_strdup_printf ("%u %u %u %u %u %u %u %u %u %u %u 8193", connected[0], connected[1],
                          connected[2], connected[3], connected[4], connected[5], connected[6],
                          connected[7], connected[8], connected[9], connected[10]);
  g_assert_cmpstr (states, ==, want);
  g_assert_cmpint (time_of (f, DT_CONN_STATE_DISCONNECTED) -
                   time_of (f, DT_CONN_STATE_DEVICE_CONNECTED), <, 11 * G_USEC_PER_SEC);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "carrier lost", 1000));
  assert_clean (f);
}

/* The guest (its modems, pppd, the lines' ptys) is killed mid-call: the test ISP's modems live
 * in the guest, so the modem's device goes with it, as a USB modem pulled out does, and the
 * engine ends the call with 628 and leaves nothing behind.  (Through a modem of the user's own
 * that stays, the same death is a lost carrier, 619: the GUI's ISP-reboot test.) */
static void
test_guest_killed (Fixture       *f,
                   gconstpointer  data)
{
  SKIP_IF_NO_PEERS (f);
  make_connection (f, "5550110");
  dial (f);
  g_assert_no_error (f->dial_error);
  g_assert_true (f->dial_ok);
  dt_test_isp_kill (f->isp);
  wait_disconnected (f, 20);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==,
                    DT_RAS_ERROR_DISCONNECTION);
  g_assert_cmpint (time_of (f, DT_CONN_STATE_DISCONNECTED) - time_of (f, DT_CONN_STATE_CONNECTED),
                   <, 10 * G_USEC_PER_SEC);
  assert_clean (f);
}

/* The AT dialog ----------------------------------------------------------------------------- */

static void
test_garbled_modem (Fixture       *f,
                    gconstpointer  data)
{
  DtTestGarble garble = GPOINTER_TO_INT (data);
  guint code;

  SKIP_IF_NO_PEERS (f);
  make_connection (f, "5550110");
  dt_test_line_proxy_set_garble (f->proxy, garble);
  dial (f);
  g_assert_false (f->dial_ok);
  code = dt_connection_get_error_code (f->connection);
  g_test_message ("ended with %u: %s", code, dt_connection_get_error_message (f->connection));
  /* The modem answered with noise (651), or with nothing a modem would say (692). */
  g_assert_true (code == DT_RAS_ERROR_FROM_DEVICE || code == DT_RAS_ERROR_PORT_OR_DEVICE);
  g_assert_false (has_state (f, DT_CONN_STATE_CONNECT_DEVICE) &&
                  has_state (f, DT_CONN_STATE_DEVICE_CONNECTED));
  assert_clean (f);
}

static const double low_noise = 1e-4;
static const double high_noise = 1e-3;

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  nm = dt_test_nm_start (DT_TEST_NM_FLAGS_NONE, &error);
  if (nm == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_error ("NetworkManager sandbox: %s", error->message);
  /* GTask's class starts GLib's worker thread: after the sandbox, before any fd count. */
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, data, set_up, func) \
  g_test_add (path, Fixture, data, set_up, func, fixture_tear_down)
  ADD ("/fault/noise/1e-4", &low_noise, fixture_set_up, test_noise);
  ADD ("/fault/noise/1e-3", &high_noise, fixture_set_up, test_noise);
  ADD ("/fault/carrier-drop", NULL, fixture_set_up, test_carrier_drop);
  ADD ("/fault/at-garbage", GINT_TO_POINTER (DT_TEST_GARBLE_GARBAGE), fixture_set_up,
       test_garbled_modem);
  ADD ("/fault/at-half-lines", GINT_TO_POINTER (DT_TEST_GARBLE_HALF_LINES), fixture_set_up,
       test_garbled_modem);
  ADD ("/fault/guest-killed", NULL, fixture_set_up_private, test_guest_killed);
#undef ADD

  return g_test_run ();
}
