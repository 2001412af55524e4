/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The paused states' windows: see dt-pause-dialog.h.  The subclass marks the dialog answered
 * before it calls the session, since the engine moves on at once and the progress dialog
 * then closes this one; if the session refuses the answer, the pause goes on and closing
 * hangs up again. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-pause-dialog.h"

typedef struct
{
  DtDialSession *session;
  gboolean answered;
} DtPauseDialogPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DtPauseDialog, dt_pause_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * dt_pause_dialog_get_session:
 *
 * Returns: (transfer none): the dial session the dialog answers through
 */
DtDialSession *
dt_pause_dialog_get_session (DtPauseDialog *self)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_val_if_fail (DT_IS_PAUSE_DIALOG (self), NULL);

  return priv->session;
}

/**
 * dt_pause_dialog_set_answered:
 * @answered: TRUE before the session call that answers the pause; FALSE again when the
 *   session refused it
 *
 * Whether closing the dialog leaves the dial alone (answered) or hangs up.
 */
void
dt_pause_dialog_set_answered (DtPauseDialog *self,
                              gboolean       answered)
{
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));

  priv->answered = answered;
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
  DtConnection *connection;
  const char *message;

  g_return_if_fail (DT_IS_PAUSE_DIALOG (self));
  g_return_if_fail (GTK_IS_LABEL (label));

  connection = dt_dial_session_get_connection (priv->session);
  message = connection != NULL ? dt_connection_get_pause_message (connection) : NULL;
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
      dt_dial_session_hang_up (priv->session);
    }
  return FALSE;
}

static void
dt_pause_dialog_dispose (GObject *object)
{
  DtPauseDialog *self = DT_PAUSE_DIALOG (object);
  DtPauseDialogPrivate *priv = dt_pause_dialog_get_instance_private (self);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (dt_pause_dialog_parent_class)->dispose (object);
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
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
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
  object_class->set_property = dt_pause_dialog_set_property;
  window_class->close_request = dt_pause_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DT_TYPE_DIAL_SESSION,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Subclasses inherit the shortcut. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dt_pause_dialog_init (DtPauseDialog *self)
{
}
