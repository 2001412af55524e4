/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The boxed types that travel with a connection: DtCredentials (whose password is wiped on
 * free) and DtConnStatus, the snapshot that dt_connection_get_status() returns. */

#include "config.h"

#include "dt-connection.h"
#include "dt-wipe.h"

G_DEFINE_BOXED_TYPE (DtCredentials, dt_credentials, dt_credentials_copy, dt_credentials_free)
G_DEFINE_BOXED_TYPE (DtConnStatus, dt_conn_status, dt_conn_status_copy, dt_conn_status_free)

DtCredentials *
dt_credentials_new (const char *user,
                    const char *password,
                    const char *domain)
{
  DtCredentials *self = g_new0 (DtCredentials, 1);

  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->domain = g_strdup (domain);
  return self;
}

DtCredentials *
dt_credentials_copy (const DtCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return dt_credentials_new (self->user, self->password, self->domain);
}

void
dt_credentials_free (DtCredentials *self)
{
  if (self == NULL)
    return;
  g_free (self->user);
  dt_wipe_free (self->password);
  g_free (self->domain);
  g_free (self);
}

DtConnStatus *
dt_conn_status_copy (const DtConnStatus *self)
{
  DtConnStatus *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->error_message = g_strdup (self->error_message);
  copy->device = g_strdup (self->device);
  copy->interface = g_strdup (self->interface);
  copy->network_message = g_strdup (self->network_message);
  copy->connect_string = g_strdup (self->connect_string);
  copy->local_address = g_strdup (self->local_address);
  copy->remote_address = g_strdup (self->remote_address);
  copy->local_ipv6_address = g_strdup (self->local_ipv6_address);
  copy->remote_ipv6_address = g_strdup (self->remote_ipv6_address);
  copy->dns_servers = g_strdupv (self->dns_servers);
  copy->auth_protocol = g_strdup (self->auth_protocol);
  copy->compression = g_strdup (self->compression);
  copy->connected_since = self->connected_since ? g_date_time_ref (self->connected_since) : NULL;
  return copy;
}

/* Frees what @self holds, not @self: for a DtConnStatus inside another struct. */
void
dt_conn_status_clear (DtConnStatus *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->device, g_free);
  g_clear_pointer (&self->interface, g_free);
  g_clear_pointer (&self->network_message, g_free);
  g_clear_pointer (&self->connect_string, g_free);
  g_clear_pointer (&self->local_address, g_free);
  g_clear_pointer (&self->remote_address, g_free);
  g_clear_pointer (&self->local_ipv6_address, g_free);
  g_clear_pointer (&self->remote_ipv6_address, g_free);
  g_clear_pointer (&self->dns_servers, g_strfreev);
  g_clear_pointer (&self->auth_protocol, g_free);
  g_clear_pointer (&self->compression, g_free);
  g_clear_pointer (&self->connected_since, g_date_time_unref);
}

void
dt_conn_status_free (DtConnStatus *self)
{
  if (self == NULL)
    return;
  dt_conn_status_clear (self);
  g_free (self);
}
