/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The desktop's accessibility, as a screen reader sees it, for the GUI tests: a real
 * accessibility bus (at-spi2-core's bus launcher and registry), the app under test in a
 * process of its own, its AT-SPI tree read with libatspi, keys typed through the registry
 * (XTest on the Xvfb display), and the checks every window must pass (see
 * dt_test_atspi_check). */
#pragma once

#include <atspi/atspi.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* libatspi 2.46 defines none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAction, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiEditableText, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

/* Starts the bus launcher on this process's session bus (its log in @log_dir) and points
 * AT_SPI_BUS_ADDRESS at its bus; then atspi_init(). */
void             dt_test_atspi_start          (const char *log_dir);
void             dt_test_atspi_stop           (void);

/* Runs @argv with the environment of this process, accessibility on, @config_dir as
 * XDG_CONFIG_HOME and its stderr in @config_dir/dialtone.log; waits until its window
 * "Dialtone" shows. */
GSubprocess     *dt_test_atspi_spawn_app      (const char * const *argv,
                                               const char         *config_dir);
/* Fails on a warning in the app's log (its stderr), but for a known one of GTK 4.8. */
void             dt_test_atspi_assert_app_log (const char         *config_dir);
/* The app's accessible root (an application named "dialtone"). */
AtspiAccessible *dt_test_atspi_app            (void);

/* The showing toplevel window named @name, waited for; and waiting until none is. */
AtspiAccessible *dt_test_atspi_wait_window_at (const char *name,
                                               const char *where);
#define dt_test_atspi_wait_window(name) dt_test_atspi_wait_window_at ((name), G_STRLOC)
void             dt_test_atspi_wait_gone_at   (const char *name,
                                               const char *where);
#define dt_test_atspi_wait_gone(name) dt_test_atspi_wait_gone_at ((name), G_STRLOC)
AtspiAccessible *dt_test_atspi_find_window    (const char *name);

/* The first showing descendant of @root with @role (ATSPI_ROLE_INVALID: any) whose name
 * starts with @name, or NULL. */
AtspiAccessible *dt_test_atspi_find           (AtspiAccessible *root,
                                               AtspiRole        role,
                                               const char      *name);
/* The same, waited for. */
AtspiAccessible *dt_test_atspi_wait_for_at    (AtspiAccessible *root,
                                               AtspiRole        role,
                                               const char      *name,
                                               const char      *where);
#define dt_test_atspi_wait_for(root, role, name) \
  dt_test_atspi_wait_for_at ((root), (role), (name), G_STRLOC)

/* The object that has the keyboard focus in the app, or NULL; and waiting until it is the
 * one with @role whose name starts with @name. */
AtspiAccessible *dt_test_atspi_focus          (void);
AtspiAccessible *dt_test_atspi_wait_focus_at  (AtspiRole   role,
                                               const char *name,
                                               const char *where);
#define dt_test_atspi_wait_focus(role, name) \
  dt_test_atspi_wait_focus_at ((role), (name), G_STRLOC)
char            *dt_test_atspi_describe       (AtspiAccessible *accessible);

/* Keys, as a keyboard types them: a key by its X keysym name ("Tab", "Return"), with
 * Control held, or a string. */
void             dt_test_atspi_key            (const char *keysym);
void             dt_test_atspi_ctrl_key       (const char *keysym);
void             dt_test_atspi_type           (const char *text);

/* Its first action (a button's click). */
void             dt_test_atspi_click          (AtspiAccessible *accessible);
void             dt_test_atspi_set_text       (AtspiAccessible *accessible,
                                               const char      *text);
gboolean         dt_test_atspi_has_state      (AtspiAccessible *accessible,
                                               AtspiStateType   state);
char            *dt_test_atspi_name           (AtspiAccessible *accessible);

/* What a screen reader user would trip over under @root, one line each, appended to
 * @problems; see the .c file for the rules. */
void             dt_test_atspi_check          (AtspiAccessible *root,
                                               GString         *problems);
/* Checks the window named @name and fails the test with every problem found. */
void             dt_test_atspi_assert_clean_at (const char *name,
                                                const char *where);
#define dt_test_atspi_assert_clean(name) dt_test_atspi_assert_clean_at ((name), G_STRLOC)

G_END_DECLS
