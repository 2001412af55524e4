/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the GUI tests (see dt-test-gui.h).  Every wait runs the default main context,
 * where the app, the engine and a scripted peer all live, blocking until something happens
 * there, and gives up with the place it was called from after DT_TEST_GUI_WAIT_S. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "dt-entry-row.h"
#include "dt-progress-dialog.h"
#include "dt-secrets.h"
#include "dt-test-gui.h"

static GArray *states;           /* every state of every connection, in order */
static GPtrArray *labels;        /* the progress dialog's label, at every change */
static GtkWidget *watched_label;

static gboolean
on_timer_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_recheck (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
dt_test_wait_until_at (DtTestCondition  condition,
                       gconstpointer    data,
                       const char      *where)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (DT_TEST_GUI_WAIT_S, on_timer_done, &expired);
  /* A condition that no event of this loop changes (a log that another process writes) is
   * looked at again every 10 ms. */
  guint recheck = g_timeout_add (10, on_recheck, NULL);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (recheck);
  if (expired)
    g_error ("%s: waited %d s in vain", where, DT_TEST_GUI_WAIT_S);
  g_source_remove (deadline);
}

void
dt_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timer_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
dt_test_child (gpointer    widget,
               GType       type,
               const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return GTK_WIDGET (found);
}

const char *
dt_test_label_text (gpointer    widget,
                    GType       type,
                    const char *name)
{
  return gtk_label_get_label (GTK_LABEL (dt_test_child (widget, type, name)));
}

void
dt_test_type_into (gpointer    widget,
                   GType       type,
                   const char *name,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (dt_test_child (widget, type, name)), text);
}

void
dt_test_click (gpointer    widget,
               GType       type,
               const char *name)
{
  gtk_widget_activate (dt_test_child (widget, type, name));
}

const char *
dt_test_editable_text (gpointer    widget,
                       GType       type,
                       const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (dt_test_child (widget, type, name)));
}

const char *
dt_test_button_label (gpointer    widget,
                      GType       type,
                      const char *name)
{
  return gtk_button_get_label (GTK_BUTTON (dt_test_child (widget, type, name)));
}

gboolean
dt_test_is_button_labelled (GtkWidget     *widget,
                            gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

gboolean
dt_test_is_label_prefixed (GtkWidget     *widget,
                           gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

void
dt_test_click_response (gpointer    dialog,
                        const char *response)
{
  const char *label = adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog),
                                                             response);
  GtkWidget *button = dt_test_find_widget (GTK_WIDGET (dialog), dt_test_is_button_labelled,
                                           label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

gpointer
dt_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
toplevel_shown (gconstpointer type)
{
  return dt_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_gone (gconstpointer type)
{
  return dt_test_find_toplevel (GPOINTER_TO_SIZE (type)) == NULL;
}

gpointer
dt_test_wait_for_toplevel (GType type)
{
  dt_test_wait_until_at (toplevel_shown, GSIZE_TO_POINTER (type), g_type_name (type));
  return g_object_ref (dt_test_find_toplevel (type));
}

void
dt_test_wait_toplevel_gone (GType type)
{
  dt_test_wait_until_at (toplevel_gone, GSIZE_TO_POINTER (type), g_type_name (type));
}

static gboolean
only_ours (gconstpointer object)
{
  return G_OBJECT (object)->ref_count == 1;
}

/* Async work a window started (a keyring lookup) holds it until its callback has run. */
void
dt_test_assert_finalized_at (gpointer    object,
                             const char *where)
{
  g_autofree char *what = g_strdup_printf ("%s (%s)", where, G_OBJECT_TYPE_NAME (object));

  dt_test_wait_until_at (only_ours, object, what);
  g_assert_finalize_object (object);
}

GtkWidget *
dt_test_find_widget (GtkWidget     *root,
                     DtTestMatch    match,
                     gconstpointer  data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = dt_test_find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkWidget *
dt_test_find_row (gpointer    root,
                  const char *title)
{
  GtkWidget *row = dt_test_find_widget (GTK_WIDGET (root), is_row_titled, title);

  if (row == NULL)
    g_error ("no row titled “%s”", title);
  return row;
}

void
dt_test_gui_init (int    *argc,
                  char ***argv)
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (argc, argv, NULL);
  dt_application_bind_textdomain ();
}

/* The application ----------------------------------------------------------------- */

typedef struct {
  void (*ready) (void);
  void (*done) (void);
  gboolean ran;
} RunInApp;

static void
on_run_in_app_activate (GApplication *application,
                        RunInApp     *run)
{
  GtkWindow *window;

  if (run->ran)
    return;
  run->ran = TRUE;
  window = g_object_ref (dt_application_get_main_window (DT_APPLICATION (application)));
  dt_test_wait_until ((DtTestCondition) gtk_widget_get_mapped, window);
  if (run->ready != NULL)
    run->ready ();
  g_application_hold (application);
  if (g_test_run () != 0)
    g_error ("a test failed");
  if (run->done != NULL)
    run->done ();
  g_application_release (application);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

int
dt_test_run_in_app (DtApplication  *app,
                    void          (*ready) (void),
                    void          (*done) (void))
{
  char *argv[] = { "dialtone", "--no-network", NULL };
  RunInApp run = { ready, done, FALSE };
  int status;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_run_in_app_activate), &run);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_finalize_object (app);
  return status;
}

/* Entries, their rows and their connections ------------------------------------------- */

DtEntry *
dt_test_entry_named (DtApplication *app,
                     const char    *name)
{
  DtEntry *entry = dt_phonebook_lookup_by_name (dt_application_get_phonebook (app), name);

  g_assert_nonnull (entry);
  return entry;
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  name)
{
  DtEntry *entry;

  if (!DT_IS_ENTRY_ROW (widget))
    return FALSE;
  entry = dt_entry_row_get_entry (DT_ENTRY_ROW (widget));
  return entry != NULL && g_strcmp0 (dt_entry_get_name (entry), name) == 0;
}

GtkWidget *
dt_test_entry_row (gpointer    window,
                   const char *name)
{
  GtkWidget *row = dt_test_find_widget (GTK_WIDGET (window), is_row_of, name);

  g_assert_nonnull (row);
  return row;
}

DtConnection *
dt_test_connection_of (DtApplication *app,
                       const char    *name)
{
  return dt_dialer_lookup (dt_application_get_dialer (app),
                           dt_entry_get_uuid (dt_test_entry_named (app, name)));
}

typedef struct {
  DtApplication *app;
  const char *name;
  guint state;
} StateWanted;

static gboolean
state_is (gconstpointer data)
{
  const StateWanted *want = data;
  DtConnection *connection = dt_test_connection_of (want->app, want->name);

  return connection != NULL && dt_connection_get_state (connection) == want->state;
}

void
dt_test_wait_for_state_at (DtApplication *app,
                           const char    *name,
                           guint          state,
                           const char    *where)
{
  StateWanted want = { app, name, state };

  dt_test_wait_until_at (state_is, &want, where);
}

static gboolean
dialer_idle (gconstpointer app)
{
  return !dt_dialer_get_busy (dt_application_get_dialer ((DtApplication *) app));
}

void
dt_test_hang_up_all (DtApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "hang-up", g_variant_new_string (""));
  dt_test_wait_until (dialer_idle, app);
}

/* The keyring -------------------------------------------------------------------------- */

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
is_done (gconstpointer result)
{
  return *(GAsyncResult * const *) result != NULL;
}

char *
dt_test_keyring_password (DtEntry *entry)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_secrets_lookup_async (entry, NULL, on_done, &result);
  dt_test_wait_until (is_done, &result);
  return dt_secrets_lookup_finish (result, NULL);
}

void
dt_test_store_password (DtEntry    *entry,
                        const char *password)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_secrets_store_async (entry, password, NULL, on_done, &result);
  dt_test_wait_until (is_done, &result);
  g_assert_true (dt_secrets_store_finish (result, &error));
  g_assert_no_error (error);
}

/* States and the progress dialog's label ----------------------------------------------- */

static void
on_status_label_notify (GtkLabel *label)
{
  g_ptr_array_add (labels, g_strdup (gtk_label_get_label (label)));
}

static void
on_watched_label_finalized (gpointer  data,
                            GObject  *label)
{
  watched_label = NULL;
}

/* Runs after the session's handler, which updated the dialog: the dialog exists from the
 * first state on, and from then on every change of its label is recorded. */
static void
on_connection_state_changed (DtDialer     *dialer,
                             DtConnection *connection,
                             guint         state,
                             const char   *detail)
{
  DtProgressDialog *dialog = dt_test_find_toplevel (DT_TYPE_PROGRESS_DIALOG);

  g_array_append_val (states, state);
  if (dialog != NULL && watched_label == NULL)
    {
      watched_label = dt_test_child (dialog, DT_TYPE_PROGRESS_DIALOG, "status_label");
      g_object_weak_ref (G_OBJECT (watched_label), on_watched_label_finalized, NULL);
      g_signal_connect (watched_label, "notify::label", G_CALLBACK (on_status_label_notify), NULL);
      on_status_label_notify (GTK_LABEL (watched_label));
    }
}

void
dt_test_record (DtApplication *app)
{
  states = g_array_new (FALSE, FALSE, sizeof (guint));
  labels = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_after (dt_application_get_dialer (app), "connection-state-changed",
                          G_CALLBACK (on_connection_state_changed), NULL);
}

void
dt_test_reset_records (void)
{
  g_array_set_size (states, 0);
  g_ptr_array_set_size (labels, 0);
  dt_test_forget_notifications ();
}

char *
dt_test_states_string (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    g_string_append_printf (s, "%s%u", i ? " " : "", g_array_index (states, guint, i));
  return g_string_free (s, FALSE);
}

guint
dt_test_count_states (guint state)
{
  guint n = 0;

  for (guint i = 0; i < states->len; i++)
    n += g_array_index (states, guint, i) == state;
  return n;
}

char *
dt_test_labels_string (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (labels, i));
  return g_string_free (s, FALSE);
}

gboolean
dt_test_label_shown (const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), text))
      return TRUE;
  return FALSE;
}

gboolean
dt_test_progress_label_is (const char *text)
{
  return watched_label != NULL &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (watched_label)), text) == 0;
}
