/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the DtLink tests share: running the main loop until something happens, bringing a link
 * up and down, playing the PPP peer's part for ICMP echo (the peer answers pings the way a
 * real one would), and reading the kernel's counters for a device. */
#pragma once

#include <gio/gio.h>

#include "dt-link.h"

G_BEGIN_DECLS

/* Iterates the default main context until *@flag, failing the test after @seconds. */
void      dt_test_wait_for        (const gboolean *flag,
                                   guint           seconds,
                                   const char     *what);
/* Iterates the default main context for @ms milliseconds. */
void      dt_test_run_for         (guint           ms);

gboolean  dt_test_link_up         (DtLink         *link,
                                   GError        **error);
void      dt_test_link_down       (DtLink         *link);
/* A "lost" handler: copies the error into *@out, which must still be NULL. */
void      dt_test_on_link_lost    (DtLink         *link,
                                   const GError   *error,
                                   GError        **out);

/* The peer's side: answers each ICMP echo request for @peer_address that @link hands out
 * with the matching echo reply, through dt_link_send(), and counts what crossed. */
typedef struct {
  char    *peer_address;
  guint    requests;        /* echo requests seen */
  guint    others;          /* other packets seen */
  guint64  bytes_out;       /* every byte the link handed out */
  guint64  bytes_in;        /* every byte given back to it */
} DtTestPeer;

void      dt_test_peer_attach     (DtTestPeer     *peer,
                                   DtLink         *link,
                                   const char     *peer_address);
void      dt_test_peer_clear      (DtTestPeer     *peer);

/* Runs `ping -c 1` to @address in the current network namespace with the main loop running,
 * and returns whether it got its answer. */
gboolean  dt_test_ping            (const char     *address);

/* The kernel's view of a device: its IPv4 address and peer, MTU, and byte counters. */
typedef struct {
  char    *address;
  char    *peer;
  guint    mtu;
  guint64  rx_bytes;        /* written to the device (dt_link_send) */
  guint64  tx_bytes;        /* read from it (the packet signal) */
} DtTestDevice;

gboolean  dt_test_device_get      (const char     *ifname,
                                   DtTestDevice   *device);
void      dt_test_device_clear    (DtTestDevice   *device);

G_END_DECLS
