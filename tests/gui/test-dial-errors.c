/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dials from the desktop that do not go as planned, against the real test ISP, under Xvfb,
 * through the real widgets (the app, the ISP line and the phonebook as in test-dial: see
 * dt-test-gui-dial): a busy line, with the error dialog's Redial and its countdown on the
 * button; Cancel in the progress dialog while the modem dials; the main window closed while
 * connected; a link that drops and redials by itself; and an ISP whose guest is killed and
 * boots again.  Each test path can run in its own process (meson runs them in parallel, one
 * ISP line each). */

#include "config.h"

#include <string.h>

#include "dt-application.h"
#include "dt-connect-dialog.h"
#include "dt-entry-row.h"
#include "dt-error-dialog.h"
#include "dt-log-view.h"
#include "dt-progress-dialog.h"
#include "dt-test-gui-dial.h"
#include "dt-window.h"

static gboolean
countdown_running (gconstpointer dialog)
{
  return dt_error_dialog_get_countdown (DT_ERROR_DIALOG ((gpointer) dialog)) > 0;
}

static const char *
error_text (DtErrorDialog *dialog)
{
  return adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
}

static const char *
response_label (DtErrorDialog *dialog,
                const char    *response)
{
  return adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), response);
}

/* "Next: attempt 2 of 3" under the message, or NULL when it is hidden. */
static const char *
attempt_text (DtErrorDialog *dialog)
{
  GtkWidget *label = dt_test_child (dialog, DT_TYPE_ERROR_DIALOG, "attempt_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

static void
test_busy_redial (void)
{
  goffset offset = dt_test_isp_get_log_offset (isp);
  DtErrorDialog *error;
  DtTestLogWant dialled = {
    offset, "modem: dialling 5550199", 2
  };

  /* The entry allows 2 redials, 1 second apart. */
  dt_test_reset_records ();
  dt_test_dial_with_password ("Busy ISP", ISP_PASSWORD);

  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Error Connecting to Busy ISP");
  g_test_message ("%s", error_text (error));
  g_assert_true (g_str_has_prefix (error_text (error), "Error 676: The line is busy."));
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_cmpstr (attempt_text (error), ==, "Next: attempt 2 of 3");
  g_assert_null (dt_test_find_toplevel (DT_TYPE_PROGRESS_DIALOG));
  dt_test_wait_until (dt_test_notified,
                      "Could not connect to Busy ISP|Error 676: The line is busy.");
  g_assert_cmpstr (dt_test_label_text (dt_test_entry_row (window, "Busy ISP"), DT_TYPE_ENTRY_ROW,
                                       "state_label"),
                   ==, "Error 676: The line is busy.");

  /* More Info shows the log of the dial, BUSY included. */
  gtk_widget_activate (dt_test_child (error, DT_TYPE_ERROR_DIALOG, "more_info_expander"));
  dt_test_wait_until ((DtTestCondition) gtk_expander_get_expanded,
                      dt_test_child (error, DT_TYPE_ERROR_DIALOG, "more_info_expander"));
  {
    GtkWidget *log_view = dt_test_child (error, DT_TYPE_ERROR_DIALOG, "log_view");
    g_autofree char *log = dt_log_view_dup_text (DT_LOG_VIEW (log_view));

    g_assert_nonnull (strstr (log, "BUSY"));
  }

  /* Redial by hand: a second dial, the states from OpenPort again, a second ATDT. */
  dt_test_click_response (error, "redial");
  dt_test_assert_finalized (error);
  dt_test_wait_until (dt_test_dial_log_has, &dialled);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_cmpstr (attempt_text (error), ==, "Next: attempt 3 of 3");

  /* The countdown redials by itself; then the attempts are used up: no countdown. */
  dt_test_wait_toplevel_gone (DT_TYPE_ERROR_DIALOG);
  dt_test_assert_finalized (error);
  dialled.n = 3;
  dt_test_wait_until (dt_test_dial_log_has, &dialled);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 3);
  dt_test_spin (1500);
  g_assert_false (countdown_running (error));
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial");
  g_assert_null (attempt_text (error));
  g_assert_cmpuint (dt_test_dial_count_in_log (offset, "modem: dialling 5550199"), ==, 3);
  g_assert_cmpstr (response_label (error, "close"), ==, "_Close");
  dt_test_click_response (error, "close");
  dt_test_wait_toplevel_gone (DT_TYPE_ERROR_DIALOG);
  dt_test_assert_finalized (error);
}

static void
test_cancel (void)
{
  g_autofree char *base = g_path_get_basename (line);
  g_autofree char *lock = g_strdup_printf ("/run/lock/LCK..pts_%s", base);
  DtProgressDialog *progress;
  GtkWidget *icon;
  const char *expected[] = {
    "Opening port…", "Port opened", "Dialing 5550196…", "Hanging up…", NULL,
  };

  /* 5550196 answers NO ANSWER after 3 s: Cancel comes while the modem dials. */
  dt_test_reset_records ();
  dt_test_dial_with_password ("No Answer ISP", ISP_PASSWORD);
  progress = dt_test_wait_for_toplevel (DT_TYPE_PROGRESS_DIALOG);
  dt_test_wait_until (dt_test_progress_label_is, "Dialing 5550196…");
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (dt_test_button_label (dt_test_entry_row (window, "No Answer ISP"),
                                         DT_TYPE_ENTRY_ROW, "connect_button"),
                   ==, "_Hang Up");

  dt_test_click (progress, DT_TYPE_PROGRESS_DIALOG, "cancel_button");
  dt_test_wait_for_state (app, "No Answer ISP", DT_CONN_STATE_DISCONNECTED);
  dt_test_wait_toplevel_gone (DT_TYPE_PROGRESS_DIALOG);
  dt_test_assert_finalized (progress);
  dt_test_dial_assert_labels (expected);

  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "No Answer ISP")), ==,
                    631);
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  dt_test_wait_until (dt_test_dial_row_is_idle, "No Answer ISP");
  icon = dt_test_child (dt_test_entry_row (window, "No Answer ISP"), DT_TYPE_ENTRY_ROW,
                        "status_icon");
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialtone-disconnected-symbolic");
  /* The user's own hang-up is no error: no dialog, no notification. */
  dt_test_spin (300);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_false (dt_test_notified ("Could not connect"));
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
  DtErrorDialog *error;
  DtTestLogWant dialled = {
    offset, "modem: dialling 5550181", 2
  };

  dt_test_reset_records ();
  dt_test_dial_with_password ("Drop ISP", ISP_PASSWORD);
  dt_test_wait_for_state (app, "Drop ISP", DT_CONN_STATE_CONNECTED);

  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Drop ISP Was Disconnected");
  g_test_message ("%s", error_text (error));
  g_assert_true (g_str_has_prefix (error_text (error), "Error 6"));
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Drop ISP")), !=,
                    631);
  g_assert_cmpstr (response_label (error, "redial"), ==, "_Redial in 1 second");
  g_assert_null (attempt_text (error));
  g_assert_cmpstr (response_label (error, "close"), ==, "_Cancel");
  dt_test_wait_until (dt_test_notified, "Drop ISP was disconnected|Error 6");

  /* It redials by itself: the modem dials the number a second time. */
  dt_test_wait_until (dt_test_dial_log_has, &dialled);
  dt_test_assert_finalized (error);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), ==, 2);

  dt_test_hang_up_all (app);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Drop ISP")), ==,
                    631);
  dt_test_spin (1500);
  g_assert_null (dt_test_find_toplevel (DT_TYPE_ERROR_DIALOG));
  g_assert_cmpuint (dt_test_dial_count_in_log (offset, "modem: dialling 5550181"), ==, 2);
}

/* The ISP's guest is killed while connected (its modem lines go with it; the user's own
 * modem, the proxy here, says NO CARRIER), and boots again a few seconds later.  The entry
 * redials on link failure: the dials while the ISP is down get NO CARRIER from the modem and
 * count down again, and the first one after the reboot connects. */
static void
test_isp_reboot (void)
{
  DtTestIsp *first = dt_test_isp_start_private ();
  g_autofree char *first_line = dt_test_isp_acquire_line (first);
  DtTestIsp *second = NULL;
  g_autofree char *second_line = NULL;
  DtErrorDialog *error;
  guint opens;

  dt_test_line_proxy_set_upstream (reboot_line, first_line);
  dt_test_reset_records ();
  dt_test_dial_with_password ("Reboot ISP", ISP_PASSWORD);
  dt_test_wait_for_state (app, "Reboot ISP", DT_CONN_STATE_CONNECTED);
  opens = dt_test_count_states (DT_CONN_STATE_OPEN_PORT);

  /* Power cut at the ISP. */
  dt_test_isp_kill (first);
  error = dt_test_wait_for_toplevel (DT_TYPE_ERROR_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (error)), ==, "Reboot ISP Was Disconnected");
  g_assert_true (g_str_has_prefix (error_text (error), "Error 619"));
  g_object_unref (error);
  g_assert_true (dt_test_line_proxy_lost_upstream (reboot_line));

  /* It boots again; the redials meanwhile found no carrier. */
  second = dt_test_isp_start_private ();
  second_line = dt_test_isp_acquire_line (second);
  dt_test_line_proxy_set_upstream (reboot_line, second_line);
  dt_test_wait_for_state (app, "Reboot ISP", DT_CONN_STATE_CONNECTED);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_OPEN_PORT), >, opens);
  g_assert_cmpuint (dt_test_count_states (DT_CONN_STATE_CONNECTED), >=, 2);
  g_assert_true (dt_test_isp_wait_log (second, second_line, 0, "rcvd [PAP AuthReq", 5000));

  dt_test_hang_up_all (app);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "Reboot ISP")), ==,
                    631);
  dt_test_line_proxy_set_upstream (reboot_line, NULL);
  dt_test_isp_free (first);
  dt_test_isp_release_line (second, second_line);
  dt_test_isp_free (second);
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

  dt_test_reset_records ();
  dt_test_dial_with_password ("PAP ISP", ISP_PASSWORD);
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_CONNECTED);

  gtk_window_close (GTK_WINDOW (window));
  question = dt_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Hang Up?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_widget_activate (dt_test_find_widget (GTK_WIDGET (question), dt_test_is_button_labelled,
                                            "_Keep Connected"));
  dt_test_assert_finalized (question);
  dt_test_wait_toplevel_gone (DT_TYPE_WINDOW);
  g_assert_null (dt_test_find_widget (GTK_WIDGET (old), is_message_dialog, NULL));
  dt_test_assert_finalized (old);

  /* Still connected, in the background. */
  dt_test_spin (500);
  g_assert_cmpuint (dt_connection_get_state (dt_test_connection_of (app, "PAP ISP")), ==,
                    DT_CONN_STATE_CONNECTED);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = dt_test_wait_for_toplevel (DT_TYPE_WINDOW);
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  since = g_strdup (dt_test_label_text (dt_test_entry_row (window, "PAP ISP"), DT_TYPE_ENTRY_ROW,
                                        "state_label"));
  g_assert_true (g_str_has_prefix (since, "Connected since "));

  /* Closing again and choosing Hang Up hangs up. */
  gtk_window_close (GTK_WINDOW (window));
  question = dt_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_widget_activate (dt_test_find_widget (GTK_WIDGET (question), dt_test_is_button_labelled,
                                            "_Hang Up"));
  dt_test_assert_finalized (question);
  dt_test_wait_for_state (app, "PAP ISP", DT_CONN_STATE_DISCONNECTED);
  g_assert_cmpuint (dt_connection_get_error_code (dt_test_connection_of (app, "PAP ISP")), ==, 631);
  dt_test_wait_toplevel_gone (DT_TYPE_WINDOW);
  dt_test_assert_finalized (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-window", NULL);
  window = dt_test_wait_for_toplevel (DT_TYPE_WINDOW);
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
}

static void
add_tests (void)
{
  g_test_add_func ("/dial/errors/busy-redial", test_busy_redial);
  g_test_add_func ("/dial/errors/cancel", test_cancel);
  /* The dropped link last: 5550181 leaves the line dead for a while. */
  g_test_add_func ("/dial/drop/close-while-connected", test_close_while_connected);
  g_test_add_func ("/dial/drop/redial", test_link_drop);
  g_test_add_func ("/dial/drop/isp-reboot", test_isp_reboot);
}

int
main (int   argc,
      char *argv[])
{
  return dt_test_dial_run (&argc, &argv, add_tests);
}
