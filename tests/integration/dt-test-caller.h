/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A scripted dial-in caller for the answering side's tests: it holds one end of a test line
 * (a null-modem cable's end, or an exchange's modem line), raw, and lets a test write text,
 * send PPP frames and wait for the frames and text that come back, on the main loop that the
 * answering side also runs on.  Framing is the tests' own (dt-test-hdlc), never the engine's.
 * Every frame received is kept, in order, so that a test can also check what the answering
 * side did *not* send. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint16 protocol;
  GBytes *info;              /* the packet: code, id, length, data */
  gboolean taken;            /* returned by dt_test_caller_expect() */
} DtTestCallerFrame;

typedef struct _DtTestCaller DtTestCaller;

DtTestCaller *dt_test_caller_new         (const char   *device);
void          dt_test_caller_free        (DtTestCaller *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestCaller, dt_test_caller_free)

void          dt_test_caller_write       (DtTestCaller *self,
                                          const char   *text);
/* Runs the main loop until the bytes received (outside frames too) hold @text. */
gboolean      dt_test_caller_wait_text   (DtTestCaller *self,
                                          const char   *text,
                                          guint         timeout_ms);
void          dt_test_caller_send        (DtTestCaller *self,
                                          guint16       protocol,
                                          const guint8 *packet,
                                          gsize         len);
/* A control packet of @code and @id (-1: any) with @data after its header. */
void          dt_test_caller_send_packet (DtTestCaller *self,
                                          guint16       protocol,
                                          guint8        code,
                                          guint8        id,
                                          const guint8 *data,
                                          gsize         len);
/* The first frame not yet taken of @protocol whose code is @code (-1: any), taken; runs the
 * main loop up to @timeout_ms for it.  NULL if none came. */
GBytes       *dt_test_caller_expect      (DtTestCaller *self,
                                          guint16       protocol,
                                          int           code,
                                          guint         timeout_ms);
/* Runs the main loop for @ms, reading. */
void          dt_test_caller_spin        (DtTestCaller *self,
                                          guint         ms);
/* Every frame received so far, DtTestCallerFrame. */
GArray       *dt_test_caller_get_frames  (DtTestCaller *self);
/* Closes the line's end: DTR drops, and the line hangs up. */
void          dt_test_caller_hang_up     (DtTestCaller *self);

G_END_DECLS
