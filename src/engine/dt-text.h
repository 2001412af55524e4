/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text that came from the other end of the line (a server's PPP messages, a modem's result
 * lines, a login prompt), made safe to put in a message, a log, a widget or a terminal. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Valid UTF-8 with every control, format (bidi overrides among them) and line-separator
 * character turned into a space, leading and trailing spaces removed, at most @max_len bytes
 * (cut at a character boundary).  @len -1: @text is NUL-terminated; an embedded NUL ends the
 * text.  NULL when nothing printable is left (or @text is NULL). */
char *dt_text_sanitize (const char *text,
                        gssize      len,
                        gsize       max_len);

G_END_DECLS
