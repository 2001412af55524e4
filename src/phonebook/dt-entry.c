/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtEntry: one saved entry of the phonebook.  Every setting is a GObject property whose
 * default lives in its GParamSpec, so that a new entry, the key file loader and the editor
 * agree on the defaults.  The property machinery is table-driven (one offset per property)
 * because the entry has some thirty settings of only six kinds; the typed public accessors
 * are in dt-entry-accessors.c.  Strings are never NULL: an
 * unset string is "" and an unset list is empty. */

#include "config.h"

#include "dt-entry.h"
#include "dt-entry-private.h"
#include "dt-phonebook-enums.h"

G_DEFINE_FINAL_TYPE (DtEntry, dt_entry, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

#define FIELD(name) G_STRUCT_OFFSET (DtEntry, name)

/* Where each property's value lives in the instance; the pspec's value type says its kind. */
static const gsize field_offsets[N_PROPS] = {
  [PROP_UUID] = FIELD (uuid),
  [PROP_NAME] = FIELD (name),
  [PROP_DEVICE] = FIELD (device),
  [PROP_DEVICE_TYPE] = FIELD (device_type),
  [PROP_SPEED] = FIELD (speed),
  [PROP_FLOW_CONTROL] = FIELD (flow_control),
  [PROP_NUMBER] = FIELD (number),
  [PROP_ALTERNATES] = FIELD (alternates),
  [PROP_TRY_ALTERNATES] = FIELD (try_alternates),
  [PROP_DIAL_PREFIX] = FIELD (dial_prefix),
  [PROP_DIAL_MODE] = FIELD (dial_mode),
  [PROP_AREA_CODE] = FIELD (area_code),
  [PROP_COUNTRY_CODE] = FIELD (country_code),
  [PROP_USE_DIALING_RULES] = FIELD (use_dialing_rules),
  [PROP_USER] = FIELD (user),
  [PROP_DOMAIN] = FIELD (domain),
  [PROP_REMEMBER_PASSWORD] = FIELD (remember_password),
  [PROP_PROMPT_CREDENTIALS] = FIELD (prompt_credentials),
  [PROP_AUTH_METHODS] = FIELD (auth_methods),
  [PROP_REQUIRE_ENCRYPTION] = FIELD (require_encryption),
  [PROP_REQUIRE_SERVER_AUTH] = FIELD (require_server_auth),
  [PROP_INIT_STRINGS] = FIELD (init_strings),
  [PROP_EXTRA_COMMANDS] = FIELD (extra_commands),
  [PROP_DIAL_TIMEOUT] = FIELD (dial_timeout),
  [PROP_SPEAKER] = FIELD (speaker),
  [PROP_REDIAL_ATTEMPTS] = FIELD (redial_attempts),
  [PROP_REDIAL_INTERVAL] = FIELD (redial_interval),
  [PROP_REDIAL_ON_LINK_DROP] = FIELD (redial_on_link_drop),
  [PROP_IDLE_DISCONNECT] = FIELD (idle_disconnect),
  [PROP_SHOW_TERMINAL] = FIELD (show_terminal),
  [PROP_LOGIN_SCRIPT] = FIELD (login_script),
  [PROP_IP_MODE] = FIELD (ip_mode),
  [PROP_STATIC_ADDRESS] = FIELD (static_address),
  [PROP_DNS_MODE] = FIELD (dns_mode),
  [PROP_DNS_SERVERS] = FIELD (dns_servers),
  [PROP_DEFAULT_GATEWAY] = FIELD (default_gateway),
  [PROP_ROUTES] = FIELD (routes),
  [PROP_IPV6] = FIELD (ipv6),
  [PROP_CALLBACK_MODE] = FIELD (callback_mode),
  [PROP_CALLBACK_NUMBER] = FIELD (callback_number),
  [PROP_SUB_ENTRY_DEVICES] = FIELD (sub_entry_devices),
  [PROP_SUB_ENTRY_NUMBERS] = FIELD (sub_entry_numbers),
  [PROP_MULTILINK_DIAL] = FIELD (multilink_dial),
  [PROP_DIAL_EXTRA_PERCENT] = FIELD (dial_extra_percent),
  [PROP_DIAL_EXTRA_SECONDS] = FIELD (dial_extra_seconds),
  [PROP_HANG_UP_EXTRA_PERCENT] = FIELD (hang_up_extra_percent),
  [PROP_HANG_UP_EXTRA_SECONDS] = FIELD (hang_up_extra_seconds),
  [PROP_LCP_ECHO_INTERVAL] = FIELD (lcp_echo_interval),
  [PROP_LCP_ECHO_FAILURES] = FIELD (lcp_echo_failures),
  [PROP_COMPRESSION] = FIELD (compression),
  [PROP_LAST_CONNECTED] = FIELD (last_connected),
};

#undef FIELD

/* Enum fields are read and written through int pointers. */
G_STATIC_ASSERT (sizeof (DtDeviceType) == sizeof (int));
G_STATIC_ASSERT (sizeof (DtAuthMethods) == sizeof (guint));

#define FIELD_PTR(self, prop) G_STRUCT_MEMBER_P ((self), field_offsets[(prop)])

void
_dt_entry_set_string_field (DtEntry    *self,
                            guint       prop,
                            const char *value)
{
  char **field = FIELD_PTR (self, prop);
  char *copy;

  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  /* Copy before freeing: @value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_dt_entry_set_strv_field (DtEntry            *self,
                          guint               prop,
                          const char * const *value)
{
  static const char * const empty[] = { NULL };
  char ***field = FIELD_PTR (self, prop);
  char **copy;

  if (value == NULL)
    value = empty;
  if (*field != NULL && g_strv_equal ((const char * const *) *field, value))
    return;
  copy = g_strdupv ((char **) value);
  g_strfreev (*field);
  *field = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_dt_entry_set_uint_field (DtEntry *self,
                          guint    prop,
                          guint    value)
{
  guint *field = FIELD_PTR (self, prop);

  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_dt_entry_set_int_field (DtEntry *self,
                         guint    prop,
                         int      value)
{
  int *field = FIELD_PTR (self, prop);

  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_dt_entry_set_boolean_field (DtEntry  *self,
                             guint     prop,
                             gboolean  value)
{
  _dt_entry_set_int_field (self, prop, !!value);
}

static void
dt_entry_constructed (GObject *object)
{
  DtEntry *self = DT_ENTRY (object);

  G_OBJECT_CLASS (dt_entry_parent_class)->constructed (object);

  if (self->uuid == NULL || self->uuid[0] == '\0')
    {
      g_free (self->uuid);
      self->uuid = g_uuid_string_random ();
    }
}

static void
dt_entry_finalize (GObject *object)
{
  DtEntry *self = DT_ENTRY (object);

  for (guint prop = PROP_UUID; prop < N_PROPS; prop++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (properties[prop]);

      if (type == G_TYPE_STRING)
        g_clear_pointer ((char **) FIELD_PTR (self, prop), g_free);
      else if (type == G_TYPE_STRV)
        g_clear_pointer ((char ***) FIELD_PTR (self, prop), g_strfreev);
    }
  g_clear_pointer (&self->last_connected, g_date_time_unref);

  G_OBJECT_CLASS (dt_entry_parent_class)->finalize (object);
}

static void
dt_entry_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DtEntry *self = DT_ENTRY (object);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  gpointer field;

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  field = FIELD_PTR (self, prop_id);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, *(char **) field);
  else if (type == G_TYPE_STRV)
    g_value_set_boxed (value, *(char ***) field);
  else if (type == G_TYPE_DATE_TIME)
    g_value_set_boxed (value, *(GDateTime **) field);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, *(gboolean *) field);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, *(guint *) field);
  else if (G_TYPE_IS_ENUM (type))
    g_value_set_enum (value, *(int *) field);
  else if (G_TYPE_IS_FLAGS (type))
    g_value_set_flags (value, *(guint *) field);
  else
    g_assert_not_reached ();
}

static void
dt_entry_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DtEntry *self = DT_ENTRY (object);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (prop_id == PROP_UUID)
    self->uuid = g_value_dup_string (value);
  else if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else if (type == G_TYPE_STRING)
    _dt_entry_set_string_field (self, prop_id, g_value_get_string (value));
  else if (type == G_TYPE_STRV)
    _dt_entry_set_strv_field (self, prop_id, g_value_get_boxed (value));
  else if (type == G_TYPE_DATE_TIME)
    dt_entry_set_last_connected (self, g_value_get_boxed (value));
  else if (type == G_TYPE_BOOLEAN)
    _dt_entry_set_boolean_field (self, prop_id, g_value_get_boolean (value));
  else if (type == G_TYPE_UINT)
    _dt_entry_set_uint_field (self, prop_id, g_value_get_uint (value));
  else if (G_TYPE_IS_ENUM (type))
    _dt_entry_set_int_field (self, prop_id, g_value_get_enum (value));
  else if (G_TYPE_IS_FLAGS (type))
    _dt_entry_set_uint_field (self, prop_id, g_value_get_flags (value));
  else
    g_assert_not_reached ();
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", PARAM_FLAGS);
}

static GParamSpec *
strv_param (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);
}

static GParamSpec *
uint_param (const char *name,
            guint       default_value)
{
  /* The full range: out-of-range values are reported by validation, not clamped. */
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, default_value, PARAM_FLAGS);
}

static GParamSpec *
boolean_param (const char *name,
               gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value, PARAM_FLAGS);
}

static GParamSpec *
enum_param (const char *name,
            GType       type,
            int         default_value)
{
  return g_param_spec_enum (name, NULL, NULL, type, default_value, PARAM_FLAGS);
}

static void
dt_entry_class_init (DtEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dt_entry_constructed;
  object_class->finalize = dt_entry_finalize;
  object_class->get_property = dt_entry_get_property;
  object_class->set_property = dt_entry_set_property;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] = string_param ("name");
  properties[PROP_DEVICE] = string_param ("device");
  properties[PROP_DEVICE_TYPE] =
    enum_param ("device-type", DT_TYPE_DEVICE_TYPE, DT_DEVICE_TYPE_MODEM);
  properties[PROP_SPEED] = uint_param ("speed", 115200);
  properties[PROP_FLOW_CONTROL] =
    enum_param ("flow-control", DT_TYPE_FLOW_CONTROL, DT_FLOW_CONTROL_HARDWARE);

  properties[PROP_NUMBER] = string_param ("number");
  properties[PROP_ALTERNATES] = strv_param ("alternates");
  properties[PROP_TRY_ALTERNATES] = boolean_param ("try-alternates", TRUE);
  properties[PROP_DIAL_PREFIX] = string_param ("dial-prefix");
  properties[PROP_DIAL_MODE] = enum_param ("dial-mode", DT_TYPE_DIAL_MODE, DT_DIAL_MODE_TONE);
  /* Windows' "Use dialing rules": the number is local to its area and country codes, and
   * dt_entry_build_dial_string() adds what the caller's location needs.  0: no country. */
  properties[PROP_AREA_CODE] = string_param ("area-code");
  properties[PROP_COUNTRY_CODE] = uint_param ("country-code", 0);
  properties[PROP_USE_DIALING_RULES] = boolean_param ("use-dialing-rules", FALSE);

  properties[PROP_USER] = string_param ("user");
  properties[PROP_DOMAIN] = string_param ("domain");
  properties[PROP_REMEMBER_PASSWORD] = boolean_param ("remember-password", TRUE);
  /* RAS's "Prompt for name and password": off, a saved password dials without a dialog. */
  properties[PROP_PROMPT_CREDENTIALS] = boolean_param ("prompt-credentials", TRUE);

  properties[PROP_AUTH_METHODS] =
    g_param_spec_flags ("auth-methods", NULL, NULL,
                        DT_TYPE_AUTH_METHODS, DT_AUTH_ALL, PARAM_FLAGS);
  properties[PROP_REQUIRE_ENCRYPTION] = boolean_param ("require-encryption", FALSE);
  /* MS-CHAPv2 only, and the server must prove it knows the password. */
  properties[PROP_REQUIRE_SERVER_AUTH] = boolean_param ("require-server-auth", FALSE);

  properties[PROP_INIT_STRINGS] = strv_param ("init-strings");
  properties[PROP_EXTRA_COMMANDS] = string_param ("extra-commands");
  properties[PROP_DIAL_TIMEOUT] = uint_param ("dial-timeout", 60);
  properties[PROP_SPEAKER] = enum_param ("speaker", DT_TYPE_SPEAKER, DT_SPEAKER_UNTIL_CONNECT);

  properties[PROP_REDIAL_ATTEMPTS] = uint_param ("redial-attempts", 3);
  properties[PROP_REDIAL_INTERVAL] = uint_param ("redial-interval", 15);
  properties[PROP_REDIAL_ON_LINK_DROP] = boolean_param ("redial-on-link-drop", FALSE);
  properties[PROP_IDLE_DISCONNECT] = uint_param ("idle-disconnect", 0);
  properties[PROP_SHOW_TERMINAL] = boolean_param ("show-terminal", FALSE);
  properties[PROP_LOGIN_SCRIPT] = string_param ("login-script");

  properties[PROP_IP_MODE] = enum_param ("ip-mode", DT_TYPE_IP_MODE, DT_IP_MODE_SERVER);
  properties[PROP_STATIC_ADDRESS] = string_param ("static-address");
  properties[PROP_DNS_MODE] = enum_param ("dns-mode", DT_TYPE_DNS_MODE, DT_DNS_MODE_SERVER);
  properties[PROP_DNS_SERVERS] = strv_param ("dns-servers");
  properties[PROP_DEFAULT_GATEWAY] = boolean_param ("default-gateway", TRUE);
  /* Networks reached through the link, "a.b.c.d/prefix", with or without the default route. */
  properties[PROP_ROUTES] = strv_param ("routes");
  /* IPv6 too (IPv6CP), or IPv4 only. */
  properties[PROP_IPV6] = boolean_param ("ipv6", TRUE);

  properties[PROP_CALLBACK_MODE] =
    enum_param ("callback-mode", DT_TYPE_CALLBACK_MODE, DT_CALLBACK_NONE);
  properties[PROP_CALLBACK_NUMBER] = string_param ("callback-number");

  /* Multilink: RAS's sub-entries, DialMode, DialExtraPercent and the rest, with its
   * defaults. */
  properties[PROP_SUB_ENTRY_DEVICES] = strv_param ("sub-entry-devices");
  properties[PROP_SUB_ENTRY_NUMBERS] = strv_param ("sub-entry-numbers");
  properties[PROP_MULTILINK_DIAL] =
    enum_param ("multilink-dial", DT_TYPE_MULTILINK_DIAL, DT_MULTILINK_DIAL_ALL);
  properties[PROP_DIAL_EXTRA_PERCENT] = uint_param ("dial-extra-percent", 75);
  properties[PROP_DIAL_EXTRA_SECONDS] = uint_param ("dial-extra-seconds", 120);
  properties[PROP_HANG_UP_EXTRA_PERCENT] = uint_param ("hang-up-extra-percent", 10);
  properties[PROP_HANG_UP_EXTRA_SECONDS] = uint_param ("hang-up-extra-seconds", 120);

  properties[PROP_LCP_ECHO_INTERVAL] = uint_param ("lcp-echo-interval", 10);
  properties[PROP_LCP_ECHO_FAILURES] = uint_param ("lcp-echo-failures", 3);
  /* Van Jacobson header compression and Deflate; off for a server that misbehaves. */
  properties[PROP_COMPRESSION] = boolean_param ("compression", TRUE);

  properties[PROP_LAST_CONNECTED] =
    g_param_spec_boxed ("last-connected", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_entry_init (DtEntry *self)
{
  /* Every default comes from the pspec, so there is one place to change it. */
  for (guint prop = PROP_NAME; prop < N_PROPS; prop++)
    {
      GParamSpec *pspec = properties[prop];
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      const GValue *value = g_param_spec_get_default_value (pspec);
      gpointer field = FIELD_PTR (self, prop);

      if (type == G_TYPE_STRING)
        *(char **) field = g_strdup ("");
      else if (type == G_TYPE_STRV)
        *(char ***) field = g_new0 (char *, 1);
      else if (type == G_TYPE_BOOLEAN)
        *(gboolean *) field = g_value_get_boolean (value);
      else if (type == G_TYPE_UINT)
        *(guint *) field = g_value_get_uint (value);
      else if (G_TYPE_IS_ENUM (type))
        *(int *) field = g_value_get_enum (value);
      else if (G_TYPE_IS_FLAGS (type))
        *(guint *) field = g_value_get_flags (value);
    }
}

/**
 * dt_entry_new:
 *
 * Returns: (transfer full): a new entry with a random UUID and the default settings
 */
DtEntry *
dt_entry_new (void)
{
  return g_object_new (DT_TYPE_ENTRY, NULL);
}

DtEntry *
dt_entry_new_with_uuid (const char *uuid)
{
  return g_object_new (DT_TYPE_ENTRY, "uuid", uuid, NULL);
}

/* Whether @pspec is one of the settings a user edits: not the identity, not the history. */
static gboolean
property_is_setting (GParamSpec *pspec)
{
  return pspec->owner_type == DT_TYPE_ENTRY &&
         pspec->param_id != PROP_UUID &&
         pspec->param_id != PROP_LAST_CONNECTED;
}

/**
 * dt_entry_copy_settings:
 * @self: the entry to change
 * @from: the entry to copy from
 *
 * Copies every setting of @from into @self, except the UUID and the last connection time.
 * The editor edits a copy and applies it with this on Save.  Notifies only what changed.
 */
void
dt_entry_copy_settings (DtEntry *self,
                        DtEntry *from)
{
  g_return_if_fail (DT_IS_ENTRY (self));
  g_return_if_fail (DT_IS_ENTRY (from));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint prop = PROP_NAME; prop < N_PROPS; prop++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      if (!property_is_setting (properties[prop]))
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (properties[prop]));
      g_object_get_property (G_OBJECT (from), properties[prop]->name, &value);
      g_object_set_property (G_OBJECT (self), properties[prop]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * dt_entry_copy:
 *
 * Returns: (transfer full): an entry with the same UUID and the same settings, which the
 *   editor changes freely before copying it back with dt_entry_copy_settings()
 */
DtEntry *
dt_entry_copy (DtEntry *self)
{
  DtEntry *copy;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);

  copy = dt_entry_new_with_uuid (self->uuid);
  dt_entry_copy_settings (copy, self);
  dt_entry_set_last_connected (copy, self->last_connected);
  return copy;
}

/**
 * dt_entry_duplicate:
 *
 * Returns: (transfer full): a new entry, with a new UUID and no connection history, and the
 *   same settings (including the name: the caller makes it unique)
 */
DtEntry *
dt_entry_duplicate (DtEntry *self)
{
  DtEntry *copy;

  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);

  copy = dt_entry_new ();
  dt_entry_copy_settings (copy, self);
  return copy;
}

const char *
dt_entry_get_uuid (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->uuid;
}

/**
 * dt_entry_get_last_connected:
 *
 * Returns: (transfer none) (nullable): when this entry last reached Connected, or NULL
 */
GDateTime *
dt_entry_get_last_connected (DtEntry *self)
{
  g_return_val_if_fail (DT_IS_ENTRY (self), NULL);
  return self->last_connected;
}

void
dt_entry_set_last_connected (DtEntry   *self,
                             GDateTime *when)
{
  g_return_if_fail (DT_IS_ENTRY (self));

  if (self->last_connected == when ||
      (self->last_connected != NULL && when != NULL &&
       g_date_time_equal (self->last_connected, when)))
    return;

  g_clear_pointer (&self->last_connected, g_date_time_unref);
  if (when != NULL)
    self->last_connected = g_date_time_ref (when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CONNECTED]);
}
