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

/* Runs @argv with @launcher and its standard input closed, until a line of its standard
 * output starts with @line_prefix; interrupts it (SIGINT) @delay_ms later and waits for it to
 * exit.  out is what it printed meanwhile; err is "" (not read). */
DtTestCliRun         dt_test_cli_run_interrupted (GSubprocessLauncher *launcher,
                                                  const char * const  *argv,
                                                  const char          *line_prefix,
                                                  guint                delay_ms);

/* What dialtone-cli printed on @out: the state numbers of its "<ms> <state> <Name> <detail>"
 * lines, space-separated (a sub-entry's as "<state>:<sub>"). */
char                *dt_test_cli_states       (const char          *out);
/* The same for sub-entry @sub of a multilink dial ("<ms> <state>:<sub> <Name>", without the
 * ":<sub>"), or with @sub 0 the connection's own ("<ms> <state> <Name>"). */
char                *dt_test_cli_sub_entry_states (const char      *out,
                                                   guint            sub);
/* The last line of @out that is not empty; "" when there is none. */
char                *dt_test_cli_last_line    (const char          *out);

/* Runs @argv with @launcher on a new terminal (@master; @slave is kept to look at the
 * terminal's settings, and closed by the caller, as is @master, which does not block). */
GSubprocess         *dt_test_cli_spawn_at_terminal (GSubprocessLauncher *launcher,
                                                    const char * const  *argv,
                                                    int                 *master,
                                                    int                 *slave);
/* Reads the terminal @master until @needle shows up after what @screen held, for at most
 * @timeout_s; everything read is kept in @screen. */
gboolean             dt_test_cli_read_until   (int                  master,
                                               GString             *screen,
                                               const char          *needle,
                                               guint                timeout_s);
/* Whether the terminal of @fd echoes what is typed. */
gboolean             dt_test_cli_terminal_echoes (int               fd);

G_END_DECLS
