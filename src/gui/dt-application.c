/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: one instance per session (a second `dialtone` raises the first window
 * through D-Bus activation), the phonebook loaded once the window exists so that a file
 * moved aside is reported in it, and the keyboard accelerators.  The help overlay
 * (win.show-help-overlay, Ctrl+?) comes from gtk/help-overlay.ui in the resources, which
 * GtkApplication picks up on its own. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-application.h"
#include "dt-resources.h"
#include "dt-window.h"

struct _DtApplication
{
  AdwApplication parent_instance;

  DtPhonebook *phonebook;
  GSettings *settings;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (DtApplication, dt_application, ADW_TYPE_APPLICATION)

/* Running from the build tree, translations come from the build's po/ folder. */
void
dt_application_bind_textdomain (void)
{
  const char *localedir = g_getenv ("DIALTONE_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static DtWindow *
get_window (DtApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (DT_IS_WINDOW (window))
    return DT_WINDOW (window);
  g_application_activate (G_APPLICATION (self));
  return DT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
new_entry_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  DtApplication *self = user_data;

  dt_window_new_entry (get_window (self));
}

static void
dial_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  /* Disabled until the dial engine is wired in (issue 6). */
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DtApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* The app quits with its last window, as when the user closes them. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DtApplication *self = user_data;
  const char *developers[] = { "The Dialtone developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Dialtone"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Dialtone developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/dialtone/dialtone",
                         "issue-url", "https://github.com/dialtone/dialtone/issues",
                         "copyright", "© 2024 The Dialtone developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new-entry", new_entry_action },
  { "dial", dial_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
};

static void
dt_application_startup (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-entry", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.edit-selected", { "<Control>e", NULL } },
    { "win.duplicate-selected", { "<Control>d", NULL } },
    { "win.delete-selected", { "Delete", "KP_Delete", NULL } },
  };
  GAction *dial;

  G_APPLICATION_CLASS (dt_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  dial = g_action_map_lookup_action (G_ACTION_MAP (self), "dial");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (dial), FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APP_ID);
  self->phonebook = dt_phonebook_new (NULL);
}

static void
dt_application_activate (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (dt_window_new (self));

  /* After the window, which shows what loading reports. */
  if (!self->loaded)
    {
      g_autoptr (GError) error = NULL;

      self->loaded = TRUE;
      if (!dt_phonebook_load (self->phonebook, &error))
        dt_window_show_load_error (DT_WINDOW (window), error);
    }

  gtk_window_present (window);
}

static void
dt_application_shutdown (GApplication *application)
{
  DtApplication *self = DT_APPLICATION (application);
  g_autoptr (GError) error = NULL;

  if (self->phonebook != NULL && !dt_phonebook_flush (self->phonebook, &error))
    g_warning ("The last changes to the phonebook could not be saved: %s", error->message);

  G_APPLICATION_CLASS (dt_application_parent_class)->shutdown (application);
}

static void
dt_application_dispose (GObject *object)
{
  DtApplication *self = DT_APPLICATION (object);

  g_clear_object (&self->phonebook);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_application_parent_class)->dispose (object);
}

static void
dt_application_class_init (DtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dt_application_dispose;
  app_class->startup = dt_application_startup;
  app_class->activate = dt_application_activate;
  app_class->shutdown = dt_application_shutdown;

  dt_register_resource ();
}

static void
dt_application_init (DtApplication *self)
{
}

DtApplication *
dt_application_new (void)
{
  return g_object_new (DT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dialtone/Dialtone",
                       NULL);
}

/**
 * dt_application_get_phonebook:
 *
 * Returns: (transfer none): the phonebook, which exists from startup on
 */
DtPhonebook *
dt_application_get_phonebook (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->phonebook;
}

GSettings *
dt_application_get_settings (DtApplication *self)
{
  g_return_val_if_fail (DT_IS_APPLICATION (self), NULL);

  return self->settings;
}
