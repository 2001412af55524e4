/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The port stage: open and lock the serial port, then the AT dialog of the dial, trying the
 * entry's alternate numbers in order when it says so and a number was the problem (busy, no
 * answer…).  OpenPort → PortOpened → ConnectDevice (→ ConnectDevice…) → DeviceConnected.
 * Before the port opens, ModemManager is asked to let go of the device (DtMmInhibitor), held
 * by the call until its layers are cleared. */

#include "config.h"

#include "dt-dialing-rules.h"
#include "dt-stages.h"

struct _DtPortStage
{
  DtStage parent_instance;

  guint number_index;        /* 0 = the entry's number, then its alternates */
};

G_DEFINE_FINAL_TYPE (DtPortStage, dt_port_stage, DT_TYPE_STAGE)

static DtEntry *
entry_of (DtPortStage *self)
{
  return dt_call_get_entry (dt_stage_get_call (DT_STAGE (self)));
}

static guint
n_numbers (DtPortStage *self)
{
  const char * const *alternates = dt_entry_get_alternates (entry_of (self));

  return 1 + (alternates ? g_strv_length ((char **) alternates) : 0);
}

static const char *
current_number (DtPortStage *self)
{
  if (self->number_index == 0)
    return dt_entry_get_number (entry_of (self));
  return dt_entry_get_alternates (entry_of (self))[self->number_index - 1];
}

static gboolean
worth_next_number (guint code)
{
  /* The number was the problem, not the modem or the account. */
  return code == DT_RAS_ERROR_LINE_BUSY || code == DT_RAS_ERROR_NO_ANSWER ||
         code == DT_RAS_ERROR_NO_CARRIER || code == DT_RAS_ERROR_NO_DIALTONE ||
         code == DT_RAS_ERROR_VOICE_ANSWER;
}

static void dial_current_number (DtPortStage *self);

static void
on_modem_dialed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtPortStage *self = DT_PORT_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  DtModem *modem = DT_MODEM (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *speed = NULL;

  if (!dt_modem_dial_finish (modem, result, &error))
    {
      guint code;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      code = error->domain == DT_RAS_ERROR ? (guint) error->code : DT_RAS_ERROR_DEVICE_ERROR;
      if (dt_entry_get_try_alternates (entry_of (self)) && worth_next_number (code) &&
          self->number_index + 1 < n_numbers (self) && dt_stage_is_running (stage))
        {
          dt_stage_log (stage, "%s: %s; trying the next number", current_number (self),
                        error->message);
          self->number_index++;
          dial_current_number (self);
          return;
        }
      dt_stage_fail_with (stage, error, DT_RAS_ERROR_DEVICE_ERROR);
      return;
    }

  dt_stage_learn_uint (stage, DT_CALL_FACT_LINK_SPEED, dt_modem_get_speed (modem));
  dt_stage_learn_string (stage, DT_CALL_FACT_CONNECT_STRING, dt_modem_get_connect_line (modem));
  speed = g_strdup_printf ("%u", dt_modem_get_speed (modem));
  if (dt_stage_publish (stage, DT_CONN_STATE_DEVICE_CONNECTED, speed))
    dt_stage_done (stage, DT_STAGE_RESULT_ONLINE);
}

/* The current number as the modem dials it: with the area and country codes the entry's
 * dialing rules add for the caller's location. */
static char *
current_dial_string (DtPortStage *self)
{
  g_autoptr (DtDialingLocation) location = NULL;

  if (dt_entry_get_use_dialing_rules (entry_of (self)))
    location = dt_dialing_location_load ();
  return dt_entry_build_dial_string (entry_of (self), current_number (self), location);
}

static void
dial_current_number (DtPortStage *self)
{
  DtStage *stage = DT_STAGE (self);
  DtCall *call = dt_stage_get_call (stage);
  DtDeviceType type = dt_entry_get_device_type (entry_of (self));
  g_autofree char *number = current_dial_string (self);

  if (!dt_stage_publish (stage, DT_CONN_STATE_CONNECT_DEVICE,
                         type == DT_DEVICE_TYPE_MODEM ? number : NULL))
    return;
  dt_modem_dial_async (dt_call_get_modem (call), number, dt_call_get_cancellable (call),
                       on_modem_dialed, dt_stage_hold (stage));
}

static void
on_modem_opened (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtPortStage *self = DT_PORT_STAGE (hold);
  g_autoptr (GError) error = NULL;

  if (!dt_modem_open_finish (DT_MODEM (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dt_stage_fail_with (DT_STAGE (self), error, DT_RAS_ERROR_PORT_OR_DEVICE);
      return;
    }
  self->number_index = 0;
  if (dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_PORT_OPENED,
                        dt_entry_get_device (entry_of (self))))
    dial_current_number (self);
}

static void
open_modem (DtStage *stage)
{
  DtCall *call = dt_stage_get_call (stage);

  dt_call_set_modem (call, dt_modem_new_for_entry (dt_call_get_entry (call)));
  dt_modem_open_async (dt_call_get_modem (call), dt_call_get_cancellable (call), on_modem_opened,
                       dt_stage_hold (stage));
}

static void
on_mm_inhibited (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtStage *stage = DT_STAGE (hold);
  DtMmInhibitor *inhibitor = DT_MM_INHIBITOR (object);
  g_autoptr (GError) error = NULL;

  if (dt_mm_inhibitor_inhibit_finish (inhibitor, result, &error))
    dt_stage_log (stage, "ModemManager let go of %s (device %s) for this call",
                  dt_mm_inhibitor_get_device_path (inhibitor),
                  dt_mm_inhibitor_get_uid (inhibitor));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    dt_stage_log (stage, "ModemManager: %s; dialing regardless", error->message);
  if (!dt_stage_is_running (stage) ||
      inhibitor != dt_call_get_mm_inhibitor (dt_stage_get_call (stage)))
    return;
  open_modem (stage);
}

static void
on_mm_probing (DtMmInhibitor *inhibitor,
               DtStage       *stage)
{
  dt_stage_log (stage, "ModemManager is still probing %s; waiting for it to finish "
                "(at most %u s)", dt_mm_inhibitor_get_device_path (inhibitor),
                DT_MM_INHIBITOR_PROBE_TIMEOUT_MS / 1000);
}

/* ModemManager lets go of the device first, for the whole call (bounded: a ModemManager that
 * is absent or silent never holds the dial up, and one that is still probing the device is
 * waited for only so long); then the modem opens it. */
static void
dt_port_stage_start (DtStage *stage)
{
  DtCall *call = dt_stage_get_call (stage);
  DtEntry *entry = dt_call_get_entry (call);
  DtMmInhibitor *inhibitor;

  if (!dt_stage_publish (stage, DT_CONN_STATE_OPEN_PORT, dt_entry_get_device (entry)))
    return;
  if (dt_call_get_mm_inhibitor (call) != NULL)
    {
      open_modem (stage);
      return;
    }
  inhibitor = dt_mm_inhibitor_new (dt_entry_get_device (entry));
  g_signal_connect_object (inhibitor, "probing", G_CALLBACK (on_mm_probing), stage, 0);
  dt_call_set_mm_inhibitor (call, inhibitor);
  dt_mm_inhibitor_inhibit_async (inhibitor, DT_MM_INHIBITOR_TIMEOUT_MS,
                                 dt_call_get_cancellable (call), on_mm_inhibited,
                                 dt_stage_hold (stage));
}

static void
dt_port_stage_class_init (DtPortStageClass *klass)
{
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  stage_class->kind = DT_STAGE_PORT;
  stage_class->start = dt_port_stage_start;
}

static void
dt_port_stage_init (DtPortStage *self)
{
}

DtStage *
dt_port_stage_new (DtStageHost *host,
                   DtCall      *call)
{
  return g_object_new (DT_TYPE_PORT_STAGE, "host", host, "call", call, NULL);
}
