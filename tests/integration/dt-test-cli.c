/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dialtone-cli run as a program: see dt-test-cli.h. */

#include "config.h"

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
