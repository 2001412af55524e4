/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The test peer's option-negotiation automaton, RFC 1661 section 4, for LCP and IPCP.  The
 * peer is a server that is always administratively open, so Initial, Starting, Closed and
 * Stopped fold into one "stopped" state; the rest follows the RFC's state table (4.1) with
 * its restart timer, Max-Configure (10), Max-Terminate (2) and Max-Failure (5).  Packets
 * that lie about their length are discarded, as 5 says; unknown codes get a Code-Reject. */

#include "dt-test-peer-private.h"

#include <string.h>

#define MAX_CONFIGURE 10
#define MAX_TERMINATE 2
#define MAX_FAILURE   5

static const char * const state_names[] = {
  "Stopped", "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened", "Closing", "Stopping"
};

void
cp_init (Cp *cp, const CpClass *klass, DtTestPeer *peer)
{
  memset (cp, 0, sizeof *cp);
  cp->klass = klass;
  cp->peer = peer;
  cp->state = CP_STOPPED;
}

static void
set_state (Cp *cp, CpState state)
{
  if (cp->state == state)
    return;
  peer_event (cp->peer, "%s %s -> %s", cp->klass->name, state_names[cp->state],
              state_names[state]);
  cp->state = state;
}

void
cp_send (Cp *cp, guint8 code, guint8 id, const guint8 *data, gsize len)
{
  peer_send_packet (cp->peer, cp->klass->protocol, code, id, data, len);
}

static gboolean on_restart (gpointer user_data);

static void
start_timer (Cp *cp)
{
  g_clear_handle_id (&cp->timer_id, g_source_remove);
  cp->timer_id = g_timeout_add (cp->peer->sc.restart_ms, on_restart, cp);
}

static void
send_request (Cp *cp)
{
  g_autoptr (GByteArray) options = g_byte_array_new ();

  cp->klass->add_options (cp->peer, options);
  cp->request_id = ++cp->next_id;
  cp_send (cp, CP_CONFREQ, cp->request_id, options->data, options->len);
  cp->restart_count--;
  start_timer (cp);
}

static void
send_terminate (Cp *cp)
{
  const char *reason = cp->terminate_reason != NULL ? cp->terminate_reason : "";

  cp->request_id = ++cp->next_id;
  cp_send (cp, CP_TERMREQ, cp->request_id, (const guint8 *) reason, strlen (reason));
  cp->restart_count--;
  start_timer (cp);
}

static void
layer_up (Cp *cp)
{
  g_clear_handle_id (&cp->timer_id, g_source_remove);
  set_state (cp, CP_OPENED);
  cp->klass->up (cp->peer);
}

static void
layer_down (Cp *cp)
{
  cp->klass->down (cp->peer);
}

static void
layer_finished (Cp *cp)
{
  g_clear_handle_id (&cp->timer_id, g_source_remove);
  set_state (cp, CP_STOPPED);
  cp->klass->finished (cp->peer);
}

static gboolean
on_restart (gpointer user_data)
{
  Cp *cp = user_data;

  cp->timer_id = 0;
  if (cp->state == CP_STOPPING)
    {
      /* The Terminate-Ack went out a restart time ago: the client had its time to go. */
      layer_finished (cp);
      return G_SOURCE_REMOVE;
    }
  if (cp->restart_count == 0)
    {
      /* TO-: the client never answered. */
      peer_event (cp->peer, "%s: no answer to the last %s", cp->klass->name,
                  cp->state == CP_CLOSING ? "Terminate-Request" : "Configure-Request");
      layer_finished (cp);
      return G_SOURCE_REMOVE;
    }
  switch (cp->state)
    {
    case CP_REQ_SENT:
    case CP_ACK_SENT:
      send_request (cp);
      break;
    case CP_ACK_RCVD:
      send_request (cp);
      set_state (cp, CP_REQ_SENT);
      break;
    case CP_CLOSING:
      send_terminate (cp);
      break;
    case CP_STOPPED:
    case CP_STOPPING:
    case CP_OPENED:
    default:
      break;
    }
  return G_SOURCE_REMOVE;
}

void
cp_reset (Cp *cp)
{
  g_clear_handle_id (&cp->timer_id, g_source_remove);
  if (cp->state == CP_OPENED)
    layer_down (cp);
  cp->state = CP_STOPPED;
  cp->naks_sent = 0;
}

void
cp_open (Cp *cp)
{
  cp_reset (cp);
  cp->restart_count = MAX_CONFIGURE;
  set_state (cp, CP_REQ_SENT);
  send_request (cp);
}

void
cp_close (Cp *cp, const char *reason)
{
  gboolean was_open = cp->state == CP_OPENED;

  if (cp->state == CP_STOPPED || cp->state == CP_CLOSING)
    return;
  peer_set_string (&cp->terminate_reason, reason);
  cp->restart_count = MAX_TERMINATE;
  set_state (cp, CP_CLOSING);
  if (was_open)
    layer_down (cp);
  send_terminate (cp);
}

static void
receive_request (Cp *cp, guint8 id, const guint8 *options, gsize len)
{
  g_autoptr (GByteArray) reply = g_byte_array_new ();
  guint8 code;

  if (cp->state == CP_CLOSING || cp->state == CP_STOPPING)
    return;
  if (cp->state == CP_STOPPED)
    cp->restart_count = MAX_CONFIGURE;

  code = cp->klass->check_request (cp->peer, options, len, cp->naks_sent >= MAX_FAILURE, reply);
  if (code == CP_CONFNAK)
    cp->naks_sent++;
  else if (code == CP_CONFACK)
    cp->naks_sent = 0;

  if (cp->state == CP_OPENED)
    {
      /* Renegotiation: tld, then a new Configure-Request of ours. */
      layer_down (cp);
      cp->restart_count = MAX_CONFIGURE;
      send_request (cp);
    }
  else if (cp->state == CP_STOPPED)
    send_request (cp);
  cp_send (cp, code, id, reply->data, reply->len);

  if (code == CP_CONFACK)
    {
      if (cp->state == CP_ACK_RCVD)
        layer_up (cp);
      else
        set_state (cp, CP_ACK_SENT);
    }
  else if (cp->state != CP_ACK_RCVD)
    set_state (cp, CP_REQ_SENT);
}

static void
receive_ack (Cp *cp, guint8 id)
{
  if (id != cp->request_id)
    {
      peer_violation (cp->peer, "%s Configure-Ack id %u answers no request (ours is %u)",
                      cp->klass->name, id, cp->request_id);
      return;
    }
  switch (cp->state)
    {
    case CP_REQ_SENT:
      cp->restart_count = MAX_CONFIGURE;
      g_clear_handle_id (&cp->timer_id, g_source_remove);
      set_state (cp, CP_ACK_RCVD);
      /* Keep a timer, so that a client that never sends its own request is noticed. */
      start_timer (cp);
      break;
    case CP_ACK_SENT:
      cp->restart_count = MAX_CONFIGURE;
      layer_up (cp);
      break;
    case CP_ACK_RCVD:
      send_request (cp);
      set_state (cp, CP_REQ_SENT);
      break;
    case CP_OPENED:
      layer_down (cp);
      send_request (cp);
      set_state (cp, CP_REQ_SENT);
      break;
    default:
      break;
    }
}

static void
receive_nak_or_reject (Cp *cp, guint8 code, guint8 id, const guint8 *options, gsize len)
{
  if (id != cp->request_id)
    {
      peer_violation (cp->peer, "%s Configure-%s id %u answers no request (ours is %u)",
                      cp->klass->name, code == CP_CONFNAK ? "Nak" : "Reject", id,
                      cp->request_id);
      return;
    }
  if (cp->state == CP_CLOSING || cp->state == CP_STOPPING || cp->state == CP_STOPPED)
    return;
  if (code == CP_CONFNAK ? !cp->klass->got_nak (cp->peer, options, len)
                         : !cp->klass->got_reject (cp->peer, options, len))
    return;
  if (cp->state == CP_OPENED)
    layer_down (cp);
  if (cp->state != CP_ACK_SENT)
    set_state (cp, CP_REQ_SENT);
  cp->restart_count = MAX_CONFIGURE;
  send_request (cp);
}

static void
receive_terminate_request (Cp *cp, guint8 id)
{
  if (cp->klass->protocol == DT_TEST_PEER_LCP)
    cp->peer->out.client_terminates++;
  cp_send (cp, CP_TERMACK, id, NULL, 0);
  switch (cp->state)
    {
    case CP_OPENED:
      /* tld, zrc, sta: Stopping, and This-Layer-Finished one restart time later. */
      cp->restart_count = 0;
      set_state (cp, CP_STOPPING);
      layer_down (cp);
      start_timer (cp);
      break;
    case CP_ACK_RCVD:
    case CP_ACK_SENT:
      set_state (cp, CP_REQ_SENT);
      break;
    default:
      break;
    }
}

static void
receive_terminate_ack (Cp *cp, guint8 id)
{
  switch (cp->state)
    {
    case CP_CLOSING:
    case CP_STOPPING:
      layer_finished (cp);
      break;
    case CP_ACK_RCVD:
      set_state (cp, CP_REQ_SENT);
      break;
    case CP_OPENED:
      layer_down (cp);
      cp->restart_count = MAX_CONFIGURE;
      send_request (cp);
      set_state (cp, CP_REQ_SENT);
      break;
    default:
      break;
    }
}

void
cp_input (Cp *cp, const guint8 *packet, gsize len)
{
  guint8 code, id;
  gsize length;

  if (len < 4)
    {
      peer_violation (cp->peer, "%s packet of %" G_GSIZE_FORMAT " octets", cp->klass->name, len);
      return;
    }
  code = packet[0];
  id = packet[1];
  length = (gsize) packet[2] << 8 | packet[3];
  if (length < 4 || length > len)
    {
      peer_violation (cp->peer, "%s packet whose Length %" G_GSIZE_FORMAT " lies (%"
                      G_GSIZE_FORMAT " octets came)", cp->klass->name, length, len);
      return;
    }
  /* Octets beyond Length are padding (RFC 1661 5). */
  packet += 4;
  length -= 4;

  switch (code)
    {
    case CP_CONFREQ:
      receive_request (cp, id, packet, length);
      break;
    case CP_CONFACK:
      receive_ack (cp, id);
      break;
    case CP_CONFNAK:
    case CP_CONFREJ:
      receive_nak_or_reject (cp, code, id, packet, length);
      break;
    case CP_TERMREQ:
      receive_terminate_request (cp, id);
      break;
    case CP_TERMACK:
      receive_terminate_ack (cp, id);
      break;
    case CP_CODEREJ:
      peer_violation (cp->peer, "%s Code-Reject of a code the RFC defines", cp->klass->name);
      break;
    default:
      if (cp->klass->other_code == NULL
          || !cp->klass->other_code (cp->peer, code, id, packet, length))
        {
          cp->next_id++;
          cp_send (cp, CP_CODEREJ, cp->next_id, packet - 4,
                   MIN (length + 4, (gsize) 1500 - 4));
        }
      break;
    }
}
