/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status window binds its labels to the DtConnection's properties (a GBindingGroup with
 * a transform for each format, and a GSignalGroup's notify handlers for values made of
 * several properties); it never asks the engine for anything on a timer.  While it is mapped
 * it holds the connection's counters (dt_connection_hold_counters()), so that they notify
 * once a second while traffic flows; hidden, it costs the connection nothing.  The duration
 * is the one value that changes without the engine: it ticks once a second, and only while
 * the window is mapped. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-accessible.h"
#include "dt-connection-follower.h"
#include "dt-log-window.h"
#include "dt-status-window.h"
#include "dt-sub-entry.h"
#include "dt-throughput-graph.h"

struct _DtStatusWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkLabel *duration_label;
  GtkLabel *speed_label;
  GtkLabel *device_label;
  GtkLabel *auth_label;
  GtkLabel *compression_label;
  AdwPreferencesGroup *lines_group;
  DtThroughputGraph *graph;
  GtkLabel *bytes_label;
  GtkLabel *frames_label;
  GtkLabel *fcs_errors_label;
  GtkLabel *drops_label;
  GtkLabel *local_address_label;
  GtkLabel *remote_address_label;
  AdwActionRow *ipv6_address_row;
  GtkLabel *ipv6_address_label;
  AdwActionRow *remote_ipv6_address_row;
  GtkLabel *remote_ipv6_address_label;
  GtkLabel *dns_label;
  GtkButton *details_button;
  GtkButton *hang_up_button;

  DtConnectionFollower follower;  /* the connection, set once */
  GPtrArray *line_rows;         /* AdwActionRow, one per sub-entry of a multilink entry */
  guint tick_id;
  gboolean holding;
};

G_DEFINE_FINAL_TYPE (DtStatusWindow, dt_status_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
or_dash (const char *text)
{
  /* Translators: a status value that is not known (yet). */
  return text != NULL && text[0] != '\0' ? text : _("—");
}

static gboolean
string_to_label (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_string (to, or_dash (g_value_get_string (from)));
  return TRUE;
}

static gboolean
strv_to_label (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char * const *strv = g_value_get_boxed (from);

  if (strv == NULL || strv[0] == NULL)
    g_value_set_string (to, or_dash (NULL));
  else
    g_value_take_string (to, g_strjoinv (", ", (char **) strv));
  return TRUE;
}

static gboolean
uint64_to_label (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_take_string (to, g_strdup_printf ("%" G_GUINT64_FORMAT, g_value_get_uint64 (from)));
  return TRUE;
}

static gboolean
speed_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  guint speed = g_value_get_uint (from);

  if (speed == 0)
    g_value_set_string (to, or_dash (NULL));
  else
    /* Translators: the modem's connect speed. */
    g_value_take_string (to, g_strdup_printf (_("%u bps"), speed));
  return TRUE;
}

static void
update_duration (DtStatusWindow *self)
{
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *text = NULL;
  GTimeSpan span;

  g_object_get (self->follower.connection, "connected-since", &since, NULL);
  if (since == NULL || !dt_connection_is_connected (self->follower.connection))
    {
      gtk_label_set_label (self->duration_label, or_dash (NULL));
      return;
    }
  now = g_date_time_new_now_local ();
  span = MAX (g_date_time_difference (now, since) / G_TIME_SPAN_SECOND, 0);
  text = g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", span / 3600, (int) (span / 60 % 60),
                          (int) (span % 60));
  gtk_label_set_label (self->duration_label, text);
}

static gboolean
on_tick (gpointer user_data)
{
  update_duration (user_data);
  return G_SOURCE_CONTINUE;
}

/* "33600 bps, 1.2 kB / 3.4 kB" for a line in the bundle, or where it stands. */
static char *
describe_line (const DtSubEntryStatus *line)
{
  g_autofree char *sent = NULL, *received = NULL, *speed = NULL;

  if (!line->linked)
    return dt_conn_state_describe (line->state, NULL);
  sent = g_format_size (line->bytes_out);
  received = g_format_size (line->bytes_in);
  /* Translators: the modem's connect speed. */
  speed = line->link_speed != 0 ? g_strdup_printf (_("%u bps"), line->link_speed)
                                : g_strdup (or_dash (NULL));
  /* Translators: a multilink line's speed, then its bytes sent and received. */
  return g_strdup_printf (_("%s, %s / %s"), speed, sent, received);
}

static AdwActionRow *
add_line_row (DtStatusWindow *self,
              guint           index)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: one of a multilink entry's modems, 1 for the entry's own. */
  title = g_strdup_printf (_("Line %u"), index);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "dt-line-label", label);
  adw_preferences_group_add (self->lines_group, GTK_WIDGET (row));
  g_ptr_array_add (self->line_rows, row);
  return row;
}

/* A multilink entry's lines, each with its device, speed and bytes; no group for one modem. */
static void
update_lines (DtStatusWindow *self)
{
  g_autoptr (GPtrArray) lines = dt_connection_get_sub_entries (self->follower.connection);

  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), lines->len > 0);
  for (guint i = 0; i < lines->len; i++)
    {
      DtSubEntryStatus *line = g_ptr_array_index (lines, i);
      AdwActionRow *row = i < self->line_rows->len ? g_ptr_array_index (self->line_rows, i)
                                                   : add_line_row (self, line->index);
      g_autofree char *text = describe_line (line);

      adw_action_row_set_subtitle (row, or_dash (line->device));
      gtk_label_set_label (g_object_get_data (G_OBJECT (row), "dt-line-label"), text);
    }
}

static void
on_connection_state_changed (DtStatusWindow *self,
                             guint           state,
                             const char     *detail,
                             guint           sub_entry)
{
  if (sub_entry > 0)
    update_lines (self);
}

static void
update_bytes (DtStatusWindow *self)
{
  guint64 in, out, frames_in, frames_out, dropped_in, dropped_out, errors;
  g_autofree char *drops = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *frames = NULL;

  g_object_get (self->follower.connection, "bytes-in", &in, "bytes-out", &out,
                "frames-in", &frames_in, "frames-out", &frames_out, "ip-dropped-in", &dropped_in,
                "ip-dropped-out", &dropped_out, "ip-errors", &errors, NULL);
  sent = g_format_size (out);
  received = g_format_size (in);
  /* Translators: bytes sent, then received. */
  bytes = g_strdup_printf (_("%s / %s"), sent, received);
  frames = g_strdup_printf ("%" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT, frames_out, frames_in);
  /* The network device's losses: packets that were dropped either way, then failed reads and
   * writes. */
  drops = g_strdup_printf ("%" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT,
                           dropped_in + dropped_out, errors);
  gtk_label_set_label (self->bytes_label, bytes);
  gtk_label_set_label (self->drops_label, drops);
  gtk_label_set_label (self->frames_label, frames);
  update_lines (self);
}

/* "Deflate 15, VJ, 2.7:1": what compresses the link, and how much it saves so far. */
static void
update_compression (DtStatusWindow *self)
{
  g_autofree char *compression = NULL;
  g_autofree char *text = NULL;
  double ratio;

  g_object_get (self->follower.connection, "compression", &compression,
                "compression-ratio", &ratio, NULL);
  if (compression == NULL)
    /* Translators: the status window's Compression row when nothing is compressed. */
    text = g_strdup (dt_connection_get_state (self->follower.connection)
                     == DT_CONN_STATE_CONNECTED ? _("No compression") : or_dash (NULL));
  else if (ratio > 0)
    /* Translators: the compression in use, then the ratio achieved, e.g. "Deflate 15, VJ,
     * 2.7:1" (the datagrams' bytes for each byte of the line). */
    text = g_strdup_printf (_("%s, %.1f:1"), compression, ratio);
  else
    text = g_strdup (compression);
  gtk_label_set_label (self->compression_label, text);
}

static void
update_device (DtStatusWindow *self)
{
  g_autoptr (DtConnStatus) status = dt_connection_get_status (self->follower.connection);
  g_autofree char *text = NULL;

  if (status->interface != NULL)
    /* Translators: the serial port, then the network interface, e.g. "/dev/ttyS0, ppp0". */
    text = g_strdup_printf (_("%s, %s"), or_dash (status->device), status->interface);
  else if (status->network_message != NULL)
    text = g_strdup_printf (_("%s (%s)"), or_dash (status->device), status->network_message);
  else
    text = g_strdup (or_dash (status->device));
  gtk_label_set_label (self->device_label, text);
}

static void
update_state (DtStatusWindow *self)
{
  const char *message = dt_connection_get_state_message (self->follower.connection);
  DtEntry *entry = dt_connection_get_entry (self->follower.connection);

  adw_window_title_set_title (self->window_title, entry != NULL ? dt_entry_get_name (entry) : "");
  adw_window_title_set_subtitle (self->window_title, message);
  if (entry != NULL)
    gtk_window_set_title (GTK_WINDOW (self), dt_entry_get_name (entry));
  update_duration (self);
}

static void
on_details_clicked (DtStatusWindow *self)
{
  GtkWidget *window = dt_log_window_new (GTK_WINDOW (self), self->follower.connection);

  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
string_to_visible (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

static void
bind_label (DtStatusWindow        *self,
            const char            *property,
            GtkLabel              *label,
            GBindingTransformFunc  transform)
{
  g_binding_group_bind_full (self->follower.bindings, property, label, "label",
                             G_BINDING_SYNC_CREATE, transform, NULL, NULL, NULL);
}

static void
dt_status_window_constructed (GObject *object)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (object);
  DtEntry *entry = dt_connection_get_entry (self->follower.connection);

  G_OBJECT_CLASS (dt_status_window_parent_class)->constructed (object);

  bind_label (self, "link-speed", self->speed_label, speed_to_label);
  bind_label (self, "auth-protocol", self->auth_label, string_to_label);
  bind_label (self, "fcs-errors", self->fcs_errors_label, uint64_to_label);
  bind_label (self, "local-address", self->local_address_label, string_to_label);
  bind_label (self, "remote-address", self->remote_address_label, string_to_label);
  bind_label (self, "local-ipv6-address", self->ipv6_address_label, string_to_label);
  bind_label (self, "remote-ipv6-address", self->remote_ipv6_address_label, string_to_label);
  /* An IPv4-only call has no IPv6 rows. */
  g_object_bind_property_full (self->follower.connection, "local-ipv6-address",
                               self->ipv6_address_row, "visible", G_BINDING_SYNC_CREATE,
                               string_to_visible, NULL, NULL, NULL);
  g_object_bind_property_full (self->follower.connection, "remote-ipv6-address",
                               self->remote_ipv6_address_row, "visible", G_BINDING_SYNC_CREATE,
                               string_to_visible, NULL, NULL, NULL);
  bind_label (self, "dns-servers", self->dns_label, strv_to_label);
  dt_throughput_graph_set_connection (self->graph, self->follower.connection);

  if (entry != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->hang_up_button),
                                            g_variant_new_string (dt_entry_get_uuid (entry)));
  update_bytes (self);
  update_device (self);
  update_state (self);
  update_compression (self);
}

static void
dt_status_window_map (GtkWidget *widget)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (widget);

  GTK_WIDGET_CLASS (dt_status_window_parent_class)->map (widget);
  if (!self->holding)
    {
      self->holding = TRUE;
      dt_connection_hold_counters (self->follower.connection);
    }
  update_duration (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
dt_status_window_unmap (GtkWidget *widget)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->holding)
    {
      self->holding = FALSE;
      dt_connection_release_counters (self->follower.connection);
    }
  GTK_WIDGET_CLASS (dt_status_window_parent_class)->unmap (widget);
}

static void
dt_status_window_dispose (GObject *object)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->holding && self->follower.connection != NULL)
    dt_connection_release_counters (self->follower.connection);
  self->holding = FALSE;
  dt_connection_follower_clear (&self->follower);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_STATUS_WINDOW);
  g_clear_pointer (&self->line_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dt_status_window_parent_class)->dispose (object);
}

static void
dt_status_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, dt_status_window_get_connection (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_status_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DtStatusWindow *self = DT_STATUS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      dt_connection_follower_set (&self->follower, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_status_window_class_init (DtStatusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_status_window_constructed;
  object_class->dispose = dt_status_window_dispose;
  object_class->get_property = dt_status_window_get_property;
  object_class->set_property = dt_status_window_set_property;
  widget_class->map = dt_status_window_map;
  widget_class->unmap = dt_status_window_unmap;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DT_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DT_TYPE_THROUGHPUT_GRAPH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dialtone/Dialtone/dt-status-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, duration_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, speed_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, device_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, auth_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, compression_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, lines_group);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, graph);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, bytes_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, frames_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, fcs_errors_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, drops_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, local_address_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, remote_address_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, ipv6_address_row);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, ipv6_address_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow,
                                        remote_ipv6_address_row);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow,
                                        remote_ipv6_address_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, dns_label);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, DtStatusWindow, hang_up_button);
  gtk_widget_class_bind_template_callback (widget_class, on_details_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

/* Each row ("Duration") is described by its value ("0:12:03"), so that a screen reader says
 * both on the row. */
static void
describe_rows_by_values (DtStatusWindow *self)
{
  GtkLabel *values[] = {
    self->duration_label, self->speed_label, self->device_label, self->auth_label,
    self->bytes_label, self->frames_label, self->fcs_errors_label, self->drops_label,
    self->local_address_label, self->remote_address_label, self->dns_label,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (values[i]), ADW_TYPE_ACTION_ROW);

      if (row != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                        values[i], NULL, -1);
    }
}

static void
dt_status_window_init (DtStatusWindow *self)
{
  dt_accessible_make_dialog (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  self->line_rows = g_ptr_array_new ();
  /* Before the connection is set: a GSignalGroup takes no handlers after its first target. */
  dt_connection_follower_init (&self->follower, self, NULL, NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (update_bytes), self,
                                  "notify::bytes-in", "notify::bytes-out", "notify::frames-in",
                                  "notify::frames-out", "notify::ip-dropped-in",
                                  "notify::ip-dropped-out", "notify::ip-errors", NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (update_device), self,
                                  "notify::device", "notify::interface",
                                  "notify::network-message", NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (update_state), self,
                                  "notify::state", NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (update_compression), self,
                                  "notify::state", "notify::compression",
                                  "notify::compression-ratio", NULL);
  dt_connection_follower_connect (&self->follower, G_CALLBACK (on_connection_state_changed),
                                  self, "state-changed", NULL);
  dt_accessible_name_from_labels (GTK_WIDGET (self));
  describe_rows_by_values (self);
}

GtkWidget *
dt_status_window_new (GtkApplication *application,
                      DtConnection   *connection)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DT_IS_CONNECTION (connection), NULL);

  return g_object_new (DT_TYPE_STATUS_WINDOW,
                       "application", application,
                       "connection", connection,
                       NULL);
}

/**
 * dt_status_window_get_connection:
 *
 * Returns: (transfer none): the connection shown
 */
DtConnection *
dt_status_window_get_connection (DtStatusWindow *self)
{
  g_return_val_if_fail (DT_IS_STATUS_WINDOW (self), NULL);
  return self->follower.connection;
}
