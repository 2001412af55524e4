/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `dialtone-cli entry` (list, show, set, remove) and `dialtone-cli error`, and the helpers
 * the commands share.  `entry set` is how scripts (and build-aux/run's demo) add or refresh
 * an entry; its password comes from stdin into the keyring, never from argv.  `entry show`
 * prints "key<TAB>value" lines, or one JSON object with --json.  `entry remove` takes the
 * entry's password out of the keyring too, as the window's Delete does.  Every command and
 * subcommand answers --help, without opening the phonebook. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dt-cli.h"
#include "dt-cli-output.h"
#include "dt-error.h"
#include "dt-script-syntax.h"
#include "dt-secrets.h"

int
dt_cli_usage_error (const char *message)
{
  fprintf (stderr, "dialtone-cli: %s\n", message);
  return DT_CLI_EXIT_USAGE;
}

/**
 * dt_cli_option_context:
 * @command: the command's words, such as "entry show"
 * @parameter_string: what follows the options in the usage line, translated
 *
 * Returns: (transfer full): a context whose --help says "dialtone-cli @command", not the
 *   bare argv[0] a command is given
 */
GOptionContext *
dt_cli_option_context (const char *command,
                       const char *parameter_string)
{
  g_autofree char *prgname = g_strconcat ("dialtone-cli ", command, NULL);
  GOptionContext *context;

  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

/* The first line of stdin, without its newline.  Never NULL: an empty stdin is an empty
 * password.  Read with read(2) a byte at a time into a buffer that is wiped afterwards, not
 * through stdio or getline(), whose buffers would keep a copy of the password after it is
 * freed; and nothing past the line is consumed. */
char *
dt_cli_read_password_stdin (void)
{
  char buffer[4096];
  gsize len = 0;
  char *password;

  while (len < sizeof buffer)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      buffer[len++] = c;
    }
  if (len > 0 && buffer[len - 1] == '\r')
    len--;
  password = g_strndup (buffer, len);
  explicit_bzero (buffer, sizeof buffer);
  return password;
}

DtPhonebook *
dt_cli_open_phonebook (const char  *path,
                       GError     **error)
{
  g_autoptr (DtPhonebook) phonebook = dt_phonebook_new (path);

  if (!dt_phonebook_load (phonebook, error))
    return NULL;
  return g_steal_pointer (&phonebook);
}

void
dt_cli_keep_result (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  *kept = g_object_ref (result);
}

GAsyncResult *
dt_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static int
entry_list (DtPhonebook *phonebook,
            int          argc,
            char       **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  guint n;

  context = dt_cli_option_context ("entry list", _("— list the entries: name, number, device"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 1)
    return dt_cli_usage_error (_("entry list takes no arguments"));

  n = g_list_model_get_n_items (G_LIST_MODEL (phonebook));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (DtEntry) entry = g_list_model_get_item (G_LIST_MODEL (phonebook), i);

      printf ("%s\t%s\t%s\n", dt_entry_get_name (entry),
              dt_entry_get_number (entry) ? dt_entry_get_number (entry) : "",
              dt_entry_get_device (entry) ? dt_entry_get_device (entry) : "");
    }
  return 0;
}

static char *
json_string (const char *text)
{
  g_autofree char *escaped = dt_cli_json_escape (text);

  return g_strdup_printf ("\"%s\"", escaped);
}

static char *
json_string_array (const char * const *list)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *item = json_string (list[i]);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", item);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* The multilink dial mode as phonebook.ini writes it: "all" or "as-needed". */
static const char *
multilink_dial_nick (DtEntry *entry)
{
  return dt_entry_get_multilink_dial (entry) == DT_MULTILINK_DIAL_AS_NEEDED ? "as-needed" : "all";
}

/* Sub-entries 2 and on as `entry set --sub-entry` takes them: "PATH" or "PATH=NUMBER". */
static char *
sub_entries_text (DtEntry *entry)
{
  GString *out = g_string_new (NULL);

  for (guint i = 2; i <= dt_entry_get_n_sub_entries (entry); i++)
    {
      const char * const *numbers = dt_entry_get_sub_entry_numbers (entry);
      const char *device = dt_entry_get_sub_entry_devices (entry)[i - 2];
      const char *own = i - 2 < g_strv_length ((char **) numbers) ? numbers[i - 2] : "";

      g_string_append_printf (out, "%s%s%s%s", out->len > 0 ? ", " : "", device,
                              own[0] != '\0' ? "=" : "", own);
    }
  return g_string_free (out, FALSE);
}

/* Every sub-entry, the entry's own first, with the number each dials. */
static char *
sub_entries_json (DtEntry *entry)
{
  GString *out = g_string_new ("[");

  for (guint i = 1; i <= dt_entry_get_n_sub_entries (entry); i++)
    {
      const char *device = NULL, *number = NULL;
      g_autofree char *d = NULL, *n = NULL;

      dt_entry_get_sub_entry (entry, i, &device, &number);
      d = json_string (device);
      n = json_string (number);
      g_string_append_printf (out, "%s{\"index\":%u,\"device\":%s,\"number\":%s}",
                              i > 1 ? "," : "", i, d, n);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* One line of `entry show`: its key as the text prints it ("area-code"; JSON takes
 * "area_code"), the text value and the JSON value. */
typedef struct {
  const char *key;
  char       *text;
  char       *json;
} Field;

static void
field_clear (gpointer data)
{
  Field *field = data;

  g_free (field->text);
  g_free (field->json);
}

/* Takes @text and @json. */
static void
add_field (GArray     *fields,
           const char *key,
           char       *text,
           char       *json)
{
  Field field = { key, text, json };

  g_array_append_val (fields, field);
}

static void
add_string (GArray     *fields,
            const char *key,
            const char *value)
{
  add_field (fields, key, g_strdup (value ? value : ""), json_string (value));
}

static void
add_boolean (GArray     *fields,
             const char *key,
             gboolean    value)
{
  add_field (fields, key, g_strdup (value ? "yes" : "no"), g_strdup (value ? "true" : "false"));
}

static void
add_string_list (GArray             *fields,
                 const char         *key,
                 const char * const *list)
{
  add_field (fields, key, g_strjoinv (", ", (char **) list), json_string_array (list));
}

/* Every setting `entry show` prints, in order: one list for the text and the JSON, so that
 * neither lacks what the other has. */
static GArray *
entry_fields (DtEntry *entry)
{
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (Field));
  const char *script = dt_entry_get_login_script (entry);

  g_array_set_clear_func (fields, field_clear);
  add_string (fields, "uuid", dt_entry_get_uuid (entry));
  add_string (fields, "name", dt_entry_get_name (entry));
  add_string (fields, "device", dt_entry_get_device (entry));
  add_string (fields, "number", dt_entry_get_number (entry));
  add_string_list (fields, "alternates", dt_entry_get_alternates (entry));
  add_string (fields, "area-code", dt_entry_get_area_code (entry));
  add_field (fields, "country-code", g_strdup_printf ("%u", dt_entry_get_country_code (entry)),
             g_strdup_printf ("%u", dt_entry_get_country_code (entry)));
  add_boolean (fields, "use-dialing-rules", dt_entry_get_use_dialing_rules (entry));
  add_string (fields, "user", dt_entry_get_user (entry));
  add_boolean (fields, "remember-password", dt_entry_get_remember_password (entry));
  add_boolean (fields, "default-gateway", dt_entry_get_default_gateway (entry));
  add_string_list (fields, "routes", dt_entry_get_routes (entry));
  add_boolean (fields, "compression", dt_entry_get_compression (entry));
  add_boolean (fields, "ipv6", dt_entry_get_ipv6 (entry));
  add_field (fields, "sub-entries", sub_entries_text (entry), sub_entries_json (entry));
  add_string (fields, "multilink-dial", multilink_dial_nick (entry));
  add_boolean (fields, "require-server-auth", dt_entry_get_require_server_auth (entry));
  /* The script on one line, its line breaks as "\n" (the JSON has it as it is). */
  add_field (fields, "login-script", g_strescape (script ? script : "", NULL),
             script ? json_string (script) : g_strdup ("null"));
  return fields;
}

static void
print_fields (GArray   *fields,
              gboolean  json)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = &g_array_index (fields, Field, i);

      if (json)
        {
          g_autofree char *key = g_strdelimit (g_strdup (field->key), "-", '_');

          printf ("%s\"%s\":%s", i == 0 ? "{" : ",", key, field->json);
        }
      else
        printf ("%s\t%s\n", field->key, field->text);
    }
  if (json)
    printf ("}\n");
}

static int
entry_show (DtPhonebook *phonebook,
            int          argc,
            char       **argv)
{
  gboolean json = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) fields = NULL;
  DtEntry *entry;
  const GOptionEntry options[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = dt_cli_option_context ("entry show", _("NAME — show an entry"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("Give exactly one entry name"));
  entry = dt_phonebook_lookup_by_name (phonebook, argv[1]);
  if (entry == NULL)
    {
      fprintf (stderr, _("dialtone-cli: no entry named “%s”\n"), argv[1]);
      return DT_CLI_EXIT_FAILURE;
    }
  fields = entry_fields (entry);
  print_fields (fields, json);
  return 0;
}

/* Stores @password for @entry and waits: the CLI has no other work to do meanwhile. */
static gboolean
store_password (DtEntry     *entry,
                const char  *password,
                GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  dt_secrets_store_async (entry, password, NULL, dt_cli_keep_result, &result);
  return dt_secrets_store_finish (dt_cli_wait (&result), error);
}

/* Each --route on its own, then the list (a route given twice), before anything changes: a
 * bad route saves nothing. */
static gboolean
check_routes (const char * const *routes)
{
  g_autoptr (DtEntry) scratch = dt_entry_new ();
  g_autofree char *reason = NULL;

  if (routes == NULL)
    return TRUE;
  for (guint i = 0; routes[i] != NULL; i++)
    if (!dt_entry_route_is_valid (routes[i], &reason))
      {
        fprintf (stderr, "dialtone-cli: --route %s: %s\n", routes[i], reason);
        return FALSE;
      }
  dt_entry_set_routes (scratch, routes);
  if (!dt_entry_validate_property (scratch, "routes", &reason))
    {
      fprintf (stderr, "dialtone-cli: %s\n", reason);
      return FALSE;
    }
  return TRUE;
}

/* --login-script-file: the file's text becomes the entry's script, if it is a script. */
static gboolean
read_login_script (const char  *path,
                   char       **script)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) commands = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      fprintf (stderr, "dialtone-cli: %s\n", error->message);
      return FALSE;
    }
  commands = dt_script_parse (text, DT_SCRIPT_PARSE_DEFAULT, &problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = dt_script_problem_format (problems->pdata[i]);

      fprintf (stderr, "dialtone-cli: %s: %s\n", path, line);
    }
  *script = g_steal_pointer (&text);
  return commands != NULL;
}

/* --area-code and --country-code as the entry's validation sees them, before anything
 * changes. */
static gboolean
check_codes (const char *area_code,
             int         country_code)
{
  g_autoptr (DtEntry) scratch = dt_entry_new ();
  g_autofree char *reason = NULL;

  if (area_code != NULL)
    {
      dt_entry_set_area_code (scratch, area_code);
      if (!dt_entry_validate_property (scratch, "area-code", &reason))
        {
          fprintf (stderr, "dialtone-cli: --area-code %s: %s\n", area_code, reason);
          return FALSE;
        }
    }
  if (country_code < -1 || country_code > 999)
    {
      fprintf (stderr, "dialtone-cli: --country-code: %s\n",
               _("A country code has one to three digits, such as 44"));
      return FALSE;
    }
  return TRUE;
}

/* --sub-entry's "PATH" or "PATH=NUMBER" (a path of /dev/serial names no "="; a number may
 * hold commas) into the entry's sub-entries 2 and on; @subs NULL leaves them as they are. */
static void
set_sub_entries (DtEntry            *entry,
                 const char * const *subs)
{
  g_autoptr (GPtrArray) devices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; subs != NULL && subs[i] != NULL; i++)
    {
      const char *equals = strchr (subs[i], '=');

      g_ptr_array_add (devices, equals ? g_strndup (subs[i], equals - subs[i])
                                       : g_strdup (subs[i]));
      g_ptr_array_add (numbers, g_strdup (equals ? equals + 1 : ""));
    }
  g_ptr_array_add (devices, NULL);
  g_ptr_array_add (numbers, NULL);
  dt_entry_set_sub_entries (entry, (const char * const *) devices->pdata,
                            (const char * const *) numbers->pdata);
}

/* The sub-entries as they will be (--sub-entry's, or the entry's kept) beside the entry's
 * port as it will be, before anything changes: the phonebook saves what changes in it. */
static gboolean
check_sub_entries (DtEntry            *entry,
                   const char         *device,
                   const char * const *subs)
{
  g_autoptr (DtEntry) scratch = dt_entry_new ();
  g_autofree char *reason = NULL;

  if (subs == NULL && device == NULL)
    return TRUE;
  dt_entry_set_device (scratch, device != NULL ? device
                                : entry != NULL ? dt_entry_get_device (entry) : NULL);
  if (subs != NULL)
    set_sub_entries (scratch, subs);
  else if (entry != NULL)
    dt_entry_set_sub_entries (scratch, dt_entry_get_sub_entry_devices (entry),
                              dt_entry_get_sub_entry_numbers (entry));
  if (dt_entry_validate_property (scratch, "sub-entry-devices", &reason))
    return TRUE;
  fprintf (stderr, "dialtone-cli: %s\n", reason);
  return FALSE;
}

static int
entry_set (DtPhonebook *phonebook,
           int          argc,
           char       **argv)
{
  g_autofree char *device = NULL, *number = NULL, *user = NULL, *domain = NULL;
  g_autofree char *default_gateway = NULL, *compression = NULL, *ipv6 = NULL;
  g_autofree char *multilink_dial = NULL;
  g_autofree char *script_file = NULL, *script = NULL, *server_auth = NULL;
  g_autofree char *area_code = NULL, *dialing_rules = NULL;
  int country_code = -1;
  g_auto (GStrv) routes = NULL, subs = NULL;
  gboolean password_stdin = FALSE, direct = FALSE, no_routes = FALSE, no_subs = FALSE;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtEntry) created = NULL;
  DtEntry *entry;
  const GOptionEntry options[] = {
    { "device", 0, 0, G_OPTION_ARG_FILENAME, &device, N_("Serial device of the modem"), N_("PATH") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("Phone number"), N_("NUMBER") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name"), N_("USER") },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, N_("Domain"), N_("DOMAIN") },
    { "direct", 0, 0, G_OPTION_ARG_NONE, &direct, N_("A direct serial cable, not a modem"), NULL },
    { "route", 0, 0, G_OPTION_ARG_STRING_ARRAY, &routes, N_("A network reached through the connection, such as 10.99.0.0/16 (repeatable; replaces the entry's routes)"), N_("CIDR") },
    { "no-routes", 0, 0, G_OPTION_ARG_NONE, &no_routes, N_("Remove the entry's routes"), NULL },
    { "default-gateway", 0, 0, G_OPTION_ARG_STRING, &default_gateway, N_("Whether the remote network becomes the default gateway: yes or no"), N_("yes|no") },
    { "compression", 0, 0, G_OPTION_ARG_STRING, &compression, N_("Whether to compress data (Van Jacobson headers and Deflate): yes, or no for a server that misbehaves"), N_("yes|no") },
    { "ipv6", 0, 0, G_OPTION_ARG_STRING, &ipv6, N_("IPv6 too, where the server offers it (yes), or IPv4 only (no)"), N_("yes|no") },
    { "sub-entry", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &subs, N_("Another modem dialed with the entry's and bundled with it by multilink, with its own number or the entry's (repeatable; replaces the entry's sub-entries)"), N_("PATH[=NUMBER]") },
    { "no-sub-entries", 0, 0, G_OPTION_ARG_NONE, &no_subs, N_("Dial the entry's own modem only"), NULL },
    { "multilink-dial", 0, 0, G_OPTION_ARG_STRING, &multilink_dial, N_("Dial the sub-entries all together, or one more as the load needs"), N_("all|as-needed") },
    { "area-code", 0, 0, G_OPTION_ARG_STRING, &area_code, N_("The number's area code, for dialing rules"), N_("DIGITS") },
    { "country-code", 0, 0, G_OPTION_ARG_INT, &country_code, N_("The number's country code, for dialing rules (0: none)"), N_("CODE") },
    { "dialing-rules", 0, 0, G_OPTION_ARG_STRING, &dialing_rules, N_("Whether to dial the area and country codes as your location needs: yes or no"), N_("yes|no") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Remember the password read from standard input, in the keyring"), NULL },
    { "login-script-file", 0, 0, G_OPTION_ARG_FILENAME, &script_file, N_("Take the login script from this file (its text is kept in the entry)"), N_("FILE") },
    { "require-server-auth", 0, 0, G_OPTION_ARG_STRING, &server_auth, N_("Whether the server must prove its identity (MS-CHAP v2 only): yes or no"), N_("yes|no") },
    { NULL }
  };

  context = dt_cli_option_context ("entry set", _("NAME — add or change an entry"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("entry set needs exactly one entry name"));
  if (routes != NULL && no_routes)
    return dt_cli_usage_error (_("Give --route or --no-routes, not both"));
  if (default_gateway != NULL && !g_str_equal (default_gateway, "yes") &&
      !g_str_equal (default_gateway, "no"))
    return dt_cli_usage_error (_("--default-gateway is yes or no"));
  if (compression != NULL && !g_str_equal (compression, "yes") &&
      !g_str_equal (compression, "no"))
    return dt_cli_usage_error (_("--compression is yes or no"));
  if (ipv6 != NULL && !g_str_equal (ipv6, "yes") && !g_str_equal (ipv6, "no"))
    return dt_cli_usage_error (_("--ipv6 is yes or no"));
  if (subs != NULL && no_subs)
    return dt_cli_usage_error (_("Give --sub-entry or --no-sub-entries, not both"));
  if (multilink_dial != NULL && !g_str_equal (multilink_dial, "all") &&
      !g_str_equal (multilink_dial, "as-needed"))
    return dt_cli_usage_error (_("--multilink-dial is all or as-needed"));
  if (server_auth != NULL && !g_str_equal (server_auth, "yes") && !g_str_equal (server_auth, "no"))
    return dt_cli_usage_error (_("--require-server-auth is yes or no"));
  if (!check_routes ((const char * const *) routes))
    return DT_CLI_EXIT_USAGE;
  if (script_file != NULL && !read_login_script (script_file, &script))
    return DT_CLI_EXIT_USAGE;
  if (dialing_rules != NULL && !g_str_equal (dialing_rules, "yes") &&
      !g_str_equal (dialing_rules, "no"))
    return dt_cli_usage_error (_("--dialing-rules is yes or no"));
  if (!check_codes (area_code, country_code))
    return DT_CLI_EXIT_USAGE;

  entry = dt_phonebook_lookup_by_name (phonebook, argv[1]);
  if (!check_sub_entries (entry, device, (const char * const *) subs))
    return DT_CLI_EXIT_USAGE;
  if (entry == NULL)
    {
      created = dt_entry_new ();
      dt_entry_set_name (created, argv[1]);
      entry = created;
    }
  if (device != NULL)
    dt_entry_set_device (entry, device);
  if (number != NULL)
    dt_entry_set_number (entry, number);
  if (user != NULL)
    dt_entry_set_user (entry, user);
  if (domain != NULL)
    dt_entry_set_domain (entry, domain);
  if (direct)
    dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  if (routes != NULL || no_routes)
    dt_entry_set_routes (entry, (const char * const *) routes);
  if (default_gateway != NULL)
    dt_entry_set_default_gateway (entry, g_str_equal (default_gateway, "yes"));
  if (compression != NULL)
    dt_entry_set_compression (entry, g_str_equal (compression, "yes"));
  if (ipv6 != NULL)
    dt_entry_set_ipv6 (entry, g_str_equal (ipv6, "yes"));
  if (script != NULL)
    dt_entry_set_login_script (entry, script);
  if (server_auth != NULL)
    dt_entry_set_require_server_auth (entry, g_str_equal (server_auth, "yes"));
  if (area_code != NULL)
    dt_entry_set_area_code (entry, area_code);
  if (country_code >= 0)
    dt_entry_set_country_code (entry, country_code);
  if (dialing_rules != NULL)
    dt_entry_set_use_dialing_rules (entry, g_str_equal (dialing_rules, "yes"));
  if (subs != NULL || no_subs)
    set_sub_entries (entry, (const char * const *) subs);
  if (multilink_dial != NULL)
    dt_entry_set_multilink_dial (entry, g_str_equal (multilink_dial, "as-needed")
                                          ? DT_MULTILINK_DIAL_AS_NEEDED : DT_MULTILINK_DIAL_ALL);

  if (password_stdin)
    {
      g_autofree char *password = dt_cli_read_password_stdin ();
      gboolean stored = store_password (entry, password, &error);

      explicit_bzero (password, strlen (password));
      if (!stored)
        fprintf (stderr, _("dialtone-cli: the password is not remembered: %s\n"), error->message);
      dt_entry_set_remember_password (entry, stored);
      g_clear_error (&error);
    }

  if (created != NULL)
    dt_phonebook_add (phonebook, created);
  if (!dt_phonebook_save (phonebook, &error))
    {
      fprintf (stderr, "dialtone-cli: %s\n", error->message);
      return DT_CLI_EXIT_FAILURE;
    }
  return 0;
}

/* Takes the password of the entry @uuid (@name) out of the keyring, once the entry is gone
 * from the file: a password without its entry is of no use to anyone.  A keyring that is not
 * there holds nothing Dialtone could have put in it, unless the entry said it remembered a
 * password: only then is its absence worth a word. */
static void
clear_password (const char *uuid,
                const char *name,
                gboolean    remembered)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  dt_secrets_clear_async (uuid, NULL, dt_cli_keep_result, &result);
  if (!dt_secrets_clear_finish (dt_cli_wait (&result), &error) &&
      (remembered || !g_error_matches (error, DT_SECRETS_ERROR, DT_SECRETS_ERROR_NO_KEYRING)))
    /* Translators: the entry is removed; %s is its name, then why the keyring said no. */
    fprintf (stderr, _("dialtone-cli: “%s” is removed, but its password may still be in the "
                       "keyring: %s\n"), name, error->message);
}

static int
entry_remove (DtPhonebook *phonebook,
              int          argc,
              char       **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (DtEntry) entry = NULL;
  DtEntry *found;

  context = dt_cli_option_context ("entry remove",
                                   _("NAME — remove an entry and its password"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc != 2)
    return dt_cli_usage_error (_("Give exactly one entry name"));

  found = dt_phonebook_lookup_by_name (phonebook, argv[1]);
  if (found == NULL)
    {
      fprintf (stderr, _("dialtone-cli: no entry named “%s”\n"), argv[1]);
      return DT_CLI_EXIT_FAILURE;
    }
  entry = g_object_ref (found);
  dt_phonebook_remove (phonebook, entry);
  if (!dt_phonebook_save (phonebook, &error))
    {
      fprintf (stderr, "dialtone-cli: %s\n", error->message);
      return DT_CLI_EXIT_FAILURE;
    }
  clear_password (dt_entry_get_uuid (entry), dt_entry_get_name (entry),
                  dt_entry_get_remember_password (entry));
  return 0;
}

/* Whether the arguments ask for help: then nothing is opened, the subcommand's option
 * parser prints it. */
static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
        g_str_equal (argv[i], "-?") || g_str_equal (argv[i], "--help-all"))
      return TRUE;
  return FALSE;
}

/* `dialtone-cli entry [--phonebook PATH] …`: its own option, parsed up to the subcommand. */
static gboolean
parse_entry_options (int        *argc,
                     char     ***argv,
                     char      **phonebook_path,
                     GError    **error)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry options[] = {
    { "phonebook", 0, 0, G_OPTION_ARG_FILENAME, phonebook_path, N_("The phonebook file, instead of ~/.config/dialtone/phonebook.ini"), N_("PATH") },
    { NULL }
  };

  context = dt_cli_option_context ("entry", _("COMMAND … — work on the phonebook's entries"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Commands:\n"
                                  "  list      List the entries\n"
                                  "  show      Show an entry\n"
                                  "  set       Add or change an entry\n"
                                  "  remove    Remove an entry, and its password\n"
                                  "  import    Import a wvdial.conf, kppprc or rasphone.pbk\n"
                                  "  export    Write an entry for wvdial or Windows\n"
                                  "\n"
                                  "Run “dialtone-cli entry COMMAND --help” for a command's "
                                  "options."));
  /* Up to the subcommand only: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);
  return g_option_context_parse (context, argc, argv, error);
}

int
dt_cli_entry (int    argc,
              char **argv)
{
  g_autofree char *phonebook_path = NULL;
  g_autoptr (DtPhonebook) phonebook = NULL;
  g_autoptr (GError) error = NULL;
  const char *command;
  const char *commands[] = { "list", "show", "set", "remove", "import", "export", NULL };

  if (!parse_entry_options (&argc, &argv, &phonebook_path, &error))
    return dt_cli_usage_error (error->message);
  if (argc < 2 || !g_strv_contains (commands, argv[1]))
    return dt_cli_usage_error (_("entry needs a command: list, show, set, remove, import or "
                                 "export"));
  command = argv[1];

  /* Asking for help opens no phonebook, not even a broken one. */
  if (!wants_help (argc - 1, argv + 1))
    {
      phonebook = dt_cli_open_phonebook (phonebook_path, &error);
      if (phonebook == NULL)
        {
          fprintf (stderr, "dialtone-cli: %s\n", error->message);
          return DT_CLI_EXIT_FAILURE;
        }
    }

  if (g_str_equal (command, "list"))
    return entry_list (phonebook, argc - 1, argv + 1);
  if (g_str_equal (command, "set"))
    return entry_set (phonebook, argc - 1, argv + 1);
  if (g_str_equal (command, "show"))
    return entry_show (phonebook, argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return dt_cli_entry_import (phonebook, argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return dt_cli_entry_export (phonebook, argc - 1, argv + 1);
  return entry_remove (phonebook, argc - 1, argv + 1);
}

/* `dialtone-cli error [CODE…]`: what a RAS error code means, like `net helpmsg`. */
int
dt_cli_error (int    argc,
              char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  context = dt_cli_option_context ("error", _("[CODE…] — what RAS error codes mean"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dt_cli_usage_error (error->message);
  if (argc < 2)
    {
      gsize n = 0;
      const guint *codes = dt_ras_error_list (&n);

      for (gsize i = 0; i < n; i++)
        printf ("%u\t%s\n", codes[i], dt_ras_error_get_message (codes[i]));
      return 0;
    }
  for (int i = 1; i < argc; i++)
    {
      char *end = NULL;
      guint64 code = g_ascii_strtoull (argv[i], &end, 10);
      const char *message = (end && *end == '\0') ? dt_ras_error_get_message (code) : NULL;

      if (message == NULL)
        {
          fprintf (stderr, _("dialtone-cli: %s is not a RAS error code Dialtone knows\n"), argv[i]);
          status = DT_CLI_EXIT_FAILURE;
          continue;
        }
      printf ("%u\t%s\n", (guint) code, message);
    }
  return status;
}
