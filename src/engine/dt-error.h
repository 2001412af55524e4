/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Errors with RAS numbering (RasGetErrorString), so that a user who sees "Error 691" can
 * search for it.  Engine errors travel as GErrors in the DT_RAS_ERROR domain whose code is
 * the RAS number. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_RAS_ERROR (dt_ras_error_quark ())

typedef enum {
  DT_RAS_ERROR_NONE = 0,
  DT_RAS_ERROR_PORT_DISCONNECTED = 619,
  DT_RAS_ERROR_DISCONNECTION = 628,
  DT_RAS_ERROR_REMOTE_DISCONNECTION = 629,
  DT_RAS_ERROR_HARDWARE_FAILURE = 630,
  DT_RAS_ERROR_USER_DISCONNECTION = 631,
  DT_RAS_ERROR_PORT_ALREADY_OPEN = 633,
  DT_RAS_ERROR_REQUEST_TIMEOUT = 638,
  DT_RAS_ERROR_RESTRICTED_LOGON_HOURS = 646,
  DT_RAS_ERROR_ACCT_DISABLED = 647,
  DT_RAS_ERROR_PASSWD_EXPIRED = 648,
  DT_RAS_ERROR_NO_DIALIN_PERMISSION = 649,
  DT_RAS_ERROR_FROM_DEVICE = 651,
  DT_RAS_ERROR_LINE_BUSY = 676,
  DT_RAS_ERROR_VOICE_ANSWER = 677,
  DT_RAS_ERROR_NO_ANSWER = 678,
  DT_RAS_ERROR_NO_CARRIER = 679,
  DT_RAS_ERROR_NO_DIALTONE = 680,
  DT_RAS_ERROR_DEVICE_ERROR = 681,
  DT_RAS_ERROR_AUTHENTICATION_FAILURE = 691,
  DT_RAS_ERROR_PORT_OR_DEVICE = 692,
  DT_RAS_ERROR_INTERACTIVE_MODE = 703,
  DT_RAS_ERROR_BAD_CALLBACK_NUMBER = 704,
  DT_RAS_ERROR_CHANGING_PASSWORD = 709,
  DT_RAS_ERROR_PPP_TIMEOUT = 718,
  DT_RAS_ERROR_PPP_REMOTE_TERMINATED = 719,
  DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED = 720,
  DT_RAS_ERROR_PPP_LCP_TERMINATED = 734,
} DtRasError;

GQuark       dt_ras_error_quark        (void);
const char  *dt_ras_error_get_message  (guint code);
const guint *dt_ras_error_list         (gsize *n_codes);
char        *dt_ras_error_format       (guint code);

G_END_DECLS
