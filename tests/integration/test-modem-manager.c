/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialtone and a real ModemManager 1.20 (tests/common/dt-test-mm.h), on one of the ISP's
 * modem lines.  ModemManager probes the line first (its AT commands reach the ISP's modem);
 * DtMmInhibitor finds the modem by its port and asks ModemManager to let go: the modem
 * object is gone and nothing more of ModemManager's reaches the line while it is held, then
 * the modem comes back after release.  Without ModemManager, or for a port it does not know,
 * nothing is inhibited (and the time that takes is printed); a ModemManager that stops
 * answering, or answers with an error, is given up within the bound.  A whole dial to
 * Connected and back: ModemManager lists no modem for the uid from ConnectDevice until the
 * hang-up, the modem receives only Dialtone's commands meanwhile, and ModemManager has the
 * modem again afterwards.  A redial at once, while ModemManager probes the modem it was
 * handed back (it refuses to let go of a device it is probing): the dial waits for the
 * probe, says so in its log, and then has the line to itself just the same; a probe that
 * outlasts the bound is given up, and the dial goes on.  Query Modem has ModemManager let
 * go too.  The port list says what ModemManager knows of the port, and follows it.  A device
 * ModemManager does not track (udev's uid for /dev/ptmx) is not waited for. */

#include "config.h"

#include <pty.h>
#include <string.h>
#include <unistd.h>

#include "dt-connection.h"
#include "dt-mm-inhibitor.h"
#include "dt-modem-query.h"
#include "dt-port-list.h"
#include "dt-test-dial.h"
#include "dt-test-isp.h"
#include "dt-test-mm.h"

static DtTestMm *mm;
static GError *mm_error;
/* Ports announced to ModemManager: each only once (a second "add" for a port it holds
 * inhibited makes ModemManager 1.20.4 abort on un-inhibit). */
static GHashTable *announced;
static char *mm_line;

typedef struct {
  DtTestIsp *isp;
  char *line;
  goffset offset;
} Fixture;

/* ModemManager's own probe, which a dial must never see: Dialtone sends none of these. */
static const char * const mm_commands[] = { "AT+GCAP", "AT+CGMI", "AT+CPIN?", "ATE0", "AT+CGMM",
                                            "AT&C1", NULL };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *reason = NULL;
  g_autoptr (GError) error = NULL;

  /* A harness that cannot run fails the test: no skip. */
  g_assert_no_error (mm_error);
  if (!dt_test_isp_available (&reason))
    g_error ("the test ISP cannot run here: %s", reason);
  f->isp = dt_test_isp_get ();
  /* One line for the whole program: ModemManager makes its modem of the first pty announced
   * and does not add later ones (all have the same uid) to it. */
  if (mm_line == NULL)
    mm_line = dt_test_isp_acquire_line (f->isp);
  f->line = g_strdup (mm_line);
  f->offset = dt_test_isp_get_log_offset (f->isp);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (g_test_failed ())
    {
      g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->line, f->offset);
      g_autofree char *mm_log = dt_test_mm_read_log (mm);

      g_test_message ("ISP log:\n%s\nModemManager log:\n%s", log, mm_log);
    }
  g_free (f->line);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
inhibit (DtMmInhibitor  *inhibitor,
         gint64         *elapsed_us,
         GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  dt_mm_inhibitor_inhibit_async (inhibitor, DT_MM_INHIBITOR_TIMEOUT_MS, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (elapsed_us != NULL)
    *elapsed_us = g_get_monotonic_time () - start;
  return dt_mm_inhibitor_inhibit_finish (inhibitor, result, error);
}

static void
release (DtMmInhibitor *inhibitor)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_mm_inhibitor_release_async (inhibitor, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dt_mm_inhibitor_release_finish (inhibitor, result, &error));
  g_assert_no_error (error);
}

/* The commands the ISP's modem received since @offset, one per line. */
static char *
received_since (Fixture *f,
                goffset  offset)
{
  g_autofree char *log = dt_test_isp_read_log_since (f->isp, f->line, offset);
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *arrow = strstr (lines[i], "modem: <- ");

      if (arrow != NULL)
        g_string_append_printf (out, "%s\n", arrow + strlen ("modem: <- "));
    }
  return g_string_free (out, FALSE);
}

static gboolean
saw_mm_probe (const char *received)
{
  for (guint i = 0; mm_commands[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s\n", mm_commands[i]);

      if (strstr (received, line) != NULL)
        return TRUE;
    }
  return FALSE;
}


static void
announce (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  if (g_hash_table_contains (announced, f->line))
    return;
  g_assert_true (dt_test_mm_announce (mm, f->line, &error));
  g_assert_no_error (error);
  g_hash_table_add (announced, g_strdup (f->line));
}

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (10 * 1000);
}

/* Probed: ModemManager has a modem with this line among its ports.  (Every pty gets the
 * same uid from the rules, so lines announced by earlier tests are ports of the same modem.) */
static gboolean
has_port (Fixture *f)
{
  g_autofree char *ports = NULL;
  g_autofree char *path = dt_test_mm_find_modem (mm, DT_TEST_MM_UID, &ports);
  g_autofree char *wanted = g_strdup_printf (" %s ", f->line + strlen ("/dev/"));

  return path != NULL && strstr (ports, wanted) != NULL;
}

static void
wait_for_port (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!has_port (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("ModemManager did not make a modem of %s in 30 s", f->line);
      wait_ms (100);
    }
}

/* ModemManager has probed the port; Dialtone takes the modem and hands it back, so that
 * ModemManager probes it again from now on. */
static void
hand_back (Fixture *f)
{
  g_autoptr (DtMmInhibitor) first = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) error = NULL;

  announce (f);
  wait_for_port (f);
  g_assert_true (inhibit (first, NULL, &error));
  g_assert_no_error (error);
  release (first);
}

static void
test_inhibit (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (DtMmInhibitor) inhibitor = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) error = NULL;
  g_autofree char *probed = NULL;
  g_autofree char *during = NULL;
  goffset held_at;

  announce (f);
  /* ModemManager probed the line and made a modem of it, for this port and uid. */
  wait_for_port (f);
  probed = received_since (f, f->offset);
  g_assert_true (saw_mm_probe (probed));

  g_assert_true (inhibit (inhibitor, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dt_mm_inhibitor_get_uid (inhibitor), ==, DT_TEST_MM_UID);
  held_at = dt_test_isp_get_log_offset (f->isp);
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, FALSE, 5000));
  /* While held, ModemManager leaves the line alone (it would re-probe within seconds). */
  wait_ms (6000);
  g_assert_null (dt_test_mm_find_modem (mm, DT_TEST_MM_UID, NULL));
  during = received_since (f, held_at);
  g_assert_cmpstr (during, ==, "");

  release (inhibitor);
  g_assert_false (dt_mm_inhibitor_is_inhibited (inhibitor));
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

/* What a dial's connection said and did, watched from its signals. */
typedef struct {
  Fixture *f;
  GPtrArray *sent;            /* the AT commands Dialtone sent */
  GPtrArray *log;             /* every log line */
  goffset opened_offset;      /* the ISP's log when the port opened */
  gboolean checked;           /* ModemManager was seen to have let go */
} Watch;

static void
on_log (DtConnection *connection,
        const char   *line,
        Watch        *w)
{
  const char *sent = strstr (line, "modem <- ");

  g_test_message ("connection: %s", line);
  g_ptr_array_add (w->log, g_strdup (line));
  if (sent != NULL)
    g_ptr_array_add (w->sent, g_strdup (sent + strlen ("modem <- ")));
}

static void
on_state_changed (DtConnection *connection,
                  guint         state,
                  const char   *detail,
                  guint         sub_entry,
                  Watch        *w)
{
  if (state == DT_CONN_STATE_PORT_OPENED)
    w->opened_offset = dt_test_isp_get_log_offset (w->f->isp);
  if (state == DT_CONN_STATE_CONNECT_DEVICE || state == DT_CONN_STATE_CONNECTED)
    {
      /* ModemManager has let go: no modem for that uid while the call is up. */
      g_autofree char *path = dt_test_mm_find_modem (mm, DT_TEST_MM_UID, NULL);

      g_assert_null (path);
      w->checked = TRUE;
    }
}

static void
watch (DtConnection *connection,
       Watch        *w)
{
  g_signal_connect (connection, "log", G_CALLBACK (on_log), w);
  g_signal_connect (connection, "state-changed", G_CALLBACK (on_state_changed), w);
}

/* The ISP's entry on the fixture's line, whose modem ModemManager has probed. */
static DtEntry *
probed_entry (Fixture *f)
{
  DtEntry *entry = dt_entry_new ();

  announce (f);
  wait_for_port (f);
  dt_entry_set_name (entry, "Test ISP");
  dt_entry_set_device (entry, f->line);
  dt_entry_set_number (entry, "555-0100");
  dt_entry_set_user (entry, "dialtone");
  return entry;
}

/* Everything the modem received since @offset was one of the commands in @w->sent. */
static void
assert_only_dialtone_spoke (Watch      *w,
                            goffset     offset,
                            const char *during)
{
  g_autofree char *received = received_since (w->f, offset);
  g_auto (GStrv) lines = g_strsplit (received, "\n", -1);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      gboolean ours = FALSE;

      for (guint j = 0; j < w->sent->len && !ours; j++)
        ours = g_ascii_strcasecmp (g_ptr_array_index (w->sent, j), lines[i]) == 0;
      if (!ours)
        g_error ("the modem received “%s” %s, which Dialtone did not send", lines[i], during);
    }
  g_assert_cmpuint (w->sent->len, >, 0);
}

static void
test_dial (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (DtConnection) connection = dt_connection_new ();
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("dialtone", "dialtone-secret", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  Watch w = { f, sent, log, -1, FALSE };
  g_autoptr (DtEntry) entry = NULL;
  goffset dial_offset;

  /* Probed before the dial: ModemManager has a modem on this port. */
  entry = probed_entry (f);
  dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
  watch (connection, &w);

  dial_offset = dt_test_isp_get_log_offset (f->isp);
  g_assert_true (dt_test_dial_sync (connection, entry, credentials, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dt_connection_get_state (connection), ==, DT_CONN_STATE_CONNECTED);
  g_assert_true (w.checked);
  /* Long enough for ModemManager to probe again, were it not held off. */
  wait_ms (5000);
  g_assert_null (dt_test_mm_find_modem (mm, DT_TEST_MM_UID, NULL));
  dt_test_dial_hang_up (connection);

  /* Everything the modem received during the call was Dialtone's. */
  assert_only_dialtone_spoke (&w, dial_offset, "during the call");

  /* After the hang-up ModemManager has the modem again. */
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

static gboolean
log_has (GPtrArray  *log,
         const char *needle)
{
  for (guint i = 0; i < log->len; i++)
    if (strstr (g_ptr_array_index (log, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Hang up, dial again at once: ModemManager, handed the modem back, is probing it again. */
static void
test_redial (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (DtEntry) entry = NULL;
  g_autoptr (DtCredentials) credentials = dt_credentials_new ("dialtone", "dialtone-secret", NULL);
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  Watch w = { f, sent, log, -1, FALSE };

  entry = probed_entry (f);
  for (guint call = 0; call < 2; call++)
    {
      g_autoptr (DtConnection) connection = dt_connection_new ();
      g_autoptr (GError) error = NULL;

      dt_connection_set_network_mode (connection, DT_NETWORK_NONE);
      if (call == 1)
        watch (connection, &w);
      g_assert_true (dt_test_dial_sync (connection, entry, credentials, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (dt_connection_get_state (connection), ==, DT_CONN_STATE_CONNECTED);
      if (call == 1)
        /* Long enough for ModemManager to come back, were it not held off. */
        wait_ms (3000);
      dt_test_dial_hang_up (connection);
    }

  g_assert_true (w.checked);
  g_assert_cmpint (w.opened_offset, >=, 0);
  /* From the port's opening on, the modem received only Dialtone's commands. */
  assert_only_dialtone_spoke (&w, w.opened_offset, "during the redial");
  /* It found ModemManager probing, waited, and then had it let go. */
  g_assert_true (log_has (log, "ModemManager is still probing"));
  g_assert_true (log_has (log, "ModemManager let go of"));
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

static void
on_probing (DtMmInhibitor *inhibitor,
            gboolean      *probing)
{
  *probing = TRUE;
}

/* A probe that outlasts the bound: the inhibit gives up, holding nothing, and says why. */
static void
test_probe_bound (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (DtMmInhibitor) second = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) probing_error = NULL;
  gboolean probing = FALSE;
  gint64 elapsed;

  /* Handed back, the modem is probed again: ask at once, with a bound shorter than that. */
  hand_back (f);
  dt_mm_inhibitor_set_probe_timeout (second, 200);
  g_signal_connect (second, "probing", G_CALLBACK (on_probing), &probing);
  g_assert_false (inhibit (second, &elapsed, &probing_error));
  g_test_message ("%s (after %.1f ms)", probing_error->message, elapsed / 1000.0);
  g_assert_error (probing_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (probing_error->message, "still probing"));
  g_assert_true (probing);
  g_assert_false (dt_mm_inhibitor_is_inhibited (second));
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

/* Query Modem right after ModemManager was handed the modem back (it probes it again): the
 * query has ModemManager let go first, so that the modem hears only the query's commands,
 * one after the other, and the summary names it. */
static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (DtModemQuery) query = dt_modem_query_new (f->line, NULL, 115200);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *received = NULL;
  g_auto (GStrv) lines = NULL;
  const char * const *commands = dt_modem_query_commands ();
  gboolean in_a_row = FALSE;
  goffset offset;

  hand_back (f);
  offset = dt_test_isp_get_log_offset (f->isp);
  dt_modem_query_run_async (query, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (dt_modem_query_run_finish (query, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dt_modem_query_get_summary (query), ==,
                   "U.S. Robotics 56K FAX EXT, data and fax");

  /* The query's commands, one after the other with nothing of ModemManager's between them
   * (its probe sends ATI too, before it lets go; it may probe again after). */
  received = received_since (f, offset);
  g_test_message ("the modem received:\n%s", received);
  lines = g_strsplit (received, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !in_a_row; i++)
    {
      guint n = 0;

      while (commands[n] != NULL && g_strcmp0 (lines[i + n], commands[n]) == 0)
        n++;
      in_a_row = commands[n] == NULL;
    }
  g_assert_true (in_a_row);
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

/* Query Modem cancelled while it waits for ModemManager's probe: it ends cancelled, and the
 * port is never opened (the query's commands never reach the modem). */
static void
test_query_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (DtModemQuery) query = dt_modem_query_new (f->line, NULL, 115200);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *received = NULL;
  g_auto (GStrv) lines = NULL;
  goffset offset;

  hand_back (f);
  offset = dt_test_isp_get_log_offset (f->isp);
  dt_modem_query_run_async (query, cancellable, on_done, &result);
  wait_ms (300);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dt_modem_query_run_finish (query, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_ms (2000);
  received = received_since (f, offset);
  g_test_message ("the modem received:\n%s", received);
  /* ATI3 and ATI4 are the query's alone (ModemManager sends ATI, +GMI and the like too). */
  lines = g_strsplit (received, "\n", -1);
  g_assert_false (g_strv_contains ((const char * const *) lines, "ATI3"));
  g_assert_false (g_strv_contains ((const char * const *) lines, "ATI4"));
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
}

/* Waits, at most 30 s, for the port list to say what ModemManager knows of the port (with
 * @shown) or to say nothing of it (without). */
static const char *
wait_for_mm_text (DtPortInfo *info,
                  gboolean    shown)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((dt_port_info_get_modem_manager (info) != NULL) != shown)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the port list still says “%s” of %s after 30 s",
                 dt_port_info_get_modem_manager (info), dt_port_info_get_path (info));
      wait_ms (50);
    }
  return dt_port_info_get_modem_manager (info);
}

/* The port list says what ModemManager knows of a port (its modem, plugin, maker and model)
 * and follows it: nothing while a call has ModemManager let go, the modem again after.  The
 * port comes in as udev would announce a USB modem's, with its by-id link. */
static void
test_port_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GDBusConnection) system = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  g_autoptr (DtPortList) ports = NULL;
  g_autoptr (DtMmInhibitor) inhibitor = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) error = NULL;
  const char * const links[] = { "/dev/serial/by-id/usb-U.S._Robotics_56K_FAX_EXT-if00", NULL };
  DtPortDevice device = {
    .name = f->line + strlen ("/dev/"),
    .device_file = f->line,
    .links = links,
  };
  DtPortInfo *info;
  const char *text;

  /* The private bus goes at the end of the run: it must not take the test with it. */
  g_assert_nonnull (system);
  g_dbus_connection_set_exit_on_close (system, FALSE);
  announce (f);
  wait_for_port (f);
  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
  ports = dt_port_list_new ();
  dt_port_list_handle_event (ports, "add", &device);
  info = dt_port_list_lookup (ports, f->line);
  g_assert_nonnull (info);
  dt_port_list_refresh (ports);
  text = wait_for_mm_text (info, TRUE);
  g_test_message ("the port list: %s", text);
  g_assert_true (g_str_has_prefix (text, "ModemManager: modem "));
  g_assert_nonnull (strstr (text, " plugin)"));

  g_assert_true (inhibit (inhibitor, NULL, &error));
  g_assert_no_error (error);
  wait_for_mm_text (info, FALSE);
  release (inhibitor);
  text = wait_for_mm_text (info, TRUE);
  g_assert_true (g_str_has_prefix (text, "ModemManager: modem "));
}

/* A port ModemManager was never told about, and no system bus at all: not found, at once. */
static void
test_unknown_port (void)
{
  int master, slave;
  char name[64];
  g_autoptr (DtMmInhibitor) unknown = NULL;
  g_autoptr (DtMmInhibitor) no_bus = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) bus_error = NULL;
  g_autofree char *address = g_strdup (g_getenv ("DBUS_SYSTEM_BUS_ADDRESS"));
  gint64 unknown_us, no_bus_us;

  g_assert_no_error (mm_error);
  g_assert_cmpint (openpty (&master, &slave, name, NULL, NULL), ==, 0);
  unknown = dt_mm_inhibitor_new (name);
  g_assert_false (inhibit (unknown, &unknown_us, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not manage"));

  /* udev knows /dev/ptmx, so it has a uid, which ModemManager does not track: not found
   * either, without a wait. */
  {
    g_autoptr (DtMmInhibitor) untracked = dt_mm_inhibitor_new ("/dev/ptmx");
    g_autoptr (GError) untracked_error = NULL;
    gint64 untracked_us;

    g_assert_false (inhibit (untracked, &untracked_us, &untracked_error));
    g_assert_error (untracked_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpstr (dt_mm_inhibitor_get_uid (untracked), ==, "/sys/devices/virtual/tty/ptmx");
    g_test_message ("ModemManager on a device it does not track: %s (%.1f ms)",
                    untracked_error->message, untracked_us / 1000.0);
  }

  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  no_bus = dt_mm_inhibitor_new (name);
  g_assert_false (inhibit (no_bus, &no_bus_us, &bus_error));
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", address, TRUE);
  g_assert_error (bus_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("cost of asking ModemManager: %.1f ms (port unknown), %.1f ms (no bus)",
                  unknown_us / 1000.0, no_bus_us / 1000.0);
  close (master);
  close (slave);
}

/* A stopped ModemManager: the inhibit gives up at its timeout, and holds nothing. */
static void
test_stalled (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (DtMmInhibitor) inhibitor = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) error = NULL;
  gint64 elapsed;

  dt_test_mm_pause (mm, TRUE);
  g_assert_false (inhibit (inhibitor, &elapsed, &error));
  dt_test_mm_pause (mm, FALSE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpint (elapsed, <, (DT_MM_INHIBITOR_TIMEOUT_MS + 1000) * 1000);
  g_assert_false (dt_mm_inhibitor_is_inhibited (inhibitor));
  release (inhibitor);
}

/* ModemManager refuses (polkit says no): its error, and nothing held. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (DtMmInhibitor) inhibitor = dt_mm_inhibitor_new (f->line);
  g_autoptr (GError) error = NULL;
  g_autofree char *still = NULL;

  g_assert_true (dt_test_mm_wait_modem (mm, DT_TEST_MM_UID, TRUE, 30000));
  dt_test_mm_set_refuse (mm, TRUE);
  g_assert_false (inhibit (inhibitor, NULL, &error));
  dt_test_mm_set_refuse (mm, FALSE);
  g_assert_nonnull (error);
  g_test_message ("ModemManager said: %s", error->message);
  g_assert_false (dt_mm_inhibitor_is_inhibited (inhibitor));
  still = dt_test_mm_find_modem (mm, DT_TEST_MM_UID, NULL);
  g_assert_nonnull (still);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  mm = dt_test_mm_start (&mm_error);
  announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/mm/inhibit", test_inhibit);
  ADD ("/mm/dial", test_dial);
  ADD ("/mm/redial", test_redial);
  ADD ("/mm/probe-bound", test_probe_bound);
  ADD ("/mm/query", test_query);
  ADD ("/mm/query-cancel", test_query_cancel);
  ADD ("/mm/port-list", test_port_list);
  g_test_add_func ("/mm/unknown-port", test_unknown_port);
  ADD ("/mm/stalled", test_stalled);
  ADD ("/mm/refused", test_refused);
  status = g_test_run ();
  if (mm_line != NULL)
    dt_test_isp_release_line (dt_test_isp_get (), mm_line);
  g_clear_pointer (&mm_line, g_free);
  g_clear_pointer (&mm, dt_test_mm_free);
  g_clear_pointer (&announced, g_hash_table_unref);
  return status;
}
