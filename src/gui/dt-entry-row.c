/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row of the phonebook list.  The list view recycles rows, so a row follows whichever
 * entry it is given (dt_entry_row_set_entry) and refreshes its labels when that entry
 * changes.  It also follows the entry's connection in the application's DtDialer: the state
 * message while dialing or paused, "Connected since 14:02" while up, the last error after a
 * failed dial, nothing when idle; its button is Connect when idle and Hang Up when live. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-connection-follower.h"
#include "dt-entry-row.h"

struct _DtEntryRow
{
  GtkWidget parent_instance;

  GtkImage *status_icon;
  GtkLabel *name_label;
  GtkLabel *number_label;
  GtkLabel *device_label;
  GtkLabel *state_label;
  GtkLabel *last_connected_label;
  GtkButton *connect_button;
  GtkMenuButton *menu_button;

  DtEntry *entry;
  DtDialer *dialer;
  DtConnectionFollower follower; /* the entry's connection, once it was dialed */
  GSignalGroup *entry_signals;
  int menu_connected;           /* whether the menu has "Status"; -1 before it is built */
};

G_DEFINE_FINAL_TYPE (DtEntryRow, dt_entry_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_DIALER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The row's menu; with "Status" first while the entry is connected, as clicking a connected
 * entry in Windows' phonebook opens its status. */
static GMenuModel *
build_menu (const char *uuid,
            gboolean    connected)
{
  static const struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Edit…"), "win.edit-entry" },
    { N_("D_uplicate"), "win.duplicate-entry" },
    { N_("_Delete"), "win.delete-entry" },
  };
  GMenu *menu = g_menu_new ();

  if (connected)
    {
      g_autoptr (GMenuItem) status = g_menu_item_new (_("_Status"), NULL);

      g_menu_item_set_action_and_target_value (status, "app.show-status",
                                               g_variant_new_string (uuid));
      g_menu_append_item (menu, status);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new_string (uuid));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static char *describe_connection (DtEntryRow  *self,
                                  const char **icon);

/* The name and the number the row shows, and a screen reader says. */
static const char *
shown_name (DtEntry *entry)
{
  const char *name = dt_entry_get_name (entry);

  return name[0] != '\0' ? name : _("Unnamed");
}

static const char *
shown_number (DtEntry *entry)
{
  if (dt_entry_get_device_type (entry) == DT_DEVICE_TYPE_DIRECT)
    return _("Direct cable");
  return dt_entry_get_number (entry);
}

/* What a screen reader says for the row (and the list's item, which it names): the entry,
 * the state of its connection, the number, the device and when it last connected. */
static void
update_summary (DtEntryRow *self)
{
  const char *icon;
  g_autofree char *state = describe_connection (self, &icon);
  g_autofree char *last = NULL;
  g_autofree char *summary = NULL;

  if (self->entry == NULL)
    return;
  last = dt_entry_format_last_connected (self->entry, NULL);
  /* Translators: read for a row: name, the state of its connection, number, device, when it
   * last connected. */
  summary = g_strdup_printf (_("%s, %s, %s, %s, last connected: %s"), shown_name (self->entry),
                             state != NULL ? state : _("Disconnected"),
                             shown_number (self->entry), dt_entry_format_device (self->entry),
                             last);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
}

static void
update (DtEntryRow *self)
{
  g_autofree char *last = NULL;
  g_autofree char *menu_label = NULL;
  const char *name;

  if (self->entry == NULL)
    return;

  name = shown_name (self->entry);
  last = dt_entry_format_last_connected (self->entry, NULL);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->number_label, shown_number (self->entry));
  gtk_label_set_label (self->device_label, dt_entry_format_device (self->entry));
  gtk_label_set_label (self->last_connected_label, last);

  update_summary (self);
  /* Translators: what a screen reader says for a row's menu button; %s is the entry. */
  menu_label = g_strdup_printf (_("Actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
}

static void update_state (DtEntryRow *self);

static void
on_entry_notify (DtEntryRow *self)
{
  update (self);
  update_state (self);
}

/* What the row says about the connection, or NULL when idle; and its icon. */
static char *
describe_connection (DtEntryRow  *self,
                     const char **icon)
{
  DtConnection *connection = self->follower.connection;
  DtConnState state;
  guint code;

  *icon = "dialtone-disconnected-symbolic";
  if (connection == NULL)
    return NULL;

  state = dt_connection_get_state (connection);
  if (dt_connection_is_connected (connection))
    {
      g_autoptr (GDateTime) since = NULL;
      g_autofree char *time = NULL;

      *icon = "dialtone-connected-symbolic";
      g_object_get (connection, "connected-since", &since, NULL);
      if (since == NULL)
        return g_strdup (_("Connected"));
      /* Translators: strftime format of the time a connection came up, as in "14:02". */
      time = g_date_time_format (since, _("%H:%M"));
      /* Translators: %s is a time of day, such as 14:02. */
      return g_strdup_printf (_("Connected since %s"), time);
    }
  if (state == DT_CONN_STATE_DISCONNECTED)
    {
      code = dt_connection_get_error_code (connection);
      if (code == DT_RAS_ERROR_NONE || code == DT_RAS_ERROR_USER_DISCONNECTION)
        return NULL;
      *icon = "dialtone-error-symbolic";
      return dt_ras_error_format (code);
    }
  *icon = dt_conn_state_is_paused (state) ? "dialtone-attention-symbolic"
                                          : "dialtone-dialing-symbolic";
  return g_strdup (dt_connection_get_state_message (connection));
}

static void
update_state (DtEntryRow *self)
{
  const char *icon;
  DtConnection *connection = self->follower.connection;
  g_autofree char *text = describe_connection (self, &icon);
  gboolean live = connection != NULL &&
                  dt_connection_get_state (connection) != DT_CONN_STATE_DISCONNECTED;
  gboolean connected = connection != NULL &&
                       dt_connection_get_state (connection) == DT_CONN_STATE_CONNECTED;
  g_autofree char *button_label = NULL;
  const char *uuid, *name;

  gtk_label_set_label (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_image_set_from_icon_name (self->status_icon, icon);
  if (self->entry == NULL)
    return;

  uuid = dt_entry_get_uuid (self->entry);
  name = dt_entry_get_name (self->entry);
  update_summary (self);
  gtk_button_set_label (self->connect_button, live ? _("_Hang Up") : _("C_onnect"));
  /* Translators: what a screen reader says for a row's button; %s is the entry's name. */
  if (live)
    button_label = g_strdup_printf (_("Hang up %s"), name);
  else
    button_label = g_strdup_printf (_("Connect to %s"), name);
  /* After set_label, which names the button after its label again. */
  dt_accessible_set_button_name (self->connect_button, button_label);
  /* The state, said with the button when the focus comes back to it after a dial. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->connect_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->connect_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->connect_button),
                                          g_variant_new_string (uuid));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->connect_button),
                                  live ? "app.hang-up" : "app.dial");
  if (self->menu_connected != (int) connected)
    {
      g_autoptr (GMenuModel) menu = build_menu (uuid, connected);

      self->menu_connected = connected;
      gtk_menu_button_set_menu_model (self->menu_button, menu);
    }
}

/* A dial that ends (Connected, or over) leaves its dialogs; the focus, which the modal
 * dialogs had, comes back to this row's button, which now says the state (and does the next
 * thing: Hang Up, or Connect again), unless the window has a focus of its own. */
static void
restore_focus (DtEntryRow *self,
               guint       state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (state != DT_CONN_STATE_CONNECTED && state != DT_CONN_STATE_DISCONNECTED)
    return;
  if (root != NULL && gtk_root_get_focus (root) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->connect_button));
}

/* The dialer makes an entry's connection when it is first dialed. */
static void
on_dialer_connection_state_changed (DtEntryRow   *self,
                                    DtConnection *connection,
                                    guint         state,
                                    const char   *detail,
                                    guint         sub_entry,
                                    DtDialer     *dialer)
{
  DtEntry *entry = dt_connection_get_entry (connection);

  if (self->entry == NULL || entry == NULL ||
      !g_str_equal (dt_entry_get_uuid (entry), dt_entry_get_uuid (self->entry)))
    return;
  dt_connection_follower_set (&self->follower, connection);
  update_state (self);
  restore_focus (self, state);
}

static void
dt_entry_row_constructed (GObject *object)
{
  DtEntryRow *self = DT_ENTRY_ROW (object);

  G_OBJECT_CLASS (dt_entry_row_parent_class)->constructed (object);

  if (self->dialer != NULL)
    g_signal_connect_object (self->dialer, "connection-state-changed",
                             G_CALLBACK (on_dialer_connection_state_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
dt_entry_row_dispose (GObject *object)
{
  DtEntryRow *self = DT_ENTRY_ROW (object);
  GtkWidget *child;

  g_clear_object (&self->entry_signals);
  dt_connection_follower_clear (&self->follower);
  g_clear_object (&self->entry);
  g_clear_object (&self->dialer);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ENTRY_ROW);
  /* The template's unnamed boxes are children too: a GtkWidget subclass unparents them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dt_entry_row_parent_class)->dispose (object);
}

static void
dt_entry_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DtEntryRow *self = DT_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_entry_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DtEntryRow *self = DT_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      dt_entry_row_set_entry (self, g_value_get_object (value));
      break;

    case PROP_DIALER:
      self->dialer = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_entry_row_class_init (DtEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_entry_row_constructed;
  object_class->dispose = dt_entry_row_dispose;
  object_class->get_property = dt_entry_row_get_property;
  object_class->set_property = dt_entry_row_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Where the entry's connection is looked for; none: the row shows no state. */
  properties[PROP_DIALER] =
    g_param_spec_object ("dialer", NULL, NULL, DT_TYPE_DIALER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, device_label);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, last_connected_label);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, DtEntryRow, menu_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "dtentryrow");
}

static void
dt_entry_row_init (DtEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entry_signals = g_signal_group_new (DT_TYPE_ENTRY);
  g_signal_group_connect_object (self->entry_signals, "notify", G_CALLBACK (on_entry_notify),
                                 self, G_CONNECT_SWAPPED);
  dt_connection_follower_init (&self->follower, self, NULL, NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (update_state), self,
                                  "notify::state", "notify::connected-since", NULL);
}

/**
 * dt_entry_row_new:
 * @dialer: (nullable): where the row finds its entry's connection
 */
GtkWidget *
dt_entry_row_new (DtDialer *dialer)
{
  g_return_val_if_fail (dialer == NULL || DT_IS_DIALER (dialer), NULL);

  return g_object_new (DT_TYPE_ENTRY_ROW, "dialer", dialer, NULL);
}

/**
 * dt_entry_row_get_entry:
 *
 * Returns: (transfer none) (nullable): the entry the row shows
 */
DtEntry *
dt_entry_row_get_entry (DtEntryRow *self)
{
  g_return_val_if_fail (DT_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

void
dt_entry_row_set_entry (DtEntryRow *self,
                        DtEntry    *entry)
{
  g_return_if_fail (DT_IS_ENTRY_ROW (self));
  g_return_if_fail (entry == NULL || DT_IS_ENTRY (entry));

  if (!g_set_object (&self->entry, entry))
    return;

  g_signal_group_set_target (self->entry_signals, entry);
  if (entry != NULL)
    {
      self->menu_connected = -1;
      update (self);
    }
  dt_connection_follower_set (&self->follower,
                              entry != NULL && self->dialer != NULL
                              ? dt_dialer_lookup (self->dialer, dt_entry_get_uuid (entry))
                              : NULL);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}
