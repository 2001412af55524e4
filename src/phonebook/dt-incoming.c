/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncoming: see dt-incoming.h.  The file is a GKeyFile:
 *
 *   [incoming]
 *   enabled=true
 *   devices=/dev/ttyUSB0;
 *   rings=2
 *   server-address=10.77.0.1
 *   addresses=10.77.0.2;10.77.0.3-10.77.0.9;
 *   dns-servers=10.77.0.1;
 *   reach=network                 ; or computer
 *   auth=chap;mschapv2;           ; and pap
 *
 *   [user alice]
 *   enabled=true
 *   callback=caller               ; none, caller, preset
 *   callback-number=555-0177
 *
 * A value that does not parse keeps its default, so that a file edited by hand cannot stop
 * Dialtone from answering; passwords are never here. */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dt-entry.h"
#include "dt-incoming.h"

#define GROUP "incoming"
#define USER_PREFIX "user "
#define MAX_RINGS 20

struct _DtIncoming
{
  GObject parent_instance;

  char *path;
  gboolean enabled;
  guint rings;
  GStrv devices;
  GStrv direct_devices;
  char *server_address;
  GStrv addresses;
  GStrv dns_servers;
  gboolean accept_caller_address;
  DtIncomingReach reach;
  guint auth_methods;
  guint idle_disconnect;
  guint max_call_time;
  GListStore *users;
};

G_DEFINE_FINAL_TYPE (DtIncoming, dt_incoming, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_RINGS,
  PROP_SERVER_ADDRESS,
  PROP_ACCEPT_CALLER_ADDRESS,
  PROP_REACH,
  PROP_AUTH_METHODS,
  PROP_IDLE_DISCONNECT,
  PROP_MAX_CALL_TIME,
  PROP_DEVICES,
  PROP_DIRECT_DEVICES,
  PROP_ADDRESSES,
  PROP_DNS_SERVERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const default_addresses[] = { "10.77.0.2", "10.77.0.3", "10.77.0.4",
                                                  "10.77.0.5", NULL };

guint32
dt_incoming_parse_address (const char *text)
{
  struct in_addr addr;
  guint32 value;

  if (text == NULL || inet_pton (AF_INET, text, &addr) != 1)
    return 0;
  value = ntohl (addr.s_addr);
  if ((value >> 24) == 0 || (value >> 24) == 127 || (value >> 24) >= 224)
    return 0;
  return value;
}

static char *
address_to_string (guint32 addr)
{
  return g_strdup_printf ("%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff, (addr >> 8) & 0xff,
                          addr & 0xff);
}

/* "a.b.c.d" or "a.b.c.d-e.f.g.h" (first ≤ last): FALSE for anything else. */
static gboolean
parse_range (const char *text,
             guint32    *first,
             guint32    *last)
{
  g_auto (GStrv) parts = g_strsplit (text, "-", 3);
  guint n = g_strv_length (parts);

  if (n < 1 || n > 2)
    return FALSE;
  *first = dt_incoming_parse_address (g_strstrip (parts[0]));
  *last = n == 2 ? dt_incoming_parse_address (g_strstrip (parts[1])) : *first;
  return *first != 0 && *last != 0 && *first <= *last;
}

GStrv
dt_incoming_expand_pool (DtIncoming *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);

  for (guint i = 0; self->addresses[i] != NULL && n < DT_INCOMING_MAX_POOL; i++)
    {
      guint32 first, last;

      if (!parse_range (self->addresses[i], &first, &last))
        continue;
      for (guint64 a = first; a <= last && n < DT_INCOMING_MAX_POOL; a++, n++)
        {
          g_autofree char *text = address_to_string ((guint32) a);

          g_strv_builder_add (builder, text);
        }
    }
  return g_strv_builder_end (builder);
}

/* Properties ------------------------------------------------------------------------------ */

static void
set_strv (DtIncoming          *self,
          GStrv               *field,
          const char * const  *value,
          guint                prop)
{
  if (g_strv_equal ((const char * const *) *field, value != NULL ? value
                                                                : (const char * const[]) { NULL }))
    return;
  g_strfreev (*field);
  *field = value != NULL ? g_strdupv ((char **) value) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (DtIncoming *self,
          guint      *field,
          guint       value,
          guint       prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
dt_incoming_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DtIncoming *self = DT_INCOMING (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_RINGS:
      g_value_set_uint (value, self->rings);
      break;
    case PROP_SERVER_ADDRESS:
      g_value_set_string (value, self->server_address);
      break;
    case PROP_ACCEPT_CALLER_ADDRESS:
      g_value_set_boolean (value, self->accept_caller_address);
      break;
    case PROP_REACH:
      g_value_set_uint (value, self->reach);
      break;
    case PROP_AUTH_METHODS:
      g_value_set_uint (value, self->auth_methods);
      break;
    case PROP_IDLE_DISCONNECT:
      g_value_set_uint (value, self->idle_disconnect);
      break;
    case PROP_MAX_CALL_TIME:
      g_value_set_uint (value, self->max_call_time);
      break;
    case PROP_DEVICES:
      g_value_set_boxed (value, self->devices);
      break;
    case PROP_DIRECT_DEVICES:
      g_value_set_boxed (value, self->direct_devices);
      break;
    case PROP_ADDRESSES:
      g_value_set_boxed (value, self->addresses);
      break;
    case PROP_DNS_SERVERS:
      g_value_set_boxed (value, self->dns_servers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_incoming_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DtIncoming *self = DT_INCOMING (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      dt_incoming_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_RINGS:
      dt_incoming_set_rings (self, g_value_get_uint (value));
      break;
    case PROP_SERVER_ADDRESS:
      dt_incoming_set_server_address (self, g_value_get_string (value), NULL);
      break;
    case PROP_ACCEPT_CALLER_ADDRESS:
      dt_incoming_set_accept_caller_address (self, g_value_get_boolean (value));
      break;
    case PROP_REACH:
      dt_incoming_set_reach (self, g_value_get_uint (value));
      break;
    case PROP_AUTH_METHODS:
      dt_incoming_set_auth_methods (self, g_value_get_uint (value));
      break;
    case PROP_IDLE_DISCONNECT:
      dt_incoming_set_idle_disconnect (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CALL_TIME:
      dt_incoming_set_max_call_time (self, g_value_get_uint (value));
      break;
    case PROP_DEVICES:
      dt_incoming_set_devices (self, g_value_get_boxed (value));
      break;
    case PROP_DIRECT_DEVICES:
      dt_incoming_set_direct_devices (self, g_value_get_boxed (value));
      break;
    case PROP_ADDRESSES:
      dt_incoming_set_addresses (self, g_value_get_boxed (value), NULL);
      break;
    case PROP_DNS_SERVERS:
      dt_incoming_set_dns_servers (self, g_value_get_boxed (value), NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_incoming_finalize (GObject *object)
{
  DtIncoming *self = DT_INCOMING (object);

  g_free (self->path);
  g_strfreev (self->devices);
  g_strfreev (self->direct_devices);
  g_free (self->server_address);
  g_strfreev (self->addresses);
  g_strfreev (self->dns_servers);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (dt_incoming_parent_class)->finalize (object);
}

static void
dt_incoming_class_init (DtIncomingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dt_incoming_finalize;
  object_class->get_property = dt_incoming_get_property;
  object_class->set_property = dt_incoming_set_property;

  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, flags);
  properties[PROP_RINGS] = g_param_spec_uint ("rings", NULL, NULL, 1, MAX_RINGS, 2, flags);
  properties[PROP_SERVER_ADDRESS] = g_param_spec_string ("server-address", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_ACCEPT_CALLER_ADDRESS] =
    g_param_spec_boolean ("accept-caller-address", NULL, NULL, FALSE, flags);
  properties[PROP_REACH] = g_param_spec_uint ("reach", NULL, NULL, 0,
                                              DT_INCOMING_REACH_NETWORK, 0, flags);
  properties[PROP_AUTH_METHODS] = g_param_spec_uint ("auth-methods", NULL, NULL, 0,
                                                     DT_AUTH_ALL, 0, flags);
  properties[PROP_IDLE_DISCONNECT] = g_param_spec_uint ("idle-disconnect", NULL, NULL, 0,
                                                        G_MAXUINT, 0, flags);
  properties[PROP_MAX_CALL_TIME] = g_param_spec_uint ("max-call-time", NULL, NULL, 0,
                                                      G_MAXUINT, 0, flags);
  properties[PROP_DEVICES] = g_param_spec_boxed ("devices", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DIRECT_DEVICES] = g_param_spec_boxed ("direct-devices", NULL, NULL,
                                                        G_TYPE_STRV, flags);
  properties[PROP_ADDRESSES] = g_param_spec_boxed ("addresses", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DNS_SERVERS] = g_param_spec_boxed ("dns-servers", NULL, NULL, G_TYPE_STRV,
                                                     flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_incoming_init (DtIncoming *self)
{
  self->rings = 2;
  self->devices = g_new0 (char *, 1);
  self->direct_devices = g_new0 (char *, 1);
  self->server_address = g_strdup ("10.77.0.1");
  self->addresses = g_strdupv ((char **) default_addresses);
  self->dns_servers = g_new0 (char *, 1);
  self->auth_methods = DT_AUTH_CHAP | DT_AUTH_MSCHAPV2;
  self->users = g_list_store_new (DT_TYPE_DIALIN_USER);
}

DtIncoming *
dt_incoming_new (const char *path)
{
  DtIncoming *self = g_object_new (DT_TYPE_INCOMING, NULL);

  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_config_dir (), "dialtone",
                                                "incoming.ini", NULL);
  return self;
}

const char *
dt_incoming_get_path (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return self->path;
}

/* Accessors ------------------------------------------------------------------------------- */

gboolean
dt_incoming_get_enabled (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);
  return self->enabled;
}

void
dt_incoming_set_enabled (DtIncoming *self,
                         gboolean    enabled)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, (guint *) &self->enabled, !!enabled, PROP_ENABLED);
}

guint
dt_incoming_get_rings (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), 2);
  return self->rings;
}

void
dt_incoming_set_rings (DtIncoming *self,
                       guint       rings)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, &self->rings, CLAMP (rings, 1, MAX_RINGS), PROP_RINGS);
}

const char * const *
dt_incoming_get_devices (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return (const char * const *) self->devices;
}

void
dt_incoming_set_devices (DtIncoming         *self,
                         const char * const *devices)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_strv (self, &self->devices, devices, PROP_DEVICES);
}

const char * const *
dt_incoming_get_direct_devices (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return (const char * const *) self->direct_devices;
}

void
dt_incoming_set_direct_devices (DtIncoming         *self,
                                const char * const *devices)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_strv (self, &self->direct_devices, devices, PROP_DIRECT_DEVICES);
}

const char *
dt_incoming_get_server_address (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return self->server_address;
}

gboolean
dt_incoming_set_server_address (DtIncoming  *self,
                                const char  *address,
                                GError     **error)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  if (dt_incoming_parse_address (address) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IPv4 address a computer can have."),
                   address != NULL ? address : "");
      return FALSE;
    }
  if (g_strcmp0 (self->server_address, address) == 0)
    return TRUE;
  g_free (self->server_address);
  self->server_address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ADDRESS]);
  return TRUE;
}

const char * const *
dt_incoming_get_addresses (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return (const char * const *) self->addresses;
}

gboolean
dt_incoming_set_addresses (DtIncoming          *self,
                           const char * const  *addresses,
                           GError             **error)
{
  g_autoptr (GStrvBuilder) clean = g_strv_builder_new ();
  g_auto (GStrv) value = NULL;

  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (addresses[i]));
      guint32 first, last;

      if (line[0] == '\0')
        continue;
      if (!parse_range (line, &first, &last))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not an address or a range of addresses "
                         "(10.77.0.2, or 10.77.0.2-10.77.0.9)."), line);
          return FALSE;
        }
      g_strv_builder_add (clean, line);
    }
  value = g_strv_builder_end (clean);
  if (value[0] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give callers at least one address."));
      return FALSE;
    }
  set_strv (self, &self->addresses, (const char * const *) value, PROP_ADDRESSES);
  return TRUE;
}

const char * const *
dt_incoming_get_dns_servers (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return (const char * const *) self->dns_servers;
}

gboolean
dt_incoming_set_dns_servers (DtIncoming          *self,
                             const char * const  *servers,
                             GError             **error)
{
  guint n = servers != NULL ? g_strv_length ((char **) servers) : 0;

  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  if (n > 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Callers can be offered two DNS servers at most."));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (dt_incoming_parse_address (servers[i]) == 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not an IPv4 address a computer can have."), servers[i]);
        return FALSE;
      }
  set_strv (self, &self->dns_servers, servers, PROP_DNS_SERVERS);
  return TRUE;
}

gboolean
dt_incoming_get_accept_caller_address (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);
  return self->accept_caller_address;
}

void
dt_incoming_set_accept_caller_address (DtIncoming *self,
                                       gboolean    accept)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, (guint *) &self->accept_caller_address, !!accept,
            PROP_ACCEPT_CALLER_ADDRESS);
}

DtIncomingReach
dt_incoming_get_reach (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), DT_INCOMING_REACH_COMPUTER);
  return self->reach;
}

void
dt_incoming_set_reach (DtIncoming      *self,
                       DtIncomingReach  reach)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, &self->reach, MIN (reach, DT_INCOMING_REACH_NETWORK), PROP_REACH);
}

guint
dt_incoming_get_auth_methods (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), 0);
  return self->auth_methods;
}

void
dt_incoming_set_auth_methods (DtIncoming *self,
                              guint       methods)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  methods &= DT_AUTH_ALL;
  set_uint (self, &self->auth_methods, methods != 0 ? methods : DT_AUTH_MSCHAPV2,
            PROP_AUTH_METHODS);
}

guint
dt_incoming_get_idle_disconnect (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), 0);
  return self->idle_disconnect;
}

void
dt_incoming_set_idle_disconnect (DtIncoming *self,
                                 guint       seconds)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, &self->idle_disconnect, seconds, PROP_IDLE_DISCONNECT);
}

guint
dt_incoming_get_max_call_time (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), 0);
  return self->max_call_time;
}

void
dt_incoming_set_max_call_time (DtIncoming *self,
                               guint       seconds)
{
  g_return_if_fail (DT_IS_INCOMING (self));
  set_uint (self, &self->max_call_time, seconds, PROP_MAX_CALL_TIME);
}

/* Users ----------------------------------------------------------------------------------- */

GListModel *
dt_incoming_get_users (DtIncoming *self)
{
  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);
  return G_LIST_MODEL (self->users);
}

static gboolean
find_position (DtIncoming *self,
               const char *name,
               guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->users));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtDialinUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_utf8_collate (dt_dialin_user_get_name (user), name) == 0 ||
          g_ascii_strcasecmp (dt_dialin_user_get_name (user), name) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

DtDialinUser *
dt_incoming_find_user (DtIncoming *self,
                       const char *name)
{
  guint position;

  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);

  if (name == NULL || !find_position (self, name, &position))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->users), position);
}

static int
compare_users (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return g_utf8_collate (dt_dialin_user_get_name ((DtDialinUser *) a),
                         dt_dialin_user_get_name ((DtDialinUser *) b));
}

DtDialinUser *
dt_incoming_add_user (DtIncoming  *self,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *reason = NULL;
  g_autoptr (DtDialinUser) user = NULL;
  guint position;

  g_return_val_if_fail (DT_IS_INCOMING (self), NULL);

  if (!dt_dialin_user_name_is_valid (name, &reason))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, reason);
      return NULL;
    }
  if (find_position (self, name, &position))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("There is already a user “%s”."),
                   name);
      return NULL;
    }
  user = dt_dialin_user_new (name);
  g_list_store_insert_sorted (self->users, user, compare_users, NULL);
  return g_steal_pointer (&user);
}

gboolean
dt_incoming_remove_user (DtIncoming *self,
                         const char *name)
{
  guint position;

  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  if (name == NULL || !find_position (self, name, &position))
    return FALSE;
  g_list_store_remove (self->users, position);
  return TRUE;
}

/* The file -------------------------------------------------------------------------------- */

static const struct {
  const char *name;
  guint bit;
} auth_names[] = {
  { "pap", DT_AUTH_PAP },
  { "chap", DT_AUTH_CHAP },
  { "mschapv2", DT_AUTH_MSCHAPV2 },
};

static void
load_user (DtIncoming *self,
           GKeyFile   *file,
           const char *group)
{
  const char *name = group + strlen (USER_PREFIX);
  g_autoptr (DtDialinUser) user = NULL;
  g_autofree char *callback = g_key_file_get_string (file, group, "callback", NULL);
  g_autofree char *number = g_key_file_get_string (file, group, "callback-number", NULL);
  g_autoptr (GError) error = NULL;
  DtDialinCallback mode = DT_DIALIN_CALLBACK_NONE;
  gboolean enabled = g_key_file_get_boolean (file, group, "enabled", &error);

  user = dt_incoming_add_user (self, name, NULL);
  if (user == NULL)
    return;
  dt_dialin_user_set_enabled (user, error != NULL || enabled);
  if (callback != NULL && dt_dialin_callback_from_string (callback, &mode))
    dt_dialin_user_set_callback (user, mode);
  if (number != NULL && dt_dialin_callback_number_is_valid (number))
    dt_dialin_user_set_callback_number (user, number);
}

static void
load_settings (DtIncoming *self,
               GKeyFile   *file)
{
  g_auto (GStrv) devices = g_key_file_get_string_list (file, GROUP, "devices", NULL, NULL);
  g_auto (GStrv) direct = g_key_file_get_string_list (file, GROUP, "direct-devices", NULL, NULL);
  g_auto (GStrv) addresses = g_key_file_get_string_list (file, GROUP, "addresses", NULL, NULL);
  g_auto (GStrv) dns = g_key_file_get_string_list (file, GROUP, "dns-servers", NULL, NULL);
  g_auto (GStrv) auth = g_key_file_get_string_list (file, GROUP, "auth", NULL, NULL);
  g_autofree char *server = g_key_file_get_string (file, GROUP, "server-address", NULL);
  g_autofree char *reach = g_key_file_get_string (file, GROUP, "reach", NULL);
  guint64 value;
  g_autofree char *text = NULL;

  dt_incoming_set_enabled (self, g_key_file_get_boolean (file, GROUP, "enabled", NULL));
  text = g_key_file_get_string (file, GROUP, "rings", NULL);
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, MAX_RINGS, &value, NULL))
    dt_incoming_set_rings (self, value);
  dt_incoming_set_devices (self, (const char * const *) devices);
  dt_incoming_set_direct_devices (self, (const char * const *) direct);
  if (server != NULL)
    dt_incoming_set_server_address (self, server, NULL);
  if (addresses != NULL)
    dt_incoming_set_addresses (self, (const char * const *) addresses, NULL);
  dt_incoming_set_dns_servers (self, (const char * const *) dns, NULL);
  dt_incoming_set_accept_caller_address (self, g_key_file_get_boolean (file, GROUP,
                                                                       "accept-caller-address",
                                                                       NULL));
  dt_incoming_set_reach (self, g_strcmp0 (reach, "network") == 0 ? DT_INCOMING_REACH_NETWORK
                                                                 : DT_INCOMING_REACH_COMPUTER);
  if (auth != NULL)
    {
      guint methods = 0;

      for (guint i = 0; auth[i] != NULL; i++)
        for (gsize j = 0; j < G_N_ELEMENTS (auth_names); j++)
          if (g_str_equal (auth[i], auth_names[j].name))
            methods |= auth_names[j].bit;
      dt_incoming_set_auth_methods (self, methods);
    }
  dt_incoming_set_idle_disconnect (self, g_key_file_get_integer (file, GROUP, "idle-disconnect",
                                                                 NULL) > 0
                                   ? g_key_file_get_integer (file, GROUP, "idle-disconnect",
                                                             NULL) : 0);
  dt_incoming_set_max_call_time (self, g_key_file_get_integer (file, GROUP, "max-call-time",
                                                               NULL) > 0
                                 ? g_key_file_get_integer (file, GROUP, "max-call-time", NULL)
                                 : 0);
}

gboolean
dt_incoming_load (DtIncoming  *self,
                  GError     **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  if (!g_key_file_load_from_file (file, self->path, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local), _("Cannot read %s: "),
                                  self->path);
      return FALSE;
    }
  load_settings (self, file);
  g_list_store_remove_all (self->users);
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], USER_PREFIX))
      load_user (self, file, groups[i]);
  return TRUE;
}

static void
save_users (DtIncoming *self,
            GKeyFile   *file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->users));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtDialinUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);
      g_autofree char *group = g_strconcat (USER_PREFIX, dt_dialin_user_get_name (user), NULL);
      const char *number = dt_dialin_user_get_callback_number (user);

      g_key_file_set_boolean (file, group, "enabled", dt_dialin_user_get_enabled (user));
      g_key_file_set_string (file, group, "callback",
                             dt_dialin_callback_to_string (dt_dialin_user_get_callback (user)));
      if (number != NULL)
        g_key_file_set_string (file, group, "callback-number", number);
    }
}

gboolean
dt_incoming_save (DtIncoming  *self,
                  GError     **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GPtrArray) auth = g_ptr_array_new ();
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DT_IS_INCOMING (self), FALSE);

  g_key_file_set_boolean (file, GROUP, "enabled", self->enabled);
  g_key_file_set_string_list (file, GROUP, "devices", (const char * const *) self->devices,
                              g_strv_length (self->devices));
  g_key_file_set_string_list (file, GROUP, "direct-devices",
                              (const char * const *) self->direct_devices,
                              g_strv_length (self->direct_devices));
  g_key_file_set_integer (file, GROUP, "rings", self->rings);
  g_key_file_set_string (file, GROUP, "server-address", self->server_address);
  g_key_file_set_string_list (file, GROUP, "addresses", (const char * const *) self->addresses,
                              g_strv_length (self->addresses));
  g_key_file_set_string_list (file, GROUP, "dns-servers",
                              (const char * const *) self->dns_servers,
                              g_strv_length (self->dns_servers));
  g_key_file_set_boolean (file, GROUP, "accept-caller-address", self->accept_caller_address);
  g_key_file_set_string (file, GROUP, "reach",
                         self->reach == DT_INCOMING_REACH_NETWORK ? "network" : "computer");
  for (gsize j = 0; j < G_N_ELEMENTS (auth_names); j++)
    if (self->auth_methods & auth_names[j].bit)
      g_ptr_array_add (auth, (gpointer) auth_names[j].name);
  g_key_file_set_string_list (file, GROUP, "auth", (const char * const *) auth->pdata, auth->len);
  g_key_file_set_integer (file, GROUP, "idle-disconnect", self->idle_disconnect);
  g_key_file_set_integer (file, GROUP, "max-call-time", self->max_call_time);
  save_users (self, file);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot create %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  data = g_key_file_to_data (file, &length, NULL);
  return g_file_set_contents_full (self->path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}
