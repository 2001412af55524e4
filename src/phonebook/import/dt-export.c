/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing an entry for wvdial or Windows (see dt-export.h).  A wvdial dialer is written as
 * wvdialconf writes one, with the password left for the user to fill in; a Windows entry
 * as Windows XP writes rasphone.pbk (CRLF, "Encoding=1" for UTF-8 text), with the keys of
 * a new dial-up entry, so that Windows and this importer both read it back. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-dialing-rules.h"
#include "dt-export.h"

/* What the engine sends when an entry has no init strings (dt-modem-config.c). */
#define DEFAULT_INIT "ATZ"
#define DEFAULT_SETUP "ATQ0 V1 E1 S0=0 &C1 &D2"

static void
note (GPtrArray  *notes,
      const char *text)
{
  if (notes != NULL)
    g_ptr_array_add (notes, g_strdup (text));
}

/* wvdial ------------------------------------------------------------------------------- */

/* The login script, when it is the usual prompts, as wvdial's Login Prompt and Password
 * Prompt; FALSE when wvdial cannot say it. */
static gboolean
script_prompts (const char  *script,
                char       **login,
                char       **password)
{
  g_auto (GStrv) lines = g_strsplit (script, "\n", -1);
  g_autoptr (GStrvBuilder) commands = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (line[0] != '\0' && line[0] != '#')
        g_strv_builder_add (commands, line);
    }
  list = g_strv_builder_end (commands);
  for (guint i = 0; list[i] != NULL; i += 2)
    {
      g_autofree char *text = NULL;
      gsize n = strlen (list[i]);

      if (list[i + 1] == NULL || !g_str_has_prefix (list[i], "expect \"") ||
          list[i][n - 1] != '"' || n < 10)
        return FALSE;
      text = g_strndup (list[i] + 8, n - 9);
      if (strpbrk (text, "\\\"$") != NULL)
        return FALSE;
      if (g_str_equal (list[i + 1], "send \"$USER\"") && *login == NULL)
        *login = g_steal_pointer (&text);
      else if (g_str_equal (list[i + 1], "send \"$PASSWORD\"") && *password == NULL)
        *password = g_steal_pointer (&text);
      else
        return FALSE;
    }
  return *login != NULL || *password != NULL;
}

static void
wvdial_init_strings (GString   *out,
                     DtEntry   *entry,
                     GPtrArray *notes)
{
  const char * const *init = dt_entry_get_init_strings (entry);
  const char *extra = dt_entry_get_extra_commands (entry);
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autofree char *speaker = g_strdup_printf ("ATM%d", dt_entry_get_speaker (entry));

  if (init[0] == NULL)
    {
      g_ptr_array_add (all, (char *) DEFAULT_INIT);
      g_ptr_array_add (all, (char *) DEFAULT_SETUP);
    }
  for (guint i = 0; init[i] != NULL; i++)
    g_ptr_array_add (all, (char *) init[i]);
  g_ptr_array_add (all, speaker);
  if (extra[0] != '\0')
    g_ptr_array_add (all, (char *) extra);
  for (guint i = 0; i < all->len && i < 9; i++)
    g_string_append_printf (out, "Init%u = %s\n", i + 1, (char *) g_ptr_array_index (all, i));
  if (all->len > 9)
    note (notes, _("wvdial sends at most nine init strings: the others are left out."));
}

/* The number as the entry dials it from an unknown location: dialing rules give the
 * long-distance form, which is right anywhere in the country. */
static char *
dial_string (DtEntry    *entry,
             const char *number)
{
  return dt_entry_build_dial_string (entry, number, NULL);
}

static void
wvdial_numbers (GString   *out,
                DtEntry   *entry,
                GPtrArray *notes)
{
  const char * const *alternates = dt_entry_get_alternates (entry);
  g_autofree char *number = dial_string (entry, dt_entry_get_number (entry));
  g_autofree char *prefix = g_strdup (dt_entry_get_dial_prefix (entry));

  g_string_append_printf (out, "Phone = %s\n", number);
  for (guint i = 0; alternates[i] != NULL && i < 4; i++)
    {
      g_autofree char *alternate = dial_string (entry, alternates[i]);

      g_string_append_printf (out, "Phone%u = %s\n", i + 1, alternate);
    }
  if (g_strv_length ((char **) alternates) > 4)
    note (notes, _("wvdial dials at most four alternate numbers: the others are left out."));
  /* wvdial puts a comma after the prefix itself. */
  if (g_str_has_suffix (prefix, ","))
    prefix[strlen (prefix) - 1] = '\0';
  if (prefix[0] != '\0')
    g_string_append_printf (out, "Dial Prefix = %s\n", prefix);
  g_string_append_printf (out, "Dial Command = %s\n",
                          dt_entry_get_dial_mode (entry) == DT_DIAL_MODE_PULSE ? "ATDP" : "ATDT");
}

static void
wvdial_login (GString   *out,
              DtEntry   *entry,
              GPtrArray *notes)
{
  const char *script = dt_entry_get_login_script (entry);
  g_autofree char *login = NULL, *password = NULL;

  if (dt_entry_get_show_terminal (entry))
    note (notes, _("wvdial has no terminal window: it tries to answer the login prompts "
                   "itself."));
  if (script[0] == '\0')
    {
      if (!dt_entry_get_show_terminal (entry))
        g_string_append (out, "Stupid Mode = 1\n");
      return;
    }
  if (!script_prompts (script, &login, &password))
    {
      note (notes, _("The login script is not written: wvdial knows only a login prompt and a "
                     "password prompt."));
      return;
    }
  if (login != NULL)
    g_string_append_printf (out, "Login Prompt = %s\n", login);
  if (password != NULL)
    g_string_append_printf (out, "Password Prompt = %s\n", password);
}

static void
wvdial_network (GString   *out,
                DtEntry   *entry,
                GPtrArray *notes)
{
  g_string_append_printf (out, "Auto DNS = %d\n",
                          dt_entry_get_dns_mode (entry) == DT_DNS_MODE_SERVER);
  if (dt_entry_get_dns_mode (entry) == DT_DNS_MODE_MANUAL)
    note (notes, _("wvdial cannot set the entry's own DNS servers: put them in "
                   "/etc/resolv.conf."));
  if (dt_entry_get_ip_mode (entry) == DT_IP_MODE_STATIC)
    g_string_append_printf (out, "Force Address = %s\n", dt_entry_get_static_address (entry));
  if (!dt_entry_get_default_gateway (entry) || dt_entry_get_routes (entry)[0] != NULL)
    note (notes, _("wvdial always makes the link the default route; the entry's routes are "
                   "left out."));
  if (dt_entry_get_callback_mode (entry) != DT_CALLBACK_NONE)
    note (notes, _("wvdial does not answer a server's callback offer."));
}

static GBytes *
export_wvdial (DtEntry   *entry,
               GPtrArray *notes)
{
  GString *out = g_string_new (NULL);
  g_autofree char *section = g_strdelimit (g_strdup (dt_entry_get_name (entry)), "[]", '_');
  const char *user = dt_entry_get_user (entry);
  guint idle = dt_entry_get_idle_disconnect (entry);

  g_string_append_printf (out, "# Exported by Dialtone from the entry \"%s\". The password is "
                               "not written:\n# fill it in, or let wvdial ask for it.\n",
                          dt_entry_get_name (entry));
  g_string_append_printf (out, "[Dialer %s]\n", section);
  if (dt_entry_get_device (entry)[0] != '\0')
    g_string_append_printf (out, "Modem = %s\n", dt_entry_get_device (entry));
  else
    note (notes, _("The entry names no modem: fill in “Modem =”."));
  g_string_append_printf (out, "Baud = %u\n", dt_entry_get_speed (entry));
  wvdial_init_strings (out, entry, notes);
  wvdial_numbers (out, entry, notes);
  if (user[0] != '\0')
    g_string_append_printf (out, "Username = %s\n", user);
  if (dt_entry_get_prompt_credentials (entry) || !dt_entry_get_remember_password (entry))
    g_string_append (out, "Ask Password = 1\n");
  else
    g_string_append (out, "; Password = <Your Password>\n");
  wvdial_login (out, entry, notes);
  g_string_append_printf (out, "Auto Reconnect = %s\n",
                          dt_entry_get_redial_on_link_drop (entry) && idle == 0 ? "on" : "off");
  g_string_append_printf (out, "Dial Attempts = %u\n", dt_entry_get_redial_attempts (entry) + 1);
  if (idle > 0)
    g_string_append_printf (out, "Idle Seconds = %u\n", idle);
  g_string_append_printf (out, "Dial Timeout = %u\n", dt_entry_get_dial_timeout (entry));
  wvdial_network (out, entry, notes);
  g_string_append (out, "New PPPD = yes\n");
  return g_string_free_to_bytes (out);
}

/* Windows phonebook ------------------------------------------------------------------- */

#define CRLF "\r\n"

/* AR_F_AuthPAP, _AuthMD5CHAP, _AuthEAP, _AuthMSCHAP2 (ras's pbk.h). */
static guint
auth_restrictions (DtEntry *entry)
{
  DtAuthMethods methods = dt_entry_get_effective_auth_methods (entry);

  return (methods & DT_AUTH_PAP ? 0x8 : 0) | (methods & DT_AUTH_CHAP ? 0x20 : 0) |
         (methods & DT_AUTH_EAP ? 0x80 : 0) | (methods & DT_AUTH_MSCHAPV2 ? 0x200 : 0);
}

static void
pbk_number (GString    *out,
            DtEntry    *entry,
            const char *number)
{
  g_autofree char *with_prefix = g_strconcat (dt_entry_get_dial_prefix (entry), number, NULL);
  guint country = dt_entry_get_country_code (entry);

  g_string_append_printf (out, "PhoneNumber=%s" CRLF "AreaCode=%s" CRLF "CountryCode=%u" CRLF
                               "CountryID=%u" CRLF "UseDialingRules=%d" CRLF "Comment=" CRLF,
                          with_prefix, dt_entry_get_area_code (entry), country, country,
                          dt_entry_get_use_dialing_rules (entry));
}

static void
pbk_entry_keys (GString   *out,
                DtEntry   *entry,
                GPtrArray *notes)
{
  const char * const *dns = dt_entry_get_dns_servers (entry);
  gboolean manual_dns = dt_entry_get_dns_mode (entry) == DT_DNS_MODE_MANUAL;
  gboolean static_ip = dt_entry_get_ip_mode (entry) == DT_IP_MODE_STATIC;

  g_string_append_printf (out,
    "Encoding=1" CRLF "Type=1" CRLF "AutoLogon=0" CRLF "UseRasCredentials=1" CRLF
    "BaseProtocol=1" CRLF "VpnStrategy=0" CRLF "ExcludedProtocols=0" CRLF "LcpExtensions=1" CRLF
    "DataEncryption=%u" CRLF "SwCompression=1" CRLF "NegotiateMultilinkAlways=0" CRLF
    "SkipNwcWarning=0" CRLF "SkipDownLevelDialog=0" CRLF "SkipDoubleDialDialog=0" CRLF
    "DialMode=1" CRLF "DialPercent=75" CRLF "DialSeconds=120" CRLF "HangUpPercent=10" CRLF
    "HangUpSeconds=120" CRLF "OverridePref=15" CRLF "RedialAttempts=%u" CRLF
    "RedialSeconds=%u" CRLF "IdleDisconnectSeconds=%u" CRLF "RedialOnLinkFailure=%d" CRLF
    "CallbackMode=%d" CRLF "CustomDialDll=" CRLF "CustomDialFunc=" CRLF "CustomRasDialDll=" CRLF
    "AuthenticateServer=0" CRLF "ShareMsFilePrint=0" CRLF "BindMsNetClient=1" CRLF
    "SharedPhoneNumbers=0" CRLF "GlobalDeviceSettings=0" CRLF "PrerequisiteEntry=" CRLF
    "PrerequisitePbk=" CRLF "PreferredPort=" CRLF "PreferredDevice=" CRLF "PreviewUserPw=%d" CRLF
    "PreviewDomain=%d" CRLF "PreviewPhoneNumber=0" CRLF "ShowDialingProgress=1" CRLF
    "ShowMonitorIconInTaskBar=1" CRLF "CustomAuthKey=0" CRLF "AuthRestrictions=%u" CRLF
    "IpPrioritizeRemote=%d" CRLF "IpHeaderCompression=1" CRLF "IpAddress=%s" CRLF
    "IpDnsAddress=%s" CRLF "IpDns2Address=%s" CRLF "IpWinsAddress=0.0.0.0" CRLF
    "IpWins2Address=0.0.0.0" CRLF "IpAssign=%d" CRLF "IpNameAssign=%d" CRLF "IpFrameSize=1006" CRLF
    "IpDnsFlags=0" CRLF "IpNBTFlags=1" CRLF "TcpWindowSize=0" CRLF "UseFlags=0" CRLF
    "IpSecFlags=0" CRLF "IpDnsSuffix=" CRLF,
    dt_entry_get_require_encryption (entry) ? 256 : 8, dt_entry_get_redial_attempts (entry),
    dt_entry_get_redial_interval (entry), dt_entry_get_idle_disconnect (entry),
    dt_entry_get_redial_on_link_drop (entry),
    dt_entry_get_callback_mode (entry) == DT_CALLBACK_NONE ? 0
    : dt_entry_get_callback_mode (entry) == DT_CALLBACK_ASK ? 1 : 2,
    dt_entry_get_prompt_credentials (entry) || !dt_entry_get_remember_password (entry),
    dt_entry_get_domain (entry)[0] != '\0', auth_restrictions (entry),
    dt_entry_get_default_gateway (entry),
    static_ip ? dt_entry_get_static_address (entry) : "0.0.0.0",
    manual_dns && dns[0] != NULL ? dns[0] : "0.0.0.0",
    manual_dns && dns[0] != NULL && dns[1] != NULL ? dns[1] : "0.0.0.0",
    static_ip ? 2 : 1, manual_dns ? 2 : 1);
  if (dt_entry_get_callback_mode (entry) == DT_CALLBACK_FIXED)
    note (notes, _("Windows keeps the callback number apart: enter it when Windows asks."));
  if (dt_entry_get_routes (entry)[0] != NULL)
    note (notes, _("A Windows phonebook holds no routes: add them with “route add” on Windows."));
  if (dt_entry_get_require_encryption (entry))
    note (notes, _("Windows will require encrypted data too (MPPE), which Dialtone does not "
                   "do."));
}

static void
pbk_link (GString   *out,
          DtEntry   *entry,
          GPtrArray *notes)
{
  const char * const *alternates = dt_entry_get_alternates (entry);

  g_string_append_printf (out, CRLF "NETCOMPONENTS=" CRLF "ms_server=0" CRLF "ms_msclient=1" CRLF
                               CRLF "MEDIA=serial" CRLF "Port=" CRLF "Device=" CRLF
                               "ConnectBPS=%u" CRLF CRLF "DEVICE=modem" CRLF,
                          dt_entry_get_speed (entry));
  pbk_number (out, entry, dt_entry_get_number (entry));
  for (guint i = 0; alternates[i] != NULL; i++)
    pbk_number (out, entry, alternates[i]);
  g_string_append_printf (out, "LastSelectedPhone=0" CRLF "PromoteAlternates=0" CRLF
                               "TryNextAlternateOnFail=%d" CRLF "HwFlowControl=%d" CRLF
                               "Protocol=1" CRLF "Compression=1" CRLF "Speaker=%d" CRLF
                               "MdmProtocol=0" CRLF,
                          dt_entry_get_try_alternates (entry),
                          dt_entry_get_flow_control (entry) == DT_FLOW_CONTROL_HARDWARE,
                          dt_entry_get_speaker (entry) != DT_SPEAKER_OFF);
  if (dt_entry_get_show_terminal (entry))
    g_string_append (out, CRLF "DEVICE=switch" CRLF "Type=Terminal" CRLF "Terminal=1" CRLF
                          "Script=0" CRLF "Name=" CRLF);
  note (notes, _("A Windows phonebook names no Linux port: choose the modem in the entry's "
                 "properties on Windows."));
  if (dt_entry_get_init_strings (entry)[0] != NULL ||
      dt_entry_get_extra_commands (entry)[0] != '\0')
    note (notes, _("Windows keeps init strings with the modem, not in the phonebook: enter "
                   "them under the modem's Advanced settings."));
  if (dt_entry_get_login_script (entry)[0] != '\0')
    note (notes, _("Windows runs login scripts from .scp files: the login script is not "
                   "written."));
}

static GBytes *
export_pbk (DtEntry   *entry,
            GPtrArray *notes)
{
  GString *out = g_string_new (NULL);
  g_autofree char *section = g_strdelimit (g_strdup (dt_entry_get_name (entry)), "[]", '_');

  /* A section starting with "." is one of Windows' own. */
  if (section[0] == '.')
    section[0] = '_';
  g_string_append_printf (out, "[%s]" CRLF, section);
  pbk_entry_keys (out, entry, notes);
  /* Windows reads an old entry's User and Domain as the defaults of the connect dialog. */
  if (dt_entry_get_user (entry)[0] != '\0')
    g_string_append_printf (out, "User=%s" CRLF, dt_entry_get_user (entry));
  if (dt_entry_get_domain (entry)[0] != '\0')
    g_string_append_printf (out, "Domain=%s" CRLF, dt_entry_get_domain (entry));
  pbk_link (out, entry, notes);
  g_string_append (out, CRLF);
  return g_string_free_to_bytes (out);
}

/**
 * dt_export_entry:
 * @entry: the entry
 * @format: DT_IMPORT_FORMAT_WVDIAL or DT_IMPORT_FORMAT_PBK
 * @notes: (nullable) (element-type utf8): where to add what the format cannot say
 *
 * Returns: (transfer full): the entry in that format, without its password
 */
GBytes *
dt_export_entry (DtEntry        *entry,
                 DtImportFormat  format,
                 GPtrArray      *notes)
{
  g_return_val_if_fail (DT_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (format == DT_IMPORT_FORMAT_WVDIAL || format == DT_IMPORT_FORMAT_PBK, NULL);

  if (format == DT_IMPORT_FORMAT_WVDIAL)
    return export_wvdial (entry, notes);
  return export_pbk (entry, notes);
}
