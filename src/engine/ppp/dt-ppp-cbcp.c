/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CBCP, the caller's side: see dt-ppp-cbcp.h.  The choices where [MS-CBCP] leaves room:
 *   - A Request that repeats the Identifier we answered means our Response was lost: the same
 *     Response goes again.  A Request with a new Identifier after our Response is the server
 *     asking again; we answer again with the same choice twice, and the third time we take it
 *     as a refusal (a RAS server that will not dial a number asks again or hangs up).
 *   - Requests that come while the owner decides (the user typing a number) only update the
 *     Identifier the answer will carry.
 *   - An Ack that does not repeat our Identifier and option octet for octet (2.2.4.3) is
 *     ignored: the server would be calling back something we did not ask for.
 *   - The caller has no timers in [MS-CBCP]; here the wait for the first Request and for the
 *     Ack are each bounded, so that a server gone silent ends the dial instead of hanging it.
 *     No bound applies while the owner decides: the server's own retransmissions bound that. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dt-ppp-cbcp.h"

/* Fresh Requests after our Response that we answer again before calling it a refusal. */
#define MAX_REREQUESTS 2

/* Longest run of raw octets the trace prints. */
#define MAX_HEX 32

/* Codec */

static gboolean
offered_type (guint8 type)
{
  return type >= DT_PPP_CALLBACK_NONE && type <= DT_PPP_CALLBACK_ADMIN;
}

gboolean
dt_ppp_cbcp_parse_request (const guint8   *data,
                           gsize           len,
                           DtPppCbcpOffer *offer)
{
  DtPppCbcpOffer o = { 0 };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (offer != NULL, FALSE);

  while (len > 0)
    {
      guint8 type, olen;

      if (len < 2)
        return FALSE;
      type = data[0];
      olen = data[1];
      if (olen < 2 || olen > len)
        return FALSE;
      /* Types 2 and 3 carry the delay the server proposes; "no callback" may or may not. */
      if ((type == DT_PPP_CALLBACK_USER || type == DT_PPP_CALLBACK_ADMIN) && olen < 3)
        return FALSE;
      if (offered_type (type))
        {
          o.offered |= DT_PPP_CALLBACK_OFFER (type);
          o.delay[type] = olen >= 3 ? data[2] : 0;
        }
      data += olen;
      len -= olen;
    }
  if (o.offered == 0)
    return FALSE;
  *offer = o;
  return TRUE;
}

static gboolean
number_fits (const char *number)
{
  gsize n;

  if (number == NULL || number[0] == '\0')
    return FALSE;
  n = strlen (number);
  if (n > DT_PPP_CBCP_MAX_NUMBER)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (number[i] < ' ' || number[i] > '~')
      return FALSE;
  return TRUE;
}

gboolean
dt_ppp_cbcp_number_is_dialable (const char *number)
{
  gboolean digit = FALSE;
  gsize n;

  if (number == NULL)
    return FALSE;
  n = strlen (number);
  if (n == 0 || n > DT_PPP_CBCP_MAX_DIAL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (g_ascii_isdigit (number[i]))
        digit = TRUE;
      else if (!(number[i] == '+' && i == 0) && strchr (" -(),", number[i]) == NULL)
        return FALSE;
    }
  return digit;
}

gboolean
dt_ppp_cbcp_append_option (GByteArray        *out,
                           DtPppCallbackType  type,
                           guint8             delay,
                           const char        *number)
{
  g_return_val_if_fail (out != NULL, FALSE);

  switch (type)
    {
    case DT_PPP_CALLBACK_NONE:
      /* 2.2.4.2: neither delay nor address. */
      g_byte_array_append (out, (const guint8[]) { DT_PPP_CALLBACK_NONE, 2 }, 2);
      return TRUE;
    case DT_PPP_CALLBACK_USER:
      {
        gsize n;
        guint8 head[4] = { DT_PPP_CALLBACK_USER, 0, delay, DT_PPP_CBCP_ADDRESS_PSTN };

        if (!number_fits (number))
          return FALSE;
        n = strlen (number);
        head[1] = (guint8) (sizeof head + n + 1);
        g_byte_array_append (out, head, sizeof head);
        /* The address is a NUL-terminated string (2.2.2). */
        g_byte_array_append (out, (const guint8 *) number, n + 1);
        return TRUE;
      }
    case DT_PPP_CALLBACK_ADMIN:
      g_byte_array_append (out, (const guint8[]) { DT_PPP_CALLBACK_ADMIN, 3, delay }, 3);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_printable (GString      *s,
                  const guint8 *p,
                  gsize         len)
{
  for (gsize i = 0; i < len && p[i] != '\0'; i++)
    {
      if (p[i] >= ' ' && p[i] <= '~' && p[i] != '\\')
        g_string_append_c (s, (char) p[i]);
      else
        g_string_append_printf (s, "\\x%02x", p[i]);
    }
}

static void
describe_options (GString      *s,
                  const guint8 *p,
                  gsize         len)
{
  static const char *names[] = { NULL, "NoCallback", "UserDefined", "AdminDefined", "List" };

  while (len >= 2)
    {
      guint8 type = p[0];
      guint8 olen = p[1];

      if (olen < 2 || olen > len)
        break;
      if (type < G_N_ELEMENTS (names) && names[type] != NULL)
        g_string_append_printf (s, " < %s", names[type]);
      else
        g_string_append_printf (s, " < option=0x%x", type);
      if (olen > 2)
        g_string_append_printf (s, " delay = %u", p[2]);
      /* After the delay: the address type, then the address, up to its NUL. */
      if (olen > 4 && p[4] != '\0')
        {
          g_string_append (s, " number = ");
          append_printable (s, p + 4, MIN (olen - 4u, 64u));
        }
      g_string_append_c (s, '>');
      p += olen;
      len -= olen;
    }
  /* Whatever does not parse as options, raw, as pppd shows it. */
  for (gsize i = 0; i < MIN (len, MAX_HEX); i++)
    g_string_append_printf (s, " %02x", p[i]);
  if (len > MAX_HEX)
    g_string_append (s, " ...");
}

char *
dt_ppp_cbcp_describe_packet (const guint8 *pkt,
                             gsize         len)
{
  static const char *codes[] = { NULL, "Request", "Response", "Ack" };
  GString *s;
  gsize plen;

  g_return_val_if_fail (pkt != NULL || len == 0, NULL);

  s = g_string_new ("[CBCP");
  if (len < 4)
    {
      g_string_append_printf (s, " <truncated, %" G_GSIZE_FORMAT " bytes>]", len);
      return g_string_free (s, FALSE);
    }
  if (pkt[0] >= 1 && pkt[0] < G_N_ELEMENTS (codes))
    g_string_append_printf (s, " %s", codes[pkt[0]]);
  else
    g_string_append_printf (s, " code=0x%x", pkt[0]);
  g_string_append_printf (s, " id=0x%x", pkt[1]);
  plen = dt_ppp_get16 (pkt + 2);
  if (plen < 4 || plen > len)
    {
      g_string_append_printf (s, " <bad length %" G_GSIZE_FORMAT " in %" G_GSIZE_FORMAT
                              " bytes>]", plen, len);
      return g_string_free (s, FALSE);
    }
  if (pkt[0] >= DT_PPP_CBCP_REQUEST && pkt[0] <= DT_PPP_CBCP_ACK)
    describe_options (s, pkt + 4, plen - 4);
  else
    for (gsize i = 4; i < MIN (plen, 4 + MAX_HEX); i++)
      g_string_append_printf (s, " %02x", pkt[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* The caller's state machine */

static void
stop_timer (DtPppCbcp *cbcp)
{
  g_clear_handle_id (&cbcp->timer, g_source_remove);
}

static void
fail (DtPppCbcp        *cbcp,
      DtPppCbcpFailure  failure)
{
  stop_timer (cbcp);
  cbcp->state = DT_PPP_CBCP_STATE_FAILED;
  cbcp->failure = failure;
  if (cbcp->owner->failed != NULL)
    cbcp->owner->failed (cbcp, cbcp->owner_data);
}

static gboolean
on_timeout (gpointer user_data)
{
  DtPppCbcp *cbcp = user_data;

  cbcp->timer = 0;
  fail (cbcp, cbcp->state == DT_PPP_CBCP_STATE_WAIT_REQUEST ? DT_PPP_CBCP_FAILURE_NO_REQUEST
                                                            : DT_PPP_CBCP_FAILURE_NO_ACK);
  return G_SOURCE_REMOVE;
}

static void
arm_timer (DtPppCbcp *cbcp)
{
  stop_timer (cbcp);
  if (cbcp->wait_ms > 0)
    cbcp->timer = g_timeout_add (cbcp->wait_ms, on_timeout, cbcp);
}

static void
send_response (DtPppCbcp *cbcp)
{
  g_autoptr (GByteArray) packet = g_byte_array_sized_new (4 + cbcp->option->len);
  guint8 header[4] = { DT_PPP_CBCP_RESPONSE, cbcp->id };

  dt_ppp_put16 (header + 2, (guint16) (4 + cbcp->option->len));
  g_byte_array_append (packet, header, sizeof header);
  g_byte_array_append (packet, cbcp->option->data, cbcp->option->len);
  cbcp->response_id = cbcp->id;
  cbcp->state = DT_PPP_CBCP_STATE_WAIT_ACK;
  cbcp->stats.responses++;
  arm_timer (cbcp);
  cbcp->owner->send (cbcp, packet->data, packet->len, cbcp->owner_data);
}

static void
ask_owner (DtPppCbcp *cbcp)
{
  stop_timer (cbcp);
  cbcp->state = DT_PPP_CBCP_STATE_WAIT_ANSWER;
  if (cbcp->owner->requested != NULL)
    cbcp->owner->requested (cbcp, cbcp->owner_data);
}

static void
receive_request (DtPppCbcp    *cbcp,
                 guint8        id,
                 const guint8 *data,
                 gsize         len)
{
  DtPppCbcpOffer offer;

  if (!dt_ppp_cbcp_parse_request (data, len, &offer))
    {
      cbcp->stats.malformed++;
      return;
    }
  switch (cbcp->state)
    {
    case DT_PPP_CBCP_STATE_WAIT_REQUEST:
      cbcp->stats.requests++;
      cbcp->id = id;
      cbcp->offer = offer;
      ask_owner (cbcp);
      return;
    case DT_PPP_CBCP_STATE_WAIT_ANSWER:
      /* Retransmissions while the owner decides: the answer carries the latest Identifier. */
      cbcp->stats.requests++;
      cbcp->id = id;
      cbcp->offer = offer;
      return;
    case DT_PPP_CBCP_STATE_WAIT_ACK:
      cbcp->stats.requests++;
      if (id == cbcp->response_id)
        {
          send_response (cbcp);
          return;
        }
      cbcp->id = id;
      cbcp->offer = offer;
      if (!(offer.offered & DT_PPP_CALLBACK_OFFER (cbcp->type)))
        ask_owner (cbcp);
      else if (++cbcp->rerequests > MAX_REREQUESTS)
        fail (cbcp, DT_PPP_CBCP_FAILURE_REFUSED);
      else
        send_response (cbcp);
      return;
    case DT_PPP_CBCP_STATE_INITIAL:
    case DT_PPP_CBCP_STATE_DONE:
    case DT_PPP_CBCP_STATE_FAILED:
    default:
      cbcp->stats.ignored++;
      return;
    }
}

static void
receive_ack (DtPppCbcp    *cbcp,
             guint8        id,
             const guint8 *data,
             gsize         len)
{
  if (cbcp->state != DT_PPP_CBCP_STATE_WAIT_ACK || id != cbcp->response_id ||
      len != cbcp->option->len || memcmp (data, cbcp->option->data, len) != 0)
    {
      cbcp->stats.ignored++;
      return;
    }
  stop_timer (cbcp);
  cbcp->state = DT_PPP_CBCP_STATE_DONE;
  if (cbcp->owner->acked != NULL)
    cbcp->owner->acked (cbcp, cbcp->owner_data);
}

/* Public */

void
dt_ppp_cbcp_init (DtPppCbcp            *cbcp,
                  const DtPppCbcpOwner *owner,
                  gpointer              owner_data)
{
  g_return_if_fail (cbcp != NULL);
  g_return_if_fail (owner != NULL && owner->send != NULL);

  memset (cbcp, 0, sizeof *cbcp);
  cbcp->owner = owner;
  cbcp->owner_data = owner_data;
  cbcp->option = g_byte_array_new ();
}

void
dt_ppp_cbcp_clear (DtPppCbcp *cbcp)
{
  g_return_if_fail (cbcp != NULL);

  stop_timer (cbcp);
  g_clear_pointer (&cbcp->number, g_free);
  g_clear_pointer (&cbcp->option, g_byte_array_unref);
}

void
dt_ppp_cbcp_start (DtPppCbcp *cbcp,
                   guint      wait_ms)
{
  g_return_if_fail (cbcp != NULL);

  cbcp->state = DT_PPP_CBCP_STATE_WAIT_REQUEST;
  cbcp->failure = DT_PPP_CBCP_FAILURE_NONE;
  cbcp->wait_ms = wait_ms;
  cbcp->type = 0;
  cbcp->delay = 0;
  cbcp->rerequests = 0;
  memset (&cbcp->offer, 0, sizeof cbcp->offer);
  g_clear_pointer (&cbcp->number, g_free);
  g_byte_array_set_size (cbcp->option, 0);
  arm_timer (cbcp);
}

void
dt_ppp_cbcp_stop (DtPppCbcp *cbcp)
{
  g_return_if_fail (cbcp != NULL);

  stop_timer (cbcp);
  if (cbcp->state != DT_PPP_CBCP_STATE_DONE && cbcp->state != DT_PPP_CBCP_STATE_FAILED)
    cbcp->state = DT_PPP_CBCP_STATE_INITIAL;
}

void
dt_ppp_cbcp_input (DtPppCbcp    *cbcp,
                   const guint8 *packet,
                   gsize         len)
{
  gsize plen;

  g_return_if_fail (cbcp != NULL);
  g_return_if_fail (packet != NULL || len == 0);

  if (len < 4 || (plen = dt_ppp_get16 (packet + 2)) < 4 || plen > len)
    {
      cbcp->stats.malformed++;
      return;
    }
  /* Octets past the Length are padding (RFC 1661 5). */
  switch (packet[0])
    {
    case DT_PPP_CBCP_REQUEST:
      receive_request (cbcp, packet[1], packet + 4, plen - 4);
      return;
    case DT_PPP_CBCP_ACK:
      receive_ack (cbcp, packet[1], packet + 4, plen - 4);
      return;
    default:
      /* A Response is the caller's own packet; other codes mean nothing here. */
      cbcp->stats.ignored++;
      return;
    }
}

gboolean
dt_ppp_cbcp_respond (DtPppCbcp          *cbcp,
                     DtPppCallbackType   type,
                     const char         *number,
                     GError            **error)
{
  guint8 delay;

  g_return_val_if_fail (cbcp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cbcp->state != DT_PPP_CBCP_STATE_WAIT_ANSWER)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           "No Callback-Request is waiting for an answer");
      return FALSE;
    }
  if (!offered_type (type) || !(cbcp->offer.offered & DT_PPP_CALLBACK_OFFER (type)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "The server does not offer callback type %d", (int) type);
      return FALSE;
    }
  delay = type == DT_PPP_CALLBACK_NONE ? 0 : cbcp->offer.delay[type];
  g_byte_array_set_size (cbcp->option, 0);
  if (!dt_ppp_cbcp_append_option (cbcp->option, type, delay, number))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The callback number is empty, too long or not plain ASCII");
      return FALSE;
    }
  cbcp->type = type;
  cbcp->delay = delay;
  g_free (cbcp->number);
  cbcp->number = type == DT_PPP_CALLBACK_USER ? g_strdup (number) : NULL;
  cbcp->rerequests = 0;
  send_response (cbcp);
  return TRUE;
}
