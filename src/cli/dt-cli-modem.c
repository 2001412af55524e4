/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli modem query PORT [--json] [--speed BPS]: "Query Modem" from a terminal.  Each
 * command and its answer, then the one-line summary last; or one JSON object.  Ctrl+C
 * cancels, and the port is left closed and unlocked either way.  A port that cannot be
 * opened ends with "error 633 <why>", as a dial does. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "dt-cli.h"
#include "dt-cli-output.h"
#include "dt-error.h"
#include "dt-modem-query.h"

static const char *
status_name (DtModemQueryStatus status)
{
  switch (status)
    {
    case DT_MODEM_QUERY_OK: return "ok";
    case DT_MODEM_QUERY_ERROR: return "error";
    case DT_MODEM_QUERY_NO_ANSWER:
    default: return "no-answer";
    }
}

static void
print_text (DtModemQuery *query)
{
  GPtrArray *answers = dt_modem_query_get_answers (query);

  for (guint i = 0; i < answers->len; i++)
    {
      const DtModemQueryAnswer *a = g_ptr_array_index (answers, i);
      g_auto (GStrv) lines = g_strsplit (a->text, "\n", -1);

      if (a->status == DT_MODEM_QUERY_ERROR && a->text[0] == '\0')
        printf ("%-12s ERROR\n", a->command);
      else if (a->status == DT_MODEM_QUERY_NO_ANSWER && a->text[0] == '\0')
        printf ("%-12s %s\n", a->command, _("(no answer)"));
      else
        for (guint l = 0; lines[l] != NULL; l++)
          printf ("%-12s %s\n", l == 0 ? a->command : "", lines[l]);
    }
  /* Translators: the last line of "dialtone-cli modem query": what the modem is. */
  printf (_("Summary: %s\n"), dt_modem_query_get_summary (query));
}

static void
print_json (DtModemQuery *query)
{
  GPtrArray *answers = dt_modem_query_get_answers (query);
  g_autofree char *device = dt_cli_json_escape (dt_modem_query_get_device (query));
  g_autofree char *summary = dt_cli_json_escape (dt_modem_query_get_summary (query));
  g_autoptr (GString) list = g_string_new ("[");

  for (guint i = 0; i < answers->len; i++)
    {
      const DtModemQueryAnswer *a = g_ptr_array_index (answers, i);
      g_autofree char *command = dt_cli_json_escape (a->command);
      g_autofree char *text = dt_cli_json_escape (a->text);

      g_string_append_printf (list, "%s{\"command\":\"%s\",\"status\":\"%s\",\"text\":\"%s\"}",
                              i > 0 ? "," : "", command, status_name (a->status), text);
    }
  g_string_append_c (list, ']');
  printf ("{\"device\":\"%s\",\"summary\":\"%s\",\"answers\":%s}\n", device, summary, list->str);
}

static gboolean
on_signal (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

static int
modem_query (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  int speed = 115200;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtModemQuery) query = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) failure = NULL;
  guint sigint, sigterm;
  const GOptionEntry options[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "speed", 0, 0, G_OPTION_ARG_INT, &speed, N_("Port speed in bps (default 115200)"),
      N_("BPS") },
    { NULL }
  };

  context = dt_cli_option_context ("modem query", _("PORT — ask the modem on PORT what it is"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("Give exactly one port, such as /dev/ttyUSB0"));
  if (speed <= 0)
    return dt_cli_usage_error (_("The speed must be a positive number of bps"));

  query = dt_modem_query_new (argv[1], NULL, (guint) speed);
  sigint = g_unix_signal_add (SIGINT, on_signal, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, cancellable);
  dt_modem_query_run_async (query, cancellable, dt_cli_keep_result, &result);
  dt_cli_wait (&result);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (!dt_modem_query_run_finish (query, result, &failure))
    {
      guint code = failure->domain == DT_RAS_ERROR ? (guint) failure->code
                                                   : DT_RAS_ERROR_USER_DISCONNECTION;
      g_autoptr (DtCliOutput) output = dt_cli_output_new (json, stdout);

      dt_cli_output_error (output, code, failure->message);
      return DT_CLI_EXIT_FAILURE;
    }
  if (json)
    print_json (query);
  else
    print_text (query);
  return 0;
}

/**
 * dt_cli_modem:
 *
 * "dialtone-cli modem query PORT": the modem commands.
 */
int
dt_cli_modem (int    argc,
              char **argv)
{
  /* "modem --help" shows the query's options: it is the only modem command. */
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    return modem_query (argc, argv);
  if (argc < 2 || !g_str_equal (argv[1], "query"))
    return dt_cli_usage_error (_("Usage: dialtone-cli modem query PORT [--json]"));
  return modem_query (argc - 1, argv + 1);
}
