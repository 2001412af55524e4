/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPortInfo: a plain GObject with string properties, filled in by DtPortList. */

#include "config.h"

#include "dt-port-info.h"

#include "dt-property.h"

struct _DtPortInfo
{
  GObject parent_instance;

  char *path;
  char *sysfs_path;
  char *by_id;
  char *description;
  char *problem;
  char *modem_manager;
};

G_DEFINE_FINAL_TYPE (DtPortInfo, dt_port_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_BY_ID,
  PROP_DESCRIPTION,
  PROP_PROBLEM,
  PROP_MODEM_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

DtPortInfo *
dt_port_info_new (const char *path,
                  const char *sysfs_path)
{
  DtPortInfo *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (DT_TYPE_PORT_INFO, NULL);
  self->path = g_strdup (path);
  self->sysfs_path = g_strdup (sysfs_path != NULL ? sysfs_path : path);
  return self;
}

const char *
dt_port_info_get_path (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->path;
}

/* The key udev removes it by: its sysfs path (the device path when it has none). */
const char *
dt_port_info_get_sysfs_path (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->sysfs_path;
}

const char *
dt_port_info_get_by_id (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->by_id;
}

const char *
dt_port_info_get_description (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->description;
}

/* Why this user cannot open the port, in a few words; NULL when they can. */
const char *
dt_port_info_get_problem (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->problem;
}

const char *
dt_port_info_get_modem_manager (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->modem_manager;
}

/* The name to save in an entry: the by-id name, which survives re-plugging, else the path. */
const char *
dt_port_info_get_preferred_path (DtPortInfo *self)
{
  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);
  return self->by_id != NULL ? self->by_id : self->path;
}

/* One line for a menu: the path, then what it is, what ModemManager knows, and the problem. */
char *
dt_port_info_get_label (DtPortInfo *self)
{
  GString *label = g_string_new (self->path);

  g_return_val_if_fail (DT_IS_PORT_INFO (self), NULL);

  if (self->description != NULL)
    g_string_append_printf (label, " · %s", self->description);
  if (self->modem_manager != NULL)
    g_string_append_printf (label, " · %s", self->modem_manager);
  if (self->problem != NULL)
    g_string_append_printf (label, " · ⚠ %s", self->problem);
  return g_string_free (label, FALSE);
}

static void
set_string (DtPortInfo  *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  dt_property_set_string (G_OBJECT (self), properties[prop], field, value);
}

void
dt_port_info_set_by_id (DtPortInfo *self,
                        const char *by_id)
{
  g_return_if_fail (DT_IS_PORT_INFO (self));
  set_string (self, &self->by_id, by_id, PROP_BY_ID);
}

void
dt_port_info_set_description (DtPortInfo *self,
                              const char *description)
{
  g_return_if_fail (DT_IS_PORT_INFO (self));
  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

void
dt_port_info_set_problem (DtPortInfo *self,
                          const char *problem)
{
  g_return_if_fail (DT_IS_PORT_INFO (self));
  set_string (self, &self->problem, problem, PROP_PROBLEM);
}

void
dt_port_info_set_modem_manager (DtPortInfo *self,
                                const char *text)
{
  g_return_if_fail (DT_IS_PORT_INFO (self));
  set_string (self, &self->modem_manager, text, PROP_MODEM_MANAGER);
}

static void
dt_port_info_finalize (GObject *object)
{
  DtPortInfo *self = DT_PORT_INFO (object);

  g_free (self->path);
  g_free (self->sysfs_path);
  g_free (self->by_id);
  g_free (self->description);
  g_free (self->problem);
  g_free (self->modem_manager);

  G_OBJECT_CLASS (dt_port_info_parent_class)->finalize (object);
}

static void
dt_port_info_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DtPortInfo *self = DT_PORT_INFO (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_BY_ID: g_value_set_string (value, self->by_id); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_PROBLEM: g_value_set_string (value, self->problem); break;
    case PROP_MODEM_MANAGER: g_value_set_string (value, self->modem_manager); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_port_info_class_init (DtPortInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dt_port_info_finalize;
  object_class->get_property = dt_port_info_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_BY_ID] = g_param_spec_string ("by-id", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, flags);
  properties[PROP_MODEM_MANAGER] = g_param_spec_string ("modem-manager", NULL, NULL, NULL,
                                                        flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_port_info_init (DtPortInfo *self)
{
}
