/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bundle stage of a multilink entry (see dt-stages.h).  Its call holds the bundle's PPP
 * session, a DtPpp without a line: what it sends goes to DtPppMp, which fragments it over the
 * member links; what the members receive for the bundle comes back through DtPppMp's
 * reassembly (or straight in, for a link without the multilink protocol).  The first link
 * to join starts the bundle's network phase; each one that joins or leaves is a
 * SubEntryConnected or SubEntryDisconnected of its sub-entry.
 *
 * Dialing as needed (RAS's DialMode 2): once the network is up, the load is sampled every
 * second as the busier direction's bytes against the joined links' capacity (their CONNECT
 * speeds); above dial-extra-percent for dial-extra-seconds in a row, the host is asked for
 * one more link; below hang-up-extra-percent for hang-up-extra-seconds, for one less. */

#include "config.h"

#include <string.h>

#include "dt-ppp-mp.h"
#include "dt-stages.h"

typedef struct {
  DtSubEntry *sub;
  DtPpp *ppp;
} Link;

struct _DtBundleStage
{
  DtStage parent_instance;

  DtPpp *bundle;
  DtPppMp *mp;
  GArray *links;               /* Link */
  gboolean started;            /* the network phase began */

  guint load_source;
  guint64 last_in;
  guint64 last_out;
  guint busy_seconds;
  guint idle_seconds;
};

G_DEFINE_FINAL_TYPE (DtBundleStage, dt_bundle_stage, DT_TYPE_STAGE)

/* Frames ------------------------------------------------------------------------------- */

static Link *
find_link (DtBundleStage *self,
           gpointer       ppp_or_sub,
           guint         *index)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = &g_array_index (self->links, Link, i);

      if (link->ppp == ppp_or_sub || (gpointer) link->sub == ppp_or_sub)
        {
          if (index != NULL)
            *index = i;
          return link;
        }
    }
  return NULL;
}

static void
mp_deliver (DtPppMp      *mp,
            guint16       protocol,
            const guint8 *info,
            gsize         len,
            gpointer      data)
{
  DtBundleStage *self = data;

  dt_ppp_bundle_input (self->bundle, protocol, info, len);
}

static void
mp_send (DtPppMp      *mp,
         gpointer      link,
         guint16       protocol,
         const guint8 *info,
         gsize         len,
         gpointer      data)
{
  dt_ppp_send_link_frame (link, protocol, info, len);
}

static gsize
mp_backlog (DtPppMp  *mp,
            gpointer  link,
            gpointer  data)
{
  Link *l = find_link (data, link, NULL);

  return l != NULL ? dt_sub_entry_get_backlog (l->sub) : 0;
}

static const DtPppMpOwner mp_owner = {
  .deliver = mp_deliver,
  .send = mp_send,
  .backlog = mp_backlog,
};

/* The bundle's frames out, over the links. */
static void
on_bundle_frame (guint16       protocol,
                 const guint8 *info,
                 gsize         len,
                 gpointer      user_data)
{
  DtBundleStage *self = user_data;

  if (self->mp != NULL)
    dt_ppp_mp_send (self->mp, protocol, info, len);
}

/* A member's frame for the bundle: multilink fragments to reassemble, others as they are. */
static void
on_member_frame (DtPpp         *member,
                 guint          protocol,
                 GBytes        *info,
                 DtBundleStage *self)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (info, &len);

  if (protocol == DT_PPP_PROTO_MP && self->mp != NULL)
    dt_ppp_mp_input (self->mp, member, data, len);
  else
    dt_ppp_bundle_input (self->bundle, protocol, data, len);
}

/* LCP is per link: a member rejects what the bundle does not speak (RFC 1990 §5). */
static void
on_bundle_unknown_protocol (DtPpp         *bundle,
                            guint          protocol,
                            GBytes        *info,
                            DtBundleStage *self)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (info, &len);

  if (self->links->len > 0)
    dt_ppp_send_protocol_reject (g_array_index (self->links, Link, 0).ppp, protocol, data,
                                 len);
}

static void
on_bundle_network_up (DtPpp         *bundle,
                      const char    *local,
                      const char    *remote,
                      const char    *dns1,
                      const char    *dns2,
                      DtBundleStage *self);

/* The load ---------------------------------------------------------------------------- */

/* The joined links' capacity, in bytes a second. */
static guint64
capacity (DtBundleStage *self)
{
  guint64 bps = 0;

  for (guint i = 0; i < self->links->len; i++)
    {
      g_autoptr (DtSubEntryStatus) status =
        dt_sub_entry_get_status (g_array_index (self->links, Link, i).sub);

      bps += status->link_speed > 0 ? status->link_speed : 33600;
    }
  return MAX (bps / 8, 1);
}

static gboolean
on_load_sample (gpointer user_data)
{
  DtBundleStage *self = user_data;
  DtStage *stage = DT_STAGE (self);
  DtEntry *entry = dt_call_get_entry (dt_stage_get_call (stage));
  DtPppStats stats;
  guint64 busiest;
  guint percent;

  dt_ppp_get_stats (self->bundle, &stats);
  busiest = MAX (stats.bytes_in - self->last_in, stats.bytes_out - self->last_out);
  self->last_in = stats.bytes_in;
  self->last_out = stats.bytes_out;
  percent = MIN (busiest * 100 / capacity (self), 100);

  self->busy_seconds = percent >= dt_entry_get_dial_extra_percent (entry)
    ? self->busy_seconds + 1 : 0;
  self->idle_seconds = percent < dt_entry_get_hang_up_extra_percent (entry)
    ? self->idle_seconds + 1 : 0;
  if (self->busy_seconds >= dt_entry_get_dial_extra_seconds (entry))
    {
      dt_stage_log (stage, "the bundle is %u%% busy: one more link", percent);
      self->busy_seconds = 0;
      dt_stage_done (stage, DT_STAGE_RESULT_MORE_LINKS);
    }
  else if (self->idle_seconds >= dt_entry_get_hang_up_extra_seconds (entry) &&
           self->links->len > 1)
    {
      dt_stage_log (stage, "the bundle is %u%% busy: one link less", percent);
      self->idle_seconds = 0;
      dt_stage_done (stage, DT_STAGE_RESULT_FEWER_LINKS);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_bundle_network_up (DtPpp         *bundle,
                      const char    *local,
                      const char    *remote,
                      const char    *dns1,
                      const char    *dns2,
                      DtBundleStage *self)
{
  DtStage *stage = DT_STAGE (self);
  DtEntry *entry = dt_call_get_entry (dt_stage_get_call (stage));

  dt_stage_learn_network (stage, bundle, dns1, dns2);
  if (dt_entry_get_multilink_dial (entry) == DT_MULTILINK_DIAL_AS_NEEDED &&
      self->load_source == 0)
    self->load_source = g_timeout_add (1000, on_load_sample, self);
  if (dt_stage_publish (stage, DT_CONN_STATE_PROJECTED, local))
    dt_stage_done (stage, DT_STAGE_RESULT_PROJECTED);
}

/* Links ------------------------------------------------------------------------------- */

/* The bundle's network phase begins with its first link, whose peer says how much it
 * reassembles (its MRRU), or takes (its MRU, without multilink). */
static void
start_network (DtBundleStage *self,
               DtPpp         *first)
{
  guint mrru = dt_ppp_get_multilink (first) ? dt_ppp_get_peer_mrru (first)
                                            : dt_ppp_get_mtu (first);

  self->started = TRUE;
  dt_ppp_mp_set_peer_mrru (self->mp, mrru);
  dt_ppp_bundle_start (self->bundle, mrru);
}

gboolean
dt_bundle_stage_add_link (DtBundleStage *self,
                          DtSubEntry    *sub)
{
  DtStage *stage = DT_STAGE (self);
  DtPpp *ppp = dt_sub_entry_get_ppp (sub);
  g_autofree char *detail = NULL;
  Link link = { sub, NULL };

  g_return_val_if_fail (DT_IS_BUNDLE_STAGE (self), FALSE);
  g_return_val_if_fail (ppp != NULL, FALSE);

  if (!dt_stage_is_running (stage) ||
      !dt_ppp_mp_add_link (self->mp, ppp, dt_ppp_get_multilink (ppp),
                           dt_ppp_get_send_short_seq (ppp),
                           dt_ppp_get_receive_short_seq (ppp), dt_ppp_get_mtu (ppp)))
    {
      dt_stage_log (stage, "sub-entry %u cannot join the bundle: %s", dt_sub_entry_get_index (sub),
                    dt_ppp_get_multilink (ppp) ? "its header format differs"
                                               : "the server did not agree on multilink");
      return FALSE;
    }
  /* Its call may drop the session before the bundle hears the link went. */
  link.ppp = g_object_ref (ppp);
  g_array_append_val (self->links, link);
  g_signal_connect_object (ppp, "bundle-frame", G_CALLBACK (on_member_frame), self, 0);
  detail = g_strdup_printf ("%u", dt_sub_entry_get_index (sub));
  dt_stage_log (stage, "sub-entry %u joins the bundle (%u link%s)", dt_sub_entry_get_index (sub),
                self->links->len, self->links->len > 1 ? "s" : "");
  if (!dt_stage_publish_for (stage, DT_CONN_STATE_SUB_ENTRY_CONNECTED, detail,
                             dt_sub_entry_get_index (sub)))
    return TRUE;
  if (!self->started)
    start_network (self, ppp);
  return TRUE;
}

guint
dt_bundle_stage_remove_link (DtBundleStage *self,
                             DtSubEntry    *sub)
{
  g_autofree char *detail = NULL;
  guint index;
  Link *link;

  g_return_val_if_fail (DT_IS_BUNDLE_STAGE (self), 0);

  link = find_link (self, sub, &index);
  if (link == NULL)
    return self->links->len;
  g_signal_handlers_disconnect_by_data (link->ppp, self);
  dt_ppp_mp_remove_link (self->mp, link->ppp);
  g_object_unref (link->ppp);
  g_array_remove_index (self->links, index);
  detail = g_strdup_printf ("%u", dt_sub_entry_get_index (sub));
  dt_stage_log (DT_STAGE (self), "sub-entry %u left the bundle (%u link%s left)",
                dt_sub_entry_get_index (sub), self->links->len, self->links->len != 1 ? "s" : "");
  dt_stage_publish_for (DT_STAGE (self), DT_CONN_STATE_SUB_ENTRY_DISCONNECTED, detail,
                        dt_sub_entry_get_index (sub));
  return self->links->len;
}

guint
dt_bundle_stage_get_n_links (DtBundleStage *self)
{
  g_return_val_if_fail (DT_IS_BUNDLE_STAGE (self), 0);
  return self->links->len;
}

/* The stage ------------------------------------------------------------------------------ */

static void
dt_bundle_stage_start (DtStage *stage)
{
  DtBundleStage *self = DT_BUNDLE_STAGE (stage);
  DtCall *call = dt_stage_get_call (stage);
  DtPppConfig config;

  dt_stage_ppp_config (call, &config);
  self->bundle = dt_ppp_new_bundle (&config, on_bundle_frame, self);
  dt_call_set_ppp (call, g_object_ref (self->bundle));
  self->mp = dt_ppp_mp_new (&mp_owner, self, DT_PPP_DEFAULT_MRU);
  g_signal_connect_object (self->bundle, "network-up", G_CALLBACK (on_bundle_network_up), self,
                           0);
  g_signal_connect_object (self->bundle, "unknown-protocol",
                           G_CALLBACK (on_bundle_unknown_protocol), self, 0);
}

static void
dt_bundle_stage_stop (DtStage *stage)
{
  DtBundleStage *self = DT_BUNDLE_STAGE (stage);

  g_clear_handle_id (&self->load_source, g_source_remove);
  for (guint i = 0; i < self->links->len; i++)
    {
      DtPpp *ppp = g_array_index (self->links, Link, i).ppp;

      g_signal_handlers_disconnect_by_data (ppp, self);
      g_object_unref (ppp);
    }
  g_array_set_size (self->links, 0);
  if (self->bundle != NULL)
    g_signal_handlers_disconnect_by_data (self->bundle, self);
  g_clear_pointer (&self->mp, dt_ppp_mp_free);
  /* The session itself stays in the call, for the teardown. */
  g_clear_object (&self->bundle);
}

static void
dt_bundle_stage_finalize (GObject *object)
{
  DtBundleStage *self = DT_BUNDLE_STAGE (object);

  g_clear_pointer (&self->mp, dt_ppp_mp_free);
  g_clear_object (&self->bundle);
  g_array_unref (self->links);

  G_OBJECT_CLASS (dt_bundle_stage_parent_class)->finalize (object);
}

static void
dt_bundle_stage_class_init (DtBundleStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_bundle_stage_finalize;
  stage_class->kind = DT_STAGE_BUNDLE;
  stage_class->start = dt_bundle_stage_start;
  stage_class->stop = dt_bundle_stage_stop;
}

static void
dt_bundle_stage_init (DtBundleStage *self)
{
  self->links = g_array_new (FALSE, TRUE, sizeof (Link));
}

DtStage *
dt_bundle_stage_new (DtStageHost *host,
                     DtCall      *call)
{
  return g_object_new (DT_TYPE_BUNDLE_STAGE, "host", host, "call", call, NULL);
}
