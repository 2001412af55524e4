/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink without NetworkManager, in a network namespace of its own with no system bus: as
 * root it creates and configures the TUN device itself (address, peer, MTU, routes) and
 * packets cross it; a device deleted from outside is lost with 628; without privilege it
 * goes on with no device and says why. */
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

#define NO_DEVICE_MESSAGE \
  "No network device: NetworkManager is not available and Dialtone has no permission to " \
  "create one"

static GError *netns_error;

static DtLink *
new_link (DtLinkMode mode)
{
  const char *dns[] = { DNS, NULL };
  const char *routes[] = { "10.99.0.0/16", NULL };
  DtLinkConfig config = {
    .name = "Direct",
    .local_address = LOCAL,
    .peer_address = PEER,
    .dns_servers = dns,
    .routes = routes,
    .mtu = MTU,
    .default_gateway = TRUE,
    .mode = mode,
  };

  return dt_link_new (&config);
}

static void
test_privileged (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *routes = NULL;
  DtTestDevice before, after;
  DtTestPeer peer;
  DtLinkStats stats;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  link = new_link (DT_LINK_MODE_AUTO);
  dt_test_peer_attach (&peer, link, PEER);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_DIRECT);
  g_assert_cmpstr (dt_link_get_interface (link), ==, "dt-ppp0");
  g_assert_cmpstr (dt_link_get_message (link), ==,
                   "The DNS servers were not applied: that needs NetworkManager");

  g_assert_true (dt_test_device_get ("dt-ppp0", &before));
  g_assert_cmpstr (before.address, ==, LOCAL);
  g_assert_cmpstr (before.peer, ==, PEER);
  g_assert_cmpuint (before.mtu, ==, MTU);
  routes = dt_test_nm_run (&error, "ip", "-4", "route", "show", "dev", "dt-ppp0", NULL);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (routes, "default proto static scope link"));
  g_assert_nonnull (strstr (routes, "10.99.0.0/16 "));
  g_assert_nonnull (strstr (routes, PEER " proto kernel"));

  g_assert_true (dt_test_ping (PEER));
  g_assert_cmpuint (peer.requests, ==, 1);
  /* No IPv6 chatter either: the device has no IPv6 address. */
  g_assert_cmpuint (peer.others, ==, 0);
  dt_link_get_stats (link, &stats);
  g_assert_cmpuint (stats.packets_out, ==, 1);
  g_assert_cmpuint (stats.bytes_out, ==, peer.bytes_out);
  g_assert_cmpuint (stats.bytes_in, ==, peer.bytes_in);
  g_assert_true (dt_test_device_get ("dt-ppp0", &after));
  g_assert_cmpuint (after.tx_bytes - before.tx_bytes, ==, stats.bytes_out);
  g_assert_cmpuint (after.rx_bytes - before.rx_bytes, ==, stats.bytes_in);

  dt_test_link_down (link);
  g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);

  dt_test_device_clear (&before);
  dt_test_device_clear (&after);
  dt_test_peer_clear (&peer);
}

/* A server without an address of its own: the device gets ours alone, with no peer, and the
 * default route goes to the device itself. */
static void
test_no_peer (void)
{
  DtLinkConfig config = {
    .name = "No Peer",
    .local_address = LOCAL,
    .peer_address = NULL,
    .mtu = MTU,
    .default_gateway = TRUE,
    .mode = DT_LINK_MODE_AUTO,
  };
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *routes = NULL;
  DtTestDevice device;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  link = dt_link_new (&config);
  g_assert_nonnull (link);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_DIRECT);
  g_assert_true (dt_test_device_get ("dt-ppp0", &device));
  g_assert_cmpstr (device.address, ==, LOCAL);
  g_assert_true (device.peer == NULL || g_str_equal (device.peer, LOCAL));
  routes = dt_test_nm_run (&error, "ip", "-4", "route", "show", "dev", "dt-ppp0", NULL);
  g_assert_no_error (error);
  g_test_message ("%s", routes);
  g_assert_nonnull (strstr (routes, "default proto static scope link"));
  g_assert_null (strstr (routes, " via "));
  dt_test_link_down (link);
  g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);
  dt_test_device_clear (&device);
}

static void
test_removed_from_outside (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) lost = NULL;
  g_autofree char *out = NULL;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  link = new_link (DT_LINK_MODE_DIRECT);
  g_signal_connect (link, "lost", G_CALLBACK (dt_test_on_link_lost), &lost);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);

  out = dt_test_nm_run (&error, "ip", "link", "delete", "dt-ppp0", NULL);
  g_assert_no_error (error);
  while (lost == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (lost, DT_RAS_ERROR, DT_RAS_ERROR_DISCONNECTION);
  g_assert_cmpstr (lost->message, ==, "The network device dt-ppp0 was removed");
  dt_test_link_down (link);
}

static void
test_nm_required (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  link = new_link (DT_LINK_MODE_NM);
  g_assert_false (dt_test_link_up (link, &error));
  g_assert_error (error, DT_LINK_ERROR, DT_LINK_ERROR_UNAVAILABLE);
  g_assert_true (g_str_has_prefix (error->message, "NetworkManager is not available"));
  dt_test_link_down (link);
}

static void
test_none_requested (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (GError) error = NULL;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  link = new_link (DT_LINK_MODE_NONE);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_NONE);
  g_assert_null (dt_link_get_interface (link));
  g_assert_cmpuint (if_nametoindex ("dt-ppp0"), ==, 0);
  dt_test_link_down (link);
}

/* Neither NetworkManager nor CAP_NET_ADMIN. */
static void
test_unprivileged (void)
{
  g_autoptr (DtLink) link = NULL;
  g_autoptr (DtLink) direct = NULL;
  g_autoptr (GError) error = NULL;
  const guint8 packet[20] = { 0x45 };
  DtLinkStats stats;

  if (dt_test_nm_skip_unless (netns_error == NULL, netns_error))
    return;
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  dt_test_nm_drop_privileges (DT_TEST_NM_USER_UID);

  link = new_link (DT_LINK_MODE_AUTO);
  dt_test_link_up (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_link_get_mode (link), ==, DT_LINK_MODE_NONE);
  g_assert_null (dt_link_get_interface (link));
  g_assert_cmpstr (dt_link_get_message (link), ==, NO_DEVICE_MESSAGE);
  g_assert_false (dt_link_send (link, packet, sizeof packet));
  dt_link_get_stats (link, &stats);
  g_assert_cmpuint (stats.dropped_in, ==, 1);
  g_assert_cmpuint (stats.packets_in, ==, 0);
  dt_test_link_down (link);

  direct = new_link (DT_LINK_MODE_DIRECT);
  g_assert_false (dt_test_link_up (direct, &error));
  g_assert_error (error, DT_LINK_ERROR, DT_LINK_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "Operation not permitted"));
  dt_test_link_down (direct);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The child of g_test_trap_subprocess() is in its parent's namespace already. */
  if (!g_test_subprocess ())
    dt_test_nm_enter_empty_netns (&netns_error);

  g_test_add_func ("/link/direct/privileged", test_privileged);
  g_test_add_func ("/link/direct/removed-from-outside", test_removed_from_outside);
  g_test_add_func ("/link/direct/no-peer", test_no_peer);
  g_test_add_func ("/link/direct/nm-required", test_nm_required);
  g_test_add_func ("/link/direct/none-requested", test_none_requested);
  g_test_add_func ("/link/direct/unprivileged", test_unprivileged);
  status = g_test_run ();

  g_clear_error (&netns_error);
  return status;
}
