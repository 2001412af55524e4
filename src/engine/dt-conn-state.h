/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Connection states, numbered as Windows' RASCONNSTATE so that users and support staff can
 * look them up.  Running states are below 0x1000, paused states (the engine waits for the
 * user) from 0x1000, terminal states from 0x2000.  A state this engine never enters is still
 * named, so the numbers stay stable.  The answering side's states (0x100 and up) are
 * Dialtone's own. */
#pragma once

#include <glib-object.h>

#include "dt-engine-enums.h"   /* DT_TYPE_CONN_STATE, DT_TYPE_NETWORK_MODE, from glib-mkenums */

G_BEGIN_DECLS

typedef enum {
  DT_CONN_STATE_OPEN_PORT = 0,
  DT_CONN_STATE_PORT_OPENED = 1,
  DT_CONN_STATE_CONNECT_DEVICE = 2,
  DT_CONN_STATE_DEVICE_CONNECTED = 3,
  DT_CONN_STATE_ALL_DEVICES_CONNECTED = 4,
  DT_CONN_STATE_AUTHENTICATE = 5,
  DT_CONN_STATE_AUTH_NOTIFY = 6,
  DT_CONN_STATE_AUTH_RETRY = 7,
  DT_CONN_STATE_AUTH_CALLBACK = 8,
  DT_CONN_STATE_AUTH_CHANGE_PASSWORD = 9,
  DT_CONN_STATE_AUTH_PROJECT = 10,
  DT_CONN_STATE_AUTH_LINK_SPEED = 11,
  DT_CONN_STATE_AUTH_ACK = 12,
  DT_CONN_STATE_RE_AUTHENTICATE = 13,
  DT_CONN_STATE_AUTHENTICATED = 14,
  DT_CONN_STATE_PREPARE_FOR_CALLBACK = 15,
  DT_CONN_STATE_WAIT_FOR_MODEM_RESET = 16,
  DT_CONN_STATE_WAIT_FOR_CALLBACK = 17,
  DT_CONN_STATE_PROJECTED = 18,
  DT_CONN_STATE_START_AUTHENTICATION = 19,
  DT_CONN_STATE_CALLBACK_COMPLETE = 20,
  DT_CONN_STATE_LOGON_NETWORK = 21,
  DT_CONN_STATE_SUB_ENTRY_CONNECTED = 22,
  DT_CONN_STATE_SUB_ENTRY_DISCONNECTED = 23,
  DT_CONN_STATE_APPLY_SETTINGS = 24,

  /* The answering side (incoming calls, DtAnswer): RASCONNSTATE has no states for a server,
   * so these are Dialtone's own, in a block of their own.  An answering call also goes
   * through Authenticated (the caller's user name), ApplySettings, Connected (the detail is
   * the caller's user name) and Disconnected. */
  DT_CONN_STATE_LISTENING = 0x100,
  DT_CONN_STATE_RINGING = 0x101,
  DT_CONN_STATE_ANSWERING = 0x102,
  DT_CONN_STATE_AUTHENTICATING_CALLER = 0x103,
  DT_CONN_STATE_CALLING_BACK = 0x104,

  DT_CONN_STATE_INTERACTIVE = 0x1000,
  DT_CONN_STATE_RETRY_AUTHENTICATION = 0x1001,
  DT_CONN_STATE_CALLBACK_SET_BY_CALLER = 0x1002,
  DT_CONN_STATE_PASSWORD_EXPIRED = 0x1003,
  DT_CONN_STATE_INVOKE_EAP_UI = 0x1004,

  DT_CONN_STATE_CONNECTED = 0x2000,
  DT_CONN_STATE_DISCONNECTED = 0x2001,
} DtConnState;

#define DT_CONN_STATE_PAUSED 0x1000
#define DT_CONN_STATE_TERMINAL 0x2000

gboolean     dt_conn_state_is_valid    (int         value);
gboolean     dt_conn_state_is_paused   (DtConnState state);
gboolean     dt_conn_state_is_terminal (DtConnState state);
const char  *dt_conn_state_get_nick    (DtConnState state);
const char  *dt_conn_state_get_name    (DtConnState state);
gboolean     dt_conn_state_from_nick   (const char  *nick,
                                        DtConnState *state);
char        *dt_conn_state_describe    (DtConnState state,
                                        const char *detail);

G_END_DECLS
