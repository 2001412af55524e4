/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A real gnome-keyring-daemon for a test, on a private session bus of its own: the test
 * never touches the caller's session or keyring.  dt_test_keyring_start() points this
 * process's DBUS_SESSION_BUS_ADDRESS (and XDG dirs) at the private bus, so call it before
 * anything connects to the session bus. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  DT_TEST_KEYRING_UNLOCKED,   /* a bus with gnome-keyring-daemon, its login keyring unlocked */
  DT_TEST_KEYRING_BUS_ONLY,   /* a bus where no Secret Service runs (and none is activatable) */
} DtTestKeyringMode;

typedef struct _DtTestKeyring DtTestKeyring;

DtTestKeyring *dt_test_keyring_start   (DtTestKeyringMode  mode);
const char    *dt_test_keyring_get_dir (DtTestKeyring     *keyring);
void           dt_test_keyring_stop    (DtTestKeyring     *keyring);

G_END_DECLS
