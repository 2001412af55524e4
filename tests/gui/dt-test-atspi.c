/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The accessibility bus and the app's AT-SPI tree for the GUI tests (see dt-test-atspi.h).
 * Every wait goes through dt_test_wait_until, on the main loop where libatspi receives the
 * app's events (and a scripted peer, if the test has one, keeps talking).  libatspi caches
 * what it read; every query here drops the cache first, so that it reads what the app says
 * now. */

#include "config.h"

#include <X11/Xlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "dt-test-atspi.h"
#include "dt-test-gui.h"

static GSubprocess *bus_launcher;
static Display *display;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static gboolean
a11y_bus_owned (gconstpointer data)
{
  GDBusConnection *bus = (GDBusConnection *) data;
  g_autoptr (GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.a11y.Bus"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* libatspi asks each app for its cache of objects (org.a11y.atspi.Cache), which GTK 4 does not
 * have, and warns; it then reads the objects one by one, as it should.  That warning is said,
 * not fatal. */
static gboolean
is_cache_warning (const char *log_domain,
                  const char *message)
{
  return g_strcmp0 (log_domain, "dbind") == 0 && strstr (message, "GetItems") != NULL;
}

static gboolean
on_log_fatal (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !is_cache_warning (log_domain, message);
}

static void
on_dbind_log (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if (is_cache_warning (log_domain, message))
    g_test_message ("libatspi: %s", message);
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

static gboolean
display_opened (gconstpointer data)
{
  display = XOpenDisplay (NULL);
  return display != NULL;
}

void
dt_test_atspi_start (const char *log_dir)
{
  g_autofree char *log = g_build_filename (log_dir, "at-spi-bus.log", NULL);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *address;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* The launcher reads the desktop's own settings: not the test's schemas or backend. */
  /* Its registry says hello on stdout, which is the test's TAP output; and the buses it
   * starts must not hold the test's output open should the test die. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_unsetenv (launcher, "GSETTINGS_SCHEMA_DIR");
  g_subprocess_launcher_unsetenv (launcher, "GSETTINGS_BACKEND");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bus_launcher = g_subprocess_launcher_spawn (launcher, &error, DT_AT_SPI_BUS_LAUNCHER,
                                              "--launch-immediately", NULL);
  g_assert_no_error (error);
  dt_test_wait_until (a11y_bus_owned, bus);

  reply = g_dbus_connection_call_sync (bus, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                       "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(&s)", &address);
  g_setenv ("AT_SPI_BUS_ADDRESS", address, TRUE);
  g_log_set_handler ("dbind", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, on_dbind_log, NULL);
  g_test_log_set_fatal_handler (on_log_fatal, NULL);
  g_assert_cmpint (atspi_init (), ==, 0);
  dt_test_wait_until (display_opened, NULL);
}

void
dt_test_atspi_stop (void)
{
  if (display != NULL)
    XCloseDisplay (display);
  display = NULL;
  if (bus_launcher != NULL)
    {
      g_subprocess_send_signal (bus_launcher, SIGTERM);
      g_subprocess_wait (bus_launcher, NULL, NULL);
    }
  g_clear_object (&bus_launcher);
}

/* The app ------------------------------------------------------------------------------- */

AtspiAccessible *
dt_test_atspi_app (void)
{
  g_autoptr (AtspiAccessible) desktop = atspi_get_desktop (0);
  int n;

  atspi_accessible_clear_cache (desktop);
  n = atspi_accessible_get_child_count (desktop, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);
      g_autofree char *name = app != NULL ? atspi_accessible_get_name (app, NULL) : NULL;

      if (g_strcmp0 (name, "dialtone") == 0)
        {
          atspi_accessible_clear_cache (app);
          return g_steal_pointer (&app);
        }
    }
  return NULL;
}

GSubprocess *
dt_test_atspi_spawn_app (const char * const *argv,
                         const char         *config_dir)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *log = g_build_filename (config_dir, "dialtone.log", NULL);
  g_autoptr (GError) error = NULL;
  GSubprocess *app;

  /* GLib resets this handler for each test. */
  g_test_log_set_fatal_handler (on_log_fatal, NULL);
  /* As a user's session runs it: accessibility on. */
  g_subprocess_launcher_unsetenv (launcher, "NO_AT_BRIDGE");
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_dir, TRUE);
  /* Its warnings are checked afterwards (dt_test_atspi_assert_app_log): GTK 4.8 has one
   * that a screen reader's questions can set off. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  app = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_object_unref (dt_test_atspi_wait_window ("Dialtone"));
  return app;
}

/* GTK 4.8 answers a question about a window that is going away (its children, its parent)
 * with an object path it no longer has: a critical warning in the app, which goes on.  Any
 * other warning is a failure. */
void
dt_test_atspi_assert_app_log (const char *config_dir)
{
  g_autofree char *path = g_build_filename (config_dir, "dialtone.log", NULL);
  g_autofree char *log = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) bad = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "-CRITICAL **") == NULL && strstr (lines[i], "-WARNING **") == NULL)
        continue;
      if (strstr (lines[i], "g_variant_is_object_path: assertion 'string != NULL' failed"))
        {
          g_test_message ("GTK 4.8: %s", lines[i]);
          continue;
        }
      g_string_append_printf (bad, "%s\n", lines[i]);
    }
  if (bad->len > 0)
    g_error ("the app warned:\n%s", bad->str);
}

/* Finding things ----------------------------------------------------------------------- */

char *
dt_test_atspi_name (AtspiAccessible *accessible)
{
  char *name = atspi_accessible_get_name (accessible, NULL);

  return name != NULL ? name : g_strdup ("");
}

gboolean
dt_test_atspi_has_state (AtspiAccessible *accessible,
                         AtspiStateType   state)
{
  g_autoptr (AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  return states != NULL && atspi_state_set_contains (states, state);
}

AtspiAccessible *
dt_test_atspi_find_window (const char *name)
{
  g_autoptr (AtspiAccessible) app = dt_test_atspi_app ();
  int n;

  if (app == NULL)
    return NULL;
  n = atspi_accessible_get_child_count (app, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);
      g_autofree char *window_name = window != NULL ? dt_test_atspi_name (window) : NULL;

      if (window != NULL && g_strcmp0 (window_name, name) == 0 &&
          dt_test_atspi_has_state (window, ATSPI_STATE_VISIBLE))
        return g_steal_pointer (&window);
    }
  return NULL;
}

static gboolean
window_shown (gconstpointer name)
{
  g_autoptr (AtspiAccessible) window = dt_test_atspi_find_window (name);

  return window != NULL;
}

static gboolean
window_gone (gconstpointer name)
{
  return !window_shown (name);
}

AtspiAccessible *
dt_test_atspi_wait_window_at (const char *name,
                              const char *where)
{
  dt_test_wait_until_at (window_shown, name, where);
  return dt_test_atspi_find_window (name);
}

void
dt_test_atspi_wait_gone_at (const char *name,
                            const char *where)
{
  dt_test_wait_until_at (window_gone, name, where);
}

AtspiAccessible *
dt_test_atspi_find (AtspiAccessible *root,
                    AtspiRole        role,
                    const char      *name)
{
  g_autofree char *own = NULL;
  int n;

  if (!dt_test_atspi_has_state (root, ATSPI_STATE_VISIBLE))
    return NULL;
  own = dt_test_atspi_name (root);
  if ((role == ATSPI_ROLE_INVALID || atspi_accessible_get_role (root, NULL) == role) &&
      g_str_has_prefix (own, name))
    return g_object_ref (root);
  n = atspi_accessible_get_child_count (root, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (root, i, NULL);
      AtspiAccessible *found = child != NULL ? dt_test_atspi_find (child, role, name) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  AtspiAccessible *root;
  AtspiRole role;
  const char *name;
} Wanted;

static gboolean
found (gconstpointer data)
{
  const Wanted *want = data;
  g_autoptr (AtspiAccessible) thing = NULL;

  atspi_accessible_clear_cache (want->root);
  thing = dt_test_atspi_find (want->root, want->role, want->name);
  return thing != NULL;
}

AtspiAccessible *
dt_test_atspi_wait_for_at (AtspiAccessible *root,
                           AtspiRole        role,
                           const char      *name,
                           const char      *where)
{
  Wanted want = { root, role, name };

  dt_test_wait_until_at (found, &want, where);
  return dt_test_atspi_find (root, role, name);
}

static AtspiAccessible *
find_focused (AtspiAccessible *root)
{
  int n;

  if (dt_test_atspi_has_state (root, ATSPI_STATE_FOCUSED))
    return g_object_ref (root);
  n = atspi_accessible_get_child_count (root, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (root, i, NULL);
      AtspiAccessible *focused = child != NULL ? find_focused (child) : NULL;

      if (focused != NULL)
        return focused;
    }
  return NULL;
}

/* In the newest window that has one: a window keeps its focused object while a dialog over
 * it has the keyboard, and GTK 4.8 says "active" of the main window alone. */
AtspiAccessible *
dt_test_atspi_focus (void)
{
  g_autoptr (AtspiAccessible) app = dt_test_atspi_app ();
  int n;

  if (app == NULL)
    return NULL;
  n = atspi_accessible_get_child_count (app, NULL);
  for (int i = n - 1; i >= 0; i--)
    {
      g_autoptr (AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);
      AtspiAccessible *focus = NULL;

      if (window != NULL && dt_test_atspi_has_state (window, ATSPI_STATE_VISIBLE))
        focus = find_focused (window);
      if (focus != NULL)
        return focus;
    }
  return NULL;
}

char *
dt_test_atspi_describe (AtspiAccessible *accessible)
{
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;

  if (accessible == NULL)
    return g_strdup ("(nothing)");
  role = atspi_accessible_get_role_name (accessible, NULL);
  name = dt_test_atspi_name (accessible);
  return g_strdup_printf ("[%s] \"%s\"", role, name);
}

typedef struct {
  AtspiRole role;
  const char *name;
  char *seen;                   /* the focus last seen, said in the log when it changes */
} FocusWanted;

static gboolean
focus_is (gconstpointer data)
{
  FocusWanted *want = (FocusWanted *) data;
  g_autoptr (AtspiAccessible) focus = dt_test_atspi_focus ();
  g_autofree char *what = dt_test_atspi_describe (focus);
  g_autofree char *name = NULL;

  if (g_strcmp0 (what, want->seen) != 0)
    {
      g_autoptr (AtspiAccessible) parent = NULL;
      g_autoptr (AtspiAccessible) grandparent = NULL;
      g_autofree char *where = NULL;

      if (focus != NULL)
        parent = atspi_accessible_get_parent (focus, NULL);
      if (parent != NULL)
        grandparent = atspi_accessible_get_parent (parent, NULL);
      where = dt_test_atspi_describe (grandparent);

      g_test_message ("focus: %s, under %s", what, where);
      g_free (want->seen);
      want->seen = g_steal_pointer (&what);
    }
  if (focus == NULL || atspi_accessible_get_role (focus, NULL) != want->role)
    return FALSE;
  name = dt_test_atspi_name (focus);
  return g_str_has_prefix (name, want->name);
}

AtspiAccessible *
dt_test_atspi_wait_focus_at (AtspiRole   role,
                             const char *name,
                             const char *where)
{
  FocusWanted want = { role, name, NULL };
  g_autofree char *what = g_strdup_printf ("%s (focus on %s \"%s\")", where,
                                           atspi_role_get_name (role), name);

  dt_test_wait_until_at (focus_is, &want, what);
  g_free (want.seen);
  return dt_test_atspi_focus ();
}

/* Acting --------------------------------------------------------------------------------- */

void
dt_test_atspi_key (const char *keysym)
{
  KeySym sym = XStringToKeysym (keysym);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (sym, !=, NoSymbol);
  atspi_generate_keyboard_event (sym, NULL, ATSPI_KEY_SYM, &error);
  g_assert_no_error (error);
}

void
dt_test_atspi_ctrl_key (const char *keysym)
{
  KeySym sym = XStringToKeysym (keysym);
  KeyCode control = XKeysymToKeycode (display, XStringToKeysym ("Control_L"));
  KeyCode key = XKeysymToKeycode (display, sym);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (key, !=, 0);
  atspi_generate_keyboard_event (control, NULL, ATSPI_KEY_PRESS, &error);
  g_assert_no_error (error);
  atspi_generate_keyboard_event (key, NULL, ATSPI_KEY_PRESSRELEASE, &error);
  g_assert_no_error (error);
  atspi_generate_keyboard_event (control, NULL, ATSPI_KEY_RELEASE, &error);
  g_assert_no_error (error);
}

void
dt_test_atspi_type (const char *text)
{
  g_autoptr (GError) error = NULL;

  atspi_generate_keyboard_event (0, text, ATSPI_KEY_STRING, &error);
  g_assert_no_error (error);
}

void
dt_test_atspi_click (AtspiAccessible *accessible)
{
  g_autoptr (AtspiAction) action = atspi_accessible_get_action_iface (accessible);
  g_autoptr (GError) error = NULL;

  if (action == NULL)
    {
      g_autofree char *what = dt_test_atspi_describe (accessible);
      GArray *interfaces = atspi_accessible_get_interfaces (accessible);
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint i = 0; interfaces != NULL && i < interfaces->len; i++)
        g_string_append_printf (list, " %s", g_array_index (interfaces, char *, i));
      g_error ("%s cannot be clicked: its interfaces are%s", what, list->str);
    }
  atspi_action_do_action (action, 0, &error);
  g_assert_no_error (error);
}

void
dt_test_atspi_set_text (AtspiAccessible *accessible,
                        const char      *text)
{
  g_autoptr (AtspiEditableText) editable = atspi_accessible_get_editable_text_iface (accessible);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (editable);
  atspi_editable_text_set_text_contents (editable, text, &error);
  g_assert_no_error (error);
}

/* The checks ------------------------------------------------------------------------------ */

/* "GtkImage", "AdwGizmo": what GTK says for a widget that has no name. */
static gboolean
is_type_name (const char *name)
{
  return g_regex_match_simple ("^(Gtk|Adw|Dt)[A-Z][A-Za-z]*$", name, 0, 0);
}

/* "C_onnect": a mnemonic's underscore read out.  Not one after a slash: a path, such as the
 * build folder Start at login names ("/home/me/dialtone/_build/src/dialtone"). */
static gboolean
has_mnemonic (const char *name)
{
  return g_regex_match_simple ("(^|[^_/])_[[:alnum:]]", name, 0, 0);
}

/* "Save password Save password", "C_onnect Connect": the name is one thing said twice. */
static gboolean
says_twice (const char *name)
{
  g_autofree char *plain = g_utf8_strdown (name, -1);
  g_auto (GStrv) words = NULL;
  guint n;

  g_strdelimit (plain, "_", ' ');
  words = g_regex_split_simple ("\\s+", g_strstrip (plain), 0, 0);
  n = g_strv_length (words);
  /* "c onnect connect": the underscore split a word; glue it back. */
  if (strstr (name, "_") != NULL)
    {
      g_autofree char *glued = g_utf8_strdown (name, -1);

      g_strstrip (glued);
      for (char *p = glued; *p != '\0'; p++)
        if (*p == '_')
          memmove (p, p + 1, strlen (p));
      g_strfreev (words);
      words = g_regex_split_simple ("\\s+", glued, 0, 0);
      n = g_strv_length (words);
    }
  if (n < 2 || n % 2 != 0)
    return FALSE;
  for (guint i = 0; i < n / 2; i++)
    if (!g_str_equal (words[i], words[n / 2 + i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_actionable (AtspiAccessible *accessible)
{
  g_autoptr (AtspiAction) action = atspi_accessible_get_action_iface (accessible);

  return action != NULL && atspi_action_get_n_actions (action, NULL) > 0;
}

static gboolean
has_focusable_descendant (AtspiAccessible *accessible)
{
  int n = atspi_accessible_get_child_count (accessible, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i,
                                                                               NULL);

      if (child != NULL && dt_test_atspi_has_state (child, ATSPI_STATE_VISIBLE) &&
          (dt_test_atspi_has_state (child, ATSPI_STATE_FOCUSABLE) ||
           has_focusable_descendant (child)))
        return TRUE;
    }
  return FALSE;
}

/* A container GTK focuses only when nothing inside it can take the focus. */
static gboolean
is_focus_container (AtspiAccessible *accessible,
                    AtspiRole        role)
{
  switch (role)
    {
    case ATSPI_ROLE_SCROLL_PANE:
    case ATSPI_ROLE_LIST:
    case ATSPI_ROLE_LIST_BOX:
    case ATSPI_ROLE_PANEL:
    case ATSPI_ROLE_FILLER:
      return has_focusable_descendant (accessible);
    default:
      return FALSE;
    }
}

static void
check_one (AtspiAccessible *accessible,
           const char      *context,
           GString         *problems)
{
  AtspiRole role = atspi_accessible_get_role (accessible, NULL);
  g_autofree char *name = dt_test_atspi_name (accessible);
  g_autofree char *what = dt_test_atspi_describe (accessible);
  gboolean interactive;

  /* A label's actions copy its text; what matters is whether the keyboard reaches it. */
  interactive = dt_test_atspi_has_state (accessible, ATSPI_STATE_FOCUSABLE) ||
                (role != ATSPI_ROLE_LABEL && is_actionable (accessible));
  if (interactive && !is_focus_container (accessible, role))
    {
      if (name[0] == '\0')
        g_string_append_printf (problems, "%s in %s: no name\n", what, context);
      else if (is_type_name (name))
        g_string_append_printf (problems, "%s in %s: named by its type\n", what, context);
    }
  if (has_mnemonic (name))
    g_string_append_printf (problems, "%s in %s: a mnemonic in the name\n", what, context);
  if (says_twice (name))
    g_string_append_printf (problems, "%s in %s: the name says it twice\n", what, context);
}

static void
check_tree (AtspiAccessible *accessible,
            const char      *context,
            GString         *problems)
{
  g_autofree char *name = NULL;
  int n;

  if (!dt_test_atspi_has_state (accessible, ATSPI_STATE_VISIBLE))
    return;
  check_one (accessible, context, problems);
  name = dt_test_atspi_name (accessible);
  n = atspi_accessible_get_child_count (accessible, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i,
                                                                               NULL);

      if (child != NULL)
        check_tree (child, name[0] != '\0' ? name : context, problems);
    }
}

/**
 * dt_test_atspi_check:
 *
 * The rules, for every visible object under @root:
 *   - what the keyboard reaches or a screen reader can act on (focusable, or with an
 *     action) has a name, and not a type's name ("GtkImage", "AdwGizmo"); left out are
 *     containers that hold something focusable (a scrolled window, a list), which GTK never
 *     focuses while it can focus a child, and labels' actions, which copy their text;
 *   - no name shows a mnemonic's underscore ("C_onnect");
 *   - no name says one thing twice ("Save password Save password", "_Save Save").
 */
void
dt_test_atspi_check (AtspiAccessible *root,
                     GString         *problems)
{
  g_autofree char *name = dt_test_atspi_name (root);

  atspi_accessible_clear_cache (root);
  check_tree (root, name, problems);
}

void
dt_test_atspi_assert_clean_at (const char *name,
                               const char *where)
{
  g_autoptr (AtspiAccessible) window = dt_test_atspi_wait_window_at (name, where);
  g_autoptr (GString) problems = g_string_new (NULL);
  AtspiRole role = atspi_accessible_get_role (window, NULL);
  gint64 start = g_get_monotonic_time ();

  /* Every window is a dialog but the two that stand on their own: the main window and
   * Incoming Connections. */
  if (!g_str_equal (name, "Dialtone") && !g_str_equal (name, "Incoming Connections") &&
      role != ATSPI_ROLE_DIALOG)
    g_string_append_printf (problems, "the window is a %s, not a dialog\n",
                            atspi_role_get_name (role));
  dt_test_atspi_check (window, problems);
  if (problems->len > 0)
    g_error ("%s: the window \"%s\", as a screen reader finds it:\n%s", where, name,
             problems->str);
  g_test_message ("%s: clean (%" G_GINT64_FORMAT " ms)", name,
                  (g_get_monotonic_time () - start) / 1000);
}
