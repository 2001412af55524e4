/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli and the user's own modem.  `modem query` against the ISP's modem (which
 * answers as a U.S. Robotics 56K Faxmodem): each command's answer and the summary, as text
 * and as JSON, and the commands seen by the modem; a folder and a missing port refused with
 * 633.  Then `dial` as an unprivileged user (setpriv: uid and gid 65534, no groups) on a
 * root:dialout 0660 port: error 633, naming the group and the exact command; and the same
 * user listed in dialout in the group database (a private mount namespace binds a copy of
 * /etc/group that says so) but not in its session: log out and in. */

#include "config.h"

#include <fcntl.h>
#include <grp.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pty.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dt-test-cli.h"
#include "dt-test-isp.h"

/* What one run of dialtone-cli gave. */
typedef DtTestCliRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, dt_test_cli_run_clear)

#define NOBODY 65534

/* Runs @argv (NULL-terminated) with a config folder of its own, in English. */
static Run
run (const char * const *argv,
     const char         *home)
{
  g_autoptr (GSubprocessLauncher) launcher = dt_test_cli_launcher_new ();
  g_autofree char *config = g_build_filename (home, "config", NULL);

  g_subprocess_launcher_set_child_setup (launcher, dt_test_isp_child_dies_with_parent, NULL,
                                         NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent",
                                TRUE);
  return dt_test_cli_run (launcher, argv, "secret\n");
}

static const char *
last_line (const char *out)
{
  static char buf[1024];
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && *lines[n - 1] == '\0')
    n--;
  g_strlcpy (buf, n ? lines[n - 1] : "", sizeof buf);
  return buf;
}

static DtTestIsp *
get_isp (void)
{
  g_autofree char *reason = NULL;

  /* The ISP is part of these tests: without it they fail, they do not skip. */
  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  return dt_test_isp_get ();
}

static void
test_query (void)
{
  DtTestIsp *isp = get_isp ();
  g_autofree char *line = dt_test_isp_acquire_line (isp);
  goffset offset = dt_test_isp_get_log_offset (isp);
  g_autofree char *home = g_dir_make_tmp ("dialtone-cli-XXXXXX", NULL);
  const char *text_argv[] = { DIALTONE_CLI_PATH, "modem", "query", line, NULL };
  const char *json_argv[] = { DIALTONE_CLI_PATH, "modem", "query", line, "--json", NULL };
  g_auto (Run) text = run (text_argv, home);
  g_auto (Run) json = run (json_argv, home);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;
  JsonObject *object;
  JsonArray *answers;

  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "ATI          5601\n"));
  g_assert_nonnull (strstr (text.out, "ATI3         U.S. Robotics 56K FAX EXT V4.12.1\n"));
  g_assert_nonnull (strstr (text.out, "                BAUD=115200  PARITY=N  WORDLEN=8\n"));
  g_assert_nonnull (strstr (text.out, "AT+FCLASS=?  0,1,2.0\n"));
  g_assert_cmpstr (last_line (text.out), ==, "Summary: U.S. Robotics 56K FAX EXT, data and fax");

  g_assert_cmpint (json.status, ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "summary"), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");
  answers = json_object_get_array_member (object, "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 7);
  object = json_array_get_object_element (answers, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "command"), ==, "AT+GMM");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, "U.S. Robotics 56K FAX EXT");

  /* What the modem received, in order, twice. */
  log = dt_test_isp_read_log_since (isp, line, offset);
  g_assert_nonnull (strstr (log, "modem: <- ATI\n"));
  g_assert_nonnull (strstr (log, "modem: <- AT+GMR\n"));
  g_assert_nonnull (strstr (log, "modem: <- AT+FCLASS=?\n"));
  dt_test_isp_release_line (isp, line);
  g_rmdir (home);
}

static void
test_query_not_a_port (void)
{
  g_autofree char *home = g_dir_make_tmp ("dialtone-cli-XXXXXX", NULL);
  g_autofree char *gone = g_build_filename (home, "ttyUSB7", NULL);
  const char *folder_argv[] = { DIALTONE_CLI_PATH, "modem", "query", home, NULL };
  const char *gone_argv[] = { DIALTONE_CLI_PATH, "modem", "query", gone, "--json", NULL };
  g_auto (Run) folder = run (folder_argv, home);
  g_auto (Run) missing = run (gone_argv, home);
  g_autofree char *expected = g_strdup_printf ("error 633 %s is a folder, not a serial port.",
                                               home);

  g_assert_cmpint (folder.status, ==, 1);
  g_assert_true (g_str_has_prefix (last_line (folder.out), expected));
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.out, "\"error\":633"));
  g_assert_nonnull (strstr (missing.out, "does not exist"));
  g_rmdir (home);
}

/* A pty slave made root:dialout 0660, as udev makes a USB modem's port. */
static char *
dialout_port (int *master,
              int *slave)
{
  char name[64];
  struct group *dialout = getgrnam ("dialout");

  g_assert_nonnull (dialout);
  g_assert_cmpint (openpty (master, slave, name, NULL, NULL), ==, 0);
  g_assert_cmpint (chown (name, 0, dialout->gr_gid), ==, 0);
  g_assert_cmpint (chmod (name, 0660), ==, 0);
  return g_strdup (name);
}

static char *
home_for_nobody (void)
{
  char *home = g_dir_make_tmp ("dialtone-nobody-XXXXXX", NULL);

  g_assert_cmpint (chown (home, NOBODY, NOBODY), ==, 0);
  return home;
}

static void
test_dial_unprivileged (void)
{
  int master, slave;
  g_autofree char *port = dialout_port (&master, &slave);
  g_autofree char *home = home_for_nobody ();
  const char *argv[] = {
    "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
    DIALTONE_CLI_PATH, "dial", "--device", port, "--number", "555-0100",
    "--user", "dialtone", "--password-stdin", NULL
  };
  g_auto (Run) r = run (argv, home);
  const char *last = last_line (r.out);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (last, "error 633 "));
  g_assert_nonnull (strstr (last, port));
  g_assert_nonnull (strstr (last, "“dialout” group"));
  g_assert_nonnull (strstr (last, "sudo usermod -aG dialout nobody"));
  g_assert_nonnull (strstr (last, "log out and log in again"));
  /* Nothing reached the line. */
  g_assert_cmpint (fcntl (master, F_SETFL, O_NONBLOCK), ==, 0);
  {
    char byte;

    g_assert_cmpint (read (master, &byte, 1), ==, -1);
  }
  close (master);
  close (slave);
  g_rmdir (home);
}

static void
test_dial_added_not_relogged (void)
{
  int master, slave;
  g_autofree char *port = dialout_port (&master, &slave);
  g_autofree char *home = home_for_nobody ();
  g_autofree char *group_file = g_build_filename (home, "group", NULL);
  g_autofree char *groups = NULL;
  g_autoptr (GString) edited = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *script = NULL;
  const char *argv[] = { "unshare", "-m", "--propagation", "private", "sh", "-c", NULL, NULL };
  g_autoptr (GError) error = NULL;

  /* /etc/group as usermod -aG dialout nobody leaves it, seen only by this command. */
  g_assert_true (g_file_get_contents ("/etc/group", &groups, NULL, &error));
  lines = g_strsplit (groups, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "dialout:"))
      g_string_append_printf (edited, "%s%snobody\n", lines[i],
                              g_str_has_suffix (lines[i], ":") ? "" : ",");
    else if (lines[i][0] != '\0')
      g_string_append_printf (edited, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (group_file, edited->str, -1, &error));
  g_assert_cmpint (chmod (group_file, 0644), ==, 0);
  script = g_strdup_printf ("mount --bind %s /etc/group && exec setpriv --reuid=65534 "
                            "--regid=65534 --clear-groups -- %s dial --device %s "
                            "--number 555-0100 --user dialtone --password-stdin",
                            group_file, DIALTONE_CLI_PATH, port);
  argv[6] = script;
  {
    g_auto (Run) r = run (argv, home);
    const char *last = last_line (r.out);

    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (last, "error 633 "));
    g_assert_nonnull (strstr (last, "you were added to the “dialout” group after this session "
                                    "started"));
    g_assert_nonnull (strstr (last, "Log out and log in again"));
    g_assert_null (strstr (last, "usermod"));
  }
  close (master);
  close (slave);
  g_unlink (group_file);
  g_rmdir (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/modem/query", test_query);
  g_test_add_func ("/cli/modem/query-not-a-port", test_query_not_a_port);
  g_test_add_func ("/cli/permission/not-in-group", test_dial_unprivileged);
  g_test_add_func ("/cli/permission/added-not-relogged", test_dial_added_not_relogged);
  return g_test_run ();
}
