/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportResult (see dt-import-result.h). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-import-result.h"

struct _DtImportResult
{
  GObject parent_instance;

  DtImportFormat format;
  DtImportEncoding encoding;
  char *source;
  GListStore *proposals;
  GPtrArray *notes;          /* DtImportNote */
  GPtrArray *devices;        /* char *, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (DtImportResult, dt_import_result, G_TYPE_OBJECT)

static void
dt_import_result_finalize (GObject *object)
{
  DtImportResult *self = DT_IMPORT_RESULT (object);

  g_free (self->source);
  g_clear_object (&self->proposals);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->devices);

  G_OBJECT_CLASS (dt_import_result_parent_class)->finalize (object);
}

static void
dt_import_result_class_init (DtImportResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dt_import_result_finalize;
}

static void
dt_import_result_init (DtImportResult *self)
{
  self->proposals = g_list_store_new (DT_TYPE_IMPORT_PROPOSAL);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_import_note_free);
  self->devices = g_ptr_array_new_null_terminated (1, g_free, TRUE);
}

DtImportResult *
dt_import_result_new (DtImportFormat format)
{
  DtImportResult *self = g_object_new (DT_TYPE_IMPORT_RESULT, NULL);

  self->format = format;
  return self;
}

DtImportFormat
dt_import_result_get_format (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), DT_IMPORT_FORMAT_AUTO);
  return self->format;
}

/* The file, as the summary names it: "~/.wvdialrc". */
const char *
dt_import_result_get_source (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), NULL);
  return self->source;
}

void
dt_import_result_set_source (DtImportResult *self,
                             const char     *source)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));

  g_free (self->source);
  self->source = g_strdup (source);
}

DtImportEncoding
dt_import_result_get_encoding (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), DT_IMPORT_ENCODING_UTF8);
  return self->encoding;
}

void
dt_import_result_set_encoding (DtImportResult   *self,
                               DtImportEncoding  encoding)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));
  self->encoding = encoding;
}

/**
 * dt_import_result_get_proposals:
 *
 * Returns: (transfer none): a GListModel of #DtImportProposal, in the file's order
 */
GListModel *
dt_import_result_get_proposals (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), NULL);
  return G_LIST_MODEL (self->proposals);
}

void
dt_import_result_add (DtImportResult   *self,
                      DtImportProposal *proposal)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));
  g_return_if_fail (DT_IS_IMPORT_PROPOSAL (proposal));

  g_list_store_append (self->proposals, proposal);
}

static guint
count (DtImportResult *self,
       gboolean        selected_only)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->proposals)); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (G_LIST_MODEL (self->proposals), i);

      if (dt_import_proposal_get_kind (p) == DT_IMPORT_KIND_SKIPPED)
        continue;
      if (!selected_only || dt_import_proposal_get_selected (p))
        n++;
    }
  return n;
}

/* Proposals that are not skipped. */
guint
dt_import_result_count_importable (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), 0);
  return count (self, FALSE);
}

guint
dt_import_result_count_selected (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), 0);
  return count (self, TRUE);
}

/**
 * dt_import_result_get_notes:
 *
 * Returns: (transfer none) (element-type DtImportNote): the notes about the file itself
 */
GPtrArray *
dt_import_result_get_notes (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), NULL);
  return self->notes;
}

void
dt_import_result_note (DtImportResult *self,
                       guint           line,
                       const char     *key,
                       const char     *value,
                       const char     *message)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));

  g_ptr_array_add (self->notes, dt_import_note_new (line, key, value, message));
}

/* Appends the notes of @notes (a reader's tokenizer problems), leaving @notes empty. */
void
dt_import_result_take_notes (DtImportResult *self,
                             GPtrArray      *notes)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));

  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (self->notes, dt_import_note_copy (g_ptr_array_index (notes, i)));
  g_ptr_array_set_size (notes, 0);
}

/* The Linux devices the file named (kppp's other modems), for the preview's chooser. */
const char * const *
dt_import_result_get_devices (DtImportResult *self)
{
  g_return_val_if_fail (DT_IS_IMPORT_RESULT (self), NULL);
  return (const char * const *) self->devices->pdata;
}

void
dt_import_result_add_device (DtImportResult *self,
                             const char     *device)
{
  g_return_if_fail (DT_IS_IMPORT_RESULT (self));

  if (device == NULL || device[0] == '\0' ||
      g_strv_contains ((const char * const *) self->devices->pdata, device))
    return;
  g_ptr_array_add (self->devices, g_strdup (device));
}

static gboolean
name_taken (GHashTable  *taken,
            DtPhonebook *phonebook,
            const char  *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_hash_table_contains (taken, folded) ||
         (phonebook != NULL && dt_phonebook_lookup_by_name (phonebook, name) != NULL);
}

/**
 * dt_import_result_assign_names:
 * @self: a result
 * @phonebook: (nullable): the phonebook the entries go to
 *
 * Gives each selected proposal the name it will be saved under: its own, or "Office (2)"
 * when the phonebook or an earlier proposal has it already.  Unselected proposals get their
 * own name back.
 */
void
dt_import_result_assign_names (DtImportResult *self,
                               DtPhonebook    *phonebook)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *model;

  g_return_if_fail (DT_IS_IMPORT_RESULT (self));

  model = G_LIST_MODEL (self->proposals);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (model, i);
      const char *base = dt_entry_get_name (dt_import_proposal_get_entry (p));
      g_autofree char *name = g_strdup (base);

      if (!dt_import_proposal_get_selected (p))
        {
          dt_import_proposal_set_import_name (p, NULL);
          continue;
        }
      for (guint n = 2; name_taken (taken, phonebook, name); n++)
        {
          g_free (name);
          /* Translators: a name made unique, such as "Work (2)". */
          name = g_strdup_printf (_("%s (%u)"), base, n);
        }
      g_hash_table_add (taken, g_utf8_casefold (name, -1));
      dt_import_proposal_set_import_name (p, name);
    }
}

static const char * const format_names[] = {
  [DT_IMPORT_FORMAT_AUTO] = "auto",
  [DT_IMPORT_FORMAT_WVDIAL] = "wvdial",
  [DT_IMPORT_FORMAT_KPPP] = "kppp",
  [DT_IMPORT_FORMAT_PBK] = "pbk",
};

const char *
dt_import_format_to_string (DtImportFormat format)
{
  g_return_val_if_fail (format <= DT_IMPORT_FORMAT_PBK, NULL);
  return format_names[format];
}

gboolean
dt_import_format_from_string (const char     *text,
                              DtImportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (text, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

/* The format as people call it: "wvdial configuration", "Windows phonebook". */
const char *
dt_import_format_describe (DtImportFormat format)
{
  switch (format)
    {
    case DT_IMPORT_FORMAT_WVDIAL:
      return _("wvdial configuration");
    case DT_IMPORT_FORMAT_KPPP:
      return _("kppp configuration");
    case DT_IMPORT_FORMAT_PBK:
      return _("Windows phonebook");
    case DT_IMPORT_FORMAT_AUTO:
    default:
      return _("unknown format");
    }
}
