/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink when NetworkManager refuses the user (a sandbox with auth-polkit=root-only): the
 * error is "NetworkManager refused: <NetworkManager's own words>" and nothing is left
 * behind, while root on the same NetworkManager still gets its link. */
#include "config.h"

#include <net/if.h>
#include <string.h>

#include "dt-link.h"
#include "dt-test-link.h"
#include "dt-test-nm.h"

static DtTestNm *sandbox;
static GError *sandbox_error;

static DtLink *
new_link (DtLinkMode mode)
{
  DtLinkConfig config = {
    .name = "Refused",
    .local_address = "10.64.0.11",
    .peer_address = "10.64.0.1",
    .mode = mode,
  };

  return dt_link_new (&config);
}

static void
check_refused (DtLinkMode mode)
{
  g_autoptr (DtLink) link = new_link (mode);
  g_autoptr (GError) error = NULL;

  g_assert_false (dt_test_link_up (link, &error));
  g_assert_error (error, DT_LINK_ERROR, DT_LINK_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "NetworkManager refused: Insufficient privileges");
  dt_test_link_down (link);
}

static void
test_user_refused (void)
{
  g_autofree char *profiles = NULL;
  g_autoptr (GError) error = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      profiles = dt_test_nm_run (&error, "nmcli", "-t", "-f", "NAME", "connection", "show",
                                 NULL);
      g_assert_no_error (error);
      g_assert_null (strstr (profiles, "Dialtone"));
      g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);
      return;
    }
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
  /* A refusal is an answer: AUTO does not fall back to something else. */
  check_refused (DT_LINK_MODE_AUTO);
  check_refused (DT_LINK_MODE_NM);
}

static void
test_root_allowed (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  link = new_link (DT_LINK_MODE_NM);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_NM);
  dt_test_link_down (link);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_REFUSE_USERS, &sandbox_error);

  g_test_add_func ("/link/nm/user-refused", test_user_refused);
  g_test_add_func ("/link/nm/root-allowed", test_root_allowed);
  status = g_test_run ();

  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
