/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The error dialog counts down once a second when a redial is due: after a failed dial while
 * the entry has redial attempts left, or after a dropped link when the entry redials on link
 * drops.  At zero it answers "redial" as if Redial had been clicked; the dial session then
 * dials again.  Closing it (Close, Cancel, Escape) answers "close". */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-error-dialog.h"
#include "dt-log-view.h"
#include "dt-port-access.h"

struct _DtErrorDialog
{
  AdwWindow parent_instance;

  GtkLabel *error_label;
  GtkLabel *detail_label;
  GtkBox *command_box;
  GtkLabel *command_label;
  GtkLabel *countdown_label;
  GtkRevealer *log_revealer;
  DtLogView *log_view;
  GtkToggleButton *more_info_button;
  GtkButton *close_button;
  GtkButton *redial_button;

  DtConnection *connection;
  gboolean link_dropped;
  guint countdown;
  guint attempt;                /* the dial that failed: 1 for the first */
  guint attempts;               /* dials allowed, the first included; 0 for a dropped link */
  guint countdown_id;
  gboolean responded;
};

G_DEFINE_FINAL_TYPE (DtErrorDialog, dt_error_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_LINK_DROPPED,
  PROP_COUNTDOWN,
  PROP_ATTEMPT,
  PROP_ATTEMPTS,
  N_PROPS
};

enum {
  SIGNAL_RESPONSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
respond (DtErrorDialog *self,
         const char    *response)
{
  if (self->responded)
    return;
  self->responded = TRUE;
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_signal_emit (self, signals[SIGNAL_RESPONSE], 0, response);
}

static void
update_countdown (DtErrorDialog *self)
{
  g_autofree char *text = NULL;

  if (self->countdown_id == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
      return;
    }
  if (self->attempts > 0)
    /* Translators: %u seconds, then which dial is next and how many the entry allows. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Redialing in %u second (attempt %u of %u)…",
                                         "Redialing in %u seconds (attempt %u of %u)…",
                                         self->countdown),
                            self->countdown, self->attempt + 1, self->attempts);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Redialing in %u second…",
                                         "Redialing in %u seconds…", self->countdown),
                            self->countdown);
  gtk_label_set_label (self->countdown_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  DtErrorDialog *self = user_data;

  if (--self->countdown > 0)
    {
      update_countdown (self);
      return G_SOURCE_CONTINUE;
    }
  self->countdown_id = 0;
  respond (self, "redial");
  return G_SOURCE_REMOVE;
}

static void
on_redial_clicked (DtErrorDialog *self)
{
  respond (self, "redial");
}

static gboolean
dt_error_dialog_close_request (GtkWindow *window)
{
  respond (DT_ERROR_DIALOG (window), "close");
  return FALSE;
}

static void
on_copy_clicked (DtErrorDialog *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                          gtk_label_get_label (self->command_label));
}

/**
 * dt_error_dialog_show_port_access:
 * @access_info: (nullable): why the port could not be opened
 *
 * Shows the command that gives the user the port, selectable and with a Copy button, when
 * there is one (not a member of the port's group); hides it otherwise.
 */
void
dt_error_dialog_show_port_access (DtErrorDialog      *self,
                                  const DtPortAccess *access_info)
{
  g_autofree char *command = access_info != NULL ? dt_port_access_command (access_info) : NULL;

  g_return_if_fail (DT_IS_ERROR_DIALOG (self));

  gtk_label_set_label (self->command_label, command != NULL ? command : "");
  gtk_widget_set_visible (GTK_WIDGET (self->command_box), command != NULL);
}

static void
fill (DtErrorDialog *self)
{
  DtEntry *entry = dt_connection_get_entry (self->connection);
  const char *name = entry != NULL ? dt_entry_get_name (entry) : "";
  guint code = dt_connection_get_error_code (self->connection);
  const char *detail = dt_connection_get_error_message (self->connection);
  g_autofree char *title = NULL;
  g_autofree char *error = dt_ras_error_format (code);

  if (self->link_dropped)
    /* Translators: the error dialog's title after a dropped link; %s is the entry's name. */
    title = g_strdup_printf (_("%s Was Disconnected"), name);
  else
    /* Translators: the error dialog's title after a failed dial; %s is the entry's name. */
    title = g_strdup_printf (_("Error Connecting to %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->error_label, error);

  /* The engine's own words, when they say more than the table does. */
  if (detail != NULL && g_strcmp0 (detail, dt_ras_error_get_message (code)) != 0)
    gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label),
                          gtk_label_get_label (self->detail_label)[0] != '\0');
  /* A port this user may not open: the command that fixes it, to copy. */
  if (code == DT_RAS_ERROR_PORT_ALREADY_OPEN && entry != NULL &&
      dt_entry_get_device (entry) != NULL)
    {
      g_autoptr (DtPortAccess) access_info = dt_port_access_check (dt_entry_get_device (entry));

      dt_error_dialog_show_port_access (self, access_info);
    }

  gtk_button_set_label (self->close_button, self->countdown > 0 ? _("_Cancel") : _("_Close"));
  if (self->countdown > 0)
    self->countdown_id = g_timeout_add_seconds (1, on_countdown_tick, self);
  update_countdown (self);
  dt_log_view_set_connection (self->log_view, self->connection);
}

static void
dt_error_dialog_constructed (GObject *object)
{
  DtErrorDialog *self = DT_ERROR_DIALOG (object);

  G_OBJECT_CLASS (dt_error_dialog_parent_class)->constructed (object);

  g_object_bind_property (self->more_info_button, "active", self->log_revealer,
                          "reveal-child", G_BINDING_SYNC_CREATE);
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->redial_button));
}

static void
dt_error_dialog_dispose (GObject *object)
{
  DtErrorDialog *self = DT_ERROR_DIALOG (object);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ERROR_DIALOG);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (dt_error_dialog_parent_class)->dispose (object);
}

static void
dt_error_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DtErrorDialog *self = DT_ERROR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: g_value_set_object (value, self->connection); break;
    case PROP_LINK_DROPPED: g_value_set_boolean (value, self->link_dropped); break;
    case PROP_COUNTDOWN: g_value_set_uint (value, self->countdown); break;
    case PROP_ATTEMPT: g_value_set_uint (value, self->attempt); break;
    case PROP_ATTEMPTS: g_value_set_uint (value, self->attempts); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_error_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DtErrorDialog *self = DT_ERROR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONNECTION: self->connection = g_value_dup_object (value); break;
    case PROP_LINK_DROPPED: self->link_dropped = g_value_get_boolean (value); break;
    case PROP_COUNTDOWN: self->countdown = g_value_get_uint (value); break;
    case PROP_ATTEMPT: self->attempt = g_value_get_uint (value); break;
    case PROP_ATTEMPTS: self->attempts = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_FLAGS (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
dt_error_dialog_class_init (DtErrorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dt_error_dialog_constructed;
  object_class->dispose = dt_error_dialog_dispose;
  object_class->get_property = dt_error_dialog_get_property;
  object_class->set_property = dt_error_dialog_set_property;
  window_class->close_request = dt_error_dialog_close_request;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DT_TYPE_CONNECTION, CONSTRUCT_FLAGS);
  properties[PROP_LINK_DROPPED] =
    g_param_spec_boolean ("link-dropped", NULL, NULL, FALSE, CONSTRUCT_FLAGS);
  /* Seconds left before the redial; 0 for none. */
  properties[PROP_COUNTDOWN] =
    g_param_spec_uint ("countdown", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_FLAGS);
  properties[PROP_ATTEMPT] =
    g_param_spec_uint ("attempt", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_FLAGS);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, CONSTRUCT_FLAGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DT_TYPE_LOG_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-error-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, command_box);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, command_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, log_revealer);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, log_view);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, more_info_button);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, redial_button);
  gtk_widget_class_bind_template_callback (widget_class, on_redial_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_error_dialog_init (DtErrorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dt_error_dialog_new:
 * @parent: (nullable): the main window, if one is open
 * @connection: the connection that ended, with its error code and log
 * @link_dropped: whether it had been Connected
 * @countdown: seconds before redialing by itself; 0 for no countdown
 * @attempt: the dial that failed, 1 for the first; 0 for a dropped link
 * @attempts: how many dials the entry allows in all; 0 for a dropped link
 */
GtkWidget *
dt_error_dialog_new (GtkWindow    *parent,
                     DtConnection *connection,
                     gboolean      link_dropped,
                     guint         countdown,
                     guint         attempt,
                     guint         attempts)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_CONNECTION (connection), NULL);

  return g_object_new (DT_TYPE_ERROR_DIALOG,
                       "transient-for", parent,
                       "application", g_application_get_default (),
                       "connection", connection,
                       "link-dropped", link_dropped,
                       "countdown", countdown,
                       "attempt", attempt,
                       "attempts", attempts,
                       NULL);
}

/* Seconds left before the redial, 0 when none is due. */
guint
dt_error_dialog_get_countdown (DtErrorDialog *self)
{
  g_return_val_if_fail (DT_IS_ERROR_DIALOG (self), 0);
  return self->countdown_id != 0 ? self->countdown : 0;
}
