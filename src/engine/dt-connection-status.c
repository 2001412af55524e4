/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a DtConnection publishes: its properties and signals, the status snapshot, the
 * connection log, and the facts the stages report (DtStageHost's learn).  The sequence that
 * decides what to publish is in dt-connection.c. */

#include "config.h"

#include "dt-connection-private.h"
#include "dt-call-status.h"

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_STATE,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_DEVICE,
  PROP_INTERFACE,
  PROP_NETWORK_MESSAGE,
  PROP_LINK_SPEED,
  PROP_CONNECT_STRING,
  PROP_LOCAL_ADDRESS,
  PROP_REMOTE_ADDRESS,
  PROP_LOCAL_IPV6_ADDRESS,
  PROP_REMOTE_IPV6_ADDRESS,
  PROP_DNS_SERVERS,
  PROP_AUTH_PROTOCOL,
  PROP_BYTES_IN,
  PROP_BYTES_OUT,
  PROP_FRAMES_IN,
  PROP_FRAMES_OUT,
  PROP_FCS_ERRORS,
  PROP_IP_BYTES_IN,
  PROP_IP_BYTES_OUT,
  PROP_IP_PACKETS_IN,
  PROP_IP_PACKETS_OUT,
  PROP_IP_DROPPED_IN,
  PROP_IP_DROPPED_OUT,
  PROP_IP_ERRORS,
  PROP_CONNECTED_SINCE,
  PROP_PAUSE_MESSAGE,
  PROP_NETWORK_MODE,
  PROP_STATE_DETAIL,
  PROP_STATE_MESSAGE,
  PROP_CALLBACK_OPTIONAL,
  PROP_COMPRESSION,
  PROP_COMPRESSION_RATIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STATE_CHANGED,
  SIGNAL_LOG,
  SIGNAL_TERMINAL_OUTPUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The connection log is bounded, so a link that stays up for days with tracing on does not
 * grow without end. */
#define MAX_LOG_LINES 5000

/* The status fields and their properties. */
static const DtStatusProp status_props[] = {
  { DT_STATUS_ERROR_CODE, PROP_ERROR_CODE },
  { DT_STATUS_ERROR_MESSAGE, PROP_ERROR_MESSAGE },
  { DT_STATUS_INTERFACE, PROP_INTERFACE },
  { DT_STATUS_NETWORK_MESSAGE, PROP_NETWORK_MESSAGE },
  { DT_STATUS_LINK_SPEED, PROP_LINK_SPEED },
  { DT_STATUS_CONNECT_STRING, PROP_CONNECT_STRING },
  { DT_STATUS_LOCAL_ADDRESS, PROP_LOCAL_ADDRESS },
  { DT_STATUS_REMOTE_ADDRESS, PROP_REMOTE_ADDRESS },
  { DT_STATUS_LOCAL_IPV6_ADDRESS, PROP_LOCAL_IPV6_ADDRESS },
  { DT_STATUS_REMOTE_IPV6_ADDRESS, PROP_REMOTE_IPV6_ADDRESS },
  { DT_STATUS_DNS_SERVERS, PROP_DNS_SERVERS },
  { DT_STATUS_AUTH_PROTOCOL, PROP_AUTH_PROTOCOL },
  { DT_STATUS_CONNECTED_SINCE, PROP_CONNECTED_SINCE },
  { DT_STATUS_BYTES_IN, PROP_BYTES_IN },
  { DT_STATUS_BYTES_OUT, PROP_BYTES_OUT },
  { DT_STATUS_FRAMES_IN, PROP_FRAMES_IN },
  { DT_STATUS_FRAMES_OUT, PROP_FRAMES_OUT },
  { DT_STATUS_FCS_ERRORS, PROP_FCS_ERRORS },
  { DT_STATUS_IP_BYTES_IN, PROP_IP_BYTES_IN },
  { DT_STATUS_IP_BYTES_OUT, PROP_IP_BYTES_OUT },
  { DT_STATUS_IP_PACKETS_IN, PROP_IP_PACKETS_IN },
  { DT_STATUS_IP_PACKETS_OUT, PROP_IP_PACKETS_OUT },
  { DT_STATUS_IP_DROPPED_IN, PROP_IP_DROPPED_IN },
  { DT_STATUS_IP_DROPPED_OUT, PROP_IP_DROPPED_OUT },
  { DT_STATUS_IP_ERRORS, PROP_IP_ERRORS },
  { DT_STATUS_COMPRESSION, PROP_COMPRESSION },
  { DT_STATUS_COMPRESSION_RATIO, PROP_COMPRESSION_RATIO },
};

static GParamSpec *status_pspecs[DT_STATUS_N_FIELDS];

static DtStatusPublisher
publisher (DtConnection *self)
{
  return (DtStatusPublisher) { G_OBJECT (self), &self->status, status_pspecs };
}

static void
notify (DtConnection *self,
        guint         prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Each notifies only when the value changes. */
static void
set_string (DtConnection  *self,
            char         **field,
            const char    *value,
            guint          prop)
{
  dt_publish_string (G_OBJECT (self), properties[prop], field, value);
}

static void
set_callback_optional (DtConnection *self,
                       gboolean      optional)
{
  optional = !!optional;
  if (self->callback_optional == optional)
    return;
  self->callback_optional = optional;
  notify (self, PROP_CALLBACK_OPTIONAL);
}

void
_dt_connection_set_counters (DtConnection         *self,
                             const DtCallCounters *values)
{
  DtStatusPublisher pub = publisher (self);

  dt_status_set_counters (&pub, values);
}

void
_dt_connection_set_error (DtConnection *self,
                          guint         code,
                          const char   *message)
{
  DtStatusPublisher pub = publisher (self);

  dt_status_set_error (&pub, code, message);
}

void
_dt_connection_begin_status (DtConnection *self)
{
  DtConnStatus *s = &self->status;
  DtStatusPublisher pub = publisher (self);

  dt_status_reset (&pub);
  set_string (self, &s->device, dt_entry_get_device (dt_call_get_entry (self->host.call)),
              PROP_DEVICE);
}

void
_dt_connection_notify_entry (DtConnection *self)
{
  notify (self, PROP_ENTRY);
}

void
_dt_connection_learn (gpointer      owner,
                      DtCallFact    fact,
                      const GValue *value)
{
  DtConnection *self = owner;
  DtStatusPublisher pub = publisher (self);

  switch (fact)
    {
    case DT_CALL_FACT_PAUSE_MESSAGE:
      set_string (self, &self->pause_message, g_value_get_string (value), PROP_PAUSE_MESSAGE);
      break;
    case DT_CALL_FACT_CALLBACK_OPTIONAL:
      set_callback_optional (self, g_value_get_boolean (value));
      break;
    default:
      if (!dt_status_learn (&pub, fact, value))
        g_assert_not_reached ();
    }
}

void
_dt_connection_log (DtConnection *self,
                    const char   *format,
                    ...)
{
  g_autofree char *text = NULL;
  char *line;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  line = g_strdup_printf ("%6.3f %s", (g_get_monotonic_time () - self->start_us) / 1e6, text);
  if (self->log->len >= MAX_LOG_LINES)
    g_ptr_array_remove_index (self->log, 0);
  g_ptr_array_add (self->log, line);
  g_debug ("%s", line);
  g_signal_emit (self, signals[SIGNAL_LOG], 0, line);
}

void
_dt_connection_set_state (DtConnection *self,
                          DtConnState   state,
                          const char   *detail)
{
  _dt_connection_publish (self, state, detail, 0);
}

/* A sub-entry's own progress once the connection is up (a link dialed as the load needs)
 * does not take it out of Connected: it is only told.  Its joining and leaving are. */
static gboolean
moves_state (DtConnection *self,
             DtConnState   state,
             guint         sub_entry)
{
  return sub_entry == 0 || !dt_connection_is_connected (self) ||
         state == DT_CONN_STATE_SUB_ENTRY_CONNECTED ||
         state == DT_CONN_STATE_SUB_ENTRY_DISCONNECTED;
}

void
_dt_connection_publish (DtConnection *self,
                        DtConnState   state,
                        const char   *detail,
                        guint         sub_entry)
{
  g_autofree char *message = dt_conn_state_describe (state, detail);
  g_autofree char *which = sub_entry > 0 ? g_strdup_printf (" (sub-entry %u)", sub_entry)
                                         : g_strdup ("");

  _dt_connection_log (self, "state %u %s%s%s%s", (guint) state, dt_conn_state_get_name (state),
                      which, detail ? ": " : "", detail ? detail : "");
  if (!moves_state (self, state, sub_entry))
    {
      g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (guint) state, detail, sub_entry);
      return;
    }
  self->status.state = state;
  if (!dt_conn_state_is_paused (state))
    set_string (self, &self->pause_message, NULL, PROP_PAUSE_MESSAGE);
  if (state != DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    set_callback_optional (self, FALSE);
  set_string (self, &self->state_detail, detail, PROP_STATE_DETAIL);
  set_string (self, &self->state_message, message, PROP_STATE_MESSAGE);
  notify (self, PROP_STATE);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (guint) state, detail, sub_entry);
}

void
_dt_connection_emit_terminal_output (DtConnection *self,
                                     GBytes       *bytes)
{
  g_signal_emit (self, signals[SIGNAL_TERMINAL_OUTPUT], 0, bytes);
}

/* The GObject side ------------------------------------------------------------------------ */

static void
dt_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DtConnection *self = DT_CONNECTION (object);

  if (_dt_call_status_get_property (&self->status, status_pspecs, pspec, value))
    return;
  switch (prop_id)
    {
    case PROP_ENTRY: g_value_set_object (value, dt_call_get_entry (self->host.call)); break;
    case PROP_STATE: g_value_set_enum (value, self->status.state); break;
    case PROP_DEVICE: g_value_set_string (value, self->status.device); break;
    case PROP_PAUSE_MESSAGE: g_value_set_string (value, self->pause_message); break;
    case PROP_NETWORK_MODE: g_value_set_enum (value, self->network_mode); break;
    case PROP_STATE_DETAIL: g_value_set_string (value, self->state_detail); break;
    case PROP_STATE_MESSAGE: g_value_set_string (value, self->state_message); break;
    case PROP_CALLBACK_OPTIONAL: g_value_set_boolean (value, self->callback_optional); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DtConnection *self = DT_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MODE:
      dt_connection_set_network_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, RO);
}

void
_dt_connection_class_init_status (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  object_class->get_property = dt_connection_get_property;
  object_class->set_property = dt_connection_set_property;

  properties[PROP_ENTRY] = g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY, RO);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, DT_TYPE_CONN_STATE,
                                              DT_CONN_STATE_DISCONNECTED, RO);
  properties[PROP_DEVICE] = string_property ("device");
  properties[PROP_PAUSE_MESSAGE] = string_property ("pause-message");
  properties[PROP_NETWORK_MODE] =
    g_param_spec_enum ("network-mode", NULL, NULL, DT_TYPE_NETWORK_MODE, DT_NETWORK_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE_DETAIL] = string_property ("state-detail");
  properties[PROP_STATE_MESSAGE] = string_property ("state-message");
  properties[PROP_CALLBACK_OPTIONAL] = g_param_spec_boolean ("callback-optional", NULL, NULL,
                                                             FALSE, RO);
  _dt_call_status_init_props (status_props, G_N_ELEMENTS (status_props), properties,
                              status_pspecs);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtConnection::state-changed:
   * @state: the new DtConnState
   * @detail: (nullable): the number dialed, the speed, the server's message…
   * @sub_entry: the sub-entry (1 and on) of a multilink entry whose progress this is, or 0
   *   for the connection as a whole (and for every state of an entry with one device)
   *
   * Emitted for every transition, in order: the RAS notification handler (RasDialFunc2's
   * dwSubEntry is @sub_entry).
   */
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_LOG] =
    g_signal_new ("log", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);
  signals[SIGNAL_TERMINAL_OUTPUT] =
    g_signal_new ("terminal-output", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  1, G_TYPE_BYTES);
}

void
_dt_connection_finalize_status (DtConnection *self)
{
  dt_conn_status_clear (&self->status);
  g_free (self->pause_message);
  g_free (self->state_detail);
  g_free (self->state_message);
  g_ptr_array_unref (self->log);
}

/* The public getters and setters ----------------------------------------------------------- */

void
dt_connection_set_network_mode (DtConnection  *self,
                                DtNetworkMode  mode)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  if (self->network_mode == mode)
    return;
  self->network_mode = mode;
  notify (self, PROP_NETWORK_MODE);
}

DtConnState
dt_connection_get_state (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), DT_CONN_STATE_DISCONNECTED);
  return self->status.state;
}

const char *
dt_connection_get_state_detail (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return self->state_detail;
}

gboolean
dt_connection_is_connected (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  return self->status.connected_since != NULL &&
         self->status.state != DT_CONN_STATE_DISCONNECTED;
}

DtEntry *
dt_connection_get_entry (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return dt_call_get_entry (self->host.call);
}

guint
dt_connection_get_error_code (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), 0);
  return self->status.error_code;
}

const char *
dt_connection_get_error_message (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return self->status.error_message;
}

const char *
dt_connection_get_pause_message (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return self->pause_message;
}

gboolean
dt_connection_get_callback_optional (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  return self->callback_optional;
}

const char *
dt_connection_get_state_message (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return self->state_message;
}

DtConnStatus *
dt_connection_get_status (DtConnection *self)
{
  DtCallCounters current;

  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);

  /* The counters as they are now: traffic does not keep them current by itself. */
  if (dt_call_get_counters (self->host.call, &current))
    _dt_connection_set_counters (self, &current);
  return dt_conn_status_copy (&self->status);
}

void
dt_connection_hold_counters (DtConnection *self)
{
  DtCallCounters current;

  g_return_if_fail (DT_IS_CONNECTION (self));

  if (self->counter_holds++ == 0)
    dt_call_set_counters_watched (self->host.call, TRUE);
  if (dt_call_get_counters (self->host.call, &current))
    _dt_connection_set_counters (self, &current);
}

void
dt_connection_release_counters (DtConnection *self)
{
  g_return_if_fail (DT_IS_CONNECTION (self));
  g_return_if_fail (self->counter_holds > 0);

  if (--self->counter_holds == 0)
    dt_call_set_counters_watched (self->host.call, FALSE);
}

char **
dt_connection_dup_log (DtConnection *self)
{
  char **lines;

  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);

  lines = g_new0 (char *, self->log->len + 1);
  for (guint i = 0; i < self->log->len; i++)
    lines[i] = g_strdup (g_ptr_array_index (self->log, i));
  return lines;
}
