/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What an answering port publishes (see dt-answer.h): its properties, the state-changed and
 * log signals, and the pool addresses its callers hold, which every port in the process
 * shares so that two callers never get the same one. */

#include "config.h"

#include "dt-answer-private.h"
#include "dt-call-status.h"

enum {
  PROP_0,
  PROP_DEVICE,
  PROP_RUNNING,
  PROP_STATE,
  PROP_STATE_DETAIL,
  PROP_STATE_MESSAGE,
  PROP_USER,
  PROP_CALLER_ID,
  PROP_LINK_SPEED,
  PROP_AUTH_PROTOCOL,
  PROP_LOCAL_ADDRESS,
  PROP_REMOTE_ADDRESS,
  PROP_CALLBACK_NUMBER,
  PROP_CONNECTED_SINCE,
  PROP_BYTES_IN,
  PROP_BYTES_OUT,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STATE_CHANGED,
  SIGNAL_LOG,
  SIGNAL_CALLER_CONNECTED,
  SIGNAL_CALLER_REFUSED,
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GHashTable *addresses_in_use;

/* The status fields it publishes, and their properties. */
static const DtStatusProp status_props[] = {
  { DT_STATUS_ERROR_CODE, PROP_ERROR_CODE },
  { DT_STATUS_ERROR_MESSAGE, PROP_ERROR_MESSAGE },
  { DT_STATUS_LINK_SPEED, PROP_LINK_SPEED },
  { DT_STATUS_LOCAL_ADDRESS, PROP_LOCAL_ADDRESS },
  { DT_STATUS_REMOTE_ADDRESS, PROP_REMOTE_ADDRESS },
  { DT_STATUS_AUTH_PROTOCOL, PROP_AUTH_PROTOCOL },
  { DT_STATUS_CONNECTED_SINCE, PROP_CONNECTED_SINCE },
  { DT_STATUS_BYTES_IN, PROP_BYTES_IN },
  { DT_STATUS_BYTES_OUT, PROP_BYTES_OUT },
};

static GParamSpec *status_pspecs[DT_STATUS_N_FIELDS];

static DtStatusPublisher
publisher (DtAnswer *self)
{
  return (DtStatusPublisher) { G_OBJECT (self), &self->status, status_pspecs };
}

static void
notify (DtAnswer *self,
        guint     prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (DtAnswer   *self,
            char      **field,
            const char *value,
            guint       prop)
{
  dt_publish_string (G_OBJECT (self), properties[prop], field, value);
}

gboolean
_dt_answer_address_in_use (DtAnswer   *self,
                           const char *address)
{
  return addresses_in_use != NULL && g_hash_table_contains (addresses_in_use, address);
}

void
_dt_answer_set_reserved_address (DtAnswer   *self,
                                 const char *address)
{
  if (addresses_in_use == NULL)
    addresses_in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (self->reserved_address != NULL)
    g_hash_table_remove (addresses_in_use, self->reserved_address);
  g_free (self->reserved_address);
  self->reserved_address = g_strdup (address);
  if (address != NULL)
    g_hash_table_add (addresses_in_use, g_strdup (address));
}

void
_dt_answer_log (DtAnswer   *self,
                const char *format,
                ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("%s: %s", self->device, line);
  g_signal_emit (self, signals[SIGNAL_LOG], 0, line);
}

void
_dt_answer_begin_call (DtAnswer *self)
{
  DtStatusPublisher pub = publisher (self);

  self->status_authenticated = FALSE;
  self->login_refused = 0;
  set_string (self, &self->user, NULL, PROP_USER);
  set_string (self, &self->caller_id, NULL, PROP_CALLER_ID);
  set_string (self, &self->callback_number, NULL, PROP_CALLBACK_NUMBER);
  dt_status_reset (&pub);
}

void
_dt_answer_set_state (DtAnswer    *self,
                      DtConnState  state,
                      const char  *detail)
{
  g_autoptr (GObject) hold = NULL;
  gboolean changed = self->status.state != state;

  hold = g_object_ref (G_OBJECT (self));
  self->status.state = state;
  g_free (self->state_detail);
  self->state_detail = g_strdup (detail);
  g_free (self->state_message);
  self->state_message = dt_conn_state_describe (state, detail);
  if (state == DT_CONN_STATE_CONNECTED && self->status.connected_since == NULL)
    {
      self->status.connected_since = g_date_time_new_now_local ();
      notify (self, PROP_CONNECTED_SINCE);
    }
  _dt_answer_log (self, "state %s%s%s", dt_conn_state_get_name (state), detail ? ": " : "",
                  detail ? detail : "");
  g_object_freeze_notify (G_OBJECT (self));
  if (changed)
    notify (self, PROP_STATE);
  notify (self, PROP_STATE_DETAIL);
  notify (self, PROP_STATE_MESSAGE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (guint) state, detail);
}

void
_dt_answer_set_error (DtAnswer   *self,
                      guint       code,
                      const char *message)
{
  DtStatusPublisher pub = publisher (self);

  dt_status_set_error (&pub, code, message);
}

void
_dt_answer_learn (gpointer      owner,
                  DtCallFact    fact,
                  const GValue *value)
{
  DtAnswer *self = owner;
  DtStatusPublisher pub = publisher (self);

  switch (fact)
    {
    case DT_CALL_FACT_CONNECTED_SINCE:
      break;   /* its own, from Connected (_dt_answer_set_state()) */
    case DT_CALL_FACT_CALLER_ID:
      set_string (self, &self->caller_id, g_value_get_string (value), PROP_CALLER_ID);
      break;
    case DT_CALL_FACT_PEER_USER:
      set_string (self, &self->user, g_value_get_string (value), PROP_USER);
      break;
    case DT_CALL_FACT_CALLBACK_NUMBER:
      set_string (self, &self->callback_number, g_value_get_string (value),
                  PROP_CALLBACK_NUMBER);
      break;
    case DT_CALL_FACT_LOGIN_REFUSED:
      self->login_refused = g_value_get_uint (value);
      break;
    default:
      dt_status_learn (&pub, fact, value);
      break;
    }
}

void
_dt_answer_set_counters (DtAnswer             *self,
                         const DtCallCounters *counters)
{
  DtStatusPublisher pub = publisher (self);

  dt_status_set_counters (&pub, counters);
}

void
_dt_answer_finalize_status (DtAnswer *self)
{
  dt_conn_status_clear (&self->status);
  g_free (self->state_detail);
  g_free (self->state_message);
  g_free (self->user);
  g_free (self->caller_id);
  g_free (self->callback_number);
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  DtAnswer *self = DT_ANSWER (object);

  if (_dt_call_status_get_property (&self->status, status_pspecs, pspec, value))
    return;
  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_string (value, self->device);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->status.state);
      break;
    case PROP_STATE_DETAIL:
      g_value_set_string (value, self->state_detail);
      break;
    case PROP_STATE_MESSAGE:
      g_value_set_string (value, self->state_message);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_CALLER_ID:
      g_value_set_string (value, self->caller_id);
      break;
    case PROP_CALLBACK_NUMBER:
      g_value_set_string (value, self->callback_number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_dt_answer_class_init_status (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = get_property;

  properties[PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, NULL, flags);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, DT_TYPE_CONN_STATE,
                                              DT_CONN_STATE_DISCONNECTED, flags);
  properties[PROP_STATE_DETAIL] = g_param_spec_string ("state-detail", NULL, NULL, NULL, flags);
  properties[PROP_STATE_MESSAGE] = g_param_spec_string ("state-message", NULL, NULL, NULL,
                                                        flags);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, flags);
  properties[PROP_CALLER_ID] = g_param_spec_string ("caller-id", NULL, NULL, NULL, flags);
  properties[PROP_CALLBACK_NUMBER] = g_param_spec_string ("callback-number", NULL, NULL, NULL,
                                                          flags);
  _dt_call_status_init_props (status_props, G_N_ELEMENTS (status_props), properties,
                              status_pspecs);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_LOG] =
    g_signal_new ("log", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);
  signals[SIGNAL_CALLER_CONNECTED] =
    g_signal_new ("caller-connected", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_CALLER_REFUSED] =
    g_signal_new ("caller-refused", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_STOPPED] =
    g_signal_new ("stopped", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* Getters ---------------------------------------------------------------------------------- */

const char *
dt_answer_get_device (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return self->device;
}

gboolean
dt_answer_get_running (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), FALSE);
  return self->running;
}

DtConnState
dt_answer_get_state (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), DT_CONN_STATE_DISCONNECTED);
  return self->status.state;
}

const char *
dt_answer_get_state_detail (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return self->state_detail;
}

const char *
dt_answer_get_user (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return self->user;
}

const char *
dt_answer_get_remote_address (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return self->status.remote_address;
}

guint
dt_answer_get_error_code (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), 0);
  return self->status.error_code;
}

const char *
dt_answer_get_error_message (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return self->status.error_message;
}

DtConnStatus *
dt_answer_get_status (DtAnswer *self)
{
  g_return_val_if_fail (DT_IS_ANSWER (self), NULL);
  return dt_conn_status_copy (&self->status);
}
