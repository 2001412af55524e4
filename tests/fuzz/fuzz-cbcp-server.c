/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for CBCP as the server (dt-ppp-cbcp-server.c): a caller's packets, and
 * the Response parser on its own.  Checks that a choice is one of the types offered, that a
 * caller's number agreed on is one to dial (and one refused is not), and that every packet
 * sent is well formed.
 *
 * Input: one byte of configuration (the types offered), then records of
 * [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-cbcp-server.h"

static guint offered;

static void
on_agreed (DtPppCbcpServer *server,
           gpointer         data)
{
  g_assert (offered & DT_PPP_CALLBACK_OFFER (server->choice.type));
  if (server->choice.type == DT_PPP_CALLBACK_USER)
    g_assert (dt_ppp_cbcp_number_is_dialable (server->choice.number));
  else
    g_assert (server->choice.number[0] == '\0');
}

static void
on_failed (DtPppCbcpServer *server,
           gpointer         data)
{
}

static void
on_refused (DtPppCbcpServer *server,
            gpointer         data)
{
  g_assert (server->choice.type == DT_PPP_CALLBACK_USER);
  g_assert (!dt_ppp_cbcp_number_is_dialable (server->choice.number));
}

static void
on_send (DtPppCbcpServer *server,
         const guint8    *packet,
         gsize            len,
         gpointer         data)
{
  g_assert (len >= 4 && dt_ppp_get16 (packet + 2) == len);
}

static const DtPppCbcpServerOwner owner = {
  .agreed = on_agreed,
  .failed = on_failed,
  .refused = on_refused,
  .send = on_send,
};

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  DtPppCbcpServer server;
  gsize pos = 1;

  if (size < 1)
    return 0;
  /* Bits 1..3: the types 1 (none), 2 (the caller's number), 3 (the preset one). */
  offered = (guint) (data[0] & 7) << 1;
  if (offered == 0)
    offered = DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE);
  dt_ppp_cbcp_server_init (&server, &owner, NULL);
  dt_ppp_cbcp_server_start (&server, offered, 5, 3000, 10);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      g_autofree guint8 *copy = g_memdup2 (data + pos + 2, len);
      DtPppCbcpChoice choice;

      pos += 2 + len;
      if (op % 4 == 0)
        {
          /* The parser alone, on any bytes. */
          if (dt_ppp_cbcp_parse_response (copy, len, &choice))
            g_assert (choice.type >= 1 && choice.type <= 3);
          continue;
        }
      if (op % 4 == 1 && len >= 2)
        copy[1] = server.id;   /* a Response to our Request, as a real caller sends */
      dt_ppp_cbcp_server_input (&server, copy, len);
    }

  dt_ppp_cbcp_server_clear (&server);
  return 0;
}
