/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small property helpers shared inside the engine's libraries (not public API). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Sets the string *@field to a copy of @value and notifies @pspec (when not NULL) on
 * @object, only when the value changes. */
static inline void
dt_property_set_string (GObject     *object,
                        GParamSpec  *pspec,
                        char       **field,
                        const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);
}

G_END_DECLS
