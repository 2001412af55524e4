/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NetworkManager refuses the user (a sandbox where only root may change the network): the
 * dial to the real ISP gets through PPP, then ends with a 720-class error that quotes
 * NetworkManager's own words, and leaves no profile behind. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-test-dial.h"
#include "dt-test-nm.h"

static DtTestNm *nm;

static void
test_refused (void)
{
  DtTestChildDial d = { 0 };
  g_autoptr (DtConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *profiles = NULL;

  if (!g_test_subprocess ())
    {
      dt_test_dial_run_child (nm, "/dataplane/refused");
      if (nm != NULL)
        {
          profiles = dt_test_nm_run (&error, "nmcli", "-t", "-f", "NAME", "connection", "show",
                                     NULL);
          g_assert_no_error (error);
          g_assert_null (strstr (profiles, "Dialtone:"));
        }
      return;
    }
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
  connection = dt_test_dial_child (&d);
  g_assert_false (d.ok);
  g_assert_error (d.error, DT_RAS_ERROR, 720);
  g_assert_nonnull (strstr (d.error->message, "NetworkManager refused: Insufficient privileges"));
  g_assert_cmpuint (dt_connection_get_error_code (connection), ==, 720);
  g_clear_error (&d.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  nm = dt_test_nm_start (g_test_subprocess () ? DT_TEST_NM_FLAGS_NONE
                                              : DT_TEST_NM_FLAGS_REFUSE_USERS, &error);
  if (nm == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_error ("NetworkManager sandbox: %s", error->message);
  g_type_ensure (G_TYPE_TASK);

  g_test_add_func ("/dataplane/refused", test_refused);
  return g_test_run ();
}
