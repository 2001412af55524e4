/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone-cli dial`: rasdial for Linux.  Dials a phonebook entry, or a device and number
 * given on the command line, prints every state change, stays connected until SIGINT,
 * SIGTERM or --hangup-after, and answers the paused states on the terminal when there is
 * one.  Without one (or with --password-stdin, which takes stdin) no one can answer: the
 * engine ends the dial with the code of what the server needed (691, 648, or 703 for a
 * callback number), except that the Interactive pause goes on to PPP.  Passwords come from
 * the keyring, from stdin (--password-stdin) or from a no-echo prompt: never from argv or
 * the environment. */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dt-cli.h"
#include "dt-cli-output.h"
#include "dt-connection.h"
#include "dt-phonebook.h"
#include "dt-secrets.h"

typedef struct {
  GMainLoop *loop;
  DtConnection *connection;
  DtCliOutput *out;
  GCancellable *cancellable;
  DtEntry *entry;
  DtCredentials *credentials;
  gboolean interactive;      /* stdin is a terminal: the paused states may prompt */
  gboolean connected;
  gboolean hanging_up;
  guint hangup_after;
  guint hangup_source;
  int exit_status;
  GDataInputStream *input;   /* the terminal, for the prompt that must not stop the link */
  GCancellable *prompt;      /* the callback number's read, while the pause lasts */
  char *suggestion;          /* the last callback number, offered by the prompt */
  guint tries;
} Dial;

static void
dial_clear (Dial *d)
{
  g_clear_handle_id (&d->hangup_source, g_source_remove);
  if (d->prompt != NULL)
    g_cancellable_cancel (d->prompt);
  g_clear_object (&d->prompt);
  g_clear_object (&d->input);
  g_clear_pointer (&d->suggestion, g_free);
  g_clear_object (&d->connection);
  g_clear_object (&d->cancellable);
  g_clear_object (&d->entry);
  g_clear_pointer (&d->credentials, dt_credentials_free);
  g_clear_pointer (&d->out, dt_cli_output_free);
  g_clear_pointer (&d->loop, g_main_loop_unref);
}

/* Reads one line from the terminal without echo.  Used only in paused states, when the
 * engine is waiting anyway, so a blocking read does not starve the link. */
static char *
prompt_secret (const char *prompt)
{
  struct termios saved, quiet;
  g_autofree char *line = NULL;
  size_t size = 0;
  ssize_t n;
  gboolean restore;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  n = getline (&line, &size, stdin);
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fprintf (stderr, "\n");
  if (n < 0)
    return NULL;
  g_strchomp (line);
  return g_steal_pointer (&line);
}

static char *
prompt_line (const char *prompt)
{
  g_autofree char *line = NULL;
  size_t size = 0;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  if (getline (&line, &size, stdin) < 0)
    return NULL;
  g_strchomp (line);
  return g_steal_pointer (&line);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

/* No terminal to ask at: the dial ends with what the server needed, not as a hang-up. */
static void
decline (Dial *d)
{
  dt_connection_decline_pause (d->connection, NULL);
}

static void
answer_retry_authentication (Dial *d)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = NULL;
  char *password;

  if (!d->interactive)
    {
      decline (d);
      return;
    }
  fprintf (stderr, "%s\n", dt_connection_get_pause_message (d->connection)
                           ? dt_connection_get_pause_message (d->connection)
                           : _("The user name or password was not accepted."));
  user = prompt_line (_("User name: "));
  password = prompt_secret (_("Password: "));
  if (user == NULL || password == NULL ||
      !dt_connection_retry_authentication (d->connection, user, password,
                                           d->credentials->domain, &error))
    dt_connection_hang_up (d->connection);
  wipe_free (password);
}

static void
answer_password_expired (Dial *d)
{
  g_autoptr (GError) error = NULL;
  char *old_pw = NULL, *new_pw = NULL, *confirm = NULL;

  if (!d->interactive)
    {
      decline (d);
      return;
    }
  fprintf (stderr, "%s\n", _("Your password has expired and must be changed."));
  old_pw = prompt_secret (_("Old password: "));
  new_pw = prompt_secret (_("New password: "));
  confirm = prompt_secret (_("Confirm new password: "));
  if (old_pw == NULL || new_pw == NULL || confirm == NULL || strcmp (new_pw, confirm) != 0)
    {
      if (new_pw && confirm)
        fprintf (stderr, "%s\n", _("The new passwords do not match."));
      dt_connection_hang_up (d->connection);
    }
  else if (!dt_connection_change_password (d->connection, old_pw, new_pw, &error))
    {
      dt_connection_hang_up (d->connection);
    }
  wipe_free (old_pw);
  wipe_free (new_pw);
  wipe_free (confirm);
}

static void prompt_callback_number (Dial *d);

static void
on_callback_number_read (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Dial *d = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char *number;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&d->prompt);
  if (dt_connection_get_state (d->connection) != DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    return;
  if (line == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
  g_clear_error (&error);
  g_strstrip (line);
  /* "none" declines the callback; Enter alone takes the number offered, and with none
   * offered declines it too (the engine's empty number), where the server allows that. */
  if (g_ascii_strcasecmp (line, "none") == 0)
    number = "";
  else if (line[0] == '\0' && d->suggestion != NULL)
    number = d->suggestion;
  else
    number = line;
  if (dt_connection_set_callback_number (d->connection, number, &error))
    return;
  fprintf (stderr, "%s\n", error->message);
  if (++d->tries < 3 && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ||
                         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)))
    prompt_callback_number (d);
  else
    dt_connection_hang_up (d->connection);
}

/* The number is read without blocking the main loop: the server repeats its
 * Callback-Request meanwhile, and the answer must carry the last one's Identifier. */
static void
prompt_callback_number (Dial *d)
{
  g_autofree char *prompt = NULL;
  gboolean optional = dt_connection_get_callback_optional (d->connection);

  if (optional && d->suggestion != NULL)
    {
      /* Translators: "none" is what the user types, in English. */
      prompt = g_strdup_printf (_("Callback number [%s], or “none” for no callback: "),
                                d->suggestion);
    }
  else if (optional)
    prompt = g_strdup (_("Callback number (Enter alone: no callback): "));
  else if (d->suggestion != NULL)
    prompt = g_strdup_printf (_("Callback number [%s]: "), d->suggestion);
  else
    prompt = g_strdup (_("Callback number: "));
  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  if (d->input == NULL)
    {
      g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      d->input = g_data_input_stream_new (in);
    }
  d->prompt = g_cancellable_new ();
  g_data_input_stream_read_line_async (d->input, G_PRIORITY_DEFAULT, d->prompt,
                                       on_callback_number_read, d);
}

static void
answer_callback (Dial *d)
{
  const char *message = dt_connection_get_pause_message (d->connection);

  if (!d->interactive)
    {
      decline (d);
      return;
    }
  if (d->prompt != NULL)
    return;
  if (message != NULL)
    fprintf (stderr, "%s\n", message);
  d->tries = 0;
  prompt_callback_number (d);
}

static void
answer_interactive (Dial *d)
{
  g_autoptr (GError) error = NULL;

  /* A script or a terminal user cannot take part in a terminal login from here: the GUI's
   * terminal window and the entry's login script do.  Going on lets a server that needs no
   * login start PPP; one that does will time out with a clear error. */
  if (!dt_connection_continue_interactive (d->connection, &error))
    dt_connection_hang_up (d->connection);
}

static gboolean
on_answer_pause (gpointer user_data)
{
  Dial *d = user_data;

  switch (dt_connection_get_state (d->connection))
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      answer_retry_authentication (d);
      break;
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      answer_password_expired (d);
      break;
    case DT_CONN_STATE_CALLBACK_SET_BY_CALLER:
      answer_callback (d);
      break;
    case DT_CONN_STATE_INTERACTIVE:
      answer_interactive (d);
      break;
    default:
      /* A pause this program has no prompt for (InvokeEapUI). */
      if (dt_conn_state_is_paused (dt_connection_get_state (d->connection)))
        decline (d);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
on_connection_state_changed (DtConnection *connection,
                             guint         state,
                             const char   *detail,
                             Dial         *d)
{
  dt_cli_output_state (d->out, state, detail);

  if (state == DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    {
      g_free (d->suggestion);
      d->suggestion = g_strdup (detail);
    }
  else if (d->prompt != NULL)
    {
      /* The pause ended without the prompt (the server hung up, a signal). */
      g_cancellable_cancel (d->prompt);
      g_clear_object (&d->prompt);
    }

  /* Answer the pause from an idle, after every handler of this emission has run. */
  if (dt_conn_state_is_paused (state))
    g_idle_add (on_answer_pause, d);

  if (state == DT_CONN_STATE_DISCONNECTED && d->connected)
    {
      guint code = dt_connection_get_error_code (connection);

      /* A dial that was up ends well only when we hung up ourselves. */
      if (code != DT_RAS_ERROR_USER_DISCONNECTION || !d->hanging_up)
        {
          dt_cli_output_error (d->out, code, dt_connection_get_error_message (connection));
          d->exit_status = 1;
        }
      g_main_loop_quit (d->loop);
    }
}

static void
on_connection_log (DtConnection *connection,
                   const char   *line,
                   Dial         *d)
{
  fprintf (stderr, "%s\n", line);
}

static void
hang_up (Dial *d)
{
  d->hanging_up = TRUE;
  g_cancellable_cancel (d->cancellable);
  dt_connection_hang_up (d->connection);
}

static gboolean
on_hangup_timeout (gpointer user_data)
{
  Dial *d = user_data;

  d->hangup_source = 0;
  hang_up (d);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer user_data)
{
  Dial *d = user_data;

  hang_up (d);
  return G_SOURCE_CONTINUE;
}

static void
on_dial_finished (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Dial *d = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtConnStatus) status = NULL;

  if (!dt_connection_dial_finish (DT_CONNECTION (object), result, &error))
    {
      guint code = error->domain == DT_RAS_ERROR ? (guint) error->code : DT_RAS_ERROR_DISCONNECTION;

      dt_cli_output_error (d->out, code, error->message);
      d->exit_status = 1;
      g_main_loop_quit (d->loop);
      return;
    }

  d->connected = TRUE;
  status = dt_connection_get_status (d->connection);
  dt_cli_output_connected (d->out, status);
  if (d->hangup_after > 0)
    d->hangup_source = g_timeout_add_seconds (d->hangup_after, on_hangup_timeout, d);
}

static void
start_dial (Dial *d)
{
  dt_connection_dial_async (d->connection, d->entry, d->credentials, d->cancellable,
                            on_dial_finished, d);
}

static void
on_password_looked_up (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Dial *d = user_data;
  g_autoptr (GError) error = NULL;
  char *password = dt_secrets_lookup_finish (result, &error);

  if (password != NULL)
    {
      wipe_free (d->credentials->password);
      d->credentials->password = g_strdup (password);
      dt_secrets_password_free (password);
    }
  else if (error != NULL)
    {
      dt_cli_output_note (d->out, "%s", error->message);
    }
  if (password == NULL && d->interactive)
    {
      wipe_free (d->credentials->password);
      d->credentials->password = prompt_secret (_("Password: "));
    }
  start_dial (d);
}

static gboolean
parse_auth (const char     *text,
            DtAuthMethods  *methods,
            GError        **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  *methods = 0;
  for (guint i = 0; names[i]; i++)
    {
      const char *n = g_strstrip (names[i]);

      if (g_ascii_strcasecmp (n, "pap") == 0)
        *methods |= DT_AUTH_PAP;
      else if (g_ascii_strcasecmp (n, "chap") == 0)
        *methods |= DT_AUTH_CHAP;
      else if (g_ascii_strcasecmp (n, "mschapv2") == 0 || g_ascii_strcasecmp (n, "ms-chapv2") == 0)
        *methods |= DT_AUTH_MSCHAPV2;
      else if (*n != '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown authentication method “%s”: use pap, chap or mschapv2"), n);
          return FALSE;
        }
    }
  if (*methods == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--auth needs at least one of pap, chap, mschapv2"));
      return FALSE;
    }
  return TRUE;
}

int
dt_cli_dial (int    argc,
             char **argv)
{
  g_autofree char *device = NULL, *number = NULL, *user = NULL, *domain = NULL;
  g_autofree char *auth = NULL, *phonebook_path = NULL, *flow = NULL;
  g_auto (GStrv) init = NULL, alternates = NULL;
  gboolean password_stdin = FALSE, no_network = FALSE, json = FALSE, debug = FALSE;
  gboolean direct = FALSE, pulse = FALSE;
  int speed = 0, hangup_after = 0, dial_timeout = 0, echo_interval = -1, echo_failures = -1;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;
  Dial d = { 0 };
  gboolean lookup_password = FALSE;
  int status;
  const GOptionEntry options[] = {
    { "device", 0, 0, G_OPTION_ARG_FILENAME, &device, N_("Serial device of the modem"), N_("PATH") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Phone number to dial"), N_("NUMBER") },
    { "alternate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &alternates, N_("An alternate number, tried in order when a number fails"), N_("NUMBER") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name"), N_("USER") },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, N_("Domain"), N_("DOMAIN") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth, N_("Allowed authentication: a list of pap, chap, mschapv2"), N_("LIST") },
    { "speed", 0, 0, G_OPTION_ARG_INT, &speed, N_("Port speed in bits per second"), N_("BPS") },
    { "flow", 0, 0, G_OPTION_ARG_STRING, &flow, N_("Flow control: none, hardware or software"), N_("MODE") },
    { "init", 0, 0, G_OPTION_ARG_STRING_ARRAY, &init, N_("A modem init string (repeatable)"), N_("STRING") },
    { "pulse", 0, 0, G_OPTION_ARG_NONE, &pulse, N_("Pulse dialing"), NULL },
    { "direct", 0, 0, G_OPTION_ARG_NONE, &direct, N_("The device is a direct serial cable: no modem commands"), NULL },
    { "dial-timeout", 0, 0, G_OPTION_ARG_INT, &dial_timeout, N_("Seconds to wait for the modem to connect"), N_("SECONDS") },
    { "echo-interval", 0, 0, G_OPTION_ARG_INT, &echo_interval, N_("Seconds between LCP echo requests (0: off)"), N_("SECONDS") },
    { "echo-failures", 0, 0, G_OPTION_ARG_INT, &echo_failures, N_("Unanswered LCP echo requests before the link is declared dead"), N_("N") },
    { "no-network", 0, 0, G_OPTION_ARG_NONE, &no_network, N_("Stop at Connected without a network device"), NULL },
    { "hangup-after", 0, 0, G_OPTION_ARG_INT, &hangup_after, N_("Hang up after this many seconds connected"), N_("SECONDS") },
    { "phonebook", 0, 0, G_OPTION_ARG_FILENAME, &phonebook_path, N_("Phonebook file to use"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { "debug", 0, 0, G_OPTION_ARG_NONE, &debug, N_("Print the connection log and a PPP packet trace on stderr"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[ENTRY] — dial a phonebook entry or a modem"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc > 2)
    return dt_cli_usage_error (_("Give at most one entry name"));
  if (argc == 2 && (device != NULL || number != NULL))
    {
      /* An entry plus overrides is allowed: --device and --number replace the entry's. */
    }
  if (argc < 2 && device == NULL)
    return dt_cli_usage_error (_("Give an entry name, or --device (and --number)"));
  if (argc < 2 && number == NULL && !direct)
    return dt_cli_usage_error (_("--number is needed unless --direct is given"));
  if (speed < 0 || hangup_after < 0 || dial_timeout < 0)
    return dt_cli_usage_error (_("Numbers must not be negative"));

  d.interactive = isatty (STDIN_FILENO) && !password_stdin;
  d.hangup_after = hangup_after;
  d.out = dt_cli_output_new (json, stdout);

  if (argc == 2)
    {
      g_autoptr (DtPhonebook) phonebook = dt_cli_open_phonebook (phonebook_path, &error);
      DtEntry *found;

      if (phonebook == NULL)
        return dt_cli_usage_error (error->message);
      found = dt_phonebook_lookup_by_name (phonebook, argv[1]);
      if (found == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("No entry named “%s” in the phonebook"), argv[1]);
          dial_clear (&d);
          return dt_cli_usage_error (msg);
        }
      /* Dial a copy with the same UUID, so that overrides never reach the file. */
      d.entry = g_object_ref (found);
      lookup_password = dt_entry_get_remember_password (found);
    }
  else
    {
      d.entry = dt_entry_new ();
      dt_entry_set_name (d.entry, number ? number : device);
      dt_entry_set_try_alternates (d.entry, TRUE);
    }

  if (device != NULL)
    dt_entry_set_device (d.entry, device);
  if (number != NULL)
    dt_entry_set_number (d.entry, number);
  if (alternates != NULL)
    dt_entry_set_alternates (d.entry, (const char * const *) alternates);
  if (direct)
    dt_entry_set_device_type (d.entry, DT_DEVICE_TYPE_DIRECT);
  if (pulse)
    dt_entry_set_dial_mode (d.entry, DT_DIAL_MODE_PULSE);
  if (speed > 0)
    dt_entry_set_speed (d.entry, speed);
  if (init != NULL)
    dt_entry_set_init_strings (d.entry, (const char * const *) init);
  if (dial_timeout > 0)
    dt_entry_set_dial_timeout (d.entry, dial_timeout);
  if (echo_interval >= 0)
    dt_entry_set_lcp_echo_interval (d.entry, echo_interval);
  if (echo_failures > 0)
    dt_entry_set_lcp_echo_failures (d.entry, echo_failures);
  if (user != NULL)
    dt_entry_set_user (d.entry, user);
  if (domain != NULL)
    dt_entry_set_domain (d.entry, domain);
  if (flow != NULL)
    {
      if (g_str_equal (flow, "none"))
        dt_entry_set_flow_control (d.entry, DT_FLOW_CONTROL_NONE);
      else if (g_str_equal (flow, "hardware"))
        dt_entry_set_flow_control (d.entry, DT_FLOW_CONTROL_HARDWARE);
      else if (g_str_equal (flow, "software"))
        dt_entry_set_flow_control (d.entry, DT_FLOW_CONTROL_SOFTWARE);
      else
        {
          dial_clear (&d);
          return dt_cli_usage_error (_("--flow must be none, hardware or software"));
        }
    }
  if (auth != NULL)
    {
      DtAuthMethods methods;

      if (!parse_auth (auth, &methods, &error))
        {
          dial_clear (&d);
          return dt_cli_usage_error (error->message);
        }
      dt_entry_set_auth_methods (d.entry, methods);
    }

  if (password_stdin)
    {
      password = dt_cli_read_password_stdin ();
      lookup_password = FALSE;
    }
  else if (!lookup_password && d.interactive && *dt_entry_get_user (d.entry) != '\0')
    {
      /* Nothing remembered and nothing given: ask, as rasdial does with "*". */
      password = prompt_secret (_("Password: "));
    }

  d.credentials = dt_credentials_new (dt_entry_get_user (d.entry), password,
                                      dt_entry_get_domain (d.entry));
  if (password != NULL)
    explicit_bzero (password, strlen (password));

  d.loop = g_main_loop_new (NULL, FALSE);
  d.cancellable = g_cancellable_new ();
  d.connection = dt_connection_new ();
  dt_connection_set_network_mode (d.connection, no_network ? DT_NETWORK_NONE : DT_NETWORK_AUTO);
  dt_connection_set_trace (d.connection, debug);
  g_signal_connect (d.connection, "state-changed", G_CALLBACK (on_connection_state_changed), &d);
  if (debug)
    g_signal_connect (d.connection, "log", G_CALLBACK (on_connection_log), &d);

  g_unix_signal_add (SIGINT, on_signal, &d);
  g_unix_signal_add (SIGTERM, on_signal, &d);

  if (lookup_password)
    dt_secrets_lookup_async (d.entry, NULL, on_password_looked_up, &d);
  else
    start_dial (&d);

  g_main_loop_run (d.loop);

  status = d.exit_status;
  g_signal_handlers_disconnect_by_data (d.connection, &d);
  dial_clear (&d);
  return status;
}
