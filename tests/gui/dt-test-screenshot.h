/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the screenshot-* programs (tests/gui/screenshot.sh): a window captured with
 * ImageMagick's `import -window <XID>` under Xvfb. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Waits until @window is mapped, lets it lay out and draw, and writes it to @dir/@name (a
 * PNG); prints the path.  Aborts the program when import fails. */
void dt_test_screenshot (gpointer    window,
                         const char *dir,
                         const char *name);

G_END_DECLS
