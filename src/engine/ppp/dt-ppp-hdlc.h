/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RFC 1662 asynchronous HDLC-like framing: the FCS-16, an encoder that escapes by the
 * negotiated send ACCM and compresses address/control and protocol fields when allowed, and a
 * streaming decoder.  The decoder takes bytes in chunks of any size, as a serial port delivers
 * them, and hands each good frame's protocol and information field to a callback.  It never
 * buffers more than one frame of a bounded size, so noise or a frame with no end cannot grow
 * memory.  Neither side does any I/O. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DT_PPP_FLAG       0x7e
#define DT_PPP_ESCAPE     0x7d
#define DT_PPP_TRANS      0x20
#define DT_PPP_ALLSTATIONS 0xff
#define DT_PPP_UI         0x03

#define DT_PPP_FCS_INIT   0xffff
/* The FCS over a frame and its own (complemented, LSB first) FCS: RFC 1662 §C.2. */
#define DT_PPP_FCS_GOOD   0xf0b8

/* The default map: every control character escaped, as before LCP negotiates another. */
#define DT_PPP_ACCM_DEFAULT 0xffffffffu

/* Address/control, two protocol bytes and the FCS that frame an information field. */
#define DT_PPP_HDLC_OVERHEAD 6

guint16 dt_ppp_fcs16 (guint16 fcs, const guint8 *data, gsize len);

/* Encoder */

typedef struct {
  guint32  accm;          /* the peer's receive map: control characters we must escape */
  gboolean acfc;          /* the peer accepts frames without address and control */
  gboolean pfc;           /* the peer accepts one-byte protocol fields */
  guint8   escape[256];   /* 1 for every byte value that goes out escaped */
  guint8   escape_lcp[256]; /* the same for LCP codes 1..7: the default map, always */
} DtPppHdlcEncoder;

void dt_ppp_hdlc_encoder_init        (DtPppHdlcEncoder *enc);
void dt_ppp_hdlc_encoder_set_accm    (DtPppHdlcEncoder *enc,
                                      guint32           accm);
void dt_ppp_hdlc_encoder_set_compression (DtPppHdlcEncoder *enc,
                                      gboolean          acfc,
                                      gboolean          pfc);
void dt_ppp_hdlc_encode              (const DtPppHdlcEncoder *enc,
                                      GByteArray       *out,
                                      guint16           protocol,
                                      const guint8     *info,
                                      gsize             len);

/* Decoder */

typedef void (*DtPppHdlcFrameFunc) (guint16       protocol,
                                    const guint8 *info,
                                    gsize         len,
                                    gpointer      user_data);

typedef struct {
  guint64 frames;          /* good frames handed on */
  guint64 fcs_errors;      /* frames whose FCS did not check */
  guint64 runts;           /* frames too short to hold a protocol and an FCS */
  guint64 oversize;        /* frames longer than the limit, dropped */
  guint64 aborts;          /* frames ended by the 0x7d 0x7e abort sequence */
  guint64 bad_header;      /* good FCS, but a malformed address, control or protocol field */
  guint64 noise_bytes;     /* bytes thrown away while hunting for a flag */
} DtPppHdlcStats;

typedef struct _DtPppHdlcDecoder DtPppHdlcDecoder;

DtPppHdlcDecoder     *dt_ppp_hdlc_decoder_new       (gsize               max_frame,
                                                     DtPppHdlcFrameFunc  func,
                                                     gpointer            user_data);
void                  dt_ppp_hdlc_decoder_free      (DtPppHdlcDecoder   *dec);
void                  dt_ppp_hdlc_decoder_set_accm  (DtPppHdlcDecoder   *dec,
                                                     guint32             accm);
void                  dt_ppp_hdlc_decoder_reset     (DtPppHdlcDecoder   *dec);
void                  dt_ppp_hdlc_decoder_feed      (DtPppHdlcDecoder   *dec,
                                                     const guint8       *bytes,
                                                     gsize               len);
const DtPppHdlcStats *dt_ppp_hdlc_decoder_get_stats (DtPppHdlcDecoder   *dec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPppHdlcDecoder, dt_ppp_hdlc_decoder_free)

G_END_DECLS
