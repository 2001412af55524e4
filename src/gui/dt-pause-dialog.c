/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paused states' windows: see dt-pause-dialog.h.  An answer marks the dialog answered
 * before the signal goes out, since the engine moves on at once and the session then closes
 * this window; a refusal (dt_pause_dialog_refuse) clears the mark, so that closing hangs up
 * again. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-pause-dialog.h"

typedef struct
{
  DtEntry *entry;
  DtConnection *connection;
  GtkLabel *error_label;        /* the subclass's, in its template */
  gboolean answered;
} DtPauseDialogPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DtPauseDialog, dt_pause_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_CONNECTION,
  N_PROPS
};

enum {
  SIGNAL_CANCEL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * dt_pause_dialog_get_entry:
 *
 * Returns: (transfer none): the entry being dialed
 */
DtEntry *
dt_pause_dialog_get_entry (DtPauseDialog *self)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_val_if_fail (DT_IS_PAUSE_DIALOG (self), NULL);

  return priv->entry;
}

/**
 * dt_pause_dialog_get_connection:
 *
 * Returns: (transfer none) (nullable): the paused connection
 */
DtConnection *
dt_pause_dialog_get_connection (DtPauseDialog *self)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_val_if_fail (DT_IS_PAUSE_DIALOG (self), NULL);

  return priv->connection;
}

/**
 * dt_pause_dialog_answer:
 * @signal_id: the subclass's signal that carries the answer
 * @...: its arguments
 *
 * Emits the answer, then closes the dialog unless a handler refused it.
 */
void
dt_pause_dialog_answer (DtPauseDialog *self,
                        guint          signal_id,
                        ...)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);
  g_autoptr (DtPauseDialog) keep = NULL;
  va_list args;

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));

  keep = g_object_ref (self);
  priv->answered = TRUE;
  va_start (args, signal_id);
  g_signal_emit_valist (self, signal_id, 0, args);
  va_end (args);
  if (priv->answered)
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * dt_pause_dialog_set_error_label:
 * @label: the subclass's label for why an answer was refused
 *
 * Called from the subclass's init, once its template is built.
 */
void
dt_pause_dialog_set_error_label (DtPauseDialog *self,
                                 GtkLabel      *label)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));
  g_return_if_fail (GTK_IS_LABEL (label));

  priv->error_label = label;
}

/**
 * dt_pause_dialog_refuse:
 * @error: why the answer could not be given to the engine
 *
 * Called from a handler of the answer: the dialog stays, says why, and closing it hangs up.
 */
void
dt_pause_dialog_refuse (DtPauseDialog *self,
                        const GError  *error)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));
  g_return_if_fail (error != NULL);

  priv->answered = FALSE;
  g_return_if_fail (priv->error_label != NULL);
  gtk_label_set_label (priv->error_label, error->message);
  gtk_widget_add_css_class (GTK_WIDGET (priv->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), TRUE);
}

/**
 * dt_pause_dialog_show_server_message:
 * @label: the dialog's label for it
 *
 * Shows in @label what the server said with the pause (why it refused the password, that
 * the password expired), or hides @label when it said nothing.
 */
void
dt_pause_dialog_show_server_message (DtPauseDialog *self,
                                     GtkLabel      *label)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);
  const char *message;

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));
  g_return_if_fail (GTK_IS_LABEL (label));

  message = priv->connection != NULL ? dt_connection_get_pause_message (priv->connection) : NULL;
  if (message != NULL && message[0] != '\0')
    {
      /* Translators: what the server said with the pause: why it refused the password, or
       * that the password expired. */
      g_autofree char *text = g_strdup_printf (_("The server said: %s"), message);

      gtk_label_set_label (label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && message[0] != '\0');
}

static gboolean
dt_pause_dialog_close_request (GtkWindow *window)
{
  DtPauseDialog *self = DT_PAUSE_DIALOG (window);
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  if (!priv->answered)
    {
      priv->answered = TRUE;
      g_signal_emit (self, signals[SIGNAL_CANCEL], 0);
    }
  return FALSE;
}

static void
dt_pause_dialog_dispose (GObject *object)
{
  DtPauseDialog *self = DT_PAUSE_DIALOG (object);
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_clear_object (&priv->entry);
  g_clear_object (&priv->connection);
  priv->error_label = NULL;

  G_OBJECT_CLASS (dt_pause_dialog_parent_class)->dispose (object);
}

static void
dt_pause_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DtPauseDialog *self = DT_PAUSE_DIALOG (object);
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, priv->entry);
      break;

    case PROP_CONNECTION:
      g_value_set_object (value, priv->connection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_pause_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DtPauseDialog *self = DT_PAUSE_DIALOG (object);
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENTRY:
      priv->entry = g_value_dup_object (value);
      break;

    case PROP_CONNECTION:
      priv->connection = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_pause_dialog_class_init (DtPauseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dt_pause_dialog_dispose;
  object_class->get_property = dt_pause_dialog_get_property;
  object_class->set_property = dt_pause_dialog_set_property;
  window_class->close_request = dt_pause_dialog_close_request;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, DT_TYPE_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DT_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Closed without an answer: the session hangs up. */
  signals[SIGNAL_CANCEL] =
    g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /* Subclasses inherit the shortcut. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* Before the subclass builds its template. */
static void
dt_pause_dialog_init (DtPauseDialog *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
}
