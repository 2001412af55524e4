/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtAnswer: one modem (or null-modem cable) answering calls, call after call, the way a
 * Windows "Incoming Connections" port does.  It runs the answering stages (dt-stages.h) on a
 * DtCall: listen and answer, PPP as the authenticator with the accounts and settings of a
 * DtIncoming, the call back when the caller's account has one, the network device from
 * NetworkManager (our address on our side, the caller's as the peer), and Connected; after
 * the call it hangs up and listens again.  Every step is a state-changed signal with the
 * numbers of dt-conn-state.h, as for a dial: Listening, Ringing, Answering,
 * AuthenticatingCaller, Authenticated (the user), CallingBack, Projected, ApplySettings,
 * Connected (the detail is the user) and Disconnected (the RAS code in "error-code").
 *
 * One caller at a time per modem; a call lasts at most the settings' maximum call time and
 * ends after their idle time without traffic; a caller that does not log in in time is hung
 * up, and after a failed login the modem waits longer and longer (up to a minute) before it
 * answers again. */
#pragma once

#include <gio/gio.h>

#include "dt-conn-state.h"
#include "dt-connection.h"
#include "dt-incoming.h"

G_BEGIN_DECLS

#define DT_TYPE_ANSWER (dt_answer_get_type ())
G_DECLARE_FINAL_TYPE (DtAnswer, dt_answer, DT, ANSWER, GObject)

/* Properties (read-only, notify): "device", "running", "state" (DtConnState),
 * "state-detail", "state-message", "user" (the caller's account, once it named one),
 * "caller-id", "link-speed", "auth-protocol", "local-address", "remote-address",
 * "callback-number", "connected-since" (GDateTime), "bytes-in", "bytes-out", "error-code",
 * "error-message".
 *
 * Signals:
 *   state-changed (guint state, const char *detail)
 *   log (const char *line): what happened, with the PPP trace when "trace" is on; never a
 *     password or a CHAP response
 *   caller-connected (const char *user)
 *   caller-refused (const char *user, guint code): a login failed (691, 647, 649, 718); the
 *     user is the name the caller gave, or NULL
 *   stopped (): dt_answer_stop(), or a port that cannot be used (error-code says why) */

/* Answers on @device (a modem, or a null-modem cable with DT_DEVICE_TYPE_DIRECT), with the
 * settings and accounts of @incoming as they are at each call. */
DtAnswer     *dt_answer_new              (DtIncoming     *incoming,
                                          const char     *device,
                                          DtDeviceType    type);
/* Overrides the settings' rings (0: the settings'). */
void          dt_answer_set_rings        (DtAnswer       *self,
                                          guint           rings);
/* DT_NETWORK_NONE: no network device (dialtone-cli --no-network); otherwise the settings'
 * reach decides. */
void          dt_answer_set_network_mode (DtAnswer       *self,
                                          DtNetworkMode   mode);
void          dt_answer_set_trace        (DtAnswer       *self,
                                          gboolean        trace);
/* The caller's login, from the answer (60 s unless set); for tests. */
void          dt_answer_set_auth_timeout (DtAnswer       *self,
                                          guint           ms);

void          dt_answer_start            (DtAnswer       *self);
/* Hangs up a caller (631) and stops listening: Disconnected, then "stopped". */
void          dt_answer_stop             (DtAnswer       *self);
/* Hangs up the caller (631), then listens again. */
void          dt_answer_disconnect       (DtAnswer       *self);

const char   *dt_answer_get_device       (DtAnswer       *self);
gboolean      dt_answer_get_running      (DtAnswer       *self);
DtConnState   dt_answer_get_state        (DtAnswer       *self);
const char   *dt_answer_get_state_detail (DtAnswer       *self);
const char   *dt_answer_get_user         (DtAnswer       *self);
const char   *dt_answer_get_remote_address (DtAnswer     *self);
guint         dt_answer_get_error_code   (DtAnswer       *self);
const char   *dt_answer_get_error_message (DtAnswer      *self);
/* The last call's status, as for a dial (the user is not in it: dt_answer_get_user()). */
DtConnStatus *dt_answer_get_status       (DtAnswer       *self);

G_END_DECLS
