/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The peer side of PAP (RFC 1334 section 2): Authenticate-Request with our name and
 * password, retransmitted by dt-ppp-auth.c's timer until the server acknowledges it or
 * refuses it with a Nak. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-ppp-auth-private.h"
#include "dt-text.h"

/* Each transmission gets a new Identifier, as pppd does, so that an answer can be matched to
 * any of the requests this attempt sent. */
void
_dt_pap_send_request (DtPppAuthClient *self)
{
  gsize name_len = strlen (self->name);
  gsize password_len = strlen (self->password);
  gsize len = 2 + name_len + password_len;
  guint8 *data;

  g_assert (name_len <= DT_PPP_AUTH_MAX_NAME && password_len <= DT_PPP_AUTH_MAX_NAME);

  data = g_malloc (len);
  data[0] = name_len;
  memcpy (data + 1, self->name, name_len);
  data[1 + name_len] = password_len;
  memcpy (data + 2 + name_len, self->password, password_len);

  self->pap_id++;
  self->n_transmissions++;
  _dt_ppp_auth_client_send_packet (self, DT_PAP_AUTH_REQUEST, self->pap_id, data, len);
  _dt_ppp_auth_secret_free_len (data, len);
}

/* The Msg-Length and Message of an Ack or Nak, when they are there and fit. */
static char *
pap_message (const guint8 *data,
             gsize         len)
{
  if (len < 1 || data[0] == 0 || (gsize) data[0] + 1 > len)
    return NULL;
  return dt_text_sanitize ((const char *) data + 1, data[0], DT_PPP_AUTH_MAX_MESSAGE);
}

void
_dt_pap_input (DtPppAuthClient *self,
               guint8           code,
               guint8           id,
               const guint8    *data,
               gsize            len)
{
  g_autofree char *message = NULL;
  guint8 age = self->pap_id - id;

  if (code != DT_PAP_AUTH_ACK && code != DT_PAP_AUTH_NAK)
    {
      g_debug ("PAP: ignoring code %u: we authenticate only ourselves", code);
      return;
    }
  if (self->state != DT_PPP_AUTH_STATE_WAITING)
    {
      g_debug ("PAP: ignoring an answer that came after the outcome");
      return;
    }
  if (age >= self->n_transmissions)
    {
      g_debug ("PAP: ignoring an answer to id 0x%x, which we did not send", id);
      return;
    }

  message = pap_message (data, len);
  if (code == DT_PAP_AUTH_ACK)
    {
      _dt_ppp_auth_client_finish (self, TRUE, 0,
                                  message != NULL ? message : _("Authenticated."), FALSE);
    }
  else
    {
      guint ras_code = DT_RAS_ERROR_AUTHENTICATION_FAILURE;

      _dt_ppp_auth_client_finish (self, FALSE, ras_code,
                                  message != NULL ? message : dt_ras_error_get_message (ras_code),
                                  FALSE);
    }
}
