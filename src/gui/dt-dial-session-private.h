/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtDialSession's insides, shared by its two files: dt-dial-session.c (Connect, the progress
 * and error dialogs, redials) and dt-dial-session-pause.c (the paused states' dialogs and
 * their answers). */
#pragma once

#include "dt-dial-session.h"
#include "dt-progress-dialog.h"

G_BEGIN_DECLS

struct _DtDialSession
{
  GObject parent_instance;

  GtkApplication *application;  /* not owned: it owns the sessions */
  DtDialer *dialer;
  DtPhonebook *phonebook;
  DtEntry *entry;               /* the phonebook's entry */
  DtEntry *dial_entry;          /* what is dialed: the entry, or a copy that dials the chosen
                                 * number first */
  DtCredentials *credentials;
  DtCredentials *new_credentials; /* with the new password, until the server takes it */
  char *callback_number;        /* given at CallbackSetByCaller, kept on Connected */
  char *device;                 /* the modem chosen at Connect, for an entry that names none */
  GCancellable *cancellable;
  gboolean save_password;
  gboolean dialing;             /* a dial started here is running: its states are shown */
  gboolean was_connected;
  gboolean redial_pending;      /* the error dialog counts down to a redial */
  guint attempt;                /* redials since the user's own Connect */

  GtkWindow *connect_dialog;    /* weak pointers */
  DtProgressDialog *progress_dialog;
  GtkWindow *pause_dialog;
  guint pause_sub_entry;         /* the multilink line whose question it is, or 0 */
  GtkWindow *error_dialog;
};

void _dt_dial_session_hang_up           (DtDialSession *self);
void _dt_dial_session_forget_password   (DtDialSession *self);
void _dt_dial_session_open_pause_dialog (DtDialSession *self,
                                         DtConnState    state,
                                         DtConnection  *connection);

G_END_DECLS
