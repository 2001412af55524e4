/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli answer and user, run as a script would, with a real gnome-keyring: users added,
 * changed, listed (as text and JSON) and removed, their passwords in the keyring and never in
 * incoming.ini; `answer --direct --calls 1` on a null-modem cable answers a DtConnection that
 * dials in from this process, prints the same state lines as `dial` (as JSON) and exits 0
 * after the call, and with --debug and G_MESSAGES_DEBUG=all the caller's password is in
 * nothing it prints, though the login's trace is; a port that cannot be opened ends with "error 633" and exit status 1. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "dt-connection.h"
#include "dt-dialin-secrets.h"
#include "dt-test-cable.h"
#include "dt-test-cli.h"
#include "dt-test-keyring.h"

/* What one run of dialtone-cli gave. */
typedef DtTestCliRun Run;

static DtTestKeyring *keyring;
static char *ini;

/* dialtone-cli @args… (NULL-terminated), with @input on stdin. */
static Run
run_cli (const char *input,
         ...)
{
  g_autoptr (GSubprocessLauncher) launcher = dt_test_cli_launcher_new ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) DIALTONE_CLI_PATH);
  va_start (args, input);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return dt_test_cli_run (launcher, (const char * const *) argv->pdata, input);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(char **) user_data = dt_dialin_secrets_lookup_finish (result, NULL);
  if (*(char **) user_data == NULL)
    *(char **) user_data = g_strdup ("");
}

static char *
keyring_password (const char *user)
{
  char *password = NULL;

  dt_dialin_secrets_lookup_async (user, NULL, on_looked_up, &password);
  while (password == NULL)
    g_main_context_iteration (NULL, TRUE);
  return password;
}

static void
test_users (void)
{
  Run r;
  g_autofree char *contents = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;

  r = run_cli ("wonderland\n", "user", "add", "alice", "--password-stdin", "--incoming", ini,
               NULL);
  g_assert_cmpint (r.status, ==, 0);
  dt_test_cli_run_clear (&r);
  /* A preset callback without its number is a usage error, and adds no one. */
  r = run_cli ("builder\n", "user", "add", "bob", "--password-stdin", "--callback", "preset",
               "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--callback-number"));
  dt_test_cli_run_clear (&r);
  r = run_cli ("builder\n", "user", "add", "bob", "--password-stdin", "--disable",
               "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dt_test_cli_run_clear (&r);

  r = run_cli (NULL, "user", "list", "--json", "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "{\"name\":\"alice\",\"enabled\":true,\"callback\":\"none\",\"callback_number\":null}\n"
                   "{\"name\":\"bob\",\"enabled\":false,\"callback\":\"none\",\"callback_number\":null}\n");
  dt_test_cli_run_clear (&r);

  r = run_cli (NULL, "user", "set", "bob", "--enable", "--callback", "preset",
               "--callback-number", "555-0177", "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dt_test_cli_run_clear (&r);
  r = run_cli (NULL, "user", "list", "--incoming", ini, NULL);
  g_assert_cmpstr (r.out, ==, "alice\tenabled\tnone\nbob\tenabled\tpreset 555-0177\n");
  dt_test_cli_run_clear (&r);

  /* The passwords are in the keyring, and nowhere in the file. */
  alice = keyring_password ("alice");
  bob = keyring_password ("bob");
  g_assert_cmpstr (alice, ==, "wonderland");
  g_assert_cmpstr (bob, ==, "builder");
  g_assert_true (g_file_get_contents (ini, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "wonderland"));
  g_assert_null (strstr (contents, "builder"));

  r = run_cli (NULL, "user", "remove", "bob", "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 0);
  dt_test_cli_run_clear (&r);
  g_free (bob);
  bob = keyring_password ("bob");
  g_assert_cmpstr (bob, ==, "");
  r = run_cli (NULL, "user", "remove", "bob", "--incoming", ini, NULL);
  g_assert_cmpint (r.status, ==, 1);
  dt_test_cli_run_clear (&r);
}

typedef struct {
  gboolean done;
  gboolean ok;
} Dial;

static void
on_dialed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Dial *d = user_data;
  g_autoptr (GError) error = NULL;

  d->ok = dt_connection_dial_finish (DT_CONNECTION (object), result, &error);
  if (error != NULL)
    g_test_message ("the caller: %s", error->message);
  d->done = TRUE;
}

static void
on_answer_exited (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* The RASCONNSTATE-style number of a state the answering side goes through. */
static guint
state_number (const char *name)
{
  static const struct { const char *name; guint number; } states[] = {
    { "Authenticated", 14 }, { "Projected", 18 }, { "ApplySettings", 24 },
    { "Listening", 256 }, { "Ringing", 257 }, { "Answering", 258 },
    { "AuthenticatingCaller", 259 }, { "CallingBack", 260 },
    { "Connected", 8192 }, { "Disconnected", 8193 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (states[i].name, name))
      return states[i].number;
  g_error ("an unexpected state: %s", name);
}

/* The names of the states in @out, one JSON object per line, with Connected's detail. */
static char *
state_names (const char  *out,
             char       **connected_detail)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o;

      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        g_error ("not JSON: %s", lines[i]);
      o = json_node_get_object (json_parser_get_root (parser));
      if (!json_object_has_member (o, "name"))
        continue;
      /* A state line as `dial --json` prints it: t_ms, state, name, detail, nothing else. */
      g_assert_cmpuint (json_object_get_size (o), ==, 4);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, "t_ms")), ==,
                       G_TYPE_INT64);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, "detail")), ==,
                       G_TYPE_STRING);
      g_assert_cmpuint (json_object_get_int_member (o, "state"), ==,
                        state_number (json_object_get_string_member (o, "name")));
      g_string_append_printf (names, "%s%s", names->len ? " " : "",
                              json_object_get_string_member (o, "name"));
      if (g_str_equal (json_object_get_string_member (o, "name"), "Connected"))
        *connected_detail = g_strdup (json_object_get_string_member (o, "detail"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_answer (void)
{
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  g_autoptr (GSubprocess) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnection) connection = dt_connection_new ();
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", "wonderland", NULL);
  g_autoptr (GInputStream) out = NULL;
  g_autofree char *names = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gboolean exited = FALSE;
  Dial d = { 0 };

  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *err_path = NULL;
  g_autofree char *err_text = NULL;
  int err_fd = g_file_open_tmp ("dialtone-answer-XXXXXX.err", &err_path, &error);

  g_assert_no_error (error);
  close (err_fd);
  /* Everything it can say: the log, the PPP trace and every GLib debug message. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);
  answer = g_subprocess_launcher_spawn (launcher, &error, DIALTONE_CLI_PATH,
                                        "answer", "--direct",
                                        "--device", dt_test_cable_get_end (cable, 1),
                                        "--calls", "1", "--no-network", "--json", "--debug",
                                        "--incoming", ini, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (answer, NULL, on_answer_exited, &exited);

  dt_entry_set_name (entry, "The answering CLI");
  dt_entry_set_device (entry, dt_test_cable_get_end (cable, 0));
  dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  /* The command needs a moment to open its end: the caller's LCP retries meanwhile. */
  dt_connection_dial_async (connection, entry, credentials, NULL, on_dialed, &d);
  while (!d.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (d.ok);
  dt_connection_hang_up (connection);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_subprocess_get_if_exited (answer));
  g_assert_cmpint (g_subprocess_get_exit_status (answer), ==, 0);
  out = g_object_ref (g_subprocess_get_stdout_pipe (answer));
  bytes = g_input_stream_read_bytes (out, 1 << 16, NULL, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  names = state_names (text, &detail);
  g_assert_cmpstr (names, ==, "Listening Answering AuthenticatingCaller Authenticated "
                              "Projected Connected Disconnected");
  g_assert_cmpstr (detail, ==, "alice");
  /* The login's packets are in the trace, and alice's password nowhere. */
  g_assert_true (g_file_get_contents (err_path, &err_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (err_text, "rcvd [CHAP Response"));
  g_assert_null (strstr (err_text, "wonderland"));
  g_assert_null (strstr (text, "wonderland"));
  g_unlink (err_path);
}

static void
test_answer_bad_port (void)
{
  Run r = run_cli (NULL, "answer", "--device", "/dev/dialtone-no-such-port", "--incoming", ini,
                   NULL);
  g_auto (GStrv) lines = g_strsplit (g_strstrip (r.out), "\n", -1);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 1], "error 633 "));
  dt_test_cli_run_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  ini = g_build_filename (config, "dialtone", "incoming.ini", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/cli-answer/users", test_users);
  g_test_add_func ("/cli-answer/answer", test_answer);
  g_test_add_func ("/cli-answer/bad-port", test_answer_bad_port);
  status = g_test_run ();

  g_free (ini);
  dt_test_keyring_stop (keyring);
  return status;
}
