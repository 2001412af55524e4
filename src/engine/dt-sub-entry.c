/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtSubEntry: see dt-sub-entry.h.  The host of one sub-entry's stages: the port stage dials
 * the sub-entry's own device and number (its call's entry is a copy of the entry's with
 * them), the login stage runs the entry's login script on its line, the PPP stage runs a
 * member link (its call says multilink) and reports when it is authenticated; a failure or
 * a line that ends takes this sub-entry down through its own teardown stage, and only it.
 * A refused password may dial this sub-entry again (AuthRetry), as a single-device call
 * does. */

#include "config.h"

#include "dt-call-host.h"
#include "dt-stages.h"
#include "dt-sub-entry.h"

struct _DtSubEntry
{
  GObject parent_instance;

  const DtSubEntryOwner *owner;
  gpointer owner_data;
  guint index;
  DtCallHost host;             /* its call and stages */

  DtConnState state;           /* the last it published */
  gboolean up;                 /* dialed, and not down since */
  gboolean linked;
  guint link_speed;
};

DT_DEFINE_STAGE_HOST (DtSubEntry, dt_sub_entry)

G_DEFINE_FINAL_TYPE_WITH_CODE (DtSubEntry, dt_sub_entry, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DT_TYPE_STAGE_HOST,
                                                      dt_sub_entry_stage_host_init))

static void
teardown (DtSubEntry *self,
          guint       code,
          const char *message)
{
  _dt_call_host_teardown (&self->host, code, message);
}

/* Its link leaves the bundle as soon as it goes down. */
static void
dt_sub_entry_host_hanging_up (gpointer owner)
{
  DtSubEntry *self = owner;

  if (self->linked)
    {
      self->linked = FALSE;
      self->owner->unlinked (self, self->owner_data);
    }
}

static void
finish_teardown (DtSubEntry *self)
{
  g_autofree char *message = g_steal_pointer (&self->host.message);
  guint code = self->host.code;
  gboolean redial = _dt_call_host_finish_teardown (&self->host);

  self->linked = FALSE;
  self->link_speed = 0;
  self->host.code = 0;
  if (redial)
    {
      self->owner->log (self, "dialing again with the new credentials", self->owner_data);
      _dt_call_host_redial (&self->host);
      return;
    }
  self->up = FALSE;
  self->state = DT_CONN_STATE_DISCONNECTED;
  self->owner->down (self, code, message, self->owner_data);
}

/* A layer of its call ended by itself: the line goes down.  A line lost once linked is a
 * disconnection, as a connected call's. */
static void
dt_sub_entry_host_event (gpointer     owner,
                         DtCallEvent  event,
                         DtConnState  state,
                         guint        code,
                         const char  *message)
{
  DtSubEntry *self = owner;

  if (event == DT_CALL_EVENT_CARRIER_LOST)
    teardown (self, self->linked ? DT_RAS_ERROR_DISCONNECTION
                                 : DT_RAS_ERROR_PORT_DISCONNECTED, NULL);
  else
    teardown (self, dt_stages_event_error (event, state, code), message);
}

static void
dt_sub_entry_host_log (gpointer    owner,
                       const char *line)
{
  DtSubEntry *self = owner;
  g_autofree char *prefixed = g_strdup_printf ("sub-entry %u: %s", self->index, line);

  self->owner->log (self, prefixed, self->owner_data);
}

/* The host of its stages ----------------------------------------------------------------- */

static gboolean
dt_sub_entry_host_publish (gpointer     owner,
                           DtConnState  state,
                           const char  *detail,
                           guint        sub_entry)
{
  DtSubEntry *self = owner;

  self->state = state;
  return self->owner->publish (self, state, detail, self->owner_data);
}

static void
dt_sub_entry_host_learn (gpointer      owner,
                         DtCallFact    fact,
                         const GValue *value)
{
  DtSubEntry *self = owner;

  if (fact == DT_CALL_FACT_LINK_SPEED)
    self->link_speed = g_value_get_uint (value);
  /* Its line's counters are its own (dt_sub_entry_get_status()). */
  if (fact != DT_CALL_FACT_COUNTERS)
    self->owner->learn (self, fact, value, self->owner_data);
}

static void
dt_sub_entry_host_done (gpointer       owner,
                        DtStage       *stage,
                        DtStageResult  result)
{
  DtSubEntry *self = owner;

  if (dt_stage_get_kind (stage) != DT_STAGE_PPP)
    dt_stage_stop (stage);
  switch (result)
    {
    case DT_STAGE_RESULT_ONLINE:
      dt_stages_start (self->host.stages, dt_login_stage_new (DT_STAGE_HOST (self),
                                                              self->host.call));
      break;
    case DT_STAGE_RESULT_LOGGED_IN:
      dt_stages_start (self->host.stages, dt_ppp_stage_new (DT_STAGE_HOST (self),
                                                            self->host.call, FALSE));
      break;
    case DT_STAGE_RESULT_LINKED:
      self->linked = TRUE;
      self->owner->linked (self, self->owner_data);
      break;
    case DT_STAGE_RESULT_HUNG_UP:
      finish_teardown (self);
      break;
    default:
      g_warn_if_reached ();
      break;
    }
}

static const DtCallHostOps host_ops = {
  .publish = dt_sub_entry_host_publish,
  .learn = dt_sub_entry_host_learn,
  .done = dt_sub_entry_host_done,
  .log = dt_sub_entry_host_log,
  .event = dt_sub_entry_host_event,
  .hanging_up = dt_sub_entry_host_hanging_up,
};


/* The object ------------------------------------------------------------------------------ */

static void
dt_sub_entry_dispose (GObject *object)
{
  DtSubEntry *self = DT_SUB_ENTRY (object);

  _dt_call_host_dispose (&self->host);

  G_OBJECT_CLASS (dt_sub_entry_parent_class)->dispose (object);
}

static void
dt_sub_entry_finalize (GObject *object)
{
  _dt_call_host_finalize (&DT_SUB_ENTRY (object)->host);

  G_OBJECT_CLASS (dt_sub_entry_parent_class)->finalize (object);
}

static void
dt_sub_entry_class_init (DtSubEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_sub_entry_dispose;
  object_class->finalize = dt_sub_entry_finalize;
}

static void
dt_sub_entry_init (DtSubEntry *self)
{
  self->state = DT_CONN_STATE_DISCONNECTED;
  _dt_call_host_init (&self->host, self, &host_ops, NULL, 0, &self->state);
}

/* The entry this sub-entry dials: the entry's settings, its own device and number, no
 * alternates, no terminal window (a login script does for every line), no sub-entries. */
static DtEntry *
sub_entry_copy (DtEntry *entry,
                guint    index)
{
  DtEntry *copy = dt_entry_copy (entry);
  const char *device = NULL, *number = NULL;

  dt_entry_get_sub_entry (entry, index, &device, &number);
  dt_entry_set_device (copy, device);
  dt_entry_set_number (copy, number);
  if (index > 1)
    dt_entry_set_alternates (copy, NULL);
  dt_entry_set_show_terminal (copy, FALSE);
  dt_entry_set_sub_entries (copy, NULL, NULL);
  return copy;
}

DtSubEntry *
dt_sub_entry_new (const DtSubEntryOwner *owner,
                  gpointer               data,
                  DtEntry               *entry,
                  guint                  index,
                  const DtCredentials   *credentials,
                  GBytes                *endpoint,
                  gboolean               trace)
{
  DtSubEntry *self = g_object_new (DT_TYPE_SUB_ENTRY, NULL);
  g_autoptr (DtEntry) copy = sub_entry_copy (entry, index);

  self->owner = owner;
  self->owner_data = data;
  self->index = index;
  dt_call_begin (self->host.call, copy, dt_credentials_copy (credentials));
  dt_call_set_multilink (self->host.call, endpoint);
  dt_call_set_trace (self->host.call, trace);
  return self;
}

guint
dt_sub_entry_get_index (DtSubEntry *self)
{
  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), 0);
  return self->index;
}

gboolean
dt_sub_entry_is_up (DtSubEntry *self)
{
  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), FALSE);
  return self->up;
}

gboolean
dt_sub_entry_is_linked (DtSubEntry *self)
{
  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), FALSE);
  return self->linked;
}

DtPpp *
dt_sub_entry_get_ppp (DtSubEntry *self)
{
  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), NULL);
  return self->linked ? dt_call_get_ppp (self->host.call) : NULL;
}

gsize
dt_sub_entry_get_backlog (DtSubEntry *self)
{
  DtModem *modem;

  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), 0);
  modem = dt_call_get_modem (self->host.call);
  return modem != NULL ? dt_modem_get_queued (modem) : 0;
}

void
dt_sub_entry_status_free (DtSubEntryStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->device);
  g_free (status->number);
  g_free (status);
}

DtSubEntryStatus *
dt_sub_entry_get_status (DtSubEntry *self)
{
  DtSubEntryStatus *status;
  DtCallCounters counters;
  DtEntry *entry;

  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), NULL);

  entry = dt_call_get_entry (self->host.call);
  status = g_new0 (DtSubEntryStatus, 1);
  status->index = self->index;
  status->state = self->state;
  status->linked = self->linked;
  status->device = g_strdup (dt_entry_get_device (entry));
  status->number = g_strdup (dt_entry_get_number (entry));
  status->link_speed = self->link_speed;
  if (dt_call_get_counters (self->host.call, &counters))
    {
      status->bytes_in = counters.line.bytes_in;
      status->bytes_out = counters.line.bytes_out;
      status->frames_in = counters.line.frames_in;
      status->frames_out = counters.line.frames_out;
    }
  return status;
}

void
dt_sub_entry_dial (DtSubEntry *self)
{
  g_return_if_fail (DT_IS_SUB_ENTRY (self));
  g_return_if_fail (!self->up);

  self->up = TRUE;
  dt_stages_start (self->host.stages, dt_port_stage_new (DT_STAGE_HOST (self), self->host.call));
}

void
dt_sub_entry_hang_up (DtSubEntry *self,
                      const char *reason)
{
  g_return_if_fail (DT_IS_SUB_ENTRY (self));

  self->host.redial = FALSE;
  if (!self->up || self->host.hanging_up)
    return;
  teardown (self, 0, reason);
}

static DtStageKind
stage_of_pause (DtConnState state)
{
  return state == DT_CONN_STATE_INTERACTIVE ? DT_STAGE_LOGIN : DT_STAGE_PPP;
}

gboolean
dt_sub_entry_is_paused_in (DtSubEntry  *self,
                           DtConnState  state)
{
  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), FALSE);
  return self->up && !self->host.hanging_up && self->state == state &&
         dt_conn_state_is_paused (state);
}

gboolean
dt_sub_entry_resume (DtSubEntry           *self,
                     const DtPauseAnswer  *answer,
                     GError              **error)
{
  DtStage *stage;

  g_return_val_if_fail (DT_IS_SUB_ENTRY (self), FALSE);

  stage = self->host.stages[stage_of_pause (answer->pause)];
  g_return_val_if_fail (stage != NULL && dt_stage_is_running (stage), FALSE);
  return dt_stage_resume (stage, answer, error);
}
