/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preferences window changes nothing itself: each switch is bound to its key both ways,
 * and the application follows the keys (the tray icon comes and goes at once; the autostart
 * file follows start-at-login; notifications stop being sent). */

#include "config.h"

#include "dt-accessible.h"
#include "dt-preferences-window.h"

struct _DtPreferencesWindow
{
  AdwWindow parent_instance;

  GtkSwitch *tray_switch;
  GtkSwitch *login_switch;
  GtkSwitch *notifications_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (DtPreferencesWindow, dt_preferences_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dt_preferences_window_constructed (GObject *object)
{
  DtPreferencesWindow *self = DT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (dt_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "show-tray-icon", self->tray_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
dt_preferences_window_dispose (GObject *object)
{
  DtPreferencesWindow *self = DT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dt_preferences_window_parent_class)->dispose (object);
}

static void
dt_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DtPreferencesWindow *self = DT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_preferences_window_class_init (DtPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_preferences_window_constructed;
  object_class->dispose = dt_preferences_window_dispose;
  object_class->set_property = dt_preferences_window_set_property;

  /* The application's, io.github.dialtone.Dialtone. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dialtone/Dialtone/dt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, tray_switch);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, DtPreferencesWindow, notifications_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
dt_preferences_window_init (DtPreferencesWindow *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
}

/**
 * dt_preferences_window_new:
 * @parent: (nullable): the window it opens over
 * @settings: the application's settings
 */
GtkWidget *
dt_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (DT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
