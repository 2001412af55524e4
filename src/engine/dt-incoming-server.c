/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingServer: see dt-incoming-server.h.  The list of ports follows the settings'
 * "enabled", "devices" and "direct-devices": a port that leaves the list (or all of them,
 * when answering is switched off) is stopped, hanging up its caller, and leaves the list once
 * it has. */

#include "config.h"

#include "dt-incoming-server.h"

struct _DtIncomingServer
{
  GObject parent_instance;

  DtIncoming *incoming;
  GListStore *answers;
  DtNetworkMode network_mode;
  gboolean shut_down;
  guint listening;
  guint callers;
};

G_DEFINE_FINAL_TYPE (DtIncomingServer, dt_incoming_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LISTENING,
  PROP_CALLERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CALLER_CONNECTED,
  SIGNAL_CALLER_REFUSED,
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
count (DtIncomingServer *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->answers));
  guint listening = 0, callers = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtAnswer) answer = g_list_model_get_item (G_LIST_MODEL (self->answers), i);

      listening += dt_answer_get_running (answer);
      callers += dt_answer_get_state (answer) == DT_CONN_STATE_CONNECTED;
    }
  if (listening != self->listening)
    {
      self->listening = listening;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
    }
  if (callers != self->callers)
    {
      self->callers = callers;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALLERS]);
    }
}

static void
on_answer_state (DtAnswer         *answer,
                 guint             state,
                 const char       *detail,
                 DtIncomingServer *self)
{
  count (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_caller_connected (DtAnswer         *answer,
                     const char       *user,
                     DtIncomingServer *self)
{
  g_signal_emit (self, signals[SIGNAL_CALLER_CONNECTED], 0, answer, user);
}

static void
on_caller_refused (DtAnswer         *answer,
                   const char       *user,
                   guint             code,
                   DtIncomingServer *self)
{
  g_signal_emit (self, signals[SIGNAL_CALLER_REFUSED], 0, answer, user, code);
}

static void
on_answer_stopped (DtAnswer         *answer,
                   DtIncomingServer *self)
{
  guint position;

  /* A port the settings still want, stopped by a failure, stays listed with its error. */
  if (g_object_get_data (G_OBJECT (answer), "dt-leaving") != NULL &&
      g_list_store_find (self->answers, answer, &position))
    g_list_store_remove (self->answers, position);
  count (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static DtAnswer *
find (DtIncomingServer *self,
      const char       *device)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->answers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtAnswer) answer = g_list_model_get_item (G_LIST_MODEL (self->answers), i);

      if (g_str_equal (dt_answer_get_device (answer), device))
        return answer;
    }
  return NULL;
}

static void
add_port (DtIncomingServer *self,
          const char       *device,
          DtDeviceType      type)
{
  g_autoptr (DtAnswer) answer = NULL;
  DtAnswer *existing = find (self, device);

  if (existing != NULL)
    {
      g_object_set_data (G_OBJECT (existing), "dt-leaving", NULL);
      dt_answer_start (existing);
      return;
    }
  answer = dt_answer_new (self->incoming, device, type);
  dt_answer_set_network_mode (answer, self->network_mode);
  g_signal_connect_object (answer, "state-changed", G_CALLBACK (on_answer_state), self, 0);
  g_signal_connect_object (answer, "caller-connected", G_CALLBACK (on_caller_connected), self,
                           0);
  g_signal_connect_object (answer, "caller-refused", G_CALLBACK (on_caller_refused), self, 0);
  g_signal_connect_object (answer, "stopped", G_CALLBACK (on_answer_stopped), self, 0);
  g_list_store_append (self->answers, answer);
  dt_answer_start (answer);
}

static gboolean
wanted (DtIncomingServer *self,
        const char       *device)
{
  return !self->shut_down && dt_incoming_get_enabled (self->incoming) &&
         (g_strv_contains (dt_incoming_get_devices (self->incoming), device) ||
          g_strv_contains (dt_incoming_get_direct_devices (self->incoming), device));
}

static void
sync_ports (DtIncomingServer *self)
{
  g_autoptr (GPtrArray) leaving = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->answers));

  for (guint i = 0; i < n; i++)
    {
      DtAnswer *answer = g_list_model_get_item (G_LIST_MODEL (self->answers), i);

      if (!wanted (self, dt_answer_get_device (answer)))
        g_ptr_array_add (leaving, answer);
      else
        g_object_unref (answer);
    }
  for (guint i = 0; i < leaving->len; i++)
    {
      DtAnswer *answer = leaving->pdata[i];
      guint position;

      g_object_set_data (G_OBJECT (answer), "dt-leaving", GINT_TO_POINTER (TRUE));
      if (dt_answer_get_running (answer))
        dt_answer_stop (answer);
      else if (g_list_store_find (self->answers, answer, &position))
        g_list_store_remove (self->answers, position);
    }
  if (self->shut_down || !dt_incoming_get_enabled (self->incoming))
    return;
  for (const char * const *d = dt_incoming_get_devices (self->incoming); *d != NULL; d++)
    add_port (self, *d, DT_DEVICE_TYPE_MODEM);
  for (const char * const *d = dt_incoming_get_direct_devices (self->incoming); *d != NULL; d++)
    add_port (self, *d, DT_DEVICE_TYPE_DIRECT);
  count (self);
}

static void
dt_incoming_server_dispose (GObject *object)
{
  DtIncomingServer *self = DT_INCOMING_SERVER (object);

  if (self->incoming != NULL)
    g_signal_handlers_disconnect_by_data (self->incoming, self);
  g_clear_object (&self->answers);
  g_clear_object (&self->incoming);

  G_OBJECT_CLASS (dt_incoming_server_parent_class)->dispose (object);
}

static void
dt_incoming_server_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DtIncomingServer *self = DT_INCOMING_SERVER (object);

  switch (prop_id)
    {
    case PROP_LISTENING:
      g_value_set_uint (value, self->listening);
      break;
    case PROP_CALLERS:
      g_value_set_uint (value, self->callers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_incoming_server_class_init (DtIncomingServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = dt_incoming_server_dispose;
  object_class->get_property = dt_incoming_server_get_property;

  properties[PROP_LISTENING] = g_param_spec_uint ("listening", NULL, NULL, 0, G_MAXUINT, 0,
                                                  flags);
  properties[PROP_CALLERS] = g_param_spec_uint ("callers", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CALLER_CONNECTED] =
    g_signal_new ("caller-connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, DT_TYPE_ANSWER, G_TYPE_STRING);
  signals[SIGNAL_CALLER_REFUSED] =
    g_signal_new ("caller-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, DT_TYPE_ANSWER, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dt_incoming_server_init (DtIncomingServer *self)
{
  self->answers = g_list_store_new (DT_TYPE_ANSWER);
  self->network_mode = DT_NETWORK_AUTO;
}

DtIncomingServer *
dt_incoming_server_new (DtIncoming *incoming)
{
  DtIncomingServer *self;

  g_return_val_if_fail (DT_IS_INCOMING (incoming), NULL);

  self = g_object_new (DT_TYPE_INCOMING_SERVER, NULL);
  self->incoming = g_object_ref (incoming);
  g_signal_connect_object (incoming, "notify::enabled", G_CALLBACK (sync_ports), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (incoming, "notify::devices", G_CALLBACK (sync_ports), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (incoming, "notify::direct-devices", G_CALLBACK (sync_ports), self,
                           G_CONNECT_SWAPPED);
  sync_ports (self);
  return self;
}

DtIncoming *
dt_incoming_server_get_incoming (DtIncomingServer *self)
{
  g_return_val_if_fail (DT_IS_INCOMING_SERVER (self), NULL);
  return self->incoming;
}

GListModel *
dt_incoming_server_get_answers (DtIncomingServer *self)
{
  g_return_val_if_fail (DT_IS_INCOMING_SERVER (self), NULL);
  return G_LIST_MODEL (self->answers);
}

void
dt_incoming_server_set_network_mode (DtIncomingServer *self,
                                     DtNetworkMode     mode)
{
  g_return_if_fail (DT_IS_INCOMING_SERVER (self));
  self->network_mode = mode;
}

guint
dt_incoming_server_get_listening (DtIncomingServer *self)
{
  g_return_val_if_fail (DT_IS_INCOMING_SERVER (self), 0);
  return self->listening;
}

guint
dt_incoming_server_get_callers (DtIncomingServer *self)
{
  g_return_val_if_fail (DT_IS_INCOMING_SERVER (self), 0);
  return self->callers;
}

void
dt_incoming_server_shutdown (DtIncomingServer *self)
{
  g_return_if_fail (DT_IS_INCOMING_SERVER (self));

  self->shut_down = TRUE;
  sync_ports (self);
}

DtAnswer *
dt_incoming_server_get_caller (DtIncomingServer *self)
{
  guint n;

  g_return_val_if_fail (DT_IS_INCOMING_SERVER (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->answers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtAnswer) answer = g_list_model_get_item (G_LIST_MODEL (self->answers), i);

      if (dt_answer_get_state (answer) == DT_CONN_STATE_CONNECTED)
        return answer;
    }
  return NULL;
}
