/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Idle disconnect: an entry may ask to hang up after so many seconds without a packet
 * through the link.  One timeout at a time, re-armed for the time left when traffic moved
 * meanwhile: nothing runs per packet beyond noting the time. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-connection-private.h"

static gboolean on_idle_timeout (gpointer user_data);

static void
arm (DtConnection *self,
     gint64        delay_us)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add (MAX (delay_us / 1000, 1), on_idle_timeout, self);
}

static gboolean
on_idle_timeout (gpointer user_data)
{
  DtConnection *self = user_data;
  guint idle = dt_entry_get_idle_disconnect (self->entry);
  gint64 quiet = g_get_monotonic_time () - self->last_traffic_us;
  g_autofree char *message = NULL;

  self->idle_source = 0;
  if (quiet < (gint64) idle * G_USEC_PER_SEC)
    {
      arm (self, (gint64) idle * G_USEC_PER_SEC - quiet);
      return G_SOURCE_REMOVE;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Hung up after %u second without traffic, as the entry asks",
                                          "Hung up after %u seconds without traffic, as the entry asks",
                                          idle), idle);
  dt_connection_log (self, "%s", message);
  /* The entry asked for it, as a user would: no redial, no error. */
  dt_connection_teardown (self, DT_RAS_ERROR_USER_DISCONNECTION, message);
  return G_SOURCE_REMOVE;
}

void
dt_connection_idle_start (DtConnection *self)
{
  guint idle = dt_entry_get_idle_disconnect (self->entry);

  self->last_traffic_us = g_get_monotonic_time ();
  if (idle > 0)
    arm (self, (gint64) idle * G_USEC_PER_SEC);
}

void
dt_connection_idle_traffic (DtConnection *self)
{
  self->last_traffic_us = g_get_monotonic_time ();
}

void
dt_connection_idle_stop (DtConnection *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
}
