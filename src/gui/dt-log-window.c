/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The connection log in a window of its own, which follows new lines as they come. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-log-view.h"
#include "dt-log-window.h"

struct _DtLogWindow
{
  AdwWindow parent_instance;

  DtLogView *log_view;
};

G_DEFINE_FINAL_TYPE (DtLogWindow, dt_log_window, ADW_TYPE_WINDOW)

static void
dt_log_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DT_TYPE_LOG_WINDOW);

  G_OBJECT_CLASS (dt_log_window_parent_class)->dispose (object);
}

static void
dt_log_window_class_init (DtLogWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_log_window_dispose;

  g_type_ensure (DT_TYPE_LOG_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-log-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtLogWindow, log_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_log_window_init (DtLogWindow *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
}

GtkWidget *
dt_log_window_new (GtkWindow    *parent,
                   DtConnection *connection)
{
  DtLogWindow *self;
  DtEntry *entry;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_CONNECTION (connection), NULL);

  self = g_object_new (DT_TYPE_LOG_WINDOW, "transient-for", parent, NULL);
  entry = dt_connection_get_entry (connection);
  /* Translators: the log window's title; %s is the entry's name. */
  title = g_strdup_printf (_("Connection Log: %s"), entry != NULL ? dt_entry_get_name (entry) : "");
  gtk_window_set_title (GTK_WINDOW (self), title);
  dt_log_view_set_connection (self->log_view, connection);
  return GTK_WIDGET (self);
}
