/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The StatusNotifierItem object: it owns org.kde.StatusNotifierItem-PID-N, exports the item
 * and its menu, and registers with the StatusNotifierWatcher whenever one is on the bus.
 * Its look (DtTrayLook) is recomputed on every state change of the dialer's connections;
 * NewStatus, NewIcon and NewToolTip go out only for what differs from the last look.  An
 * error stays on show (NeedsAttention) until the user looks: opens the menu, activates the
 * item, or dials again. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "dt-tray.h"
#include "dt-tray-look.h"
#include "dt-tray-menu.h"
#include "dt-tray-private.h"
#include "dt-tray-resources.h"

#define SNI_INTERFACE "org.kde.StatusNotifierItem"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define WATCHER_PATH "/StatusNotifierWatcher"
#define WATCHER_INTERFACE "org.kde.StatusNotifierWatcher"
#define INTERFACE_RESOURCE "/io/github/dialtone/Dialtone/tray/org.kde.StatusNotifierItem.xml"

struct _DtTray
{
  GObject parent_instance;

  GApplication *application;  /* not owned: the application owns the tray */
  DtDialer *dialer;
  GListModel *entries;
  DtTrayMenu *menu;
  char *icon_theme_path;
  char *bus_name;
  gboolean visible;

  /* On the bus, while visible. */
  guint owner_id;
  GDBusConnection *connection;
  guint object_id;
  guint watcher_id;
  gboolean name_owned;
  gboolean watcher_present;
  GCancellable *cancellable;  /* the registration with the watcher */
  gboolean registered;

  /* What the item shows. */
  DtTrayLook *look;
  DtConnection *failed;       /* ended with an error the user has not looked at */
  GHashTable *details;        /* DtConnection → detail of its last state-changed */
  DtIncomingServer *incoming; /* Incoming Connections, or NULL */
  guint minute_id;
};

G_DEFINE_FINAL_TYPE (DtTray, dt_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_DIALER,
  PROP_ENTRIES,
  PROP_VISIBLE,
  PROP_ICON_THEME_PATH,
  PROP_REGISTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GDBusInterfaceInfo *sni_interface;

void
_dt_tray_activate_action (GApplication *application,
                          const char   *name,
                          GVariant     *parameter)
{
  g_autoptr (GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  GActionGroup *group = G_ACTION_GROUP (application);

  if (application == NULL)
    return;
  if (!g_action_group_has_action (group, name))
    {
      g_warning ("The application has no action “app.%s”: the tray cannot reach it", name);
      return;
    }
  if (!g_action_group_get_action_enabled (group, name))
    {
      g_debug ("app.%s is disabled: the tray's click is dropped", name);
      return;
    }
  g_action_group_activate_action (group, name, owned);
}

/* Running from the build tree, a host finds the status icons in the source tree's data/icons
 * (laid out as a theme folder); installed, they are in hicolor and no path is needed. */
static char *
default_icon_theme_path (void)
{
#if DT_UNINSTALLED_PATHS
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    return g_build_filename (SOURCE_ROOT, "data", "icons", NULL);
#endif
  return g_strdup ("");
}

static void
emit (DtTray     *self,
      const char *signal,
      GVariant   *parameters)
{
  g_autoptr (GVariant) owned = parameters != NULL ? g_variant_ref_sink (parameters) : NULL;
  g_autoptr (GError) error = NULL;

  if (self->object_id == 0)
    return;
  if (!g_dbus_connection_emit_signal (self->connection, NULL, DT_TRAY_OBJECT_PATH,
                                      SNI_INTERFACE, signal, owned, &error))
    g_debug ("The tray's %s signal did not go out: %s", signal, error->message);
}

static void update_look (DtTray *self, gboolean notify);

static gboolean
on_minute (gpointer user_data)
{
  DtTray *self = user_data;

  self->minute_id = 0;
  update_look (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* While connected the tooltip says for how long, in minutes: it changes once a minute, so
 * the item wakes once a minute, just after the minute turns, and only while a host can see
 * it.  Seconds would cost the host a NewToolTip and a property read every second for a
 * number nobody reads that closely. */
static void
schedule_minute (DtTray    *self,
                 GDateTime *now)
{
  GTimeSpan elapsed, left;

  g_clear_handle_id (&self->minute_id, g_source_remove);
  if (self->object_id == 0 || self->look->connected_since == NULL)
    return;
  elapsed = MAX (g_date_time_difference (now, self->look->connected_since), 0);
  left = G_TIME_SPAN_MINUTE - elapsed % G_TIME_SPAN_MINUTE;
  self->minute_id = g_timeout_add_seconds ((guint) (left / G_TIME_SPAN_SECOND) + 1, on_minute,
                                           self);
}

/* Recomputes the look; with @notify, tells the hosts what changed, and nothing else. */
static void
update_look (DtTray   *self,
             gboolean  notify)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (DtTrayLook) old = g_steal_pointer (&self->look);
  DtTrayLook *look;

  look = self->look = dt_tray_look_new (self->dialer, self->failed, self->details, now);
  dt_tray_look_add_incoming (look, self->incoming, now);
  if (notify && old != NULL)
    {
      gboolean icon_changed = !g_str_equal (old->icon_name, look->icon_name);

      if (!g_str_equal (old->status, look->status))
        emit (self, "NewStatus", g_variant_new ("(s)", look->status));
      if (icon_changed)
        emit (self, "NewIcon", NULL);
      /* The tooltip carries the icon's name too. */
      if (icon_changed || g_strcmp0 (old->title, look->title) != 0 ||
          g_strcmp0 (old->text, look->text) != 0)
        emit (self, "NewToolTip", NULL);
    }
  schedule_minute (self, now);
}

/* The user has seen the error: the item goes back to what the connections say. */
static void
acknowledge (DtTray *self)
{
  if (self->failed == NULL)
    return;
  g_clear_object (&self->failed);
  update_look (self, TRUE);
}

static void
on_connection_state_changed (DtTray       *self,
                             DtConnection *connection,
                             guint         state,
                             const char   *detail)
{
  if (state == DT_CONN_STATE_DISCONNECTED)
    {
      guint code = dt_connection_get_error_code (connection);

      g_hash_table_remove (self->details, connection);
      if (code != 0 && code != DT_RAS_ERROR_USER_DISCONNECTION)
        g_set_object (&self->failed, connection);
    }
  else
    {
      /* A new dial: the user is on it, and its own states take over. */
      if (state == DT_CONN_STATE_OPEN_PORT)
        g_clear_object (&self->failed);
      g_hash_table_replace (self->details, g_object_ref (connection), g_strdup (detail));
    }
  update_look (self, TRUE);
}

static void
activate_window (DtTray *self)
{
  GActionGroup *group = G_ACTION_GROUP (self->application);

  /* The application may know how to hide its window when the user already sees it. */
  if (group != NULL && g_action_group_has_action (group, "toggle-window"))
    _dt_tray_activate_action (self->application, "toggle-window", NULL);
  else
    _dt_tray_activate_action (self->application, "show-window", NULL);
}

static void
handle_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  DtTray *self = user_data;

  /* SecondaryActivate (a middle click) and Scroll mean nothing here; ContextMenu is for
   * items without a Menu, and every host reads ours. */
  if (g_str_equal (method_name, "Activate"))
    {
      acknowledge (self);
      activate_window (self);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
no_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
handle_get_property (GDBusConnection  *connection,
                     const char       *sender,
                     const char       *object_path,
                     const char       *interface_name,
                     const char       *name,
                     GError          **error,
                     gpointer          user_data)
{
  DtTray *self = user_data;

  if (g_str_equal (name, "Category"))
    return g_variant_new_string ("Communications");
  if (g_str_equal (name, "Id"))
    return g_variant_new_string (APP_ID);
  if (g_str_equal (name, "Title"))
    return g_variant_new_string (_("Dialtone"));
  if (g_str_equal (name, "Status"))
    return g_variant_new_string (self->look->status);
  if (g_str_equal (name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (name, "IconThemePath"))
    return g_variant_new_string (self->icon_theme_path);
  if (g_str_equal (name, "Menu"))
    return g_variant_new_object_path (DT_TRAY_MENU_OBJECT_PATH);
  if (g_str_equal (name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (name, "IconName"))
    return g_variant_new_string (self->look->icon_name);
  if (g_str_equal (name, "ToolTip"))
    return g_variant_new ("(s@a(iiay)ss)", self->look->icon_name, no_pixmaps (),
                          self->look->title, self->look->text);
  if (g_str_has_suffix (name, "Pixmap"))
    return no_pixmaps ();
  /* OverlayIconName, AttentionIconName, AttentionMovieName: the icon says it all. */
  return g_variant_new_string ("");
}

static const GDBusInterfaceVTable sni_vtable = {
  handle_method_call,
  handle_get_property,
  NULL,
};

static void
set_registered (DtTray   *self,
                gboolean  registered)
{
  if (self->registered == registered)
    return;
  self->registered = registered;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
}

static void
on_registered (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (DtTray) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_message ("The panel's StatusNotifierWatcher refused Dialtone's tray icon: %s",
                 error->message);
      return;
    }
  set_registered (self, TRUE);
}

static void
register_with_watcher (DtTray *self)
{
  if (!self->name_owned || !self->watcher_present)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_dbus_connection_call (self->connection, WATCHER_NAME, WATCHER_PATH, WATCHER_INTERFACE,
                          "RegisterStatusNotifierItem", g_variant_new ("(s)", self->bus_name),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, self->cancellable,
                          on_registered, g_object_ref (self));
}

static void
on_watcher_appeared (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  DtTray *self = user_data;

  /* A new watcher knows nothing of us: register again. */
  self->watcher_present = TRUE;
  set_registered (self, FALSE);
  register_with_watcher (self);
}

static void
on_watcher_vanished (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  DtTray *self = user_data;

  self->watcher_present = FALSE;
  g_cancellable_cancel (self->cancellable);
  set_registered (self, FALSE);
}

static void
on_bus_acquired (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  DtTray *self = user_data;
  g_autoptr (GError) error = NULL;

  g_set_object (&self->connection, connection);
  self->object_id = g_dbus_connection_register_object (connection, DT_TRAY_OBJECT_PATH,
                                                       sni_interface, &sni_vtable, self, NULL,
                                                       &error);
  if (self->object_id == 0)
    {
      g_warning ("The tray icon could not be exported: %s", error->message);
      return;
    }
  dt_tray_menu_export (self->menu, DT_TRAY_MENU_OBJECT_PATH);
  /* What changed while hidden is news to nobody; the minute timer starts if connected. */
  update_look (self, FALSE);
  self->watcher_id = g_bus_watch_name_on_connection (connection, WATCHER_NAME,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                     on_watcher_appeared, on_watcher_vanished,
                                                     self, NULL);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  DtTray *self = user_data;

  self->name_owned = TRUE;
  register_with_watcher (self);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  DtTray *self = user_data;

  /* No session bus at all, or the name went away: either way no panel shows the item. */
  if (connection == NULL)
    g_debug ("No session bus: Dialtone shows no tray icon");
  self->name_owned = FALSE;
  g_cancellable_cancel (self->cancellable);
  set_registered (self, FALSE);
}

static void
show (DtTray *self)
{
  g_assert (self->owner_id == 0);

  self->owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, self->bus_name,
                                   G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, on_bus_acquired,
                                   on_name_acquired, on_name_lost, self, NULL);
}

/* Gone from the bus: no callback of GIO's reaches the tray after this. */
static void
hide (DtTray *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->watcher_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->minute_id, g_source_remove);
  if (self->menu != NULL)
    dt_tray_menu_unexport (self->menu);
  if (self->object_id != 0)
    {
      g_dbus_connection_unregister_object (self->connection, self->object_id);
      self->object_id = 0;
    }
  /* Releasing the name is what tells the watcher that the item is gone. */
  g_clear_handle_id (&self->owner_id, g_bus_unown_name);
  g_clear_object (&self->connection);
  self->name_owned = FALSE;
  self->watcher_present = FALSE;
  set_registered (self, FALSE);
}

static void
dt_tray_constructed (GObject *object)
{
  DtTray *self = DT_TRAY (object);

  G_OBJECT_CLASS (dt_tray_parent_class)->constructed (object);

  g_return_if_fail (self->application != NULL && self->dialer != NULL &&
                    self->entries != NULL);

  self->menu = dt_tray_menu_new (self->application, self->dialer, self->entries);
  g_signal_connect_object (self->menu, "opened", G_CALLBACK (acknowledge), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dialer, "connection-state-changed",
                           G_CALLBACK (on_connection_state_changed), self, G_CONNECT_SWAPPED);
  update_look (self, FALSE);
}

static void
dt_tray_dispose (GObject *object)
{
  DtTray *self = DT_TRAY (object);

  hide (self);
  g_clear_object (&self->menu);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->dialer);
  g_clear_object (&self->entries);
  g_clear_object (&self->failed);
  g_clear_pointer (&self->details, g_hash_table_unref);

  G_OBJECT_CLASS (dt_tray_parent_class)->dispose (object);
}

static void
dt_tray_finalize (GObject *object)
{
  DtTray *self = DT_TRAY (object);

  g_clear_pointer (&self->look, dt_tray_look_free);
  if (self->incoming != NULL)
    g_signal_handlers_disconnect_by_data (self->incoming, self);
  g_clear_object (&self->incoming);
  g_free (self->icon_theme_path);
  g_free (self->bus_name);

  G_OBJECT_CLASS (dt_tray_parent_class)->finalize (object);
}

static void
dt_tray_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DtTray *self = DT_TRAY (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_DIALER:
      g_value_set_object (value, self->dialer);
      break;
    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_ICON_THEME_PATH:
      g_value_set_string (value, self->icon_theme_path);
      break;
    case PROP_REGISTERED:
      g_value_set_boolean (value, self->registered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_tray_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DtTray *self = DT_TRAY (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_set_weak_pointer (&self->application, g_value_get_object (value));
      break;
    case PROP_DIALER:
      self->dialer = g_value_dup_object (value);
      break;
    case PROP_ENTRIES:
      self->entries = g_value_dup_object (value);
      break;
    case PROP_VISIBLE:
      dt_tray_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_ICON_THEME_PATH:
      dt_tray_set_icon_theme_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
load_interface (void)
{
  g_autoptr (GBytes) xml = NULL;
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GError) error = NULL;

  dt_tray_resources_register_resource ();
  xml = g_resources_lookup_data (INTERFACE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (g_bytes_get_data (xml, NULL), &error);
  g_assert_no_error (error);
  sni_interface = g_dbus_interface_info_ref (g_dbus_node_info_lookup_interface (node,
                                                                                SNI_INTERFACE));
  g_dbus_interface_info_cache_build (sni_interface);
}

static void
dt_tray_class_init (DtTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dt_tray_constructed;
  object_class->dispose = dt_tray_dispose;
  object_class->finalize = dt_tray_finalize;
  object_class->get_property = dt_tray_get_property;
  object_class->set_property = dt_tray_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIALER] =
    g_param_spec_object ("dialer", NULL, NULL, DT_TYPE_DIALER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRIES] =
    g_param_spec_object ("entries", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON_THEME_PATH] =
    g_param_spec_string ("icon-theme-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REGISTERED] =
    g_param_spec_boolean ("registered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  load_interface ();
}

static void
dt_tray_init (DtTray *self)
{
  static guint n_trays;

  self->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-%u", (int) getpid (),
                                    ++n_trays);
  self->icon_theme_path = default_icon_theme_path ();
  self->details = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, g_free);
}

/**
 * dt_tray_new:
 * @application: the application whose actions the item and its menu activate
 * @dialer: the application's connections
 * @entries: the phonebook (a GListModel of DtEntry), for the Connect submenu
 *
 * Returns: (transfer full): a tray item, visible (on the bus) at once
 */
DtTray *
dt_tray_new (GApplication *application,
             DtDialer     *dialer,
             GListModel   *entries)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_DIALER (dialer), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  return g_object_new (DT_TYPE_TRAY,
                       "application", application,
                       "dialer", dialer,
                       "entries", entries,
                       "visible", TRUE,
                       NULL);
}

static void
on_incoming_changed (DtTray *self)
{
  update_look (self, TRUE);
}

void
dt_tray_set_incoming (DtTray           *self,
                      DtIncomingServer *server)
{
  g_return_if_fail (DT_IS_TRAY (self));
  g_return_if_fail (server == NULL || DT_IS_INCOMING_SERVER (server));

  if (self->incoming != NULL)
    g_signal_handlers_disconnect_by_data (self->incoming, self);
  g_set_object (&self->incoming, server);
  if (server != NULL)
    {
      g_signal_connect_object (server, "changed", G_CALLBACK (on_incoming_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (server, "notify::listening", G_CALLBACK (on_incoming_changed),
                               self, G_CONNECT_SWAPPED);
    }
  update_look (self, TRUE);
}

gboolean
dt_tray_get_visible (DtTray *self)
{
  g_return_val_if_fail (DT_IS_TRAY (self), FALSE);

  return self->visible;
}

void
dt_tray_set_visible (DtTray   *self,
                     gboolean  visible)
{
  g_return_if_fail (DT_IS_TRAY (self));

  visible = !!visible;
  if (self->visible == visible)
    return;
  self->visible = visible;
  if (visible)
    show (self);
  else
    hide (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

const char *
dt_tray_get_icon_theme_path (DtTray *self)
{
  g_return_val_if_fail (DT_IS_TRAY (self), NULL);

  return self->icon_theme_path;
}

void
dt_tray_set_icon_theme_path (DtTray     *self,
                             const char *path)
{
  g_return_if_fail (DT_IS_TRAY (self));

  if (path == NULL)
    path = "";
  if (g_strcmp0 (self->icon_theme_path, path) == 0)
    return;
  g_free (self->icon_theme_path);
  self->icon_theme_path = g_strdup (path);
  /* Hosts read the theme path along with the icon. */
  emit (self, "NewIcon", NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_THEME_PATH]);
}

gboolean
dt_tray_get_registered (DtTray *self)
{
  g_return_val_if_fail (DT_IS_TRAY (self), FALSE);

  return self->registered;
}

const char *
dt_tray_get_bus_name (DtTray *self)
{
  g_return_val_if_fail (DT_IS_TRAY (self), NULL);

  return self->owner_id != 0 ? self->bus_name : NULL;
}
