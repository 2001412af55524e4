/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a file to import: its bytes (at most DT_IMPORT_MAX_FILE_SIZE of them, whatever
 * the file says its size is), its text, its format, then the reader for that format.  The
 * format is known from what the file holds ([Dialer …] sections, [Account0], MEDIA= lines),
 * and only when the text says nothing from its name. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dt-import.h"
#include "dt-import-readers.h"

#define READ_CHUNK 65536

static gboolean
is_dialer (const char *name)
{
  return g_ascii_strncasecmp (name, "dialer ", 7) == 0;
}

static gboolean
is_kppp_group (const char *name)
{
  const char *digits = NULL;

  if (g_str_has_prefix (name, "Account"))
    digits = name + 7;
  else if (g_str_has_prefix (name, "Modem"))
    digits = name + 5;
  if (digits == NULL || *digits == '\0')
    return FALSE;
  for (; *digits != '\0'; digits++)
    if (!g_ascii_isdigit (*digits))
      return FALSE;
  return TRUE;
}

static gboolean
has_pbk_lines (const DtImportText *text)
{
  for (guint i = 0; i < text->lines->len; i++)
    {
      const char *line = g_array_index (text->lines, DtImportLine, i).text;

      if (g_str_has_prefix (line, "MEDIA=") || g_str_has_prefix (line, "DEVICE="))
        return TRUE;
    }
  return FALSE;
}

static DtImportFormat
format_from_name (const char *name)
{
  g_autofree char *base = name != NULL ? g_path_get_basename (name) : NULL;
  g_autofree char *lower = base != NULL ? g_ascii_strdown (base, -1) : NULL;

  if (lower == NULL)
    return DT_IMPORT_FORMAT_AUTO;
  if (strstr (lower, "wvdial") != NULL)
    return DT_IMPORT_FORMAT_WVDIAL;
  if (strstr (lower, "kppp") != NULL)
    return DT_IMPORT_FORMAT_KPPP;
  if (g_str_has_suffix (lower, ".pbk"))
    return DT_IMPORT_FORMAT_PBK;
  return DT_IMPORT_FORMAT_AUTO;
}

/**
 * dt_import_detect_format:
 * @text: a decoded file
 * @name: (nullable): its name
 *
 * Returns: the format the text is in, or DT_IMPORT_FORMAT_AUTO when it is in none
 */
DtImportFormat
dt_import_detect_format (const DtImportText *text,
                         const char         *name)
{
  g_autoptr (DtImportIni) ini = dt_import_ini_parse (text, "#;");

  if (dt_import_ini_has_section (ini, is_dialer))
    return DT_IMPORT_FORMAT_WVDIAL;
  if (dt_import_ini_has_section (ini, is_kppp_group))
    return DT_IMPORT_FORMAT_KPPP;
  if (has_pbk_lines (text))
    return DT_IMPORT_FORMAT_PBK;
  return format_from_name (name);
}

/* Nothing but white space, or nothing at all. */
static gboolean
is_blank (const DtImportText *text)
{
  for (guint i = 0; i < text->lines->len; i++)
    {
      const char *line = g_array_index (text->lines, DtImportLine, i).text;

      for (; *line != '\0'; line++)
        if (!g_ascii_isspace (*line))
          return FALSE;
    }
  return TRUE;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const DtImportNote *x = *(DtImportNote **) a, *y = *(DtImportNote **) b;

  return (x->line > y->line) - (x->line < y->line);
}

/* The message for a file of @format in which no entry could be read. */
static void
set_nothing_error (DtImportResult  *result,
                   GError         **error)
{
  GPtrArray *notes = dt_import_result_get_notes (result);
  g_autofree char *first = notes->len > 0 ? dt_import_note_format (notes->pdata[0]) : NULL;
  const char *what;

  switch (dt_import_result_get_format (result))
    {
    case DT_IMPORT_FORMAT_WVDIAL:
      what = _("No dialer in this wvdial configuration: it has no [Dialer …] section");
      break;
    case DT_IMPORT_FORMAT_KPPP:
      what = _("No account in this kppp configuration: it has no [Account0] group");
      break;
    case DT_IMPORT_FORMAT_PBK:
    default:
      what = _("No entry in this Windows phonebook: it has no [Entry name] section with MEDIA= "
               "and DEVICE= lines");
      break;
    }
  if (first != NULL)
    g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING, "%s (%s)", what, first);
  else
    g_set_error_literal (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_NOTHING, what);
}

/**
 * dt_import_read_data:
 * @data: the file's bytes
 * @length: their number
 * @name: (nullable): the file's name, for the summary and to tell the format apart
 * @format: the format, or DT_IMPORT_FORMAT_AUTO to tell it from the text
 * @error: a DT_IMPORT_ERROR
 *
 * Returns: (transfer full) (nullable): the proposals, or NULL when the file cannot be read
 *   or holds no entry at all
 */
DtImportResult *
dt_import_read_data (const guint8    *data,
                     gsize            length,
                     const char      *name,
                     DtImportFormat   format,
                     GError         **error)
{
  g_autoptr (DtImportText) text = NULL;
  g_autoptr (DtImportResult) result = NULL;

  text = dt_import_text_decode (data, length, error);
  if (text == NULL)
    return NULL;
  if (is_blank (text))
    {
      g_set_error_literal (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("The file is empty"));
      return NULL;
    }
  if (format == DT_IMPORT_FORMAT_AUTO)
    format = dt_import_detect_format (text, name);
  switch (format)
    {
    case DT_IMPORT_FORMAT_WVDIAL:
      result = dt_import_wvdial_read (text);
      break;
    case DT_IMPORT_FORMAT_KPPP:
      result = dt_import_kppp_read (text);
      break;
    case DT_IMPORT_FORMAT_PBK:
      result = dt_import_pbk_read (text);
      break;
    case DT_IMPORT_FORMAT_AUTO:
    default:
      g_set_error_literal (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a wvdial configuration, a kppp configuration or a "
                             "Windows phonebook: it has no [Dialer …], [Account0] or MEDIA= "
                             "lines"));
      return NULL;
    }
  dt_import_result_set_source (result, name);
  g_ptr_array_sort (dt_import_result_get_notes (result), compare_notes);
  if (g_list_model_get_n_items (dt_import_result_get_proposals (result)) == 0)
    {
      set_nothing_error (result, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* At most DT_IMPORT_MAX_FILE_SIZE + 1 bytes: a bigger file (or /dev/zero) is found out
 * without reading it all. */
static GBytes *
read_bounded (const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  while (bytes->len <= DT_IMPORT_MAX_FILE_SIZE)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                      cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The path as people write it: "~/.wvdialrc". */
static char *
display_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *home = g_filename_display_name (g_get_home_dir ());
  gsize n = strlen (home);

  if (n > 1 && strncmp (display, home, n) == 0 && display[n] == '/')
    return g_strconcat ("~", display + n, NULL);
  return g_steal_pointer (&display);
}

/**
 * dt_import_read_file:
 * @path: the file
 * @format: its format, or DT_IMPORT_FORMAT_AUTO
 *
 * Returns: (transfer full) (nullable): see dt_import_read_data()
 */
DtImportResult *
dt_import_read_file (const char     *path,
                     DtImportFormat  format,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *display = NULL;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  display = display_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s is a folder, not a file"),
                   display);
      return NULL;
    }
  if (g_file_info_get_size (info) > DT_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_set_error (error, DT_IMPORT_ERROR, DT_IMPORT_ERROR_TOO_LARGE,
                   _("The file is %s: no dial-up configuration is larger than 4 MB"), size);
      return NULL;
    }
  bytes = read_bounded (path, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return dt_import_read_data (data, length, display, format, error);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  DtImportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "format"));
  GError *error = NULL;
  DtImportResult *result = dt_import_read_file (path, format, cancellable, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* The same as dt_import_read_file(), in a thread: the GUI's main loop never waits on a
 * slow disk or a network folder. */
void
dt_import_read_file_async (const char          *path,
                           DtImportFormat       format,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, dt_import_read_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "format", GUINT_TO_POINTER (format));
  g_task_run_in_thread (task, read_in_thread);
}

DtImportResult *
dt_import_read_file_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dt_import_candidate_free (DtImportCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->path);
  g_free (candidate);
}

static void
add_candidate (GPtrArray      *candidates,
               char           *path,
               DtImportFormat  format)
{
  DtImportCandidate *candidate;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_access (path, R_OK) != 0)
    {
      g_free (path);
      return;
    }
  candidate = g_new0 (DtImportCandidate, 1);
  candidate->path = path;
  candidate->format = format;
  g_ptr_array_add (candidates, candidate);
}

/**
 * dt_import_find_candidates:
 * @sysconfdir: where /etc/wvdial.conf is ("/etc"; tests give another folder)
 *
 * Returns: (transfer full) (element-type DtImportCandidate): the readable files in the
 *   places wvdial and kppp keep their configuration
 */
GPtrArray *
dt_import_find_candidates (const char *sysconfdir)
{
  GPtrArray *candidates =
    g_ptr_array_new_with_free_func ((GDestroyNotify) dt_import_candidate_free);
  const char *home = g_get_home_dir ();

  add_candidate (candidates, g_build_filename (sysconfdir, "wvdial.conf", NULL),
                 DT_IMPORT_FORMAT_WVDIAL);
  add_candidate (candidates, g_build_filename (home, ".wvdialrc", NULL), DT_IMPORT_FORMAT_WVDIAL);
  add_candidate (candidates, g_build_filename (g_get_user_config_dir (), "kppprc", NULL),
                 DT_IMPORT_FORMAT_KPPP);
  add_candidate (candidates, g_build_filename (home, ".kde", "share", "config", "kppprc", NULL),
                 DT_IMPORT_FORMAT_KPPP);
  add_candidate (candidates, g_build_filename (home, ".kde4", "share", "config", "kppprc", NULL),
                 DT_IMPORT_FORMAT_KPPP);
  return candidates;
}
