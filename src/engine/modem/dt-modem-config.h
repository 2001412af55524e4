/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemConfig: what a modem needs to know from a phonebook entry (the device, its speed
 * and flow control, the commands, the dial mode and the timeouts), and its translation into
 * the Hayes commands a dial sends. */
#pragma once

#include <glib.h>

#include "dt-entry.h"

G_BEGIN_DECLS

#define DT_MODEM_DEFAULT_COMMAND_TIMEOUT 3000   /* ms */
#define DT_MODEM_DEFAULT_DIAL_TIMEOUT    60000  /* ms */
#define DT_MODEM_DEFAULT_GUARD_TIME      1100   /* ms */
#define DT_MODEM_COMMAND_TRIES           2       /* sends of one command before giving up */

/* Everything the modem needs from an entry.  Strings are copied by dt_modem_new(). */
typedef struct
{
  const char         *device;
  const char         *lock_dir;         /* NULL: the system's lock directory */
  DtDeviceType        device_type;
  guint               speed;            /* bps; 0 keeps the device's current speed */
  DtFlowControl       flow_control;
  const char * const *init_strings;     /* NULL or empty: "ATZ" and a sane setup line */
  const char         *extra_commands;   /* one command per line; "AT" may be left out */
  DtSpeaker           speaker;
  DtDialMode          dial_mode;
  const char         *dial_prefix;      /* e.g. "9," for an outside line */
  guint               command_timeout;  /* ms per command; 0: the default */
  guint               dial_timeout;     /* ms for the answer to ATD or ATA; 0: the default */
  guint               guard_time;       /* ms of silence around "+++" (the modem's S12 × 20,
                                         * plus a margin); 0: the default, for S12=50 */
} DtModemConfig;

/* @config as @entry says, the rest zero (the defaults); its strings are @entry's. */
void            dt_modem_config_init_from_entry (DtModemConfig     *config,
                                                 DtEntry           *entry);
GStrv           dt_modem_config_build_setup  (const DtModemConfig  *config);
char           *dt_modem_build_dial_command  (DtDialMode            mode,
                                              const char           *prefix,
                                              const char           *number,
                                              GError              **error);

G_END_DECLS
