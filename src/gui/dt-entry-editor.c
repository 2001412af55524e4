/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entry editor works on a copy of the entry (dt_entry_copy), bound to the rows both
 * ways, so Cancel has nothing to undo.  Every change revalidates every setting (some depend
 * on others: a static address matters only when the IP mode is static) and marks each bad
 * row with the error style and the reason, the page with a needs-attention dot, and keeps
 * Save insensitive.  Save asks the phonebook to write the copy first (dt_phonebook_commit),
 * so a read-only folder leaves the list unchanged and the dialog open with the error; then
 * the password goes to the keyring, and a missing keyring is a notice in the main window. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-entry-editor.h"
#include "dt-login-script-editor.h"
#include "dt-modem-query-dialog.h"
#include "dt-port-list.h"
#include "dt-port-menu.h"
#include "dt-row-error.h"
#include "dt-secrets.h"
#include "dt-string-list-group.h"
#include "dt-text-row.h"

struct _DtEntryEditor
{
  AdwWindow parent_instance;

  GtkButton *cancel_button;
  GtkButton *save_button;
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *view_stack;
  DtTextRow *name_row;
  DtTextRow *device_row;
  GtkMenuButton *device_menu_button;
  AdwActionRow *query_row;
  AdwComboRow *device_type_row;
  AdwComboRow *speed_row;
  AdwComboRow *flow_control_row;
  DtStringListGroup *sub_entries_group;
  AdwComboRow *multilink_dial_row;
  DtTextRow *number_row;
  DtTextRow *dial_prefix_row;
  AdwComboRow *dial_mode_row;
  GtkSwitch *dialing_rules_switch;
  DtTextRow *area_code_row;
  AdwActionRow *country_code_row;
  GtkSpinButton *country_code_spin;
  DtStringListGroup *alternates_group;
  GtkSwitch *try_alternates_switch;
  DtTextRow *user_row;
  DtTextRow *password_row;
  DtTextRow *domain_row;
  GtkSwitch *remember_switch;
  GtkSwitch *prompt_switch;
  AdwPreferencesGroup *auth_group;
  GtkCheckButton *pap_check;
  GtkCheckButton *chap_check;
  GtkCheckButton *mschapv2_check;
  GtkCheckButton *eap_check;
  AdwActionRow *require_encryption_row;
  GtkSwitch *require_encryption_switch;
  AdwActionRow *require_server_auth_row;
  GtkSwitch *require_server_auth_switch;
  DtStringListGroup *init_strings_group;
  DtTextRow *extra_commands_row;
  AdwActionRow *dial_timeout_row;
  GtkSpinButton *dial_timeout_spin;
  AdwComboRow *speaker_row;
  AdwActionRow *redial_attempts_row;
  GtkSpinButton *redial_attempts_spin;
  AdwActionRow *redial_interval_row;
  GtkSpinButton *redial_interval_spin;
  GtkSwitch *redial_on_link_drop_switch;
  AdwActionRow *idle_disconnect_row;
  GtkSpinButton *idle_disconnect_spin;
  GtkSwitch *show_terminal_switch;
  DtLoginScriptEditor *login_script_editor;
  AdwComboRow *callback_mode_row;
  DtTextRow *callback_number_row;
  AdwActionRow *lcp_echo_interval_row;
  GtkSpinButton *lcp_echo_interval_spin;
  AdwActionRow *lcp_echo_failures_row;
  GtkSpinButton *lcp_echo_failures_spin;
  AdwComboRow *ip_mode_row;
  DtTextRow *static_address_row;
  AdwComboRow *dns_mode_row;
  DtTextRow *dns1_row;
  DtTextRow *dns2_row;
  GtkSwitch *default_gateway_switch;
  GtkSwitch *compression_switch;
  GtkSwitch *ipv6_switch;
  DtStringListGroup *routes_group;

  DtPhonebook *phonebook;
  DtPortList *ports;            /* follows udev: the device menu is rebuilt as it changes */
  DtEntry *original;            /* NULL for a new entry */
  DtEntry *entry;               /* the copy being edited */
  GCancellable *cancellable;
  char *original_user;
  GHashTable *touched;          /* properties changed since the editor opened */
  gboolean password_edited;
  gboolean loading_password;
};

G_DEFINE_FINAL_TYPE (DtEntryEditor, dt_entry_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PHONEBOOK,
  PROP_ORIGINAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define CHILD(name) G_STRUCT_OFFSET (DtEntryEditor, name)
#define CHILD_PTR(self, offset) (*(GObject **) G_STRUCT_MEMBER_P ((self), (offset)))

typedef enum {
  BIND_SAME,       /* the same type on both sides */
  BIND_ENUM,       /* an enum and a combo row's position */
  BIND_SPEED,      /* bits per second and a position in the standard speeds */
  BIND_SPIN,       /* a guint and a spin button's double */
  BIND_MINUTES,    /* seconds and a spin button in minutes */
} BindKind;

static const struct {
  const char *property;
  gsize widget;
  const char *widget_property;
  BindKind kind;
} bindings[] = {
  { "name", CHILD (name_row), "text", BIND_SAME },
  { "device", CHILD (device_row), "text", BIND_SAME },
  { "device-type", CHILD (device_type_row), "selected", BIND_ENUM },
  { "speed", CHILD (speed_row), "selected", BIND_SPEED },
  { "flow-control", CHILD (flow_control_row), "selected", BIND_ENUM },
  { "sub-entry-devices", CHILD (sub_entries_group), "strings", BIND_SAME },
  { "multilink-dial", CHILD (multilink_dial_row), "selected", BIND_ENUM },
  { "number", CHILD (number_row), "text", BIND_SAME },
  { "dial-prefix", CHILD (dial_prefix_row), "text", BIND_SAME },
  { "dial-mode", CHILD (dial_mode_row), "selected", BIND_ENUM },
  { "use-dialing-rules", CHILD (dialing_rules_switch), "active", BIND_SAME },
  { "area-code", CHILD (area_code_row), "text", BIND_SAME },
  { "country-code", CHILD (country_code_spin), "value", BIND_SPIN },
  { "alternates", CHILD (alternates_group), "strings", BIND_SAME },
  { "try-alternates", CHILD (try_alternates_switch), "active", BIND_SAME },
  { "user", CHILD (user_row), "text", BIND_SAME },
  { "domain", CHILD (domain_row), "text", BIND_SAME },
  { "remember-password", CHILD (remember_switch), "active", BIND_SAME },
  { "prompt-credentials", CHILD (prompt_switch), "active", BIND_SAME },
  { "require-encryption", CHILD (require_encryption_switch), "active", BIND_SAME },
  { "require-server-auth", CHILD (require_server_auth_switch), "active", BIND_SAME },
  { "init-strings", CHILD (init_strings_group), "strings", BIND_SAME },
  { "extra-commands", CHILD (extra_commands_row), "text", BIND_SAME },
  { "dial-timeout", CHILD (dial_timeout_spin), "value", BIND_SPIN },
  { "speaker", CHILD (speaker_row), "selected", BIND_ENUM },
  { "redial-attempts", CHILD (redial_attempts_spin), "value", BIND_SPIN },
  { "redial-interval", CHILD (redial_interval_spin), "value", BIND_SPIN },
  { "redial-on-link-drop", CHILD (redial_on_link_drop_switch), "active", BIND_SAME },
  { "idle-disconnect", CHILD (idle_disconnect_spin), "value", BIND_MINUTES },
  { "show-terminal", CHILD (show_terminal_switch), "active", BIND_SAME },
  { "login-script", CHILD (login_script_editor), "text", BIND_SAME },
  { "callback-mode", CHILD (callback_mode_row), "selected", BIND_ENUM },
  { "callback-number", CHILD (callback_number_row), "text", BIND_SAME },
  { "lcp-echo-interval", CHILD (lcp_echo_interval_spin), "value", BIND_SPIN },
  { "lcp-echo-failures", CHILD (lcp_echo_failures_spin), "value", BIND_SPIN },
  { "ip-mode", CHILD (ip_mode_row), "selected", BIND_ENUM },
  { "static-address", CHILD (static_address_row), "text", BIND_SAME },
  { "dns-mode", CHILD (dns_mode_row), "selected", BIND_ENUM },
  { "default-gateway", CHILD (default_gateway_switch), "active", BIND_SAME },
  { "compression", CHILD (compression_switch), "active", BIND_SAME },
  { "ipv6", CHILD (ipv6_switch), "active", BIND_SAME },
  { "routes", CHILD (routes_group), "strings", BIND_SAME },
};

/* Rows that only matter for some values of another setting are insensitive otherwise. */
static const struct {
  const char *property;
  gsize widget;
  int enabling_value;           /* -1: any non-zero value */
} sensitivities[] = {
  { "device-type", CHILD (number_row), DT_DEVICE_TYPE_MODEM },
  { "device-type", CHILD (dial_prefix_row), DT_DEVICE_TYPE_MODEM },
  { "device-type", CHILD (dial_mode_row), DT_DEVICE_TYPE_MODEM },
  { "ip-mode", CHILD (static_address_row), DT_IP_MODE_STATIC },
  { "dns-mode", CHILD (dns1_row), DT_DNS_MODE_MANUAL },
  { "dns-mode", CHILD (dns2_row), DT_DNS_MODE_MANUAL },
  { "callback-mode", CHILD (callback_number_row), DT_CALLBACK_FIXED },
  { "lcp-echo-interval", CHILD (lcp_echo_failures_row), -1 },
};

/* Where each setting's error shows, and on which page. */
static const struct {
  const char *property;
  gsize widget;
  const char *page;
} checks[] = {
  { "name", CHILD (name_row), "general" },
  { "device", CHILD (device_row), "general" },
  { "speed", CHILD (speed_row), "general" },
  { "sub-entry-devices", CHILD (sub_entries_group), "general" },
  { "number", CHILD (number_row), "numbers" },
  { "dial-prefix", CHILD (dial_prefix_row), "numbers" },
  { "area-code", CHILD (area_code_row), "numbers" },
  { "country-code", CHILD (country_code_row), "numbers" },
  { "alternates", CHILD (alternates_group), "numbers" },
  { "user", CHILD (user_row), "credentials" },
  { "domain", CHILD (domain_row), "credentials" },
  { "auth-methods", CHILD (auth_group), "security" },
  { "require-encryption", CHILD (require_encryption_row), "security" },
  { "require-server-auth", CHILD (require_server_auth_row), "security" },
  { "init-strings", CHILD (init_strings_group), "modem" },
  { "extra-commands", CHILD (extra_commands_row), "modem" },
  { "dial-timeout", CHILD (dial_timeout_row), "modem" },
  { "redial-attempts", CHILD (redial_attempts_row), "options" },
  { "redial-interval", CHILD (redial_interval_row), "options" },
  { "idle-disconnect", CHILD (idle_disconnect_row), "options" },
  { "login-script", CHILD (login_script_editor), "options" },
  { "callback-number", CHILD (callback_number_row), "options" },
  { "lcp-echo-interval", CHILD (lcp_echo_interval_row), "options" },
  { "lcp-echo-failures", CHILD (lcp_echo_failures_row), "options" },
  { "static-address", CHILD (static_address_row), "network" },
  { "dns-servers", CHILD (dns1_row), "network" },
  { "routes", CHILD (routes_group), "network" },
};

static const char * const pages[] = {
  "general", "numbers", "credentials", "security", "modem", "options", "network",
};

/* A setting's value to its widget's (@to_widget), or back: FALSE where the widget shows no
 * value the entry can take. */
static gboolean
convert (BindKind      kind,
         gboolean      to_widget,
         const GValue *from,
         GValue       *to)
{
  gsize n_speeds;
  const guint *speeds = dt_entry_get_standard_speeds (&n_speeds);
  guint unit = kind == BIND_MINUTES ? 60 : 1;

  switch (kind)
    {
    case BIND_ENUM:
      if (to_widget)
        g_value_set_uint (to, g_value_get_enum (from));
      else if (g_value_get_uint (from) == GTK_INVALID_LIST_POSITION)
        return FALSE;
      else
        g_value_set_enum (to, g_value_get_uint (from));
      return TRUE;

    case BIND_SPEED:
      if (!to_widget)
        {
          if (g_value_get_uint (from) >= n_speeds)
            return FALSE;
          g_value_set_uint (to, speeds[g_value_get_uint (from)]);
          return TRUE;
        }
      g_value_set_uint (to, GTK_INVALID_LIST_POSITION);
      for (gsize i = 0; i < n_speeds; i++)
        if (speeds[i] == g_value_get_uint (from))
          g_value_set_uint (to, i);
      return TRUE;

    case BIND_SPIN:
    case BIND_MINUTES:
      if (to_widget)
        g_value_set_double (to, g_value_get_uint (from) / unit);
      else
        g_value_set_uint (to, (guint) g_value_get_double (from) * unit);
      return TRUE;

    case BIND_SAME:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
entry_to_widget (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  return convert (GPOINTER_TO_INT (user_data), TRUE, from, to);
}

static gboolean
widget_to_entry (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  return convert (GPOINTER_TO_INT (user_data), FALSE, from, to);
}

static gboolean
value_enables (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  int enabling = GPOINTER_TO_INT (user_data);
  int value = G_VALUE_HOLDS_ENUM (from) ? g_value_get_enum (from) : (int) g_value_get_uint (from);

  g_value_set_boolean (to, enabling < 0 ? value != 0 : value == enabling);
  return TRUE;
}

static gboolean
validate (DtEntryEditor  *self,
          const char     *property,
          char          **reason)
{
  if (!dt_entry_validate_property (self->entry, property, reason))
    return FALSE;
  if (g_str_equal (property, "name"))
    return dt_phonebook_validate_name (self->phonebook, dt_entry_get_name (self->entry),
                                       dt_entry_get_uuid (self->entry), reason);
  return TRUE;
}

static void
show_dns_errors (DtEntryEditor *self,
                 const char    *reason)
{
  const char *first = gtk_editable_get_text (GTK_EDITABLE (self->dns1_row));
  const char *second = gtk_editable_get_text (GTK_EDITABLE (self->dns2_row));
  gboolean first_bad = reason != NULL && (first[0] == '\0' || !dt_entry_address_is_valid (first));
  gboolean second_bad = reason != NULL && second[0] != '\0' && !dt_entry_address_is_valid (second);

  dt_row_error_show (GTK_WIDGET (self->dns1_row), first_bad || !second_bad ? reason : NULL);
  dt_row_error_show (GTK_WIDGET (self->dns2_row), second_bad ? reason : NULL);
}

static void
revalidate (DtEntryEditor *self)
{
  gboolean page_bad[G_N_ELEMENTS (pages)] = { FALSE, };
  g_autofree char *first_reason = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *reason = NULL;
      gboolean shown;

      /* A new entry does not start out red: a row shows its error once it was edited. */
      shown = self->original != NULL || g_hash_table_contains (self->touched, checks[i].property);
      if (!validate (self, checks[i].property, &reason))
        {
          for (gsize p = 0; p < G_N_ELEMENTS (pages); p++)
            page_bad[p] |= shown && g_str_equal (pages[p], checks[i].page);
          if (first_reason == NULL)
            first_reason = g_strdup (reason);
        }
      if (!shown)
        g_clear_pointer (&reason, g_free);

      if (g_str_equal (checks[i].property, "dns-servers"))
        show_dns_errors (self, reason);
      else
        dt_row_error_show (GTK_WIDGET (CHILD_PTR (self, checks[i].widget)), reason);
    }

  for (gsize p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, pages[p]);

      adw_view_stack_page_set_needs_attention (adw_view_stack_get_page (self->view_stack, child),
                                               page_bad[p]);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), first_reason == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), first_reason);
}

static void
sync_auth_checks (DtEntryEditor *self)
{
  DtAuthMethods methods = dt_entry_get_auth_methods (self->entry);

  gtk_check_button_set_active (self->pap_check, (methods & DT_AUTH_PAP) != 0);
  gtk_check_button_set_active (self->chap_check, (methods & DT_AUTH_CHAP) != 0);
  gtk_check_button_set_active (self->mschapv2_check, (methods & DT_AUTH_MSCHAPV2) != 0);
  gtk_check_button_set_active (self->eap_check, (methods & DT_AUTH_EAP) != 0);
}

static void
on_auth_check_toggled (DtEntryEditor *self)
{
  DtAuthMethods methods = 0;

  if (gtk_check_button_get_active (self->pap_check))
    methods |= DT_AUTH_PAP;
  if (gtk_check_button_get_active (self->chap_check))
    methods |= DT_AUTH_CHAP;
  if (gtk_check_button_get_active (self->mschapv2_check))
    methods |= DT_AUTH_MSCHAPV2;
  if (gtk_check_button_get_active (self->eap_check))
    methods |= DT_AUTH_EAP;
  dt_entry_set_auth_methods (self->entry, methods);
}

static void
sync_dns_rows (DtEntryEditor *self)
{
  const char * const *servers = dt_entry_get_dns_servers (self->entry);
  const char *first = servers[0] != NULL ? servers[0] : "";
  const char *second = first[0] != '\0' && servers[1] != NULL ? servers[1] : "";

  /* Only when different: setting the same text would move the cursor while typing. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->dns1_row)), first) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->dns1_row), first);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->dns2_row)), second) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->dns2_row), second);
}

static void
on_dns_row_changed (DtEntryEditor *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) servers = NULL;
  const char *texts[] = {
    gtk_editable_get_text (GTK_EDITABLE (self->dns1_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->dns2_row)),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (texts[i]));

      if (text[0] != '\0')
        g_strv_builder_add (builder, text);
    }
  servers = g_strv_builder_end (builder);
  dt_entry_set_dns_servers (self->entry, (const char * const *) servers);
}

static void
on_entry_notify (DtEntryEditor *self,
                 GParamSpec    *pspec)
{
  g_hash_table_add (self->touched, (gpointer) pspec->name);
  if (g_str_equal (pspec->name, "auth-methods"))
    sync_auth_checks (self);
  else if (g_str_equal (pspec->name, "dns-servers"))
    sync_dns_rows (self);
  else if (g_str_equal (pspec->name, "sub-entry-devices"))
    dt_entry_trim_sub_entry_numbers (self->entry);
  revalidate (self);
}

static void
on_password_row_changed (DtEntryEditor *self)
{
  if (!self->loading_password)
    self->password_edited = TRUE;
}

static void
on_password_looked_up (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (DtEntryEditor) self = user_data;
  gboolean cancelled;
  char *password = dt_secrets_lookup_finish_quietly (result, &cancelled);

  if (cancelled)
    return;
  if (password != NULL && !self->password_edited)
    {
      self->loading_password = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      self->loading_password = FALSE;
    }
  dt_secrets_password_free (password);
}

/* The password stored, or cleared (by dt_secrets_store_async() or dt_secrets_clear_async()).
 * On an error the entry is saved; only the password is not.  Say so where the user looks
 * next: the main window shows it as a toast (win.toast); a parent without that action (the
 * Connect dialog) has nowhere to show it. */
static void
on_password_saved (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GtkWindow) parent = user_data;
  g_autoptr (GError) error = NULL;
  gboolean saved = g_async_result_is_tagged (result, dt_secrets_store_async)
                   ? dt_secrets_store_finish (result, &error)
                   : dt_secrets_clear_finish (result, &error);

  if (!saved)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", error->message);
}

static void
save_password (DtEntryEditor *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *uuid = dt_entry_get_uuid (self->entry);
  gboolean user_changed = g_strcmp0 (self->original_user, dt_entry_get_user (self->entry)) != 0;

  if (!dt_entry_get_remember_password (self->entry) ||
      (self->password_edited && password[0] == '\0'))
    {
      if (self->original != NULL)
        dt_secrets_clear_async (uuid, NULL, on_password_saved, g_object_ref (parent));
    }
  else if (password[0] != '\0' && (self->password_edited || user_changed))
    dt_secrets_store_async (self->entry, password, NULL, on_password_saved,
                            g_object_ref (parent));
}

/* A port picked or typed by its kernel name is saved by its /dev/serial/by-id name, which
 * survives re-plugging (ttyUSB0 may come back as ttyUSB1). */
static void
keep_stable_device_name (DtEntryEditor *self)
{
  const char *device = dt_entry_get_device (self->entry);
  g_autofree char *preferred = NULL;

  if (device == NULL || device[0] == '\0' || self->ports == NULL)
    return;
  preferred = dt_port_list_preferred_path (self->ports, device);
  if (g_strcmp0 (preferred, device) != 0)
    dt_entry_set_device (self->entry, preferred);
}

static void
on_save_clicked (DtEntryEditor *self)
{
  g_autoptr (GError) error = NULL;

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    return;

  keep_stable_device_name (self);
  if (!dt_phonebook_commit (self->phonebook, self->entry, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save: %s"), error->message);
      AdwToast *toast = adw_toast_new (title);

      /* It stays until dismissed: the edit is still here, to try again or cancel. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  save_password (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_query_row_activated (DtEntryEditor *self)
{
  const char *device = dt_entry_get_device (self->entry);
  DtModemQueryDialog *dialog;

  if (device == NULL || device[0] == '\0')
    {
      AdwToast *toast = adw_toast_new (_("Choose the modem's port first"));

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  dialog = dt_modem_query_dialog_new (GTK_WINDOW (self), device, dt_entry_get_speed (self->entry));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pick_device_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (widget);

  dt_entry_set_device (self->entry, g_variant_get_string (parameter, NULL));
}

/* Each port with what it is, what ModemManager knows, and why this user cannot open it;
 * picking one keeps its by-id name.  The ports follow udev while the editor is open. */
static void
build_device_menu (DtEntryEditor *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) ports_section = dt_port_menu_new (self->ports, "editor.pick-device");
  g_autoptr (GMenu) ask_section = g_menu_new ();
  g_autoptr (GMenuItem) ask = g_menu_item_new (_("Ask When Dialing"), NULL);

  g_menu_item_set_action_and_target_value (ask, "editor.pick-device", g_variant_new_string (""));
  g_menu_append_item (ask_section, ask);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (ports_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (ask_section));
  gtk_menu_button_set_menu_model (self->device_menu_button, G_MENU_MODEL (menu));
}

/* Permissions and ModemManager's view change too: read them afresh at each opening.  Their
 * answers update the open menu in place. */
static void
on_device_menu_popup (GtkMenuButton *button,
                      gpointer       user_data)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (user_data);

  dt_port_list_refresh (self->ports);
}

static void
fill_speeds (DtEntryEditor *self)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  gsize n_speeds;
  const guint *speeds = dt_entry_get_standard_speeds (&n_speeds);

  for (gsize i = 0; i < n_speeds; i++)
    {
      /* Translators: a serial line speed, such as "115200 bps". */
      g_autofree char *label = g_strdup_printf (_("%u bps"), speeds[i]);

      gtk_string_list_append (list, label);
    }
  adw_combo_row_set_model (self->speed_row, G_LIST_MODEL (list));
}

static void
bind_entry (DtEntryEditor *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      GObject *widget = CHILD_PTR (self, bindings[i].widget);
      GBindingFlags flags = G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL;

      if (bindings[i].kind == BIND_SAME)
        g_object_bind_property (self->entry, bindings[i].property,
                                widget, bindings[i].widget_property, flags);
      else
        g_object_bind_property_full (self->entry, bindings[i].property,
                                     widget, bindings[i].widget_property, flags,
                                     entry_to_widget, widget_to_entry,
                                     GINT_TO_POINTER (bindings[i].kind), NULL);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (sensitivities); i++)
    g_object_bind_property_full (self->entry, sensitivities[i].property,
                                 CHILD_PTR (self, sensitivities[i].widget), "sensitive",
                                 G_BINDING_SYNC_CREATE, value_enables, NULL,
                                 GINT_TO_POINTER (sensitivities[i].enabling_value), NULL);

  /* A script may not send the password when it must travel encrypted. */
  g_object_bind_property (self->entry, "require-encryption", self->login_script_editor,
                          "password-allowed", G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  sync_auth_checks (self);
  sync_dns_rows (self);
  g_signal_connect_object (self->entry, "notify", G_CALLBACK (on_entry_notify), self,
                           G_CONNECT_SWAPPED);
}

static char *
validate_alternate (const char *number)
{
  if (number[0] == '\0')
    return g_strdup (_("Enter the number to dial"));
  if (!dt_entry_number_is_dialable (number))
    return g_strdup (_("Use digits, spaces and the characters * # , + - ( ) W P T !"));
  return NULL;
}

static char *
validate_init_string (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return g_strdup (_("Use printable ASCII text, such as AT&F"));
  return text[0] == '\0' ? g_strdup (_("Enter an AT command, such as AT&F")) : NULL;
}

/* One row's own problem; a route listed twice is the group's, from the entry's validation. */
static char *
validate_route (const char *route)
{
  char *reason = NULL;

  dt_entry_route_is_valid (route, &reason);
  return reason;
}

static void
dt_entry_editor_constructed (GObject *object)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (object);

  G_OBJECT_CLASS (dt_entry_editor_parent_class)->constructed (object);

  if (self->original != NULL)
    {
      self->entry = dt_entry_copy (self->original);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Entry"));
    }
  else
    {
      self->entry = dt_entry_new ();
      gtk_window_set_title (GTK_WINDOW (self), _("New Entry"));
    }
  self->original_user = g_strdup (dt_entry_get_user (self->entry));

  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    dt_row_error_prepare (GTK_WIDGET (CHILD_PTR (self, checks[i].widget)));
  dt_row_error_prepare (GTK_WIDGET (self->dns2_row));

  bind_entry (self);
  revalidate (self);

  if (self->original != NULL && dt_entry_get_remember_password (self->entry))
    dt_secrets_lookup_async (self->entry, self->cancellable, on_password_looked_up,
                             g_object_ref (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
dt_entry_editor_dispose (GObject *object)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_ENTRY_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->entry);
  g_clear_object (&self->original);
  g_clear_object (&self->phonebook);
  g_clear_object (&self->ports);

  G_OBJECT_CLASS (dt_entry_editor_parent_class)->dispose (object);
}

static void
dt_entry_editor_finalize (GObject *object)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (object);

  g_free (self->original_user);
  g_hash_table_unref (self->touched);

  G_OBJECT_CLASS (dt_entry_editor_parent_class)->finalize (object);
}

static void
dt_entry_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DtEntryEditor *self = DT_ENTRY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PHONEBOOK:
      self->phonebook = g_value_dup_object (value);
      break;

    case PROP_ORIGINAL:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_entry_editor_class_init (DtEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_entry_editor_constructed;
  object_class->dispose = dt_entry_editor_dispose;
  object_class->finalize = dt_entry_editor_finalize;
  object_class->set_property = dt_entry_editor_set_property;

  properties[PROP_PHONEBOOK] =
    g_param_spec_object ("phonebook", NULL, NULL, DT_TYPE_PHONEBOOK,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGINAL] =
    g_param_spec_object ("original", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DT_TYPE_STRING_LIST_GROUP);
  g_type_ensure (DT_TYPE_LOGIN_SCRIPT_EDITOR);
  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-entry-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, DtEntryEditor, name)
  BIND (cancel_button);
  BIND (save_button);
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (view_stack);
  BIND (name_row);
  BIND (device_row);
  BIND (device_menu_button);
  BIND (query_row);
  BIND (device_type_row);
  BIND (speed_row);
  BIND (flow_control_row);
  BIND (sub_entries_group);
  BIND (multilink_dial_row);
  BIND (number_row);
  BIND (dial_prefix_row);
  BIND (dial_mode_row);
  BIND (dialing_rules_switch);
  BIND (area_code_row);
  BIND (country_code_row);
  BIND (country_code_spin);
  BIND (alternates_group);
  BIND (try_alternates_switch);
  BIND (user_row);
  BIND (password_row);
  BIND (domain_row);
  BIND (remember_switch);
  BIND (prompt_switch);
  BIND (auth_group);
  BIND (pap_check);
  BIND (chap_check);
  BIND (mschapv2_check);
  BIND (eap_check);
  BIND (require_encryption_row);
  BIND (require_encryption_switch);
  BIND (require_server_auth_row);
  BIND (require_server_auth_switch);
  BIND (init_strings_group);
  BIND (extra_commands_row);
  BIND (dial_timeout_row);
  BIND (dial_timeout_spin);
  BIND (speaker_row);
  BIND (redial_attempts_row);
  BIND (redial_attempts_spin);
  BIND (redial_interval_row);
  BIND (redial_interval_spin);
  BIND (redial_on_link_drop_switch);
  BIND (idle_disconnect_row);
  BIND (idle_disconnect_spin);
  BIND (show_terminal_switch);
  BIND (login_script_editor);
  BIND (callback_mode_row);
  BIND (callback_number_row);
  BIND (lcp_echo_interval_row);
  BIND (lcp_echo_interval_spin);
  BIND (lcp_echo_failures_row);
  BIND (lcp_echo_failures_spin);
  BIND (ip_mode_row);
  BIND (static_address_row);
  BIND (dns_mode_row);
  BIND (dns1_row);
  BIND (dns2_row);
  BIND (default_gateway_switch);
  BIND (compression_switch);
  BIND (ipv6_switch);
  BIND (routes_group);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_query_row_activated);

  gtk_widget_class_install_action (widget_class, "editor.pick-device", "s", pick_device_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "activate-default", NULL);
}

static void
dt_entry_editor_init (DtEntryEditor *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  dt_accessible_hide_images (GTK_WIDGET (self->switcher_title));

  self->cancellable = g_cancellable_new ();
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  fill_speeds (self);
  self->ports = dt_port_list_new ();
  gtk_menu_button_set_create_popup_func (self->device_menu_button, on_device_menu_popup, self,
                                         NULL);
  build_device_menu (self);
  dt_string_list_group_set_validator (self->alternates_group, validate_alternate);
  dt_string_list_group_set_validator (self->init_strings_group, validate_init_string);
  dt_string_list_group_set_validator (self->routes_group, validate_route);

  g_signal_connect_object (self->pap_check, "toggled", G_CALLBACK (on_auth_check_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chap_check, "toggled", G_CALLBACK (on_auth_check_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mschapv2_check, "toggled", G_CALLBACK (on_auth_check_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->eap_check, "toggled", G_CALLBACK (on_auth_check_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dns1_row, "changed", G_CALLBACK (on_dns_row_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dns2_row, "changed", G_CALLBACK (on_dns_row_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_row, "changed", G_CALLBACK (on_password_row_changed),
                           self, G_CONNECT_SWAPPED);
  dt_accessible_follow_combo_rows (GTK_WIDGET (self));
}

/**
 * dt_entry_editor_new:
 * @parent: the main window, which the editor is modal over
 * @phonebook: where the entry is saved
 * @entry: (nullable): the entry to edit, or NULL for a new one
 */
GtkWidget *
dt_entry_editor_new (GtkWindow   *parent,
                     DtPhonebook *phonebook,
                     DtEntry     *entry)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DT_IS_PHONEBOOK (phonebook), NULL);
  g_return_val_if_fail (entry == NULL || DT_IS_ENTRY (entry), NULL);

  return g_object_new (DT_TYPE_ENTRY_EDITOR,
                       "transient-for", parent,
                       "phonebook", phonebook,
                       "original", entry,
                       NULL);
}

/**
 * dt_entry_editor_get_entry:
 *
 * Returns: (transfer none): the copy being edited
 */
DtEntry *
dt_entry_editor_get_entry (DtEntryEditor *self)
{
  g_return_val_if_fail (DT_IS_ENTRY_EDITOR (self), NULL);

  return self->entry;
}
