/* SPDX-License-Identifier: GPL-3.0-or-later */

/* DtTestPeer: the pty, the non-blocking output queue, the transcript, and the PPP layer's
 * framing and dispatch (RFC 1661 phases).  The modem, the control protocols and the
 * decoder live in the other dt-test-peer-*.c files; see dt-test-peer-private.h. */

#include "dt-test-peer-private.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>

#define MAX_QUEUED   (1024 * 1024) /* output the client does not read, before dropping */
#define MAX_UNFRAMED (64 * 1024)   /* bytes without a flag before the deframer starts over */
#define PPP_IP       0x0021

void
dt_test_peer_scenario_init (DtTestPeerScenario *sc)
{
  g_return_if_fail (sc != NULL);

  memset (sc, 0, sizeof *sc);
  sc->user = "user";
  sc->password = "secret";
  sc->max_auth_attempts = 1;
  sc->server_name = "dialtone-peer";
  sc->ring_delay_ms = 1000;
  sc->ring_interval_ms = 1000;
  sc->ring_count = 5;
  sc->callback_drop_ms = 5000;
  sc->connect_line = "CONNECT 33600";
  sc->connect_delay_ms = 300;
  sc->s12 = 50;
  sc->restart_ms = 3000;
  sc->auth_timeout_ms = 60000;
  sc->client_ip = "10.77.0.2";
  sc->server_ip = "10.77.0.1";
  sc->dns1 = "10.77.0.53";
  sc->dns2 = "10.77.0.54";
}

void
peer_set_string (char **field, const char *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
peer_random (DtTestPeer *peer, guint8 *buffer, gsize len)
{
  for (gsize i = 0; i < len; i++)
    buffer[i] = (guint8) g_rand_int_range (peer->rand, 0, 256);
}

/* ---- transcript ---- */

static void
record_free (gpointer data)
{
  DtTestPeerRecord *record = data;

  g_clear_pointer (&record->packet, g_bytes_unref);
  g_free (record->text);
  g_free (record);
}

void
peer_record (DtTestPeer          *peer,
             DtTestPeerDirection  direction,
             guint16              protocol,
             const guint8        *packet,
             gsize                len,
             const char          *text)
{
  DtTestPeerRecord *record = g_new0 (DtTestPeerRecord, 1);

  record->time = g_get_monotonic_time () - peer->start_time;
  record->direction = direction;
  record->protocol = protocol;
  if (packet != NULL)
    {
      record->packet = g_bytes_new (packet, len);
      if (len >= 2)
        {
          record->code = packet[0];
          record->id = packet[1];
        }
    }
  record->text = g_strdup (text);
  g_ptr_array_add (peer->transcript, record);
  g_debug ("peer %s %s", direction == DT_TEST_PEER_RECEIVED ? "rcvd"
                         : direction == DT_TEST_PEER_SENT ? "sent" : "----", text);
  if (peer->record_func != NULL)
    peer->record_func (peer, record, peer->record_data);
}

void
peer_event (DtTestPeer *peer, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  peer_record (peer, DT_TEST_PEER_EVENT, 0, NULL, 0, text);
}

void
peer_violation (DtTestPeer *peer, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (peer->out.violations, g_strdup (text));
  peer_event (peer, "violation: %s", text);
}

/* ---- the pty ---- */

static gboolean flush_output (DtTestPeer *peer);

static gboolean
on_writable (int fd, GIOCondition condition, gpointer user_data)
{
  DtTestPeer *peer = user_data;

  if (flush_output (peer))
    {
      peer->write_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* TRUE when everything is written (or can never be). */
static gboolean
flush_output (DtTestPeer *peer)
{
  while (peer->outq->len > 0)
    {
      gssize n = write (peer->master, peer->outq->data, peer->outq->len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        return FALSE;
      if (n <= 0)
        {
          g_byte_array_set_size (peer->outq, 0);
          return TRUE;
        }
      g_byte_array_remove_range (peer->outq, 0, (guint) n);
    }
  return TRUE;
}

void
peer_write (DtTestPeer *peer, const void *data, gsize len)
{
  if (peer->outq->len + len > MAX_QUEUED)
    {
      peer_event (peer, "output dropped: the client reads nothing");
      return;
    }
  g_byte_array_append (peer->outq, data, (guint) len);
  if (peer->write_id == 0 && !flush_output (peer))
    peer->write_id = g_unix_fd_add (peer->master, G_IO_OUT, on_writable, peer);
}

static gboolean
on_readable (int fd, GIOCondition condition, gpointer user_data)
{
  DtTestPeer *peer = user_data;
  guint8 buffer[4096];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      /* Cannot happen while the peer holds the slave open; stop rather than spin. */
      peer_event (peer, "the pty closed");
      peer->read_id = 0;
      return G_SOURCE_REMOVE;
    }
  modem_input (peer, buffer, (gsize) n, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static void
open_pty (DtTestPeer *peer)
{
  char name[256];
  struct termios t;

  if (openpty (&peer->master, &peer->slave, name, NULL, NULL) != 0)
    g_error ("openpty: %s", g_strerror (errno));
  peer->device = g_strdup (name);
  /* Raw until the client sets its own modes: no echo or CR/LF games in the line discipline. */
  if (tcgetattr (peer->slave, &t) == 0)
    {
      cfmakeraw (&t);
      tcsetattr (peer->slave, TCSANOW, &t);
    }
  fcntl (peer->master, F_SETFL, fcntl (peer->master, F_GETFL) | O_NONBLOCK);
  fcntl (peer->master, F_SETFD, FD_CLOEXEC);
  fcntl (peer->slave, F_SETFD, FD_CLOEXEC);
  peer->read_id = g_unix_fd_add (peer->master, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, peer);
}

/* ---- creation ---- */

static const char *
keep (DtTestPeer *peer, const char *text)
{
  return text != NULL ? g_string_chunk_insert (peer->strings, text) : NULL;
}

static guint32
parse_ip (const char *text, const char *what)
{
  struct in_addr addr;

  if (text == NULL)
    return 0;
  if (inet_pton (AF_INET, text, &addr) != 1)
    g_error ("test peer: %s “%s” is not an IPv4 address", what, text);
  return ntohl (addr.s_addr);
}

static void
copy_scenario (DtTestPeer *peer, const DtTestPeerScenario *scenario)
{
  DtTestPeerScenario *sc = &peer->sc;

  *sc = *scenario;
  peer->strings = g_string_chunk_new (256);
  sc->user = keep (peer, scenario->user != NULL ? scenario->user : "");
  sc->password = NULL;
  sc->server_name = keep (peer, scenario->server_name != NULL ? scenario->server_name : "");
  sc->admin_number = keep (peer, scenario->admin_number);
  sc->number_pattern = keep (peer, scenario->number_pattern);
  sc->connect_line = keep (peer, scenario->connect_line != NULL ? scenario->connect_line
                                                                : "CONNECT");
  sc->client_ip = keep (peer, scenario->client_ip);
  sc->server_ip = keep (peer, scenario->server_ip);
  sc->dns1 = keep (peer, scenario->dns1);
  sc->dns2 = keep (peer, scenario->dns2);
  if (scenario->first_challenge != NULL)
    {
      memcpy (peer->first_challenge, scenario->first_challenge, 16);
      sc->first_challenge = peer->first_challenge;
    }
  sc->callback_offer &= DT_TEST_PEER_OFFER (1) | DT_TEST_PEER_OFFER (2) | DT_TEST_PEER_OFFER (3);
  if (sc->max_auth_attempts == 0)
    sc->max_auth_attempts = 1;
  if (sc->restart_ms == 0)
    sc->restart_ms = 3000;
  if (sc->ring_interval_ms == 0)
    sc->ring_interval_ms = 1000;
  peer->password = g_strdup (scenario->password != NULL ? scenario->password : "");
  peer->expired = scenario->password_expired;
  peer->client_addr = parse_ip (sc->client_ip, "client_ip");
  peer->server_addr = parse_ip (sc->server_ip, "server_ip");
  peer->dns1_addr = parse_ip (sc->dns1, "dns1");
  peer->dns2_addr = parse_ip (sc->dns2, "dns2");
}

DtTestPeer *
dt_test_peer_new (const DtTestPeerScenario *scenario)
{
  DtTestPeer *peer = g_new0 (DtTestPeer, 1);
  DtTestPeerScenario defaults;
  g_autoptr (GError) error = NULL;

  if (scenario == NULL)
    {
      dt_test_peer_scenario_init (&defaults);
      scenario = &defaults;
    }
  peer->start_time = g_get_monotonic_time ();
  copy_scenario (peer, scenario);
  peer->rand = scenario->seed != 0 ? g_rand_new_with_seed (scenario->seed) : g_rand_new ();
  /* Dialable characters (ITU-T V.250 dial modifiers included), and at least one digit. */
  peer->number_rule = g_regex_new (peer->sc.number_pattern != NULL
                                   ? peer->sc.number_pattern
                                   : "^(?=.*[0-9])[0-9*#+,;!@WwTtPp() .-]{1,40}$",
                                   0, 0, &error);
  if (peer->number_rule == NULL)
    g_error ("test peer: number_pattern: %s", error->message);

  peer->outq = g_byte_array_new ();
  peer->transcript = g_ptr_array_new_with_free_func (record_free);
  peer->out.violations = g_ptr_array_new_with_free_func (g_free);
  peer->command = g_string_new (NULL);
  peer->login_line = g_string_new (NULL);
  peer->hdlc = dt_test_hdlc_new ();
  cp_init (&peer->lcp, &lcp_class, peer);
  cp_init (&peer->ipcp, &ipcp_class, peer);
  modem_reset (peer);
  open_pty (peer);
  return peer;
}

static void
outcome_clear (DtTestPeerOutcome *out)
{
  g_free (out->dialed_number);
  g_free (out->login_user);
  g_free (out->user);
  g_free (out->domain);
  g_free (out->new_password);
  g_free (out->callback_number);
  g_free (out->client_ip);
  g_free (out->terminate_reason);
  g_ptr_array_unref (out->violations);
}

void
dt_test_peer_free (DtTestPeer *peer)
{
  if (peer == NULL)
    return;
  peer->record_func = NULL;
  peer_ppp_stop (peer);
  modem_clear (peer);
  g_clear_handle_id (&peer->read_id, g_source_remove);
  g_clear_handle_id (&peer->write_id, g_source_remove);
  close (peer->master);
  close (peer->slave);
  g_free (peer->device);
  g_byte_array_unref (peer->outq);
  g_string_free (peer->command, TRUE);
  g_string_free (peer->login_line, TRUE);
  g_free (peer->last_command);
  g_free (peer->login_user);
  g_free (peer->auth_user);
  g_clear_pointer (&peer->cbcp_ack, g_bytes_unref);
  g_clear_pointer (&peer->chap_reply, g_bytes_unref);
  g_free (peer->lcp.terminate_reason);
  g_free (peer->ipcp.terminate_reason);
  dt_test_hdlc_free (peer->hdlc);
  outcome_clear (&peer->out);
  g_ptr_array_unref (peer->transcript);
  g_regex_unref (peer->number_rule);
  g_rand_free (peer->rand);
  if (peer->password != NULL)
    memset (peer->password, 0, strlen (peer->password));
  g_free (peer->password);
  g_string_chunk_free (peer->strings);
  g_free (peer);
}

/* ---- the PPP layer ---- */

void
peer_set_phase (DtTestPeer *peer, DtTestPeerPhase phase)
{
  static const char * const names[] = {
    "idle", "login", "establish", "authenticate", "callback", "network", "terminate"
  };

  if (peer->phase == phase)
    return;
  peer->phase = phase;
  peer_event (peer, "phase %s", names[phase]);
}

void
peer_send_ppp (DtTestPeer *peer, guint16 protocol, const guint8 *packet, gsize len)
{
  g_autofree char *text = decode_packet (protocol, packet, len);
  gboolean delivered = !peer->silent && peer->modem == MODEM_ONLINE && peer->login == LOGIN_NONE;
  g_autoptr (GBytes) frame = NULL;
  guint32 accm = peer->send_accm;

  if (!delivered)
    {
      char *lost = g_strconcat (text, " (not delivered)", NULL);

      g_free (text);
      text = lost;
    }
  peer_record (peer, DT_TEST_PEER_SENT, protocol, packet, len, text);
  if (!delivered)
    return;
  /* RFC 1662 7.1: LCP's configuration, termination and Code-Reject packets always go out
   * with every control character escaped. */
  if (protocol == DT_TEST_PEER_LCP && len > 0 && packet[0] >= 1 && packet[0] <= 7)
    accm = 0xffffffff;
  frame = dt_test_hdlc_encode (protocol, packet, len, accm);
  peer_write (peer, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame));
}

void
peer_send_packet (DtTestPeer   *peer,
                  guint16       protocol,
                  guint8        code,
                  guint8        id,
                  const guint8 *data,
                  gsize         len)
{
  g_autofree guint8 *packet = g_malloc (len + 4);

  packet[0] = code;
  packet[1] = id;
  packet[2] = (len + 4) >> 8;
  packet[3] = (len + 4) & 0xff;
  if (len > 0)
    memcpy (packet + 4, data, len);
  peer_send_ppp (peer, protocol, packet, len + 4);
}

void
peer_ppp_start (DtTestPeer *peer)
{
  dt_test_hdlc_free (peer->hdlc);
  peer->hdlc = dt_test_hdlc_new ();
  peer->unframed = 0;
  peer->send_accm = 0xffffffff;
  peer->their_accm = 0xffffffff;
  peer->their_magic = 0;
  do
    peer->our_magic = g_rand_int (peer->rand);
  while (peer->our_magic == 0);
  peer->offer_mru = peer->offer_accm = peer->offer_magic = TRUE;
  peer->callback_option = FALSE;
  peer->out.lcp_opened = FALSE;
  peer->out.ipcp_opened = FALSE;
  peer_set_phase (peer, DT_TEST_PEER_PHASE_ESTABLISH);
  cp_open (&peer->lcp);
}

void
peer_ppp_stop (DtTestPeer *peer)
{
  peer_set_phase (peer, DT_TEST_PEER_PHASE_IDLE);
  chap_stop (peer);
  cbcp_stop (peer);
  cp_reset (&peer->ipcp);
  cp_reset (&peer->lcp);
}

static void
protocol_reject (DtTestPeer *peer, guint16 protocol, const guint8 *info, gsize len)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 head[2] = { protocol >> 8, protocol & 0xff };

  /* RFC 1661 5.7: the rejected information, truncated to fit the client's MRU (1500 is
   * the least any peer must take). */
  g_byte_array_append (data, head, 2);
  g_byte_array_append (data, info, (guint) MIN (len, 1500 - 4 - 2));
  peer->lcp.next_id++;
  peer_send_packet (peer, DT_TEST_PEER_LCP, CP_PROTREJ, peer->lcp.next_id, data->data, data->len);
}

static void
dispatch (DtTestPeer *peer, guint16 protocol, const guint8 *info, gsize len)
{
  if (protocol == DT_TEST_PEER_LCP)
    {
      cp_input (&peer->lcp, info, len);
      return;
    }
  /* RFC 1661 3.4: before LCP is Opened, other packets are silently discarded. */
  if (peer->lcp.state != CP_OPENED)
    return;

  switch (protocol)
    {
    case DT_TEST_PEER_CHAP:
      chap_input (peer, info, len);
      break;
    case DT_TEST_PEER_CBCP:
      if (peer->callback_option)
        cbcp_input (peer, info, len);
      else
        protocol_reject (peer, protocol, info, len);
      break;
    case DT_TEST_PEER_IPCP:
      /* MS-CBCP: during the callback phase every NCP packet is silently discarded; and
       * RFC 1661 keeps NCPs out of the phases before Network. */
      if (peer->phase == DT_TEST_PEER_PHASE_NETWORK)
        cp_input (&peer->ipcp, info, len);
      break;
    case PPP_IP:
      break;
    default:
      protocol_reject (peer, protocol, info, len);
      break;
    }
}

void
peer_ppp_input (DtTestPeer *peer, const guint8 *data, gsize len)
{
  DtTestHdlcFrame *raw;

  for (gsize i = 0; i < len; i++)
    peer->unframed = data[i] == 0x7e ? 0 : peer->unframed + 1;
  dt_test_hdlc_feed (peer->hdlc, data, len);
  if (peer->unframed > MAX_UNFRAMED)
    {
      peer_violation (peer, "%" G_GSIZE_FORMAT " bytes without a flag sequence", peer->unframed);
      dt_test_hdlc_free (peer->hdlc);
      peer->hdlc = dt_test_hdlc_new ();
      peer->unframed = 0;
    }

  while ((raw = dt_test_hdlc_pop (peer->hdlc)) != NULL)
    {
      g_autoptr (DtTestHdlcFrame) frame = raw;
      g_autofree char *text = NULL;
      const guint8 *info;
      gsize info_len;
      guint16 protocol;

      if (!frame->fcs_ok)
        {
          peer_violation (peer, "a frame of %u bytes with a bad FCS", frame->data->len);
          continue;
        }
      if (!dt_test_ppp_parse (frame, &protocol, &info, &info_len))
        {
          peer_violation (peer, "a frame without a valid protocol field");
          continue;
        }
      text = decode_packet (protocol, info, info_len);
      peer_record (peer, DT_TEST_PEER_RECEIVED, protocol, info, info_len, text);
      if (!peer->silent && peer->modem == MODEM_ONLINE)
        dispatch (peer, protocol, info, info_len);
    }
}

/* ---- the public API ---- */

const char *
dt_test_peer_get_device (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);
  return peer->device;
}

DtTestPeerPhase
dt_test_peer_get_phase (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, DT_TEST_PEER_PHASE_IDLE);
  return peer->phase;
}

gboolean
dt_test_peer_is_online (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, FALSE);
  return peer->modem == MODEM_ONLINE || peer->modem == MODEM_ONLINE_COMMAND;
}

const char *
dt_test_peer_get_password (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);
  return peer->password;
}

const DtTestPeerOutcome *
dt_test_peer_get_outcome (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);
  return &peer->out;
}

GPtrArray *
dt_test_peer_get_transcript (DtTestPeer *peer)
{
  g_return_val_if_fail (peer != NULL, NULL);
  return peer->transcript;
}

const DtTestPeerRecord *
dt_test_peer_find (DtTestPeer          *peer,
                   DtTestPeerDirection  direction,
                   guint16              protocol,
                   guint8               code,
                   guint                nth)
{
  g_return_val_if_fail (peer != NULL, NULL);

  for (guint i = 0; i < peer->transcript->len; i++)
    {
      const DtTestPeerRecord *record = g_ptr_array_index (peer->transcript, i);

      if (record->direction == direction && record->protocol == protocol
          && record->packet != NULL && record->code == code && nth-- == 0)
        return record;
    }
  return NULL;
}

guint
dt_test_peer_count (DtTestPeer          *peer,
                    DtTestPeerDirection  direction,
                    guint16              protocol,
                    guint8               code)
{
  guint n = 0;

  g_return_val_if_fail (peer != NULL, 0);

  while (dt_test_peer_find (peer, direction, protocol, code, n) != NULL)
    n++;
  return n;
}

char *
dt_test_peer_format_transcript (DtTestPeer *peer)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (peer != NULL, NULL);

  for (guint i = 0; i < peer->transcript->len; i++)
    {
      const DtTestPeerRecord *record = g_ptr_array_index (peer->transcript, i);
      const char *what = record->direction == DT_TEST_PEER_RECEIVED ? "rcvd"
                         : record->direction == DT_TEST_PEER_SENT ? "sent" : "    ";

      g_string_append_printf (text, "%8.3f %s %s\n", record->time / 1e6, what, record->text);
    }
  return g_string_free (text, FALSE);
}

void
dt_test_peer_set_record_func (DtTestPeer           *peer,
                              DtTestPeerRecordFunc  func,
                              gpointer              user_data)
{
  g_return_if_fail (peer != NULL);
  peer->record_func = func;
  peer->record_data = user_data;
}

static guint
count_text (DtTestPeer *peer, DtTestPeerDirection direction, const char *text)
{
  guint n = 0;

  for (guint i = 0; i < peer->transcript->len; i++)
    {
      const DtTestPeerRecord *record = g_ptr_array_index (peer->transcript, i);

      if (record->direction == direction && strstr (record->text, text) != NULL)
        n++;
    }
  return n;
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
dt_test_peer_wait_for (DtTestPeer          *peer,
                       DtTestPeerDirection  direction,
                       const char          *text,
                       guint                n,
                       guint                timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  g_return_val_if_fail (peer != NULL && text != NULL, FALSE);

  id = g_timeout_add (timeout_ms, on_wait_timeout, &timed_out);
  while (count_text (peer, direction, text) < MAX (n, 1) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

void
dt_test_peer_hang_up (DtTestPeer *peer)
{
  g_return_if_fail (peer != NULL);
  if (dt_test_peer_is_online (peer) || peer->modem == MODEM_CONNECTING)
    modem_drop_carrier (peer, "the test hung up");
}

void
dt_test_peer_set_silent (DtTestPeer *peer, gboolean silent)
{
  g_return_if_fail (peer != NULL);
  if (peer->silent != silent)
    peer_event (peer, silent ? "the server goes silent" : "the server speaks again");
  peer->silent = silent;
}
