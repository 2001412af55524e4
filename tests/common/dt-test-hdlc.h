/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An RFC 1662 HDLC-like framing codec for tests and scripted peers, written apart from the
 * engine's (src/engine/ppp) so that a test never checks the engine's framing with the
 * engine's own code.  The FCS-16 table comes from the RFC's own generation code. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_TEST_FCS16_INIT 0xffff
#define DT_TEST_FCS16_GOOD 0xf0b8

guint16 dt_test_fcs16 (guint16 fcs, const guint8 *data, gsize len);

typedef struct
{
  GByteArray *data; /* unescaped, FCS included */
  gboolean fcs_ok;
} DtTestHdlcFrame;

void dt_test_hdlc_frame_free (DtTestHdlcFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestHdlcFrame, dt_test_hdlc_frame_free)

typedef struct _DtTestHdlc DtTestHdlc;

DtTestHdlc *dt_test_hdlc_new (void);
void dt_test_hdlc_free (DtTestHdlc *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestHdlc, dt_test_hdlc_free)

/* Feeds received bytes; complete frames (at least 4 bytes between flags) queue up. */
void dt_test_hdlc_feed (DtTestHdlc *self, const guint8 *data, gsize len);
/* The next complete frame, or NULL. */
DtTestHdlcFrame *dt_test_hdlc_pop (DtTestHdlc *self);
/* Bytes fed that were outside any frame (modem text before PPP starts, for instance). */
gsize dt_test_hdlc_get_n_garbage (DtTestHdlc *self);

/* Splits a frame (FCS already checked) into its PPP protocol number and information field,
 * undoing address-and-control-field and protocol-field compression.  FALSE if malformed. */
gboolean dt_test_ppp_parse (const DtTestHdlcFrame *frame,
                            guint16 *protocol,
                            const guint8 **info,
                            gsize *info_len);

/* A complete frame on the wire: flag, FF 03, protocol (2 bytes), info, FCS, flag; every byte
 * below 0x20 whose ACCM bit is set is escaped, and 0x7d and 0x7e always. */
GBytes *dt_test_hdlc_encode (guint16 protocol,
                             const guint8 *info,
                             gsize info_len,
                             guint32 accm);

G_END_DECLS
