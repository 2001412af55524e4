/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The commands of dialtone-cli, and what they share. */
#pragma once

#include <gio/gio.h>

#include "dt-phonebook.h"

G_BEGIN_DECLS

/* Exit statuses: 0 done, 1 the dial or command failed, 2 usage error. */
#define DT_CLI_EXIT_FAILURE 1
#define DT_CLI_EXIT_USAGE 2

int          dt_cli_dial                (int          argc,
                                         char       **argv);
int          dt_cli_entry               (int          argc,
                                         char       **argv);
int          dt_cli_error               (int          argc,
                                         char       **argv);
int          dt_cli_answer              (int          argc,
                                         char       **argv);
int          dt_cli_user                (int          argc,
                                         char       **argv);
int          dt_cli_modem               (int          argc,
                                         char       **argv);
int          dt_cli_complete            (int          argc,
                                         char       **argv);

int          dt_cli_entry_import        (DtPhonebook *phonebook,
                                         int          argc,
                                         char       **argv);
int          dt_cli_entry_export        (DtPhonebook *phonebook,
                                         int          argc,
                                         char       **argv);

int          dt_cli_usage_error         (const char  *message);
GOptionContext *dt_cli_option_context   (const char  *command,
                                         const char  *parameter_string);
char        *dt_cli_read_password_stdin (void);
DtPhonebook *dt_cli_open_phonebook      (const char  *path,
                                         GError     **error);

/* An async call the CLI waits for, having nothing else to do meanwhile: give it
 * dt_cli_keep_result as its callback and the address of a NULL GAsyncResult pointer as its
 * user data; dt_cli_wait() then runs the main context until the call is done and returns the
 * result (the pointer holds a reference) for the call's _finish function. */
void         dt_cli_keep_result         (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data);
GAsyncResult *dt_cli_wait               (GAsyncResult **result);

G_END_DECLS
