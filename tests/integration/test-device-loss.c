/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A modem that vanishes mid-call (a USB modem pulled out): Dialtone dials a pty of the
 * test's own, which the test relays to one of the ISP's lines; then the test closes the pty's
 * other side, as the kernel does when the device goes.  The call must end with 628 once
 * connected (619 while dialing) within a second, with nothing left behind: no lock file, no
 * file descriptor, no GSource. */

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <pty.h>
#include <unistd.h>

#include "dt-connection.h"
#include "dt-error.h"
#include "dt-mm-inhibitor.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"

typedef struct {
  DtTestIsp *isp;
  char *line;
  int line_fd;
  int master;
  int slave;
  char device[64];
  guint to_line;
  guint to_modem;
  DtConnState cut_at;
  gint64 cut_us;
  gint64 end_us;
  guint end_code;
} Fixture;

static void
relay (int from,
       int to)
{
  char buffer[4096];
  ssize_t n = read (from, buffer, sizeof buffer);

  while (n > 0)
    {
      ssize_t w = write (to, buffer, n);

      if (w < 0 && errno == EAGAIN)
        {
          g_usleep (1000);
          continue;
        }
      if (w <= 0)
        break;
      n -= w;
    }
}

static gboolean
on_master (int          fd,
           GIOCondition condition,
           gpointer     user_data)
{
  Fixture *f = user_data;

  relay (f->master, f->line_fd);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_line (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  Fixture *f = user_data;

  relay (f->line_fd, f->master);
  return G_SOURCE_CONTINUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;

  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  f->isp = dt_test_isp_get ();
  f->line = dt_test_isp_acquire_line (f->isp);
  f->line_fd = dt_test_isp_open_line (f->line);
  g_assert_cmpint (f->line_fd, >=, 0);
  g_assert_cmpint (openpty (&f->master, &f->slave, f->device, NULL, NULL), ==, 0);
  g_assert_true (g_unix_set_fd_nonblocking (f->master, TRUE, NULL));
  /* The modem's side stays raw, as a USB modem's port is to the kernel. */
  {
    struct termios t;

    tcgetattr (f->master, &t);
    cfmakeraw (&t);
    tcsetattr (f->master, TCSANOW, &t);
  }
  f->to_line = g_unix_fd_add (f->master, G_IO_IN, on_master, f);
  f->to_modem = g_unix_fd_add (f->line_fd, G_IO_IN, on_line, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_handle_id (&f->to_line, g_source_remove);
  g_clear_handle_id (&f->to_modem, g_source_remove);
  if (f->master >= 0)
    close (f->master);
  if (f->slave >= 0)
    close (f->slave);
  close (f->line_fd);
  dt_test_isp_release_line (f->isp, f->line);
  g_free (f->line);
}

/* The device goes: the relay stops and the pty's other side closes. */
static void
pull_out (Fixture *f)
{
  g_clear_handle_id (&f->to_line, g_source_remove);
  g_clear_handle_id (&f->to_modem, g_source_remove);
  close (f->master);
  close (f->slave);
  f->master = f->slave = -1;
  f->cut_us = g_get_monotonic_time ();
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  if (state == f->cut_at && f->cut_us == 0)
    pull_out (f);
  else if (state == DT_CONN_STATE_DISCONNECTED && f->end_us == 0)
    {
      f->end_us = g_get_monotonic_time ();
      f->end_code = dt_connection_get_error_code (connection);
    }
}

static gboolean
on_cut_timer (gpointer user_data)
{
  pull_out (user_data);
  return G_SOURCE_REMOVE;
}

static void
dial_and_pull (Fixture     *f,
               DtConnState  cut_at,
               guint        expected)
{
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtConnection) connection = dt_connection_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("dialtone", "dialtone-secret", NULL);
  g_autoptr (GError) error = NULL;
  DtTestResources before;
  gboolean ok;

  dt_entry_set_name (entry, "Pulled out");
  dt_entry_set_device (entry, f->device);
  /* 5550196 answers only after 3 s: the modem goes while it is still dialing. */
  dt_entry_set_number (entry, cut_at == DT_CONN_STATE_CONNECTED ? "555-0100" : "555-0196");
  dt_entry_set_user (entry, "dialtone");
  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  f->cut_at = cut_at;
  g_signal_connect (connection, "state-changed", G_CALLBACK (on_state_changed), f);
  dt_test_dial_note_resources (&before);

  ok = dt_test_dial_sync (connection, entry, credentials, &error);
  if (cut_at == DT_CONN_STATE_CONNECTED)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      /* The cut is made from the Connected handler; the end comes from the main loop. */
      while (f->end_us == 0)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, DT_RAS_ERROR, (gint) expected);
    }
  g_assert_cmpuint (f->end_code, ==, expected);
  g_assert_cmpuint (dt_connection_get_state (connection), ==, DT_CONN_STATE_DISCONNECTED);
  g_test_message ("device gone to Disconnected: %.1f ms", (f->end_us - f->cut_us) / 1000.0);
  g_assert_cmpint (f->end_us - f->cut_us, <, (gint64) G_USEC_PER_SEC);
  /* The two ends of the pty were the test's, and are closed now. */
  before.n_fds -= 2;
  dt_test_dial_assert_nothing_left (&before, f->device);
}

static void
test_connected (Fixture       *f,
                gconstpointer  data)
{
  dial_and_pull (f, DT_CONN_STATE_CONNECTED, DT_RAS_ERROR_DISCONNECTION);
}

static void
test_dialing (Fixture       *f,
              gconstpointer  data)
{
  /* ConnectDevice is where ATD goes out; the modem is pulled 1 s into the dial. */
  f->cut_at = G_MAXUINT;
  g_timeout_add (1000, on_cut_timer, f);
  dial_and_pull (f, G_MAXUINT, DT_RAS_ERROR_PORT_DISCONNECTED);
}

static void
on_warm_up (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  dt_mm_inhibitor_inhibit_finish (DT_MM_INHIBITOR (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (DtMmInhibitor) warm_up = dt_mm_inhibitor_new ("/dev/null");
  gboolean warm = FALSE;

  g_test_init (&argc, &argv, NULL);
  /* GLib's worker threads and their fds exist for good once a dial has asked the system bus
   * for ModemManager: they are made here, before any test counts fds. */
  dt_mm_inhibitor_inhibit_async (warm_up, 1000, NULL, on_warm_up, &warm);
  while (!warm)
    g_main_context_iteration (NULL, TRUE);
  g_test_add ("/device-loss/connected", Fixture, NULL, fixture_set_up, test_connected,
              fixture_tear_down);
  g_test_add ("/device-loss/dialing", Fixture, NULL, fixture_set_up, test_dialing,
              fixture_tear_down);
  return g_test_run ();
}
