/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo of build-aux/run (tests/isp/demo) must leave the newcomer's own network alone: its
 * entry "Dialtone Test ISP" routes only the ISP's network (10.64.0.0/24) and never takes the
 * default route.  The demo script runs against the shared ISP and makes the entry; the test
 * checks its settings, then dials it with dialtone-cli through a real NetworkManager in its
 * own namespace, where a default route already goes out through another interface (a veth
 * pair: this kernel has no dummy devices): that
 * route is the same while connected and after, and the ISP's network goes through the call. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "dt-test-isp.h"
#include "dt-test-nm.h"

static DtTestNm *sandbox;
static GError *sandbox_error;

static char *
run_demo_tool (const char * const *argv,
               const char         *home,
               const char         *input,
               int                *status)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  char *out = NULL;

  g_subprocess_launcher_set_child_setup (launcher, dt_test_isp_child_dies_with_parent, NULL,
                                         NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  g_test_message ("%s: exit %d\n%s", argv[0], *status, out);
  return out;
}

static char *
default_route (void)
{
  g_autoptr (GError) error = NULL;
  char *route = dt_test_nm_run (&error, "ip", "-4", "route", "show", "default", NULL);

  g_assert_no_error (error);
  return route;
}

static void
test_demo_entry (void)
{
  g_autofree char *reason = NULL;
  DtTestIsp *isp;
  g_autofree char *line = NULL;
  g_autofree char *home = g_dir_make_tmp ("dialtone-demo-XXXXXX", NULL);
  g_autofree char *runtime = g_build_filename (home, "run", NULL);
  g_autofree char *state_link = g_build_filename (runtime, "dialtone-isp", NULL);
  g_autofree char *demo_out = NULL, *show_out = NULL, *set_out = NULL, *dial_out = NULL;
  g_autofree char *before = NULL, *after = NULL, *rm = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *entry;
  JsonArray *routes;
  int status;
  const char *demo_argv[] = { SOURCE_ROOT "/tests/isp/demo", BUILD_ROOT, NULL };
  const char *show_argv[] = { DIALTONE_CLI_PATH, "entry", "show", "Dialtone Test ISP", "--json",
                              NULL };
  const char *set_argv[] = { DIALTONE_CLI_PATH, "entry", "set", "Dialtone Test ISP",
                             "--device", NULL, NULL };
  /* The password reaches the backgrounded dial through fd 3 (a background job's stdin would
   * be /dev/null); the routes are read every half second while it is up. */
  const char *dial_argv[] = { "sh", "-c", "exec 3<&0; \"$0\" dial 'Dialtone Test ISP' "
                              "--password-stdin --hangup-after 3 <&3 & pid=$!; sleep 1; "
                              "while kill -0 $pid 2>/dev/null; do "
                              "ip -4 route show default | sed 's/^/during: /'; "
                              "ip -4 route show 10.64.0.0/24 | sed 's/^/isp-net: /'; sleep 0.5; "
                              "done; wait $pid", DIALTONE_CLI_PATH, NULL };

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  isp = dt_test_isp_get ();

  /* The demo finds the ISP already running, as build-aux/run finds the one it started. */
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_assert_cmpint (symlink (dt_test_isp_get_state_dir (isp), state_link), ==, 0);
  demo_out = run_demo_tool (demo_argv, home, "", &status);
  g_assert_cmpint (status, ==, 0);

  show_out = run_demo_tool (show_argv, home, "", &status);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, show_out, -1, &error);
  g_assert_no_error (error);
  entry = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (entry, "number"), ==, "555-0100");
  g_assert_cmpstr (json_object_get_string_member (entry, "user"), ==, "dialtone");
  g_assert_false (json_object_get_boolean_member (entry, "default_gateway"));
  routes = json_object_get_array_member (entry, "routes");
  g_assert_cmpuint (json_array_get_length (routes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (routes, 0), ==, "10.64.0.0/24");

  /* The same entry on a line of this test's own (line 1 may be another test's now). */
  line = dt_test_isp_acquire_line (isp);
  set_argv[5] = line;
  set_out = run_demo_tool (set_argv, home, "", &status);
  g_assert_cmpint (status, ==, 0);

  before = default_route ();
  g_assert_nonnull (strstr (before, "default via 192.0.2.1 dev dt-uplink"));
  dial_out = run_demo_tool (dial_argv, home, "dialtone-secret\n", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (dial_out, "8192 Connected"));
  /* While connected: the ISP's network through the call, the default route as it was. */
  g_assert_nonnull (strstr (dial_out, "isp-net: 10.64.0.0/24 dev "));
  {
    g_autofree char *during = g_strdup_printf ("during: %s", before);

    g_assert_nonnull (strstr (dial_out, during));
  }
  {
    g_auto (GStrv) lines = g_strsplit (dial_out, "\n", -1);

    /* No default route through the call at any moment, whatever its form. */
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "during: "))
        g_assert_null (strstr (lines[i], "dt-ppp"));
  }
  after = default_route ();
  g_assert_cmpstr (after, ==, before);

  dt_test_isp_release_line (isp, line);
  rm = g_strdup_printf ("rm -rf '%s'", home);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_PRIVATE, &sandbox_error);
  if (sandbox != NULL)
    {
      /* The host's own network: a default route through an interface of its own. */
      g_autoptr (GError) error = NULL;
      g_autofree char *a = dt_test_nm_run (&error, "ip", "link", "add", "dt-uplink", "type",
                                           "veth", "peer", "name", "dt-uplink-peer", NULL);
      g_autofree char *b = error ? NULL : dt_test_nm_run (&error, "ip", "addr", "add",
                                                          "192.0.2.2/24", "dev", "dt-uplink",
                                                          NULL);
      g_autofree char *c = error ? NULL : dt_test_nm_run (&error, "ip", "link", "set",
                                                          "dt-uplink", "up", NULL);
      g_autofree char *p = error ? NULL : dt_test_nm_run (&error, "ip", "link", "set",
                                                          "dt-uplink-peer", "up", NULL);
      g_autofree char *d = error ? NULL : dt_test_nm_run (&error, "ip", "route", "add",
                                                          "default", "via", "192.0.2.1", "dev",
                                                          "dt-uplink", "onlink", NULL);

      g_assert_no_error (error);
    }
  g_test_add_func ("/demo/entry-and-routes", test_demo_entry);
  status = g_test_run ();
  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
