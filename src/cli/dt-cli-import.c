/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone-cli entry import FILE` and `dialtone-cli entry export NAME`.  Import prints the
 * preview (each proposed entry, what was mapped, what was not and why, with line numbers),
 * as text or one JSON object, and unless --dry-run adds the entries in one save, their
 * passwords to the keyring.  Exit 0 when something was imported (or would be), 1 when
 * nothing could be, 2 on a usage error.  Export writes an entry to stdout, never with its
 * password; what the format cannot say goes to stderr. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dt-cli.h"
#include "dt-cli-output.h"
#include "dt-export.h"
#include "dt-import.h"
#include "dt-import-apply.h"

/* Text --------------------------------------------------------------------------------- */

static void
print_notes (GPtrArray  *notes,
             const char *indent)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const DtImportNote *n = g_ptr_array_index (notes, i);
      g_autofree char *line = dt_import_note_format (n);

      printf ("%s%s%s%s%s\n", indent, n->lost ? "! " : "", line,
              n->value != NULL && n->value[0] != '\0' ? "  = " : "",
              n->value != NULL && n->value[0] != '\0' ? n->value : "");
    }
}

static void
print_setting (const char *label,
               const char *value)
{
  if (value != NULL && value[0] != '\0')
    printf ("  %-12s %s\n", label, value);
}

static void
print_proposal (DtImportProposal *p)
{
  DtEntry *e = dt_import_proposal_get_entry (p);
  g_autofree char *alternates = g_strjoinv (", ", (char **) dt_entry_get_alternates (e));
  g_autofree char *problem = dt_import_proposal_check (p);
  g_autofree char *speed = g_strdup_printf ("%u", dt_entry_get_speed (e));

  if (dt_import_proposal_get_kind (p) == DT_IMPORT_KIND_SKIPPED)
    {
      printf (_("Skipped “%s” ([%s], line %u): %s\n"), dt_entry_get_name (e),
              dt_import_proposal_get_source (p), dt_import_proposal_get_line (p),
              dt_import_proposal_get_skip_reason (p));
      return;
    }
  printf (_("Entry “%s” ([%s], line %u)%s\n"), dt_import_proposal_get_import_name (p),
          dt_import_proposal_get_source (p), dt_import_proposal_get_line (p),
          !dt_import_proposal_get_selected (p) ? _(": not imported") : "");
  if (dt_import_proposal_get_kind (p) == DT_IMPORT_KIND_MODIFIER)
    printf ("  %s\n", _("a variant of [Dialer Defaults]: choose it with --entry"));
  if (problem != NULL)
    printf (_("  cannot be imported as it is: %s\n"), problem);
  print_setting ("number", dt_entry_get_number (e));
  print_setting ("alternates", alternates);
  print_setting ("device", dt_entry_get_device (e)[0] != '\0' ? dt_entry_get_device (e)
                                                               : _("(ask: none given)"));
  print_setting ("device-hint", dt_import_proposal_get_device_hint (p));
  print_setting ("speed", speed);
  print_setting ("user", dt_entry_get_user (e));
  if (dt_import_proposal_get_password (p) != NULL)
    print_setting ("password", _("found: it goes to the keyring"));
  if (dt_import_proposal_get_mapped (p)->len > 0)
    {
      printf ("  %s\n", _("mapped:"));
      print_notes (dt_import_proposal_get_mapped (p), "    ");
    }
  if (dt_import_proposal_get_unmapped (p)->len > 0)
    {
      printf ("  %s\n", _("not imported (! marks a setting that had an effect):"));
      print_notes (dt_import_proposal_get_unmapped (p), "    ");
    }
}

static const char *
encoding_name (DtImportEncoding encoding)
{
  switch (encoding)
    {
    case DT_IMPORT_ENCODING_UTF8_BOM: return "UTF-8 (BOM)";
    case DT_IMPORT_ENCODING_UTF16_BOM: return "UTF-16 (BOM)";
    case DT_IMPORT_ENCODING_ANSI: return "Windows-1252";
    case DT_IMPORT_ENCODING_UTF8:
    default: return "UTF-8";
    }
}

static void
print_preview (DtImportResult *result)
{
  GListModel *proposals = dt_import_result_get_proposals (result);

  printf ("%s: %s (%s)\n", dt_import_format_describe (dt_import_result_get_format (result)),
          dt_import_result_get_source (result),
          encoding_name (dt_import_result_get_encoding (result)));
  print_notes (dt_import_result_get_notes (result), "");
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);

      printf ("\n");
      print_proposal (p);
    }
}

/* JSON --------------------------------------------------------------------------------- */

static void
json_string (GString    *out,
             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  escaped = dt_cli_json_escape (text);
  g_string_append_printf (out, "\"%s\"", escaped);
}

static void
json_strv (GString            *out,
           const char * const *list)
{
  g_string_append_c (out, '[');
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_string (out, list[i]);
    }
  g_string_append_c (out, ']');
}

static void
json_notes (GString   *out,
            GPtrArray *notes)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < notes->len; i++)
    {
      const DtImportNote *n = g_ptr_array_index (notes, i);

      g_string_append_printf (out, "%s{\"line\":%u,\"key\":", i > 0 ? "," : "", n->line);
      json_string (out, n->key);
      g_string_append (out, ",\"value\":");
      json_string (out, n->value);
      g_string_append (out, ",\"message\":");
      json_string (out, n->message);
      g_string_append_printf (out, ",\"lost\":%s}", n->lost ? "true" : "false");
    }
  g_string_append_c (out, ']');
}

/* Every setting of @entry, by property name: the enums by nick, the flags as a list. */
static void
json_settings (GString *out,
               DtEntry *entry)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;
  gboolean first = TRUE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (entry), &n);
  g_string_append_c (out, '{');
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;

      if (g_str_equal (pspecs[i]->name, "uuid") || type == G_TYPE_DATE_TIME)
        continue;
      g_value_init (&value, type);
      g_object_get_property (G_OBJECT (entry), pspecs[i]->name, &value);
      g_string_append_printf (out, "%s\"%s\":", first ? "" : ",", pspecs[i]->name);
      first = FALSE;
      if (type == G_TYPE_STRING)
        json_string (out, g_value_get_string (&value));
      else if (type == G_TYPE_STRV)
        json_strv (out, g_value_get_boxed (&value));
      else if (type == G_TYPE_BOOLEAN)
        g_string_append (out, g_value_get_boolean (&value) ? "true" : "false");
      else if (type == G_TYPE_UINT)
        g_string_append_printf (out, "%u", g_value_get_uint (&value));
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr (GEnumClass) klass = g_type_class_ref (type);

          json_string (out, g_enum_get_value (klass, g_value_get_enum (&value))->value_nick);
        }
      else if (G_TYPE_IS_FLAGS (type))
        {
          g_autoptr (GFlagsClass) klass = g_type_class_ref (type);
          g_autoptr (GStrvBuilder) nicks = g_strv_builder_new ();
          g_auto (GStrv) list = NULL;

          for (guint f = 0; f < klass->n_values; f++)
            if (g_value_get_flags (&value) & klass->values[f].value)
              g_strv_builder_add (nicks, klass->values[f].value_nick);
          list = g_strv_builder_end (nicks);
          json_strv (out, (const char * const *) list);
        }
      else
        g_string_append (out, "null");
    }
  g_string_append_c (out, '}');
}

static const char *
kind_name (DtImportKind kind)
{
  return kind == DT_IMPORT_KIND_ENTRY ? "entry" : kind == DT_IMPORT_KIND_MODIFIER ? "variant"
                                                                                  : "skipped";
}

static void
json_proposal (GString          *out,
               DtImportProposal *p)
{
  g_autofree char *problem = dt_import_proposal_check (p);

  g_string_append (out, "{\"name\":");
  json_string (out, dt_entry_get_name (dt_import_proposal_get_entry (p)));
  g_string_append (out, ",\"import_name\":");
  json_string (out, dt_import_proposal_get_import_name (p));
  g_string_append (out, ",\"source\":");
  json_string (out, dt_import_proposal_get_source (p));
  g_string_append_printf (out, ",\"line\":%u,\"kind\":\"%s\",\"selected\":%s,\"skip_reason\":",
                          dt_import_proposal_get_line (p),
                          kind_name (dt_import_proposal_get_kind (p)),
                          dt_import_proposal_get_selected (p) ? "true" : "false");
  json_string (out, dt_import_proposal_get_skip_reason (p));
  g_string_append (out, ",\"problem\":");
  json_string (out, dt_import_proposal_get_kind (p) == DT_IMPORT_KIND_SKIPPED ? NULL : problem);
  g_string_append_printf (out, ",\"has_password\":%s,\"needs_device\":%s,\"device_hint\":",
                          dt_import_proposal_get_password (p) != NULL ? "true" : "false",
                          dt_import_proposal_needs_device (p) ? "true" : "false");
  json_string (out, dt_import_proposal_get_device_hint (p));
  g_string_append (out, ",\"settings\":");
  json_settings (out, dt_import_proposal_get_entry (p));
  g_string_append (out, ",\"mapped\":");
  json_notes (out, dt_import_proposal_get_mapped (p));
  g_string_append (out, ",\"unmapped\":");
  json_notes (out, dt_import_proposal_get_unmapped (p));
  g_string_append_c (out, '}');
}

/* One object: the file, its notes, the proposals, and what was imported (null on a dry
 * run or when nothing was). */
static void
print_json (DtImportResult        *result,
            const DtImportSummary *summary)
{
  GListModel *proposals = dt_import_result_get_proposals (result);
  g_autoptr (GString) out = g_string_new ("{\"format\":");
  g_autofree char *text = summary != NULL ? dt_import_summary_format (summary) : NULL;

  json_string (out, dt_import_format_to_string (dt_import_result_get_format (result)));
  g_string_append (out, ",\"source\":");
  json_string (out, dt_import_result_get_source (result));
  g_string_append (out, ",\"encoding\":");
  json_string (out, encoding_name (dt_import_result_get_encoding (result)));
  g_string_append (out, ",\"notes\":");
  json_notes (out, dt_import_result_get_notes (result));
  g_string_append (out, ",\"entries\":[");
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);

      if (i > 0)
        g_string_append_c (out, ',');
      json_proposal (out, p);
    }
  g_string_append (out, "],\"imported\":");
  if (summary != NULL)
    {
      json_strv (out, (const char * const *) summary->names->pdata);
      g_string_append (out, ",\"passwords_in_keyring\":");
      json_strv (out, (const char * const *) summary->passwords->pdata);
      g_string_append (out, ",\"passwords_not_stored\":");
      json_strv (out, (const char * const *) summary->no_password->pdata);
    }
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"summary\":");
  json_string (out, text);
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

/* Import ------------------------------------------------------------------------------- */

/* Chooses what to import: the proposals named by --entry, or every entry that can be saved
 * as it is; sets --device where a proposal has none.  Returns how many are chosen. */
static guint
choose (DtImportResult     *result,
        const char * const *names,
        const char         *device)
{
  GListModel *proposals = dt_import_result_get_proposals (result);
  guint chosen = 0;

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);
      DtEntry *entry = dt_import_proposal_get_entry (p);
      g_autofree char *problem = NULL;

      if (device != NULL && dt_import_proposal_needs_device (p))
        dt_entry_set_device (entry, device);
      if (names != NULL)
        dt_import_proposal_set_selected (p, g_strv_contains (names, dt_entry_get_name (entry)));
      problem = dt_import_proposal_check (p);
      if (problem != NULL)
        dt_import_proposal_set_selected (p, FALSE);
      chosen += dt_import_proposal_get_selected (p);
    }
  return chosen;
}

static gboolean
check_names (DtImportResult     *result,
             const char * const *names)
{
  GListModel *proposals = dt_import_result_get_proposals (result);

  for (guint n = 0; names != NULL && names[n] != NULL; n++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (proposals) && !found; i++)
        {
          g_autoptr (DtImportProposal) p = g_list_model_get_item (proposals, i);

          found = g_str_equal (dt_entry_get_name (dt_import_proposal_get_entry (p)), names[n]);
        }
      if (!found)
        {
          fprintf (stderr, _("dialtone-cli: the file has no entry named “%s”\n"), names[n]);
          return FALSE;
        }
    }
  return TRUE;
}

int
dt_cli_entry_import (DtPhonebook *phonebook,
                     int          argc,
                     char       **argv)
{
  g_autofree char *format_name = NULL, *device = NULL;
  g_auto (GStrv) names = NULL;
  gboolean dry_run = FALSE, json = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtImportResult) result = NULL;
  DtImportFormat format = DT_IMPORT_FORMAT_AUTO;
  g_autoptr (GAsyncResult) applied = NULL;
  DtImportSummary *summary;
  guint chosen;
  const GOptionEntry options[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("The file's format, when it is not told from the file: wvdial, kppp or pbk"), N_("FORMAT") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print what would be imported, and import nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "entry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Import only this entry of the file (repeatable)"), N_("NAME") },
    { "device", 0, 0, G_OPTION_ARG_FILENAME, &device, N_("The modem for entries whose file names none"), N_("PATH") },
    { NULL }
  };

  context = dt_cli_option_context ("entry import", _("FILE — import a wvdial.conf, kppprc or "
                                                     "rasphone.pbk"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("Give exactly one file to import"));
  if (format_name != NULL && (!dt_import_format_from_string (format_name, &format) ||
                              format == DT_IMPORT_FORMAT_AUTO))
    return dt_cli_usage_error (_("--format is wvdial, kppp or pbk"));

  result = dt_import_read_file (argv[1], format, NULL, &error);
  if (result == NULL)
    {
      fprintf (stderr, "dialtone-cli: %s\n", error->message);
      return DT_CLI_EXIT_FAILURE;
    }
  if (!check_names (result, (const char * const *) names))
    return DT_CLI_EXIT_USAGE;
  chosen = choose (result, (const char * const *) names, device);
  dt_import_result_assign_names (result, phonebook);
  if (dry_run || chosen == 0)
    {
      if (json)
        print_json (result, NULL);
      else
        print_preview (result);
      if (chosen == 0)
        fprintf (stderr, "dialtone-cli: %s\n", _("nothing in this file can be imported"));
      else if (!json)
        printf ("\n%s\n", _("Dry run: nothing was imported."));
      return chosen > 0 ? 0 : DT_CLI_EXIT_FAILURE;
    }

  dt_import_apply_async (result, phonebook, NULL, dt_cli_keep_result, &applied);
  summary = dt_import_apply_finish (dt_cli_wait (&applied), &error);
  if (summary == NULL)
    {
      if (json)
        print_json (result, NULL);
      else
        print_preview (result);
      fprintf (stderr, _("dialtone-cli: nothing was imported: %s\n"), error->message);
      return DT_CLI_EXIT_FAILURE;
    }
  if (json)
    print_json (result, summary);
  else
    {
      g_autofree char *text = dt_import_summary_format (summary);

      print_preview (result);
      printf ("\n%s", text);
    }
  dt_import_summary_free (summary);
  return 0;
}

/* Export ------------------------------------------------------------------------------- */

int
dt_cli_entry_export (DtPhonebook *phonebook,
                     int          argc,
                     char       **argv)
{
  g_autofree char *format_name = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) bytes = NULL;
  DtImportFormat format;
  DtEntry *entry;
  const GOptionEntry options[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("wvdial or pbk (a Windows phonebook)"), N_("FORMAT") },
    { NULL }
  };

  context = dt_cli_option_context ("entry export", _("NAME — write an entry for wvdial or "
                                                     "Windows, without its password"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("Give exactly one entry name"));
  if (format_name == NULL || !dt_import_format_from_string (format_name, &format) ||
      (format != DT_IMPORT_FORMAT_WVDIAL && format != DT_IMPORT_FORMAT_PBK))
    return dt_cli_usage_error (_("--format is wvdial or pbk"));
  entry = dt_phonebook_lookup_by_name (phonebook, argv[1]);
  if (entry == NULL)
    {
      fprintf (stderr, _("dialtone-cli: no entry named “%s”\n"), argv[1]);
      return DT_CLI_EXIT_FAILURE;
    }
  bytes = dt_export_entry (entry, format, notes);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
  for (guint i = 0; i < notes->len; i++)
    fprintf (stderr, "dialtone-cli: %s\n", (const char *) g_ptr_array_index (notes, i));
  return fflush (stdout) == 0 ? 0 : DT_CLI_EXIT_FAILURE;
}
