/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start-at-login setting, applied: the autostart file in $XDG_CONFIG_HOME/autostart on
 * the host, the XDG Background portal in a sandbox (see dt-autostart.h).  The portal answers
 * a request with a Response signal on a request object whose path the caller can predict
 * from its unique name and a token; the subscription is made before the call so that a quick
 * answer is not lost.  Only the latest change is pending at any time: a newer one cancels it.
 * A portal that is not there (no xdg-desktop-portal on the bus) falls back to the file. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dt-autostart.h"
#include "dt-dbus.h"

#define KEY "start-at-login"
#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_REQUEST_PREFIX PORTAL_PATH "/request/"

struct _DtAutostart
{
  GObject parent_instance;

  GSettings *settings;
  char *template_path;
  gboolean use_portal;
  GStrv command;              /* the file's Exec instead of the template's, or NULL */

  gboolean wanted;            /* the value last acted on: a change to it again is no change */
  GCancellable *cancellable;  /* the pending portal request */
  GDBusConnection *bus;
  guint response_id;          /* its Response subscription */
  char *request_path;
  guint start_source;         /* applying an "on" found at start */
  guint change_source;        /* applying a change of the setting */
};

G_DEFINE_FINAL_TYPE (DtAutostart, dt_autostart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_TEMPLATE_PATH,
  PROP_USE_PORTAL,
  PROP_COMMAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * dt_autostart_in_sandbox:
 *
 * Returns: whether Dialtone runs in a Flatpak sandbox, where only the portal can make it
 *   start at login
 */
gboolean
dt_autostart_in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * dt_autostart_in_build_tree:
 *
 * Returns: whether this program runs from the build folder rather than installed (as
 *   build-aux/run and the tests run it)
 */
gboolean
dt_autostart_in_build_tree (void)
{
#if DT_UNINSTALLED_PATHS
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S);
#else
  /* A distribution's build: the programs know no build tree. */
  return FALSE;
#endif
}

/**
 * dt_autostart_get_build_command:
 *
 * Returns: (transfer full) (nullable): run from the build tree, the command that starts the
 *   built dialtone in the background as build-aux/run would (its schemas, its
 *   translations); installed, NULL: the template's Exec is right
 */
char **
dt_autostart_get_build_command (void)
{
#if DT_UNINSTALLED_PATHS
  g_autoptr (GStrvBuilder) command = NULL;

  if (!dt_autostart_in_build_tree ())
    return NULL;
  command = g_strv_builder_new ();
  g_strv_builder_add_many (command, "env",
                           "GSETTINGS_SCHEMA_DIR=" BUILD_ROOT G_DIR_SEPARATOR_S "data",
                           "DIALTONE_LOCALEDIR=" BUILD_ROOT G_DIR_SEPARATOR_S "po",
                           BUILD_ROOT G_DIR_SEPARATOR_S "src" G_DIR_SEPARATOR_S "dialtone",
                           "--background", NULL);
  return g_strv_builder_end (command);
#else
  return NULL;
#endif
}

/**
 * dt_autostart_get_template_path:
 *
 * Returns: (transfer full): the autostart file to copy: in $DIALTONE_DATADIR when set, the
 *   build's own when running from the build tree, else the installed one
 */
char *
dt_autostart_get_template_path (void)
{
  const char *datadir = g_getenv ("DIALTONE_DATADIR");

#if DT_UNINSTALLED_PATHS
  if (datadir == NULL && dt_autostart_in_build_tree ())
    datadir = BUILD_ROOT G_DIR_SEPARATOR_S "data";
#endif
  return g_build_filename (datadir != NULL ? datadir : PKGDATADIR, "autostart",
                           APP_ID ".desktop", NULL);
}

/**
 * dt_autostart_get_file_path:
 *
 * Returns: (transfer full): the user's autostart file, which the session starts at login
 */
char *
dt_autostart_get_file_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/* What is in effect is @start_at_login; @error says why the setting could not be applied,
 * and then the setting is put back to match. */
static void
finish (DtAutostart  *self,
        gboolean      start_at_login,
        const GError *error)
{
  self->wanted = start_at_login;
  if (g_settings_get_boolean (self->settings, KEY) != start_at_login)
    g_settings_set_boolean (self->settings, KEY, start_at_login);
  g_signal_emit (self, signals[APPLIED], 0, start_at_login, error);
}

/* @arg as the Exec key of a desktop file quotes it: as it is when it holds nothing special,
 * else in double quotes with ", `, $ and \ escaped; % is %% everywhere (a field code). */
static void
append_exec_arg (GString    *exec,
                 const char *arg)
{
  gboolean quote = arg[0] == '\0' || strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") != NULL;

  if (exec->len > 0)
    g_string_append_c (exec, ' ');
  if (quote)
    g_string_append_c (exec, '"');
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (*p == '%')
        g_string_append_c (exec, '%');
      else if (quote && strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (exec, '\\');
      g_string_append_c (exec, *p);
    }
  if (quote)
    g_string_append_c (exec, '"');
}

/* The program of @command: its first word that is neither env nor a NAME=value. */
static const char *
command_program (const char * const *command)
{
  for (guint i = 0; command[i] != NULL; i++)
    if (!g_str_equal (command[i], "env") && strchr (command[i], '=') == NULL)
      return command[i];
  return command[0];
}

/* The template, its Exec (and TryExec) replaced by self->command when there is one. */
static char *
file_contents (DtAutostart  *self,
               gsize        *length,
               GError      **error)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (GString) exec = g_string_new (NULL);
  char *contents = NULL;

  if (self->command == NULL)
    return g_file_get_contents (self->template_path, &contents, length, error) ? contents
                                                                               : NULL;
  if (!g_key_file_load_from_file (key_file, self->template_path,
                                  G_KEY_FILE_KEEP_COMMENTS | G_KEY_FILE_KEEP_TRANSLATIONS,
                                  error))
    return NULL;
  for (guint i = 0; self->command[i] != NULL; i++)
    append_exec_arg (exec, self->command[i]);
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         exec->str);
  g_key_file_set_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TRY_EXEC,
                         command_program ((const char * const *) self->command));
  return g_key_file_to_data (key_file, length, error);
}

static gboolean
write_file (DtAutostart  *self,
            GError      **error)
{
  g_autofree char *path = dt_autostart_get_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = file_contents (self, &length, error);
  if (contents == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      /* Translators: the first %s is a folder, the second the system's reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Could not create %s: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }
  return g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                   error);
}

static gboolean
remove_file (GError **error)
{
  g_autofree char *path = dt_autostart_get_file_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;

      /* Translators: the first %s is a file, the second the system's reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), _("Could not remove %s: %s"),
                   path, g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static void
apply_file (DtAutostart *self,
            gboolean     start_at_login)
{
  g_autoptr (GError) error = NULL;

  if (start_at_login ? write_file (self, &error) : remove_file (&error))
    finish (self, start_at_login, NULL);
  else
    finish (self, !start_at_login, error);
}

static void
end_request (DtAutostart *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  dt_dbus_clear_subscription (self->bus, &self->response_id);
  g_clear_pointer (&self->request_path, g_free);
}

static void
on_portal_response (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  DtAutostart *self = user_data;
  g_autoptr (GVariant) results = NULL;
  gboolean wanted = self->wanted;
  gboolean autostart = FALSE;
  guint32 response;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "autostart", "b", &autostart);
  end_request (self);

  /* Turning it off cannot be refused: the portal removes its file whatever it answers. */
  if (!wanted)
    finish (self, FALSE, NULL);
  else if (response == 0 && autostart)
    finish (self, TRUE, NULL);
  else
    {
      g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                      _("The desktop did not allow Dialtone to "
                                                        "start at login"));
      finish (self, FALSE, error);
    }
}

static void
subscribe_response (DtAutostart *self,
                    const char  *path)
{
  dt_dbus_clear_subscription (self->bus, &self->response_id);
  g_free (self->request_path);
  self->request_path = g_strdup (path);
  self->response_id = g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME,
                                                          "org.freedesktop.portal.Request",
                                                          "Response", path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          on_portal_response, self, NULL);
}

static void
on_request_background_done (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr (DtAutostart) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  const char *handle;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      /* No portal here after all: the file is the next best thing. */
      g_debug ("autostart: the Background portal failed (%s); writing the file", error->message);
      end_request (self);
      apply_file (self, self->wanted);
      return;
    }
  /* Portals older than the handle_token convention answer on a path of their own. */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, self->request_path) != 0)
    subscribe_response (self, handle);
}

static void
apply_portal (DtAutostart *self,
              gboolean     start_at_login)
{
  g_autofree char *token = g_strdup_printf ("dialtone%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *path = NULL;
  const char *commandline[] = { "dialtone", "--background", NULL };
  GVariantBuilder options;

  /* The request's path: the unique name without its ':', dots made underscores. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->bus) + 1);
  g_strdelimit (sender, ".", '_');
  path = g_strconcat (PORTAL_REQUEST_PREFIX, sender, "/", token, NULL);
  subscribe_response (self, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Dialtone starts at login to show its tray "
                                                 "icon, from which you can dial.")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (start_at_login));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  self->cancellable = g_cancellable_new ();
  g_dbus_connection_call (self->bus, PORTAL_NAME, PORTAL_PATH, "org.freedesktop.portal.Background",
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          on_request_background_done, g_object_ref (self));
}

static void
apply (DtAutostart *self,
       gboolean     start_at_login)
{
  self->wanted = start_at_login;
  end_request (self);
  if (self->use_portal && self->bus == NULL)
    {
      g_autoptr (GError) error = NULL;

      self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
      if (self->bus == NULL)
        g_debug ("autostart: no session bus (%s); writing the file", error->message);
    }
  if (self->use_portal && self->bus != NULL)
    apply_portal (self, start_at_login);
  else
    apply_file (self, start_at_login);
}

static gboolean
apply_change (gpointer user_data)
{
  DtAutostart *self = user_data;
  gboolean start_at_login = g_settings_get_boolean (self->settings, KEY);

  self->change_source = 0;
  if (start_at_login != self->wanted)
    apply (self, start_at_login);
  return G_SOURCE_REMOVE;
}

/* Applied from the main loop, not inside the change: a switch bound to the key (Preferences)
 * is still writing it then, and would not see the key put back when the change fails. */
static void
on_settings_changed (DtAutostart *self)
{
  if (self->change_source == 0)
    self->change_source = g_idle_add (apply_change, self);
}

/* An autostart file whose TryExec names a program that is gone (a build folder since
 * removed): the session skips it, so it is as good as missing. */
static gboolean
file_is_stale (const char *path)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autofree char *try_exec = NULL;
  g_autofree char *found = NULL;

  if (!g_key_file_load_from_file (key_file, path, 0, NULL))
    return FALSE;
  try_exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP,
                                    G_KEY_FILE_DESKTOP_KEY_TRY_EXEC, NULL);
  if (try_exec == NULL)
    return FALSE;
  found = g_find_program_in_path (try_exec);
  return found == NULL;
}

static gboolean
apply_at_start (gpointer user_data)
{
  DtAutostart *self = user_data;
  g_autofree char *path = dt_autostart_get_file_path ();

  self->start_source = 0;
  if (!g_settings_get_boolean (self->settings, KEY) || self->wanted)
    return G_SOURCE_REMOVE;
  /* A file that is there stays as it is: the desktop's startup settings may have disabled
   * it, or another Dialtone (installed, or another build) written it.  Unless it starts a
   * program that is gone. */
  if (!self->use_portal && g_file_test (path, G_FILE_TEST_EXISTS) && !file_is_stale (path))
    finish (self, TRUE, NULL);
  else
    apply (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
dt_autostart_constructed (GObject *object)
{
  DtAutostart *self = DT_AUTOSTART (object);

  G_OBJECT_CLASS (dt_autostart_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "changed::" KEY, G_CALLBACK (on_settings_changed),
                           self, G_CONNECT_SWAPPED);
  /* Off at start changes nothing: a file the user made elsewhere stays.  On is applied
   * once the caller has connected to ::applied and the app has started. */
  if (g_settings_get_boolean (self->settings, KEY))
    self->start_source = g_idle_add (apply_at_start, self);
}

static void
dt_autostart_dispose (GObject *object)
{
  DtAutostart *self = DT_AUTOSTART (object);

  g_clear_handle_id (&self->start_source, g_source_remove);
  g_clear_handle_id (&self->change_source, g_source_remove);
  end_request (self);
  g_clear_object (&self->bus);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_autostart_parent_class)->dispose (object);
}

static void
dt_autostart_finalize (GObject *object)
{
  DtAutostart *self = DT_AUTOSTART (object);

  g_free (self->template_path);
  g_strfreev (self->command);

  G_OBJECT_CLASS (dt_autostart_parent_class)->finalize (object);
}

static void
dt_autostart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DtAutostart *self = DT_AUTOSTART (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_TEMPLATE_PATH:
      self->template_path = g_value_dup_string (value);
      break;
    case PROP_USE_PORTAL:
      self->use_portal = g_value_get_boolean (value);
      break;
    case PROP_COMMAND:
      self->command = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_autostart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DtAutostart *self = DT_AUTOSTART (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_TEMPLATE_PATH:
      g_value_set_string (value, self->template_path);
      break;
    case PROP_USE_PORTAL:
      g_value_set_boolean (value, self->use_portal);
      break;
    case PROP_COMMAND:
      g_value_set_boxed (value, self->command);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_autostart_class_init (DtAutostartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = dt_autostart_constructed;
  object_class->dispose = dt_autostart_dispose;
  object_class->finalize = dt_autostart_finalize;
  object_class->set_property = dt_autostart_set_property;
  object_class->get_property = dt_autostart_get_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, flags);
  properties[PROP_TEMPLATE_PATH] =
    g_param_spec_string ("template-path", NULL, NULL, NULL, flags);
  properties[PROP_USE_PORTAL] =
    g_param_spec_boolean ("use-portal", NULL, NULL, FALSE, flags);
  properties[PROP_COMMAND] =
    g_param_spec_boxed ("command", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
dt_autostart_init (DtAutostart *self)
{
}

/**
 * dt_autostart_new:
 * @settings: the app's settings, with the start-at-login key
 * @template_path: the autostart file to copy (dt_autostart_get_template_path())
 * @use_portal: ask the Background portal rather than write the file
 *   (dt_autostart_in_sandbox())
 *
 * Returns: (transfer full): an object that applies start-at-login while it lives
 */
DtAutostart *
dt_autostart_new (GSettings  *settings,
                  const char *template_path,
                  gboolean    use_portal)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (template_path != NULL, NULL);

  return g_object_new (DT_TYPE_AUTOSTART,
                       "settings", settings,
                       "template-path", template_path,
                       "use-portal", use_portal,
                       NULL);
}

/**
 * dt_autostart_new_with_command:
 * @settings: the app's settings, with the start-at-login key
 * @template_path: the autostart file to copy
 * @command: what the written file runs instead of the template's Exec
 *
 * Returns: (transfer full): an object that applies start-at-login with the file, never the
 *   portal, while it lives
 */
DtAutostart *
dt_autostart_new_with_command (GSettings          *settings,
                               const char         *template_path,
                               const char * const *command)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (template_path != NULL, NULL);
  g_return_val_if_fail (command != NULL && command[0] != NULL, NULL);

  return g_object_new (DT_TYPE_AUTOSTART,
                       "settings", settings,
                       "template-path", template_path,
                       "command", command,
                       NULL);
}

/**
 * dt_autostart_new_default:
 * @settings: the app's settings
 *
 * Returns: (transfer full): what the app uses: the portal in a sandbox, the file otherwise,
 *   running the built dialtone when run from the build tree
 */
DtAutostart *
dt_autostart_new_default (GSettings *settings)
{
  g_autofree char *template_path = dt_autostart_get_template_path ();
  g_auto (GStrv) command = dt_autostart_get_build_command ();

  if (command != NULL)
    return dt_autostart_new_with_command (settings, template_path,
                                          (const char * const *) command);
  return dt_autostart_new (settings, template_path, dt_autostart_in_sandbox ());
}

/**
 * dt_autostart_get_command:
 *
 * Returns: (nullable): what the written file runs, when it is not the template's Exec
 */
const char * const *
dt_autostart_get_command (DtAutostart *self)
{
  g_return_val_if_fail (DT_IS_AUTOSTART (self), NULL);

  return (const char * const *) self->command;
}

/**
 * dt_autostart_get_program:
 *
 * Returns: (nullable): the program the written file runs (its TryExec), when it is not the
 *   template's
 */
const char *
dt_autostart_get_program (DtAutostart *self)
{
  g_return_val_if_fail (DT_IS_AUTOSTART (self), NULL);

  return self->command != NULL ? command_program ((const char * const *) self->command) : NULL;
}
