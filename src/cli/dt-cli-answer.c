/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli answer: Incoming Connections in the foreground, for a box without a desktop.
 * A modem (or a null-modem cable with --direct) answers calls with the settings and accounts
 * of incoming.ini, printing each state as `dial` does ("<ms> <state number> <StateName>
 * <detail>", or JSON lines), until Ctrl+C (exit 0), or after --calls calls.  A port that
 * cannot be used ends it with "error <code> <message>" and exit status 1. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>

#include "dt-answer.h"
#include "dt-cli.h"
#include "dt-cli-output.h"

typedef struct {
  GMainLoop *loop;
  DtAnswer *answer;
  DtCliOutput *out;
  guint calls_left;          /* 0: no limit */
  gboolean asked_to_stop;    /* Ctrl+C, or --calls reached */
  int exit_status;
} Answer;

static void
on_state_changed (DtAnswer   *answer,
                  guint       state,
                  const char *detail,
                  Answer     *a)
{
  dt_cli_output_state (a->out, state, detail, 0);
  if (state == DT_CONN_STATE_DISCONNECTED && a->calls_left > 0 && --a->calls_left == 0)
    {
      a->asked_to_stop = TRUE;
      dt_answer_stop (answer);
    }
}

static void
on_log (DtAnswer   *answer,
        const char *line,
        Answer     *a)
{
  fprintf (stderr, "%s\n", line);
}

static void
on_stopped (DtAnswer *answer,
            Answer   *a)
{
  guint code = dt_answer_get_error_code (answer);

  /* A port that cannot be used stops the server by itself. */
  if (!a->asked_to_stop && code != 0)
    {
      dt_cli_output_error (a->out, code, dt_answer_get_error_message (answer));
      a->exit_status = DT_CLI_EXIT_FAILURE;
    }
  g_main_loop_quit (a->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Answer *a = user_data;

  a->asked_to_stop = TRUE;
  dt_answer_stop (a->answer);
  return G_SOURCE_CONTINUE;
}

int
dt_cli_answer (int    argc,
               char **argv)
{
  g_autofree char *device = NULL, *incoming_path = NULL;
  gboolean direct = FALSE, json = FALSE, debug = FALSE, no_network = FALSE;
  int rings = 0, calls = 0;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtIncoming) incoming = NULL;
  Answer a = { 0 };
  const GOptionEntry options[] = {
    { "device", 0, 0, G_OPTION_ARG_FILENAME, &device, N_("Serial device of the modem that answers (default: the first of the settings)"), N_("PATH") },
    { "direct", 0, 0, G_OPTION_ARG_NONE, &direct, N_("The device is a direct serial cable: the call begins with the caller's PPP"), NULL },
    { "rings", 0, 0, G_OPTION_ARG_INT, &rings, N_("Rings before answering (default: the settings', 2)"), N_("N") },
    { "calls", 0, 0, G_OPTION_ARG_INT, &calls, N_("Stop after this many calls (default: never)"), N_("N") },
    { "no-network", 0, 0, G_OPTION_ARG_NONE, &no_network, N_("Connect callers without a network device"), NULL },
    { "incoming", 0, 0, G_OPTION_ARG_FILENAME, &incoming_path, N_("Incoming Connections settings file to use"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { "debug", 0, 0, G_OPTION_ARG_NONE, &debug, N_("Print the log and a PPP packet trace on stderr"), NULL },
    { NULL }
  };

  context = dt_cli_option_context ("answer",
                                   _("— answer calls: let others dial in to this computer"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc > 1)
    return dt_cli_usage_error (_("answer takes no arguments but its options"));
  if (rings < 0 || rings > 20 || calls < 0)
    return dt_cli_usage_error (_("--rings is 1 to 20, and --calls is not negative"));

  incoming = dt_incoming_new (incoming_path);
  if (!dt_incoming_load (incoming, &error))
    return dt_cli_usage_error (error->message);
  if (device == NULL)
    {
      const char * const *modems = dt_incoming_get_devices (incoming);
      const char * const *cables = dt_incoming_get_direct_devices (incoming);

      if (modems[0] != NULL)
        device = g_strdup (modems[0]);
      else if (cables[0] != NULL)
        {
          device = g_strdup (cables[0]);
          direct = TRUE;
        }
      else
        return dt_cli_usage_error (_("Give --device, or choose a modem in Incoming Connections"));
    }

  a.loop = g_main_loop_new (NULL, FALSE);
  a.out = dt_cli_output_new (json, stdout);
  a.calls_left = calls;
  a.answer = dt_answer_new (incoming, device, direct ? DT_DEVICE_TYPE_DIRECT
                                                     : DT_DEVICE_TYPE_MODEM);
  dt_answer_set_rings (a.answer, rings);
  dt_answer_set_trace (a.answer, debug);
  if (no_network)
    dt_answer_set_network_mode (a.answer, DT_NETWORK_NONE);
  g_signal_connect (a.answer, "state-changed", G_CALLBACK (on_state_changed), &a);
  g_signal_connect (a.answer, "stopped", G_CALLBACK (on_stopped), &a);
  if (debug)
    g_signal_connect (a.answer, "log", G_CALLBACK (on_log), &a);
  g_unix_signal_add (SIGINT, on_signal, &a);
  g_unix_signal_add (SIGTERM, on_signal, &a);

  dt_answer_start (a.answer);
  g_main_loop_run (a.loop);

  g_signal_handlers_disconnect_by_data (a.answer, &a);
  g_clear_object (&a.answer);
  dt_cli_output_free (a.out);
  g_main_loop_unref (a.loop);
  return a.exit_status;
}
