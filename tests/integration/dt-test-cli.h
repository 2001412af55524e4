/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the tests that run dialtone-cli as a program: one run, its exit status and output. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int status;                /* the exit status; -1 when a signal ended it */
  char *out;
  char *err;
} DtTestCliRun;

void                 dt_test_cli_run_clear    (DtTestCliRun        *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtTestCliRun, dt_test_cli_run_clear)

/* A launcher with standard input, output and error piped, in English (LC_ALL=C.UTF-8,
 * LANGUAGE unset); set the rest of the environment on it. */
GSubprocessLauncher *dt_test_cli_launcher_new (void);
/* Runs @argv (NULL-terminated) with @launcher, @input (NULL: nothing) on its standard input,
 * until it exits; logs the exit status and the output with g_test_message(). */
DtTestCliRun         dt_test_cli_run          (GSubprocessLauncher *launcher,
                                               const char * const  *argv,
                                               const char          *input);

G_END_DECLS
