/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stand-in for polkitd on a test's private system bus: it owns org.freedesktop.PolicyKit1
 * and answers every CheckAuthorization, as ModemManager asks before it accepts a kernel event
 * or an InhibitDevice call.  It approves, unless the file named by its argument exists: then
 * it refuses, so that a test can make ModemManager answer with an error.
 *
 *   dt-test-polkit REFUSE-FILE      (DBUS_SYSTEM_BUS_ADDRESS names the bus) */

#include "config.h"

#include <gio/gio.h>

static const char introspection[] =
  "<node><interface name='org.freedesktop.PolicyKit1.Authority'>"
  "<method name='CheckAuthorization'>"
  "<arg type='(sa{sv})' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{ss}' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='(bba{ss})' direction='out'/>"
  "</method></interface></node>";

static const char *refuse_file;

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  gboolean allow = !g_file_test (refuse_file, G_FILE_TEST_EXISTS);

  if (g_strcmp0 (method_name, "CheckAuthorization") != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation,
                                                  "org.freedesktop.DBus.Error.UnknownMethod",
                                                  method_name);
      return;
    }
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new_parsed ("((%b, false, @a{ss} {}),)",
                                                               allow));
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_printerr ("dt-test-polkit: cannot own %s\n", name);
  g_main_loop_quit (user_data);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  /* The parent waits for this line. */
  g_print ("ready\n");
}

int
main (int   argc,
      char *argv[])
{
  static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusNodeInfo) info = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  if (argc != 2)
    {
      g_printerr ("usage: dt-test-polkit REFUSE-FILE\n");
      return 2;
    }
  refuse_file = argv[1];
  info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (bus == NULL)
    {
      g_printerr ("dt-test-polkit: %s\n", error->message);
      return 1;
    }
  if (g_dbus_connection_register_object (bus, "/org/freedesktop/PolicyKit1/Authority",
                                         info->interfaces[0], &vtable, NULL, NULL, &error) == 0)
    {
      g_printerr ("dt-test-polkit: %s\n", error->message);
      return 1;
    }
  g_bus_own_name_on_connection (bus, "org.freedesktop.PolicyKit1", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired, on_name_lost, loop, NULL);
  g_main_loop_run (loop);
  return 1;
}
