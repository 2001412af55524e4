/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tray's menu as a tree of DbusmenuMenuitems that lives as long as the tray, and a
 * DbusmenuServer that serves it only while the item is on the bus.  The Connect submenu is
 * rebuilt from the phonebook whenever it changes; the items' "enabled" follow every state
 * change of the dialer's connections, and Hang Up follows app.hang-up, which the application
 * also enables while a redial counts down with nothing live.  Hang Up ends every connection
 * (app.hang-up ""): with more than one live, it says "Hang Up All". */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libdbusmenu-glib/dbusmenu-glib.h>

#include "dt-tray-menu.h"
#include "dt-tray-private.h"

struct _DtTrayMenu
{
  GObject parent_instance;

  GApplication *application;  /* not owned: it owns us, through the tray */
  DtDialer *dialer;
  GListModel *entries;

  DbusmenuServer *server;     /* while exported */
  DbusmenuMenuitem *root;
  DbusmenuMenuitem *connect;
  DbusmenuMenuitem *hang_up;
  DbusmenuMenuitem *status;
};

G_DEFINE_FINAL_TYPE (DtTrayMenu, dt_tray_menu, G_TYPE_OBJECT)

/* libdbusmenu-glib 16.04 predates g_autoptr. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DbusmenuMenuitem, g_object_unref)

enum {
  SIGNAL_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ACTION_KEY "dt-action"          /* the app.* action an item activates */
#define TARGET_KEY "dt-action-target"   /* (nullable) its target: an entry's UUID, or "" */

/* Labels in dbusmenu take "_" as the access-key marker: a name is shown as typed. */
static char *
escape_label (const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name != NULL ? name : "", "_", -1);

  return g_strjoinv ("__", parts);
}

/* A host does not click a disabled item; one that does is ignored. */
static gboolean
is_enabled (DbusmenuMenuitem *item)
{
  return dbusmenu_menuitem_property_get_bool (item, DBUSMENU_MENUITEM_PROP_ENABLED);
}

/* Every item but the submenu and the separator activates an app.* action. */
static void
on_item_activated (DtTrayMenu       *self,
                   guint             timestamp,
                   DbusmenuMenuitem *item)
{
  if (is_enabled (item))
    _dt_tray_activate_action (self->application, g_object_get_data (G_OBJECT (item), ACTION_KEY),
                              g_object_get_data (G_OBJECT (item), TARGET_KEY));
}

static gboolean
on_root_about_to_show (DtTrayMenu *self)
{
  g_signal_emit (self, signals[SIGNAL_OPENED], 0);
  return FALSE;
}

static gboolean
on_root_opened (DtTrayMenu *self)
{
  g_signal_emit (self, signals[SIGNAL_OPENED], 0);
  return FALSE;
}

/* Appends a new item to @parent and returns it (owned by @parent).  @action (static), with
 * @target (floating, nullable), is what it activates. */
static DbusmenuMenuitem *
append_item (DtTrayMenu       *self,
             DbusmenuMenuitem *parent,
             const char       *label,
             const char       *action,
             GVariant         *target)
{
  g_autoptr (DbusmenuMenuitem) item = dbusmenu_menuitem_new ();

  if (label != NULL)
    dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
  else
    dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_TYPE, "separator");
  if (action != NULL)
    {
      g_object_set_data (G_OBJECT (item), ACTION_KEY, (gpointer) action);
      if (target != NULL)
        g_object_set_data_full (G_OBJECT (item), TARGET_KEY, g_variant_ref_sink (target),
                                (GDestroyNotify) g_variant_unref);
      g_signal_connect_object (item, DBUSMENU_MENUITEM_SIGNAL_ITEM_ACTIVATED,
                               G_CALLBACK (on_item_activated), self, G_CONNECT_SWAPPED);
    }
  dbusmenu_menuitem_child_append (parent, item);
  return item;
}

static void
on_entry_name_changed (DtEntry          *entry,
                       GParamSpec       *pspec,
                       DbusmenuMenuitem *item)
{
  g_autofree char *label = escape_label (dt_entry_get_name (entry));

  dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
}

static void
rebuild_connect (DtTrayMenu *self)
{
  guint n = g_list_model_get_n_items (self->entries);
  GList *children = dbusmenu_menuitem_take_children (self->connect);

  g_list_free_full (children, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (self->entries, i);
      g_autofree char *label = escape_label (dt_entry_get_name (entry));
      DbusmenuMenuitem *item = append_item (self, self->connect, label, "dial",
                                            g_variant_new_string (dt_entry_get_uuid (entry)));

      /* Renaming an entry in place does not change the list. */
      g_signal_connect_object (entry, "notify::name", G_CALLBACK (on_entry_name_changed), item,
                               0);
    }
  if (n == 0)
    {
      DbusmenuMenuitem *none = append_item (self, self->connect, _("No Entries"), NULL, NULL);

      dbusmenu_menuitem_property_set_bool (none, DBUSMENU_MENUITEM_PROP_ENABLED, FALSE);
    }
}

static void
set_enabled (DbusmenuMenuitem *item,
             gboolean          enabled)
{
  /* Setting a property to its current value would still go out on the bus. */
  if (dbusmenu_menuitem_property_get_bool (item, DBUSMENU_MENUITEM_PROP_ENABLED) != enabled)
    dbusmenu_menuitem_property_set_bool (item, DBUSMENU_MENUITEM_PROP_ENABLED, enabled);
}

static void
set_label (DbusmenuMenuitem *item,
           const char       *label)
{
  if (g_strcmp0 (dbusmenu_menuitem_property_get (item, DBUSMENU_MENUITEM_PROP_LABEL), label) != 0)
    dbusmenu_menuitem_property_set (item, DBUSMENU_MENUITEM_PROP_LABEL, label);
}

static gboolean
can_hang_up (DtTrayMenu *self)
{
  GActionGroup *group = G_ACTION_GROUP (self->application);

  return self->application != NULL && g_action_group_has_action (group, "hang-up") &&
         g_action_group_get_action_enabled (group, "hang-up");
}

/* Connect is off while a dial is in progress (paused ones too: the engine waits for the
 * user); an entry that is already live cannot be dialed again; Status… needs a link. */
static void
update_sensitivity (DtTrayMenu *self)
{
  GListModel *live = G_LIST_MODEL (self->dialer);
  guint n_live = g_list_model_get_n_items (live);
  gboolean dialing = FALSE, connected = FALSE;

  for (guint i = 0; i < n_live; i++)
    {
      g_autoptr (DtConnection) connection = g_list_model_get_item (live, i);

      if (dt_connection_is_connected (connection))
        connected = TRUE;
      else
        dialing = TRUE;
    }

  set_enabled (self->connect, !dialing && g_list_model_get_n_items (self->entries) > 0);
  for (GList *l = dbusmenu_menuitem_get_children (self->connect); l != NULL; l = l->next)
    {
      GVariant *uuid = g_object_get_data (l->data, TARGET_KEY);
      DtConnection *connection;

      if (uuid == NULL)
        continue;
      connection = dt_dialer_lookup (self->dialer, g_variant_get_string (uuid, NULL));
      set_enabled (l->data, !dialing &&
                            (connection == NULL ||
                             dt_connection_get_state (connection) == DT_CONN_STATE_DISCONNECTED));
    }
  set_enabled (self->hang_up, can_hang_up (self));
  set_label (self->hang_up, n_live > 1 ? _("_Hang Up All") : _("_Hang Up"));
  set_enabled (self->status, connected);
}

static void
on_entries_items_changed (DtTrayMenu *self)
{
  rebuild_connect (self);
  update_sensitivity (self);
}

static void
build (DtTrayMenu *self)
{
  self->root = dbusmenu_menuitem_new ();
  g_signal_connect_object (self->root, DBUSMENU_MENUITEM_SIGNAL_ABOUT_TO_SHOW,
                           G_CALLBACK (on_root_about_to_show), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->root, DBUSMENU_MENUITEM_SIGNAL_EVENT "::"
                           DBUSMENU_MENUITEM_EVENT_OPENED,
                           G_CALLBACK (on_root_opened), self, G_CONNECT_SWAPPED);

  /* TRANSLATORS: the tray icon's menu: give its items access keys (after "_") that differ. */
  self->connect = append_item (self, self->root, _("_Connect"), NULL, NULL);
  dbusmenu_menuitem_property_set (self->connect, DBUSMENU_MENUITEM_PROP_CHILD_DISPLAY,
                                  DBUSMENU_MENUITEM_CHILD_DISPLAY_SUBMENU);
  /* Hang Up and Status… are about every connection, or the active one. */
  self->hang_up = append_item (self, self->root, _("_Hang Up"), "hang-up",
                               g_variant_new_string (""));
  self->status = append_item (self, self->root, _("_Status…"), "show-status",
                              g_variant_new_string (""));
  append_item (self, self->root, NULL, NULL, NULL);
  append_item (self, self->root, _("_Open Dialtone"), "show-window", NULL);
  append_item (self, self->root, _("_Quit"), "quit", NULL);

  rebuild_connect (self);
  update_sensitivity (self);
}

static void
dt_tray_menu_dispose (GObject *object)
{
  DtTrayMenu *self = DT_TRAY_MENU (object);

  dt_tray_menu_unexport (self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->root);
  self->connect = self->hang_up = self->status = NULL;
  g_clear_object (&self->dialer);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (dt_tray_menu_parent_class)->dispose (object);
}

static void
dt_tray_menu_class_init (DtTrayMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_tray_menu_dispose;

  signals[SIGNAL_OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dt_tray_menu_init (DtTrayMenu *self)
{
}

DtTrayMenu *
dt_tray_menu_new (GApplication *application,
                  DtDialer     *dialer,
                  GListModel   *entries)
{
  DtTrayMenu *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_DIALER (dialer), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  self = g_object_new (DT_TYPE_TRAY_MENU, NULL);
  g_set_weak_pointer (&self->application, application);
  self->dialer = g_object_ref (dialer);
  self->entries = g_object_ref (entries);
  build (self);

  g_signal_connect_object (entries, "items-changed", G_CALLBACK (on_entries_items_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialer, "connection-state-changed",
                           G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "action-enabled-changed::hang-up",
                           G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "action-added::hang-up",
                           G_CALLBACK (update_sensitivity), self, G_CONNECT_SWAPPED);
  return self;
}

void
dt_tray_menu_export (DtTrayMenu *self,
                     const char *object_path)
{
  g_return_if_fail (DT_IS_TRAY_MENU (self));
  g_return_if_fail (g_variant_is_object_path (object_path));
  g_return_if_fail (self->server == NULL);

  /* The server exports itself on the session bus once GIO hands it the connection. */
  self->server = dbusmenu_server_new (object_path);
  dbusmenu_server_set_root (self->server, self->root);
}

void
dt_tray_menu_unexport (DtTrayMenu *self)
{
  g_return_if_fail (DT_IS_TRAY_MENU (self));

  /* The server unregisters its object when it goes, which can wait for its bus lookup. */
  g_clear_object (&self->server);
}
