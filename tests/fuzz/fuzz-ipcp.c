/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for IPCP: a script of packets fed to dt_ppp_ipcp_input() (the options of
 * RFC 1332 and RFC 1877 on the automaton), interleaved with timeouts, Close, Down and Up,
 * every packet traced both ways.  Checks that what reaches "up" is an address we can use.
 *
 * Input: one byte of configuration (static address or not, DNS or not, VJ or not), then
 * records of [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-ipcp.h"
#include "dt-ppp-trace.h"

static void
check_trace (const guint8 *packet,
             gsize         len)
{
  g_autofree char *trace = dt_ppp_describe_packet (DT_PPP_PROTO_IPCP, packet, len);

  g_assert (trace != NULL && trace[0] == '[' && g_utf8_validate (trace, -1, NULL));
}

static void
on_send (DtPppFsm     *fsm,
         const guint8 *packet,
         gsize         len,
         gpointer      user_data)
{
  g_assert (len >= DT_PPP_HEADER_LEN && dt_ppp_get16 (packet + 2) == len);
  check_trace (packet, len);
}

static void
on_up (DtPppIpcp *ipcp,
       gpointer   data)
{
  /* IPCP never reports up without an address of our own. */
  g_assert (ipcp->go.neg_addr && ipcp->go.addr != 0);
  g_assert (ipcp->fsm.state == DT_PPP_FSM_OPENED);
}

static const DtPppIpcpOwner owner = { .up = on_up };

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  DtPppIpcp ipcp;
  gsize pos = 1;

  if (size < 1)
    return 0;
  dt_ppp_ipcp_init (&ipcp, &owner, NULL);
  dt_ppp_ipcp_configure (&ipcp, (data[0] & 1) ? 0xc0a80709 : 0, data[0] & 2, data[0] & 4);
  dt_ppp_fsm_set_send_func (&ipcp.fsm, on_send, NULL);
  dt_ppp_fsm_open (&ipcp.fsm);
  dt_ppp_fsm_up (&ipcp.fsm);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      const guint8 *packet = data + pos + 2;

      pos += 2 + len;
      switch (op % 8)
        {
        case 0:
          dt_ppp_fsm_timeout (&ipcp.fsm);
          break;
        case 1:
          dt_ppp_fsm_close (&ipcp.fsm, DT_PPP_FSM_REASON_ADMIN, NULL);
          break;
        case 2:
          dt_ppp_fsm_down (&ipcp.fsm);
          dt_ppp_fsm_up (&ipcp.fsm);
          break;
        case 3:
          dt_ppp_fsm_protocol_rejected (&ipcp.fsm);
          dt_ppp_fsm_open (&ipcp.fsm);
          break;
        default:
          {
            g_autofree guint8 *copy = g_memdup2 (packet, len);

            check_trace (copy, len);
            dt_ppp_ipcp_input (&ipcp, copy, len);
            break;
          }
        }
    }

  dt_ppp_ipcp_clear (&ipcp);
  return 0;
}
