/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for LCP: a script of packets fed to dt_ppp_lcp_input() (option parsing,
 * the automaton, Echo, Protocol- and Code-Reject), interleaved with timeouts, Close, Down
 * and Up, every packet traced both ways.  The magic number is made predictable so that the
 * fuzzer can find the Acks that reach Opened.
 *
 * Input: one byte of policy (allowed methods, require-encryption, callback, multilink,
 * 12-bit sequence numbers), then records of [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-lcp.h"
#include "dt-ppp-trace.h"

static void
check_trace (guint16       protocol,
             const guint8 *packet,
             gsize         len)
{
  g_autofree char *trace = dt_ppp_describe_packet (protocol, packet, len);

  g_assert (trace != NULL && trace[0] == '[' && g_utf8_validate (trace, -1, NULL));
}

static void
on_send (DtPppFsm     *fsm,
         const guint8 *packet,
         gsize         len,
         gpointer      user_data)
{
  /* What we send is always well formed, and never more than the peer may receive. */
  g_assert (len >= DT_PPP_HEADER_LEN && dt_ppp_get16 (packet + 2) == len);
  g_assert (len <= MAX (fsm->peer_mru, DT_PPP_HEADER_LEN));
  check_trace (DT_PPP_PROTO_LCP, packet, len);
}

static const DtPppLcpOwner owner = { NULL };

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  DtPppLcp lcp;
  gsize pos = 1;

  if (size < 1)
    return 0;
  g_random_set_seed (1);
  dt_ppp_lcp_init (&lcp, &owner, NULL);
  dt_ppp_lcp_configure (&lcp, 1500, 0, data[0] & DT_PPP_AUTH_METHODS_ALL, data[0] & 8, 0, 0);
  dt_ppp_lcp_set_callback (&lcp, data[0] & 16);
  /* Multilink: MRRU, 12-bit numbers and an Endpoint Discriminator of ours. */
  dt_ppp_lcp_set_multilink (&lcp, data[0] & 32 ? 1500 : 0, data[0] & 64,
                            (const guint8 *) "\x01\x02\x03\x04", 4);
  dt_ppp_fsm_set_send_func (&lcp.fsm, on_send, NULL);
  dt_ppp_fsm_open (&lcp.fsm);
  dt_ppp_fsm_up (&lcp.fsm);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      const guint8 *packet = data + pos + 2;

      pos += 2 + len;
      switch (op % 8)
        {
        case 0:
          dt_ppp_fsm_timeout (&lcp.fsm);
          break;
        case 1:
          dt_ppp_fsm_close (&lcp.fsm, DT_PPP_FSM_REASON_ADMIN, "fuzz");
          break;
        case 2:
          dt_ppp_fsm_down (&lcp.fsm);
          dt_ppp_fsm_open (&lcp.fsm);
          dt_ppp_fsm_up (&lcp.fsm);
          break;
        case 3:
          dt_ppp_lcp_send_protocol_reject (&lcp, 0x80fd, packet, len);
          break;
        default:
          {
            /* Exactly @len bytes on the heap, so that ASan sees any overread. */
            g_autofree guint8 *copy = g_memdup2 (packet, len);

            check_trace (DT_PPP_PROTO_LCP, copy, len);
            dt_ppp_lcp_input (&lcp, copy, len);
            break;
          }
        }
      g_assert (lcp.fsm.state < DT_PPP_FSM_N_STATES);
    }

  dt_ppp_lcp_clear (&lcp);
  return 0;
}
