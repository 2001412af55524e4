/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtCall: the call's layers and the plumbing between them (see dt-call.h).  The handlers
 * here move bytes and note facts (the line is dead, the session is over); every decision is
 * the host's, through the "event" signal. */

#include "config.h"

#include <stdlib.h>

#include <gudev/gudev.h>

#include "dt-call.h"

struct _DtCall
{
  GObject parent_instance;

  DtEntry *entry;
  DtCredentials *credentials;
  GCancellable *cancellable;
  gboolean trace;
  GBytes *endpoint;          /* a multilink sub-entry's call */

  DtMmInhibitor *mm_inhibitor;  /* ModemManager let go of the device, for the call */
  GUdevClient *udev;            /* the port's removal ends the call, as a read error does */
  DtModem *modem;
  DtPpp *ppp;
  DtLink *link;

  DtCallLine line;
  GByteArray *early_input;   /* dt_call_hold_early_input(), or NULL */
  gboolean line_dead;        /* carrier lost: nothing more can be sent */
  gboolean ppp_finished;
  gboolean pap_insisted;     /* an earlier call of this dial: the server takes only PAP */
  gint64 last_packet_us;
  gboolean counters_watched;
};

G_DEFINE_FINAL_TYPE (DtCall, dt_call, G_TYPE_OBJECT)

enum {
  SIGNAL_LOG,
  SIGNAL_LINE_INPUT,
  SIGNAL_TRAFFIC,
  SIGNAL_COUNTERS_CHANGED,
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
call_log (DtCall     *self,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
call_log (DtCall     *self,
          const char *format,
          ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_signal_emit (self, signals[SIGNAL_LOG], 0, line);
}

static void
dt_call_dispose (GObject *object)
{
  DtCall *self = DT_CALL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  dt_call_clear_layers (self);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (dt_call_parent_class)->dispose (object);
}

static void
dt_call_finalize (GObject *object)
{
  DtCall *self = DT_CALL (object);

  g_clear_pointer (&self->credentials, dt_credentials_free);
  g_clear_pointer (&self->endpoint, g_bytes_unref);

  G_OBJECT_CLASS (dt_call_parent_class)->finalize (object);
}

static void
dt_call_class_init (DtCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_call_dispose;
  object_class->finalize = dt_call_finalize;

  signals[SIGNAL_LOG] =
    g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_LINE_INPUT] =
    g_signal_new ("line-input", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[SIGNAL_TRAFFIC] =
    g_signal_new ("traffic", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_COUNTERS_CHANGED] =
    g_signal_new ("counters-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
dt_call_init (DtCall *self)
{
  self->cancellable = g_cancellable_new ();
}

DtCall *
dt_call_new (void)
{
  return g_object_new (DT_TYPE_CALL, NULL);
}

void
dt_call_begin (DtCall        *self,
               DtEntry       *entry,
               DtCredentials *credentials)
{
  g_return_if_fail (DT_IS_CALL (self));

  dt_call_clear_layers (self);
  g_set_object (&self->entry, entry);
  dt_call_set_credentials (self, credentials);
  /* Nothing of the last dial waits on the old one any more: it only goes. */
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->line = DT_CALL_LINE_PPP;
  self->line_dead = FALSE;
  self->ppp_finished = FALSE;
  self->pap_insisted = FALSE;
  self->last_packet_us = 0;
}

gboolean
dt_call_get_pap_insisted (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), FALSE);
  return self->pap_insisted;
}

void
dt_call_set_pap_insisted (DtCall *self)
{
  g_return_if_fail (DT_IS_CALL (self));
  self->pap_insisted = TRUE;
}

DtEntry *
dt_call_get_entry (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->entry;
}

DtCredentials *
dt_call_get_credentials (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->credentials;
}

void
dt_call_set_credentials (DtCall        *self,
                         DtCredentials *credentials)
{
  g_return_if_fail (DT_IS_CALL (self));

  if (credentials == self->credentials)
    return;
  g_clear_pointer (&self->credentials, dt_credentials_free);
  self->credentials = credentials;
}

void
dt_call_set_trace (DtCall   *self,
                   gboolean  trace)
{
  g_return_if_fail (DT_IS_CALL (self));
  self->trace = !!trace;
}

void
dt_call_set_multilink (DtCall *self,
                       GBytes *endpoint)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_clear_pointer (&self->endpoint, g_bytes_unref);
  self->endpoint = endpoint != NULL ? g_bytes_ref (endpoint) : NULL;
}

GBytes *
dt_call_get_multilink (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->endpoint;
}

GCancellable *
dt_call_get_cancellable (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->cancellable;
}

void
dt_call_cancel (DtCall *self)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* The modem ------------------------------------------------------------------------------ */

static void
on_mm_released (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!dt_mm_inhibitor_release_finish (DT_MM_INHIBITOR (object), result, &error))
    g_debug ("ModemManager: %s", error->message);
}

/* The release holds the inhibitor until ModemManager answers or its bound passes; when
 * nothing was inhibited it is over at once, and leaves nothing pending. */
static void
release_mm (DtCall *self)
{
  if (self->mm_inhibitor == NULL)
    return;
  if (dt_mm_inhibitor_is_inhibited (self->mm_inhibitor))
    dt_mm_inhibitor_release_async (self->mm_inhibitor, on_mm_released, NULL);
  else
    dt_mm_inhibitor_release_async (self->mm_inhibitor, NULL, NULL);
  g_clear_object (&self->mm_inhibitor);
}

static void
emit_event (DtCall      *self,
            DtCallEvent  event,
            guint        code,
            const char  *message)
{
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, (int) event, code, message);
}

static void
on_modem_trace (DtModem    *modem,
                gboolean    sent,
                const char *line,
                DtCall     *self)
{
  call_log (self, "modem %s %s", sent ? "<-" : "->", line);
}

/* The line is gone: @device_gone when the modem itself went away (unplugged, its port
 * failing), else the carrier (the modem said NO CARRIER, or DCD dropped).  The event's code
 * says which: 628 for the device, 0 for the carrier. */
static void
line_lost (DtCall   *self,
           gboolean  device_gone)
{
  call_log (self, device_gone ? "modem: the device is gone" : "modem: carrier lost");
  self->line_dead = TRUE;
  if (self->ppp != NULL && !self->ppp_finished)
    {
      guint code;

      dt_ppp_lower_down (self->ppp);
      /* The server said goodbye (a Terminate-Request) and hung up: its reason (a refusal,
       * PAP insisted on, a bad callback number) comes with PPP's "finished", which follows
       * from the main loop; the lost carrier is only how its goodbye ended. */
      code = dt_ppp_get_error_code (self->ppp);
      if (code != 0 && code != DT_RAS_ERROR_PORT_DISCONNECTED)
        return;
    }
  emit_event (self, DT_CALL_EVENT_CARRIER_LOST, device_gone ? DT_RAS_ERROR_DISCONNECTION : 0,
              NULL);
}

static void
on_modem_carrier_lost (DtModem *modem,
                       DtCall  *self)
{
  DtSerialPort *port = dt_modem_get_port (modem);

  line_lost (self, port != NULL && dt_serial_port_is_gone (port));
}

/* udev removed the modem's device (a USB modem pulled out): the line is as dead as when a
 * read fails, and often this comes first. */
static void
on_udev_uevent (GUdevClient *client,
                const char  *action,
                GUdevDevice *device,
                DtCall      *self)
{
  const char *file = g_udev_device_get_device_file (device);
  char *resolved;
  gboolean ours;

  if (g_strcmp0 (action, "remove") != 0 || file == NULL || self->modem == NULL ||
      self->line_dead)
    return;
  resolved = realpath (dt_modem_get_device (self->modem), NULL);
  ours = g_strcmp0 (file, resolved != NULL ? resolved : dt_modem_get_device (self->modem)) == 0;
  free (resolved);
  if (!ours)
    return;
  call_log (self, "udev: %s was removed", file);
  line_lost (self, TRUE);
}

static void
on_modem_data_received (DtModem *modem,
                        GBytes  *bytes,
                        DtCall  *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (self->line != DT_CALL_LINE_PPP)
    g_signal_emit (self, signals[SIGNAL_LINE_INPUT], 0, bytes);
  else if (self->ppp != NULL)
    dt_ppp_input (self->ppp, data, length);
  g_signal_emit (self, signals[SIGNAL_TRAFFIC], 0);
}

DtModem *
dt_call_get_modem (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->modem;
}

void
dt_call_set_modem (DtCall  *self,
                   DtModem *modem)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_clear_object (&self->modem);
  self->modem = modem;
  self->line_dead = FALSE;
  if (modem == NULL)
    return;
  g_signal_connect_object (modem, "trace", G_CALLBACK (on_modem_trace), self, 0);
  g_signal_connect_object (modem, "carrier-lost", G_CALLBACK (on_modem_carrier_lost), self, 0);
  g_signal_connect_object (modem, "data-received", G_CALLBACK (on_modem_data_received), self,
                           0);
  if (self->udev == NULL)
    {
      static const char * const subsystems[] = { "tty", NULL };

      self->udev = g_udev_client_new (subsystems);
      g_signal_connect_object (self->udev, "uevent", G_CALLBACK (on_udev_uevent), self, 0);
    }
}

/* ModemManager ---------------------------------------------------------------------------- */

DtMmInhibitor *
dt_call_get_mm_inhibitor (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->mm_inhibitor;
}

/* Takes @inhibitor, which dt_call_clear_layers() releases once the modem is gone. */
void
dt_call_set_mm_inhibitor (DtCall        *self,
                          DtMmInhibitor *inhibitor)
{
  g_return_if_fail (DT_IS_CALL (self));

  release_mm (self);
  self->mm_inhibitor = inhibitor;
}

void
dt_call_set_line (DtCall     *self,
                  DtCallLine  line)
{
  g_return_if_fail (DT_IS_CALL (self));
  self->line = line;
}

DtCallLine
dt_call_get_line (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), DT_CALL_LINE_PPP);
  return self->line;
}

void
dt_call_start_line (DtCall *self)
{
  g_return_if_fail (DT_IS_CALL (self));
  g_return_if_fail (self->modem != NULL);

  dt_modem_start_data (self->modem);
}

gboolean
dt_call_write_line (DtCall     *self,
                    const void *bytes,
                    gsize       length)
{
  g_return_val_if_fail (DT_IS_CALL (self), FALSE);

  return self->modem != NULL && dt_modem_write (self->modem, bytes, length);
}

void
dt_call_hold_early_input (DtCall       *self,
                          const guint8 *bytes,
                          gsize         length)
{
  g_return_if_fail (DT_IS_CALL (self));
  g_return_if_fail (bytes != NULL || length == 0);

  if (self->early_input == NULL)
    self->early_input = g_byte_array_new ();
  g_byte_array_append (self->early_input, bytes, length);
}

void
dt_call_replay_early_input (DtCall *self)
{
  g_autoptr (GByteArray) early = NULL;

  g_return_if_fail (DT_IS_CALL (self));

  early = g_steal_pointer (&self->early_input);
  if (early != NULL && self->ppp != NULL && early->len > 0)
    dt_ppp_input (self->ppp, early->data, early->len);
}

gboolean
dt_call_get_line_dead (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), TRUE);
  return self->line_dead;
}

void
dt_call_set_line_dead (DtCall   *self,
                       gboolean  dead)
{
  g_return_if_fail (DT_IS_CALL (self));
  self->line_dead = !!dead;
}

/* The PPP session ------------------------------------------------------------------------ */

static void
on_ppp_output (const guint8 *bytes,
               gsize         length,
               gpointer      user_data)
{
  DtCall *self = user_data;

  if (self->modem != NULL && !self->line_dead)
    dt_modem_write (self->modem, bytes, length);
  g_signal_emit (self, signals[SIGNAL_TRAFFIC], 0);
}

static void
on_ppp_trace (DtPpp      *ppp,
              const char *line,
              DtCall     *self)
{
  if (self->trace)
    call_log (self, "%s", line);
}

static void
on_ppp_ipv4_packet (DtPpp  *ppp,
                    GBytes *packet,
                    DtCall *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (packet, &length);

  if (self->link != NULL)
    dt_link_send (self->link, data, length);
  self->last_packet_us = g_get_monotonic_time ();
}

static void
on_ppp_ipv6_packet (DtPpp  *ppp,
                    GBytes *packet,
                    DtCall *self)
{
  on_ppp_ipv4_packet (ppp, packet, self);
}

static void
on_ppp_finished (DtPpp      *ppp,
                 guint       code,
                 const char *reason,
                 DtCall     *self)
{
  call_log (self, "ppp finished: %u %s", code, reason ? reason : "");
  self->ppp_finished = TRUE;
  /* PPP ended at once, without a Terminate-Ack; the modem's hang-up is bounded too, so that
   * Disconnected comes right after the echo timeout. */
  if (dt_ppp_get_peer_gone (ppp) && self->modem != NULL)
    dt_modem_set_peer_gone (self->modem);
  emit_event (self, DT_CALL_EVENT_PPP_FINISHED, code, reason);
}

DtPpp *
dt_call_get_ppp (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->ppp;
}

/* Compression started or stopped (CCP comes up after Connected): shown at once. */
static void
on_ppp_compression (DtPpp      *ppp,
                    GParamSpec *pspec,
                    DtCall     *self)
{
  g_signal_emit (self, signals[SIGNAL_COUNTERS_CHANGED], 0);
}

void
dt_call_set_ppp (DtCall *self,
                 DtPpp  *ppp)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_clear_object (&self->ppp);
  self->ppp = ppp;
  self->ppp_finished = FALSE;
  if (ppp == NULL)
    return;
  /* Before the stage's own handlers: a stage that learns of the end finds it noted. */
  dt_ppp_set_output_func (ppp, on_ppp_output, self, NULL);
  g_signal_connect_object (ppp, "trace", G_CALLBACK (on_ppp_trace), self, 0);
  g_signal_connect_object (ppp, "notify::compression", G_CALLBACK (on_ppp_compression), self,
                           0);
  g_signal_connect_object (ppp, "ipv4-packet", G_CALLBACK (on_ppp_ipv4_packet), self, 0);
  g_signal_connect_object (ppp, "ipv6-packet", G_CALLBACK (on_ppp_ipv6_packet), self, 0);
  g_signal_connect_object (ppp, "finished", G_CALLBACK (on_ppp_finished), self, 0);
}

gboolean
dt_call_get_ppp_finished (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), TRUE);
  return self->ppp_finished;
}

/* The network link ----------------------------------------------------------------------- */

static void
on_link_packet (DtLink *link,
                GBytes *packet,
                DtCall *self)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (packet, &length);

  if (self->ppp != NULL && length > 0 && data[0] >> 4 == 6)
    dt_ppp_send_ipv6 (self->ppp, data, length);
  else if (self->ppp != NULL)
    dt_ppp_send_ipv4 (self->ppp, data, length);
  self->last_packet_us = g_get_monotonic_time ();
  g_signal_emit (self, signals[SIGNAL_TRAFFIC], 0);
}

/* DtLink reports at most about once a second, and only after a change: what only it sees (a
 * packet dropped, a failed write) is shown at once rather than a second later still. */
static void
on_link_stats_changed (DtLink *link,
                       DtCall *self)
{
  g_signal_emit (self, signals[SIGNAL_COUNTERS_CHANGED], 0);
}

static void
on_link_lost (DtLink       *link,
              const GError *error,
              DtCall       *self)
{
  call_log (self, "network device lost: %s", error->message);
  emit_event (self, DT_CALL_EVENT_LINK_LOST, 0, error->message);
}

DtLink *
dt_call_get_link (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), NULL);
  return self->link;
}

void
dt_call_set_link (DtCall *self,
                  DtLink *link)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_clear_object (&self->link);
  self->link = link;
  if (link == NULL)
    return;
  g_signal_connect_object (link, "packet", G_CALLBACK (on_link_packet), self, 0);
  g_signal_connect_object (link, "stats-changed", G_CALLBACK (on_link_stats_changed), self, 0);
  g_signal_connect_object (link, "lost", G_CALLBACK (on_link_lost), self, 0);
}

/* The link first, then PPP, then the modem: each layer is gone before the one it runs on;
 * then ModemManager may have the device back. */
void
dt_call_clear_layers (DtCall *self)
{
  g_return_if_fail (DT_IS_CALL (self));

  g_clear_object (&self->link);
  g_clear_object (&self->ppp);
  g_clear_object (&self->modem);
  g_clear_object (&self->udev);
  g_clear_pointer (&self->early_input, g_byte_array_unref);
  release_mm (self);
}

void
dt_call_release (DtCall   **call,
                 gpointer   host)
{
  if (*call == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*call, host);
  dt_call_cancel (*call);
  dt_call_clear_layers (*call);
  g_clear_object (call);
}

gint64
dt_call_get_last_packet (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), 0);
  return self->last_packet_us;
}

void
dt_call_set_counters_watched (DtCall   *self,
                              gboolean  watched)
{
  g_return_if_fail (DT_IS_CALL (self));
  self->counters_watched = watched;
}

gboolean
dt_call_get_counters_watched (DtCall *self)
{
  g_return_val_if_fail (DT_IS_CALL (self), FALSE);
  return self->counters_watched;
}

gboolean
dt_call_get_counters (DtCall         *self,
                      DtCallCounters *counters)
{
  g_return_val_if_fail (DT_IS_CALL (self), FALSE);
  g_return_val_if_fail (counters != NULL, FALSE);

  if (self->ppp == NULL)
    return FALSE;
  *counters = (DtCallCounters) { 0 };
  dt_ppp_get_stats (self->ppp, &counters->line);
  counters->compression = dt_ppp_get_compression (self->ppp);
  counters->compression_ratio = dt_ppp_get_compression_ratio (self->ppp);
  counters->has_device = self->link != NULL;
  if (self->link != NULL)
    dt_link_get_stats (self->link, &counters->device);
  return TRUE;
}
