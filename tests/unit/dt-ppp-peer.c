/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scripted PPP peer of the DtPpp tests: see dt-ppp-peer.h. */

#include "config.h"

#include <string.h>

#include "dt-ppp-peer.h"

void
dt_ppp_peer_frame_free (DtPppPeerFrame *frame)
{
  if (frame == NULL)
    return;
  g_bytes_unref (frame->info);
  g_free (frame);
}

static void
on_line_frame (guint16       protocol,
               const guint8 *info,
               gsize         len,
               gpointer      user_data)
{
  DtPppPeer *peer = user_data;
  DtPppPeerFrame *f = g_new0 (DtPppPeerFrame, 1);

  f->protocol = protocol;
  f->info = g_bytes_new (info, len);
  g_queue_push_tail (&peer->frames, f);

  /* Once the session acknowledges our asyncmap, it may send control characters unescaped:
   * from the next frame on, as a real peer's receiver would switch. */
  if (protocol == DT_PPP_PROTO_LCP && len >= 4 && info[0] == DT_PPP_CONF_ACK)
    for (gsize i = 4; i + 2 <= len && info[i + 1] >= 2 && i + info[i + 1] <= len;
         i += info[i + 1])
      if (info[i] == 2 && info[i + 1] == 6)
        dt_ppp_hdlc_decoder_set_accm (peer->dec, dt_ppp_get32 (info + i + 2));
}

static void
on_output (const guint8 *bytes,
           gsize         len,
           gpointer      user_data)
{
  DtPppPeer *peer = user_data;

  g_byte_array_append (peer->wire, bytes, len);
  dt_ppp_hdlc_decoder_feed (peer->dec, bytes, len);
}

static void
on_trace (DtPpp      *ppp,
          const char *line,
          DtPppPeer  *peer)
{
  g_ptr_array_add (peer->trace, g_strdup (line));
  g_test_message ("%s", line);
}

static void
on_phase_changed (DtPpp      *ppp,
                  DtPppPhase  phase,
                  DtPppPeer  *peer)
{
  g_array_append_val (peer->phases, phase);
}

static void
on_authenticating (DtPpp      *ppp,
                   const char *protocol,
                   DtPppPeer  *peer)
{
  g_free (peer->authenticating);
  peer->authenticating = g_strdup (protocol);
}

static void
on_auth_result (DtPpp      *ppp,
                gboolean    success,
                guint       code,
                const char *message,
                gboolean    retry,
                DtPppPeer  *peer)
{
  g_ptr_array_add (peer->auth_results,
                   success ? g_strdup ("ok") : g_strdup_printf ("fail %u %d", code, retry));
}

static void
on_network_up (DtPpp      *ppp,
               const char *local,
               const char *remote,
               const char *dns1,
               const char *dns2,
               DtPppPeer  *peer)
{
  peer->network_up = TRUE;
  peer->local = g_strdup (local);
  peer->remote = g_strdup (remote);
  peer->dns1 = g_strdup (dns1);
  peer->dns2 = g_strdup (dns2);
}

static void
on_ipv4_packet (DtPpp     *ppp,
                GBytes    *datagram,
                DtPppPeer *peer)
{
  g_ptr_array_add (peer->ipv4_in, g_bytes_ref (datagram));
}

static void
on_finished (DtPpp      *ppp,
             guint       code,
             const char *reason,
             DtPppPeer  *peer)
{
  g_assert_false (peer->finished);
  peer->finished = TRUE;
  peer->finished_code = code;
  peer->finished_reason = g_strdup (reason);
  g_test_message ("finished %u: %s", code, reason);
}

DtPppPeer *
dt_ppp_peer_new (const DtPppConfig *config)
{
  DtPppPeer *peer = g_new0 (DtPppPeer, 1);

  peer->ppp = dt_ppp_new (config);
  dt_ppp_hdlc_encoder_init (&peer->enc);
  peer->dec = dt_ppp_hdlc_decoder_new (DT_PPP_MAX_MRU + 16, on_line_frame, peer);
  g_queue_init (&peer->frames);
  peer->wire = g_byte_array_new ();
  peer->trace = g_ptr_array_new_with_free_func (g_free);
  peer->phases = g_array_new (FALSE, FALSE, sizeof (DtPppPhase));
  peer->auth_results = g_ptr_array_new_with_free_func (g_free);
  peer->ipv4_in = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  peer->next_id = 0x40;

  dt_ppp_set_output_func (peer->ppp, on_output, peer, NULL);
  g_signal_connect (peer->ppp, "trace", G_CALLBACK (on_trace), peer);
  g_signal_connect (peer->ppp, "phase-changed", G_CALLBACK (on_phase_changed), peer);
  g_signal_connect (peer->ppp, "authenticating", G_CALLBACK (on_authenticating), peer);
  g_signal_connect (peer->ppp, "auth-result", G_CALLBACK (on_auth_result), peer);
  g_signal_connect (peer->ppp, "network-up", G_CALLBACK (on_network_up), peer);
  g_signal_connect (peer->ppp, "ipv4-packet", G_CALLBACK (on_ipv4_packet), peer);
  g_signal_connect (peer->ppp, "finished", G_CALLBACK (on_finished), peer);
  return peer;
}

void
dt_ppp_peer_free (DtPppPeer *peer)
{
  if (peer == NULL)
    return;
  /* The session must go away with nothing left behind: no reference held elsewhere. */
  g_assert_finalize_object (peer->ppp);
  dt_ppp_hdlc_decoder_free (peer->dec);
  g_queue_clear_full (&peer->frames, (GDestroyNotify) dt_ppp_peer_frame_free);
  g_byte_array_unref (peer->wire);
  g_ptr_array_unref (peer->trace);
  g_array_unref (peer->phases);
  g_ptr_array_unref (peer->auth_results);
  g_ptr_array_unref (peer->ipv4_in);
  g_free (peer->authenticating);
  g_free (peer->local);
  g_free (peer->remote);
  g_free (peer->dns1);
  g_free (peer->dns2);
  g_free (peer->finished_reason);
  g_free (peer);
}

void
dt_ppp_peer_send_frame (DtPppPeer    *peer,
                        guint16       protocol,
                        const guint8 *info,
                        gsize         len)
{
  g_autoptr (GByteArray) wire = g_byte_array_new ();

  dt_ppp_hdlc_encode (&peer->enc, wire, protocol, info, len);
  dt_ppp_input (peer->ppp, wire->data, wire->len);
}

void
dt_ppp_peer_send (DtPppPeer    *peer,
                  guint16       protocol,
                  guint8        code,
                  guint8        id,
                  const guint8 *data,
                  gsize         len)
{
  g_autoptr (GByteArray) p = g_byte_array_new ();
  guint8 header[4] = { code, id };

  dt_ppp_put16 (header + 2, 4 + len);
  g_byte_array_append (p, header, 4);
  if (len > 0)
    g_byte_array_append (p, data, len);
  dt_ppp_peer_send_frame (peer, protocol, p->data, p->len);
}

guint8
dt_ppp_peer_frame_code (DtPppPeerFrame *frame)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (frame->info, &len);

  g_assert_cmpuint (len, >=, 4);
  return p[0];
}

guint8
dt_ppp_peer_frame_id (DtPppPeerFrame *frame)
{
  return ((const guint8 *) g_bytes_get_data (frame->info, NULL))[1];
}

const guint8 *
dt_ppp_peer_frame_data (DtPppPeerFrame *frame,
                        gsize          *len)
{
  gsize total;
  const guint8 *p = g_bytes_get_data (frame->info, &total);

  g_assert_cmpuint (total, >=, 4);
  g_assert_cmpuint (dt_ppp_get16 (p + 2), ==, total);
  *len = total - 4;
  return p + 4;
}

DtPppPeerFrame *
dt_ppp_peer_expect (DtPppPeer *peer,
                    guint16    protocol,
                    guint8     code,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  for (;;)
    {
      for (GList *l = peer->frames.head; l != NULL; l = l->next)
        {
          DtPppPeerFrame *f = l->data;

          if (f->protocol == protocol &&
              (code == 0 || g_bytes_get_size (f->info) < 1 || dt_ppp_peer_frame_code (f) == code))
            {
              g_queue_delete_link (&peer->frames, l);
              return f;
            }
        }
      if (g_get_monotonic_time () >= end)
        return NULL;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
dt_ppp_peer_wait_finished (DtPppPeer *peer,
                           guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!peer->finished && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return peer->finished;
}

void
dt_ppp_peer_idle (DtPppPeer *peer,
                  guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
dt_ppp_peer_open_lcp (DtPppPeer    *peer,
                      const guint8 *opts,
                      gsize         len)
{
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ,
                                                       1000);
  g_autoptr (DtPppPeerFrame) ack = NULL;
  const guint8 *data;
  gsize dlen;
  guint8 id = peer->next_id++;

  g_assert_nonnull (req);
  data = dt_ppp_peer_frame_data (req, &dlen);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req), data,
                    dlen);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_REQ, id, opts, len);

  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_LCP, DT_PPP_CONF_ACK, 1000);
  g_assert_nonnull (ack);
  g_assert_cmpuint (dt_ppp_peer_frame_id (ack), ==, id);
  data = dt_ppp_peer_frame_data (ack, &dlen);
  g_assert_cmpmem (data, dlen, opts, len);
}

static void
append_addr (GByteArray *a,
             guint8      type,
             guint32     addr)
{
  guint8 o[6] = { type, 6 };

  dt_ppp_put32 (o + 2, addr);
  g_byte_array_append (a, o, 6);
}

void
dt_ppp_peer_open_ipcp (DtPppPeer *peer,
                       guint32    addr,
                       guint32    dns1,
                       guint32    dns2,
                       guint32    peer_addr)
{
  g_autoptr (DtPppPeerFrame) req = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ,
                                                       1000);
  g_autoptr (DtPppPeerFrame) req2 = NULL;
  g_autoptr (DtPppPeerFrame) ack = NULL;
  g_autoptr (GByteArray) nak = g_byte_array_new ();
  g_autoptr (GByteArray) ours = g_byte_array_new ();
  const guint8 *data;
  gsize dlen;
  guint8 id = peer->next_id++;

  g_assert_nonnull (req);
  append_addr (nak, 3, addr);
  append_addr (nak, 129, dns1);
  append_addr (nak, 131, dns2);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_NAK, dt_ppp_peer_frame_id (req), nak->data,
                    nak->len);

  /* The session asks again, for exactly what we gave it. */
  req2 = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, 1000);
  g_assert_nonnull (req2);
  data = dt_ppp_peer_frame_data (req2, &dlen);
  g_assert_cmpmem (data, dlen, nak->data, nak->len);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, dt_ppp_peer_frame_id (req2), data,
                    dlen);

  append_addr (ours, 3, peer_addr);
  dt_ppp_peer_send (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_REQ, id, ours->data, ours->len);
  ack = dt_ppp_peer_expect (peer, DT_PPP_PROTO_IPCP, DT_PPP_CONF_ACK, 1000);
  g_assert_nonnull (ack);
  g_assert_cmpuint (dt_ppp_peer_frame_id (ack), ==, id);
}

gboolean
dt_ppp_peer_trace_contains (DtPppPeer  *peer,
                            const char *needle)
{
  for (guint i = 0; i < peer->trace->len; i++)
    if (strstr (peer->trace->pdata[i], needle) != NULL)
      return TRUE;
  return FALSE;
}
