/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why not AdwEntryRow: with GTK 4.8 and libadwaita 1.2, the GtkText inside an AdwEntryRow
 * takes the focus, but it has no role of its own and the row does not pass its focus on, so
 * on AT-SPI no text field ever has the focused state and a screen reader says nothing when
 * the user tabs into one.  A GtkEntry passes its focus on (GTK does that for its own entries),
 * and says its name (the row's title, through a labelled-by relation) and its text.
 *
 * The row never takes the focus itself: Tab goes straight to the entry, and a click on the
 * row puts the focus there too.  A password row's toggle shows the password, and says
 * whether it does (its pressed state).  Its entry is a GtkPasswordEntry, which says
 * "password text" to a screen reader, so that what is typed is not echoed, and shows when
 * Caps Lock is on.  With "show-apply-button", as AdwEntryRow's, an Apply button shows once
 * the user has typed (the text changed while the entry has the focus), and it or Enter
 * emits "apply". */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-text-row.h"

struct _DtTextRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *entry;
  GtkWidget *suffixes;
  GtkWidget *reveal_button;     /* password rows only */
  GtkWidget *apply_button;      /* with show-apply-button only */

  gboolean password;
};

static void dt_text_row_editable_init  (GtkEditableInterface *iface);
static void dt_text_row_buildable_init (GtkBuildableIface    *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DtTextRow, dt_text_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      dt_text_row_editable_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      dt_text_row_buildable_init))

enum {
  PROP_0,
  PROP_PASSWORD,
  PROP_ACTIVATES_DEFAULT,
  PROP_INPUT_PURPOSE,
  PROP_SHOW_APPLY_BUTTON,
  N_PROPS
};

enum {
  SIGNAL_APPLY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GtkBuildableIface *parent_buildable_iface;

static GtkEditable *
dt_text_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (DT_TEXT_ROW (editable)->entry);
}

static void
dt_text_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = dt_text_row_get_delegate;
}

static void
dt_text_row_add_child (GtkBuildable *buildable,
                       GtkBuilder   *builder,
                       GObject      *child,
                       const char   *type)
{
  if (g_strcmp0 (type, "suffix") == 0)
    dt_text_row_add_suffix (DT_TEXT_ROW (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
dt_text_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = dt_text_row_add_child;
}

static void
on_reveal_toggled (DtTextRow       *self,
                   GtkToggleButton *button)
{
  gboolean shown = gtk_toggle_button_get_active (button);
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));

  gtk_text_set_visibility (GTK_TEXT (text), shown);
  gtk_button_set_icon_name (GTK_BUTTON (button), shown ? "view-conceal-symbolic"
                                                       : "view-reveal-symbolic");
}

static void
build_password (DtTextRow *self)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), "view-reveal-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Show Password"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show Password"), -1);
  /* GtkToggleButton says "pressed" once toggled; it says "not pressed" from the start. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, FALSE, -1);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_reveal_toggled), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->suffixes), button);
  self->reveal_button = button;
}

static void
apply (DtTextRow *self)
{
  gtk_widget_set_visible (self->apply_button, FALSE);
  g_signal_emit (self, signals[SIGNAL_APPLY], 0);
}

/* Typed: changed while the entry has the focus (not filled in by the program before). */
static void
on_entry_changed (DtTextRow *self)
{
  GtkRoot *root = gtk_widget_get_root (self->entry);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->entry))
    gtk_widget_set_visible (self->apply_button, TRUE);
}

static void
on_entry_activate (DtTextRow *self)
{
  if (gtk_widget_get_visible (self->apply_button))
    apply (self);
}

static void
build_apply (DtTextRow *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("object-select-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_tooltip_text (button, _("Apply"));
  gtk_widget_set_visible (button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Apply"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->title_label, NULL, -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (apply), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "changed", G_CALLBACK (on_entry_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);
  gtk_box_prepend (GTK_BOX (self->suffixes), button);
  self->apply_button = button;
}

/* The title, which names the entry, follows the row's title. */
static void
on_title_notify (DtTextRow *self)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self);

  gtk_label_set_use_underline (GTK_LABEL (self->title_label),
                               adw_preferences_row_get_use_underline (row));
  gtk_label_set_label (GTK_LABEL (self->title_label), adw_preferences_row_get_title (row));
}

/* A click anywhere on the row types into its entry (the entry takes the clicks on itself). */
static void
on_row_released (DtTextRow *self)
{
  gtk_widget_grab_focus (self->entry);
}

/* The row is never focused itself: grabbing it focuses the entry. */
static gboolean
dt_text_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (DT_TEXT_ROW (widget)->entry);
}

static void
dt_text_row_constructed (GObject *object)
{
  DtTextRow *self = DT_TEXT_ROW (object);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  G_OBJECT_CLASS (dt_text_row_parent_class)->constructed (object);

  self->entry = self->password ? gtk_password_entry_new () : gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  if (GTK_IS_ENTRY (self->entry))
    gtk_entry_set_has_frame (GTK_ENTRY (self->entry), FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->title_label), self->entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (column), self->title_label);
  gtk_box_append (GTK_BOX (column), self->entry);
  gtk_box_prepend (GTK_BOX (self->box), column);
  gtk_editable_init_delegate (GTK_EDITABLE (self));
  if (self->password)
    build_password (self);
  on_title_notify (self);
}

static void
dt_text_row_dispose (GObject *object)
{
  DtTextRow *self = DT_TEXT_ROW (object);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  self->entry = NULL;

  G_OBJECT_CLASS (dt_text_row_parent_class)->dispose (object);
}

static void
dt_text_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DtTextRow *self = DT_TEXT_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PASSWORD:
      g_value_set_boolean (value, self->password);
      break;

    case PROP_ACTIVATES_DEFAULT:
      g_object_get_property (G_OBJECT (self->entry), "activates-default", value);
      break;

    case PROP_INPUT_PURPOSE:
      g_value_set_enum (value, GTK_IS_ENTRY (self->entry)
                               ? gtk_entry_get_input_purpose (GTK_ENTRY (self->entry))
                               : GTK_INPUT_PURPOSE_PASSWORD);
      break;

    case PROP_SHOW_APPLY_BUTTON:
      g_value_set_boolean (value, self->apply_button != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_text_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DtTextRow *self = DT_TEXT_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PASSWORD:
      self->password = g_value_get_boolean (value);
      break;

    case PROP_ACTIVATES_DEFAULT:
      g_object_set_property (G_OBJECT (self->entry), "activates-default", value);
      break;

    case PROP_INPUT_PURPOSE:
      if (GTK_IS_ENTRY (self->entry))
        gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), g_value_get_enum (value));
      break;

    case PROP_SHOW_APPLY_BUTTON:
      if (g_value_get_boolean (value) && self->apply_button == NULL)
        build_apply (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_text_row_class_init (DtTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_text_row_constructed;
  object_class->dispose = dt_text_row_dispose;
  object_class->get_property = dt_text_row_get_property;
  object_class->set_property = dt_text_row_set_property;
  widget_class->grab_focus = dt_text_row_grab_focus;

  properties[PROP_PASSWORD] =
    g_param_spec_boolean ("password", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATES_DEFAULT] =
    g_param_spec_boolean ("activates-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INPUT_PURPOSE] =
    g_param_spec_enum ("input-purpose", NULL, NULL, GTK_TYPE_INPUT_PURPOSE,
                       GTK_INPUT_PURPOSE_FREE_FORM, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Set once: the row then has its Apply button for good. */
  properties[PROP_SHOW_APPLY_BUTTON] =
    g_param_spec_boolean ("show-apply-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Apply, or Enter, after typing (show-apply-button). */
  signals[SIGNAL_APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  gtk_editable_install_properties (object_class, N_PROPS);

  gtk_widget_class_set_css_name (widget_class, "row");
}

static void
dt_text_row_init (DtTextRow *self)
{
  GtkGesture *click;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->box, "dt-text-row-box");
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title_label, "subtitle");
  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->suffixes);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->box);

  gtk_widget_add_css_class (GTK_WIDGET (self), "dt-text-row");
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_row_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_notify), NULL);
  g_signal_connect (self, "notify::use-underline", G_CALLBACK (on_title_notify), NULL);
}

GtkWidget *
dt_text_row_new (void)
{
  return g_object_new (DT_TYPE_TEXT_ROW, NULL);
}

/**
 * dt_text_row_get_entry:
 *
 * Returns: (transfer none): the GtkEntry, or the GtkPasswordEntry of a password row
 */
GtkWidget *
dt_text_row_get_entry (DtTextRow *self)
{
  g_return_val_if_fail (DT_IS_TEXT_ROW (self), NULL);

  return self->entry;
}

/**
 * dt_text_row_get_reveal_button:
 *
 * Returns: (transfer none) (nullable): a password row's Show Password toggle
 */
GtkWidget *
dt_text_row_get_reveal_button (DtTextRow *self)
{
  g_return_val_if_fail (DT_IS_TEXT_ROW (self), NULL);

  return self->reveal_button;
}

/* After the entry, before a password row's toggle. */
void
dt_text_row_add_suffix (DtTextRow *self,
                        GtkWidget *widget)
{
  g_return_if_fail (DT_IS_TEXT_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (self->reveal_button != NULL)
    gtk_box_insert_child_after (GTK_BOX (self->suffixes), widget,
                                gtk_widget_get_prev_sibling (self->reveal_button));
  else
    gtk_box_append (GTK_BOX (self->suffixes), widget);
}
