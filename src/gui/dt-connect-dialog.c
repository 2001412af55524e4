/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Connect dialog.  It shows the entry as it is now (the user name last used, the saved
 * password once the keyring answers, or the password the session offers: the one typed
 * earlier in this run) and changes nothing by itself: the dial session, which handles
 * "dial", saves the password only if the dial reaches Connected, and forgets a saved one
 * when Dial is pressed with "Save password" off.  Properties edits the entry; the dialog
 * then shows the edited numbers and user.  An entry that names no modem ("Ask when
 * dialing", as an import from Windows leaves it) gets a Modem row: a path, or one of the
 * serial ports found, for this dial; Dial waits for one, and "dial" says which.  The ports
 * are the entry editor's (DtPortList, through dt_port_menu_new): they follow udev while the
 * dialog is open, and say why this user cannot open one; so does the row, for the port it
 * names. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-connect-dialog.h"
#include "dt-entry-editor.h"
#include "dt-port-access.h"
#include "dt-port-list.h"
#include "dt-port-menu.h"
#include "dt-secrets.h"
#include "dt-text-row.h"

struct _DtConnectDialog
{
  AdwWindow parent_instance;

  GtkButton *cancel_button;
  GtkButton *dial_button;
  AdwPreferencesGroup *credentials_group;
  DtTextRow *user_row;
  DtTextRow *password_row;
  DtTextRow *domain_row;
  AdwActionRow *save_row;
  GtkSwitch *save_switch;
  AdwPreferencesGroup *modem_group;
  DtTextRow *modem_row;
  GtkMenuButton *modem_menu_button;
  AdwPreferencesGroup *number_group;
  AdwComboRow *number_row;
  GtkButton *properties_button;

  DtPhonebook *phonebook;
  DtEntry *entry;
  char *device;                 /* the modem chosen last time, for an entry that names none */
  DtPortList *ports;            /* the Modem row's menu; only when the entry asks */
  GCancellable *cancellable;
  gboolean password_edited;
};

G_DEFINE_FINAL_TYPE (DtConnectDialog, dt_connect_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PHONEBOOK,
  PROP_ENTRY,
  PROP_DEVICE,
  N_PROPS
};

enum {
  SIGNAL_DIAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
fill_numbers (DtConnectDialog *self)
{
  DtEntry *entry = self->entry;
  const char * const *alternates = dt_entry_get_alternates (entry);
  g_autoptr (GtkStringList) numbers = gtk_string_list_new (NULL);

  gtk_string_list_append (numbers, dt_entry_get_number (entry));
  for (guint i = 0; alternates[i] != NULL; i++)
    gtk_string_list_append (numbers, alternates[i]);
  adw_combo_row_set_model (self->number_row, G_LIST_MODEL (numbers));
  adw_combo_row_set_selected (self->number_row, 0);
  /* A direct cable dials nothing. */
  gtk_widget_set_visible (GTK_WIDGET (self->number_group),
                          dt_entry_get_device_type (entry) == DT_DEVICE_TYPE_MODEM);
}

static gboolean
asks_modem (DtConnectDialog *self)
{
  return dt_entry_get_device (self->entry)[0] == '\0';
}

/* Why this user cannot use the port the Modem row names, in a few words; NULL when
 * nothing is in the way (or the row is empty). */
static char *
modem_problem (const char *device)
{
  g_autoptr (DtPortAccess) access_info = NULL;

  if (device[0] == '\0')
    return NULL;
  access_info = dt_port_access_check (device);
  return dt_port_access_short (access_info);
}

/* Says what the Modem row is for, or why the port it names cannot be used, under the group
 * and with the row (which the group's description is far from). */
static void
describe_modem (DtConnectDialog *self,
                const char      *problem)
{
  const char *description = problem;

  if (description == NULL)
    description = _("This entry names no modem: choose the one to dial through. To keep it, "
                    "choose it in Properties.");
  adw_preferences_group_set_description (self->modem_group, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->modem_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

/* Dial waits for a modem where one is asked for: a path as the editor takes it.  A port this
 * user cannot open is marked, with the reason, before the dial fails on it. */
static void
update_dial_button (DtConnectDialog *self)
{
  const char *device = gtk_editable_get_text (GTK_EDITABLE (self->modem_row));
  g_autoptr (DtEntry) scratch = dt_entry_new ();
  g_autofree char *problem = NULL;
  gboolean ok = TRUE;

  if (asks_modem (self))
    {
      dt_entry_set_device (scratch, device);
      ok = device[0] != '\0' && dt_entry_validate_property (scratch, "device", NULL);
      problem = modem_problem (device);
      describe_modem (self, problem);
    }
  if (ok && problem == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->modem_row), "error");
  else if (device[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->modem_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->dial_button), ok);
}

static void
pick_modem_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DtConnectDialog *self = DT_CONNECT_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->modem_row), g_variant_get_string (parameter, NULL));
}

/* Permissions and ModemManager's view change: read them afresh at each opening. */
static void
on_modem_menu_popup (GtkMenuButton *button,
                     gpointer       user_data)
{
  DtConnectDialog *self = DT_CONNECT_DIALOG (user_data);

  dt_port_list_refresh (self->ports);
  update_dial_button (self);
}

/* The only port there is, by the name an entry keeps; NULL when there are none or several. */
static char *
only_port (DtPortList *ports)
{
  g_autoptr (DtPortInfo) port = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (ports)) != 1)
    return NULL;
  port = g_list_model_get_item (G_LIST_MODEL (ports), 0);
  return g_strdup (dt_port_info_get_preferred_path (port));
}

static void
fill_modem (DtConnectDialog *self)
{
  const char *last = self->device;

  gtk_widget_set_visible (GTK_WIDGET (self->modem_group), asks_modem (self));
  if (asks_modem (self) && self->ports == NULL)
    {
      g_autoptr (GMenu) menu = NULL;

      self->ports = dt_port_list_new ();
      menu = dt_port_menu_new (self->ports, "connect.pick-modem");
      gtk_menu_button_set_menu_model (self->modem_menu_button, G_MENU_MODEL (menu));
      gtk_menu_button_set_create_popup_func (self->modem_menu_button, on_modem_menu_popup, self,
                                             NULL);
    }
  /* The modem chosen last time, else the only port there is. */
  if (asks_modem (self) && gtk_editable_get_text (GTK_EDITABLE (self->modem_row))[0] == '\0')
    {
      g_autofree char *only = only_port (self->ports);

      gtk_editable_set_text (GTK_EDITABLE (self->modem_row),
                             last != NULL ? last : only != NULL ? only : "");
    }
  update_dial_button (self);
}

static void
fill_from_entry (DtConnectDialog *self)
{
  DtEntry *entry = self->entry;
  g_autofree char *title = NULL;

  /* Translators: the Connect dialog's title; %s is the entry's name. */
  title = g_strdup_printf (_("Connect to %s"), dt_entry_get_name (entry));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), dt_entry_get_user (entry));
  gtk_editable_set_text (GTK_EDITABLE (self->domain_row), dt_entry_get_domain (entry));
  gtk_switch_set_active (self->save_switch, dt_entry_get_remember_password (entry));
  fill_numbers (self);
  fill_modem (self);
}

static void
focus_first_empty (DtConnectDialog *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (user[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else if (password[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->dial_button));
}

static void
on_password_looked_up (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (DtConnectDialog) self = user_data;
  gboolean cancelled;
  char *password = dt_secrets_lookup_finish_quietly (result, &cancelled);

  if (cancelled)
    return;
  if (password != NULL && !self->password_edited)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      self->password_edited = FALSE;
      focus_first_empty (self);
    }
  dt_secrets_password_free (password);
}

static void
look_up_password (DtConnectDialog *self)
{
  DtEntry *entry = self->entry;

  if (dt_entry_get_remember_password (entry))
    dt_secrets_lookup_async (entry, self->cancellable, on_password_looked_up,
                             g_object_ref (self));
}

static void
on_password_changed (DtConnectDialog *self)
{
  self->password_edited = TRUE;
}

static void
on_dial_clicked (DtConnectDialog *self)
{
  g_autoptr (DtConnectDialog) keep = g_object_ref (self);
  g_autoptr (DtCredentials) credentials = NULL;
  g_autofree char *user = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
  g_autofree char *domain = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->domain_row)));
  guint number = adw_combo_row_get_selected (self->number_row);
  gboolean save = gtk_switch_get_active (self->save_switch);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->dial_button)))
    return;
  g_strstrip (user);
  g_strstrip (domain);
  credentials = dt_credentials_new (user, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    domain);
  g_signal_emit (self, signals[SIGNAL_DIAL], 0, credentials,
                 number == GTK_INVALID_LIST_POSITION ? 0 : number, save,
                 asks_modem (self) ? gtk_editable_get_text (GTK_EDITABLE (self->modem_row))
                                   : NULL);
  /* The progress dialog replaces this one. */
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_editor_destroy (DtConnectDialog *self)
{
  fill_from_entry (self);
  if (!self->password_edited)
    look_up_password (self);
}

static void
on_properties_clicked (DtConnectDialog *self)
{
  GtkWidget *editor = dt_entry_editor_new (GTK_WINDOW (self), self->phonebook, self->entry);

  g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
dt_connect_dialog_constructed (GObject *object)
{
  DtConnectDialog *self = DT_CONNECT_DIALOG (object);

  G_OBJECT_CLASS (dt_connect_dialog_parent_class)->constructed (object);

  fill_from_entry (self);
  g_signal_connect_object (self->modem_row, "notify::text", G_CALLBACK (update_dial_button),
                           self, G_CONNECT_SWAPPED);
}

/* Fills in the password (the one offered, else the keyring's) and puts the focus on the
 * first row still to fill in. */
static void
fill_password (DtConnectDialog *self,
               const char      *offered_password)
{
  if (offered_password != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), offered_password);
      gtk_switch_set_active (self->save_switch, TRUE);
    }
  else
    look_up_password (self);
  self->password_edited = FALSE;
  g_signal_connect_object (self->password_row, "changed", G_CALLBACK (on_password_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->modem_row, "notify::text", G_CALLBACK (update_dial_button),
                           self, G_CONNECT_SWAPPED);
  focus_first_empty (self);
}

static void
dt_connect_dialog_dispose (GObject *object)
{
  DtConnectDialog *self = DT_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_CONNECT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->phonebook);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->device, g_free);
  g_clear_object (&self->ports);

  G_OBJECT_CLASS (dt_connect_dialog_parent_class)->dispose (object);
}

static void
dt_connect_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DtConnectDialog *self = DT_CONNECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PHONEBOOK:
      self->phonebook = g_value_dup_object (value);
      break;

    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;

    case PROP_DEVICE:
      self->device = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_connect_dialog_class_init (DtConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_connect_dialog_constructed;
  object_class->dispose = dt_connect_dialog_dispose;
  object_class->set_property = dt_connect_dialog_set_property;

  /* Where Properties saves the entry. */
  properties[PROP_PHONEBOOK] =
    g_param_spec_object ("phonebook", NULL, NULL, DT_TYPE_PHONEBOOK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The modem chosen last time for an entry that names none: what the Modem row offers. */
  properties[PROP_DEVICE] =
    g_param_spec_string ("device", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Dial with these credentials (the password included), the number to dial first (0 for
   * the entry's own, n for its n-th alternate), whether to save the password, and the modem
   * chosen in the Modem row (NULL when the entry names its own). */
  signals[SIGNAL_DIAL] =
    g_signal_new ("dial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, DT_TYPE_CREDENTIALS | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT,
                  G_TYPE_BOOLEAN, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, dial_button);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, credentials_group);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, save_switch);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, modem_group);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, modem_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, modem_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, number_group);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, DtConnectDialog, properties_button);
  gtk_widget_class_bind_template_callback (widget_class, on_dial_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_properties_clicked);

  gtk_widget_class_install_action (widget_class, "connect.pick-modem", "s", pick_modem_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_connect_dialog_init (DtConnectDialog *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_follow_combo_row (self->number_row);

  self->cancellable = g_cancellable_new ();
}

/**
 * dt_connect_dialog_new:
 * @parent: (nullable): the main window, if one is open
 * @phonebook: where Properties saves the entry
 * @entry: the entry to dial
 * @offered_password: (nullable): the password to offer with "Save password" on (the one
 *   typed earlier in this run), or NULL to offer the keyring's
 * @device: (nullable): the modem chosen last time, offered when the entry names none
 */
GtkWidget *
dt_connect_dialog_new (GtkWindow      *parent,
                       GtkApplication *application,
                       DtPhonebook    *phonebook,
                       DtEntry        *entry,
                       const char     *offered_password,
                       const char     *device)
{
  DtConnectDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_PHONEBOOK (phonebook), NULL);
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);

  self = g_object_new (DT_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       "application", application,
                       "phonebook", phonebook,
                       "entry", entry,
                       "device", device,
                       NULL);
  fill_password (self, offered_password);
  return GTK_WIDGET (self);
}
