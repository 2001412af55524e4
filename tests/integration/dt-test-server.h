/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The answering side of the tests in which a caller on a local line (a null-modem cable of
 * dt-test-cable.c, or a modem line of dt-test-exchange.c) calls a DtAnswer: incoming.ini in a
 * temporary folder, the dial-in passwords in the (test's) keyring, and a record of the states
 * the answering side went through, when, and whom it refused. */
#pragma once

#include "dt-answer.h"

G_BEGIN_DECLS

typedef struct {
  DtIncoming *incoming;
  char *dir;
  DtAnswer *answer;
  GArray *states;
  GArray *times;             /* gint64 monotonic µs of each state */
  char *refused_user;
  guint refused_code;
} DtTestServer;

/* Stores @user's dial-in @password in the keyring, and returns once it is there. */
void     dt_test_server_store_password (const char   *user,
                                        const char   *password);
/* A new incoming.ini (not yet saved) in a new temporary folder (@prefix-XXXXXX) with @methods,
 * one ring, and the accounts alice (wonderland) and carol (looking-glass; called back at a
 * number she gives), their passwords in the keyring. */
void     dt_test_server_init           (DtTestServer *server,
                                        const char   *prefix,
                                        guint         methods);
/* Answers on @device with server->incoming, without a network, tracing PPP; returns once
 * the answering side listens. */
void     dt_test_server_start          (DtTestServer *server,
                                        const char   *device,
                                        DtDeviceType  type);
/* Stops the answering side, waits until it has, and frees what the server holds. */
void     dt_test_server_clear          (DtTestServer *server);
/* Runs the main loop until the answering side is in @state, for 30 s at the most. */
void     dt_test_server_wait_for_state (DtTestServer *server,
                                        guint         state);
/* Whether the answering side has been in @state. */
gboolean dt_test_server_has_state      (DtTestServer *server,
                                        guint         state);

G_END_DECLS
