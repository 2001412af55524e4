/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The typed getters and setters of DtEntry.  Each is a one-liner over the field helpers of
 * dt-entry.c, which notify only when a value changes; they live apart so that dt-entry.c
 * stays about the class itself. */

#include "config.h"

#include "dt-entry-private.h"

const char *
dt_entry_get_name (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->name;
}

void
dt_entry_set_name (DtEntry    *self,
                   const char *name)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_NAME, name);
}

const char *
dt_entry_get_device (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->device;
}

void
dt_entry_set_device (DtEntry    *self,
                     const char *device)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_DEVICE, device);
}

DtDeviceType
dt_entry_get_device_type (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_DEVICE_TYPE_MODEM);
  return self->device_type;
}

void
dt_entry_set_device_type (DtEntry      *self,
                          DtDeviceType  type)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_DEVICE_TYPE, type);
}

guint
dt_entry_get_speed (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->speed;
}

void
dt_entry_set_speed (DtEntry *self,
                    guint    speed)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_SPEED, speed);
}

DtFlowControl
dt_entry_get_flow_control (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_FLOW_CONTROL_NONE);
  return self->flow_control;
}

void
dt_entry_set_flow_control (DtEntry       *self,
                           DtFlowControl  flow)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_FLOW_CONTROL, flow);
}

const char *
dt_entry_get_number (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->number;
}

void
dt_entry_set_number (DtEntry    *self,
                     const char *number)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_NUMBER, number);
}

const char * const *
dt_entry_get_alternates (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->alternates;
}

void
dt_entry_set_alternates (DtEntry            *self,
                         const char * const *numbers)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_strv_field (self, PROP_ALTERNATES, numbers);
}

gboolean
dt_entry_get_try_alternates (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->try_alternates;
}

void
dt_entry_set_try_alternates (DtEntry  *self,
                             gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_TRY_ALTERNATES, value);
}

const char *
dt_entry_get_dial_prefix (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->dial_prefix;
}

void
dt_entry_set_dial_prefix (DtEntry    *self,
                          const char *prefix)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_DIAL_PREFIX, prefix);
}

DtDialMode
dt_entry_get_dial_mode (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_DIAL_MODE_TONE);
  return self->dial_mode;
}

void
dt_entry_set_dial_mode (DtEntry    *self,
                        DtDialMode  mode)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_DIAL_MODE, mode);
}

const char *
dt_entry_get_area_code (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->area_code;
}

void
dt_entry_set_area_code (DtEntry    *self,
                        const char *code)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_AREA_CODE, code);
}

guint
dt_entry_get_country_code (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->country_code;
}

void
dt_entry_set_country_code (DtEntry *self,
                           guint    code)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_COUNTRY_CODE, code);
}

gboolean
dt_entry_get_use_dialing_rules (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->use_dialing_rules;
}

void
dt_entry_set_use_dialing_rules (DtEntry  *self,
                                gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_USE_DIALING_RULES, value);
}

const char *
dt_entry_get_user (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->user;
}

void
dt_entry_set_user (DtEntry    *self,
                   const char *user)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_USER, user);
}

const char *
dt_entry_get_domain (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->domain;
}

void
dt_entry_set_domain (DtEntry    *self,
                     const char *domain)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_DOMAIN, domain);
}

gboolean
dt_entry_get_remember_password (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->remember_password;
}

void
dt_entry_set_remember_password (DtEntry  *self,
                                gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_REMEMBER_PASSWORD, value);
}

gboolean
dt_entry_get_prompt_credentials (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), TRUE);
  return self->prompt_credentials;
}

void
dt_entry_set_prompt_credentials (DtEntry  *self,
                                 gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_PROMPT_CREDENTIALS, value);
}

DtAuthMethods
dt_entry_get_auth_methods (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->auth_methods;
}

void
dt_entry_set_auth_methods (DtEntry       *self,
                           DtAuthMethods  methods)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_AUTH_METHODS, methods);
}

gboolean
dt_entry_get_require_encryption (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->require_encryption;
}

void
dt_entry_set_require_encryption (DtEntry  *self,
                                 gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_REQUIRE_ENCRYPTION, value);
}

gboolean
dt_entry_get_require_server_auth (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);

  return self->require_server_auth;
}

void
dt_entry_set_require_server_auth (DtEntry  *self,
                                  gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));

  _dt_entry_set_boolean_field (self, PROP_REQUIRE_SERVER_AUTH, value);
}

/* The methods a dial may use: "require encryption" rules out PAP, which sends the password
 * in the clear. */
DtAuthMethods
dt_entry_get_effective_auth_methods (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  if (self->require_encryption)
    return self->auth_methods & ~DT_AUTH_PAP;
  return self->auth_methods;
}

const char * const *
dt_entry_get_init_strings (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->init_strings;
}

void
dt_entry_set_init_strings (DtEntry            *self,
                           const char * const *strings)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_strv_field (self, PROP_INIT_STRINGS, strings);
}

const char *
dt_entry_get_extra_commands (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->extra_commands;
}

void
dt_entry_set_extra_commands (DtEntry    *self,
                             const char *commands)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_EXTRA_COMMANDS, commands);
}

guint
dt_entry_get_dial_timeout (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->dial_timeout;
}

void
dt_entry_set_dial_timeout (DtEntry *self,
                           guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_DIAL_TIMEOUT, seconds);
}

DtSpeaker
dt_entry_get_speaker (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_SPEAKER_OFF);
  return self->speaker;
}

void
dt_entry_set_speaker (DtEntry   *self,
                      DtSpeaker  speaker)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_SPEAKER, speaker);
}

guint
dt_entry_get_redial_attempts (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->redial_attempts;
}

void
dt_entry_set_redial_attempts (DtEntry *self,
                              guint    attempts)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_REDIAL_ATTEMPTS, attempts);
}

guint
dt_entry_get_redial_interval (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->redial_interval;
}

void
dt_entry_set_redial_interval (DtEntry *self,
                              guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_REDIAL_INTERVAL, seconds);
}

gboolean
dt_entry_get_redial_on_link_drop (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->redial_on_link_drop;
}

void
dt_entry_set_redial_on_link_drop (DtEntry  *self,
                                  gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_REDIAL_ON_LINK_DROP, value);
}

guint
dt_entry_get_idle_disconnect (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->idle_disconnect;
}

void
dt_entry_set_idle_disconnect (DtEntry *self,
                              guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_IDLE_DISCONNECT, seconds);
}

gboolean
dt_entry_get_show_terminal (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->show_terminal;
}

void
dt_entry_set_show_terminal (DtEntry  *self,
                            gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_SHOW_TERMINAL, value);
}

const char *
dt_entry_get_login_script (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->login_script;
}

void
dt_entry_set_login_script (DtEntry    *self,
                           const char *script)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_LOGIN_SCRIPT, script);
}

DtIpMode
dt_entry_get_ip_mode (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_IP_MODE_SERVER);
  return self->ip_mode;
}

void
dt_entry_set_ip_mode (DtEntry  *self,
                      DtIpMode  mode)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_IP_MODE, mode);
}

const char *
dt_entry_get_static_address (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->static_address;
}

void
dt_entry_set_static_address (DtEntry    *self,
                             const char *address)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_STATIC_ADDRESS, address);
}

DtDnsMode
dt_entry_get_dns_mode (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_DNS_MODE_SERVER);
  return self->dns_mode;
}

void
dt_entry_set_dns_mode (DtEntry   *self,
                       DtDnsMode  mode)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_DNS_MODE, mode);
}

const char * const *
dt_entry_get_dns_servers (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->dns_servers;
}

void
dt_entry_set_dns_servers (DtEntry            *self,
                          const char * const *servers)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_strv_field (self, PROP_DNS_SERVERS, servers);
}

gboolean
dt_entry_get_ipv6 (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->ipv6;
}

void
dt_entry_set_ipv6 (DtEntry  *self,
                   gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_IPV6, value);
}

gboolean
dt_entry_get_default_gateway (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  return self->default_gateway;
}

void
dt_entry_set_default_gateway (DtEntry  *self,
                              gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_DEFAULT_GATEWAY, value);
}

const char * const *
dt_entry_get_routes (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return (const char * const *) self->routes;
}

void
dt_entry_set_routes (DtEntry            *self,
                     const char * const *routes)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_strv_field (self, PROP_ROUTES, routes);
}

DtCallbackMode
dt_entry_get_callback_mode (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), DT_CALLBACK_NONE);
  return self->callback_mode;
}

void
dt_entry_set_callback_mode (DtEntry        *self,
                            DtCallbackMode  mode)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_int_field (self, PROP_CALLBACK_MODE, mode);
}

const char *
dt_entry_get_callback_number (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->callback_number;
}

void
dt_entry_set_callback_number (DtEntry    *self,
                              const char *number)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_string_field (self, PROP_CALLBACK_NUMBER, number);
}

guint
dt_entry_get_lcp_echo_interval (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->lcp_echo_interval;
}

void
dt_entry_set_lcp_echo_interval (DtEntry *self,
                                guint    seconds)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_LCP_ECHO_INTERVAL, seconds);
}

guint
dt_entry_get_lcp_echo_failures (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), 0);
  return self->lcp_echo_failures;
}

void
dt_entry_set_lcp_echo_failures (DtEntry *self,
                                guint    failures)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_uint_field (self, PROP_LCP_ECHO_FAILURES, failures);
}

gboolean
dt_entry_get_compression (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), TRUE);
  return self->compression;
}

void
dt_entry_set_compression (DtEntry  *self,
                          gboolean  value)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  _dt_entry_set_boolean_field (self, PROP_COMPRESSION, value);
}
