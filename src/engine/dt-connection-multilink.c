/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnection for a multilink entry (RFC 1990, RAS's sub-entries).  The connection's own call
 * holds what the bundle shares: the entry, the credentials, the bundle's PPP session (the
 * bundle stage's) and the network device.  Each sub-entry has a call of its own, with its
 * modem and its member link, and runs its port, login and PPP stages itself (DtSubEntry):
 * their states reach state-changed with the sub-entry's index.  A sub-entry whose link
 * authenticates joins the bundle (SubEntryConnected); the first one starts the bundle's
 * network phase, and the call goes on as any call does: Projected, ApplySettings,
 * Connected.  One whose line goes down leaves it (SubEntryDisconnected); the call stays up
 * while one link remains, and ends with the last one's reason, or, before any joined, when
 * every sub-entry failed, with the first failure's.  Sub-entries are dialed together, or
 * one at first and more as the bundle stage finds the load needs them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-connection-private.h"
#include "dt-stages.h"

static DtBundleStage *
bundle_stage (DtConnection *self)
{
  DtStage *stage = self->host.stages[DT_STAGE_BUNDLE];

  return stage != NULL && dt_stage_is_running (stage) ? DT_BUNDLE_STAGE (stage) : NULL;
}

static DtSubEntry *
sub_entry_at (DtConnection *self,
              guint         i)
{
  return g_ptr_array_index (self->sub_entries, i);
}

/* The bundle's speed: its links' CONNECT speeds together. */
static void
update_link_speed (DtConnection *self)
{
  g_auto (GValue) value = G_VALUE_INIT;
  guint total = 0;

  for (guint i = 0; i < self->sub_entries->len; i++)
    {
      g_autoptr (DtSubEntryStatus) status = dt_sub_entry_get_status (sub_entry_at (self, i));

      if (status->linked || (dt_sub_entry_is_up (sub_entry_at (self, i)) && total == 0))
        total += status->link_speed;
    }
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, total);
  _dt_connection_learn (self, DT_CALL_FACT_LINK_SPEED, &value);
}

/* The sub-entries' owner ------------------------------------------------------------------ */

static gboolean
sub_publish (DtSubEntry  *sub,
             DtConnState  state,
             const char  *detail,
             gpointer     data)
{
  DtConnection *self = data;

  if (self->host.hanging_up)
    return FALSE;
  _dt_connection_publish (self, state, detail, dt_sub_entry_get_index (sub));
  if (dt_conn_state_is_paused (state))
    self->paused_sub_entry = dt_sub_entry_get_index (sub);
  return !self->host.hanging_up;
}

static void
sub_learn (DtSubEntry   *sub,
           DtCallFact    fact,
           const GValue *value,
           gpointer      data)
{
  DtConnection *self = data;

  if (fact == DT_CALL_FACT_LINK_SPEED)
    update_link_speed (self);
  /* The first sub-entry's CONNECT line; the others' are theirs (dt_connection_get_sub_entries). */
  else if (fact != DT_CALL_FACT_CONNECT_STRING || dt_sub_entry_get_index (sub) == 1)
    _dt_connection_learn (self, fact, value);
}

static void
sub_log (DtSubEntry *sub,
         const char *line,
         gpointer    data)
{
  _dt_connection_log (DT_CONNECTION (data), "%s", line);
}

static void
sub_linked (DtSubEntry *sub,
            gpointer    data)
{
  DtConnection *self = data;
  DtBundleStage *bundle = bundle_stage (self);

  if (bundle == NULL || !dt_bundle_stage_add_link (bundle, sub))
    {
      dt_sub_entry_hang_up (sub, "Cannot join the bundle");
      return;
    }
  update_link_speed (self);
  if (dt_connection_is_connected (self) && !self->host.hanging_up)
    _dt_connection_set_state (self, DT_CONN_STATE_CONNECTED,
                              dt_ppp_get_local_address (dt_call_get_ppp (self->host.call)));
}

static void
sub_unlinked (DtSubEntry *sub,
              gpointer    data)
{
  DtConnection *self = data;
  DtBundleStage *bundle = bundle_stage (self);

  if (bundle != NULL)
    dt_bundle_stage_remove_link (bundle, sub);
  update_link_speed (self);
  if (dt_connection_is_connected (self) && !self->host.hanging_up && bundle != NULL &&
      dt_bundle_stage_get_n_links (bundle) > 0)
    _dt_connection_set_state (self, DT_CONN_STATE_CONNECTED,
                              dt_ppp_get_local_address (dt_call_get_ppp (self->host.call)));
}

static gboolean
any_up (DtConnection *self)
{
  for (guint i = 0; i < self->sub_entries->len; i++)
    if (dt_sub_entry_is_up (sub_entry_at (self, i)))
      return TRUE;
  return FALSE;
}

static void
sub_down (DtSubEntry *sub,
          guint       code,
          const char *message,
          gpointer    data)
{
  DtConnection *self = data;

  if (self->paused_sub_entry == dt_sub_entry_get_index (sub))
    self->paused_sub_entry = 0;
  update_link_speed (self);
  if (self->host.hanging_up)
    {
      _dt_connection_multilink_teardown_step (self);
      return;
    }
  if (code != 0 && self->first_sub_error == 0)
    {
      self->first_sub_error = code;
      g_free (self->first_sub_message);
      self->first_sub_message = g_strdup (message);
    }
  if (!any_up (self))
    _dt_call_host_teardown (&self->host, code != 0 ? code : self->first_sub_error,
                            code != 0 ? message : self->first_sub_message);
}

static const DtSubEntryOwner sub_owner = {
  .publish = sub_publish,
  .learn = sub_learn,
  .log = sub_log,
  .linked = sub_linked,
  .unlinked = sub_unlinked,
  .down = sub_down,
};

/* The sequence ---------------------------------------------------------------------------- */

gboolean
_dt_connection_is_multilink (DtConnection *self)
{
  return self->sub_entries->len > 0;
}

void
_dt_connection_multilink_start (DtConnection *self)
{
  DtEntry *entry = dt_call_get_entry (self->host.call);
  guint n = dt_entry_get_n_sub_entries (entry);
  guint8 endpoint[8];

  /* Who we are to the server, the same on every link, new for every dial (RFC 1990
   * §5.1.3, class 1). */
  for (gsize i = 0; i < sizeof endpoint; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (endpoint + i, &r, 4);
    }
  g_clear_pointer (&self->endpoint, g_bytes_unref);
  self->endpoint = g_bytes_new (endpoint, sizeof endpoint);
  self->first_sub_error = 0;
  g_clear_pointer (&self->first_sub_message, g_free);
  self->paused_sub_entry = 0;
  g_ptr_array_set_size (self->sub_entries, 0);
  for (guint index = 1; index <= n; index++)
    g_ptr_array_add (self->sub_entries,
                     dt_sub_entry_new (&sub_owner, self, entry, index,
                                       dt_call_get_credentials (self->host.call), self->endpoint,
                                       self->trace));

  dt_stages_start (self->host.stages, dt_bundle_stage_new (DT_STAGE_HOST (self), self->host.call));
  for (guint i = 0; i < n; i++)
    if (i == 0 || dt_entry_get_multilink_dial (entry) == DT_MULTILINK_DIAL_ALL)
      dt_sub_entry_dial (sub_entry_at (self, i));
}

/* The bundle is busy: the next sub-entry not dialed is. */
void
_dt_connection_multilink_more (DtConnection *self)
{
  for (guint i = 0; i < self->sub_entries->len; i++)
    if (!dt_sub_entry_is_up (sub_entry_at (self, i)))
      {
        _dt_connection_log (self, "dialing sub-entry %u as the load needs it", i + 1);
        dt_sub_entry_dial (sub_entry_at (self, i));
        return;
      }
}

/* The bundle is idle: the last sub-entry that joined goes, never the only one. */
void
_dt_connection_multilink_fewer (DtConnection *self)
{
  for (guint i = self->sub_entries->len; i-- > 1;)
    if (dt_sub_entry_is_linked (sub_entry_at (self, i)))
      {
        dt_sub_entry_hang_up (sub_entry_at (self, i), "Not needed");
        return;
      }
}

/* The teardown: every sub-entry's line goes down, while the connection's teardown stage
 * takes the network device and the bundle down; finished once both are done. */
void
_dt_connection_multilink_hang_up (DtConnection *self,
                                  const char   *reason)
{
  for (guint i = 0; i < self->sub_entries->len; i++)
    dt_sub_entry_hang_up (sub_entry_at (self, i), reason);
}

/* TRUE once every sub-entry is down, and the connection's teardown stage is done. */
gboolean
_dt_connection_multilink_all_down (DtConnection *self)
{
  return !any_up (self);
}

gboolean
_dt_connection_multilink_resume (DtConnection         *self,
                                 const DtPauseAnswer  *answer,
                                 GError              **error)
{
  gboolean answered = FALSE;

  /* Every line that asks the same (all refused the same password) takes the one answer:
   * the user was asked once. */
  for (guint i = 0; i < self->sub_entries->len; i++)
    if (dt_sub_entry_is_paused_in (sub_entry_at (self, i), answer->pause))
      {
        if (!dt_sub_entry_resume (sub_entry_at (self, i), answer, error))
          return FALSE;
        answered = TRUE;
      }
  if (!answered)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("The connection is not waiting for that"));
  return answered;
}

void
_dt_connection_multilink_counters (DtConnection   *self,
                                   DtCallCounters *counters)
{
  counters->line = (DtPppStats) { 0 };
  for (guint i = 0; i < self->sub_entries->len; i++)
    {
      g_autoptr (DtSubEntryStatus) status = dt_sub_entry_get_status (sub_entry_at (self, i));

      counters->line.bytes_in += status->bytes_in;
      counters->line.bytes_out += status->bytes_out;
      counters->line.frames_in += status->frames_in;
      counters->line.frames_out += status->frames_out;
    }
}

void
_dt_connection_multilink_clear (DtConnection *self)
{
  for (guint i = 0; i < self->sub_entries->len; i++)
    g_signal_handlers_disconnect_by_data (sub_entry_at (self, i), self);
  g_ptr_array_set_size (self->sub_entries, 0);
  g_clear_pointer (&self->endpoint, g_bytes_unref);
  g_clear_pointer (&self->first_sub_message, g_free);
}

GPtrArray *
dt_connection_get_sub_entries (DtConnection *self)
{
  GPtrArray *list;

  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_sub_entry_status_free);
  for (guint i = 0; i < self->sub_entries->len; i++)
    g_ptr_array_add (list, dt_sub_entry_get_status (sub_entry_at (self, i)));
  return list;
}
