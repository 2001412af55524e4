/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a DtEntry is written in phonebook.ini: one key per setting, named after the property
 * in CamelCase ("device-type" → DeviceType), enums by their nick ("hardware"), flags as a
 * list of nicks ("pap;chap;mschapv2;"), the last connection in ISO 8601.  Keys are written
 * in place in the caller's GKeyFile, so keys this version does not know stay where they are.
 * A missing or malformed key reads as the default: one bad value never loses an entry. */

#include "config.h"

#include "dt-entry-keyfile.h"
#include "dt-entry-private.h"

/* "device-type" → "DeviceType". */
static char *
key_for_property (const char *property)
{
  GString *key = g_string_new (NULL);
  gboolean upper = TRUE;

  for (const char *p = property; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          upper = TRUE;
          continue;
        }
      g_string_append_c (key, upper ? g_ascii_toupper (*p) : *p);
      upper = FALSE;
    }
  return g_string_free (key, FALSE);
}

static char **
flags_to_nicks (GType flags_type,
                guint value)
{
  g_autoptr (GFlagsClass) klass = g_type_class_ref (flags_type);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < klass->n_values; i++)
    if ((value & klass->values[i].value) == klass->values[i].value)
      g_strv_builder_add (builder, klass->values[i].value_nick);
  return g_strv_builder_end (builder);
}

static gboolean
nicks_to_flags (GType               flags_type,
                const char * const *nicks,
                guint              *value)
{
  g_autoptr (GFlagsClass) klass = g_type_class_ref (flags_type);

  *value = 0;
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      GFlagsValue *flag = g_flags_get_value_by_nick (klass, nicks[i]);

      if (flag == NULL)
        return FALSE;
      *value |= flag->value;
    }
  return TRUE;
}

static void
write_value (GKeyFile     *key_file,
             const char   *group,
             const char   *key,
             const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    g_key_file_set_string (key_file, group, key, g_value_get_string (value));
  else if (type == G_TYPE_STRV)
    {
      const char * const *list = g_value_get_boxed (value);

      g_key_file_set_string_list (key_file, group, key, list, g_strv_length ((char **) list));
    }
  else if (type == G_TYPE_BOOLEAN)
    g_key_file_set_boolean (key_file, group, key, g_value_get_boolean (value));
  else if (type == G_TYPE_UINT)
    g_key_file_set_uint64 (key_file, group, key, g_value_get_uint (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *nick = g_enum_get_value (klass, g_value_get_enum (value));

      g_key_file_set_string (key_file, group, key, nick != NULL ? nick->value_nick : "");
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_auto (GStrv) nicks = flags_to_nicks (type, g_value_get_flags (value));

      g_key_file_set_string_list (key_file, group, key, (const char * const *) nicks,
                                  g_strv_length (nicks));
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *when = g_value_get_boxed (value);
      g_autofree char *text = when != NULL ? g_date_time_format_iso8601 (when) : NULL;

      g_key_file_set_string (key_file, group, key, text != NULL ? text : "");
    }
  else
    g_assert_not_reached ();
}

/* Reads @key into @value, already initialized to the property's type.  Returns FALSE when
 * the key is absent or its text does not parse as that type. */
static gboolean
read_value (GKeyFile   *key_file,
            const char *group,
            const char *key,
            GValue     *value)
{
  GType type = G_VALUE_TYPE (value);
  g_autoptr (GError) error = NULL;

  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_key_file_get_string (key_file, group, key, &error);

      if (text != NULL)
        g_value_take_string (value, g_steal_pointer (&text));
    }
  else if (type == G_TYPE_STRV)
    {
      g_auto (GStrv) list = g_key_file_get_string_list (key_file, group, key, NULL, &error);

      if (error == NULL)
        g_value_take_boxed (value, list != NULL ? g_steal_pointer (&list) : g_new0 (char *, 1));
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean b = g_key_file_get_boolean (key_file, group, key, &error);

      if (error == NULL)
        g_value_set_boolean (value, b);
    }
  else if (type == G_TYPE_UINT)
    {
      g_autofree char *text = g_key_file_get_string (key_file, group, key, &error);
      guint64 n;

      if (text == NULL ||
          !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXUINT, &n, NULL))
        return FALSE;
      g_value_set_uint (value, (guint) n);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr (GEnumClass) klass = g_type_class_ref (type);
      g_autofree char *text = g_key_file_get_string (key_file, group, key, &error);
      GEnumValue *nick = text != NULL ? g_enum_get_value_by_nick (klass, g_strstrip (text)) : NULL;

      if (nick == NULL)
        return FALSE;
      g_value_set_enum (value, nick->value);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_auto (GStrv) nicks = g_key_file_get_string_list (key_file, group, key, NULL, &error);
      guint flags;

      if (nicks == NULL || !nicks_to_flags (type, (const char * const *) nicks, &flags))
        return FALSE;
      g_value_set_flags (value, flags);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      g_autofree char *text = g_key_file_get_string (key_file, group, key, &error);
      GDateTime *when = NULL;

      if (text == NULL)
        return FALSE;
      if (g_strstrip (text)[0] != '\0')
        {
          when = g_date_time_new_from_iso8601 (text, NULL);
          if (when == NULL)
            return FALSE;
        }
      g_value_take_boxed (value, when);
    }
  else
    g_assert_not_reached ();

  return error == NULL;
}

/* What is done with one key of an entry's group: @value is empty, of @pspec's type. */
typedef void (*KeyFunc) (DtEntry    *self,
                         GParamSpec *pspec,
                         GValue     *value,
                         GKeyFile   *key_file,
                         const char *group,
                         const char *key);

/* Calls @func for every property of @self that is a key of @group: all but the UUID, which
 * names the group. */
static void
for_each_key (DtEntry    *self,
              KeyFunc     func,
              GKeyFile   *key_file,
              const char *group)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      g_autofree char *key = NULL;

      if (pspecs[i]->param_id == PROP_UUID)
        continue;
      key = key_for_property (pspecs[i]->name);
      g_value_init (&value, pspecs[i]->value_type);
      func (self, pspecs[i], &value, key_file, group, key);
    }
}

static void
save_key (DtEntry    *self,
          GParamSpec *pspec,
          GValue     *value,
          GKeyFile   *key_file,
          const char *group,
          const char *key)
{
  g_object_get_property (G_OBJECT (self), pspec->name, value);
  write_value (key_file, group, key, value);
}

/**
 * dt_entry_save_to_key_file:
 * @self: an entry
 * @key_file: the phonebook's key file
 * @group: the entry's group, "Entry <uuid>"
 *
 * Writes every known key of @self into @group, leaving any other key of the group alone.
 */
void
dt_entry_save_to_key_file (DtEntry    *self,
                           GKeyFile   *key_file,
                           const char *group)
{
  g_return_if_fail (DT_IS_ENTRY (self));

  for_each_key (self, save_key, key_file, group);
}

static void
load_key (DtEntry    *self,
          GParamSpec *pspec,
          GValue     *value,
          GKeyFile   *key_file,
          const char *group,
          const char *key)
{
  /* Asked first: a missing key read anyway costs a translated GError, and most entries lack
   * most keys (a file of many thousand entries loads twice as fast). */
  gboolean present = g_key_file_has_key (key_file, group, key, NULL);

  if (!present || !read_value (key_file, group, key, value))
    {
      if (present)
        g_debug ("phonebook: [%s] %s has a value this version cannot read; using the default",
                 group, key);
      g_value_unset (value);
      g_value_init (value, pspec->value_type);
      g_param_value_set_default (pspec, value);
    }
  g_object_set_property (G_OBJECT (self), pspec->name, value);
}

/**
 * dt_entry_load_from_key_file:
 * @self: an entry
 * @key_file: the phonebook's key file
 * @group: the entry's group
 *
 * Sets every property of @self from @group.  A missing or malformed key gives the
 * property's default.  Notifies only what changed, once, at the end.
 */
void
dt_entry_load_from_key_file (DtEntry    *self,
                             GKeyFile   *key_file,
                             const char *group)
{
  g_return_if_fail (DT_IS_ENTRY (self));

  g_object_freeze_notify (G_OBJECT (self));
  for_each_key (self, load_key, key_file, group);
  g_object_thaw_notify (G_OBJECT (self));
}
