/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A window captured with ImageMagick's import: see dt-test-screenshot.h. */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "dt-test-gui.h"
#include "dt-test-screenshot.h"

static gboolean
is_mapped (gconstpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

void
dt_test_screenshot (gpointer    window,
                    const char *dir,
                    const char *name)
{
  GdkSurface *surface;
  g_autofree char *xid = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "import", "-window", NULL, path, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  dt_test_wait_until (is_mapped, window);
  /* Let it lay out and draw. */
  dt_test_spin (800);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  xid = g_strdup_printf ("0x%lx", (gulong) gdk_x11_surface_get_xid (surface));
  argv[2] = xid;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("import %s: %s", name, error->message);
  g_print ("%s\n", path);
}
