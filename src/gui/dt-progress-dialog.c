/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The progress dialog shows what the DtDialSession pushes: every state of the dial, in
 * order, as the engine words it (dt_conn_state_describe).  In a paused state the spinner
 * stops; the session opens that state's dialog over this one.  Closing the dialog (Escape, Cancel) only asks the session to hang up: the dialog
 * stays, saying so, until the session closes it once Disconnected. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-progress-dialog.h"

struct _DtProgressDialog
{
  AdwWindow parent_instance;

  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkExpander *details_expander;
  GtkListBox *states_list;
  GtkButton *cancel_button;

  DtEntry *entry;
  gint64 start_us;
  gboolean hanging_up;
};

G_DEFINE_FINAL_TYPE (DtProgressDialog, dt_progress_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

enum {
  SIGNAL_CANCEL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
add_state_row (DtProgressDialog *self,
               const char       *message)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *time = NULL;
  g_autofree char *name = NULL;
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
  /* The row, which the keyboard reaches in the list, says its step. */
  /* Translators: a step of the dial as a screen reader reads it: the time, then the step. */
  name = g_strdup_printf (_("%s, %s"), time, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
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
  if (!self->hanging_up)
    gtk_label_set_label (self->status_label, message);
  gtk_spinner_set_spinning (self->spinner, !paused);
}

/* Whether the user asked to hang up: the session opens no paused state's dialog then. */
gboolean
dt_progress_dialog_get_hanging_up (DtProgressDialog *self)
{
  g_return_val_if_fail (DT_IS_PROGRESS_DIALOG (self), FALSE);

  return self->hanging_up;
}

/* The focus starts on Cancel, not on the first control (Details): Cancel is what the dialog
 * offers, and a screen reader says the dialog and its state with it. */
static void
dt_progress_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dt_progress_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (DT_PROGRESS_DIALOG (widget)->cancel_button));
}

/* The dialog stays until the engine reports Disconnected; the session closes it then. */
static gboolean
dt_progress_dialog_close_request (GtkWindow *window)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (window);

  if (!self->hanging_up)
    {
      self->hanging_up = TRUE;
      gtk_label_set_label (self->status_label, _("Hanging up…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
    }
  return TRUE;
}

static void
dt_progress_dialog_constructed (GObject *object)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (object);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (dt_progress_dialog_parent_class)->constructed (object);

  /* Translators: the progress dialog's title; %s is the entry's name. */
  title = g_strdup_printf (_("Connecting to %s"), dt_entry_get_name (self->entry));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
dt_progress_dialog_dispose (GObject *object)
{
  DtProgressDialog *self = DT_PROGRESS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PROGRESS_DIALOG);
  g_clear_object (&self->entry);

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
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
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
  widget_class->map = dt_progress_dialog_map;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Closed by the user while dialing: hang up. */
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

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
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_label_expander (self->details_expander);
}

GtkWidget *
dt_progress_dialog_new (GtkWindow      *parent,
                        GtkApplication *application,
                        DtEntry        *entry)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);

  return g_object_new (DT_TYPE_PROGRESS_DIALOG,
                       "transient-for", parent,
                       "application", application,
                       "entry", entry,
                       NULL);
}
