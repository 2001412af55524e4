/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer targets for the importers: one program per format (FUZZ_FORMAT is wvdial, kppp
 * or pbk), reading the input as that format only, so that each target spends its time in
 * its reader (the detection of the format runs on the same text; reading it as what was
 * detected is another target's work).  The readers must never crash or hang on any file,
 * whatever its bytes; what they propose must hang together (a skipped proposal has a reason
 * and is never selected; a note has a line within the file); and every entry that can be
 * saved, written back out with the exporter in either format, must read in again as one
 * entry.  The whole is in memory: no file, keyring or temporary folder. */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dt-export.h"
#include "dt-import.h"
#include "dt-import-text.h"

static void
check_notes (GPtrArray *notes,
             guint      n_lines)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const DtImportNote *note = g_ptr_array_index (notes, i);
      g_autofree char *text = dt_import_note_format (note);

      g_assert_cmpuint (note->line, <=, n_lines);
      g_assert_nonnull (note->message);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

static void
check_round_trip (DtEntry        *entry,
                  DtImportFormat  format)
{
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) bytes = dt_export_entry (entry, format, notes);
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) again = NULL;
  g_autoptr (DtImportProposal) p = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  again = dt_import_read_data (data, length, NULL, format, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dt_import_result_get_proposals (again)), ==, 1);
  p = g_list_model_get_item (dt_import_result_get_proposals (again), 0);
  g_assert_cmpint (dt_import_proposal_get_kind (p), ==, DT_IMPORT_KIND_ENTRY);
}

static void
check_result (DtImportResult *result,
              guint           n_lines)
{
  GListModel *proposals = dt_import_result_get_proposals (result);

  check_notes (dt_import_result_get_notes (result), n_lines);
  dt_import_result_assign_names (result, NULL);
  g_assert_cmpuint (dt_import_result_count_selected (result), <=,
                    dt_import_result_count_importable (result));
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);
      g_autofree char *problem = dt_import_proposal_check (p);

      check_notes (dt_import_proposal_get_mapped (p), n_lines);
      check_notes (dt_import_proposal_get_unmapped (p), n_lines);
      g_assert_cmpuint (dt_import_proposal_get_line (p), <=, n_lines);
      if (dt_import_proposal_get_kind (p) == DT_IMPORT_KIND_SKIPPED)
        {
          g_assert_nonnull (dt_import_proposal_get_skip_reason (p));
          g_assert_false (dt_import_proposal_get_selected (p));
          g_assert_null (dt_import_proposal_get_password (p));
          continue;
        }
      if (problem != NULL)
        continue;
      check_round_trip (dt_import_proposal_get_entry (p), DT_IMPORT_FORMAT_WVDIAL);
      check_round_trip (dt_import_proposal_get_entry (p), DT_IMPORT_FORMAT_PBK);
    }
}

/* The format the text says it is in: one of the four, whatever the bytes. */
static void
check_detection (const uint8_t *data,
                 size_t         size)
{
  g_autoptr (DtImportText) text = dt_import_text_decode (data, size, NULL);
  DtImportFormat format;

  if (text == NULL)
    return;
  format = dt_import_detect_format (text, "fuzz");
  g_assert_true (format == DT_IMPORT_FORMAT_AUTO || format == DT_IMPORT_FORMAT_WVDIAL ||
                 format == DT_IMPORT_FORMAT_KPPP || format == DT_IMPORT_FORMAT_PBK);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = NULL;
  guint n_lines = 1;

  for (size_t i = 0; i < size; i++)
    n_lines += data[i] == '\n' || data[i] == '\r';
  /* UTF-16 has twice the bytes, its line ends too. */
  n_lines *= 2;
  check_detection (data, size);
  result = dt_import_read_data (data, size, "fuzz", FUZZ_FORMAT, &error);
  if (result == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  check_result (result, n_lines);
  return 0;
}
