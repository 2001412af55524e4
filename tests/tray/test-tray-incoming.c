/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray item while Incoming Connections answers, as a panel sees it over D-Bus (a real
 * status-notifier-watcher and a host on a private session bus with a real gnome-keyring):
 * waiting for calls on a null-modem cable, it is Active with the listening icon and says so;
 * a caller who connects (a DtConnection over the cable) turns it to the caller icon with the
 * user's name; answering switched off, it is Passive and "Not connected" again. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-dialin-secrets.h"
#include "dt-phonebook.h"
#include "dt-test-cable.h"
#include "dt-test-keyring.h"
#include "dt-test-sni.h"
#include "dt-tray.h"

static DtTestKeyring *keyring;

typedef struct {
  DtTestHost *host;
  const char *item;
  const char *icon;
  const char *text_part;
} Look;

static gboolean
look_is (gpointer data)
{
  Look *want = data;
  g_autofree char *icon = dt_test_host_get_string (want->host, want->item, "IconName");
  g_autoptr (GVariant) tooltip = dt_test_host_get (want->host, want->item, "/StatusNotifierItem",
                                                   "org.kde.StatusNotifierItem", "ToolTip");
  const char *text = "";

  if (tooltip != NULL)
    g_variant_get (tooltip, "(&s@a(iiay)&s&s)", NULL, NULL, NULL, &text);
  return g_strcmp0 (icon, want->icon) == 0 && strstr (text, want->text_part) != NULL;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  dt_dialin_secrets_store_finish (result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_registered (gpointer data)
{
  return dt_tray_get_registered (DT_TRAY (data));
}

static gboolean
dialed (gpointer data)
{
  return dt_connection_get_state (DT_CONNECTION (data)) == DT_CONN_STATE_CONNECTED;
}

static void
test_incoming (void)
{
  g_autoptr (GApplication) app = g_application_new ("io.github.dialtone.TrayIncomingTest",
                                                    G_APPLICATION_NON_UNIQUE);
  g_autoptr (DtTestCable) cable = dt_test_cable_new ();
  g_autofree char *dir = g_dir_make_tmp ("dialtone-tray-XXXXXX", NULL);
  g_autofree char *ini = g_build_filename (dir, "incoming.ini", NULL);
  g_autofree char *phonebook_path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtIncoming) incoming = dt_incoming_new (ini);
  g_autoptr (DtDialinUser) alice = NULL;
  const char *cable_end[] = { dt_test_cable_get_end (cable, 1), NULL };
  DtTestWatcher *watcher = dt_test_watcher_start ();
  DtTestHost *host = dt_test_host_new ();
  g_autoptr (DtDialer) dialer = dt_dialer_new ();
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (phonebook_path);
  g_autoptr (DtIncomingServer) server = NULL;
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtConnection) connection = dt_connection_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("alice", "wonderland", NULL);
  g_autofree char *waiting = g_strdup_printf ("Waiting for calls on %s", cable_end[0]);
  g_autofree char *status = NULL;
  DtTray *tray;
  gboolean stored = FALSE;
  Look look = { host, NULL, NULL, NULL };

  g_application_register (app, NULL, NULL);
  alice = dt_incoming_add_user (incoming, "alice", NULL);
  dt_dialin_secrets_store_async ("alice", "wonderland", NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
  dt_incoming_set_direct_devices (incoming, cable_end);
  server = dt_incoming_server_new (incoming);
  dt_incoming_server_set_network_mode (server, DT_NETWORK_NONE);
  tray = dt_tray_new (app, dialer, G_LIST_MODEL (phonebook));
  dt_tray_set_incoming (tray, server);
  look.item = dt_tray_get_bus_name (tray);
  dt_test_sni_wait_until (is_registered, tray, DT_TEST_SNI_LIMIT_S);

  /* Not answering: nothing to show. */
  look.icon = "dialtone-disconnected-symbolic";
  look.text_part = "Not connected";
  dt_test_sni_wait_until (look_is, &look, DT_TEST_SNI_LIMIT_S);

  dt_incoming_set_enabled (incoming, TRUE);
  look.icon = "dialtone-listening-symbolic";
  look.text_part = waiting;
  dt_test_sni_wait_until (look_is, &look, DT_TEST_SNI_LIMIT_S);
  status = dt_test_host_get_string (host, look.item, "Status");
  g_assert_cmpstr (status, ==, "Active");

  dt_entry_set_name (entry, "Across the room");
  dt_entry_set_device (entry, dt_test_cable_get_end (cable, 0));
  dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  dt_connection_dial_async (connection, entry, credentials, NULL, NULL, NULL);
  dt_test_sni_wait_until (dialed, connection, DT_TEST_SNI_LIMIT_S);
  look.icon = "dialtone-caller-symbolic";
  look.text_part = "alice is connected";
  dt_test_sni_wait_until (look_is, &look, DT_TEST_SNI_LIMIT_S);

  /* Switched off: the caller is hung up, and the item is passive again. */
  dt_incoming_set_enabled (incoming, FALSE);
  look.icon = "dialtone-disconnected-symbolic";
  look.text_part = "Not connected";
  dt_test_sni_wait_until (look_is, &look, DT_TEST_SNI_LIMIT_S);
  g_free (status);
  status = dt_test_host_get_string (host, look.item, "Status");
  g_assert_cmpstr (status, ==, "Passive");

  dt_connection_hang_up (connection);
  g_object_unref (tray);
  dt_test_host_free (host);
  dt_test_watcher_stop (watcher);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tray/incoming", test_incoming);
  status = g_test_run ();

  dt_test_keyring_stop (keyring);
  return status;
}
