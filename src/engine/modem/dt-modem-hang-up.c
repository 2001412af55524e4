/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModem's hang-up (dt-modem.c has the rest): it ends a dial or answer in progress, drops
 * DTR for half a second, or sends "+++" and ATH0 where DTR cannot drop or the carrier stays
 * up, bounds the wait once the far end is gone, and closes the port for every hang-up that
 * waited on it. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-modem-private.h"

#define DTR_DROP_TIME      500   /* ms */
/* Once the far end is gone, how long the modem has to confirm ATH0: a local modem that
 * works answers at once, and nothing on the line is worth a longer wait. */
#define PEER_GONE_ATH_WAIT 1000  /* ms */

void
_dt_modem_finish_hang_up (DtModem *self,
                          GError  *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->hang_up_task);
  g_autoptr (GPtrArray) waiters = g_steal_pointer (&self->hang_up_waiters);

  _dt_modem_close_port (self);
  if (task == NULL)
    g_clear_error (&error);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  /* The port is closed for them too, whatever the modem said. */
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), TRUE);
}

static void
on_dialog_hang_up_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (DtModem) self = user_data;
  GError *error = NULL;

  dt_at_dialog_hang_up_finish (DT_AT_DIALOG (source), result, &error);
  /* After an aborted call, or once the line is gone, closing (and so dropping DTR) is all
   * that is left: only an online modem that ignored ATH0 is worth reporting. */
  if (error != NULL && (!self->escaping || self->line_dead
                        || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED)))
    g_clear_error (&error);
  if (self->hang_up_task != NULL)
    _dt_modem_finish_hang_up (self, error);
  else
    g_clear_error (&error);
}

static void
hang_up_in_band (DtModem  *self,
                 gboolean  escape)
{
  self->escaping = escape;
  dt_at_dialog_hang_up_async (self->dialog, escape, NULL, on_dialog_hang_up_done,
                              g_object_ref (self));
}

static gboolean
on_dtr_low_elapsed (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (GError) error = NULL;
  gboolean carrier = FALSE;

  self->dtr_timeout_id = 0;
  if (dt_serial_port_get_carrier (self->port, &carrier, &error) && carrier)
    {
      /* The modem ignores DTR (AT&D0). */
      g_debug ("%s: carrier still up after dropping DTR", self->device);
      hang_up_in_band (self, TRUE);
    }
  else
    _dt_modem_finish_hang_up (self, NULL);
  return G_SOURCE_REMOVE;
}

/* The far end is gone and the modem has not confirmed the hang-up in time: the port closes
 * (DTR drops) without waiting longer, as when the carrier is lost during a hang-up. */
static gboolean
on_hang_up_limit (gpointer user_data)
{
  DtModem *self = DT_MODEM (user_data);
  g_autoptr (DtModem) hold = g_object_ref (self);

  self->hang_up_limit_id = 0;
  g_debug ("%s: no answer to the hang-up from a line whose far end is gone; closing the port",
           self->device);
  self->line_dead = TRUE;
  if (self->dialog != NULL && dt_at_dialog_is_busy (self->dialog))
    dt_at_dialog_abort (self->dialog,
                        g_error_new_literal (DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED,
                                             "The far end of the line is gone"));
  else if (self->hang_up_task != NULL)
    _dt_modem_finish_hang_up (self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * dt_modem_set_peer_gone:
 *
 * Says that the far end stopped answering (PPP's echoes went unanswered) while the carrier
 * may still be up.  The next hang-up still drops DTR, or sends "+++" and ATH0, but closes the
 * port after two guard times and one second at most, whatever the modem said by then: a
 * dead line is not worth the full command timeout.
 */
void
dt_modem_set_peer_gone (DtModem *self)
{
  g_return_if_fail (DT_IS_MODEM (self));

  if (self->state != DT_MODEM_STATE_CLOSED)
    self->peer_gone = TRUE;
}

/**
 * dt_modem_hang_up_async:
 * @cancellable: cancelling only makes the result %G_IO_ERROR_CANCELLED: the hang-up itself
 *   always runs to the end
 *
 * Ends whatever the modem is doing and closes the port and its lock.  A dial or answer in
 * progress fails with 631; its ATD is aborted with a CR and the modem's NO CARRIER awaited.
 * Online, DTR is dropped for half a second; where that is not possible (a pty) or the
 * carrier stays up, the modem gets "+++" between two guard times, then ATH0.  Completes
 * within two guard times plus the command timeout.  An error (the modem never confirmed
 * ATH0) still leaves the port closed.  A hang-up asked for while one runs completes when
 * that one has closed the port.
 */
void
dt_modem_hang_up_async (DtModem             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  gboolean online;
  gboolean calling;

  g_return_if_fail (DT_IS_MODEM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_modem_hang_up_async);
  if (self->state == DT_MODEM_STATE_HANGING_UP)
    {
      /* It completes with the hang-up that runs, once the port is closed. */
      if (self->hang_up_waiters == NULL)
        self->hang_up_waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->hang_up_waiters, g_steal_pointer (&task));
      return;
    }
  if (self->state == DT_MODEM_STATE_CLOSED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The hang-up owns the modem before the interrupted dial's callback runs, so that the
   * callback sees a modem that is hanging up. */
  online = self->state == DT_MODEM_STATE_ONLINE;
  self->state = DT_MODEM_STATE_HANGING_UP;
  self->hang_up_task = g_object_ref (task);
  self->delivering = FALSE;
  /* The modem's answers to +++ and ATH, byte by byte again. */
  if (self->port != NULL)
    dt_serial_port_set_delimiter (self->port, -1);
  g_byte_array_set_size (self->held, 0);
  calling = dt_at_dialog_abort (self->dialog,
                                g_error_new_literal (DT_RAS_ERROR,
                                                     DT_RAS_ERROR_USER_DISCONNECTION,
                                                     _("The dial was ended by a hang-up.")));
  if (self->hang_up_task != task)
    return;
  if (self->peer_gone)
    self->hang_up_limit_id = g_timeout_add (2 * self->guard_time + PEER_GONE_ATH_WAIT,
                                            on_hang_up_limit, self);

  /* A null-modem cable has nobody to hear "+++": closing drops DTR, and that is all. */
  if (self->line_dead || (!online && !calling) || self->device_type == DT_DEVICE_TYPE_DIRECT)
    _dt_modem_finish_hang_up (self, NULL);
  else if (calling)
    hang_up_in_band (self, FALSE);
  else
    {
      dt_serial_port_discard_output (self->port);
      if (dt_serial_port_set_dtr (self->port, FALSE, &error))
        self->dtr_timeout_id = g_timeout_add (DTR_DROP_TIME, on_dtr_low_elapsed, self);
      else
        {
          g_debug ("%s: %s; hanging up in band", self->device, error->message);
          hang_up_in_band (self, TRUE);
        }
    }
}

gboolean
dt_modem_hang_up_finish (DtModem       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
