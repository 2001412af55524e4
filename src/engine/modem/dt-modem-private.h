/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-modem.c and dt-modem-hang-up.c share: DtModem's instance struct, closing the port
 * and finishing a hang-up.  Not for DtModem's users. */
#pragma once

#include "dt-at-dialog.h"
#include "dt-modem.h"
#include "dt-no-carrier.h"

G_BEGIN_DECLS

struct _DtModem
{
  GObject parent_instance;

  /* Configuration, from DtModemConfig. */
  char *device;
  char *lock_dir;
  DtDeviceType device_type;
  guint port_speed;
  DtFlowControl flow_control;
  GStrv setup;                 /* init strings, speaker, extra commands */
  DtDialMode dial_mode;
  char *dial_prefix;
  guint command_timeout;
  guint dial_timeout;
  guint guard_time;

  DtSerialPort *port;
  DtAtDialog *dialog;
  DtModemState state;
  gboolean line_dead;
  gboolean peer_gone;          /* dt_modem_set_peer_gone(): hang up within a bound */
  guint hang_up_limit_id;

  GTask *dial_task;            /* a dial or an answer */
  GTask *hang_up_task;
  GPtrArray *hang_up_waiters;  /* GTask *: hang-ups asked for while one runs */
  gboolean escaping;           /* the hang-up is the in-band one, online */
  char *number;                /* the number as the user knows it, for ::dialing */
  guint dtr_timeout_id;

  /* The outcome of the last dial. */
  guint speed;
  char *connect_line;

  /* Online. */
  gboolean delivering;
  gboolean skip_lf;
  DtNoCarrierScanner no_carrier; /* the modem's word that the call is over, online */
  GByteArray *held;
};

void _dt_modem_close_port     (DtModem *self);
void _dt_modem_finish_hang_up (DtModem *self,
                               GError  *error);

G_END_DECLS
