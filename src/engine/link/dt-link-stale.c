/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stale profiles: those a Dialtone process added and never took down because it died.  See
 * dt-link-stale.h.
 *
 * A pid alone does not name a process for long: after a crash the pid may be reused, so the
 * profile also carries the process's start time, and a live pid that started at another time
 * is another process.  A pid means nothing in another pid namespace (a sandboxed Dialtone), so
 * profiles marked in another namespace are never judged from this one. */
#include "config.h"

#include "dt-link-stale.h"

#include "dt-link.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define PID_KEY   "io.github.dialtone.pid"
#define START_KEY "io.github.dialtone.start-time"
#define PIDNS_KEY "io.github.dialtone.pid-ns"

/* Field 22 of /proc/PID/stat, in clock ticks since boot; NULL when unreadable. */
static char *
process_start_time (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;
  const char *rest;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  /* The command name, in parentheses, may hold spaces and parentheses itself. */
  rest = strrchr (text, ')');
  if (rest == NULL)
    return NULL;
  fields = g_strsplit (rest + 1, " ", 0);
  /* fields[0] is empty (the space after ')'), fields[1] is field 3 (the state). */
  if (g_strv_length (fields) < 21)
    return NULL;
  return g_strdup (fields[20]);
}

static char *
pid_namespace (void)
{
  return g_file_read_link ("/proc/self/ns/pid", NULL);
}

gboolean
dt_link_stale_mark_owner (NMSettingUser  *s_user,
                          GError        **error)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *start = process_start_time ("self");
  g_autofree char *pidns = pid_namespace ();

  if (!nm_setting_user_set_data (s_user, PID_KEY, pid, error))
    return FALSE;
  if (start != NULL && !nm_setting_user_set_data (s_user, START_KEY, start, error))
    return FALSE;
  if (pidns != NULL && !nm_setting_user_set_data (s_user, PIDNS_KEY, pidns, error))
    return FALSE;
  return TRUE;
}

/* Whether @connection is a Dialtone profile of this user whose process is certainly gone. */
static gboolean
is_stale (NMConnection *connection,
          const char   *uid,
          const char   *our_pidns)
{
  NMSettingUser *s_user = NM_SETTING_USER (nm_connection_get_setting (connection,
                                                                     NM_TYPE_SETTING_USER));
  NMSettingTun *s_tun = nm_connection_get_setting_tun (connection);
  const char *pid, *start, *pidns;
  g_autofree char *start_now = NULL;
  guint64 value;

  if (s_user == NULL || s_tun == NULL || g_strcmp0 (nm_setting_tun_get_owner (s_tun), uid) != 0)
    return FALSE;
  pid = nm_setting_user_get_data (s_user, PID_KEY);
  if (pid == NULL || !g_ascii_string_to_unsigned (pid, 10, 1, G_MAXINT, &value, NULL))
    return FALSE;
  pidns = nm_setting_user_get_data (s_user, PIDNS_KEY);
  if (pidns != NULL && g_strcmp0 (pidns, our_pidns) != 0)
    return FALSE;
  if (kill ((pid_t) value, 0) < 0 && errno == ESRCH)
    return TRUE;
  start = nm_setting_user_get_data (s_user, START_KEY);
  if (start == NULL)
    return FALSE;
  start_now = process_start_time (pid);
  return start_now != NULL && g_strcmp0 (start_now, start) != 0;
}

typedef struct {
  guint pending;
  gssize deleted;
} DeleteData;

static void
on_delete_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (nm_remote_connection_delete_finish (NM_REMOTE_CONNECTION (object), result, &error))
    data->deleted++;
  else
    g_debug ("Could not delete the stale profile %s: %s",
             nm_connection_get_id (NM_CONNECTION (object)), error->message);
  if (--data->pending == 0)
    g_task_return_int (task, data->deleted);
}

void
dt_link_stale_delete_async (NMClient            *client,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autofree char *uid = g_strdup_printf ("%u", (guint) getuid ());
  g_autofree char *pidns = pid_namespace ();
  const GPtrArray *connections;
  g_autoptr (GPtrArray) stale = g_ptr_array_new ();
  DeleteData *data = g_new0 (DeleteData, 1);

  g_return_if_fail (NM_IS_CLIENT (client));

  g_task_set_source_tag (task, dt_link_stale_delete_async);
  g_task_set_task_data (task, data, g_free);
  connections = nm_client_get_nm_running (client) ? nm_client_get_connections (client) : NULL;
  for (guint i = 0; connections != NULL && i < connections->len; i++)
    if (is_stale (connections->pdata[i], uid, pidns))
      g_ptr_array_add (stale, connections->pdata[i]);
  if (stale->len == 0)
    {
      g_task_return_int (task, 0);
      return;
    }
  data->pending = stale->len;
  for (guint i = 0; i < stale->len; i++)
    {
      g_debug ("Deleting the stale profile %s", nm_connection_get_id (stale->pdata[i]));
      nm_remote_connection_delete_async (stale->pdata[i], cancellable, on_delete_done,
                                         g_object_ref (task));
    }
}

gssize
dt_link_stale_delete_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* Start-up */

static void
on_stale_deleted (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gssize deleted = dt_link_stale_delete_finish (result, &error);

  if (deleted < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, deleted);
}

static void
on_cleanup_client_ready (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (NMClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = nm_client_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (client == NULL)
    {
      /* No system bus: no NetworkManager, and nothing of ours in it. */
      g_debug ("No stale profiles to look for: %s", error->message);
      g_task_return_int (task, 0);
      return;
    }
  dt_link_stale_delete_async (client, g_task_get_cancellable (task), on_stale_deleted,
                              g_object_ref (task));
}

void
dt_link_cleanup_stale_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dt_link_cleanup_stale_async);
  nm_client_new_async (cancellable, on_cleanup_client_ready, task);
}

gssize
dt_link_cleanup_stale_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
