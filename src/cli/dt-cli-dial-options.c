/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line of `dialtone-cli dial`, and the entry it makes: the phonebook's entry
 * named on it, or a new one for --device, with the options' overrides. */

#include "config.h"

#include <glib/gi18n.h>

#include "dt-cli.h"
#include "dt-cli-dial-options.h"
#include "dt-port-list.h"

static gboolean
parse_auth (const char     *text,
            DtAuthMethods  *methods,
            GError        **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  *methods = 0;
  for (guint i = 0; names[i]; i++)
    {
      const char *n = g_strstrip (names[i]);

      if (g_ascii_strcasecmp (n, "pap") == 0)
        *methods |= DT_AUTH_PAP;
      else if (g_ascii_strcasecmp (n, "chap") == 0)
        *methods |= DT_AUTH_CHAP;
      else if (g_ascii_strcasecmp (n, "mschapv2") == 0 || g_ascii_strcasecmp (n, "ms-chapv2") == 0)
        *methods |= DT_AUTH_MSCHAPV2;
      else if (g_ascii_strcasecmp (n, "eap") == 0)
        *methods |= DT_AUTH_EAP;
      else if (*n != '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown authentication method “%s”: use pap, chap, mschapv2 or eap"),
                       n);
          return FALSE;
        }
    }
  if (*methods == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--auth needs at least one of pap, chap, mschapv2, eap"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_flow (const char     *text,
            DtFlowControl  *flow,
            GError        **error)
{
  if (g_str_equal (text, "none"))
    *flow = DT_FLOW_CONTROL_NONE;
  else if (g_str_equal (text, "hardware"))
    *flow = DT_FLOW_CONTROL_HARDWARE;
  else if (g_str_equal (text, "software"))
    *flow = DT_FLOW_CONTROL_SOFTWARE;
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--flow must be none, hardware or software"));
      return FALSE;
    }
  return TRUE;
}

void
dt_cli_dial_options_clear (DtCliDialOptions *self)
{
  g_free (self->entry_name);
  g_free (self->device);
  g_free (self->number);
  g_strfreev (self->alternates);
  g_free (self->user);
  g_free (self->domain);
  g_free (self->auth);
  g_free (self->flow);
  g_strfreev (self->init);
  g_free (self->phonebook_path);
}

gboolean
dt_cli_dial_options_parse (DtCliDialOptions  *o,
                           int                argc,
                           char             **argv,
                           GError           **error)
{
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry options[] = {
    { "device", 0, 0, G_OPTION_ARG_FILENAME, &o->device, N_("Serial device of the modem"), N_("PATH") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &o->number, N_("Phone number to dial"), N_("NUMBER") },
    { "alternate", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->alternates, N_("An alternate number, tried in order when a number fails"), N_("NUMBER") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &o->user, N_("User name"), N_("USER") },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &o->domain, N_("Domain"), N_("DOMAIN") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &o->password_stdin, N_("Read the password from the first line of standard input"), NULL },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &o->auth, N_("Allowed authentication: a list of pap, chap, mschapv2, eap"), N_("LIST") },
    { "speed", 0, 0, G_OPTION_ARG_INT, &o->speed, N_("Port speed in bits per second"), N_("BPS") },
    { "flow", 0, 0, G_OPTION_ARG_STRING, &o->flow, N_("Flow control: none, hardware or software"), N_("MODE") },
    { "init", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->init, N_("A modem init string (repeatable)"), N_("STRING") },
    { "pulse", 0, 0, G_OPTION_ARG_NONE, &o->pulse, N_("Pulse dialing"), NULL },
    { "direct", 0, 0, G_OPTION_ARG_NONE, &o->direct, N_("The device is a direct serial cable: no modem commands"), NULL },
    { "dial-timeout", 0, 0, G_OPTION_ARG_INT, &o->dial_timeout, N_("Seconds to wait for the modem to connect"), N_("SECONDS") },
    { "echo-interval", 0, 0, G_OPTION_ARG_INT, &o->echo_interval, N_("Seconds between LCP echo requests (0: off)"), N_("SECONDS") },
    { "echo-failures", 0, 0, G_OPTION_ARG_INT, &o->echo_failures, N_("Unanswered LCP echo requests before the link is declared dead"), N_("N") },
    { "no-network", 0, 0, G_OPTION_ARG_NONE, &o->no_network, N_("Stop at Connected without a network device"), NULL },
    { "hangup-after", 0, 0, G_OPTION_ARG_INT, &o->hangup_after, N_("Hang up after this many seconds connected"), N_("SECONDS") },
    { "phonebook", 0, 0, G_OPTION_ARG_FILENAME, &o->phonebook_path, N_("Phonebook file to use"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print one JSON object per line"), NULL },
    { "debug", 0, 0, G_OPTION_ARG_NONE, &o->debug, N_("Print the connection log and a PPP packet trace on stderr"), NULL },
    { NULL }
  };

  o->echo_interval = -1;
  o->echo_failures = -1;
  context = dt_cli_option_context ("dial", _("[ENTRY] — dial a phonebook entry or a modem"));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  /* An entry with overrides is allowed: --device and --number replace the entry's. */
  if (argc > 2)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                         _("Give at most one entry name"));
  else if (argc < 2 && o->device == NULL)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                         _("Give an entry name, or --device (and --number)"));
  else if (argc < 2 && o->number == NULL && !o->direct)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                         _("--number is needed unless --direct is given"));
  else if (o->speed < 0 || o->hangup_after < 0 || o->dial_timeout < 0)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("Numbers must not be negative"));
  else
    {
      o->entry_name = argc == 2 ? g_strdup (argv[1]) : NULL;
      return TRUE;
    }
  return FALSE;
}

/* The serial ports here, as the editor lists them, each by the name an entry should keep, with
 * why this user cannot open it: "/dev/ttyS0, /dev/serial/by-id/usb-… (You cannot open it:
 * join the “dialout” group)".  NULL when there are none. */
static char *
ports_here (void)
{
  g_autoptr (DtPortList) ports = dt_port_list_new_snapshot ();
  guint n_ports = g_list_model_get_n_items (G_LIST_MODEL (ports));
  GString *list;

  if (n_ports == 0)
    return NULL;
  list = g_string_new (NULL);
  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr (DtPortInfo) port = g_list_model_get_item (G_LIST_MODEL (ports), i);
      const char *problem = dt_port_info_get_problem (port);

      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                              dt_port_info_get_preferred_path (port));
      if (problem != NULL)
        g_string_append_printf (list, " (%s)", problem);
    }
  return g_string_free (list, FALSE);
}

/* An entry without a modem ("Ask when dialing", as an import from Windows leaves it): there
 * is no one to ask here, so say how to give one, and which ports there are. */
static char *
no_device_message (DtEntry *entry)
{
  g_autofree char *list = ports_here ();
  GString *message = g_string_new (NULL);

  /* Translators: %s is the entry's name. */
  g_string_append_printf (message, _("“%s” names no modem: give --device PATH, or keep one "
                                     "with “dialtone-cli entry set NAME --device PATH”"),
                          dt_entry_get_name (entry));
  if (list != NULL)
    /* Translators: the serial ports found, such as "/dev/ttyS0, /dev/ttyUSB0". */
    g_string_append_printf (message, _(" (serial ports here: %s)"), list);
  return g_string_free (message, FALSE);
}

/* The phonebook's entry named on the command line, or a new one for --device. */
static DtEntry *
find_entry (const DtCliDialOptions  *o,
            GError                 **error)
{
  g_autoptr (DtPhonebook) phonebook = NULL;
  DtEntry *entry;

  if (o->entry_name == NULL)
    {
      entry = dt_entry_new ();
      dt_entry_set_name (entry, o->number ? o->number : o->device);
      dt_entry_set_try_alternates (entry, TRUE);
      return entry;
    }
  phonebook = dt_cli_open_phonebook (o->phonebook_path, error);
  if (phonebook == NULL)
    return NULL;
  entry = dt_phonebook_lookup_by_name (phonebook, o->entry_name);
  if (entry == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("No entry named “%s” in the phonebook"), o->entry_name);
      return NULL;
    }
  return g_object_ref (entry);
}

/* The overrides change only this object: the phonebook file is never written here. */
DtEntry *
dt_cli_dial_options_build_entry (const DtCliDialOptions  *o,
                                 GError                 **error)
{
  g_autoptr (DtEntry) entry = find_entry (o, error);
  DtFlowControl flow = DT_FLOW_CONTROL_NONE;
  DtAuthMethods methods = 0;

  if (entry == NULL)
    return NULL;
  if (o->flow != NULL && !parse_flow (o->flow, &flow, error))
    return NULL;
  if (o->auth != NULL && !parse_auth (o->auth, &methods, error))
    return NULL;

  if (o->device != NULL)
    dt_entry_set_device (entry, o->device);
  if (o->number != NULL)
    dt_entry_set_number (entry, o->number);
  if (o->alternates != NULL)
    dt_entry_set_alternates (entry, (const char * const *) o->alternates);
  if (o->direct)
    dt_entry_set_device_type (entry, DT_DEVICE_TYPE_DIRECT);
  if (o->pulse)
    dt_entry_set_dial_mode (entry, DT_DIAL_MODE_PULSE);
  if (o->speed > 0)
    dt_entry_set_speed (entry, o->speed);
  if (o->init != NULL)
    dt_entry_set_init_strings (entry, (const char * const *) o->init);
  if (o->dial_timeout > 0)
    dt_entry_set_dial_timeout (entry, o->dial_timeout);
  if (o->echo_interval >= 0)
    dt_entry_set_lcp_echo_interval (entry, o->echo_interval);
  if (o->echo_failures > 0)
    dt_entry_set_lcp_echo_failures (entry, o->echo_failures);
  if (o->user != NULL)
    dt_entry_set_user (entry, o->user);
  if (o->domain != NULL)
    dt_entry_set_domain (entry, o->domain);
  if (o->flow != NULL)
    dt_entry_set_flow_control (entry, flow);
  if (o->auth != NULL)
    dt_entry_set_auth_methods (entry, methods);
  if (dt_entry_get_device (entry)[0] == '\0')
    {
      g_autofree char *message = no_device_message (entry);

      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
      return NULL;
    }
  return g_steal_pointer (&entry);
}
