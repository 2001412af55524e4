/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What test-tray and test-tray-dial share: a DtTray for a plain GApplication whose actions
 * record what the tray asked for (app.hang-up also hangs up, and is enabled while the dialer
 * is busy, as DtApplication's is), a dialer with no network device, a phonebook of three
 * entries, a real status-notifier-watcher and a host on the test's private session bus. */
#pragma once

#include "dt-phonebook.h"
#include "dt-test-isp.h"
#include "dt-test-sni.h"
#include "dt-tray.h"

G_BEGIN_DECLS

#define ISP_USER "dialtone"
#define ISP_PASSWORD "dialtone-secret"

typedef struct {
  DtTestWatcher *watcher;
  DtTestHost *host;
  DtDialer *dialer;
  DtPhonebook *phonebook;
  DtEntry *isp_entry;
  DtTray *tray;
  const char *item;
  DtTestIsp *isp;            /* set by a test that dials the ISP */
  char *line;
  goffset log_offset;
} DtTestTrayFixture;

/* main(): the private session bus, the test framework, the text domain and the application;
 * then, once the tests are added, dt_test_tray_run(). */
void          dt_test_tray_init          (int                *argc,
                                          char             ***argv);
int           dt_test_tray_run           (void);

/* The fixture: with a watcher when @data is non-zero (the item has registered by then). */
void          dt_test_tray_set_up        (DtTestTrayFixture  *f,
                                          gconstpointer       data);
void          dt_test_tray_tear_down     (DtTestTrayFixture  *f,
                                          gconstpointer       data);
#define DT_TEST_TRAY_ADD(path, with_watcher, func) \
  g_test_add (path, DtTestTrayFixture, GINT_TO_POINTER (with_watcher), dt_test_tray_set_up, \
              func, dt_test_tray_tear_down)

GApplication *dt_test_tray_get_app       (void);
/* Records an activation of @action (connect it to "activate"), as the app's actions do. */
void          dt_test_tray_on_action     (GSimpleAction      *action,
                                          GVariant           *parameter,
                                          gpointer            user_data);
void          dt_test_tray_set_hang_up_enabled (gboolean      enabled);
DtEntry      *dt_test_tray_add_entry     (DtPhonebook        *phonebook,
                                          const char         *name,
                                          const char         *device);
/* A DtTestCondition: the DtTray @data has registered with the watcher. */
gboolean      dt_test_tray_is_registered (gpointer            data);

/* The item's Status, IconName and ToolTip (its icon and title, and a part of its text). */
void          dt_test_tray_assert_look   (DtTestTrayFixture  *f,
                                          const char         *status,
                                          const char         *icon,
                                          const char         *title,
                                          const char         *text_part);
/* @list's strings joined with @separator are @expected. */
void          dt_test_tray_assert_joined (GPtrArray          *list,
                                          const char         *separator,
                                          const char         *expected);
/* The activations since the last reset: "dial 'uuid', show-window…". */
void          dt_test_tray_assert_activations (const char    *expected);
void          dt_test_tray_forget_activations (void);
void          dt_test_tray_wait_activations (guint            n);
/* Clicks the menu item @id; then there have been @n_expected activations, and no more come. */
void          dt_test_tray_click         (DtTestTrayFixture  *f,
                                          int                 id,
                                          guint               n_expected);

G_END_DECLS
