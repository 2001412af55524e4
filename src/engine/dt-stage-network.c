/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network stage: once IPCP has agreed on the addresses, a network device for them
 * (ApplySettings), through NetworkManager or directly (DtLink), with the entry's routes and
 * default route, and IPv6 when IPv6CP came up too; or none, when the dial asked for none
 * (dialtone-cli --no-network). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-stages.h"

/* The longest ApplySettings may take by default: NetworkManager's own activation timeout
 * (30 s), and the device coming up after it. */
#define APPLY_SETTINGS_TIMEOUT_MS (45 * 1000)

struct _DtNetworkStage
{
  DtStage parent_instance;

  DtNetworkMode mode;
  GStrv dns_servers;
  guint timeout_ms;
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (DtNetworkStage, dt_network_stage, DT_TYPE_STAGE)

static void
on_link_up (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtStage *stage = DT_STAGE (hold);
  DtLink *link = DT_LINK (object);
  g_autoptr (GError) error = NULL;

  if (dt_stage_is_running (stage))
    g_clear_handle_id (&DT_NETWORK_STAGE (stage)->timeout_id, g_source_remove);
  if (!dt_link_up_finish (link, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dt_stage_fail_with (stage, error, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
      return;
    }
  dt_stage_learn_string (stage, DT_CALL_FACT_INTERFACE, dt_link_get_interface (link));
  dt_stage_learn_string (stage, DT_CALL_FACT_NETWORK_MESSAGE, dt_link_get_message (link));
  dt_stage_done (stage, DT_STAGE_RESULT_NETWORK_UP);
}

/* NetworkManager (or the kernel) took too long: the call cannot go on without its network. */
static gboolean
on_apply_settings_timeout (gpointer user_data)
{
  DtNetworkStage *self = user_data;

  self->timeout_id = 0;
  dt_stage_fail (DT_STAGE (self), DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                 _("The network device was not ready in time"));
  return G_SOURCE_REMOVE;
}

/* The entry's routes for the link.  They go on the device whether or not it is also the
 * default gateway: with the default route they change nothing while the link is up, and a user
 * may want both.  A route the editor would refuse (a phonebook edited by hand) is left out and
 * logged, rather than failing a dial that has already connected. */
static GStrv
link_routes (DtNetworkStage *self,
             DtEntry        *entry)
{
  const char * const *routes = dt_entry_get_routes (entry);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; routes[i] != NULL; i++)
    {
      g_autofree char *reason = NULL;

      if (dt_entry_route_is_valid (routes[i], &reason))
        {
          dt_stage_log (DT_STAGE (self), "route %s through the link", routes[i]);
          g_strv_builder_add (builder, routes[i]);
        }
      else
        dt_stage_log (DT_STAGE (self), "route %s left out: %s", routes[i], reason);
    }
  return g_strv_builder_end (builder);
}

/* The longest prefix whose subnet holds both addresses, at most /30. */
static guint
shared_prefix (guint32 local,
               guint32 peer)
{
  guint prefix = 0;

  while (prefix < 30 && ((local ^ peer) & (0x80000000u >> prefix)) == 0)
    prefix++;
  return MAX (prefix, 8);
}

static void
dt_network_stage_start (DtStage *stage)
{
  DtNetworkStage *self = DT_NETWORK_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  DtEntry *entry = dt_call_get_entry (call);
  DtPpp *ppp = dt_call_get_ppp (call);
  g_auto (GStrv) routes = NULL;
  DtLink *link;
  DtLinkConfig config = {
    .name = dt_entry_get_name (entry),
    .local_address = dt_ppp_get_local_address (ppp),
    .peer_address = dt_ppp_get_remote_address (ppp),
    .dns_servers = (const char * const *) self->dns_servers,
    .mtu = dt_ppp_get_mtu (ppp),
    .default_gateway = dt_entry_get_default_gateway (entry),
    .mode = DT_LINK_MODE_AUTO,
    .ipv6_local_iid = dt_ppp_get_local_iid (ppp),
  };

  if (self->mode == DT_NETWORK_NONE)
    {
      dt_stage_learn_string (stage, DT_CALL_FACT_NETWORK_MESSAGE,
                             _("No network device: the connection was made without one, as asked."));
      dt_stage_done (stage, DT_STAGE_RESULT_NETWORK_UP);
      return;
    }

  if (!dt_stage_publish (stage, DT_CONN_STATE_APPLY_SETTINGS, NULL))
    return;
  routes = link_routes (self, entry);
  config.routes = (const char * const *) routes;
  if (self->mode == DT_NETWORK_SHARED)
    {
      /* An incoming caller that reaches the network: NetworkManager masquerades the subnet of
       * our address, which must hold the caller's. */
      config.shared = TRUE;
      config.mode = DT_LINK_MODE_NM;
      config.local_prefix = shared_prefix (dt_ppp_get_local_ipv4 (ppp),
                                           dt_ppp_get_remote_ipv4 (ppp));
      dt_stage_log (stage, "the caller reaches the network: shared mode, %s/%u",
                    config.local_address, config.local_prefix);
    }
  link = config.local_address != NULL ? dt_link_new (&config) : NULL;
  if (link == NULL)
    {
      dt_stage_fail (stage, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                     _("The network device could not be set up for these addresses"));
      return;
    }
  dt_call_set_link (call, link);
  self->timeout_id = g_timeout_add (self->timeout_ms, on_apply_settings_timeout, self);
  dt_link_up_async (link, dt_call_get_cancellable (call), on_link_up, dt_stage_hold (stage));
}

static void
dt_network_stage_stop (DtStage *stage)
{
  g_clear_handle_id (&DT_NETWORK_STAGE (stage)->timeout_id, g_source_remove);
}

static void
dt_network_stage_finalize (GObject *object)
{
  DtNetworkStage *self = DT_NETWORK_STAGE (object);

  g_strfreev (self->dns_servers);

  G_OBJECT_CLASS (dt_network_stage_parent_class)->finalize (object);
}

static void
dt_network_stage_class_init (DtNetworkStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_network_stage_finalize;
  stage_class->kind = DT_STAGE_NETWORK;
  stage_class->start = dt_network_stage_start;
  stage_class->stop = dt_network_stage_stop;
}

static void
dt_network_stage_init (DtNetworkStage *self)
{
}

DtStage *
dt_network_stage_new (DtStageHost        *host,
                      DtCall             *call,
                      DtNetworkMode       mode,
                      const char * const *dns_servers,
                      guint               timeout_ms)
{
  DtNetworkStage *self = g_object_new (DT_TYPE_NETWORK_STAGE, "host", host, "call", call,
                                       NULL);

  self->mode = mode;
  self->timeout_ms = timeout_ms != 0 ? timeout_ms : APPLY_SETTINGS_TIMEOUT_MS;
  self->dns_servers = g_strdupv ((char **) dns_servers);
  return DT_STAGE (self);
}
