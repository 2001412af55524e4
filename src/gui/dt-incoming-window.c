/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtIncomingWindow: the Incoming Connections page.  Its rows edit the application's
 * DtIncoming (bound to its properties, or applied when the user confirms a text), which is
 * saved a moment after each change; the running ports (DtIncomingServer) follow the settings
 * by themselves.  "Now" lists each answering port: what it is doing, and for a caller who is
 * connected, who, since when, at what speed, the bytes each way, and a Disconnect button.
 * The users are edited in DtDialinUserDialog. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-dialin-secrets.h"
#include "dt-dialin-user-dialog.h"
#include "dt-incoming-window.h"
#include "dt-text-row.h"

struct _DtIncomingWindow
{
  AdwWindow parent_instance;

  GtkSwitch *enabled_switch;
  DtTextRow *device_row;
  DtTextRow *direct_row;
  GtkSpinButton *rings_spin;
  GtkListBox *calls_list;
  GtkListBox *users_list;
  AdwComboRow *reach_row;
  DtTextRow *server_row;
  DtTextRow *dns_row;
  GtkSwitch *accept_switch;
  GtkTextView *pool_view;
  GtkLabel *pool_error;
  GtkSwitch *pap_switch;
  GtkSpinButton *idle_spin;
  GtkSpinButton *max_spin;

  DtIncomingServer *server;
  DtIncoming *incoming;
  guint save_id;
  guint pool_id;
};

G_DEFINE_FINAL_TYPE (DtIncomingWindow, dt_incoming_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Saving ---------------------------------------------------------------------------------- */

static gboolean
on_save (gpointer data)
{
  DtIncomingWindow *self = data;
  g_autoptr (GError) error = NULL;

  self->save_id = 0;
  if (!dt_incoming_save (self->incoming, &error))
    {
      gtk_label_set_text (self->pool_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->pool_error), TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_save (DtIncomingWindow *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (300, on_save, self);
}

static void
mark (GtkWidget  *row,
      const char *error)
{
  if (error != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, error);
}

/* Text rows ------------------------------------------------------------------------------- */

static char **
split_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ",; \n", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/* The list with its first device replaced by what @row says (removed when empty): the row
 * edits the first of the settings' modems or cables, and leaves any others alone. */
static char **
with_first_device (DtTextRow          *row,
                   const char * const *devices)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (text[0] != '\0')
    g_strv_builder_add (builder, text);
  for (guint i = 1; devices[0] != NULL && devices[i] != NULL; i++)
    g_strv_builder_add (builder, devices[i]);
  return g_strv_builder_end (builder);
}

static void
on_device_apply (DtIncomingWindow *self)
{
  g_auto (GStrv) devices = with_first_device (self->device_row,
                                              dt_incoming_get_devices (self->incoming));

  dt_incoming_set_devices (self->incoming, (const char * const *) devices);
}

static void
on_direct_apply (DtIncomingWindow *self)
{
  g_auto (GStrv) devices = with_first_device (self->direct_row,
                                              dt_incoming_get_direct_devices (self->incoming));

  dt_incoming_set_direct_devices (self->incoming, (const char * const *) devices);
}

static void
on_server_apply (DtIncomingWindow *self)
{
  g_autoptr (GError) error = NULL;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *text = g_strstrip (g_strdup (typed));

  dt_incoming_set_server_address (self->incoming, text, &error);
  mark (GTK_WIDGET (self->server_row), error ? error->message : NULL);
}

static void
on_dns_apply (DtIncomingWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) servers = split_list (gtk_editable_get_text (GTK_EDITABLE (self->dns_row)));

  dt_incoming_set_dns_servers (self->incoming, (const char * const *) servers, &error);
  mark (GTK_WIDGET (self->dns_row), error ? error->message : NULL);
}

static gboolean
on_pool_idle (gpointer data)
{
  DtIncomingWindow *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->pool_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  self->pool_id = 0;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  dt_incoming_set_addresses (self->incoming, (const char * const *) lines, &error);
  gtk_label_set_text (self->pool_error, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pool_error), error != NULL);
  return G_SOURCE_REMOVE;
}

static void
on_pool_changed (DtIncomingWindow *self)
{
  g_clear_handle_id (&self->pool_id, g_source_remove);
  self->pool_id = g_timeout_add (500, on_pool_idle, self);
}

static void
fill_texts (DtIncomingWindow *self)
{
  const char * const *devices = dt_incoming_get_devices (self->incoming);
  const char * const *cables = dt_incoming_get_direct_devices (self->incoming);
  g_autofree char *dns = g_strjoinv (", ", (char **) dt_incoming_get_dns_servers (self->incoming));
  g_autofree char *pool = g_strjoinv ("\n", (char **) dt_incoming_get_addresses (self->incoming));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->pool_view);

  gtk_editable_set_text (GTK_EDITABLE (self->device_row), devices[0] ? devices[0] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->direct_row), cables[0] ? cables[0] : "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         dt_incoming_get_server_address (self->incoming));
  gtk_editable_set_text (GTK_EDITABLE (self->dns_row), dns);
  g_signal_handlers_block_by_func (buffer, on_pool_changed, self);
  gtk_text_buffer_set_text (buffer, pool, -1);
  g_signal_handlers_unblock_by_func (buffer, on_pool_changed, self);
}

/* PAP is the one method a switch stands for: the others are always allowed. */
static gboolean
pap_from_methods (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_set_boolean (to, (g_value_get_uint (from) & DT_AUTH_PAP) != 0);
  return TRUE;
}

static gboolean
methods_from_pap (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      data)
{
  g_value_set_uint (to, DT_AUTH_CHAP | DT_AUTH_MSCHAPV2 |
                        (g_value_get_boolean (from) ? DT_AUTH_PAP : 0));
  return TRUE;
}

static void
bind_settings (DtIncomingWindow *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  g_object_bind_property (self->incoming, "enabled", self->enabled_switch, "active", flags);
  g_object_bind_property (self->incoming, "rings",
                          gtk_spin_button_get_adjustment (self->rings_spin), "value", flags);
  g_object_bind_property (self->incoming, "reach", self->reach_row, "selected", flags);
  g_object_bind_property (self->incoming, "accept-caller-address", self->accept_switch,
                          "active", flags);
  g_object_bind_property (self->incoming, "idle-disconnect",
                          gtk_spin_button_get_adjustment (self->idle_spin), "value", flags);
  g_object_bind_property (self->incoming, "max-call-time",
                          gtk_spin_button_get_adjustment (self->max_spin), "value", flags);
  g_object_bind_property_full (self->incoming, "auth-methods", self->pap_switch, "active",
                               flags, pap_from_methods, methods_from_pap, NULL, NULL);
  fill_texts (self);
  g_signal_connect_object (self->incoming, "notify", G_CALLBACK (schedule_save), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->pool_view), "changed",
                           G_CALLBACK (on_pool_changed), self, G_CONNECT_SWAPPED);
}

/* Now: the answering ports -------------------------------------------------------------- */

static char *
format_bytes (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_DEFAULT);
}

static void
update_call_row (AdwActionRow *row)
{
  DtAnswer *answer = g_object_get_data (G_OBJECT (row), "dt-answer");
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "dt-disconnect");
  DtConnState state = dt_answer_get_state (answer);
  g_autofree char *message = NULL;
  g_autofree char *subtitle = NULL;

  g_object_get (answer, "state-message", &message, NULL);
  if (state == DT_CONN_STATE_CONNECTED)
    {
      g_autoptr (DtConnStatus) status = dt_answer_get_status (answer);
      g_autofree char *title = g_strdup_printf (_("%s is connected"), dt_answer_get_user (answer));
      g_autofree char *since = status->connected_since
                               ? g_date_time_format (status->connected_since, "%X")
                               : g_strdup ("");
      g_autofree char *in = format_bytes (status->bytes_in);
      g_autofree char *out = format_bytes (status->bytes_out);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* Translators: a caller's connection: since a time, the speed, bytes each way, its
       * address. */
      subtitle = g_strdup_printf (_("Since %s · %u bps · %s received, %s sent · %s"), since,
                                  status->link_speed, in, out,
                                  status->remote_address ? status->remote_address : "");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message ? message : "");
      if (state == DT_CONN_STATE_DISCONNECTED && dt_answer_get_error_message (answer) != NULL)
        subtitle = g_strdup (dt_answer_get_error_message (answer));
      else
        subtitle = g_strdup (dt_answer_get_device (answer));
    }
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (button, state == DT_CONN_STATE_CONNECTED);
  /* The row's words, on the button that a screen reader reaches alone. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

static void
on_disconnect_clicked (GtkButton *button,
                       DtAnswer  *answer)
{
  dt_answer_disconnect (answer);
}

static GtkWidget *
create_call_row (gpointer item,
                 gpointer data)
{
  DtAnswer *answer = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Disconnect"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  dt_accessible_name_from_labels (button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data_full (G_OBJECT (row), "dt-answer", g_object_ref (answer), g_object_unref);
  g_object_set_data (G_OBJECT (row), "dt-disconnect", button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_disconnect_clicked), answer, 0);
  g_signal_connect_object (answer, "notify", G_CALLBACK (update_call_row), row,
                           G_CONNECT_SWAPPED);
  update_call_row (ADW_ACTION_ROW (row));
  return row;
}

/* Users ------------------------------------------------------------------------------------ */

static const char *
callback_text (DtDialinUser *user)
{
  switch (dt_dialin_user_get_callback (user))
    {
    case DT_DIALIN_CALLBACK_CALLER:
      return _("called back at a number they give");
    case DT_DIALIN_CALLBACK_PRESET:
      return _("always called back");
    case DT_DIALIN_CALLBACK_NONE:
    default:
      return _("no callback");
    }
}

static void
update_user_row (AdwActionRow *row)
{
  DtDialinUser *user = g_object_get_data (G_OBJECT (row), "dt-user");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dt_dialin_user_get_name (user));
  /* Translators: a user's row: "May dial in · no callback". */
  subtitle = g_strdup_printf ("%s · %s", dt_dialin_user_get_enabled (user) ? _("May dial in")
                                                                          : _("Disabled"),
                              callback_text (user));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
on_edit_user_clicked (GtkButton        *button,
                      DtIncomingWindow *self)
{
  DtDialinUser *user = g_object_get_data (G_OBJECT (button), "dt-user");
  GtkWindow *dialog = GTK_WINDOW (dt_dialin_user_dialog_new (GTK_WINDOW (self), self->incoming,
                                                             user));

  gtk_window_present (dialog);
}

static void
on_add_user_clicked (DtIncomingWindow *self)
{
  GtkWindow *dialog = GTK_WINDOW (dt_dialin_user_dialog_new (GTK_WINDOW (self), self->incoming,
                                                             NULL));

  gtk_window_present (dialog);
}

static void
on_password_cleared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  dt_dialin_secrets_clear_finish (result, NULL);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DtIncomingWindow *self)
{
  DtDialinUser *user = g_object_get_data (G_OBJECT (dialog), "dt-user");
  g_autofree char *name = g_strdup (dt_dialin_user_get_name (user));

  if (!g_str_equal (response, "remove"))
    return;
  dt_incoming_remove_user (self->incoming, name);
  dt_dialin_secrets_clear_async (name, NULL, on_password_cleared, NULL);
  schedule_save (self);
}

static void
on_remove_user_clicked (GtkButton        *button,
                        DtIncomingWindow *self)
{
  DtDialinUser *user = g_object_get_data (G_OBJECT (button), "dt-user");
  GtkWidget *dialog;

  /* Translators: %s is a user name. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s?"),
                                     dt_dialin_user_get_name (user));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("They will no longer be able to dial in, and their password "
                                 "goes from the keyring."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "dt-user", g_object_ref (user), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             gpointer    user)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "dt-user", g_object_ref (user), g_object_unref);
  return button;
}

static GtkWidget *
create_user_row (gpointer item,
                 gpointer data)
{
  DtIncomingWindow *self = data;
  DtDialinUser *user = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *edit_label = g_strdup_printf (_("Edit %s"), dt_dialin_user_get_name (user));
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"),
                                                   dt_dialin_user_get_name (user));
  GtkWidget *edit = icon_button ("document-edit-symbolic", edit_label, user);
  GtkWidget *remove = icon_button ("user-trash-symbolic", remove_label, user);

  g_object_set_data_full (G_OBJECT (row), "dt-user", g_object_ref (user), g_object_unref);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_user_clicked), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_user_clicked), self, 0);
  g_signal_connect_object (user, "notify", G_CALLBACK (update_user_row), row,
                           G_CONNECT_SWAPPED);
  update_user_row (ADW_ACTION_ROW (row));
  return row;
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

/* The object ------------------------------------------------------------------------------ */

static void
dt_incoming_window_constructed (GObject *object)
{
  DtIncomingWindow *self = DT_INCOMING_WINDOW (object);

  G_OBJECT_CLASS (dt_incoming_window_parent_class)->constructed (object);

  self->incoming = g_object_ref (dt_incoming_server_get_incoming (self->server));
  bind_settings (self);
  gtk_list_box_bind_model (self->calls_list, dt_incoming_server_get_answers (self->server),
                           create_call_row, self, NULL);
  gtk_list_box_set_placeholder (self->calls_list, placeholder (_("Not answering calls")));
  gtk_list_box_bind_model (self->users_list, dt_incoming_get_users (self->incoming),
                           create_user_row, self, NULL);
  gtk_list_box_set_placeholder (self->users_list, placeholder (_("No one may dial in yet")));
}

static void
dt_incoming_window_dispose (GObject *object)
{
  DtIncomingWindow *self = DT_INCOMING_WINDOW (object);

  if (self->pool_id != 0)
    on_pool_idle (self);
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      dt_incoming_save (self->incoming, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_INCOMING_WINDOW);
  g_clear_object (&self->incoming);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (dt_incoming_window_parent_class)->dispose (object);
}

static void
dt_incoming_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DtIncomingWindow *self = DT_INCOMING_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_incoming_window_class_init (DtIncomingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_incoming_window_constructed;
  object_class->dispose = dt_incoming_window_dispose;
  object_class->set_property = dt_incoming_window_set_property;

  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, DT_TYPE_INCOMING_SERVER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/dialtone/Dialtone/dt-incoming-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, device_row);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, direct_row);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, rings_spin);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, calls_list);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, users_list);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, reach_row);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, dns_row);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, accept_switch);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, pool_view);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, pool_error);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, pap_switch);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, DtIncomingWindow, max_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_device_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_direct_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_server_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_dns_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_add_user_clicked);
}

static void
dt_incoming_window_init (DtIncomingWindow *self)
{
  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_follow_combo_rows (GTK_WIDGET (self));
}

DtIncomingWindow *
dt_incoming_window_new (GtkApplication   *application,
                        DtIncomingServer *server)
{
  g_return_val_if_fail (DT_IS_INCOMING_SERVER (server), NULL);

  return g_object_new (DT_TYPE_INCOMING_WINDOW, "application", application, "server", server,
                       NULL);
}
