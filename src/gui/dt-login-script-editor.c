/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login script editor: see dt-login-script-editor.h.  The text view is the truth while
 * the user types; "text" follows it, and a new "text" from outside (the entry) replaces the
 * buffer only when it differs, so that the cursor stays where it was. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-login-script-editor.h"
#include "dt-script-syntax.h"

struct _DtLoginScriptEditor
{
  AdwPreferencesGroup parent_instance;

  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextTag *error_tag;
  GtkLabel *problems_label;
  char *text;
  char *problems;
  gboolean password_allowed;
};

G_DEFINE_FINAL_TYPE (DtLoginScriptEditor, dt_login_script_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_PASSWORD_ALLOWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Marks the wrong lines and lists them. */
static void
check (DtLoginScriptEditor *self)
{
  g_autoptr (GPtrArray) commands = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GString) list = g_string_new (NULL);
  GtkTextIter start, end;

  commands = dt_script_parse (self->text,
                              self->password_allowed ? DT_SCRIPT_PARSE_DEFAULT
                                                     : DT_SCRIPT_PARSE_NO_PASSWORD,
                              &problems);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->error_tag, &start, &end);
  for (guint i = 0; i < problems->len; i++)
    {
      const DtScriptProblem *problem = problems->pdata[i];
      g_autofree char *line = dt_script_problem_format (problem);

      gtk_text_buffer_get_iter_at_line (self->buffer, &start, (int) problem->line - 1);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag (self->buffer, self->error_tag, &start, &end);
      g_string_append_printf (list, "%s%s", i > 0 ? "\n" : "", line);
    }
  g_free (self->problems);
  self->problems = g_string_free (g_steal_pointer (&list), FALSE);
  gtk_label_set_text (self->problems_label, self->problems);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), self->problems[0] != '\0');
}

static void
on_buffer_changed (DtLoginScriptEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
dt_login_script_editor_set_text (DtLoginScriptEditor *self,
                                 const char          *text)
{
  g_return_if_fail (DT_IS_LOGIN_SCRIPT_EDITOR (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (text, self->text) == 0)
    return;
  /* The buffer's "changed" takes it from here: text, check, notify. */
  gtk_text_buffer_set_text (self->buffer, text, -1);
}

const char *
dt_login_script_editor_get_text (DtLoginScriptEditor *self)
{
  g_return_val_if_fail (DT_IS_LOGIN_SCRIPT_EDITOR (self), NULL);
  return self->text;
}

const char *
dt_login_script_editor_get_problems (DtLoginScriptEditor *self)
{
  g_return_val_if_fail (DT_IS_LOGIN_SCRIPT_EDITOR (self), NULL);
  return self->problems;
}

GtkTextView *
dt_login_script_editor_get_view (DtLoginScriptEditor *self)
{
  g_return_val_if_fail (DT_IS_LOGIN_SCRIPT_EDITOR (self), NULL);
  return self->view;
}

static void
set_password_allowed (DtLoginScriptEditor *self,
                      gboolean             allowed)
{
  allowed = !!allowed;
  if (self->password_allowed == allowed)
    return;
  self->password_allowed = allowed;
  check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD_ALLOWED]);
}

static void
dt_login_script_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DtLoginScriptEditor *self = DT_LOGIN_SCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_PASSWORD_ALLOWED:
      g_value_set_boolean (value, self->password_allowed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_login_script_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DtLoginScriptEditor *self = DT_LOGIN_SCRIPT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      dt_login_script_editor_set_text (self, g_value_get_string (value));
      break;
    case PROP_PASSWORD_ALLOWED:
      set_password_allowed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_login_script_editor_finalize (GObject *object)
{
  DtLoginScriptEditor *self = DT_LOGIN_SCRIPT_EDITOR (object);

  g_free (self->text);
  g_free (self->problems);

  G_OBJECT_CLASS (dt_login_script_editor_parent_class)->finalize (object);
}

static void
dt_login_script_editor_class_init (DtLoginScriptEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dt_login_script_editor_get_property;
  object_class->set_property = dt_login_script_editor_set_property;
  object_class->finalize = dt_login_script_editor_finalize;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PASSWORD_ALLOWED] =
    g_param_spec_boolean ("password-allowed", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dt_login_script_editor_init (DtLoginScriptEditor *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->text = g_strdup ("");
  self->problems = g_strdup ("");
  self->password_allowed = TRUE;

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->view, TRUE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_NONE);
  gtk_text_view_set_top_margin (self->view, 6);
  gtk_text_view_set_bottom_margin (self->view, 6);
  gtk_text_view_set_left_margin (self->view, 6);
  gtk_text_view_set_right_margin (self->view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Login script"), -1);
  self->buffer = gtk_text_view_get_buffer (self->view);
  self->error_tag = gtk_text_buffer_create_tag (self->buffer, "error",
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_box_append (GTK_BOX (box), frame);

  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_label_set_selectable (self->problems_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_label));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), box);
}

GtkWidget *
dt_login_script_editor_new (void)
{
  return g_object_new (DT_TYPE_LOGIN_SCRIPT_EDITOR, NULL);
}
