/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPpp as the server of an incoming call, against DtPpp as the caller, back to back: LCP asks
 * the caller to authenticate (the best method both allow), PAP, CHAP-MD5 and MS-CHAPv2 are
 * checked against the password the owner looks up, MS-CHAPv2's failure lets the caller retry
 * in the session (E=691 R=1 C=…), IPCP gives the caller the pool's address and the server's
 * DNS, CBCP offers the account's callback, and an unauthenticated caller gets nothing but LCP
 * and the authentication protocol.  What each test checks is what either side would notice:
 * the phases, the addresses, the codes, and the frames on the line. */

#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-ppp.h"
#include "dt-ppp-cbcp.h"
#include "dt-ppp-hdlc.h"

typedef struct {
  DtPpp      *ppp;
  GByteArray *line;
  gboolean    finished;
  guint       finished_code;
  GArray     *results;         /* AuthResult */
  guint       lookups;
  guint       offered;         /* client: callback-requested */
  guint       agreed_type;
  char       *agreed_number;
  const char *callback_number; /* client: the number it gives, or "555-0177" */
  gboolean    network_up;
  GPtrArray  *ipv4_in;
} Side;

typedef struct {
  gboolean success;
  guint    code;
  gboolean retry;
} AuthResult;

static void
side_output (const guint8 *bytes,
             gsize         len,
             gpointer      user_data)
{
  g_byte_array_append (user_data, bytes, len);
}

static void
on_finished (DtPpp      *ppp,
             guint       code,
             const char *reason,
             Side       *side)
{
  side->finished = TRUE;
  side->finished_code = code;
}

static void
on_auth_result (DtPpp      *ppp,
                gboolean    success,
                guint       code,
                const char *message,
                gboolean    retry,
                Side       *side)
{
  AuthResult r = { success, code, retry };

  g_array_append_val (side->results, r);
}

/* The server's accounts: alice may dial in, bob is disabled, carol is called back. */
static void
on_lookup_caller (DtPpp      *ppp,
                  const char *user,
                  Side       *side)
{
  side->lookups++;
  if (g_str_equal (user, "alice") || g_str_equal (user, "carol"))
    dt_ppp_answer_caller (ppp, "wonderland", 0);
  else if (g_str_equal (user, "bob"))
    dt_ppp_answer_caller (ppp, NULL, DT_RAS_ERROR_ACCT_DISABLED);
  else
    dt_ppp_answer_caller (ppp, NULL, 0);
}

static void
on_server_auth_result (DtPpp      *ppp,
                       gboolean    success,
                       guint       code,
                       const char *user,
                       gboolean    retry,
                       Side       *side)
{
  if (success && g_str_equal (user, "carol"))
    dt_ppp_offer_callback (ppp, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER) |
                                DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE), 7);
}

static void
on_callback_requested (DtPpp *ppp,
                       guint  offered,
                       Side  *side)
{
  side->offered = offered;
  g_assert_true (dt_ppp_callback_respond (ppp, DT_PPP_CALLBACK_USER,
                                          side->callback_number ? side->callback_number
                                                                : "555-0177", NULL));
}

static void
on_callback_declined (DtPpp *ppp,
                      guint  offered,
                      Side  *side)
{
  side->offered = offered;
  g_assert_true (dt_ppp_callback_respond (ppp, DT_PPP_CALLBACK_NONE, NULL, NULL));
}

static void
on_callback_agreed (DtPpp      *ppp,
                    guint       type,
                    const char *number,
                    guint       delay,
                    Side       *side)
{
  side->agreed_type = type;
  g_free (side->agreed_number);
  side->agreed_number = g_strdup (number);
}

static void
on_network_up (DtPpp *ppp, const char *l, const char *r, const char *d1, const char *d2,
               Side  *side)
{
  side->network_up = TRUE;
}

static void
on_ipv4 (DtPpp  *ppp,
         GBytes *datagram,
         Side   *side)
{
  g_ptr_array_add (side->ipv4_in, g_bytes_ref (datagram));
}

static void
on_trace (DtPpp      *ppp,
          const char *line,
          gpointer    data)
{
  g_test_message ("%s %s", (const char *) data, line);
}

static void
side_setup (Side        *side,
            DtPppConfig *c)
{
  c->echo_interval_ms = 0;
  c->restart_ms = 50;
  side->ppp = dt_ppp_new (c);
  side->line = g_byte_array_new ();
  side->results = g_array_new (FALSE, FALSE, sizeof (AuthResult));
  side->ipv4_in = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  dt_ppp_set_output_func (side->ppp, side_output, side->line, NULL);
  g_signal_connect (side->ppp, "finished", G_CALLBACK (on_finished), side);
  g_signal_connect (side->ppp, "network-up", G_CALLBACK (on_network_up), side);
  g_signal_connect (side->ppp, "ipv4-packet", G_CALLBACK (on_ipv4), side);
  g_signal_connect (side->ppp, "callback-agreed", G_CALLBACK (on_callback_agreed), side);
  g_signal_connect (side->ppp, "trace", G_CALLBACK (on_trace),
                    c->serve_auth_methods ? "server" : "client");
}

static void
client_init_full (Side       *side,
                  const char *user,
                  const char *password,
                  guint       methods,
                  gboolean    accept_pap_at_once)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = user;
  c.password = password;
  c.auth_methods = methods;
  c.accept_pap_at_once = accept_pap_at_once;
  side_setup (side, &c);
  g_signal_connect (side->ppp, "auth-result", G_CALLBACK (on_auth_result), side);
  g_signal_connect (side->ppp, "callback-requested", G_CALLBACK (on_callback_requested), side);
}

static void
client_init (Side       *side,
             const char *user,
             const char *password,
             guint       methods)
{
  client_init_full (side, user, password, methods, FALSE);
}

static void
server_init (Side  *side,
             guint  methods)
{
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.static_address = "10.77.0.1";
  c.serve_auth_methods = methods;
  c.peer_address = "10.77.0.2";
  c.serve_dns1 = "10.77.0.53";
  c.serve_callback = TRUE;
  c.auth_timeout_ms = 2000;
  side_setup (side, &c);
  g_signal_connect (side->ppp, "auth-result", G_CALLBACK (on_auth_result), side);
  g_signal_connect (side->ppp, "auth-result", G_CALLBACK (on_server_auth_result), side);
  g_signal_connect (side->ppp, "lookup-caller", G_CALLBACK (on_lookup_caller), side);
}

static void
side_clear (Side *side)
{
  g_assert_finalize_object (side->ppp);
  g_byte_array_unref (side->line);
  g_array_unref (side->results);
  g_ptr_array_unref (side->ipv4_in);
  g_free (side->agreed_number);
}

/* Carries bytes both ways, a few at a time, until the line is quiet and no timer is due. */
static void
pump (Side *a,
      Side *b)
{
  for (int rounds = 0; rounds < 100000 && (a->line->len > 0 || b->line->len > 0); rounds++)
    {
      Side *from = a->line->len > 0 ? a : b;
      Side *to = from == a ? b : a;
      gsize n = MIN (from->line->len, 11);
      g_autofree guint8 *chunk = g_memdup2 (from->line->data, n);

      g_byte_array_remove_range (from->line, 0, n);
      dt_ppp_input (to->ppp, chunk, n);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

/* Pumps until @done or @ms pass. */
static void
pump_until (Side     *a,
            Side     *b,
            gboolean *done,
            guint     ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (!*done && g_get_monotonic_time () < end)
    {
      pump (a, b);
      if (!*done)
        g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
start_both (Side *client,
            Side *server)
{
  dt_ppp_start (server->ppp);
  dt_ppp_start (client->ppp);
}

static void
check_method_full (guint       serve,
                   guint       allow,
                   gboolean    accept_pap_at_once,
                   const char *expected)
{
  Side client = { 0 }, server = { 0 };
  const guint8 datagram[] = { 0x45, 0, 0, 20, 1, 2, 0, 0, 64, 1, 0, 0, 10, 77, 0, 2, 10, 77,
                              0, 1 };

  client_init_full (&client, "alice", "wonderland", allow, accept_pap_at_once);
  server_init (&server, serve);
  start_both (&client, &server);
  pump_until (&client, &server, &client.network_up, 5000);

  g_assert_true (client.network_up);
  g_assert_true (server.network_up);
  g_assert_cmpstr (dt_ppp_get_auth_protocol (client.ppp), ==, expected);
  g_assert_cmpstr (dt_ppp_get_auth_protocol (server.ppp), ==, expected);
  g_assert_cmpstr (dt_ppp_get_peer_name (server.ppp), ==, "alice");
  g_assert_cmpuint (server.lookups, ==, 1);
  /* The caller gets the pool's address and the server's DNS; the server keeps its own. */
  g_assert_cmpstr (dt_ppp_get_local_address (client.ppp), ==, "10.77.0.2");
  g_assert_cmpstr (dt_ppp_get_remote_address (client.ppp), ==, "10.77.0.1");
  g_assert_cmpstr (dt_ppp_get_dns1 (client.ppp), ==, "10.77.0.53");
  g_assert_null (dt_ppp_get_dns2 (client.ppp));
  g_assert_cmpstr (dt_ppp_get_local_address (server.ppp), ==, "10.77.0.1");
  g_assert_cmpstr (dt_ppp_get_remote_address (server.ppp), ==, "10.77.0.2");

  /* Packets flow once the caller is in. */
  g_assert_true (dt_ppp_send_ipv4 (client.ppp, datagram, sizeof datagram));
  pump (&client, &server);
  g_assert_cmpuint (server.ipv4_in->len, ==, 1);

  dt_ppp_close (server.ppp, "Administrator hung up");
  pump_until (&client, &server, &client.finished, 2000);
  pump_until (&client, &server, &server.finished, 2000);
  g_assert_cmpuint (server.finished_code, ==, 0);
  g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_PPP_REMOTE_TERMINATED);
  side_clear (&client);
  side_clear (&server);
}

static void
check_method (guint       serve,
              guint       allow,
              const char *expected)
{
  check_method_full (serve, allow, FALSE, expected);
}

/* A caller that allows more than PAP asks a PAP-only server for MS-CHAPv2 first (issue 15: no
 * cleartext password to a server that might do better); the server, having nothing else to
 * offer, ends LCP, and the caller learns that the server insists on PAP: the next call (the
 * connection dials again) takes PAP at once and gets in.  An entry that allows only PAP gets
 * in at the first call. */
static void
test_pap (void)
{
  Side client = { 0 }, server = { 0 };

  client_init (&client, "alice", "wonderland", DT_PPP_AUTH_METHODS_ALL);
  server_init (&server, DT_PPP_AUTH_METHOD_PAP);
  start_both (&client, &server);
  pump_until (&client, &server, &client.finished, 5000);
  g_assert_true (client.finished);
  g_assert_false (client.network_up);
  g_assert_true (dt_ppp_get_pap_insisted (client.ppp));
  g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_PPP_NO_PROTOCOLS_CONFIGURED);
  g_assert_cmpuint (server.lookups, ==, 0);
  pump_until (&client, &server, &server.finished, 2000);
  side_clear (&client);
  side_clear (&server);

  check_method_full (DT_PPP_AUTH_METHOD_PAP, DT_PPP_AUTH_METHODS_ALL, TRUE, "PAP");
  check_method (DT_PPP_AUTH_METHOD_PAP, DT_PPP_AUTH_METHOD_PAP, "PAP");
}

static void
test_chap_md5 (void)
{
  check_method (DT_PPP_AUTH_METHOD_CHAP_MD5, DT_PPP_AUTH_METHODS_ALL, "CHAP-MD5");
}

static void
test_mschapv2 (void)
{
  check_method (DT_PPP_AUTH_METHOD_MSCHAPV2, DT_PPP_AUTH_METHODS_ALL, "MS-CHAPv2");
}

/* The server asks for the best it allows; a caller that allows less Naks it, and the server
 * takes the caller's suggestion when it allows that too. */
static void
test_negotiation (void)
{
  check_method (DT_PPP_AUTH_METHODS_ALL, DT_PPP_AUTH_METHODS_ALL, "MS-CHAPv2");
  check_method (DT_PPP_AUTH_METHODS_ALL, DT_PPP_AUTH_METHOD_PAP, "PAP");
  check_method (DT_PPP_AUTH_METHOD_PAP | DT_PPP_AUTH_METHOD_CHAP_MD5,
                DT_PPP_AUTH_METHOD_CHAP_MD5 | DT_PPP_AUTH_METHOD_MSCHAPV2, "CHAP-MD5");
}

/* A caller that allows nothing the server does is refused in LCP, with 691. */
static void
test_no_common_method (void)
{
  Side client = { 0 }, server = { 0 };

  client_init (&client, "alice", "wonderland", DT_PPP_AUTH_METHOD_PAP);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  pump_until (&client, &server, &server.finished, 5000);

  g_assert_true (server.finished);
  g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  g_assert_cmpuint (server.lookups, ==, 0);
  g_assert_false (client.network_up);
  side_clear (&client);
  side_clear (&server);
}

/* MS-CHAPv2: a wrong password gets E=691 R=1, and the caller's retry in the same session with
 * the right one gets in. */
static void
test_mschapv2_retry (void)
{
  Side client = { 0 }, server = { 0 };
  AuthResult *r;

  client_init (&client, "alice", "looking-glass", DT_PPP_AUTH_METHOD_MSCHAPV2);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  pump_until (&client, &server, (gboolean *) &client.results->len, 5000);

  g_assert_cmpuint (client.results->len, ==, 1);
  r = &g_array_index (client.results, AuthResult, 0);
  g_assert_false (r->success);
  g_assert_cmpuint (r->code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  g_assert_true (r->retry);
  g_assert_cmpuint (server.results->len, ==, 1);
  g_assert_true (g_array_index (server.results, AuthResult, 0).retry);

  g_assert_true (dt_ppp_retry_auth (client.ppp, "alice", "wonderland", NULL, NULL));
  pump_until (&client, &server, &client.network_up, 5000);
  g_assert_true (client.network_up);
  g_assert_cmpuint (server.lookups, ==, 2);
  g_assert_true (g_array_index (server.results, AuthResult, 1).success);

  dt_ppp_close (client.ppp, NULL);
  pump_until (&client, &server, &server.finished, 2000);
  side_clear (&client);
  side_clear (&server);
}

/* Three wrong passwords: the last Failure says R=0 and the server ends the call with 691. */
static void
test_mschapv2_attempts_run_out (void)
{
  Side client = { 0 }, server = { 0 };

  client_init (&client, "alice", "nope", DT_PPP_AUTH_METHOD_MSCHAPV2);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  for (guint i = 1; i <= 3; i++)
    {
      while (client.results->len < i && !server.finished)
        pump_until (&client, &server, &server.finished, 50);
      g_assert_cmpuint (client.results->len, ==, i);
      g_assert_cmpint (g_array_index (client.results, AuthResult, i - 1).retry, ==, i < 3);
      if (i < 3)
        g_assert_true (dt_ppp_retry_auth (client.ppp, "alice", "wrong-again", NULL, NULL));
    }
  pump_until (&client, &server, &server.finished, 3000);
  g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  g_assert_cmpuint (server.lookups, ==, 3);
  g_assert_false (server.network_up);
  pump_until (&client, &server, &client.finished, 3000);
  g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
  side_clear (&client);
  side_clear (&server);
}

/* A disabled account is refused with its own code (E=647), with no retry. */
static void
test_disabled (void)
{
  Side client = { 0 }, server = { 0 };

  client_init (&client, "bob", "wonderland", DT_PPP_AUTH_METHOD_MSCHAPV2);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  pump_until (&client, &server, &client.finished, 5000);

  g_assert_cmpuint (client.results->len, ==, 1);
  g_assert_cmpuint (g_array_index (client.results, AuthResult, 0).code, ==,
                    DT_RAS_ERROR_ACCT_DISABLED);
  g_assert_false (g_array_index (client.results, AuthResult, 0).retry);
  g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_ACCT_DISABLED);
  pump_until (&client, &server, &server.finished, 3000);
  g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_ACCT_DISABLED);
  side_clear (&client);
  side_clear (&server);
}

/* PAP and CHAP-MD5 with a wrong password: one attempt, 691 on both sides. */
static void
test_wrong_password_single_attempt (void)
{
  const guint methods[] = { DT_PPP_AUTH_METHOD_PAP, DT_PPP_AUTH_METHOD_CHAP_MD5 };

  for (gsize i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      Side client = { 0 }, server = { 0 };

      client_init (&client, "alice", "looking-glass", methods[i]);
      server_init (&server, methods[i]);
      start_both (&client, &server);
      pump_until (&client, &server, &client.finished, 5000);
      g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
      pump_until (&client, &server, &server.finished, 3000);
      g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_AUTHENTICATION_FAILURE);
      g_assert_false (server.network_up);
      side_clear (&client);
      side_clear (&server);
    }
}

/* CBCP: the caller asked for a callback in LCP; carol's account lets it give its number, which
 * the server acknowledges; both sessions then end without an error, for the call back. */
static void
test_callback (void)
{
  Side client = { 0 }, server = { 0 };
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "carol";
  c.password = "wonderland";
  c.want_callback = TRUE;
  side_setup (&client, &c);
  g_signal_connect (client.ppp, "callback-requested", G_CALLBACK (on_callback_requested),
                    &client);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  pump_until (&client, &server, &server.finished, 5000);
  pump_until (&client, &server, &client.finished, 5000);

  g_assert_cmpuint (client.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_USER) |
                                        DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE));
  g_assert_cmpuint (server.agreed_type, ==, DT_PPP_CALLBACK_USER);
  g_assert_cmpstr (server.agreed_number, ==, "555-0177");
  g_assert_cmpuint (client.agreed_type, ==, DT_PPP_CALLBACK_USER);
  g_assert_true (dt_ppp_get_callback_agreed (server.ppp));
  g_assert_cmpuint (server.finished_code, ==, 0);
  g_assert_cmpuint (client.finished_code, ==, 0);
  g_assert_false (server.network_up);
  side_clear (&client);
  side_clear (&server);
}

/* A number of the caller's own that would make the modem or the exchange do more than dial
 * (a ";" that leaves the modem in command mode, a flash, a service code such as *72 call
 * forwarding, a dial modifier, a number longer than a modem's command line) gets no Ack:
 * the server ends the link with "Invalid callback number", 704 on both sides. */
static void
test_callback_bad_number (void)
{
  const char *numbers[] = { "5550177;", "555-0177;ATH", "*72 555 0177", "555#0177", "9W5550177",
                            "!5550177", "555@0177", "555.0177", "0+5550177",
                            "123456789012345678901234567890123" };

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      Side client = { 0 }, server = { 0 };
      DtPppConfig c;

      dt_ppp_config_init (&c);
      c.user = "carol";
      c.password = "wonderland";
      c.want_callback = TRUE;
      side_setup (&client, &c);
      client.callback_number = numbers[i];
      g_signal_connect (client.ppp, "callback-requested", G_CALLBACK (on_callback_requested),
                        &client);
      server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
      start_both (&client, &server);
      pump_until (&client, &server, &server.finished, 5000);
      pump_until (&client, &server, &client.finished, 5000);

      g_test_message ("%s", numbers[i]);
      g_assert_true (server.finished);
      g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_BAD_CALLBACK_NUMBER);
      g_assert_cmpuint (server.agreed_type, ==, 0);
      g_assert_null (server.agreed_number);
      g_assert_false (dt_ppp_get_callback_agreed (server.ppp));
      g_assert_cmpuint (client.finished_code, ==, DT_RAS_ERROR_BAD_CALLBACK_NUMBER);
      g_assert_cmpuint (client.agreed_type, ==, 0);
      g_assert_false (server.network_up);
      side_clear (&client);
      side_clear (&server);
    }
}

/* The numbers a caller may give: digits with the usual separators and pauses. */
static void
test_callback_number_rule (void)
{
  const char *good[] = { "5550177", "555-0177", "(555) 0177", "+44 20 7946 0000", "9,5550177",
                         "01234567890123456789012345678901" };
  const char *bad[] = { "", "+", "--", "5+55", "555;", "*72", "#", "W", "T5550177",
                        "P5550177", "555\t0177", "012345678901234567890123456789012" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dt_ppp_cbcp_number_is_dialable (good[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dt_ppp_cbcp_number_is_dialable (bad[i]));
  g_assert_false (dt_ppp_cbcp_number_is_dialable (NULL));
}

/* A caller that asks for a callback, on an account without one, is offered "no callback" and
 * goes on to IPCP. */
static void
test_callback_refused_by_account (void)
{
  Side client = { 0 }, server = { 0 };
  DtPppConfig c;

  dt_ppp_config_init (&c);
  c.user = "alice";
  c.password = "wonderland";
  c.want_callback = TRUE;
  side_setup (&client, &c);
  server_init (&server, DT_PPP_AUTH_METHOD_CHAP_MD5);
  g_signal_connect (client.ppp, "callback-requested", G_CALLBACK (on_callback_declined),
                    &client);
  start_both (&client, &server);
  pump_until (&client, &server, &client.network_up, 5000);

  g_assert_true (client.network_up);
  g_assert_cmpuint (client.offered, ==, DT_PPP_CALLBACK_OFFER (DT_PPP_CALLBACK_NONE));
  g_assert_cmpuint (server.agreed_type, ==, DT_PPP_CALLBACK_NONE);
  dt_ppp_close (client.ppp, NULL);
  pump_until (&client, &server, &server.finished, 2000);
  side_clear (&client);
  side_clear (&server);
}

/* The frames a side sent: their protocols, and the first LCP Configure-Request. */
typedef struct {
  GArray     *protocols;
  GByteArray *lcp_request;
} Seen;

static void
on_seen_frame (guint16       protocol,
               const guint8 *info,
               gsize         len,
               gpointer      data)
{
  Seen *seen = data;

  g_array_append_val (seen->protocols, protocol);
  if (protocol == DT_PPP_PROTO_LCP && len >= 4 && info[0] == 1 && seen->lcp_request->len == 0)
    g_byte_array_append (seen->lcp_request, info, len);
}

/* Before LCP is open, and then before it authenticates, a caller's IPCP, IP, CBCP and unknown
 * protocols are dropped without an answer, and nothing reaches the network side; a caller that never answers the
 * Challenge is hung up at the deadline with 718. */
static void
test_unauthenticated_caller (void)
{
  Side server = { 0 };
  DtPppHdlcEncoder enc;
  g_autoptr (GByteArray) frames = g_byte_array_new ();
  Seen seen = { g_array_new (FALSE, FALSE, sizeof (guint16)), g_byte_array_new () };
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1600, on_seen_frame, &seen);
  const guint8 lcp_req[] = { 1, 1, 0, 4 };
  const guint8 ipcp_req[] = { 1, 1, 0, 10, 3, 6, 0, 0, 0, 0 };
  const guint8 ip[] = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 1, 2, 3, 4, 10, 77, 0, 1 };
  const guint8 junk[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  gint64 start;

  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  dt_ppp_start (server.ppp);
  dt_ppp_hdlc_encoder_init (&enc);
  /* IPCP and IP before LCP is even open: only the server's own LCP request goes out. */
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IPCP, ipcp_req, sizeof ipcp_req);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IP, ip, sizeof ip);
  dt_ppp_input (server.ppp, frames->data, frames->len);
  dt_ppp_hdlc_decoder_feed (dec, server.line->data, server.line->len);
  g_byte_array_set_size (server.line, 0);
  g_assert_cmpuint (seen.protocols->len, >, 0);
  for (guint i = 0; i < seen.protocols->len; i++)
    g_assert_cmpuint (g_array_index (seen.protocols, guint16, i), ==, DT_PPP_PROTO_LCP);
  g_assert_cmpuint (server.ipv4_in->len, ==, 0);
  g_byte_array_set_size (frames, 0);
  /* An LCP Configure-Request with no options, which the server acknowledges, and an Ack of
   * the server's own request: LCP is open, and the Challenge goes out. */
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_LCP, lcp_req, sizeof lcp_req);
  dt_ppp_input (server.ppp, frames->data, frames->len);
  dt_ppp_hdlc_decoder_feed (dec, server.line->data, server.line->len);
  g_assert_cmpuint (seen.lcp_request->len, >, 4);
  seen.lcp_request->data[0] = 2;
  g_byte_array_set_size (frames, 0);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_LCP, seen.lcp_request->data,
                      seen.lcp_request->len);
  dt_ppp_input (server.ppp, frames->data, frames->len);
  g_assert_cmpint (dt_ppp_get_phase (server.ppp), ==, DT_PPP_PHASE_AUTHENTICATE);

  g_byte_array_set_size (server.line, 0);
  g_array_set_size (seen.protocols, 0);
  g_byte_array_set_size (frames, 0);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IPCP, ipcp_req, sizeof ipcp_req);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IP, ip, sizeof ip);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_CBCP, junk, sizeof junk);
  dt_ppp_hdlc_encode (&enc, frames, 0x8057, junk, sizeof junk);
  dt_ppp_hdlc_encode (&enc, frames, 0x002b, junk, sizeof junk);
  dt_ppp_input (server.ppp, frames->data, frames->len);

  start = g_get_monotonic_time ();
  while (!server.finished && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  dt_ppp_hdlc_decoder_feed (dec, server.line->data, server.line->len);

  /* Only CHAP (the Challenge again while unanswered) and LCP (the Terminate-Request) went
   * out: no IPCP, no Protocol-Reject, nothing else. */
  g_assert_cmpuint (seen.protocols->len, >, 0);
  for (guint i = 0; i < seen.protocols->len; i++)
    {
      guint16 p = g_array_index (seen.protocols, guint16, i);

      g_assert_true (p == DT_PPP_PROTO_CHAP || p == DT_PPP_PROTO_LCP);
    }
  g_assert_cmpuint (server.ipv4_in->len, ==, 0);
  g_assert_true (server.finished);
  g_assert_cmpuint (server.finished_code, ==, DT_RAS_ERROR_PPP_TIMEOUT);
  g_assert_cmpuint (server.lookups, ==, 0);

  g_array_unref (seen.protocols);
  g_byte_array_unref (seen.lcp_request);
  side_clear (&server);
}

/* A caller that logged in, then starts LCP over (a new Configure-Request): until it logs in
 * again, its IP and IPCP reach nothing, and the server asks it to authenticate anew. */
static void
test_renegotiation_needs_login (void)
{
  Side client = { 0 }, server = { 0 };
  DtPppHdlcEncoder enc;
  g_autoptr (GByteArray) frames = g_byte_array_new ();
  Seen seen = { g_array_new (FALSE, FALSE, sizeof (guint16)), g_byte_array_new () };
  g_autoptr (DtPppHdlcDecoder) dec = dt_ppp_hdlc_decoder_new (1600, on_seen_frame, &seen);
  const guint8 lcp_req[] = { 1, 0x77, 0, 4 };
  const guint8 ipcp_req[] = { 1, 0x78, 0, 10, 3, 6, 10, 77, 0, 2 };
  const guint8 ip[] = { 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 1, 0, 0, 10, 77, 0, 2, 10, 77, 0, 1 };
  guint before;

  client_init (&client, "alice", "wonderland", DT_PPP_AUTH_METHOD_MSCHAPV2);
  server_init (&server, DT_PPP_AUTH_METHOD_MSCHAPV2);
  start_both (&client, &server);
  pump_until (&client, &server, &server.network_up, 5000);
  g_assert_true (server.network_up);
  g_assert_cmpuint (server.lookups, ==, 1);
  g_assert_true (dt_ppp_send_ipv4 (client.ppp, ip, sizeof ip));
  pump (&client, &server);
  g_assert_cmpuint (server.ipv4_in->len, ==, 1);
  g_byte_array_set_size (client.line, 0);
  g_byte_array_set_size (server.line, 0);

  /* From the caller's side of the line, straight to the server. */
  dt_ppp_hdlc_encoder_init (&enc);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_LCP, lcp_req, sizeof lcp_req);
  dt_ppp_input (server.ppp, frames->data, frames->len);
  g_assert_cmpint (dt_ppp_get_phase (server.ppp), <, DT_PPP_PHASE_NETWORK);
  g_byte_array_set_size (frames, 0);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IP, ip, sizeof ip);
  dt_ppp_hdlc_encode (&enc, frames, DT_PPP_PROTO_IPCP, ipcp_req, sizeof ipcp_req);
  dt_ppp_input (server.ppp, frames->data, frames->len);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (server.ipv4_in->len, ==, 1);
  g_assert_false (dt_ppp_send_ipv4 (server.ppp, ip, sizeof ip));
  dt_ppp_hdlc_decoder_feed (dec, server.line->data, server.line->len);
  for (guint i = 0; i < seen.protocols->len; i++)
    g_assert_cmpuint (g_array_index (seen.protocols, guint16, i), ==, DT_PPP_PROTO_LCP);
  /* The server's new Configure-Request asks for MS-CHAPv2 again. */
  {
    static const guint8 auth[] = { 3, 5, 0xc2, 0x23, 0x81 };
    gboolean asks = FALSE;

    for (guint i = 4; i + sizeof auth <= seen.lcp_request->len; i++)
      asks = asks || memcmp (seen.lcp_request->data + i, auth, sizeof auth) == 0;
    g_assert_true (asks);
  }

  /* The caller's own side takes it from there: LCP again, then a new login. */
  before = server.lookups;
  g_byte_array_set_size (server.line, 0);
  server.network_up = FALSE;
  dt_ppp_close (client.ppp, NULL);
  pump_until (&client, &server, &server.finished, 5000);
  g_assert_cmpuint (server.lookups, ==, before);
  g_assert_false (server.network_up);
  g_assert_cmpuint (server.ipv4_in->len, ==, 1);

  g_array_unref (seen.protocols);
  g_byte_array_unref (seen.lcp_request);
  side_clear (&client);
  side_clear (&server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ppp-server/pap", test_pap);
  g_test_add_func ("/ppp-server/chap-md5", test_chap_md5);
  g_test_add_func ("/ppp-server/mschapv2", test_mschapv2);
  g_test_add_func ("/ppp-server/negotiation", test_negotiation);
  g_test_add_func ("/ppp-server/no-common-method", test_no_common_method);
  g_test_add_func ("/ppp-server/mschapv2-retry", test_mschapv2_retry);
  g_test_add_func ("/ppp-server/mschapv2-attempts-run-out", test_mschapv2_attempts_run_out);
  g_test_add_func ("/ppp-server/disabled", test_disabled);
  g_test_add_func ("/ppp-server/wrong-password-single-attempt",
                   test_wrong_password_single_attempt);
  g_test_add_func ("/ppp-server/callback", test_callback);
  g_test_add_func ("/ppp-server/callback-refused-by-account", test_callback_refused_by_account);
  g_test_add_func ("/ppp-server/callback-bad-number", test_callback_bad_number);
  g_test_add_func ("/ppp-server/callback-number-rule", test_callback_number_rule);
  g_test_add_func ("/ppp-server/unauthenticated-caller", test_unauthenticated_caller);
  g_test_add_func ("/ppp-server/renegotiation-needs-login", test_renegotiation_needs_login);

  return g_test_run ();
}
