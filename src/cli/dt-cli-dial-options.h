/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line of `dialtone-cli dial` (dt-cli-dial-options.c). */
#pragma once

#include "dt-entry.h"

G_BEGIN_DECLS

typedef struct {
  char *entry_name;          /* the ENTRY argument, or NULL */
  char *device;
  char *number;
  GStrv alternates;
  char *user;
  char *domain;
  gboolean password_stdin;
  char *auth;
  int speed;
  char *flow;
  GStrv init;
  gboolean pulse;
  gboolean direct;
  int dial_timeout;
  int echo_interval;         /* -1: the entry's */
  int echo_failures;         /* -1: the entry's */
  gboolean no_network;
  int hangup_after;
  char *phonebook_path;
  gboolean json;
  gboolean debug;
} DtCliDialOptions;

void      dt_cli_dial_options_clear       (DtCliDialOptions        *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DtCliDialOptions, dt_cli_dial_options_clear)

/* Parses the command line into @o.  FALSE, with the usage error to print, when it does not
 * make a dial. */
gboolean  dt_cli_dial_options_parse       (DtCliDialOptions        *o,
                                           int                      argc,
                                           char                   **argv,
                                           GError                 **error);
/* The entry to dial: the phonebook's (with the same UUID, so that its password comes from
 * the keyring) or a new one, with the command line's overrides; NULL and a usage error. */
DtEntry  *dt_cli_dial_options_build_entry (const DtCliDialOptions  *o,
                                           GError                 **error);

G_END_DECLS
