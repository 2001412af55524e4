/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli as a script uses it, against the real ISP: the lines it prints for each state,
 * its JSON form, the exit statuses (0 done, 1 failed, 2 usage), the last "error NNN" line,
 * the password read from stdin and never shown, SIGINT hanging up cleanly (at a password
 * prompt too, the terminal's echo restored), and entries made
 * with `entry set` and dialed by name, and an entry's routes set, refused and shown. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "dt-test-cli.h"
#include "dt-test-isp.h"

#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestIsp *isp;
  char *line;
  guint line_number;
  goffset log_offset;
  char *dir;
} Fixture;

/* What one run of dialtone-cli gave. */
typedef DtTestCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, dt_test_cli_run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;

  f->dir = g_dir_make_tmp ("dialtone-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->line = dt_test_isp_acquire_line (f->isp);
  f->line_number = dt_test_isp_get_line_number (f->isp, f->line);
  f->log_offset = dt_test_isp_get_log_offset (f->isp);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", f->dir);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
  if (f->isp == NULL)
    return;
  if (g_test_failed ())
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->line, f->log_offset);
      g_test_message ("ISP log for line%u:\n%s", f->line_number, log);
    }
  dt_test_isp_release_line (f->isp, f->line);
  g_free (f->line);
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->isp == NULL) return; } G_STMT_END

/* A launcher for dialtone-cli in an environment of its own: a config dir under the fixture,
 * and no session bus (no keyring).  It ends with the test. */
static GSubprocessLauncher *
cli_launcher_new (Fixture *f)
{
  GSubprocessLauncher *launcher = dt_test_cli_launcher_new ();
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);

  g_subprocess_launcher_set_child_setup (launcher, dt_test_isp_child_dies_with_parent, NULL,
                                         NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  return launcher;
}

/* dialtone-cli and @args (NULL-terminated, without the program), NULL-terminated. */
static GPtrArray *
cli_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) DIALTONE_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs dialtone-cli with @args and @input on stdin (cli_launcher_new()). */
static Run
run_cli (Fixture            *f,
         const char * const *args,
         const char         *input)
{
  g_autoptr (GSubprocessLauncher) launcher = cli_launcher_new (f);
  g_autoptr (GPtrArray) argv = cli_argv (args);

  return dt_test_cli_run (launcher, (const char * const *) argv->pdata, input);
}

/* Runs dialtone-cli with @args and nothing on stdin until the dial is up (its "local-address"
 * line), then interrupts it (SIGINT) @send_sigint_after_ms later; its output until it exits. */
static Run
run_cli_interrupted (Fixture            *f,
                     const char * const *args,
                     int                 send_sigint_after_ms)
{
  g_autoptr (GSubprocessLauncher) launcher = cli_launcher_new (f);
  g_autoptr (GPtrArray) argv = cli_argv (args);

  return dt_test_cli_run_interrupted (launcher, (const char * const *) argv->pdata,
                                      "local-address ", send_sigint_after_ms);
}

static void
test_dial_and_hang_up_after (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *expected_local = NULL;
  g_autofree char *states = NULL;
  g_auto (Run) r = { 0 };

  SKIP_IF_NO_ISP (f);
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "555-0110", "--auth", "pap",
                                     "--user", "dialtone", "--password-stdin", "--no-network",
                                     "--hangup-after", "1", NULL },
               ISP_PASSWORD "\n");
  g_assert_cmpint (r.status, ==, 0);
  states = dt_test_cli_states (r.out);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 14 18 8192 8193");
  /* The number as the user wrote it, the speed, the addresses pppd assigned. */
  g_assert_nonnull (strstr (r.out, " 2 ConnectDevice 555-0110\n"));
  g_assert_nonnull (strstr (r.out, " 3 DeviceConnected 33600\n"));
  expected_local = g_strdup_printf ("local-address 10.64.0.%u\n", 10 + f->line_number);
  g_assert_nonnull (strstr (r.out, expected_local));
  g_assert_nonnull (strstr (r.out, "remote-address 10.64.0.1\n"));
  g_assert_nonnull (strstr (r.out, "dns 10.64.0.53 10.64.0.54\n"));
  g_assert_null (strstr (r.out, ISP_PASSWORD));
  g_assert_null (strstr (r.err, ISP_PASSWORD));
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "rcvd [LCP TermReq", 5000));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) states = g_string_new (NULL);
  gint64 last_t = -1;
  gboolean saw_addresses = FALSE;

  SKIP_IF_NO_ISP (f);
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "5550111",
                                     "--user", "dialtone", "--password-stdin", "--no-network",
                                     "--hangup-after", "1", "--json", NULL },
               ISP_PASSWORD "\n");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *o;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_true (json_object_has_member (o, "t_ms"));
      g_assert_cmpint (json_object_get_int_member (o, "t_ms"), >=, last_t);
      last_t = json_object_get_int_member (o, "t_ms");
      if (json_object_has_member (o, "state"))
        {
          g_assert_true (json_object_has_member (o, "name"));
          g_assert_true (json_object_has_member (o, "detail"));
          g_string_append_printf (states, "%s%" G_GINT64_FORMAT, states->len ? " " : "",
                                  json_object_get_int_member (o, "state"));
          if (json_object_get_int_member (o, "state") == 5)
            g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Authenticate");
        }
      else if (json_object_has_member (o, "local_address"))
        {
          JsonArray *dns = json_object_get_array_member (o, "dns");

          saw_addresses = TRUE;
          g_assert_cmpstr (json_object_get_string_member (o, "remote_address"), ==, "10.64.0.1");
          g_assert_cmpstr (json_object_get_string_member (o, "auth_protocol"), ==, "CHAP-MD5");
          g_assert_cmpint (json_object_get_int_member (o, "link_speed"), ==, 33600);
          g_assert_cmpuint (json_array_get_length (dns), ==, 2);
          g_assert_cmpstr (json_array_get_string_element (dns, 0), ==, "10.64.0.53");
        }
    }
  g_assert_true (saw_addresses);
  g_assert_cmpstr (states->str, ==, "0 1 2 3 4 5 6 14 18 8192 8193");
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_autofree char *states = NULL, *last = NULL;

  SKIP_IF_NO_ISP (f);
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "5550199",
                                     "--no-network", NULL }, NULL);
  g_assert_cmpint (r.status, ==, 1);
  states = dt_test_cli_states (r.out);
  g_assert_cmpstr (states, ==, "0 1 2 8193");
  last = dt_test_cli_last_line (r.out);
  g_assert_true (g_str_has_prefix (last, "error 676 The line is busy."));
}

static void
test_wrong_password_without_terminal (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_autofree char *states = NULL, *last = NULL;

  SKIP_IF_NO_ISP (f);
  /* stdin is a pipe, not a terminal: nobody can answer RetryAuthentication. */
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "5550110", "--auth", "pap",
                                     "--user", "dialtone", "--password-stdin", "--no-network",
                                     NULL }, "not-the-password\n");
  g_assert_cmpint (r.status, ==, 1);
  states = dt_test_cli_states (r.out);
  g_assert_true (g_str_has_suffix (states, " 5 6 4097 8193"));
  last = dt_test_cli_last_line (r.out);
  g_assert_true (g_str_has_prefix (last, "error 691 "));
  g_assert_null (strstr (r.out, "not-the-password"));
  g_assert_null (strstr (r.err, "not-the-password"));
}

static void
test_sigint_hangs_up (Fixture       *f,
                      gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_autofree char *states = NULL;

  SKIP_IF_NO_ISP (f);
  r = run_cli_interrupted (f, (const char *[]) { "dial", "--device", f->line, "--number",
                                                 "5550113", "--no-network", NULL }, 200);
  g_assert_cmpint (r.status, ==, 0);
  states = dt_test_cli_states (r.out);
  g_assert_true (g_str_has_suffix (states, " 8192 8193"));
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "rcvd [LCP TermReq", 5000));
}

static void
test_debug_trace_hides_password (Fixture       *f,
                                 gconstpointer  data)
{
  g_auto (Run) r = { 0 };

  SKIP_IF_NO_ISP (f);
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "5550110", "--auth", "pap",
                                     "--user", "dialtone", "--password-stdin", "--no-network",
                                     "--hangup-after", "1", "--debug", NULL },
               ISP_PASSWORD "\n");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "sent [LCP ConfReq"));
  g_assert_nonnull (strstr (r.err, "[PAP AuthReq"));
  g_assert_nonnull (strstr (r.err, "modem <- ATDT5550110"));
  g_assert_null (strstr (r.err, ISP_PASSWORD));
  g_assert_null (strstr (r.out, ISP_PASSWORD));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *const *cases[] = {
    (const char *[]) { NULL },
    (const char *[]) { "frobnicate", NULL },
    (const char *[]) { "dial", NULL },
    (const char *[]) { "dial", "--device", "/dev/null", NULL },
    /* There is no way to put a password on the command line. */
    (const char *[]) { "dial", "--device", "/dev/null", "--number", "1", "--password", "x", NULL },
    (const char *[]) { "dial", "--device", "/dev/null", "--number", "1", "--auth", "telnet", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) r = run_cli (f, cases[i], NULL);

      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
    }
}

static void
test_entry_set_and_dial_by_name (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *phonebook = g_build_filename (f->dir, "phonebook.ini", NULL);
  g_autofree char *states = NULL;
  g_autofree char *contents = NULL;
  g_auto (Run) set = { 0 };
  g_auto (Run) list = { 0 };
  g_auto (Run) dial = { 0 };

  SKIP_IF_NO_ISP (f);
  /* No keyring in this environment: the entry is saved, the password is not remembered. */
  set = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Test ISP",
                                       "--device", f->line, "--number", "555-0112",
                                       "--user", "dialtone", "--password-stdin", NULL },
                 ISP_PASSWORD "\n");
  g_assert_cmpint (set.status, ==, 0);
  g_assert_nonnull (strstr (set.err, "not remembered"));
  g_assert_true (g_file_get_contents (phonebook, &contents, NULL, NULL));
  g_assert_null (strstr (contents, ISP_PASSWORD));

  list = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "list", NULL }, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Test ISP\t555-0112\t"));

  dial = run_cli (f, (const char *[]) { "dial", "Test ISP", "--phonebook", phonebook,
                                        "--password-stdin", "--no-network", "--hangup-after",
                                        "1", NULL }, ISP_PASSWORD "\n");
  g_assert_cmpint (dial.status, ==, 0);
  states = dt_test_cli_states (dial.out);
  g_assert_cmpstr (states, ==, "0 1 2 3 4 5 6 14 18 8192 8193");
  g_assert_nonnull (strstr (dial.out, " 5 Authenticate MS-CHAPv2\n"));
}

/* A multilink entry made with `entry set --sub-entry` and dialed by name: both of the ISP's
 * lines (pppd with `multilink`) dial, each line tells its own states with its sub-entry
 * number, and the connection's own are Projected, Connected and Disconnected. */
static void
test_multilink_dial (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *phonebook = g_build_filename (f->dir, "phonebook.ini", NULL);
  g_autofree char *second = NULL, *one = NULL, *two = NULL, *whole = NULL;
  g_auto (Run) set = { 0 };
  g_auto (Run) dial = { 0 };

  SKIP_IF_NO_ISP (f);
  second = dt_test_isp_acquire_line (f->isp);
  set = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Bonded",
                                       "--device", f->line, "--number", "5550120", "--user",
                                       "dialtone", "--sub-entry", second, NULL }, NULL);
  g_assert_cmpint (set.status, ==, 0);
  dial = run_cli (f, (const char *[]) { "dial", "Bonded", "--phonebook", phonebook,
                                        "--password-stdin", "--no-network", "--hangup-after",
                                        "2", NULL }, ISP_PASSWORD "\n");
  dt_test_isp_release_line (f->isp, second);
  g_test_message ("%s", dial.out);
  g_assert_cmpint (dial.status, ==, 0);
  one = dt_test_cli_sub_entry_states (dial.out, 1);
  two = dt_test_cli_sub_entry_states (dial.out, 2);
  whole = dt_test_cli_sub_entry_states (dial.out, 0);
  g_assert_cmpstr (one, ==, "0 1 2 3 4 5 6 14 22");
  g_assert_cmpstr (two, ==, "0 1 2 3 4 5 6 14 22");
  /* Line 2 joins before or after the bundle's IPCP is up; when after, the connection is
   * Connected again once its SubEntryConnected has been told (as after a re-authentication). */
  if (g_strcmp0 (whole, "18 8192 8193") != 0)
    {
      const char *first = strstr (dial.out, " 8192 Connected ");
      const char *joined = strstr (dial.out, " 22:2 SubEntryConnected 2\n");

      g_assert_cmpstr (whole, ==, "18 8192 8192 8193");
      g_assert_true (first != NULL && joined != NULL && first < joined);
      g_assert_nonnull (strstr (joined, " 8192 Connected "));
    }
  g_assert_nonnull (strstr (dial.out, " 0:2 OpenPort "));
  g_assert_nonnull (strstr (dial.out, " 22:2 SubEntryConnected 2\n"));
  g_assert_nonnull (strstr (dial.out, "\nremote-address 10.64.0.1\n"));
}

/* Runs `entry set NAME ARGS…` in @phonebook, which must refuse with exit status 2, say
 * @message and leave the file as it was (@before). */
static void
assert_set_refused (Fixture            *f,
                    const char         *phonebook,
                    const char         *name,
                    const char * const *args,
                    const char         *message,
                    const char         *before)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (Run) r = { 0 };
  g_autofree char *unchanged = NULL;

  g_ptr_array_add (argv, "entry");
  g_ptr_array_add (argv, "--phonebook");
  g_ptr_array_add (argv, (char *) phonebook);
  g_ptr_array_add (argv, "set");
  g_ptr_array_add (argv, (char *) name);
  for (guint k = 0; args[k] != NULL; k++)
    g_ptr_array_add (argv, (char *) args[k]);
  g_ptr_array_add (argv, NULL);
  r = run_cli (f, (const char * const *) argv->pdata, NULL);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, message));
  g_assert_true (g_file_get_contents (phonebook, &unchanged, NULL, NULL));
  g_assert_cmpstr (unchanged, ==, before);
}

/* `entry show --json NAME` (in @phonebook, or the default one when NULL): the entry's object,
 * owned by @parser. */
static JsonObject *
show_json (Fixture    *f,
           const char *phonebook,
           const char *name,
           JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  g_auto (Run) json = { 0 };

  if (phonebook != NULL)
    json = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "show", "--json",
                                          name, NULL }, NULL);
  else
    json = run_cli (f, (const char *[]) { "entry", "show", "--json", name, NULL }, NULL);
  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* `entry set --route`, repeatable, replaces the entry's routes; a bad one is a usage error
 * with the reason and saves nothing; `entry show` lists them, as text and as JSON.  No ISP
 * needed. */
static void
test_entry_routes (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *phonebook = g_build_filename (f->dir, "phonebook.ini", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Run) set = { 0 };
  g_auto (Run) show = { 0 };
  g_auto (Run) cleared = { 0 };
  JsonObject *o;
  JsonArray *routes;
  static const struct {
    const char *args[8];
    const char *message;
  } refused[] = {
    { { "--route", "300.1.2.3/8" },
      "--route 300.1.2.3/8: Enter an IPv4 network and its prefix length, such as 10.99.0.0/16" },
    { { "--route", "10.0.0.0/33" }, "--route 10.0.0.0/33: The prefix length after the / is" },
    { { "--route", "10.0.0.0" }, "--route 10.0.0.0: Add the prefix length, such as 10.99.0.0/16, "
                                 "or /32 for one host" },
    { { "--route", "10.99.0.0/16", "--route", "10.99.0.0/16" },
      "Route 2: This route is already in the list" },
    { { "--route", "10.99.0.0/16", "--no-routes" }, "Give --route or --no-routes, not both" },
    { { "--default-gateway", "maybe" }, "--default-gateway is yes or no" },
    { { "--compression", "sometimes" }, "--compression is yes or no" },
  };

  set = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Office",
                                       "--number", "555-0100", "--route", "10.99.0.0/16",
                                       "--route", "192.0.2.0/24", "--default-gateway", "no",
                                       "--compression", "no", NULL }, NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_true (g_file_get_contents (phonebook, &before, NULL, NULL));
  g_assert_nonnull (strstr (before, "\nRoutes=10.99.0.0/16;192.0.2.0/24;\n"));
  g_assert_nonnull (strstr (before, "\nDefaultGateway=false\n"));
  g_assert_nonnull (strstr (before, "\nCompression=false\n"));

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_set_refused (f, phonebook, "Office", refused[i].args, refused[i].message, before);

  show = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "show", "Office",
                                        NULL }, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "\nroutes\t10.99.0.0/16, 192.0.2.0/24\n"));
  g_assert_nonnull (strstr (show.out, "\ndefault-gateway\tno\n"));
  g_assert_nonnull (strstr (show.out, "\ncompression\tno\n"));

  o = show_json (f, phonebook, "Office", parser);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Office");
  g_assert_false (json_object_get_boolean_member (o, "default_gateway"));
  g_assert_false (json_object_get_boolean_member (o, "compression"));
  routes = json_object_get_array_member (o, "routes");
  g_assert_cmpuint (json_array_get_length (routes), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (routes, 0), ==, "10.99.0.0/16");
  g_assert_cmpstr (json_array_get_string_element (routes, 1), ==, "192.0.2.0/24");

  cleared = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Office",
                                           "--no-routes", NULL }, NULL);
  g_assert_cmpint (cleared.status, ==, 0);
  g_assert_true (g_file_get_contents (phonebook, &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "\nRoutes=\n"));
}

/* `entry set --sub-entry`, repeatable, makes a multilink entry (each with its own port, and
 * its own number or the entry's) that `entry show` lists, as text and as JSON; a sub-entry on
 * the entry's own port or with a bad number saves nothing; --no-sub-entries takes them
 * away.  No ISP needed. */
static void
test_entry_sub_entries (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *phonebook = g_build_filename (f->dir, "phonebook.ini", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (Run) set = { 0 };
  g_auto (Run) show = { 0 };
  g_auto (Run) cleared = { 0 };
  JsonArray *subs;
  JsonObject *o;
  static const struct {
    const char *args[6];
    const char *message;
  } refused[] = {
    { { "--sub-entry", "/dev/ttyS0" }, "Sub-entry 2: each sub-entry needs a port of its own" },
    { { "--sub-entry", "/dev/ttyS1", "--sub-entry", "/dev/ttyS1" },
      "Sub-entry 2: each sub-entry needs a port of its own" },
    { { "--sub-entry", "/dev/ttyS1=555-0121", "--sub-entry", "/dev/ttyS2=call me" },
      "Sub-entry 3: Use digits, spaces and the characters" },
    { { "--sub-entry", "ttyS1" }, "Sub-entry 2: Enter a serial port under /dev" },
    { { "--sub-entry", "/dev/ttyS1", "--no-sub-entries" },
      "Give --sub-entry or --no-sub-entries, not both" },
    { { "--multilink-dial", "sometimes" }, "--multilink-dial is all or as-needed" },
  };

  set = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Bonded",
                                       "--device", "/dev/ttyS0", "--number", "555-0120",
                                       "--sub-entry", "/dev/ttyS1", "--sub-entry",
                                       "/dev/ttyS2=9,555-0121", "--multilink-dial",
                                       "as-needed", NULL }, NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_true (g_file_get_contents (phonebook, &before, NULL, NULL));
  g_assert_nonnull (strstr (before, "\nSubEntryDevices=/dev/ttyS1;/dev/ttyS2;\n"));
  g_assert_nonnull (strstr (before, "\nSubEntryNumbers=;9,555-0121;\n"));
  g_assert_nonnull (strstr (before, "\nMultilinkDial=as-needed\n"));

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_set_refused (f, phonebook, "Bonded", refused[i].args, refused[i].message, before);

  show = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "show", "Bonded",
                                        NULL }, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "\nsub-entries\t/dev/ttyS1, /dev/ttyS2=9,555-0121\n"));
  g_assert_nonnull (strstr (show.out, "\nmultilink-dial\tas-needed\n"));

  o = show_json (f, phonebook, "Bonded", parser);
  g_assert_cmpstr (json_object_get_string_member (o, "multilink_dial"), ==, "as-needed");
  subs = json_object_get_array_member (o, "sub_entries");
  g_assert_cmpuint (json_array_get_length (subs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      static const char *devices[] = { "/dev/ttyS0", "/dev/ttyS1", "/dev/ttyS2" };
      static const char *numbers[] = { "555-0120", "555-0120", "9,555-0121" };
      JsonObject *sub = json_array_get_object_element (subs, i);

      g_assert_cmpint (json_object_get_int_member (sub, "index"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (sub, "device"), ==, devices[i]);
      g_assert_cmpstr (json_object_get_string_member (sub, "number"), ==, numbers[i]);
    }

  cleared = run_cli (f, (const char *[]) { "entry", "--phonebook", phonebook, "set", "Bonded",
                                           "--no-sub-entries", NULL }, NULL);
  g_assert_cmpint (cleared.status, ==, 0);
  g_assert_true (g_file_get_contents (phonebook, &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "\nSubEntryDevices=\n"));
}

/* dialtone-cli @args on a new terminal (cli_launcher_new()): @master, and @slave kept to look
 * at the terminal's settings. */
static GSubprocess *
cli_at_terminal (Fixture            *f,
                 const char * const *args,
                 int                *master,
                 int                *slave)
{
  g_autoptr (GSubprocessLauncher) launcher = cli_launcher_new (f);
  g_autoptr (GPtrArray) argv = cli_argv (args);

  return dt_test_cli_spawn_at_terminal (launcher, (const char * const *) argv->pdata, master,
                                        slave);
}

/* dialtone-cli dialing the wrong-password number on a new terminal (@master; @slave is
 * kept to look at the terminal's settings), up to its password prompt. */
static GSubprocess *
dial_wrong_password_at_terminal (Fixture *f,
                                 int     *master,
                                 int     *slave,
                                 GString *screen)
{
  GSubprocess *process = cli_at_terminal (f, (const char *[]) { "dial", "--device", f->line,
                                                                "--number", "5550110", "--auth",
                                                                "pap", "--user", "dialtone",
                                                                "--no-network", "--hangup-after",
                                                                "1", NULL }, master, slave);

  /* No keyring here: it asks for the password first. */
  g_assert_true (dt_test_cli_read_until (*master, screen, "Password: ", 20));
  g_assert_cmpint (write (*master, "wrong-one\n", 10), ==, 10);
  g_assert_true (dt_test_cli_read_until (*master, screen, "User name: ", 60));
  g_assert_nonnull (strstr (screen->str, " 4097 RetryAuthentication"));
  return process;
}

/* At a terminal, a rejected password gets the RetryAuthentication prompts, typed without
 * echo, and the dial goes on to Connected with the new one. */
static void
test_retry_at_terminal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  int master, slave;

  SKIP_IF_NO_ISP (f);
  process = dial_wrong_password_at_terminal (f, &master, &slave, screen);
  g_assert_cmpint (write (master, "dialtone\n", 9), ==, 9);
  g_assert_true (dt_test_cli_read_until (master, screen, "Password: ", 10));
  g_assert_cmpint (write (master, ISP_PASSWORD "\n", strlen (ISP_PASSWORD) + 1), ==,
                   (gssize) strlen (ISP_PASSWORD) + 1);
  g_assert_true (dt_test_cli_read_until (master, screen, " 8192 Connected", 60));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  dt_test_cli_read_until (master, screen, "8193 Disconnected", 5);
  g_assert_true (dt_test_cli_terminal_echoes (slave));
  close (master);
  close (slave);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* The terminal never showed a password: they were typed without echo. */
  g_assert_null (strstr (screen->str, "wrong-one"));
  g_assert_null (strstr (screen->str, ISP_PASSWORD));
  g_assert_nonnull (strstr (screen->str, " 7 AuthRetry"));
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
}

/* Ctrl+C (SIGINT) while the RetryAuthentication prompt waits for the password: the prompt
 * does not hold the program (it used to, until Enter), the dial ends with 691 and status 1
 * after telling the server (LCP Terminate-Request), and the terminal echoes again. */
static void
test_sigint_at_retry_prompt (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  gboolean exited = FALSE;
  gint64 deadline;
  int master, slave;

  SKIP_IF_NO_ISP (f);
  process = dial_wrong_password_at_terminal (f, &master, &slave, screen);
  g_assert_cmpint (write (master, "dialtone\n", 9), ==, 9);
  g_assert_true (dt_test_cli_read_until (master, screen, "Password: ", 10));
  /* The password prompt turned echo off. */
  g_assert_false (dt_test_cli_terminal_echoes (slave));

  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!exited && g_get_monotonic_time () < deadline)
    {
      char buf[512];
      ssize_t n = read (master, buf, sizeof buf);

      if (n > 0)
        g_string_append_len (screen, buf, n);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  if (!exited)
    g_subprocess_force_exit (process);
  dt_test_cli_read_until (master, screen, "error 691", 2);
  if (g_test_verbose ())
    g_test_message ("terminal:\n%s", screen->str);
  g_assert_true (exited);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (screen->str, "error 691 "));
  g_assert_null (strstr (screen->str, " 7 AuthRetry"));
  g_assert_true (dt_test_cli_terminal_echoes (slave));
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset, "rcvd [LCP TermReq",
                                       5000));
  close (master);
  close (slave);
}

/* EAP (5550117) without a user name, at a terminal: InvokeEapUI asks for it ("User name: ",
 * echoed), then for the password the MD5-Challenge needs (without echo), and the dial goes
 * on to Connected in the same session. */
static void
test_eap_identity_at_terminal (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  int master, slave;

  SKIP_IF_NO_ISP (f);
  process = cli_at_terminal (f, (const char *[]) { "dial", "--device", f->line, "--number",
                                                   "5550117", "--no-network", "--hangup-after",
                                                   "1", NULL }, &master, &slave);

  g_assert_true (dt_test_cli_read_until (master, screen, "User name: ", 60));
  g_assert_nonnull (strstr (screen->str, " 4100 InvokeEapUI identity"));
  g_assert_true (dt_test_cli_terminal_echoes (slave));
  g_assert_cmpint (write (master, "dialtone\n", 9), ==, 9);
  g_assert_true (dt_test_cli_read_until (master, screen, "Password: ", 30));
  g_assert_nonnull (strstr (screen->str, " 4100 InvokeEapUI password"));
  g_assert_false (dt_test_cli_terminal_echoes (slave));
  g_assert_cmpint (write (master, ISP_PASSWORD "\n", strlen (ISP_PASSWORD) + 1), ==,
                   (gssize) strlen (ISP_PASSWORD) + 1);
  g_assert_true (dt_test_cli_read_until (master, screen, " 8192 Connected", 60));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_null (strstr (screen->str, ISP_PASSWORD));
  close (master);
  close (slave);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset,
                                       "Identity <Name \"dialtone\">", 5000));
}

/* Nobody at a terminal to answer InvokeEapUI: 703, and the message says it was EAP. */
static void
test_eap_without_terminal (Fixture       *f,
                           gconstpointer  data)
{
  g_auto (Run) r = { 0 };
  g_autofree char *states = NULL, *last = NULL;

  SKIP_IF_NO_ISP (f);
  r = run_cli (f, (const char *[]) { "dial", "--device", f->line, "--number", "5550117",
                                     "--no-network", NULL }, "");
  g_assert_cmpint (r.status, ==, 1);
  states = dt_test_cli_states (r.out);
  g_assert_true (g_str_has_suffix (states, " 5 4100 8193"));
  last = dt_test_cli_last_line (r.out);
  g_assert_true (g_str_has_prefix (last, "error 703 "));
  g_assert_nonnull (strstr (last, "EAP"));
}

/* `dialtone-cli error`: what a RAS code means, as `net helpmsg` says it; every code the
 * engine reports, in order; a code it does not know is an error. */
static void
test_error_codes (Fixture       *f,
                  gconstpointer  data)
{
  g_auto (Run) one = { 0 };
  g_auto (Run) all = { 0 };
  g_auto (Run) unknown = { 0 };
  g_auto (GStrv) lines = NULL;
  guint previous = 0;

  one = run_cli (f, (const char *[]) { "error", "691", "778", NULL }, NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpstr (one.out, ==,
                   "691\tAccess was denied because the user name or password is not valid.\n"
                   "778\tThe server could not prove it knows your password; it may not be your "
                   "provider.\n");

  all = run_cli (f, (const char *[]) { "error", NULL }, NULL);
  g_assert_cmpint (all.status, ==, 0);
  lines = g_strsplit (g_strchomp (all.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 28);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint code = (guint) g_ascii_strtoull (lines[i], NULL, 10);

      g_assert_cmpuint (code, >, previous);
      g_assert_nonnull (strchr (lines[i], '\t'));
      previous = code;
    }
  g_assert_true (g_str_has_prefix (all.out, "619\t"));
  g_assert_nonnull (strstr (all.out, "\n778\t"));

  unknown = run_cli (f, (const char *[]) { "error", "691", "12345", "abc", NULL }, NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_true (g_str_has_prefix (unknown.out, "691\t"));
  g_assert_nonnull (strstr (unknown.err, "12345 is not a RAS error code Dialtone knows"));
  g_assert_nonnull (strstr (unknown.err, "abc is not a RAS error code Dialtone knows"));
}

/* `entry set --login-script-file`: the file's text becomes the entry's script, which then
 * answers the ISP's login prompt; a file that is not a script is refused line by line and
 * nothing is saved. */
static void
test_login_script_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "isp.chat", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.chat", NULL);
  g_auto (Run) set = { 0 };
  g_auto (Run) refused = { 0 };
  g_auto (Run) dialed = { 0 };
  g_auto (Run) show = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *script = NULL;
  JsonObject *o;

  SKIP_IF_NO_ISP (f);
  g_assert_true (g_file_set_contents (good, "timeout 20\nabort \"Login incorrect\"\n"
                                      "expect \"login:\"\nsend \"$USER\"\n"
                                      "expect \"Password:\"\nsend \"$PASSWORD\"\n"
                                      "expect \"Starting PPP\"\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "expect login:\nsned $USER\ntimeout never\n", -1,
                                      NULL));
  refused = run_cli (f, (const char *[]) { "entry", "set", "Text login", "--login-script-file",
                                           bad, NULL }, NULL);
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "Line 2: unknown command “sned”"));
  g_assert_nonnull (strstr (refused.err, "Line 3: “timeout” needs a number"));

  set = run_cli (f, (const char *[]) { "entry", "set", "Text login", "--device", f->line,
                                       "--number", "5550150", "--user", "dialtone",
                                       "--login-script-file", good, NULL }, NULL);
  g_assert_cmpint (set.status, ==, 0);
  /* `entry show` has the script: on one line as text, as it is in the JSON. */
  g_assert_true (g_file_get_contents (good, &script, NULL, NULL));
  show = run_cli (f, (const char *[]) { "entry", "show", "Text login", NULL }, NULL);
  g_assert_nonnull (strstr (show.out, "\nlogin-script\ttimeout 20\\nabort \\\"Login"));
  g_assert_nonnull (strstr (show.out, "\nrequire-server-auth\tno\n"));
  o = show_json (f, NULL, "Text login", parser);
  g_assert_cmpstr (json_object_get_string_member (o, "login_script"), ==, script);
  g_assert_false (json_object_get_boolean_member (o, "require_server_auth"));
  dialed = run_cli (f, (const char *[]) { "dial", "Text login", "--password-stdin",
                                          "--no-network", "--hangup-after", "1", NULL },
                    ISP_PASSWORD "\n");
  g_assert_cmpint (dialed.status, ==, 0);
  g_assert_nonnull (strstr (dialed.out, " 21 LogonNetwork"));
  g_assert_nonnull (strstr (dialed.out, " 8192 Connected"));
  g_assert_true (dt_test_isp_wait_log (f->isp, f->line, f->log_offset,
                                       "login accepted for dialtone", 1000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/dial-hangup-after", test_dial_and_hang_up_after);
  ADD ("/cli/json", test_json);
  ADD ("/cli/busy", test_busy);
  ADD ("/cli/wrong-password", test_wrong_password_without_terminal);
  ADD ("/cli/sigint", test_sigint_hangs_up);
  ADD ("/cli/debug-trace", test_debug_trace_hides_password);
  ADD ("/cli/usage", test_usage_errors);
  ADD ("/cli/entry-set-and-dial", test_entry_set_and_dial_by_name);
  ADD ("/cli/entry-routes", test_entry_routes);
  ADD ("/cli/entry-sub-entries", test_entry_sub_entries);
  ADD ("/cli/multilink-dial", test_multilink_dial);
  ADD ("/cli/retry-at-terminal", test_retry_at_terminal);
  ADD ("/cli/sigint-at-retry-prompt", test_sigint_at_retry_prompt);
  ADD ("/cli/eap-identity-at-terminal", test_eap_identity_at_terminal);
  ADD ("/cli/eap-without-terminal", test_eap_without_terminal);
  ADD ("/cli/error-codes", test_error_codes);
  ADD ("/cli/login-script-file", test_login_script_file);
  return g_test_run ();
}
