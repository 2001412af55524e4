/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A server whose IPCP has no IP-Address option of its own (RFC 1332 lets it leave it out:
 * pppd does with ipcp-no-address, or when it has no local address), against the scripted peer
 * in tests/peer and a real NetworkManager: the dial goes on to Connected with a network
 * device that has our address alone, no peer and no route to one, and the default route to
 * the device itself.  It used to wait in ApplySettings until something else ended the call
 * (DtLink refused a NULL peer).  The hang-up leaves no device, profile, lock, fd or GSource. */

#include "config.h"

#include <net/if.h>
#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial-peer.h"
#include "dt-test-nm.h"

static DtTestNm *nm;
static GError *nm_error;
static GDBusConnection *bus;

typedef struct {
  DtTestPeerScenario scenario;
  DtTestPeer *peer;
  DtConnection *connection;
  DtEntry *entry;
  GArray *states;
  gboolean ok;
  GError *error;
  DtTestResources before;
  GHashTable *fds_before;
} Fixture;

static int
count_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;   /* the directory's own fd counted, as dt_test_dial_note_resources() does */
}

/* The open file descriptors, each as "N -> what it is". */
static GHashTable *
open_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  GHashTable *fds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      /* The directory's own fd is gone by then (ENOENT): left out. */
      if (target != NULL)
        g_hash_table_add (fds, g_strdup_printf ("%s -> %s", name, target));
    }
  return fds;
}

/* The file descriptors open now that were not before the dial, given 10 s to close: libnm
 * lets go of its client (and the main context it made) a moment after the profile is gone.
 * One of GDBus's own closing meanwhile is no leak of the dial's, so this compares the sets
 * rather than their sizes. */
static void
assert_no_new_fds (GHashTable *before)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr (GPtrArray) extra = NULL;

  do
    {
      g_autoptr (GHashTable) now = open_fds ();
      GHashTableIter iter;
      gpointer key;

      g_clear_pointer (&extra, g_ptr_array_unref);
      extra = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (before, key))
          g_ptr_array_add (extra, g_strdup (key));
      if (extra->len == 0)
        return;
      g_usleep (20 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  while (g_get_monotonic_time () < end);
  for (guint i = 0; i < extra->len; i++)
    g_test_message ("left open: %s", (char *) g_ptr_array_index (extra, i));
  g_assert_cmpuint (extra->len, ==, 0);
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Fixture      *f)
{
  g_array_append_val (f->states, state);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (dt_test_nm_skip_unless (nm != NULL, nm_error))
    return;
  dt_test_dial_note_resources (&f->before);
  f->fds_before = open_fds ();
  dt_test_dial_peer_scenario_init (&f->scenario, "Passw0rd");
  f->scenario.server_ip = NULL;
  f->states = g_array_new (FALSE, FALSE, sizeof (guint));

  f->entry = dt_test_dial_peer_entry_new ("No Address", "5550100");
  dt_entry_set_default_gateway (f->entry, TRUE);
  f->connection = dt_connection_new ();
  dt_connection_set_trace (f->connection, TRUE);
  g_signal_connect (f->connection, "state-changed", G_CALLBACK (on_state_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->connection == NULL)
    return;
  dt_test_dial_peer_tear_down (f->connection, f->entry, &f->peer, f);
  g_array_unref (f->states);
  g_clear_pointer (&f->fds_before, g_hash_table_unref);
  g_clear_error (&f->error);
}

static char *
run (const char *argv0,
     ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out;
  va_list args;

  g_ptr_array_add (argv, (gpointer) argv0);
  va_start (args, argv0);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  out = dt_test_nm_runv ((const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_no_server_address (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (DtConnStatus) status = NULL;
  g_autofree char *states = NULL;
  g_autofree char *ifname = NULL;
  g_autofree char *address = NULL;
  g_autofree char *routes = NULL;
  g_autofree char *profiles = NULL;
  g_autofree char *device = NULL;

  if (f->connection == NULL)
    return;
  f->ok = dt_test_dial_peer_dial (&f->scenario, &f->peer, f->connection, f->entry, "Passw0rd",
                                  &f->error);
  states = dt_test_dial_format_states (f->states);
  g_test_message ("states: %s", states);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (g_array_index (f->states, guint, f->states->len - 1), ==,
                    DT_CONN_STATE_CONNECTED);
  g_assert_true (dt_test_peer_get_outcome (f->peer)->ipcp_opened);

  status = dt_connection_get_status (f->connection);
  g_assert_cmpstr (status->local_address, ==, "10.77.0.2");
  g_assert_true (status->remote_address == NULL || *status->remote_address == '\0');
  g_assert_nonnull (status->interface);
  ifname = g_strdup (status->interface);

  /* The kernel's view: our address alone, the default route to the device, no gateway. */
  address = run ("ip", "-4", "-o", "address", "show", "dev", ifname, NULL);
  g_test_message ("%s", address);
  g_assert_nonnull (strstr (address, "inet 10.77.0.2"));
  g_assert_null (strstr (address, " peer "));
  routes = run ("ip", "-4", "route", "show", "dev", ifname, NULL);
  g_test_message ("%s", routes);
  g_assert_true (g_str_has_prefix (routes, "default ") || strstr (routes, "\ndefault ") != NULL);
  g_assert_null (strstr (routes, " via "));

  dt_test_dial_hang_up (f->connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->connection), ==, 631);
  g_assert_cmpuint (if_nametoindex (ifname), ==, 0);
  profiles = run ("nmcli", "-t", "-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone"));
  dt_test_dial_peer_assert_no_violations (f->peer);
  device = g_strdup (dt_test_peer_get_device (f->peer));
  g_clear_pointer (&f->peer, dt_test_peer_free);
  assert_no_new_fds (f->fds_before);
  /* The lock file and GSources; the fds are checked above. */
  f->before.n_fds = count_fds ();
  dt_test_dial_assert_nothing_left (&f->before, device);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  nm = dt_test_nm_start (DT_TEST_NM_FLAGS_NONE, &nm_error);
  /* GLib's worker context, the default one and GDBus's worker thread each make an eventfd once
   * per process, and libnm shares the system bus connection: all of them before the tests
   * count their file descriptors, and the bus held until the end. */
  g_type_ensure (G_TYPE_TASK);
  g_main_context_default ();
  if (nm != NULL)
    bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);

  g_test_add ("/peer-network/no-server-address", Fixture, NULL, fixture_set_up,
              test_no_server_address, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&bus);
  g_clear_pointer (&nm, dt_test_nm_free);
  g_clear_error (&nm_error);
  return status;
}
