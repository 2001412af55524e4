/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialinUser: see dt-dialin-user.h. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-dialin-user.h"

#define MAX_NAME 64
#define DIALABLE "0123456789*#+,;!@WwTtPp()-. "

struct _DtDialinUser
{
  GObject parent_instance;

  char *name;
  gboolean enabled;
  DtDialinCallback callback;
  char *callback_number;
};

G_DEFINE_FINAL_TYPE (DtDialinUser, dt_dialin_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ENABLED,
  PROP_CALLBACK,
  PROP_CALLBACK_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_dialin_user_finalize (GObject *object)
{
  DtDialinUser *self = DT_DIALIN_USER (object);

  g_free (self->name);
  g_free (self->callback_number);

  G_OBJECT_CLASS (dt_dialin_user_parent_class)->finalize (object);
}

static void
dt_dialin_user_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DtDialinUser *self = DT_DIALIN_USER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_CALLBACK:
      g_value_set_uint (value, self->callback);
      break;
    case PROP_CALLBACK_NUMBER:
      g_value_set_string (value, self->callback_number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_dialin_user_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DtDialinUser *self = DT_DIALIN_USER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_ENABLED:
      dt_dialin_user_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_CALLBACK:
      dt_dialin_user_set_callback (self, g_value_get_uint (value));
      break;
    case PROP_CALLBACK_NUMBER:
      dt_dialin_user_set_callback_number (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_dialin_user_class_init (DtDialinUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = dt_dialin_user_finalize;
  object_class->get_property = dt_dialin_user_get_property;
  object_class->set_property = dt_dialin_user_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_CALLBACK] = g_param_spec_uint ("callback", NULL, NULL, 0,
                                                 DT_DIALIN_CALLBACK_PRESET, 0, flags);
  properties[PROP_CALLBACK_NUMBER] = g_param_spec_string ("callback-number", NULL, NULL, NULL,
                                                          flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_dialin_user_init (DtDialinUser *self)
{
  self->enabled = TRUE;
}

DtDialinUser *
dt_dialin_user_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return g_object_new (DT_TYPE_DIALIN_USER, "name", name, NULL);
}

const char *
dt_dialin_user_get_name (DtDialinUser *self)
{
  g_return_val_if_fail (DT_IS_DIALIN_USER (self), NULL);
  return self->name;
}

gboolean
dt_dialin_user_get_enabled (DtDialinUser *self)
{
  g_return_val_if_fail (DT_IS_DIALIN_USER (self), FALSE);
  return self->enabled;
}

void
dt_dialin_user_set_enabled (DtDialinUser *self,
                            gboolean      enabled)
{
  g_return_if_fail (DT_IS_DIALIN_USER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

DtDialinCallback
dt_dialin_user_get_callback (DtDialinUser *self)
{
  g_return_val_if_fail (DT_IS_DIALIN_USER (self), DT_DIALIN_CALLBACK_NONE);
  return self->callback;
}

void
dt_dialin_user_set_callback (DtDialinUser     *self,
                             DtDialinCallback  callback)
{
  g_return_if_fail (DT_IS_DIALIN_USER (self));
  g_return_if_fail (callback <= DT_DIALIN_CALLBACK_PRESET);

  if (self->callback == callback)
    return;
  self->callback = callback;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK]);
}

const char *
dt_dialin_user_get_callback_number (DtDialinUser *self)
{
  g_return_val_if_fail (DT_IS_DIALIN_USER (self), NULL);
  return self->callback_number;
}

void
dt_dialin_user_set_callback_number (DtDialinUser *self,
                                    const char   *number)
{
  g_return_if_fail (DT_IS_DIALIN_USER (self));

  if (number != NULL && number[0] == '\0')
    number = NULL;
  if (g_strcmp0 (self->callback_number, number) == 0)
    return;
  g_free (self->callback_number);
  self->callback_number = g_strdup (number);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLBACK_NUMBER]);
}

gboolean
dt_dialin_user_name_is_valid (const char  *name,
                              char       **reason)
{
  glong n;

  if (name == NULL || name[0] == '\0' || g_ascii_isspace (name[0]) ||
      g_ascii_isspace (name[strlen (name) - 1]))
    {
      if (reason != NULL)
        *reason = g_strdup (_("Enter a user name, without spaces around it."));
      return FALSE;
    }
  n = g_utf8_validate (name, -1, NULL) ? g_utf8_strlen (name, -1) : -1;
  if (n < 0 || n > MAX_NAME)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("A user name has at most %d characters."), MAX_NAME);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\' || *p == '[' || *p == ']')
      {
        if (reason != NULL)
          *reason = g_strdup (_("A user name cannot hold a backslash, brackets or control "
                                "characters."));
        return FALSE;
      }
  return TRUE;
}

gboolean
dt_dialin_callback_number_is_valid (const char *number)
{
  gboolean digit = FALSE;

  if (number == NULL || strlen (number) > 250)
    return FALSE;
  for (const char *p = number; *p != '\0'; p++)
    {
      if (strchr (DIALABLE, *p) == NULL)
        return FALSE;
      digit = digit || g_ascii_isdigit (*p);
    }
  return digit;
}

const char *
dt_dialin_callback_to_string (DtDialinCallback callback)
{
  switch (callback)
    {
    case DT_DIALIN_CALLBACK_CALLER:
      return "caller";
    case DT_DIALIN_CALLBACK_PRESET:
      return "preset";
    case DT_DIALIN_CALLBACK_NONE:
    default:
      return "none";
    }
}

gboolean
dt_dialin_callback_from_string (const char       *text,
                                DtDialinCallback *callback)
{
  for (DtDialinCallback c = DT_DIALIN_CALLBACK_NONE; c <= DT_DIALIN_CALLBACK_PRESET; c++)
    if (g_strcmp0 (text, dt_dialin_callback_to_string (c)) == 0)
      {
        *callback = c;
        return TRUE;
      }
  return FALSE;
}
