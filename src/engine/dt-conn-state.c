/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of connection states: the RAS number, a stable nick for files and the CLI, the
 * RASCS_ name for logs, and the translatable message that the progress dialog shows. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-conn-state.h"

typedef struct {
  DtConnState state;
  const char *nick;
  const char *name;
  /* A message with %s takes the state-changed detail: the number, the speed, the reason. */
  const char *message;
  const char *message_without_detail;
} StateInfo;

static const StateInfo states[] = {
  { DT_CONN_STATE_OPEN_PORT, "open-port", "OpenPort", NULL, N_("Opening port…") },
  { DT_CONN_STATE_PORT_OPENED, "port-opened", "PortOpened", NULL, N_("Port opened") },
  { DT_CONN_STATE_CONNECT_DEVICE, "connect-device", "ConnectDevice",
    N_("Dialing %s…"), N_("Connecting to the device…") },
  { DT_CONN_STATE_DEVICE_CONNECTED, "device-connected", "DeviceConnected",
    N_("Connected to modem at %s bps"), N_("Connected to the device") },
  { DT_CONN_STATE_ALL_DEVICES_CONNECTED, "all-devices-connected", "AllDevicesConnected",
    NULL, N_("Establishing the PPP link…") },
  { DT_CONN_STATE_AUTHENTICATE, "authenticate", "Authenticate",
    NULL, N_("Verifying user name and password…") },
  { DT_CONN_STATE_AUTH_NOTIFY, "auth-notify", "AuthNotify",
    N_("The server answered: %s"), N_("The server answered") },
  { DT_CONN_STATE_AUTH_RETRY, "auth-retry", "AuthRetry",
    NULL, N_("Retrying authentication…") },
  { DT_CONN_STATE_AUTH_CALLBACK, "auth-callback", "AuthCallback",
    NULL, N_("Negotiating a callback…") },
  { DT_CONN_STATE_AUTH_CHANGE_PASSWORD, "auth-change-password", "AuthChangePassword",
    NULL, N_("Changing the password…") },
  { DT_CONN_STATE_AUTH_PROJECT, "auth-project", "AuthProject",
    NULL, N_("Starting network protocols…") },
  { DT_CONN_STATE_AUTH_LINK_SPEED, "auth-link-speed", "AuthLinkSpeed",
    NULL, N_("Measuring the link speed…") },
  { DT_CONN_STATE_AUTH_ACK, "auth-ack", "AuthAck",
    NULL, N_("Authentication acknowledged") },
  { DT_CONN_STATE_RE_AUTHENTICATE, "re-authenticate", "ReAuthenticate",
    NULL, N_("Verifying user name and password again…") },
  { DT_CONN_STATE_AUTHENTICATED, "authenticated", "Authenticated",
    NULL, N_("User name and password accepted") },
  { DT_CONN_STATE_PREPARE_FOR_CALLBACK, "prepare-for-callback", "PrepareForCallback",
    NULL, N_("Preparing for the callback…") },
  { DT_CONN_STATE_WAIT_FOR_MODEM_RESET, "wait-for-modem-reset", "WaitForModemReset",
    NULL, N_("Waiting for the modem to reset…") },
  { DT_CONN_STATE_WAIT_FOR_CALLBACK, "wait-for-callback", "WaitForCallback",
    N_("Waiting for the server to call back at %s…"), N_("Waiting for the server to call back…") },
  { DT_CONN_STATE_PROJECTED, "projected", "Projected",
    NULL, N_("Registering your computer on the network…") },
  { DT_CONN_STATE_START_AUTHENTICATION, "start-authentication", "StartAuthentication",
    NULL, N_("Starting authentication…") },
  { DT_CONN_STATE_CALLBACK_COMPLETE, "callback-complete", "CallbackComplete",
    NULL, N_("The server called back") },
  { DT_CONN_STATE_LOGON_NETWORK, "logon-network", "LogonNetwork",
    NULL, N_("Logging on to the network…") },
  { DT_CONN_STATE_SUB_ENTRY_CONNECTED, "sub-entry-connected", "SubEntryConnected",
    NULL, N_("Subentry connected") },
  { DT_CONN_STATE_SUB_ENTRY_DISCONNECTED, "sub-entry-disconnected", "SubEntryDisconnected",
    NULL, N_("Subentry disconnected") },
  { DT_CONN_STATE_APPLY_SETTINGS, "apply-settings", "ApplySettings",
    NULL, N_("Applying network settings…") },

  { DT_CONN_STATE_LISTENING, "listening", "Listening",
    N_("Waiting for a call on %s…"), N_("Waiting for a call…") },
  { DT_CONN_STATE_RINGING, "ringing", "Ringing",
    N_("The phone is ringing (%s)"), N_("The phone is ringing") },
  { DT_CONN_STATE_ANSWERING, "answering", "Answering", NULL, N_("Answering the call…") },
  { DT_CONN_STATE_AUTHENTICATING_CALLER, "authenticating-caller", "AuthenticatingCaller",
    N_("Verifying the caller’s user name and password (%s)…"),
    N_("Verifying the caller’s user name and password…") },
  { DT_CONN_STATE_CALLING_BACK, "calling-back", "CallingBack",
    N_("Calling the caller back at %s…"), N_("Calling the caller back…") },

  { DT_CONN_STATE_INTERACTIVE, "interactive", "Interactive",
    NULL, N_("Waiting for you to log in at the terminal…") },
  { DT_CONN_STATE_RETRY_AUTHENTICATION, "retry-authentication", "RetryAuthentication",
    NULL, N_("The user name or password was not accepted") },
  { DT_CONN_STATE_CALLBACK_SET_BY_CALLER, "callback-set-by-caller", "CallbackSetByCaller",
    NULL, N_("Waiting for a callback number…") },
  { DT_CONN_STATE_PASSWORD_EXPIRED, "password-expired", "PasswordExpired",
    NULL, N_("The password has expired") },
  { DT_CONN_STATE_INVOKE_EAP_UI, "invoke-eap-ui", "InvokeEapUI",
    NULL, N_("Waiting for EAP credentials…") },

  { DT_CONN_STATE_CONNECTED, "connected", "Connected", NULL, N_("Connected") },
  { DT_CONN_STATE_DISCONNECTED, "disconnected", "Disconnected", NULL, N_("Disconnected") },
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
  const StateInfo *info = lookup (state);

  g_return_val_if_fail (info != NULL, NULL);
  return info->nick;
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
  g_return_val_if_fail (nick != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (states[i].nick, nick))
        {
          if (state != NULL)
            *state = states[i].state;
          return TRUE;
        }
    }
  return FALSE;
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
