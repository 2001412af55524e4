/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Re-authentication while connected, against the real ISP: pppd 2.4.9 with `chap-interval 5`
 * challenges again every five seconds (CHAP-MD5 on 5550114, MS-CHAPv2 on 5550115).  Each
 * challenge is answered in the running session, and shows as ReAuthenticate, then Connected
 * again: the connection stays up, keeps its "connected since", and pppd authenticates the
 * peer once and refuses it never.  On 5550116 pppd's secrets are gone after the first
 * success, so its first re-challenge fails: the call ends with pppd's 691.  (Traffic through a
 * re-challenge is test-dataplane's /dataplane/rechallenge.) */

#include "config.h"

#include <string.h>

#include "dt-connection.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestDialCall call;
} Fixture;

typedef struct {
  const char *number;
  const char *protocol;
} Case;

static const Case chap = { "5550114", "CHAP-MD5" };
static const Case mschapv2 = { "5550115", "MS-CHAPv2" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  dt_test_dial_call_set_up (&f->call);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dt_test_dial_call_tear_down (&f->call);
}

#define SKIP_IF_NO_ISP(f) G_STMT_START { if ((f)->call.isp == NULL) return; } G_STMT_END

static void
dial (Fixture    *f,
      const char *number)
{
  g_autoptr (DtCredentials) credentials = dt_credentials_new (ISP_USER, ISP_PASSWORD, NULL);
  g_autoptr (GError) error = NULL;

  dt_entry_set_number (f->call.entry, number);
  g_assert_true (dt_test_dial_sync (f->call.connection, f->call.entry, credentials, &error));
  g_assert_no_error (error);
}

static guint
count_state (Fixture *f,
             guint    state)
{
  guint n = 0;

  for (guint i = 0; i < f->call.states->len; i++)
    n += g_array_index (f->call.states, guint, i) == state;
  return n;
}

static guint
count_text (const char *text,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The ISP's log once it shows @needle @n times (the guest's console may lag), or after 5 s. */
static char *
wait_for_log (Fixture    *f,
              const char *needle,
              guint       n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  char *log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);

  while (count_text (log, needle) < n && g_get_monotonic_time () < end)
    {
      g_usleep (100 * 1000);
      g_free (log);
      log = dt_test_isp_read_log_since (f->call.isp, f->call.line, f->call.log_offset);
    }
  return log;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("%s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the loop until @state was published @n times. */
static void
wait_for_state (Fixture *f,
                guint    state,
                guint    n,
                guint    timeout_s)
{
  guint timeout = g_timeout_add_seconds (timeout_s, on_timeout, "the state did not come");

  while (count_state (f, state) < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static const guint connected_sequence[] = {
  DT_CONN_STATE_OPEN_PORT, DT_CONN_STATE_PORT_OPENED, DT_CONN_STATE_CONNECT_DEVICE,
  DT_CONN_STATE_DEVICE_CONNECTED, DT_CONN_STATE_ALL_DEVICES_CONNECTED,
  DT_CONN_STATE_AUTHENTICATE, DT_CONN_STATE_AUTH_NOTIFY, DT_CONN_STATE_AUTHENTICATED,
  DT_CONN_STATE_PROJECTED, DT_CONN_STATE_CONNECTED,
};

static char *
expected_states (guint n_reauth,
                 guint last)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (connected_sequence); i++)
    g_string_append_printf (s, "%s%u", i ? " " : "", connected_sequence[i]);
  for (guint i = 0; i < n_reauth; i++)
    g_string_append_printf (s, " %u %u", DT_CONN_STATE_RE_AUTHENTICATE,
                            i + 1 < n_reauth ? DT_CONN_STATE_CONNECTED : last);
  return g_string_free (s, FALSE);
}

/* Two re-challenges, each ReAuthenticate → Connected, in the same session. */
static void
test_rechallenge (Fixture       *f,
                  gconstpointer  data)
{
  const Case *c = data;
  g_autoptr (DtConnStatus) before = NULL;
  g_autoptr (DtConnStatus) after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *log = NULL;

  SKIP_IF_NO_ISP (f);
  dial (f, c->number);
  before = dt_connection_get_status (f->call.connection);
  wait_for_state (f, DT_CONN_STATE_CONNECTED, 3, 40);

  expected = expected_states (2, DT_CONN_STATE_CONNECTED);
  got = dt_test_dial_format_states (f->call.states);
  g_assert_cmpstr (got, ==, expected);
  /* ReAuthenticate names the protocol the server challenges with. */
  g_assert_cmpstr (g_ptr_array_index (f->call.details, G_N_ELEMENTS (connected_sequence)), ==,
                   c->protocol);

  /* The same connection: its start, its address, its counters going on. */
  after = dt_connection_get_status (f->call.connection);
  g_assert_cmpint (g_date_time_compare (before->connected_since, after->connected_since), ==, 0);
  g_assert_cmpstr (after->local_address, ==, before->local_address);
  g_assert_cmpuint (after->frames_in, >, before->frames_in);
  g_assert_cmpstr (dt_connection_get_state_message (f->call.connection), ==, "Connected");

  /* pppd challenged three times in one session (one Connect), accepted each answer, and
   * refused none. */
  log = wait_for_log (f, "sent [CHAP Success", 3);
  g_assert_cmpuint (count_text (log, "Connect: ppp"), ==, 1);
  g_assert_cmpuint (count_text (log, "sent [CHAP Challenge"), >=, 3);
  g_assert_cmpuint (count_text (log, "sent [CHAP Success"), >=, 3);
  g_assert_cmpuint (count_text (log, "sent [CHAP Failure"), ==, 0);

  dt_test_dial_hang_up (f->call.connection);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 631);
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

/* pppd refuses the re-challenge: the call ends with its code. */
static void
test_rechallenge_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  SKIP_IF_NO_ISP (f);
  dial (f, "5550116");
  wait_for_state (f, DT_CONN_STATE_DISCONNECTED, 1, 40);

  expected = expected_states (1, DT_CONN_STATE_DISCONNECTED);
  got = dt_test_dial_format_states (f->call.states);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (dt_connection_get_error_code (f->call.connection), ==, 691);
  g_assert_true (dt_test_dial_call_isp_said (&f->call, "failed CHAP authentication"));
  dt_test_dial_assert_nothing_left (&f->call.before, f->call.line);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The descriptors GLib opens once per process (the default main context's wakeup, and
   * GTask's worker context) exist before any test counts. */
  g_main_context_iteration (NULL, FALSE);
  g_type_ensure (G_TYPE_TASK);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/reauth/chap", &chap, test_rechallenge);
  ADD ("/reauth/mschapv2", &mschapv2, test_rechallenge);
  ADD ("/reauth/refused", NULL, test_rechallenge_refused);
  return g_test_run ();
}
