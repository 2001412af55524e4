/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEntry: one saved dial-up entry of the phonebook, as the RAS phonebook keeps it: the
 * device, the numbers, the credentials (but never the password: that lives in the keyring),
 * authentication, modem, redial and network options.  Every field is a GObject property with
 * notify, so the editor and the list bind to it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  DT_DEVICE_TYPE_MODEM,
  DT_DEVICE_TYPE_DIRECT,      /* a null-modem cable: no AT dialog */
} DtDeviceType;

typedef enum {
  DT_FLOW_CONTROL_NONE,
  DT_FLOW_CONTROL_HARDWARE,   /* RTS/CTS */
  DT_FLOW_CONTROL_SOFTWARE,   /* XON/XOFF */
} DtFlowControl;

typedef enum {
  DT_DIAL_MODE_TONE,
  DT_DIAL_MODE_PULSE,
} DtDialMode;

typedef enum {
  DT_SPEAKER_OFF,             /* ATM0 */
  DT_SPEAKER_UNTIL_CONNECT,   /* ATM1 */
  DT_SPEAKER_ALWAYS,          /* ATM2 */
} DtSpeaker;

typedef enum /*< flags >*/ {
  DT_AUTH_PAP = 1 << 0,
  DT_AUTH_CHAP = 1 << 1,      /* CHAP with MD5 */
  DT_AUTH_MSCHAPV2 = 1 << 2,
} DtAuthMethods;

#define DT_AUTH_ALL (DT_AUTH_PAP | DT_AUTH_CHAP | DT_AUTH_MSCHAPV2)

typedef enum {
  DT_IP_MODE_SERVER,          /* the address the server assigns through IPCP */
  DT_IP_MODE_STATIC,          /* ask IPCP for the entry's own address */
} DtIpMode;

typedef enum {
  DT_DNS_MODE_SERVER,         /* DNS servers from IPCP (RFC 1877) */
  DT_DNS_MODE_MANUAL,         /* the entry's own DNS servers */
} DtDnsMode;

typedef enum {
  DT_CALLBACK_NONE,
  DT_CALLBACK_ASK,            /* pause at CallbackSetByCaller and ask for a number */
  DT_CALLBACK_FIXED,          /* always give the entry's callback number */
} DtCallbackMode;

#define DT_TYPE_ENTRY (dt_entry_get_type ())

G_DECLARE_FINAL_TYPE (DtEntry, dt_entry, DT, ENTRY, GObject)

/* Property names, for g_object_bind_property and GtkExpressions:
 *   "uuid" (construct-only), "name", "device", "device-type", "speed", "flow-control",
 *   "number", "alternates" (GStrv), "try-alternates", "dial-prefix", "dial-mode",
 *   "user", "domain", "remember-password",
 *   "auth-methods" (DtAuthMethods flags), "require-encryption",
 *   "init-strings" (GStrv), "extra-commands", "dial-timeout" (s), "speaker",
 *   "redial-attempts", "redial-interval" (s), "redial-on-link-drop", "idle-disconnect" (s,
 *   0 = never), "show-terminal", "login-script",
 *   "ip-mode", "static-address", "dns-mode", "dns-servers" (GStrv), "default-gateway",
 *   "callback-mode", "callback-number",
 *   "lcp-echo-interval" (s, 0 = off), "lcp-echo-failures",
 *   "last-connected" (GDateTime, NULL = never).
 */

DtEntry        *dt_entry_new                 (void);
DtEntry        *dt_entry_new_with_uuid       (const char *uuid);
DtEntry        *dt_entry_duplicate           (DtEntry    *self);

const char     *dt_entry_get_uuid            (DtEntry *self);
const char     *dt_entry_get_name            (DtEntry *self);
void            dt_entry_set_name            (DtEntry *self, const char *name);
const char     *dt_entry_get_device          (DtEntry *self);
void            dt_entry_set_device          (DtEntry *self, const char *device);
DtDeviceType    dt_entry_get_device_type     (DtEntry *self);
void            dt_entry_set_device_type     (DtEntry *self, DtDeviceType type);
guint           dt_entry_get_speed           (DtEntry *self);
void            dt_entry_set_speed           (DtEntry *self, guint speed);
DtFlowControl   dt_entry_get_flow_control    (DtEntry *self);
void            dt_entry_set_flow_control    (DtEntry *self, DtFlowControl flow);

const char     *dt_entry_get_number          (DtEntry *self);
void            dt_entry_set_number          (DtEntry *self, const char *number);
const char * const *dt_entry_get_alternates  (DtEntry *self);
void            dt_entry_set_alternates      (DtEntry *self, const char * const *numbers);
gboolean        dt_entry_get_try_alternates  (DtEntry *self);
void            dt_entry_set_try_alternates  (DtEntry *self, gboolean value);
const char     *dt_entry_get_dial_prefix     (DtEntry *self);
void            dt_entry_set_dial_prefix     (DtEntry *self, const char *prefix);
DtDialMode      dt_entry_get_dial_mode       (DtEntry *self);
void            dt_entry_set_dial_mode       (DtEntry *self, DtDialMode mode);

const char     *dt_entry_get_user            (DtEntry *self);
void            dt_entry_set_user            (DtEntry *self, const char *user);
const char     *dt_entry_get_domain          (DtEntry *self);
void            dt_entry_set_domain          (DtEntry *self, const char *domain);
gboolean        dt_entry_get_remember_password (DtEntry *self);
void            dt_entry_set_remember_password (DtEntry *self, gboolean value);

DtAuthMethods   dt_entry_get_auth_methods    (DtEntry *self);
void            dt_entry_set_auth_methods    (DtEntry *self, DtAuthMethods methods);
gboolean        dt_entry_get_require_encryption (DtEntry *self);
void            dt_entry_set_require_encryption (DtEntry *self, gboolean value);

const char * const *dt_entry_get_init_strings (DtEntry *self);
void            dt_entry_set_init_strings    (DtEntry *self, const char * const *strings);
const char     *dt_entry_get_extra_commands  (DtEntry *self);
void            dt_entry_set_extra_commands  (DtEntry *self, const char *commands);
guint           dt_entry_get_dial_timeout    (DtEntry *self);
void            dt_entry_set_dial_timeout    (DtEntry *self, guint seconds);
DtSpeaker       dt_entry_get_speaker         (DtEntry *self);
void            dt_entry_set_speaker         (DtEntry *self, DtSpeaker speaker);

guint           dt_entry_get_redial_attempts (DtEntry *self);
void            dt_entry_set_redial_attempts (DtEntry *self, guint attempts);
guint           dt_entry_get_redial_interval (DtEntry *self);
void            dt_entry_set_redial_interval (DtEntry *self, guint seconds);
gboolean        dt_entry_get_redial_on_link_drop (DtEntry *self);
void            dt_entry_set_redial_on_link_drop (DtEntry *self, gboolean value);
guint           dt_entry_get_idle_disconnect (DtEntry *self);
void            dt_entry_set_idle_disconnect (DtEntry *self, guint seconds);
gboolean        dt_entry_get_show_terminal   (DtEntry *self);
void            dt_entry_set_show_terminal   (DtEntry *self, gboolean value);
const char     *dt_entry_get_login_script    (DtEntry *self);
void            dt_entry_set_login_script    (DtEntry *self, const char *script);

DtIpMode        dt_entry_get_ip_mode         (DtEntry *self);
void            dt_entry_set_ip_mode         (DtEntry *self, DtIpMode mode);
const char     *dt_entry_get_static_address  (DtEntry *self);
void            dt_entry_set_static_address  (DtEntry *self, const char *address);
DtDnsMode       dt_entry_get_dns_mode        (DtEntry *self);
void            dt_entry_set_dns_mode        (DtEntry *self, DtDnsMode mode);
const char * const *dt_entry_get_dns_servers (DtEntry *self);
void            dt_entry_set_dns_servers     (DtEntry *self, const char * const *servers);
gboolean        dt_entry_get_default_gateway (DtEntry *self);
void            dt_entry_set_default_gateway (DtEntry *self, gboolean value);

DtCallbackMode  dt_entry_get_callback_mode   (DtEntry *self);
void            dt_entry_set_callback_mode   (DtEntry *self, DtCallbackMode mode);
const char     *dt_entry_get_callback_number (DtEntry *self);
void            dt_entry_set_callback_number (DtEntry *self, const char *number);

guint           dt_entry_get_lcp_echo_interval (DtEntry *self);
void            dt_entry_set_lcp_echo_interval (DtEntry *self, guint seconds);
guint           dt_entry_get_lcp_echo_failures (DtEntry *self);
void            dt_entry_set_lcp_echo_failures (DtEntry *self, guint failures);

GDateTime      *dt_entry_get_last_connected  (DtEntry *self);
void            dt_entry_set_last_connected  (DtEntry *self, GDateTime *when);

/* Validation, shared by the editor (inline errors) and the phonebook (on load). Returns
 * TRUE when @property's value is acceptable; otherwise sets @reason to a translated
 * sentence for the row. */
gboolean        dt_entry_validate_property   (DtEntry     *self,
                                              const char  *property,
                                              char       **reason);
gboolean        dt_entry_is_valid            (DtEntry     *self);

G_END_DECLS
