/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtLinkNm: the NetworkManager side of DtLink.  See dt-link-nm.h.
 *
 * The profile lives in memory only (AddConnection2 with IN_MEMORY and BLOCK_AUTOCONNECT), is
 * made volatile once active (NetworkManager deletes it when it goes down), and carries the
 * process that added it (dt-link-stale.c).  NetworkManager cannot tie a profile of a virtual
 * device to its client (AddAndActivateConnection2 with bind-activation needs the device to
 * exist first), so profiles whose process is gone, after a crash, stay active until a
 * Dialtone starts (dt_link_cleanup_stale_async()) or another link comes up.
 *
 * When NetworkManager goes away, the device and its addresses usually stay, and so does
 * DtLink's attachment to it.  When NetworkManager returns, it activates the profile again
 * (adding it again if the new NetworkManager does not have it). */
#include "config.h"

#include "dt-link-nm.h"
#include "dt-link-stale.h"
#include "dt-task.h"

#include <NetworkManager.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#define ACTIVATION_TIMEOUT_SECONDS 30
#define RECOVERY_TIMEOUT_SECONDS   10

typedef enum {
  STATE_IDLE,
  STATE_ACTIVATING,
  STATE_ACTIVE,
  STATE_RECOVERING,   /* NetworkManager is gone */
  STATE_REMOVING,
  STATE_DONE,         /* removed, or failed */
} State;

struct _DtLinkNm
{
  GObject             parent_instance;

  NMClient           *client;
  NMConnection       *profile;
  char               *ifname;
  NMActiveConnection *active;
  GCancellable       *cancellable;    /* our own D-Bus calls; cancelled on dispose */
  GTask              *activate_task;
  GTask              *remove_task;
  guint               timeout_id;
  State               state;
  gboolean            call_pending;   /* waiting for NetworkManager's answer */
  gboolean            was_active;
  gboolean            delete_on_return;  /* failed while NetworkManager was away */
  gboolean            await_profile;     /* NetworkManager has it, libnm does not yet */
  guint               quiet_deletes;     /* delete_quietly() calls NetworkManager is doing */
};

enum {
  SIGNAL_RECOVERING,
  SIGNAL_RECOVERED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DtLinkNm, dt_link_nm, G_TYPE_OBJECT)

static void send_activation     (DtLinkNm           *self);
static void on_connection_added (NMClient           *client,
                                 NMRemoteConnection *remote,
                                 DtLinkNm           *self);

/* The profile */

/* libnm 1.42 has no autoptr cleanup for these boxed types. */
static gboolean
add_route (NMSettingIPConfig  *s_ip4,
           const char         *destination,
           guint               prefix,
           GError            **error)
{
  NMIPRoute *route = nm_ip_route_new (AF_INET, destination, prefix, NULL, -1, error);

  if (route == NULL)
    return FALSE;
  nm_setting_ip_config_add_route (s_ip4, route);
  nm_ip_route_unref (route);
  return TRUE;
}

static gboolean
add_address (NMSettingIPConfig  *s_ip,
             int                 family,
             const char         *text,
             guint               prefix,
             GError            **error)
{
  NMIPAddress *address = nm_ip_address_new (family, text, prefix, error);

  if (address == NULL)
    return FALSE;
  nm_setting_ip_config_add_address (s_ip, address);
  nm_ip_address_unref (address);
  return TRUE;
}

static gboolean
add_ipv4 (NMSettingIPConfig   *s_ip4,
          const DtLinkConfig  *config,
          GError             **error)
{
  guint plen = config->local_prefix > 0 && config->local_prefix <= 32 ? config->local_prefix : 32;

  if (!add_address (s_ip4, AF_INET, config->local_address, plen, error))
    return FALSE;
  /* A server may give no address of its own (RFC 1332 lets it): then there is no peer to
   * route to, and the default route, if any, goes to the device itself. */
  if (config->peer_address != NULL && !add_route (s_ip4, config->peer_address, 32, error))
    return FALSE;
  if (config->peer_address == NULL && config->default_gateway &&
      !add_route (s_ip4, "0.0.0.0", 0, error))
    return FALSE;

  for (guint i = 0; config->routes != NULL && config->routes[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (config->routes[i], "/", 2);
      guint64 prefix;

      if (g_strv_length (parts) != 2
          || !g_ascii_string_to_unsigned (parts[1], 10, 0, 32, &prefix, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Not an IPv4 route (a.b.c.d/prefix): %s"), config->routes[i]);
          return FALSE;
        }
      if (!add_route (s_ip4, parts[0], prefix, error))
        return FALSE;
    }
  /* Shared mode takes no DNS of its own (NetworkManager's dnsmasq answers there). */
  for (guint i = 0; !config->shared && config->dns_servers != NULL &&
                    config->dns_servers[i] != NULL; i++)
    nm_setting_ip_config_add_dns (s_ip4, config->dns_servers[i]);

  g_object_set (s_ip4,
                NM_SETTING_IP_CONFIG_METHOD,
                config->shared ? NM_SETTING_IP4_CONFIG_METHOD_SHARED
                               : NM_SETTING_IP4_CONFIG_METHOD_MANUAL,
                NM_SETTING_IP_CONFIG_NEVER_DEFAULT,
                !config->default_gateway || config->peer_address == NULL,
                NM_SETTING_IP_CONFIG_GATEWAY,
                config->default_gateway ? config->peer_address : NULL,
                NULL);
  return TRUE;
}

/* IPv6 (RFC 5072 §5): the link-local address IPv6CP's identifier makes, which a tun device,
 * without a hardware address, cannot make for itself; and router advertisements ("auto"),
 * whose prefixes take the same identifier (the token).  The default route they bring only
 * where the entry is the default gateway. */
static gboolean
add_ipv6 (NMSettingIPConfig   *s_ip6,
          const DtLinkConfig  *config,
          GError             **error)
{
  g_autofree char *iid = NULL;
  g_autofree char *link_local = NULL;
  guint64 id = config->ipv6_local_iid;

  if (id == 0)
    {
      g_object_set (s_ip6, NM_SETTING_IP_CONFIG_METHOD, NM_SETTING_IP6_CONFIG_METHOD_DISABLED,
                    NULL);
      return TRUE;
    }
  iid = g_strdup_printf ("%x:%x:%x:%x", (guint) (id >> 48), (guint) (id >> 32) & 0xffff,
                         (guint) (id >> 16) & 0xffff, (guint) id & 0xffff);
  link_local = g_strconcat ("fe80::", iid, NULL);
  if (!add_address (s_ip6, AF_INET6, link_local, 64, error))
    return FALSE;
  g_object_set (s_ip6,
                NM_SETTING_IP_CONFIG_METHOD, NM_SETTING_IP6_CONFIG_METHOD_AUTO,
                NM_SETTING_IP6_CONFIG_ADDR_GEN_MODE, NM_SETTING_IP6_CONFIG_ADDR_GEN_MODE_EUI64,
                NM_SETTING_IP6_CONFIG_TOKEN, link_local + strlen ("fe80"),
                NM_SETTING_IP_CONFIG_NEVER_DEFAULT, !config->default_gateway,
                NM_SETTING_IP_CONFIG_MAY_FAIL, TRUE,
                NULL);
  return TRUE;
}

static NMConnection *
build_profile (const DtLinkConfig  *config,
               const char          *ifname,
               GError             **error)
{
  g_autoptr (NMConnection) profile = nm_simple_connection_new ();
  g_autofree char *id = g_strdup_printf ("Dialtone: %s", config->name ? config->name : ifname);
  g_autofree char *owner = g_strdup_printf ("%u", (guint) getuid ());
  g_autofree char *uuid = nm_utils_uuid_generate ();
  NMSetting *setting;

  setting = nm_setting_connection_new ();
  g_object_set (setting,
                NM_SETTING_CONNECTION_ID, id,
                NM_SETTING_CONNECTION_UUID, uuid,
                NM_SETTING_CONNECTION_TYPE, NM_SETTING_TUN_SETTING_NAME,
                NM_SETTING_CONNECTION_INTERFACE_NAME, ifname,
                NM_SETTING_CONNECTION_AUTOCONNECT, FALSE,
                NULL);
  /* Only this user may see, change or take down the profile (and the device and routes
   * that come with it). */
  if (!nm_setting_connection_add_permission (NM_SETTING_CONNECTION (setting), "user",
                                             g_get_user_name (), NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot restrict the network profile to user %s"), g_get_user_name ());
      return NULL;
    }
  nm_connection_add_setting (profile, setting);

  /* The flags must be the ones DtLink attaches with: IFF_TUN | IFF_NO_PI. */
  setting = nm_setting_tun_new ();
  g_object_set (setting,
                NM_SETTING_TUN_MODE, NM_SETTING_TUN_MODE_TUN,
                NM_SETTING_TUN_OWNER, owner,
                NM_SETTING_TUN_PI, FALSE,
                NM_SETTING_TUN_VNET_HDR, FALSE,
                NM_SETTING_TUN_MULTI_QUEUE, FALSE,
                NULL);
  nm_connection_add_setting (profile, setting);

  /* NetworkManager takes the MTU of a tun device from the ethernet setting. */
  if (config->mtu > 0)
    {
      setting = nm_setting_wired_new ();
      g_object_set (setting, NM_SETTING_WIRED_MTU, config->mtu, NULL);
      nm_connection_add_setting (profile, setting);
    }

  setting = nm_setting_ip4_config_new ();
  nm_connection_add_setting (profile, setting);
  if (!add_ipv4 (NM_SETTING_IP_CONFIG (setting), config, error))
    return NULL;

  setting = nm_setting_ip6_config_new ();
  nm_connection_add_setting (profile, setting);
  if (!add_ipv6 (NM_SETTING_IP_CONFIG (setting), config, error))
    return NULL;

  setting = nm_setting_user_new ();
  if (!dt_link_stale_mark_owner (NM_SETTING_USER (setting), error))
    return NULL;
  nm_connection_add_setting (profile, setting);

  if (!nm_connection_verify (profile, error))
    return NULL;
  return g_steal_pointer (&profile);
}

/* Errors */

static GError *
activation_error (DtLinkNm     *self,
                  const GError *error)
{
  g_autoptr (GError) copy = g_error_copy (error);

  g_dbus_error_strip_remote_error (copy);
  if (g_error_matches (error, NM_MANAGER_ERROR, NM_MANAGER_ERROR_PERMISSION_DENIED)
      || g_error_matches (error, NM_SETTINGS_ERROR, NM_SETTINGS_ERROR_PERMISSION_DENIED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_AUTH_FAILED))
    return g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_REFUSED, _("NetworkManager refused: %s"),
                        copy->message);
  return g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED,
                      _("NetworkManager could not activate %s: %s"), self->ifname, copy->message);
}

/* Deleting */

static void
on_quiet_delete_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (DtLinkNm) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!nm_remote_connection_delete_finish (NM_REMOTE_CONNECTION (object), result, &error))
    g_debug ("Could not delete a profile: %s", error->message);
  g_assert (self->quiet_deletes > 0);
  self->quiet_deletes--;
  /* A removal that came after a failure finishes once the profile is really gone. */
  if (self->quiet_deletes == 0 && self->state == STATE_DONE && self->remove_task != NULL)
    dt_task_complete_boolean (&self->remove_task, NULL);
}

static void
delete_remote_quietly (DtLinkNm           *self,
                       NMRemoteConnection *remote)
{
  self->quiet_deletes++;
  nm_remote_connection_delete_async (remote, NULL, on_quiet_delete_done, g_object_ref (self));
}

/* For profiles nobody waits for yet: left over after a restart or a failure.  A later
 * dt_link_nm_remove_async() waits for these, so that "down" means the profile is gone. */
static void
delete_quietly (DtLinkNm   *self,
                const char *uuid)
{
  NMRemoteConnection *remote;

  if (uuid == NULL || !nm_client_get_nm_running (self->client))
    return;
  remote = nm_client_get_connection_by_uuid (self->client, uuid);
  if (remote != NULL)
    delete_remote_quietly (self, remote);
}

static void
clear_active (DtLinkNm *self)
{
  if (self->active == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->active, self);
  g_clear_object (&self->active);
}

/* State changes */

/* Takes @error. */
static void
fail (DtLinkNm *self,
      GError   *error)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  clear_active (self);
  self->state = STATE_DONE;
  self->delete_on_return = !nm_client_get_nm_running (self->client);
  delete_quietly (self, nm_connection_get_uuid (self->profile));
  if (self->activate_task != NULL)
    {
      dt_task_complete_boolean (&self->activate_task, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
  g_error_free (error);
}

static void
on_volatile_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GVariant) answer = NULL;
  g_autoptr (GError) error = NULL;

  answer = nm_remote_connection_update2_finish (NM_REMOTE_CONNECTION (object), result, &error);
  if (answer == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not make the profile volatile: %s", error->message);
}

/* NetworkManager deletes a volatile profile as soon as it is deactivated, by whoever: after a
 * crash, "nmcli connection down" leaves no profile behind.  libnm 1.42's AddConnection2 has no
 * flag for that, only Update2 does, and every activation clears the mark: so it is set on
 * each activation, once active.  A crash before it is set is left to the stale sweep. */
static void
make_volatile (DtLinkNm *self)
{
  NMRemoteConnection *remote = NULL;

  if (self->active != NULL)
    remote = nm_active_connection_get_connection (self->active);
  if (remote == NULL)
    return;
  nm_remote_connection_update2 (remote, NULL,
                                NM_SETTINGS_UPDATE2_FLAG_IN_MEMORY
                                | NM_SETTINGS_UPDATE2_FLAG_VOLATILE
                                | NM_SETTINGS_UPDATE2_FLAG_NO_REAPPLY,
                                NULL, self->cancellable, on_volatile_done, NULL);
}

static void
on_activated (DtLinkNm *self)
{
  gboolean recovered = self->was_active;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->state = STATE_ACTIVE;
  self->was_active = TRUE;
  make_volatile (self);
  if (self->activate_task != NULL)
    dt_task_complete_boolean (&self->activate_task, NULL);
  else if (recovered)
    g_signal_emit (self, signals[SIGNAL_RECOVERED], 0);
}

static void
on_active_state_changed (NMActiveConnection *active,
                         guint               state,
                         guint               reason,
                         DtLinkNm           *self)
{
  g_autofree char *why = NULL;

  /* When NetworkManager stops, "nm-running" handles it. */
  if (!nm_client_get_nm_running (self->client))
    return;
  if (state == NM_ACTIVE_CONNECTION_STATE_ACTIVATED && self->state == STATE_ACTIVATING)
    {
      on_activated (self);
      return;
    }
  if (state < NM_ACTIVE_CONNECTION_STATE_DEACTIVATING
      || (self->state != STATE_ACTIVATING && self->state != STATE_ACTIVE))
    return;

  why = nm_utils_enum_to_str (NM_TYPE_ACTIVE_CONNECTION_STATE_REASON, reason);
  fail (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_FAILED,
                           self->state == STATE_ACTIVE
                           ? _("NetworkManager took down %s (%s)")
                           : _("NetworkManager could not activate %s (%s)"),
                           self->ifname, why));
}

static gboolean
on_timeout (gpointer user_data)
{
  DtLinkNm *self = user_data;

  self->timeout_id = 0;
  if (self->state == STATE_RECOVERING)
    fail (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_TIMEOUT,
                             _("NetworkManager stopped and did not come back within %u s"),
                             RECOVERY_TIMEOUT_SECONDS));
  else
    fail (self, g_error_new (DT_LINK_ERROR, DT_LINK_ERROR_TIMEOUT,
                             _("NetworkManager did not activate %s within %u s"), self->ifname,
                             self->activate_task != NULL ? ACTIVATION_TIMEOUT_SECONDS
                                                         : RECOVERY_TIMEOUT_SECONDS));
  return G_SOURCE_REMOVE;
}

static void
arm_timeout (DtLinkNm *self,
             guint     seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (seconds, on_timeout, self);
}

static void
on_nm_running_changed (NMClient   *client,
                       GParamSpec *pspec,
                       DtLinkNm   *self)
{
  if (!nm_client_get_nm_running (client))
    {
      if (self->state != STATE_ACTIVATING && self->state != STATE_ACTIVE)
        return;
      clear_active (self);
      self->await_profile = FALSE;
      self->state = STATE_RECOVERING;
      /* A pending activation keeps its own bound. */
      if (self->activate_task == NULL)
        {
          arm_timeout (self, RECOVERY_TIMEOUT_SECONDS);
          g_signal_emit (self, signals[SIGNAL_RECOVERING], 0);
        }
      return;
    }
  if (self->state == STATE_RECOVERING && !self->call_pending)
    send_activation (self);
  if (self->state == STATE_DONE && self->delete_on_return
      && nm_client_get_connection_by_uuid (client, nm_connection_get_uuid (self->profile)))
    {
      self->delete_on_return = FALSE;
      delete_quietly (self, nm_connection_get_uuid (self->profile));
    }
}

/* After any answer from NetworkManager: whether to go on with it. */
static gboolean
answer_matters (DtLinkNm     *self,
                const GError *error)
{
  self->call_pending = FALSE;
  if (self->state == STATE_REMOVING || self->state == STATE_DONE)
    {
      /* Taken down, or given up, meanwhile: a removal ends once the profile is gone. */
      self->state = STATE_DONE;
      delete_quietly (self, nm_connection_get_uuid (self->profile));
      if (self->remove_task != NULL && self->quiet_deletes == 0)
        dt_task_complete_boolean (&self->remove_task, NULL);
      return FALSE;
    }
  if (self->state == STATE_RECOVERING)
    {
      /* NetworkManager left while answering.  If it is back already, go again. */
      if (nm_client_get_nm_running (self->client))
        send_activation (self);
      return FALSE;
    }
  if (error != NULL)
    {
      fail (self, activation_error (self, error));
      return FALSE;
    }
  return TRUE;
}

static void
on_activate_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtLinkNm) self = user_data;
  g_autoptr (NMActiveConnection) active = NULL;
  g_autoptr (GError) error = NULL;
  NMActiveConnectionState state;

  active = nm_client_activate_connection_finish (NM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !answer_matters (self, error))
    return;

  self->active = g_steal_pointer (&active);
  g_signal_connect_object (self->active, "state-changed",
                           G_CALLBACK (on_active_state_changed), self, 0);
  state = nm_active_connection_get_state (self->active);
  if (state == NM_ACTIVE_CONNECTION_STATE_ACTIVATED)
    on_activated (self);
  else if (state >= NM_ACTIVE_CONNECTION_STATE_DEACTIVATING)
    on_active_state_changed (self->active, state,
                             nm_active_connection_get_state_reason (self->active), self);
}

static void
activate (DtLinkNm           *self,
          NMRemoteConnection *remote)
{
  self->call_pending = TRUE;
  nm_client_activate_connection_async (self->client, NM_CONNECTION (remote), NULL, NULL,
                                       self->cancellable, on_activate_done,
                                       g_object_ref (self));
}

static void
on_add_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (DtLinkNm) self = user_data;
  g_autoptr (NMRemoteConnection) remote = NULL;
  g_autoptr (GError) error = NULL;

  remote = nm_client_add_connection2_finish (NM_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* After a restart, NetworkManager may have it from before, and libnm may not have loaded
   * it yet: then on_connection_added() goes on. */
  if (g_error_matches (error, NM_SETTINGS_ERROR, NM_SETTINGS_ERROR_UUID_EXISTS)
      && self->state == STATE_ACTIVATING)
    {
      remote = nm_client_get_connection_by_uuid (self->client,
                                                 nm_connection_get_uuid (self->profile));
      g_clear_error (&error);
      if (remote == NULL)
        {
          self->call_pending = FALSE;
          self->await_profile = TRUE;
          return;
        }
      g_object_ref (remote);
    }
  if (!answer_matters (self, error))
    return;
  activate (self, remote);
}

/* libnm loads profiles after it sees NetworkManager come back. */
static void
on_connection_added (NMClient           *client,
                     NMRemoteConnection *remote,
                     DtLinkNm           *self)
{
  if (g_strcmp0 (nm_connection_get_uuid (NM_CONNECTION (remote)),
                 nm_connection_get_uuid (self->profile)) != 0)
    return;
  if (self->await_profile)
    {
      self->await_profile = FALSE;
      if (self->state == STATE_ACTIVATING)
        activate (self, remote);
      else if (self->state == STATE_REMOVING || self->state == STATE_DONE)
        delete_remote_quietly (self, remote);
    }
  else if (self->delete_on_return && self->state == STATE_DONE)
    {
      self->delete_on_return = FALSE;
      delete_remote_quietly (self, remote);
    }
}

static void
send_activation (DtLinkNm *self)
{
  NMRemoteConnection *remote;

  self->state = STATE_ACTIVATING;
  remote = nm_client_get_connection_by_uuid (self->client,
                                             nm_connection_get_uuid (self->profile));
  if (remote != NULL)
    {
      activate (self, remote);
      return;
    }
  self->call_pending = TRUE;
  nm_client_add_connection2 (self->client,
                             nm_connection_to_dbus (self->profile, NM_CONNECTION_SERIALIZE_ALL),
                             NM_SETTINGS_ADD_CONNECTION2_FLAG_IN_MEMORY
                             | NM_SETTINGS_ADD_CONNECTION2_FLAG_BLOCK_AUTOCONNECT,
                             NULL, TRUE, self->cancellable, on_add_done, g_object_ref (self));
}

/* Public API */

static void
on_client_ready (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (NMClient) client = NULL;
  g_autoptr (DtLinkNm) self = NULL;
  GError *error = NULL;

  client = nm_client_new_finish (result, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!nm_client_get_nm_running (client))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  self = g_object_new (DT_TYPE_LINK_NM, NULL);
  self->client = g_steal_pointer (&client);
  g_signal_connect_object (self->client, "notify::" NM_CLIENT_NM_RUNNING,
                           G_CALLBACK (on_nm_running_changed), self, 0);
  g_signal_connect_object (self->client, NM_CLIENT_CONNECTION_ADDED,
                           G_CALLBACK (on_connection_added), self, 0);
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

void
dt_link_nm_new_async (GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dt_link_nm_new_async);
  nm_client_new_async (cancellable, on_client_ready, task);
}

DtLinkNm *
dt_link_nm_new_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
dt_link_nm_interface_in_use (DtLinkNm   *self,
                             const char *ifname)
{
  const GPtrArray *connections;

  g_return_val_if_fail (DT_IS_LINK_NM (self), TRUE);

  if (nm_client_get_device_by_iface (self->client, ifname) != NULL)
    return TRUE;
  connections = nm_client_get_connections (self->client);
  for (guint i = 0; i < connections->len; i++)
    if (g_strcmp0 (nm_connection_get_interface_name (connections->pdata[i]), ifname) == 0)
      return TRUE;
  return FALSE;
}

void
dt_link_nm_activate_async (DtLinkNm            *self,
                           const DtLinkConfig  *config,
                           const char          *ifname,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (DT_IS_LINK_NM (self));
  g_return_if_fail (config != NULL && ifname != NULL);
  g_return_if_fail (self->state == STATE_IDLE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_link_nm_activate_async);
  self->ifname = g_strdup (ifname);
  self->profile = build_profile (config, ifname, &error);
  if (self->profile == NULL)
    {
      self->state = STATE_DONE;
      g_task_return_error (task, error);
      return;
    }
  self->activate_task = g_steal_pointer (&task);
  arm_timeout (self, ACTIVATION_TIMEOUT_SECONDS);
  /* Not only at start-up (dt_link_cleanup_stale_async()): a Dialtone that died since then
   * left routes that would now compete with this link's. */
  dt_link_stale_delete_async (self->client, NULL, NULL, NULL);
  send_activation (self);
}

gboolean
dt_link_nm_activate_finish (DtLinkNm      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_delete_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (DtLinkNm) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!nm_remote_connection_delete_finish (NM_REMOTE_CONNECTION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* A volatile profile goes by itself once down: not finding it is fine. */
      g_debug ("Deleting the profile of %s: %s", self->ifname, error->message);
    }
  self->state = STATE_DONE;
  dt_task_complete_boolean (&self->remove_task, NULL);
}

void
dt_link_nm_remove_async (DtLinkNm            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  NMRemoteConnection *remote = NULL;

  g_return_if_fail (DT_IS_LINK_NM (self));
  g_return_if_fail (self->remove_task == NULL);

  self->remove_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->remove_task, dt_link_nm_remove_async);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->activate_task != NULL)
    dt_task_complete_boolean (&self->activate_task,
                              g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The link was taken down")));
  if (self->state == STATE_DONE || self->state == STATE_IDLE)
    {
      /* A failure's delete still on its way: on_quiet_delete_done() finishes. */
      if (self->quiet_deletes == 0)
        dt_task_complete_boolean (&self->remove_task, NULL);
      return;
    }
  self->state = STATE_REMOVING;
  if (self->call_pending)
    return;  /* answer_matters() finishes */

  if (self->active != NULL)
    remote = nm_active_connection_get_connection (self->active);
  if (remote == NULL)
    remote = nm_client_get_connection_by_uuid (self->client,
                                               nm_connection_get_uuid (self->profile));
  clear_active (self);
  if (remote == NULL || !nm_client_get_nm_running (self->client))
    {
      self->state = STATE_DONE;
      dt_task_complete_boolean (&self->remove_task, NULL);
      return;
    }
  /* Deleting an active profile deactivates it, and the device goes with it. */
  nm_remote_connection_delete_async (remote, self->cancellable, on_delete_done,
                                     g_object_ref (self));
}

gboolean
dt_link_nm_remove_finish (DtLinkNm      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
dt_link_nm_is_recovering (DtLinkNm *self)
{
  g_return_val_if_fail (DT_IS_LINK_NM (self), FALSE);

  return self->state == STATE_RECOVERING
         || (self->state == STATE_ACTIVATING && self->was_active);
}

/* GObject */

static void
dt_link_nm_dispose (GObject *object)
{
  DtLinkNm *self = DT_LINK_NM (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* Whoever drops the link without taking it down still gets rid of the profile. */
  if (self->state == STATE_ACTIVE || self->state == STATE_ACTIVATING)
    {
      /* The delete holds a reference until NetworkManager answers; this runs once. */
      self->state = STATE_DONE;
      delete_quietly (self, nm_connection_get_uuid (self->profile));
    }
  clear_active (self);
  g_clear_object (&self->client);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (dt_link_nm_parent_class)->dispose (object);
}

static void
dt_link_nm_finalize (GObject *object)
{
  DtLinkNm *self = DT_LINK_NM (object);

  g_assert (self->activate_task == NULL && self->remove_task == NULL);
  g_clear_object (&self->cancellable);
  g_free (self->ifname);

  G_OBJECT_CLASS (dt_link_nm_parent_class)->finalize (object);
}

static void
dt_link_nm_class_init (DtLinkNmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_link_nm_dispose;
  object_class->finalize = dt_link_nm_finalize;

  signals[SIGNAL_RECOVERING] =
    g_signal_new ("recovering", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RECOVERED] =
    g_signal_new ("recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dt_link_nm_init (DtLinkNm *self)
{
  self->cancellable = g_cancellable_new ();
}
