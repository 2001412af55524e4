/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli: dial from a terminal or a script, and manage phonebook entries. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "dt-cli.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  dialtone-cli dial ENTRY [OPTION…]\n"
             "  dialtone-cli dial --device PATH --number NUMBER [OPTION…]\n"
             "  dialtone-cli entry list|show|set|remove|import|export …\n"
             "  dialtone-cli error [CODE…]\n"
             "  dialtone-cli answer [--device PATH] [--rings N] [--json]\n"
             "  dialtone-cli user add|set|remove|list …\n"
             "  dialtone-cli modem query PORT [--json]\n"
             "\n"
             "Options:\n"
             "  -h, --help     Print the commands and exit\n"
             "  --version      Print the version and exit\n"
             "\n"
             "Run “dialtone-cli COMMAND --help” for a command's options.\n"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("DIALTONE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* stdout is for what a script reads (the state lines, --json): GLib's messages, debug ones
   * with G_MESSAGES_DEBUG included, go to stderr with the --debug log. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2)
    {
      print_usage (stderr);
      return DT_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("dialtone-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Each command parses its own options, with its name as argv[0]. */
  if (g_str_equal (argv[1], "dial"))
    return dt_cli_dial (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "entry"))
    return dt_cli_entry (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "error"))
    return dt_cli_error (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "answer"))
    return dt_cli_answer (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "user"))
    return dt_cli_user (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "modem"))
    return dt_cli_modem (argc - 1, argv + 1);
  /* For the shell completions; in no --help. */
  if (g_str_equal (argv[1], "__complete"))
    return dt_cli_complete (argc - 1, argv + 1);

  fprintf (stderr, _("dialtone-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return DT_CLI_EXIT_USAGE;
}
