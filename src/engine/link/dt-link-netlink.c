/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kernel side of DtLink: TUN devices and rtnetlink.  See dt-link-netlink.h.
 *
 * Requests to rtnetlink are answered within the sendmsg() call, so reading the
 * acknowledgement right after it does not wait; the socket still has a receive timeout so that
 * nothing can hang on it. */
#include "config.h"

#include "dt-link-netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define NL_BUFFER_SIZE 512

/* @what is a translated sentence without the reason, which follows it. */
static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 char        *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", what,
               g_strerror (saved_errno));
  g_free (what);
}

int
dt_link_tun_open (const char  *ifname,
                  int          ifindex,
                  GError     **error)
{
  struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
  int fd;

  g_return_val_if_fail (ifname != NULL && strlen (ifname) < IFNAMSIZ, -1);

  /* Attaching by name creates the device when it is missing and we are privileged: make sure
   * it is the device we were given, before and after. */
  if (ifindex == 0)
    ifr.ifr_flags |= IFF_TUN_EXCL;
  else if ((int) if_nametoindex (ifname) != ifindex)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The device %s is gone"), ifname);
      return -1;
    }
  strncpy (ifr.ifr_name, ifname, IFNAMSIZ - 1);

  fd = open ("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, g_strdup_printf (_("Cannot open /dev/net/tun for %s"),
                                                      ifname));
      return -1;
    }
  if (ioctl (fd, TUNSETIFF, &ifr) < 0)
    {
      set_errno_error (error, errno,
                       ifindex == 0 ? g_strdup_printf (_("Cannot create the device %s"), ifname)
                                    : g_strdup_printf (_("Cannot attach to %s"), ifname));
      close (fd);
      return -1;
    }
  if (ifindex != 0 && (int) if_nametoindex (ifname) != ifindex)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The device %s is gone"), ifname);
      return -1;
    }
  return fd;
}

/* rtnetlink requests */

static void
nl_add_attr (struct nlmsghdr *msg,
             gushort          type,
             gconstpointer    data,
             gsize            length)
{
  struct rtattr *rta = (struct rtattr *) ((char *) msg + NLMSG_ALIGN (msg->nlmsg_len));

  g_assert (NLMSG_ALIGN (msg->nlmsg_len) + RTA_SPACE (length) <= NL_BUFFER_SIZE);
  rta->rta_type = type;
  rta->rta_len = RTA_LENGTH (length);
  if (length > 0)
    memcpy (RTA_DATA (rta), data, length);
  msg->nlmsg_len = NLMSG_ALIGN (msg->nlmsg_len) + RTA_SPACE (length);
}

static struct rtattr *
nl_nest_start (struct nlmsghdr *msg,
               gushort          type)
{
  struct rtattr *nest = (struct rtattr *) ((char *) msg + NLMSG_ALIGN (msg->nlmsg_len));

  nl_add_attr (msg, type, NULL, 0);
  return nest;
}

static void
nl_nest_end (struct nlmsghdr *msg,
             struct rtattr   *nest)
{
  nest->rta_len = (char *) msg + msg->nlmsg_len - (char *) nest;
}

static struct nlmsghdr *
nl_new (guint8 *buffer,
        gushort type,
        gushort flags,
        gsize   header_size)
{
  struct nlmsghdr *msg = (struct nlmsghdr *) buffer;

  memset (buffer, 0, NL_BUFFER_SIZE);
  msg->nlmsg_len = NLMSG_LENGTH (header_size);
  msg->nlmsg_type = type;
  msg->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
  return msg;
}

/* Sends @msg and returns the kernel's answer: 0 or an errno. */
static int
nl_talk (int              fd,
         struct nlmsghdr *msg)
{
  static guint32 seq;
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  guint8 reply[NL_BUFFER_SIZE * 2] __attribute__ ((aligned (NLMSG_ALIGNTO)));

  msg->nlmsg_seq = ++seq;
  if (sendto (fd, msg, msg->nlmsg_len, 0, (struct sockaddr *) &kernel, sizeof kernel) < 0)
    return errno;
  for (;;)
    {
      struct nlmsghdr *h;
      int n = recv (fd, reply, sizeof reply, 0);

      if (n < 0)
        return errno;
      for (h = (struct nlmsghdr *) reply; NLMSG_OK (h, n); h = NLMSG_NEXT (h, n))
        if (h->nlmsg_seq == msg->nlmsg_seq && h->nlmsg_type == NLMSG_ERROR)
          return -((struct nlmsgerr *) NLMSG_DATA (h))->error;
    }
}

static gboolean
parse_ipv4 (const char  *text,
            guint32     *address,
            GError     **error)
{
  struct in_addr in;

  if (text == NULL || inet_pton (AF_INET, text, &in) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Not an IPv4 address: %s"),
                   text != NULL ? text : "(none)");
      return FALSE;
    }
  *address = in.s_addr;
  return TRUE;
}

static gboolean
parse_route (const char  *text,
             guint32     *address,
             guint       *prefix,
             GError     **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", 2);
  guint64 value;

  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 32, &value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Not an IPv4 route (a.b.c.d/prefix): %s"), text);
      return FALSE;
    }
  *prefix = value;
  return parse_ipv4 (parts[0], address, error);
}

static int
nl_add_route (int     fd,
              int     ifindex,
              guint32 destination,
              guint   prefix)
{
  guint8 buffer[NL_BUFFER_SIZE];
  struct nlmsghdr *msg = nl_new (buffer, RTM_NEWROUTE, NLM_F_CREATE, sizeof (struct rtmsg));
  struct rtmsg *rtm = NLMSG_DATA (msg);
  guint32 oif = ifindex;

  rtm->rtm_family = AF_INET;
  rtm->rtm_dst_len = prefix;
  rtm->rtm_table = RT_TABLE_MAIN;
  rtm->rtm_protocol = RTPROT_STATIC;
  rtm->rtm_scope = RT_SCOPE_LINK;
  rtm->rtm_type = RTN_UNICAST;
  if (prefix > 0)
    nl_add_attr (msg, RTA_DST, &destination, sizeof destination);
  nl_add_attr (msg, RTA_OIF, &oif, sizeof oif);
  return nl_talk (fd, msg);
}

static int
nl_set_link (int      fd,
             int      ifindex,
             guint    mtu,
             gboolean up)
{
  guint8 buffer[NL_BUFFER_SIZE];
  struct nlmsghdr *msg = nl_new (buffer, RTM_NEWLINK, 0, sizeof (struct ifinfomsg));
  struct ifinfomsg *ifi = NLMSG_DATA (msg);

  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = ifindex;
  if (up)
    {
      ifi->ifi_flags = IFF_UP;
      ifi->ifi_change = IFF_UP;
    }
  if (mtu > 0)
    nl_add_attr (msg, IFLA_MTU, &mtu, sizeof mtu);
  return nl_talk (fd, msg);
}

/* Like NetworkManager with ipv6.method=disabled: no link-local address, so the device does
 * not send router solicitations that the peer cannot take. */
static void
nl_disable_ipv6_addresses (int fd,
                           int ifindex)
{
  guint8 buffer[NL_BUFFER_SIZE];
  struct nlmsghdr *msg = nl_new (buffer, RTM_NEWLINK, 0, sizeof (struct ifinfomsg));
  struct ifinfomsg *ifi = NLMSG_DATA (msg);
  struct rtattr *spec, *inet6;
  guint8 mode = IN6_ADDR_GEN_MODE_NONE;

  ifi->ifi_family = AF_UNSPEC;
  ifi->ifi_index = ifindex;
  spec = nl_nest_start (msg, IFLA_AF_SPEC);
  inet6 = nl_nest_start (msg, AF_INET6);
  nl_add_attr (msg, IFLA_INET6_ADDR_GEN_MODE, &mode, sizeof mode);
  nl_nest_end (msg, inet6);
  nl_nest_end (msg, spec);
  /* Fails where the kernel has no IPv6, which is as good. */
  nl_talk (fd, msg);
}

/* RTM_NEWADDR: @local (and @peer, the same as @local for an address that is not
 * point-to-point), each @size bytes of @family, /@prefix_len in @scope. */
static int
nl_new_address (int           fd,
                int           ifindex,
                guint8        family,
                guint8        prefix_len,
                guint8        scope,
                gconstpointer local,
                gconstpointer peer,
                gsize         size)
{
  guint8 buffer[NL_BUFFER_SIZE];
  struct nlmsghdr *msg = nl_new (buffer, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
                                 sizeof (struct ifaddrmsg));
  struct ifaddrmsg *ifa = NLMSG_DATA (msg);

  ifa->ifa_family = family;
  ifa->ifa_prefixlen = prefix_len;
  ifa->ifa_scope = scope;
  ifa->ifa_index = ifindex;
  nl_add_attr (msg, IFA_LOCAL, local, size);
  nl_add_attr (msg, IFA_ADDRESS, peer, size);
  return nl_talk (fd, msg);
}

static int
nl_add_address (int     fd,
                int     ifindex,
                guint32 local,
                guint32 peer)
{
  /* A point-to-point address: the kernel adds the route to the peer. */
  return nl_new_address (fd, ifindex, AF_INET, 32, RT_SCOPE_UNIVERSE, &local, &peer,
                         sizeof local);
}

/* IPv6CP's link-local address, fe80::IID/64 (RFC 5072 §5).  Without NetworkManager there is
 * no SLAAC: the kernel takes no token on a NOARP device such as a tun. */
static int
nl_add_link_local (int     fd,
                   int     ifindex,
                   guint64 iid)
{
  struct in6_addr address = { .s6_addr = { 0xfe, 0x80 } };

  for (int i = 0; i < 8; i++)
    address.s6_addr[8 + i] = iid >> (56 - 8 * i);
  return nl_new_address (fd, ifindex, AF_INET6, 64, RT_SCOPE_LINK, &address, &address,
                         sizeof address);
}

static int
nl_open (void)
{
  struct timeval timeout = { .tv_sec = 2 };
  int fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

  if (fd >= 0)
    setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

gboolean
dt_link_tun_configure (int                  ifindex,
                       const DtLinkConfig  *config,
                       GError             **error)
{
  char ifname[IF_NAMESIZE] = "";
  guint32 local, peer;
  int fd, err;

  g_return_val_if_fail (ifindex > 0, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);

  if (!parse_ipv4 (config->local_address, &local, error))
    return FALSE;
  /* Without a peer address, the local one as the other end: no peer route. */
  peer = local;
  if (config->peer_address != NULL && !parse_ipv4 (config->peer_address, &peer, error))
    return FALSE;
  if_indextoname (ifindex, ifname);
  fd = nl_open ();
  if (fd < 0)
    {
      set_errno_error (error, errno, g_strdup_printf (_("Cannot configure %s"), ifname));
      return FALSE;
    }

  nl_disable_ipv6_addresses (fd, ifindex);
  err = nl_set_link (fd, ifindex, config->mtu, FALSE);
  if (err == 0)
    err = nl_set_link (fd, ifindex, 0, TRUE);
  if (err == 0)
    err = nl_add_address (fd, ifindex, local, peer);
  if (err == 0 && config->ipv6_local_iid != 0)
    err = nl_add_link_local (fd, ifindex, config->ipv6_local_iid);
  if (err == 0 && config->default_gateway)
    err = nl_add_route (fd, ifindex, 0, 0);
  for (guint i = 0; err == 0 && config->routes != NULL && config->routes[i] != NULL; i++)
    {
      guint32 destination;
      guint prefix;

      if (!parse_route (config->routes[i], &destination, &prefix, error))
        {
          close (fd);
          return FALSE;
        }
      err = nl_add_route (fd, ifindex, destination, prefix);
    }
  close (fd);
  if (err != 0)
    {
      set_errno_error (error, err, g_strdup_printf (_("Cannot configure %s"), ifname));
      return FALSE;
    }
  return TRUE;
}

/* Link events */

struct _DtLinkMonitor
{
  int                fd;
  GSource           *source;
  DtLinkMonitorFunc  func;
  gpointer           user_data;
};

static void
dispatch_link_message (DtLinkMonitor   *self,
                       struct nlmsghdr *h)
{
  struct ifinfomsg *ifi = NLMSG_DATA (h);
  int length = IFLA_PAYLOAD (h);
  const char *ifname = NULL;

  if (h->nlmsg_len < NLMSG_LENGTH (sizeof *ifi))
    return;
  for (struct rtattr *rta = IFLA_RTA (ifi); RTA_OK (rta, length); rta = RTA_NEXT (rta, length))
    if (rta->rta_type == IFLA_IFNAME && memchr (RTA_DATA (rta), 0, RTA_PAYLOAD (rta)) != NULL)
      ifname = RTA_DATA (rta);
  self->func (h->nlmsg_type == RTM_NEWLINK ? DT_LINK_EVENT_ADDED : DT_LINK_EVENT_REMOVED,
              ifi->ifi_index, ifname, self->user_data);
}

static gboolean
on_monitor_readable (int           fd,
                     GIOCondition  condition,
                     gpointer      user_data)
{
  DtLinkMonitor *self = user_data;
  guint8 buffer[16384] __attribute__ ((aligned (NLMSG_ALIGNTO)));

  for (;;)
    {
      struct sockaddr_nl from;
      socklen_t from_length = sizeof from;
      int n = recvfrom (fd, buffer, sizeof buffer, 0, (struct sockaddr *) &from, &from_length);

      if (n < 0 && errno == ENOBUFS)
        {
          self->func (DT_LINK_EVENT_OVERFLOW, 0, NULL, self->user_data);
          continue;
        }
      if (n < 0)
        break;
      /* Only the kernel speaks for the kernel. */
      if (from.nl_pid != 0)
        continue;
      for (struct nlmsghdr *h = (struct nlmsghdr *) buffer; NLMSG_OK (h, n);
           h = NLMSG_NEXT (h, n))
        if (h->nlmsg_type == RTM_NEWLINK || h->nlmsg_type == RTM_DELLINK)
          dispatch_link_message (self, h);
    }
  return G_SOURCE_CONTINUE;
}

DtLinkMonitor *
dt_link_monitor_new (DtLinkMonitorFunc   func,
                     gpointer            user_data,
                     GError            **error)
{
  struct sockaddr_nl local = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK };
  DtLinkMonitor *self;
  int fd;

  fd = socket (AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0 || bind (fd, (struct sockaddr *) &local, sizeof local) < 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot watch network devices: %s"), g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (DtLinkMonitor, 1);
  self->fd = fd;
  self->func = func;
  self->user_data = user_data;
  self->source = g_unix_fd_source_new (fd, G_IO_IN);
  g_source_set_callback (self->source, G_SOURCE_FUNC (on_monitor_readable), self, NULL);
  g_source_set_static_name (self->source, "[dialtone] link monitor");
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return self;
}

void
dt_link_monitor_free (DtLinkMonitor *self)
{
  if (self == NULL)
    return;
  g_source_destroy (self->source);
  g_source_unref (self->source);
  close (self->fd);
  g_free (self);
}
