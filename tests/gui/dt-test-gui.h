/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the GUI tests: waiting on the main loop, with a deadline, for what a user
 * would see (a window, a label), reaching a template's widgets to type and click, pressing a
 * message dialog's response, asserting that a closed window is freed, an entry's row, its connection and its state, the keyring's
 * password of an entry, a record of every connection state and of the progress dialog's
 * label, and the desktop's notification server played on the session bus. */
#pragma once

#include "dt-application.h"
#include "dt-test-notifications.h"

G_BEGIN_DECLS

#define DT_TEST_GUI_WAIT_S 90

/* The start of a GUI test's main(), once the environment is set: the C.UTF-8 locale (not
 * GTK's setlocale()), g_test_init(), and the app's text domain. */
void        dt_test_gui_init            (int             *argc,
                                         char          ***argv);

typedef gboolean (*DtTestCondition) (gconstpointer data);

void        dt_test_wait_until_at       (DtTestCondition  condition,
                                         gconstpointer    data,
                                         const char      *where);
#define dt_test_wait_until(condition, data) \
  dt_test_wait_until_at ((DtTestCondition) (condition), (data), G_STRLOC)
void        dt_test_spin                (guint            ms);

/* A template child of @widget (a @type), which must exist. */
GtkWidget  *dt_test_child               (gpointer         widget,
                                         GType            type,
                                         const char      *name);
const char *dt_test_label_text          (gpointer         widget,
                                         GType            type,
                                         const char      *name);
void        dt_test_type_into           (gpointer         widget,
                                         GType            type,
                                         const char      *name,
                                         const char      *text);
void        dt_test_click               (gpointer         widget,
                                         GType            type,
                                         const char      *name);
/* The text of a template child that is a GtkEditable, and of one that is a GtkButton. */
const char *dt_test_editable_text       (gpointer         widget,
                                         GType            type,
                                         const char      *name);
const char *dt_test_button_label        (gpointer         widget,
                                         GType            type,
                                         const char      *name);
/* Presses the button of @response in an AdwMessageDialog. */
void        dt_test_click_response      (gpointer         dialog,
                                         const char      *response);

/* The visible toplevel of @type, or NULL. */
gpointer    dt_test_find_toplevel       (GType            type);
/* Waits for one and returns a reference, for dt_test_assert_finalized(). */
gpointer    dt_test_wait_for_toplevel   (GType            type);
void        dt_test_wait_toplevel_gone  (GType            type);
void        dt_test_assert_finalized_at (gpointer         object,
                                         const char      *where);
#define dt_test_assert_finalized(object) dt_test_assert_finalized_at ((object), G_STRLOC)

typedef gboolean (*DtTestMatch) (GtkWidget *widget, gconstpointer data);
GtkWidget  *dt_test_find_widget         (GtkWidget       *root,
                                         DtTestMatch      match,
                                         gconstpointer    data);
/* DtTestMatches: a GtkButton labelled @label, a GtkLabel whose text starts with @prefix (const
 * char *s). */
gboolean    dt_test_is_button_labelled  (GtkWidget       *widget,
                                         gconstpointer    label);
gboolean    dt_test_is_label_prefixed   (GtkWidget       *widget,
                                         gconstpointer    prefix);
/* The shown AdwPreferencesRow titled @title in @root, which must exist. */
GtkWidget  *dt_test_find_row            (gpointer         root,
                                         const char      *title);

/* Runs @app ("dialtone --no-network"), and the tests (g_test_run()) inside its main loop, as a
 * user's clicks would, once it has activated and its main window is mapped: @ready first, @done
 * after (either may be NULL).  Then closes the main window and asserts that it and @app are
 * freed.  Returns g_application_run()'s status; aborts when a test failed. */
int         dt_test_run_in_app          (DtApplication   *app,
                                         void           (*ready) (void),
                                         void           (*done) (void));

/* The entry named @name in @app's phonebook, which must exist, and its row in @window's
 * list, which must be shown. */
DtEntry      *dt_test_entry_named       (DtApplication   *app,
                                         const char      *name);
GtkWidget    *dt_test_entry_row         (gpointer         window,
                                         const char      *name);
/* The connection that dials the entry named @name, or NULL. */
DtConnection *dt_test_connection_of     (DtApplication   *app,
                                         const char      *name);
/* Waits until that connection exists and is in @state. */
void          dt_test_wait_for_state_at (DtApplication   *app,
                                         const char      *name,
                                         guint            state,
                                         const char      *where);
#define dt_test_wait_for_state(app, name, state) \
  dt_test_wait_for_state_at ((app), (name), (state), G_STRLOC)
/* app.hang-up(""), as the tray's Hang Up does, then waits until the dialer is idle. */
void          dt_test_hang_up_all       (DtApplication   *app);

/* The entry's password in the keyring, or NULL. */
char       *dt_test_keyring_password    (DtEntry         *entry);
void        dt_test_store_password      (DtEntry         *entry,
                                         const char      *password);

/* Records every state of every connection of @app's dialer, and the progress dialog's
 * label at each change, from now on. */
void        dt_test_record              (DtApplication   *app);
void        dt_test_reset_records       (void);
/* "0 1 2 … 8192": the states since the last reset. */
char       *dt_test_states_string       (void);
guint       dt_test_count_states        (guint            state);
/* The labels since the last reset, one a line. */
char       *dt_test_labels_string       (void);
gboolean    dt_test_label_shown         (const char      *text);
/* The progress dialog's label says @text now. */
gboolean    dt_test_progress_label_is   (const char      *text);


G_END_DECLS
