/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dialing from the desktop against the real test ISP (pppd 2.4.9 behind an emulated modem in
 * a QEMU guest), under Xvfb, through the real widgets: the row's Connect button, the Connect
 * dialog's rows and Dial button, the progress dialog's label and Cancel, the
 * RetryAuthentication dialog, the error dialog's Redial and its countdown, and the status
 * window's labels and Hang Up.  The app runs with --no-network (no TUN device: the data
 * plane has its own tests), a real gnome-keyring-daemon on a private bus, a phonebook in a
 * temp dir whose entries use the line this process acquired, and a notification server
 * (org.freedesktop.Notifications) played by the test on that bus, which records what the
 * app announced.  Each test path can run in its own process (meson runs them in parallel,
 * one ISP line each). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-log-view.h"
#include "dt-progress-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-secrets.h"
#include "dt-status-window.h"
#include "dt-test-isp.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

#define WAIT_LIMIT_S 90
#define ISP_PASSWORD "dialtone-secret"

static DtApplication *app;
static DtWindow *window;
static DtTestKeyring *keyring;
static DtTestIsp *isp;
static char *line;
static guint line_number;
static GPtrArray *labels;        /* the progress dialog's label, at every change */
static GArray *states;           /* every state of every connection, in order */
static GPtrArray *notifications; /* "summary|body" of each Notify call */
static GtkWidget *watched_label;

typedef gboolean (*Condition) (gconstpointer data);

static void
wait_until_at (Condition      condition,
               gconstpointer  data,
               const char    *where)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: waited %d s in vain", where, WAIT_LIMIT_S);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

#define wait_until(condition, data) wait_until_at ((condition), (data), G_STRLOC)

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

static const char *
label_text (gpointer    widget,
            GType       type,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (child (widget, type, name)));
}

/* The toplevel of @type, if one is open. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gconstpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_gone (gconstpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

/* Waits for a toplevel of @type and returns a reference, for g_assert_finalize_object. */
static gpointer
wait_for_toplevel (GType type)
{
  wait_until (toplevel_shown, GSIZE_TO_POINTER (type));
  return g_object_ref (find_toplevel (type));
}

static gboolean
only_ours (gconstpointer object)
{
  return G_OBJECT (object)->ref_count == 1;
}

/* Async work a window started (a keyring lookup) holds it until its callback has run. */
static void
assert_finalized_at (gpointer    object,
                     const char *where)
{
  g_autofree char *what = g_strdup_printf ("%s (%s)", where, G_OBJECT_TYPE_NAME (object));

  wait_until_at (only_ours, object, what);
  g_assert_finalize_object (object);
}

#define assert_finalized(object) assert_finalized_at ((object), G_STRLOC)

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  name)
{
  DtEntry *entry;

  if (!DT_IS_ENTRY_ROW (widget))
    return FALSE;
  entry = dt_entry_row_get_entry (DT_ENTRY_ROW (widget));
  return entry != NULL && g_strcmp0 (dt_entry_get_name (entry), name) == 0;
}

static GtkWidget *
row_of (const char *name)
{
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_row_of, name);

  g_assert_nonnull (row);
  return row;
}

static DtEntry *
entry_named (const char *name)
{
  DtEntry *entry = dt_phonebook_lookup_by_name (dt_application_get_phonebook (app), name);

  g_assert_nonnull (entry);
  return entry;
}

static DtConnection *
connection_of (const char *name)
{
  return dt_dialer_lookup (dt_application_get_dialer (app),
                           dt_entry_get_uuid (entry_named (name)));
}

static gboolean
state_is (gconstpointer data)
{
  const struct { const char *name; guint state; } *want = data;
  DtConnection *connection = connection_of (want->name);

  return connection != NULL && dt_connection_get_state (connection) == want->state;
}

static void
wait_for_state (const char *name,
                guint       state)
{
  struct { const char *name; guint state; } want = { name, state };

  wait_until (state_is, &want);
}

static guint
count_states (guint state)
{
  guint n = 0;

  for (guint i = 0; i < states->len; i++)
    n += g_array_index (states, guint, i) == state;
  return n;
}

static guint
count_in_isp_log (goffset     offset,
                  const char *needle)
{
  g_autofree char *log = dt_test_isp_read_log_since (isp, line, offset);
  guint n = 0;

  for (const char *p = strstr (log, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
isp_log_has (gconstpointer data)
{
  const struct { goffset offset; const char *needle; guint n; } *want = data;

  return count_in_isp_log (want->offset, want->needle) >= want->n;
}

/* The progress dialog's label, recorded at every change --------------------------------- */

static void
on_status_label_notify (GtkLabel *label)
{
  g_ptr_array_add (labels, g_strdup (gtk_label_get_label (label)));
}

static void
on_watched_label_finalized (gpointer  data,
                            GObject  *label)
{
  watched_label = NULL;
}

/* Runs after the session's handler, which updated the dialog: the dialog exists from the
 * first state on, and from then on every change of its label is recorded. */
static void
on_connection_state_changed (DtDialer     *dialer,
                             DtConnection *connection,
                             guint         state,
                             const char   *detail)
{
  DtProgressDialog *dialog = find_toplevel (DT_TYPE_PROGRESS_DIALOG);

  g_array_append_val (states, state);
  if (dialog != NULL && watched_label == NULL)
    {
      watched_label = child (dialog, DT_TYPE_PROGRESS_DIALOG, "status_label");
      g_object_weak_ref (G_OBJECT (watched_label), on_watched_label_finalized, NULL);
      g_signal_connect (watched_label, "notify::label", G_CALLBACK (on_status_label_notify), NULL);
      on_status_label_notify (GTK_LABEL (watched_label));
    }
}

static void
reset_records (void)
{
  g_ptr_array_set_size (labels, 0);
  g_array_set_size (states, 0);
  g_ptr_array_set_size (notifications, 0);
}

/* The desktop's notification server, played here -------------------------------------- */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "</method></interface></node>";

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  static guint32 next_id = 1;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s|%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", next_id++));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "dialtone", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call };
  /* Kept: the bus singleton closes (and the name goes) with its last reference. */
  static GDBusConnection *bus;
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  /* 1: DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
  g_assert_cmpuint (g_variant_get_uint32 (g_variant_get_child_value (reply, 0)), ==, 1);
}

static gboolean
notified (gconstpointer prefix)
{
  for (guint i = 0; i < notifications->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (notifications, i), prefix))
      return TRUE;
  return FALSE;
}

/* Steps a user takes ----------------------------------------------------------------- */

/* Clicks the row's Connect button and fills in the Connect dialog. */
static DtConnectDialog *
open_connect_dialog (const char *name)
{
  g_autofree char *title = g_strdup_printf ("Connect to %s", name);
  DtConnectDialog *dialog;

  gtk_widget_activate (child (row_of (name), DT_TYPE_ENTRY_ROW, "connect_button"));
  dialog = wait_for_toplevel (DT_TYPE_CONNECT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  return dialog;
}

static void
type_into (gpointer    dialog,
           GType       type,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, type, row)), text);
}

static void
click (gpointer    dialog,
       GType       type,
       const char *button)
{
  gtk_widget_activate (child (dialog, type, button));
}

static gboolean
row_is_idle (gconstpointer name)
{
  GtkWidget *row = row_of (name);

  return !gtk_widget_get_visible (child (row, DT_TYPE_ENTRY_ROW, "state_label")) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child (row, DT_TYPE_ENTRY_ROW,
                                                              "connect_button"))),
                    "C_onnect") == 0;
}

static void
assert_labels (const char * const *expected)
{
  g_autofree char *got = g_strjoinv ("\n", (char **) labels->pdata);
  g_autofree char *want = g_strjoinv ("\n", (char **) expected);

  g_test_message ("progress dialog said:\n%s", got);
  g_assert_cmpstr (got, ==, want);
}

static gboolean
dialer_idle (gconstpointer data)
{
  return !dt_dialer_get_busy (dt_application_get_dialer (app));
}

/* app.hang-up(""), as the tray's Hang Up does. */
static void
hang_up_all (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "hang-up", g_variant_new_string (""));
  wait_until (dialer_idle, NULL);
}

/* The tests ------------------------------------------------------------------------------ */

static void
test_connect (void)
{
  g_autofree char *local = g_strdup_printf ("10.64.0.%u", 10 + line_number);
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtProgressDialog *progress;
  DtStatusWindow *status;
  GtkWidget *status_button;
  const char *expected[] = {
    "Opening port…", "Port opened", "Dialing 5550110…", "Connected to modem at 33600 bps",
    "Establishing the PPP link…", "Verifying user name and password…",
    NULL /* the server's answer */, "User name and password accepted",
    "Registering your computer on the network…", "Connected", NULL,
  };

  reset_records ();
  connect = open_connect_dialog ("PAP ISP");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (connect, DT_TYPE_CONNECT_DIALOG,
                                                               "user_row"))), ==, "dialtone");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (
                     ADW_COMBO_ROW (child (connect, DT_TYPE_CONNECT_DIALOG, "number_row")))),
                   ==, "5550110");
  type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  assert_finalized (connect);

  progress = wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (progress)), ==, "Connecting to PAP ISP");
  wait_for_state ("PAP ISP", DT_CONN_STATE_CONNECTED);
  /* Closes itself on Connected. */
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_PROGRESS_DIALOG));
  assert_finalized (progress);

  /* The label went through the engine's states in order. */
  g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (expected) - 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (labels, 6), "The server answered"));
  expected[6] = g_ptr_array_index (labels, 6);
  g_ptr_array_add (labels, NULL);
  assert_labels (expected);
  g_ptr_array_remove_index (labels, labels->len - 1);

  /* The row, the notification, then the toast's Status button opens the status window. */
  g_assert_true (g_str_has_prefix (label_text (row_of ("PAP ISP"), DT_TYPE_ENTRY_ROW,
                                               "state_label"), "Connected since "));
  wait_until (notified, "Connected to PAP ISP|33600 bps");
  status_button = find_widget (GTK_WIDGET (window), is_button_labelled, "_Status");
  g_assert_nonnull (status_button);
  gtk_widget_activate (status_button);
  status = wait_for_toplevel (DT_TYPE_STATUS_WINDOW);
  g_assert_cmpstr (label_text (status, DT_TYPE_STATUS_WINDOW, "local_address_label"), ==, local);
  g_assert_cmpstr (label_text (status, DT_TYPE_STATUS_WINDOW, "remote_address_label"), ==,
                   "10.64.0.1");
  g_assert_cmpstr (label_text (status, DT_TYPE_STATUS_WINDOW, "dns_label"), ==,
                   "10.64.0.53, 10.64.0.54");
  g_assert_cmpstr (label_text (status, DT_TYPE_STATUS_WINDOW, "auth_label"), ==, "PAP");
  g_assert_cmpstr (label_text (status, DT_TYPE_STATUS_WINDOW, "speed_label"), ==, "33600 bps");
  g_assert_true (g_str_has_prefix (label_text (status, DT_TYPE_STATUS_WINDOW, "device_label"),
                                   line));
  g_assert_true (g_str_has_prefix (label_text (status, DT_TYPE_STATUS_WINDOW, "duration_label"),
                                   "0:00:"));
  /* pppd agrees on the address it gave. */
  {
    struct { goffset offset; const char *needle; guint n; } want = { offset, local, 1 };

    wait_until (isp_log_has, &want);
  }

  /* Hang Up in the status window: pppd gets the LCP Terminate-Request, the row goes idle. */
  click (status, DT_TYPE_STATUS_WINDOW, "hang_up_button");
  wait_for_state ("PAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (connection_of ("PAP ISP")), ==, 631);
  {
    struct { goffset offset; const char *needle; guint n; } want = { offset, "rcvd [LCP TermReq", 1 };

    wait_until (isp_log_has, &want);
  }
  wait_until (row_is_idle, "PAP ISP");
  g_assert_null (find_toplevel (DT_TYPE_ERROR_DIALOG));
  gtk_window_destroy (GTK_WINDOW (status));
  assert_finalized (status);
}

static void
on_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
keyring_password (DtEntry *entry)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_secrets_lookup_async (entry, NULL, on_looked_up, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return dt_secrets_lookup_finish (result, NULL);
}

static void
test_retry_authentication (void)
{
  DtEntry *entry = entry_named ("MS-CHAP ISP");
  DtConnectDialog *connect;
  DtRetryAuthDialog *retry;
  g_autofree char *saved = NULL;

  reset_records ();
  connect = open_connect_dialog ("MS-CHAP ISP");
  type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", "not-the-password");
  gtk_switch_set_active (GTK_SWITCH (child (connect, DT_TYPE_CONNECT_DIALOG, "save_switch")), TRUE);
  click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  assert_finalized (connect);

  /* The server refuses: the dialog asks again, over the progress dialog. */
  retry = wait_for_toplevel (DT_TYPE_RETRY_AUTH_DIALOG);
  g_assert_true (GTK_IS_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (retry))));
  g_assert_true (DT_IS_PROGRESS_DIALOG (gtk_window_get_transient_for (GTK_WINDOW (retry))));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (retry)));
  g_assert_cmpuint (dt_connection_get_state (connection_of ("MS-CHAP ISP")), ==,
                    DT_CONN_STATE_RETRY_AUTHENTICATION);
  g_test_message ("server: %s", label_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "message_label"));
  g_assert_true (g_str_has_prefix (label_text (retry, DT_TYPE_RETRY_AUTH_DIALOG, "message_label"),
                                   "The server said: "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (retry, DT_TYPE_RETRY_AUTH_DIALOG,
                                                               "user_row"))), ==, "dialtone");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (retry, DT_TYPE_RETRY_AUTH_DIALOG,
                                                           "save_switch"))));
  /* Nothing was saved for a password the server refused. */
  g_assert_null (keyring_password (entry));

  type_into (retry, DT_TYPE_RETRY_AUTH_DIALOG, "password_row", ISP_PASSWORD);
  click (retry, DT_TYPE_RETRY_AUTH_DIALOG, "retry_button");
  assert_finalized (retry);

  wait_for_state ("MS-CHAP ISP", DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (count_states (DT_CONN_STATE_RETRY_AUTHENTICATION), ==, 1);
  g_assert_cmpuint (count_states (DT_CONN_STATE_AUTH_RETRY), ==, 1);
  /* The retry reached Connected with "Save password": the keyring has the right one. */
  do
    {
      g_free (saved);
      spin (50);
      saved = keyring_password (entry);
    }
  while (saved == NULL);
  g_assert_cmpstr (saved, ==, ISP_PASSWORD);

  hang_up_all ();
  wait_until (row_is_idle, "MS-CHAP ISP");

  /* Without "prompt for credentials", the saved password dials at once: no Connect dialog. */
  reset_records ();
  dt_entry_set_prompt_credentials (entry, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial",
                                  g_variant_new_string (dt_entry_get_uuid (entry)));
  wait_for_state ("MS-CHAP ISP", DT_CONN_STATE_CONNECTED);
  g_assert_null (find_toplevel (DT_TYPE_CONNECT_DIALOG));
  g_assert_cmpuint (count_states (DT_CONN_STATE_RETRY_AUTHENTICATION), ==, 0);
  hang_up_all ();
}

static gboolean
countdown_running (gconstpointer dialog)
{
  return dt_error_dialog_get_countdown (DT_ERROR_DIALOG ((gpointer) dialog)) > 0;
}

static void
test_busy_redial (void)
{
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtErrorDialog *error;
  struct { goffset offset; const char *needle; guint n; } dialled = {
    offset, "modem: dialling 5550199", 2
  };

  /* The entry allows 2 redials, 1 second apart. */
  reset_records ();
  connect = open_connect_dialog ("Busy ISP");
  type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  assert_finalized (connect);

  error = wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Error Connecting to Busy ISP");
  g_assert_cmpstr (label_text (error, DT_TYPE_ERROR_DIALOG, "error_label"), ==,
                   "Error 676: The line is busy.");
  g_assert_cmpstr (label_text (error, DT_TYPE_ERROR_DIALOG, "countdown_label"), ==,
                   "Redialing in 1 second (attempt 2 of 3)…");
  g_assert_null (find_toplevel (DT_TYPE_PROGRESS_DIALOG));
  wait_until (notified, "Could not connect to Busy ISP|Error 676: The line is busy.");
  g_assert_cmpstr (label_text (row_of ("Busy ISP"), DT_TYPE_ENTRY_ROW, "state_label"), ==,
                   "Error 676: The line is busy.");

  /* More Info shows the log of the dial, BUSY included. */
  gtk_widget_activate (child (error, DT_TYPE_ERROR_DIALOG, "more_info_button"));
  wait_until ((Condition) gtk_revealer_get_reveal_child,
              child (error, DT_TYPE_ERROR_DIALOG, "log_revealer"));
  {
    g_autofree char *log = dt_log_view_dup_text (DT_LOG_VIEW (child (error, DT_TYPE_ERROR_DIALOG,
                                                                     "log_view")));

    g_assert_nonnull (strstr (log, "BUSY"));
  }

  /* Redial by hand: a second dial, the states from OpenPort again, a second ATDT. */
  click (error, DT_TYPE_ERROR_DIALOG, "redial_button");
  assert_finalized (error);
  wait_until (isp_log_has, &dialled);
  error = wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);
  g_assert_cmpstr (label_text (error, DT_TYPE_ERROR_DIALOG, "countdown_label"), ==,
                   "Redialing in 1 second (attempt 3 of 3)…");

  /* The countdown redials by itself; then the attempts are used up: no countdown. */
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_ERROR_DIALOG));
  assert_finalized (error);
  dialled.n = 3;
  wait_until (isp_log_has, &dialled);
  error = wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (count_states (DT_CONN_STATE_OPEN_PORT), ==, 3);
  spin (1500);
  g_assert_false (countdown_running (error));
  g_assert_false (gtk_widget_get_visible (child (error, DT_TYPE_ERROR_DIALOG, "countdown_label")));
  g_assert_cmpuint (count_in_isp_log (offset, "modem: dialling 5550199"), ==, 3);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (error, DT_TYPE_ERROR_DIALOG,
                                                            "close_button"))), ==, "_Close");
  click (error, DT_TYPE_ERROR_DIALOG, "close_button");
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_ERROR_DIALOG));
  assert_finalized (error);
}

static gboolean
label_is (gconstpointer text)
{
  return watched_label != NULL &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (watched_label)), text) == 0;
}

static void
test_cancel (void)
{
  g_autofree char *base = g_path_get_basename (line);
  g_autofree char *lock = g_strdup_printf ("/run/lock/LCK..pts_%s", base);
  DtConnectDialog *connect;
  DtProgressDialog *progress;
  const char *expected[] = {
    "Opening port…", "Port opened", "Dialing 5550196…", "Hanging up…", NULL,
  };

  /* 5550196 answers NO ANSWER after 3 s: Cancel comes while the modem dials. */
  reset_records ();
  connect = open_connect_dialog ("No Answer ISP");
  type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  assert_finalized (connect);
  progress = wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  wait_until (label_is, "Dialing 5550196…");
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (row_of ("No Answer ISP"),
                                                            DT_TYPE_ENTRY_ROW, "connect_button"))),
                   ==, "_Hang Up");

  click (progress, DT_TYPE_PROGRESS_DIALOG, "cancel_button");
  wait_for_state ("No Answer ISP", DT_CONN_STATE_DISCONNECTED);
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_PROGRESS_DIALOG));
  assert_finalized (progress);
  g_ptr_array_add (labels, NULL);
  assert_labels (expected);

  g_assert_cmpuint (dt_connection_get_error_code (connection_of ("No Answer ISP")), ==, 631);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  wait_until (row_is_idle, "No Answer ISP");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (child (row_of ("No Answer ISP"),
                                                              DT_TYPE_ENTRY_ROW, "status_icon"))),
                   ==, "dialtone-disconnected-symbolic");
  /* The user's own hang-up is no error: no dialog, no notification. */
  spin (300);
  g_assert_null (find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_false (notified ("Could not connect"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "dial"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "hang-up"));
}

/* 5550181's far end goes dead 8 s after CONNECT: the engine notices through LCP echoes.  A
 * Connected link that drops redials by itself after the entry's interval, with a countdown
 * in the error dialog; Hang Up stops the redial. */
static void
test_link_drop (void)
{
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtConnectDialog *connect;
  DtErrorDialog *error;
  struct { goffset offset; const char *needle; guint n; } dialled = {
    offset, "modem: dialling 5550181", 2
  };

  reset_records ();
  connect = open_connect_dialog ("Drop ISP");
  type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
  click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
  assert_finalized (connect);
  wait_for_state ("Drop ISP", DT_CONN_STATE_CONNECTED);

  error = wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Drop ISP Was Disconnected");
  g_test_message ("%s", label_text (error, DT_TYPE_ERROR_DIALOG, "error_label"));
  g_assert_true (g_str_has_prefix (label_text (error, DT_TYPE_ERROR_DIALOG, "error_label"),
                                   "Error 6"));
  g_assert_cmpuint (dt_connection_get_error_code (connection_of ("Drop ISP")), !=, 631);
  g_assert_cmpstr (label_text (error, DT_TYPE_ERROR_DIALOG, "countdown_label"), ==,
                   "Redialing in 1 second…");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (error, DT_TYPE_ERROR_DIALOG,
                                                            "close_button"))), ==, "_Cancel");
  wait_until (notified, "Drop ISP was disconnected|Error 6");

  /* It redials by itself: the modem dials the number a second time. */
  wait_until (isp_log_has, &dialled);
  assert_finalized (error);
  g_assert_cmpuint (count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);

  hang_up_all ();
  g_assert_cmpuint (dt_connection_get_error_code (connection_of ("Drop ISP")), ==, 631);
  spin (1500);
  g_assert_null (find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_cmpuint (count_in_isp_log (offset, "modem: dialling 5550181"), ==, 2);
}

static gboolean
is_message_dialog (GtkWidget     *widget,
                   gconstpointer  data)
{
  return ADW_IS_MESSAGE_DIALOG (widget);
}

/* Closing the main window while connected asks; "Keep Connected" leaves the connection up
 * with no window (the app is held), and app.show-window brings a new window that shows it. */
static void
test_close_while_connected (void)
{
  AdwMessageDialog *question;
  g_autofree char *since = NULL;
  DtWindow *old = window;

  reset_records ();
  {
    DtConnectDialog *connect = open_connect_dialog ("PAP ISP");

    type_into (connect, DT_TYPE_CONNECT_DIALOG, "password_row", ISP_PASSWORD);
    click (connect, DT_TYPE_CONNECT_DIALOG, "dial_button");
    assert_finalized (connect);
  }
  wait_for_state ("PAP ISP", DT_CONN_STATE_CONNECTED);

  gtk_window_close (GTK_WINDOW (window));
  question = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Hang Up?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_widget_activate (find_widget (GTK_WIDGET (question), is_button_labelled, "_Keep Connected"));
  assert_finalized (question);
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_WINDOW));
  g_assert_null (find_widget (GTK_WIDGET (old), is_message_dialog, NULL));
  assert_finalized (old);

  /* Still connected, in the background. */
  spin (500);
  g_assert_cmpuint (dt_connection_get_state (connection_of ("PAP ISP")), ==,
                    DT_CONN_STATE_CONNECTED);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = wait_for_toplevel (DT_TYPE_WINDOW);
  wait_until ((Condition) gtk_widget_get_mapped, window);
  since = g_strdup (label_text (row_of ("PAP ISP"), DT_TYPE_ENTRY_ROW, "state_label"));
  g_assert_true (g_str_has_prefix (since, "Connected since "));

  /* Closing again and choosing Hang Up hangs up. */
  gtk_window_close (GTK_WINDOW (window));
  question = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_widget_activate (find_widget (GTK_WIDGET (question), is_button_labelled, "_Hang Up"));
  assert_finalized (question);
  wait_for_state ("PAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (connection_of ("PAP ISP")), ==, 631);
  wait_until (toplevel_gone, GSIZE_TO_POINTER (DT_TYPE_WINDOW));
  assert_finalized (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = wait_for_toplevel (DT_TYPE_WINDOW);
  wait_until ((Condition) gtk_widget_get_mapped, window);
}

static void
write_phonebook (const char *config_dir)
{
  g_autofree char *dir = g_build_filename (config_dir, "dialtone", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (GString) ini = g_string_new ("[Phonebook]\nVersion=1\n");
  static const struct {
    const char *name;
    const char *number;
    guint redial_attempts;
    gboolean redial_on_link_drop;
  } entries[] = {
    { "PAP ISP", "5550110", 0, FALSE },
    { "MS-CHAP ISP", "5550112", 0, FALSE },
    { "Busy ISP", "5550199", 2, FALSE },
    { "No Answer ISP", "5550196", 0, FALSE },
    { "Drop ISP", "5550181", 0, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    g_string_append_printf (ini,
                            "\n[Entry 00000000-0000-4000-8000-00000000000%zu]\nName=%s\n"
                            "Device=%s\nNumber=%s\nUser=dialtone\nRememberPassword=false\n"
                            "DialTimeout=15\nLcpEchoInterval=1\nLcpEchoFailures=2\n"
                            "RedialAttempts=%u\nRedialInterval=1\nRedialOnLinkDrop=%s\n",
                            i, entries[i].name, line, entries[i].number,
                            entries[i].redial_attempts,
                            entries[i].redial_on_link_drop ? "true" : "false");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, ini->str, -1, NULL));
}

static void
on_activate (GApplication *application)
{
  static gboolean ran;
  int mode;

  /* Once: a later activation (app.show-window) only presents the window. */
  if (ran)
    return;
  ran = TRUE;
  /* --no-network reached the dialer. */
  g_object_get (dt_application_get_dialer (app), "network-mode", &mode, NULL);
  g_assert_cmpint (mode, ==, DT_NETWORK_NONE);
  window = g_object_ref (DT_WINDOW (dt_application_get_main_window (app)));
  wait_until ((Condition) gtk_widget_get_mapped, window);
  g_signal_connect_after (dt_application_get_dialer (app), "connection-state-changed",
                          G_CALLBACK (on_connection_state_changed), NULL);
  /* The tests run inside the app's own main loop, as a user's clicks would. */
  g_application_hold (application);
  if (g_test_run () != 0)
    g_error ("a test failed");
  g_application_release (application);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_dir = NULL;
  g_autofree char *reason = NULL;
  char *app_argv[] = { "dialtone", "--no-network", NULL };
  int status;

  keyring = dt_test_keyring_start (DT_TEST_KEYRING_UNLOCKED);
  config_dir = g_build_filename (dt_test_keyring_get_dir (keyring), "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  dt_application_bind_textdomain ();

  if (!dt_test_isp_available (&reason))
    {
      g_test_skip (reason);
      dt_test_keyring_stop (keyring);
      return g_test_run ();
    }
  isp = dt_test_isp_get ();
  line = dt_test_isp_acquire_line (isp);
  line_number = dt_test_isp_get_line_number (isp, line);
  write_phonebook (config_dir);
  labels = g_ptr_array_new_with_free_func (g_free);
  states = g_array_new (FALSE, FALSE, sizeof (guint));
  notifications = g_ptr_array_new_with_free_func (g_free);
  serve_notifications ();

  g_test_add_func ("/dial/connect/pap", test_connect);
  g_test_add_func ("/dial/connect/retry-authentication", test_retry_authentication);
  g_test_add_func ("/dial/errors/busy-redial", test_busy_redial);
  g_test_add_func ("/dial/errors/cancel", test_cancel);
  /* The dropped link last: 5550181 leaves the line dead for a while. */
  g_test_add_func ("/dial/drop/close-while-connected", test_close_while_connected);
  g_test_add_func ("/dial/drop/redial", test_link_drop);

  app = dt_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (app_argv) - 1, app_argv);
  g_assert_finalize_object (app);

  dt_test_isp_release_line (isp, line);
  g_free (line);
  g_ptr_array_unref (labels);
  g_array_unref (states);
  g_ptr_array_unref (notifications);
  dt_test_keyring_stop (keyring);
  return status;
}
