/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Applying an import (see dt-import-apply.h).  The order is what makes it all or nothing:
 * every entry is checked, then the passwords are stored one after the other (each entry
 * remembers its password only once the keyring has it), then the phonebook is written
 * once; if that write fails, the stored passwords are cleared again before the error is
 * returned. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-apply.h"
#include "dt-secrets.h"
#include "dt-wipe.h"

typedef struct {
  DtPhonebook *phonebook;
  GPtrArray *entries;          /* DtEntry, ready to save */
  GPtrArray *passwords;        /* char * or NULL, one per entry */
  GPtrArray *stored;           /* uuids of the passwords stored so far */
  guint next;
  GError *error;               /* the failure being rolled back */
  DtImportSummary *summary;
} Apply;

static void
apply_free (gpointer data)
{
  Apply *a = data;

  g_clear_object (&a->phonebook);
  g_ptr_array_unref (a->entries);
  g_ptr_array_unref (a->passwords);
  g_ptr_array_unref (a->stored);
  g_clear_error (&a->error);
  dt_import_summary_free (a->summary);
  g_free (a);
}

void
dt_import_summary_free (DtImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->source);
  g_ptr_array_unref (summary->names);
  g_ptr_array_unref (summary->renamed);
  g_ptr_array_unref (summary->passwords);
  g_ptr_array_unref (summary->no_password);
  g_free (summary->keyring_error);
  g_free (summary);
}

static DtImportSummary *
summary_new (DtImportResult *result)
{
  DtImportSummary *summary = g_new0 (DtImportSummary, 1);

  summary->source = g_strdup (dt_import_result_get_source (result));
  summary->format = dt_import_result_get_format (result);
  summary->names = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  summary->renamed = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  summary->passwords = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  summary->no_password = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  return summary;
}

/* The entries to save, or FALSE with the first proposal that cannot be saved. */
static gboolean
prepare (Apply           *a,
         DtImportResult  *result,
         GError         **error)
{
  GListModel *proposals = dt_import_result_get_proposals (result);

  dt_import_result_assign_names (result, a->phonebook);
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);
      g_autofree char *problem = NULL;
      const char *name = dt_import_proposal_get_import_name (p);
      const char *own = dt_entry_get_name (dt_import_proposal_get_entry (p));
      DtEntry *entry;

      if (!dt_import_proposal_get_selected (p))
        continue;
      problem = dt_import_proposal_check (p);
      if (problem != NULL)
        {
          /* Translators: an entry's name, its line in the imported file, and why it cannot
           * be saved. */
          g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_FAILED, _("“%s” (line %u): %s"),
                       name, dt_import_proposal_get_line (p), problem);
          return FALSE;
        }
      entry = dt_entry_copy (dt_import_proposal_get_entry (p));
      dt_entry_set_name (entry, name);
      g_ptr_array_add (a->entries, entry);
      g_ptr_array_add (a->passwords, g_strdup (dt_import_proposal_get_password (p)));
      g_ptr_array_add (a->summary->names, g_strdup (name));
      if (!g_str_equal (name, own))
        {
          g_ptr_array_add (a->summary->renamed, g_strdup (own));
          g_ptr_array_add (a->summary->renamed, g_strdup (name));
        }
    }
  if (a->entries->len == 0)
    {
      g_set_error_literal (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING,
                           _("No entry is chosen to import"));
      return FALSE;
    }
  return TRUE;
}

static void store_next (GTask *task);

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Apply *a = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!dt_secrets_clear_finish (result, &error))
    g_debug ("import: a password stays in the keyring: %s", error->message);
  g_ptr_array_remove_index (a->stored, a->stored->len - 1);
  if (a->stored->len > 0)
    {
      dt_secrets_clear_async (g_ptr_array_index (a->stored, a->stored->len - 1), NULL,
                              on_cleared, g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, g_steal_pointer (&a->error));
}

/* Takes the stored passwords back out of the keyring, then fails with @error. */
static void
roll_back (GTask  *task,
           GError *error)
{
  Apply *a = g_task_get_task_data (task);

  a->error = error;
  if (a->stored->len == 0)
    {
      g_task_return_error (task, g_steal_pointer (&a->error));
      return;
    }
  /* Not the task's cancellable: the clearing must happen even after Cancel. */
  dt_secrets_clear_async (g_ptr_array_index (a->stored, a->stored->len - 1), NULL, on_cleared,
                          g_object_ref (task));
}

static void
commit (GTask *task)
{
  Apply *a = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!dt_phonebook_commit_all (a->phonebook, a->entries, &error))
    {
      roll_back (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&a->summary),
                         (GDestroyNotify) dt_import_summary_free);
}

/* The keyring refused: the entry asks for its password, and so does every entry after it
 * when there is no keyring at all. */
static void
no_password (Apply    *a,
             guint     index,
             GError   *error)
{
  DtEntry *entry = g_ptr_array_index (a->entries, index);

  dt_entry_set_remember_password (entry, FALSE);
  dt_entry_set_prompt_credentials (entry, TRUE);
  g_ptr_array_add (a->summary->no_password, g_strdup (dt_entry_get_name (entry)));
  if (a->summary->keyring_error == NULL)
    a->summary->keyring_error = g_strdup (error->message);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Apply *a = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  DtEntry *entry = g_ptr_array_index (a->entries, a->next);

  if (dt_secrets_store_finish (result, &error))
    {
      g_ptr_array_add (a->stored, g_strdup (dt_entry_get_uuid (entry)));
      g_ptr_array_add (a->summary->passwords, g_strdup (dt_entry_get_name (entry)));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      roll_back (task, g_steal_pointer (&error));
      return;
    }
  else
    {
      no_password (a, a->next, error);
      if (g_error_matches (error, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING))
        for (guint i = a->next + 1; i < a->entries->len; i++)
          if (g_ptr_array_index (a->passwords, i) != NULL)
            {
              no_password (a, i, error);
              g_clear_pointer (&g_ptr_array_index (a->passwords, i), dt_wipe_free);
            }
    }
  a->next++;
  store_next (g_steal_pointer (&task));
}

static void
store_next (GTask *task)
{
  Apply *a = g_task_get_task_data (task);

  while (a->next < a->entries->len && g_ptr_array_index (a->passwords, a->next) == NULL)
    a->next++;
  if (a->next == a->entries->len)
    {
      commit (task);
      g_object_unref (task);
      return;
    }
  dt_secrets_store_async (g_ptr_array_index (a->entries, a->next),
                          g_ptr_array_index (a->passwords, a->next),
                          g_task_get_cancellable (task), on_stored, task);
}

/**
 * dt_import_apply_async:
 * @result: proposals, some selected
 * @phonebook: the phonebook to add them to
 *
 * Adds the selected proposals as new entries (see the file's comment).
 */
void
dt_import_apply_async (DtImportResult      *result,
                       DtPhonebook         *phonebook,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;
  Apply *a;
  GError *error = NULL;

  g_return_if_fail (DT_IS_IMPORT_RESULT (result));
  g_return_if_fail (DT_IS_PHONEBOOK (phonebook));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dt_import_apply_async);
  a = g_new0 (Apply, 1);
  a->phonebook = g_object_ref (phonebook);
  a->entries = g_ptr_array_new_with_free_func (g_object_unref);
  a->passwords = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_wipe_free);
  a->stored = g_ptr_array_new_with_free_func (g_free);
  a->summary = summary_new (result);
  g_task_set_task_data (task, a, apply_free);

  if (!prepare (a, result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  store_next (task);
}

/**
 * dt_import_apply_finish:
 *
 * Returns: (transfer full) (nullable): what was imported, or NULL (nothing changed)
 */
DtImportSummary *
dt_import_apply_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The names a summary lists; a long list ends "and 990 more". */
#define MAX_NAMES_SAID 10

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len && i < MAX_NAMES_SAID; i++)
    /* Translators: one name in a list of entries, quoted. */
    g_string_append_printf (out, i > 0 ? _(", “%s”") : _("“%s”"),
                            (const char *) g_ptr_array_index (names, i));
  if (names->len > MAX_NAMES_SAID)
    {
      guint more = names->len - MAX_NAMES_SAID;

      /* Translators: the end of a list of names cut short. */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                more), more);
    }
  return g_string_free (out, FALSE);
}

/**
 * dt_import_summary_format:
 *
 * Returns: (transfer full): what the import did, in sentences, one a line: the entries
 *   added, the ones renamed, where the passwords went and what to do about the old file
 */
char *
dt_import_summary_format (const DtImportSummary *summary)
{
  GString *out = g_string_new (NULL);
  g_autofree char *names = join_names (summary->names);
  const char *source = summary->source != NULL ? summary->source : _("the file");

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Imported %u entry from %s: %s.",
                                            "Imported %u entries from %s: %s.",
                                            summary->names->len),
                          summary->names->len, source, names);
  g_string_append_c (out, '\n');
  for (guint i = 0; i + 1 < summary->renamed->len; i += 2)
    {
      g_string_append_printf (out, _("The phonebook already had “%s”: the new entry is called "
                                     "“%s”."),
                              (const char *) g_ptr_array_index (summary->renamed, i),
                              (const char *) g_ptr_array_index (summary->renamed, i + 1));
      g_string_append_c (out, '\n');
    }
  if (summary->passwords->len > 0)
    {
      g_autofree char *with = join_names (summary->passwords);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "The password of %s is in your keyring now, "
                                                "not in phonebook.ini. Dialtone never changes "
                                                "%s: remove the password from it yourself.",
                                                "The passwords of %s are in your keyring now, "
                                                "not in phonebook.ini. Dialtone never changes "
                                                "%s: remove the passwords from it yourself.",
                                                summary->passwords->len),
                              with, source);
      g_string_append_c (out, '\n');
    }
  if (summary->no_password->len > 0)
    {
      g_autofree char *without = join_names (summary->no_password);

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "The password of %s could not go to the keyring "
                                                "(%s): type it when you connect. It was not "
                                                "written anywhere else.",
                                                "The passwords of %s could not go to the "
                                                "keyring (%s): type them when you connect. They "
                                                "were not written anywhere else.",
                                                summary->no_password->len),
                              without, summary->keyring_error);
      g_string_append_c (out, '\n');
    }
  if (summary->format == DT_IMPORT_FORMAT_PBK)
    {
      g_string_append (out, _("A Windows phonebook holds no passwords: Dialtone asks for each "
                              "one when you first connect."));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
