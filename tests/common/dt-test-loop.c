/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Main-loop helpers for tests of asynchronous engine code: wait for a GAsyncResult with a
 * deadline, sleep on the main loop, and the two checks that nothing was left behind: the
 * process's open fds, and the fds and timers the default main context still polls. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "dt-test-loop.h"

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The process's open fds with their targets, "3 /dev/ptmx\n4 /dev/pts/7\n…", without the
 * one that lists them. */
char *
dt_test_list_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *self_target = NULL;
  const char *name;

  g_assert_nonnull (dir);
  self_target = g_strdup_printf ("/proc/%d/fd", (int) getpid ());
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target == NULL || strcmp (target, self_target) == 0)
        continue;
      g_ptr_array_add (lines, g_strdup_printf ("%3s %s", name, target));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The fds and timers the default main context polls: after a test, the same number of fds
 * as before it, and no timer at all, means no GSource was left behind.  Sources that are
 * due run first. */
int
dt_test_count_sources (gboolean *has_timeout)
{
  GMainContext *context = g_main_context_default ();
  GPollFD fds[64];
  int priority;
  int timeout;
  int n;

  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_true (g_main_context_acquire (context));
  g_main_context_prepare (context, &priority);
  n = g_main_context_query (context, G_MAXINT, &timeout, fds, G_N_ELEMENTS (fds));
  if (g_main_context_check (context, G_MAXINT, fds, MIN (n, (int) G_N_ELEMENTS (fds))))
    g_main_context_dispatch (context);
  g_main_context_release (context);
  *has_timeout = timeout >= 0;
  return n;
}

static gboolean
on_wait_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @result is set by dt_test_on_async_done(); fails the test after
 * 20 s, which no operation here may come near. */
void
dt_test_wait (GAsyncResult **result)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (20, on_wait_deadline, &expired);

  while (*result == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);
}

/* Runs the main loop for @ms. */
void
dt_test_sleep (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, on_wait_deadline, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* A GAsyncReadyCallback that stores the result in the GAsyncResult * at @user_data. */
void
dt_test_on_async_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}
