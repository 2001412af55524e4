/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Validation of DtEntry settings, shared by the editor (an error style and a reason on the
 * row, Save insensitive) and by the CLI.  Each check returns a translated sentence that says
 * what to type, not just what is wrong.  Limits come from the protocols: PAP carries a user
 * name of at most 255 bytes, S7 (the Hayes wait-for-carrier register) holds at most 255
 * seconds, RFC 1877 negotiates two DNS servers.  Name uniqueness needs the whole phonebook,
 * so dt_phonebook_validate_name() checks it.
 *
 * A route is written "a.b.c.d/prefix" with the prefix always given: a bare address is
 * refused with a reason that suggests /32, rather than read as one host, so that the file,
 * the editor, the CLI and NetworkManager's profile all show the same text. */

#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>

#include "dt-entry-private.h"
#include "dt-script-syntax.h"

#define MAX_NAME_CHARS 128
#define MAX_NUMBER_CHARS 80
#define MAX_ALTERNATES 16
#define MAX_INIT_STRING_CHARS 120
#define MAX_CREDENTIAL_BYTES 255
#define MAX_DIAL_TIMEOUT 255
#define MAX_REDIAL_ATTEMPTS 99
#define MAX_REDIAL_INTERVAL 600
#define MAX_IDLE_DISCONNECT (24 * 60 * 60)
#define MAX_LCP_ECHO_INTERVAL 3600
#define MAX_LCP_ECHO_FAILURES 100
#define MAX_DNS_SERVERS 2
#define MAX_ROUTES 64
/* TAPI's limits: an area code of at most 10 digits, a country code of at most 3. */
#define MAX_AREA_CODE_CHARS 10
#define MAX_COUNTRY_CODE 999

static const guint standard_speeds[] = {
  300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600,
};

/**
 * dt_entry_get_standard_speeds:
 * @n_speeds: (out): the number of speeds
 *
 * Returns: (array length=n_speeds): the serial speeds an entry may use, in bits per second,
 *   ascending.  The editor offers these.
 */
const guint *
dt_entry_get_standard_speeds (gsize *n_speeds)
{
  *n_speeds = G_N_ELEMENTS (standard_speeds);
  return standard_speeds;
}

static gboolean
fail (char       **reason,
      const char  *message)
{
  if (reason != NULL)
    *reason = g_strdup (message);
  return FALSE;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
is_printable_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* The characters a Hayes modem dials: digits, * and #, pauses (,), W (wait for dial tone),
 * P and T (pulse, tone), ! (flash), and the punctuation people write numbers with. */
static gboolean
is_dialable (const char *number)
{
  gboolean has_digit = FALSE;

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p) || *p == '*' || *p == '#')
        has_digit = TRUE;
      else if (strchr (",+-() WwPpTt!", *p) == NULL)
        return FALSE;
    }
  return has_digit;
}

/* A host address: not 0.0.0.0, not loopback, not multicast or class E, not broadcast. */
static gboolean
is_host_ipv4_address (const char *text)
{
  struct in_addr addr;
  guint32 host;

  if (inet_pton (AF_INET, text, &addr) != 1)
    return FALSE;
  host = ntohl (addr.s_addr);
  return host != 0 && (host >> 24) != 127 && (host >> 28) < 14;
}

static gboolean
check_name (DtEntry  *self,
            char    **reason)
{
  const char *name = dt_entry_get_name (self);
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (stripped[0] == '\0')
    return fail (reason, _("Enter a name for this connection"));
  if (has_control_characters (name))
    return fail (reason, _("The name cannot contain control characters"));
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return fail (reason, _("The name is too long"));
  return TRUE;
}

gboolean
_dt_entry_check_device_path (const char  *device,
                            char       **reason)
{
  if (!g_str_has_prefix (device, "/dev/") || device[5] == '\0' ||
      strstr (device, "/../") != NULL || g_str_has_suffix (device, "/..") ||
      !is_printable_ascii (device))
    return fail (reason, _("Enter a serial port under /dev, such as /dev/ttyUSB0"));
  return TRUE;
}

static gboolean
check_device (DtEntry  *self,
              char    **reason)
{
  const char *device = dt_entry_get_device (self);

  /* Empty means: ask which port when dialing. */
  if (device[0] == '\0')
    return TRUE;
  return _dt_entry_check_device_path (device, reason);
}

static gboolean
check_speed (DtEntry  *self,
             char    **reason)
{
  guint speed = dt_entry_get_speed (self);

  for (gsize i = 0; i < G_N_ELEMENTS (standard_speeds); i++)
    if (standard_speeds[i] == speed)
      return TRUE;
  return fail (reason, _("Choose a standard speed, such as 115200 bps"));
}

gboolean
_dt_entry_check_dial_string (const char  *number,
                            gboolean     required,
                            char       **reason)
{
  if (number[0] == '\0')
    return required ? fail (reason, _("Enter the number to dial")) : TRUE;
  if (strlen (number) > MAX_NUMBER_CHARS)
    return fail (reason, _("The number is too long for a modem to dial"));
  if (!is_dialable (number))
    return fail (reason, _("Use digits, spaces and the characters * # , + - ( ) W P T !"));
  return TRUE;
}

static gboolean
check_alternates (DtEntry  *self,
                  char    **reason)
{
  const char * const *numbers = dt_entry_get_alternates (self);

  if (g_strv_length ((char **) numbers) > MAX_ALTERNATES)
    return fail (reason, _("An entry can have at most 16 alternate numbers"));
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autofree char *why = NULL;

      if (!_dt_entry_check_dial_string (numbers[i], TRUE, &why))
        {
          if (reason != NULL)
            /* Translators: the first %u is a position in the list of alternate numbers. */
            *reason = g_strdup_printf (_("Alternate number %u: %s"), i + 1, why);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_area_code (const char  *code,
                 char       **reason)
{
  if (strlen (code) > MAX_AREA_CODE_CHARS)
    return fail (reason, _("An area code has at most 10 digits"));
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return fail (reason, _("Use digits only, such as 425"));
  return TRUE;
}

static gboolean
check_credential (const char  *text,
                  char       **reason)
{
  if (strlen (text) > MAX_CREDENTIAL_BYTES)
    return fail (reason, _("This is too long: the server accepts at most 255 bytes"));
  if (has_control_characters (text))
    return fail (reason, _("This cannot contain control characters"));
  return TRUE;
}

static gboolean
check_auth (DtEntry  *self,
            char    **reason)
{
  DtAuthMethods methods = dt_entry_get_auth_methods (self);

  if ((methods & DT_AUTH_ALL) == 0 || (methods & ~DT_AUTH_ALL) != 0)
    return fail (reason, _("Allow at least one authentication method"));
  if (dt_entry_get_effective_auth_methods (self) == 0)
    return fail (reason, _("An encrypted password rules out PAP: allow CHAP or MS-CHAP v2 too"));
  if (dt_entry_get_require_server_auth (self) && !(methods & DT_AUTH_MSCHAPV2))
    return fail (reason, _("Only MS-CHAP v2 lets the server prove who it is: allow it"));
  return TRUE;
}

/* The script's first wrong line; a script that sends $PASSWORD is wrong when the password
 * must go encrypted. */
static gboolean
check_login_script (DtEntry  *self,
                    char    **reason)
{
  g_autoptr (GPtrArray) commands = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  DtScriptParseFlags flags = dt_entry_get_require_encryption (self)
                             ? DT_SCRIPT_PARSE_NO_PASSWORD : DT_SCRIPT_PARSE_DEFAULT;

  commands = dt_script_parse (dt_entry_get_login_script (self), flags, &problems);
  if (commands != NULL)
    return TRUE;
  if (reason != NULL)
    *reason = dt_script_problem_format (problems->pdata[0]);
  return FALSE;
}

static gboolean
check_init_strings (DtEntry  *self,
                    char    **reason)
{
  const char * const *strings = dt_entry_get_init_strings (self);

  for (guint i = 0; strings[i] != NULL; i++)
    {
      if (strings[i][0] == '\0' || strlen (strings[i]) > MAX_INIT_STRING_CHARS ||
          !is_printable_ascii (strings[i]))
        {
          if (reason != NULL)
            /* Translators: %u is the position of the init string in the list. */
            *reason = g_strdup_printf (_("Init string %u must be a line of printable ASCII "
                                         "text, such as AT&F"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_range (guint        value,
             guint        min,
             guint        max,
             const char  *message,
             char       **reason)
{
  if (value < min || value > max)
    return fail (reason, message);
  return TRUE;
}

static gboolean
check_enum (DtEntry    *self,
            GParamSpec *pspec)
{
  g_auto (GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self), pspec->name, &value);
  return g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                           g_value_get_enum (&value)) != NULL;
}

static gboolean
check_dns_servers (DtEntry  *self,
                   char    **reason)
{
  const char * const *servers = dt_entry_get_dns_servers (self);
  guint n = g_strv_length ((char **) servers);

  if (dt_entry_get_dns_mode (self) != DT_DNS_MODE_MANUAL)
    return TRUE;
  if (n == 0)
    return fail (reason, _("Enter a DNS server, such as 192.0.2.53"));
  if (n > MAX_DNS_SERVERS)
    return fail (reason, _("PPP sets at most two DNS servers"));
  for (guint i = 0; i < n; i++)
    if (!is_host_ipv4_address (servers[i]))
      return fail (reason, _("Enter an IPv4 address, such as 192.0.2.53"));
  return TRUE;
}

/* 1 to 32, in decimal, without a sign or a leading zero; "0" too, which the caller words. */
static gboolean
parse_prefix_length (const char *text,
                     guint      *prefix)
{
  gsize length = strlen (text);

  if (length == 0 || length > 2 || !g_ascii_isdigit (text[0]) ||
      (length == 2 && (text[0] == '0' || !g_ascii_isdigit (text[1]))))
    return FALSE;
  *prefix = (guint) g_ascii_strtoull (text, NULL, 10);
  return *prefix <= 32;
}

/* Why @route is not a network the link can carry, or NULL when it is. */
static char *
route_problem (const char *route)
{
  const char *slash = strchr (route, '/');
  g_autofree char *address = g_strndup (route, slash != NULL ? (gsize) (slash - route)
                                                             : strlen (route));
  struct in_addr addr;
  guint32 network, mask;
  guint prefix;

  if (inet_pton (AF_INET, address, &addr) != 1)
    return g_strdup (_("Enter an IPv4 network and its prefix length, such as 10.99.0.0/16"));
  if (slash == NULL)
    return g_strdup (_("Add the prefix length, such as 10.99.0.0/16, or /32 for one host"));
  if (!parse_prefix_length (slash + 1, &prefix))
    return g_strdup (_("The prefix length after the / is a number from 1 to 32"));
  if (prefix == 0)
    return g_strdup (_("To send everything through this connection, use the remote network as "
                       "the default gateway"));

  network = ntohl (addr.s_addr);
  mask = G_MAXUINT32 << (32 - prefix);
  if ((network >> 24) == 127 || (network >> 28) >= 14)
    return g_strdup (_("Loopback, multicast and reserved networks cannot be reached through a "
                       "connection"));
  if ((network & ~mask) != 0)
    {
      struct in_addr start = { .s_addr = htonl (network & mask) };
      char text[INET_ADDRSTRLEN];

      inet_ntop (AF_INET, &start, text, sizeof text);
      /* Translators: %s/%u is the network the user meant, such as 10.0.0.0/8. */
      return g_strdup_printf (_("Give the network's first address: %s/%u"), text, prefix);
    }
  return NULL;
}

static gboolean
check_routes (DtEntry  *self,
              char    **reason)
{
  const char * const *routes = dt_entry_get_routes (self);

  if (g_strv_length ((char **) routes) > MAX_ROUTES)
    return fail (reason, _("An entry can have at most 64 routes"));
  for (guint i = 0; routes[i] != NULL; i++)
    {
      g_autofree char *why = route_problem (routes[i]);

      for (guint j = 0; why == NULL && j < i; j++)
        if (g_str_equal (routes[i], routes[j]))
          why = g_strdup (_("This route is already in the list"));
      if (why != NULL)
        {
          if (reason != NULL)
            /* Translators: %u is a position in the entry's list of routes. */
            *reason = g_strdup_printf (_("Route %u: %s"), i + 1, why);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_lcp_echo_failures (DtEntry  *self,
                         char    **reason)
{
  if (dt_entry_get_lcp_echo_interval (self) == 0)
    return TRUE;
  return check_range (dt_entry_get_lcp_echo_failures (self), 1, MAX_LCP_ECHO_FAILURES,
                      _("Allow between 1 and 100 unanswered echo requests"), reason);
}

/**
 * dt_entry_validate_property:
 * @self: an entry
 * @property: a property name of #DtEntry
 * @reason: (out) (optional): a translated sentence for the editor's row when invalid
 *
 * Checks one setting.  Some checks look at other settings too (a static address only
 * matters when #DtEntry:ip-mode is static), so the editor revalidates every row on any
 * change.
 *
 * Returns: whether @property's value is acceptable
 */
gboolean
dt_entry_validate_property (DtEntry     *self,
                            const char  *property,
                            char       **reason)
{
  GParamSpec *pspec;

  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);

  if (reason != NULL)
    *reason = NULL;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  if (G_IS_PARAM_SPEC_ENUM (pspec) && !check_enum (self, pspec))
    return fail (reason, _("Choose one of the offered values"));

  switch (pspec->param_id)
    {
    case PROP_NAME:
      return check_name (self, reason);
    case PROP_DEVICE:
      return check_device (self, reason);
    case PROP_SPEED:
      return check_speed (self, reason);
    case PROP_NUMBER:
      return _dt_entry_check_dial_string (dt_entry_get_number (self),
                                dt_entry_get_device_type (self) == DT_DEVICE_TYPE_MODEM,
                                reason);
    case PROP_ALTERNATES:
      return check_alternates (self, reason);
    case PROP_DIAL_PREFIX:
      return _dt_entry_check_dial_string (dt_entry_get_dial_prefix (self), FALSE, reason);
    case PROP_AREA_CODE:
      return check_area_code (dt_entry_get_area_code (self), reason);
    case PROP_COUNTRY_CODE:
      return check_range (dt_entry_get_country_code (self), 0, MAX_COUNTRY_CODE,
                          _("A country code has one to three digits, such as 44"), reason);
    case PROP_USER:
      return check_credential (dt_entry_get_user (self), reason);
    case PROP_DOMAIN:
      return check_credential (dt_entry_get_domain (self), reason);
    case PROP_AUTH_METHODS:
    case PROP_REQUIRE_ENCRYPTION:
    case PROP_REQUIRE_SERVER_AUTH:
      return check_auth (self, reason);
    case PROP_INIT_STRINGS:
      return check_init_strings (self, reason);
    case PROP_EXTRA_COMMANDS:
      if (!is_printable_ascii (dt_entry_get_extra_commands (self)))
        return fail (reason, _("Use printable ASCII text, such as ATS11=50"));
      return TRUE;
    case PROP_DIAL_TIMEOUT:
      return check_range (dt_entry_get_dial_timeout (self), 1, MAX_DIAL_TIMEOUT,
                          _("Wait between 1 and 255 seconds for an answer"), reason);
    case PROP_REDIAL_ATTEMPTS:
      return check_range (dt_entry_get_redial_attempts (self), 0, MAX_REDIAL_ATTEMPTS,
                          _("Redial at most 99 times"), reason);
    case PROP_REDIAL_INTERVAL:
      return check_range (dt_entry_get_redial_interval (self), 1, MAX_REDIAL_INTERVAL,
                          _("Wait between 1 second and 10 minutes between redials"), reason);
    case PROP_IDLE_DISCONNECT:
      return check_range (dt_entry_get_idle_disconnect (self), 0, MAX_IDLE_DISCONNECT,
                          _("Hang up after at most 24 hours of idle time"), reason);
    case PROP_LOGIN_SCRIPT:
      return check_login_script (self, reason);
    case PROP_STATIC_ADDRESS:
      if (dt_entry_get_ip_mode (self) == DT_IP_MODE_STATIC &&
          !is_host_ipv4_address (dt_entry_get_static_address (self)))
        return fail (reason, _("Enter an IPv4 address, such as 192.0.2.10"));
      return TRUE;
    case PROP_DNS_SERVERS:
      return check_dns_servers (self, reason);
    case PROP_ROUTES:
      return check_routes (self, reason);
    case PROP_CALLBACK_NUMBER:
      return _dt_entry_check_dial_string (dt_entry_get_callback_number (self),
                                dt_entry_get_callback_mode (self) == DT_CALLBACK_FIXED,
                                reason);
    case PROP_LCP_ECHO_INTERVAL:
      return check_range (dt_entry_get_lcp_echo_interval (self), 0, MAX_LCP_ECHO_INTERVAL,
                          _("Send echo requests at most an hour apart, or never"), reason);
    case PROP_LCP_ECHO_FAILURES:
      return check_lcp_echo_failures (self, reason);
    case PROP_SUB_ENTRY_DEVICES:
    case PROP_SUB_ENTRY_NUMBERS:
      return _dt_entry_check_sub_entries (self, reason);
    case PROP_DIAL_EXTRA_PERCENT:
    case PROP_DIAL_EXTRA_SECONDS:
    case PROP_HANG_UP_EXTRA_PERCENT:
    case PROP_HANG_UP_EXTRA_SECONDS:
      return _dt_entry_check_multilink_load (self, reason);
    default:
      /* Booleans, enums already checked, the UUID and the history. */
      return TRUE;
    }
}

/**
 * dt_entry_find_invalid_property:
 * @self: an entry
 * @reason: (out) (optional): why that property is invalid
 *
 * Returns: (nullable): the name of the first invalid property, or NULL when every setting
 *   is acceptable
 */
const char *
dt_entry_find_invalid_property (DtEntry  *self,
                                char    **reason)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if (!dt_entry_validate_property (self, pspecs[i]->name, reason))
      return pspecs[i]->name;
  return NULL;
}

gboolean
dt_entry_is_valid (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), FALSE);

  return dt_entry_find_invalid_property (self, NULL) == NULL;
}

/* Exposed for the tests' validation table and for the editor's alternates list. */
gboolean
dt_entry_number_is_dialable (const char *number)
{
  g_return_val_if_fail (number != NULL, FALSE);

  return is_dialable (number);
}

gboolean
dt_entry_address_is_valid (const char *address)
{
  g_return_val_if_fail (address != NULL, FALSE);

  return is_host_ipv4_address (address);
}

/**
 * dt_entry_route_is_valid:
 * @route: a route as the user typed it
 * @reason: (out) (optional): a translated sentence when it is not valid
 *
 * Checks one route of #DtEntry:routes on its own ("10.99.0.0/16"), for the editor's rows
 * and the CLI; duplicates are the whole list's business, dt_entry_validate_property()'s.
 *
 * Returns: whether @route is an IPv4 network with its prefix length
 */
gboolean
dt_entry_route_is_valid (const char  *route,
                         char       **reason)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (route != NULL, FALSE);

  if (reason != NULL)
    *reason = NULL;
  why = route_problem (route);
  if (why == NULL)
    return TRUE;
  if (reason != NULL)
    *reason = g_steal_pointer (&why);
  return FALSE;
}
