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

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dt-cli.h"
#include "dt-cli-dial-options.h"
#include "dt-cli-output.h"
#include "dt-connection.h"
#include "dt-phonebook.h"
#include "dt-secrets.h"
#include "dt-wipe.h"

typedef struct _Dial Dial;

/* Called with the line typed (without its newline; the callee owns it and wipes a secret),
 * or NULL when stdin ended. */
typedef void (*LineRead) (Dial *d,
                          char *line);

struct _Dial {
  GMainLoop *loop;
  DtConnection *connection;
  DtCliOutput *out;
  GCancellable *cancellable;
  DtEntry *entry;
  DtCredentials *credentials;
  gboolean interactive;      /* stdin is a terminal: the paused states may prompt */
  gboolean dialing;
  gboolean connected;
  gboolean hanging_up;
  guint hangup_after;
  guint hangup_source;
  guint sigint_source;
  guint sigterm_source;
  guint pause_source;        /* answers the pause from an idle */
  int exit_status;
  char *suggestion;          /* the last callback number, offered by the prompt */
  guint tries;

  /* The prompt being answered.  Lines are read from the main loop, never blocking it: LCP
   * goes on meanwhile, the server's repeated Callback-Requests are seen, and SIGINT ends the
   * prompt at once. */
  guint line_source;         /* the stdin watch, while a prompt waits */
  LineRead line_done;
  gboolean line_secret;
  gboolean prompt_for_state; /* the prompt answers prompt_state: it ends when that does */
  DtConnState prompt_state;
  char line[1024];           /* what was typed so far: wiped after each line */
  gsize line_len;
  gboolean echo_off;         /* saved_termios is to be restored */
  struct termios saved_termios;
  char *typed_user;          /* RetryAuthentication: the user name, while the password is read */
  char *old_password;        /* PasswordExpired: the passwords read so far */
  char *new_password;
};

static void
restore_echo (Dial *d)
{
  if (!d->echo_off)
    return;
  tcsetattr (STDIN_FILENO, TCSANOW, &d->saved_termios);
  d->echo_off = FALSE;
}

/* Ends the prompt without an answer (the pause ended, a signal, exit): the terminal echoes
 * again and nothing typed is kept. */
static void
end_prompt (Dial *d)
{
  if (d->line_source != 0)
    {
      g_clear_handle_id (&d->line_source, g_source_remove);
      fprintf (stderr, "\n");
    }
  restore_echo (d);
  explicit_bzero (d->line, sizeof d->line);
  d->line_len = 0;
  d->line_done = NULL;
  g_clear_pointer (&d->typed_user, g_free);
  g_clear_pointer (&d->old_password, dt_wipe_free);
  g_clear_pointer (&d->new_password, dt_wipe_free);
}

/* The dial is over: nothing of it may run from the main loop any more. */
static void
dial_clear (Dial *d)
{
  end_prompt (d);
  g_clear_handle_id (&d->hangup_source, g_source_remove);
  g_clear_handle_id (&d->sigint_source, g_source_remove);
  g_clear_handle_id (&d->sigterm_source, g_source_remove);
  g_clear_handle_id (&d->pause_source, g_source_remove);
  if (d->cancellable != NULL)
    g_cancellable_cancel (d->cancellable);
  g_clear_pointer (&d->suggestion, g_free);
  g_clear_object (&d->connection);
  g_clear_object (&d->cancellable);
  g_clear_object (&d->entry);
  g_clear_pointer (&d->credentials, dt_credentials_free);
  g_clear_pointer (&d->out, dt_cli_output_free);
  g_clear_pointer (&d->loop, g_main_loop_unref);
}

static void
finish_line (Dial     *d,
             gboolean  ended)
{
  LineRead done = d->line_done;
  char *line = NULL;

  g_clear_handle_id (&d->line_source, g_source_remove);
  if (d->line_secret)
    {
      restore_echo (d);
      fprintf (stderr, "\n");
    }
  if (!ended)
    {
      line = g_strndup (d->line, d->line_len);
      g_strchomp (line);
    }
  explicit_bzero (d->line, sizeof d->line);
  d->line_len = 0;
  d->line_done = NULL;
  done (d, line);
}

static gboolean
on_stdin_readable (int           fd,
                   GIOCondition  condition,
                   gpointer      user_data)
{
  Dial *d = user_data;
  char *newline;
  ssize_t n;

  /* A terminal in canonical mode hands over one whole line per read. */
  n = read (fd, d->line + d->line_len, sizeof d->line - 1 - d->line_len);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      d->line_source = 0;
      finish_line (d, TRUE);
      return G_SOURCE_REMOVE;
    }
  newline = memchr (d->line + d->line_len, '\n', n);
  d->line_len += n;
  if (newline != NULL)
    d->line_len = newline - d->line;
  else if (d->line_len < sizeof d->line - 1)
    return G_SOURCE_CONTINUE;
  /* A line longer than the buffer is cut; the rest comes as the next line, if asked for. */
  d->line_source = 0;
  finish_line (d, FALSE);
  return G_SOURCE_REMOVE;
}

/* Prints @prompt and reads a line from the terminal without blocking the main loop; a
 * @secret is read without echo. */
static void
read_line (Dial       *d,
           const char *prompt,
           gboolean    secret,
           LineRead    done)
{
  g_assert (d->line_source == 0);

  d->prompt_for_state = FALSE;
  d->line_secret = secret;
  /* Echo goes off before the prompt shows, as getpass() does: nothing typed after the
   * prompt can appear on the screen. */
  if (secret && tcgetattr (STDIN_FILENO, &d->saved_termios) == 0)
    {
      struct termios quiet = d->saved_termios;

      quiet.c_lflag &= ~ECHO;
      /* TCSAFLUSH: what was typed before the prompt, echoed, is not taken as the secret. */
      d->echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  d->line_done = done;
  d->line_source = g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                  on_stdin_readable, d);
}

/* A prompt for the pause the connection is in now: it ends if the pause does. */
static void
read_answer (Dial       *d,
             const char *prompt,
             gboolean    secret,
             LineRead    done)
{
  read_line (d, prompt, secret, done);
  d->prompt_for_state = TRUE;
  d->prompt_state = dt_connection_get_state (d->connection);
}

/* Whether the pause that @line answers still lasts; if not, @line is wiped. */
static gboolean
still_paused (Dial *d,
              char *line)
{
  if (dt_connection_get_state (d->connection) == d->prompt_state)
    return TRUE;
  dt_wipe_free (line);
  return FALSE;
}

/* No terminal to ask at: the dial ends with what the server needed, not as a hang-up. */
static void
decline (Dial *d)
{
  dt_connection_decline_pause (d->connection, NULL);
}

static void
on_retry_password (Dial *d,
                   char *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *user = g_steal_pointer (&d->typed_user);

  if (!still_paused (d, password))
    return;
  if (user == NULL || password == NULL ||
      !dt_connection_retry_authentication (d->connection, user, password,
                                           d->credentials->domain, &error))
    dt_connection_hang_up (d->connection);
  dt_wipe_free (password);
}

static void
on_retry_user (Dial *d,
               char *user)
{
  if (!still_paused (d, user))
    return;
  if (user == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
  d->typed_user = user;
  read_answer (d, _("Password: "), TRUE, on_retry_password);
}

/* What the server said when it paused the dial (made safe for the terminal), or @fallback. */
static void
print_server_message (const char *message,
                      const char *fallback)
{
  g_autofree char *safe = dt_cli_safe_text (message);

  if (*safe != '\0' || fallback != NULL)
    fprintf (stderr, "%s\n", *safe != '\0' ? safe : fallback);
}

static void
answer_retry_authentication (Dial *d)
{
  if (!d->interactive)
    {
      decline (d);
      return;
    }
  print_server_message (dt_connection_get_pause_message (d->connection),
                        _("The user name or password was not accepted."));
  read_answer (d, _("User name: "), FALSE, on_retry_user);
}

static void
on_confirm_password (Dial *d,
                     char *confirm)
{
  g_autoptr (GError) error = NULL;
  char *old_pw = g_steal_pointer (&d->old_password);
  char *new_pw = g_steal_pointer (&d->new_password);

  if (still_paused (d, confirm))
    {
      if (confirm == NULL || strcmp (new_pw, confirm) != 0)
        {
          if (confirm != NULL)
            fprintf (stderr, "%s\n", _("The new passwords do not match."));
          dt_connection_hang_up (d->connection);
        }
      else if (!dt_connection_change_password (d->connection, old_pw, new_pw, &error))
        {
          dt_connection_hang_up (d->connection);
        }
      dt_wipe_free (confirm);
    }
  dt_wipe_free (old_pw);
  dt_wipe_free (new_pw);
}

static void
on_new_password (Dial *d,
                 char *new_pw)
{
  if (!still_paused (d, new_pw))
    return;
  if (new_pw == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
  d->new_password = new_pw;
  read_answer (d, _("Confirm new password: "), TRUE, on_confirm_password);
}

static void
on_old_password (Dial *d,
                 char *old_pw)
{
  if (!still_paused (d, old_pw))
    return;
  if (old_pw == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
  d->old_password = old_pw;
  read_answer (d, _("New password: "), TRUE, on_new_password);
}

static void
answer_password_expired (Dial *d)
{
  if (!d->interactive)
    {
      decline (d);
      return;
    }
  fprintf (stderr, "%s\n", _("Your password has expired and must be changed."));
  read_answer (d, _("Old password: "), TRUE, on_old_password);
}

static void prompt_callback_number (Dial *d);

static void
on_callback_number_read (Dial *d,
                         char *typed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char *number;

  if (!still_paused (d, typed))
    return;
  line = typed;
  if (line == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
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
  read_answer (d, prompt, FALSE, on_callback_number_read);
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
  if (d->line_source != 0)
    return;
  if (message != NULL)
    print_server_message (message, NULL);
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

static void
on_eap_answer (Dial *d,
               char *answer)
{
  g_autoptr (GError) error = NULL;

  if (!still_paused (d, answer))
    return;
  if (answer == NULL)
    {
      dt_connection_hang_up (d->connection);
      return;
    }
  if (!dt_connection_answer_eap (d->connection, answer, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      dt_connection_hang_up (d->connection);
    }
  dt_wipe_free (answer);
}

/* InvokeEapUI: the server's words, then the question, without echo unless it is the user
 * name. */
static void
answer_eap (Dial *d)
{
  const char *message = dt_connection_get_pause_message (d->connection);
  const char *kind = dt_connection_get_state_detail (d->connection);

  if (!d->interactive)
    {
      decline (d);
      return;
    }
  if (message != NULL)
    fprintf (stderr, "%s\n", message);
  if (g_strcmp0 (kind, "identity") == 0)
    read_answer (d, _("User name: "), FALSE, on_eap_answer);
  else if (g_strcmp0 (kind, "password") == 0)
    read_answer (d, _("Password: "), TRUE, on_eap_answer);
  else
    read_answer (d, _("Response (not shown): "), TRUE, on_eap_answer);
}

static gboolean
on_answer_pause (gpointer user_data)
{
  Dial *d = user_data;

  d->pause_source = 0;
  /* Already answering (a repeated Callback-Request). */
  if (d->line_source != 0)
    return G_SOURCE_REMOVE;
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
    case DT_CONN_STATE_INVOKE_EAP_UI:
      answer_eap (d);
      break;
    default:
      /* A pause this program has no prompt for. */
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
                             guint         sub_entry,
                             Dial         *d)
{
  dt_cli_output_state (d->out, state, detail, sub_entry);

  if (state == DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    {
      g_free (d->suggestion);
      d->suggestion = g_strdup (detail);
    }
  else if (d->prompt_for_state && d->line_source != 0 && state != d->prompt_state)
    {
      /* The pause ended without the prompt (the server hung up, a signal). */
      end_prompt (d);
    }

  /* Answer the pause from an idle, after every handler of this emission has run. */
  if (dt_conn_state_is_paused (state) && d->pause_source == 0)
    d->pause_source = g_idle_add (on_answer_pause, d);

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
  g_autofree char *safe = dt_cli_safe_text (line);

  fprintf (stderr, "%s\n", safe);
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

  /* First of all the terminal echoes again, whatever comes next. */
  end_prompt (d);
  if (!d->dialing)
    {
      /* At the password prompt, before the dial: nothing to hang up. */
      dt_cli_output_error (d->out, DT_RAS_ERROR_USER_DISCONNECTION,
                           dt_ras_error_get_message (DT_RAS_ERROR_USER_DISCONNECTION));
      d->exit_status = 1;
      g_main_loop_quit (d->loop);
      return G_SOURCE_CONTINUE;
    }
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
      const char *message = error->message;

      /* Our own hang-up (a signal) cancels the dial: what ended it is the connection's
       * code, such as 691 when the server had refused the password. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          dt_connection_get_error_code (d->connection) != 0)
        {
          code = dt_connection_get_error_code (d->connection);
          message = dt_connection_get_error_message (d->connection);
        }
      dt_cli_output_error (d->out, code, message);
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
  d->dialing = TRUE;
  dt_connection_dial_async (d->connection, d->entry, d->credentials, d->cancellable,
                            on_dial_finished, d);
}

/* The password asked for before dialing (none remembered, none given); NULL at the end of
 * stdin, and the dial goes on without one. */
static void
on_dial_password (Dial *d,
                  char *password)
{
  dt_wipe_free (d->credentials->password);
  d->credentials->password = password;
  start_dial (d);
}

static void
on_password_looked_up (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Dial *d = user_data;
  g_autoptr (GError) error = NULL;
  char *password = dt_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password != NULL)
    {
      dt_wipe_free (d->credentials->password);
      d->credentials->password = g_strdup (password);
      dt_secrets_password_free (password);
    }
  else if (error != NULL)
    {
      dt_cli_output_note (d->out, "%s", error->message);
    }
  if (password == NULL && d->interactive)
    read_line (d, _("Password: "), TRUE, on_dial_password);
  else
    start_dial (d);
}

/* Where the password comes from: the keyring when the phonebook's entry remembers it, the
 * first line of stdin with --password-stdin, else a prompt at a terminal when there is a user
 * name to go with it (as rasdial does with "*"), else none. */
static void
start (Dial                   *d,
       const DtCliDialOptions *o)
{
  g_autofree char *password = NULL;
  gboolean lookup = o->entry_name != NULL && dt_entry_get_remember_password (d->entry);

  if (o->password_stdin)
    password = dt_cli_read_password_stdin ();
  d->credentials = dt_credentials_new (dt_entry_get_user (d->entry), password,
                                       dt_entry_get_domain (d->entry));
  if (password != NULL)
    explicit_bzero (password, strlen (password));

  if (lookup && !o->password_stdin)
    dt_secrets_lookup_async (d->entry, d->cancellable, on_password_looked_up, d);
  else if (!lookup && d->interactive && *dt_entry_get_user (d->entry) != '\0')
    /* From the main loop, so that Ctrl+C at the prompt restores the terminal's echo. */
    read_line (d, _("Password: "), TRUE, on_dial_password);
  else
    start_dial (d);
}

/* Dials as @o says and runs the main loop until the dial is over: the exit status. */
static int
run (Dial                   *d,
     const DtCliDialOptions *o)
{
  d->interactive = isatty (STDIN_FILENO) && !o->password_stdin;
  d->hangup_after = o->hangup_after;
  d->out = dt_cli_output_new (o->json, stdout);
  d->loop = g_main_loop_new (NULL, FALSE);
  d->cancellable = g_cancellable_new ();
  d->connection = dt_connection_new ();
  dt_connection_set_network_mode (d->connection,
                                  o->no_network ? DT_NETWORK_NONE : DT_NETWORK_AUTO);
  dt_connection_set_trace (d->connection, o->debug);
  g_signal_connect (d->connection, "state-changed", G_CALLBACK (on_connection_state_changed), d);
  if (o->debug)
    g_signal_connect (d->connection, "log", G_CALLBACK (on_connection_log), d);
  d->sigint_source = g_unix_signal_add (SIGINT, on_signal, d);
  d->sigterm_source = g_unix_signal_add (SIGTERM, on_signal, d);

  start (d, o);
  g_main_loop_run (d->loop);

  g_signal_handlers_disconnect_by_data (d->connection, d);
  return d->exit_status;
}

int
dt_cli_dial (int    argc,
             char **argv)
{
  g_auto (DtCliDialOptions) options = { 0 };
  g_autoptr (GError) error = NULL;
  Dial d = { 0 };
  int status;

  if (!dt_cli_dial_options_parse (&options, argc, argv, &error))
    return dt_cli_usage_error (error->message);
  d.entry = dt_cli_dial_options_build_entry (&options, &error);
  if (d.entry == NULL)
    return dt_cli_usage_error (error->message);
  status = run (&d, &options);
  dial_clear (&d);
  return status;
}
