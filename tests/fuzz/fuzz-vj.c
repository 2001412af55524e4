/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for Van Jacobson header compression (RFC 1144): the decompressor fed
 * whatever a hostile peer sends (VJ compressed and uncompressed packets, line errors), and
 * the compressor fed whatever this machine might send, each of its packets decompressed by a
 * second, fresh decompressor that must give back exactly the datagram that went in.
 *
 * Input: one byte of configuration (the slot count, and whether slot numbers may be left
 * out), then records of [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-vj.h"
#include "dt-test-inet.h"

#define OUT_SIZE (0xffff + DT_PPP_VJ_MAX_GROWTH)

static guint8 out[OUT_SIZE];
static guint8 wire[0xffff];
static guint8 back[OUT_SIZE];

/* The IPv4 header checksum made right, as a host's stack would send it. */
static void
fix_ip_checksum (guint8 *p,
                 gsize   len)
{
  gsize ihl;

  if (len < 20)
    return;
  ihl = (p[0] & 0x0f) * 4;
  if (ihl < 20 || ihl > len)
    return;
  p[10] = p[11] = 0;
  dt_ppp_put16 (p + 10, dt_test_inet_checksum (p, ihl, 0));
}

static void
round_trip (DtPppVj      *tx,
            DtPppVj      *rx,
            const guint8 *data,
            gsize         len)
{
  g_autofree guint8 *packet = g_memdup2 (data, len);
  gsize wire_len = 0, n;
  guint16 protocol;

  fix_ip_checksum (packet, len);
  protocol = dt_ppp_vj_compress (tx, packet, len, wire, &wire_len);
  if (protocol == DT_PPP_PROTO_IP)
    return;
  g_assert (protocol == DT_PPP_PROTO_VJC || protocol == DT_PPP_PROTO_VJU);
  g_assert (wire_len <= len);
  n = dt_ppp_vj_uncompress (rx, protocol, wire, wire_len, back, sizeof back);
  g_assert (n == len);
  g_assert (memcmp (back, packet, len) == 0);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (DtPppVj) peer = dt_ppp_vj_new ();
  g_autoptr (DtPppVj) tx = dt_ppp_vj_new ();
  g_autoptr (DtPppVj) rx = dt_ppp_vj_new ();
  gsize pos = 1;

  if (size < 1)
    return 0;
  dt_ppp_vj_set_rx (peer, data[0] & 0x0f);
  dt_ppp_vj_set_tx (tx, data[0] & 0x0f, data[0] & 0x10);
  dt_ppp_vj_set_rx (rx, data[0] & 0x0f);

  while (pos + 3 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (dt_ppp_get16 (data + pos + 1), size - pos - 3);
      const guint8 *record = data + pos + 3;

      pos += 3 + len;
      switch (op % 4)
        {
        case 0:
        case 1:
          {
            g_autofree guint8 *copy = g_memdup2 (record, len);
            gsize n = dt_ppp_vj_uncompress (peer, op % 2 ? DT_PPP_PROTO_VJC : DT_PPP_PROTO_VJU,
                                            copy, len, out, len + DT_PPP_VJ_MAX_GROWTH);

            g_assert (n <= len + DT_PPP_VJ_MAX_GROWTH);
            break;
          }
        case 2:
          dt_ppp_vj_receive_error (peer);
          break;
        default:
          round_trip (tx, rx, record, len);
          break;
        }
    }
  return 0;
}
