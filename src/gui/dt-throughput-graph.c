/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The throughput graph keeps one bucket per second for each direction, a ring of the last
 * 60 seconds.  Each notify of the connection's byte counters adds what changed since the
 * last one to the current second's bucket (the engine publishes the counters about once a
 * second while traffic flows, and not at all while the link is idle).  While the widget is
 * mapped, a one-second tick moves the time axis on, so an idle link scrolls to zero. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dt-connection-follower.h"
#include "dt-throughput-graph.h"

#define N_SECONDS 60

struct _DtThroughputGraph
{
  GtkWidget parent_instance;

  DtConnectionFollower follower; /* the connection's counters */
  guint64 last_in;
  guint64 last_out;
  guint64 received[N_SECONDS];
  guint64 sent[N_SECONDS];
  gint64 now_second;            /* the second the last bucket belongs to */
  guint tick_id;
};

G_DEFINE_FINAL_TYPE (DtThroughputGraph, dt_throughput_graph, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA received_color = { 0.208, 0.518, 0.894, 1.0 };   /* GNOME blue 3 */
static const GdkRGBA sent_color = { 0.180, 0.761, 0.494, 1.0 };       /* GNOME green 4 */

/* Moves the ring on to the current second, emptying the seconds that passed. */
static void
advance (DtThroughputGraph *self)
{
  gint64 second = g_get_monotonic_time () / G_USEC_PER_SEC;
  gint64 steps = MIN (second - self->now_second, N_SECONDS);

  for (gint64 i = 1; i <= steps; i++)
    {
      self->received[(self->now_second + i) % N_SECONDS] = 0;
      self->sent[(self->now_second + i) % N_SECONDS] = 0;
    }
  self->now_second = second;
}

static void
on_counters_notify (DtThroughputGraph *self)
{
  guint64 in, out;
  guint slot;

  g_object_get (self->follower.connection, "bytes-in", &in, "bytes-out", &out, NULL);
  advance (self);
  slot = self->now_second % N_SECONDS;
  /* Counters start again at zero with each dial. */
  self->received[slot] += in >= self->last_in ? in - self->last_in : in;
  self->sent[slot] += out >= self->last_out ? out - self->last_out : out;
  self->last_in = in;
  self->last_out = out;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_tick (gpointer user_data)
{
  DtThroughputGraph *self = user_data;

  advance (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_CONTINUE;
}

static guint64
peak (DtThroughputGraph *self)
{
  guint64 max = 0;

  for (guint i = 0; i < N_SECONDS; i++)
    max = MAX (max, MAX (self->received[i], self->sent[i]));
  /* A round top: 1, 2 or 5 times a power of ten, and at least 100 bytes. */
  for (guint64 top = 100;; top *= 10)
    for (guint m = 1; m <= 5; m += m == 1 ? 1 : 3)
      if (top * m >= max)
        return top * m;
}

static void
append_text (DtThroughputGraph *self,
             GtkSnapshot       *snapshot,
             const char        *text,
             const GdkRGBA     *color,
             float              x,
             gboolean           align_right)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (align_right ? x - width : x, 0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The widget's text color.  gtk_style_context_get_color() is deprecated from GTK 4.10, where
 * gtk_widget_get_color() replaces it: this is the one place to change. */
static void
get_foreground_color (GtkWidget *widget,
                      GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
dt_throughput_graph_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float top = 20, plot = MAX (height - top, 1);
  float slot_width = width / N_SECONDS;
  guint64 max;
  g_autofree char *scale_size = NULL;
  g_autofree char *scale = NULL;
  GdkRGBA fg, grid;

  get_foreground_color (widget, &fg);
  grid = fg;
  grid.alpha = 0.12;

  advance (self);
  max = peak (self);
  for (int i = 0; i <= 4; i++)
    gtk_snapshot_append_color (snapshot, &grid,
                               &GRAPHENE_RECT_INIT (0, top + plot * i / 4.f - (i == 4), width, 1));

  /* Oldest second on the left, the current one on the right. */
  for (guint i = 0; i < N_SECONDS; i++)
    {
      guint slot = (self->now_second + 1 + i) % N_SECONDS;
      float x = i * slot_width;
      float rh = plot * self->received[slot] / (float) max;
      float sh = plot * self->sent[slot] / (float) max;

      gtk_snapshot_append_color (snapshot, &received_color,
                                 &GRAPHENE_RECT_INIT (x, top + plot - rh, slot_width / 2, rh));
      gtk_snapshot_append_color (snapshot, &sent_color,
                                 &GRAPHENE_RECT_INIT (x + slot_width / 2, top + plot - sh,
                                                      slot_width / 2, sh));
    }

  scale_size = g_format_size (max);
  /* Translators: the top of the throughput graph's scale, e.g. "2.0 kB/s". */
  scale = g_strdup_printf (_("%s/s"), scale_size);
  append_text (self, snapshot, scale, &fg, 0, FALSE);
  append_text (self, snapshot, _("Sent"), &sent_color, width, TRUE);
  append_text (self, snapshot, _("Received"), &received_color, width - 60, TRUE);
}

static void
dt_throughput_graph_map (GtkWidget *widget)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (widget);

  GTK_WIDGET_CLASS (dt_throughput_graph_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
dt_throughput_graph_unmap (GtkWidget *widget)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (dt_throughput_graph_parent_class)->unmap (widget);
}

static void
dt_throughput_graph_dispose (GObject *object)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  dt_connection_follower_clear (&self->follower);

  G_OBJECT_CLASS (dt_throughput_graph_parent_class)->dispose (object);
}

static void
dt_throughput_graph_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, dt_throughput_graph_get_connection (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_throughput_graph_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DtThroughputGraph *self = DT_THROUGHPUT_GRAPH (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      dt_throughput_graph_set_connection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_throughput_graph_class_init (DtThroughputGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_throughput_graph_dispose;
  object_class->get_property = dt_throughput_graph_get_property;
  object_class->set_property = dt_throughput_graph_set_property;
  widget_class->snapshot = dt_throughput_graph_snapshot;
  widget_class->map = dt_throughput_graph_map;
  widget_class->unmap = dt_throughput_graph_unmap;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, DT_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "dtthroughputgraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* A new connection: the last minute starts empty, and what crossed before the graph
 * followed it is not in its bars. */
static void
on_signals_bind (DtThroughputGraph *self,
                 DtConnection      *connection)
{
  memset (self->received, 0, sizeof self->received);
  memset (self->sent, 0, sizeof self->sent);
  g_object_get (connection, "bytes-in", &self->last_in, "bytes-out", &self->last_out, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_signals_unbind (DtThroughputGraph *self)
{
  memset (self->received, 0, sizeof self->received);
  memset (self->sent, 0, sizeof self->sent);
  self->last_in = self->last_out = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dt_throughput_graph_init (DtThroughputGraph *self)
{
  dt_connection_follower_init (&self->follower, self, G_CALLBACK (on_signals_bind),
                               G_CALLBACK (on_signals_unbind));
  dt_connection_follower_connect (&self->follower, G_CALLBACK (on_counters_notify), self,
                                  "notify::bytes-in", "notify::bytes-out", NULL);
  self->now_second = g_get_monotonic_time () / G_USEC_PER_SEC;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bytes received and sent in each of the last 60 seconds"),
                                  -1);
}

GtkWidget *
dt_throughput_graph_new (void)
{
  return g_object_new (DT_TYPE_THROUGHPUT_GRAPH, NULL);
}

/**
 * dt_throughput_graph_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection sampled
 */
DtConnection *
dt_throughput_graph_get_connection (DtThroughputGraph *self)
{
  g_return_val_if_fail (DT_IS_THROUGHPUT_GRAPH (self), NULL);
  return self->follower.connection;
}

void
dt_throughput_graph_set_connection (DtThroughputGraph *self,
                                    DtConnection      *connection)
{
  g_return_if_fail (DT_IS_THROUGHPUT_GRAPH (self));
  g_return_if_fail (connection == NULL || DT_IS_CONNECTION (connection));

  if (dt_connection_follower_set (&self->follower, connection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}
