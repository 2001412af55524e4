/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The error dialog counts down once a second when a redial is due: after a failed dial while
 * the entry has redial attempts left, or after a dropped link when the entry redials on link
 * drops.  The seconds left show on the Redial button; at zero the dialog answers "redial"
 * as if Redial had been pressed, and the dial session dials again.  Closing it (Close,
 * Cancel, Escape) answers "close". */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-error-dialog.h"
#include "dt-log-view.h"
#include "dt-port-access.h"

struct _DtErrorDialog
{
  AdwMessageDialog parent_instance;

  GtkLabel *attempt_label;
  GtkBox *command_box;
  GtkLabel *command_label;
  GtkExpander *more_info_expander;
  DtLogView *log_view;

  DtConnection *connection;
  gboolean link_dropped;
  guint countdown;
  guint attempt;                /* the dial that failed: 1 for the first */
  guint attempts;               /* dials allowed, the first included; 0 for a dropped link */
  guint countdown_id;
  char *redial_name;            /* the Redial button's name while it counts down */
};

G_DEFINE_FINAL_TYPE (DtErrorDialog, dt_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_LINK_DROPPED,
  PROP_COUNTDOWN,
  PROP_ATTEMPT,
  PROP_ATTEMPTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names every button under @root labelled @label (libadwaita 1.2 builds each response's
 * button twice, for a wide and a narrow layout). */
static void
name_buttons (GtkWidget  *root,
              const char *label,
              const char *name,
              const char *description)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    {
      dt_accessible_set_button_name (GTK_BUTTON (root), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons (child, label, name, description);
}

/* What a label shows: without its mnemonic. */
static char *
strip_mnemonic (const char *label)
{
  GString *shown = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (shown, *p);
    else if (p[1] == '_')
      p++;
  return g_string_free (shown, FALSE);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The error, said with the dialog and with the button the focus starts on: a screen reader
 * that only says the focused button would not say why the dial failed. */
static void
describe_by_body (DtErrorDialog *self)
{
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self));
  GtkWidget *label = find_label (GTK_WIDGET (self), body);

  if (label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    label, NULL, -1);
}

/* Sets the Redial button's label.  A screen reader says the countdown once, as the dialog
 * comes up ("Redial in 30 seconds"), not again at every second while the focus is there:
 * the button keeps that first name while its label counts down. */
static void
set_redial_label (DtErrorDialog *self,
                  const char    *label)
{
  g_autofree char *shown = strip_mnemonic (label);

  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "redial", label);
  if (self->countdown_id == 0)
    g_clear_pointer (&self->redial_name, g_free);
  else if (self->redial_name == NULL)
    self->redial_name = g_strdup (shown);
  name_buttons (GTK_WIDGET (self), label, self->redial_name != NULL ? self->redial_name : shown,
                adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (self)));
}

static void
update_countdown (DtErrorDialog *self)
{
  g_autofree char *label = NULL;
  g_autofree char *attempt = NULL;

  if (self->countdown_id == 0)
    {
      set_redial_label (self, _("_Redial"));
      gtk_widget_set_visible (GTK_WIDGET (self->attempt_label), FALSE);
      return;
    }
  /* Translators: the error dialog's Redial button while it counts down to the redial. */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Redial in %u second",
                                        "_Redial in %u seconds", self->countdown),
                           self->countdown);
  set_redial_label (self, label);
  if (self->attempts > 0)
    {
      /* Translators: which dial the redial is, and how many the entry allows. */
      attempt = g_strdup_printf (_("Next: attempt %u of %u"), self->attempt + 1, self->attempts);
      gtk_label_set_label (self->attempt_label, attempt);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attempt_label), self->attempts > 0);
}

static gboolean
on_countdown_tick (gpointer user_data)
{
  DtErrorDialog *self = user_data;
  g_autoptr (DtErrorDialog) keep = NULL;

  if (--self->countdown > 0)
    {
      update_countdown (self);
      return G_SOURCE_CONTINUE;
    }
  self->countdown_id = 0;
  /* As a press of Redial: the answer, and the dialog goes. */
  keep = g_object_ref (self);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "redial");
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Any answer ends the countdown. */
static void
on_response (DtErrorDialog *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
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
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  DtEntry *entry = dt_connection_get_entry (self->connection);
  const char *name = entry != NULL ? dt_entry_get_name (entry) : "";
  guint code = dt_connection_get_error_code (self->connection);
  const char *detail = dt_connection_get_error_message (self->connection);
  g_autofree char *heading = NULL;
  g_autofree char *error = dt_ras_error_format (code);

  if (self->link_dropped)
    /* Translators: the error dialog's title after a dropped link; %s is the entry's name. */
    heading = g_strdup_printf (_("%s Was Disconnected"), name);
  else
    /* Translators: the error dialog's title after a failed dial; %s is the entry's name. */
    heading = g_strdup_printf (_("Error Connecting to %s"), name);
  adw_message_dialog_set_heading (dialog, heading);

  /* The engine's own words, when they say more than the table does. */
  if (detail != NULL && detail[0] != '\0' &&
      g_strcmp0 (detail, dt_ras_error_get_message (code)) != 0)
    {
      g_autofree char *body = g_strdup_printf ("%s\n%s", error, detail);

      adw_message_dialog_set_body (dialog, body);
    }
  else
    adw_message_dialog_set_body (dialog, error);
  /* A port this user may not open: the command that fixes it, to copy. */
  if (code == DT_RAS_ERROR_PORT_ALREADY_OPEN && entry != NULL &&
      dt_entry_get_device (entry) != NULL)
    {
      g_autoptr (DtPortAccess) access_info = dt_port_access_check (dt_entry_get_device (entry));

      dt_error_dialog_show_port_access (self, access_info);
    }

  adw_message_dialog_add_responses (dialog,
                                    "close", self->countdown > 0 ? _("_Cancel") : _("_Close"),
                                    "redial", _("_Redial"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "redial", ADW_RESPONSE_SUGGESTED);
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  describe_by_body (self);
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

  dt_accessible_label_expander (self->more_info_expander);
  fill (self);
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

/* Redial has the focus, as the default response, though More Info comes first. */
static void
dt_error_dialog_map (GtkWidget *widget)
{
  GtkWidget *redial;

  GTK_WIDGET_CLASS (dt_error_dialog_parent_class)->map (widget);
  redial = gtk_window_get_default_widget (GTK_WINDOW (widget));
  if (redial != NULL)
    gtk_widget_grab_focus (redial);
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
dt_error_dialog_finalize (GObject *object)
{
  DtErrorDialog *self = DT_ERROR_DIALOG (object);

  g_free (self->redial_name);

  G_OBJECT_CLASS (dt_error_dialog_parent_class)->finalize (object);
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

  object_class->constructed = dt_error_dialog_constructed;
  object_class->dispose = dt_error_dialog_dispose;
  object_class->finalize = dt_error_dialog_finalize;
  object_class->get_property = dt_error_dialog_get_property;
  object_class->set_property = dt_error_dialog_set_property;
  widget_class->map = dt_error_dialog_map;

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

  g_type_ensure (DT_TYPE_LOG_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-error-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, attempt_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, command_box);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, command_label);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, more_info_expander);
  gtk_widget_class_bind_template_child (widget_class, DtErrorDialog, log_view);
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
