/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log view takes the connection's log so far (dt_connection_dup_log) and then each line
 * of its "log" signal, through the DtConnectionFollower of the "connection" property.  A new
 * dial of the same connection starts a new log, so the view starts over at OpenPort.  The
 * engine never logs a password. */

#include "config.h"

#include "dt-connection-follower.h"
#include "dt-log-view.h"

struct _DtLogView
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scrolled_window;
  GtkTextView *text_view;

  DtConnectionFollower follower;  /* the connection's "log" and "state-changed" */
};

G_DEFINE_FINAL_TYPE (DtLogView, dt_log_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_line (DtLogView  *self,
             const char *line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_buffer_get_char_count (buffer) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
  gtk_text_buffer_insert (buffer, &end, line, -1);
}

static void
on_connection_log (DtLogView    *self,
                   const char   *line,
                   DtConnection *connection)
{
  append_line (self, line);
}

/* The whole log so far, in place of what the view showed. */
static void
reload (DtLogView    *self,
        DtConnection *connection)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", 0);
  if (connection != NULL)
    {
      g_auto (GStrv) lines = dt_connection_dup_log (connection);

      for (guint i = 0; lines[i] != NULL; i++)
        append_line (self, lines[i]);
    }
}

static void
on_connection_state_changed (DtLogView    *self,
                             guint         state,
                             const char   *detail,
                             guint         sub_entry,
                             DtConnection *connection)
{
  /* A new dial cleared the engine's log: the "state 0" line is already in it. */
  if (state == DT_CONN_STATE_OPEN_PORT)
    reload (self, connection);
}

static void
on_signals_bind (DtLogView    *self,
                 DtConnection *connection)
{
  reload (self, connection);
}

static void
on_signals_unbind (DtLogView *self)
{
  reload (self, NULL);
}

static void
dt_log_view_dispose (GObject *object)
{
  DtLogView *self = DT_LOG_VIEW (object);

  dt_connection_follower_clear (&self->follower);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_LOG_VIEW);

  G_OBJECT_CLASS (dt_log_view_parent_class)->dispose (object);
}

static void
dt_log_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DtLogView *self = DT_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, dt_log_view_get_connection (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_log_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DtLogView *self = DT_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      dt_log_view_set_connection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_log_view_class_init (DtLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_log_view_dispose;
  object_class->get_property = dt_log_view_get_property;
  object_class->set_property = dt_log_view_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DT_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DtLogView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DtLogView, text_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_log_view_init (DtLogView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  dt_connection_follower_init (&self->follower, self, G_CALLBACK (on_signals_bind),
                               G_CALLBACK (on_signals_unbind));
  dt_connection_follower_connect (&self->follower, G_CALLBACK (on_connection_log), self, "log",
                                  NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (on_connection_state_changed),
                                  self, "state-changed", NULL);
}

GtkWidget *
dt_log_view_new (void)
{
  return g_object_new (DT_TYPE_LOG_VIEW, NULL);
}

/**
 * dt_log_view_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection whose log is shown
 */
DtConnection *
dt_log_view_get_connection (DtLogView *self)
{
  g_return_val_if_fail (DT_IS_LOG_VIEW (self), NULL);
  return self->follower.connection;
}

void
dt_log_view_set_connection (DtLogView    *self,
                            DtConnection *connection)
{
  g_return_if_fail (DT_IS_LOG_VIEW (self));
  g_return_if_fail (connection == NULL || DT_IS_CONNECTION (connection));

  if (dt_connection_follower_set (&self->follower, connection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/* The text shown, for tests and for copying. */
char *
dt_log_view_dup_text (DtLogView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DT_IS_LOG_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
