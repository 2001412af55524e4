/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialSession: what the desktop shows for one entry's dials, from Connect to Connected or
 * to the error: the Connect dialog, the progress dialog (and through it the dialogs of the
 * paused states), the error dialog with its redial countdown, and the automatic redial when
 * a link drops.  The application keeps one per entry; every dial goes through its DtDialer.
 * Property "redial-pending" (gboolean, read-only): the error dialog counts down to a redial. */
#pragma once

#include <adwaita.h>

#include "dt-application.h"

G_BEGIN_DECLS

#define DT_TYPE_DIAL_SESSION (dt_dial_session_get_type ())

G_DECLARE_FINAL_TYPE (DtDialSession, dt_dial_session, DT, DIAL_SESSION, GObject)

DtDialSession *dt_dial_session_new              (DtApplication       *application,
                                                 DtEntry             *entry);

DtEntry       *dt_dial_session_get_entry        (DtDialSession       *self);
DtApplication *dt_dial_session_get_application  (DtDialSession       *self);
DtConnection  *dt_dial_session_get_connection   (DtDialSession       *self);
const DtCredentials *dt_dial_session_get_credentials (DtDialSession *self);
gboolean       dt_dial_session_get_save_password (DtDialSession      *self);
gboolean       dt_dial_session_get_redial_pending (DtDialSession     *self);

void           dt_dial_session_set_device       (DtDialSession       *self,
                                                 const char          *device);
const char    *dt_dial_session_get_device       (DtDialSession       *self);
void           dt_dial_session_connect          (DtDialSession       *self);
void           dt_dial_session_dial             (DtDialSession       *self,
                                                 const DtCredentials *credentials,
                                                 guint                number_index,
                                                 gboolean             save_password);
gboolean       dt_dial_session_retry_authentication (DtDialSession   *self,
                                                 const DtCredentials *credentials,
                                                 gboolean             save_password,
                                                 GError             **error);
gboolean       dt_dial_session_change_password  (DtDialSession      *self,
                                                 const char         *old_password,
                                                 const char         *new_password,
                                                 GError            **error);
gboolean       dt_dial_session_set_callback_number (DtDialSession   *self,
                                                 const char         *number,
                                                 GError            **error);
gboolean       dt_dial_session_decline_callback (DtDialSession      *self,
                                                 GError            **error);
gboolean       dt_dial_session_continue_interactive (DtDialSession  *self,
                                                 GError            **error);
gboolean       dt_dial_session_has_password     (DtDialSession      *self);
gboolean       dt_dial_session_send_password    (DtDialSession      *self);
void           dt_dial_session_hang_up          (DtDialSession       *self);
void           dt_dial_session_cancel_redial    (DtDialSession       *self);

G_END_DECLS
