/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli at a terminal against the scripted peer of tests/peer (a RAS server with
 * CBCP and a modem that rings back): an entry that asks for the callback number gets the
 * CallbackSetByCaller prompt with the last number offered, a number that is not one is
 * refused and asked again, and the number typed is the one the peer calls back; the dial
 * goes on to Connected on the call back and hangs up cleanly. */

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
                 const char *device)
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
  dt_entry_set_callback_number (entry, "5550100");
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

static void
test_callback_at_terminal (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-cli-callback-XXXXXX", NULL);
  g_autofree char *phonebook = NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) screen = g_string_new (NULL);
  g_autoptr (DtTestPeer) peer = NULL;
  DtTestPeerScenario sc;
  const DtTestPeerOutcome *out;
  gboolean exited = FALSE;
  int master, slave;

  dt_test_peer_scenario_init (&sc);
  sc.user = "alice";
  sc.password = "Passw0rd";
  sc.s12 = 5;
  sc.restart_ms = 1000;
  sc.connect_delay_ms = 20;
  sc.callback_offer = DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
  sc.ring_delay_ms = 500;
  sc.ring_interval_ms = 400;
  sc.ring_count = 15;
  peer = dt_test_peer_new (&sc);
  phonebook = write_phonebook (dir, dt_test_peer_get_device (peer));

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (fcntl (master, F_SETFL, O_NONBLOCK), ==, 0);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stdout_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stderr_fd (launcher, slave);
  /* No keyring: the password is asked for at the terminal. */
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawn (launcher, &error, DIALTONE_CLI_PATH, "dial",
                                         "Call me back", "--phonebook", phonebook,
                                         "--no-network", "--hangup-after", "1", NULL);
  g_assert_no_error (error);

  g_assert_true (read_until (master, screen, "Password: ", 20));
  type (master, "Passw0rd\n");

  /* The pause offers the last number; letters are refused and the prompt comes again. */
  g_assert_true (read_until (master, screen, "Callback number [5550100]: ", 20));
  g_assert_nonnull (strstr (screen->str, " 8 AuthCallback"));
  g_assert_nonnull (strstr (screen->str, " 4098 CallbackSetByCaller 5550100"));
  type (master, "555-CALL-ME\n");
  g_assert_true (read_until (master, screen, "Callback number [5550100]: ", 10));
  g_assert_nonnull (strstr (screen->str, "“555-CALL-ME” is not a phone number"));
  type (master, "555 0123\n");

  g_assert_true (read_until (master, screen, " 8192 Connected", 30));
  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  read_until (master, screen, " 8193 Disconnected", 2);
  g_test_message ("%s", screen->str);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (screen->str, " 17 WaitForCallback 555 0123"));
  g_assert_nonnull (strstr (screen->str, " 20 CallbackComplete"));
  g_assert_nonnull (strstr (screen->str, " 13 ReAuthenticate"));

  out = dt_test_peer_get_outcome (peer);
  g_assert_cmpstr (out->callback_number, ==, "555 0123");
  g_assert_true (out->callback_answered);
  g_assert_true (out->ipcp_opened);
  for (guint i = 0; i < out->violations->len; i++)
    g_test_message ("violation: %s", (char *) g_ptr_array_index (out->violations, i));
  g_assert_cmpuint (out->violations->len, ==, 0);

  close (master);
  g_unlink (phonebook);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/callback-at-terminal", test_callback_at_terminal);
  return g_test_run ();
}
