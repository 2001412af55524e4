/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Interactive pause's window, for servers that want a login before PPP (BBSs, Unix
 * shells, old terminal servers).  The dial session opens it with the entry and its connection
 * when the engine stops after CONNECT, and closes it when the state moves on.  What the line
 * says goes into a read-only DtTerminalBuffer as a dumb terminal would show it; the entry
 * below sends a line with a carriage return on Enter (the server echoes it, as a terminal's
 * far end does).  Send Password types the dial's password without it ever being shown.
 * Continue starts PPP; closing the window any other way hangs up. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-terminal-buffer.h"
#include "dt-terminal-window.h"

struct _DtTerminalWindow
{
  DtPauseDialog parent_instance;

  GtkButton *cancel_button;
  GtkButton *continue_button;
  GtkLabel *message_label;
  GtkScrolledWindow *scrolled_window;
  GtkTextView *text_view;
  DtTerminalBuffer *buffer;
  GtkEntry *input_entry;
  GtkButton *password_button;

  gboolean can_send_password;
  gboolean follow;              /* the view shows the end: keep it there as text comes */
  double last_value;            /* the view's scroll position and height, as last seen */
  double last_upper;
  guint scroll_source;
};

G_DEFINE_FINAL_TYPE (DtTerminalWindow, dt_terminal_window, DT_TYPE_PAUSE_DIALOG)

enum {
  PROP_0,
  PROP_CAN_SEND_PASSWORD,
  N_PROPS
};

enum {
  SIGNAL_SEND_PASSWORD,
  SIGNAL_CONTINUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_terminal_output (DtTerminalWindow *self,
                    GBytes           *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  dt_terminal_buffer_feed (self->buffer, data, length);
}

/* As in a terminal, the view follows new text unless the user scrolled up to read.  Only a
 * move up with the text unchanged is the user's: the view moves by itself as it measures
 * new lines, and when the scrollback drops its oldest ones. */
static void
on_vadjustment_value_changed (DtTerminalWindow *self,
                              GtkAdjustment    *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (page > 0 && value >= upper - page - 1)
    self->follow = TRUE;
  else if (page > 0 && value < self->last_value && upper == self->last_upper)
    self->follow = FALSE;
  self->last_value = value;
  self->last_upper = upper;
}

static gboolean
scroll_to_end (gpointer user_data)
{
  DtTerminalWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  self->scroll_source = 0;
  if (self->follow)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                          gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* The view's height grew (new text) or it got its size.  The scroll waits for an idle moment:
 * set from here, while GtkTextView measures lines, it would be undone; and not before the
 * view has a size, or GtkTextView keeps the offset once shown. */
static void
on_vadjustment_changed (DtTerminalWindow *self,
                        GtkAdjustment    *adjustment)
{
  double page = gtk_adjustment_get_page_size (adjustment);

  self->last_upper = gtk_adjustment_get_upper (adjustment);
  if (self->follow && page > 0 && self->scroll_source == 0 &&
      gtk_adjustment_get_value (adjustment) < self->last_upper - page)
    self->scroll_source = g_idle_add (scroll_to_end, self);
}

static void
on_input_activate (DtTerminalWindow *self)
{
  DtConnection *connection = dt_pause_dialog_get_connection (DT_PAUSE_DIALOG (self));
  g_autofree char *line = NULL;

  if (connection == NULL)
    return;
  line = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (self->input_entry)), "\r", NULL);
  dt_connection_send_terminal_input (connection, line, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->input_entry), "");
}

static void
on_password_clicked (DtTerminalWindow *self)
{
  g_signal_emit (self, signals[SIGNAL_SEND_PASSWORD], 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->input_entry));
}

static void
on_continue_clicked (DtTerminalWindow *self)
{
  dt_pause_dialog_answer (DT_PAUSE_DIALOG (self), signals[SIGNAL_CONTINUE]);
}

static void
dt_terminal_window_constructed (GObject *object)
{
  DtTerminalWindow *self = DT_TERMINAL_WINDOW (object);
  DtEntry *entry;
  DtConnection *connection;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (dt_terminal_window_parent_class)->constructed (object);

  entry = dt_pause_dialog_get_entry (DT_PAUSE_DIALOG (self));
  connection = dt_pause_dialog_get_connection (DT_PAUSE_DIALOG (self));
  /* Translators: the terminal window's title; %s is the entry's name. */
  title = g_strdup_printf (_("Terminal: %s"), dt_entry_get_name (entry));
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (connection != NULL)
    g_signal_connect_object (connection, "terminal-output", G_CALLBACK (on_terminal_output),
                             self, G_CONNECT_SWAPPED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_button), self->can_send_password);
  gtk_widget_grab_focus (GTK_WIDGET (self->input_entry));
}

static void
dt_terminal_window_dispose (GObject *object)
{
  DtTerminalWindow *self = DT_TERMINAL_WINDOW (object);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_TERMINAL_WINDOW);

  G_OBJECT_CLASS (dt_terminal_window_parent_class)->dispose (object);
}

static void
dt_terminal_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtTerminalWindow *self = DT_TERMINAL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CAN_SEND_PASSWORD:
      self->can_send_password = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_terminal_window_class_init (DtTerminalWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_terminal_window_constructed;
  object_class->dispose = dt_terminal_window_dispose;
  object_class->set_property = dt_terminal_window_set_property;

  /* The dial has a password that Send Password can type. */
  properties[PROP_CAN_SEND_PASSWORD] =
    g_param_spec_boolean ("can-send-password", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Type the dial's password and a carriage return on the line, never showing it. */
  signals[SIGNAL_SEND_PASSWORD] =
    g_signal_new ("send-password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /* Start PPP on the line. */
  signals[SIGNAL_CONTINUE] =
    g_signal_new ("continue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  g_type_ensure (DT_TYPE_TERMINAL_BUFFER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-terminal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, buffer);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, input_entry);
  gtk_widget_class_bind_template_child (widget_class, DtTerminalWindow, password_button);
  gtk_widget_class_bind_template_callback (widget_class, on_input_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_password_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
}

static void
dt_terminal_window_init (DtTerminalWindow *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  dt_pause_dialog_set_error_label (DT_PAUSE_DIALOG (self), self->message_label);
  dt_accessible_name_from_labels (GTK_WIDGET (self));

  self->follow = TRUE;
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  g_signal_connect_object (vadjustment, "value-changed",
                           G_CALLBACK (on_vadjustment_value_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment, "changed", G_CALLBACK (on_vadjustment_changed), self,
                           G_CONNECT_SWAPPED);
}
