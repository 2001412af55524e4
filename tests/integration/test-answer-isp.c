/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Incoming calls from a real caller: pppd 2.4.9 in the test ISP's guest dials out through
 * chat (ATDT…), the guest's modem rings Dialtone's line (RING, the caller ID), and a DtAnswer
 * answers with ATA (tests/isp/README.md, "A caller").  PAP, CHAP-MD5 and MS-CHAPv2 callers
 * reach Connected (pppd checks our S= for MS-CHAPv2), get the pool's address; a wrong password
 * is refused with 691 and the caller's next call, with the right one, gets in; a disabled
 * account is refused; pppd's `callback` option is called back at its number and
 * authenticates again.  The accounts' passwords are in a real gnome-keyring. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-answer.h"
#include "dt-dialin-secrets.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"

static DtTestKeyring *keyring;

typedef struct {
  DtTestIsp *isp;
  char *path;
  guint line;
  char *dir;
  DtIncoming *incoming;
  DtAnswer *answer;
  goffset log_offset;
  GArray *states;
  GPtrArray *details;
  GPtrArray *refused;        /* "user code" */
} Fixture;

static void
on_state (DtAnswer   *answer,
          guint       state,
          const char *detail,
          Fixture    *f)
{
  g_array_append_val (f->states, state);
  g_ptr_array_add (f->details, g_strdup (detail ? detail : ""));
}

static void
on_log (DtAnswer   *answer,
        const char *line,
        Fixture    *f)
{
  g_test_message ("answer: %s", line);
}

static void
on_refused (DtAnswer   *answer,
            const char *user,
            guint       code,
            Fixture    *f)
{
  g_ptr_array_add (f->refused, g_strdup_printf ("%s %u", user ? user : "?", code));
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  dt_dialin_secrets_store_finish (result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
store_password (const char *user,
                const char *password)
{
  gboolean stored = FALSE;

  dt_dialin_secrets_store_async (user, password, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;
  g_autofree char *ini = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtDialinUser) alice = NULL;
  g_autoptr (DtDialinUser) dialtone = NULL;
  g_autoptr (DtDialinUser) mallory = NULL;

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      return;
    }
  f->isp = dt_test_isp_get ();
  f->path = dt_test_isp_acquire_line (f->isp);
  f->line = dt_test_isp_get_line_number (f->isp, f->path);
  g_test_message ("line%u: %s", f->line, f->path);

  /* The accounts the guest's pppd calls as (its secrets: tests/isp/README.md). */
  f->dir = g_dir_make_tmp ("dialtone-answer-isp-XXXXXX", &error);
  g_assert_no_error (error);
  ini = g_build_filename (f->dir, "incoming.ini", NULL);
  f->incoming = dt_incoming_new (ini);
  dt_incoming_set_auth_methods (f->incoming, DT_AUTH_ALL);
  dt_incoming_set_rings (f->incoming, 2);
  alice = dt_incoming_add_user (f->incoming, "alice", NULL);
  dialtone = dt_incoming_add_user (f->incoming, "dialtone", NULL);
  dt_dialin_user_set_callback (dialtone, DT_DIALIN_CALLBACK_CALLER);
  mallory = dt_incoming_add_user (f->incoming, "mallory", NULL);
  dt_dialin_user_set_enabled (mallory, FALSE);
  store_password ("alice", "wonderland");
  store_password ("dialtone", "dialtone-secret");
  store_password ("mallory", "wonderland");

  f->states = g_array_new (FALSE, FALSE, sizeof (guint));
  f->details = g_ptr_array_new_with_free_func (g_free);
  f->refused = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->isp == NULL)
    return;
  if (f->answer != NULL)
    {
      g_signal_connect_swapped (f->answer, "stopped", G_CALLBACK (g_nullify_pointer),
                                &f->answer);
      dt_answer_stop (f->answer);
      while (f->answer != NULL && dt_answer_get_running (f->answer))
        g_main_context_iteration (NULL, TRUE);
      while (f->answer != NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&f->incoming);
  dt_test_isp_release_line (f->isp, f->path);
  g_free (f->path);
  g_free (f->dir);
  g_array_unref (f->states);
  g_ptr_array_unref (f->details);
  g_ptr_array_unref (f->refused);
}

/* Arms the guest's caller on our line (AT#CALLER), then answers it. */
static void
call_in (Fixture    *f,
         const char *profile)
{
  int fd = dt_test_isp_open_line (f->path);
  g_autofree char *command = g_strdup_printf ("AT#CALLER %s\r", profile);
  g_autoptr (GString) got = g_string_new (NULL);

  f->log_offset = dt_test_isp_get_log_offset (f->isp);
  dt_test_isp_send (fd, command);
  g_assert_true (dt_test_isp_expect (fd, "OK", 5000, got));
  close (fd);

  f->answer = dt_answer_new (f->incoming, f->path, DT_DEVICE_TYPE_MODEM);
  dt_answer_set_network_mode (f->answer, DT_NETWORK_NONE);
  dt_answer_set_trace (f->answer, TRUE);
  g_signal_connect (f->answer, "state-changed", G_CALLBACK (on_state), f);
  g_signal_connect (f->answer, "log", G_CALLBACK (on_log), f);
  g_signal_connect (f->answer, "caller-refused", G_CALLBACK (on_refused), f);
  dt_answer_start (f->answer);
}

/* Runs the main loop until the answering side has reached @state @count times. */
static gboolean
wait_for (Fixture *f,
          guint    state,
          guint    count,
          guint    seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      guint seen = 0;

      for (guint i = 0; i < f->states->len; i++)
        seen += g_array_index (f->states, guint, i) == state;
      if (seen >= count)
        return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static const char *
detail_of (Fixture *f,
           guint    state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, guint, i) == state)
      return f->details->pdata[i];
  return NULL;
}

static const char *
last_detail_of (Fixture *f,
                guint    state)
{
  for (guint i = f->states->len; i > 0; i--)
    if (g_array_index (f->states, guint, i - 1) == state)
      return f->details->pdata[i - 1];
  return NULL;
}

static void
check_method (Fixture    *f,
              const char *auth,
              const char *protocol)
{
  g_autofree char *profile = g_strdup_printf ("user=alice auth=%s cid=5550123", auth);
  g_autofree char *local = g_strdup_printf ("line%u pppd: local  IP address 10.77.0.2",
                                            f->line);

  call_in (f, profile);
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 90));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "alice");
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_AUTHENTICATING_CALLER), ==, protocol);
  /* The caller ID comes between the first and the second RING, as in North America. */
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_RINGING), ==, "ring 1 of 2");
  g_assert_cmpstr (last_detail_of (f, DT_CONN_STATE_RINGING), ==, "ring 2 of 2, from 5550123");
  g_assert_cmpstr (dt_answer_get_remote_address (f->answer), ==, "10.77.0.2");
  /* The caller agrees: its address is the pool's, ours is its peer. */
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, local, 20000));
  if (g_str_equal (auth, "mschapv2"))
    {
      g_autofree char *ok = g_strdup_printf ("line%u pppd: CHAP authentication succeeded",
                                             f->line);

      g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, ok, 5000));
    }
}

static void
test_pap (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "pap", "PAP");
}

static void
test_chap (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "chap", "CHAP-MD5");
}

static void
test_mschapv2 (Fixture *f, gconstpointer data)
{
  if (f->isp != NULL)
    check_method (f, "mschapv2", "MS-CHAPv2");
}

/* A wrong password: 691 for the caller; its second call, with the right one, gets in. */
static void
test_wrong_password (Fixture *f, gconstpointer data)
{
  g_autofree char *failed = NULL;

  if (f->isp == NULL)
    return;
  call_in (f, "user=alice auth=mschapv2 password=looking-glass,-");
  g_assert_true (wait_for (f, DT_CONN_STATE_DISCONNECTED, 1, 90));
  g_assert_cmpuint (f->refused->len, ==, 1);
  g_assert_cmpstr (f->refused->pdata[0], ==, "alice 691");
  failed = g_strdup_printf ("line%u pppd: MS-CHAP authentication failed: Access denied",
                            f->line);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, failed, 5000));
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 120));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "alice");
}

/* A disabled account never gets in: 647. */
static void
test_disabled (Fixture *f, gconstpointer data)
{
  if (f->isp == NULL)
    return;
  call_in (f, "user=mallory auth=chap password=wonderland");
  g_assert_true (wait_for (f, DT_CONN_STATE_DISCONNECTED, 1, 90));
  g_assert_cmpuint (f->refused->len, ==, 1);
  g_assert_cmpstr (f->refused->pdata[0], ==, "mallory 647");
  g_assert_cmpuint (dt_answer_get_error_code (f->answer), ==, DT_RAS_ERROR_ACCT_DISABLED);
  g_assert_null (detail_of (f, DT_CONN_STATE_CONNECTED));
}

/* pppd's `callback`: CBCP gives its number, the first call ends, Dialtone calls it back there
 * and it authenticates again. */
static void
test_callback (Fixture *f, gconstpointer data)
{
  g_autofree char *called = NULL;

  if (f->isp == NULL)
    return;
  call_in (f, "user=dialtone auth=mschapv2 callback=5550177");
  g_assert_true (wait_for (f, DT_CONN_STATE_CALLING_BACK, 1, 90));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CALLING_BACK), ==, "5550177");
  g_assert_true (wait_for (f, DT_CONN_STATE_CONNECTED, 1, 120));
  g_assert_cmpstr (detail_of (f, DT_CONN_STATE_CONNECTED), ==, "dialtone");
  called = g_strdup_printf ("line%u caller: called back at 5550177", f->line);
  g_assert_true (dt_test_isp_wait_log (f->isp, f->path, f->log_offset, called, 5000));
  /* Two authentications: the first call and the call back. */
  g_assert_true (wait_for (f, DT_CONN_STATE_AUTHENTICATED, 2, 1));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);

  g_test_add ("/answer-isp/pap", Fixture, NULL, fixture_set_up, test_pap, fixture_tear_down);
  g_test_add ("/answer-isp/chap", Fixture, NULL, fixture_set_up, test_chap, fixture_tear_down);
  g_test_add ("/answer-isp/mschapv2", Fixture, NULL, fixture_set_up, test_mschapv2,
              fixture_tear_down);
  g_test_add ("/answer-isp/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password,
              fixture_tear_down);
  g_test_add ("/answer-isp/disabled", Fixture, NULL, fixture_set_up, test_disabled,
              fixture_tear_down);
  g_test_add ("/answer-isp/callback", Fixture, NULL, fixture_set_up, test_callback,
              fixture_tear_down);

  status = g_test_run ();
  dt_test_keyring_stop (keyring);
  return status;
}
