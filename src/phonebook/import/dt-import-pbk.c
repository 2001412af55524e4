/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Windows phonebook reader (rasphone.pbk, from %APPDATA%\Microsoft\Network\Connections\Pbk
 * or the all-users folder).  Each [name] section is an entry: its own keys, then one
 * sub-section per link starting at "MEDIA=" (the port), with "DEVICE=" sub-sections inside
 * it ("DEVICE=modem" holds the numbers, each "PhoneNumber=" followed by its AreaCode,
 * CountryCode, CountryID, UseDialingRules and Comment; "DEVICE=switch" a terminal or script
 * after dialing), and "NETCOMPONENTS=" for Windows' network components.  Sections whose
 * name starts with "." are Windows' own preferences.  Only phone entries (Type=1) are
 * imported; the others are listed as skipped, with their type.  The file holds no
 * passwords, and "COM3" names no Linux device: the preview asks for it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-readers.h"

/* A ras.h RASET_* entry type. */
static const char *
type_name (guint type)
{
  switch (type)
    {
    case 2: return _("a VPN entry");
    case 3: return _("a direct cable entry");
    case 4: return _("an Internet (BAP) entry");
    case 5: return _("a broadband (PPPoE) entry");
    default: return _("an entry of an unknown type");
    }
}

typedef struct {
  const DtImportKey *number;
  const DtImportKey *area;
  const DtImportKey *country;
  const DtImportKey *rules;
} Number;

typedef struct {
  DtImportProposal *p;
  DtEntry *entry;
  GArray *numbers;              /* Number */
  const DtImportKey *port;
  const DtImportKey *device;
  GHashTable *done;             /* keys already noted (the addresses IpAssign uses) */
} Entry;

/* The value of @name among the entry's own keys (before the first MEDIA=). */
static const DtImportKey *
entry_key (const DtImportSection *section,
           const char            *name)
{
  const DtImportKey *found = NULL;

  for (guint i = 0; i < section->keys->len; i++)
    {
      const DtImportKey *key = &g_array_index (section->keys, DtImportKey, i);

      if (g_str_equal (key->key, "MEDIA"))
        break;
      if (g_ascii_strcasecmp (key->key, name) == 0)
        found = key;
    }
  return found;
}

static gboolean
is_unset_address (const char *text)
{
  return text[0] == '\0' || g_str_equal (text, "0.0.0.0");
}

/* Entry keys with a meaning -------------------------------------------------------------- */

/* AuthRestrictions: NT5's bit flags (AR_F_Auth*), or NT4's scalar AR_Auth* (below 8). */
static void
map_auth (Entry             *e,
          const DtImportKey *key)
{
  guint flags, methods = 0;

  if (!dt_import_parse_uint (key->value, &flags))
    {
      dt_import_proposal_lost (e->p, key, _("not imported: not a whole number"));
      return;
    }
  if (flags == 1)
    /* NT4's "terminal" authentication: a terminal window after dialing. */
    dt_import_proposal_set (e->p, key, "show-terminal", _("a terminal window after dialing"),
                            TRUE);
  if (flags < 8)
    flags = flags == 2 ? 0x260 : flags == 3 ? 0x40 : flags == 4 ? 0x80 : 0x278;
  if (flags & 0x8)
    methods |= DT_AUTH_PAP;
  if (flags & 0x20)
    methods |= DT_AUTH_CHAP;
  if (flags & (0x200 | 0x40 | 0x400))
    methods |= DT_AUTH_MSCHAPV2;
  if (flags & 0x80)
    methods |= DT_AUTH_EAP;
  if (methods == 0)
    {
      dt_import_proposal_lost (e->p, key, _("not imported: Shiva PAP is not supported; the "
                                            "entry allows every method"));
      return;
    }
  dt_import_proposal_set (e->p, key, "auth-methods", _("the authentication methods"), methods);
  if ((flags & (0x40 | 0x400)) && !(flags & 0x200))
    dt_import_proposal_lost (e->p, key, _("MS-CHAP (version 1) is not supported: MS-CHAP v2 is "
                                          "allowed instead"));
  if (flags & 0x10)
    dt_import_proposal_lost (e->p, key, _("Shiva PAP is not supported"));
}

/* DataEncryption: 8 asks for it, 256 and 512 require it.  Dialtone has no MPPE; what it
 * can require is a password that does not cross the line in clear. */
static void
map_encryption (Entry             *e,
                const DtImportKey *key)
{
  guint level;

  if (!dt_import_parse_uint (key->value, &level))
    dt_import_proposal_lost (e->p, key, _("not imported: not a whole number"));
  else if (level >= 256)
    {
      if (dt_import_proposal_set (e->p, key, "require-encryption",
                                  _("require an encrypted password"), TRUE))
        dt_import_proposal_lost (e->p, key, _("Dialtone does not encrypt the data itself (no "
                                              "MPPE): only the password is protected"));
    }
  else
    dt_import_proposal_mapped (e->p, key, _("encryption is not required"));
}

static void
map_callback (Entry             *e,
              const DtImportKey *key)
{
  guint mode;

  if (!dt_import_parse_uint (key->value, &mode) || mode > 2)
    dt_import_proposal_lost (e->p, key, _("not imported: Windows knows the callback modes 0 to 2"));
  else if (mode == 0)
    dt_import_proposal_set (e->p, key, "callback-mode", _("no callback"), DT_CALLBACK_NONE);
  else if (dt_import_proposal_set (e->p, key, "callback-mode",
                                   _("callback at the number you give"), DT_CALLBACK_ASK) &&
           mode == 2)
    dt_import_proposal_lost (e->p, key, _("Windows keeps the callback number apart, not in the "
                                          "phonebook: Dialtone asks for it"));
}

static void
map_ip (Entry                 *e,
        const DtImportSection *section,
        const DtImportKey     *key)
{
  const DtImportKey *address = entry_key (section, "IpAddress");
  guint source;

  if (!dt_import_parse_uint (key->value, &source) || (source != 1 && source != 2))
    dt_import_proposal_lost (e->p, key, _("not imported: neither 1 (from the server) nor 2"));
  else if (source == 1)
    dt_import_proposal_mapped (e->p, key, _("the address the server gives"));
  else if (address == NULL)
    dt_import_proposal_lost (e->p, key, _("not imported: there is no IpAddress"));
  else
    {
      g_hash_table_add (e->done, (gpointer) address);
      if (dt_import_proposal_set_static_address (e->p, address))
        dt_import_proposal_mapped (e->p, key, _("a static address"));
    }
}

static void
map_dns (Entry                 *e,
         const DtImportSection *section,
         const DtImportKey     *key)
{
  const DtImportKey *first = entry_key (section, "IpDnsAddress");
  const DtImportKey *second = entry_key (section, "IpDns2Address");
  g_autoptr (GPtrArray) servers = g_ptr_array_new_null_terminated (2, NULL, TRUE);
  guint source;

  if (first != NULL && !is_unset_address (first->value))
    g_ptr_array_add (servers, first->value);
  if (second != NULL && !is_unset_address (second->value))
    g_ptr_array_add (servers, second->value);
  if (!dt_import_parse_uint (key->value, &source) || (source != 1 && source != 2))
    dt_import_proposal_lost (e->p, key, _("not imported: neither 1 (from the server) nor 2"));
  else if (source == 1)
    dt_import_proposal_mapped (e->p, key, _("DNS servers from the ISP"));
  else if (servers->len == 0)
    dt_import_proposal_lost (e->p, key, _("not imported: there is no IpDnsAddress"));
  else
    {
      dt_entry_set_dns_mode (e->entry, DT_DNS_MODE_MANUAL);
      if (dt_import_proposal_set (e->p, key, "dns-servers", _("the entry's own DNS servers"),
                                  servers->pdata))
        {
          if (first != NULL && !is_unset_address (first->value))
            dt_import_proposal_mapped (e->p, first, _("the first DNS server"));
          if (second != NULL && !is_unset_address (second->value))
            dt_import_proposal_mapped (e->p, second, _("the second DNS server"));
          g_hash_table_add (e->done, (gpointer) first);
          g_hash_table_add (e->done, (gpointer) second);
        }
      else
        dt_entry_set_dns_mode (e->entry, DT_DNS_MODE_SERVER);
    }
}

/* PreviewUserPw: Windows asks for the user name and password.  When it did not, it had the
 * password saved, which the file does not hold: the entry asks the first time. */
static void
map_preview (Entry             *e,
             const DtImportKey *key)
{
  gboolean preview;

  if (!dt_import_parse_boolean (key->value, &preview))
    dt_import_proposal_lost (e->p, key, _("not imported: neither yes nor no"));
  else if (preview)
    dt_import_proposal_mapped (e->p, key, _("ask for the user name and password"));
  else
    dt_import_proposal_lost (e->p, key, _("Windows had the password saved, but not in this "
                                          "file: Dialtone asks for it when you first connect"));
}

/* The entry's other keys --------------------------------------------------------------- */

typedef enum {
  NEEDLESS,         /* Windows' own business */
  LOST_IF_SET,      /* a setting Dialtone lacks, lost unless empty, 0 or 0.0.0.0 */
  LOST,             /* a setting Dialtone lacks */
} Severity;

static const struct {
  const char *key;
  Severity severity;
  const char *reason;
} other_keys[] = {
  { "Encoding", NEEDLESS, N_("not needed: how the file is written") },
  { "UseRasCredentials", NEEDLESS, N_("not needed: Windows' own bookkeeping") },
  { "DialParamsUID", NEEDLESS, N_("not needed: Windows' own bookkeeping") },
  { "Guid", NEEDLESS, N_("not needed: Windows' own bookkeeping") },
  { "OverridePref", NEEDLESS, N_("not needed: Windows' own bookkeeping") },
  { "VpnStrategy", NEEDLESS, N_("not needed: for VPN entries") },
  { "IpSecFlags", NEEDLESS, N_("not needed: for VPN entries") },
  { "ExcludedProtocols", NEEDLESS, N_("not needed: Windows' network protocols") },
  { "LcpExtensions", NEEDLESS, N_("not needed: Dialtone negotiates the LCP options it needs") },
  { "SwCompression", NEEDLESS, N_("not needed: Dialtone decides on compression itself") },
  { "IpHeaderCompression", NEEDLESS, N_("not needed: Dialtone decides on compression itself") },
  { "NegotiateMultilinkAlways", NEEDLESS, N_("not needed: for multilink entries") },
  { "DialMode", NEEDLESS, N_("not needed: for multilink entries") },
  { "DialPercent", NEEDLESS, N_("not needed: for multilink entries") },
  { "DialSeconds", NEEDLESS, N_("not needed: for multilink entries") },
  { "HangUpPercent", NEEDLESS, N_("not needed: for multilink entries") },
  { "HangUpSeconds", NEEDLESS, N_("not needed: for multilink entries") },
  { "SkipNwcWarning", NEEDLESS, N_("not needed: Windows' dialogs") },
  { "SkipDownLevelDialog", NEEDLESS, N_("not needed: Windows' dialogs") },
  { "SkipDoubleDialDialog", NEEDLESS, N_("not needed: Windows' dialogs") },
  { "ShowDialingProgress", NEEDLESS, N_("not needed: Windows' dialogs") },
  { "ShowMonitorIconInTaskBar", NEEDLESS, N_("not needed: Windows' dialogs") },
  { "PreviewDomain", NEEDLESS, N_("not needed: Dialtone asks for the domain with the user "
                                  "name") },
  { "PreviewPhoneNumber", NEEDLESS, N_("not needed: Dialtone's connect dialog always offers "
                                       "the numbers") },
  { "AuthenticateServer", NEEDLESS, N_("not needed: for router entries") },
  { "ShareMsFilePrint", NEEDLESS, N_("not needed: Windows file sharing") },
  { "BindMsNetClient", NEEDLESS, N_("not needed: Windows file sharing") },
  { "SharedPhoneNumbers", NEEDLESS, N_("not needed: for multilink entries") },
  { "GlobalDeviceSettings", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredPort", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredDevice", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredBps", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredHwFlow", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredProtocol", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredCompression", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredSpeaker", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "PreferredMdmProtocol", NEEDLESS, N_("not needed: Windows' choice of device") },
  { "CustomAuthKey", NEEDLESS, N_("not needed: for EAP") },
  { "CustomAuthData", NEEDLESS, N_("not needed: for EAP") },
  { "CustomAuthStdCreds", NEEDLESS, N_("not needed: for EAP") },
  { "TypicalAuth", NEEDLESS, N_("not needed: AuthRestrictions says which methods") },
  { "IpFrameSize", NEEDLESS, N_("not needed: for SLIP") },
  { "IpDnsFlags", NEEDLESS, N_("not needed: Windows registers its name in DNS") },
  { "IpNBTFlags", NEEDLESS, N_("not needed: NetBIOS over TCP/IP") },
  { "TcpWindowSize", NEEDLESS, N_("not needed: Linux sizes its TCP windows itself") },
  { "UseFlags", NEEDLESS, N_("not needed: Windows' own bookkeeping") },
  { "IpInterfaceMetric", NEEDLESS, N_("not needed: Windows' routing metric") },
  { "Description", NEEDLESS, N_("not needed: a description") },
  { "IpAddress", NEEDLESS, N_("not needed: IpAssign says the server gives the address") },
  { "IpDnsAddress", NEEDLESS, N_("not needed: IpNameAssign says the server gives the DNS "
                                 "servers") },
  { "IpDns2Address", NEEDLESS, N_("not needed: IpNameAssign says the server gives the DNS "
                                  "servers") },
  { "CustomDialDll", LOST_IF_SET, N_("not imported: a Windows program that dials") },
  { "CustomDialFunc", LOST_IF_SET, N_("not imported: a Windows program that dials") },
  { "CustomRasDialDll", LOST_IF_SET, N_("not imported: a Windows program that dials") },
  { "PrerequisiteEntry", LOST_IF_SET, N_("not imported: dialing another entry first is not "
                                         "supported") },
  { "PrerequisitePbk", LOST_IF_SET, N_("not imported: dialing another entry first is not "
                                       "supported") },
  { "IpWinsAddress", LOST_IF_SET, N_("not imported: WINS is not supported") },
  { "IpWins2Address", LOST_IF_SET, N_("not imported: WINS is not supported") },
  { "IpDnsSuffix", LOST_IF_SET, N_("not imported: Dialtone leaves the DNS suffix to "
                                   "NetworkManager") },
  { "AutoLogon", LOST_IF_SET, N_("not imported: there is no Windows logon to use") },
  { "TerminalBeforeDial", LOST_IF_SET, N_("not imported: a terminal window before dialing is "
                                          "not supported") },
  { "CustomScript", LOST_IF_SET, N_("not imported: a Windows program that runs the script") },
};

static gboolean
is_empty_value (const char *value)
{
  return value[0] == '\0' || g_str_equal (value, "0") || g_str_equal (value, "0.0.0.0");
}

static void
report_other (Entry             *e,
              const DtImportKey *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (other_keys); i++)
    if (g_ascii_strcasecmp (key->key, other_keys[i].key) == 0)
      {
        if (other_keys[i].severity == LOST ||
            (other_keys[i].severity == LOST_IF_SET && !is_empty_value (key->value)))
          dt_import_proposal_lost (e->p, key, _(other_keys[i].reason));
        else
          dt_import_proposal_unmapped (e->p, key, other_keys[i].severity == NEEDLESS
                                                  ? _(other_keys[i].reason)
                                                  : _("not needed: not set"));
        return;
      }
  if (g_str_has_prefix (key->key, "Ipv6"))
    dt_import_proposal_unmapped (e->p, key, _("not needed: Dialtone's connections are IPv4"));
  else
    dt_import_proposal_unmapped (e->p, key, _("not imported: a setting Dialtone does not know"));
}

static void
map_entry_key (Entry                 *e,
               const DtImportSection *section,
               const DtImportKey     *key)
{
  const char *k = key->key;

  if (g_ascii_strcasecmp (k, "Type") == 0)
    dt_import_proposal_mapped (e->p, key, _("a dial-up entry"));
  else if (g_ascii_strcasecmp (k, "BaseProtocol") == 0)
    dt_import_proposal_mapped (e->p, key, _("PPP"));
  else if (g_ascii_strcasecmp (k, "RedialAttempts") == 0)
    dt_import_proposal_set_uint_text (e->p, key, "redial-attempts", _("the number of redials"));
  else if (g_ascii_strcasecmp (k, "RedialSeconds") == 0)
    dt_import_proposal_set_uint_text (e->p, key, "redial-interval", _("the wait before "
                                                                      "redialing"));
  else if (g_ascii_strcasecmp (k, "IdleDisconnectSeconds") == 0)
    dt_import_proposal_set_uint_text (e->p, key, "idle-disconnect", _("hang up when idle"));
  else if (g_ascii_strcasecmp (k, "RedialOnLinkFailure") == 0)
    dt_import_proposal_set_boolean_text (e->p, key, "redial-on-link-drop",
                                         _("redial when the link drops"), FALSE);
  else if (g_ascii_strcasecmp (k, "IpPrioritizeRemote") == 0)
    dt_import_proposal_set_boolean_text (e->p, key, "default-gateway", _("the default route"),
                                         FALSE);
  else if (g_ascii_strcasecmp (k, "AuthRestrictions") == 0)
    map_auth (e, key);
  else if (g_ascii_strcasecmp (k, "DataEncryption") == 0)
    map_encryption (e, key);
  else if (g_ascii_strcasecmp (k, "CallbackMode") == 0)
    map_callback (e, key);
  else if (g_ascii_strcasecmp (k, "IpAssign") == 0 || g_ascii_strcasecmp (k, "IpNameAssign") == 0)
    ;   /* before the others: see map_entry */
  else if (g_ascii_strcasecmp (k, "PreviewUserPw") == 0)
    map_preview (e, key);
  else if (g_ascii_strcasecmp (k, "User") == 0)
    dt_import_proposal_set (e->p, key, "user", _("the user name"), key->value);
  else if (g_ascii_strcasecmp (k, "Domain") == 0)
    dt_import_proposal_set (e->p, key, "domain", _("the domain"), key->value);
  else if (g_ascii_strcasecmp (k, "TerminalAfterDial") == 0)
    dt_import_proposal_set_boolean_text (e->p, key, "show-terminal",
                                         _("a terminal window after dialing"), FALSE);
  else if (!g_hash_table_contains (e->done, key))
    report_other (e, key);
}

/* The link: MEDIA= and its DEVICE= sub-sections ---------------------------------------- */

static void
map_media_key (Entry             *e,
               const DtImportKey *key)
{
  if (g_ascii_strcasecmp (key->key, "Port") == 0)
    {
      e->port = key;
      dt_import_proposal_lost (e->p, key, _("not imported: a Windows port names no Linux "
                                            "device; choose the modem in the preview"));
    }
  else if (g_ascii_strcasecmp (key->key, "Device") == 0)
    {
      e->device = key;
      dt_import_proposal_unmapped (e->p, key, _("not needed: the modem's name in Windows"));
    }
  else if (g_ascii_strcasecmp (key->key, "ConnectBPS") == 0)
    dt_import_proposal_set_uint_text (e->p, key, "speed", _("the port speed"));
  else
    dt_import_proposal_unmapped (e->p, key, _("not imported: a setting Dialtone does not know"));
}

static Number *
current_number (Entry *e)
{
  return e->numbers->len > 0 ? &g_array_index (e->numbers, Number, e->numbers->len - 1) : NULL;
}

static void
map_modem_key (Entry             *e,
               const DtImportKey *key)
{
  const char *k = key->key;
  Number *number = current_number (e);
  guint n;

  if (g_ascii_strcasecmp (k, "PhoneNumber") == 0)
    {
      Number fresh = { key, NULL, NULL, NULL };

      g_array_append_val (e->numbers, fresh);
    }
  else if (number != NULL && g_ascii_strcasecmp (k, "AreaCode") == 0)
    number->area = key;
  else if (number != NULL && g_ascii_strcasecmp (k, "CountryCode") == 0)
    number->country = key;
  else if (number != NULL && g_ascii_strcasecmp (k, "UseDialingRules") == 0)
    number->rules = key;
  else if (g_ascii_strcasecmp (k, "CountryID") == 0)
    dt_import_proposal_unmapped (e->p, key, _("not needed: Windows' list of countries; "
                                              "CountryCode gives the code"));
  else if (g_ascii_strcasecmp (k, "Comment") == 0 || g_ascii_strcasecmp (k, "FriendlyName") == 0)
    dt_import_proposal_unmapped (e->p, key, _("not needed: a comment"));
  else if (g_ascii_strcasecmp (k, "TryNextAlternateOnFail") == 0)
    dt_import_proposal_set_boolean_text (e->p, key, "try-alternates",
                                         _("try the next number when one fails"), FALSE);
  else if (g_ascii_strcasecmp (k, "HwFlowControl") == 0)
    {
      gboolean b;

      if (dt_import_parse_boolean (key->value, &b))
        dt_import_proposal_set (e->p, key, "flow-control",
                                b ? _("hardware flow control") : _("no flow control"),
                                b ? DT_FLOW_CONTROL_HARDWARE : DT_FLOW_CONTROL_NONE);
      else
        dt_import_proposal_lost (e->p, key, _("not imported: neither yes nor no"));
    }
  else if (g_ascii_strcasecmp (k, "Speaker") == 0 && dt_import_parse_uint (key->value, &n))
    dt_import_proposal_set (e->p, key, "speaker", n ? _("the speaker on until connected")
                                                     : _("the speaker off"),
                            n ? DT_SPEAKER_UNTIL_CONNECT : DT_SPEAKER_OFF);
  else if (g_ascii_strcasecmp (k, "PromoteAlternates") == 0 && !is_empty_value (key->value))
    dt_import_proposal_lost (e->p, key, _("not imported: Dialtone tries the numbers in their "
                                          "order"));
  else if (g_ascii_strcasecmp (k, "ManualDial") == 0 && !is_empty_value (key->value))
    dt_import_proposal_lost (e->p, key, _("not imported: dialing by hand is not supported"));
  else if (g_ascii_strcasecmp (k, "Protocol") == 0 || g_ascii_strcasecmp (k, "Compression") == 0 ||
           g_ascii_strcasecmp (k, "MdmProtocol") == 0)
    dt_import_proposal_unmapped (e->p, key, _("not needed: the modem's own error control and "
                                              "compression"));
  else if (g_ascii_strcasecmp (k, "LastSelectedPhone") == 0 ||
           g_ascii_strcasecmp (k, "PromoteAlternates") == 0 ||
           g_ascii_strcasecmp (k, "ManualDial") == 0)
    dt_import_proposal_unmapped (e->p, key, _("not needed: Windows' own bookkeeping"));
  else
    dt_import_proposal_unmapped (e->p, key, _("not imported: a setting Dialtone does not know"));
}

/* DEVICE=switch: a terminal window, or a script (a .scp file on the Windows PC). */
static void
map_switch_key (Entry             *e,
                const DtImportKey *key)
{
  gboolean on = FALSE;

  gboolean type_terminal = g_ascii_strcasecmp (key->key, "Type") == 0 &&
                           g_ascii_strcasecmp (key->value, "Terminal") == 0;

  if (type_terminal || g_ascii_strcasecmp (key->key, "Terminal") == 0)
    {
      if (type_terminal || (dt_import_parse_boolean (key->value, &on) && on))
        dt_import_proposal_set (e->p, key, "show-terminal", _("a terminal window after dialing"),
                                TRUE);
      else
        dt_import_proposal_unmapped (e->p, key, _("not needed: no terminal window"));
    }
  else if (g_ascii_strcasecmp (key->key, "Name") == 0 && key->value[0] != '\0')
    dt_import_proposal_lost (e->p, key, _("not imported: the script is a file on the Windows "
                                          "PC; write its commands in the entry's login script"));
  else
    dt_import_proposal_unmapped (e->p, key, _("not needed: the script's name is what matters"));
}

/* The first number, with its area and country codes, and the alternates.  The entry keeps
 * one area code: an alternate elsewhere is said to be dialed with it. */
static void
map_numbers (Entry *e)
{
  g_autoptr (GPtrArray) alternates = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  Number *first;

  if (e->numbers->len == 0)
    return;
  first = &g_array_index (e->numbers, Number, 0);
  dt_import_proposal_set (e->p, first->number, "number", _("the number"), first->number->value);
  if (first->area != NULL)
    dt_import_proposal_set (e->p, first->area, "area-code", _("the area code"), first->area->value);
  if (first->country != NULL)
    dt_import_proposal_set_uint_text (e->p, first->country, "country-code",
                                      _("the country code"));
  if (first->rules != NULL)
    dt_import_proposal_set_boolean_text (e->p, first->rules, "use-dialing-rules",
                                         _("use dialing rules"), FALSE);
  for (guint i = 1; i < e->numbers->len; i++)
    {
      Number *n = &g_array_index (e->numbers, Number, i);
      g_autofree char *what = g_strdup_printf (_("alternate number %u"), alternates->len + 1);
      const DtImportKey *codes[] = { n->area, n->country, n->rules };
      const DtImportKey *firsts[] = { first->area, first->country, first->rules };
      gboolean rules = FALSE;

      if (n->rules != NULL)
        dt_import_parse_boolean (n->rules->value, &rules);
      g_ptr_array_add (alternates, n->number->value);
      if (!dt_import_proposal_set (e->p, n->number, "alternates", what, alternates->pdata))
        g_ptr_array_remove_index (alternates, alternates->len - 1);
      for (gsize c = 0; c < G_N_ELEMENTS (codes); c++)
        {
          if (codes[c] == NULL)
            continue;
          if (!rules)
            dt_import_proposal_unmapped (e->p, codes[c], _("not needed: this number is dialed "
                                                           "without dialing rules"));
          else if (firsts[c] != NULL && g_str_equal (codes[c]->value, firsts[c]->value))
            dt_import_proposal_unmapped (e->p, codes[c], _("not needed: the same as the first "
                                                           "number's"));
          else
            dt_import_proposal_lost (e->p, codes[c], _("not imported: an entry has one area and "
                                                       "country code, the first number's"));
        }
    }
}

/* Entries -------------------------------------------------------------------------------- */

typedef enum {
  PART_ENTRY,
  PART_NET,
  PART_LINK,
} Part;

/* Walks the keys in order: the entry's, NETCOMPONENTS=, then each MEDIA= link with its
 * DEVICE= sub-sections.  Only the first link is imported. */
static void
map_keys (Entry                 *e,
          const DtImportSection *section)
{
  Part part = PART_ENTRY;
  const char *device = NULL;
  guint links = 0;

  for (guint i = 0; i < section->keys->len; i++)
    {
      const DtImportKey *key = &g_array_index (section->keys, DtImportKey, i);

      if (g_str_equal (key->key, "MEDIA"))
        {
          part = PART_LINK;
          device = NULL;
          if (++links == 1)
            dt_import_proposal_mapped (e->p, key, _("a modem"));
        }
      else if (g_str_equal (key->key, "NETCOMPONENTS"))
        {
          part = PART_NET;
          dt_import_proposal_unmapped (e->p, key, _("not needed: Windows' network components"));
          continue;
        }
      else if (g_str_equal (key->key, "DEVICE") && part == PART_LINK)
        {
          device = key->value;
          if (links == 1 && g_ascii_strcasecmp (device, "modem") == 0)
            dt_import_proposal_mapped (e->p, key, _("the modem's numbers"));
          else if (links == 1 && g_ascii_strcasecmp (device, "switch") == 0)
            dt_import_proposal_mapped (e->p, key, _("what happens after dialing"));
          else if (links == 1)
            dt_import_proposal_lost (e->p, key, _("not imported: a device Dialtone does not "
                                                  "dial"));
        }
      if (links > 1)
        {
          dt_import_proposal_lost (e->p, key, _("not imported: a further line of a multilink "
                                                "entry, whose Windows port names no Linux "
                                                "device; add its modem under Multilink in "
                                                "the editor"));
          continue;
        }
      if (g_str_equal (key->key, "MEDIA") || g_str_equal (key->key, "DEVICE"))
        continue;
      if (part == PART_ENTRY)
        map_entry_key (e, section, key);
      else if (part == PART_NET)
        dt_import_proposal_unmapped (e->p, key, _("not needed: Windows' network components"));
      else if (device == NULL)
        map_media_key (e, key);
      else if (g_ascii_strcasecmp (device, "modem") == 0)
        map_modem_key (e, key);
      else if (g_ascii_strcasecmp (device, "switch") == 0)
        map_switch_key (e, key);
      else
        dt_import_proposal_lost (e->p, key, _("not imported: a device Dialtone does not dial"));
    }
}

/* Why the entry is not a phone entry Dialtone can dial, or NULL. */
static char *
why_skip (const DtImportSection *section)
{
  const DtImportKey *type = entry_key (section, "Type");
  const DtImportKey *protocol = entry_key (section, "BaseProtocol");
  const DtImportKey *media = NULL;
  guint n = 1;

  for (guint i = 0; i < section->keys->len && media == NULL; i++)
    if (g_str_equal (g_array_index (section->keys, DtImportKey, i).key, "MEDIA"))
      media = &g_array_index (section->keys, DtImportKey, i);
  if (type != NULL && (!dt_import_parse_uint (type->value, &n) || n != 1))
    /* Translators: "a VPN entry (line 12: Type=2)". */
    return g_strdup_printf (_("%s (line %u: Type=%s)"), type_name (n), type->line, type->value);
  if (protocol != NULL && g_str_equal (protocol->value, "2"))
    return g_strdup_printf (_("a SLIP entry (line %u: BaseProtocol=2): Dialtone dials PPP"),
                            protocol->line);
  if (media == NULL)
    return g_strdup (_("no MEDIA= line: the entry names no port"));
  if (g_ascii_strcasecmp (media->value, "serial") != 0)
    return g_strdup_printf (_("its line is not a modem (line %u: MEDIA=%s)"), media->line,
                            media->value);
  return NULL;
}

/* @index counts the entries from 0.  A section of no name ("[]", which Windows never writes)
 * gets one, as a kppp account without a Name= does: an entry has a name, and is exported
 * under it. */
static DtImportProposal *
propose_entry (const DtImportSection *section,
               guint                  index)
{
  DtImportProposal *p = dt_import_proposal_new (section->name, section->line);
  g_autofree char *skip = why_skip (section);
  Entry e = { p, dt_import_proposal_get_entry (p), g_array_new (FALSE, FALSE, sizeof (Number)),
              NULL, NULL, g_hash_table_new (NULL, NULL) };
  const DtImportKey *ip, *dns;
  g_autofree char *stripped = g_strstrip (g_strdup (section->name));
  g_autofree char *unnamed = NULL;

  if (stripped[0] == '\0')
    /* Translators: an entry of a Windows phonebook that had no name; %u counts from 1. */
    unnamed = g_strdup_printf (_("Windows entry %u"), index + 1);
  dt_entry_set_name (e.entry, unnamed != NULL ? unnamed : section->name);
  if (skip != NULL)
    dt_import_proposal_skip (p, skip);
  else
    {
      /* Windows asks for the password unless it saved one, which this file does not hold. */
      dt_entry_set_prompt_credentials (e.entry, TRUE);
      dt_entry_set_remember_password (e.entry, TRUE);
      if ((ip = entry_key (section, "IpAssign")) != NULL)
        map_ip (&e, section, ip);
      if ((dns = entry_key (section, "IpNameAssign")) != NULL)
        map_dns (&e, section, dns);
      map_keys (&e, section);
      map_numbers (&e);
      if (e.port != NULL || e.device != NULL)
        {
          g_autofree char *hint = g_strdup_printf ("%s%s%s", e.port ? e.port->value : "",
                                                   e.port && e.device ? ": " : "",
                                                   e.device ? e.device->value : "");

          dt_import_proposal_set_device_hint (p, hint);
        }
      dt_import_proposal_sort_notes (p);
    }
  g_array_unref (e.numbers);
  g_hash_table_unref (e.done);
  return p;
}

/**
 * dt_import_pbk_read:
 * @text: a rasphone.pbk
 *
 * Returns: (transfer full): an entry for each phone entry, and the others as skipped
 */
DtImportResult *
dt_import_pbk_read (const DtImportText *text)
{
  g_autoptr (DtImportIni) ini = dt_import_ini_parse (text, "");
  DtImportResult *result = dt_import_result_new (DT_IMPORT_FORMAT_PBK);
  guint n = 0;

  dt_import_ini_drop_cut_line (ini, text);
  dt_import_result_set_encoding (result, text->encoding);
  dt_import_result_take_notes (result, ini->problems);
  for (guint i = 0; i < ini->sections->len && n < DT_IMPORT_MAX_PROPOSALS; i++)
    {
      const DtImportSection *section = g_ptr_array_index (ini->sections, i);
      DtImportProposal *p;

      if (section->broken)
        continue;
      if (section->name == NULL || section->name[0] == '.')
        {
          dt_import_result_note (result, section->line, NULL, NULL, section->name == NULL
                                 ? _("before any [entry]: Windows does not read it")
                                 : _("not needed: Windows' own dialing preferences"));
          continue;
        }
      p = propose_entry (section, n);
      dt_import_result_add (result, p);
      g_object_unref (p);
      n++;
    }
  if (n > 0)
    dt_import_result_note (result, 0, NULL, NULL,
                           _("A Windows phonebook holds no passwords (Windows keeps them "
                             "apart): Dialtone asks for each one when you first connect."));
  return result;
}
