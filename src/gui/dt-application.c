/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: one instance per session (a second `dialtone` raises the first window
 * through D-Bus activation), the phonebook loaded once the window exists so that a file
 * moved aside is reported in it, and the keyboard accelerators.  It owns the one DtDialer:
 * each entry dialed from here gets a DtDialSession (its dialogs and redials), each
 * connection at most one status window.  The app stays alive while a connection is live
 * (g_application_hold), with or without a window, and says in a notification when a link
 * comes up, drops or fails.  The keyboard shortcuts window (win.show-help-overlay, Ctrl+?)
 * is the main window's.
 * `dialtone --background` (how it starts at login) loads the phonebook for the tray and opens
 * no window; it then stays until Quit, and the next activation opens the window.  The
 * start-at-login setting is applied by a DtAutostart. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-autostart.h"
#include "dt-dial-session.h"
#include "dt-incoming-session.h"
#include "dt-preferences-window.h"
#include "dt-resources.h"
#include "dt-status-window.h"
#include "dt-tray.h"
#include "dt-window.h"

struct _DtApplication
{
  AdwApplication parent_instance;

  DtPhonebook *phonebook;
  GSettings *settings;
  DtDialer *dialer;
  GHashTable *sessions;          /* uuid → DtDialSession */
  GHashTable *status_windows;    /* uuid → DtStatusWindow (not owned: removed on destroy) */
  GHashTable *connected;         /* the DtConnections that reached Connected and are live */
  DtTray *tray;                  /* the tray icon, on the bus while show-tray-icon is on */
  DtIncomingSession *incoming;   /* Incoming Connections: the ports answering calls */
  DtAutostart *autostart;        /* applies start-at-login */
  GError *load_error;            /* loading failed before there was a window to say so */
  GVariant *moved_aside;         /* (sus) the same, for a file moved aside */
  gboolean loaded;
  gboolean held;
  gboolean no_network;
  gboolean background;           /* --background: the first activation opens no window */
  gboolean background_held;      /* started in the background: alive until Quit */
};

G_DEFINE_FINAL_TYPE (DtApplication, dt_application, ADW_TYPE_APPLICATION)

/* Running from the build tree, translations come from the build's po/ folder. */
void
dt_application_bind_textdomain (void)
{
  const char *localedir = g_getenv ("DIALTONE_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * dt_application_get_main_window:
 *
 * Returns: (transfer none) (nullable): the main window, if one is open
 */
GtkWindow *
dt_application_get_main_window (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static DtWindow *
get_window (DtApplication *self)
{
  GtkWindow *window = dt_application_get_main_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = dt_application_get_main_window (self);
    }
  return DT_WINDOW (window);
}

static const char *
entry_name (DtConnection *connection)
{
  DtEntry *entry = dt_connection_get_entry (connection);

  return entry != NULL ? dt_entry_get_name (entry) : "";
}

static const char *
entry_uuid (DtConnection *connection)
{
  DtEntry *entry = dt_connection_get_entry (connection);

  return entry != NULL ? dt_entry_get_uuid (entry) : "";
}

static void
on_status_window_destroy (DtApplication *self,
                          GtkWidget     *window)
{
  const char *uuid = g_object_get_data (G_OBJECT (window), "dt-uuid");

  if (g_hash_table_lookup (self->status_windows, uuid) == window)
    g_hash_table_remove (self->status_windows, uuid);
}

static void
show_status (DtApplication *self,
             DtConnection  *connection)
{
  const char *uuid = entry_uuid (connection);
  GtkWindow *window = g_hash_table_lookup (self->status_windows, uuid);

  if (window == NULL)
    {
      window = GTK_WINDOW (dt_status_window_new (GTK_APPLICATION (self), connection));
      g_hash_table_insert (self->status_windows, g_strdup (uuid), window);
      g_object_set_data_full (G_OBJECT (window), "dt-uuid", g_strdup (uuid), g_free);
      g_signal_connect_object (window, "destroy", G_CALLBACK (on_status_window_destroy), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (window);
}

static void update_actions (DtApplication *self);

static DtDialSession *
ensure_session (DtApplication *self,
                DtEntry       *entry)
{
  const char *uuid = dt_entry_get_uuid (entry);
  DtDialSession *session = g_hash_table_lookup (self->sessions, uuid);

  if (session == NULL || dt_dial_session_get_entry (session) != entry)
    {
      session = dt_dial_session_new (GTK_APPLICATION (self), self->dialer, self->phonebook,
                                     entry);
      g_hash_table_replace (self->sessions, g_strdup (uuid), session);
      g_signal_connect_object (session, "notify::redial-pending", G_CALLBACK (update_actions),
                               self, G_CONNECT_SWAPPED);
      update_actions (self);
    }
  return session;
}

static void
dial_action (DtApplication *self,
             const char    *uuid)
{
  DtEntry *entry = dt_phonebook_lookup (self->phonebook, uuid);
  DtConnection *connection = dt_dialer_lookup (self->dialer, uuid);
  DtDialSession *session;

  if (entry == NULL)
    {
      g_debug ("app.dial: no entry %s", uuid);
      return;
    }
  /* Connect on a connected entry shows its status, as in the RAS phonebook. */
  if (connection != NULL && dt_connection_is_connected (connection))
    {
      show_status (self, connection);
      return;
    }

  g_settings_set_string (self->settings, "last-entry", uuid);
  session = ensure_session (self, entry);
  dt_dial_session_connect (session);
}

/* Hangs every connection up, and stops every redial counting down. */
static void
hang_up_all (DtApplication *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    dt_dial_session_cancel_redial (value);
  dt_dialer_hang_up_all (self->dialer);
}

static void
hang_up_action (DtApplication *self,
                const char    *uuid)
{
  DtDialSession *session;

  if (uuid[0] == '\0')
    {
      hang_up_all (self);
      return;
    }
  /* A hang-up also stops a redial that is counting down. */
  session = g_hash_table_lookup (self->sessions, uuid);
  if (session != NULL)
    dt_dial_session_cancel_redial (session);
  dt_dialer_hang_up (self->dialer, uuid);
}

static void
show_window_action (DtApplication *self,
                    const char    *uuid)
{
  gtk_window_present (GTK_WINDOW (get_window (self)));
}

static void
show_status_action (DtApplication *self,
                    const char    *uuid)
{
  DtConnection *connection;

  if (uuid[0] == '\0')
    connection = dt_dialer_get_active (self->dialer);
  else
    connection = dt_dialer_lookup (self->dialer, uuid);

  if (connection != NULL && dt_connection_get_entry (connection) != NULL)
    show_status (self, connection);
  else
    show_window_action (self, NULL);
}

/* The tray icon's click: the window goes away when the user is looking at it, and comes to
 * the front otherwise (hidden, behind another window, or not yet created). */
static void
toggle_window_action (DtApplication *self,
                      const char    *uuid)
{
  GtkWindow *window = dt_application_get_main_window (self);

  if (window != NULL && gtk_widget_get_visible (GTK_WIDGET (window)) &&
      gtk_window_is_active (window))
    {
      gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
      return;
    }
  show_window_action (self, NULL);
}

static void
new_entry_action (DtApplication *self,
                  const char    *uuid)
{
  dt_window_new_entry (get_window (self));
}

static void
quit_action (DtApplication *self,
             const char    *uuid)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* The app quits with its last window and its last connection: hang up first, so the
   * modem is hung up and its lock removed before the process ends. */
  hang_up_all (self);
  /* Incoming Connections stop answering too: the app stays until their callers are hung up. */
  dt_incoming_server_shutdown (dt_incoming_session_get_server (self->incoming));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  if (self->background_held)
    {
      self->background_held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static void
incoming_action (DtApplication *self,
                 const char    *uuid)
{
  dt_incoming_session_show_window (self->incoming);
}

static void
preferences_action (DtApplication *self,
                    const char    *uuid)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  GtkWidget *window = dt_preferences_window_new (parent, self->settings, self->autostart);

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (DtApplication *self,
              const char    *uuid)
{
  const char *developers[] = { "The Dialtone developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Dialtone"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Dialtone developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/dialtone/dialtone",
                         "issue-url", "https://github.com/dialtone/dialtone/issues",
                         "copyright", "© 2024 The Dialtone developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The app.* actions.  Each runs with the application and, for those that take one, its
 * target: an entry's UUID, or "" for all connections (hang-up) or the active one
 * (show-status); the others get NULL. */
static const struct {
  const char *name;
  gboolean takes_uuid;
  void (*activate) (DtApplication *self,
                    const char    *uuid);
} app_actions[] = {
  { "new-entry", FALSE, new_entry_action },
  { "dial", TRUE, dial_action },
  { "hang-up", TRUE, hang_up_action },
  { "show-status", TRUE, show_status_action },
  { "show-window", FALSE, show_window_action },
  { "toggle-window", FALSE, toggle_window_action },
  { "quit", FALSE, quit_action },
  { "preferences", FALSE, preferences_action },
  { "about", FALSE, about_action },
  { "incoming", FALSE, incoming_action },
};

static void
on_action_activate (GSimpleAction *action,
                    GVariant      *parameter,
                    DtApplication *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (gsize i = 0; i < G_N_ELEMENTS (app_actions); i++)
    if (g_str_equal (app_actions[i].name, name))
      app_actions[i].activate (self, parameter != NULL ? g_variant_get_string (parameter, NULL)
                                                       : NULL);
}

static void
add_actions (DtApplication *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_autoptr (GSimpleAction) action =
        g_simple_action_new (app_actions[i].name,
                             app_actions[i].takes_uuid ? G_VARIANT_TYPE_STRING : NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (on_action_activate), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }
}

/* A dial in progress (not yet Connected) blocks Connect, as in the tray's menu. */
static gboolean
is_dialing (DtApplication *self)
{
  GListModel *live = G_LIST_MODEL (self->dialer);

  for (guint i = 0; i < g_list_model_get_n_items (live); i++)
    {
      g_autoptr (DtConnection) connection = g_list_model_get_item (live, i);

      if (!dt_connection_is_connected (connection))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_redial_pending (DtApplication *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (dt_dial_session_get_redial_pending (value))
      return TRUE;
  return FALSE;
}

/* Hang Up stops a live connection, or a redial counting down while none is live. */
static void
update_actions (DtApplication *self)
{
  GActionMap *map = G_ACTION_MAP (self);
  gboolean busy = dt_dialer_get_busy (self->dialer);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "dial")),
                               !is_dialing (self));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "hang-up")),
                               busy || is_redial_pending (self));
}

static void
on_dialer_busy_changed (DtApplication *self)
{
  gboolean busy = dt_dialer_get_busy (self->dialer);

  /* Alive while anything is live, with or without a window. */
  if (busy && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!busy && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = busy;
  update_actions (self);
}

static void
notify (DtApplication *self,
        DtConnection  *connection,
        const char    *title,
        const char    *body,
        gboolean       urgent)
{
  g_autoptr (GNotification) notification = g_notification_new (title);
  g_autoptr (GIcon) icon = g_themed_icon_new (APP_ID);
  g_autofree char *id = g_strdup_printf ("connection-%s", entry_uuid (connection));

  if (!g_settings_get_boolean (self->settings, "show-notifications"))
    return;
  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_priority (notification, urgent ? G_NOTIFICATION_PRIORITY_HIGH
                                                    : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target_value (notification, "app.show-status",
                                                      g_variant_new_string (entry_uuid (connection)));
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
notify_connected (DtApplication *self,
                  DtConnection  *connection)
{
  g_autoptr (DtConnStatus) status = dt_connection_get_status (connection);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  /* Translators: a notification; %s is the entry's name. */
  title = g_strdup_printf (_("Connected to %s"), entry_name (connection));
  if (status->local_address != NULL)
    /* Translators: a notification's text: the modem's speed and the address the server gave. */
    body = g_strdup_printf (_("%u bps, address %s"), status->link_speed, status->local_address);
  else
    body = g_strdup_printf (_("%u bps"), status->link_speed);
  notify (self, connection, title, body, FALSE);
}

static void
notify_ended (DtApplication *self,
              DtConnection  *connection,
              gboolean       was_connected)
{
  guint code = dt_connection_get_error_code (connection);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("connection-%s", entry_uuid (connection));

  if (code == DT_RAS_ERROR_USER_DISCONNECTION || code == DT_RAS_ERROR_NONE)
    {
      /* The user hung up: nothing to tell, and the "Connected" notice is out of date. */
      g_application_withdraw_notification (G_APPLICATION (self), id);
      return;
    }
  if (was_connected)
    /* Translators: a notification; %s is the entry's name. */
    title = g_strdup_printf (_("%s was disconnected"), entry_name (connection));
  else
    /* Translators: a notification; %s is the entry's name. */
    title = g_strdup_printf (_("Could not connect to %s"), entry_name (connection));
  body = dt_ras_error_format (code);
  notify (self, connection, title, body, TRUE);
}

static void
on_dialer_connection_state_changed (DtApplication *self,
                                    DtConnection  *connection,
                                    guint          state,
                                    const char    *detail,
                                    guint          sub_entry,
                                    DtDialer      *dialer)
{
  /* Connected again after a re-authentication is no news. */
  if (state == DT_CONN_STATE_CONNECTED && g_hash_table_add (self->connected, connection))
    notify_connected (self, connection);
  else if (state == DT_CONN_STATE_DISCONNECTED)
    notify_ended (self, connection, g_hash_table_remove (self->connected, connection));
  update_actions (self);
}

static int
dt_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  DtApplication *self = DT_APPLICATION (application);

  if (g_variant_dict_contains (options, "no-network"))
    self->no_network = TRUE;
  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr (GError) error = NULL;

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("dialtone: %s\n", error->message);
          return 1;
        }
      /* Already running: it has its tray icon, and its window stays as it is. */
      if (g_application_get_is_remote (application))
        return 0;
      self->background = TRUE;
    }
  return -1;
}

static void
on_autostart_applied (DtApplication *self,
                      gboolean       start_at_login,
                      const GError  *error)
{
  if (error != NULL)
    g_message ("Start at login: %s", error->message);
}

static DtAutostart *
start_autostart (DtApplication *self)
{
  DtAutostart *autostart = dt_autostart_new_default (self->settings);

  g_signal_connect_object (autostart, "applied", G_CALLBACK (on_autostart_applied), self,
                           G_CONNECT_SWAPPED);
  return autostart;
}

static void
dt_application_startup (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-entry", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.edit-selected", { "<Control>e", NULL } },
    { "win.duplicate-selected", { "<Control>d", NULL } },
    { "win.delete-selected", { "Delete", "KP_Delete", NULL } },
  };

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (application);

  add_actions (self);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APP_ID);
  self->phonebook = dt_phonebook_new (NULL);
  self->dialer = dt_dialer_new ();
  if (self->no_network)
    dt_dialer_set_network_mode (self->dialer, DT_NETWORK_NONE);
  g_signal_connect_object (self->dialer, "notify::busy", G_CALLBACK (on_dialer_busy_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialer, "connection-state-changed",
                           G_CALLBACK (on_dialer_connection_state_changed), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);

  /* The tray icon's menu reaches the actions above; the setting shows and hides it live. */
  self->incoming = dt_incoming_session_new (GTK_APPLICATION (self), NULL);
  if (self->no_network)
    dt_incoming_server_set_network_mode (dt_incoming_session_get_server (self->incoming),
                                         DT_NETWORK_NONE);
  self->tray = dt_tray_new (G_APPLICATION (self), self->dialer, G_LIST_MODEL (self->phonebook));
  dt_tray_set_incoming (self->tray, dt_incoming_session_get_server (self->incoming));
  g_settings_bind (self->settings, "show-tray-icon", self->tray, "visible", G_SETTINGS_BIND_GET);

  self->autostart = start_autostart (self);
}

static void
on_phonebook_moved_aside_early (DtApplication *self,
                                const char    *moved_to,
                                guint          line,
                                const char    *message)
{
  g_clear_pointer (&self->moved_aside, g_variant_unref);
  self->moved_aside = g_variant_ref_sink (g_variant_new ("(sus)", moved_to ? moved_to : "", line,
                                                         message));
}

/* Loads the phonebook once.  Without a window yet (--background), what loading reports is
 * kept for the window: report_load_problems() shows it there. */
static void
load_phonebook (DtApplication *self)
{
  gulong handler;

  if (self->loaded)
    return;
  self->loaded = TRUE;
  handler = g_signal_connect_swapped (self->phonebook, "file-moved-aside",
                                      G_CALLBACK (on_phonebook_moved_aside_early), self);
  dt_phonebook_load (self->phonebook, &self->load_error);
  g_signal_handler_disconnect (self->phonebook, handler);
}

static void
report_load_problems (DtApplication *self,
                      DtWindow      *window)
{
  if (self->load_error != NULL)
    dt_window_show_load_error (window, self->load_error);
  g_clear_error (&self->load_error);
  /* The window shows the phonebook's own signal: replayed now that it listens. */
  if (self->moved_aside != NULL)
    {
      const char *moved_to, *message;
      guint line;

      g_variant_get (self->moved_aside, "(&su&s)", &moved_to, &line, &message);
      g_signal_emit_by_name (self->phonebook, "file-moved-aside",
                             *moved_to != '\0' ? moved_to : NULL, line, message);
      g_clear_pointer (&self->moved_aside, g_variant_unref);
    }
}

static void
dt_application_activate (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  GtkWindow *window = dt_application_get_main_window (self);

  /* `dialtone --background`: the tray icon only, until Quit.  A later activation (another
   * `dialtone`, the app grid's D-Bus Activate) opens the window. */
  if (self->background)
    {
      self->background = FALSE;
      /* Without the tray icon there would be nothing to see, and nothing to quit from. */
      if (!g_settings_get_boolean (self->settings, "show-tray-icon"))
        {
          g_message ("The tray icon is turned off (show-tray-icon): nothing to start in the "
                     "background");
          return;
        }
      self->background_held = TRUE;
      g_application_hold (application);
      load_phonebook (self);
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (dt_window_new (GTK_APPLICATION (self), self->phonebook, self->dialer,
                                        self->settings));

  /* After the window, which shows what loading reports. */
  load_phonebook (self);
  report_load_problems (self, DT_WINDOW (window));

  gtk_window_present (window);
}

static void
dt_application_shutdown (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  g_autoptr (GError) error = NULL;

  if (self->phonebook != NULL && !dt_phonebook_flush (self->phonebook, &error))
    g_warning ("The last changes to the phonebook could not be saved: %s", error->message);
  /* Off the bus while the app is still on it. */
  g_clear_object (&self->tray);
  g_clear_object (&self->autostart);

  G_APPLICATION_CLASS (dt_application_parent_class)->shutdown (application);
}

static void
dt_application_dispose (GObject *object)
{
  DtApplication *self = DT_APPLICATION (object);

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->connected, g_hash_table_unref);
  g_clear_object (&self->tray);
  g_clear_object (&self->incoming);
  g_clear_object (&self->autostart);
  g_clear_object (&self->dialer);
  g_clear_object (&self->phonebook);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_application_parent_class)->dispose (object);
}

static void
dt_application_finalize (GObject *object)
{
  DtApplication *self = DT_APPLICATION (object);

  g_hash_table_unref (self->status_windows);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->moved_aside, g_variant_unref);

  G_OBJECT_CLASS (dt_application_parent_class)->finalize (object);
}

static void
dt_application_class_init (DtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dt_application_dispose;
  object_class->finalize = dt_application_finalize;
  app_class->handle_local_options = dt_application_handle_local_options;
  app_class->startup = dt_application_startup;
  app_class->activate = dt_application_activate;
  app_class->shutdown = dt_application_shutdown;

  dt_register_resource ();
}

static void
dt_application_init (DtApplication *self)
{
  static const GOptionEntry options[] = {
    { "no-network", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Dial without a network device (for tests, or without NetworkManager)"), NULL },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window: only the tray icon (how Dialtone starts at login)"), NULL },
    { NULL },
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->status_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->connected = g_hash_table_new (NULL, NULL);
}

DtApplication *
dt_application_new (void)
{
  return g_object_new (DT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dialtone/Dialtone",
                       NULL);
}

/**
 * dt_application_get_phonebook:
 *
 * Returns: (transfer none): the phonebook, which exists from startup on
 */
DtPhonebook *
dt_application_get_phonebook (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->phonebook;
}

/**
 * dt_application_get_dialer:
 *
 * Returns: (transfer none): the dialer, which exists from startup on: every dial and hang-up
 *   goes through it
 */
DtDialer *
dt_application_get_dialer (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->dialer;
}

GSettings *
dt_application_get_settings (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * dt_application_get_autostart:
 *
 * Returns: (transfer none): what applies start-at-login, from startup on: its ::applied
 *   signal says when the setting could not be applied, and why
 */
DtAutostart *
dt_application_get_autostart (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->autostart;
}
