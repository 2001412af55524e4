/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The callback stage (Microsoft's CBCP, as RAS runs it).  When the entry wants callback, the
 * PPP stage asks for it in LCP; once authenticated, the host starts this stage for the
 * session's CBCP phase: the server offers its callback types and the stage answers (the
 * entry's fixed number, the number the user gives in the CallbackSetByCaller pause, or the
 * server's own number).  Once the server acknowledges, the session ends, the modem is reset
 * and set to answer, and the host runs a new PPP stage on the call back:
 *
 *   AuthCallback (8) → [CallbackSetByCaller (4098) → AuthCallback (8)] → PrepareForCallback
 *   (15) → WaitForModemReset (16) → WaitForCallback (17) → CallbackComplete (20) →
 *   [PPP stage] ReAuthenticate (13) → AuthNotify (6) → Authenticated (14) → Projected (18).
 *
 * In the pause, an empty number declines the callback when the server also offers "no
 * callback" (CBCP type 1), as an empty szCallbackNumber does for RasDial; the first session
 * then simply goes on: AuthCallback (8) → CallbackSetByCaller (4098) → AuthCallback (8) →
 * Authenticated (14) → [PPP stage] Projected (18).
 *
 * A server that refuses the number ends the dial with 704 (DtPpp decides that), one that
 * never calls back with 638 after the callback timeout, and every other wait is bounded by
 * the layer it belongs to: CBCP's by DtPpp, the hang-up and the AT dialog by DtModem. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-ppp-cbcp.h"
#include "dt-stages.h"

#define DEFAULT_CALLBACK_TIMEOUT_MS 60000

/* What a modem dials besides digits: Hayes dial modifiers and the usual separators. */
#define DIALABLE "0123456789*#+,;!@WwTtPp()-. "

struct _DtCallbackStage
{
  DtStage parent_instance;

  guint timeout_ms;          /* to wait for the call back's RING; 0: the default */
  DtPpp *ppp;                /* the session whose CBCP phase this is */
  guint delay;               /* s the server waits before calling back, as agreed */
  char *number;              /* the number it calls back, or NULL for its own */
  DtConnState waiting_in;    /* the state of the call back's wait for the modem */
};

G_DEFINE_FINAL_TYPE (DtCallbackStage, dt_callback_stage, DT_TYPE_STAGE)

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

static DtEntry *
entry_of (DtCallbackStage *self)
{
  return dt_call_get_entry (dt_stage_get_call (DT_STAGE (self)));
}

/* Answering the server ----------------------------------------------------------------- */

static void
respond (DtCallbackStage   *self,
         DtPppCallbackType  type,
         const char        *number)
{
  g_autoptr (GError) error = NULL;

  dt_stage_log (DT_STAGE (self), "callback: asking for %s%s%s", type_name (type),
                number != NULL ? ": " : "", number != NULL ? number : "");
  if (!dt_ppp_callback_respond (self->ppp, type, number, &error))
    dt_stage_fail (DT_STAGE (self), type == DT_PPP_CALLBACK_USER
                                    ? DT_RAS_ERROR_BAD_CALLBACK_NUMBER
                                    : DT_RAS_ERROR_PPP_TIMEOUT,
                   error->message);
}

static void
ask_for_number (DtCallbackStage *self,
                guint            offered)
{
  DtStage *stage = DT_STAGE (self);
  const char *last = dt_entry_get_callback_number (entry_of (self));
  g_autofree char *message = NULL;

  if (last != NULL && last[0] == '\0')
    last = NULL;
  if (last != NULL)
    message = g_strdup_printf (_("The server will call you back at the number you give. "
                                 "Last number used: %s"), last);
  else
    message = g_strdup (_("The server will call you back at the number you give."));
  dt_stage_learn_string (stage, DT_CALL_FACT_PAUSE_MESSAGE, message);
  /* Before the state, so that a state-changed handler (the dialog) already sees it. */
  dt_stage_learn_boolean (stage, DT_CALL_FACT_CALLBACK_OPTIONAL,
                          offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE));
  dt_stage_publish (stage, DT_CONN_STATE_CALLBACK_SET_BY_CALLER, last);
}

static void
on_ppp_callback_requested (DtPpp           *ppp,
                           guint            offered,
                           DtCallbackStage *self)
{
  const char *fixed = dt_entry_get_callback_number (entry_of (self));
  g_autofree char *number = NULL;
  g_autoptr (GString) offer = g_string_new (NULL);

  for (guint type = DT_PPP_CALLBACK_NONE; type <= DT_PPP_CALLBACK_ADMIN; type++)
    if (offered & DT_PPP_CALLBACK_OFFER (type))
      g_string_append_printf (offer, "%s%s", offer->len > 0 ? ", " : "", type_name (type));
  dt_stage_log (DT_STAGE (self), "callback: the server offers %s", offer->str);

  if (offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER))
    {
      if (dt_entry_get_callback_mode (entry_of (self)) != DT_CALLBACK_FIXED ||
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

          dt_stage_fail (DT_STAGE (self), DT_RAS_ERROR_BAD_CALLBACK_NUMBER, message);
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
check_session (DtCallbackStage  *self,
               GError          **error)
{
  if (!dt_call_get_ppp_finished (dt_stage_get_call (DT_STAGE (self))))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                       _("The server ended the call before the callback number was given"));
  return FALSE;
}

/* No number: "no callback", when the server offers it.  The offer is the one of the last
 * Callback-Request, which the answer must match. */
static gboolean
decline_callback (DtCallbackStage  *self,
                  GError          **error)
{
  if (!check_session (self, error))
    return FALSE;
  if (!(dt_ppp_get_callback_offered (self->ppp) & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This server connects only by calling you back: enter a number."));
      return FALSE;
    }
  dt_stage_log (DT_STAGE (self), "callback: declined; asking for %s",
                type_name (DT_PPP_CALLBACK_NONE));
  if (!dt_ppp_callback_respond (self->ppp, DT_PPP_CALLBACK_NONE, NULL, error))
    return FALSE;
  dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTH_CALLBACK, NULL);
  return TRUE;
}

/* CallbackSetByCaller: the user's number goes to the server, and the negotiation goes on;
 * no number declines the callback. */
static gboolean
dt_callback_stage_resume (DtStage              *stage,
                          const DtPauseAnswer  *answer,
                          GError              **error)
{
  DtCallbackStage *self = DT_CALLBACK_STAGE (stage);
  g_autofree char *clean = NULL;

  g_assert (answer->pause == DT_CONN_STATE_CALLBACK_SET_BY_CALLER);

  if (is_blank (answer->number))
    return decline_callback (self, error);
  clean = check_number (answer->number, error);
  if (clean == NULL || !check_session (self, error))
    return FALSE;
  dt_stage_log (stage, "callback: asking for %s: %s", type_name (DT_PPP_CALLBACK_USER), clean);
  if (!dt_ppp_callback_respond (self->ppp, DT_PPP_CALLBACK_USER, clean, error))
    return FALSE;
  dt_stage_publish (stage, DT_CONN_STATE_AUTH_CALLBACK, clean);
  return TRUE;
}

static void
on_ppp_callback_agreed (DtPpp           *ppp,
                        guint            type,
                        const char      *number,
                        guint            delay,
                        DtCallbackStage *self)
{
  DtStage *stage = DT_STAGE (self);

  if (type == DT_PPP_CALLBACK_NONE)
    {
      dt_stage_log (stage, "callback: none; going on without it");
      if (dt_stage_publish (stage, DT_CONN_STATE_AUTHENTICATED, NULL))
        dt_stage_done (stage, DT_STAGE_RESULT_NO_CALLBACK);
      return;
    }
  dt_stage_log (stage, "callback: the server calls back %s in %u s",
                number != NULL ? number : "its own number", delay);
  self->delay = delay;
  g_free (self->number);
  self->number = g_strdup (number);
  /* DtPpp closes the link itself ("Call me back"); its end brings the modem reset. */
  dt_stage_publish (stage, DT_CONN_STATE_PREPARE_FOR_CALLBACK, number);
}

static void
on_ppp_phase_changed (DtPpp           *ppp,
                      DtPppPhase       phase,
                      DtCallbackStage *self)
{
  if (phase == DT_PPP_PHASE_CALLBACK)
    dt_stage_publish (DT_STAGE (self), DT_CONN_STATE_AUTH_CALLBACK, NULL);
}

/* The call back ------------------------------------------------------------------------ */

/* The modem operations here run without a cancellable: a hang-up ends them through the modem
 * itself (DtModem fails an answer in progress, and a second hang-up waits for the first), so
 * that each completes before Disconnected instead of from an idle after it.  Their callbacks
 * only go on while the stage still waits in the state that started them. */
static gboolean
still_waiting (DtCallbackStage *self,
               GObject         *modem,
               DtConnState      state)
{
  DtStage *stage = DT_STAGE (self);

  return dt_stage_is_running (stage) && self->waiting_in == state &&
         modem == (GObject *) dt_call_get_modem (dt_stage_get_call (stage));
}

/* Publishes @state, the next wait of the call back. */
static gboolean
wait_in (DtCallbackStage *self,
         DtConnState      state,
         const char      *detail)
{
  self->waiting_in = state;
  if (dt_stage_publish (DT_STAGE (self), state, detail))
    return TRUE;
  self->waiting_in = DT_CONN_STATE_DISCONNECTED;
  return FALSE;
}

static void
on_callback_answered (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallbackStage *self = DT_CALLBACK_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  DtModem *modem = DT_MODEM (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *speed = NULL;
  gboolean answered = dt_modem_answer_finish (modem, result, &error);

  if (!still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_CALLBACK))
    return;
  if (!answered)
    {
      /* No RING in time is the modem's 638, "The call back did not come within N seconds". */
      dt_stage_fail_with (stage, error, DT_RAS_ERROR_DEVICE_ERROR);
      return;
    }

  dt_stage_learn_uint (stage, DT_CALL_FACT_LINK_SPEED, dt_modem_get_speed (modem));
  dt_stage_learn_string (stage, DT_CALL_FACT_CONNECT_STRING, dt_modem_get_connect_line (modem));
  /* The number worked: the next "ask" suggests it. */
  if (self->number != NULL && dt_entry_get_callback_mode (entry_of (self)) == DT_CALLBACK_ASK)
    dt_entry_set_callback_number (entry_of (self), self->number);
  speed = g_strdup_printf ("%u", dt_modem_get_speed (modem));
  if (wait_in (self, DT_CONN_STATE_CALLBACK_COMPLETE, speed))
    dt_stage_done (stage, DT_STAGE_RESULT_CALLED_BACK);
}

static void
on_modem_reopened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallbackStage *self = DT_CALLBACK_STAGE (hold);
  DtStage *stage = DT_STAGE (self);
  g_autoptr (GError) error = NULL;
  gboolean opened = dt_modem_open_finish (DT_MODEM (object), result, &error);
  guint timeout;

  if (!still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_MODEM_RESET))
    return;
  if (!opened)
    {
      dt_stage_fail_with (stage, error, DT_RAS_ERROR_PORT_OR_DEVICE);
      return;
    }
  dt_call_set_line_dead (dt_stage_get_call (stage), FALSE);
  if (!wait_in (self, DT_CONN_STATE_WAIT_FOR_CALLBACK, self->number))
    return;
  /* The modem's setup commands (ATZ first) reset it; then it waits for RING. */
  timeout = (self->timeout_ms ? self->timeout_ms : DEFAULT_CALLBACK_TIMEOUT_MS) +
            self->delay * 1000;
  dt_modem_answer_async (DT_MODEM (object), timeout, NULL, on_callback_answered,
                         dt_stage_hold (stage));
}

static void
on_modem_reset (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (DtStageHold) hold = user_data;
  DtCallbackStage *self = DT_CALLBACK_STAGE (hold);
  g_autoptr (GError) error = NULL;

  /* The port is closed, whatever the modem said; opening it again is the test. */
  if (!dt_modem_hang_up_finish (DT_MODEM (object), result, &error))
    dt_stage_log (DT_STAGE (self), "modem hang-up before the call back: %s", error->message);
  if (still_waiting (self, object, DT_CONN_STATE_WAIT_FOR_MODEM_RESET))
    dt_modem_open_async (DT_MODEM (object), NULL, on_modem_reopened,
                         dt_stage_hold (DT_STAGE (self)));
}

static gboolean
dt_callback_stage_handle_event (DtStage     *stage,
                                DtCallEvent  event,
                                DtConnState  state,
                                guint        code,
                                const char  *message)
{
  DtCallbackStage *self = DT_CALLBACK_STAGE (stage);
  DtModem *modem = dt_call_get_modem (dt_stage_get_call (stage));

  /* The server hangs up to call back. */
  if (event == DT_CALL_EVENT_CARRIER_LOST)
    return state == DT_CONN_STATE_PREPARE_FOR_CALLBACK && dt_ppp_get_callback_agreed (self->ppp);
  if (event != DT_CALL_EVENT_PPP_FINISHED)
    return FALSE;

  if (state == DT_CONN_STATE_CALLBACK_SET_BY_CALLER)
    {
      /* The server stopped waiting for the number. */
      dt_stage_fail (stage, code != 0 ? code : DT_RAS_ERROR_PPP_REMOTE_TERMINATED,
                     _("The server ended the call before the callback number was given"));
      return TRUE;
    }
  if (!dt_ppp_get_callback_agreed (self->ppp))
    return FALSE;

  /* The first call is over: hang up, then open the port again for the call back. */
  if (wait_in (self, DT_CONN_STATE_WAIT_FOR_MODEM_RESET, NULL))
    dt_modem_hang_up_async (modem, NULL, on_modem_reset, dt_stage_hold (stage));
  return TRUE;
}

static void
dt_callback_stage_start (DtStage *stage)
{
  DtCallbackStage *self = DT_CALLBACK_STAGE (stage);

  self->ppp = g_object_ref (dt_call_get_ppp (dt_stage_get_call (stage)));
  g_signal_connect_object (self->ppp, "phase-changed", G_CALLBACK (on_ppp_phase_changed), self,
                           0);
  g_signal_connect_object (self->ppp, "callback-requested",
                           G_CALLBACK (on_ppp_callback_requested), self, 0);
  g_signal_connect_object (self->ppp, "callback-agreed", G_CALLBACK (on_ppp_callback_agreed),
                           self, 0);
}

static void
dt_callback_stage_stop (DtStage *stage)
{
  DtCallbackStage *self = DT_CALLBACK_STAGE (stage);

  /* The session is over for this stage: a call back runs a new one. */
  if (self->ppp != NULL)
    g_signal_handlers_disconnect_by_data (self->ppp, self);
  g_clear_object (&self->ppp);
}

static void
dt_callback_stage_finalize (GObject *object)
{
  DtCallbackStage *self = DT_CALLBACK_STAGE (object);

  g_free (self->number);

  G_OBJECT_CLASS (dt_callback_stage_parent_class)->finalize (object);
}

static void
dt_callback_stage_class_init (DtCallbackStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DtStageClass *stage_class = DT_STAGE_CLASS (klass);

  object_class->finalize = dt_callback_stage_finalize;
  stage_class->kind = DT_STAGE_CALLBACK;
  stage_class->start = dt_callback_stage_start;
  stage_class->resume = dt_callback_stage_resume;
  stage_class->handle_event = dt_callback_stage_handle_event;
  stage_class->stop = dt_callback_stage_stop;
}

static void
dt_callback_stage_init (DtCallbackStage *self)
{
  self->waiting_in = DT_CONN_STATE_DISCONNECTED;
}

DtStage *
dt_callback_stage_new (DtStageHost *host,
                       DtCall      *call,
                       guint        timeout_ms)
{
  DtCallbackStage *self = g_object_new (DT_TYPE_CALLBACK_STAGE, "host", host, "call", call,
                                        NULL);

  self->timeout_ms = timeout_ms;
  return DT_STAGE (self);
}
