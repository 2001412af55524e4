/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the EAP peer (dt-eap.c): a script of EAP packets fed to
 * dt_ppp_auth_client_input(), interleaved with the user's answers to "eap-prompt", as the
 * engine would give them.  Every packet the client sends must be a well-formed Response
 * (code 2, its length field true) whose trace line exists and never shows a password or
 * token answer the user typed; an answer is taken only when a question was asked.
 *
 * Input: one selector byte (bit 0: no user name, bit 1: no password, bit 2: encryption
 * required), then records of [operation][length][length bytes]: operations 0 to 2 feed a
 * packet, 3 answers the prompt with the bytes as text. */

#include "config.h"

#include <string.h>

#include "dt-ppp-auth-private.h"

#define SECRET_ANSWER "zq-secret-answer-zq"

typedef struct {
  gboolean prompted;
  guint prompt;
} State;

static void
on_send (guint16       ppp_protocol,
         const guint8 *pkt,
         gsize         len,
         gpointer      data)
{
  g_autofree char *trace = dt_ppp_auth_describe_packet (ppp_protocol, pkt, len);

  g_assert (ppp_protocol == 0xc227);
  g_assert (len >= 5 && pkt[0] == 2 && (gsize) ((pkt[2] << 8) | pkt[3]) == len);
  g_assert (trace != NULL);
  g_assert (strstr (trace, SECRET_ANSWER) == NULL);
}

static void
on_eap_prompt (DtPppAuthClient *client,
               guint            prompt,
               const char      *text,
               State           *state)
{
  g_assert (prompt >= DT_PPP_EAP_PROMPT_IDENTITY && prompt <= DT_PPP_EAP_PROMPT_TOKEN);
  g_assert (text == NULL || g_utf8_validate (text, -1, NULL));
  state->prompted = TRUE;
  state->prompt = prompt;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (DtPppAuthClient) client = NULL;
  State state = { FALSE };
  gsize pos = 1;

  if (size < 1)
    return 0;
  client = dt_ppp_auth_client_new (DT_PPP_AUTH_EAP, data[0] & 1 ? "" : "user",
                                   data[0] & 2 ? "" : "pass", NULL);
  dt_ppp_auth_client_set_send_func (client, on_send, NULL);
  dt_ppp_auth_client_set_require_encryption (client, (data[0] & 4) != 0);
  g_signal_connect (client, "eap-prompt", G_CALLBACK (on_eap_prompt), &state);
  dt_ppp_auth_client_start (client);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN ((gsize) data[pos + 1], size - pos - 2);
      const guint8 *pkt = data + pos + 2;

      pos += 2 + len;
      if (op % 4 != 3)
        {
          g_free (dt_ppp_auth_describe_packet (0xc227, pkt, len));
          dt_ppp_auth_client_input (client, pkt, len);
          continue;
        }
      /* A user name is no secret: the trace shows it, as pppd's does. */
      if (dt_ppp_auth_client_eap_answer (client, state.prompt == DT_PPP_EAP_PROMPT_IDENTITY
                                                 ? "user" : SECRET_ANSWER, NULL))
        g_assert (state.prompted);
    }
  return 0;
}
