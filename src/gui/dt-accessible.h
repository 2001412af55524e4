/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What Dialtone's windows do for screen readers where GTK 4.8 and libadwaita 1.2 fall short,
 * in one place: each function says which shortcoming it works around, so that it can go
 * when the floor moves. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void dt_accessible_make_dialog       (GtkWidget   *window);
void dt_accessible_name_from_labels  (GtkWidget   *root);
void dt_accessible_name_toast        (GtkWidget   *toast_widget);
void dt_accessible_add_toast         (AdwToastOverlay *overlay,
                                      AdwToast        *toast);
void dt_accessible_set_button_name   (GtkButton   *button,
                                      const char  *name);
void dt_accessible_label_expander    (GtkExpander *expander);
void dt_accessible_follow_combo_row  (AdwComboRow *row);
void dt_accessible_follow_combo_rows (GtkWidget   *root);
void dt_accessible_hide_images       (GtkWidget   *root);
void dt_accessible_name_scroll_panes (GtkWidget   *root,
                                      const char  *name);

G_END_DECLS
