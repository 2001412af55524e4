/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What DtEntry's own files (dt-entry*.c) share: the instance struct, the property ids and
 * the typed field setters that notify on change.  Not for anything else. */
#pragma once

#include "dt-entry.h"

G_BEGIN_DECLS

struct _DtEntry
{
  GObject parent_instance;

  char *uuid;
  char *name;
  char *device;
  DtDeviceType device_type;
  guint speed;
  DtFlowControl flow_control;

  char *number;
  char **alternates;
  gboolean try_alternates;
  char *dial_prefix;
  DtDialMode dial_mode;
  char *area_code;
  guint country_code;
  gboolean use_dialing_rules;

  char *user;
  char *domain;
  gboolean remember_password;
  gboolean prompt_credentials;

  DtAuthMethods auth_methods;
  gboolean require_encryption;
  gboolean require_server_auth;

  char **init_strings;
  char *extra_commands;
  guint dial_timeout;
  DtSpeaker speaker;

  guint redial_attempts;
  guint redial_interval;
  gboolean redial_on_link_drop;
  guint idle_disconnect;
  gboolean show_terminal;
  char *login_script;

  DtIpMode ip_mode;
  char *static_address;
  DtDnsMode dns_mode;
  char **dns_servers;
  gboolean default_gateway;
  char **routes;
  gboolean ipv6;

  DtCallbackMode callback_mode;
  char *callback_number;

  char **sub_entry_devices;
  char **sub_entry_numbers;
  DtMultilinkDial multilink_dial;
  guint dial_extra_percent;
  guint dial_extra_seconds;
  guint hang_up_extra_percent;
  guint hang_up_extra_seconds;

  guint lcp_echo_interval;
  guint lcp_echo_failures;
  gboolean compression;

  GDateTime *last_connected;
};

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_DEVICE,
  PROP_DEVICE_TYPE,
  PROP_SPEED,
  PROP_FLOW_CONTROL,
  PROP_NUMBER,
  PROP_ALTERNATES,
  PROP_TRY_ALTERNATES,
  PROP_DIAL_PREFIX,
  PROP_DIAL_MODE,
  PROP_AREA_CODE,
  PROP_COUNTRY_CODE,
  PROP_USE_DIALING_RULES,
  PROP_USER,
  PROP_DOMAIN,
  PROP_REMEMBER_PASSWORD,
  PROP_PROMPT_CREDENTIALS,
  PROP_AUTH_METHODS,
  PROP_REQUIRE_ENCRYPTION,
  PROP_REQUIRE_SERVER_AUTH,
  PROP_INIT_STRINGS,
  PROP_EXTRA_COMMANDS,
  PROP_DIAL_TIMEOUT,
  PROP_SPEAKER,
  PROP_REDIAL_ATTEMPTS,
  PROP_REDIAL_INTERVAL,
  PROP_REDIAL_ON_LINK_DROP,
  PROP_IDLE_DISCONNECT,
  PROP_SHOW_TERMINAL,
  PROP_LOGIN_SCRIPT,
  PROP_IP_MODE,
  PROP_STATIC_ADDRESS,
  PROP_DNS_MODE,
  PROP_DNS_SERVERS,
  PROP_DEFAULT_GATEWAY,
  PROP_ROUTES,
  PROP_IPV6,
  PROP_CALLBACK_MODE,
  PROP_CALLBACK_NUMBER,
  PROP_SUB_ENTRY_DEVICES,
  PROP_SUB_ENTRY_NUMBERS,
  PROP_MULTILINK_DIAL,
  PROP_DIAL_EXTRA_PERCENT,
  PROP_DIAL_EXTRA_SECONDS,
  PROP_HANG_UP_EXTRA_PERCENT,
  PROP_HANG_UP_EXTRA_SECONDS,
  PROP_LCP_ECHO_INTERVAL,
  PROP_LCP_ECHO_FAILURES,
  PROP_COMPRESSION,
  PROP_LAST_CONNECTED,
  N_PROPS
};

void      _dt_entry_set_string_field  (DtEntry            *self,
                                       guint               prop,
                                       const char         *value);
void      _dt_entry_set_strv_field    (DtEntry            *self,
                                       guint               prop,
                                       const char * const *value);
void      _dt_entry_set_uint_field    (DtEntry            *self,
                                       guint               prop,
                                       guint               value);
void      _dt_entry_set_int_field     (DtEntry            *self,
                                       guint               prop,
                                       int                 value);
void      _dt_entry_set_boolean_field (DtEntry            *self,
                                       guint               prop,
                                       gboolean            value);


/* dt-entry-validate.c, for the other checks. */
gboolean  _dt_entry_check_dial_string  (const char         *number,
                                       gboolean            required,
                                       char              **reason);
gboolean  _dt_entry_check_device_path  (const char         *device,
                                       char              **reason);

/* dt-entry-multilink.c: the checks of the sub-entry settings. */
gboolean  _dt_entry_check_sub_entries  (DtEntry            *self,
                                       char              **reason);
gboolean  _dt_entry_check_multilink_load (DtEntry          *self,
                                       char              **reason);

G_END_DECLS
