/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The end of a connection, whatever state it is in: the network link goes first (a bounded
 * wait), then PPP (Terminate-Request and a bounded wait for the Ack), then the modem; then
 * Disconnected with the RAS code, or a fresh dial when a paused state's answer needs one and
 * the user has not hung up meanwhile.  Also the resume functions of the authentication
 * pauses, and what dispose drops. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-connection-private.h"

/* How long a hang-up may wait for PPP's Terminate-Ack before it hangs up the line anyway. */
#define PPP_CLOSE_TIMEOUT_MS 7000
/* How long it waits for the network link to go (NetworkManager deleting the profile) before
 * PPP and the modem hang up anyway: a stalled NetworkManager must not keep the line open,
 * and a working one answers in well under a second. */
#define LINK_DOWN_TIMEOUT_MS 3000

/* Teardown ----------------------------------------------------------------------------- */

typedef enum {
  TEARDOWN_LINK,
  TEARDOWN_PPP,
  TEARDOWN_MODEM,
  TEARDOWN_DONE,
} TeardownPhase;

/* The link's answer may come long after the teardown went on without it, even after the
 * connection is gone: it holds the connection weakly, so that a stalled NetworkManager
 * keeps only the DtLink alive. */
static void
on_link_down (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (DtConnection) self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  dt_link_down_finish (DT_LINK (object), result, NULL);
  if (self == NULL || self->link_down_timeout == 0 || object != (GObject *) self->link)
    return;
  dt_connection_teardown_step (self);
}

static gboolean
on_link_down_timeout (gpointer user_data)
{
  DtConnection *self = user_data;

  self->link_down_timeout = 0;
  dt_connection_log (self, "the network link is not down after %u s; hanging up the line "
                           "regardless", LINK_DOWN_TIMEOUT_MS / 1000);
  dt_connection_teardown_step (self);
  return G_SOURCE_REMOVE;
}

static void
on_modem_hung_up (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!dt_modem_hang_up_finish (DT_MODEM (object), result, &error))
    dt_connection_log (self, "modem hang-up: %s", error->message);
  dt_connection_teardown_step (self);
}

static gboolean
on_ppp_close_timeout (gpointer user_data)
{
  DtConnection *self = user_data;

  self->ppp_close_timeout = 0;
  dt_connection_log (self, "no Terminate-Ack in time; hanging up the line regardless");
  dt_connection_teardown_step (self);
  return G_SOURCE_REMOVE;
}

static void
finish_teardown (DtConnection *self)
{
  guint code = self->pending_error;
  const char *text = dt_ras_error_get_message (code);
  g_autofree char *message = NULL;
  g_autoptr (GTask) task = NULL;

  if (self->pending_message != NULL && text != NULL)
    message = g_strdup_printf ("%s (%s)", text, self->pending_message);
  else
    message = g_strdup (self->pending_message ? self->pending_message : text);

  g_clear_handle_id (&self->stats_source, g_source_remove);
  dt_connection_idle_stop (self);
  dt_connection_update_stats (self);
  g_clear_object (&self->link);
  g_clear_object (&self->ppp);
  self->data_handler = 0;
  g_clear_object (&self->modem);
  self->hanging_up = FALSE;

  /* A dial again (after AuthRetry) only when the user has not hung up meanwhile. */
  if (self->redial_after_teardown && !self->user_hung_up)
    {
      self->redial_after_teardown = FALSE;
      dt_connection_redial (self);
      return;
    }
  self->redial_after_teardown = FALSE;
  dt_connection_release_port (self);

  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
      self->caller_cancel_id = 0;
      g_clear_object (&self->caller_cancellable);
    }

  /* The task is taken first, so that a Disconnected handler may dial again at once. */
  task = g_steal_pointer (&self->dial_task);
  dt_connection_set_error (self, code, message);
  dt_connection_set_state (self, DT_CONN_STATE_DISCONNECTED, message);
  if (task != NULL)
    g_task_return_new_error (task, DT_RAS_ERROR, code, "%s", message);
}

void
dt_connection_teardown_step (DtConnection *self)
{
  g_clear_handle_id (&self->ppp_close_timeout, g_source_remove);
  g_clear_handle_id (&self->link_down_timeout, g_source_remove);

  switch (self->teardown_phase)
    {
    case TEARDOWN_LINK:
      self->teardown_phase = TEARDOWN_PPP;
      if (self->link != NULL)
        {
          GWeakRef *weak = g_new0 (GWeakRef, 1);

          g_weak_ref_init (weak, self);
          self->link_down_timeout = g_timeout_add (LINK_DOWN_TIMEOUT_MS, on_link_down_timeout,
                                                   self);
          dt_link_down_async (self->link, NULL, on_link_down, weak);
          return;
        }
      G_GNUC_FALLTHROUGH;

    case TEARDOWN_PPP:
      self->teardown_phase = TEARDOWN_MODEM;
      if (self->ppp != NULL && !self->ppp_finished && !self->line_dead)
        {
          self->ppp_close_timeout = g_timeout_add (PPP_CLOSE_TIMEOUT_MS, on_ppp_close_timeout, self);
          dt_ppp_close (self->ppp, self->pending_message ? self->pending_message : "User request");
          return;
        }
      G_GNUC_FALLTHROUGH;

    case TEARDOWN_MODEM:
      self->teardown_phase = TEARDOWN_DONE;
      if (self->modem != NULL && !self->line_dead &&
          dt_modem_get_state (self->modem) != DT_MODEM_STATE_CLOSED)
        {
          dt_modem_hang_up_async (self->modem, NULL, on_modem_hung_up, g_object_ref (self));
          return;
        }
      G_GNUC_FALLTHROUGH;

    case TEARDOWN_DONE:
    default:
      finish_teardown (self);
      break;
    }
}

/* Ends the dial or the connection with @code: the network link goes first, then PPP
 * (Terminate-Request, a bounded wait for the Ack), then the modem (DTR, or "+++" and ATH0).
 * Every layer is bounded, so this always reaches Disconnected. */
void
dt_connection_teardown (DtConnection *self,
                        guint         code,
                        const char   *message)
{
  /* The first reason stands; a user's hang-up during the teardown is dt_connection_hang_up's
   * to handle. */
  if (self->hanging_up)
    return;

  self->hanging_up = TRUE;
  self->pending_error = code;
  g_free (self->pending_message);
  self->pending_message = g_strdup (message);
  /* After the flags: a "log" handler that hangs up finds the teardown running. */
  dt_connection_log (self, "hanging up: %u %s", code,
                     self->pending_message ? self->pending_message : "");

  /* Whatever was in flight (open, dial, login script, link activation) stops now. */
  dt_connection_stop_login (self);
  self->data_sink = DT_DATA_SINK_PPP;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->teardown_phase = TEARDOWN_LINK;
  dt_connection_teardown_step (self);
}

/* Paused states ------------------------------------------------------------------------ */


/* Resumes from RetryAuthentication with self->credentials: in the same PPP session when the
 * server allows it, otherwise by hanging up and dialing again. */
gboolean
dt_connection_resume_auth (DtConnection  *self,
                           GError       **error)
{
  DtCredentials *c = self->credentials;

  dt_connection_set_state (self, DT_CONN_STATE_AUTH_RETRY, NULL);
  /* A state-changed handler may have hung up already: that hang-up wins. */
  if (self->user_hung_up || self->hanging_up ||
      self->status.state != DT_CONN_STATE_AUTH_RETRY)
    return TRUE;
  if (self->ppp != NULL && !self->ppp_finished && self->auth_retry_in_session &&
      dt_ppp_retry_auth (self->ppp, c->user, c->password, c->domain, NULL))
    return TRUE;

  self->redial_after_teardown = TRUE;
  dt_connection_teardown (self, DT_RAS_ERROR_AUTHENTICATION_FAILURE, NULL);
  return TRUE;
}

/* Resumes from PasswordExpired: MS-CHAPv2's Change-Password in the same session. */
gboolean
dt_connection_resume_change_password (DtConnection  *self,
                                      const char    *old_password,
                                      const char    *new_password,
                                      GError       **error)
{
  if (self->ppp == NULL || self->ppp_finished)
    {
      g_set_error_literal (error, DT_RAS_ERROR, DT_RAS_ERROR_CHANGING_PASSWORD,
                           _("The server ended the session before the password could be changed"));
      return FALSE;
    }
  if (!dt_ppp_change_password (self->ppp, old_password, new_password, error))
    return FALSE;
  /* The old password is wiped before it is freed, as dt_credentials_free() does. */
  if (self->credentials->password != NULL)
    explicit_bzero (self->credentials->password, strlen (self->credentials->password));
  g_free (self->credentials->password);
  self->credentials->password = g_strdup (new_password);
  dt_connection_set_state (self, DT_CONN_STATE_AUTH_CHANGE_PASSWORD, NULL);
  return TRUE;
}


void
dt_connection_dispose_dial (DtConnection *self)
{
  g_clear_handle_id (&self->ppp_close_timeout, g_source_remove);
  g_clear_handle_id (&self->link_down_timeout, g_source_remove);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  dt_connection_idle_stop (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (self->caller_cancellable, self->caller_cancel_id);
      g_clear_object (&self->caller_cancellable);
    }
  dt_connection_stop_login (self);
  g_clear_object (&self->link);
  g_clear_object (&self->ppp);
  g_clear_object (&self->modem);
  dt_connection_release_port (self);
  g_clear_object (&self->dial_task);
  g_clear_pointer (&self->callback_number, g_free);
}
