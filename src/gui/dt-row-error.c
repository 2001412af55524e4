/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inline validation on libadwaita rows: the error style, the reason where the row can show
 * text (a warning icon with a tooltip on an entry row, the subtitle of an action or combo
 * row, the description of a group), and the reason as the accessible description so that a
 * screen reader says it too. */

#include "config.h"

#include "dt-row-error.h"

/* Shows or clears @reason on @widget: an entry row gets a warning icon with the reason as
 * tooltip, an action or combo row gets it as subtitle, a group as description. */
void
dt_row_error_show (GtkWidget  *widget,
                   const char *reason)
{
  const char *normal;

  if (reason != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  normal = g_object_get_data (G_OBJECT (widget), "dt-normal-text");
  if (ADW_IS_ENTRY_ROW (widget))
    {
      GtkWidget *icon = g_object_get_data (G_OBJECT (widget), "dt-error-icon");

      gtk_widget_set_visible (icon, reason != NULL);
      gtk_widget_set_tooltip_text (icon, reason);
    }
  else if (ADW_IS_ACTION_ROW (widget))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), reason != NULL ? reason : normal);
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget),
                                           reason != NULL ? reason : normal);
}

/* Keeps what a row or group says when it is valid, and gives entry rows their icon. */
void
dt_row_error_prepare (GtkWidget *widget)
{
  const char *normal = NULL;

  if (ADW_IS_ENTRY_ROW (widget))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_add_css_class (icon, "error");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (widget), icon);
      g_object_set_data (G_OBJECT (widget), "dt-error-icon", icon);
      return;
    }
  if (ADW_IS_ACTION_ROW (widget))
    normal = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    normal = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget));
  g_object_set_data_full (G_OBJECT (widget), "dt-normal-text", g_strdup (normal), g_free);
}
