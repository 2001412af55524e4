/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli run as a program: see dt-test-cli.h. */

#include "config.h"

#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "dt-test-cli.h"

void
dt_test_cli_run_clear (DtTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

GSubprocessLauncher *
dt_test_cli_launcher_new (void)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  return launcher;
}

DtTestCliRun
dt_test_cli_run (GSubprocessLauncher *launcher,
                 const char * const  *argv,
                 const char          *input)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  DtTestCliRun run = { 0 };

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("%s: exit %d\nstdout:\n%s\nstderr:\n%s", argv[0], run.status, run.out,
                  run.err);
  return run;
}

DtTestCliRun
dt_test_cli_run_interrupted (GSubprocessLauncher *launcher,
                             const char * const  *argv,
                             const char          *line_prefix,
                             guint                delay_ms)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GString) collected = g_string_new (NULL);
  DtTestCliRun run = { 0 };
  char *line;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL)) != NULL)
    {
      g_string_append_printf (collected, "%s\n", line);
      if (g_str_has_prefix (line, line_prefix))
        {
          g_usleep (delay_ms * 1000);
          g_subprocess_send_signal (process, SIGINT);
        }
      g_free (line);
    }
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  run.out = g_string_free (g_steal_pointer (&collected), FALSE);
  run.err = g_strdup ("");
  run.status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("%s: exit %d\nstdout:\n%s", argv[0], run.status, run.out);
  return run;
}

char *
dt_test_cli_states (const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GString *states = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], " ", 4);

      if (g_strv_length (fields) < 3 || !g_ascii_isdigit (fields[0][0]))
        continue;
      g_string_append_printf (states, "%s%s", states->len ? " " : "", fields[1]);
    }
  return g_string_free (states, FALSE);
}

char *
dt_test_cli_sub_entry_states (const char *out,
                              guint       sub)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GString *states = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], " ", 4);
      char *colon;

      if (g_strv_length (fields) < 3 || !g_ascii_isdigit (fields[0][0]))
        continue;
      colon = strchr (fields[1], ':');
      if (sub == 0 ? colon != NULL
                   : colon == NULL || g_ascii_strtoull (colon + 1, NULL, 10) != sub)
        continue;
      if (colon != NULL)
        *colon = '\0';
      g_string_append_printf (states, "%s%s", states->len ? " " : "", fields[1]);
    }
  return g_string_free (states, FALSE);
}

char *
dt_test_cli_last_line (const char *out)
{
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && *lines[n - 1] == '\0')
    n--;
  return g_strdup (n ? lines[n - 1] : "");
}

GSubprocess *
dt_test_cli_spawn_at_terminal (GSubprocessLauncher *launcher,
                               const char * const  *argv,
                               int                 *master,
                               int                 *slave)
{
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_assert_cmpint (openpty (master, slave, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (fcntl (*master, F_SETFL, O_NONBLOCK), ==, 0);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (*slave));
  g_subprocess_launcher_take_stdout_fd (launcher, dup (*slave));
  g_subprocess_launcher_take_stderr_fd (launcher, dup (*slave));
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

gboolean
dt_test_cli_read_until (int         master,
                        GString    *screen,
                        const char *needle,
                        guint       timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gsize from = screen->len;

  while (g_get_monotonic_time () < end)
    {
      char buf[512];
      ssize_t n = read (master, buf, sizeof buf);

      if (n > 0)
        {
          g_string_append_len (screen, buf, n);
          if (strstr (screen->str + from, needle) != NULL)
            return TRUE;
        }
      else
        g_usleep (20 * 1000);
    }
  return FALSE;
}

gboolean
dt_test_cli_terminal_echoes (int fd)
{
  struct termios t;

  g_assert_cmpint (tcgetattr (fd, &t), ==, 0);
  return (t.c_lflag & ECHO) != 0;
}
