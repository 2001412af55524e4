/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The desktop's notification server: see dt-test-notifications.h. */

#include "config.h"

#include <gio/gio.h>

#include "dt-test-notifications.h"

static GPtrArray *notifications; /* "summary|body" of each Notify call */

static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "</method></interface></node>";

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  static guint32 next_id = 1;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s|%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", next_id++));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test",
                                                                      "dialtone", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

void
dt_test_serve_notifications (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call };
  /* Kept: the bus singleton closes (and the name goes) with its last reference. */
  static GDBusConnection *bus;
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) code = NULL;
  g_autoptr (GError) error = NULL;

  notifications = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  /* 1: DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER */
  code = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_get_uint32 (code), ==, 1);
}

gboolean
dt_test_notified (const char *prefix)
{
  for (guint i = 0; notifications != NULL && i < notifications->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (notifications, i), prefix))
      return TRUE;
  return FALSE;
}

void
dt_test_forget_notifications (void)
{
  if (notifications != NULL)
    g_ptr_array_set_size (notifications, 0);
}
