/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The callback sequence of a DtConnection (Microsoft's CBCP, as RAS runs it): when the entry
 * wants callback, PPP asks for it in LCP; after authentication the server offers its
 * callback types and the connection answers (the entry's fixed number, the number the user
 * gives in the CallbackSetByCaller pause, or the server's own number); once the server
 * acknowledges, the line is dropped, the modem reset and set to answer, and the call back
 * runs PPP again from LCP, authenticating anew:
 *
 *   AuthCallback (8) → [CallbackSetByCaller (4098) → AuthCallback (8)] → PrepareForCallback
 *   (15) → WaitForModemReset (16) → WaitForCallback (17) → CallbackComplete (20) →
 *   ReAuthenticate (13) → AuthNotify (6) → Authenticated (14) → Projected (18) → Connected.
 *
 * In the pause, an empty number declines the callback when the server also offers "no
 * callback" (CBCP type 1), as an empty szCallbackNumber does for RasDial; the first call
 * then simply goes on: AuthCallback (8) → CallbackSetByCaller (4098) → AuthCallback (8) →
 * Authenticated (14) → Projected (18) → Connected.
 *
 * A server that refuses the number ends the dial with 704 (DtPpp decides that), one that
 * never calls back with 638 after the callback timeout, and every other wait is bounded by
 * the layer it belongs to: CBCP's by DtPpp, the hang-up and the AT dialog by DtModem. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-connection-private.h"
#include "dt-ppp-cbcp.h"

#define DEFAULT_CALLBACK_TIMEOUT_MS 60000

/* What a modem dials besides digits: Hayes dial modifiers and the usual separators. */
#define DIALABLE "0123456789*#+,;!@WwTtPp()-. "

static gboolean
callback_wanted (DtConnection *self)
{
  return dt_entry_get_callback_mode (self->entry) != DT_CALLBACK_NONE &&
         dt_entry_get_device_type (self->entry) == DT_DEVICE_TYPE_MODEM;
}

/* A number to give the server: non-empty, dialable, with a digit.  The caller's copy,
 * without the spaces around it. */
static char *
check_number (const char  *number,
              GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (number != NULL ? number : ""));
  gboolean digit = FALSE;

  for (const char *p = copy; *p != '\0'; p++)
    {
      if (strchr (DIALABLE, *p) == NULL)
        {
          digit = FALSE;
          break;
        }
      digit = digit || g_ascii_isdigit (*p);
    }
  if (!digit || strlen (copy) > DT_PPP_CBCP_MAX_NUMBER)
    {
      if (copy[0] == '\0')
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Enter the number the server should call back."));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a phone number: use digits and the dialing characters "
                       "+ * # , ; ! @ W T P ( ) - ."), copy);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static const char *
type_name (guint type)
{
  switch (type)
    {
    case DT_PPP_CALLBACK_NONE:
      return "no callback";
    case DT_PPP_CALLBACK_USER:
      return "a number of ours";
    case DT_PPP_CALLBACK_ADMIN:
      return "its own number";
    default:
      return "?";
    }
}

/* Answering the server ----------------------------------------------------------------- */

static void
respond (DtConnection      *self,
         DtPppCallbackType  type,
         const char        *number)
{
  g_autoptr (GError) error = NULL;

  dt_connection_log (self, "callback: asking for %s%s%s", type_name (type),
                     number != NULL ? ": " : "", number != NULL ? number : "");
  if (!dt_ppp_callback_respond (self->ppp, type, number, &error))
    dt_connection_teardown (self, type == DT_PPP_CALLBACK_USER ? DT_RAS_ERROR_BAD_CALLBACK_NUMBER
                                                               : DT_RAS_ERROR_PPP_TIMEOUT,
                            error->message);
}

static void
ask_for_number (DtConnection *self,
                guint         offered)
{
  const char *last = dt_entry_get_callback_number (self->entry);
  g_autofree char *message = NULL;

  if (last != NULL && last[0] == '\0')
    last = NULL;
  if (last != NULL)
    message = g_strdup_printf (_("The server will call you back at the number you give. "
                                 "Last number used: %s"), last);
  else
    message = g_strdup (_("The server will call you back at the number you give."));
  dt_connection_set_string (self, &self->pause_message, message, PROP_PAUSE_MESSAGE);
  /* Before the state, so that a state-changed handler (the dialog) already sees it. */
  dt_connection_set_callback_optional (self,
                                       offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE));
  dt_connection_set_state (self, DT_CONN_STATE_CALLBACK_SET_BY_CALLER, last);
}

static void
on_ppp_callback_requested (DtPpp        *ppp,
                           guint         offered,
                           DtConnection *self)
{
  const char *fixed = dt_entry_get_callback_number (self->entry);
  g_autofree char *number = NULL;
  g_autoptr (GString) offer = g_string_new (NULL);

  for (guint type = DT_PPP_CALLBACK_NONE; type <= DT_PPP_CALLBACK_ADMIN; type++)
    if (offered & DT_PPP_CALLBACK_OFFER (type))
      g_string_append_printf (offer, "%s%s", offer->len > 0 ? ", " : "", type_name (type));
  dt_connection_log (self, "callback: the server offers %s", offer->str);

  if (offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER))
    {
      if (dt_entry_get_callback_mode (self->entry) != DT_CALLBACK_FIXED ||
          fixed == NULL || fixed[0] == '\0')
        {
          ask_for_number (self, offered);
          return;
        }
      number = check_number (fixed, NULL);
      if (number == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("The callback number “%s” of this connection is not a phone "
                               "number"), fixed);

          dt_connection_teardown (self, DT_RAS_ERROR_BAD_CALLBACK_NUMBER, message);
          return;
        }
      respond (self, DT_PPP_CALLBACK_USER, number);
    }
  else if (offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_ADMIN))
    respond (self, DT_PPP_CALLBACK_ADMIN, NULL);
  else
    respond (self, DT_PPP_CALLBACK_NONE, NULL);
}

static gboolean
is_blank (const char *number)
{
  for (const char *p = number; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
check_session (DtConnection  *self,
               GError       **error)
{
  if (self->ppp != NULL && !self->ppp_finished)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                       _("The server ended the call before the callback number was given"));
  return FALSE;
}

/* No number: "no callback", when the server offers it.  The offer is the one of the last
 * Callback-Request, which the answer must match. */
static gboolean
decline_callback (DtConnection  *self,
                  GError       **error)
{
  if (!check_session (self, error))
    return FALSE;
  if (!(dt_ppp_get_callback_offered (self->ppp) &
        DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This server connects only by calling you back: enter a number."));
      return FALSE;
    }
  dt_connection_log (self, "callback: declined; asking for %s", type_name (DT_PPP_CALLBACK_NONE));
  if (!dt_ppp_callback_respond (self->ppp, DT_PPP_CALLBACK_NONE, NULL, error))
    return FALSE;
  dt_connection_set_state (self, DT_CONN_STATE_AUTH_CALLBACK, NULL);
  return TRUE;
}

/* CallbackSetByCaller: the user's number goes to the server, and the negotiation goes on;
 * no number declines the callback. */
gboolean
dt_connection_resume_callback (DtConnection  *self,
                               const char    *number,
                               GError       **error)
{
  g_autofree char *clean = NULL;

  if (is_blank (number))
    return decline_callback (self, error);
  clean = check_number (number, error);
  if (clean == NULL || !check_session (self, error))
    return FALSE;
  dt_connection_log (self, "callback: asking for %s: %s", type_name (DT_PPP_CALLBACK_USER),
                     clean);
  if (!dt_ppp_callback_respond (self->ppp, DT_PPP_CALLBACK_USER, clean, error))
    return FALSE;
  dt_connection_set_state (self, DT_CONN_STATE_AUTH_CALLBACK, clean);
  return TRUE;
}

static void
on_ppp_callback_agreed (DtPpp        *ppp,
                        guint         type,
                        const char   *number,
                        guint         delay,
                        DtConnection *self)
{
  if (type == DT_PPP_CALLBACK_NONE)
    {
      dt_connection_log (self, "callback: none; going on without it");
      dt_connection_advance (self, DT_CONN_STATE_AUTHENTICATED, NULL);
      return;
    }
  dt_connection_log (self, "callback: the server calls back %s in %u s",
                     number != NULL ? number : "its own number", delay);
  self->callback_delay = delay;
  g_free (self->callback_number);
  self->callback_number = g_strdup (number);
  /* DtPpp closes the link itself ("Call me back"); its end brings the modem reset. */
  dt_connection_advance (self, DT_CONN_STATE_PREPARE_FOR_CALLBACK, number);
}

static void
on_ppp_phase_changed (DtPpp        *ppp,
                      DtPppPhase    phase,
                      DtConnection *self)
{
  if (phase == DT_PPP_PHASE_CALLBACK)
    dt_connection_advance (self, DT_CONN_STATE_AUTH_CALLBACK, NULL);
}

void
dt_connection_callback_configure_ppp (DtConnection *self,
                                      DtPppConfig  *config)
{
  /* The session that follows CallbackComplete is the call back: it authenticates again and
   * never asks for callback itself. */
  self->reauthenticating = self->status.state == DT_CONN_STATE_CALLBACK_COMPLETE;
  config->want_callback = !self->reauthenticating && callback_wanted (self);
}

void
dt_connection_callback_attach (DtConnection *self,
                               DtPpp        *ppp)
{
  if (self->reauthenticating || !callback_wanted (self))
    return;
  g_signal_connect_object (ppp, "phase-changed", G_CALLBACK (on_ppp_phase_changed), self, 0);
  g_signal_connect_object (ppp, "callback-requested", G_CALLBACK (on_ppp_callback_requested),
                           self, 0);
  g_signal_connect_object (ppp, "callback-agreed", G_CALLBACK (on_ppp_callback_agreed), self, 0);
}

gboolean
dt_connection_callback_pending (DtConnection *self)
{
  if (self->ppp == NULL || self->reauthenticating || !callback_wanted (self))
    return FALSE;
  if (dt_ppp_get_callback_negotiated (self->ppp))
    return TRUE;
  dt_connection_log (self, "callback: the server rejected LCP's Callback option; "
                           "connecting without callback");
  return FALSE;
}

/* The call back ------------------------------------------------------------------------ */

/* The modem operations here run without a cancellable: a hang-up ends them through the modem
 * itself (DtModem fails an answer in progress, and a second hang-up waits for the first), so
 * that each completes before Disconnected instead of from an idle after it.  Their callbacks
 * only go on while the connection is still in the state that started them. */
static gboolean
still_waiting (DtConnection *self,
               GObject      *modem,
               DtConnState   state)
{
  return !self->hanging_up && self->status.state == state && modem == (GObject *) self->modem;
}

static void
on_callback_answered (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *speed = NULL;
  DtConnStatus *s = &self->status;
  gboolean answered = dt_modem_answer_finish (DT_MODEM (object), result, &error);

  if (!still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_CALLBACK))
    return;
  if (!answered)
    {
      /* No RING in time is the modem's 638, "The call back did not come within N seconds". */
      dt_connection_teardown (self, error->domain == DT_RAS_ERROR ? (guint) error->code
                                                                   : DT_RAS_ERROR_DEVICE_ERROR,
                              error->message);
      return;
    }

  s->link_speed = dt_modem_get_speed (self->modem);
  g_object_notify_by_pspec (G_OBJECT (self), dt_connection_properties[PROP_LINK_SPEED]);
  dt_connection_set_string (self, &s->connect_string, dt_modem_get_connect_line (self->modem),
                            PROP_CONNECT_STRING);
  /* The number worked: the next "ask" suggests it. */
  if (self->callback_number != NULL &&
      dt_entry_get_callback_mode (self->entry) == DT_CALLBACK_ASK)
    dt_entry_set_callback_number (self->entry, self->callback_number);
  speed = g_strdup_printf ("%u", s->link_speed);
  if (dt_connection_advance (self, DT_CONN_STATE_CALLBACK_COMPLETE, speed))
    dt_connection_start_ppp (self);
}

static void
on_modem_reopened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean opened = dt_modem_open_finish (DT_MODEM (object), result, &error);
  guint timeout;

  if (!still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_MODEM_RESET))
    return;
  if (!opened)
    {
      dt_connection_teardown (self, error->domain == DT_RAS_ERROR ? (guint) error->code
                                                                   : DT_RAS_ERROR_PORT_OR_DEVICE,
                              error->message);
      return;
    }
  self->line_dead = FALSE;
  if (!dt_connection_advance (self, DT_CONN_STATE_WAIT_FOR_CALLBACK, self->callback_number))
    return;
  /* The modem's setup commands (ATZ first) reset it; then it waits for RING. */
  timeout = (self->callback_timeout ? self->callback_timeout : DEFAULT_CALLBACK_TIMEOUT_MS) +
            self->callback_delay * 1000;
  dt_modem_answer_async (self->modem, timeout, NULL, on_callback_answered, g_object_ref (self));
}

static void
on_modem_reset (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (DtConnection) self = user_data;
  g_autoptr (GError) error = NULL;

  /* The port is closed, whatever the modem said; opening it again is the test. */
  if (!dt_modem_hang_up_finish (DT_MODEM (object), result, &error))
    dt_connection_log (self, "modem hang-up before the call back: %s", error->message);
  if (still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_MODEM_RESET))
    dt_modem_open_async (self->modem, NULL, on_modem_reopened, g_object_ref (self));
}

gboolean
dt_connection_callback_expects_drop (DtConnection *self)
{
  return !self->hanging_up && self->status.state == DT_CONN_STATE_PREPARE_FOR_CALLBACK &&
         self->ppp != NULL && dt_ppp_get_callback_agreed (self->ppp);
}

gboolean
dt_connection_callback_ppp_finished (DtConnection *self,
                                     guint         code,
                                     const char   *reason)
{
  if (self->status.state == DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    {
      /* The server stopped waiting for the number. */
      dt_connection_teardown (self, code != 0 ? code : DT_RAS_ERROR_PPP_REMOTE_TERMINATED,
                              _("The server ended the call before the callback number was "
                                "given"));
      return TRUE;
    }
  if (self->ppp == NULL || !dt_ppp_get_callback_agreed (self->ppp))
    return FALSE;

  /* The first call is over: hang up, then open the port again for the call back. */
  if (dt_connection_advance (self, DT_CONN_STATE_WAIT_FOR_MODEM_RESET, NULL))
    dt_modem_hang_up_async (self->modem, NULL, on_modem_reset, g_object_ref (self));
  return TRUE;
}

void
dt_connection_set_callback_timeout (DtConnection *self,
                                    guint         timeout_ms)
{
  g_return_if_fail (DT_IS_CONNECTION (self));

  self->callback_timeout = timeout_ms;
}
