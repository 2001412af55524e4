/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPortList.  Which tty devices are ports: ttyUSB* and ttyACM* always, ttyS* only with a
 * UART behind it (the kernel makes 32 of them regardless), and anything else with a
 * /dev/serial/by-id name (a USB serial driver of another name).  Consoles, virtual terminals
 * and ptmx are not.  Kept in natural order (ttyS2 before ttyS10).
 *
 * by-id names come from udev's symlinks; where udev keeps no database (a container), from
 * reading /dev/serial/by-id.  ModemManager is asked once at start and again on each udev
 * event and each change to its own objects, over the shared system bus, never starting it. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gudev/gudev.h>

#include "dt-dbus.h"
#include "dt-mm.h"
#include "dt-port-access.h"
#include "dt-port-list.h"

#define BY_ID_DIR "/dev/serial/by-id"
#define MM_TIMEOUT_MS 2000

struct _DtPortList
{
  GObject parent_instance;

  GPtrArray *ports;           /* DtPortInfo, sorted */
  GUdevClient *udev;
  GDBusConnection *bus;
  guint mm_signal;
  GCancellable *cancellable;
};

static void dt_port_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtPortList, dt_port_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dt_port_list_model_init))

static GType
dt_port_list_get_item_type (GListModel *model)
{
  return DT_TYPE_PORT_INFO;
}

static guint
dt_port_list_get_n_items (GListModel *model)
{
  return DT_PORT_LIST (model)->ports->len;
}

static gpointer
dt_port_list_get_item (GListModel *model,
                       guint       position)
{
  DtPortList *self = DT_PORT_LIST (model);

  if (position >= self->ports->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->ports, position));
}

static void
dt_port_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dt_port_list_get_item_type;
  iface->get_n_items = dt_port_list_get_n_items;
  iface->get_item = dt_port_list_get_item;
}

static gboolean
has_prefix_and_number (const char *name,
                       const char *prefix)
{
  const char *p;

  if (!g_str_has_prefix (name, prefix) || name[strlen (prefix)] == '\0')
    return FALSE;
  for (p = name + strlen (prefix); *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static const char *
find_by_id (const DtPortDevice *device)
{
  for (guint i = 0; device->links != NULL && device->links[i] != NULL; i++)
    if (g_str_has_prefix (device->links[i], BY_ID_DIR "/"))
      return device->links[i];
  return NULL;
}

static gboolean
is_port (const DtPortDevice *device)
{
  if (device->name == NULL || device->device_file == NULL)
    return FALSE;
  if (has_prefix_and_number (device->name, "ttyUSB") ||
      has_prefix_and_number (device->name, "ttyACM"))
    return TRUE;
  if (has_prefix_and_number (device->name, "ttyS"))
    return device->has_uart;
  return find_by_id (device) != NULL;
}

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  const char *pa = dt_port_info_get_path (*(DtPortInfo **) a);
  const char *pb = dt_port_info_get_path (*(DtPortInfo **) b);
  g_autofree char *ka = g_utf8_collate_key_for_filename (pa, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (pb, -1);

  return strcmp (ka, kb);
}

static gint
find_sysfs (DtPortList *self,
            const char *sysfs_path)
{
  for (guint i = 0; i < self->ports->len; i++)
    if (g_strcmp0 (dt_port_info_get_sysfs_path (g_ptr_array_index (self->ports, i)),
                   sysfs_path) == 0)
      return (gint) i;
  return -1;
}

/* A port's by-id name, description, problem or ModemManager line changed: for a consumer
 * such as a menu, that port is replaced by itself. */
static void
on_info_notify (DtPortList *self,
                GParamSpec *pspec,
                DtPortInfo *info)
{
  guint position;

  if (g_ptr_array_find (self->ports, info, &position))
    g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

static void
update_access (DtPortInfo *info)
{
  g_autoptr (DtPortAccess) access_info = dt_port_access_check (dt_port_info_get_path (info));
  g_autofree char *problem = dt_port_access_short (access_info);

  dt_port_info_set_problem (info, problem);
}

static void
add_port (DtPortList         *self,
          const DtPortDevice *device)
{
  g_autoptr (DtPortInfo) info = dt_port_info_new (device->device_file, device->sysfs_path);
  guint position;

  dt_port_info_set_by_id (info, find_by_id (device));
  dt_port_info_set_description (info, device->description);
  update_access (info);
  g_signal_connect_object (info, "notify", G_CALLBACK (on_info_notify), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->ports, g_object_ref (info));
  g_ptr_array_sort (self->ports, compare_ports);
  g_ptr_array_find (self->ports, info, &position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/**
 * dt_port_list_handle_event:
 * @action: udev's action: "add", "change", "bind", "remove"…
 *
 * Applies one udev event to the list.  A device that is not a port, or an event that changes
 * nothing, leaves it alone.
 */
void
dt_port_list_handle_event (DtPortList         *self,
                           const char         *action,
                           const DtPortDevice *device)
{
  const char *key;
  gint index;

  g_return_if_fail (DT_IS_PORT_LIST (self));
  g_return_if_fail (action != NULL && device != NULL);

  key = device->sysfs_path != NULL ? device->sysfs_path : device->device_file;
  index = key != NULL ? find_sysfs (self, key) : -1;
  if (g_str_equal (action, "remove"))
    {
      if (index >= 0)
        {
          g_ptr_array_remove_index (self->ports, (guint) index);
          g_list_model_items_changed (G_LIST_MODEL (self), (guint) index, 1, 0);
        }
      return;
    }
  if (!is_port (device))
    return;
  if (index >= 0)
    {
      /* "change": udev may have added the by-id link or the model since "add". */
      DtPortInfo *info = g_ptr_array_index (self->ports, (guint) index);

      dt_port_info_set_by_id (info, find_by_id (device));
      dt_port_info_set_description (info, device->description);
      update_access (info);
      return;
    }
  add_port (self, device);
}

/**
 * dt_port_list_lookup:
 * @path: a kernel path or a by-id name
 *
 * Returns: (transfer none) (nullable): the port
 */
DtPortInfo *
dt_port_list_lookup (DtPortList *self,
                     const char *path)
{
  g_return_val_if_fail (DT_IS_PORT_LIST (self), NULL);

  for (guint i = 0; path != NULL && i < self->ports->len; i++)
    {
      DtPortInfo *info = g_ptr_array_index (self->ports, i);

      if (g_strcmp0 (dt_port_info_get_path (info), path) == 0 ||
          g_strcmp0 (dt_port_info_get_by_id (info), path) == 0)
        return info;
    }
  return NULL;
}

/**
 * dt_port_list_preferred_path:
 *
 * Returns: the name an entry should keep for @path: its by-id name when it has one (it
 * survives re-plugging, where ttyUSB0 may come back as ttyUSB1), else @path itself
 */
char *
dt_port_list_preferred_path (DtPortList *self,
                             const char *path)
{
  DtPortInfo *info = dt_port_list_lookup (self, path);

  return g_strdup (info != NULL ? dt_port_info_get_preferred_path (info) : path);
}

/* ---- udev ------------------------------------------------------------------------------ */

/* udev's by-id link, or, where udev keeps no database, the one in /dev/serial/by-id that
 * points at @device_file. */
static char *
scan_by_id (const char *device_file)
{
  g_autoptr (GDir) dir = g_dir_open (BY_ID_DIR, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (BY_ID_DIR, name, NULL);
      char *target = realpath (link, NULL);
      gboolean match = g_strcmp0 (target, device_file) == 0;

      free (target);
      if (match)
        return g_steal_pointer (&link);
    }
  return NULL;
}

static char *
udev_description (GUdevDevice *device)
{
  const char *vendor = g_udev_device_get_property (device, "ID_VENDOR_FROM_DATABASE");
  const char *model = g_udev_device_get_property (device, "ID_MODEL_FROM_DATABASE");

  if (vendor == NULL)
    vendor = g_udev_device_get_property (device, "ID_VENDOR");
  if (model == NULL)
    model = g_udev_device_get_property (device, "ID_MODEL");
  if (vendor != NULL && model != NULL)
    return g_strdup_printf ("%s %s", vendor, model);
  return g_strdup (model != NULL ? model : vendor);
}

static void
handle_udev_device (DtPortList  *self,
                    const char  *action,
                    GUdevDevice *device)
{
  g_autofree char *type = g_strdup (g_udev_device_get_sysfs_attr (device, "type"));
  const char * const *links = g_udev_device_get_device_file_symlinks (device);
  const char *device_file = g_udev_device_get_device_file (device);
  g_autofree char *description = udev_description (device);
  g_autofree char *scanned = NULL;
  const char *scanned_links[2] = { NULL, NULL };
  DtPortDevice port = {
    .name = g_udev_device_get_name (device),
    .device_file = device_file,
    .sysfs_path = g_udev_device_get_sysfs_path (device),
    .links = links,
    .description = description,
    .has_uart = type != NULL && g_strcmp0 (g_strstrip (type), "0") != 0,
  };

  if ((links == NULL || links[0] == NULL) && device_file != NULL &&
      !g_str_equal (action, "remove"))
    {
      scanned = scan_by_id (device_file);
      scanned_links[0] = scanned;
      port.links = scanned_links;
    }
  dt_port_list_handle_event (self, action, &port);
}

static void
on_uevent (GUdevClient *client,
           const char  *action,
           GUdevDevice *device,
           DtPortList  *self)
{
  handle_udev_device (self, action, device);
  dt_port_list_refresh (self);
}

/* ---- ModemManager ---------------------------------------------------------------------- */

static void
on_modems_listed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (DtPortList) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) modems = NULL;

  modems = dt_mm_list_modems_finish (G_DBUS_CONNECTION (object), result, NULL, &error);
  if (modems == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("ModemManager: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->ports->len; i++)
    {
      DtPortInfo *info = g_ptr_array_index (self->ports, i);
      DtMmModem *modem = dt_mm_find_port (modems, dt_port_info_get_path (info));
      g_autofree char *text = modem != NULL ? dt_mm_modem_describe (modem) : NULL;

      dt_port_info_set_modem_manager (info, text);
    }
}

static void
on_mm_objects_changed (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  dt_port_list_refresh (DT_PORT_LIST (user_data));
}

/**
 * dt_port_list_refresh:
 *
 * Reads ModemManager's modems again, and each port's permissions.
 */
void
dt_port_list_refresh (DtPortList *self)
{
  g_return_if_fail (DT_IS_PORT_LIST (self));

  for (guint i = 0; i < self->ports->len; i++)
    update_access (g_ptr_array_index (self->ports, i));
  if (self->bus != NULL)
    dt_mm_list_modems_async (self->bus, MM_TIMEOUT_MS, self->cancellable, on_modems_listed,
                             g_object_ref (self));
}

static void
watch_modem_manager (DtPortList *self)
{
  self->bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, NULL);
  if (self->bus == NULL)
    return;
  self->mm_signal =
    g_dbus_connection_signal_subscribe (self->bus, DT_MM_SERVICE,
                                        "org.freedesktop.DBus.ObjectManager", NULL, DT_MM_PATH,
                                        NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_mm_objects_changed,
                                        self, NULL);
}

/* ---- GObject --------------------------------------------------------------------------- */

static void
add_udev_devices (DtPortList *self)
{
  GList *devices = g_udev_client_query_by_subsystem (self->udev, "tty");

  for (GList *l = devices; l != NULL; l = l->next)
    handle_udev_device (self, "add", l->data);
  g_list_free_full (devices, g_object_unref);
}

/**
 * dt_port_list_new:
 *
 * The ports udev knows now, kept up to date, with ModemManager's view.
 */
DtPortList *
dt_port_list_new (void)
{
  static const char * const subsystems[] = { "tty", NULL };
  DtPortList *self = g_object_new (DT_TYPE_PORT_LIST, NULL);

  self->udev = g_udev_client_new (subsystems);
  g_signal_connect (self->udev, "uevent", G_CALLBACK (on_uevent), self);
  add_udev_devices (self);
  watch_modem_manager (self);
  dt_port_list_refresh (self);
  return self;
}

/**
 * dt_port_list_new_snapshot:
 *
 * The ports udev knows now, with their by-id names and permission problems, for a program
 * that lists them once (dialtone-cli): no udev monitor, and ModemManager is not asked.
 */
DtPortList *
dt_port_list_new_snapshot (void)
{
  DtPortList *self = g_object_new (DT_TYPE_PORT_LIST, NULL);

  /* No subsystems: GUdev listens for no events at all. */
  self->udev = g_udev_client_new (NULL);
  add_udev_devices (self);
  g_clear_object (&self->udev);
  return self;
}

/* A list without udev or ModemManager, for tests: events come from dt_port_list_handle_event. */
DtPortList *
dt_port_list_new_empty (void)
{
  return g_object_new (DT_TYPE_PORT_LIST, NULL);
}

static void
dt_port_list_dispose (GObject *object)
{
  DtPortList *self = DT_PORT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->udev != NULL)
    g_signal_handlers_disconnect_by_data (self->udev, self);
  g_clear_object (&self->udev);
  dt_dbus_clear_subscription (self->bus, &self->mm_signal);
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (dt_port_list_parent_class)->dispose (object);
}

static void
dt_port_list_finalize (GObject *object)
{
  DtPortList *self = DT_PORT_LIST (object);

  g_ptr_array_unref (self->ports);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (dt_port_list_parent_class)->finalize (object);
}

static void
dt_port_list_class_init (DtPortListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_port_list_dispose;
  object_class->finalize = dt_port_list_finalize;
}

static void
dt_port_list_init (DtPortList *self)
{
  self->ports = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}
