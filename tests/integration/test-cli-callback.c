/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli against the scripted peer of tests/peer (a RAS server with CBCP and a modem
 * that rings back):
 *   - at a terminal, an entry that asks for the callback number gets the CallbackSetByCaller
 *     prompt with the last number offered, a number that is not one is refused and asked
 *     again, and the number typed is the one the peer calls back; the dial goes on to
 *     Connected on the call back and hangs up cleanly;
 *   - at a terminal, when the server also offers "no callback", the prompt says how to
 *     decline (Enter alone with no number offered, "none" with one) and declining connects
 *     on the first call, the peer receiving a Callback-Response of type 1; a server that
 *     only calls back refuses "none" and the prompt comes again;
 *   - without a terminal (--password-stdin), no one can give the number: the dial ends with
 *     703 and what was needed, and the exit status 1;
 *   - an expired password (E=648) changed at the terminal prompts, none of them echoed. */

#include "config.h"

#include <fcntl.h>
#include <pty.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dt-phonebook.h"
#include "dt-test-peer.h"

/* Reads the terminal until @needle appears after what @screen held, running the main loop
 * (the peer lives on it) meanwhile. */
static gboolean
read_until (int         master,
            GString    *screen,
            const char *needle,
            guint       timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gsize from = screen->len;

  while (g_get_monotonic_time () < end)
    {
      char buf[512];
      ssize_t n;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      n = read (master, buf, sizeof buf);
      if (n > 0)
        {
          g_string_append_len (screen, buf, n);
          if (strstr (screen->str + from, needle) != NULL)
            return TRUE;
        }
      else
        g_usleep (5 * 1000);
    }
  return FALSE;
}

static void
type (int         master,
      const char *text)
{
  g_assert_cmpint (write (master, text, strlen (text)), ==, (gssize) strlen (text));
}

static char *
write_phonebook (const char *dir,
                 const char *device,
                 const char *last_number)
{
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (path);
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (GError) error = NULL;

  dt_entry_set_name (entry, "Call me back");
  dt_entry_set_device (entry, device);
  dt_entry_set_number (entry, "5550100");
  dt_entry_set_user (entry, "alice");
  dt_entry_set_auth_methods (entry, DT_AUTH_MSCHAPV2);
  dt_entry_set_callback_mode (entry, DT_CALLBACK_ASK);
  if (last_number != NULL)
    dt_entry_set_callback_number (entry, last_number);
  dt_phonebook_add (phonebook, entry);
  g_assert_true (dt_phonebook_save (phonebook, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

/* The peer: MS-CHAPv2 for alice, CBCP offering @offer, quick to ring back. */
static DtTestPeer *
start_peer (guint offer)
{
  DtTestPeerScenario sc;

  dt_test_peer_scenario_init (&sc);
  sc.user = "alice";
  sc.password = "Passw0rd";
  sc.s12 = 5;
  sc.restart_ms = 1000;
  sc.connect_delay_ms = 20;
  sc.callback_offer = offer;
  sc.ring_delay_ms = 500;
  sc.ring_interval_ms = 400;
  sc.ring_count = 15;
  return dt_test_peer_new (&sc);
}

/* The environment of every run: no keyring (the password comes from the terminal or
 * stdin), English. */
static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  return launcher;
}

/* `dialtone-cli dial "Call me back"` on a new terminal (@master), up to its password
 * prompt. */
static GSubprocess *
dial_at_terminal (const char *phonebook,
                  int        *master,
                  GString    *screen)
{
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;
  int slave;

  g_assert_cmpint (openpty (master, &slave, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (fcntl (*master, F_SETFL, O_NONBLOCK), ==, 0);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stdout_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  process = g_subprocess_launcher_spawn (launcher, &error, DIALTONE_CLI_PATH, "dial",
                                         "Call me back", "--phonebook", phonebook,
                                         "--no-network", "--hangup-after", "1", NULL);
  g_assert_no_error (error);
  g_assert_true (read_until (*master, screen, "Password: ", 20));
  return process;
}

/* Waits for the program to end, with the main loop (and the peer) running meanwhile. */
static void
wait_exited (GSubprocess *process)
{
  gboolean exited = FALSE;

  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (process));
}

/* The dial gets to Connected; then the program hangs up (--hangup-after 1) and exits with
 * 0.  Tells what the terminal showed. */
static void
assert_connected_then_exited (GSubprocess *process,
                              int          master,
                              GString     *screen)
{
  g_assert_true (read_until (master, screen, " 8192 Connected", 30));
  wait_exited (process);
  read_until (master, screen, " 8193 Disconnected", 2);
  g_test_message ("%s", screen->str);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
assert_no_violations (DtTestPeer *peer)
{
  const DtTestPeerOutcome *out = dt_test_peer_get_outcome (peer);

  for (guint i = 0; i < out->violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (out->violations, i));
  g_assert_cmpuint (out->violations->len, ==, 0);
}

static void
remove_phonebook (char *dir,
                  char *phonebook)
{
  g_unlink (phonebook);
  g_rmdir (dir);
}

static void
test_callback_at_terminal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-cli-callback-XXXXXX", NULL);
  g_autofree char *phonebook = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  g_autoptr (DtTestPeer) peer = NULL;
  const DtTestPeerOutcome *out;
  int master;

  peer = start_peer (DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER));
  phonebook = write_phonebook (dir, dt_test_peer_get_device (peer), "5550100");
  process = dial_at_terminal (phonebook, &master, screen);
  type (master, "Passw0rd\n");

  /* The pause offers the last number; letters are refused and the prompt comes again. */
  g_assert_true (read_until (master, screen, "Callback number [5550100]: ", 20));
  g_assert_nonnull (strstr (screen->str, " 8 AuthCallback"));
  g_assert_nonnull (strstr (screen->str, " 4098 CallbackSetByCaller 5550100"));
  type (master, "555-CALL-ME\n");
  g_assert_true (read_until (master, screen, "Callback number [5550100]: ", 10));
  g_assert_nonnull (strstr (screen->str, "“555-CALL-ME” is not a phone number"));
  /* This server only calls back: "none" is refused, and the prompt comes again. */
  type (master, "none\n");
  g_assert_true (read_until (master, screen, "Callback number [5550100]: ", 10));
  g_assert_nonnull (strstr (screen->str,
                            "This server connects only by calling you back: enter a number."));
  type (master, "555 0123\n");

  assert_connected_then_exited (process, master, screen);
  g_assert_nonnull (strstr (screen->str, " 17 WaitForCallback 555 0123"));
  g_assert_nonnull (strstr (screen->str, " 20 CallbackComplete"));
  g_assert_nonnull (strstr (screen->str, " 13 ReAuthenticate"));

  out = dt_test_peer_get_outcome (peer);
  g_assert_cmpstr (out->callback_number, ==, "555 0123");
  g_assert_cmpuint (out->callback_type, ==, 2);
  g_assert_true (out->callback_answered);
  g_assert_true (out->ipcp_opened);
  assert_no_violations (peer);

  close (master);
  remove_phonebook (dir, phonebook);
}

/* The server calls back or lets the call go on.  With no number to offer, the prompt says
 * that Enter alone declines; with one, that "none" does. */
static void
test_decline_at_terminal (gconstpointer data)
{
  const char *last_number = data;
  g_autofree char *dir = g_dir_make_tmp ("dialtone-cli-callback-XXXXXX", NULL);
  g_autofree char *phonebook = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  g_autoptr (DtTestPeer) peer = NULL;
  const DtTestPeerOutcome *out;
  const DtTestPeerRecord *response;
  const guint8 *bytes;
  gsize size;
  int master;

  peer = start_peer (DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK) |
                     DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER));
  phonebook = write_phonebook (dir, dt_test_peer_get_device (peer), last_number);
  process = dial_at_terminal (phonebook, &master, screen);
  type (master, "Passw0rd\n");

  if (last_number != NULL)
    {
      g_assert_true (read_until (master, screen,
                                 "Callback number [5550100], or “none” for no callback: ", 20));
      type (master, "none\n");
    }
  else
    {
      g_assert_true (read_until (master, screen,
                                 "Callback number (Enter alone: no callback): ", 20));
      type (master, "\n");
    }

  assert_connected_then_exited (process, master, screen);
  /* Straight on after the pause: no PrepareForCallback, no waiting for a call. */
  g_assert_nonnull (strstr (screen->str, " 4098 CallbackSetByCaller"));
  g_assert_nonnull (strstr (screen->str, " 14 Authenticated"));
  g_assert_null (strstr (screen->str, " 15 PrepareForCallback"));
  g_assert_null (strstr (screen->str, " 17 WaitForCallback"));

  /* The one Callback-Response: type 1, length 2. */
  out = dt_test_peer_get_outcome (peer);
  g_assert_cmpuint (dt_test_peer_count (peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2), ==,
                    1);
  response = dt_test_peer_find (peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2, 0);
  bytes = g_bytes_get_data (response->packet, &size);
  g_assert_cmpuint (size, ==, 6);
  g_assert_cmpuint (bytes[4], ==, 1);
  g_assert_cmpuint (bytes[5], ==, 2);
  g_assert_cmpuint (out->callback_type, ==, 1);
  g_assert_cmpuint (out->calls, ==, 1);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  g_assert_true (out->ipcp_opened);
  assert_no_violations (peer);

  close (master);
  remove_phonebook (dir, phonebook);
}

typedef struct {
  gboolean done;
  char *out;
  char *err;
} Output;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Output *output = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                                       &output->out, &output->err, &error));
  g_assert_no_error (error);
  output->done = TRUE;
}

/* A script: the password on stdin, no terminal.  Nobody can give the callback number, so
 * the dial ends with 703 and says what was needed, instead of 631 as if someone had hung
 * up. */
static void
test_callback_without_terminal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-cli-callback-XXXXXX", NULL);
  g_autofree char *phonebook = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtTestPeer) peer = NULL;
  g_auto (GStrv) lines = NULL;
  const DtTestPeerOutcome *out;
  Output output = { 0 };
  const char *last;
  guint n;

  peer = start_peer (DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER));
  phonebook = write_phonebook (dir, dt_test_peer_get_device (peer), "5550100");
  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawn (launcher, &error, DIALTONE_CLI_PATH, "dial",
                                         "Call me back", "--phonebook", phonebook,
                                         "--password-stdin", "--no-network", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, "Passw0rd\n", NULL, on_communicated, &output);
  while (!output.done)
    g_main_context_iteration (NULL, TRUE);
  wait_exited (process);
  g_test_message ("stdout:\n%sstderr:\n%s", output.out, output.err);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (output.out, " 4098 CallbackSetByCaller 5550100\n"));
  lines = g_strsplit (g_strchomp (output.out), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 2);
  g_assert_true (g_str_has_suffix (lines[n - 2], " 8193 Disconnected The connection needs "
                                   "information from you, but no one is there to give it. (The "
                                   "server asks for a number to call you back at: dial from a "
                                   "terminal or from Dialtone’s window, or give this entry a "
                                   "fixed callback number)"));
  last = lines[n - 1];
  g_assert_cmpstr (last, ==, "error 703 The connection needs information from you, but no one "
                             "is there to give it. (The server asks for a number to call you "
                             "back at: dial from a terminal or from Dialtone’s window, or give "
                             "this entry a fixed callback number)");
  /* It asked no one. */
  g_assert_null (strstr (output.err, "Callback number"));

  /* The server heard the Terminate; it got no answer and called no one. */
  out = dt_test_peer_get_outcome (peer);
  g_assert_cmpuint (out->client_terminates, >=, 1);
  g_assert_cmpuint (dt_test_peer_count (peer, DT_TEST_PEER_RECEIVED, DT_TEST_PEER_CBCP, 2), ==,
                    0);
  g_assert_false (out->callback_acked);
  g_assert_cmpuint (out->rings_sent, ==, 0);
  assert_no_violations (peer);

  g_free (output.out);
  g_free (output.err);
  remove_phonebook (dir, phonebook);
}

/* The server says the password has expired (MS-CHAPv2's E=648): at a terminal, dialtone-cli
 * asks for the old password and the new one twice, none of them echoed, changes it on the
 * server in the same call and goes on to Connected.  New passwords that differ end the dial
 * with the server's refusal and change nothing. */
static void
test_change_password_at_terminal (gconstpointer data)
{
  gboolean mismatch = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("dialtone-cli-expired-XXXXXX", NULL);
  g_autofree char *phonebook = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  g_autoptr (DtTestPeer) peer = NULL;
  DtTestPeerScenario sc;
  const DtTestPeerOutcome *out;
  int master;

  dt_test_peer_scenario_init (&sc);
  sc.user = "alice";
  sc.password = "Passw0rd";
  sc.password_expired = TRUE;
  sc.s12 = 5;
  sc.restart_ms = 1000;
  sc.connect_delay_ms = 20;
  peer = dt_test_peer_new (&sc);
  phonebook = write_phonebook (dir, dt_test_peer_get_device (peer), NULL);
  {
    g_autoptr (DtPhonebook) book = dt_phonebook_new (phonebook);

    g_assert_true (dt_phonebook_load (book, NULL));
    dt_entry_set_callback_mode (dt_phonebook_lookup_by_name (book, "Call me back"),
                                DT_CALLBACK_NONE);
    g_assert_true (dt_phonebook_save (book, NULL));
  }
  process = dial_at_terminal (phonebook, &master, screen);
  type (master, "Passw0rd\n");

  g_assert_true (read_until (master, screen, "Old password: ", 20));
  g_assert_nonnull (strstr (screen->str, " 4099 PasswordExpired"));
  g_assert_nonnull (strstr (screen->str, "Your password has expired and must be changed."));
  type (master, "Passw0rd\n");
  g_assert_true (read_until (master, screen, "New password: ", 10));
  type (master, "N3w-Secret!\n");
  g_assert_true (read_until (master, screen, "Confirm new password: ", 10));
  type (master, mismatch ? "N3w-Secret?\n" : "N3w-Secret!\n");

  out = dt_test_peer_get_outcome (peer);
  if (mismatch)
    {
      g_assert_true (read_until (master, screen, "The new passwords do not match.", 10));
      wait_exited (process);
      read_until (master, screen, " 8193 Disconnected", 2);
      g_test_message ("%s", screen->str);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_null (strstr (screen->str, " 8192 Connected"));
      g_assert_false (out->password_changed);
      g_assert_cmpstr (dt_test_peer_get_password (peer), ==, "Passw0rd");
    }
  else
    {
      assert_connected_then_exited (process, master, screen);
      g_assert_nonnull (strstr (screen->str, " 9 AuthChangePassword"));
      g_assert_true (out->password_changed);
      g_assert_cmpstr (out->new_password, ==, "N3w-Secret!");
      g_assert_cmpstr (dt_test_peer_get_password (peer), ==, "N3w-Secret!");
    }
  /* Nothing typed was shown. */
  g_assert_null (strstr (screen->str, "Passw0rd"));
  g_assert_null (strstr (screen->str, "N3w-Secret"));
  assert_no_violations (peer);

  close (master);
  remove_phonebook (dir, phonebook);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/callback-at-terminal", test_callback_at_terminal);
  g_test_add_data_func ("/cli/callback-decline-enter", NULL, test_decline_at_terminal);
  g_test_add_data_func ("/cli/callback-decline-none", "5550100", test_decline_at_terminal);
  g_test_add_func ("/cli/callback-without-terminal", test_callback_without_terminal);
  g_test_add_data_func ("/cli/change-password-at-terminal", GINT_TO_POINTER (FALSE),
                        test_change_password_at_terminal);
  g_test_add_data_func ("/cli/change-password-mismatch", GINT_TO_POINTER (TRUE),
                        test_change_password_at_terminal);
  return g_test_run ();
}
