/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Workarounds for the accessibility of GTK 4.8 and libadwaita 1.2, as AT-SPI shows it:
 *   - a button with a mnemonic label ("_Save") gets that text, underscore included, as its
 *     accessible label, and is also labelled by its child label ("Save"): a screen reader
 *     says "_Save Save".  Dropping the accessible label leaves the child's, "Save";
 *   - a GtkExpander has no name at all ("GtkExpander"), nor has a toast's close button;
 *   - an AdwComboRow says its title but not its value, and the list inside it that shows
 *     the value is a focusable list of nameless items;
 *   - the icons libadwaita puts next to a label (the view switcher's page icons) are images
 *     named "GtkImage";
 *   - a window whose template holds rows has its accessible object made while the template
 *     is built, with the generic role ("filler"), whatever role its class sets;
 *   - the scrolled window inside an AdwPreferencesPage or AdwStatusPage takes the focus when
 *     it holds nothing focusable (a page still empty, a status page), with no name.
 * Windows call these once their template is built, and again where a label changes. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"

/**
 * dt_accessible_make_dialog:
 * @window: a window, in its init function, before gtk_widget_init_template()
 *
 * The window is a dialog to a screen reader.
 */
void
dt_accessible_make_dialog (GtkWidget *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set (window, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
}

typedef void (*FixFunc) (GtkWidget *widget,
                         gpointer   data);

/* Calls @fix (widget, @data) on @root and every widget under it that is a @type. */
static void
fix_all (GtkWidget *root,
         GType      type,
         FixFunc    fix,
         gpointer   data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    fix (root, data);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fix_all (child, type, fix, data);
}

static void
name_button_from_label (GtkWidget *widget,
                        gpointer   data)
{
  GtkButton *button = GTK_BUTTON (widget);

  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * dt_accessible_name_from_labels:
 * @root: a window, or any widget
 *
 * Every button under @root with a mnemonic label is named by what its label shows.
 */
void
dt_accessible_name_from_labels (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_all (root, GTK_TYPE_BUTTON, name_button_from_label, NULL);
}

/**
 * dt_accessible_name_toast:
 * @toast_widget: what an AdwToastOverlay shows for a toast
 *
 * The toast's action button is named by its label ("Undo"), and its close button, an icon,
 * says what it does.
 */
void
dt_accessible_name_toast (GtkWidget *toast_widget)
{
  g_return_if_fail (GTK_IS_WIDGET (toast_widget));

  if (GTK_IS_BUTTON (toast_widget))
    {
      if (gtk_button_get_label (GTK_BUTTON (toast_widget)) != NULL)
        name_button_from_label (toast_widget, NULL);
      else
        gtk_accessible_update_property (GTK_ACCESSIBLE (toast_widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Notice"), -1);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (toast_widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dt_accessible_name_toast (child);
}

/**
 * dt_accessible_add_toast:
 *
 * adw_toast_overlay_add_toast(), and the toast's buttons named (see
 * dt_accessible_name_toast).  A toast queued behind another one is built later, and keeps
 * libadwaita's names.
 */
void
dt_accessible_add_toast (AdwToastOverlay *overlay,
                         AdwToast        *toast)
{
  GtkWidget *content;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  content = adw_toast_overlay_get_child (overlay);
  adw_toast_overlay_add_toast (overlay, toast);
  /* The overlay's children but its content: the toasts. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      dt_accessible_name_toast (child);
}

/**
 * dt_accessible_set_button_name:
 * @name: what a screen reader says, where the visible label says less ("Connect to Work"
 *   for "Connect")
 *
 * Call after every gtk_button_set_label(), which sets the accessible label again.
 */
void
dt_accessible_set_button_name (GtkButton  *button,
                               const char *name)
{
  g_return_if_fail (GTK_IS_BUTTON (button));
  g_return_if_fail (name != NULL);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* An expander is named by its label ("Details"), mnemonic left out. */
void
dt_accessible_label_expander (GtkExpander *expander)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_EXPANDER (expander));

  label = gtk_expander_get_label_widget (expander);
  if (label != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (expander),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row's value: the string of its selected item (every combo row here lists strings). */
static void
on_combo_row_selected (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);
  const char *value = GTK_IS_STRING_OBJECT (item)
                      ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;

  if (value != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    value, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * dt_accessible_follow_combo_row:
 *
 * The row's description says its value, as the value changes.  The list inside it that
 * shows the value (a list of one item, which the keyboard never reaches) is left out of
 * what a screen reader sees; call before the window is shown.
 */
void
dt_accessible_follow_combo_row (AdwComboRow *row)
{
  GtkWidget *shown;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  shown = find_list_view (GTK_WIDGET (row));
  if (shown != NULL)
    g_object_set (shown, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (on_combo_row_selected), NULL);
  on_combo_row_selected (row);
}

static void
follow_combo_row (GtkWidget *row,
                  gpointer   data)
{
  dt_accessible_follow_combo_row (ADW_COMBO_ROW (row));
}

/* Every combo row under @root. */
void
dt_accessible_follow_combo_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_all (root, ADW_TYPE_COMBO_ROW, follow_combo_row, NULL);
}

static void
hide_image (GtkWidget *image,
            gpointer   data)
{
  g_object_set (image, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
}

/**
 * dt_accessible_hide_images:
 * @root: widgets whose images only decorate a text next to them
 *
 * Call before the window is shown: an image's role cannot change once a screen reader has
 * seen it.
 */
void
dt_accessible_hide_images (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  fix_all (root, GTK_TYPE_IMAGE, hide_image, NULL);
}

static void
name_pane (GtkWidget *scrolled_window,
           gpointer   name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled_window), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

/**
 * dt_accessible_name_scroll_panes:
 * @root: a page (AdwPreferencesPage, AdwStatusPage), or any widget
 * @name: what the page shows, such as its title
 *
 * Every scrolled window under @root is named @name.
 */
void
dt_accessible_name_scroll_panes (GtkWidget  *root,
                                 const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail (name != NULL);

  fix_all (root, GTK_TYPE_SCROLLED_WINDOW, name_pane, (gpointer) name);
}
