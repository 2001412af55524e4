/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingSession: see dt-incoming-session.h. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-incoming-session.h"
#include "dt-incoming-window.h"

struct _DtIncomingSession
{
  GObject parent_instance;

  GtkApplication *application;   /* not owned: it owns us */
  DtIncoming *incoming;
  DtIncomingServer *server;
  GtkWindow *window;             /* not owned: cleared when destroyed */
  gboolean held;
};

G_DEFINE_FINAL_TYPE (DtIncomingSession, dt_incoming_session, G_TYPE_OBJECT)

static void
notify_user (DtIncomingSession *self,
             const char        *title,
             const char        *body,
             gboolean           urgent)
{
  g_autoptr (GNotification) notification = g_notification_new (title);
  g_autoptr (GIcon) icon = g_themed_icon_new (APP_ID);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, urgent ? G_NOTIFICATION_PRIORITY_HIGH
                                                    : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.incoming");
  g_application_send_notification (G_APPLICATION (self->application), "incoming", notification);
}

static void
on_caller_connected (DtIncomingServer  *server,
                     DtAnswer          *answer,
                     const char        *user,
                     DtIncomingSession *self)
{
  g_autoptr (DtConnStatus) status = dt_answer_get_status (answer);
  /* Translators: a notification; %s is the user name a caller logged in with. */
  g_autofree char *title = g_strdup_printf (_("%s dialed in"), user);
  /* Translators: a notification's text: the modem, the speed, the caller's address. */
  g_autofree char *body = g_strdup_printf (_("On %s at %u bps, address %s"),
                                           dt_answer_get_device (answer), status->link_speed,
                                           status->remote_address ? status->remote_address : "");

  notify_user (self, title, body, FALSE);
}

static void
on_caller_refused (DtIncomingServer  *server,
                   DtAnswer          *answer,
                   const char        *user,
                   guint              code,
                   DtIncomingSession *self)
{
  g_autofree char *title = NULL;
  g_autofree char *body = dt_ras_error_format (code);

  if (user != NULL)
    /* Translators: a notification; %s is the user name a caller tried. */
    title = g_strdup_printf (_("A caller could not log in as %s"), user);
  else
    title = g_strdup (_("A caller could not log in"));
  notify_user (self, title, body, TRUE);
}

/* Alive while a port listens, with or without a window, as for a connection. */
static void
on_listening_changed (DtIncomingSession *self)
{
  gboolean busy = dt_incoming_server_get_listening (self->server) > 0;

  if (busy && !self->held)
    g_application_hold (G_APPLICATION (self->application));
  else if (!busy && self->held)
    g_application_release (G_APPLICATION (self->application));
  self->held = busy;
}

static void
dt_incoming_session_dispose (GObject *object)
{
  DtIncomingSession *self = DT_INCOMING_SESSION (object);

  if (self->window != NULL)
    gtk_window_destroy (self->window);
  if (self->server != NULL)
    g_signal_handlers_disconnect_by_data (self->server, self);
  if (self->held)
    g_application_release (G_APPLICATION (self->application));
  self->held = FALSE;
  g_clear_object (&self->server);
  g_clear_object (&self->incoming);

  G_OBJECT_CLASS (dt_incoming_session_parent_class)->dispose (object);
}

static void
dt_incoming_session_class_init (DtIncomingSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dt_incoming_session_dispose;
}

static void
dt_incoming_session_init (DtIncomingSession *self)
{
}

DtIncomingSession *
dt_incoming_session_new (GtkApplication *application,
                         const char     *path)
{
  DtIncomingSession *self = g_object_new (DT_TYPE_INCOMING_SESSION, NULL);
  g_autoptr (GError) error = NULL;

  self->application = application;
  self->incoming = dt_incoming_new (path);
  if (!dt_incoming_load (self->incoming, &error))
    g_message ("Incoming Connections: %s", error->message);
  self->server = dt_incoming_server_new (self->incoming);
  g_signal_connect_object (self->server, "caller-connected", G_CALLBACK (on_caller_connected),
                           self, 0);
  g_signal_connect_object (self->server, "caller-refused", G_CALLBACK (on_caller_refused),
                           self, 0);
  g_signal_connect_object (self->server, "notify::listening", G_CALLBACK (on_listening_changed),
                           self, G_CONNECT_SWAPPED);
  on_listening_changed (self);
  return self;
}

DtIncomingServer *
dt_incoming_session_get_server (DtIncomingSession *self)
{
  g_return_val_if_fail (DT_IS_INCOMING_SESSION (self), NULL);
  return self->server;
}

void
dt_incoming_session_show_window (DtIncomingSession *self)
{
  g_return_if_fail (DT_IS_INCOMING_SESSION (self));

  if (self->window == NULL)
    {
      self->window = GTK_WINDOW (dt_incoming_window_new (self->application, self->server));
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
    }
  gtk_window_present (self->window);
}
