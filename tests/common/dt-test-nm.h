/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real NetworkManager for C tests, through tests/common/nm-sandbox: its own network
 * namespace and a private system bus.  A test program starts one in main(), before any
 * thread exists, and enters its namespace so that the TUN devices NetworkManager creates
 * are its own.  The sandbox goes away with the program, even when the program crashes.
 *
 * When the environment names a sandbox already (DIALTONE_TEST_NM_DIR,
 * DBUS_SYSTEM_BUS_ADDRESS and DIALTONE_TEST_NETNS, as `nm-sandbox run --uid 65534 --
 * meson test …` exports them), programs share it instead, unless they ask for a private one.
 * A g_test_trap_subprocess() child always uses its parent's. */
#pragma once

#include <gio/gio.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* The unprivileged user ("nobody") that every sandbox admits on its bus. */
#define DT_TEST_NM_USER_UID 65534

typedef enum {
  DT_TEST_NM_FLAGS_NONE         = 0,
  DT_TEST_NM_FLAGS_PRIVATE      = 1 << 0, /* never the shared sandbox (to restart NM) */
  DT_TEST_NM_FLAGS_REFUSE_USERS = 1 << 1, /* NM refuses non-root requests; implies PRIVATE */
} DtTestNmFlags;

typedef struct _DtTestNm DtTestNm;

/* Starts or joins a sandbox, enters its network namespace and exports its bus as the system
 * bus.  Fails with G_IO_ERROR_NOT_SUPPORTED when sandboxes cannot run here (not root,
 * NetworkManager missing): the tests then skip with that message. */
DtTestNm   *dt_test_nm_start          (DtTestNmFlags   flags,
                                       GError        **error);
/* Stops the sandbox if this program started it. */
void        dt_test_nm_free           (DtTestNm       *self);

const char *dt_test_nm_get_dir        (DtTestNm       *self);
const char *dt_test_nm_get_netns      (DtTestNm       *self);
const char *dt_test_nm_get_bus_address (DtTestNm      *self);

/* Stops NetworkManager (SIGTERM, or SIGKILL when @crash), waits @down_seconds, and starts it
 * again; returns once it answers.  The default main context keeps running meanwhile. */
gboolean    dt_test_nm_restart        (DtTestNm       *self,
                                       double          down_seconds,
                                       gboolean        crash,
                                       GError        **error);
gboolean    dt_test_nm_stop_daemon    (DtTestNm       *self,
                                       GError        **error);
gboolean    dt_test_nm_start_daemon   (DtTestNm       *self,
                                       GError        **error);

/* Runs a command in the sandbox (the test's own namespace, the sandbox's bus) while the
 * default main context keeps running, and returns its standard output.  Fails with the
 * command's standard error when it exits with a non-zero status. */
char       *dt_test_nm_run            (GError        **error,
                                       const char     *argv0,
                                       ...) G_GNUC_NULL_TERMINATED;
char       *dt_test_nm_runv           (const char * const *argv,
                                       GError        **error);
/* @url's bytes @range ("0-65535"), downloaded with curl through @interface inside the
 * sandbox's namespace. */
GBytes     *dt_test_nm_download       (const char          *interface,
                                       const char          *url,
                                       const char          *range,
                                       GError             **error);

/* For tests without NetworkManager: moves the process into a new, empty network namespace
 * (with lo up) and points the system bus at a socket that does not exist.  Call it in main(),
 * before any thread exists.  G_IO_ERROR_NOT_SUPPORTED when not root. */
gboolean    dt_test_nm_enter_empty_netns (GError     **error);

/* For the tests of a program whose main() started a sandbox or entered an empty namespace:
 * @ready says it worked, @error is why not.  FALSE when ready; else TRUE, with the test
 * skipped when that cannot run here (G_IO_ERROR_NOT_SUPPORTED), or failed with @error. */
gboolean    dt_test_nm_skip_unless    (gboolean        ready,
                                       const GError   *error);

/* Drops root for the rest of the process: @uid as uid and gid, no groups, no capabilities.
 * For a g_test_trap_subprocess() child. */
void        dt_test_nm_drop_privileges (uid_t       uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtTestNm, dt_test_nm_free)

G_END_DECLS
