/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the authentication client: a script of PAP or CHAP packets fed to
 * dt_ppp_auth_client_input(), interleaved with retry() and change_password() as the engine
 * would call them, every packet traced both ways; and the MS-CHAPv2 Failure and Success
 * parsers on raw text.
 *
 * Input: one selector byte (protocol, or the parsers), then records of
 * [operation][length][length bytes]. */

#include "config.h"

#include <string.h>

#include "dt-ppp-auth-private.h"
#include "dt-text.h"

static void
on_send (guint16       ppp_protocol,
         const guint8 *pkt,
         gsize         len,
         gpointer      data)
{
  g_autofree char *trace = dt_ppp_auth_describe_packet (ppp_protocol, pkt, len);

  g_assert (trace != NULL);
}

static void
fuzz_parsers (const guint8 *data,
              gsize         size)
{
  DtMschapFailure failure;
  guint8 auth_response[20];
  g_autofree char *message = NULL;
  g_autofree char *clean = NULL;

  dt_mschap_parse_failure (data, size, &failure);
  g_assert (failure.message == NULL || g_utf8_validate (failure.message, -1, NULL));
  dt_mschap_failure_clear (&failure);

  dt_mschap_parse_success (data, size, auth_response, &message);
  clean = dt_text_sanitize ((const char *) data, size, DT_PPP_AUTH_MAX_MESSAGE);
  g_assert (clean == NULL || (strlen (clean) <= DT_PPP_AUTH_MAX_MESSAGE &&
                              g_utf8_validate (clean, -1, NULL)));
}

static void
fuzz_client (DtPppAuthProtocol  proto,
             const guint8      *data,
             gsize              size)
{
  const char *domain = proto == DT_PPP_AUTH_MSCHAPV2 ? "CORP" : NULL;
  g_autoptr (DtPppAuthClient) client = dt_ppp_auth_client_new (proto, "user", "pass", domain);
  guint16 protocol = dt_ppp_auth_client_get_ppp_protocol (client);
  gsize pos = 0;

  dt_ppp_auth_client_set_send_func (client, on_send, NULL);
  dt_ppp_auth_client_start (client);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN ((gsize) data[pos + 1], size - pos - 2);
      const guint8 *pkt = data + pos + 2;

      pos += 2 + len;
      switch (op % 4)
        {
        case 0:
        case 1:
          g_free (dt_ppp_auth_describe_packet (protocol, pkt, len));
          dt_ppp_auth_client_input (client, pkt, len);
          break;
        case 2:
          dt_ppp_auth_client_retry (client, "user", "pass2", NULL, NULL);
          break;
        case 3:
          dt_ppp_auth_client_change_password (client, "pass", "pass2", NULL);
          break;
        }
    }
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size < 1)
    return 0;

  switch (data[0] % 4)
    {
    case 0:
      fuzz_client (DT_PPP_AUTH_PAP, data + 1, size - 1);
      break;
    case 1:
      fuzz_client (DT_PPP_AUTH_CHAP_MD5, data + 1, size - 1);
      break;
    case 2:
      fuzz_client (DT_PPP_AUTH_MSCHAPV2, data + 1, size - 1);
      break;
    default:
      fuzz_parsers (data + 1, size - 1);
      break;
    }
  return 0;
}
