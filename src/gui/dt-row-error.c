/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inline validation on rows: the error style, the reason where the row can show text (a
 * warning icon with a tooltip on a text row, the subtitle of an action or combo row, the
 * description of a group), and the reason as the accessible description so that a screen
 * reader says it too: on a text row, on its entry, which is what has the focus. */

#include "config.h"

#include "dt-row-error.h"
#include "dt-text-row.h"

/* Shows or clears @reason on @widget: a text row gets a warning icon with the reason as
 * tooltip, an action or combo row gets it as subtitle, a group as description. */
void
dt_row_error_show (GtkWidget  *widget,
                   const char *reason)
{
  /* An action or combo row is described by its subtitle already (libadwaita relates them),
   * where the reason goes; a combo row's own description is its value. */
  gboolean by_subtitle = ADW_IS_ACTION_ROW (widget);
  GtkAccessible *described = GTK_ACCESSIBLE (widget);
  const char *normal;

  if (DT_IS_TEXT_ROW (widget))
    described = GTK_ACCESSIBLE (dt_text_row_get_entry (DT_TEXT_ROW (widget)));
  if (reason != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      if (!by_subtitle)
        gtk_accessible_update_property (described, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason,
                                        -1);
      gtk_accessible_update_state (described, GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      if (!by_subtitle)
        gtk_accessible_reset_property (described, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (described, GTK_ACCESSIBLE_STATE_INVALID);
    }

  normal = g_object_get_data (G_OBJECT (widget), "dt-normal-text");
  if (DT_IS_TEXT_ROW (widget))
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

  if (DT_IS_TEXT_ROW (widget))
    {
      /* Decorative: the reason is the entry's description already. */
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", "dialog-warning-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);

      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_add_css_class (icon, "error");
      dt_text_row_add_suffix (DT_TEXT_ROW (widget), icon);
      g_object_set_data (G_OBJECT (widget), "dt-error-icon", icon);
      return;
    }
  if (ADW_IS_ACTION_ROW (widget))
    normal = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    normal = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget));
  g_object_set_data_full (G_OBJECT (widget), "dt-normal-text", g_strdup (normal), g_free);
}
