/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The progress dialog shows what the DtDialSession pushes: every state of the dial, in
 * order, as the engine words it (dt_conn_state_describe).  A paused state maps to a dialog
 * class through pause_dialogs below; the dialog gets the session, answers the engine through
 * it and closes itself, and any later state closes it too (a hang-up from the tray, say).
 * A paused state without a dialog shows its message and waits for Cancel.
 * Closing the dialog (Escape, Cancel) hangs up; the session closes it once Disconnected. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-callback-dialog.h"
#include "dt-change-password-dialog.h"
#include "dt-eap-dialog.h"
#include "dt-progress-dialog.h"
#include "dt-retry-auth-dialog.h"
#include "dt-terminal-window.h"

struct _DtProgressDialog
{
  AdwWindow parent_instance;

  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkExpander *details_expander;
  GtkListBox *states_list;
  GtkButton *cancel_button;

  DtDialSession *session;
  gint64 start_us;
  GtkWindow *pause_dialog;      /* weak */
  guint pause_sub_entry;        /* the multilink line whose question it is, or 0 */
  gboolean hanging_up;
};

G_DEFINE_FINAL_TYPE (DtProgressDialog, dt_progress_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dialog for each paused state: a DtPauseDialog. */
static const struct {
  DtConnState state;
  GType (*get_type) (void);
} pause_dialogs[] = {
  { DT_CONN_STATE_INTERACTIVE, dt_terminal_window_get_type },
  { DT_CONN_STATE_RETRY_AUTHENTICATION, dt_retry_auth_dialog_get_type },
  { DT_CONN_STATE_CALLBACK_SET_BY_CALLER, dt_callback_dialog_get_type },
  { DT_CONN_STATE_PASSWORD_EXPIRED, dt_change_password_dialog_get_type },
  { DT_CONN_STATE_INVOKE_EAP_UI, dt_eap_dialog_get_type },
};

static void
close_pause_dialog (DtProgressDialog *self)
{
  GtkWindow *dialog = self->pause_dialog;

  if (dialog == NULL)
    return;
  g_clear_weak_pointer (&self->pause_dialog);
  gtk_window_destroy (dialog);
}

static void
open_pause_dialog (DtProgressDialog *self,
                   DtConnState       state)
{
  for (gsize i = 0; i < G_N_ELEMENTS (pause_dialogs); i++)
    {
      GtkWindow *dialog;

      if (pause_dialogs[i].state != state)
        continue;
      dialog = g_object_new (pause_dialogs[i].get_type (),
                             "transient-for", self,
                             "modal", TRUE,
                             "session", self->session,
                             NULL);
      g_set_weak_pointer (&self->pause_dialog, dialog);
      gtk_window_present (dialog);
      return;
    }
}

static void
add_state_row (DtProgressDialog *self,
               const char       *message)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *time = NULL;
  GtkWidget *box, *time_label, *message_label;

  if (self->start_us == 0)
    self->start_us = now;
  /* Translators: seconds since the dial started, in the list of steps. */
  time = g_strdup_printf (_("%.1f s"), (now - self->start_us) / 1e6);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  time_label = gtk_label_new (time);
  gtk_label_set_width_chars (GTK_LABEL (time_label), 6);
  gtk_label_set_xalign (GTK_LABEL (time_label), 1);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "dim-label");
  message_label = gtk_label_new (message);
  gtk_label_set_xalign (GTK_LABEL (message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (message_label, TRUE);
  gtk_box_append (GTK_BOX (box), time_label);
  gtk_box_append (GTK_BOX (box), message_label);
  gtk_list_box_append (self->states_list, box);
}

/**
 * dt_progress_dialog_push_state:
 * @state: a DtConnState
 * @detail: (nullable): the state-changed detail: the number, the speed, the server's words
 * @sub_entry: the multilink sub-entry whose step it is, or 0 for the connection's own
 *
 * Shows the connection's new state.
 */
void
dt_progress_dialog_push_state (DtProgressDialog *self,
                               guint             state,
                               const char       *detail,
                               guint             sub_entry)
{
  g_autofree char *message = NULL;
  gboolean paused;

  g_return_if_fail (DT_IS_PROGRESS_DIALOG (self));
  g_return_if_fail (dt_conn_state_is_valid (state));

  paused = dt_conn_state_is_paused (state);
  message = dt_conn_state_describe (state, detail);
  /* A multilink entry's modems dial side by side: each step says whose it is (joining and
   * leaving already do). */
  if (sub_entry > 0 && state != DT_CONN_STATE_SUB_ENTRY_CONNECTED &&
      state != DT_CONN_STATE_SUB_ENTRY_DISCONNECTED)
    {
      g_autofree char *step = g_steal_pointer (&message);

      /* Translators: a multilink entry's modem (its line) and the step it is at, such as
       * "Line 2: Dialing 555-0100…". */
      message = g_strdup_printf (_("Line %u: %s"), sub_entry, step);
    }
  add_state_row (self, message);
  /* Multilink: while one line's question is open, another line's steps (or the same question
   * from it, which the one answer serves) leave it, and what the user typed in it, alone. */
  if (sub_entry > 0 && self->pause_dialog != NULL && sub_entry != self->pause_sub_entry)
    return;
  if (!self->hanging_up)
    gtk_label_set_label (self->status_label, message);
  gtk_spinner_set_spinning (self->spinner, !paused);

  close_pause_dialog (self);
  self->pause_sub_entry = sub_entry;
  if (paused && !self->hanging_up)
    open_pause_dialog (self, state);
}

static gboolean
dt_progress_dialog_close_request (GtkWindow *window)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (window);
  DtConnection *connection = dt_dial_session_get_connection (self->session);

  if (connection == NULL || dt_connection_get_state (connection) == DT_CONN_STATE_DISCONNECTED)
    return FALSE;

  /* The dialog stays until the engine reports Disconnected; the session closes it then. */
  if (!self->hanging_up)
    {
      self->hanging_up = TRUE;
      gtk_label_set_label (self->status_label, _("Hanging up…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      close_pause_dialog (self);
      dt_dial_session_hang_up (self->session);
    }
  return TRUE;
}

static void
dt_progress_dialog_constructed (GObject *object)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (object);
  DtEntry *entry = dt_dial_session_get_entry (self->session);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (dt_progress_dialog_parent_class)->constructed (object);

  /* Translators: the progress dialog's title; %s is the entry's name. */
  title = g_strdup_printf (_("Connecting to %s"), dt_entry_get_name (entry));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
dt_progress_dialog_dispose (GObject *object)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (object);

  close_pause_dialog (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PROGRESS_DIALOG);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dt_progress_dialog_parent_class)->dispose (object);
}

static void
dt_progress_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_progress_dialog_class_init (DtProgressDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_progress_dialog_constructed;
  object_class->dispose = dt_progress_dialog_dispose;
  object_class->set_property = dt_progress_dialog_set_property;
  window_class->close_request = dt_progress_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DT_TYPE_DIAL_SESSION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtProgressDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DtProgressDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DtProgressDialog, details_expander);
  gtk_widget_class_bind_template_child (widget_class, DtProgressDialog, states_list);
  gtk_widget_class_bind_template_child (widget_class, DtProgressDialog, cancel_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_progress_dialog_init (DtProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dt_progress_dialog_new (GtkWindow     *parent,
                        DtDialSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_DIAL_SESSION (session), NULL);

  return g_object_new (DT_TYPE_PROGRESS_DIALOG,
                       "transient-for", parent,
                       "application", dt_dial_session_get_application (session),
                       "session", session,
                       NULL);
}
