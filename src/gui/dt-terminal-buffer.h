/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtTerminalBuffer: a GtkTextBuffer that shows raw bytes from a serial line as a dumb
 * terminal would (carriage return, backspace, tab; escape sequences and other control
 * characters dropped; UTF-8 or Latin-1), keeping at most "max-lines" lines. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DT_TYPE_TERMINAL_BUFFER (dt_terminal_buffer_get_type ())

G_DECLARE_FINAL_TYPE (DtTerminalBuffer, dt_terminal_buffer, DT, TERMINAL_BUFFER, GtkTextBuffer)

DtTerminalBuffer *dt_terminal_buffer_new           (void);
void              dt_terminal_buffer_feed          (DtTerminalBuffer *self,
                                                    const guint8     *data,
                                                    gsize             length);
void              dt_terminal_buffer_set_max_lines (DtTerminalBuffer *self,
                                                    guint             max_lines);

G_END_DECLS
