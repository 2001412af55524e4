/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The registry of connections behind the application's actions: one DtConnection per
 * entry, kept after it ends so its error can still be shown, and a list model of the live
 * ones for the tray and the status window. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-dialer.h"
#include "dt-link.h"

struct _DtDialer {
  GObject parent_instance;

  GHashTable *by_uuid;      /* uuid → DtConnection */
  GPtrArray *live;          /* the connections that are not Disconnected, in dial order */
  DtConnection *active;
  DtNetworkMode network_mode;
  GCancellable *cancellable;
};

static void dt_dialer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtDialer, dt_dialer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dt_dialer_list_model_init))

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_BUSY,
  PROP_NETWORK_MODE,
  N_PROPS
};

enum {
  SIGNAL_CONNECTION_STATE_CHANGED,
  SIGNAL_DIAL_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
dt_dialer_get_item_type (GListModel *model)
{
  return DT_TYPE_CONNECTION;
}

static guint
dt_dialer_get_n_items (GListModel *model)
{
  return DT_DIALER (model)->live->len;
}

static gpointer
dt_dialer_get_item (GListModel *model,
                    guint       position)
{
  DtDialer *self = DT_DIALER (model);

  if (position >= self->live->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->live, position));
}

static void
dt_dialer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dt_dialer_get_item_type;
  iface->get_n_items = dt_dialer_get_n_items;
  iface->get_item = dt_dialer_get_item;
}

static void
set_active (DtDialer     *self,
            DtConnection *connection)
{
  if (self->active == connection)
    return;
  self->active = connection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
on_connection_state_changed (DtConnection *connection,
                             guint         state,
                             const char   *detail,
                             guint         sub_entry,
                             DtDialer     *self)
{
  guint position;
  gboolean was_busy = self->live->len > 0;

  if (state == DT_CONN_STATE_DISCONNECTED)
    {
      if (g_ptr_array_find (self->live, connection, &position))
        {
          g_ptr_array_remove_index (self->live, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        }
      if (self->active == connection)
        set_active (self, self->live->len > 0
                          ? g_ptr_array_index (self->live, self->live->len - 1) : NULL);
    }
  else
    {
      if (!g_ptr_array_find (self->live, connection, NULL))
        {
          g_ptr_array_add (self->live, g_object_ref (connection));
          g_list_model_items_changed (G_LIST_MODEL (self), self->live->len - 1, 0, 1);
        }
      set_active (self, connection);
    }
  if (was_busy != (self->live->len > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  g_signal_emit (self, signals[SIGNAL_CONNECTION_STATE_CHANGED], 0, connection, state, detail,
                 sub_entry);
}

static void
on_dial_finished (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtDialer) self = user_data;
  g_autoptr (GError) error = NULL;
  DtConnection *connection = DT_CONNECTION (object);

  dt_connection_dial_finish (connection, result, &error);
  g_signal_emit (self, signals[SIGNAL_DIAL_FINISHED], 0, connection, error);
}

static void
dt_dialer_dispose (GObject *object)
{
  DtDialer *self = DT_DIALER (object);
  GHashTableIter iter;
  gpointer value;

  /* Hang up whatever is still live: nobody could hang it up after this. */
  if (self->by_uuid != NULL)
    {
      g_hash_table_iter_init (&iter, self->by_uuid);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_signal_handlers_disconnect_by_data (value, self);
          dt_connection_hang_up (value);
        }
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->active = NULL;
  g_clear_pointer (&self->live, g_ptr_array_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);

  G_OBJECT_CLASS (dt_dialer_parent_class)->dispose (object);
}

static void
dt_dialer_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DtDialer *self = DT_DIALER (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_object (value, self->active);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, dt_dialer_get_busy (self));
      break;
    case PROP_NETWORK_MODE:
      g_value_set_enum (value, self->network_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_dialer_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DtDialer *self = DT_DIALER (object);

  switch (prop_id)
    {
    case PROP_NETWORK_MODE:
      dt_dialer_set_network_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_dialer_class_init (DtDialerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_dialer_dispose;
  object_class->get_property = dt_dialer_get_property;
  object_class->set_property = dt_dialer_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_object ("active", NULL, NULL, DT_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NETWORK_MODE] =
    g_param_spec_enum ("network-mode", NULL, NULL, DT_TYPE_NETWORK_MODE, DT_NETWORK_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CONNECTION_STATE_CHANGED] =
    g_signal_new ("connection-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4, DT_TYPE_CONNECTION, G_TYPE_UINT,
                  G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_DIAL_FINISHED] =
    g_signal_new ("dial-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, DT_TYPE_CONNECTION, G_TYPE_ERROR);
}

static void
on_stale_cleaned (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  gssize deleted = dt_link_cleanup_stale_finish (result, &error);

  if (deleted > 0)
    g_message ("Took down %" G_GSSIZE_FORMAT " network profile(s) left by a Dialtone that "
               "stopped without hanging up", deleted);
}

static void
dt_dialer_init (DtDialer *self)
{
  self->by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->live = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  /* The application starts here: a Dialtone that died with a link up left its routes, the
   * default route too, in NetworkManager, and nobody else takes them down. */
  dt_link_cleanup_stale_async (self->cancellable, on_stale_cleaned, NULL);
}

DtDialer *
dt_dialer_new (void)
{
  return g_object_new (DT_TYPE_DIALER, NULL);
}

void
dt_dialer_set_network_mode (DtDialer      *self,
                            DtNetworkMode  mode)
{
  g_return_if_fail (DT_IS_DIALER (self));

  if (self->network_mode == mode)
    return;
  self->network_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_MODE]);
}

DtConnection *
dt_dialer_dial (DtDialer             *self,
                DtEntry              *entry,
                const DtCredentials  *credentials,
                GError              **error)
{
  DtConnection *connection;
  const char *uuid;

  g_return_val_if_fail (DT_IS_DIALER (self), NULL);
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);

  uuid = dt_entry_get_uuid (entry);
  connection = g_hash_table_lookup (self->by_uuid, uuid);
  if (connection != NULL &&
      dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("“%s” is already dialing or connected"),
                   dt_entry_get_name (entry));
      return NULL;
    }
  if (connection == NULL)
    {
      connection = dt_connection_new ();
      g_signal_connect_object (connection, "state-changed",
                               G_CALLBACK (on_connection_state_changed), self, 0);
      g_hash_table_insert (self->by_uuid, g_strdup (uuid), connection);
    }
  dt_connection_set_network_mode (connection, self->network_mode);
  dt_connection_dial_async (connection, entry, credentials, NULL, on_dial_finished,
                            g_object_ref (self));
  return connection;
}

DtConnection *
dt_dialer_lookup (DtDialer   *self,
                  const char *uuid)
{
  g_return_val_if_fail (DT_IS_DIALER (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return g_hash_table_lookup (self->by_uuid, uuid);
}

DtConnection *
dt_dialer_get_active (DtDialer *self)
{
  g_return_val_if_fail (DT_IS_DIALER (self), NULL);
  return self->active;
}

gboolean
dt_dialer_get_busy (DtDialer *self)
{
  g_return_val_if_fail (DT_IS_DIALER (self), FALSE);
  return self->live->len > 0;
}

void
dt_dialer_hang_up (DtDialer   *self,
                   const char *uuid)
{
  DtConnection *connection;

  g_return_if_fail (DT_IS_DIALER (self));
  g_return_if_fail (uuid != NULL);

  connection = g_hash_table_lookup (self->by_uuid, uuid);
  if (connection != NULL)
    dt_connection_hang_up (connection);
}

void
dt_dialer_hang_up_all (DtDialer *self)
{
  g_autoptr (GPtrArray) live = NULL;

  g_return_if_fail (DT_IS_DIALER (self));

  /* Hanging up changes the live list under our feet: walk a copy. */
  live = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->live->len; i++)
    g_ptr_array_add (live, g_object_ref (g_ptr_array_index (self->live, i)));
  for (guint i = 0; i < live->len; i++)
    dt_connection_hang_up (g_ptr_array_index (live, i));
}
