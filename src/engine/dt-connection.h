/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtConnection: one dial of one phonebook entry, from opening the port to Disconnected.  It
 * is what RasDial is on Windows: it drives the modem, then PPP, then the network link, and
 * reports every step as a state-changed signal with RASCONNSTATE numbers.  In a paused state
 * it waits for the caller (a dialog, the CLI) to call the matching resume function,
 * dt_connection_decline_pause() when it cannot ask anyone, or dt_connection_hang_up().  The
 * GUI, the tray and dialtone-cli all use this API. */
#pragma once

#include <gio/gio.h>

#include "dt-conn-state.h"
#include "dt-entry.h"
#include "dt-error.h"

G_BEGIN_DECLS

/* User name, password and domain for one dial.  The password is wiped when freed. */
typedef struct {
  char *user;
  char *password;
  char *domain;
} DtCredentials;

#define DT_TYPE_CREDENTIALS (dt_credentials_get_type ())
GType          dt_credentials_get_type (void) G_GNUC_CONST;
DtCredentials *dt_credentials_new      (const char          *user,
                                        const char          *password,
                                        const char          *domain);
DtCredentials *dt_credentials_copy     (const DtCredentials *self);
void           dt_credentials_free     (DtCredentials       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCredentials, dt_credentials_free)

/* How the connection gets a network device once PPP is up. */
typedef enum {
  DT_NETWORK_AUTO,    /* NetworkManager, else a device of our own when privileged, else none */
  DT_NETWORK_NONE,    /* stop at Connected with no device (dialtone-cli --no-network) */
  DT_NETWORK_SHARED,  /* incoming calls: NetworkManager's shared mode, so that the caller
                         reaches the networks this computer is on (forwarding, masquerade) */
} DtNetworkMode;

/* A snapshot of the connection, the RasGetConnectStatus analogue.  Free with
 * dt_conn_status_free(). */
typedef struct {
  DtConnState state;
  guint       error_code;
  char       *error_message;
  char       *device;           /* the serial port */
  char       *interface;        /* the network device, or NULL */
  char       *network_message;  /* why there is no network device, or NULL */
  guint       link_speed;       /* bps from CONNECT */
  char       *connect_string;   /* the whole CONNECT line, e.g. "CONNECT 33600/ARQ/V34" */
  char       *local_address;
  char       *remote_address;
  char       *local_ipv6_address;   /* link-local, "fe80::…", when IPv6CP is up; else NULL */
  char       *remote_ipv6_address;
  char      **dns_servers;
  char       *auth_protocol;    /* "PAP", "CHAP-MD5", "MS-CHAPv2", or NULL */
  guint64     bytes_in;
  guint64     bytes_out;
  guint64     frames_in;
  guint64     frames_out;
  guint64     fcs_errors;
  guint64     ip_bytes_in;      /* IPv4 datagrams through the network device */
  guint64     ip_bytes_out;
  guint64     ip_packets_in;
  guint64     ip_packets_out;
  guint64     ip_dropped_in;    /* from the peer, not delivered: no device, or its queue full */
  guint64     ip_dropped_out;   /* from this machine, not sent: not IPv4 */
  guint64     ip_errors;        /* the device failed a read or a write */
  GDateTime  *connected_since;
  char       *compression;      /* what compresses the link: "Deflate 15, VJ", or NULL */
  double      compression_ratio; /* datagram bytes per byte of link they took; 0 before any */
} DtConnStatus;

#define DT_TYPE_CONN_STATUS (dt_conn_status_get_type ())
GType         dt_conn_status_get_type (void) G_GNUC_CONST;
DtConnStatus *dt_conn_status_copy     (const DtConnStatus *self);
void          dt_conn_status_free     (DtConnStatus       *self);
void          dt_conn_status_clear    (DtConnStatus       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtConnStatus, dt_conn_status_free)

#define DT_TYPE_CONNECTION (dt_connection_get_type ())
G_DECLARE_FINAL_TYPE (DtConnection, dt_connection, DT, CONNECTION, GObject)

/* Properties (all with notify): "entry", "state" (DtConnState), "error-code",
 * "error-message", "device", "interface", "network-message", "link-speed", "connect-string",
 * "local-address", "remote-address", "local-ipv6-address", "remote-ipv6-address" (the
 * link-local addresses IPv6CP's identifiers make, or NULL), "dns-servers" (GStrv), "auth-protocol", "bytes-in",
 * "bytes-out", "frames-in", "frames-out", "fcs-errors" (the serial line: every byte and PPP
 * frame, as RAS_STATS counts them), "ip-bytes-in", "ip-bytes-out", "ip-packets-in",
 * "ip-packets-out" (the datagrams through the network device), "ip-dropped-in",
 * "ip-dropped-out", "ip-errors" (the packets the network device lost, and its failed reads and
 * writes; see DtConnStatus), "connected-since" (GDateTime),
 * "compression" (what compresses the link, "Deflate 15", "Deflate 15, VJ", "VJ", or NULL),
 * "compression-ratio" (double: the datagrams' bytes per byte of link they took, both ways;
 * 0 before any),
 * "pause-message" (what the server said when the engine paused), "callback-optional" (in
 * CallbackSetByCaller: whether the server also offers no callback), "network-mode"
 * (DtNetworkMode),
 * "state-detail" (the detail of the last state-changed) and "state-message" (the progress
 * text for the state, "Dialing 555-0100…", in the user's language).
 *
 * Signals:
 *   state-changed (guint state, const char *detail, guint sub_entry): every transition, in
 *     order.  @sub_entry is the sub-entry (1 and on) of a multilink entry whose progress the
 *     state is (its port, its dial, its authentication, SubEntryConnected and
 *     SubEntryDisconnected), or 0 for the connection as a whole; an entry with one device
 *     publishes everything with 0.  The "state" property follows every state but a
 *     sub-entry's own progress after Connected (a link dialed as the load needs), which is
 *     only told; SubEntryConnected and SubEntryDisconnected move it, and Connected follows.
 *   log (const char *line): the connection log ("More Info"), with the PPP packet trace
 *     when "trace" is on; never a password or a CHAP response.
 *   terminal-output (GBytes *bytes): the raw line in the Interactive state.
 */

DtConnection  *dt_connection_new                    (void);

void           dt_connection_set_network_mode       (DtConnection   *self,
                                                     DtNetworkMode   mode);
void           dt_connection_set_trace              (DtConnection   *self,
                                                     gboolean        trace);
/* How long to wait for the server to call back once the line is reset, in ms (plus the
 * Callback Delay the server agreed on); 0 for the default, 60 s.  No RING in time ends the
 * dial with 638. */
void           dt_connection_set_callback_timeout   (DtConnection   *self,
                                                     guint           timeout_ms);
/* How long ApplySettings may take (NetworkManager's activation and the device coming up), in
 * ms; 0 for the default, 45 s.  Not ready in time ends the dial with 720. */
void           dt_connection_set_apply_settings_timeout (DtConnection *self,
                                                         guint         timeout_ms);

/* While held (a status window is shown), the counters and the compression ratio notify about
 * once a second while traffic flows; otherwise traffic runs no timer and they are current only
 * in dt_connection_get_status().  Each hold needs a release. */
void           dt_connection_hold_counters          (DtConnection   *self);
void           dt_connection_release_counters       (DtConnection   *self);

/* Dials @entry.  The task completes when the connection reaches Connected (TRUE) or ends
 * before that (FALSE, with a DT_RAS_ERROR).  Paused states do not complete it.  Cancelling
 * @cancellable hangs up (631). */
void           dt_connection_dial_async             (DtConnection        *self,
                                                     DtEntry             *entry,
                                                     const DtCredentials *credentials,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean       dt_connection_dial_finish            (DtConnection   *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);

/* Ends the connection from any state, paused ones included: LCP Terminate-Request and a
 * bounded wait for the Ack, then the modem hangs up.  Ends in Disconnected with 631 (691 or
 * 648 in RetryAuthentication or PasswordExpired, as RasHangUp).  During a teardown that was
 * going to dial again (after AuthRetry) or that a failure started, the teardown finishes but
 * nothing is dialed after it, and Disconnected carries 631.  Does nothing once the connection
 * is Disconnected. */
void           dt_connection_hang_up                (DtConnection   *self);

/* Resume functions, one per paused state.  Each fails with G_IO_ERROR_INVALID_ARGUMENT
 * when the connection is not in its paused state. */
gboolean       dt_connection_retry_authentication   (DtConnection   *self,
                                                     const char     *user,
                                                     const char     *password,
                                                     const char     *domain,
                                                     GError        **error);
gboolean       dt_connection_change_password        (DtConnection   *self,
                                                     const char     *old_password,
                                                     const char     *new_password,
                                                     GError        **error);
/* CallbackSetByCaller: the number the server calls back (dialable characters, at least
 * one digit); the state's detail is the number to suggest, the last one used.  An empty
 * @number (NULL, "" or spaces) declines the callback, as RasDial's empty szCallbackNumber
 * does: when the server also offers "no callback" (dt_connection_get_callback_optional()),
 * the dial goes on without it, AuthCallback → Authenticated → … → Connected; otherwise it
 * fails with G_IO_ERROR_NOT_SUPPORTED and the pause goes on.  A number that is not one
 * fails with G_IO_ERROR_INVALID_ARGUMENT. */
gboolean       dt_connection_set_callback_number    (DtConnection   *self,
                                                     const char     *number,
                                                     GError        **error);
/* InvokeEapUI: the answer to the server's EAP question.  The state's detail says what it
 * asks: "identity" (the user name, which the dial then uses), "password" (likewise) or
 * "token" (a one-time password or token card code); the pause message is the server's own
 * words, when it sent some.  G_IO_ERROR_INVALID_ARGUMENT for an answer that cannot be sent
 * (empty, or over 255 bytes; a password may be empty); the pause goes on. */
gboolean       dt_connection_answer_eap             (DtConnection   *self,
                                                     const char     *response,
                                                     GError        **error);
gboolean       dt_connection_continue_interactive   (DtConnection   *self,
                                                     GError        **error);
/* The front end cannot answer the pause (no terminal, a script): ERROR_INTERACTIVE_MODE.
 * The dial ends in Disconnected with the code of what was needed: 691 at
 * RetryAuthentication and 648 at PasswordExpired (the server's own refusal), 703 at
 * CallbackSetByCaller, Interactive, InvokeEapUI and any other pause, with a message that says what the
 * server asked for.  Fails with G_IO_ERROR_INVALID_ARGUMENT when the connection is not
 * paused. */
gboolean       dt_connection_decline_pause          (DtConnection   *self,
                                                     GError        **error);
/* Bytes typed in the terminal window during the Interactive state. */
void           dt_connection_send_terminal_input    (DtConnection   *self,
                                                     const char     *text,
                                                     gssize          length);

DtConnState    dt_connection_get_state              (DtConnection   *self);
/* The detail of the last state-changed ("state-detail"). */
const char    *dt_connection_get_state_detail       (DtConnection   *self);
/* From Connected until the call ends, whatever the state meanwhile: a re-authentication
 * (ReAuthenticate, then Connected again) does not take the connection down. */
gboolean       dt_connection_is_connected           (DtConnection   *self);
DtEntry       *dt_connection_get_entry              (DtConnection   *self);
guint          dt_connection_get_error_code         (DtConnection   *self);
const char    *dt_connection_get_error_message      (DtConnection   *self);
const char    *dt_connection_get_pause_message      (DtConnection   *self);
/* In CallbackSetByCaller: TRUE when the server also offers "no callback", so that an empty
 * number may decline it; FALSE in every other state. */
gboolean       dt_connection_get_callback_optional  (DtConnection   *self);
const char    *dt_connection_get_state_message      (DtConnection   *self);
DtConnStatus  *dt_connection_get_status             (DtConnection   *self);
/* A multilink entry's sub-entries, from the last dial: a GPtrArray of DtSubEntryStatus
 * (dt-sub-entry.h: index, state, linked, device, number, link speed, each line's bytes and
 * frames); empty for an entry with one device. */
GPtrArray     *dt_connection_get_sub_entries        (DtConnection   *self);
/* The whole connection log so far, one line per element. */
char         **dt_connection_dup_log                (DtConnection   *self);

G_END_DECLS
