/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For data-plane tests whose dial runs in a g_test_trap_subprocess() child that gives up
 * its privileges: the parent holds an ISP line and hands it over, the child dials it. */

#include "config.h"

#include <sys/stat.h>

#include "dt-test-dial.h"
#include "dt-test-isp.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

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

static void
on_child_dial_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DtTestChildDial *d = user_data;

  d->ok = dt_connection_dial_finish (DT_CONNECTION (object), result, &d->error);
  d->done = TRUE;
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
  dt_entry_set_default_gateway (entry, FALSE);
  dt_connection_dial_async (connection, entry, credentials, NULL, on_child_dial_done, d);
  while (!d->done)
    g_main_context_iteration (NULL, TRUE);
  return connection;
}

void
dt_test_dial_child_hang_up (DtConnection *connection)
{
  dt_connection_hang_up (connection);
  while (dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    g_main_context_iteration (NULL, TRUE);
}

