/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The watcher is Debian's status-notifier-watcher, a real StatusNotifierWatcher that needs
 * no display; the host is a second connection to the same bus that calls, reads and
 * listens the way Plasma or the sntray plugin does.  See dt-test-sni.h. */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include "dt-test-sni.h"

#define SNI_INTERFACE "org.kde.StatusNotifierItem"
#define SNI_PATH "/StatusNotifierItem"
#define WATCHER_NAME "org.kde.StatusNotifierWatcher"
#define MENU_INTERFACE "com.canonical.dbusmenu"

static gboolean
on_wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
dt_test_sni_wait_until (DtTestCondition condition,
                        gpointer        data,
                        guint           limit_s)
{
  gint64 deadline = g_get_monotonic_time () + limit_s * G_USEC_PER_SEC;
  /* Blocking iterations, woken at least every 50 ms to look at the clock. */
  guint wake = g_timeout_add (50, on_wake, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_source_remove (wake);
          g_error ("condition not met within %u s", limit_s);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
time_is_up (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

void
dt_test_sni_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  dt_test_sni_wait_until (time_is_up, &end, ms / 1000 + 5);
}

/* The watcher ---------------------------------------------------------------------------- */

struct _DtTestWatcher
{
  GSubprocess *process;
  GDBusConnection *bus;
};

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GDBusConnection *
new_connection (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus;

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

/* Only for names of other processes: the bus daemon answers, not this one. */
static gboolean
has_owner_sync (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* Whether the watcher answers for its object.  It owns its name a moment before it exports
 * /StatusNotifierWatcher, and a call in that moment gets UnknownObject. */
static gboolean
watcher_answers_sync (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, WATCHER_NAME, "/StatusNotifierWatcher",
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.kde.StatusNotifierWatcher",
                                                      "RegisteredStatusNotifierItems"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                       -1, NULL, NULL);
  return reply != NULL;
}

/* Until the watcher is gone, or on the bus and answering. */
static void
wait_for_watcher (GDBusConnection *bus,
                  gboolean         present)
{
  gint64 deadline = g_get_monotonic_time () + DT_TEST_SNI_LIMIT_S * G_USEC_PER_SEC;

  while (present ? !watcher_answers_sync (bus) : has_owner_sync (bus, WATCHER_NAME))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
}

DtTestWatcher *
dt_test_watcher_start (void)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  DtTestWatcher *self = g_new0 (DtTestWatcher, 1);

  self->bus = new_connection ();
  g_assert_false (has_owner_sync (self->bus, WATCHER_NAME));

  /* It logs every property read on stdout: keep that out of the TAP stream. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error, "status-notifier-watcher",
                                               NULL);
  g_assert_no_error (error);
  wait_for_watcher (self->bus, TRUE);
  return self;
}

void
dt_test_watcher_stop (DtTestWatcher *self)
{
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  wait_for_watcher (self->bus, FALSE);
  g_object_unref (self->process);
  g_object_unref (self->bus);
  g_free (self);
}

/* The host ------------------------------------------------------------------------------- */

struct _DtTestHost
{
  GDBusConnection *bus;
  guint subscription;
  guint menu_subscription;
  char *item;
  DtTestItemLog log;
  guint pending;
};

DtTestHost *
dt_test_host_new (void)
{
  DtTestHost *self = g_new0 (DtTestHost, 1);

  self->bus = new_connection ();
  self->log.statuses = g_ptr_array_new_with_free_func (g_free);
  self->log.icons = g_ptr_array_new_with_free_func (g_free);
  self->log.tooltips = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static gboolean
nothing_pending (gpointer data)
{
  return ((DtTestHost *) data)->pending == 0;
}

void
dt_test_host_free (DtTestHost *self)
{
  dt_test_sni_wait_until (nothing_pending, self, DT_TEST_SNI_LIMIT_S);
  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  if (self->menu_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->menu_subscription);
  g_dbus_connection_close_sync (self->bus, NULL, NULL);
  g_object_unref (self->bus);
  g_ptr_array_unref (self->log.statuses);
  g_ptr_array_unref (self->log.icons);
  g_ptr_array_unref (self->log.tooltips);
  g_free (self->item);
  g_free (self);
}

GDBusConnection *
dt_test_host_get_connection (DtTestHost *self)
{
  return self->bus;
}

typedef struct {
  gboolean done;
  GVariant *reply;
  GError *error;
} Call;

static void
on_call_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                               &call->error);
  call->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

GVariant *
dt_test_host_call (DtTestHost  *self,
                   const char  *destination,
                   const char  *path,
                   const char  *interface,
                   const char  *method,
                   GVariant    *parameters,
                   const char  *reply_type,
                   GError     **error)
{
  Call call = { 0 };

  g_dbus_connection_call (self->bus, destination, path, interface, method, parameters,
                          reply_type != NULL ? G_VARIANT_TYPE (reply_type) : NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, on_call_done, &call);
  dt_test_sni_wait_until (call_done, &call, DT_TEST_SNI_LIMIT_S);
  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return call.reply;
}

GVariant *
dt_test_host_get (DtTestHost *self,
                  const char *destination,
                  const char *path,
                  const char *interface,
                  const char *property)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariant *value;

  reply = dt_test_host_call (self, destination, path, "org.freedesktop.DBus.Properties", "Get",
                             g_variant_new ("(ss)", interface, property), "(v)", &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

char *
dt_test_host_get_string (DtTestHost *self,
                         const char *item,
                         const char *property)
{
  g_autoptr (GVariant) value = dt_test_host_get (self, item, SNI_PATH, SNI_INTERFACE, property);

  return g_variant_dup_string (value, NULL);
}

gboolean
dt_test_host_name_has_owner (DtTestHost *self,
                             const char *name)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean has_owner;

  reply = dt_test_host_call (self, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                             "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                             "(b)", NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

GStrv
dt_test_host_registered_items (DtTestHost *self)
{
  g_autoptr (GVariant) items = dt_test_host_get (self, WATCHER_NAME, "/StatusNotifierWatcher",
                                                 "org.kde.StatusNotifierWatcher",
                                                 "RegisteredStatusNotifierItems");

  return g_variant_dup_strv (items, NULL);
}

void
dt_test_host_wait_registered (DtTestHost *self,
                              const char *item,
                              gboolean    registered)
{
  gint64 deadline = g_get_monotonic_time () + DT_TEST_SNI_LIMIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      g_auto (GStrv) items = dt_test_host_registered_items (self);

      if (g_strv_contains ((const char * const *) items, item) == registered)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      dt_test_sni_spin (50);
    }
}

/* Following the item ---------------------------------------------------------------------- */

typedef struct {
  DtTestHost *host;
  GPtrArray *into;
  gboolean tooltip;
} Read;

static void
on_read_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) value = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  read->host->pending--;
  if (reply == NULL)
    {
      /* The item may be gone by then (hidden): a host shrugs. */
      g_ptr_array_add (read->into, g_strdup_printf ("(%s)", error->message));
      g_free (read);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  if (read->tooltip)
    {
      const char *title, *text;

      g_variant_get (value, "(&s@a(iiay)&s&s)", NULL, NULL, &title, &text);
      g_ptr_array_add (read->into, g_strdup_printf ("%s|%s", title, text));
    }
  else
    g_ptr_array_add (read->into, g_variant_dup_string (value, NULL));
  g_free (read);
}

static void
read_property (DtTestHost *self,
               const char *property,
               GPtrArray  *into)
{
  Read *read = g_new0 (Read, 1);

  read->host = self;
  read->into = into;
  read->tooltip = g_str_equal (property, "ToolTip");
  self->pending++;
  g_dbus_connection_call (self->bus, self->item, SNI_PATH, "org.freedesktop.DBus.Properties",
                          "Get", g_variant_new ("(ss)", SNI_INTERFACE, property),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL,
                          on_read_done, read);
}

static void
on_item_signal (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  DtTestHost *self = user_data;

  if (g_str_equal (signal, "NewStatus"))
    {
      const char *status;

      self->log.n_new_status++;
      g_variant_get (parameters, "(&s)", &status);
      g_ptr_array_add (self->log.statuses, g_strdup (status));
    }
  else if (g_str_equal (signal, "NewIcon"))
    {
      self->log.n_new_icon++;
      read_property (self, "IconName", self->log.icons);
    }
  else if (g_str_equal (signal, "NewToolTip"))
    {
      self->log.n_new_tooltip++;
      read_property (self, "ToolTip", self->log.tooltips);
    }
  else if (g_str_equal (signal, "NewTitle"))
    self->log.n_new_title++;
}

static void
on_menu_signal (GDBusConnection *bus,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  DtTestHost *self = user_data;

  self->log.n_menu_updates++;
}

DtTestItemLog *
dt_test_host_follow (DtTestHost *self,
                     const char *item)
{
  g_assert_null (self->item);
  self->item = g_strdup (item);
  /* Any sender: a test has one item on its bus, and the sender of a signal is a unique
   * name, which a well-known name would only match once resolved. */
  self->subscription = g_dbus_connection_signal_subscribe (self->bus, NULL, SNI_INTERFACE, NULL,
                                                           SNI_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_item_signal, self, NULL);
  self->menu_subscription = g_dbus_connection_signal_subscribe (self->bus, NULL, MENU_INTERFACE,
                                                                NULL, NULL, NULL,
                                                                G_DBUS_SIGNAL_FLAGS_NONE,
                                                                on_menu_signal, self, NULL);
  /* The match rules are in place once a round trip to the bus is done. */
  dt_test_host_name_has_owner (self, item);
  return &self->log;
}

void
dt_test_host_settle (DtTestHost *self)
{
  /* Signals already sent reach us before the answer to a call made now. */
  dt_test_host_name_has_owner (self, "org.freedesktop.DBus");
  dt_test_sni_wait_until (nothing_pending, self, DT_TEST_SNI_LIMIT_S);
}

void
dt_test_host_reset_log (DtTestHost *self)
{
  dt_test_host_settle (self);
  self->log.n_new_status = self->log.n_new_icon = 0;
  self->log.n_new_tooltip = self->log.n_new_title = 0;
  self->log.n_menu_updates = 0;
  g_ptr_array_set_size (self->log.statuses, 0);
  g_ptr_array_set_size (self->log.icons, 0);
  g_ptr_array_set_size (self->log.tooltips, 0);
}

static void
append_list (GString    *out,
             const char *name,
             GPtrArray  *list)
{
  g_string_append_printf (out, "%s:", name);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (out, " [%s]", (char *) g_ptr_array_index (list, i));
  g_string_append_c (out, '\n');
}

char *
dt_test_item_log_describe (DtTestItemLog *log)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "NewStatus %u, NewIcon %u, NewToolTip %u, NewTitle %u\n",
                          log->n_new_status, log->n_new_icon, log->n_new_tooltip,
                          log->n_new_title);
  append_list (out, "statuses", log->statuses);
  append_list (out, "icons", log->icons);
  append_list (out, "tooltips", log->tooltips);
  return g_string_free (out, FALSE);
}

/* The menu -------------------------------------------------------------------------------- */

static char *
menu_path (DtTestHost *self,
           const char *item)
{
  g_autoptr (GVariant) path = dt_test_host_get (self, item, SNI_PATH, SNI_INTERFACE, "Menu");

  return g_variant_dup_string (path, NULL);
}

GVariant *
dt_test_host_get_layout (DtTestHost *self,
                         const char *item)
{
  g_autofree char *path = menu_path (self, item);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariant *layout;
  const char *no_properties[] = { NULL };

  reply = dt_test_host_call (self, item, path, MENU_INTERFACE, "GetLayout",
                             g_variant_new ("(ii^as)", 0, -1, no_properties), "(u(ia{sv}av))",
                             &error);
  g_assert_no_error (error);
  layout = g_variant_get_child_value (reply, 1);
  return layout;
}

static GVariant *
find_node (GVariant *node,
           int       id)
{
  g_autoptr (GVariant) children = g_variant_get_child_value (node, 2);
  int node_id;

  g_variant_get_child (node, 0, "i", &node_id);
  if (node_id == id)
    return g_variant_ref (node);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr (GVariant) child = g_variant_get_variant (boxed);
      GVariant *found = find_node (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
node_label (GVariant *node)
{
  g_autoptr (GVariant) properties = g_variant_get_child_value (node, 1);
  const char *label = NULL, *type = NULL;

  g_variant_lookup (properties, "type", "&s", &type);
  if (g_strcmp0 (type, "separator") == 0)
    return g_strdup ("—");
  g_variant_lookup (properties, "label", "&s", &label);
  return g_strdup (label != NULL ? label : "");
}

GStrv
dt_test_menu_labels (GVariant *layout,
                     int       parent_id)
{
  g_autoptr (GVariant) parent = find_node (layout, parent_id);
  g_autoptr (GVariant) children = NULL;
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();

  g_assert_nonnull (parent);
  children = g_variant_get_child_value (parent, 2);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr (GVariant) child = g_variant_get_variant (boxed);

      g_autofree char *label = node_label (child);

      g_strv_builder_add (labels, label);
    }
  return g_strv_builder_end (labels);
}

int
dt_test_menu_find (GVariant   *layout,
                   int         parent_id,
                   const char *label)
{
  g_autoptr (GVariant) parent = find_node (layout, parent_id);
  g_autoptr (GVariant) children = NULL;

  g_assert_nonnull (parent);
  children = g_variant_get_child_value (parent, 2);
  for (gsize i = 0; i < g_variant_n_children (children); i++)
    {
      g_autoptr (GVariant) boxed = g_variant_get_child_value (children, i);
      g_autoptr (GVariant) child = g_variant_get_variant (boxed);
      g_autofree char *child_label = node_label (child);
      int id;

      g_variant_get_child (child, 0, "i", &id);
      if (g_str_equal (child_label, label))
        return id;
    }
  return -1;
}

gboolean
dt_test_menu_is_enabled (GVariant *layout,
                         int       id)
{
  g_autoptr (GVariant) node = find_node (layout, id);
  g_autoptr (GVariant) properties = NULL;
  gboolean enabled = TRUE;

  g_assert_nonnull (node);
  properties = g_variant_get_child_value (node, 1);
  /* Absent means the dbusmenu default: enabled. */
  g_variant_lookup (properties, "enabled", "b", &enabled);
  return enabled;
}

void
dt_test_host_click (DtTestHost *self,
                    const char *item,
                    int         id)
{
  g_autofree char *path = menu_path (self, item);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply = dt_test_host_call (self, item, path, MENU_INTERFACE, "Event",
                             g_variant_new ("(isvu)", id, "clicked", g_variant_new_int32 (0),
                                            (guint32) 0),
                             NULL, &error);
  g_assert_no_error (error);
}
