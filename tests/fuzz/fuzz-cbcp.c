/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for CBCP, the caller's side: a script of packets fed to
 * dt_ppp_cbcp_input() (Requests, Acks, anything), interleaved with answers of every type
 * (numbers taken from the input, good and bad) and restarts, every packet traced both ways.
 * Checks that what we send is a well-formed Response to the last Request, and that an Ack
 * is only taken when it repeats our Response.
 *
 * Input: one byte of policy (the type answered at once from "requested", 0 for none), then
 * records of [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dt-ppp-cbcp.h"
#include "dt-ppp-defs.h"
#include "dt-ppp-trace.h"

typedef struct {
  guint8 auto_type;
  GByteArray *last_sent;
} State;

static void
check_trace (const guint8 *packet,
             gsize         len)
{
  g_autofree char *trace = dt_ppp_describe_packet (DT_PPP_PROTO_CBCP, packet, len);

  g_assert (trace != NULL && g_str_has_prefix (trace, "[CBCP") &&
            g_utf8_validate (trace, -1, NULL));
}

static void
on_requested (DtPppCbcp *cbcp,
              gpointer   data)
{
  State *st = data;

  g_assert (cbcp->state == DT_PPP_CBCP_STATE_WAIT_ANSWER);
  g_assert (cbcp->offer.offered != 0);
  if (st->auto_type != 0)
    dt_ppp_cbcp_respond (cbcp, st->auto_type, "5550123", NULL);
}

static void
on_acked (DtPppCbcp *cbcp,
          gpointer   data)
{
  State *st = data;

  /* Only an Ack of the Response we sent last. */
  g_assert (st->last_sent->len >= 4);
  g_assert (cbcp->state == DT_PPP_CBCP_STATE_DONE);
  g_assert (cbcp->option->len == st->last_sent->len - 4u);
  g_assert (memcmp (cbcp->option->data, st->last_sent->data + 4, cbcp->option->len) == 0);
}

static void
on_failed (DtPppCbcp *cbcp,
           gpointer   data)
{
  g_assert (cbcp->state == DT_PPP_CBCP_STATE_FAILED);
}

static void
on_send (DtPppCbcp    *cbcp,
         const guint8 *packet,
         gsize         len,
         gpointer      data)
{
  State *st = data;

  g_assert (len >= 6 && len <= 4 + 255);
  g_assert (packet[0] == DT_PPP_CBCP_RESPONSE && packet[1] == cbcp->id);
  g_assert (dt_ppp_get16 (packet + 2) == len);
  /* Exactly one option, of a type the server offered. */
  g_assert (packet[5] == len - 4);
  g_assert (cbcp->offer.offered & DT_PPP_CALLBACK_OFFER (packet[4]));
  check_trace (packet, len);
  g_byte_array_set_size (st->last_sent, 0);
  g_byte_array_append (st->last_sent, packet, len);
}

static const DtPppCbcpOwner owner = {
  .requested = on_requested,
  .acked = on_acked,
  .failed = on_failed,
  .send = on_send,
};

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  State st = { 0 };
  DtPppCbcp cbcp;
  gsize pos = 1;

  if (size < 1)
    return 0;
  st.auto_type = data[0] % 4;
  st.last_sent = g_byte_array_new ();
  dt_ppp_cbcp_init (&cbcp, &owner, &st);
  /* No timer: the fuzzer cannot wait for one, and a pending source would outlive the run. */
  dt_ppp_cbcp_start (&cbcp, 0);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      const guint8 *bytes = data + pos + 2;

      pos += 2 + len;
      switch (op % 4)
        {
        case 0:
          {
            g_autofree char *number = g_strndup ((const char *) bytes, len);

            dt_ppp_cbcp_respond (&cbcp, (op >> 2) % 5, number, NULL);
            break;
          }
        case 1:
          dt_ppp_cbcp_stop (&cbcp);
          dt_ppp_cbcp_start (&cbcp, 0);
          break;
        default:
          {
            /* Exactly @len bytes on the heap, so that ASan sees any overread. */
            g_autofree guint8 *copy = g_memdup2 (bytes, len);

            check_trace (copy, len);
            dt_ppp_cbcp_input (&cbcp, copy, len);
            break;
          }
        }
      g_assert (cbcp.state <= DT_PPP_CBCP_STATE_FAILED);
      g_assert (cbcp.timer == 0);
    }

  dt_ppp_cbcp_clear (&cbcp);
  g_byte_array_unref (st.last_sent);
  return 0;
}
