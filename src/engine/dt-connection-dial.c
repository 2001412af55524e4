/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dial sequence of a DtConnection: open and lock the port, run the AT dialog (trying the
 * alternate numbers when the entry says so), run PPP over the line, and bring up the network
 * link.  Each step reports its RASCONNSTATE; a failure hands over to the teardown
 * (dt-connection-teardown.c), which ends in Disconnected with its RAS code. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-connection-private.h"

static void arm_stats (DtConnection *self);

/* Moves to @state and tells the caller whether to go on: a state-changed handler may have
 * hung up (or the dial may be ending) by the time the emission returns. */
gboolean
dt_connection_advance (DtConnection *self,
                       DtConnState   state,
                       const char   *detail)
{
  dt_connection_set_state (self, state, detail);
  return !self->hanging_up && self->status.state == state;
}

static guint
n_numbers (DtConnection *self)
{
  const char * const *alternates = dt_entry_get_alternates (self->entry);

  return 1 + (alternates ? g_strv_length ((char **) alternates) : 0);
}

static const char *
current_number (DtConnection *self)
{
  if (self->number_index == 0)
    return dt_entry_get_number (self->entry);
  return dt_entry_get_alternates (self->entry)[self->number_index - 1];
}

static guint
error_code_of (const GError *error,
               guint         fallback)
{
  if (error->domain == DT_RAS_ERROR)
    return error->code;
  return fallback;
}

/* Teardown entry point for failures seen in callbacks. */
static void
fail_with_error (DtConnection *self,
                 const GError *error,
                 guint         fallback)
{
  dt_connection_teardown (self, error_code_of (error, fallback), error->message);
}

static void
clear_status (DtConnection *self)
{
  DtConnStatus *s = &self->status;

  dt_connection_set_error (self, 0, NULL);
  dt_connection_set_string (self, &s->interface, NULL, PROP_INTERFACE);
  dt_connection_set_string (self, &s->network_message, NULL, PROP_NETWORK_MESSAGE);
  dt_connection_set_string (self, &s->connect_string, NULL, PROP_CONNECT_STRING);
  dt_connection_set_string (self, &s->local_address, NULL, PROP_LOCAL_ADDRESS);
  dt_connection_set_string (self, &s->remote_address, NULL, PROP_REMOTE_ADDRESS);
  dt_connection_set_string (self, &s->auth_protocol, NULL, PROP_AUTH_PROTOCOL);
  if (s->dns_servers != NULL)
    {
      g_clear_pointer (&s->dns_servers, g_strfreev);
      g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_DNS_SERVERS]);
    }
  if (s->link_speed != 0)
    {
      s->link_speed = 0;
      g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_LINK_SPEED]);
    }
  if (s->connected_since != NULL)
    {
      g_clear_pointer (&s->connected_since, g_date_time_unref);
      g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_CONNECTED_SINCE]);
    }
  dt_connection_set_uint64 (self, &s->bytes_in, 0, PROP_BYTES_IN);
  dt_connection_set_uint64 (self, &s->bytes_out, 0, PROP_BYTES_OUT);
  dt_connection_set_uint64 (self, &s->frames_in, 0, PROP_FRAMES_IN);
  dt_connection_set_uint64 (self, &s->frames_out, 0, PROP_FRAMES_OUT);
  dt_connection_set_uint64 (self, &s->fcs_errors, 0, PROP_FCS_ERRORS);
  dt_connection_set_uint64 (self, &s->ip_bytes_in, 0, PROP_IP_BYTES_IN);
  dt_connection_set_uint64 (self, &s->ip_bytes_out, 0, PROP_IP_BYTES_OUT);
  dt_connection_set_uint64 (self, &s->ip_packets_in, 0, PROP_IP_PACKETS_IN);
  dt_connection_set_uint64 (self, &s->ip_packets_out, 0, PROP_IP_PACKETS_OUT);
  dt_connection_set_uint64 (self, &s->ip_dropped_in, 0, PROP_IP_DROPPED_IN);
  dt_connection_set_uint64 (self, &s->ip_dropped_out, 0, PROP_IP_DROPPED_OUT);
  dt_connection_set_uint64 (self, &s->ip_errors, 0, PROP_IP_ERRORS);
}

/* Modem ------------------------------------------------------------------------------- */

static void
on_modem_trace (DtModem      *modem,
                gboolean      sent,
                const char   *line,
                DtConnection *self)
{
  dt_connection_log (self, "modem %s %s", sent ? "<-" : "->", line);
}

static void on_modem_dialed (GObject *object, GAsyncResult *result, gpointer user_data);

static void
dial_current_number (DtConnection *self)
{
  DtDeviceType type = dt_entry_get_device_type (self->entry);

  if (!dt_connection_advance (self, DT_CONN_STATE_CONNECT_DEVICE,
                type == DT_DEVICE_TYPE_MODEM ? current_number (self) : NULL))
    return;
  dt_modem_dial_async (self->modem, current_number (self), self->cancellable, on_modem_dialed,
                       g_object_ref (self));
}

static gboolean
worth_next_number (guint code)
{
  /* The number was the problem, not the modem or the account. */
  return code == DT_RAS_ERROR_LINE_BUSY || code == DT_RAS_ERROR_NO_ANSWER ||
         code == DT_RAS_ERROR_NO_CARRIER || code == DT_RAS_ERROR_NO_DIALTONE ||
         code == DT_RAS_ERROR_VOICE_ANSWER;
}


static void
on_modem_dialed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *speed = NULL;
  DtConnStatus *s = &self->status;

  if (!dt_modem_dial_finish (DT_MODEM (object), result, &error))
    {
      guint code;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      code = error_code_of (error, DT_RAS_ERROR_DEVICE_ERROR);
      if (dt_entry_get_try_alternates (self->entry) && worth_next_number (code) &&
          self->number_index + 1 < n_numbers (self))
        {
          dt_connection_log (self, "%s: %s; trying the next number", current_number (self),
                             error->message);
          self->number_index++;
          dial_current_number (self);
          return;
        }
      fail_with_error (self, error, DT_RAS_ERROR_DEVICE_ERROR);
      return;
    }

  s->link_speed = dt_modem_get_speed (self->modem);
  g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_LINK_SPEED]);
  dt_connection_set_string (self, &s->connect_string, dt_modem_get_connect_line (self->modem),
                            PROP_CONNECT_STRING);
  speed = g_strdup_printf ("%u", s->link_speed);
  if (dt_connection_advance (self, DT_CONN_STATE_DEVICE_CONNECTED, speed))
    dt_connection_after_connect (self);
}

static void
on_modem_opened (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_modem_open_finish (DT_MODEM (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_with_error (self, error, DT_RAS_ERROR_PORT_OR_DEVICE);
      return;
    }
  self->number_index = 0;
  if (dt_connection_advance (self, DT_CONN_STATE_PORT_OPENED, dt_entry_get_device (self->entry)))
    dial_current_number (self);
}

static void
on_modem_carrier_lost (DtModem      *modem,
                       DtConnection *self)
{
  dt_connection_log (self, "modem: carrier lost");
  self->line_dead = TRUE;
  if (self->ppp != NULL)
    dt_ppp_lower_down (self->ppp);
  if (dt_connection_callback_expects_drop (self))
    return;
  /* The line is gone, connected or not: 619 (628 is for the network device going away). */
  if (!self->hanging_up && !dt_conn_state_is_paused (self->status.state))
    dt_connection_teardown (self, DT_RAS_ERROR_PORT_DISCONNECTED,
                            _("The modem lost the carrier"));
}

static DtModem *
create_modem (DtConnection *self)
{
  DtEntry *e = self->entry;
  DtModemConfig config = {
    .device = dt_entry_get_device (e),
    .device_type = dt_entry_get_device_type (e),
    .speed = dt_entry_get_speed (e),
    .flow_control = dt_entry_get_flow_control (e),
    .init_strings = dt_entry_get_init_strings (e),
    .extra_commands = dt_entry_get_extra_commands (e),
    .speaker = dt_entry_get_speaker (e),
    .dial_mode = dt_entry_get_dial_mode (e),
    .dial_prefix = dt_entry_get_dial_prefix (e),
    .dial_timeout = dt_entry_get_dial_timeout (e) * 1000,
  };
  DtModem *modem = dt_modem_new (&config);

  g_signal_connect_object (modem, "trace", G_CALLBACK (on_modem_trace), self, 0);
  g_signal_connect_object (modem, "carrier-lost", G_CALLBACK (on_modem_carrier_lost), self, 0);
  return modem;
}

static void
on_caller_cancelled_idle_done (gpointer data)
{
  g_object_unref (data);
}

static gboolean
on_caller_cancelled_idle (gpointer data)
{
  dt_connection_hang_up (DT_CONNECTION (data));
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     DtConnection *self)
{
  /* Not from inside g_cancellable_cancel(): the hang-up touches the modem and PPP. */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_caller_cancelled_idle, g_object_ref (self),
                   on_caller_cancelled_idle_done);
}

void
dt_connection_start_dial (DtConnection *self)
{
  GCancellable *caller = g_task_get_cancellable (self->dial_task);

  clear_status (self);
  self->hanging_up = FALSE;
  self->user_hung_up = FALSE;
  self->redial_after_teardown = FALSE;
  self->pap_insisted = FALSE;
  self->line_dead = FALSE;
  self->pending_error = 0;
  g_clear_pointer (&self->pending_message, g_free);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dt_connection_set_string (self, &self->status.device, dt_entry_get_device (self->entry),
                            PROP_DEVICE);

  if (caller != NULL)
    {
      self->caller_cancellable = g_object_ref (caller);
      self->caller_cancel_id = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled),
                                                      self, NULL);
    }

  dt_connection_log (self, "dialing entry “%s” on %s", dt_entry_get_name (self->entry),
                     dt_entry_get_device (self->entry));
  if (!dt_connection_advance (self, DT_CONN_STATE_OPEN_PORT, dt_entry_get_device (self->entry)))
    return;
  self->modem = create_modem (self);
  dt_modem_open_async (self->modem, self->cancellable, on_modem_opened, g_object_ref (self));
}

/* PPP ---------------------------------------------------------------------------------- */

static void
on_ppp_output (const guint8 *bytes,
               gsize         length,
               gpointer      user_data)
{
  DtConnection *self = user_data;

  if (self->modem != NULL && !self->line_dead)
    dt_modem_write (self->modem, bytes, length);
  arm_stats (self);
}

static void
on_modem_data_received (DtModem      *modem,
                        GBytes       *bytes,
                        DtConnection *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (self->data_sink != DT_DATA_SINK_PPP)
    dt_connection_login_input (self, bytes);
  else if (self->ppp != NULL)
    dt_ppp_input (self->ppp, data, length);
  arm_stats (self);
}

/* The modem's bytes start to flow, to PPP or to what comes before it. */
void
dt_connection_start_line_data (DtConnection *self)
{
  if (self->data_handler == 0)
    self->data_handler = g_signal_connect_object (self->modem, "data-received",
                                                  G_CALLBACK (on_modem_data_received), self, 0);
  dt_modem_start_data (self->modem);
}

static void
on_ppp_trace (DtPpp        *ppp,
              const char   *line,
              DtConnection *self)
{
  if (self->trace)
    dt_connection_log (self, "%s", line);
}

static void
on_ppp_authenticating (DtPpp        *ppp,
                       const char   *protocol,
                       DtConnection *self)
{
  dt_connection_set_string (self, &self->status.auth_protocol, protocol, PROP_AUTH_PROTOCOL);
  dt_connection_set_state (self, self->reauthenticating ? DT_CONN_STATE_RE_AUTHENTICATE
                                                         : DT_CONN_STATE_AUTHENTICATE, protocol);
}

static void
pause_in (DtConnection *self,
          DtConnState   state,
          const char   *message)
{
  dt_connection_set_string (self, &self->pause_message, message, PROP_PAUSE_MESSAGE);
  dt_connection_set_state (self, state, message);
  /* set_state clears the pause message for running states only */
}

static void
on_ppp_auth_result (DtPpp        *ppp,
                    gboolean      success,
                    guint         code,
                    const char   *message,
                    gboolean      retry_allowed,
                    DtConnection *self)
{
  if (!dt_connection_advance (self, DT_CONN_STATE_AUTH_NOTIFY, message))
    return;
  if (success)
    {
      if (!dt_connection_callback_pending (self))
        dt_connection_advance (self, DT_CONN_STATE_AUTHENTICATED, NULL);
      return;
    }

  self->auth_retry_in_session = retry_allowed;
  switch (code)
    {
    case DT_RAS_ERROR_AUTHENTICATION_FAILURE:
      pause_in (self, DT_CONN_STATE_RETRY_AUTHENTICATION, message);
      break;
    case DT_RAS_ERROR_PASSWD_EXPIRED:
      pause_in (self, DT_CONN_STATE_PASSWORD_EXPIRED, message);
      break;
    default:
      dt_connection_teardown (self, code, message);
      break;
    }
}

static void dt_connection_start_link (DtConnection *self);

static void
on_ppp_network_up (DtPpp        *ppp,
                   const char   *local,
                   const char   *remote,
                   const char   *dns1,
                   const char   *dns2,
                   DtConnection *self)
{
  DtConnStatus *s = &self->status;
  g_auto (GStrv) dns = NULL;

  /* IPCP opened again (the server asked again, say because our Ack was lost on a noisy
   * line): the network device stays as it is when nothing changed.  A second device would
   * leave the first, with its routes, to nobody. */
  if (s->state == DT_CONN_STATE_APPLY_SETTINGS || s->state == DT_CONN_STATE_CONNECTED)
    {
      if (g_strcmp0 (local, s->local_address) == 0 && g_strcmp0 (remote, s->remote_address) == 0)
        {
          dt_connection_log (self, "IPCP renegotiated with the same addresses");
          return;
        }
      dt_connection_teardown (self, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED,
                              _("The server changed the addresses of the connection"));
      return;
    }
  dt_connection_set_string (self, &s->local_address, local, PROP_LOCAL_ADDRESS);
  dt_connection_set_string (self, &s->remote_address, remote, PROP_REMOTE_ADDRESS);
  if (dt_entry_get_dns_mode (self->entry) == DT_DNS_MODE_MANUAL)
    {
      dns = g_strdupv ((char **) dt_entry_get_dns_servers (self->entry));
    }
  else
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      if (dns1 != NULL)
        g_strv_builder_add (builder, dns1);
      if (dns2 != NULL)
        g_strv_builder_add (builder, dns2);
      dns = g_strv_builder_end (builder);
    }
  g_strfreev (s->dns_servers);
  s->dns_servers = g_steal_pointer (&dns);
  g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_DNS_SERVERS]);

  if (dt_connection_advance (self, DT_CONN_STATE_PROJECTED, s->local_address))
    dt_connection_start_link (self);
}

static void
on_ppp_ipv4_packet (DtPpp        *ppp,
                    GBytes       *packet,
                    DtConnection *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (packet, &length);

  if (self->link != NULL)
    dt_link_send (self->link, data, length);
  dt_connection_idle_traffic (self);
}

static void
on_ppp_finished (DtPpp        *ppp,
                 guint         code,
                 const char   *reason,
                 DtConnection *self)
{
  dt_connection_log (self, "ppp finished: %u %s", code, reason ? reason : "");
  self->ppp_finished = TRUE;
  /* PPP ended at once, without a Terminate-Ack; the modem's hang-up is bounded too, so that
   * Disconnected comes right after the echo timeout. */
  if (dt_ppp_get_peer_gone (ppp) && self->modem != NULL)
    dt_modem_set_peer_gone (self->modem);
  if (self->hanging_up)
    {
      /* Only a hang-up that is waiting for the Terminate-Ack moves on from here. */
      if (self->ppp_close_timeout != 0)
        dt_connection_teardown_step (self);
      return;
    }
  if (dt_connection_callback_ppp_finished (self, code, reason))
    return;
  /* Asked for better than PAP, the server dropped authentication and hung up (pppd does): it
   * insists on PAP, which the entry allows.  The next call takes PAP at once. */
  if (dt_ppp_get_pap_insisted (ppp) && !self->pap_insisted &&
      (dt_entry_get_auth_methods (self->entry) & DT_AUTH_PAP) &&
      !dt_entry_get_require_encryption (self->entry))
    {
      dt_connection_log (self, "the server insists on PAP: dialing again to allow it");
      self->pap_insisted = TRUE;
      self->redial_after_teardown = TRUE;
      dt_connection_teardown (self, code, reason);
      return;
    }
  /* The server ends the session after a failed authentication; the pause outlives it, and
   * a retry dials again. */
  if (dt_conn_state_is_paused (self->status.state))
    return;
  /* A server may offer a retry (MS-CHAPv2's R=1, as pppd does) and then end the session all
   * the same: the retry goes on by dialing again with the new credentials. */
  if (self->status.state == DT_CONN_STATE_AUTH_RETRY)
    {
      self->redial_after_teardown = TRUE;
      dt_connection_teardown (self, code, reason);
      return;
    }
  dt_connection_teardown (self, code ? code : DT_RAS_ERROR_PPP_REMOTE_TERMINATED, reason);
}

static DtPpp *
create_ppp (DtConnection *self)
{
  DtEntry *e = self->entry;
  DtPppConfig config;
  DtPpp *ppp;

  dt_ppp_config_init (&config);
  config.auth_methods = dt_entry_get_auth_methods (e);
  config.require_encryption = dt_entry_get_require_encryption (e);
  config.accept_pap_at_once = self->pap_insisted;
  config.require_server_auth = dt_entry_get_require_server_auth (e);
  config.user = self->credentials->user;
  config.password = self->credentials->password;
  config.domain = self->credentials->domain;
  if (dt_entry_get_ip_mode (e) == DT_IP_MODE_STATIC)
    config.static_address = dt_entry_get_static_address (e);
  config.want_dns = dt_entry_get_dns_mode (e) == DT_DNS_MODE_SERVER;
  config.echo_interval_ms = dt_entry_get_lcp_echo_interval (e) * 1000;
  config.echo_failures = dt_entry_get_lcp_echo_failures (e);
  if (dt_entry_get_flow_control (e) == DT_FLOW_CONTROL_SOFTWARE)
    config.accm = 0x000a0000;   /* XON and XOFF must arrive escaped */
  dt_connection_callback_configure_ppp (self, &config);

  ppp = dt_ppp_new (&config);
  dt_ppp_set_output_func (ppp, on_ppp_output, self, NULL);
  g_signal_connect_object (ppp, "trace", G_CALLBACK (on_ppp_trace), self, 0);
  g_signal_connect_object (ppp, "authenticating", G_CALLBACK (on_ppp_authenticating), self, 0);
  g_signal_connect_object (ppp, "auth-result", G_CALLBACK (on_ppp_auth_result), self, 0);
  g_signal_connect_object (ppp, "network-up", G_CALLBACK (on_ppp_network_up), self, 0);
  g_signal_connect_object (ppp, "ipv4-packet", G_CALLBACK (on_ppp_ipv4_packet), self, 0);
  g_signal_connect_object (ppp, "finished", G_CALLBACK (on_ppp_finished), self, 0);
  dt_connection_callback_attach (self, ppp);
  return ppp;
}

void
dt_connection_start_ppp (DtConnection *self)
{
  /* A call back goes from CallbackComplete straight to ReAuthenticate. */
  if (self->status.state != DT_CONN_STATE_CALLBACK_COMPLETE &&
      !dt_connection_advance (self, DT_CONN_STATE_ALL_DEVICES_CONNECTED, NULL))
    return;
  self->ppp_finished = FALSE;
  g_clear_object (&self->ppp);
  self->ppp = create_ppp (self);
  dt_connection_start_line_data (self);
  dt_ppp_start (self->ppp);
}

/* Link and statistics ------------------------------------------------------------------ */

void
dt_connection_update_stats (DtConnection *self)
{
  DtConnStatus *s = &self->status;
  DtPppStats ppp_stats = { 0 };

  if (self->ppp == NULL)
    return;
  dt_ppp_get_stats (self->ppp, &ppp_stats);
  dt_connection_set_uint64 (self, &s->bytes_in, ppp_stats.bytes_in, PROP_BYTES_IN);
  dt_connection_set_uint64 (self, &s->bytes_out, ppp_stats.bytes_out, PROP_BYTES_OUT);
  dt_connection_set_uint64 (self, &s->frames_in, ppp_stats.frames_in, PROP_FRAMES_IN);
  dt_connection_set_uint64 (self, &s->frames_out, ppp_stats.frames_out, PROP_FRAMES_OUT);
  dt_connection_set_uint64 (self, &s->fcs_errors, ppp_stats.fcs_errors, PROP_FCS_ERRORS);
  if (self->link != NULL)
    {
      DtLinkStats link_stats = { 0 };

      dt_link_get_stats (self->link, &link_stats);
      dt_connection_set_uint64 (self, &s->ip_bytes_in, link_stats.bytes_in, PROP_IP_BYTES_IN);
      dt_connection_set_uint64 (self, &s->ip_bytes_out, link_stats.bytes_out, PROP_IP_BYTES_OUT);
      dt_connection_set_uint64 (self, &s->ip_packets_in, link_stats.packets_in,
                                PROP_IP_PACKETS_IN);
      dt_connection_set_uint64 (self, &s->ip_packets_out, link_stats.packets_out,
                                PROP_IP_PACKETS_OUT);
      dt_connection_set_uint64 (self, &s->ip_dropped_in, link_stats.dropped_in,
                                PROP_IP_DROPPED_IN);
      dt_connection_set_uint64 (self, &s->ip_dropped_out, link_stats.dropped_out,
                                PROP_IP_DROPPED_OUT);
      dt_connection_set_uint64 (self, &s->ip_errors, link_stats.errors, PROP_IP_ERRORS);
    }
}

static gboolean
on_stats_timeout (gpointer user_data)
{
  DtConnection *self = user_data;

  self->stats_source = 0;
  dt_connection_update_stats (self);
  return G_SOURCE_REMOVE;
}

/* Counters are published about once a second while traffic flows, and not at all while
 * the link is idle: a timer is armed by traffic and lapses on its own. */
static void
arm_stats (DtConnection *self)
{
  if (self->status.state != DT_CONN_STATE_CONNECTED)
    return;
  if (self->stats_source == 0)
    self->stats_source = g_timeout_add (1000, on_stats_timeout, self);
}

/* DtLink reports at most about once a second, and only after a change: what only it sees (a
 * packet dropped, a failed write) is published at once rather than a second later still. */
static void
on_link_stats_changed (DtLink       *link,
                       DtConnection *self)
{
  dt_connection_update_stats (self);
}

static void
on_link_packet (DtLink       *link,
                GBytes       *packet,
                DtConnection *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (packet, &length);

  if (self->ppp != NULL)
    dt_ppp_send_ipv4 (self->ppp, data, length);
  dt_connection_idle_traffic (self);
  arm_stats (self);
}

static void
on_link_lost (DtLink       *link,
              const GError *error,
              DtConnection *self)
{
  dt_connection_log (self, "network device lost: %s", error->message);
  if (!self->hanging_up)
    dt_connection_teardown (self, DT_RAS_ERROR_DISCONNECTION, error->message);
}

static void
connected (DtConnection *self)
{
  DtConnStatus *s = &self->status;
  g_autoptr (GTask) task = NULL;

  s->connected_since = g_date_time_new_now_local ();
  g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_CONNECTED_SINCE]);
  dt_connection_update_stats (self);
  task = g_steal_pointer (&self->dial_task);
  dt_connection_idle_start (self);
  dt_connection_set_state (self, DT_CONN_STATE_CONNECTED, s->local_address);
  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
on_link_up (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;
  DtConnStatus *s = &self->status;

  if (!dt_link_up_finish (DT_LINK (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      fail_with_error (self, error, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
      return;
    }
  dt_connection_set_string (self, &s->interface, dt_link_get_interface (self->link),
                            PROP_INTERFACE);
  dt_connection_set_string (self, &s->network_message, dt_link_get_message (self->link),
                            PROP_NETWORK_MESSAGE);
  connected (self);
}

/* The entry's routes for the link.  They go on the device whether or not it is also the
 * default gateway: with the default route they change nothing while the link is up, and a user
 * may want both.  A route the editor would refuse (a phonebook edited by hand) is left out and
 * logged, rather than failing a dial that has already connected. */
static GStrv
link_routes (DtConnection *self)
{
  const char * const *routes = dt_entry_get_routes (self->entry);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; routes[i] != NULL; i++)
    {
      g_autofree char *reason = NULL;

      if (dt_entry_route_is_valid (routes[i], &reason))
        {
          dt_connection_log (self, "route %s through the link", routes[i]);
          g_strv_builder_add (builder, routes[i]);
        }
      else
        dt_connection_log (self, "route %s left out: %s", routes[i], reason);
    }
  return g_strv_builder_end (builder);
}

static void
dt_connection_start_link (DtConnection *self)
{
  DtConnStatus *s = &self->status;
  g_auto (GStrv) routes = NULL;
  DtLinkConfig config = {
    .name = dt_entry_get_name (self->entry),
    .local_address = s->local_address,
    .peer_address = s->remote_address,
    .dns_servers = (const char * const *) s->dns_servers,
    .mtu = dt_ppp_get_mtu (self->ppp),
    .default_gateway = dt_entry_get_default_gateway (self->entry),
    .mode = DT_LINK_MODE_AUTO,
  };

  if (self->network_mode == DT_NETWORK_NONE)
    {
      dt_connection_set_string (self, &s->network_message,
                                _("No network device: the connection was made without one, as asked."),
                                PROP_NETWORK_MESSAGE);
      connected (self);
      return;
    }

  if (!dt_connection_advance (self, DT_CONN_STATE_APPLY_SETTINGS, NULL))
    return;
  routes = link_routes (self);
  config.routes = (const char * const *) routes;
  self->link = dt_link_new (&config);
  g_signal_connect_object (self->link, "packet", G_CALLBACK (on_link_packet), self, 0);
  g_signal_connect_object (self->link, "stats-changed", G_CALLBACK (on_link_stats_changed),
                           self, 0);
  g_signal_connect_object (self->link, "lost", G_CALLBACK (on_link_lost), self, 0);
  dt_link_up_async (self->link, self->cancellable, on_link_up, g_object_ref (self));
}

/* Dials again after a hang-up, with the same entry and the credentials now held. */
void
dt_connection_redial (DtConnection *self)
{
  dt_connection_log (self, "dialing again with the new credentials");
  self->line_dead = FALSE;
  self->pending_error = 0;
  g_clear_pointer (&self->pending_message, g_free);
  if (!dt_connection_advance (self, DT_CONN_STATE_OPEN_PORT, dt_entry_get_device (self->entry)))
    return;
  self->modem = create_modem (self);
  dt_modem_open_async (self->modem, self->cancellable, on_modem_opened, g_object_ref (self));
}
