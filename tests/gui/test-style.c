/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dark style and high contrast follow the system.  The system here is the desktop's settings
 * portal (org.freedesktop.portal.Settings, which libadwaita's AdwStyleManager reads), played
 * by this test on a private session bus, in a thread of its own: libadwaita asks it with
 * blocking calls.  The real DtApplication starts and shows its window; the portal says
 * "prefer dark" and "high contrast", then changes its mind, as GNOME Settings would make it;
 * the window's text follows (light on dark, then dark on light), and nothing in Dialtone
 * pins a style of its own. */

#include "config.h"


#include "dt-application.h"
#include "dt-test-gui.h"
#include "dt-test-keyring.h"
#include "dt-window.h"

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Settings'>"
  "<method name='ReadAll'><arg type='as' direction='in'/>"
  "<arg type='a{sa{sv}}' direction='out'/></method>"
  "<method name='Read'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='v' direction='out'/></method>"
  "<signal name='SettingChanged'><arg type='s'/><arg type='s'/><arg type='v'/></signal>"
  "<property name='version' type='u' access='read'/>"
  "</interface></node>";

static GDBusConnection *portal_bus;
static gint color_scheme;       /* org.freedesktop.appearance: 1 prefers dark */
static gint high_contrast;      /* org.gnome.desktop.a11y.interface */
static GMutex lock;
static GCond ready;
static gboolean portal_up;

static GVariant *
setting (const char *ns,
         const char *key)
{
  if (g_str_equal (ns, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    return g_variant_new_uint32 (g_atomic_int_get (&color_scheme));
  if (g_str_equal (ns, "org.gnome.desktop.a11y.interface") && g_str_equal (key, "high-contrast"))
    return g_variant_new_boolean (g_atomic_int_get (&high_contrast));
  return NULL;
}

static void
on_portal_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method, "Read"))
    {
      const char *ns, *key;
      GVariant *value;

      g_variant_get (parameters, "(&s&s)", &ns, &key);
      value = setting (ns, key);
      /* Wrapped twice, as xdg-desktop-portal's Read answers (and libadwaita expects). */
      if (value != NULL)
        g_dbus_method_invocation_return_value (invocation,
                                               g_variant_new ("(v)",
                                                              g_variant_new_variant (value)));
      else
        g_dbus_method_invocation_return_dbus_error (invocation,
                                                    "org.freedesktop.portal.Error.NotFound",
                                                    "Requested setting not found");
      return;
    }
  /* ReadAll: the two settings this portal has. */
  {
    static const char * const keys[][2] = {
      { "org.freedesktop.appearance", "color-scheme" },
      { "org.gnome.desktop.a11y.interface", "high-contrast" },
    };
    GVariantBuilder all = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sa{sv}}"));

    for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        GVariantBuilder one = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

        g_variant_builder_add (&one, "{sv}", keys[i][1], setting (keys[i][0], keys[i][1]));
        g_variant_builder_add (&all, "{sa{sv}}", keys[i][0], &one);
      }
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a{sa{sv}})", &all));
  }
}

static GVariant *
on_portal_property (GDBusConnection  *connection,
                    const char       *sender,
                    const char       *path,
                    const char       *interface,
                    const char       *property,
                    GError          **error,
                    gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static gpointer
run_portal (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { on_portal_call, on_portal_property };
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (context);
  portal_bus = g_dbus_connection_new_for_address_sync (
    g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (portal_bus, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_mutex_lock (&lock);
  portal_up = TRUE;
  g_cond_signal (&ready);
  g_mutex_unlock (&lock);
  g_main_loop_run (loop);
  return NULL;
}

/* What GNOME Settings does: the portal says the setting changed. */
static void
system_sets (const char *ns,
             const char *key)
{
  g_autoptr (GError) error = NULL;

  g_dbus_connection_emit_signal (portal_bus, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", ns, key, setting (ns, key)), &error);
  g_assert_no_error (error);
}

static DtApplication *app;
static DtWindow *window;

/* The main window's text color: the style's, whichever it is. */
static void
text_color (GdkRGBA *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (window)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static gboolean
text_is_light (gconstpointer data)
{
  GdkRGBA color;

  text_color (&color);
  return color.red > 0.8 && color.green > 0.8 && color.blue > 0.8;
}

static gboolean
text_is_dark (gconstpointer data)
{
  GdkRGBA color;

  text_color (&color);
  return color.red < 0.3 && color.green < 0.3 && color.blue < 0.3;
}

static gboolean
style_is (gconstpointer data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = (GPOINTER_TO_INT (data) & 1) != 0;
  gboolean contrast = (GPOINTER_TO_INT (data) & 2) != 0;

  return adw_style_manager_get_dark (style) == dark &&
         adw_style_manager_get_high_contrast (style) == contrast;
}

static void
test_follows_system (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* Dialtone leaves the choice to the system. */
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (adw_style_manager_get_system_supports_color_schemes (style));

  /* The system prefers dark, with high contrast: so does Dialtone, text light on dark. */
  dt_test_wait_until (style_is, GINT_TO_POINTER (3));
  dt_test_wait_until (text_is_light, NULL);

  /* High contrast off, then light: Dialtone follows at once. */
  g_atomic_int_set (&high_contrast, FALSE);
  system_sets ("org.gnome.desktop.a11y.interface", "high-contrast");
  dt_test_wait_until (style_is, GINT_TO_POINTER (1));
  g_atomic_int_set (&color_scheme, 0);
  system_sets ("org.freedesktop.appearance", "color-scheme");
  dt_test_wait_until (style_is, GINT_TO_POINTER (0));
  dt_test_wait_until (text_is_dark, NULL);

  /* And back to dark. */
  g_atomic_int_set (&color_scheme, 1);
  system_sets ("org.freedesktop.appearance", "color-scheme");
  dt_test_wait_until (text_is_light, NULL);
  g_assert_true (adw_style_manager_get_dark (style));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  DtTestKeyring *bus;
  GThread *thread;
  int status;

  /* The private bus first; the portal on it before libadwaita starts. */
  bus = dt_test_keyring_start (DT_TEST_KEYRING_BUS_ONLY);
  g_setenv ("XDG_CONFIG_HOME", dt_test_keyring_get_dir (bus), TRUE);
  g_atomic_int_set (&color_scheme, 1);
  g_atomic_int_set (&high_contrast, TRUE);
  thread = g_thread_new ("portal", run_portal, NULL);
  g_mutex_lock (&lock);
  while (!portal_up)
    g_cond_wait (&ready, &lock);
  g_mutex_unlock (&lock);

  dt_test_gui_init (&argc, &argv);

  app = dt_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = g_object_ref (DT_WINDOW (dt_application_get_main_window (app)));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);

  g_test_add_func ("/style/follows-system", test_follows_system);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);
  g_clear_object (&app);
  dt_test_keyring_stop (bus);
  g_thread_unref (thread);
  return status;
}
