/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink against a real NetworkManager (tests/common/nm-sandbox): the profile it activates
 * has the address, the peer route and the DNS that IPCP gave; ping reaches the "peer" through
 * the device and gets its answer; the counters match what crossed; after down the profile and
 * the device are gone.  The same as an unprivileged user, and when the device is deleted from
 * outside (lost, 628). */
#include "config.h"

#include <net/if.h>
#include <string.h>

#include "dt-error.h"
#include "dt-link.h"
#include "dt-test-link.h"
#include "dt-test-nm.h"

#define LOCAL "10.64.0.11"
#define PEER  "10.64.0.1"
#define DNS   "10.64.0.53"
#define MTU   1400

static DtTestNm *sandbox;
static GError *sandbox_error;

static DtLink *
new_link (const char *name,
          gboolean    default_gateway)
{
  const char *dns[] = { DNS, NULL };
  const char *routes[] = { "10.99.0.0/16", NULL };
  DtLinkConfig config = {
    .name = name,
    .local_address = LOCAL,
    .peer_address = PEER,
    .dns_servers = dns,
    .routes = default_gateway ? routes : NULL,
    .mtu = MTU,
    .default_gateway = default_gateway,
    .mode = DT_LINK_MODE_AUTO,
  };

  return dt_link_new (&config);
}

static char *
nmcli (const char *arg,
       ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "nmcli");
  g_ptr_array_add (argv, (gpointer) "-t");
  va_start (args, arg);
  for (; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  out = dt_test_nm_runv ((const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return out;
}

static guint stats_changes;

/* An IPv6 header (version 6) and nothing more. */
static const guint8 ipv6_packet[40] = { 0x60 };

static void
on_stats_changed (DtLink *link)
{
  stats_changes++;
}

/* What a dial does with the link, and what a user would check. */
static void
check_up_ping_down (void)
{
  g_autoptr (DtLink) link = new_link ("Test ISP", FALSE);
  g_autoptr (GError) error = NULL;
  g_autofree char *active = NULL;
  g_autofree char *ip4 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *ifname = NULL;
  g_autofree char *profiles = NULL;
  DtTestDevice before, after;
  DtTestPeer peer;
  DtLinkStats stats;
  gint64 start;

  g_signal_connect (link, "stats-changed", G_CALLBACK (on_stats_changed), NULL);
  dt_test_peer_attach (&peer, link, PEER);
  start = g_get_monotonic_time ();
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_test_message ("Activation took %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_NM);
  g_assert_cmpstr (dt_link_get_interface (link), ==, "dt-ppp0");
  g_assert_null (dt_link_get_message (link));
  ifname = g_strdup (dt_link_get_interface (link));

  /* What NetworkManager shows. */
  active = nmcli ("-f", "NAME,TYPE,DEVICE,STATE", "connection", "show", "--active", NULL);
  expected = g_strdup_printf ("Dialtone\\: Test ISP:tun:%s:activated\n", ifname);
  g_assert_nonnull (strstr (active, expected));
  ip4 = nmcli ("-f", "IP4.ADDRESS,IP4.ROUTE,IP4.DNS", "device", "show", ifname, NULL);
  g_assert_nonnull (strstr (ip4, "IP4.ADDRESS[1]:" LOCAL "/32\n"));
  g_assert_nonnull (strstr (ip4, "dst = " PEER "/32"));
  g_assert_nonnull (strstr (ip4, "IP4.DNS[1]:" DNS "\n"));
  g_assert_null (strstr (ip4, "0.0.0.0/0"));

  /* What the kernel shows. */
  g_assert_true (dt_test_device_get (ifname, &before));
  g_assert_cmpstr (before.address, ==, LOCAL);
  g_assert_cmpuint (before.mtu, ==, MTU);

  /* A ping from this machine to the peer crosses the link both ways. */
  stats_changes = 0;
  g_assert_true (dt_test_ping (PEER));
  g_assert_cmpuint (peer.requests, ==, 1);
  g_assert_cmpuint (peer.others, ==, 0);
  dt_link_get_stats (link, &stats);
  g_assert_cmpuint (stats.packets_out, ==, 1);
  g_assert_cmpuint (stats.bytes_out, ==, peer.bytes_out);
  g_assert_cmpuint (stats.packets_in, ==, 1);
  g_assert_cmpuint (stats.bytes_in, ==, peer.bytes_in);
  g_assert_cmpuint (stats.bytes_in, ==, stats.bytes_out);
  g_assert_cmpuint (stats.dropped_in + stats.dropped_out + stats.errors, ==, 0);
  g_assert_true (dt_test_device_get (ifname, &after));
  g_assert_cmpuint (after.tx_bytes - before.tx_bytes, ==, stats.bytes_out);
  g_assert_cmpuint (after.rx_bytes - before.rx_bytes, ==, stats.bytes_in);

  /* Traffic runs no timer and reports nothing: the counters are read when wanted. */
  dt_test_run_for (2500);
  g_assert_cmpuint (stats_changes, ==, 0);

  /* The link is for IPv4: anything else from the peer is dropped and counted, and that is
   * reported at once. */
  g_assert_false (dt_link_send (link, ipv6_packet, sizeof ipv6_packet));
  g_assert_cmpuint (stats_changes, ==, 1);
  dt_link_get_stats (link, &stats);
  g_assert_cmpuint (stats.dropped_in, ==, 1);
  g_assert_cmpuint (stats.packets_in, ==, 1);

  dt_test_link_down (link);
  g_assert_cmpuint (if_nametoindex (ifname), ==, 0);
  profiles = nmcli ("-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone"));
  g_assert_null (dt_link_get_message (link));

  dt_test_device_clear (&before);
  dt_test_device_clear (&after);
  dt_test_peer_clear (&peer);
}

static void
test_up_ping_down (void)
{
  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  check_up_ping_down ();
}

/* A desktop user: no root, no capabilities, on a bus where NetworkManager allows the user. */
static void
test_unprivileged (void)
{
  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
  check_up_ping_down ();
}

static void
test_default_gateway (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *routes = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  link = new_link ("Gateway", TRUE);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  routes = dt_test_nm_run (&error, "ip", "-4", "route", "show", "dev",
                           dt_link_get_interface (link), NULL);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (routes, "default via " PEER " "));
  g_assert_nonnull (strstr (routes, "10.99.0.0/16 "));
  g_assert_nonnull (strstr (routes, PEER " "));
  dt_test_link_down (link);
}

/* A server without an address of its own (IPCP without an IP-Address option, as RFC 1332
 * allows): the device gets ours alone, no peer and no route to one, and the default route
 * goes to the device itself.  DtLink used to refuse a NULL peer, and the dial waited in
 * ApplySettings for ever. */
static void
test_no_peer (void)
{
  const char *dns[] = { DNS, NULL };
  DtLinkConfig config = {
    .name = "No Peer",
    .local_address = LOCAL,
    .peer_address = NULL,
    .dns_servers = dns,
    .mtu = MTU,
    .default_gateway = TRUE,
    .mode = DT_LINK_MODE_AUTO,
  };
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;
  g_autofree char *ip4 = NULL;
  g_autofree char *routes = NULL;
  g_autofree char *profiles = NULL;
  DtTestDevice device;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  link = dt_link_new (&config);
  g_assert_nonnull (link);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_NM);
  ifname = g_strdup (dt_link_get_interface (link));

  ip4 = nmcli ("-f", "IP4.ADDRESS,IP4.ROUTE", "device", "show", ifname, NULL);
  g_test_message ("%s", ip4);
  g_assert_nonnull (strstr (ip4, "IP4.ADDRESS[1]:" LOCAL "/32\n"));
  g_assert_null (strstr (ip4, "IP4.ADDRESS[2]"));
  g_assert_null (strstr (ip4, "dst = " PEER "/"));
  g_assert_null (strstr (ip4, "nh = " PEER));
  g_assert_true (dt_test_device_get (ifname, &device));
  g_assert_cmpstr (device.address, ==, LOCAL);
  g_assert_true (device.peer == NULL || g_str_equal (device.peer, LOCAL));
  routes = dt_test_nm_run (&error, "ip", "-4", "route", "show", "dev", ifname, NULL);
  g_assert_no_error (error);
  g_test_message ("%s", routes);
  g_assert_true (g_str_has_prefix (routes, "default ") || strstr (routes, "\ndefault ") != NULL);
  g_assert_null (strstr (routes, " via "));

  dt_test_link_down (link);
  g_assert_cmpuint (if_nametoindex (ifname), ==, 0);
  profiles = nmcli ("-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone"));
  dt_test_device_clear (&device);
}

static void
test_two_links (void)
{
  g_autoptr (DtLink) first = NULL;
  g_autoptr (DtLink) second = NULL;
  g_autoptr (GError) error = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  first = new_link ("First", FALSE);
  second = new_link ("Second", FALSE);
  dt_test_link_up (first, &error);
  g_assert_no_error (error);
  dt_test_link_up (second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dt_link_get_interface (first), ==, "dt-ppp0");
  g_assert_cmpstr (dt_link_get_interface (second), ==, "dt-ppp1");
  dt_test_link_down (first);
  dt_test_link_down (second);
  g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);
  g_assert_cmpuint (if_nametoindex ("dt-ppp1"), ==, 0);
}

static void
on_up_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (dt_link_up_finish (DT_LINK (object), result, error));
}

/* Cancelling a dial while the link comes up leaves nothing behind. */
static void
test_cancel_up (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *profiles = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  /* At once, and once the profile is on its way to NetworkManager. */
  for (guint at_once = 0; at_once < 2; at_once++)
    {
      g_clear_object (&link);
      g_clear_object (&cancellable);
      g_clear_error (&error);
      link = new_link ("Cancelled", FALSE);
      cancellable = g_cancellable_new ();
      if (!at_once)
        g_signal_connect_swapped (link, "notify::interface", G_CALLBACK (g_cancellable_cancel),
                                  cancellable);
      dt_link_up_async (link, cancellable, on_up_done, &error);
      if (at_once)
        g_cancellable_cancel (cancellable);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  /* Whatever NetworkManager had started goes away. */
  for (guint i = 0; i < 30; i++)
    {
      g_clear_pointer (&profiles, g_free);
      profiles = nmcli ("-f", "NAME", "connection", "show", NULL);
      if (strstr (profiles, "Dialtone") == NULL && if_nametoindex ("dt-ppp0") == 0)
        break;
      dt_test_run_for (100);
    }
  g_assert_null (strstr (profiles, "Dialtone"));
  g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);
  dt_test_link_down (link);
}

static void
test_removed_from_outside (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) lost = NULL;
  g_autofree char *out = NULL;
  g_autofree char *profiles = NULL;
  gint64 start;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  link = new_link ("Removed", FALSE);
  g_signal_connect (link, "lost", G_CALLBACK (dt_test_on_link_lost), &lost);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  out = dt_test_nm_run (&error, "ip", "link", "delete", dt_link_get_interface (link), NULL);
  g_assert_no_error (error);
  while (lost == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("Lost after %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_error (lost, DT_RAS_ERROR, DT_RAS_ERROR_DISCONNECTION);
  g_assert_cmpstr (lost->message, ==, "The network device dt-ppp0 was removed");
  g_assert_cmpstr (dt_link_get_message (link), ==, lost->message);
  g_assert_false (dt_link_send (link, (const guint8 *) "\x45", 1));

  dt_test_link_down (link);
  profiles = nmcli ("-f", "NAME", "connection", "show", NULL);
  g_assert_null (strstr (profiles, "Dialtone"));
}

/* The profile belongs to the user who dialed (connection.permissions): another user can
 * neither see it, nor take it down, nor change it, although NetworkManager lets that user
 * manage the other connections of this machine. */
static void
test_other_user_cannot_touch (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *permissions = NULL;
  g_autofree char *active = NULL;

  if (dt_test_nm_skip_unless (sandbox != NULL, sandbox_error))
    return;
  if (g_test_subprocess ())
    {
      g_autofree char *down = NULL;
      g_autofree char *modify = NULL;
      g_autofree char *listed = NULL;

      dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);
      /* nmcli exits 0 even when NetworkManager refuses ("uid 65534 has no permission"): the
       * parent checks that the connection is still up. */
      down = dt_test_nm_run (&error, "nmcli", "connection", "down", "id", "Dialtone: Private",
                             NULL);
      g_clear_error (&error);
      modify = dt_test_nm_run (&error, "nmcli", "connection", "modify", "id",
                               "Dialtone: Private", "ipv4.never-default", "no", NULL);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_clear_error (&error);
      listed = nmcli ("-f", "NAME", "connection", "show", NULL);
      g_assert_null (strstr (listed, "Dialtone"));
      return;
    }

  link = new_link ("Private", FALSE);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  permissions = nmcli ("-g", "connection.permissions", "connection", "show", "Dialtone: Private",
                       NULL);
  g_assert_cmpstr (g_strstrip (permissions), ==, "user\\:root");   /* nmcli -t escapes ":" */

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  active = nmcli ("-f", "NAME,STATE", "connection", "show", "--active", NULL);
  g_assert_nonnull (strstr (active, "Dialtone\\: Private:activated"));
  dt_test_link_down (link);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sandbox = dt_test_nm_start (DT_TEST_NM_FLAGS_NONE, &sandbox_error);

  g_test_add_func ("/link/nm/up-ping-down", test_up_ping_down);
  g_test_add_func ("/link/nm/unprivileged", test_unprivileged);
  g_test_add_func ("/link/nm/other-user-cannot-touch", test_other_user_cannot_touch);
  g_test_add_func ("/link/nm/default-gateway", test_default_gateway);
  g_test_add_func ("/link/nm/no-peer", test_no_peer);
  g_test_add_func ("/link/nm/two-links", test_two_links);
  g_test_add_func ("/link/nm/removed-from-outside", test_removed_from_outside);
  g_test_add_func ("/link/nm/cancel-up", test_cancel_up);
  status = g_test_run ();

  g_clear_pointer (&sandbox, dt_test_nm_free);
  g_clear_error (&sandbox_error);
  return status;
}
