/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportRow (see dt-import-row.h).  The row edits the proposal's entry directly: the
 * device chosen here and the number typed are what the import saves.  A proposal that
 * cannot be saved as it is (no number) has its check box off and insensitive, and the
 * reason on a row of its own, until it is fixed. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-import-row.h"
#include "dt-port-list.h"
#include "dt-text-row.h"

struct _DtImportRow
{
  AdwExpanderRow parent_instance;

  GtkCheckButton *select_check;
  AdwComboRow *device_row;
  DtTextRow *number_row;
  AdwActionRow *password_row;
  AdwActionRow *problem_row;
  AdwActionRow *mapped_row;

  DtImportProposal *proposal;
  GStrv devices;                /* the device row's choices after "Ask when dialing" */
  gboolean notes_added;
};

G_DEFINE_FINAL_TYPE (DtImportRow, dt_import_row, ADW_TYPE_EXPANDER_ROW)

static char *
describe (DtImportProposal *proposal)
{
  DtEntry *entry = dt_import_proposal_get_entry (proposal);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_null_terminated (3, NULL, TRUE);
  const char *own = dt_entry_get_name (entry);
  const char *name = dt_import_proposal_get_import_name (proposal);
  g_autofree char *line = NULL;

  if (dt_import_proposal_get_kind (proposal) == DT_IMPORT_KIND_SKIPPED)
    /* Translators: a section of the imported file that cannot be imported, and why. */
    return g_strdup_printf (_("Cannot be imported: %s"),
                            dt_import_proposal_get_skip_reason (proposal));
  if (dt_entry_get_number (entry)[0] != '\0')
    g_ptr_array_add (parts, (char *) dt_entry_get_number (entry));
  if (dt_entry_get_user (entry)[0] != '\0')
    g_ptr_array_add (parts, (char *) dt_entry_get_user (entry));
  if (dt_entry_get_device (entry)[0] != '\0')
    g_ptr_array_add (parts, (char *) dt_entry_get_device (entry));
  line = g_strjoinv (" · ", (char **) parts->pdata);
  if (dt_import_proposal_get_kind (proposal) == DT_IMPORT_KIND_MODIFIER)
    /* Translators: a wvdial dialer that only changes [Dialer Defaults]. */
    return g_strdup_printf (_("A variant of [Dialer Defaults]: %s"), line);
  if (!g_str_equal (own, name))
    /* Translators: the name clashes; %s is the entry's name in the file. */
    return g_strdup_printf (_("The phonebook already has “%s” · %s"), own, line);
  return g_steal_pointer (&line);
}

/* The title, subtitle, check box and problem row, as the proposal now is. */
static void
update (DtImportRow *self)
{
  g_autofree char *problem = dt_import_proposal_check (self->proposal);
  g_autofree char *subtitle = describe (self->proposal);
  gboolean skipped = dt_import_proposal_get_kind (self->proposal) == DT_IMPORT_KIND_SKIPPED;
  g_autofree char *check_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 dt_import_proposal_get_import_name (self->proposal));
  /* The check box has no label of its own. */
  /* Translators: a check box's name for a screen reader; %s is a connection to import. */
  check_name = g_strdup_printf (_("Import %s"),
                                dt_import_proposal_get_import_name (self->proposal));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_check), problem == NULL);
  if (problem != NULL)
    dt_import_proposal_set_selected (self->proposal, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_row), problem != NULL && !skipped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problem_row), problem ? problem : "");
}

static void
on_number_row_changed (DtImportRow *self)
{
  DtEntry *entry = dt_import_proposal_get_entry (self->proposal);
  g_autofree char *before = dt_import_proposal_check (self->proposal);
  g_autofree char *after = NULL;

  dt_entry_set_number (entry, gtk_editable_get_text (GTK_EDITABLE (self->number_row)));
  after = dt_import_proposal_check (self->proposal);
  update (self);
  /* Fixed: chosen, as the entries that were fine from the start are. */
  if (before != NULL && after == NULL &&
      dt_import_proposal_get_kind (self->proposal) == DT_IMPORT_KIND_ENTRY)
    dt_import_proposal_set_selected (self->proposal, TRUE);
}

static void
on_device_selected (DtImportRow *self)
{
  guint selected = adw_combo_row_get_selected (self->device_row);
  const char *device = selected > 0 && selected <= g_strv_length (self->devices)
                       ? self->devices[selected - 1] : "";

  dt_entry_set_device (dt_import_proposal_get_entry (self->proposal), device);
  update (self);
}

/* "Ask when dialing", the serial ports found (as the editor lists them, each kept by its
 * by-id name), then the devices the file named. */
static void
setup_device_row (DtImportRow        *self,
                  const char * const *devices)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) labels_builder = g_strv_builder_new ();
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  g_auto (GStrv) labels = NULL;
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  const char *hint = dt_import_proposal_get_device_hint (self->proposal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (ports)); i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      g_autofree char *label = dt_port_info_get_label (port);

      g_strv_builder_add (builder, dt_port_info_get_preferred_path (port));
      g_strv_builder_add (labels_builder, label);
    }
  for (guint i = 0; devices != NULL && devices[i] != NULL; i++)
    if (dt_port_list_lookup (ports, devices[i]) == NULL)
      {
        g_strv_builder_add (builder, devices[i]);
        g_strv_builder_add (labels_builder, devices[i]);
      }
  self->devices = g_strv_builder_end (builder);
  labels = g_strv_builder_end (labels_builder);

  gtk_string_list_append (model, _("Ask when dialing"));
  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (model, labels[i]);
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->device_row, 0);
  if (hint != NULL)
    {
      /* Translators: what the old file called the modem, such as "COM3: U.S. Robotics 56K". */
      g_autofree char *subtitle = g_strdup_printf (_("The file named %s"), hint);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->device_row), subtitle);
    }
  g_signal_connect_object (self->device_row, "notify::selected",
                           G_CALLBACK (on_device_selected), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->device_row), TRUE);
}

/* One row per key that was not imported; the ones whose effect is lost first.  Added when
 * the row is first expanded: a Windows phonebook has some sixty such keys an entry. */
static void
add_unmapped_rows (DtImportRow *self)
{
  GPtrArray *notes = dt_import_proposal_get_unmapped (self->proposal);

  if (self->notes_added || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;
  self->notes_added = TRUE;

  for (int lost = 1; lost >= 0; lost--)
    for (guint i = 0; i < notes->len; i++)
      {
        const DtImportNote *note = g_ptr_array_index (notes, i);
        g_autofree char *title = NULL, *subtitle = NULL;
        GtkWidget *row;

        if (note->lost != lost)
          continue;
        title = note->value != NULL && note->value[0] != '\0'
                ? g_strdup_printf ("%s = %s", note->key, note->value) : g_strdup (note->key);
        /* Translators: a line of the imported file, and why its key was not imported. */
        subtitle = g_strdup_printf (_("Line %u: %s"), note->line, note->message);
        row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
        if (lost)
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
        adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      }
}

static void
setup (DtImportRow        *self,
       const char * const *devices)
{
  DtImportProposal *p = self->proposal;
  guint mapped = dt_import_proposal_get_mapped (p)->len;
  guint unmapped = dt_import_proposal_get_unmapped (p)->len;
  g_autofree char *counts = NULL;
  g_autofree char *label = g_strdup_printf (_("Import %s"),
                                            dt_entry_get_name (dt_import_proposal_get_entry (p)));

  g_object_bind_property (p, "selected", self->select_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (p, "notify::import-name", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  if (dt_import_proposal_get_kind (p) != DT_IMPORT_KIND_SKIPPED)
    {
      if (dt_import_proposal_needs_device (p))
        setup_device_row (self, devices);
      gtk_widget_set_visible (GTK_WIDGET (self->number_row),
                              dt_entry_get_number (dt_import_proposal_get_entry (p))[0] == '\0');
      gtk_widget_set_visible (GTK_WIDGET (self->password_row),
                              dt_import_proposal_get_password (p) != NULL);
    }
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u setting imported, %u not",
                                         "%u settings imported, %u not", mapped),
                            mapped, unmapped);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mapped_row), counts);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (add_unmapped_rows), NULL);
  update (self);
}

static void
dt_import_row_dispose (GObject *object)
{
  DtImportRow *self = DT_IMPORT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_IMPORT_ROW);
  g_clear_object (&self->proposal);

  G_OBJECT_CLASS (dt_import_row_parent_class)->dispose (object);
}

static void
dt_import_row_finalize (GObject *object)
{
  DtImportRow *self = DT_IMPORT_ROW (object);

  g_strfreev (self->devices);

  G_OBJECT_CLASS (dt_import_row_parent_class)->finalize (object);
}

static void
dt_import_row_class_init (DtImportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_import_row_dispose;
  object_class->finalize = dt_import_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-import-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, select_check);
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, device_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, number_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, password_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, problem_row);
  gtk_widget_class_bind_template_child (widget_class, DtImportRow, mapped_row);
  gtk_widget_class_bind_template_callback (widget_class, on_number_row_changed);
}

static void
dt_import_row_init (DtImportRow *self)
{
  g_type_ensure (DT_TYPE_TEXT_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dt_import_row_new:
 * @proposal: the proposed entry
 * @devices: (nullable): devices the file named, offered after the serial ports found
 *
 * Returns: (transfer floating): a row for @proposal
 */
GtkWidget *
dt_import_row_new (DtImportProposal   *proposal,
                   const char * const *devices)
{
  DtImportRow *self;

  g_return_val_if_fail (DT_IS_IMPORT_PROPOSAL (proposal), NULL);

  self = g_object_new (DT_TYPE_IMPORT_ROW, NULL);
  self->proposal = g_object_ref (proposal);
  setup (self, devices);
  return GTK_WIDGET (self);
}

DtImportProposal *
dt_import_row_get_proposal (DtImportRow *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_ROW (self), NULL);
  return self->proposal;
}
