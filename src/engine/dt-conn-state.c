/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of connection states: the RAS number, the RASCS_ name for logs, and the
 * translatable message that the progress dialog shows.  The stable nick for files and the CLI
 * is the enum's own (DT_TYPE_CONN_STATE, from glib-mkenums). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-conn-state.h"

typedef struct {
  DtConnState state;
  const char *name;
  /* A message with %s takes the state-changed detail: the number, the speed, the reason. */
  const char *message;
  const char *message_without_detail;
} StateInfo;

static const StateInfo states[] = {
  { DT_CONN_STATE_OPEN_PORT, "OpenPort", NULL, N_("Opening port…") },
  { DT_CONN_STATE_PORT_OPENED, "PortOpened", NULL, N_("Port opened") },
  { DT_CONN_STATE_CONNECT_DEVICE, "ConnectDevice",
    N_("Dialing %s…"), N_("Connecting to the device…") },
  { DT_CONN_STATE_DEVICE_CONNECTED, "DeviceConnected",
    N_("Connected to modem at %s bps"), N_("Connected to the device") },
  { DT_CONN_STATE_ALL_DEVICES_CONNECTED, "AllDevicesConnected",
    NULL, N_("Establishing the PPP link…") },
  { DT_CONN_STATE_AUTHENTICATE, "Authenticate",
    NULL, N_("Verifying user name and password…") },
  { DT_CONN_STATE_AUTH_NOTIFY, "AuthNotify",
    N_("The server answered: %s"), N_("The server answered") },
  { DT_CONN_STATE_AUTH_RETRY, "AuthRetry",
    NULL, N_("Retrying authentication…") },
  { DT_CONN_STATE_AUTH_CALLBACK, "AuthCallback",
    NULL, N_("Negotiating a callback…") },
  { DT_CONN_STATE_AUTH_CHANGE_PASSWORD, "AuthChangePassword",
    NULL, N_("Changing the password…") },
  { DT_CONN_STATE_AUTH_PROJECT, "AuthProject",
    NULL, N_("Starting network protocols…") },
  { DT_CONN_STATE_AUTH_LINK_SPEED, "AuthLinkSpeed",
    NULL, N_("Measuring the link speed…") },
  { DT_CONN_STATE_AUTH_ACK, "AuthAck",
    NULL, N_("Authentication acknowledged") },
  { DT_CONN_STATE_RE_AUTHENTICATE, "ReAuthenticate",
    NULL, N_("Verifying user name and password again…") },
  { DT_CONN_STATE_AUTHENTICATED, "Authenticated",
    NULL, N_("User name and password accepted") },
  { DT_CONN_STATE_PREPARE_FOR_CALLBACK, "PrepareForCallback",
    NULL, N_("Preparing for the callback…") },
  { DT_CONN_STATE_WAIT_FOR_MODEM_RESET, "WaitForModemReset",
    NULL, N_("Waiting for the modem to reset…") },
  { DT_CONN_STATE_WAIT_FOR_CALLBACK, "WaitForCallback",
    N_("Waiting for the server to call back at %s…"), N_("Waiting for the server to call back…") },
  { DT_CONN_STATE_PROJECTED, "Projected",
    NULL, N_("Registering your computer on the network…") },
  { DT_CONN_STATE_START_AUTHENTICATION, "StartAuthentication",
    NULL, N_("Starting authentication…") },
  { DT_CONN_STATE_CALLBACK_COMPLETE, "CallbackComplete",
    NULL, N_("The server called back") },
  { DT_CONN_STATE_LOGON_NETWORK, "LogonNetwork",
    NULL, N_("Logging on to the network…") },
  /* Translators: %s is the number of a multilink entry's modem (its sub-entry), 1 and on. */
  { DT_CONN_STATE_SUB_ENTRY_CONNECTED, "SubEntryConnected",
    N_("Line %s joined the connection"), N_("A line joined the connection") },
  /* Translators: %s is the number of a multilink entry's modem (its sub-entry), 1 and on. */
  { DT_CONN_STATE_SUB_ENTRY_DISCONNECTED, "SubEntryDisconnected",
    N_("Line %s left the connection"), N_("A line left the connection") },
  { DT_CONN_STATE_APPLY_SETTINGS, "ApplySettings",
    NULL, N_("Applying network settings…") },

  { DT_CONN_STATE_LISTENING, "Listening",
    N_("Waiting for a call on %s…"), N_("Waiting for a call…") },
  { DT_CONN_STATE_RINGING, "Ringing",
    N_("The phone is ringing (%s)"), N_("The phone is ringing") },
  { DT_CONN_STATE_ANSWERING, "Answering", NULL, N_("Answering the call…") },
  { DT_CONN_STATE_AUTHENTICATING_CALLER, "AuthenticatingCaller",
    N_("Verifying the caller’s user name and password (%s)…"),
    N_("Verifying the caller’s user name and password…") },
  { DT_CONN_STATE_CALLING_BACK, "CallingBack",
    N_("Calling the caller back at %s…"), N_("Calling the caller back…") },

  { DT_CONN_STATE_INTERACTIVE, "Interactive",
    NULL, N_("Waiting for you to log in at the terminal…") },
  { DT_CONN_STATE_RETRY_AUTHENTICATION, "RetryAuthentication",
    NULL, N_("The user name or password was not accepted") },
  { DT_CONN_STATE_CALLBACK_SET_BY_CALLER, "CallbackSetByCaller",
    NULL, N_("Waiting for a callback number…") },
  { DT_CONN_STATE_PASSWORD_EXPIRED, "PasswordExpired",
    NULL, N_("The password has expired") },
  { DT_CONN_STATE_INVOKE_EAP_UI, "InvokeEapUI",
    NULL, N_("Waiting for EAP credentials…") },

  { DT_CONN_STATE_CONNECTED, "Connected", NULL, N_("Connected") },
  { DT_CONN_STATE_DISCONNECTED, "Disconnected", NULL, N_("Disconnected") },
};

static const StateInfo *
lookup (int value)
{
  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    if ((int) states[i].state == value)
      return &states[i];
  return NULL;
}

gboolean
dt_conn_state_is_valid (int value)
{
  return lookup (value) != NULL;
}

gboolean
dt_conn_state_is_paused (DtConnState state)
{
  return state >= DT_CONN_STATE_PAUSED && state < DT_CONN_STATE_TERMINAL;
}

gboolean
dt_conn_state_is_terminal (DtConnState state)
{
  return state >= DT_CONN_STATE_TERMINAL;
}

const char *
dt_conn_state_get_nick (DtConnState state)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (DT_TYPE_CONN_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_return_val_if_fail (value != NULL, NULL);
  return value->value_nick;
}

const char *
dt_conn_state_get_name (DtConnState state)
{
  const StateInfo *info = lookup (state);

  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

gboolean
dt_conn_state_from_nick (const char  *nick,
                         DtConnState *state)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (DT_TYPE_CONN_STATE);
  GEnumValue *value;

  g_return_val_if_fail (nick != NULL, FALSE);

  value = g_enum_get_value_by_nick (klass, nick);
  if (value == NULL)
    return FALSE;
  if (state != NULL)
    *state = value->value;
  return TRUE;
}

/* Returns the message for @state in the user's language, with @detail (a phone number, a
 * speed, the server's words) where the state has a place for it. */
char *
dt_conn_state_describe (DtConnState state,
                        const char *detail)
{
  const StateInfo *info = lookup (state);

  g_return_val_if_fail (info != NULL, NULL);

  /* The format comes from the table above, through gettext: each has exactly one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  if (info->message != NULL && detail != NULL && *detail != '\0')
    return g_strdup_printf (_(info->message), detail);
#pragma GCC diagnostic pop
  return g_strdup (_(info->message_without_detail));
}
