/* SPDX-License-Identifier: GPL-3.0-or-later */

/* dt-test-peer: the scripted peer on its own, for trying a dial by hand.  It prints the pty
 * to open as the modem (e.g. `dialtone-cli dial --device /dev/pts/N --number 5550100 --user
 * user --password-stdin --auth mschapv2`), then the transcript as it happens, until Ctrl+C.
 * The account's password comes from stdin with --password-stdin, never from the command
 * line. */

#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "dt-test-peer.h"

static void
on_record (DtTestPeer *peer, const DtTestPeerRecord *record, gpointer user_data)
{
  const char *what = record->direction == DT_TEST_PEER_RECEIVED ? "rcvd"
                     : record->direction == DT_TEST_PEER_SENT ? "sent" : "    ";

  g_print ("%8.3f %s %s\n", record->time / 1e6, what, record->text);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static char *
read_password (void)
{
  char line[512];
  gsize len;

  if (fgets (line, sizeof line, stdin) == NULL)
    return g_strdup ("");
  len = strlen (line);
  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = '\0';
  return g_strdup (line);
}

static gboolean
parse_callback (const char *text, guint *offer)
{
  g_auto (GStrv) types = g_strsplit (text, ",", -1);

  *offer = 0;
  for (gsize i = 0; types[i] != NULL; i++)
    {
      if (strcmp (types[i], "none") == 0)
        *offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_NO_CALLBACK);
      else if (strcmp (types[i], "user") == 0)
        *offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_USER_NUMBER);
      else if (strcmp (types[i], "admin") == 0)
        *offer |= DT_TEST_PEER_OFFER (DT_TEST_PEER_CBCP_ADMIN_NUMBER);
      else
        return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  DtTestPeerScenario sc;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *admin = NULL;
  gboolean password_stdin = FALSE, expired = FALSE, refuse = FALSE, login = FALSE;
  int ring_delay = 2000, ring_count = 5, restart = 3000, attempts = 1;
  GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "The account's user name (user)", "NAME" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      "Read the account's password from stdin (else: secret)", NULL },
    { "expired", 0, 0, G_OPTION_ARG_NONE, &expired, "The password has expired (E=648)", NULL },
    { "refuse-change", 0, 0, G_OPTION_ARG_NONE, &refuse, "Answer Change-Password with E=709",
      NULL },
    { "attempts", 0, 0, G_OPTION_ARG_INT, &attempts, "Responses allowed per call (1)", "N" },
    { "callback", 0, 0, G_OPTION_ARG_STRING, &callback,
      "CBCP types to offer: none,user,admin (no callback if absent)", "TYPES" },
    { "admin-number", 0, 0, G_OPTION_ARG_STRING, &admin, "The administrator's number", "NUMBER" },
    { "ring-delay", 0, 0, G_OPTION_ARG_INT, &ring_delay, "ms before the first RING (2000)", "MS" },
    { "ring-count", 0, 0, G_OPTION_ARG_INT, &ring_count, "RINGs before giving up (5)", "N" },
    { "restart", 0, 0, G_OPTION_ARG_INT, &restart, "PPP restart timer in ms (3000)", "MS" },
    { "login", 0, 0, G_OPTION_ARG_NONE, &login, "Ask Username: and Password: first", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- a scripted dial-up server");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (DtTestPeer) peer = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  dt_test_peer_scenario_init (&sc);
  if (user != NULL)
    sc.user = user;
  password = password_stdin ? read_password () : g_strdup ("secret");
  sc.password = password;
  sc.password_expired = expired;
  sc.refuse_password_change = refuse;
  sc.max_auth_attempts = (guint) MAX (attempts, 1);
  if (callback != NULL && !parse_callback (callback, &sc.callback_offer))
    {
      g_printerr ("--callback takes none, user and admin, separated by commas\n");
      return 2;
    }
  sc.admin_number = admin != NULL ? admin : "5550199";
  sc.ring_delay_ms = ring_delay;
  sc.ring_count = (guint) MAX (ring_count, 0);
  sc.restart_ms = (guint) MAX (restart, 100);
  sc.login_prompt = login;

  peer = dt_test_peer_new (&sc);
  memset (password, 0, strlen (password));
  dt_test_peer_set_record_func (peer, on_record, NULL);
  g_print ("modem device: %s\n", dt_test_peer_get_device (peer));
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  return 0;
}
