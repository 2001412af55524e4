/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLink: the TUN device of a connection and the packets through it.  See dt-link.h.
 *
 * With NetworkManager, DtLinkNm owns the profile and DtLink owns the attachment: it attaches
 * whenever a device of its name appears (rtnetlink), which is as soon as NetworkManager creates
 * it.  Attaching early matters: until a process is attached the device has no carrier, and
 * NetworkManager then waits two seconds before it finishes activating. */
#include "config.h"

#include "dt-link.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include "dt-error.h"
#include "dt-link-netlink.h"
#include "dt-link-nm.h"
#include "dt-property.h"
#include "dt-task.h"

#define DEFAULT_PREFIX       "dt-ppp"
#define MAX_PREFIX_LENGTH    12
#define READ_BUFFER_SIZE     65536
#define PACKETS_PER_DISPATCH 64
#define GRACE_SECONDS        3   /* after the device vanished, for NetworkManager's word */
#define DOWN_TIMEOUT_SECONDS 5   /* for the device to disappear on dt_link_down_async() */
#define ATTACH_RETRY_MS      20  /* while NetworkManager is still setting the new device up */

#define NO_DEVICE_MESSAGE \
  N_("No network device: NetworkManager is not available and Dialtone has no permission to " \
     "create one")

struct _DtLink
{
  GObject        parent_instance;

  DtLinkConfig   config;          /* with the strings below */
  char          *name;
  char          *local_address;
  char          *peer_address;
  char          *interface_prefix;
  GStrv          dns_servers;
  GStrv          routes;

  DtLinkMode     mode;
  char          *interface;
  char          *message;
  char          *gone_reason;     /* why the device went, while waiting for a verdict */

  GMainContext  *context;
  DtLinkNm      *nm;
  DtLinkMonitor *monitor;
  int            fd;
  int            ifindex;
  GSource       *read_source;
  guint8        *buffer;

  GTask         *up_task;
  gulong         up_cancel_id;
  GTask         *down_task;
  int            down_ifindex;    /* the device whose disappearance down waits for */
  GSource       *grace_source;
  GSource       *retry_source;
  GSource       *down_timeout;
  DtLinkStats    stats;
  gint64         trouble_reported_us;
  gboolean       configured;      /* addresses in place (NetworkManager activated) */
  gboolean       lost;
  gboolean       taken_down;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_INTERFACE,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  SIGNAL_PACKET,
  SIGNAL_STATS_CHANGED,
  SIGNAL_LOST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DtLink, dt_link, G_TYPE_OBJECT)
G_DEFINE_QUARK (dt-link-error-quark, dt_link_error)

static void teardown  (DtLink *self);
static void finish_up (DtLink *self,
                       GError *error);

static GSource *
add_timeout_seconds (DtLink      *self,
                     guint        seconds,
                     GSourceFunc  func)
{
  GSource *source = g_timeout_source_new_seconds (seconds);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Properties */

static void
set_mode (DtLink     *self,
          DtLinkMode  mode)
{
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
set_string (DtLink      *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  dt_property_set_string (G_OBJECT (self), properties[prop], field, value);
}

/* Counters */

/* The byte and packet counters are read when wanted (dt_link_get_stats()): traffic runs no
 * timer and emits nothing.  A packet lost or a failed read or write is news, said at once
 * (at most once a second, by the clock, not by a timer: a burst of them is one report, and
 * the counters still say how many). */
static void
note_trouble (DtLink *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->trouble_reported_us != 0 && now - self->trouble_reported_us < G_USEC_PER_SEC)
    return;
  self->trouble_reported_us = now;
  g_signal_emit (self, signals[SIGNAL_STATS_CHANGED], 0);
}

/* The device */

static void
detach (DtLink *self)
{
  clear_source (&self->read_source);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  self->ifindex = 0;
}

static void
lose (DtLink     *self,
      const char *message)
{
  g_autoptr (GError) error = NULL;

  if (self->lost || self->taken_down)
    return;
  detach (self);
  clear_source (&self->grace_source);
  if (self->up_task != NULL)
    {
      finish_up (self, g_error_new_literal (DT_LINK_ERROR, DT_LINK_ERROR_FAILED, message));
      return;
    }
  self->lost = TRUE;
  set_string (self, &self->message, message, PROP_MESSAGE);
  error = g_error_new_literal (DT_RAS_ERROR, DT_RAS_ERROR_DISCONNECTION, message);
  g_signal_emit (self, signals[SIGNAL_LOST], 0, error);
}

static gboolean
on_grace_timeout (gpointer user_data)
{
  DtLink *self = user_data;

  g_clear_pointer (&self->grace_source, g_source_unref);
  if (self->fd < 0 && !dt_link_nm_is_recovering (self->nm))
    lose (self, self->gone_reason);
  return G_SOURCE_REMOVE;
}

static void
device_gone (DtLink     *self,
             const char *reason)
{
  detach (self);
  if (self->lost || self->taken_down)
    return;
  g_free (self->gone_reason);
  self->gone_reason = g_strdup (reason);
  if (self->mode != DT_LINK_MODE_NM || self->nm == NULL)
    {
      lose (self, reason);
      return;
    }
  /* NetworkManager may be restarting, and then brings the device back; if it is running, it
   * reports the profile down at once. */
  if (self->grace_source == NULL)
    self->grace_source = add_timeout_seconds (self, GRACE_SECONDS, on_grace_timeout);
}

/* IPv4 always, IPv6 when IPv6CP is up: a header's worth, and the version it says. */
static gboolean
carries (DtLink       *self,
         const guint8 *packet,
         gsize         length)
{
  if (length >= 20 && packet[0] >> 4 == 4)
    return TRUE;
  return self->config.ipv6_local_iid != 0 && length >= 40 && packet[0] >> 4 == 6;
}

static gboolean
on_tun_readable (int           fd,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  g_autoptr (DtLink) self = g_object_ref (user_data);

  for (guint i = 0; i < PACKETS_PER_DISPATCH && self->fd >= 0; i++)
    {
      g_autoptr (GBytes) packet = NULL;
      ssize_t n = read (self->fd, self->buffer, READ_BUFFER_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : EIO;
          /* A deleted device fails reads with EBADFD, before rtnetlink says it is gone. */
          gboolean removed = (int) if_nametoindex (self->interface) != self->ifindex;
          g_autofree char *reason = removed
            ? g_strdup_printf (_("The network device %s was removed"), self->interface)
            : g_strdup_printf (_("The network device %s stopped working: %s"), self->interface,
                               g_strerror (saved_errno));

          self->stats.errors++;
          note_trouble (self);
          device_gone (self, reason);
          return G_SOURCE_REMOVE;
        }
      if (!carries (self, self->buffer, n))
        {
          self->stats.dropped_out++;
          note_trouble (self);
          continue;
        }
      self->stats.packets_out++;
      self->stats.bytes_out += n;
      packet = g_bytes_new (self->buffer, n);
      g_signal_emit (self, signals[SIGNAL_PACKET], 0, packet);
    }
  return G_SOURCE_CONTINUE;
}

static void
set_fd (DtLink *self,
        int     fd,
        int     ifindex)
{
  detach (self);
  clear_source (&self->grace_source);
  g_clear_pointer (&self->gone_reason, g_free);
  self->fd = fd;
  self->ifindex = ifindex;
  if (self->buffer == NULL)
    self->buffer = g_malloc (READ_BUFFER_SIZE);
  self->read_source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->read_source, G_SOURCE_FUNC (on_tun_readable), self, NULL);
  g_source_set_static_name (self->read_source, "[dialtone] tun");
  g_source_attach (self->read_source, self->context);
}

/* Completing the up task */

static void
finish_up (DtLink *self,
           GError *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->up_task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (self->up_cancel_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->up_cancel_id);
  self->up_cancel_id = 0;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
maybe_finish_up (DtLink *self)
{
  if (self->up_task != NULL && self->fd >= 0 && self->configured)
    finish_up (self, NULL);
}

static void attach (DtLink *self,
                    int     ifindex);

static gboolean
on_attach_retry (gpointer user_data)
{
  DtLink *self = user_data;
  int ifindex = if_nametoindex (self->interface);

  g_clear_pointer (&self->retry_source, g_source_unref);
  if (self->fd < 0 && ifindex > 0 && !self->lost && !self->taken_down)
    attach (self, ifindex);
  return G_SOURCE_REMOVE;
}

static void
attach (DtLink *self,
        int     ifindex)
{
  g_autoptr (GError) error = NULL;
  int fd = dt_link_tun_open (self->interface, ifindex, &error);

  if (fd < 0)
    {
      /* Gone again: the next event tells. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return;
      /* NetworkManager creates the device, then hands it to us (TUNSETOWNER) and lets go of it;
       * until then attaching fails with EPERM or EBUSY. */
      if (!self->configured && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY)
                                || g_error_matches (error, G_IO_ERROR,
                                                    G_IO_ERROR_PERMISSION_DENIED)))
        {
          if (self->retry_source == NULL)
            {
              self->retry_source = g_timeout_source_new (ATTACH_RETRY_MS);
              g_source_set_callback (self->retry_source, on_attach_retry, self, NULL);
              g_source_attach (self->retry_source, self->context);
            }
          return;
        }
      if (self->up_task != NULL)
        finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED, "%s",
                                      error->message));
      else
        lose (self, error->message);
      return;
    }
  clear_source (&self->retry_source);
  set_fd (self, fd, ifindex);
  maybe_finish_up (self);
}

/* Completes dt_link_down_async(), if it has not completed yet, and drops the timeout that
 * would have completed it: the device's removal and NetworkManager's answer race, and
 * whichever comes second finds the task done. */
static void
finish_down (DtLink *self)
{
  clear_source (&self->down_timeout);
  if (self->down_task != NULL)
    dt_task_complete_boolean (&self->down_task, NULL);
}

static gboolean
on_device_removed (gpointer user_data)
{
  DtLink *self = user_data;

  g_clear_pointer (&self->down_timeout, g_source_unref);
  finish_down (self);
  return G_SOURCE_REMOVE;
}

static void
on_link_event (DtLinkEvent  event,
               int          ifindex,
               const char  *ifname,
               gpointer     user_data)
{
  DtLink *self = user_data;

  if (event == DT_LINK_EVENT_OVERFLOW)
    {
      ifindex = self->interface != NULL ? (int) if_nametoindex (self->interface) : 0;
      if (self->fd >= 0 && ifindex != self->ifindex)
        event = DT_LINK_EVENT_REMOVED, ifindex = self->ifindex;
      else
        event = DT_LINK_EVENT_ADDED, ifname = self->interface;
    }

  if (event == DT_LINK_EVENT_REMOVED && self->down_task != NULL
      && ifindex == self->down_ifindex)
    {
      /* Completed from the main loop, not from inside the monitor's dispatch: the owner's
       * callback may drop the last reference, and the monitor with it. */
      clear_source (&self->down_timeout);
      self->down_timeout = add_timeout_seconds (self, 0, on_device_removed);
      return;
    }
  if (event == DT_LINK_EVENT_REMOVED && self->fd >= 0 && ifindex == self->ifindex)
    {
      g_autofree char *reason = g_strdup_printf (_("The network device %s was removed"),
                                                 self->interface);

      device_gone (self, reason);
      return;
    }
  if (event == DT_LINK_EVENT_ADDED && self->fd < 0 && ifindex > 0 && self->nm != NULL
      && !self->lost && !self->taken_down && g_strcmp0 (ifname, self->interface) == 0)
    attach (self, ifindex);
}

static char *
pick_interface_name (DtLink  *self,
                     GError **error)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", self->config.interface_prefix, i);

      if (if_nametoindex (name) == 0
          && (self->nm == NULL || !dt_link_nm_interface_in_use (self->nm, name)))
        return g_steal_pointer (&name);
    }
  g_set_error (error, DT_LINK_ERROR, DT_LINK_ERROR_FAILED,
               _("No free network device name starting with %s"),
               self->config.interface_prefix);
  return NULL;
}

/* Modes */

static void
go_none (DtLink     *self,
         const char *message)
{
  set_mode (self, DT_LINK_MODE_NONE);
  set_string (self, &self->message, message, PROP_MESSAGE);
  finish_up (self, NULL);
}

static void
go_direct (DtLink *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;
  int fd, ifindex;

  ifname = pick_interface_name (self, &error);
  fd = ifname != NULL ? dt_link_tun_open (ifname, 0, &error) : -1;
  if (fd < 0 && self->config.mode == DT_LINK_MODE_AUTO
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      go_none (self, _(NO_DEVICE_MESSAGE));
      return;
    }
  if (fd < 0)
    {
      finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_UNAVAILABLE, "%s",
                                    error->message));
      return;
    }
  ifindex = if_nametoindex (ifname);
  self->monitor = dt_link_monitor_new (on_link_event, self, &error);
  if (self->monitor == NULL || !dt_link_tun_configure (ifindex, &self->config, &error))
    {
      close (fd);
      finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED, "%s",
                                    error->message));
      return;
    }
  set_fd (self, fd, ifindex);
  set_mode (self, DT_LINK_MODE_DIRECT);
  set_string (self, &self->interface, ifname, PROP_INTERFACE);
  if (self->dns_servers != NULL && self->dns_servers[0] != NULL)
    set_string (self, &self->message,
                _("The DNS servers were not applied: that needs NetworkManager"), PROP_MESSAGE);
  self->configured = TRUE;
  maybe_finish_up (self);
}

static void
on_nm_failed (DtLinkNm     *nm,
              const GError *error,
              DtLink       *self)
{
  lose (self, self->gone_reason != NULL ? self->gone_reason : error->message);
}

static void
on_nm_recovering (DtLinkNm *nm,
                  DtLink   *self)
{
  set_string (self, &self->message, _("NetworkManager stopped: waiting for it to come back"),
              PROP_MESSAGE);
}

static void
on_nm_recovered (DtLinkNm *nm,
                 DtLink   *self)
{
  int ifindex = if_nametoindex (self->interface);

  set_string (self, &self->message, NULL, PROP_MESSAGE);
  if (self->fd < 0 && ifindex > 0)
    attach (self, ifindex);
  else if (self->fd >= 0 && ifindex != self->ifindex)
    {
      /* A new device under the old name. */
      detach (self);
      if (ifindex > 0)
        attach (self, ifindex);
    }
  if (self->fd < 0 && !self->lost)
    device_gone (self, _("NetworkManager restarted without the network device"));
}

static void
on_nm_activated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtLink) self = user_data;
  g_autoptr (GError) error = NULL;
  int ifindex;

  if (!dt_link_nm_activate_finish (DT_LINK_NM (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_up (self, g_steal_pointer (&error));
      return;
    }
  self->configured = TRUE;
  ifindex = if_nametoindex (self->interface);
  if (self->fd < 0 && ifindex > 0)
    attach (self, ifindex);
  if (self->fd < 0 && self->up_task != NULL)
    finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED,
                                  _("NetworkManager activated %s, but it is gone"),
                                  self->interface));
  maybe_finish_up (self);
}

static void
go_nm (DtLink *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ifname = NULL;

  g_signal_connect_object (self->nm, "failed", G_CALLBACK (on_nm_failed), self, 0);
  g_signal_connect_object (self->nm, "recovering", G_CALLBACK (on_nm_recovering), self, 0);
  g_signal_connect_object (self->nm, "recovered", G_CALLBACK (on_nm_recovered), self, 0);
  ifname = pick_interface_name (self, &error);
  if (ifname != NULL)
    self->monitor = dt_link_monitor_new (on_link_event, self, &error);
  if (self->monitor == NULL)
    {
      finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED, "%s",
                                    error->message));
      return;
    }
  set_mode (self, DT_LINK_MODE_NM);
  set_string (self, &self->interface, ifname, PROP_INTERFACE);
  dt_link_nm_activate_async (self->nm, &self->config, ifname, NULL, on_nm_activated,
                             g_object_ref (self));
}

static void
on_nm_ready (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (DtLink) self = user_data;
  g_autoptr (GError) error = NULL;

  self->nm = dt_link_nm_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->up_task == NULL)
    return;
  if (self->nm != NULL)
    go_nm (self);
  else if (self->config.mode == DT_LINK_MODE_NM && error != NULL)
    finish_up (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_UNAVAILABLE,
                                  _("NetworkManager is not available: %s"), error->message));
  else if (self->config.mode == DT_LINK_MODE_NM)
    finish_up (self, g_error_new_literal (DT_LINK_ERROR, DT_LINK_ERROR_UNAVAILABLE,
                                          _("NetworkManager is not running")));
  else
    go_direct (self);
}

/* Cancelling the up task */

static gboolean
abort_up (gpointer user_data)
{
  DtLink *self = user_data;

  if (self->up_task == NULL)
    return G_SOURCE_REMOVE;
  finish_up (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("Bringing the link up was cancelled")));
  teardown (self);
  return G_SOURCE_REMOVE;
}

/* Runs in whichever thread cancelled: act from the link's own context. */
static void
on_up_cancelled (GCancellable *cancellable,
                 DtLink       *self)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, abort_up, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Public API */

DtLink *
dt_link_new (const DtLinkConfig *config)
{
  DtLink *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->local_address != NULL, NULL);
  g_return_val_if_fail (config->interface_prefix == NULL
                        || strlen (config->interface_prefix) <= MAX_PREFIX_LENGTH, NULL);

  self = g_object_new (DT_TYPE_LINK, NULL);
  self->name = g_strdup (config->name);
  self->local_address = g_strdup (config->local_address);
  self->peer_address = g_strdup (config->peer_address);
  self->interface_prefix = g_strdup (config->interface_prefix ? config->interface_prefix
                                                              : DEFAULT_PREFIX);
  self->dns_servers = g_strdupv ((char **) config->dns_servers);
  self->routes = g_strdupv ((char **) config->routes);
  self->config = *config;
  self->config.name = self->name;
  self->config.local_address = self->local_address;
  self->config.peer_address = self->peer_address;
  self->config.interface_prefix = self->interface_prefix;
  self->config.dns_servers = (const char * const *) self->dns_servers;
  self->config.routes = (const char * const *) self->routes;
  self->mode = config->mode;
  return self;
}

void
dt_link_up_async (DtLink              *self,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (DT_IS_LINK (self));
  g_return_if_fail (self->up_task == NULL && self->monitor == NULL && !self->taken_down);

  self->up_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->up_task, dt_link_up_async);
  if (cancellable != NULL)
    self->up_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_up_cancelled),
                                                self, NULL);

  switch (self->config.mode)
    {
    case DT_LINK_MODE_NONE:
      go_none (self, _("No network device: the connection was made without one"));
      break;
    case DT_LINK_MODE_DIRECT:
      go_direct (self);
      break;
    case DT_LINK_MODE_AUTO:
    case DT_LINK_MODE_NM:
    default:
      dt_link_nm_new_async (cancellable, on_nm_ready, g_object_ref (self));
      break;
    }
}

gboolean
dt_link_up_finish (DtLink        *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
on_down_timeout (gpointer user_data)
{
  DtLink *self = user_data;

  g_clear_pointer (&self->down_timeout, g_source_unref);
  g_debug ("%s did not disappear within %u s", self->interface, DOWN_TIMEOUT_SECONDS);
  finish_down (self);
  return G_SOURCE_REMOVE;
}

static void
on_nm_removed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (DtLink) self = user_data;

  dt_link_nm_remove_finish (DT_LINK_NM (object), result, NULL);
  if (self->down_task == NULL)
    return;
  if (self->down_ifindex > 0 && (int) if_nametoindex (self->interface) == self->down_ifindex)
    {
      /* The monitor reports the device gone; do not wait for ever. */
      clear_source (&self->down_timeout);
      self->down_timeout = add_timeout_seconds (self, DOWN_TIMEOUT_SECONDS, on_down_timeout);
      return;
    }
  finish_down (self);
}

/* Drops the device and the profile, for dt_link_down_async() or a cancelled up. */
static void
teardown (DtLink *self)
{
  self->taken_down = TRUE;
  clear_source (&self->grace_source);
  clear_source (&self->retry_source);
  self->down_ifindex = self->ifindex > 0 ? self->ifindex
                       : self->interface != NULL ? (int) if_nametoindex (self->interface) : 0;
  /* A device of our own goes when its last fd closes. */
  detach (self);
  if (self->nm != NULL)
    dt_link_nm_remove_async (self->nm, NULL, on_nm_removed, g_object_ref (self));
  else
    finish_down (self);
}

void
dt_link_down_async (DtLink              *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_LINK (self));
  g_return_if_fail (self->down_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_link_down_async);
  if (self->taken_down)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  finish_up (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("The link was taken down")));
  self->down_task = g_steal_pointer (&task);
  teardown (self);
}

gboolean
dt_link_down_finish (DtLink        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
dt_link_send (DtLink       *self,
              const guint8 *packet,
              gsize         length)
{
  ssize_t n;

  g_return_val_if_fail (DT_IS_LINK (self), FALSE);
  g_return_val_if_fail (packet != NULL || length == 0, FALSE);

  if (self->fd < 0 || !carries (self, packet, length))
    {
      self->stats.dropped_in++;
      note_trouble (self);
      return FALSE;
    }
  n = write (self->fd, packet, length);
  if (n < 0)
    {
      note_trouble (self);
      if (errno == EAGAIN || errno == ENOBUFS || errno == ENOMEM)
        self->stats.dropped_in++;
      else
        self->stats.errors++;
      return FALSE;
    }
  self->stats.packets_in++;
  self->stats.bytes_in += length;
  return TRUE;
}

DtLinkMode
dt_link_get_mode (DtLink *self)
{
  g_return_val_if_fail (DT_IS_LINK (self), DT_LINK_MODE_NONE);

  return self->mode;
}

const char *
dt_link_get_interface (DtLink *self)
{
  g_return_val_if_fail (DT_IS_LINK (self), NULL);

  return self->interface;
}

const char *
dt_link_get_message (DtLink *self)
{
  g_return_val_if_fail (DT_IS_LINK (self), NULL);

  return self->message;
}

void
dt_link_get_stats (DtLink      *self,
                   DtLinkStats *stats)
{
  g_return_if_fail (DT_IS_LINK (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

/* GObject */

static void
dt_link_dispose (GObject *object)
{
  DtLink *self = DT_LINK (object);

  detach (self);
  g_clear_pointer (&self->monitor, dt_link_monitor_free);
  clear_source (&self->grace_source);
  clear_source (&self->retry_source);
  clear_source (&self->down_timeout);
  g_clear_object (&self->nm);

  G_OBJECT_CLASS (dt_link_parent_class)->dispose (object);
}

static void
dt_link_finalize (GObject *object)
{
  DtLink *self = DT_LINK (object);

  g_free (self->name);
  g_free (self->local_address);
  g_free (self->peer_address);
  g_free (self->interface_prefix);
  g_strfreev (self->dns_servers);
  g_strfreev (self->routes);
  g_free (self->interface);
  g_free (self->message);
  g_free (self->gone_reason);
  g_free (self->buffer);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (dt_link_parent_class)->finalize (object);
}

static void
dt_link_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DtLink *self = DT_LINK (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_INTERFACE:
      g_value_set_string (value, self->interface);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_link_class_init (DtLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_link_dispose;
  object_class->finalize = dt_link_finalize;
  object_class->get_property = dt_link_get_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, DT_TYPE_LINK_MODE, DT_LINK_MODE_AUTO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERFACE] =
    g_param_spec_string ("interface", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PACKET] =
    g_signal_new ("packet", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BYTES | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_STATS_CHANGED] =
    g_signal_new ("stats-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_LOST] =
    g_signal_new ("lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dt_link_init (DtLink *self)
{
  self->fd = -1;
  self->context = g_main_context_ref_thread_default ();
}
