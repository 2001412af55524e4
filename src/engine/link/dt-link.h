/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink: the network side of a PPP connection.  Once IPCP has agreed on addresses, it puts
 * a TUN device on the system with that configuration and moves IPv4 packets between the
 * device and the PPP session, and IPv6 ones when IPv6CP agreed on Interface-Identifiers: the
 * device then has the link-local address they make (RFC 5072 §5), and through
 * NetworkManager takes a global address from the peer's router advertisements (SLAAC, with
 * the same identifier).  Without root: NetworkManager creates the device from an
 * in-memory "tun" profile owned by the user, and DtLink attaches to it.  Without
 * NetworkManager it creates and configures the device itself when it has CAP_NET_ADMIN, and
 * otherwise goes on with no device at all, saying why. */
#pragma once

#include <gio/gio.h>

#include "dt-link-enums.h"   /* DT_TYPE_LINK_MODE, DT_TYPE_LINK_ERROR, from glib-mkenums */

G_BEGIN_DECLS

typedef enum {
  DT_LINK_MODE_AUTO,    /* NetworkManager, else DIRECT when privileged, else NONE */
  DT_LINK_MODE_NM,      /* a "tun" profile through NetworkManager */
  DT_LINK_MODE_DIRECT,  /* a TUN device that this process creates (CAP_NET_ADMIN) */
  DT_LINK_MODE_NONE,    /* no network device */
} DtLinkMode;

/* Errors from dt_link_up_finish(); the engine words them as RAS errors. */
#define DT_LINK_ERROR (dt_link_error_quark ())
typedef enum {
  DT_LINK_ERROR_FAILED,         /* activation failed, or the device could not be set up */
  DT_LINK_ERROR_REFUSED,        /* "NetworkManager refused: <its message>" */
  DT_LINK_ERROR_UNAVAILABLE,    /* the mode asked for cannot work here */
  DT_LINK_ERROR_TIMEOUT,        /* NetworkManager did not finish in time */
} DtLinkError;
GQuark dt_link_error_quark (void);

/* What IPCP and the entry decided.  Addresses are dotted quads. */
typedef struct {
  const char         *name;              /* the entry's name: profile "Dialtone: <name>" */
  const char         *local_address;
  const char         *peer_address;      /* NULL when the server gave none: no peer route,
                                            and a default route to the device itself */
  const char * const *dns_servers;       /* NULL-terminated, or NULL */
  const char * const *routes;            /* extra "a.b.c.d/prefix" routes, or NULL */
  guint               mtu;               /* the negotiated MRU; 0 means 1500 */
  gboolean            default_gateway;   /* the default route goes through the link */
  const char         *interface_prefix;  /* "dt-ppp" (the default) gives dt-ppp0, dt-ppp1… */
  DtLinkMode          mode;
  guint64             ipv6_local_iid;    /* IPv6CP's Interface-Identifier; 0: IPv4 only */
  /* Incoming calls, "callers reach the network": NetworkManager's shared mode, the local
   * address with @local_prefix (covering the peer) so that NetworkManager masquerades the
   * peer's packets and forwards them.  Needs NetworkManager. */
  gboolean            shared;
  guint               local_prefix;      /* 0: 32 */
} DtLinkConfig;

/* Byte and packet counters.  "in" is from the peer to this machine (dt_link_send()), "out"
 * from this machine to the peer (the "packet" signal). */
typedef struct {
  guint64 bytes_in;
  guint64 packets_in;
  guint64 bytes_out;
  guint64 packets_out;
  guint64 dropped_in;    /* the device was full or absent */
  guint64 dropped_out;   /* not IPv4, nor IPv6 on a link that has it */
  guint64 errors;        /* failed reads and writes */
} DtLinkStats;

#define DT_TYPE_LINK (dt_link_get_type ())
G_DECLARE_FINAL_TYPE (DtLink, dt_link, DT, LINK, GObject)

/* Properties (read-only, with notify): "mode" (DtLinkMode: the one in use once up),
 * "interface" (the device's name, or NULL), "message" (a sentence for the status: why there
 * is no device, or what happened to it, or NULL).
 *
 * Signals:
 *   packet (GBytes *datagram): an IPv4 packet from this machine, for the peer, or an IPv6
 *     one on a link with IPv6 (the version nibble tells them apart).
 *   stats-changed (): a packet was dropped or a read or write failed, at once (at most once a
 *     second); traffic itself emits nothing: read the counters with dt_link_get_stats().
 *   lost (const GError *error): the device went away for good (DT_RAS_ERROR 628).  The link
 *     moves no more packets; dt_link_down_async() still cleans up.
 */

DtLink      *dt_link_new           (const DtLinkConfig   *config);

/* Brings the device up.  Completes when it carries packets, or at once in mode NONE. */
void         dt_link_up_async      (DtLink               *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean     dt_link_up_finish     (DtLink               *self,
                                    GAsyncResult         *result,
                                    GError              **error);

/* Removes the device and the profile.  Never fails; waits a bounded time for the device to
 * disappear. */
void         dt_link_down_async    (DtLink               *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean     dt_link_down_finish   (DtLink               *self,
                                    GAsyncResult         *result,
                                    GError              **error);

/* Queues an IPv4 (or, on a link with IPv6, an IPv6) packet from the peer on the device.  Never blocks: returns FALSE and counts
 * a drop when there is no device or its queue is full. */
gboolean     dt_link_send          (DtLink               *self,
                                    const guint8         *packet,
                                    gsize                 length);

DtLinkMode   dt_link_get_mode      (DtLink               *self);
const char  *dt_link_get_interface (DtLink               *self);
const char  *dt_link_get_message   (DtLink               *self);
void         dt_link_get_stats     (DtLink               *self,
                                    DtLinkStats          *stats);

/* A Dialtone that dies with a link up (a crash, SIGKILL) leaves its NetworkManager profile
 * active, with its routes (the default route too, for an entry that is the default gateway).
 * This deletes this user's profiles whose Dialtone process is gone, which takes their devices
 * down; the profiles of a Dialtone that still runs are left alone.  Run it when Dialtone starts
 * (DtDialer does).  Completes with the number of profiles deleted: 0 without NetworkManager;
 * an error only when cancelled. */
void         dt_link_cleanup_stale_async  (GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gssize       dt_link_cleanup_stale_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
