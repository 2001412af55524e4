/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Query Modem against a scripted modem on a real pty: the commands sent in order, the echo
 * dropped, each answer with its status, the summary; a modem answering garbage, one that
 * says nothing, one that goes away mid-query, and a cancel: each ends in a clean state (no
 * fd, no lock file) within its bound.  The summary from other modems' answers too. */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-error.h"
#include "dt-modem-peer.h"
#include "dt-modem-query.h"
#include "dt-test-loop.h"

typedef struct {
  DtModemPeer *peer;
  char *lock_dir;
  char *fds_before;
  DtModemQuery *query;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* The main context's own fds exist before the baseline. */
  g_main_context_iteration (NULL, FALSE);
  f->fds_before = dt_test_list_fds ();
  f->peer = dt_modem_peer_new ();
  f->lock_dir = g_dir_make_tmp ("dialtone-lock-XXXXXX", NULL);
  f->query = dt_modem_query_new (dt_modem_peer_get_device (f->peer), f->lock_dir, 115200);
  dt_modem_query_set_timeouts (f->query, 300, 4000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fds_after = NULL;
  GDir *dir = g_dir_open (f->lock_dir, 0, NULL);

  /* The query is over: its lock is gone before the query object is. */
  g_assert_null (g_dir_read_name (dir));
  g_dir_close (dir);
  g_assert_finalize_object (f->query);
  g_clear_pointer (&f->peer, dt_modem_peer_free);
  fds_after = dt_test_list_fds ();
  g_assert_cmpstr (fds_after, ==, f->fds_before);
  g_rmdir (f->lock_dir);
  g_free (f->lock_dir);
  g_free (f->fds_before);
}

static gboolean
run (Fixture       *f,
     GCancellable  *cancellable,
     GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_modem_query_run_async (f->query, cancellable, dt_test_on_async_done, &result);
  dt_test_wait (&result);
  return dt_modem_query_run_finish (f->query, result, error);
}

static const DtModemQueryAnswer *
answer (Fixture *f,
        guint    i)
{
  GPtrArray *answers = dt_modem_query_get_answers (f->query);

  g_assert_cmpuint (i, <, answers->len);
  return g_ptr_array_index (answers, i);
}

static void
test_answers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *commands;

  dt_modem_peer_set_echo (f->peer, TRUE);
  dt_modem_peer_script (f->peer, "ATI3", "\r\nU.S. Robotics 56K FAX EXT V4.12.1\r\n\r\nOK\r\n",
                        FALSE);
  dt_modem_peer_script (f->peer, "ATI4", "\r\nU.S. Robotics 56K FAX EXT Settings...\r\n\r\n"
                        "   B0  E1  F1\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "ATI", "\r\n5601\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMI", "\r\nU.S. Robotics\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMM", "\r\nU.S. Robotics 56K FAX EXT\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMR", "\r\nERROR\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+FCLASS=?", "\r\n0,1,2.0\r\n\r\nOK\r\n", FALSE);

  g_assert_true (run (f, NULL, &error));
  g_assert_no_error (error);

  commands = dt_modem_peer_get_commands (f->peer);
  g_assert_cmpuint (commands->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (g_ptr_array_index (commands, i), ==, dt_modem_query_commands ()[i]);

  g_assert_cmpstr (answer (f, 0)->text, ==, "5601");
  g_assert_cmpstr (answer (f, 1)->text, ==, "U.S. Robotics 56K FAX EXT V4.12.1");
  g_assert_cmpstr (answer (f, 2)->text, ==, "U.S. Robotics 56K FAX EXT Settings...\n   B0  E1  F1");
  g_assert_cmpint (answer (f, 5)->status, ==, DT_MODEM_QUERY_ERROR);
  g_assert_cmpstr (answer (f, 5)->text, ==, "");
  g_assert_cmpint (answer (f, 6)->status, ==, DT_MODEM_QUERY_OK);
  g_assert_cmpstr (dt_modem_query_get_summary (f->query), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");
}

/* A slow modem: ATI4's answer comes after the query gave up on it and sent AT+GMI.  What
 * comes before AT+GMI's echo is not AT+GMI's answer. */
static void
test_late (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* The echo written by hand, so that the late answer can come before the next one. */
  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "ATI3",
                        "ATI3\r\r\nU.S. Robotics 56K FAX EXT V4.12.1\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "ATI4", "ATI4\r", FALSE);
  dt_modem_peer_script (f->peer, "ATI", "ATI\r\r\n5601\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMI", "\r\nU.S. Robotics 56K FAX EXT Settings...\r\n\r\n"
                        "   B0  E1  F1\r\n\r\nOK\r\n"
                        "AT+GMI\r\r\nU.S. Robotics\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMM", "AT+GMM\r\r\nU.S. Robotics 56K FAX EXT\r\n\r\nOK\r\n",
                        FALSE);
  dt_modem_peer_script (f->peer, "AT+GMR", "AT+GMR\r\r\nERROR\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+FCLASS=?", "AT+FCLASS=?\r\r\n0,1,2.0\r\n\r\nOK\r\n",
                        FALSE);

  g_assert_true (run (f, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (answer (f, 2)->status, ==, DT_MODEM_QUERY_NO_ANSWER);
  g_assert_cmpint (answer (f, 3)->status, ==, DT_MODEM_QUERY_OK);
  g_assert_cmpstr (answer (f, 3)->text, ==, "U.S. Robotics");
  g_assert_cmpstr (answer (f, 4)->text, ==, "U.S. Robotics 56K FAX EXT");
  g_assert_cmpstr (dt_modem_query_get_summary (f->query), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");
}

/* A slow start: ATI's answer, echo and all, comes only after the query gave up on it and
 * sent ATI3, and it is the first echo the query hears.  It is not ATI3's answer. */
static void
test_late_first (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "ATI3", "ATI\r\r\n5601\r\n\r\nOK\r\n"
                        "ATI3\r\r\nU.S. Robotics 56K FAX EXT V4.12.1\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "ATI4", "ATI4\r\r\nSettings...\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "ATI", "", FALSE);    /* no answer in time */
  dt_modem_peer_script (f->peer, "AT+GMI", "AT+GMI\r\r\nU.S. Robotics\r\n\r\nOK\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+GMM", "AT+GMM\r\r\nU.S. Robotics 56K FAX EXT\r\n\r\nOK\r\n",
                        FALSE);
  dt_modem_peer_script (f->peer, "AT+GMR", "AT+GMR\r\r\nERROR\r\n", FALSE);
  dt_modem_peer_script (f->peer, "AT+FCLASS=?", "AT+FCLASS=?\r\r\n0,1,2.0\r\n\r\nOK\r\n",
                        FALSE);

  g_assert_true (run (f, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (answer (f, 0)->status, ==, DT_MODEM_QUERY_NO_ANSWER);
  g_assert_cmpint (answer (f, 1)->status, ==, DT_MODEM_QUERY_OK);
  g_assert_cmpstr (answer (f, 1)->text, ==, "U.S. Robotics 56K FAX EXT V4.12.1");
  g_assert_cmpstr (answer (f, 2)->text, ==, "Settings...");
  g_assert_cmpstr (answer (f, 3)->text, ==, "U.S. Robotics");
  g_assert_cmpstr (dt_modem_query_get_summary (f->query), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");
}

static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_script (f->peer, "AT", "\x01\xfe\x80~~%$#\r\n\xff\xff", FALSE);

  g_assert_true (run (f, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_modem_query_get_answers (f->query)->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpint (answer (f, i)->status, ==, DT_MODEM_QUERY_NO_ANSWER);
      g_assert_true (g_utf8_validate (answer (f, i)->text, -1, NULL));
    }
  g_assert_cmpstr (answer (f, 0)->text, ==, "???~~%$#\n??");
  g_assert_cmpstr (dt_modem_query_get_summary (f->query), ==,
                   "Something answers, but not as a modem does");
}

static void
test_silent (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_set_silent (f->peer, TRUE);
  g_assert_true (run (f, NULL, &error));
  /* Two commands without a byte in return: nothing is listening, the rest is not asked. */
  g_assert_cmpuint (dt_modem_query_get_answers (f->query)->len, ==, 2);
  g_assert_cmpuint (dt_modem_peer_get_commands (f->peer)->len, ==, 2);
  g_assert_cmpstr (dt_modem_query_get_summary (f->query), ==, "No modem answered");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_set_silent (f->peer, TRUE);
  dt_modem_query_run_async (f->query, cancellable, dt_test_on_async_done, &result);
  dt_test_sleep (100);
  g_cancellable_cancel (cancellable);
  dt_test_wait (&result);
  g_assert_false (dt_modem_query_run_finish (f->query, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
hang_up_peer (gpointer user_data)
{
  dt_modem_peer_hang_up (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_vanish (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  dt_modem_peer_set_echo (f->peer, FALSE);
  dt_modem_peer_set_silent (f->peer, TRUE);
  g_timeout_add (100, hang_up_peer, f->peer);
  g_assert_false (run (f, NULL, &error));
  g_assert_error (error, DT_RAS_ERROR, DT_RAS_ERROR_PORT_DISCONNECTED);
}

static DtModemQueryAnswer *
fake (const char         *command,
      DtModemQueryStatus  status,
      const char         *text)
{
  DtModemQueryAnswer *a = g_new0 (DtModemQueryAnswer, 1);

  a->command = g_strdup (command);
  a->status = status;
  a->text = g_strdup (text);
  return a;
}

static void
test_summaries (void)
{
  GDestroyNotify free_answer = (GDestroyNotify) dt_modem_query_answer_free;
  g_autoptr (GPtrArray) hayes = g_ptr_array_new_with_free_func (free_answer);
  g_autoptr (GPtrArray) zoom = g_ptr_array_new_with_free_func (free_answer);
  g_autoptr (GPtrArray) none = g_ptr_array_new_with_free_func (free_answer);
  g_autofree char *hayes_summary = NULL;
  g_autofree char *zoom_summary = NULL;
  g_autofree char *none_summary = NULL;

  /* A maker that GMM leaves out, a "+GMM:" prefix, and voice. */
  g_ptr_array_add (hayes, fake ("AT+GMI", DT_MODEM_QUERY_OK, "Hayes"));
  g_ptr_array_add (hayes, fake ("AT+GMM", DT_MODEM_QUERY_OK, "+GMM: ACCURA 56K"));
  g_ptr_array_add (hayes, fake ("AT+FCLASS=?", DT_MODEM_QUERY_OK, "(0,1,2,8)"));
  hayes_summary = dt_modem_query_summarize (hayes);
  g_assert_cmpstr (hayes_summary, ==, "Hayes ACCURA 56K, data, fax and voice");

  /* No V.250 identification: ATI3 without its firmware version. */
  g_ptr_array_add (zoom, fake ("AT+GMM", DT_MODEM_QUERY_ERROR, ""));
  g_ptr_array_add (zoom, fake ("ATI3", DT_MODEM_QUERY_OK, "Zoom V.92 External v2.1"));
  g_ptr_array_add (zoom, fake ("AT+FCLASS=?", DT_MODEM_QUERY_OK, "0"));
  zoom_summary = dt_modem_query_summarize (zoom);
  g_assert_cmpstr (zoom_summary, ==, "Zoom V.92 External, data only");

  g_ptr_array_add (none, fake ("ATI", DT_MODEM_QUERY_NO_ANSWER, ""));
  none_summary = dt_modem_query_summarize (none);
  g_assert_cmpstr (none_summary, ==, "No modem answered");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* GTask's class starts GLib's worker context (an eventfd) once, before any baseline. */
  g_type_ensure (G_TYPE_TASK);
  g_test_add_func ("/modem/query/summaries", test_summaries);
#define ADD(path, func) \
  g_test_add ("/modem/query/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("answers", test_answers);
  ADD ("late", test_late);
  ADD ("late-first", test_late_first);
  ADD ("garbage", test_garbage);
  ADD ("silent", test_silent);
  ADD ("cancel", test_cancel);
  ADD ("vanish", test_vanish);
  return g_test_run ();
}
