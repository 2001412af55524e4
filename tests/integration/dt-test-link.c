/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared code of the DtLink tests.  See dt-test-link.h. */
#include "config.h"

#include "dt-test-link.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include "dt-test-inet.h"

static gboolean
on_deadline (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
dt_test_wait_for (const gboolean *flag,
                  guint           seconds,
                  const char     *what)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_deadline, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Waited %u s for %s", seconds, what);
  g_source_remove (id);
}

void
dt_test_run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, on_deadline, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
on_up_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = dt_link_up_finish (DT_LINK (object), result, &wait->error);
  wait->done = TRUE;
}

gboolean
dt_test_link_up (DtLink  *link,
                 GError **error)
{
  Wait wait = { 0 };

  dt_link_up_async (link, NULL, on_up_done, &wait);
  /* The longest bound in DtLink is NetworkManager's 30 s activation timeout. */
  dt_test_wait_for (&wait.done, 40, "the link to come up");
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static void
on_down_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = dt_link_down_finish (DT_LINK (object), result, &wait->error);
  wait->done = TRUE;
}

void
dt_test_link_down (DtLink *link)
{
  Wait wait = { 0 };

  dt_link_down_async (link, NULL, on_down_done, &wait);
  dt_test_wait_for (&wait.done, 10, "the link to go down");
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
}

void
dt_test_on_link_lost (DtLink        *link,
                      const GError  *error,
                      GError       **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

/* The peer */

static void
on_packet (DtLink     *link,
           GBytes     *packet,
           DtTestPeer *peer)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (packet, &length);
  g_autofree guint8 *reply = NULL;
  struct in_addr destination;
  gsize header;
  guint16 sum;

  peer->bytes_out += length;
  g_assert_cmpuint (length, >=, 20);
  g_assert_cmpuint (data[0] >> 4, ==, 4);
  header = (data[0] & 0x0f) * 4;
  memcpy (&destination, data + 16, 4);
  if (data[9] != IPPROTO_ICMP || length < header + 8 || data[header] != 8
      || g_strcmp0 (inet_ntoa (destination), peer->peer_address) != 0)
    {
      peer->others++;
      return;
    }
  peer->requests++;

  /* The echo reply: addresses swapped, type 0, both checksums again. */
  reply = g_memdup2 (data, length);
  memcpy (reply + 12, data + 16, 4);
  memcpy (reply + 16, data + 12, 4);
  reply[8] = 64;
  reply[10] = reply[11] = 0;
  sum = dt_test_inet_checksum (reply, header, 0);
  reply[10] = sum >> 8;
  reply[11] = sum & 0xff;
  reply[header] = 0;
  reply[header + 2] = reply[header + 3] = 0;
  sum = dt_test_inet_checksum (reply + header, length - header, 0);
  reply[header + 2] = sum >> 8;
  reply[header + 3] = sum & 0xff;

  g_assert_true (dt_link_send (link, reply, length));
  peer->bytes_in += length;
}

void
dt_test_peer_attach (DtTestPeer *peer,
                     DtLink     *link,
                     const char *peer_address)
{
  memset (peer, 0, sizeof *peer);
  peer->peer_address = g_strdup (peer_address);
  g_signal_connect (link, "packet", G_CALLBACK (on_packet), peer);
}

void
dt_test_peer_clear (DtTestPeer *peer)
{
  g_clear_pointer (&peer->peer_address, g_free);
}

static void
on_ping_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = g_subprocess_wait_finish (G_SUBPROCESS (object), result, &wait->error)
             && g_subprocess_get_successful (G_SUBPROCESS (object));
  wait->done = TRUE;
}

gboolean
dt_test_ping (const char *address)
{
  g_autoptr (GSubprocess) ping = NULL;
  g_autoptr (GError) error = NULL;
  Wait wait = { 0 };

  ping = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           "ping", "-c", "1", "-n", "-W", "5", address, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (ping, NULL, on_ping_done, &wait);
  dt_test_wait_for (&wait.done, 10, "ping");
  g_assert_no_error (wait.error);
  return wait.ok;
}

gboolean
dt_test_device_get (const char   *ifname,
                    DtTestDevice *device)
{
  struct ifaddrs *list, *ifa;
  struct ifreq ifr = { 0 };
  gboolean found = FALSE;
  int fd;

  memset (device, 0, sizeof *device);
  g_assert_no_errno (getifaddrs (&list));
  for (ifa = list; ifa != NULL; ifa = ifa->ifa_next)
    {
      if (g_strcmp0 (ifa->ifa_name, ifname) != 0)
        continue;
      found = TRUE;
      /* A device without a link-layer address has a NULL ifa_addr in its AF_PACKET entry. */
      if ((ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family == AF_PACKET)
          && ifa->ifa_data != NULL)
        {
          const struct rtnl_link_stats *stats = ifa->ifa_data;

          device->rx_bytes = stats->rx_bytes;
          device->tx_bytes = stats->tx_bytes;
        }
      else if (ifa->ifa_addr != NULL && ifa->ifa_addr->sa_family == AF_INET)
        {
          device->address = g_strdup (inet_ntoa (((struct sockaddr_in *) ifa->ifa_addr)->sin_addr));
          if (ifa->ifa_dstaddr != NULL)
            device->peer = g_strdup (
              inet_ntoa (((struct sockaddr_in *) ifa->ifa_dstaddr)->sin_addr));
        }
    }
  freeifaddrs (list);

  strncpy (ifr.ifr_name, ifname, IFNAMSIZ - 1);
  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd >= 0 && ioctl (fd, SIOCGIFMTU, &ifr) == 0)
    device->mtu = ifr.ifr_mtu;
  if (fd >= 0)
    close (fd);
  return found;
}

void
dt_test_device_clear (DtTestDevice *device)
{
  g_clear_pointer (&device->address, g_free);
  g_clear_pointer (&device->peer, g_free);
}
