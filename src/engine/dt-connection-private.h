/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What dt-connection.c (the GObject and its public API) shares with dt-connection-dial.c
 * (the dial sequence: modem, PPP, link). */
#pragma once

#include "dt-connection.h"
#include "dt-modem.h"
#include "dt-ppp.h"
#include "dt-link.h"
#include "dt-login-script.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_STATE,
  PROP_ERROR_CODE,
  PROP_ERROR_MESSAGE,
  PROP_DEVICE,
  PROP_INTERFACE,
  PROP_NETWORK_MESSAGE,
  PROP_LINK_SPEED,
  PROP_CONNECT_STRING,
  PROP_LOCAL_ADDRESS,
  PROP_REMOTE_ADDRESS,
  PROP_DNS_SERVERS,
  PROP_AUTH_PROTOCOL,
  PROP_BYTES_IN,
  PROP_BYTES_OUT,
  PROP_FRAMES_IN,
  PROP_FRAMES_OUT,
  PROP_FCS_ERRORS,
  PROP_IP_BYTES_IN,
  PROP_IP_BYTES_OUT,
  PROP_IP_PACKETS_IN,
  PROP_IP_PACKETS_OUT,
  PROP_IP_DROPPED_IN,
  PROP_IP_DROPPED_OUT,
  PROP_IP_ERRORS,
  PROP_CONNECTED_SINCE,
  PROP_PAUSE_MESSAGE,
  PROP_NETWORK_MODE,
  PROP_STATE_DETAIL,
  PROP_STATE_MESSAGE,
  PROP_CALLBACK_OPTIONAL,
  N_PROPS
};

extern GParamSpec *dt_connection_properties[N_PROPS];

/* Where the line's bytes go once the modem is online. */
typedef enum {
  DT_DATA_SINK_PPP,
  DT_DATA_SINK_TERMINAL,   /* Interactive: the terminal window */
  DT_DATA_SINK_SCRIPT,     /* the login script */
} DtDataSink;

struct _DtConnection {
  GObject parent_instance;

  DtEntry *entry;
  DtCredentials *credentials;
  DtNetworkMode network_mode;
  gboolean trace;

  /* What get_status() returns; the properties read from here. */
  DtConnStatus status;
  char *pause_message;
  char *state_detail;        /* of the last state-changed */
  char *state_message;       /* dt_conn_state_describe() of it, in the user's language */

  GTask *dial_task;          /* until Connected or the end */
  GCancellable *cancellable; /* ours: cancels every module operation on teardown */
  GCancellable *caller_cancellable;
  gulong caller_cancel_id;

  DtModem *modem;
  DtPpp *ppp;
  DtLink *link;
  DtLoginScript *script;
  DtDataSink data_sink;

  guint number_index;        /* 0 = the entry's number, then its alternates */
  gboolean hanging_up;
  int teardown_phase;
  gboolean redial_after_teardown;
  gboolean pap_insisted;     /* an earlier call of this dial: the server takes only PAP */
  gboolean user_hung_up;     /* dt_connection_hang_up() since the dial started: it wins */
  gboolean line_dead;        /* carrier lost: nothing more can be sent */
  gboolean ppp_finished;
  gboolean auth_retry_in_session;
  gboolean reauthenticating;  /* this PPP session is the server's call back */
  gulong data_handler;
  guint pending_error;       /* the code Disconnected will carry */
  char *pending_message;
  guint ppp_close_timeout;
  guint link_down_timeout;   /* while the teardown waits for the link to go */
  guint stats_source;
  guint idle_source;
  gint64 last_traffic_us;

  /* dt-connection-callback.c */
  guint callback_timeout;    /* ms to wait for the call back's RING; 0: the default */
  guint callback_delay;      /* s the server waits before calling back, as agreed */
  char *callback_number;     /* the number it calls back, or NULL for its own */
  gboolean callback_optional; /* in CallbackSetByCaller: the server also offers no callback */

  GPtrArray *log;
  gint64 start_us;
};

void  dt_connection_set_state        (DtConnection *self,
                                      DtConnState   state,
                                      const char   *detail);
void  dt_connection_log              (DtConnection *self,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void  dt_connection_set_string       (DtConnection *self,
                                      char        **field,
                                      const char   *value,
                                      guint         prop);
void  dt_connection_set_uint64       (DtConnection *self,
                                      guint64      *field,
                                      guint64       value,
                                      guint         prop);
void  dt_connection_emit_terminal_output (DtConnection *self,
                                         GBytes       *bytes);
void  dt_connection_set_error        (DtConnection *self,
                                      guint         code,
                                      const char   *message);
void  dt_connection_set_callback_optional (DtConnection *self,
                                           gboolean      optional);

/* dt-connection-dial.c */
gboolean dt_connection_advance       (DtConnection *self,
                                      DtConnState   state,
                                      const char   *detail);
void  dt_connection_start_dial       (DtConnection *self);
void  dt_connection_start_ppp        (DtConnection *self);
void  dt_connection_redial           (DtConnection *self);
void  dt_connection_update_stats     (DtConnection *self);

/* dt-connection-teardown.c */
void  dt_connection_teardown_step    (DtConnection *self);
void  dt_connection_start_line_data  (DtConnection *self);
void  dt_connection_teardown         (DtConnection *self,
                                      guint         code,
                                      const char   *message);
gboolean dt_connection_resume_auth   (DtConnection *self,
                                      GError      **error);
gboolean dt_connection_resume_change_password (DtConnection *self,
                                               const char   *old_password,
                                               const char   *new_password,
                                               GError      **error);

/* dt-connection-callback.c */
void     dt_connection_callback_configure_ppp (DtConnection *self,
                                               DtPppConfig  *config);
void     dt_connection_callback_attach        (DtConnection *self,
                                               DtPpp        *ppp);
/* Authentication succeeded: TRUE when CBCP comes next (AuthCallback, not Authenticated). */
gboolean dt_connection_callback_pending       (DtConnection *self);
/* The carrier dropped: TRUE when that is the server hanging up to call back. */
gboolean dt_connection_callback_expects_drop  (DtConnection *self);
/* PPP finished: TRUE when the callback sequence takes it from here. */
gboolean dt_connection_callback_ppp_finished  (DtConnection *self,
                                               guint         code,
                                               const char   *reason);
gboolean dt_connection_resume_callback        (DtConnection *self,
                                               const char   *number,
                                               GError      **error);

/* dt-connection-idle.c */
void     dt_connection_idle_start         (DtConnection *self);
void     dt_connection_idle_traffic       (DtConnection *self);
void     dt_connection_idle_stop          (DtConnection *self);

/* dt-connection-login.c */
void     dt_connection_after_connect      (DtConnection *self);
void     dt_connection_login_input        (DtConnection *self,
                                           GBytes       *bytes);
gboolean dt_connection_resume_interactive (DtConnection *self,
                                           GError      **error);
void     dt_connection_stop_login         (DtConnection *self);
void  dt_connection_dispose_dial     (DtConnection *self);

G_END_DECLS
