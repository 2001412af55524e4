/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the authenticator (dt-ppp-auth-server.c): what an unauthenticated
 * caller sends, fed to PAP, CHAP-MD5 or MS-CHAPv2's server side.  The owner answers each
 * lookup with the password, with a refusal, or only after the next packet.  Checks that every
 * packet sent is well formed, that nothing but a looked-up password ever authenticates, and
 * that the caller's name reaches the lookup as printable UTF-8.
 *
 * Input: one byte of configuration (protocol, how lookups are answered), then records of
 * [length][length bytes], each a PAP or CHAP packet from the caller. */

#include "config.h"

#include <string.h>

#include "dt-ppp-auth-server.h"
#include "dt-ppp-defs.h"

typedef struct {
  DtPppAuthServer *server;
  guint mode;
  gboolean pending;
  gboolean answered_password;
} State;

static void
on_send (guint16       protocol,
         const guint8 *pkt,
         gsize         len,
         gpointer      data)
{
  g_assert (len >= 4 && dt_ppp_get16 (pkt + 2) == len);
  g_assert (protocol == DT_PPP_PROTO_PAP || protocol == DT_PPP_PROTO_CHAP);
}

static void
answer (State *s)
{
  s->pending = FALSE;
  if (s->mode == 0)
    {
      s->answered_password = TRUE;
      dt_ppp_auth_server_answer (s->server, "wonderland", 0);
    }
  else
    dt_ppp_auth_server_answer (s->server, NULL, s->mode == 1 ? 691 : 647);
}

static void
on_lookup (DtPppAuthServer *server,
           const char      *user,
           State           *s)
{
  g_assert (user != NULL && user[0] != '\0' && g_utf8_validate (user, -1, NULL));
  for (const char *p = user; *p != '\0'; p++)
    g_assert ((guchar) *p >= 0x20 && *p != 0x7f);
  if (s->mode == 3)
    s->pending = TRUE;
  else
    answer (s);
}

static void
on_finished (DtPppAuthServer *server,
             gboolean         success,
             guint            code,
             const char      *user,
             gboolean         final,
             State           *s)
{
  if (success)
    g_assert (s->answered_password && code == 0);
  else
    g_assert (code != 0);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const DtPppAuthProtocol protos[] = { DT_PPP_AUTH_PAP, DT_PPP_AUTH_CHAP_MD5,
                                       DT_PPP_AUTH_MSCHAPV2 };
  State s = { 0 };
  gsize pos = 1;

  if (size < 1)
    return 0;
  s.mode = (data[0] >> 2) % 4;
  s.server = dt_ppp_auth_server_new (protos[(data[0] & 3) % 3], "dialtone");
  dt_ppp_auth_server_set_send_func (s.server, on_send, &s);
  g_signal_connect (s.server, "lookup", G_CALLBACK (on_lookup), &s);
  g_signal_connect (s.server, "finished", G_CALLBACK (on_finished), &s);
  dt_ppp_auth_server_start (s.server);

  while (pos + 1 <= size)
    {
      gsize len = MIN (data[pos], size - pos - 1);
      g_autofree guint8 *copy = g_memdup2 (data + pos + 1, len);

      pos += 1 + len;
      dt_ppp_auth_server_input (s.server, copy, len);
      if (s.pending && s.mode == 3)
        {
          s.mode = 0;
          answer (&s);
          s.mode = 3;
        }
    }

  g_object_unref (s.server);
  return 0;
}
