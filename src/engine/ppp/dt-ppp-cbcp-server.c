/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CBCP, the server's side: see dt-ppp-cbcp-server.h.  The choices where [MS-CBCP] leaves
 * room:
 *   - The Request offers types 2 and 3 with the delay and no address (pppd and Windows read
 *     the address only when there is one).
 *   - A Response must answer our last Request's Identifier and pick one type we offered;
 *     anything else is dropped and counted, and the Request goes on being retransmitted.
 *   - A Response that repeats the one we acknowledged (our Ack was lost) gets the same Ack,
 *     a bounded number of times.
 *   - A number of the caller's own that is not one to dial (dt_ppp_cbcp_number_is_dialable():
 *     dial modifiers, service codes, too long) gets no Ack: the owner ends the link, as a RAS
 *     server does ("Invalid callback number"). */

#include "config.h"

#include <string.h>

#include "dt-ppp-cbcp-server.h"

#define MAX_RESENDS 4

gboolean
dt_ppp_cbcp_parse_response (const guint8    *data,
                            gsize            len,
                            DtPppCbcpChoice *choice)
{
  guint8 type;
  guint8 olen;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (choice != NULL, FALSE);

  memset (choice, 0, sizeof *choice);
  if (len < 2)
    return FALSE;
  type = data[0];
  olen = data[1];
  if (olen != len || olen < 2)
    return FALSE;
  switch (type)
    {
    case DT_PPP_CALLBACK_NONE:
      break;
    case DT_PPP_CALLBACK_ADMIN:
      if (olen != 3)
        return FALSE;
      choice->delay = data[2];
      break;
    case DT_PPP_CALLBACK_USER:
      {
        /* Delay, Address Type, then the number and its NUL (2.2.4.2). */
        gsize n;

        if (olen < 6 || data[3] != DT_PPP_CBCP_ADDRESS_PSTN || data[olen - 1] != '\0')
          return FALSE;
        n = olen - 5;
        if (n > DT_PPP_CBCP_MAX_NUMBER)
          return FALSE;
        for (gsize i = 0; i < n; i++)
          if (data[4 + i] < ' ' || data[4 + i] > '~')
            return FALSE;
        choice->delay = data[2];
        memcpy (choice->number, data + 4, n);
        choice->number[n] = '\0';
        break;
      }
    default:
      return FALSE;
    }
  choice->type = type;
  return TRUE;
}

static void
send_packet (DtPppCbcpServer *server,
             guint8           code,
             const guint8    *options,
             gsize            len)
{
  guint8 packet[4 + 16];

  g_assert (len <= sizeof packet - 4);
  packet[0] = code;
  packet[1] = server->id;
  dt_ppp_put16 (packet + 2, 4 + len);
  memcpy (packet + 4, options, len);
  server->owner->send (server, packet, 4 + len, server->owner_data);
}

static void
send_request (DtPppCbcpServer *server)
{
  guint8 options[16];
  gsize len = 0;

  if (server->offered & DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE))
    {
      options[len++] = DT_PPP_CALLBACK_NONE;
      options[len++] = 2;
    }
  for (guint8 type = DT_PPP_CALLBACK_USER; type <= DT_PPP_CALLBACK_ADMIN; type++)
    if (server->offered & DT_PPP_CALLBACK_OFFER (type))
      {
        options[len++] = type;
        options[len++] = 3;
        options[len++] = server->delay;
      }
  server->requests++;
  send_packet (server, DT_PPP_CBCP_REQUEST, options, len);
}

static gboolean
on_timer (gpointer data)
{
  DtPppCbcpServer *server = data;

  if (server->requests < server->max_requests)
    {
      server->id++;
      send_request (server);
      return G_SOURCE_CONTINUE;
    }
  server->timer = 0;
  server->state = DT_PPP_CBCP_SERVER_FAILED;
  server->owner->failed (server, server->owner_data);
  return G_SOURCE_REMOVE;
}

void
dt_ppp_cbcp_server_init (DtPppCbcpServer            *server,
                         const DtPppCbcpServerOwner *owner,
                         gpointer                    owner_data)
{
  g_return_if_fail (server != NULL && owner != NULL);

  memset (server, 0, sizeof *server);
  server->owner = owner;
  server->owner_data = owner_data;
}

void
dt_ppp_cbcp_server_stop (DtPppCbcpServer *server)
{
  g_return_if_fail (server != NULL);

  g_clear_handle_id (&server->timer, g_source_remove);
  if (server->state == DT_PPP_CBCP_SERVER_REQUESTED)
    server->state = DT_PPP_CBCP_SERVER_INITIAL;
}

void
dt_ppp_cbcp_server_clear (DtPppCbcpServer *server)
{
  dt_ppp_cbcp_server_stop (server);
}

void
dt_ppp_cbcp_server_start (DtPppCbcpServer *server,
                          guint            offered,
                          guint8           delay,
                          guint            restart_ms,
                          guint            max_requests)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (offered != 0);

  dt_ppp_cbcp_server_stop (server);
  server->state = DT_PPP_CBCP_SERVER_REQUESTED;
  server->offered = offered;
  server->delay = delay;
  server->restart_ms = MAX (restart_ms, 1);
  server->max_requests = MAX (max_requests, 1);
  server->requests = 0;
  server->resends = 0;
  server->id = g_random_int_range (0, 256);
  send_request (server);
  server->timer = g_timeout_add (server->restart_ms, on_timer, server);
}

static void
take_response (DtPppCbcpServer *server,
               const guint8    *options,
               gsize            len)
{
  DtPppCbcpChoice choice;

  if (!dt_ppp_cbcp_parse_response (options, len, &choice) ||
      !(server->offered & DT_PPP_CALLBACK_OFFER (choice.type)))
    {
      server->stats.malformed++;
      return;
    }
  server->stats.responses++;
  g_clear_handle_id (&server->timer, g_source_remove);
  if (choice.type == DT_PPP_CALLBACK_USER && !dt_ppp_cbcp_number_is_dialable (choice.number))
    {
      server->choice = choice;
      server->state = DT_PPP_CBCP_SERVER_REFUSED;
      server->owner->refused (server, server->owner_data);
      return;
    }
  /* The Ack repeats the caller's option (2.2.4.3); the delay is ours for type 3. */
  server->choice = choice;
  server->ack[0] = DT_PPP_CBCP_ACK;
  server->ack[1] = server->id;
  dt_ppp_put16 (server->ack + 2, 4 + len);
  memcpy (server->ack + 4, options, len);
  server->ack_len = 4 + len;
  server->state = DT_PPP_CBCP_SERVER_AGREED;
  server->owner->send (server, server->ack, server->ack_len, server->owner_data);
  server->owner->agreed (server, server->owner_data);
}

void
dt_ppp_cbcp_server_input (DtPppCbcpServer *server,
                          const guint8    *packet,
                          gsize            len)
{
  gsize plen;

  g_return_if_fail (server != NULL);
  g_return_if_fail (packet != NULL || len == 0);

  if (len < 4 || (plen = dt_ppp_get16 (packet + 2)) < 4 || plen > len ||
      plen > sizeof server->ack)
    {
      server->stats.malformed++;
      return;
    }
  if (packet[0] != DT_PPP_CBCP_RESPONSE || packet[1] != server->id)
    {
      server->stats.ignored++;
      return;
    }
  if (server->state == DT_PPP_CBCP_SERVER_REQUESTED)
    take_response (server, packet + 4, plen - 4);
  else if (server->state == DT_PPP_CBCP_SERVER_AGREED && plen == server->ack_len &&
           memcmp (packet + 4, server->ack + 4, plen - 4) == 0 &&
           server->resends < MAX_RESENDS)
    {
      server->resends++;
      server->owner->send (server, server->ack, server->ack_len, server->owner_data);
    }
  else
    server->stats.ignored++;
}
