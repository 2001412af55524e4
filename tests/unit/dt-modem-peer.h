/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtModemPeer: a scripted Hayes modem on the master side of a pty pair, for the modem tests.
 * The code under test opens the slave (/dev/pts/N) as it would a real serial port.  The peer
 * echoes (E1) or not, answers verbose or numeric, answers each command with OK unless a test
 * scripted another reply, goes online after a scripted CONNECT, and returns to command mode
 * only on a real Hayes escape: a guard time of silence, "+++", a guard time of silence.  It logs
 * every byte it receives, with the time it arrived, for the tests' assertions. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DtModemPeer DtModemPeer;

typedef struct {
  gint64 time;       /* g_get_monotonic_time () when it arrived */
  GBytes *bytes;
} DtModemPeerChunk;

DtModemPeer    *dt_modem_peer_new           (void);
void            dt_modem_peer_free          (DtModemPeer *peer);

const char     *dt_modem_peer_get_device    (DtModemPeer *peer);
int             dt_modem_peer_get_slave_fd  (DtModemPeer *peer);

void            dt_modem_peer_set_echo      (DtModemPeer *peer,
                                             gboolean     echo);
void            dt_modem_peer_set_numeric   (DtModemPeer *peer,
                                             gboolean     numeric);
void            dt_modem_peer_set_silent    (DtModemPeer *peer,
                                             gboolean     silent);
void            dt_modem_peer_set_guard_time (DtModemPeer *peer,
                                              guint        ms);
void            dt_modem_peer_script        (DtModemPeer *peer,
                                             const char  *command_prefix,
                                             const char  *reply,
                                             gboolean     connects);
void            dt_modem_peer_send          (DtModemPeer *peer,
                                             const char  *data,
                                             gssize       length);
void            dt_modem_peer_hang_up       (DtModemPeer *peer);

gboolean        dt_modem_peer_is_online     (DtModemPeer *peer);
GPtrArray      *dt_modem_peer_get_commands  (DtModemPeer *peer);
GByteArray     *dt_modem_peer_get_received  (DtModemPeer *peer);
GByteArray     *dt_modem_peer_get_data      (DtModemPeer *peer);
GArray         *dt_modem_peer_get_chunks    (DtModemPeer *peer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtModemPeer, dt_modem_peer_free)

G_END_DECLS
