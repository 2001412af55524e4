/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtCall: what the stages of one call share (dt-stage.h).  The entry and credentials it dials
 * with, the cancellable that a teardown cancels, and the call's layers: the modem, the PPP
 * session and the network link, with the bytes and packets between them (the line to PPP or
 * to the login, PPP to the line, datagrams between PPP and the device).  It makes no
 * decision: when a layer ends by itself it says so ("event") and the host decides. */
#pragma once

#include <gio/gio.h>

#include "dt-connection.h"
#include "dt-link.h"
#include "dt-mm-inhibitor.h"
#include "dt-modem.h"
#include "dt-ppp.h"

G_BEGIN_DECLS

/* Where the line's bytes go once the modem is online. */
typedef enum {
  DT_CALL_LINE_PPP,        /* to the PPP session */
  DT_CALL_LINE_SCRIPT,     /* "line-input", for the login script */
  DT_CALL_LINE_TERMINAL,   /* "line-input", for the user: the Interactive state */
} DtCallLine;

/* A layer that ended by itself. */
typedef enum {
  DT_CALL_EVENT_CARRIER_LOST,   /* the modem lost the line */
  DT_CALL_EVENT_PPP_FINISHED,   /* the PPP session ended: its RAS code and reason */
  DT_CALL_EVENT_LINK_LOST,      /* the network device went away: why */
} DtCallEvent;

/* The counters of the call's layers, as dt_connection_get_status() shows them. */
typedef struct {
  DtPppStats  line;         /* every byte and frame on the serial line */
  gboolean    has_device;
  DtLinkStats device;       /* the datagrams through the network device, when there is one */
  const char *compression;  /* what compresses the link ("Deflate 15, VJ"), or NULL */
  double      compression_ratio;  /* datagram bytes per byte of link they took, or 0 */
} DtCallCounters;

#define DT_TYPE_CALL (dt_call_get_type ())
G_DECLARE_FINAL_TYPE (DtCall, dt_call, DT, CALL, GObject)

/* Signals:
 *   log (const char *line): the modem's AT dialog, the PPP trace (when "trace" is on), a
 *     layer's end.
 *   line-input (GBytes *bytes): the line's bytes in DT_CALL_LINE_SCRIPT or _TERMINAL.
 *   traffic: bytes crossed the line, or a datagram the device.
 *   counters-changed: the network device's counters changed, between two "traffic".
 *   event (DtCallEvent event, guint code, const char *message): after the call noted it
 *     (the line is dead, the session finished). */

DtCall        *dt_call_new                (void);

/* A new dial of @entry: the layers of the last one are gone (dt_call_clear_layers()). */
void           dt_call_begin              (DtCall              *self,
                                           DtEntry             *entry,
                                           DtCredentials       *credentials);
DtEntry       *dt_call_get_entry          (DtCall              *self);
DtCredentials *dt_call_get_credentials    (DtCall              *self);
/* Takes @credentials. */
void           dt_call_set_credentials    (DtCall              *self,
                                           DtCredentials       *credentials);
void           dt_call_set_trace          (DtCall              *self,
                                           gboolean             trace);
/* A multilink sub-entry's call: its PPP session is a member link of a bundle that says who
 * we are with @endpoint (LCP's Endpoint Discriminator, the same on every link).  NULL for a
 * call of its own. */
void           dt_call_set_multilink      (DtCall              *self,
                                           GBytes              *endpoint);
GBytes        *dt_call_get_multilink      (DtCall              *self);

/* Cancelled by dt_call_cancel(), which puts a fresh one in its place. */
GCancellable  *dt_call_get_cancellable    (DtCall              *self);
void           dt_call_cancel             (DtCall              *self);

DtModem       *dt_call_get_modem          (DtCall              *self);
/* Takes @modem; the line is alive again. */
void           dt_call_set_modem          (DtCall              *self,
                                           DtModem             *modem);
DtMmInhibitor *dt_call_get_mm_inhibitor   (DtCall              *self);
/* Takes @inhibitor; released (ModemManager gets the device back) with the layers. */
void           dt_call_set_mm_inhibitor   (DtCall              *self,
                                           DtMmInhibitor       *inhibitor);
DtPpp         *dt_call_get_ppp            (DtCall              *self);
/* Takes @ppp, replacing the session before it. */
void           dt_call_set_ppp            (DtCall              *self,
                                           DtPpp               *ppp);
DtLink        *dt_call_get_link           (DtCall              *self);
/* Takes @link. */
void           dt_call_set_link           (DtCall              *self,
                                           DtLink              *link);
void           dt_call_clear_layers       (DtCall              *self);
/* A host done with its call (from dispose): the call's signals no longer reach @host, what is
 * in flight stops, the layers go, and *@call is cleared.  Nothing when *@call is NULL. */
void           dt_call_release            (DtCall             **call,
                                           gpointer             host);

void           dt_call_set_line           (DtCall              *self,
                                           DtCallLine           line);
DtCallLine     dt_call_get_line           (DtCall              *self);
/* The modem's bytes start to flow (dt_modem_start_data()). */
void           dt_call_start_line         (DtCall              *self);
/* FALSE when there is no modem to write to. */
gboolean       dt_call_write_line         (DtCall              *self,
                                           const void          *bytes,
                                           gsize                length);
/* Bytes the line gave before there was a session to read them (a direct cable's first LCP
 * frame, heard while listening): appended to what is held, and read by the session with
 * dt_call_replay_early_input().  A new call or dt_call_clear_layers() drops them. */
void           dt_call_hold_early_input   (DtCall              *self,
                                           const guint8        *bytes,
                                           gsize                length);
/* The PPP session (started) reads the bytes held, which are then gone. */
void           dt_call_replay_early_input (DtCall              *self);
gboolean       dt_call_get_line_dead      (DtCall              *self);
void           dt_call_set_line_dead      (DtCall              *self,
                                           gboolean             dead);
gboolean       dt_call_get_ppp_finished   (DtCall              *self);
/* The server took nothing but PAP on an earlier call of this dial: the next PPP session takes
 * it at once (see DtPppConfig's accept_pap_at_once).  Until dt_call_begin(). */
gboolean       dt_call_get_pap_insisted   (DtCall              *self);
void           dt_call_set_pap_insisted   (DtCall              *self);

/* g_get_monotonic_time() of the last datagram either way, or 0. */
gint64         dt_call_get_last_packet    (DtCall              *self);
/* FALSE, and nothing, without a PPP session.  The strings are the session's, valid until it
 * goes on. */
gboolean       dt_call_get_counters       (DtCall              *self,
                                           DtCallCounters      *counters);
/* Whether someone shows the counters as they change (a status window): only then does
 * traffic refresh them every second.  Otherwise they are read when asked for. */
void           dt_call_set_counters_watched (DtCall            *self,
                                           gboolean             watched);
gboolean       dt_call_get_counters_watched (DtCall            *self);

G_END_DECLS
