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

#include "dt-autostart.h"

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

  gboolean wanted;            /* the value last acted on: a change to it again is no change */
  GCancellable *cancellable;  /* the pending portal request */
  GDBusConnection *bus;
  guint response_id;          /* its Response subscription */
  char *request_path;
  guint start_source;         /* applying an "on" found at start */
};

G_DEFINE_FINAL_TYPE (DtAutostart, dt_autostart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_TEMPLATE_PATH,
  PROP_USE_PORTAL,
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
 * dt_autostart_get_template_path:
 *
 * Returns: (transfer full): the installed autostart file, or the build tree's when
 *   $DIALTONE_DATADIR names the build's data folder
 */
char *
dt_autostart_get_template_path (void)
{
  const char *datadir = g_getenv ("DIALTONE_DATADIR");

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

static gboolean
write_file (DtAutostart  *self,
            GError      **error)
{
  g_autofree char *path = dt_autostart_get_file_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (self->template_path, &contents, &length, error))
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
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_id);
  self->response_id = 0;
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
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->response_id);
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

static void
on_settings_changed (DtAutostart *self)
{
  gboolean start_at_login = g_settings_get_boolean (self->settings, KEY);

  if (start_at_login != self->wanted)
    apply (self, start_at_login);
}

static gboolean
apply_at_start (gpointer user_data)
{
  DtAutostart *self = user_data;

  self->start_source = 0;
  if (g_settings_get_boolean (self->settings, KEY) && !self->wanted)
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
