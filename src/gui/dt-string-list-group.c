/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An ordered list of strings as text rows.  Typing changes one string in place (the rows
 * stay, so focus stays); adding, removing and moving rebuild the rows and move the focus to
 * where the user expects it.  Invalid strings get the error style on their own row. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-row-error.h"
#include "dt-string-list-group.h"
#include "dt-text-row.h"

struct _DtStringListGroup
{
  AdwPreferencesGroup parent_instance;

  GtkButton *add_button;

  GPtrArray *strings;        /* char *, NULL-terminated */
  GPtrArray *rows;           /* DtTextRow, one per string */
  char *row_title;
  char *add_label;
  DtStringValidator validator;
};

G_DEFINE_FINAL_TYPE (DtStringListGroup, dt_string_list_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STRINGS,
  PROP_ROW_TITLE,
  PROP_ADD_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (DtStringListGroup *self,
                     int                focus);

static guint
n_strings (DtStringListGroup *self)
{
  return self->strings->len - 1;
}

static void
validate_row (DtStringListGroup *self,
              GtkWidget         *row,
              const char        *text)
{
  g_autofree char *reason = self->validator != NULL ? self->validator (text) : NULL;

  dt_row_error_show (row, reason);
}

static guint
row_position (DtStringListGroup *self,
              GtkWidget         *row)
{
  guint position = 0;
  gboolean found = g_ptr_array_find (self->rows, row, &position);

  g_assert (found);
  return position;
}

static void
on_row_changed (DtStringListGroup *self,
                GtkEditable       *row)
{
  guint position = row_position (self, GTK_WIDGET (row));
  const char *text = gtk_editable_get_text (row);

  if (g_strcmp0 (g_ptr_array_index (self->strings, position), text) == 0)
    return;
  g_free (g_ptr_array_index (self->strings, position));
  g_ptr_array_index (self->strings, position) = g_strdup (text);
  validate_row (self, GTK_WIDGET (row), text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRINGS]);
}

static void
move (DtStringListGroup *self,
      guint              from,
      guint              to)
{
  gpointer text = g_ptr_array_steal_index (self->strings, from);

  g_ptr_array_insert (self->strings, to, text);
  rebuild (self, to);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRINGS]);
}

static void
on_up_clicked (GtkWidget *row)
{
  DtStringListGroup *self = g_object_get_data (G_OBJECT (row), "dt-group");
  guint position = row_position (self, row);

  if (position > 0)
    move (self, position, position - 1);
}

static void
on_down_clicked (GtkWidget *row)
{
  DtStringListGroup *self = g_object_get_data (G_OBJECT (row), "dt-group");
  guint position = row_position (self, row);

  if (position + 1 < n_strings (self))
    move (self, position, position + 1);
}

static void
on_remove_clicked (GtkWidget *row)
{
  DtStringListGroup *self = g_object_get_data (G_OBJECT (row), "dt-group");
  guint position = row_position (self, row);

  g_ptr_array_remove_index (self->strings, position);
  /* Focus the row that took its place, the one above it, or the Add button. */
  rebuild (self, n_strings (self) == 0 ? 0 : (int) MIN (position, n_strings (self) - 1));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRINGS]);
}

/* An icon button; @tooltip says what it does, @name says it for this row ("Remove Route 2"):
 * a screen reader user tabbing through the buttons hears which row each one acts on. */
static GtkWidget *
row_button (GtkWidget  *row,
            const char *icon_name,
            const char *tooltip,
            const char *name,
            GCallback   callback,
            gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_swapped (button, "clicked", callback, row);
  return button;
}

static GtkWidget *
create_row (DtStringListGroup *self,
            guint              position)
{
  GtkWidget *row = dt_text_row_new ();
  DtTextRow *text_row = DT_TEXT_ROW (row);
  const char *text = g_ptr_array_index (self->strings, position);
  g_autofree char *label = g_strdup_printf ("%s %u", self->row_title, position + 1);
  /* Translators: an icon button's name for a screen reader; %s is a row, as "Route 2". */
  g_autofree char *up = g_strdup_printf (_("Move %s Up"), label);
  /* Translators: an icon button's name for a screen reader; %s is a row, as "Route 2". */
  g_autofree char *down = g_strdup_printf (_("Move %s Down"), label);
  /* Translators: an icon button's name for a screen reader; %s is a row, as "Route 2". */
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data (G_OBJECT (row), "dt-group", self);
  dt_text_row_add_suffix (text_row, row_button (row, "go-up-symbolic", _("Move Up"), up,
                                                G_CALLBACK (on_up_clicked), position > 0));
  dt_text_row_add_suffix (text_row, row_button (row, "go-down-symbolic", _("Move Down"), down,
                                                G_CALLBACK (on_down_clicked),
                                                position + 1 < n_strings (self)));
  dt_text_row_add_suffix (text_row, row_button (row, "user-trash-symbolic", _("Remove"), remove,
                                                G_CALLBACK (on_remove_clicked), TRUE));
  dt_row_error_prepare (row);
  validate_row (self, row, text);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* Replaces every row; @focus is the row to focus afterwards, or -1. */
static void
rebuild (DtStringListGroup *self,
         int                focus)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n_strings (self); i++)
    {
      GtkWidget *row = create_row (self, i);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }

  if (focus >= 0 && (guint) focus < self->rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, focus));
  else if (focus >= 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
on_add_clicked (DtStringListGroup *self)
{
  g_ptr_array_insert (self->strings, n_strings (self), g_strdup (""));
  rebuild (self, n_strings (self) - 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRINGS]);
}

static void
dt_string_list_group_dispose (GObject *object)
{
  DtStringListGroup *self = DT_STRING_LIST_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_string_list_group_parent_class)->dispose (object);
}

static void
dt_string_list_group_finalize (GObject *object)
{
  DtStringListGroup *self = DT_STRING_LIST_GROUP (object);

  g_ptr_array_unref (self->strings);
  g_free (self->row_title);
  g_free (self->add_label);

  G_OBJECT_CLASS (dt_string_list_group_parent_class)->finalize (object);
}

static void
dt_string_list_group_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DtStringListGroup *self = DT_STRING_LIST_GROUP (object);

  switch (prop_id)
    {
    case PROP_STRINGS:
      g_value_set_boxed (value, self->strings->pdata);
      break;

    case PROP_ROW_TITLE:
      g_value_set_string (value, self->row_title);
      break;

    case PROP_ADD_LABEL:
      g_value_set_string (value, self->add_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_string_list_group_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DtStringListGroup *self = DT_STRING_LIST_GROUP (object);

  switch (prop_id)
    {
    case PROP_STRINGS:
      dt_string_list_group_set_strings (self, g_value_get_boxed (value));
      break;

    case PROP_ROW_TITLE:
      if (g_strcmp0 (self->row_title, g_value_get_string (value)) != 0)
        {
          g_free (self->row_title);
          self->row_title = g_value_dup_string (value);
          rebuild (self, -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ADD_LABEL:
      if (g_strcmp0 (self->add_label, g_value_get_string (value)) != 0)
        {
          g_free (self->add_label);
          self->add_label = g_value_dup_string (value);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), self->add_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, self->add_label, -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_string_list_group_class_init (DtStringListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dt_string_list_group_dispose;
  object_class->finalize = dt_string_list_group_finalize;
  object_class->get_property = dt_string_list_group_get_property;
  object_class->set_property = dt_string_list_group_set_property;

  properties[PROP_STRINGS] =
    g_param_spec_boxed ("strings", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ROW_TITLE] =
    g_param_spec_string ("row-title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_string_list_group_init (DtStringListGroup *self)
{
  self->strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->strings, NULL);
  self->rows = g_ptr_array_new ();
  self->row_title = g_strdup ("");
  self->add_label = g_strdup ("");

  self->add_button = GTK_BUTTON (gtk_button_new_from_icon_name ("list-add-symbolic"));
  gtk_widget_set_valign (GTK_WIDGET (self->add_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "flat");
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self),
                                           GTK_WIDGET (self->add_button));
}

const char * const *
dt_string_list_group_get_strings (DtStringListGroup *self)
{
  g_return_val_if_fail (DT_IS_STRING_LIST_GROUP (self), NULL);

  return (const char * const *) self->strings->pdata;
}

void
dt_string_list_group_set_strings (DtStringListGroup  *self,
                                  const char * const *strings)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (DT_IS_STRING_LIST_GROUP (self));

  if (strings == NULL)
    strings = empty;
  if (g_strv_equal (strings, (const char * const *) self->strings->pdata))
    return;

  g_ptr_array_set_size (self->strings, 0);
  for (guint i = 0; strings[i] != NULL; i++)
    g_ptr_array_add (self->strings, g_strdup (strings[i]));
  g_ptr_array_add (self->strings, NULL);
  rebuild (self, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRINGS]);
}

void
dt_string_list_group_set_validator (DtStringListGroup *self,
                                    DtStringValidator  validator)
{
  g_return_if_fail (DT_IS_STRING_LIST_GROUP (self));

  self->validator = validator;
  for (guint i = 0; i < self->rows->len; i++)
    validate_row (self, g_ptr_array_index (self->rows, i),
                  g_ptr_array_index (self->strings, i));
}

/**
 * dt_string_list_group_get_row:
 *
 * Returns: (transfer none) (nullable): the entry row for the string at @position
 */
GtkWidget *
dt_string_list_group_get_row (DtStringListGroup *self,
                              guint              position)
{
  g_return_val_if_fail (DT_IS_STRING_LIST_GROUP (self), NULL);

  if (position >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, position);
}
