/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for IPCP as the server of an incoming call (dt-ppp-ipcp-server.c): a
 * caller's packets fed to dt_ppp_ipcp_input() with the server's judgement of its requests,
 * interleaved with timeouts, Close, Down and Up.  Checks that every reply is well formed and
 * that what reaches "up" gives the caller the pool's address, or (when allowed) an address a
 * host may have that is not ours.
 *
 * Input: one byte of configuration (whether the caller may keep its own address, DNS
 * offered or not), then records of [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-ipcp.h"

#define OURS 0x0a4d0001
#define POOL 0x0a4d0002

static void
on_send (DtPppFsm     *fsm,
         const guint8 *packet,
         gsize         len,
         gpointer      user_data)
{
  g_assert (len >= DT_PPP_HEADER_LEN && dt_ppp_get16 (packet + 2) == len);
  g_assert (len <= 1500 + 6);
}

static void
on_up (DtPppIpcp *ipcp,
       gpointer   data)
{
  guint8 first = ipcp->his_addr >> 24;

  g_assert (ipcp->go.addr == OURS);
  if (ipcp->his_addr != 0 && ipcp->his_addr != POOL)
    {
      g_assert (ipcp->accept_peer_addr);
      g_assert (ipcp->his_addr != OURS && first != 0 && first != 127 && first < 224);
    }
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
  dt_ppp_ipcp_set_server (&ipcp, OURS, POOL, data[0] & 1, (data[0] & 2) ? 0x0a4d0035 : 0, 0);
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
        default:
          {
            g_autofree guint8 *copy = g_memdup2 (packet, len);

            dt_ppp_ipcp_input (&ipcp, copy, len);
            break;
          }
        }
    }

  dt_ppp_ipcp_clear (&ipcp);
  return 0;
}
