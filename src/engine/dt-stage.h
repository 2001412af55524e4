/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtStage: one stage of a call (the port and the modem's dial, the login, PPP, the callback,
 * the network device, the established link, the teardown; dt-stages.h lists them).  A stage
 * is started by its host, the DtConnection that owns the call's sequence, and talks back only
 * through DtStageHost: a state to publish, a fact to show, its result, or an error that ends
 * the call.  It never calls another stage: what the stages share is the DtCall (the entry,
 * the credentials, the modem, the PPP session, the network link and the bytes between them),
 * and the host decides what comes after each result.
 *
 * The answering side (listen and answer, PPP as the authenticator, the IPCP and CBCP servers)
 * adds stages the same way: a DtStage subclass with a kind below, its rows in the stage table
 * of dt-connection.c, and a result for the host to act on.
 *
 * A multilink entry's sub-entries (dt-sub-entry.h) each run the port, login, PPP and teardown
 * stages on a DtCall of their own, with the sub-entry as their host; the connection runs the
 * bundle stage, which carries the bundle's network protocols over the links that joined it,
 * then the network and established stages as for any call. */
#pragma once

#include <glib-object.h>

#include "dt-call.h"
#include "dt-conn-state.h"

G_BEGIN_DECLS

/* Which stage: the stage table of dt-connection.c names the one that publishes each state. */
typedef enum {
  DT_STAGE_NONE = -1,       /* a state that no stage enters (yet) */
  DT_STAGE_PORT,            /* dt-stage-port.c: open and lock the port, dial */
  DT_STAGE_LOGIN,           /* dt-stage-login.c: login script, or the terminal window */
  DT_STAGE_PPP,             /* dt-stage-ppp.c: LCP, authentication, IPCP */
  DT_STAGE_CALLBACK,        /* dt-stage-callback.c: CBCP, then the server's call back */
  DT_STAGE_BUNDLE,          /* dt-stage-bundle.c: a multilink entry's bundle of sub-entries */
  DT_STAGE_NETWORK,         /* dt-stage-network.c: the network device */
  DT_STAGE_ESTABLISHED,     /* dt-stage-established.c: Connected: counters, idle disconnect */
  DT_STAGE_TEARDOWN,        /* dt-stage-teardown.c: link, PPP, modem down, in that order */
  /* The answering side (DtAnswer): */
  DT_STAGE_LISTEN,          /* dt-stage-listen.c: open the port, wait for the rings, answer */
  DT_STAGE_CALLER,          /* dt-stage-caller.c: PPP as the authenticator, up to IPCP */
  DT_STAGE_CALL_BACK,       /* dt-stage-call-back.c: hang up, wait, dial the caller back */
  DT_N_STAGES
} DtStageKind;

/* What a stage reached; the host decides what follows (dt-connection.c). */
typedef enum {
  DT_STAGE_RESULT_ONLINE,       /* port: the modem is online (DeviceConnected) */
  DT_STAGE_RESULT_LOGGED_IN,    /* login: the line is ready for PPP */
  DT_STAGE_RESULT_CALLBACK,     /* ppp: authenticated, and the server negotiates a callback */
  DT_STAGE_RESULT_PROJECTED,    /* ppp: IPCP is up (Projected) */
  DT_STAGE_RESULT_NO_CALLBACK,  /* callback: agreed on none; the PPP session goes on */
  DT_STAGE_RESULT_CALLED_BACK,  /* callback: the server called back (CallbackComplete) */
  DT_STAGE_RESULT_NETWORK_UP,   /* network: the device is up, or the call goes without one */
  DT_STAGE_RESULT_HUNG_UP,      /* teardown: every layer is down */
  DT_STAGE_RESULT_LINKED,       /* ppp: a member link of a bundle authenticated (link-up) */
  DT_STAGE_RESULT_MORE_LINKS,   /* bundle: busy enough to dial one more sub-entry */
  DT_STAGE_RESULT_FEWER_LINKS,  /* bundle: idle enough to hang one up */
  DT_STAGE_RESULT_ANSWERED,     /* listen: a call was answered, the line is ready for PPP */
  DT_STAGE_RESULT_CALL_BACK,    /* caller: authenticated, and agreed on being called back */
  DT_STAGE_RESULT_CALLED_BACK_CALLER, /* call back: the caller answered our call back */
} DtStageResult;

/* What a stage learned about the call, for the host to show (its properties). */
typedef enum {
  DT_CALL_FACT_LINK_SPEED,          /* guint: bps from CONNECT */
  DT_CALL_FACT_CONNECT_STRING,      /* string: the whole CONNECT line */
  DT_CALL_FACT_AUTH_PROTOCOL,       /* string: "PAP", "CHAP-MD5", "MS-CHAPv2" */
  DT_CALL_FACT_LOCAL_ADDRESS,       /* string */
  DT_CALL_FACT_REMOTE_ADDRESS,      /* string */
  DT_CALL_FACT_LOCAL_IPV6_ADDRESS,  /* string: link-local, or NULL without IPv6 */
  DT_CALL_FACT_REMOTE_IPV6_ADDRESS, /* string */
  DT_CALL_FACT_DNS_SERVERS,         /* GStrv */
  DT_CALL_FACT_INTERFACE,           /* string: the network device */
  DT_CALL_FACT_NETWORK_MESSAGE,     /* string: why there is no network device */
  DT_CALL_FACT_PAUSE_MESSAGE,       /* string: what the paused state that follows asks */
  DT_CALL_FACT_CALLBACK_OPTIONAL,   /* gboolean: CallbackSetByCaller may be declined */
  DT_CALL_FACT_CONNECTED_SINCE,     /* GDateTime */
  DT_CALL_FACT_COUNTERS,            /* pointer to the DtCallCounters of dt_call_get_counters() */
  DT_CALL_FACT_CALLER_ID,           /* string: the number the modem's caller ID gave */
  DT_CALL_FACT_PEER_USER,           /* string: the user name a caller authenticated with */
  DT_CALL_FACT_CALLBACK_NUMBER,     /* string: the number a caller is called back at */
  DT_CALL_FACT_LOGIN_REFUSED,       /* guint: the RAS code of a login the caller failed */
} DtCallFact;

/* The user's answer to a paused state, for the stage that paused. */
typedef struct {
  DtConnState  pause;           /* the paused state this answers */
  const char  *user;            /* RetryAuthentication: NULL keeps the user dialed with */
  const char  *password;        /* RetryAuthentication */
  const char  *domain;          /* RetryAuthentication: NULL keeps the domain */
  const char  *old_password;    /* PasswordExpired */
  const char  *new_password;    /* PasswordExpired */
  const char  *number;          /* CallbackSetByCaller: blank declines the callback */
  const char  *response;        /* InvokeEapUI: the identity, password or token answer */
} DtPauseAnswer;

#define DT_TYPE_STAGE (dt_stage_get_type ())
G_DECLARE_DERIVABLE_TYPE (DtStage, dt_stage, DT, STAGE, GObject)

#define DT_TYPE_STAGE_HOST (dt_stage_host_get_type ())
G_DECLARE_INTERFACE (DtStageHost, dt_stage_host, DT, STAGE_HOST, GObject)

/* The one way back from a stage to what runs it: its DtCallHost (dt-call-host.h), which the
 * dt_stage_publish() family below reaches, dropping whatever a stopped stage still reports. */
typedef struct _DtCallHost DtCallHost;

struct _DtStageHostInterface
{
  GTypeInterface parent_iface;

  DtCallHost *(*get_call_host) (DtStageHost *self);
};

struct _DtStageClass
{
  GObjectClass parent_class;

  DtStageKind kind;

  /* Begins the stage's work. */
  void     (*start)        (DtStage              *self);
  /* The answer to a paused state this stage published.  FALSE and @error when the answer
   * cannot be used: the pause goes on.  NULL for a stage that never pauses. */
  gboolean (*resume)       (DtStage              *self,
                            const DtPauseAnswer  *answer,
                            GError              **error);
  /* Something ended below the stages (DtCall's "event") while the call is in @state: TRUE
   * when the stage takes care of it; otherwise the host applies its own rule.  The host
   * offers it to the running stages, the later in the call first.  NULL: never. */
  gboolean (*handle_event) (DtStage              *self,
                            DtCallEvent           event,
                            DtConnState           state,
                            guint                 code,
                            const char           *message);
  /* The host is done with the stage: it drops its sources and signal handlers.  Called once;
   * nothing the stage reports afterwards reaches the host. */
  void     (*stop)         (DtStage              *self);
};

/* For the host. */
void          dt_stage_start          (DtStage              *self);
gboolean      dt_stage_resume         (DtStage              *self,
                                       const DtPauseAnswer  *answer,
                                       GError              **error);
gboolean      dt_stage_handle_event   (DtStage              *self,
                                       DtCallEvent           event,
                                       DtConnState           state,
                                       guint                 code,
                                       const char           *message);
void          dt_stage_stop           (DtStage              *self);
DtStageKind   dt_stage_get_kind       (DtStage              *self);
gboolean      dt_stage_is_running     (DtStage              *self);

/* For a host: its stages by kind, an array of DT_N_STAGES that the host owns (each stage,
 * running or done, until it is dropped). */
void          dt_stages_start         (DtStage             **stages,
                                       DtStage              *stage);
void          dt_stages_stop          (DtStage             **stages,
                                       DtStageKind           kind);
void          dt_stages_drop          (DtStage             **stages,
                                       DtStageKind           kind);
void          dt_stages_drop_all      (DtStage             **stages);
gboolean      dt_stages_handle_event  (DtStage             **stages,
                                       DtCallEvent           event,
                                       DtConnState           state,
                                       guint                 code,
                                       const char           *message);
/* The RAS code a call ends with when no stage took DtCall's @event (in @state, with the
 * event's own @code, 0 for none). */
guint         dt_stages_event_error   (DtCallEvent           event,
                                       DtConnState           state,
                                       guint                 code);

/* A host's stage table: which stage publishes each state (a state may have more than one). */
typedef struct {
  DtConnState state;
  DtStageKind stage;
} DtStageTableRow;
gboolean      dt_stage_table_has      (const DtStageTableRow *table,
                                       gsize                  n_rows,
                                       DtStageKind            stage,
                                       DtConnState            state);
DtStageKind   dt_stage_table_first    (const DtStageTableRow *table,
                                       gsize                  n_rows,
                                       DtConnState            state);

/* For the stages. */
DtCall       *dt_stage_get_call       (DtStage              *self);
gboolean      dt_stage_publish        (DtStage              *self,
                                       DtConnState           state,
                                       const char           *detail);
/* A state of the multilink sub-entry @sub_entry: one that joins or leaves the bundle. */
gboolean      dt_stage_publish_for    (DtStage              *self,
                                       DtConnState           state,
                                       const char           *detail,
                                       guint                 sub_entry);
/* A paused state: its message (the server's words, what to do) first, then the state. */
gboolean      dt_stage_pause          (DtStage              *self,
                                       DtConnState           state,
                                       const char           *detail,
                                       const char           *message);
void          dt_stage_learn          (DtStage              *self,
                                       DtCallFact            fact,
                                       const GValue         *value);
void          dt_stage_learn_string   (DtStage              *self,
                                       DtCallFact            fact,
                                       const char           *value);
void          dt_stage_learn_uint     (DtStage              *self,
                                       DtCallFact            fact,
                                       guint                 value);
void          dt_stage_learn_boolean  (DtStage              *self,
                                       DtCallFact            fact,
                                       gboolean              value);
void          dt_stage_learn_counters (DtStage              *self);
void          dt_stage_done           (DtStage              *self,
                                       DtStageResult         result);
void          dt_stage_fail           (DtStage              *self,
                                       guint                 code,
                                       const char           *message);
/* A GError as the call's end: its code when it is a DT_RAS_ERROR, else @fallback. */
void          dt_stage_fail_with      (DtStage              *self,
                                       const GError         *error,
                                       guint                 fallback);
void          dt_stage_fail_and_redial (DtStage             *self,
                                        guint                code,
                                        const char          *message);
void          dt_stage_log            (DtStage              *self,
                                       const char           *format,
                                       ...) G_GNUC_PRINTF (2, 3);

/* An async call's user_data: keeps the stage, and the host behind it, alive until the
 * callback, which takes it back with g_autoptr (DtStageHold).  A stopped stage's callback
 * returns at once (dt_stage_is_running()). */
typedef DtStage DtStageHold;
DtStageHold  *dt_stage_hold           (DtStage              *self);
void          dt_stage_release        (DtStageHold          *hold);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtStageHold, dt_stage_release)

G_END_DECLS
