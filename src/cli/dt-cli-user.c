/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli user add|set|remove|list: the accounts that may dial in (Incoming
 * Connections).  A password comes from the first line of standard input (--password-stdin)
 * or from a prompt that does not echo, asked twice; never from the command line.  It goes to
 * the keyring; incoming.ini keeps the rest. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dt-cli.h"
#include "dt-cli-output.h"
#include "dt-dialin-secrets.h"
#include "dt-incoming.h"
#include "dt-wipe.h"

/* One line from the terminal with echo off. */
static char *
prompt_secret (const char *prompt)
{
  struct termios saved, quiet;
  g_autofree char *line = NULL;
  size_t size = 0;
  gboolean restore;

  fputs (prompt, stderr);
  fflush (stderr);
  restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (getline (&line, &size, stdin) < 0)
    g_clear_pointer (&line, g_free);
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);
  if (line != NULL)
    line[strcspn (line, "\r\n")] = '\0';
  return g_steal_pointer (&line);
}

/* The new password: from stdin, or asked twice at the terminal.  NULL with a message. */
static char *
read_new_password (const char  *user,
                   gboolean     from_stdin,
                   GError     **error)
{
  g_autofree char *prompt = NULL;
  char *first;
  char *second;

  if (from_stdin)
    first = dt_cli_read_password_stdin ();
  else if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No terminal to ask the password at: use --password-stdin"));
      return NULL;
    }
  else
    {
      prompt = g_strdup_printf (_("Password for %s: "), user);
      first = prompt_secret (prompt);
      second = prompt_secret (_("Type it again: "));
      if (first == NULL || second == NULL || strcmp (first, second) != 0)
        {
          dt_wipe_free (first);
          dt_wipe_free (second);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The passwords do not match"));
          return NULL;
        }
      dt_wipe_free (second);
    }
  if (first == NULL || first[0] == '\0')
    {
      dt_wipe_free (first);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The password is empty"));
      return NULL;
    }
  return first;
}

static gboolean
store_password (const char  *user,
                const char  *password,
                GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_dialin_secrets_store_async (user, password, NULL, dt_cli_keep_result, &result);
  return dt_dialin_secrets_store_finish (dt_cli_wait (&result), error);
}

static void
clear_password (const char *user)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_dialin_secrets_clear_async (user, NULL, dt_cli_keep_result, &result);
  dt_dialin_secrets_clear_finish (dt_cli_wait (&result), NULL);
}

static int
fail (const char *message)
{
  fprintf (stderr, "dialtone-cli: %s\n", message);
  return DT_CLI_EXIT_FAILURE;
}

static int
user_list (DtIncoming *incoming,
           gboolean    json)
{
  GListModel *users = dt_incoming_get_users (incoming);

  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr (DtDialinUser) user = g_list_model_get_item (users, i);
      const char *callback = dt_dialin_callback_to_string (dt_dialin_user_get_callback (user));
      const char *number = dt_dialin_user_get_callback_number (user);

      if (json)
        {
          g_autofree char *name = dt_cli_json_escape (dt_dialin_user_get_name (user));
          g_autofree char *num = dt_cli_json_escape (number);

          printf ("{\"name\":\"%s\",\"enabled\":%s,\"callback\":\"%s\","
                  "\"callback_number\":%s%s%s}\n",
                  name, dt_dialin_user_get_enabled (user) ? "true" : "false", callback,
                  number ? "\"" : "", number ? num : "null", number ? "\"" : "");
        }
      else
        printf ("%s\t%s\t%s%s%s\n", dt_dialin_user_get_name (user),
                dt_dialin_user_get_enabled (user) ? _("enabled") : _("disabled"), callback,
                number ? " " : "", number ? number : "");
    }
  return 0;
}

/* --enable/--disable, --callback, --callback-number on @user. */
static gboolean
apply_options (DtDialinUser  *user,
               gboolean       enable,
               gboolean       disable,
               const char    *callback,
               const char    *number,
               GError       **error)
{
  DtDialinCallback mode;

  if (enable && disable)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--enable and --disable contradict each other"));
      return FALSE;
    }
  if (callback != NULL && !dt_dialin_callback_from_string (callback, &mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--callback must be none, caller or preset"));
      return FALSE;
    }
  if (number != NULL && number[0] != '\0' && !dt_dialin_callback_number_is_valid (number))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a phone number"), number);
      return FALSE;
    }
  if (enable || disable)
    dt_dialin_user_set_enabled (user, enable);
  if (callback != NULL)
    dt_dialin_user_set_callback (user, mode);
  if (number != NULL)
    dt_dialin_user_set_callback_number (user, number);
  if (dt_dialin_user_get_callback (user) == DT_DIALIN_CALLBACK_PRESET &&
      dt_dialin_user_get_callback_number (user) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A preset callback needs --callback-number"));
      return FALSE;
    }
  return TRUE;
}

/* The options each subcommand takes, from @all: their long names, space-separated. */
static GOptionEntry *
options_for (const char         *command,
             const GOptionEntry *all)
{
  const char *names = g_str_equal (command, "add") ? " password-stdin disable callback "
                                                     "callback-number incoming "
                      : g_str_equal (command, "set") ? " password-stdin password enable disable "
                                                       "callback callback-number incoming "
                      : g_str_equal (command, "list") ? " json incoming " : " incoming ";
  GArray *chosen = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  for (const GOptionEntry *e = all; e->long_name != NULL; e++)
    {
      g_autofree char *word = g_strdup_printf (" %s ", e->long_name);

      if (strstr (names, word) != NULL)
        g_array_append_val (chosen, *e);
    }
  return (GOptionEntry *) g_array_free (chosen, FALSE);
}

int
dt_cli_user (int    argc,
             char **argv)
{
  g_autofree char *incoming_path = NULL, *callback = NULL, *number = NULL;
  gboolean password_stdin = FALSE, ask_password = FALSE, enable = FALSE, disable = FALSE;
  gboolean json = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtIncoming) incoming = NULL;
  g_autoptr (DtDialinUser) user = NULL;
  g_autofree GOptionEntry *options = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *prgname = NULL;
  const char *command;
  const char *name;
  char *password = NULL;
  const GOptionEntry all[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "password", 0, 0, G_OPTION_ARG_NONE, &ask_password, N_("Ask for a new password, without echo"), NULL },
    { "enable", 0, 0, G_OPTION_ARG_NONE, &enable, N_("The account may dial in"), NULL },
    { "disable", 0, 0, G_OPTION_ARG_NONE, &disable, N_("The account may not dial in"), NULL },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &callback, N_("Callback: none, caller (the caller gives a number) or preset"), N_("MODE") },
    { "callback-number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The number a preset callback dials"), N_("NUMBER") },
    { "incoming", 0, 0, G_OPTION_ARG_FILENAME, &incoming_path, N_("Incoming Connections settings file to use"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  command = argc >= 2 ? argv[1] : "";
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "-?"))
    {
      printf ("%s", _("Usage:\n"
                      "  dialtone-cli user COMMAND [OPTION…] [NAME] — the users who may dial in\n"
                      "\n"
                      "Commands:\n"
                      "  add       Add a user, with a password\n"
                      "  set       Change a user\n"
                      "  remove    Remove a user, and their password\n"
                      "  list      List the users\n"
                      "\n"
                      "Run “dialtone-cli user COMMAND --help” for a command's options.\n"));
      return 0;
    }
  if (!(g_str_equal (command, "add") || g_str_equal (command, "set") ||
        g_str_equal (command, "remove") || g_str_equal (command, "list")))
    return dt_cli_usage_error (_("Give a command: add, set, remove or list"));
  options = options_for (command, all);
  summary = g_strdup (g_str_equal (command, "list") ? _("— the users who may dial in")
                      : g_str_equal (command, "add") ? _("NAME — add a user who may dial in")
                      : g_str_equal (command, "set") ? _("NAME — change a user who may dial in")
                      : _("NAME — remove a user who may dial in"));
  prgname = g_strconcat ("user ", command, NULL);
  context = dt_cli_option_context (prgname, summary);
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  argc--, argv++;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  incoming = dt_incoming_new (incoming_path);
  if (!dt_incoming_load (incoming, &error))
    return fail (error->message);
  if (g_str_equal (command, "list") && argc == 1)
    return user_list (incoming, json);
  if (argc != 2 || g_str_equal (command, "list"))
    return dt_cli_usage_error (_("Usage: user add|set|remove NAME, or user list"));
  name = argv[1];

  if (g_str_equal (command, "remove"))
    {
      if (!dt_incoming_remove_user (incoming, name))
        return fail (_("No such user"));
      if (!dt_incoming_save (incoming, &error))
        return fail (error->message);
      clear_password (name);
      return 0;
    }

  if (g_str_equal (command, "add"))
    user = dt_incoming_add_user (incoming, name, &error);
  else
    user = dt_incoming_find_user (incoming, name);
  if (user == NULL)
    return fail (error != NULL ? error->message : _("No such user"));
  if (!apply_options (user, enable, disable, callback, number, &error))
    return dt_cli_usage_error (error->message);
  if (g_str_equal (command, "add") || password_stdin || ask_password)
    {
      gboolean stored;

      password = read_new_password (dt_dialin_user_get_name (user), password_stdin, &error);
      if (password == NULL)
        return fail (error->message);
      stored = store_password (dt_dialin_user_get_name (user), password, &error);
      dt_wipe_free (password);
      if (!stored)
        return fail (error->message);
    }
  if (!dt_incoming_save (incoming, &error))
    return fail (error->message);
  return 0;
}
