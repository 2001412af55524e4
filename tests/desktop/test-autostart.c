/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start-at-login setting, applied by DtAutostart, as the session and the desktop see it.
 * On the host: the file in $XDG_CONFIG_HOME/autostart appears with the installed template's
 * contents (Exec=dialtone --background, valid for desktop-file-validate) when the setting
 * goes on, goes away when it goes off, comes back at start when it is on, and is left alone
 * at start when it is off; a folder that cannot be written and a missing template put the
 * setting back to off with the reason.  In a sandbox: the XDG Background portal is asked, on
 * a private session bus where a stand-in plays xdg-desktop-portal (it answers
 * RequestBackground as the real one does: a request object at the path made from the
 * caller's name and handle_token, then its Response signal); a refusal puts the setting
 * back; without a portal on the bus the file is written instead.  The real file path is
 * also tested end to end, with the real app, in tests/tray/test-background.c. */

#include "config.h"

#include <gio/gdesktopappinfo.h>
#include <glib/gstdio.h>

#include "dt-autostart.h"
#include "dt-test-readonly.h"

#define KEY "start-at-login"
#define LIMIT_S 10

static char *template_path;

/* The stand-in portal ----------------------------------------------------------------- */

typedef struct {
  GDBusConnection *connection;
  guint registration;
  GPtrArray *calls;          /* the (sa{sv}) parameters of each RequestBackground */
  GPtrArray *handles;        /* the request path each got */
  guint32 response;          /* 0: the user allowed it, 1: refused */
} Portal;

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "<method name='RequestBackground'><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/><arg type='o' direction='out'/></method>"
  "</interface></node>";

typedef struct {
  Portal *portal;
  char *destination;
  char *handle;
  gboolean autostart;
} PendingResponse;

static gboolean
send_response (gpointer user_data)
{
  PendingResponse *pending = user_data;
  gboolean allowed = pending->portal->response == 0;
  g_autoptr (GError) error = NULL;

  g_dbus_connection_emit_signal (pending->portal->connection, pending->destination,
                                 pending->handle, "org.freedesktop.portal.Request", "Response",
                                 g_variant_new_parsed ("(%u, {'background': <%b>, "
                                                       "'autostart': <%b>})",
                                                       pending->portal->response, allowed,
                                                       allowed && pending->autostart),
                                 &error);
  g_assert_no_error (error);
  g_free (pending->destination);
  g_free (pending->handle);
  g_free (pending);
  return G_SOURCE_REMOVE;
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
  Portal *portal = user_data;
  g_autoptr (GVariant) options = g_variant_get_child_value (parameters, 1);
  g_autofree char *name = g_strdup (sender + 1);
  const char *token = "t";
  PendingResponse *pending = g_new0 (PendingResponse, 1);

  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "autostart", "b", &pending->autostart);
  g_strdelimit (name, ".", '_');
  pending->portal = portal;
  pending->destination = g_strdup (sender);
  pending->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", name,
                                     token);
  g_ptr_array_add (portal->calls, g_variant_ref (parameters));
  g_ptr_array_add (portal->handles, g_strdup (pending->handle));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", pending->handle));
  /* The answer comes later, as it does once the user has been asked. */
  g_timeout_add (50, send_response, pending);
}

static Portal *
portal_start (guint32 response)
{
  static const GDBusInterfaceVTable vtable = { on_portal_call, NULL, NULL };
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  Portal *portal = g_new0 (Portal, 1);
  guint32 result;

  portal->response = response;
  portal->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  portal->handles = g_ptr_array_new_with_free_func (g_free);
  portal->connection = g_dbus_connection_new_for_address_sync (
    g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  portal->registration = g_dbus_connection_register_object (portal->connection,
                                                            "/org/freedesktop/portal/desktop",
                                                            info->interfaces[0], &vtable,
                                                            portal, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);
  return portal;
}

static void
portal_stop (Portal *portal)
{
  g_dbus_connection_unregister_object (portal->connection, portal->registration);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_object_unref (portal->connection);
  g_ptr_array_unref (portal->calls);
  g_ptr_array_unref (portal->handles);
  g_free (portal);
}

/* What a call asked for. */
static GVariant *
call_option (Portal     *portal,
             guint       i,
             const char *key)
{
  g_autoptr (GVariant) options = g_variant_get_child_value (portal->calls->pdata[i], 1);
  GVariant *value = g_variant_lookup_value (options, key, NULL);

  g_assert_nonnull (value);
  return value;
}

/* Fixture ----------------------------------------------------------------------------- */

typedef struct {
  GSettings *settings;
  DtAutostart *autostart;
  guint n_applied;
  gboolean applied_value;
  char *applied_error;
} Fixture;

static char *
autostart_file (void)
{
  return dt_autostart_get_file_path ();
}

static void
on_applied (DtAutostart  *autostart,
            gboolean      start_at_login,
            const GError *error,
            Fixture      *f)
{
  f->n_applied++;
  f->applied_value = start_at_login;
  g_clear_pointer (&f->applied_error, g_free);
  if (error != NULL)
    f->applied_error = g_strdup (error->message);
}

static gboolean
on_limit (gpointer user_data)
{
  g_error ("nothing was applied within %d s", LIMIT_S);
  return G_SOURCE_REMOVE;
}

static void
wait_applied (Fixture *f,
              guint    n)
{
  guint limit = g_timeout_add_seconds (LIMIT_S, on_limit, NULL);

  while (f->n_applied < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

/* Lets any late signal or extra call arrive: none should. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *dir = g_path_get_dirname (file);

  g_unlink (file);
  g_rmdir (dir);
  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, KEY);
}

static void
start_autostart (Fixture  *f,
                 gboolean  use_portal,
                 const char *template)
{
  f->autostart = dt_autostart_new (f->settings, template ? template : template_path, use_portal);
  g_signal_connect (f->autostart, "applied", G_CALLBACK (on_applied), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->autostart != NULL)
    g_assert_finalize_object (f->autostart);
  g_clear_object (&f->settings);
  g_free (f->applied_error);
}

static void
assert_file_is_template (void)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *contents = NULL, *expected = NULL, *exec = NULL;
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  int status = -1;
  const char *argv[] = { "desktop-file-validate", file, NULL };

  g_assert_true (g_file_get_contents (file, &contents, NULL, &error));
  g_assert_true (g_file_get_contents (template_path, &expected, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_true (g_key_file_load_from_data (key_file, contents, -1, 0, &error));
  exec = g_key_file_get_string (key_file, "Desktop Entry", "Exec", &error);
  g_assert_cmpstr (exec, ==, "dialtone --background");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The file, on the host ----------------------------------------------------------------- */

static void
test_file_on_off (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = autostart_file ();

  start_autostart (f, FALSE, NULL);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  g_assert_null (f->applied_error);
  assert_file_is_template ();

  g_settings_set_boolean (f->settings, KEY, FALSE);
  wait_applied (f, 2);
  g_assert_false (f->applied_value);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  /* Off again is no change. */
  g_settings_set_boolean (f->settings, KEY, FALSE);
  settle ();
  g_assert_cmpuint (f->n_applied, ==, 2);
}

static void
test_file_at_start (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *contents = NULL;
  const char *own = "[Desktop Entry]\nType=Application\nName=Mine\nExec=dialtone\n";

  /* Off at start: a file the user made stays as it is. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, own, -1, NULL));
  start_autostart (f, FALSE, NULL);
  settle ();
  g_assert_cmpuint (f->n_applied, ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, own);
  g_clear_object (&f->autostart);

  /* On at start, the file gone meanwhile: it comes back. */
  g_unlink (file);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  start_autostart (f, FALSE, NULL);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  assert_file_is_template ();
}

static void
test_file_unwritable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *config = g_path_get_dirname (dir);

  /* $XDG_CONFIG_HOME exists and is read-only: the autostart folder cannot be made. */
  start_autostart (f, FALSE, NULL);
  dt_test_readonly_begin (config);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  dt_test_readonly_end (config);

  g_assert_false (f->applied_value);
  g_assert_nonnull (f->applied_error);
  g_assert_nonnull (strstr (f->applied_error, dir));
  g_assert_false (g_settings_get_boolean (f->settings, KEY));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  settle ();
  g_assert_cmpuint (f->n_applied, ==, 1);
}

static void
test_file_no_template (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *file = autostart_file ();

  start_autostart (f, FALSE, "/nonexistent/dialtone/autostart/" APP_ID ".desktop");
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);

  g_assert_false (f->applied_value);
  g_assert_nonnull (f->applied_error);
  g_assert_nonnull (strstr (f->applied_error, "/nonexistent/dialtone/autostart"));
  g_assert_false (g_settings_get_boolean (f->settings, KEY));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* Another command: the build tree's ------------------------------------------------------ */

/* The file runs the command given, word for word however it has to be quoted (blanks, quotes,
 * $, %, a backslash), when the session launches it; TryExec names its program, so that the
 * session skips the file once the program is gone; the template's translations stay. */
static void
test_file_command (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *out = g_build_filename (g_get_user_config_dir (), "launched", NULL);
  g_autofree char *script = g_strdup_printf ("printf '%%s|' \"$DIALTONE_T\" \"$@\" > '%s'", out);
  const char *command[] = { "env", "DIALTONE_T=a b", "/bin/sh", "-c", script, "sh", "1 2",
                            "x\"y", "$HOME", "100%", "back\\slash", "`id`", NULL };
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GDesktopAppInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *try_exec = NULL, *name_es = NULL, *launched = NULL;
  const char *validate[] = { "desktop-file-validate", file, NULL };
  int status = -1;

  f->autostart = dt_autostart_new_with_command (f->settings, template_path, command);
  g_signal_connect (f->autostart, "applied", G_CALLBACK (on_applied), f);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  g_assert_null (f->applied_error);

  g_assert_true (g_spawn_sync (NULL, (char **) validate, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_key_file_load_from_file (key_file, file, G_KEY_FILE_KEEP_TRANSLATIONS,
                                            &error));
  try_exec = g_key_file_get_string (key_file, "Desktop Entry", "TryExec", &error);
  g_assert_cmpstr (try_exec, ==, "/bin/sh");
  name_es = g_key_file_get_locale_string (key_file, "Desktop Entry", "Comment", "es", &error);
  g_assert_cmpstr (name_es, ==, "Conéctese a Internet con un módem");

  /* Launched as a session launches it at login. */
  info = g_desktop_app_info_new_from_filename (file);
  g_assert_nonnull (info);
  g_assert_true (g_app_info_launch (G_APP_INFO (info), NULL, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < LIMIT_S * 100 && !g_file_test (out, G_FILE_TEST_EXISTS); i++)
    g_usleep (10000);
  g_usleep (50000);
  g_assert_true (g_file_get_contents (out, &launched, NULL, &error));
  g_assert_cmpstr (launched, ==, "a b|1 2|x\"y|$HOME|100%|back\\slash|`id`|");
  g_unlink (out);
}

/* The build tree's command runs the built dialtone with the build's schemas and
 * translations (this test is in the build tree). */
static void
test_build_command (Fixture       *f,
                    gconstpointer  data)
{
  g_auto (GStrv) command = dt_autostart_get_build_command ();
  g_autofree char *template = dt_autostart_get_template_path ();
  g_autofree char *dialtone = g_build_filename (BUILD_ROOT, "src", "dialtone", NULL);
  const char * const expected[] = { "env", "GSETTINGS_SCHEMA_DIR=" BUILD_ROOT "/data",
                                    "DIALTONE_LOCALEDIR=" BUILD_ROOT "/po", dialtone,
                                    "--background", NULL };

#if DT_UNINSTALLED_PATHS
  g_assert_true (dt_autostart_in_build_tree ());
  g_assert_cmpstrv (command, expected);
  g_assert_true (g_file_test (dialtone, G_FILE_TEST_IS_EXECUTABLE));
#else
  /* Built for a distribution (-Duninstalled_paths=false): no build tree is known. */
  g_assert_false (dt_autostart_in_build_tree ());
  g_assert_null (command);
  (void) expected;
#endif
  g_assert_true (g_file_test (template, G_FILE_TEST_IS_REGULAR));
}

/* On at start with a file already there (disabled in the desktop's startup settings, or
 * written by another Dialtone): left as it is. */
static void
test_file_at_start_kept (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *contents = NULL;
  const char *own = "[Desktop Entry]\nType=Application\nName=Dialtone\n"
                    "Exec=dialtone --background\nX-GNOME-Autostart-enabled=false\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, own, -1, NULL));
  g_settings_set_boolean (f->settings, KEY, TRUE);
  start_autostart (f, FALSE, NULL);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, own);
  /* Turned off and on again, by the user: Dialtone's own file. */
  g_settings_set_boolean (f->settings, KEY, FALSE);
  wait_applied (f, 2);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 3);
  assert_file_is_template ();
}

/* On at start with a file that starts a program since gone (a build folder removed): the
 * session would skip it, so it is written again. */
static void
test_file_at_start_stale (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  const char *stale = "[Desktop Entry]\nType=Application\nName=Dialtone\n"
                      "Exec=/nonexistent/_build/src/dialtone --background\n"
                      "TryExec=/nonexistent/_build/src/dialtone\n";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, stale, -1, NULL));
  g_settings_set_boolean (f->settings, KEY, TRUE);
  start_autostart (f, FALSE, NULL);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  assert_file_is_template ();
}

/* The portal, in a sandbox --------------------------------------------------------------- */

static void
test_portal_on_off (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = autostart_file ();
  Portal *portal = portal_start (0);
  g_autoptr (GVariant) reason = NULL, commandline = NULL, activatable = NULL;
  g_autoptr (GVariant) on = NULL, off = NULL;
  g_autoptr (GVariant) window = NULL;
  const char *expected_command[] = { "dialtone", "--background", NULL };
  g_autofree const char **command = NULL;

  start_autostart (f, TRUE, NULL);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  g_assert_null (f->applied_error);
  g_assert_true (g_settings_get_boolean (f->settings, KEY));

  g_assert_cmpuint (portal->calls->len, ==, 1);
  window = g_variant_get_child_value (portal->calls->pdata[0], 0);
  g_assert_cmpstr (g_variant_get_string (window, NULL), ==, "");
  on = call_option (portal, 0, "autostart");
  g_assert_true (g_variant_get_boolean (on));
  commandline = call_option (portal, 0, "commandline");
  command = g_variant_get_strv (commandline, NULL);
  g_assert_cmpstrv (command, expected_command);
  activatable = call_option (portal, 0, "dbus-activatable");
  g_assert_false (g_variant_get_boolean (activatable));
  reason = call_option (portal, 0, "reason");
  g_assert_cmpuint (strlen (g_variant_get_string (reason, NULL)), >, 10);
  /* The portal writes the file from outside the sandbox, not Dialtone. */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (f->settings, KEY, FALSE);
  wait_applied (f, 2);
  g_assert_false (f->applied_value);
  g_assert_cmpuint (portal->calls->len, ==, 2);
  off = call_option (portal, 1, "autostart");
  g_assert_false (g_variant_get_boolean (off));
  /* Each request has its own token, so its own request path. */
  g_assert_cmpstr (portal->handles->pdata[0], !=, portal->handles->pdata[1]);
  portal_stop (portal);
}

static void
test_portal_refused (Fixture       *f,
                     gconstpointer  data)
{
  Portal *portal = portal_start (1);

  start_autostart (f, TRUE, NULL);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  g_assert_false (f->applied_value);
  g_assert_nonnull (f->applied_error);
  g_assert_false (g_settings_get_boolean (f->settings, KEY));
  /* Put back to off without asking the portal again. */
  settle ();
  g_assert_cmpuint (portal->calls->len, ==, 1);
  g_assert_cmpuint (f->n_applied, ==, 1);
  portal_stop (portal);
}

static void
test_portal_absent (Fixture       *f,
                    gconstpointer  data)
{
  /* No portal on the bus: the file instead. */
  start_autostart (f, TRUE, NULL);
  g_settings_set_boolean (f->settings, KEY, TRUE);
  wait_applied (f, 1);
  g_assert_true (f->applied_value);
  assert_file_is_template ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("dialtone-autostart-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autoptr (GTestDBus) bus = NULL;
  int status;

  g_assert_cmpint (g_mkdir (config, 0700), ==, 0);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  template_path = dt_autostart_get_template_path ();
  g_test_init (&argc, &argv, NULL);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/autostart/file/on-off", test_file_on_off);
  ADD ("/autostart/file/at-start", test_file_at_start);
  ADD ("/autostart/file/unwritable", test_file_unwritable);
  ADD ("/autostart/file/no-template", test_file_no_template);
  ADD ("/autostart/file/at-start-kept", test_file_at_start_kept);
  ADD ("/autostart/file/at-start-stale", test_file_at_start_stale);
  ADD ("/autostart/file/command", test_file_command);
  ADD ("/autostart/file/build-command", test_build_command);
  ADD ("/autostart/portal/on-off", test_portal_on_off);
  ADD ("/autostart/portal/refused", test_portal_refused);
  ADD ("/autostart/portal/absent", test_portal_absent);
#undef ADD

  status = g_test_run ();
  g_test_dbus_down (bus);
  g_free (template_path);
  return status;
}
