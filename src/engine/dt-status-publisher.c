/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status a call's host publishes: see dt-status-publisher.h. */

#include "config.h"

#include "dt-status-publisher.h"

#include "dt-property.h"

/* The counters: each field, and where its value is in DtCallCounters. */
static const struct {
  DtStatusField field;
  gsize status_offset;
  gsize counters_offset;
  gboolean device;           /* the network device's; kept when there is none */
} counters[] = {
#define LINE(p, f) { DT_STATUS_ ## p, G_STRUCT_OFFSET (DtConnStatus, f), \
                     G_STRUCT_OFFSET (DtCallCounters, line.f), FALSE }
#define DEVICE(p, f, g) { DT_STATUS_ ## p, G_STRUCT_OFFSET (DtConnStatus, f), \
                          G_STRUCT_OFFSET (DtCallCounters, device.g), TRUE }
  LINE (BYTES_IN, bytes_in),
  LINE (BYTES_OUT, bytes_out),
  LINE (FRAMES_IN, frames_in),
  LINE (FRAMES_OUT, frames_out),
  LINE (FCS_ERRORS, fcs_errors),
  DEVICE (IP_BYTES_IN, ip_bytes_in, bytes_in),
  DEVICE (IP_BYTES_OUT, ip_bytes_out, bytes_out),
  DEVICE (IP_PACKETS_IN, ip_packets_in, packets_in),
  DEVICE (IP_PACKETS_OUT, ip_packets_out, packets_out),
  DEVICE (IP_DROPPED_IN, ip_dropped_in, dropped_in),
  DEVICE (IP_DROPPED_OUT, ip_dropped_out, dropped_out),
  DEVICE (IP_ERRORS, ip_errors, errors),
#undef LINE
#undef DEVICE
};

static void
notify (GObject    *object,
        GParamSpec *pspec)
{
  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);
}

void
dt_publish_string (GObject     *object,
                   GParamSpec  *pspec,
                   char       **field,
                   const char  *value)
{
  dt_property_set_string (object, pspec, field, value);
}

void
dt_publish_uint (GObject    *object,
                 GParamSpec *pspec,
                 guint      *field,
                 guint       value)
{
  if (*field == value)
    return;
  *field = value;
  notify (object, pspec);
}

void
dt_publish_uint64 (GObject    *object,
                   GParamSpec *pspec,
                   guint64    *field,
                   guint64     value)
{
  if (*field == value)
    return;
  *field = value;
  notify (object, pspec);
}

void
dt_publish_strv (GObject       *object,
                 GParamSpec    *pspec,
                 char        ***field,
                 char * const  *value)
{
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL &&
      g_strv_equal ((const char * const *) *field, (const char * const *) value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  notify (object, pspec);
}

void
dt_publish_date_time (GObject     *object,
                      GParamSpec  *pspec,
                      GDateTime  **field,
                      GDateTime   *value)
{
  if (*field == value)
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  notify (object, pspec);
}

/* The host, the property of field @F, and the field @f itself. */
#define FIELD(pub, f, F) (pub)->object, (pub)->pspecs[DT_STATUS_ ## F], &(pub)->status->f

void
dt_status_set_error (const DtStatusPublisher *pub,
                     guint                    code,
                     const char              *message)
{
  dt_publish_uint (FIELD (pub, error_code, ERROR_CODE), code);
  dt_publish_string (FIELD (pub, error_message, ERROR_MESSAGE), message);
}

/* The ratio as shown, to a tenth: notified when that changes, not with every byte. */
static void
set_ratio (const DtStatusPublisher *pub,
           double                   ratio)
{
  gboolean shown_changed = (gint64) (ratio * 10 + 0.5) !=
                           (gint64) (pub->status->compression_ratio * 10 + 0.5);

  pub->status->compression_ratio = ratio;
  if (shown_changed)
    notify (pub->object, pub->pspecs[DT_STATUS_COMPRESSION_RATIO]);
}

void
dt_status_set_counters (const DtStatusPublisher *pub,
                        const DtCallCounters    *values)
{
  for (gsize i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      if (counters[i].device && !values->has_device)
        continue;
      dt_publish_uint64 (pub->object, pub->pspecs[counters[i].field],
                         G_STRUCT_MEMBER_P (pub->status, counters[i].status_offset),
                         G_STRUCT_MEMBER (guint64, values, counters[i].counters_offset));
    }
  dt_publish_string (FIELD (pub, compression, COMPRESSION), values->compression);
  set_ratio (pub, values->compression_ratio);
}

guint64
dt_status_get_counter (const DtConnStatus *status,
                       DtStatusField       field)
{
  for (gsize i = 0; i < G_N_ELEMENTS (counters); i++)
    if (counters[i].field == field)
      return G_STRUCT_MEMBER (guint64, status, counters[i].status_offset);
  g_return_val_if_reached (0);
}

void
dt_status_reset (const DtStatusPublisher *pub)
{
  DtCallCounters zero = { .has_device = TRUE };

  dt_status_set_error (pub, 0, NULL);
  dt_publish_string (FIELD (pub, interface, INTERFACE), NULL);
  dt_publish_string (FIELD (pub, network_message, NETWORK_MESSAGE), NULL);
  dt_publish_string (FIELD (pub, connect_string, CONNECT_STRING), NULL);
  dt_publish_string (FIELD (pub, local_address, LOCAL_ADDRESS), NULL);
  dt_publish_string (FIELD (pub, remote_address, REMOTE_ADDRESS), NULL);
  dt_publish_string (FIELD (pub, local_ipv6_address, LOCAL_IPV6_ADDRESS), NULL);
  dt_publish_string (FIELD (pub, remote_ipv6_address, REMOTE_IPV6_ADDRESS), NULL);
  dt_publish_string (FIELD (pub, auth_protocol, AUTH_PROTOCOL), NULL);
  dt_publish_strv (FIELD (pub, dns_servers, DNS_SERVERS), NULL);
  dt_publish_uint (FIELD (pub, link_speed, LINK_SPEED), 0);
  dt_publish_date_time (FIELD (pub, connected_since, CONNECTED_SINCE), NULL);
  dt_status_set_counters (pub, &zero);
}

gboolean
dt_status_learn (const DtStatusPublisher *pub,
                 DtCallFact               fact,
                 const GValue            *value)
{
  switch (fact)
    {
    case DT_CALL_FACT_LINK_SPEED:
      dt_publish_uint (FIELD (pub, link_speed, LINK_SPEED), g_value_get_uint (value));
      return TRUE;
    case DT_CALL_FACT_CONNECT_STRING:
      dt_publish_string (FIELD (pub, connect_string, CONNECT_STRING),
                         g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_AUTH_PROTOCOL:
      dt_publish_string (FIELD (pub, auth_protocol, AUTH_PROTOCOL), g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_LOCAL_ADDRESS:
      dt_publish_string (FIELD (pub, local_address, LOCAL_ADDRESS), g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_REMOTE_ADDRESS:
      dt_publish_string (FIELD (pub, remote_address, REMOTE_ADDRESS),
                         g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_LOCAL_IPV6_ADDRESS:
      dt_publish_string (FIELD (pub, local_ipv6_address, LOCAL_IPV6_ADDRESS),
                         g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_REMOTE_IPV6_ADDRESS:
      dt_publish_string (FIELD (pub, remote_ipv6_address, REMOTE_IPV6_ADDRESS),
                         g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_DNS_SERVERS:
      dt_publish_strv (FIELD (pub, dns_servers, DNS_SERVERS), g_value_get_boxed (value));
      return TRUE;
    case DT_CALL_FACT_INTERFACE:
      dt_publish_string (FIELD (pub, interface, INTERFACE), g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_NETWORK_MESSAGE:
      dt_publish_string (FIELD (pub, network_message, NETWORK_MESSAGE),
                         g_value_get_string (value));
      return TRUE;
    case DT_CALL_FACT_CONNECTED_SINCE:
      dt_publish_date_time (FIELD (pub, connected_since, CONNECTED_SINCE),
                            g_value_get_boxed (value));
      return TRUE;
    case DT_CALL_FACT_COUNTERS:
      dt_status_set_counters (pub, g_value_get_pointer (value));
      return TRUE;
    default:
      return FALSE;
    }
}
