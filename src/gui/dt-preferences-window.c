/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtPreferencesWindow (see dt-preferences-window.h).  The switches are bound to GSettings
 * both ways, and the application follows the keys (the tray icon comes and goes at once; the
 * autostart file follows start-at-login; notifications stop being sent); the location rows
 * write their key only while what is typed is digits (a country code of one to three), and
 * mark the row otherwise.  An AdwWindow rather than an AdwPreferencesWindow, whose hidden
 * search page (with a search entry and a list GTK 4.8 leaves unnamed) screen readers would
 * still walk. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-preferences-window.h"
#include "dt-text-row.h"

struct _DtPreferencesWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwActionRow *tray_row;
  GtkSwitch *tray_switch;
  AdwActionRow *login_row;
  GtkSwitch *login_switch;
  GtkSwitch *notifications_switch;
  DtTextRow *country_row;
  DtTextRow *area_row;
  DtTextRow *long_distance_row;
  DtTextRow *international_row;

  GSettings *settings;
  DtAutostart *autostart;
};

G_DEFINE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, ADW_TYPE_WINDOW)

/* Start at login could not be applied: the switch is off again already (the setting went
 * back); say why. */
static void
on_autostart_applied (DtPreferencesWindow *self,
                      gboolean             start_at_login,
                      const GError        *error)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (error == NULL)
    return;
  /* Translators: %s says why, such as "Could not create ~/.config/autostart: …". */
  message = g_strdup_printf (_("Dialtone cannot start at login: %s"), error->message);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  dt_accessible_add_toast (self->toast_overlay, toast);
}

static void
describe_login (DtPreferencesWindow *self)
{
  const char *program = dt_autostart_get_program (self->autostart);
  g_autofree char *subtitle = NULL;

  if (program == NULL)
    subtitle = g_strdup (_("In the background when you log in, with only its tray icon"));
  else
    /* Translators: Dialtone runs from the folder it was built in; %s is its program there. */
    subtitle = g_strdup_printf (_("In the background when you log in, with only its tray "
                                  "icon. Run from its build folder, Dialtone starts %s, which "
                                  "must still be there."), program);
  adw_action_row_set_subtitle (self->login_row, subtitle);
}

static gboolean
all_digits (const char *text,
            guint       max_length)
{
  guint n = 0;

  for (; text[n] != '\0'; n++)
    if (!g_ascii_isdigit (text[n]))
      return FALSE;
  return n <= max_length;
}

static void
on_location_changed (DtPreferencesWindow *self,
                     GParamSpec          *pspec,
                     DtTextRow           *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "dt-key");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean country = row == self->country_row;
  gboolean valid = all_digits (text, country ? 3 : 8);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  if (!valid)
    return;
  if (country)
    g_settings_set_uint (self->settings, key, (guint) g_ascii_strtoull (text, NULL, 10));
  else
    g_settings_set_string (self->settings, key, text);
}

static void
setup_location_row (DtPreferencesWindow *self,
                    DtTextRow           *row,
                    const char          *key)
{
  g_autofree char *text = NULL;

  if (row == self->country_row)
    {
      guint code = g_settings_get_uint (self->settings, key);

      text = code > 0 ? g_strdup_printf ("%u", code) : g_strdup ("");
    }
  else
    text = g_settings_get_string (self->settings, key);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data (G_OBJECT (row), "dt-key", (gpointer) key);
  g_signal_connect_object (row, "notify::text", G_CALLBACK (on_location_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
dt_preferences_window_dispose (GObject *object)
{
  DtPreferencesWindow *self = DT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->autostart);

  G_OBJECT_CLASS (dt_preferences_window_parent_class)->dispose (object);
}

static void
dt_preferences_window_class_init (DtPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/"
                                               "dt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, tray_row);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, tray_switch);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow,
                                        notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, area_row);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, long_distance_row);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, international_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
dt_preferences_window_init (DtPreferencesWindow *self)
{
  g_type_ensure (DT_TYPE_TEXT_ROW);
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
}

/**
 * dt_preferences_window_new:
 * @parent: (nullable): the window it is modal over
 * @settings: the app's settings
 * @autostart: what applies start-at-login
 *
 * Returns: (transfer floating): the Preferences window
 */
GtkWidget *
dt_preferences_window_new (GtkWindow   *parent,
                           GSettings   *settings,
                           DtAutostart *autostart)
{
  DtPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (DT_IS_AUTOSTART (autostart), NULL);

  self = g_object_new (DT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->autostart = g_object_ref (autostart);

  g_settings_bind (settings, "show-tray-icon", self->tray_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Without the tray icon there is nothing to start in the background. */
  g_settings_bind (settings, "show-tray-icon", self->login_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (autostart, "applied", G_CALLBACK (on_autostart_applied), self,
                           G_CONNECT_SWAPPED);
  describe_login (self);

  setup_location_row (self, self->country_row, "location-country-code");
  setup_location_row (self, self->area_row, "location-area-code");
  setup_location_row (self, self->long_distance_row, "long-distance-prefix");
  setup_location_row (self, self->international_row, "international-prefix");
  return GTK_WIDGET (self);
}
