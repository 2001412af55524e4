/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone-cli entry import` and `entry export` as a script uses them: the preview as JSON
 * (and no phonebook written on --dry-run), the exit statuses (0 imported, 1 nothing could
 * be, 2 usage), bad files refused with the line, a wvdial.conf imported and its entry dialed
 * by name against the real ISP, and the export never carrying a password.  Each run has a
 * config dir of its own and no session bus: there is no keyring, so the summary says the
 * password went nowhere. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "dt-port-list.h"
#include "dt-test-cli.h"
#include "dt-test-isp.h"

/* What one run of dialtone-cli gave. */
typedef DtTestCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, dt_test_cli_run_clear)

#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  char *dir;
  char *phonebook;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dialtone-cli-import-XXXXXX", NULL);
  f->phonebook = g_build_filename (f->dir, "phonebook.ini", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", f->dir);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
  g_free (f->phonebook);
}

/* dialtone-cli entry --phonebook PATH @args… with @input on stdin. */
static Run
run_entry (Fixture            *f,
           const char * const *args,
           const char         *input)
{
  g_autoptr (GSubprocessLauncher) launcher = dt_test_cli_launcher_new ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *nowhere = g_strdup_printf ("unix:path=%s/no-bus-here", f->dir);

  g_ptr_array_add (argv, (char *) DIALTONE_CLI_PATH);
  if (g_str_equal (args[0], "entry"))
    {
      g_ptr_array_add (argv, "entry");
      g_ptr_array_add (argv, "--phonebook");
      g_ptr_array_add (argv, f->phonebook);
      args++;
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, dt_test_isp_child_dies_with_parent, NULL,
                                         NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", nowhere, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  return dt_test_cli_run (launcher, (const char * const *) argv->pdata, input);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "unit", "import", name, NULL);
}

/* --dry-run --json: the preview as one object, and nothing written. */
static void
test_preview_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *kppprc = fixture_path ("kppprc");
  g_auto (Run) json = { 0 };
  g_auto (Run) text = { 0 };
  g_auto (Run) imported = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *o, *isp, *settings, *note;
  JsonArray *entries, *unmapped, *names;

  json = run_entry (f, (const char *[]) { "entry", "import", kppprc, "--dry-run", "--json",
                                          NULL }, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "kppp");
  g_assert_true (json_object_get_null_member (o, "imported"));
  entries = json_object_get_array_member (o, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  isp = json_array_get_object_element (entries, 0);
  g_assert_cmpstr (json_object_get_string_member (isp, "name"), ==, "Example ISP");
  g_assert_cmpstr (json_object_get_string_member (isp, "kind"), ==, "entry");
  g_assert_true (json_object_get_boolean_member (isp, "selected"));
  g_assert_true (json_object_get_boolean_member (isp, "has_password"));
  settings = json_object_get_object_member (isp, "settings");
  g_assert_cmpstr (json_object_get_string_member (settings, "number"), ==, "555-0100");
  g_assert_cmpstr (json_object_get_string_member (settings, "device"), ==, "/dev/ttyACM0");
  g_assert_cmpint (json_object_get_int_member (settings, "speed"), ==, 460800);
  unmapped = json_object_get_array_member (isp, "unmapped");
  note = json_array_get_object_element (unmapped, 6);
  g_assert_cmpint (json_object_get_int_member (note, "line"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (note, "key"), ==, "Command");
  g_assert_cmpstr (json_object_get_string_member (note, "message"), ==, "not needed: not set");
  g_assert_false (json_object_get_boolean_member (note, "lost"));
  /* The password is said to be there, never shown. */
  g_assert_null (strstr (json.out, "p4ss"));
  g_assert_false (g_file_test (f->phonebook, G_FILE_TEST_EXISTS));

  text = run_entry (f, (const char *[]) { "entry", "import", kppprc, "--dry-run", NULL }, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Entry “Office” ([Account1], line 34)\n"));
  g_assert_nonnull (strstr (text.out, "  password     found: it goes to the keyring\n"));
  g_assert_nonnull (strstr (text.out, "\nDry run: nothing was imported.\n"));
  g_assert_null (strstr (text.out, "p4ss"));
  g_assert_false (g_file_test (f->phonebook, G_FILE_TEST_EXISTS));

  /* Imported: what was added, and where the password went (nowhere: no keyring here). */
  imported = run_entry (f, (const char *[]) { "entry", "import", kppprc, "--json", NULL }, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, imported.out, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  names = json_object_get_array_member (o, "imported");
  g_assert_cmpuint (json_array_get_length (names), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (names, 1), ==, "Office");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o,
                                                                         "passwords_in_keyring")),
                    ==, 0);
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (o, "passwords_not_stored"), 0), ==,
                   "Example ISP");
  g_assert_true (g_file_test (f->phonebook, G_FILE_TEST_EXISTS));
}

/* 2 for usage errors, 1 when nothing could be imported, with the reason on stderr. */
static void
test_exit_codes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *wvdialconf = fixture_path ("wvdialconf.conf");
  g_autofree char *binary = write_file (f, "picture.png", "\x89PNG\r\n\x1a\n\0\0\0\r", 12);
  g_autofree char *loop = write_file (f, "loop.conf", "[Dialer a]\nInherits = Dialer a\n", -1);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file", NULL);
  static const struct {
    const char *args[6];
    int status;
    const char *err;
  } cases[] = {
    { { "entry", "import", NULL }, 2, "Give exactly one file to import" },
    { { "entry", "import", "WVDIALCONF", "--format", "dos", NULL }, 2,
      "--format is wvdial, kppp or pbk" },
    { { "entry", "import", "WVDIALCONF", "--entry", "nosuch", NULL }, 2,
      "the file has no entry named “nosuch”" },
    { { "entry", "import", "MISSING", NULL }, 1, "No such file" },
    { { "entry", "import", "BINARY", NULL }, 1, "Line 2: byte 0x1a cannot be in a text file" },
    { { "entry", "import", "WVDIALCONF", NULL }, 1, "nothing in this file can be imported" },
    { { "entry", "import", "LOOP", NULL }, 1, "nothing in this file can be imported" },
    { { "entry", "export", "nosuch", "--format", "wvdial", NULL }, 1, "no entry named “nosuch”" },
    { { "entry", "export", "nosuch", NULL }, 2, "--format is wvdial or pbk" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[6] = { NULL };
      g_auto (Run) r = { 0 };

      for (guint k = 0; cases[i].args[k] != NULL; k++)
        {
          const char *a = cases[i].args[k];

          args[k] = g_str_equal (a, "WVDIALCONF") ? wvdialconf : g_str_equal (a, "BINARY") ? binary
                    : g_str_equal (a, "LOOP") ? loop : g_str_equal (a, "MISSING") ? missing : a;
        }
      r = run_entry (f, args, NULL);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].err));
      g_assert_false (g_file_test (f->phonebook, G_FILE_TEST_EXISTS));
    }
}

/* The serial ports here, as the entry editor lists them: each by the name an entry keeps,
 * with why this user cannot open it. */
static void
assert_ports_listed (const char *message)
{
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  guint n_ports = g_list_model_get_n_items (G_LIST_MODEL (ports));

  g_assert_true ((strstr (message, "(serial ports here: ") != NULL) == (n_ports > 0));
  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      g_autofree char *listed = dt_port_info_get_problem (port) != NULL
                                ? g_strdup_printf ("%s (%s)", dt_port_info_get_preferred_path (port),
                                                   dt_port_info_get_problem (port))
                                : g_strdup (dt_port_info_get_preferred_path (port));

      g_assert_nonnull (strstr (message, listed));
    }
}

/* A Windows phonebook: the device given on the command line, the dialing rules kept, no
 * passwords said so; the same file again gets "(2)". */
static void
test_pbk_with_device (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *pbk = fixture_path ("rasphone.pbk");
  g_auto (Run) import = { 0 };
  g_auto (Run) again = { 0 };
  g_auto (Run) show = { 0 };
  g_auto (Run) dial = { 0 };

  import = run_entry (f, (const char *[]) { "entry", "import", pbk, "--device", "/dev/ttyUSB0",
                                            NULL }, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Skipped “Büro VPN” ([Büro VPN], line 115): a VPN entry "
                                        "(line 117: Type=2)\n"));
  g_assert_nonnull (strstr (import.out, ": “Office Dial-Up”.\n"));
  g_assert_nonnull (strstr (import.out, "A Windows phonebook holds no passwords"));
  show = run_entry (f, (const char *[]) { "entry", "show", "Office Dial-Up", NULL }, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "device\t/dev/ttyUSB0\n"));
  g_assert_nonnull (strstr (show.out, "number\t5550100\nalternates\t5550101, 5550102\n"
                                      "area-code\t425\ncountry-code\t1\nuse-dialing-rules\tyes\n"));
  again = run_entry (f, (const char *[]) { "entry", "import", pbk, NULL }, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "The phonebook already had “Office Dial-Up”: the new entry "
                                       "is called “Office Dial-Up (2)”.\n"));

  /* Imported without a modem (the file says COM3): dialing it says how to give one, rather
   * than failing to open a port with no name. */
  dial = run_entry (f, (const char *[]) { "dial", "Office Dial-Up (2)", "--phonebook",
                                          f->phonebook, NULL }, NULL);
  g_assert_cmpint (dial.status, ==, 2);
  g_assert_cmpstr (dial.out, ==, "");
  g_assert_true (g_str_has_prefix (dial.err, "dialtone-cli: “Office Dial-Up (2)” names no modem: "
                                             "give --device PATH, or keep one with "
                                             "“dialtone-cli entry set NAME --device PATH”"));
  assert_ports_listed (dial.err);
}

/* Export: the entry for wvdial and for Windows, never its password. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *hand = fixture_path ("wvdial-hand.conf");
  g_autofree char *contents = NULL;
  g_auto (Run) import = { 0 };
  g_auto (Run) wvdial = { 0 };
  g_auto (Run) pbk = { 0 };

  import = run_entry (f, (const char *[]) { "entry", "import", hand, NULL }, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "could not go to the keyring"));
  g_assert_true (g_file_get_contents (f->phonebook, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "wonderland"));

  wvdial = run_entry (f, (const char *[]) { "entry", "export", "isp", "--format", "wvdial", NULL },
                      NULL);
  g_assert_cmpint (wvdial.status, ==, 0);
  g_assert_nonnull (strstr (wvdial.out, "\n[Dialer isp]\nModem = /dev/ttyS0\nBaud = 115200\n"));
  g_assert_nonnull (strstr (wvdial.out, "\nPhone = 555-0100\nPhone1 = 555-0101\n"
                                        "Phone2 = 555-0102\nDial Prefix = 9\n"));
  g_assert_null (strstr (wvdial.out, "wonderland"));
  g_assert_null (strstr (wvdial.out, "\nPassword ="));

  pbk = run_entry (f, (const char *[]) { "entry", "export", "isp", "--format", "pbk", NULL }, NULL);
  g_assert_cmpint (pbk.status, ==, 0);
  g_assert_true (g_str_has_prefix (pbk.out, "[isp]\r\nEncoding=1\r\nType=1\r\n"));
  g_assert_nonnull (strstr (pbk.out, "\r\nPhoneNumber=9,555-0100\r\n"));
  g_assert_nonnull (strstr (pbk.err, "names no Linux port"));
}

/* A wvdial.conf for this ISP line, imported and dialed by name. */
static void
test_import_and_dial (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *reason = NULL;
  g_autofree char *conf = NULL, *text = NULL, *contents = NULL;
  g_auto (Run) import = { 0 };
  g_auto (Run) dial = { 0 };
  g_auto (Run) rules = { 0 };
  g_auto (Run) again = { 0 };
  g_autofree char *log = NULL;
  goffset offset;
  DtTestIsp *isp;
  char *line;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  text = g_strdup_printf ("[Dialer Defaults]\nModem = %s\nBaud = 115200\nStupid Mode = yes\n\n"
                          "[Dialer Test ISP]\nPhone = 5550110\nUsername = dialtone\n"
                          "Password = " ISP_PASSWORD "\n", line);
  conf = write_file (f, "wvdial.conf", text, -1);
  import = run_entry (f, (const char *[]) { "entry", "import", conf, NULL }, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "Imported 1 entry from "));
  g_assert_nonnull (strstr (import.out, "The password of “Test ISP” could not go to the keyring"));
  g_assert_true (g_file_get_contents (f->phonebook, &contents, NULL, NULL));
  g_assert_null (strstr (contents, ISP_PASSWORD));

  dial = run_entry (f, (const char *[]) { "dial", "Test ISP", "--phonebook", f->phonebook,
                                          "--password-stdin", "--no-network", "--hangup-after",
                                          "1", NULL }, ISP_PASSWORD "\n");
  g_assert_cmpint (dial.status, ==, 0);
  g_assert_nonnull (strstr (dial.out, " 5 Authenticate PAP\n"));
  g_assert_nonnull (strstr (dial.out, " 8192 Connected"));

  /* Dialing rules, from an unknown location: the long-distance form goes to the modem (the
   * ISP's modem answers on the last seven digits). */
  rules = run_entry (f, (const char *[]) { "entry", "set", "Test ISP", "--area-code", "425",
                                           "--country-code", "1", "--dialing-rules", "yes",
                                           NULL }, NULL);
  g_assert_cmpint (rules.status, ==, 0);
  offset = dt_test_isp_get_log_offset (isp);
  again = run_entry (f, (const char *[]) { "dial", "Test ISP", "--phonebook", f->phonebook,
                                           "--password-stdin", "--no-network", "--hangup-after",
                                           "1", NULL }, ISP_PASSWORD "\n");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, " 2 ConnectDevice 14255550110\n"));
  log = dt_test_isp_read_log_since (isp, line, offset);
  g_assert_nonnull (strstr (log, "14255550110"));
  dt_test_isp_release_line (isp, line);
  g_free (line);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/import/preview-json", test_preview_json);
  ADD ("/cli/import/exit-codes", test_exit_codes);
  ADD ("/cli/import/pbk-with-device", test_pbk_with_device);
  ADD ("/cli/import/export", test_export);
  ADD ("/cli/import/dial", test_import_and_dial);
  return g_test_run ();
}
