/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the fuzz targets that run on the GLib main loop: whatever one input created (a restart
 * timer, an idle) must be gone when the objects are, or a later timer would fire on freed
 * memory in the application. */
#pragma once

#include <glib.h>

/* The id the next GSource will get: the ones an input creates come after it. */
static inline guint
fuzz_next_source_id (void)
{
  guint id = g_idle_add ((GSourceFunc) g_source_remove, NULL);

  g_source_remove (id);
  return id + 1;
}

static inline void
fuzz_assert_no_source_left (guint first)
{
  guint last = fuzz_next_source_id () - 1;

  for (guint id = first; id < last; id++)
    if (g_main_context_find_source_by_id (NULL, id) != NULL)
      g_error ("GSource %u left behind", id);
}
