/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How dialtone-cli prints a dial: one line per state change, as text or JSON lines, so that
 * scripts and tests can follow a connection. */
#pragma once

#include <glib.h>

#include "dt-connection.h"

G_BEGIN_DECLS

typedef struct _DtCliOutput DtCliOutput;

DtCliOutput *dt_cli_output_new        (gboolean       json,
                                       FILE          *stream);
void         dt_cli_output_free       (DtCliOutput   *self);
void         dt_cli_output_state      (DtCliOutput   *self,
                                       DtConnState    state,
                                       const char    *detail,
                                       guint          sub_entry);
void         dt_cli_output_connected  (DtCliOutput   *self,
                                       DtConnStatus  *status);
void         dt_cli_output_error      (DtCliOutput   *self,
                                       guint          code,
                                       const char    *message);
void         dt_cli_output_note       (DtCliOutput   *self,
                                       const char    *format,
                                       ...) G_GNUC_PRINTF (2, 3);
char        *dt_cli_json_escape       (const char    *text);
/* @text (from the engine, and so perhaps from the server) made safe for a terminal: no control,
 * format or bidi characters; "" for NULL. */
char        *dt_cli_safe_text         (const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCliOutput, dt_cli_output_free)

G_END_DECLS
