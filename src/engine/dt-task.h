/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small GTask helpers shared inside the engine's libraries (not public API). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Completes the task in *@field, which held a reference of its own, and clears the field:
 * with @error (taken), or TRUE. */
static inline void
dt_task_complete_boolean (GTask  **field,
                          GError  *error)
{
  g_autoptr (GTask) task = g_steal_pointer (field);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

G_END_DECLS
