/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login script in the entry editor: a script several lines long can be typed, every
 * wrong line is underlined and listed with its number, Save stays off until the script is
 * right, $PASSWORD is wrong once the entry requires encryption, and the text (newlines and
 * all) is what Save keeps in the phonebook. */

#include "config.h"

#include <glib/gstdio.h>

#include "dt-entry-editor.h"
#include "dt-login-script-editor.h"
#include "dt-resources.h"

#define SCRIPT "timeout 20\nabort \"Login incorrect\"\nexpect \"login:\"\nsend \"$USER\"\n" \
               "expect \"Password:\"\nsend \"$PASSWORD\"\n"

static void
type_text (DtLoginScriptEditor *editor,
           const char          *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dt_login_script_editor_get_view (editor));
  GtkTextIter end;

  /* What typing does: insertions at the cursor, a character at a time. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
    }
}

static gboolean
line_underlined (DtLoginScriptEditor *editor,
                 int                  line)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (dt_login_script_editor_get_view (editor));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "error");
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line - 1);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
test_widget (void)
{
  GtkWidget *window = gtk_window_new ();
  DtLoginScriptEditor *editor = DT_LOGIN_SCRIPT_EDITOR (dt_login_script_editor_new ());
  guint notified = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect_swapped (editor, "notify::text", G_CALLBACK (g_atomic_int_inc), &notified);

  type_text (editor, "expect login:\nsned $USER\n\ntimeout soon\n");
  g_assert_cmpuint (notified, >, 0);
  g_assert_cmpstr (dt_login_script_editor_get_text (editor), ==,
                   "expect login:\nsned $USER\n\ntimeout soon\n");
  g_assert_cmpstr (dt_login_script_editor_get_problems (editor), ==,
                   "Line 2: unknown command “sned”: use expect, send, timeout, abort or pause\n"
                   "Line 4: “timeout” needs a number of seconds from 1 to 3600");
  g_assert_false (line_underlined (editor, 1));
  g_assert_true (line_underlined (editor, 2));
  g_assert_true (line_underlined (editor, 4));

  /* Set from outside (the entry): the text and the marks follow. */
  g_object_set (editor, "text", SCRIPT, NULL);
  g_assert_cmpstr (dt_login_script_editor_get_problems (editor), ==, "");
  g_assert_false (line_underlined (editor, 2));

  /* The entry now requires encryption: $PASSWORD is wrong. */
  g_object_set (editor, "password-allowed", FALSE, NULL);
  g_assert_cmpstr (dt_login_script_editor_get_problems (editor), ==,
                   "Line 6: $PASSWORD would go to the server unencrypted, and this connection "
                   "requires an encrypted password");
  g_assert_true (line_underlined (editor, 6));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_saved (DtEntryEditor *editor,
          gboolean      *saved)
{
  *saved = TRUE;
}

static void
test_in_entry_editor (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dialtone-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "phonebook.ini", NULL);
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (path);
  g_autoptr (DtEntry) entry = dt_entry_new ();
  g_autoptr (DtPhonebook) reloaded = NULL;
  g_autofree char *file = NULL;
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *window;
  DtLoginScriptEditor *script;
  GtkWidget *save;
  DtEntry *saved_entry;
  gboolean saved = FALSE;

  g_assert_true (dt_phonebook_load (phonebook, NULL));
  dt_entry_set_name (entry, "Text Login ISP");
  dt_entry_set_device (entry, "/dev/ttyS0");
  dt_entry_set_number (entry, "5550150");
  dt_entry_set_remember_password (entry, FALSE);   /* no keyring here */
  dt_phonebook_add (phonebook, entry);
  g_assert_true (dt_phonebook_save (phonebook, NULL));

  window = dt_entry_editor_new (GTK_WINDOW (parent), phonebook, entry);
  gtk_window_present (GTK_WINDOW (window));
  script = DT_LOGIN_SCRIPT_EDITOR (gtk_widget_get_template_child (window, DT_TYPE_ENTRY_EDITOR,
                                                                  "login_script_editor"));
  save = GTK_WIDGET (gtk_widget_get_template_child (window, DT_TYPE_ENTRY_EDITOR,
                                                    "save_button"));
  g_assert_true (gtk_widget_get_sensitive (save));

  type_text (script, "expect login:\nsned $USER\n");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (script)), ==,
                   "Line 2: unknown command “sned”: use expect, send, timeout, abort or pause");
  g_object_set (script, "text", SCRIPT, NULL);
  g_assert_true (gtk_widget_get_sensitive (save));

  /* Requiring encryption makes the script wrong, on its own line. */
  dt_entry_set_require_encryption (dt_entry_editor_get_entry (DT_ENTRY_EDITOR (window)), TRUE);
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (g_str_has_prefix (dt_login_script_editor_get_problems (script), "Line 6: "));
  dt_entry_set_require_encryption (dt_entry_editor_get_entry (DT_ENTRY_EDITOR (window)), FALSE);
  g_assert_true (gtk_widget_get_sensitive (save));

  g_signal_connect (window, "destroy", G_CALLBACK (on_saved), &saved);
  gtk_widget_activate (save);
  while (!saved)
    g_main_context_iteration (NULL, TRUE);

  /* The phonebook keeps the text itself, newlines and all. */
  saved_entry = dt_phonebook_lookup_by_name (phonebook, "Text Login ISP");
  g_assert_cmpstr (dt_entry_get_login_script (saved_entry), ==, SCRIPT);
  reloaded = dt_phonebook_new (path);
  g_assert_true (dt_phonebook_load (reloaded, NULL));
  g_assert_cmpstr (dt_entry_get_login_script (dt_phonebook_lookup_by_name (reloaded,
                                                                           "Text Login ISP")),
                   ==, SCRIPT);

  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_true (g_file_get_contents (path, &file, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dt_register_resource ();

  g_test_add_func ("/login-script-editor/widget", test_widget);
  g_test_add_func ("/login-script-editor/in-entry-editor", test_in_entry_editor);
  return g_test_run ();
}
