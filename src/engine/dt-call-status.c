/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status fields as properties: see dt-call-status.h. */

#include "config.h"

#include "dt-call-status.h"

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

/* Each field's property, and where a string field is in DtConnStatus (0: not a string). */
static const struct {
  const char *name;
  gsize string_offset;
} fields[DT_STATUS_N_FIELDS] = {
#define STRING(F, name, f) [DT_STATUS_ ## F] = { name, G_STRUCT_OFFSET (DtConnStatus, f) }
  [DT_STATUS_ERROR_CODE] = { "error-code", 0 },
  STRING (ERROR_MESSAGE, "error-message", error_message),
  STRING (INTERFACE, "interface", interface),
  STRING (NETWORK_MESSAGE, "network-message", network_message),
  [DT_STATUS_LINK_SPEED] = { "link-speed", 0 },
  STRING (CONNECT_STRING, "connect-string", connect_string),
  STRING (LOCAL_ADDRESS, "local-address", local_address),
  STRING (REMOTE_ADDRESS, "remote-address", remote_address),
  STRING (LOCAL_IPV6_ADDRESS, "local-ipv6-address", local_ipv6_address),
  STRING (REMOTE_IPV6_ADDRESS, "remote-ipv6-address", remote_ipv6_address),
  [DT_STATUS_DNS_SERVERS] = { "dns-servers", 0 },
  STRING (AUTH_PROTOCOL, "auth-protocol", auth_protocol),
  [DT_STATUS_CONNECTED_SINCE] = { "connected-since", 0 },
  [DT_STATUS_BYTES_IN] = { "bytes-in", 0 },
  [DT_STATUS_BYTES_OUT] = { "bytes-out", 0 },
  [DT_STATUS_FRAMES_IN] = { "frames-in", 0 },
  [DT_STATUS_FRAMES_OUT] = { "frames-out", 0 },
  [DT_STATUS_FCS_ERRORS] = { "fcs-errors", 0 },
  [DT_STATUS_IP_BYTES_IN] = { "ip-bytes-in", 0 },
  [DT_STATUS_IP_BYTES_OUT] = { "ip-bytes-out", 0 },
  [DT_STATUS_IP_PACKETS_IN] = { "ip-packets-in", 0 },
  [DT_STATUS_IP_PACKETS_OUT] = { "ip-packets-out", 0 },
  [DT_STATUS_IP_DROPPED_IN] = { "ip-dropped-in", 0 },
  [DT_STATUS_IP_DROPPED_OUT] = { "ip-dropped-out", 0 },
  [DT_STATUS_IP_ERRORS] = { "ip-errors", 0 },
  STRING (COMPRESSION, "compression", compression),
  [DT_STATUS_COMPRESSION_RATIO] = { "compression-ratio", 0 },
#undef STRING
};

static gboolean
is_counter (DtStatusField field)
{
  return field >= DT_STATUS_BYTES_IN && field <= DT_STATUS_IP_ERRORS;
}

static GParamSpec *
field_param_spec (DtStatusField field)
{
  const char *name = fields[field].name;

  if (fields[field].string_offset != 0)
    return g_param_spec_string (name, NULL, NULL, NULL, RO);
  if (is_counter (field))
    return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT64, 0, RO);
  switch (field)
    {
    case DT_STATUS_ERROR_CODE:
    case DT_STATUS_LINK_SPEED:
      return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, RO);
    case DT_STATUS_DNS_SERVERS:
      return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, RO);
    case DT_STATUS_CONNECTED_SINCE:
      return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, RO);
    case DT_STATUS_COMPRESSION_RATIO:
      return g_param_spec_double (name, NULL, NULL, 0, G_MAXDOUBLE, 0, RO);
    default:
      g_assert_not_reached ();
    }
}

void
_dt_call_status_init_props (const DtStatusProp  *props,
                            gsize                n_props,
                            GParamSpec         **properties,
                            GParamSpec         **pspecs)
{
  for (gsize i = 0; i < n_props; i++)
    {
      properties[props[i].prop] = field_param_spec (props[i].field);
      pspecs[props[i].field] = properties[props[i].prop];
    }
}

static void
get_field (const DtConnStatus *status,
           DtStatusField       field,
           GValue             *value)
{
  if (fields[field].string_offset != 0)
    {
      g_value_set_string (value, G_STRUCT_MEMBER (char *, status, fields[field].string_offset));
      return;
    }
  if (is_counter (field))
    {
      g_value_set_uint64 (value, dt_status_get_counter (status, field));
      return;
    }
  switch (field)
    {
    case DT_STATUS_ERROR_CODE: g_value_set_uint (value, status->error_code); break;
    case DT_STATUS_LINK_SPEED: g_value_set_uint (value, status->link_speed); break;
    case DT_STATUS_DNS_SERVERS: g_value_set_boxed (value, status->dns_servers); break;
    case DT_STATUS_CONNECTED_SINCE: g_value_set_boxed (value, status->connected_since); break;
    case DT_STATUS_COMPRESSION_RATIO: g_value_set_double (value, status->compression_ratio); break;
    default: g_assert_not_reached ();
    }
}

gboolean
_dt_call_status_get_property (const DtConnStatus  *status,
                              GParamSpec * const  *pspecs,
                              GParamSpec          *pspec,
                              GValue              *value)
{
  for (int field = 0; field < DT_STATUS_N_FIELDS; field++)
    if (pspecs[field] == pspec)
      {
        get_field (status, field, value);
        return TRUE;
      }
  return FALSE;
}
