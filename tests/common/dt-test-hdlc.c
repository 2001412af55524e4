/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The tests' own RFC 1662 framing: FCS-16 from the RFC's table-generation code (appendix
 * C.2), a byte-stream deframer and an encoder.  Independent of src/engine/ppp on purpose. */

#include "dt-test-hdlc.h"

#define FLAG 0x7e
#define ESCAPE 0x7d
#define P 0x8408 /* the reversed CRC-CCITT polynomial, as in RFC 1662 C.2 */

struct _DtTestHdlc
{
  GByteArray *current;
  gboolean escaped;
  gboolean in_frame;
  gsize n_garbage;
  GQueue frames;
};

static const guint16 *
fcstab (void)
{
  static guint16 table[256];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* RFC 1662, C.2 "Generate a FCS table for the HDLC FCS", line for line. */
      unsigned int b, v;
      int i;

      b = 0;
      for (;;)
        {
          v = b;
          for (i = 8; i--;)
            v = v & 1 ? (v >> 1) ^ P : v >> 1;
          table[b] = v & 0xFFFF;
          if (++b == 256)
            break;
        }
      g_once_init_leave (&done, 1);
    }
  return table;
}

guint16
dt_test_fcs16 (guint16 fcs, const guint8 *data, gsize len)
{
  const guint16 *tab = fcstab ();

  while (len--)
    fcs = (fcs >> 8) ^ tab[(fcs ^ *data++) & 0xff];
  return fcs;
}

void
dt_test_hdlc_frame_free (DtTestHdlcFrame *frame)
{
  if (frame == NULL)
    return;
  g_byte_array_unref (frame->data);
  g_free (frame);
}

DtTestHdlc *
dt_test_hdlc_new (void)
{
  DtTestHdlc *self = g_new0 (DtTestHdlc, 1);

  self->current = g_byte_array_new ();
  g_queue_init (&self->frames);
  return self;
}

void
dt_test_hdlc_free (DtTestHdlc *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->current);
  g_queue_clear_full (&self->frames, (GDestroyNotify) dt_test_hdlc_frame_free);
  g_free (self);
}

static void
end_frame (DtTestHdlc *self)
{
  if (self->current->len >= 4 && !self->escaped)
    {
      DtTestHdlcFrame *frame = g_new0 (DtTestHdlcFrame, 1);

      frame->data = g_byte_array_ref (self->current);
      frame->fcs_ok = dt_test_fcs16 (DT_TEST_FCS16_INIT, self->current->data,
                                     self->current->len) == DT_TEST_FCS16_GOOD;
      g_queue_push_tail (&self->frames, frame);
      g_byte_array_unref (self->current);
      self->current = g_byte_array_new ();
    }
  else
    g_byte_array_set_size (self->current, 0); /* too short, or aborted by 7D 7E */
  self->escaped = FALSE;
}

void
dt_test_hdlc_feed (DtTestHdlc *self, const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (c == FLAG)
        {
          if (self->in_frame)
            end_frame (self);
          self->in_frame = TRUE;
        }
      else if (!self->in_frame)
        self->n_garbage++;
      else if (c == ESCAPE)
        self->escaped = TRUE;
      else
        {
          if (self->escaped)
            c ^= 0x20;
          self->escaped = FALSE;
          g_byte_array_append (self->current, &c, 1);
        }
    }
}

DtTestHdlcFrame *
dt_test_hdlc_pop (DtTestHdlc *self)
{
  return g_queue_pop_head (&self->frames);
}

gsize
dt_test_hdlc_get_n_garbage (DtTestHdlc *self)
{
  return self->n_garbage;
}

gboolean
dt_test_ppp_parse (const DtTestHdlcFrame *frame,
                   guint16 *protocol,
                   const guint8 **info,
                   gsize *info_len)
{
  const guint8 *p = frame->data->data;
  gsize len = frame->data->len;

  if (len < 2 + 1)
    return FALSE;
  len -= 2; /* the FCS */
  if (len >= 2 && p[0] == 0xff && p[1] == 0x03)
    {
      p += 2;
      len -= 2;
    }
  if (len < 1)
    return FALSE;
  if (p[0] & 1)
    {
      *protocol = p[0]; /* compressed: a one-byte, odd protocol number */
      p += 1;
      len -= 1;
    }
  else
    {
      if (len < 2 || !(p[1] & 1))
        return FALSE;
      *protocol = (p[0] << 8) | p[1];
      p += 2;
      len -= 2;
    }
  *info = p;
  *info_len = len;
  return TRUE;
}

static void
put_escaped (GByteArray *out, guint8 c, guint32 accm)
{
  if (c == FLAG || c == ESCAPE || (c < 0x20 && (accm & (1u << c))))
    {
      guint8 esc[2] = { ESCAPE, c ^ 0x20 };
      g_byte_array_append (out, esc, 2);
    }
  else
    g_byte_array_append (out, &c, 1);
}

GBytes *
dt_test_hdlc_encode (guint16 protocol, const guint8 *info, gsize info_len, guint32 accm)
{
  g_autoptr (GByteArray) raw = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 head[4] = { 0xff, 0x03, protocol >> 8, protocol & 0xff };
  guint8 flag = FLAG;
  guint16 fcs;
  guint8 tail[2];

  g_byte_array_append (raw, head, 4);
  g_byte_array_append (raw, info, info_len);
  fcs = dt_test_fcs16 (DT_TEST_FCS16_INIT, raw->data, raw->len) ^ 0xffff;
  tail[0] = fcs & 0xff; /* least significant octet first (RFC 1662, 4.1) */
  tail[1] = fcs >> 8;
  g_byte_array_append (raw, tail, 2);

  g_byte_array_append (out, &flag, 1);
  for (guint i = 0; i < raw->len; i++)
    put_escaped (out, raw->data[i], accm);
  g_byte_array_append (out, &flag, 1);
  return g_byte_array_free_to_bytes (out);
}
