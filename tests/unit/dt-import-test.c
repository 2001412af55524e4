/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers of the import tests (see dt-import-test.h). */

#include "config.h"

#include "dt-import-test.h"

char *
dt_import_test_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "unit", "import", name, NULL);
}

DtImportResult *
dt_import_test_read (const char     *name,
                     DtImportFormat  format)
{
  g_autofree char *path = dt_import_test_path (name);
  g_autoptr (GError) error = NULL;
  DtImportResult *result = dt_import_read_file (path, format, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The proposal whose entry is called @name, which must exist; borrowed from @result. */
DtImportProposal *
dt_import_test_proposal (DtImportResult *result,
                         const char     *name)
{
  GListModel *proposals = dt_import_result_get_proposals (result);

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);

      if (g_str_equal (dt_entry_get_name (dt_import_proposal_get_entry (p)), name))
        return p;
    }
  g_error ("no proposal named %s", name);
}

char *
dt_import_test_notes (GPtrArray *notes)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      const DtImportNote *n = g_ptr_array_index (notes, i);

      g_string_append_printf (out, "%s%s%u %s", i > 0 ? ", " : "", n->lost ? "!" : "", n->line,
                              n->key != NULL ? n->key : "-");
    }
  return g_string_free (out, FALSE);
}

/* The message of the note about @key on @line, which must exist. */
const char *
dt_import_test_reason (GPtrArray  *notes,
                       guint       line,
                       const char *key)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const DtImportNote *n = g_ptr_array_index (notes, i);

      if (n->line == line && g_strcmp0 (n->key, key) == 0)
        return n->message;
    }
  g_error ("no note about %s on line %u", key, line);
}

char *
dt_import_test_strv (const char * const *list)
{
  return g_strjoinv ("|", (char **) list);
}
