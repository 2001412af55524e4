/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kernel side of DtLink: opening a TUN device, watching network devices come and go
 * (rtnetlink link events), and configuring a device of our own when NetworkManager is absent
 * and the process has CAP_NET_ADMIN.  Internal to src/engine/link. */
#pragma once

#include <glib.h>

#include "dt-link.h"

G_BEGIN_DECLS

/* Opens /dev/net/tun non-blocking and attaches to the TUN device @ifname (IFF_TUN|IFF_NO_PI),
 * which must exist with index @ifindex; or, when @ifindex is 0, creates a new one, which
 * needs CAP_NET_ADMIN (G_IO_ERROR_PERMISSION_DENIED otherwise).  Returns the fd or -1. */
int       dt_link_tun_open           (const char          *ifname,
                                      int                  ifindex,
                                      GError             **error);

/* Gives the device we created its MTU, the point-to-point address, the default route and the
 * extra routes of @config, and the link-local IPv6 address when it has IPv6, and brings it
 * up, through rtnetlink. */
gboolean  dt_link_tun_configure      (int                  ifindex,
                                      const DtLinkConfig  *config,
                                      GError             **error);

typedef enum {
  DT_LINK_EVENT_ADDED,
  DT_LINK_EVENT_REMOVED,
  DT_LINK_EVENT_OVERFLOW,   /* events were lost: look again */
} DtLinkEvent;

typedef void (*DtLinkMonitorFunc) (DtLinkEvent  event,
                                   int          ifindex,
                                   const char  *ifname,
                                   gpointer     user_data);

typedef struct _DtLinkMonitor DtLinkMonitor;

/* Calls @func from the thread-default main context for every link that appears (or changes)
 * and disappears in this process's network namespace. */
DtLinkMonitor *dt_link_monitor_new   (DtLinkMonitorFunc    func,
                                      gpointer             user_data,
                                      GError             **error);
void           dt_link_monitor_free  (DtLinkMonitor       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtLinkMonitor, dt_link_monitor_free)

G_END_DECLS
