/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DtImportResult: what reading one file gave: its format, the proposed entries as a
 * GListModel of DtImportProposal (skipped ones included, so that they can be listed), the
 * notes about the file as a whole (lines that could not be read, sections that are no
 * entry, "this file holds no passwords"), and the devices the file named.  Nothing in it
 * touches the phonebook until dt_import_apply_async(). */
#pragma once

#include "dt-import-proposal.h"
#include "dt-import-text.h"
#include "dt-phonebook.h"

G_BEGIN_DECLS

typedef enum {
  DT_IMPORT_FORMAT_AUTO,
  DT_IMPORT_FORMAT_WVDIAL,
  DT_IMPORT_FORMAT_KPPP,
  DT_IMPORT_FORMAT_PBK,
} DtImportFormat;

#define DT_TYPE_IMPORT_RESULT (dt_import_result_get_type ())

G_DECLARE_FINAL_TYPE (DtImportResult, dt_import_result, DT, IMPORT_RESULT, GObject)

DtImportResult *dt_import_result_new              (DtImportFormat      format);
DtImportFormat  dt_import_result_get_format       (DtImportResult     *self);
const char     *dt_import_result_get_source       (DtImportResult     *self);
void            dt_import_result_set_source       (DtImportResult     *self,
                                                   const char         *source);
DtImportEncoding dt_import_result_get_encoding    (DtImportResult     *self);
void            dt_import_result_set_encoding     (DtImportResult     *self,
                                                   DtImportEncoding    encoding);

GListModel     *dt_import_result_get_proposals    (DtImportResult     *self);
void            dt_import_result_add              (DtImportResult     *self,
                                                   DtImportProposal   *proposal);
guint           dt_import_result_count_importable (DtImportResult     *self);
guint           dt_import_result_count_selected   (DtImportResult     *self);

GPtrArray      *dt_import_result_get_notes        (DtImportResult     *self);
void            dt_import_result_note             (DtImportResult     *self,
                                                   guint               line,
                                                   const char         *key,
                                                   const char         *value,
                                                   const char         *message);
void            dt_import_result_take_notes       (DtImportResult     *self,
                                                   GPtrArray          *notes);

const char * const *dt_import_result_get_devices  (DtImportResult     *self);
void            dt_import_result_add_device       (DtImportResult     *self,
                                                   const char         *device);

void            dt_import_result_assign_names     (DtImportResult     *self,
                                                   DtPhonebook        *phonebook);

const char     *dt_import_format_to_string        (DtImportFormat      format);
gboolean        dt_import_format_from_string      (const char         *text,
                                                   DtImportFormat     *format);
const char     *dt_import_format_describe         (DtImportFormat      format);

G_END_DECLS
