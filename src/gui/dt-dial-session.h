/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialSession: what the desktop shows for one entry's dials, from Connect to Connected or
 * to the error: the Connect dialog, the progress dialog and the dialogs of the paused states
 * over it, the error dialog with its redial countdown, and the automatic redial when a link
 * drops.  The application keeps one per entry; every dial goes through its DtDialer.  The
 * dialogs never call the session: it listens to what they say the user chose.
 * Property "redial-pending" (gboolean, read-only): the error dialog counts down to a redial. */
#pragma once

#include <adwaita.h>

#include "dt-dialer.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

#define DT_TYPE_DIAL_SESSION (dt_dial_session_get_type ())

G_DECLARE_FINAL_TYPE (DtDialSession, dt_dial_session, DT, DIAL_SESSION, GObject)

DtDialSession *dt_dial_session_new                (GtkApplication *application,
                                                   DtDialer       *dialer,
                                                   DtPhonebook    *phonebook,
                                                   DtEntry        *entry);
DtEntry       *dt_dial_session_get_entry          (DtDialSession  *self);
gboolean       dt_dial_session_get_redial_pending (DtDialSession  *self);
void           dt_dial_session_connect            (DtDialSession  *self);
void           dt_dial_session_cancel_redial      (DtDialSession  *self);

G_END_DECLS
