/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnection as a GObject: its properties, signals, the connection log and the public
 * entry points.  The dial sequence itself (modem, PPP, link) is in dt-connection-dial.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-connection-private.h"

G_DEFINE_FINAL_TYPE (DtConnection, dt_connection, G_TYPE_OBJECT)

GParamSpec *dt_connection_properties[N_PROPS];
#define properties dt_connection_properties

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

static void
dt_connection_dispose (GObject *object)
{
  DtConnection *self = DT_CONNECTION (object);

  dt_connection_dispose_dial (self);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (dt_connection_parent_class)->dispose (object);
}

static void
dt_connection_finalize (GObject *object)
{
  DtConnection *self = DT_CONNECTION (object);
  DtConnStatus *s = &self->status;

  g_clear_pointer (&self->credentials, dt_credentials_free);
  g_free (s->error_message);
  g_free (s->device);
  g_free (s->interface);
  g_free (s->network_message);
  g_free (s->connect_string);
  g_free (s->local_address);
  g_free (s->remote_address);
  g_strfreev (s->dns_servers);
  g_free (s->auth_protocol);
  g_clear_pointer (&s->connected_since, g_date_time_unref);
  g_free (self->pause_message);
  g_free (self->pending_message);
  g_free (self->state_detail);
  g_free (self->state_message);
  g_ptr_array_unref (self->log);

  G_OBJECT_CLASS (dt_connection_parent_class)->finalize (object);
}

static void
dt_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DtConnection *self = DT_CONNECTION (object);
  DtConnStatus *s = &self->status;

  switch (prop_id)
    {
    case PROP_ENTRY: g_value_set_object (value, self->entry); break;
    case PROP_STATE: g_value_set_uint (value, s->state); break;
    case PROP_ERROR_CODE: g_value_set_uint (value, s->error_code); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, s->error_message); break;
    case PROP_DEVICE: g_value_set_string (value, s->device); break;
    case PROP_INTERFACE: g_value_set_string (value, s->interface); break;
    case PROP_NETWORK_MESSAGE: g_value_set_string (value, s->network_message); break;
    case PROP_LINK_SPEED: g_value_set_uint (value, s->link_speed); break;
    case PROP_CONNECT_STRING: g_value_set_string (value, s->connect_string); break;
    case PROP_LOCAL_ADDRESS: g_value_set_string (value, s->local_address); break;
    case PROP_REMOTE_ADDRESS: g_value_set_string (value, s->remote_address); break;
    case PROP_DNS_SERVERS: g_value_set_boxed (value, s->dns_servers); break;
    case PROP_AUTH_PROTOCOL: g_value_set_string (value, s->auth_protocol); break;
    case PROP_BYTES_IN: g_value_set_uint64 (value, s->bytes_in); break;
    case PROP_BYTES_OUT: g_value_set_uint64 (value, s->bytes_out); break;
    case PROP_FRAMES_IN: g_value_set_uint64 (value, s->frames_in); break;
    case PROP_FRAMES_OUT: g_value_set_uint64 (value, s->frames_out); break;
    case PROP_FCS_ERRORS: g_value_set_uint64 (value, s->fcs_errors); break;
    case PROP_IP_BYTES_IN: g_value_set_uint64 (value, s->ip_bytes_in); break;
    case PROP_IP_BYTES_OUT: g_value_set_uint64 (value, s->ip_bytes_out); break;
    case PROP_IP_PACKETS_IN: g_value_set_uint64 (value, s->ip_packets_in); break;
    case PROP_IP_PACKETS_OUT: g_value_set_uint64 (value, s->ip_packets_out); break;
    case PROP_IP_DROPPED_IN: g_value_set_uint64 (value, s->ip_dropped_in); break;
    case PROP_IP_DROPPED_OUT: g_value_set_uint64 (value, s->ip_dropped_out); break;
    case PROP_IP_ERRORS: g_value_set_uint64 (value, s->ip_errors); break;
    case PROP_CONNECTED_SINCE: g_value_set_boxed (value, s->connected_since); break;
    case PROP_PAUSE_MESSAGE: g_value_set_string (value, self->pause_message); break;
    case PROP_NETWORK_MODE: g_value_set_int (value, self->network_mode); break;
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
      dt_connection_set_network_mode (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
dt_connection_class_init (DtConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_connection_dispose;
  object_class->finalize = dt_connection_finalize;
  object_class->get_property = dt_connection_get_property;
  object_class->set_property = dt_connection_set_property;

  properties[PROP_ENTRY] = g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY, RO);
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, G_MAXUINT,
                                              DT_CONN_STATE_DISCONNECTED, RO);
  properties[PROP_ERROR_CODE] = g_param_spec_uint ("error-code", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, RO);
  properties[PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, NULL, RO);
  properties[PROP_INTERFACE] = g_param_spec_string ("interface", NULL, NULL, NULL, RO);
  properties[PROP_NETWORK_MESSAGE] = g_param_spec_string ("network-message", NULL, NULL, NULL, RO);
  properties[PROP_LINK_SPEED] = g_param_spec_uint ("link-speed", NULL, NULL, 0, G_MAXUINT, 0, RO);
  properties[PROP_CONNECT_STRING] = g_param_spec_string ("connect-string", NULL, NULL, NULL, RO);
  properties[PROP_LOCAL_ADDRESS] = g_param_spec_string ("local-address", NULL, NULL, NULL, RO);
  properties[PROP_REMOTE_ADDRESS] = g_param_spec_string ("remote-address", NULL, NULL, NULL, RO);
  properties[PROP_DNS_SERVERS] = g_param_spec_boxed ("dns-servers", NULL, NULL, G_TYPE_STRV, RO);
  properties[PROP_AUTH_PROTOCOL] = g_param_spec_string ("auth-protocol", NULL, NULL, NULL, RO);
  properties[PROP_BYTES_IN] = g_param_spec_uint64 ("bytes-in", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_BYTES_OUT] = g_param_spec_uint64 ("bytes-out", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_FRAMES_IN] = g_param_spec_uint64 ("frames-in", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_FRAMES_OUT] = g_param_spec_uint64 ("frames-out", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_FCS_ERRORS] = g_param_spec_uint64 ("fcs-errors", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_BYTES_IN] = g_param_spec_uint64 ("ip-bytes-in", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_BYTES_OUT] = g_param_spec_uint64 ("ip-bytes-out", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_PACKETS_IN] = g_param_spec_uint64 ("ip-packets-in", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_PACKETS_OUT] = g_param_spec_uint64 ("ip-packets-out", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_DROPPED_IN] = g_param_spec_uint64 ("ip-dropped-in", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_DROPPED_OUT] = g_param_spec_uint64 ("ip-dropped-out", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_IP_ERRORS] = g_param_spec_uint64 ("ip-errors", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_CONNECTED_SINCE] = g_param_spec_boxed ("connected-since", NULL, NULL,
                                                         G_TYPE_DATE_TIME, RO);
  properties[PROP_PAUSE_MESSAGE] = g_param_spec_string ("pause-message", NULL, NULL, NULL, RO);
  properties[PROP_NETWORK_MODE] =
    g_param_spec_int ("network-mode", NULL, NULL, DT_NETWORK_AUTO, DT_NETWORK_NONE, DT_NETWORK_AUTO,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE_DETAIL] = g_param_spec_string ("state-detail", NULL, NULL, NULL, RO);
  properties[PROP_STATE_MESSAGE] = g_param_spec_string ("state-message", NULL, NULL, NULL, RO);
  properties[PROP_CALLBACK_OPTIONAL] = g_param_spec_boolean ("callback-optional", NULL, NULL,
                                                             FALSE, RO);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtConnection::state-changed:
   * @state: the new DtConnState
   * @detail: (nullable): the number dialed, the speed, the server's message…
   *
   * Emitted for every transition, in order: the RAS notification handler.
   */
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_LOG] =
    g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_TERMINAL_OUTPUT] =
    g_signal_new ("terminal-output", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
dt_connection_init (DtConnection *self)
{
  self->status.state = DT_CONN_STATE_DISCONNECTED;
  self->log = g_ptr_array_new_with_free_func (g_free);
}

DtConnection *
dt_connection_new (void)
{
  return g_object_new (DT_TYPE_CONNECTION, NULL);
}

void
dt_connection_set_network_mode (DtConnection  *self,
                                DtNetworkMode  mode)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  if (self->network_mode == mode)
    return;
  self->network_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_MODE]);
}

void
dt_connection_set_trace (DtConnection *self,
                         gboolean      trace)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  self->trace = !!trace;
}

/* Internal setters: each notifies only when the value changes. */
void
dt_connection_set_string (DtConnection  *self,
                          char         **field,
                          const char    *value,
                          guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
dt_connection_set_uint64 (DtConnection *self,
                          guint64      *field,
                          guint64       value,
                          guint         prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
dt_connection_set_error (DtConnection *self,
                         guint         code,
                         const char   *message)
{
  if (self->status.error_code != code)
    {
      self->status.error_code = code;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_CODE]);
    }
  dt_connection_set_string (self, &self->status.error_message, message, PROP_ERROR_MESSAGE);
}

void
dt_connection_set_callback_optional (DtConnection *self,
                                     gboolean      optional)
{
  optional = !!optional;
  if (self->callback_optional == optional)
    return;
  self->callback_optional = optional;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK_OPTIONAL]);
}

void
dt_connection_log (DtConnection *self,
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
dt_connection_set_state (DtConnection *self,
                         DtConnState   state,
                         const char   *detail)
{
  g_autofree char *message = dt_conn_state_describe (state, detail);

  dt_connection_log (self, "state %u %s%s%s", (guint) state, dt_conn_state_get_name (state),
                     detail ? ": " : "", detail ? detail : "");
  self->status.state = state;
  if (!dt_conn_state_is_paused (state))
    dt_connection_set_string (self, &self->pause_message, NULL, PROP_PAUSE_MESSAGE);
  if (state != DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    dt_connection_set_callback_optional (self, FALSE);
  dt_connection_set_string (self, &self->state_detail, detail, PROP_STATE_DETAIL);
  dt_connection_set_string (self, &self->state_message, message, PROP_STATE_MESSAGE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (guint) state, detail);
}

void
dt_connection_emit_terminal_output (DtConnection *self,
                                    GBytes       *bytes)
{
  g_signal_emit (self, signals[SIGNAL_TERMINAL_OUTPUT], 0, bytes);
}

void
dt_connection_dial_async (DtConnection        *self,
                          DtEntry             *entry,
                          const DtCredentials *credentials,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (DT_IS_CONNECTION (self));
  g_return_if_fail (DT_IS_ENTRY (entry));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_connection_dial_async);

  if (self->dial_task != NULL || !dt_conn_state_is_terminal (self->status.state) ||
      self->status.state == DT_CONN_STATE_CONNECTED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("This connection is already dialing or connected"));
      return;
    }

  g_set_object (&self->entry, entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = credentials ? dt_credentials_copy (credentials)
                                  : dt_credentials_new (dt_entry_get_user (entry), NULL,
                                                        dt_entry_get_domain (entry));
  self->dial_task = g_steal_pointer (&task);
  self->start_us = g_get_monotonic_time ();
  g_ptr_array_set_size (self->log, 0);

  dt_connection_start_dial (self);
}

gboolean
dt_connection_dial_finish (DtConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dt_connection_hang_up (DtConnection *self)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  if (self->status.state == DT_CONN_STATE_DISCONNECTED || self->user_hung_up)
    return;
  self->user_hung_up = TRUE;

  /* A teardown runs already: a failure's, or the one before a dial again (AuthRetry, a
   * server that ended the session on a retry).  It goes on to its end, but the user's
   * hang-up wins: nothing is dialed after it, and Disconnected says the user hung up. */
  if (self->hanging_up)
    {
      dt_connection_log (self, "hung up by the user during the teardown: no dial after it");
      self->redial_after_teardown = FALSE;
      if (self->pending_error != DT_RAS_ERROR_USER_DISCONNECTION)
        {
          self->pending_error = DT_RAS_ERROR_USER_DISCONNECTION;
          g_clear_pointer (&self->pending_message, g_free);
        }
      return;
    }

  /* Hanging up where the server stopped the dial for the user's answer ends with the
   * reason the server gave, as RasHangUp does after a RetryAuthentication pause. */
  switch ((guint) self->status.state)
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      dt_connection_teardown (self, DT_RAS_ERROR_AUTHENTICATION_FAILURE, NULL);
      break;
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      dt_connection_teardown (self, DT_RAS_ERROR_PASSWD_EXPIRED, NULL);
      break;
    default:
      dt_connection_teardown (self, DT_RAS_ERROR_USER_DISCONNECTION, NULL);
      break;
    }
}

static gboolean
check_paused_in (DtConnection  *self,
                 DtConnState    state,
                 GError       **error)
{
  /* A hang-up already ends the pause: an answer that comes after it changes nothing. */
  if (self->hanging_up && self->status.state == state)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The connection is being hung up"));
      return FALSE;
    }
  if (self->status.state == state)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The connection is not waiting for that: it is in state %s"),
               dt_conn_state_get_name (self->status.state));
  return FALSE;
}

gboolean
dt_connection_retry_authentication (DtConnection  *self,
                                    const char    *user,
                                    const char    *password,
                                    const char    *domain,
                                    GError       **error)
{
  DtCredentials *credentials;

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  if (!check_paused_in (self, DT_CONN_STATE_RETRY_AUTHENTICATION, error))
    return FALSE;

  credentials = dt_credentials_new (user ? user : self->credentials->user, password,
                                    domain ? domain : self->credentials->domain);
  dt_credentials_free (self->credentials);
  self->credentials = credentials;
  return dt_connection_resume_auth (self, error);
}

gboolean
dt_connection_change_password (DtConnection  *self,
                               const char    *old_password,
                               const char    *new_password,
                               GError       **error)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (old_password != NULL && new_password != NULL, FALSE);

  if (!check_paused_in (self, DT_CONN_STATE_PASSWORD_EXPIRED, error))
    return FALSE;
  return dt_connection_resume_change_password (self, old_password, new_password, error);
}

gboolean
dt_connection_set_callback_number (DtConnection  *self,
                                   const char    *number,
                                   GError       **error)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  return check_paused_in (self, DT_CONN_STATE_CALLBACK_SET_BY_CALLER, error) &&
         dt_connection_resume_callback (self, number, error);
}

/* The front end cannot answer the pause (no terminal, a script): the dial ends with the code
 * the pause stands for, as RasDial's caller that cannot show a dialog does. */
gboolean
dt_connection_decline_pause (DtConnection  *self,
                             GError       **error)
{
  DtConnState state;

  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  state = self->status.state;
  if (!dt_conn_state_is_paused (state))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The connection is not waiting for an answer: it is in state %s"),
                   dt_conn_state_get_name (state));
      return FALSE;
    }

  dt_connection_log (self, "the application cannot answer %s", dt_conn_state_get_name (state));
  switch ((guint) state)
    {
    case DT_CONN_STATE_RETRY_AUTHENTICATION:
      dt_connection_teardown (self, DT_RAS_ERROR_AUTHENTICATION_FAILURE, NULL);
      break;
    case DT_CONN_STATE_PASSWORD_EXPIRED:
      dt_connection_teardown (self, DT_RAS_ERROR_PASSWD_EXPIRED, NULL);
      break;
    case DT_CONN_STATE_CALLBACK_SET_BY_CALLER:
      dt_connection_teardown (self, DT_RAS_ERROR_INTERACTIVE_MODE,
                              _("The server asks for a number to call you back at: dial from "
                                "a terminal or from Dialtone’s window, or give this entry a "
                                "fixed callback number"));
      break;
    case DT_CONN_STATE_INTERACTIVE:
      dt_connection_teardown (self, DT_RAS_ERROR_INTERACTIVE_MODE,
                              _("The server expects a login typed at a terminal: dial from "
                                "Dialtone’s window, or give this entry a login script"));
      break;
    default:
      dt_connection_teardown (self, DT_RAS_ERROR_INTERACTIVE_MODE, NULL);
      break;
    }
  return TRUE;
}

gboolean
dt_connection_continue_interactive (DtConnection  *self,
                                    GError       **error)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), FALSE);

  return check_paused_in (self, DT_CONN_STATE_INTERACTIVE, error) &&
         dt_connection_resume_interactive (self, error);
}

void
dt_connection_send_terminal_input (DtConnection *self,
                                   const char   *text,
                                   gssize        length)
{
  g_return_if_fail (DT_IS_CONNECTION (self));
  g_return_if_fail (text != NULL);

  if (self->status.state != DT_CONN_STATE_INTERACTIVE || self->modem == NULL)
    return;
  dt_modem_write (self->modem, text, length < 0 ? strlen (text) : (gsize) length);
}

DtConnState
dt_connection_get_state (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), DT_CONN_STATE_DISCONNECTED);
  return self->status.state;
}

DtEntry *
dt_connection_get_entry (DtConnection *self)
{
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return self->entry;
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
  g_return_val_if_fail (DT_IS_CONNECTION (self), NULL);
  return dt_conn_status_copy (&self->status);
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
