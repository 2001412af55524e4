/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The kppprc reader (KDE's kppp, ~/.kde/share/config/kppprc or ~/.config/kppprc): a KConfig
 * file.  [General] counts the accounts (NumberOfAccounts) and modems (NumberOfModems) and
 * names the modem last used (DefaultModem); [Account0]… hold the accounts and [Modem0]…
 * the modems (an older kppp had one [Modem] group).  Groups past the counts are what kppp
 * leaves behind when an account is deleted, and are not accounts.  kppp picks the modem
 * when connecting, so each account gets the default modem, and the others are offered in
 * the preview's device chooser (the modem's own keys: dt-import-kppp-modem.c). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dt-import-kconfig.h"
#include "dt-import-kppp-modem.h"
#include "dt-import-readers.h"

typedef struct {
  DtImportIni *ini;
  DtImportResult *result;
  const DtImportSection *general;
  const DtImportSection *modem;        /* the default modem's group, or NULL */
  GHashTable *seen;                    /* groups that are read (borrowed) */
} Reader;

static const DtImportSection *
find_group (Reader     *r,
            const char *name)
{
  for (guint i = r->ini->sections->len; i > 0; i--)
    {
      const DtImportSection *section = g_ptr_array_index (r->ini->sections, i - 1);

      if (section->name != NULL && !section->broken && g_str_equal (section->name, name))
        return section;
    }
  return NULL;
}

/* A copy of @key with its value unescaped, for the notes and the settings. */static int
read_count (Reader     *r,
            const char *key_name,
            const char *prefix)
{
  const DtImportKey *key = dt_import_kconfig_lookup (r->general, key_name);
  guint n;

  if (key != NULL && dt_import_parse_uint (key->value, &n))
    return MIN (n, DT_IMPORT_MAX_PROPOSALS);
  /* Without [General], every group there is. */
  n = 0;
  while (n < DT_IMPORT_MAX_PROPOSALS)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", prefix, n);

      if (find_group (r, name) == NULL)
        break;
      n++;
    }
  return n;
}
/* Account ------------------------------------------------------------------------------ */

/* kppp's script commands, as lines of a login script; FALSE for one that has no
 * counterpart there (the script is then not imported: half a login is worse than none). */
static gboolean
script_line (GString    *script,
             const char *command,
             const char *argument,
             char      **why)
{
  g_autofree char *quoted = dt_import_script_quote (argument);
  guint n;

  if (g_str_equal (command, "Expect"))
    g_string_append_printf (script, "expect %s\n", quoted);
  else if (g_str_equal (command, "Send") || g_str_equal (command, "SendNoEcho"))
    g_string_append_printf (script, "send %s\n", quoted);
  else if (g_str_equal (command, "ID"))
    g_string_append (script, "send \"$USER\"\n");
  else if (g_str_equal (command, "Password"))
    g_string_append (script, "send \"$PASSWORD\"\n");
  else if ((g_str_equal (command, "Pause") || g_str_equal (command, "Timeout")) &&
           dt_import_parse_uint (argument, &n) && n >= 1 && n <= 3600)
    g_string_append_printf (script, "%s %u\n", g_str_equal (command, "Pause") ? "pause" : "timeout",
                            n);
  else
    {
      /* Translators: %s is a command of kppp's login scripts, such as Scan or LoopStart. */
      *why = g_strdup_printf (_("not imported: kppp's “%s” has no counterpart in a login "
                                "script; write the script in the entry's editor"), command);
      return FALSE;
    }
  return TRUE;
}

static void
map_script (DtImportProposal      *p,
            const DtImportSection *account)
{
  const DtImportKey *commands = dt_import_kconfig_lookup (account, "ScriptCommands");
  const DtImportKey *arguments = dt_import_kconfig_lookup (account, "ScriptArguments");
  g_auto (GStrv) names = NULL, values = NULL;
  g_autoptr (GString) script = g_string_new (NULL);
  g_autofree char *why = NULL;

  if (commands == NULL)
    {
      if (arguments != NULL)
        dt_import_proposal_unmapped (p, arguments, _("not needed: there are no script commands"));
      return;
    }
  names = dt_import_kconfig_split_list (commands->value, ',');
  values = arguments != NULL ? dt_import_kconfig_split_list (arguments->value, ',')
                             : g_new0 (char *, 1);
  for (guint i = 0; names[i] != NULL && why == NULL; i++)
    script_line (script, names[i], i < g_strv_length (values) ? values[i] : "", &why);
  if (why != NULL)
    {
      dt_import_proposal_lost (p, commands, why);
      if (arguments != NULL)
        dt_import_proposal_lost (p, arguments, why);
      return;
    }
  if (script->len == 0)
    {
      dt_import_proposal_unmapped (p, commands, _("not needed: an empty script"));
      return;
    }
  dt_import_proposal_set (p, commands, "login-script", _("the login script"), script->str);
  if (arguments != NULL)
    dt_import_proposal_mapped (p, arguments, _("the login script"));
}

static void
map_authentication (DtImportProposal      *p,
                    const DtImportSection *account,
                    const DtImportKey     *key)
{
  guint method;

  if (!dt_import_parse_uint (key->value, &method) || method > 4)
    {
      dt_import_proposal_lost (p, key, _("not imported: kppp knows the methods 0 to 4"));
      return;
    }
  switch (method)
    {
    case 0:
      dt_import_proposal_mapped (p, key, _("the login script, then what the server asks"));
      break;
    case 1:
      dt_import_proposal_set (p, key, "auth-methods", _("PAP"), DT_AUTH_PAP);
      break;
    case 2:
      dt_import_proposal_set (p, key, "show-terminal", _("a terminal window after dialing"), TRUE);
      break;
    case 3:
      /* pppd's CHAP includes Microsoft's. */
      dt_import_proposal_set (p, key, "auth-methods", _("CHAP and MS-CHAP v2"),
                              DT_AUTH_CHAP | DT_AUTH_MSCHAPV2);
      break;
    default:
      dt_import_proposal_set (p, key, "auth-methods", _("PAP or CHAP"), DT_AUTH_ALL);
      break;
    }
}

static void
map_numbers (DtImportProposal  *p,
             const DtImportKey *key)
{
  g_auto (GStrv) numbers = dt_import_kconfig_split_list (key->value, ':');
  g_autoptr (GPtrArray) alternates = g_ptr_array_new_null_terminated (4, NULL, TRUE);

  if (numbers[0] == NULL)
    return;
  {
    g_autofree char *what = g_strdup_printf (_("the number: %s"), numbers[0]);

    dt_import_proposal_set (p, key, "number", what, numbers[0]);
  }
  for (guint i = 1; numbers[i] != NULL; i++)
    {
      /* Translators: the position of an alternate number, and the number. */
      g_autofree char *what = g_strdup_printf (_("alternate number %u: %s"), alternates->len + 1,
                                               numbers[i]);

      g_ptr_array_add (alternates, numbers[i]);
      if (!dt_import_proposal_set (p, key, "alternates", what, alternates->pdata))
        g_ptr_array_remove_index (alternates, alternates->len - 1);
    }
}

static void
map_callback (DtImportProposal      *p,
              const DtImportSection *account,
              const DtImportKey     *key)
{
  const DtImportKey *phone = dt_import_kconfig_lookup (account, "CallbackPhone");
  guint type;

  if (!dt_import_parse_uint (key->value, &type) || type > 2)
    dt_import_proposal_lost (p, key, _("not imported: kppp knows the callback types 0 to 2"));
  else if (type == 0)
    dt_import_proposal_set (p, key, "callback-mode", _("no callback"), DT_CALLBACK_NONE);
  else if (type == 1 || phone == NULL || phone->value[0] == '\0')
    /* The server's own number, or ask: what Dialtone does when no number is fixed. */
    dt_import_proposal_set (p, key, "callback-mode", _("callback at the number the server or "
                                                      "you give"), DT_CALLBACK_ASK);
  else
    {
      g_autofree char *number = dt_import_kconfig_unescape (phone->value);

      dt_entry_set_callback_mode (dt_import_proposal_get_entry (p), DT_CALLBACK_FIXED);
      if (dt_import_proposal_set (p, phone, "callback-number", _("the callback number"), number))
        dt_import_proposal_mapped (p, key, _("callback at a fixed number"));
      else
        dt_import_proposal_set (p, key, "callback-mode", _("callback at the number you give"),
                                DT_CALLBACK_ASK);
      return;
    }
  if (phone != NULL)
    dt_import_proposal_unmapped (p, phone, _("not needed for this callback type"));
}

/* kppp's DNS: the ISP's (AutoDNS, on unless the file says) or the account's own list. */
static void
map_dns (DtImportProposal      *p,
         const DtImportSection *account)
{
  DtEntry *entry = dt_import_proposal_get_entry (p);
  const DtImportKey *auto_dns = dt_import_kconfig_lookup (account, "AutoDNS");
  const DtImportKey *dns = dt_import_kconfig_lookup (account, "DNS");
  g_auto (GStrv) servers = dns != NULL ? dt_import_kconfig_split_list (dns->value, ',') : NULL;
  gboolean automatic = TRUE;

  if (auto_dns != NULL && !dt_import_parse_boolean (auto_dns->value, &automatic))
    dt_import_proposal_lost (p, auto_dns, _("not imported: neither yes nor no"));
  else if (auto_dns != NULL && automatic)
    dt_import_proposal_mapped (p, auto_dns, _("DNS servers from the ISP"));
  if (servers == NULL || servers[0] == NULL)
    {
      if (dns != NULL)
        dt_import_proposal_unmapped (p, dns, _("not needed: empty"));
      if (auto_dns != NULL && !automatic)
        dt_import_proposal_lost (p, auto_dns, _("not imported: with no DNS server of its own, "
                                                "the entry uses the ISP's"));
      return;
    }
  if (automatic)
    {
      dt_import_proposal_lost (p, dns, _("not imported: with AutoDNS on, the entry uses the "
                                         "ISP's DNS servers"));
      return;
    }
  dt_entry_set_dns_mode (entry, DT_DNS_MODE_MANUAL);
  if (dt_import_proposal_set (p, dns, "dns-servers", _("the entry's own DNS servers"), servers))
    dt_import_proposal_mapped (p, auto_dns, _("the entry's own DNS servers"));
  else
    dt_entry_set_dns_mode (entry, DT_DNS_MODE_SERVER);
}

/* IPAddr 0.0.0.0 (or none) is the address the server gives. */
static void
map_address (DtImportProposal  *p,
             const DtImportKey *key)
{
  if (key->value[0] == '\0' || g_str_equal (key->value, "0.0.0.0"))
    {
      dt_import_proposal_mapped (p, key, _("the address the server gives"));
      return;
    }
  dt_import_proposal_set_static_address (p, key);
}

static void
map_credentials (DtImportProposal      *p,
                 const DtImportSection *account)
{
  DtEntry *entry = dt_import_proposal_get_entry (p);
  const DtImportKey *user = dt_import_kconfig_lookup (account, "Username");
  const DtImportKey *password = dt_import_kconfig_lookup (account, "Password");
  const DtImportKey *store = dt_import_kconfig_lookup (account, "StorePassword");
  gboolean stored = TRUE;

  if (user != NULL)
    {
      g_autofree char *name = dt_import_kconfig_unescape (user->value);

      dt_import_proposal_set (p, user, "user", _("the user name"), name);
    }
  if (store != NULL && !dt_import_parse_boolean (store->value, &stored))
    stored = TRUE;
  if (store != NULL)
    dt_import_proposal_mapped (p, store, stored ? _("the password is remembered")
                                                : _("ask for the password when connecting"));
  if (password != NULL && password->value[0] != '\0' && stored)
    {
      g_autofree char *plain = dt_import_kconfig_unescape (password->value);

      dt_import_proposal_take_password (p, password, plain);
      explicit_bzero (plain, strlen (plain));
    }
  else if (password != NULL && password->value[0] != '\0')
    dt_import_proposal_unmapped (p, password, _("not kept: StorePassword is off"));
  else if (password != NULL)
    dt_import_proposal_unmapped (p, password, _("not needed: not set"));
  dt_entry_set_remember_password (entry, dt_import_proposal_get_password (p) != NULL);
  dt_entry_set_prompt_credentials (entry, dt_import_proposal_get_password (p) == NULL);
}

static const struct {
  const char *key;
  gboolean lost;
  const char *reason;
} other_account_keys[] = {
  { "Name", FALSE, N_("the entry's name") },
  { "SubnetMask", FALSE, N_("not needed: a dial-up link has no subnet") },
  { "Gateway", TRUE, N_("not imported: the route goes to the far end of the link") },
  { "Domain", TRUE, N_("not imported: Dialtone leaves the search domain to NetworkManager") },
  { "ExDNSDisabled", FALSE, N_("not needed: NetworkManager chooses which DNS servers to use") },
  { "AutoName", FALSE, N_("not needed: the host name stays as it is") },
  { "pppdArguments", TRUE, N_("not imported: Dialtone runs PPP itself, so pppd's options do "
                              "not apply") },
  { "BeforeConnect", TRUE, N_("not imported: Dialtone runs no programs around a connection") },
  { "Command", TRUE, N_("not imported: Dialtone runs no programs around a connection") },
  { "BeforeDisconnect", TRUE, N_("not imported: Dialtone runs no programs around a "
                                 "connection") },
  { "DisconnectCommand", TRUE, N_("not imported: Dialtone runs no programs around a "
                                  "connection") },
  { "AccountingEnabled", FALSE, N_("not needed: kppp's call costs") },
  { "VolumeAccountingEnabled", FALSE, N_("not needed: kppp's call costs") },
  { "AccountingFile", FALSE, N_("not needed: kppp's call costs") },
  { "TotalCosts", FALSE, N_("not needed: kppp's call costs") },
  { "TotalBytes", FALSE, N_("not needed: kppp's call costs") },
  { "iconifyOnConnect", FALSE, N_("not needed: kppp's window") },
  { "DockIntoPanel", FALSE, N_("not needed: kppp's window") },
};

static gboolean
is_unset (const char *value)
{
  return value[0] == '\0' || g_str_equal (value, "0") || g_str_equal (value, "0.0.0.0");
}

static void
map_account_key (DtImportProposal      *p,
                 const DtImportSection *account,
                 const DtImportKey     *key)
{
  static const char * const handled_elsewhere[] = {
    "Username", "Password", "StorePassword", "CallbackPhone", "AutoDNS", "DNS",
    "ScriptCommands", "ScriptArguments",
  };
  g_autofree char *plain = dt_import_kconfig_unescape (key->value);

  for (gsize i = 0; i < G_N_ELEMENTS (handled_elsewhere); i++)
    if (dt_import_kconfig_key_matches (key, handled_elsewhere[i]))
      return;
  if (dt_import_kconfig_key_matches (key, "Phonenumber"))
    map_numbers (p, key);
  else if (dt_import_kconfig_key_matches (key, "DialPrefix") && plain[0] == '\0')
    dt_import_proposal_unmapped (p, key, _("not needed: not set"));
  else if (dt_import_kconfig_key_matches (key, "DialPrefix"))
    dt_import_proposal_set (p, key, "dial-prefix", _("the dial prefix"), plain);
  else if (dt_import_kconfig_key_matches (key, "Authentication"))
    map_authentication (p, account, key);
  else if (dt_import_kconfig_key_matches (key, "CallbackType"))
    map_callback (p, account, key);
  else if (dt_import_kconfig_key_matches (key, "DefaultRoute"))
    dt_import_proposal_set_boolean_text (p, key, "default-gateway", _("the default route"), FALSE);
  else if (dt_import_kconfig_key_matches (key, "IPAddr"))
    map_address (p, key);
  else
    {
      for (gsize i = 0; i < G_N_ELEMENTS (other_account_keys); i++)
        if (dt_import_kconfig_key_matches (key, other_account_keys[i].key))
          {
            if (other_account_keys[i].lost && is_unset (plain))
              dt_import_proposal_unmapped (p, key, _("not needed: not set"));
            else if (other_account_keys[i].lost)
              dt_import_proposal_lost (p, key, _(other_account_keys[i].reason));
            else if (i == 0)
              dt_import_proposal_mapped (p, key, _(other_account_keys[i].reason));
            else
              dt_import_proposal_unmapped (p, key, _(other_account_keys[i].reason));
            return;
          }
      dt_import_proposal_unmapped (p, key, _("not imported: kppp does not know this key "
                                             "either"));
    }
}

/* General ------------------------------------------------------------------------------ */

static const struct {
  const char *key;
  const char *reason;
} general_keys[] = {
  { "NumberOfAccounts", N_("the number of accounts: read") },
  { "NumberOfModems", N_("the number of modems: read") },
  { "DefaultAccount", N_("not needed: kppp's account chosen last") },
  { "DefaultModem", N_("the modem each account dials with") },
  { "pppdVersion", N_("not needed: Dialtone runs PPP itself, without pppd") },
  { "pppdTimeout", N_("not needed: Dialtone runs PPP itself, without pppd") },
  { "PPPDebug", N_("not needed: dialtone-cli --debug traces PPP") },
  { "ShowClock", N_("not needed: kppp's window") },
  { "ShowLogWindow", N_("not needed: kppp's window") },
  { "DockIntoPanel", N_("not needed: kppp's window") },
  { "iconifyOnConnect", N_("not needed: kppp's window") },
  { "DisconnectOnXServerExit", N_("not needed: Dialtone keeps a connection up until you hang "
                                  "up") },
  { "QuitOnDisconnect", N_("not needed: Dialtone keeps running while it has a window or a "
                           "connection") },
  { "RedialOnNoCarrier", N_("not imported: Dialtone redials any failed call as the entry's "
                            "redial settings say") },
  { "AutomaticRedial", N_("redial when the link drops: for every account") },
};

/* [General]'s keys, in the file's notes; AutomaticRedial goes to every account too. */
static void
note_general (Reader *r)
{
  if (r->general == NULL)
    return;
  for (guint i = 0; i < r->general->keys->len; i++)
    {
      const DtImportKey *key = &g_array_index (r->general->keys, DtImportKey, i);
      const char *reason = _("not imported: kppp does not know this key either");

      for (gsize j = 0; j < G_N_ELEMENTS (general_keys); j++)
        if (dt_import_kconfig_key_matches (key, general_keys[j].key))
          reason = _(general_keys[j].reason);
      dt_import_result_note (r->result, key->line, key->key, key->value, reason);
    }
}

static DtImportProposal *
propose_account (Reader                *r,
                 const DtImportSection *account,
                 guint                  index)
{
  DtImportProposal *p = dt_import_proposal_new (account->name, account->line);
  DtEntry *entry = dt_import_proposal_get_entry (p);
  const DtImportKey *name = dt_import_kconfig_lookup (account, "Name");
  const DtImportKey *redial = dt_import_kconfig_lookup (r->general, "AutomaticRedial");
  g_autofree char *plain_name = name != NULL ? dt_import_kconfig_unescape (name->value) : NULL;

  if (plain_name == NULL || g_strstrip (plain_name)[0] == '\0')
    {
      g_free (plain_name);
      /* Translators: an account of kppp that had no name; %u counts from 1. */
      plain_name = g_strdup_printf (_("kppp account %u"), index + 1);
    }
  dt_entry_set_name (entry, plain_name);
  if (r->modem != NULL)
    dt_import_kppp_map_modem (p, r->modem);
  for (guint i = 0; i < account->keys->len; i++)
    map_account_key (p, account, &g_array_index (account->keys, DtImportKey, i));
  map_credentials (p, account);
  map_dns (p, account);
  map_script (p, account);
  if (redial != NULL)
    dt_import_proposal_set_boolean_text (p, redial, "redial-on-link-drop",
                                         _("redial when the link drops"), FALSE);
  dt_import_proposal_sort_notes (p);
  return p;
}

/* The modem kppp used last: [General]'s DefaultModem names it; else the first. */
static void
find_default_modem (Reader *r,
                    guint   n_modems)
{
  const DtImportKey *wanted = dt_import_kconfig_lookup (r->general, "DefaultModem");

  for (guint i = 0; i < n_modems; i++)
    {
      g_autofree char *group = g_strdup_printf ("Modem%u", i);
      const DtImportSection *modem = find_group (r, group);
      const DtImportKey *name = dt_import_kconfig_lookup (modem, "Name");

      if (modem == NULL)
        continue;
      g_hash_table_add (r->seen, modem->name);
      if (r->modem == NULL || (wanted != NULL && name != NULL &&
                               g_str_equal (name->value, wanted->value)))
        r->modem = modem;
    }
  if (r->modem == NULL)
    r->modem = find_group (r, "Modem");
  if (r->modem != NULL)
    g_hash_table_add (r->seen, r->modem->name);
}

/* The other modems: their devices for the preview's chooser, and a note each. */
static void
note_other_modems (Reader *r,
                   guint   n_modems)
{
  for (guint i = 0; i < n_modems; i++)
    {
      g_autofree char *group = g_strdup_printf ("Modem%u", i);
      const DtImportSection *modem = find_group (r, group);
      const DtImportKey *device = dt_import_kconfig_lookup (modem, "Device");
      g_autofree char *message = NULL;

      if (modem == NULL || modem == r->modem || device == NULL)
        continue;
      dt_import_result_add_device (r->result, device->value);
      message = g_strdup_printf (_("another modem of kppp: %s is offered in the device "
                                   "chooser"), device->value);
      dt_import_result_note (r->result, modem->line, NULL, NULL, message);
    }
}

static void
note_unread_groups (Reader *r)
{
  for (guint i = 0; i < r->ini->sections->len; i++)
    {
      const DtImportSection *section = g_ptr_array_index (r->ini->sections, i);

      if (section->name == NULL)
        dt_import_result_note (r->result, section->line, NULL, NULL,
                               _("before any [group]: kppp does not read it"));
      else if (section->broken || g_hash_table_contains (r->seen, section->name))
        continue;
      else if (g_str_has_prefix (section->name, "Account") ||
               g_str_has_prefix (section->name, "Modem"))
        dt_import_result_note (r->result, section->line, NULL, NULL,
                               _("past the number [General] gives: what kppp left of a "
                                 "deleted account or modem"));
      else
        dt_import_result_note (r->result, section->line, NULL, NULL,
                               _("not needed: kppp's window and graph settings"));
    }
}

/**
 * dt_import_kppp_read:
 * @text: a kppprc
 *
 * Returns: (transfer full): an entry for each kppp account
 */
DtImportResult *
dt_import_kppp_read (const DtImportText *text)
{
  g_autoptr (DtImportIni) ini = dt_import_ini_parse (text, "#");
  Reader r = { ini, dt_import_result_new (DT_IMPORT_FORMAT_KPPP), NULL, NULL,
               g_hash_table_new (g_str_hash, g_str_equal) };
  guint n_accounts, n_modems;

  dt_import_ini_drop_cut_line (ini, text);
  dt_import_result_set_encoding (r.result, text->encoding);
  dt_import_result_take_notes (r.result, ini->problems);
  r.general = find_group (&r, "General");
  if (r.general != NULL)
    g_hash_table_add (r.seen, r.general->name);
  n_accounts = read_count (&r, "NumberOfAccounts", "Account");
  n_modems = read_count (&r, "NumberOfModems", "Modem");
  find_default_modem (&r, n_modems);
  note_general (&r);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autofree char *group = g_strdup_printf ("Account%u", i);
      const DtImportSection *account = find_group (&r, group);
      DtImportProposal *p;

      if (account == NULL)
        continue;
      g_hash_table_add (r.seen, account->name);
      p = propose_account (&r, account, i);
      dt_import_result_add (r.result, p);
      g_object_unref (p);
    }
  note_other_modems (&r, n_modems);
  note_unread_groups (&r);
  g_hash_table_unref (r.seen);
  return r.result;
}
