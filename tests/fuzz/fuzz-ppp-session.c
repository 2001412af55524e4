/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for a whole DtPpp session: frame dispatch, phase gating, authentication,
 * callback (CBCP), IPCP and renegotiation, as a server on the line would drive them.
 *
 * The harness plays a cooperative peer for what the fuzzer would hardly guess: every
 * Configure-Request the session sends (LCP, IPCP) is acknowledged at once, and LCP
 * Echo-Requests are answered.  So the fuzzer only has to provide the server's own requests
 * (an LCP Configure-Request with an Auth-Protocol, a PAP Ack, a CHAP Challenge, a CBCP
 * Callback-Request, an IPCP Nak with an address) to reach the authentication, callback and
 * network phases, and everything else it sends goes wherever those phases take it.
 *
 * Input: one byte of configuration, then records of [operation][length][length bytes]:
 *   0 a frame: 2 bytes of protocol, then the information field (encoded by the harness)
 *   1 raw line bytes (the HDLC decoder on its own)
 *   2 the restart timers of LCP and IPCP fire
 *   3 dt_ppp_retry_auth ()       4 dt_ppp_change_password ()
 *   5 dt_ppp_callback_respond () 6 dt_ppp_close ()       7 dt_ppp_lower_down () */

#include "config.h"

#include <string.h>

#include "dt-ppp-defs.h"
#include "dt-ppp-private.h"
#include "fuzz-sources.h"

typedef struct {
  DtPpp *ppp;
  DtPppHdlcDecoder *decoder;   /* what the session sends */
  DtPppHdlcEncoder encoder;    /* what the peer sends */
  GQueue replies;              /* GBytes * of encoded frames for the session */
  guint frames_out;
} Harness;

static void
queue_frame (Harness      *h,
             guint16       protocol,
             const guint8 *info,
             gsize         len)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();

  dt_ppp_hdlc_encode (&h->encoder, out, protocol, info, len);
  g_queue_push_tail (&h->replies, g_byte_array_free_to_bytes (g_steal_pointer (&out)));
}

/* Every frame the session sends: well formed, and answered where a peer must answer. */
static void
on_session_frame (guint16       protocol,
                  const guint8 *info,
                  gsize         len,
                  gpointer      user_data)
{
  Harness *h = user_data;
  g_autofree guint8 *reply = NULL;

  h->frames_out++;
  if (protocol == DT_PPP_PROTO_IP)
    return;
  g_assert (len >= DT_PPP_HEADER_LEN && dt_ppp_get16 (info + 2) == len);
  if (protocol != DT_PPP_PROTO_LCP && protocol != DT_PPP_PROTO_IPCP)
    return;
  if (info[0] != DT_PPP_CONF_REQ && info[0] != DT_PPP_ECHO_REQ)
    return;
  /* A Configure-Ack repeats the request; an Echo-Reply carries the peer's magic (0). */
  reply = g_memdup2 (info, len);
  reply[0] = info[0] == DT_PPP_CONF_REQ ? DT_PPP_CONF_ACK : DT_PPP_ECHO_REP;
  if (info[0] == DT_PPP_ECHO_REQ && len >= 8)
    memset (reply + 4, 0, 4);
  if (g_queue_get_length (&h->replies) < 64)
    queue_frame (h, protocol, reply, len);
}

static void
on_output (const guint8 *bytes,
           gsize         len,
           gpointer      user_data)
{
  Harness *h = user_data;

  g_assert (len >= 4 && bytes[0] == 0x7e && bytes[len - 1] == 0x7e);
  dt_ppp_hdlc_decoder_feed (h->decoder, bytes, len);
}

static void
on_trace (DtPpp      *ppp,
          const char *line,
          gpointer    user_data)
{
  g_assert (g_utf8_validate (line, -1, NULL));
}

static void
on_network_up (DtPpp      *ppp,
               const char *local,
               const char *remote,
               const char *dns1,
               const char *dns2,
               gpointer    user_data)
{
  /* Never an address no host may have, and never the same at both ends. */
  g_assert (local != NULL);
  g_assert (!dt_ppp_ipv4_is_bad (dt_ppp_get_local_ipv4 (ppp)));
  g_assert (remote == NULL || g_strcmp0 (local, remote) != 0);
}

static void
on_finished (DtPpp      *ppp,
             guint       code,
             const char *reason,
             gpointer    user_data)
{
  /* Whatever the server said, the reason is safe to print. */
  g_assert (reason != NULL && g_utf8_validate (reason, -1, NULL));
  for (const char *p = reason; *p != '\0'; p = g_utf8_next_char (p))
    g_assert (!g_unichar_iscntrl (g_utf8_get_char (p)));
}

/* The session's replies to the session, a bounded number of rounds. */
static void
deliver (Harness *h)
{
  for (guint round = 0; round < 32 && !g_queue_is_empty (&h->replies); round++)
    {
      g_autoptr (GBytes) frame = g_queue_pop_head (&h->replies);
      gsize len;
      const guint8 *bytes = g_bytes_get_data (frame, &len);

      dt_ppp_input (h->ppp, bytes, len);
    }
}

static char *
string_of (const guint8 *data,
           gsize         len)
{
  return len > 0 ? g_strndup ((const char *) data, len) : g_strdup ("");
}

static void
run_operation (Harness      *h,
               guint8        op,
               const guint8 *data,
               gsize         len)
{
  DtPpp *ppp = h->ppp;

  switch (op % 8)
    {
    case 0:
      if (len >= 2)
        {
          g_autoptr (GByteArray) out = g_byte_array_new ();

          dt_ppp_hdlc_encode (&h->encoder, out, dt_ppp_get16 (data), data + 2, len - 2);
          dt_ppp_input (ppp, out->data, out->len);
        }
      break;
    case 1:
      dt_ppp_input (ppp, data, len);
      break;
    case 2:
      if (dt_ppp_fsm_timer_pending (&ppp->lcp.fsm))
        dt_ppp_fsm_timeout (&ppp->lcp.fsm);
      if (dt_ppp_fsm_timer_pending (&ppp->ipcp.fsm))
        dt_ppp_fsm_timeout (&ppp->ipcp.fsm);
      break;
    case 3:
      {
        gsize half = len / 2;
        g_autofree char *user = string_of (data, half);
        g_autofree char *password = len > 0 ? string_of (data + half, len - half) : NULL;

        dt_ppp_retry_auth (ppp, user, password, NULL, NULL);
        break;
      }
    case 4:
      {
        g_autofree char *password = string_of (data, len);

        dt_ppp_change_password (ppp, "pass", password, NULL);
        break;
      }
    case 5:
      {
        g_autofree char *number = len > 1 ? string_of (data + 1, len - 1) : NULL;

        dt_ppp_callback_respond (ppp, len > 0 ? data[0] % 5 : 0, number, NULL);
        break;
      }
    case 6:
      dt_ppp_close (ppp, "fuzz");
      break;
    case 7:
    default:
      dt_ppp_lower_down (ppp);
      break;
    }
  g_assert (dt_ppp_get_phase (ppp) <= DT_PPP_PHASE_TERMINATE);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  Harness h = { 0 };
  DtPppConfig config;
  gsize pos = 1;
  guint first_source;

  if (size < 1)
    return 0;
  first_source = fuzz_next_source_id ();
  g_random_set_seed (1);
  dt_ppp_config_init (&config);
  config.user = "user";
  config.password = "pass";
  config.auth_methods = data[0] & DT_PPP_AUTH_METHODS_ALL;
  config.require_encryption = (data[0] & 8) != 0;
  config.want_callback = (data[0] & 16) != 0;
  config.require_server_auth = (data[0] & 32) != 0;
  config.static_address = (data[0] & 64) ? "10.64.0.11" : NULL;
  config.accept_pap_at_once = (data[0] & 128) != 0;
  config.echo_interval_ms = 0;

  h.ppp = dt_ppp_new (&config);
  h.decoder = dt_ppp_hdlc_decoder_new (DT_PPP_MAX_MRU + 16, on_session_frame, &h);
  dt_ppp_hdlc_encoder_init (&h.encoder);
  g_queue_init (&h.replies);
  dt_ppp_set_output_func (h.ppp, on_output, &h, NULL);
  g_signal_connect (h.ppp, "trace", G_CALLBACK (on_trace), NULL);
  g_signal_connect (h.ppp, "network-up", G_CALLBACK (on_network_up), NULL);
  g_signal_connect (h.ppp, "finished", G_CALLBACK (on_finished), NULL);
  dt_ppp_start (h.ppp);
  deliver (&h);

  while (pos + 2 <= size)
    {
      guint8 op = data[pos];
      gsize len = MIN (data[pos + 1], size - pos - 2);
      /* Exactly @len bytes on the heap, so that ASan sees any overread. */
      g_autofree guint8 *copy = g_memdup2 (data + pos + 2, len);

      pos += 2 + len;
      run_operation (&h, op, copy, len);
      deliver (&h);
    }

  /* "finished" comes from an idle: let it run, as the main loop would. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (h.ppp);
  g_queue_clear_full (&h.replies, (GDestroyNotify) g_bytes_unref);
  dt_ppp_hdlc_decoder_free (h.decoder);
  fuzz_assert_no_source_left (first_source);
  return 0;
}
